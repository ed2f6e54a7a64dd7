//! `permissions lock DOC [-o FILE]`: the lock of a document's table, written on purpose.

use std::io::Write;
use std::path::Path;

use permissions::table::Lock;

use crate::SUCCESS;
use crate::document::{self, TableArgs};
use crate::export::write_output;

pub(crate) fn run(
    path: &Path,
    output: Option<&Path>,
    args: &TableArgs,
    out: &mut dyn Write,
) -> Result<u8, String> {
    if args.lock.is_some() {
        return Err(
            "`lock` writes a lock from the document as it is; to hold the document to a lock, \
             use `permissions check --lock FILE`"
                .to_string(),
        );
    }
    let (doc, read) = document::load_one(path, args)?;
    let rows = read.table.permissions().map(|r| (r.name.as_str(), r.value));
    let text = Lock::from_rows(rows).render();
    write_output(output, &text, out)?;
    if let Some(file) = output {
        let names = read.table.permissions().count();
        let _ = writeln!(
            out,
            "wrote {}: the bits of {names} names of {:?}",
            file.display(),
            read.title(&doc)
        );
    }
    Ok(SUCCESS)
}
