//! A permission calculator over a Markdown document: which rows of its table a value holds.
//!
//! ```text
//! cargo run --example explain -- docs/guild.md 2147483656
//! cargo run --example explain -- docs/guild.md 0x7 --section "Text Channel Permissions"
//! cargo run --example explain -- docs/tox_mod.md 0x0112
//! cargo run --example explain -- docs/network_session.md 0b1001
//! ```
//!
//! The value may be decimal, hex (`0x..`) or binary (`0b..`), with `_` between digits. A table
//! that gives no values (names only) is numbered in order, as the derive's `auto_bits` does.
//! Bad input prints a message and exits with code 2.

use std::process::ExitCode;

use permissions::table::{self, ErrorKind, Options, Table};

const USAGE: &str = "usage: explain <document.md> <value> [--section <heading>]";

struct Args {
    path: String,
    value: u128,
    section: Option<String>,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let args = args(std::env::args().skip(1))?;
    let document = std::fs::read_to_string(&args.path)
        .map_err(|e| format!("cannot read {}: {e}", args.path))?;
    let mut options = Options::new().with_auto_bits(true);
    // Without `--section`, a document with several tables is explained against its first
    // one, named by the heading right above it.
    let first = args
        .section
        .is_none()
        .then(|| first_table_heading(&document))
        .flatten();
    options.section = args.section.as_deref().or(first.as_deref());
    if let Some(heading) = &first {
        println!(
            "{} has several tables; using the first, under \"{heading}\" (choose another with --section)\n",
            args.path
        );
    }
    let table = table::parse(&document, &options).map_err(|err| {
        let mut message = format!("{}:{}: {}", args.path, err.line, err.kind);
        if matches!(
            err.kind,
            ErrorKind::NoTable
                | ErrorKind::SeveralTables { .. }
                | ErrorKind::NoSuchSection { .. }
                | ErrorKind::EmptySection { .. }
        ) {
            message.push_str(&list_sections(&document));
        }
        message
    })?;
    explain(&args, &table);
    Ok(())
}

fn args(mut raw: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut positional = Vec::new();
    let mut section = None;
    while let Some(arg) = raw.next() {
        if arg == "--section" {
            let name = raw
                .next()
                .ok_or(format!("`--section` needs a heading\n{USAGE}"))?;
            section = Some(name);
        } else if let Some(name) = arg.strip_prefix("--section=") {
            section = Some(name.to_string());
        } else if arg.starts_with("--") {
            return Err(format!("unknown option `{arg}`\n{USAGE}"));
        } else {
            positional.push(arg);
        }
    }
    let [path, value] = <[String; 2]>::try_from(positional)
        .map_err(|got| format!("expected 2 arguments, got {}\n{USAGE}", got.len()))?;
    let value = parse_value(&value).ok_or(format!(
        "cannot read `{value}` as a value: write it in decimal, hex `0x..` or binary `0b..`"
    ))?;
    Ok(Args {
        path,
        value,
        section,
    })
}

fn parse_value(text: &str) -> Option<u128> {
    let digits: String = text.trim().chars().filter(|&c| c != '_').collect();
    let (digits, radix) = if let Some(hex) = digits.strip_prefix("0x").or(digits.strip_prefix("0X"))
    {
        (hex, 16)
    } else if let Some(bin) = digits.strip_prefix("0b").or(digits.strip_prefix("0B")) {
        (bin, 2)
    } else {
        (digits.as_str(), 10)
    };
    // `from_str_radix` accepts a leading `+`, which is not a way to write a permission value.
    if digits.starts_with('+') {
        return None;
    }
    u128::from_str_radix(digits, radix).ok()
}

/// The heading nearest above the document's first table, when the document has several.
fn first_table_heading(document: &str) -> Option<String> {
    let sections = table::sections(document);
    let mut tables: Vec<usize> = sections.iter().filter_map(|s| s.table).collect();
    tables.sort_unstable();
    tables.dedup();
    if tables.len() < 2 {
        return None;
    }
    let first = tables[0];
    sections
        .iter()
        .filter(|s| s.table == Some(first))
        .max_by_key(|s| s.line)
        .map(|s| s.heading.clone())
}

/// The document's headings, and which have a table, to choose a `--section` from.
fn list_sections(document: &str) -> String {
    let sections = table::sections(document);
    if sections.is_empty() {
        return "\nthe document has no headings".to_string();
    }
    let mut out = String::from("\nsections (pass one with --section):");
    for s in sections {
        let table = match s.table {
            Some(line) => format!("table on line {line}"),
            None => "no table".to_string(),
        };
        out.push_str(&format!(
            "\n  line {:>4}  {} {}  ({table})",
            s.line,
            "#".repeat(usize::from(s.level)),
            s.heading
        ));
    }
    out
}

fn explain(args: &Args, table: &Table) {
    let heading = table.heading.as_deref().unwrap_or("(no heading)");
    println!("{}: table \"{heading}\" (line {})", args.path, table.line);
    println!("value {} = {:#x}\n", args.value, args.value);

    let explained = table.explain(args.value);
    if explained.held.is_empty() {
        println!("holds no permission of this table");
    } else {
        println!("holds:");
        let width = explained
            .held
            .iter()
            .map(|r| r.name.len())
            .max()
            .unwrap_or(0);
        for row in &explained.held {
            let bit = row.bit().map_or("-".to_string(), |b| b.to_string());
            println!(
                "  {:<width$}  bit {bit:>3}  {:#010x}  {}",
                row.name, row.value, row.description
            );
        }
    }

    if explained.unknown == 0 {
        println!("\nno unknown bits");
    } else {
        println!("\nunknown bits ({:#x}):", explained.unknown);
        for bit in (0..128u32).filter(|&b| explained.unknown & (1u128 << b) != 0) {
            let why = match table.rows.iter().find(|r| r.value & (1u128 << bit) != 0) {
                Some(r) if r.reserved => format!("reserved by \"{}\" on line {}", r.label, r.line),
                Some(r) => format!("part of {} (not held in full)", r.name),
                None => "no row names it".to_string(),
            };
            println!("  bit {bit:>3}  {:#010x}  {why}", 1u128 << bit);
        }
    }
    println!("\nas text: {explained}");
}
