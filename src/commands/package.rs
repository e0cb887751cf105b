//! `cargo ship package`: `cargo package`, then what the `.crate` holds and whether a registry
//! would take it (`crate-too-large`).

use anyhow::Result;
use serde::Serialize;

use crate::cargo::Cargo;
use crate::cli::{Format, PackageArgs};
use crate::context::Context;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Exit, refused};
use crate::package::{self, CrateFile, MAX_COMPRESSED, MAX_UNPACKED, human_size};
use crate::tree::Tree;
use crate::workspace::Workspace;
use crate::workspace::current_version;

const LARGEST: usize = 5;

pub fn run(args: &PackageArgs, cx: &Context) -> Result<Exit> {
    let (cwd, global, ui) = (&cx.cwd, cx.global, cx.ui);
    let tree = Tree::Disk;
    let ws = cx.workspace(&tree, args.select.manifest_path.as_deref())?;
    let selected = ws.select(&args.select, false)?;
    let config = cx.config()?;
    let registry = config.choose_for_check(None, None);
    let names: Vec<String> = selected.iter().map(|p| p.name.clone()).collect();

    let build = args
        .build
        .over(crate::settings::common_build(&ws, &selected)?);
    let cargo = Cargo::new(&ws.root().path, &global.config).with_build(&build);
    if args.list {
        return list(&ws, &selected, &cargo, args);
    }
    let progress = ui.spinner("Packaging", names.join(", "));
    let run = cargo.package(&names, None, args.allow_dirty, &mut |line| {
        ui.relay_cargo(&progress, line)
    })?;
    progress.finish();
    if !run.success {
        return Err(refused(format!("`cargo package` failed: {}", run.error())));
    }

    let target = cargo.target_dir()?;
    let mut inspected = Vec::new();
    let mut too_large = Vec::new();
    for package in &selected {
        let version = current_version(&ws, package)?;
        let path = target
            .join("package")
            .join(format!("{}-{version}.crate", package.name));
        let crate_file = package::inspect(&path)?;
        if crate_file.size > MAX_COMPRESSED || crate_file.unpacked_size > MAX_UNPACKED {
            let severity = crate::check::severity(
                &crate::check::rules::registry::CRATE_TOO_LARGE,
                registry.is_crates_io,
                &crate::check::Stage::Check,
            );
            too_large.push(
                Diagnostic::new(
                    &crate::check::rules::registry::CRATE_TOO_LARGE,
                    severity,
                    format!(
                        "{} v{version} is {} compressed and {} unpacked; crates.io takes at most 10 MiB compressed and 512 MiB unpacked",
                        package.name,
                        human_size(crate_file.size),
                        human_size(crate_file.unpacked_size)
                    ),
                )
                .help("leave test data, images and generated files out with `exclude` (or list what to ship with `include`); see the largest files above"),
            );
        }
        inspected.push((package.name.clone(), version, crate_file));
    }

    match args.output.format {
        Format::Json => print_json(&inspected)?,
        Format::Human => print_human(&inspected, cwd),
    }
    for diagnostic in &too_large {
        anstream::eprintln!("{}\n", diagnostic.render(&ws, cwd));
    }
    Ok(if too_large.iter().any(|d| d.severity == Severity::Error) {
        Exit::Refused
    } else {
        Exit::Done
    })
}

/// `--list`: what `cargo package --list` prints, per package, without building; the JSON
/// holds each package's file list.
fn list(
    ws: &Workspace,
    selected: &[&crate::workspace::Package],
    cargo: &Cargo,
    args: &PackageArgs,
) -> Result<Exit> {
    let mut listed = Vec::new();
    for package in selected {
        let files = cargo
            .list_files(&package.name, args.allow_dirty)
            .map_err(|err| refused(format!("{err:#}")))?;
        listed.push((package, current_version(ws, package)?, files));
    }
    match args.output.format {
        Format::Json => {
            let packages = listed
                .iter()
                .map(|(package, version, files)| ListedJson {
                    name: &package.name,
                    version: version.to_string(),
                    files,
                })
                .collect();
            crate::error::print_json(&PackagesJson { packages })?;
        }
        Format::Human => {
            let several = listed.len() > 1;
            for (package, _, files) in &listed {
                if several {
                    println!("{}:", package.name);
                }
                for file in files {
                    if several {
                        println!("  {file}");
                    } else {
                        println!("{file}");
                    }
                }
            }
        }
    }
    Ok(Exit::Done)
}

fn print_human(inspected: &[(String, semver::Version, CrateFile)], cwd: &std::path::Path) {
    for (name, version, file) in inspected {
        anstream::println!(
            "{}{:>12}{:#} {name} v{version}: {}",
            crate::ui::GREEN,
            "Packaged",
            crate::ui::GREEN,
            crate::diagnostic::display_path(&file.path, cwd)
        );
        anstream::println!(
            "{:>12} {} compressed, {} unpacked, {} files",
            "",
            human_size(file.size),
            human_size(file.unpacked_size),
            file.files.len()
        );
        let largest: Vec<String> = file
            .files
            .iter()
            .take(LARGEST)
            .map(|(path, size)| format!("{path} ({})", human_size(*size)))
            .collect();
        anstream::println!("{:>12} largest: {}", "", largest.join(", "));
    }
}

fn print_json(inspected: &[(String, semver::Version, CrateFile)]) -> Result<()> {
    let packages = inspected
        .iter()
        .map(|(name, version, file)| PackagedJson {
            name,
            version: version.to_string(),
            crate_file: &file.path,
            size: file.size,
            unpacked_size: file.unpacked_size,
            files: file.files.len(),
            largest: file
                .files
                .iter()
                .take(LARGEST)
                .map(|(path, size)| FileJson { path, size: *size })
                .collect(),
        })
        .collect();
    crate::error::print_json(&PackagesJson { packages })
}

/// `package --format json` (DESIGN.md), and with `--list` each package's files.
#[derive(Serialize)]
struct PackagesJson<T> {
    packages: Vec<T>,
}

#[derive(Serialize)]
struct PackagedJson<'a> {
    name: &'a str,
    version: String,
    crate_file: &'a std::path::Path,
    size: u64,
    unpacked_size: u64,
    files: usize,
    largest: Vec<FileJson<'a>>,
}

#[derive(Serialize)]
struct FileJson<'a> {
    path: &'a str,
    size: u64,
}

#[derive(Serialize)]
struct ListedJson<'a> {
    name: &'a str,
    version: String,
    files: &'a [String],
}
