use permissions::PermissionSet;

// An enum without variants: one error, on its name. Its `default` names no row and every
// locked name is gone, but those are consequences and are not reported. The set is still
// there, so code that uses it does not cascade into more errors.
// (trybuild builds each case in target/tests/trybuild/permissions/: the lock is four folders up.)
#[derive(PermissionSet)]
#[permissions(
    bits = u16,
    set = ToxPermissions,
    default = SEND_MESSAGES,
    lock = "../../../../tests/fixtures/tox.lock"
)]
pub enum ToxPermission {}

fn main() {
    let none = ToxPermissions::empty();
    assert_eq!(none.bits(), 0);
    assert!(ToxPermission::ALL.is_empty());
}
