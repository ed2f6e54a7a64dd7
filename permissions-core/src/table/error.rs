//! Errors of [`parse`](super::parse): where in the document, and what is wrong.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// Why a document's table could not be read, and on which line.
///
/// Its `Display` is `line 23: <message>`; the message alone is the [`ErrorKind`]'s
/// `Display`, written in lower case without a trailing period so that a caller can put it
/// after its own `file:line:` prefix.
///
/// ```
/// use permissions_core::table::{self, ErrorKind, Options};
///
/// let doc = "| Name | Value |\n|---|---|\n| Ban Members | 0x4 |\n| BAN_MEMBERS | 0x8 |\n";
/// let err = table::parse(doc, &Options::new()).unwrap_err();
/// assert_eq!(err.line, 4);
/// assert!(matches!(err.kind, ErrorKind::DuplicateName { first: 3, .. }));
/// assert_eq!(err.to_string(), "line 4: two rows are named `BAN_MEMBERS` (the first on line 3)");
/// assert_eq!(err.kind.to_string(), "two rows are named `BAN_MEMBERS` (the first on line 3)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TableError {
    /// The 1-based line of the offending row, table or heading. Errors about the document
    /// as a whole (no table, no such section) are on line 1. It is 0 only for
    /// [`ErrorKind::UnsupportedWidth`], which is about the options, not the document.
    pub line: usize,
    /// What is wrong.
    pub kind: ErrorKind,
}

impl TableError {
    /// An error on `line` (0: about the options, not the document).
    #[must_use]
    pub const fn new(line: usize, kind: ErrorKind) -> Self {
        TableError { line, kind }
    }
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            fmt::Display::fmt(&self.kind, f)
        } else {
            write!(f, "line {}: {}", self.line, self.kind)
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for TableError {}

/// What is wrong with a document's table. Column names are quoted as the header wrote them.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// [`Options::width`](super::Options::width) is not 8, 16, 32, 64 or 128.
    UnsupportedWidth {
        /// The width asked for.
        width: u32,
    },
    /// The document holds no table.
    NoTable,
    /// Where a table was expected, rows that look like one are none: the header row and the
    /// delimiter row have different numbers of cells, and GFM reads them as text.
    NotATable {
        /// The header row's cells.
        header: usize,
        /// The delimiter row's cells.
        delimiter: usize,
    },
    /// No section was named, and the document holds more than one table.
    SeveralTables {
        /// The line of each table's header row.
        lines: Vec<usize>,
    },
    /// No heading has the section's text.
    NoSuchSection {
        /// The section asked for.
        section: String,
        /// The heading closest to it, if one is close.
        suggestion: Option<String>,
    },
    /// The section's heading is there, but no table under it (yet).
    EmptySection {
        /// The heading's text.
        section: String,
    },
    /// The table has a header and no rows.
    NoRows,
    /// A row has more cells than the header, and text in the excess ones, which GitHub
    /// does not show (excess empty cells are fine, and missing cells are empty).
    MalformedRow {
        /// Cells in the header.
        expected: usize,
        /// Cells in this row.
        found: usize,
        /// The text of the excess cells, joined by ` | `.
        hidden: String,
    },
    /// [`Options::table`](super::Options::table) asks for a table that is not there.
    NoSuchTable {
        /// The table asked for, 1-based.
        table: usize,
        /// How many tables there are (in the section, or in the document).
        tables: usize,
    },
    /// [`Options::columns`](super::Options::columns) names a header that the table lacks.
    NoSuchColumn {
        /// The role's key (`name`, `description`, ...).
        role: &'static str,
        /// The header asked for.
        header: String,
        /// The table's headers.
        columns: Vec<String>,
    },
    /// No column names the rows.
    NoNameColumn,
    /// Two columns state the same fact (`Bit` and `Bit Number`, or `Name` and `Flag`).
    DuplicateColumn {
        /// The first column's header.
        first: String,
        /// The second column's header.
        second: String,
    },
    /// No `Value`, `Bit Number` or `Bit Position` column, and
    /// [`Options::auto_bits`](super::Options::auto_bits) is off.
    NoValueColumn,
    /// A row's name cell is empty.
    EmptyName,
    /// A row's name does not give an identifier.
    InvalidName {
        /// The name cell, unwrapped.
        label: String,
        /// What normalization made of it.
        normalized: String,
    },
    /// A name cell still holds markup once footnote marks are dropped and tags unwrapped.
    MarkupInName {
        /// The name cell as written.
        cell: String,
        /// The first piece of markup in it.
        markup: String,
    },
    /// A value cell is empty.
    EmptyCell {
        /// The column's header.
        column: String,
    },
    /// A value cell could not be read.
    InvalidValue {
        /// The column's header.
        column: String,
        /// The cell, unwrapped.
        cell: String,
        /// What the column takes.
        expected: &'static str,
    },
    /// A `Value` cell writes `<sup>` right after a decimal number (`2<sup>31</sup>`), which
    /// GitHub shows as a power, and which could as well be a footnote mark.
    SuperscriptAfterNumber {
        /// The column's header.
        column: String,
        /// The cell, as written.
        cell: String,
    },
    /// A cell holds several forms (`0x0400 (1 << 11)`) that give different values.
    FormsDisagree {
        /// The column's header.
        column: String,
        /// The cell, unwrapped.
        cell: String,
        /// The first form's value.
        first: u128,
        /// The value of the first form that differs.
        second: u128,
    },
    /// Two columns give the row different values.
    ColumnsDisagree {
        /// The first column's header.
        first: String,
        /// The first column's value.
        first_value: u128,
        /// The second column's header.
        second: String,
        /// The second column's value.
        second_value: u128,
    },
    /// A row's value is zero.
    ZeroValue,
    /// A cell's value is too large to read at all (a decimal number beyond 128 bits, a bit
    /// number beyond 127).
    BeyondWidth {
        /// The highest bit of the value, when it is known.
        bit: Option<u32>,
        /// The cell, unwrapped.
        cell: String,
        /// The set's width in bits.
        width: u32,
    },
    /// A row's bit number is not below the set's width.
    BitBeyondWidth {
        /// The bit number.
        bit: u32,
        /// The set's width in bits.
        width: u32,
    },
    /// A row's value has bits beyond the set's width.
    ValueBeyondWidth {
        /// The value.
        value: u128,
        /// The set's width in bits.
        width: u32,
    },
    /// No bit is left for a row that takes the next free one.
    NoFreeBit {
        /// The row's name.
        name: String,
        /// The set's width in bits.
        width: u32,
    },
    /// Two rows have the same normalized name.
    DuplicateName {
        /// The name.
        name: String,
        /// The line of the first row with it; 0 for a row written in Rust.
        first: usize,
        /// The Rust variant of the first row with it, if it has one.
        variant: Option<String>,
    },
    /// Two rows have the same value, and `aliases` is off.
    DuplicateValue {
        /// The value.
        value: u128,
        /// The name of the first row with it.
        other: String,
        /// The line of the first row with it; 0 for a row written in Rust.
        first: usize,
    },
    /// A row's value shares bits with an earlier row's, and neither is `composite`.
    Overlap {
        /// This row's value.
        value: u128,
        /// The earlier row's name.
        other: String,
        /// The earlier row's value.
        other_value: u128,
        /// The line of the earlier row; 0 for a row written in Rust.
        first: usize,
    },
    /// A permission uses bits that an earlier "Not Used" / "Reserved" row keeps free.
    UsesReservedBits {
        /// This row's name.
        name: String,
        /// The bits it shares with the reserved row.
        bits: u128,
        /// The line of the reserved row.
        reserved: usize,
    },
    /// A locked name's bits differ from the lock's.
    LockChanged {
        /// The name.
        name: String,
        /// The bits the lock records.
        locked: u128,
        /// The bits the table gives it now.
        now: u128,
    },
    /// A new name has the bits locked for another name, which moved or went: a row inserted
    /// into a table numbered in order, or a row renamed.
    LockTaken {
        /// The new name.
        name: String,
        /// Its bits.
        bits: u128,
        /// The locked name whose bits these are.
        owner: String,
    },
    /// A locked name is no longer in the table. The error is on the table's line.
    LockMissing {
        /// The name.
        name: String,
        /// The bits the lock records.
        locked: u128,
        /// The name's line in the lock.
        lock_line: usize,
    },
    /// A line of a lock that cannot be read; the error's line is the lock's line.
    BadLock {
        /// The line as written.
        text: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A "Not Used" / "Reserved" row reserves bits that an earlier permission uses.
    ReservesUsedBits {
        /// The bits it shares with the permission.
        bits: u128,
        /// The permission's name.
        other: String,
        /// The line of the permission.
        first: usize,
    },
    /// `implies`, `default` or `bypass` names no row.
    UnknownRow {
        /// The key: `implies`, `default` or `bypass`.
        key: &'static str,
        /// The name as written.
        name: String,
        /// The closest row name, if one is close.
        suggestion: Option<String>,
    },
    /// A row implies itself through a cycle of `implies`.
    ImpliesCycle {
        /// The row's name.
        name: String,
    },
    /// `bypass = ..` holds a value rather than a row's name.
    BypassValue,
    /// A bypass row has several bits.
    BypassNotSingleBit {
        /// The row's name.
        name: String,
        /// Its bits.
        value: u128,
    },
    /// A value of `default = ..` has bits that no row declares.
    UndeclaredBits {
        /// The key: `default`.
        key: &'static str,
        /// The bits no row declares.
        bits: u128,
    },
}

impl ErrorKind {
    /// The option whose value the error is about, as the derive spells its key (`section`,
    /// `table`, `columns`, `lock`, `bits`), so that a caller can point at that option rather
    /// than at the document; `None` for an error about the document's content.
    ///
    /// ```
    /// use permissions_core::table::{self, Options};
    ///
    /// let err = table::parse("# A\n", &Options::new().with_section("B")).unwrap_err();
    /// assert_eq!(err.kind.key(), Some("section"));
    /// ```
    #[must_use]
    pub const fn key(&self) -> Option<&'static str> {
        match self {
            ErrorKind::UnsupportedWidth { .. } => Some("bits"),
            ErrorKind::NoSuchSection { .. } | ErrorKind::EmptySection { .. } => Some("section"),
            ErrorKind::NoSuchTable { .. } => Some("table"),
            ErrorKind::NoSuchColumn { .. } => Some("columns"),
            ErrorKind::LockMissing { .. } | ErrorKind::BadLock { .. } => Some("lock"),
            _ => None,
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::UnsupportedWidth { width } => {
                write!(
                    f,
                    "unsupported width of {width} bits: use 8, 16, 32, 64 or 128"
                )
            }
            ErrorKind::NoTable => f.write_str("the document has no table"),
            ErrorKind::NotATable { header, delimiter } => write!(
                f,
                "this looks like a table, but its header row has {header} cells and its \
                 delimiter row {delimiter}, so GitHub shows it as text; give both rows as many \
                 cells"
            ),
            ErrorKind::SeveralTables { lines } => {
                f.write_str("several tables (lines ")?;
                for (i, line) in lines.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{line}")?;
                }
                f.write_str("): name one with `section = ...`")
            }
            ErrorKind::NoSuchSection {
                section,
                suggestion,
            } => {
                write!(f, "no heading `{section}` in the document")?;
                match suggestion {
                    Some(s) => write!(f, "; did you mean `{s}`?"),
                    None => Ok(()),
                }
            }
            ErrorKind::EmptySection { section } => {
                write!(f, "section `{section}` has no table yet")
            }
            ErrorKind::NoRows => f.write_str("the table has a header but no rows"),
            ErrorKind::MalformedRow {
                expected,
                found,
                hidden,
            } => write!(
                f,
                "row has {found} cells where the header has {expected}, and GitHub does not \
                 show `{hidden}`: escape a `|` inside a cell as `\\|`"
            ),
            ErrorKind::NoSuchTable { table, tables } => match tables {
                0 => write!(f, "no table {table}: there is no table"),
                1 => write!(f, "no table {table}: there is 1 table"),
                _ => write!(f, "no table {table}: there are {tables} tables"),
            },
            ErrorKind::NoSuchColumn {
                role,
                header,
                columns,
            } => {
                write!(
                    f,
                    "`{role} = \"{header}\"`: the table has no column `{header}`; its columns are "
                )?;
                for (i, column) in columns.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "`{column}`")?;
                }
                Ok(())
            }
            ErrorKind::MarkupInName { cell, markup } => write!(
                f,
                "name `{cell}` holds markup `{markup}` that is not part of a name: write the name \
                 as plain text, or escape the markup with `\\`"
            ),
            ErrorKind::NoNameColumn => {
                f.write_str("table has no name column: add a `Permission`, `Flag` or `Name` column")
            }
            ErrorKind::DuplicateColumn { first, second } => {
                write!(
                    f,
                    "columns `{first}` and `{second}` say the same thing; keep one"
                )
            }
            ErrorKind::NoValueColumn => f.write_str(
                "table has no `Value`, `Bit Number` or `Bit Position` column; add one, \
                 or set `auto_bits` to number the rows in order",
            ),
            ErrorKind::EmptyName => f.write_str("empty name cell"),
            ErrorKind::InvalidName { label, normalized } => {
                write!(f, "name `{label}` does not give an identifier: ")?;
                if normalized.is_empty() {
                    f.write_str("it has no letters or digits")
                } else if !label.is_ascii() {
                    f.write_str("use ASCII letters, digits and separators only")
                } else {
                    write!(f, "`{normalized}` starts with a digit")
                }
            }
            ErrorKind::EmptyCell { column } => write!(f, "empty `{column}` cell"),
            ErrorKind::SuperscriptAfterNumber { column, cell } => write!(
                f,
                "`{column}` cell `{cell}` is ambiguous: `<sup>` right after a number reads as a \
                 power or as a footnote mark; write a power as `1 << n` or in hex, and put a \
                 space before a footnote mark"
            ),
            ErrorKind::InvalidValue {
                column,
                cell,
                expected,
            } => write!(
                f,
                "cannot read `{column}` cell `{cell}`: expected {expected}"
            ),
            ErrorKind::FormsDisagree {
                column,
                cell,
                first,
                second,
            } => write!(
                f,
                "`{column}` cell `{cell}` disagrees with itself: {first:#x} and {second:#x}"
            ),
            ErrorKind::ColumnsDisagree {
                first,
                first_value,
                second,
                second_value,
            } => write!(
                f,
                "columns disagree: `{first}` gives {} but `{second}` gives {}",
                Bits(*first_value),
                Bits(*second_value)
            ),
            ErrorKind::ZeroValue => {
                f.write_str("a row's value cannot be 0: it would be held by everyone")
            }
            ErrorKind::BeyondWidth { bit, cell, width } => {
                match bit {
                    Some(bit) => write!(f, "bit {bit}")?,
                    None => write!(f, "`{cell}`")?,
                }
                write!(f, " is beyond the {width} bits of `u{width}`")
            }
            ErrorKind::BitBeyondWidth { bit, width } => write!(
                f,
                "bit {bit} is beyond `u{width}`, whose bits are 0 to {}",
                width.saturating_sub(1)
            ),
            ErrorKind::ValueBeyondWidth { value, width } => {
                write!(f, "value {} does not fit in `u{width}`", Bits(*value))
            }
            ErrorKind::NoFreeBit { name, width } => write!(
                f,
                "more rows than bits: no bit of `u{width}` is left for `{name}`; use a wider set"
            ),
            ErrorKind::DuplicateName {
                name,
                first,
                variant,
            } => {
                write!(f, "two rows are named `{name}`")?;
                match variant {
                    Some(variant) => write!(
                        f,
                        " (the first is `{variant}`); rename one with `#[permission(name = \"..\")]`"
                    ),
                    None => write!(f, "{}", Line(" (the first on line ", *first, ")")),
                }
            }
            ErrorKind::DuplicateValue {
                value,
                other,
                first,
            } => write!(
                f,
                "duplicate value {}: `{other}`{} has it too; if this row is another name for \
                 `{other}`, allow that with `aliases`",
                Bits(*value),
                Line(" on line ", *first, "")
            ),
            ErrorKind::Overlap {
                value,
                other,
                other_value,
                first,
            } => write!(
                f,
                "value {} overlaps `{other}`{} ({}); mark the row `composite` if it covers \
                 `{other}` on purpose",
                Hex(*value),
                Line(" on line ", *first, ""),
                Hex(*other_value),
            ),
            ErrorKind::UsesReservedBits {
                name,
                bits,
                reserved,
            } => write!(
                f,
                "`{name}` uses bits {}, which the row on line {reserved} reserves",
                Hex(*bits)
            ),
            ErrorKind::LockChanged { name, locked, now } => write!(
                f,
                "`{name}` is locked at {} but the table gives {}: a stored value would change \
                 meaning; restore the row's value, or update the lock on purpose",
                Bits(*locked),
                Bits(*now)
            ),
            ErrorKind::LockTaken { name, bits, owner } => write!(
                f,
                "`{name}` is new but takes {}, which is locked for `{owner}`: every stored \
                 `{owner}` would read as `{name}`. If `{name}` was inserted into rows numbered \
                 in order, add it after the last row; if `{owner}` was renamed, restore its \
                 name; otherwise give `{name}` a free bit; or update the lock on purpose",
                Bits(*bits)
            ),
            ErrorKind::LockMissing {
                name,
                locked,
                lock_line,
            } => write!(
                f,
                "`{name}` (locked at {} on line {lock_line} of the lock) is no longer in the \
                 table: a stored value would lose it; restore the row, or update the lock on \
                 purpose",
                Bits(*locked)
            ),
            ErrorKind::BadLock { text, reason } => {
                write!(f, "cannot read lock line `{text}`: {reason}")
            }
            ErrorKind::ReservesUsedBits { bits, other, first } => write!(
                f,
                "this row reserves bits {}, which `{other}` on line {first} uses",
                Hex(*bits)
            ),
            ErrorKind::UnknownRow {
                key,
                name,
                suggestion,
            } => {
                write!(f, "`{key}` names an unknown row `{name}`")?;
                match suggestion {
                    Some(s) => write!(f, "; did you mean `{s}`?"),
                    None => Ok(()),
                }
            }
            ErrorKind::ImpliesCycle { name } => {
                write!(f, "`{name}` implies itself through a cycle of `implies`")
            }
            ErrorKind::BypassValue => f.write_str("`bypass = ..` takes row names, not values"),
            ErrorKind::BypassNotSingleBit { name, value } => write!(
                f,
                "a `bypass` row must be a single bit, but `{name}` is {}",
                Hex(*value)
            ),
            ErrorKind::UndeclaredBits { key, bits } => {
                write!(f, "`{key}` has bits that no row declares: {}", Hex(*bits))
            }
        }
    }
}

/// A value in hex, with its bit number when it has one bit: `0x80000000 (bit 31)`.
struct Bits(u128);

impl fmt::Display for Bits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", Hex(self.0))?;
        if self.0.is_power_of_two() {
            write!(f, " (bit {})", self.0.trailing_zeros())?;
        }
        Ok(())
    }
}

/// A value in hex, at least four digits: `0x0112`, `0x80000000`.
struct Hex(u128);

impl fmt::Display for Hex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#06x}", self.0)
    }
}

/// `before line after` when the line is known (not 0), nothing otherwise.
struct Line(&'static str, usize, &'static str);

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            0 => Ok(()),
            line => write!(f, "{}{line}{}", self.0, self.2),
        }
    }
}
