// `aliases`: a row whose value equals an earlier row's is another name for it, in both forms.
use permissions::{PermissionSet, RowKind};

#[derive(PermissionSet)]
#[permissions(bits = u32, aliases)]
pub enum GuildPermission {
    /// Allows the user to manage emoji names (not images)
    #[permission(bit = 13)]
    ManageEmojis,
    /// The old name of MANAGE_EMOJIS, kept for compatibility
    #[permission(bit = 13)]
    EditEmojis,
    /// Allows the user to send invites
    #[permission(value = 1 << 3)]
    SendInvites,
}

#[derive(PermissionSet)]
#[permissions(aliases, markdown_str = "
| Permission    | Bit Number |
|---------------|------------|
| Manage Emojis | 13         |
| Edit Emojis   | 13         |
| Send Invites  | 3          |
")]
pub struct DocumentPermissions(u32);

fn main() {
    // Both constants exist, with one value.
    assert_eq!(GuildPermissions::EDIT_EMOJIS, GuildPermissions::MANAGE_EMOJIS);
    assert_eq!(GuildPermissions::SEND_INVITES.bits(), 0b1000);
    // Display and iter_names show the first; the text format accepts both.
    let both = GuildPermissions::EDIT_EMOJIS | GuildPermissions::SEND_INVITES;
    assert_eq!(both.to_string(), "MANAGE_EMOJIS | SEND_INVITES");
    assert_eq!(both.iter_names().count(), 2);
    let parsed: GuildPermissions = "EDIT_EMOJIS".parse().unwrap();
    assert_eq!(parsed, GuildPermissions::MANAGE_EMOJIS);
    // The table's rows list each permission once.
    let names: Vec<&str> = GuildPermissions::ROWS.iter().map(|r| r.name()).collect();
    assert_eq!(names, ["MANAGE_EMOJIS", "SEND_INVITES"]);
    assert_eq!(GuildPermissions::ROWS[0].kind(), RowKind::Plain);
    // The enum still has every variant.
    assert_eq!(GuildPermission::EditEmojis.bits(), 1 << 13);

    assert_eq!(
        DocumentPermissions::EDIT_EMOJIS,
        DocumentPermissions::MANAGE_EMOJIS
    );
    assert_eq!(DocumentPermissions::MANAGE_EMOJIS.to_string(), "MANAGE_EMOJIS");
}
