//! One Cargo.toml as text plus its parsed TOML with spans, so every value can be traced back
//! to the line the user must edit.

use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::Result;
use toml_edit::{Document, Item, TableLike};

use crate::error::cannot_run;

#[derive(Debug)]
pub struct Manifest {
    /// Absolute path of the Cargo.toml.
    pub path: PathBuf,
    pub doc: Document<String>,
}

/// A place in a manifest: which one (an index into [`super::Workspace::manifests`]) and the
/// byte range of the value, key or table header concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loc {
    pub manifest: usize,
    pub span: Option<Range<usize>>,
}

impl Manifest {
    /// Parses `text`; a TOML syntax error becomes a one-paragraph error naming `path:line:column`.
    pub fn parse(path: PathBuf, text: String) -> Result<Self> {
        // The error does not hand the input back, and positions need it.
        match Document::parse(text.clone()) {
            Ok(doc) => Ok(Manifest { path, doc }),
            Err(err) => {
                let position = err.span().map_or(String::new(), |span| {
                    let (line, column) = line_column(&text, span.start);
                    format!(":{line}:{column}")
                });
                Err(cannot_run(format!(
                    "could not parse `{}{position}` as TOML: {}",
                    path.display(),
                    err.message().trim_end()
                )))
            }
        }
    }

    pub fn text(&self) -> &str {
        self.doc.raw()
    }

    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("/"))
    }

    /// `[package]` (or the pre-2018 `[project]`).
    pub fn package(&self) -> Option<&dyn TableLike> {
        self.table("package").or_else(|| self.table("project"))
    }

    pub fn workspace(&self) -> Option<&dyn TableLike> {
        self.table("workspace")
    }

    pub fn table(&self, key: &str) -> Option<&dyn TableLike> {
        self.doc.get(key).and_then(Item::as_table_like)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        line_column(self.text(), offset)
    }

    /// The source line containing `offset`, without its line ending.
    pub fn line_text(&self, offset: usize) -> &str {
        let text = self.text();
        let offset = offset.min(text.len());
        let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        text[start..end].trim_end_matches('\r')
    }
}

pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The span of the key `key` in `table` (for pointing at `name = …`).
pub fn key_span(table: &dyn TableLike, key: &str) -> Option<Range<usize>> {
    table.get_key_value(key).and_then(|(key, _)| key.span())
}

/// The span of the value of `key` in `table`, falling back to the key.
pub fn value_span(table: &dyn TableLike, key: &str) -> Option<Range<usize>> {
    let (k, item) = table.get_key_value(key)?;
    item.span().or_else(|| k.span())
}

/// The span of a table: its `[header]` for a standard table, its key for a dotted one, the
/// braces for an inline table.
pub fn table_span(item: &Item) -> Option<Range<usize>> {
    match item {
        Item::Table(table) => table.span(),
        Item::Value(value) => value.span(),
        Item::ArrayOfTables(array) => array.span(),
        Item::None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "a = 1\né = \"x\"\n";
        assert_eq!(line_column(text, 0), (1, 1));
        let offset = text.find('"').expect("quote");
        assert_eq!(line_column(text, offset), (2, 5));
    }

    #[test]
    fn a_syntax_error_names_the_file_line_and_column() {
        let err = Manifest::parse(
            PathBuf::from("/w/Cargo.toml"),
            "[package]\nname = \n".into(),
        )
        .unwrap_err();
        let message = format!("{err:#}");
        assert!(
            message.starts_with("could not parse `/w/Cargo.toml:2:8` as TOML"),
            "{message}"
        );
        assert!(!message.contains('\n'), "one paragraph: {message}");
    }
}
