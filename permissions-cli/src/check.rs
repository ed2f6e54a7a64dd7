//! `permissions check DOC...`: every document read as the derive would read it.

use std::io::Write;
use std::path::PathBuf;

use crate::document::{self, Diagnostic, Document, Read, Settings, TableArgs};
use crate::{FAILURE, SUCCESS};

pub(crate) fn run(
    docs: &[PathBuf],
    args: &TableArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, String> {
    let settings = Settings::new(args)?;
    let mut errors = 0;
    let mut failed = 0;
    for path in docs {
        let doc = match Document::load(path) {
            Ok(doc) => doc,
            Err(message) => {
                errors += 1;
                failed += 1;
                let _ = writeln!(err, "error: {message}");
                continue;
            }
        };
        let mut bad = false;
        for result in check(&doc, &settings, args.pick_one()) {
            match result {
                Ok(read) => {
                    let _ = writeln!(out, "ok: {}", summary(&doc, &read));
                }
                Err(found) => {
                    bad = true;
                    for diagnostic in found {
                        errors += 1;
                        let _ = writeln!(err, "error: {diagnostic}");
                    }
                }
            }
        }
        failed += usize::from(bad);
    }
    if errors == 0 {
        return Ok(SUCCESS);
    }
    let _ = writeln!(
        err,
        "{errors} {} in {failed} of {} {}",
        plural(errors, "error", "errors"),
        docs.len(),
        plural(docs.len(), "document", "documents")
    );
    Ok(FAILURE)
}

/// Each table of one document, read or refused. When the options pick one table
/// (`--section`, `--table`, `--lock`), or the document has at most one, that is what the derive
/// reads; otherwise every table, by its number in the document.
fn check<'d>(
    doc: &'d Document,
    settings: &Settings<'_>,
    pick_one: bool,
) -> Vec<Result<Read, Vec<Diagnostic<'d>>>> {
    let count = document::tables(&doc.text).len();
    if pick_one || count < 2 {
        return vec![settings.read(doc, None)];
    }
    (1..=count).map(|n| settings.read(doc, Some(n))).collect()
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// One line about a table that reads well: `docs/guild.md:23: "Guild Permissions": ...`.
fn summary(doc: &Document, read: &Read) -> String {
    let table = &read.table;
    let permissions = table.permissions().count();
    let reserved = table.reserved_bits().count_ones();
    let mut line = format!("{}:{}: ", doc.path, table.line);
    if let Some(heading) = &table.heading {
        line.push_str(&format!("{heading:?}: "));
    }
    line.push_str(&format!(
        "{permissions} {}, u{}",
        plural(permissions, "permission", "permissions"),
        read.width
    ));
    if reserved > 0 {
        line.push_str(&format!(
            ", {reserved} reserved {}",
            plural(reserved as usize, "bit", "bits")
        ));
    }
    line
}
