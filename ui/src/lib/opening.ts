// The agenda's first screen in one trip through the core (`open_agenda`): the database's state,
// the lists the agenda needs and today's agenda on the site it opens on, in one answer. The
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

/** The first screen: asked once at start (and again after an unlock). */
export async function openFirst(): Promise<AgendaOpening> {
  const last = localStorage.getItem(LAST_FILE);
  const sent = last === null ? null : localStorage.getItem(siteKey(last));
  const opening = await call(commands.openAgenda(sent, SITES_PER_GRID));
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
