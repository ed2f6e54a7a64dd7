//! Differential test: our resolution against twilight-util's `PermissionCalculator`, over
//! random guilds (an @everyone role, roles, the member's roles, channel overwrites, an owner),
//! on both of our paths: the per-member functions and the prepared `Roles` and `Channel`.
//!
//! Runs 10,000 cases by default; `PERMISSIONS_DIFF_CASES=1000000 cargo test --release --test
//! twilight_differential -- --nocapture` runs a million and prints the counts.
//!
//! # What it compares
//!
//! - Guild permissions (`base_permissions`, `Roles::base`) against twilight's `root()`: equal.
//! - Channel permissions (`channel_permissions`, `Channel::permissions`, and `members_with`
//!   for VIEW_CHANNEL) against twilight's `in_channel`: equal once twilight's departures
//!   below are expressed in our public API, and nothing else is adjusted.
//! - Discord's wire form goes in unchanged: @everyone is the role whose id is the guild's,
//!   and its overwrite a role overwrite of that id. The per-member path converts it with
//!   `Target::role_or_everyone`; the prepared path takes it with `Roles::with_everyone_role`
//!   and `Channel::with_everyone_role`.
//!
//! Not compared: timeouts (twilight's calculator has none).
//!
//! # twilight-util's known departures from Discord's documented algorithm
//!
//! 1. **Guild-only flags in channels.** In a channel, twilight removes the nine flags that
//!    only mean something guild-wide (its `PERMISSIONS_ROOT_ONLY`: BAN_MEMBERS, KICK_MEMBERS,
//!    ...), even where an overwrite allows them; Discord's algorithm keeps them, and so do
//!    we. Expressed here as a policy that [`removes`](Policy::removes) [`ROOT_ONLY`]: it
//!    spares the owner and Administrators, as twilight does.
//! 2. **Channel-type flags.** Twilight removes voice flags in text channels and so on. We
//!    resolve in a forum channel, a type it removes nothing from; a caller that wants this
//!    declares the type's mask with `Policy::removes` too.
//! 3. **Implicit rules only after a role or member deny.** Twilight applies "without
//!    VIEW_CHANNEL, nothing" and "without SEND_MESSAGES, no messaging extras" only when a
//!    role or member overwrite denied the flag (its fix for twilight#1823), so it keeps the
//!    channel's other permissions after an @everyone deny of VIEW_CHANNEL, or when no role
//!    ever granted it. Ours declare the rules as data ([`DISCORD_POLICY`]) and apply them to
//!    the resolved set, as Discord documents. So ours with the rules off must contain
//!    twilight's result, and ours with the rules on must equal twilight's result closed under
//!    the same rules.
//! 4. **Duplicate overwrites of one target.** Twilight applies them one after another in
//!    stored order; ours union them, so order never matters. Discord sends at most one per
//!    target, and the generated guilds keep to that; within it, stored order is shuffled.

mod common;

use std::cell::Cell;

use common::discord::{
    DISCORD_POLICY, DiscordPermissions as D, RawOverwrite, our_overwrite, twilight_overwrite,
    wire_overwrite,
};
use permissions::PermissionSet;
use permissions::resolve::{self, Channel, Member, Overwrite, Policy, Roles};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use twilight_model::channel::ChannelType;
use twilight_model::channel::permission_overwrite::{PermissionOverwrite, PermissionOverwriteType};
use twilight_model::guild::Permissions;
use twilight_model::id::Id;
use twilight_util::permission_calculator::PermissionCalculator;

/// Twilight's `PERMISSIONS_ROOT_ONLY`, which it removes in channels (departure 1).
const ROOT_ONLY: D = D::ADMINISTRATOR
    .union(D::BAN_MEMBERS)
    .union(D::CHANGE_NICKNAME)
    .union(D::KICK_MEMBERS)
    .union(D::MANAGE_GUILD_EXPRESSIONS)
    .union(D::MANAGE_GUILD)
    .union(D::MANAGE_NICKNAMES)
    .union(D::VIEW_AUDIT_LOG)
    .union(D::VIEW_GUILD_INSIGHTS);

/// A channel type twilight removes no flags from (departure 2).
const CHANNEL_TYPE: ChannelType = ChannelType::GuildForum;

const GUILD: u64 = 1_000;
/// Role ids are `FIRST_ID + index`; member ids overlap them on purpose, since overwrites tell
/// roles from members by kind, not by id.
const FIRST_ID: u64 = 10;
const MEMBERS: u64 = 8;

/// Departure 1 in our terms, with Discord's implicit rules off and on.
const ROOT_ONLY_REMOVED: Policy<'static, D> = Policy::NONE.removes(ROOT_ONLY);
const TWILIGHT_POLICY: Policy<'static, D> = DISCORD_POLICY.removes(ROOT_ONLY);

/// One random guild, one member, one channel.
#[derive(Clone, Debug)]
struct Case {
    everyone: u64,
    /// The guild's roles' permissions; role `i` has id `FIRST_ID + i`.
    roles: Vec<u64>,
    /// The member's roles, as role ids (any order, duplicates possible).
    member_roles: Vec<u64>,
    member: u64,
    owner: Option<u64>,
    /// `(kind, id, allow, deny)`, in stored order.
    overwrites: Vec<RawOverwrite>,
}

/// Random flags: dense, sparse or none, with ADMINISTRATOR rare so that most cases resolve
/// overwrites instead of short-circuiting to `all()`.
fn flags() -> impl Strategy<Value = u64> {
    let admin = D::ADMINISTRATOR.bits();
    let bits = prop_oneof![
        3 => any::<u64>(),
        2 => (any::<u64>(), any::<u64>()).prop_map(|(a, b)| a & b),
        1 => Just(0),
    ];
    (bits, 0..60_u8).prop_map(move |(bits, roll)| {
        let bits = bits & D::all().bits();
        if roll == 0 {
            bits | admin
        } else {
            bits & !admin
        }
    })
}

fn overwrite() -> impl Strategy<Value = Option<(u64, u64)>> {
    option::weighted(0.6, (flags(), flags()))
}

fn case() -> impl Strategy<Value = Case> {
    (
        flags(),
        vec((flags(), overwrite()), 0..40),
        overwrite(),
        vec(overwrite(), MEMBERS as usize),
        0..MEMBERS,
        vec(any::<prop::sample::Index>(), 0..20),
        0..10_u8,
    )
        .prop_flat_map(
            |(everyone, roles, everyone_ow, member_ows, member, picks, owner)| {
                let member = FIRST_ID + member;
                let member_roles: Vec<u64> = if roles.is_empty() {
                    Vec::new()
                } else {
                    picks
                        .iter()
                        .map(|pick| FIRST_ID + pick.index(roles.len()) as u64)
                        .collect()
                };
                let owner = match owner {
                    0 => Some(member),
                    1..=3 => Some(member + MEMBERS),
                    _ => None,
                };
                let mut overwrites = Vec::new();
                if let Some((allow, deny)) = everyone_ow {
                    overwrites.push((PermissionOverwriteType::Role, GUILD, allow, deny));
                }
                for (i, (_, ow)) in roles.iter().enumerate() {
                    if let Some((allow, deny)) = ow {
                        let id = FIRST_ID + i as u64;
                        overwrites.push((PermissionOverwriteType::Role, id, *allow, *deny));
                    }
                }
                for (i, ow) in member_ows.iter().enumerate() {
                    if let Some((allow, deny)) = ow {
                        let id = FIRST_ID + i as u64;
                        overwrites.push((PermissionOverwriteType::Member, id, *allow, *deny));
                    }
                }
                let roles: Vec<u64> = roles.into_iter().map(|(perms, _)| perms).collect();
                Just(overwrites)
                    .prop_shuffle()
                    .prop_map(move |overwrites| Case {
                        everyone,
                        roles: roles.clone(),
                        member_roles: member_roles.clone(),
                        member,
                        owner,
                        overwrites,
                    })
            },
        )
}

#[derive(Default)]
struct Counts {
    cases: Cell<u64>,
    bypass: Cell<u64>,
    overwrites: Cell<u64>,
    /// Cases where twilight's implicit rules and ours (switched off) differed.
    rules_differed: Cell<u64>,
    /// Cases where our rules changed our result.
    rules_fired: Cell<u64>,
    /// Cases with more than 32 overwrites, which take the resolver's branch-free pass.
    many_overwrites: Cell<u64>,
}

fn bump(cell: &Cell<u64>) {
    cell.set(cell.get() + 1);
}

fn compare(case: &Case, counts: &Counts) -> Result<(), TestCaseError> {
    // Twilight's view.
    let member_roles: Vec<_> = case
        .member_roles
        .iter()
        .map(|&id| {
            let perms = case.roles[(id - FIRST_ID) as usize];
            (Id::new(id), Permissions::from_bits_truncate(perms))
        })
        .collect();
    let twilight_overwrites: Vec<_> = case
        .overwrites
        .iter()
        .map(|&raw| twilight_overwrite(raw))
        .collect();
    let mut calculator = PermissionCalculator::new(
        Id::new(GUILD),
        Id::new(case.member),
        Permissions::from_bits_truncate(case.everyone),
        &member_roles,
    );
    if let Some(owner) = case.owner {
        calculator = calculator.owner_id(Id::new(owner));
    }
    let twilight_root = D::from_bits_retain(calculator.root().bits());
    let twilight_channel = D::from_bits_retain(
        calculator
            .in_channel(CHANNEL_TYPE, &twilight_overwrites)
            .bits(),
    );

    // Ours, per member.
    let is_owner = case.owner == Some(case.member);
    let base = resolve::base_permissions(
        D::from_bits_retain(case.everyone),
        case.member_roles
            .iter()
            .map(|&id| D::from_bits_retain(case.roles[(id - FIRST_ID) as usize])),
        D::empty(),
        is_owner,
    );
    let overwrites: Vec<Overwrite<u64, D>> = case
        .overwrites
        .iter()
        .map(|&raw| our_overwrite(GUILD, raw))
        .collect();
    let member = Member::new(case.member, &case.member_roles).with_owner(is_owner);
    let ours_off = resolve::channel_permissions(base, &member, &overwrites, &ROOT_ONLY_REMOVED);
    let ours_on = resolve::channel_permissions(base, &member, &overwrites, &TWILIGHT_POLICY);

    prop_assert_eq!(base, twilight_root, "root permissions");

    // Ours, prepared, from Discord's wire form.
    let roles = Roles::with_everyone_role(
        &GUILD,
        std::iter::once((GUILD, D::from_bits_retain(case.everyone))).chain(
            case.roles
                .iter()
                .enumerate()
                .map(|(i, &perms)| (FIRST_ID + i as u64, D::from_bits_retain(perms))),
        ),
    );
    let wire: Vec<Overwrite<u64, D>> = case
        .overwrites
        .iter()
        .map(|&raw| wire_overwrite(raw))
        .collect();
    let channel = Channel::with_everyone_role(&GUILD, &wire);
    prop_assert_eq!(
        roles.base(&member, D::empty()),
        base,
        "prepared root permissions"
    );
    prop_assert_eq!(
        channel.permissions(base, &member, &ROOT_ONLY_REMOVED),
        ours_off
    );
    prop_assert_eq!(
        channel.permissions(base, &member, &TWILIGHT_POLICY),
        ours_on
    );
    let viewers: Vec<D> = channel
        .members_with(
            &roles,
            [(member, D::empty())],
            &TWILIGHT_POLICY,
            D::VIEW_CHANNEL,
        )
        .map(|(_, held)| held)
        .collect();
    let twilight_views = twilight_channel.contains(D::VIEW_CHANNEL);
    prop_assert_eq!(
        viewers.len(),
        usize::from(twilight_views),
        "members_with VIEW_CHANNEL"
    );

    bump(&counts.cases);
    if !case.overwrites.is_empty() {
        bump(&counts.overwrites);
    }
    if case.overwrites.len() > 32 {
        bump(&counts.many_overwrites);
    }
    if is_owner || base.holds_bypass() {
        bump(&counts.bypass);
        // Twilight's all(), and ours: the removal spares bypass.
        prop_assert_eq!(twilight_channel, D::all());
        prop_assert_eq!(ours_off, D::all());
        prop_assert_eq!(ours_on, D::all());
        return Ok(());
    }
    // Departure 3: twilight's implicit rules only ever remove flags, and only what our rules
    // remove too.
    prop_assert!(
        ours_off.contains(twilight_channel),
        "twilight holds flags ours does not: {:?}",
        twilight_channel.difference(ours_off)
    );
    prop_assert_eq!(DISCORD_POLICY.apply(ours_off, false), ours_on);
    prop_assert_eq!(
        DISCORD_POLICY.apply(twilight_channel, false),
        ours_on,
        "in channel, rules on (twilight closed under our rules)"
    );
    if ours_off != twilight_channel {
        bump(&counts.rules_differed);
    }
    if ours_off != ours_on {
        bump(&counts.rules_fired);
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PERMISSIONS_DIFF_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(10_000)
}

#[test]
fn ours_matches_twilight_over_random_guilds() {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let counts = Counts::default();
    let result = runner.run(&case(), |case| compare(&case, &counts));
    if let Err(failure) = result {
        panic!("mismatch against twilight: {failure}");
    }
    println!(
        "twilight differential: {} cases, 0 mismatches; {} with overwrites ({} with more than \
         32), {} bypass or owner, {} where our rules fired, {} where twilight's implicit rules \
         differed from ours off",
        counts.cases.get(),
        counts.overwrites.get(),
        counts.many_overwrites.get(),
        counts.bypass.get(),
        counts.rules_fired.get(),
        counts.rules_differed.get(),
    );
    // The counts above would all be 0 if generation went wrong; make sure each path ran.
    let cases = u64::from(cases());
    assert_eq!(counts.cases.get(), cases);
    assert!(counts.bypass.get() > 0 && counts.bypass.get() < cases / 2);
    assert!(counts.rules_fired.get() > 0 && counts.rules_differed.get() > 0);
    assert!(counts.many_overwrites.get() > 0);
}

#[test]
fn the_table_is_twilights() {
    assert_eq!(D::all().bits(), Permissions::all().bits());
    for row in D::ROWS {
        let name = match row.name() {
            "USE_APPLICATION_COMMANDS" => "USE_SLASH_COMMANDS",
            name => name,
        };
        let theirs = Permissions::from_name(name).map(|p| p.bits());
        assert_eq!(theirs, Some(row.value().bits()), "{}", row.name());
    }
    assert_eq!(D::BYPASS.bits(), Permissions::ADMINISTRATOR.bits());
}

#[test]
fn twilight_1823_member_allow_beats_role_deny_in_both() {
    // A member with one role; the role's overwrite denies VIEW_CHANNEL, the member's allows it.
    let everyone = Permissions::VIEW_CHANNEL | Permissions::SEND_MESSAGES;
    let roles = [(Id::new(FIRST_ID), Permissions::empty())];
    let overwrites = [
        PermissionOverwrite {
            allow: Permissions::empty(),
            deny: Permissions::VIEW_CHANNEL,
            id: Id::new(FIRST_ID),
            kind: PermissionOverwriteType::Role,
        },
        PermissionOverwrite {
            allow: Permissions::VIEW_CHANNEL,
            deny: Permissions::empty(),
            id: Id::new(FIRST_ID + 1),
            kind: PermissionOverwriteType::Member,
        },
    ];
    let theirs = PermissionCalculator::new(Id::new(GUILD), Id::new(FIRST_ID + 1), everyone, &roles)
        .in_channel(CHANNEL_TYPE, &overwrites);
    assert_eq!(theirs, everyone);

    let ours = resolve::channel_permissions(
        D::VIEW_CHANNEL | D::SEND_MESSAGES,
        &Member::new(FIRST_ID + 1, &[FIRST_ID]),
        &[
            Overwrite::role(FIRST_ID).deny(D::VIEW_CHANNEL),
            Overwrite::member(FIRST_ID + 1).allow(D::VIEW_CHANNEL),
        ],
        &DISCORD_POLICY,
    );
    assert_eq!(ours.bits(), everyone.bits());
}
