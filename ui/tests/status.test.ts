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
