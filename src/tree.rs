//! Where manifests and the files they name are read from: the working tree on disk, or the git
//! index (`check --staged`, which is what a commit will contain).
//!
//! The index is listed once (`git ls-files -s`) and blobs are streamed through one long-lived
//! `git cat-file --batch`, so checking a 300-member workspace costs two processes, not 300.
//! Both honour `GIT_INDEX_FILE`, as `git show :path` does.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout};

use anyhow::{Context, Result, bail};

use crate::error::cannot_run;
use crate::git::Git;

pub enum Tree {
    Disk,
    Index(IndexTree),
    /// The disk with some files' planned contents in their place: a release judges the
    /// manifests as they will be after its edits.
    Planned(BTreeMap<PathBuf, String>),
}

impl Tree {
    /// The git index of the repository containing `dir`.
    pub fn index(dir: &Path) -> Result<Self> {
        IndexTree::open(dir).map(Tree::Index)
    }

    /// The text of a file, `None` if there is no such file. Errors name the path.
    pub fn read(&self, path: &Path) -> Result<Option<String>> {
        if let Tree::Planned(planned) = self
            && let Some(text) = planned.get(path)
        {
            return Ok(Some(text.clone()));
        }
        let bytes = match self {
            Tree::Disk | Tree::Planned(_) => match std::fs::read(path) {
                Ok(bytes) => bytes,
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
                Err(err) if err.kind() == std::io::ErrorKind::IsADirectory => return Ok(None),
                Err(err) => {
                    return Err(err)
                        .with_context(|| format!("could not read `{}`", path.display()));
                }
            },
            Tree::Index(index) => match index.read(path)? {
                Some(bytes) => bytes,
                None => return Ok(None),
            },
        };
        String::from_utf8(bytes).map(Some).map_err(|err| {
            let offset = err.utf8_error().valid_up_to();
            let bytes = err.as_bytes();
            let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
            cannot_run(format!(
                "`{}` is not valid UTF-8 (line {line}, byte {offset}): cargo reads manifests as \
                 UTF-8 text",
                path.display()
            ))
        })
    }

    pub fn is_file(&self, path: &Path) -> bool {
        match self {
            Tree::Disk => path.is_file(),
            Tree::Planned(planned) => planned.contains_key(path) || path.is_file(),
            Tree::Index(index) => index.blobs.contains_key(&normalize(path)),
        }
    }

    pub fn is_dir(&self, path: &Path) -> bool {
        match self {
            Tree::Disk | Tree::Planned(_) => path.is_dir(),
            Tree::Index(index) => index.dirs.contains(&normalize(path)),
        }
    }

    /// Directories matching a `workspace.members` glob (an absolute pattern), sorted.
    pub fn glob_dirs(&self, pattern: &str) -> Result<Vec<PathBuf>> {
        let matcher = glob::Pattern::new(pattern)
            .with_context(|| format!("invalid glob pattern `{pattern}` in `workspace.members`"))?;
        let options = glob::MatchOptions {
            case_sensitive: true,
            require_literal_separator: true,
            require_literal_leading_dot: false,
        };
        match self {
            Tree::Disk | Tree::Planned(_) => {
                let mut dirs = Vec::new();
                for entry in glob::glob_with(pattern, options)
                    .with_context(|| format!("invalid glob pattern `{pattern}`"))?
                {
                    let path = entry.context("could not expand a `workspace.members` glob")?;
                    if path.is_dir() {
                        dirs.push(path);
                    }
                }
                dirs.sort();
                Ok(dirs)
            }
            Tree::Index(index) => Ok(index
                .dirs
                .iter()
                .filter(|dir| matcher.matches_path_with(dir, options))
                .cloned()
                .collect()),
        }
    }

    /// File names directly inside `dir` (for README and license discovery).
    pub fn file_names(&self, dir: &Path) -> Vec<String> {
        match self {
            Tree::Disk | Tree::Planned(_) => {
                let mut names: Vec<String> = std::fs::read_dir(dir)
                    .into_iter()
                    .flatten()
                    .flatten()
                    .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
                    .filter_map(|entry| entry.file_name().into_string().ok())
                    .collect();
                names.sort();
                names
            }
            Tree::Index(index) => {
                let dir = normalize(dir);
                index
                    .blobs
                    .keys()
                    .filter(|path| path.parent() == Some(dir.as_path()))
                    .filter_map(|path| path.file_name()?.to_str().map(str::to_owned))
                    .collect()
            }
        }
    }
}

/// The git index: paths and blob ids, and a `cat-file --batch` process to read blobs.
pub struct IndexTree {
    blobs: BTreeMap<PathBuf, String>,
    dirs: BTreeSet<PathBuf>,
    reader: RefCell<Option<BlobReader>>,
    top: PathBuf,
}

impl IndexTree {
    fn open(dir: &Path) -> Result<Self> {
        let top = git_output(dir, &["rev-parse", "--show-toplevel"])
            .map_err(|err| cannot_run(format!("--staged needs a git repository: {err:#}")))?;
        let top = PathBuf::from(top.trim_end());
        let listing = git_output(&top, &["ls-files", "--stage", "-z"])?;
        let mut blobs = BTreeMap::new();
        let mut dirs = BTreeSet::new();
        dirs.insert(top.clone());
        for record in listing.split('\0').filter(|r| !r.is_empty()) {
            // `<mode> <object> <stage>\t<path>`; stage 0 is the merged entry.
            let Some((meta, path)) = record.split_once('\t') else {
                continue;
            };
            let mut fields = meta.split(' ');
            let (Some(mode), Some(object), Some(stage)) =
                (fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            if stage != "0" || mode == "160000" {
                continue;
            }
            let path = top.join(path);
            for ancestor in path.ancestors().skip(1) {
                if !dirs.insert(ancestor.to_path_buf()) || ancestor == top {
                    break;
                }
            }
            blobs.insert(path, object.to_owned());
        }
        Ok(IndexTree {
            blobs,
            dirs,
            reader: RefCell::new(None),
            top,
        })
    }

    fn read(&self, path: &Path) -> Result<Option<Vec<u8>>> {
        let Some(object) = self.blobs.get(&normalize(path)) else {
            return Ok(None);
        };
        let mut reader = self.reader.borrow_mut();
        if reader.is_none() {
            *reader = Some(BlobReader::spawn(&self.top)?);
        }
        let Some(reader) = reader.as_mut() else {
            bail!("git cat-file could not be started");
        };
        reader
            .read(object)
            .map(Some)
            .with_context(|| format!("could not read `{}` from the git index", path.display()))
    }
}

struct BlobReader {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
}

impl BlobReader {
    fn spawn(top: &Path) -> Result<Self> {
        let mut child = Git::new(top).spawn_piped(&["cat-file", "--batch"])?;
        let input = child.stdin.take().context("git cat-file has no stdin")?;
        let output = BufReader::new(child.stdout.take().context("git cat-file has no stdout")?);
        Ok(BlobReader {
            child,
            input,
            output,
        })
    }

    fn read(&mut self, object: &str) -> Result<Vec<u8>> {
        writeln!(self.input, "{object}")?;
        self.input.flush()?;
        let mut header = String::new();
        self.output.read_line(&mut header)?;
        // `<object> blob <size>`, or `<object> missing`.
        let size: usize = header
            .split_whitespace()
            .nth(2)
            .and_then(|size| size.parse().ok())
            .with_context(|| format!("unexpected answer from git cat-file: {header:?}"))?;
        let mut content = vec![0; size + 1];
        self.output.read_exact(&mut content)?;
        content.pop();
        Ok(content)
    }
}

impl Drop for BlobReader {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn git_output(dir: &Path, args: &[&str]) -> Result<String> {
    let output = Git::new(dir).output(args)?;
    if !output.status.success() {
        bail!(
            "`git {}` in `{}` failed: {}",
            args.join(" "),
            dir.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    String::from_utf8(output.stdout).context("git printed a path that is not UTF-8")
}

/// Removes `.` and resolves `..` lexically, as cargo does for manifest paths.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_resolves_dots_lexically() {
        assert_eq!(
            normalize(Path::new("/ws/crates/a/../b/./Cargo.toml")),
            PathBuf::from("/ws/crates/b/Cargo.toml")
        );
    }
}
