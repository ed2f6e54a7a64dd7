use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(bits = u16, set = ToxPermission)]
pub enum ToxPermission {
    #[permission(value = 0x0001, bypass)]
    Administrator,
    #[permission(value = 0x0100)]
    ViewSettings,
}

fn main() {
    assert!(ToxPermissions::ADMINISTRATOR.grants(ToxPermissions::VIEW_SETTINGS));
}
