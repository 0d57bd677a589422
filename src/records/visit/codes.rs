//! The closed vocabularies of the national activity report (codes of La Coop de la médiation
//! numérique). Themes and procedures are open: they are data, see [`super::terms`].

use crate::network::vocab::{vocabulary, VocabOption};
pub use crate::records::profile::{AgeBracket, Gender, SocialStatus};
use serde::{Deserialize, Serialize};
use specta::Type;

vocabulary! {
    /// Individual help or a collective workshop.
    VisitKind {
        Individual = "individuel" => "Accompagnement individuel",
        Workshop = "collectif" => "Atelier collectif",
    }
}

vocabulary! {
    /// Where the help was given.
    PlaceType {
        Site = "lieu_activite" => "Lieu d’activité",
        Home = "domicile" => "À domicile",
        Remote = "a_distance" => "À distance",
        Other = "autre" => "Autre lieu",
    }
}

vocabulary! {
    /// Material used during the visit.
    Material {
        Computer = "ordinateur" => "Ordinateur",
        Phone = "telephone" => "Téléphone",
        Tablet = "tablette" => "Tablette",
        Other = "autre" => "Autre",
        None = "aucun" => "Pas de matériel",
    }
}

vocabulary! {
    /// How autonomous the person was at the end.
    Autonomy {
        Guided = "entierement_accompagne" => "Avec guidage",
        Partly = "partiellement_autonome" => "Autonome avec guidage en cas de besoin",
        Autonomous = "autonome" => "Autonome",
    }
}

vocabulary! {
    /// The structure the person was directed to.
    Redirection {
        Administration = "administration" => "Administration (mairie, préfecture…)",
        Mediation = "mediation_numerique" => "Autre structure de médiation numérique",
        Operator = "operateur_ou_organisme_en_charge" => "Opérateur ou organisme en charge de la démarche administrative",
        Social = "aide_sociale" => "Structure d’aide sociale (maison des solidarités, centre social…)",
        Employment = "insertion_professionnelle" => "Structure d’insertion professionnelle (France Travail, mission locale, chambre de commerce…)",
        Procedures = "aide_aux_demarches_administratives" => "Structure d’aide aux démarches administratives (France Services…)",
        Other = "autre" => "Autre",
    }
}

vocabulary! {
    /// A workshop's level.
    WorkshopLevel {
        Beginner = "debutant" => "Débutant",
        Intermediate = "intermediaire" => "Intermédiaire",
        Advanced = "avance" => "Avancé",
    }
}

/// The duration presets of the report, in minutes.
pub const DURATION_PRESETS: [u16; 6] = [15, 30, 45, 60, 90, 120];

/// Every closed vocabulary the visit form needs, in one answer.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct VisitVocabularies {
    pub kinds: Vec<VocabOption>,
    pub place_types: Vec<VocabOption>,
    pub materials: Vec<VocabOption>,
    pub autonomy: Vec<VocabOption>,
    pub redirections: Vec<VocabOption>,
    pub workshop_levels: Vec<VocabOption>,
    pub age_brackets: Vec<VocabOption>,
    pub social_statuses: Vec<VocabOption>,
    pub genders: Vec<VocabOption>,
    pub duration_presets: Vec<u16>,
}

/// The closed vocabularies with their labels.
pub fn all() -> VisitVocabularies {
    VisitVocabularies {
        kinds: VisitKind::options(),
        place_types: PlaceType::options(),
        materials: Material::options(),
        autonomy: Autonomy::options(),
        redirections: Redirection::options(),
        workshop_levels: WorkshopLevel::options(),
        age_brackets: AgeBracket::options(),
        social_statuses: SocialStatus::options(),
        genders: Gender::options(),
        duration_presets: DURATION_PRESETS.to_vec(),
    }
}
