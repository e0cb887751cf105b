//! Values cargo cannot load at all: wrong types, inheritance that does not resolve.

use super::{Enforcer, Rule};

pub const INVALID_MANIFEST: Rule = Rule {
    id: "invalid-manifest",
    enforcer: Enforcer::Cargo,
    summary: "a value cargo cannot load: wrong type, missing `package.name`, or \
              `workspace = true` with nothing to inherit",
};
