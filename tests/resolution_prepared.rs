//! The prepared path (`Roles`, `Channel`, `members_with`) against the per-member functions,
//! 10,000 random guilds per property.
//!
//! Guilds are small (a dozen role ids, a few members) so that ids collide: duplicate role
//! ids in the guild and in a member's roles, overwrites for roles nobody holds and members
//! who are not listed, members whose id is also a role's. Sets are any 32 bits of seed 002's
//! guild table, so Administrator (bit 31, bypass) and unknown bits (0-2) come up often; the
//! channel set is either that set itself or the `guild` example's text channel set, which
//! guild permissions map into.

#[allow(dead_code)]
#[path = "../examples/guild.rs"]
mod example;

use example::{GuildPermissions as G, TextPermissions as Text};
use permissions::PermissionSet;
use permissions::resolve::{
    self, Channel, ChannelSet, Member, Overwrite, Policy, Roles, Rule, Target,
};
use proptest::collection::vec;
use proptest::prelude::*;

/// The id that stands for @everyone in the Discord-style constructors: also drawn as an
/// ordinary id below, so that the plain constructors see it as a role nobody holds.
const EVERYONE_ID: u16 = 11;

fn any_guild_set() -> impl Strategy<Value = G> + Clone {
    prop_oneof![
        // Administrator now and then, so that most members resolve overwrites.
        3 => any::<u32>().prop_map(|bits| G::from_bits_retain(bits & !G::ADMINISTRATOR.bits())),
        1 => any::<u32>().prop_map(G::from_bits_retain),
    ]
}

fn any_text_set() -> impl Strategy<Value = Text> + Clone {
    any::<u16>().prop_map(Text::from_bits_retain)
}

/// A guild: @everyone, roles with ids from 0..12 (duplicates unioned), and its members.
#[derive(Clone, Debug)]
struct Guild {
    everyone: G,
    roles: Vec<(u16, G)>,
    members: Vec<Person>,
}

#[derive(Clone, Debug)]
struct Person {
    id: u16,
    roles: Vec<u16>,
    personal: G,
    owner: bool,
    timed_out: bool,
}

impl Person {
    fn member(&self) -> Member<'_, u16> {
        Member::new(self.id, &self.roles)
            .with_owner(self.owner)
            .with_timeout(self.timed_out)
    }
}

impl Guild {
    /// The per-member function's view of a member's roles: every entry with its id.
    fn base(&self, person: &Person) -> G {
        let held = person.roles.iter().flat_map(|id| {
            self.roles
                .iter()
                .filter(move |(role, _)| role == id)
                .map(|(_, set)| *set)
        });
        resolve::base_permissions(self.everyone, held, person.personal, person.owner)
    }

    fn prepared(&self) -> Roles<u16, G> {
        Roles::new(self.everyone, self.roles.iter().copied())
    }

    fn listed(&self) -> impl Iterator<Item = (Member<'_, u16>, G)> {
        self.members.iter().map(|p| (p.member(), p.personal))
    }
}

fn guild() -> impl Strategy<Value = Guild> {
    let person = (
        0..16_u16,
        vec(0..14_u16, 0..6),
        any_guild_set(),
        prop::bool::weighted(0.1),
        any::<bool>(),
    )
        .prop_map(|(id, roles, personal, owner, timed_out)| Person {
            id,
            roles,
            personal,
            owner,
            timed_out,
        });
    (
        any_guild_set(),
        vec((0..12_u16, any_guild_set()), 0..10),
        vec(person, 0..6),
    )
        .prop_map(|(everyone, roles, members)| Guild {
            everyone,
            roles,
            members,
        })
}

fn target() -> impl Strategy<Value = Target<u16>> {
    prop_oneof![
        1 => Just(Target::Everyone),
        4 => (0..14_u16).prop_map(Target::Role),
        2 => (0..16_u16).prop_map(Target::Member),
    ]
}

fn overwrites<C: std::fmt::Debug + Clone>(
    set: impl Strategy<Value = C> + Clone,
) -> impl Strategy<Value = Vec<Overwrite<u16, C>>> {
    vec(
        (target(), set.clone(), set).prop_map(|(t, allow, deny)| Overwrite::new(t, allow, deny)),
        0..12,
    )
}

/// A policy's parts: two rules, maybe a timeout allow-list, maybe flags it always removes.
#[derive(Clone, Debug)]
struct Parts<C> {
    rules: [Rule<C>; 2],
    timeout: Option<C>,
    removed: Option<C>,
}

impl<C: PermissionSet> Parts<C> {
    fn policy(&self) -> Policy<'_, C> {
        let mut policy = Policy::new(&self.rules);
        if let Some(keep) = self.timeout {
            policy = policy.timeout_keeps(keep);
        }
        if let Some(removed) = self.removed {
            policy = policy.removes(removed);
        }
        policy
    }
}

fn parts<C: PermissionSet + std::fmt::Debug>(
    set: impl Strategy<Value = C> + Clone,
    view: C,
) -> impl Strategy<Value = Parts<C>> {
    (
        set.clone(),
        set.clone(),
        prop::option::of(set.clone()),
        prop::option::weighted(0.3, set),
    )
        .prop_map(move |(prerequisite, governed, timeout, removed)| Parts {
            rules: [
                Rule::requires(view),
                Rule::requires(prerequisite).to_keep(governed),
            ],
            timeout,
            removed,
        })
}

/// Checks both prepared paths for every member of `guild` in a channel of `overwrites`,
/// channel set `C`, and `members_with` for `required`.
fn same_in_channel<C>(
    guild: &Guild,
    overwrites: &[Overwrite<u16, C>],
    policy: &Policy<'_, C>,
    required: C,
) -> Result<(), TestCaseError>
where
    C: ChannelSet<G> + std::fmt::Debug,
{
    let roles = guild.prepared();
    let channel = Channel::new(overwrites);
    let mut expected = Vec::new();
    for person in &guild.members {
        let member = person.member();
        let base = guild.base(person);
        prop_assert_eq!(roles.base(&member, person.personal), base);
        let slow = resolve::channel_permissions(base, &member, overwrites, policy);
        prop_assert_eq!(channel.permissions(base, &member, policy), slow);
        if slow.grants(required) {
            expected.push((person.id, slow));
        }
    }
    let listed: Vec<(u16, C)> = channel
        .members_with(&roles, guild.listed(), policy, required)
        .map(|(member, held)| (member.id, held))
        .collect();
    prop_assert_eq!(listed, expected);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn prepared_roles_equal_base_permissions(guild in guild()) {
        let roles = guild.prepared();
        for person in &guild.members {
            prop_assert_eq!(roles.base(&person.member(), person.personal), guild.base(person));
        }
        // Every id given once or more is there, with the union of its entries.
        let distinct: std::collections::BTreeSet<u16> = guild.roles.iter().map(|(id, _)| *id).collect();
        prop_assert_eq!(roles.len(), distinct.len());
        for id in distinct {
            let union = guild.roles.iter().filter(|(r, _)| *r == id).fold(G::empty(), |held, (_, set)| held | *set);
            prop_assert_eq!(roles.get(&id), Some(union));
        }
    }

    #[test]
    fn prepared_channel_equals_channel_permissions(
        guild in guild(),
        overwrites in overwrites(any_guild_set()),
        parts in parts(any_guild_set(), G::SEND_INVITES),
        required in any_guild_set(),
    ) {
        same_in_channel(&guild, &overwrites, &parts.policy(), required)?;
    }

    #[test]
    fn prepared_channel_equals_channel_permissions_in_a_mapped_set(
        guild in guild(),
        overwrites in overwrites(any_text_set()),
        parts in parts(any_text_set(), Text::VIEW_CHANNEL),
        required in prop_oneof![Just(Text::VIEW_CHANNEL), any_text_set()],
    ) {
        same_in_channel(&guild, &overwrites, &parts.policy(), required)?;
    }

    #[test]
    fn guild_level_policies_agree_and_spare_owner_and_bypass(
        guild in guild(),
        parts in parts(any_guild_set(), G::SEND_INVITES),
    ) {
        let roles = guild.prepared();
        let policy = parts.policy();
        for person in &guild.members {
            let member = person.member();
            let base = guild.base(person);
            let resolved = resolve::guild_permissions(base, &member, &policy);
            prop_assert_eq!(roles.permissions(&member, person.personal, &policy), resolved);
            if person.owner || base.holds_bypass() {
                prop_assert_eq!(resolved, G::all());
            } else {
                prop_assert_eq!(resolved, policy.apply(base, person.timed_out));
            }
        }
    }

    #[test]
    fn the_everyone_role_id_works_on_both_paths(
        guild in guild(),
        overwrites in overwrites(any_guild_set()),
        required in any_guild_set(),
    ) {
        // Discord's form: @everyone is a role, and its overwrite a role overwrite, of one id.
        // Members may list EVERYONE_ID among their roles: as @everyone's id it adds nothing.
        let plain: Vec<(u16, G)> = guild.roles.iter().copied().filter(|(id, _)| *id != EVERYONE_ID).collect();
        let roles = Roles::new(guild.everyone, plain.iter().copied());
        let mut listed = plain.clone();
        listed.insert(listed.len() / 2, (EVERYONE_ID, guild.everyone));
        let discord_roles = Roles::with_everyone_role(&EVERYONE_ID, listed);
        prop_assert_eq!(discord_roles.everyone(), guild.everyone);
        prop_assert_eq!(discord_roles.len(), roles.len());

        let as_discord: Vec<Overwrite<u16, G>> = overwrites
            .iter()
            .map(|o| match o.target {
                Target::Everyone => Overwrite::new(Target::Role(EVERYONE_ID), o.allow, o.deny),
                _ => *o,
            })
            .collect();
        // The per-member path converts with `role_or_everyone`.
        let converted: Vec<Overwrite<u16, G>> = as_discord
            .iter()
            .map(|o| match o.target {
                Target::Role(id) => Overwrite::new(Target::role_or_everyone(id, &EVERYONE_ID), o.allow, o.deny),
                _ => *o,
            })
            .collect();
        let channel = Channel::with_everyone_role(&EVERYONE_ID, &as_discord);
        let policy = Policy::NONE;
        for person in &guild.members {
            let member = person.member();
            let base = discord_roles.base(&member, person.personal);
            prop_assert_eq!(base, roles.base(&member, person.personal));
            let slow = resolve::channel_permissions(base, &member, &converted, &policy);
            prop_assert_eq!(channel.permissions(base, &member, &policy), slow);
        }
        let fast: Vec<u16> = channel.members_with(&discord_roles, guild.listed(), &policy, required).map(|(m, _)| m.id).collect();
        let slow: Vec<u16> = guild
            .members
            .iter()
            .filter(|p| {
                let base = roles.base(&p.member(), p.personal);
                resolve::channel_permissions(base, &p.member(), &converted, &policy).grants(required)
            })
            .map(|p| p.id)
            .collect();
        prop_assert_eq!(fast, slow);
    }
}

#[test]
fn prepared_values_are_send_and_sync_and_take_any_input() {
    fn shared<T: Send + Sync>(_: &T) {}
    let roles: Roles<u64, G> = Roles::new(G::empty(), []);
    let channel: Channel<u64, Text> = Channel::new(&[]);
    shared(&roles);
    shared(&channel);
    assert!(roles.is_empty() && channel.is_empty());
    assert_eq!((roles.heap_bytes(), channel.heap_bytes()), (0, 0));
    // An empty guild: the owner and nobody else.
    let members = [
        (Member::new(1_u64, &[]), G::empty()),
        (Member::new(2, &[]).with_owner(true), G::empty()),
    ];
    let viewers: Vec<u64> = channel
        .members_with(&roles, members, &example::TEXT_POLICY, Text::VIEW_CHANNEL)
        .map(|(member, _)| member.id)
        .collect();
    // An empty @everyone carries nothing, but the text channel's default is VIEW_CHANNEL.
    assert_eq!(viewers, [1, 2]);
    assert_eq!(
        channel.permissions(G::empty(), &Member::new(1, &[]), &example::TEXT_POLICY),
        Text::from_guild(G::empty())
    );
}
