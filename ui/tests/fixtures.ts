// Realistic data for the UI tests, shaped exactly like the generated bindings.
import type { Site, SiteDetail, Vocabularies } from "../src/lib/api";

export const vocab: Vocabularies = {
  services: [{ code: "aide_demarches", label: "Aide aux démarches administratives" }],
  publics: [{ code: "seniors", label: "Seniors" }],
  typologies: [{ code: "BIB", label: "Bibliothèque, médiathèque" }],
  wheelchairAccess: [
    { code: "unknown", label: "Non renseigné" },
    { code: "full", label: "Accessible en fauteuil roulant" },
  ],
  permanenceKinds: [
    { code: "drop_in", label: "sans rendez-vous" },
    { code: "appointment", label: "sur rendez-vous" },
    { code: "both", label: "avec ou sans rendez-vous" },
  ],
  reasons: [
    { code: "caf", label: "CAF (allocations, prime d'activité, logement)" },
    { code: "email", label: "Créer ou utiliser une adresse e-mail" },
  ],
  appointmentStatuses: [
    { code: "booked", label: "Prévu" },
    { code: "honoured", label: "Présent(e)" },
    { code: "no_show", label: "Absent(e)" },
    { code: "excused", label: "Annulé par la personne" },
    { code: "revoked", label: "Annulé par le lieu" },
  ],
  weekdays: ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"].map((label, i) => ({
    code: String(i + 1),
    label,
  })),
};

export const site: Site = {
  id: 1,
  name: "Médiathèque Olympe de Gouges",
  address: "3 rue Kuhn",
  addressComplement: null,
  postcode: "67000",
  city: "Strasbourg",
  inseeCode: "67482",
  latitude: 48.5866,
  longitude: 7.7388,
  phone: "03 88 12 34 50",
  email: null,
  website: null,
  wheelchairAccess: "full",
  publicTransport: "Tram A, arrêt Gare centrale",
  publicNotes: null,
  pivot: null,
  typology: "BIB",
  alsaceMoselle: true,
  services: ["aide_demarches"],
  publics: [],
  archived: false,
};

export const detail: SiteDetail = {
  site,
  permanences: [
    {
      id: 10,
      siteId: 1,
      weekday: 2,
      startTime: "14:00",
      endTime: "17:00",
      kind: "drop_in",
      slotMinutes: 30,
      capacity: 2,
      validFrom: "2026-09-01",
      validUntil: null,
      notes: null,
      mediatorIds: [5],
      hours: "14\u00a0h\u00a0– 17\u00a0h",
      period: null,
      summary: "Mardi 14\u00a0h\u00a0– 17\u00a0h, sans rendez-vous",
    },
  ],
  closures: [],
  mediators: [{ id: 5, name: "Samia Benali", phone: null, email: null, archived: false, siteIds: [1] }],
};
