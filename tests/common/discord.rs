//! Discord's permission table, declared with the derive, and its implicit rules as a
//! [`Policy`]. Shared by the differential test against twilight and the benchmark.

use permissions::PermissionSet;
use permissions::resolve::{Overwrite, Policy, Rule, Target};
use twilight_model::channel::permission_overwrite::{PermissionOverwrite, PermissionOverwriteType};
use twilight_model::guild::Permissions;
use twilight_model::id::Id;

/// Discord's permission flags, by bit number, as the API documentation lists them. Bits 47
/// and 48 have no public flag.
#[derive(PermissionSet, Debug, Clone, Copy, PartialEq, Eq)]
#[permissions(bits = u64, set = DiscordPermissions)]
pub enum DiscordPermission {
    /// Allows creation of instant invites
    #[permission(bit = 0)]
    CreateInvite,
    /// Allows kicking members
    #[permission(bit = 1)]
    KickMembers,
    /// Allows banning members
    #[permission(bit = 2)]
    BanMembers,
    /// Allows all permissions and bypasses channel permission overwrites
    #[permission(bit = 3, bypass)]
    Administrator,
    /// Allows management and editing of channels
    #[permission(bit = 4)]
    ManageChannels,
    /// Allows management and editing of the guild
    #[permission(bit = 5)]
    ManageGuild,
    /// Allows for adding new reactions to messages
    #[permission(bit = 6)]
    AddReactions,
    /// Allows for viewing of audit logs
    #[permission(bit = 7)]
    ViewAuditLog,
    /// Allows for using priority speaker in a voice channel
    #[permission(bit = 8)]
    PrioritySpeaker,
    /// Allows the user to go live
    #[permission(bit = 9)]
    Stream,
    /// Allows guild members to view a channel
    #[permission(bit = 10)]
    ViewChannel,
    /// Allows for sending messages in a channel and creating threads in a forum
    #[permission(bit = 11)]
    SendMessages,
    /// Allows for sending of /tts messages
    #[permission(bit = 12)]
    SendTtsMessages,
    /// Allows for deletion of other users messages
    #[permission(bit = 13)]
    ManageMessages,
    /// Links sent by users with this permission will be auto-embedded
    #[permission(bit = 14)]
    EmbedLinks,
    /// Allows for uploading images and files
    #[permission(bit = 15)]
    AttachFiles,
    /// Allows for reading of message history
    #[permission(bit = 16)]
    ReadMessageHistory,
    /// Allows for using the @everyone tag to notify all users in a channel
    #[permission(bit = 17)]
    MentionEveryone,
    /// Allows the usage of custom emojis from other servers
    #[permission(bit = 18)]
    UseExternalEmojis,
    /// Allows for viewing guild insights
    #[permission(bit = 19)]
    ViewGuildInsights,
    /// Allows for joining of a voice channel
    #[permission(bit = 20)]
    Connect,
    /// Allows for speaking in a voice channel
    #[permission(bit = 21)]
    Speak,
    /// Allows for muting members in a voice channel
    #[permission(bit = 22)]
    MuteMembers,
    /// Allows for deafening of members in a voice channel
    #[permission(bit = 23)]
    DeafenMembers,
    /// Allows for moving of members between voice channels
    #[permission(bit = 24)]
    MoveMembers,
    /// Allows for using voice-activity-detection in a voice channel
    #[permission(bit = 25)]
    UseVad,
    /// Allows for modification of own nickname
    #[permission(bit = 26)]
    ChangeNickname,
    /// Allows for modification of other users nicknames
    #[permission(bit = 27)]
    ManageNicknames,
    /// Allows management and editing of roles
    #[permission(bit = 28)]
    ManageRoles,
    /// Allows management and editing of webhooks
    #[permission(bit = 29)]
    ManageWebhooks,
    /// Allows for editing and deleting emojis, stickers, and soundboard sounds
    #[permission(bit = 30)]
    ManageGuildExpressions,
    /// Allows members to use application commands
    #[permission(bit = 31)]
    UseApplicationCommands,
    /// Allows for requesting to speak in stage channels
    #[permission(bit = 32)]
    RequestToSpeak,
    /// Allows for editing and deleting scheduled events
    #[permission(bit = 33)]
    ManageEvents,
    /// Allows for deleting and archiving threads, and viewing all private threads
    #[permission(bit = 34)]
    ManageThreads,
    /// Allows for creating public and announcement threads
    #[permission(bit = 35)]
    CreatePublicThreads,
    /// Allows for creating private threads
    #[permission(bit = 36)]
    CreatePrivateThreads,
    /// Allows the usage of custom stickers from other servers
    #[permission(bit = 37)]
    UseExternalStickers,
    /// Allows for sending messages in threads
    #[permission(bit = 38)]
    SendMessagesInThreads,
    /// Allows for using Activities in a voice channel
    #[permission(bit = 39)]
    UseEmbeddedActivities,
    /// Allows for timing out users
    #[permission(bit = 40)]
    ModerateMembers,
    /// Allows for viewing role subscription insights
    #[permission(bit = 41)]
    ViewCreatorMonetizationAnalytics,
    /// Allows for using soundboard in a voice channel
    #[permission(bit = 42)]
    UseSoundboard,
    /// Allows for creating emojis, stickers, and soundboard sounds
    #[permission(bit = 43)]
    CreateGuildExpressions,
    /// Allows for creating scheduled events
    #[permission(bit = 44)]
    CreateEvents,
    /// Allows the usage of custom soundboard sounds from other servers
    #[permission(bit = 45)]
    UseExternalSounds,
    /// Allows sending voice messages
    #[permission(bit = 46)]
    SendVoiceMessages,
    /// Allows sending polls
    #[permission(bit = 49)]
    SendPolls,
    /// Allows user-installed apps to send public responses
    #[permission(bit = 50)]
    UseExternalApps,
    /// Allows pinning and unpinning messages
    #[permission(bit = 51)]
    PinMessages,
    /// Allows bypassing slowmode restrictions
    #[permission(bit = 52)]
    BypassSlowmode,
}

use DiscordPermissions as D;

/// Discord's implicit rules: without VIEW_CHANNEL nothing else in the channel; without
/// SEND_MESSAGES none of the messaging extras. A timed-out member keeps only VIEW_CHANNEL and
/// READ_MESSAGE_HISTORY.
pub const DISCORD_POLICY: Policy<'static, DiscordPermissions> = Policy::new(&[
    Rule::requires(D::VIEW_CHANNEL),
    Rule::requires(D::SEND_MESSAGES).to_keep(
        D::ATTACH_FILES
            .union(D::EMBED_LINKS)
            .union(D::MENTION_EVERYONE)
            .union(D::SEND_TTS_MESSAGES),
    ),
])
.timeout_keeps(D::VIEW_CHANNEL.union(D::READ_MESSAGE_HISTORY));

/// A channel overwrite as the differential test and the benchmark generate it, before either
/// library sees it: `(kind, id, allow, deny)`, Discord's wire form.
pub type RawOverwrite = (PermissionOverwriteType, u64, u64, u64);

/// Ours, as Discord sends it: @everyone's overwrite is a role overwrite whose id is the
/// guild's. [`Channel::with_everyone_role`](permissions::resolve::Channel::with_everyone_role)
/// takes these as they are.
pub fn wire_overwrite((kind, id, allow, deny): RawOverwrite) -> Overwrite<u64, D> {
    let target = match kind {
        PermissionOverwriteType::Role => Target::Role(id),
        _ => Target::Member(id),
    };
    Overwrite::new(
        target,
        D::from_bits_retain(allow),
        D::from_bits_retain(deny),
    )
}

/// Ours, for the per-member function: the role overwrite whose id is the guild's becomes the
/// @everyone one ([`Target::role_or_everyone`]).
pub fn our_overwrite(guild: u64, raw: RawOverwrite) -> Overwrite<u64, D> {
    let overwrite = wire_overwrite(raw);
    match overwrite.target {
        Target::Role(id) => Overwrite::new(
            Target::role_or_everyone(id, &guild),
            overwrite.allow,
            overwrite.deny,
        ),
        _ => overwrite,
    }
}

/// Twilight's.
pub fn twilight_overwrite((kind, id, allow, deny): RawOverwrite) -> PermissionOverwrite {
    PermissionOverwrite {
        allow: Permissions::from_bits_truncate(allow),
        deny: Permissions::from_bits_truncate(deny),
        id: Id::new(id),
        kind,
    }
}

/// splitmix64, for the benchmarks' random guilds: a fixed seed, so every run measures the
/// same ones.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Random flags of the table, about half of them, never ADMINISTRATOR (which would
    /// short-circuit every resolver).
    pub fn flags(&mut self) -> D {
        D::from_bits_truncate(self.next()) - D::ADMINISTRATOR
    }

    /// [`Rng::flags`] as bits.
    pub fn bits(&mut self) -> u64 {
        self.flags().bits()
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}
