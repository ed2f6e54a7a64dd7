//! A membership test for a member's role ids that costs O(1) per overwrite.
//!
//! The usual resolver scans the member's roles once per role overwrite, O(R·O). Here the
//! member's roles, and the member's own id, are hashed once into a small open-addressing table
//! on the stack, O(R), and each overwrite is then one hash and, expected, one probe. The table
//! holds slice positions rather than ids, so it is one byte a slot whatever `Id` is, and
//! clearing it is cheap. It is kept at most 1/8 full, so a probe almost never goes past its
//! first slot; and each slot says whether an id whose home it is was displaced, so a lookup
//! that misses its home slot knows, without probing on, whether to look further.

use core::hash::{Hash, Hasher};

/// How many role ids one index holds: a slot keeps `position + 1` in 7 bits, and [`MEMBER`]
/// is taken. A member with more roles is indexed in several chunks (see `apply_overwrites`);
/// Discord caps a guild at 250 roles, so that is at most two.
pub(crate) const CHUNK: usize = 126;
const _: () = assert!(MEMBER as usize > CHUNK);

/// Up to this many roles, the small table (128 slots) keeps the load at 1/8.
pub(crate) const SMALL: usize = 15;
/// Slots of the small table.
pub(crate) const SMALL_SLOTS: usize = 128;
/// Slots of the large table: a full [`CHUNK`] and the member at under 1/8.
pub(crate) const LARGE_SLOTS: usize = 1024;

/// The bits of a slot that say what is in it: `0` for nothing, `position + 1` for a role,
/// or [`MEMBER`].
const ENTRY: u8 = 0x7F;
/// The entry of the member's own id.
const MEMBER: u8 = 0x7F;
/// The bit of a slot saying that some id whose home is this slot lives further on.
const OVERFLOW: u8 = 0x80;

/// The member's role ids, and optionally its own id, hashed into `SLOTS` slots (a power of
/// two, at least 8 per id).
pub(crate) struct RoleIndex<'a, Id, const SLOTS: usize> {
    roles: &'a [Id],
    /// Per slot: [`ENTRY`] and [`OVERFLOW`]. The caller owns the storage, so that the table
    /// is built where it is used rather than copied there.
    slots: &'a [u8; SLOTS],
}

impl<'a, Id: Hash + Eq, const SLOTS: usize> RoleIndex<'a, Id, SLOTS> {
    const SHIFT: u32 = {
        assert!(SLOTS.is_power_of_two() && SLOTS >= 8 * (SMALL + 1));
        u64::BITS - SLOTS.trailing_zeros()
    };

    /// Indexes `member` (if given) and the first `min(CHUNK, SLOTS / 8 - 1)` ids of `roles`
    /// (callers pass no more) in `slots`, which must be all zeros.
    #[inline]
    pub(crate) fn new(roles: &'a [Id], member: Option<&Id>, slots: &'a mut [u8; SLOTS]) -> Self {
        let roles = roles.get(..CHUNK.min(SLOTS / 8 - 1)).unwrap_or(roles);
        if let Some(member) = member
            && let Some(cell) = slots.get_mut(Self::home(member))
        {
            // The table is empty: the member's home slot is free.
            *cell = MEMBER;
        }
        for (position, id) in roles.iter().enumerate() {
            let home = Self::home(id);
            match slots.get_mut(home) {
                // An empty slot is all zeros (only a taken slot gets OVERFLOW), and
                // `position < CHUNK`, so this fits in ENTRY and is not MEMBER.
                Some(cell) if *cell == 0 => *cell = (position + 1) as u8,
                _ => Self::insert_further(roles, slots, home, position),
            }
        }
        RoleIndex { roles, slots }
    }

    /// Inserts `roles[position]`, whose home slot is taken: past it, unless it is there
    /// already (a duplicate id).
    #[cold]
    #[inline(never)]
    fn insert_further(roles: &[Id], slots: &mut [u8; SLOTS], home: usize, position: usize) {
        let id = roles.get(position);
        let mut slot = home;
        // At most 1/8 of the slots are taken, so the probe ends at an empty one.
        while let Some(&cell) = slots.get(slot) {
            let entry = cell & ENTRY;
            if entry == 0 {
                if let Some(cell) = slots.get_mut(slot) {
                    *cell |= (position + 1) as u8;
                }
                return;
            }
            if role_in(roles, cell) == id {
                return;
            }
            if let Some(cell) = slots.get_mut(home) {
                *cell |= OVERFLOW;
            }
            slot = (slot + 1) % SLOTS;
        }
    }

    /// The home slot of `id`: `0` if `id` is certainly neither an indexed role nor the member;
    /// otherwise to be checked with [`Self::holds_role`]. About one other id in eight gets a
    /// taken slot. Branch-free.
    #[inline]
    pub(crate) fn home_cell(&self, id: &Id) -> u8 {
        self.slots.get(Self::home(id)).copied().unwrap_or(0)
    }

    /// Whether `id`, whose home slot is `cell`, is one of the indexed roles.
    #[inline]
    pub(crate) fn holds_role(&self, cell: u8, id: &Id) -> bool {
        self.is_role(cell, id) || (cell & OVERFLOW != 0 && self.probe_on(id, Self::home(id)))
    }

    /// Whether `id` is one of the indexed roles.
    #[inline]
    pub(crate) fn contains(&self, id: &Id) -> bool {
        self.holds_role(self.home_cell(id), id)
    }

    /// Whether the slot `cell` holds the role `id`.
    #[inline]
    fn is_role(&self, cell: u8, id: &Id) -> bool {
        role_in(self.roles, cell) == Some(id)
    }

    /// Whether `id`, not in its home slot, was displaced further on: rare at 1/8 load.
    #[cold]
    #[inline(never)]
    fn probe_on(&self, id: &Id, mut slot: usize) -> bool {
        loop {
            slot = (slot + 1) % SLOTS;
            match self.slots.get(slot).copied().unwrap_or(0) {
                cell if cell & ENTRY == 0 => return false,
                cell if self.is_role(cell, id) => return true,
                _ => {}
            }
        }
    }

    /// The slot an id hashes to: the top bits of a multiplicative hash, which depend on every
    /// bit of the id (snowflakes differ mostly in their low bits).
    #[inline]
    fn home(id: &Id) -> usize {
        (hash_id(id) >> Self::SHIFT) as usize
    }
}

/// The role in slot `cell` of an index of `roles`; `None` for an empty slot, which wraps past
/// the end, and for MEMBER, which is at least CHUNK and so past the end too.
#[inline]
fn role_in<Id>(roles: &[Id], cell: u8) -> Option<&Id> {
    roles.get(usize::from(cell & ENTRY).wrapping_sub(1))
}

/// `id` hashed with [`IdHasher`]: use its top bits, which depend on every bit of the id.
#[inline]
pub(super) fn hash_id<Id: Hash>(id: &Id) -> u64 {
    let mut hasher = IdHasher(0);
    id.hash(&mut hasher);
    hasher.finish()
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
    use core::hash::Hash;

    type Large<'a, Id> = RoleIndex<'a, Id, LARGE_SLOTS>;

    #[test]
    fn finds_exactly_the_indexed_ids() {
        let roles: [u64; 5] = [1 << 40, 7, 3, 0, u64::MAX];
        let mut slots = [0; SMALL_SLOTS];
        let index = RoleIndex::new(&roles, None, &mut slots);
        for id in roles {
            assert!(index.contains(&id), "{id}");
        }
        for id in [1_u64, 2, 4, 8, 1 << 41, u64::MAX - 1] {
            assert!(!index.contains(&id), "{id}");
        }
    }

    #[test]
    fn the_member_is_a_candidate_but_not_a_role() {
        let roles: [u64; 3] = [10, 20, 30];
        let mut slots = [0; SMALL_SLOTS];
        let index = RoleIndex::new(&roles, Some(&7), &mut slots);
        assert!((index.home_cell(&7) != 0));
        assert!(!index.contains(&7));
        for id in roles {
            assert!((index.home_cell(&id) != 0) && index.contains(&id), "{id}");
        }
        // An id that is both the member's and a role's (ids of two kinds may coincide).
        let mut slots = [0; SMALL_SLOTS];
        let index = RoleIndex::new(&roles, Some(&20), &mut slots);
        assert!(index.contains(&20) && index.contains(&10) && !index.contains(&7));
        // A member without roles.
        let mut slots = [0; SMALL_SLOTS];
        let index = RoleIndex::new(&roles[..0], Some(&7), &mut slots);
        assert!((index.home_cell(&7) != 0) && !index.contains(&7));
    }

    #[test]
    fn sequential_and_duplicate_ids_fill_a_chunk() {
        let roles: [u32; CHUNK] = core::array::from_fn(|i| (i / 2) as u32);
        let mut slots = [0; LARGE_SLOTS];
        let index = Large::new(&roles, None, &mut slots);
        for id in 0..(CHUNK as u32 / 2) {
            assert!(index.contains(&id));
        }
        assert!(!index.contains(&(CHUNK as u32)));
    }

    #[test]
    fn indexes_only_the_first_chunk() {
        let roles: [u16; CHUNK + 1] = core::array::from_fn(|i| i as u16);
        let mut slots = [0; LARGE_SLOTS];
        let index = Large::new(&roles, None, &mut slots);
        assert!(index.contains(&(CHUNK as u16 - 1)));
        assert!(!index.contains(&(CHUNK as u16)));
    }

    /// How many different home slots the ids get in the small table.
    fn homes<Id: Hash + Eq>(ids: &[Id]) -> usize {
        let mut seen = [false; SMALL_SLOTS];
        for id in ids {
            if let Some(seen) = seen.get_mut(RoleIndex::<Id, SMALL_SLOTS>::home(id)) {
                *seen = true;
            }
        }
        seen.iter().filter(|&&seen| seen).count()
    }

    /// The O(1) lookups rely on the hash spreading ids, sequential ones included, whatever
    /// integer or string type they are: 16 ids should land on at least 12 of the 128 slots.
    #[test]
    fn the_hash_spreads_sequential_ids_of_every_type() {
        let ids: [u64; 16] = core::array::from_fn(|i| 1 << 40 | i as u64);
        assert!(homes(&ids) >= 12, "u64: {}", homes(&ids));
        let ids: [u32; 16] = core::array::from_fn(|i| i as u32);
        assert!(homes(&ids) >= 12, "u32: {}", homes(&ids));
        let ids: [u16; 16] = core::array::from_fn(|i| i as u16);
        assert!(homes(&ids) >= 12, "u16: {}", homes(&ids));
        let ids: [u8; 16] = core::array::from_fn(|i| i as u8);
        assert!(homes(&ids) >= 12, "u8: {}", homes(&ids));
        let ids: [usize; 16] = core::array::from_fn(|i| i);
        assert!(homes(&ids) >= 12, "usize: {}", homes(&ids));
        let names = [
            "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p",
        ];
        assert!(homes(&names) >= 12, "str: {}", homes(&names));
    }

    #[test]
    fn hashes_ids_that_are_not_integers() {
        let roles = ["moderators", "a-rather-long-role-name-past-eight-bytes", ""];
        let mut slots = [0; LARGE_SLOTS];
        let index = Large::new(&roles, None, &mut slots);
        assert!(index.contains(&"moderators"));
        assert!(index.contains(&""));
        assert!(index.contains(&"a-rather-long-role-name-past-eight-bytes"));
        assert!(!index.contains(&"a-rather-long-role-name-past-eight-bytez"));
    }
}
