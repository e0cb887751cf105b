//! Carrying out a plan step by step: write the files, commit, tag, publish, push. Until the
//! commit nothing is lost on failure (the files are put back); after it, the error says what
//! was done, what was not, and the command that finishes the release.

use std::path::Path;

use anyhow::Result;

use crate::diagnostic::display_path;
use crate::edit::write_atomic;
use crate::error::{Failure, after_changes, cannot_run, refused};
use crate::git::short;
use crate::release::plan::{NOTHING_TO_COMMIT, Plan, Publish};
use crate::release::repo::RepoState;
use crate::report::{Status, Step};
use crate::ui::Ui;

/// One step's outcome; `crates` limits it to some released crates (a tag, a publish), `None`
/// means it concerns all of them (the commit, the push).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepRecord {
    pub step: Step,
    pub status: Status,
    pub detail: String,
    pub crates: Option<Vec<String>>,
}

impl StepRecord {
    pub fn new(step: Step, status: Status, detail: impl Into<String>) -> Self {
        StepRecord {
            step,
            status,
            detail: detail.into(),
            crates: None,
        }
    }

    pub fn for_crates(mut self, crates: Vec<String>) -> Self {
        self.crates = Some(crates);
        self
    }
}

/// How the rest of a release is published; the registry module provides it.
pub trait Publisher {
    /// Publishes the crates not yet in the registry; returns one line per crate for the report.
    fn publish(&self, names: &[String], ui: &Ui) -> Result<Vec<String>>;
}

pub struct Executor<'a> {
    pub plan: &'a Plan,
    pub repo: Option<&'a RepoState>,
    pub ui: &'a Ui,
    pub cwd: &'a Path,
    pub publisher: Option<&'a dyn Publisher>,
    /// The command that finishes an interrupted release.
    pub resume_command: String,
    pub records: Vec<StepRecord>,
    done: Vec<String>,
}

impl<'a> Executor<'a> {
    pub fn new(
        plan: &'a Plan,
        repo: Option<&'a RepoState>,
        ui: &'a Ui,
        cwd: &'a Path,
        publisher: Option<&'a dyn Publisher>,
        resume_command: String,
    ) -> Self {
        Executor {
            plan,
            repo,
            ui,
            cwd,
            publisher,
            resume_command,
            records: Vec::new(),
            done: Vec::new(),
        }
    }

    pub fn run(&mut self) -> Result<()> {
        crate::interrupt::catch();
        use crate::interrupt::crash_point;
        self.write_files()?;
        let hook_files = self.run_hooks()?;
        crash_point(Step::Commit.as_str());
        self.commit(&hook_files)?;
        self.check_interrupt(Step::Tag)?;
        crash_point(Step::Tag.as_str());
        self.move_tags()?;
        self.tag()?;
        self.check_interrupt(Step::Publish)?;
        crash_point(Step::Publish.as_str());
        self.publish()?;
        self.check_interrupt(Step::Push)?;
        crash_point(Step::Push.as_str());
        self.push()?;
        for (step, why) in &self.plan.skipped {
            self.records
                .push(StepRecord::new(*step, Status::Skipped, why.clone()));
        }
        Ok(())
    }

    fn write_files(&mut self) -> Result<()> {
        if self.plan.edits.is_empty() {
            return Ok(());
        }
        if let Some(repo) = self.repo {
            super::journal::begin(&repo.git, &self.plan.edits)?;
        }
        let mut written = Vec::new();
        for edit in &self.plan.edits {
            if let Err(err) = write_atomic(&edit.path, edit.new.as_bytes()) {
                let restored = self.restore(&written);
                self.end_journal();
                self.records.push(StepRecord::new(
                    Step::Edit,
                    Status::Failed,
                    format!("{err:#}"),
                ));
                return Err(cannot_run(format!("{err:#}; {restored}")));
            }
            written.push(edit);
            crate::interrupt::crash_point(&format!("edit:{}", written.len()));
        }
        if self.plan.commit.is_none() {
            // Edits without a commit are the result asked for.
            self.end_journal();
        }
        let names = self.edited_names();
        self.ui.status("Edited", &names);
        self.records
            .push(StepRecord::new(Step::Edit, Status::Done, names.clone()));
        self.done.push(format!("edited {names}"));
        Ok(())
    }

    fn end_journal(&self) {
        if let Some(repo) = self.repo {
            super::journal::end(&repo.git);
        }
    }

    fn edited_names(&self) -> String {
        self.plan
            .edits
            .iter()
            .map(|e| display_path(&e.path, self.cwd))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Puts back files written so far; says whether that worked.
    fn restore(&self, written: &[&crate::edit::FileEdit]) -> String {
        let failed: Vec<String> = written
            .iter()
            .filter(|edit| write_atomic(&edit.path, edit.old.as_bytes()).is_err())
            .map(|edit| edit.path.display().to_string())
            .collect();
        if failed.is_empty() {
            "the files were restored: nothing changed".into()
        } else {
            format!(
                "could not restore {}: check them with `git diff`",
                failed.join(", ")
            )
        }
    }

    /// Runs the `pre-release-hook`s; returns the files they changed (relative to the top),
    /// which go into the release commit. A failing hook stops the release with the files put
    /// back (what the hook itself changed is left for the user to see).
    fn run_hooks(&mut self) -> Result<Vec<String>> {
        if self.plan.hooks.is_empty() {
            return Ok(Vec::new());
        }
        let before = match self.repo {
            Some(repo) => repo.git.uncommitted_files()?,
            None => Vec::new(),
        };
        for hook in &self.plan.hooks {
            self.ui.status(
                "Running",
                format!(
                    "{} (pre-release-hook of {})",
                    hook.args.join(" "),
                    hook.crate_name
                ),
            );
            // What the hook prints goes to stderr: stdout is the report (`--format json`).
            let status = std::process::Command::new(&hook.args[0])
                .args(&hook.args[1..])
                .stdout(std::io::stderr())
                .current_dir(&hook.dir)
                .envs(hook.env.iter().map(|(k, v)| (*k, v.as_str())))
                .status();
            let failed = match status {
                Ok(status) if status.success() => None,
                Ok(status) => Some(format!("exited with {status}")),
                Err(err) => Some(format!("could not be started: {err}")),
            };
            if let Some(why) = failed {
                let written: Vec<&crate::edit::FileEdit> = self.plan.edits.iter().collect();
                let restored = self.restore(&written);
                self.end_journal();
                let detail = format!("`{}` {why}", hook.args.join(" "));
                self.records
                    .push(StepRecord::new(Step::Hook, Status::Failed, detail.clone()));
                // The project's own check saying no, before anything was committed.
                return Err(refused(format!(
                    "the pre-release-hook of {} (set at {}) {detail}; {restored}, apart from \
                     anything the hook itself changed (`git status` shows it)",
                    hook.crate_name, hook.origin
                )));
            }
            self.records.push(
                StepRecord::new(Step::Hook, Status::Done, hook.args.join(" "))
                    .for_crates(vec![hook.crate_name.clone()]),
            );
        }
        let Some(repo) = self.repo else {
            return Ok(Vec::new());
        };
        let changed: Vec<String> = repo
            .git
            .uncommitted_files()?
            .into_iter()
            .filter(|path| !before.contains(path))
            .collect();
        if !changed.is_empty() {
            let paths: Vec<String> = changed
                .iter()
                .map(|path| repo.top.join(path).display().to_string())
                .collect();
            let mut args = vec!["add", "--"];
            args.extend(paths.iter().map(String::as_str));
            repo.git.run(&args)?;
        }
        Ok(changed)
    }

    fn commit(&mut self, hook_files: &[String]) -> Result<()> {
        let (Some(message), Some(repo)) = (&self.plan.commit, self.repo) else {
            return Ok(());
        };
        if !self.plan.commits_anything() {
            self.records.push(StepRecord::new(
                Step::Commit,
                Status::Skipped,
                NOTHING_TO_COMMIT.to_string(),
            ));
            return Ok(());
        }
        let mut files: Vec<String> = self
            .plan
            .edits
            .iter()
            .filter(|e| !self.plan.untracked.contains(&e.path))
            .map(|e| e.path.display().to_string())
            .collect();
        files.extend(
            hook_files
                .iter()
                .map(|path| repo.top.join(path).display().to_string()),
        );
        let mut args = vec!["commit", "--quiet", "-m", message.as_str()];
        if self.plan.sign_commit {
            args.push("-S");
        }
        args.push("--");
        args.extend(files.iter().map(String::as_str));
        if let Err(err) = repo.git.run(&args) {
            let written: Vec<&crate::edit::FileEdit> = self.plan.edits.iter().collect();
            let restored = self.restore(&written);
            self.end_journal();
            self.records.push(StepRecord::new(
                Step::Commit,
                Status::Failed,
                format!("{err:#}"),
            ));
            let why = if crate::interrupt::interrupted() {
                "interrupted (Ctrl-C) during the commit".to_string()
            } else {
                format!("{err:#}")
            };
            return Err(cannot_run(format!("{why}; {restored}")));
        }
        super::journal::end(&repo.git);
        let id = repo
            .git
            .run(&["rev-parse", "--short", "HEAD"])?
            .trim()
            .to_string();
        self.ui.status("Committed", format!("{id} {message}"));
        self.records.push(StepRecord::new(
            Step::Commit,
            Status::Done,
            format!("{id} {message}"),
        ));
        self.done.push(format!("committed {id} \"{message}\""));
        Ok(())
    }

    fn tag(&mut self) -> Result<()> {
        let Some(repo) = self.repo else {
            return Ok(());
        };
        for tag in &self.plan.tags {
            let crates = self.crates_of_tag(&tag.name);
            let args: Vec<&str> = match (tag.message.is_empty(), tag.sign) {
                (true, false) => vec!["tag", &tag.name],
                (true, true) => vec!["tag", "-s", &tag.name, "-m", &tag.name],
                (false, sign) => vec![
                    "tag",
                    if sign { "-s" } else { "-a" },
                    &tag.name,
                    "-m",
                    &tag.message,
                ],
            };
            if let Err(err) = repo.git.run(&args) {
                self.records.push(
                    StepRecord::new(Step::Tag, Status::Failed, format!("{err:#}"))
                        .for_crates(crates),
                );
                return Err(self.stopped(Step::Tag, &format!("tag {}", tag.name), err));
            }
            self.ui.status("Tagged", &tag.name);
            self.records.push(
                StepRecord::new(Step::Tag, Status::Done, tag.name.clone()).for_crates(crates),
            );
            self.done.push(format!("tagged {}", tag.name));
        }
        Ok(())
    }

    /// Moves local-only tags onto the rebased release commits (shown in the plan first).
    fn move_tags(&mut self) -> Result<()> {
        let Some(repo) = self.repo else {
            return Ok(());
        };
        for tag in &self.plan.tag_moves {
            let crates = self.crates_of_tag(&tag.name);
            let args = ["tag", "-f", "-a", &tag.name, "-m", &tag.message, &tag.to];
            if let Err(err) = repo.git.run(&args) {
                self.records.push(
                    StepRecord::new(Step::Tag, Status::Failed, format!("{err:#}"))
                        .for_crates(crates),
                );
                return Err(self.stopped(Step::Tag, &format!("move of tag {}", tag.name), err));
            }
            let what = format!("{} to {}", tag.name, short(&tag.to));
            self.ui.status("Moved", format!("tag {what}"));
            self.records.push(
                StepRecord::new(Step::Tag, Status::Done, format!("moved {what}"))
                    .for_crates(crates),
            );
            self.done.push(format!("moved tag {what}"));
        }
        Ok(())
    }

    fn crates_of_tag(&self, tag: &str) -> Vec<String> {
        self.plan
            .released
            .iter()
            .filter(|r| r.tag.as_deref() == Some(tag))
            .map(|r| r.name.clone())
            .collect()
    }

    fn publish(&mut self) -> Result<()> {
        let Publish::Crates { names, registry } = &self.plan.publish else {
            if let Publish::Skipped(why) = &self.plan.publish {
                self.records.push(StepRecord::new(
                    Step::Publish,
                    Status::Skipped,
                    why.to_string(),
                ));
            }
            return Ok(());
        };
        let Some(publisher) = self.publisher else {
            return Ok(());
        };
        match publisher.publish(names, self.ui) {
            Ok(lines) => {
                for (name, line) in names.iter().zip(lines) {
                    self.records.push(
                        StepRecord::new(Step::Publish, Status::Done, line)
                            .for_crates(vec![name.clone()]),
                    );
                }
                self.done
                    .push(format!("published to {}", registry.display_name()));
                Ok(())
            }
            Err(err) => {
                self.records.push(
                    StepRecord::new(Step::Publish, Status::Failed, format!("{err:#}"))
                        .for_crates(names.clone()),
                );
                Err(self.stopped(
                    Step::Publish,
                    &format!("publish to {}", registry.display_name()),
                    err,
                ))
            }
        }
    }

    fn push(&mut self) -> Result<()> {
        let (Some(push), Some(repo)) = (&self.plan.push, self.repo) else {
            return Ok(());
        };
        let branch_ref = format!("HEAD:refs/heads/{}", push.branch);
        let tag_refs: Vec<String> = push.tags.iter().map(|t| format!("refs/tags/{t}")).collect();
        let mut args = vec![
            "push",
            "--atomic",
            "--quiet",
            push.remote.as_str(),
            branch_ref.as_str(),
        ];
        args.extend(tag_refs.iter().map(String::as_str));
        let options: Vec<String> = push
            .options
            .iter()
            .map(|option| format!("--push-option={option}"))
            .collect();
        args.splice(1..1, options.iter().map(String::as_str));
        let what = crate::words::summary(
            &std::iter::once(push.branch.clone())
                .chain(push.tags.iter().cloned())
                .collect::<Vec<_>>(),
        );
        let progress = self
            .ui
            .spinner("Pushing", format!("{what} to {}", push.remote));
        let output = repo.git.output(&args);
        progress.finish();
        let output = output?;
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let rejected = ["non-fast-forward", "fetch first", "[rejected]"]
                .iter()
                .any(|sign| stderr.contains(sign));
            let lines: Vec<String> = stderr
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| format!("    {}", l.trim_end()))
                .collect();
            // Git's own lines, indented, above the one-paragraph error.
            anstream::eprintln!("{}", lines.join("\n"));
            let err = anyhow::anyhow!("`git push` failed (its lines are above)");
            self.records.push(StepRecord::new(
                Step::Push,
                Status::Failed,
                format!("{err:#}"),
            ));
            let advice = rejected.then_some(
                "the remote has commits this branch lacks: pull first (`git pull --rebase` or \
                 `git pull`), then run the same command again",
            );
            return Err(self.stopped_with(
                Step::Push,
                &format!("push of {what} to {}", push.remote),
                err,
                advice,
            ));
        }
        self.ui
            .status("Pushed", format!("{what} to {}", push.remote));
        self.records.push(StepRecord::new(
            Step::Push,
            Status::Done,
            format!("{what} to {}", push.remote),
        ));
        self.done.push(format!("pushed {what}"));
        Ok(())
    }

    /// Stops before `next` when Ctrl-C arrived during the last step.
    fn check_interrupt(&self, next: Step) -> Result<()> {
        if !crate::interrupt::interrupted() {
            return Ok(());
        }
        Err(self.report(
            &format!("interrupted (Ctrl-C) before the {next}"),
            next,
            None,
            None,
        ))
    }

    /// The exit-3 error: what failed, what was done, what was not, and how to finish.
    fn stopped(&self, step: Step, what: &str, err: anyhow::Error) -> anyhow::Error {
        self.stopped_with(step, what, err, None)
    }

    /// [`Self::stopped`], with what to do before rerunning.
    fn stopped_with(
        &self,
        step: Step,
        what: &str,
        err: anyhow::Error,
        advice: Option<&str>,
    ) -> anyhow::Error {
        self.report(
            &format!("the release stopped at the {step}: the {what} failed"),
            step,
            Some(err),
            advice,
        )
    }

    /// The exit-3 report from `step` on: `headline`, what was done, what was not, how to
    /// finish, then the cause.
    fn report(
        &self,
        headline: &str,
        step: Step,
        err: Option<anyhow::Error>,
        advice: Option<&str>,
    ) -> anyhow::Error {
        let remaining: Vec<&str> = [Step::Tag, Step::Publish, Step::Push]
            .into_iter()
            .filter(|s| *s >= step)
            .filter(|s| match s {
                Step::Tag => !self.plan.tags.is_empty() || !self.plan.tag_moves.is_empty(),
                Step::Publish => matches!(self.plan.publish, Publish::Crates { .. }),
                Step::Push => self.plan.push.is_some(),
                _ => false,
            })
            .map(Step::as_str)
            .collect();
        let finish = match advice {
            Some(advice) => format!("{advice}: `{}`", self.resume_command),
            None => format!("To finish, run `{}`", self.resume_command),
        };
        let cause = err.map_or(String::new(), |err| format!(" {err:#}"));
        let message = format!(
            "{headline}. Done: {}. Not done: {}. {finish}: it finds the unfinished release and \
             does only what is left.{cause}",
            if self.done.is_empty() {
                "nothing".to_string()
            } else {
                self.done.join("; ")
            },
            remaining.join(", "),
        );
        anyhow::Error::new::<Failure>(after_changes(message))
    }
}
