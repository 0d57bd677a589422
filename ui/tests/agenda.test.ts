import { emit } from "@tauri-apps/api/event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import AgendaArea from "../src/areas/Agenda.svelte";
import type { Agenda, Appointment } from "../src/lib/api";
import { site, vocab } from "./fixtures";

afterEach(() => {
  cleanup();
  clearMocks();
  localStorage.clear();
});

const lea: Appointment = {
  id: 7,
  siteId: 1,
  permanenceId: 10,
  start: "2027-03-30T14:00:00+02:00",
  end: "2027-03-30T14:30:00+02:00",
  residentName: "Léa",
  residentPhone: null,
  residentEmail: null,
  reason: "caf",
  notes: null,
  status: "booked",
  extra: false,
  createdBy: null,
  day: "mardi 30 mars 2027",
  hours: "14\u00a0h\u00a0– 14\u00a0h\u00a030",
  who: "Léa",
  whatToBring: null,
  canUndo: false,
  visitId: null,
  unconfirmed: false,
};

function day(appointments: Appointment[]): Agenda {
  const slot = (start: string, hours: string, booked: number) => ({
    siteId: 1,
    permanenceId: 10,
    start,
    end: start,
    kind: "appointment" as const,
    capacity: 1,
    booked,
    day: "mardi 30 mars 2027",
    hours,
    unavailable: null,
  });
  return {
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
          { slot: slot("2027-03-30T14:00:00+02:00", "14 h – 14 h 30", appointments.length), siteName: site.name, appointments, bookable: appointments.length === 0, past: false },
          { slot: slot("2027-03-30T14:30:00+02:00", "14 h 30 – 15 h", 0), siteName: site.name, appointments: [], bookable: true, past: false },
        ],
      },
    ],
  };
}

describe("Agenda", () => {
  it("lists who is coming and full slots, and marks an appointment present (list view)", async () => {
    localStorage.setItem("permanences.agendaView", "list");
    const calls: { cmd: string; args: unknown }[] = [];
    let agenda = day([lea]);
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === "set_appointment_status") {
        agenda = day([{ ...lea, status: "honoured", canUndo: true }]);
        return { appointment: agenda.days[0].slots[0].appointments[0], callList: [] };
      }
      return ({ list_sites: [site], list_mediators: [], walk_in_queue: [], vocabularies: vocab, agenda } as Record<string, unknown>)[cmd] ?? null;
    });
    render(AgendaArea);
    const row = (await screen.findByText("Léa")).closest("tr") as HTMLElement;
    expect(within(row).getByText("Complet")).toBeTruthy();
    expect(within(row).getByText("Prévu")).toBeTruthy();
    expect(within(row).queryByRole("button", { name: /annulé par le lieu$/ }), "cancelling waits behind « Autres actions »").toBeNull();
    await fireEvent.click(within(row).getByRole("button", { name: /: présent$/ }));
    expect(await screen.findByRole("button", { name: /annuler la dernière action/ })).toBeTruthy();
    expect(within(screen.getByText("Léa").closest("li") as HTMLElement).getByText("Présent(e)")).toBeTruthy();
    expect(calls.find((c) => c.cmd === "set_appointment_status")?.args).toEqual({ id: 7, status: "honoured", by: null });
  });

  it("says « à confirmer » of a booking the network's server has not confirmed, in every view", async () => {
    // The list, and the grid (a single site's day: the desk's view).
    for (const view of ["list", "grid"]) {
      localStorage.setItem("permanences.agendaView", view);
      const agenda = day([{ ...lea, unconfirmed: true }]);
      mockIPC((cmd) => ({ list_sites: [site], list_mediators: [], walk_in_queue: [], vocabularies: vocab, agenda } as Record<string, unknown>)[cmd] ?? null);
      render(AgendaArea);
      const line = (await screen.findByText("Léa")).closest("li") as HTMLElement;
      expect(within(line).getByText("à confirmer"), `${view} view`).toBeTruthy();
      cleanup();
      clearMocks();
    }
  });

  it("reads the day again when the background sync received changes from the network", async () => {
    let agenda = day([]);
    mockIPC((cmd) => ({ list_sites: [site], list_mediators: [], walk_in_queue: [], vocabularies: vocab, agenda } as Record<string, unknown>)[cmd] ?? null, {
      shouldMockEvents: true,
    });
    render(AgendaArea);
    await screen.findByRole("heading", { name: /mardi 30 mars 2027/ });
    expect(screen.queryByText("Léa")).toBeNull();
    // The agenda listens once it is painted (the sync's first round comes seconds later).
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 10)));
    // Another desk booked Léa; the sync thread says so.
    agenda = day([lea]);
    await emit("network-received", { received: 1 });
    expect(await screen.findByText("Léa")).toBeTruthy();
  });

  it("shows the desk's day: present / absent first, the rest in a menu, free slots folded", async () => {
    const past = day([lea]);
    // A slot that has begun with nobody in it is left out, and two free ones fold into one line.
    past.days[0].slots.unshift({ ...past.days[0].slots[1], slot: { ...past.days[0].slots[1].slot, start: "2027-03-30T13:30:00+02:00", hours: "13 h 30 – 14 h" }, past: true, bookable: false });
    past.days[0].slots.push({ ...past.days[0].slots[2], slot: { ...past.days[0].slots[2].slot, start: "2027-03-30T15:00:00+02:00", hours: "15 h – 15 h 30" } });
    mockIPC((cmd) => ({ list_sites: [site], list_mediators: [], walk_in_queue: [], vocabularies: vocab, agenda: past } as Record<string, unknown>)[cmd] ?? null);
    render(AgendaArea);
    const line = (await screen.findByText("Léa")).closest("li") as HTMLElement;
    expect(within(line).getByRole("button", { name: /: présent$/ })).toBeTruthy();
    expect(within(line).getByRole("button", { name: /: absent$/ })).toBeTruthy();
    expect(within(line).queryByRole("button", { name: /annulé par la personne$/ })).toBeNull();
    await fireEvent.click(within(line).getByRole("button", { name: /: autres actions$/ }));
    expect(within(line).getByRole("button", { name: /annulé par la personne$/ })).toBeTruthy();
    expect(screen.getByText("14 h 30 – 15 h 30 : 2 créneaux libres")).toBeTruthy();
    expect(screen.queryByText(/13 h 30/), "a past empty slot is not shown").toBeNull();
    expect(screen.queryByText(/Passé, sans rendez-vous/)).toBeNull();
  });

  it("offers the next free slots and the waiting list when the slot filled up meanwhile", async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    const later = { ...day([]).days[0].slots[1].slot, start: "2027-04-06T14:30:00+02:00", day: "mardi 6 avril 2027" };
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === "book_appointment") {
        throw { kind: "conflict", field: "start", message: "Ce créneau est complet : sa place est déjà prise." };
      }
      if (cmd === "next_free_slots") return [later];
      if (cmd === "add_waiting") return { id: 3, siteId: site.id, name: "Inès", contact: "06 55 44 33 22", reason: null, notes: null, since: "depuis le 30 mars 2027" };
      return ({ list_sites: [site], list_mediators: [], walk_in_queue: [], vocabularies: vocab, agenda: day([]) } as Record<string, unknown>)[cmd] ?? null;
    });
    render(AgendaArea);
    const buttons = await screen.findAllByRole("button", { name: /^Réserver/ });
    await fireEvent.click(buttons[0]);
    const dialog = await screen.findByRole("dialog");
    // Two free slots fold into one line; « Réserver » opens the first of them.
    expect(within(dialog).getByText(/14 h – 14 h 30/)).toBeTruthy();
    await fireEvent.input(within(dialog).getByLabelText("Prénom ou initiales"), { target: { value: "Inès" } });
    await fireEvent.input(within(dialog).getByLabelText("Téléphone"), { target: { value: "06 55 44 33 22" } });
    const agendaLoads = calls.filter((c) => c.cmd === "agenda").length;
    await fireEvent.click(within(dialog).getByRole("button", { name: "Enregistrer le rendez-vous" }));
    const full = await within(dialog).findByRole("region", { name: "Plus de place à cette heure" });
    expect(full.textContent).toContain("sa place est déjà prise");
    expect(within(full).getByRole("radio", { name: /mardi 6 avril 2027/ })).toBeTruthy();
    expect(calls.find((c) => c.cmd === "next_free_slots")?.args).toEqual({ search: { siteId: site.id, kind: null, reason: null }, limit: 3 });
    expect(calls.filter((c) => c.cmd === "agenda").length, "the agenda behind reloads").toBeGreaterThan(agendaLoads);
    await fireEvent.click(within(full).getByRole("button", { name: "Inscrire sur la liste d'attente" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(calls.find((c) => c.cmd === "add_waiting")?.args).toEqual({
      input: { siteId: site.id, name: "Inès", contact: "06 55 44 33 22", reason: null, notes: null },
    });
  });

  it("moves an appointment to a free slot of its site", async () => {
    let sent: unknown = null;
    const free = { ...day([]).days[0].slots[1].slot, start: "2027-04-06T14:30:00+02:00", day: "mardi 6 avril 2027" };
    mockIPC((cmd, args) => {
      if (cmd === "next_free_slots") return [free];
      if (cmd === "reschedule_appointment") {
        sent = args;
        return { ...lea, start: free.start, day: free.day };
      }
      return ({ list_sites: [site], list_mediators: [], walk_in_queue: [], vocabularies: vocab, agenda: day([lea]) } as Record<string, unknown>)[cmd] ?? null;
    });
    render(AgendaArea);
    await fireEvent.click(await screen.findByRole("button", { name: /: autres actions$/ }));
    await fireEvent.click(await screen.findByRole("button", { name: /: déplacer$/ }));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByRole("heading", { name: "Déplacer le rendez-vous de Léa" })).toBeTruthy();
    expect(within(dialog).queryByLabelText(/Prénom ou initiales/)).toBeNull();
    await fireEvent.click(within(dialog).getByRole("button", { name: "Chercher les prochains créneaux libres" }));
    expect(await within(dialog).findByLabelText(/mardi 6 avril 2027/)).toBeTruthy();
    await fireEvent.click(within(dialog).getByRole("button", { name: "Déplacer le rendez-vous" }));
    await new Promise((r) => setTimeout(r, 0));
    expect(sent).toEqual({ id: 7, start: "2027-04-06T14:30:00+02:00", by: null });
  });
});

describe("A network's day", () => {
  /** A fake IntersectionObserver: the test says when an element comes near the screen. */
  const watched: { node: Element; fire: (near: boolean) => void }[] = [];
  class FakeObserver {
    constructor(private callback: IntersectionObserverCallback) {}
    observe(node: Element) {
      watched.push({ node, fire: (near) => this.callback([{ isIntersecting: near, target: node } as IntersectionObserverEntry], this as unknown as IntersectionObserver) });
    }
    disconnect() {
      for (let i = watched.length - 1; i >= 0; i--) if (!watched[i].node.isConnected) watched.splice(i, 1);
    }
  }

  afterEach(() => {
    watched.length = 0;
    delete (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver;
  });

  it("draws the first grid of sites, then each next one as it comes near the screen or is asked for", async () => {
    (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver = FakeObserver;
    const sites = Array.from({ length: 12 }, (_, i) => ({ ...site, id: i + 1, name: `Lieu ${i + 1}` }));
    const network = day([]);
    const template = network.days[0].slots[1];
    network.days[0].slots = sites.map((s) => ({ ...template, siteName: s.name, slot: { ...template.slot, siteId: s.id } }));
    const asked: (number | null)[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "agenda") asked.push((args as { siteId: number | null }).siteId);
      return ({ list_sites: sites, list_mediators: [], walk_in_queue: [], vocabularies: vocab, agenda: network } as Record<string, unknown>)[cmd] ?? null;
    });
    render(AgendaArea, { dbPath: "/reseau.sqlite3" });
    // Twelve sites' day is three grids: the agenda opens on the first site, the network's day
    // is one choice away, and that choice is kept for the next start.
    await waitFor(() => expect(asked).toEqual([1]));
    const place = screen.getByLabelText("Lieu") as HTMLSelectElement;
    expect(place.selectedOptions[0].textContent).toBe("Lieu 1");
    place.value = place.options[0].value;
    await fireEvent.change(place);
    await waitFor(() => expect(asked).toEqual([1, null]));
    expect(localStorage.getItem("permanences.agendaSite:/reseau.sqlite3")).toBe("all");
    expect(await screen.findByRole("heading", { name: "Lieu 5" })).toBeTruthy();
    expect(screen.queryByRole("heading", { name: "Lieu 6" }), "the second grid waits until it is near").toBeNull();
    expect(screen.getByText("Lieux 6 à 10 sur 12 : Lieu 6, Lieu 7, Lieu 8, Lieu 9, Lieu 10.")).toBeTruthy();

    // Scrolled near: the second grid is drawn, and the next five are announced in its place.
    watched[watched.length - 1].fire(true);
    expect(await screen.findByRole("heading", { name: "Lieu 10" })).toBeTruthy();
    expect(screen.getByText("Lieux 11 à 12 sur 12 : Lieu 11, Lieu 12.")).toBeTruthy();

    // By the keyboard (or a reader), the button draws them too; then nothing waits.
    await fireEvent.click(screen.getByRole("button", { name: "Afficher ces lieux" }));
    expect(await screen.findByRole("heading", { name: "Lieu 12" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Afficher ces lieux" })).toBeNull();
    expect(screen.getAllByRole("group", { name: /tous les lieux/ }).map((g) => g.getAttribute("aria-label"))).toEqual([
      "mardi 30 mars 2027, tous les lieux (1 sur 3)",
      "mardi 30 mars 2027, tous les lieux (2 sur 3)",
      "mardi 30 mars 2027, tous les lieux (3 sur 3)",
    ]);
  });
});

