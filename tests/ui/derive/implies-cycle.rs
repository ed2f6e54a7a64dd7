use permissions::PermissionSet;

#[derive(PermissionSet)]
enum SessionPermission {
    #[permission(implies(User))]
    Public,
    #[permission(implies(Public))]
    User,
}

fn main() {}
