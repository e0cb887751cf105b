//! `cargo ship completions <shell>` and `cargo ship man`: generated from the same clap
//! definition as `--help`, so they cannot drift from it.

use anyhow::{Context, Result};
use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::{Cli, CompletionsArgs, ManArgs};
use crate::error::{Exit, cannot_run};

pub fn run(args: &CompletionsArgs) -> Result<Exit> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "cargo-ship", &mut script);
    let mut script = String::from_utf8_lossy(&script).into_owned();
    if args.shell == Shell::Bash {
        // clap_complete spells a hyphenated program's subcommand states two ways, so options
        // after a subcommand never complete (clap-rs/clap#6421): use the loop's spelling.
        script = script.replace("cargo__subcmd__ship__subcmd__", "cargo__ship__subcmd__");
        // `cargo ship <TAB>` is completed by cargo's own script, which knows nothing of us.
        script.push_str(BASH_CARGO_SHIP);
    }
    if args.shell == Shell::Fish {
        script = fish_for_cargo_ship(&script);
    }
    std::io::Write::write_all(&mut std::io::stdout(), script.as_bytes())?;
    Ok(Exit::Done)
}

/// fish: every `complete -c cargo-ship …` also as `complete -c cargo …` for `cargo ship …`,
/// and the generated helpers skip the `ship` word (which cargo passes to `cargo-ship` too).
fn fish_for_cargo_ship(script: &str) -> String {
    let script = script.replace(
        "    set -l cmd (commandline -opc)\n    set -e cmd[1]\n",
        "    set -l cmd (commandline -opc)\n    set -e cmd[1]\n    if test \"$cmd[1]\" = ship\n        set -e cmd[1]\n    end\n",
    );
    let mut out = String::new();
    let mut for_cargo = String::from(FISH_IN_CARGO);
    // A statement may span lines (a quoted list of values); it ends where the next begins.
    let mut statement: Option<String> = None;
    let flush = |statement: &mut Option<String>, for_cargo: &mut String| {
        if let Some(text) = statement.take()
            && let Some(rest) = text.strip_prefix("complete -c cargo-ship -n \"")
        {
            for_cargo.push_str("complete -c cargo -n \"__fish_cargo_ship_in_cargo; and ");
            for_cargo.push_str(rest);
        }
    };
    for line in script.split_inclusive('\n') {
        out.push_str(line);
        if line.starts_with("complete ") || line.starts_with("function ") || line.trim().is_empty()
        {
            flush(&mut statement, &mut for_cargo);
        }
        if line.starts_with("complete -c cargo-ship -n \"") {
            statement = Some(line.to_string());
        } else if let Some(text) = statement.as_mut()
            && !line.starts_with("complete ")
        {
            text.push_str(line);
        }
    }
    flush(&mut statement, &mut for_cargo);
    out.push_str(&for_cargo);
    out
}

/// Whether fish is completing `cargo ship …`.
const FISH_IN_CARGO: &str = "
# `cargo ship …`: the same completions, for cargo's own command line.
function __fish_cargo_ship_in_cargo
    set -l cmd (commandline -opc)
    test (count $cmd) -ge 2; and test \"$cmd[2]\" = ship
end
";

/// Hands `cargo ship …` to the `_cargo__ship` function clap generated (as if `cargo-ship …` had
/// been typed) and every other `cargo …` line to cargo's own completion, loaded first when
/// bash-completion loads it lazily. (zsh needs nothing: cargo's `_cargo` calls `_cargo-ship`
/// for `cargo ship`.)
const BASH_CARGO_SHIP: &str = r#"
if ! complete -p cargo &>/dev/null; then
    __load_completion cargo &>/dev/null || _completion_loader cargo &>/dev/null
fi
__cargo_ship_cargo_completion=$(complete -p cargo 2>/dev/null | sed -n 's/.*-F \([^ ]*\).*/\1/p')
_cargo_ship_cargo() {
    if [[ ${COMP_CWORD} -ge 2 && ${COMP_WORDS[1]} == ship ]]; then
        COMP_WORDS=(cargo-ship "${COMP_WORDS[@]:2}")
        COMP_CWORD=$((COMP_CWORD - 1))
        _cargo__ship cargo-ship "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    elif [[ -n ${__cargo_ship_cargo_completion} && ${__cargo_ship_cargo_completion} != _cargo_ship_cargo ]]; then
        "${__cargo_ship_cargo_completion}" "$@"
    fi
}
complete -F _cargo_ship_cargo -o bashdefault -o default cargo
"#;

/// Man pages: the main one (which lists `cargo-ship-check(1)` and the others), one
/// subcommand's, or all of them written to a directory so every page the main one names exists.
pub fn man(args: &ManArgs) -> Result<Exit> {
    // `cargo ship help X` is `--help` again: a page per command is enough.
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("could not create `{}`", dir.display()))?;
        write_pages(&command, dir)
            .with_context(|| format!("could not write the man pages to `{}`", dir.display()))?;
        return Ok(Exit::Done);
    }
    let page = match &args.command {
        None => command,
        Some(name) => command.find_subcommand(name).cloned().ok_or_else(|| {
            let names: Vec<String> = Cli::command()
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .collect();
            cannot_run(format!(
                "`{name}` is not a cargo ship command; man pages exist for: {}",
                names.join(", ")
            ))
        })?,
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page).render(&mut out)?;
    std::io::Write::write_all(&mut std::io::stdout(), &out)?;
    Ok(Exit::Done)
}

/// `cargo-ship.1`, `cargo-ship-check.1`, …, `cargo-ship-hook-install.1`: a page for each
/// command a page names.
fn write_pages(command: &clap::Command, dir: &std::path::Path) -> Result<()> {
    let name = command
        .get_display_name()
        .unwrap_or_else(|| command.get_name())
        .to_string();
    let mut out = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut out)?;
    crate::edit::write_atomic(&dir.join(format!("{name}.1")), &out)?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(sub, dir)?;
    }
    Ok(())
}
