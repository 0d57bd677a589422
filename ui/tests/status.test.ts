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
});
