//! From a table block to rows: columns by role, each row's name and value. The rules between
//! rows are [`rules`](super::rules)'.

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

/// Reads the rows of a table block, each checked on its own. A row that cannot be read is
/// reported in `errors` and left out; a table whose header cannot be read gives `None`.
pub(crate) fn table(
    block: &Block<'_>,
    heading: Option<String>,
    options: &Options<'_>,
    errors: &mut Vec<TableError>,
) -> Option<Table> {
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
            errors.push(TableError::new(
                n,
                ErrorKind::MalformedRow {
                    expected: width,
                    found,
                },
            ));
            return None;
        }
    }
    let columns = match Columns::new(headers, line) {
        Ok(columns) => columns,
        Err(err) => {
            errors.push(err);
            return None;
        }
    };
    if columns.values.is_empty() && !options.auto_bits {
        errors.push(TableError::new(line, ErrorKind::NoValueColumn));
        return None;
    }

    let mut rows: Vec<TableRow> = Vec::new();
    let mut read = 0;
    for &(n, text) in lines {
        let cells: Vec<String> = split_cells(text).iter().map(|c| unwrap_inline(c)).collect();
        read += 1;
        if cells.len() != width {
            errors.push(TableError::new(
                n,
                ErrorKind::MalformedRow {
                    expected: width,
                    found: cells.len(),
                },
            ));
            continue;
        }
        match row(&columns, cells, n, read - 1, options.width) {
            Ok(row) => rows.push(row),
            Err(err) => errors.push(err),
        }
    }
    if read == 0 {
        errors.push(TableError::new(line, ErrorKind::NoRows));
        return None;
    }
    Some(Table {
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
            _ => return fail(ErrorKind::NoFreeBit { name, width }),
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
