//! Packages released together: one version from the changes of all of them.

use std::collections::BTreeMap;

use anyhow::Result;
use semver::Version;

use super::base::manifest_version_at;
use super::{Reason, Source, Sources, Suggestion};
use crate::changes::history::{self, Base};
use crate::workspace::Package;

/// The packages released together with `package`: every member inheriting the workspace
/// version; the members whose last release is the same name-less tag at the same version
/// (`since` a name-less tag, the members whose manifests held its version there); else
/// `package` alone.
pub fn release_group<'a>(
    sources: &Sources<'a>,
    package: &'a Package,
    since: Option<&str>,
) -> Result<Vec<&'a Package>> {
    let ws = sources.ws;
    if crate::workspace::inherits_version(ws, package) {
        return Ok(crate::workspace::shared_version_members(ws));
    }
    let Some(history) = sources.history.filter(|_| ws.members.len() > 1) else {
        return Ok(vec![package]);
    };
    let key = |member: &Package| -> Result<Option<(String, Version)>> {
        let current = crate::workspace::current_version(ws, member)?;
        let released_at = match since {
            // Its manifest held the tag's version there, and no tag of its own marks that
            // version (anstyle-git 0.2.3 had `anstyle-git-v0.2.3` beside anstyle's `v0.2.3`).
            Some(rev) => Version::parse(rev.trim_start_matches('v'))
                .ok()
                .filter(|tagged| {
                    manifest_version_at(sources, member, rev)
                        .is_some_and(|held| history::without_build(&held) == *tagged)
                })
                .filter(|tagged| {
                    let template = crate::settings::tag_template(ws, member);
                    history::find_own_tag(history.tags, &member.name, template.as_deref(), tagged)
                        .is_none()
                })
                .map(|_| rev.to_string()),
            None => match crate::changes::since::last_release(
                ws,
                history,
                member,
                &current,
                !current.pre.is_empty(),
            )? {
                Base::Tag { name, version, .. }
                    if history::format_of(&name, &member.name, &version)
                        .is_some_and(|f| !f.contains("{name}")) =>
                {
                    Some(name)
                }
                _ => None,
            },
        };
        Ok(released_at.map(|tag| (tag, history::without_build(&current))))
    };
    let Some(mine) = key(package)? else {
        return Ok(vec![package]);
    };
    let mut group = vec![package];
    for member in &ws.members {
        // Equal versions first: reading another member's release costs git calls, and in a
        // workspace of hundreds most members hold other versions.
        let same_version = crate::workspace::current_version(ws, member)
            .is_ok_and(|v| history::without_build(&v) == mine.1);
        if member.name != package.name
            && same_version
            && !crate::workspace::inherits_version(ws, member)
            && key(member)?.as_ref() == Some(&mine)
        {
            group.push(member);
        }
    }
    Ok(group)
}

/// Members released together have one version: a dependency that raised one of them (`b`
/// depends on `c`, `a` does not, both inherit the workspace version) raises all, the reason
/// saying through whom. True when it raised one.
pub(super) fn share_within_groups(
    groups: &[Vec<String>],
    by_name: &mut BTreeMap<String, Suggestion>,
) -> bool {
    let mut raised = false;
    for group in groups {
        let Some(strongest) = group
            .iter()
            .filter_map(|name| by_name.get(name))
            .max_by_key(|s| s.change)
            .cloned()
        else {
            continue;
        };
        for name in group {
            let Some(mine) = by_name.get_mut(name) else {
                continue;
            };
            let before = mine.change;
            if before >= strongest.change {
                continue;
            }
            for reason in strongest
                .reasons
                .iter()
                .filter(|r| r.source == Source::Dependency)
            {
                mine.raise(Reason {
                    detail: format!("{} (released with it): {}", strongest.name, reason.detail),
                    ..reason.clone()
                });
            }
            raised |= mine.change > before;
        }
    }
    raised
}
