//! A person's profile as the statistics know it: age bracket, social status, gender and
//! commune, never who they are. An anonymous person exists only as this profile on a visit;
//! a followed person's current profile is kept with their identity (see `beneficiary`).

use rusqlite::Row;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{Error, Result};
use crate::network::vocab::{vocabulary, VocabOption};
use crate::validate;

vocabulary! {
    /// A person's age bracket.
    AgeBracket {
        Under12 = "moins_de_douze" => "Moins de 12 ans",
        From12 = "douze_dix_huit" => "12 - 17 ans",
        From18 = "dix_huit_vingt_quatre" => "18 - 24 ans",
        From25 = "vingt_cinq_trente_neuf" => "25 - 39 ans",
        From40 = "quarante_cinquante_neuf" => "40 - 59 ans",
        From60 = "soixante_soixante_neuf" => "60 - 69 ans",
        From70 = "soixante_dix_plus" => "70 ans et plus",
        Unknown = "non_communique" => "Non communiqué",
    }
}

vocabulary! {
    /// A person's social status.
    SocialStatus {
        Pupil = "scolarise" => "Scolarisé",
        JobSeeker = "sans_emploi" => "Sans emploi",
        Employed = "en_emploi" => "En emploi",
        Retired = "retraite" => "Retraité",
        Unknown = "non_communique" => "Non communiqué ou hétérogène",
    }
}

vocabulary! {
    /// A person's gender, as they state it.
    Gender {
        Male = "masculin" => "Masculin",
        Female = "feminin" => "Féminin",
        Unknown = "non_communique" => "Non communiqué",
    }
}

// The `vocabulary!` macro owns the derive list, so the default is written by hand.
#[allow(clippy::derivable_impls)]
impl Default for AgeBracket {
    fn default() -> Self {
        AgeBracket::Unknown
    }
}

// The `vocabulary!` macro owns the derive list, so the default is written by hand.
#[allow(clippy::derivable_impls)]
impl Default for SocialStatus {
    fn default() -> Self {
        SocialStatus::Unknown
    }
}

// The `vocabulary!` macro owns the derive list, so the default is written by hand.
#[allow(clippy::derivable_impls)]
impl Default for Gender {
    fn default() -> Self {
        Gender::Unknown
    }
}

/// What the statistics know of a person: never who they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    pub age_bracket: AgeBracket,
    pub social_status: SocialStatus,
    pub gender: Gender,
    pub postcode: Option<String>,
    pub commune: Option<String>,
}

impl Profile {
    /// The profile with its postcode and commune checked and trimmed.
    pub(crate) fn checked(&self) -> Result<Profile> {
        let postcode = match validate::optional(&self.postcode) {
            Some(p) => Some(validate::postcode("postcode", &p)?),
            None => None,
        };
        let commune = validate::text("commune", "Commune", &self.commune, 80)?;
        if commune.as_ref().is_some_and(|c| c.chars().count() > 80) {
            return Err(Error::invalid(
                "commune",
                "Commune : 80 caractères au plus.",
            ));
        }
        Ok(Profile {
            postcode,
            commune,
            ..self.clone()
        })
    }

    pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<Profile> {
        Ok(Profile {
            age_bracket: r.get("age_bracket")?,
            social_status: r.get("social_status")?,
            gender: r.get("gender")?,
            postcode: r.get("postcode")?,
            commune: r.get("commune")?,
        })
    }
}
