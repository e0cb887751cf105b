//! A crate's public API as comparable values: every public item by path, its signature
//! written without rustdoc's per-build ids (a path id becomes the item's full path), and
//! the properties whose change is compatible in one direction only kept apart from it.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rustdoc_types::{
    Attribute, Crate, FunctionHeader, GenericBound, GenericParamDefKind, Generics, Id, Item,
    ItemEnum, StructKind, Type, VariantKind, Visibility, WherePredicate,
};
use serde_json::Value;

use super::alias::substitute;

/// What the parent of a member item promises, deciding what adding a member means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Member {
    /// A top-level item or an inherent method.
    Free,
    /// A variant of an enum without `#[non_exhaustive]`.
    ExhaustiveVariant,
    /// A field of a struct whose fields were all public and that is not `#[non_exhaustive]`.
    OpenField,
    /// A trait item without a default.
    RequiredTraitItem,
    /// A trait item with a default (possibly breaking: a name clash in implementors).
    DefaultTraitItem,
    /// Anything else whose addition is minor.
    Other,
}

/// The kind of the impl `#[derive(PartialEq)]` adds of an unstable marker trait: a
/// hand-written `PartialEq` (icu_locale_core 2.4) loses it, which breaks only a constant of
/// the type used as a pattern.
pub const STRUCTURAL_MARKER: &str = "structural-match impl";
/// An impl for every type its bounds admit (`impl<T: Display> Tr for T`): a new one may
/// overlap impls users wrote for their own types.
pub const BLANKET_IMPL: &str = "blanket impl";

/// One public item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiItem {
    pub kind: &'static str,
    /// What must stay equal.
    pub signature: String,
    /// The signature with each defaulted type parameter replaced by its default: a type
    /// generalised over a parameter defaulting to the old type is the same to its users.
    pub defaulted: String,
    pub member: Member,
    pub generics: Option<GenericsSig>,
    pub flags: Flags,
}

/// The properties that may change one way compatibly.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flags {
    /// `const fn`: adding it is compatible, removing it is not.
    pub is_const: bool,
    /// `unsafe fn`: removing it is compatible, adding it is not.
    pub is_unsafe: bool,
    /// Whether users can build it with a literal or match it exhaustively (all fields public
    /// and no `#[non_exhaustive]`; an enum without `#[non_exhaustive]`).
    pub exhaustive: Option<bool>,
    /// Whether a trait can be used as `dyn Trait`.
    pub dyn_compatible: Option<bool>,
    /// A trait item's default: removing it is breaking, adding one is not.
    pub required: Option<bool>,
    /// A sealed trait, or an item of one (see `Walk::is_sealed`): no one else implements it, so
    /// its items may become required.
    pub sealed: bool,
    pub repr: Option<Repr>,
    /// The symbol a `#[no_mangle]` or `#[export_name]` item is linked by.
    pub symbol: Option<String>,
    /// `#[target_feature(enable = …)]` on a function: callers must enable them too.
    pub target_features: BTreeSet<String>,
    /// `#[deprecated]`, `#[must_use]`: adding one makes users' builds warn (the book's
    /// new-lints, a minor change).
    pub lints: BTreeSet<&'static str>,
    /// A literal or numeric const's value: a change may reach code that matches on it or
    /// sizes an array by it.
    pub value: Option<String>,
    /// A fieldless enum's variant: what `as` makes of it (see [`cast_values`]).
    pub cast: Option<i128>,
    /// An enum's variants, or a struct's public fields, in the order a derived `PartialOrd`
    /// compares them (std: variants by discriminant, fields by declaration). Reordering them
    /// changes what `<` says (cargo semver-checks' major partial_ord_enum_variants_reordered).
    pub ordered: Option<Vec<String>>,
}

/// `#[repr(...)]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Repr {
    /// `C`, `transparent`, `simd`; empty for the default representation.
    pub kind: String,
    pub int: Option<String>,
    pub align: Option<u64>,
    pub packed: Option<u64>,
    /// A `repr(C)` struct's public fields in declaration order: their order is its layout.
    pub fields: Vec<String>,
}

/// Generic parameters by position (`A0`, `'A0`: renaming `T` to `U` changes nothing for
/// users, who name them by position in a turbofish), with their bounds (where-clauses on them
/// included) and default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GenericsSig {
    pub params: BTreeMap<String, Param>,
    /// Where-clauses on other types than a parameter (`Vec<T>: Debug`).
    pub other: BTreeSet<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Param {
    /// The name the source gives it, for messages: comparisons use its position.
    pub name: String,
    pub kind: &'static str,
    pub bounds: BTreeSet<String>,
    pub default: Option<String>,
    /// An `impl Trait` argument: a type parameter callers cannot give in a turbofish.
    pub synthetic: bool,
}

/// The public items of a crate by path (`crate::module::Item`, `crate::Type::method`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Surface {
    pub items: BTreeMap<String, ApiItem>,
    /// The path as the crate writes it, where the compared one names generic parameters by
    /// position (`impl BitOr<A0>` is `impl BitOr<T>` in the source): what messages show.
    pub written: BTreeMap<String, String>,
    /// Each of the crate's own items by the name signatures give it, with every public path
    /// users can name it by.
    pub names: BTreeMap<String, BTreeSet<String>>,
    /// The trait impls a type has through a blanket impl (`impl<T> Tr for T`), by the key a
    /// trait impl of its own would have: not compared (they follow from the trait's impls),
    /// but a type whose own impl became a blanket one still has the trait.
    pub blanket: BTreeSet<String>,
}

impl Surface {
    /// How to show `path` to users.
    pub fn shown<'a>(&'a self, path: &'a str) -> &'a str {
        self.written.get(path).map_or(path, String::as_str)
    }

    pub fn of(krate: &Crate) -> Self {
        let name = krate
            .index
            .get(&krate.root)
            .and_then(|i| i.name.clone())
            .unwrap_or_else(|| "crate".into());
        let (public, reached) = public_paths(krate, &name);
        let names = public
            .iter()
            .map(|(id, canonical)| {
                let all = reached.get(id).into_iter().flatten().cloned().collect();
                (canonical.clone(), all)
            })
            .collect();
        let mut walk = Walk {
            krate,
            public,
            surface: Surface {
                names,
                ..Surface::default()
            },
            visiting: HashSet::new(),
            scopes: RefCell::new(Vec::new()),
            keep_names: Cell::new(false),
        };
        walk.item(&krate.root, &name);
        // `#![no_std]` is a promise too: users without `std` build the crate (the book's
        // attr-no-std-to-std). As an item of its own, dropping it is a removal, adding it an
        // addition. rustdoc shows it only as text (`#[attr = NoStd]` on rustc 1.95).
        let no_std = krate.index.get(&krate.root).is_some_and(|root| {
            has(root, |a| {
                matches!(a, Attribute::Other(text) if text.contains("NoStd") || text.contains("no_std"))
            })
        });
        if no_std {
            let entry = walk.plain("crate attribute", String::new(), Member::Free);
            walk.add(format!("{name}::#![no_std]"), entry);
        }
        walk.surface
    }
}

struct Walk<'a> {
    krate: &'a Crate,
    /// Each local item users can name, by its shortest public path: what a signature that
    /// names it shows. rustdoc's own `paths` give where an item is defined, and moving a
    /// type between private modules behind one `pub use` changes nothing for users.
    public: HashMap<Id, String>,
    surface: Surface,
    visiting: HashSet<Id>,
    /// The generic parameters in scope, innermost last (an impl's, then its method's).
    scopes: RefCell<Vec<Scope>>,
    /// Leave generic parameters as written, for a path shown to users.
    keep_names: Cell<bool>,
}

/// One item's generic parameters, renamed by position, and what `Self` stands for in an
/// inherent impl (`fn new() -> Self` is `fn new() -> S` to its callers).
#[derive(Default)]
struct Scope {
    names: HashMap<String, String>,
    self_type: Option<Value>,
}

impl Walk<'_> {
    fn add(&mut self, path: String, item: ApiItem) {
        self.surface.items.insert(path, item);
    }

    fn plain(&self, kind: &'static str, signature: String, member: Member) -> ApiItem {
        ApiItem {
            kind,
            defaulted: signature.clone(),
            signature,
            member,
            generics: None,
            flags: Flags::default(),
        }
    }

    fn item(&mut self, id: &Id, path: &str) {
        let krate = self.krate;
        let Some(item) = krate.index.get(id) else {
            return;
        };
        if !self.visiting.insert(*id) {
            return;
        }
        match &item.inner {
            ItemEnum::Module(module) => {
                for child in &module.items {
                    self.module_child(child, path);
                }
                if path.contains("::") {
                    let module = self.plain("module", String::new(), Member::Free);
                    self.add(path.to_string(), module);
                }
            }
            ItemEnum::Struct(strukt) => {
                let non_exhaustive = has(item, |a| matches!(a, Attribute::NonExhaustive));
                let (shape, fields, all_public) = match &strukt.kind {
                    StructKind::Unit => ("unit", Vec::new(), true),
                    StructKind::Tuple(fields) => (
                        "tuple",
                        fields
                            .iter()
                            .enumerate()
                            .filter_map(|(i, f)| f.map(|f| (i.to_string(), f)))
                            .collect(),
                        fields.iter().all(Option::is_some),
                    ),
                    StructKind::Plain {
                        fields,
                        has_stripped_fields,
                    } => (
                        "plain",
                        fields
                            .iter()
                            .filter_map(|f| Some((krate.index.get(f)?.name.clone()?, *f)))
                            .collect(),
                        !has_stripped_fields,
                    ),
                };
                let exhaustive = all_public && !non_exhaustive;
                let ordered = derives_partial_ord(krate, &strukt.impls)
                    .then(|| fields.iter().map(|(name, _)| name.clone()).collect());
                // No public field and not exhaustive (private fields only, or
                // `#[non_exhaustive]`): nobody outside builds it or matches it by its shape
                // (`S { .. }` matches any), so a tuple or unit struct may become a plain one.
                // A plain struct without fields is built as `S {}`, which a unit or tuple
                // struct also accepts.
                let shape = match shape {
                    _ if fields.is_empty() && !exhaustive => "opaque",
                    "plain" if fields.is_empty() => "empty",
                    shape => shape,
                };
                self.enter(&strukt.generics);
                let mut entry = self.with_generics("struct", shape.to_string(), &strukt.generics);
                entry.flags.exhaustive = Some(exhaustive);
                entry.flags.ordered = ordered;
                entry.flags.repr = repr(item).map(|mut repr| {
                    if repr.kind == "C" {
                        repr.fields = fields.iter().map(|(name, _)| name.clone()).collect();
                    }
                    repr
                });
                self.add(path.to_string(), entry);
                let member = if exhaustive {
                    Member::OpenField
                } else {
                    Member::Other
                };
                let defaults = self.defaults(&strukt.generics);
                for (name, field) in fields {
                    self.field(&field, &format!("{path}::{name}"), member, &defaults);
                }
                self.leave();
                self.impls(&strukt.impls, path, *id);
            }
            ItemEnum::Union(union) => {
                self.enter(&union.generics);
                let mut entry = self.with_generics("union", String::new(), &union.generics);
                entry.flags.repr = repr(item);
                self.add(path.to_string(), entry);
                let defaults = self.defaults(&union.generics);
                for field in &union.fields {
                    if let Some(name) = krate.index.get(field).and_then(|f| f.name.clone()) {
                        self.field(field, &format!("{path}::{name}"), Member::Other, &defaults);
                    }
                }
                self.leave();
                self.impls(&union.impls, path, *id);
            }
            ItemEnum::Enum(enumeration) => {
                let non_exhaustive = has(item, |a| matches!(a, Attribute::NonExhaustive));
                // A `#[doc(hidden)]` variant is one users cannot match by the documented API:
                // their matches already need a `_` arm, so a variant added (or the hidden one
                // shown) breaks nothing, as cargo semver-checks'
                // counterexample_for_ignoring_doc_hidden_items has it.
                let exhaustive = !non_exhaustive && !enumeration.has_stripped_variants;
                self.enter(&enumeration.generics);
                let mut entry = self.with_generics("enum", String::new(), &enumeration.generics);
                entry.flags.exhaustive = Some(exhaustive);
                entry.flags.repr = repr(item);
                let casts = cast_values(krate, enumeration, non_exhaustive);
                if derives_partial_ord(krate, &enumeration.impls) {
                    entry.flags.ordered = Some(variant_order(krate, enumeration));
                }
                self.add(path.to_string(), entry);
                let member = if !exhaustive {
                    Member::Other
                } else {
                    Member::ExhaustiveVariant
                };
                let defaults = self.defaults(&enumeration.generics);
                for (i, variant) in enumeration.variants.iter().enumerate() {
                    let cast = casts.as_ref().and_then(|c| c.get(i)).copied();
                    self.variant(variant, path, member, &defaults, cast);
                }
                self.leave();
                self.impls(&enumeration.impls, path, *id);
            }
            ItemEnum::Trait(tr) => {
                self.enter(&tr.generics);
                // `trait A: B` and `trait A where Self: B` are one trait. A supertrait users
                // cannot name is no promise to them; what it does (sealing) is `sealed`.
                let bounds = supertraits(tr)
                    .filter(|b| !trait_of(b).is_some_and(|t| self.unnameable(t)))
                    .map(|b| self.canonical(b))
                    .collect();
                let mut generics = tr.generics.clone();
                generics
                    .where_predicates
                    .retain(|p| bounds_on_self(p).is_none());
                let bounds: Vec<String> = super::bounds::reduced(bounds).into_iter().collect();
                let signature = serde_json::json!({
                    "unsafe": tr.is_unsafe,
                    "auto": tr.is_auto,
                    "supertraits": bounds,
                })
                .to_string();
                let sealed = self.is_sealed(tr, &mut HashSet::from([*id]));
                let mut entry = self.with_generics("trait", signature, &generics);
                entry.flags.dyn_compatible = Some(tr.is_dyn_compatible);
                entry.flags.sealed = sealed;
                self.add(path.to_string(), entry);
                for member_id in &tr.items {
                    self.trait_item(member_id, path, sealed);
                }
                self.leave();
                self.trait_impls(&tr.implementations);
            }
            ItemEnum::Macro(_) | ItemEnum::ProcMacro(_) => {
                let entry = self.plain("macro", String::new(), Member::Free);
                self.add(path.to_string(), entry);
            }
            ItemEnum::Function(function) => {
                let entry = self.function("fn", item, function, Member::Free);
                self.add(path.to_string(), entry);
            }
            // An alias is the type it names, over its parameters, compared like a type's
            // generics: `type Result<T, E = Error>` still names what `type Result<T>` named.
            // Bounds on an alias's parameters are not enforced (rustc's `type_alias_bounds`),
            // so they promise nothing.
            ItemEnum::TypeAlias(alias) => {
                self.enter(&alias.generics);
                let value = self.value(&alias.type_);
                let defaults = self.defaults(&alias.generics);
                let mut generics = alias.generics.clone();
                generics.where_predicates.clear();
                for param in &mut generics.params {
                    match &mut param.kind {
                        GenericParamDefKind::Type { bounds, .. } => bounds.clear(),
                        GenericParamDefKind::Lifetime { outlives } => outlives.clear(),
                        GenericParamDefKind::Const { .. } => {}
                    }
                }
                let mut entry = self.with_generics("type", value.to_string(), &generics);
                entry.defaulted = substitute(value, &defaults).to_string();
                self.leave();
                self.add(path.to_string(), entry);
            }
            inner => {
                if let Some(kind) = signature_kind(inner) {
                    let mut entry = self.plain(kind, self.value_signature(inner), Member::Free);
                    entry.flags.symbol = symbol(item);
                    if let ItemEnum::Constant { const_, .. } = inner {
                        entry.flags.value = const_
                            .value
                            .clone()
                            .or_else(|| const_.is_literal.then(|| const_.expr.clone()));
                    }
                    self.add(path.to_string(), entry);
                }
            }
        }
        if let Some(entry) = self.surface.items.get_mut(path) {
            entry.flags.lints = lints(item);
        }
        self.visiting.remove(id);
    }

    fn module_child(&mut self, child: &Id, path: &str) {
        let Some(child_item) = self.krate.index.get(child) else {
            return;
        };
        if child_item.visibility != Visibility::Public {
            return;
        }
        match &child_item.inner {
            ItemEnum::Use(use_) if use_.is_glob => {
                if let Some(target) = &use_.id {
                    self.item(target, path);
                }
            }
            // `pub use Trait as _` brings a trait's methods into scope for glob importers; it
            // names nothing.
            ItemEnum::Use(use_) if use_.name == "_" => {}
            ItemEnum::Use(use_) => {
                let at = format!("{path}::{}", use_.name);
                match &use_.id {
                    Some(target) if self.krate.index.contains_key(target) => {
                        self.item(target, &at);
                    }
                    // An item of another crate: its path is what users rely on.
                    Some(target) => {
                        let source = self
                            .krate
                            .paths
                            .get(target)
                            .map_or_else(|| use_.source.clone(), |s| s.path.join("::"));
                        let entry = self.plain("re-export", source, Member::Free);
                        self.add(at, entry);
                    }
                    None => {
                        let entry = self.plain("re-export", use_.source.clone(), Member::Free);
                        self.add(at, entry);
                    }
                }
            }
            _ => {
                let name = child_item.name.clone().unwrap_or_default();
                self.item(child, &format!("{path}::{name}"));
            }
        }
    }

    fn field(&mut self, id: &Id, path: &str, member: Member, defaults: &BTreeMap<String, Value>) {
        let Some(field) = self.krate.index.get(id) else {
            return;
        };
        if field.visibility != Visibility::Public {
            return;
        }
        let value = self.value(&field.inner);
        let entry = ApiItem {
            kind: "field",
            signature: value.to_string(),
            defaulted: substitute(value, defaults).to_string(),
            member,
            generics: None,
            flags: Flags {
                lints: lints(field),
                ..Flags::default()
            },
        };
        self.add(path.to_string(), entry);
    }

    fn variant(
        &mut self,
        id: &Id,
        enum_path: &str,
        member: Member,
        defaults: &BTreeMap<String, Value>,
        cast: Option<i128>,
    ) {
        let krate = self.krate;
        let Some(item) = krate.index.get(id) else {
            return;
        };
        let ItemEnum::Variant(variant) = &item.inner else {
            return;
        };
        let name = item.name.clone().unwrap_or_default();
        let field_type = |id: &Id| match krate.index.get(id).map(|f| &f.inner) {
            Some(ItemEnum::StructField(ty)) => self.value(ty),
            _ => Value::Null,
        };
        // The fields by their types, not by rustdoc's ids.
        let value = match &variant.kind {
            VariantKind::Plain => Value::String("plain".into()),
            VariantKind::Tuple(fields) => Value::Array(
                fields
                    .iter()
                    .map(|f| f.as_ref().map_or(Value::Null, field_type))
                    .collect(),
            ),
            VariantKind::Struct { fields, .. } => Value::Object(
                fields
                    .iter()
                    .filter_map(|f| Some((krate.index.get(f)?.name.clone()?, field_type(f))))
                    .collect(),
            ),
        };
        // Where `as` gives the value, it is compared as a value: `A = 0` and a first `A` are
        // one variant.
        let discriminant = variant
            .discriminant
            .as_ref()
            .filter(|_| cast.is_none())
            .map(|d| d.value.clone());
        let signature = serde_json::json!([value, discriminant]);
        let entry = ApiItem {
            kind: "variant",
            signature: signature.to_string(),
            defaulted: substitute(signature, defaults).to_string(),
            member,
            generics: None,
            flags: Flags {
                exhaustive: Some(!has(item, |a| matches!(a, Attribute::NonExhaustive))),
                lints: lints(item),
                cast,
                ..Flags::default()
            },
        };
        self.add(format!("{enum_path}::{name}"), entry);
    }

    fn trait_item(&mut self, id: &Id, trait_path: &str, sealed: bool) {
        let Some(item) = self.krate.index.get(id) else {
            return;
        };
        let name = item.name.clone().unwrap_or_default();
        let required = match &item.inner {
            ItemEnum::Function(f) => !f.has_body,
            ItemEnum::AssocConst { value, .. } => value.is_none(),
            ItemEnum::AssocType { type_, .. } => type_.is_none(),
            _ => false,
        };
        let member = if required {
            Member::RequiredTraitItem
        } else {
            Member::DefaultTraitItem
        };
        // Implementors write the signature out: any change to it breaks them, generics too.
        let mut entry = match &item.inner {
            ItemEnum::Function(function) => {
                let mut entry = self.function("trait item", item, function, member);
                if let Some(generics) = entry.generics.take() {
                    entry.signature = format!("{} {}", entry.signature, render(&generics));
                    entry.defaulted = entry.signature.clone();
                }
                entry
            }
            // Its default, if any, is the `required` flag's business.
            ItemEnum::AssocType { bounds, .. } => {
                let bounds: Vec<String> = self.bounds(bounds).into_iter().collect();
                self.plain(
                    "trait item",
                    format!("type: {}", bounds.join(" + ")),
                    member,
                )
            }
            ItemEnum::AssocConst { type_, .. } => self.plain(
                "trait item",
                format!("const: {}", self.canonical(type_)),
                member,
            ),
            inner => self.plain("trait item", self.canonical(inner), member),
        };
        entry.flags.required = Some(required);
        entry.flags.sealed = sealed;
        entry.flags.lints = lints(item);
        self.add(format!("{trait_path}::{name}"), entry);
    }

    fn function(
        &self,
        kind: &'static str,
        item: &Item,
        function: &rustdoc_types::Function,
        member: Member,
    ) -> ApiItem {
        let FunctionHeader {
            is_const,
            is_unsafe,
            is_async,
            abi,
        } = &function.header;
        self.enter(&function.generics);
        let mut inputs: Vec<Value> = function
            .sig
            .inputs
            .iter()
            .map(|(_, ty)| self.value(ty))
            .collect();
        let mut output = function
            .sig
            .output
            .as_ref()
            .map_or(Value::Null, |ty| self.value(ty));
        unit_as_none(&mut output);
        arguments_as_parameters(&mut inputs, &self.synthetic_params(&function.generics));
        let own = self.own_lifetimes(&function.generics);
        let by_ref_self = function
            .sig
            .inputs
            .first()
            .is_some_and(|(name, ty)| name == "self" && matches!(ty, Type::BorrowedRef { .. }));
        let lifetimes = desugar_lifetimes(&mut inputs, &mut output, &own, by_ref_self);
        let mut is_async = *is_async;
        let mut captures = None;
        // `fn f() -> impl Future<Output = T>` is `async fn f() -> T` to its callers.
        if let Some((inner, named)) = future_output(&output) {
            output = inner;
            unit_as_none(&mut output);
            is_async = true;
            captures = named;
        }
        let mut signature = serde_json::json!({
            "inputs": inputs,
            "output": output,
            "async": is_async,
            "abi": self.value(abi),
            "variadic": function.sig.is_c_variadic,
        });
        if let Some(captures) = captures {
            signature["captures"] = captures;
        }
        let defaults = self.defaults(&function.generics);
        let mut generics = self.generics(&function.generics);
        lifetimes_as_where_clauses(&mut generics, &lifetimes);
        self.leave();
        ApiItem {
            kind,
            signature: signature.to_string(),
            defaulted: substitute(signature, &defaults).to_string(),
            member,
            generics: Some(generics),
            flags: Flags {
                is_const: *is_const,
                is_unsafe: *is_unsafe,
                symbol: symbol(item),
                target_features: item
                    .attrs
                    .iter()
                    .filter_map(|a| match a {
                        Attribute::TargetFeature { enable } => Some(enable.clone()),
                        _ => None,
                    })
                    .flatten()
                    .collect(),
                ..Flags::default()
            },
        }
    }

    fn with_generics(&self, kind: &'static str, signature: String, generics: &Generics) -> ApiItem {
        ApiItem {
            kind,
            defaulted: signature.clone(),
            signature,
            member: Member::Free,
            generics: Some(self.generics(generics)),
            flags: Flags::default(),
        }
    }

    /// Public inherent methods and associated items, and the traits the type `owner` at
    /// `path` implements. rustdoc also lists there the impls of other types that name it
    /// (`impl From<Color> for Style` under `Color`): those are the other type's.
    fn impls(&mut self, impls: &[Id], path: &str, owner: Id) {
        for imp in impls_in(self.krate, impls) {
            // A blanket impl follows from the others: not compared, only kept as reaching
            // this type (see `Surface::blanket`).
            if let Some(trait_) = &imp.trait_
                && imp.blanket_impl.is_some()
            {
                self.enter(&imp.generics);
                let key = format!("{path}::impl {}", self.impl_trait(trait_));
                self.leave();
                self.surface.blanket.insert(key);
                continue;
            }
            if matches!(&imp.for_, Type::ResolvedPath(p) if p.id != owner) {
                continue;
            }
            if imp.is_synthetic && !is_stable_auto_trait(imp) {
                continue;
            }
            self.enter(&imp.generics);
            self.impl_block(imp, path);
            self.leave();
        }
    }

    /// The impls of one of the crate's traits that no type of the crate lists: blanket
    /// ones (`impl<T: Display> Tr for T`, `for &T`) and those for other crates' types (`impl Tr
    /// for String`). Users' code relies on them as on any impl. Keyed by the trait and the
    /// type without its arguments, so `impl Tr for Vec<u8>` → `impl<T> Tr for Vec<T>` is one
    /// impl whose parameters changed.
    fn trait_impls(&mut self, impls: &[Id]) {
        for imp in impls_in(self.krate, impls) {
            let Some(trait_) = &imp.trait_ else {
                continue;
            };
            // Copies of a blanket impl under each type it reaches, and impls a type of the
            // crate lists (`impls` records those under the type).
            if imp.blanket_impl.is_some() || imp.is_synthetic || self.lists(&imp.for_) {
                continue;
            }
            let blanket = is_generic_target(&imp.for_);
            self.enter(&imp.generics);
            self.set_self_type(self.value(&imp.for_));
            let key = format!(
                "{}::impl for {}",
                self.impl_trait(trait_),
                self.target(&imp.for_)
            );
            let written = self.as_written(|walk| {
                format!(
                    "{}::impl for {}",
                    walk.canonical_path(trait_),
                    walk.target(&imp.for_)
                )
            });
            self.remember_written(&key, written);
            let kind = if blanket { BLANKET_IMPL } else { "impl" };
            let mut entry = self.plain(kind, String::new(), Member::Free);
            entry.generics = self.impl_generics(&key, &imp.generics);
            self.add(key, entry);
            self.leave();
        }
    }

    /// What `show` renders with generic parameters named as the crate writes them.
    fn as_written(&self, show: impl Fn(&Self) -> String) -> String {
        self.keep_names.set(true);
        let written = show(self);
        self.keep_names.set(false);
        written
    }

    /// How to show the item compared as `key`, when the crate writes it otherwise.
    fn remember_written(&mut self, key: &str, written: String) {
        if written != key {
            self.surface.written.insert(key.to_string(), written);
        }
    }

    /// What an impl keyed `key` asks of the types it covers, to compare. winnow implements
    /// `Parser<I, Slice, E>` for `Caseless<&[u8]>`, `Caseless<&str>` and `Caseless<&[u8; N]>`:
    /// one key for impls asking different things, which would be compared in whatever order
    /// rustdoc lists them. Those are not compared.
    fn impl_generics(&self, key: &str, generics: &Generics) -> Option<GenericsSig> {
        let generics = self.generics(generics);
        match self.surface.items.get(key) {
            Some(known) if known.generics.as_ref() != Some(&generics) => None,
            _ => Some(generics),
        }
    }

    /// Whether a type of the crate lists impls for `ty` (itself, or behind references).
    fn lists(&self, ty: &Type) -> bool {
        match ty {
            Type::ResolvedPath(path) => self.krate.index.contains_key(&path.id),
            Type::BorrowedRef { type_, .. } => self.lists(type_),
            _ => false,
        }
    }

    /// An impl's type as its key: a path without its arguments (they are the impl's
    /// parameters, compared as its generics), a parameter by its position.
    fn target(&self, ty: &Type) -> String {
        match ty {
            Type::ResolvedPath(path) => self.path_of(&path.id).unwrap_or_else(|| path.path.clone()),
            Type::BorrowedRef {
                is_mutable, type_, ..
            } => format!(
                "&{}{}",
                if *is_mutable { "mut " } else { "" },
                self.target(type_)
            ),
            other => type_text(&self.value(other)),
        }
    }

    /// One impl block, in the scope of its generics: a trait impl is an item of its own (by
    /// the trait's path), an inherent one adds its public members.
    fn impl_block(&mut self, imp: &rustdoc_types::Impl, path: &str) {
        // `Self` in the impl is the type it is for (`impl<I: Compare<Self>> Parser<I, Self, E>
        // for char` is the impl clippy's use_self made of `Compare<char>`).
        self.set_self_type(self.value(&imp.for_));
        if let Some(trait_) = &imp.trait_ {
            let negative = if imp.is_negative { "!" } else { "" };
            let key = format!("{path}::impl {negative}{}", self.impl_trait(trait_));
            let written = self.as_written(|walk| {
                format!("{path}::impl {negative}{}", walk.canonical_path(trait_))
            });
            self.remember_written(&key, written);
            let kind = if is_structural_marker(trait_) {
                STRUCTURAL_MARKER
            } else {
                "impl"
            };
            let mut entry = self.plain(kind, String::new(), Member::Free);
            // What the impl asks of the types it covers (`impl<T: Clone>`, the `T: Send` of
            // a synthetic `Send`): asking more takes the impl from some of them.
            if kind == "impl" {
                entry.generics = self.impl_generics(&key, &imp.generics);
            }
            self.add(key, entry);
            return;
        }
        // `impl ZeroSlice<bool> { fn try_from_bytes… }` beside `impl ZeroSlice<u8> { fn
        // try_from_bytes… }` (zerovec): two methods, one per concrete type.
        let owner = match concrete_args(imp) {
            Some(args) => format!("{path}<{}>", self.key_args(args)),
            None => path.to_string(),
        };
        let impl_bounds = self.impl_bounds(&imp.generics);
        for member in &imp.items {
            let Some(member_item) = self.krate.index.get(member) else {
                continue;
            };
            if member_item.visibility != Visibility::Public {
                continue;
            }
            let name = member_item.name.clone().unwrap_or_default();
            let mut entry = match &member_item.inner {
                ItemEnum::Function(function) => {
                    self.function("method", member_item, function, Member::Free)
                }
                inner => self.plain("associated item", self.canonical(inner), Member::Free),
            };
            if let Some(generics) = &mut entry.generics {
                generics.other = one_bound_each(std::mem::take(&mut generics.other));
                generics.other.extend(impl_bounds.iter().cloned());
            }
            entry.flags.lints = lints(member_item);
            let key = format!("{owner}::{name}");
            let entry = match self.surface.items.get(&key) {
                Some(other) if other.signature != entry.signature => merged(other, &entry),
                _ => entry,
            };
            self.add(key, entry);
        }
    }

    /// What an inherent impl asks of its type parameters, one bound each (`A0: Clone`): its
    /// methods exist only where it holds, so `impl<T: Clone> S<T> { fn f }` and `impl<T> S<T>
    /// { fn f where T: Clone }` are one method, and a bound added to the impl narrows it.
    fn impl_bounds(&self, generics: &Generics) -> BTreeSet<String> {
        let sig = self.generics(generics);
        let on_params = sig
            .params
            .iter()
            .filter(|(_, param)| param.kind != "lifetime")
            .flat_map(|(key, param)| {
                // `?Sized` asks less: a type parameter is `Sized` unless it says otherwise.
                super::bounds::reduced(super::bounds::with_implicit_sized(&param.bounds))
                    .into_iter()
                    .map(move |bound| format!("{key}: {bound}"))
            });
        on_params.chain(one_bound_each(sig.other)).collect()
    }

    /// An inherent impl's type arguments as a key: types as written, lifetimes left out, and
    /// const arguments as `_`, since rustdoc spells a computed one `{ _ }` (zerovec's
    /// `impl RawBytesULE<16>` made by a macro from `size_of::<u128>()`).
    fn key_args(&self, args: &rustdoc_types::GenericArgs) -> String {
        let rustdoc_types::GenericArgs::AngleBracketed { args, .. } = args else {
            return self.canonical(args);
        };
        let shown: Vec<String> = args
            .iter()
            .filter_map(|arg| match arg {
                rustdoc_types::GenericArg::Type(ty) => Some(type_text(&self.value(ty))),
                rustdoc_types::GenericArg::Const(_) | rustdoc_types::GenericArg::Infer => {
                    Some("_".into())
                }
                rustdoc_types::GenericArg::Lifetime(_) => None,
            })
            .collect();
        shown.join(", ")
    }

    fn generics(&self, generics: &Generics) -> GenericsSig {
        let mut sig = GenericsSig::default();
        let key = |name: &str| self.renamed(name).unwrap_or_else(|| name.to_string());
        let lifetimes =
            |outlives: &[String]| -> BTreeSet<String> { outlives.iter().map(|l| key(l)).collect() };
        for param in &generics.params {
            let name = param.name.clone();
            let entry = match &param.kind {
                GenericParamDefKind::Lifetime { outlives } => Param {
                    name,
                    kind: "lifetime",
                    bounds: lifetimes(outlives),
                    default: None,
                    synthetic: false,
                },
                GenericParamDefKind::Type {
                    bounds,
                    default,
                    is_synthetic,
                } => Param {
                    name,
                    kind: "type",
                    bounds: self.bounds(bounds),
                    default: default.as_ref().map(|d| self.canonical(d)),
                    synthetic: *is_synthetic,
                },
                GenericParamDefKind::Const { type_, default } => Param {
                    name,
                    kind: "const",
                    bounds: BTreeSet::from([self.canonical(type_)]),
                    default: default.clone(),
                    synthetic: false,
                },
            };
            sig.params.insert(key(&param.name), entry);
        }
        for predicate in &generics.where_predicates {
            match predicate {
                WherePredicate::BoundPredicate {
                    type_: Type::Generic(name),
                    bounds,
                    ..
                } if sig.params.contains_key(&key(name)) => {
                    let more = self.bounds(bounds);
                    if let Some(param) = sig.params.get_mut(&key(name)) {
                        param.bounds.extend(more);
                    }
                }
                WherePredicate::LifetimePredicate { lifetime, outlives }
                    if sig.params.contains_key(&key(lifetime)) =>
                {
                    let more = lifetimes(outlives);
                    if let Some(param) = sig.params.get_mut(&key(lifetime)) {
                        param.bounds.extend(more);
                    }
                }
                other => {
                    sig.other.insert(self.canonical(other));
                }
            }
        }
        sig
    }

    /// The defaults of a list of generic parameters, as the JSON of their types.
    fn defaults(&self, generics: &Generics) -> BTreeMap<String, Value> {
        generics
            .params
            .iter()
            .filter_map(|p| match &p.kind {
                GenericParamDefKind::Type {
                    default: Some(default),
                    ..
                } => Some((
                    self.renamed(&p.name).unwrap_or_else(|| p.name.clone()),
                    self.value(default),
                )),
                _ => None,
            })
            .collect()
    }

    fn bounds(&self, bounds: &[GenericBound]) -> BTreeSet<String> {
        bounds.iter().map(|b| self.canonical(b)).collect()
    }

    /// Whether users cannot implement the trait, the Cargo book's "sealed trait": a
    /// supertrait of this crate they cannot name (a `Sealed` in a private or hidden module)
    /// seals it, and so does a sealed supertrait. Another crate's supertrait does not.
    fn is_sealed(&self, tr: &rustdoc_types::Trait, seen: &mut HashSet<Id>) -> bool {
        supertraits(tr).filter_map(trait_of).any(|id| {
            if self.unnameable(id) {
                return true;
            }
            match self.krate.index.get(id).map(|i| &i.inner) {
                Some(ItemEnum::Trait(supertrait)) if seen.insert(*id) => {
                    self.is_sealed(supertrait, seen)
                }
                _ => false,
            }
        })
    }

    /// Whether `id` is an item of this crate users cannot name: private, or in a private or
    /// hidden module. rustdoc leaves a hidden item out of both its index and its paths;
    /// another crate's is in its paths.
    fn unnameable(&self, id: &Id) -> bool {
        let theirs = self.krate.paths.get(id).is_some_and(|p| p.crate_id != 0)
            || self.krate.index.get(id).is_some_and(|i| i.crate_id != 0);
        !theirs && !self.public.contains_key(id)
    }

    /// A function's `impl Trait` arguments' parameters, as their position names them, in order.
    fn synthetic_params(&self, generics: &Generics) -> Vec<String> {
        generics
            .params
            .iter()
            .filter(|p| {
                matches!(
                    p.kind,
                    GenericParamDefKind::Type {
                        is_synthetic: true,
                        ..
                    }
                )
            })
            .map(|p| self.renamed(&p.name).unwrap_or_else(|| p.name.clone()))
            .collect()
    }

    /// A function's own lifetime parameters, as their position names them, in order.
    fn own_lifetimes(&self, generics: &Generics) -> Vec<String> {
        generics
            .params
            .iter()
            .filter(|p| matches!(p.kind, GenericParamDefKind::Lifetime { .. }))
            .map(|p| self.renamed(&p.name).unwrap_or_else(|| p.name.clone()))
            .collect()
    }

    /// What a const, static or alias promises: its type, written the same whether its
    /// references spell `'static` or leave it out (a `const`'s and a `static`'s mean it
    /// either way), and not its value: rustdoc's text of an expression is not stable.
    fn value_signature(&self, inner: &ItemEnum) -> String {
        let typed = |ty: &Type| {
            let mut value = self.value(ty);
            static_lifetimes(&mut value);
            value
        };
        match inner {
            ItemEnum::Constant { type_, .. } => typed(type_).to_string(),
            ItemEnum::Static(s) => serde_json::json!({
                "type": typed(&s.type_),
                "mutable": s.is_mutable,
                "unsafe": s.is_unsafe,
            })
            .to_string(),
            other => self.canonical(other),
        }
    }

    /// The path users name the item `id` by: its public one for our items, where it is
    /// defined for another crate's.
    fn path_of(&self, id: &Id) -> Option<String> {
        self.public
            .get(id)
            .cloned()
            .or_else(|| self.krate.paths.get(id).map(|s| s.path.join("::")))
    }

    fn canonical_path(&self, path: &rustdoc_types::Path) -> String {
        self.path_text(path, |_| {})
    }

    /// The trait of an impl as its key: lifetimes erased, since `impl<'a> PartialEq<&'a str>`
    /// and `impl PartialEq<&str>` are one impl (clippy's needless_lifetimes rewrites the
    /// first into the second), and two impls differing only in lifetimes would overlap.
    fn impl_trait(&self, path: &rustdoc_types::Path) -> String {
        self.path_text(path, erase_lifetimes)
    }

    /// A path as users name it, with its arguments as `adjust` leaves them.
    fn path_text(&self, path: &rustdoc_types::Path, adjust: fn(&mut Value)) -> String {
        let name = self.path_of(&path.id).unwrap_or_else(|| path.path.clone());
        match &path.args {
            Some(args) => {
                let mut args = self.value(args);
                adjust(&mut args);
                format!("{name}{}", args_text(&args))
            }
            None => name,
        }
    }

    fn canonical<T: serde::Serialize>(&self, value: &T) -> String {
        self.value(value).to_string()
    }

    /// A value as JSON without rustdoc's per-build ids: a path's id becomes the full path of
    /// the item it names, so `Future` and `core::future::Future` compare equal and an
    /// unrelated edit that renumbers items changes nothing.
    fn value<T: serde::Serialize>(&self, value: &T) -> Value {
        let mut json = serde_json::to_value(value).unwrap_or(Value::Null);
        self.strip(&mut json);
        json
    }

    /// Opens the scope of `generics`: each parameter is named by its position and depth
    /// (`'A0`, `A1` for an impl's; `B0` for its method's), so two spellings of one signature
    /// compare equal and a reordering does not.
    fn enter(&self, generics: &Generics) {
        let depth = self.scopes.borrow().len();
        let letter = char::from(b'A' + u8::try_from(depth.min(25)).unwrap_or(25));
        let mut scope = Scope::default();
        let (mut lifetimes, mut others) = (0, 0);
        for param in &generics.params {
            let renamed = if matches!(param.kind, GenericParamDefKind::Lifetime { .. }) {
                lifetimes += 1;
                format!("'{letter}{}", lifetimes - 1)
            } else {
                others += 1;
                format!("{letter}{}", others - 1)
            };
            scope.names.insert(param.name.clone(), renamed);
        }
        self.scopes.borrow_mut().push(scope);
    }

    fn leave(&self) {
        self.scopes.borrow_mut().pop();
    }

    /// What `Self` stands for in the innermost scope.
    fn set_self_type(&self, value: Value) {
        if let Some(scope) = self.scopes.borrow_mut().last_mut() {
            scope.self_type = Some(value);
        }
    }

    /// A parameter's name as its position says it, innermost scope first.
    fn renamed(&self, name: &str) -> Option<String> {
        self.scopes
            .borrow()
            .iter()
            .rev()
            .find_map(|scope| scope.names.get(name).cloned())
    }

    fn self_type(&self) -> Option<Value> {
        self.scopes
            .borrow()
            .iter()
            .rev()
            .find_map(|scope| scope.self_type.clone())
    }

    fn strip(&self, value: &mut Value) {
        if !self.keep_names.get()
            && let Some(expanded) = super::alias::expand(self.krate, value)
        {
            *value = expanded;
            return self.strip(value);
        }
        match value {
            Value::Object(map) if map.len() == 1 && map.get("generic").is_some() => {
                let name = map
                    .get("generic")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                if name == "Self"
                    && let Some(self_type) = self.self_type()
                {
                    *value = self_type;
                } else if let Some(renamed) = self.renamed(name)
                    && !self.keep_names.get()
                {
                    map.insert("generic".into(), Value::String(renamed));
                }
            }
            Value::String(text) if text.starts_with('\'') && !self.keep_names.get() => {
                if let Some(renamed) = self.renamed(text) {
                    *text = renamed;
                }
            }
            Value::Object(map) => {
                if let (Some(Value::Number(id)), Some(Value::String(_))) =
                    (map.get("id"), map.get("path"))
                    && let Some(named) = id
                        .as_u64()
                        .and_then(|n| u32::try_from(n).ok())
                        .and_then(|n| self.path_of(&Id(n)))
                {
                    map.insert("path".into(), Value::String(named));
                }
                map.remove("id");
                map.remove("span");
                map.remove("has_body");
                map.values_mut().for_each(|v| self.strip(v));
                unordered_bounds(map);
                default_object_lifetimes(map);
                elided_binders(map);
            }
            Value::Array(items) => items.iter_mut().for_each(|v| self.strip(v)),
            _ => {}
        }
    }
}

/// `dyn Error + Send + Sync` is `dyn Error + Sync + Send`, `impl A + B` is `impl B + A`, and
/// `Tr<A = u8, B = u16>` is `Tr<B = u16, A = u8>`: the bounds of a trait object or an `impl
/// Trait` type, and a path's associated item constraints, in a fixed order.
fn unordered_bounds(map: &mut serde_json::Map<String, Value>) {
    let key = if map.contains_key("dyn_trait") {
        "dyn_trait"
    } else if map.contains_key("args") {
        "constraints"
    } else {
        "impl_trait"
    };
    let bounds = match map.get_mut(key) {
        Some(Value::Object(object)) => object.get_mut("traits"),
        other => other,
    };
    if let Some(Value::Array(bounds)) = bounds {
        bounds.sort_by_cached_key(Value::to_string);
    }
}

/// A trait object's lifetime where it is the default one written out: `Box<dyn Fn() +
/// 'static>` is `Box<dyn Fn()>` (a type argument's objects are `'static` unless the parameter
/// is bounded by a lifetime, which `Box`, `Arc` and `Vec`'s are not), and `&'a (dyn T + 'a)`
/// is `&'a dyn T`.
fn default_object_lifetimes(map: &mut serde_json::Map<String, Value>) {
    fn object_lifetime(ty: &mut Value) -> Option<&mut Value> {
        ty.get_mut("dyn_trait")?.get_mut("lifetime")
    }
    if let Some(args) = map
        .get_mut("resolved_path")
        .and_then(|path| path.get_mut("args"))
        .and_then(|args| args.get_mut("angle_bracketed"))
        .and_then(|args| args.get_mut("args"))
        .and_then(Value::as_array_mut)
    {
        for lifetime in args
            .iter_mut()
            .filter_map(|arg| object_lifetime(arg.get_mut("type")?))
        {
            if lifetime.as_str() == Some("'static") {
                *lifetime = Value::Null;
            }
        }
    }
    if let Some(Value::Object(reference)) = map.get_mut("borrowed_ref") {
        let outer = reference.get("lifetime").cloned();
        if let Some(lifetime) = reference.get_mut("type").and_then(object_lifetime)
            && !lifetime.is_null()
            && Some(&*lifetime) == outer.as_ref()
        {
            *lifetime = Value::Null;
        }
    }
}

/// A `for<'a>` written where elision says the same, taken out: `Fn(&str) -> &str` is
/// `for<'a> Fn(&'a str) -> &'a str`, `fn(&u8)` is `for<'a> fn(&'a u8)`. Each bound lifetime
/// must appear once among the arguments, and in the result only when the arguments have no
/// other lifetime, as elision would have it; anything else keeps its binder.
fn elided_binders(map: &mut serde_json::Map<String, Value>) {
    let Some(Value::Array(params)) = map.get("generic_params") else {
        return;
    };
    let names: Option<Vec<String>> = params
        .iter()
        .map(|param| {
            let outlives = param.pointer("/kind/lifetime/outlives")?.as_array()?;
            outlives
                .is_empty()
                .then(|| param.get("name")?.as_str().map(str::to_string))?
        })
        .collect();
    let Some(names) = names.filter(|names| !names.is_empty()) else {
        return;
    };
    let signature = if map.contains_key("sig") {
        map.get_mut("sig")
    } else {
        map.get_mut("trait")
            .and_then(|t| t.pointer_mut("/args/parenthesized"))
    };
    let Some(Value::Object(signature)) = signature else {
        return;
    };
    let (Some(inputs), output) = (signature.get("inputs"), signature.get("output")) else {
        return;
    };
    let count = |value: &Value, name: &str| -> usize {
        let mut found = 0;
        visit(value, &mut |v| {
            found += usize::from(v.as_str() == Some(name))
        });
        found
    };
    let mut elided_inputs = 0;
    visit(inputs, &mut |v| {
        if let Value::Object(m) = v
            && m.contains_key("is_mutable")
            && m.get("lifetime").is_some_and(Value::is_null)
        {
            elided_inputs += 1;
        }
        elided_inputs += usize::from(v.as_str() == Some("'_"));
    });
    let once = names.iter().all(|name| count(inputs, name) == 1);
    let in_output = output.is_some_and(|o| names.iter().any(|name| count(o, name) > 0));
    if !once || (in_output && names.len() + elided_inputs != 1) {
        return;
    }
    for name in &names {
        for part in ["inputs", "output"] {
            if let Some(value) = signature.get_mut(part) {
                elide(value, name);
            }
        }
    }
    map.insert("generic_params".into(), Value::Array(Vec::new()));
}

/// Calls `each` on `value` and everything inside it.
fn visit(value: &Value, each: &mut dyn FnMut(&Value)) {
    each(value);
    match value {
        Value::Object(map) => map.values().for_each(|v| visit(v, each)),
        Value::Array(items) => items.iter().for_each(|v| visit(v, each)),
        _ => {}
    }
}

/// `name` written as elided: a reference's lifetime left out, `'_` elsewhere.
fn elide(value: &mut Value, name: &str) {
    match value {
        Value::Object(map) => {
            if map.contains_key("is_mutable")
                && map.get("lifetime").and_then(Value::as_str) == Some(name)
            {
                map.insert("lifetime".into(), Value::Null);
            }
            map.values_mut().for_each(|v| elide(v, name));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| elide(v, name)),
        Value::String(text) if text == name => *text = "'_".into(),
        _ => {}
    }
}

/// Where-clauses with one bound each, `A0: Clone` for `where A0: Clone + …`, so a bound
/// written on an impl's parameter and one in a method's where-clause compare equal; others as
/// they are.
fn one_bound_each(predicates: BTreeSet<String>) -> BTreeSet<String> {
    predicates
        .into_iter()
        .flat_map(|predicate| {
            let split = serde_json::from_str::<Value>(&predicate)
                .ok()
                .and_then(|value| {
                    let bound = value.get("bound_predicate")?;
                    let param = bound.pointer("/type/generic")?.as_str()?.to_string();
                    let empty_binder = bound
                        .get("generic_params")
                        .and_then(Value::as_array)
                        .is_none_or(Vec::is_empty);
                    let bounds = bound.get("bounds")?.as_array()?;
                    empty_binder.then(|| {
                        bounds
                            .iter()
                            .map(|b| format!("{param}: {b}"))
                            .collect::<Vec<_>>()
                    })
                });
            split.unwrap_or_else(|| vec![predicate])
        })
        .collect()
}

/// Two methods of one name and one key from different inherent impls (`impl B<2>` and `impl
/// B<4>`, both keyed `B<_>`): one item whose signature is the set of theirs, in an order
/// that does not depend on the order of the impls. A method's own signature is a JSON
/// object; a merged one is a list.
fn merged(known: &ApiItem, more: &ApiItem) -> ApiItem {
    let mut all = BTreeSet::new();
    match serde_json::from_str::<Value>(&known.signature) {
        Ok(Value::Array(items)) => all.extend(items.iter().map(Value::to_string)),
        _ => {
            all.insert(known.signature.clone());
        }
    }
    all.insert(more.signature.clone());
    let signature = format!("[{}]", all.into_iter().collect::<Vec<_>>().join(","));
    ApiItem {
        kind: known.kind,
        defaulted: signature.clone(),
        signature,
        member: known.member,
        generics: None,
        flags: Flags::default(),
    }
}

/// The arguments of an inherent impl's type when they are not just the impl's own
/// parameters (`impl ZeroSlice<bool>`, not `impl<T> ZeroSlice<T>`): its methods are that
/// type's only.
fn concrete_args(imp: &rustdoc_types::Impl) -> Option<&rustdoc_types::GenericArgs> {
    let Type::ResolvedPath(path) = &imp.for_ else {
        return None;
    };
    let args = path.args.as_deref()?;
    let own: HashSet<&str> = imp
        .generics
        .params
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    let generic = match args {
        rustdoc_types::GenericArgs::AngleBracketed { args, .. } => {
            args.iter().all(|arg| match arg {
                rustdoc_types::GenericArg::Lifetime(_) | rustdoc_types::GenericArg::Infer => true,
                rustdoc_types::GenericArg::Type(Type::Generic(name)) => own.contains(name.as_str()),
                rustdoc_types::GenericArg::Const(c) => own.contains(c.expr.as_str()),
                rustdoc_types::GenericArg::Type(_) => false,
            })
        }
        _ => true,
    };
    (!generic).then_some(args)
}

/// A trait's supertraits, written after its name (`trait A: B`) or as `where Self: B`.
fn supertraits(tr: &rustdoc_types::Trait) -> impl Iterator<Item = &GenericBound> {
    let on_self = tr
        .generics
        .where_predicates
        .iter()
        .filter_map(bounds_on_self);
    tr.bounds.iter().chain(on_self.flatten())
}

/// The bounds of a `where Self: …` clause.
fn bounds_on_self(predicate: &WherePredicate) -> Option<&Vec<GenericBound>> {
    match predicate {
        WherePredicate::BoundPredicate {
            type_: Type::Generic(name),
            bounds,
            ..
        } if name == "Self" => Some(bounds),
        _ => None,
    }
}

/// The trait a bound names, if it is a trait bound.
fn trait_of(bound: &GenericBound) -> Option<&Id> {
    match bound {
        GenericBound::TraitBound { trait_, .. } => Some(&trait_.id),
        _ => None,
    }
}

/// The impl blocks `ids` name (a type's or a trait's list of impls).
fn impls_in<'k>(krate: &'k Crate, ids: &'k [Id]) -> impl Iterator<Item = &'k rustdoc_types::Impl> {
    ids.iter().filter_map(|id| match krate.index.get(id) {
        Some(Item {
            inner: ItemEnum::Impl(imp),
            ..
        }) => Some(imp),
        _ => None,
    })
}

/// Whether an impl is for a type parameter, directly or behind references (`for T`, `for &T`).
fn is_generic_target(ty: &Type) -> bool {
    match ty {
        Type::Generic(_) => true,
        Type::BorrowedRef { type_, .. } => is_generic_target(type_),
        _ => false,
    }
}

/// `#[derive(PartialEq)]` also implements the unstable `StructuralPartialEq`, which no user
/// can name; it only lets a constant of the type be a pattern.
fn is_structural_marker(trait_: &rustdoc_types::Path) -> bool {
    matches!(
        trait_.path.rsplit("::").next(),
        Some("StructuralPartialEq" | "StructuralEq")
    )
}

/// Whether a synthetic impl is one stable code can rely on: `Send`, `Sync`, `Unpin` and the
/// unwind-safety traits. rustdoc also lists unstable auto traits (`Freeze`, `UnsafeUnpin`),
/// and `impl !Send` only says `Send` is absent, which a lost `impl Send` already says.
fn is_stable_auto_trait(imp: &rustdoc_types::Impl) -> bool {
    const STABLE: &[&str] = &["Send", "Sync", "Unpin", "UnwindSafe", "RefUnwindSafe"];
    let name = imp
        .trait_
        .as_ref()
        .map(|t| t.path.rsplit("::").next().unwrap_or_default());
    !imp.is_negative && name.is_some_and(|n| STABLE.contains(&n))
}

/// A signature's lifetimes as the elision rules write them, each named by its first
/// position: an elided input lifetime is a fresh one; an elided output lifetime is `&self`'s,
/// else the only input lifetime's (the Reference's "lifetime elision"); `own` (the
/// function's own parameters) are renamed by where they first appear, and those the
/// signature does not name (only a bound does) after them, in order. So
/// `fn get<'a>(&'a self) -> &'a str` and `fn get(&self) -> &str` read as one, and so do two
/// spellings whose parameters are listed in another order. Others (an impl's, `'static`)
/// stay. Returns the new name of each of `own`.
fn desugar_lifetimes(
    inputs: &mut [Value],
    output: &mut Value,
    own: &[String],
    by_ref_self: bool,
) -> HashMap<String, String> {
    let is_own = |text: &str| own.iter().any(|o| o == text);
    let mut names: HashMap<String, String> = HashMap::new();
    let mut fresh = 0;
    let mut next = || {
        fresh += 1;
        format!("'fn{}", fresh - 1)
    };
    let mut positions: Vec<Vec<String>> = Vec::new();
    for input in inputs.iter_mut() {
        let mut found = Vec::new();
        lifetime_slots(input, &mut |slot| {
            let name = match slot {
                Value::String(text) if is_own(text) => {
                    names.entry(text.clone()).or_insert_with(&mut next).clone()
                }
                Value::String(text) if text != "'_" => text.clone(),
                _ => next(),
            };
            *slot = Value::String(name.clone());
            found.push(name);
        });
        positions.push(found);
    }
    let elided_output = if by_ref_self {
        positions.first().and_then(|p| p.first()).cloned()
    } else {
        let all: Vec<&String> = positions.iter().flatten().collect();
        (all.len() == 1).then(|| all[0].clone())
    };
    lifetime_slots(output, &mut |slot| match slot {
        Value::String(text) if is_own(text) => {
            let name = names.entry(text.clone()).or_insert_with(&mut next).clone();
            *slot = Value::String(name);
        }
        Value::String(text) if text != "'_" => {}
        _ => {
            if let Some(name) = &elided_output {
                *slot = Value::String(name.clone());
            }
        }
    });
    for lifetime in own {
        names.entry(lifetime.clone()).or_insert_with(&mut next);
    }
    names
}

/// `fn f(x: impl Clone)` is `fn f<T: Clone>(x: T)` but for the turbofish: each `impl Trait`
/// argument, in order, becomes the parameter rustdoc lists for it (`synthetic`, named by its
/// position), so turning one into a named parameter or back changes no signature, and the
/// generics say what it changes (the parameter's bounds; whether callers can name it). Left
/// as it is when the two do not pair up.
fn arguments_as_parameters(inputs: &mut [Value], synthetic: &[String]) {
    fn each(value: &mut Value, found: &mut dyn FnMut(&mut Value)) {
        match value {
            Value::Object(map) if map.contains_key("impl_trait") => found(value),
            Value::Object(map) => map.values_mut().for_each(|v| each(v, found)),
            Value::Array(items) => items.iter_mut().for_each(|v| each(v, found)),
            _ => {}
        }
    }
    let mut count = 0;
    inputs
        .iter_mut()
        .for_each(|input| each(input, &mut |_| count += 1));
    if count != synthetic.len() {
        return;
    }
    let mut names = synthetic.iter();
    for input in inputs.iter_mut() {
        each(input, &mut |value| {
            if let Some(name) = names.next() {
                *value = serde_json::json!({ "generic": name });
            }
        });
    }
}

/// A function's own lifetimes leave its parameter list, under the names
/// [`desugar_lifetimes`] gave them: the signature says where each is used, and an elided one
/// is no parameter at all. What they must outlive stays, as where-clauses (`'b: 'a`), so
/// adding one asks more of callers and dropping one asks less; the bounds that name them
/// (`T: Lt<'b>`) name them by their new names.
fn lifetimes_as_where_clauses(generics: &mut GenericsSig, names: &HashMap<String, String>) {
    let rename = |text: &str| -> String {
        names.iter().fold(text.to_string(), |text, (old, new)| {
            text.replace(&format!("\"{old}\""), &format!("\"{new}\""))
        })
    };
    let mut other: BTreeSet<String> = generics.other.iter().map(|w| rename(w)).collect();
    let mut params = BTreeMap::new();
    for (key, mut param) in std::mem::take(&mut generics.params) {
        match names.get(&key) {
            Some(name) => other.extend(param.bounds.iter().map(|bound| {
                let bound = names.get(bound).unwrap_or(bound);
                format!("{name}: {bound}")
            })),
            None => {
                param.bounds = param.bounds.iter().map(|b| rename(b)).collect();
                params.insert(key, param);
            }
        }
    }
    generics.params = params;
    generics.other = other;
}

/// Calls `each` on every lifetime a type names, in order: a reference's (`null` when
/// elided), a path's lifetime arguments and `'_`, and outlives bounds.
pub(super) fn lifetime_slots(value: &mut Value, each: &mut dyn FnMut(&mut Value)) {
    match value {
        Value::Object(map) => {
            let is_reference = map.len() == 3 && map.contains_key("is_mutable");
            for (key, inner) in map.iter_mut() {
                match inner {
                    Value::Null if key == "lifetime" && is_reference => each(inner),
                    Value::String(_) if key == "lifetime" || key == "outlives" => each(inner),
                    other => lifetime_slots(other, each),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| lifetime_slots(v, each)),
        _ => {}
    }
}

/// Calls `each` on every JSON object in `value`, outermost first.
fn each_object(value: &mut Value, each: &mut dyn FnMut(&mut serde_json::Map<String, Value>)) {
    match value {
        Value::Object(map) => {
            each(map);
            map.values_mut().for_each(|v| each_object(v, each));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| each_object(v, each)),
        _ => {}
    }
}

/// Every lifetime but `'static`, named or elided, made `'_`.
fn erase_lifetimes(value: &mut Value) {
    each_object(value, &mut |map| {
        if let Some(lifetime) = map.get_mut("lifetime") {
            let named_or_elided = match &*lifetime {
                Value::String(text) => text != "'static",
                Value::Null => true,
                _ => false,
            };
            if named_or_elided {
                *lifetime = Value::String("'_".into());
            }
        }
    });
}

/// Each reference without a lifetime given `'static`, as in a const's or a static's type.
fn static_lifetimes(value: &mut Value) {
    each_object(value, &mut |map| {
        if let Some(Value::Object(reference)) = map.get_mut("borrowed_ref")
            && reference.get("lifetime").is_none_or(Value::is_null)
        {
            reference.insert("lifetime".into(), Value::String("'static".into()));
        }
    });
}

/// Each of our items reachable from the crate root through public modules and `pub use`, by
/// the path where it is defined when that path is public, else by its shortest public path
/// (fewest segments, then alphabetically first): neither a move between private modules
/// behind one `pub use`, nor the order of re-exports, nor a re-export added of an item of a
/// public module changes it. Also every public path of each, for naming an item across two
/// versions when its preferred path moved (see `diff::named_as_before`).
fn public_paths(krate: &Crate, root: &str) -> (HashMap<Id, String>, HashMap<Id, HashSet<String>>) {
    let key = |path: &str| (path.matches("::").count(), path.to_string());
    let mut best: HashMap<Id, String> = HashMap::new();
    let record = |best: &mut HashMap<Id, String>, id: Id, path: String| -> bool {
        let better = best.get(&id).is_none_or(|known| key(&path) < key(known));
        if better {
            best.insert(id, path);
        }
        better
    };
    let mut reached: HashMap<Id, HashSet<String>> = HashMap::new();
    let mut modules = vec![(krate.root, root.to_string())];
    // A glob brings a module's items to another path; two modules may glob each other.
    let mut globbed = HashSet::new();
    while let Some((module, path)) = modules.pop() {
        let Some(ItemEnum::Module(inner)) = krate.index.get(&module).map(|i| &i.inner) else {
            continue;
        };
        for child in &inner.items {
            let Some(item) = krate.index.get(child) else {
                continue;
            };
            if item.visibility != Visibility::Public {
                continue;
            }
            let (target, at) = match &item.inner {
                ItemEnum::Use(use_) if use_.is_glob => match use_.id {
                    Some(target) => (target, path.clone()),
                    None => continue,
                },
                ItemEnum::Use(use_) if use_.name == "_" => continue,
                ItemEnum::Use(use_) => match use_.id {
                    Some(target) => (target, format!("{path}::{}", use_.name)),
                    None => continue,
                },
                _ => match &item.name {
                    Some(name) => (*child, format!("{path}::{name}")),
                    None => continue,
                },
            };
            // Another crate's item keeps the path it has there: `pub use std::string::String`
            // added is a new re-export, not every signature naming `String` changed.
            let Some(found) = krate.index.get(&target).filter(|i| i.crate_id == 0) else {
                continue;
            };
            let is_module = matches!(found.inner, ItemEnum::Module(_));
            let glob = matches!(&item.inner, ItemEnum::Use(u) if u.is_glob);
            if glob {
                if is_module && globbed.insert((target, at.clone())) {
                    modules.push((target, at));
                }
                continue;
            }
            reached.entry(target).or_default().insert(at.clone());
            if record(&mut best, target, at.clone()) && is_module {
                modules.push((target, at));
            }
        }
    }
    // Where it is defined, when users can name it there: a re-export added elsewhere (a
    // `pub use m::T` at the root) then changes nothing either.
    for (id, path) in best.iter_mut() {
        let defined = krate.paths.get(id).map(|s| s.path.join("::"));
        if let Some(defined) = defined.filter(|d| reached.get(id).is_some_and(|r| r.contains(d))) {
            *path = defined;
        }
    }
    (best, reached)
}

/// `-> ()` written out is no return type: `async fn f()` is `fn f() -> impl Future<Output = ()>`.
fn unit_as_none(output: &mut Value) {
    if output
        .get("tuple")
        .and_then(Value::as_array)
        .is_some_and(Vec::is_empty)
    {
        *output = Value::Null;
    }
}

/// What a bare `-> impl Future` (no `Output = …`) reads as in place of an `async fn`'s output:
/// a future whose output callers cannot name. cargo semver-checks holds the two spellings
/// equivalent; [`super::diff`] says what naming or hiding the output means.
pub const UNNAMED_OUTPUT: &str = "unnamed future output";

/// `T` when `output` is `impl Future<Output = T>` (and nothing more but lifetimes), with the
/// parameters a `use<…>` bound captures, which an `async fn` cannot say: hyper-util 0.1.21's
/// `watch` added `+ use<C>`, and without them it read as a new signature. A bare
/// `impl Future` gives [`UNNAMED_OUTPUT`].
fn future_output(output: &Value) -> Option<(Value, Option<Value>)> {
    let bounds = output.get("impl_trait")?.as_array()?;
    let captures = bounds.iter().find_map(|b| b.get("use")).cloned();
    let mut traits = bounds
        .iter()
        .filter(|b| b.get("outlives").is_none() && b.get("use").is_none());
    let bound = traits.next()?.get("trait_bound")?;
    if traits.next().is_some() {
        return None;
    }
    let path = bound.get("trait")?.get("path")?.as_str()?;
    if path != "core::future::future::Future" && !path.ends_with("::Future") && path != "Future" {
        return None;
    }
    let angle = match bound.get("trait")?.get("args") {
        None | Some(Value::Null) => None,
        Some(args) => Some(args.get("angle_bracketed")?),
    };
    let empty = Vec::new();
    let list = |key: &str| {
        angle
            .and_then(|a| a.get(key))
            .and_then(Value::as_array)
            .unwrap_or(&empty)
    };
    if !list("args").is_empty() {
        return None;
    }
    let output = match list("constraints").as_slice() {
        [] => Value::String(UNNAMED_OUTPUT.into()),
        [only] if only.get("name").and_then(Value::as_str) == Some("Output") => {
            only.get("binding")?.get("equality")?.get("type").cloned()?
        }
        _ => return None,
    };
    Some((output, captures))
}

/// Generic arguments as Rust writes them (`<anstyle::Effects>`), for names people read in
/// reasons (`removed impl Color::impl core::ops::BitOr<anstyle::effect::Effects>`); shapes
/// without a short spelling stay JSON, which compares the same.
fn args_text(args: &Value) -> String {
    let Some(angle) = args.get("angle_bracketed") else {
        return args.to_string();
    };
    let empty = Vec::new();
    let list = |key: &str| angle.get(key).and_then(Value::as_array).unwrap_or(&empty);
    let mut parts: Vec<String> = list("args")
        .iter()
        .map(|arg| match (arg.get("type"), arg.get("lifetime")) {
            (Some(ty), _) => type_text(ty),
            (None, Some(Value::String(lifetime))) => lifetime.clone(),
            _ => arg.to_string(),
        })
        .collect();
    parts.extend(list("constraints").iter().map(Value::to_string));
    if parts.is_empty() {
        String::new()
    } else {
        format!("<{}>", parts.join(", "))
    }
}

fn type_text(ty: &Value) -> String {
    let text = |key: &str| ty.get(key).and_then(Value::as_str).map(str::to_string);
    if let Some(path) = ty.get("resolved_path") {
        let name = path.get("path").and_then(Value::as_str).unwrap_or_default();
        let args = path.get("args").filter(|a| !a.is_null()).map(args_text);
        return format!("{name}{}", args.unwrap_or_default());
    }
    if let Some(name) = text("primitive").or_else(|| text("generic")) {
        return name;
    }
    if let Some(reference) = ty.get("borrowed_ref") {
        let lifetime = reference
            .get("lifetime")
            .and_then(Value::as_str)
            .map(|l| format!("{l} "))
            .unwrap_or_default();
        let mutable = if reference.get("is_mutable") == Some(&Value::Bool(true)) {
            "mut "
        } else {
            ""
        };
        let inner = reference.get("type").map(type_text).unwrap_or_default();
        return format!("&{lifetime}{mutable}{inner}");
    }
    if let Some(Value::Array(items)) = ty.get("tuple") {
        let items: Vec<String> = items.iter().map(type_text).collect();
        return format!("({})", items.join(", "));
    }
    if let Some(inner) = ty.get("slice") {
        return format!("[{}]", type_text(inner));
    }
    ty.to_string()
}

/// Generics as one line, for trait items whose generics must not change at all.
fn render(generics: &GenericsSig) -> String {
    let params: Vec<String> = generics
        .params
        .iter()
        .map(|(name, p)| {
            let bounds: Vec<&str> = p.bounds.iter().map(String::as_str).collect();
            let kind = if p.synthetic { "impl" } else { p.kind };
            format!("{kind} {name}: {} = {:?}", bounds.join(" + "), p.default)
        })
        .collect();
    let other: Vec<&str> = generics.other.iter().map(String::as_str).collect();
    format!("<{}> where {}", params.join(", "), other.join(", "))
}

/// The kind of the items whose whole serialized form is their signature, or `None` for items
/// that are not part of the surface themselves.
fn signature_kind(inner: &ItemEnum) -> Option<&'static str> {
    Some(match inner {
        ItemEnum::Constant { .. } => "const",
        ItemEnum::Static(_) => "static",
        ItemEnum::TypeAlias(_) => "type",
        ItemEnum::TraitAlias(_) => "trait alias",
        _ => return None,
    })
}

fn lints(item: &Item) -> BTreeSet<&'static str> {
    let mut found = BTreeSet::new();
    if item.deprecation.is_some() {
        found.insert("deprecated");
    }
    if has(item, |a| matches!(a, Attribute::MustUse { .. })) {
        found.insert("must_use");
    }
    found
}

/// What `as` makes of each variant of a fieldless enum, in order: its explicit value, else one
/// more than the one before, from 0 (the Reference's "assigning discriminant values").
/// Reordering such variants changes what users' casts give (cargo semver-checks' major
/// `enum_no_repr_variant_discriminant_changed`). `None` for an enum with fields, one users
/// cannot cast (`#[non_exhaustive]`, on it or a variant), one with a hidden variant, or a value
/// rustdoc does not give as a number.
fn cast_values(
    krate: &Crate,
    enumeration: &rustdoc_types::Enum,
    non_exhaustive: bool,
) -> Option<Vec<i128>> {
    if non_exhaustive || enumeration.has_stripped_variants {
        return None;
    }
    discriminants(krate, enumeration)
        .into_iter()
        .map(|(item, value)| {
            let ItemEnum::Variant(variant) = &item.inner else {
                return None;
            };
            if !matches!(variant.kind, VariantKind::Plain)
                || has(item, |a| matches!(a, Attribute::NonExhaustive))
            {
                return None;
            }
            value
        })
        .collect()
}

/// Each shown variant with its discriminant as the Reference assigns it: its written value,
/// else one more than the one before, from 0; `None` from a value rustdoc does not give as a
/// number on.
fn discriminants<'k>(
    krate: &'k Crate,
    enumeration: &rustdoc_types::Enum,
) -> Vec<(&'k Item, Option<i128>)> {
    let mut next = Some(0);
    enumeration
        .variants
        .iter()
        .filter_map(|id| krate.index.get(id))
        .map(|item| {
            let value = match &item.inner {
                ItemEnum::Variant(rustdoc_types::Variant {
                    discriminant: Some(d),
                    ..
                }) => d.value.parse::<i128>().ok(),
                _ => next,
            };
            next = value.and_then(|v| v.checked_add(1));
            (item, value)
        })
        .collect()
}

/// Whether one of `impls` is a `#[derive(PartialOrd)]`.
fn derives_partial_ord(krate: &Crate, impls: &[Id]) -> bool {
    impls
        .iter()
        .filter_map(|id| krate.index.get(id))
        .any(|item| {
            let ItemEnum::Impl(imp) = &item.inner else {
                return false;
            };
            has(item, |a| matches!(a, Attribute::AutomaticallyDerived))
                && imp
                    .trait_
                    .as_ref()
                    .is_some_and(|t| t.path.rsplit("::").next() == Some("PartialOrd"))
        })
}

/// An enum's shown variants in the order a derived `PartialOrd` puts them: by discriminant
/// (declaration order unless values are written out; a hidden variant is no one's to compare
/// against), by declaration where rustdoc gives no number.
fn variant_order(krate: &Crate, enumeration: &rustdoc_types::Enum) -> Vec<String> {
    let mut variants = discriminants(krate, enumeration);
    if variants.iter().all(|(_, value)| value.is_some()) {
        variants.sort_by_key(|(_, value)| *value);
    }
    variants
        .into_iter()
        .map(|(item, _)| item.name.clone().unwrap_or_default())
        .collect()
}

fn has(item: &Item, test: impl Fn(&Attribute) -> bool) -> bool {
    item.attrs.iter().any(test)
}

fn repr(item: &Item) -> Option<Repr> {
    item.attrs.iter().find_map(|a| match a {
        Attribute::Repr(repr) => Some(Repr {
            kind: match repr.kind {
                rustdoc_types::ReprKind::Rust => String::new(),
                rustdoc_types::ReprKind::C => "C".into(),
                rustdoc_types::ReprKind::Transparent => "transparent".into(),
                rustdoc_types::ReprKind::Simd => "simd".into(),
            },
            int: repr.int.clone(),
            align: repr.align,
            packed: repr.packed,
            fields: Vec::new(),
        }),
        _ => None,
    })
}

fn symbol(item: &Item) -> Option<String> {
    item.attrs.iter().find_map(|a| match a {
        Attribute::ExportName(name) => Some(name.clone()),
        Attribute::NoMangle => item.name.clone(),
        _ => None,
    })
}
