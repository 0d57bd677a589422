// The demo network as the core answers it (taken from `permanences demo` on a Tuesday at
// 10:40, with a morning of appointments in every status), for the accessibility audit.
// Typed against the generated bindings: a change of shape fails `npm run check`.
import type { Agenda, Mediator, Site, SiteDetail, Slot, Vocabularies, WalkIn } from "../src/lib/api";

export const vocab: Vocabularies = {
  "appointmentStatuses": [
    {
      "code": "booked",
      "label": "Prévu"
    },
    {
      "code": "honoured",
      "label": "Venu"
    },
    {
      "code": "no_show",
      "label": "Absent"
    },
    {
      "code": "excused",
      "label": "Annulé par la personne"
    },
    {
      "code": "revoked",
      "label": "Annulé par le lieu"
    }
  ],
  "permanenceKinds": [
    {
      "code": "drop_in",
      "label": "sans rendez-vous"
    },
    {
      "code": "appointment",
      "label": "sur rendez-vous"
    },
    {
      "code": "both",
      "label": "avec ou sans rendez-vous"
    }
  ],
  "publics": [
    {
      "code": "jeunes",
      "label": "Jeunes"
    },
    {
      "code": "etudiants",
      "label": "Étudiants"
    },
    {
      "code": "familles",
      "label": "Familles et/ou enfants"
    },
    {
      "code": "seniors",
      "label": "Seniors"
    },
    {
      "code": "femmes",
      "label": "Femmes"
    }
  ],
  "reasons": [
    {
      "code": "caf",
      "label": "CAF (allocations, prime d'activité, logement)"
    },
    {
      "code": "ameli",
      "label": "Assurance maladie (Ameli, carte Vitale)"
    },
    {
      "code": "france_travail",
      "label": "France Travail (inscription, actualisation)"
    },
    {
      "code": "ants_identite",
      "label": "Carte d'identité ou passeport (ANTS)"
    },
    {
      "code": "ants_permis",
      "label": "Permis de conduire (ANTS)"
    },
    {
      "code": "ants_carte_grise",
      "label": "Carte grise (ANTS)"
    },
    {
      "code": "impots",
      "label": "Impôts (impots.gouv)"
    },
    {
      "code": "retraite",
      "label": "Retraite (CNAV, Agirc-Arrco, info-retraite)"
    },
    {
      "code": "msa",
      "label": "MSA"
    },
    {
      "code": "titre_sejour",
      "label": "Titre de séjour (préfecture, ANEF)"
    },
    {
      "code": "logement",
      "label": "Logement (bailleur social, demande de logement)"
    },
    {
      "code": "mdph",
      "label": "MDPH (handicap)"
    },
    {
      "code": "banque",
      "label": "Banque, La Poste, achats en ligne"
    },
    {
      "code": "email",
      "label": "Créer ou utiliser une adresse e-mail"
    },
    {
      "code": "smartphone",
      "label": "Utiliser un smartphone ou une tablette"
    },
    {
      "code": "visio",
      "label": "Appel vidéo, rendez-vous à distance"
    },
    {
      "code": "ordinateur",
      "label": "Utiliser un ordinateur, Internet"
    },
    {
      "code": "autre",
      "label": "Autre demande"
    }
  ],
  "services": [
    {
      "code": "aide_demarches",
      "label": "Aide aux démarches administratives"
    },
    {
      "code": "outils_quotidien",
      "label": "Maîtrise des outils numériques du quotidien"
    },
    {
      "code": "insertion_pro",
      "label": "Insertion professionnelle via le numérique"
    },
    {
      "code": "securite",
      "label": "Utilisation sécurisée du numérique"
    },
    {
      "code": "parentalite",
      "label": "Parentalité et éducation avec le numérique"
    },
    {
      "code": "loisirs_creation",
      "label": "Loisirs et créations numériques"
    },
    {
      "code": "comprehension",
      "label": "Compréhension du monde numérique"
    },
    {
      "code": "acces_materiel",
      "label": "Accès internet et matériel informatique"
    },
    {
      "code": "materiel_solidaire",
      "label": "Acquisition de matériel informatique à prix solidaire"
    }
  ],
  "typologies": [
    {
      "code": "ASSO",
      "label": "Association"
    },
    {
      "code": "BIB",
      "label": "Bibliothèque, médiathèque"
    },
    {
      "code": "CS",
      "label": "Centre social"
    },
    {
      "code": "CCAS",
      "label": "Centre communal d'action sociale (CCAS)"
    },
    {
      "code": "CIAS",
      "label": "Centre intercommunal d'action sociale (CIAS)"
    },
    {
      "code": "MUNI",
      "label": "Mairie, mairie de quartier"
    },
    {
      "code": "MQ",
      "label": "Maison de quartier"
    },
    {
      "code": "MJC",
      "label": "Maison des jeunes et de la culture (MJC)"
    },
    {
      "code": "RFS",
      "label": "France Services"
    },
    {
      "code": "PIMMS",
      "label": "Point information médiation multi-services (PIMMS)"
    },
    {
      "code": "MDS",
      "label": "Maison des solidarités"
    },
    {
      "code": "CAF",
      "label": "Caisse d'allocations familiales (CAF)"
    },
    {
      "code": "TIERS_LIEUX",
      "label": "Tiers-lieu"
    },
    {
      "code": "EPCI",
      "label": "Intercommunalité"
    },
    {
      "code": "Autre",
      "label": "Autre"
    }
  ],
  "weekdays": [
    {
      "code": "1",
      "label": "Lundi"
    },
    {
      "code": "2",
      "label": "Mardi"
    },
    {
      "code": "3",
      "label": "Mercredi"
    },
    {
      "code": "4",
      "label": "Jeudi"
    },
    {
      "code": "5",
      "label": "Vendredi"
    },
    {
      "code": "6",
      "label": "Samedi"
    },
    {
      "code": "7",
      "label": "Dimanche"
    }
  ],
  "wheelchairAccess": [
    {
      "code": "unknown",
      "label": "Non renseigné"
    },
    {
      "code": "full",
      "label": "Accessible en fauteuil roulant"
    },
    {
      "code": "partial",
      "label": "Partiellement accessible (aide nécessaire)"
    },
    {
      "code": "none",
      "label": "Non accessible en fauteuil roulant"
    }
  ]
};

export const sites: Site[] = [
  {
    "address": "110 route de Bischwiller",
    "addressComplement": null,
    "alsaceMoselle": true,
    "archived": false,
    "city": "Schiltigheim",
    "email": "numerique@example.org",
    "id": 5,
    "inseeCode": "67447",
    "latitude": 48.607,
    "longitude": 7.7497,
    "name": "Espace numérique de l'Hôtel de Ville",
    "phone": "03 88 83 90 00",
    "pivot": "21670482500019",
    "postcode": "67300",
    "publicNotes": null,
    "publicTransport": "Bus L6, arrêt Schiltigheim Mairie",
    "publics": [
      "etudiants",
      "femmes"
    ],
    "services": [
      "outils_quotidien",
      "loisirs_creation",
      "comprehension"
    ],
    "typology": "MUNI",
    "website": null,
    "wheelchairAccess": "unknown"
  },
  {
    "address": "2 place du Marché",
    "addressComplement": null,
    "alsaceMoselle": true,
    "archived": false,
    "city": "Strasbourg",
    "email": "accueil.neudorf@example.org",
    "id": 2,
    "inseeCode": "67482",
    "latitude": 48.5702,
    "longitude": 7.7633,
    "name": "Centre socioculturel du Neudorf",
    "phone": "03 88 44 12 30",
    "pivot": "21670482500019",
    "postcode": "67100",
    "publicNotes": null,
    "publicTransport": "Tram A et E, arrêt Landsberg",
    "publics": [
      "jeunes",
      "familles"
    ],
    "services": [
      "aide_demarches",
      "insertion_pro",
      "parentalite"
    ],
    "typology": "CS",
    "website": null,
    "wheelchairAccess": "partial"
  },
  {
    "address": "10 rue Jean Mermoz",
    "addressComplement": null,
    "alsaceMoselle": true,
    "archived": false,
    "city": "Strasbourg",
    "email": "franceservices.hautepierre@example.org",
    "id": 3,
    "inseeCode": "67482",
    "latitude": 48.5912,
    "longitude": 7.6967,
    "name": "France Services Hautepierre",
    "phone": "03 68 98 51 00",
    "pivot": "21670482500019",
    "postcode": "67200",
    "publicNotes": null,
    "publicTransport": "Tram A, arrêt Dante",
    "publics": [],
    "services": [
      "aide_demarches",
      "securite"
    ],
    "typology": "RFS",
    "website": "https://cartographie.societenumerique.gouv.fr/lieux/france-services-hautepierre",
    "wheelchairAccess": "full"
  },
  {
    "address": "1 rue de Provence",
    "addressComplement": null,
    "alsaceMoselle": true,
    "archived": false,
    "city": "Strasbourg",
    "email": "mairie.meinau@example.org",
    "id": 4,
    "inseeCode": "67482",
    "latitude": 48.5561,
    "longitude": 7.759,
    "name": "Mairie de quartier de la Meinau",
    "phone": "03 68 98 60 60",
    "pivot": "21670482500019",
    "postcode": "67100",
    "publicNotes": null,
    "publicTransport": "Bus 7 et 24, arrêt Canardière",
    "publics": [
      "seniors"
    ],
    "services": [
      "aide_demarches"
    ],
    "typology": "MUNI",
    "website": null,
    "wheelchairAccess": "full"
  },
  {
    "address": "3 rue Kuhn",
    "addressComplement": null,
    "alsaceMoselle": true,
    "archived": false,
    "city": "Strasbourg",
    "email": "mediatheque.olympe@example.org",
    "id": 1,
    "inseeCode": "67482",
    "latitude": 48.5866,
    "longitude": 7.7388,
    "name": "Médiathèque Olympe de Gouges",
    "phone": "03 88 12 34 50",
    "pivot": "21670482500019",
    "postcode": "67000",
    "publicNotes": null,
    "publicTransport": "Tram A et D, arrêt Gare centrale",
    "publics": [
      "seniors"
    ],
    "services": [
      "aide_demarches",
      "outils_quotidien",
      "acces_materiel"
    ],
    "typology": "BIB",
    "website": "https://cartographie.societenumerique.gouv.fr/lieux/mediatheque-olympe-de-gouges",
    "wheelchairAccess": "full"
  }
];

export const details: SiteDetail[] = [
  {
    "closures": [],
    "mediators": [
      {
        "archived": false,
        "email": null,
        "id": 4,
        "name": "Yannick Koffi",
        "phone": null,
        "siteIds": [
          3,
          5
        ]
      }
    ],
    "permanences": [
      {
        "capacity": 2,
        "endTime": "12:00",
        "hours": "9 h 30 – 12 h",
        "id": 9,
        "kind": "both",
        "mediatorIds": [
          4
        ],
        "notes": null,
        "period": null,
        "siteId": 5,
        "slotMinutes": 30,
        "startTime": "09:30",
        "summary": "Mardi 9 h 30 – 12 h, avec ou sans rendez-vous",
        "validFrom": "2026-09-01",
        "validUntil": null,
        "weekday": 2
      },
      {
        "capacity": 4,
        "endTime": "12:00",
        "hours": "9 h – 12 h",
        "id": 10,
        "kind": "drop_in",
        "mediatorIds": [
          4
        ],
        "notes": null,
        "period": null,
        "siteId": 5,
        "slotMinutes": 30,
        "startTime": "09:00",
        "summary": "Samedi 9 h – 12 h, sans rendez-vous",
        "validFrom": "2026-09-01",
        "validUntil": null,
        "weekday": 6
      }
    ],
    "site": {
      "address": "110 route de Bischwiller",
      "addressComplement": null,
      "alsaceMoselle": true,
      "archived": false,
      "city": "Schiltigheim",
      "email": "numerique@example.org",
      "id": 5,
      "inseeCode": "67447",
      "latitude": 48.607,
      "longitude": 7.7497,
      "name": "Espace numérique de l'Hôtel de Ville",
      "phone": "03 88 83 90 00",
      "pivot": "21670482500019",
      "postcode": "67300",
      "publicNotes": null,
      "publicTransport": "Bus L6, arrêt Schiltigheim Mairie",
      "publics": [
        "etudiants",
        "femmes"
      ],
      "services": [
        "outils_quotidien",
        "loisirs_creation",
        "comprehension"
      ],
      "typology": "MUNI",
      "website": null,
      "wheelchairAccess": "unknown"
    }
  },
  {
    "closures": [
      {
        "endDate": "2027-02-19",
        "id": 2,
        "label": "du 15 février 2027 au 19 février 2027",
        "reason": "Vacances d'hiver",
        "siteId": 2,
        "startDate": "2027-02-15"
      }
    ],
    "mediators": [
      {
        "archived": false,
        "email": null,
        "id": 2,
        "name": "Lucas Meyer",
        "phone": null,
        "siteIds": [
          2
        ]
      }
    ],
    "permanences": [
      {
        "capacity": 2,
        "endTime": "12:00",
        "hours": "9 h – 12 h",
        "id": 3,
        "kind": "appointment",
        "mediatorIds": [
          2
        ],
        "notes": null,
        "period": null,
        "siteId": 2,
        "slotMinutes": 30,
        "startTime": "09:00",
        "summary": "Lundi 9 h – 12 h, sur rendez-vous",
        "validFrom": "2026-09-01",
        "validUntil": null,
        "weekday": 1
      },
      {
        "capacity": 2,
        "endTime": "17:30",
        "hours": "14 h – 17 h 30",
        "id": 4,
        "kind": "both",
        "mediatorIds": [
          2
        ],
        "notes": null,
        "period": null,
        "siteId": 2,
        "slotMinutes": 45,
        "startTime": "14:00",
        "summary": "Jeudi 14 h – 17 h 30, avec ou sans rendez-vous",
        "validFrom": "2026-09-01",
        "validUntil": null,
        "weekday": 4
      }
    ],
    "site": {
      "address": "2 place du Marché",
      "addressComplement": null,
      "alsaceMoselle": true,
      "archived": false,
      "city": "Strasbourg",
      "email": "accueil.neudorf@example.org",
      "id": 2,
      "inseeCode": "67482",
      "latitude": 48.5702,
      "longitude": 7.7633,
      "name": "Centre socioculturel du Neudorf",
      "phone": "03 88 44 12 30",
      "pivot": "21670482500019",
      "postcode": "67100",
      "publicNotes": null,
      "publicTransport": "Tram A et E, arrêt Landsberg",
      "publics": [
        "jeunes",
        "familles"
      ],
      "services": [
        "aide_demarches",
        "insertion_pro",
        "parentalite"
      ],
      "typology": "CS",
      "website": null,
      "wheelchairAccess": "partial"
    }
  },
  {
    "closures": [
      {
        "endDate": "2027-04-12",
        "id": 3,
        "label": "le 12 avril 2027",
        "reason": "Formation de l'équipe",
        "siteId": 3,
        "startDate": "2027-04-12"
      }
    ],
    "mediators": [
      {
        "archived": false,
        "email": null,
        "id": 3,
        "name": "Claire Hoffmann",
        "phone": null,
        "siteIds": [
          3
        ]
      },
      {
        "archived": false,
        "email": null,
        "id": 4,
        "name": "Yannick Koffi",
        "phone": null,
        "siteIds": [
          3,
          5
        ]
      }
    ],
    "permanences": [
      {
        "capacity": 1,
        "endTime": "12:00",
        "hours": "9 h – 12 h",
        "id": 5,
        "kind": "appointment",
        "mediatorIds": [
          3,
          4
        ],
        "notes": null,
        "period": null,
        "siteId": 3,
        "slotMinutes": 45,
        "startTime": "09:00",
        "summary": "Mercredi 9 h – 12 h, sur rendez-vous",
        "validFrom": "2026-09-01",
        "validUntil": null,
        "weekday": 3
      },
      {
        "capacity": 1,
        "endTime": "17:00",
        "hours": "14 h – 17 h",
        "id": 6,
        "kind": "appointment",
        "mediatorIds": [
          3,
          4
        ],
        "notes": null,
        "period": null,
        "siteId": 3,
        "slotMinutes": 45,
        "startTime": "14:00",
        "summary": "Mercredi 14 h – 17 h, sur rendez-vous",
        "validFrom": "2026-09-01",
        "validUntil": null,
        "weekday": 3
      },
      {
        "capacity": 3,
        "endTime": "12:00",
        "hours": "9 h – 12 h",
        "id": 7,
        "kind": "drop_in",
        "mediatorIds": [
          3,
          4
        ],
        "notes": null,
        "period": null,
        "siteId": 3,
        "slotMinutes": 30,
        "startTime": "09:00",
        "summary": "Vendredi 9 h – 12 h, sans rendez-vous",
        "validFrom": "2026-09-01",
        "validUntil": null,
        "weekday": 5
      }
    ],
    "site": {
      "address": "10 rue Jean Mermoz",
      "addressComplement": null,
      "alsaceMoselle": true,
      "archived": false,
      "city": "Strasbourg",
      "email": "franceservices.hautepierre@example.org",
      "id": 3,
      "inseeCode": "67482",
      "latitude": 48.5912,
      "longitude": 7.6967,
      "name": "France Services Hautepierre",
      "phone": "03 68 98 51 00",
      "pivot": "21670482500019",
      "postcode": "67200",
      "publicNotes": null,
      "publicTransport": "Tram A, arrêt Dante",
      "publics": [],
      "services": [
        "aide_demarches",
        "securite"
      ],
      "typology": "RFS",
      "website": "https://cartographie.societenumerique.gouv.fr/lieux/france-services-hautepierre",
      "wheelchairAccess": "full"
    }
  },
  {
    "closures": [],
    "mediators": [
      {
        "archived": false,
        "email": null,
        "id": 1,
        "name": "Samia Benali",
        "phone": null,
        "siteIds": [
          1,
          4
        ]
      }
    ],
    "permanences": [
      {
        "capacity": 2,
        "endTime": "16:30",
        "hours": "14 h – 16 h 30",
        "id": 8,
        "kind": "drop_in",
        "mediatorIds": [
          1
        ],
        "notes": null,
        "period": null,
        "siteId": 4,
        "slotMinutes": 30,
        "startTime": "14:00",
        "summary": "Vendredi 14 h – 16 h 30, sans rendez-vous",
        "validFrom": "2026-09-01",
        "validUntil": null,
        "weekday": 5
      }
    ],
    "site": {
      "address": "1 rue de Provence",
      "addressComplement": null,
      "alsaceMoselle": true,
      "archived": false,
      "city": "Strasbourg",
      "email": "mairie.meinau@example.org",
      "id": 4,
      "inseeCode": "67482",
      "latitude": 48.5561,
      "longitude": 7.759,
      "name": "Mairie de quartier de la Meinau",
      "phone": "03 68 98 60 60",
      "pivot": "21670482500019",
      "postcode": "67100",
      "publicNotes": null,
      "publicTransport": "Bus 7 et 24, arrêt Canardière",
      "publics": [
        "seniors"
      ],
      "services": [
        "aide_demarches"
      ],
      "typology": "MUNI",
      "website": null,
      "wheelchairAccess": "full"
    }
  },
  {
    "closures": [
      {
        "endDate": "2027-01-02",
        "id": 1,
        "label": "du 24 décembre 2026 au 2 janvier 2027",
        "reason": "Vacances de Noël",
        "siteId": 1,
        "startDate": "2026-12-24"
      }
    ],
    "mediators": [
      {
        "archived": false,
        "email": null,
        "id": 1,
        "name": "Samia Benali",
        "phone": null,
        "siteIds": [
          1,
          4
        ]
      }
    ],
    "permanences": [
      {
        "capacity": 2,
        "endTime": "17:00",
        "hours": "14 h – 17 h",
        "id": 1,
        "kind": "drop_in",
        "mediatorIds": [
          1
        ],
        "notes": null,
        "period": null,
        "siteId": 1,
        "slotMinutes": 30,
        "startTime": "14:00",
        "summary": "Mardi 14 h – 17 h, sans rendez-vous",
        "validFrom": "2026-09-01",
        "validUntil": null,
        "weekday": 2
      },
      {
        "capacity": 1,
        "endTime": "12:00",
        "hours": "10 h – 12 h",
        "id": 2,
        "kind": "appointment",
        "mediatorIds": [
          1
        ],
        "notes": null,
        "period": null,
        "siteId": 1,
        "slotMinutes": 30,
        "startTime": "10:00",
        "summary": "Samedi 10 h – 12 h, sur rendez-vous",
        "validFrom": "2026-09-01",
        "validUntil": null,
        "weekday": 6
      }
    ],
    "site": {
      "address": "3 rue Kuhn",
      "addressComplement": null,
      "alsaceMoselle": true,
      "archived": false,
      "city": "Strasbourg",
      "email": "mediatheque.olympe@example.org",
      "id": 1,
      "inseeCode": "67482",
      "latitude": 48.5866,
      "longitude": 7.7388,
      "name": "Médiathèque Olympe de Gouges",
      "phone": "03 88 12 34 50",
      "pivot": "21670482500019",
      "postcode": "67000",
      "publicNotes": null,
      "publicTransport": "Tram A et D, arrêt Gare centrale",
      "publics": [
        "seniors"
      ],
      "services": [
        "aide_demarches",
        "outils_quotidien",
        "acces_materiel"
      ],
      "typology": "BIB",
      "website": "https://cartographie.societenumerique.gouv.fr/lieux/mediatheque-olympe-de-gouges",
      "wheelchairAccess": "full"
    }
  }
];

export const mediators: Mediator[] = [
  {
    "archived": false,
    "email": null,
    "id": 3,
    "name": "Claire Hoffmann",
    "phone": null,
    "siteIds": [
      3
    ]
  },
  {
    "archived": false,
    "email": null,
    "id": 2,
    "name": "Lucas Meyer",
    "phone": null,
    "siteIds": [
      2
    ]
  },
  {
    "archived": false,
    "email": null,
    "id": 1,
    "name": "Samia Benali",
    "phone": null,
    "siteIds": [
      1,
      4
    ]
  },
  {
    "archived": false,
    "email": null,
    "id": 4,
    "name": "Yannick Koffi",
    "phone": null,
    "siteIds": [
      3,
      5
    ]
  }
];

/** The next free slots, as the booking dialog's search finds them. */
export const freeSlots: Slot[] = [
  {
    "booked": 1,
    "capacity": 2,
    "day": "lundi 30 novembre 2026",
    "end": "2026-11-30T09:30:00+01:00",
    "hours": "9 h – 9 h 30",
    "kind": "appointment",
    "permanenceId": 3,
    "siteId": 2,
    "start": "2026-11-30T09:00:00+01:00"
  },
  {
    "booked": 0,
    "capacity": 2,
    "day": "lundi 30 novembre 2026",
    "end": "2026-11-30T10:00:00+01:00",
    "hours": "9 h 30 – 10 h",
    "kind": "appointment",
    "permanenceId": 3,
    "siteId": 2,
    "start": "2026-11-30T09:30:00+01:00"
  },
  {
    "booked": 0,
    "capacity": 2,
    "day": "lundi 30 novembre 2026",
    "end": "2026-11-30T10:30:00+01:00",
    "hours": "10 h – 10 h 30",
    "kind": "appointment",
    "permanenceId": 3,
    "siteId": 2,
    "start": "2026-11-30T10:00:00+01:00"
  },
  {
    "booked": 0,
    "capacity": 2,
    "day": "lundi 30 novembre 2026",
    "end": "2026-11-30T11:00:00+01:00",
    "hours": "10 h 30 – 11 h",
    "kind": "appointment",
    "permanenceId": 3,
    "siteId": 2,
    "start": "2026-11-30T10:30:00+01:00"
  },
  {
    "booked": 0,
    "capacity": 2,
    "day": "lundi 30 novembre 2026",
    "end": "2026-11-30T11:30:00+01:00",
    "hours": "11 h – 11 h 30",
    "kind": "appointment",
    "permanenceId": 3,
    "siteId": 2,
    "start": "2026-11-30T11:00:00+01:00"
  },
  {
    "booked": 1,
    "capacity": 2,
    "day": "lundi 30 novembre 2026",
    "end": "2026-11-30T12:00:00+01:00",
    "hours": "11 h 30 – 12 h",
    "kind": "appointment",
    "permanenceId": 3,
    "siteId": 2,
    "start": "2026-11-30T11:30:00+01:00"
  }
];

/** The whole network, one day. */
export const networkDay: Agenda = {
  "days": [
    {
      "date": "2026-12-01",
      "label": "mardi 1er décembre 2026",
      "notices": [],
      "others": [],
      "slots": [
        {
          "appointments": [
            {
              "canUndo": true,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T10:00:00+01:00",
              "extra": false,
              "hours": "9 h 30 – 10 h",
              "id": 9,
              "notes": null,
              "permanenceId": 9,
              "reason": "caf",
              "residentName": "Mme Schmitt",
              "residentPhone": "06 12 34 56 78",
              "siteId": 5,
              "start": "2026-12-01T09:30:00+01:00",
              "status": "honoured",
              "whatToBring": "Votre numéro d'allocataire et votre mot de passe CAF, votre dernier avis d'imposition, votre téléphone portable.",
              "who": "Mme Schmitt"
            },
            {
              "canUndo": true,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T10:00:00+01:00",
              "extra": false,
              "hours": "9 h 30 – 10 h",
              "id": 10,
              "notes": null,
              "permanenceId": 9,
              "reason": "ants_identite",
              "residentName": "Karim",
              "residentPhone": null,
              "siteId": 5,
              "start": "2026-12-01T09:30:00+01:00",
              "status": "no_show",
              "whatToBring": "Votre ancienne pièce d'identité, un justificatif de domicile de moins d'un an, une photo d'identité (ou son code e-photo), votre adresse e-mail.",
              "who": "Karim"
            }
          ],
          "bookable": false,
          "past": true,
          "siteName": "Espace numérique de l'Hôtel de Ville",
          "slot": {
            "booked": 2,
            "capacity": 2,
            "day": "mardi 1er décembre 2026",
            "end": "2026-12-01T10:00:00+01:00",
            "hours": "9 h 30 – 10 h",
            "kind": "both",
            "permanenceId": 9,
            "siteId": 5,
            "start": "2026-12-01T09:30:00+01:00"
          }
        },
        {
          "appointments": [
            {
              "canUndo": false,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T10:30:00+01:00",
              "extra": false,
              "hours": "10 h – 10 h 30",
              "id": 11,
              "notes": null,
              "permanenceId": 9,
              "reason": "ameli",
              "residentName": "Nadia B.",
              "residentPhone": "06 12 34 56 78",
              "siteId": 5,
              "start": "2026-12-01T10:00:00+01:00",
              "status": "booked",
              "whatToBring": "Votre carte Vitale, vos identifiants Ameli (ou FranceConnect), votre téléphone portable.",
              "who": "Nadia B."
            },
            {
              "canUndo": true,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T10:30:00+01:00",
              "extra": false,
              "hours": "10 h – 10 h 30",
              "id": 12,
              "notes": null,
              "permanenceId": 9,
              "reason": "impots",
              "residentName": "M. Weber",
              "residentPhone": null,
              "siteId": 5,
              "start": "2026-12-01T10:00:00+01:00",
              "status": "excused",
              "whatToBring": "Votre numéro fiscal (en haut de votre avis d'imposition), votre mot de passe impots.gouv, votre dernier avis d'imposition.",
              "who": "M. Weber"
            }
          ],
          "bookable": false,
          "past": true,
          "siteName": "Espace numérique de l'Hôtel de Ville",
          "slot": {
            "booked": 1,
            "capacity": 2,
            "day": "mardi 1er décembre 2026",
            "end": "2026-12-01T10:30:00+01:00",
            "hours": "10 h – 10 h 30",
            "kind": "both",
            "permanenceId": 9,
            "siteId": 5,
            "start": "2026-12-01T10:00:00+01:00"
          }
        },
        {
          "appointments": [
            {
              "canUndo": false,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T11:00:00+01:00",
              "extra": false,
              "hours": "10 h 30 – 11 h",
              "id": 13,
              "notes": null,
              "permanenceId": 9,
              "reason": "retraite",
              "residentName": "Jean-Paul",
              "residentPhone": "06 12 34 56 78",
              "siteId": 5,
              "start": "2026-12-01T10:30:00+01:00",
              "status": "booked",
              "whatToBring": "Votre numéro de sécurité sociale, vos identifiants (ou FranceConnect), vos derniers relevés de retraite.",
              "who": "Jean-Paul"
            },
            {
              "canUndo": false,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T11:00:00+01:00",
              "extra": false,
              "hours": "10 h 30 – 11 h",
              "id": 14,
              "notes": null,
              "permanenceId": 9,
              "reason": "france_travail",
              "residentName": "Fatou",
              "residentPhone": null,
              "siteId": 5,
              "start": "2026-12-01T10:30:00+01:00",
              "status": "booked",
              "whatToBring": "Votre identifiant et votre mot de passe France Travail, votre CV si besoin, votre téléphone portable.",
              "who": "Fatou"
            }
          ],
          "bookable": false,
          "past": true,
          "siteName": "Espace numérique de l'Hôtel de Ville",
          "slot": {
            "booked": 2,
            "capacity": 2,
            "day": "mardi 1er décembre 2026",
            "end": "2026-12-01T11:00:00+01:00",
            "hours": "10 h 30 – 11 h",
            "kind": "both",
            "permanenceId": 9,
            "siteId": 5,
            "start": "2026-12-01T10:30:00+01:00"
          }
        },
        {
          "appointments": [
            {
              "canUndo": true,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T11:30:00+01:00",
              "extra": false,
              "hours": "11 h – 11 h 30",
              "id": 15,
              "notes": null,
              "permanenceId": 9,
              "reason": "email",
              "residentName": "Mme Keller",
              "residentPhone": "06 12 34 56 78",
              "siteId": 5,
              "start": "2026-12-01T11:00:00+01:00",
              "status": "revoked",
              "whatToBring": "votre téléphone portable (pour les codes reçus par SMS) et l'accès à votre adresse e-mail",
              "who": "Mme Keller"
            },
            {
              "canUndo": false,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T11:30:00+01:00",
              "extra": false,
              "hours": "11 h – 11 h 30",
              "id": 16,
              "notes": null,
              "permanenceId": 9,
              "reason": "smartphone",
              "residentName": "Lucas",
              "residentPhone": null,
              "siteId": 5,
              "start": "2026-12-01T11:00:00+01:00",
              "status": "booked",
              "whatToBring": "Votre téléphone ou votre tablette, chargé, et son code de déverrouillage.",
              "who": "Lucas"
            },
            {
              "canUndo": false,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T11:30:00+01:00",
              "extra": true,
              "hours": "11 h – 11 h 30",
              "id": 17,
              "notes": null,
              "permanenceId": 9,
              "reason": "mdph",
              "residentName": "Mme Roth",
              "residentPhone": null,
              "siteId": 5,
              "start": "2026-12-01T11:00:00+01:00",
              "status": "booked",
              "whatToBring": "Votre pièce d'identité, votre numéro de dossier MDPH s'il existe, le certificat médical si vous l'avez.",
              "who": "Mme Roth"
            }
          ],
          "bookable": false,
          "past": false,
          "siteName": "Espace numérique de l'Hôtel de Ville",
          "slot": {
            "booked": 2,
            "capacity": 2,
            "day": "mardi 1er décembre 2026",
            "end": "2026-12-01T11:30:00+01:00",
            "hours": "11 h – 11 h 30",
            "kind": "both",
            "permanenceId": 9,
            "siteId": 5,
            "start": "2026-12-01T11:00:00+01:00"
          }
        },
        {
          "appointments": [
            {
              "canUndo": false,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T12:00:00+01:00",
              "extra": false,
              "hours": "11 h 30 – 12 h",
              "id": 3,
              "notes": null,
              "permanenceId": 9,
              "reason": "email",
              "residentName": null,
              "residentPhone": null,
              "siteId": 5,
              "start": "2026-12-01T11:30:00+01:00",
              "status": "booked",
              "whatToBring": "votre téléphone portable (pour les codes reçus par SMS) et l'accès à votre adresse e-mail",
              "who": "Anonyme"
            }
          ],
          "bookable": true,
          "past": false,
          "siteName": "Espace numérique de l'Hôtel de Ville",
          "slot": {
            "booked": 1,
            "capacity": 2,
            "day": "mardi 1er décembre 2026",
            "end": "2026-12-01T12:00:00+01:00",
            "hours": "11 h 30 – 12 h",
            "kind": "both",
            "permanenceId": 9,
            "siteId": 5,
            "start": "2026-12-01T11:30:00+01:00"
          }
        },
        {
          "appointments": [],
          "bookable": false,
          "past": false,
          "siteName": "Médiathèque Olympe de Gouges",
          "slot": {
            "booked": 0,
            "capacity": 2,
            "day": "mardi 1er décembre 2026",
            "end": "2026-12-01T17:00:00+01:00",
            "hours": "14 h – 17 h",
            "kind": "drop_in",
            "permanenceId": 1,
            "siteId": 1,
            "start": "2026-12-01T14:00:00+01:00"
          }
        }
      ]
    }
  ],
  "next": "2026-12-02",
  "previous": "2026-11-30",
  "title": "mardi 1er décembre 2026",
  "today": "2026-12-01",
  "waiting": [
    {
      "contact": "06 55 44 33 22",
      "id": 1,
      "name": "Mme Keller",
      "notes": "Disponible le matin",
      "reason": "ants_identite",
      "since": "depuis le 28 novembre 2026",
      "siteId": 2
    },
    {
      "id": 2,
      "siteId": 2,
      "name": "M. Hamdi",
      "contact": "07 11 22 33 44",
      "reason": "caf",
      "notes": null,
      "since": "depuis le 30 novembre 2026"
    }
  ]
};

/** One site, the same day (it shows the walk-in queue). */
export const siteDay: Agenda = {
  "days": [
    {
      "date": "2026-12-01",
      "label": "mardi 1er décembre 2026",
      "notices": [],
      "others": [],
      "slots": [
        {
          "appointments": [
            {
              "canUndo": true,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T10:00:00+01:00",
              "extra": false,
              "hours": "9 h 30 – 10 h",
              "id": 9,
              "notes": null,
              "permanenceId": 9,
              "reason": "caf",
              "residentName": "Mme Schmitt",
              "residentPhone": "06 12 34 56 78",
              "siteId": 5,
              "start": "2026-12-01T09:30:00+01:00",
              "status": "honoured",
              "whatToBring": "Votre numéro d'allocataire et votre mot de passe CAF, votre dernier avis d'imposition, votre téléphone portable.",
              "who": "Mme Schmitt"
            },
            {
              "canUndo": true,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T10:00:00+01:00",
              "extra": false,
              "hours": "9 h 30 – 10 h",
              "id": 10,
              "notes": null,
              "permanenceId": 9,
              "reason": "ants_identite",
              "residentName": "Karim",
              "residentPhone": null,
              "siteId": 5,
              "start": "2026-12-01T09:30:00+01:00",
              "status": "no_show",
              "whatToBring": "Votre ancienne pièce d'identité, un justificatif de domicile de moins d'un an, une photo d'identité (ou son code e-photo), votre adresse e-mail.",
              "who": "Karim"
            }
          ],
          "bookable": false,
          "past": true,
          "siteName": "Espace numérique de l'Hôtel de Ville",
          "slot": {
            "booked": 2,
            "capacity": 2,
            "day": "mardi 1er décembre 2026",
            "end": "2026-12-01T10:00:00+01:00",
            "hours": "9 h 30 – 10 h",
            "kind": "both",
            "permanenceId": 9,
            "siteId": 5,
            "start": "2026-12-01T09:30:00+01:00"
          }
        },
        {
          "appointments": [
            {
              "canUndo": false,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T10:30:00+01:00",
              "extra": false,
              "hours": "10 h – 10 h 30",
              "id": 11,
              "notes": null,
              "permanenceId": 9,
              "reason": "ameli",
              "residentName": "Nadia B.",
              "residentPhone": "06 12 34 56 78",
              "siteId": 5,
              "start": "2026-12-01T10:00:00+01:00",
              "status": "booked",
              "whatToBring": "Votre carte Vitale, vos identifiants Ameli (ou FranceConnect), votre téléphone portable.",
              "who": "Nadia B."
            },
            {
              "canUndo": true,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T10:30:00+01:00",
              "extra": false,
              "hours": "10 h – 10 h 30",
              "id": 12,
              "notes": null,
              "permanenceId": 9,
              "reason": "impots",
              "residentName": "M. Weber",
              "residentPhone": null,
              "siteId": 5,
              "start": "2026-12-01T10:00:00+01:00",
              "status": "excused",
              "whatToBring": "Votre numéro fiscal (en haut de votre avis d'imposition), votre mot de passe impots.gouv, votre dernier avis d'imposition.",
              "who": "M. Weber"
            }
          ],
          "bookable": false,
          "past": true,
          "siteName": "Espace numérique de l'Hôtel de Ville",
          "slot": {
            "booked": 1,
            "capacity": 2,
            "day": "mardi 1er décembre 2026",
            "end": "2026-12-01T10:30:00+01:00",
            "hours": "10 h – 10 h 30",
            "kind": "both",
            "permanenceId": 9,
            "siteId": 5,
            "start": "2026-12-01T10:00:00+01:00"
          }
        },
        {
          "appointments": [
            {
              "canUndo": false,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T11:00:00+01:00",
              "extra": false,
              "hours": "10 h 30 – 11 h",
              "id": 13,
              "notes": null,
              "permanenceId": 9,
              "reason": "retraite",
              "residentName": "Jean-Paul",
              "residentPhone": "06 12 34 56 78",
              "siteId": 5,
              "start": "2026-12-01T10:30:00+01:00",
              "status": "booked",
              "whatToBring": "Votre numéro de sécurité sociale, vos identifiants (ou FranceConnect), vos derniers relevés de retraite.",
              "who": "Jean-Paul"
            },
            {
              "canUndo": false,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T11:00:00+01:00",
              "extra": false,
              "hours": "10 h 30 – 11 h",
              "id": 14,
              "notes": null,
              "permanenceId": 9,
              "reason": "france_travail",
              "residentName": "Fatou",
              "residentPhone": null,
              "siteId": 5,
              "start": "2026-12-01T10:30:00+01:00",
              "status": "booked",
              "whatToBring": "Votre identifiant et votre mot de passe France Travail, votre CV si besoin, votre téléphone portable.",
              "who": "Fatou"
            }
          ],
          "bookable": false,
          "past": true,
          "siteName": "Espace numérique de l'Hôtel de Ville",
          "slot": {
            "booked": 2,
            "capacity": 2,
            "day": "mardi 1er décembre 2026",
            "end": "2026-12-01T11:00:00+01:00",
            "hours": "10 h 30 – 11 h",
            "kind": "both",
            "permanenceId": 9,
            "siteId": 5,
            "start": "2026-12-01T10:30:00+01:00"
          }
        },
        {
          "appointments": [
            {
              "canUndo": true,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T11:30:00+01:00",
              "extra": false,
              "hours": "11 h – 11 h 30",
              "id": 15,
              "notes": null,
              "permanenceId": 9,
              "reason": "email",
              "residentName": "Mme Keller",
              "residentPhone": "06 12 34 56 78",
              "siteId": 5,
              "start": "2026-12-01T11:00:00+01:00",
              "status": "revoked",
              "whatToBring": "votre téléphone portable (pour les codes reçus par SMS) et l'accès à votre adresse e-mail",
              "who": "Mme Keller"
            },
            {
              "canUndo": false,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T11:30:00+01:00",
              "extra": false,
              "hours": "11 h – 11 h 30",
              "id": 16,
              "notes": null,
              "permanenceId": 9,
              "reason": "smartphone",
              "residentName": "Lucas",
              "residentPhone": null,
              "siteId": 5,
              "start": "2026-12-01T11:00:00+01:00",
              "status": "booked",
              "whatToBring": "Votre téléphone ou votre tablette, chargé, et son code de déverrouillage.",
              "who": "Lucas"
            },
            {
              "canUndo": false,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T11:30:00+01:00",
              "extra": true,
              "hours": "11 h – 11 h 30",
              "id": 17,
              "notes": null,
              "permanenceId": 9,
              "reason": "mdph",
              "residentName": "Mme Roth",
              "residentPhone": null,
              "siteId": 5,
              "start": "2026-12-01T11:00:00+01:00",
              "status": "booked",
              "whatToBring": "Votre pièce d'identité, votre numéro de dossier MDPH s'il existe, le certificat médical si vous l'avez.",
              "who": "Mme Roth"
            }
          ],
          "bookable": false,
          "past": false,
          "siteName": "Espace numérique de l'Hôtel de Ville",
          "slot": {
            "booked": 2,
            "capacity": 2,
            "day": "mardi 1er décembre 2026",
            "end": "2026-12-01T11:30:00+01:00",
            "hours": "11 h – 11 h 30",
            "kind": "both",
            "permanenceId": 9,
            "siteId": 5,
            "start": "2026-12-01T11:00:00+01:00"
          }
        },
        {
          "appointments": [
            {
              "canUndo": false,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T12:00:00+01:00",
              "extra": false,
              "hours": "11 h 30 – 12 h",
              "id": 3,
              "notes": null,
              "permanenceId": 9,
              "reason": "email",
              "residentName": null,
              "residentPhone": null,
              "siteId": 5,
              "start": "2026-12-01T11:30:00+01:00",
              "status": "booked",
              "whatToBring": "votre téléphone portable (pour les codes reçus par SMS) et l'accès à votre adresse e-mail",
              "who": "Anonyme"
            }
          ],
          "bookable": true,
          "past": false,
          "siteName": "Espace numérique de l'Hôtel de Ville",
          "slot": {
            "booked": 1,
            "capacity": 2,
            "day": "mardi 1er décembre 2026",
            "end": "2026-12-01T12:00:00+01:00",
            "hours": "11 h 30 – 12 h",
            "kind": "both",
            "permanenceId": 9,
            "siteId": 5,
            "start": "2026-12-01T11:30:00+01:00"
          }
        }
      ]
    }
  ],
  "next": "2026-12-02",
  "previous": "2026-11-30",
  "title": "mardi 1er décembre 2026",
  "today": "2026-12-01",
  "waiting": []
};

/** The whole network, the week of that day. */
export const networkWeek: Agenda = {
  "days": [
    {
      "date": "2026-11-30",
      "label": "lundi 30 novembre 2026",
      "notices": [],
      "others": [],
      "slots": [
        {
          "appointments": [
            {
              "canUndo": false,
              "visitId": null,
              "createdBy": null,
              "day": "lundi 30 novembre 2026",
              "end": "2026-11-30T09:30:00+01:00",
              "extra": false,
              "hours": "9 h – 9 h 30",
              "id": 1,
              "notes": null,
              "permanenceId": 3,
              "reason": "caf",
              "residentName": "Mme Schmitt",
              "residentPhone": "06 12 34 56 78",
              "siteId": 2,
              "start": "2026-11-30T09:00:00+01:00",
              "status": "booked",
              "whatToBring": "Votre numéro d'allocataire et votre mot de passe CAF, votre dernier avis d'imposition, votre téléphone portable.",
              "who": "Mme Schmitt"
            }
          ],
          "bookable": false,
          "past": true,
          "siteName": "Centre socioculturel du Neudorf",
          "slot": {
            "booked": 1,
            "capacity": 2,
            "day": "lundi 30 novembre 2026",
            "end": "2026-11-30T09:30:00+01:00",
            "hours": "9 h – 9 h 30",
            "kind": "appointment",
            "permanenceId": 3,
            "siteId": 2,
            "start": "2026-11-30T09:00:00+01:00"
          }
        },
        {
          "appointments": [],
          "bookable": false,
          "past": true,
          "siteName": "Centre socioculturel du Neudorf",
          "slot": {
            "booked": 0,
            "capacity": 2,
            "day": "lundi 30 novembre 2026",
            "end": "2026-11-30T10:00:00+01:00",
            "hours": "9 h 30 – 10 h",
            "kind": "appointment",
            "permanenceId": 3,
            "siteId": 2,
            "start": "2026-11-30T09:30:00+01:00"
          }
        },
        {
          "appointments": [],
          "bookable": false,
          "past": true,
          "siteName": "Centre socioculturel du Neudorf",
          "slot": {
            "booked": 0,
            "capacity": 2,
            "day": "lundi 30 novembre 2026",
            "end": "2026-11-30T10:30:00+01:00",
            "hours": "10 h – 10 h 30",
            "kind": "appointment",
            "permanenceId": 3,
            "siteId": 2,
            "start": "2026-11-30T10:00:00+01:00"
          }
        },
        {
          "appointments": [],
          "bookable": false,
          "past": true,
          "siteName": "Centre socioculturel du Neudorf",
          "slot": {
            "booked": 0,
            "capacity": 2,
            "day": "lundi 30 novembre 2026",
            "end": "2026-11-30T11:00:00+01:00",
            "hours": "10 h 30 – 11 h",
            "kind": "appointment",
            "permanenceId": 3,
            "siteId": 2,
            "start": "2026-11-30T10:30:00+01:00"
          }
        },
        {
          "appointments": [],
          "bookable": false,
          "past": true,
          "siteName": "Centre socioculturel du Neudorf",
          "slot": {
            "booked": 0,
            "capacity": 2,
            "day": "lundi 30 novembre 2026",
            "end": "2026-11-30T11:30:00+01:00",
            "hours": "11 h – 11 h 30",
            "kind": "appointment",
            "permanenceId": 3,
            "siteId": 2,
            "start": "2026-11-30T11:00:00+01:00"
          }
        },
        {
          "appointments": [
            {
              "canUndo": false,
              "visitId": null,
              "createdBy": null,
              "day": "lundi 30 novembre 2026",
              "end": "2026-11-30T12:00:00+01:00",
              "extra": false,
              "hours": "11 h 30 – 12 h",
              "id": 2,
              "notes": null,
              "permanenceId": 3,
              "reason": "ants_identite",
              "residentName": "Karim",
              "residentPhone": null,
              "siteId": 2,
              "start": "2026-11-30T11:30:00+01:00",
              "status": "booked",
              "whatToBring": "Votre ancienne pièce d'identité, un justificatif de domicile de moins d'un an, une photo d'identité (ou son code e-photo), votre adresse e-mail.",
              "who": "Karim"
            }
          ],
          "bookable": false,
          "past": true,
          "siteName": "Centre socioculturel du Neudorf",
          "slot": {
            "booked": 1,
            "capacity": 2,
            "day": "lundi 30 novembre 2026",
            "end": "2026-11-30T12:00:00+01:00",
            "hours": "11 h 30 – 12 h",
            "kind": "appointment",
            "permanenceId": 3,
            "siteId": 2,
            "start": "2026-11-30T11:30:00+01:00"
          }
        }
      ]
    },
    {
      "date": "2026-12-01",
      "label": "mardi 1er décembre 2026",
      "notices": [],
      "others": [],
      "slots": [
        {
          "appointments": [
            {
              "canUndo": true,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T10:00:00+01:00",
              "extra": false,
              "hours": "9 h 30 – 10 h",
              "id": 9,
              "notes": null,
              "permanenceId": 9,
              "reason": "caf",
              "residentName": "Mme Schmitt",
              "residentPhone": "06 12 34 56 78",
              "siteId": 5,
              "start": "2026-12-01T09:30:00+01:00",
              "status": "honoured",
              "whatToBring": "Votre numéro d'allocataire et votre mot de passe CAF, votre dernier avis d'imposition, votre téléphone portable.",
              "who": "Mme Schmitt"
            },
            {
              "canUndo": true,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T10:00:00+01:00",
              "extra": false,
              "hours": "9 h 30 – 10 h",
              "id": 10,
              "notes": null,
              "permanenceId": 9,
              "reason": "ants_identite",
              "residentName": "Karim",
              "residentPhone": null,
              "siteId": 5,
              "start": "2026-12-01T09:30:00+01:00",
              "status": "no_show",
              "whatToBring": "Votre ancienne pièce d'identité, un justificatif de domicile de moins d'un an, une photo d'identité (ou son code e-photo), votre adresse e-mail.",
              "who": "Karim"
            }
          ],
          "bookable": false,
          "past": true,
          "siteName": "Espace numérique de l'Hôtel de Ville",
          "slot": {
            "booked": 2,
            "capacity": 2,
            "day": "mardi 1er décembre 2026",
            "end": "2026-12-01T10:00:00+01:00",
            "hours": "9 h 30 – 10 h",
            "kind": "both",
            "permanenceId": 9,
            "siteId": 5,
            "start": "2026-12-01T09:30:00+01:00"
          }
        },
        {
          "appointments": [
            {
              "canUndo": false,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T10:30:00+01:00",
              "extra": false,
              "hours": "10 h – 10 h 30",
              "id": 11,
              "notes": null,
              "permanenceId": 9,
              "reason": "ameli",
              "residentName": "Nadia B.",
              "residentPhone": "06 12 34 56 78",
              "siteId": 5,
              "start": "2026-12-01T10:00:00+01:00",
              "status": "booked",
              "whatToBring": "Votre carte Vitale, vos identifiants Ameli (ou FranceConnect), votre téléphone portable.",
              "who": "Nadia B."
            },
            {
              "canUndo": true,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T10:30:00+01:00",
              "extra": false,
              "hours": "10 h – 10 h 30",
              "id": 12,
              "notes": null,
              "permanenceId": 9,
              "reason": "impots",
              "residentName": "M. Weber",
              "residentPhone": null,
              "siteId": 5,
              "start": "2026-12-01T10:00:00+01:00",
              "status": "excused",
              "whatToBring": "Votre numéro fiscal (en haut de votre avis d'imposition), votre mot de passe impots.gouv, votre dernier avis d'imposition.",
              "who": "M. Weber"
            }
          ],
          "bookable": false,
          "past": true,
          "siteName": "Espace numérique de l'Hôtel de Ville",
          "slot": {
            "booked": 1,
            "capacity": 2,
            "day": "mardi 1er décembre 2026",
            "end": "2026-12-01T10:30:00+01:00",
            "hours": "10 h – 10 h 30",
            "kind": "both",
            "permanenceId": 9,
            "siteId": 5,
            "start": "2026-12-01T10:00:00+01:00"
          }
        },
        {
          "appointments": [
            {
              "canUndo": false,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T11:00:00+01:00",
              "extra": false,
              "hours": "10 h 30 – 11 h",
              "id": 13,
              "notes": null,
              "permanenceId": 9,
              "reason": "retraite",
              "residentName": "Jean-Paul",
              "residentPhone": "06 12 34 56 78",
              "siteId": 5,
              "start": "2026-12-01T10:30:00+01:00",
              "status": "booked",
              "whatToBring": "Votre numéro de sécurité sociale, vos identifiants (ou FranceConnect), vos derniers relevés de retraite.",
              "who": "Jean-Paul"
            },
            {
              "canUndo": false,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T11:00:00+01:00",
              "extra": false,
              "hours": "10 h 30 – 11 h",
              "id": 14,
              "notes": null,
              "permanenceId": 9,
              "reason": "france_travail",
              "residentName": "Fatou",
              "residentPhone": null,
              "siteId": 5,
              "start": "2026-12-01T10:30:00+01:00",
              "status": "booked",
              "whatToBring": "Votre identifiant et votre mot de passe France Travail, votre CV si besoin, votre téléphone portable.",
              "who": "Fatou"
            }
          ],
          "bookable": false,
          "past": true,
          "siteName": "Espace numérique de l'Hôtel de Ville",
          "slot": {
            "booked": 2,
            "capacity": 2,
            "day": "mardi 1er décembre 2026",
            "end": "2026-12-01T11:00:00+01:00",
            "hours": "10 h 30 – 11 h",
            "kind": "both",
            "permanenceId": 9,
            "siteId": 5,
            "start": "2026-12-01T10:30:00+01:00"
          }
        },
        {
          "appointments": [
            {
              "canUndo": true,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T11:30:00+01:00",
              "extra": false,
              "hours": "11 h – 11 h 30",
              "id": 15,
              "notes": null,
              "permanenceId": 9,
              "reason": "email",
              "residentName": "Mme Keller",
              "residentPhone": "06 12 34 56 78",
              "siteId": 5,
              "start": "2026-12-01T11:00:00+01:00",
              "status": "revoked",
              "whatToBring": "votre téléphone portable (pour les codes reçus par SMS) et l'accès à votre adresse e-mail",
              "who": "Mme Keller"
            },
            {
              "canUndo": false,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T11:30:00+01:00",
              "extra": false,
              "hours": "11 h – 11 h 30",
              "id": 16,
              "notes": null,
              "permanenceId": 9,
              "reason": "smartphone",
              "residentName": "Lucas",
              "residentPhone": null,
              "siteId": 5,
              "start": "2026-12-01T11:00:00+01:00",
              "status": "booked",
              "whatToBring": "Votre téléphone ou votre tablette, chargé, et son code de déverrouillage.",
              "who": "Lucas"
            },
            {
              "canUndo": false,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T11:30:00+01:00",
              "extra": true,
              "hours": "11 h – 11 h 30",
              "id": 17,
              "notes": null,
              "permanenceId": 9,
              "reason": "mdph",
              "residentName": "Mme Roth",
              "residentPhone": null,
              "siteId": 5,
              "start": "2026-12-01T11:00:00+01:00",
              "status": "booked",
              "whatToBring": "Votre pièce d'identité, votre numéro de dossier MDPH s'il existe, le certificat médical si vous l'avez.",
              "who": "Mme Roth"
            }
          ],
          "bookable": false,
          "past": false,
          "siteName": "Espace numérique de l'Hôtel de Ville",
          "slot": {
            "booked": 2,
            "capacity": 2,
            "day": "mardi 1er décembre 2026",
            "end": "2026-12-01T11:30:00+01:00",
            "hours": "11 h – 11 h 30",
            "kind": "both",
            "permanenceId": 9,
            "siteId": 5,
            "start": "2026-12-01T11:00:00+01:00"
          }
        },
        {
          "appointments": [
            {
              "canUndo": false,
              "visitId": null,
              "createdBy": null,
              "day": "mardi 1er décembre 2026",
              "end": "2026-12-01T12:00:00+01:00",
              "extra": false,
              "hours": "11 h 30 – 12 h",
              "id": 3,
              "notes": null,
              "permanenceId": 9,
              "reason": "email",
              "residentName": null,
              "residentPhone": null,
              "siteId": 5,
              "start": "2026-12-01T11:30:00+01:00",
              "status": "booked",
              "whatToBring": "votre téléphone portable (pour les codes reçus par SMS) et l'accès à votre adresse e-mail",
              "who": "Anonyme"
            }
          ],
          "bookable": true,
          "past": false,
          "siteName": "Espace numérique de l'Hôtel de Ville",
          "slot": {
            "booked": 1,
            "capacity": 2,
            "day": "mardi 1er décembre 2026",
            "end": "2026-12-01T12:00:00+01:00",
            "hours": "11 h 30 – 12 h",
            "kind": "both",
            "permanenceId": 9,
            "siteId": 5,
            "start": "2026-12-01T11:30:00+01:00"
          }
        },
        {
          "appointments": [],
          "bookable": false,
          "past": false,
          "siteName": "Médiathèque Olympe de Gouges",
          "slot": {
            "booked": 0,
            "capacity": 2,
            "day": "mardi 1er décembre 2026",
            "end": "2026-12-01T17:00:00+01:00",
            "hours": "14 h – 17 h",
            "kind": "drop_in",
            "permanenceId": 1,
            "siteId": 1,
            "start": "2026-12-01T14:00:00+01:00"
          }
        }
      ]
    },
    {
      "date": "2026-12-02",
      "label": "mercredi 2 décembre 2026",
      "notices": [],
      "others": [],
      "slots": [
        {
          "appointments": [],
          "bookable": true,
          "past": false,
          "siteName": "France Services Hautepierre",
          "slot": {
            "booked": 0,
            "capacity": 1,
            "day": "mercredi 2 décembre 2026",
            "end": "2026-12-02T09:45:00+01:00",
            "hours": "9 h – 9 h 45",
            "kind": "appointment",
            "permanenceId": 5,
            "siteId": 3,
            "start": "2026-12-02T09:00:00+01:00"
          }
        },
        {
          "appointments": [],
          "bookable": true,
          "past": false,
          "siteName": "France Services Hautepierre",
          "slot": {
            "booked": 0,
            "capacity": 1,
            "day": "mercredi 2 décembre 2026",
            "end": "2026-12-02T10:30:00+01:00",
            "hours": "9 h 45 – 10 h 30",
            "kind": "appointment",
            "permanenceId": 5,
            "siteId": 3,
            "start": "2026-12-02T09:45:00+01:00"
          }
        },
        {
          "appointments": [],
          "bookable": true,
          "past": false,
          "siteName": "France Services Hautepierre",
          "slot": {
            "booked": 0,
            "capacity": 1,
            "day": "mercredi 2 décembre 2026",
            "end": "2026-12-02T11:15:00+01:00",
            "hours": "10 h 30 – 11 h 15",
            "kind": "appointment",
            "permanenceId": 5,
            "siteId": 3,
            "start": "2026-12-02T10:30:00+01:00"
          }
        },
        {
          "appointments": [],
          "bookable": true,
          "past": false,
          "siteName": "France Services Hautepierre",
          "slot": {
            "booked": 0,
            "capacity": 1,
            "day": "mercredi 2 décembre 2026",
            "end": "2026-12-02T12:00:00+01:00",
            "hours": "11 h 15 – 12 h",
            "kind": "appointment",
            "permanenceId": 5,
            "siteId": 3,
            "start": "2026-12-02T11:15:00+01:00"
          }
        },
        {
          "appointments": [
            {
              "canUndo": false,
              "visitId": null,
              "createdBy": null,
              "day": "mercredi 2 décembre 2026",
              "end": "2026-12-02T14:45:00+01:00",
              "extra": false,
              "hours": "14 h – 14 h 45",
              "id": 4,
              "notes": null,
              "permanenceId": 6,
              "reason": "impots",
              "residentName": "M. Weber",
              "residentPhone": "07 98 76 54 32",
              "siteId": 3,
              "start": "2026-12-02T14:00:00+01:00",
              "status": "booked",
              "whatToBring": "Votre numéro fiscal (en haut de votre avis d'imposition), votre mot de passe impots.gouv, votre dernier avis d'imposition.",
              "who": "M. Weber"
            }
          ],
          "bookable": false,
          "past": false,
          "siteName": "France Services Hautepierre",
          "slot": {
            "booked": 1,
            "capacity": 1,
            "day": "mercredi 2 décembre 2026",
            "end": "2026-12-02T14:45:00+01:00",
            "hours": "14 h – 14 h 45",
            "kind": "appointment",
            "permanenceId": 6,
            "siteId": 3,
            "start": "2026-12-02T14:00:00+01:00"
          }
        },
        {
          "appointments": [],
          "bookable": true,
          "past": false,
          "siteName": "France Services Hautepierre",
          "slot": {
            "booked": 0,
            "capacity": 1,
            "day": "mercredi 2 décembre 2026",
            "end": "2026-12-02T15:30:00+01:00",
            "hours": "14 h 45 – 15 h 30",
            "kind": "appointment",
            "permanenceId": 6,
            "siteId": 3,
            "start": "2026-12-02T14:45:00+01:00"
          }
        },
        {
          "appointments": [],
          "bookable": true,
          "past": false,
          "siteName": "France Services Hautepierre",
          "slot": {
            "booked": 0,
            "capacity": 1,
            "day": "mercredi 2 décembre 2026",
            "end": "2026-12-02T16:15:00+01:00",
            "hours": "15 h 30 – 16 h 15",
            "kind": "appointment",
            "permanenceId": 6,
            "siteId": 3,
            "start": "2026-12-02T15:30:00+01:00"
          }
        },
        {
          "appointments": [],
          "bookable": true,
          "past": false,
          "siteName": "France Services Hautepierre",
          "slot": {
            "booked": 0,
            "capacity": 1,
            "day": "mercredi 2 décembre 2026",
            "end": "2026-12-02T17:00:00+01:00",
            "hours": "16 h 15 – 17 h",
            "kind": "appointment",
            "permanenceId": 6,
            "siteId": 3,
            "start": "2026-12-02T16:15:00+01:00"
          }
        }
      ]
    },
    {
      "date": "2026-12-03",
      "label": "jeudi 3 décembre 2026",
      "notices": [
        "Centre socioculturel du Neudorf : fermé (Réunion d'équipe)"
      ],
      "others": [],
      "slots": [
        {
          "appointments": [],
          "bookable": true,
          "past": false,
          "siteName": "Centre socioculturel du Neudorf",
          "slot": {
            "booked": 0,
            "capacity": 2,
            "day": "jeudi 3 décembre 2026",
            "end": "2026-12-03T14:45:00+01:00",
            "hours": "14 h – 14 h 45",
            "kind": "both",
            "permanenceId": 4,
            "siteId": 2,
            "start": "2026-12-03T14:00:00+01:00"
          }
        },
        {
          "appointments": [
            {
              "canUndo": false,
              "visitId": null,
              "createdBy": null,
              "day": "jeudi 3 décembre 2026",
              "end": "2026-12-03T15:30:00+01:00",
              "extra": false,
              "hours": "14 h 45 – 15 h 30",
              "id": 5,
              "notes": null,
              "permanenceId": 4,
              "reason": "ameli",
              "residentName": "Nadia B.",
              "residentPhone": null,
              "siteId": 2,
              "start": "2026-12-03T14:45:00+01:00",
              "status": "booked",
              "whatToBring": "Votre carte Vitale, vos identifiants Ameli (ou FranceConnect), votre téléphone portable.",
              "who": "Nadia B."
            }
          ],
          "bookable": true,
          "past": false,
          "siteName": "Centre socioculturel du Neudorf",
          "slot": {
            "booked": 1,
            "capacity": 2,
            "day": "jeudi 3 décembre 2026",
            "end": "2026-12-03T15:30:00+01:00",
            "hours": "14 h 45 – 15 h 30",
            "kind": "both",
            "permanenceId": 4,
            "siteId": 2,
            "start": "2026-12-03T14:45:00+01:00"
          }
        },
        {
          "appointments": [],
          "bookable": true,
          "past": false,
          "siteName": "Centre socioculturel du Neudorf",
          "slot": {
            "booked": 0,
            "capacity": 2,
            "day": "jeudi 3 décembre 2026",
            "end": "2026-12-03T16:15:00+01:00",
            "hours": "15 h 30 – 16 h 15",
            "kind": "both",
            "permanenceId": 4,
            "siteId": 2,
            "start": "2026-12-03T15:30:00+01:00"
          }
        },
        {
          "appointments": [],
          "bookable": true,
          "past": false,
          "siteName": "Centre socioculturel du Neudorf",
          "slot": {
            "booked": 0,
            "capacity": 2,
            "day": "jeudi 3 décembre 2026",
            "end": "2026-12-03T17:00:00+01:00",
            "hours": "16 h 15 – 17 h",
            "kind": "both",
            "permanenceId": 4,
            "siteId": 2,
            "start": "2026-12-03T16:15:00+01:00"
          }
        }
      ]
    },
    {
      "date": "2026-12-04",
      "label": "vendredi 4 décembre 2026",
      "notices": [],
      "others": [],
      "slots": [
        {
          "appointments": [],
          "bookable": false,
          "past": false,
          "siteName": "France Services Hautepierre",
          "slot": {
            "booked": 0,
            "capacity": 3,
            "day": "vendredi 4 décembre 2026",
            "end": "2026-12-04T12:00:00+01:00",
            "hours": "9 h – 12 h",
            "kind": "drop_in",
            "permanenceId": 7,
            "siteId": 3,
            "start": "2026-12-04T09:00:00+01:00"
          }
        },
        {
          "appointments": [],
          "bookable": false,
          "past": false,
          "siteName": "Mairie de quartier de la Meinau",
          "slot": {
            "booked": 0,
            "capacity": 2,
            "day": "vendredi 4 décembre 2026",
            "end": "2026-12-04T16:30:00+01:00",
            "hours": "14 h – 16 h 30",
            "kind": "drop_in",
            "permanenceId": 8,
            "siteId": 4,
            "start": "2026-12-04T14:00:00+01:00"
          }
        }
      ]
    },
    {
      "date": "2026-12-05",
      "label": "samedi 5 décembre 2026",
      "notices": [],
      "others": [],
      "slots": [
        {
          "appointments": [],
          "bookable": false,
          "past": false,
          "siteName": "Espace numérique de l'Hôtel de Ville",
          "slot": {
            "booked": 0,
            "capacity": 4,
            "day": "samedi 5 décembre 2026",
            "end": "2026-12-05T12:00:00+01:00",
            "hours": "9 h – 12 h",
            "kind": "drop_in",
            "permanenceId": 10,
            "siteId": 5,
            "start": "2026-12-05T09:00:00+01:00"
          }
        },
        {
          "appointments": [],
          "bookable": true,
          "past": false,
          "siteName": "Médiathèque Olympe de Gouges",
          "slot": {
            "booked": 0,
            "capacity": 1,
            "day": "samedi 5 décembre 2026",
            "end": "2026-12-05T10:30:00+01:00",
            "hours": "10 h – 10 h 30",
            "kind": "appointment",
            "permanenceId": 2,
            "siteId": 1,
            "start": "2026-12-05T10:00:00+01:00"
          }
        },
        {
          "appointments": [],
          "bookable": true,
          "past": false,
          "siteName": "Médiathèque Olympe de Gouges",
          "slot": {
            "booked": 0,
            "capacity": 1,
            "day": "samedi 5 décembre 2026",
            "end": "2026-12-05T11:00:00+01:00",
            "hours": "10 h 30 – 11 h",
            "kind": "appointment",
            "permanenceId": 2,
            "siteId": 1,
            "start": "2026-12-05T10:30:00+01:00"
          }
        },
        {
          "appointments": [
            {
              "canUndo": false,
              "visitId": null,
              "createdBy": null,
              "day": "samedi 5 décembre 2026",
              "end": "2026-12-05T11:30:00+01:00",
              "extra": false,
              "hours": "11 h – 11 h 30",
              "id": 6,
              "notes": null,
              "permanenceId": 2,
              "reason": "smartphone",
              "residentName": null,
              "residentPhone": null,
              "siteId": 1,
              "start": "2026-12-05T11:00:00+01:00",
              "status": "booked",
              "whatToBring": "Votre téléphone ou votre tablette, chargé, et son code de déverrouillage.",
              "who": "Anonyme"
            }
          ],
          "bookable": false,
          "past": false,
          "siteName": "Médiathèque Olympe de Gouges",
          "slot": {
            "booked": 1,
            "capacity": 1,
            "day": "samedi 5 décembre 2026",
            "end": "2026-12-05T11:30:00+01:00",
            "hours": "11 h – 11 h 30",
            "kind": "appointment",
            "permanenceId": 2,
            "siteId": 1,
            "start": "2026-12-05T11:00:00+01:00"
          }
        },
        {
          "appointments": [],
          "bookable": true,
          "past": false,
          "siteName": "Médiathèque Olympe de Gouges",
          "slot": {
            "booked": 0,
            "capacity": 1,
            "day": "samedi 5 décembre 2026",
            "end": "2026-12-05T12:00:00+01:00",
            "hours": "11 h 30 – 12 h",
            "kind": "appointment",
            "permanenceId": 2,
            "siteId": 1,
            "start": "2026-12-05T11:30:00+01:00"
          }
        }
      ]
    },
    {
      "date": "2026-12-06",
      "label": "dimanche 6 décembre 2026",
      "notices": [],
      "others": [],
      "slots": []
    }
  ],
  "next": "2026-12-07",
  "previous": "2026-11-23",
  "title": "Semaine du 30 novembre 2026",
  "today": "2026-12-01",
  "waiting": [
    {
      "contact": "06 55 44 33 22",
      "id": 1,
      "name": "Mme Keller",
      "notes": "Disponible le matin",
      "reason": "ants_identite",
      "since": "depuis le 28 novembre 2026",
      "siteId": 2
    },
    {
      "id": 2,
      "siteId": 2,
      "name": "M. Hamdi",
      "contact": "07 11 22 33 44",
      "reason": "caf",
      "notes": null,
      "since": "depuis le 30 novembre 2026"
    }
  ]
};

export const walkIns: WalkIn[] = [
  {
    "id": 1,
    "siteId": 5,
    "arrivedAt": "2026-12-01T09:05:00+01:00",
    "arrival": "9 h 05",
    "name": "Mme Lang",
    "who": "Mme Lang",
    "reason": "caf",
    "status": "seen"
  },
  {
    "id": 2,
    "siteId": 5,
    "arrivedAt": "2026-12-01T10:12:00+01:00",
    "arrival": "10 h 12",
    "name": null,
    "who": "Anonyme",
    "reason": null,
    "status": "waiting"
  },
  {
    "id": 3,
    "siteId": 5,
    "arrivedAt": "2026-12-01T10:20:00+01:00",
    "arrival": "10 h 20",
    "name": "Paul",
    "who": "Paul",
    "reason": "smartphone",
    "status": "left"
  },
  {
    "id": 4,
    "siteId": 5,
    "arrivedAt": "2026-12-01T10:31:00+01:00",
    "arrival": "10 h 31",
    "name": "Aïcha",
    "who": "Aïcha",
    "reason": "ameli",
    "status": "waiting"
  }
];
