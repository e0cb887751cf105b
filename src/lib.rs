//! cargo ship: check, version, package, publish and yank crates safely.
//!
//! This library exists so the integration tests can drive the same code the binary runs; its
//! API is not stable.

pub mod bump;
pub mod cargo;
pub mod changes;
pub mod check;
pub mod cli;
pub mod commands;
pub mod context;
pub mod diagnostic;
pub mod duration;
pub mod edit;
pub mod error;
pub mod fix;
pub mod git;
pub mod hook;
pub mod interrupt;
pub mod license_text;
pub mod lock;
pub mod package;
pub mod publish;
pub mod registry;
pub mod release;
pub mod report;
pub mod settings;
pub mod suggest;
pub mod tree;
pub mod ui;
pub mod version;
pub mod wait;
pub mod words;
pub mod workspace;
