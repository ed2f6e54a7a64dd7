use permissions::PermissionSet;

// trybuild builds each case in target/tests/trybuild/permissions/: the lock is four folders up.

// VIEW_PUBLIC_LOGS is in the lock, but its row's bit does not fit in u16: that is the one
// error. The lock does not also report VIEW_PUBLIC_LOGS as gone (a consequence of the first).
#[derive(PermissionSet)]
#[permissions(bits = u16, lock = "../../../../tests/fixtures/tox.lock")]
pub enum ToxPermission {
    #[permission(value = 0x0001, bypass)]
    Administrator,
    #[permission(bit = 40)]
    ViewPublicLogs,
    #[permission(value = 0x0100)]
    ViewSettings,
    #[permission(value = 0x0112, composite)]
    SendMessages,
    #[permission(value = 0x0200)]
    ManageSettings,
}

fn main() {}
