//! What a packaged `.crate` holds: its compressed size, the unpacked size and every file, read
//! from the archive itself (the normalized Cargo.toml included), so the numbers are what the
//! registry receives.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// crates.io's default limits: 10 MiB compressed, 512 MiB unpacked.
pub const MAX_COMPRESSED: u64 = 10 * 1024 * 1024;
pub const MAX_UNPACKED: u64 = 512 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrateFile {
    pub path: PathBuf,
    pub size: u64,
    pub unpacked_size: u64,
    /// Paths inside the package (without the `name-version/` prefix) and sizes, largest first.
    pub files: Vec<(String, u64)>,
}

pub fn inspect(path: &Path) -> Result<CrateFile> {
    let file = std::fs::File::open(path)
        .with_context(|| format!("could not open `{}`", path.display()))?;
    let size = file
        .metadata()
        .with_context(|| format!("could not stat `{}`", path.display()))?
        .len();
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut files = Vec::new();
    for entry in archive
        .entries()
        .with_context(|| format!("`{}` is not a .crate archive", path.display()))?
    {
        let entry = entry
            .with_context(|| format!("`{}` is not a readable .crate archive", path.display()))?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let name = entry
            .path()
            .context("an archive entry has no path")?
            .display()
            .to_string();
        let inner = name
            .split_once('/')
            .map_or(name.as_str(), |(_, rest)| rest)
            .to_string();
        files.push((inner, entry.size()));
    }
    files.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let unpacked_size = files.iter().map(|(_, size)| size).sum();
    Ok(CrateFile {
        path: path.to_path_buf(),
        size,
        unpacked_size,
        files,
    })
}

/// A size as people read it: bytes, KiB, MiB.
pub fn human_size(bytes: u64) -> String {
    const KIB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KIB {
        format!("{bytes} B")
    } else if b < KIB * KIB {
        format!("{:.1} KiB", b / KIB)
    } else {
        format!("{:.1} MiB", b / (KIB * KIB))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_cargo_prints_them() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(2048), "2.0 KiB");
        assert_eq!(human_size(11 * 1024 * 1024), "11.0 MiB");
    }

    #[test]
    fn an_archive_is_listed_largest_first() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("x-0.1.0.crate");
        let file = std::fs::File::create(&path).expect("create");
        let mut builder = tar::Builder::new(flate2::write::GzEncoder::new(
            file,
            flate2::Compression::default(),
        ));
        for (name, content) in [
            ("x-0.1.0/Cargo.toml", &b"[package]\n"[..]),
            ("x-0.1.0/src/lib.rs", &[b'a'; 300][..]),
        ] {
            let mut header = tar::Header::new_gnu();
            header.set_size(content.len() as u64);
            header.set_mode(0o644);
            header.set_cksum();
            builder
                .append_data(&mut header, name, content)
                .expect("append");
        }
        builder
            .into_inner()
            .expect("finish")
            .finish()
            .expect("gzip");
        let inspected = inspect(&path).expect("inspect");
        assert_eq!(inspected.unpacked_size, 310);
        assert_eq!(inspected.files[0], ("src/lib.rs".to_string(), 300));
    }
}
