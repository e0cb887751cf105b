//! The local preflight: everything that can refuse a release before any change, without the
//! network. Rules are judged against the planned versions; the git state must be clean, on an
//! allowed branch, not behind its upstream, and the planned tags must not exist.

use anyhow::Result;

use crate::check::{Stage, check_package};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::cannot_run;
use crate::registry::config::Registry;
use crate::release::Planned;
use crate::release::plan::{Inputs, Plan, Request};

/// What the preflight found: diagnostics to show, and the reasons the release is refused (all
/// of them, so a dry run can list every one after the plan).
pub struct Findings {
    pub diagnostics: Vec<Diagnostic>,
    pub refusals: Vec<String>,
}

/// Judges the rules and the git state a release must not start from. Only a state that makes
/// planning itself impossible (no repository) is an error here.
pub fn local(
    inputs: &Inputs,
    planned: &Planned,
    plan: &Plan,
    request: &Request,
    judge_against: &Registry,
    allow_dirty: bool,
) -> Result<Findings> {
    let mut findings = Findings {
        diagnostics: plan.warnings.clone(),
        refusals: Vec::new(),
    };
    check_rules(
        planned,
        plan,
        request,
        judge_against,
        &mut findings.diagnostics,
    );
    check_git(inputs, plan, request, allow_dirty, &mut findings)?;
    Ok(findings)
}

/// The rules, against the planned versions. A release that does not publish (`--no-publish`,
/// or an unpublished package selected with `-p`) is not refused for what only publishing
/// enforces: those errors become warnings.
fn check_rules(
    planned: &Planned,
    plan: &Plan,
    request: &Request,
    registry: &Registry,
    out: &mut Vec<Diagnostic>,
) {
    if request.no_publish || request.no_commit {
        return;
    }
    let mut reports = Vec::new();
    for release in plan.released.iter().filter(|r| r.publish) {
        let package = &planned.ws.members[release.member];
        let stage = Stage::Preflight {
            planned_version: Some(release.new.clone()),
            new_crate: false,
        };
        reports.push(check_package(
            planned.ws,
            planned.tree,
            package,
            registry,
            &stage,
        ));
    }
    // A root value many members inherit is one finding, not one per member.
    let reports: Vec<&crate::check::PackageReport> = reports.iter().collect();
    out.extend(
        crate::check::shown_once(planned.ws, &reports)
            .into_iter()
            .flatten(),
    );
}

fn check_git(
    inputs: &Inputs,
    plan: &Plan,
    request: &Request,
    allow_dirty: bool,
    findings: &mut Findings,
) -> Result<()> {
    let Some(repo) = inputs.repo else {
        if !request.no_commit {
            return Err(cannot_run(format!(
                "`{}` is not in a git repository: a release commits and tags; use --no-commit to \
                 only edit the files",
                inputs.ws.root_dir.display()
            )));
        }
        return Ok(());
    };
    let refuse = &mut findings.refusals;
    if repo.head.is_none() && plan.commit.is_some() {
        refuse.push(
            "the repository has no commits yet: commit the crate first, then release it".into(),
        );
        return Ok(());
    }
    if !repo.dirty.is_empty() {
        let listed: Vec<&str> = repo.dirty.iter().take(20).map(String::as_str).collect();
        let more = repo.dirty.len().saturating_sub(listed.len());
        let files = format!(
            "{}{}",
            listed.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        );
        if allow_dirty {
            findings.diagnostics.push(
                Diagnostic::new(
                    &crate::check::rules::release::DIRTY_WORKTREE,
                    crate::check::severity(
                        &crate::check::rules::release::DIRTY_WORKTREE,
                        false,
                        &crate::check::Stage::Check,
                    ),
                    format!("uncommitted changes that would be packaged: {files}"),
                )
                .help(
                    "the release commit contains only the files it edits; the rest stays \
                     uncommitted",
                ),
            );
        } else {
            refuse.push(format!(
                "the working tree has uncommitted changes: {files}. Commit or stash them (they \
                 would be packaged), or pass --allow-dirty"
            ));
        }
    }
    if plan.commit.is_none() && plan.resuming.is_none() {
        return Ok(());
    }
    let Some(branch) = &repo.branch else {
        refuse.push(
            "HEAD is detached: check out the branch to release from (a release commit must be \
             pushed to a branch)"
                .into(),
        );
        return Ok(());
    };
    if !inputs.settings.allows_branch(branch) {
        let origin = inputs
            .settings
            .origins
            .get("allow-branch")
            .map_or("[metadata.ship]".to_string(), |o| format!("at {o}"));
        refuse.push(format!(
            "releases are not allowed from branch `{branch}`: `allow-branch` {origin} allows {} \
             (switch to such a branch, or pass --allow-branch '{branch}' to release from this \
             one)",
            inputs.settings.allow_branch.join(", ")
        ));
    }
    if let Some(upstream) = &repo.upstream
        && upstream.behind > 0
    {
        refuse.push(format!(
            "branch `{branch}` is {} commit{} behind `{}` (as of the last fetch): pull first, so \
             the release includes them",
            upstream.behind,
            if upstream.behind == 1 { "" } else { "s" },
            upstream.tracking
        ));
    }
    if plan.resuming.is_none() {
        for tag in &plan.tags {
            if repo.history.tag(&tag.name).is_some() {
                refuse.push(format!(
                    "tag `{}` already exists: that version was released before; choose another \
                     version",
                    tag.name
                ));
            }
        }
    }
    Ok(())
}

/// Whether the findings stop the release.
pub fn has_errors(findings: &Findings) -> bool {
    findings
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error)
}
