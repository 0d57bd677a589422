// Every screen and dialog the accessibility audit visits: ONE LINE EACH.
//   screen(name, [steps…], shown, scenario = "demo")
// `steps` are done in order from a fresh start of the app (keyboard or clicks, by visible text
// or CSS selector); `shown` is a selector that must then be visible, or the audit fails (the
// screen could not be reached). Add a line here for every new screen or dialog.

/** Opens an area from the navigation bar. */
export const nav = (label) => ({ click: `nav[aria-label="Sections"] >> text="${label}"` });
/** Clicks the button with this exact text (the first one). */
export const button = (text) => ({ click: `button:text-is("${text}") >> nth=0` });
/** Clicks whatever the selector finds first. */
export const click = (selector) => ({ click: `${selector} >> nth=0` });
/** Picks an option in a <select>, by its label. */
export const choose = (selector, label) => ({ select: selector, label });
/** Types into a text field. */
export const type = (selector, text) => ({ fill: selector, text });
/** Presses a key where the focus is (« F1 »). */
export const key = (name) => ({ key: name });

const screen = (name, steps, shown, scenario = "demo") => ({ name, steps, shown, scenario });
const site = "Médiathèque Olympe de Gouges";
const busy = "Espace numérique de l'Hôtel de Ville";

export const screens = [
  screen("Premier lancement : aucun lieu", [], "text=Aucun lieu n'est encore enregistré", "empty"),
  screen("Premier lancement : agenda vide", [nav("Agenda")], "text=Pas encore de lieu", "empty"),
  screen("Premiers pas : créer le premier lieu, étape 1", [button("Créer mon premier lieu")], "#ways-step-title", "empty"),
  screen("Premiers pas : créer le premier lieu, lieu refusé", [button("Créer mon premier lieu"), type("#site-postcode", "670"), button("Enregistrer le lieu")], "#site-postcode-error", "empty"),
  screen("Premiers pas : rejoindre le réseau de mon association", [button("Rejoindre le réseau de mon association")], "#ways-join-needs", "empty"),
  screen("Premiers pas : importer mes lieux", [button("Importer mes lieux")], "#ways-import-needs", "empty"),
  screen("Aide : le guide, à la page de l'écran", [nav("Aide")], "#guide-title"),
  screen("Aide : chercher dans le guide", [nav("Aide"), type("#guide-search", "rendez-vous")], "#guide-found:not(:empty)"),
  screen("Aide : le guide au premier lancement", [nav("Aide")], "#guide-title", "empty"),
  screen("Aide par-dessus une fenêtre : F1 pendant un rendez-vous", [button("Prendre un rendez-vous"), button("Chercher les prochains créneaux libres"), type("#book-residentName", "Jeanne"), key("F1")], "#guide-over-title"),
  screen("Base de données illisible", [], "text=Vos données ne peuvent pas être ouvertes", "dbError"),
  screen("Agenda : un jour du réseau", [], "#agenda-title"),
  screen("Agenda : une semaine", [click('input[value="week"]')], "text=Semaine suivante"),
  screen("Agenda : grille de la semaine d'un lieu", [choose("#agenda-site", busy), click('input[value="week"]')], ".agenda-grid .appt-block"),
  screen("Agenda : grille du jour, un lieu par colonne", [], ".agenda-grid .grid-column"),
  screen("Agenda : un rendez-vous ouvert depuis la grille", [click(".agenda-grid .appt-block")], "dialog[open] #appt-facts"),
  screen("Agenda : autres actions d'un rendez-vous", [choose("#agenda-site", busy), click('button[aria-label$=": autres actions"]')], ".more-menu:not([hidden])"),
  screen("Agenda : la liste, pour une semaine", [click('input[value="list"]'), click('input[value="week"]')], ".agenda-table"),
  screen("Agenda : un lieu, file sans rendez-vous", [choose("#agenda-site", site)], "#walkin-title"),
  screen("Agenda : liste d'attente, inscription refusée", [button("Inscrire quelqu'un sur la liste d'attente"), button("Inscrire")], "#waiting-error"),
  screen("Rendez-vous : réserver un créneau", [click(".agenda-grid .free")], "dialog[open] #book-residentName"),
  screen("Rendez-vous : chercher un créneau", [button("Prendre un rendez-vous"), button("Chercher les prochains créneaux libres")], "#book-choice-0"),
  screen("Rendez-vous : exceptionnel, en série", [button("Prendre un rendez-vous"), click("#book-extra"), click("#book-repeat")], "#book-count"),
  screen("Rendez-vous : sans créneau choisi", [button("Prendre un rendez-vous"), button("Enregistrer le rendez-vous")], "#book-error"),
  screen("Rendez-vous : déplacer", [choose("#agenda-site", busy), click('button[aria-label$=": autres actions"]'), click('button[aria-label$=": déplacer"] >> visible=true')], "text=Déplacer le rendez-vous de"),
  screen("Agenda : retrouver un rendez-vous", [type("#find-text", "06 12"), click("#find-submit")], "dialog[open] .find-results"),
  screen("Agenda : retrouver, rien tapé", [click("#find-submit")], "#find-error"),
  screen("Agenda : à prévenir", [click("#remind-open")], "dialog[open] #remind-summary"),
  screen("Agenda : à prévenir, code SMS à scanner", [click("#remind-open"), click('button[id^="remind-qr-"]')], "dialog[open] .sms-code svg"),
  screen("Rendez-vous : créneau complet, autres créneaux et liste d'attente", [button("Prendre un rendez-vous"), button("Chercher les prochains créneaux libres"), type("#book-residentName", "Salle pleine"), button("Enregistrer le rendez-vous")], "#book-full"),
  screen("Lieux : liste et fiche", [nav("Lieux et permanences")], "#site-title"),
  screen("Lieux : lieux archivés", [nav("Lieux et permanences"), click(".site-list input[type=checkbox]")], "#site-title"),
  screen("Lieux : nouveau lieu refusé", [nav("Lieux et permanences"), button("Ajouter un lieu"), type("#site-postcode", "670"), button("Enregistrer le lieu")], "#site-postcode-error"),
  screen("Lieux : modifier un lieu", [nav("Lieux et permanences"), button("Modifier le lieu")], "#site-form-title"),
  screen("Lieux : permanence refusée", [nav("Lieux et permanences"), button("Ajouter une permanence"), click('input[name="perm-kind"][value="appointment"]'), button("Enregistrer la permanence")], "#perm-endTime-error"),
  screen("Lieux : fermeture refusée", [nav("Lieux et permanences"), button("Ajouter une fermeture"), button("Enregistrer la fermeture")], "#closure-startDate-error"),
  screen("Lieux : ajouter à l'équipe", [nav("Lieux et permanences"), button("Ajouter une personne à l'équipe")], "#team-form-title"),
  screen("Documents : affiche et aperçu", [nav("Documents")], ".preview img"),
  screen("Documents : mémo de l'accueil", [nav("Documents"), click('input[value="memo"]')], "#doc-large"),
  screen("Documents : feuille du jour (interne)", [nav("Documents"), click('input[value="daySheet"]')], "text=Document interne"),
  screen("Paramètres", [nav("Paramètres")], "#data-title"),
  screen("Agenda : noter l'accompagnement d'un rendez-vous", [choose("#agenda-site", busy), click('button[aria-label$="noter l\'accompagnement"] >> visible=true')], "dialog[open] #visit-title"),
  screen("Accompagnements : liste et personnes suivies", [nav("Accompagnements")], "#visit-list"),
  screen("Accompagnements : noter, sans dire qui", [nav("Accompagnements"), button("Noter un accompagnement"), click("dialog[open] button[type=submit]")], "#visit-who-error"),
  screen("Accompagnements : noter, anonyme, aucun thème coché", [nav("Accompagnements"), button("Noter un accompagnement"), click("#visit-who-0"), click("dialog[open] button[type=submit]")], "#visit-themes-error"),
  screen("Accompagnements : noter, personne suivie à choisir", [nav("Accompagnements"), button("Noter un accompagnement"), click("#visit-who-1"), click("dialog[open] button[type=submit]")], "#visit-person-search-error"),
  screen("Accompagnements : noter un atelier", [nav("Accompagnements"), button("Noter un accompagnement"), click("#visit-who-2"), click("#visit-themes-1")], "#visit-workshopTitle"),
  screen("Accompagnements : atelier dupliqué", [nav("Accompagnements"), button("Dupliquer")], "dialog[open] #visit-title"),
  screen("Accompagnements : suivre sans accord", [nav("Accompagnements"), button("Suivre une nouvelle personne"), type("#follow-lastName", "Durand"), button("Suivre cette personne")], "#follow-error"),
  screen("Accompagnements : historique d'une personne", [nav("Accompagnements"), button("Historique")], "#history-title"),
  screen("Paramètres : durée de conservation refusée", [nav("Paramètres"), type("#retention-beneficiaries", "0"), button("Enregistrer les durées")], "#retention-error"),
  screen("Paramètres : effacer les données trop anciennes", [nav("Paramètres"), button("Effacer maintenant les données trop anciennes")], "dialog[open] #purge-due"),
  screen("Accompagnements : effacer une personne", [nav("Accompagnements"), button("Historique"), button("Effacer cette personne")], "dialog[open] #erase-title"),
  screen("Statistiques du mois", [nav("Statistiques")], "#stats-result"),
  screen("Statistiques : graphiques et leurs chiffres", [nav("Statistiques"), click('button[aria-controls="chart-months-table"]')], "#chart-months-table:not(.visually-hidden)"),
  screen("Statistiques du réseau : un poste et une personne de l'équipe", [nav("Statistiques"), choose("#stats-desk", "Centre social du Neuhof"), choose("#stats-mediator", "Samia Benali")], "#stats-desk-note"),
  screen("Paramètres : collecte des activités, dossier refusé", [nav("Paramètres"), type("#gather-folder", "/nulle/part"), click("#gather-save")], "#gather-folder-error"),
  screen("Paramètres : collecte des activités, dossier importé", [nav("Paramètres"), button("Importer maintenant")], "#gather-outcome"),
  screen("Paramètres : collecte des activités, fichier d'un poste", [nav("Paramètres"), button("Importer un fichier d'un poste…")], "#gather-reports li"),
  screen("Base protégée : phrase secrète refusée", [type("#unlock-passphrase", "pas la bonne"), button("Ouvrir")], "#unlock-passphrase-error", "locked"),
  screen("Paramètres : protéger par une phrase secrète", [nav("Paramètres"), button("Protéger par une phrase secrète…"), click("#prot-noted"), button("Protéger")], "#prot-passphrase-error"),
  screen("Paramètres : restaurer une sauvegarde", [nav("Paramètres"), click('button[aria-label^="Restaurer la sauvegarde"]')], "dialog[open] #restore-counts"),
  screen("Paramètres : réseau, serveur injoignable", [nav("Paramètres"), type("#net-address", "http://agenda.exemple.fr"), click("#net-plainHttp"), click("#net-some"), click("#net-test")], "#net-error"),
  screen("Paramètres : réseau, nom d'utilisateur manquant", [nav("Paramètres"), click("#net-join")], "#net-username-error"),
  screen("Paramètres : réseau rejoint, un conflit à régler", [nav("Paramètres")], "[data-conflict]", "network"),
  screen("Paramètres : quitter le réseau", [nav("Paramètres"), click("#net-leave")], "dialog[open] #net-leave-title", "network"),
  screen("Réseau rejoint : mot de passe demandé au démarrage", [], "dialog[open] #net-password-title", "networkPassword"),
];
