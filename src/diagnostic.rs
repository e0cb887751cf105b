//! A finding about a manifest, and its two renderings: rustc-style text with the source line
//! and a caret, and the JSON object of DESIGN.md.

use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;

use crate::workspace::{Loc, Workspace};

/// Who refuses what a rule finds; `check::severity` turns it into a severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enforcer {
    /// cargo refuses before uploading: an error for every registry.
    Cargo,
    /// The crates.io server refuses: an error for crates.io, a warning for other registries.
    Server,
    /// A crates.io default limit it raises per crate on request: a warning, but an error in the
    /// publish preflight of a crate crates.io has not seen yet.
    ServerLimit,
    /// Accepted, but users of the crate are worse off.
    Advice,
    /// About a release rather than a commit: only the release preflight reports it.
    Release,
    /// Needs the registry's index: a note in `check --registry`, an error when publishing.
    Registry,
    /// cargo ship itself cannot release with it: an error everywhere.
    Ship,
    /// Not a finding: why a package is not judged (`check` notes it; `publish` refuses the
    /// package with its own error).
    Skip,
}

/// What `check` can report: a stable id (what users see), who enforces it, a one-line summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    pub enforcer: Enforcer,
    pub summary: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule it reports (its stable kebab-case id is what users see).
    pub rule: &'static Rule,
    pub severity: Severity,
    pub message: String,
    /// Where in which manifest; `None` when it concerns no particular line.
    pub loc: Option<Loc>,
    /// A file (and line) the diagnostic concerns when it is not a manifest value.
    pub file: Option<(PathBuf, Option<usize>)>,
    /// Text under the caret.
    pub label: Option<String>,
    pub help: Option<String>,
}

/// A diagnostic as `--format json` prints it.
#[derive(Debug, Serialize)]
pub struct DiagnosticJson<'a> {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: &'a str,
    pub file: Option<PathBuf>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub help: Option<&'a str>,
}

impl Diagnostic {
    pub fn new(rule: &'static Rule, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity,
            message: message.into(),
            loc: None,
            file: None,
            label: None,
            help: None,
        }
    }

    pub fn at(mut self, loc: Loc) -> Self {
        self.loc = Some(loc);
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The file, line and column (1-based) the diagnostic points at.
    pub fn position(&self, ws: &Workspace) -> (Option<PathBuf>, Option<usize>, Option<usize>) {
        match &self.loc {
            Some(loc) => {
                let manifest = &ws.manifests[loc.manifest];
                let (line, column) = match &loc.span {
                    Some(span) => {
                        let (line, column) = manifest.line_column(span.start);
                        (Some(line), Some(column))
                    }
                    None => (None, None),
                };
                (Some(manifest.path.clone()), line, column)
            }
            None => match &self.file {
                Some((file, line)) => (Some(file.clone()), *line, line.map(|_| 1)),
                None => (None, None, None),
            },
        }
    }

    /// DESIGN.md's diagnostic object (`file` absolute, `line`/`column` 1-based or null).
    pub fn to_json(&self, ws: &Workspace) -> DiagnosticJson<'_> {
        let (file, line, column) = self.position(ws);
        DiagnosticJson {
            rule: self.rule.id,
            severity: self.severity,
            message: &self.message,
            file,
            line,
            column,
            help: self.help.as_deref(),
        }
    }

    /// rustc-style text: `error[rule]: message`, `--> file:line:col`, the line, a caret, help.
    pub fn render(&self, ws: &Workspace, cwd: &Path) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let title = level.primary_title(&self.message).id(self.rule.id);
        let mut group = Group::with_title(title);
        let path_text;
        match &self.loc {
            Some(loc) => {
                let manifest = &ws.manifests[loc.manifest];
                path_text = display_path(&manifest.path, cwd);
                match &loc.span {
                    Some(span) => {
                        let mut annotation = AnnotationKind::Primary.span(span.clone());
                        if let Some(label) = &self.label {
                            annotation = annotation.label(label);
                        }
                        group = group.element(
                            Snippet::source(manifest.text())
                                .path(&path_text)
                                .annotation(annotation),
                        );
                    }
                    None => group = group.element(Origin::path(&path_text)),
                }
            }
            None => {
                if let Some((file, line)) = &self.file {
                    path_text = display_path(file, cwd);
                    let mut origin = Origin::path(&path_text);
                    if let Some(line) = line {
                        origin = origin.line(*line);
                    }
                    group = group.element(origin);
                }
            }
        }
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.message(help));
        }
        Renderer::styled().render(&[group])
    }
}

/// A path as the user typed it: relative to the current directory when below it.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    path.strip_prefix(cwd).unwrap_or(path).display().to_string()
}
