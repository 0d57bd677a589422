//! The activities in La Coop de la médiation numérique's spreadsheet layout (its
//! `buildAccompagnementsWorksheet`, see DOMAIN.md): one sheet « Activités », a metadata
//! block, the filters, an empty row, then an Excel table « Activités » with the Coop's
//! headers in its order; or the same rows as CSV (`;`, BOM) for spreadsheets.
//!
//! One row per person: a workshop of n people gives n rows numbered `1/n` … `n/n` (named
//! participants first, with their profile; the others « Non communiqué »). Several
//! materials, themes or procedures share a cell, one per line. Autonomy and a workshop's
//! level are `1/3`, `2/3`, `3/3`. An export of one mediator has the Coop's mediator layout
//! (with « Bénéficiaire » and « Notes supplémentaires »); an export of a whole team has its
//! coordinator layout (the mediator's first and last name, role and Conum id after the third
//! column, without those two). Names and notes only when asked, as for the visits CSV.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Paris;
use rust_xlsxwriter::{ExcelDateTime, Format, Table, TableColumn, Workbook, XlsxError};

use super::file::{Activity, ActivityFile, PersonRef, SiteRef};
use crate::error::{Error, Result};
use crate::records::profile::{AgeBracket, Gender, SocialStatus};
use crate::records::visit::codes::{Autonomy, PlaceType, VisitKind, WorkshopLevel};

/// The headers of a mediator's own export, in the Coop's order.
pub const MEDIATOR_HEADERS: [&str; 29] = [
    "Date",
    "Enregistré le",
    "Dernière modification le",
    "Type",
    "Participants",
    "Bénéficiaire",
    "Canaux d’accompagnement",
    "Nom du lieu",
    "Adresse",
    "Commune",
    "Code postal",
    "Code Insee",
    "Durée (min)",
    "Nom de l’atelier",
    "Matériel numérique utilisé",
    "Thématique(s) d’accompagnement",
    "Tags",
    "Nom de la démarche administrative",
    "Niveau d’autonomie (ou de l’atelier)",
    "Bénéficiaire réorienté",
    "Structure de redirection",
    "Commune du bénéficiaire",
    "Code postal du bénéficiaire",
    "Code Insee du bénéficiaire",
    "Genre du bénéficiaire",
    "Tranche d’âge du bénéficiaire",
    "Statut du bénéficiaire",
    "Notes supplémentaires",
    "ID CRA",
];

/// The columns a coordinator's export adds after the third one.
const TEAM_COLUMNS: [&str; 4] = [
    "Prénom du médiateur",
    "Nom du médiateur",
    "Rôle",
    "ID - Conum",
];

/// Which of the Coop's two layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One mediator's activities.
    Mediator,
    /// A team's: who did each one is in the row.
    Team,
}

impl Layout {
    /// The headers, in order.
    pub fn headers(self) -> Vec<&'static str> {
        match self {
            Layout::Mediator => MEDIATOR_HEADERS.to_vec(),
            Layout::Team => {
                let mut h: Vec<&str> = MEDIATOR_HEADERS[..3].to_vec();
                h.extend(TEAM_COLUMNS);
                h.extend(
                    MEDIATOR_HEADERS[3..]
                        .iter()
                        .filter(|x| !matches!(**x, "Bénéficiaire" | "Notes supplémentaires")),
                );
                h
            }
        }
    }
}

/// What the rows say of identities, when the person exporting asked for them.
#[derive(Debug, Clone, Default)]
pub struct Personal {
    /// Activity uid → the followed person's name.
    pub names: HashMap<String, String>,
    /// Activity uid → notes.
    pub notes: HashMap<String, String>,
}

/// What the metadata block says.
#[derive(Debug, Clone)]
pub struct Header {
    /// « Exporté par ».
    pub by: String,
    pub at: DateTime<Utc>,
    /// (label, value) of each active filter: « Période », « Lieu », « Médiateur ».
    pub filters: Vec<(String, String)>,
}

/// One cell of a row: the date is a real date in the spreadsheet.
enum Cell {
    Date(chrono::NaiveDate),
    Text(String),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
            Cell::Text(t) => t.clone(),
        }
    }
}

fn stamp(t: DateTime<Utc>) -> String {
    t.with_timezone(&Paris)
        .format("%d/%m/%Y à %H:%M")
        .to_string()
}

fn of_three(i: usize) -> String {
    format!("{}/3", i + 1)
}

/// The rows of the file's activities, in `layout`.
fn rows(file: &ActivityFile, layout: Layout, personal: &Personal) -> Vec<Vec<Cell>> {
    let refs = Refs {
        sites: file
            .sites
            .iter()
            .map(|s| (s.reference.as_str(), s))
            .collect(),
        people: file
            .people
            .iter()
            .map(|p| (p.reference.as_str(), p))
            .collect(),
        labels: file
            .terms
            .iter()
            .map(|t| ((t.vocabulary.as_str(), t.code.as_str()), t.label.as_str()))
            .collect(),
    };
    let mut out = Vec::new();
    for a in &file.activities {
        let n = usize::from(a.participants.max(1));
        for i in 0..n {
            out.push(row(a, (i, n), layout, personal, &refs));
        }
    }
    out
}

/// The file's sites, people and term labels, by their reference in the file.
struct Refs<'a> {
    sites: HashMap<&'a str, &'a SiteRef>,
    people: HashMap<&'a str, &'a PersonRef>,
    labels: HashMap<(&'a str, &'a str), &'a str>,
}

impl Refs<'_> {
    /// The labels of `codes` in `vocabulary`, one a line.
    fn lines(&self, vocabulary: &str, codes: &[String]) -> String {
        codes
            .iter()
            .map(|c| {
                self.labels
                    .get(&(vocabulary, c.as_str()))
                    .copied()
                    .unwrap_or(c)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The person of a row: the individual one, the `i`-th named participant of a workshop, or
/// an unnamed one. (gender, age, situation, followed)
fn person_of(a: &Activity, i: usize, refs: &Refs) -> (Gender, AgeBracket, SocialStatus, bool) {
    if a.kind != VisitKind::Workshop {
        return (a.gender, a.age_bracket, a.social_status, a.person.is_some());
    }
    match a
        .participant_people
        .get(i)
        .and_then(|r| refs.people.get(r.as_str()))
    {
        Some(p) => (p.gender, p.age_bracket, p.social_status, true),
        None => (
            Gender::Unknown,
            AgeBracket::Unknown,
            SocialStatus::Unknown,
            false,
        ),
    }
}

/// Where it took place: the site (at a site), and its commune, postcode and INSEE code.
#[allow(clippy::type_complexity)]
fn place_of<'a>(
    a: &'a Activity,
    refs: &Refs<'a>,
) -> (
    Option<&'a SiteRef>,
    Option<String>,
    Option<String>,
    Option<String>,
) {
    let site = a
        .site
        .as_deref()
        .and_then(|r| refs.sites.get(r).copied())
        .filter(|_| a.place_type == PlaceType::Site);
    match site {
        Some(s) => (
            site,
            s.city.clone(),
            s.postcode.clone(),
            s.insee_code.clone(),
        ),
        None => (
            None,
            a.place_commune.clone(),
            a.place_postcode.clone(),
            None,
        ),
    }
}

/// The autonomy (or a workshop's level) as « 1/3 », « 2/3 », « 3/3 ».
fn level_of(a: &Activity) -> Option<String> {
    if a.kind == VisitKind::Workshop {
        a.workshop_level
            .and_then(|l| WorkshopLevel::ALL.iter().position(|x| *x == l))
            .map(of_three)
    } else {
        a.autonomy
            .and_then(|l| Autonomy::ALL.iter().position(|x| *x == l))
            .map(of_three)
    }
}

/// Who it was for, as the mediator's own layout shows it.
fn beneficiary_of(a: &Activity, followed: bool, personal: &Personal) -> String {
    if !followed {
        "Anonyme".to_owned()
    } else if a.kind == VisitKind::Workshop {
        "Personne suivie".to_owned()
    } else {
        personal
            .names
            .get(&a.uid)
            .cloned()
            .unwrap_or_else(|| "Personne suivie".to_owned())
    }
}

/// One row of the table: participant `i` of `n` of activity `a`.
fn row(
    a: &Activity,
    (i, n): (usize, usize),
    layout: Layout,
    personal: &Personal,
    refs: &Refs,
) -> Vec<Cell> {
    let t = |s: &str| Cell::Text(s.to_owned());
    let opt = |s: &Option<String>| Cell::Text(s.clone().unwrap_or_default());
    let workshop = a.kind == VisitKind::Workshop;
    let (gender, age, status, followed) = person_of(a, i, refs);
    let (site, commune, postcode, insee) = place_of(a, refs);
    let home = |v: &Option<String>| {
        Cell::Text(if workshop { None } else { v.clone() }.unwrap_or_default())
    };
    let mut r = vec![
        Cell::Date(a.start.with_timezone(&Paris).date_naive()),
        Cell::Text(stamp(a.created_at)),
        Cell::Text(a.updated_at.map(stamp).unwrap_or_default()),
    ];
    if layout == Layout::Team {
        let (first, last) = a
            .mediator
            .split_once(' ')
            .unwrap_or((a.mediator.as_str(), ""));
        r.extend([t(first), t(last), t("Médiateur numérique"), t("")]);
    }
    r.push(t(a.kind.label()));
    r.push(Cell::Text(if n == 1 {
        "1".to_owned()
    } else {
        format!("{}/{n}", i + 1)
    }));
    if layout == Layout::Mediator {
        r.push(Cell::Text(beneficiary_of(a, followed, personal)));
    }
    r.extend([
        t(a.place_type.label()),
        Cell::Text(site.map(|s| s.name.clone()).unwrap_or_default()),
        Cell::Text(site.and_then(|s| s.address.clone()).unwrap_or_default()),
        opt(&commune),
        opt(&postcode),
        opt(&insee),
        Cell::Text(a.duration_minutes.to_string()),
        opt(&a.workshop_title),
        Cell::Text(
            a.materials
                .iter()
                .map(|m| m.label())
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        Cell::Text(refs.lines("theme", &a.themes)),
        t(""),
        Cell::Text(refs.lines("procedure", &a.procedures)),
        Cell::Text(level_of(a).unwrap_or_default()),
        t(match (workshop, a.redirected_to) {
            (true, _) => "",
            (false, Some(_)) => "Oui",
            (false, None) => "Non",
        }),
        t(a.redirected_to.map(|x| x.label()).unwrap_or_default()),
        home(&a.home_commune),
        home(&a.home_postcode),
        t(""),
        t(gender.label()),
        t(age.label()),
        t(status.label()),
    ]);
    if layout == Layout::Mediator {
        r.push(Cell::Text(
            personal.notes.get(&a.uid).cloned().unwrap_or_default(),
        ));
    }
    r.push(Cell::Text(a.uid.clone()));
    r
}

/// The CSV: UTF-8 with a byte-order mark, `;`-separated, the table's headers then its rows
/// (no metadata block: a CSV reader expects the headers first).
pub fn csv(file: &ActivityFile, layout: Layout, personal: &Personal) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let io = |e: csv::Error| Error::Io(std::io::Error::other(e));
    w.write_record(layout.headers()).map_err(io)?;
    for r in rows(file, layout, personal) {
        w.write_record(r.iter().map(Cell::text)).map_err(io)?;
    }
    w.into_inner()
        .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))
}

/// The `.xlsx` workbook.
pub fn xlsx(
    file: &ActivityFile,
    layout: Layout,
    personal: &Personal,
    header: &Header,
) -> Result<Vec<u8>> {
    workbook(file, layout, personal, header)
        .map_err(|e| Error::Io(std::io::Error::other(format!("tableur : {e}"))))
}

fn workbook(
    file: &ActivityFile,
    layout: Layout,
    personal: &Personal,
    header: &Header,
) -> std::result::Result<Vec<u8>, XlsxError> {
    let rows = rows(file, layout, personal);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Activités")?;
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let wrap = Format::new().set_text_wrap();
    let mut line: u32 = 0;
    let mut meta = |sheet: &mut rust_xlsxwriter::Worksheet, label: &str, value: &str| {
        sheet.write_string_with_format(line, 0, label, &bold)?;
        if !value.is_empty() {
            sheet.write_string(line, 1, value)?;
        }
        line += 1;
        Ok::<(), XlsxError>(())
    };
    meta(sheet, "Exporté par", &header.by)?;
    meta(sheet, "Exporté le", &stamp(header.at))?;
    meta(sheet, "Total des activités", "")?;
    meta(sheet, "Filtres", "")?;
    for (label, value) in &header.filters {
        meta(sheet, label, value)?;
    }
    line += 1;
    // The total as a number, beside its label (third line).
    let total = u32::try_from(file.activities.len()).unwrap_or(u32::MAX);
    sheet.write_number(2, 1, f64::from(total))?;
    let headers = layout.headers();
    let columns: Vec<TableColumn> = headers
        .iter()
        .map(|h| TableColumn::new().set_header(*h))
        .collect();
    let first = line;
    for (i, r) in rows.iter().enumerate() {
        let at = first + 1 + u32::try_from(i).unwrap_or(u32::MAX - first - 1);
        for (j, c) in r.iter().enumerate() {
            let col = u16::try_from(j).unwrap_or(u16::MAX);
            match c {
                Cell::Date(d) => {
                    let day = ExcelDateTime::from_ymd(
                        u16::try_from(chrono::Datelike::year(d)).unwrap_or(1900),
                        u8::try_from(chrono::Datelike::month(d)).unwrap_or(1),
                        u8::try_from(chrono::Datelike::day(d)).unwrap_or(1),
                    )?;
                    sheet.write_datetime_with_format(at, col, &day, &date)?;
                }
                Cell::Text(t) if t.contains('\n') => {
                    sheet.write_string_with_format(at, col, t, &wrap)?;
                }
                Cell::Text(t) if !t.is_empty() => {
                    sheet.write_string(at, col, t)?;
                }
                Cell::Text(_) => {}
            }
        }
    }
    let last_col = u16::try_from(headers.len() - 1).unwrap_or(u16::MAX);
    // An Excel table needs a data row: an empty period gives an empty one.
    let last_row = first + u32::try_from(rows.len().max(1)).unwrap_or(u32::MAX - first);
    let table = Table::new().set_name("Activités").set_columns(&columns);
    sheet.add_table(first, 0, last_row, last_col, &table)?;
    sheet.set_column_width(0, 12)?;
    book.save_to_buffer()
}
