// The demo network as the core answers it, for the accessibility audit: `fixtures.json` is
// written by the core itself (tests/it/a11y_fixtures.rs: the demo on Tuesday 1 December 2026
// at 10:40, a morning of appointments in every status, a walk-in queue), and that test fails
// when the core's answers change until the file is rewritten
// (`UPDATE_FIXTURES=1 cargo test --test it a11y_fixtures`). Its shape is the bindings' own.
import type { Agenda, Mediator, QrRuns, Site, SiteDetail, Slot, Vocabularies, WalkIn } from "../src/lib/api";
import data from "./fixtures.json";

export const vocab = data.vocab as unknown as Vocabularies;
export const sites = data.sites as unknown as Site[];
export const details = data.details as unknown as SiteDetail[];
export const mediators = data.mediators as unknown as Mediator[];
export const freeSlots = data.freeSlots as unknown as Slot[];
export const networkDay = data.networkDay as unknown as Agenda;
export const siteDay = data.siteDay as unknown as Agenda;
export const networkWeek = data.networkWeek as unknown as Agenda;
export const walkIns = data.walkIns as unknown as WalkIn[];
export const smsQr = data.smsQr as unknown as QrRuns;
/** Visits, statistics, themes and followed people. */
export const visitData = data.visitData;
