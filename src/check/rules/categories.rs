//! `categories`: at most five, each exactly one of crates.io's slugs (an unknown slug has been
//! a hard error since mid-2024). The list is a snapshot of crates.io's `categories.toml`.

use super::keywords::string_list;
use super::{Enforcer, Rule};
use crate::check::Checker;

pub const TOO_MANY_CATEGORIES: Rule = Rule {
    id: "too-many-categories",
    enforcer: Enforcer::Server,
    summary: "more than 5 categories",
};

pub const INVALID_CATEGORY: Rule = Rule {
    id: "invalid-category",
    enforcer: Enforcer::Server,
    summary: "a category that is not exactly one of crates.io's slugs",
};

pub const MISSING_CATEGORIES: Rule = Rule {
    id: "missing-categories",
    enforcer: Enforcer::Advice,
    summary: "no `categories`: the crate is missing from crates.io's category pages",
};

const MAX_CATEGORIES: usize = 5;

/// crates.io's category slugs (Aug 2026 snapshot).
pub const SLUGS: &[&str] = &[
    "accessibility",
    "aerospace",
    "aerospace::drones",
    "aerospace::protocols",
    "aerospace::simulation",
    "aerospace::space-protocols",
    "aerospace::unmanned-aerial-vehicles",
    "algorithms",
    "api-bindings",
    "artificial-intelligence",
    "asynchronous",
    "authentication",
    "automotive",
    "caching",
    "compilers",
    "command-line-interface",
    "command-line-utilities",
    "compression",
    "computer-vision",
    "config",
    "concurrency",
    "cryptography",
    "cryptography::cryptocurrencies",
    "database",
    "database-implementations",
    "data-structures",
    "date-and-time",
    "development-tools",
    "development-tools::build-utils",
    "development-tools::cargo-plugins",
    "development-tools::debugging",
    "development-tools::ffi",
    "development-tools::procedural-macro-helpers",
    "development-tools::profiling",
    "development-tools::testing",
    "email",
    "embedded",
    "emulators",
    "encoding",
    "external-ffi-bindings",
    "filesystem",
    "finance",
    "game-engines",
    "game-development",
    "games",
    "graphics",
    "gui",
    "hardware-support",
    "internationalization",
    "localization",
    "mathematics",
    "memory-management",
    "multimedia",
    "multimedia::audio",
    "multimedia::video",
    "multimedia::images",
    "multimedia::encoding",
    "network-programming",
    "no-std",
    "no-std::no-alloc",
    "os",
    "os::android-apis",
    "os::linux-apis",
    "os::freebsd-apis",
    "os::macos-apis",
    "os::unix-apis",
    "os::windows-apis",
    "parser-implementations",
    "parsing",
    "rendering",
    "rendering::engine",
    "rendering::graphics-api",
    "rendering::data-formats",
    "rust-patterns",
    "science",
    "science::computational-chemistry",
    "science::computational-chemistry::electronic-structure",
    "science::computational-chemistry::molecular-simulation",
    "science::computational-chemistry::cheminformatics",
    "science::computational-biology",
    "science::computational-biology::structural-modeling",
    "science::computational-biology::systems-biology",
    "science::materials",
    "science::geo",
    "science::robotics",
    "science::neuroscience",
    "science::bioinformatics",
    "science::bioinformatics::genomics",
    "science::bioinformatics::proteomics",
    "science::bioinformatics::sequence-analysis",
    "science::quantum-computing",
    "security",
    "simulation",
    "template-engine",
    "text-editors",
    "text-processing",
    "value-formatting",
    "virtualization",
    "visualization",
    "wasm",
    "web-programming",
    "web-programming::http-client",
    "web-programming::http-server",
    "web-programming::websocket",
];

pub fn check(cx: &mut Checker) {
    let list = match string_list(cx, "categories") {
        Ok(list) => list,
        Err(err) => return cx.invalid(err),
    };
    let Some((array_loc, categories)) = list.filter(|(_, c)| !c.is_empty()) else {
        let loc = cx.package.key_loc(cx.ws, "categories");
        let d = cx
            .diag(
                &MISSING_CATEGORIES,
                format!("package `{}` has no `categories`", cx.package.name),
            )
            .at(loc)
            .help("add up to five slugs from https://crates.io/category_slugs");
        return cx.push(d);
    };
    if categories.len() > MAX_CATEGORIES {
        let d = cx
            .diag(
                &TOO_MANY_CATEGORIES,
                format!(
                    "{} categories, crates.io allows at most {MAX_CATEGORIES}",
                    categories.len()
                ),
            )
            .at(array_loc)
            .help("keep the five that fit best");
        cx.push(d);
    }
    for (category, loc) in categories {
        if SLUGS.contains(&category) {
            continue;
        }
        let help = match nearest(category) {
            Some(slug) => {
                format!("did you mean `{slug}`? (slugs: https://crates.io/category_slugs)")
            }
            None => "use a slug from https://crates.io/category_slugs".to_string(),
        };
        let d = cx
            .diag(
                &INVALID_CATEGORY,
                format!("`{category}` is not a crates.io category"),
            )
            .at(loc)
            .help(help);
        cx.push(d);
    }
}

/// The slug a mistyped category most likely meant: same letters ignoring case and separators,
/// then the slug whose last segment it is, then the closest by edit distance.
pub fn nearest(category: &str) -> Option<&'static str> {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == ':')
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let wanted = squash(category);
    if wanted.is_empty() {
        return None;
    }
    if let Some(slug) = SLUGS.iter().find(|slug| squash(slug) == wanted) {
        return Some(slug);
    }
    if let Some(slug) = SLUGS.iter().find(|slug| {
        slug.rsplit("::")
            .next()
            .is_some_and(|last| squash(last) == wanted)
    }) {
        return Some(slug);
    }
    SLUGS
        .iter()
        .map(|slug| (strsim::jaro_winkler(&wanted, &squash(slug)), slug))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, slug)| *slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_104_slugs_without_duplicates() {
        let unique: std::collections::BTreeSet<_> = SLUGS.iter().collect();
        assert_eq!(SLUGS.len(), 104);
        assert_eq!(unique.len(), SLUGS.len());
    }

    #[test]
    fn nearest_slug_for_common_mistakes() {
        assert_eq!(
            nearest("Command-Line-Utilities"),
            Some("command-line-utilities")
        );
        assert_eq!(
            nearest("command_line_utilities"),
            Some("command-line-utilities")
        );
        assert_eq!(nearest("http-client"), Some("web-programming::http-client"));
        assert_eq!(
            nearest("cargo-plugins"),
            Some("development-tools::cargo-plugins")
        );
        assert_eq!(nearest("cryptograpy"), Some("cryptography"));
        assert_eq!(nearest("datastructures"), Some("data-structures"));
        assert_eq!(nearest("zzzzqqq"), None);
    }
}
