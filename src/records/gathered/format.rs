//! The activity exchange file's layout (JSON): what a desk writes for its coordinator, and
//! what gathering reads back (see `exchange::activities::file` for why it is not the Coop's).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::network::vocab::AppointmentStatus;
use crate::records::profile::{AgeBracket, Gender, SocialStatus};
use crate::records::visit::codes::{
    Autonomy, Material, PlaceType, Redirection, VisitKind, WorkshopLevel,
};

/// The `format` every exchange file declares.
pub const FORMAT: &str = "permanences-activites";
/// The version of the layout below.
pub const VERSION: u32 = 1;

/// A desk of the network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Desk {
    pub uid: String,
    pub name: String,
}

/// A site as the desk knows it (`ref`: its number there).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SiteRef {
    #[serde(rename = "ref")]
    pub reference: String,
    /// The site's `id` in the national open data, when it came from there.
    pub open_data_id: Option<String>,
    pub name: String,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    pub insee_code: Option<String>,
}

/// A theme or procedure used by the activities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TermDef {
    /// "theme" or "procedure".
    pub vocabulary: String,
    pub code: String,
    pub label: String,
}

/// A followed person, by the desk's number only, with their profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonRef {
    #[serde(rename = "ref")]
    pub reference: String,
    pub age_bracket: AgeBracket,
    pub social_status: SocialStatus,
    pub gender: Gender,
}

/// One activity (« compte rendu d'activité »).
#[derive(Debug, Clone, PartialEq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Activity {
    /// The « ID CRA »: a UUID, the same in every file and at every desk.
    pub uid: String,
    pub kind: VisitKind,
    /// UTC.
    pub start: DateTime<Utc>,
    pub duration_minutes: u16,
    pub place_type: PlaceType,
    /// The [`SiteRef::reference`] of its site.
    pub site: Option<String>,
    pub place_commune: Option<String>,
    pub place_postcode: Option<String>,
    /// The mediator's name at that desk.
    pub mediator: String,
    /// The [`PersonRef::reference`] of a followed person; none for an anonymous one.
    pub person: Option<String>,
    pub age_bracket: AgeBracket,
    pub social_status: SocialStatus,
    pub gender: Gender,
    pub home_postcode: Option<String>,
    pub home_commune: Option<String>,
    pub materials: Vec<Material>,
    pub themes: Vec<String>,
    pub procedures: Vec<String>,
    pub autonomy: Option<Autonomy>,
    pub redirected_to: Option<Redirection>,
    pub follow_up: bool,
    pub first_visit: bool,
    pub workshop_title: Option<String>,
    pub workshop_level: Option<WorkshopLevel>,
    pub participants: u16,
    /// A workshop's followed participants.
    pub participant_people: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: Option<DateTime<Utc>>,
}

/// A site's appointments of one day with one status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentCount {
    pub site: String,
    pub day: NaiveDate,
    pub status: AppointmentStatus,
    pub count: u32,
}

/// A desk's activities of a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivityFile {
    pub format: String,
    pub version: u32,
    pub desk: Desk,
    pub exported_at: DateTime<Utc>,
    /// The period covered, both days included: an activity of the period missing from the
    /// file was deleted at the desk.
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub sites: Vec<SiteRef>,
    pub terms: Vec<TermDef>,
    pub people: Vec<PersonRef>,
    pub activities: Vec<Activity>,
    pub appointments: Vec<AppointmentCount>,
}
