//! The document's outline: headings and table blocks, with front matter, code fences and
//! HTML comments skipped. Also the reading of a table line into cells, and of a cell's
//! inline Markdown into plain text.

use alloc::string::String;
use alloc::vec::Vec;

use super::inline;

/// A heading: ATX (`## Text`) or setext (`Text` over `===` / `---`).
#[cfg_attr(test, derive(Debug, PartialEq, Eq))]
pub(crate) struct Heading {
    pub(crate) line: usize,
    pub(crate) level: u8,
    pub(crate) text: String,
}

/// A table block: its header line, delimiter line, and body lines, as written.
#[cfg_attr(test, derive(Debug, PartialEq, Eq))]
pub(crate) struct Block<'a> {
    /// Index into [`Outline::headings`] of the last heading before the table.
    pub(crate) heading: Option<usize>,
    /// `(line number, text)`, header first, then the delimiter row, then the body.
    pub(crate) lines: Vec<(usize, &'a str)>,
}

impl Block<'_> {
    /// The 1-based line of the header row.
    pub(crate) fn line(&self) -> usize {
        self.lines.first().map_or(1, |&(line, _)| line)
    }
}

/// What the document holds, in order.
#[derive(Default)]
#[cfg_attr(test, derive(Debug, PartialEq, Eq))]
pub(crate) struct Outline<'a> {
    pub(crate) headings: Vec<Heading>,
    pub(crate) tables: Vec<Block<'a>>,
    /// Rows that look like a table but are none, because the header row and the delimiter
    /// row have different numbers of cells.
    pub(crate) near_tables: Vec<NearTable>,
}

/// A header row over a delimiter row with another number of cells: GFM reads it as text.
#[derive(Clone, Copy)]
#[cfg_attr(test, derive(Debug, PartialEq, Eq))]
pub(crate) struct NearTable {
    /// Index into [`Outline::headings`] of the last heading before it.
    pub(crate) heading: Option<usize>,
    pub(crate) line: usize,
    pub(crate) header: usize,
    pub(crate) delimiter: usize,
}

impl<'a> Outline<'a> {
    /// The index of the heading that ends the section `heading` opens: the next heading of
    /// the same or a higher level, or `headings.len()` when the section runs to the end.
    pub(crate) fn section_end(&self, heading: usize) -> usize {
        let Some(level) = self.headings.get(heading).map(|h| h.level) else {
            return self.headings.len();
        };
        let after = self.headings.get(heading + 1..).unwrap_or_default();
        after
            .iter()
            .position(|h| h.level <= level)
            .map_or(self.headings.len(), |i| heading + 1 + i)
    }

    /// The first table inside the section that `heading` opens.
    pub(crate) fn table_in_section(&self, heading: usize) -> Option<&Block<'a>> {
        self.tables_in_section(heading).first()
    }

    /// The tables inside the section that `heading` opens, in order: those whose last
    /// heading is the section's own or one of its subsections'.
    pub(crate) fn tables_in_section(&self, heading: usize) -> &[Block<'a>] {
        let end = self.section_end(heading);
        // Tables are in document order, and so are the headings they follow: the ones in
        // the section are found by bisection.
        let first = self.first_table_from(heading);
        let past = self.first_table_from(end);
        self.tables.get(first..past).unwrap_or_default()
    }

    /// The index of the first table that follows heading `heading` or a later one.
    fn first_table_from(&self, heading: usize) -> usize {
        self.tables.partition_point(|t| t.heading < Some(heading))
    }

    /// The first would-be table inside the section that `heading` opens (in the whole
    /// document for `None`).
    pub(crate) fn near_table(&self, heading: Option<usize>) -> Option<NearTable> {
        let Some(heading) = heading else {
            return self.near_tables.first().copied();
        };
        let end = self.section_end(heading);
        self.near_tables
            .iter()
            .find(|t| t.heading.is_some_and(|h| h >= heading && h < end))
            .copied()
    }
}

/// Reads the outline of a document.
pub(crate) fn outline(document: &str) -> Outline<'_> {
    // A byte-order mark, which some editors write first, is not part of the text.
    let document = document.strip_prefix('\u{feff}').unwrap_or(document);
    let lines: Vec<(usize, &str)> = (1..).zip(document.lines()).collect();
    let mut out = Outline::default();
    let mut i = front_matter_end(&lines);
    let mut fence: Option<(char, usize)> = None;
    let mut in_comment = false;
    // The paragraph being read, which a setext underline turns into a heading.
    let mut paragraph: Option<(usize, String)> = None;
    // Inside a list, indented lines are the items' content rather than code; so they are
    // inside an HTML or JSX element (`<Tabs>` .. `</Tabs>`), as MDX, which has no indented
    // code, reads them.
    let mut in_list = false;
    let mut open_elements = 0usize;

    while let Some(&(number, line)) = lines.get(i) {
        i += 1;
        let trimmed = line.trim();
        if let Some(open) = fence {
            if closes_fence(trimmed, open) {
                fence = None;
            }
            continue;
        }
        if in_comment {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        if trimmed.is_empty() {
            paragraph = None;
            continue;
        }
        let indent = indent(line);
        if indent >= 4 && paragraph.is_none() && !in_list && open_elements == 0 {
            // An indented code block: GitHub shows it as code, tables included.
            continue;
        }
        open_elements = match element_line(trimmed) {
            Element::Opens => open_elements.saturating_add(1),
            Element::Closes => open_elements.saturating_sub(1),
            Element::Neither => open_elements,
        };
        if list_item(trimmed) {
            in_list = true;
        } else if indent == 0 {
            in_list = false;
        }
        if let Some(open) = opens_fence(trimmed) {
            fence = Some(open);
            paragraph = None;
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("<!--") {
            in_comment = !rest.contains("-->");
            paragraph = None;
            continue;
        }
        if let Some((level, text)) = atx_heading(trimmed) {
            out.headings.push(Heading {
                line: number,
                level,
                text: heading_text(text),
            });
            paragraph = None;
            continue;
        }
        if let Some(level) = setext_level(trimmed) {
            if let Some((start, text)) = paragraph.take() {
                out.headings.push(Heading {
                    line: start,
                    level,
                    text: heading_text(&text),
                });
            }
            // Without a paragraph above, `---` is a horizontal rule.
            continue;
        }
        let next = lines.get(i).map_or("", |&(_, next)| next);
        // GFM: the header row and the delimiter row have as many cells, or it is no table.
        let cells = (has_pipe(line) && is_delimiter_row(next))
            .then(|| (split_cells(line).len(), split_cells(next).len()));
        if let Some((header, delimiter)) = cells.filter(|(h, d)| h != d) {
            // Text to GFM, read on as a paragraph; remembered to say why there is no table.
            out.near_tables.push(NearTable {
                heading: out.headings.len().checked_sub(1),
                line: number,
                header,
                delimiter,
            });
        } else if cells.is_some() {
            let mut block = Block {
                heading: out.headings.len().checked_sub(1),
                lines: Vec::from([(number, line)]),
            };
            while let Some(&(n, body)) = lines.get(i) {
                // The delimiter row always belongs to the table; body rows stop at a blank
                // line or the start of another block. A line without a pipe is a row of one
                // cell, as GFM reads it.
                let is_first = block.lines.len() == 1;
                if !is_first && starts_block(body.trim()) {
                    break;
                }
                block.lines.push((n, body));
                i += 1;
            }
            out.tables.push(block);
            paragraph = None;
            continue;
        }
        if trimmed.starts_with(":::") {
            // Admonition fences (`:::warning` ... `:::`): their content is read as usual.
            paragraph = None;
            continue;
        }
        match &mut paragraph {
            Some((_, text)) => {
                text.push(' ');
                text.push_str(trimmed);
            }
            None => paragraph = Some((number, String::from(trimmed))),
        }
    }
    out
}

/// The index of the first line after YAML front matter (`---` ... `---` at the very top).
fn front_matter_end(lines: &[(usize, &str)]) -> usize {
    if lines.first().map(|&(_, l)| l.trim_end()) != Some("---") {
        return 0;
    }
    lines
        .iter()
        .skip(1)
        .position(|&(_, l)| matches!(l.trim_end(), "---" | "..."))
        .map_or(0, |p| p + 2)
}

/// An opening code fence: three or more backticks or tildes.
fn opens_fence(trimmed: &str) -> Option<(char, usize)> {
    let c = trimmed.chars().next().filter(|&c| c == '`' || c == '~')?;
    let run = run_len(trimmed, c);
    (run >= 3).then_some((c, run))
}

/// Whether a line closes the fence opened with `run` times `c`.
fn closes_fence(trimmed: &str, (c, run): (char, usize)) -> bool {
    let own = run_len(trimmed, c);
    own >= run
        && trimmed
            .get(own..)
            .is_some_and(|rest| rest.trim().is_empty())
}

/// How many times the ASCII character `c` starts `line`.
fn run_len(line: &str, c: char) -> usize {
    line.len() - line.trim_start_matches(c).len()
}

/// A heading's plain text, without the explicit id or classes that Docusaurus, Pandoc and
/// Hugo let a heading end with (`## Guild Permissions {#guild-perms}`), which no page shows.
fn heading_text(raw: &str) -> String {
    let raw = raw.trim_end();
    let without = raw
        .rfind('{')
        .filter(|&open| {
            raw.get(open + 1..)
                .is_some_and(|attrs| attrs.ends_with('}') && attrs.starts_with(['#', '.']))
        })
        .and_then(|open| raw.get(..open))
        .unwrap_or(raw);
    inline::text(without)
}

/// What a line does to the HTML or JSX elements around it.
enum Element {
    /// `<Tabs>`, `<div class="x">`: an element that a later line closes.
    Opens,
    /// `</Tabs>`.
    Closes,
    Neither,
}

/// Whether a line opens an element that stays open (a start tag alone, not closed on the
/// line, not self-closing, not a void element such as `<br>`) or closes one.
fn element_line(trimmed: &str) -> Element {
    if trimmed.starts_with("</") {
        return Element::Closes;
    }
    let Some(rest) = trimmed.strip_prefix('<') else {
        return Element::Neither;
    };
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
        .collect();
    let void = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    let opens = name.starts_with(|c: char| c.is_ascii_alphabetic())
        // HTML's void elements are lower case; `<Link>` or `<Col>` is an MDX component.
        && !void.contains(&name.as_str())
        && !trimmed.ends_with("/>")
        && !trimmed.contains("</");
    if opens {
        Element::Opens
    } else {
        Element::Neither
    }
}

/// How far a line is indented, in columns, as far as it matters here: the checks are for
/// none, and for 4 or more (indented code). A tab reaches the next tab stop, column 4 or
/// beyond, so a tab in the indentation makes it 4 at least.
fn indent(line: &str) -> usize {
    let spaces = run_len(line, ' ');
    if line
        .get(spaces..)
        .is_some_and(|rest| rest.starts_with('\t'))
    {
        spaces.max(4)
    } else {
        spaces
    }
}

/// Whether a line ends a table: it is blank or starts another block (a heading, a code
/// fence, a block quote, a thematic break, a list item, an HTML comment).
fn starts_block(trimmed: &str) -> bool {
    trimmed.is_empty()
        || atx_heading(trimmed).is_some()
        || opens_fence(trimmed).is_some()
        || trimmed.starts_with('>')
        || trimmed.starts_with("<!--")
        || is_thematic_break(trimmed)
        || list_item(trimmed)
}

/// Whether a line starts a list item: `-`, `*`, `+`, or `1.`/`1)`, then a space or nothing.
fn list_item(trimmed: &str) -> bool {
    let bullet = |c: char| {
        trimmed
            .strip_prefix(c)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
    };
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    let ordered = (1..=9).contains(&digits)
        && trimmed.get(digits..).is_some_and(|rest| {
            let rest = rest.strip_prefix(['.', ')']);
            rest.is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t']))
        });
    bullet('-') || bullet('*') || bullet('+') || ordered
}

/// `---`, `***`, `___`: three or more of one of them, spaces allowed between.
fn is_thematic_break(trimmed: &str) -> bool {
    let Some(c) = trimmed
        .chars()
        .next()
        .filter(|c| matches!(c, '-' | '*' | '_'))
    else {
        return false;
    };
    trimmed.chars().all(|x| x == c || x == ' ' || x == '\t') && trimmed.matches(c).count() >= 3
}

/// An ATX heading: its level and text, without the optional closing `#`s.
fn atx_heading(trimmed: &str) -> Option<(u8, &str)> {
    let hashes = run_len(trimmed, '#');
    let level = u8::try_from(hashes).ok().filter(|l| (1..=6).contains(l))?;
    let rest = trimmed.get(hashes..)?;
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    let rest = rest.trim();
    let without_closing = rest.trim_end_matches('#');
    let text = if without_closing.is_empty() || without_closing.ends_with(char::is_whitespace) {
        without_closing.trim_end()
    } else {
        rest
    };
    Some((level, text))
}

/// A setext underline: `===` gives level 1, `---` level 2.
fn setext_level(trimmed: &str) -> Option<u8> {
    let underline = |c| !trimmed.is_empty() && run_len(trimmed, c) == trimmed.len();
    if underline('=') {
        Some(1)
    } else if underline('-') {
        Some(2)
    } else {
        None
    }
}

/// Whether a line holds a pipe that is not escaped with a backslash.
pub(crate) fn has_pipe(line: &str) -> bool {
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '|' if !escaped => return true,
            '\\' => escaped = !escaped,
            _ => escaped = false,
        }
    }
    false
}

/// A table's delimiter row: `|---|:--:|`, with at least one pipe and one dash per cell.
pub(crate) fn is_delimiter_row(line: &str) -> bool {
    line.contains('|')
        && line
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
        && {
            let cells = split_cells(line);
            !cells.is_empty()
                && cells.iter().all(|cell| {
                    let dashes = cell.trim().trim_start_matches(':').trim_end_matches(':');
                    !dashes.is_empty() && run_len(dashes, '-') == dashes.len()
                })
        }
}

/// Splits a table line into its cells, trimmed. Leading and trailing pipes are optional,
/// and `\|` is a pipe inside a cell. Other escapes are kept for the
/// inline reader.
pub(crate) fn split_cells(line: &str) -> Vec<String> {
    let line = line.trim();
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = line.chars().peekable();
    let mut ends_with_pipe = false;
    while let Some(c) = chars.next() {
        ends_with_pipe = false;
        match c {
            '\\' => match chars.peek() {
                Some('|') => {
                    cell.push('|');
                    chars.next();
                }
                Some('\\') => {
                    cell.push_str("\\\\");
                    chars.next();
                }
                _ => cell.push('\\'),
            },
            '|' => {
                cells.push(String::from(cell.trim()));
                cell.clear();
                ends_with_pipe = true;
            }
            _ => cell.push(c),
        }
    }
    cells.push(String::from(cell.trim()));
    if ends_with_pipe {
        cells.pop();
    }
    if line.starts_with('|') && !cells.is_empty() {
        cells.remove(0);
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn cells_with_and_without_outer_pipes() {
        assert_eq!(split_cells("| a | b |"), vec!["a", "b"]);
        assert_eq!(split_cells("a | b"), vec!["a", "b"]);
        assert_eq!(split_cells("|a|b"), vec!["a", "b"]);
        assert_eq!(split_cells("  a   |   b |   "), vec!["a", "b"]);
        assert_eq!(split_cells("| a | |"), vec!["a", ""]);
    }

    #[test]
    fn escaped_pipes_stay_in_their_cell() {
        assert_eq!(split_cells(r"| a \| b | c |"), vec!["a | b", "c"]);
        assert_eq!(split_cells(r"| `x \| y` | c \|"), vec!["`x | y`", "c |"]);
        assert_eq!(split_cells(r"| a \\| b |"), vec![r"a \\", "b"]);
    }

    #[test]
    fn delimiter_rows() {
        assert!(is_delimiter_row("|---|---|"));
        assert!(is_delimiter_row("| :--- | :---: | ---: |"));
        assert!(is_delimiter_row("--- | ---"));
        assert!(is_delimiter_row(
            "| -------------------------- | ---------------------- |"
        ));
        assert!(!is_delimiter_row("---"));
        assert!(!is_delimiter_row("| a | --- |"));
        assert!(!is_delimiter_row("|   | --- |"));
        assert!(!is_delimiter_row("| : | --- |"));
    }

    #[test]
    fn headings_of_every_kind() {
        let doc = "# One #\n\n###### Discord Permission Flags\n\nTwo\n===\n\nThree\n---\n\n#NoHeading\n####### seven\n";
        let o = outline(doc);
        let got: Vec<(usize, u8, &str)> = o
            .headings
            .iter()
            .map(|h| (h.line, h.level, h.text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, 1, "One"),
                (3, 6, "Discord Permission Flags"),
                (5, 1, "Two"),
                (8, 2, "Three"),
            ]
        );
    }

    #[test]
    fn front_matter_fences_comments_and_rules_are_skipped() {
        let doc = "---\ntitle: x\n| a | b |\n|---|---|\n---\n\n```\n| c | d |\n|---|---|\n```\n\n<!--\n| e | f |\n|---|---|\n-->\n\n---\n\n~~~~md\n# not a heading\n~~~~\n| g | h |\n|---|---|\n| 1 | 2 |\n";
        let o = outline(doc);
        assert!(o.headings.is_empty());
        let lines: Vec<usize> = o.tables.iter().map(Block::line).collect();
        assert_eq!(lines, vec![22]);
        assert_eq!(o.tables.first().map(|t| t.lines.len()), Some(3));
    }

    #[test]
    fn the_document_starts_right_after_its_front_matter() {
        let doc = "---\nid: client-perms\ntitle: Client Permissions\nsidebar_label: Client\n---\n# Permissions\n";
        let got: Vec<(usize, String)> = outline(doc)
            .headings
            .into_iter()
            .map(|h| (h.line, h.text))
            .collect();
        assert_eq!(got, [(6, String::from("Permissions"))]);
    }

    #[test]
    fn a_fence_closes_only_on_a_run_of_its_own_with_nothing_after() {
        // A blank line and a fence with an info string are content of the open fence.
        for inside in ["", "```rust"] {
            let doc = alloc::format!("```\n{inside}\n| a | b |\n|---|---|\n```\n");
            assert!(outline(&doc).tables.is_empty(), "{inside:?}");
        }
    }

    #[test]
    fn a_comment_hides_every_line_up_to_its_close() {
        // A table inside a comment that opens and closes on lines of their own is not read,
        // however many lines come between.
        let doc = "<!--\nold table:\n| e | f |\n|---|---|\n| 1 | 2 |\n-->\n\n| g | h |\n|---|---|\n| 3 | 4 |\n";
        let o = outline(doc);
        let lines: Vec<usize> = o.tables.iter().map(Block::line).collect();
        assert_eq!(lines, vec![8]);
    }

    #[test]
    fn a_horizontal_rule_after_a_blank_line_is_not_a_heading() {
        let o = outline("text\n\n---\n\nmore\n");
        assert!(o.headings.is_empty());
    }

    #[test]
    fn a_table_body_ends_at_a_blank_line_or_another_block() {
        // A line without a pipe is a row, as GFM reads it.
        let doc = "| a | b |\n|---|---|\n| 1 | 2 |\nprose\n| c | d |\n";
        let o = outline(doc);
        assert_eq!(o.tables.len(), 1);
        assert_eq!(o.tables.first().map(|t| t.lines.len()), Some(5));
        for end in [
            "",
            "# h",
            "```",
            "> quote",
            "- item",
            "* item",
            "+ item",
            "1. item",
            "2) item",
            "---",
            "* * *",
            "___",
            "_ _ _",
            "<!-- c -->",
        ] {
            let doc = alloc::format!("| a | b |\n|---|---|\n| 1 | 2 |\n{end}\n| c | d |\n");
            let o = outline(&doc);
            assert_eq!(o.tables.first().map(|t| t.lines.len()), Some(3), "{end:?}");
        }
        for row in ["-item", "1.5", "**bold**", "<b>x</b>", "12345678901. x"] {
            let doc = alloc::format!("| a | b |\n|---|---|\n{row}\n");
            let o = outline(&doc);
            assert_eq!(o.tables.first().map(|t| t.lines.len()), Some(3), "{row:?}");
        }
    }

    #[test]
    fn a_delimiter_row_with_another_cell_count_makes_no_table() {
        assert!(outline("| a | b |\n|---|\n| 1 | 2 |\n").tables.is_empty());
        assert!(outline("| a |\n|---|---|\n| 1 |\n").tables.is_empty());
        assert_eq!(outline("a | b\n--|--\n").tables.len(), 1);
        // The header row needs a pipe that is not escaped; `\\` escapes the backslash.
        assert!(outline("a \\| b\n|---|\n| 1 |\n").tables.is_empty());
        assert_eq!(outline("a \\\\| b\n|---|---|\n").tables.len(), 1);
    }

    #[test]
    fn sections_end_at_the_next_heading_of_same_or_higher_level() {
        let doc = "## A\n### A1\n| a |\n|---|\n| x |\n\n## B\n| b |\n|---|\n| y |\n\n### C\n";
        let o = outline(doc);
        // `## B` (heading 2) ends both `## A` and `### A1`; the others run to the end.
        assert_eq!(o.section_end(0), 2);
        assert_eq!(o.section_end(1), 2);
        assert_eq!(o.section_end(2), 4);
        assert_eq!(o.section_end(3), 4);
        assert_eq!(o.section_end(4), 4);
        let lines = |heading| -> Vec<usize> {
            o.tables_in_section(heading)
                .iter()
                .map(Block::line)
                .collect()
        };
        // A's table is its subsection's; B's own table is not A's.
        assert_eq!(lines(0), [3]);
        assert_eq!(lines(1), [3]);
        assert_eq!(lines(2), [8]);
        assert!(lines(3).is_empty());
        assert_eq!(o.table_in_section(2).map(Block::line), Some(8));
        let headings: Vec<Option<usize>> = o.tables.iter().map(|t| t.heading).collect();
        assert_eq!(headings, [Some(1), Some(2)]);
    }
}
