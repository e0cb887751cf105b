//! Dependencies as `cargo package` uploads them: dev-dependencies without a version are
//! dropped (so a path-only dev-dependency is fine), everything else needs a version
//! requirement that crates.io accepts.

use super::{Enforcer, Rule};
use crate::check::Checker;
use crate::registry::config::CRATES_IO;
use crate::workspace::{Dep, DepKind};

pub const DEPENDENCY_WITHOUT_VERSION: Rule = Rule {
    id: "dependency-without-version",
    enforcer: Enforcer::Cargo,
    summary: "a normal or build dependency given by `path` or `git` without `version`",
};

pub const CROSS_REGISTRY_DEPENDENCY: Rule = Rule {
    id: "cross-registry-dependency",
    enforcer: Enforcer::Server,
    summary: "a dependency from another registry (`registry = …`) in a crate published to crates.io",
};

pub const WILDCARD_DEPENDENCY: Rule = Rule {
    id: "wildcard-dependency",
    enforcer: Enforcer::Server,
    summary: "a dependency requirement equal to `*` (also `x`, or a registry dependency without \
              any version)",
};

pub const TOO_MANY_DEPENDENCIES: Rule = Rule {
    id: "too-many-dependencies",
    enforcer: Enforcer::ServerLimit,
    summary: "more than 500 dependencies (crates.io's default limit, raised per crate on request)",
};

const MAX_DEPENDENCIES: usize = 500;

pub fn check(cx: &mut Checker) {
    let mut packaged = 0;
    for dep in cx.package.dependencies(cx.ws) {
        let dep = match dep {
            Ok(dep) => dep,
            Err(err) => {
                cx.invalid(err);
                continue;
            }
        };
        if !dep.is_packaged() {
            continue;
        }
        packaged += 1;
        check_version(cx, &dep);
        check_registry(cx, &dep);
    }
    if packaged > MAX_DEPENDENCIES {
        let loc = cx.package.header_loc(cx.ws);
        let d = cx
            .diag(&TOO_MANY_DEPENDENCIES, format!("{packaged} dependencies, crates.io allows {MAX_DEPENDENCIES} by default"))
            .at(loc)
            .help("ask the crates.io team to raise the limit for this crate before publishing (help@crates.io)");
        cx.push(d);
    }
}

fn describe(dep: &Dep) -> String {
    let table = match dep.target {
        Some(target) => format!("target.'{target}'.{}", dep.kind.table_name()),
        None => dep.kind.table_name().to_string(),
    };
    format!("`{}` in [{table}]", dep.name)
}

fn check_version(cx: &mut Checker, dep: &Dep) {
    match dep.version {
        None if dep.path.is_some() || dep.git.is_some() => {
            debug_assert!(
                dep.kind != DepKind::Dev,
                "unversioned dev-dependencies are dropped"
            );
            let source = if dep.path.is_some() { "path" } else { "git" };
            let d = cx
                .diag(
                    &DEPENDENCY_WITHOUT_VERSION,
                    format!("dependency {} has a `{source}` but no `version`", describe(dep)),
                )
                .at(dep.spec_loc())
                .label("add `version = \"…\"` here")
                .help("cargo refuses to package it: all dependencies must have a version requirement when packaging (the version is what users get from the registry)");
            cx.push(d);
        }
        None => {
            let d = cx
                .diag(&WILDCARD_DEPENDENCY, format!("dependency {} has no version requirement, which means `*`", describe(dep)))
                .at(dep.spec_loc())
                .help("crates.io refuses wildcard requirements: write the version you tested with, e.g. `version = \"1\"`");
            cx.push(d);
        }
        Some((requirement, ref loc)) => match semver::VersionReq::parse(requirement) {
            Ok(parsed) if parsed == semver::VersionReq::STAR => {
                let d = cx
                    .diag(&WILDCARD_DEPENDENCY, format!("dependency {} requires `{requirement}`, any version", describe(dep)))
                    .at(loc.clone())
                    .help("crates.io refuses wildcard requirements: write the version you tested with, e.g. `\"1\"`");
                cx.push(d);
            }
            Ok(_) => {}
            Err(err) => cx.invalid(crate::workspace::FieldError {
                loc: loc.clone(),
                message: format!(
                    "dependency {}: `{requirement}` is not a version requirement: {err}",
                    describe(dep)
                ),
            }),
        },
    }
}

fn check_registry(cx: &mut Checker, dep: &Dep) {
    if !cx.registry.is_crates_io {
        return;
    }
    let other = match (&dep.registry, dep.registry_index) {
        (Some((name, loc)), _) if *name != CRATES_IO => {
            Some((format!("registry `{name}`"), loc.clone()))
        }
        (_, Some(index)) => Some((format!("index `{index}`"), dep.spec_loc())),
        _ => None,
    };
    if let Some((from, loc)) = other {
        let d = cx
            .diag(&CROSS_REGISTRY_DEPENDENCY, format!("dependency {} comes from {from}", describe(dep)))
            .at(loc)
            .help("crates.io only accepts dependencies on crates.io crates; publish the dependency there or publish this crate to the same registry");
        cx.push(d);
    }
}
