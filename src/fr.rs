//! French typography for times, dates and hour ranges, as leaflets and screens print them.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

/// Non-breaking space, used between a number and its unit ("14 h").
pub const NBSP: char = '\u{a0}';

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// "14 h", "9 h 30" (French style, non-breaking spaces).
pub fn time(t: NaiveTime) -> String {
    if t.minute() == 0 {
        format!("{}{NBSP}h", t.hour())
    } else {
        format!("{}{NBSP}h{NBSP}{:02}", t.hour(), t.minute())
    }
}

/// "14 h – 17 h".
pub fn time_range(start: NaiveTime, end: NaiveTime) -> String {
    format!("{}{NBSP}– {}", time(start), time(end))
}

/// "30/03/2027".
pub fn date_short(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// "1er mars 2027", "30 mars 2027".
pub fn date_long(d: NaiveDate) -> String {
    let day = if d.day() == 1 {
        "1er".to_owned()
    } else {
        d.day().to_string()
    };
    let month = MONTHS.get(d.month0() as usize).copied().unwrap_or_default();
    format!("{day} {month} {}", d.year())
}

/// "mars 2027".
pub fn month_year(d: NaiveDate) -> String {
    let month = MONTHS.get(d.month0() as usize).copied().unwrap_or_default();
    format!("{month} {}", d.year())
}

const WEEKDAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

/// "mardi 30 mars 2027".
pub fn weekday_date(d: NaiveDate) -> String {
    let day = WEEKDAYS
        .get(d.weekday().num_days_from_monday() as usize)
        .copied()
        .unwrap_or_default();
    format!("{day} {}", date_long(d))
}

/// "le 30 mars 2027" or "du 24 décembre 2026 au 2 janvier 2027".
pub fn date_range(start: NaiveDate, end: NaiveDate) -> String {
    if start == end {
        format!("le {}", date_long(start))
    } else {
        format!("du {} au {}", date_long(start), date_long(end))
    }
}

/// « oui » or « non », as the spreadsheets write a yes/no column.
pub fn yes_no(v: bool) -> &'static str {
    if v {
        "oui"
    } else {
        "non"
    }
}

/// The French plural mark of a count: none for 0 and 1 (« 0 rendez-vous pris », « 1 lieu »,
/// « 2 lieux » take their own words through [`count`]).
pub fn plural(n: i64) -> &'static str {
    if n > 1 {
        "s"
    } else {
        ""
    }
}

/// A count with its noun in the right number: `count(3, "lieu", "lieux")` is « 3 lieux ».
pub fn count(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n > 1 { many } else { one })
}

/// Lower-case ASCII words joined by dashes, for file names: "Médiathèque Olympe de Gouges"
/// gives "mediatheque-olympe-de-gouges". Empty when the text has no letter or digit.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            'ÿ' => 'y',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// The search key of a name: lower case, accents dropped, only letters and digits kept, so
/// that "Marie-Hélène", "marie helene" and "MARIE.HELENE" give the same "mariehelene".
pub fn search_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match unaccented(c) {
            Some(plain) => out.push_str(plain),
            None if c.is_alphanumeric() => out.push(c),
            None => {}
        }
    }
    out
}

/// The search keys of a name, one from each of its words on: "Marie-Hélène Dupont" gives
/// "mariehelenedupont", "helenedupont" and "dupont", so that a search by the start of any of
/// its words finds it. Empty for a name without letters or digits.
pub fn word_keys(name: &str) -> Vec<String> {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .map(search_key)
        .filter(|w| !w.is_empty())
        .collect();
    (0..words.len()).map(|i| words[i..].concat()).collect()
}

/// The plain letters of an accented Latin letter (lower case), if it is one.
fn unaccented(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ł' | 'ľ' | 'ĺ' | 'ļ' => "l",
        'ñ' | 'ń' | 'ň' | 'ņ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ř' => "r",
        'ś' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_hours() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default();
        assert_eq!(time_range(t(14, 0), t(17, 0)), "14\u{a0}h\u{a0}– 17\u{a0}h");
        assert_eq!(time(t(9, 30)), "9\u{a0}h\u{a0}30");
    }

    #[test]
    fn french_dates() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap_or_default();
        assert_eq!(date_long(d(2027, 3, 1)), "1er mars 2027");
        assert_eq!(
            date_range(d(2026, 12, 24), d(2027, 1, 2)),
            "du 24 décembre 2026 au 2 janvier 2027"
        );
        assert_eq!(date_range(d(2027, 5, 8), d(2027, 5, 8)), "le 8 mai 2027");
    }

    #[test]
    fn french_plurals() {
        assert_eq!(count(0, "lieu", "lieux"), "0 lieu");
        assert_eq!(count(1, "lieu", "lieux"), "1 lieu");
        assert_eq!(count(2, "lieu", "lieux"), "2 lieux");
        assert_eq!(format!("atelier{}", plural(3)), "ateliers");
    }

    #[test]
    fn file_name_slugs() {
        assert_eq!(
            slug("Médiathèque Olympe de Gouges"),
            "mediatheque-olympe-de-gouges"
        );
        assert_eq!(slug("  L'Espace « Ça va » !"), "l-espace-ca-va");
        assert_eq!(slug("« »"), "");
    }

    #[test]
    fn search_keys_ignore_case_accents_and_separators() {
        assert_eq!(search_key("Marie-Hélène"), "mariehelene");
        assert_eq!(search_key("  MARIE . helene "), "mariehelene");
        assert_eq!(search_key("Œdipe Ça"), "oedipeca");
        assert_eq!(search_key("J.-P. 2"), "jp2");
        assert_eq!(search_key("« »"), "");
    }

    #[test]
    fn word_keys_start_at_each_word() {
        assert_eq!(
            word_keys("Marie-Hélène Dupont"),
            ["mariehelenedupont", "helenedupont", "dupont"]
        );
        assert_eq!(word_keys("Mme Schmitt"), ["mmeschmitt", "schmitt"]);
        assert_eq!(word_keys("J.-P."), ["jp", "p"]);
        assert!(word_keys(" - ").is_empty());
    }
}
