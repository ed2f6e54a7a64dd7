//! From a table block to rows: which column plays which role, and each body row read on its
//! own into a name, a value, a description and metadata, or into its own error. The rules
//! between rows are [`rules`](super::rules)'.

use alloc::string::String;
use alloc::vec::Vec;

use super::error::{ErrorKind, TableError};
use super::markdown::{Block, split_cells};
use super::value::{self, CellError};
use super::{Options, Table, TableRow, inline, name};

/// What a column states about each row. A column's role is found by its header (see
/// [`Role::headers`]), or given by [`Options::columns`] when the document uses other words.
///
/// ```
/// use permissions_core::table::Role;
///
/// assert_eq!(Role::from_key("description"), Some(Role::Description));
/// assert_eq!(Role::Position.key(), "position");
/// assert!(Role::Name.headers().contains(&"permission"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// The row's name (`Permission`, `Flag`, `Name`).
    Name,
    /// The row's value: hex, decimal, binary, `1 << n` (`Value`).
    Value,
    /// The number of the row's bit, `31` (`Bit Number`, `Bit`).
    Bit,
    /// The row's bit as a binary string, leftmost digit highest (`Bit Position`).
    Position,
    /// The row's description (`Description`).
    Description,
}

impl Role {
    /// Every role, in the order of [`Role::key`]'s documentation.
    pub const ALL: [Role; 5] = [
        Role::Name,
        Role::Value,
        Role::Bit,
        Role::Position,
        Role::Description,
    ];

    /// The role's key in `columns(name = "..", value = "..", bit = "..", position = "..",
    /// description = "..")`.
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Role::Name => "name",
            Role::Value => "value",
            Role::Bit => "bit",
            Role::Position => "position",
            Role::Description => "description",
        }
    }

    /// The role a `columns(..)` key names.
    #[must_use]
    pub fn from_key(key: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.key() == key)
    }

    /// The headers that play this role when [`Options::columns`] does not say otherwise,
    /// lower-cased (headers are compared case-insensitively, runs of spaces as one).
    #[must_use]
    pub const fn headers(self) -> &'static [&'static str] {
        match self {
            Role::Name => &["permission", "flag", "name"],
            Role::Value => &["value"],
            Role::Bit => &["bit number", "bit"],
            Role::Position => &["bit position"],
            Role::Description => &["description"],
        }
    }

    /// What a cell of this column must look like, for error messages.
    fn expected(self) -> &'static str {
        match self {
            Role::Bit => "a bit number such as `31`",
            Role::Position => "a binary string such as `00001000`",
            _ => "hex `0x..`, decimal, binary `0b..` or `1 << n`",
        }
    }

    fn read(self, cell: &str) -> Result<u128, CellError> {
        match self {
            Role::Bit => value::bit_number(cell),
            Role::Position => value::bit_position(cell),
            _ => value::value(cell),
        }
    }

    fn states_value(self) -> bool {
        matches!(self, Role::Value | Role::Bit | Role::Position)
    }
}

/// A header as compared: lower case, runs of whitespace as one space.
fn key(header: &str) -> String {
    let mut key = String::new();
    for word in header.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&word.to_ascii_lowercase());
    }
    key
}

/// What one column is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Role(Role),
    /// Metadata whose every cell reads as a value, one at least written as a value is
    /// (`1 << 5`, `0x20`): it restates the value and must agree with it.
    Restates,
    Meta,
}

/// The columns' roles, with the index of each single-role column.
struct Columns {
    headers: Vec<String>,
    kinds: Vec<Kind>,
    name: usize,
    description: Option<usize>,
    /// The value columns (`Value`, `Bit Number`, `Bit Position`, then restating ones), in
    /// the order they appear.
    values: Vec<(usize, Role)>,
}

impl Columns {
    fn new(
        headers: Vec<String>,
        line: usize,
        mapping: &[(Role, &str)],
    ) -> Result<Columns, TableError> {
        let mut keys = Vec::with_capacity(headers.len());
        let mut kinds = Vec::with_capacity(headers.len());
        for header in &headers {
            let k = key(header);
            let mapped = mapping.iter().find(|(_, h)| key(h) == k).map(|&(r, _)| r);
            // A role given a header by the mapping is not recognized by its usual headers.
            let usual = Role::ALL.into_iter().find(|r| {
                r.headers().contains(&k.as_str()) && !mapping.iter().any(|(m, _)| m == r)
            });
            kinds.push(mapped.or(usual).map_or(Kind::Meta, Kind::Role));
            keys.push(k);
        }
        if let Some((role, header)) = mapping.iter().find(|(_, h)| !keys.contains(&key(h))) {
            return Err(TableError::new(
                line,
                ErrorKind::NoSuchColumn {
                    role: role.key(),
                    header: String::from(*header),
                    columns: headers,
                },
            ));
        }
        let mut firsts: Vec<(Role, usize)> = Vec::new();
        let mut values = Vec::new();
        for (i, &kind) in kinds.iter().enumerate() {
            let Kind::Role(role) = kind else { continue };
            if let Some(first) = column_of(&firsts, role) {
                return Err(TableError::new(
                    line,
                    ErrorKind::DuplicateColumn {
                        first: header(&headers, first),
                        second: header(&headers, i),
                    },
                ));
            }
            firsts.push((role, i));
            if role.states_value() {
                values.push((i, role));
            }
        }
        let name =
            column_of(&firsts, Role::Name).ok_or(TableError::new(line, ErrorKind::NoNameColumn))?;
        let description = column_of(&firsts, Role::Description);
        Ok(Columns {
            headers,
            kinds,
            name,
            description,
            values,
        })
    }

    /// Marks the metadata columns that restate the value (see [`Kind::Restates`]), when the
    /// table has a value column for them to agree with.
    fn find_restatements(&mut self, rows: &[(usize, Vec<String>)]) {
        if self.values.is_empty() {
            return;
        }
        for i in 0..self.kinds.len() {
            if self.kinds.get(i) != Some(&Kind::Meta) {
                continue;
            }
            let mut written_as_value = false;
            let mut all_read = true;
            let mut any = false;
            for (_, cells) in rows {
                let Some(cell) = cells.get(i).filter(|c| !c.is_empty()) else {
                    continue;
                };
                any = true;
                all_read &= value::value(cell).is_ok();
                written_as_value |=
                    cell.contains("<<") || cell.contains("0x") || cell.contains("0b");
            }
            if any && all_read && written_as_value {
                if let Some(kind) = self.kinds.get_mut(i) {
                    *kind = Kind::Restates;
                }
                self.values.push((i, Role::Value));
            }
        }
    }
}

/// The column that plays `role`, among `(role, column)` pairs.
fn column_of(columns: &[(Role, usize)], role: Role) -> Option<usize> {
    columns.iter().find(|&&(r, _)| r == role).map(|&(_, i)| i)
}

fn header(headers: &[String], i: usize) -> String {
    headers.get(i).cloned().unwrap_or_default()
}

fn cell(cells: &[String], i: usize) -> String {
    cells.get(i).cloned().unwrap_or_default()
}

/// Reads the rows of a table block, each checked on its own. A row that cannot be read is
/// reported in `errors` and left out; a table whose header cannot be read gives `None`.
pub(crate) fn table(
    block: &Block<'_>,
    heading: Option<String>,
    options: &Options<'_>,
    errors: &mut Vec<TableError>,
) -> Option<Table> {
    match read(block, options, errors) {
        Ok((columns, rows)) => Some(Table {
            heading,
            line: block.line(),
            columns,
            rows,
        }),
        Err(err) => {
            errors.push(err);
            None
        }
    }
}

/// Reads a table block's header, then each body row on its own: its header cells and the
/// rows that could be read. A row that cannot be read is reported in `errors`.
///
/// # Errors
///
/// An error about the table as a whole: its columns, or no rows.
fn read(
    block: &Block<'_>,
    options: &Options<'_>,
    errors: &mut Vec<TableError>,
) -> Result<(Vec<String>, Vec<TableRow>), TableError> {
    let line = block.line();
    let mut lines = block.lines.iter();
    let headers = lines
        .next()
        .map(|&(_, text)| cell_texts(&split_cells(text)))
        .unwrap_or_default();
    let width = headers.len();
    // The delimiter row, whose cell count the outline checked.
    lines.next();
    let mut columns = Columns::new(headers, line, options.columns)?;
    if columns.values.is_empty() && !options.auto_bits {
        return Err(TableError::new(line, ErrorKind::NoValueColumn));
    }
    // Each body row's line, its cells as written, and their text.
    let mut raw: Vec<(usize, Vec<String>)> = Vec::new();
    let mut texts: Vec<(usize, Vec<String>)> = Vec::new();
    for &(n, text) in lines {
        // GFM: missing cells are empty, and excess cells are not shown (they are kept here
        // for `hidden` to look at).
        let mut cells = split_cells(text);
        cells.resize(cells.len().max(width), String::new());
        texts.push((n, cell_texts(&cells)));
        raw.push((n, cells));
    }
    if raw.is_empty() {
        return Err(TableError::new(line, ErrorKind::NoRows));
    }
    columns.find_restatements(&texts);
    let mut rows = Vec::with_capacity(raw.len());
    for (index, ((n, raw), (_, cells))) in raw.iter().zip(texts).enumerate() {
        match hidden(raw, width, *n)
            .and_then(|()| row(&columns, raw, cells, *n, index, options.width))
        {
            Ok(row) => rows.push(row),
            Err(err) => errors.push(err),
        }
    }
    Ok((columns.headers, rows))
}

/// The text of each cell, unwrapped.
fn cell_texts(cells: &[String]) -> Vec<String> {
    let mut texts = Vec::with_capacity(cells.len());
    for cell in cells {
        texts.push(inline::text(cell));
    }
    texts
}

/// Excess cells are fine when empty (`| a | b | |`). Text in one is text that GitHub does not
/// show, almost always after a `|` that was meant to be escaped: an error.
fn hidden(raw: &[String], width: usize, line: usize) -> Result<(), TableError> {
    let excess = raw.get(width..).unwrap_or_default();
    if excess.iter().all(String::is_empty) {
        return Ok(());
    }
    let mut hidden = String::new();
    for (i, cell) in excess.iter().enumerate() {
        if i > 0 {
            hidden.push_str(" | ");
        }
        hidden.push_str(cell);
    }
    Err(TableError::new(
        line,
        ErrorKind::MalformedRow {
            expected: width,
            found: raw.len(),
            hidden,
        },
    ))
}

/// Reads one row; `index` is its place among the body rows, which numbers it when the
/// table has no value column.
fn row(
    columns: &Columns,
    raw: &[String],
    cells: Vec<String>,
    line: usize,
    index: usize,
    width: u32,
) -> Result<TableRow, TableError> {
    let fail = |kind| Err(TableError::new(line, kind));
    let raw_name = cell(raw, columns.name);
    let unwrapped = inline::name(&raw_name);
    if let Some(markup) = unwrapped.markup {
        return fail(ErrorKind::MarkupInName {
            cell: raw_name,
            markup,
        });
    }
    let label = unwrapped.text;
    let name = name::normalize(&label);
    if label.is_empty() {
        return fail(ErrorKind::EmptyName);
    }
    if !name::is_identifier(&name) {
        return fail(ErrorKind::InvalidName {
            label,
            normalized: name,
        });
    }

    let value = if columns.values.is_empty() {
        match u32::try_from(index) {
            Ok(bit) if bit < width => 1u128 << bit,
            _ => return fail(ErrorKind::NoFreeBit { name, width }),
        }
    } else {
        agreed_value(columns, raw, line, width)?
    };

    let description = columns
        .description
        .map(|i| cell(&cells, i))
        .unwrap_or_default();
    let mut meta = Vec::new();
    for (cell, (header, kind)) in cells
        .into_iter()
        .zip(columns.headers.iter().zip(&columns.kinds))
    {
        if matches!(kind, Kind::Meta | Kind::Restates) {
            meta.push((header.clone(), cell));
        }
    }
    Ok(TableRow {
        line,
        reserved: name::is_reserved(&name),
        name,
        label,
        value,
        description,
        meta,
    })
}

/// Whether a cell writes `<sup>` right after a decimal number, as in `2<sup>31</sup>`: a
/// power to the eye, a footnote mark to the reader of names.
fn superscript_after_number(written: &str) -> bool {
    let lower = written.to_ascii_lowercase();
    lower.find("<sup>").is_some_and(|at| {
        let before = lower.get(..at).unwrap_or_default();
        !before.is_empty() && before.bytes().all(|b| b.is_ascii_digit())
    })
}

/// The row's value, read from every value column, which must agree. A value cell is read
/// like a name: a footnote mark (`0x0001<sup>1</sup>`, `31*`) is dropped, never read as digits.
fn agreed_value(
    columns: &Columns,
    raw: &[String],
    line: usize,
    width: u32,
) -> Result<u128, TableError> {
    let fail = |kind| Err(TableError::new(line, kind));
    let mut agreed: Option<(usize, u128)> = None;
    for &(i, role) in &columns.values {
        let column = header(&columns.headers, i);
        let written = cell(raw, i);
        if role == Role::Value && superscript_after_number(&written) {
            return fail(ErrorKind::SuperscriptAfterNumber {
                column,
                cell: written,
            });
        }
        let text = inline::name(&written).text;
        if columns.kinds.get(i) == Some(&Kind::Restates) && text.is_empty() {
            continue;
        }
        let value = match role.read(&text) {
            Ok(value) => value,
            Err(CellError::Empty) => return fail(ErrorKind::EmptyCell { column }),
            Err(CellError::Invalid) => {
                return fail(ErrorKind::InvalidValue {
                    column,
                    cell: text,
                    expected: role.expected(),
                });
            }
            Err(CellError::TooLarge(bit)) => {
                return fail(ErrorKind::BeyondWidth {
                    bit,
                    cell: text,
                    width,
                });
            }
            Err(CellError::Disagree(first, second)) => {
                return fail(ErrorKind::FormsDisagree {
                    column,
                    cell: text,
                    first,
                    second,
                });
            }
        };
        match agreed {
            None => agreed = Some((i, value)),
            Some((first, first_value)) if first_value != value => {
                return fail(ErrorKind::ColumnsDisagree {
                    first: header(&columns.headers, first),
                    first_value,
                    second: column,
                    second_value: value,
                });
            }
            Some(_) => {}
        }
    }
    agreed
        .map(|(_, value)| value)
        .ok_or(TableError::new(line, ErrorKind::NoValueColumn))
}
