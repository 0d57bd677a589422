// The first screen's wait on the core: how many IPC round trips in a row the page makes before
// the agenda is drawn (each one a trip through the web process, the IPC and the core). The
// budget is in budgets.toml ([first_screen]); `make test` fails past it.
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, render } from "@testing-library/svelte";
import { tick } from "svelte";
import { afterEach, describe, expect, it } from "vitest";
import App from "../src/App.svelte";
import budgets from "../../budgets.toml?raw";
import type { Agenda } from "../src/lib/api";
import { site, vocab } from "./fixtures";

afterEach(async () => {
  // What the page left to do after its first paint (the status line) goes to this test's core.
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 10)));
  cleanup();
  clearMocks();
  localStorage.clear();
  sessionStorage.clear();
  delete window.__PERMANENCES_OPENING__;
});

/** The budget, read from the one file that holds them all. */
function budget(): number {
  const section = budgets.split(/^\[first_screen\]$/m)[1] ?? "";
  const found = /^ipc_round_trips\s*=\s*(\d+)/m.exec(section);
  if (!found) throw new Error("budgets.toml has no [first_screen] ipc_round_trips");
  return Number(found[1]);
}

const info = { version: "0.2.0", license: "AGPL-3.0-or-later", dbPath: "/tmp/p.sqlite3", dbError: null, measuring: false, locked: false, today: "2026-12-01" };
const agenda: Agenda = {
  title: "mardi 1 décembre 2026",
  previous: "2026-11-30",
  next: "2026-12-02",
  today: "2026-12-01",
  waiting: [],
  days: [{ date: "2026-12-01", label: "mardi 1 décembre 2026", notices: [], others: [], slots: [] }],
};
const opening = { info, anySite: true, sites: [site], mediators: [], vocabularies: vocab, siteId: site.id, agenda };
const answers: Record<string, unknown> = {
  open_agenda: opening,
  walk_in_queue: [],
};

/** What the core gives the page before its script runs (src-tauri: first_opening_script). */
function giveOpening(siteFor: Record<string, number | null> = { all: null, [String(site.id)]: site.id }) {
  window.__PERMANENCES_OPENING__ = { perGrid: 5, opening, siteFor };
}

/** Lets the page run until it waits on nothing but the core's answers. */
async function settle() {
  for (let i = 0; i < 5; i++) {
    await tick();
    await new Promise((r) => setTimeout(r, 0));
  }
}

/**
 * Renders the app with a core that answers only when told, all pending questions at once: one
 * release is one round trip. Returns the commands asked in each round until `drawn` matches.
 */
async function roundsUntil(drawn: string): Promise<string[][]> {
  const pending: { cmd: string; answer: () => void }[] = [];
  mockIPC((cmd) => new Promise((resolve) => pending.push({ cmd, answer: () => resolve(answers[cmd] ?? null) })));
  render(App);
  const rounds: string[][] = [];
  await settle();
  while (!document.querySelector(drawn)) {
    if (pending.length === 0) throw new Error(`nothing asked of the core and ${drawn} not drawn, after ${JSON.stringify(rounds)}`);
    if (rounds.length > 10) throw new Error(`more than 10 round trips: ${JSON.stringify(rounds)}`);
    const batch = pending.splice(0);
    rounds.push(batch.map((p) => p.cmd));
    for (const p of batch) p.answer();
    await settle();
  }
  return rounds;
}

describe("the first screen", () => {
  it("draws the agenda within its budget of IPC round trips in a row", async () => {
    giveOpening();
    const rounds = await roundsUntil("#agenda-title");
    expect(document.querySelector("#agenda-title")?.textContent).toContain("mardi 1 décembre 2026");
    expect(
      rounds.length,
      `round trips before the agenda: ${rounds.map((r) => r.join(" + ")).join(" → ")}; past budgets.toml's [first_screen], raise it there with the reason`,
    ).toBeLessThanOrEqual(budget());
  });
});

describe("the first screen after another file was opened", () => {
  it("does not open on the « Lieu » remembered for the other file", async () => {
    localStorage.setItem("permanences.lastFile", "/autre.sqlite3");
    localStorage.setItem("permanences.agendaSite:/autre.sqlite3", "1");
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "open_agenda") {
        asked.push((args as { remembered: string | null }).remembered);
        return { ...(answers.open_agenda as object), info: { ...info, dbPath: "/tmp/p.sqlite3" } };
      }
      return answers[cmd] ?? null;
    });
    render(App);
    await settle();
    // The first answer was chosen with the other file's « Lieu »: the agenda asks again, with
    // what this file remembers (nothing).
    expect(asked).toEqual(["1", null]);
  });

  it("draws the agenda given by the core without asking it, once", async () => {
    giveOpening();
    const rounds = await roundsUntil("#agenda-title");
    expect(rounds, "no trip through the core before the agenda").toEqual([]);
    expect(window.__PERMANENCES_OPENING__, "taken once").toBeUndefined();
    expect(sessionStorage.getItem("permanences.givenOpeningSeen")).toBe("1");
  });

  it("asks the core when the remembered « Lieu » opens elsewhere than the given agenda", async () => {
    localStorage.setItem("permanences.lastFile", info.dbPath);
    localStorage.setItem(`permanences.agendaSite:${info.dbPath}`, "all");
    giveOpening();
    const rounds = await roundsUntil("#agenda-title");
    expect(rounds[0]).toEqual(["open_agenda"]);
  });

  it("takes the given agenda when the remembered « Lieu » is no longer listed (the core opens it the same)", async () => {
    localStorage.setItem("permanences.lastFile", info.dbPath);
    localStorage.setItem(`permanences.agendaSite:${info.dbPath}`, "999");
    giveOpening();
    expect(await roundsUntil("#agenda-title")).toEqual([]);
  });

  it("asks the core after a reload of the page: what was given at start may be stale", async () => {
    sessionStorage.setItem("permanences.givenOpeningSeen", "1");
    giveOpening();
    const rounds = await roundsUntil("#agenda-title");
    expect(rounds[0]).toEqual(["open_agenda"]);
  });

  it("asks the core when nothing was given", async () => {
    const rounds = await roundsUntil("#agenda-title");
    expect(rounds[0]).toEqual(["open_agenda"]);
    expect(rounds.length).toBe(1);
  });
});
