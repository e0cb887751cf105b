//! Keep a Changelog files: finding the Unreleased section, reading what it says about the next
//! version, and promoting it to a release (filled from conventional commits when empty).

use std::path::{Path, PathBuf};

use crate::changes::commits::Commit;
use crate::tree::Tree;
use crate::version::Change;
use crate::workspace::{Package, Workspace};

pub const FILE_NAME: &str = "CHANGELOG.md";

/// The names a changelog goes by, in the order they are looked for in a directory: Keep a
/// Changelog's, its other spellings, and `CHANGES.md`.
const NAMES: &[&str] = &[FILE_NAME, "Changelog.md", "changelog.md", "CHANGES.md"];

/// The changelog a package's releases are written in: the one `knope.toml` names for it
/// (none when knope names none or the file does not exist yet: knope's root CHANGELOG.md is
/// its `knope` package's, not knope-config's), else [`find`]'s.
pub fn of(tree: &Tree, ws: &Workspace, package: &Package) -> Option<PathBuf> {
    match crate::settings::knope_changelog(ws, package) {
        Some(named) => named.filter(|path| tree.is_file(path)),
        None => find(tree, &package.dir, &ws.root_dir),
    }
}

/// The changelog that documents a package: its own, else the workspace root's, by any of its
/// [`NAMES`].
fn find(tree: &Tree, package_dir: &Path, root_dir: &Path) -> Option<PathBuf> {
    [package_dir, root_dir]
        .iter()
        .flat_map(|dir| NAMES.iter().map(|name| dir.join(name)))
        .find(|path| tree.is_file(path))
}

/// The Unreleased section of a changelog, as line indices into its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreleased {
    /// The `## [Unreleased]` line.
    pub heading: usize,
    /// The first line after the section (the next heading at its level or above, the link
    /// references, or the end).
    pub end: usize,
    pub bracketed: bool,
    /// How many `#` its heading has: 2 in Keep a Changelog, 1 where releases are `#` headings
    /// (spin's `# Unreleased` … `# [0.10.0] - 2025-03-26`). Release headings are written at
    /// the same level.
    pub depth: usize,
}

/// One entry of the Unreleased section and what it says about the version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The `###` heading it is under, if any.
    pub heading: Option<String>,
    pub text: String,
    /// 1-based line number in the file.
    pub line: usize,
    pub change: Change,
    /// Whether the heading is one we know.
    pub known_heading: bool,
}

/// A Markdown ATX heading's level and title: `### Added` is `(3, "Added")`.
fn heading(line: &str) -> Option<(usize, &str)> {
    let depth = line.bytes().take_while(|&b| b == b'#').count();
    let title = line[depth..].strip_prefix(' ')?;
    (1..=6).contains(&depth).then_some((depth, title))
}

/// The deepest level a release heading is looked for at: `###` (`### Unreleased` above
/// `#### Added`); deeper headings are entries' own.
const RELEASE_DEPTH: usize = 3;

/// Whether `line` is an Unreleased heading (`## [Unreleased]`, `# Unreleased`, `## Unreleased -
/// ReleaseDate`): its brackets and level.
fn is_unreleased_heading(line: &str) -> Option<(bool, usize)> {
    let (depth, title) = heading(line).filter(|(depth, _)| *depth <= RELEASE_DEPTH)?;
    let title = title.trim().to_ascii_lowercase();
    let bracketed = title.starts_with("[unreleased]");
    let plain = title == "unreleased" || title.starts_with("unreleased ");
    (bracketed || plain).then_some((bracketed, depth))
}

fn is_link_reference(line: &str) -> bool {
    line.starts_with('[') && line.contains("]:")
}

/// The first line at or after `from` that ends a section whose heading has `depth` `#`: a
/// heading at that level or above, a release's heading at any level (`## [1.0.0]` under a
/// `# Unreleased`), or the link references.
fn section_end(lines: &[&str], from: usize, depth: usize) -> usize {
    let ends = |line: &str| match heading(line) {
        Some((d, _)) => d <= depth || release_of(line).is_some(),
        None => is_link_reference(line),
    };
    lines[from..]
        .iter()
        .position(|l| ends(l))
        .map_or(lines.len(), |offset| from + offset)
}

/// The Unreleased section: above every release's heading. One left below a release (nonempty
/// 0.12.0 has a stale `## [Unreleased]` under `## 0.11.0`) is history, not the next release.
pub fn unreleased(text: &str) -> Option<Unreleased> {
    let lines: Vec<&str> = text.lines().collect();
    let (heading, (bracketed, depth)) = lines
        .iter()
        .enumerate()
        .take_while(|(_, l)| release_of(l).is_none())
        .find_map(|(i, l)| is_unreleased_heading(l).map(|found| (i, found)))?;
    Some(Unreleased {
        heading,
        end: section_end(&lines, heading + 1, depth),
        bracketed,
        depth,
    })
}

/// The level of the headings that group a section's entries (`### Added` under `## [1.0.0]`),
/// for the section at `depth` spanning `section`: Keep a Changelog's `###` under `##` (knope's
/// `#### A title` under them is an entry of its own); at another level, the section's own
/// shallowest sub-heading (spin's `### Added` under `# [0.10.0]`), else the file's, else one
/// level below.
fn group_depth(lines: &[&str], section: std::ops::Range<usize>, depth: usize) -> usize {
    if depth == 2 {
        return 3;
    }
    let shallowest = |lines: &[&str]| {
        lines
            .iter()
            .filter_map(|l| heading(l.trim()).map(|(d, _)| d))
            .filter(|d| *d > depth)
            .min()
    };
    shallowest(&lines[section])
        .or_else(|| shallowest(lines))
        .unwrap_or(depth + 1)
}

/// What a changelog heading means, in the words Keep a Changelog, git-cliff and release-plz
/// write (emoji, a trailing colon and the `<!-- 0 -->` git-cliff sorts groups by aside:
/// `### <!-- 0 -->🚀 Features`): `Added`/`Features` → feature;
/// `Fixed`/`Fixes`/`Bug Fixes`/`Security`/`Performance`/`Compatibility`/`Revert` → fix (users
/// see a difference, the API does not change: Compatibility is where MSRV and platform changes
/// go); `Removed`/`Breaking`/`Breaking Change(s)` → breaking; `Changed`/`Deprecated` → feature;
/// `Documentation`, `Internal`, `Refactor`, `Styling`, `Testing`, `Miscellaneous Tasks`,
/// `Other` → nothing for users. `None`: unknown heading.
///
/// An entry that says BREAKING is breaking under any heading, known or not: release-plz files
/// a `refactor!` or `chore!` commit under `Other` as `[**breaking**] …`, and a maintainer's
/// explicit mark outweighs where the entry was filed. So is every entry under a heading that
/// says it (cargo-smart-release's `New Features (BREAKING)`, `Refactor (BREAKING)`). Only the
/// statistics cargo-smart-release writes (`Commit Statistics`, `Commit Details`, `Thanks
/// Clippy`) are no entries whatever they quote: they list commit subjects.
fn heading_change(heading: &str, entry: &str) -> Option<Change> {
    if says_breaking(heading) {
        return Some(Change::Breaking);
    }
    let words = heading_words(heading);
    if matches!(
        words.as_str(),
        "commit statistics" | "commit details" | "thanks clippy"
    ) {
        return Some(Change::None);
    }
    if says_breaking(entry) {
        return Some(Change::Breaking);
    }
    // A heading that names several kinds (`Added/Changed/Fixed`, `Changes and fixes`) says the
    // most any of them says; an aside in parentheses qualifies it (tokio's `Added
    // (unstable)`).
    let words = words.split(" (").next().unwrap_or_default();
    let kinds: Vec<Option<Change>> = words
        .split(['/', '&', ','])
        .flat_map(|part| part.split(" and "))
        .map(|part| kind_named(part.trim()))
        .collect();
    if kinds.iter().any(Option::is_none) {
        return kind_named(words);
    }
    kinds.into_iter().flatten().max()
}

/// The kind of change a heading's words name: Keep a Changelog's, git-cliff's and
/// release-plz's, and the synonyms published changelogs use for them (tokio's `Documented`,
/// console's `Enhancements`, rand's `Additions`).
fn kind_named(words: &str) -> Option<Change> {
    Some(match words {
        "added" | "additions" | "features" | "feature" | "new features" | "new" | "changed"
        | "changes" | "enhancements" | "enhancement" | "improvements" | "improved"
        | "deprecated" | "deprecations" => Change::Feature,
        "fixed" | "fixes" | "fix" | "bug fixes" | "bugfixes" | "bug fix" | "bugs"
        | "fixed issues" | "security" | "performance" | "performance improvements"
        | "optimizations" | "optimisations" | "compatibility" | "msrv" | "dependencies"
        | "upgrades" | "revert" | "reverted" => Change::Fix,
        "removed" | "breaking" | "breaking change" | "breaking changes" => Change::Breaking,
        "documentation"
        | "documented"
        | "docs"
        | "doc"
        | "internal"
        | "internal changes"
        | "refactor"
        | "refactoring"
        | "styling"
        | "style"
        | "testing"
        | "tests"
        | "test"
        | "miscellaneous tasks"
        | "miscellaneous"
        | "misc"
        | "house keeping"
        | "housekeeping"
        | "cleanup"
        | "continuous integration"
        | "ci"
        | "build"
        | "chore"
        | "chores"
        | "notable internal changes"
        | "yanked"
        | "thanks"
        | "credit"
        | "credits"
        | "contributors"
        | "new contributors"
        // Changes to APIs behind an unstable flag (tokio's `--cfg tokio_unstable`) promise
        // nothing.
        | "unstable"
        | "other" => Change::None,
        _ => return None,
    })
}

/// A heading's words, lower-cased, without what decorates them: git-cliff's `<!-- 0 -->` sort
/// comment, emoji, a trailing colon (`### <!-- 0 -->🚀 Features:` is `features`).
fn heading_words(heading: &str) -> String {
    let mut heading = heading.trim();
    while let Some((_, after)) = heading
        .strip_prefix("<!--")
        .and_then(|comment| comment.split_once("-->"))
    {
        heading = after.trim_start();
    }
    heading
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_ascii_lowercase()
}

/// Whether an entry says it is breaking: the word in capitals (`BREAKING:`, `**BREAKING**`), a
/// label opening it (`Breaking: …`, `**Breaking change**: …`, `[breaking] …`), or prose that
/// calls it a breaking change or release (toml_edit 0.16.0: "considered high-risk enough to
/// treat as a breaking release"), not negated ("no breaking changes") and not in a code span.
/// The word alone marks nothing: "fixed a bug breaking builds" is a fix.
fn says_breaking(entry: &str) -> bool {
    if entry
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|word| word == "BREAKING")
    {
        return true;
    }
    let prose: String = entry.split('`').step_by(2).collect::<Vec<_>>().join(" ");
    let words: Vec<String> = prose
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let negated = |i: usize| {
        i > 0
            && matches!(
                words[i - 1].as_str(),
                "no" | "non" | "not" | "without" | "avoid" | "avoids" | "avoiding" | "prevent"
            )
    };
    if words.windows(2).enumerate().any(|(i, pair)| {
        pair[0] == "breaking"
            && matches!(pair[1].as_str(), "change" | "changes" | "release")
            && !negated(i)
    }) {
        return true;
    }
    let opening = entry
        .trim_start_matches(|c: char| matches!(c, '*' | '_' | '[' | '(') || c.is_whitespace())
        .to_ascii_lowercase();
    let Some(rest) = opening.strip_prefix("breaking") else {
        return false;
    };
    let rest = rest
        .strip_prefix(" changes")
        .or_else(|| rest.strip_prefix(" change"))
        .unwrap_or(rest);
    rest.starts_with([':', ']', ')', '*', '_', '!'])
        || rest.starts_with(" -")
        || rest.starts_with(" —")
}

/// The entries of the Unreleased section (list items and paragraphs, not headings).
pub fn entries(text: &str) -> Vec<Entry> {
    match unreleased(text) {
        Some(section) => section_entries(text, section.heading, section.end, section.depth),
        None => Vec::new(),
    }
}

/// A section written for a version above the last release before it was made (insta's
/// `## 1.40.0` at the release's parent): the maintainer's own next version, its entries, and
/// the heading's 1-based line. Only the newest versioned section counts.
pub fn prepared(
    text: &str,
    last: &semver::Version,
) -> Option<(semver::Version, Vec<Entry>, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let (at, (depth, version)) = lines
        .iter()
        .enumerate()
        .find_map(|(i, line)| release_of(line).map(|found| (i, found)))?;
    let release = |v: &semver::Version| semver::Version::new(v.major, v.minor, v.patch);
    let newer = (release(&version), version.pre.is_empty()) > (release(last), last.pre.is_empty());
    if !newer {
        return None;
    }
    let end = section_end(&lines, at + 1, depth);
    Some((version, section_entries(text, at, end, depth), at + 1))
}

/// A release's heading, at a level a release is looked for at: its level and version
/// (`## [1.2.0] - 2024-01-01` is `(2, 1.2.0)`).
fn release_of(line: &str) -> Option<(usize, semver::Version)> {
    let (depth, title) = heading(line).filter(|(depth, _)| *depth <= RELEASE_DEPTH)?;
    heading_version(title).map(|version| (depth, version))
}

/// The version a release heading names: `1.40.0`, `[1.2.0] - 2024-01-01`, `v0.3.0 (date)`.
fn heading_version(title: &str) -> Option<semver::Version> {
    let first = title.split_whitespace().next()?;
    let word = first
        .trim_matches(|c| c == '[' || c == ']')
        .trim_start_matches('v');
    semver::Version::parse(word).ok()
}

/// The entries between a section's heading (at `depth`) and `end`.
fn section_entries(text: &str, heading_line: usize, end: usize, depth: usize) -> Vec<Entry> {
    let lines: Vec<&str> = text.lines().collect();
    let groups = group_depth(&lines, heading_line + 1..end, depth);
    let mut heading: Option<String> = None;
    // How far the first item under the current heading is indented: cargo-smart-release
    // writes ` - entry`, Markdown allows up to three spaces before a top-level item.
    let mut item_indent: Option<usize> = None;
    let mut entries = Vec::new();
    for (index, line) in lines[heading_line + 1..end].iter().enumerate() {
        let trimmed = line.trim();
        let sub_heading = self::heading(trimmed);
        if let Some((_, title)) = sub_heading.filter(|(d, _)| *d == groups) {
            heading = Some(title.trim().to_string());
            item_indent = None;
            continue;
        }
        // Only top-level items: continuation lines and nested items belong to the one above.
        // knope and changesets write an entry as a `####` title with paragraphs under it.
        let titled = sub_heading
            .filter(|(d, _)| *d == groups + 1)
            .map(|(_, title)| title);
        let indent = line.len() - line.trim_start().len();
        let is_top_item = (trimmed.starts_with("- ") || trimmed.starts_with("* "))
            && indent <= item_indent.unwrap_or(3);
        if is_top_item {
            item_indent.get_or_insert(indent);
        }
        let is_item = is_top_item || titled.is_some();
        let is_paragraph = sub_heading.is_none()
            && !trimmed.is_empty()
            && !line.starts_with(' ')
            && !trimmed.starts_with("<!--")
            && !is_markup(trimmed);
        if !(is_item || is_paragraph && heading.is_none()) {
            continue;
        }
        let text = without_leading_tags(
            titled
                .unwrap_or_else(|| trimmed.trim_start_matches(['-', '*']))
                .trim(),
        )
        .to_string();
        if says_nothing(&text) {
            continue;
        }
        let (change, known_heading) = match &heading {
            Some(h) => match heading_change(h, &text) {
                Some(change) => (change, true),
                None => (Change::None, false),
            },
            None => (entry_change(&text), true),
        };
        entries.push(Entry {
            heading: heading.clone(),
            text,
            line: heading_line + 1 + index + 1,
            change,
            known_heading,
        });
    }
    entries
}

/// What a section says while it has nothing to say: a placeholder (`Nothing yet.`, `- None`,
/// `_No changes yet._`, a `TODO` where an entry is to go — bumpalo's template has `* TODO (or
/// remove section if none)` under every heading, `Removed` included), where the release
/// stands (insta's `*(unreleased)*`, a `_2024-01-02_` date, bumpalo's `Released YYYY-MM-DD.`)
/// or a rule (`-----`). Not an entry: the section is empty.
fn says_nothing(text: &str) -> bool {
    let bare = text
        .trim_matches(|c: char| "*_()[]`.!:- ".contains(c))
        .to_ascii_lowercase();
    let is_date = |text: &str| {
        text.len() == 10
            && (text.bytes().all(|b| b.is_ascii_digit() || b == b'-') || text == "yyyy-mm-dd")
    };
    let first_word = bare
        .split(|c: char| !c.is_ascii_alphanumeric())
        .next()
        .unwrap_or_default();
    let release_date = bare
        .strip_prefix("released ")
        .is_some_and(|rest| is_date(rest.trim_end_matches('.')));
    bare.is_empty()
        || is_date(&bare)
        || release_date
        || matches!(first_word, "todo" | "tbd" | "fixme")
        || matches!(
            bare.as_str(),
            "none"
                | "nothing"
                | "nothing yet"
                | "nothing so far"
                | "n/a"
                | "tbd"
                | "todo"
                | "no changes"
                | "no changes yet"
                | "no notable changes"
                | "no notable changes yet"
                | "no unreleased changes"
                | "unreleased"
                | "not yet released"
        )
}

/// A line that is only HTML markup (cargo-smart-release's `<csr-id-…/>` anchors, `<details>`):
/// bookkeeping, not an entry.
fn is_markup(line: &str) -> bool {
    line.starts_with('<') && line.ends_with('>')
}

/// An entry's words without the anchors cargo-smart-release opens it with
/// (`<csr-id-d5e4…/> unify API …`).
fn without_leading_tags(text: &str) -> &str {
    let mut rest = text;
    while rest.starts_with('<') {
        match rest.find("/>") {
            Some(end) if !rest[..end].contains([' ', '>']) => rest = rest[end + 2..].trim_start(),
            _ => break,
        }
    }
    rest
}

/// An entry under no heading is still a change users see: breaking when it says so, else a
/// fix. Its first word does not tell a feature: insta's "Added support for numeric keys in
/// JSON which regressed in 0.18.0" and "Added missing parameters" were patch releases, and
/// where the maintainer means a minor the section is headed with that version (the floor,
/// see [`prepared`]). Read as features, such openers lost three releases and won none.
fn entry_change(text: &str) -> Change {
    if says_breaking(text) {
        Change::Breaking
    } else {
        Change::Fix
    }
}

/// The `###` headings a changelog's sections are written under, for each kind of entry: the
/// file's own words where it has them (`Features`/`Fixes`/`Performance`), else Keep a
/// Changelog's (Added / Fixed / Changed).
struct Headings {
    feature: String,
    fix: String,
    perf: String,
    breaking: String,
    /// The `###` they are written with: as many `#` as the file's groups have.
    marker: String,
}

impl Headings {
    fn of(text: &str) -> Self {
        let lines: Vec<&str> = text.lines().collect();
        let groups = match unreleased(text) {
            Some(section) => group_depth(&lines, section.heading + 1..section.end, section.depth),
            None => 3,
        };
        let used: Vec<&str> = lines
            .iter()
            .filter_map(|l| heading(l).filter(|(d, _)| *d == groups))
            .map(|(_, title)| title.trim())
            .collect();
        let pick = |choices: &[&str], default: &str| {
            choices
                .iter()
                .find_map(|choice| {
                    used.iter()
                        .find(|u| heading_words(u) == choice.to_ascii_lowercase())
                        .map(|u| u.to_string())
                })
                .unwrap_or_else(|| default.to_string())
        };
        let fix = pick(&["Fixes", "Fixed", "Bug Fixes"], "Fixed");
        Headings {
            feature: pick(&["Features", "New Features", "Added"], "Added"),
            perf: pick(&["Performance"], &fix),
            breaking: pick(&["Breaking Changes", "Breaking", "Changed"], "Changed"),
            fix,
            marker: "#".repeat(groups),
        }
    }
}

/// The section's entries written from conventional commits, under the headings `text` (the
/// changelog) already uses; breaking ones marked. `None` when no commit says anything for
/// users.
pub fn entries_from_commits(text: &str, commits: &[Commit], newline: &str) -> Option<String> {
    let headings = Headings::of(text);
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    // A pull request's merge repeats its title, which is often its one commit's subject: one
    // entry for the two.
    let mut written: Vec<String> = Vec::new();
    for commit in commits.iter().rev() {
        let Some(c) = &commit.conventional else {
            continue;
        };
        let heading = match c.kind.as_str() {
            "feat" => &headings.feature,
            "fix" => &headings.fix,
            "perf" => &headings.perf,
            _ if c.breaking => &headings.breaking,
            _ => continue,
        };
        let scope = c
            .scope
            .as_ref()
            .map_or(String::new(), |s| format!("**{s}:** "));
        let breaking = if c.breaking { "**BREAKING:** " } else { "" };
        let said = format!("- {breaking}{scope}{}", c.description);
        if written.contains(&said) {
            continue;
        }
        let item = format!("{said} ({})", commit.short_id());
        written.push(said);
        match groups.iter_mut().find(|(title, _)| title == heading) {
            Some((_, items)) => items.push(item),
            None => groups.push((heading.clone(), vec![item])),
        }
    }
    // Features first, then fixes, performance, breaking changes: the usual reading order.
    let rank = |title: &str| {
        [
            &headings.feature,
            &headings.fix,
            &headings.perf,
            &headings.breaking,
        ]
        .iter()
        .position(|h| h.as_str() == title)
        .unwrap_or(4)
    };
    groups.sort_by_key(|(title, _)| rank(title));
    if groups.is_empty() {
        return None;
    }
    let mut out = String::new();
    for (title, items) in &groups {
        out.push_str(&format!("{} {title}{newline}{newline}", headings.marker));
        for item in items {
            out.push_str(item);
            out.push_str(newline);
        }
        out.push_str(newline);
    }
    Some(out)
}

/// The heading of the new release, in the format of the file's last release heading (with or
/// without brackets, date, `v`); Keep a Changelog's `## [X.Y.Z] - date` without one.
fn release_heading(
    lines: &[&str],
    section: &Unreleased,
    version: &str,
    date: &str,
    tag: Option<&str>,
) -> String {
    let marker = "#".repeat(section.depth);
    let keep_a_changelog = || {
        if section.bracketed {
            format!("{marker} [{version}] - {date}")
        } else {
            format!("{marker} {version} - {date}")
        }
    };
    let Some(previous) = lines[section.end..]
        .iter()
        .find(|l| heading(l).is_some_and(|(d, _)| d == section.depth))
    else {
        return keep_a_changelog();
    };
    let old_version = previous
        .split(|c: char| c.is_whitespace() || "[]()".contains(c))
        .map(|word| word.trim_start_matches('v'))
        .find(|word| semver::Version::parse(word).is_ok());
    let Some(old_version) = old_version else {
        return keep_a_changelog();
    };
    // A heading that links its version (release-plz's `## [1.2.0](…/compare/v1.1.0...v1.2.0)`)
    // gets the link of this release when it can be told from the last one's and the tag;
    // otherwise no link rather than a wrong one. The version and date are replaced outside
    // the link (a NUL holds its place).
    let (link, mut heading) = match heading_link(previous) {
        Some((start, url)) => {
            let Some(new_url) =
                tag.and_then(|tag| next_release_url(url, old_version, version, tag))
            else {
                return keep_a_changelog();
            };
            let end = start + url.len();
            if previous[end..].contains("](") {
                // A second link this release would carry unchanged.
                return keep_a_changelog();
            }
            let unlinked = format!("{}\0{}", &previous[..start], &previous[end..]);
            (Some(new_url), unlinked)
        }
        None => (None, previous.to_string()),
    };
    heading = heading.replacen(old_version, version, 1);
    let mut residue = heading.replacen(version, " ", 1);
    if let Some(old_date) = find_date(&heading) {
        heading = heading.replacen(&old_date, date, 1);
        residue = residue.replacen(&old_date, " ", 1);
    }
    // Other words on the last release's heading describe that release, not this one: a date
    // written another way (`## 0.1.1 - May 22 2024`), a `[YANKED]` mark. Copied, they would
    // be wrong; Keep a Changelog's format is written instead.
    let describes_the_last = residue
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| !word.is_empty() && !matches!(word, "v" | "V" | "Version" | "version"));
    if describes_the_last {
        return keep_a_changelog();
    }
    if let Some(url) = link {
        heading = heading.replacen('\0', &url, 1);
    }
    heading
}

/// The URL of a heading's Markdown link (`[1.2.0](URL)`) and where it starts.
fn heading_link(heading: &str) -> Option<(usize, &str)> {
    let start = heading.find("](")? + 2;
    let length = heading[start..].find(')')?;
    Some((start, &heading[start..start + length]))
}

/// The link of the release of `version` tagged `tag`, from the link of the release of
/// `old_version`: a compare link `…/compare/A...B` becomes `…/compare/B...TAG`, a link to the
/// release `…/releases/tag/B` becomes `…/releases/tag/TAG`, when B is the old release's tag
/// in this release's format (B with the version moved on is TAG).
fn next_release_url(url: &str, old_version: &str, version: &str, tag: &str) -> Option<String> {
    let (base, last) = url.rsplit_once('/')?;
    let (range_start, old_tag) = match last.split_once("...") {
        Some((_, old_tag)) => (Some(old_tag), old_tag),
        None => (None, last),
    };
    if old_tag.replacen(old_version, version, 1) != tag {
        return None;
    }
    Some(match range_start {
        Some(old_tag) => format!("{base}/{old_tag}...{tag}"),
        None => format!("{base}/{tag}"),
    })
}

/// The first `YYYY-MM-DD` in `text`.
fn find_date(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|at| {
        let candidate = text.get(at..at + 10)?;
        let shape = candidate.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
        shape.then(|| candidate.to_string())
    })
}

/// The changelog after releasing `version`: the Unreleased section becomes
/// `## [version] - date` under a fresh, empty Unreleased heading, filled from `commits` first
/// when it is empty; compare links are updated when present. `None` without an Unreleased
/// section.
pub fn promote(
    text: &str,
    version: &str,
    date: &str,
    tag: Option<&str>,
    commits: &[Commit],
) -> Option<String> {
    let section = unreleased(text)?;
    let newline = crate::edit::line_ending(text);
    let lines: Vec<&str> = text.lines().collect();
    let title = release_heading(&lines, &section, version, date, tag);
    let body = &lines[section.heading + 1..section.end];
    let body_is_empty =
        section_entries(text, section.heading, section.end, section.depth).is_empty();
    // What an empty section holds is the file's template for the next release (spin's empty
    // `### Added` / `### Changed` / `### Fixed`, a `Nothing yet.`): it stays under Unreleased
    // rather than becoming the release's.
    let template = if body_is_empty {
        let written = body.iter().rposition(|l| !l.trim().is_empty());
        written.map_or(&body[..0], |last| &body[..=last])
    } else {
        &body[..0]
    };
    let mut out: Vec<String> = Vec::with_capacity(lines.len() + 8);
    out.extend(lines[..=section.heading].iter().map(|l| l.to_string()));
    out.extend(template.iter().map(|l| l.to_string()));
    out.push(String::new());
    out.push(title);
    match (body_is_empty, entries_from_commits(text, commits, newline)) {
        (true, Some(generated)) => {
            out.push(String::new());
            out.extend(generated.trim_end().lines().map(str::to_string));
            out.push(String::new());
        }
        (true, None) if !template.is_empty() => out.push(String::new()),
        _ => out.extend(body.iter().map(|l| l.to_string())),
    }
    let rest: Vec<String> = lines[section.end..].iter().map(|l| l.to_string()).collect();
    out.extend(update_links(&rest, version, tag));
    let mut result = out.join(newline);
    if text.ends_with('\n') {
        result.push_str(newline);
    }
    Some(result)
}

/// `[Unreleased]: …/compare/PREV...HEAD` becomes `…/compare/TAG...HEAD`, and
/// `[version]: …/compare/PREV...TAG` is added under it.
fn update_links(lines: &[String], version: &str, tag: Option<&str>) -> Vec<String> {
    let Some(tag) = tag else {
        return lines.to_vec();
    };
    let mut out = Vec::with_capacity(lines.len() + 1);
    for line in lines {
        let lower = line.to_ascii_lowercase();
        if lower.starts_with("[unreleased]:")
            && let Some((base, range)) = line.rsplit_once("/compare/")
            && let Some((previous, head)) = range.split_once("...")
        {
            let url = base.split_once(':').map_or(base, |(_, url)| url).trim();
            out.push(format!("[Unreleased]: {url}/compare/{tag}...{head}"));
            out.push(format!("[{version}]: {url}/compare/{previous}...{tag}"));
            continue;
        }
        out.push(line.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::changes::commits::parse;

    const KEEP_A_CHANGELOG: &str = "# Changelog\n\n## [Unreleased]\n\n### Added\n- A new flag.\n\n### Fixed\n- A crash.\n\n## [1.0.0] - 2026-01-01\n\n### Added\n- Everything.\n\n[Unreleased]: https://github.com/o/r/compare/v1.0.0...HEAD\n[1.0.0]: https://github.com/o/r/releases/tag/v1.0.0\n";

    #[test]
    fn an_entry_is_breaking_when_it_says_so_not_when_it_uses_the_word() {
        for marked in [
            "BREAKING: renamed",
            "**BREAKING** renamed",
            "Renamed `x` (BREAKING)",
            "Breaking: renamed",
            "**Breaking change**: renamed",
            "[breaking] renamed",
            "breaking - renamed",
            "The parser was re-implemented: we treat this as a breaking release",
            "This is a breaking change for users of `Foo`",
        ] {
            assert!(says_breaking(marked), "{marked}");
        }
        for prose in [
            "`suggest` called `S {}` → `S;` breaking",
            "Fixed the bug breaking Diesel builds",
            "Breaking news: nothing",
            "Avoid breaking changes in the parser",
            "No breaking changes",
            "Know the heading `Breaking Change`",
            "`Breaking Change` is a heading cargo ship knows",
        ] {
            assert!(!says_breaking(prose), "{prose}");
        }
    }

    #[test]
    fn promoting_moves_the_entries_under_the_version_and_updates_links() {
        let out = promote(KEEP_A_CHANGELOG, "1.1.0", "2026-11-26", Some("v1.1.0"), &[])
            .expect("promoted");
        assert_eq!(
            out,
            "# Changelog\n\n## [Unreleased]\n\n## [1.1.0] - 2026-11-26\n\n### Added\n- A new flag.\n\n### Fixed\n- A crash.\n\n## [1.0.0] - 2026-01-01\n\n### Added\n- Everything.\n\n[Unreleased]: https://github.com/o/r/compare/v1.1.0...HEAD\n[1.1.0]: https://github.com/o/r/compare/v1.0.0...v1.1.0\n[1.0.0]: https://github.com/o/r/releases/tag/v1.0.0\n"
        );
    }

    /// spin's CHANGELOG.md: releases are `#` headings and their groups `###` ones.
    const LEVEL_ONE: &str = "# Changelog\n\n# Unreleased\n\n### Added\n\n- `Mutex::try_lock_weak`\n\n### Changed\n\n### Fixed\n\n# [0.9.8] - 2023-04-03\n\n### Fixed\n\n- Unsoundness in `Once::try_call_once`\n";

    #[test]
    fn a_changelog_whose_releases_are_level_one_headings_is_read_and_promoted_at_that_level() {
        let found = entries(LEVEL_ONE);
        let said: Vec<(Option<&str>, &str, Change)> = found
            .iter()
            .map(|e| (e.heading.as_deref(), e.text.as_str(), e.change))
            .collect();
        assert_eq!(
            said,
            [(Some("Added"), "`Mutex::try_lock_weak`", Change::Feature)],
            "the section ends at the next `#` release, not at its `###` groups"
        );
        let out = promote(LEVEL_ONE, "0.10.0", "2026-11-26", None, &[]).expect("promoted");
        assert!(
            out.starts_with("# Changelog\n\n# Unreleased\n\n# [0.10.0] - 2026-11-26\n\n### Added\n\n- `Mutex::try_lock_weak`\n"),
            "{out}"
        );
        // Filled from commits, the groups are written at the file's level too.
        let empty = LEVEL_ONE.replace("- `Mutex::try_lock_weak`\n\n", "");
        let commits = vec![parse("1111111111", "feat: weak locks")];
        let out = promote(&empty, "0.10.0", "2026-11-26", None, &commits).expect("promoted");
        assert_eq!(
            out,
            "# Changelog\n\n# Unreleased\n\n### Added\n\n### Changed\n\n### Fixed\n\n# [0.10.0] - 2026-11-26\n\n### Added\n\n- weak locks (1111111)\n\n# [0.9.8] - 2023-04-03\n\n### Fixed\n\n- Unsoundness in `Once::try_call_once`\n",
            "the empty groups stay under Unreleased for the next release"
        );
        // With no commit to fill it from, the release gets its heading and the template stays.
        let out = promote(&empty, "0.10.0", "2026-11-26", None, &[]).expect("promoted");
        assert!(
            out.starts_with("# Changelog\n\n# Unreleased\n\n### Added\n\n### Changed\n\n### Fixed\n\n# [0.10.0] - 2026-11-26\n\n# [0.9.8]"),
            "{out}"
        );
        // A section written ahead for the next version is found at that level as well.
        let ahead = LEVEL_ONE.replace("# Unreleased", "# [0.10.0]");
        let last = semver::Version::new(0, 9, 8);
        let (version, written, line) = prepared(&ahead, &last).expect("a prepared section");
        assert_eq!(
            (version.to_string(), written.len(), line),
            ("0.10.0".into(), 1, 3)
        );
        // Keep a Changelog's levels read as before: `## [Unreleased]` ends at `## [1.0.0]`.
        assert_eq!(entries(KEEP_A_CHANGELOG).len(), 2);
        // The groups are the section's own: a `##` note in an old release changes nothing.
        let noted = format!("{LEVEL_ONE}\n# [0.9.0]\n\n## A note on upgrading\n");
        assert_eq!(entries(&noted)[0].heading.as_deref(), Some("Added"));
        // An Unreleased heading left below a release is no Unreleased section.
        let stale =
            "# Changelog\n\n## 0.12.0\n\n### Added\n- `bincode`\n\n## [Unreleased]\n\n- old\n";
        assert_eq!(unreleased(stale), None);
        assert!(entries(stale).is_empty());
        assert_eq!(promote(stale, "0.12.1", "2026-11-26", None, &[]), None);
        // A release heading ends the section whatever its level.
        let mixed = "# Unreleased\n\n- A fix.\n\n## [1.0.0] - 2026-01-01\n\n### Added\n\n- Old.\n";
        let texts: Vec<String> = entries(mixed).into_iter().map(|e| e.text).collect();
        assert_eq!(texts, ["A fix."]);
    }

    #[test]
    fn an_empty_section_is_filled_from_conventional_commits() {
        let text = "# Changelog\n\n## Unreleased\n\n## 0.1.0 - 2026-01-01\n";
        let commits = vec![
            // The merge of the pull request the fix came in: its title is the fix's subject.
            parse(
                "4444444444",
                "Merge pull request #9 from a/tabs\n\nfix(parser): handle tabs",
            ),
            parse("2222222222", "fix(parser): handle tabs"),
            parse("1111111111", "feat!: new config format"),
            parse("3333333333", "docs: typo"),
        ];
        let out = promote(text, "0.2.0", "2026-11-26", None, &commits).expect("promoted");
        assert_eq!(
            out,
            "# Changelog\n\n## Unreleased\n\n## 0.2.0 - 2026-11-26\n\n### Added\n\n- **BREAKING:** new config format (1111111)\n\n### Fixed\n\n- **parser:** handle tabs (2222222)\n\n## 0.1.0 - 2026-01-01\n"
        );
    }

    #[test]
    fn filling_reuses_the_files_headings_and_release_heading_format() {
        // anstyle's words, insta's date-less headings.
        let text = "# Changelog\n\n## Unreleased\n\n## 1.47.0\n\n### Features\n\n- a\n\n### Fixes\n\n- b\n\n### Performance\n\n- c\n";
        let commits = vec![
            parse("3333333333", "perf: faster diffs"),
            parse("2222222222", "fix: a crash"),
            parse("1111111111", "feat: a flag"),
        ];
        let out = promote(text, "1.48.0", "2026-11-26", None, &commits).expect("promoted");
        assert_eq!(
            out,
            "# Changelog\n\n## Unreleased\n\n## 1.48.0\n\n### Features\n\n- a flag (1111111)\n\n### Fixes\n\n- a crash (2222222)\n\n### Performance\n\n- faster diffs (3333333)\n\n## 1.47.0\n\n### Features\n\n- a\n\n### Fixes\n\n- b\n\n### Performance\n\n- c\n"
        );
        // git-cliff's decorated headings are written as the file writes them.
        let text = "## [Unreleased]\n\n## [1.0.0] - 2026-01-01\n\n### <!-- 0 -->🚀 Features\n\n- a\n\n### <!-- 1 -->🐛 Bug Fixes\n\n- b\n";
        let out = promote(text, "1.1.0", "2026-11-26", None, &commits).expect("promoted");
        assert!(
            out.contains("### <!-- 0 -->🚀 Features\n\n- a flag (1111111)\n\n### <!-- 1 -->🐛 Bug Fixes\n\n- a crash (2222222)\n- faster diffs (3333333)\n"),
            "{out}"
        );
        // A dated, bracketed, v-prefixed format keeps its shape.
        let text = "## [Unreleased]\n\n- x\n\n## [v0.3.1] (2025-01-02)\n";
        let out = promote(text, "0.3.2", "2026-11-26", None, &[]).expect("promoted");
        assert!(out.contains("## [v0.3.2] (2026-11-26)\n"), "{out}");
        for (last, version, written) in [
            // Words that describe the last release are not copied: a date written another
            // way (utoipa's), a `[YANKED]` mark. Keep a Changelog's format is.
            ("## 0.1.1 - May 22 2024", "0.1.2", "## 0.1.2 - 2026-11-26"),
            (
                "## [1.0.0] - 2026-01-01 [YANKED]",
                "1.0.1",
                "## [1.0.1] - 2026-11-26",
            ),
            // A `Version` word is the format's own.
            (
                "## Version 2.0.0 (2026-01-01)",
                "2.0.1",
                "## Version 2.0.1 (2026-11-26)",
            ),
        ] {
            let unreleased = if last.contains('[') {
                "## [Unreleased]"
            } else {
                "## Unreleased"
            };
            let text = format!("{unreleased}\n\n- x\n\n{last}\n");
            let out = promote(&text, version, "2026-11-26", None, &[]).expect("promoted");
            assert!(out.contains(&format!("\n{written}\n")), "{last}: {out}");
        }
        // release-plz links each version to its comparison with the last; the link moves on
        // when the tag is written the same way, and is left out rather than guessed otherwise.
        let text = "## [Unreleased]\n\n- x\n\n## [1.2.0](https://github.com/o/r/compare/v1.1.0...v1.2.0) - 2024-01-01\n";
        let linked = |tag| promote(text, "1.3.0", "2026-11-26", tag, &[]).expect("promoted");
        assert!(
            linked(Some("v1.3.0")).contains(
                "\n## [1.3.0](https://github.com/o/r/compare/v1.2.0...v1.3.0) - 2026-11-26\n"
            ),
            "{}",
            linked(Some("v1.3.0"))
        );
        for tag in [None, Some("r-v1.3.0")] {
            assert!(
                linked(tag).contains("\n## [1.3.0] - 2026-11-26\n"),
                "{}",
                linked(tag)
            );
        }
        let two = "## [Unreleased]\n\n- x\n\n## [1.2.0](https://github.com/o/r/compare/v1.1.0...v1.2.0) ([docs](https://docs.rs/r/1.2.0))\n";
        let out = promote(two, "1.3.0", "2026-11-26", Some("v1.3.0"), &[]).expect("promoted");
        assert!(out.contains("\n## [1.3.0] - 2026-11-26\n"), "{out}");
        let text =
            "## Unreleased\n\n- x\n\n## [1.2.0](https://github.com/o/r/releases/tag/r-v1.2.0)\n";
        let out = promote(text, "1.3.0", "2026-11-26", Some("r-v1.3.0"), &[]).expect("promoted");
        assert!(
            out.contains("\n## [1.3.0](https://github.com/o/r/releases/tag/r-v1.3.0)\n"),
            "{out}"
        );
    }

    #[test]
    fn entries_without_a_heading_are_changes() {
        let found: Vec<(Change, bool)> =
            entries("## Unreleased\n\n- Fixed a crash\n- BREAKING: renamed\n")
                .into_iter()
                .map(|e| (e.change, e.known_heading))
                .collect();
        assert_eq!(found, [(Change::Fix, true), (Change::Breaking, true)]);
        let added: Vec<Change> = entries("## Unreleased\n\n- Added support for numeric keys which regressed\n- New `--check` flag\n")
            .into_iter()
            .map(|e| e.change)
            .collect();
        assert_eq!(added, [Change::Fix, Change::Fix]);
    }

    #[test]
    fn a_placeholder_is_no_entry() {
        for body in [
            "Nothing yet.",
            "- None",
            "_No changes yet._",
            "### Added\n\n- N/A",
            // bumpalo's template: a date to fill in, a TODO under every heading, a rule.
            "Released YYYY-MM-DD.\n\n### Added\n\n* TODO (or remove section if none)\n\n### Removed\n\n* TODO (or remove section if none)\n\n--------------------------------------------------------------------------------",
            "TODO: write the entries",
        ] {
            let text = format!("## [Unreleased]\n\n{body}\n\n## [1.0.0] - 2026-01-01\n");
            assert!(entries(&text).is_empty(), "{body}");
        }
        let text = "## [Unreleased]\n\n- Nothing changed in the parser but its speed\n";
        assert_eq!(entries(text).len(), 1);
        // A word that only starts like a placeholder is an entry.
        let text = "## [Unreleased]\n\n- Todos are kept in order\n- Released builds are smaller\n";
        assert_eq!(entries(text).len(), 2);
    }

    #[test]
    fn a_status_line_is_no_entry() {
        let text = "# Changelog\n\n## 1.19.0\n\n*(unreleased)*\n\n- Removed `backtrace` feature.\n\n## 1.18.2\n\n_2022-08-01_\n\n- Older.\n";
        let (_, entries, _) =
            prepared(text, &semver::Version::new(1, 18, 2)).expect("a prepared section");
        let texts: Vec<&str> = entries.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["Removed `backtrace` feature."]);
    }

    #[test]
    fn a_section_for_an_unreleased_version_is_the_maintainers_next_version() {
        let text = "# Changelog\n\n## 1.40.0\n\n- Added compact snapshots. #514\n\n- Fixed a panic.\n\n## 1.39.0\n\n- Older.\n";
        let last = semver::Version::new(1, 39, 0);
        let (version, entries, line) = prepared(text, &last).expect("a prepared section");
        assert_eq!((version.to_string(), line), ("1.40.0".to_string(), 3));
        let changes: Vec<Change> = entries.iter().map(|e| e.change).collect();
        assert_eq!(changes, [Change::Fix, Change::Fix]);
        // Once released, the section is history.
        assert!(prepared(text, &semver::Version::new(1, 40, 0)).is_none());
        assert!(
            prepared(
                "## [Unreleased]\n\n## [0.2.0] - 2024-01-01\n",
                &semver::Version::new(0, 2, 0)
            )
            .is_none()
        );
        let bracketed = prepared(
            "## [0.3.0] - 2024-02-01\n### Added\n- x\n",
            &semver::Version::new(0, 2, 0),
        );
        assert_eq!(bracketed.map(|p| p.0.to_string()).as_deref(), Some("0.3.0"));
    }

    #[test]
    fn crlf_changelogs_stay_crlf() {
        let text = KEEP_A_CHANGELOG.replace('\n', "\r\n");
        let out = promote(&text, "1.1.0", "2026-11-26", Some("v1.1.0"), &[]).expect("promoted");
        assert!(!out.replace("\r\n", "").contains('\n'), "{out:?}");
    }

    /// Each entry of the Unreleased section as (text, change, whether its heading is known).
    fn read(text: &str) -> Vec<(String, Change, bool)> {
        entries(text)
            .into_iter()
            .map(|e| (e.text, e.change, e.known_heading))
            .collect()
    }

    #[test]
    fn a_cargo_smart_release_changelog_is_read_like_any_other() {
        // gix's CHANGELOG.md as cargo-smart-release writes it: indented items opened by an
        // anchor, `(BREAKING)` headings, and statistics that are no entries.
        let text = "## Unreleased\n\n<csr-id-c548780e6ea49453ecdb45b11bf4c5781b105e6b/>\n\n### New Features\n\n - <csr-id-caa8fb9502906fa47546c26bbeb3c546664ad944/> `Tree::find_entry()` to find an entry.\n   Also, add `detach()`.\n\n### Refactor (BREAKING)\n\n - <csr-id-c548780e6ea49453ecdb45b11bf4c5781b105e6b/> move error structs into `repository`.\n\n### Commit Statistics\n\n<csr-read-only-do-not-edit/>\n\n - 28 commits contributed to the release.\n\n### Commit Details\n\n<csr-read-only-do-not-edit/>\n\n<details><summary>view details</summary>\n\n * **Uncategorized**\n    - Release gix v0.49.0 ([`4aca8c2`](https://github.com/Byron/gitoxide/commit/4aca8c2))\n</details>\n\n## 0.49.0 (2023-07-19)\n";
        let found = read(text);
        assert_eq!(
            found,
            vec![
                (
                    "`Tree::find_entry()` to find an entry.".into(),
                    Change::Feature,
                    true
                ),
                (
                    "move error structs into `repository`.".into(),
                    Change::Breaking,
                    true
                ),
                (
                    "28 commits contributed to the release.".into(),
                    Change::None,
                    true
                ),
                ("**Uncategorized**".into(), Change::None, true),
            ]
        );
        // A heading's own mark, whatever the words before it; a negated one is no mark.
        for (heading, change) in [
            ("Changed (BREAKING)", Change::Breaking),
            ("SLM Removal (BREAKING)", Change::Breaking),
            ("Non-breaking changes", Change::None),
            // The synonyms published changelogs use (tokio, console, rand).
            ("Documented", Change::None),
            ("Unstable", Change::None),
            ("Enhancements", Change::Feature),
            ("Additions", Change::Feature),
            ("Thanks", Change::None),
            // Several kinds in one heading say the most of them; an aside qualifies it.
            ("Added/Changed/Fixed", Change::Feature),
            ("Changes and fixes", Change::Feature),
            ("Fixed (unstable)", Change::Fix),
        ] {
            let text = format!("## Unreleased\n### {heading}\n- x\n");
            assert_eq!(entries(&text)[0].change, change, "{heading}");
        }
    }

    #[test]
    fn headings_say_what_kind_of_change() {
        let text = "## [Unreleased] - ReleaseDate\n### Features\n- x\n### Bug Fixes\n- y\n### Breaking Changes\n- z\n### Changed\n- BREAKING: renamed\n### Deprecated\n- old\n### Security\n- cve\n### Highlights\n- words\n### Breaking Change\n- anstyle upgraded\n### Compatibility\n- MSRV 1.70\n### Performance\n- faster\n### Documentation\n- typo\n### 🚀 Features\n- emoji\n### <!-- 1 -->🐛 Bug Fixes\n- sorted\n### <!-- 7 -->⚙️ Continuous Integration\n- ci\n### ⚙️ Miscellaneous Tasks\n- chores\n### Fixes:\n#### A knope-style title\n\nIts body.\n### Other\n- [**breaking**] drop the old loader\n- update deps\n### Thanks\n- BREAKING: `Config` is gone\n## [0.1.0]\n";
        let found = read(text);
        assert_eq!(
            found,
            vec![
                ("x".into(), Change::Feature, true),
                ("y".into(), Change::Fix, true),
                ("z".into(), Change::Breaking, true),
                ("BREAKING: renamed".into(), Change::Breaking, true),
                ("old".into(), Change::Feature, true),
                ("cve".into(), Change::Fix, true),
                ("words".into(), Change::None, false),
                ("anstyle upgraded".into(), Change::Breaking, true),
                ("MSRV 1.70".into(), Change::Fix, true),
                ("faster".into(), Change::Fix, true),
                ("typo".into(), Change::None, true),
                ("emoji".into(), Change::Feature, true),
                ("sorted".into(), Change::Fix, true),
                ("ci".into(), Change::None, true),
                ("chores".into(), Change::None, true),
                ("A knope-style title".into(), Change::Fix, true),
                // release-plz's mark for a `refactor!` commit, filed under Other.
                (
                    "[**breaking**] drop the old loader".into(),
                    Change::Breaking,
                    true
                ),
                ("update deps".into(), Change::None, true),
                ("BREAKING: `Config` is gone".into(), Change::Breaking, true),
            ]
        );
    }
}
