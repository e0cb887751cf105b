//! The release settings themselves: ours must be readable (a release refuses them otherwise),
//! and cargo-release keys that cargo ship does not honour are said out loud.

use super::{Checker, Enforcer, Rule};
use crate::settings::Settings;

pub const INVALID_SETTING: Rule = Rule {
    id: "invalid-setting",
    enforcer: Enforcer::Ship,
    summary: "a release setting cargo ship cannot use: an unknown key in `metadata.ship`, a \
              value of the wrong type, a replacement regex that does not compile",
};

pub const SETTING_NOT_HONOURED: Rule = Rule {
    id: "setting-not-honoured",
    enforcer: Enforcer::Advice,
    summary: "a cargo-release setting cargo ship does not implement or does not know (the \
              message says what it does instead)",
};

pub fn check(c: &mut Checker) {
    match Settings::for_package(c.ws, c.package) {
        Err(err) => {
            let diagnostic = c.diag(&INVALID_SETTING, format!("{err:#}"));
            c.push(diagnostic);
        }
        Ok(settings) => {
            for warning in settings.warnings {
                let mut diagnostic = c.diag(&SETTING_NOT_HONOURED, warning.message);
                diagnostic.file = Some((warning.file, Some(warning.line)));
                c.push(diagnostic);
            }
        }
    }
}
