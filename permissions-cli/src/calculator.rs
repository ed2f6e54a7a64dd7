//! `permissions calculator DOC -o page.html`: a self-contained permission calculator page.
//!
//! The page is `calculator.html` with the table embedded as JSON: no network, no build step.

use std::collections::BTreeSet;
use std::io::Write;

use permissions::table::Table;
use serde::Serialize;

use crate::document;
use crate::export::{Export, write_output};
use crate::{CalculatorArgs, SUCCESS};

const TEMPLATE: &str = include_str!("calculator.html");

#[derive(Serialize)]
struct Page<'a> {
    /// The metadata column the rows are grouped by.
    group_by: Option<&'a str>,
    table: Export<'a>,
}

pub(crate) fn run(args: &CalculatorArgs, out: &mut dyn Write) -> Result<u8, String> {
    let (doc, read) = document::load_one(&args.doc, &args.table)?;
    let group_by = group_column(&read.table, args.group_by.as_deref())?;
    let title = args.title.as_deref().unwrap_or_else(|| read.title(&doc));
    let page = Page {
        group_by,
        table: Export::new(&doc, &read),
    };
    let html = render(title, &page)?;
    write_output(Some(&args.output), &html, out)?;
    let rows = read.table.permissions().count();
    let grouped = group_by.map_or(String::new(), |c| format!(", grouped by {c:?}"));
    let _ = writeln!(
        out,
        "wrote {}: {rows} permissions of {title:?}{grouped}",
        args.output.display()
    );
    Ok(SUCCESS)
}

fn render(title: &str, page: &Page<'_>) -> Result<String, String> {
    let data = serde_json::to_string(page).map_err(|e| format!("cannot encode the table: {e}"))?;
    // Inside <script>, only `</script` (and `<!--`) could end the data early: JSON may write
    // `<` as `\u003c` in strings, and keys and strings are the only place it can appear.
    let data = data.replace('<', "\\u003c");
    Ok(TEMPLATE
        .replace("{{title}}", &escape_html(title))
        .replace("{{data}}", &data))
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The metadata column to group rows by: the one asked for (`none` for no groups), or else
/// the first whose cells repeat, as a channel type's do: between 2 and half as many
/// distinct values as rows, each short.
fn group_column<'t>(table: &'t Table, asked: Option<&str>) -> Result<Option<&'t str>, String> {
    let columns: Vec<&str> = table
        .permissions()
        .next()
        .map(|row| row.meta.iter().map(|(h, _)| h.as_str()).collect())
        .unwrap_or_default();
    match asked {
        Some(asked) if asked.trim().eq_ignore_ascii_case("none") => Ok(None),
        Some(asked) => columns
            .iter()
            .find(|c| c.trim().eq_ignore_ascii_case(asked.trim()))
            .map(|c| Some(*c))
            .ok_or_else(|| {
                let list = if columns.is_empty() {
                    "the table has no metadata column".to_string()
                } else {
                    format!("its metadata columns are: {}", quoted(&columns))
                };
                format!("cannot group by `{asked}`: {list} (or pass `--group-by none`)")
            }),
        None => Ok(columns.into_iter().enumerate().find_map(|(i, column)| {
            let cells: Vec<&str> = table
                .permissions()
                .filter_map(|row| row.meta.get(i).map(|(_, cell)| cell.trim()))
                .collect();
            let distinct: BTreeSet<&str> =
                cells.iter().copied().filter(|c| !c.is_empty()).collect();
            let repeats = distinct.len() >= 2 && distinct.len() * 2 <= cells.len();
            let short = distinct.iter().all(|c| c.chars().count() <= 40);
            (repeats && short).then_some(column)
        })),
    }
}

fn quoted(columns: &[&str]) -> String {
    columns
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use permissions::table::{self, Options};

    const CHANNELS: &str = "\
| Permission     | Value  | Channel Type | Note  |
|----------------|--------|--------------|-------|
| View Channel   | 1 << 0 | Text, Voice  | a     |
| Send Messages  | 1 << 1 | Text         | b     |
| Read History   | 1 << 2 | Text         | c     |
| Pin Messages   | 1 << 5 | Text         | f     |
| Connect        | 1 << 3 | Voice        | d     |
| Speak          | 1 << 4 | Voice        | e     |
";

    #[test]
    fn a_repeating_column_groups_the_rows() {
        let t = table::parse(CHANNELS, &Options::new()).unwrap();
        // `Note` has a value per row: no grouping by it.
        assert_eq!(group_column(&t, None), Ok(Some("Channel Type")));
        assert_eq!(group_column(&t, Some("note")), Ok(Some("Note")));
        assert_eq!(group_column(&t, Some("none")), Ok(None));
        let err = group_column(&t, Some("Kind")).unwrap_err();
        assert_eq!(
            err,
            "cannot group by `Kind`: its metadata columns are: `Channel Type`, `Note` \
             (or pass `--group-by none`)"
        );
    }

    #[test]
    fn the_data_cannot_end_the_script() {
        assert_eq!(
            escape_html("<b>\"A&B\"</b>"),
            "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;"
        );
        // Escaped, so that the reader keeps them as text rather than unwrapping a tag.
        let doc =
            "| Name | Value | Description |\n|--|--|--|\n| A | 1 | ends \\</script>\\<!-- |\n";
        let t = table::parse(doc, &Options::new()).unwrap();
        let d = Document {
            path: "x.md".into(),
            text: doc.into(),
        };
        let read = document::Read { table: t, width: 8 };
        let page = Page {
            group_by: None,
            table: Export::new(&d, &read),
        };
        let html = render("T", &page).unwrap();
        let data = &html[html.find("id=\"table\">").unwrap()..];
        let data = &data[..data.find("</script>").unwrap()];
        assert!(data.contains("ends \\u003c/script>\\u003c!--"), "{data}");
    }
}
