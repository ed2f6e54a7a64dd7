//! Reading a permission table out of a Markdown document.
//!
//! One parser serves both `#[derive(PermissionSet)] #[permissions(markdown = "...")]`, at
//! compile time, and programs that read a document at run time (a permission calculator, a
//! check that the docs match the code). It reads documents as they are written: YAML front
//! matter, admonitions, code fences (tables inside them are ignored), headings of any level,
//! prose and other tables around the one wanted.
//!
//! - [`parse`] finds the table (the only one, or the first under a heading, see
//!   [`Options::section`]) and returns its checked rows.
//! - [`sections`] lists the document's headings and where their tables are.
//! - [`Table::explain`] says which rows a value holds.
//!
//! Columns are recognized by their header, case-insensitively:
//!
//! | header                          | role                                                    |
//! |---------------------------------|---------------------------------------------------------|
//! | `Permission`, `Flag`, `Name`    | the row's name, normalized to SCREAMING_SNAKE_CASE      |
//! | `Value`                         | hex `0x0112`, decimal, binary `0b..`, `1 << n`, or several of them in one cell |
//! | `Bit Number`, `Bit`             | the bit's number, `31`                                  |
//! | `Bit Position`                  | a binary string, leftmost digit highest                 |
//! | `Description`                   | the row's description                                   |
//! | anything else                   | kept in [`TableRow::meta`]                              |
//!
//! Columns that state the same fact must agree. Rows named "Not Used", "Unused" or
//! "Reserved" reserve their bits. Names and values must be unique; values may overlap (a
//! row may cover others on purpose).
//!
//! ```
//! use permissions_core::table::{self, Options};
//!
//! let doc = "\
//! ## Guild Permissions
//!
//! | Permission    | Bit Number | Description                                      |
//! |---------------|------------|--------------------------------------------------|
//! | Administrator | 31         | Allows the user to bypass all permissions checks |
//! | Send Invites  | 3          | Allows the user to send invites                  |
//! | Not Used      | 2          | Not used                                         |
//! ";
//! let options = Options::new().with_section("Guild Permissions").with_width(32);
//! let table = table::parse(doc, &options)?;
//! assert_eq!(table.rows.len(), 3);
//! assert_eq!(table.row("ADMINISTRATOR").map(|r| r.value), Some(1 << 31));
//! assert_eq!(table.reserved_bits(), 1 << 2);
//! assert_eq!(table.explain(2147483656).to_string(), "ADMINISTRATOR | SEND_INVITES");
//! # Ok::<(), permissions_core::table::TableError>(())
//! ```

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

mod build;
mod error;
mod inline;
mod lock;
mod markdown;
mod name;
pub mod rules;
mod suggest;
mod value;

pub use build::Role;
pub use error::{ErrorKind, TableError};
pub use lock::{Drift, Lock, Locked};
pub use name::normalize as normalize_name;
pub use suggest::closest;

/// How to read a document: which table, how wide the set is, and what its columns are.
///
/// ```
/// use permissions_core::table::{Options, Role};
///
/// let options = Options::new()
///     .with_section("Guild Permissions")
///     .with_table(2)
///     .with_columns(&[(Role::Name, "Right"), (Role::Description, "When enabled")])
///     .with_width(32);
/// assert_eq!(options.section, Some("Guild Permissions"));
/// assert_eq!(options.table, Some(2));
/// assert_eq!(options.width, 32);
/// assert!(!options.auto_bits && !options.aliases && options.lock.is_none());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options<'a> {
    /// The heading whose section holds the table, compared trimmed and case-insensitively.
    /// The section runs from the heading to the next heading of the same or a higher level.
    /// With `None`, the whole document is searched.
    pub section: Option<&'a str>,
    /// Which table of the section (or of the document), 1-based. With `None`, the first
    /// table of the section; without a section either, the document must hold exactly one
    /// table.
    pub table: Option<usize>,
    /// The set's width in bits: 8, 16, 32, 64 or 128. Values beyond it are an error.
    pub width: u32,
    /// When the table has no `Value`, `Bit Number` or `Bit Position` column, number the
    /// rows in order: the first row gets bit 0, the next bit 1, and so on ("Not Used" rows
    /// reserve the bit of their place). When off, such a table is an error.
    pub auto_bits: bool,
    /// Which header plays which [`Role`], for documents that use other words (`Right` for
    /// the name, `When enabled` for the description). A role given here is no longer
    /// recognized by its usual headers; a header given here that the table lacks is an
    /// error that lists the table's headers.
    pub columns: &'a [(Role, &'a str)],
    /// Whether a row whose value equals an earlier row's is an alias of it (an old name
    /// kept for compatibility) rather than an error.
    pub aliases: bool,
    /// The lock the table must keep to: a locked name may not change its bits or disappear
    /// (see [`Lock`]).
    pub lock: Option<&'a Lock>,
}

impl Options<'_> {
    /// No section, the only table, 128 bits, usual headers, no automatic numbering, no
    /// aliases, no lock.
    #[must_use]
    pub const fn new() -> Self {
        Options {
            section: None,
            table: None,
            width: 128,
            auto_bits: false,
            columns: &[],
            aliases: false,
            lock: None,
        }
    }
}

impl<'a> Options<'a> {
    /// These options, reading the table under the heading `section`.
    #[must_use]
    pub const fn with_section(mut self, section: &'a str) -> Self {
        self.section = Some(section);
        self
    }

    /// These options, reading the `n`th table (1-based) of the section or the document.
    #[must_use]
    pub const fn with_table(mut self, n: usize) -> Self {
        self.table = Some(n);
        self
    }

    /// These options, for a set of `width` bits.
    #[must_use]
    pub const fn with_width(mut self, width: u32) -> Self {
        self.width = width;
        self
    }

    /// These options, numbering the rows in order when the table gives no values.
    #[must_use]
    pub const fn with_auto_bits(mut self, auto_bits: bool) -> Self {
        self.auto_bits = auto_bits;
        self
    }

    /// These options, with the headers that play each role given.
    #[must_use]
    pub const fn with_columns(mut self, columns: &'a [(Role, &'a str)]) -> Self {
        self.columns = columns;
        self
    }

    /// These options, reading a row with an earlier row's value as its alias.
    #[must_use]
    pub const fn with_aliases(mut self, aliases: bool) -> Self {
        self.aliases = aliases;
        self
    }

    /// These options, checking the table against `lock`.
    #[must_use]
    pub const fn with_lock(mut self, lock: &'a Lock) -> Self {
        self.lock = Some(lock);
        self
    }
}

impl Default for Options<'_> {
    fn default() -> Self {
        Self::new()
    }
}

/// A permission table read from a document.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Table {
    /// The text of the last heading before the table, if any.
    pub heading: Option<String>,
    /// The 1-based line of the table's header row.
    pub line: usize,
    /// The header cells, unwrapped, in order.
    pub columns: Vec<String>,
    /// The rows, in order, reserved ones included.
    pub rows: Vec<TableRow>,
}

/// One row of a [`Table`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TableRow {
    /// The 1-based line of the row in the document.
    pub line: usize,
    /// The name in SCREAMING_SNAKE_CASE (`VIEW_AUDIT_LOGS`), a valid Rust identifier.
    pub name: String,
    /// The name cell as written, unwrapped (`View Audit Logs`).
    pub label: String,
    /// The row's bits.
    pub value: u128,
    /// The `Description` cell, unwrapped; empty when the table has no such column.
    pub description: String,
    /// Whether the row only reserves its bits ("Not Used", "Unused", "Reserved"): it is not
    /// a permission, and no other row may use its bits.
    pub reserved: bool,
    /// The cells of every other column, as `(header, cell)`, unwrapped.
    pub meta: Vec<(String, String)>,
}

impl TableRow {
    /// The number of the row's bit, when it has exactly one.
    ///
    /// ```
    /// # use permissions_core::table::{self, Options};
    /// let table = table::parse("| Name | Value |\n|--|--|\n| A | 0x0400 |\n| B | 0x0112 |\n", &Options::new())?;
    /// assert_eq!(table.row("A").and_then(|r| r.bit()), Some(10));
    /// assert_eq!(table.row("B").and_then(|r| r.bit()), None);
    /// # Ok::<(), permissions_core::table::TableError>(())
    /// ```
    #[must_use]
    pub const fn bit(&self) -> Option<u32> {
        if self.value.is_power_of_two() {
            Some(self.value.trailing_zeros())
        } else {
            None
        }
    }
}

impl Table {
    /// The permission (not reserved) row with that name. The name is normalized first, so
    /// `"View Audit Logs"` finds `VIEW_AUDIT_LOGS`.
    #[must_use]
    pub fn row(&self, name: &str) -> Option<&TableRow> {
        let name = self::name::normalize(name);
        self.permissions().find(|row| row.name == name)
    }

    /// The permission rows, in order: every row but the reserved ones.
    pub fn permissions(&self) -> impl Iterator<Item = &TableRow> {
        self.rows.iter().filter(|row| !row.reserved)
    }

    /// The bits that reserved rows keep free.
    #[must_use]
    pub fn reserved_bits(&self) -> u128 {
        let mut bits = 0;
        for row in &self.rows {
            if row.reserved {
                bits |= row.value;
            }
        }
        bits
    }

    /// Which permissions `value` holds: every permission row whose bits it holds in full, and
    /// the bits that none of those rows accounts for.
    ///
    /// ```
    /// # use permissions_core::table::{self, Options};
    /// let doc = "| Permission | Value |\n|---|---|\n| VIEW_PUBLIC_LOGS | 0x0002 |\n\
    ///            | VIEW_SETTINGS | 0x0100 |\n| SEND_MESSAGES | 0x0112 |\n";
    /// let table = table::parse(doc, &Options::new().with_width(16))?;
    /// let held = table.explain(0x0112);
    /// let names: Vec<&str> = held.held.iter().map(|r| r.name.as_str()).collect();
    /// assert_eq!(names, ["VIEW_PUBLIC_LOGS", "VIEW_SETTINGS", "SEND_MESSAGES"]);
    /// assert_eq!(held.unknown, 0);
    /// // 0x0010 is part of SEND_MESSAGES only: held alone, no row accounts for it.
    /// assert_eq!(table.explain(0x0012).to_string(), "VIEW_PUBLIC_LOGS | 0x10");
    /// # Ok::<(), permissions_core::table::TableError>(())
    /// ```
    #[must_use]
    pub fn explain(&self, value: u128) -> Explained<'_> {
        let mut held = Vec::new();
        let mut covered = 0;
        for row in self.permissions() {
            if value & row.value == row.value {
                held.push(row);
                covered |= row.value;
            }
        }
        Explained {
            value,
            held,
            unknown: value & !covered,
        }
    }
}

/// What a value holds, by [`Table::explain`].
///
/// Its `Display` is bitflags' text format: the held rows' names, then any unknown bits in
/// hex, joined by ` | ` (`ADMINISTRATOR | SEND_INVITES | 0x1`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Explained<'a> {
    /// The value explained.
    pub value: u128,
    /// The permission rows whose every bit the value holds, in table order.
    pub held: Vec<&'a TableRow>,
    /// The value's bits that no held row accounts for: bits no row names, reserved bits, and
    /// bits of multi-bit rows that the value does not hold in full.
    pub unknown: u128,
}

impl fmt::Display for Explained<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, row) in self.held.iter().enumerate() {
            if i > 0 {
                f.write_str(" | ")?;
            }
            f.write_str(&row.name)?;
        }
        if self.unknown != 0 {
            if !self.held.is_empty() {
                f.write_str(" | ")?;
            }
            write!(f, "{:#x}", self.unknown)?;
        }
        Ok(())
    }
}

/// A heading of a document, as [`sections`] lists them.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Section {
    /// The 1-based line of the heading.
    pub line: usize,
    /// 1 for `#`, up to 6 for `######`.
    pub level: u8,
    /// The heading's text, unwrapped.
    pub heading: String,
    /// The line of the first table in the section, if it has one.
    pub table: Option<usize>,
}

/// The document's headings, in order, with the line of each section's first table.
///
/// A section runs from its heading to the next heading of the same or a higher level, so a
/// table under a subsection also belongs to the sections above it.
///
/// ```
/// use permissions_core::table;
///
/// let doc = "# Permissions\n\n### Guild\n\n| Name | Bit |\n|--|--|\n| A | 1 |\n\n### Text Channel\n";
/// let found: Vec<(String, Option<usize>)> =
///     table::sections(doc).into_iter().map(|s| (s.heading, s.table)).collect();
/// assert_eq!(found, [
///     ("Permissions".to_string(), Some(5)),
///     ("Guild".to_string(), Some(5)),
///     ("Text Channel".to_string(), None),
/// ]);
/// ```
#[must_use]
pub fn sections(document: &str) -> Vec<Section> {
    let outline = markdown::outline(document);
    let mut sections = Vec::with_capacity(outline.headings.len());
    for (i, h) in outline.headings.iter().enumerate() {
        sections.push(Section {
            line: h.line,
            level: h.level,
            heading: h.text.clone(),
            table: outline.table_in_section(i).map(markdown::Block::line),
        });
    }
    sections
}

/// Reads the permission table of a Markdown document.
///
/// # Errors
///
/// A [`TableError`] with the line of the offending row, table or heading: the table cannot
/// be found, a row is malformed, a value cannot be read, columns disagree, a value is zero
/// or beyond [`Options::width`], two rows share a name or a value, and so on (see
/// [`ErrorKind`]).
///
/// ```
/// use permissions_core::table::{self, ErrorKind, Options};
///
/// let doc = "| Flag |\n|---|\n| `PUBLIC` |\n| `USER` |\n";
/// let table = table::parse(doc, &Options::new().with_auto_bits(true))?;
/// let values: Vec<(&str, u128)> =
///     table.rows.iter().map(|r| (r.name.as_str(), r.value)).collect();
/// assert_eq!(values, [("PUBLIC", 1), ("USER", 2)]);
///
/// let err = table::parse(doc, &Options::new()).unwrap_err();
/// assert_eq!((err.line, err.kind), (1, ErrorKind::NoValueColumn));
/// # Ok::<(), permissions_core::table::TableError>(())
/// ```
pub fn parse(document: &str, options: &Options<'_>) -> Result<Table, TableError> {
    parse_all(document, options).map_err(|errors| {
        errors
            .into_iter()
            .next()
            .unwrap_or(TableError::new(1, ErrorKind::NoTable))
    })
}

/// Reads the permission table of a Markdown document, like [`parse`], and reports every
/// error: every bad row and every broken rule, in line order.
///
/// # Errors
///
/// Every [`TableError`] found, never an empty list.
///
/// ```
/// use permissions_core::table::{self, Options};
///
/// let doc = "| Name | Value |\n|---|---|\n| A | 0 |\n| B | 0x1 |\n| C | 0x1 |\n";
/// let errors = table::parse_all(doc, &Options::new()).unwrap_err();
/// let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
/// assert_eq!(lines, [3, 5]);
/// ```
pub fn parse_all(document: &str, options: &Options<'_>) -> Result<Table, Vec<TableError>> {
    let Read { table, mut errors } = read(document, options);
    let Some(table) = table else {
        return Err(errors);
    };
    let mut spec = table.spec(options.width);
    spec.incomplete = !errors.is_empty();
    spec.aliases = options.aliases;
    for e in rules::resolve(&spec).errors {
        errors.push(TableError::new(table.line_of(e.at), e.kind));
    }
    if errors.is_empty() {
        return Ok(table);
    }
    sort_by_line(&mut errors);
    Err(errors)
}

/// Errors in line order, those of one line in the order found: each goes after the errors
/// on its line or before it. (A document has few errors, most of them in order already; a
/// library sort would compile some thirty functions into every build of the derive.)
fn sort_by_line(errors: &mut Vec<TableError>) {
    let mut sorted: Vec<TableError> = Vec::with_capacity(errors.len());
    for error in core::mem::take(errors) {
        let at = sorted.partition_point(|e| e.line <= error.line);
        sorted.insert(at, error);
    }
    *errors = sorted;
}

/// What [`read`] found: the table's rows that could be read, and every error.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Read {
    /// The table, with every row that could be read; `None` when there is no table to read
    /// (no such section, no table, a header that cannot be read).
    pub table: Option<Table>,
    /// Every error found while reading, in line order.
    pub errors: Vec<TableError>,
}

/// Reads the table's rows, each checked on its own, without the rules between rows
/// ([`rules`]): the step of [`parse_all`] that callers with options of their own (the
/// derive's `default`, `bypass`, `implies`) take before [`rules::resolve`].
#[must_use]
pub fn read(document: &str, options: &Options<'_>) -> Read {
    let mut errors = Vec::new();
    let table = find(document, options, &mut errors);
    Read { table, errors }
}

fn find(document: &str, options: &Options<'_>, errors: &mut Vec<TableError>) -> Option<Table> {
    if !matches!(options.width, 8 | 16 | 32 | 64 | 128) {
        errors.push(TableError::new(
            0,
            ErrorKind::UnsupportedWidth {
                width: options.width,
            },
        ));
        return None;
    }
    let outline = markdown::outline(document);
    let block = match find_table(&outline, options) {
        Ok(block) => block,
        Err(err) => {
            errors.push(err);
            return None;
        }
    };
    let heading = block
        .heading
        .and_then(|i| outline.headings.get(i))
        .map(|h| h.text.clone());
    let read_cleanly = errors.is_empty();
    let table = build::table(block, heading, options, errors)?;
    if let Some(lock) = options.lock {
        let complete = read_cleanly && errors.is_empty();
        errors.extend(lock::errors(lock, &table, complete));
        sort_by_line(errors);
    }
    Some(table)
}

impl Table {
    /// The table as the rule engine takes it: each row with its value and line. A row that
    /// covers several bits does so on purpose (Tox Mod's `SEND_MESSAGES = 0x0112`), so it is
    /// composite.
    #[must_use]
    pub fn spec(&self, width: u32) -> rules::Spec {
        let mut rows = Vec::with_capacity(self.rows.len());
        for row in &self.rows {
            let mut draft = rules::Draft::new(row.name.clone(), rules::Assign::Value(row.value));
            draft.composite = row.value.count_ones() > 1;
            draft.reserved = row.reserved;
            draft.line = row.line;
            rows.push(draft);
        }
        rules::Spec::new(width, rows)
    }

    /// The line of a place that [`rules::resolve`] reports: the row's, or the table's.
    #[must_use]
    pub fn line_of(&self, at: rules::At) -> usize {
        match at {
            rules::At::Row(i, _) => self.rows.get(i).map_or(self.line, |r| r.line),
            _ => self.line,
        }
    }
}

/// The table that the options name.
fn find_table<'o, 'd>(
    outline: &'o markdown::Outline<'d>,
    options: &Options<'_>,
) -> Result<&'o markdown::Block<'d>, TableError> {
    let (tables, line) = match options.section {
        Some(section) => in_section(outline, section)?,
        None => (outline.tables.as_slice(), 1),
    };
    match (options.table, tables) {
        (None, []) => Err(match outline.near_table(None) {
            Some(near) => not_a_table(near),
            None => TableError::new(1, ErrorKind::NoTable),
        }),
        (None, [only]) => Ok(only),
        (None, [first, ..]) if options.section.is_some() => Ok(first),
        (None, [first, ..]) => Err(TableError::new(
            first.line(),
            ErrorKind::SeveralTables {
                lines: tables.iter().map(markdown::Block::line).collect(),
            },
        )),
        (Some(n), _) => n
            .checked_sub(1)
            .and_then(|i| tables.get(i))
            .ok_or(TableError::new(
                line,
                ErrorKind::NoSuchTable {
                    table: n,
                    tables: tables.len(),
                },
            )),
    }
}

/// The tables in the section whose heading reads `section`, and the heading's line.
fn in_section<'o, 'd>(
    outline: &'o markdown::Outline<'d>,
    section: &str,
) -> Result<(&'o [markdown::Block<'d>], usize), TableError> {
    let wanted = section.trim();
    let Some(index) = outline
        .headings
        .iter()
        .position(|h| h.text.trim().eq_ignore_ascii_case(wanted))
    else {
        let mut headings = Vec::with_capacity(outline.headings.len());
        for heading in &outline.headings {
            headings.push(heading.text.as_str());
        }
        let suggestion = suggest::closest_in(wanted, &headings).map(String::from);
        return Err(TableError::new(
            1,
            ErrorKind::NoSuchSection {
                section: String::from(wanted),
                suggestion,
            },
        ));
    };
    let heading = outline.headings.get(index);
    let line = heading.map_or(1, |h| h.line);
    let tables = outline.tables_in_section(index);
    if tables.is_empty() {
        if let Some(near) = outline.near_table(Some(index)) {
            return Err(not_a_table(near));
        }
        return Err(TableError::new(
            line,
            ErrorKind::EmptySection {
                section: heading.map_or_else(|| String::from(wanted), |h| h.text.clone()),
            },
        ));
    }
    Ok((tables, line))
}

/// Rows that look like a table, and why they are none.
fn not_a_table(near: markdown::NearTable) -> TableError {
    TableError::new(
        near.line,
        ErrorKind::NotATable {
            header: near.header,
            delimiter: near.delimiter,
        },
    )
}

#[cfg(test)]
mod tests;
