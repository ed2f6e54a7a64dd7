use permissions::PermissionSet;

// A struct with a named field: `bits = u16` is natural to write here, but the struct is what
// is wrong, and the one error says so.
#[derive(PermissionSet)]
#[permissions(bits = u16, markdown = "docs/tox_mod.md")]
struct ToxPermissions {
    bits: u16,
}

fn main() {}
