//! The key figures of a period in the words the screen, the command line and the PDF
//! report share, and the statistics as plain text.

use super::{KeyFigure, Stats};
use crate::fr::plural;

/// The key figures, in the words the screen uses: (label, value, detail).
pub fn key_figures(s: &Stats) -> Vec<KeyFigure> {
    let figures = [
        (
            "Personnes accompagnées",
            s.people.to_string(),
            format!(
                "dont {} suivie{}, {} anonyme{}",
                s.people_followed,
                plural(s.people_followed),
                s.people_anonymous,
                plural(s.people_anonymous)
            ),
        ),
        (
            "Accompagnements",
            s.visits.to_string(),
            format!(
                "{} individuel{}, {} atelier{}",
                s.individual_visits,
                plural(s.individual_visits),
                s.workshops,
                plural(s.workshops)
            ),
        ),
        (
            "Temps d'accompagnement",
            s.hours.clone(),
            "durée totale notée".to_owned(),
        ),
        (
            "Participants aux ateliers",
            s.workshop_participants.to_string(),
            format!("{} atelier{}", s.workshops, plural(s.workshops)),
        ),
        (
            "Première fois",
            s.people_new.to_string(),
            first_time_detail(s),
        ),
        (
            "Rendez-vous honorés",
            s.appointments.honoured.to_string(),
            format!(
                "{} absence{}, taux d'absence {}",
                s.appointments.no_show,
                plural(s.appointments.no_show),
                s.appointments.no_show_rate
            ),
        ),
    ];
    figures
        .into_iter()
        .map(|(label, value, detail)| KeyFigure {
            label: label.to_owned(),
            value,
            detail,
        })
        .collect()
}

/// "27 déjà venues, 26 non renseignées": with « Première fois », adds up to the people.
fn first_time_detail(s: &Stats) -> String {
    let unknown = s.people - s.people_new - s.people_returning;
    let mut detail = format!(
        "{} déjà venue{}",
        s.people_returning,
        plural(s.people_returning)
    );
    if unknown != 0 {
        detail.push_str(&format!(", {unknown} non renseignée{}", plural(unknown)));
    }
    detail
}

/// The statistics as plain text, for the command line (same words and figures as the PDF).
pub fn text(s: &Stats) -> String {
    let mut out = format!(
        "Bilan d'activité – {}\nPériode {} – {}\n\n",
        s.scope, s.period, s.team
    );
    for f in &s.figures {
        out.push_str(&format!("{} : {} ({})\n", f.label, f.value, f.detail));
    }
    for (title, counts) in [
        ("Thématiques", &s.themes),
        ("Démarches administratives", &s.procedures),
        ("Lieux", &s.places),
        ("Durée des accompagnements", &s.durations),
        ("Âge", &s.age_brackets),
        ("Situation", &s.social_statuses),
        ("Genre", &s.genders),
    ] {
        out.push_str(&format!("\n{title}\n"));
        if counts.is_empty() {
            out.push_str("  Aucun pour cette période.\n");
        }
        for k in counts.iter() {
            out.push_str(&format!("  {} : {} ({})\n", k.label, k.count, k.share));
        }
    }
    let a = &s.appointments;
    out.push_str(&format!(
        "\nRendez-vous : pris {}, honorés {}, absences {}, annulés {}, à venir ou non notés {} ; taux d'absence {}\n",
        a.booked, a.honoured, a.no_show, a.cancelled, a.pending, a.no_show_rate
    ));
    out.replace('\u{a0}', " ")
}
