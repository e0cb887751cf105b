//! The JSON document of the commands that change something (DESIGN.md): each crate with the
//! steps that concern it and how each went. `release`, `publish` and `yank` build it; one
//! type, so the three cannot drift apart.

use serde::Serialize;

/// The steps cargo ship reports, in the order a release performs them; the JSON and the
/// resume message name them in lowercase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Step {
    /// The registry's index, read before a yank.
    Index,
    Preflight,
    Edit,
    Hook,
    Commit,
    Tag,
    Publish,
    Push,
    Yank,
    Unyank,
}

impl Step {
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Index => "index",
            Step::Preflight => "preflight",
            Step::Edit => "edit",
            Step::Hook => "hook",
            Step::Commit => "commit",
            Step::Tag => "tag",
            Step::Publish => "publish",
            Step::Push => "push",
            Step::Yank => "yank",
            Step::Unyank => "unyank",
        }
    }
}

impl std::fmt::Display for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Done,
    Skipped,
    Failed,
    Planned,
}

/// `{"packages": [...]}`.
#[derive(Debug, Serialize)]
pub struct StepsReport {
    pub packages: Vec<PackageSteps>,
}

#[derive(Debug, Serialize)]
pub struct PackageSteps {
    pub name: String,
    pub version: String,
    /// The version before a release (releases only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_version: Option<String>,
    pub steps: Vec<StepLine>,
}

#[derive(Debug, Serialize)]
pub struct StepLine {
    pub step: Step,
    pub status: Status,
    pub detail: String,
}

impl StepLine {
    pub fn new(step: Step, status: Status, detail: impl Into<String>) -> Self {
        StepLine {
            step,
            status,
            detail: detail.into(),
        }
    }
}
