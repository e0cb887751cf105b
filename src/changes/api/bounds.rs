//! What trait bounds say beyond their text. core's supertraits make one bound imply others
//! (`Copy` is `Clone` too), so `T: Copy + Clone` and `T: Copy` ask the same of users, and
//! `impl Display + Copy + Clone` → `impl Display + Copy` (anstyle 1.0.7) promises as much as
//! before. A crate's own supertraits are not followed: that needs its trait definitions.

use std::collections::BTreeSet;

/// Each core trait and the supertraits it implies.
const IMPLIED: &[(&str, &[&str])] = &[
    ("core::marker::Copy", &["core::clone::Clone"]),
    ("core::cmp::Eq", &["core::cmp::PartialEq"]),
    ("core::cmp::PartialOrd", &["core::cmp::PartialEq"]),
    (
        "core::cmp::Ord",
        &[
            "core::cmp::Eq",
            "core::cmp::PartialOrd",
            "core::cmp::PartialEq",
        ],
    ),
    (
        "core::error::Error",
        &["core::fmt::Debug", "core::fmt::Display"],
    ),
];

/// Each core trait whose arguments the traits it implies take as they are, through a
/// supertrait or std's blanket impl: `F: Fn(u8) -> u8` is also `FnMut(u8) -> u8` and
/// `FnOnce(u8) -> u8`, `I: Iterator<Item = u8>` is also `IntoIterator<Item = u8>`, a `Future`
/// an `IntoFuture`, so `Fn` → `FnMut` or `Iterator` → `IntoIterator` asks less.
const IMPLIED_WITH_ARGUMENTS: &[(&str, &[&str])] = &[
    (
        "core::ops::function::Fn",
        &["core::ops::function::FnMut", "core::ops::function::FnOnce"],
    ),
    (
        "core::ops::function::FnMut",
        &["core::ops::function::FnOnce"],
    ),
    (
        "core::iter::traits::iterator::Iterator",
        &["core::iter::traits::collect::IntoIterator"],
    ),
    (
        "core::future::future::Future",
        &["core::future::into_future::IntoFuture"],
    ),
    (
        "core::iter::traits::double_ended::DoubleEndedIterator",
        &[
            "core::iter::traits::iterator::Iterator",
            "core::iter::traits::collect::IntoIterator",
        ],
    ),
    (
        "core::iter::traits::exact_size::ExactSizeIterator",
        &[
            "core::iter::traits::iterator::Iterator",
            "core::iter::traits::collect::IntoIterator",
        ],
    ),
];

/// Bounds with each plain trait bound (no arguments, no `for<…>`, no `?`) as its path, and
/// the traits it implies added.
pub fn effective(bounds: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for bound in bounds {
        match plain_trait(bound) {
            Some(path) => {
                if let Some((_, implied)) = IMPLIED.iter().find(|(p, _)| *p == path) {
                    out.extend(implied.iter().map(|p| p.to_string()));
                }
                if let Some((_, implied)) = IMPLIED_WITH_ARGUMENTS.iter().find(|(p, _)| *p == path)
                {
                    out.extend(implied.iter().map(|p| p.to_string()));
                }
                out.insert(path);
            }
            None => {
                out.extend(implied_with_arguments(bound));
                out.insert(bound.clone());
            }
        }
    }
    out
}

/// The bounds a bound with arguments implies (see [`IMPLIED_WITH_ARGUMENTS`]), each as its
/// own JSON with only the trait's path changed.
fn implied_with_arguments(bound: &str) -> Vec<String> {
    let Ok(parsed) = serde_json::from_str::<serde_json::Value>(bound) else {
        return Vec::new();
    };
    let Some(path) = parsed
        .pointer("/trait_bound/trait/path")
        .and_then(serde_json::Value::as_str)
    else {
        return Vec::new();
    };
    let Some((_, implied)) = IMPLIED_WITH_ARGUMENTS.iter().find(|(p, _)| *p == path) else {
        return Vec::new();
    };
    implied
        .iter()
        .filter_map(|implied| {
            let mut bound = parsed.clone();
            *bound.pointer_mut("/trait_bound/trait/path")? = (*implied).into();
            Some(bound.to_string())
        })
        .collect()
}

/// A type parameter's bounds with its implicit `Sized` written out: `?Sized` removes it, so
/// adding `?Sized` asks less of users (zeroize 1.9's `Zeroizing<Z: Zeroize + ?Sized>`), and
/// removing it asks more.
pub fn with_implicit_sized(bounds: &BTreeSet<String>) -> BTreeSet<String> {
    let relaxes = |bound: &String| {
        serde_json::from_str::<serde_json::Value>(bound)
            .ok()
            .and_then(|b| {
                let trait_bound = b.get("trait_bound")?;
                let maybe = trait_bound.get("modifier")?.as_str()? == "maybe";
                let path = trait_bound.get("trait")?.get("path")?.as_str()?.to_string();
                Some(maybe && path.rsplit("::").next() == Some("Sized"))
            })
            .unwrap_or(false)
    };
    let mut out: BTreeSet<String> = bounds.iter().filter(|b| !relaxes(b)).cloned().collect();
    if out.len() == bounds.len() {
        out.insert("core::marker::Sized".into());
    }
    out
}

/// The path of a bound that names a trait and nothing more.
fn plain_trait(bound: &str) -> Option<String> {
    use serde_json::Value;
    let bound: Value = serde_json::from_str(bound).ok()?;
    let trait_bound = bound.get("trait_bound")?;
    let no_binder = trait_bound
        .get("generic_params")
        .and_then(Value::as_array)
        .is_none_or(Vec::is_empty);
    let no_modifier = trait_bound.get("modifier").and_then(Value::as_str) == Some("none");
    let path = trait_bound.get("trait")?;
    let empty = |key: &str, args: &Value| {
        args.get(key)
            .and_then(Value::as_array)
            .is_none_or(Vec::is_empty)
    };
    let no_args = match path.get("args") {
        None | Some(Value::Null) => true,
        Some(args) => args
            .get("angle_bracketed")
            .is_some_and(|a| empty("args", a) && empty("constraints", a)),
    };
    (no_binder && no_modifier && no_args)
        .then(|| path.get("path").and_then(Value::as_str).map(str::to_string))
        .flatten()
}

/// Bounds without those another of them implies: the one spelling of a set of bounds, for a
/// signature compared as text (`trait A: Copy + Clone` is `trait A: Copy`).
pub fn reduced(bounds: BTreeSet<String>) -> BTreeSet<String> {
    let implied: BTreeSet<String> = bounds
        .iter()
        .filter_map(|bound| plain_trait(bound))
        .filter_map(|path| IMPLIED.iter().find(|(p, _)| *p == path))
        .flat_map(|(_, implied)| implied.iter().map(|p| p.to_string()))
        .collect();
    bounds
        .into_iter()
        .filter(|bound| plain_trait(bound).is_none_or(|path| !implied.contains(&path)))
        .collect()
}
