//! The document's outline: headings and table blocks, with front matter, code fences and
//! HTML comments skipped. Also the reading of a table line into cells, and of a cell's
//! inline Markdown into plain text.

use alloc::string::String;
use alloc::vec::Vec;

/// A heading: ATX (`## Text`) or setext (`Text` over `===` / `---`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Heading {
    pub(crate) line: usize,
    pub(crate) level: u8,
    pub(crate) text: String,
}

/// A table block: its header line, delimiter line, and body lines, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Outline<'a> {
    pub(crate) headings: Vec<Heading>,
    pub(crate) tables: Vec<Block<'a>>,
}

impl<'a> Outline<'a> {
    /// The line just past the section that `heading` opens: the line of the next heading of
    /// the same or a higher level, or `usize::MAX` when the section runs to the end.
    pub(crate) fn section_end(&self, heading: usize) -> usize {
        let Some(level) = self.headings.get(heading).map(|h| h.level) else {
            return usize::MAX;
        };
        self.headings
            .iter()
            .skip(heading + 1)
            .find(|h| h.level <= level)
            .map_or(usize::MAX, |h| h.line)
    }

    /// The first table inside the section that `heading` opens.
    pub(crate) fn table_in_section(&self, heading: usize) -> Option<&Block<'a>> {
        let start = self.headings.get(heading)?.line;
        let end = self.section_end(heading);
        // Tables are in document order: the first one after the heading is found by bisection.
        let first = self.tables.partition_point(|t| t.line() <= start);
        self.tables.get(first).filter(|t| t.line() < end)
    }
}

/// Reads the outline of a document.
pub(crate) fn outline(document: &str) -> Outline<'_> {
    let lines: Vec<(usize, &str)> = document.lines().zip(1..).map(|(l, n)| (n, l)).collect();
    let mut out = Outline::default();
    let mut i = front_matter_end(&lines);
    let mut fence: Option<(char, usize)> = None;
    let mut in_comment = false;
    // The paragraph being read, which a setext underline turns into a heading.
    let mut paragraph: Option<(usize, String)> = None;

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
                text: unwrap_inline(text),
            });
            paragraph = None;
            continue;
        }
        if let Some(level) = setext_level(trimmed) {
            if let Some((start, text)) = paragraph.take() {
                out.headings.push(Heading {
                    line: start,
                    level,
                    text: unwrap_inline(&text),
                });
            }
            // Without a paragraph above, `---` is a horizontal rule.
            continue;
        }
        let next = lines.get(i).map_or("", |&(_, next)| next);
        if has_pipe(line) && is_delimiter_row(next) {
            let mut block = Block {
                heading: out.headings.len().checked_sub(1),
                lines: Vec::from([(number, line)]),
            };
            while let Some(&(n, body)) = lines.get(i) {
                // The delimiter row always belongs to the table; body rows stop at a blank
                // line, a line without a pipe, or the start of another block.
                let is_first = block.lines.len() == 1;
                let t = body.trim();
                if !is_first
                    && (t.is_empty()
                        || !has_pipe(body)
                        || atx_heading(t).is_some()
                        || opens_fence(t).is_some())
                {
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
    let run = trimmed.chars().take_while(|&x| x == c).count();
    (run >= 3).then_some((c, run))
}

/// Whether a line closes the fence opened with `run` times `c`.
fn closes_fence(trimmed: &str, (c, run): (char, usize)) -> bool {
    let own = trimmed.chars().take_while(|&x| x == c).count();
    own >= run && trimmed.chars().skip(own).all(char::is_whitespace)
}

/// An ATX heading: its level and text, without the optional closing `#`s.
fn atx_heading(trimmed: &str) -> Option<(u8, &str)> {
    let hashes = trimmed.chars().take_while(|&c| c == '#').count();
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
    if !trimmed.is_empty() && trimmed.chars().all(|c| c == '=') {
        Some(1)
    } else if !trimmed.is_empty() && trimmed.chars().all(|c| c == '-') {
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
                    !dashes.is_empty() && dashes.chars().all(|c| c == '-')
                })
        }
}

/// Splits a table line into its cells, trimmed. Leading and trailing pipes are optional,
/// and `\|` is a pipe inside a cell. Other escapes are kept for [`unwrap_inline`].
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

/// The plain text of a cell or heading: inline code, emphasis and footnote marks (`*`),
/// footnote references (`[^1]`) and link targets are dropped, backslash escapes are resolved,
/// and runs of whitespace become one space.
pub(crate) fn unwrap_inline(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().collect();
    let closers = Closers::new(&chars);
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    // The length of the backtick run that opened the code span we are in.
    let mut code: Option<usize> = None;
    while let Some(&c) = chars.get(i) {
        if c == '`' {
            let run = chars.iter().skip(i).take_while(|&&x| x == '`').count();
            match code {
                Some(open) if open == run => code = None,
                Some(_) => out.extend(core::iter::repeat_n('`', run)),
                None => code = Some(run),
            }
            i += run;
            continue;
        }
        if code.is_some() {
            out.push(c);
            i += 1;
            continue;
        }
        match c {
            '\\' => match chars.get(i + 1) {
                Some(&p) if p.is_ascii_punctuation() => {
                    out.push(p);
                    i += 2;
                }
                _ => {
                    out.push('\\');
                    i += 1;
                }
            },
            '*' => i += 1,
            '[' => match bracket(&chars, &closers, i) {
                Some(Bracket::Footnote { end }) => i = end,
                Some(Bracket::Link { text, end }) => {
                    out.push_str(&unwrap_inline(&text));
                    i = end;
                }
                None => {
                    out.push('[');
                    i += 1;
                }
            },
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    let mut collapsed = String::with_capacity(out.len());
    for word in out.split_whitespace() {
        if !collapsed.is_empty() {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
    }
    collapsed
}

/// What a `[` opens.
enum Bracket {
    /// `[^1]`: dropped.
    Footnote { end: usize },
    /// `[text](target)`: replaced by its text.
    Link { text: String, end: usize },
}

/// For each index, where the next `]` and the next `)` are: looked up rather than searched
/// for, so that a line full of `[` is read in linear time.
struct Closers {
    bracket: Vec<usize>,
    paren: Vec<usize>,
}

impl Closers {
    fn new(chars: &[char]) -> Self {
        let next = |wanted: char| {
            let mut at = usize::MAX;
            let mut table: Vec<usize> = chars
                .iter()
                .enumerate()
                .rev()
                .map(|(i, &c)| {
                    if c == wanted {
                        at = i;
                    }
                    at
                })
                .collect();
            table.reverse();
            table
        };
        Closers {
            bracket: next(']'),
            paren: next(')'),
        }
    }

    /// The index of the first `]` at or after `from`.
    fn bracket(&self, from: usize) -> Option<usize> {
        self.bracket.get(from).copied().filter(|&i| i != usize::MAX)
    }

    /// The index of the first `)` at or after `from`.
    fn paren(&self, from: usize) -> Option<usize> {
        self.paren.get(from).copied().filter(|&i| i != usize::MAX)
    }
}

/// Reads the bracket construct starting at `chars[start] == '['`, if it is one we unwrap.
fn bracket(chars: &[char], closers: &Closers, start: usize) -> Option<Bracket> {
    let close = closers.bracket(start + 1)?;
    let inner = chars.get(start + 1..close)?;
    if inner.first() == Some(&'^') && inner.len() > 1 {
        return Some(Bracket::Footnote { end: close + 1 });
    }
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let paren = closers.paren(close + 1)?;
    Some(Bracket::Link {
        text: inner.iter().collect(),
        end: paren + 1,
    })
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
    fn inline_markdown_is_unwrapped() {
        assert_eq!(unwrap_inline("`SEND_MESSAGES`"), "SEND_MESSAGES");
        assert_eq!(unwrap_inline("**Administrator**\\*"), "Administrator*");
        assert_eq!(unwrap_inline("Administrator*"), "Administrator");
        assert_eq!(unwrap_inline("Ban Members[^1]"), "Ban Members");
        assert_eq!(
            unwrap_inline("see [the docs](https://x.invalid) now"),
            "see the docs now"
        );
        assert_eq!(unwrap_inline("[draft] only"), "[draft] only");
        assert_eq!(unwrap_inline("[a](b"), "[a](b");
        assert_eq!(unwrap_inline("[^"), "[^");
        assert_eq!(unwrap_inline("[[x]](y) [^]"), "[[x]](y) [^]");
        assert_eq!(unwrap_inline("`a * b`"), "a * b");
        assert_eq!(unwrap_inline("``a ` b``"), "a ` b");
        assert_eq!(unwrap_inline("  many   spaces\there "), "many spaces here");
        assert_eq!(unwrap_inline(r"a\\b \q \_ \|"), r"a\b \q _ |");
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
    fn a_horizontal_rule_after_a_blank_line_is_not_a_heading() {
        let o = outline("text\n\n---\n\nmore\n");
        assert!(o.headings.is_empty());
    }

    #[test]
    fn table_body_ends_at_blank_line_or_prose() {
        let doc = "| a | b |\n|---|---|\n| 1 | 2 |\nprose\n| c | d |\n";
        let o = outline(doc);
        assert_eq!(o.tables.len(), 1);
        assert_eq!(o.tables.first().map(|t| t.lines.len()), Some(3));
    }

    #[test]
    fn sections_end_at_the_next_heading_of_same_or_higher_level() {
        let doc = "## A\n### A1\n| a |\n|---|\n| x |\n\n## B\n### C\n";
        let o = outline(doc);
        assert_eq!(o.section_end(0), 7);
        assert_eq!(o.section_end(1), 7);
        assert_eq!(o.section_end(2), usize::MAX);
        assert_eq!(o.section_end(3), usize::MAX);
        assert_eq!(o.table_in_section(0).map(Block::line), Some(3));
        assert_eq!(o.table_in_section(1).map(Block::line), Some(3));
        assert!(o.table_in_section(2).is_none());
        assert_eq!(o.tables.first().and_then(|t| t.heading), Some(1));
    }
}
