//! Type aliases are transparent: `pub type Key = Array<u8, U32>` names the type it stands for,
//! so a signature written with `Key` and one written with `Array<u8, U32>` are one signature
//! to callers. rustdoc keeps the alias where the source wrote it (chacha20 0.10.2's `hchacha`
//! took `&Key` where 0.10.0's JSON spelled out the array); each path to one of the crate's
//! aliases is read as what it stands for before signatures are compared. Putting types in for
//! parameters is also how a signature reads with its parameters' defaults.

use std::collections::{BTreeMap, HashMap};

use rustdoc_types::{Crate, GenericParamDefKind, Id, ItemEnum};
use serde_json::Value;

/// `std::io::Result<T>` and `fmt::Result`, the aliases std's own APIs are written with, as
/// the `Result` they stand for (`Result<T, std::io::Error>`, `Result<(), fmt::Error>`): another
/// crate's aliases are not in the JSON, but these two are fixed by std.
fn std_result(krate: &Crate, id: &Id, path: &Value) -> Option<Value> {
    let summary = krate.paths.get(id)?;
    if summary.kind != rustdoc_types::ItemKind::TypeAlias {
        return None;
    }
    let module = match summary.path.as_slice() {
        [module @ .., last] if last == "Result" => module,
        _ => return None,
    };
    let ok = match module {
        [std, io, error] if std == "std" && io == "io" && error == "error" => path
            .get("args")?
            .get("angle_bracketed")?
            .get("args")?
            .as_array()
            .filter(|args| args.len() == 1)?[0]
            .get("type")?
            .clone(),
        [core, fmt] if core == "core" && fmt == "fmt" => serde_json::json!({"tuple": []}),
        _ => return None,
    };
    let named = |segments: Vec<String>| {
        let found = krate
            .paths
            .iter()
            .find(|(_, s)| s.path == segments)
            .map(|(id, _)| id.0);
        serde_json::json!({"resolved_path": {"path": segments.join("::"), "id": found, "args": null}})
    };
    let mut error = module.to_vec();
    error.push("Error".into());
    let Value::Object(mut result) = named(["core", "result", "Result"].map(String::from).to_vec())
    else {
        return None;
    };
    let inner = result.get_mut("resolved_path")?.as_object_mut()?;
    inner.insert(
        "args".into(),
        serde_json::json!({"angle_bracketed": {"args": [{"type": ok}, {"type": named(error)}], "constraints": []}}),
    );
    Some(Value::Object(result))
}

/// The type `value` stands for when it is a path to one of `krate`'s type aliases (as raw
/// rustdoc JSON, ids and all), the path's arguments put in for the alias's parameters and a
/// missing one's default; a lifetime left out is elided (`'_`). `None` for anything else, and
/// for an alias with a const parameter, which the JSON does not spell out reliably.
pub fn expand(krate: &Crate, value: &Value) -> Option<Value> {
    let path = value
        .as_object()
        .filter(|m| m.len() == 1)?
        .get("resolved_path")?;
    let id = u32::try_from(path.get("id")?.as_u64()?).ok()?;
    let Some(item) = krate.index.get(&Id(id)) else {
        return std_result(krate, &Id(id), path);
    };
    let ItemEnum::TypeAlias(alias) = &item.inner else {
        return None;
    };
    let args = path
        .get("args")
        .and_then(|a| a.get("angle_bracketed"))
        .and_then(|a| a.get("args"))
        .and_then(Value::as_array);
    let (mut types, mut lifetimes) = (Vec::new(), Vec::new());
    for arg in args.into_iter().flatten() {
        if let Some(ty) = arg.get("type") {
            types.push(ty.clone());
        } else if let Some(lifetime) = arg.get("lifetime") {
            lifetimes.push(lifetime.clone());
        } else {
            return None;
        }
    }
    let (mut types, mut lifetimes) = (types.into_iter(), lifetimes.into_iter());
    let mut put_types = BTreeMap::new();
    let mut put_lifetimes = HashMap::new();
    for param in &alias.generics.params {
        match &param.kind {
            GenericParamDefKind::Lifetime { .. } => {
                let given = lifetimes
                    .next()
                    .unwrap_or_else(|| Value::String("'_".into()));
                put_lifetimes.insert(param.name.clone(), given);
            }
            GenericParamDefKind::Type { default, .. } => {
                let given = match types.next() {
                    Some(ty) => ty,
                    None => serde_json::to_value(default.as_ref()?).ok()?,
                };
                put_types.insert(param.name.clone(), given);
            }
            GenericParamDefKind::Const { .. } => return None,
        }
    }
    let mut expanded = substitute(serde_json::to_value(&alias.type_).ok()?, &put_types);
    put_in_lifetimes(&mut expanded, &put_lifetimes);
    Some(expanded)
}

/// `value` with `{"generic": name}` replaced by the type `types` gives for that parameter:
/// an alias's argument, or a parameter's default.
pub fn substitute(mut value: Value, types: &BTreeMap<String, Value>) -> Value {
    fn walk(value: &mut Value, types: &BTreeMap<String, Value>) {
        if let Some(name) = value.get("generic").and_then(Value::as_str)
            && let Some(given) = types.get(name)
        {
            *value = given.clone();
            return;
        }
        match value {
            Value::Object(map) => map.values_mut().for_each(|v| walk(v, types)),
            Value::Array(items) => items.iter_mut().for_each(|v| walk(v, types)),
            _ => {}
        }
    }
    if !types.is_empty() {
        walk(&mut value, types);
    }
    value
}

/// `value` with each lifetime `lifetimes` names (a reference's, an argument's, an outlives
/// bound's) replaced by the one given for it.
fn put_in_lifetimes(value: &mut Value, lifetimes: &HashMap<String, Value>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                let given = match inner {
                    Value::String(name) if key == "lifetime" || key == "outlives" => {
                        lifetimes.get(name.as_str())
                    }
                    _ => None,
                };
                match given {
                    Some(given) => *inner = given.clone(),
                    None => put_in_lifetimes(inner, lifetimes),
                }
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| put_in_lifetimes(v, lifetimes)),
        _ => {}
    }
}
