//! Properties of resolution, 10,000 cases each, over seed 002's guild set (Administrator at
//! bit 31 bypasses; bits 0-2 are unused, so random sets carry unknown bits too, which never
//! reach a resolved set).
//!
//! The strongest one compares the resolver with a plain O(R·O) model of the contract; the
//! others state one rule of the contract each, so that a failure names the rule.

mod common;

use common::guild::GuildPermissions as G;
use permissions::PermissionSet;
use permissions::resolve::{
    self, Actor, Member, Overwrite, Policy, Reason, Rule, Target, base_permissions,
    channel_permissions,
};
use proptest::collection::vec;
use proptest::prelude::*;

/// Any 32 bits, ADMINISTRATOR (bit 31) included half the time, unknown bits 0-2 too.
fn any_set() -> impl Strategy<Value = G> {
    any::<u32>().prop_map(G::from_bits_retain)
}

/// Like [`any_set`] but never a bypass holder.
fn plain_set() -> impl Strategy<Value = G> {
    any_set().prop_map(|set| set.difference(G::ADMINISTRATOR))
}

/// Ids from a small space, so that targets collide with the member and its roles.
fn target() -> impl Strategy<Value = Target<u16>> {
    prop_oneof![
        1 => Just(Target::Everyone),
        4 => (0..12_u16).prop_map(Target::Role),
        2 => (0..4_u16).prop_map(Target::Member),
    ]
}

/// Overwrites in any number, duplicates of a target included: up to 60, so that both the
/// branching pass (at most 32) and the branch-free one run.
fn overwrites() -> impl Strategy<Value = Vec<Overwrite<u16, G>>> {
    fn overwrite() -> impl Strategy<Value = Overwrite<u16, G>> {
        (target(), any_set(), any_set()).prop_map(|(t, allow, deny)| Overwrite::new(t, allow, deny))
    }
    prop_oneof![
        6 => vec(overwrite(), 0..8),
        2 => vec(overwrite(), 0..60),
        // Past the 64 overwrites that the resolver sorts at a time.
        1 => vec(overwrite(), 60..200),
    ]
}

/// The member's roles: usually a few of the 12, sometimes past the 126 that one index holds.
fn roles() -> impl Strategy<Value = Vec<u16>> {
    prop_oneof![
        8 => vec(0..12_u16, 0..6),
        1 => vec(0..200_u16, 120..160),
    ]
}

/// The contract, written the slow and obvious way: scan the member's roles per overwrite.
fn model(base: G, member: u16, roles: &[u16], overwrites: &[Overwrite<u16, G>]) -> G {
    let mut levels = [(G::empty(), G::empty()); 3];
    for overwrite in overwrites {
        let level = match overwrite.target {
            Target::Everyone => 0,
            Target::Role(id) if roles.contains(&id) => 1,
            Target::Member(id) if id == member => 2,
            _ => continue,
        };
        levels[level].0 |= overwrite.deny;
        levels[level].1 |= overwrite.allow;
    }
    let held = levels.iter().fold(base, |held, (deny, allow)| {
        held.difference(*deny)
            .union(allow.difference(G::ADMINISTRATOR))
    });
    held & G::all()
}

const NONE: Policy<'static, G> = Policy::NONE;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn matches_the_obvious_model(
        base in plain_set(),
        member in 0..4_u16,
        roles in roles(),
        overwrites in overwrites(),
    ) {
        let resolved = channel_permissions(base, &Member::new(member, &roles), &overwrites, &NONE);
        prop_assert_eq!(resolved, model(base, member, &roles, &overwrites));
    }

    #[test]
    fn stored_order_never_matters(
        base in plain_set(),
        member in 0..4_u16,
        roles in roles(),
        (overwrites, shuffled) in overwrites().prop_flat_map(|o| (Just(o.clone()), Just(o).prop_shuffle())),
        reversed_roles in any::<bool>(),
    ) {
        let mut other_roles = roles.clone();
        if reversed_roles {
            other_roles.reverse();
        }
        let one = channel_permissions(base, &Member::new(member, &roles), &overwrites, &NONE);
        let other = channel_permissions(base, &Member::new(member, &other_roles), &shuffled, &NONE);
        prop_assert_eq!(one, other);
    }

    #[test]
    fn base_is_the_union_of_default_roles_and_personal(
        everyone in any_set(),
        role_sets in vec(any_set(), 0..8),
        personal in any_set(),
        owner in any::<bool>(),
    ) {
        let base = base_permissions(everyone, role_sets.iter().copied(), personal, owner);
        let union = role_sets.iter().fold(everyone | personal, |held, role| held | *role);
        if owner || union.holds_bypass() {
            prop_assert_eq!(base, G::all());
        } else {
            prop_assert_eq!(base, union & G::all());
        }
        // Purely additive: one more role never takes anything away, and order is irrelevant.
        let more = base_permissions(everyone, role_sets.iter().copied().chain([G::MANAGE_GUILD]), personal, owner);
        prop_assert!(more.contains(base));
        let reversed = base_permissions(everyone, role_sets.iter().rev().copied(), personal, owner);
        prop_assert_eq!(reversed, base);
    }

    #[test]
    fn each_level_denies_then_allows(base in plain_set(), allow in any_set(), deny in any_set(), level in 0..3_u8) {
        let target = [Target::Everyone, Target::Role(1), Target::Member(0)][usize::from(level)];
        let overwrites = [Overwrite::new(target, allow, deny)];
        let resolved = channel_permissions(base, &Member::new(0_u16, &[1]), &overwrites, &NONE);
        prop_assert_eq!(resolved, (base.difference(deny) | allow.difference(G::ADMINISTRATOR)) & G::all());
    }

    #[test]
    fn the_member_beats_its_roles_and_the_roles_beat_everyone(
        base in plain_set(),
        roles in roles(),
        overwrites in overwrites(),
    ) {
        let resolved = channel_permissions(base, &Member::new(0_u16, &roles), &overwrites, &NONE);
        let (mut own_allow, mut own_deny, mut role_allow, mut role_deny) = (G::empty(), G::empty(), G::empty(), G::empty());
        for overwrite in &overwrites {
            match overwrite.target {
                Target::Member(0) => { own_allow |= overwrite.allow; own_deny |= overwrite.deny; }
                Target::Role(id) if roles.contains(&id) => { role_allow |= overwrite.allow; role_deny |= overwrite.deny; }
                _ => {}
            }
        }
        // Every known flag but the bypass flag.
        let grantable = G::all() - G::ADMINISTRATOR;
        // A member allow holds whatever its roles and @everyone deny.
        prop_assert!(resolved.contains(own_allow & grantable));
        // A member deny the member does not also allow holds over every role allow.
        prop_assert!(!resolved.intersects(own_deny - own_allow));
        // A role allow holds over @everyone's deny unless the member's own overwrite denies it.
        prop_assert!(resolved.contains((role_allow - own_deny) & grantable));
        prop_assert!(!resolved.intersects(role_deny - role_allow - own_allow));
    }

    #[test]
    fn bypass_ignores_overwrites_and_overwrites_never_grant_it(
        base in any_set(),
        owner in any::<bool>(),
        roles in roles(),
        overwrites in overwrites(),
    ) {
        let member = Member::new(0_u16, &roles).with_owner(owner);
        let resolved = channel_permissions(base, &member, &overwrites, &NONE);
        if owner || base.holds_bypass() {
            prop_assert_eq!(resolved, G::all());
        } else {
            prop_assert!(!resolved.holds_bypass());
        }
    }

    #[test]
    fn policies_only_take_away_and_timeouts_spare_bypass(
        base in any_set(),
        keep in any_set(),
        prerequisite in any_set(),
        governed in any_set(),
        removed in any_set(),
        timed_out in any::<bool>(),
        overwrites in overwrites(),
    ) {
        let rules = [Rule::requires(G::MANAGE_CHANNELS), Rule::requires(prerequisite).to_keep(governed)];
        let policy = Policy::new(&rules).timeout_keeps(keep).removes(removed);
        let member = Member::new(0_u16, &[]).with_timeout(timed_out);
        let without = channel_permissions(base, &member, &overwrites, &NONE);
        let with = channel_permissions(base, &member, &overwrites, &policy);
        prop_assert!(without.contains(with));
        if base.holds_bypass() {
            prop_assert_eq!(with, G::all());
        } else {
            prop_assert_eq!(policy.apply(with, timed_out), with, "a fixpoint");
            if timed_out {
                prop_assert!(keep.contains(with));
            }
            // What the policy removes is gone, but only from members without bypass.
            prop_assert!(!with.intersects(removed));
            if !with.contains(G::MANAGE_CHANNELS) {
                prop_assert_eq!(with, G::empty());
            }
            if !with.contains(prerequisite) {
                prop_assert!(!with.intersects(governed));
            }
        }
    }

    #[test]
    fn guards_never_allow_escalation_and_allow_the_rest(
        held in any_set(),
        highest in 0..8_u8,
        owner in any::<bool>(),
        position in 0..8_u8,
        before in any_set(),
        after in any_set(),
    ) {
        let actor = Actor::new(held, highest).with_owner(owner);
        let unrestricted = owner || held.holds_bypass();
        let known = G::from_bits_truncate(held.bits());
        let below = owner || position < highest;

        let assign = actor.check_assign(position, after);
        prop_assert_eq!(assign.is_ok(), below && (unrestricted || known.contains(after)));
        prop_assert_eq!(actor.check_remove(position).is_ok(), below);
        let changed = before ^ after;
        let edit = actor.check_edit_role(position, before, after);
        prop_assert_eq!(edit.is_ok(), below && (unrestricted || known.contains(changed)));
        if let Err(refused) = edit {
            match refused.reason() {
                Reason::RoleNotBelow { role, highest: theirs } => {
                    prop_assert!(!below && role == position && theirs == highest);
                }
                Reason::NotHeld { flags } => prop_assert_eq!(flags, changed - known),
                other => prop_assert!(false, "unexpected {:?}", other),
            }
        }

        let old = Overwrite::new(Target::Role(1_u16), before, after);
        let new = Overwrite::new(Target::Role(1_u16), after, before);
        let edit = actor.check_overwrite(Some(&old), &new);
        let bypass_allowed = after.holds_bypass();
        prop_assert_eq!(edit.is_ok(), !bypass_allowed && (unrestricted || known.contains(changed)));
    }
}

#[test]
fn the_convenience_paths_agree() {
    // `resolve::` and the root re-exports name the same items.
    let overwrite: permissions::Overwrite<u8, G> = Overwrite::role(1).allow(G::BAN_MEMBERS);
    let member: permissions::Member<'_, u8> = resolve::Member::new(0, &[1]);
    assert_eq!(
        channel_permissions(G::empty(), &member, &[overwrite], &NONE),
        G::BAN_MEMBERS
    );
}
