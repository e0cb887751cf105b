//! Cargo's configuration, read the way cargo reads it, for the few keys cargo ship needs:
//! which registry, its index, its token and its credential provider.
//!
//! Precedence, highest first: `--config` values, environment variables, `.cargo/config.toml`
//! (and the legacy `.cargo/config`) from the current directory up, deeper files first, then
//! `$CARGO_HOME/config.toml`. Tokens follow cargo's built-in `cargo:token` provider: `--token`,
//! the environment, `$CARGO_HOME/credentials.toml`, then the config files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use toml_edit::{DocumentMut, Item};

use crate::error::cannot_run;
use crate::registry::Secret;

pub const CRATES_IO: &str = "crates-io";
pub const CRATES_IO_INDEX: &str = "sparse+https://index.crates.io/";
const CRATES_IO_GIT_INDEX: &str = "https://github.com/rust-lang/crates.io-index";

/// One configuration source and where it came from (for error messages).
#[derive(Debug)]
struct Layer {
    origin: String,
    doc: DocumentMut,
}

#[derive(Debug)]
pub struct Config {
    /// Highest precedence first; the first `overrides` come from `--config`.
    layers: Vec<Layer>,
    overrides: usize,
    credentials: Option<Layer>,
    env: BTreeMap<String, String>,
    pub cargo_home: PathBuf,
}

/// A registry to judge, read or publish to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registry {
    /// The name to pass to cargo's `--registry`; `None` for an `--index` URL.
    pub name: Option<String>,
    /// The index URL, with its `sparse+` prefix when it has one.
    pub index: String,
    pub is_crates_io: bool,
}

impl Registry {
    pub fn crates_io() -> Self {
        Registry {
            name: Some(CRATES_IO.into()),
            index: CRATES_IO_INDEX.into(),
            is_crates_io: true,
        }
    }

    /// How to name it to a user.
    pub fn display_name(&self) -> String {
        match &self.name {
            Some(name) if self.is_crates_io && name == CRATES_IO => "crates.io".into(),
            Some(name) => format!("registry `{name}`"),
            None => format!("index `{}`", self.index),
        }
    }

    /// Whether `package.publish` (a list of registry names) allows this registry.
    pub fn allowed_by(&self, publish: &[String]) -> bool {
        match &self.name {
            Some(name) => publish.iter().any(|p| p == name),
            None => false,
        }
    }
}

/// Where a token was found; never the token's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenSource {
    CommandLine,
    Env(String),
    Credentials(PathBuf),
    ConfigFile(String),
}

impl std::fmt::Display for TokenSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TokenSource::CommandLine => f.write_str("--token"),
            TokenSource::Env(name) => write!(f, "${name}"),
            TokenSource::Credentials(path) => write!(f, "{}", path.display()),
            TokenSource::ConfigFile(origin) => f.write_str(origin),
        }
    }
}

/// How an authenticated call is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// A token from the `cargo:token` sources: cargo ship can send it itself.
    Token(Secret, TokenSource),
    /// Another credential provider is configured: cargo must make the call.
    Provider(String),
    /// No token anywhere.
    Missing,
}

impl Auth {
    /// The token, when it is one cargo ship may send itself (a credential provider's stays
    /// with cargo).
    pub fn token(&self) -> Option<Secret> {
        match self {
            Auth::Token(token, _) => Some(token.clone()),
            _ => None,
        }
    }
}

impl Config {
    /// Reads the configuration seen from `cwd`, with `--config` overrides and the process
    /// environment.
    pub fn load(cwd: &Path, overrides: &[String]) -> Result<Self> {
        let env: BTreeMap<String, String> = std::env::vars()
            .filter(|(key, _)| key.starts_with("CARGO_"))
            .collect();
        Self::load_with(cwd, overrides, env)
    }

    /// [`Config::load`] with an explicit environment (tests pass a table of cases).
    pub fn load_with(
        cwd: &Path,
        overrides: &[String],
        env: BTreeMap<String, String>,
    ) -> Result<Self> {
        let cargo_home = match env.get("CARGO_HOME") {
            Some(home) => cwd.join(home),
            None => home_dir()
                .map(|home| home.join(".cargo"))
                .ok_or_else(|| cannot_run("could not find the home directory: set CARGO_HOME"))?,
        };
        let mut layers = Vec::new();
        for value in overrides {
            layers.push(override_layer(cwd, value)?);
        }
        let mut seen_home = false;
        for dir in cwd.ancestors() {
            for name in ["config.toml", "config"] {
                let path = dir.join(".cargo").join(name);
                if let Some(layer) = file_layer(&path)? {
                    seen_home |= dir.join(".cargo") == cargo_home;
                    layers.push(layer);
                    break;
                }
            }
        }
        if !seen_home {
            for name in ["config.toml", "config"] {
                if let Some(layer) = file_layer(&cargo_home.join(name))? {
                    layers.push(layer);
                    break;
                }
            }
        }
        let mut credentials = None;
        for name in ["credentials.toml", "credentials"] {
            if let Some(layer) = file_layer(&cargo_home.join(name))? {
                credentials = Some(layer);
                break;
            }
        }
        Ok(Config {
            overrides: overrides.len(),
            layers,
            credentials,
            env,
            cargo_home,
        })
    }

    /// A string value from the first layer that has it, with its origin.
    fn get_str(&self, path: &[&str]) -> Option<(&str, &str)> {
        Self::find_str(&self.layers, path)
    }

    fn find_str<'a>(layers: &'a [Layer], path: &[&str]) -> Option<(&'a str, &'a str)> {
        layers.iter().find_map(|layer| {
            lookup(layer.doc.as_item(), path)
                .and_then(Item::as_str)
                .map(|value| (value, layer.origin.as_str()))
        })
    }

    /// A string setting with cargo's precedence: `--config`, then the environment variable,
    /// then the config files.
    fn setting(&self, path: &[&str], env_key: &str) -> Option<String> {
        let (overrides, files) = self.layers.split_at(self.overrides);
        Self::find_str(overrides, path)
            .map(|(value, _)| value.to_string())
            .or_else(|| self.env(env_key).map(str::to_string))
            .or_else(|| Self::find_str(files, path).map(|(value, _)| value.to_string()))
    }

    fn get_item(&self, path: &[&str]) -> Option<&Item> {
        self.layers
            .iter()
            .find_map(|layer| lookup(layer.doc.as_item(), path))
    }

    fn env(&self, key: &str) -> Option<&str> {
        self.env.get(key).map(String::as_str)
    }

    pub fn offline(&self) -> bool {
        if let Some(value) = self.env("CARGO_NET_OFFLINE") {
            return value == "true" || value == "1";
        }
        self.get_item(&["net", "offline"])
            .and_then(Item::as_bool)
            .unwrap_or(false)
    }

    /// cargo's `http.timeout` (`CARGO_HTTP_TIMEOUT`), in seconds, when set.
    pub fn http_timeout(&self) -> Option<std::time::Duration> {
        let seconds = match self.env("CARGO_HTTP_TIMEOUT") {
            Some(value) => value.trim().parse::<u64>().ok(),
            None => self
                .get_item(&["http", "timeout"])
                .and_then(Item::as_integer)
                .and_then(|n| u64::try_from(n).ok()),
        };
        seconds
            .filter(|s| *s > 0)
            .map(std::time::Duration::from_secs)
    }

    /// cargo's `http.cainfo` (`CARGO_HTTP_CAINFO`): a bundle of certificate authorities to
    /// trust besides the platform's. A relative path in a config file is relative to the
    /// directory holding its `.cargo` (as cargo reads it); elsewhere, to `cwd`.
    pub fn http_cainfo(&self, cwd: &Path) -> Option<PathBuf> {
        let (overrides, files) = self.layers.split_at(self.overrides);
        let (value, base) = match Self::find_str(overrides, &["http", "cainfo"]) {
            Some((value, _)) => (value.to_string(), cwd.to_path_buf()),
            None => match self.env("CARGO_HTTP_CAINFO") {
                Some(value) => (value.to_string(), cwd.to_path_buf()),
                None => {
                    let (value, origin) = Self::find_str(files, &["http", "cainfo"])?;
                    let base = Path::new(origin)
                        .parent()
                        .and_then(Path::parent)
                        .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf);
                    (value.to_string(), base)
                }
            },
        };
        Some(base.join(value))
    }

    /// cargo's `http.proxy` (`CARGO_HTTP_PROXY`), when set; otherwise the usual
    /// `HTTPS_PROXY`/`HTTP_PROXY` variables apply, as for cargo.
    pub fn http_proxy(&self) -> Option<String> {
        self.setting(&["http", "proxy"], "CARGO_HTTP_PROXY")
            .filter(|proxy| !proxy.is_empty())
    }

    /// `registry.default`, when set.
    pub fn default_registry(&self) -> Option<String> {
        self.setting(&["registry", "default"], "CARGO_REGISTRY_DEFAULT")
    }

    /// The index URL of a named registry.
    pub fn registry_index(&self, name: &str) -> Result<String> {
        if name == CRATES_IO {
            return Ok(CRATES_IO_INDEX.to_string());
        }
        let env_key = format!("CARGO_REGISTRIES_{}_INDEX", env_name(name));
        self.setting(&["registries", name, "index"], &env_key)
            .ok_or_else(|| {
                cannot_run(format!(
                    "no index is configured for registry `{name}`: set `registries.{name}.index` \
                     in .cargo/config.toml or CARGO_REGISTRIES_{}_INDEX",
                    env_name(name)
                ))
            })
    }

    /// The registry to use: `--registry`/`--index`, else `registry.default`, else the single
    /// entry of `package.publish`, else crates.io.
    pub fn choose(
        &self,
        registry: Option<&str>,
        index: Option<&str>,
        package_publish: Option<&[String]>,
    ) -> Result<Registry> {
        if let Some(index) = index {
            return Ok(Registry {
                name: None,
                index: index.to_string(),
                is_crates_io: is_crates_io_index(index),
            });
        }
        let name = registry
            .map(str::to_string)
            .or_else(|| self.default_registry())
            .or_else(|| match package_publish {
                Some([single]) => Some(single.clone()),
                _ => None,
            });
        match name {
            None => Ok(Registry::crates_io()),
            Some(name) => {
                let index = self.registry_index(&name)?;
                Ok(Registry {
                    is_crates_io: name == CRATES_IO || is_crates_io_index(&index),
                    name: Some(name),
                    index,
                })
            }
        }
    }

    /// The registry to judge against without failing on an unconfigured one: `check` only
    /// needs to know whether it is crates.io.
    pub fn choose_for_check(
        &self,
        registry: Option<&str>,
        package_publish: Option<&[String]>,
    ) -> Registry {
        self.choose(registry, None, package_publish)
            .unwrap_or_else(|_| {
                let name = registry
                    .map(str::to_string)
                    .or_else(|| self.default_registry())
                    .or_else(|| package_publish.and_then(|p| p.first().cloned()));
                Registry {
                    is_crates_io: name.as_deref() == Some(CRATES_IO),
                    name,
                    index: String::new(),
                }
            })
    }

    /// How to authenticate to `registry`, per cargo's `cargo:token` provider and the
    /// configured credential providers.
    pub fn auth(&self, registry: &Registry, command_line: Option<&Secret>) -> Auth {
        if let Some(token) = command_line {
            return Auth::Token(token.clone(), TokenSource::CommandLine);
        }
        let name = registry.name.as_deref().unwrap_or("");
        if let Some(provider) = self.credential_provider(registry) {
            return Auth::Provider(provider);
        }
        let env_key = if registry.is_crates_io && name == CRATES_IO {
            "CARGO_REGISTRY_TOKEN".to_string()
        } else {
            format!("CARGO_REGISTRIES_{}_TOKEN", env_name(name))
        };
        if !name.is_empty()
            && let Some(token) = self.env(&env_key)
        {
            return Auth::Token(Secret::new(token), TokenSource::Env(env_key));
        }
        let path: Vec<&str> = if registry.is_crates_io && name == CRATES_IO {
            vec!["registry", "token"]
        } else {
            vec!["registries", name, "token"]
        };
        if !name.is_empty() {
            if let Some(layer) = &self.credentials
                && let Some(token) = lookup(layer.doc.as_item(), &path).and_then(Item::as_str)
            {
                return Auth::Token(
                    Secret::new(token),
                    TokenSource::Credentials(PathBuf::from(&layer.origin)),
                );
            }
            if let Some((token, origin)) = self.get_str(&path) {
                return Auth::Token(
                    Secret::new(token),
                    TokenSource::ConfigFile(origin.to_string()),
                );
            }
        }
        Auth::Missing
    }

    /// A credential provider other than `cargo:token` configured for the registry, if any.
    fn credential_provider(&self, registry: &Registry) -> Option<String> {
        let specific = registry.name.as_deref().and_then(|name| {
            let env_key = format!("CARGO_REGISTRIES_{}_CREDENTIAL_PROVIDER", env_name(name));
            self.env(&env_key).map(str::to_string).or_else(|| {
                let path: Vec<&str> = if name == CRATES_IO {
                    vec!["registry", "credential-provider"]
                } else {
                    vec!["registries", name, "credential-provider"]
                };
                self.get_item(&path).map(provider_text)
            })
        });
        let provider = specific.or_else(|| {
            let global = self
                .env("CARGO_REGISTRY_GLOBAL_CREDENTIAL_PROVIDERS")
                .map(|list| {
                    list.split_whitespace()
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                })
                .or_else(|| {
                    self.get_item(&["registry", "global-credential-providers"])
                        .and_then(|item| item.as_array())
                        .map(|array| {
                            array
                                .iter()
                                .filter_map(|v| v.as_str().map(str::to_string))
                                .collect()
                        })
                })?;
            // Later entries take precedence.
            global.last().cloned()
        })?;
        (provider != "cargo:token").then_some(provider)
    }
}

fn provider_text(item: &Item) -> String {
    match item.as_array() {
        Some(array) => array
            .iter()
            .filter_map(|v| v.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        None => item.as_str().unwrap_or_default().to_string(),
    }
}

fn lookup<'a>(item: &'a Item, path: &[&str]) -> Option<&'a Item> {
    path.iter()
        .try_fold(item, |item, key| item.as_table_like()?.get(key))
}

fn file_layer(path: &Path) -> Result<Option<Layer>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(_) if path.is_dir() => return Ok(None),
        Err(err) => {
            return Err(err).with_context(|| format!("could not read `{}`", path.display()));
        }
    };
    let doc: DocumentMut = text.parse().map_err(|err: toml_edit::TomlError| {
        cannot_run(format!(
            "could not parse `{}` as TOML: {}",
            path.display(),
            err.message()
        ))
    })?;
    Ok(Some(Layer {
        origin: path.display().to_string(),
        doc,
    }))
}

/// `--config KEY=VALUE` (a TOML dotted key and value) or `--config path/to/file.toml`.
fn override_layer(cwd: &Path, value: &str) -> Result<Layer> {
    if !value.contains('=') {
        let path = cwd.join(value);
        return file_layer(&path)?.ok_or_else(|| {
            cannot_run(format!("--config file `{}` does not exist", path.display()))
        });
    }
    let doc: DocumentMut = value.parse().map_err(|err: toml_edit::TomlError| {
        cannot_run(format!(
            "--config argument `{value}` is not a TOML `KEY=VALUE`: {}",
            err.message()
        ))
    })?;
    Ok(Layer {
        origin: format!("--config {value}"),
        doc,
    })
}

/// Cargo's environment spelling of a registry name: upper case, `-` as `_`.
pub fn env_name(name: &str) -> String {
    name.to_uppercase().replace('-', "_")
}

fn is_crates_io_index(index: &str) -> bool {
    let bare = index.trim_end_matches('/');
    bare == CRATES_IO_INDEX.trim_end_matches('/') || bare == CRATES_IO_GIT_INDEX
}

fn home_dir() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|home| !home.is_empty())
        .map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A temp dir with `files` written, a project dir `project/sub` inside it and a cargo home.
    fn layout(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("project/sub")).expect("mkdir");
        std::fs::create_dir_all(dir.path().join("home")).expect("mkdir");
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        dir
    }

    fn load(dir: &tempfile::TempDir, overrides: &[&str], env: &[(&str, &str)]) -> Config {
        let mut vars: BTreeMap<String, String> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        vars.insert(
            "CARGO_HOME".into(),
            dir.path().join("home").display().to_string(),
        );
        let overrides: Vec<String> = overrides.iter().map(|s| s.to_string()).collect();
        Config::load_with(&dir.path().join("project/sub"), &overrides, vars).expect("config")
    }

    const LOCAL: &str = "[registries.local]\nindex = \"sparse+http://127.0.0.1:1/index/\"\n";

    #[test]
    fn the_http_timeout_is_cargos() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("project/sub")).expect("mkdir");
        assert_eq!(load(&dir, &[], &[]).http_timeout(), None);
        assert_eq!(
            load(&dir, &["http.timeout=7"], &[]).http_timeout(),
            Some(std::time::Duration::from_secs(7))
        );
        assert_eq!(
            load(&dir, &["http.timeout=7"], &[("CARGO_HTTP_TIMEOUT", "2")]).http_timeout(),
            Some(std::time::Duration::from_secs(2))
        );
    }

    #[test]
    fn the_registry_is_chosen_like_cargo() {
        let publish = vec!["local".to_string()];
        // (files, overrides, env, --registry, package.publish, expected name)
        #[allow(clippy::type_complexity)]
        let cases: &[(
            &[(&str, &str)],
            &[&str],
            &[(&str, &str)],
            Option<&str>,
            Option<&[String]>,
            &str,
        )] = &[
            (&[], &[], &[], None, None, "crates-io"),
            (
                &[("home/config.toml", LOCAL)],
                &[],
                &[],
                None,
                Some(&publish),
                "local",
            ),
            (
                &[(
                    "project/.cargo/config.toml",
                    "[registry]\ndefault = \"local\"\n[registries.local]\nindex = \"sparse+http://127.0.0.1:1/\"\n",
                )],
                &[],
                &[],
                None,
                None,
                "local",
            ),
            (
                &[(
                    "project/.cargo/config.toml",
                    "[registry]\ndefault = \"local\"\n[registries.local]\nindex = \"sparse+http://127.0.0.1:1/\"\n[registries.other]\nindex = \"sparse+http://127.0.0.1:2/\"\n",
                )],
                &[],
                &[("CARGO_REGISTRY_DEFAULT", "other")],
                None,
                None,
                "other",
            ),
            (
                &[("project/.cargo/config.toml", LOCAL)],
                &[
                    "registry.default=\"third\"",
                    "registries.third.index=\"sparse+http://127.0.0.1:3/\"",
                ],
                &[("CARGO_REGISTRY_DEFAULT", "local")],
                None,
                None,
                "third",
            ),
            (
                &[("project/.cargo/config.toml", LOCAL)],
                &[],
                &[("CARGO_REGISTRY_DEFAULT", "local")],
                Some("crates-io"),
                None,
                "crates-io",
            ),
            (
                &[],
                &[],
                &[(
                    "CARGO_REGISTRIES_ENV_ONLY_INDEX",
                    "sparse+http://127.0.0.1:4/",
                )],
                Some("env-only"),
                None,
                "env-only",
            ),
        ];
        for (index, (files, overrides, env, explicit, publish, expected)) in
            cases.iter().enumerate()
        {
            let dir = layout(files);
            let config = load(&dir, overrides, env);
            let chosen = config.choose(*explicit, None, *publish).expect("registry");
            assert_eq!(chosen.name.as_deref(), Some(*expected), "case {index}");
        }
    }

    #[test]
    fn deeper_config_files_win_and_the_cargo_home_comes_last() {
        let dir = layout(&[
            (
                "home/config.toml",
                "[registries.local]\nindex = \"sparse+http://home/\"\n",
            ),
            (
                "project/.cargo/config.toml",
                "[registries.local]\nindex = \"sparse+http://project/\"\n",
            ),
            (
                "project/sub/.cargo/config",
                "[registries.local]\nindex = \"sparse+http://sub/\"\n",
            ),
        ]);
        assert_eq!(
            load(&dir, &[], &[]).registry_index("local").expect("index"),
            "sparse+http://sub/"
        );
        let env = [("CARGO_REGISTRIES_LOCAL_INDEX", "sparse+http://env/")];
        assert_eq!(
            load(&dir, &[], &env)
                .registry_index("local")
                .expect("index"),
            "sparse+http://env/"
        );
        let unknown = load(&dir, &[], &[])
            .registry_index("nope")
            .expect_err("unknown registry");
        assert!(format!("{unknown:#}").contains("CARGO_REGISTRIES_NOPE_INDEX"));
    }

    #[test]
    fn an_index_url_is_a_nameless_registry() {
        let dir = layout(&[]);
        let config = load(&dir, &[], &[]);
        let chosen = config
            .choose(None, Some("sparse+http://127.0.0.1:5/"), None)
            .expect("registry");
        assert_eq!(chosen.name, None);
        assert!(!chosen.is_crates_io);
        assert!(
            config
                .choose(None, Some("sparse+https://index.crates.io/"), None)
                .expect("registry")
                .is_crates_io
        );
    }

    fn token_source(auth: Auth) -> Option<(String, TokenSource)> {
        match auth {
            Auth::Token(secret, source) => Some((secret.expose().to_string(), source)),
            _ => None,
        }
    }

    #[test]
    fn tokens_come_from_the_cargo_token_sources_in_order() {
        let files: &[(&str, &str)] = &[
            (
                "home/credentials.toml",
                "[registries.local]\ntoken = \"from-credentials\"\n[registry]\ntoken = \"io-credentials\"\n",
            ),
            (
                "project/.cargo/config.toml",
                "[registries.local]\nindex = \"sparse+http://127.0.0.1:1/\"\ntoken = \"from-config\"\n",
            ),
        ];
        let dir = layout(files);
        let env = [("CARGO_REGISTRIES_LOCAL_TOKEN", "from-env")];
        let config = load(&dir, &[], &env);
        let local = config.choose(Some("local"), None, None).expect("registry");
        let flag = Secret::new("from-flag");
        assert_eq!(
            token_source(config.auth(&local, Some(&flag))),
            Some(("from-flag".into(), TokenSource::CommandLine))
        );
        assert_eq!(
            token_source(config.auth(&local, None)),
            Some((
                "from-env".into(),
                TokenSource::Env("CARGO_REGISTRIES_LOCAL_TOKEN".into())
            ))
        );
        let config = load(&dir, &[], &[]);
        assert_eq!(
            token_source(config.auth(&local, None)).map(|t| t.0),
            Some("from-credentials".into())
        );
        std::fs::remove_file(dir.path().join("home/credentials.toml")).expect("remove");
        let config = load(&dir, &[], &[]);
        assert_eq!(
            token_source(config.auth(&local, None)).map(|t| t.0),
            Some("from-config".into())
        );
        // crates.io has its own spellings.
        let config = load(&layout(files), &[], &[("CARGO_REGISTRY_TOKEN", "io-env")]);
        assert_eq!(
            token_source(config.auth(&Registry::crates_io(), None)).map(|t| t.0),
            Some("io-env".into())
        );
        let config = load(&layout(files), &[], &[]);
        assert_eq!(
            token_source(config.auth(&Registry::crates_io(), None)).map(|t| t.0),
            Some("io-credentials".into())
        );
        let config = load(&layout(&[]), &[], &[]);
        assert_eq!(config.auth(&Registry::crates_io(), None), Auth::Missing);
    }

    #[test]
    fn another_credential_provider_is_left_to_cargo() {
        let dir = layout(&[(
            "project/.cargo/config.toml",
            "[registries.local]\nindex = \"sparse+http://127.0.0.1:1/\"\ncredential-provider = \"cargo:libsecret\"\n",
        )]);
        let config = load(&dir, &[], &[("CARGO_REGISTRIES_LOCAL_TOKEN", "ignored")]);
        let local = config.choose(Some("local"), None, None).expect("registry");
        assert_eq!(
            config.auth(&local, None),
            Auth::Provider("cargo:libsecret".into())
        );
        let dir = layout(&[(
            "home/config.toml",
            "[registry]\nglobal-credential-providers = [\"cargo:token\", \"cargo:macos-keychain\"]\n",
        )]);
        let config = load(&dir, &[], &[]);
        assert_eq!(
            config.auth(&Registry::crates_io(), None),
            Auth::Provider("cargo:macos-keychain".into())
        );
        let dir = layout(&[(
            "home/config.toml",
            "[registry]\nglobal-credential-providers = [\"cargo:libsecret\", \"cargo:token\"]\n",
        )]);
        let config = load(&dir, &[], &[("CARGO_REGISTRY_TOKEN", "t")]);
        assert!(matches!(
            config.auth(&Registry::crates_io(), None),
            Auth::Token(..)
        ));
    }
}
