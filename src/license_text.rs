//! Recognising a license from its text, to fill `license` only when that is unambiguous.
//!
//! spdx's detection (an n-gram match against the SPDX license texts) does the recognising; the
//! store is built once, and only when a license has to be identified. GNU license texts do not
//! say "only" or "or later" (the notice in the source files does), so they are never written,
//! only suggested.

use std::sync::OnceLock;

use spdx::detection::{Store, TextData};

use crate::tree::Tree;

/// Below this score a text is not considered a copy of the license.
const MIN_SCORE: f32 = 0.9;

/// A recognised license text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identified {
    pub id: String,
    /// Whether the id follows from the text alone (not true of GNU licenses).
    pub unambiguous: bool,
}

/// Names of the license files directly in `dir` (LICENSE*, LICENCE*, COPYING*, UNLICENSE).
pub fn license_files(tree: &Tree, dir: &std::path::Path) -> Vec<String> {
    tree.file_names(dir)
        .into_iter()
        .filter(|name| {
            let upper = name.to_ascii_uppercase();
            ["LICENSE", "LICENCE", "COPYING", "UNLICENSE"]
                .iter()
                .any(|prefix| upper.starts_with(prefix))
        })
        .collect()
}

pub fn identify(text: &str) -> Option<Identified> {
    let matched = store().analyze(&TextData::new(text));
    if matched.score < MIN_SCORE {
        return None;
    }
    let id = spdx::license_id(matched.name)?;
    Some(Identified {
        id: matched.name.to_string(),
        unambiguous: !id.is_gnu(),
    })
}

fn store() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(|| {
        let mut store = Store::new();
        for (name, text) in spdx::text::LICENSE_TEXTS {
            let Some(id) = spdx::license_id(name) else {
                continue;
            };
            if !id.is_deprecated() && (id.is_osi_approved() || id.is_fsf_free_libre()) {
                store.add_license((*name).to_string(), TextData::new(text));
            }
        }
        store
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(id: &str) -> &'static str {
        spdx::text::LICENSE_TEXTS
            .iter()
            .find(|(name, _)| *name == id)
            .map(|(_, text)| *text)
            .expect("license text")
    }

    #[test]
    fn common_licenses_are_recognised_and_gnu_ones_flagged_ambiguous() {
        let mit = identify(text_of("MIT")).expect("MIT");
        assert_eq!(mit.id, "MIT");
        assert!(mit.unambiguous);
        let apache = identify(text_of("Apache-2.0")).expect("Apache");
        assert_eq!(apache.id, "Apache-2.0");
        let gpl = identify(text_of("GPL-3.0-only")).expect("GPL");
        assert!(gpl.id.starts_with("GPL-3.0"), "{}", gpl.id);
        assert!(!gpl.unambiguous);
        assert_eq!(identify("You may read this code, nothing else."), None);
    }
}
