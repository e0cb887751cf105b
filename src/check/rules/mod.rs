//! Every rule, one family per file. A rule is a stable id, who enforces it, and a one-line
//! summary (the README's rule list repeats these; a test keeps them in step).

pub mod categories;
pub mod dependencies;
pub mod description;
pub mod features;
pub mod files;
pub mod keywords;
pub mod license;
pub mod manifest;
pub mod name;
pub mod publish;
pub mod registry;
pub mod release;
pub mod settings;
pub mod urls;
pub mod version;

use super::Checker;

// The vocabulary of a finding lives with the finding (`diagnostic`), so the two modules do not
// import each other.
pub use crate::diagnostic::{Enforcer, Rule};

/// Every rule id cargo ship can report.
pub const RULES: &[&Rule] = &[
    &description::MISSING_DESCRIPTION,
    &description::DESCRIPTION_TOO_LONG,
    &license::MISSING_LICENSE,
    &license::INVALID_LICENSE,
    &license::LICENSE_FILE_MISSING,
    &files::README_MISSING,
    &files::NO_TARGETS,
    &name::INVALID_NAME,
    &name::RESERVED_NAME,
    &version::INVALID_VERSION,
    &keywords::TOO_MANY_KEYWORDS,
    &keywords::INVALID_KEYWORD,
    &categories::TOO_MANY_CATEGORIES,
    &categories::INVALID_CATEGORY,
    &urls::INVALID_URL,
    &version::INVALID_RUST_VERSION,
    &version::INVALID_EDITION,
    &dependencies::DEPENDENCY_WITHOUT_VERSION,
    &dependencies::CROSS_REGISTRY_DEPENDENCY,
    &dependencies::WILDCARD_DEPENDENCY,
    &dependencies::TOO_MANY_DEPENDENCIES,
    &features::TOO_MANY_FEATURES,
    &features::INVALID_FEATURE_NAME,
    &publish::PUBLISH_DISABLED,
    &registry::VERSION_ALREADY_PUBLISHED,
    &registry::DEPENDENCY_NOT_IN_REGISTRY,
    &registry::CRATE_TOO_LARGE,
    &manifest::INVALID_MANIFEST,
    &urls::MISSING_REPOSITORY,
    &urls::MISSING_DOCUMENTATION,
    &urls::MISSING_HOMEPAGE,
    &files::MISSING_README,
    &keywords::MISSING_KEYWORDS,
    &categories::MISSING_CATEGORIES,
    &version::MISSING_RUST_VERSION,
    &release::DIRTY_WORKTREE,
    &release::CHANGELOG_MISSING_ENTRY,
    &settings::INVALID_SETTING,
    &settings::SETTING_NOT_HONOURED,
];

/// The rules that judge a manifest (and the files it names), in report order.
pub const MANIFEST_RULES: &[fn(&mut Checker)] = &[
    name::check,
    version::check,
    description::check,
    license::check,
    files::check,
    keywords::check,
    categories::check,
    urls::check,
    dependencies::check,
    features::check,
    settings::check,
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn rule_ids_are_unique_kebab_case() {
        let mut seen = BTreeSet::new();
        for rule in RULES {
            assert!(seen.insert(rule.id), "duplicate rule id {}", rule.id);
            assert!(
                rule.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "not kebab-case: {}",
                rule.id
            );
            assert!(!rule.summary.is_empty(), "{} has no summary", rule.id);
        }
    }

    /// README's rule table says how severe each rule is; the policy in `check::severity` must
    /// say the same (PUBLISH_DISABLED once claimed to be an error and was printed as a note).
    #[test]
    fn the_readme_states_each_rules_severity_as_the_policy_computes_it() {
        use crate::check::{Stage, severity};
        use crate::diagnostic::Severity;
        let readme = include_str!("../../../README.md");
        let preflight = Stage::Preflight {
            planned_version: None,
            new_crate: true,
        };
        for rule in RULES {
            let row = readme
                .lines()
                .find(|l| l.starts_with(&format!("| `{}` |", rule.id)))
                .unwrap_or_else(|| panic!("no README row for {}", rule.id));
            let stated = row.split('|').nth(2).unwrap_or_default().trim();
            let (check, publish) = (
                severity(rule, true, &Stage::Check),
                severity(rule, true, &preflight),
            );
            let agrees = match rule.enforcer {
                Enforcer::Cargo => stated == "error (cargo)",
                Enforcer::Ship => stated == "error (cargo ship)",
                Enforcer::Server => stated.starts_with("error"),
                Enforcer::ServerLimit => stated == "warning; error when publishing a new crate",
                Enforcer::Advice => stated == "warning",
                Enforcer::Release => stated == "warning in the release preflight",
                Enforcer::Registry => stated.contains("error when"),
                Enforcer::Skip => stated.starts_with("skipped in `check`"),
            };
            assert!(agrees, "{}: README says {stated:?}", rule.id);
            let expected = match rule.enforcer {
                Enforcer::Cargo | Enforcer::Server | Enforcer::Ship => {
                    (Severity::Error, Severity::Error)
                }
                Enforcer::ServerLimit => (Severity::Warning, Severity::Error),
                Enforcer::Advice | Enforcer::Release => (Severity::Warning, Severity::Warning),
                Enforcer::Registry => (Severity::Note, Severity::Error),
                Enforcer::Skip => (Severity::Note, Severity::Note),
            };
            assert_eq!((check, publish), expected, "{}", rule.id);
        }
    }

    #[test]
    fn every_rule_is_documented_in_the_readme() {
        let readme = include_str!("../../../README.md");
        for rule in RULES {
            assert!(
                readme.contains(&format!("`{}`", rule.id)),
                "README.md does not document rule `{}`",
                rule.id
            );
        }
    }
}
