//! Where a package's last release is: the newest release tag that is an ancestor of HEAD and not
//! newer than the manifest's version, in the configured format or a common legacy one; without
//! tags, the commit where the manifest's version last changed; else all history.

use std::cell::{OnceCell, RefCell};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Mutex;

use anyhow::Result;
use semver::Version;

use crate::changes::lockfile::Lock;
use crate::changes::log::Log;
use crate::git::Git;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    /// The commit it points at (peeled for annotated tags).
    pub commit: String,
    /// Whether HEAD contains it, when already known.
    pub merged: Option<bool>,
}

/// The repository's tags, read once for every package; whether HEAD contains a tag is asked
/// only for the candidates, newest first (walking a long history for every tag is what makes
/// `git tag --merged` slow on large repositories).
#[derive(Debug, Default)]
pub struct Repo {
    pub tags: Vec<Tag>,
    /// The commits since the last releases, read once for every package.
    pub log: Log,
    git: Option<Git>,
    contains: RefCell<HashMap<String, bool>>,
    /// Each package's last release once found, by (name, manifest version, releases only): the
    /// release plan and `suggest` ask for it more than once, and finding it may read the
    /// history or the registry.
    last_releases: RefCell<HashMap<(String, String, bool), Base>>,
    /// Lock files parsed once, by a key saying which (a release's, the working tree's): every
    /// package of a workspace compares the same two.
    locks: RefCell<HashMap<String, Option<Rc<Lock>>>>,
    /// `git status`'s paths, read the first time a package asks.
    uncommitted: OnceCell<Vec<String>>,
    /// Commits' diffs of Rust files, by commit: a commit that touched many members is read
    /// once, not once for each.
    rust_diffs: RefCell<HashMap<String, Rc<crate::changes::code::Diff>>>,
}

const TAG_FORMAT: &str = "--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)";

impl Repo {
    /// One `git for-each-ref`.
    pub fn read(git: &Git) -> Result<Self> {
        let has_head = git
            .output(&["rev-parse", "--verify", "-q", "HEAD"])
            .is_ok_and(|o| o.status.success());
        let refs = git.run(&["for-each-ref", "refs/tags", TAG_FORMAT])?;
        let tags = refs
            .lines()
            .filter_map(|line| {
                let mut fields = line.split('\0');
                let name = fields.next()?;
                let object = fields.next()?;
                let peeled = fields.next().filter(|p| !p.is_empty()).unwrap_or(object);
                Some(Tag {
                    name: name.to_string(),
                    commit: peeled.to_string(),
                    merged: (!has_head).then_some(false),
                })
            })
            .collect();
        Ok(Repo {
            tags,
            log: Log::new(git),
            git: Some(git.clone()),
            contains: RefCell::new(HashMap::new()),
            last_releases: RefCell::new(HashMap::new()),
            locks: RefCell::new(HashMap::new()),
            uncommitted: OnceCell::new(),
            rust_diffs: RefCell::new(HashMap::new()),
        })
    }

    /// Whether HEAD contains the tag's commit (asked once per commit).
    pub fn is_merged(&self, tag: &Tag) -> bool {
        if let Some(known) = tag.merged {
            return known;
        }
        if let Some(known) = self.contains.borrow().get(&tag.commit) {
            return *known;
        }
        let merged = self.git.as_ref().is_some_and(|git| {
            git.output(&["merge-base", "--is-ancestor", &tag.commit, "HEAD"])
                .is_ok_and(|o| o.status.success())
        });
        self.contains
            .borrow_mut()
            .insert(tag.commit.clone(), merged);
        merged
    }

    /// The last release found before for this key, if any.
    pub fn known_last_release(&self, key: &(String, String, bool)) -> Option<Base> {
        self.last_releases.borrow().get(key).cloned()
    }

    /// Remembers a package's last release for [`Repo::known_last_release`].
    pub fn remember_last_release(&self, key: (String, String, bool), base: Base) {
        self.last_releases.borrow_mut().insert(key, base);
    }

    /// The lock file `key` names, read and parsed by `read` the first time only.
    pub fn lock(
        &self,
        key: &str,
        read: impl FnOnce() -> Result<Option<String>>,
    ) -> Result<Option<Rc<Lock>>> {
        if let Some(known) = self.locks.borrow().get(key) {
            return Ok(known.clone());
        }
        let lock = read()?.map(|text| Rc::new(Lock::parse(&text)));
        self.locks
            .borrow_mut()
            .insert(key.to_string(), lock.clone());
        Ok(lock)
    }

    /// The Rust diffs of `ids`, in their order, read by `read` for those not read before (in
    /// one call); a commit `read` leaves out has an empty diff.
    pub fn rust_diffs(
        &self,
        ids: &[&str],
        read: impl FnOnce(&[&str]) -> Result<HashMap<String, crate::changes::code::Diff>>,
    ) -> Result<Vec<Rc<crate::changes::code::Diff>>> {
        let missing: Vec<&str> = ids
            .iter()
            .copied()
            .filter(|id| !self.rust_diffs.borrow().contains_key(*id))
            .collect();
        if !missing.is_empty() {
            let mut read = read(&missing)?;
            let mut known = self.rust_diffs.borrow_mut();
            for id in missing {
                known.insert(id.to_string(), Rc::new(read.remove(id).unwrap_or_default()));
            }
        }
        let known = self.rust_diffs.borrow();
        Ok(ids
            .iter()
            .map(|id| known.get(*id).cloned().unwrap_or_default())
            .collect())
    }

    /// The files the working tree changed, added or deleted since HEAD (one `git status` for
    /// every package); none without a repository.
    pub fn uncommitted(&self) -> Result<&[String]> {
        if let Some(known) = self.uncommitted.get() {
            return Ok(known);
        }
        let files = match &self.git {
            Some(git) => git.uncommitted_files()?,
            None => Vec::new(),
        };
        Ok(self.uncommitted.get_or_init(|| files))
    }

    /// The repository's git, when it was read from one.
    pub fn git(&self) -> Option<&Git> {
        self.git.as_ref()
    }

    pub fn tag(&self, name: &str) -> Option<&Tag> {
        self.tags.iter().find(|t| t.name == name)
    }
}

/// The start of "changes since the last release".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    Tag {
        name: String,
        commit: String,
        version: Version,
    },
    /// No tag: the commit that last changed the manifest's version.
    VersionChange { commit: String },
    /// No tag, but the registry has the manifest's version: released from the commit that set
    /// it (`None`: no such commit is known, all history counts).
    Published {
        commit: Option<String>,
        version: Version,
    },
    /// `--since REF`.
    Explicit { rev: String },
    /// Neither: all of history.
    Start,
}

impl Base {
    /// The revision to log from (`<rev>..HEAD`), `None` for all history.
    pub fn rev(&self) -> Option<&str> {
        match self {
            Base::Tag { commit, .. } | Base::VersionChange { commit } => Some(commit),
            Base::Published { commit, .. } => commit.as_deref(),
            Base::Explicit { rev } => Some(rev),
            Base::Start => None,
        }
    }

    pub fn tag_name(&self) -> Option<&str> {
        match self {
            Base::Tag { name, .. } => Some(name),
            Base::Explicit { rev } => Some(rev),
            _ => None,
        }
    }
}

impl fmt::Display for Base {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Base::Tag { name, .. } => write!(f, "tag {name}"),
            Base::VersionChange { commit } => write!(
                f,
                "commit {} (no release tag; the version last changed there)",
                crate::git::short(commit)
            ),
            Base::Published { commit, version } => match commit {
                Some(commit) => write!(
                    f,
                    "{version} (in the registry, untagged; the commit that set it, {})",
                    crate::git::short(commit)
                ),
                None => write!(f, "{version} (in the registry, untagged: all history)"),
            },
            Base::Explicit { rev } => write!(f, "{rev}"),
            Base::Start => f.write_str("the first commit (no release tag found: all history)"),
        }
    }
}

/// The tag formats recognised besides the configured one.
pub const LEGACY_FORMATS: &[&str] = &[
    "{name}-v{version}",
    "{name}/v{version}",
    "{name}-{version}",
    // cargo-workspaces' individual tags (its `%n@` prefix, as lerna and changesets write them).
    "{name}@{version}",
    "v{version}",
    // knope's first releases (dobby `v.0.1.0` … `v.0.1.4`).
    "v.{version}",
    "{version}",
];

/// The version a tag name stands for under `format`, if it matches.
pub fn tag_version(tag: &str, format: &str, name: &str) -> Option<Version> {
    Pattern::new(format, name)?.version(tag)
}

/// A tag format with the package's name filled in: what comes before and after the version.
/// Built once per format, then matched against every tag with two byte comparisons (a
/// 300-member workspace has 300 × 300 tag–package pairs to try).
struct Pattern {
    prefix: String,
    suffix: String,
}

impl Pattern {
    fn new(format: &str, name: &str) -> Option<Self> {
        let format = format.replace("{name}", name);
        let (prefix, suffix) = format.split_once("{version}")?;
        Some(Pattern {
            prefix: prefix.to_string(),
            suffix: suffix.to_string(),
        })
    }

    fn all<'f>(formats: impl IntoIterator<Item = &'f str>, name: &str) -> Vec<Pattern> {
        formats
            .into_iter()
            .filter_map(|f| Pattern::new(f, name))
            .collect()
    }

    fn version(&self, tag: &str) -> Option<Version> {
        let version = tag.strip_prefix(&self.prefix)?.strip_suffix(&self.suffix)?;
        if !version.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        Version::parse(version).ok()
    }

    /// The version of the first pattern that matches `tag`.
    fn first(patterns: &[Pattern], tag: &str) -> Option<Version> {
        patterns.iter().find_map(|p| p.version(tag))
    }
}

/// The known format a tag of `name` at `version` is written in.
pub fn format_of(tag: &str, name: &str, version: &Version) -> Option<&'static str> {
    LEGACY_FORMATS
        .iter()
        .copied()
        .find(|format| tag_version(tag, format, name).as_ref() == Some(version))
}

/// Whether some tag (in the configured or a legacy format) names exactly `version` of `name`.
pub fn has_tag(repo: &Repo, name: &str, configured: Option<&str>, version: &Version) -> bool {
    find_tag(repo, name, configured, version).is_some()
}

/// The tag (in the configured or a legacy format) that names exactly `version` of `name`,
/// build metadata aside.
pub fn find_tag<'a>(
    repo: &'a Repo,
    name: &str,
    configured: Option<&str>,
    version: &Version,
) -> Option<&'a Tag> {
    tag_in_formats(
        repo,
        name,
        configured.into_iter().chain(LEGACY_FORMATS.iter().copied()),
        version,
    )
}

/// The tag of `name`'s release of `version` in a format that names the package
/// (`anstyle-git-v0.2.3`): one released under its own tag, whatever name-less tag marks the
/// same version.
pub fn find_own_tag<'a>(
    repo: &'a Repo,
    name: &str,
    configured: Option<&str>,
    version: &Version,
) -> Option<&'a Tag> {
    let formats = configured.into_iter().chain(LEGACY_FORMATS.iter().copied());
    tag_in_formats(
        repo,
        name,
        formats.filter(|f| f.contains("{name}")),
        version,
    )
}

fn tag_in_formats<'a, 'f>(
    repo: &'a Repo,
    name: &str,
    formats: impl IntoIterator<Item = &'f str>,
    version: &Version,
) -> Option<&'a Tag> {
    let patterns = Pattern::all(formats, name);
    let version = without_build(version);
    repo.tags.iter().find(|tag| {
        patterns.iter().any(|p| {
            p.version(&tag.name)
                .is_some_and(|v| without_build(&v) == version)
        })
    })
}

/// The tag formats to try, in turns: those naming the package first, then bare ones (which
/// may be another crate's); all in one turn for a package alone in its repository.
fn format_groups(configured: Option<&str>, sole: bool) -> Vec<Vec<&str>> {
    let formats: Vec<&str> = configured
        .into_iter()
        .chain(LEGACY_FORMATS.iter().copied())
        .collect();
    if sole {
        return vec![formats];
    }
    let (named, bare) = formats.into_iter().partition(|f| f.contains("{name}"));
    vec![named, bare]
}

/// Whose bare-version tags (`v1.2.0`, `1.2.0`) a package may take as its releases.
#[derive(Clone, Copy)]
pub enum Bare<'a> {
    /// The package is alone in its repository: every tag is its own, whatever the format.
    Sole,
    /// A workspace member: a bare tag is its release only where the predicate says so (knope's
    /// old `v0.4.3` is not knope-config 0.4.3); named tags win.
    Owned(&'a dyn Fn(&Tag, &Version) -> bool),
    /// Named tags win; bare ones count unchecked.
    Unchecked,
}

/// `version` without build metadata: tags and the registry compare versions without it
/// (`1.1.4+spec-1.1.0` is released as tag `v1.1.4`).
pub fn without_build(version: &Version) -> Version {
    let mut version = version.clone();
    version.build = semver::BuildMetadata::EMPTY;
    version
}

/// The newest release tag of `name` that HEAD contains and that is not newer than `current`;
/// with `releases_only`, pre-release tags are passed over. A tag of exactly the manifest's
/// (release) version is the last release even when HEAD does not contain it: it was tagged on
/// a release branch. Formats naming the package win over bare-version ones, so a workspace
/// member does not take another crate's `v1.2.0`.
///
/// A lone package ([`Bare::Sole`]) takes the newest tag whatever its format (projects move
/// from `name-1.0.0` to `v1.0.0` and back).
pub fn last_tag(
    repo: &Repo,
    name: &str,
    configured: Option<&str>,
    current: &Version,
    releases_only: bool,
    bare_tags: Bare,
) -> Option<Base> {
    let current = without_build(current);
    let groups = format_groups(configured, matches!(bare_tags, Bare::Sole));
    for (index, group) in groups.into_iter().enumerate() {
        let owned = |tag: &Tag, version: &Version| match bare_tags {
            Bare::Owned(owns) if index == 1 => owns(tag, version),
            _ => true,
        };
        let patterns = Pattern::all(group, name);
        let mut candidates: Vec<(Version, &Tag)> = repo
            .tags
            .iter()
            .filter_map(|tag| {
                let version = Pattern::first(&patterns, &tag.name)?;
                Some((without_build(&version), tag))
            })
            .filter(|(version, _)| {
                *version <= current && (!releases_only || version.pre.is_empty())
            })
            .collect();
        candidates.sort_by(|a, b| b.0.cmp(&a.0));
        let best = candidates.into_iter().find(|(version, tag)| {
            ((*version == current && current.pre.is_empty()) || repo.is_merged(tag))
                && owned(tag, version)
        });
        if let Some((version, tag)) = best {
            return Some(Base::Tag {
                name: tag.name.clone(),
                commit: tag.commit.clone(),
                version,
            });
        }
    }
    None
}

/// The newest tagged version of `name` below `version` (any branch): the release an unfinished
/// release of `version` was bumped from. `sole` as for [`last_tag`].
pub fn previous_release(
    repo: &Repo,
    name: &str,
    configured: Option<&str>,
    version: &Version,
    sole: bool,
) -> Option<Version> {
    let version = without_build(version);
    format_groups(configured, sole)
        .into_iter()
        .find_map(|group| {
            let patterns = Pattern::all(group, name);
            repo.tags
                .iter()
                .filter_map(|tag| Pattern::first(&patterns, &tag.name))
                .map(|v| without_build(&v))
                .filter(|v| *v < version)
                .max()
        })
}

/// The newest commit that changed the package's version in `manifest` (a path relative to the
/// repository), confirmed by reading the manifest before and after.
pub fn version_change(git: &Git, manifest: &Path) -> Result<Option<String>> {
    let path = manifest.display().to_string();
    let candidates = git.run(&[
        "log",
        "--format=%H",
        "-G",
        "^[[:space:]]*version[[:space:]]*=",
        "--",
        &path,
    ])?;
    for commit in candidates.lines().take(20) {
        let after = version_at(git, commit, &path);
        let before = version_at(git, &format!("{commit}^"), &path);
        // A manifest created with its version is not a version change.
        if after.is_some() && before.is_some() && after != before {
            return Ok(Some(commit.to_string()));
        }
    }
    Ok(None)
}

/// The commit that set the manifest's current version: the last version change, else the
/// commit that added the manifest (a crate imported with its version already set).
pub fn version_set(git: &Git, manifest: &Path) -> Result<Option<String>> {
    if let Some(commit) = version_change(git, manifest)? {
        return Ok(Some(commit));
    }
    let path = manifest.display().to_string();
    let added = git.run(&["log", "--format=%H", "--diff-filter=A", "--", &path])?;
    Ok(added.lines().last().map(str::to_string))
}

/// `package.version` (or `workspace.package.version`) of the manifest at a revision.
///
/// One run asks this of the same commits from several places (the last release, the commit
/// that set the version, resuming); a manifest can be megabytes long, so answers for revisions
/// named by commit id, which never change, are kept for the rest of the process.
pub fn version_at(git: &Git, rev: &str, path: &str) -> Option<String> {
    let key = (git.dir().to_path_buf(), rev.to_string(), path.to_string());
    if is_immutable(rev)
        && let Some(known) = KNOWN_VERSIONS
            .lock()
            .ok()
            .and_then(|k| k.get(&key).cloned())
    {
        return known;
    }
    let version = read_version_at(git, rev, path);
    if is_immutable(rev)
        && let Ok(mut known) = KNOWN_VERSIONS.lock()
    {
        known.insert(key, version.clone());
    }
    version
}

/// [`version_at`]'s answers by (repository, commit id, path).
type VersionKey = (PathBuf, String, String);
static KNOWN_VERSIONS: Mutex<BTreeMap<VersionKey, Option<String>>> = Mutex::new(BTreeMap::new());

/// A commit id, or an expression built on one (`<id>^`): what it names never changes, so its
/// answers can be kept. (`log`'s `is_commit_id` asks for exactly an id.)
fn is_immutable(rev: &str) -> bool {
    rev.len() >= 40 && rev.as_bytes()[..40].iter().all(u8::is_ascii_hexdigit)
}

/// Reads the versions of the manifests at `paths` at commit `rev` through one `git cat-file
/// --batch`, for [`version_at`] to answer from memory: a name-less tag in a workspace is
/// checked against every member's manifest, which is one process per member otherwise. On any
/// trouble it stops, and `version_at` reads the rest one by one.
/// `paths` is only asked for once per commit.
pub fn prefetch_versions(git: &Git, rev: &str, paths: impl FnOnce() -> Vec<String>) {
    static DONE: Mutex<BTreeSet<(PathBuf, String)>> = Mutex::new(BTreeSet::new());
    if !is_immutable(rev)
        || !DONE
            .lock()
            .is_ok_and(|mut done| done.insert((git.dir().to_path_buf(), rev.to_string())))
    {
        return;
    }
    let paths = paths();
    let key = |path: &String| (git.dir().to_path_buf(), rev.to_string(), path.clone());
    let missing: Vec<&String> = match KNOWN_VERSIONS.lock() {
        Ok(known) => paths
            .iter()
            .filter(|p| !known.contains_key(&key(p)))
            .collect(),
        Err(_) => return,
    };
    if missing.len() < 2 {
        return;
    }
    let Ok(mut child) = git.spawn_piped(&["cat-file", "--batch"]) else {
        return;
    };
    if let (Some(mut input), Some(output)) = (child.stdin.take(), child.stdout.take()) {
        let mut output = std::io::BufReader::new(output);
        for path in missing {
            let Ok(text) = batch_read(&mut input, &mut output, &format!("{rev}:{path}")) else {
                break;
            };
            let version = text.and_then(|text| version_in(&text));
            if let Ok(mut known) = KNOWN_VERSIONS.lock() {
                known.insert(key(path), version);
            }
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// One object through `git cat-file --batch`: its text, or `None` when it does not exist.
fn batch_read(
    input: &mut impl std::io::Write,
    output: &mut impl std::io::BufRead,
    object: &str,
) -> Result<Option<String>> {
    writeln!(input, "{object}")?;
    input.flush()?;
    let mut header = String::new();
    output.read_line(&mut header)?;
    // `<object> blob <size>`, or `<object> missing`.
    let Some(size) = header
        .split_whitespace()
        .nth(2)
        .and_then(|size| size.parse::<usize>().ok())
    else {
        return Ok(None);
    };
    let mut content = vec![0; size + 1];
    output.read_exact(&mut content)?;
    content.pop();
    Ok(Some(String::from_utf8_lossy(&content).into_owned()))
}

/// The version of package `name` at `rev` when the repository's root manifest was its own
/// then: a crate since moved into a workspace directory (insta 1.37.0 before `insta/`, anstyle
/// 0.2.2 and toml_edit before `crates/`) was released from there.
pub fn root_version_at(git: &Git, rev: &str, name: &str) -> Option<String> {
    let text = git.file_at(rev, "Cargo.toml").ok().flatten()?;
    let doc = toml_edit::Document::parse(text).ok()?;
    let package = doc.get("package")?;
    (package.get("name")?.as_str()? == name)
        .then(|| package.get("version")?.as_str().map(str::to_string))
        .flatten()
}

fn read_version_at(git: &Git, rev: &str, path: &str) -> Option<String> {
    version_in(&git.file_at(rev, path).ok().flatten()?)
}

/// `package.version`, else `workspace.package.version`, of a manifest's text.
fn version_in(text: &str) -> Option<String> {
    // The immutable document: a mutable one would first rewrite every span of a manifest that
    // can be megabytes long, only to read one value.
    let doc = toml_edit::Document::parse(text).ok()?;
    doc.get("package")
        .and_then(|p| p.get("version"))
        .and_then(|v| v.as_str())
        .or_else(|| {
            doc.get("workspace")
                .and_then(|w| w.get("package"))
                .and_then(|p| p.get("version"))
                .and_then(|v| v.as_str())
        })
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo(tags: &[(&str, &str)], ancestors: &[&str]) -> Repo {
        Repo {
            tags: tags
                .iter()
                .map(|(name, commit)| Tag {
                    name: name.to_string(),
                    commit: commit.to_string(),
                    merged: Some(ancestors.contains(commit)),
                })
                .collect(),
            ..Repo::default()
        }
    }

    fn v(text: &str) -> Version {
        Version::parse(text).expect("version")
    }

    #[test]
    fn versions_read_in_one_batch_are_the_ones_read_one_by_one() {
        let temp = tempfile::tempdir().expect("temp dir");
        let dir = temp.path();
        let git = |args: &[&str]| crate::changes::log::tests::git(dir, args);
        git(&["init", "-q"]);
        for (member, manifest) in [
            ("a", "[package]\nname = \"a\"\nversion = \"1.2.0\"\n"),
            ("b", "[package]\nname = \"b\"\nversion.workspace = true\n"),
            ("c", "[workspace.package]\nversion = \"0.3.0\"\n"),
        ] {
            std::fs::create_dir(dir.join(member)).expect("mkdir");
            std::fs::write(dir.join(member).join("Cargo.toml"), manifest).expect("write");
        }
        git(&["add", "-A"]);
        git(&["commit", "-q", "-m", "start"]);
        let commit = git(&["rev-parse", "HEAD"]);
        let paths: Vec<String> = ["a", "b", "c", "gone"]
            .iter()
            .map(|m| format!("{m}/Cargo.toml"))
            .collect();
        let one_by_one: Vec<Option<String>> = paths
            .iter()
            .map(|p| read_version_at(&Git::new(dir), &commit, p))
            .collect();
        prefetch_versions(&Git::new(dir), &commit, || paths.clone());
        let remembered: Vec<Option<String>> = paths
            .iter()
            .map(|p| {
                let key = (dir.to_path_buf(), commit.clone(), p.clone());
                KNOWN_VERSIONS
                    .lock()
                    .expect("lock")
                    .get(&key)
                    .cloned()
                    .expect("read")
            })
            .collect();
        assert_eq!(remembered, one_by_one);
        assert_eq!(
            one_by_one,
            [Some("1.2.0".into()), None, Some("0.3.0".into()), None]
        );
    }

    #[test]
    fn the_format_of_a_tag_is_recognised() {
        assert_eq!(
            format_of("1.0.28", "semver", &v("1.0.28")),
            Some("{version}")
        );
        assert_eq!(
            format_of("knope/v0.4.0", "knope", &v("0.4.0")),
            Some("{name}/v{version}")
        );
        assert_eq!(
            format_of("serde-gen@0.3.1", "serde-gen", &v("0.3.1")),
            Some("{name}@{version}")
        );
        assert_eq!(format_of("v2.0.0", "x", &v("2.0.0")), Some("v{version}"));
        assert_eq!(format_of("v.0.1.4", "x", &v("0.1.4")), Some("v.{version}"));
        assert_eq!(format_of("release-2.0.0", "x", &v("2.0.0")), None);
    }

    #[test]
    fn tag_formats() {
        assert_eq!(tag_version("v1.2.3", "v{version}", "x"), Some(v("1.2.3")));
        assert_eq!(
            tag_version("knope/v0.4.0", "{name}/v{version}", "knope"),
            Some(v("0.4.0"))
        );
        assert_eq!(
            tag_version("cargo-release-0.9.1", "{name}-{version}", "cargo-release"),
            Some(v("0.9.1"))
        );
        assert_eq!(tag_version("v1.2", "v{version}", "x"), None);
        assert_eq!(
            tag_version("other-v1.2.3", "{name}-v{version}", "mine"),
            None
        );
    }

    #[test]
    fn the_newest_ancestor_not_newer_than_the_manifest_wins() {
        let repo = repo(
            &[
                ("v1.0.0", "a"),
                ("v1.1.0", "b"),
                ("v1.2.0", "c"),
                ("v2.0.0", "z"),
                ("v1.1.5", "off-branch"),
            ],
            &["a", "b", "c", "z"],
        );
        // Not newer than 1.2.0: v2.0.0 is skipped even though HEAD contains it.
        assert_eq!(
            last_tag(&repo, "x", None, &v("1.2.0"), false, Bare::Unchecked)
                .and_then(|b| b.tag_name().map(str::to_string)),
            Some("v1.2.0".into())
        );
        // Off-branch tags do not count.
        assert_eq!(
            last_tag(&repo, "x", None, &v("1.1.9"), false, Bare::Unchecked)
                .and_then(|b| b.tag_name().map(str::to_string)),
            Some("v1.1.0".into())
        );
    }

    #[test]
    fn a_lone_crate_takes_its_newest_tag_whatever_the_format() {
        let repo = repo(
            &[("tool-0.11.1", "a"), ("v1.1.4", "b"), ("v1.1.5", "c")],
            &["a", "b", "c"],
        );
        let newest = |bare| {
            last_tag(&repo, "tool", None, &v("1.1.6"), false, bare)
                .and_then(|b| b.tag_name().map(str::to_string))
        };
        assert_eq!(newest(Bare::Sole), Some("v1.1.5".into()));
        // In a workspace, a bare tag may be another crate's: the named one wins …
        assert_eq!(newest(Bare::Unchecked), Some("tool-0.11.1".into()));
        // … and a bare one counts only where the package's manifest held that version.
        let owns_none = |_: &Tag, _: &Version| false;
        let repo = self::repo(&[("v0.4.3", "a")], &["a"]);
        assert_eq!(
            last_tag(
                &repo,
                "config",
                None,
                &v("0.4.3"),
                false,
                Bare::Owned(&owns_none)
            ),
            None
        );
    }

    #[test]
    fn a_tag_of_the_manifest_version_counts_off_the_branch() {
        let repo = repo(&[("v0.11.0", "a"), ("v0.15.1", "release-branch")], &["a"]);
        let base = last_tag(&repo, "x", None, &v("0.15.1"), false, Bare::Sole);
        assert_eq!(
            base.and_then(|b| b.tag_name().map(str::to_string)),
            Some("v0.15.1".into())
        );
        // Off the branch and older than the manifest: not the last release.
        let base = last_tag(&repo, "x", None, &v("0.15.2"), false, Bare::Sole);
        assert_eq!(
            base.and_then(|b| b.tag_name().map(str::to_string)),
            Some("v0.11.0".into())
        );
    }

    #[test]
    fn named_tags_win_over_bare_ones_and_pre_releases_can_be_skipped() {
        let repo = repo(
            &[
                ("v0.9.0", "a"),
                ("core-v0.3.0", "b"),
                ("core-v0.4.0-rc.1", "c"),
            ],
            &["a", "b", "c"],
        );
        let base = last_tag(
            &repo,
            "core",
            None,
            &v("0.4.0-rc.1"),
            false,
            Bare::Unchecked,
        );
        assert_eq!(
            base.and_then(|b| b.tag_name().map(str::to_string)),
            Some("core-v0.4.0-rc.1".into())
        );
        let base = last_tag(&repo, "core", None, &v("0.4.0-rc.1"), true, Bare::Unchecked);
        assert_eq!(
            base.and_then(|b| b.tag_name().map(str::to_string)),
            Some("core-v0.3.0".into())
        );
        // A crate with no named tag falls back to bare versions.
        let base = last_tag(&repo, "other", None, &v("1.0.0"), false, Bare::Unchecked);
        assert_eq!(
            base.and_then(|b| b.tag_name().map(str::to_string)),
            Some("v0.9.0".into())
        );
    }
}
