use permissions::PermissionSet;

// `permission` (one row) where `permissions` (the set) is meant: `bits` would be ignored.
#[derive(PermissionSet)]
#[permission(bits = u16)]
enum ToxPermission {
    /// Grants all permissons
    #[permission(value = 0x0001, bypass)]
    Administrator,
}

fn main() {}
