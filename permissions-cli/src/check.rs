//! `permissions check DOC...`: every document read as the derive would read it.

use std::io::Write;
use std::path::PathBuf;

use crate::document::{self, Diagnostic, Document, Read, TableArgs};
use crate::{FAILURE, SUCCESS};

pub(crate) fn run(
    docs: &[PathBuf],
    args: &TableArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, String> {
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
        for result in check(&doc, args) {
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

/// Each table of one document, read or refused. With `--section`, or when the document has
/// at most one table, that is what the derive reads; otherwise every table, each under the
/// heading that selects it.
fn check<'d>(doc: &'d Document, args: &TableArgs) -> Vec<Result<Read, Vec<Diagnostic<'d>>>> {
    let tables = document::tables(&doc.text);
    if args.section.is_some() || tables.len() < 2 {
        return vec![document::read(doc, args, None)];
    }
    tables
        .into_iter()
        .map(|(heading, line)| match heading {
            Some(heading) => document::read(doc, args, Some(&heading)),
            None => Err(vec![Diagnostic {
                path: &doc.path,
                line,
                message: "no heading selects this table: give it a heading of its own".to_string(),
            }]),
        })
        .collect()
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
