//! A rough but independent check that a message meant for the user is French.
#![allow(dead_code)]

/// English words that a French message would not contain (the usual words of Rust, serde,
/// clap and SQLite errors).
const ENGLISH: &[&str] = &[
    "invalid",
    "expected",
    "error",
    "failed",
    "missing",
    "unknown",
    "the",
    "not found",
    "cannot",
    "denied",
    "database",
    "disk",
    "panicked",
    "called",
    "unwrap",
    "usage",
];

/// Panics unless `message` is non-empty, has no English word of the list and has a French one.
pub fn assert_french(message: &str, what: &str) {
    if let Err(e) = check_french(message) {
        panic!("{what}: {e}");
    }
}

/// Why `message` does not read as French, if it does not.
pub fn check_french(message: &str) -> Result<(), String> {
    let lower = message.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    for english in ENGLISH {
        let hit = if english.contains(' ') {
            lower.contains(english)
        } else {
            words.contains(english)
        };
        if hit {
            return Err(format!("English « {english} » in « {message} »"));
        }
    }
    const FRENCH: &[&str] = &[
        "le",
        "la",
        "les",
        "de",
        "des",
        "du",
        "un",
        "une",
        "est",
        "pas",
        "n'est",
        "n'a",
        "ce",
        "cette",
        "l'application",
        "il",
        "faut",
        "par",
        "pour",
        "en",
        "au",
        "aux",
        "et",
        "ou",
        "à",
        "ne",
        "sur",
        "dans",
        "plus",
        "vous",
        "votre",
        "champ",
        "d'un",
        "d'une",
        "voir",
        "inconnue",
        "obligatoire",
        "manquant",
        "incompatibles",
        "valeur",
    ];
    let elided = |w: &&str| {
        ["l'", "d'", "n'", "qu'", "s'"]
            .iter()
            .any(|p| w.starts_with(p))
    };
    let accented = lower.chars().any(|c| "éèêàçôûùîœ«»".contains(c));
    if accented || words.iter().any(|w| FRENCH.contains(w) || elided(w)) {
        Ok(())
    } else {
        Err(format!("« {message} » does not read as French"))
    }
}
