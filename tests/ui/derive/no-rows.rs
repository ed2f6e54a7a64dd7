use permissions::PermissionSet;

// An enum without variants: one error, on its name, and the set is still there, so code that
// uses it does not cascade into more errors.
#[derive(PermissionSet)]
#[permissions(bits = u16, set = ToxPermissions)]
pub enum ToxPermission {}

fn main() {
    let none = ToxPermissions::empty();
    assert_eq!(none.bits(), 0);
    assert!(ToxPermission::ALL.is_empty());
}
