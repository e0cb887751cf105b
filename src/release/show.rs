//! Presenting a release: the plan (with diffs in a dry run), and the steps' outcome as JSON.

use std::path::Path;

use crate::diagnostic::display_path;
use crate::git::short;
use crate::release::execute::StepRecord;
use crate::release::plan::{NOTHING_TO_COMMIT, Plan, Publish, SkipReason};
use crate::report::{PackageSteps, Status, Step, StepLine, StepsReport};
use crate::ui::{BOLD, CYAN, GREEN, YELLOW};

/// The steps a run of this plan performs, all `planned` (or `skipped`).
pub fn planned(plan: &Plan, cwd: &Path, verify: bool) -> Vec<StepRecord> {
    let mut records = vec![StepRecord::new(
        Step::Preflight,
        Status::Done,
        if verify {
            "rules against the planned versions, git state, registry checks, cargo package + verify"
        } else {
            "rules against the planned versions, git state; a real run also checks the registry \
             and runs cargo package + verify first"
        },
    )];
    if !plan.edits.is_empty() {
        let files: Vec<String> = plan
            .edits
            .iter()
            .map(|e| display_path(&e.path, cwd))
            .collect();
        records.push(StepRecord::new(
            Step::Edit,
            Status::Planned,
            files.join(", "),
        ));
    }
    for hook in &plan.hooks {
        records.push(
            StepRecord::new(Step::Hook, Status::Planned, hook.args.join(" "))
                .for_crates(vec![hook.crate_name.clone()]),
        );
    }
    if let Some(message) = &plan.commit {
        records.push(if plan.commits_anything() {
            StepRecord::new(Step::Commit, Status::Planned, message.clone())
        } else {
            StepRecord::new(Step::Commit, Status::Skipped, NOTHING_TO_COMMIT.to_string())
        });
    }
    for moved in &plan.tag_moves {
        records.push(StepRecord::new(
            Step::Tag,
            Status::Planned,
            format!("move {} to {}", moved.name, short(&moved.to)),
        ));
    }
    for tag in &plan.tags {
        let crates = plan
            .released
            .iter()
            .filter(|r| r.tag.as_deref() == Some(tag.name.as_str()))
            .map(|r| r.name.clone())
            .collect();
        records
            .push(StepRecord::new(Step::Tag, Status::Planned, tag.name.clone()).for_crates(crates));
    }
    match &plan.publish {
        Publish::Crates { names, registry } => {
            for name in names {
                records.push(
                    StepRecord::new(
                        Step::Publish,
                        Status::Planned,
                        format!("to {}", registry.display_name()),
                    )
                    .for_crates(vec![name.clone()]),
                );
            }
        }
        Publish::Skipped(why) => records.push(StepRecord::new(
            Step::Publish,
            Status::Skipped,
            why.to_string(),
        )),
    }
    if let Some(push) = &plan.push {
        let refs = std::iter::once(push.branch.clone()).chain(push.tags.iter().cloned());
        records.push(StepRecord::new(
            Step::Push,
            Status::Planned,
            format!("{} to {}", refs.collect::<Vec<_>>().join(", "), push.remote),
        ));
    }
    for (step, why) in &plan.skipped {
        records.push(StepRecord::new(*step, Status::Skipped, why.clone()));
    }
    records
}

/// DESIGN.md's release JSON: one entry per released crate with the steps that concern it.
pub fn json(plan: &Plan, records: &[StepRecord]) -> StepsReport {
    let packages = plan
        .released
        .iter()
        .map(|release| PackageSteps {
            name: release.name.clone(),
            version: release.new.to_string(),
            previous_version: Some(release.old.to_string()),
            steps: records
                .iter()
                .filter(|r| r.crates.as_ref().is_none_or(|c| c.contains(&release.name)))
                .map(|r| StepLine::new(r.step, r.status, r.detail.clone()))
                .collect(),
        })
        .collect();
    StepsReport { packages }
}

/// The plan for a person: versions, notes, (diffs), commit, tags, publish, push.
pub fn human(plan: &Plan, cwd: &Path, with_diffs: bool) -> String {
    let mut out = String::new();
    let line = |out: &mut String, style: anstyle::Style, verb: &str, text: &str| {
        out.push_str(&format!("{style}{verb:>12}{style:#} {text}\n"));
    };
    if let Some(resuming) = &plan.resuming {
        line(&mut out, YELLOW, "Resuming", resuming);
    }
    for release in &plan.released {
        let text = if release.old == release.new {
            format!("{BOLD}{} {}{BOLD:#}", release.name, release.new)
        } else {
            format!(
                "{BOLD}{} {} → {}{BOLD:#}",
                release.name, release.old, release.new
            )
        };
        line(&mut out, GREEN, "Release", &text);
    }
    for note in &plan.notes {
        line(&mut out, CYAN, "Note", note);
    }
    if with_diffs {
        for edit in &plan.edits {
            out.push_str(&edit.diff(cwd));
        }
    } else if !plan.edits.is_empty() {
        let files: Vec<String> = plan
            .edits
            .iter()
            .map(|e| display_path(&e.path, cwd))
            .collect();
        line(&mut out, GREEN, "Edit", &files.join(", "));
    }
    for path in &plan.untracked {
        line(
            &mut out,
            CYAN,
            "Note",
            &format!(
                "{} is not tracked by git: edited, not committed",
                display_path(path, cwd)
            ),
        );
    }
    for hook in &plan.hooks {
        line(
            &mut out,
            GREEN,
            "Run hook",
            &format!(
                "{} in {} (pre-release-hook of {}, before the commit; never run by --dry-run)",
                hook.args.join(" "),
                match display_path(&hook.dir, cwd) {
                    dir if dir.is_empty() => ".".to_string(),
                    dir => dir,
                },
                hook.crate_name
            ),
        );
    }
    if plan.commit.is_some() && !plan.commits_anything() {
        line(
            &mut out,
            YELLOW,
            "Skip",
            &format!("{}: {NOTHING_TO_COMMIT}", Step::Commit),
        );
    } else if let Some(message) = &plan.commit {
        let signed = if plan.sign_commit { " (signed)" } else { "" };
        // A release of many crates lists them in the body; the line shows the subject.
        let subject = message.lines().next().unwrap_or_default();
        let body = if subject.len() < message.trim_end().len() {
            format!(" (its body lists all {} crates)", plan.released.len())
        } else {
            String::new()
        };
        line(
            &mut out,
            GREEN,
            "Commit",
            &format!("{subject}{signed}{body}"),
        );
    }
    for moved in &plan.tag_moves {
        line(
            &mut out,
            YELLOW,
            "Move tag",
            &format!(
                "{} from {} (no longer on the branch: rebased or amended) to {} (the commit on \
                 the branch that sets this version)",
                moved.name,
                short(&moved.from),
                short(&moved.to)
            ),
        );
    }
    let many_tags = crate::words::shortened(plan.tags.len());
    if many_tags {
        let names: Vec<String> = plan.tags.iter().map(|t| t.name.clone()).collect();
        let text = format!("{} ({} tags)", crate::words::summary(&names), names.len());
        line(&mut out, GREEN, "Tag", &text);
    }
    for tag in plan.tags.iter().filter(|_| !many_tags) {
        let text = match (tag.message.is_empty(), tag.sign) {
            (true, false) => format!("{} (lightweight)", tag.name),
            (true, true) => format!("{} (signed)", tag.name),
            (false, false) => format!("{} ({})", tag.name, tag.message),
            (false, true) => format!("{} ({}, signed)", tag.name, tag.message),
        };
        line(&mut out, GREEN, "Tag", &text);
    }
    match &plan.publish {
        Publish::Crates { names, registry } => {
            line(
                &mut out,
                GREEN,
                "Publish",
                &format!(
                    "{} to {}",
                    crate::words::summary(names),
                    registry.display_name()
                ),
            );
        }
        Publish::Skipped(why) if *why != SkipReason::Undecided => {
            line(&mut out, YELLOW, "No publish", &why.to_string());
        }
        Publish::Skipped(_) => {}
    }
    if let Some(push) = &plan.push {
        let refs: Vec<String> = std::iter::once(push.branch.clone())
            .chain(push.tags.iter().cloned())
            .collect();
        line(
            &mut out,
            GREEN,
            "Push",
            &format!("{} to {}", crate::words::summary(&refs), push.remote),
        );
    }
    for (step, why) in &plan.skipped {
        line(&mut out, YELLOW, "Skip", &format!("{step}: {why}"));
    }
    out
}
