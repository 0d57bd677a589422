//! Copied into the previous version's sources by scripts/schema-fixture.sh and built there as
//! an example: encrypts a database file with that version's own code, as its Paramètres do.
//! Not part of the current crate.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(phrase)) = (args.next(), args.next()) else {
        return Err("usage: encrypt FILE PASSPHRASE".into());
    };
    permanences::store::vault::set_passphrase(std::path::Path::new(&path), &phrase, &phrase)?;
    Ok(())
}
