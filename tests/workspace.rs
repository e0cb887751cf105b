//! The workspace loader must see exactly what cargo sees: for every fixture cargo can load, the
//! members, versions and resolved fields equal `cargo metadata --no-deps`.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use cargo_ship::check::rules::files::{self, Readme};
use cargo_ship::check::rules::publish::{self, Publish};
use cargo_ship::cli::Select;
use cargo_ship::tree::{Tree, normalize};
use cargo_ship::workspace::{DepKind, Field, Package, Workspace};
use serde_json::{Value, json};

/// Fixtures (and a directory inside them to start from) that cargo itself loads.
const LOADABLE: &[(&str, &str)] = &[
    ("valid-crate", ""),
    ("license-file-only", ""),
    ("gpl-plus", ""),
    ("workspace-inherit", ""),
    ("workspace-inherit", "crates/cli"),
    ("workspace-inherit", "crates/core/src"),
    ("workspace-root-package", ""),
    ("workspace-root-package", "plugins/alpha"),
    ("workspace-independent", ""),
    ("workspace-independent", "crates/gamma"),
    ("broken/missing-description", ""),
    ("broken/description-too-long", ""),
    ("broken/missing-license", ""),
    ("broken/invalid-license", ""),
    ("broken/license-file-missing", ""),
    ("broken/invalid-keyword", ""),
    ("broken/too-many-keywords", ""),
    ("broken/invalid-category", ""),
    ("broken/invalid-url", ""),
    ("broken/dependency-without-version", ""),
    ("broken/wildcard-dependency", ""),
    ("broken/too-many-dependencies", ""),
    ("broken/too-many-features", ""),
    ("broken/publish-disabled", ""),
    ("broken/missing-metadata", ""),
    ("broken/reserved-name", ""),
];

#[test]
fn the_loader_agrees_with_cargo_metadata_on_every_loadable_fixture() {
    for &(name, start) in LOADABLE {
        let (temp, dir) = common::fixture(name);
        let cwd = dir.join(start);
        let ours = our_view(&cwd);
        let cargo = cargo_view(&cwd, temp.path());
        assert_eq!(
            ours, cargo,
            "fixture {name} (from `{start}`): ours on the left, cargo metadata on the right"
        );
    }
}

fn our_view(cwd: &Path) -> Value {
    let tree = Tree::Disk;
    let ws = Workspace::load(&tree, cwd, None).expect("our loader loads the fixture");
    let mut packages: Vec<Value> = ws
        .members
        .iter()
        .map(|package| package_view(&ws, &tree, package))
        .collect();
    packages.sort_by_key(|p| p["name"].as_str().unwrap_or_default().to_string());
    json!({ "root": ws.root_dir, "packages": packages })
}

fn package_view(ws: &Workspace, tree: &Tree, package: &Package) -> Value {
    let text = |key: &str| {
        package
            .str_field(ws, key)
            .expect("fields load")
            .map(|(value, _, _)| value.to_string())
    };
    let list = |key: &str| -> Vec<String> {
        match package.field(ws, key).expect("fields load") {
            Field::Absent => Vec::new(),
            Field::Present { item, .. } => cargo_ship::workspace::string_array(item)
                .expect("array")
                .into_iter()
                .map(str::to_string)
                .collect(),
        }
    };
    let readme = match files::resolve(ws, tree, package).expect("readme") {
        Readme::Disabled | Readme::Default(None) => None,
        Readme::Named { path, .. } => Some(normalize(&path)),
        Readme::Default(Some(path)) => Some(path),
    };
    let license_file = package
        .str_field(ws, "license-file")
        .expect("license-file")
        .map(|(path, _, inherited)| normalize(&package.base_dir(ws, inherited).join(path)));
    let publish = match package.field(ws, "version").expect("version") {
        Field::Absent => Some(Vec::new()),
        Field::Present { .. } => {
            match publish::read(package.field(ws, "publish").expect("publish")).expect("publish") {
                Publish::Anywhere => None,
                Publish::Nowhere => Some(Vec::new()),
                Publish::Only(names) => Some(names),
            }
        }
    };
    let mut dependencies: Vec<Value> = package
        .dependencies(ws)
        .into_iter()
        .map(|dep| {
            let dep = dep.expect("dependency loads");
            let path = dep.path.map(|path| {
                let base = if dep.inherited.is_some() {
                    ws.root_dir.clone()
                } else {
                    package.dir.clone()
                };
                normalize(&base.join(path))
            });
            json!({
                "name": dep.crate_name(),
                "rename": dep.package.map(|_| dep.name),
                "req": requirement(dep.version.map(|(v, _)| v).unwrap_or("*")),
                "kind": match dep.kind { DepKind::Normal => None, DepKind::Build => Some("build"), DepKind::Dev => Some("dev") },
                "target": dep.target,
                "optional": dep.optional,
                "uses_default_features": dep.default_features,
                "features": sorted(dep.features.iter().map(|(f, _)| f.to_string())),
                "registry": dep.registry.map(|(r, _)| r),
                "path": path,
            })
        })
        .collect();
    dependencies.sort_by_key(|d| d.to_string());
    let mut features: BTreeMap<String, Vec<String>> = package
        .features(ws)
        .map(|table| {
            table
                .iter()
                .map(|(name, item)| {
                    let values = cargo_ship::workspace::string_array(item).expect("feature list");
                    (
                        name.to_string(),
                        values.into_iter().map(str::to_string).collect(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    for name in package.implicit_features(ws) {
        features.insert(name.to_string(), vec![format!("dep:{name}")]);
    }
    json!({
        "name": package.name,
        "version": text("version").unwrap_or_else(|| "0.0.0".into()),
        "manifest_path": ws.manifest(package).path,
        "description": text("description"),
        "license": text("license"),
        "license_file": license_file,
        "readme": readme,
        "repository": text("repository"),
        "homepage": text("homepage"),
        "documentation": text("documentation"),
        "keywords": list("keywords"),
        "categories": list("categories"),
        "edition": text("edition").unwrap_or_else(|| "2015".into()),
        "rust_version": text("rust-version").map(|v| rust_version(&v)),
        "publish": publish,
        "dependencies": dependencies,
        "features": features,
    })
}

fn cargo_view(cwd: &Path, home: &Path) -> Value {
    let output = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--no-deps",
            "--format-version",
            "1",
            "--offline",
        ])
        .current_dir(cwd)
        .env("CARGO_HOME", home.join("cargo-home"))
        .output()
        .expect("run cargo metadata");
    assert!(
        output.status.success(),
        "cargo metadata failed in {}: {}",
        cwd.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: cargo_metadata::Metadata =
        serde_json::from_slice(&output.stdout).expect("metadata JSON");
    let mut packages: Vec<Value> = metadata
        .packages
        .iter()
        .map(|package| {
            let dir = package.manifest_path.parent().expect("manifest dir");
            let mut dependencies: Vec<Value> = package
                .dependencies
                .iter()
                .map(|dep| {
                    json!({
                        "name": dep.name,
                        "rename": dep.rename,
                        "req": requirement(&dep.req.to_string()),
                        "kind": match dep.kind {
                            cargo_metadata::DependencyKind::Normal => None,
                            cargo_metadata::DependencyKind::Build => Some("build"),
                            cargo_metadata::DependencyKind::Development => Some("dev"),
                            _ => Some("unknown"),
                        },
                        "target": dep.target.as_ref().map(|t| t.to_string()),
                        "optional": dep.optional,
                        "uses_default_features": dep.uses_default_features,
                        "features": sorted(dep.features.iter().cloned()),
                        "registry": dep.registry,
                        "path": dep.path.as_ref().map(|p| PathBuf::from(p.as_std_path())),
                    })
                })
                .collect();
            dependencies.sort_by_key(|d| d.to_string());
            json!({
                "name": package.name.to_string(),
                "version": package.version.to_string(),
                "manifest_path": package.manifest_path,
                "description": package.description,
                "license": package.license,
                "license_file": package.license_file.as_ref().map(|p| normalize(&dir.join(p).into_std_path_buf())),
                "readme": package.readme.as_ref().map(|p| normalize(&dir.join(p).into_std_path_buf())),
                "repository": package.repository,
                "homepage": package.homepage,
                "documentation": package.documentation,
                "keywords": package.keywords,
                "categories": package.categories,
                "edition": package.edition.as_str(),
                "rust_version": package.rust_version.as_ref().map(|v| v.to_string()),
                "publish": package.publish,
                "dependencies": dependencies,
                "features": package.features,
            })
        })
        .collect();
    packages.sort_by_key(|p| p["name"].as_str().unwrap_or_default().to_string());
    json!({ "root": metadata.workspace_root, "packages": packages })
}

/// Requirements compared by meaning: cargo prints `1` as `^1`.
fn requirement(text: &str) -> String {
    semver::VersionReq::parse(text)
        .map(|req| req.to_string())
        .unwrap_or_else(|_| text.to_string())
}

/// cargo reports `rust-version = "1.70"` as `1.70`, a partial version; compare as written but
/// padded to three components as cargo_metadata parses it.
fn rust_version(text: &str) -> String {
    let mut parts: Vec<&str> = text.split('.').collect();
    while parts.len() < 3 {
        parts.push("0");
    }
    parts.join(".")
}

fn sorted(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut items: Vec<String> = items.collect();
    items.sort();
    items
}

#[test]
fn selection_follows_cargo_defaults() {
    let tree = Tree::Disk;
    let names = |ws: &Workspace, select: &Select, all: bool| -> Vec<String> {
        ws.select(select, all)
            .expect("select")
            .iter()
            .map(|p| p.name.clone())
            .collect()
    };
    // A virtual workspace: every member by default.
    let (_temp, dir) = common::fixture("workspace-inherit");
    let ws = Workspace::load(&tree, &dir, None).expect("load");
    assert_eq!(
        names(&ws, &Select::default(), false),
        [
            "inherit-cli",
            "inherit-core",
            "inherit-gen",
            "inherit-internal"
        ]
    );
    // Inside a member: that member.
    let ws = Workspace::load(&tree, &dir.join("crates/core/src"), None).expect("load");
    assert_eq!(names(&ws, &Select::default(), false), ["inherit-core"]);
    // --workspace --exclude.
    let select = Select {
        workspace: true,
        exclude: vec!["inherit-gen".into()],
        ..Select::default()
    };
    assert_eq!(
        names(&ws, &select, false),
        ["inherit-cli", "inherit-core", "inherit-internal"]
    );
    // -p, also with name@version.
    let select = Select {
        packages: vec!["inherit-cli@0.2.0".into()],
        ..Select::default()
    };
    assert_eq!(names(&ws, &select, false), ["inherit-cli"]);

    // A root package: only the root by default; default-members do not apply to it.
    let (_temp, dir) = common::fixture("workspace-root-package");
    let ws = Workspace::load(&tree, &dir, None).expect("load");
    assert_eq!(names(&ws, &Select::default(), false), ["host"]);
    assert_eq!(
        names(&ws, &Select::default(), true),
        ["host", "plugin-alpha", "plugin-beta"]
    );
}

#[test]
fn an_unknown_package_names_the_members() {
    let (_temp, dir) = common::fixture("workspace-inherit");
    let ws = Workspace::load(&Tree::Disk, &dir, None).expect("load");
    let select = Select {
        packages: vec!["nope".into()],
        ..Select::default()
    };
    let err = ws.select(&select, false).expect_err("unknown package");
    let message = format!("{err:#}");
    assert!(
        message.contains("package `nope` is not a member"),
        "{message}"
    );
    assert!(message.contains("inherit-cli, inherit-core"), "{message}");
}

#[cfg(unix)]
#[test]
fn a_symlinked_duplicate_member_is_refused_as_cargo_does() {
    let (temp, dir) = common::fixture("workspace-independent");
    std::os::unix::fs::symlink("alpha", dir.join("crates/alpha-link")).expect("symlink");
    for args in [&["check"][..], &["patch", "--workspace", "--dry-run"][..]] {
        let out = common::run(common::ship(&dir, temp.path()).args(args));
        assert_eq!(out.code, 1, "{args:?}: {}", out.all());
        common::assert_contains(&out.stderr, "two packages named `alpha` in this workspace");
    }
}

#[test]
fn package_specs_take_globs_and_typos_get_a_did_you_mean() {
    let (_temp, dir) = common::fixture("workspace-independent");
    let ws = Workspace::load(&Tree::Disk, &dir, None).expect("load");
    let select = |spec: &str| {
        let packages = vec![spec.to_string()];
        let selection = cargo_ship::workspace::Selection {
            packages: &packages,
            ..Default::default()
        };
        ws.select(selection, false)
            .map(|chosen| chosen.iter().map(|p| p.name.clone()).collect::<Vec<_>>())
    };
    assert_eq!(select("*a").expect("glob"), ["alpha", "beta", "gamma"]);
    let err = select("bta").expect_err("unknown");
    assert!(
        format!("{err:#}").contains("(did you mean `beta`?)"),
        "{err:#}"
    );
    assert!(select("z*").is_err(), "a glob matching nothing is an error");
}
