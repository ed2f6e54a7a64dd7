//! `permissions export DOC --format json|ts`: a document's table for other languages.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::document::{self, Document, Read, TableArgs};
use crate::{Format, SUCCESS, text};

pub(crate) fn run(
    path: &Path,
    format: Format,
    output: Option<&Path>,
    args: &TableArgs,
    out: &mut dyn Write,
) -> Result<u8, String> {
    let (doc, read) = document::load_one(path, args)?;
    let text = match format {
        Format::Json => json(&doc, &read),
        Format::Ts => typescript(&doc, &read),
    };
    write_output(output, &text, out)?;
    Ok(SUCCESS)
}

/// Writes `text` to the file `output`, or to `out` without one.
pub(crate) fn write_output(
    output: Option<&Path>,
    text: &str,
    out: &mut dyn Write,
) -> Result<(), String> {
    match output {
        Some(path) => {
            std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        None => out
            .write_all(text.as_bytes())
            .map_err(|e| format!("cannot write the output: {e}")),
    }
}

/// The table as the JSON document that `export --format json` writes, and that the
/// calculator page embeds.
#[derive(Serialize)]
pub(crate) struct Export<'a> {
    /// The document's path, as given.
    source: &'a str,
    /// The table's heading.
    section: Option<&'a str>,
    /// The line of the table's header row.
    line: usize,
    /// The set's width in bits.
    width: u32,
    /// Bits that "Not Used" / "Reserved" rows keep free, as a decimal string.
    reserved: String,
    /// The header of every column that is kept as row metadata, in order.
    metadata: Vec<&'a str>,
    /// The permission rows, in order.
    rows: Vec<Row<'a>>,
}

#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    label: &'a str,
    /// Decimal, so that values past 2^53 survive JSON parsers that read numbers as doubles.
    value: String,
    hex: String,
    /// The numbers of the row's bits, lowest first.
    bits: Vec<u32>,
    description: &'a str,
    /// The other columns' cells, by header, in the table's order.
    metadata: Meta<'a>,
    line: usize,
}

/// `(header, cell)` pairs as a JSON object that keeps the table's column order.
struct Meta<'a>(&'a [(String, String)]);

impl Serialize for Meta<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (header, cell) in self.0 {
            map.serialize_entry(header, cell)?;
        }
        map.end()
    }
}

impl<'a> Export<'a> {
    pub(crate) fn new(doc: &'a Document, read: &'a Read) -> Self {
        let table = &read.table;
        let metadata = table
            .permissions()
            .next()
            .map(|row| row.meta.iter().map(|(h, _)| h.as_str()).collect())
            .unwrap_or_default();
        Export {
            source: &doc.path,
            section: table.heading.as_deref(),
            line: table.line,
            width: read.width,
            reserved: table.reserved_bits().to_string(),
            metadata,
            rows: table
                .permissions()
                .map(|row| Row {
                    name: &row.name,
                    label: &row.label,
                    value: row.value.to_string(),
                    hex: text::hex(row.value, read.width),
                    bits: (0..128)
                        .filter(|&b| row.value & (1u128 << b) != 0)
                        .collect(),
                    description: &row.description,
                    metadata: Meta(&row.meta),
                    line: row.line,
                })
                .collect(),
        }
    }
}

fn json(doc: &Document, read: &Read) -> String {
    let mut text = serde_json::to_string_pretty(&Export::new(doc, read))
        .unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()));
    text.push('\n');
    text
}

/// A string as a JavaScript string literal (JSON's is one).
fn js_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// A `bigint` literal in hex: `0x80000000n`.
fn bigint(value: u128) -> String {
    format!("{value:#x}n")
}

/// Text for a `/** .. */` comment: nothing in it may end the comment.
fn doc_comment(text: &str) -> String {
    text.replace("*/", "*\\/")
}

/// The table as a TypeScript module: a `bigint` constant per row, the rows in order, and
/// `has`, `format` and `parse`, which agree with the derived set's `Display` and `FromStr`.
fn typescript(doc: &Document, read: &Read) -> String {
    let table = &read.table;
    let mut ts = String::new();
    let _ = writeln!(
        ts,
        "// Permissions of {}, read from {} (line {}) by `permissions export`.",
        read.title(doc),
        doc.path,
        table.line
    );
    ts.push_str(
        "// Do not edit: run the command again when the document changes.\n\
         // Values are `bigint` (ES2020): exact for every bit of the set, past 2^53 too.\n\n",
    );
    for row in table.permissions() {
        if !row.description.is_empty() {
            let _ = writeln!(ts, "/** {} */", doc_comment(&row.description));
        }
        let _ = writeln!(ts, "export const {} = {};", row.name, bigint(row.value));
    }
    ts.push_str("\n/** The name of a permission row. */\nexport type FlagName =");
    let mut names = table
        .permissions()
        .map(|row| js_string(&row.name))
        .peekable();
    if names.peek().is_none() {
        ts.push_str(" never");
    }
    for name in names {
        let _ = write!(ts, "\n  | {name}");
    }
    ts.push_str(";\n\n");
    ts.push_str(
        "/** A permission row. */\n\
         export interface Flag {\n  \
           readonly name: FlagName;\n  \
           readonly value: bigint;\n  \
           readonly description: string;\n\
         }\n\n\
         /** The rows in the document's order, which is the order of the text format. */\n\
         export const flags: readonly Flag[] = [\n",
    );
    for row in table.permissions() {
        let _ = writeln!(
            ts,
            "  {{ name: {}, value: {}, description: {} }},",
            js_string(&row.name),
            row.name,
            js_string(&row.description)
        );
    }
    let all = table.permissions().fold(0, |bits, row| bits | row.value);
    let _ = write!(
        ts,
        "];\n\n\
         /** The set's width in bits: its Rust type is `u{width}`. */\n\
         export const width = {width};\n\n\
         /** Every bit that a row names. */\n\
         export const all = {all};\n\n\
         /** The bits that \"Not Used\" or \"Reserved\" rows keep free. */\n\
         export const reserved = {reserved};\n",
        width = read.width,
        all = bigint(all),
        reserved = bigint(table.reserved_bits()),
    );
    ts.push_str(TS_HELPERS);
    ts
}

/// The helpers of every generated module: the Rust set's text format (bitflags'), in
/// TypeScript.
const TS_HELPERS: &str = r#"
const byName: ReadonlyMap<string, bigint> = new Map(flags.map((f) => [f.name, f.value]));

/** Whether `set` holds every bit of `required`. A plain bit test: no row bypasses it. */
export function has(set: bigint, required: bigint): boolean {
  return (set & required) === required;
}

function checkWidth(set: bigint): void {
  if (set < 0n || set >> BigInt(width) !== 0n) {
    throw new RangeError(`${set} is not a ${width}-bit permission value`);
  }
}

/**
 * The text format of the Rust set's `Display`: the names of the rows `set` holds, in the
 * document's order, skipping a row whose bits are all printed already, then the bits no
 * printed row accounts for in hex: `"ADMINISTRATOR | SEND_INVITES | 0x1"`. The empty set is
 * `""`. Throws a `RangeError` for a value that is negative or wider than the set.
 */
export function format(set: bigint): string {
  checkWidth(set);
  const parts: string[] = [];
  let remaining = set;
  for (const flag of flags) {
    if (remaining === 0n) {
      break;
    }
    if ((set & flag.value) === flag.value && (remaining & flag.value) !== 0n) {
      parts.push(flag.name);
      remaining &= ~flag.value;
    }
  }
  if (remaining !== 0n) {
    parts.push(`0x${remaining.toString(16)}`);
  }
  return parts.join(" | ");
}

// Rust's `str::trim`: Unicode White_Space at both ends, and nothing else.
const space = /^\p{White_Space}+|\p{White_Space}+$/gu;

/**
 * Reads the text format as the Rust set's `FromStr` does: row names and `0x` hex numbers
 * joined by `|`, spaces around each allowed; `""` is the empty set. Unknown bits are kept.
 * Throws a `SyntaxError` for an empty part, an unknown name or bad hex, and a `RangeError`
 * for hex wider than the set.
 */
export function parse(text: string): bigint {
  const input = text.replace(space, "");
  if (input === "") {
    return 0n;
  }
  let set = 0n;
  for (const part of input.split("|")) {
    const flag = part.replace(space, "");
    if (flag === "") {
      throw new SyntaxError("encountered empty flag");
    }
    if (flag.startsWith("0x")) {
      const digits = flag.slice(2);
      if (!/^\+?[0-9a-fA-F]+$/.test(digits)) {
        throw new SyntaxError(`invalid hex flag \`${flag}\``);
      }
      const bits = BigInt(`0x${digits.replace("+", "")}`);
      checkWidth(bits);
      set |= bits;
    } else {
      const bits = byName.get(flag);
      if (bits === undefined) {
        throw new SyntaxError(`unrecognized named flag \`${flag}\``);
      }
      set |= bits;
    }
  }
  return set;
}
"#;
