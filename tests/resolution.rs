//! Resolution with the seeds' own values: Tox Mod's 0x0112 default and additive roles (seed
//! 001), seed 002's guild with Administrator at bit 31 and the text channel of the
//! `guild` example.

#[allow(dead_code)]
#[path = "../examples/guild.rs"]
mod example;
#[allow(dead_code)]
#[path = "../examples/tox_mod.rs"]
mod tox_mod;

use tox_mod::ToxPermissions as T;
// The example includes examples/guild_permissions.rs itself; its GuildPermissions is the one its text
// channel maps from.
use example::{ADA, EVE, GuildPermissions as G, MIA, TEXT_POLICY, TIM, TextPermissions as Text};
use permissions::resolve::{
    Action, Actor, ChannelSet, Escalation, Member, Overwrite, Policy, Reason, Target,
    base_permissions, channel_permissions,
};
use permissions::{PermissionSet, Requirement};

#[test]
fn tox_base_is_the_default_unioned_with_roles_and_personal_permissions() {
    // "The default permission value for a new guild is `0x0112`."
    assert_eq!(
        base_permissions(T::DEFAULT, [], T::empty(), false).bits(),
        0x0112
    );
    // "a user's permissions are always exactly the union of their personal permissions and the
    // permissions of every role that they have"
    let purger = T::EXEC_PURGE_CMD;
    let log_reader = T::VIEW_PRIVATE_LOGS | T::VIEW_PUBLIC_LOGS;
    let member = base_permissions(T::DEFAULT, [purger, log_reader], T::MANAGE_SETTINGS, false);
    assert_eq!(member.bits(), 0x0112 | 0x0400 | 0x0006 | 0x0200);
    assert!(member.grants(T::EXEC_PURGE_CMD));
    assert!(!member.grants(T::REVERT_LOG_ACTIONS));
}

#[test]
fn tox_administrator_and_the_owner_hold_everything() {
    let admin = base_permissions(T::DEFAULT, [T::ADMINISTRATOR], T::empty(), false);
    assert_eq!(admin, T::all());
    assert_eq!(admin.bits(), 0x071F);
    let personal_admin = base_permissions(T::empty(), [], T::ADMINISTRATOR, false);
    assert_eq!(personal_admin, T::all());
    assert_eq!(base_permissions(T::empty(), [], T::empty(), true), T::all());
}

#[test]
fn tox_channel_overwrites_take_the_composite_default_apart() {
    // A read-only channel: @everyone may not send, which takes all three bits of 0x0112.
    let channel = [Overwrite::everyone().deny(T::SEND_MESSAGES)];
    let member = Member::new(1_u64, &[]);
    let held = channel_permissions(T::DEFAULT, &member, &channel, &Policy::NONE);
    assert_eq!(held, T::empty());
    // Allowing VIEW_SETTINGS back keeps one bit of the composite: not enough to send.
    let channel = [Overwrite::everyone()
        .deny(T::SEND_MESSAGES)
        .allow(T::VIEW_SETTINGS)];
    let held = channel_permissions(T::DEFAULT, &member, &channel, &Policy::NONE);
    assert_eq!(held.bits(), 0x0100);
    assert!(!held.grants(T::SEND_MESSAGES));
}

#[test]
fn guild_administrator_at_bit_31_ignores_overwrites() {
    let admin = base_permissions(G::empty(), [G::ADMINISTRATOR], G::empty(), false);
    assert_eq!(admin, G::all());
    assert_eq!(admin.bits(), 0xFFFF_FFF8, "bits 0-2 are not used");
    let lockdown = [Overwrite::everyone().deny(G::all())];
    let member = Member::new(9_u64, &[]);
    assert_eq!(
        channel_permissions(admin, &member, &lockdown, &Policy::NONE),
        G::all()
    );
    let kicker = G::KICK_MEMBERS;
    assert_eq!(
        channel_permissions(kicker, &member, &lockdown, &Policy::NONE),
        G::empty()
    );
}

#[test]
fn an_overwrite_never_grants_administrator() {
    let channel = [Overwrite::role(5_u64).allow(G::ADMINISTRATOR | G::BAN_MEMBERS)];
    let member = Member::new(1_u64, &[5]);
    let held = channel_permissions(G::SEND_INVITES, &member, &channel, &Policy::NONE);
    assert_eq!(held, G::SEND_INVITES | G::BAN_MEMBERS);
    assert!(!held.holds_bypass());
    assert!(!held.grants(G::MANAGE_GUILD));
}

#[test]
fn role_overwrites_are_unioned_not_applied_in_stored_order() {
    // One of the member's roles denies BAN_MEMBERS, another allows it: the allow wins, in
    // whichever order they are stored (libraries that apply them one by one get this wrong).
    let deny = Overwrite::role(1_u64).deny(G::BAN_MEMBERS);
    let allow = Overwrite::role(2_u64).allow(G::BAN_MEMBERS);
    let member = Member::new(7_u64, &[1, 2]);
    for channel in [[deny, allow], [allow, deny]] {
        let held = channel_permissions(G::empty(), &member, &channel, &Policy::NONE);
        assert_eq!(held, G::BAN_MEMBERS);
    }
    // Overwrites of roles the member does not have change nothing.
    let stranger = Member::new(8_u64, &[3]);
    let held = channel_permissions(G::KICK_MEMBERS, &stranger, &[deny, allow], &Policy::NONE);
    assert_eq!(held, G::KICK_MEMBERS);
}

#[test]
fn levels_apply_in_discords_order() {
    let channel = [
        Overwrite::member(7_u64).deny(G::KICK_MEMBERS),
        Overwrite::role(1).allow(G::KICK_MEMBERS | G::BAN_MEMBERS),
        Overwrite::everyone().deny(G::BAN_MEMBERS | G::SEND_INVITES),
    ];
    let member = Member::new(7_u64, &[1]);
    let base = G::SEND_INVITES | G::BAN_MEMBERS;
    // @everyone takes BAN and SEND_INVITES; the role gives BAN and KICK back; the member's own
    // overwrite takes KICK again.
    assert_eq!(
        channel_permissions(base, &member, &channel, &Policy::NONE),
        G::BAN_MEMBERS
    );
}

#[test]
fn the_text_channel_maps_guild_permissions_in() {
    assert_eq!(
        Text::from_guild(G::empty()),
        Text::DEFAULT,
        "every member starts from the channel default"
    );
    let moderator = Text::from_guild(G::MANAGE_CHANNELS | G::SEND_INVITES);
    assert!(
        moderator.contains(Text::MANAGE_MESSAGES | Text::MENTION_EVERYONE | Text::CREATE_INVITE)
    );
}

#[test]
fn the_example_guild_resolves_as_its_prose_says() {
    let general = example::general();
    assert_eq!(example::in_channel(&ADA, &general), Text::all());
    // Eve's member overwrite allows SEND_MESSAGES over the Muted role's deny (twilight#1823).
    let eve = example::in_channel(&EVE, &general);
    assert!(eve.contains(Text::SEND_MESSAGES | Text::ATTACH_FILES));
    // The Event Hosts' allow beats @everyone's deny of EMBED_LINKS; Mia has no such role.
    assert!(eve.contains(Text::EMBED_LINKS));
    let mia = example::in_channel(&MIA, &general);
    assert!(!mia.contains(Text::EMBED_LINKS));
    assert!(mia.contains(Text::MANAGE_MESSAGES));
    // Tim is timed out: he reads, nothing more.
    assert_eq!(
        example::in_channel(&TIM, &general),
        Text::VIEW_CHANNEL | Text::READ_HISTORY
    );
}

#[test]
fn implicit_rules_look_at_what_is_held_in_the_end() {
    let mut member = Member::new(3_u64, &[10]);
    // Without VIEW_CHANNEL, nothing else, whichever level took it.
    let hidden = [Overwrite::everyone().deny(Text::VIEW_CHANNEL)];
    assert_eq!(
        channel_permissions(G::empty(), &member, &hidden, &TEXT_POLICY),
        Text::empty()
    );
    // A member overwrite that allows it back beats a role deny.
    let back = [
        Overwrite::role(10).deny(Text::VIEW_CHANNEL),
        Overwrite::member(3).allow(Text::VIEW_CHANNEL),
    ];
    assert_eq!(
        channel_permissions(G::empty(), &member, &back, &TEXT_POLICY),
        Text::DEFAULT
    );
    // Without SEND_MESSAGES no files, embeds or @everyone mentions, but reactions stay.
    let quiet = [Overwrite::role(10).deny(Text::SEND_MESSAGES)];
    let held = channel_permissions(G::MANAGE_CHANNELS, &member, &quiet, &TEXT_POLICY);
    assert!(!held.intersects(Text::ATTACH_FILES | Text::EMBED_LINKS | Text::MENTION_EVERYONE));
    assert!(held.contains(Text::ADD_REACTIONS | Text::MANAGE_MESSAGES));
    // Timeouts spare a guild Administrator.
    member = member.with_timeout(true);
    assert_eq!(
        channel_permissions(G::ADMINISTRATOR, &member, &quiet, &TEXT_POLICY),
        Text::all()
    );
    assert_eq!(
        channel_permissions(G::empty(), &member, &[], &TEXT_POLICY),
        Text::VIEW_CHANNEL | Text::READ_HISTORY
    );
}

#[test]
fn members_with_more_roles_than_one_index_holds() {
    let roles: Vec<u64> = (0..300).map(|i| 1_000_000 + i * 37).collect();
    let last = *roles.last().unwrap_or(&0);
    let channel = [
        Overwrite::role(last).allow(G::BAN_MEMBERS),
        Overwrite::role(roles[200]).deny(G::SEND_INVITES),
        Overwrite::role(1).allow(G::MANAGE_GUILD),
    ];
    let member = Member::new(1_u64, &roles);
    assert_eq!(
        channel_permissions(G::SEND_INVITES, &member, &channel, &Policy::NONE),
        G::BAN_MEMBERS
    );
}

/// Unknown bits are kept where they are stored (a role, personal permissions, an overwrite),
/// but never reach a resolved set: no plain member holds a bit that the owner's `all()` lacks.
#[test]
fn unknown_bits_never_reach_a_resolved_set() {
    let unused = G::from_bits_retain(0b111);
    let channel = [Overwrite::member(1_u64).allow(unused)];
    let member = Member::new(1, &[]);
    let held = channel_permissions(G::KICK_MEMBERS, &member, &channel, &Policy::NONE);
    assert_eq!(held, G::KICK_MEMBERS);
    assert!(held.check(&Requirement::All(G::KICK_MEMBERS)).is_ok());
    let base = base_permissions(G::empty(), [unused | G::BAN_MEMBERS], unused, false);
    assert_eq!(base, G::BAN_MEMBERS);
    let owner = base_permissions(G::empty(), [unused], unused, true);
    assert_eq!(owner, G::all());
    assert!(G::all().bits() & 0b111 == 0 && owner.contains(base));
}

#[test]
fn escalations_are_refused_with_reasons() {
    // Seed 002: "Allows the user to assign roles with lower permissions to a user".
    let moderator = Actor::new(G::ASSIGN_ROLES | G::REMOVE_ROLES | G::KICK_MEMBERS, 3_u32);
    assert!(moderator.check_assign(2, G::KICK_MEMBERS).is_ok());
    assert!(moderator.check_remove(1).is_ok());

    let above = moderator.check_assign(3, G::empty()).unwrap_err();
    assert_eq!(above.action(), Action::AssignRole);
    assert_eq!(
        above.reason(),
        Reason::RoleNotBelow {
            role: 3,
            highest: 3
        }
    );
    assert_eq!(
        above.to_string(),
        "refused to assign the role at position 3: it is not below your highest role, at position 3"
    );

    let richer = moderator
        .check_assign(1, G::BAN_MEMBERS | G::KICK_MEMBERS)
        .unwrap_err();
    assert_eq!(
        richer.to_string(),
        "refused to assign the role: it would grant BAN_MEMBERS, which you do not hold"
    );

    let edit = moderator
        .check_edit_role(
            2,
            G::KICK_MEMBERS,
            G::KICK_MEMBERS | G::MANAGE_GUILD | G::VIEW_INSIGHTS,
        )
        .unwrap_err();
    assert_eq!(
        edit.to_string(),
        "refused to edit the role: it would change VIEW_INSIGHTS | MANAGE_GUILD, which you do not hold"
    );
    let error: Box<dyn std::error::Error> = Box::new(edit);
    assert!(error.to_string().starts_with("refused to edit the role"));

    // An administrator may grant anything, but is still bound by the role hierarchy.
    let admin = Actor::new(G::ADMINISTRATOR, 5_u32);
    assert!(admin.check_edit_role(4, G::empty(), G::all()).is_ok());
    assert!(admin.check_remove(5).is_err());
    // The owner is bound by neither.
    assert!(admin.with_owner(true).check_remove(9).is_ok());
}

#[test]
fn overwrite_edits_need_the_flags_they_touch_and_never_allow_bypass() {
    let mia = Actor::new(example::in_channel(&MIA, &example::general()), 3_u32);
    let muted = Overwrite::role(10_u64).deny(Text::SEND_MESSAGES);
    assert!(mia.check_overwrite(None, &muted).is_ok());
    let refused: Escalation<Text, u32> = mia
        .check_overwrite(Some(&muted), &muted.allow(Text::EMBED_LINKS))
        .unwrap_err();
    assert_eq!(
        refused.reason(),
        Reason::NotHeld {
            flags: Text::EMBED_LINKS
        }
    );

    let owner = Actor::new(G::all(), 0_u32).with_owner(true);
    let escalate = Overwrite::new(Target::Member(4_u64), G::ADMINISTRATOR, G::empty());
    assert_eq!(
        owner
            .check_overwrite(None, &escalate)
            .unwrap_err()
            .to_string(),
        "refused to edit the overwrite: an overwrite can never allow ADMINISTRATOR, a bypass flag"
    );
}
