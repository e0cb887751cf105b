//! The one HTTP client: reqwest (blocking, rustls), a User-Agent, timeouts, no redirects (a
//! redirect could carry the token to another host), retries on 5xx and 429 honouring
//! `Retry-After`, and the rule that a token only travels over https, or plain http to
//! loopback.

use std::cell::OnceCell;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result};
use reqwest::Method;
use reqwest::blocking::Client;
use reqwest::header::{HeaderMap, RETRY_AFTER};
use url::Url;

use crate::error::cannot_run;
use crate::registry::Secret;

const USER_AGENT: &str = concat!(
    "cargo-ship/",
    env!("CARGO_PKG_VERSION"),
    " (+https://github.com/cargo-ship/cargo-ship)"
);

/// How many times a request is retried after a 5xx or 429.
const RETRIES: u32 = 4;
/// The longest wait a `Retry-After` may impose on a single retry.
const MAX_WAIT: Duration = Duration::from_secs(120);

pub struct Http {
    client: OnceCell<Client>,
    report: Report,
    offline: bool,
    timeout: Duration,
    cainfo: Option<PathBuf>,
    proxy: Option<String>,
}

/// Cargo's default `http.timeout`.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// What the client has to say while it works: the caller decides how to show it (this layer
/// prints nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Waiting before retry `retry` of `of` after `url` answered `status`.
    Waiting {
        seconds: u64,
        url: String,
        status: u16,
        retry: u32,
        of: u32,
    },
}

/// Where [`Event`]s go.
pub type Report = Box<dyn Fn(Event)>;

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    pub url: Url,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The registry's `{"errors":[{"detail":…}]}` text, if the body has it.
    pub fn error_detail(&self) -> Option<String> {
        let value: serde_json::Value = serde_json::from_slice(&self.body).ok()?;
        let details: Vec<&str> = value["errors"]
            .as_array()?
            .iter()
            .filter_map(|e| e["detail"].as_str())
            .collect();
        (!details.is_empty()).then(|| details.join("; "))
    }
}

impl Http {
    pub fn new(offline: bool, report: Report) -> Self {
        Http {
            client: OnceCell::new(),
            report,
            offline,
            timeout: DEFAULT_TIMEOUT,
            cainfo: None,
            proxy: None,
        }
    }

    /// Like cargo: each request's time limit from `http.timeout` (`CARGO_HTTP_TIMEOUT`), the
    /// certificate authorities of `http.cainfo` trusted besides the platform's (whose store
    /// honours `SSL_CERT_FILE`), and `http.proxy` before the proxy variables.
    pub fn with_cargo_config(mut self, config: &super::config::Config, cwd: &Path) -> Self {
        self.timeout = config.http_timeout().unwrap_or(self.timeout);
        self.cainfo = config.http_cainfo(cwd);
        self.proxy = config.http_proxy();
        self
    }

    /// Whether requests are refused (`--offline`, `net.offline`).
    pub fn is_offline(&self) -> bool {
        self.offline
    }

    fn client(&self) -> Result<&Client> {
        if let Some(client) = self.client.get() {
            return Ok(client);
        }
        let mut builder = Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(self.timeout.min(Duration::from_secs(10)))
            .timeout(self.timeout)
            .redirect(reqwest::redirect::Policy::none());
        if let Some(path) = &self.cainfo {
            let pem = std::fs::read(path).with_context(|| {
                format!(
                    "could not read `{}`, the certificate authorities cargo's `http.cainfo` \
                     names",
                    path.display()
                )
            })?;
            let certificates = reqwest::Certificate::from_pem_bundle(&pem).map_err(|err| {
                cannot_run(format!(
                    "`{}` (cargo's `http.cainfo`) holds no PEM certificates: {err}",
                    path.display()
                ))
            })?;
            for certificate in certificates {
                builder = builder.add_root_certificate(certificate);
            }
        }
        if let Some(proxy) = &self.proxy {
            let proxy = reqwest::Proxy::all(proxy.as_str()).map_err(|err| {
                cannot_run(format!(
                    "cargo's `http.proxy` `{proxy}` is not a proxy URL: {err}"
                ))
            })?;
            builder = builder.proxy(proxy);
        }
        let client = builder
            .build()
            .context("could not set up the HTTP client")?;
        Ok(self.client.get_or_init(|| client))
    }

    /// Sends a request, retrying 5xx and 429 answers; other statuses come back to the caller.
    /// A network failure is an error naming the URL.
    pub fn send(
        &self,
        method: Method,
        url: &Url,
        token: Option<&Secret>,
        headers: &[(&str, &str)],
    ) -> Result<Response> {
        if self.offline {
            return Err(cannot_run(format!(
                "cannot reach {url} with --offline (or net.offline = true)"
            )));
        }
        if token.is_some() {
            ensure_safe_for_token(url)?;
        }
        let client = self.client()?;
        let mut attempt = 0;
        loop {
            let mut request = client.request(method.clone(), url.clone());
            if let Some(token) = token {
                request = request.header("Authorization", token.expose());
            }
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            let response = request.send().map_err(|err| {
                if err.is_timeout() {
                    return cannot_run(format!(
                        "no answer from {} within {}s (cargo's `http.timeout`, or \
                         CARGO_HTTP_TIMEOUT, sets how long to wait)",
                        url.as_str(),
                        self.timeout.as_secs()
                    ));
                }
                let why = describe(&err);
                let help = if why.contains("certificate") {
                    ". If a proxy or your network uses its own certificate authority, point \
                     cargo's `http.cainfo` (or CARGO_HTTP_CAINFO, or SSL_CERT_FILE) at its \
                     certificate"
                } else {
                    ""
                };
                cannot_run(format!("could not reach {}: {why}{help}", url.as_str()))
            })?;
            let status = response.status().as_u16();
            let retryable = status == 429 || (500..600).contains(&status);
            if retryable && attempt < RETRIES {
                let asked = retry_after(response.headers());
                // Asked to come back much later: say so and stop, rather than sleep for an
                // hour in silence or retry against the registry's wish.
                if let Some(asked) = asked.filter(|asked| *asked > MAX_WAIT) {
                    let when = httpdate::fmt_http_date(SystemTime::now() + asked);
                    return Err(cannot_run(format!(
                        "{url} answered HTTP {status} and asks to wait {} before another \
                         request (Retry-After); nothing more was sent. Try again after {when}",
                        crate::duration::in_words(asked)
                    )));
                }
                let wait = asked.unwrap_or_else(|| Duration::from_secs(1 << attempt));
                (self.report)(Event::Waiting {
                    seconds: wait.as_secs().max(1),
                    url: url.to_string(),
                    status,
                    retry: attempt + 1,
                    of: RETRIES,
                });
                if !crate::wait::pause(wait, |_| {}) {
                    return Err(cannot_run(format!(
                        "interrupted (Ctrl-C) while waiting to ask {url} again"
                    )));
                }
                attempt += 1;
                continue;
            }
            let headers = response.headers().clone();
            let body = response
                .bytes()
                .map_err(|err| cannot_run(format!("could not read the answer of {url}: {err}")))?
                .to_vec();
            return Ok(Response {
                status,
                headers,
                body,
                url: url.clone(),
            });
        }
    }
}

/// reqwest's error with its causes, on one line.
fn describe(err: &reqwest::Error) -> String {
    let mut text = err.to_string();
    let mut current = std::error::Error::source(err);
    while let Some(cause) = current {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        current = cause.source();
    }
    text
}

/// `Retry-After` as seconds or an HTTP date.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(SystemTime::now()).unwrap_or_default())
}

/// A token goes over https, or over plain http only to this machine.
pub fn ensure_safe_for_token(url: &Url) -> Result<()> {
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(url) => Ok(()),
        _ => Err(cannot_run(format!(
            "refusing to send a registry token to {url} over plain http: use https (plain http \
             is allowed only to 127.0.0.1 or localhost)"
        ))),
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain == "localhost",
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_travel_over_https_or_to_loopback_only() {
        for ok in [
            "https://crates.io/api",
            "http://127.0.0.1:8000/api",
            "http://localhost/x",
            "http://[::1]:9/x",
        ] {
            assert!(
                ensure_safe_for_token(&Url::parse(ok).expect("url")).is_ok(),
                "{ok}"
            );
        }
        for bad in [
            "http://example.com/api",
            "http://10.0.0.1/api",
            "ftp://127.0.0.1/",
        ] {
            assert!(
                ensure_safe_for_token(&Url::parse(bad).expect("url")).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn retry_after_accepts_seconds_and_dates() {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, "3".parse().expect("header"));
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(3)));
        headers.insert(
            RETRY_AFTER,
            "Wed, 21 Oct 2015 07:28:00 GMT".parse().expect("header"),
        );
        assert_eq!(retry_after(&headers), Some(Duration::ZERO));
    }
}
