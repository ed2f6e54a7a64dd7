//! A membership test for a member's role ids that costs O(1) per role overwrite.
//!
//! The usual resolver scans the member's roles once per role overwrite, O(R·O). Here the
//! member's roles are hashed once into a small open-addressing table on the stack, O(R), and
//! each overwrite is then one hash and, expected, one probe. The table holds slice indices
//! rather than ids, so it is one byte a slot whatever `Id` is, and clearing it is cheap. It
//! is kept at most 1/8 full, so that a probe almost never goes past its first slot, and that
//! first probe takes no branch that depends on the data: random overwrites do not stall the
//! pipeline on mispredictions.

use core::hash::{Hash, Hasher};

/// How many role ids one index holds. A member with more roles is indexed in several chunks
/// (see `apply_overwrites`); Discord caps a guild at 250 roles, so that is at most two.
pub(crate) const CHUNK: usize = 128;

/// Up to this many roles, the small table (128 slots) keeps the load at 1/8.
pub(crate) const SMALL: usize = 16;
/// Slots of the small table.
pub(crate) const SMALL_SLOTS: usize = 128;
/// Slots of the large table: a full [`CHUNK`] at 1/8.
pub(crate) const LARGE_SLOTS: usize = 1024;

/// The member's role ids, hashed into `SLOTS` slots (a power of two, at least 8 per id).
pub(crate) struct RoleIndex<'a, Id, const SLOTS: usize> {
    roles: &'a [Id],
    /// `0` is an empty slot; `i + 1` is `roles[i]`. The caller owns the storage, so that the
    /// table is built where it is used rather than copied there.
    slots: &'a [u8; SLOTS],
}

impl<'a, Id: Hash + Eq, const SLOTS: usize> RoleIndex<'a, Id, SLOTS> {
    const SHIFT: u32 = {
        assert!(SLOTS.is_power_of_two() && SLOTS >= 8 * SMALL);
        u64::BITS - SLOTS.trailing_zeros()
    };

    /// Indexes the first `min(CHUNK, SLOTS / 8)` ids of `roles` (callers pass no more) in
    /// `slots`, which must be all zeros.
    #[inline]
    pub(crate) fn new(roles: &'a [Id], slots: &'a mut [u8; SLOTS]) -> Self {
        let roles = roles.get(..CHUNK.min(SLOTS / 8)).unwrap_or(roles);
        for (position, id) in roles.iter().enumerate() {
            let mut slot = Self::home(id);
            // `home` is below SLOTS and so is every probe, so `get_mut` never misses: the
            // loop ends at an empty slot, which at 1/8 load is almost always the first.
            while let Some(cell) = slots.get_mut(slot) {
                match *cell {
                    0 => {
                        // `position < CHUNK <= u8::MAX`, so this never truncates.
                        *cell = (position + 1) as u8;
                        break;
                    }
                    taken if roles.get(usize::from(taken) - 1) == Some(id) => break,
                    _ => slot = (slot + 1) % SLOTS,
                }
            }
        }
        RoleIndex { roles, slots }
    }

    /// Whether `id` is one of the indexed roles.
    #[inline]
    pub(crate) fn contains(&self, id: &Id) -> bool {
        let Some(last) = self.roles.len().checked_sub(1) else {
            return false;
        };
        let slot = Self::home(id);
        let taken = self.slots.get(slot).copied().unwrap_or(0);
        // Compare with some role even for an empty slot and discard the answer, rather than
        // branch on emptiness: a miss and a first-probe hit then cost the same.
        let candidate = self.roles.get(usize::from(taken).wrapping_sub(1).min(last));
        let found = (taken != 0) & (candidate == Some(id));
        if (taken != 0) & !found {
            // Another id took the slot: rare at 1/8 load.
            return self.probe_on(id, slot);
        }
        found
    }

    /// The rest of a linear probe that started at `slot`.
    #[cold]
    #[inline(never)]
    fn probe_on(&self, id: &Id, mut slot: usize) -> bool {
        // At least half the slots are empty, so the probe always ends.
        loop {
            slot = (slot + 1) % SLOTS;
            match self.slots.get(slot).copied().unwrap_or(0) {
                0 => return false,
                taken if self.roles.get(usize::from(taken) - 1) == Some(id) => return true,
                _ => {}
            }
        }
    }

    /// The slot an id hashes to: the top bits of a multiplicative hash, which depend on every
    /// bit of the id (snowflakes differ mostly in their low bits).
    #[inline]
    fn home(id: &Id) -> usize {
        let mut hasher = IdHasher(0);
        id.hash(&mut hasher);
        (hasher.finish() >> Self::SHIFT) as usize
    }
}

/// 2^64 divided by the golden ratio: Fibonacci hashing spreads runs of ids evenly.
const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// A word-at-a-time multiplicative hasher. Ids are integers, mostly: one multiply each. It
/// is not keyed, which is fine for a table that lives for one call and degrades, at worst,
/// to the scan it replaces.
struct IdHasher(u64);

impl Hasher for IdHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0; 8];
            for (to, from) in word.iter_mut().zip(chunk) {
                *to = *from;
            }
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }

    #[inline]
    fn write_u16(&mut self, n: u16) {
        self.write_u64(u64::from(n));
    }

    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(26) ^ n).wrapping_mul(GOLDEN);
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::{CHUNK, LARGE_SLOTS, RoleIndex, SMALL_SLOTS};

    type Large<'a, Id> = RoleIndex<'a, Id, LARGE_SLOTS>;

    #[test]
    fn finds_exactly_the_indexed_ids() {
        let roles: [u64; 5] = [1 << 40, 7, 3, 0, u64::MAX];
        let mut slots = [0; SMALL_SLOTS];
        let index = RoleIndex::new(&roles, &mut slots);
        for id in roles {
            assert!(index.contains(&id), "{id}");
        }
        for id in [1_u64, 2, 4, 8, 1 << 41, u64::MAX - 1] {
            assert!(!index.contains(&id), "{id}");
        }
    }

    #[test]
    fn sequential_and_duplicate_ids_fill_a_chunk() {
        let roles: [u32; CHUNK] = core::array::from_fn(|i| (i / 2) as u32);
        let mut slots = [0; LARGE_SLOTS];
        let index = Large::new(&roles, &mut slots);
        for id in 0..(CHUNK as u32 / 2) {
            assert!(index.contains(&id));
        }
        assert!(!index.contains(&(CHUNK as u32)));
    }

    #[test]
    fn indexes_only_the_first_chunk() {
        let roles: [u16; CHUNK + 1] = core::array::from_fn(|i| i as u16);
        let mut slots = [0; LARGE_SLOTS];
        let index = Large::new(&roles, &mut slots);
        assert!(index.contains(&(CHUNK as u16 - 1)));
        assert!(!index.contains(&(CHUNK as u16)));
    }

    #[test]
    fn hashes_ids_that_are_not_integers() {
        let roles = ["moderators", "a-rather-long-role-name-past-eight-bytes", ""];
        let mut slots = [0; LARGE_SLOTS];
        let index = Large::new(&roles, &mut slots);
        assert!(index.contains(&"moderators"));
        assert!(index.contains(&""));
        assert!(index.contains(&"a-rather-long-role-name-past-eight-bytes"));
        assert!(!index.contains(&"a-rather-long-role-name-past-eight-bytez"));
    }
}
