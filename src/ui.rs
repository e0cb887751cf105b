//! Talking to the person at the terminal: status lines, warnings, questions, progress.
//!
//! Status and progress go to stderr like cargo's, so stdout carries only a command's product
//! (a report, JSON). Colors follow `--color`, `CLICOLOR`/`NO_COLOR` and whether the stream is a
//! terminal (anstream decides). Questions are asked only when both stdin and stderr are
//! terminals; otherwise a mutating command needs `--yes`.

use std::fmt::Display;
use std::io::IsTerminal;
use std::time::Duration;

use anstyle::{AnsiColor, Style};
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{ColorWhen, GlobalArgs};
use crate::error::refused;

pub const GREEN: Style = AnsiColor::Green.on_default().bold();
pub const CYAN: Style = AnsiColor::Cyan.on_default().bold();
pub const YELLOW: Style = AnsiColor::Yellow.on_default().bold();
pub const RED: Style = AnsiColor::Red.on_default().bold();
pub const BOLD: Style = Style::new().bold();

#[derive(Debug, Clone)]
pub struct Ui {
    pub quiet: bool,
    pub verbose: u8,
    interactive: bool,
    progress: bool,
}

impl Ui {
    pub fn new(global: &GlobalArgs) -> Self {
        let choice = match global.color {
            ColorWhen::Auto => anstream::ColorChoice::Auto,
            ColorWhen::Always => anstream::ColorChoice::Always,
            ColorWhen::Never => anstream::ColorChoice::Never,
        };
        choice.write_global();
        let stderr_tty = std::io::stderr().is_terminal();
        Ui {
            quiet: global.quiet,
            verbose: global.verbose,
            interactive: stderr_tty && std::io::stdin().is_terminal(),
            progress: stderr_tty && !global.quiet,
        }
    }

    /// Whether questions can be asked.
    pub fn is_interactive(&self) -> bool {
        self.interactive
    }

    /// A cargo-style status line: a right-aligned green verb, then the message.
    pub fn status(&self, verb: &str, message: impl Display) {
        if !self.quiet {
            anstream::eprintln!("{GREEN}{verb:>12}{GREEN:#} {message}");
        }
    }

    /// The HTTP client's report of what it is doing, shown as status lines.
    pub fn http_events(&self) -> crate::registry::http::Report {
        let ui = self.clone();
        Box::new(move |event| match event {
            crate::registry::http::Event::Waiting {
                seconds,
                url,
                status,
                retry,
                of,
            } => ui.status(
                "Waiting",
                format!("{seconds}s: {url} answered HTTP {status} (retry {retry} of {of})"),
            ),
        })
    }

    /// Like [`Ui::status`], for lines that only matter with `-v`.
    pub fn verbose(&self, verb: &str, message: impl Display) {
        if self.verbose > 0 {
            self.status(verb, message);
        }
    }

    pub fn warn(&self, message: impl Display) {
        if !self.quiet {
            anstream::eprintln!("{YELLOW}warning{YELLOW:#}: {message}");
        }
    }

    pub fn note(&self, message: impl Display) {
        if !self.quiet {
            anstream::eprintln!("{CYAN}note{CYAN:#}: {message}");
        }
    }

    /// Prints a fatal error as one paragraph: the message and its causes joined by `: `.
    pub fn error(&self, err: &anyhow::Error) {
        anstream::eprintln!("{RED}error{RED:#}: {err:#}");
    }

    /// Asks before an irreversible step. With `yes`, proceeds; on a terminal, asks (default no);
    /// otherwise refuses with exit 1, since nothing irreversible runs unseen.
    pub fn consent(&self, yes: bool, question: &str) -> anyhow::Result<bool> {
        if yes {
            return Ok(true);
        }
        if !self.interactive {
            return Err(refused(
                "no terminal to ask for confirmation: re-run with --yes to proceed \
                 non-interactively",
            ));
        }
        let answer = dialoguer::Confirm::new()
            .with_prompt(question)
            .default(false)
            .interact_opt()?;
        Ok(answer == Some(true))
    }

    /// A step that takes a while: a spinner on a terminal, one plain line otherwise.
    pub fn spinner(&self, verb: &str, message: impl Display) -> Progress {
        if self.progress {
            let bar = ProgressBar::new_spinner();
            let style = ProgressStyle::with_template(
                "{spinner:.green} {prefix:>12.green.bold} {msg} {elapsed:.dim}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
            bar.set_style(style);
            bar.set_prefix(verb.to_string());
            bar.set_message(message.to_string());
            bar.enable_steady_tick(Duration::from_millis(100));
            Progress { bar: Some(bar) }
        } else {
            self.status(verb, message);
            Progress { bar: None }
        }
    }
}

impl Ui {
    /// Relays one line of a cargo subprocess: on a terminal it becomes the spinner's message;
    /// otherwise, plain lines for what matters (uploads, warnings), everything with `-v`.
    pub fn relay_cargo(&self, progress: &Progress, line: &str) {
        let trimmed = line.trim();
        if self.interactive {
            progress.set_message(trimmed);
        } else if self.verbose > 0
            || !self.quiet
                && ["Uploaded ", "Published ", "warning:"]
                    .iter()
                    .any(|m| trimmed.starts_with(m))
        {
            anstream::eprintln!("{line}");
        }
    }
}

/// A running spinner; finishing it clears the line so the final status line stands alone.
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    pub fn set_message(&self, message: impl Display) {
        if let Some(bar) = &self.bar {
            bar.set_message(message.to_string());
        }
    }

    pub fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}
