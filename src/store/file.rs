//! The one way files are written: complete or not at all. Every document, export, published
//! file, backup and rewritten database goes through here, so that a crash, a full disk or a
//! reader opening the file mid-way never sees half of it.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes `bytes` to `path` atomically: a new temporary file in the same folder, written and
/// synced, then renamed over `path` (a reader sees the old file or the new one, never a
/// partial one), then the folder synced so that the rename survives a power cut. On failure
/// (a full disk fails the write itself) the temporary file is removed and `path` is as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    // A device or a pipe (`-o /dev/null`, `-o /dev/stdout`) is written to, never replaced: a
    // rename over it would put a regular file in its place (as root, /dev/null itself).
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let mut file = OpenOptions::new().write(true).open(path)?;
        file.write_all(bytes)?;
        return Ok(());
    }
    let dir = folder_of(path);
    let (tmp, mut file) = temporary_in(dir)?;
    let written = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::Io(e));
    }
    sync_folder(dir)
}

/// Puts the complete file `staging` (written beside it by the caller, e.g. by SQLite's backup
/// API) in the place of `path`: synced first, then one atomic rename, then the folder synced.
pub fn replace(staging: &Path, path: &Path) -> Result<()> {
    File::open(staging)?.sync_all()?;
    std::fs::rename(staging, path)?;
    sync_folder(folder_of(path))
}

/// `path` with `.suffix` added to its file name (same folder, so a rename is atomic).
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".");
    name.push(suffix);
    path.with_file_name(name)
}

/// Removes a file; one that is not there is not an error.
pub fn remove_if_exists(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Makes a rename in `dir` durable. On Unix that is an fsync of the folder; Windows cannot
/// open a folder as a file, and its file system (NTFS) journals the rename itself.
fn sync_folder(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// A new, hidden temporary file in `dir`, never one that already exists.
fn temporary_in(dir: &Path) -> Result<(PathBuf, File)> {
    for n in 0..100u32 {
        let candidate = dir.join(format!(".permanences-{}-{n}.tmp", std::process::id()));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(f) => return Ok((candidate, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(Error::Io(std::io::Error::other(
        "impossible de créer un fichier temporaire",
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_replaced_whole_and_no_temporary_file_stays() -> Result<()> {
        let dir = std::env::temp_dir().join(format!("permanences-file-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let path = dir.join("reseau.ics");
        write_atomic(&path, b"old")?;
        write_atomic(&path, b"new")?;
        assert_eq!(std::fs::read(&path)?, b"new");
        let names: Vec<_> = std::fs::read_dir(&dir)?
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1, "only the written file stays: {names:?}");
        std::fs::remove_dir_all(&dir)?;
        Ok(())
    }
}
