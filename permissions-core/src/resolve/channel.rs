//! Applying a channel's overwrites to a member: one pass that sorts each overwrite into its
//! level (@everyone, the member's roles, the member), then the levels in order.

use core::hash::Hash;

use super::index::{CHUNK, LARGE_SLOTS, RoleIndex, SMALL, SMALL_SLOTS};
use super::{Member, Overwrite, Target};
use crate::PermissionSet;

/// The allows and denies of one level of overwrites, unioned.
#[derive(Clone, Copy)]
struct Level<C> {
    deny: C,
    allow: C,
}

impl<C: PermissionSet> Level<C> {
    #[inline]
    fn empty() -> Self {
        Level {
            deny: C::empty(),
            allow: C::empty(),
        }
    }

    /// Adds an overwrite.
    #[inline]
    fn add<Id>(&mut self, overwrite: &Overwrite<Id, C>) {
        self.deny = self.deny.union(overwrite.deny);
        self.allow = self.allow.union(overwrite.allow);
    }

    /// Deny, then allow; never bypass.
    #[inline]
    fn apply(self, held: C) -> C {
        held.difference(self.deny)
            .union(self.allow.difference(C::BYPASS))
    }
}

/// The three levels of overwrites, unioned over a channel.
struct Levels<C> {
    everyone: Level<C>,
    roles: Level<C>,
    own: Level<C>,
}

/// The three levels of overwrites, applied in Discord's order. Does not look at bypass.
#[inline]
pub(super) fn apply_overwrites<Id, C>(
    held: C,
    member: &Member<'_, Id>,
    overwrites: &[Overwrite<Id, C>],
) -> C
where
    Id: Hash + Eq,
    C: PermissionSet,
{
    let (first, rest) = member.roles.split_at(member.roles.len().min(CHUNK));
    let mut levels = if first.len() <= SMALL {
        let mut slots = [0; SMALL_SLOTS];
        collect(&RoleIndex::new(first, &mut slots), member, overwrites)
    } else {
        let mut slots = [0; LARGE_SLOTS];
        collect(&RoleIndex::new(first, &mut slots), member, overwrites)
    };
    // Past the first chunk, only role overwrites are left to match. Unioning twice is
    // harmless, so a role that is in two chunks (a duplicate id) is no problem either.
    for chunk in rest.chunks(CHUNK) {
        let mut slots = [0; LARGE_SLOTS];
        let index = RoleIndex::new(chunk, &mut slots);
        for overwrite in overwrites {
            if let Target::Role(id) = &overwrite.target
                && index.contains(id)
            {
                levels.roles.add(overwrite);
            }
        }
    }
    let Levels {
        everyone,
        roles,
        own,
    } = levels;
    own.apply(roles.apply(everyone.apply(held)))
}

/// Up to this many overwrites, [`collect`] branches on each one: its fixed costs are lower,
/// and with few overwrites they dominate. Past it, the branch-free pass wins. Measured on
/// x86-64 with the inputs of `benches/resolution.rs`: at 16 overwrites branching was ~1.5×
/// faster, at 256 the branch-free pass was ~1.3× faster.
const FEW: usize = 32;

/// How many slots [`collect`] spreads each level over, taking them in turn: consecutive
/// overwrites of one level then do not wait on each other's union.
const LANES: usize = 2;

/// One pass over the overwrites, sorting each into its level.
#[inline]
fn collect<Id, C, const SLOTS: usize>(
    index: &RoleIndex<'_, Id, SLOTS>,
    member: &Member<'_, Id>,
    overwrites: &[Overwrite<Id, C>],
) -> Levels<C>
where
    Id: Hash + Eq,
    C: PermissionSet,
{
    if overwrites.len() > FEW {
        return collect_without_branches(index, member, overwrites);
    }
    let mut levels = Levels {
        everyone: Level::empty(),
        roles: Level::empty(),
        own: Level::empty(),
    };
    for overwrite in overwrites {
        match &overwrite.target {
            Target::Everyone => levels.everyone.add(overwrite),
            Target::Role(id) => {
                if index.contains(id) {
                    levels.roles.add(overwrite);
                }
            }
            Target::Member(id) => {
                if *id == member.id {
                    levels.own.add(overwrite);
                }
            }
        }
    }
    levels
}

/// [`collect`] for many overwrites.
///
/// Which overwrites apply is input data that a branch predictor cannot learn, and selects on
/// it are ones the compiler likes to turn back into branches. So each overwrite is unioned
/// into a slot whose index is computed from the answers (level 0 takes the overwrites that do
/// not apply), which cannot become a branch.
#[inline]
fn collect_without_branches<Id, C, const SLOTS: usize>(
    index: &RoleIndex<'_, Id, SLOTS>,
    member: &Member<'_, Id>,
    overwrites: &[Overwrite<Id, C>],
) -> Levels<C>
where
    Id: Hash + Eq,
    C: PermissionSet,
{
    let mut slots = [Level::empty(); 4 * LANES];
    for (i, overwrite) in overwrites.iter().enumerate() {
        let target = &overwrite.target;
        // Every kind gets an id to look up (@everyone borrows the member's), so that the
        // lookups need not wait for the kind; the answers that do not apply are discarded.
        let id = match target {
            Target::Role(id) | Target::Member(id) => id,
            Target::Everyone => &member.id,
        };
        let is_everyone = matches!(target, Target::Everyone);
        let is_role = matches!(target, Target::Role(_));
        let is_member = matches!(target, Target::Member(_));
        let level = usize::from(is_everyone)
            + 2 * usize::from(is_role & index.contains(id))
            + 3 * usize::from(is_member & (*id == member.id));
        let lane = (level * LANES + i % LANES) % slots.len();
        if let Some(slot) = slots.get_mut(lane) {
            slot.add(overwrite);
        }
    }
    let union_of = |level: usize| {
        let mut union = Level::<C>::empty();
        for slot in slots.iter().skip(level * LANES).take(LANES) {
            union.deny = union.deny.union(slot.deny);
            union.allow = union.allow.union(slot.allow);
        }
        union
    };
    Levels {
        everyone: union_of(1),
        roles: union_of(2),
        own: union_of(3),
    }
}

#[cfg(test)]
mod tests {
    use super::{Levels, collect, collect_without_branches};
    use crate::resolve::index::{RoleIndex, SMALL_SLOTS};
    use crate::resolve::tests::Text;
    use crate::resolve::{Member, Overwrite, Target};

    /// splitmix64, for inputs without a proptest dependency in the core.
    fn next(state: &mut u64) -> u64 {
        *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn parts(levels: &Levels<Text>) -> [Text; 6] {
        [
            levels.everyone.deny,
            levels.everyone.allow,
            levels.roles.deny,
            levels.roles.allow,
            levels.own.deny,
            levels.own.allow,
        ]
    }

    #[test]
    fn both_passes_sort_overwrites_alike() {
        let mut state = 7;
        for round in 0..2_000 {
            let roles: [u8; 6] = core::array::from_fn(|_| (next(&mut state) % 16) as u8);
            let len = (round % 70) as usize;
            let overwrites: [Overwrite<u8, Text>; 70] = core::array::from_fn(|_| {
                let id = (next(&mut state) % 16) as u8;
                let target = match next(&mut state) % 4 {
                    0 => Target::Everyone,
                    1 => Target::Member(id),
                    _ => Target::Role(id),
                };
                let allow = Text::from_bits_retain(next(&mut state) as u8);
                let deny = Text::from_bits_retain(next(&mut state) as u8);
                Overwrite::new(target, allow, deny)
            });
            let member = Member::new(3, &roles);
            let mut slots = [0; SMALL_SLOTS];
            let index = RoleIndex::new(&roles, &mut slots);
            let overwrites = &overwrites[..len];
            assert_eq!(
                parts(&collect(&index, &member, overwrites)),
                parts(&collect_without_branches(&index, &member, overwrites)),
                "round {round}"
            );
        }
    }
}
