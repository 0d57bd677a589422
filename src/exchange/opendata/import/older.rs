//! The national map's extracts older than v1.0.2 name some fields otherwise: `courriel` (now
//! `courriels`), `labels_nationaux` (now `dispositif_programmes_nationaux`, with other labels:
//! `CNFS` is « Conseillers numériques »), `accessibilite` (now `fiche_acces_libre`),
//! `publics_accueillis` (now `publics_specifiquement_adresses`), and may separate the items
//! of a list by `;`. Their values are read under the v1.0.2 names, lists joined by `|`; an
//! older label with no v1.0.2 equivalent is left out and said, never guessed. A v1.0.2 column
//! wins over its older name when a file has both.

use std::collections::HashMap;

use crate::exchange::opendata::schema::{vocabulary, PROGRAMMES};
use crate::exchange::opendata::FIELDS;

/// Older name, v1.0.2 name.
const RENAMED: [(&str, &str); 4] = [
    ("courriel", "courriels"),
    ("labels_nationaux", "dispositif_programmes_nationaux"),
    ("accessibilite", "fiche_acces_libre"),
    ("publics_accueillis", "publics_specifiquement_adresses"),
];

/// The fields whose value is a list (items separated by `|`, or `;` in an older file).
const LISTS: [&str; 13] = [
    "typologie",
    "courriels",
    "site_web",
    "services",
    "publics_specifiquement_adresses",
    "prise_en_charge_specifique",
    "frais_a_charge",
    "dispositif_programmes_nationaux",
    "formations_labels",
    "autres_formations_labels",
    "itinerance",
    "modalites_acces",
    "modalites_accompagnement",
];

/// Whether a column is one of the standard's, by its v1.0.2 name or an older one.
pub(super) fn is_known(name: &str) -> bool {
    FIELDS.contains(&name) || RENAMED.iter().any(|(old, _)| *old == name)
}

/// Whether a file with these columns is an older extract.
pub(super) fn is_older<'a>(mut names: impl Iterator<Item = &'a str>) -> bool {
    names.any(|n| RENAMED.iter().any(|(old, _)| *old == n))
}

/// A record's values by v1.0.2 name, from its non-empty values by column name; and what was
/// left out, in French.
pub(super) fn standard(
    pairs: Vec<(&str, String)>,
    older_file: bool,
) -> (HashMap<String, String>, Vec<String>) {
    let mut notes = Vec::new();
    let mut out: HashMap<String, String> = pairs
        .iter()
        .filter(|(k, _)| FIELDS.contains(k))
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect();
    if older_file {
        for field in LISTS {
            if let Some(v) = out.get_mut(field) {
                *v = items(v).join("|");
            }
        }
    }
    for (old, new) in RENAMED {
        let Some((_, value)) = pairs.iter().find(|(k, _)| *k == old) else {
            continue;
        };
        if out.contains_key(new) {
            continue;
        }
        let value = match old {
            "labels_nationaux" => labels(old, value, programme, &mut notes),
            "publics_accueillis" => labels(old, value, public, &mut notes),
            _ => items(value).join("|"),
        };
        if !value.is_empty() {
            out.insert(new.to_owned(), value);
        }
    }
    (out, notes)
}

/// The items of a list separated by `|` or `;`.
fn items(value: &str) -> Vec<&str> {
    value
        .split(['|', ';'])
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .collect()
}

/// An older list's items in v1.0.2 labels, the unknown ones said in `notes`.
fn labels(
    field: &str,
    value: &str,
    find: fn(&str) -> Option<&'static str>,
    notes: &mut Vec<String>,
) -> String {
    let mut out: Vec<&str> = Vec::new();
    for item in items(value) {
        match find(item) {
            Some(label) if !out.contains(&label) => out.push(label),
            Some(_) => {}
            None => notes.push(format!(
                "{field} : « {} » n'a pas d'équivalent dans le standard v1.0.2, il n'est pas repris.",
                item.chars().take(60).collect::<String>()
            )),
        }
    }
    out.join("|")
}

/// A national programme of an older extract, as v1.0.2 names it.
fn programme(old: &str) -> Option<&'static str> {
    let key = squashed(old);
    let alias = match key.as_str() {
        "cnfs" | "conseillernumerique" | "conseillersnumeriques" => "Conseillers numériques",
        "franceservice" => "France Services",
        "croixrouge" => "La Croix Rouge",
        "pix" => "Certification PIX",
        "grandesecolesdunumerique" => "Grande école du numérique",
        "pointnumeriquecaf" => "Point d'accès numérique CAF",
        _ => return PROGRAMMES.iter().copied().find(|p| squashed(p) == key),
    };
    Some(alias)
}

/// A public of an older extract (« Jeunes (16-26 ans) », « Familles/enfants »), as v1.0.2
/// names it.
fn public(old: &str) -> Option<&'static str> {
    let key = squashed(old);
    if key == "famillesenfants" {
        return Some("Familles et/ou enfants");
    }
    vocabulary("publics_specifiquement_adresses")?
        .into_iter()
        .find(|p| key.starts_with(&squashed(p)))
}

/// Lower-case ASCII letters and digits only, accents dropped: « Conseillers Numériques » and
/// « conseillers-numeriques » compare equal.
fn squashed(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            other => other,
        })
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn older_names_and_labels_become_v1_0_2() {
        let (v, notes) = standard(
            vec![
                ("courriel", "a@b.fr".into()),
                (
                    "labels_nationaux",
                    "CNFS;France Services;Aidants Connect;APTIC".into(),
                ),
                ("accessibilite", "https://acceslibre.beta.gouv.fr/x".into()),
                (
                    "publics_accueillis",
                    "Jeunes (16-26 ans);Familles/enfants".into(),
                ),
                (
                    "services",
                    "Aide aux démarches administratives;Accès internet et matériel informatique"
                        .into(),
                ),
            ],
            true,
        );
        assert_eq!(v["courriels"], "a@b.fr");
        assert_eq!(
            v["dispositif_programmes_nationaux"],
            "Conseillers numériques|France Services|Aidants Connect"
        );
        assert_eq!(v["fiche_acces_libre"], "https://acceslibre.beta.gouv.fr/x");
        assert_eq!(
            v["publics_specifiquement_adresses"],
            "Jeunes|Familles et/ou enfants"
        );
        assert_eq!(
            v["services"],
            "Aide aux démarches administratives|Accès internet et matériel informatique"
        );
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].contains("« APTIC »"), "{notes:?}");
    }

    #[test]
    fn a_v1_0_2_file_is_taken_as_it_is() {
        let (v, notes) = standard(
            vec![
                ("courriels", "a@b.fr".into()),
                ("courriel", "vieux@b.fr".into()),
                ("horaires", "Mo 09:00-12:00; Tu 14:00-16:00".into()),
                ("autres_formations_labels", "Un;deux".into()),
            ],
            false,
        );
        assert_eq!(v["courriels"], "a@b.fr", "the v1.0.2 column wins");
        assert_eq!(
            v["horaires"], "Mo 09:00-12:00; Tu 14:00-16:00",
            "never a list"
        );
        assert_eq!(
            v["autres_formations_labels"], "Un;deux",
            "`;` is a list separator in older files only"
        );
        assert!(notes.is_empty());
    }
}
