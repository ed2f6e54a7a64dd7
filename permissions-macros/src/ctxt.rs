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
    let best = candidates
        .into_iter()
        .map(|c| {
            (
                edit_distance(&word.to_ascii_lowercase(), &c.to_ascii_lowercase()),
                c,
            )
        })
        .filter(|&(d, c)| d <= (c.len().max(word.len()) / 3).max(1))
        .min_by_key(|&(d, _)| d);
    match best {
        Some((_, c)) => format!("; did you mean `{c}`?"),
        None => String::new(),
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == cb {
                prev
            } else {
                1 + prev.min(cur).min(row[j])
            };
            prev = cur;
        }
    }
    row[b.len()]
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
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
