//! Rows of the newtype form, read from the document's own Markdown table with the runtime's
//! reader (`permissions::table`), so that a program reading the document gets the same rows.
//! The rules between rows are the rule engine's, as for the enum form (`check`).

use std::path::{Path, PathBuf};

use permissions_core::table::{self, ErrorKind, Lock, Options, Role, TableError};
use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote};

use super::ast::{Assign, Container, Form, Row};
use super::attr::Str;
use crate::ctxt::Ctxt;

/// Where a newtype set's rows came from, for messages about them.
pub struct Document {
    /// `markdown = ".."` or `markdown_str = ".."`: where errors about rows point.
    pub lit: Str,
    /// `docs/guild.md` for a file, the source file for an inline table.
    file: String,
    /// What the lines in messages count.
    lines: Lines,
    /// Some rows could not be read: names among them are not unknown.
    pub incomplete: bool,
    /// What the reader found wrong, reported with the rule engine's errors in line order.
    pub errors: Vec<TableError>,
    /// The keys errors may be about (`section`, `table`, `columns`, `lock`), and where they
    /// are written: an error about one points there.
    keys: Vec<(&'static str, Span)>,
    /// Each role of `columns(..)` and its header's literal: an error about one role's column
    /// points at that literal.
    columns: Vec<(&'static str, Span)>,
}

/// What the line numbers of a document's messages count.
enum Lines {
    /// The lines of a file.
    File,
    /// The source lines of an inline table, which starts on line `first` (0 when unknown):
    /// it is read below as many empty lines as put each of its lines on its own.
    Source { first: usize },
    /// The lines of an inline table whose escapes or continuations change its line
    /// structure (`"| A | 1 |\n| B | 2 |"` on one source line): no source line is right.
    Table,
}

impl Document {
    /// `docs/guild.md:23: ` for a file, `src/lib.rs:8: ` for an inline table, `line 3 of
    /// the inline table: ` for one whose lines are not source lines: the place of a
    /// document's line, to put before a message.
    pub fn place(&self, line: usize) -> String {
        match (&self.lines, self.file.as_str(), line) {
            // About a document as a whole.
            (Lines::Table, _, 0) => String::new(),
            (Lines::Table, _, n) => format!("line {n} of the inline table: "),
            (_, "", _) => String::new(),
            // On the line rustc shows, with the literal.
            (Lines::Source { first }, _, n) if n <= *first => String::new(),
            (_, file, 0) => format!("{file}: "),
            (_, file, n) => format!("{file}:{n}: "),
        }
    }

    /// Reports an error about the document: at the key it is about when it is about one
    /// (`section = ".."` names no heading; a missing column at that role's header literal),
    /// else at the document.
    pub fn report(&self, cx: &mut Ctxt, err: &TableError) {
        let key = err.kind.key();
        let role = match &err.kind {
            ErrorKind::NoSuchColumn { role, .. } => self.columns.iter().find(|(r, _)| r == role),
            _ => None,
        };
        let span = role
            .or_else(|| self.keys.iter().find(|(k, _)| Some(*k) == key))
            .map_or_else(|| self.lit.span(), |(_, span)| *span);
        cx.at(
            span,
            format!(
                "{}{}{}",
                self.place(err.line),
                err.kind,
                lock_hint(&err.kind)
            ),
        );
    }
}

/// How to update a lock on purpose, after a message that says to.
pub fn lock_hint(kind: &ErrorKind) -> &'static str {
    match kind {
        ErrorKind::LockChanged { .. }
        | ErrorKind::LockTaken { .. }
        | ErrorKind::LockMissing { .. } => {
            " (`PERMISSIONS_LOCK=overwrite cargo build` rewrites it)"
        }
        _ => "",
    }
}

/// `lock = "docs/x.lock"`, read.
pub struct LockFile {
    pub lit: Str,
    /// What the file holds; empty when it is being written.
    pub lock: Lock,
    /// `PERMISSIONS_LOCK=overwrite`: the build writes the lock instead of checking it.
    pub overwrite: bool,
    full: PathBuf,
}

/// Whether this build writes locks: only when asked to, with `PERMISSIONS_LOCK=overwrite`.
fn overwriting() -> bool {
    std::env::var_os("PERMISSIONS_LOCK").is_some_and(|v| v == "overwrite")
}

/// Reads the container's lock, relative to `dir`. Returns it and the tokens that make the
/// crate rebuild when it changes.
fn lock_in(cx: &mut Ctxt, lit: &Str, dir: &Path) -> (Option<LockFile>, TokenStream) {
    let full = dir.join(lit.value());
    let overwrite = overwriting();
    // rustc records the variables that `option_env!` reads in the crate's dep-info, so cargo
    // runs the derive again when `PERMISSIONS_LOCK` is set or unset, even on a built crate.
    let env = quote!(
        const _: ::core::option::Option<&str> = ::core::option_env!("PERMISSIONS_LOCK");
    );
    let text = match std::fs::read_to_string(&full) {
        Ok(text) => text,
        Err(_) if overwrite => String::new(),
        Err(err) => {
            cx.spanned(
                lit,
                format!(
                    "cannot read the lock `{}`: {err}; the path is relative to the directory of the \
                     crate's Cargo.toml, and `PERMISSIONS_LOCK=overwrite cargo build` writes it",
                    lit.value()
                ),
            );
            return (None, env);
        }
    };
    let tracked = if full.exists() {
        let full_str = full.to_string_lossy().into_owned();
        quote!(
            #env
            const _: &[u8] = ::core::include_bytes!(#full_str);
        )
    } else {
        env
    };
    let lock = if overwrite {
        Ok(Lock::default())
    } else {
        Lock::parse(&text)
    };
    match lock {
        Ok(lock) => (
            Some(LockFile {
                lit: lit.clone(),
                lock,
                overwrite,
                full,
            }),
            tracked,
        ),
        Err(err) => {
            cx.spanned(lit, format!("{}:{}: {}", lit.value(), err.line, err.kind));
            (None, tracked)
        }
    }
}

/// With `PERMISSIONS_LOCK=overwrite`, writes each permission's own bits to the lock, when
/// the table has no errors; a build never writes it otherwise.
pub fn write_lock(cx: &mut Ctxt, lock: &LockFile, rows: impl IntoIterator<Item = (String, u128)>) {
    if !lock.overwrite || cx.has_errors() {
        return;
    }
    let rows: Vec<(String, u128)> = rows.into_iter().collect();
    let text = Lock::from_rows(rows.iter().map(|(name, bits)| (name.as_str(), *bits))).render();
    if let Err(err) = std::fs::write(&lock.full, text) {
        cx.spanned(
            &lock.lit,
            format!("cannot write the lock `{}`: {err}", lock.lit.value()),
        );
    }
}

/// An inline table's source file and the line its string starts on, when known (inside a
/// real expansion, not in unit tests).
fn inline_source(lit: &Str) -> (String, usize) {
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

/// [`load`], with paths relative to `dir`. Reads the lock too, on either form.
fn load_in(cx: &mut Ctxt, mut container: Container, dir: &Path) -> (Container, TokenStream) {
    let (lock, lock_tracked) = match &container.attrs.lock {
        Some(lit) => lock_in(cx, lit, dir),
        None => (None, TokenStream::new()),
    };
    container.lock = lock;
    let (container, tracked) = document_in(cx, container, dir);
    (container, quote!(#lock_tracked #tracked))
}

fn document_in(cx: &mut Ctxt, mut container: Container, dir: &Path) -> (Container, TokenStream) {
    if !matches!(container.form, Form::Newtype) {
        return (container, TokenStream::new());
    }
    let attrs = &container.attrs;
    let (text, file, lines, lit, tracked) = match (&attrs.markdown, &attrs.markdown_str) {
        (Some(path), None) => match read(dir, path) {
            Ok((text, full)) => {
                let full_str = full.to_string_lossy().into_owned();
                // The compiler tracks files it includes: editing the document rebuilds the set.
                let tracked = quote!(
                    const _: &[u8] = ::core::include_bytes!(#full_str);
                );
                (
                    text,
                    path.value().to_owned(),
                    Lines::File,
                    path.clone(),
                    tracked,
                )
            }
            Err(msg) => {
                cx.spanned(path, msg);
                return (container, TokenStream::new());
            }
        },
        (None, Some(inline)) => {
            let (file, first) = inline_source(inline);
            let (before, lines) = match source_offset(inline) {
                Some(offset) if first > 0 => (first - 1 + offset, Lines::Source { first }),
                Some(_) => (0, Lines::Source { first }),
                None => (0, Lines::Table),
            };
            (
                "\n".repeat(before) + inline.value(),
                file,
                lines,
                inline.clone(),
                TokenStream::new(),
            )
        }
        (Some(_), Some(inline)) => {
            cx.spanned(inline, "give the table either as `markdown = \"file.md\"` or as `markdown_str = \"..\"`, not both");
            return (container, TokenStream::new());
        }
        // A document given with a value that could not be read: that error is enough.
        (None, None) if attrs.document_given => return (container, TokenStream::new()),
        (None, None) => {
            cx.spanned(
                &container.set,
                "a newtype permission set reads its rows from a document: add `#[permissions(markdown = \"docs/permissions.md\")]`",
            );
            return (container, TokenStream::new());
        }
    };
    if attrs.columns_broken {
        return (container, TokenStream::new());
    }
    let section = attrs.section.as_ref().map(Str::value);
    let columns: Vec<(Role, &str)> = attrs
        .columns
        .iter()
        .map(|(role, header)| (*role, header.value()))
        .collect();
    let mut options = Options::new()
        .with_width(container.bits.width)
        .with_auto_bits(attrs.auto_bits.is_some())
        .with_aliases(attrs.aliases)
        .with_columns(&columns);
    if let Some(section) = &section {
        options = options.with_section(section);
    }
    if let Some((n, _)) = &attrs.table {
        options = options.with_table(*n);
    }
    // The reader compares the rows with the lock, unless this build rewrites it.
    if let Some(lock) = container.lock.as_ref().filter(|l| !l.overwrite) {
        options = options.with_lock(&lock.lock);
    }
    let read = table::read(&text, &options);
    let mut keys = Vec::new();
    keys.extend(attrs.section.as_ref().map(|l| ("section", l.span())));
    keys.extend(attrs.table.as_ref().map(|(_, l)| ("table", l.span())));
    keys.extend(attrs.columns_span.map(|s| ("columns", s)));
    keys.extend(attrs.lock.as_ref().map(|l| ("lock", l.span())));
    let mut document = Document {
        lit,
        file,
        lines,
        incomplete: !read.errors.is_empty(),
        errors: read.errors,
        keys,
        columns: attrs
            .columns
            .iter()
            .map(|(role, lit)| (role.key(), lit.span()))
            .collect(),
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

/// How many source lines below the literal's first line an inline table's first line is,
/// when each of its lines is on a source line of its own, one after the other: 0 for
/// `"` newline `| A | 1 |` newline .., 1 for `"\` newline `| A | 1 |\n\` newline ... `None`
/// when escapes or continuations make its lines differ from the source's (`"| A |\n| B |"`):
/// then no line of a message is a source line.
fn source_offset(lit: &Str) -> Option<usize> {
    let text = lit.to_token_stream().to_string();
    if text.starts_with('r') {
        // A raw string has no escapes.
        return Some(0);
    }
    let body = text.strip_prefix('"')?.strip_suffix('"')?;
    // Per line of the value, the source line (from the literal's first, 0) where it starts:
    // at its first character, or where it ends when it has none.
    let mut starts = Vec::new();
    let mut start = None;
    let mut source = 0;
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                starts.push(start.take().unwrap_or(source));
                source += 1;
            }
            '\\' => match chars.next() {
                Some('n') => starts.push(start.take().unwrap_or(source)),
                // A continuation: the newline and the whitespace after it, as rustc skips.
                Some('\n') => {
                    let rest = chars.as_str();
                    let next = rest.trim_start_matches([' ', '\t', '\n', '\r']);
                    source += 1 + rest[..rest.len() - next.len()].matches('\n').count();
                    chars = next.chars();
                }
                _ => {
                    start.get_or_insert(source);
                }
            },
            _ => {
                start.get_or_insert(source);
            }
        }
    }
    // Each newline of the value counted (`\u{a}` is one too); a last line without
    // characters holds nothing to report.
    if starts.len() != lit.value().matches('\n').count() {
        return None;
    }
    starts.extend(start);
    let offset = starts.first().copied().unwrap_or(0);
    (0..)
        .zip(&starts)
        .all(|(i, &line)| line == offset + i)
        .then_some(offset)
}

/// The document's text and full path, relative to the user crate's manifest directory.
fn read(dir: &Path, path: &Str) -> Result<(String, PathBuf), String> {
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
    use std::str::FromStr;

    use proc_macro2::{Literal, TokenStream};
    use quote::quote;

    use super::load_in;
    use crate::ctxt::Ctxt;
    use crate::derive::ast::Container;
    use crate::derive::attr::Str;

    fn load(input: TokenStream) -> (Container, String, Option<String>) {
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
            cx.into_messages().into_iter().next(),
        )
    }

    #[test]
    fn errors_in_a_file_name_the_file_and_the_line_of_the_row() {
        let input = quote! {
            #[permissions(markdown = "tests/fixtures/guild-disagree.md")]
            pub struct GuildPermissions(u32);
        };
        let (_, _, error) = load(input);
        assert_eq!(
            error.as_deref(),
            Some(
                "tests/fixtures/guild-disagree.md:6: columns disagree: `Bit Number` gives \
                 0x40000000 (bit 30) but `Bit Position` gives 0x20000000 (bit 29)"
            )
        );
    }

    #[test]
    fn an_inline_table_s_lines_are_source_lines_only_when_the_source_has_them() {
        let offset = |source: &str| {
            let lit = Literal::from_str(source).expect("a literal");
            super::source_offset(&Str::read(&lit).expect("a string"))
        };
        assert_eq!(offset("\"\n| A | 1 |\n|---|---|\n\""), Some(0));
        assert_eq!(offset("\"| A | 1 |\""), Some(0));
        assert_eq!(offset("\"\n| A |\n\n| B |\n  \""), Some(0));
        assert_eq!(offset("r#\"\n| \\n |\n\"#"), Some(0));
        // Continuations, each line's escaped newline before one.
        assert_eq!(offset("\"\\\n  | A |\\n\\\n  | B |\\n\""), Some(1));
        assert_eq!(offset("\"| A |\\n\\\n| B |\""), Some(0));
        // Two lines of the table on one source line, or one split over two.
        assert_eq!(offset("\"| A |\\n| B |\""), None);
        assert_eq!(offset("\"| A |\\\n| B |\n| C |\""), None);
        assert_eq!(offset("\"| A |\\n\\\n\n| B |\""), None);
        assert_eq!(offset("\"| A |\\u{a}| B |\""), None);
        assert_eq!(offset("\"| A |\\n\\\n\\\n| B |\""), None);

        let (_, _, error) = load(quote! {
            #[permissions(markdown_str = "| Permission | Value |\n|---|---|\n| Kick | 0x1 |\n| Ban | 0x01G0 |\n")]
            pub struct ToxPermissions(u16);
        });
        assert_eq!(
            error.as_deref(),
            Some(
                "line 4 of the inline table: cannot read `Value` cell `0x01G0`: expected hex \
                 `0x..`, decimal, binary `0b..` or `1 << n`"
            )
        );
    }

    #[test]
    fn a_read_document_is_tracked_so_that_editing_it_rebuilds_the_crate() {
        let input = quote! {
            #[permissions(markdown = "docs/guild.md", section = "Guild Permissions")]
            pub struct GuildPermissions(u32);
        };
        let (container, tracked, error) = load(input);
        assert_eq!(error, None);
        assert_eq!(container.rows.len(), 32);
        assert_eq!(container.rows.iter().filter(|r| r.reserved).count(), 3);
        // rustc records every `include_bytes!` file in the crate's dep-info, and cargo
        // rebuilds the crate when one changes.
        assert!(tracked.contains("include_bytes"), "{tracked}");
        assert!(tracked.contains("docs/guild.md"), "{tracked}");
    }

    #[test]
    fn a_lock_and_the_variable_that_rewrites_it_are_tracked() {
        // `PERMISSIONS_LOCK=overwrite cargo build` on a crate already built must run the
        // derive again: the variable is read with `option_env!`, which dep-info records.
        let input = quote! {
            #[permissions(markdown = "docs/tox_mod.md", lock = "tests/fixtures/tox.lock")]
            pub struct ToxPermissions(u16);
        };
        let (_, tracked, error) = load(input);
        assert_eq!(error, None);
        assert!(
            tracked.contains("option_env ! (\"PERMISSIONS_LOCK\")"),
            "{tracked}"
        );
        assert!(tracked.contains("tests/fixtures/tox.lock"), "{tracked}");
        // Without a lock, the variable does not matter and is not read.
        let input = quote! {
            #[permissions(markdown = "docs/tox_mod.md")]
            pub struct ToxPermissions(u16);
        };
        let (_, tracked, _) = load(input);
        assert!(!tracked.contains("PERMISSIONS_LOCK"), "{tracked}");
    }

    #[test]
    fn a_lock_is_written_only_when_asked_and_read_back() {
        let dir = std::env::temp_dir().join(format!("permissions-lock-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        let lit = Str::read(&Literal::string("tox.lock")).expect("a string");
        let mut lock = super::LockFile {
            lit: lit.clone(),
            lock: super::Lock::default(),
            overwrite: false,
            full: dir.join("tox.lock"),
        };
        let rows = || {
            [
                ("ADMINISTRATOR".to_owned(), 1),
                ("SEND_MESSAGES".to_owned(), 0x0112),
            ]
        };
        let mut cx = Ctxt::default();
        super::write_lock(&mut cx, &lock, rows());
        assert!(
            !lock.full.exists(),
            "written without PERMISSIONS_LOCK=overwrite"
        );
        lock.overwrite = true;
        super::write_lock(&mut cx, &lock, rows());
        assert_eq!(cx.into_messages(), Vec::<String>::new());

        let mut cx = Ctxt::default();
        let (read, tracked) = super::lock_in(&mut cx, &lit, &dir);
        assert_eq!(cx.into_messages(), Vec::<String>::new());
        assert!(tracked.to_string().contains("include_bytes"), "{tracked}");
        let read = read.expect("a lock");
        assert_eq!(read.lock.get("SEND_MESSAGES"), Some(0x0112));
        assert_eq!(read.lock.entries().len(), 2);

        std::fs::write(&lock.full, "ADMINISTRATOR = 0x1\nSEND MESSAGES\n").expect("a lock");
        let mut cx = Ctxt::default();
        let (read, _) = super::lock_in(&mut cx, &lit, &dir);
        assert!(read.is_none());
        let error = cx.into_messages().join("\n");
        assert!(error.starts_with("tox.lock:2: "), "{error}");
        std::fs::remove_dir_all(&dir).expect("cleaned up");
    }
}
