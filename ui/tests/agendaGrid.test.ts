import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import AgendaArea from "../src/areas/Agenda.svelte";
import type { AgendaDay, AgendaSlot, Appointment } from "../src/lib/api";
import { bandsOf, cellsOf, dayColumns, deskLines, rowsOf, siteColumns } from "../src/lib/agendaGrid";
import { site, vocab } from "./fixtures";

afterEach(() => {
  cleanup();
  clearMocks();
  localStorage.clear();
});

const at = (time: string) => `2026-12-01T${time}:00+01:00`;

function slot(siteId: number, from: string, to: string, hours: string, options: Partial<AgendaSlot> = {}, kind: "appointment" | "drop_in" = "appointment"): AgendaSlot {
  return {
    slot: { siteId, permanenceId: siteId * 10 + (kind === "drop_in" ? 1 : 0), start: at(from), end: at(to), kind, capacity: 1, booked: 0, day: "mardi 1er décembre 2026", hours, unavailable: null },
    siteName: `Lieu ${siteId}`,
    appointments: [],
    bookable: kind !== "drop_in",
    past: false,
    ...options,
  };
}

const lea: Appointment = {
  id: 7, siteId: 1, permanenceId: 10, start: at("09:30"), end: at("10:00"), residentName: "Léa", residentPhone: "06 12 34 56 78", residentEmail: null,
  reason: "caf", notes: null, status: "booked", extra: false, createdBy: null, day: "mardi 1er décembre 2026",
  hours: "9\u00a0h\u00a030 – 10\u00a0h", who: "Léa", whatToBring: null, canUndo: false, visitId: null, unconfirmed: false,
};

function tuesday(): AgendaDay {
  return {
    date: "2026-12-01",
    label: "mardi 1er décembre 2026",
    notices: [],
    others: [],
    slots: [
      slot(1, "09:00", "09:30", "9 h – 9 h 30", { past: true, bookable: false }),
      slot(1, "09:30", "10:00", "9 h 30 – 10 h", { appointments: [lea], bookable: false, slot: { ...slot(1, "09:30", "10:00", "9 h 30 – 10 h").slot, booked: 1 } }),
      slot(1, "10:00", "10:30", "10 h – 10 h 30"),
      slot(1, "10:30", "11:00", "10 h 30 – 11 h"),
      slot(1, "11:00", "11:30", "11 h – 11 h 30"),
      slot(2, "14:00", "17:00", "14 h – 17 h", { bookable: false }, "drop_in"),
    ],
  };
}

describe("the grid's layout", () => {
  it("makes one row per start or end, and a thin gap where nothing is open", () => {
    const rows = rowsOf(siteColumns(tuesday(), () => ""));
    expect(rows.times).toEqual(["09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "14:00", "17:00"]);
    expect(rows.labels[0]).toBe("9 h");
    expect(rows.covered).toEqual([true, true, true, true, true, false, true]);
  });

  it("draws a permanence as one band from its first slot to its last", () => {
    expect(bandsOf(tuesday().slots)).toEqual([
      { kind: "appointment", from: "09:00", to: "11:30", hours: "9 h – 11 h 30" },
      { kind: "drop_in", from: "14:00", to: "17:00", hours: "14 h – 17 h" },
    ]);
  });

  it("gives each site its column on « Tous les lieux », and each day its column in a week", () => {
    const columns = siteColumns(tuesday(), () => "");
    expect(columns.map((c) => c.label)).toEqual(["Lieu 1", "Lieu 2"]);
    expect(dayColumns([tuesday()])[0]).toMatchObject({ label: "mardi 1er", labelRest: " décembre 2026" });
  });

  it("puts an appointment outside the slots with the slot that starts with it, never over it", () => {
    const day = tuesday();
    day.others = [{ ...lea, id: 8, who: "Omar", extra: true, permanenceId: null, start: at("10:00"), end: at("10:20") }];
    const cells = cellsOf(siteColumns(day, () => "")[0]);
    expect(cells.filter((c) => c.from === "10:00").map((c) => c.appointments.map((a) => a.who))).toEqual([["Omar"]]);
    expect(cells.some((c) => c.from === "09:00"), "a past empty slot has nothing to show").toBe(false);
  });
});

describe("an event of the site's calendar", () => {
  it("shows its slot « Indisponible — » with its summary, never as a free place", async () => {
    const day = tuesday();
    day.slots = day.slots.filter((s) => s.slot.siteId === 1);
    day.slots[2] = slot(1, "10:00", "10:30", "10 h – 10 h 30", {
      bookable: false,
      slot: { ...slot(1, "10:00", "10:30", "10 h – 10 h 30").slot, unavailable: "Réunion d'équipe" },
    });
    const cells = cellsOf(siteColumns(day, () => "")[0]);
    expect(cells.some((c) => c.from === "10:00"), "an unavailable slot has something to show").toBe(true);
    const week = { title: "Semaine du 30 novembre 2026", previous: "2026-11-23", next: "2026-12-07", today: "2026-12-01", waiting: [], days: [day] };
    mockIPC((cmd) => ({ list_sites: [site], list_mediators: [], walk_in_queue: [], vocabularies: vocab, agenda: week } as Record<string, unknown>)[cmd] ?? null);
    render(AgendaArea);
    await fireEvent.click(await screen.findByLabelText("Semaine"));
    expect(await screen.findByText(/Indisponible — Réunion d'équipe/)).toBeTruthy();
    const free = screen.getAllByRole("button", { name: /^Libre\s*:\s*réserver/ }).map((b) => b.textContent ?? "");
    expect(free.some((t) => t.includes("10 h – 10 h 30")), "no booking offered on it").toBe(false);
    expect(free.length, "the other free slots are still offered").toBe(2);
  });
});

describe("the desk's day", () => {
  it("folds free slots, keeps appointments and drop-in, leaves out past empty slots", () => {
    const lines = deskLines(tuesday());
    expect(lines.map((l) => (l.type === "appointment" ? l.appointment.who : l.type === "free" ? l.text : `${l.type} ${l.text}`))).toEqual([
      "Léa",
      "10 h – 11 h 30 : 3 créneaux libres",
      "dropIn 14 h – 17 h",
    ]);
  });
});

describe("the week grid in the agenda", () => {
  it("opens an appointment's details from its block, and books a free slot in one click", async () => {
    const week = { title: "Semaine du 30 novembre 2026", previous: "2026-11-23", next: "2026-12-07", today: "2026-12-01", waiting: [], days: [tuesday()] };
    week.days[0].slots = week.days[0].slots.filter((s) => s.slot.siteId === 1);
    mockIPC((cmd) => ({ list_sites: [site], list_mediators: [], walk_in_queue: [], vocabularies: vocab, agenda: week } as Record<string, unknown>)[cmd] ?? null);
    render(AgendaArea);
    await fireEvent.click(await screen.findByLabelText("Semaine"));
    // Heard once: the visible words in their order (label in name), then the end and the day;
    // no stray separator, and no description repeating the name.
    const block = await screen.findByRole("button", {
      name: "9\u00a0h\u00a030 Léa, Prévu, CAF (allocations, prime d'activité, logement), jusqu'à 10\u00a0h, mardi 1er décembre 2026",
    });
    expect(block.getAttribute("title"), "WebKitGTK would read a tooltip again as a description").toBeNull();
    await fireEvent.click(block);
    const details = await screen.findByRole("dialog");
    expect(within(details).getByRole("heading", { name: "Rendez-vous de Léa" })).toBeTruthy();
    expect(within(details).getByRole("button", { name: /: présent$/ })).toBeTruthy();
    expect(within(details).queryByRole("button", { name: /annulé par le lieu$/ }), "cancelling is behind « Autres actions »").toBeNull();
    await fireEvent.click(within(details).getByRole("button", { name: "Fermer" }));
    await fireEvent.click(screen.getAllByRole("button", { name: /^Libre\s*:\s*réserver/ })[0]);
    const booking = await screen.findByRole("dialog");
    expect(within(booking).getByText(/10 h – 10 h 30/)).toBeTruthy();
  });
});
