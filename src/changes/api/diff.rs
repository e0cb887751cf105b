//! What a difference between two API surfaces means for the version, rule by rule from the
//! Cargo book's "SemVer Compatibility" chapter. A claim of "breaking" must be certain: where
//! a change may or may not break users (a new function type parameter, a function generalised
//! over a parameter), it is reported as possibly breaking, which decides nothing and lets the
//! commits and the changelog speak.

use std::collections::{BTreeMap, BTreeSet};

use super::bounds::{effective, with_implicit_sized};
use super::surface::{
    ApiItem, BLANKET_IMPL, Flags, GenericsSig, Member, Param, Repr, STRUCTURAL_MARKER, Surface,
    UNNAMED_OUTPUT, lifetime_slots,
};
use crate::version::Change;

/// One difference and what it means for the version. `Change::None` with a detail is a
/// possibly-breaking change: worth a note, not a verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiChange {
    pub change: Change,
    /// The item it concerns (`crate::module::Item`).
    pub path: String,
    pub detail: String,
}

/// What changed between two surfaces, breaking changes first.
pub fn diff(old: &Surface, new: &Surface) -> Vec<ApiChange> {
    match named_as_before(old, new) {
        Some(renamed) => diff_named(old, &renamed),
        None => diff_named(old, new),
    }
}

/// `new` with each of the crate's items named in signatures as `old` named it, when that path
/// still names it: a type defined in a private module behind `pub use error::Error` and then
/// in a public `error` module (re-exported as before) is `error::Error` to the new surface,
/// yet every signature naming it means the same type. `None` when no name moved.
fn named_as_before(old: &Surface, new: &Surface) -> Option<Surface> {
    // Each old public path, with the name the old signatures gave its item.
    let named_by: BTreeMap<&str, &str> = old
        .names
        .iter()
        .flat_map(|(name, all)| all.iter().map(move |path| (path.as_str(), name.as_str())))
        .collect();
    let moved: Vec<(String, String)> = new
        .names
        .iter()
        .filter(|(name, _)| !old.names.contains_key(*name))
        .filter_map(|(name, all)| {
            let before = all
                .iter()
                .filter_map(|path| named_by.get(path.as_str()))
                .find(|before| all.contains(**before))?;
            Some((format!("\"{name}\""), format!("\"{before}\"")))
        })
        .collect();
    if moved.is_empty() {
        return None;
    }
    let rename = |text: &mut String| {
        for (now, before) in &moved {
            if text.contains(now.as_str()) {
                *text = text.replace(now.as_str(), before);
            }
        }
    };
    let rename_all = |set: &mut BTreeSet<String>| {
        *set = std::mem::take(set)
            .into_iter()
            .map(|mut text| {
                rename(&mut text);
                text
            })
            .collect();
    };
    let mut renamed = new.clone();
    for item in renamed.items.values_mut() {
        rename(&mut item.signature);
        rename(&mut item.defaulted);
        if let Some(generics) = &mut item.generics {
            for param in generics.params.values_mut() {
                rename_all(&mut param.bounds);
                if let Some(default) = &mut param.default {
                    rename(default);
                }
            }
            rename_all(&mut generics.other);
        }
    }
    Some(renamed)
}

fn diff_named(old: &Surface, new: &Surface) -> Vec<ApiChange> {
    let mut changes = Vec::new();
    for (path, item) in &old.items {
        match new.items.get(path) {
            None if item.kind == STRUCTURAL_MARKER => changes.push(ApiChange {
                change: Change::None,
                path: path.clone(),
                detail: format!(
                    "possibly breaking: {} no longer derives `PartialEq`: a constant of it can \
                     no longer be a pattern",
                    old.shown(path.split("::impl ").next().unwrap_or(path))
                ),
            }),
            None if generalised_impl(path)
                .is_some_and(|general| new.items.contains_key(&general)) =>
            {
                changes.push(ApiChange {
                    change: Change::None,
                    path: path.clone(),
                    detail: format!(
                        "possibly breaking: {} {} moved to a generic impl, where callers on that \
                         type still find it if the impl's bounds hold",
                        item.kind,
                        old.shown(path)
                    ),
                })
            }
            // `impl Tr for Foo` → `impl<T> Tr for T`: Foo keeps the trait. The new blanket
            // impl may overlap impls users wrote for their own types (RFC 1105), which the
            // Cargo book does not rule on.
            None if item.kind == "impl" && new.blanket.contains(path) => changes.push(ApiChange {
                change: Change::None,
                path: path.clone(),
                detail: format!(
                    "possibly breaking: {} now comes from a blanket impl, which may overlap \
                     impls users wrote for their own types",
                    old.shown(path)
                ),
            }),
            None => changes.push(removal(old, new, path, item)),
            Some(now) => changes.extend(compare(path, new.shown(path), item, now)),
        }
    }
    for (path, item) in &new.items {
        // The `PartialEq` impl that comes with it says what was added.
        if old.items.contains_key(path) || item.kind == STRUCTURAL_MARKER {
            continue;
        }
        changes.push(addition(old, new, path, item));
        if let Some(note) = overlap(old, new, path, item) {
            changes.push(note);
        }
    }
    changes.sort_by_key(|c| std::cmp::Reverse(c.change));
    changes
}

/// The key a member of a concrete inherent impl (`Foo<u8>::get`) would have in a generic
/// one (`impl<T> Foo<T>`: `Foo::get`). Generalising the impl keeps the method for `Foo<u8>`,
/// unless the new impl's bounds leave `u8` out, which the surface cannot judge.
fn generalised_impl(path: &str) -> Option<String> {
    let (owner, name) = path.rsplit_once("::")?;
    let owner = owner.strip_suffix('>')?;
    let (base, _) = owner.split_once('<')?;
    Some(format!("{base}::{name}"))
}

fn addition(old: &Surface, new: &Surface, path: &str, item: &ApiItem) -> ApiChange {
    let parent = path
        .rsplit_once("::")
        .and_then(|(parent, _)| old.items.get(parent));
    // What the parent promised before: a struct that gains its last private field's
    // publicity and a new field at once was never buildable by users.
    let was_exhaustive = parent.is_some_and(|p| p.flags.exhaustive == Some(true));
    let shown = new.shown(path);
    let (change, why) = match item.member {
        Member::ExhaustiveVariant if was_exhaustive => (Change::Breaking, " to an exhaustive enum"),
        Member::OpenField if was_exhaustive => {
            (Change::Breaking, " to a struct whose fields are all public")
        }
        // Only the old trait's implementors can break: a trait that was sealed had none.
        Member::RequiredTraitItem if parent.is_some_and(|p| !p.flags.sealed) => {
            (Change::Breaking, " without a default")
        }
        _ => (Change::Feature, ""),
    };
    ApiChange {
        change,
        path: path.to_string(),
        detail: format!("added {} {shown}{why}", item.kind),
    }
}

/// An item gone from the new surface: breaking, unless it is an impl a new blanket impl of
/// the same trait may take over (`impl Tr for String` → `impl<T: Display> Tr for T`: rustdoc
/// lists a blanket impl under the crate's own types only, so whether it reaches another
/// crate's type is for its bounds to say).
fn removal(old: &Surface, new: &Surface, path: &str, item: &ApiItem) -> ApiChange {
    let blanket = (item.kind == "impl")
        .then(|| blanket_of_same_trait(new, path))
        .flatten();
    let (change, detail) = match blanket {
        Some(blanket) => (
            Change::None,
            format!(
                "possibly breaking: {} {} removed; the {BLANKET_IMPL} {} covers its type if \
                 the type meets its bounds",
                item.kind,
                old.shown(path),
                new.shown(blanket)
            ),
        ),
        None => (
            Change::Breaking,
            format!("removed {} {}", item.kind, old.shown(path)),
        ),
    };
    ApiChange {
        change,
        path: path.to_string(),
        detail,
    }
}

/// A blanket impl in `surface` of the trait that the impl keyed `path` (`Tr::impl for String`,
/// one only the trait lists) implements.
fn blanket_of_same_trait<'s>(surface: &'s Surface, path: &str) -> Option<&'s str> {
    let prefix = format!("{}::impl for ", implemented_trait(path)?);
    surface
        .items
        .range(prefix.clone()..)
        .take_while(|(key, _)| key.starts_with(&prefix))
        .find(|(_, item)| item.kind == BLANKET_IMPL)
        .map(|(key, _)| key.as_str())
}

/// The trait, with its arguments, of an impl only the trait lists (keyed `Tr<u8>::impl for
/// String` by `Walk::trait_impls`).
fn implemented_trait(path: &str) -> Option<&str> {
    path.rsplit_once("::impl for ")
        .map(|(implemented, _)| implemented)
}

/// A blanket impl added to a trait users could implement before: where one of their types
/// meets its bounds, their own impl now overlaps it (RFC 1105 calls that breaking; the Cargo
/// book does not rule on it). A trait that is new, or was sealed, had no such impls.
fn overlap(old: &Surface, new: &Surface, path: &str, item: &ApiItem) -> Option<ApiChange> {
    if item.kind != BLANKET_IMPL {
        return None;
    }
    let implemented = implemented_trait(path)?;
    let trait_path = implemented.split('<').next().unwrap_or(implemented);
    let before = old.items.get(trait_path)?;
    if before.flags.sealed {
        return None;
    }
    Some(ApiChange {
        change: Change::None,
        path: path.to_string(),
        detail: format!(
            "possibly breaking: new {BLANKET_IMPL} {}: an impl users wrote for their own type \
             may overlap it",
            new.shown(path)
        ),
    })
}

/// A signature written as JSON, parsed (`None` for one written otherwise: a struct's shape).
fn json(text: &str) -> Option<serde_json::Value> {
    serde_json::from_str(text).ok()
}

/// Whether two signatures (JSON objects) are equal but for `key`, on both sides' keys.
fn equal_but(key: &str, old: &serde_json::Value, new: &serde_json::Value) -> bool {
    let (Some(before), Some(after)) = (old.as_object(), new.as_object()) else {
        return false;
    };
    let same = |k: &String| k == key || before.get(k) == after.get(k);
    before.keys().all(same) && after.keys().all(same)
}

/// The differences of one item present in both; `shown` is its path as written.
fn compare(path: &str, shown: &str, old: &ApiItem, new: &ApiItem) -> Vec<ApiChange> {
    let mut found = Vec::new();
    let mut say = |change: Change, what: String| {
        found.push(ApiChange {
            change,
            path: path.to_string(),
            detail: format!("changed {} {shown}: {what}", old.kind),
        });
    };
    let generalised = match (&old.generics, &new.generics) {
        (Some(before), Some(after)) => after.params.keys().any(|k| !before.params.contains_key(k)),
        _ => false,
    };
    let is_fn = matches!(old.kind, "fn" | "method");
    if old.kind == "trait" {
        for (change, what) in trait_promises(old, new) {
            say(change, what);
        }
    } else if let Some(verdict) = struct_shape_change(path, old, new) {
        if let Some((change, what)) = verdict {
            say(change, what);
        }
    } else if let Some(fields) = non_exhaustive_variant_fields(old, new) {
        for (change, what) in fields {
            say(change, what);
        }
    } else if old.kind == "variant" && braces_became_unit(&old.signature, &new.signature) {
        let name = path.rsplit("::").next().unwrap_or(path);
        say(
            Change::Feature,
            format!("can now be written as `{name}` (`{name} {{}}` still builds and matches it)"),
        );
    } else if old.signature != new.signature && old.signature != new.defaulted {
        if is_fn && generalised {
            say(
                Change::None,
                "possibly breaking: generalised over new type parameters (compatible when the \
                 old argument types still fit)"
                    .into(),
            );
        } else if let Some(verdict) = is_fn
            .then(|| opaque_change(&old.signature, &new.signature))
            .flatten()
        {
            if let Some((change, what)) = verdict {
                say(change, what);
            }
        } else if let Some((change, what)) =
            future_output_change(old.kind, &old.signature, &new.signature)
        {
            say(change, what);
        } else if is_fn && static_loosened(&old.signature, &new.signature) {
            say(
                Change::Feature,
                "an argument's `'static` reference may now live shorter".into(),
            );
        } else if is_fn && coerced_arguments(&old.signature, &new.signature) {
            say(
                Change::None,
                "possibly breaking: an argument became what it derefs to (`&String` → `&str`, \
                 `&Vec<T>` → `&[T]`, …): calls still coerce, a function pointer or an argument \
                 whose type was inferred from it may not"
                    .into(),
            );
        } else if let Some(why) = unsure(&old.signature, &new.signature) {
            say(Change::None, format!("possibly breaking: {why}"));
        } else if old.kind == "method" && receiver_relaxed(&old.signature, &new.signature) {
            say(
                Change::None,
                "possibly breaking: its first argument is a shared reference where it was \
                 `&mut` (`&mut self` → `&self`: calls still compile, a function pointer to it \
                 does not)"
                    .into(),
            );
        } else {
            say(Change::Breaking, "new signature".into());
        }
    }
    if let (Some(before), Some(after)) = (&old.generics, &new.generics) {
        let compared = if matches!(old.kind, "impl" | BLANKET_IMPL) {
            impl_generics(before, after)
        } else {
            generics(before, after, is_fn)
        };
        for (change, what) in compared {
            say(change, what);
        }
    }
    for (change, what) in flags(&old.flags, &new.flags) {
        say(change, what);
    }
    found
}

/// The fields of a variant that is `#[non_exhaustive]` on both sides, where the signatures
/// differ: users neither build it nor match it without `..`, so a field added is a feature
/// (the Cargo book's mitigation for enum-fields-new); one removed or changed breaks code
/// that reads it. `None` for another item, or a variant that changed kind.
fn non_exhaustive_variant_fields(old: &ApiItem, new: &ApiItem) -> Option<Vec<(Change, String)>> {
    if old.kind != "variant"
        || old.flags.exhaustive != Some(false)
        || new.flags.exhaustive != Some(false)
    {
        return None;
    }
    let (before, after) = (json(&old.signature)?, json(&new.signature)?);
    if before[1] != after[1] {
        return None;
    }
    let mut found = Vec::new();
    match (&before[0], &after[0]) {
        (serde_json::Value::Object(was), serde_json::Value::Object(is)) => {
            for (name, ty) in was {
                match is.get(name) {
                    None => found.push((Change::Breaking, format!("field `{name}` removed"))),
                    Some(now) if now != ty => {
                        found.push((Change::Breaking, format!("field `{name}` changed type")));
                    }
                    Some(_) => {}
                }
            }
            for name in is.keys().filter(|name| !was.contains_key(*name)) {
                found.push((Change::Feature, format!("field `{name}` added")));
            }
        }
        (serde_json::Value::Array(was), serde_json::Value::Array(is)) => {
            if is.len() > was.len() && is.starts_with(was) {
                found.push((Change::Feature, "fields added after the ones it had".into()));
            } else {
                found.push((Change::Breaking, "its fields changed".into()));
            }
        }
        _ => return None,
    }
    Some(found)
}

/// A variant without fields written `V {}` that became `V`: `E::V {}` still builds and
/// matches a unit variant, and `E::V` is new. The way back takes `E::V` away.
fn braces_became_unit(old: &str, new: &str) -> bool {
    let (Some(old), Some(new)) = (json(old), json(new)) else {
        return false;
    };
    old[0].as_object().is_some_and(serde_json::Map::is_empty)
        && new[0] == "plain"
        && old[1] == new[1]
}

/// A trait's promises: `unsafe`, `auto`, its supertraits and whether users may implement it.
/// A supertrait gone takes its methods from code bounded by the trait; one added asks more of
/// implementors, of whom a sealed trait has none (the Cargo book's sealed-trait mitigation),
/// so there it gives callers more. Sealing a trait breaks its implementors; unsealing it lets
/// users implement it.
fn trait_promises(old: &ApiItem, new: &ApiItem) -> Vec<(Change, String)> {
    let mut found = Vec::new();
    let (before, after) = (
        json(&old.signature).unwrap_or_default(),
        json(&new.signature).unwrap_or_default(),
    );
    for (key, what) in [("unsafe", "`unsafe`"), ("auto", "an auto trait")] {
        if before[key] != after[key] {
            let now = if after[key] == true {
                "now"
            } else {
                "no longer"
            };
            found.push((Change::Breaking, format!("{now} {what}")));
        }
    }
    let set = |value: &serde_json::Value| -> BTreeSet<String> {
        value["supertraits"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|b| b.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (was, is) = (effective(&set(&before)), effective(&set(&after)));
    let named = |bounds: Vec<&String>| {
        bounds
            .iter()
            .map(|b| format!("`{b}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let lost: Vec<&String> = was.difference(&is).collect();
    if !lost.is_empty() {
        found.push((
            Change::Breaking,
            format!("supertrait {} removed", named(lost)),
        ));
    }
    let gained: Vec<&String> = is.difference(&was).collect();
    if !gained.is_empty() {
        found.push(if old.flags.sealed {
            (
                Change::Feature,
                format!(
                    "new supertrait {} (sealed: only this crate implements it)",
                    named(gained)
                ),
            )
        } else {
            (
                Change::Breaking,
                format!(
                    "new supertrait {}: implementors must implement it too",
                    named(gained)
                ),
            )
        });
    }
    match (old.flags.sealed, new.flags.sealed) {
        (false, true) => found.push((
            Change::Breaking,
            "now sealed: users can no longer implement it".into(),
        )),
        (true, false) => found.push((
            Change::Feature,
            "no longer sealed: users can implement it".into(),
        )),
        _ => {}
    }
    found
}

/// What a struct's new shape means where the old one, or the new one, is no shape users can
/// write: "opaque" (no public field, not exhaustive: built by no one outside, matched only as
/// `S { .. }`) or "empty" (`S {}`, which a unit or tuple struct also accepts). The fields added
/// or removed, and the exhaustive flag, say the rest (making `a` public in
/// `struct S { a: u8, b: u8 }` is a feature); a unit or tuple struct's own spelling (`S`,
/// `S(…)`) gone breaks its users. `None` for two shapes users write, which differ outright.
fn struct_shape_change(
    path: &str,
    old: &ApiItem,
    new: &ApiItem,
) -> Option<Option<(Change, String)>> {
    let (before, after) = (old.signature.as_str(), new.signature.as_str());
    let unwritten = |shape: &str| matches!(shape, "opaque" | "empty");
    if old.kind != "struct" || !(unwritten(before) || unwritten(after)) {
        return None;
    }
    let name = path.rsplit("::").next().unwrap_or(path);
    let spelling = |shape: &str| match shape {
        "unit" => Some(format!("`{name}`")),
        "tuple" => Some(format!("`{name}(…)`")),
        _ => None,
    };
    Some(match (spelling(before), spelling(after)) {
        (Some(was), _) => Some((
            Change::Breaking,
            format!("can no longer be written as {was}"),
        )),
        (None, Some(is)) => Some((Change::Feature, format!("can now be written as {is}"))),
        (None, None) => None,
    })
}

/// Signatures that differ only in the bounds of their `impl Trait` types. A return type that
/// promises more (`impl Display` → `impl Display + Copy`, anstyle 1.0.4) or captures fewer
/// generic parameters (`use<'a, 'b>` → `use<'a>`) gives callers more; one that promises less
/// or captures more (the book's generic-rpit-capture) takes from them. An argument is the
/// other way round: asking less of it is compatible. A `use<…>` added or removed changes what
/// is captured by the edition's default: possibly breaking. `None` when something else
/// changed; `Some(None)` when the bounds only say the same (`Copy + Clone` and `Copy`).
fn opaque_change(old: &str, new: &str) -> Option<Option<(Change, String)>> {
    let old = Opaque::of(old)?;
    let new = Opaque::of(new)?;
    if old.rest != new.rest
        || old.output.len() != new.output.len()
        || old.inputs.len() != new.inputs.len()
    {
        return None;
    }
    let mut takes = Vec::new();
    let mut gives = Vec::new();
    let mut unsure = false;
    for (before, after) in old.output.iter().zip(&new.output) {
        let (dropped, added) = bounds_moved(before, after);
        if dropped {
            takes.push("its `impl Trait` return promises less");
        }
        if added {
            gives.push("its `impl Trait` return promises more");
        }
        match (&before.captures, &after.captures) {
            (Some(a), Some(b)) if !b.is_subset(a) => {
                takes.push("its `impl Trait` return captures more generic parameters");
            }
            (Some(a), Some(b)) if a != b => {
                gives.push("its `impl Trait` return captures fewer generic parameters");
            }
            (Some(_), None) | (None, Some(_)) => unsure = true,
            _ => {}
        }
    }
    for (before, after) in old.inputs.iter().zip(&new.inputs) {
        let (dropped, added) = bounds_moved(before, after);
        if added {
            takes.push("an `impl Trait` argument must satisfy more");
        }
        if dropped {
            gives.push("an `impl Trait` argument must satisfy less");
        }
    }
    Some(Some(if !takes.is_empty() {
        (Change::Breaking, takes.join("; "))
    } else if unsure {
        (
            Change::None,
            "possibly breaking: `use<…>` added to or removed from its `impl Trait` return \
             (without one, what it captures depends on the edition)"
                .into(),
        )
    } else if !gives.is_empty() {
        (Change::Feature, gives.join("; "))
    } else {
        return Some(None);
    }))
}

/// Whether `after` drops a bound `before` had, and whether it adds one, implied ones aside.
fn bounds_moved(before: &Bounds, after: &Bounds) -> (bool, bool) {
    let (was, is) = (effective(&before.promises), effective(&after.promises));
    (!was.is_subset(&is), !is.is_subset(&was))
}

/// An `async fn` (or `-> impl Future<Output = T>`) against a bare `-> impl Future`, all else
/// equal; cargo semver-checks holds them equivalent. Hiding the output takes its type from
/// callers: `()` nobody uses (a possibly-breaking note), anything else breaks
/// `let n: u32 = f().await`. Naming it gives callers more, but a trait's implementors must then
/// produce that type: possibly breaking there.
fn future_output_change(kind: &str, old: &str, new: &str) -> Option<(Change, String)> {
    // A trait item's signature is followed by its generics, written out.
    let parse = |text: &str| {
        let mut values = serde_json::Deserializer::from_str(text).into_iter::<serde_json::Value>();
        let value = values.next()?.ok()?;
        Some((value, text[values.byte_offset()..].to_string()))
    };
    let ((old, old_generics), (new, new_generics)) = (parse(old)?, parse(new)?);
    let rest_equal = old_generics == new_generics && equal_but("output", &old, &new);
    let unnamed = |v: &serde_json::Value| v["output"].as_str() == Some(UNNAMED_OUTPUT);
    if !rest_equal {
        return None;
    }
    match (unnamed(&old), unnamed(&new)) {
        (false, true) if old["output"].is_null() => Some((
            Change::None,
            "possibly breaking: returns a bare `impl Future` where its future gave `()` \
             (callers can no longer name the output)"
                .into(),
        )),
        (false, true) => Some((
            Change::Breaking,
            "returns a bare `impl Future`: callers can no longer name the output its future gave"
                .into(),
        )),
        (true, false) if kind == "trait item" => Some((
            Change::None,
            "possibly breaking: its future's output is named where it was a bare `impl Future` \
             (implementors' futures must now give that type)"
                .into(),
        )),
        (true, false) => Some((
            Change::Feature,
            "its future's output is named where it was a bare `impl Future`".into(),
        )),
        _ => None,
    }
}

/// Two signatures that differ where rustdoc cannot tell whether anything changed for users:
/// a const generic argument it does not spell out (`{ _ }`, zerovec's `RawBytesULE<{ _ }>`
/// where the old text said `16`), or an `impl Trait` return that became a named type
/// (litemap's `iter`: compatible when the type gives all the `impl Trait` promised).
fn unsure(old: &str, new: &str) -> Option<&'static str> {
    let (old, new) = (json(old)?, json(new)?);
    if same_but_unspelled_consts(&old, &new) {
        return Some("a const generic argument rustdoc does not spell out may have changed");
    }
    let opaque = |v: &serde_json::Value| {
        v.get("output")
            .is_some_and(|o| o.get("impl_trait").is_some())
    };
    (equal_but("output", &old, &new) && opaque(&old) && !opaque(&new) && !new["output"].is_null())
        .then_some(
            "returns a named type where it returned `impl Trait` (compatible when that type \
         gives all the `impl Trait` promised)",
        )
}

/// A function whose signatures differ only in arguments' `'static` lifetimes that became a
/// lifetime of their own (`&'static str` → `&str`, used nowhere else): every argument callers
/// gave still fits, and so does the function where a pointer to the old one did.
fn static_loosened(old: &str, new: &str) -> bool {
    let (Some(mut old), Some(mut new)) = (json(old), json(new)) else {
        return false;
    };
    // Lifetimes named once in the whole signature constrain nothing: one name for all.
    let once = |value: &mut serde_json::Value| {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        lifetime_slots(value, &mut |slot| {
            if let serde_json::Value::String(name) = slot {
                *counts.entry(name.clone()).or_default() += 1;
            }
        });
        // The others by order of first use, as a slot before them may have become one.
        let mut order: BTreeMap<String, String> = BTreeMap::new();
        lifetime_slots(value, &mut |slot| {
            let serde_json::Value::String(name) = slot else {
                return;
            };
            if !name.starts_with("'fn") {
                return;
            }
            if counts.get(name.as_str()) == Some(&1) {
                *name = "'once".into();
            } else {
                let next = format!("'many{}", order.len());
                *name = order.entry(name.clone()).or_insert(next).clone();
            }
        });
    };
    once(&mut old);
    once(&mut new);
    if old == new {
        return false;
    }
    // Where the old signature said `'static` and the new one a lifetime used once, put
    // `'static` back: then nothing else may differ.
    let mut loosened = false;
    if let (Some(now), Some(was)) = (new.get_mut("inputs"), old.get("inputs")) {
        restore_static(now, was, &mut loosened);
    }
    loosened && old == new
}

fn restore_static(new: &mut serde_json::Value, old: &serde_json::Value, loosened: &mut bool) {
    match (new, old) {
        (serde_json::Value::String(now), serde_json::Value::String(was))
            if now == "'once" && was == "'static" =>
        {
            *now = was.clone();
            *loosened = true;
        }
        (serde_json::Value::Array(now), serde_json::Value::Array(was)) => {
            for (n, w) in now.iter_mut().zip(was) {
                restore_static(n, w, loosened);
            }
        }
        (serde_json::Value::Object(now), serde_json::Value::Object(was)) => {
            for (key, n) in now.iter_mut() {
                if let Some(w) = was.get(key) {
                    restore_static(n, w, loosened);
                }
            }
        }
        _ => {}
    }
}

/// A function whose signatures differ only in arguments that went from an owning type behind a
/// reference to what it derefs to (`&String` → `&str`, `&Vec<T>` → `&[T]`, `&Box<T>` → `&T`,
/// `&PathBuf` → `&Path`, `&OsString` → `&OsStr`, `&CString` → `&CStr`): every argument callers
/// pass still coerces at the call.
fn coerced_arguments(old: &str, new: &str) -> bool {
    let (Some(old), Some(new)) = (json(old), json(new)) else {
        return false;
    };
    let (Some(was), Some(is)) = (old["inputs"].as_array(), new["inputs"].as_array()) else {
        return false;
    };
    equal_but("inputs", &old, &new)
        && was.len() == is.len()
        && was != is
        && was.iter().zip(is).all(|(a, b)| a == b || derefs_to(a, b))
}

/// Whether `&A` (or `&mut A`) became `&B` where `A: Deref<Target = B>` for one of std's
/// owning types.
fn derefs_to(old: &serde_json::Value, new: &serde_json::Value) -> bool {
    let (Some(a), Some(b)) = (old.get("borrowed_ref"), new.get("borrowed_ref")) else {
        return false;
    };
    if a["lifetime"] != b["lifetime"] || a["is_mutable"] != b["is_mutable"] {
        return false;
    }
    let (owner, target) = (&a["type"], &b["type"]);
    let Some(path) = owner
        .pointer("/resolved_path/path")
        .and_then(serde_json::Value::as_str)
    else {
        return false;
    };
    if !["alloc::", "std::", "core::"]
        .iter()
        .any(|p| path.starts_with(p))
    {
        return false;
    }
    let argument = owner
        .pointer("/resolved_path/args/angle_bracketed/args/0/type")
        .cloned()
        .unwrap_or_default();
    let named = |name: &str| {
        target
            .pointer("/resolved_path/path")
            .and_then(serde_json::Value::as_str)
            .is_some_and(|p| p.rsplit("::").next() == Some(name))
    };
    match path.rsplit("::").next().unwrap_or_default() {
        "String" => target == &serde_json::json!({ "primitive": "str" }),
        "Vec" => target == &serde_json::json!({ "slice": argument }),
        "Box" => !argument.is_null() && target == &argument,
        "PathBuf" => named("Path"),
        "OsString" => named("OsStr"),
        "CString" => named("CStr"),
        _ => false,
    }
}

/// An inherent method whose signatures differ only in a `&mut self` that became `&self` (or
/// another `&mut` first argument that became `&`: rustdoc's `Self` is the type by then): a
/// method call, and `S::f(&mut s)` by coercion, still compile. A trait's method is another
/// matter (its implementors write the receiver), and so is the way back, which breaks every
/// caller holding a shared reference.
fn receiver_relaxed(old: &str, new: &str) -> bool {
    let (Some(mut old), Some(new)) = (json(old), json(new)) else {
        return false;
    };
    let receiver = |value: &serde_json::Value| {
        value
            .get("inputs")
            .and_then(|inputs| inputs.get(0))
            .and_then(|first| first.get("borrowed_ref"))
            .and_then(|r| r.get("is_mutable"))
            .and_then(serde_json::Value::as_bool)
    };
    if receiver(&old) != Some(true) || receiver(&new) != Some(false) {
        return false;
    }
    if let Some(flag) = old.pointer_mut("/inputs/0/borrowed_ref/is_mutable") {
        *flag = serde_json::Value::Bool(false);
    }
    old == new
}

/// Equal, a const generic argument rustdoc does not spell out (not a literal) matching any.
fn same_but_unspelled_consts(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    let unspelled = |v: &Value| {
        v.get("const")
            .and_then(|c| c.get("is_literal"))
            .is_some_and(|literal| literal == &Value::Bool(false))
    };
    if a.get("const").is_some() && b.get("const").is_some() && (unspelled(a) || unspelled(b)) {
        return true;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_but_unspelled_consts(v, w)))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(v, w)| same_but_unspelled_consts(v, w))
        }
        _ => a == b,
    }
}

/// A function signature's `impl Trait` types, their bounds taken out of the rest.
struct Opaque {
    rest: String,
    inputs: Vec<Bounds>,
    output: Vec<Bounds>,
}

struct Bounds {
    /// Traits and lifetimes the type is known to meet.
    promises: BTreeSet<String>,
    /// The generic parameters a `use<…>` bound names.
    captures: Option<BTreeSet<String>>,
}

impl Opaque {
    fn of(signature: &str) -> Option<Self> {
        fn walk(value: &mut serde_json::Value, found: &mut Vec<Bounds>) {
            match value {
                serde_json::Value::Object(map) => {
                    if let Some(serde_json::Value::Array(bounds)) = map.get_mut("impl_trait") {
                        let mut opaque = Bounds {
                            promises: BTreeSet::new(),
                            captures: None,
                        };
                        for bound in bounds.drain(..) {
                            match bound.get("use").and_then(|u| u.as_array()) {
                                Some(args) => {
                                    opaque.captures =
                                        Some(args.iter().map(ToString::to_string).collect());
                                }
                                None => {
                                    opaque.promises.insert(bound.to_string());
                                }
                            }
                        }
                        found.push(opaque);
                    }
                    map.values_mut().for_each(|v| walk(v, found));
                }
                serde_json::Value::Array(items) => items.iter_mut().for_each(|v| walk(v, found)),
                _ => {}
            }
        }
        let mut value = json(signature)?;
        let (mut inputs, mut output) = (Vec::new(), Vec::new());
        if let Some(v) = value.get_mut("inputs") {
            walk(v, &mut inputs);
        }
        if let Some(v) = value.get_mut("output") {
            walk(v, &mut output);
        }
        // What a `-> impl Future<Output = T> + use<…>` read as an `async fn` captures.
        let captures = value
            .as_object_mut()
            .and_then(|map| map.remove("captures"))
            .and_then(|named| named.as_array().cloned());
        output.push(Bounds {
            promises: BTreeSet::new(),
            captures: captures.map(|named| named.iter().map(ToString::to_string).collect()),
        });
        Some(Opaque {
            rest: value.to_string(),
            inputs,
            output,
        })
    }
}

fn generics(old: &GenericsSig, new: &GenericsSig, is_fn: bool) -> Vec<(Change, String)> {
    let mut found = Vec::new();
    for (key, before) in &old.params {
        let name = &before.name;
        let Some(after) = new.params.get(key) else {
            found.push((
                Change::Breaking,
                format!("generic parameter `{name}` removed"),
            ));
            continue;
        };
        if before.kind != after.kind {
            found.push((
                Change::Breaking,
                format!("generic parameter `{name}` changed kind"),
            ));
        }
        let asked = |param: &Param| asked(param.kind, &param.bounds);
        if let Some(change) = set_change(&asked(before), &asked(after)) {
            let what = if change == Change::Breaking {
                "bounds tightened"
            } else {
                "bounds loosened"
            };
            found.push((change, format!("`{name}`: {what}")));
        }
        match (before.synthetic, after.synthetic) {
            (false, true) => found.push((
                Change::Breaking,
                format!("`{name}` became an `impl Trait` argument, which a turbofish cannot give"),
            )),
            (true, false) => found.push((
                Change::Feature,
                format!(
                    "an `impl Trait` argument became `{}`, which a turbofish can give",
                    after.name
                ),
            )),
            _ => {}
        }
        match (&before.default, &after.default) {
            (None, Some(_)) => found.push((Change::Feature, format!("`{name}` got a default"))),
            (Some(_), None) => found.push((Change::Breaking, format!("`{name}` lost its default"))),
            (Some(a), Some(b)) if a != b => {
                found.push((Change::Breaking, format!("`{name}`'s default changed")));
            }
            _ => {}
        }
    }
    for (key, param) in &new.params {
        if old.params.contains_key(key) {
            continue;
        }
        let name = &param.name;
        let change = match (param.kind, param.default.is_some()) {
            // Callers naming the parameters with a turbofish break; the others do not.
            _ if is_fn => Change::None,
            // `S` still names `S<Default>` (the book's defaulted type parameter; a defaulted
            // const parameter reads the same).
            ("type" | "const", true) => Change::Feature,
            _ => Change::Breaking,
        };
        let what = if change == Change::None {
            format!("possibly breaking: new generic parameter `{name}`")
        } else {
            format!("new generic parameter `{name}`")
        };
        found.push((change, what));
    }
    if let Some(change) = set_change(&old.other, &new.other) {
        found.push((change, "where-clauses changed".into()));
    }
    found
}

/// A trait impl's generics, as what they ask of the types it covers. A type parameter asking
/// more (`impl<T: Clone>` → `impl<T: Clone + Debug>`, or a synthetic `Send` that now needs
/// `T: Sync` because a private `Box<T>` became an `Arc<T>`) leaves some types without the impl:
/// breaking. Asking less covers more: a feature. Lifetimes and their bounds are left out (an
/// elided `'a` is the same impl). Other type parameters, or where-clauses on other types than
/// a parameter (`Inner<T>: Unpin`, often a private type), cannot be judged from the surface:
/// possibly breaking.
fn impl_generics(old: &GenericsSig, new: &GenericsSig) -> Vec<(Change, String)> {
    let types = |sig: &GenericsSig| -> Vec<(String, String, BTreeSet<String>)> {
        sig.params
            .iter()
            .filter(|(_, p)| p.kind != "lifetime")
            .map(|(key, p)| {
                let bounds: BTreeSet<String> = p
                    .bounds
                    .iter()
                    .filter(|b| !b.contains("\"outlives\""))
                    .cloned()
                    .collect();
                (key.clone(), p.name.clone(), asked(p.kind, &bounds))
            })
            .collect()
    };
    let (before, after) = (types(old), types(new));
    let mut found = Vec::new();
    let same_params =
        before.len() == after.len() && before.iter().zip(&after).all(|(a, b)| a.0 == b.0);
    if !same_params {
        // `impl Tr for W<u8>` → `impl<T: Foo> Tr for W<T>` covers more types, or fewer: `u8`
        // may not be `Foo`.
        found.push((
            Change::None,
            "possibly breaking: its type parameters changed, so it may cover other types".into(),
        ));
        return found;
    }
    // Lifetimes are named by position: with one gone, a bound naming a later one reads anew.
    let lifetimes =
        |sig: &GenericsSig| sig.params.values().filter(|p| p.kind == "lifetime").count();
    let renamed = lifetimes(old) != lifetimes(new);
    for ((_, name, asked_before), (_, _, asked_after)) in before.iter().zip(&after) {
        match set_change(asked_before, asked_after) {
            Some(Change::Breaking) if renamed => found.push((
                Change::None,
                format!("possibly breaking: `{name}`'s bounds changed with the impl's lifetimes"),
            )),
            // yoke 0.8.4's soundness fix: `impl Send … where C: Sync` → `where C: Send`.
            Some(Change::Breaking) if !asked_before.is_subset(asked_after) => found.push((
                Change::Breaking,
                format!("`{name}` must satisfy other bounds, so some types that had it lose it"),
            )),
            Some(Change::Breaking) => found.push((
                Change::Breaking,
                format!("`{name}` must satisfy more bounds, so fewer types have it"),
            )),
            Some(change) => found.push((
                change,
                format!("`{name}` must satisfy fewer bounds, so more types have it"),
            )),
            None => {}
        }
    }
    match set_change(&old.other, &new.other) {
        Some(Change::Breaking) => found.push((
            Change::None,
            "possibly breaking: its where-clauses on other types changed".to_string(),
        )),
        Some(change) => found.push((change, "where-clauses loosened".to_string())),
        None => {}
    }
    found
}

/// What a generic parameter of `kind` with `bounds` asks of the types given for it: `T: Copy`
/// and `T: Copy + Clone` ask the same, and a type parameter is `Sized` unless it says `?Sized`.
fn asked(kind: &str, bounds: &BTreeSet<String>) -> BTreeSet<String> {
    match kind {
        "type" => effective(&with_implicit_sized(bounds)),
        _ => effective(bounds),
    }
}

/// Fewer requirements are compatible, more (or different) ones are not.
fn set_change(old: &BTreeSet<String>, new: &BTreeSet<String>) -> Option<Change> {
    if old == new {
        None
    } else if new.is_subset(old) {
        Some(Change::Feature)
    } else {
        Some(Change::Breaking)
    }
}

fn flags(old: &Flags, new: &Flags) -> Vec<(Change, String)> {
    let mut found = Vec::new();
    let mut one_way =
        |before: bool, after: bool, gained: &str, lost: &str, gaining_breaks: bool| {
            if before == after {
                return;
            }
            let (what, breaks) = if after {
                (gained, gaining_breaks)
            } else {
                (lost, !gaining_breaks)
            };
            let change = if breaks {
                Change::Breaking
            } else {
                Change::Feature
            };
            found.push((change, what.to_string()));
        };
    one_way(
        old.is_const,
        new.is_const,
        "now const",
        "no longer const",
        false,
    );
    // A trait's implementors write the method out: their `unsafe fn` no longer matches a
    // safe one (cargo semver-checks' trait_method_unsafe_removed), unless none can exist.
    let implemented = old.required.is_some() && !old.sealed;
    let lost_unsafe = if implemented {
        "no longer unsafe: implementors' `unsafe fn` no longer matches it"
    } else {
        "no longer unsafe"
    };
    one_way(
        old.is_unsafe,
        new.is_unsafe,
        "now unsafe",
        lost_unsafe,
        !(implemented && old.is_unsafe),
    );
    if let (Some(a), Some(b)) = (old.exhaustive, new.exhaustive) {
        one_way(
            a,
            b,
            "can now be built or matched exhaustively",
            "can no longer be built or matched exhaustively (#[non_exhaustive], a private field or a \
             hidden variant)",
            false,
        );
    }
    if let (Some(a), Some(b)) = (old.dyn_compatible, new.dyn_compatible) {
        one_way(
            a,
            b,
            "now dyn-compatible",
            "no longer dyn-compatible",
            false,
        );
    }
    // Only the crate implements a sealed trait: its items may lose their defaults.
    if let (Some(a), Some(b)) = (old.required, new.required)
        && !old.sealed
    {
        one_way(a, b, "lost its default", "got a default", true);
    }
    if let (Some(a), Some(b)) = (old.cast, new.cast)
        && a != b
    {
        found.push((
            Change::Breaking,
            format!("its value as an integer (an `as` cast) changed from {a} to {b}"),
        ));
    }
    if let (Some(a), Some(b)) = (&old.ordered, &new.ordered) {
        let kept = |order: &Vec<String>, other: &Vec<String>| -> Vec<String> {
            order
                .iter()
                .filter(|n| other.contains(n))
                .cloned()
                .collect()
        };
        if kept(a, b) != kept(b, a) {
            found.push((
                Change::Breaking,
                format!(
                    "reordered: its derived `PartialOrd` compares {} where it compared {}",
                    kept(b, a).join(" < "),
                    kept(a, b).join(" < ")
                ),
            ));
        }
    }
    found.extend(repr(old.repr.as_ref(), new.repr.as_ref()));
    match (&old.symbol, &new.symbol) {
        (Some(a), None) => {
            found.push((Change::Breaking, format!("no longer exports symbol `{a}`")))
        }
        (Some(a), Some(b)) if a != b => {
            found.push((Change::Breaking, format!("exports `{b}` instead of `{a}`")));
        }
        (None, Some(b)) => found.push((Change::Feature, format!("now exports symbol `{b}`"))),
        _ => {}
    }
    if let Some(change) = set_change(&old.target_features, &new.target_features) {
        found.push((change, "target features changed".into()));
    }
    // A new warning for users is a minor change; one gone changes nothing they must do.
    for lint in new.lints.difference(&old.lints) {
        found.push((Change::Feature, format!("now #[{lint}]")));
    }
    if let (Some(before), Some(after)) = (&old.value, &new.value)
        && before != after
    {
        found.push((
            Change::None,
            format!(
                "possibly breaking: its value changed from {before} to {after} (a pattern or an \
                 array length using it sees the new one)"
            ),
        ));
    }
    found
}

/// Layout promises: adding `repr(C)`, `repr(transparent)` or an enum's `repr(<int>)` to the
/// default representation is compatible; removing or changing any, touching `packed`/`align`,
/// or reordering a `repr(C)` struct's public fields changes a well-defined layout.
fn repr(old: Option<&Repr>, new: Option<&Repr>) -> Vec<(Change, String)> {
    let default = Repr::default();
    let (old, new) = (old.unwrap_or(&default), new.unwrap_or(&default));
    let mut found = Vec::new();
    if old.kind != new.kind {
        let change = if old.kind.is_empty() {
            Change::Feature
        } else {
            Change::Breaking
        };
        let name = |k: &str| {
            if k.is_empty() {
                "Rust".to_string()
            } else {
                k.to_string()
            }
        };
        found.push((
            change,
            format!("repr({}) became repr({})", name(&old.kind), name(&new.kind)),
        ));
    }
    match (&old.int, &new.int) {
        (None, Some(int)) => found.push((Change::Feature, format!("now repr({int})"))),
        (Some(int), None) => found.push((Change::Breaking, format!("no longer repr({int})"))),
        (Some(a), Some(b)) if a != b => {
            found.push((Change::Breaking, format!("repr({a}) became repr({b})")));
        }
        _ => {}
    }
    if old.packed != new.packed {
        found.push((Change::Breaking, "repr(packed) changed".into()));
    }
    if old.align != new.align {
        found.push((Change::Breaking, "repr(align) changed".into()));
    }
    if old.kind == "C" && new.kind == "C" && moves_public_fields(&old.fields, &new.fields) {
        found.push((
            Change::Breaking,
            "repr(C) public fields moved (reordered, or a field inserted before one)".into(),
        ));
    }
    found
}

/// Whether a `repr(C)` struct's public fields sit at other offsets now: two of them swapped,
/// or a new one inserted before an old one. Appending after them keeps every offset (a
/// removed field is judged as a removed item).
fn moves_public_fields(old: &[String], new: &[String]) -> bool {
    let kept_old: Vec<&String> = old.iter().filter(|f| new.contains(f)).collect();
    let kept_new: Vec<&String> = new.iter().filter(|f| old.contains(f)).collect();
    let last_kept = new.iter().rposition(|f| old.contains(f));
    let inserted_before =
        last_kept.is_some_and(|last| new[..last].iter().any(|f| !old.contains(f)));
    kept_old != kept_new || inserted_before
}
