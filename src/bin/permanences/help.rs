//! What the command groups share: the help layouts and the date option. Kept apart from
//! [`super::args`], which lists the groups, so that no group reads the list it is in.

use chrono::NaiveDate;

/// Help of a command with options only.
pub const HELP: &str = "{about}\n\nUtilisation : {usage}\n\nOptions :\n{options}\n";
/// Help of a group of commands.
pub const HELP_GROUP: &str = "{about}\n\nUtilisation : {usage}\n\nCommandes :\n{subcommands}\n";
/// Help of a command with a positional argument.
pub const HELP_ARGS: &str =
    "{about}\n\nUtilisation : {usage}\n\nArguments :\n{positionals}\n\nOptions :\n{options}\n";

/// A date option: `AAAA-MM-JJ`, with the same rules as the app's forms (a plausible year).
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    if !text.trim().starts_with(|c: char| c.is_ascii_digit()) || text.trim().len() != 10 {
        return Err(format!("date attendue sous la forme AAAA-MM-JJ : {text}"));
    }
    permanences::validate::date("date", "Date", text).map_err(|e| e.to_string())
}
