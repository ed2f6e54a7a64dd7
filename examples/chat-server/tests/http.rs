//! The chat server over real HTTP: each test starts it on `127.0.0.1:0` with a fresh seeded
//! database, drives it with reqwest, and stops it. Every test runs twice, on SQLite in memory
//! (module `sqlite`) and on a fresh PostgreSQL database (module `postgres`; see
//! `scripts/postgres.sh`).

use std::collections::BTreeSet;

mod common;

use common::Client;
use permissions_chat_server::seed::{
    ADMINS, ANNOUNCEMENTS, EVE, EVENT_HOSTS, GENERAL, GUILD, HAL, HELPERS, LOUNGE, MO, MODERATORS,
    NEWCOMERS, NICK, OLIVIA, TIM,
};
use permissions_chat_server::{AppState, serve};
use permissions_test_storage::fresh_postgres_database;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// A running server and a client for it. Dropping it stops the server.
struct Server {
    client: Client,
    _stop: oneshot::Sender<()>,
}

impl std::ops::Deref for Server {
    type Target = Client;
    fn deref(&self) -> &Client {
        &self.client
    }
}

impl Server {
    /// The server on SQLite in memory.
    async fn sqlite() -> Server {
        Server::start(AppState::in_memory().await.expect("seeded database")).await
    }

    /// The server on a new PostgreSQL database; `None` (the test is skipped) without one.
    async fn postgres(test: &str) -> Option<Server> {
        let url = fresh_postgres_database(test, "chat").await?;
        let app = AppState::connect(&url).await.expect("seeded database");
        Some(Server::start(app).await)
    }

    async fn start(app: AppState) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("local address");
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(serve(listener, app, async {
            let _ = stopped.await;
        }));
        Server {
            client: Client::new(format!("http://{addr}")),
            _stop: stop,
        }
    }
}

fn messages(channel: i64) -> String {
    format!("/channels/{channel}/messages")
}

fn member_role(user: i64, role: i64) -> String {
    format!("/guilds/{GUILD}/members/{user}/roles/{role}")
}

fn contents(messages: &Value) -> Vec<&str> {
    messages
        .as_array()
        .expect("a list of messages")
        .iter()
        .map(|m| m["content"].as_str().expect("content"))
        .collect()
}

async fn allowed_requests_succeed(server: Server) {
    let (status, listed) = server.get(&messages(GENERAL), "eve").await;
    assert_eq!(status, StatusCode::OK, "{listed}");
    assert_eq!(
        contents(&listed),
        ["Welcome to the guild!", "Hello, everyone."]
    );

    let (status, posted) = server
        .post(
            &messages(GENERAL),
            "eve",
            json!({"content": "  hi there  "}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{posted}");
    assert_eq!(posted["content"], "hi there");
    assert_eq!(posted["author"], EVE);
    let (_, listed) = server.get(&messages(GENERAL), "nick").await;
    assert_eq!(contents(&listed).last(), Some(&"hi there"));

    // A moderator creates a role with permissions it holds, below its own.
    let (status, role) = server
        .post(
            &format!("/guilds/{GUILD}/roles"),
            "mo",
            json!({"name": "Greeters", "position": 2, "permissions": "KICK_MEMBERS"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{role}");
    assert_eq!(role["permissions"], "KICK_MEMBERS");
    let greeters = role["id"].as_i64().expect("an id");

    // ...assigns Helpers, whose every permission it holds, and eve can then kick...
    let (status, eve) = server.put(&member_role(EVE, HELPERS), "mo").await;
    assert_eq!(status, StatusCode::OK, "{eve}");
    assert_eq!(
        eve["permissions"],
        "REMOVE_ROLES | ASSIGN_ROLES | KICK_MEMBERS | CREATE_EVENTS | SEND_INVITES"
    );
    let (status, _) = server.put(&member_role(NICK, greeters), "mo").await;
    assert_eq!(status, StatusCode::OK);
    // ...and takes Helpers away again.
    let (status, eve) = server.delete(&member_role(EVE, HELPERS), "mo").await;
    assert_eq!(status, StatusCode::OK, "{eve}");
    assert_eq!(eve["roles"], json!([]));
    assert_eq!(eve["permissions"], "CREATE_EVENTS | SEND_INVITES");

    // Kicks and bans; the member then belongs to the guild no more.
    let (status, kicked) = server
        .delete(&format!("/guilds/{GUILD}/members/{NICK}"), "hal")
        .await;
    assert_eq!(status, StatusCode::OK, "{kicked}");
    assert_eq!(kicked["action"], "kicked");
    assert_eq!(kicked["user"]["name"], "nick");
    let (status, body) = server.get(&messages(GENERAL), "nick").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["error"], "not_a_member");

    let (status, banned) = server
        .put(&format!("/guilds/{GUILD}/bans/{TIM}"), "mo")
        .await;
    assert_eq!(status, StatusCode::OK, "{banned}");
    assert_eq!(banned["action"], "banned");
    assert_eq!(banned["was_member"], true);
    let (status, _) = server.get(&format!("/guilds/{GUILD}/me"), "tim").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

async fn denied_requests_name_the_missing_permission(server: Server) {
    let (status, body) = server
        .put(&format!("/guilds/{GUILD}/bans/{HAL}"), "eve")
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body,
        json!({
            "error": "forbidden",
            "message": "missing BAN_MEMBERS",
            "missing": ["BAN_MEMBERS"],
            "requirement": "BAN_MEMBERS",
        })
    );

    let (status, body) = server
        .delete(&format!("/guilds/{GUILD}/members/{HAL}"), "eve")
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["missing"], json!(["KICK_MEMBERS"]));

    let (status, body) = server
        .post(
            &format!("/guilds/{GUILD}/roles"),
            "hal",
            json!({"name": "Mine", "position": 1}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["missing"], json!(["CREATE_ROLES"]));

    // Channel permissions: @everyone may not post in #announcements.
    let (status, body) = server
        .post(&messages(ANNOUNCEMENTS), "eve", json!({"content": "hi"}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["missing"], json!(["SEND_MESSAGES"]));
    assert_eq!(body["message"], "missing SEND_MESSAGES");
    // Moderators may, through their role's allow.
    let (status, _) = server
        .post(&messages(ANNOUNCEMENTS), "mo", json!({"content": "hi"}))
        .await;
    assert_eq!(status, StatusCode::CREATED);

    // A timed-out member reads, but does not post.
    let (status, _) = server.get(&messages(GENERAL), "tim").await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = server
        .post(&messages(GENERAL), "tim", json!({"content": "hi"}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["missing"], json!(["SEND_MESSAGES"]));

    // Nothing was banned or kicked.
    let (status, _) = server.get(&format!("/guilds/{GUILD}/me"), "hal").await;
    assert_eq!(status, StatusCode::OK);
}

async fn unauthenticated_requests_get_401(server: Server) {
    let paths = [
        (Method::GET, messages(GENERAL)),
        (Method::POST, messages(GENERAL)),
        (Method::PUT, format!("/guilds/{GUILD}/bans/{EVE}")),
        (Method::GET, format!("/guilds/{GUILD}/me")),
        // The token is checked before the path's ids.
        (Method::GET, "/channels/not-a-number/messages".to_owned()),
    ];
    for (method, path) in paths {
        let (status, body) = server.call(method.clone(), &path, None, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {path}");
        assert_eq!(body["error"], "unauthorized");
        assert_eq!(
            body["message"],
            "missing the `Authorization: Bearer <token>` header"
        );
    }

    let (status, body) = server.get(&messages(GENERAL), "mallory").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["message"], "the bearer token is not valid");

    let response = server
        .http
        .get(format!("{}{}", server.base, messages(GENERAL)))
        .header("authorization", "Basic ZXZlOg==")
        .send()
        .await
        .expect("a response");
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(
        body["message"],
        "the `Authorization` header is not `Bearer <token>`"
    );
}

async fn escalation_is_refused_with_the_reason(server: Server) {
    // mo may assign roles, but Event Hosts grants what mo does not hold.
    let (status, body) = server.put(&member_role(EVE, EVENT_HOSTS), "mo").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body,
        json!({
            "error": "escalation",
            "action": "assign_role",
            "reason": "not_held",
            "flags": ["DELETE_EVENTS", "MANAGE_EVENTS"],
            "message": "refused to assign the role: it would grant DELETE_EVENTS | MANAGE_EVENTS, which you do not hold",
        })
    );

    // hal (Helpers, position 3) may not assign Moderators (position 4)...
    let (status, body) = server.put(&member_role(EVE, MODERATORS), "hal").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["reason"], "role_not_below");
    assert_eq!(
        (body["role"].clone(), body["highest"].clone()),
        (json!(4), json!(3))
    );
    assert_eq!(
        body["message"],
        "refused to assign the role at position 4: it is not below your highest role, at position 3"
    );
    // ...nor take it away from mo.
    let (status, body) = server.delete(&member_role(MO, MODERATORS), "hal").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["action"], "remove_role");
    assert_eq!(body["reason"], "role_not_below");

    // A new role may not grant what its creator lacks, nor sit at its creator's level.
    let roles = format!("/guilds/{GUILD}/roles");
    let (status, body) = server
        .post(
            &roles,
            "mo",
            json!({"name": "Root", "position": 1, "permissions": "ADMINISTRATOR | KICK_MEMBERS"}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["action"], "edit_role");
    assert_eq!(body["flags"], json!(["ADMINISTRATOR"]));
    let (status, body) = server
        .post(&roles, "mo", json!({"name": "Peers", "position": 4}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["reason"], "role_not_below");

    // Even Administrators stay below their own role; only the owner stands above all.
    let (status, body) = server.put(&member_role(EVE, ADMINS), "ada").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["reason"], "role_not_below");
    let (status, _) = server.put(&member_role(EVE, ADMINS), "olivia").await;
    assert_eq!(status, StatusCode::OK);

    // In #announcements nobody holds ADD_REACTIONS, so not even mo may hand it out there.
    let (status, body) = server
        .call(
            Method::PUT,
            &format!("/channels/{ANNOUNCEMENTS}/overwrites"),
            Some("mo"),
            Some(json!({"target": {"member": EVE}, "allow": "ADD_REACTIONS"})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["action"], "edit_overwrite");
    assert_eq!(body["flags"], json!(["ADD_REACTIONS"]));

    // Moderation follows the hierarchy too.
    let (status, body) = server
        .delete(&format!("/guilds/{GUILD}/members/{MO}"), "hal")
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["error"], "hierarchy");
    assert_eq!(
        body["message"],
        "refused to kick member 3: their highest role, at position 4, is not below yours, at position 3"
    );
    let (status, body) = server
        .put(&format!("/guilds/{GUILD}/bans/{OLIVIA}"), "ada")
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body["message"],
        "refused to ban member 1: they own the guild"
    );

    // Nothing changed for eve but the owner's assignment.
    let (status, me) = server.get(&format!("/guilds/{GUILD}/me"), "eve").await;
    assert_eq!(status, StatusCode::OK);
    let names: Vec<&str> = me["roles"]
        .as_array()
        .expect("roles")
        .iter()
        .map(|r| r["name"].as_str().expect("a name"))
        .collect();
    assert_eq!(names, ["Admins"]);
}

async fn administrator_bypasses_every_check_and_overwrite(server: Server) {
    let (guild, announcements) = server.permissions("ada", ANNOUNCEMENTS).await;
    // Admins grants ADMINISTRATOR alone; resolution makes it everything.
    assert!(
        guild.starts_with("ADMINISTRATOR | VIEW_AUDIT_LOGS"),
        "{guild}"
    );
    assert!(
        announcements.contains("SEND_MESSAGES | READ_HISTORY"),
        "{announcements}"
    );

    let (status, _) = server
        .post(
            &messages(ANNOUNCEMENTS),
            "ada",
            json!({"content": "from ada"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = server.get(&messages(LOUNGE), "ada").await;
    assert_eq!(status, StatusCode::OK);
    let (status, banned) = server
        .put(&format!("/guilds/{GUILD}/bans/{MO}"), "ada")
        .await;
    assert_eq!(status, StatusCode::OK, "{banned}");
    let (status, role) = server
        .post(
            &format!("/guilds/{GUILD}/roles"),
            "ada",
            json!({"name": "Stewards", "position": 4, "permissions": "MANAGE_GUILD | VIEW_INSIGHTS"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{role}");
    assert_eq!(role["permissions"], "VIEW_INSIGHTS | MANAGE_GUILD");

    // eve holds none of it.
    let (status, body) = server
        .post(&messages(ANNOUNCEMENTS), "eve", json!({"content": "x"}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
}

async fn a_member_overwrite_beats_a_role_overwrite(server: Server) {
    // #lounge denies Newcomers VIEW_CHANNEL: nick sees nothing there...
    let (status, body) = server.get(&messages(LOUNGE), "nick").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["missing"], json!(["VIEW_CHANNEL", "READ_HISTORY"]));
    let (_, lounge) = server.permissions("nick", LOUNGE).await;
    assert_eq!(lounge, "");
    // ...but nina's own overwrite allows it, and so the whole channel default.
    let (status, listed) = server.get(&messages(LOUNGE), "nina").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(contents(&listed), ["Glad to be in here."]);
    let (status, _) = server
        .post(&messages(LOUNGE), "nina", json!({"content": "hello nick?"}))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, lounge) = server.permissions("nina", LOUNGE).await;
    assert_eq!(
        lounge,
        "VIEW_CHANNEL | SEND_MESSAGES | READ_HISTORY | ATTACH_FILES | EMBED_LINKS | ADD_REACTIONS | CREATE_INVITE | CREATE_THREADS"
    );

    // A moderator gives nick a member overwrite of his own, and he is in.
    let (status, body) = server
        .call(
            Method::PUT,
            &format!("/channels/{LOUNGE}/overwrites"),
            Some("mo"),
            Some(json!({"target": {"member": NICK}, "allow": "VIEW_CHANNEL"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["target"], json!({"member": NICK}));
    let (status, _) = server.get(&messages(LOUNGE), "nick").await;
    assert_eq!(status, StatusCode::OK);

    // nina's overwrite allows VIEW_CHANNEL alone: when the role also denies SEND_MESSAGES, she
    // still reads, but no longer posts.
    let (status, _) = server
        .call(
            Method::PUT,
            &format!("/channels/{LOUNGE}/overwrites"),
            Some("mo"),
            Some(json!({"target": {"role": NEWCOMERS}, "deny": "VIEW_CHANNEL | SEND_MESSAGES"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = server
        .post(&messages(LOUNGE), "nina", json!({"content": "still here"}))
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "the role now denies sending: {body}"
    );
    let (status, _) = server.get(&messages(LOUNGE), "nina").await;
    assert_eq!(status, StatusCode::OK);
}

/// The names of the members that `GET /channels/{channel}/members` lists, asked by `user`,
/// after checking that each one's permissions there are what `/guilds/{guild}/me` (the
/// per-member path) says for that member.
async fn viewers(server: &Server, channel: i64, user: &str) -> Vec<String> {
    let (status, body) = server
        .get(&format!("/channels/{channel}/members"), user)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let mut names = Vec::new();
    for listed in body.as_array().expect("a list of members") {
        let name = listed["user"]["name"].as_str().expect("a name").to_owned();
        let (_, in_channel) = server.permissions(&name, channel).await;
        assert_eq!(listed["permissions"], json!(in_channel), "{name}");
        names.push(name);
    }
    names
}

async fn channel_members_are_who_can_view_the_channel(server: Server) {
    let everyone = ["olivia", "ada", "mo", "hal", "nina", "nick", "eve", "tim"];
    assert_eq!(viewers(&server, GENERAL, "eve").await, everyone);
    // #lounge hides itself from Newcomers, but nina's member overwrite lets her in.
    let lounge = ["olivia", "ada", "mo", "hal", "nina", "eve", "tim"];
    assert_eq!(viewers(&server, LOUNGE, "tim").await, lounge);
    // nick cannot view #lounge, and so cannot ask who does.
    let (status, body) = server
        .get(&format!("/channels/{LOUNGE}/members"), "nick")
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["missing"], json!(["VIEW_CHANNEL"]));

    // The owner hides #lounge from @everyone: the owner, the administrator and nina's member
    // overwrite remain.
    let (status, body) = server
        .call(
            Method::PUT,
            &format!("/channels/{LOUNGE}/overwrites"),
            Some("olivia"),
            Some(json!({"target": "everyone", "deny": "VIEW_CHANNEL"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        viewers(&server, LOUNGE, "nina").await,
        ["olivia", "ada", "nina"]
    );
    // A role allow brings the Moderators back.
    let (status, body) = server
        .call(
            Method::PUT,
            &format!("/channels/{LOUNGE}/overwrites"),
            Some("olivia"),
            Some(json!({"target": {"role": MODERATORS}, "allow": "VIEW_CHANNEL"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        viewers(&server, LOUNGE, "mo").await,
        ["olivia", "ada", "mo", "nina"]
    );

    let (status, _) = server
        .call(
            Method::GET,
            &format!("/channels/{GENERAL}/members"),
            None,
            None,
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = server.get("/channels/999/members", "eve").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn the_audit_endpoint_lists_every_guarded_handler(server: Server) {
    let (status, body) = server.call(Method::GET, "/audit", None, None).await;
    assert_eq!(status, StatusCode::OK);
    let listed: BTreeSet<(String, String, String, String)> = body
        .as_array()
        .expect("a list")
        .iter()
        .map(|h| {
            let field = |name: &str| h[name].as_str().expect("a string").to_owned();
            (
                field("module"),
                field("function"),
                field("holder"),
                field("requirement"),
            )
        })
        .collect();
    let expected: BTreeSet<(String, String, String, String)> = [
        ("assign_role", "member", "ASSIGN_ROLES"),
        ("ban", "member", "BAN_MEMBERS"),
        ("create_role", "member", "CREATE_ROLES"),
        ("kick", "member", "KICK_MEMBERS"),
        ("list_members", "channel", "VIEW_CHANNEL"),
        ("list_messages", "channel", "VIEW_CHANNEL | READ_HISTORY"),
        ("post_message", "channel", "SEND_MESSAGES"),
        ("put_overwrite", "channel", "MANAGE_OVERWRITES"),
        ("remove_role", "member", "REMOVE_ROLES"),
    ]
    .into_iter()
    .map(|(function, holder, requirement)| {
        (
            "permissions_chat_server::routes".to_owned(),
            function.to_owned(),
            holder.to_owned(),
            requirement.to_owned(),
        )
    })
    .collect();
    assert_eq!(listed, expected);
}

async fn bad_input_gets_a_clear_4xx(server: Server) {
    let post_raw = |path: String, content_type: &'static str, body: &'static str| {
        server
            .http
            .post(format!("{}{path}", server.base))
            .bearer_auth("eve-token")
            .header("content-type", content_type)
            .body(body)
            .send()
    };

    let response = post_raw(messages(GENERAL), "application/json", "{not json")
        .await
        .expect("a response");
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(body["error"], "bad_request");
    assert!(
        body["message"]
            .as_str()
            .expect("a message")
            .contains("JSON"),
        "{body}"
    );

    let response = post_raw(messages(GENERAL), "text/plain", "hello")
        .await
        .expect("a response");
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);

    // Bodies that miss a field or break a rule, ids that are not numbers or name nothing, bits
    // that no row defines. eve may do each of these, and olivia (the owner) anything.
    #[rustfmt::skip]
    let cases = [
        ("eve", Method::POST, messages(GENERAL), json!({"text": "hi"}), StatusCode::UNPROCESSABLE_ENTITY),
        ("eve", Method::POST, messages(GENERAL), json!({"content": "   "}), StatusCode::BAD_REQUEST),
        ("eve", Method::POST, messages(GENERAL), json!({"content": "x".repeat(2001)}), StatusCode::BAD_REQUEST),
        ("eve", Method::POST, messages(999), json!({"content": "hi"}), StatusCode::NOT_FOUND),
        ("eve", Method::GET, "/channels/abc/messages".to_owned(), Value::Null, StatusCode::BAD_REQUEST),
        ("eve", Method::GET, "/channels/99999999999999999999/messages".to_owned(), Value::Null, StatusCode::BAD_REQUEST),
        ("eve", Method::GET, "/guilds/7/me".to_owned(), Value::Null, StatusCode::NOT_FOUND),
        ("eve", Method::GET, "/nowhere".to_owned(), Value::Null, StatusCode::NOT_FOUND),
        ("olivia", Method::PUT, member_role(EVE, 999), Value::Null, StatusCode::NOT_FOUND),
        ("olivia", Method::PUT, member_role(999, HELPERS), Value::Null, StatusCode::NOT_FOUND),
        ("olivia", Method::PUT, format!("/guilds/{GUILD}/members/eve/roles/{HELPERS}"), Value::Null, StatusCode::BAD_REQUEST),
        ("olivia", Method::DELETE, format!("/guilds/{GUILD}/members/999"), Value::Null, StatusCode::NOT_FOUND),
        ("olivia", Method::PUT, format!("/guilds/{GUILD}/bans/999"), Value::Null, StatusCode::NOT_FOUND),
        ("olivia", Method::POST, format!("/guilds/{GUILD}/roles"), json!({"name": "Odd", "position": 1, "permissions": "0x4"}), StatusCode::BAD_REQUEST),
        ("olivia", Method::POST, format!("/guilds/{GUILD}/roles"), json!({"name": "Typo", "position": 1, "permissions": "KICK_MEMBRES"}), StatusCode::UNPROCESSABLE_ENTITY),
        ("olivia", Method::POST, format!("/guilds/{GUILD}/roles"), json!({"name": "Low", "position": 0}), StatusCode::BAD_REQUEST),
        ("olivia", Method::PUT, format!("/channels/{GENERAL}/overwrites"), json!({"target": {"role": 999}}), StatusCode::NOT_FOUND),
        ("olivia", Method::PUT, format!("/channels/{GENERAL}/overwrites"), json!({"target": "nobody"}), StatusCode::UNPROCESSABLE_ENTITY),
    ];
    for (user, method, path, body, expected) in cases {
        let body = (!body.is_null()).then_some(body);
        let (status, reply) = server.call(method.clone(), &path, Some(user), body).await;
        assert_eq!(status, expected, "{user}: {method} {path}: {reply}");
        assert!(
            reply["message"].is_string(),
            "{user}: {method} {path}: {reply}"
        );
    }

    // sam has a valid token but is no member.
    let (status, body) = server.get(&messages(GENERAL), "sam").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["error"], "not_a_member");
}

/// Each test above, on each database.
macro_rules! on_both_databases {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $test() {
                    super::$test(super::Server::sqlite().await).await;
                }
            )*
        }

        mod postgres {
            $(
                #[tokio::test]
                async fn $test() {
                    if let Some(server) = super::Server::postgres(stringify!($test)).await {
                        super::$test(server).await;
                    }
                }
            )*
        }
    };
}

on_both_databases!(
    allowed_requests_succeed,
    denied_requests_name_the_missing_permission,
    unauthenticated_requests_get_401,
    escalation_is_refused_with_the_reason,
    administrator_bypasses_every_check_and_overwrite,
    a_member_overwrite_beats_a_role_overwrite,
    channel_members_are_who_can_view_the_channel,
    the_audit_endpoint_lists_every_guarded_handler,
    bad_input_gets_a_clear_4xx,
);
