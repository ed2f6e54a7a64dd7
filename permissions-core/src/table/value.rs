//! Cell values: `Value` (hex, decimal, binary, `1 << n`, several forms in one cell),
//! `Bit Number` and `Bit Position`.

use alloc::vec::Vec;

/// Why a cell could not be read as a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CellError {
    /// The cell is empty.
    Empty,
    /// The cell is not written in a form we read.
    Invalid,
    /// The value has a bit beyond bit 127; `Some(bit)` is its highest bit when known.
    TooLarge(Option<u32>),
    /// The cell holds several forms of different values.
    Disagree(u128, u128),
}

/// Reads a `Value` cell: one or more forms (`0x0400`, `1024`, `0b100_0000_0000`,
/// `1 << 10`, `(1 << 10)`), which must all give the same value. Forms may be separated by
/// spaces, `=`, `,` or `/`.
pub(crate) fn value(cell: &str) -> Result<u128, CellError> {
    let tokens = tokenize(cell)?;
    let mut parser = Parser { tokens, at: 0 };
    let mut first: Option<u128> = None;
    while parser.peek().is_some() {
        let form = parser.expression()?;
        match first {
            None => first = Some(form),
            Some(value) if value != form => return Err(CellError::Disagree(value, form)),
            Some(_) => {}
        }
        if parser.peek() == Some(Token::Separator) {
            parser.at += 1;
            if parser.peek().is_none() {
                return Err(CellError::Invalid);
            }
        }
    }
    first.ok_or(CellError::Empty)
}

/// Reads a `Bit Number` cell (`31`) into the bit's value (`1 << 31`).
pub(crate) fn bit_number(cell: &str) -> Result<u128, CellError> {
    let tokens = tokenize(cell)?;
    match tokens.as_slice() {
        [] => Err(CellError::Empty),
        [Token::Number(digits)] if digits.chars().all(|c| c.is_ascii_digit() || c == '_') => {
            let n = number(digits)?;
            let bit = u32::try_from(n).map_err(|_| CellError::TooLarge(None))?;
            1u128.checked_shl(bit).ok_or(CellError::TooLarge(Some(bit)))
        }
        _ => Err(CellError::Invalid),
    }
}

/// Reads a `Bit Position` cell: a binary string, leftmost digit the highest bit
/// (`00001000` is bit 3). An optional `0b` prefix and `_` or space separators are allowed.
pub(crate) fn bit_position(cell: &str) -> Result<u128, CellError> {
    let digits = cell.trim();
    let digits = digits
        .strip_prefix("0b")
        .or_else(|| digits.strip_prefix("0B"))
        .unwrap_or(digits);
    if digits.is_empty() {
        return Err(CellError::Empty);
    }
    // Checked before reading, so that a long cell with a stray digit is invalid rather than
    // too large. `radix` asks for one digit at least.
    if !digits.chars().all(|c| matches!(c, '0' | '1' | '_' | ' ')) {
        return Err(CellError::Invalid);
    }
    radix(digits, 2)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token<'a> {
    Number(&'a str),
    Shift,
    Open,
    Close,
    Separator,
}

fn tokenize(cell: &str) -> Result<Vec<Token<'_>>, CellError> {
    let mut tokens = Vec::new();
    let mut rest = cell.trim_start();
    while let Some(c) = rest.chars().next() {
        let (token, len) = match c {
            '0'..='9' => {
                let len = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                (Token::Number(rest.get(..len).unwrap_or_default()), len)
            }
            '<' if rest.starts_with("<<") => (Token::Shift, 2),
            '(' => (Token::Open, 1),
            ')' => (Token::Close, 1),
            '=' | ',' | '/' => (Token::Separator, 1),
            _ => return Err(CellError::Invalid),
        };
        tokens.push(token);
        rest = rest.get(len..).unwrap_or_default().trim_start();
    }
    Ok(tokens)
}

struct Parser<'a> {
    tokens: Vec<Token<'a>>,
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<Token<'_>> {
        self.tokens.get(self.at).copied()
    }

    fn next(&mut self) -> Option<Token<'_>> {
        let token = self.tokens.get(self.at).copied();
        self.at += 1;
        token
    }

    /// `atom ('<<' atom)?`
    fn expression(&mut self) -> Result<u128, CellError> {
        let base = self.atom()?;
        if self.peek() != Some(Token::Shift) {
            return Ok(base);
        }
        self.at += 1;
        let shift = self.atom()?;
        if base == 0 {
            return Ok(0);
        }
        let highest = u128::from(127 - base.leading_zeros()).saturating_add(shift);
        if highest >= 128 {
            return Err(CellError::TooLarge(u32::try_from(highest).ok()));
        }
        // `shift <= highest < 128`: neither conversion nor shift can fail.
        u32::try_from(shift)
            .ok()
            .and_then(|shift| base.checked_shl(shift))
            .ok_or(CellError::TooLarge(None))
    }

    /// `number | '(' expression ')'`
    fn atom(&mut self) -> Result<u128, CellError> {
        match self.next() {
            Some(Token::Number(digits)) => number(digits),
            Some(Token::Open) => {
                let value = self.expression()?;
                match self.next() {
                    Some(Token::Close) => Ok(value),
                    _ => Err(CellError::Invalid),
                }
            }
            _ => Err(CellError::Invalid),
        }
    }
}

/// A number literal: `0x`/`0X` hex, `0b`/`0B` binary, or decimal; `_` between digits.
fn number(literal: &str) -> Result<u128, CellError> {
    let lower = |p: &str| literal.strip_prefix(p);
    if let Some(hex) = lower("0x").or_else(|| lower("0X")) {
        radix(hex, 16)
    } else if let Some(bin) = lower("0b").or_else(|| lower("0B")) {
        radix(bin, 2)
    } else {
        radix(literal, 10)
    }
}

/// Digits in `base` (2, 10 or 16), with `_` and ` ` ignored. At least one digit.
fn radix(digits: &str, base: u32) -> Result<u128, CellError> {
    let mut value: u128 = 0;
    let mut seen = false;
    for c in digits.chars() {
        if c == '_' || c == ' ' {
            continue;
        }
        let digit = c.to_digit(base).ok_or(CellError::Invalid)?;
        seen = true;
        value = value
            .checked_mul(u128::from(base))
            .and_then(|v| v.checked_add(u128::from(digit)))
            .ok_or_else(|| CellError::TooLarge(highest_bit(digits, base)))?;
    }
    if seen {
        Ok(value)
    } else {
        Err(CellError::Invalid)
    }
}

/// The highest set bit of a hex or binary literal that may not fit in `u128`.
fn highest_bit(digits: &str, base: u32) -> Option<u32> {
    let per_digit = match base {
        2 => 1,
        16 => 4,
        _ => return None,
    };
    // The first digit that is not 0, and how many digits follow it.
    let (mut first, mut rest) = (0, 0u32);
    for d in digits.chars().filter_map(|c| c.to_digit(base)) {
        if first == 0 {
            first = d;
        } else {
            rest = rest.checked_add(1)?;
        }
    }
    if first == 0 {
        return None;
    }
    rest.checked_mul(per_digit)?
        .checked_add(31 - first.leading_zeros())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_decimal_binary_and_shifts() {
        assert_eq!(value("0x0112"), Ok(0x0112));
        assert_eq!(value("0X0400"), Ok(0x0400));
        assert_eq!(value("1024"), Ok(1024));
        assert_eq!(value("0b101"), Ok(0b101));
        assert_eq!(value("1 << 10"), Ok(1 << 10));
        assert_eq!(value("1<<10"), Ok(1 << 10));
        assert_eq!(value("(1 << 10)"), Ok(1 << 10));
        assert_eq!(value("0x8000_0000"), Ok(0x8000_0000));
        assert_eq!(value("2_147_483_648"), Ok(2_147_483_648));
        assert_eq!(value("3 << 4"), Ok(0x30));
        assert_eq!(value("1 << 127"), Ok(1 << 127));
    }

    #[test]
    fn several_forms_must_agree() {
        assert_eq!(value("0x0000000000000400 (1 << 10)"), Ok(0x400));
        assert_eq!(value("1024 = 0x400 = 1 << 10"), Ok(0x400));
        assert_eq!(value("0x400, 1024"), Ok(0x400));
        assert_eq!(
            value("0x0000000000000400 (1 << 11)"),
            Err(CellError::Disagree(0x400, 0x800))
        );
    }

    #[test]
    fn unreadable_cells() {
        assert_eq!(value(""), Err(CellError::Empty));
        assert_eq!(value("   "), Err(CellError::Empty));
        for cell in [
            "0xZZ", "ten", "1 <<", "<< 2", "(1 << 2", "1 << 2)", "0x", "0b2", "1 =", "-1", "1.5",
            "0x10u32", "()", "1 < 2",
        ] {
            assert_eq!(value(cell), Err(CellError::Invalid), "{cell}");
        }
    }

    #[test]
    fn values_beyond_128_bits() {
        assert_eq!(value("1 << 200"), Err(CellError::TooLarge(Some(200))));
        assert_eq!(value("3 << 127"), Err(CellError::TooLarge(Some(128))));
        assert_eq!(
            value("0x1_0000_0000_0000_0000_0000_0000_0000_0000"),
            Err(CellError::TooLarge(Some(128)))
        );
        assert_eq!(
            value("1 << 99999999999999999999"),
            Err(CellError::TooLarge(None))
        );
        assert_eq!(
            value("999999999999999999999999999999999999999999"),
            Err(CellError::TooLarge(None))
        );
    }

    #[test]
    fn bit_numbers() {
        assert_eq!(bit_number("31"), Ok(0x8000_0000));
        assert_eq!(bit_number("0"), Ok(1));
        assert_eq!(bit_number("127"), Ok(1 << 127));
        assert_eq!(bit_number("128"), Err(CellError::TooLarge(Some(128))));
        assert_eq!(bit_number(""), Err(CellError::Empty));
        assert_eq!(bit_number("0x1f"), Err(CellError::Invalid));
        assert_eq!(bit_number("1 << 3"), Err(CellError::Invalid));
    }

    #[test]
    fn bit_positions() {
        assert_eq!(
            bit_position("10000000000000000000000000000000"),
            Ok(0x8000_0000)
        );
        assert_eq!(bit_position("00000000000000000000000000001000"), Ok(8));
        assert_eq!(bit_position("0b0000_0100"), Ok(4));
        assert_eq!(bit_position("0000"), Ok(0));
        assert_eq!(bit_position(""), Err(CellError::Empty));
        assert_eq!(bit_position("0102"), Err(CellError::Invalid));
        assert_eq!(bit_position("__"), Err(CellError::Invalid));
        let long = alloc::format!("1{}", "0".repeat(140));
        assert_eq!(bit_position(&long), Err(CellError::TooLarge(Some(140))));
        let typo = alloc::format!("{long}2");
        assert_eq!(bit_position(&typo), Err(CellError::Invalid));
    }
}
