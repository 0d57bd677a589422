fn main() {
    // The command line's files are compiled into this package's binary too (src/main.rs);
    // their man-page test belongs to the core's `permanences` binary only.
    println!("cargo::rustc-cfg=window_binary");
    tauri_build::build();
}
