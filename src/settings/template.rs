//! Templates for tag names, tag messages, commit messages and replacements.
//!
//! Ours are written `{version}`. cargo-release's `{{version}}` in the settings cargo ship also
//! parses (tag names, messages) are translated to ours when its configuration is read
//! (`{{crate_name}}` is our `{name}`); its replacements and hook arguments, which only it
//! writes, keep their spelling and are filled by [`fill_cargo_release`], so a placeholder with
//! no value stays exactly as written there and single braces are text.

/// The values a template may use; a placeholder with no value stays as written, so a typo
/// shows in the dry run instead of vanishing.
#[derive(Debug, Clone, Default)]
pub struct Vars {
    pairs: Vec<(&'static str, String)>,
}

impl Vars {
    pub fn new() -> Self {
        Vars::default()
    }

    pub fn set(mut self, key: &'static str, value: impl Into<String>) -> Self {
        let value = value.into();
        match self.pairs.iter_mut().find(|(k, _)| *k == key) {
            Some(pair) => pair.1 = value,
            None => self.pairs.push((key, value)),
        }
        self
    }

    /// The crate's name, versions and build metadata as cargo-release names them: `{version}`
    /// is the bare version (`1.1.5` of `1.1.5+spec-1.1.0`), `{metadata}` the rest.
    pub fn release(self, name: &str, old: &semver::Version, new: &semver::Version) -> Self {
        let bare = |v: &semver::Version| {
            let mut v = v.clone();
            v.build = semver::BuildMetadata::EMPTY;
            v.to_string()
        };
        self.set("name", name)
            .set("version", bare(new))
            .set("metadata", new.build.as_str())
            .set("prev_version", bare(old))
            .set("prev_metadata", old.build.as_str())
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, value)| value.as_str())
    }
}

/// A cargo-release placeholder's name in ours: `crate_name` is our `name`.
fn cargo_release_key(key: &str) -> &str {
    let key = key.trim();
    if key == "crate_name" { "name" } else { key }
}

/// Fills `{key}` placeholders in one pass (a value containing `{version}` is not filled again).
pub fn fill(template: &str, vars: &Vars) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after
            .find('}')
            .and_then(|close| Some((vars.get(&after[..close])?, close)));
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Fills cargo-release's `{{key}}` placeholders (`{{ key }}` too) in one pass; one without a
/// value stays as written, as cargo-release leaves it.
pub fn fill_cargo_release(template: &str, vars: &Vars) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else {
            out.push_str("{{");
            rest = after;
            continue;
        };
        // `{{{version}}}`: the placeholder starts at the last of the braces.
        if after[..close].contains('{') {
            out.push('{');
            rest = &rest[open + 1..];
            continue;
        }
        match vars.get(cargo_release_key(&after[..close])) {
            Some(value) => out.push_str(value),
            None => out.push_str(&rest[open..open + 2 + close + 2]),
        }
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    out
}

/// cargo-release's `{{placeholder}}` spelling in ours.
pub fn from_cargo_release(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        match after.find("}}") {
            Some(close) => {
                let key = cargo_release_key(&after[..close]);
                out.push('{');
                out.push_str(key);
                out.push('}');
                rest = &after[close + 2..];
            }
            None => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cargo_release_placeholders_become_ours() {
        assert_eq!(
            from_cargo_release("{{prefix}}v{{version}} of {{ crate_name }}"),
            "{prefix}v{version} of {name}"
        );
        assert_eq!(from_cargo_release("a {{ b"), "a {{ b");
    }

    #[test]
    fn placeholders_are_filled_once_and_unknown_ones_stay() {
        let vars = Vars::new().set("name", "{version}").set("version", "1.0.0");
        assert_eq!(
            fill("{name}@{version} {date}", &vars),
            "{version}@1.0.0 {date}"
        );
        assert_eq!(fill("{", &vars), "{");
    }

    #[test]
    fn cargo_release_templates_keep_their_spelling() {
        let vars = Vars::new().set("name", "demo").set("version", "1.0.0");
        assert_eq!(
            fill_cargo_release(
                "{{ crate_name }} {{version}} {{repository}}/x {version} {{",
                &vars
            ),
            "demo 1.0.0 {{repository}}/x {version} {{"
        );
        assert_eq!(fill_cargo_release("{{{version}}}", &vars), "{1.0.0}");
    }
}
