//! A membership test for a member's role ids that costs O(1) per role overwrite.
//!
//! The usual resolver scans the member's roles once per role overwrite, O(R·O). Here the
//! member's roles are hashed once into a small open-addressing table on the stack, O(R), and
//! each overwrite is then one hash and, expected, one probe. The table holds slice indices
//! rather than ids, so it is 256 bytes whatever `Id` is, and clearing it is cheap.

use core::hash::{Hash, Hasher};

/// How many role ids one index holds: half the slots, so probe runs stay short. A member with
/// more roles is indexed in several chunks (see `apply_overwrites`); Discord caps a guild at
/// 250 roles, so that is at most two.
pub(crate) const CHUNK: usize = 128;

const SLOTS: usize = 256;

/// The member's role ids, hashed.
pub(crate) struct RoleIndex<'a, Id> {
    roles: &'a [Id],
    /// `0` is an empty slot; `i + 1` is `roles[i]`.
    slots: [u8; SLOTS],
}

impl<'a, Id: Hash + Eq> RoleIndex<'a, Id> {
    /// Indexes the first [`CHUNK`] ids of `roles`.
    #[inline]
    pub(crate) fn new(roles: &'a [Id]) -> Self {
        let roles = roles.get(..CHUNK).unwrap_or(roles);
        let mut index = RoleIndex {
            roles,
            slots: [0; SLOTS],
        };
        for (position, id) in roles.iter().enumerate() {
            let mut slot = home(id);
            loop {
                match index.slots[slot] {
                    0 => {
                        // `position < CHUNK <= u8::MAX`, so this never truncates.
                        index.slots[slot] = (position + 1) as u8;
                        break;
                    }
                    taken if index.id_at(taken) == Some(id) => break,
                    _ => slot = (slot + 1) % SLOTS,
                }
            }
        }
        index
    }

    /// Whether `id` is one of the indexed roles.
    #[inline]
    pub(crate) fn contains(&self, id: &Id) -> bool {
        let mut slot = home(id);
        // At least half the slots are empty, so the probe always ends.
        loop {
            match self.slots[slot] {
                0 => return false,
                taken if self.id_at(taken) == Some(id) => return true,
                _ => slot = (slot + 1) % SLOTS,
            }
        }
    }

    #[inline]
    fn id_at(&self, slot_value: u8) -> Option<&Id> {
        self.roles.get(usize::from(slot_value).wrapping_sub(1))
    }
}

/// The slot an id hashes to: the top bits of a multiplicative hash, which depend on every
/// bit of the id (snowflakes differ mostly in their low bits).
#[inline]
fn home<Id: Hash>(id: &Id) -> usize {
    let mut hasher = IdHasher(0);
    id.hash(&mut hasher);
    (hasher.finish() >> (u64::BITS - SLOTS.trailing_zeros())) as usize
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
    use super::{CHUNK, RoleIndex};

    #[test]
    fn finds_exactly_the_indexed_ids() {
        let roles: [u64; 5] = [1 << 40, 7, 3, 0, u64::MAX];
        let index = RoleIndex::new(&roles);
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
        let index = RoleIndex::new(&roles);
        for id in 0..(CHUNK as u32 / 2) {
            assert!(index.contains(&id));
        }
        assert!(!index.contains(&(CHUNK as u32)));
    }

    #[test]
    fn indexes_only_the_first_chunk() {
        let roles: [u16; CHUNK + 1] = core::array::from_fn(|i| i as u16);
        let index = RoleIndex::new(&roles);
        assert!(index.contains(&(CHUNK as u16 - 1)));
        assert!(!index.contains(&(CHUNK as u16)));
    }

    #[test]
    fn hashes_ids_that_are_not_integers() {
        let roles = ["moderators", "a-rather-long-role-name-past-eight-bytes", ""];
        let index = RoleIndex::new(&roles);
        assert!(index.contains(&"moderators"));
        assert!(index.contains(&""));
        assert!(index.contains(&"a-rather-long-role-name-past-eight-bytes"));
        assert!(!index.contains(&"a-rather-long-role-name-past-eight-bytez"));
    }
}
