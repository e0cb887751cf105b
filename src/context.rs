//! What every command starts from, built once before dispatch: the directory it runs in, the
//! global flags, the terminal, and — on first use, so `completions` reads no configuration and
//! a release can take its lock before anything is read — cargo's configuration, the HTTP
//! client configured like cargo's, and the workspace.

use std::cell::OnceCell;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use crate::cli::GlobalArgs;
use crate::registry::config::Config;
use crate::registry::http::Http;
use crate::tree::Tree;
use crate::ui::Ui;
use crate::workspace::Workspace;

pub struct Context<'a> {
    pub cwd: PathBuf,
    pub global: &'a GlobalArgs,
    pub ui: &'a Ui,
    config: OnceCell<Config>,
    http: OnceCell<Http>,
}

impl<'a> Context<'a> {
    pub fn new(global: &'a GlobalArgs, ui: &'a Ui) -> Result<Self> {
        let cwd = std::env::current_dir().context("could not read the current directory")?;
        Ok(Context {
            cwd,
            global,
            ui,
            config: OnceCell::new(),
            http: OnceCell::new(),
        })
    }

    /// cargo's configuration as seen from here (`--config` first), read once.
    pub fn config(&self) -> Result<&Config> {
        if let Some(config) = self.config.get() {
            return Ok(config);
        }
        let config = Config::load(&self.cwd, &self.global.config)?;
        Ok(self.config.get_or_init(|| config))
    }

    /// The HTTP client, offline when `--offline` or cargo's `net.offline` say so, with cargo's
    /// timeout, proxy and certificate settings; its waits are reported on the terminal.
    pub fn http(&self) -> Result<&Http> {
        if let Some(http) = self.http.get() {
            return Ok(http);
        }
        let config = self.config()?;
        let http = Http::new(
            self.global.offline || config.offline(),
            self.ui.http_events(),
        )
        .with_cargo_config(config, &self.cwd);
        Ok(self.http.get_or_init(|| http))
    }

    /// The workspace around `--manifest-path` (or the current directory), read from `tree`.
    pub fn workspace(&self, tree: &Tree, manifest_path: Option<&Path>) -> Result<Workspace> {
        Workspace::load(tree, &self.cwd, manifest_path)
    }
}
