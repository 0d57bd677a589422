// The core, played by the demo network: installed in the page before the built app loads
// (bundled by audit.mjs, injected with addInitScript). The scenario is chosen by the audit
// (`window.__AUDIT_SCENARIO__`): "demo", "empty" (first run, no site), "dbError", "locked",
// "network" (a joined network) or "networkPassword" (joined, no keyring gave the password).
// A command without an answer here is recorded, and the audit fails: no screen is checked
// half-loaded without anyone noticing.
import { mockIPC } from "@tauri-apps/api/mocks";
import type { ErrorReport } from "../src/bindings";
import type { Agenda, Appointment, AppInfo, DocumentPreview } from "../src/lib/api";
import { openingSite } from "../tests/opening";
import { details, freeSlots, mediators, networkDay, networkWeek, siteDay, sites, smsQr, visitData, vocab, walkIns } from "./fixtures";

declare global {
  interface Window {
    __AUDIT_SCENARIO__?: string;
    __AUDIT_UNANSWERED__?: string[];
    /** Every command called, in order. */
    __AUDIT_CALLS__?: string[];
  }
}

type Args = Record<string, unknown>;

const scenario = window.__AUDIT_SCENARIO__ ?? "demo";
const unanswered: string[] = [];
window.__AUDIT_UNANSWERED__ = unanswered;

const info: AppInfo = {
  version: "0.2.0",
  license: "AGPL-3.0-or-later",
  dbPath: "/home/accueil/.local/share/fr.permanences.app/permanences.sqlite3",
  dbError:
    scenario === "dbError"
      ? {
          kind: "database",
          message: "Ce fichier a été créé par une version plus récente de Permanences : mettez l'application à jour.",
          field: null,
        }
      : null,
  measuring: false,
  locked: scenario === "locked",
  today: "2026-12-01",
};

const backups = [
  { name: "permanences-2026-11-28-080000.sqlite3", takenAt: "2026-11-28T08:00:00Z", takenOn: "28/11/2026 à 9\u00a0h", sizeBytes: 331776 },
  { name: "permanences-2026-11-27-080000.sqlite3", takenAt: "2026-11-27T08:00:00Z", takenOn: "27/11/2026 à 9\u00a0h", sizeBytes: 327680 },
];

// Réseau : collecte des activités (Paramètres), and the « Poste » filter of Statistiques.
const gathering = {
  settings: { folder: "/home/accueil/Nextcloud/activites", writeOwn: true, readOthers: true, deskName: "Coordination du réseau" },
  ownFile: "activites-coordination-du-reseau-0a1b2c3d.json",
  writtenAt: "2026-12-01T09:41:00Z",
  scannedAt: "2026-12-01T09:41:00Z",
  lastError: null,
  desks: [
    { id: 1, name: "Centre social du Neuhof", activities: 189, exportedAt: "2026-12-01T07:15:00Z" },
    { id: 2, name: "Espace France services de Bischheim", activities: 1204, exportedAt: "2026-11-30T16:02:00Z" },
  ],
};
const gathered = [
  {
    desk: "Centre social du Neuhof",
    added: 3,
    updated: 1,
    unchanged: 185,
    removed: 0,
    refused: [{ line: 42, message: "Activité 42 : la durée doit être entre 1 et 600 minutes." }],
    summary:
      "activites-centre-social-du-neuhof-3f2a9c1b.json — Poste « Centre social du Neuhof » : 3 activité(s) ajoutée(s), 1 mise(s) à jour, 185 inchangée(s), 0 retirée(s), 1 refusée(s).",
  },
];

// Réseau (Paramètres): the demo desk is in no network; the "network" scenario has joined one
// and has a conflict to settle (the status line then shows in the navigation column);
// "networkPassword" too, but no keyring gave the password: the app asks for it at start.
const joined = scenario === "network" || scenario === "networkPassword";
const sharingStatus = {
  joined,
  address: joined ? "https://agenda.reseau-inclusion.fr/remote.php/dav" : null,
  username: joined ? "accueil-neuhof" : null,
  shareNames: false,
  sites: joined ? sites.slice(0, 2).map((s) => s.name) : [],
  pending: 0,
  conflicts: joined ? 1 : 0,
  syncedAt: joined ? "2026-12-01T13:32:00Z" : null,
  offlineSince: null,
  lastError: null,
  passwordNeeded: scenario === "networkPassword",
  passwordNote: null,
  line: joined ? "1 conflit à régler" : "",
};
function sharingConflicts() {
  const model = networkDay.days[0].slots.flatMap((s) => s.appointments)[0];
  return [
    {
      id: 1,
      appointment: model,
      message:
        "Ce rendez-vous a été déplacé depuis un autre agenda vers une heure où la permanence est complète. Gardez-le en place supplémentaire, renvoyez la version de ce poste, ou déplacez-le dans l'Agenda.",
      removed: false,
      at: "2026-12-01T13:32:00Z",
    },
  ];
}
function unreachable(): never {
  const report: ErrorReport = {
    kind: "network",
    field: null,
    message: "Le serveur « agenda.exemple.fr » ne répond pas. Vérifiez l'adresse et la connexion à internet, puis réessayez.",
  };
  throw report;
}

/** A refusal exactly as the core sends it (the forms then show their error state). */
function refuse(field: string, message: string): never {
  const report: ErrorReport = { kind: "validation", field, message };
  throw report;
}

// A one-page poster sketch: what the preview <img> shows (its text alternative is the app's).
const posterSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 595 842"><rect width="595" height="842" fill="#fff"/><text x="48" y="90" font-size="36" font-family="sans-serif">${sites[0].name}</text><text x="48" y="140" font-size="20" font-family="sans-serif">${sites[0].address}, ${sites[0].postcode} ${sites[0].city}</text></svg>`;

function preview(args: Args): DocumentPreview {
  const request = args.request as { kind: string };
  const internal = request.kind === "daySheet" || request.kind === "weekSheet";
  return { svg: posterSvg, pages: 1, kilobytes: 31, fileName: `${request.kind}.pdf`, internal };
}

function agenda(args: Args): Agenda {
  if (scenario === "empty") return { ...networkDay, days: networkDay.days.map((d) => ({ ...d, slots: [], others: [] })), waiting: [] };
  if (args.span === "week") return args.siteId == null ? networkWeek : siteOnly(networkWeek, Number(args.siteId));
  if (args.siteId == null) return networkDay;
  const id = Number(args.siteId);
  return siteDay.days[0].slots.some((s) => s.slot.siteId === id) ? siteDay : siteOnly(networkDay, id);
}

/** A site's week, as the core answers it: the network's week without the other sites. */
function siteOnly(week: Agenda, siteId: number): Agenda {
  return {
    ...week,
    days: week.days.map((d) => ({
      ...d,
      slots: d.slots.filter((s) => s.slot.siteId === siteId),
      others: d.others.filter((a) => a.siteId === siteId),
      notices: d.notices.filter((n) => n.startsWith(`${sites.find((s) => s.id === siteId)?.name} :`)),
    })),
    waiting: week.waiting.filter((w) => w.siteId === siteId),
  };
}

function booked(args: Args): Appointment {
  const input = args.input as { siteId: number; start: string; residentName: string | null };
  const slot = networkDay.days[0].slots.find((s) => s.slot.start === input.start) ?? networkDay.days[0].slots[0];
  const model = networkDay.days[0].slots.flatMap((s) => s.appointments)[0];
  return { ...model, id: 900, siteId: input.siteId, start: input.start, residentName: input.residentName, who: input.residentName ?? "Anonyme", hours: slot.slot.hours, status: "booked" };
}

// Find and remind (Agenda): a resident found by phone, and the next open day's calls.
const found = [
  { id: 11, siteId: sites[0].id, siteName: sites[0].name, date: "2026-12-02", day: "mercredi 2 décembre 2026", time: "9\u00a0h\u00a030", status: "booked", who: "Mme Schmitt", phone: "06 12 34 56 78", upcoming: true, reminded: false },
  { id: 4, siteId: sites[0].id, siteName: sites[0].name, date: "2026-11-17", day: "mardi 17 novembre 2026", time: "14\u00a0h", status: "honoured", who: "Mme Schmitt", phone: "06 12 34 56 78", upcoming: false, reminded: false },
];
const reminderList = {
  date: "2026-12-02",
  day: "mercredi 2 décembre 2026",
  items: [
    { id: 11, siteId: sites[0].id, siteName: sites[0].name, start: "2026-12-02T09:30:00+01:00", time: "9\u00a0h\u00a030", who: "Mme Schmitt", phone: "06 12 34 56 78", email: null, contact: "06 12 34 56 78", reason: "caf", reminded: false, sms: "SMSTO:0612345678:Bonjour Mme Schmitt…", mailto: null, code: "SMSTO:0612345678:Bonjour Mme Schmitt…",
      message: `Bonjour Mme Schmitt, nous vous rappelons votre rendez-vous le mercredi 2 décembre 2026 à 9 h 30 : ${sites[0].name}, ${sites[0].address}, ${sites[0].postcode} ${sites[0].city}. À apporter : Votre numéro d'allocataire et votre mot de passe CAF. En cas d'empêchement, prévenez-nous : la place ira à quelqu'un d'autre.` },
    { id: 12, siteId: sites[0].id, siteName: sites[0].name, start: "2026-12-02T10:00:00+01:00", time: "10\u00a0h", who: "Anonyme", phone: "07 98 76 54 32", email: "anonyme@exemple.fr", contact: "07 98 76 54 32 · anonyme@exemple.fr", reason: null, reminded: true, sms: "SMSTO:0798765432:Bonjour…", mailto: "mailto:anonyme@exemple.fr?subject=Rappel&body=Bonjour", code: "SMSTO:0798765432:Bonjour…",
      message: `Bonjour, nous vous rappelons votre rendez-vous le mercredi 2 décembre 2026 à 10 h : ${sites[0].name}, ${sites[0].address}, ${sites[0].postcode} ${sites[0].city}. Pensez à apporter les papiers et identifiants liés à votre demande, et votre téléphone portable. En cas d'empêchement, prévenez-nous : la place ira à quelqu'un d'autre.` },
  ],
};

/** A booking for "Salle pleine" meets a slot that filled up meanwhile (the full-slot offer). */
function bookOrFull(args: Args): Appointment {
  const input = args.input as { residentName: string | null };
  if (input.residentName === "Salle pleine") {
    const report: ErrorReport = { kind: "conflict", field: "start", message: "Ce créneau est complet : ses 2 places sont prises. Choisissez un autre horaire ou proposez la liste d'attente." };
    throw report;
  }
  return booked(args);
}

const answers: Record<string, (args: Args) => unknown> = {
  app_info: () => info,
  vocabularies: () => vocab,
  list_sites: () => (scenario === "empty" ? [] : sites),
  site_detail: (a) => details.find((d) => d.site.id === a.id) ?? details[0],
  list_mediators: () => (scenario === "empty" ? [] : mediators),
  agenda,
  next_free_slots: () => freeSlots,
  book_appointment: bookOrFull,
  find_appointments: () => ({ found, more: false }),
  reminders: () => reminderList,
  set_reminded: (a) => ({ ...reminderList.items[0], reminded: Boolean(a.reminded) }),
  sms_qr: () => smsQr,
  walk_in_queue: (a) => walkIns.filter((w) => w.siteId === a.siteId),
  document_preview: preview,
  // Saving a form: refused the way the core refuses, so that the audit sees the error state.
  create_site: () => refuse("postcode", "Code postal : il faut cinq chiffres, par exemple 67000."),
  update_site: () => refuse("postcode", "Code postal : il faut cinq chiffres, par exemple 67000."),
  create_permanence: () => refuse("endTime", "Heure de fin : elle doit être après l'heure de début (14 h)."),
  update_permanence: () => refuse("endTime", "Heure de fin : elle doit être après l'heure de début (14 h)."),
  create_closure: () => refuse("startDate", "Fermé du : ce champ est obligatoire."),
  add_waiting: () => refuse("contact", "Comment la joindre : ce champ est obligatoire."),
  // Visits, followed people, statistics (Accompagnements, Statistiques, Paramètres).
  visit_vocabularies: () => visitData.visitVocab,
  list_terms: () => visitData.terms,
  list_visits: () => visitData.visits,
  search_beneficiaries: () => visitData.people,
  beneficiary_history: () => visitData.history,
  visit_draft_blank: () => visitData.blank,
  visit_draft_from_visit: () => visitData.copy,
  visit_draft_from_appointment: (a) => ({
    ...visitData.blank,
    appointmentId: a.appointmentId,
    themes: ["aide_aux_demarches_administratives"],
    procedures: ["social_sante"],
    reason: "caf",
  }),
  record_visit: () => refuse("themes", "Cochez au moins un thème : de quoi s'agissait-il ?"),
  update_visit: () => refuse("themes", "Cochez au moins un thème : de quoi s'agissait-il ?"),
  follow_beneficiary: () =>
    refuse("consent", "Demandez d'abord son accord à la personne : sans son accord, l'accompagnement reste anonyme."),
  stats_period: () => visitData.period,
  activity_stats: () => visitData.stats,
  activity_charts: () => visitData.charts,
  publish_status: () => visitData.publish,
  gathering_status: () => gathering,
  set_gathering_settings: () => refuse("folder", "Dossier : « /nulle/part » n'existe pas. Choisissez un dossier existant."),
  gather_now: () => gathered,
  import_activities: () => gathered,
  // Conservation des données (Paramètres) and a followed person's rights (Accompagnements).
  retention_status: () => ({
    settings: { beneficiaryMonths: 24, appointmentMonths: 3 },
    lastPurge: { when: "samedi 28 novembre 2026 à 9 h 02", cause: "daily", counts: { beneficiaries: 0, appointments: 12, walkIns: 3, waiting: 1 } },
    due: { beneficiaries: 2, appointments: 5, walkIns: 0, waiting: 1 },
  }),
  set_retention: () => refuse("beneficiaryMonths", "Personnes suivies : entre 1 et 60 mois après leur dernière venue."),
  // Protection des données, and the unlock screen.
  unlock: () => refuse("passphrase", "La phrase secrète est incorrecte (ou le fichier n'est pas une base de Permanences). Vérifiez les majuscules et les accents, puis réessayez."),
  protection_status: () => ({ encrypted: false, minPassphraseChars: 10, keep: 10, folder: "/home/accueil/.local/share/fr.permanences.app/sauvegardes", backups }),
  set_passphrase: () => refuse("passphrase", "La phrase secrète doit compter au moins 10 caractères."),
  backup_now: () => backups[0],
  sharing_status: () => sharingStatus,
  sharing_conflicts: () => (joined ? sharingConflicts() : []),
  // A conflict that ended by itself, and the account's calendars, one read as a mediator's
  // absences (issue 26).
  sharing_ended_conflicts: () =>
    joined
      ? [
          {
            id: 2,
            appointment: null,
            note: "L'événement de l'agenda du lieu qui rendait ce créneau indisponible a été supprimé ou déplacé : le rendez-vous n'est plus en conflit, rien n'est à régler.",
            endedAt: "2026-12-01T13:32:00Z",
          },
        ]
      : [],
  sharing_calendars: () =>
    joined
      ? [
          { name: `Agenda de ${mediators[0].name}`, mediatorId: mediators[0].id },
          { name: "Réunions", mediatorId: null },
        ]
      : [],
  sharing_choose_absences: () => null,
  sharing_test: unreachable,
  sharing_join: () => refuse("username", "Indiquez le nom d'utilisateur du réseau."),
  sharing_password: () => null,
  inspect_backup: () => ({ savedAt: "2026-11-27T08:00:00Z", savedOn: "27/11/2026 à 9\u00a0h", encrypted: false, sites: 5, permanences: 10, appointments: 8, visits: 189, followed: 2 }),
};

// The first screen in one trip (`open_agenda`), from the answers above and the core's rule.
answers.open_agenda = (a) => {
  const listed = answers.list_sites({ includeArchived: false }) as { id: number }[];
  if (info.locked || info.dbError) return { info, anySite: false, sites: [], mediators: [], vocabularies: vocab, siteId: null, agenda: null };
  const siteId = openingSite(listed.map((s) => s.id), (a.remembered as string | null) ?? null, Number(a.perGrid ?? 5));
  return {
    info,
    anySite: listed.length > 0,
    sites: listed,
    mediators: answers.list_mediators({ includeArchived: false }),
    vocabularies: vocab,
    siteId,
    agenda: answers.agenda({ siteId, date: null, span: "day" }),
  };
};

const calls: string[] = [];
window.__AUDIT_CALLS__ = calls;

mockIPC((cmd, args) => {
  calls.push(cmd);
  const answer = answers[cmd];
  if (!answer) {
    unanswered.push(cmd);
    throw new Error(`audit: no mock answer for ${cmd}`);
  }
  return answer((args ?? {}) as Args);
  // The agenda listens for what the background sync received: events are mocked too.
}, { shouldMockEvents: true });
