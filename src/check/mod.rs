//! Judges each package's manifest as `cargo package` will upload it and collects diagnostics.
//!
//! The rules themselves live in `rules/`, one family per file; this module decides severity
//! (who enforces a rule, for which registry, at which stage) and whether a package is skipped.

pub mod rules;

use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, Severity};
use crate::registry::config::Registry;
use crate::tree::Tree;
use crate::workspace::{FieldError, Package, Workspace};

pub use rules::{Enforcer, RULES, Rule};

/// When the rules run: a plain `check` (a commit), or the preflight of a publish, where a
/// version is planned and crates.io's per-crate limits become errors for a crate it has never
/// seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    Check,
    Preflight {
        planned_version: Option<semver::Version>,
        new_crate: bool,
    },
}

/// Everything the rules of one package may look at.
pub struct Checker<'a> {
    pub ws: &'a Workspace,
    pub tree: &'a Tree,
    pub package: &'a Package,
    pub registry: &'a Registry,
    pub stage: &'a Stage,
    diagnostics: Vec<Diagnostic>,
}

/// The outcome for one package.
#[derive(Debug, Clone)]
pub struct PackageReport {
    pub name: String,
    pub version: Option<String>,
    pub manifest_path: PathBuf,
    /// Why it was not judged (`publish = false`, registry not allowed).
    pub skipped: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

impl PackageReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// How severe a rule's finding is: the one place the enforcer policy lives (README's rule
/// table says the same). `crates_io`: judged for crates.io, whose server rules are errors;
/// elsewhere they are warnings.
pub fn severity(rule: &Rule, crates_io: bool, stage: &Stage) -> Severity {
    match rule.enforcer {
        Enforcer::Cargo | Enforcer::Ship => Severity::Error,
        Enforcer::Server if crates_io => Severity::Error,
        Enforcer::Server => Severity::Warning,
        Enforcer::ServerLimit => match stage {
            Stage::Preflight {
                new_crate: true, ..
            } if crates_io => Severity::Error,
            _ => Severity::Warning,
        },
        Enforcer::Advice | Enforcer::Release => Severity::Warning,
        Enforcer::Registry => match stage {
            Stage::Check => Severity::Note,
            Stage::Preflight { .. } => Severity::Error,
        },
        Enforcer::Skip => Severity::Note,
    }
}

/// One diagnostic per problem, however many packages report it: a value in the workspace root
/// that several members inherit is shown once, with the first member that reports it, its
/// message naming every member (and the root table it comes from). Returns, for each report in
/// order, the diagnostics to show with it.
pub fn shown_once(ws: &Workspace, reports: &[&PackageReport]) -> Vec<Vec<Diagnostic>> {
    let mut seen: Vec<&Diagnostic> = Vec::new();
    let mut out = Vec::new();
    for report in reports {
        let mut shown = Vec::new();
        for diagnostic in &report.diagnostics {
            if seen.contains(&diagnostic) {
                continue;
            }
            seen.push(diagnostic);
            let sharing: Vec<String> = reports
                .iter()
                .filter(|r| r.diagnostics.contains(diagnostic))
                .map(|r| format!("`{}`", r.name))
                .collect();
            let mut diagnostic = diagnostic.clone();
            let in_root = diagnostic.loc.as_ref().is_some_and(|loc| loc.manifest == 0);
            if sharing.len() > 1 && in_root && ws.is_workspace {
                let table = if diagnostic.rule.id.contains("dependency") {
                    "[workspace.dependencies]"
                } else {
                    "[workspace.package]"
                };
                diagnostic.message = format!(
                    "{} (in {table}, inherited by {})",
                    diagnostic.message,
                    crate::words::summary(&sharing)
                );
            }
            shown.push(diagnostic);
        }
        out.push(shown);
    }
    out
}

/// Runs every manifest rule on `package`.
pub fn check_package(
    ws: &Workspace,
    tree: &Tree,
    package: &Package,
    registry: &Registry,
    stage: &Stage,
) -> PackageReport {
    let mut checker = Checker {
        ws,
        tree,
        package,
        registry,
        stage,
        diagnostics: Vec::new(),
    };
    let skipped = rules::publish::skip_reason(&mut checker);
    if skipped.is_none() {
        for run in rules::MANIFEST_RULES {
            run(&mut checker);
        }
    }
    let mut diagnostics = checker.diagnostics;
    diagnostics.dedup();
    PackageReport {
        name: package.name.clone(),
        version: package.version_text(ws).map(str::to_string),
        manifest_path: ws.manifest(package).path.clone(),
        skipped,
        diagnostics,
    }
}

impl Checker<'_> {
    /// A diagnostic for `rule` with the severity this registry and stage give it.
    pub fn diag(&self, rule: &'static Rule, message: impl Into<String>) -> Diagnostic {
        let mut message = message.into();
        let severity = severity(rule, self.registry.is_crates_io, self.stage);
        if rule.enforcer == Enforcer::Server && !self.registry.is_crates_io {
            message.push_str(" (crates.io would refuse this)");
        }
        Diagnostic::new(rule, severity, message)
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Reports a value cargo cannot load.
    pub fn invalid(&mut self, error: FieldError) {
        let diagnostic = self
            .diag(&rules::manifest::INVALID_MANIFEST, error.message)
            .at(error.loc)
            .help("cargo refuses to load this manifest; see https://doc.rust-lang.org/cargo/reference/manifest.html");
        self.push(diagnostic);
    }

    pub fn is_preflight(&self) -> bool {
        matches!(self.stage, Stage::Preflight { .. })
    }
}
