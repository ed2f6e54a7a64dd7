//! The lock: each name's bits, recorded so that no edit of the document (a row inserted in
//! a table numbered with `auto_bits`, a value mistyped) silently changes what a stored value
//! means.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write as _;

use super::error::{ErrorKind, TableError};
use super::{Table, TableRow, name, value};

/// Each permission's bits, as last written on purpose.
///
/// A lock is a text file, one `NAME = 0x..` line per permission, `#` starting a comment. A
/// table (or the enum form's rows) keeps to it when every locked name is still there with
/// the same bits; new names are fine. Nothing writes a lock by itself: [`Lock::render`]
/// gives the text to write, when a person decides the current bits are the ones to keep.
///
/// ```
/// use permissions_core::table::{self, Drift, Lock, Options};
///
/// let doc = "| Flag |\n|---|\n| PUBLIC |\n| USER |\n";
/// let table = table::parse(doc, &Options::new().with_auto_bits(true))?;
/// let text = Lock::from_rows(table.permissions().map(|r| (r.name.as_str(), r.value))).render();
/// assert!(text.ends_with("PUBLIC = 0x1\nUSER = 0x2\n"));
///
/// // A value edited by hand: the lock says so, on the row.
/// let lock = Lock::parse(&text)?;
/// let edited = "| Flag | Value |\n|---|---|\n| PUBLIC | 0x1 |\n| USER | 0x4 |\n";
/// let errors = table::parse_all(edited, &Options::new().with_lock(&lock)).unwrap_err();
/// assert_eq!(errors[0].to_string(), "line 4: `USER` is locked at 0x0002 (bit 1) but the table \
///     gives 0x0004 (bit 2): a stored value would change meaning; restore the row's value, or \
///     update the lock on purpose");
///
/// // A row inserted at the top would renumber the others: one error, on the new row.
/// let edited = "| Flag |\n|---|\n| GUEST |\n| PUBLIC |\n| USER |\n";
/// let options = Options::new().with_auto_bits(true).with_lock(&lock);
/// let errors = table::parse_all(edited, &options).unwrap_err();
/// assert_eq!(errors.len(), 1);
/// assert!(matches!(&errors[0].kind, table::ErrorKind::LockTaken { name, .. } if name == "GUEST"));
/// assert_eq!(errors[0].line, 3);
/// # Ok::<(), permissions_core::table::TableError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lock {
    entries: Vec<Locked>,
}

/// One name of a [`Lock`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Locked {
    /// The name, as the set's constant (`VIEW_AUDIT_LOGS`).
    pub name: String,
    /// Its bits.
    pub bits: u128,
    /// Its 1-based line in the lock's text; 0 for a lock made with [`Lock::from_rows`].
    pub line: usize,
}

/// How rows differ from a lock, by [`Lock::check`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Drift {
    /// A locked name has other bits now.
    Changed {
        /// The row's index among the rows checked.
        index: usize,
        /// The name.
        name: String,
        /// The bits the lock records.
        locked: u128,
        /// The row's bits.
        now: u128,
    },
    /// A name the lock does not know has the bits locked for another name, which moved or
    /// went: a row inserted into a table numbered in order, or a row renamed.
    Taken {
        /// The new row's index among the rows checked.
        index: usize,
        /// The new name.
        name: String,
        /// Its bits, which the lock records for `owner`.
        bits: u128,
        /// The locked name whose bits these are.
        owner: String,
    },
    /// A locked name is not among the rows.
    Missing {
        /// The name.
        name: String,
        /// The bits the lock records.
        locked: u128,
        /// The name's line in the lock.
        line: usize,
    },
}

impl Drift {
    /// The index of the row it is about; `None` for a name that is gone.
    #[must_use]
    pub fn row(&self) -> Option<usize> {
        match self {
            Drift::Changed { index, .. } | Drift::Taken { index, .. } => Some(*index),
            Drift::Missing { .. } => None,
        }
    }

    /// The error it is: [`ErrorKind::LockChanged`], [`ErrorKind::LockTaken`] or
    /// [`ErrorKind::LockMissing`].
    #[must_use]
    pub fn into_kind(self) -> ErrorKind {
        match self {
            Drift::Changed {
                name, locked, now, ..
            } => ErrorKind::LockChanged { name, locked, now },
            Drift::Taken {
                name, bits, owner, ..
            } => ErrorKind::LockTaken { name, bits, owner },
            Drift::Missing { name, locked, line } => ErrorKind::LockMissing {
                name,
                locked,
                lock_line: line,
            },
        }
    }
}

impl Lock {
    /// Reads a lock's text.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::BadLock`] on the first line that is not blank, a `#` comment, or
    /// `NAME = VALUE` with a constant's name, a value as the `Value` column takes it
    /// (`0x400`, `1024`, `1 << 10`), and a name not locked before. The error's line is the
    /// lock's.
    ///
    /// ```
    /// use permissions_core::table::Lock;
    ///
    /// let lock = Lock::parse("# guild\nADMINISTRATOR = 0x80000000\nKICK_MEMBERS = 1 << 1\n")?;
    /// assert_eq!(lock.get("KICK_MEMBERS"), Some(2));
    /// let err = Lock::parse("KICK_MEMBERS 2\n").unwrap_err();
    /// assert_eq!(err.line, 1);
    /// # Ok::<(), permissions_core::table::TableError>(())
    /// ```
    pub fn parse(text: &str) -> Result<Lock, TableError> {
        let mut entries: Vec<Locked> = Vec::new();
        for (line, raw) in (1..).zip(text.lines()) {
            let trimmed = raw.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let fail = |reason| {
                Err(TableError::new(
                    line,
                    ErrorKind::BadLock {
                        text: String::from(trimmed),
                        reason,
                    },
                ))
            };
            let Some((name, bits)) = trimmed.split_once('=') else {
                return fail("expected `NAME = 0x..`");
            };
            let name = name.trim();
            if !name::is_identifier(name) || name::normalize(name) != name {
                return fail("the name is not a constant's name such as `VIEW_AUDIT_LOGS`");
            }
            let Ok(bits) = value::value(bits) else {
                return fail("the bits are not a value such as `0x400`");
            };
            if bits == 0 {
                return fail("a permission has at least one bit");
            }
            if entries.iter().any(|e| e.name == name) {
                return fail("the name is locked twice");
            }
            entries.push(Locked {
                name: String::from(name),
                bits,
                line,
            });
        }
        Ok(Lock { entries })
    }

    /// A lock of these `(name, bits)` rows, in their order.
    pub fn from_rows<'r>(rows: impl IntoIterator<Item = (&'r str, u128)>) -> Lock {
        Lock {
            entries: rows
                .into_iter()
                .map(|(name, bits)| Locked {
                    name: String::from(name),
                    bits,
                    line: 0,
                })
                .collect(),
        }
    }

    /// The lock's text: a comment saying what it is, then `NAME = 0x..` per name. Reading
    /// it back with [`Lock::parse`] gives the same names and bits.
    #[must_use]
    pub fn render(&self) -> String {
        let mut out = String::from(
            "# Each permission's bits, as stored in databases and tokens. A build fails when a\n\
             # locked name's bits change or a locked name disappears. Update this file only on\n\
             # purpose, and review its diff.\n",
        );
        for entry in &self.entries {
            // Writing into a `String` cannot fail.
            let _ = writeln!(out, "{} = {:#x}", entry.name, entry.bits);
        }
        out
    }

    /// The locked names, in the lock's order.
    #[must_use]
    pub fn entries(&self) -> &[Locked] {
        &self.entries
    }

    /// The bits locked for `name`.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<u128> {
        self.entries.iter().find(|e| e.name == name).map(|e| e.bits)
    }

    /// How `(name, bits)` rows differ from the lock: every locked name whose bits changed, in
    /// the rows' order, then every locked name the rows lack, in the lock's order. Names the
    /// lock does not know are fine, unless they took the bits of a locked name that moved or
    /// went. Empty when the rows keep to the lock.
    ///
    /// One mistake is one drift. A new row that takes a locked name's bits
    /// ([`Drift::Taken`]) is the cause, and what follows from it is left out: the changes of
    /// the rows after it (a row inserted into a table numbered in order moves every later
    /// row), and its owner gone (a row renamed). Likewise a name gone whose bits another row
    /// moved into (a row deleted from a table numbered in order) leaves out the changes of
    /// that row and the rows after it.
    ///
    /// ```
    /// use permissions_core::table::{Drift, Lock};
    ///
    /// let lock = Lock::parse("PUBLIC = 0x1\nUSER = 0x2\n")?;
    /// assert_eq!(lock.check([("PUBLIC", 1), ("USER", 2), ("ADMIN", 4)]), []);
    /// assert_eq!(lock.check([("USER", 4)]), [
    ///     Drift::Changed { index: 0, name: "USER".into(), locked: 2, now: 4 },
    ///     Drift::Missing { name: "PUBLIC".into(), locked: 1, line: 1 },
    /// ]);
    /// // GUEST inserted before USER, every row numbered in order: one drift, on GUEST.
    /// assert_eq!(lock.check([("PUBLIC", 1), ("GUEST", 2), ("USER", 4)]), [
    ///     Drift::Taken { index: 1, name: "GUEST".into(), bits: 2, owner: "USER".into() },
    /// ]);
    /// # Ok::<(), permissions_core::table::TableError>(())
    /// ```
    pub fn check<'r>(&self, rows: impl IntoIterator<Item = (&'r str, u128)>) -> Vec<Drift> {
        let rows: Vec<(&str, u128)> = rows.into_iter().collect();
        self.check_rows(&rows)
    }

    /// [`Lock::check`], compiled once rather than for each caller's iterator.
    fn check_rows(&self, rows: &[(&str, u128)]) -> Vec<Drift> {
        let mut present = alloc::vec![false; self.entries.len()];
        let mut drifts = Vec::new();
        for (index, &(name, now)) in rows.iter().enumerate() {
            let Some(at) = self.entries.iter().position(|e| e.name == name) else {
                continue;
            };
            if let (Some(seen), Some(entry)) = (present.get_mut(at), self.entries.get(at)) {
                *seen = true;
                if entry.bits != now {
                    drifts.push(Drift::Changed {
                        index,
                        name: String::from(name),
                        locked: entry.bits,
                        now,
                    });
                }
            }
        }
        for (entry, seen) in self.entries.iter().zip(present) {
            if !seen {
                drifts.push(Drift::Missing {
                    name: entry.name.clone(),
                    locked: entry.bits,
                    line: entry.line,
                });
            }
        }
        // A name gone whose bits a locked row moved into: a row deleted from a table numbered
        // in order moves every later row up. The deletion is the one mistake.
        let moved_up = drifts
            .iter()
            .filter_map(|gone| match gone {
                Drift::Missing { locked, .. } => drifts.iter().find_map(|moved| match moved {
                    Drift::Changed { index, now, .. } if now == locked => Some(*index),
                    _ => None,
                }),
                _ => None,
            })
            .min();
        if let Some(from) = moved_up {
            drifts.retain(|d| !matches!(d, Drift::Changed { index, .. } if *index >= from));
        }
        let taken = self.taken(rows, &drifts);
        let Some(first) = taken.first().and_then(Drift::row) else {
            return drifts;
        };
        let mut owners: Vec<&str> = Vec::new();
        for t in &taken {
            if let Drift::Taken { owner, .. } = t {
                owners.push(owner);
            }
        }
        drifts.retain(|d| match d {
            Drift::Changed { index, .. } => *index < first,
            Drift::Missing { name, .. } => !owners.contains(&name.as_str()),
            Drift::Taken { .. } => true,
        });
        // The causes first, in the rows' order.
        let mut out = taken;
        out.extend(drifts);
        out
    }

    /// The new rows that hold the bits of a locked name which moved or went.
    fn taken(&self, rows: &[(&str, u128)], drifts: &[Drift]) -> Vec<Drift> {
        let drifted = |owner: &str| {
            drifts.iter().any(|d| match d {
                Drift::Changed { name, .. } | Drift::Missing { name, .. } => name == owner,
                Drift::Taken { .. } => false,
            })
        };
        let mut taken = Vec::new();
        for (index, &(name, bits)) in rows.iter().enumerate() {
            if self.get(name).is_some() {
                continue;
            }
            match self.entries.iter().find(|e| e.bits == bits) {
                Some(owner) if drifted(&owner.name) => taken.push(Drift::Taken {
                    index,
                    name: String::from(name),
                    bits,
                    owner: owner.name.clone(),
                }),
                _ => {}
            }
        }
        taken
    }
}

/// The errors of a table that does not keep to `lock`: a changed name on its row, a missing
/// one on the table's line. Missing names are reported only when `complete` (no row failed to
/// read), since a row that failed may be the one with the name.
pub(crate) fn errors(lock: &Lock, table: &Table, complete: bool) -> Vec<TableError> {
    let (mut rows, mut named): (Vec<&TableRow>, Vec<(&str, u128)>) = (Vec::new(), Vec::new());
    for row in table.permissions() {
        rows.push(row);
        named.push((row.name.as_str(), row.value));
    }
    let mut errors = Vec::new();
    for drift in lock.check_rows(&named) {
        let line = match drift.row() {
            Some(index) => rows.get(index).map_or(table.line, |r| r.line),
            None if complete => table.line,
            None => continue,
        };
        errors.push(TableError::new(line, drift.into_kind()));
    }
    errors
}
