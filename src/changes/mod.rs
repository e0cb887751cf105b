//! What changed since the last release: the commits, the changelog, and (with `--api`) the
//! public API; and where that last release is.

pub mod api;
pub mod changelog;
pub mod changesets;
pub mod code;
pub mod commits;
pub mod dependencies;
pub mod exposed;
pub mod features;
pub mod history;
pub mod lockfile;
pub mod log;
pub mod msrv;
pub mod shipped;
pub mod since;
