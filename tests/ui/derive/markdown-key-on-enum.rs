use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(bits = u16, section = "Tox Mod", auto_bits, implies(USER = PUBLIC))]
pub enum SessionPermission {
    Public,
    User,
}

fn main() {}
