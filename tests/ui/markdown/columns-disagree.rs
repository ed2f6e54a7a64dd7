use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(markdown_str = "
| Permission      | Bit Number | Bit Position                     | Description |
|-----------------|------------|----------------------------------|-------------|
| Administrator   | 31         | 10000000000000000000000000000000 | Allows the user to bypass all permissions checks |
| View Audit Logs | 30         | 10000000000000000000000000000000 | Allows the user to view the guild audit logs |
")]
pub struct GuildPermissions(u32);

fn main() {}
