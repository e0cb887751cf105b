//! A package moves when a workspace dependency moves: a changed dependency needs at least a
//! fix, and one its public API names moving to an incompatible version breaks it.

use std::collections::BTreeMap;

use anyhow::Result;

use super::{Reason, Source, Sources, Suggestion, describe};
use crate::changes::history;
use crate::version::Change;
use crate::workspace::{Package, Workspace};

/// `selected` and the workspace members they depend on (not dev-dependencies), transitively.
pub(super) fn with_workspace_dependencies<'a>(
    ws: &'a Workspace,
    selected: &[&'a Package],
) -> Vec<&'a Package> {
    let mut all: Vec<&Package> = selected.to_vec();
    let mut at = 0;
    while at < all.len() {
        for dep in crate::workspace::workspace_dependencies(ws, all[at]) {
            if !all.iter().any(|p| p.name == dep.name) {
                all.push(dep);
            }
        }
        at += 1;
    }
    all
}

/// A package none of whose own files changed needs a fix when a workspace dependency's shipped
/// files changed since the package's release, even if that dependency was released since and
/// has nothing new of its own: the published package still requires the old one. Measured from
/// the package's release, as the release guard measures it, so the two never disagree. True
/// when it raised one (its dependents then follow).
pub(super) fn raise_for_changed_dependencies(
    sources: &Sources,
    judged: &[&Package],
    by_name: &mut BTreeMap<String, Suggestion>,
) -> Result<bool> {
    let Some(history) = sources.history else {
        return Ok(false);
    };
    let mut raised = false;
    for package in judged {
        let Some(suggestion) = by_name.get_mut(&package.name) else {
            continue;
        };
        if suggestion.change != Change::None || suggestion.base.rev().is_none() {
            continue;
        }
        if let Some((dependency, latest)) = crate::changes::since::changed_dependency(
            sources.ws,
            history,
            suggestion.base.rev(),
            package,
        )? {
            suggestion.raise(Reason {
                source: Source::Dependency,
                change: Change::Fix,
                detail: format!(
                    "{} changed since {} (latest: {} {}): it depends on it",
                    dependency.name,
                    describe(&suggestion.base),
                    latest.short_id(),
                    latest.subject
                ),
            });
            raised = true;
        }
    }
    Ok(raised)
}

/// A package whose workspace dependency changed needs at least a fix (until nothing more
/// changes: dependencies of dependencies count too); one whose public API names a dependency
/// whose next version its requirement no longer admits breaks with it (`changes::dependencies`).
pub(super) fn raise_for_dependencies(
    ws: &Workspace,
    judged: &[&Package],
    by_name: &mut BTreeMap<String, Suggestion>,
) {
    loop {
        let mut raised = false;
        for package in judged {
            let Some(mut suggestion) = by_name.get(&package.name).cloned() else {
                continue;
            };
            let before = (suggestion.change, suggestion.notes.len());
            for dep in package.dependencies(ws).into_iter().flatten() {
                if dep.kind == crate::workspace::DepKind::Dev || dep.path.is_none() {
                    continue;
                }
                let Some(theirs) = by_name.get(dep.crate_name()) else {
                    continue;
                };
                if theirs.change == Change::None || theirs.name == suggestion.name {
                    continue;
                }
                let next = theirs.next.as_ref().map(history::without_build);
                // Only a normal dependency's types can be in the API, and only if it names them.
                let incompatible = match (dep.version, &next) {
                    (Some((req, _)), Some(next))
                        if dep.kind == crate::workspace::DepKind::Normal =>
                    {
                        crate::changes::dependencies::incompatible_upgrade(req, &next.to_string())
                            .then(|| (req.to_string(), next.to_string()))
                    }
                    _ => None,
                }
                .filter(|_| crate::changes::exposed::exposes(ws, package, dep.name));
                if let Some((req, next)) = incompatible {
                    let found = crate::changes::dependencies::verdict(
                        &theirs.name,
                        &req,
                        &next,
                        crate::changes::exposed::ships_binaries(ws, package),
                    );
                    let known = suggestion.notes.contains(&found.detail)
                        || suggestion.reasons.iter().any(|r| r.detail == found.detail);
                    match (known, found.change) {
                        (true, _) => {}
                        (false, Change::None) => suggestion.notes.push(found.detail),
                        (false, change) => suggestion.raise(Reason {
                            source: Source::Dependency,
                            change,
                            detail: found.detail,
                        }),
                    }
                }
                if suggestion.change == Change::None {
                    suggestion.raise(Reason {
                        source: Source::Dependency,
                        change: Change::Fix,
                        detail: format!("{} changed: it depends on it", theirs.name),
                    });
                }
            }
            if (suggestion.change, suggestion.notes.len()) != before {
                by_name.insert(package.name.clone(), suggestion);
                raised = true;
            }
        }
        if !raised {
            return;
        }
    }
}
