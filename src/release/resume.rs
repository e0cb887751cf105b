//! Finishing an interrupted release: when HEAD is the release commit of the current versions
//! and a tag, the upload or the push is missing, a rerun does what is left instead of bumping
//! again.

use anyhow::Result;

use crate::release::plan::{
    self, Inputs, Plan, Publish, Released, Request, current_version, inherits_version, publishable,
    release_set,
};
use crate::settings::render;

/// The crates, among those given, whose version is not in the registry yet.
pub type PendingUploads<'a> = &'a dyn Fn(&[(String, semver::Version)]) -> Result<Vec<String>>;

/// A plan of the remaining steps, or `None` when HEAD is not an unfinished release.
pub fn detect(
    inputs: &Inputs,
    request: &Request,
    pending: Option<PendingUploads>,
) -> Result<Option<Plan>> {
    let Some(repo) = inputs.repo else {
        return Ok(None);
    };
    let (Some(subject), Some(head)) = (&repo.head_subject, &repo.head) else {
        return Ok(None);
    };
    if request.no_commit {
        return Ok(None);
    }
    let ws = inputs.ws;
    let mut released = Vec::new();
    for package in release_set(ws, &inputs.selected) {
        let version = current_version(ws, package)?;
        let shared = inherits_version(ws, package);
        released.push(Released {
            name: package.name.clone(),
            member: ws.member_index(package),
            old: version.clone(),
            tag: Some(plan::tag_name(
                ws,
                package,
                &version,
                &version,
                shared,
                Some(&repo.history),
            )?),
            new: version,
            shared,
            publish: publishable(ws, package, inputs.registry.as_ref())?,
        });
    }
    let crates: Vec<String> = released
        .iter()
        .map(|r| format!("{} v{}", r.name, r.new))
        .collect();
    let first = &released[0];
    let expected = render(
        &inputs.settings.commit_message,
        &first.name,
        &first.new.to_string(),
        &crates.join(", "),
    );
    if *subject != expected {
        return Ok(None);
    }
    // A tag of this release pointing elsewhere means HEAD is not that release.
    for release in &released {
        if let Some(tag) = release.tag.as_ref().and_then(|t| repo.history.tag(t))
            && tag.commit != *head
        {
            return Ok(None);
        }
    }
    let mut plan = Plan::new(released);
    plan::plan_git(inputs, request, &mut plan)?;
    plan.commit = None;
    plan.tags.retain(|t| repo.history.tag(&t.name).is_none());
    let pushed = plan
        .push
        .as_ref()
        .is_some_and(|p| repo.pushed(&p.remote, &p.branch));
    if pushed && plan.tags.is_empty() {
        plan.push = None;
    }
    plan.publish = match plan::plan_publish(inputs, request, &plan) {
        Publish::Crates { names, registry } => {
            let wanted: Vec<(String, semver::Version)> = plan
                .released
                .iter()
                .filter(|r| names.contains(&r.name))
                .map(|r| (r.name.clone(), r.new.clone()))
                .collect();
            let missing = match pending {
                Some(pending) => pending(&wanted)?,
                None => Vec::new(),
            };
            if missing.is_empty() {
                Publish::Skipped("already published".into())
            } else {
                Publish::Crates {
                    names: missing,
                    registry,
                }
            }
        }
        skipped => skipped,
    };
    let mut left = Vec::new();
    if !plan.tags.is_empty() {
        left.push("tag");
    }
    if matches!(plan.publish, Publish::Crates { .. }) {
        left.push("publish");
    }
    if plan.push.is_some() {
        left.push("push");
    }
    if left.is_empty() {
        return Ok(None);
    }
    plan.resuming = Some(format!(
        "HEAD is the release commit \"{expected}\"; finishing what is left: {}",
        left.join(", ")
    ));
    Ok(Some(plan))
}
