//! Collects errors so that one build reports every bad attribute, not just the first.

use std::fmt::Display;

use proc_macro2::Span;
use quote::ToTokens;
use syn::Error;

#[derive(Default)]
pub struct Ctxt {
    errors: Vec<Error>,
}

impl Ctxt {
    /// An error whose span covers `tokens`.
    pub fn spanned(&mut self, tokens: impl ToTokens, msg: impl Display) {
        self.errors.push(Error::new_spanned(tokens, msg));
    }

    /// An error at `span`.
    pub fn at(&mut self, span: Span, msg: impl Display) {
        self.errors.push(Error::new(span, msg));
    }

    pub fn push(&mut self, error: Error) {
        self.errors.push(error);
    }

    /// All collected errors as one, or `None`.
    pub fn into_error(self) -> Option<Error> {
        let mut errors = self.errors.into_iter();
        let mut first = errors.next()?;
        for error in errors {
            first.combine(error);
        }
        Some(first)
    }
}

/// `did you mean `x`?` for the closest candidate within a small edit distance.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    // Closest ignoring case first, then the one whose case matches best.
    let best = candidates
        .into_iter()
        .map(|c| {
            let folded = edit_distance(&word.to_ascii_lowercase(), &c.to_ascii_lowercase());
            (folded, edit_distance(word, c), c)
        })
        .filter(|&(d, _, c)| d <= (c.len().max(word.len()) / 3).max(1))
        .min_by_key(|&(folded, exact, _)| (folded, exact));
    match best {
        Some((_, _, c)) => format!("; did you mean `{c}`?"),
        None => String::new(),
    }
}

/// Edits between `a` and `b`, where swapping two neighbours (`vaule`) is one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // d[i][j]: edits between a[..i] and b[..j].
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean("vaule", ["bit", "value"]),
            "; did you mean `value`?"
        );
        assert_eq!(did_you_mean("colour", ["bit", "value"]), "");
        assert_eq!(
            did_you_mean("PUBLC", ["Public", "PUBLIC"]),
            "; did you mean `PUBLIC`?"
        );
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("vaule", "value"), 1);
    }
}
