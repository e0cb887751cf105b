//! The API diff against the Cargo book's "SemVer Compatibility" rules: one case per rule (our
//! own code, the same shapes), each a module of an "old" and a "new" crate, both documented
//! once with rustdoc JSON. A case's verdict is the largest change the diff reports inside its
//! module; "possibly" means no verdict, only a note saying "possibly breaking", and "minor,
//! noted" a feature that such a note comes with.

use std::path::Path;

use cargo_ship::changes::api::{self, ApiChange, Surface};
use cargo_ship::version::Change;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Major,
    Minor,
    /// Nothing a user of the API can see changed.
    Nothing,
    /// Said as a note, not claimed.
    Possibly,
    /// A feature, said with a note that it may still break some users.
    MinorNoted,
}
use Expect::*;

/// (case, old source, new source, what the diff must say)
const CASES: &[Case] = &[
    // Items
    ("item_remove", "pub fn foo() {}", "", Major),
    ("item_new", "", "pub fn foo() {}", Minor),
    (
        "private_change",
        "fn helper(_: u8) {}",
        "fn helper(_: u16) {}",
        Nothing,
    ),
    (
        "docs_only",
        "/// Old.\npub fn f() {}",
        "/// New words.\npub fn f() {}",
        Nothing,
    ),
    // Structs
    (
        "struct_add_private_field_when_public",
        "pub struct S { pub a: i32 }",
        "pub struct S { pub a: i32, b: i32 }",
        Major,
    ),
    (
        "struct_add_public_field_when_no_private",
        "pub struct S { pub a: i32 }",
        "pub struct S { pub a: i32, pub b: i32 }",
        Major,
    ),
    // `S {}` builds a unit or tuple struct too; one nobody outside builds (no public field,
    // `#[non_exhaustive]`) has no shape for users to rely on.
    (
        "struct_empty_braces_to_unit",
        "pub struct S {}",
        "pub struct S;",
        Minor,
    ),
    (
        "struct_unit_to_empty_braces",
        "pub struct S;",
        "pub struct S {}",
        Major,
    ),
    (
        "struct_empty_tuple_to_empty_braces",
        "pub struct S();",
        "pub struct S {}",
        Major,
    ),
    (
        "struct_non_exhaustive_unit_to_braces",
        "#[non_exhaustive]\npub struct S;",
        "#[non_exhaustive]\npub struct S {}",
        Nothing,
    ),
    (
        "struct_private_fields_with_private",
        "pub struct S { a: i32 }",
        "pub struct S { a: i32, b: f64 }",
        Nothing,
    ),
    // Making a field public beside a private one gives users the field, nothing else.
    (
        "struct_private_field_made_public",
        "pub struct S { a: u8, b: u8 }",
        "pub struct S { pub a: u8, b: u8 }",
        Minor,
    ),
    (
        "struct_public_field_made_private",
        "pub struct S(pub u8, u8);",
        "pub struct S(u8, u8);",
        Major,
    ),
    (
        "struct_tuple_normal_with_private",
        "pub struct S(i32);",
        "pub struct S { a: i32 }",
        Nothing,
    ),
    (
        "struct_field_type",
        "pub struct S { pub a: i32 }",
        "pub struct S { pub a: i64 }",
        Major,
    ),
    (
        "struct_all_fields_public",
        "pub struct S { pub a: i32, b: i32 }",
        "pub struct S { pub a: i32, pub b: i32 }",
        Minor,
    ),
    // Enums
    (
        "enum_variant_new",
        "pub enum E { A }",
        "pub enum E { A, B }",
        Major,
    ),
    // A hidden variant already asks users' matches for a `_` arm: showing it, or adding one
    // beside it, breaks no match written against the documented API.
    (
        "enum_hidden_variant_shown",
        "pub enum E { A, #[doc(hidden)] H }",
        "pub enum E { A, H }",
        Minor,
    ),
    (
        "enum_variant_new_beside_a_hidden_one",
        "pub enum E { A, #[doc(hidden)] H }",
        "pub enum E { A, B, #[doc(hidden)] H }",
        Minor,
    ),
    (
        "enum_variant_hidden",
        "pub enum E { A, H }",
        "pub enum E { A, #[doc(hidden)] H }",
        Major,
    ),
    (
        "enum_variant_new_non_exhaustive",
        "#[non_exhaustive] pub enum E { A }",
        "#[non_exhaustive] pub enum E { A, B }",
        Minor,
    ),
    // The book's mitigation: a `#[non_exhaustive]` variant is neither built nor matched
    // without `..` outside the crate (cargo semver-checks: a minor change).
    (
        "enum_non_exhaustive_variant_fields_new",
        "pub enum E { #[non_exhaustive] V { a: i32 }, #[non_exhaustive] T(i32) }",
        "pub enum E { #[non_exhaustive] V { a: i32, b: i32 }, #[non_exhaustive] T(i32, u8) }",
        Minor,
    ),
    (
        "enum_non_exhaustive_variant_field_removed",
        "pub enum E { #[non_exhaustive] V { a: i32, b: i32 } }",
        "pub enum E { #[non_exhaustive] V { a: i32 } }",
        Major,
    ),
    (
        "enum_fields_new",
        "pub enum E { V { a: i32 } }",
        "pub enum E { V { a: i32, b: i32 } }",
        Major,
    ),
    (
        "enum_tuple_variant_unchanged",
        "pub enum E { A(u8, String), B { x: u8 } }",
        "pub fn before() {}\npub enum E { A(u8, String), B { x: u8 } }",
        Minor,
    ),
    // Traits
    (
        "trait_new_item_no_default",
        "pub trait T {}",
        "pub trait T { fn f(&self); }",
        Major,
    ),
    // The book's mitigation: a sealed trait (a supertrait users cannot name) has no
    // implementors outside the crate, so its items may become required.
    (
        "trait_sealed_new_item_no_default",
        "mod private { pub trait Sealed {} }\npub trait T: private::Sealed { fn a(&self); }",
        "mod private { pub trait Sealed {} }\npub trait T: private::Sealed { fn a(&self); fn b(&self); }",
        Minor,
    ),
    (
        "trait_sealed_hidden_new_item_no_default",
        "#[doc(hidden)]\npub mod __private { pub trait Sealed {} }\npub trait T: __private::Sealed { fn a(&self); }",
        "#[doc(hidden)]\npub mod __private { pub trait Sealed {} }\npub trait T: __private::Sealed { fn a(&self); type B; }",
        Minor,
    ),
    (
        "trait_sealed_through_a_supertrait",
        "mod private { pub trait Sealed {} }\npub trait A: private::Sealed {}\npub trait T where Self: A { fn a(&self); }",
        "mod private { pub trait Sealed {} }\npub trait A: private::Sealed {}\npub trait T where Self: A { fn a(&self); fn b(&self); }",
        Minor,
    ),
    (
        "trait_sealed_default_removed",
        "mod private { pub trait Sealed {} }\npub trait T: private::Sealed { fn a(&self) {} }",
        "mod private { pub trait Sealed {} }\npub trait T: private::Sealed { fn a(&self); }",
        Nothing,
    ),
    // A trait that was sealed had no implementors to break: unsealing it and adding a
    // required item at once is a feature (cargo semver-checks' trait_method_added).
    (
        "trait_unsealed_with_a_new_item_no_default",
        "mod private { pub trait Sealed {} }\npub trait T: private::Sealed {}",
        "pub trait T { fn a(&self); }",
        Minor,
    ),
    (
        "trait_newly_sealed",
        "pub trait T { fn a(&self); }",
        "mod private { pub trait Sealed {} }\npub trait T: private::Sealed { fn a(&self); }",
        Major,
    ),
    // A sealed trait's new supertrait asks nothing of users and gives callers its methods.
    (
        "trait_sealed_new_supertrait",
        "mod private { pub trait Sealed {} }\npub trait T: private::Sealed {}",
        "mod private { pub trait Sealed {} }\npub trait T: private::Sealed + core::fmt::Debug {}",
        Minor,
    ),
    (
        "trait_supertrait_removed",
        "pub trait T: core::fmt::Debug {}",
        "pub trait T {}",
        Major,
    ),
    (
        "trait_public_supertrait_new_item_no_default",
        "pub trait Base {}\npub trait T: Base { fn a(&self); }",
        "pub trait Base {}\npub trait T: Base { fn a(&self); fn b(&self); }",
        Major,
    ),
    // Implementors write `unsafe fn`: a safe trait method no longer matches it; a sealed
    // trait has no implementors but the crate.
    (
        "trait_method_unsafe_removed",
        "pub trait T { unsafe fn f(&self); }",
        "pub trait T { fn f(&self); }",
        Major,
    ),
    (
        "trait_sealed_method_unsafe_removed",
        "mod private { pub trait Sealed {} }\npub trait T: private::Sealed { unsafe fn f(&self); }",
        "mod private { pub trait Sealed {} }\npub trait T: private::Sealed { fn f(&self); }",
        Minor,
    ),
    (
        "trait_item_signature",
        "pub trait T { fn f(&self, _: u8) {} }",
        "pub trait T { fn f(&self, _: u16) {} }",
        Major,
    ),
    (
        "trait_new_default_item",
        "pub trait T {}",
        "pub trait T { fn f(&self) {} }",
        Minor,
    ),
    (
        "trait_object_safety",
        "pub trait T { fn f(&self) {} }",
        "pub trait T { fn f(&self) {} fn g() -> Self where Self: Sized; }",
        Major,
    ),
    (
        "trait_new_parameter_no_default",
        "pub trait T {}",
        "pub trait T<U> { fn f(&self, _: U) {} }",
        Major,
    ),
    (
        "trait_new_parameter_default",
        "pub trait T {}",
        "pub trait T<U = ()> {}",
        Minor,
    ),
    (
        "trait_default_removed",
        "pub trait T { fn f(&self) {} }",
        "pub trait T { fn f(&self); }",
        Major,
    ),
    (
        "trait_supertrait_spelling",
        "pub trait T: Clone {}",
        "pub trait T where Self: Clone {}",
        Nothing,
    ),
    (
        "trait_supertrait_added",
        "pub trait T {}",
        "pub trait T: Clone {}",
        Major,
    ),
    // Implementations
    (
        "impl_item_new",
        "pub struct S;",
        "pub struct S;\nimpl S { pub fn f(&self) {} }",
        Minor,
    ),
    (
        "impl_derive_removed",
        "#[derive(Clone, Debug)] pub struct S;",
        "#[derive(Debug)] pub struct S;",
        Major,
    ),
    (
        "impl_copy_added",
        "#[derive(Clone)] pub struct S;",
        "#[derive(Clone, Copy)] pub struct S;",
        Minor,
    ),
    (
        "impl_auto_trait_lost",
        "pub struct S { _a: u8 }",
        "pub struct S { _a: std::rc::Rc<u8> }",
        Major,
    ),
    // Generics
    (
        "generic_bounds_tighten",
        "pub struct S<A> { pub f: A }",
        "pub struct S<A: Eq> { pub f: A }",
        Major,
    ),
    (
        "generic_bounds_loosen",
        "pub struct S<A: Eq> { pub f: A }",
        "pub struct S<A> { pub f: A }",
        Minor,
    ),
    (
        "generic_where_tighten",
        "pub fn f<A>(_: A) {}",
        "pub fn f<A>(_: A) where A: Clone {}",
        Major,
    ),
    (
        "generic_new_default",
        "pub struct S { _f: u8 }",
        "pub struct S<A = u8> { _f: A }",
        MinorNoted,
    ),
    (
        "generic_generalize_identical",
        "pub struct S(pub u8);",
        "pub struct S<T = u8>(pub T);",
        MinorNoted,
    ),
    (
        "generic_generalize_different",
        "pub struct S(pub u8);",
        "pub struct S<T = u16>(pub T);",
        Major,
    ),
    (
        "generic_more_generic",
        "pub struct S<T, U>(pub T, pub U);",
        "pub struct S<T, U = T>(pub T, pub U);",
        Minor,
    ),
    // Functions
    (
        "fn_change_arity",
        "pub fn f(_: u8) {}",
        "pub fn f(_: u8, _: u8) {}",
        Major,
    ),
    (
        "fn_return_type",
        "pub fn f() -> u8 { 0 }",
        "pub fn f() -> u16 { 0 }",
        Major,
    ),
    (
        "fn_generic_new",
        "pub fn f<T: Copy>(_: T) {}",
        "pub fn f<T: Copy, U>(_: T) {}",
        Possibly,
    ),
    (
        "fn_generalize_compatible",
        "pub fn f(x: u8) -> u8 { x }",
        "pub fn f<T: Into<u8>>(x: T) -> u8 { x.into() }",
        Possibly,
    ),
    // The chapter's generic-rpit-capture: an opaque return type that captures another
    // lifetime ties the caller's borrows longer; capturing fewer only frees them.
    (
        "rpit_capture_more",
        "pub fn f<'a, 'b>(x: &'a str, _y: &'b str) -> impl Iterator<Item = char> + use<'a> { x.chars() }",
        "pub fn f<'a, 'b>(x: &'a str, y: &'b str) -> impl Iterator<Item = char> + use<'a, 'b> { x.chars().chain(y.chars()) }",
        Major,
    ),
    (
        "rpit_capture_fewer",
        "pub fn f<'a, 'b>(x: &'a str, y: &'b str) -> impl Iterator<Item = char> + use<'a, 'b> { x.chars().chain(y.chars()) }",
        "pub fn f<'a, 'b>(x: &'a str, _y: &'b str) -> impl Iterator<Item = char> + use<'a> { x.chars() }",
        Minor,
    ),
    // anstyle 1.0.4: `fn render_fg(self) -> impl Display` became `-> impl Display + Copy +
    // Clone`, a promise more to callers; a promise dropped breaks them. An argument is the
    // other way round.
    (
        "rpit_bounds_added",
        "pub fn f() -> impl core::fmt::Display { 1 }",
        "pub fn f() -> impl core::fmt::Display + Copy + Clone { 1 }",
        Minor,
    ),
    (
        "rpit_bounds_removed",
        "pub fn f() -> impl core::fmt::Display + Copy { 1 }",
        "pub fn f() -> impl core::fmt::Display { 1 }",
        Major,
    ),
    // anstyle 1.0.7: `+ Copy + Clone` → `+ Copy` drops nothing, `Copy` is `Clone`.
    (
        "rpit_implied_bound_dropped",
        "pub fn f() -> impl core::fmt::Display + Copy + Clone { 1 }",
        "pub fn f() -> impl core::fmt::Display + Copy { 1 }",
        Nothing,
    ),
    // The same goes for a generic parameter's bounds, wherever they are written, and for a
    // trait's supertraits.
    (
        "generic_implied_bound_added",
        "pub fn f<T: Copy>(x: T) -> T { x }",
        "pub fn f<T: Copy + Clone>(x: T) -> T { x }",
        Nothing,
    ),
    (
        "generic_where_implied_bound_dropped",
        "pub struct S<T>(pub T) where T: Ord + Eq;",
        "pub struct S<T>(pub T) where T: Ord;",
        Nothing,
    ),
    (
        "generic_bound_strengthened_to_a_subtrait",
        "pub fn f<T: Clone>(x: T) -> T { x }",
        "pub fn f<T: Copy>(x: T) -> T { x }",
        Major,
    ),
    (
        "supertrait_implied_dropped",
        "pub trait Key: Copy + Clone {}",
        "pub trait Key: Copy {}",
        Nothing,
    ),
    (
        "supertrait_added",
        "pub trait Key: Clone {}",
        "pub trait Key: Copy {}",
        Major,
    ),
    (
        "apit_bounds_relaxed",
        "pub fn f(_: impl core::fmt::Display + Copy) {}",
        "pub fn f(_: impl core::fmt::Display) {}",
        Minor,
    ),
    // An `impl Trait` argument is a type parameter callers cannot name: naming it gives them
    // a turbofish, unnaming it takes one away; a trait's implementors must follow either way.
    (
        "apit_to_generic",
        "pub fn f(_x: impl Clone, _y: Vec<impl Copy>) {}",
        "pub fn f<C: Clone>(_x: C, _y: Vec<impl Copy>) {}",
        Minor,
    ),
    (
        "generic_to_apit",
        "pub fn f<C: Clone>(_x: C) {}",
        "pub fn f(_x: impl Clone) {}",
        Major,
    ),
    (
        "trait_item_apit_to_generic",
        "pub trait T { fn f(&self, _x: impl Clone); }",
        "pub trait T { fn f<C: Clone>(&self, _x: C); }",
        Major,
    ),
    (
        "apit_bounds_added",
        "pub fn f(_: impl core::fmt::Display) {}",
        "pub fn f(_: impl core::fmt::Display + Copy) {}",
        Major,
    ),
    (
        "rpit_capture_made_explicit",
        "pub fn f<'a, 'b>(x: &'a str, _y: &'b str) -> impl Iterator<Item = char> { x.chars() }",
        "pub fn f<'a, 'b>(x: &'a str, _y: &'b str) -> impl Iterator<Item = char> + use<'a> { x.chars() }",
        Possibly,
    ),
    // The chapter's new-lints: `#[deprecated]` or `#[must_use]` on an existing item makes
    // users' builds warn, a minor change.
    (
        "lint_deprecated_added",
        "pub fn f() {}",
        "#[deprecated = \"use g\"] pub fn f() {}",
        Minor,
    ),
    (
        "lint_deprecated_trait_method",
        "pub trait T { fn f(&self) {} }",
        "pub trait T { #[deprecated] fn f(&self) {} }",
        Minor,
    ),
    (
        "lint_deprecated_field_and_variant",
        "pub struct S { pub a: u8 } pub enum E { A, B }",
        "pub struct S { #[deprecated] pub a: u8 } pub enum E { A, #[deprecated] B }",
        Minor,
    ),
    (
        "lint_must_use_added",
        "pub fn f() -> u8 { 0 }",
        "#[must_use] pub fn f() -> u8 { 0 }",
        Minor,
    ),
    // Spellings that name the same thing: renamed parameters, `Self` for the type.
    (
        "generic_param_renamed",
        "pub fn f<T: Clone>(x: T) -> T { x }",
        "pub fn f<U: Clone>(x: U) -> U { x }",
        Nothing,
    ),
    (
        "lifetime_renamed",
        "pub fn f<'a>(x: &'a str) -> &'a str { x }",
        "pub fn f<'b>(x: &'b str) -> &'b str { x }",
        Nothing,
    ),
    (
        "self_spelling",
        "pub struct S;\nimpl S { pub fn new() -> S { S } }",
        "pub struct S;\nimpl S { pub fn new() -> Self { S } }",
        Nothing,
    ),
    (
        "type_generic_param_renamed",
        "pub struct W<T>(pub T);",
        "pub struct W<U>(pub U);",
        Nothing,
    ),
    (
        "impl_param_renamed",
        "pub struct W<T>(T);\nimpl<T> W<T> { pub fn get(&self) -> &T { &self.0 } }",
        "pub struct W<T>(T);\nimpl<U> W<U> { pub fn get(&self) -> &U { &self.0 } }",
        Nothing,
    ),
    // Swapped parameters are not a renaming: `f::<u8, bool>` now means something else.
    (
        "generic_params_swapped",
        "pub fn f<T, U>(_: T, _: U) {}",
        "pub fn f<U, T>(_: T, _: U) {}",
        Major,
    ),
    // The chapter calls this one major (`Vec<u8>` is not `Copy`), but telling it from the
    // compatible generalisation above needs trait solving: said, not claimed.
    (
        "fn_generalize_mismatch",
        "pub fn f(_: Vec<u8>) {}",
        "pub fn f<T: Copy + IntoIterator<Item = u8>>(_: T) {}",
        Possibly,
    ),
    (
        "fn_unsafe_safe",
        "/// # Safety\n/// None.\npub unsafe fn f() {}",
        "pub fn f() {}",
        Minor,
    ),
    (
        "fn_safe_unsafe",
        "pub fn f() {}",
        "/// # Safety\n/// None.\npub unsafe fn f() {}",
        Major,
    ),
    (
        "fn_const_added",
        "pub fn f() {}",
        "pub const fn f() {}",
        Minor,
    ),
    (
        "fn_const_removed",
        "pub const fn f() {}",
        "pub fn f() {}",
        Major,
    ),
    (
        "fn_async_spelling",
        "pub async fn f() -> u8 { 1 }",
        "pub fn f() -> impl std::future::Future<Output = u8> { async { 1 } }",
        Nothing,
    ),
    // `async fn f()` gives `()`; written out as a future's output it is the same function.
    (
        "fn_async_unit_spelling",
        "pub async fn f() {}",
        "pub fn f() -> impl core::future::Future<Output = ()> { async {} }",
        Nothing,
    ),
    // A bare `-> impl Future` names no output (cargo semver-checks holds it equivalent to the
    // `async fn`): hiding a `()` nobody uses is a note, hiding a value breaks its callers.
    (
        "fn_async_to_bare_future_unit",
        "pub async fn f() {}",
        "pub fn f() -> impl core::future::Future { async {} }",
        Possibly,
    ),
    (
        "fn_async_to_bare_future_value",
        "pub async fn f() -> u8 { 1 }",
        "pub fn f() -> impl core::future::Future { async { 1u8 } }",
        Major,
    ),
    (
        "fn_bare_future_to_async",
        "pub struct S;\nimpl S { pub fn f() -> impl core::future::Future { async {} } }",
        "pub struct S;\nimpl S { pub async fn f() {} }",
        Minor,
    ),
    // A trait's implementors write the future: naming its output asks more of them.
    (
        "trait_bare_future_to_async",
        "#[allow(async_fn_in_trait)]\npub trait T { fn f() -> impl core::future::Future; }",
        "#[allow(async_fn_in_trait)]\npub trait T { async fn f(); }",
        Possibly,
    ),
    (
        "trait_async_to_bare_future",
        "#[allow(async_fn_in_trait)]\npub trait T { async fn f(); }",
        "#[allow(async_fn_in_trait)]\npub trait T { fn f() -> impl core::future::Future; }",
        Possibly,
    ),
    // An argument that became what it derefs to: callers' `&String`, `&Vec<u8>` still coerce;
    // a function pointer to it does not. The way back takes `&str` from callers.
    (
        "fn_argument_derefs",
        "pub fn f(_s: &String, _v: &Vec<u8>, _p: &std::path::PathBuf) {}",
        "pub fn f(_s: &str, _v: &[u8], _p: &std::path::Path) {}",
        Possibly,
    ),
    (
        "fn_argument_owning_again",
        "pub fn f(_s: &str) {}",
        "pub fn f(_s: &String) {}",
        Major,
    ),
    // An argument's `'static` loosened to a lifetime of its own takes every argument it took.
    (
        "fn_argument_static_loosened",
        "pub fn f<'a>(_x: &'static str, y: &'a u8) -> &'a u8 { y }",
        "pub fn f<'a>(_x: &str, y: &'a u8) -> &'a u8 { y }",
        Minor,
    ),
    (
        "fn_argument_static_required",
        "pub fn f(_x: &str) {}",
        "pub fn f(_x: &'static str) {}",
        Major,
    ),
    (
        "fn_static_return_shortened",
        "pub fn f(x: &'static str) -> &'static str { x }",
        "pub fn f(x: &str) -> &str { x }",
        Major,
    ),
    (
        "fn_path_spelling",
        "pub fn f() -> std::string::String { String::new() }",
        "pub fn f() -> String { String::new() }",
        Nothing,
    ),
    // Attributes
    (
        "attr_adding_non_exhaustive_struct",
        "pub struct S { pub a: u8 }",
        "#[non_exhaustive] pub struct S { pub a: u8 }",
        Major,
    ),
    (
        "attr_adding_non_exhaustive_enum",
        "pub enum E { A }",
        "#[non_exhaustive] pub enum E { A }",
        Major,
    ),
    (
        "attr_adding_non_exhaustive_variant",
        "pub enum E { A { x: u8 } }",
        "pub enum E { #[non_exhaustive] A { x: u8 } }",
        Major,
    ),
    (
        "attr_removing_non_exhaustive",
        "#[non_exhaustive] pub enum E { A }",
        "pub enum E { A }",
        Minor,
    ),
    (
        "attr_hidden_unhidden",
        "#[doc(hidden)] pub fn f() {}",
        "pub fn f() {}",
        Minor,
    ),
    (
        "attr_hiding",
        "pub fn f() {}",
        "#[doc(hidden)] pub fn f() {}",
        Major,
    ),
    (
        "use_as_underscore",
        "",
        "pub use std::fmt::Write as _;",
        Nothing,
    ),
    // Spellings of one signature.
    (
        "fn_parameter_renamed",
        "pub fn f(x: u8, (a, _b): (u8, u8)) -> u8 { x + a }",
        "pub fn f(mut y: u8, t: (u8, u8)) -> u8 { y += t.0; y }",
        Nothing,
    ),
    (
        "dyn_bounds_reordered",
        "pub fn f() -> Box<dyn std::error::Error + Send + Sync> { todo!() }",
        "pub fn f() -> Box<dyn std::error::Error + Sync + Send> { todo!() }",
        Nothing,
    ),
    (
        "rpit_bounds_reordered",
        "pub fn f() -> impl Clone + Send { 1 }",
        "pub fn f() -> impl Send + Clone { 1 }",
        Nothing,
    ),
    (
        "dyn_bounds_changed",
        "pub fn f() -> Box<dyn std::error::Error + Send + Sync> { todo!() }",
        "pub fn f() -> Box<dyn std::error::Error + Send> { todo!() }",
        Major,
    ),
    (
        "where_bounds_reordered",
        "pub fn f<T>(_: T) where T: Clone + Send {}",
        "pub fn f<T>(_: T) where T: Send + Clone {}",
        Nothing,
    ),
    (
        "bounds_moved_to_where",
        "pub fn f<T: Clone>(_: T) {}",
        "pub fn f<T>(_: T) where T: Clone {}",
        Nothing,
    ),
    (
        "impl_bounds_moved_to_where",
        "pub struct S<T>(pub T);\npub trait Tr {}\nimpl<T: Clone> Tr for S<T> {}",
        "pub struct S<T>(pub T);\npub trait Tr {}\nimpl<T> Tr for S<T> where T: Clone {}",
        Nothing,
    ),
    (
        "extern_abi_spelled_out",
        "pub extern fn f() {}",
        "pub extern \"C\" fn f() {}",
        Nothing,
    ),
    (
        "std_path_to_core",
        "pub fn f() -> Option<Box<dyn std::error::Error>> { None }\npub fn g(_: std::fmt::Arguments<'_>) {}",
        "pub fn f() -> Option<Box<dyn core::error::Error>> { None }\npub fn g(_: core::fmt::Arguments<'_>) {}",
        Nothing,
    ),
    (
        "std_alias_spelled_out",
        "pub fn f() -> Result<u8, std::io::Error> { Ok(0) }",
        "pub fn f() -> std::io::Result<u8> { Ok(0) }",
        Nothing,
    ),
    (
        "non_exhaustive_on_a_struct_nobody_builds",
        "pub struct S { pub a: u8, b: u8 }",
        "#[non_exhaustive] pub struct S { pub a: u8, b: u8 }",
        Nothing,
    ),
    (
        "hidden_variant_removed",
        "pub enum E { A, #[doc(hidden)] H }",
        "pub enum E { A }",
        Minor,
    ),
    (
        "hidden_item_removed",
        "#[doc(hidden)] pub fn f() {}\npub fn g() {}",
        "pub fn g() {}",
        Nothing,
    ),
    (
        "const_generic_default_added",
        "pub struct S;",
        "pub struct S<const N: usize = 4>;",
        MinorNoted,
    ),
    (
        "const_generic_added",
        "pub struct S;",
        "pub struct S<const N: usize>;",
        Major,
    ),
    (
        "receiver_spelled_out",
        "pub struct S;\nimpl S { pub fn f(&self) {} pub fn g(self: Box<Self>) {} }",
        "pub struct S;\nimpl S { pub fn f(self: &Self) {} pub fn g(self: Box<S>) {} }",
        Nothing,
    ),
    (
        "maybe_sized_moved_to_where",
        "pub trait Tr {}\nimpl<T: ?Sized> Tr for Box<T> {}",
        "pub trait Tr {}\nimpl<T> Tr for Box<T> where T: ?Sized {}",
        Nothing,
    ),
    (
        "closure_bound_loosened",
        "pub fn f<F: Fn(u8) -> u8>(_: F) {}\npub fn g<F: FnMut()>(_: F) {}",
        "pub fn f<F: FnMut(u8) -> u8>(_: F) {}\npub fn g<F: FnOnce()>(_: F) {}",
        Minor,
    ),
    (
        "closure_bound_tightened",
        "pub fn f<F: FnOnce(u8) -> u8>(_: F) {}",
        "pub fn f<F: Fn(u8) -> u8>(_: F) {}",
        Major,
    ),
    // `unsafe impl` of a trait that is not unsafe is an error (E0199): either way, its
    // implementors break.
    (
        "trait_made_unsafe",
        "pub trait T {}",
        "pub unsafe trait T {}",
        Major,
    ),
    (
        "trait_no_longer_unsafe",
        "pub unsafe trait T {}",
        "pub trait T {}",
        Major,
    ),
    (
        "macro_removed",
        "#[macro_export]\nmacro_rules! rules_gone { () => {} }\npub use crate::rules_gone as gone;",
        "",
        Major,
    ),
    (
        "macro_rules_rewritten",
        "#[macro_export]\nmacro_rules! rules_m { () => { 1 } }\npub use crate::rules_m as m;",
        "#[macro_export]\nmacro_rules! rules_m { () => { 2 - 1 }; ($x:expr) => { $x } }\npub use crate::rules_m as m;",
        Nothing,
    ),
    (
        "impl_trait_default_argument_spelled_out",
        "#[derive(PartialEq)]\npub struct S;\nimpl core::ops::Add for S { type Output = S; fn add(self, _: S) -> S { S } }",
        "pub struct S;\nimpl PartialEq<S> for S { fn eq(&self, _: &S) -> bool { true } }\nimpl core::ops::Add<S> for S { type Output = S; fn add(self, _: S) -> S { S } }",
        // Only the derive's structural equality is gone (`derive_partial_eq_by_hand`).
        Possibly,
    ),
    (
        "enum_type_parameter_default_added",
        "pub enum E<T> { A(T) }",
        "pub enum E<T = ()> { A(T) }",
        Minor,
    ),
    // `Fn(&str)` is `for<'a> Fn(&'a str)`: the elided lifetime is the late-bound one.
    (
        "hrtb_spelled_out_in_a_type",
        "pub fn f(_: Box<dyn Fn(&str) -> bool>) {}",
        "pub fn f(_: Box<dyn for<'a> Fn(&'a str) -> bool>) {}",
        Nothing,
    ),
    (
        "hrtb_spelled_out_in_a_bound",
        "pub fn f<F: Fn(&str) -> &str>(_: F) {}",
        "pub fn f<F>(_: F) where F: for<'a> Fn(&'a str) -> &'a str {}",
        Nothing,
    ),
    (
        "hrtb_one_lifetime_for_two_arguments",
        "pub fn f<F: for<'a> Fn(&'a str, &'a str)>(_: F) {}",
        "pub fn f<F: Fn(&str, &str)>(_: F) {}",
        Major,
    ),
    (
        "associated_type_bindings_reordered",
        "pub trait Tr { type A; type B; }\npub fn f(_: Box<dyn Tr<A = u8, B = u16>>) {}",
        "pub trait Tr { type A; type B; }\npub fn f(_: Box<dyn Tr<B = u16, A = u8>>) {}",
        Nothing,
    ),
    (
        "apit_closure_bound_loosened",
        "pub fn f(_: impl Fn(u8)) {}",
        "pub fn f(_: impl FnMut(u8)) {}",
        Minor,
    ),
    (
        "rpit_closure_bound_weakened",
        "pub fn f() -> impl Fn(u8) { |_| () }",
        "pub fn f() -> impl FnMut(u8) { |_| () }",
        Major,
    ),
    (
        "item_moved_into_a_public_module_and_re_exported",
        "pub struct S;\npub fn f(_: S) {}",
        "pub mod m { pub struct S; pub fn f(_: S) {} }\npub use m::{f, S};",
        Minor,
    ),
    (
        "private_module_made_public",
        "mod error { pub struct Error; }\npub use error::Error;\npub fn f() -> Result<(), Error> { Ok(()) }",
        "pub mod error { pub struct Error; }\npub use error::Error;\npub fn f() -> Result<(), Error> { Ok(()) }",
        Minor,
    ),
    (
        "public_module_made_private",
        "pub mod error { pub struct Error; }\npub use error::Error;\npub fn f() -> Result<(), Error> { Ok(()) }",
        "mod error { pub struct Error; }\npub use error::Error;\npub fn f() -> Result<(), Error> { Ok(()) }",
        Major,
    ),
    (
        "inherent_impl_bounds_tightened",
        "pub struct S<T>(pub T);\nimpl<T> S<T> { pub fn f(&self) {} }",
        "pub struct S<T>(pub T);\nimpl<T: Clone> S<T> { pub fn f(&self) {} }",
        Major,
    ),
    (
        "inherent_impl_bounds_loosened",
        "pub struct S<T>(pub T);\nimpl<T: Clone + Send> S<T> { pub fn f(&self) {} }",
        "pub struct S<T>(pub T);\nimpl<T: Clone> S<T> { pub fn f(&self) {} }",
        Minor,
    ),
    (
        "inherent_impl_made_maybe_sized",
        "pub struct S<T: ?Sized>(pub Box<T>);\nimpl<T> S<T> { pub fn f(&self) {} }",
        "pub struct S<T: ?Sized>(pub Box<T>);\nimpl<T: ?Sized> S<T> { pub fn f(&self) {} }",
        Minor,
    ),
    (
        "method_bound_moved_to_its_impl",
        "pub struct S<T>(pub T);\nimpl<T> S<T> { pub fn f(&self) -> T where T: Clone + Send { self.0.clone() } }",
        "pub struct S<T>(pub T);\nimpl<T: Clone> S<T> { pub fn f(&self) -> T where T: Send { self.0.clone() } }",
        Nothing,
    ),
    (
        "qualified_self_projection_spelled_out",
        "pub trait Tr { type Out; fn f(&self) -> Self::Out; }",
        "pub trait Tr { type Out; fn f(&self) -> <Self as Tr>::Out; }",
        Nothing,
    ),
    (
        "fn_pointer_lifetime_spelled_out",
        "pub fn f(_: fn(&u8) -> &u8) {}",
        "pub fn f(_: for<'a> fn(&'a u8) -> &'a u8) {}",
        Nothing,
    ),
    (
        "future_bound_loosened",
        "pub fn f<F: core::future::Future<Output = u8>>(_: F) {}",
        "pub fn f<F: core::future::IntoFuture<Output = u8>>(_: F) {}",
        Minor,
    ),
    (
        "iterator_bound_loosened",
        "pub fn f<I: Iterator<Item = u8>>(_: I) {}",
        "pub fn f<I: IntoIterator<Item = u8>>(_: I) {}",
        Minor,
    ),
    (
        "fmt_alias_spelled_out",
        "pub fn f() -> core::fmt::Result { Ok(()) }",
        "pub fn f() -> Result<(), core::fmt::Error> { Ok(()) }",
        Nothing,
    ),
    (
        "std_alias_error_changed",
        "pub fn f() -> std::io::Result<u8> { Ok(0) }",
        "pub fn f() -> Result<u8, core::fmt::Error> { Ok(0) }",
        Major,
    ),
    (
        "ref_dyn_lifetime_spelled_out",
        "pub fn f<'a>(_: &'a dyn Fn()) {}",
        "pub fn f<'a>(_: &'a (dyn Fn() + 'a)) {}",
        Nothing,
    ),
    (
        "box_dyn_lifetime_narrowed",
        "pub fn f() -> Box<dyn Fn()> { Box::new(|| ()) }",
        "pub fn f<'a>() -> Box<dyn Fn() + 'a> { Box::new(|| ()) }",
        Major,
    ),
    (
        "box_dyn_static_elided",
        "pub fn f(_: Box<dyn Fn() + 'static>) {}",
        "pub fn f(_: Box<dyn Fn()>) {}",
        Nothing,
    ),
    (
        "array_length_spelled",
        "pub fn f(_: [u8; 4]) {}",
        "pub fn f(_: [u8; 2 + 2]) {}",
        Nothing,
    ),
    (
        "struct_bounds_moved_to_where",
        "pub struct S<T: Clone>(pub T);",
        "pub struct S<T>(pub T) where T: Clone;",
        Nothing,
    ),
    (
        "struct_fields_reordered",
        "pub struct S { pub a: u8, pub b: u16 }",
        "pub struct S { pub b: u16, pub a: u8 }",
        Nothing,
    ),
    (
        "codegen_attributes_added",
        "pub fn f() {}\npub fn g() {}\npub fn h() {}",
        "#[inline]\npub fn f() {}\n#[track_caller]\npub fn g() {}\n#[cold]\n#[doc(alias = \"x\")]\npub fn h() {}",
        Nothing,
    ),
    (
        "deprecation_removed",
        "#[deprecated]\npub fn f() {}",
        "pub fn f() {}",
        Nothing,
    ),
    // A glob re-export is the items it reaches: spelled out, the API is the same.
    (
        "glob_reexport_spelled_out",
        "mod inner { pub struct A; pub fn b() {} }\npub use inner::*;",
        "mod inner { pub struct A; pub fn b() {} }\npub use inner::{A, b};",
        Nothing,
    ),
    (
        "glob_reexport_item_removed",
        "mod inner { pub struct A; pub fn b() {} }\npub use inner::*;",
        "mod inner { pub struct A; }\npub use inner::*;",
        Major,
    ),
    (
        "glob_reexport_item_added",
        "mod inner { pub struct A; }\npub use inner::*;",
        "mod inner { pub struct A; pub fn b() {} }\npub use inner::*;",
        Minor,
    ),
    (
        "glob_reexport_of_a_public_module",
        "pub mod inner { pub struct A; }\npub use inner::*;",
        "pub mod inner { pub struct A; }\npub use inner::A;",
        Nothing,
    ),
    // Layout
    (
        "repr_c_add",
        "pub struct S { pub a: u8 }",
        "#[repr(C)] pub struct S { pub a: u8 }",
        Minor,
    ),
    (
        "repr_c_remove",
        "#[repr(C)] pub struct S { pub a: u8 }",
        "pub struct S { pub a: u8 }",
        Major,
    ),
    (
        "repr_int_enum_add",
        "pub enum E { A }",
        "#[repr(u8)] pub enum E { A }",
        Minor,
    ),
    (
        "repr_int_enum_change",
        "#[repr(u8)] pub enum E { A }",
        "#[repr(u16)] pub enum E { A }",
        Major,
    ),
    (
        "repr_transparent_add",
        "pub struct S(pub u8);",
        "#[repr(transparent)] pub struct S(pub u8);",
        Minor,
    ),
    (
        "repr_transparent_remove",
        "#[repr(transparent)] pub struct S(pub u8);",
        "pub struct S(pub u8);",
        Major,
    ),
    (
        "repr_packed_add",
        "pub struct S { pub a: u8 }",
        "#[repr(packed)] pub struct S { pub a: u8 }",
        Major,
    ),
    (
        "repr_align_add",
        "pub struct S { pub a: u8 }",
        "#[repr(align(8))] pub struct S { pub a: u8 }",
        Major,
    ),
    (
        "repr_packed_remove",
        "#[repr(packed)] pub struct S { pub a: u8 }",
        "pub struct S { pub a: u8 }",
        Major,
    ),
    (
        "repr_packed_n_change",
        "#[repr(packed(2))] pub struct S { pub a: u32 }",
        "#[repr(packed(4))] pub struct S { pub a: u32 }",
        Major,
    ),
    (
        "repr_align_n_change",
        "#[repr(align(8))] pub struct S { pub a: u8 }",
        "#[repr(align(16))] pub struct S { pub a: u8 }",
        Major,
    ),
    (
        "repr_align_remove",
        "#[repr(align(8))] pub struct S { pub a: u8 }",
        "pub struct S { pub a: u8 }",
        Major,
    ),
    (
        "repr_c_shuffle",
        "#[repr(C)] pub struct S { pub a: u8, pub b: u32 }",
        "#[repr(C)] pub struct S { pub b: u32, pub a: u8 }",
        Major,
    ),
    (
        "repr_c_private_change",
        "#[repr(C)] pub struct S { pub a: u8, b: u8 }",
        "#[repr(C)] pub struct S { pub a: u8, b: u8, c: u8 }",
        Nothing,
    ),
    (
        "repr_c_enum_variant_new",
        "#[repr(C)] #[non_exhaustive] pub enum E { A }",
        "#[repr(C)] #[non_exhaustive] pub enum E { A, B }",
        Minor,
    ),
    (
        "repr_int_enum_remove",
        "#[repr(u8)] pub enum E { A }",
        "pub enum E { A }",
        Major,
    ),
    // The chapter's repr-c-private-change: a public field may be added when it alters no other
    // field's layout, so not before one.
    (
        "repr_c_public_field_inserted",
        "#[repr(C)] pub struct S { pub a: u8, pub b: u32, c: u8 }",
        "#[repr(C)] pub struct S { pub a: u8, pub x: u16, pub b: u32, c: u8 }",
        Major,
    ),
    (
        "repr_c_public_field_appended",
        "#[repr(C)] pub struct S { pub a: u8, pub b: u32, c: u8 }",
        "#[repr(C)] pub struct S { pub a: u8, pub b: u32, c: u8, pub x: u16 }",
        Minor,
    ),
    // Symbols
    (
        "no_mangle_removed",
        "#[no_mangle] pub extern \"C\" fn ship_rules_a() {}",
        "pub extern \"C\" fn ship_rules_a() {}",
        Major,
    ),
    (
        "export_name_changed",
        "#[export_name = \"ship_rules_b\"] pub extern \"C\" fn f() {}",
        "#[export_name = \"ship_rules_c\"] pub extern \"C\" fn f() {}",
        Major,
    ),
    // Found in published crates (the local cargo cache's compatible pairs): each change
    // was called breaking and is not, or is only possibly; beside some, the neighbouring
    // change that still is breaking.
    // http 1.5.0: clippy's needless_lifetimes dropped `'a` from impl headers.
    (
        "impl_lifetime_elided",
        "pub struct S;\nimpl<'a> PartialEq<&'a str> for S { fn eq(&self, _: &&'a str) -> bool { true } }",
        "pub struct S;\nimpl PartialEq<&str> for S { fn eq(&self, _: &&str) -> bool { true } }",
        Nothing,
    ),
    // openssl-probe 0.2.2: a const's `&'static str` written `&str`.
    (
        "const_static_lifetime_elided",
        "pub const C: &'static str = \"x\";",
        "pub const C: &str = \"x\";",
        Nothing,
    ),
    (
        "static_lifetime_elided",
        "pub static S: &'static [&'static str] = &[];",
        "pub static S: &[&str] = &[];",
        Nothing,
    ),
    (
        "const_type_changed",
        "pub const C: u32 = 1;",
        "pub const C: u64 = 1;",
        Major,
    ),
    (
        "const_value_changed",
        "pub const N: usize = 1;",
        "pub const N: usize = 2;",
        Possibly,
    ),
    // Reading a `static mut` needs `unsafe`, writing a `static` is refused, and a `const` is
    // usable where a `static` is not (patterns, array lengths, const contexts).
    (
        "static_made_mut",
        "pub static S: u8 = 1;",
        "pub static mut S: u8 = 1;",
        Major,
    ),
    (
        "static_mut_made_immutable",
        "pub static mut S: u8 = 1;",
        "pub static S: u8 = 1;",
        Major,
    ),
    (
        "const_made_static",
        "pub const C: u8 = 1;",
        "pub static C: u8 = 1;",
        Major,
    ),
    // A required trait method given a default body: implementors may now leave it out, and
    // nothing they or callers wrote stops compiling.
    (
        "trait_method_default_body_added",
        "pub trait T { fn f(&self); }",
        "pub trait T { fn f(&self) {} }",
        Minor,
    ),
    // An associated type's bounds are a promise both ways: implementors must meet a new one,
    // users may rely on one that is dropped.
    (
        "trait_associated_type_bound_added",
        "pub trait T { type Item; }",
        "pub trait T { type Item: Clone; }",
        Major,
    ),
    (
        "trait_associated_type_bound_removed",
        "pub trait T { type Item: Clone; }",
        "pub trait T { type Item; }",
        Major,
    ),
    // Nobody outside builds a `#[non_exhaustive]` struct or reads a private field.
    (
        "non_exhaustive_struct_public_field_added",
        "#[non_exhaustive]\npub struct S { pub a: u8 }",
        "#[non_exhaustive]\npub struct S { pub a: u8, pub b: u8 }",
        Minor,
    ),
    (
        "tuple_struct_private_field_type_changed",
        "pub struct S(u8);",
        "pub struct S(u16);",
        Nothing,
    ),
    // A trait implemented for one type, then for every type: the type keeps the impl; the
    // blanket impl may overlap users' own impls (RFC 1105), on which the book is silent.
    (
        "impl_replaced_by_a_blanket_impl",
        "pub trait Tr {}\npub struct Foo;\nimpl Tr for Foo {}",
        "pub trait Tr {}\npub struct Foo;\nimpl<T> Tr for T {}",
        MinorNoted,
    ),
    (
        "impl_removed_beside_a_blanket_impl_that_misses_the_type",
        "pub trait Tr {}\npub struct Foo;\nimpl Tr for Foo {}",
        "pub trait Tr {}\npub struct Foo;\nimpl<T: Copy> Tr for T {}",
        Major,
    ),
    // Impls of the crate's traits that no type of its own lists: for another crate's types,
    // and blanket ones. Users rely on them like on any impl; a new blanket impl of a trait they
    // may implement can overlap their impls (RFC 1105), on which the book is silent.
    (
        "trait_impl_for_a_foreign_type_removed",
        "pub trait Tr {}\nimpl Tr for String {}",
        "pub trait Tr {}",
        Major,
    ),
    (
        "blanket_impl_removed",
        "pub trait Tr {}\nimpl<T: core::fmt::Display> Tr for T {}",
        "pub trait Tr {}",
        Major,
    ),
    (
        "blanket_impl_added_to_an_open_trait",
        "pub trait Tr {}",
        "pub trait Tr {}\nimpl<T: core::fmt::Display> Tr for T {}",
        MinorNoted,
    ),
    (
        "blanket_impl_added_to_a_sealed_trait",
        "mod private { pub trait Sealed {} }\npub trait Tr: private::Sealed {}",
        "mod private { pub trait Sealed {} }\npub trait Tr: private::Sealed {}\nimpl<T: core::fmt::Display> private::Sealed for T {}\nimpl<T: core::fmt::Display> Tr for T {}",
        Minor,
    ),
    (
        "blanket_impl_asks_more",
        "pub trait Tr {}\nimpl<T: core::fmt::Display> Tr for T {}",
        "pub trait Tr {}\nimpl<T: core::fmt::Display + core::fmt::Debug> Tr for T {}",
        Major,
    ),
    (
        "blanket_impl_asks_less",
        "pub trait Tr {}\nimpl<T: core::fmt::Display + core::fmt::Debug> Tr for T {}",
        "pub trait Tr {}\nimpl<T: core::fmt::Display> Tr for T {}",
        Minor,
    ),
    (
        "blanket_impl_parameter_renamed",
        "pub trait Tr {}\nimpl<T: core::fmt::Display> Tr for &T {}",
        "pub trait Tr {}\nimpl<U: core::fmt::Display> Tr for &U {}",
        Nothing,
    ),
    // clippy's use_self writes `Self` for the type an impl is for (winnow 1.0.5).
    (
        "trait_impl_for_a_foreign_type_says_self",
        "pub trait Cmp<T> {}\npub trait P<I, O> {}\nimpl<I: Cmp<u8>> P<I, u8> for u8 {}",
        "pub trait Cmp<T> {}\npub trait P<I, O> {}\nimpl<I: Cmp<Self>> P<I, Self> for u8 {}",
        Nothing,
    ),
    (
        "trait_impl_says_self",
        "pub trait Cmp<T> {}\npub trait P<I, O> {}\npub struct S;\nimpl<I: Cmp<S>> P<I, S> for S {}",
        "pub trait Cmp<T> {}\npub trait P<I, O> {}\npub struct S;\nimpl<I: Cmp<Self>> P<I, Self> for S {}",
        Nothing,
    ),
    (
        "foreign_type_impl_replaced_by_a_blanket_impl",
        "pub trait Tr {}\nimpl Tr for String {}",
        "pub trait Tr {}\nimpl<T: core::fmt::Display> Tr for T {}",
        MinorNoted,
    ),
    (
        "foreign_type_impl_generalised",
        "pub trait Tr {}\nimpl Tr for Vec<u8> {}",
        "pub trait Tr {}\nimpl<T> Tr for Vec<T> {}",
        Possibly,
    ),
    // A defaulted parameter added to an alias: every old use names the same type. One
    // without a default, or an alias naming another type, breaks those uses.
    (
        "type_alias_default_param_added",
        "pub struct Error;\npub type Result<T> = core::result::Result<T, Error>;",
        "pub struct Error;\npub type Result<T, E = Error> = core::result::Result<T, E>;",
        Minor,
    ),
    (
        "type_alias_bound_added",
        "pub type Pair<T> = (T, T);",
        "pub type Pair<T: Clone> = (T, T);",
        Nothing,
    ),
    (
        "type_alias_lifetime_bound_added",
        "pub type Pair<'a, 'b> = (&'a u8, &'b u8);",
        "pub type Pair<'a, 'b: 'a> = (&'a u8, &'b u8);",
        Nothing,
    ),
    (
        "type_alias_param_added",
        "pub struct Error;\npub type Result<T> = core::result::Result<T, Error>;",
        "pub struct Error;\npub type Result<T, E> = core::result::Result<T, E>;",
        Major,
    ),
    (
        "type_alias_default_param_names_another_type",
        "pub struct Error;\npub type Result<T> = core::result::Result<T, Error>;",
        "pub struct Error;\npub type Result<T, E = u8> = core::result::Result<T, E>;",
        Major,
    ),
    // utf8_iter 1.1.0: a type moved to another private module, re-exported at the same path.
    (
        "type_moved_between_private_modules",
        "mod a { pub struct T; }\npub use a::T;\npub fn make() -> T { T }",
        "mod b { pub struct T; }\npub use b::T;\npub fn make() -> T { T }",
        Nothing,
    ),
    // A type of a public module re-exported at a shorter path too: an addition, and the
    // signatures naming it are unchanged.
    (
        "type_reexported_shorter",
        "pub mod m { pub struct T; }\npub fn make() -> m::T { m::T }",
        "pub mod m { pub struct T; }\npub use m::T;\npub fn make() -> T { T }",
        Minor,
    ),
    // A re-export of another crate's type is an addition; signatures naming that type
    // still name it where it is defined.
    (
        "foreign_type_reexported",
        "pub fn name() -> String { String::new() }",
        "pub use std::string::String;\npub fn name() -> String { String::new() }",
        Minor,
    ),
    (
        "type_in_signature_changed",
        "pub struct T;\npub struct U;\npub fn make() -> T { T }",
        "pub struct T;\npub struct U;\npub fn make() -> U { U }",
        Major,
    ),
    // cc 1.11: rustdoc lists unstable auto traits; no stable code can rely on `Freeze`.
    (
        "auto_trait_unstable_lost",
        "pub struct S { n: u32 }",
        "pub struct S { n: std::sync::atomic::AtomicU32 }",
        Nothing,
    ),
    // socket2 0.6.5: rustdoc's `impl !Send` going away is `Send` gained.
    (
        "auto_trait_gained",
        "pub struct S { p: *const u8 }",
        "pub struct S { p: usize }",
        Minor,
    ),
    (
        "fn_lifetime_elided",
        "pub struct S(String);\nimpl S { pub fn get<'a>(&'a self) -> &'a str { &self.0 } }",
        "pub struct S(String);\nimpl S { pub fn get(&self) -> &str { &self.0 } }",
        Nothing,
    ),
    (
        "fn_lifetime_elided_free",
        "pub fn first<'a>(s: &'a str) -> &'a str { s }",
        "pub fn first(s: &str) -> &str { s }",
        Nothing,
    ),
    (
        "fn_lifetime_unbound",
        "pub fn pick<'a, 'b>(a: &'a str, _b: &'b str) -> &'a str { a }",
        "pub fn pick<'a>(a: &'a str, _b: &'a str) -> &'a str { a }",
        Major,
    ),
    // A type alias names the type it stands for (chacha20 0.10.2's `hchacha(key: &Key)`,
    // where 0.10.0's JSON spelled the array out): written either way, one signature.
    (
        "type_alias_spelled_out",
        "pub type Key = [u8; 32];\npub fn f(_k: &Key) {}",
        "pub type Key = [u8; 32];\npub fn f(_k: &[u8; 32]) {}",
        Nothing,
    ),
    (
        "generic_type_alias_introduced",
        "pub struct E;\npub fn f() -> Result<u8, E> { Ok(0) }",
        "pub struct E;\npub type Result<T, X = E> = core::result::Result<T, X>;\npub fn f() -> Result<u8> { Ok(0) }",
        Minor,
    ),
    (
        "lifetime_type_alias_elided",
        "pub type Name<'a> = &'a str;\npub fn f(_x: Name<'_>) -> usize { 0 }",
        "pub type Name<'a> = &'a str;\npub fn f(_x: &str) -> usize { 0 }",
        Nothing,
    ),
    (
        "type_alias_changed",
        "pub type Key = [u8; 32];\npub fn f(_k: &Key) {}",
        "pub type Key = [u8; 16];\npub fn f(_k: &Key) {}",
        Major,
    ),
    // A method's receiver: `&mut self` → `&self` still compiles at every call (not through a
    // function pointer); `&self` → `&mut self` breaks callers with a shared reference.
    (
        "method_receiver_relaxed",
        "pub struct S;\nimpl S { pub fn f(&mut self) -> u8 { 0 } }",
        "pub struct S;\nimpl S { pub fn f(&self) -> u8 { 0 } }",
        Possibly,
    ),
    (
        "method_receiver_made_mut",
        "pub struct S;\nimpl S { pub fn f(&self) -> u8 { 0 } }",
        "pub struct S;\nimpl S { pub fn f(&mut self) -> u8 { 0 } }",
        Major,
    ),
    (
        "trait_method_receiver_relaxed",
        "pub trait T { fn f(&mut self) -> u8; }",
        "pub trait T { fn f(&self) -> u8; }",
        Major,
    ),
    // A fieldless enum's variants are integers to `as`: reordering them changes what users'
    // casts give; writing the values out changes nothing. Users cannot cast a
    // `#[non_exhaustive]` one, so a variant may go anywhere in it.
    (
        "enum_variants_reordered",
        "pub enum E { A, B }",
        "pub enum E { B, A }",
        Major,
    ),
    (
        "enum_discriminants_spelled_out",
        "pub enum E { A, B, C = 7, D }",
        "pub enum E { A = 0, B = 1, C = 7, D = 8 }",
        Nothing,
    ),
    // A derived `PartialOrd` orders variants by discriminant and fields by declaration:
    // reordering them changes what `<` says, whatever else users can do with them.
    (
        "enum_partial_ord_variants_reordered",
        "#[derive(PartialEq, PartialOrd)]\n#[non_exhaustive]\npub enum E { A(u8), B(bool) }",
        "#[derive(PartialEq, PartialOrd)]\n#[non_exhaustive]\npub enum E { B(bool), A(u8) }",
        Major,
    ),
    (
        "enum_partial_ord_discriminants_kept",
        "#[derive(PartialEq, PartialOrd)]\n#[non_exhaustive]\npub enum E { A = 10, B = 20 }",
        "#[derive(PartialEq, PartialOrd)]\n#[non_exhaustive]\npub enum E { B = 20, A = 10 }",
        Nothing,
    ),
    (
        "enum_partial_ord_hidden_variants_reordered",
        "#[derive(PartialEq, PartialOrd)]\npub enum E { A(u8), #[doc(hidden)] H(u8), #[doc(hidden)] I(u8), D(u8) }",
        "#[derive(PartialEq, PartialOrd)]\npub enum E { A(u8), #[doc(hidden)] I(u8), #[doc(hidden)] H(u8), D(u8) }",
        Nothing,
    ),
    (
        "struct_partial_ord_fields_reordered",
        "#[derive(PartialEq, PartialOrd)]\npub struct S { pub a: u8, pub b: u8 }",
        "#[derive(PartialEq, PartialOrd)]\npub struct S { pub b: u8, pub a: u8 }",
        Major,
    ),
    (
        "enum_manual_partial_ord_variants_reordered",
        "#[non_exhaustive]\npub enum E { A(u8), B(bool) }\nimpl PartialEq for E { fn eq(&self, _: &Self) -> bool { true } }\nimpl PartialOrd for E { fn partial_cmp(&self, _: &Self) -> Option<core::cmp::Ordering> { None } }",
        "#[non_exhaustive]\npub enum E { B(bool), A(u8) }\nimpl PartialEq for E { fn eq(&self, _: &Self) -> bool { true } }\nimpl PartialOrd for E { fn partial_cmp(&self, _: &Self) -> Option<core::cmp::Ordering> { None } }",
        Nothing,
    ),
    // `E::V {}` builds and matches a unit variant too.
    (
        "enum_variant_braces_to_unit",
        "pub enum E { A {} }",
        "pub enum E { A }",
        Minor,
    ),
    (
        "enum_variant_unit_to_braces",
        "pub enum E { A }",
        "pub enum E { A {} }",
        Major,
    ),
    (
        "enum_non_exhaustive_variant_inserted",
        "#[non_exhaustive]\npub enum E { A, B }",
        "#[non_exhaustive]\npub enum E { C, A, B }",
        Minor,
    ),
    // hyper-util 0.1.21: `+ use<C>` on a returned future. Without `use<…>`, what it captures
    // depends on the edition; with one on both sides, capturing more is breaking.
    (
        "future_return_use_added",
        "pub struct S;\nimpl S { pub fn watch<C>(&self, _c: C) -> impl core::future::Future<Output = u8> { async { 0 } } }",
        "pub struct S;\nimpl S { pub fn watch<C>(&self, _c: C) -> impl core::future::Future<Output = u8> + use<C> { async { 0 } } }",
        Possibly,
    ),
    (
        "future_return_captures_more",
        "pub fn f<'a, 'b>(_x: &'a u8, _y: &'b u8) -> impl core::future::Future<Output = u8> + use<'a> { async { 0 } }",
        "pub fn f<'a, 'b>(_x: &'a u8, _y: &'b u8) -> impl core::future::Future<Output = u8> + use<'a, 'b> { async { 0 } }",
        Major,
    ),
    // clippy's needless_lifetimes elides `'a` beside a `'b` a bound names: the same function.
    (
        "fn_lifetime_elided_beside_a_bound_one",
        "pub trait Lt<'x> {}\npub fn f<'a, 'b, T: Lt<'b>>(x: &'a T) -> &'a T { x }",
        "pub trait Lt<'x> {}\npub fn f<'b, T: Lt<'b>>(x: &T) -> &T { x }",
        Nothing,
    ),
    // Tying the bound to the argument's lifetime asks more of callers.
    (
        "fn_bound_tied_to_an_argument_lifetime",
        "pub trait Lt<'x> {}\npub fn f<'a, 'b, T: Lt<'b>>(x: &'a T) -> &'a T { x }",
        "pub trait Lt<'x> {}\npub fn f<'a, T: Lt<'a>>(x: &'a T) -> &'a T { x }",
        Major,
    ),
    // An outlives bound between two lifetimes: adding one asks more, dropping one asks less.
    (
        "fn_outlives_bound_added",
        "pub fn f<'a, 'b>(x: &'a u8, _y: &'b u8) -> &'a u8 { x }",
        "pub fn f<'a, 'b: 'a>(x: &'a u8, _y: &'b u8) -> &'a u8 { x }",
        Major,
    ),
    (
        "fn_outlives_bound_dropped",
        "pub fn f<'a, 'b: 'a>(x: &'a u8, _y: &'b u8) -> &'a u8 { x }",
        "pub fn f<'a, 'b>(x: &'a u8, _y: &'b u8) -> &'a u8 { x }",
        Minor,
    ),
    // zerovec 0.11.9: one method name in two inherent impls of one type, each for its own
    // type argument; the order of the impls changed.
    (
        "inherent_impls_per_type_argument",
        "pub struct Z<T>(T);\nimpl Z<bool> { pub fn get(&self) -> bool { self.0 } }\nimpl Z<u8> { pub fn get(&self) -> u8 { self.0 } }",
        "pub struct Z<T>(T);\nimpl Z<u8> { pub fn get(&self) -> u8 { self.0 } }\nimpl Z<bool> { pub fn get(&self) -> bool { self.0 } }",
        Nothing,
    ),
    // A method of `impl Z<u8>` moved into `impl<T> Z<T>` is still there for `Z<u8>`: an
    // addition (it now exists for every `T`), with the old key's absence only possibly
    // breaking (the impl's bounds could leave `u8` out). The reverse takes it from other types.
    (
        "inherent_impl_generalised",
        "pub struct Z<T>(pub T);\nimpl Z<u8> { pub fn get(&self) -> u8 { self.0 } }",
        "pub struct Z<T>(pub T);\nimpl<T: Copy> Z<T> { pub fn get(&self) -> T { self.0 } }",
        MinorNoted,
    ),
    (
        "inherent_impl_narrowed",
        "pub struct Z<T>(pub T);\nimpl<T: Copy> Z<T> { pub fn get(&self) -> T { self.0 } }",
        "pub struct Z<T>(pub T);\nimpl Z<u8> { pub fn get(&self) -> u8 { self.0 } }",
        Major,
    ),
    // A trait impl asking more of its type parameter leaves some types without it; asking
    // less gives it to more. A synthetic auto-trait impl follows the private fields: a `Box<T>`
    // that became an `Arc<T>` makes `Send` need `T: Sync` too.
    (
        "impl_bounds_tightened",
        "pub struct W<T>(pub T);\npub trait Tr {}\nimpl<T: Clone> Tr for W<T> {}",
        "pub struct W<T>(pub T);\npub trait Tr {}\nimpl<T: Clone + std::fmt::Debug> Tr for W<T> {}",
        Major,
    ),
    (
        "impl_bounds_loosened",
        "pub struct W<T>(pub T);\npub trait Tr {}\nimpl<T: Clone + std::fmt::Debug> Tr for W<T> {}",
        "pub struct W<T>(pub T);\npub trait Tr {}\nimpl<T: Clone> Tr for W<T> {}",
        Minor,
    ),
    (
        "impl_bounds_same_when_implied",
        "pub struct W<T>(pub T);\npub trait Tr {}\nimpl<T: Copy + Clone> Tr for W<T> {}",
        "pub struct W<T>(pub T);\npub trait Tr {}\nimpl<'a, T> Tr for W<T> where T: Copy {}",
        Nothing,
    ),
    // One lifetime dropped renames the next (`'b` was the second, now the first): a bound
    // naming it reads differently, which is not a tightening.
    (
        "impl_bound_naming_a_renamed_lifetime",
        "pub struct W<'a, T>(pub &'a T);\npub trait Tr {}\npub trait Lt<'x> {}\nimpl<'a, 'b, T: Lt<'b>> Tr for W<'a, T> {}",
        "pub struct W<'a, T>(pub &'a T);\npub trait Tr {}\npub trait Lt<'x> {}\nimpl<'b, T: Lt<'b>> Tr for W<'_, T> {}",
        Possibly,
    ),
    (
        "impl_generalised_over_a_parameter",
        "pub struct W<T>(pub T);\npub trait Tr {}\nimpl Tr for W<u8> {}",
        "pub struct W<T>(pub T);\npub trait Tr {}\nimpl<T: Copy> Tr for W<T> {}",
        Possibly,
    ),
    // winnow 1.0.5: one trait implemented for several instances of a type, each impl asking
    // its own; one lifetime elided and the impls reordered change nothing.
    (
        "impls_of_one_trait_for_several_instances",
        "pub struct W<T>(pub T);\npub trait Tr<I> {}\nimpl<'s, I: Clone> Tr<I> for W<&'s str> {}\nimpl<I: Copy, const N: usize> Tr<I> for W<[u8; N]> {}",
        "pub struct W<T>(pub T);\npub trait Tr<I> {}\nimpl<I: Copy, const N: usize> Tr<I> for W<[u8; N]> {}\nimpl<I: Clone> Tr<I> for W<&str> {}",
        Nothing,
    ),
    (
        "auto_trait_bounds_tightened",
        "pub struct S<T>(Box<T>);",
        "pub struct S<T>(std::sync::Arc<T>);",
        Major,
    ),
    // zerovec 0.11.9: rustdoc writes a computed const argument as `{ _ }`.
    (
        "const_argument_unspelled",
        "pub struct B<const N: usize>([u8; N]);\npub fn b() -> B<4> { B([0; 4]) }",
        "pub struct B<const N: usize>([u8; N]);\npub fn b() -> B<{ core::mem::size_of::<u32>() }> { B([0; 4]) }",
        Possibly,
    ),
    (
        "const_argument_changed",
        "pub struct B<const N: usize>([u8; N]);\npub fn b() -> B<4> { B([0; 4]) }",
        "pub struct B<const N: usize>([u8; N]);\npub fn b() -> B<8> { B([0; 8]) }",
        Major,
    ),
    // zerovec 0.11.9 again: one `impl` per const argument, made by a macro, whose argument
    // rustdoc spelled `16` before and `{ _ }` after.
    (
        "inherent_impls_per_const_argument",
        "pub struct B<const N: usize>([u8; N]);\nimpl B<2> { pub fn from(v: u16) -> Self { B(v.to_le_bytes()) } }\nimpl B<4> { pub fn from(v: u32) -> Self { B(v.to_le_bytes()) } }",
        "pub struct B<const N: usize>([u8; N]);\nimpl B<{ core::mem::size_of::<u32>() }> { pub fn from(v: u32) -> Self { B(v.to_le_bytes()) } }\nimpl B<{ core::mem::size_of::<u16>() }> { pub fn from(v: u16) -> Self { B(v.to_le_bytes()) } }",
        Possibly,
    ),
    // litemap 0.8.3: `-> impl Iterator` became `-> S::KeyValueIter`.
    (
        "rpit_to_named_type",
        "pub fn items() -> impl Iterator<Item = u8> { Vec::new().into_iter() }",
        "pub fn items() -> std::vec::IntoIter<u8> { Vec::new().into_iter() }",
        Possibly,
    ),
    // zeroize 1.9: `?Sized` asks less of the type argument.
    (
        "generic_maybe_sized_added",
        "pub struct W<Z: Clone>(Z);",
        "pub struct W<Z: Clone + ?Sized>(Z);",
        Minor,
    ),
    (
        "generic_maybe_sized_removed",
        "pub fn f<T: ?Sized>(_: &T) {}",
        "pub fn f<T>(_: &T) {}",
        Major,
    ),
    // icu_locale_core 2.4: a derived `PartialEq` written by hand loses the unstable
    // `StructuralPartialEq`, which matters only to a constant used as a pattern.
    (
        "derive_partial_eq_by_hand",
        "#[derive(PartialEq)] pub struct P(pub u8);",
        "pub struct P(pub u8);\nimpl PartialEq for P { fn eq(&self, o: &Self) -> bool { self.0 == o.0 } }",
        Possibly,
    ),
    // Unions: rustdoc's field ids must not leak.
    (
        "union_unchanged",
        "pub union U { pub a: u8, pub b: u16 }",
        "pub fn before() {}\npub union U { pub a: u8, pub b: u16 }",
        Minor,
    ),
    (
        "union_field_type",
        "pub union U { pub a: u8 }",
        "pub union U { pub a: u16 }",
        Major,
    ),
];

#[cfg(target_arch = "x86_64")]
const TARGET_CASES: &[Case] = &[
    (
        "target_feature_added",
        "pub fn f() {}",
        "#[target_feature(enable = \"avx2\")] pub fn f() {}",
        Major,
    ),
    (
        "target_feature_removed",
        "#[target_feature(enable = \"avx2\")] pub fn f() {}",
        "pub fn f() {}",
        Minor,
    ),
];
#[cfg(not(target_arch = "x86_64"))]
const TARGET_CASES: &[Case] = &[];

type Case = (&'static str, &'static str, &'static str, Expect);

fn write_crate(dir: &Path, pick: fn(&Case) -> &'static str) {
    std::fs::create_dir_all(dir.join("src")).expect("mkdir");
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"rules\"\nversion = \"1.0.0\"\nedition = \"2021\"\n\n[workspace]\n",
    )
    .expect("write");
    let mut lib = String::from("#![allow(dead_code, clippy::all)]\n");
    for case in CASES.iter().chain(TARGET_CASES) {
        lib.push_str(&format!("pub mod {} {{\n{}\n}}\n", case.0, pick(case)));
    }
    std::fs::write(dir.join("src/lib.rs"), lib).expect("write");
}

fn surface(dir: &Path) -> Surface {
    let json = api::build_json(
        &dir.join("Cargo.toml"),
        "rules",
        "rules",
        &dir.join("target"),
        &[],
    )
    .expect("cargo rustdoc runs")
    .expect("rustdoc JSON builds");
    let krate = api::load(&json)
        .expect("readable JSON")
        .expect("the toolchain's rustdoc JSON format is the one cargo-ship reads");
    Surface::of(&krate)
}

fn verdict(changes: &[&ApiChange]) -> Expect {
    let noted = changes.iter().any(|c| c.change == Change::None);
    match changes.iter().map(|c| c.change).max() {
        Some(Change::Breaking) => Major,
        Some(Change::Feature | Change::Fix) if noted => MinorNoted,
        Some(Change::Feature | Change::Fix) => Minor,
        Some(Change::None) => Possibly,
        None => Nothing,
    }
}

#[test]
fn each_semver_rule_gets_its_verdict() {
    let temp = tempfile::tempdir().expect("temp dir");
    write_crate(&temp.path().join("old"), |c| c.1);
    write_crate(&temp.path().join("new"), |c| c.2);
    let changes = api::diff(
        &surface(&temp.path().join("old")),
        &surface(&temp.path().join("new")),
    );
    let mut wrong = Vec::new();
    for (name, _, _, expected) in CASES.iter().chain(TARGET_CASES) {
        let prefix = format!("rules::{name}::");
        let found: Vec<&ApiChange> = changes
            .iter()
            .filter(|c| c.path.starts_with(&prefix))
            .collect();
        let got = verdict(&found);
        let possibly_said = found
            .iter()
            .any(|c| c.change == Change::None && c.detail.contains("possibly breaking"));
        if got != *expected || (*expected == Possibly && !possibly_said) {
            let details: Vec<&str> = found.iter().map(|c| c.detail.as_str()).collect();
            wrong.push(format!(
                "{name}: expected {expected:?}, got {got:?} {details:?}"
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} rules wrong:\n{}",
        wrong.len(),
        CASES.len() + TARGET_CASES.len(),
        wrong.join("\n")
    );
}

/// The chapter's attr-no-std-to-std: a crate that stops being `#![no_std]` breaks its users
/// without `std`; one that starts supporting them adds something.
#[test]
fn requiring_std_is_breaking_and_supporting_no_std_is_a_feature() {
    let (no_std, with_std) = surfaces("#![no_std]\npub fn f() {}\n", "pub fn f() {}\n");
    let dropped = api::diff(&no_std, &with_std);
    assert_eq!(verdict_of(&dropped), Major, "{dropped:?}");
    assert!(
        dropped.iter().any(|c| c.detail.contains("no_std")),
        "{dropped:?}"
    );
    let added = api::diff(&with_std, &no_std);
    assert_eq!(verdict_of(&added), Minor, "{added:?}");
}

/// The verdict on a whole diff.
fn verdict_of(changes: &[ApiChange]) -> Expect {
    verdict(&changes.iter().collect::<Vec<_>>())
}

/// The surface of a crate `rules` whose lib.rs is `lib`, built in `root/name`.
fn crate_surface(root: &Path, name: &str, lib: &str) -> Surface {
    let dir = root.join(name);
    std::fs::create_dir_all(dir.join("src")).expect("mkdir");
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"rules\"\nversion = \"1.0.0\"\nedition = \"2021\"\n\n[workspace]\n",
    )
    .expect("write");
    std::fs::write(dir.join("src/lib.rs"), lib).expect("write");
    surface(&dir)
}

/// The surfaces of a crate whose library is `old`, then `new`.
fn surfaces(old: &str, new: &str) -> (Surface, Surface) {
    let temp = tempfile::tempdir().expect("temp dir");
    (
        crate_surface(temp.path(), "old", old),
        crate_surface(temp.path(), "new", new),
    )
}

/// What each change says, in order.
fn details(changes: &[ApiChange]) -> Vec<&str> {
    changes.iter().map(|c| c.detail.as_str()).collect()
}

/// anstyle 1.0.0 dropped `impl From<Color> for Style`; rustdoc lists that impl under `Color`
/// too, and the reasons said `Color` lost it. It is `Style`'s.
#[test]
fn an_impl_is_its_own_types_not_every_type_it_names() {
    let types = "pub struct Color;\npub struct Style;\n";
    let (old, new) = surfaces(
        &format!(
            "{types}impl From<Color> for Style {{ fn from(_: Color) -> Style {{ Style }} }}\n"
        ),
        types,
    );
    let changes = api::diff(&old, &new);
    assert_eq!(verdict_of(&changes), Major, "{changes:?}");
    assert!(
        changes.iter().all(|c| c.path.starts_with("rules::Style")),
        "{changes:?}"
    );
}

/// Generic parameters are compared by position, but shown as the crate writes them: anstyle's
/// reasons said `impl BitOr<A0>`.
#[test]
fn an_impl_is_shown_with_its_parameters_as_written() {
    let style = "pub struct Style;\n";
    let (old, new) = surfaces(
        style,
        &format!(
            "{style}impl<C: Into<u8>> core::ops::BitOr<C> for Style {{\n    type Output = Style;\n    fn bitor(self, _: C) -> Style {{ self }}\n}}\n"
        ),
    );
    let changes = api::diff(&old, &new);
    assert_eq!(verdict_of(&changes), Minor, "{changes:?}");
    assert_eq!(
        details(&changes),
        ["added impl rules::Style::impl core::ops::bit::BitOr<C>"],
        "{changes:?}"
    );
    let removed = api::diff(&new, &old);
    assert_eq!(
        removed[0].detail, "removed impl rules::Style::impl core::ops::bit::BitOr<C>",
        "{removed:?}"
    );
}

/// The impls only a trait lists (for another crate's type, or blanket) are said by the trait,
/// the type they are for, and the parameters as written.
#[test]
fn a_trait_only_impl_is_said_by_its_trait_and_type() {
    let tr = "pub trait Tr {}\n";
    let (old, new) = surfaces(
        &format!("{tr}impl Tr for String {{}}\n"),
        &format!("{tr}impl<Item: core::fmt::Display> Tr for Item {{}}\n"),
    );
    let changes = api::diff(&old, &new);
    assert_eq!(
        details(&changes),
        [
            "added blanket impl rules::Tr::impl for Item",
            "possibly breaking: impl rules::Tr::impl for alloc::string::String removed; the \
             blanket impl rules::Tr::impl for Item covers its type if the type meets its bounds",
            "possibly breaking: new blanket impl rules::Tr::impl for Item: an impl users wrote \
             for their own type may overlap it",
        ],
        "{changes:?}"
    );
}

/// Bounds exchanged, not added to (yoke 0.8.4: `impl Send … where C: Sync` → `where C:
/// Send`): the types that met only the old ones lose the impl, which the reason says.
#[test]
fn an_impl_asking_other_bounds_says_so() {
    let types = "pub trait Tr {}\npub struct W<C>(pub C);\n";
    let (old, new) = surfaces(
        &format!("{types}impl<C: Sync> Tr for W<C> {{}}\n"),
        &format!("{types}impl<C: Send> Tr for W<C> {{}}\n"),
    );
    let changes = api::diff(&old, &new);
    assert_eq!(
        details(&changes),
        [
            "changed impl rules::W::impl rules::Tr: `C` must satisfy other bounds, so some types \
          that had it lose it"
        ],
        "{changes:?}"
    );
    assert_eq!(verdict_of(&changes), Major);
}
