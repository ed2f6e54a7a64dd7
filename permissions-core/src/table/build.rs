//! From a table block's rows (read by `columns`) to a checked table: the rules between rows.

use alloc::collections::BTreeSet;
use alloc::string::String;
use alloc::vec::Vec;

use super::columns;
use super::error::{ErrorKind, TableError};
use super::markdown::Block;
use super::{Options, Table, TableRow};

/// Reads a table block's rows and checks the rules between them: the table of the good rows,
/// and the error of every bad one, in document order. A row that cannot be read is left out
/// of the checks between rows, so that no error is the consequence of another.
pub(crate) fn table(
    block: &Block<'_>,
    heading: Option<String>,
    options: &Options<'_>,
) -> (Table, Vec<TableError>) {
    let line = block.line();
    let mut rows: Vec<TableRow> = Vec::new();
    let mut errors = Vec::new();
    let headers = match columns::read(block, options) {
        Ok(read) => {
            let mut seen = Seen::default();
            for row in read.rows {
                let checked = row.and_then(|row| {
                    if seen.may_clash(&row) {
                        check_against(&rows, &row)?;
                    }
                    Ok(row)
                });
                match checked {
                    Ok(row) => {
                        seen.add(&row);
                        rows.push(row);
                    }
                    Err(err) => errors.push(err),
                }
            }
            if rows.is_empty() && errors.is_empty() {
                errors.push(TableError::new(line, ErrorKind::NoRows));
            }
            read.headers
        }
        Err(err) => {
            errors.push(err);
            Vec::new()
        }
    };
    let table = Table {
        heading,
        line,
        columns: headers,
        rows,
    };
    (table, errors)
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
