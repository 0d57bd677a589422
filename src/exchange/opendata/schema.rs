//! What the standard's schema (`assets/standards/lieux-mediation-numerique.schema.json`)
//! accepts in each field: the vocabularies of the lists the app keeps from an imported file
//! without editing them (a unit test compares them with the schema's patterns), and one check
//! per field, so that a value the app gives back never makes the exported file invalid.

use chrono::NaiveDate;

use super::row::{insee_ok, schema_phone};
use crate::network::vocab::{Public, Service};

/// `itinerance`.
const ROAMING: &[&str] = &["Itinérant", "Fixe"];

/// `prise_en_charge_specifique`.
const SPECIFIC_CARE: &[&str] = &[
    "Surdité",
    "Handicaps moteurs",
    "Handicaps mentaux",
    "Illettrisme",
    "Langues étrangères (anglais)",
    "Langues étrangères (autres)",
    "Déficience visuelle",
];

/// `frais_a_charge`.
const FEES: &[&str] = &["Gratuit", "Gratuit sous condition", "Payant"];

/// `dispositif_programmes_nationaux`.
pub(super) const PROGRAMMES: &[&str] = &[
    "Aidants Connect",
    "Bibliothèques numérique de référence",
    "Certification PIX",
    "Conseillers numériques",
    "Emmaüs Connect",
    "France Services",
    "Grande école du numérique",
    "La Croix Rouge",
    "Point d'accès numérique CAF",
    "Promeneurs du net",
    "Relais numérique (Emmaüs Connect)",
];

/// `formations_labels`.
const TRAININGS: &[&str] = &[
    "Formé à « Mon Espace Santé »",
    "Formé à « DUPLEX » (illettrisme)",
    "Arnia/MedNum BFC (Bourgogne-Franche-Comté)",
    "Collectif ressources et acteurs réemploi (Normandie)",
    "Étapes numériques(La Poste)",
    "Fabriques de Territoire",
    "Les Éclaireurs du numérique (Drôme)",
    "Mes Papiers (Métropole de Lyon)",
    "ORDI 3.0",
    "SUD LABS (PACA)",
];

/// `modalites_acces`.
pub(super) const ACCESS: &[&str] = &[
    "Se présenter",
    "Téléphoner",
    "Contacter par mail",
    "Prendre un RDV en ligne",
    "Ce lieu n'accueille pas de public",
    "Envoyer un mail avec une fiche de prescription",
];

/// `modalites_accompagnement`.
const SUPPORT_MODES: &[&str] = &[
    "En autonomie",
    "Accompagnement individuel",
    "Dans un atelier collectif",
    "À distance",
];

/// The fields the schema requires.
const REQUIRED: [&str; 7] = [
    "id",
    "pivot",
    "nom",
    "commune",
    "code_postal",
    "adresse",
    "date_maj",
];

/// The labels a list field accepts, for the fields that have a vocabulary.
pub(super) fn vocabulary(field: &str) -> Option<Vec<&'static str>> {
    Some(match field {
        "services" => Service::ALL.iter().map(|s| s.label()).collect(),
        "publics_specifiquement_adresses" => Public::ALL.iter().map(|p| p.label()).collect(),
        "itinerance" => ROAMING.to_vec(),
        "prise_en_charge_specifique" => SPECIFIC_CARE.to_vec(),
        "frais_a_charge" => FEES.to_vec(),
        "dispositif_programmes_nationaux" => PROGRAMMES.to_vec(),
        "formations_labels" => TRAININGS.to_vec(),
        "modalites_acces" => ACCESS.to_vec(),
        "modalites_accompagnement" => SUPPORT_MODES.to_vec(),
        _ => return None,
    })
}

/// Whether the schema accepts `value` in `field`; an empty value is accepted unless the field
/// is required.
pub(super) fn valid(field: &str, value: &str) -> bool {
    if value.is_empty() {
        return !REQUIRED.contains(&field);
    }
    if let Some(words) = vocabulary(field) {
        return value.split('|').all(|v| words.contains(&v));
    }
    match field {
        "pivot" => {
            (9..=14).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_alphanumeric())
        }
        "code_postal" => value.len() == 5 && value.bytes().all(|b| b.is_ascii_digit()),
        "code_insee" => insee_ok(value),
        "telephone" => schema_phone(value),
        "presentation_resume" => value.chars().count() <= super::row::RESUME_MAX,
        "latitude" | "longitude" => decimal(value),
        "date_maj" => NaiveDate::parse_from_str(value, "%Y-%m-%d").is_ok_and(|d| {
            // chrono accepts "2024-4-2": the schema's date is the zero-padded form.
            d.format("%Y-%m-%d").to_string() == value
        }),
        _ => true,
    }
}

/// `-48.5`, `7`: what every reader takes for a number, in a CSV cell as in JSON.
fn decimal(value: &str) -> bool {
    let unsigned = value.strip_prefix('-').unwrap_or(value);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The alternatives of a schema pattern `(?:(?:^|\|)(A|B|C))+$`, unescaped.
    fn alternatives(pattern: &str) -> Vec<String> {
        let inner = pattern
            .strip_prefix("(?:(?:^|\\|)(")
            .and_then(|p| p.strip_suffix("))+$"))
            .unwrap_or_default();
        inner.split('|').map(|a| a.replace('\\', "")).collect()
    }

    #[test]
    fn vocabularies_are_the_schema_s() -> Result<(), serde_json::Error> {
        let schema: serde_json::Value = serde_json::from_str(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/standards/lieux-mediation-numerique.schema.json"
        )))?;
        let fields = schema["fields"].as_array().cloned().unwrap_or_default();
        let mut checked = 0;
        for f in &fields {
            let name = f["name"].as_str().unwrap_or_default();
            let Some(pattern) = f["constraints"]["pattern"].as_str() else {
                continue;
            };
            let Some(words) = vocabulary(name) else {
                continue;
            };
            assert_eq!(alternatives(pattern), words, "{name}");
            checked += 1;
        }
        assert_eq!(checked, 9, "every list with a vocabulary is compared");
        let required: Vec<&str> = fields
            .iter()
            .filter(|f| f["constraints"]["required"].as_bool() == Some(true))
            .filter_map(|f| f["name"].as_str())
            .collect();
        assert_eq!(required, REQUIRED);
        Ok(())
    }

    #[test]
    fn each_field_is_checked_as_the_schema_does() {
        assert!(valid("frais_a_charge", "Gratuit|Payant"));
        assert!(!valid("frais_a_charge", "Gratuit;Payant"));
        assert!(!valid("frais_a_charge", "Gratuit|"));
        assert!(valid("pivot", "00000000000000") && !valid("pivot", ""));
        assert!(
            valid("itinerance", "")
                && valid("fiche_acces_libre", "https://acceslibre.beta.gouv.fr/")
        );
        assert!(valid("date_maj", "2024-04-02") && !valid("date_maj", "2024-4-2"));
        assert!(!valid("date_maj", "02/04/2024"));
        assert!(
            valid("latitude", "-48.58") && valid("longitude", "7") && !valid("latitude", "48,58")
        );
        assert!(!valid("presentation_resume", &"a".repeat(281)));
    }
}
