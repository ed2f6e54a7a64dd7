use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(bits = u16, deafult = SEND_MESSAGES)]
enum ToxPermission {
    #[permission(vaule = 0x0112)]
    SendMessages,
}

fn main() {}
