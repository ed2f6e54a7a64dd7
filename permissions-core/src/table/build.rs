//! From a table block to checked rows: columns by role, each row's name and value, and the
//! rules between rows.

use alloc::collections::BTreeSet;
use alloc::string::String;
use alloc::vec::Vec;

use super::error::{ErrorKind, TableError};
use super::markdown::{Block, split_cells, unwrap_inline};
use super::value::{self, CellError};
use super::{Options, Table, TableRow, name};

/// What a column states, recognized by its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Name,
    Value,
    BitNumber,
    BitPosition,
    Description,
    Meta,
}

impl Role {
    fn of(header: &str) -> Role {
        let mut key = String::new();
        for word in header.split_whitespace() {
            if !key.is_empty() {
                key.push(' ');
            }
            key.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        }
        match key.as_str() {
            "permission" | "flag" | "name" => Role::Name,
            "value" => Role::Value,
            "bit number" | "bit" => Role::BitNumber,
            "bit position" => Role::BitPosition,
            "description" => Role::Description,
            _ => Role::Meta,
        }
    }

    /// What a cell of this column must look like, for error messages.
    fn expected(self) -> &'static str {
        match self {
            Role::BitNumber => "a bit number such as `31`",
            Role::BitPosition => "a binary string such as `00001000`",
            _ => "hex `0x..`, decimal, binary `0b..` or `1 << n`",
        }
    }

    fn read(self, cell: &str) -> Result<u128, CellError> {
        match self {
            Role::BitNumber => value::bit_number(cell),
            Role::BitPosition => value::bit_position(cell),
            _ => value::value(cell),
        }
    }
}

/// The columns' roles, with the index of each single-role column.
struct Columns {
    headers: Vec<String>,
    roles: Vec<Role>,
    name: usize,
    description: Option<usize>,
    /// `Value`, `Bit Number`, `Bit Position`, in the order they appear.
    values: Vec<(usize, Role)>,
}

impl Columns {
    fn new(headers: Vec<String>, line: usize) -> Result<Columns, TableError> {
        let roles: Vec<Role> = headers.iter().map(|h| Role::of(h)).collect();
        let mut firsts: Vec<(Role, usize)> = Vec::new();
        for (i, &role) in roles.iter().enumerate() {
            if role == Role::Meta {
                continue;
            }
            if let Some(&(_, first)) = firsts.iter().find(|&&(r, _)| r == role) {
                return Err(TableError::new(
                    line,
                    ErrorKind::DuplicateColumn {
                        first: header(&headers, first),
                        second: header(&headers, i),
                    },
                ));
            }
            firsts.push((role, i));
        }
        let find = |role| firsts.iter().find(|&&(r, _)| r == role).map(|&(_, i)| i);
        let name = find(Role::Name).ok_or(TableError::new(line, ErrorKind::NoNameColumn))?;
        let description = find(Role::Description);
        let values = firsts
            .iter()
            .filter(|(r, _)| matches!(r, Role::Value | Role::BitNumber | Role::BitPosition))
            .map(|&(r, i)| (i, r))
            .collect();
        Ok(Columns {
            headers,
            roles,
            name,
            description,
            values,
        })
    }
}

fn header(headers: &[String], i: usize) -> String {
    headers.get(i).cloned().unwrap_or_default()
}

fn cell(cells: &[String], i: usize) -> String {
    cells.get(i).cloned().unwrap_or_default()
}

/// Reads and checks the rows of a table block.
pub(crate) fn table(
    block: &Block<'_>,
    heading: Option<String>,
    options: &Options<'_>,
) -> Result<Table, TableError> {
    let line = block.line();
    let mut lines = block.lines.iter();
    let headers: Vec<String> = lines
        .next()
        .map(|&(_, text)| split_cells(text).iter().map(|c| unwrap_inline(c)).collect())
        .unwrap_or_default();
    let width = headers.len();
    if let Some(&(n, delimiter)) = lines.next() {
        let found = split_cells(delimiter).len();
        if found != width {
            return Err(TableError::new(
                n,
                ErrorKind::MalformedRow {
                    expected: width,
                    found,
                },
            ));
        }
    }
    let columns = Columns::new(headers, line)?;
    if columns.values.is_empty() && !options.auto_bits {
        return Err(TableError::new(line, ErrorKind::NoValueColumn));
    }

    let mut rows: Vec<TableRow> = Vec::new();
    let mut seen = Seen::default();
    for &(n, text) in lines {
        let cells: Vec<String> = split_cells(text).iter().map(|c| unwrap_inline(c)).collect();
        if cells.len() != width {
            return Err(TableError::new(
                n,
                ErrorKind::MalformedRow {
                    expected: width,
                    found: cells.len(),
                },
            ));
        }
        let row = row(&columns, cells, n, rows.len(), options.width)?;
        if seen.may_clash(&row) {
            check_against(&rows, &row)?;
        }
        seen.add(&row);
        rows.push(row);
    }
    if rows.is_empty() {
        return Err(TableError::new(line, ErrorKind::NoRows));
    }
    Ok(Table {
        heading,
        line,
        columns: columns.headers,
        rows,
    })
}

/// Reads one row; `index` is its place among the body rows, which numbers it when the
/// table has no value column.
fn row(
    columns: &Columns,
    cells: Vec<String>,
    line: usize,
    index: usize,
    width: u32,
) -> Result<TableRow, TableError> {
    let fail = |kind| Err(TableError::new(line, kind));
    let label = cell(&cells, columns.name);
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
            _ => return fail(ErrorKind::NoFreeBit { width }),
        }
    } else {
        agreed_value(columns, &cells, line, width)?
    };

    let description = columns
        .description
        .map(|i| cell(&cells, i))
        .unwrap_or_default();
    let meta = cells
        .into_iter()
        .zip(columns.headers.iter().zip(&columns.roles))
        .filter(|(_, (_, role))| **role == Role::Meta)
        .map(|(cell, (header, _))| (header.clone(), cell))
        .collect();
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

/// The row's value, read from every value column, which must agree.
fn agreed_value(
    columns: &Columns,
    cells: &[String],
    line: usize,
    width: u32,
) -> Result<u128, TableError> {
    let fail = |kind| Err(TableError::new(line, kind));
    let mut agreed: Option<(usize, u128)> = None;
    for &(i, role) in &columns.values {
        let column = header(&columns.headers, i);
        let text = cell(cells, i);
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
        if value == 0 {
            return fail(ErrorKind::ZeroValue { column });
        }
        let highest = 127 - value.leading_zeros();
        if highest >= width {
            return fail(ErrorKind::BeyondWidth {
                bit: Some(highest),
                cell: text,
                width,
            });
        }
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

/// What the rows so far use, so that a row that clashes with none of them is accepted
/// without comparing it with each one.
#[derive(Default)]
struct Seen {
    names: BTreeSet<String>,
    values: BTreeSet<u128>,
    reserved: u128,
    used: u128,
}

impl Seen {
    /// Whether [`check_against`] may find a clash: `false` means it certainly does not.
    fn may_clash(&self, row: &TableRow) -> bool {
        self.values.contains(&row.value)
            || if row.reserved {
                row.value & self.used != 0
            } else {
                row.value & self.reserved != 0 || self.names.contains(&row.name)
            }
    }

    fn add(&mut self, row: &TableRow) {
        self.values.insert(row.value);
        if row.reserved {
            self.reserved |= row.value;
        } else {
            self.used |= row.value;
            self.names.insert(row.name.clone());
        }
    }
}

/// Checks a new row against the rows before it: names and values are unique, and no
/// permission shares a bit with a reserved row. Overlapping values are allowed: a composite
/// row (Tox Mod's `SEND_MESSAGES = 0x0112`) covers others on purpose.
fn check_against(before: &[TableRow], row: &TableRow) -> Result<(), TableError> {
    let fail = |kind| Err(TableError::new(row.line, kind));
    for other in before {
        let shared = other.value & row.value;
        match (other.reserved, row.reserved) {
            (false, false) if other.name == row.name => {
                return fail(ErrorKind::DuplicateName {
                    name: row.name.clone(),
                    first: other.line,
                });
            }
            (true, false) if shared != 0 => {
                return fail(ErrorKind::UsesReservedBits {
                    name: row.name.clone(),
                    bits: shared,
                    reserved: other.line,
                });
            }
            (false, true) if shared != 0 => {
                return fail(ErrorKind::ReservesUsedBits {
                    bits: shared,
                    other: other.name.clone(),
                    first: other.line,
                });
            }
            _ if other.value == row.value => {
                return fail(ErrorKind::DuplicateValue {
                    name: row.name.clone(),
                    value: row.value,
                    other: other.name.clone(),
                    first: other.line,
                });
            }
            _ => {}
        }
    }
    Ok(())
}
