//! Recognising a license from its text, to fill `license` only when that is unambiguous.
//!
//! spdx's detection (an n-gram match against license texts) does the recognising; the store is
//! built once, and only when a license has to be identified. GNU license texts do not say "only"
//! or "or later" (the notice in the source files does), so they are never written, only
//! suggested.
//!
//! The texts are the licenses crates actually use (`texts/`, copied from the SPDX License List
//! data the `spdx` crate ships), not all 700: the full set was 6 MB of the binary for licenses
//! no crate on crates.io declares in practice.

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

/// Names of the license files directly in `dir`: see [`is_license_file`].
pub fn license_files(tree: &Tree, dir: &std::path::Path) -> Vec<String> {
    tree.file_names(dir)
        .into_iter()
        .filter(|name| is_license_file(name))
        .collect()
}

/// Whether a file name is a license text's: LICENSE*, LICENCE*, COPYING*, UNLICENSE, in any
/// case.
pub fn is_license_file(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    ["LICENSE", "LICENCE", "COPYING", "UNLICENSE"]
        .iter()
        .any(|prefix| upper.starts_with(prefix))
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

/// The licenses recognised, by SPDX identifier (GNU texts under both `-only` and `-or-later`).
const KNOWN: &[(&str, &str)] = &[
    ("0BSD", include!("texts/0BSD")),
    ("AFL-3.0", include!("texts/AFL-3.0")),
    ("AGPL-3.0-only", include!("texts/AGPL-3.0")),
    ("AGPL-3.0-or-later", include!("texts/AGPL-3.0")),
    ("Apache-2.0", include!("texts/Apache-2.0")),
    ("Artistic-2.0", include!("texts/Artistic-2.0")),
    ("BSD-1-Clause", include!("texts/BSD-1-Clause")),
    ("BSD-2-Clause", include!("texts/BSD-2-Clause")),
    ("BSD-2-Clause-Patent", include!("texts/BSD-2-Clause-Patent")),
    ("BSD-3-Clause", include!("texts/BSD-3-Clause")),
    ("BSD-3-Clause-Clear", include!("texts/BSD-3-Clause-Clear")),
    ("BSL-1.0", include!("texts/BSL-1.0")),
    ("BlueOak-1.0.0", include!("texts/BlueOak-1.0.0")),
    ("CC-BY-4.0", include!("texts/CC-BY-4.0")),
    ("CC-BY-SA-4.0", include!("texts/CC-BY-SA-4.0")),
    ("CC0-1.0", include!("texts/CC0-1.0")),
    ("CDDL-1.0", include!("texts/CDDL-1.0")),
    ("CECILL-2.1", include!("texts/CECILL-2.1")),
    ("EPL-1.0", include!("texts/EPL-1.0")),
    ("EPL-2.0", include!("texts/EPL-2.0")),
    ("EUPL-1.2", include!("texts/EUPL-1.2")),
    ("GPL-2.0-only", include!("texts/GPL-2.0")),
    ("GPL-2.0-or-later", include!("texts/GPL-2.0")),
    ("GPL-3.0-only", include!("texts/GPL-3.0")),
    ("GPL-3.0-or-later", include!("texts/GPL-3.0")),
    ("ISC", include!("texts/ISC")),
    ("LGPL-2.1-only", include!("texts/LGPL-2.1")),
    ("LGPL-2.1-or-later", include!("texts/LGPL-2.1")),
    ("LGPL-3.0-only", include!("texts/LGPL-3.0")),
    ("LGPL-3.0-or-later", include!("texts/LGPL-3.0")),
    ("MIT", include!("texts/MIT")),
    ("MIT-0", include!("texts/MIT-0")),
    ("MPL-1.1", include!("texts/MPL-1.1")),
    ("MPL-2.0", include!("texts/MPL-2.0")),
    ("MS-PL", include!("texts/MS-PL")),
    ("MulanPSL-2.0", include!("texts/MulanPSL-2.0")),
    ("NCSA", include!("texts/NCSA")),
    ("OFL-1.1", include!("texts/OFL-1.1")),
    ("PostgreSQL", include!("texts/PostgreSQL")),
    ("Python-2.0", include!("texts/Python-2.0")),
    ("Unicode-3.0", include!("texts/Unicode-3.0")),
    ("Unicode-DFS-2016", include!("texts/Unicode-DFS-2016")),
    ("Unlicense", include!("texts/Unlicense")),
    ("UPL-1.0", include!("texts/UPL-1.0")),
    ("WTFPL", include!("texts/WTFPL")),
    ("X11", include!("texts/X11")),
    ("Zlib", include!("texts/Zlib")),
];

fn store() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(|| {
        let mut store = Store::new();
        for (name, text) in KNOWN {
            store.add_license((*name).to_string(), TextData::new(text));
        }
        store
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(id: &str) -> &'static str {
        KNOWN
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

    #[test]
    fn every_known_text_is_recognised_as_itself_and_named_by_a_current_spdx_id() {
        for (name, text) in KNOWN {
            let id = spdx::license_id(name).unwrap_or_else(|| panic!("{name} is not an SPDX id"));
            assert!(!id.is_deprecated(), "{name} is deprecated");
            let found = identify(text).unwrap_or_else(|| panic!("{name} not recognised"));
            // GNU texts are one text under two names.
            let base = |n: &str| {
                n.trim_end_matches("-only")
                    .trim_end_matches("-or-later")
                    .to_string()
            };
            assert_eq!(base(&found.id), base(name), "{name}");
        }
    }
}
