import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import App from "../src/App.svelte";
import { announce } from "../src/lib/announce.svelte";
import { vocab } from "./fixtures";

afterEach(() => {
  cleanup();
  clearMocks();
});

const info = { version: "0.2.0", license: "AGPL-3.0-or-later", dbPath: "/tmp/p.sqlite3", dbError: null, measuring: false, locked: false, today: "2026-12-01" };

describe("Status messages", () => {
  it("are read out from a live region beside the navigation, not over the page, and cleared when another area opens", async () => {
    mockIPC((cmd) => {
      const answers: Record<string, unknown> = { app_info: info, list_sites: [], list_mediators: [], vocabularies: vocab, list_visits: [], list_terms: [] };
      return answers[cmd] ?? null;
    });
    render(App);
    const live = await screen.findByRole("status");
    expect(live.getAttribute("aria-live")).toBe("polite");
    expect(live.closest("header"), "in the navigation column: it never covers the page's buttons").not.toBeNull();
    expect(live.closest("main")).toBeNull();

    announce("Lieu enregistré.");
    await waitFor(() => expect(live.textContent).toBe("Lieu enregistré."));
    const elsewhere = screen.getAllByRole("button").find((b) => b.classList.contains("nav-item") && !b.hasAttribute("aria-current"));
    await fireEvent.click(elsewhere as HTMLElement);
    expect(live.textContent, "a message about the area left does not follow the user").toBe("");
  });
});

describe("A confirmation said where the focus lands", () => {
  it("puts the focus back on the element, described by the confirmation until it leaves it", async () => {
    const { announceAt, STATUS_ID } = await import("../src/lib/announce.svelte");
    document.body.innerHTML = `<div class="live-status" role="status"></div><button id="b" aria-describedby="hint">Prendre un rendez-vous</button><span id="hint">x</span><input id="other" />`;
    const button = document.getElementById("b") as HTMLButtonElement;
    announceAt("Rendez-vous enregistré : mardi 1er décembre 2026, 11 h – 11 h 30.", () => button);
    await waitFor(() => expect(document.activeElement).toBe(button));
    expect(button.getAttribute("aria-describedby"), "the confirmation first, then what described it before").toBe(`${STATUS_ID} hint`);
    expect(document.getElementById(STATUS_ID)?.classList.contains("live-status"), "it points to the live region").toBe(true);
    (document.getElementById("other") as HTMLInputElement).focus();
    expect(button.getAttribute("aria-describedby"), "once left, described as before").toBe("hint");
  });

  it("focuses nothing when the element is gone", async () => {
    const { announceAt } = await import("../src/lib/announce.svelte");
    document.body.innerHTML = `<input id="here" />`;
    const here = document.getElementById("here") as HTMLInputElement;
    here.focus();
    const gone = document.createElement("button");
    announceAt("Accompagnement du mardi 1er décembre 2026 enregistré.", () => gone);
    await new Promise((r) => setTimeout(r, 100));
    expect(document.activeElement).toBe(here);
    expect(gone.hasAttribute("aria-describedby")).toBe(false);
  });

  it("says a confirmation on the focused button itself, the focus left there", async () => {
    const { announce, STATUS_ID } = await import("../src/lib/announce.svelte");
    document.body.innerHTML = `<div class="live-status" role="status"></div><button id="save">Enregistrer</button>`;
    const save = document.getElementById("save") as HTMLButtonElement;
    save.focus();
    announce("Durées de conservation enregistrées.");
    await waitFor(() => expect(save.getAttribute("aria-describedby")).toBe(STATUS_ID));
    expect(document.activeElement).toBe(save);
  });

  it("says it on the button the page moves the focus back to in the next frame, the form gone", async () => {
    const { announce, STATUS_ID } = await import("../src/lib/announce.svelte");
    document.body.innerHTML = `<div class="live-status" role="status"></div><button id="perm-add">Ajouter une permanence</button><form><button id="submit">Enregistrer la permanence</button></form>`;
    (document.getElementById("submit") as HTMLButtonElement).focus();
    document.querySelector("form")?.remove();
    announce("Permanence ajoutée : le mardi de 9 h à 12 h.");
    requestAnimationFrame(() => document.getElementById("perm-add")?.focus());
    const add = document.getElementById("perm-add") as HTMLButtonElement;
    await waitFor(() => expect(add.getAttribute("aria-describedby")).toBe(STATUS_ID));
    expect(document.activeElement).toBe(add);
  });

  it("puts the focus back on the last button focused when it fell on nothing (a button disabled while saving)", async () => {
    const { announce, STATUS_ID } = await import("../src/lib/announce.svelte");
    document.body.innerHTML = `<div class="live-status" role="status"></div><button id="backup">Faire une sauvegarde</button>`;
    const backup = document.getElementById("backup") as HTMLButtonElement;
    backup.focus();
    backup.blur();
    expect(document.activeElement).toBe(document.body);
    announce("Sauvegarde faite : mardi 1er décembre 2026.");
    await waitFor(() => expect(document.activeElement).toBe(backup));
    expect(backup.getAttribute("aria-describedby")).toBe(STATUS_ID);
  });

  it("changes the description again for a second confirmation on the same button", async () => {
    const { announce, STATUS_ID } = await import("../src/lib/announce.svelte");
    document.body.innerHTML = `<div class="live-status" role="status"></div><button id="save" aria-describedby="hint">Enregistrer</button><span id="hint">x</span>`;
    const save = document.getElementById("save") as HTMLButtonElement;
    save.focus();
    announce("Réglage enregistré.");
    await waitFor(() => expect(save.getAttribute("aria-describedby")).toBe(`${STATUS_ID} hint`));
    const seen: (string | null)[] = [];
    new MutationObserver(() => seen.push(save.getAttribute("aria-describedby"))).observe(save, { attributes: true });
    announce("Réglage enregistré.");
    await waitFor(() => expect(seen[seen.length - 1]).toBe(`${STATUS_ID} hint`));
    expect(seen, "taken off, then given again: a change Orca reads").toEqual(["hint", `${STATUS_ID} hint`]);
  });
});

describe("A confirmation whose button is gone", () => {
  it("is said on the waiting list's own button once an entry is withdrawn", async () => {
    const { default: WaitingPanel } = await import("../src/components/WaitingPanel.svelte");
    const { STATUS_ID, status } = await import("../src/lib/announce.svelte");
    const { site } = await import("./fixtures");
    mockIPC(() => null);
    const entry = { id: 4, siteId: site.id, name: "Zoé", contact: "06 12 34 56 78", reason: null, notes: null, since: "depuis le 1er décembre 2026" };
    const view = render(WaitingPanel, { entries: [entry], sites: [site], siteId: site.id, vocab, onchange: () => {} });
    const withdraw = screen.getByRole("button", { name: "Retirer Zoé de la liste" });
    withdraw.focus();
    await fireEvent.click(withdraw);
    // The list drawn again without Zoé: her buttons are gone.
    await view.rerender({ entries: [], sites: [site], siteId: site.id, vocab, onchange: () => {} });
    const add = screen.getByRole("button", { name: /Inscrire/ });
    await waitFor(() => expect(document.activeElement).toBe(add));
    expect(status.text).toBe("Zoé n'est plus sur la liste d'attente.");
    expect(add.getAttribute("aria-describedby")).toContain(STATUS_ID);
  });
});
