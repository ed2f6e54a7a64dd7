use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(bits = u16)]
enum ToxPermission {
    #[permission(value = 0x0100)]
    ViewSettings,
    #[permission(value = 0x0100)]
    ManageSettings,
}

fn main() {}
