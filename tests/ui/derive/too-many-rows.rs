use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(bits = u8)]
enum SessionPermission {
    Public,
    ModifyAccountSettings,
    ModifySecuritySettings,
    User,
    Proxy,
    Bot,
    Moderator,
    Administrator,
    ServerAdministrator,
}

fn main() {}
