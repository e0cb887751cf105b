//! Finishing an unfinished release. The state is read from the tags, the remote's tags and the
//! registry's index, never from "HEAD is the release commit" (which `git pull --rebase`, a merge
//! or an amend changes): while a version the manifests hold has a local tag the remote lacks,
//! or is missing from the registry it is published to, a rerun finishes that release and
//! starts no other. A local-only tag left on a commit HEAD no longer contains (the release
//! commit was rebased) moves onto the commit in HEAD that sets that version.

use std::collections::BTreeSet;

use anyhow::Result;
use semver::Version;

use crate::changes::history::{self, without_build};
use crate::error::refused;
use crate::git::short;
use crate::release::plan::{self, Inputs, Plan, Publish, Released, Request, TagMove};
use crate::settings::Settings;
use crate::settings::publishable;
use crate::version::{self, Level};
use crate::workspace::current_version;
use crate::workspace::inherits_version;

/// The crates, among those given, whose version is not in the registry yet.
pub type PendingUploads<'a> = &'a dyn Fn(&[(String, Version)]) -> Result<Vec<String>>;

/// What is known of the push remote's tags.
pub enum RemoteTags {
    /// Listed by the remote itself (`git ls-remote`): a real run.
    Listed(BTreeSet<String>),
    /// Only the remote-tracking branches as of the last fetch: a dry run reads no network.
    Tracking,
}

/// A plan of the remaining steps of an unfinished release, or `None` when there is none.
/// Refuses (exit 1) a command that asks for a different release than the unfinished one.
pub fn detect(
    inputs: &Inputs,
    request: &Request,
    remote: &RemoteTags,
    pending_uploads: Option<PendingUploads>,
) -> Result<Option<Plan>> {
    let Some(repo) = inputs.repo else {
        return Ok(None);
    };
    if request.no_commit || repo.head.is_none() {
        return Ok(None);
    }
    let ws = inputs.ws;
    // The candidates: each package at the version its manifest holds.
    let mut released = Vec::new();
    for package in plan::release_set(ws, &inputs.selected) {
        let version = current_version(ws, package)?;
        let shared = inherits_version(ws, package);
        let settings = Settings::for_package(ws, package)?;
        released.push(Released {
            name: package.name.clone(),
            member: ws.member_index(package),
            old: version.clone(),
            tag: if settings.tag {
                Some(plan::tag_name(
                    ws,
                    package,
                    &settings,
                    (&version, &version),
                    shared,
                    Some(&repo.history),
                    request,
                )?)
            } else {
                None
            },
            new: version,
            shared,
            publish: publishable(ws, package, inputs.registry.as_ref())?,
            settings,
        });
    }
    if released.is_empty() {
        return Ok(None);
    }
    let mut probe = Plan::new(released.clone());
    plan::plan_git(inputs, request, &mut probe)?;
    let push = probe.push.clone();
    // Tags are on the remote releases are pushed to, even when this run does not push.
    let remote_name = push
        .as_ref()
        .map(|p| p.remote.clone())
        .or_else(|| repo.push_remote(inputs.settings.push_remote.as_deref()));

    let mut missing_tags = Vec::new();
    // Tags of this version that the remote lacks: a release that did not get everywhere.
    let mut local_only = Vec::new();
    let mut moves = Vec::new();
    let mut left_behind = Vec::new();
    // The subject the release commit of this version has (the message's first line).
    let release_commit = probe
        .commit
        .as_deref()
        .and_then(|message| message.lines().next())
        .unwrap_or_default()
        .to_string();
    let tracked = match (&remote_name, &remote) {
        (Some(remote), RemoteTags::Tracking) => {
            let commits: Vec<&str> = released
                .iter()
                .filter_map(|r| repo.history.tag(r.tag.as_deref()?))
                .map(|t| t.commit.as_str())
                .collect();
            repo.tracked_by_remote(remote, &commits)
        }
        _ => Default::default(),
    };
    for release in &released {
        let Some(name) = &release.tag else { continue };
        match repo.history.tag(name) {
            None => {
                // Killed between the commit and the tag: the commit in HEAD that sets this
                // version is our release commit, and the tag is missing.
                if !request.no_tag
                    && let Some(commit) = setting_commit(inputs, release)?
                    && repo.subject(&commit)? == release_commit
                {
                    missing_tags.push(name.clone());
                }
            }
            Some(tag) => {
                let on_remote = match (&remote_name, remote) {
                    (None, _) => false,
                    (Some(_), RemoteTags::Listed(names)) => names.contains(name),
                    (Some(_), RemoteTags::Tracking) => tracked.contains(tag.commit.as_str()),
                };
                if on_remote {
                    continue;
                }
                local_only.push(name.clone());
                if !repo.history.is_merged(tag) {
                    match setting_commit(inputs, release)? {
                        Some(to) => moves.push(TagMove {
                            name: name.clone(),
                            from: tag.commit.clone(),
                            to,
                            message: format!("Release {} v{}", release.name, release.new),
                        }),
                        None => left_behind.push((name.clone(), tag.commit.clone(), release)),
                    }
                }
            }
        }
    }
    if let Some((tag, commit, release)) = left_behind.first() {
        return Err(refused(format!(
            "release of {} {} is unfinished: tag `{tag}` is only local and points at {}, which \
             the branch no longer contains, and no commit on the branch sets {} to {}. Either \
             bring the release commit back (`git cherry-pick {}`) and rerun this command, or \
             drop the unfinished release (`git tag -d {tag}`) and release again",
            release.name,
            release.new,
            short(commit),
            release.name,
            release.new,
            short(commit),
        )));
    }
    missing_tags.dedup();
    local_only.dedup();
    let unfinished_tag = |tag: &String| missing_tags.contains(tag) || local_only.contains(tag);

    // The registry, for the crates of those releases: an upload may be what is missing.
    let publish = plan::plan_publish(inputs, request, &probe);
    let uploads = match (&publish, pending_uploads) {
        (Publish::Crates { names, registry }, Some(pending)) => {
            let wanted: Vec<(String, Version)> = released
                .iter()
                .filter(|r| names.contains(&r.name))
                .filter(|r| r.tag.as_ref().is_some_and(unfinished_tag))
                .map(|r| (r.name.clone(), without_build(&r.new)))
                .collect();
            let missing = if wanted.is_empty() {
                Vec::new()
            } else {
                pending(&wanted)?
            };
            (!missing.is_empty()).then(|| Publish::Crates {
                names: missing,
                registry: registry.clone(),
            })
        }
        _ => None,
    };
    // A local-only tag is left to push only when this run pushes.
    let unpushed: Vec<String> = if push.is_some() {
        local_only.clone()
    } else {
        Vec::new()
    };
    if missing_tags.is_empty() && unpushed.is_empty() && uploads.is_none() {
        return Ok(None);
    }

    // Only the crates of the unfinished release take part.
    let unfinished = |r: &Released| {
        r.tag
            .as_ref()
            .is_some_and(|t| missing_tags.contains(t) || unpushed.contains(t))
            || matches!(&uploads, Some(Publish::Crates { names, .. }) if names.contains(&r.name))
    };
    moves.retain(|m| unpushed.contains(&m.name));
    released.retain(unfinished);
    refuse_another_release(inputs, request, &released)?;

    let mut plan = Plan::new(released);
    plan::plan_git(inputs, request, &mut plan)?;
    // The notes of planning a new release do not apply to finishing one.
    plan.notes.clear();
    plan.commit = None;
    plan.tags.retain(|t| missing_tags.contains(&t.name));
    plan.tag_moves = moves;
    if let Some(push) = &mut plan.push {
        push.tags = missing_tags.iter().chain(&unpushed).cloned().collect();
        push.tags.sort();
        push.tags.dedup();
    }
    plan.publish = uploads.unwrap_or(Publish::Skipped(
        crate::release::plan::SkipReason::AlreadyPublished,
    ));
    let mut left = Vec::new();
    if !plan.tag_moves.is_empty() {
        left.push("move tag");
    }
    if !plan.tags.is_empty() {
        left.push("tag");
    }
    if matches!(plan.publish, Publish::Crates { .. }) {
        left.push("publish");
    }
    if plan.push.is_some() {
        left.push("push");
    }
    plan.resuming = Some(format!(
        "release of {} is unfinished ({}); finishing what is left: {}",
        plan::crate_list(&plan.released),
        unfinished_why(&missing_tags, &unpushed, &plan),
        left.join(", ")
    ));
    Ok(Some(plan))
}

/// The commit in HEAD that sets the release's version: where the tag belongs.
fn setting_commit(inputs: &Inputs, release: &Released) -> Result<Option<String>> {
    let Some(repo) = inputs.repo else {
        return Ok(None);
    };
    let package = &inputs.ws.members[release.member];
    let relative = crate::changes::since::version_manifest(inputs.ws, package, &repo.top);
    let relative = relative.as_path();
    let Some(commit) = history::version_set(&repo.git, relative)? else {
        return Ok(None);
    };
    let set = history::version_at(&repo.git, &commit, &relative.display().to_string());
    Ok((set.as_deref() == Some(release.new.to_string().as_str())).then_some(commit))
}

/// A command asking for another version than the unfinished release is refused, with the
/// command that finishes it.
fn refuse_another_release(inputs: &Inputs, request: &Request, released: &[Released]) -> Result<()> {
    if request.exact.is_some() {
        // `auto` releases what is due, and an unfinished release is due first.
        return Ok(());
    }
    let Some(repo) = inputs.repo else {
        return Ok(());
    };
    for release in released {
        let package = &inputs.ws.members[release.member];
        let template = crate::settings::tag_template(inputs.ws, package);
        let previous = history::previous_release(
            &repo.history,
            &package.name,
            template.as_deref(),
            &release.new,
            inputs.ws.members.len() == 1,
        );
        let asked = match (&request.level, &previous) {
            (Level::Exact(version), _) => Some(version.clone()),
            (level, Some(previous)) => version::bump(previous, level, request.pre).ok(),
            (_, None) => None,
        };
        let Some(asked) = asked else { continue };
        if without_build(&asked) == without_build(&release.new) {
            continue;
        }
        let finishing = previous
            .as_ref()
            .and_then(|previous| finishing_level(previous, &release.new))
            .unwrap_or_else(|| release.new.to_string());
        return Err(refused(format!(
            "release of {} {} is unfinished (its tag or upload is missing), and this command asks \
             for {asked} instead. Finish the unfinished release first: `{}`; then run this \
             command again",
            release.name,
            release.new,
            crate::cli::rerun_as(&finishing)
        )));
    }
    Ok(())
}

/// The level word that goes from `previous` to `version`, if one does.
fn finishing_level(previous: &Version, version: &Version) -> Option<String> {
    [Level::Patch, Level::Minor, Level::Major, Level::Release]
        .into_iter()
        .map(|level| (version::bump(previous, &level, None), level))
        .chain(version::PreKind::ALL.map(|kind| {
            (
                version::bump(previous, &Level::Pre(kind), None),
                Level::Pre(kind),
            )
        }))
        .find(|(bumped, _)| bumped.as_ref().is_ok_and(|v| v == version))
        .map(|(_, level)| level.to_string())
}

fn unfinished_why(missing_tags: &[String], unpushed: &[String], plan: &Plan) -> String {
    let mut why = Vec::new();
    if !missing_tags.is_empty() {
        why.push(format!("tag {} missing", missing_tags.join(", ")));
    }
    if !unpushed.is_empty() {
        let remote = plan
            .push
            .as_ref()
            .map_or("the remote", |p| p.remote.as_str());
        why.push(format!("tag {} not on {remote}", unpushed.join(", ")));
    }
    if let Publish::Crates { names, registry } = &plan.publish {
        why.push(format!(
            "{} not in {}",
            names.join(", "),
            registry.display_name()
        ));
    }
    why.join("; ")
}
