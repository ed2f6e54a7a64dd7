//! Rows of the newtype form, read from the document's own Markdown table with the runtime's
//! reader (`permissions::table`), so that a program reading the document gets the same rows.
//! The rules between rows are the rule engine's, as for the enum form (`check`).

use std::path::{Path, PathBuf};

use permissions_core::table::{self, ErrorKind, Options, TableError};
use proc_macro2::TokenStream;
use quote::quote;
use syn::LitStr;

use super::ast::{Assign, Container, Form, Row};
use crate::ctxt::Ctxt;

/// Where a newtype set's rows came from, for messages about them.
pub struct Document {
    /// `markdown = ".."` or `markdown_str = ".."`: where errors about rows point.
    pub lit: LitStr,
    /// `docs/guild.md` for a file, the source file for an inline table.
    file: String,
    /// For an inline table, the source line its string starts on: the document is read with
    /// that many lines before it, so that every line in every message is a source line.
    first_line: usize,
    /// Some rows could not be read: names among them are not unknown.
    pub incomplete: bool,
    /// What the reader found wrong, reported with the rule engine's errors in line order.
    pub errors: Vec<TableError>,
    /// `section = ".."`, where errors about the section point.
    section: Option<LitStr>,
}

impl Document {
    /// `docs/guild.md:23: ` for a file, `src/lib.rs:8: ` for an inline table: the place of
    /// a document's line, to put before a message.
    pub fn place(&self, line: usize) -> String {
        match (self.file.as_str(), line) {
            ("", _) => String::new(),
            // About an inline document as a whole: rustc shows where it is.
            (_, n) if self.first_line > 0 && n <= self.first_line => String::new(),
            (file, 0) => format!("{file}: "),
            (file, n) => format!("{file}:{n}: "),
        }
    }

    /// Reports an error about the document: at the `section` literal when the section is
    /// what is wrong, else at the document.
    pub fn report(&self, cx: &mut Ctxt, err: &TableError) {
        let span = match (&err.kind, &self.section) {
            (ErrorKind::NoSuchSection { .. } | ErrorKind::EmptySection { .. }, Some(s)) => s.span(),
            _ => self.lit.span(),
        };
        cx.at(span, format!("{}{}", self.place(err.line), err.kind));
    }
}

/// An inline table's source file and the line its string starts on, when known (inside a
/// real expansion, not in unit tests).
fn inline_source(lit: &LitStr) -> (String, usize) {
    if !proc_macro::is_available() {
        return (String::new(), 0);
    }
    let span = lit.span().unwrap();
    (span.file(), span.line())
}

/// Fills a newtype container's rows from its document. The enum form passes through.
/// Returns tokens that make the user's crate rebuild when the document changes.
pub fn load(cx: &mut Ctxt, container: Container) -> (Container, TokenStream) {
    let dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_default();
    load_in(cx, container, &dir)
}

/// [`load`], with paths relative to `dir`.
fn load_in(cx: &mut Ctxt, mut container: Container, dir: &Path) -> (Container, TokenStream) {
    if !matches!(container.form, Form::Newtype) {
        return (container, TokenStream::new());
    }
    let attrs = &container.attrs;
    let (text, file, first_line, lit, tracked) = match (&attrs.markdown, &attrs.markdown_str) {
        (Some(path), None) => match read(dir, path) {
            Ok((text, full)) => {
                let full_str = full.to_string_lossy().into_owned();
                // The compiler tracks files it includes: editing the document rebuilds the set.
                let tracked = quote!(
                    const _: &[u8] = ::core::include_bytes!(#full_str);
                );
                (text, path.value(), 0, path.clone(), tracked)
            }
            Err(msg) => {
                cx.spanned(path, msg);
                return (container, TokenStream::new());
            }
        },
        (None, Some(inline)) => {
            let (file, line) = inline_source(inline);
            let before = "\n".repeat(line.saturating_sub(1));
            (
                before + &inline.value(),
                file,
                line,
                inline.clone(),
                TokenStream::new(),
            )
        }
        (Some(_), Some(inline)) => {
            cx.spanned(inline, "give the table either as `markdown = \"file.md\"` or as `markdown_str = \"..\"`, not both");
            return (container, TokenStream::new());
        }
        (None, None) => {
            cx.spanned(
                &container.set,
                "a newtype permission set reads its rows from a document: add `#[permissions(markdown = \"docs/permissions.md\")]`",
            );
            return (container, TokenStream::new());
        }
    };
    let section = attrs.section.as_ref().map(LitStr::value);
    let mut options = Options::new()
        .with_width(container.bits.width)
        .with_auto_bits(attrs.auto_bits.is_some());
    if let Some(section) = &section {
        options = options.with_section(section);
    }
    let read = table::read(&text, &options);
    let mut document = Document {
        lit,
        file,
        first_line,
        incomplete: !read.errors.is_empty(),
        errors: read.errors,
        section: container.attrs.section.clone(),
    };
    match read.table {
        Some(parsed) => {
            container.rows = parsed
                .rows
                .iter()
                .map(|row| Row {
                    variant: None,
                    name: row.name.clone(),
                    name_lit: None,
                    assign: Assign::Documented(row.value),
                    implies: Vec::new(),
                    // A document's row that covers several bits does so on purpose (Tox
                    // Mod's SEND_MESSAGES = 0x0112).
                    composite: row.value.count_ones() > 1,
                    bypass: None,
                    reserved: row.reserved,
                    description: row.description.clone(),
                    meta: row.meta.clone(),
                    span: document.lit.span(),
                    line: row.line,
                })
                .collect();
        }
        // Nothing to check the container's names against: reporting them as unknown would
        // only repeat the error above.
        None => document.incomplete = true,
    }
    container.document = Some(document);
    (container, tracked)
}

/// The document's text and full path, relative to the user crate's manifest directory.
fn read(dir: &Path, path: &LitStr) -> Result<(String, PathBuf), String> {
    let full = dir.join(path.value());
    match std::fs::read_to_string(&full) {
        Ok(text) => Ok((text, full)),
        Err(err) => Err(format!(
            "cannot read `{}`: {err}; the path is relative to the directory of the crate's Cargo.toml",
            path.value(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use syn::{DeriveInput, parse_quote};

    use super::load_in;
    use crate::ctxt::Ctxt;
    use crate::derive::ast::Container;

    fn load(input: &DeriveInput) -> (Container, String, Option<String>) {
        let mut cx = Ctxt::default();
        let container = Container::from_input(&mut cx, input).expect("a newtype");
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let (container, tracked) = load_in(&mut cx, container, &root);
        for err in &container.document.as_ref().expect("a document").errors {
            container
                .document
                .as_ref()
                .expect("a document")
                .report(&mut cx, err);
        }
        (
            container,
            tracked.to_string(),
            cx.into_error().map(|e| e.to_string()),
        )
    }

    #[test]
    fn errors_in_a_file_name_the_file_and_the_line_of_the_row() {
        let input: DeriveInput = parse_quote! {
            #[permissions(markdown = "tests/fixtures/guild-disagree.md")]
            pub struct GuildPermissions(u32);
        };
        let (_, _, error) = load(&input);
        assert_eq!(
            error.as_deref(),
            Some(
                "tests/fixtures/guild-disagree.md:6: columns disagree: `Bit Number` gives \
                 0x40000000 (bit 30) but `Bit Position` gives 0x20000000 (bit 29)"
            )
        );
    }

    #[test]
    fn a_read_document_is_tracked_so_that_editing_it_rebuilds_the_crate() {
        let input: DeriveInput = parse_quote! {
            #[permissions(markdown = "docs/guild.md", section = "Guild Permissions")]
            pub struct GuildPermissions(u32);
        };
        let (container, tracked, error) = load(&input);
        assert_eq!(error, None);
        assert_eq!(container.rows.len(), 32);
        assert_eq!(container.rows.iter().filter(|r| r.reserved).count(), 3);
        // rustc records every `include_bytes!` file in the crate's dep-info, and cargo
        // rebuilds the crate when one changes.
        assert!(tracked.contains("include_bytes"), "{tracked}");
        assert!(tracked.contains("docs/guild.md"), "{tracked}");
    }
}
