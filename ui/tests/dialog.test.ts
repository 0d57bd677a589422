// Keyboard behaviour of dialogs: focus goes in, stays in (Tab cycles), Escape closes, and
// focus comes back to the button that opened the dialog.
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/svelte";
import { createRawSnippet } from "svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import AgendaArea from "../src/areas/Agenda.svelte";
import Modal from "../src/components/Modal.svelte";
import type { Agenda } from "../src/lib/api";
import { site, vocab } from "./fixtures";

afterEach(() => {
  cleanup();
  clearMocks();
  document.body.innerHTML = "";
});

const body = createRawSnippet(() => ({
  render: () => `<form><h2 id="t">Titre</h2><input id="first" /><input id="hidden" hidden /><button type="button" id="last">Annuler</button></form>`,
}));

function openModal(onclose = vi.fn()) {
  const opener = document.createElement("button");
  opener.textContent = "Ouvrir";
  document.body.append(opener);
  opener.focus();
  const view = render(Modal, { props: { labelledby: "t", onclose, children: body } });
  return { opener, onclose, view };
}

describe("Modal", () => {
  it("takes the focus, named by its heading", () => {
    openModal();
    const dialog = screen.getByRole("dialog", { name: "Titre" });
    expect(dialog.hasAttribute("open")).toBe(true);
    expect(document.activeElement?.id).toBe("first");
  });

  it("keeps Tab and Shift+Tab inside, skipping hidden fields", async () => {
    openModal();
    const first = document.getElementById("first") as HTMLElement;
    const last = document.getElementById("last") as HTMLElement;
    last.focus();
    expect(await fireEvent.keyDown(last, { key: "Tab" })).toBe(false); // default prevented
    expect(document.activeElement).toBe(first);
    expect(await fireEvent.keyDown(first, { key: "Tab", shiftKey: true })).toBe(false);
    expect(document.activeElement).toBe(last);
    // In the middle, Tab is left to the browser.
    first.focus();
    expect(await fireEvent.keyDown(first, { key: "Tab" })).toBe(true);
  });

  it("closes on Escape once, and gives the focus back to its opener", async () => {
    const { opener, onclose, view } = openModal();
    await fireEvent.keyDown(document.getElementById("first") as HTMLElement, { key: "Escape" });
    await fireEvent(screen.getByRole("dialog"), new Event("cancel", { cancelable: true }));
    expect(onclose).toHaveBeenCalledTimes(1);
    view.unmount();
    expect(document.activeElement).toBe(opener);
  });
});

describe("Booking dialog", () => {
  const agenda: Agenda = {
    title: "mardi 30 mars 2027",
    previous: "2027-03-29",
    next: "2027-03-31",
    today: "2027-03-30",
    waiting: [],
    days: [
      {
        date: "2027-03-30",
        label: "mardi 30 mars 2027",
        notices: [],
        others: [],
        slots: [
          {
            slot: { siteId: 1, permanenceId: 10, start: "2027-03-30T14:00:00+02:00", end: "2027-03-30T14:30:00+02:00", kind: "appointment", capacity: 1, booked: 0, day: "mardi 30 mars 2027", hours: "14 h – 14 h 30", unavailable: null },
            siteName: site.name,
            appointments: [],
            bookable: true,
            past: false,
          },
        ],
      },
    ],
  };

  it("opens on the name field from a slot; Escape closes it and focus returns to « Réserver »", async () => {
    mockIPC((cmd) => ({ list_sites: [site], list_mediators: [], walk_in_queue: [], vocabularies: vocab, agenda })[cmd] ?? null);
    render(AgendaArea);
    const reserve = await screen.findByRole("button", { name: /^Réserver 14 h/ });
    reserve.focus();
    await fireEvent.click(reserve);
    const dialog = await screen.findByRole("dialog", { name: "Prendre un rendez-vous" });
    expect(document.activeElement).toBe(within(dialog).getByLabelText("Prénom ou initiales"));
    await fireEvent.keyDown(document.activeElement as HTMLElement, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    await new Promise((r) => requestAnimationFrame(r));
    expect(document.activeElement).toBe(screen.getByRole("button", { name: /^Réserver 14 h/ }));
  });
});
