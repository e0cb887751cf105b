//! cargo-release's `pre-release-replacements`: regex search and replace in the released
//! crates' files, planned as ordinary edits (so the dry run shows them as diffs and the
//! journal covers them), with the match counts checked before anything changes.

use std::path::PathBuf;

use anyhow::Result;

use crate::edit::FileEdit;
use crate::error::refused;
use crate::release::plan::{Inputs, Plan};
use crate::settings::Settings;
use crate::settings::template::{Vars, fill_cargo_release};

/// The files the released crates' replacements edit: our own changelog promotion leaves them
/// to the project's replacements, which already describe how its changelog moves.
pub fn targets(inputs: &Inputs, plan: &Plan) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for release in &plan.released {
        let package = &inputs.ws.members[release.member];
        for replacement in applicable(&release.settings, &release.new) {
            files.push(package.dir.join(&replacement.file));
        }
    }
    Ok(files)
}

fn applicable<'s>(
    settings: &'s Settings,
    new: &semver::Version,
) -> impl Iterator<Item = &'s crate::settings::Replacement> {
    settings
        .replacements
        .iter()
        .filter(move |r| new.pre.is_empty() || r.prerelease)
}

/// Applies every released crate's replacements over the planned texts, in release order.
pub fn plan_replacements(inputs: &Inputs, plan: &mut Plan) -> Result<()> {
    let ws = inputs.ws;
    for index in 0..plan.released.len() {
        let release = plan.released[index].clone();
        let package = &ws.members[release.member];
        let settings = &release.settings;
        let repository = package
            .str_field(ws, "repository")
            .ok()
            .flatten()
            .map(|(text, _, _)| text);
        let mut vars = Vars::new()
            .release(&release.name, &release.old, &release.new)
            .set("prefix", settings.tag_prefix.clone().unwrap_or_default())
            .set("date", inputs.today.as_str());
        // Without a value a placeholder stays as written, as cargo-release leaves it: a
        // compare link is not silently cut to `/compare/…`.
        if let Some(tag) = &release.tag {
            vars = vars.set("tag_name", tag.clone());
        }
        if let Some(repository) = repository {
            vars = vars.set("repository", repository);
        }
        for replacement in applicable(settings, &release.new) {
            let path = package.dir.join(&replacement.file);
            let current = match plan.edits.iter().find(|e| e.path == path) {
                Some(edit) => edit.new.clone(),
                None => inputs.tree.read(&path)?.ok_or_else(|| {
                    refused(format!(
                        "`pre-release-replacements` at {} names `{}`, which does not exist",
                        replacement.origin,
                        path.display()
                    ))
                })?,
            };
            let found = replacement.search.find_iter(&current).count();
            let (low, high) = match (replacement.exactly, replacement.min, replacement.max) {
                (Some(exactly), _, _) => (exactly, Some(exactly)),
                (None, min, max) => (min.unwrap_or(1), max),
            };
            if found < low || high.is_some_and(|high| found > high) {
                let wanted = match (low, high) {
                    (low, Some(high)) if low == high => format!("exactly {low}"),
                    (low, Some(high)) => format!("{low} to {high}"),
                    (low, None) => format!("at least {low}"),
                };
                return Err(refused(format!(
                    "`pre-release-replacements` at {}: `{}` matches {found} time{} in `{}`, \
                     {wanted} expected; the file may already be prepared for this release, or \
                     the setting no longer fits it",
                    replacement.origin,
                    replacement.search.as_str(),
                    if found == 1 { "" } else { "s" },
                    path.display()
                )));
            }
            let replaced = replacement
                .search
                .replace_all(
                    &current,
                    fill_cargo_release(&replacement.replace, &vars).as_str(),
                )
                .into_owned();
            match plan.edits.iter_mut().find(|e| e.path == path) {
                Some(edit) => edit.new = replaced,
                None if replaced != current => plan.edits.push(FileEdit {
                    path,
                    old: current,
                    new: replaced,
                }),
                None => {}
            }
        }
    }
    Ok(())
}
