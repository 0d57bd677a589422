//! `permanences`: the command line of the coordinators, over the same core as the app.
//!
//! Exit codes: 0 success, 1 failure (one French line on stderr; for an import, one line per
//! refused row, the other rows being imported), 2 bad usage.
//!
//! [`args`] declares the commands; each group runs in its own file. The clock is read once,
//! here ([`permanences::clock::now`]), and passed down.
//!
//! The packaged app carries this same code (`src-tauri/src/main.rs` includes this folder as
//! its `cli` module): installed as a link named `permanences`, its binary runs [`main`] and
//! opens no display. So the files of this folder name each other with `super::`, never
//! `crate::` (which is the window's crate there), and [`main_with`] is public: the window's
//! binary gives it the guide's pictures of its UI bundle, this one those of docs/screenshots.

mod args;
mod documents;
mod exchange;
mod help;
mod privacy;
mod records;
mod remind;
mod sample;
mod scheduling;
mod sharing;
mod sites;
mod vault;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use args::{Cli, Command};
use chrono::{DateTime, Utc};
use clap::{CommandFactory, Parser};
use permanences::documents::guide::Pictures;
use permanences::documents::pdf::Pdf;
use permanences::exchange::publish;
use permanences::store::db;
use permanences::{clock, Error};

/// The core's own `permanences`, a development and test binary: the guide's pictures are
/// read in the repository (the packaged app's come from its UI bundle, not embedded twice).
#[cfg(not(window_binary))]
fn main() -> ExitCode {
    let screenshots = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/screenshots");
    main_with(&permanences::documents::guide::pictures_in(PathBuf::from(
        screenshots,
    )))
}

/// Runs the command line; `pictures` finds the guide's pictures (`permanences guide`).
pub fn main_with(pictures: Pictures<'_>) -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    let path = cli.db.clone().unwrap_or_else(db::default_path);
    match run(cli, path, clock::now(), pictures) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        // A reader that stops early (`| head`) is not a failure.
        Err(Error::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("permanences : {e}");
            ExitCode::FAILURE
        }
    }
}

/// Says what was wrong with the arguments, in French, and exits with 2.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind as K;
    match e.kind() {
        K::DisplayHelp | K::DisplayVersion => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        K::DisplayHelpOnMissingArgumentOrSubcommand | K::MissingSubcommand => {
            eprint!("{}", Cli::command().render_help());
            eprintln!("permanences : une commande est attendue (voir permanences --help).");
        }
        _ => {
            let what = e
                .get(clap::error::ContextKind::InvalidArg)
                .or_else(|| e.get(clap::error::ContextKind::InvalidSubcommand))
                .map(|v| format!(" : {v}"))
                .unwrap_or_default();
            let reason = match e.kind() {
                K::UnknownArgument => "option inconnue",
                K::InvalidSubcommand => "commande inconnue",
                K::InvalidValue | K::ValueValidation => "valeur invalide",
                K::MissingRequiredArgument => "argument obligatoire manquant",
                K::ArgumentConflict => "options incompatibles",
                _ => "utilisation incorrecte",
            };
            // Our own value parsers explain in French; Rust's number parser does in English.
            let detail = std::error::Error::source(e)
                .map(|s| {
                    if s.downcast_ref::<std::num::ParseIntError>().is_some() {
                        " (un nombre entier est attendu)".to_owned()
                    } else {
                        format!(" ({s})")
                    }
                })
                .unwrap_or_default();
            eprintln!("permanences : {reason}{what}{detail}. Voir permanences --help.");
        }
    }
    ExitCode::from(2)
}

/// Runs the command; `Ok(false)` when it partly failed and said so (refused import rows).
/// Files published from this database are then brought up to date (see [`publish`]).
fn run(cli: Cli, path: PathBuf, now: DateTime<Utc>, pictures: Pictures<'_>) -> Result<bool, Error> {
    let key = vault::passphrase(&path)?;
    let mut out = std::io::stdout().lock();
    if let Command::Restore { file } = &cli.command {
        // Before any connection is open: the file is replaced.
        vault::restore(&path, file, key.as_deref(), now, &mut out)?;
        return Ok(true);
    }
    let conn = db::open_keyed(&path, key.as_deref())?;
    let mut complete = true;
    let republish = !matches!(cli.command, Command::Publish);
    let out = &mut out;
    match cli.command {
        Command::Restore { .. } => {}
        Command::Demo => sample::demo(&conn, now, out)?,
        Command::Generate(args) => sample::generate(&conn, args, now, out)?,
        Command::Sites(command) => sites::sites(&conn, command, out)?,
        Command::Slots(args) => scheduling::slots(&conn, args, out)?,
        Command::Book(args) => scheduling::book(&conn, args, now, out)?,
        Command::Find(args) => remind::find(&conn, args, now, out)?,
        Command::Reminders(args) => remind::reminders(&conn, args, now, out)?,
        Command::Remind(args) => remind::remind(&conn, args, now, out)?,
        Command::Leaflet(args) => documents::leaflet(&conn, args, now, out)?,
        Command::Guide(args) => documents::guide(args, now, pictures, out)?,
        Command::Slip(args) => documents::slip(&conn, args, now, out)?,
        Command::Daysheet(args) => documents::sheet(&conn, args, false, now, out)?,
        Command::Weeksheet(args) => documents::sheet(&conn, args, true, now, out)?,
        Command::Report(args) => documents::report(&conn, args, now, out)?,
        Command::Stats(args) => records::stats(&conn, args, out)?,
        Command::Export(command) => exchange::export(&conn, command, now, out)?,
        Command::Import(command) => complete = exchange::import(&conn, command, now, out)?,
        Command::Publish => exchange::publish(&conn, now, out)?,
        Command::Gather => exchange::gather(&conn, now, out)?,
        Command::Purge { dry_run } => privacy::purge(&conn, dry_run, now, out)?,
        Command::Beneficiary(command) => privacy::beneficiary(&conn, command, now, out)?,
        Command::Backup { output } => vault::backup(&conn, key.as_deref(), &output, out)?,
        Command::Sharing(command) => sharing::run(&conn, command, now, out)?,
        Command::Sync { full } => sharing::sync(&conn, now, full, out)?,
    }
    if republish {
        if let Err(e) = publish::refresh(&conn, now) {
            eprintln!("permanences : attention : {e}");
        }
        // This desk's activity file in the gathering folder, when it keeps one there.
        if let Err(e) = permanences::exchange::activities::folder::refresh(&conn, now) {
            eprintln!("permanences : attention : {e}");
        }
    }
    Ok(complete)
}

/// Writes a PDF and says where, with its pages and size.
fn written(out: &mut impl Write, path: &Path, pdf: &Pdf) -> Result<(), Error> {
    permanences::store::file::write_atomic(path, &pdf.bytes)?;
    writeln!(out, "PDF écrit : {} ({}).", path.display(), pdf.summary())?;
    Ok(())
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|e| Error::Io(std::io::Error::other(e)))
}

/// The manual pages of the command line (`man permanences`, and one page per command such as
/// `man permanences-book`, as git does; installed by the Debian package) are generated from the
/// clap definition above, committed in assets/packaging/man/, and checked here: a command or
/// an option added without regenerating them fails this test. `make man` rewrites them. Not
/// in the window's binary, which carries these files too (`window_binary`).
#[cfg(all(test, not(window_binary)))]
mod man_pages {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    use clap::CommandFactory;

    fn committed_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/packaging/man")
    }

    fn pages(dir: &Path) -> std::io::Result<BTreeMap<String, String>> {
        let mut found = BTreeMap::new();
        if dir.is_dir() {
            for entry in std::fs::read_dir(dir)? {
                let path = entry?.path();
                let name = path
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                found.insert(name, std::fs::read_to_string(&path)?);
            }
        }
        Ok(found)
    }

    #[test]
    fn man_pages_are_fresh() -> std::io::Result<()> {
        let fresh = tempfile::tempdir()?;
        clap_mangen::generate_to(super::args::Cli::command(), fresh.path())?;
        let fresh = pages(fresh.path())?;
        assert!(
            fresh.contains_key("permanences.1") && fresh.contains_key("permanences-book.1"),
            "one page for the command and one per subcommand: {:?}",
            fresh.keys()
        );
        if std::env::var_os("UPDATE_MAN").is_some() {
            let dir = committed_dir();
            if dir.is_dir() {
                std::fs::remove_dir_all(&dir)?;
            }
            std::fs::create_dir_all(&dir)?;
            for (name, page) in &fresh {
                std::fs::write(dir.join(name), page)?;
            }
        }
        assert!(
            pages(&committed_dir())? == fresh,
            "assets/packaging/man/ is stale: run `make man` and commit it"
        );
        Ok(())
    }
}
