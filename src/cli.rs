//! The command line, defined once with clap's derive API.
//!
//! Flag groups that several commands share (package selection, output format, registry choice)
//! are separate `Args` structs flattened where they apply, so a flag is spelled and documented
//! in exactly one place.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

pub use crate::version::PreKind;

const ABOUT: &str = "Check, version, package, publish and yank crates, refusing what a registry \
would refuse before anything irreversible happens";

const AFTER_HELP: &str = "\
Exit codes: 0 done (also \"nothing to do\"), 1 refused or checks failed before any change,
2 could not run before any change, 3 failed after some changes (the message says how to resume).

Every command that changes something shows its plan first; without a terminal it needs --yes.
--dry-run changes no file, no git state and no registry state.

Versions follow Cargo's compatibility rule: on X.Y.Z (X >= 1) a breaking change needs X+1, a
feature Y+1, a fix Z+1; on 0.Y.Z a breaking change needs 0.(Y+1).0 and anything else
0.Y.(Z+1); on 0.0.Z every change needs 0.0.(Z+1). `cargo ship <level> --help` has the rules.";

/// The version rules, shown by every release command's `--help`.
pub const VERSION_RULES: &str = "\
Versions:
  On a release X.Y.Z: major -> (X+1).0.0, minor -> X.(Y+1).0, patch -> X.Y.(Z+1);
  rc/beta/alpha -> X.Y.(Z+1)-rc.1 (a pre-release of the next patch); `--pre rc` with a level
  starts a pre-release of that level (major --pre rc on 1.4.0 -> 2.0.0-rc.1); an explicit
  version must be greater.
  On a pre-release X.Y.Z-pre.N (npm's rules): patch and release -> X.Y.Z; minor -> X.Y.0 if
  Z = 0, else X.(Y+1).0; major -> X.0.0 if Y = Z = 0, else (X+1).0.0; rc on -rc.N -> -rc.(N+1);
  beta on -alpha.N -> -beta.1; kinds only move forward (alpha -> beta -> rc).
  Build metadata is dropped.

Cargo's compatibility rule decides what the changes need (the under-bump guard, `auto`): on
X.Y.Z (X >= 1) breaking -> X+1, feature -> Y+1, fix -> Z+1; on 0.Y.Z breaking -> 0.(Y+1).0,
feature or fix -> 0.Y.(Z+1); on 0.0.Z every change -> 0.0.(Z+1). A release below that is
refused with the reasons unless --force.

--dry-run prints the plan (a diff of every file, the versions, the commit, the tags, the
registry requests with the token masked) and changes nothing: no file (not Cargo.lock), no git
state, no registry state. It reads no network and builds nothing; --verify adds the registry
checks and `cargo package` as a full rehearsal. Without a terminal, a real run needs --yes.";

/// `cargo ship …`: how a maintainer takes a crate from "ready" to "published".
#[derive(Debug, Parser)]
#[command(
    name = "cargo-ship",
    bin_name = "cargo ship",
    version,
    about = ABOUT,
    after_help = AFTER_HELP,
    override_usage = "cargo ship [OPTIONS] <COMMAND>\n       cargo ship <VERSION> [OPTIONS]   (release exactly X.Y.Z, e.g. `cargo ship 1.4.0`)",
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    #[command(flatten)]
    pub global: GlobalArgs,
}

/// The subcommands' names, for suggestions.
pub fn subcommand_names() -> Vec<String> {
    use clap::CommandFactory;
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}

impl Cli {
    /// Whether the output was asked for as JSON: then an error is JSON on stdout too, so a
    /// script reading it is never left with nothing.
    pub fn wants_json(&self) -> bool {
        let format = match &self.command {
            Command::Check(args) => args.output.format,
            Command::Suggest(args) => args.output.format,
            Command::Package(args) => args.output.format,
            Command::Publish(args) => args.output.format,
            Command::Yank(args) => args.output.format,
            Command::Major(args)
            | Command::Minor(args)
            | Command::Patch(args)
            | Command::Release(args)
            | Command::Rc(args)
            | Command::Beta(args)
            | Command::Alpha(args)
            | Command::Auto(args) => args.output.format,
            Command::Version(words) => {
                let words: Vec<String> = words
                    .iter()
                    .map(|w| w.to_string_lossy().into_owned())
                    .collect();
                let json = words.iter().any(|w| w == "--format=json")
                    || words
                        .windows(2)
                        .any(|w| w[0] == "--format" && w[1] == "json");
                return json;
            }
            _ => return false,
        };
        format == Format::Json
    }
}

impl Cli {
    /// Parses the process arguments, accepting both `cargo ship …` (cargo passes `ship` as the
    /// first argument to `cargo-ship`) and `cargo-ship …` run directly.
    pub fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Self, clap::Error> {
        let mut args: Vec<OsString> = args.into_iter().collect();
        if args.get(1).is_some_and(|arg| arg == "ship") {
            args.remove(1);
        }
        Cli::try_parse_from(args)
    }
}

/// Flags every command accepts, before or after the subcommand.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Use verbose output (-vv very verbose)
    #[arg(short, long, action = ArgAction::Count, global = true)]
    pub verbose: u8,

    /// Print nothing but errors and the requested output
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Coloring
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto, global = true)]
    pub color: ColorWhen,

    /// Run without accessing the network
    #[arg(long, global = true)]
    pub offline: bool,

    /// Registry token. Prefer CARGO_REGISTRY_TOKEN, CARGO_REGISTRIES_<NAME>_TOKEN or
    /// `cargo login`: a token on the command line lands in shell history and `ps`
    #[arg(long, value_name = "TOKEN", global = true, hide_env_values = true)]
    pub token: Option<Secret>,

    /// Override a cargo configuration value (KEY=VALUE, as `cargo --config`)
    #[arg(long = "config", value_name = "KEY=VALUE", global = true)]
    pub config: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

pub use crate::registry::Secret;

/// Which packages a command acts on, with cargo's flags and meaning.
#[derive(Debug, Clone, Default, Args)]
pub struct Select {
    /// Package to act on (repeatable)
    #[arg(short = 'p', long = "package", value_name = "SPEC")]
    pub packages: Vec<String>,

    /// Act on every member of the workspace
    #[arg(long, alias = "all")]
    pub workspace: bool,

    /// Exclude a package from --workspace (repeatable)
    #[arg(long, value_name = "SPEC", requires = "workspace")]
    pub exclude: Vec<String>,

    /// Path to Cargo.toml
    #[arg(long, value_name = "PATH")]
    pub manifest_path: Option<PathBuf>,
}

impl<'s> From<&'s Select> for crate::workspace::Selection<'s> {
    fn from(select: &'s Select) -> Self {
        crate::workspace::Selection {
            packages: &select.packages,
            workspace: select.workspace,
            exclude: &select.exclude,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    #[default]
    Human,
    Json,
}

#[derive(Debug, Clone, Default, Args)]
pub struct Output {
    /// Output format
    #[arg(long, value_enum, value_name = "FMT", default_value_t = Format::Human)]
    pub format: Format,
}

/// Which registry to talk to; when both are absent the choice follows cargo's rules.
#[derive(Debug, Clone, Default, Args)]
pub struct RegistryArgs {
    /// Registry to use (a name from the cargo configuration)
    #[arg(long, value_name = "NAME", conflicts_with = "index")]
    pub registry: Option<String>,

    /// Registry index URL to use instead of a named registry
    #[arg(long, value_name = "URL")]
    pub index: Option<String>,
}

/// How cargo packages and verifies the crates: the flags of `cargo package` / `cargo publish`,
/// passed on as given (they override the `verify`, `enable-features`, `enable-all-features`
/// and `target` settings).
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Package")]
pub struct BuildArgs {
    /// Do not build the packaged crate to verify it
    #[arg(long)]
    pub no_verify: bool,

    /// Features to enable for the verification build (space or comma separated)
    #[arg(short = 'F', long, value_name = "FEATURES", value_delimiter = ',')]
    pub features: Vec<String>,

    /// Enable every feature for the verification build
    #[arg(long)]
    pub all_features: bool,

    /// Do not enable the `default` feature for the verification build
    #[arg(long)]
    pub no_default_features: bool,

    /// Build for the target triple
    #[arg(long, value_name = "TRIPLE")]
    pub target: Option<String>,

    /// Require Cargo.lock to be up to date
    #[arg(long)]
    pub locked: bool,
}

impl BuildArgs {
    /// The settings' build options with the flags given on the command line in their place.
    pub fn over(&self, mut build: crate::settings::Build) -> crate::settings::Build {
        build.verify &= !self.no_verify;
        if !self.features.is_empty() {
            // cargo takes `-F "a b"` as well as `-F a,b`.
            build.features = self
                .features
                .iter()
                .flat_map(|f| f.split_whitespace())
                .map(str::to_string)
                .collect();
        }
        build.all_features |= self.all_features;
        build.no_default_features |= self.no_default_features;
        if self.target.is_some() {
            build.target = self.target.clone();
        }
        build.locked |= self.locked;
        build
    }
}

/// The flags of every command that changes something irreversible.
#[derive(Debug, Clone, Default, Args)]
pub struct Confirm {
    /// Show what would be done and change nothing: no file, no git state, no registry state
    #[arg(long, short = 'n')]
    pub dry_run: bool,

    /// Proceed without asking (required without a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check manifests against what crates.io and cargo require
    #[command(long_about = CHECK_ABOUT)]
    Check(CheckArgs),

    /// Suggest the next version from commits, the changelog and the public API
    Suggest(SuggestArgs),

    /// Release the next major version (X+1.0.0; on X.0.0-pre: X.0.0)
    #[command(after_long_help = VERSION_RULES)]
    Major(ReleaseArgs),
    /// Release the next minor version (X.Y+1.0; on X.Y.0-pre: X.Y.0)
    #[command(after_long_help = VERSION_RULES)]
    Minor(ReleaseArgs),
    /// Release the next patch version (X.Y.Z+1; on X.Y.Z-pre: X.Y.Z)
    #[command(after_long_help = VERSION_RULES)]
    Patch(ReleaseArgs),
    /// Release the current pre-release as a final version (X.Y.Z-pre → X.Y.Z)
    #[command(after_long_help = VERSION_RULES)]
    Release(ReleaseArgs),
    /// Release a release candidate (1.2.3 → 1.2.4-rc.1, 1.2.4-rc.1 → 1.2.4-rc.2)
    #[command(after_long_help = VERSION_RULES)]
    Rc(ReleaseArgs),
    /// Release a beta (1.2.3 → 1.2.4-beta.1, -alpha.N → -beta.1)
    #[command(after_long_help = VERSION_RULES)]
    Beta(ReleaseArgs),
    /// Release an alpha (1.2.3 → 1.2.4-alpha.1)
    #[command(after_long_help = VERSION_RULES)]
    Alpha(ReleaseArgs),
    /// Release at the version `cargo ship suggest` gives (nothing to do when it finds no change)
    #[command(after_long_help = VERSION_RULES)]
    Auto(ReleaseArgs),

    /// Package crates with `cargo package` and report their size
    Package(PackageArgs),

    /// Publish crates whose version is not in the registry yet (--dry-run: every check and
    /// `cargo publish --dry-run`, nothing uploaded)
    Publish(PublishArgs),

    /// Yank a published version, or undo a yank (--dry-run: the request, token masked, not sent)
    Yank(YankArgs),

    /// Install or remove the git pre-commit hook that runs `check --staged`
    #[command(subcommand)]
    Hook(HookCommand),

    /// Print a shell completion script for `cargo ship` and `cargo-ship`
    #[command(after_help = COMPLETIONS_HELP)]
    Completions(CompletionsArgs),

    /// Print a man page (roff): `cargo ship man > cargo-ship.1`, `cargo ship man check`, or
    /// write every page with `--out DIR`
    Man(ManArgs),

    /// Release an explicit version: `cargo ship 1.4.0`
    #[command(external_subcommand)]
    Version(Vec<OsString>),
}

const CHECK_ABOUT: &str = "\
Check manifests against what crates.io and cargo require.

Each package is judged as `cargo package` will upload it: workspace inheritance resolved,
dev-dependencies without a version dropped, readme and license files looked up. Errors are
what the upload would be refused for. Rules that only the crates.io server enforces are errors
when publishing to crates.io and warnings for other registries (which may accept them); rules
cargo itself enforces are errors for every registry. Packages with `publish = false` are
reported as skipped.

Plain `check` reads no git state and no registry index; it costs about one `cargo metadata`.";

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub select: Select,

    #[command(flatten)]
    pub output: Output,

    /// Judge against this registry (server-only rules become warnings for non-crates.io
    /// registries); also reports, as a note, when the current version is already published
    #[arg(long, value_name = "NAME")]
    pub registry: Option<String>,

    /// Fail on warnings too
    #[arg(long)]
    pub strict: bool,

    /// Check the manifests staged in the git index (what the pre-commit hook runs);
    /// implies --offline; without -p it checks every workspace member
    #[arg(long)]
    pub staged: bool,

    /// Fill what is unambiguous: readme, repository (from git remotes), license (from a single
    /// recognised license file), keyword case. Prints every change
    #[arg(long, conflicts_with = "staged")]
    pub fix: bool,

    /// With --fix: print the changes as a diff and write nothing
    #[arg(long, requires = "fix")]
    pub dry_run: bool,

    /// With --fix: write without asking (required without a terminal)
    #[arg(long, short = 'y', requires = "fix")]
    pub yes: bool,
}

#[derive(Debug, Clone, Args)]
pub struct SuggestArgs {
    #[command(flatten)]
    pub select: Select,

    #[command(flatten)]
    pub output: Output,

    /// Measure changes since this git revision instead of the last release tag
    #[arg(long, value_name = "REF")]
    pub since: Option<String>,

    /// Also compare the public API with the last release (builds rustdoc JSON twice)
    #[arg(long)]
    pub api: bool,
}

/// `--pre alpha|beta|rc`: the version layer's kind, offered to clap here so that layer knows
/// nothing of the command line.
impl ValueEnum for PreKind {
    fn value_variants<'a>() -> &'a [Self] {
        &PreKind::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.as_str()))
    }
}

#[derive(Debug, Clone, Args)]
pub struct ReleaseArgs {
    #[command(flatten)]
    pub select: Select,

    #[command(flatten)]
    pub output: Output,

    #[command(flatten)]
    pub registry: RegistryArgs,

    #[command(flatten)]
    pub confirm: Confirm,

    /// Start a pre-release of the chosen level (`major --pre rc` on 1.4.0 → 2.0.0-rc.1)
    #[arg(long, value_enum, value_name = "KIND")]
    pub pre: Option<PreKind>,

    /// Release even when the evidence asks for a bigger bump
    #[arg(long)]
    pub force: bool,

    /// Do not publish to the registry
    #[arg(long)]
    pub no_publish: bool,

    /// Edit files only: no commit (implies --no-tag --no-push)
    #[arg(long)]
    pub no_commit: bool,

    /// Do not create tags (implies --no-push of tags)
    #[arg(long)]
    pub no_tag: bool,

    /// Do not push the branch and tags
    #[arg(long)]
    pub no_push: bool,

    /// Release from a worktree with uncommitted changes
    #[arg(long)]
    pub allow_dirty: bool,

    /// With --dry-run: also run the registry checks and `cargo package` with verification
    #[arg(long)]
    pub verify: bool,

    /// Build metadata for the new versions (`--metadata spec-1.1.0` → `1.1.4+spec-1.1.0`)
    #[arg(short = 'm', long, value_name = "META")]
    pub metadata: Option<String>,

    /// Branches a release may be made from (globs, comma separated; overrides `allow-branch`)
    #[arg(long, value_name = "GLOB", value_delimiter = ',')]
    pub allow_branch: Vec<String>,

    /// The tag of the previous release, when cargo ship cannot find it (one crate)
    #[arg(long, value_name = "TAG")]
    pub prev_tag_name: Option<String>,

    /// Tag template for this release, e.g. `v{version}` or `{name}-v{version}`
    #[arg(long, value_name = "TEMPLATE")]
    pub tag_name: Option<String>,

    /// Sign the release commit and tags (git's `commit -S`, `tag -s`)
    #[arg(long)]
    pub sign: bool,

    #[command(flatten)]
    pub build: BuildArgs,
}

#[derive(Debug, Clone, Args)]
pub struct PackageArgs {
    #[command(flatten)]
    pub select: Select,

    #[command(flatten)]
    pub output: Output,

    /// List the files that would be packaged, without building (as `cargo package --list`)
    #[arg(long, short = 'l')]
    pub list: bool,

    /// Package with uncommitted changes
    #[arg(long)]
    pub allow_dirty: bool,

    #[command(flatten)]
    pub build: BuildArgs,
}

#[derive(Debug, Clone, Args)]
pub struct PublishArgs {
    #[command(flatten)]
    pub select: Select,

    #[command(flatten)]
    pub output: Output,

    #[command(flatten)]
    pub registry: RegistryArgs,

    #[command(flatten)]
    pub confirm: Confirm,

    /// Publish with uncommitted changes
    #[arg(long)]
    pub allow_dirty: bool,

    #[command(flatten)]
    pub build: BuildArgs,
}

#[derive(Debug, Clone, Args)]
#[command(group = clap::ArgGroup::new("which").required(true).args(["vers", "version_flag"]))]
pub struct YankArgs {
    /// The version to yank
    #[arg(value_name = "VERSION")]
    pub vers: Option<String>,

    /// The version to yank, as cargo spells it (`cargo yank --version 1.0.1`; `--vers` too)
    #[arg(
        long = "version",
        visible_alias = "vers",
        value_name = "VERSION",
        conflicts_with = "vers"
    )]
    pub version_flag: Option<String>,

    /// Undo a yank
    #[arg(long)]
    pub undo: bool,

    /// Package whose version to yank (default: the current package)
    #[arg(short = 'p', long = "package", value_name = "NAME")]
    pub package: Option<String>,

    /// Path to Cargo.toml
    #[arg(long, value_name = "PATH")]
    pub manifest_path: Option<PathBuf>,

    #[command(flatten)]
    pub registry: RegistryArgs,

    #[command(flatten)]
    pub output: Output,

    #[command(flatten)]
    pub confirm: Confirm,
}

impl YankArgs {
    /// The version asked for, however it was spelled.
    pub fn version(&self) -> &str {
        self.vers
            .as_deref()
            .or(self.version_flag.as_deref())
            .unwrap_or_default()
    }
}

#[derive(Debug, Subcommand)]
pub enum HookCommand {
    /// Write a pre-commit hook that runs `cargo-ship ship check --staged`
    Install {
        /// Replace a pre-commit hook that cargo ship did not write
        #[arg(long)]
        force: bool,
    },
    /// Remove the pre-commit hook cargo ship wrote
    Uninstall,
}

const COMPLETIONS_HELP: &str = "\
Install:
  bash:  cargo ship completions bash > ~/.local/share/bash-completion/completions/cargo-ship
         and add `source ~/.local/share/bash-completion/completions/cargo-ship` to ~/.bashrc
         (it completes `cargo ship <TAB>` too, handing every other `cargo` line to cargo's own)
  zsh:   cargo ship completions zsh > \"${fpath[1]}/_cargo-ship\"
         (cargo's zsh completion calls `_cargo-ship` for `cargo ship <TAB>`)
  fish:  cargo ship completions fish > ~/.config/fish/conf.d/cargo-ship.fish
         (loaded at start-up, so `cargo ship <TAB>` completes too, beside cargo's own)
  elvish, powershell: print the script and load it from the shell's startup file";

#[derive(Debug, Clone, Args)]
pub struct ManArgs {
    /// The subcommand whose page to print (`check`, `patch`, …); the main page without one
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,

    /// Write every page (`cargo-ship.1`, `cargo-ship-check.1`, …) into this directory
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub out: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    /// The shell to print a completion script for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// The command line that was run, as `cargo ship …` with `--yes` and without `--dry-run`: what
/// to run to finish an interrupted operation. A `--token` is left out: it must not be printed.
pub fn rerun_with_yes() -> String {
    rerun_of(std::env::args().skip(1).collect(), true)
}

/// The command line that was run, as `cargo ship …`, its token left out: how another run
/// names this one.
pub fn this_command() -> String {
    rerun_of(std::env::args().skip(1).collect(), false)
}

/// This command line with its level or version replaced by `level`, and `--yes`: the command
/// that finishes an unfinished release.
pub fn rerun_as(level: &str) -> String {
    const LEVELS: &[&str] = &[
        "major", "minor", "patch", "release", "rc", "beta", "alpha", "auto",
    ];
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let word = args
        .iter_mut()
        .find(|a| LEVELS.contains(&a.as_str()) || semver::Version::parse(a).is_ok());
    if let Some(word) = word {
        *word = level.to_string();
    }
    rerun_of(args, true)
}

fn rerun_of(mut args: Vec<String>, finish: bool) -> String {
    if args.first().is_some_and(|a| a == "ship") {
        args.remove(0);
    }
    let mut kept = Vec::with_capacity(args.len());
    let mut skip_value = false;
    for arg in args {
        if std::mem::take(&mut skip_value) {
            continue;
        }
        if arg == "--token" {
            skip_value = true;
            continue;
        }
        if arg.starts_with("--token=") || finish && (arg == "--dry-run" || arg == "-n") {
            continue;
        }
        kept.push(arg);
    }
    let mut args = kept;
    if finish && !args.iter().any(|a| a == "--yes" || a == "-y") {
        args.push("--yes".into());
    }
    let quoted: Vec<String> = args.iter().map(|a| shell_quote(a)).collect();
    format!("cargo ship {}", quoted.join(" "))
}

fn shell_quote(arg: &str) -> String {
    if arg
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_.=/:@+,".contains(c))
    {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn cargo_dispatch_and_direct_invocation_parse_alike() {
        let direct = Cli::parse_args(["cargo-ship", "check", "--strict"].map(OsString::from));
        let dispatched =
            Cli::parse_args(["cargo-ship", "ship", "check", "--strict"].map(OsString::from));
        for cli in [direct, dispatched] {
            match cli.map(|cli| cli.command) {
                Ok(Command::Check(args)) => assert!(args.strict),
                other => panic!("unexpected parse: {other:?}"),
            }
        }
    }

    #[test]
    fn the_rerun_command_adds_yes_and_drops_dry_run_and_tokens() {
        let args = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            rerun_of(
                args(&[
                    "ship",
                    "patch",
                    "--dry-run",
                    "--token",
                    "s3cret",
                    "-p",
                    "a b"
                ]),
                true
            ),
            "cargo ship patch -p 'a b' --yes"
        );
        assert_eq!(
            rerun_of(args(&["publish", "--token=s3cret", "-y"]), true),
            "cargo ship publish -y"
        );
        // How another run names this one: as typed, the token left out.
        assert_eq!(
            rerun_of(
                args(&["ship", "patch", "--token", "s3cret", "--dry-run"]),
                false
            ),
            "cargo ship patch --dry-run"
        );
    }

    #[test]
    fn a_token_never_shows_in_debug_output() {
        let cli =
            Cli::parse_args(["cargo-ship", "check", "--token", "s3cr3t-value"].map(OsString::from))
                .expect("parses");
        assert!(!format!("{cli:?}").contains("s3cr3t-value"));
    }
}
