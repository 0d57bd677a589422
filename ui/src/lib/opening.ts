// The agenda's first screen in one answer of the core: the database's state, the lists the
// agenda needs and today's agenda on the site it opens on. The core gives it to the page
// before the page's script runs (no trip at all); otherwise it is asked (`open_agenda`). The
// window starts (App.svelte) with it; the agenda, drawn right after, takes it instead of asking
// again. Which site it opens on is the core's rule (scheduling::agenda::opening_site), from
// the « Lieu » remembered on this computer for the file.
import type { AgendaOpening } from "./api";
import { call, commands } from "./api";

/** How many sites' days the agenda's grid shows side by side. */
export const SITES_PER_GRID = 5;

/** Where the agenda's « Lieu » is remembered on this computer, for one database file. */
export const siteKey = (dbPath: string) => `permanences.agendaSite:${dbPath}`;

/** The file opened last time: its remembered « Lieu » is sent before the core names the file. */
const LAST_FILE = "permanences.lastFile";

let kept: AgendaOpening | null = null;

/** The first screen, given by the core before this script ran (src-tauri's
 * `first_opening_script`), computed with no « Lieu » remembered. */
export interface GivenOpening {
  perGrid: number;
  opening: AgendaOpening;
  /** The site the agenda opens on for each « Lieu » that may be remembered (the core's rule);
   * any other value opens where nothing remembered does. */
  siteFor: Record<string, number | null>;
}

declare global {
  interface Window {
    __PERMANENCES_OPENING__?: GivenOpening;
  }
}

/** Set once the given opening was looked at: a reload of the page (same window) asks again. */
const GIVEN_SEEN = "permanences.givenOpeningSeen";

/** The opening the core gave, if it is the one `open_agenda` would answer for `sent`: only at
 * the window's first start (after a reload or an unlock it would be stale). */
function given(sent: string | null): AgendaOpening | null {
  const first = window.__PERMANENCES_OPENING__;
  delete window.__PERMANENCES_OPENING__;
  if (first === undefined || sessionStorage.getItem(GIVEN_SEEN) !== null) return null;
  sessionStorage.setItem(GIVEN_SEEN, "1");
  if (first.perGrid !== SITES_PER_GRID) return null;
  const site = sent !== null && sent in first.siteFor ? first.siteFor[sent] : first.opening.siteId;
  return site === first.opening.siteId ? first.opening : null;
}

/** The first screen: given at start by the core, or asked (and asked again after an unlock). */
export async function openFirst(): Promise<AgendaOpening> {
  const last = localStorage.getItem(LAST_FILE);
  const sent = last === null ? null : localStorage.getItem(siteKey(last));
  const opening = given(sent) ?? (await call(commands.openAgenda(sent, SITES_PER_GRID)));
  const file = opening.info.dbPath;
  localStorage.setItem(LAST_FILE, file);
  // Another file than last time: the answer holds only if neither file had a « Lieu »
  // remembered (the one sent was the other file's); else the agenda asks again with its own.
  const right = file === last || (sent === null && localStorage.getItem(siteKey(file)) === null);
  kept = right && opening.agenda !== null && opening.anySite ? opening : null;
  return opening;
}

/** The agenda's opening: the one the window started with (once), or asked now. */
export async function openAgenda(dbPath: string): Promise<AgendaOpening> {
  const first = kept;
  kept = null;
  return first ?? call(commands.openAgenda(localStorage.getItem(siteKey(dbPath)), SITES_PER_GRID));
}

/** Forgets the start's opening (the window went elsewhere first: it would be stale). */
export function forgetFirst(): void {
  kept = null;
}

/** Runs `task` once the screen being drawn is painted. What the first screen does not show
 * (the network's status line, the listener of the network's changes) waits for it, so that
 * its trips through the core do not go before the screen's own (the window waits on them). */
export function afterPaint(task: () => void): void {
  requestAnimationFrame(() => setTimeout(task, 0));
}
