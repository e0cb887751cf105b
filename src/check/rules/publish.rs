//! `publish`: a package that may not go to the target registry is skipped by `check` (it is
//! not meant for it) and refused by `publish`.

use super::{Enforcer, Rule};
use crate::check::Checker;
use crate::diagnostic::Diagnostic;
use crate::workspace::{Field, FieldError};
pub use crate::workspace::{Publish, read_publish as read};

pub const PUBLISH_DISABLED: Rule = Rule {
    id: "publish-disabled",
    enforcer: Enforcer::Skip,
    summary: "`publish = false`, no `version` (cargo then implies `publish = false`), or the \
              target registry is not in `package.publish`: skipped by `check`, refused by `publish`",
};

/// `package.publish` after inheritance; cargo implies `false` when `version` is absent.
pub fn publish_setting(cx: &Checker) -> Result<Publish, FieldError> {
    if matches!(cx.package.field(cx.ws, "version"), Ok(Field::Absent)) {
        return Ok(Publish::Nowhere);
    }
    read(cx.package.field(cx.ws, "publish")?)
}

/// Why the package is skipped, with a note saying so; `None` when it is judged.
pub fn skip_reason(cx: &mut Checker) -> Option<String> {
    let setting = match publish_setting(cx) {
        Ok(setting) => setting,
        Err(err) => {
            cx.invalid(err);
            return None;
        }
    };
    let reason = match setting {
        Publish::Anywhere => return None,
        Publish::Only(names) if cx.registry.allowed_by(&names) => return None,
        Publish::Nowhere if matches!(cx.package.field(cx.ws, "version"), Ok(Field::Absent)) => {
            "it has no `version`, so cargo treats it as `publish = false`".to_string()
        }
        Publish::Nowhere => "`publish = false`".to_string(),
        Publish::Only(names) => format!(
            "`publish = [{}]` does not include {}",
            names
                .iter()
                .map(|n| format!("\"{n}\""))
                .collect::<Vec<_>>()
                .join(", "),
            cx.registry.display_name()
        ),
    };
    // Not an error here: the package is simply not meant for this registry.
    let loc = cx.package.key_loc(cx.ws, "publish");
    cx.push(
        Diagnostic::new(
            &PUBLISH_DISABLED,
            crate::check::severity(&PUBLISH_DISABLED, cx.registry.is_crates_io, cx.stage),
            format!("package `{}` is not published: {reason}", cx.package.name),
        )
        .at(loc),
    );
    Some(reason)
}
