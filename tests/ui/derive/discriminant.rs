use permissions::PermissionSet;

#[derive(PermissionSet)]
enum GuildPermission {
    Administrator = 0x8000_0000,
}

trait Table<A, B> {
    const V: isize;
}

impl Table<u8, u16> for () {
    const V: isize = 2;
}

const fn bit<A, B>() -> isize {
    1
}

// A discriminant is one expression, commas in its generic arguments too.
#[derive(PermissionSet)]
enum ToxPermission {
    Administrator = bit::<u8, u16>(),
    ViewSettings = <() as Table<u8, u16>>::V,
    SendMessages,
}

fn main() {}
