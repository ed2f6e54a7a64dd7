//! Seed 000, permission sets of a network client session: the document gives no values, so
//! each row takes the next free bit, USER holds PUBLIC, and the client SDK's methods state
//! what they require with `#[requires]`, refusing locally before anything reaches the network.
use std::cell::Cell;
use std::fmt;

use permissions::{Denied, HasPermissions, PermissionSet, requires};

/// Permission sets of a network session, as the network's documentation lists them.
#[derive(PermissionSet, Debug, Clone, Copy, PartialEq, Eq)]
#[permissions(bits = u16, set = SessionPermissions, default = PUBLIC)]
pub enum SessionPermission {
    /// Indicates that the current session currently contains "public" permissions which allows the execution of methods without requiring authentication
    Public,
    /// Indicates that the current session allows the client to modify the account settings of the current authenticated peer
    ModifyAccountSettings,
    /// Indicates that the current session allows the client to modify the security settings of the current authenticated peer
    ModifySecuritySettings,
    /// Indicates that the current session allows both "public" permissions and user permissions that allows the execution of user methods
    #[permission(implies(Public))]
    User,
    /// Indicates that the current session has limited actions on the network and can only preform actions of a proxy account
    Proxy,
    /// Indicates that the current session has limited actions and or special access to special functions that can only be preformed by a bot
    Bot,
    /// Indicates that the current session allows the authenticated entity to preform moderation actions on the network
    Moderator,
    /// Indicates that the current session allows the authenticated entity to preform administrator actions on the network (Dangerous)
    Administrator,
    /// Indicates that the current session allows the authenticated entity to preform administrator actions on the server
    ServerAdministrator,
}

/// A client of the network. Every method states the session permissions it requires, so a
/// call the session may not make is refused here, without a round trip.
pub struct Client {
    session: SessionPermissions,
    /// Requests that reached the (simulated) network.
    sent: Cell<u32>,
}

impl HasPermissions for Client {
    type Set = SessionPermissions;
    fn permissions(&self) -> SessionPermissions {
        self.session
    }
}

/// Why a call failed.
#[derive(Debug)]
pub enum ClientError {
    /// Escalation locally: the session lacks a permission.
    Forbidden(Denied<SessionPermissions>),
}

impl From<Denied<SessionPermissions>> for ClientError {
    fn from(denied: Denied<SessionPermissions>) -> Self {
        ClientError::Forbidden(denied)
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Forbidden(denied) => write!(f, "refused locally: {denied}"),
        }
    }
}

impl Client {
    /// A session with these permissions.
    pub fn new(session: SessionPermissions) -> Self {
        Client {
            session,
            sent: Cell::new(0),
        }
    }

    fn send(&self, request: &str) -> String {
        self.sent.set(self.sent.get() + 1);
        format!("ok: {request}")
    }

    /// Public methods need no authentication.
    #[requires(PUBLIC)]
    pub fn server_time(&self) -> Result<String, ClientError> {
        Ok(self.send("server_time"))
    }

    /// User methods need an authenticated user session.
    #[requires(USER)]
    pub fn get_profile(&self) -> Result<String, ClientError> {
        Ok(self.send("get_profile"))
    }

    /// Account settings need their own permission on top of USER.
    #[requires(USER | MODIFY_ACCOUNT_SETTINGS)]
    pub fn change_display_name(&self, name: &str) -> Result<String, ClientError> {
        Ok(self.send(&format!("change_display_name({name})")))
    }

    /// Bots report their status; only bot sessions may.
    #[requires(BOT)]
    pub fn post_bot_status(&self, status: &str) -> Result<String, ClientError> {
        Ok(self.send(&format!("post_bot_status({status})")))
    }

    /// Moderation is for moderators and network administrators.
    #[requires(any(MODERATOR, ADMINISTRATOR))]
    pub fn mute_peer(&self, peer: u64) -> Result<String, ClientError> {
        Ok(self.send(&format!("mute_peer({peer})")))
    }
}

fn show(who: &str, call: &str, result: Result<String, ClientError>) {
    match result {
        Ok(reply) => println!("  {who:<10} {call:<28} {reply}"),
        Err(err) => println!("  {who:<10} {call:<28} {err}"),
    }
}

pub fn main() {
    println!(
        "Network session permission sets (seed 000): no values given, bits assigned in order\n"
    );
    for row in SessionPermissions::ROWS {
        println!(
            "  {:<24} {:#06x}  {:?}",
            row.name(),
            row.value().bits(),
            row.kind()
        );
    }
    println!(
        "\nUSER holds PUBLIC: {}",
        SessionPermissions::USER.contains(SessionPermissions::PUBLIC)
    );

    println!("\nA client SDK whose methods state what they require:\n");
    let anonymous = Client::new(SessionPermissions::DEFAULT);
    show("anonymous", "server_time()", anonymous.server_time());
    show("anonymous", "get_profile()", anonymous.get_profile());
    println!(
        "  (the refused call never reached the network: {} request sent)",
        anonymous.sent.get()
    );

    let user = Client::new(SessionPermissions::USER);
    show("user", "server_time()", user.server_time());
    show("user", "get_profile()", user.get_profile());
    show(
        "user",
        "change_display_name(\"ana\")",
        user.change_display_name("ana"),
    );
    show(
        "user",
        "post_bot_status(\"up\")",
        user.post_bot_status("up"),
    );

    let bot = Client::new(SessionPermissions::PUBLIC | SessionPermissions::BOT);
    show("bot", "post_bot_status(\"up\")", bot.post_bot_status("up"));
    show("bot", "get_profile()", bot.get_profile());
    show("bot", "mute_peer(7)", bot.mute_peer(7));

    let moderator = Client::new(SessionPermissions::USER | SessionPermissions::MODERATOR);
    show("moderator", "mute_peer(7)", moderator.mute_peer(7));

    print_audit_table();
}

/// Every guarded method, from the audit registry (the `audit` feature).
#[cfg(feature = "audit")]
fn print_audit_table() {
    println!("\nEvery guarded method, from the audit registry:\n");
    print!("{}", permissions::audit::markdown_table());
}

#[cfg(not(feature = "audit"))]
fn print_audit_table() {
    println!("\n(With `--features audit`, the audit registry lists every guarded method here.)");
}
