// The activities gathered from the network's desks, as the screens word them: the « Poste »
// filter of Statistiques and the outcome of an import in Paramètres.
import type { GatheredDesk, GatherReport } from "./api";
import { count } from "./fr";

/** One choice of the « Poste » filter: `null` every desk, `0` this one, else a gathered desk. */
export interface DeskChoice {
  value: number | null;
  label: string;
}

/** The « Poste » filter's choices; none when no desk was gathered (the filter is then hidden). */
export function deskChoices(desks: GatheredDesk[]): DeskChoice[] {
  if (desks.length === 0) return [];
  return [
    { value: null, label: "Tous les postes" },
    { value: 0, label: "Ce poste" },
    ...desks.map((d) => ({ value: d.id, label: d.name })),
  ];
}

/**
 * What the screen must say when desks were gathered and a team member is chosen: team members
 * are known only at this desk, so the other desks' activities are then left out.
 */
export function mediatorNote(desks: GatheredDesk[], deskId: number | null, mediatorId: number | null): string | null {
  if (desks.length === 0 || mediatorId === null) return null;
  return deskId !== null && deskId !== 0
    ? "Les équipes des autres postes ne sont pas connues ici : avec une personne de l'équipe choisie, ce poste n'a rien à compter. Choisissez «\u00a0Toute l'équipe\u00a0»."
    : "Avec une personne de l'équipe choisie, seules les activités de ce poste sont comptées.";
}

/** One line for what an import did: files read, or nothing new in the folder. */
export function gatherOutcome(reports: GatherReport[]): string {
  if (reports.length === 0) return "Aucun fichier nouveau ou modifié dans le dossier : rien à importer.";
  const refused = reports.reduce((n, r) => n + r.refused.length, 0);
  const files = count(reports.length, "fichier de poste importé", "fichiers de postes importés");
  return refused === 0 ? `${files}.` : `${files}, ${count(refused, "activité refusée", "activités refusées")} (détail ci-dessous).`;
}

/**
 * An instant of the core (RFC 3339, UTC) as a person in Paris reads it, in the core's style
 * (`fr::date_long`, `fr::time`): « 1er décembre 2026 à 10 h 40 », « 30 novembre 2026 à 9 h ».
 */
export function when(utc: string): string {
  const parts = new Intl.DateTimeFormat("fr-FR", {
    timeZone: "Europe/Paris",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(utc));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const day = part("day") === "1" ? "1er" : part("day");
  const hour = String(Number(part("hour")));
  const time = part("minute") === "00" ? `${hour}\u00a0h` : `${hour}\u00a0h\u00a0${part("minute")}`;
  return `${day} ${part("month")} ${part("year")} à ${time}`;
}

/**
 * The name a desk gets when none is typed, as the core gives it: « Poste » and the start of
 * its identifier, which also ends its file's name.
 */
export function defaultDeskName(ownFile: string): string {
  const short = /-([a-z0-9]{1,8})\.json$/i.exec(ownFile)?.[1];
  // Non-breaking spaces inside the quotes, as French typesets them.
  return short ? `«\u00a0Poste ${short}\u00a0»` : "«\u00a0Poste\u00a0» et un numéro";
}
