//! Applying a channel's overwrites to a member: two passes that sort the overwrites into
//! their levels (@everyone, the member's roles, the member), then the levels in order.

use core::hash::Hash;

use super::index::{CHUNK, LARGE_SLOTS, RoleIndex, SMALL, SMALL_SLOTS};
use super::{Member, Overwrite, Target};
use crate::PermissionSet;

/// The allows and denies of one level of overwrites, unioned.
#[derive(Clone, Copy, Debug)]
pub(super) struct Level<C> {
    pub(super) deny: C,
    pub(super) allow: C,
}

impl<C: PermissionSet> Level<C> {
    #[inline]
    pub(super) fn empty() -> Self {
        Level {
            deny: C::empty(),
            allow: C::empty(),
        }
    }

    /// Adds an overwrite.
    #[inline]
    pub(super) fn add<Id>(&mut self, overwrite: &Overwrite<Id, C>) {
        self.deny = self.deny.union(overwrite.deny);
        self.allow = self.allow.union(overwrite.allow);
    }

    /// Adds another level: the union of both. Only the prepared path joins levels.
    #[cfg(feature = "alloc")]
    #[inline]
    pub(super) fn join(&mut self, other: Self) {
        self.deny = self.deny.union(other.deny);
        self.allow = self.allow.union(other.allow);
    }

    /// Deny, then allow; never bypass.
    #[inline]
    pub(super) fn apply(self, held: C) -> C {
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

impl<C: PermissionSet> Levels<C> {
    #[inline]
    fn empty() -> Self {
        Levels {
            everyone: Level::empty(),
            roles: Level::empty(),
            own: Level::empty(),
        }
    }

    /// The levels in Discord's order: @everyone, the roles, the member.
    #[inline]
    fn apply(self, held: C) -> C {
        self.own.apply(self.roles.apply(self.everyone.apply(held)))
    }
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
        collect(
            &RoleIndex::new(first, Some(&member.id), &mut slots),
            member,
            overwrites,
        )
    } else {
        let mut slots = [0; LARGE_SLOTS];
        collect(
            &RoleIndex::new(first, Some(&member.id), &mut slots),
            member,
            overwrites,
        )
    };
    // Past the first chunk, only role overwrites are left to match. Unioning twice is
    // harmless, so a role that is in two chunks (a duplicate id) is no problem either.
    for chunk in rest.chunks(CHUNK) {
        let mut slots = [0; LARGE_SLOTS];
        let index = RoleIndex::new(chunk, None, &mut slots);
        for overwrite in overwrites {
            if let Target::Role(id) = &overwrite.target
                && index.contains(id)
            {
                levels.roles.add(overwrite);
            }
        }
    }
    levels.apply(held)
}

/// How many overwrites [`collect`] sorts at a time: it keeps a byte for each.
const BLOCK: usize = 64;

/// The home slot that [`collect`] notes for an @everyone overwrite: taken, so a candidate.
const EVERYONE: u8 = u8::MAX;

/// Bit `j` set for each byte `j` of `word` that is not zero.
#[inline]
fn taken_bytes(word: u64) -> u64 {
    const LOW: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    // The top bit of each byte that is not zero, then those eight bits moved to the top byte:
    // bit 8j times 2^(56 - 7j) lands on bit 56 + j, and no two products meet or carry.
    let top = (((word & LOW) + LOW) | word) & !LOW;
    (top >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// Sorts the overwrites into their levels, in two passes per block.
///
/// Which overwrites apply is data that a branch predictor cannot learn, so the pass over all
/// of them does not branch on it: it only notes, block by block, each overwrite's home slot in
/// the index, which holds the member's roles and the member. An empty slot rules the
/// overwrite out. A second pass checks the others. Most of those do apply, so its branches
/// are predicted.
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
    let mut levels = Levels::empty();
    for block in overwrites.chunks(BLOCK) {
        let mut cells = [0_u8; BLOCK];
        for (cell, overwrite) in cells.iter_mut().zip(block) {
            *cell = match &overwrite.target {
                Target::Role(id) | Target::Member(id) => index.home_cell(id),
                Target::Everyone => EVERYONE,
            };
        }
        // Bit `i`: whether `cells[i]` is taken, gathered eight bytes at a time.
        let mut candidates = 0_u64;
        let words = block.len().div_ceil(8);
        for (k, eight) in cells.chunks_exact(8).take(words).enumerate() {
            let word = u64::from_le_bytes(eight.try_into().unwrap_or_default());
            candidates |= taken_bytes(word) << (8 * k);
        }
        while candidates != 0 {
            let i = candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            let (Some(overwrite), Some(&cell)) = (block.get(i), cells.get(i)) else {
                break;
            };
            match &overwrite.target {
                Target::Role(id) => {
                    if index.holds_role(cell, id) {
                        levels.roles.add(overwrite);
                    }
                }
                Target::Member(id) => {
                    if *id == member.id {
                        levels.own.add(overwrite);
                    }
                }
                Target::Everyone => levels.everyone.add(overwrite),
            }
        }
    }
    levels
}

#[cfg(test)]
mod tests {
    use super::{Levels, collect, taken_bytes};
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

    /// The levels as the usual resolver finds them: a scan of the roles per overwrite.
    fn by_scanning(member: &Member<'_, u8>, overwrites: &[Overwrite<u8, Text>]) -> Levels<Text> {
        let mut levels = Levels::empty();
        for overwrite in overwrites {
            match overwrite.target {
                Target::Everyone => levels.everyone.add(overwrite),
                Target::Role(id) if member.roles.contains(&id) => levels.roles.add(overwrite),
                Target::Member(id) if id == member.id => levels.own.add(overwrite),
                Target::Role(_) | Target::Member(_) => {}
            }
        }
        levels
    }

    #[test]
    fn taken_bytes_finds_every_byte_that_is_not_zero() {
        let mut state = 11;
        for _ in 0..10_000 {
            // Bytes that are zero about half the time, and otherwise anything.
            let bytes: [u8; 8] = core::array::from_fn(|_| {
                let r = next(&mut state);
                if r & 1 == 0 { 0 } else { (r >> 8) as u8 }
            });
            let expected = bytes
                .iter()
                .enumerate()
                .fold(0, |bits, (j, &b)| bits | (u64::from(b != 0) << j));
            assert_eq!(
                taken_bytes(u64::from_le_bytes(bytes)),
                expected,
                "{bytes:?}"
            );
        }
        assert_eq!(taken_bytes(u64::MAX), 0xFF);
        assert_eq!(taken_bytes(0x0100_0000_0000_0080), 0b1000_0001);
    }

    #[test]
    fn candidates_and_checks_sort_overwrites_as_a_scan_does() {
        let mut state = 7;
        // Ids from 0..16: the member's id is often one of its roles' ids too, roles repeat,
        // and lengths cross the 64-overwrite blocks.
        for round in 0..3_000 {
            let roles: [u8; 15] = core::array::from_fn(|_| (next(&mut state) % 16) as u8);
            let roles = &roles[..round % 16];
            let len = (round * 7) % 150;
            let overwrites: [Overwrite<u8, Text>; 150] = core::array::from_fn(|_| {
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
            let member = Member::new(3, roles);
            let mut slots = [0; SMALL_SLOTS];
            let index = RoleIndex::new(roles, Some(&member.id), &mut slots);
            let overwrites = &overwrites[..len];
            assert_eq!(
                parts(&collect(&index, &member, overwrites)),
                parts(&by_scanning(&member, overwrites)),
                "round {round}"
            );
        }
    }
}
