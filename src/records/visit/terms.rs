//! The open vocabularies of the activity report: themes and administrative procedures.
//! The national terms are seeded by the migration and cannot be deleted or renamed; a network
//! adds its own, and archives them when it no longer uses them (past visits keep them).

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{Error, Result};
use crate::validate;

/// Identifies a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
// SQLite rowids stay far below 2^53: they cross to TypeScript as plain numbers.
#[specta(type = specta_typescript::Number)]
pub struct TermId(pub i64);

/// Which open vocabulary a term belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum Vocabulary {
    /// "Thématiques": what the help was about.
    Theme,
    /// "Démarches": the kind of administrative procedure (with the theme
    /// `aide_aux_demarches_administratives` only).
    Procedure,
}

impl Vocabulary {
    /// The stored name.
    pub fn code(self) -> &'static str {
        match self {
            Vocabulary::Theme => "theme",
            Vocabulary::Procedure => "procedure",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Vocabulary::Theme => "thème",
            Vocabulary::Procedure => "type de démarche",
        }
    }
}

/// The theme under which procedures are detailed.
pub const PROCEDURES_THEME: &str = "aide_aux_demarches_administratives";

/// A theme or a procedure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Term {
    pub id: TermId,
    pub vocabulary: Vocabulary,
    pub code: String,
    pub label: String,
    /// Part of the national report: cannot be deleted or renamed.
    pub national: bool,
    /// Hidden from the pickers; still shown in past visits and statistics.
    pub archived: bool,
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Term> {
    let vocabulary: String = r.get("vocabulary")?;
    Ok(Term {
        id: TermId(r.get("id")?),
        vocabulary: if vocabulary == "procedure" {
            Vocabulary::Procedure
        } else {
            Vocabulary::Theme
        },
        code: r.get("code")?,
        label: r.get("label")?,
        national: r.get("national")?,
        archived: r.get("archived")?,
    })
}

/// Every term, national ones first, in the order of the report.
pub fn list(conn: &Connection, include_archived: bool) -> Result<Vec<Term>> {
    let mut stmt = conn.prepare_cached(
        "SELECT * FROM terms WHERE archived = 0 OR ?1
         ORDER BY vocabulary DESC, national DESC, position, label",
    )?;
    let rows = stmt.query_map([include_archived], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One term.
pub fn get(conn: &Connection, id: TermId) -> Result<Term> {
    conn.prepare_cached("SELECT * FROM terms WHERE id = ?1")?
        .query_row([id.0], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound("Ce thème n'existe plus.".to_owned()))
}

/// Adds a network's own theme or procedure. Its code is `reseau_<n>`: stable, and never
/// mistaken for a national code.
pub fn add(conn: &Connection, vocabulary: Vocabulary, label: &str) -> Result<Term> {
    let label = validate::required("label", "Intitulé", label, 120)?;
    crate::store::db::write(conn, |tx| {
        let clash: Option<String> = tx
            .query_row(
                "SELECT label FROM terms WHERE vocabulary = ?1 AND lower(label) = lower(?2)",
                params![vocabulary.code(), label],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(existing) = clash {
            return Err(Error::Conflict {
                field: "label",
                message: format!("Le {} « {existing} » existe déjà.", vocabulary.noun()),
            });
        }
        let next: i64 = tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM terms", [], |r| {
            r.get(0)
        })?;
        let position: i64 = tx.query_row(
            "SELECT coalesce(max(position), 0) + 1 FROM terms WHERE vocabulary = ?1",
            [vocabulary.code()],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO terms (id, vocabulary, code, label, national, position)
             VALUES (?1, ?2, ?3, ?4, 0, ?5)",
            params![
                next,
                vocabulary.code(),
                format!("reseau_{next}"),
                label,
                position
            ],
        )?;
        get(tx, TermId(next))
    })
}

/// A theme or procedure of another desk's activity file, found here by its code or label, or
/// added as a network's own term with the file's code. `None` for an empty code or label.
pub fn adopt(
    tx: &Connection,
    vocabulary: Vocabulary,
    code: &str,
    label: &str,
) -> Result<Option<TermId>> {
    let found: Option<i64> = tx
        .query_row(
            "SELECT id FROM terms WHERE vocabulary = ?1 AND (code = ?2 OR label = ?3)
             ORDER BY code = ?2 DESC LIMIT 1",
            params![vocabulary.code(), code, label],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = found {
        return Ok(Some(TermId(id)));
    }
    let label: String = label.trim().chars().take(120).collect();
    let code: String = code.trim().chars().take(80).collect();
    if label.is_empty() || code.is_empty() {
        return Ok(None);
    }
    tx.execute(
        "INSERT INTO terms (vocabulary, code, label, position)
         VALUES (?1, ?2, ?3, (SELECT coalesce(max(position), 0) + 1 FROM terms
                              WHERE vocabulary = ?1))",
        params![vocabulary.code(), code, label],
    )?;
    Ok(Some(TermId(tx.last_insert_rowid())))
}

/// Hides a network's term from the pickers (or shows it again). National terms stay.
pub fn set_archived(conn: &Connection, id: TermId, archived: bool) -> Result<Term> {
    crate::store::db::write(conn, |tx| {
        let term = get(tx, id)?;
        if term.national {
            return Err(national(&term));
        }
        tx.execute(
            "UPDATE terms SET archived = ?2 WHERE id = ?1",
            params![id.0, archived],
        )?;
        get(tx, id)
    })
}

/// Deletes a network's term that no visit uses. National terms cannot be deleted.
pub fn delete(conn: &Connection, id: TermId) -> Result<()> {
    crate::store::db::write(conn, |tx| {
        let term = get(tx, id)?;
        if term.national {
            return Err(national(&term));
        }
        let used: i64 = tx.query_row(
            "SELECT count(*) FROM visit_terms WHERE term_id = ?1",
            [id.0],
            |r| r.get(0),
        )?;
        if used > 0 {
            return Err(Error::Conflict {
                field: "label",
                message: format!(
                    "« {} » est noté dans {used} accompagnement(s) : archivez-le plutôt, \
                     il disparaîtra des choix sans fausser les statistiques.",
                    term.label
                ),
            });
        }
        tx.execute("DELETE FROM terms WHERE id = ?1", [id.0])?;
        Ok(())
    })
}

fn national(term: &Term) -> Error {
    Error::Conflict {
        field: "label",
        message: format!(
            "« {} » fait partie de la liste nationale du compte rendu d'activité : \
             il ne peut être ni supprimé ni modifié.",
            term.label
        ),
    }
}

/// The ids of the terms with these codes, in the order given, duplicates removed. An unknown
/// code, or an archived one not already on the visit, is refused.
pub(crate) fn resolve(
    conn: &Connection,
    vocabulary: Vocabulary,
    codes: &[String],
    field: &'static str,
    kept: &[i64],
) -> Result<Vec<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, archived FROM terms WHERE vocabulary = ?1 AND code = ?2")?;
    let mut ids = Vec::with_capacity(codes.len());
    for code in codes {
        let found: Option<(i64, bool)> = stmt
            .query_row(params![vocabulary.code(), code], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        match found {
            Some((id, archived)) if !archived || kept.contains(&id) => {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            _ => {
                return Err(Error::invalid(
                    field,
                    format!(
                        "Le {} « {code} » n'est pas dans la liste.",
                        vocabulary.noun()
                    ),
                ))
            }
        }
    }
    Ok(ids)
}
