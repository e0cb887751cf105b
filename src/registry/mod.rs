//! Everything about registries: cargo's configuration and tokens, the HTTP client, the sparse
//! index, the web API.

pub mod api;
pub mod config;
pub mod http;
pub mod index;
mod secret;

pub use secret::Secret;
