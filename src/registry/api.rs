//! The registry's web API for what cargo ship sends itself: yank and unyank, and the token
//! check before a publish. The token goes only to the API host that the registry's own
//! `config.json` names.

use anyhow::{Context, Result};
use reqwest::Method;
use url::Url;

use crate::error::{cannot_run, refused};
use crate::registry::Secret;
use crate::registry::http::{Http, Response};

/// The request a yank or unyank sends, for `--dry-run` and errors.
pub fn yank_url(api: &str, name: &str, version: &str, undo: bool) -> Result<Url> {
    let base = api.trim_end_matches('/');
    let action = if undo { "unyank" } else { "yank" };
    Url::parse(&format!("{base}/api/v1/crates/{name}/{version}/{action}"))
        .with_context(|| format!("the registry's API URL `{api}` is not a URL"))
}

pub fn yank_method(undo: bool) -> Method {
    if undo { Method::PUT } else { Method::DELETE }
}

pub fn yank(
    http: &Http,
    api: &str,
    name: &str,
    version: &str,
    undo: bool,
    token: &Secret,
) -> Result<()> {
    let url = yank_url(api, name, version, undo)?;
    let response = http.send(yank_method(undo), &url, Some(token), &[])?;
    if response.status == 200 {
        return Ok(());
    }
    Err(api_error(&response))
}

/// Asks the registry who the token belongs to (`GET /api/v1/me`, crates.io's authenticated
/// read) before anything changes: a definite refusal (401/403 with the registry API's error
/// body) is the error a publish would meet after the commit and the tag. Any other answer —
/// a registry without that endpoint, kellnr's page for every path — tells nothing: `Ok`.
pub fn check_token(http: &Http, api: &str, token: &Secret) -> Result<()> {
    let base = api.trim_end_matches('/');
    let url = Url::parse(&format!("{base}/api/v1/me"))
        .with_context(|| format!("the registry API URL `{api}` is not a URL"))?;
    let response = http.send(Method::GET, &url, Some(token), &[])?;
    if matches!(response.status, 401 | 403) && response.error_detail().is_some() {
        return Err(api_error(&response));
    }
    Ok(())
}

/// An API answer as one paragraph: the registry's own words when it gave any.
pub fn api_error(response: &Response) -> anyhow::Error {
    let url = &response.url;
    let status = response.status;
    let detail = response.error_detail();
    match (status, detail) {
        (401, None) => cannot_run(format!(
            "the registry rejected the token (HTTP 401) at {url}: check CARGO_REGISTRIES_<NAME>_TOKEN, --token or `cargo login`"
        )),
        (403, None) => cannot_run(format!(
            "the registry refused the token (HTTP 403) at {url}: it is wrong, expired, or lacks the rights for this crate"
        )),
        (401 | 403, Some(detail)) => cannot_run(format!(
            "the registry refused the request (HTTP {status}) at {url}: {detail}"
        )),
        (404, detail) => refused(format!(
            "the registry has no such crate or version (HTTP 404) at {url}{}",
            detail.map_or(String::new(), |d| format!(": {d}"))
        )),
        (_, Some(detail)) => cannot_run(format!(
            "the registry answered HTTP {status} at {url}: {detail}"
        )),
        (_, None) => cannot_run(format!("the registry answered HTTP {status} at {url}")),
    }
}
