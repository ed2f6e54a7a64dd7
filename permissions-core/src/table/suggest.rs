//! "Did you mean": the one way every message of this crate and of the derive picks a
//! suggestion for a misspelt key, row name or heading.

use alloc::string::String;
use alloc::vec::Vec;

/// The candidate closest to `word`, if one is close enough to be what was meant.
///
/// Distance is optimal string alignment (an insertion, a deletion, a substitution or the swap
/// of two neighbours is one edit), with letter case ignored; a candidate is close when it is
/// at most a third of the longer word's length away, and at least one edit is always
/// allowed. Among candidates as close, the one closest in letter case wins, then the first.
///
/// ```
/// use permissions_core::table::closest;
///
/// assert_eq!(closest("vaule", ["bit", "value"]), Some("value"));
/// assert_eq!(closest("PUBLC", ["Public", "PUBLIC"]), Some("PUBLIC"));
/// assert_eq!(closest("Guild Permission", ["Guild Permissions"]), Some("Guild Permissions"));
/// assert_eq!(closest("colour", ["bit", "value"]), None);
/// ```
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    closest_in(word, &candidates)
}

/// [`closest`] among a slice: compiled once, rather than once for each caller's iterator.
pub(crate) fn closest_in<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let folded = fold_case(word);
    let mut best: Option<(usize, usize, &str)> = None;
    for &c in candidates {
        let near = distance(&folded, &fold_case(c));
        if near > (c.chars().count().max(word.chars().count()) / 3).max(1) {
            continue;
        }
        let exact = distance(word, c);
        if best.is_none_or(|(n, e, _)| (near, exact) < (n, e)) {
            best = Some((near, exact, c));
        }
    }
    best.map(|(_, _, c)| c)
}

fn fold_case(word: &str) -> String {
    let mut folded = String::with_capacity(word.len());
    for c in word.chars() {
        folded.extend(c.to_lowercase());
    }
    folded
}

/// Optimal string alignment distance between `a` and `b`, letter case included.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows of the table of edits between a[..i] and b[..j]: i - 2, i - 1 and i.
    let mut before: Vec<usize> = Vec::new();
    let mut above: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut row = alloc::vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            // Every index is in its row; a missing cell would count as unreachable.
            let at = |r: &[usize], k: usize| r.get(k).copied().unwrap_or(usize::MAX);
            let mut best = at(&above, j + 1)
                .saturating_add(1)
                .min(at(&row, j).saturating_add(1))
                .min(at(&above, j).saturating_add(usize::from(ca != cb)));
            let swapped = i > 0 && j > 0 && a.get(i - 1) == Some(cb) && b.get(j - 1) == Some(ca);
            if swapped {
                best = best.min(at(&before, j - 1).saturating_add(1));
            }
            row.push(best);
        }
        before = core::mem::replace(&mut above, row);
    }
    above.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("vaule", "value"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("abc", ""), 3);
        assert_eq!(distance("same", "SAME"), 4);
        assert_eq!(distance("ab", "ba"), 1);
        assert_eq!(distance("ca", "abc"), 3);
    }

    #[test]
    fn suggestions() {
        assert_eq!(closest("onn", ["on", "crate"]), Some("on"));
        assert_eq!(closest("x", ["on"]), None);
        // As close ignoring case: the one whose case matches wins.
        assert_eq!(
            closest(
                "Guild Permission",
                ["Guild permissions", "Guild Permissions"]
            ),
            Some("Guild Permissions")
        );
        assert_eq!(closest("Emoji Limits", ["Guild Permissions"]), None);
        // As close in every way: the first wins.
        assert_eq!(closest("ab", ["ac", "ad", "ab"]), Some("ab"));
        assert_eq!(closest("ab", ["ac", "ad"]), Some("ac"));
        assert_eq!(closest("anything", []), None);
    }
}
