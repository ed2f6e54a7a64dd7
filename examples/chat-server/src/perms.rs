//! The server's two permission sets, straight from `docs/guild.md`, and how one carries into
//! the other.

use permissions::PermissionSet;
use permissions::resolve::{ChannelSet, Policy, Rule};

/// Guild permissions: the "Guild Permissions" table of `docs/guild.md` (seed 002), 32 bits,
/// Administrator at bit 31 bypassing every check, bits 0-2 not used.
#[derive(PermissionSet)]
#[permissions(
    markdown = "../../docs/guild.md",
    section = "Guild Permissions",
    bypass = ADMINISTRATOR
)]
pub struct GuildPermissions(u32);

/// Text channel permissions: the "Text Channel Permissions" table of `docs/guild.md`.
///
/// `DEFAULT` is what every member holds in a text channel before its overwrites: seeing it,
/// reading it, and taking part in it.
#[derive(PermissionSet)]
#[permissions(
    markdown = "../../docs/guild.md",
    section = "Text Channel Permissions",
    default = VIEW_CHANNEL
        | SEND_MESSAGES
        | READ_HISTORY
        | ATTACH_FILES
        | EMBED_LINKS
        | ADD_REACTIONS
        | CREATE_THREADS
)]
pub struct TextPermissions(u16);

use GuildPermissions as G;
use TextPermissions as T;

/// The guild permissions that carry channel flags beyond the default: whoever manages the
/// guild's channels moderates inside them, and whoever may send invites may create them.
pub const CARRIED: [(GuildPermissions, TextPermissions); 2] = [
    (
        G::MANAGE_CHANNELS,
        T::MANAGE_MESSAGES
            .union(T::MENTION_EVERYONE)
            .union(T::MANAGE_OVERWRITES),
    ),
    (G::SEND_INVITES, T::CREATE_INVITE),
];

/// A member starts, in every text channel, from the channel default plus what [`CARRIED`]
/// gives its guild permissions. A guild Administrator gets everything without this mapping:
/// resolution hands a bypass holder the channel set's `all()`.
impl ChannelSet<GuildPermissions> for TextPermissions {
    fn from_guild(guild: GuildPermissions) -> Self {
        CARRIED
            .iter()
            .filter(|(needs, _)| guild.contains(*needs))
            .fold(T::DEFAULT, |text, (_, gives)| text.union(*gives))
    }
}

/// The text channel's declared rules: nothing without VIEW_CHANNEL; no files, embeds or
/// `@everyone` mentions without SEND_MESSAGES. A timed-out member only sees and reads.
pub const TEXT_POLICY: Policy<'static, TextPermissions> = Policy::new(&[
    Rule::requires(T::VIEW_CHANNEL),
    Rule::requires(T::SEND_MESSAGES).to_keep(
        T::ATTACH_FILES
            .union(T::EMBED_LINKS)
            .union(T::MENTION_EVERYONE),
    ),
])
.timeout_keeps(T::VIEW_CHANNEL.union(T::READ_HISTORY));

#[cfg(test)]
mod tests {
    use super::{G, T};
    use permissions::PermissionSet;
    use permissions::resolve::ChannelSet;

    #[test]
    fn the_documents_values() {
        assert_eq!(G::ADMINISTRATOR.bits(), 0x8000_0000);
        assert_eq!(G::SEND_INVITES.bits(), 1 << 3);
        assert_eq!(G::RESERVED.bits(), 0b111);
        assert_eq!(T::VIEW_CHANNEL.bits(), 1);
        assert_eq!(T::MANAGE_OVERWRITES.bits(), 1 << 10);
    }

    #[test]
    fn guild_permissions_carry_into_the_channel() {
        assert_eq!(T::from_guild(G::empty()), T::DEFAULT);
        assert_eq!(
            T::from_guild(G::SEND_INVITES | G::BAN_MEMBERS),
            T::DEFAULT | T::CREATE_INVITE
        );
        assert!(T::from_guild(G::MANAGE_CHANNELS).contains(T::MANAGE_OVERWRITES));
    }
}
