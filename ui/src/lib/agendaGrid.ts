// Where things go in the agenda's grid and in the desk's compact day: layout only. Every time
// and label shown comes from the core (`slot.hours`, `day.label`); the grid reads the local
// wall-clock time the core wrote in each instant ("2026-12-01T14:30:00+01:00" is 14:30 in Paris)
// to place it on a row.
import type { AgendaDay, AgendaSlot, Appointment, PermanenceKind } from "./api";
import { count } from "./fr";

/** "2026-12-01T14:30:00+01:00" → "14:30": the Paris time the core wrote. */
export const clockOf = (instant: string): string => instant.slice(11, 16);

/** "14 h – 14 h 30" → ["14 h", "14 h 30"]. */
export const endsOf = (hours: string): [string, string] => {
  const [from, to] = hours.split(/\s*–\s*/);
  return [from ?? hours, to ?? ""];
};

/** One column of the grid: a day of a site's week, or a site on one day. */
export interface GridColumn {
  key: string;
  /** Shown at the top of the column ("lundi 30"), and the rest of its name, for screen
   * readers only (" novembre 2026"). */
  label: string;
  labelRest: string;
  /** What the buttons of the column say after the time ("lundi 30 novembre 2026" or a site). */
  context: string;
  date: string;
  slots: AgendaSlot[];
  others: Appointment[];
  notices: string[];
}

/** A permanence drawn behind its slots, from its first slot's start to its last one's end. */
export interface Band {
  kind: PermanenceKind;
  from: string;
  to: string;
  /** "14 h – 17 h". */
  hours: string;
}

/** The rows: every start and end of the columns' slots and appointments, in order. Row `i`
 * runs from `times[i]` to `times[i + 1]`; `covered[i]` says whether anything lies in it (an
 * empty row, such as lunchtime, is drawn thin). */
export interface Rows {
  times: string[];
  labels: string[];
  covered: boolean[];
}

export function rowsOf(columns: GridColumn[]): Rows {
  const label = new Map<string, string>();
  const spans: [string, string][] = [];
  const add = (start: string, end: string, hours: string) => {
    const [a, b] = endsOf(hours);
    const from = clockOf(start);
    const to = clockOf(end);
    if (!label.has(from)) label.set(from, a);
    if (!label.has(to) && b) label.set(to, b);
    spans.push([from, to]);
  };
  for (const c of columns) {
    for (const s of c.slots) add(s.slot.start, s.slot.end, s.slot.hours);
    for (const a of c.others) add(a.start, a.end, a.hours);
  }
  const times = [...label.keys()].sort();
  const covered = times.slice(0, -1).map((t, i) => spans.some(([a, b]) => a <= t && times[i + 1] <= b));
  return { times, labels: times.map((t) => label.get(t) ?? t), covered };
}

/** The grid line a time starts on (line 1 is the column headings). */
export const lineOf = (rows: Rows, time: string): number => {
  const i = rows.times.indexOf(time);
  return Math.max(i, 0) + 2;
};

/** The rows' sizes: a row with something in it, or a thin gap. */
export const rowTemplate = (rows: Rows): string =>
  ["auto", ...rows.covered.map((c) => (c ? "minmax(1.5rem, auto)" : "0.75rem"))].join(" ");

/** The permanences of a column: consecutive slots of the same permanence make one band. */
export function bandsOf(slots: AgendaSlot[]): Band[] {
  const out: (Band & { id: number })[] = [];
  for (const s of slots) {
    const last = out[out.length - 1];
    const from = clockOf(s.slot.start);
    if (last && last.id === s.slot.permanenceId && last.to === from) {
      last.to = clockOf(s.slot.end);
      last.hours = `${endsOf(last.hours)[0]} – ${endsOf(s.slot.hours)[1]}`;
    } else {
      out.push({ id: s.slot.permanenceId, kind: s.slot.kind, from, to: clockOf(s.slot.end), hours: s.slot.hours });
    }
  }
  return out.map(({ kind, from, to, hours }) => ({ kind, from, to, hours }));
}

/** A line of the desk's compact day. */
export type DeskLine =
  | { type: "appointment"; key: string; appointment: Appointment; slot: AgendaSlot | null }
  | { type: "free"; key: string; first: AgendaSlot; slots: number; places: number; text: string }
  | { type: "dropIn"; key: string; slot: AgendaSlot; text: string };

/** The day in lines: each appointment, each drop-in permanence, and every run of free slots
 * folded into one ("14 h – 17 h : 6 créneaux libres"). Empty slots that have begun are left
 * out: nobody can be booked there any more. */
export function deskLines(day: AgendaDay): DeskLine[] {
  const lines: DeskLine[] = [];
  let run: AgendaSlot[] = [];
  const close = () => {
    if (run.length === 0) return;
    const first = run[0];
    const last = run[run.length - 1];
    const places = run.reduce((n, s) => n + s.slot.capacity - s.slot.booked, 0);
    const hours = `${endsOf(first.slot.hours)[0]} – ${endsOf(last.slot.hours)[1]}`;
    const slots = count(run.length, "créneau libre", "créneaux libres");
    const text = places > run.length ? `${hours} : ${slots} (${count(places, "place", "places")})` : `${hours} : ${slots}`;
    lines.push({ type: "free", key: `free-${first.slot.siteId}-${first.slot.start}`, first, slots: run.length, places, text });
    run = [];
  };
  const timed: { at: string; slot: AgendaSlot | null; appointment: Appointment | null }[] = [
    ...day.slots.map((s) => ({ at: s.slot.start, slot: s, appointment: null })),
    ...day.others.map((a) => ({ at: a.start, slot: null, appointment: a })),
  ].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
  for (const t of timed) {
    if (t.appointment) {
      close();
      lines.push({ type: "appointment", key: `a-${t.appointment.id}`, appointment: t.appointment, slot: null });
      continue;
    }
    const s = t.slot as AgendaSlot;
    if (s.slot.kind === "drop_in") {
      close();
      lines.push({ type: "dropIn", key: `d-${s.slot.siteId}-${s.slot.start}`, slot: s, text: s.slot.hours });
      continue;
    }
    for (const a of s.appointments) {
      close();
      lines.push({ type: "appointment", key: `a-${a.id}`, appointment: a, slot: s });
    }
    if (s.bookable) run.push(s);
    else close();
  }
  close();
  return lines;
}

/** The day of each site, for « Tous les lieux »: one column per site that has something on. */
export function siteColumns(day: AgendaDay, siteName: (id: number) => string): GridColumn[] {
  const bySite = new Map<number, GridColumn>();
  const column = (siteId: number, name: string) => {
    let c = bySite.get(siteId);
    if (!c) {
      c = { key: `site-${siteId}`, label: name, labelRest: "", context: name, date: day.date, slots: [], others: [], notices: [] };
      bySite.set(siteId, c);
    }
    return c;
  };
  for (const s of day.slots) column(s.slot.siteId, s.siteName).slots.push(s);
  for (const a of day.others) column(a.siteId, siteName(a.siteId)).others.push(a);
  return [...bySite.values()];
}

/** A site's week, one column per day. */
export const dayColumns = (days: AgendaDay[]): GridColumn[] =>
  days.map((d) => {
    const words = d.label.split(" ");
    return {
      key: d.date,
      label: words.slice(0, 2).join(" "),
      labelRest: words.length > 2 ? ` ${words.slice(2).join(" ")}` : "",
      context: d.label,
      date: d.date,
      slots: d.slots,
      others: d.others,
      notices: d.notices,
    };
  });

/** What a column shows over its bands: each slot with someone in it, a free place, or an event of
 * the site's calendar that makes it unavailable, and the
 * appointments outside any slot, put with the slot that starts at the same time if there is
 * one (so that nothing is drawn over something else). */
export interface Cell {
  key: string;
  from: string;
  to: string;
  slot: AgendaSlot | null;
  appointments: Appointment[];
}

export function cellsOf(column: GridColumn): Cell[] {
  const cells: Cell[] = column.slots
    .filter((s) => s.slot.kind !== "drop_in" && (s.appointments.length > 0 || s.bookable || s.slot.unavailable !== null))
    .map((s) => ({ key: s.slot.start, from: clockOf(s.slot.start), to: clockOf(s.slot.end), slot: s, appointments: [...s.appointments] }));
  for (const a of column.others) {
    const from = clockOf(a.start);
    const same = cells.find((c) => c.from === from);
    if (same) same.appointments.push(a);
    else cells.push({ key: `a-${a.id}`, from, to: clockOf(a.end), slot: null, appointments: [a] });
  }
  return cells;
}

/** Columns in groups of at most `size`: a network of 50 sites is drawn as ten grids of five
 * sites one under the other, each readable, rather than 50 slivers side by side. */
export function groupsOf<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** What the agenda's « Lieu » holds for « Tous les lieux » (else a site's id): remembered on
 * this computer, and read by the core's opening rule (scheduling::agenda::ALL_SITES). */
export const ALL_SITES = "all";

