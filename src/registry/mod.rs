//! Everything about registries: cargo's configuration and tokens, the sparse index, the web API.

pub mod config;
