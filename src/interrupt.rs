//! Ctrl-C during a release: the terminal sends SIGINT to cargo ship and to the git or cargo it
//! runs. Dying at once would leave the user without the one thing they need then — what was
//! done and how to finish — so while a release carries out its steps, SIGINT only marks the run
//! as interrupted: the running child dies of it, its step fails, and the release stops at that
//! step boundary with the usual report and resume command.

use std::sync::atomic::{AtomicBool, Ordering};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Whether SIGINT (or SIGTERM) arrived since [`catch`].
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// From now on, SIGINT and SIGTERM mark the run as interrupted instead of ending it.
#[cfg(unix)]
pub fn catch() {
    extern "C" fn mark(_signal: libc::c_int) {
        // Only an atomic store: nothing else is safe in a signal handler.
        INTERRUPTED.store(true, Ordering::SeqCst);
    }
    let handler = mark as extern "C" fn(libc::c_int);
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe {
        libc::signal(libc::SIGINT, handler as libc::sighandler_t);
        libc::signal(libc::SIGTERM, handler as libc::sighandler_t);
    }
}

#[cfg(not(unix))]
pub fn catch() {}

/// A test's stand-in for `kill -9` at a known point: when `CARGO_SHIP_CRASH_AT` names `point`
/// (`edit:2` after the second file, `commit`, `tag`, `publish`, `push` before those steps),
/// the process aborts on the spot — no destructor runs, no lock is released, as after SIGKILL.
pub fn crash_point(point: &str) {
    if std::env::var_os("CARGO_SHIP_CRASH_AT").is_some_and(|at| at == point) {
        std::process::abort();
    }
}
