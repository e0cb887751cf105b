//! `cargo ship <level>`: plan, preflight, show, ask, then execute the same plan.

pub mod execute;
pub mod plan;
pub mod preflight;
pub mod repo;
pub mod resume;
pub mod show;

use anyhow::{Context, Result};

use crate::cli::{Format, GlobalArgs, ReleaseArgs};
use crate::error::{Exit, refused};
use crate::registry::config::Config;
use crate::settings::Settings;
use crate::tree::Tree;
use crate::ui::Ui;
use crate::version::Level;
use crate::workspace::Workspace;

use execute::{Executor, Status};
use plan::{Inputs, Request};

pub fn run(level: Level, args: &ReleaseArgs, global: &GlobalArgs, ui: &Ui) -> Result<Exit> {
    let cwd = std::env::current_dir().context("could not read the current directory")?;
    let tree = Tree::Disk;
    let ws = Workspace::load(&tree, &cwd, args.select.manifest_path.as_deref())?;
    let selected = ws.select(&args.select, false)?;
    let config = Config::load(&cwd, &global.config)?;
    let settings = Settings::for_workspace(&ws)?;
    let repo = repo::RepoState::read(&ws.root_dir)?;
    let inputs = Inputs {
        ws: &ws,
        tree: &tree,
        selected,
        repo: repo.as_ref(),
        settings: &settings,
        registry: None,
        today: today(),
    };
    let request = Request {
        level,
        pre: args.pre.map(|p| match p {
            crate::cli::PreKind::Alpha => crate::version::PreKind::Alpha,
            crate::cli::PreKind::Beta => crate::version::PreKind::Beta,
            crate::cli::PreKind::Rc => crate::version::PreKind::Rc,
        }),
        no_commit: args.no_commit,
        no_tag: args.no_tag,
        no_push: args.no_push,
        no_publish: args.no_publish,
    };

    let plan = match resume::detect(&inputs, &request, None)? {
        Some(plan) => plan,
        None => plan::build(&inputs, &request)?,
    };

    let judge_against = config.choose_for_check(args.registry.registry.as_deref(), None);
    let findings = preflight::local(&inputs, &plan, &request, &judge_against, args.allow_dirty)?;
    for diagnostic in &findings.diagnostics {
        anstream::eprintln!("{}\n", diagnostic.render(&ws, &cwd));
    }
    if preflight::has_errors(&findings) {
        return Err(refused(
            "the release was refused before any change: fix the errors above (the rules are \
             judged against the planned versions)",
        ));
    }

    let json = args.output.format == Format::Json;
    if args.dry_run {
        if json {
            let records = show::planned(&plan, &cwd, args.verify);
            println!(
                "{}",
                serde_json::to_string_pretty(&show::json(&plan, &records))?
            );
        } else {
            anstream::print!("{}", show::human(&plan, &cwd, true));
            ui.status(
                "Dry run",
                "nothing was changed; a real run first checks the registry and runs cargo package + verify",
            );
        }
        return Ok(Exit::Done);
    }

    if !json || ui.is_interactive() {
        anstream::eprint!("{}", show::human(&plan, &cwd, false));
    }
    if !ui.consent(args.yes, "Release?")? {
        ui.status("Cancelled", "nothing was changed");
        return Ok(Exit::Done);
    }
    let resume_command = resume_command();
    let mut executor = Executor::new(&plan, repo.as_ref(), ui, &cwd, None, resume_command);
    let result = executor.run();
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&show::json(&plan, &executor.records))?
        );
    }
    result?;
    let released: Vec<String> = plan
        .released
        .iter()
        .map(|r| format!("{} v{}", r.name, r.new))
        .collect();
    let failed = executor.records.iter().any(|r| r.status == Status::Failed);
    if !failed {
        ui.status("Released", released.join(", "));
    }
    Ok(Exit::Done)
}

/// The command line that finishes an interrupted release: this one, with `--yes`, without
/// `--dry-run`.
fn resume_command() -> String {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "ship") {
        args.remove(0);
    }
    args.retain(|a| a != "--dry-run" && a != "-n");
    if !args.iter().any(|a| a == "--yes" || a == "-y") {
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

/// Today's date (UTC) as YYYY-MM-DD, or `SOURCE_DATE_EPOCH`'s for reproducible output.
pub fn today() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    format!("{year:04}-{month:02}-{day:02}")
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_418), (2025, 11, 26));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }
}
