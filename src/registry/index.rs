//! Reading a registry's sparse index: `config.json`, and one file per crate with a JSON line
//! per published version. 404, 410 and 451 mean "no such crate". Each crate file's `ETag` and
//! `Last-Modified` are kept as opaque strings and echoed back when it is read again (kellnr's
//! `Last-Modified` is not an HTTP date), so polling for a new version is cheap.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;

use anyhow::{Context, Result};
use reqwest::Method;
use semver::Version;
use serde::Deserialize;
use url::Url;

use crate::error::cannot_run;
use crate::registry::Secret;
use crate::registry::config::Registry;
use crate::registry::http::Http;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct IndexConfig {
    pub dl: String,
    pub api: Option<String>,
    #[serde(rename = "auth-required", default)]
    pub auth_required: bool,
}

/// One published version, as the index lists it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Entry {
    pub name: String,
    pub vers: String,
    #[serde(default)]
    pub yanked: bool,
}

impl Entry {
    pub fn version(&self) -> Option<Version> {
        Version::parse(&self.vers).ok()
    }

    /// Same version, build metadata ignored (the registry treats `1.0.0+a` and `1.0.0+b` as one).
    pub fn is(&self, version: &Version) -> bool {
        self.version().is_some_and(|v| {
            (v.major, v.minor, v.patch, &v.pre)
                == (version.major, version.minor, version.patch, &version.pre)
        })
    }
}

struct Cached {
    validators: Vec<(&'static str, String)>,
    entries: Vec<Entry>,
    malformed: Vec<usize>,
}

pub struct Index<'a> {
    http: &'a Http,
    base: Url,
    token: Option<Secret>,
    config: OnceCell<IndexConfig>,
    cache: RefCell<HashMap<String, Cached>>,
}

impl<'a> Index<'a> {
    /// An index client for `registry`; only the sparse protocol is read.
    pub fn open(http: &'a Http, registry: &Registry, token: Option<Secret>) -> Result<Self> {
        let Some(url) = registry.index.strip_prefix("sparse+") else {
            return Err(cannot_run(format!(
                "the index of {} (`{}`) does not use the sparse protocol; cargo ship reads only \
                 sparse indexes (`sparse+https://…`)",
                registry.display_name(),
                registry.index
            )));
        };
        let mut base = Url::parse(url)
            .with_context(|| format!("the index URL `{}` is not a URL", registry.index))?;
        if !base.path().ends_with('/') {
            base.set_path(&format!("{}/", base.path()));
        }
        Ok(Index {
            http,
            base,
            token,
            config: OnceCell::new(),
            cache: RefCell::new(HashMap::new()),
        })
    }

    pub fn base(&self) -> &Url {
        &self.base
    }

    /// `config.json`, read once. Tried without the token first, as cargo does.
    pub fn config(&self) -> Result<&IndexConfig> {
        if let Some(config) = self.config.get() {
            return Ok(config);
        }
        let url = self.base.join("config.json").context("config.json URL")?;
        let mut response = self.http.send(Method::GET, &url, None, &[])?;
        if response.status == 401 && self.token.is_some() {
            response = self
                .http
                .send(Method::GET, &url, self.token.as_ref(), &[])?;
        }
        if response.status != 200 {
            return Err(cannot_run(format!(
                "the registry index at {url} answered HTTP {}{}",
                response.status,
                response
                    .error_detail()
                    .map_or(String::new(), |d| format!(": {d}"))
            )));
        }
        let config: IndexConfig = serde_json::from_slice(&response.body)
            .with_context(|| format!("{url} is not a registry config.json"))?;
        Ok(self.config.get_or_init(|| config))
    }

    /// Every version of `name`, or `None` when the registry has no such crate. A repeated read
    /// sends the last answer's `ETag`/`Last-Modified` back.
    pub fn versions(&self, name: &str) -> Result<Option<Vec<Entry>>> {
        self.read(name, true)
    }

    /// The 1-based numbers of the lines of `name`'s index file that are not entries this
    /// program can read (as of the last read): whatever they list is unknown.
    fn malformed(&self, name: &str) -> Vec<usize> {
        self.cache
            .borrow()
            .get(name)
            .map(|c| c.malformed.clone())
            .unwrap_or_default()
    }

    /// Like [`Index::versions`], without revalidation: after a yank, whose flag change some
    /// registries (kellnr) do not reflect in `ETag`/`Last-Modified`.
    pub fn versions_fresh(&self, name: &str) -> Result<Option<Vec<Entry>>> {
        self.read(name, false)
    }

    fn read(&self, name: &str, revalidate: bool) -> Result<Option<Vec<Entry>>> {
        let token = if self.config()?.auth_required {
            self.token.as_ref()
        } else {
            None
        };
        let url = self
            .base
            .join(&crate_path(name))
            .context("index file URL")?;
        let validators: Vec<(&'static str, String)> = if revalidate {
            self.cache
                .borrow()
                .get(name)
                .map(|c| c.validators.clone())
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        let headers: Vec<(&str, &str)> = validators.iter().map(|(h, v)| (*h, v.as_str())).collect();
        let response = self.http.send(Method::GET, &url, token, &headers)?;
        match response.status {
            200 => {}
            304 => {
                return Ok(self.cache.borrow().get(name).map(|c| c.entries.clone()));
            }
            404 | 410 | 451 => return Ok(None),
            401 | 403 => {
                return Err(cannot_run(format!(
                    "the registry index refused to let us read {url} (HTTP {}): check the token",
                    response.status
                )));
            }
            status => {
                return Err(cannot_run(format!(
                    "the registry index answered HTTP {status} for {url}{}",
                    response
                        .error_detail()
                        .map_or(String::new(), |d| format!(": {d}"))
                )));
            }
        }
        let text = String::from_utf8_lossy(&response.body);
        let mut entries: Vec<Entry> = Vec::new();
        let mut malformed = Vec::new();
        for (number, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str(line) {
                Ok(entry) => entries.push(entry),
                Err(_) => malformed.push(number + 1),
            }
        }
        let mut validators = Vec::new();
        if let Some(etag) = response.header("etag") {
            validators.push(("If-None-Match", etag.to_string()));
        }
        if let Some(modified) = response.header("last-modified") {
            validators.push(("If-Modified-Since", modified.to_string()));
        }
        self.cache.borrow_mut().insert(
            name.to_string(),
            Cached {
                validators,
                entries: entries.clone(),
                malformed,
            },
        );
        Ok(Some(entries))
    }

    /// The entry of `name` at `version` (build metadata ignored), if published.
    /// Whether the index lists `version` of `name`; `None` when it could not be read (the
    /// question is then left open, as offline).
    pub fn has_version(&self, name: &str, version: &Version) -> Option<bool> {
        self.find(name, version).ok().map(|entry| entry.is_some())
    }

    /// A line the index file holds but this program cannot read may be the version asked
    /// for: then whether it is published cannot be told, and saying "not published" would be a
    /// guess.
    pub fn find(&self, name: &str, version: &Version) -> Result<Option<Entry>> {
        let found = self
            .versions(name)?
            .and_then(|entries| entries.into_iter().find(|e| e.is(version)));
        let malformed = self.malformed(name);
        if found.is_none() && !malformed.is_empty() {
            let lines: Vec<String> = malformed.iter().map(ToString::to_string).collect();
            let url = self
                .base
                .join(&crate_path(name))
                .context("index file URL")?;
            return Err(cannot_run(format!(
                "line {} of {url} is not an index entry cargo ship can read, so whether {name} \
                 {version} is published cannot be told; the registry's index needs repair",
                lines.join(", ")
            )));
        }
        Ok(found)
    }
}

/// The index path of a crate: `1/a`, `2/ab`, `3/a/abc`, else `ab/cd/abcd…`, lower-cased.
///
/// Counted in characters, not bytes: a registry only holds ASCII names, but a manifest may name
/// a package `é1`, whose lookup must answer "not there", not panic mid-character.
pub fn crate_path(name: &str) -> String {
    let name = name.to_lowercase();
    let chars: Vec<char> = name.chars().collect();
    let part = |range: std::ops::Range<usize>| chars[range].iter().collect::<String>();
    match chars.len() {
        1 => format!("1/{name}"),
        2 => format!("2/{name}"),
        3 => format!("3/{}/{name}", part(0..1)),
        _ => format!("{}/{}/{name}", part(0..2), part(2..4)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_paths_follow_the_sparse_layout() {
        assert_eq!(crate_path("a"), "1/a");
        assert_eq!(crate_path("ab"), "2/ab");
        assert_eq!(crate_path("abc"), "3/a/abc");
        assert_eq!(crate_path("Serde"), "se/rd/serde");
        assert_eq!(crate_path("cargo-ship"), "ca/rg/cargo-ship");
        assert_eq!(crate_path("é1"), "2/é1");
        assert_eq!(crate_path("éab"), "3/é/éab");
        assert_eq!(crate_path("ééab"), "éé/ab/ééab");
    }

    #[test]
    fn build_metadata_does_not_make_a_new_version() {
        let entry = Entry {
            name: "x".into(),
            vers: "1.0.0+build.1".into(),
            yanked: false,
        };
        assert!(entry.is(&Version::parse("1.0.0+other").expect("version")));
        assert!(!entry.is(&Version::parse("1.0.1").expect("version")));
    }
}
