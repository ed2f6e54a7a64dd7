//! Documents and their tables: the derive's options as flags, reading a file, finding the
//! table, and error messages with `file:line`.

use std::fmt;
use std::path::Path;

use clap::Args;
use permissions::table::{self, ErrorKind, Options, Table, TableError};

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
}

fn width(text: &str) -> Result<u32, String> {
    match text.trim().parse() {
        Ok(bits @ (8 | 16 | 32 | 64 | 128)) => Ok(bits),
        _ => Err("the width is 8, 16, 32, 64 or 128".to_string()),
    }
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

/// Reads the table that `args` (or `section`, when given), selects, or gives every error
/// in it.
pub(crate) fn read<'d>(
    doc: &'d Document,
    args: &TableArgs,
    section: Option<&str>,
) -> Result<Read, Vec<Diagnostic<'d>>> {
    let mut options = Options::new()
        .with_auto_bits(args.auto_bits)
        .with_width(args.width.unwrap_or(128));
    options.section = section.or(args.section.as_deref());
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
pub(crate) fn read_one(doc: &Document, args: &TableArgs) -> Result<Read, String> {
    read(doc, args, None).map_err(|found| {
        let lines: Vec<String> = found.iter().map(ToString::to_string).collect();
        lines.join("\nerror: ")
    })
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
    let message = match &error.kind {
        ErrorKind::SeveralTables { lines } => format!(
            "the document has {} tables; choose one with --section{}",
            lines.len(),
            list_sections(&doc.text)
        ),
        ErrorKind::NoValueColumn => "the table has no `Value`, `Bit Number` or `Bit Position` \
                                     column; add one, or pass --auto-bits to number the rows \
                                     in order"
            .to_string(),
        ErrorKind::NoSuchSection { .. } | ErrorKind::EmptySection { .. } => {
            format!("{}{}", error.kind, list_sections(&doc.text))
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

/// The headings that select a table, to choose a `--section` from.
fn list_sections(document: &str) -> String {
    let mut out = String::new();
    for (heading, line) in tables(document) {
        if let Some(heading) = heading {
            out.push_str(&format!(
                "\n  --section {heading:?}  (table on line {line})"
            ));
        }
    }
    if out.is_empty() {
        String::new()
    } else {
        format!("\nthe sections with a table:{out}")
    }
}
