use permissions::PermissionSet;

// The section is misspelt: that is the one error, on the `section` literal; `bypass` names a
// row of the table that could not be found, and is not reported.
#[derive(PermissionSet)]
#[permissions(markdown_str = "
## Guild Permissions

| Permission    | Bit Number | Description |
|---------------|------------|-------------|
| Administrator | 31         | Allows the user to bypass all permissions checks |
", section = "Guild Permision", bypass = ADMINISTRATOR)]
pub struct GuildPermissions(u32);

fn main() {}
