//! Rules that need the registry: its index, or the packaged `.crate`. They run in the publish
//! preflight (and `cargo ship package`), never in a plain `check`.

use super::{Enforcer, Rule};

pub const VERSION_ALREADY_PUBLISHED: Rule = Rule {
    id: "version-already-published",
    enforcer: Enforcer::Registry,
    summary: "the planned version is already in the registry's index (yanked counts); a note \
              in `check --registry`, a skip when resuming a publish",
};

pub const DEPENDENCY_NOT_IN_REGISTRY: Rule = Rule {
    id: "dependency-not-in-registry",
    enforcer: Enforcer::Registry,
    summary: "a dependency's required version is neither in its registry's index nor earlier in \
              the same release",
};

pub const CRATE_TOO_LARGE: Rule = Rule {
    id: "crate-too-large",
    enforcer: Enforcer::Server,
    summary: "the packaged `.crate` is larger than 10 MiB compressed or 512 MiB unpacked",
};
