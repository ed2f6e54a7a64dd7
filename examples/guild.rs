//! Seed 002's guild, resolved: @everyone, roles, personal permissions, a text channel with
//! overwrites, an administrator, a timed-out member, and an escalation that is refused.
//!
//! Seed 002's "Text Channel Permissions" table is still empty, so this example defines one
//! ([`TextPermissions`]) and says how guild permissions carry into it ([`ChannelSet`]).
use permissions::PermissionSet;
use permissions::resolve::{self, Actor, ChannelSet, Member, Overwrite, Policy, Rule};

#[allow(dead_code)]
#[path = "guild_permissions.rs"]
mod guild_permissions;

pub use guild_permissions::GuildPermissions;

/// Text-channel permissions. Seed 002 leaves this table empty; these rows are this example's
/// own, modelled on Discord's.
#[derive(PermissionSet, Debug, Clone, Copy, PartialEq, Eq)]
#[permissions(
    bits = u16,
    set = TextPermissions,
    default = VIEW_CHANNEL | SEND_MESSAGES | ATTACH_FILES | EMBED_LINKS | ADD_REACTIONS | READ_HISTORY
)]
pub enum TextPermission {
    /// Allows the user to see the channel and read its messages
    ViewChannel,
    /// Allows the user to send messages in the channel
    SendMessages,
    /// Allows the user to upload files with a message
    AttachFiles,
    /// Allows the user's links to be embedded
    EmbedLinks,
    /// Allows the user to add reactions to messages
    AddReactions,
    /// Allows the user to read the messages sent before they joined
    ReadHistory,
    /// Allows the user to notify every member of the channel
    MentionEveryone,
    /// Allows the user to delete and pin other users' messages
    ManageMessages,
    /// Allows the user to create invites to the channel
    CreateInvite,
}

use GuildPermissions as G;
use TextPermissions as T;

/// What a member may do in any text channel before its overwrites: the channel default, plus
/// moderation for those who manage channels and invites for those who may send them. A guild
/// Administrator gets everything, without this mapping.
impl ChannelSet<GuildPermissions> for TextPermissions {
    fn from_guild(guild: GuildPermissions) -> Self {
        let mut text = T::DEFAULT;
        text.set(
            T::MANAGE_MESSAGES | T::MENTION_EVERYONE,
            guild.contains(G::MANAGE_CHANNELS),
        );
        text.set(T::CREATE_INVITE, guild.contains(G::SEND_INVITES));
        text
    }
}

/// The text channel's declared rules: nothing without VIEW_CHANNEL; no files, embeds or
/// @everyone mentions without SEND_MESSAGES; a timed-out member only reads.
pub const TEXT_POLICY: Policy<'static, TextPermissions> = Policy::new(&[
    Rule::requires(T::VIEW_CHANNEL),
    Rule::requires(T::SEND_MESSAGES).to_keep(
        T::ATTACH_FILES
            .union(T::EMBED_LINKS)
            .union(T::MENTION_EVERYONE),
    ),
])
.timeout_keeps(T::VIEW_CHANNEL.union(T::READ_HISTORY));

/// A role of the guild: its id, its position (higher is more powerful), its permissions.
pub struct Role {
    pub name: &'static str,
    pub id: u64,
    pub position: u32,
    pub permissions: GuildPermissions,
}

pub const EVERYONE: GuildPermissions = G::SEND_INVITES.union(G::CREATE_EVENTS);
pub const ADMINS: Role = Role {
    name: "Admins",
    id: 40,
    position: 4,
    permissions: G::ADMINISTRATOR,
};
pub const MODERATORS: Role = Role {
    name: "Moderators",
    id: 30,
    position: 3,
    permissions: G::KICK_MEMBERS
        .union(G::BAN_MEMBERS)
        .union(G::MANAGE_CHANNELS)
        .union(G::ASSIGN_ROLES)
        .union(G::REMOVE_ROLES)
        .union(G::MANAGE_ROLES),
};
pub const EVENT_HOSTS: Role = Role {
    name: "Event Hosts",
    id: 20,
    position: 2,
    permissions: G::MANAGE_EVENTS.union(G::DELETE_EVENTS),
};
pub const MUTED: Role = Role {
    name: "Muted",
    id: 10,
    position: 1,
    permissions: G::empty(),
};
pub const ROLES: [&Role; 4] = [&ADMINS, &MODERATORS, &EVENT_HOSTS, &MUTED];

/// A member of the guild.
pub struct Person {
    pub name: &'static str,
    pub id: u64,
    pub roles: &'static [u64],
    pub personal: GuildPermissions,
    pub timed_out: bool,
}

pub const ADA: Person = Person {
    name: "Ada",
    id: 1,
    roles: &[ADMINS.id],
    personal: G::empty(),
    timed_out: false,
};
pub const MIA: Person = Person {
    name: "Mia",
    id: 2,
    roles: &[MODERATORS.id],
    personal: G::MANAGE_INVITES,
    timed_out: false,
};
pub const EVE: Person = Person {
    name: "Eve",
    id: 3,
    roles: &[EVENT_HOSTS.id, MUTED.id],
    personal: G::empty(),
    timed_out: false,
};
pub const TIM: Person = Person {
    name: "Tim",
    id: 4,
    roles: &[EVENT_HOSTS.id],
    personal: G::empty(),
    timed_out: true,
};
pub const PEOPLE: [&Person; 4] = [&ADA, &MIA, &EVE, &TIM];

/// The #general text channel: links are not embedded for @everyone, the Muted role may not
/// speak, Event Hosts may mention everyone, and Eve, muted by role, is allowed to speak by a
/// member overwrite, which beats the role's deny.
pub fn general() -> [Overwrite<u64, TextPermissions>; 4] {
    [
        Overwrite::role(MUTED.id).deny(T::SEND_MESSAGES),
        Overwrite::member(EVE.id).allow(T::SEND_MESSAGES),
        Overwrite::everyone().deny(T::EMBED_LINKS),
        Overwrite::role(EVENT_HOSTS.id).allow(T::MENTION_EVERYONE | T::EMBED_LINKS),
    ]
}

fn role(id: u64) -> &'static Role {
    ROLES
        .iter()
        .copied()
        .find(|role| role.id == id)
        .expect("every role id is one of ROLES")
}

/// A person's guild permissions: @everyone, their roles, their personal permissions.
pub fn base(person: &Person) -> GuildPermissions {
    let roles = person.roles.iter().map(|&id| role(id).permissions);
    resolve::base_permissions(EVERYONE, roles, person.personal, false)
}

/// A person's permissions in a text channel.
pub fn in_channel(person: &Person, channel: &[Overwrite<u64, TextPermissions>]) -> TextPermissions {
    let member = Member::new(person.id, person.roles).with_timeout(person.timed_out);
    resolve::channel_permissions(base(person), &member, channel, &TEXT_POLICY)
}

/// The position of a person's highest role (0, @everyone's, without roles).
pub fn highest_role(person: &Person) -> u32 {
    person
        .roles
        .iter()
        .map(|&id| role(id).position)
        .max()
        .unwrap_or(0)
}

fn main() {
    println!("A guild of seed 002, resolved.\n");
    println!("The default role, @everyone, holds {EVERYONE}.");
    for role in ROLES {
        println!(
            "The role {} (position {}) adds {}.",
            role.name,
            role.position,
            if role.permissions.is_empty() {
                "nothing".to_string()
            } else {
                role.permissions.to_string()
            }
        );
    }

    println!(
        "\nA member's guild permissions are @everyone's, with those of every role they have and their personal ones:"
    );
    for person in PEOPLE {
        let names: Vec<&str> = person.roles.iter().map(|&id| role(id).name).collect();
        let personal = if person.personal.is_empty() {
            String::new()
        } else {
            format!(" and personal {}", person.personal)
        };
        let held = base(person);
        let held = if held.holds_bypass() {
            "every flag, for ADMINISTRATOR bypasses all permission checks".to_string()
        } else {
            held.to_string()
        };
        println!(
            "- {} ({}{personal}) holds {held}.",
            person.name,
            names.join(", ")
        );
    }

    let general = general();
    println!("\nIn #general, a text channel:");
    println!("- the @everyone overwrite denies EMBED_LINKS;");
    println!(
        "- the Muted role's overwrite denies SEND_MESSAGES, while the Event Hosts' allows MENTION_EVERYONE | EMBED_LINKS;"
    );
    println!(
        "- Eve's own overwrite allows SEND_MESSAGES, and a member's overwrite beats their roles'."
    );
    for person in PEOPLE {
        println!("  {} may: {}", person.name, in_channel(person, &general));
    }
    println!("  Ada holds all of it because overwrites never apply to an administrator.");
    println!(
        "  Tim is timed out: he keeps only what the channel's timeout allow-list keeps, {}.",
        TEXT_POLICY.timeout_allow_list().unwrap_or(T::all())
    );

    println!("\nEscalation: Mia, a Moderator (position 3), manages roles.");
    let mia = Actor::new(base(&MIA), highest_role(&MIA));
    let attempts = [
        (
            "assign Muted to Eve",
            mia.check_assign(MUTED.position, MUTED.permissions),
        ),
        (
            "assign Admins to Tim",
            mia.check_assign(ADMINS.position, ADMINS.permissions),
        ),
        (
            "assign Event Hosts to Tim",
            mia.check_assign(EVENT_HOSTS.position, EVENT_HOSTS.permissions),
        ),
        (
            "give Event Hosts MANAGE_GUILD",
            mia.check_edit_role(
                EVENT_HOSTS.position,
                EVENT_HOSTS.permissions,
                EVENT_HOSTS.permissions | G::MANAGE_GUILD,
            ),
        ),
        (
            "remove Moderators from herself",
            mia.check_remove(MODERATORS.position),
        ),
    ];
    for (what, outcome) in attempts {
        match outcome {
            Ok(()) => println!("- Mia may {what}."),
            Err(refused) => println!("- Mia may not {what}: {refused}."),
        }
    }
    let eve = Actor::new(in_channel(&EVE, &general), highest_role(&EVE));
    let before = general[1];
    let after = before.allow(T::MANAGE_MESSAGES);
    match eve.check_overwrite(Some(&before), &after) {
        Ok(()) => println!("- Eve may allow herself MANAGE_MESSAGES in #general."),
        Err(refused) => {
            println!("- Eve may not allow herself MANAGE_MESSAGES in #general: {refused}.")
        }
    }
}
