use permissions::PermissionSet;

const VIEW: u16 = 0x0100;

#[derive(PermissionSet)]
#[permissions(bits = u16)]
pub enum ToxPermission {
    #[permission(value = VIEW)]
    ViewSettings,
    #[permission(value = 1 << 200)]
    ManageSettings,
}

fn main() {}
