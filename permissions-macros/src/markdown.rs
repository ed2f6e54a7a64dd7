//! Rows of the newtype form, read from a Markdown table.

use crate::ast::{Container, Form};
use crate::ctxt::Ctxt;

/// Fills a newtype container's rows from its document. The enum form passes through.
pub fn load(cx: &mut Ctxt, container: Container) -> Container {
    if matches!(container.form, Form::Newtype)
        && container.attrs.markdown.is_none()
        && container.attrs.markdown_str.is_none()
    {
        cx.spanned(
            &container.set,
            "a newtype permission set reads its rows from a document: add `#[permissions(markdown = \"docs/permissions.md\")]`",
        );
    }
    container
}
