use permissions::PermissionSet;

// Continued lines: each row still has a source line of its own, one below the quote's.
#[derive(PermissionSet)]
#[permissions(markdown_str = "\
    | Permission | Value |\n\
    |---|---|\n\
    | Kick | 0x0001 |\n\
    | Kick | 0x0002 |\n")]
pub struct Continued(u8);

// Escaped newlines on one source line: lines are counted in the table.
#[derive(PermissionSet)]
#[permissions(markdown_str = "| Permission | Value |\n|---|---|\n| Ban | 0x0001 |\n| Ban | 0x0002 |\n")]
pub struct OneLine(u8);

fn main() {}
