//! Sites: the places where help desks are held.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::clock::utc_text;
use crate::error::{Error, Result};
use crate::network::vocab::{Public, Service, Typology, WheelchairAccess};
use crate::validate;

/// Identifies a site.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type,
)]
// SQLite rowids stay far below 2^53: they cross to TypeScript as plain numbers.
#[specta(type = specta_typescript::Number)]
pub struct SiteId(pub i64);

/// A place where permanences are held. Archived sites keep their history but are no longer
/// offered for new permanences or published.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Site {
    pub id: SiteId,
    pub name: String,
    /// Street line of the address ("3 rue Kuhn").
    pub address: String,
    pub address_complement: Option<String>,
    pub postcode: String,
    pub city: String,
    pub insee_code: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub wheelchair_access: WheelchairAccess,
    /// Tram, bus lines and stops nearby, as they are printed on a leaflet.
    pub public_transport: Option<String>,
    pub public_notes: Option<String>,
    /// SIRET or RNA number of the operating structure (open-data "pivot").
    pub pivot: Option<String>,
    pub typology: Option<Typology>,
    /// Alsace-Moselle public holidays apply (Good Friday, 26 December).
    pub alsace_moselle: bool,
    pub services: Vec<Service>,
    pub publics: Vec<Public>,
    pub archived: bool,
}

/// What a person types to create or change a site. Text fields are trimmed; empty optional
/// fields are stored as absent.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SiteInput {
    pub name: String,
    pub address: String,
    pub address_complement: Option<String>,
    pub postcode: String,
    pub city: String,
    pub insee_code: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub wheelchair_access: Option<WheelchairAccess>,
    pub public_transport: Option<String>,
    pub public_notes: Option<String>,
    pub pivot: Option<String>,
    pub typology: Option<Typology>,
    /// Defaults to true: the project started in Strasbourg.
    pub alsace_moselle: Option<bool>,
    pub services: Vec<Service>,
    pub publics: Vec<Public>,
}

/// A validated, normalised [`SiteInput`], ready to store.
struct Checked {
    name: String,
    address: String,
    address_complement: Option<String>,
    postcode: String,
    city: String,
    insee_code: Option<String>,
    point: Option<(f64, f64)>,
    phone: Option<String>,
    email: Option<String>,
    website: Option<String>,
    wheelchair_access: WheelchairAccess,
    public_transport: Option<String>,
    public_notes: Option<String>,
    pivot: Option<String>,
    typology: Option<Typology>,
    alsace_moselle: bool,
}

fn check(input: &SiteInput) -> Result<Checked> {
    Ok(Checked {
        name: validate::required("name", "Nom du lieu", &input.name, 120)?,
        address: validate::required("address", "Adresse", &input.address, 200)?,
        address_complement: validate::text(
            "addressComplement",
            "Complément d'adresse",
            &input.address_complement,
            200,
        )?,
        postcode: validate::postcode("postcode", &input.postcode)?,
        city: validate::required("city", "Commune", &input.city, 100)?,
        insee_code: validate::insee_code("inseeCode", &input.insee_code)?,
        point: validate::point(input.latitude, input.longitude)?,
        phone: validate::phone("phone", &input.phone)?,
        email: validate::email("email", &input.email)?,
        website: validate::website("website", &input.website)?,
        wheelchair_access: input.wheelchair_access.unwrap_or(WheelchairAccess::Unknown),
        public_transport: validate::text(
            "publicTransport",
            "Transports",
            &input.public_transport,
            500,
        )?,
        public_notes: validate::text("publicNotes", "Présentation", &input.public_notes, 2000)?,
        pivot: validate::pivot("pivot", &input.pivot)?,
        typology: input.typology,
        alsace_moselle: input.alsace_moselle.unwrap_or(true),
    })
}

/// Creates a site. Nothing is written when the input is refused.
pub fn create(conn: &Connection, input: &SiteInput, now: DateTime<Utc>) -> Result<Site> {
    let c = check(input)?;
    crate::store::db::write(conn, |tx| {
        let now = utc_text(now);
        tx.execute(
        "INSERT INTO sites (name, street, address_complement, postcode, city, insee_code,
            latitude, longitude, phone, email, website, wheelchair_access, public_transport,
            public_notes, pivot, typology, alsace_moselle, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?18)",
        params![
            c.name, c.address, c.address_complement, c.postcode, c.city, c.insee_code,
            c.point.map(|p| p.0), c.point.map(|p| p.1), c.phone, c.email, c.website,
            c.wheelchair_access, c.public_transport, c.public_notes, c.pivot, c.typology,
            c.alsace_moselle, now
        ],
    )?;
        let id = SiteId(tx.last_insert_rowid());
        write_lists(tx, id, input)?;
        get(tx, id)
    })
}

/// Replaces every field of a site.
pub fn update(
    conn: &Connection,
    id: SiteId,
    input: &SiteInput,
    now: DateTime<Utc>,
) -> Result<Site> {
    let c = check(input)?;
    crate::store::db::write(conn, |tx| {
        let n = tx.execute(
            "UPDATE sites SET name = ?2, street = ?3, address_complement = ?4, postcode = ?5,
            city = ?6, insee_code = ?7, latitude = ?8, longitude = ?9, phone = ?10, email = ?11,
            website = ?12, wheelchair_access = ?13, public_transport = ?14, public_notes = ?15,
            pivot = ?16, typology = ?17, alsace_moselle = ?18, updated_at = ?19
         WHERE id = ?1",
            params![
                id.0,
                c.name,
                c.address,
                c.address_complement,
                c.postcode,
                c.city,
                c.insee_code,
                c.point.map(|p| p.0),
                c.point.map(|p| p.1),
                c.phone,
                c.email,
                c.website,
                c.wheelchair_access,
                c.public_transport,
                c.public_notes,
                c.pivot,
                c.typology,
                c.alsace_moselle,
                utc_text(now)
            ],
        )?;
        if n == 0 {
            return Err(not_found());
        }
        tx.execute("DELETE FROM site_services WHERE site_id = ?1", [id.0])?;
        tx.execute("DELETE FROM site_publics WHERE site_id = ?1", [id.0])?;
        write_lists(tx, id, input)?;
        get(tx, id)
    })
}

/// A site shared by another desk of the network, made here (`id` `None`) or brought up to
/// date: checked as a person's entry is. Only what travels between desks is written: its
/// services, publics and SIRET stay as this desk has them.
pub fn receive(
    conn: &Connection,
    id: Option<SiteId>,
    input: &SiteInput,
    now: DateTime<Utc>,
) -> Result<SiteId> {
    let c = check(input)?;
    crate::store::db::write(conn, |tx| {
        let shared = params![
            c.name,
            c.address,
            c.address_complement,
            c.postcode,
            c.city,
            c.insee_code,
            c.point.map(|p| p.0),
            c.point.map(|p| p.1),
            c.phone,
            c.email,
            c.website,
            c.wheelchair_access,
            c.public_transport,
            c.public_notes,
            c.typology,
            c.alsace_moselle,
            utc_text(now),
            id.map(|i| i.0)
        ];
        if id.is_some() {
            tx.prepare_cached(
                "UPDATE sites SET name = ?1, street = ?2, address_complement = ?3, postcode = ?4,
                    city = ?5, insee_code = ?6, latitude = ?7, longitude = ?8, phone = ?9,
                    email = ?10, website = ?11, wheelchair_access = ?12, public_transport = ?13,
                    public_notes = ?14, typology = ?15, alsace_moselle = ?16, updated_at = ?17
                 WHERE id = ?18",
            )?
            .execute(shared)?;
        } else {
            tx.prepare_cached(
                "INSERT INTO sites (name, street, address_complement, postcode, city, insee_code,
                    latitude, longitude, phone, email, website, wheelchair_access,
                    public_transport, public_notes, typology, alsace_moselle, created_at,
                    updated_at)
                 SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                    ?17, ?17 WHERE ?18 IS NULL",
            )?
            .execute(shared)?;
        }
        Ok(id.unwrap_or_else(|| SiteId(tx.last_insert_rowid())))
    })
}

/// Records the identifier a site has in the national open-data file it was imported from.
pub fn set_external_id(conn: &Connection, id: SiteId, external_id: &str) -> Result<()> {
    conn.prepare_cached("UPDATE sites SET external_id = ?2 WHERE id = ?1")?
        .execute(params![id.0, external_id])?;
    Ok(())
}

fn write_lists(tx: &Connection, id: SiteId, input: &SiteInput) -> Result<()> {
    let mut svc =
        tx.prepare("INSERT OR IGNORE INTO site_services (site_id, service) VALUES (?1, ?2)")?;
    for s in &input.services {
        svc.execute(params![id.0, s])?;
    }
    let mut pub_ =
        tx.prepare("INSERT OR IGNORE INTO site_publics (site_id, public) VALUES (?1, ?2)")?;
    for p in &input.publics {
        pub_.execute(params![id.0, p])?;
    }
    Ok(())
}

/// Archives (or restores) a site. Its permanences, closures and history stay stored.
pub fn set_archived(
    conn: &Connection,
    id: SiteId,
    archived: bool,
    now: DateTime<Utc>,
) -> Result<Site> {
    let n = conn.execute(
        "UPDATE sites SET archived_at = CASE WHEN ?2 THEN coalesce(archived_at, ?3) END,
            updated_at = ?3 WHERE id = ?1",
        params![id.0, archived, utc_text(now)],
    )?;
    if n == 0 {
        return Err(not_found());
    }
    get(conn, id)
}

const COLUMNS: &str = "id, name, street, address_complement, postcode, city, insee_code,
    latitude, longitude, phone, email, website, wheelchair_access, public_transport,
    public_notes, pivot, typology, alsace_moselle, archived_at IS NOT NULL";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Site> {
    Ok(Site {
        id: SiteId(r.get(0)?),
        name: r.get(1)?,
        address: r.get(2)?,
        address_complement: r.get(3)?,
        postcode: r.get(4)?,
        city: r.get(5)?,
        insee_code: r.get(6)?,
        latitude: r.get(7)?,
        longitude: r.get(8)?,
        phone: r.get(9)?,
        email: r.get(10)?,
        website: r.get(11)?,
        wheelchair_access: r.get(12)?,
        public_transport: r.get(13)?,
        public_notes: r.get(14)?,
        pivot: r.get(15)?,
        typology: r.get(16)?,
        alsace_moselle: r.get(17)?,
        services: Vec::new(),
        publics: Vec::new(),
        archived: r.get(18)?,
    })
}

fn with_lists(conn: &Connection, mut site: Site) -> Result<Site> {
    let mut s = conn.prepare_cached("SELECT service FROM site_services WHERE site_id = ?1")?;
    site.services = s
        .query_map([site.id.0], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    site.services.sort();
    let mut p = conn.prepare_cached("SELECT public FROM site_publics WHERE site_id = ?1")?;
    site.publics = p
        .query_map([site.id.0], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    site.publics.sort();
    Ok(site)
}

/// One site by id.
pub fn get(conn: &Connection, id: SiteId) -> Result<Site> {
    let site = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM sites WHERE id = ?1"),
            [id.0],
            from_row,
        )
        .optional()?
        .ok_or_else(not_found)?;
    with_lists(conn, site)
}

/// Sites sorted by city then name; archived ones only when asked.
pub fn list(conn: &Connection, include_archived: bool) -> Result<Vec<Site>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM sites WHERE ?1 OR archived_at IS NULL
         ORDER BY city COLLATE NOCASE, name COLLATE NOCASE"
    ))?;
    let sites = stmt
        .query_map([include_archived], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    sites.into_iter().map(|s| with_lists(conn, s)).collect()
}

/// Id, name and holiday region of one site, or of every active site: what an agenda or a
/// schedule needs, without the rest of the record.
pub struct SiteName {
    pub id: SiteId,
    pub name: String,
    pub alsace_moselle: bool,
}

/// See [`SiteName`]. One site (archived or not), or all active sites by name.
pub fn names(conn: &Connection, site: Option<SiteId>) -> Result<Vec<SiteName>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, alsace_moselle FROM sites
         WHERE CASE WHEN ?1 IS NULL THEN archived_at IS NULL ELSE id = ?1 END
         ORDER BY name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([site.map(|s| s.0)], |r| {
        Ok(SiteName {
            id: SiteId(r.get(0)?),
            name: r.get(1)?,
            alsace_moselle: r.get(2)?,
        })
    })?;
    let out: Vec<SiteName> = rows.collect::<rusqlite::Result<_>>()?;
    if site.is_some() && out.is_empty() {
        return Err(not_found());
    }
    Ok(out)
}

/// Fails with a French message when the site does not exist or is archived.
pub(crate) fn require_active(conn: &Connection, id: SiteId) -> Result<()> {
    let archived: Option<bool> = conn
        .prepare_cached("SELECT archived_at IS NOT NULL FROM sites WHERE id = ?1")?
        .query_row([id.0], |r| r.get(0))
        .optional()?;
    match archived {
        None => Err(not_found()),
        Some(true) => Err(Error::invalid(
            "siteId",
            "Ce lieu est archivé : restaurez-le avant de modifier ses permanences.",
        )),
        Some(false) => Ok(()),
    }
}

fn not_found() -> Error {
    Error::NotFound("Ce lieu n'existe pas ou plus.".into())
}
