//! Rate limits and server errors: a tiny registry on 127.0.0.1 (std `TcpListener`) answers
//! 429 with `Retry-After: 1` and 5xx before 200, for index reads and for a yank.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{fixture, git, git_init, run, ship};

#[derive(Debug, Clone)]
struct Seen {
    method: String,
    path: String,
    authorization: Option<String>,
}

/// Serves until the test ends; `answer` gets the port, each request, how many times its path
/// was asked before and all earlier requests, and returns (status, extra headers, body).
fn serve(
    answer: impl Fn(u16, &Seen, usize, &[Seen]) -> (u16, Vec<(&'static str, String)>, String)
    + Send
    + 'static,
) -> (u16, Arc<Mutex<Vec<Seen>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let seen = Arc::new(Mutex::new(Vec::<Seen>::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            let mut parts = request_line.split_whitespace();
            let method = parts.next().unwrap_or_default().to_string();
            let path = parts.next().unwrap_or_default().to_string();
            let mut authorization = None;
            let mut length = 0usize;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() || line.trim().is_empty() {
                    break;
                }
                if let Some((name, value)) = line.split_once(':') {
                    if name.eq_ignore_ascii_case("authorization") {
                        authorization = Some(value.trim().to_string());
                    } else if name.eq_ignore_ascii_case("content-length") {
                        length = value.trim().parse().unwrap_or(0);
                    }
                }
            }
            let mut body = vec![0; length];
            let _ = std::io::Read::read_exact(&mut reader, &mut body);
            let request = Seen {
                method,
                path,
                authorization,
            };
            let (status, headers, body) = {
                let mut all = log.lock().expect("lock");
                let before = all
                    .iter()
                    .filter(|s| s.path == request.path && s.method == request.method)
                    .count();
                let answer = answer(port, &request, before, &all);
                all.push(request);
                answer
            };
            let mut response = format!(
                "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (name, value) in headers {
                response.push_str(&format!("{name}: {value}\r\n"));
            }
            response.push_str("\r\n");
            response.push_str(&body);
            let _ = stream.write_all(response.as_bytes());
        }
    });
    (port, seen)
}

#[test]
fn index_reads_and_a_yank_wait_out_429_and_5xx_answers() {
    let token = common::secret("test-token-77a1");
    let token = token.as_str();
    let (port, seen) = serve(move |port, request, before, all| {
        let yanked = all.iter().any(|s| s.method == "DELETE");
        match (request.method.as_str(), request.path.as_str(), before) {
            ("GET", "/config.json", 0) => (429, vec![("Retry-After", "1".into())], String::new()),
            ("GET", "/config.json", _) => (
                200,
                vec![],
                format!(
                    "{{\"dl\":\"http://127.0.0.1:{port}/dl\",\"api\":\"http://127.0.0.1:{port}\",\"auth-required\":false}}"
                ),
            ),
            ("GET", "/fo/ob/foobar", 0) => (503, vec![("Retry-After", "1".into())], String::new()),
            ("GET", "/fo/ob/foobar", _) => (
                200,
                vec![],
                format!(
                    "{{\"name\":\"foobar\",\"vers\":\"1.0.0\",\"deps\":[],\"cksum\":\"00\",\"features\":{{}},\"yanked\":{yanked}}}\n"
                ),
            ),
            ("DELETE", "/api/v1/crates/foobar/1.0.0/yank", 0) => {
                (429, vec![("Retry-After", "1".into())], String::new())
            }
            ("DELETE", "/api/v1/crates/foobar/1.0.0/yank", _) => {
                (200, vec![], "{\"ok\":true}".into())
            }
            _ => (404, vec![], String::new()),
        }
    });
    let (out, took) = yank_on(port, token, &[]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        took >= Duration::from_secs(3),
        "the Retry-After waits were honoured"
    );
    common::assert_contains(&out.stderr, "answered HTTP 429");
    common::assert_contains(&out.stderr, "answered HTTP 503");
    assert!(
        !out.all().contains(token),
        "the token was printed:\n{}",
        out.all()
    );

    let seen = seen.lock().expect("lock").clone();
    let deletes: Vec<&Seen> = seen.iter().filter(|s| s.method == "DELETE").collect();
    assert_eq!(deletes.len(), 2, "{seen:?}");
    assert!(
        deletes
            .iter()
            .all(|s| s.authorization.as_deref() == Some(token)),
        "{seen:?}"
    );
    // The index does not require authentication: the token went to the API only.
    assert!(
        seen.iter()
            .filter(|s| s.method == "GET")
            .all(|s| s.authorization.is_none()),
        "{seen:?}"
    );
}

#[test]
fn a_registry_that_keeps_failing_gives_exit_2_naming_the_url() {
    let (port, seen) = serve(|_, _, _, _| {
        (
            500,
            vec![("Retry-After", "0".into())],
            "{\"errors\":[{\"detail\":\"database down\"}]}".into(),
        )
    });
    let (out, _) = yank_on(port, "t", &[]);
    assert_eq!(out.code, 2, "{}", out.all());
    let error = out.stderr.lines().last().unwrap_or_default();
    assert!(
        error.contains(&format!(
            "http://127.0.0.1:{port}/config.json answered HTTP 500: database down"
        )),
        "{}",
        out.stderr
    );
    assert_eq!(
        seen.lock().expect("lock").len(),
        5,
        "one try and four retries"
    );
}

#[test]
fn a_token_is_never_sent_over_plain_http_to_another_host() {
    // The registry's config.json names an API on another host, over plain http.
    let (port, seen) = serve(|_, request, _, _| match request.path.as_str() {
        "/config.json" => (
            200,
            vec![],
            "{\"dl\":\"http://registry.example/dl\",\"api\":\"http://registry.example\"}".into(),
        ),
        "/fo/ob/foobar" => (
            200,
            vec![],
            "{\"name\":\"foobar\",\"vers\":\"1.0.0\",\"yanked\":false}\n".into(),
        ),
        _ => (404, vec![], String::new()),
    });
    let (temp, dir) = fixture("valid-crate");
    let index = format!("sparse+http://127.0.0.1:{port}/");
    git_init(&dir);
    // Our own yank request, and a publish (cargo would send the token to that API): both are
    // refused before anything is sent.
    for command in [&["yank", "1.0.0", "-p", "foobar"][..], &["publish"][..]] {
        let mut ship = ship(&dir, temp.path());
        ship.env_remove("CARGO_NET_OFFLINE").args(command).args([
            "--index",
            &index,
            "--token",
            "secret-token-99",
            "--yes",
        ]);
        let out = run(&mut ship);
        assert_eq!(out.code, 2, "{command:?}: {}", out.all());
        common::assert_contains(
            &out.stderr,
            "refusing to send a registry token to http://registry.example/",
        );
        assert!(!out.all().contains("secret-token-99"));
    }
    assert!(
        seen.lock()
            .expect("lock")
            .iter()
            .all(|s| s.authorization.is_none())
    );
}

#[test]
fn a_publish_answered_with_429_waits_the_time_named_and_resumes() {
    let (port, seen) = serve(|port, request, before, all| {
        // The first upload is refused, the second accepted: only then is the version listed.
        let uploaded = all.iter().filter(|s| s.method == "PUT").count() >= 2;
        match (request.method.as_str(), request.path.as_str()) {
            ("GET", "/config.json") => (
                200,
                vec![],
                format!("{{\"dl\":\"http://127.0.0.1:{port}/dl\",\"api\":\"http://127.0.0.1:{port}\"}}"),
            ),
            ("GET", "/al/ph/alpha") if uploaded => (
                200,
                vec![],
                "{\"name\":\"alpha\",\"vers\":\"0.1.0\",\"deps\":[],\"cksum\":\"00\",\"features\":{},\"yanked\":false}\n".into(),
            ),
            ("PUT", "/api/v1/crates/new") if before == 0 => {
                let when = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(2));
                (
                    429,
                    vec![("Content-Type", "application/json".into())],
                    format!("{{\"errors\":[{{\"detail\":\"You have published too many new crates in a short period of time. Please try again after {when} or email help@crates.io to have your limit increased.\"}}]}}"),
                )
            }
            ("PUT", "/api/v1/crates/new") => (200, vec![("Content-Type", "application/json".into())], "{\"warnings\":{\"invalid_categories\":[],\"invalid_badges\":[],\"other\":[]}}".into()),
            _ => (404, vec![], String::new()),
        }
    });
    let (temp, dir) = fixture("workspace-independent");
    git_init(&dir);
    let index = format!("sparse+http://127.0.0.1:{port}/");
    let mut command = ship(&dir, temp.path());
    command.env_remove("CARGO_NET_OFFLINE").args([
        "publish", "-p", "alpha", "--index", &index, "--token", "t-429", "--yes",
    ]);
    let out = run(&mut command);
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stderr, "answered HTTP 429 (rate limit)");
    let puts = seen
        .lock()
        .expect("lock")
        .iter()
        .filter(|s| s.method == "PUT")
        .count();
    assert_eq!(puts, 2, "one refused upload, one accepted after the wait");
}

/// A registry whose index lists `foobar 1.0.0` and whose yank endpoint answers `status`.
fn yank_answered_with(status: u16, body: &'static str) -> (common::Output, u16) {
    let (port, _) = serve(move |port, request, _, _| {
        match (request.method.as_str(), request.path.as_str()) {
            ("GET", "/config.json") => (
                200,
                vec![],
                format!(
                    "{{\"dl\":\"http://127.0.0.1:{port}/dl\",\"api\":\"http://127.0.0.1:{port}\"}}"
                ),
            ),
            ("GET", "/fo/ob/foobar") => (
                200,
                vec![],
                "{\"name\":\"foobar\",\"vers\":\"1.0.0\",\"yanked\":false}\n".into(),
            ),
            ("DELETE", _) => (status, vec![], body.into()),
            _ => (404, vec![], String::new()),
        }
    });
    let (temp, dir) = fixture("valid-crate");
    let index = format!("sparse+http://127.0.0.1:{port}/");
    let mut command = ship(&dir, temp.path());
    command.env_remove("CARGO_NET_OFFLINE").args([
        "yank", "1.0.0", "-p", "foobar", "--index", &index, "--token", "tok-3c9d", "--yes", "-vvv",
    ]);
    (run(&mut command), port)
}

#[test]
fn registry_refusals_are_one_paragraph_naming_the_url_with_exit_2() {
    for (status, body, expected) in [
        (
            400,
            "{\"errors\":[{\"detail\":\"invalid version\"}]}",
            "the registry answered HTTP 400 at http://127.0.0.1:{port}/api/v1/crates/foobar/1.0.0/yank: invalid version",
        ),
        (
            401,
            "",
            "the registry rejected the token (HTTP 401) at http://127.0.0.1:{port}/api/v1/crates/foobar/1.0.0/yank",
        ),
        (
            403,
            "",
            "the registry refused the token (HTTP 403) at http://127.0.0.1:{port}/api/v1/crates/foobar/1.0.0/yank",
        ),
        (
            403,
            "{\"errors\":[{\"detail\":\"not an owner\"}]}",
            "the registry refused the request (HTTP 403) at http://127.0.0.1:{port}/api/v1/crates/foobar/1.0.0/yank: not an owner",
        ),
    ] {
        let (out, port) = yank_answered_with(status, body);
        assert_eq!(out.code, 2, "{status}: {}", out.all());
        let error = out.stderr.trim_end().lines().last().unwrap_or_default();
        common::assert_contains(error, &expected.replace("{port}", &port.to_string()));
        assert!(
            !out.all().contains("tok-3c9d"),
            "the token was printed with -vvv:\n{}",
            out.all()
        );
        assert!(!out.all().contains("panicked"));
    }
}

#[test]
fn an_unreachable_registry_gives_exit_2_naming_the_url() {
    let port = TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let (temp, dir) = fixture("valid-crate");
    let index = format!("sparse+http://127.0.0.1:{port}/");
    let mut command = ship(&dir, temp.path());
    command
        .env_remove("CARGO_NET_OFFLINE")
        .args(["yank", "1.0.0", "-p", "foobar", "--index", &index, "--yes"]);
    let out = run(&mut command);
    assert_eq!(out.code, 2, "{}", out.all());
    common::assert_contains(
        &out.stderr,
        &format!("could not reach http://127.0.0.1:{port}/config.json"),
    );
    assert_eq!(out.stderr.trim_end().lines().count(), 1, "{}", out.stderr);
}

/// The registry was only read: nothing was yanked, uploaded or sent with a method that changes
/// it.
fn assert_only_reads(seen: &Mutex<Vec<Seen>>) {
    let seen = seen.lock().expect("lock");
    assert!(
        seen.iter().all(|s| s.method == "GET"),
        "only reads were sent: {seen:?}"
    );
}

/// `cargo ship yank 1.0.0 -p foobar` against the test registry at `port`.
fn yank_on(port: u16, token: &str, extra_env: &[(&str, &str)]) -> (common::Output, Duration) {
    let (temp, dir) = fixture("valid-crate");
    let index = format!("sparse+http://127.0.0.1:{port}/");
    let mut command = ship(&dir, temp.path());
    command.env_remove("CARGO_NET_OFFLINE").args([
        "yank", "1.0.0", "-p", "foobar", "--index", &index, "--token", token, "--yes",
    ]);
    for (key, value) in extra_env {
        command.env(key, value);
    }
    let started = Instant::now();
    let out = run(&mut command);
    (out, started.elapsed())
}

fn config_json(port: u16) -> String {
    format!(
        "{{\"dl\":\"http://127.0.0.1:{port}/dl\",\"api\":\"http://127.0.0.1:{port}\",\"auth-required\":false}}"
    )
}

#[test]
fn an_hour_of_retry_after_is_explained_not_slept() {
    let (port, seen) = serve(|port, request, _, _| match request.path.as_str() {
        "/config.json" => (200, vec![], config_json(port)),
        _ => (429, vec![("Retry-After", "3600".into())], String::new()),
    });
    let (out, took) = yank_on(port, "t", &[]);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(took < Duration::from_secs(10), "it did not wait: {took:?}");
    common::assert_contains(
        &out.stderr,
        &format!(
            "http://127.0.0.1:{port}/fo/ob/foobar answered HTTP 429 and asks to wait 1h before another request (Retry-After); nothing more was sent. Try again after"
        ),
    );
    assert_only_reads(&seen);
}

#[test]
fn cargos_http_timeout_bounds_a_slow_index() {
    let (port, _seen) = serve(|port, request, _, _| match request.path.as_str() {
        "/config.json" => (200, vec![], config_json(port)),
        _ => {
            std::thread::sleep(Duration::from_secs(4));
            (404, vec![], String::new())
        }
    });
    let (out, took) = yank_on(port, "t", &[("CARGO_HTTP_TIMEOUT", "1")]);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        took < Duration::from_secs(4),
        "the timeout applied: {took:?}"
    );
    common::assert_contains(
        &out.stderr,
        &format!(
            "no answer from http://127.0.0.1:{port}/fo/ob/foobar within 1s (cargo's `http.timeout`"
        ),
    );
}

#[test]
fn a_malformed_index_line_is_reported_not_taken_for_absence() {
    let (port, seen) = serve(|port, request, _, _| {
        match request.path.as_str() {
        "/config.json" => (200, vec![], config_json(port)),
        "/fo/ob/foobar" => (
            200,
            vec![],
            "{\"name\":\"foobar\",\"vers\":\"0.9.0\",\"deps\":[],\"cksum\":\"00\",\"features\":{},\"yanked\":false}\n{\"name\":\"foobar\",\"vers\":\"1.0.0\",\"deps\":[\n".into(),
        ),
        _ => (404, vec![], String::new()),
    }
    });
    let (out, _) = yank_on(port, "t", &[]);
    assert_eq!(out.code, 2, "{}", out.all());
    common::assert_contains(
        &out.stderr,
        &format!(
            "line 2 of http://127.0.0.1:{port}/fo/ob/foobar is not an index entry cargo ship can read, so whether foobar 1.0.0 is published cannot be told"
        ),
    );
    assert_only_reads(&seen);
}

#[test]
fn a_redirect_to_another_host_is_not_followed_with_the_token() {
    let token = common::secret("redirect-canary-3b8c");
    let (port, seen) = serve(|port, request, _, _| match request.path.as_str() {
        "/config.json" => (200, vec![], config_json(port)),
        _ => (
            302,
            vec![("Location", "http://registry.example/stolen".into())],
            String::new(),
        ),
    });
    let (out, _) = yank_on(port, &token, &[]);
    assert_eq!(out.code, 2, "{}", out.all());
    common::assert_contains(
        &out.stderr,
        &format!("the registry index answered HTTP 302 for http://127.0.0.1:{port}/fo/ob/foobar"),
    );
    // Only the registry saw requests (the proxy variables of the tests would have refused
    // any other host), and none of them was a yank.
    assert_only_reads(&seen);
}

#[test]
fn a_token_the_registry_refuses_stops_a_release_before_any_change() {
    let wrong = common::secret("refused-canary-61d0");
    let (port, seen) = serve(|port, request, _, _| match request.path.as_str() {
        "/config.json" => (200, vec![], config_json(port)),
        "/api/v1/me" => (
            403,
            vec![],
            "{\"errors\":[{\"detail\":\"authentication failed\"}]}".into(),
        ),
        _ => (404, vec![], String::new()),
    });
    let (temp, dir) = fixture("valid-crate");
    git_init(&dir);
    git(&dir, &["tag", "-a", "v0.3.1", "-m", "v0.3.1"]);
    std::fs::write(dir.join("src/lib.rs"), "//! Changed.\n").expect("write");
    git(&dir, &["commit", "-q", "-am", "fix: a change"]);
    let head = git(&dir, &["rev-parse", "HEAD"]);
    let mut command = ship(&dir, temp.path());
    command
        .env_remove("CARGO_NET_OFFLINE")
        .env(
            "CARGO_REGISTRIES_LOCAL_INDEX",
            format!("sparse+http://127.0.0.1:{port}/"),
        )
        .env("CARGO_REGISTRIES_LOCAL_TOKEN", &wrong)
        .env("CARGO_REGISTRY_DEFAULT", "local")
        .args(["patch", "--yes", "--no-push"]);
    let out = run(&mut command);
    assert_eq!(out.code, 2, "{}", out.all());
    common::assert_contains(
        &out.stderr,
        &format!(
            "the registry refused the request (HTTP 403) at http://127.0.0.1:{port}/api/v1/me: authentication failed"
        ),
    );
    assert_eq!(git(&dir, &["rev-parse", "HEAD"]), head, "no commit");
    assert_eq!(git(&dir, &["tag", "--list", "v0.3.2"]), "", "no tag");
    assert_only_reads(&seen);
}

#[test]
fn a_publish_refused_with_429_again_and_again_stops_after_three_waits() {
    let (port, seen) = serve(|port, request, _, _| {
        match (request.method.as_str(), request.path.as_str()) {
            ("GET", "/config.json") => (200, vec![], config_json(port)),
            ("PUT", "/api/v1/crates/new") => {
                let when =
                    httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(1));
                (
                    429,
                    vec![("Content-Type", "application/json".into())],
                    format!(
                        "{{\"errors\":[{{\"detail\":\"You have published too many new crates in a short period of time. Please try again after {when} or email help@crates.io to have your limit increased.\"}}]}}"
                    ),
                )
            }
            _ => (404, vec![], String::new()),
        }
    });
    let (temp, dir) = fixture("workspace-independent");
    git_init(&dir);
    let index = format!("sparse+http://127.0.0.1:{port}/");
    let mut command = ship(&dir, temp.path());
    command.env_remove("CARGO_NET_OFFLINE").args([
        "publish",
        "-p",
        "alpha",
        "--index",
        &index,
        "--token",
        "t-429-forever",
        "--yes",
    ]);
    let started = Instant::now();
    let out = run(&mut command);
    // Nothing was uploaded: could not run, nothing changed.
    assert_eq!(out.code, 2, "{}", out.all());
    common::assert_contains(
        &out.stderr,
        "kept answering HTTP 429 (rate limit) after 3 waits; stopped rather than retry without end",
    );
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "it stopped: {:?}",
        started.elapsed()
    );
    let puts = seen
        .lock()
        .expect("lock")
        .iter()
        .filter(|s| s.method == "PUT")
        .count();
    assert_eq!(puts, 4, "one upload and three retries, then a stop");
}
