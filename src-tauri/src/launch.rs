//! How the window's program starts: the options it reads, the environment its web process
//! inherits, and the screen it needs.

use std::path::PathBuf;

/// The window's options, each described in its manual page (assets/packaging/permanences-app.1).
const DB_OPTION: &str = "--db";
const ZOOM_OPTION: &str = "--zoom";

/// The value given after `option` among `args` (`--db FILE`), if any. Read as the system gives
/// them: an argument that is not UTF-8 (a file name) is no reason to stop.
fn option_value(
    args: impl IntoIterator<Item = std::ffi::OsString>,
    option: &str,
) -> Option<std::ffi::OsString> {
    let mut args = args.into_iter();
    while let Some(a) = args.next() {
        if a == option {
            return args.next();
        }
    }
    None
}

/// The program's own arguments.
fn arguments() -> impl Iterator<Item = std::ffi::OsString> {
    std::env::args_os().skip(1)
}

/// The database file: `--db PATH` on the command line, else `PERMANENCES_DB`, else the user's
/// data folder (the same default as the `permanences` command line).
pub(crate) fn database_path() -> PathBuf {
    option_value(arguments(), DB_OPTION)
        .or_else(|| std::env::var_os("PERMANENCES_DB"))
        .map(PathBuf::from)
        .unwrap_or_else(permanences::store::db::default_path)
}

/// The page zoom to open with: `--zoom 2` on the command line for 200 %, as a person who needs
/// larger pages sets it in a browser, and as the end-to-end tests check the layout. Out of
/// 0.5–4, or absent: the normal size.
pub(crate) fn start_zoom() -> Option<f64> {
    zoom(arguments())
}

fn zoom(args: impl IntoIterator<Item = std::ffi::OsString>) -> Option<f64> {
    option_value(args, ZOOM_OPTION)?
        .to_str()?
        .parse::<f64>()
        .ok()
        .filter(|z| (0.5..=4.0).contains(z))
}

/// The variable that turns WebKitGTK's compositing mode off, read by its web process.
const COMPOSITING_VARIABLE: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Pages drawn straight into the window rather than through WebKitGTK's compositing mode,
/// unless the person who starts the app set the variable already (`=0` to keep the mode).
///
/// The compositing mode keeps a backing store for each layer of the page. On the demo's day
/// it cost the web process 106 MB more (181 MB against 75 MB of PSS, under Xvfb), on a
/// screen of forms, lists and a grid that has no animation or 3D to gain from it: an old PC
/// keeps that memory. Set before any thread starts, and inherited by the web process.
pub(crate) fn draw_without_compositing() {
    unless_chosen(COMPOSITING_VARIABLE, "1");
}

/// The variable that turns JavaScriptCore's JIT compilers off, read by the web process.
const JIT_VARIABLE: &str = "JSC_useJIT";

/// The page's script run by JavaScriptCore's interpreter, without its JIT compilers, unless
/// the person who starts the app set the variable already (`JSC_useJIT=1` to keep them).
///
/// The page runs little script: the core does the work, the script shows its answers. Its
/// compiled code and the compilers' own memory cost the web process about 12 MB of PSS once
/// every main screen was opened (release build, demo data, under Xvfb: 130.9 MB with the
/// JIT, 118.5 MB without; the whole app 262.2 MB then 248.6 MB), and the start did not get
/// slower (median of 20 launches in turn, to the agenda drawn: 352.9 ms with, 354.3 ms
/// without, on a shared machine). An old PC keeps that memory; fewer compilers are also
/// less code that turns data into instructions. Set before any thread starts.
pub(crate) fn run_script_without_jit() {
    unless_chosen(JIT_VARIABLE, "0");
}

/// Sets `variable` for the web process to inherit, unless the person who starts the app set
/// it already. Called before any thread starts.
fn unless_chosen(variable: &str, value: &str) {
    if std::env::var_os(variable).is_none() {
        std::env::set_var(variable, value);
    }
}

/// The name the command line is installed under (`/usr/bin/permanences`, a link to this
/// binary).
pub const COMMAND_LINE_NAME: &str = "permanences";

/// Whether this binary was started as the command line: under the name `permanences` (the
/// package's link), whatever folder it is in. Under its own name it opens the window.
pub fn called_as_command_line(argv0: Option<&std::ffi::OsStr>) -> bool {
    argv0
        .map(std::path::Path::new)
        .and_then(|p| p.file_name())
        .is_some_and(|name| name == COMMAND_LINE_NAME)
}

/// Starts GTK on the session's screen, as Tauri's event loop does first (it then finds GTK
/// started). False when there is no screen to start on.
#[cfg(target_os = "linux")]
pub(crate) fn toolkit_started() -> bool {
    gtk::init().is_ok()
}

#[cfg(not(target_os = "linux"))]
pub(crate) fn toolkit_started() -> bool {
    true
}

/// What the window's program says when there is no screen to open its window on (started
/// from a text console, over SSH, by a script without a desktop session).
pub const NO_SCREEN: &str = "Permanences n'a pas pu ouvrir sa fenêtre : aucun écran n'est \
    disponible ici (pas de session graphique). Ouvrez Permanences depuis le menu du bureau. \
    Pour un script ou une console, la commande « permanences » travaille sans écran \
    (permanences --help).";

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Installed as `permanences` (a link, in any folder), the binary is the command line; as
    /// `permanences-app`, or under a name that only starts or ends like it, the window.
    #[test]
    fn the_link_named_permanences_runs_the_command_line() {
        use std::ffi::OsStr;
        let called = |s: &str| super::called_as_command_line(Some(OsStr::new(s)));
        assert!(called("permanences"));
        assert!(called("/usr/bin/permanences"));
        assert!(called("./target/release/permanences"));
        assert!(!called("/usr/bin/permanences-app"));
        assert!(!called("permanences-app"));
        assert!(!called("permanences.old"));
        assert!(!called("xpermanences"));
        assert!(!super::called_as_command_line(None));
    }

    /// Without a choice of the person's, the web process is told to draw without compositing;
    /// a value already set (`0`: keep the mode) is left as it is.
    #[test]
    fn pages_are_drawn_without_compositing_unless_the_person_chose() {
        let var = super::COMPOSITING_VARIABLE;
        std::env::remove_var(var);
        super::draw_without_compositing();
        assert_eq!(std::env::var(var).as_deref(), Ok("1"));
        std::env::set_var(var, "0");
        super::draw_without_compositing();
        assert_eq!(std::env::var(var).as_deref(), Ok("0"));
    }

    #[test]
    fn the_script_runs_without_jit_unless_the_person_chose() {
        let var = super::JIT_VARIABLE;
        std::env::remove_var(var);
        super::run_script_without_jit();
        assert_eq!(std::env::var(var).as_deref(), Ok("0"));
        std::env::set_var(var, "1");
        super::run_script_without_jit();
        assert_eq!(std::env::var(var).as_deref(), Ok("1"));
    }

    /// The options are read beside a file name that is not UTF-8 (`std::env::args` panicked on
    /// it, and with it the window's start); a value out of bounds, unreadable or missing gives
    /// the normal size.
    #[cfg(unix)]
    #[test]
    fn options_are_read_beside_a_file_name_that_is_not_utf8() {
        use std::ffi::{OsStr, OsString};
        use std::os::unix::ffi::OsStrExt;
        let args = |list: &[&[u8]]| -> Vec<OsString> {
            list.iter()
                .map(|a| OsStr::from_bytes(a).to_owned())
                .collect()
        };
        let file: &[u8] = b"/tmp/f\xff.sqlite3";
        let given = args(&[b"--db", file, b"--zoom", b"2"]);
        assert_eq!(
            super::option_value(given.clone(), super::DB_OPTION),
            Some(OsStr::from_bytes(file).to_owned())
        );
        assert_eq!(super::zoom(given), Some(2.0));
        assert_eq!(super::zoom(args(&[b"--zoom", b"1.5"])), Some(1.5));
        assert_eq!(super::zoom(args(&[b"--zoom", b"5"])), None);
        assert_eq!(super::zoom(args(&[b"--zoom", b"1,5"])), None);
        assert_eq!(super::zoom(args(&[b"--zoom"])), None);
        assert_eq!(
            super::option_value(args(&[b"--db"]), super::DB_OPTION),
            None
        );
    }

    /// Every option the window's program reads is described in its manual page, which the
    /// package installs.
    #[test]
    fn every_option_of_the_window_is_in_its_manual_page() {
        let page =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/packaging/permanences-app.1");
        let page = std::fs::read_to_string(page).expect("the manual page");
        for option in [super::DB_OPTION, super::ZOOM_OPTION] {
            let roff = option.replace('-', "\\-");
            assert!(
                page.contains(&format!(".BR {roff} ")),
                "{option} is not described in permanences-app.1"
            );
        }
    }
}
