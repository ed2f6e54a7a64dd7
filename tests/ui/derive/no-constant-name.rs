use permissions::PermissionSet;

// Valid variants whose SCREAMING_SNAKE_CASE gives no constant's name.
#[derive(PermissionSet)]
enum Levels {
    _0,
    __,
    Admin,
}

fn main() {}
