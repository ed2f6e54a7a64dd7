use permissions::PermissionSet;

// trybuild builds each case in target/tests/trybuild/permissions/: the lock is four folders up.

// Seed 000's sets, numbered in order, locked; then GUEST inserted before PROXY. Every row
// after it would move one bit up, but that is one mistake: one error, on GUEST.
#[derive(PermissionSet)]
#[permissions(bits = u16, set = SessionPermissions, lock = "../../../../tests/fixtures/session.lock")]
pub enum SessionPermission {
    Public,
    ModifyAccountSettings,
    ModifySecuritySettings,
    User,
    Guest,
    Proxy,
    Bot,
    Moderator,
    Administrator,
    ServerAdministrator,
}

fn main() {}
