//! Documents and their tables: the derive's options as flags, reading a file, finding the
//! table, and error messages with `file:line`.

use std::fmt;
use std::path::{Path, PathBuf};

use clap::Args;
use permissions::table::{self, ErrorKind, Lock, Options, Role, Table, TableError};

/// How to find and read a document's table: the options the derive has.
#[derive(Clone, Debug, Default, Args)]
pub struct TableArgs {
    /// The heading whose section holds the table (any level, compared case-insensitively).
    /// Without it, the document must hold one table.
    #[arg(long, short, value_name = "HEADING")]
    pub section: Option<String>,
    /// Number the rows in order when the table gives no values (a names-only table).
    #[arg(long)]
    pub auto_bits: bool,
    /// The set's width in bits: 8, 16, 32, 64 or 128. Values beyond it are an error. By
    /// default, the smallest width that holds every row.
    #[arg(long, value_name = "BITS", value_parser = width)]
    pub width: Option<u32>,
    /// Which table of the section (or of the document), counting from 1.
    #[arg(long, value_name = "N", value_parser = table_number)]
    pub table: Option<usize>,
    /// Which header plays a role, when the document uses other words: `--column name=Right
    /// --column "description=When enabled"`. The roles are name, value, bit, position and
    /// description.
    #[arg(long = "column", value_name = "ROLE=HEADER", value_parser = column)]
    pub columns: Vec<(Role, String)>,
    /// A row whose value equals an earlier row's is an alias of it (an old name kept for
    /// compatibility), not an error.
    #[arg(long)]
    pub aliases: bool,
    /// The lock the table must keep to (`NAME = 0x..` lines, as `permissions lock` writes
    /// them): a locked name may not change its bits or disappear.
    #[arg(long, value_name = "FILE")]
    pub lock: Option<PathBuf>,
}

impl TableArgs {
    /// Whether these arguments pick one table, as the derive's options do.
    pub(crate) fn pick_one(&self) -> bool {
        self.section.is_some() || self.table.is_some() || self.lock.is_some()
    }
}

fn width(text: &str) -> Result<u32, String> {
    match text.trim().parse() {
        Ok(bits @ (8 | 16 | 32 | 64 | 128)) => Ok(bits),
        _ => Err("the width is 8, 16, 32, 64 or 128".to_string()),
    }
}

fn table_number(text: &str) -> Result<usize, String> {
    match text.trim().parse() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err("tables are counted from 1".to_string()),
    }
}

fn column(text: &str) -> Result<(Role, String), String> {
    let roles = || {
        Role::ALL
            .iter()
            .map(|r| r.key())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some((role, header)) = text.split_once('=') else {
        return Err(format!(
            "write ROLE=HEADER, such as `name=Right` (roles: {})",
            roles()
        ));
    };
    let role = Role::from_key(role.trim())
        .ok_or_else(|| format!("`{}` is not a role: use one of {}", role.trim(), roles()))?;
    if header.trim().is_empty() {
        return Err("the header after `=` is empty".to_string());
    }
    Ok((role, header.trim().to_string()))
}

/// A document read from a file.
pub(crate) struct Document {
    /// The path as given, for messages.
    pub path: String,
    pub text: String,
}

impl Document {
    pub fn load(path: &Path) -> Result<Document, String> {
        let shown = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            format!("{shown}:{line}: the document is not UTF-8 text")
        })?;
        Ok(Document { path: shown, text })
    }
}

/// A table read from a document, with the width of its set.
pub(crate) struct Read {
    pub table: Table,
    pub width: u32,
}

impl Read {
    /// The table's heading, or the file name when it has none, for titles.
    pub fn title<'a>(&'a self, doc: &'a Document) -> &'a str {
        self.table.heading.as_deref().unwrap_or(&doc.path)
    }
}

/// An error in a document, at a line.
pub(crate) struct Diagnostic<'a> {
    pub path: &'a str,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Diagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path, self.message)
        } else {
            write!(f, "{}:{}: {}", self.path, self.line, self.message)
        }
    }
}

/// The table options of a run, with the lock read once.
pub(crate) struct Settings<'a> {
    args: &'a TableArgs,
    columns: Vec<(Role, &'a str)>,
    lock: Option<Lock>,
}

impl<'a> Settings<'a> {
    /// The options of `args`, reading its lock file, if any.
    pub fn new(args: &'a TableArgs) -> Result<Self, String> {
        let lock = match &args.lock {
            None => None,
            Some(path) => {
                let doc = Document::load(path)?;
                let lock = Lock::parse(&doc.text).map_err(|e| {
                    Diagnostic {
                        path: &doc.path,
                        line: e.line,
                        message: e.kind.to_string(),
                    }
                    .to_string()
                })?;
                Some(lock)
            }
        };
        let columns = args.columns.iter().map(|(r, h)| (*r, h.as_str())).collect();
        Ok(Settings {
            args,
            columns,
            lock,
        })
    }

    /// Reads the table that the arguments select (or the document's table number `table`,
    /// when given), or gives every error in it.
    pub fn read<'d>(
        &self,
        doc: &'d Document,
        table: Option<usize>,
    ) -> Result<Read, Vec<Diagnostic<'d>>> {
        let args = self.args;
        let mut options = Options::new()
            .with_auto_bits(args.auto_bits)
            .with_width(args.width.unwrap_or(128))
            .with_columns(&self.columns)
            .with_aliases(args.aliases);
        options.section = args.section.as_deref();
        options.table = table.or(args.table);
        options.lock = self.lock.as_ref();
        let table = table::parse_all(&doc.text, &options).map_err(|errors| {
            errors
                .iter()
                .map(|e| diagnostic(doc, e))
                .collect::<Vec<_>>()
        })?;
        let width = args.width.unwrap_or_else(|| fitted_width(&table));
        Ok(Read { table, width })
    }

    /// Reads the one table a command works on, or says why it cannot: every error, each as
    /// `file:line: ...`.
    pub fn read_one(&self, doc: &Document) -> Result<Read, String> {
        self.read(doc, None).map_err(|found| {
            let lines: Vec<String> = found.iter().map(ToString::to_string).collect();
            lines.join("\nerror: ")
        })
    }
}

/// Reads the one table of `path` that `args` select.
pub(crate) fn load_one(path: &Path, args: &TableArgs) -> Result<(Document, Read), String> {
    let doc = Document::load(path)?;
    let read = Settings::new(args)?.read_one(&doc)?;
    Ok((doc, read))
}

/// The smallest width of 8, 16, 32, 64 and 128 bits that holds every row.
fn fitted_width(table: &Table) -> u32 {
    let bits = table.rows.iter().fold(0u128, |bits, row| bits | row.value);
    let needed = u128::BITS - bits.leading_zeros();
    [8, 16, 32, 64]
        .into_iter()
        .find(|&w| needed <= w)
        .unwrap_or(128)
}

fn diagnostic<'d>(doc: &'d Document, error: &TableError) -> Diagnostic<'d> {
    // The reader's messages name the derive's keys (`section = ...`, `auto_bits`); where one
    // does, say the flag instead.
    let message = match &error.kind {
        ErrorKind::SeveralTables { lines } => format!(
            "the document has {} tables; choose one with --section or --table{}",
            lines.len(),
            list_sections(&doc.text)
        ),
        ErrorKind::NoValueColumn => "the table has no `Value`, `Bit Number` or `Bit Position` \
                                     column; add one, or pass --auto-bits to number the rows \
                                     in order"
            .to_string(),
        ErrorKind::NoNameColumn => "the table has no name column: add a `Permission`, `Flag` \
                                    or `Name` column, or say which column names the rows with \
                                    --column name=HEADER"
            .to_string(),
        ErrorKind::NoSuchColumn {
            role,
            header,
            columns,
        } => {
            let columns: Vec<String> = columns.iter().map(|c| format!("`{c}`")).collect();
            format!(
                "--column {role}={header}: the table has no column `{header}`; its columns are {}",
                columns.join(", ")
            )
        }
        ErrorKind::DuplicateValue { .. } => error
            .kind
            .to_string()
            .replace("with `aliases`", "with --aliases"),
        ErrorKind::NoSuchSection { .. } | ErrorKind::EmptySection { .. } => {
            format!("{}{}", error.kind, list_sections(&doc.text))
        }
        ErrorKind::LockChanged { .. }
        | ErrorKind::LockTaken { .. }
        | ErrorKind::LockMissing { .. } => {
            format!("{} (`permissions lock` rewrites it)", error.kind)
        }
        kind => kind.to_string(),
    };
    Diagnostic {
        path: &doc.path,
        line: error.line,
        message,
    }
}

/// The tables of a document, each with the heading that selects it and the line of its
/// header row. The heading is `None` for a table that no heading selects: one before the
/// first heading, or one that is not the first in its section.
pub(crate) fn tables(document: &str) -> Vec<(Option<String>, usize)> {
    let sections = table::sections(document);
    let lines = match table::parse(document, &Options::new()) {
        // Only the reader sees tables before the first heading; it lists them all when there
        // are several.
        Err(TableError {
            kind: ErrorKind::SeveralTables { lines },
            ..
        }) => lines,
        _ => {
            let mut lines: Vec<usize> = sections.iter().filter_map(|s| s.table).collect();
            lines.sort_unstable();
            lines.dedup();
            lines
        }
    };
    lines
        .into_iter()
        .map(|line| {
            let heading = sections
                .iter()
                .filter(|s| s.table == Some(line))
                .max_by_key(|s| s.line)
                .map(|s| s.heading.clone());
            (heading, line)
        })
        .collect()
}

/// How to pick each table of the document: by its heading, or by its number.
fn list_sections(document: &str) -> String {
    let mut out = String::new();
    for (n, (heading, line)) in (1..).zip(tables(document)) {
        let pick = match heading {
            Some(heading) => format!("--section {heading:?}"),
            None => format!("--table {n}"),
        };
        out.push_str(&format!("\n  {pick}  (table on line {line})"));
    }
    if out.is_empty() {
        String::new()
    } else {
        format!("\nthe document's tables:{out}")
    }
}
