//! `cargo run -p permissions-chat-server [-- --addr 127.0.0.1:3000] [--db chat.sqlite |
//! --database-url postgres://...]`: the chat server on the seed data, with a few requests to
//! try.
#![forbid(unsafe_code)]

use std::net::SocketAddr;
use std::process::ExitCode;

use permissions_chat_server::{AppState, seed, serve};

const USAGE: &str = "\
usage: permissions-chat-server [--addr 127.0.0.1:3000] [--db FILE | --database-url URL]

  --addr ADDR          the loopback address to listen on (default 127.0.0.1:3000; port 0
                       picks one)
  --db FILE            a SQLite file, seeded if new (default: SQLite in memory, seeded)
  --database-url URL   a database URL: postgres://user@host:port/db (several servers may
                       share one), sqlite:FILE?mode=rwc or sqlite::memory:";

#[derive(Debug)]
struct Args {
    addr: SocketAddr,
    /// The database URL.
    database: String,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut out = Args {
        addr: SocketAddr::from(([127, 0, 0, 1], 3000)),
        database: "sqlite::memory:".to_owned(),
    };
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--addr" => {
                let text = value("--addr")?;
                out.addr = text.parse().map_err(|_| {
                    format!("--addr {text:?} is not an address like 127.0.0.1:3000")
                })?;
            }
            "--db" => out.database = format!("sqlite:{}?mode=rwc", value("--db")?),
            "--database-url" => out.database = value("--database-url")?,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    // The seed's tokens are public, so the server only ever listens on this machine.
    if !out.addr.ip().is_loopback() {
        return Err(format!(
            "--addr {} is not a loopback address; the seed's tokens are public, so the server \
             only listens on this machine (127.0.0.1 or ::1)",
            out.addr
        ));
    }
    Ok(out)
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("error: {message}\n");
            }
            eprintln!("{USAGE}");
            return if message.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
        }
    };
    let app = match AppState::connect(&args.database).await {
        Ok(app) => app,
        Err(error) => {
            eprintln!("error: cannot open the database: {error}");
            return ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(args.addr).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("error: cannot listen on {}: {error}", args.addr);
            return ExitCode::FAILURE;
        }
    };
    let addr = listener.local_addr().unwrap_or(args.addr);
    print_welcome(addr, &permissions_chat_server::db::redacted(&args.database));
    let stop = async {
        // Without a Ctrl-C handler, the default (ending the process) applies, which is fine.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    match serve(listener, app, stop).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn print_welcome(addr: SocketAddr, db: &str) {
    let url = format!("http://{addr}");
    let (guild, general, announcements, lounge) = (
        seed::GUILD,
        seed::GENERAL,
        seed::ANNOUNCEMENTS,
        seed::LOUNGE,
    );
    let (eve, hal, event_hosts, moderators) =
        (seed::EVE, seed::HAL, seed::EVENT_HOSTS, seed::MODERATORS);
    println!(
        "\
permissions-chat-server listening on {url} (database: {db}); Ctrl-C stops it.

Tokens are the user's name followed by -token: olivia (owner), ada (Admins), mo (Moderators),
hal (Helpers), nina and nick (Newcomers), eve, tim (timed out), sam (not a member).

  # every guarded handler and what it requires
  curl -s {url}/audit
  # what eve holds in the guild and in each channel
  curl -s -H 'Authorization: Bearer eve-token' {url}/guilds/{guild}/me
  # read #general (200), and #lounge as nick (403: Newcomers may not view it) and nina (200)
  curl -s -H 'Authorization: Bearer eve-token' {url}/channels/{general}/messages
  curl -s -H 'Authorization: Bearer nick-token' {url}/channels/{lounge}/messages
  curl -s -H 'Authorization: Bearer nina-token' {url}/channels/{lounge}/messages
  # post in #announcements: eve is refused (403 SEND_MESSAGES), mo may (201)
  curl -s -H 'Authorization: Bearer mo-token' -H 'Content-Type: application/json' \\
       -d '{{\"content\":\"hello\"}}' {url}/channels/{announcements}/messages
  # eve may not ban (403 naming BAN_MEMBERS); mo may not hand out Event Hosts (escalation)
  curl -s -X PUT -H 'Authorization: Bearer eve-token' {url}/guilds/{guild}/bans/{hal}
  curl -s -X PUT -H 'Authorization: Bearer mo-token' {url}/guilds/{guild}/members/{eve}/roles/{event_hosts}
  # hal may not assign Moderators, a role above Helpers (escalation: role_not_below)
  curl -s -X PUT -H 'Authorization: Bearer hal-token' {url}/guilds/{guild}/members/{eve}/roles/{moderators}
  # no token: 401
  curl -s -i {url}/channels/{general}/messages"
    );
}

#[cfg(test)]
mod tests {
    use super::parse;

    fn args(list: &[&str]) -> Result<super::Args, String> {
        parse(list.iter().map(|s| (*s).to_owned()))
    }

    #[test]
    fn flags_are_parsed_and_only_loopback_is_accepted() {
        let defaults = args(&[]).expect("no flags");
        assert_eq!(defaults.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(defaults.database, "sqlite::memory:");
        let both = args(&["--addr", "127.0.0.1:0", "--db", "chat.sqlite"]).expect("both flags");
        assert_eq!(both.addr.port(), 0);
        assert_eq!(both.database, "sqlite:chat.sqlite?mode=rwc");
        let url = "postgres://chat@127.0.0.1:5432/chat";
        assert_eq!(args(&["--database-url", url]).expect("a URL").database, url);
        let redacted = permissions_chat_server::db::redacted;
        assert_eq!(
            redacted("postgres://chat:hunter2@127.0.0.1/chat"),
            "postgres://chat:***@127.0.0.1/chat"
        );
        assert_eq!(redacted(url), url);
        assert_eq!(redacted("sqlite::memory:"), "sqlite::memory:");
        assert!(
            args(&["--addr", "0.0.0.0:80"])
                .unwrap_err()
                .contains("loopback")
        );
        assert!(
            args(&["--addr", "nowhere"])
                .unwrap_err()
                .contains("not an address")
        );
        assert!(args(&["--addr"]).unwrap_err().contains("needs a value"));
        assert!(
            args(&["--port", "1"])
                .unwrap_err()
                .contains("unknown argument")
        );
        assert_eq!(args(&["--help"]).err().as_deref(), Some(""));
    }
}
