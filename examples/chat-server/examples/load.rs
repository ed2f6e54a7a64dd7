//! A load test of the chat server on loopback, bounded in requests and in time:
//!
//! ```sh
//! cargo run --release -p permissions-chat-server --example load
//! scripts/postgres.sh cargo run --release -p permissions-chat-server --example load
//! ```
//!
//! It starts the server on `127.0.0.1:0` on a SQLite file in a temporary folder, and, when
//! `PERMISSIONS_POSTGRES_URL` is set (as `scripts/postgres.sh` does), on a fresh PostgreSQL
//! database as well. Concurrent clients then send `REQUESTS` requests in all (default 4000,
//! `--requests N`), `CLIENTS` at a time (default 16, `--clients N`): every other one posts a
//! message to #general as one of four users, the others read #general or resolve
//! `GET /guilds/{guild}/me`; every request is guarded, so each one resolves the caller's
//! permissions from the database. It stops issuing after `--seconds S` (default 60).
//!
//! It reports requests per second, median and p99 latency, the errors (any status other than
//! the expected one, or a failed request), and lost writes: messages answered with 201 that
//! the database does not hold afterwards, counted with a query of its own. Exit status 1 if
//! there were errors or lost writes.

use std::collections::BTreeSet;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use permissions_chat_server::seed::{GENERAL, GUILD};
use permissions_chat_server::{AppState, serve};
use reqwest::StatusCode;
use serde_json::json;
use sqlx::Connection;
use tokio::net::TcpListener;

const WRITERS: [&str; 4] = ["eve", "nina", "hal", "mo"];

struct Options {
    requests: usize,
    clients: usize,
    seconds: u64,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        requests: 4000,
        clients: 16,
        seconds: 60,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args
            .next()
            .ok_or(format!("{arg} needs a value"))?
            .parse::<usize>()
            .map_err(|_| format!("{arg} needs a positive integer"))?;
        match arg.as_str() {
            "--requests" => options.requests = value.max(1),
            "--clients" => options.clients = value.max(1),
            "--seconds" => options.seconds = u64::try_from(value).unwrap_or(u64::MAX),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(options)
}

/// What one run measured.
struct Report {
    sent: usize,
    elapsed: Duration,
    latencies: Vec<Duration>,
    errors: usize,
    written: usize,
    lost: usize,
    timed_out: bool,
}

impl Report {
    fn per_second(&self) -> f64 {
        self.sent as f64 / self.elapsed.as_secs_f64()
    }

    fn percentile(&self, p: f64) -> Duration {
        let at = ((self.latencies.len() as f64 - 1.0) * p).round() as usize;
        self.latencies.get(at).copied().unwrap_or_default()
    }
}

async fn run(database: &str, options: &Options) -> Result<Report, String> {
    let app = AppState::connect(database)
        .await
        .map_err(|e| format!("{database}: {e}"))?;
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| e.to_string())?;
    let base = format!(
        "http://{}",
        listener.local_addr().map_err(|e| e.to_string())?
    );
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve(listener, app, async {
        let _ = stopped.await;
    }));
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .build()
        .map_err(|e| e.to_string())?;

    let next = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(options.seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..options.clients {
        let (client, base, next) = (client.clone(), base.clone(), Arc::clone(&next));
        let requests = options.requests;
        tasks.push(tokio::spawn(async move {
            let (mut latencies, mut errors, mut posted) = (Vec::new(), 0, Vec::new());
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= requests || Instant::now() >= deadline {
                    break;
                }
                let user = WRITERS[i % WRITERS.len()];
                let (request, expected) = match i % 4 {
                    0 | 2 => (
                        client
                            .post(format!("{base}/channels/{GENERAL}/messages"))
                            .json(&json!({"content": format!("load {i}")})),
                        StatusCode::CREATED,
                    ),
                    1 => (
                        client.get(format!("{base}/channels/{GENERAL}/messages")),
                        StatusCode::OK,
                    ),
                    _ => (
                        client.get(format!("{base}/guilds/{GUILD}/me")),
                        StatusCode::OK,
                    ),
                };
                let sent = Instant::now();
                let response = request.bearer_auth(format!("{user}-token")).send().await;
                let ok = match response {
                    Ok(response) => {
                        let status = response.status();
                        // Read the body: the request is done only when it has arrived.
                        response.bytes().await.is_ok() && status == expected
                    }
                    Err(_) => false,
                };
                latencies.push(sent.elapsed());
                if !ok {
                    errors += 1;
                } else if expected == StatusCode::CREATED {
                    posted.push(format!("load {i}"));
                }
            }
            (latencies, errors, posted)
        }));
    }
    let (mut latencies, mut errors, mut posted) = (Vec::new(), 0, BTreeSet::new());
    for task in tasks {
        let (l, e, p) = task.await.map_err(|e| e.to_string())?;
        latencies.extend(l);
        errors += e;
        posted.extend(p);
    }
    let elapsed = started.elapsed();
    let _ = stop.send(());
    let _ = server.await;

    // Lost writes: what was answered 201 and is not in the database.
    let mut db = sqlx::AnyConnection::connect(database)
        .await
        .map_err(|e| e.to_string())?;
    let stored: Vec<(String,)> =
        sqlx::query_as("SELECT content FROM messages WHERE content LIKE 'load %'")
            .fetch_all(&mut db)
            .await
            .map_err(|e| e.to_string())?;
    let stored: BTreeSet<String> = stored.into_iter().map(|(content,)| content).collect();
    let lost = posted.difference(&stored).count();
    latencies.sort();
    Ok(Report {
        sent: latencies.len(),
        elapsed,
        latencies,
        errors,
        written: posted.len(),
        lost,
        timed_out: Instant::now() >= deadline,
    })
}

fn print(name: &str, report: &Report) {
    println!(
        "{name:<10} {:>6} requests in {:>6.2} s: {:>7.0} req/s, median {:>6.2} ms, p99 {:>6.2} ms, \
         {} errors, {} writes, {} lost{}",
        report.sent,
        report.elapsed.as_secs_f64(),
        report.per_second(),
        report.percentile(0.5).as_secs_f64() * 1e3,
        report.percentile(0.99).as_secs_f64() * 1e3,
        report.errors,
        report.written,
        report.lost,
        if report.timed_out {
            " (stopped at the time limit)"
        } else {
            ""
        },
    );
}

#[tokio::main]
async fn main() -> ExitCode {
    let options = match options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}\nusage: load [--requests N] [--clients N] [--seconds S]");
            return ExitCode::from(2);
        }
    };
    sqlx::any::install_default_drivers();
    let dir = std::env::temp_dir().join(format!("permissions-load-{}", std::process::id()));
    if let Err(error) = std::fs::create_dir_all(&dir) {
        eprintln!("error: {}: {error}", dir.display());
        return ExitCode::FAILURE;
    }
    let mut databases = vec![(
        "SQLite",
        format!("sqlite:{}?mode=rwc", dir.join("load.sqlite").display()),
    )];
    // A database of its own on the server, as the tests have.
    if let Some(url) = permissions_test_storage::postgres_database_if_set("load").await {
        databases.push(("PostgreSQL", url));
    } else {
        eprintln!(
            "PERMISSIONS_POSTGRES_URL is not set: SQLite only (run through scripts/postgres.sh)"
        );
    }
    println!(
        "{} requests, {} clients at a time, half of them writes, on 127.0.0.1",
        options.requests, options.clients
    );
    let mut failed = false;
    let mut reports = Vec::new();
    for (name, url) in &databases {
        match run(url, &options).await {
            Ok(report) => {
                print(name, &report);
                failed |= report.errors > 0 || report.lost > 0;
                reports.push(report);
            }
            Err(error) => {
                eprintln!("error: {name}: {error}");
                failed = true;
            }
        }
    }
    if let [sqlite, postgres] = reports.as_slice() {
        println!(
            "PostgreSQL / SQLite: {:.2}x the requests per second, {:.2}x the p99 latency",
            postgres.per_second() / sqlite.per_second(),
            postgres.percentile(0.99).as_secs_f64() / sqlite.percentile(0.99).as_secs_f64(),
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
