//! Exit codes and the errors that carry them.
//!
//! Every command ends in one of four codes (DESIGN.md): the code tells a script whether anything
//! changed. Errors are `anyhow` chains; a [`Failure`] somewhere in the chain sets the code, and
//! anything else (an I/O error before any change, say) means "could not run".

use std::fmt;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

/// What the process reports to its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Done, including "nothing to do".
    Done,
    /// Refused or checks failed, before any change.
    Refused,
    /// Could not run, before any change.
    CannotRun,
    /// Failed after some changes were made.
    AfterChanges,
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Done => 0,
            Exit::Refused => 1,
            Exit::CannotRun => 2,
            Exit::AfterChanges => 3,
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit.code())
    }
}

/// An error whose exit code is known. Its message is the whole paragraph the user reads.
#[derive(Debug)]
pub struct Failure {
    pub exit: Exit,
    pub message: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// Whether this run has written its JSON document to stdout.
static JSON_WRITTEN: AtomicBool = AtomicBool::new(false);

/// Prints the command's JSON document on stdout (once per run: an error after it is said on
/// stderr only).
pub fn print_json(value: &impl serde::Serialize) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    JSON_WRITTEN.store(true, Ordering::SeqCst);
    Ok(())
}

/// With `--format json`, an error that ended the run before its document was written becomes
/// the document: `{"error": {"message", "exit"}}`, so a script always reads JSON.
pub fn print_error_json(err: &anyhow::Error, exit: Exit) {
    if JSON_WRITTEN.load(Ordering::SeqCst) {
        return;
    }
    let document = serde_json::json!({
        "error": { "message": format!("{err:#}"), "exit": exit.code() }
    });
    if let Ok(text) = serde_json::to_string_pretty(&document) {
        println!("{text}");
    }
}

/// Refused before any change (exit 1).
pub fn refused(message: impl Into<String>) -> anyhow::Error {
    Failure {
        exit: Exit::Refused,
        message: message.into(),
    }
    .into()
}

/// Could not run, before any change (exit 2).
pub fn cannot_run(message: impl Into<String>) -> anyhow::Error {
    Failure {
        exit: Exit::CannotRun,
        message: message.into(),
    }
    .into()
}

/// Failed after some changes were made (exit 3); `message` says what was done and how to resume.
pub fn after_changes(message: impl Into<String>) -> Failure {
    Failure {
        exit: Exit::AfterChanges,
        message: message.into(),
    }
}

/// The exit code an error maps to: the outermost [`Failure`] in its chain decides.
pub fn exit_of(err: &anyhow::Error) -> Exit {
    // `downcast_ref` on the error itself also sees a `Failure` attached with `.context(…)`,
    // which walking the chain of `dyn Error`s would not.
    err.downcast_ref::<Failure>()
        .or_else(|| {
            err.chain()
                .find_map(|cause| cause.downcast_ref::<Failure>())
        })
        .map_or(Exit::CannotRun, |failure| failure.exit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn the_outermost_failure_decides_the_exit_code() {
        let inner: anyhow::Result<()> = Err(refused("checks failed"));
        let err = inner
            .context(after_changes("the commit was made"))
            .unwrap_err();
        assert_eq!(exit_of(&err), Exit::AfterChanges);
    }

    #[test]
    fn plain_errors_mean_could_not_run() {
        let err = anyhow::anyhow!("disk on fire");
        assert_eq!(exit_of(&err), Exit::CannotRun);
        assert_eq!(exit_of(&refused("no")), Exit::Refused);
    }
}
