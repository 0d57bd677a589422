//! The desk's memo: one A4 page to pin beside the screen, the five daily gestures with their
//! keys, also in large print. It names no place and no person: the same for every desk.

use chrono::{DateTime, Utc};

use super::{ACCENT, SOFT};
use crate::documents::pdf::{Canvas, Meta, Paper, Pdf, Rgb8, Style, Weight};
use crate::error::{Error, Result};

/// A gesture of the day: what to do, where, and the keys.
struct Gesture {
    title: &'static str,
    how: &'static str,
    keys: &'static str,
}

/// The five daily gestures, in the order of a day at the desk.
const GESTURES: [Gesture; 5] = [
    Gesture {
        title: "Prendre un rendez-vous",
        how: "Agenda › « Prendre un rendez-vous », ou un clic sur une place libre de la grille. \
              Choisir le motif ; le nom est facultatif.",
        keys: "Tab jusqu'au bouton, Entrée. Échap ferme sans rien enregistrer.",
    },
    Gesture {
        title: "Noter « Présent » ou « Absent »",
        how: "Dans l'agenda, « Présent » ou « Absent » sur la ligne du rendez-vous du jour. \
              « Annuler la dernière action » corrige une erreur.",
        keys: "Tab jusqu'au bouton « Présent » ou « Absent », Entrée.",
    },
    Gesture {
        title: "Accueillir sans rendez-vous",
        how: "Agenda, choisir le lieu, « File sans rendez-vous » : « Ajouter à la file », \
              puis « Recevoir » quand vient son tour.",
        keys: "Tab jusqu'au champ du prénom, taper, Entrée.",
    },
    Gesture {
        title: "Noter un accompagnement",
        how: "Accompagnements › « Noter un accompagnement » : anonyme, personne suivie ou \
              atelier ; les thèmes, la durée.",
        keys: "Espace coche un thème ; Entrée enregistre ; Échap ferme.",
    },
    Gesture {
        title: "Retrouver et prévenir",
        how: "« Retrouver un rendez-vous » par le nom ou le téléphone. « À prévenir » : les \
              personnes à rappeler pour le prochain jour d'ouverture, le texte prêt.",
        keys: "Tab jusqu'au champ de recherche, taper, Entrée.",
    },
];

/// The memo, A4, in normal or large print (body of 16 points at least); always one page.
pub fn desk_memo(large_print: bool, now: DateTime<Utc>) -> Result<Pdf> {
    let mut c = Canvas::new(Paper::A4, if large_print { 30.0 } else { 48.0 })?;
    let w = c.inner_width();
    let (title, heading, body, small) = if large_print {
        (28.0, 19.0, 16.0, 16.0)
    } else {
        (30.0, 18.0, 13.5, 12.0)
    };
    let ink = if large_print { Rgb8::BLACK } else { SOFT };
    c.paragraph(
        "Mémo de l'accueil",
        Style::new(title, Weight::Bold).color(ACCENT),
        w,
    );
    c.paragraph(
        "Les cinq gestes du jour dans Permanences, et leurs touches.",
        Style::new(small, Weight::Regular).color(ink),
        w,
    );
    c.y += body * 0.8;
    let badge = heading * 1.9;
    let text_x = c.margin + badge + 12.0;
    let text_w = w - badge - 12.0;
    for (n, g) in GESTURES.iter().enumerate() {
        let top = c.y;
        c.fill(c.margin, top, badge, badge, ACCENT);
        let number = format!("{}", n + 1);
        let number_style = Style::new(heading * 1.2, Weight::Bold).color(Rgb8::WHITE);
        let nw = c.measure(&number, number_style);
        c.line_at(
            c.margin + (badge - nw) / 2.0,
            top + (badge - number_style.size) / 2.0 - 1.0,
            &number,
            number_style,
        );
        c.paragraph_at(text_x, g.title, Style::new(heading, Weight::Bold), text_w);
        c.paragraph_at(text_x, g.how, Style::new(body, Weight::Regular), text_w);
        c.paragraph_at(
            text_x,
            &format!("Au clavier : {}", g.keys),
            Style::new(body, Weight::Bold).color(ACCENT),
            text_w,
        );
        c.y = c.y.max(top + badge) + body * if large_print { 0.7 } else { 1.1 };
    }
    c.rule(ACCENT, 1.0);
    c.y += body * 0.6;
    c.paragraph(
        "F1 : l'aide, à la page de l'écran où vous êtes. Tab : élément suivant ; Maj+Tab : \
         précédent ; Entrée : valider ; Échap : fermer une fenêtre.",
        Style::new(body, Weight::Regular),
        w,
    );
    c.paragraph(
        "Le guide complet : Documents › « Guide de Permanences ».",
        Style::new(small, Weight::Regular).color(ink),
        w,
    );
    if c.page_count() > 1 {
        // A memo is one page to pin up: a second page would be a defect of this layout.
        return Err(Error::Io(std::io::Error::other(
            "Mémo : le texte dépasse une page A4.",
        )));
    }
    c.finish(&Meta {
        title: "Mémo de l'accueil",
        created: now,
        subject: "Les cinq gestes du jour dans Permanences, et leurs touches",
        author: "Permanences",
    })
}
