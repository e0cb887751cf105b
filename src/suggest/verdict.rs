//! The verdict from the evidence: every reason and note, the change they add up to, and the
//! next version. Pure, so tables drive its tests.

use semver::Version;

use super::next::{at_least, change_to, next_version, pre_release_step};
use super::{Evidence, Reason, Source, Suggestion, describe};
use crate::changes::changelog;
use crate::changes::history::{self, Base};
use crate::version::Change;

/// The verdict from the evidence (pure: the tests drive it with tables): what each source
/// says, strongest first, then the floors that hold whatever the messages say, then the next
/// version they add up to.
pub fn verdict(
    name: &str,
    current: &Version,
    base_version: Option<&Version>,
    current_published: bool,
    base: Base,
    evidence: &Evidence,
) -> Suggestion {
    let mut said = Said::default();
    said.commits(evidence, &base);
    said.changelog(evidence);
    said.api(evidence);
    // Said, never decided: see `changes::msrv`.
    said.notes.extend(evidence.rust_version.iter().cloned());
    said.prepared(current, base_version, current_published, evidence);
    said.floors(evidence);
    let Said { reasons, mut notes } = said;
    let change = reasons
        .iter()
        .map(|r| r.change)
        .max()
        .unwrap_or(Change::None);
    let never_released = base == Base::Start && !current_published;
    let floor = evidence.changelog_version.as_ref().map(|(v, _)| v.clone());
    let (next, required) = if never_released && change != Change::None && current.pre.is_empty() {
        // No tag, no version change, no tag of this version: the manifest's version is the
        // first release.
        (Some(current.clone()), Some(current.clone()))
    } else {
        next_version(current, base_version, change, current_published)
    };
    // Measured from the pre-release itself, the change is the change since it.
    let pre_change = evidence
        .pre_change
        .or((base_version == Some(current)).then_some(change));
    let next = pre_release_step(current, current_published, pre_change, next);
    notes.extend(pre_release_notes(
        current,
        current_published,
        change,
        next.as_ref(),
        evidence,
    ));
    let next = at_least(next, floor.as_ref());
    Suggestion {
        name: name.to_string(),
        current: current.clone(),
        change,
        next,
        required,
        base,
        reasons,
        notes,
        base_version: base_version.cloned(),
        current_published,
        floor,
        pre_change,
    }
}

/// Why a pre-release in the manifest is finished, or continued.
fn pre_release_notes(
    current: &Version,
    current_published: bool,
    change: Change,
    next: Option<&Version>,
    evidence: &Evidence,
) -> Vec<String> {
    let mut notes = Vec::new();
    if next.is_some() && change == Change::None {
        notes.push(format!(
            "nothing changed since the pre-release {current}: a release finishes it"
        ));
    }
    if let Some(files) = first_and_more(&evidence.pre_documentation)
        && next.is_some_and(|n| n.pre.is_empty())
    {
        notes.push(format!(
            "only documentation and tests changed since the pre-release {current} ({files}): \
             the code it tried is the code a release ships, so the release finishes it"
        ));
    }
    if let Some(continued) = next
        && !continued.pre.is_empty()
        && current_published
        && (continued.major, continued.minor, continued.patch)
            == (current.major, current.minor, current.patch)
    {
        notes.push(format!(
            "{continued} continues the pre-releases of {}.{}.{}, since what it ships changed \
             after {current}; `cargo ship release` finishes them instead",
            current.major, current.minor, current.patch
        ));
    }
    notes
}

/// Reasons and notes, as each source adds its own.
#[derive(Default)]
struct Said {
    reasons: Vec<Reason>,
    notes: Vec<String>,
}

impl Said {
    /// Conventional commits, each at its level unless it speaks for another member or changed
    /// only documentation and tests here; the others are counted in a note.
    fn commits(&mut self, evidence: &Evidence, base: &Base) {
        let (reasons, notes) = (&mut self.reasons, &mut self.notes);
        let mut unconventional = 0;
        let mut neutral = 0;
        for commit in &evidence.commits {
            match (&commit.conventional, commit.change()) {
                (None, _) => unconventional += 1,
                (Some(_), Change::None) => neutral += 1,
                (Some(_), change) => reasons.push(match evidence.scoped_elsewhere.get(&commit.id) {
                    Some(member) if change > Change::Fix => Reason {
                        source: Source::Commit,
                        change: Change::Fix,
                        detail: format!(
                            "{} {} (its scope is {member}'s: here it changed files to follow it)",
                            commit.short_id(),
                            commit.subject
                        ),
                    },
                    _ if change > Change::Fix && evidence.documentation_only.contains(&commit.id) => {
                        Reason {
                            source: Source::Commit,
                            change: Change::Fix,
                            detail: format!(
                                "{} {} (here it changed only documentation and tests)",
                                commit.short_id(),
                                commit.subject
                            ),
                        }
                    }
                    _ => Reason {
                        source: Source::Commit,
                        change,
                        detail: format!("{} {}", commit.short_id(), commit.subject),
                    },
                }),
            }
        }
        if unconventional > 0 {
            let since = describe(base);
            notes.push(if unconventional == 1 {
                format!("1 commit since {since} is not a conventional commit: its message says nothing")
            } else {
                format!(
                    "{unconventional} commits since {since} are not conventional commits: their messages say nothing"
                )
            });
        }
        if neutral > 0 {
            notes.push(if neutral == 1 {
                "1 conventional commit (docs, chore, refactor, …) changes nothing for users".into()
            } else {
                format!(
                    "{neutral} conventional commits (docs, chore, refactor, …) change nothing for users"
                )
            });
        }
    }

    /// The changelog's unreleased entries and the pending changesets.
    fn changelog(&mut self, evidence: &Evidence) {
        let (reasons, notes) = (&mut self.reasons, &mut self.notes);
        if let Some((path, entries)) = &evidence.changelog {
            let file = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            for entry in entries {
                let place = match &entry.heading {
                    Some(heading) => format!("{file}:{} {heading}", entry.line),
                    None => format!("{file}:{}", entry.line),
                };
                if !entry.known_heading && entry.change == Change::None {
                    let heading = entry.heading.as_deref().unwrap_or_default();
                    notes.push(format!(
                        "{file}:{}: `{heading}` is not a heading cargo ship knows; not counted",
                        entry.line
                    ));
                    continue;
                }
                if entry.change != Change::None {
                    reasons.push(Reason {
                        source: Source::Changelog,
                        change: entry.change,
                        detail: format!("{place}: {}", entry.text),
                    });
                }
            }
        }
        for changeset in &evidence.changesets {
            if changeset.change != Change::None {
                reasons.push(Reason {
                    source: Source::Changelog,
                    change: changeset.change,
                    detail: format!(
                        "{} {}: {}",
                        changeset.file.display(),
                        changeset.key,
                        changeset.title
                    ),
                });
            }
        }
    }

    /// The API diff, Cargo features and dependencies moved to an incompatible version; with
    /// cargo semver-checks installed, it alone decides what is breaking.
    fn api(&mut self, evidence: &Evidence) {
        let (reasons, notes) = (&mut self.reasons, &mut self.notes);
        match &evidence.semver_checks {
            Some((true, summary)) => reasons.push(Reason {
                source: Source::Api,
                change: Change::Breaking,
                detail: format!("cargo semver-checks: {summary}"),
            }),
            Some((false, _)) => notes.push("cargo semver-checks found no breaking change".into()),
            None => {}
        }
        let semver_checks_decides = evidence.semver_checks.is_some();
        let api_changes = match &evidence.api {
            Some(Ok(changes)) => changes.as_slice(),
            Some(Err(note)) => {
                notes.push(note.clone());
                &[]
            }
            None => &[],
        };
        for change in api_changes.iter().chain(&evidence.features) {
            // With cargo semver-checks installed, it alone decides what is breaking.
            if semver_checks_decides && change.change == Change::Breaking {
                continue;
            }
            // Possibly breaking: said, but the commits and the changelog decide.
            if change.change == Change::None {
                notes.push(change.detail.clone());
                continue;
            }
            reasons.push(Reason {
                source: Source::Api,
                change: change.change,
                detail: change.detail.clone(),
            });
        }
        // See `changes::dependencies`; with cargo semver-checks installed, it decides.
        for change in &evidence.dependencies {
            if change.change == Change::None || semver_checks_decides {
                notes.push(change.detail.clone());
            } else {
                reasons.push(Reason {
                    source: Source::Dependency,
                    change: change.change,
                    detail: change.detail.clone(),
                });
            }
        }
    }

    /// What the maintainer already wrote down: an unreleased version in the manifest, a
    /// changelog section for the next version.
    fn prepared(
        &mut self,
        current: &Version,
        base_version: Option<&Version>,
        current_published: bool,
        evidence: &Evidence,
    ) {
        let reasons = &mut self.reasons;
        // A manifest already holding an unreleased version above the last release (a "prepare
        // release" commit): that version is the floor of the next one.
        if let Some(base_version) = base_version
            && current.pre.is_empty()
            && !current_published
            && history::without_build(current) > history::without_build(base_version)
        {
            reasons.push(Reason {
                source: Source::Manifest,
                change: Change::Fix,
                detail: format!(
                    "the manifest already holds {current}, above the last release {base_version}: \
                     it is not released yet"
                ),
            });
        }
        // A changelog section already written for the next version: what the maintainer chose.
        if let (Some(base_version), Some((declared, line))) =
            (base_version, &evidence.changelog_version)
        {
            let file = evidence
                .changelog
                .as_ref()
                .and_then(|(path, _)| path.file_name())
                .map_or_else(|| changelog::FILE_NAME.into(), |n| n.to_string_lossy());
            reasons.push(Reason {
                source: Source::Changelog,
                change: change_to(base_version, declared),
                detail: format!(
                    "{file}:{line} already has a section for {declared}, above the last release \
                     {base_version}"
                ),
            });
        }
    }

    /// Whatever the messages say, a change to what the package ships is a fix: committed,
    /// uncommitted, or in the dependencies it locks.
    fn floors(&mut self, evidence: &Evidence) {
        let (reasons, notes) = (&mut self.reasons, &mut self.notes);
        // The floor: whatever the messages say, a change to what the package ships is a fix.
        if reasons.is_empty() && !evidence.commits.is_empty() {
            let first = &evidence.commits[0];
            let count = evidence.commits.len();
            reasons.push(Reason {
                source: Source::Files,
                change: Change::Fix,
                detail: format!(
                    "{count} commit{} changed files {} (latest: {} {}{})",
                    if count == 1 { "" } else { "s" },
                    if evidence.group {
                        "its release group ships"
                    } else {
                        "it ships"
                    },
                    first.short_id(),
                    first.subject,
                    first
                        .files
                        .first()
                        .map_or(String::new(), |f| format!(", {f}"))
                ),
            });
        }
        if let Some(files) = first_and_more(&evidence.uncommitted) {
            let what = format!("uncommitted changes to files it ships ({files})");
            if reasons.is_empty() {
                reasons.push(Reason {
                    source: Source::Files,
                    change: Change::Fix,
                    detail: format!(
                        "{what}: not committed yet; a release takes them once they are (or with \
                         --allow-dirty)"
                    ),
                });
            } else {
                notes.push(format!(
                    "{what}: at least a fix; their commit message, not written yet, may say more"
                ));
            }
        }
        if reasons.is_empty()
            && let Some(locked) = &evidence.lockfile
        {
            reasons.push(Reason {
                source: Source::Lockfile,
                change: Change::Fix,
                detail: format!("Cargo.lock, which cargo packages with it, changed: {locked}"),
            });
        }
    }
}

/// `a.rs`, `a.rs and 2 more`: a list of files named in one line.
fn first_and_more(files: &[String]) -> Option<String> {
    let first = files.first()?;
    Some(match files.len() - 1 {
        0 => first.clone(),
        n => format!("{first} and {n} more"),
    })
}

#[cfg(test)]
mod tests {
    use super::super::next::guard;
    use super::*;
    use crate::changes::commits::parse;
    use std::path::PathBuf;

    fn v(text: &str) -> Version {
        Version::parse(text).expect("version")
    }

    /// The base when the current version is tagged: the usual state between releases.
    fn tagged(current: &str) -> Base {
        Base::Tag {
            name: format!("v{current}"),
            commit: "0000000".into(),
            version: v(current),
        }
    }

    fn with_commits(messages: &[&str]) -> Evidence {
        Evidence {
            commits: messages
                .iter()
                .enumerate()
                .map(|(i, m)| parse(&format!("{i:07}abcdef"), m))
                .collect(),
            ..Evidence::default()
        }
    }

    #[test]
    fn cargo_rule_picks_the_next_version() {
        let cases: &[(&str, &[&str], Option<&str>)] = &[
            ("1.4.2", &["fix: a", "feat: b"], Some("1.5.0")),
            ("1.4.2", &["feat!: drop"], Some("2.0.0")),
            // Shipped files changed: a fix, whatever the messages say.
            ("1.4.2", &["docs: words", "Update README"], Some("1.4.3")),
            ("0.3.1", &["feat: b"], Some("0.3.2")),
            ("0.3.1", &["refactor!: api"], Some("0.4.0")),
            ("0.0.4", &["feat!: x"], Some("0.0.5")),
            ("2.0.0", &["perf: faster"], Some("2.0.1")),
        ];
        for (current, messages, next) in cases {
            let s = verdict(
                "x",
                &v(current),
                None,
                true,
                tagged(current),
                &with_commits(messages),
            );
            assert_eq!(
                s.next.map(|v| v.to_string()).as_deref(),
                *next,
                "{current} {messages:?}"
            );
        }
    }

    #[test]
    fn a_prepared_manifest_is_the_floor_even_without_other_evidence() {
        let s = verdict(
            "x",
            &v("1.2.0"),
            Some(&v("1.1.0")),
            false,
            tagged("1.1.0"),
            &Evidence::default(),
        );
        assert_eq!(s.next, Some(v("1.2.0")));
        assert_eq!(s.reasons[0].source, Source::Manifest);
    }

    #[test]
    fn a_crate_never_released_suggests_its_current_version() {
        let s = verdict(
            "x",
            &v("0.1.0"),
            None,
            false,
            Base::Start,
            &with_commits(&["feat: first"]),
        );
        assert_eq!(s.next, Some(v("0.1.0")));
        let tagged = Base::VersionChange {
            commit: "abc".into(),
        };
        let s = verdict(
            "x",
            &v("0.1.0"),
            None,
            false,
            tagged,
            &with_commits(&["feat: first"]),
        );
        assert_eq!(s.next, Some(v("0.1.1")));
    }

    #[test]
    fn the_guard_compares_versions_not_level_names() {
        let breaking = verdict(
            "x",
            &v("1.4.2"),
            None,
            true,
            tagged("1.4.2"),
            &with_commits(&["feat!: drop a flag"]),
        );
        let err = guard(&breaking, &v("1.4.3")).expect_err("under-bump");
        assert!(
            err.contains("need at least 2.0.0") && err.contains("feat!: drop a flag"),
            "{err}"
        );
        assert!(
            guard(&breaking, &v("2.0.0-rc.1")).is_ok(),
            "a pre-release of the required version"
        );
        let feature_on_0x = verdict(
            "x",
            &v("0.3.1"),
            None,
            true,
            tagged("0.3.1"),
            &with_commits(&["feat: more"]),
        );
        assert!(
            guard(&feature_on_0x, &v("0.3.2")).is_ok(),
            "patch on 0.3.1 with a feat is right"
        );
    }

    #[test]
    fn the_changelog_counts_and_unknown_headings_are_noted() {
        let evidence = Evidence {
            changelog: Some((
                PathBuf::from("CHANGELOG.md"),
                changelog::entries(
                    "## [Unreleased]\n### Removed\n- old API\n### Highlights\n- words\n",
                ),
            )),
            ..Evidence::default()
        };
        let s = verdict("x", &v("1.0.0"), None, true, tagged("1.0.0"), &evidence);
        assert_eq!(s.change, Change::Breaking);
        assert_eq!(s.next, Some(v("2.0.0")));
        assert!(
            s.reasons[0]
                .detail
                .starts_with("CHANGELOG.md:3 Removed: old API"),
            "{:?}",
            s.reasons
        );
        assert!(
            s.notes
                .iter()
                .any(|n| n.contains("`Highlights` is not a heading")),
            "{:?}",
            s.notes
        );
    }
}
