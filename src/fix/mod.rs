//! `check --fix`: fill in what has exactly one right answer, edit manifests without disturbing
//! their formatting, and say what was changed.
//!
//! Fixed: a README that exists but is not named, the repository URL (inherited from
//! `[workspace.package]`, else from the `upstream` or `origin` remote), the license (inherited,
//! else from a single license file whose text is recognised), keyword case. Never invented: a
//! description, a choice between two licenses.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use toml_edit::{DocumentMut, Item, Table, TableLike, Value};

use crate::check::PackageReport;
use crate::edit::FileEdit;
use crate::git::{Git, web_url};
use crate::license_text;
use crate::tree::Tree;
use crate::workspace::{Field, Package, Workspace};

/// The edits `--fix` would make, and what it saw but left to the user.
#[derive(Debug, Default)]
pub struct FixPlan {
    pub edits: Vec<FileEdit>,
    /// One line per change, e.g. "Cargo.toml: repository = \"…\" (from remote `origin`)".
    pub changes: Vec<String>,
    /// Things only the user can decide.
    pub notes: Vec<String>,
}

/// Plans the fixes for the packages whose reports are given.
pub fn plan(
    ws: &Workspace,
    tree: &Tree,
    reports: &[(&Package, &PackageReport)],
    cwd: &Path,
) -> Result<FixPlan> {
    let mut editor = Editor {
        ws,
        docs: BTreeMap::new(),
        plan: FixPlan::default(),
        cwd,
    };
    for (package, report) in reports {
        if report.skipped.is_some() {
            continue;
        }
        let fired = |rule: &str| report.diagnostics.iter().any(|d| d.rule.id == rule);
        if fired("missing-readme") || fired("readme-missing") {
            editor.fix_readme(tree, package)?;
        }
        if fired("missing-repository") {
            editor.fix_repository(package)?;
        }
        if fired("missing-license") {
            editor.fix_license(tree, package)?;
        }
        editor.fix_keyword_case(package)?;
    }
    editor.finish()
}

struct Editor<'a> {
    ws: &'a Workspace,
    /// Edited manifests, by index in `ws.manifests`.
    docs: BTreeMap<usize, DocumentMut>,
    plan: FixPlan,
    cwd: &'a Path,
}

impl Editor<'_> {
    fn doc(&mut self, manifest: usize) -> Result<&mut DocumentMut> {
        match self.docs.entry(manifest) {
            std::collections::btree_map::Entry::Occupied(entry) => Ok(entry.into_mut()),
            std::collections::btree_map::Entry::Vacant(entry) => {
                let parsed: DocumentMut = self.ws.manifests[manifest]
                    .text()
                    .parse()
                    .context("a manifest that parsed once no longer parses")?;
                Ok(entry.insert(parsed))
            }
        }
    }

    fn package_table(&mut self, manifest: usize) -> Result<&mut dyn TableLike> {
        let doc = self.doc(manifest)?;
        let key = if doc.contains_key("package") {
            "package"
        } else {
            "project"
        };
        doc.get_mut(key)
            .and_then(Item::as_table_like_mut)
            .context("[package] disappeared")
    }

    fn change(&mut self, manifest: usize, what: String) {
        let path = crate::diagnostic::display_path(&self.ws.manifests[manifest].path, self.cwd);
        self.plan.changes.push(format!("{path}: {what}"));
    }

    /// Whether `[workspace.package]` defines `key`, so a member can inherit it.
    fn inheritable(&self, key: &str) -> bool {
        self.ws
            .inheritable_package()
            .is_some_and(|wp| wp.contains_key(key))
    }

    /// Writes `<key>.workspace = true`, dotted when the manifest already writes inheritance
    /// that way, else as an inline table.
    fn inherit(&mut self, package: &Package, key: &str) -> Result<()> {
        let dotted = self.ws.manifests[package.manifest]
            .package()
            .is_some_and(|p| {
                p.iter()
                    .any(|(_, item)| item.as_table().is_some_and(Table::is_dotted))
            });
        let mut flag = Table::new();
        flag.insert("workspace", toml_edit::value(true));
        let item = if dotted {
            flag.set_dotted(true);
            Item::Table(flag)
        } else {
            Item::Value(Value::InlineTable(flag.into_inline_table()))
        };
        self.package_table(package.manifest)?.insert(key, item);
        self.change(
            package.manifest,
            format!("{key}.workspace = true (inherited from [workspace.package])"),
        );
        Ok(())
    }

    fn fix_readme(&mut self, tree: &Tree, package: &Package) -> Result<()> {
        if let Ok(Field::Present {
            inherited: true, ..
        }) = package.field(self.ws, "readme")
        {
            return Ok(());
        }
        let candidates: Vec<String> = tree
            .file_names(&package.dir)
            .into_iter()
            .filter(|name| name.to_ascii_lowercase().starts_with("readme"))
            .collect();
        match candidates.as_slice() {
            [one] => self.set_own(package, "readme", one, "the README file next to Cargo.toml"),
            [] => Ok(()),
            many => {
                self.plan.notes.push(format!(
                    "package `{}`: several README files ({}); set `readme` to the one crates.io should show",
                    package.name,
                    many.join(", ")
                ));
                Ok(())
            }
        }
    }

    /// Sets `package.<key>` in the member's own manifest (never inherited).
    fn set_own(&mut self, package: &Package, key: &str, value: &str, why: &str) -> Result<()> {
        let table = self.package_table(package.manifest)?;
        match table.get_mut(key).and_then(Item::as_value_mut) {
            Some(existing) => {
                let decor = existing.decor().clone();
                *existing = Value::from(value);
                *existing.decor_mut() = decor;
            }
            None => {
                table.insert(key, toml_edit::value(value));
            }
        }
        self.change(package.manifest, format!("{key} = \"{value}\" ({why})"));
        Ok(())
    }

    fn fix_repository(&mut self, package: &Package) -> Result<()> {
        if self.inheritable("repository") {
            return self.inherit(package, "repository");
        }
        let git = Git::new(&package.dir);
        for remote in ["upstream", "origin"] {
            if let Some(url) = git.remote_url(remote).as_deref().and_then(web_url) {
                let why = format!("from git remote `{remote}`; check it is not a fork's URL");
                return self.set_own(package, "repository", &url, &why);
            }
        }
        Ok(())
    }

    fn fix_license(&mut self, tree: &Tree, package: &Package) -> Result<()> {
        if self.inheritable("license") {
            return self.inherit(package, "license");
        }
        let files = license_text::license_files(tree, &package.dir);
        let mut identified = Vec::new();
        for name in &files {
            let text = tree.read(&package.dir.join(name))?.unwrap_or_default();
            identified.push((name.clone(), license_text::identify(&text)));
        }
        match identified.as_slice() {
            [(name, Some(found))] if found.unambiguous => {
                let why = format!("the text of {name}");
                let id = found.id.clone();
                self.set_own(package, "license", &id, &why)
            }
            [(name, Some(found))] => {
                self.plan.notes.push(format!(
                    "package `{}`: {name} is a {} text; the text does not say whether it is \"-only\" or \"-or-later\": set `license` yourself",
                    package.name, found.id
                ));
                Ok(())
            }
            [] => Ok(()),
            several => {
                let ids: Vec<&str> = several
                    .iter()
                    .filter_map(|(_, found)| found.as_ref().map(|f| f.id.as_str()))
                    .collect();
                let names: Vec<&str> = several.iter().map(|(name, _)| name.as_str()).collect();
                let suggestion = if ids.len() == several.len() {
                    format!(
                        ", e.g. `license = \"{}\"` if users may choose",
                        ids.join(" OR ")
                    )
                } else {
                    String::new()
                };
                self.plan.notes.push(format!(
                    "package `{}`: several license files ({}); which applies is your legal choice{suggestion}",
                    package.name,
                    names.join(", ")
                ));
                Ok(())
            }
        }
    }

    fn fix_keyword_case(&mut self, package: &Package) -> Result<()> {
        let Ok(Field::Present { item, loc, .. }) = package.field(self.ws, "keywords") else {
            return Ok(());
        };
        let Some(keywords) = crate::workspace::string_array(item) else {
            return Ok(());
        };
        if keywords.iter().all(|k| k.to_lowercase() == *k) {
            return Ok(());
        }
        // Inherited keywords are fixed where they are written: [workspace.package].
        let manifest = loc.manifest;
        let doc = self.doc(manifest)?;
        let table = if manifest == package.manifest {
            let key = if doc.contains_key("package") {
                "package"
            } else {
                "project"
            };
            doc.get_mut(key).and_then(Item::as_table_like_mut)
        } else {
            doc.get_mut("workspace")
                .and_then(Item::as_table_like_mut)
                .and_then(|w| w.get_mut("package"))
                .and_then(Item::as_table_like_mut)
        };
        let Some(array) = table
            .and_then(|t| t.get_mut("keywords"))
            .and_then(Item::as_array_mut)
        else {
            return Ok(());
        };
        let mut changed = Vec::new();
        for value in array.iter_mut() {
            if let Some(text) = value.as_str().filter(|t| t.to_lowercase() != *t) {
                let lower = text.to_lowercase();
                changed.push(format!("`{text}` → `{lower}`"));
                let decor = value.decor().clone();
                *value = Value::from(lower);
                *value.decor_mut() = decor;
            }
        }
        if !changed.is_empty() && !self.plan.changes.iter().any(|c| c.contains(&changed[0])) {
            self.change(
                manifest,
                format!(
                    "keywords lower-cased ({}; crates.io stores them in lower case)",
                    changed.join(", ")
                ),
            );
        }
        Ok(())
    }

    fn finish(mut self) -> Result<FixPlan> {
        for (manifest, doc) in std::mem::take(&mut self.docs) {
            let old = self.ws.manifests[manifest].text().to_string();
            let new = crate::edit::match_line_endings(&old, doc.to_string());
            if new != old {
                self.plan.edits.push(FileEdit {
                    path: self.ws.manifests[manifest].path.clone(),
                    old,
                    new,
                });
            }
        }
        Ok(self.plan)
    }
}
