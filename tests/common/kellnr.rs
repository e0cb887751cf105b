//! A real cargo registry for the tests: kellnr 6.6.0 on 127.0.0.1 with a fresh data directory
//! and a known admin token, the recipe of `scripts/registry` done from Rust. The server is
//! killed when the guard is dropped, also when a test panics.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use tempfile::TempDir;

pub struct Kellnr {
    pub url: String,
    pub index: String,
    pub token: String,
    pub port: u16,
    child: Option<Child>,
    data: TempDir,
}

/// The kellnr binary: `KELLNR_BIN`, else the cached build, built once by `scripts/registry
/// install` when missing (about 15 minutes on 2 cores).
fn binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/registry");
        let output = Command::new("bash")
            .arg(&script)
            .arg("install")
            .stderr(Stdio::inherit())
            .output()
            .expect("run scripts/registry install");
        assert!(output.status.success(), "scripts/registry install failed");
        PathBuf::from(String::from_utf8_lossy(&output.stdout).trim())
    })
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free port on 127.0.0.1")
}

fn random_token() -> String {
    let mut bytes = [0u8; 16];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .expect("random bytes");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Kellnr {
    pub fn start() -> Self {
        Self::start_with(&[])
    }

    /// A server with extra kellnr settings (`KELLNR_…` environment variables).
    pub fn start_with(settings: &[(&str, &str)]) -> Self {
        let data = tempfile::Builder::new()
            .prefix("kellnr-")
            .tempdir()
            .expect("data dir");
        for _ in 0..5 {
            let port = free_port();
            let token = super::secret(&random_token());
            let log = std::fs::File::create(data.path().join("kellnr.log")).expect("log");
            let mut child = Command::new(binary())
                .arg("start")
                .current_dir(data.path())
                .env("KELLNR_REGISTRY__DATA_DIR", data.path().join("data"))
                .env("KELLNR_LOCAL__IP", "127.0.0.1")
                .env("KELLNR_LOCAL__PORT", port.to_string())
                .env("KELLNR_ORIGIN__HOSTNAME", "127.0.0.1")
                .env("KELLNR_ORIGIN__PORT", port.to_string())
                .env("KELLNR_ORIGIN__PROTOCOL", "http")
                .env("KELLNR_SETUP__ADMIN_TOKEN", &token)
                .env("KELLNR_PROXY__ENABLED", "false")
                .env("KELLNR_DOCS__ENABLED", "false")
                .envs(settings.iter().copied())
                .stdin(Stdio::null())
                .stdout(log.try_clone().expect("log"))
                .stderr(log)
                .spawn()
                .expect("start kellnr");
            if wait_until_healthy(&mut child, port) {
                return Kellnr {
                    url: format!("http://127.0.0.1:{port}"),
                    index: format!("sparse+http://127.0.0.1:{port}/api/v1/crates/"),
                    token,
                    port,
                    child: Some(child),
                    data,
                };
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        let log = std::fs::read_to_string(data.path().join("kellnr.log")).unwrap_or_default();
        panic!("kellnr did not start:\n{log}");
    }

    /// Kills the server (the guard's drop does this too).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Sets the environment that makes cargo (and cargo ship) use this registry as `local`.
    pub fn env(&self, command: &mut Command) {
        command
            .env("CARGO_REGISTRIES_LOCAL_INDEX", &self.index)
            .env("CARGO_REGISTRIES_LOCAL_TOKEN", &self.token)
            .env("CARGO_REGISTRY_DEFAULT", "local")
            .env_remove("CARGO_NET_OFFLINE");
    }

    /// The index file of a crate, as the JSON lines it holds (empty when it does not exist).
    pub fn index_entries(&self, name: &str) -> Vec<serde_json::Value> {
        let path = match name.len() {
            1 => format!("1/{name}"),
            2 => format!("2/{name}"),
            3 => format!("3/{}/{name}", &name[..1]),
            _ => format!("{}/{}/{name}", &name[..2], &name[2..4]),
        };
        match get(self.port, &format!("/api/v1/crates/{path}")) {
            Some((200, body)) => body
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| serde_json::from_str(l).expect("index line"))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// `(version, yanked)` for every published version of a crate.
    pub fn versions(&self, name: &str) -> Vec<(String, bool)> {
        self.index_entries(name)
            .iter()
            .map(|e| {
                (
                    e["vers"].as_str().unwrap_or_default().to_string(),
                    e["yanked"].as_bool().unwrap_or(false),
                )
            })
            .collect()
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.data.path().join("kellnr.log")).unwrap_or_default()
    }
}

fn wait_until_healthy(child: &mut Child, port: u16) -> bool {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return false;
        }
        if get(port, "/api/v1/health").is_some_and(|(status, _)| status == 200) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

impl Drop for Kellnr {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A plain HTTP/1.0 GET on 127.0.0.1 (the tests check the registry without our own client).
pub fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.split_whitespace().nth(1)?.parse().ok()?;
    let body = response.split_once("\r\n\r\n").map_or("", |(_, body)| body);
    Some((status, body.to_string()))
}
