//! Writing files without losing anything: whole-file replacements computed in memory, shown as
//! unified diffs, and written atomically (a temp file in the same directory, then a rename), so
//! an interrupted run leaves either the old file or the new one, never half of each.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use similar::TextDiff;

use crate::diagnostic::display_path;

/// A planned change of one file's contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEdit {
    pub path: PathBuf,
    pub old: String,
    pub new: String,
}

impl FileEdit {
    /// The unified diff, with paths shown relative to `cwd`.
    pub fn diff(&self, cwd: &Path) -> String {
        let name = display_path(&self.path, cwd);
        TextDiff::from_lines(&self.old, &self.new)
            .unified_diff()
            .context_radius(3)
            .header(&format!("a/{name}"), &format!("b/{name}"))
            .to_string()
    }

    pub fn write(&self) -> Result<()> {
        write_atomic(&self.path, self.new.as_bytes())
    }
}

/// Replaces `path` with `contents` atomically, keeping the file's permissions.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".cargo-ship-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("could not create a temporary file in `{}`", dir.display()))?;
    temp.write_all(contents)
        .and_then(|()| temp.as_file().sync_all())
        .with_context(|| format!("could not write a temporary file for `{}`", path.display()))?;
    if let Ok(metadata) = std::fs::metadata(path) {
        temp.as_file()
            .set_permissions(metadata.permissions())
            .with_context(|| format!("could not set the permissions of `{}`", path.display()))?;
    }
    temp.persist(path)
        .map_err(|err| err.error)
        .with_context(|| format!("could not replace `{}`", path.display()))?;
    Ok(())
}

/// A file as it was before a step that may write it as a side effect (cargo updates
/// `Cargo.lock` whenever it builds), so a command that promises to change nothing can put it
/// back: the same bytes, or no file when there was none.
pub struct Snapshot {
    path: PathBuf,
    contents: Option<Vec<u8>>,
}

impl Snapshot {
    pub fn take(path: &Path) -> Result<Self> {
        let contents = match std::fs::read(path) {
            Ok(bytes) => Some(bytes),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
            Err(err) => {
                return Err(err).with_context(|| format!("could not read `{}`", path.display()));
            }
        };
        Ok(Self {
            path: path.to_path_buf(),
            contents,
        })
    }

    /// Puts the file back as it was; writes nothing when it is unchanged.
    pub fn restore(self) -> Result<()> {
        let now = std::fs::read(&self.path).ok();
        if now == self.contents {
            return Ok(());
        }
        match &self.contents {
            Some(bytes) => write_atomic(&self.path, bytes),
            None => std::fs::remove_file(&self.path)
                .with_context(|| format!("could not remove `{}`", self.path.display())),
        }
    }
}

/// The line ending a text uses, so inserted lines match it.
pub fn line_ending(text: &str) -> &'static str {
    if text.contains("\r\n") { "\r\n" } else { "\n" }
}

/// `text` (serialized by toml_edit, which writes `\n`) with the line endings of `original`.
pub fn match_line_endings(original: &str, text: String) -> String {
    if line_ending(original) == "\r\n" && !text.contains("\r\n") {
        text.replace('\n', "\r\n")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_atomic_write_replaces_the_file_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("Cargo.toml");
        std::fs::write(&path, "old\n").expect("seed");
        write_atomic(&path, b"new\n").expect("write");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new\n");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["Cargo.toml"]);
    }

    #[test]
    fn diffs_show_old_and_new_lines() {
        let edit = FileEdit {
            path: PathBuf::from("/w/Cargo.toml"),
            old: "a = 1\nb = 2\n".into(),
            new: "a = 1\nb = 3\n".into(),
        };
        let diff = edit.diff(Path::new("/w"));
        assert!(diff.contains("--- a/Cargo.toml"), "{diff}");
        assert!(diff.contains("-b = 2") && diff.contains("+b = 3"), "{diff}");
    }
}
