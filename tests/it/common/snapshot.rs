//! The whole content of a database as text, to prove that a refused operation changed nothing.
#![allow(dead_code)]

use rusqlite::types::ValueRef;
use rusqlite::Connection;

/// Every table's rows (sorted, so that WITHOUT ROWID tables compare too) and the schema.
pub fn snapshot(conn: &Connection) -> String {
    let tables: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .and_then(|mut s| {
            s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()
        })
        .expect("schema");
    let mut out = String::new();
    for (table, sql) in tables {
        out.push_str(&format!("== {table}\n{sql}\n"));
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{table}\""))
            .unwrap_or_else(|e| panic!("{table}: {e}"));
        let width = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                (0..width)
                    .map(|i| r.get_ref(i).map(show))
                    .collect::<Result<Vec<_>, _>>()
                    .map(|v| v.join("|"))
            })
            .and_then(|rows| rows.collect::<Result<_, _>>())
            .unwrap_or_else(|e| panic!("{table}: {e}"));
        rows.sort();
        for r in rows {
            out.push_str(&r);
            out.push('\n');
        }
    }
    out
}

fn show(v: ValueRef<'_>) -> String {
    match v {
        ValueRef::Null => "NULL".to_owned(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Text(t) => format!("{:?}", String::from_utf8_lossy(t)),
        ValueRef::Blob(b) => format!("blob:{b:?}"),
    }
}

/// Asserts that `after` is `before`, showing the first line that differs.
pub fn assert_unchanged(before: &str, after: &str, what: &str) {
    if before != after {
        let diff = before
            .lines()
            .zip(after.lines())
            .find(|(a, b)| a != b)
            .map_or_else(
                || "(a row was added or removed at the end)".to_owned(),
                |(a, b)| format!("before: {a}\nafter:  {b}"),
            );
        panic!("{what} changed the database:\n{diff}");
    }
}
