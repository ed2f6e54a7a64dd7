//! The `permissions` command: the permission tables of Markdown documents, read by the same
//! reader as `#[derive(PermissionSet)]` (`permissions::table`).
//!
//! - `permissions check DOC...`: reads each document as the derive would, and reports every
//!   error as `file:line: error: ...`; exit code 1 on any error.
//! - `permissions explain DOC VALUE...`: which rows a value holds, unknown bits named.
//! - `permissions export DOC --format json|ts`: the table for other languages.
//! - `permissions calculator DOC -o page.html`: a self-contained permission calculator page.
//! - `permissions lock DOC -o FILE`: the lock that `check --lock FILE` holds the table to.
//!
//! [`run`] is the whole command as a function of its arguments and two output streams, so
//! that tests (and a property test fed random arguments and documents) drive it without a
//! process.
#![forbid(unsafe_code)]

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod calculator;
mod check;
mod document;
mod explain;
mod export;
mod lock;
mod text;

pub use document::TableArgs;

/// Exit code of a run that found nothing wrong.
pub const SUCCESS: u8 = 0;
/// Exit code when a document, a value or a file is at fault: the message says which.
pub const FAILURE: u8 = 1;
/// Exit code when the command line itself is wrong (clap's convention).
pub const USAGE: u8 = 2;

/// Check, explain and export the permission tables of Markdown documents.
///
/// Documents are read as `#[derive(PermissionSet)] #[permissions(markdown = "..")]` reads
/// them: the table is found by `--section` (or is the document's only table), columns are
/// recognized by header, and every error names the file and line.
#[derive(Debug, Parser)]
#[command(name = "permissions", version, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read each document as the derive would; report every error as `file:line`.
    ///
    /// Without `--section`, a document with one table is read as it is, and a document with
    /// several is read table by table, each under its heading. Exits with 1 if any document
    /// has an error.
    Check(CheckArgs),
    /// Say which rows of a document's table a value holds, and name its unknown bits.
    ///
    /// A value is decimal (`2147483656`), hex (`0x80000008`), binary (`0b1001`), or the text
    /// format (`ADMINISTRATOR | SEND_INVITES | 0x1`); `_` may separate digits.
    Explain(ExplainArgs),
    /// Write a document's table for other languages: JSON, or a TypeScript module.
    ///
    /// JSON lists the rows with name, value (a decimal string), bits, description and the
    /// other columns as metadata. TypeScript gives a `bigint` constant per row (exact past
    /// 2^53) and `has`, `parse` and `format` helpers that agree with the Rust text format.
    Export(ExportArgs),
    /// Write a self-contained permission calculator page for a document's table.
    ///
    /// One HTML file, no network and no build step: a checkbox per row (grouped by a
    /// metadata column such as a channel type, when the table has one), the value in decimal,
    /// hex and the text format, and a field that reads a pasted value back into the boxes.
    Calculator(CalculatorArgs),
    /// Write the lock of a document's table: each permission's bits, one `NAME = 0x..` line.
    ///
    /// `check --lock FILE` (and the derive's `lock = "FILE"`) then fails when a locked name's
    /// bits change or a locked name disappears, so that no edit of the document silently
    /// changes what a stored value means. Writing the lock is this explicit step only:
    /// review its diff like a migration's.
    Lock(LockArgs),
}

#[derive(Debug, Args)]
struct LockArgs {
    /// The Markdown document that holds the table.
    #[arg(value_name = "DOC")]
    doc: PathBuf,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    table: TableArgs,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// The Markdown documents to check.
    #[arg(required = true, value_name = "DOC")]
    docs: Vec<PathBuf>,
    #[command(flatten)]
    table: TableArgs,
}

#[derive(Debug, Args)]
struct ExplainArgs {
    /// The Markdown document that holds the table.
    #[arg(value_name = "DOC")]
    doc: PathBuf,
    /// The values to explain.
    #[arg(required = true, value_name = "VALUE")]
    values: Vec<String>,
    #[command(flatten)]
    table: TableArgs,
}

#[derive(Debug, Args)]
struct ExportArgs {
    /// The Markdown document that holds the table.
    #[arg(value_name = "DOC")]
    doc: PathBuf,
    /// The output format.
    #[arg(long, short, value_enum)]
    format: Format,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    table: TableArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Rows with name, value as a decimal string, bits, description, metadata.
    Json,
    /// A TypeScript module: `bigint` constants and `has`, `parse`, `format`.
    Ts,
}

#[derive(Debug, Args)]
struct CalculatorArgs {
    /// The Markdown document that holds the table.
    #[arg(value_name = "DOC")]
    doc: PathBuf,
    /// The HTML file to write.
    #[arg(long, short, value_name = "FILE")]
    output: PathBuf,
    /// The metadata column to group the rows by (`none`: one group). By default, a column
    /// whose cells repeat, such as a channel type.
    #[arg(long, value_name = "COLUMN")]
    group_by: Option<String>,
    /// The page's title (default: the table's heading).
    #[arg(long)]
    title: Option<String>,
    #[command(flatten)]
    table: TableArgs,
}

/// Runs the command on `args` (the program name first, as `std::env::args_os` gives them),
/// writing its output to `out` and its messages to `err`, and returns the exit code:
/// [`SUCCESS`], [`FAILURE`] or [`USAGE`]. It never panics.
pub fn run<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            let text = e.render().to_string();
            return match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    let _ = out.write_all(text.as_bytes());
                    SUCCESS
                }
                // `permissions` alone: the help, on the error stream, as a usage error.
                _ => {
                    let _ = err.write_all(text.as_bytes());
                    USAGE
                }
            };
        }
    };
    let outcome = match cli.command {
        Command::Check(args) => check::run(&args.docs, &args.table, out, err),
        Command::Explain(args) => explain::run(&args.doc, &args.values, &args.table, out),
        Command::Export(args) => export::run(
            &args.doc,
            args.format,
            args.output.as_deref(),
            &args.table,
            out,
        ),
        Command::Calculator(args) => calculator::run(&args, out),
        Command::Lock(args) => lock::run(&args.doc, args.output.as_deref(), &args.table, out),
    };
    match outcome {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            FAILURE
        }
    }
}
