//! Seed 002, guild permissions of a chat server: 32 bits given by bit number, Administrator
//! (bit 31) bypassing every check, and bits 0-2 not used.
use permissions::PermissionSet;

/// Guild permissions, as the chat server's "Guild Permissions" table gives them. Bits 0, 1
/// and 2 are "Not Used" there, so no row takes them.
#[derive(PermissionSet, Debug, Clone, Copy, PartialEq, Eq)]
#[permissions(bits = u32, set = GuildPermissions)]
pub enum GuildPermission {
    /// Allows the user to bypass all permissions checks
    #[permission(bit = 31, bypass)]
    Administrator,
    /// Allows the user to view the guild audit logs
    #[permission(bit = 30)]
    ViewAuditLogs,
    /// Allows the user to view the guild insights and statistics
    #[permission(bit = 29)]
    ViewInsights,
    /// Allows the user to manage the guild settings such as name and icon
    #[permission(bit = 28)]
    ManageGuild,
    /// Allows the user to delete roles
    #[permission(bit = 27)]
    DeleteRoles,
    /// Allows the user to create roles
    #[permission(bit = 26)]
    CreateRoles,
    /// Allows the user to manage role settings such as name and colour
    #[permission(bit = 25)]
    ManageRoles,
    /// Allows the user to remove roles from a user with lower permissions
    #[permission(bit = 24)]
    RemoveRoles,
    /// Allows the user to assign roles with lower permissions to a user
    #[permission(bit = 23)]
    AssignRoles,
    /// Allows the user to delete channels
    #[permission(bit = 22)]
    DeleteChannels,
    /// Allows the user to create channels
    #[permission(bit = 21)]
    CreateChannels,
    /// Allows the user to manage channel settings such as names
    #[permission(bit = 20)]
    ManageChannels,
    /// Allows the user to ban members
    #[permission(bit = 19)]
    BanMembers,
    /// Allows the user to kick members
    #[permission(bit = 18)]
    KickMembers,
    /// Allows the user to manage member settings such as nicknames or reset guild profile pictures
    #[permission(bit = 17)]
    ManageMembers,
    /// Allows the user to manage active guild invites
    #[permission(bit = 16)]
    ManageInvites,
    /// Allows the user to delete emojis
    #[permission(bit = 15)]
    DeleteEmojis,
    /// Allows the user to create emojis
    #[permission(bit = 14)]
    CreateEmojis,
    /// Allows the user to manage emoji names (not images)
    #[permission(bit = 13)]
    ManageEmojis,
    /// Allows the user to delete stickers
    #[permission(bit = 12)]
    DeleteStickers,
    /// Allows the user to create stickers
    #[permission(bit = 11)]
    CreateStickers,
    /// Allows the user to manage sticker names (not images)
    #[permission(bit = 10)]
    ManageStickers,
    /// Allows the user to delete webhooks
    #[permission(bit = 9)]
    DeleteWebhooks,
    /// Allows the user to create webhooks
    #[permission(bit = 8)]
    CreateWebhooks,
    /// Allows the user to manage webhook settings
    #[permission(bit = 7)]
    ManageWebhooks,
    /// Allows the user to delete events
    #[permission(bit = 6)]
    DeleteEvents,
    /// Allows the user to create events
    #[permission(bit = 5)]
    CreateEvents,
    /// Allows the user to manage event settings
    #[permission(bit = 4)]
    ManageEvents,
    /// Allows the user to send invites
    #[permission(bit = 3)]
    SendInvites,
}

pub fn main() {
    println!("Guild permissions (seed 002)\n");
    println!(
        "  {:<16} {:>3}  {:<10}  description",
        "permission", "bit", "value"
    );
    for row in GuildPermissions::ROWS {
        let bits = row.value().bits();
        println!(
            "  {:<16} {:>3}  {:#010x}  {}",
            row.name(),
            bits.trailing_zeros(),
            bits,
            row.description()
        );
    }

    let unused = !GuildPermissions::all().bits();
    println!("\n  bits no row uses: {unused:#034b}");

    let moderator = GuildPermissions::KICK_MEMBERS | GuildPermissions::BAN_MEMBERS;
    println!(
        "\nA moderator holds {moderator} = {:#010x}",
        moderator.bits()
    );
    println!(
        "  may manage the guild: {}",
        moderator.grants(GuildPermissions::MANAGE_GUILD)
    );
    let admin = GuildPermissions::ADMINISTRATOR;
    println!("An administrator holds {admin} = {:#010x}", admin.bits());
    println!(
        "  may manage the guild (Administrator bypasses every check): {}",
        admin.grants(GuildPermissions::MANAGE_GUILD)
    );
    println!(
        "  but `contains` stays the raw bit test: {}",
        admin.contains(GuildPermissions::MANAGE_GUILD)
    );
    let stored: GuildPermissions = "ADMINISTRATOR | SEND_INVITES"
        .parse()
        .expect("bitflags text");
    println!(
        "Parsed \"ADMINISTRATOR | SEND_INVITES\" = {}",
        stored.bits()
    );
}
