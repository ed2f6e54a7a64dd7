//! Seed 000, permission sets of a network client session: the document gives no values, so
//! each row takes the next free bit, and USER holds PUBLIC.
use permissions::PermissionSet;

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

    let anonymous = SessionPermissions::DEFAULT;
    let user = SessionPermissions::USER;
    println!("\nAn unauthenticated session holds {anonymous}");
    println!(
        "A USER session holds {user}: USER holds PUBLIC = {}",
        user.contains(SessionPermissions::PUBLIC)
    );
    println!(
        "  the anonymous session may run USER methods: {}",
        anonymous.grants(SessionPermissions::USER)
    );
    println!(
        "  the USER session may run PUBLIC methods: {}",
        user.grants(SessionPermissions::PUBLIC)
    );
}
