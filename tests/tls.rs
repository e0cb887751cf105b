//! TLS like cargo: a registry on 127.0.0.1 behind https whose certificate a throwaway
//! certificate authority signed (as a company proxy's would be). Without that authority the
//! request is refused with advice; with cargo's `CARGO_HTTP_CAINFO`, or `SSL_CERT_FILE` for
//! the platform's store, it goes through.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::Arc;

use common::{fixture, run, ship};
use rcgen::{
    BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose, SanType,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// A certificate authority (its PEM) and a server configuration for 127.0.0.1 signed by it.
fn authority_and_server() -> (String, rustls::ServerConfig) {
    let mut ca = CertificateParams::new(Vec::<String>::new()).expect("params");
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(DnType::CommonName, "cargo-ship test authority");
    ca.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca_key = KeyPair::generate().expect("key");
    let ca_pem = ca.self_signed(&ca_key).expect("self-signed").pem();
    let issuer = Issuer::new(ca, ca_key);

    let mut leaf = CertificateParams::new(vec!["localhost".to_string()]).expect("params");
    leaf.subject_alt_names
        .push(SanType::IpAddress("127.0.0.1".parse().expect("ip")));
    leaf.distinguished_name
        .push(DnType::CommonName, "127.0.0.1");
    let leaf_key = KeyPair::generate().expect("key");
    let leaf_cert = leaf.signed_by(&leaf_key, &issuer).expect("signed");

    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("protocols")
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(leaf_cert.der().to_vec())],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der())),
        )
        .expect("server config");
    (ca_pem, config)
}

/// Serves a sparse index over https until the test ends: `config.json` and no crates.
fn serve_https(config: rustls::ServerConfig) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let config = Arc::new(config);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let Ok(connection) = rustls::ServerConnection::new(Arc::clone(&config)) else {
                continue;
            };
            let mut tls = rustls::StreamOwned::new(connection, stream);
            let mut reader = BufReader::new(&mut tls);
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() || line.trim().is_empty() {
                    break;
                }
            }
            let (status, body) = if request_line.contains("/config.json") {
                (
                    200,
                    format!(
                        "{{\"dl\":\"https://127.0.0.1:{port}/dl\",\"api\":\"https://127.0.0.1:{port}\"}}"
                    ),
                )
            } else {
                (404, String::new())
            };
            let response = format!(
                "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = tls.write_all(response.as_bytes());
            let _ = tls.flush();
            tls.conn.send_close_notify();
            let _ = tls.flush();
        }
    });
    port
}

#[test]
fn a_private_certificate_authority_is_trusted_the_way_cargo_is_told_to() {
    let (ca_pem, server) = authority_and_server();
    let port = serve_https(server);
    let (temp, dir) = fixture("valid-crate");
    let ca_file = temp.path().join("company-ca.pem");
    std::fs::write(&ca_file, &ca_pem).expect("write");
    let index = format!("sparse+https://127.0.0.1:{port}/");
    let yank = |env: &[(&str, &std::path::Path)]| {
        let mut command = ship(&dir, temp.path());
        command
            .env_remove("CARGO_NET_OFFLINE")
            .env_remove("SSL_CERT_FILE")
            .env_remove("SSL_CERT_DIR")
            .args([
                "yank", "1.0.0", "-p", "foobar", "--index", &index, "--token", "t", "--yes",
            ]);
        for (key, value) in env {
            command.env(key, value);
        }
        run(&mut command)
    };

    // Not trusted: refused before anything is sent, with the way out.
    let out = yank(&[]);
    assert_eq!(out.code, 2, "{}", out.all());
    common::assert_contains(
        &out.stderr,
        &format!("could not reach https://127.0.0.1:{port}/config.json"),
    );
    common::assert_contains(
        &out.stderr,
        "point cargo's `http.cainfo` (or CARGO_HTTP_CAINFO, or SSL_CERT_FILE) at its certificate",
    );

    // Trusted through cargo's setting, or the platform store's variable: the registry answers
    // (it has no such crate: exit 1, the answer of a reachable registry).
    for variable in ["CARGO_HTTP_CAINFO", "SSL_CERT_FILE"] {
        let out = yank(&[(variable, ca_file.as_path())]);
        assert_eq!(out.code, 1, "{variable}: {}", out.all());
        common::assert_contains(&out.stderr, "has no crate named `foobar`");
    }
}
