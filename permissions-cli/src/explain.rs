//! `permissions explain DOC VALUE...`: the rows a value holds, and its unknown bits.

use std::io::Write;
use std::path::Path;

use permissions::table::Table;

use crate::document::{self, Read, TableArgs};
use crate::{SUCCESS, text};

pub(crate) fn run(
    path: &Path,
    values: &[String],
    args: &TableArgs,
    out: &mut dyn Write,
) -> Result<u8, String> {
    let (doc, read) = document::load_one(path, args)?;
    let values = values
        .iter()
        .map(|v| parse(v, &read, args.width.is_some()))
        .collect::<Result<Vec<u128>, String>>()?;
    let mut text = format!(
        "{}:{}: {:?}, u{}\n",
        doc.path,
        read.table.line,
        read.title(&doc),
        read.width
    );
    for value in values {
        text.push('\n');
        explain(&read, value, &mut text);
    }
    out.write_all(text.as_bytes())
        .map_err(|e| format!("cannot write the output: {e}"))?;
    Ok(SUCCESS)
}

/// Reads a value given on the command line. With `--width`, it must fit; without, the width
/// is only a guess from the rows, and bits beyond it are unknown bits like any other.
fn parse(given: &str, read: &Read, strict: bool) -> Result<u128, String> {
    let value = text::value(given, &read.table)?;
    if strict && read.width < 128 && value >> read.width != 0 {
        return Err(format!(
            "`{given}` has bits beyond the {} bits of the table's set (u{})",
            read.width, read.width
        ));
    }
    Ok(value)
}

/// What `value` holds, as lines of text.
fn explain(read: &Read, value: u128, out: &mut String) {
    let table = &read.table;
    let width = read.width;
    let explained = table.explain(value);
    let shown = text::format(table, value);
    out.push_str(&format!(
        "{value} = {}: {}\n",
        text::hex(value, width),
        if shown.is_empty() { "(empty)" } else { &shown }
    ));
    // The same columns for every value: as wide as the table's longest name.
    let name_width = table
        .permissions()
        .map(|row| row.name.len())
        .chain([9]) // "(unknown)"
        .max()
        .unwrap_or(0);
    for row in &explained.held {
        let bit = row.bit().map_or_else(
            || format!("{} bits", row.value.count_ones()),
            |b| format!("bit {b:>3}"),
        );
        // A row with an earlier row's value is another name for it (`--aliases`).
        let first = table.permissions().find(|r| r.value == row.value);
        let alias = match first {
            Some(first) if first.line != row.line => format!("(alias of {}) ", first.name),
            _ => String::new(),
        };
        let line = format!(
            "  {:<name_width$}  {bit:>7}  {}  {alias}{}",
            row.name,
            text::hex(row.value, width),
            row.description
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    for (first, last, why) in unknown_runs(table, explained.unknown) {
        let bits = if first == last {
            format!("bit {first:>3}")
        } else {
            format!("bits {first}-{last}")
        };
        let mask = (first..=last).fold(0, |mask, b| mask | 1u128 << b);
        out.push_str(&format!(
            "  {:<name_width$}  {bits:>7}  {}  {why}\n",
            "(unknown)",
            text::hex(mask, width),
        ));
    }
    if explained.held.is_empty() && explained.unknown == 0 {
        out.push_str("  holds no permission\n");
    }
}

/// The unknown bits, lowest first, as runs of neighbouring bits with the same reason: a
/// 64-bit value with every bit set lists each gap between rows once, not bit by bit.
fn unknown_runs(table: &Table, unknown: u128) -> Vec<(u32, u32, String)> {
    let mut runs: Vec<(u32, u32, String)> = Vec::new();
    for bit in (0..128).filter(|&b| unknown & (1u128 << b) != 0) {
        let why = why_unknown(table, bit);
        match runs.last_mut() {
            Some((_, last, same)) if *last + 1 == bit && *same == why => *last = bit,
            _ => runs.push((bit, bit, why)),
        }
    }
    runs
}

/// Why a bit of a value is not accounted for by the rows it holds.
fn why_unknown(table: &Table, bit: u32) -> String {
    match table.rows.iter().find(|r| r.value & (1u128 << bit) != 0) {
        Some(row) if row.reserved => format!("reserved by {:?} (line {})", row.label, row.line),
        Some(row) => format!(
            "part of {} (line {}), which the value does not hold in full",
            row.name, row.line
        ),
        None => "no row names it".to_string(),
    }
}
