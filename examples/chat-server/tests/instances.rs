//! Several server processes on one database: a role or overwrite change made through one is
//! enforced by the other on its very next request, because no process caches what it
//! resolves. On PostgreSQL (the way a service grows past one machine; see
//! `scripts/postgres.sh`) and on one SQLite file.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::Client;
use permissions_chat_server::seed::{EVE, GUILD, HELPERS, LOUNGE, NEWCOMERS, NICK};
use permissions_test_storage::fresh_postgres_database;
use reqwest::{Method, StatusCode};
use serde_json::json;

/// A server process, killed when dropped.
struct Process {
    child: Child,
    client: Client,
}

impl Process {
    /// Starts the server binary on `database` and waits (at most 60 s) for the line that
    /// says where it listens.
    fn start(database: &str) -> Process {
        let mut child = Command::new(env!("CARGO_BIN_EXE_permissions-chat-server"))
            .args(["--addr", "127.0.0.1:0", "--database-url", database])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server starts");
        let stdout = child.stdout.take().expect("its stdout");
        let (found, listening) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("listening on ").nth(1) {
                    let url = rest
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_owned();
                    let _ = found.send(url);
                }
            }
        });
        let base = match listening.recv_timeout(Duration::from_secs(60)) {
            Ok(base) => base,
            Err(_) => {
                let _ = child.kill();
                panic!("the server on {database} did not start listening");
            }
        };
        Process {
            child,
            client: Client::new(base),
        }
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The check itself, on two processes that share a database.
async fn changes_through_one_are_enforced_by_the_other(one: &Client, other: &Client) {
    let lounge = format!("/channels/{LOUNGE}/messages");
    let kick_nick = format!("/guilds/{GUILD}/members/{NICK}");
    let eve_helper = format!("/guilds/{GUILD}/members/{EVE}/roles/{HELPERS}");
    let lounge_overwrites = format!("/channels/{LOUNGE}/overwrites");

    // An overwrite: #lounge hides itself from Newcomers; `one` lifts that, and `other` lets
    // nick in on its next request.
    let (status, _) = other.get(&lounge, "nick").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let allow = json!({"target": {"role": NEWCOMERS}, "allow": "VIEW_CHANNEL"});
    let (status, body) = one
        .call(Method::PUT, &lounge_overwrites, Some("olivia"), Some(allow))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = other.get(&lounge, "nick").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // And back: denied again through `other`, refused by `one`.
    let deny = json!({"target": {"role": NEWCOMERS}, "deny": "VIEW_CHANNEL"});
    let (status, body) = other
        .call(Method::PUT, &lounge_overwrites, Some("olivia"), Some(deny))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _) = one.get(&lounge, "nick").await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // A role: eve may not kick; `one` makes her a Helper, and `other` lets her kick nick.
    let (status, body) = other.delete(&kick_nick, "eve").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["missing"], json!(["KICK_MEMBERS"]));
    let (status, body) = one.put(&eve_helper, "olivia").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Taking the role away through `other` is seen by `one` at once as well.
    let (status, body) = other.delete(&eve_helper, "olivia").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = one.delete(&kick_nick, "eve").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, body) = one.put(&eve_helper, "olivia").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = other.delete(&kick_nick, "eve").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["was_member"], true);
}

/// Starts two servers on `url` at once (so that both race to create the tables), then checks
/// that a change made through one is enforced by the other.
async fn two_at_once_see_each_others_changes(url: &str) {
    let (one, other) = std::thread::scope(|s| {
        let one = s.spawn(|| Process::start(url));
        let other = s.spawn(|| Process::start(url));
        (one.join(), other.join())
    });
    let (one, other) = (one.expect("one started"), other.expect("the other started"));
    changes_through_one_are_enforced_by_the_other(&one.client, &other.client).await;
}

#[tokio::test]
async fn two_processes_on_one_postgres_database_see_each_others_changes() {
    let test = "two_processes_on_one_postgres_database_see_each_others_changes";
    let Some(url) = fresh_postgres_database(test, "instances").await else {
        return;
    };
    // Both at once: one of them creates and seeds the tables, under a lock.
    two_at_once_see_each_others_changes(&url).await;
}

/// A temporary folder, removed when dropped (after the processes that use it).
struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[tokio::test]
async fn two_processes_on_one_sqlite_file_see_each_others_changes() {
    let dir =
        TempDir(std::env::temp_dir().join(format!("permissions-instances-{}", std::process::id())));
    std::fs::create_dir_all(&dir.0).expect("a temporary folder");
    let url = format!("sqlite:{}?mode=rwc", dir.0.join("chat.sqlite").display());
    // Both at once: one of them creates and seeds the file while the other waits for it.
    two_at_once_see_each_others_changes(&url).await;
}
