//! A cell's or a heading's inline Markdown, read into the plain text that GitHub shows.
//!
//! What CommonMark and GFM render, we read the same way: code spans (`` `x` ``, ``` ``a ` b`` ```),
//! backslash escapes, character references (`&lt;`, `&#60;`, `&#x3C;`, decoded everywhere but
//! in code spans), emphasis, links (`[text](url)`, `[text][ref]`), images (dropped), autolinks,
//! footnote references (`[^1]`, dropped), MDX comments (`{/* .. */}`, dropped), and inline
//! HTML: comments are dropped, `<br>` is a space, and every other tag (`<b>`, `<code>`,
//! `<a href="..">`, JSX's `<Tip>`) is unwrapped.
//!
//! A name is read more strictly ([`name`]): footnote marks (`*`, `\*`, `<sup>1</sup>`, `[^1]`)
//! are dropped with their content, and anything left that is markup rather than text (a `<`
//! that opens no tag, an unknown `&ref;`, a bracket, a brace, a lone backtick) is reported, so
//! that nothing is silently folded into a constant's name.

use alloc::string::String;
use alloc::vec::Vec;

/// The plain text of a description, a metadata cell or a heading.
pub(crate) fn text(raw: &str) -> String {
    Reader::run(raw, Mode::Text).text
}

/// A name cell read as plain text, with footnote marks dropped.
pub(crate) fn name(raw: &str) -> Unwrapped {
    Reader::run(raw, Mode::Name)
}

/// A name cell's plain text, and the first piece of markup the text still holds, if any.
#[cfg_attr(test, derive(Debug, PartialEq, Eq))]
pub(crate) struct Unwrapped {
    pub(crate) text: String,
    pub(crate) markup: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Footnote marks are dropped, leftover markup is reported.
    Name,
    /// `\*` is a star, `<sup>` is unwrapped like any tag.
    Text,
}

struct Reader<'c> {
    chars: &'c [char],
    closers: Closers,
    mode: Mode,
    out: String,
    markup: Option<String>,
}

impl Reader<'_> {
    fn run(raw: &str, mode: Mode) -> Unwrapped {
        let chars: Vec<char> = raw.chars().collect();
        let mut reader = Reader {
            chars: &chars,
            closers: Closers::new(&chars),
            mode,
            out: String::with_capacity(raw.len()),
            markup: None,
        };
        reader.span(0, chars.len());
        Unwrapped {
            text: collapse(&reader.out),
            markup: reader.markup,
        }
    }

    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    /// Notes markup left in a name: the first one is reported.
    fn leftover(&mut self, from: usize, to: usize) {
        if self.mode == Mode::Name && self.markup.is_none() {
            // Every caller passes `to > from`.
            let end = to.min(self.chars.len());
            self.markup = Some(
                self.chars
                    .get(from..end)
                    .unwrap_or_default()
                    .iter()
                    .collect(),
            );
        }
    }

    /// Reads `chars[start..end]` into `out`.
    fn span(&mut self, start: usize, end: usize) {
        let mut i = start;
        while i < end {
            i = self.step(i, end);
        }
    }

    /// Reads the construct at `i` (which is before `end`); returns where the next one starts.
    fn step(&mut self, i: usize, end: usize) -> usize {
        let Some(c) = self.at(i) else { return end };
        match c {
            '`' => self.code_span(i, end),
            // A backslash is never the last character of a link's text: the `]` after it would
            // be escaped, and close no link (see [`Closers`]).
            '\\' => match self.at(i + 1) {
                // `\*` marks a footnote in a name, and is a star in text.
                Some('*') if self.mode == Mode::Name => i + 2,
                Some(p) if p.is_ascii_punctuation() => {
                    self.out.push(p);
                    i + 2
                }
                _ => {
                    self.out.push('\\');
                    i + 1
                }
            },
            '&' => match reference(self.chars, i) {
                Reference::Decoded(c, next) => {
                    self.out.push(c);
                    next
                }
                Reference::Unknown(next) => {
                    self.leftover(i, next);
                    self.out.push('&');
                    i + 1
                }
                Reference::None => {
                    self.out.push('&');
                    i + 1
                }
            },
            // Emphasis, and footnote marks (`Administrator*`).
            '*' => i + 1,
            '<' => self.angle(i, end),
            '!' if self.at(i + 1) == Some('[') => match self.bracket(i + 1) {
                // An image shows no text.
                Some(Bracket::Link { end: next, .. }) => next,
                _ => {
                    self.out.push('!');
                    i + 1
                }
            },
            '[' => match self.bracket(i) {
                Some(Bracket::Footnote { end: next }) => next,
                Some(Bracket::Link { text, end: next }) => {
                    self.span(text.0, text.1);
                    next
                }
                None => {
                    self.leftover(i, i + 1);
                    self.out.push('[');
                    i + 1
                }
            },
            ']' | '{' | '}' => {
                // An MDX comment, `{/* .. */}`, shows nothing (MDX has no `<!-- -->`).
                if let Some(len) = mdx_comment_len(self.chars.get(i..end).unwrap_or_default()) {
                    return i + len;
                }
                self.leftover(i, i + 1);
                self.out.push(c);
                i + 1
            }
            _ => {
                self.out.push(c);
                i + 1
            }
        }
    }

    /// A code span: its content as written, or, when no run of as many backticks closes it,
    /// the backticks themselves.
    fn code_span(&mut self, i: usize, end: usize) -> usize {
        let run = self.run_of('`', i, end);
        let mut j = i + run;
        while j < end {
            if self.at(j) == Some('`') {
                let closing = self.run_of('`', j, end);
                if closing == run {
                    let content: String = self
                        .chars
                        .get(i + run..j)
                        .unwrap_or_default()
                        .iter()
                        .collect();
                    // One space on each side is stripped, so that `` ` `` `` can hold a
                    // backtick. (Content of spaces only is not stripped in CommonMark; here
                    // it makes no difference, as runs of whitespace collapse.)
                    let stripped = content
                        .strip_prefix(' ')
                        .and_then(|c| c.strip_suffix(' '))
                        .unwrap_or(&content);
                    self.out.push_str(stripped);
                    return j + closing;
                }
                j += closing;
            } else {
                j += 1;
            }
        }
        self.leftover(i, i + run);
        self.out.extend(core::iter::repeat_n('`', run));
        i + run
    }

    fn run_of(&self, c: char, i: usize, end: usize) -> usize {
        self.chars
            .get(i..end)
            .unwrap_or_default()
            .iter()
            .take_while(|&&x| x == c)
            .count()
    }

    /// `<`: an HTML tag or comment, an autolink, or a plain `<`.
    fn angle(&mut self, i: usize, end: usize) -> usize {
        let rest = self.chars.get(i..end).unwrap_or_default();
        match html(rest) {
            Some(Html::Comment(len)) => i + len,
            Some(Html::Tag { name, closing, len }) => {
                let next = i + len;
                if name.eq_ignore_ascii_case("br") {
                    self.out.push(' ');
                } else if name.eq_ignore_ascii_case("sup") && !closing && self.mode == Mode::Name {
                    // A footnote mark, `Administrator<sup>1</sup>`: dropped with its content.
                    return find_closing(self.chars, next, end, "sup").unwrap_or(next);
                }
                next
            }
            Some(Html::Autolink(len)) => {
                let url = rest.get(1..len - 1).unwrap_or_default();
                self.out.extend(url.iter());
                i + len
            }
            None => {
                let to = rest
                    .iter()
                    .position(|&c| c == '>' || c.is_whitespace())
                    .map_or(end, |p| i + p + usize::from(rest.get(p) == Some(&'>')));
                self.leftover(i, to);
                self.out.push('<');
                i + 1
            }
        }
    }

    /// Reads the bracket construct at `chars[start] == '['`, if it is one we unwrap. A link's
    /// text holds no `[`, so this reads the whole cell, never only a link's text.
    fn bracket(&self, start: usize) -> Option<Bracket> {
        // A `[` before the `]` opens the innermost construct: this one is a plain `[`.
        let close = self
            .closers
            .square(start + 1)
            .filter(|&c| self.at(c) == Some(']'))?;
        let inner = (start + 1, close);
        if self.at(start + 1) == Some('^') && close > start + 2 {
            return Some(Bracket::Footnote { end: close + 1 });
        }
        match self.at(close + 1) {
            Some('(') => {
                // The first `)` after the `(`.
                let paren = self.closers.paren(close + 2)?;
                Some(Bracket::Link {
                    text: inner,
                    end: paren + 1,
                })
            }
            // A reference link, `[text][ref]`.
            Some('[') => {
                let label_end = self.closers.bracket(close + 2)?;
                Some(Bracket::Link {
                    text: inner,
                    end: label_end + 1,
                })
            }
            _ => None,
        }
    }
}

/// What a `[` opens.
enum Bracket {
    /// `[^1]`: dropped.
    Footnote { end: usize },
    /// `[text](target)` or `[text][ref]`: replaced by its text, `text` is its range.
    Link { text: (usize, usize), end: usize },
}

/// Runs of whitespace (a non-breaking space included) become one space; the ends are trimmed.
fn collapse(text: &str) -> String {
    let mut collapsed = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !collapsed.is_empty() {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
    }
    collapsed
}

/// For each index, where the next brackets and parentheses are: looked up rather than
/// searched for, so that a line full of `[` is read in linear time. An escaped one (`\]`) is
/// text, and is skipped: `[a\](b)` is no link.
struct Closers {
    /// The next `[` or `]`.
    square: Vec<Option<usize>>,
    /// The next `]`.
    bracket: Vec<Option<usize>>,
    /// The next `)`.
    paren: Vec<Option<usize>>,
}

impl Closers {
    fn new(chars: &[char]) -> Self {
        // Backslashes escape in pairs: in `\\]` the bracket is not escaped.
        let mut escaped = Vec::with_capacity(chars.len());
        let mut after_backslash = false;
        for &c in chars {
            escaped.push(after_backslash);
            after_backslash = c == '\\' && !after_backslash;
        }
        let next = |wanted: &[char]| {
            let mut table = alloc::vec![None; chars.len()];
            let mut at = None;
            for (i, (c, &escaped)) in chars.iter().zip(&escaped).enumerate().rev() {
                if wanted.contains(c) && !escaped {
                    at = Some(i);
                }
                if let Some(slot) = table.get_mut(i) {
                    *slot = at;
                }
            }
            table
        };
        Closers {
            square: next(&['[', ']']),
            bracket: next(&[']']),
            paren: next(&[')']),
        }
    }

    /// The index of the first `[` or `]` at or after `from`.
    fn square(&self, from: usize) -> Option<usize> {
        self.square.get(from).copied().flatten()
    }

    /// The index of the first `]` at or after `from`.
    fn bracket(&self, from: usize) -> Option<usize> {
        self.bracket.get(from).copied().flatten()
    }

    /// The index of the first `)` at or after `from`.
    fn paren(&self, from: usize) -> Option<usize> {
        self.paren.get(from).copied().flatten()
    }
}

/// What a `&` starts.
#[cfg_attr(test, derive(Debug, PartialEq, Eq))]
enum Reference {
    /// A character reference, and the index just past its `;`.
    Decoded(char, usize),
    /// `&word;` with a name that is not one we know, and the index past its `;`.
    Unknown(usize),
    /// A plain `&`.
    None,
}

/// Reads the character reference at `chars[i] == '&'`: `&#60;` (1 to 7 digits), `&#x3C;` (1
/// to 6 hex digits) or `&lt;`. A number that is no character (0, a surrogate, beyond
/// U+10FFFF) reads as U+FFFD, as CommonMark says.
fn reference(chars: &[char], i: usize) -> Reference {
    let rest = chars.get(i + 1..).unwrap_or_default();
    let semicolon = rest.iter().take(33).position(|&c| c == ';');
    let Some(body) = semicolon.and_then(|s| rest.get(..s)) else {
        return Reference::None;
    };
    let next = i + 2 + body.len();
    let (digits, radix, max): (&[char], u32, usize) = match body {
        ['#', 'x' | 'X', hex @ ..] => (hex, 16, 6),
        ['#', dec @ ..] => (dec, 10, 7),
        [first, ..] if first.is_ascii_alphabetic() => {
            if !body.iter().all(char::is_ascii_alphanumeric) {
                return Reference::None;
            }
            let name: String = body.iter().collect();
            return match ENTITIES.binary_search_by(|&(n, _)| n.cmp(name.as_str())) {
                Ok(found) => ENTITIES
                    .get(found)
                    .map_or(Reference::None, |&(_, c)| Reference::Decoded(c, next)),
                Err(_) => Reference::Unknown(next),
            };
        }
        _ => return Reference::None,
    };
    if digits.is_empty() || digits.len() > max || !digits.iter().all(|c| c.is_digit(radix)) {
        return Reference::None;
    }
    // At most 7 decimal or 6 hex digits: no overflow.
    let mut code = 0u32;
    for c in digits {
        code = code * radix + c.to_digit(radix).unwrap_or(0);
    }
    let c = char::from_u32(code)
        .filter(|&c| c != '\0')
        .unwrap_or(char::REPLACEMENT_CHARACTER);
    Reference::Decoded(c, next)
}

/// Named character references, sorted by name: the ones of ASCII punctuation, spaces and the
/// typography documents use. A name not listed stays as written (in a name, it is reported).
const ENTITIES: &[(&str, char)] = &[
    ("AMP", '&'),
    ("Dagger", '‡'),
    ("GT", '>'),
    ("Hat", '^'),
    ("LT", '<'),
    ("NewLine", '\n'),
    ("QUOT", '"'),
    ("Tab", '\t'),
    ("UnderBar", '_'),
    ("VerticalLine", '|'),
    ("amp", '&'),
    ("apos", '\''),
    ("ast", '*'),
    ("bsol", '\\'),
    ("bull", '•'),
    ("cent", '¢'),
    ("check", '✓'),
    ("colon", ':'),
    ("comma", ','),
    ("commat", '@'),
    ("copy", '©'),
    ("cross", '✗'),
    ("dagger", '†'),
    ("darr", '↓'),
    ("deg", '°'),
    ("divide", '÷'),
    ("dollar", '$'),
    ("emsp", '\u{2003}'),
    ("ensp", '\u{2002}'),
    ("equals", '='),
    ("euro", '€'),
    ("excl", '!'),
    ("ge", '≥'),
    ("grave", '`'),
    ("gt", '>'),
    ("hArr", '⇔'),
    ("harr", '↔'),
    ("hellip", '…'),
    ("iexcl", '¡'),
    ("infin", '∞'),
    ("iquest", '¿'),
    ("lArr", '⇐'),
    ("laquo", '«'),
    ("larr", '←'),
    ("lbrace", '{'),
    ("lbrack", '['),
    ("lcub", '{'),
    ("ldquo", '“'),
    ("le", '≤'),
    ("lowbar", '_'),
    ("lpar", '('),
    ("lsqb", '['),
    ("lsquo", '‘'),
    ("lt", '<'),
    ("mdash", '—'),
    ("micro", 'µ'),
    ("midast", '*'),
    ("middot", '·'),
    ("minus", '−'),
    ("nbsp", '\u{a0}'),
    ("ndash", '–'),
    ("ne", '≠'),
    ("num", '#'),
    ("para", '¶'),
    ("percnt", '%'),
    ("period", '.'),
    ("plus", '+'),
    ("plusmn", '±'),
    ("pound", '£'),
    ("quest", '?'),
    ("quot", '"'),
    ("rArr", '⇒'),
    ("raquo", '»'),
    ("rarr", '→'),
    ("rbrace", '}'),
    ("rbrack", ']'),
    ("rcub", '}'),
    ("rdquo", '”'),
    ("reg", '®'),
    ("rpar", ')'),
    ("rsqb", ']'),
    ("rsquo", '’'),
    ("sect", '§'),
    ("semi", ';'),
    ("shy", '\u{ad}'),
    ("sol", '/'),
    ("thinsp", '\u{2009}'),
    ("times", '×'),
    ("trade", '™'),
    ("uarr", '↑'),
    ("verbar", '|'),
    ("vert", '|'),
    ("yen", '¥'),
    ("zwj", '\u{200d}'),
    ("zwnj", '\u{200c}'),
];

/// The length of the MDX comment `{/* .. */}` at the start of `s`, when it is one, closed.
fn mdx_comment_len(s: &[char]) -> Option<usize> {
    let body = s.strip_prefix(&['{', '/', '*'])?;
    let end = find_seq(body, &['*', '/', '}'])?;
    Some(3 + end + 3)
}

/// Where `seq` first starts in `s`.
fn find_seq(s: &[char], seq: &[char]) -> Option<usize> {
    s.windows(seq.len()).position(|w| w == seq)
}

/// Inline HTML, as CommonMark reads it.
#[cfg_attr(test, derive(Debug, PartialEq, Eq))]
enum Html {
    /// `<!-- .. -->`, its length.
    Comment(usize),
    /// An open tag (`<a href="x">`, `<br/>`) or a closing tag (`</a>`).
    Tag {
        name: String,
        closing: bool,
        len: usize,
    },
    /// `<https://example.com>`, its length.
    Autolink(usize),
}

/// Reads the inline HTML at the start of `s` (which starts with `<`).
fn html(s: &[char]) -> Option<Html> {
    if s.starts_with(&['<', '!', '-', '-']) {
        let body = s.get(4..)?;
        let end = find_seq(body, &['-', '-', '>'])?;
        return Some(Html::Comment(4 + end + 3));
    }
    let closing = s.get(1) == Some(&'/');
    let start = 1 + usize::from(closing);
    let name_len = tag_name(s.get(start..)?);
    if name_len > 0 {
        let name: String = s.get(start..start + name_len)?.iter().collect();
        let after = start + name_len;
        let len = if closing {
            Some(after + spaces(s.get(after..)?))
        } else {
            attributes(s.get(after..)?).map(|a| after + a)
        };
        let Some(len) = len else {
            return autolink(s).map(Html::Autolink);
        };
        let rest = s.get(len..)?;
        let len = match rest {
            ['>', ..] => len + 1,
            ['/', '>', ..] if !closing => len + 2,
            _ => return autolink(s).map(Html::Autolink),
        };
        return Some(Html::Tag { name, closing, len });
    }
    autolink(s).map(Html::Autolink)
}

/// The length of a tag name at the start of `s`: a letter, then letters, digits, `-`.
fn tag_name(s: &[char]) -> usize {
    match s.first() {
        Some(c) if c.is_ascii_alphabetic() => {
            count_while(s, |c| c.is_ascii_alphanumeric() || c == '-')
        }
        _ => 0,
    }
}

fn spaces(s: &[char]) -> usize {
    count_while(s, char::is_whitespace)
}

/// How many characters at the start of `s` are `wanted`.
fn count_while(s: &[char], wanted: fn(char) -> bool) -> usize {
    s.iter().take_while(|&&c| wanted(c)).count()
}

/// The length of an open tag's attributes (`href="x" class=y`), trailing spaces included;
/// `None` when they are malformed. MDX's `prop={x}` values are read too.
fn attributes(s: &[char]) -> Option<usize> {
    let mut i = 0;
    loop {
        let gap = spaces(s.get(i..)?);
        let name = s.get(i + gap..)?;
        let name_len = match name.first() {
            Some(c) if c.is_ascii_alphabetic() || matches!(c, '_' | ':') => {
                count_while(name, |c| {
                    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':' | '-')
                })
            }
            _ => return Some(i + gap),
        };
        if gap == 0 {
            return None;
        }
        i += gap + name_len;
        let before_eq = spaces(s.get(i..)?);
        if s.get(i + before_eq) != Some(&'=') {
            continue;
        }
        i += before_eq + 1;
        i += spaces(s.get(i..)?);
        let value = s.get(i..)?;
        i += match value.first()? {
            &q @ ('"' | '\'') => value.iter().skip(1).position(|&c| c == q)? + 2,
            '{' => value.iter().position(|&c| c == '}')? + 1,
            _ => {
                let len = count_while(value, |c| {
                    !c.is_whitespace() && !matches!(c, '"' | '\'' | '=' | '<' | '>' | '`')
                });
                if len == 0 {
                    return None;
                }
                len
            }
        };
    }
}

/// The length of an autolink `<scheme:target>` at the start of `s`.
fn autolink(s: &[char]) -> Option<usize> {
    let scheme = count_while(s.get(1..).unwrap_or_default(), |c| {
        c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-')
    });
    if !(2..=32).contains(&scheme) || !s.get(1).is_some_and(char::is_ascii_alphabetic) {
        return None;
    }
    if s.get(1 + scheme) != Some(&':') {
        return None;
    }
    let target = s.get(2 + scheme..)?;
    let end = target
        .iter()
        .position(|&c| c == '>' || c == '<' || c.is_whitespace() || c.is_control())?;
    (target.get(end) == Some(&'>')).then_some(2 + scheme + end + 1)
}

/// The index just past the closing tag `</name>` found at or after `from`.
fn find_closing(chars: &[char], from: usize, end: usize, name: &str) -> Option<usize> {
    for j in from..end {
        if chars.get(j) != Some(&'<') {
            continue;
        }
        if let Some(Html::Tag {
            name: found,
            closing: true,
            len,
        }) = chars.get(j..end).and_then(html)
            && found.eq_ignore_ascii_case(name)
        {
            return Some(j + len);
        }
    }
    None
}

#[cfg(test)]
mod tests;
