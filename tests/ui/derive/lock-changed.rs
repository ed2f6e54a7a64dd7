use permissions::PermissionSet;

// trybuild builds each case in target/tests/trybuild/permissions/: the lock is four folders up.

// MANAGE_SETTINGS was 0x0200 when the lock was written, and VIEW_SETTINGS is gone: sessions
// stored with those bits would change meaning.
#[derive(PermissionSet)]
#[permissions(bits = u16, lock = "../../../../tests/fixtures/tox.lock")]
pub enum ToxPermission {
    #[permission(value = 0x0001, bypass)]
    Administrator,
    #[permission(value = 0x0002)]
    ViewPublicLogs,
    #[permission(value = 0x0112, composite)]
    SendMessages,
    #[permission(value = 0x0400)]
    ManageSettings,
}

fn main() {}
