//! Reading unsigned decimal text (`"2147483656"`), shared by the serde wire form and the
//! `u128` column form: strict digits only, with an error that says what was wrong.

use core::fmt;

/// The value of `text`, which must be one or more ASCII digits and fit a `u128`.
///
/// # Errors
/// Empty text, a sign or any other non-digit, or a value beyond `u128`. `bits` names the
/// type that the caller wants, for the too-large message.
pub(crate) fn parse(text: &str, bits: &'static str) -> Result<u128, Problem> {
    if text.is_empty() {
        return Err(Problem::Empty);
    }
    let mut value: u128 = 0;
    for (i, c) in text.char_indices() {
        let Some(digit) = c.to_digit(10) else {
            return Err(if i == 0 && c == '-' {
                Problem::Negative
            } else {
                Problem::NotADigit(c)
            });
        };
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u128::from(digit)))
            .ok_or(Problem::TooLarge(bits))?;
    }
    Ok(value)
}

/// Why a decimal input was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Problem {
    Empty,
    NotADigit(char),
    Negative,
    TooLarge(&'static str),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Empty => f.write_str("expected decimal digits, found an empty string"),
            Problem::NotADigit(c) => write!(f, "{c:?} is not a decimal digit"),
            Problem::Negative => f.write_str("permissions cannot be negative"),
            Problem::TooLarge(bits) => write!(f, "too large for {bits}"),
        }
    }
}

/// The first 40 characters of an input, quoted and escaped, so that a huge input does not
/// make a huge message.
pub(crate) struct Shown<'a>(pub(crate) &'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MAX: usize = 40;
        f.write_str("\"")?;
        for c in self.0.chars().take(MAX) {
            fmt::Display::fmt(&c.escape_debug(), f)?;
        }
        if self.0.chars().nth(MAX).is_some() {
            f.write_str("...")?;
        }
        f.write_str("\"")
    }
}
