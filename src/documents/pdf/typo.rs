//! French typography for printed text: non-breaking spaces before « : ; ? ! » and inside
//! guillemets, typographic apostrophes.

const NBSP: char = '\u{a0}';

/// Applies French spacing rules to `text`.
pub fn french(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            ':' | ';' | '?' | '!' | '»' => {
                // The space before becomes non-breaking; one is added if missing (but not in
                // "14:00" or "https://").
                let digit_around = c == ':'
                    && i > 0
                    && chars[i - 1].is_ascii_digit()
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit);
                let url = c == ':' && chars.get(i + 1) == Some(&'/');
                if !digit_around && !url {
                    if out.ends_with(' ') {
                        out.pop();
                    }
                    if !out.is_empty() && !out.ends_with(NBSP) {
                        out.push(NBSP);
                    }
                }
                out.push(c);
            }
            ' ' if out.ends_with('«') => out.push(NBSP),
            '«' => {
                out.push('«');
                if chars.get(i + 1).is_some_and(|n| *n != ' ' && *n != NBSP) {
                    out.push(NBSP);
                }
            }
            '\'' => out.push('’'),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::french;

    #[test]
    fn spaces_before_double_punctuation_do_not_break() {
        assert_eq!(french("Horaires : mardi"), "Horaires\u{a0}: mardi");
        assert_eq!(french("Fermé !"), "Fermé\u{a0}!");
        assert_eq!(french("Une question?"), "Une question\u{a0}?");
        assert_eq!(french("« Rendez-vous »"), "«\u{a0}Rendez-vous\u{a0}»");
        assert_eq!(french("«oui»"), "«\u{a0}oui\u{a0}»");
        assert_eq!(french("l'accueil"), "l’accueil");
    }

    #[test]
    fn applying_twice_changes_nothing() {
        for t in ["« Rendez-vous » : mardi ?", "l'accueil !", "«oui»"] {
            assert_eq!(french(&french(t)), french(t), "{t}");
        }
    }

    #[test]
    fn times_and_addresses_are_left_alone() {
        assert_eq!(french("de 14:00 à 17:00"), "de 14:00 à 17:00");
        assert_eq!(
            french("https://www.strasbourg.eu"),
            "https://www.strasbourg.eu"
        );
    }
}
