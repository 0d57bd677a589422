// The demo network's visits, statistics, themes and followed people as the core returns them
// (taken from \`permanences demo\` through the core's own functions), for the audit's mock.
export const visitData = {
 "blank": {
  "appointmentId": null,
  "autonomy": null,
  "beneficiaryId": null,
  "createdBy": null,
  "date": "2026-11-28",
  "durationMinutes": 30,
  "firstVisit": false,
  "followUp": false,
  "kind": "individuel",
  "materials": [],
  "mediatorId": null,
  "notes": null,
  "participantIds": [],
  "participants": 1,
  "placeCommune": null,
  "placePostcode": null,
  "placeType": "lieu_activite",
  "procedureDetails": null,
  "procedures": [],
  "profile": {
   "ageBracket": "non_communique",
   "commune": null,
   "gender": "non_communique",
   "postcode": null,
   "socialStatus": "non_communique"
  },
  "reason": null,
  "redirectedTo": null,
  "siteId": 1,
  "themes": [],
  "time": "16:00",
  "workshopLevel": null,
  "workshopTitle": null
 },
 "copy": {
  "appointmentId": null,
  "autonomy": "partiellement_autonome",
  "beneficiaryId": null,
  "createdBy": null,
  "date": "2026-11-28",
  "durationMinutes": 60,
  "firstVisit": false,
  "followUp": false,
  "kind": "individuel",
  "materials": [
   "telephone"
  ],
  "mediatorId": 2,
  "notes": null,
  "participantIds": [],
  "participants": 1,
  "placeCommune": null,
  "placePostcode": null,
  "placeType": "lieu_activite",
  "procedureDetails": null,
  "procedures": [],
  "profile": {
   "ageBracket": "non_communique",
   "commune": null,
   "gender": "non_communique",
   "postcode": null,
   "socialStatus": "non_communique"
  },
  "reason": "smartphone",
  "redirectedTo": null,
  "siteId": 2,
  "themes": [
   "prendre_en_main_du_materiel"
  ],
  "time": "15:00",
  "workshopLevel": null,
  "workshopTitle": null
 },
 "history": [
  {
   "appointmentId": null,
   "autonomy": null,
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "jeudi 26 novembre 2026",
   "duration": "2 h",
   "durationMinutes": 120,
   "firstVisit": false,
   "followUp": false,
   "followed": false,
   "id": 187,
   "kind": "collectif",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 1,
   "mediatorName": "Samia Benali",
   "notes": null,
   "participantIds": [
    1
   ],
   "participants": 8,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [],
   "profile": null,
   "reason": null,
   "redirectedTo": null,
   "siteId": 1,
   "siteName": "Médiathèque Olympe de Gouges",
   "start": "2026-11-26T10:00:00+01:00",
   "themes": [
    {
     "code": "email",
     "label": "E-mail"
    },
    {
     "code": "securite_numerique",
     "label": "Prévention en sécurité numérique"
    }
   ],
   "time": "10 h",
   "workshopLevel": "debutant",
   "workshopTitle": "Se protéger des arnaques en ligne"
  },
  {
   "appointmentId": null,
   "autonomy": null,
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "jeudi 19 novembre 2026",
   "duration": "2 h",
   "durationMinutes": 120,
   "firstVisit": false,
   "followUp": false,
   "followed": false,
   "id": 176,
   "kind": "collectif",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 1,
   "mediatorName": "Samia Benali",
   "notes": null,
   "participantIds": [
    1
   ],
   "participants": 7,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [],
   "profile": null,
   "reason": null,
   "redirectedTo": null,
   "siteId": 1,
   "siteName": "Médiathèque Olympe de Gouges",
   "start": "2026-11-19T10:00:00+01:00",
   "themes": [
    {
     "code": "email",
     "label": "E-mail"
    },
    {
     "code": "securite_numerique",
     "label": "Prévention en sécurité numérique"
    }
   ],
   "time": "10 h",
   "workshopLevel": "debutant",
   "workshopTitle": "Se protéger des arnaques en ligne"
  },
  {
   "appointmentId": null,
   "autonomy": null,
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "jeudi 12 novembre 2026",
   "duration": "2 h",
   "durationMinutes": 120,
   "firstVisit": false,
   "followUp": false,
   "followed": false,
   "id": 165,
   "kind": "collectif",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 1,
   "mediatorName": "Samia Benali",
   "notes": null,
   "participantIds": [
    1
   ],
   "participants": 6,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [],
   "profile": null,
   "reason": null,
   "redirectedTo": null,
   "siteId": 1,
   "siteName": "Médiathèque Olympe de Gouges",
   "start": "2026-11-12T10:00:00+01:00",
   "themes": [
    {
     "code": "email",
     "label": "E-mail"
    },
    {
     "code": "securite_numerique",
     "label": "Prévention en sécurité numérique"
    }
   ],
   "time": "10 h",
   "workshopLevel": "debutant",
   "workshopTitle": "Se protéger des arnaques en ligne"
  },
  {
   "appointmentId": null,
   "autonomy": "entierement_accompagne",
   "beneficiaryId": 1,
   "beneficiaryName": "DURAND Marie",
   "day": "mardi 10 novembre 2026",
   "duration": "20 min",
   "durationMinutes": 20,
   "firstVisit": true,
   "followUp": false,
   "followed": true,
   "id": 159,
   "kind": "individuel",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 1,
   "mediatorName": "Samia Benali",
   "notes": null,
   "participantIds": [],
   "participants": 1,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [
    {
     "code": "travail_formation",
     "label": "Travail - Formation - Entreprise"
    }
   ],
   "profile": {
    "ageBracket": "soixante_dix_plus",
    "commune": "Strasbourg",
    "gender": "non_communique",
    "postcode": "67100",
    "socialStatus": "non_communique"
   },
   "reason": "france_travail",
   "redirectedTo": null,
   "siteId": 4,
   "siteName": "Mairie de quartier de la Meinau",
   "start": "2026-11-10T14:00:00+01:00",
   "themes": [
    {
     "code": "insertion_professionnelle",
     "label": "Insertion professionnelle"
    },
    {
     "code": "aide_aux_demarches_administratives",
     "label": "Aide aux démarches administratives"
    }
   ],
   "time": "14 h",
   "workshopLevel": null,
   "workshopTitle": null
  },
  {
   "appointmentId": null,
   "autonomy": null,
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "jeudi 5 novembre 2026",
   "duration": "2 h",
   "durationMinutes": 120,
   "firstVisit": false,
   "followUp": false,
   "followed": false,
   "id": 154,
   "kind": "collectif",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 1,
   "mediatorName": "Samia Benali",
   "notes": null,
   "participantIds": [
    1
   ],
   "participants": 9,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [],
   "profile": null,
   "reason": null,
   "redirectedTo": null,
   "siteId": 1,
   "siteName": "Médiathèque Olympe de Gouges",
   "start": "2026-11-05T10:00:00+01:00",
   "themes": [
    {
     "code": "email",
     "label": "E-mail"
    },
    {
     "code": "securite_numerique",
     "label": "Prévention en sécurité numérique"
    }
   ],
   "time": "10 h",
   "workshopLevel": "debutant",
   "workshopTitle": "Se protéger des arnaques en ligne"
  },
  {
   "appointmentId": null,
   "autonomy": null,
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "jeudi 29 octobre 2026",
   "duration": "2 h",
   "durationMinutes": 120,
   "firstVisit": false,
   "followUp": false,
   "followed": false,
   "id": 143,
   "kind": "collectif",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 1,
   "mediatorName": "Samia Benali",
   "notes": null,
   "participantIds": [
    1
   ],
   "participants": 8,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [],
   "profile": null,
   "reason": null,
   "redirectedTo": null,
   "siteId": 1,
   "siteName": "Médiathèque Olympe de Gouges",
   "start": "2026-10-29T10:00:00+01:00",
   "themes": [
    {
     "code": "email",
     "label": "E-mail"
    },
    {
     "code": "securite_numerique",
     "label": "Prévention en sécurité numérique"
    }
   ],
   "time": "10 h",
   "workshopLevel": "debutant",
   "workshopTitle": "Se protéger des arnaques en ligne"
  },
  {
   "appointmentId": null,
   "autonomy": "entierement_accompagne",
   "beneficiaryId": 1,
   "beneficiaryName": "DURAND Marie",
   "day": "vendredi 23 octobre 2026",
   "duration": "45 min",
   "durationMinutes": 45,
   "firstVisit": true,
   "followUp": true,
   "followed": true,
   "id": 133,
   "kind": "individuel",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 2,
   "mediatorName": "Lucas Meyer",
   "notes": null,
   "participantIds": [],
   "participants": 1,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [],
   "profile": {
    "ageBracket": "soixante_dix_plus",
    "commune": "Strasbourg",
    "gender": "non_communique",
    "postcode": "67100",
    "socialStatus": "non_communique"
   },
   "reason": "smartphone",
   "redirectedTo": null,
   "siteId": 2,
   "siteName": "Centre socioculturel du Neudorf",
   "start": "2026-10-23T14:00:00+02:00",
   "themes": [
    {
     "code": "prendre_en_main_du_materiel",
     "label": "Prendre en main du matériel"
    }
   ],
   "time": "14 h",
   "workshopLevel": null,
   "workshopTitle": null
  },
  {
   "appointmentId": null,
   "autonomy": null,
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "jeudi 22 octobre 2026",
   "duration": "2 h",
   "durationMinutes": 120,
   "firstVisit": false,
   "followUp": false,
   "followed": false,
   "id": 132,
   "kind": "collectif",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 1,
   "mediatorName": "Samia Benali",
   "notes": null,
   "participantIds": [
    1
   ],
   "participants": 7,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [],
   "profile": null,
   "reason": null,
   "redirectedTo": null,
   "siteId": 1,
   "siteName": "Médiathèque Olympe de Gouges",
   "start": "2026-10-22T10:00:00+02:00",
   "themes": [
    {
     "code": "email",
     "label": "E-mail"
    },
    {
     "code": "securite_numerique",
     "label": "Prévention en sécurité numérique"
    }
   ],
   "time": "10 h",
   "workshopLevel": "debutant",
   "workshopTitle": "Se protéger des arnaques en ligne"
  },
  {
   "appointmentId": null,
   "autonomy": null,
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "jeudi 15 octobre 2026",
   "duration": "2 h",
   "durationMinutes": 120,
   "firstVisit": false,
   "followUp": false,
   "followed": false,
   "id": 121,
   "kind": "collectif",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 1,
   "mediatorName": "Samia Benali",
   "notes": null,
   "participantIds": [
    1
   ],
   "participants": 6,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [],
   "profile": null,
   "reason": null,
   "redirectedTo": null,
   "siteId": 1,
   "siteName": "Médiathèque Olympe de Gouges",
   "start": "2026-10-15T10:00:00+02:00",
   "themes": [
    {
     "code": "email",
     "label": "E-mail"
    },
    {
     "code": "securite_numerique",
     "label": "Prévention en sécurité numérique"
    }
   ],
   "time": "10 h",
   "workshopLevel": "debutant",
   "workshopTitle": "Se protéger des arnaques en ligne"
  },
  {
   "appointmentId": null,
   "autonomy": null,
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "jeudi 8 octobre 2026",
   "duration": "2 h",
   "durationMinutes": 120,
   "firstVisit": false,
   "followUp": false,
   "followed": false,
   "id": 110,
   "kind": "collectif",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 1,
   "mediatorName": "Samia Benali",
   "notes": null,
   "participantIds": [
    1
   ],
   "participants": 9,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [],
   "profile": null,
   "reason": null,
   "redirectedTo": null,
   "siteId": 1,
   "siteName": "Médiathèque Olympe de Gouges",
   "start": "2026-10-08T10:00:00+02:00",
   "themes": [
    {
     "code": "email",
     "label": "E-mail"
    },
    {
     "code": "securite_numerique",
     "label": "Prévention en sécurité numérique"
    }
   ],
   "time": "10 h",
   "workshopLevel": "debutant",
   "workshopTitle": "Se protéger des arnaques en ligne"
  },
  {
   "appointmentId": null,
   "autonomy": "entierement_accompagne",
   "beneficiaryId": 1,
   "beneficiaryName": "DURAND Marie",
   "day": "lundi 5 octobre 2026",
   "duration": "1 h 30",
   "durationMinutes": 90,
   "firstVisit": true,
   "followUp": false,
   "followed": true,
   "id": 102,
   "kind": "individuel",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 4,
   "mediatorName": "Yannick Koffi",
   "notes": null,
   "participantIds": [],
   "participants": 1,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [
    {
     "code": "argent_impots",
     "label": "Argent - Impôts"
    }
   ],
   "profile": {
    "ageBracket": "soixante_dix_plus",
    "commune": "Strasbourg",
    "gender": "non_communique",
    "postcode": "67100",
    "socialStatus": "non_communique"
   },
   "reason": "impots",
   "redirectedTo": null,
   "siteId": 5,
   "siteName": "Espace numérique de l'Hôtel de Ville",
   "start": "2026-10-05T14:00:00+02:00",
   "themes": [
    {
     "code": "aide_aux_demarches_administratives",
     "label": "Aide aux démarches administratives"
    }
   ],
   "time": "14 h",
   "workshopLevel": null,
   "workshopTitle": null
  },
  {
   "appointmentId": null,
   "autonomy": null,
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "jeudi 1er octobre 2026",
   "duration": "2 h",
   "durationMinutes": 120,
   "firstVisit": false,
   "followUp": false,
   "followed": false,
   "id": 99,
   "kind": "collectif",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 1,
   "mediatorName": "Samia Benali",
   "notes": null,
   "participantIds": [
    1
   ],
   "participants": 8,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [],
   "profile": null,
   "reason": null,
   "redirectedTo": null,
   "siteId": 1,
   "siteName": "Médiathèque Olympe de Gouges",
   "start": "2026-10-01T10:00:00+02:00",
   "themes": [
    {
     "code": "email",
     "label": "E-mail"
    },
    {
     "code": "securite_numerique",
     "label": "Prévention en sécurité numérique"
    }
   ],
   "time": "10 h",
   "workshopLevel": "debutant",
   "workshopTitle": "Se protéger des arnaques en ligne"
  },
  {
   "appointmentId": null,
   "autonomy": null,
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "jeudi 24 septembre 2026",
   "duration": "2 h",
   "durationMinutes": 120,
   "firstVisit": false,
   "followUp": false,
   "followed": false,
   "id": 88,
   "kind": "collectif",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 1,
   "mediatorName": "Samia Benali",
   "notes": null,
   "participantIds": [
    1
   ],
   "participants": 7,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [],
   "profile": null,
   "reason": null,
   "redirectedTo": null,
   "siteId": 1,
   "siteName": "Médiathèque Olympe de Gouges",
   "start": "2026-09-24T10:00:00+02:00",
   "themes": [
    {
     "code": "email",
     "label": "E-mail"
    },
    {
     "code": "securite_numerique",
     "label": "Prévention en sécurité numérique"
    }
   ],
   "time": "10 h",
   "workshopLevel": "debutant",
   "workshopTitle": "Se protéger des arnaques en ligne"
  },
  {
   "appointmentId": null,
   "autonomy": "entierement_accompagne",
   "beneficiaryId": 1,
   "beneficiaryName": "DURAND Marie",
   "day": "jeudi 17 septembre 2026",
   "duration": "1 h",
   "durationMinutes": 60,
   "firstVisit": true,
   "followUp": true,
   "followed": true,
   "id": 75,
   "kind": "individuel",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 3,
   "mediatorName": "Claire Hoffmann",
   "notes": null,
   "participantIds": [],
   "participants": 1,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [
    {
     "code": "social_sante",
     "label": "Social - Santé"
    }
   ],
   "profile": {
    "ageBracket": "soixante_dix_plus",
    "commune": "Strasbourg",
    "gender": "non_communique",
    "postcode": "67100",
    "socialStatus": "non_communique"
   },
   "reason": "caf",
   "redirectedTo": null,
   "siteId": 3,
   "siteName": "France Services Hautepierre",
   "start": "2026-09-17T14:00:00+02:00",
   "themes": [
    {
     "code": "aide_aux_demarches_administratives",
     "label": "Aide aux démarches administratives"
    }
   ],
   "time": "14 h",
   "workshopLevel": null,
   "workshopTitle": null
  },
  {
   "appointmentId": null,
   "autonomy": null,
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "jeudi 17 septembre 2026",
   "duration": "2 h",
   "durationMinutes": 120,
   "firstVisit": false,
   "followUp": false,
   "followed": false,
   "id": 77,
   "kind": "collectif",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 1,
   "mediatorName": "Samia Benali",
   "notes": null,
   "participantIds": [
    1
   ],
   "participants": 6,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [],
   "profile": null,
   "reason": null,
   "redirectedTo": null,
   "siteId": 1,
   "siteName": "Médiathèque Olympe de Gouges",
   "start": "2026-09-17T10:00:00+02:00",
   "themes": [
    {
     "code": "email",
     "label": "E-mail"
    },
    {
     "code": "securite_numerique",
     "label": "Prévention en sécurité numérique"
    }
   ],
   "time": "10 h",
   "workshopLevel": "debutant",
   "workshopTitle": "Se protéger des arnaques en ligne"
  },
  {
   "appointmentId": null,
   "autonomy": null,
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "jeudi 10 septembre 2026",
   "duration": "2 h",
   "durationMinutes": 120,
   "firstVisit": false,
   "followUp": false,
   "followed": false,
   "id": 66,
   "kind": "collectif",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 1,
   "mediatorName": "Samia Benali",
   "notes": null,
   "participantIds": [
    1
   ],
   "participants": 9,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [],
   "profile": null,
   "reason": null,
   "redirectedTo": null,
   "siteId": 1,
   "siteName": "Médiathèque Olympe de Gouges",
   "start": "2026-09-10T10:00:00+02:00",
   "themes": [
    {
     "code": "email",
     "label": "E-mail"
    },
    {
     "code": "securite_numerique",
     "label": "Prévention en sécurité numérique"
    }
   ],
   "time": "10 h",
   "workshopLevel": "debutant",
   "workshopTitle": "Se protéger des arnaques en ligne"
  },
  {
   "appointmentId": null,
   "autonomy": null,
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "jeudi 3 septembre 2026",
   "duration": "2 h",
   "durationMinutes": 120,
   "firstVisit": false,
   "followUp": false,
   "followed": false,
   "id": 55,
   "kind": "collectif",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 1,
   "mediatorName": "Samia Benali",
   "notes": null,
   "participantIds": [
    1
   ],
   "participants": 8,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [],
   "profile": null,
   "reason": null,
   "redirectedTo": null,
   "siteId": 1,
   "siteName": "Médiathèque Olympe de Gouges",
   "start": "2026-09-03T10:00:00+02:00",
   "themes": [
    {
     "code": "email",
     "label": "E-mail"
    },
    {
     "code": "securite_numerique",
     "label": "Prévention en sécurité numérique"
    }
   ],
   "time": "10 h",
   "workshopLevel": "debutant",
   "workshopTitle": "Se protéger des arnaques en ligne"
  },
  {
   "appointmentId": null,
   "autonomy": null,
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "jeudi 27 août 2026",
   "duration": "2 h",
   "durationMinutes": 120,
   "firstVisit": false,
   "followUp": false,
   "followed": false,
   "id": 44,
   "kind": "collectif",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 1,
   "mediatorName": "Samia Benali",
   "notes": null,
   "participantIds": [
    1
   ],
   "participants": 7,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [],
   "profile": null,
   "reason": null,
   "redirectedTo": null,
   "siteId": 1,
   "siteName": "Médiathèque Olympe de Gouges",
   "start": "2026-08-27T10:00:00+02:00",
   "themes": [
    {
     "code": "email",
     "label": "E-mail"
    },
    {
     "code": "securite_numerique",
     "label": "Prévention en sécurité numérique"
    }
   ],
   "time": "10 h",
   "workshopLevel": "debutant",
   "workshopTitle": "Se protéger des arnaques en ligne"
  },
  {
   "appointmentId": null,
   "autonomy": null,
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "jeudi 20 août 2026",
   "duration": "2 h",
   "durationMinutes": 120,
   "firstVisit": false,
   "followUp": false,
   "followed": false,
   "id": 33,
   "kind": "collectif",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 1,
   "mediatorName": "Samia Benali",
   "notes": null,
   "participantIds": [
    1
   ],
   "participants": 6,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [],
   "profile": null,
   "reason": null,
   "redirectedTo": null,
   "siteId": 1,
   "siteName": "Médiathèque Olympe de Gouges",
   "start": "2026-08-20T10:00:00+02:00",
   "themes": [
    {
     "code": "email",
     "label": "E-mail"
    },
    {
     "code": "securite_numerique",
     "label": "Prévention en sécurité numérique"
    }
   ],
   "time": "10 h",
   "workshopLevel": "debutant",
   "workshopTitle": "Se protéger des arnaques en ligne"
  },
  {
   "appointmentId": null,
   "autonomy": null,
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "jeudi 13 août 2026",
   "duration": "2 h",
   "durationMinutes": 120,
   "firstVisit": false,
   "followUp": false,
   "followed": false,
   "id": 22,
   "kind": "collectif",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 1,
   "mediatorName": "Samia Benali",
   "notes": null,
   "participantIds": [
    1
   ],
   "participants": 9,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [],
   "profile": null,
   "reason": null,
   "redirectedTo": null,
   "siteId": 1,
   "siteName": "Médiathèque Olympe de Gouges",
   "start": "2026-08-13T10:00:00+02:00",
   "themes": [
    {
     "code": "email",
     "label": "E-mail"
    },
    {
     "code": "securite_numerique",
     "label": "Prévention en sécurité numérique"
    }
   ],
   "time": "10 h",
   "workshopLevel": "debutant",
   "workshopTitle": "Se protéger des arnaques en ligne"
  },
  {
   "appointmentId": null,
   "autonomy": "entierement_accompagne",
   "beneficiaryId": 1,
   "beneficiaryName": "DURAND Marie",
   "day": "mercredi 12 août 2026",
   "duration": "20 min",
   "durationMinutes": 20,
   "firstVisit": true,
   "followUp": true,
   "followed": true,
   "id": 18,
   "kind": "individuel",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 1,
   "mediatorName": "Samia Benali",
   "notes": null,
   "participantIds": [],
   "participants": 1,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [],
   "profile": {
    "ageBracket": "soixante_dix_plus",
    "commune": "Strasbourg",
    "gender": "non_communique",
    "postcode": "67100",
    "socialStatus": "non_communique"
   },
   "reason": "smartphone",
   "redirectedTo": null,
   "siteId": 4,
   "siteName": "Mairie de quartier de la Meinau",
   "start": "2026-08-12T14:00:00+02:00",
   "themes": [
    {
     "code": "prendre_en_main_du_materiel",
     "label": "Prendre en main du matériel"
    }
   ],
   "time": "14 h",
   "workshopLevel": null,
   "workshopTitle": null
  },
  {
   "appointmentId": null,
   "autonomy": null,
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "jeudi 6 août 2026",
   "duration": "2 h",
   "durationMinutes": 120,
   "firstVisit": false,
   "followUp": false,
   "followed": false,
   "id": 11,
   "kind": "collectif",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 1,
   "mediatorName": "Samia Benali",
   "notes": null,
   "participantIds": [
    1
   ],
   "participants": 8,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [],
   "profile": null,
   "reason": null,
   "redirectedTo": null,
   "siteId": 1,
   "siteName": "Médiathèque Olympe de Gouges",
   "start": "2026-08-06T10:00:00+02:00",
   "themes": [
    {
     "code": "email",
     "label": "E-mail"
    },
    {
     "code": "securite_numerique",
     "label": "Prévention en sécurité numérique"
    }
   ],
   "time": "10 h",
   "workshopLevel": "debutant",
   "workshopTitle": "Se protéger des arnaques en ligne"
  }
 ],
 "people": [
  {
   "consentBy": 1,
   "consentOn": "28/11/2026",
   "displayName": "DURAND Marie",
   "email": null,
   "firstName": "Marie",
   "id": 1,
   "lastName": "Durand",
   "lastVisitOn": "26/11/2026",
   "notes": null,
   "phone": "06 11 22 33 44",
   "profile": {
    "ageBracket": "soixante_dix_plus",
    "commune": "Strasbourg",
    "gender": "non_communique",
    "postcode": "67100",
    "socialStatus": "non_communique"
   },
   "visitCount": 22
  },
  {
   "consentBy": 1,
   "consentOn": "28/11/2026",
   "displayName": "HADDAD Youssef",
   "email": null,
   "firstName": "Youssef",
   "id": 2,
   "lastName": "Haddad",
   "lastVisitOn": "19/11/2026",
   "notes": null,
   "phone": "06 11 22 33 44",
   "profile": {
    "ageBracket": "quarante_cinquante_neuf",
    "commune": "Strasbourg",
    "gender": "non_communique",
    "postcode": "67100",
    "socialStatus": "non_communique"
   },
   "visitCount": 5
  }
 ],
 "period": {
  "from": "2026-11-01",
  "to": "2026-11-28"
 },
 "publish": {
  "lastError": null,
  "publishedAt": null,
  "settings": {
   "folder": null,
   "publications": []
  }
 },
 "stats": {
  "ageBrackets": [
   {
    "code": "moins_de_douze",
    "count": 0,
    "label": "Moins de 12 ans",
    "share": "0 %"
   },
   {
    "code": "douze_dix_huit",
    "count": 0,
    "label": "12 - 17 ans",
    "share": "0 %"
   },
   {
    "code": "dix_huit_vingt_quatre",
    "count": 8,
    "label": "18 - 24 ans",
    "share": "20 %"
   },
   {
    "code": "vingt_cinq_trente_neuf",
    "count": 6,
    "label": "25 - 39 ans",
    "share": "15 %"
   },
   {
    "code": "quarante_cinquante_neuf",
    "count": 7,
    "label": "40 - 59 ans",
    "share": "17,5 %"
   },
   {
    "code": "soixante_soixante_neuf",
    "count": 5,
    "label": "60 - 69 ans",
    "share": "12,5 %"
   },
   {
    "code": "soixante_dix_plus",
    "count": 7,
    "label": "70 ans et plus",
    "share": "17,5 %"
   },
   {
    "code": "non_communique",
    "count": 7,
    "label": "Non communiqué",
    "share": "17,5 %"
   }
  ],
  "appointments": {
   "booked": 0,
   "cancelled": 0,
   "honoured": 0,
   "noShow": 0,
   "noShowRate": "–",
   "pending": 0
  },
  "durations": [
   {
    "code": "moins_30",
    "count": 8,
    "label": "Moins de 30 min",
    "share": "18,2 %"
   },
   {
    "code": "30_60",
    "count": 16,
    "label": "30 min à 1 h",
    "share": "36,4 %"
   },
   {
    "code": "60_120",
    "count": 16,
    "label": "1 h à 2 h",
    "share": "36,4 %"
   },
   {
    "code": "plus_120",
    "count": 4,
    "label": "2 h et plus",
    "share": "9,1 %"
   }
  ],
  "figures": [
   {
    "detail": "dont 2 suivies, 64 anonymes",
    "label": "Personnes accompagnées",
    "value": "66"
   },
   {
    "detail": "40 individuels, 4 ateliers",
    "label": "Accompagnements",
    "value": "44"
   },
   {
    "detail": "durée totale notée",
    "label": "Temps d'accompagnement",
    "value": "40 h 40"
   },
   {
    "detail": "4 ateliers",
    "label": "Participants aux ateliers",
    "value": "30"
   },
   {
    "detail": "27 déjà venues",
    "label": "Première fois",
    "value": "13"
   },
   {
    "detail": "0 absence, taux d'absence –",
    "label": "Rendez-vous honorés",
    "value": "0"
   }
  ],
  "genders": [
   {
    "code": "masculin",
    "count": 12,
    "label": "Masculin",
    "share": "30 %"
   },
   {
    "code": "feminin",
    "count": 19,
    "label": "Féminin",
    "share": "47,5 %"
   },
   {
    "code": "non_communique",
    "count": 9,
    "label": "Non communiqué",
    "share": "22,5 %"
   }
  ],
  "hours": "40 h 40",
  "individualVisits": 40,
  "minutes": 2440,
  "people": 66,
  "peopleAnonymous": 64,
  "peopleFollowed": 2,
  "peopleNew": 13,
  "peopleReturning": 27,
  "period": "du 1er novembre 2026 au 28 novembre 2026",
  "places": [
   {
    "code": "lieu_activite",
    "count": 40,
    "label": "Lieu d’activité",
    "share": "90,9 %"
   },
   {
    "code": "domicile",
    "count": 0,
    "label": "À domicile",
    "share": "0 %"
   },
   {
    "code": "a_distance",
    "count": 4,
    "label": "À distance",
    "share": "9,1 %"
   },
   {
    "code": "autre",
    "count": 0,
    "label": "Autre lieu",
    "share": "0 %"
   }
  ],
  "procedures": [
   {
    "code": "social_sante",
    "count": 8,
    "label": "Social - Santé",
    "share": "18,2 %"
   },
   {
    "code": "papiers_elections_citoyennete",
    "count": 6,
    "label": "Papiers - Élections - Citoyenneté",
    "share": "13,6 %"
   },
   {
    "code": "travail_formation",
    "count": 6,
    "label": "Travail - Formation - Entreprise",
    "share": "13,6 %"
   },
   {
    "code": "argent_impots",
    "count": 4,
    "label": "Argent - Impôts",
    "share": "9,1 %"
   }
  ],
  "scope": "Tout le réseau",
  "socialStatuses": [
   {
    "code": "scolarise",
    "count": 8,
    "label": "Scolarisé",
    "share": "20 %"
   },
   {
    "code": "sans_emploi",
    "count": 6,
    "label": "Sans emploi",
    "share": "15 %"
   },
   {
    "code": "en_emploi",
    "count": 6,
    "label": "En emploi",
    "share": "15 %"
   },
   {
    "code": "retraite",
    "count": 11,
    "label": "Retraité",
    "share": "27,5 %"
   },
   {
    "code": "non_communique",
    "count": 9,
    "label": "Non communiqué ou hétérogène",
    "share": "22,5 %"
   }
  ],
  "team": "Toute l'équipe",
  "themes": [
   {
    "code": "aide_aux_demarches_administratives",
    "count": 24,
    "label": "Aide aux démarches administratives",
    "share": "54,5 %"
   },
   {
    "code": "email",
    "count": 15,
    "label": "E-mail",
    "share": "34,1 %"
   },
   {
    "code": "securite_numerique",
    "count": 9,
    "label": "Prévention en sécurité numérique",
    "share": "20,5 %"
   },
   {
    "code": "prendre_en_main_du_materiel",
    "count": 6,
    "label": "Prendre en main du matériel",
    "share": "13,6 %"
   },
   {
    "code": "insertion_professionnelle",
    "count": 6,
    "label": "Insertion professionnelle",
    "share": "13,6 %"
   },
   {
    "code": "navigation_sur_internet",
    "count": 5,
    "label": "Navigation sur internet",
    "share": "11,4 %"
   },
   {
    "code": "sante",
    "count": 4,
    "label": "Santé",
    "share": "9,1 %"
   }
  ],
  "visits": 44,
  "workshopParticipants": 30,
  "workshops": 4
 },
 "terms": [
  {
   "archived": false,
   "code": "diagnostic_numerique",
   "id": 1,
   "label": "Diagnostic numérique",
   "national": true,
   "vocabulary": "theme"
  },
  {
   "archived": false,
   "code": "prendre_en_main_du_materiel",
   "id": 2,
   "label": "Prendre en main du matériel",
   "national": true,
   "vocabulary": "theme"
  },
  {
   "archived": false,
   "code": "maintenance_de_materiel",
   "id": 3,
   "label": "Maintenance de matériel",
   "national": true,
   "vocabulary": "theme"
  },
  {
   "archived": false,
   "code": "gere_ses_contenus_numeriques",
   "id": 4,
   "label": "Gérer ses contenus numériques",
   "national": true,
   "vocabulary": "theme"
  },
  {
   "archived": false,
   "code": "navigation_sur_internet",
   "id": 5,
   "label": "Navigation sur internet",
   "national": true,
   "vocabulary": "theme"
  },
  {
   "archived": false,
   "code": "email",
   "id": 6,
   "label": "E-mail",
   "national": true,
   "vocabulary": "theme"
  },
  {
   "archived": false,
   "code": "bureautique",
   "id": 7,
   "label": "Bureautique",
   "national": true,
   "vocabulary": "theme"
  },
  {
   "archived": false,
   "code": "reseaux_sociaux",
   "id": 8,
   "label": "Réseaux sociaux communication",
   "national": true,
   "vocabulary": "theme"
  },
  {
   "archived": false,
   "code": "sante",
   "id": 9,
   "label": "Santé",
   "national": true,
   "vocabulary": "theme"
  },
  {
   "archived": false,
   "code": "banque_et_achats_en_ligne",
   "id": 10,
   "label": "Banque et achats en ligne",
   "national": true,
   "vocabulary": "theme"
  },
  {
   "archived": false,
   "code": "entrepreneuriat",
   "id": 11,
   "label": "Accompagner un professionnel",
   "national": true,
   "vocabulary": "theme"
  },
  {
   "archived": false,
   "code": "insertion_professionnelle",
   "id": 12,
   "label": "Insertion professionnelle",
   "national": true,
   "vocabulary": "theme"
  },
  {
   "archived": false,
   "code": "securite_numerique",
   "id": 13,
   "label": "Prévention en sécurité numérique",
   "national": true,
   "vocabulary": "theme"
  },
  {
   "archived": false,
   "code": "parentalite",
   "id": 14,
   "label": "Parentalité",
   "national": true,
   "vocabulary": "theme"
  },
  {
   "archived": false,
   "code": "scolarite_et_numerique",
   "id": 15,
   "label": "Scolarité et numérique",
   "national": true,
   "vocabulary": "theme"
  },
  {
   "archived": false,
   "code": "creer_avec_le_numerique",
   "id": 16,
   "label": "Créer avec le numérique",
   "national": true,
   "vocabulary": "theme"
  },
  {
   "archived": false,
   "code": "culture_numerique",
   "id": 17,
   "label": "Culture numérique",
   "national": true,
   "vocabulary": "theme"
  },
  {
   "archived": false,
   "code": "intelligence_artificielle",
   "id": 18,
   "label": "Intelligence artificielle (IA)",
   "national": true,
   "vocabulary": "theme"
  },
  {
   "archived": false,
   "code": "aide_aux_demarches_administratives",
   "id": 19,
   "label": "Aide aux démarches administratives",
   "national": true,
   "vocabulary": "theme"
  },
  {
   "archived": false,
   "code": "papiers_elections_citoyennete",
   "id": 20,
   "label": "Papiers - Élections - Citoyenneté",
   "national": true,
   "vocabulary": "procedure"
  },
  {
   "archived": false,
   "code": "famille_scolarite",
   "id": 21,
   "label": "Famille - Scolarité",
   "national": true,
   "vocabulary": "procedure"
  },
  {
   "archived": false,
   "code": "social_sante",
   "id": 22,
   "label": "Social - Santé",
   "national": true,
   "vocabulary": "procedure"
  },
  {
   "archived": false,
   "code": "travail_formation",
   "id": 23,
   "label": "Travail - Formation - Entreprise",
   "national": true,
   "vocabulary": "procedure"
  },
  {
   "archived": false,
   "code": "logement",
   "id": 24,
   "label": "Logement",
   "national": true,
   "vocabulary": "procedure"
  },
  {
   "archived": false,
   "code": "transports_mobilite",
   "id": 25,
   "label": "Transports - Mobilité",
   "national": true,
   "vocabulary": "procedure"
  },
  {
   "archived": false,
   "code": "argent_impots",
   "id": 26,
   "label": "Argent - Impôts",
   "national": true,
   "vocabulary": "procedure"
  },
  {
   "archived": false,
   "code": "justice",
   "id": 27,
   "label": "Justice",
   "national": true,
   "vocabulary": "procedure"
  },
  {
   "archived": false,
   "code": "etrangers_europe",
   "id": 28,
   "label": "Étrangers - Europe",
   "national": true,
   "vocabulary": "procedure"
  },
  {
   "archived": false,
   "code": "loisirs_sports_culture",
   "id": 29,
   "label": "Loisirs - Sports - Culture",
   "national": true,
   "vocabulary": "procedure"
  },
  {
   "archived": false,
   "code": "associations",
   "id": 30,
   "label": "Associations",
   "national": true,
   "vocabulary": "procedure"
  }
 ],
 "visitVocab": {
  "ageBrackets": [
   {
    "code": "moins_de_douze",
    "label": "Moins de 12 ans"
   },
   {
    "code": "douze_dix_huit",
    "label": "12 - 17 ans"
   },
   {
    "code": "dix_huit_vingt_quatre",
    "label": "18 - 24 ans"
   },
   {
    "code": "vingt_cinq_trente_neuf",
    "label": "25 - 39 ans"
   },
   {
    "code": "quarante_cinquante_neuf",
    "label": "40 - 59 ans"
   },
   {
    "code": "soixante_soixante_neuf",
    "label": "60 - 69 ans"
   },
   {
    "code": "soixante_dix_plus",
    "label": "70 ans et plus"
   },
   {
    "code": "non_communique",
    "label": "Non communiqué"
   }
  ],
  "autonomy": [
   {
    "code": "entierement_accompagne",
    "label": "Avec guidage"
   },
   {
    "code": "partiellement_autonome",
    "label": "Autonome avec guidage en cas de besoin"
   },
   {
    "code": "autonome",
    "label": "Autonome"
   }
  ],
  "durationPresets": [
   15,
   30,
   45,
   60,
   90,
   120
  ],
  "genders": [
   {
    "code": "masculin",
    "label": "Masculin"
   },
   {
    "code": "feminin",
    "label": "Féminin"
   },
   {
    "code": "non_communique",
    "label": "Non communiqué"
   }
  ],
  "kinds": [
   {
    "code": "individuel",
    "label": "Accompagnement individuel"
   },
   {
    "code": "collectif",
    "label": "Atelier collectif"
   }
  ],
  "materials": [
   {
    "code": "ordinateur",
    "label": "Ordinateur"
   },
   {
    "code": "telephone",
    "label": "Téléphone"
   },
   {
    "code": "tablette",
    "label": "Tablette"
   },
   {
    "code": "autre",
    "label": "Autre"
   },
   {
    "code": "aucun",
    "label": "Pas de matériel"
   }
  ],
  "placeTypes": [
   {
    "code": "lieu_activite",
    "label": "Lieu d’activité"
   },
   {
    "code": "domicile",
    "label": "À domicile"
   },
   {
    "code": "a_distance",
    "label": "À distance"
   },
   {
    "code": "autre",
    "label": "Autre lieu"
   }
  ],
  "redirections": [
   {
    "code": "administration",
    "label": "Administration (mairie, préfecture…)"
   },
   {
    "code": "mediation_numerique",
    "label": "Autre structure de médiation numérique"
   },
   {
    "code": "operateur_ou_organisme_en_charge",
    "label": "Opérateur ou organisme en charge de la démarche administrative"
   },
   {
    "code": "aide_sociale",
    "label": "Structure d’aide sociale (maison des solidarités, centre social…)"
   },
   {
    "code": "insertion_professionnelle",
    "label": "Structure d’insertion professionnelle (France Travail, mission locale, chambre de commerce…)"
   },
   {
    "code": "aide_aux_demarches_administratives",
    "label": "Structure d’aide aux démarches administratives (France Services…)"
   },
   {
    "code": "autre",
    "label": "Autre"
   }
  ],
  "socialStatuses": [
   {
    "code": "scolarise",
    "label": "Scolarisé"
   },
   {
    "code": "sans_emploi",
    "label": "Sans emploi"
   },
   {
    "code": "en_emploi",
    "label": "En emploi"
   },
   {
    "code": "retraite",
    "label": "Retraité"
   },
   {
    "code": "non_communique",
    "label": "Non communiqué ou hétérogène"
   }
  ],
  "workshopLevels": [
   {
    "code": "debutant",
    "label": "Débutant"
   },
   {
    "code": "intermediaire",
    "label": "Intermédiaire"
   },
   {
    "code": "avance",
    "label": "Avancé"
   }
  ]
 },
 "visits": [
  {
   "appointmentId": null,
   "autonomy": "partiellement_autonome",
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "vendredi 27 novembre 2026",
   "duration": "1 h",
   "durationMinutes": 60,
   "firstVisit": false,
   "followUp": false,
   "followed": false,
   "id": 189,
   "kind": "individuel",
   "materials": [
    "telephone"
   ],
   "mediatorId": 2,
   "mediatorName": "Lucas Meyer",
   "notes": null,
   "participantIds": [],
   "participants": 1,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [],
   "profile": {
    "ageBracket": "soixante_soixante_neuf",
    "commune": "Schiltigheim",
    "gender": "feminin",
    "postcode": "67300",
    "socialStatus": "retraite"
   },
   "reason": "smartphone",
   "redirectedTo": null,
   "siteId": 2,
   "siteName": "Centre socioculturel du Neudorf",
   "start": "2026-11-27T15:00:00+01:00",
   "themes": [
    {
     "code": "prendre_en_main_du_materiel",
     "label": "Prendre en main du matériel"
    }
   ],
   "time": "15 h",
   "workshopLevel": null,
   "workshopTitle": null
  },
  {
   "appointmentId": null,
   "autonomy": "partiellement_autonome",
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "vendredi 27 novembre 2026",
   "duration": "45 min",
   "durationMinutes": 45,
   "firstVisit": false,
   "followUp": false,
   "followed": false,
   "id": 188,
   "kind": "individuel",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 2,
   "mediatorName": "Lucas Meyer",
   "notes": null,
   "participantIds": [],
   "participants": 1,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [],
   "profile": {
    "ageBracket": "soixante_dix_plus",
    "commune": "Schiltigheim",
    "gender": "masculin",
    "postcode": "67300",
    "socialStatus": "retraite"
   },
   "reason": "email",
   "redirectedTo": null,
   "siteId": 2,
   "siteName": "Centre socioculturel du Neudorf",
   "start": "2026-11-27T14:00:00+01:00",
   "themes": [
    {
     "code": "email",
     "label": "E-mail"
    }
   ],
   "time": "14 h",
   "workshopLevel": null,
   "workshopTitle": null
  },
  {
   "appointmentId": null,
   "autonomy": "autonome",
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "jeudi 26 novembre 2026",
   "duration": "20 min",
   "durationMinutes": 20,
   "firstVisit": true,
   "followUp": false,
   "followed": false,
   "id": 186,
   "kind": "individuel",
   "materials": [
    "telephone"
   ],
   "mediatorId": 3,
   "mediatorName": "Claire Hoffmann",
   "notes": null,
   "participantIds": [],
   "participants": 1,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [],
   "profile": {
    "ageBracket": "soixante_dix_plus",
    "commune": "Strasbourg",
    "gender": "masculin",
    "postcode": "67000",
    "socialStatus": "retraite"
   },
   "reason": null,
   "redirectedTo": null,
   "siteId": 3,
   "siteName": "France Services Hautepierre",
   "start": "2026-11-26T15:00:00+01:00",
   "themes": [
    {
     "code": "navigation_sur_internet",
     "label": "Navigation sur internet"
    },
    {
     "code": "securite_numerique",
     "label": "Prévention en sécurité numérique"
    }
   ],
   "time": "15 h",
   "workshopLevel": null,
   "workshopTitle": null
  },
  {
   "appointmentId": null,
   "autonomy": "autonome",
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "jeudi 26 novembre 2026",
   "duration": "1 h",
   "durationMinutes": 60,
   "firstVisit": false,
   "followUp": false,
   "followed": false,
   "id": 185,
   "kind": "individuel",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 3,
   "mediatorName": "Claire Hoffmann",
   "notes": null,
   "participantIds": [],
   "participants": 1,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [
    {
     "code": "travail_formation",
     "label": "Travail - Formation - Entreprise"
    }
   ],
   "profile": {
    "ageBracket": "quarante_cinquante_neuf",
    "commune": "Strasbourg",
    "gender": "feminin",
    "postcode": "67000",
    "socialStatus": "sans_emploi"
   },
   "reason": "france_travail",
   "redirectedTo": null,
   "siteId": 3,
   "siteName": "France Services Hautepierre",
   "start": "2026-11-26T14:00:00+01:00",
   "themes": [
    {
     "code": "insertion_professionnelle",
     "label": "Insertion professionnelle"
    },
    {
     "code": "aide_aux_demarches_administratives",
     "label": "Aide aux démarches administratives"
    }
   ],
   "time": "14 h",
   "workshopLevel": null,
   "workshopTitle": null
  },
  {
   "appointmentId": null,
   "autonomy": null,
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "jeudi 26 novembre 2026",
   "duration": "2 h",
   "durationMinutes": 120,
   "firstVisit": false,
   "followUp": false,
   "followed": false,
   "id": 187,
   "kind": "collectif",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 1,
   "mediatorName": "Samia Benali",
   "notes": null,
   "participantIds": [
    1
   ],
   "participants": 8,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [],
   "profile": null,
   "reason": null,
   "redirectedTo": null,
   "siteId": 1,
   "siteName": "Médiathèque Olympe de Gouges",
   "start": "2026-11-26T10:00:00+01:00",
   "themes": [
    {
     "code": "email",
     "label": "E-mail"
    },
    {
     "code": "securite_numerique",
     "label": "Prévention en sécurité numérique"
    }
   ],
   "time": "10 h",
   "workshopLevel": "debutant",
   "workshopTitle": "Se protéger des arnaques en ligne"
  },
  {
   "appointmentId": null,
   "autonomy": "entierement_accompagne",
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "mercredi 25 novembre 2026",
   "duration": "1 h 30",
   "durationMinutes": 90,
   "firstVisit": false,
   "followUp": false,
   "followed": false,
   "id": 184,
   "kind": "individuel",
   "materials": [
    "telephone"
   ],
   "mediatorId": 1,
   "mediatorName": "Samia Benali",
   "notes": null,
   "participantIds": [],
   "participants": 1,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [
    {
     "code": "argent_impots",
     "label": "Argent - Impôts"
    }
   ],
   "profile": {
    "ageBracket": "quarante_cinquante_neuf",
    "commune": "Schiltigheim",
    "gender": "feminin",
    "postcode": "67300",
    "socialStatus": "sans_emploi"
   },
   "reason": "impots",
   "redirectedTo": null,
   "siteId": 4,
   "siteName": "Mairie de quartier de la Meinau",
   "start": "2026-11-25T15:00:00+01:00",
   "themes": [
    {
     "code": "aide_aux_demarches_administratives",
     "label": "Aide aux démarches administratives"
    }
   ],
   "time": "15 h",
   "workshopLevel": null,
   "workshopTitle": null
  },
  {
   "appointmentId": null,
   "autonomy": "entierement_accompagne",
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "mercredi 25 novembre 2026",
   "duration": "20 min",
   "durationMinutes": 20,
   "firstVisit": true,
   "followUp": false,
   "followed": false,
   "id": 183,
   "kind": "individuel",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 1,
   "mediatorName": "Samia Benali",
   "notes": null,
   "participantIds": [],
   "participants": 1,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [
    {
     "code": "papiers_elections_citoyennete",
     "label": "Papiers - Élections - Citoyenneté"
    }
   ],
   "profile": {
    "ageBracket": "vingt_cinq_trente_neuf",
    "commune": "Schiltigheim",
    "gender": "masculin",
    "postcode": "67300",
    "socialStatus": "en_emploi"
   },
   "reason": "ants_identite",
   "redirectedTo": null,
   "siteId": 4,
   "siteName": "Mairie de quartier de la Meinau",
   "start": "2026-11-25T14:00:00+01:00",
   "themes": [
    {
     "code": "email",
     "label": "E-mail"
    },
    {
     "code": "aide_aux_demarches_administratives",
     "label": "Aide aux démarches administratives"
    }
   ],
   "time": "14 h",
   "workshopLevel": null,
   "workshopTitle": null
  },
  {
   "appointmentId": null,
   "autonomy": "partiellement_autonome",
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "mardi 24 novembre 2026",
   "duration": "30 min",
   "durationMinutes": 30,
   "firstVisit": false,
   "followUp": true,
   "followed": false,
   "id": 182,
   "kind": "individuel",
   "materials": [
    "telephone"
   ],
   "mediatorId": 4,
   "mediatorName": "Yannick Koffi",
   "notes": null,
   "participantIds": [],
   "participants": 1,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [
    {
     "code": "social_sante",
     "label": "Social - Santé"
    }
   ],
   "profile": {
    "ageBracket": "vingt_cinq_trente_neuf",
    "commune": "Strasbourg",
    "gender": "masculin",
    "postcode": "67000",
    "socialStatus": "en_emploi"
   },
   "reason": "ameli",
   "redirectedTo": null,
   "siteId": 5,
   "siteName": "Espace numérique de l'Hôtel de Ville",
   "start": "2026-11-24T15:00:00+01:00",
   "themes": [
    {
     "code": "sante",
     "label": "Santé"
    },
    {
     "code": "aide_aux_demarches_administratives",
     "label": "Aide aux démarches administratives"
    }
   ],
   "time": "15 h",
   "workshopLevel": null,
   "workshopTitle": null
  },
  {
   "appointmentId": null,
   "autonomy": "partiellement_autonome",
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "mardi 24 novembre 2026",
   "duration": "1 h 30",
   "durationMinutes": 90,
   "firstVisit": false,
   "followUp": true,
   "followed": false,
   "id": 181,
   "kind": "individuel",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 4,
   "mediatorName": "Yannick Koffi",
   "notes": null,
   "participantIds": [],
   "participants": 1,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [],
   "profile": {
    "ageBracket": "dix_huit_vingt_quatre",
    "commune": "Strasbourg",
    "gender": "feminin",
    "postcode": "67000",
    "socialStatus": "scolarise"
   },
   "reason": "smartphone",
   "redirectedTo": null,
   "siteId": 5,
   "siteName": "Espace numérique de l'Hôtel de Ville",
   "start": "2026-11-24T14:00:00+01:00",
   "themes": [
    {
     "code": "prendre_en_main_du_materiel",
     "label": "Prendre en main du matériel"
    }
   ],
   "time": "14 h",
   "workshopLevel": null,
   "workshopTitle": null
  },
  {
   "appointmentId": null,
   "autonomy": "autonome",
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "lundi 23 novembre 2026",
   "duration": "45 min",
   "durationMinutes": 45,
   "firstVisit": true,
   "followUp": false,
   "followed": false,
   "id": 180,
   "kind": "individuel",
   "materials": [
    "telephone"
   ],
   "mediatorId": 1,
   "mediatorName": "Samia Benali",
   "notes": null,
   "participantIds": [],
   "participants": 1,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [
    {
     "code": "social_sante",
     "label": "Social - Santé"
    }
   ],
   "profile": {
    "ageBracket": "dix_huit_vingt_quatre",
    "commune": "Schiltigheim",
    "gender": "feminin",
    "postcode": "67300",
    "socialStatus": "scolarise"
   },
   "reason": "caf",
   "redirectedTo": null,
   "siteId": 1,
   "siteName": "Médiathèque Olympe de Gouges",
   "start": "2026-11-23T15:00:00+01:00",
   "themes": [
    {
     "code": "aide_aux_demarches_administratives",
     "label": "Aide aux démarches administratives"
    }
   ],
   "time": "15 h",
   "workshopLevel": null,
   "workshopTitle": null
  },
  {
   "appointmentId": null,
   "autonomy": "autonome",
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "lundi 23 novembre 2026",
   "duration": "30 min",
   "durationMinutes": 30,
   "firstVisit": false,
   "followUp": false,
   "followed": false,
   "id": 179,
   "kind": "individuel",
   "materials": [
    "ordinateur"
   ],
   "mediatorId": 1,
   "mediatorName": "Samia Benali",
   "notes": null,
   "participantIds": [],
   "participants": 1,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [],
   "profile": {
    "ageBracket": "non_communique",
    "commune": "Schiltigheim",
    "gender": "non_communique",
    "postcode": "67300",
    "socialStatus": "non_communique"
   },
   "reason": null,
   "redirectedTo": null,
   "siteId": 1,
   "siteName": "Médiathèque Olympe de Gouges",
   "start": "2026-11-23T14:00:00+01:00",
   "themes": [
    {
     "code": "navigation_sur_internet",
     "label": "Navigation sur internet"
    },
    {
     "code": "securite_numerique",
     "label": "Prévention en sécurité numérique"
    }
   ],
   "time": "14 h",
   "workshopLevel": null,
   "workshopTitle": null
  },
  {
   "appointmentId": null,
   "autonomy": "autonome",
   "beneficiaryId": null,
   "beneficiaryName": null,
   "day": "vendredi 20 novembre 2026",
   "duration": "1 h 30",
   "durationMinutes": 90,
   "firstVisit": true,
   "followUp": true,
   "followed": false,
   "id": 178,
   "kind": "individuel",
   "materials": [
    "telephone"
   ],
   "mediatorId": 1,
   "mediatorName": "Samia Benali",
   "notes": null,
   "participantIds": [],
   "participants": 1,
   "placeCommune": null,
   "placePostcode": null,
   "placeType": "lieu_activite",
   "procedureDetails": null,
   "procedures": [
    {
     "code": "papiers_elections_citoyennete",
     "label": "Papiers - Élections - Citoyenneté"
    }
   ],
   "profile": {
    "ageBracket": "soixante_dix_plus",
    "commune": "Strasbourg",
    "gender": "masculin",
    "postcode": "67000",
    "socialStatus": "retraite"
   },
   "reason": "ants_identite",
   "redirectedTo": null,
   "siteId": 4,
   "siteName": "Mairie de quartier de la Meinau",
   "start": "2026-11-20T15:00:00+01:00",
   "themes": [
    {
     "code": "email",
     "label": "E-mail"
    },
    {
     "code": "aide_aux_demarches_administratives",
     "label": "Aide aux démarches administratives"
    }
   ],
   "time": "15 h",
   "workshopLevel": null,
   "workshopTitle": null
  }
 ]
};
