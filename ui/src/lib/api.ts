// The one door to the Rust core: generated commands, with errors turned into exceptions
// that carry the core's `{ kind, message, field }`.
import type * as B from "../bindings";
import { commands, events, type ErrorReport } from "../bindings";

export { commands, events };

// Friendly names for the generated types: what Rust sends, and what it accepts.
export type AppInfo = B.AppInfo_Serialize;
export type AgendaOpening = B.AgendaOpening_Serialize;
export type Site = B.Site_Serialize;
export type SiteDetail = B.SiteDetail_Serialize;
export type Permanence = B.Permanence_Serialize;
export type Mediator = B.Mediator_Serialize;
export type Closure = B.Closure;
export type SiteInput = B.SiteInput_Deserialize;
export type PermanenceInput = B.PermanenceInput_Deserialize;
export type Agenda = B.Agenda_Serialize;
export type AgendaDay = B.AgendaDay_Serialize;
export type AgendaSlot = B.AgendaSlot_Serialize;
export type Appointment = B.Appointment_Serialize;
export type BookingInput = B.BookingInput_Deserialize;
export type SeriesOutcome = B.SeriesOutcome_Serialize;
export type StatusChange = B.StatusChange_Serialize;
export type WaitingEntry = B.WaitingEntry_Serialize;
export type WalkIn = B.WalkIn_Serialize;
export type Findings = B.Findings_Serialize;
export type Found = B.Found_Serialize;
export type Reminders = B.Reminders_Serialize;
export type Reminder = B.Reminder_Serialize;
export type Slot = B.Slot;
export type DocumentRequest = B.DocumentRequest;
export type DocumentPreview = B.DocumentPreview_Serialize;
export type Visit = B.Visit_Serialize;
export type VisitInput = B.VisitInput_Deserialize;
export type VisitFilter = B.VisitFilter_Deserialize;
export type Profile = B.Profile_Deserialize;
export type Beneficiary = B.Beneficiary_Serialize;
export type FollowInput = B.FollowInput_Deserialize;
export type Term = B.Term;
export type Stats = B.Stats;
export type StatsQuery = B.StatsQuery_Deserialize;
export type Count = B.Count;
export type Chart = B.Chart;
export type QrRuns = B.QrRuns;
export type Charts = B.Charts;
export type CalendarRequest = B.CalendarRequest;
export type CalendarScope = B.CalendarScope;
export type OpenDataFormat = B.Format;
export type SavedFile = B.SavedFile;
export type ImportReport = B.ImportReport;
export type PublishStatus = B.PublishStatus_Serialize;
export type ExportFormat = B.ExportFormat;
export type ExportRequest = B.ExportRequest_Deserialize;
export type GatheringStatus = B.GatheringStatus_Serialize;
export type GatheringSettings = B.GatheringSettings_Deserialize;
export type GatheredDesk = B.GatheredDesk;
export type GatherReport = B.GatherReport;
export type PublishSettings = B.PublishSettings_Deserialize;
export type Publication = B.Publication;
export type RetentionStatus = B.RetentionStatus_Serialize;
export type RetentionSettings = B.RetentionSettings;
export type PurgeCounts = B.PurgeCounts;
export type ProtectionStatus = B.ProtectionStatus;
export type BackupFile = B.BackupFile;
export type BackupSummary = B.BackupSummary;
export type SharingStatus = B.SharingStatus_Serialize;
export type JoinRequest = B.JoinRequest_Deserialize;
export type SyncReport = B.SyncReport_Serialize;
export type Conflict = B.Conflict_Serialize;
export type EndedConflict = B.EndedConflict_Serialize;
export type AccountCalendar = B.AccountCalendar_Serialize;
export type Settle = B.Settle;
export type {
  AppointmentStatus,
  Reason,
  Span,
  PermanenceKind,
  Public,
  Service,
  Typology,
  Vocabularies,
  VisitVocabularies,
  VocabOption,
  WheelchairAccess,
} from "../bindings";

/** An error reported by the core, with its stable kind and the field at fault. */
export class CoreError extends Error {
  readonly kind: ErrorReport["kind"];
  readonly field: string | null;

  constructor(report: ErrorReport) {
    super(report.message);
    this.kind = report.kind;
    this.field = report.field ?? null;
  }
}

type Outcome<T> = { status: "ok"; data: T } | { status: "error"; error: ErrorReport };

/** Awaits a generated command and returns its data, or throws a {@link CoreError}. */
export async function call<T>(pending: Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await pending;
  } catch (e) {
    // The command itself could not run (the shell refused it): say so plainly; the technical
    // detail goes to the console, for whoever gives support.
    console.error(e);
    throw new CoreError({
      kind: "storage",
      message: "L'application n'a pas pu faire cette action. Fermez-la et rouvrez-la, puis réessayez.",
      field: null,
    });
  }
  if (outcome.status === "error") {
    if (isReport(outcome.error)) throw new CoreError(outcome.error);
    // Refused before the core ran (Tauri's own message, in English: an argument of the wrong
    // type or missing): a fault of the app, not of what the person typed.
    console.error(outcome.error);
    throw new CoreError({
      kind: "validation",
      message:
        "L'application n'a pas compris la demande. Fermez-la et rouvrez-la ; si cela recommence, signalez-le à votre coordination.",
      field: null,
    });
  }
  return outcome.data;
}

function isReport(e: unknown): e is ErrorReport {
  return typeof e === "object" && e !== null && typeof (e as ErrorReport).message === "string" && "kind" in e;
}

/** The French message to show for anything thrown. */
export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/** Turns the optional text of a form field into what the core expects (empty → null). */
export function opt(value: string | null | undefined): string | null {
  const v = (value ?? "").trim();
  return v === "" ? null : v;
}
