use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(default = PUBLC | USER)]
enum SessionPermission {
    Public,
    #[permission(implies(Pubic))]
    User,
}

fn main() {}
