//! A rough but independent check that a message meant for the user is French.

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
        assert!(!hit, "{what}: English « {english} » in « {message} »");
    }
    let french = [
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
    ];
    assert!(
        words.iter().any(|w| french.contains(w)),
        "{what}: « {message} » does not read as French"
    );
}
