//! A Tauri window that shows one line of text: what any Tauri app costs before it does
//! anything. `make footprint` (scripts/footprint.sh) measures it beside Permanences, built with
//! the same profile and the same dependency artifacts, and prints the ratios.

/// Prints "footprint STEP" when the page is drawn, as the app does (see its `footprint_mark`).
#[tauri::command]
fn footprint_mark(step: String) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "footprint {step}").and_then(|()| out.flush());
}

fn main() {
    let result = tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![footprint_mark])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("hello-floor: {e}");
        std::process::exit(1);
    }
}
