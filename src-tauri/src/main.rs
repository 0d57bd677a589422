// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

/// The command line, compiled into this binary too (same files as the `permanences` binary of
/// the core): the package installs one program, with `/usr/bin/permanences` a link to it.
/// Shipped twice, the core, SQLCipher and the TLS stack weighed 14 MB more on disk.
#[path = "../../src/bin/permanences/main.rs"]
mod cli;

fn main() -> ExitCode {
    if permanences_app::called_as_command_line(std::env::args_os().next().as_deref()) {
        // The guide's pictures come from the UI bundle: one copy in the package.
        return cli::main_with(&permanences_app::bundle::guide_pictures());
    }
    permanences_app::run()
}
