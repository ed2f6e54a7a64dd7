//! The hash map behind the prepared values: ids to small values, built once, read often.
//!
//! Open addressing with linear probing over a power-of-two table kept at most half full, so
//! a lookup that misses (most members have no overwrite of their own) usually stops at its
//! home slot. Ids are hashed with the index's multiplicative hasher, like the per-member
//! path. It is not keyed: ids chosen to collide make lookups O(n), which is acceptable for
//! ids that the server assigns (snowflakes, database keys), not for ids that clients choose.

use alloc::vec::Vec;
use core::hash::Hash;
use core::mem::size_of;

use super::index::hash_id;

/// Ids to values; an id inserted twice keeps the merge of its values.
#[derive(Clone, Debug)]
pub(crate) struct IdMap<Id, V> {
    /// `None` for an empty slot. The length is zero or a power of two.
    slots: Vec<Option<(Id, V)>>,
    /// How far the hash is shifted right to give a slot: `64 - log2(slots.len())`.
    shift: u32,
    len: usize,
}

impl<Id: Hash + Eq, V> IdMap<Id, V> {
    /// A map with room for `capacity` ids at most half full. No allocation for 0.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        // Twice the ids, rounded up to a power of two; `checked_` so that no input panics
        // (a capacity near usize::MAX fails to allocate long before this matters).
        let slots = capacity
            .checked_mul(2)
            .and_then(usize::checked_next_power_of_two)
            .unwrap_or(1 << (usize::BITS - 1));
        let slots = if capacity == 0 { 0 } else { slots.max(2) };
        let mut table = Vec::with_capacity(slots);
        table.resize_with(slots, || None);
        IdMap {
            slots: table,
            shift: u64::BITS - slots.trailing_zeros(),
            len: 0,
        }
    }

    /// How many different ids the map holds.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The ids and their values, in no particular order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&Id, &V)> {
        self.slots.iter().flatten().map(|(id, value)| (id, value))
    }

    /// The heap bytes the map holds: its slots' capacity.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.slots.capacity() * size_of::<Option<(Id, V)>>()
    }

    /// The slot `id` hashes to. An empty table has no slots, so whatever this says misses.
    #[inline]
    fn home(&self, id: &Id) -> usize {
        (hash_id(id) >> (self.shift & 63)) as usize
    }

    /// The value of `id`.
    #[inline]
    pub(crate) fn get(&self, id: &Id) -> Option<&V> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut slot = self.home(id);
        // The table is at most half full, so the probe meets an empty slot.
        while let Some(Some((key, value))) = self.slots.get(slot) {
            if key == id {
                return Some(value);
            }
            slot = (slot + 1) & mask;
        }
        None
    }

    /// Inserts `id` with `value`, or merges `value` into the value it has. Ids past the
    /// capacity given are not inserted (callers size the map for every id they insert).
    pub(crate) fn insert(&mut self, id: Id, value: V, merge: impl FnOnce(&mut V, V)) {
        let mask = self.slots.len().wrapping_sub(1);
        let room = 2 * self.len < self.slots.len();
        let mut slot = self.home(&id);
        loop {
            match self.slots.get_mut(slot) {
                Some(Some((key, existing))) if *key == id => return merge(existing, value),
                Some(Some(_)) => slot = (slot + 1) & mask,
                Some(empty) if room => {
                    *empty = Some((id, value));
                    self.len += 1;
                    return;
                }
                _ => return,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::IdMap;

    fn union(existing: &mut u8, value: u8) {
        *existing |= value;
    }

    #[test]
    fn finds_what_was_inserted_and_merges_duplicates() {
        let mut map = IdMap::with_capacity(300);
        for id in 0..300_u64 {
            map.insert(id * 1_000_003, (id % 7) as u8, union);
        }
        map.insert(5 * 1_000_003, 0x80, union);
        assert_eq!(map.len(), 300);
        for id in 0..300_u64 {
            let extra = if id == 5 { 0x80 } else { 0 };
            assert_eq!(map.get(&(id * 1_000_003)), Some(&((id % 7) as u8 | extra)));
        }
        assert_eq!(map.get(&1), None);
        assert_eq!(map.iter().count(), 300);
    }

    #[test]
    fn an_empty_map_finds_nothing_and_a_full_one_refuses_more() {
        let mut empty: IdMap<u64, u8> = IdMap::with_capacity(0);
        assert_eq!(empty.get(&0), None);
        empty.insert(1, 1, union);
        assert_eq!(
            (empty.len(), empty.get(&1), empty.heap_bytes()),
            (0, None, 0)
        );

        let mut one = IdMap::with_capacity(1);
        one.insert(7_u64, 1, union);
        one.insert(8, 2, union);
        assert_eq!((one.len(), one.get(&7), one.get(&8)), (1, Some(&1), None));
    }
}
