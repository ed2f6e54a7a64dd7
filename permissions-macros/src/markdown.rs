//! Rows of the newtype form, read from the document's own Markdown table with the runtime's
//! parser (`permissions::table`), so a program reading the document gets the same answers.

use std::path::{Path, PathBuf};

use permissions_core::table::{self, Options};
use proc_macro2::TokenStream;
use quote::quote;
use syn::LitStr;

use crate::ast::{Assign, Container, Form, Row};
use crate::ctxt::Ctxt;

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
    let (text, origin, lit, tracked) = match (&attrs.markdown, &attrs.markdown_str) {
        (Some(path), None) => match read(dir, path) {
            Ok((text, full)) => {
                let full_str = full.to_string_lossy().into_owned();
                // The compiler tracks files it includes: editing the document rebuilds the set.
                let tracked = quote!(
                    const _: &[u8] = ::core::include_bytes!(#full_str);
                );
                (text, path.value(), path.clone(), tracked)
            }
            Err(msg) => {
                cx.spanned(path, msg);
                return (container, TokenStream::new());
            }
        },
        (None, Some(inline)) => (
            inline.value(),
            String::new(),
            inline.clone(),
            TokenStream::new(),
        ),
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
    match table::parse(&text, &options) {
        Ok(parsed) => {
            for row in &parsed.rows {
                if row.reserved {
                    container.reserved |= row.value;
                    continue;
                }
                container.rows.push(Row {
                    variant: None,
                    name: row.name.clone(),
                    assign: Assign::Documented(row.value),
                    implies: Vec::new(),
                    // A document's row that covers several bits does so on purpose (Tox
                    // Mod's SEND_MESSAGES = 0x0112).
                    composite: row.value.count_ones() > 1,
                    bypass: None,
                    description: row.description.clone(),
                    meta: row.meta.clone(),
                    span: lit.span(),
                    origin: place(&origin, &lit, row.line),
                });
            }
        }
        Err(err) => cx.spanned(
            &lit,
            format!("{}{}", place(&origin, &lit, err.line), err.kind),
        ),
    }
    (container, tracked)
}

/// Where a row is, for messages: `docs/guild.md:23: ` for a file, and for an inline table the
/// line of this source file that the row is on.
fn place(file: &str, lit: &LitStr, line: usize) -> String {
    match (file.is_empty(), line) {
        (_, 0) if file.is_empty() => String::new(),
        (false, 0) => format!("{file}: "),
        (false, n) => format!("{file}:{n}: "),
        (true, n) => format!("line {}: ", lit.span().unwrap().line() + n - 1),
    }
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
    use crate::ast::Container;
    use crate::ctxt::Ctxt;

    fn load(input: &DeriveInput) -> (Container, String, Option<String>) {
        let mut cx = Ctxt::default();
        let container = Container::from_input(&mut cx, input).expect("a newtype");
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let (container, tracked) = load_in(&mut cx, container, &root);
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
        assert_eq!(container.rows.len(), 29);
        assert_eq!(container.reserved, 0b111);
        // rustc records every `include_bytes!` file in the crate's dep-info, and cargo
        // rebuilds the crate when one changes.
        assert!(tracked.contains("include_bytes"), "{tracked}");
        assert!(tracked.contains("docs/guild.md"), "{tracked}");
    }
}
