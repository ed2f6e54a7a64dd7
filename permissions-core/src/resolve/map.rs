//! The hash map behind the prepared values: ids to small values, built once, read often.
//!
//! Open addressing with linear probing over a power-of-two table kept at most half full, so
//! a lookup that misses (most members have no overwrite of their own) usually stops at its
//! home slot. Ids are hashed with the index's multiplicative hasher, like the per-member
//! path. It is not keyed: ids chosen to collide make lookups O(n), which is acceptable for
//! ids that the server assigns (snowflakes, database keys), not for ids that clients choose.
//!
//! Two helpers for the per-member loop of `members_with`: a [`FrozenMap`], whose lookups that
//! find their id in its home slot check nothing else, and an [`IdFilter`], which rules out
//! most ids that a map lacks in one bit.

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

impl<Id: Hash + Eq + Clone, V: Clone> IdMap<Id, V> {
    /// The map, read-only, for lookups that mostly hit: each empty slot is filled with a
    /// copy of one entry, so that a lookup finding its id in its home slot (the usual case at
    /// this load) checks no occupancy. A copy answers with its entry's own value, so even a
    /// lookup of that id landing on it is right. O(slots).
    pub(crate) fn freeze(self) -> FrozenMap<Id, V> {
        let taken = self.slots.iter().map(Option::is_some).collect();
        let filler = self.slots.iter().flatten().next().cloned();
        let entries = match filler {
            Some(filler) => self
                .slots
                .into_iter()
                .map(|slot| slot.unwrap_or_else(|| filler.clone()))
                .collect(),
            None => Vec::new(),
        };
        FrozenMap {
            entries,
            taken,
            shift: self.shift,
        }
    }
}

/// An [`IdMap`] after [`IdMap::freeze`]: the same slots, empty ones filled with a copy of
/// an entry, and which slots are really taken on the side.
pub(crate) struct FrozenMap<Id, V> {
    /// Empty or as many as `taken`.
    entries: Vec<(Id, V)>,
    taken: Vec<bool>,
    shift: u32,
}

impl<Id: Hash + Eq, V> FrozenMap<Id, V> {
    /// The value of `id`.
    #[inline]
    pub(crate) fn get(&self, id: &Id) -> Option<&V> {
        // The mask changes nothing (the shift leaves no more bits than the table has), but
        // shows the compiler that the slot is in the table.
        let home = (hash_id(id) >> (self.shift & 63)) as usize & self.entries.len().wrapping_sub(1);
        match self.entries.get(home) {
            // A filled empty slot holds a real entry's id and value: right either way.
            Some((key, value)) if key == id => Some(value),
            _ => self.probe_on(id, home),
        }
    }

    /// The value of `id`, not in its home slot: probe the slots taken from there on. Inline
    /// although rare: a call would make the caller's loop keep its values in memory.
    #[inline]
    fn probe_on(&self, id: &Id, home: usize) -> Option<&V> {
        let mask = self.entries.len().wrapping_sub(1);
        let mut slot = home;
        // The table is at most half full, so the probe meets an empty slot; bounded anyway.
        for _ in 0..self.entries.len() {
            match (self.taken.get(slot), self.entries.get(slot)) {
                (Some(true), Some((key, value))) if key == id => return Some(value),
                (Some(true), Some(_)) => slot = (slot + 1) & mask,
                _ => return None,
            }
        }
        None
    }
}

/// Ids that a set certainly lacks: a bit per hash, about 64 bits per id, so that a lookup
/// for an id that is not there (most members have no overwrite of their own) almost always
/// stops at one bit, a branch the processor predicts, rather than at a slot of the map.
#[derive(Clone, Debug)]
pub(crate) struct IdFilter {
    /// The length is zero or a power of two.
    words: Vec<u64>,
    /// How far the hash is shifted right to give a bit: `64 - log2(64 * words.len())`.
    shift: u32,
}

impl IdFilter {
    /// A filter of `ids`, of which there are `count` (a size hint; any number is right).
    pub(crate) fn new<'a, Id: Hash + 'a>(
        count: usize,
        ids: impl IntoIterator<Item = &'a Id>,
    ) -> Self {
        // One word per id, rounded up to a power of two; `checked_` so that no input panics.
        let words = if count == 0 {
            0
        } else {
            count
                .checked_next_power_of_two()
                .unwrap_or(1 << (usize::BITS - 1))
        };
        let mut filter = IdFilter {
            words: alloc::vec![0; words],
            shift: u64::BITS - (words.trailing_zeros() + 6).min(u64::BITS),
        };
        for id in ids {
            let bit = filter.bit(id);
            if let Some(word) = filter.words.get_mut(bit >> 6) {
                *word |= 1 << (bit & 63);
            }
        }
        filter
    }

    #[inline]
    fn bit<Id: Hash>(&self, id: &Id) -> usize {
        (hash_id(id) >> (self.shift & 63)) as usize
    }

    /// `false` if `id` is certainly not among the ids; `true` if it may be.
    #[inline]
    pub(crate) fn may_hold<Id: Hash>(&self, id: &Id) -> bool {
        let bit = self.bit(id);
        self.words
            .get(bit >> 6)
            .is_some_and(|word| word >> (bit & 63) & 1 != 0)
    }

    /// The heap bytes the filter holds.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.words.capacity() * size_of::<u64>()
    }
}

#[cfg(test)]
mod tests {
    use super::{IdFilter, IdMap};

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
    fn a_frozen_map_finds_what_the_map_does() {
        // Ids that crowd a small table, so that lookups probe past their home slot and land
        // on filled empty slots.
        for count in [0_u64, 1, 2, 3, 7, 40, 300] {
            let mut map = IdMap::with_capacity(count as usize);
            for id in 0..count {
                map.insert(id * 64, (id % 251) as u8, union);
            }
            let frozen = map.clone().freeze();
            for id in 0..count * 64 + 64 {
                assert_eq!(frozen.get(&id), map.get(&id), "{count} ids, id {id}");
            }
        }
    }

    #[test]
    fn a_filter_holds_its_ids_and_rules_out_most_others() {
        let ids: Vec<u64> = (0..300)
            .map(|i| 81_384_788_765_712_384 + i * 4_194_304)
            .collect();
        let filter = IdFilter::new(ids.len(), &ids);
        assert!(ids.iter().all(|id| filter.may_hold(id)));
        let others = (1..=10_000_u64)
            .filter(|i| filter.may_hold(&(i * 7_919)))
            .count();
        // About 300 of 512 * 64 bits are set: some 1% of other ids pass, not 5%.
        assert!(others < 500, "{others} of 10,000 other ids pass");
        let empty = IdFilter::new(0, core::iter::empty::<&u64>());
        assert!(!empty.may_hold(&1) && empty.heap_bytes() == 0);
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
