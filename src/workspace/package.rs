//! One member's manifest read the way `cargo package` will normalize it: inherited fields
//! resolved from `[workspace.package]`, dependencies merged with `[workspace.dependencies]`.
//! Each value keeps its location, so a diagnostic points where the user must edit it.

use std::path::{Path, PathBuf};

use toml_edit::{Item, TableLike, Value};

use super::Workspace;
use super::manifest::{Loc, Manifest, key_span, table_span};

#[derive(Debug, Clone)]
pub struct Package {
    /// Index of its manifest in [`Workspace::manifests`].
    pub manifest: usize,
    /// `package.name` (empty when absent or not a string; the rules report it).
    pub name: String,
    /// The directory holding its Cargo.toml.
    pub dir: PathBuf,
}

/// A `[package]` field after inheritance.
#[derive(Debug, Clone)]
pub enum Field<'a> {
    Absent,
    Present {
        item: &'a Item,
        /// Where the value is written: the member's manifest, or the workspace root's
        /// `[workspace.package]` for an inherited one.
        loc: Loc,
        inherited: bool,
    },
}

/// A value cargo cannot load (wrong type, inheritance that cannot be resolved).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub loc: Loc,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DepKind {
    Normal,
    Build,
    Dev,
}

impl DepKind {
    pub fn table_name(self) -> &'static str {
        match self {
            DepKind::Normal => "dependencies",
            DepKind::Build => "build-dependencies",
            DepKind::Dev => "dev-dependencies",
        }
    }
}

/// A dependency as it will be packaged, merged with its `[workspace.dependencies]` entry.
#[derive(Debug, Clone)]
pub struct Dep<'a> {
    /// The key in the dependency table (the name the code uses).
    pub name: &'a str,
    pub kind: DepKind,
    /// The `cfg(…)` or triple of a `[target.….dependencies]` table.
    pub target: Option<&'a str>,
    /// The entry in the member's manifest.
    pub loc: Loc,
    /// The `[workspace.dependencies]` entry, for `workspace = true`.
    pub inherited: Option<Loc>,
    pub version: Option<(&'a str, Loc)>,
    pub path: Option<&'a str>,
    pub git: Option<&'a str>,
    pub registry: Option<(&'a str, Loc)>,
    pub registry_index: Option<&'a str>,
    /// `package = "…"` of a renamed dependency.
    pub package: Option<&'a str>,
    pub optional: bool,
    pub default_features: bool,
    pub features: Vec<(&'a str, Loc)>,
}

impl Dep<'_> {
    /// The crate name in the registry.
    pub fn crate_name(&self) -> &str {
        self.package.unwrap_or(self.name)
    }

    /// `cargo package` drops dev-dependencies that have no version (path- or git-only).
    pub fn is_packaged(&self) -> bool {
        self.kind != DepKind::Dev || self.version.is_some()
    }

    /// Where to point at a problem with the dependency's specification: the workspace entry
    /// when inherited, else the member's entry.
    pub fn spec_loc(&self) -> Loc {
        self.inherited.clone().unwrap_or_else(|| self.loc.clone())
    }
}

/// Fields `cargo` lets a member inherit with `{ workspace = true }`.
pub const INHERITABLE: &[&str] = &[
    "authors",
    "categories",
    "description",
    "documentation",
    "edition",
    "exclude",
    "homepage",
    "include",
    "keywords",
    "license",
    "license-file",
    "publish",
    "readme",
    "repository",
    "rust-version",
    "version",
];

impl Package {
    pub fn new(manifest_index: usize, manifest: &Manifest) -> Self {
        let name = manifest
            .package()
            .and_then(|p| p.get("name"))
            .and_then(Item::as_str)
            .unwrap_or_default()
            .to_string();
        Package {
            manifest: manifest_index,
            name,
            dir: manifest.dir().to_path_buf(),
        }
    }

    fn table<'a>(&self, ws: &'a Workspace) -> &'a dyn TableLike {
        ws.manifests[self.manifest]
            .package()
            .expect("members are loaded only when they have [package]")
    }

    /// The `[package]` header, where a diagnostic about a missing field points.
    pub fn header_loc(&self, ws: &Workspace) -> Loc {
        let manifest = &ws.manifests[self.manifest];
        let span = manifest
            .doc
            .get("package")
            .or_else(|| manifest.doc.get("project"))
            .and_then(table_span);
        Loc {
            manifest: self.manifest,
            span,
        }
    }

    /// Where `package.<key>` is or would be written.
    pub fn key_loc(&self, ws: &Workspace, key: &str) -> Loc {
        match key_span(self.table(ws), key) {
            Some(span) => Loc {
                manifest: self.manifest,
                span: Some(span),
            },
            None => self.header_loc(ws),
        }
    }

    /// A `[package]` field after inheritance.
    pub fn field<'a>(&self, ws: &'a Workspace, key: &str) -> Result<Field<'a>, FieldError> {
        let table = self.table(ws);
        let Some((k, item)) = table.get_key_value(key) else {
            return Ok(Field::Absent);
        };
        let own_loc = Loc {
            manifest: self.manifest,
            span: item.span().or_else(|| k.span()),
        };
        match inherits(item) {
            Inherit::No => Ok(Field::Present {
                item,
                loc: own_loc,
                inherited: false,
            }),
            Inherit::Invalid(message) => Err(FieldError {
                loc: own_loc,
                message: format!("`package.{key}`: {message}"),
            }),
            Inherit::Yes => {
                let source = ws
                    .inheritable_package()
                    .and_then(|wp| wp.get_key_value(key));
                match source {
                    Some((wk, witem)) if INHERITABLE.contains(&key) => Ok(Field::Present {
                        item: witem,
                        loc: Loc {
                            manifest: 0,
                            span: witem.span().or_else(|| wk.span()),
                        },
                        inherited: true,
                    }),
                    _ => Err(FieldError {
                        loc: own_loc,
                        message: format!(
                            "`{key}.workspace = true`, but `[workspace.package]` in `{}` has \
                             no `{key}`",
                            ws.root().path.display()
                        ),
                    }),
                }
            }
        }
    }

    /// A string field; `Ok(None)` when absent.
    pub fn str_field<'a>(
        &self,
        ws: &'a Workspace,
        key: &str,
    ) -> Result<Option<(&'a str, Loc, bool)>, FieldError> {
        match self.field(ws, key)? {
            Field::Absent => Ok(None),
            Field::Present {
                item,
                loc,
                inherited,
            } => match item.as_str() {
                Some(text) => Ok(Some((text, loc, inherited))),
                None => Err(FieldError {
                    loc,
                    message: format!("`package.{key}` must be a string"),
                }),
            },
        }
    }

    /// The version as written, when it is a string (for `-p name@version`).
    pub fn version_text<'a>(&self, ws: &'a Workspace) -> Option<&'a str> {
        self.str_field(ws, "version")
            .ok()
            .flatten()
            .map(|(v, _, _)| v)
    }

    /// The directory relative paths of a field are resolved from: the workspace root for an
    /// inherited `readme` or `license-file`, else the package's own directory.
    pub fn base_dir<'a>(&'a self, ws: &'a Workspace, inherited: bool) -> &'a Path {
        if inherited { &ws.root_dir } else { &self.dir }
    }

    /// `[features]` of the package.
    pub fn features<'a>(&self, ws: &'a Workspace) -> Option<&'a dyn TableLike> {
        ws.manifests[self.manifest].table("features")
    }

    /// The features cargo adds for optional dependencies: `NAME = ["dep:NAME"]` for each one
    /// that no feature mentions as `dep:NAME` and no feature is named after.
    pub fn implicit_features<'a>(&self, ws: &'a Workspace) -> Vec<&'a str> {
        let explicit: Vec<(&str, Vec<&str>)> = self
            .features(ws)
            .map(|table| {
                table
                    .iter()
                    .map(|(name, item)| {
                        let values = item
                            .as_array()
                            .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
                            .unwrap_or_default();
                        (name, values)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut implicit: Vec<&str> = Vec::new();
        for dep in self.dependencies(ws).into_iter().flatten() {
            let mentioned = explicit.iter().any(|(name, values)| {
                *name == dep.name
                    || values
                        .iter()
                        .any(|v| v.strip_prefix("dep:") == Some(dep.name))
            });
            if dep.optional && !mentioned && !implicit.contains(&dep.name) {
                implicit.push(dep.name);
            }
        }
        implicit
    }

    /// Every dependency in every dependency table, in manifest order, merged with its
    /// workspace entry. Entries cargo could not load come back as errors.
    pub fn dependencies<'a>(&self, ws: &'a Workspace) -> Vec<Result<Dep<'a>, FieldError>> {
        let manifest = &ws.manifests[self.manifest];
        let mut deps = Vec::new();
        for (table_id, table) in dependency_tables(manifest) {
            for (name, item) in table.iter() {
                let loc = Loc {
                    manifest: self.manifest,
                    span: key_span(table, name),
                };
                deps.push(resolve_dep(ws, name, item, table_id, loc));
            }
        }
        deps
    }
}

/// Which dependency table an entry sits in.
#[derive(Debug, Clone, Copy)]
pub struct DepTable<'a> {
    pub kind: DepKind,
    pub target: Option<&'a str>,
}

/// The dependency tables of a manifest: plain, build, dev (with their legacy underscore
/// spellings), and the same under each `[target.<cfg>]`.
pub fn dependency_tables(manifest: &Manifest) -> Vec<(DepTable<'_>, &dyn TableLike)> {
    const KINDS: &[(&str, DepKind)] = &[
        ("dependencies", DepKind::Normal),
        ("build-dependencies", DepKind::Build),
        ("build_dependencies", DepKind::Build),
        ("dev-dependencies", DepKind::Dev),
        ("dev_dependencies", DepKind::Dev),
    ];
    fn push<'m>(
        tables: &mut Vec<(DepTable<'m>, &'m dyn TableLike)>,
        root: &'m dyn TableLike,
        target: Option<&'m str>,
    ) {
        for &(key, kind) in KINDS {
            if let Some(table) = root.get(key).and_then(Item::as_table_like) {
                tables.push((DepTable { kind, target }, table));
            }
        }
    }
    let mut tables = Vec::new();
    push(&mut tables, manifest.doc.as_table(), None);
    if let Some(targets) = manifest.table("target") {
        for (cfg, item) in targets.iter() {
            if let Some(target_table) = item.as_table_like() {
                push(&mut tables, target_table, Some(cfg));
            }
        }
    }
    tables
}

enum Inherit {
    No,
    Yes,
    Invalid(String),
}

/// Whether an item is `{ workspace = true }` (or the dotted `key.workspace = true`).
fn inherits(item: &Item) -> Inherit {
    let Some(table) = item.as_table_like() else {
        return Inherit::No;
    };
    match table.get("workspace") {
        None => Inherit::No,
        Some(flag) => match flag.as_bool() {
            Some(true) if table.len() == 1 => Inherit::Yes,
            Some(true) => {
                Inherit::Invalid("`workspace = true` cannot be combined with other keys".into())
            }
            Some(false) => Inherit::Invalid("`workspace` cannot be false".into()),
            None => Inherit::Invalid("`workspace` must be a boolean".into()),
        },
    }
}

fn resolve_dep<'a>(
    ws: &'a Workspace,
    name: &'a str,
    item: &'a Item,
    table: DepTable<'a>,
    loc: Loc,
) -> Result<Dep<'a>, FieldError> {
    let mut dep = Dep {
        name,
        kind: table.kind,
        target: table.target,
        loc: loc.clone(),
        inherited: None,
        version: None,
        path: None,
        git: None,
        registry: None,
        registry_index: None,
        package: None,
        optional: false,
        default_features: true,
        features: Vec::new(),
    };
    let error = |message: String| FieldError {
        loc: loc.clone(),
        message,
    };
    let where_ = format!("dependency `{name}` in [{}]", table.kind.table_name());
    if let Some(version) = item.as_str() {
        dep.version = Some((version, value_loc(loc.manifest, item, &loc)));
        return Ok(dep);
    }
    let Some(spec) = item.as_table_like() else {
        return Err(error(format!(
            "{where_} must be a version string or a table"
        )));
    };
    let inherit = spec.get("workspace").and_then(Item::as_bool) == Some(true);
    if inherit {
        let Some((wkey, witem)) = ws
            .inheritable_dependencies()
            .and_then(|deps| deps.get_key_value(name))
        else {
            return Err(error(format!(
                "{where_} has `workspace = true`, but `[workspace.dependencies]` in `{}` has no \
                 `{name}`",
                ws.root().path.display()
            )));
        };
        let wloc = Loc {
            manifest: 0,
            span: wkey.span(),
        };
        dep.inherited = Some(wloc.clone());
        if let Some(version) = witem.as_str() {
            dep.version = Some((version, value_loc(0, witem, &wloc)));
        } else if let Some(wspec) = witem.as_table_like() {
            read_spec(&mut dep, wspec, 0, &wloc).map_err(|message| FieldError {
                loc: wloc.clone(),
                message: format!("`workspace.dependencies.{name}`: {message}"),
            })?;
        } else {
            return Err(FieldError {
                loc: wloc,
                message: format!(
                    "`workspace.dependencies.{name}` must be a version string or a table"
                ),
            });
        }
        // The member may add features and make the dependency optional.
        if let Some(optional) = spec.get("optional") {
            dep.optional = optional
                .as_bool()
                .ok_or_else(|| error(format!("{where_}: `optional` must be a boolean")))?;
        }
        let own = read_features(spec, loc.manifest).map_err(|m| error(format!("{where_}: {m}")))?;
        dep.features.extend(own);
        return Ok(dep);
    }
    read_spec(&mut dep, spec, loc.manifest, &loc).map_err(|m| error(format!("{where_}: {m}")))?;
    Ok(dep)
}

/// Reads a detailed dependency table into `dep`.
fn read_spec<'a>(
    dep: &mut Dep<'a>,
    spec: &'a dyn TableLike,
    manifest: usize,
    fallback: &Loc,
) -> Result<(), String> {
    // A string value with where it is written.
    let located = |key: &str| -> Result<Option<(&'a str, Loc)>, String> {
        match spec.get(key) {
            None => Ok(None),
            Some(item) => item
                .as_str()
                .map(|text| Some((text, value_loc(manifest, item, fallback))))
                .ok_or_else(|| format!("`{key}` must be a string")),
        }
    };
    let string = |key: &str| located(key).map(|value| value.map(|(text, _)| text));
    dep.version = located("version")?;
    dep.path = string("path")?;
    dep.git = string("git")?;
    dep.package = string("package")?;
    dep.registry_index = string("registry-index")?;
    dep.registry = located("registry")?;
    if let Some(optional) = spec.get("optional") {
        dep.optional = optional.as_bool().ok_or("`optional` must be a boolean")?;
    }
    for key in ["default-features", "default_features"] {
        if let Some(flag) = spec.get(key) {
            dep.default_features = flag.as_bool().ok_or(format!("`{key}` must be a boolean"))?;
        }
    }
    dep.features = read_features(spec, manifest)?;
    Ok(())
}

fn read_features(spec: &dyn TableLike, manifest: usize) -> Result<Vec<(&str, Loc)>, String> {
    let Some(item) = spec.get("features") else {
        return Ok(Vec::new());
    };
    let array = item
        .as_array()
        .ok_or("`features` must be an array of strings")?;
    array
        .iter()
        .map(|value: &Value| {
            let text = value
                .as_str()
                .ok_or("`features` must be an array of strings")?;
            Ok((
                text,
                Loc {
                    manifest,
                    span: value.span(),
                },
            ))
        })
        .collect()
}

fn value_loc(manifest: usize, item: &Item, fallback: &Loc) -> Loc {
    Loc {
        manifest,
        span: item.span().or_else(|| fallback.span.clone()),
    }
}
