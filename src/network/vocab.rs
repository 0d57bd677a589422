//! Closed vocabularies: stored as stable codes, shown with French labels.
//!
//! Services, publics and typologies follow the national open-data standard of the
//! digital-mediation offer (`standard-mediation-num`), so that an export maps one to one.

use serde::{Deserialize, Serialize};
use specta::Type;

/// Declares a closed vocabulary: an enum whose serde/SQL form is the code, with a French label.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal => $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $code)] $variant),+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored code.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The French label a person reads.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// The value with this stored code.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            /// Codes and labels, for pickers in the UI.
            pub fn options() -> Vec<VocabOption> {
                Self::ALL.iter().map(|v| VocabOption { code: v.code().to_owned(), label: v.label().to_owned() }).collect()
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.code().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let code = v.as_str()?;
                $name::from_code(code).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(format!("code inconnu : {code}").into())
                })
            }
        }
    };
}

// Other modules declare their vocabularies with the same macro.
pub(crate) use vocabulary;

/// One entry of a vocabulary, as the UI shows it in a picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct VocabOption {
    pub code: String,
    pub label: String,
}

vocabulary! {
    /// Services a site offers (open-data field `services`).
    Service {
        AdministrativeProcedures = "aide_demarches" => "Aide aux démarches administratives",
        EverydayTools = "outils_quotidien" => "Maîtrise des outils numériques du quotidien",
        Employment = "insertion_pro" => "Insertion professionnelle via le numérique",
        Security = "securite" => "Utilisation sécurisée du numérique",
        Parenting = "parentalite" => "Parentalité et éducation avec le numérique",
        Creation = "loisirs_creation" => "Loisirs et créations numériques",
        Understanding = "comprehension" => "Compréhension du monde numérique",
        Access = "acces_materiel" => "Accès internet et matériel informatique",
        Equipment = "materiel_solidaire" => "Acquisition de matériel informatique à prix solidaire",
    }
}

vocabulary! {
    /// Publics a site specifically welcomes (open-data field `publics_specifiquement_adresses`).
    Public {
        Youth = "jeunes" => "Jeunes",
        Students = "etudiants" => "Étudiants",
        Families = "familles" => "Familles et/ou enfants",
        Seniors = "seniors" => "Seniors",
        Women = "femmes" => "Femmes",
    }
}

vocabulary! {
    /// The kind of structure running a site (open-data field `typologie`, data.inclusion codes).
    Typology {
        Association = "ASSO" => "Association",
        Library = "BIB" => "Bibliothèque, médiathèque",
        SocialCentre = "CS" => "Centre social",
        Ccas = "CCAS" => "Centre communal d'action sociale (CCAS)",
        Cias = "CIAS" => "Centre intercommunal d'action sociale (CIAS)",
        TownHall = "MUNI" => "Mairie, mairie de quartier",
        NeighbourhoodHouse = "MQ" => "Maison de quartier",
        Mjc = "MJC" => "Maison des jeunes et de la culture (MJC)",
        FranceServices = "RFS" => "France Services",
        Pimms = "PIMMS" => "Point information médiation multi-services (PIMMS)",
        SolidarityHouse = "MDS" => "Maison des solidarités",
        Caf = "CAF" => "Caisse d'allocations familiales (CAF)",
        ThirdPlace = "TIERS_LIEUX" => "Tiers-lieu",
        Epci = "EPCI" => "Intercommunalité",
        Other = "Autre" => "Autre",
    }
}

vocabulary! {
    /// How far a wheelchair user can get in.
    WheelchairAccess {
        Unknown = "unknown" => "Non renseigné",
        Full = "full" => "Accessible en fauteuil roulant",
        Partial = "partial" => "Partiellement accessible (aide nécessaire)",
        None = "none" => "Non accessible en fauteuil roulant",
    }
}

vocabulary! {
    /// How residents come to a permanence.
    PermanenceKind {
        DropIn = "drop_in" => "sans rendez-vous",
        Appointment = "appointment" => "sur rendez-vous",
        Both = "both" => "avec ou sans rendez-vous",
    }
}

vocabulary! {
    /// Why a resident books an appointment: the procedure or the digital skill concerned.
    /// Each maps to a theme of the national activity report (see [`Reason::theme`]).
    Reason {
        Caf = "caf" => "CAF (allocations, prime d'activité, logement)",
        Ameli = "ameli" => "Assurance maladie (Ameli, carte Vitale)",
        FranceTravail = "france_travail" => "France Travail (inscription, actualisation)",
        IdentityCard = "ants_identite" => "Carte d'identité ou passeport (ANTS)",
        DrivingLicence = "ants_permis" => "Permis de conduire (ANTS)",
        VehicleRegistration = "ants_carte_grise" => "Carte grise (ANTS)",
        Taxes = "impots" => "Impôts (impots.gouv)",
        Pension = "retraite" => "Retraite (CNAV, Agirc-Arrco, info-retraite)",
        Msa = "msa" => "MSA",
        ResidencePermit = "titre_sejour" => "Titre de séjour (préfecture, ANEF)",
        Housing = "logement" => "Logement (bailleur social, demande de logement)",
        Disability = "mdph" => "MDPH (handicap)",
        Banking = "banque" => "Banque, La Poste, achats en ligne",
        Email = "email" => "Créer ou utiliser une adresse e-mail",
        Smartphone = "smartphone" => "Utiliser un smartphone ou une tablette",
        VideoCall = "visio" => "Appel vidéo, rendez-vous à distance",
        Computer = "ordinateur" => "Utiliser un ordinateur, Internet",
        Other = "autre" => "Autre demande",
    }
}

impl Reason {
    /// What to bring, in plain French, as printed on the appointment slip.
    pub fn what_to_bring(self) -> &'static str {
        const ACCOUNT: &str = "votre téléphone portable (pour les codes reçus par SMS) et l'accès à votre adresse e-mail";
        match self {
            Reason::Caf => "Votre numéro d'allocataire et votre mot de passe CAF, votre dernier avis d'imposition, votre téléphone portable.",
            Reason::Ameli => "Votre carte Vitale, vos identifiants Ameli (ou FranceConnect), votre téléphone portable.",
            Reason::FranceTravail => "Votre identifiant et votre mot de passe France Travail, votre CV si besoin, votre téléphone portable.",
            Reason::IdentityCard => "Votre ancienne pièce d'identité, un justificatif de domicile de moins d'un an, une photo d'identité (ou son code e-photo), votre adresse e-mail.",
            Reason::DrivingLicence => "Votre pièce d'identité, votre permis actuel, une photo d'identité avec son code e-photo, un justificatif de domicile.",
            Reason::VehicleRegistration => "La carte grise actuelle, le certificat de cession si vous achetez, votre pièce d'identité, un justificatif de domicile.",
            Reason::Taxes => "Votre numéro fiscal (en haut de votre avis d'imposition), votre mot de passe impots.gouv, votre dernier avis d'imposition.",
            Reason::Pension => "Votre numéro de sécurité sociale, vos identifiants (ou FranceConnect), vos derniers relevés de retraite.",
            Reason::Msa => "Votre numéro de sécurité sociale, vos identifiants MSA, votre téléphone portable.",
            Reason::ResidencePermit => "Votre passeport, votre titre de séjour actuel, un justificatif de domicile, votre adresse e-mail.",
            Reason::Housing => "Votre numéro de demande de logement s'il existe, votre pièce d'identité, votre dernier avis d'imposition.",
            Reason::Disability => "Votre pièce d'identité, votre numéro de dossier MDPH s'il existe, le certificat médical si vous l'avez.",
            Reason::Banking => "Votre carte bancaire ou vos identifiants de banque, votre téléphone portable.",
            Reason::Email | Reason::VideoCall => ACCOUNT,
            Reason::Smartphone => "Votre téléphone ou votre tablette, chargé, et son code de déverrouillage.",
            Reason::Computer => "Vos identifiants si vous en avez, et une clé USB si vous voulez garder vos documents.",
            Reason::Other => "Les papiers et identifiants liés à votre demande, votre téléphone portable.",
        }
    }

    /// The activity-report theme code this reason falls under (for recording the visit later).
    pub fn theme(self) -> &'static str {
        match self {
            Reason::Email => "email",
            Reason::Smartphone | Reason::Computer | Reason::VideoCall => {
                "prendre_en_main_du_materiel"
            }
            Reason::Banking => "banque_et_achats_en_ligne",
            _ => "aide_aux_demarches_administratives",
        }
    }

    /// The activity-report procedure code this reason falls under, when it is one.
    pub fn procedure(self) -> Option<&'static str> {
        match self {
            Reason::Caf | Reason::Ameli | Reason::Pension | Reason::Msa | Reason::Disability => {
                Some("social_sante")
            }
            Reason::FranceTravail => Some("travail_formation"),
            Reason::IdentityCard => Some("papiers_elections_citoyennete"),
            Reason::DrivingLicence | Reason::VehicleRegistration => Some("transports_mobilite"),
            Reason::Taxes => Some("argent_impots"),
            Reason::ResidencePermit => Some("etrangers_europe"),
            Reason::Housing => Some("logement"),
            _ => None,
        }
    }

    /// The open-data service a site must offer for this reason (none: every site helps).
    pub fn service(self) -> Option<Service> {
        match self.theme() {
            "aide_aux_demarches_administratives" => Some(Service::AdministrativeProcedures),
            _ => None,
        }
    }
}

vocabulary! {
    /// Where an appointment stands. A booked appointment ends in one of the four others.
    AppointmentStatus {
        Booked = "booked" => "Prévu",
        Honoured = "honoured" => "Présent(e)",
        NoShow = "no_show" => "Absent(e)",
        Excused = "excused" => "Annulé par la personne",
        Revoked = "revoked" => "Annulé par le lieu",
    }
}

impl AppointmentStatus {
    /// Whether an appointment in this status takes a place in its slot.
    pub fn holds_a_place(self) -> bool {
        matches!(
            self,
            AppointmentStatus::Booked | AppointmentStatus::Honoured | AppointmentStatus::NoShow
        )
    }
}

/// French weekday names, Monday first (index = ISO weekday - 1).
pub const WEEKDAYS: [&str; 7] = [
    "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche",
];

/// Every vocabulary the site and permanence forms need, in one answer.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Vocabularies {
    pub services: Vec<VocabOption>,
    pub publics: Vec<VocabOption>,
    pub typologies: Vec<VocabOption>,
    pub wheelchair_access: Vec<VocabOption>,
    pub permanence_kinds: Vec<VocabOption>,
    /// Monday first; the code is the ISO weekday number as text ("1" … "7").
    pub weekdays: Vec<VocabOption>,
    pub reasons: Vec<VocabOption>,
    pub appointment_statuses: Vec<VocabOption>,
}

/// All vocabularies with their labels.
pub fn all() -> Vocabularies {
    Vocabularies {
        services: Service::options(),
        publics: Public::options(),
        typologies: Typology::options(),
        wheelchair_access: WheelchairAccess::options(),
        permanence_kinds: PermanenceKind::options(),
        weekdays: WEEKDAYS
            .iter()
            .enumerate()
            .map(|(i, d)| VocabOption {
                code: (i + 1).to_string(),
                label: (*d).to_owned(),
            })
            .collect(),
        reasons: Reason::options(),
        appointment_statuses: AppointmentStatus::options(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for s in Service::ALL {
            assert_eq!(Service::from_code(s.code()), Some(*s));
        }
        for t in Typology::ALL {
            assert_eq!(Typology::from_code(t.code()), Some(*t));
        }
        assert_eq!(Service::from_code("inconnu"), None);
    }

    #[test]
    fn service_labels_match_the_open_data_schema() -> Result<(), Box<dyn std::error::Error>> {
        let schema: serde_json::Value = serde_json::from_str(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/standards/lieux-mediation-numerique.schema.json"
        )))?;
        let fields = schema["fields"].as_array().cloned().unwrap_or_default();
        let pattern_of = |name: &str| {
            fields
                .iter()
                .find(|f| f["name"] == name)
                .and_then(|f| f["constraints"]["pattern"].as_str())
                .map(str::to_owned)
                .unwrap_or_default()
        };
        let services = pattern_of("services");
        for s in Service::ALL {
            assert!(
                services.contains(s.label()),
                "{} is not in the schema",
                s.label()
            );
        }
        let publics = pattern_of("publics_specifiquement_adresses");
        for p in Public::ALL {
            assert!(
                publics.contains(p.label()),
                "{} is not in the schema",
                p.label()
            );
        }
        Ok(())
    }
}
