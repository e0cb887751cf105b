use std::process::ExitCode;

use cargo_ship::cli::Cli;
use cargo_ship::error::exit_of;
use cargo_ship::ui::Ui;

fn main() -> ExitCode {
    restore_sigpipe();
    let cli = match Cli::parse_args(std::env::args_os()) {
        Ok(cli) => cli,
        Err(err) => {
            // clap prints usage errors to stderr (exit 2) and help/version to stdout (exit 0).
            let _ = err.print();
            return ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2));
        }
    };
    let ui = Ui::new(&cli.global);
    let json = cli.wants_json();
    match cargo_ship::commands::run(cli, &ui) {
        Ok(exit) => exit.into(),
        Err(err) => {
            ui.error(&err);
            let exit = exit_of(&err);
            if json {
                cargo_ship::error::print_error_json(&err, exit);
            }
            exit.into()
        }
    }
}

/// `cargo ship suggest | head` must end quietly like any Unix tool when the reader goes away,
/// not panic on a write to a closed pipe (Rust ignores SIGPIPE by default).
#[cfg(unix)]
fn restore_sigpipe() {
    // SAFETY: called first thing in `main`, before any thread exists; it only restores the
    // default disposition of one signal.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn restore_sigpipe() {}
