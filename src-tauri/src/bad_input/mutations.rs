//! Bad variants of a valid call: each leaf of its JSON replaced or removed.

use serde_json::{json, Value};

/// How bad a mutation is.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) enum Severity {
    /// Must be refused (and change nothing).
    Refuse,
    /// May be accepted: then it must be stored as plain text (SQL-looking text, empty text).
    Harmless,
}

pub(super) struct Mutation {
    pub(super) what: String,
    pub(super) args: Value,
    pub(super) severity: Severity,
    /// A string that must be found stored verbatim if the call is accepted.
    pub(super) stored: Option<String>,
}

pub(super) const SQL: &str = "'); DROP TABLE sites;--";
const CONTROL: &str = "Ana\u{0}\u{1b}[2J\u{7}\u{8}";

fn huge() -> String {
    "é".repeat(512 * 1024)
}

/// Every mutation of `args`: the top-level arguments (missing, null, wrong type) and each
/// leaf below them.
pub(super) fn mutations(args: &Value) -> Vec<Mutation> {
    let mut out = Vec::new();
    let Value::Object(map) = args else {
        return out;
    };
    if !map.is_empty() {
        out.push(Mutation {
            what: "no arguments at all".into(),
            args: json!({}),
            severity: if map.values().all(Value::is_null) {
                Severity::Harmless
            } else {
                Severity::Refuse
            },
            stored: None,
        });
        out.push(Mutation {
            what: "arguments as a list".into(),
            args: json!([1, "deux", null]),
            severity: Severity::Refuse,
            stored: None,
        });
    }
    leaves(args, &mut Vec::new(), &mut out);
    out
}

fn leaves(root: &Value, path: &mut Vec<String>, out: &mut Vec<Mutation>) {
    let here = pointer(root, path).cloned().unwrap_or(Value::Null);
    match &here {
        Value::Object(m) => {
            for k in m.keys() {
                path.push(k.clone());
                // A missing field: Tauri and serde refuse it unless its type is optional, so an
                // accepted one is an absent optional value.
                out.push(replaced(root, path, None, "missing", Some("")));
                leaves(root, path, out);
                path.pop();
            }
            out.push(replaced(
                root,
                path,
                Some(json!([])),
                "a list for an object",
                None,
            ));
        }
        Value::Array(items) => {
            out.push(replaced(
                root,
                path,
                Some(json!({"x": 1})),
                "an object for a list",
                None,
            ));
            for i in 0..items.len() {
                path.push(i.to_string());
                leaves(root, path, out);
                path.pop();
            }
        }
        Value::String(s) => {
            out.push(replaced(
                root,
                path,
                Some(json!(42)),
                "a number for a text",
                None,
            ));
            out.push(replaced(
                root,
                path,
                Some(json!(huge())),
                "1 MB of text",
                None,
            ));
            out.push(replaced(
                root,
                path,
                Some(json!(CONTROL)),
                "control characters",
                None,
            ));
            out.push(replaced(
                root,
                path,
                Some(json!(SQL)),
                "SQL-looking text",
                Some(SQL),
            ));
            out.push(replaced(
                root,
                path,
                Some(json!("")),
                "empty text",
                Some(""),
            ));
            if s.len() >= 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-' {
                for (date, label) in [
                    ("0000-01-01", "year 0"),
                    ("2026-02-30", "30 February"),
                    ("2026-13-01", "month 13"),
                    ("99999-01-01", "year 99999"),
                ] {
                    let v = format!("{date}{}", &s[10..]);
                    out.push(replaced(root, path, Some(json!(v)), label, None));
                }
            }
        }
        Value::Number(_) => {
            out.push(replaced(
                root,
                path,
                Some(json!("12")),
                "a text for a number",
                None,
            ));
            out.push(replaced(root, path, Some(json!(-1)), "negative", None));
            out.push(replaced(root, path, Some(json!(1.5)), "a fraction", None));
            let id = path
                .last()
                .is_some_and(|k| k == "id" || k.ends_with("Id") || k.parse::<usize>().is_ok());
            if id {
                out.push(replaced(
                    root,
                    path,
                    Some(json!(987_654)),
                    "an id that does not exist",
                    None,
                ));
            } else {
                out.push(replaced(
                    root,
                    path,
                    Some(json!(1e15)),
                    "far too large",
                    None,
                ));
            }
        }
        Value::Bool(_) => {
            out.push(replaced(
                root,
                path,
                Some(json!("oui")),
                "a text for a yes/no",
                None,
            ));
        }
        Value::Null => {}
    }
}

fn pointer<'a>(root: &'a Value, path: &[String]) -> Option<&'a Value> {
    if path.is_empty() {
        return Some(root);
    }
    root.pointer(&format!("/{}", path.join("/")))
}

/// `root` with the value at `path` replaced (`None`: removed).
fn replaced(
    root: &Value,
    path: &[String],
    with: Option<Value>,
    what: &str,
    harmless_stored: Option<&str>,
) -> Mutation {
    let mut args = root.clone();
    if let Some((last, parent)) = path.split_last() {
        match pointer_mut(&mut args, parent) {
            Some(Value::Object(m)) => {
                match &with {
                    Some(v) => m.insert(last.clone(), v.clone()),
                    None => m.remove(last),
                };
            }
            Some(Value::Array(a)) => {
                if let (Ok(i), Some(v)) = (last.parse::<usize>(), &with) {
                    if i < a.len() {
                        a[i] = v.clone();
                    }
                }
            }
            _ => {}
        }
    } else if let Some(v) = with {
        args = v;
    }
    Mutation {
        what: format!("{what} at /{}", path.join("/")),
        args,
        severity: if harmless_stored.is_some() {
            Severity::Harmless
        } else {
            Severity::Refuse
        },
        stored: harmless_stored.filter(|s| !s.is_empty()).map(str::to_owned),
    }
}

fn pointer_mut<'a>(root: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
    if path.is_empty() {
        return Some(root);
    }
    root.pointer_mut(&format!("/{}", path.join("/")))
}
