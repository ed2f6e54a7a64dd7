//! The throwaway PostgreSQL that the workspace's tests share, started by
//! `scripts/postgres.sh`, which puts its URL in `PERMISSIONS_POSTGRES_URL`.
//!
//! Without that variable a PostgreSQL test says on stderr that it was skipped and passes, so
//! that `cargo test --workspace` works on a machine with only Rust; under `CI=true` a missing
//! PostgreSQL fails the test instead, so that CI cannot skip them silently.
#![forbid(unsafe_code)]

use std::io::Write;
use std::sync::atomic::{AtomicU32, Ordering};

use sqlx::Connection;

/// The variable that `scripts/postgres.sh` sets.
pub const URL_VARIABLE: &str = "PERMISSIONS_POSTGRES_URL";

/// The server's URL, or `None` after a loud note that `test` was skipped.
///
/// # Panics
/// When the variable is missing and the `CI` variable is `true`.
pub fn postgres_url(test: &str) -> Option<String> {
    if let Ok(url) = std::env::var(URL_VARIABLE) {
        return Some(url);
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    assert!(
        !ci,
        "{test}: CI=true but {URL_VARIABLE} is not set; run the tests through scripts/postgres.sh"
    );
    // Straight to the stderr stream, past the test harness's capture of `eprintln!`, so that
    // the note shows although the test passes.
    let _ = writeln!(
        std::io::stderr(),
        "\n*** SKIPPED {test} on PostgreSQL: {URL_VARIABLE} is not set. \
         Run `scripts/postgres.sh cargo test --workspace` to include it. ***"
    );
    None
}

/// A new, empty database on the server, for one test: its URL, or `None` as for
/// [`postgres_url`]. Its name is `name`, the process id and a counter, so that test processes
/// running at once never share one.
///
/// # Panics
/// When the server refuses (the test fails, as it should).
pub async fn fresh_postgres_database(test: &str, name: &str) -> Option<String> {
    let server = postgres_url(test)?;
    Some(create_database(&server, test, name).await)
}

/// A new, empty database as [`fresh_postgres_database`] makes, when `PERMISSIONS_POSTGRES_URL`
/// is set; `None`, quietly, when it is not. For programs that run with or without it.
///
/// # Panics
/// When the server refuses.
pub async fn postgres_database_if_set(name: &str) -> Option<String> {
    let server = std::env::var(URL_VARIABLE).ok()?;
    Some(create_database(&server, name, name).await)
}

async fn create_database(server: &str, test: &str, name: &str) -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let database = format!(
        "{name}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let mut admin = sqlx::PgConnection::connect(server)
        .await
        .unwrap_or_else(|e| panic!("{test}: cannot connect to {server}: {e}"));
    // One statement each: PostgreSQL runs neither inside a transaction block.
    for statement in ["DROP DATABASE IF EXISTS", "CREATE DATABASE"] {
        sqlx::raw_sql(&format!("{statement} {database}"))
            .execute(&mut admin)
            .await
            .unwrap_or_else(|e| panic!("{test}: {statement} {database}: {e}"));
    }
    admin.close().await.ok();
    let base = server.rsplit_once('/').map_or(server, |(base, _)| base);
    format!("{base}/{database}")
}
