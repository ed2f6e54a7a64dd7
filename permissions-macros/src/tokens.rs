//! Reading tokens without a syntax tree: a cursor over one level of a token stream, and the
//! values of integer and string literals.
//!
//! Both macros read small, fixed grammars (their attributes, an enum's rows, a function's
//! signature), so they read tokens directly instead of building syn's syntax tree. syn is
//! the largest crate in a derive's build and every user's cold build waits for it before
//! our macros can even start compiling; without it, the macros build beside the runtime.

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

/// A cursor over the tokens of one level of a stream: a group is one token.
pub struct Cursor {
    tokens: Vec<TokenTree>,
    pos: usize,
    /// Whether a group without delimiters (a `macro_rules!` fragment) at the cursor is read
    /// as its tokens: see [`Cursor::splicing`].
    splice: bool,
    /// Where "expected .. here" points once every token is read: the closing delimiter of
    /// the group read, or the macro's call site.
    end: Span,
}

impl Cursor {
    pub fn new(stream: TokenStream, end: Span) -> Self {
        Cursor {
            tokens: stream.into_iter().collect(),
            pos: 0,
            splice: false,
            end,
        }
    }

    /// This cursor, reading each group without delimiters it reaches as the tokens inside
    /// it: `macro_rules!` hands a `$t:ty`, `$e:expr`, `$p:path` or `$l:literal` to a macro
    /// wrapped in one, and `bits = $t` must read as `bits = u16`. Only the group at the
    /// cursor is opened, when the cursor reaches it, so that [`Cursor::whole`] can keep one.
    pub fn splicing(mut self) -> Self {
        self.splice = true;
        self.seek(self.pos);
        self
    }

    /// What `read` reads, with each group without delimiters kept as one token: in a mask
    /// such as `value = $v << 1`, the fragment `$v` is one operand, as in parentheses.
    pub fn whole<T>(&mut self, read: impl FnOnce(&mut Cursor) -> T) -> T {
        let splice = std::mem::replace(&mut self.splice, false);
        let out = read(self);
        self.splice = splice;
        self.seek(self.pos);
        out
    }

    /// Moves the cursor to `pos`, opening the groups without delimiters there if splicing.
    fn seek(&mut self, pos: usize) {
        self.pos = pos;
        while self.splice
            && let Some(TokenTree::Group(g)) = self.tokens.get(self.pos)
            && g.delimiter() == Delimiter::None
        {
            let inner: Vec<TokenTree> = g.stream().into_iter().collect();
            self.tokens.splice(self.pos..=self.pos, inner);
        }
    }

    /// The tokens inside `group`.
    pub fn of_group(group: &Group) -> Self {
        Cursor::new(group.stream(), group.span_close())
    }

    pub fn is_empty(&self) -> bool {
        self.pos >= self.tokens.len()
    }

    pub fn peek(&self) -> Option<&TokenTree> {
        self.tokens.get(self.pos)
    }

    /// The token `n` places ahead of the next one (`peek_nth(0)` is `peek()`).
    pub fn peek_nth(&self, n: usize) -> Option<&TokenTree> {
        self.tokens.get(self.pos + n)
    }

    /// The next token's span, or the end's when there is none.
    pub fn span(&self) -> Span {
        self.peek().map_or(self.end, TokenTree::span)
    }

    /// Whether the next token is the punctuation `ch`.
    pub fn is_punct(&self, ch: char) -> bool {
        matches!(self.peek(), Some(TokenTree::Punct(p)) if p.as_char() == ch)
    }

    /// What `pick` makes of the next token, which is read when that is something.
    fn take<T>(&mut self, pick: impl FnOnce(&TokenTree) -> Option<T>) -> Option<T> {
        let out = pick(self.peek()?)?;
        self.seek(self.pos + 1);
        Some(out)
    }

    /// The next token if it is the punctuation `ch`.
    pub fn eat_punct(&mut self, ch: char) -> Option<Punct> {
        self.take(|t| match t {
            TokenTree::Punct(p) if p.as_char() == ch => Some(p.clone()),
            _ => None,
        })
    }

    /// Whether the next token is the identifier or keyword `word`.
    pub fn is_word(&self, word: &str) -> bool {
        matches!(self.peek(), Some(TokenTree::Ident(i)) if i == word)
    }

    /// The next token if it is the identifier or keyword `word`.
    pub fn eat_word(&mut self, word: &str) -> Option<Ident> {
        if self.is_word(word) {
            self.eat_ident()
        } else {
            None
        }
    }

    /// The next token if it is an identifier (keywords included).
    pub fn eat_ident(&mut self) -> Option<Ident> {
        self.take(|t| match t {
            TokenTree::Ident(i) => Some(i.clone()),
            _ => None,
        })
    }

    /// The next token if it is a group delimited by `delimiter`.
    pub fn eat_group(&mut self, delimiter: Delimiter) -> Option<Group> {
        self.take(|t| match t {
            TokenTree::Group(g) if g.delimiter() == delimiter => Some(g.clone()),
            _ => None,
        })
    }

    /// The tokens up to the next `,` of this level, or to the end; the `,` stays.
    pub fn until_comma(&mut self) -> Vec<TokenTree> {
        let start = self.pos;
        while !self.is_empty() && !self.is_punct(',') {
            self.seek(self.pos + 1);
        }
        self.tokens[start..self.pos].to_vec()
    }

    /// Whether `::` stands `n` places ahead.
    pub fn is_path_sep(&self, n: usize) -> bool {
        matches!(
            (self.peek_nth(n), self.peek_nth(n + 1)),
            (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
                if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':'
        )
    }

    /// A path such as `ToxPermissions`, `::permissions`, `crate::perms` or `Self::BAN`: its
    /// tokens, or `None`, with nothing read, when the next tokens start none. A `::` that no
    /// segment follows is left unread, for the caller to report.
    pub fn eat_path(&mut self) -> Option<TokenStream> {
        let start = self.pos;
        let lead = if self.is_path_sep(0) { 2 } else { 0 };
        if !is_segment(self.peek_nth(lead)) {
            return None;
        }
        let mut end = start + lead + 1;
        while self.is_path_sep(end - start) && is_segment(self.tokens.get(end + 2)) {
            end += 3;
        }
        self.seek(end);
        Some(self.tokens[start..end].iter().cloned().collect())
    }

    /// Every token not read yet.
    pub fn rest(&mut self) -> Vec<TokenTree> {
        let start = self.pos.min(self.tokens.len());
        self.pos = self.tokens.len();
        self.tokens[start..].to_vec()
    }
}

impl Iterator for Cursor {
    type Item = TokenTree;

    fn next(&mut self) -> Option<TokenTree> {
        let token = self.tokens.get(self.pos).cloned();
        if token.is_some() {
            self.seek(self.pos + 1);
        }
        token
    }
}

/// The value of an integer literal: `0x0112`, `0b1_0000`, `0o17`, `31`, `1u32`. `None` for
/// any other literal, or a value beyond `u128`.
pub fn int(lit: &Literal) -> Option<u128> {
    let text = lit.to_string();
    let (radix, digits) = match text.get(..2) {
        Some("0x") => (16, &text[2..]),
        Some("0o") => (8, &text[2..]),
        Some("0b") => (2, &text[2..]),
        _ => (10, text.as_str()),
    };
    let end = digits
        .find(|c: char| !(c.is_digit(radix) || c == '_'))
        .unwrap_or(digits.len());
    let (digits, suffix) = digits.split_at(end);
    const SUFFIXES: [&str; 13] = [
        "", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
    ];
    if !SUFFIXES.contains(&suffix) {
        return None;
    }
    let digits: String = digits.chars().filter(|&c| c != '_').collect();
    if digits.is_empty() {
        return None;
    }
    u128::from_str_radix(&digits, radix).ok()
}

/// The value of a string literal, `"docs/tox.md"` or raw `r#"a "b""#`, with its escapes
/// resolved. `None` for any other literal (byte and C strings included).
pub fn string(lit: &Literal) -> Option<String> {
    let text = lit.to_string();
    if let Some(raw) = text.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let body = raw[hashes..].strip_prefix('"')?;
        let body = body.strip_suffix(&"#".repeat(hashes))?.strip_suffix('"')?;
        return Some(body.to_owned());
    }
    let body = text.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let escaped = match chars.next()? {
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            '0' => '\0',
            c @ ('\\' | '\'' | '"') => c,
            'x' => {
                let hex: String = chars.by_ref().take(2).collect();
                char::from(u8::from_str_radix(&hex, 16).ok().filter(u8::is_ascii)?)
            }
            'u' => {
                let rest = chars.as_str().strip_prefix('{')?;
                let close = rest.find('}')?;
                let code = u32::from_str_radix(&rest[..close].replace('_', ""), 16).ok()?;
                chars = rest[close + 1..].chars();
                char::from_u32(code)?
            }
            // A line continuation: the newline and the next line's leading whitespace go, as
            // rustc counts whitespace there (other Unicode spaces stay).
            '\n' => {
                chars = chars
                    .as_str()
                    .trim_start_matches([' ', '\t', '\n', '\r'])
                    .chars();
                continue;
            }
            _ => return None,
        };
        out.push(escaped);
    }
    Some(out)
}

/// The tokens of `stream` with each group without delimiters (`macro_rules!` wraps a `$t:ty`
/// or `$m:meta` in one) replaced by its tokens, at this level: `struct S($bits)` reads as
/// `struct S(u32)`. Values keep theirs: there it stands for parentheses.
pub fn flat(stream: TokenStream) -> TokenStream {
    stream
        .into_iter()
        .flat_map(|token| match token {
            TokenTree::Group(g) if g.delimiter() == Delimiter::None => {
                flat(g.stream()).into_iter().collect()
            }
            token => vec![token],
        })
        .collect()
}

/// Rust's keywords, strict and reserved, as syn's `Ident` refuses them, and `gen`, reserved
/// since edition 2024: none names a constant.
const KEYWORDS: [&str; 53] = [
    "_", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "Self", "self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// The keywords that start or continue a path: `crate::perms`, `self::x`, `super::x`,
/// `Self::BAN`.
const PATH_KEYWORDS: [&str; 4] = ["crate", "self", "super", "Self"];

/// Whether `word` is a keyword (or `_`), which no plain identifier may be.
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// Whether `text` has an identifier's characters: Unicode XID, as rustc reads them.
fn has_ident_chars(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c == '_' || unicode_ident::is_xid_start(c))
        && chars.all(unicode_ident::is_xid_continue)
}

/// Whether `text` is a plain identifier: not raw (`r#fn`), not a keyword, not `_`.
pub fn is_ident(text: &str) -> bool {
    has_ident_chars(text) && !is_keyword(text)
}

/// Whether `token` can be a segment of a path: an identifier, raw or not, or `crate`,
/// `self`, `super`, `Self`.
fn is_segment(token: Option<&TokenTree>) -> bool {
    matches!(token, Some(TokenTree::Ident(ident)) if {
        let word = ident.to_string();
        !is_keyword(&word) || PATH_KEYWORDS.contains(&word.as_str())
    })
}

/// Splits at `sep` outside `<..>` (token groups already nest themselves): a type list such
/// as `HashMap<K, V>, u8`, bounds `A + B<C>`. A trailing `sep` leaves an empty last part.
pub fn split_top_level(tokens: &[TokenTree], sep: char) -> Vec<&[TokenTree]> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, t) in tokens.iter().enumerate() {
        match t {
            TokenTree::Punct(p) if p.as_char() == '<' => depth += 1,
            TokenTree::Punct(p) if p.as_char() == '>' && !is_arrow_head(tokens, i) => depth -= 1,
            TokenTree::Punct(p) if p.as_char() == sep && depth == 0 => {
                out.push(&tokens[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&tokens[start..]);
    out
}

/// The `>` of `->`, which closes no angle bracket.
pub fn is_arrow_head(tokens: &[TokenTree], i: usize) -> bool {
    i > 0 && matches!(&tokens[i - 1], TokenTree::Punct(p) if p.as_char() == '-')
}

/// The path a string holds, such as `crate = "::my_app::permissions"`, as tokens at `span`;
/// `None` when the text is no path. Read without lexing the text as Rust.
pub fn path(text: &str, span: Span) -> Option<TokenStream> {
    let text = text.trim();
    let (lead, rest) = match text.strip_prefix("::") {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut out = TokenStream::new();
    for (i, segment) in rest.split("::").enumerate() {
        if lead || i > 0 {
            let mut first = Punct::new(':', Spacing::Joint);
            let mut second = Punct::new(':', Spacing::Alone);
            first.set_span(span);
            second.set_span(span);
            out.extend([TokenTree::Punct(first), TokenTree::Punct(second)]);
        }
        let segment = segment.trim();
        let ident = match segment.strip_prefix("r#") {
            Some(raw) if has_ident_chars(raw) && !PATH_KEYWORDS.contains(&raw) && raw != "_" => {
                Ident::new_raw(raw, span)
            }
            None if is_ident(segment) || PATH_KEYWORDS.contains(&segment) => {
                Ident::new(segment, span)
            }
            _ => return None,
        };
        out.extend([TokenTree::Ident(ident)]);
    }
    Some(out)
}

/// An identifier's name without the `r#` of a raw identifier: `r#type` and `type` name one
/// thing, `r#VIEW_SETTINGS` is the constant `VIEW_SETTINGS`.
pub fn unraw(ident: &Ident) -> String {
    let name = ident.to_string();
    match name.strip_prefix("r#") {
        Some(raw) => raw.to_owned(),
        None => name,
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn literal(text: &str) -> Literal {
        match TokenStream::from_str(text)
            .expect("a token")
            .into_iter()
            .next()
        {
            Some(TokenTree::Literal(l)) => l,
            other => panic!("not a literal: {other:?}"),
        }
    }

    #[test]
    fn integers_in_every_radix_with_suffixes_and_separators() {
        assert_eq!(int(&literal("0x0112")), Some(0x0112));
        assert_eq!(int(&literal("0b1_0000")), Some(16));
        assert_eq!(int(&literal("0o17")), Some(15));
        assert_eq!(int(&literal("31")), Some(31));
        assert_eq!(int(&literal("1_000u32")), Some(1000));
        assert_eq!(int(&literal("0x80000000u64")), Some(0x8000_0000));
        assert_eq!(int(&literal("7isize")), Some(7));
        assert_eq!(
            int(&literal("340282366920938463463374607431768211455")),
            Some(u128::MAX)
        );
    }

    #[test]
    fn anything_but_an_integer_is_none() {
        for text in [
            "340282366920938463463374607431768211456",
            "1.5",
            "1e3",
            "1f32",
            "\"31\"",
            "'a'",
            "0x1g",
            "1u7",
        ] {
            assert_eq!(int(&literal(text)), None, "{text}");
        }
    }

    #[test]
    fn strings_resolve_their_escapes() {
        assert_eq!(
            string(&literal(r#""docs/tox.md""#)).as_deref(),
            Some("docs/tox.md")
        );
        assert_eq!(
            string(&literal(r#""a\"b\\c\n\t\x41\u{1F600}\0\'""#)).as_deref(),
            Some("a\"b\\c\n\tA\u{1F600}\0'")
        );
        assert_eq!(
            string(&literal("\"| A |\\\n      | B |\"")).as_deref(),
            Some("| A || B |")
        );
        assert_eq!(
            string(&literal("\"a\\\n\u{3000}b\"")).as_deref(),
            Some("a\u{3000}b")
        );
        assert_eq!(
            string(&literal(r##"r#"a "b" \n"#"##)).as_deref(),
            Some(r#"a "b" \n"#)
        );
        assert_eq!(string(&literal(r#"r"x""#)).as_deref(), Some("x"));
    }

    #[test]
    fn other_literals_are_not_strings() {
        for text in [r#"b"x""#, r#"c"x""#, "'x'", "31", r#"br"x""#] {
            assert_eq!(string(&literal(text)), None, "{text}");
        }
    }

    #[test]
    fn the_cursor_reads_one_level() {
        let mut c = Cursor::new(
            TokenStream::from_str("set = Tox, implies(A, B) | 0x1 ,").expect("tokens"),
            Span::call_site(),
        );
        assert_eq!(
            c.eat_word("set").map(|i| i.to_string()).as_deref(),
            Some("set")
        );
        assert!(c.eat_word("set").is_none());
        assert!(c.is_punct('=') && c.eat_punct('=').is_some());
        let value: TokenStream = c.until_comma().into_iter().collect();
        assert_eq!(value.to_string(), "Tox");
        assert!(c.eat_punct(',').is_some());
        assert!(c.eat_ident().is_some());
        let group = c.eat_group(Delimiter::Parenthesis).expect("a group");
        let mut inner = Cursor::of_group(&group);
        assert_eq!(inner.until_comma().len(), 1);
        assert!(inner.peek_nth(1).is_some() && inner.peek_nth(2).is_none());
        assert!(c.eat_group(Delimiter::Bracket).is_none());
        assert!(c.eat_punct('|').is_some());
        match c.next() {
            Some(TokenTree::Literal(l)) => assert_eq!(int(&l), Some(1)),
            other => panic!("not the literal: {other:?}"),
        }
        assert!(!c.is_empty());
        assert_eq!(c.rest().len(), 1);
        assert!(c.is_empty() && c.next().is_none() && c.rest().is_empty());
    }

    fn cursor(text: &str) -> Cursor {
        Cursor::new(
            TokenStream::from_str(text).expect("tokens"),
            Span::call_site(),
        )
    }

    fn text(tokens: Option<TokenStream>) -> Option<String> {
        tokens.map(|t| t.to_string())
    }

    #[test]
    fn paths_are_read_up_to_the_last_segment() {
        let mut c = cursor("::permissions::Set = x");
        assert_eq!(text(c.eat_path()).as_deref(), Some(":: permissions :: Set"));
        assert!(c.is_punct('='));
        let mut c = cursor("crate::perms::r#fn, y");
        assert_eq!(
            text(c.eat_path()).as_deref(),
            Some("crate :: perms :: r#fn")
        );
        assert!(c.is_punct(','));
        let mut c = cursor("Self::BAN");
        assert_eq!(text(c.eat_path()).as_deref(), Some("Self :: BAN"));
        assert!(c.is_empty());
        // A `::` that no segment follows stays, for the caller to report.
        let mut c = cursor("a::b:: ,");
        assert_eq!(text(c.eat_path()).as_deref(), Some("a :: b"));
        assert!(c.is_path_sep(0));
        let mut c = cursor("a::fn");
        assert_eq!(text(c.eat_path()).as_deref(), Some("a"));
        assert!(c.is_path_sep(0) && !c.is_path_sep(1));
    }

    #[test]
    fn no_path_reads_nothing() {
        for written in ["fn x", ":: fn", "0x1", "(a)", ": : a", ""] {
            let mut c = cursor(written);
            assert!(c.eat_path().is_none(), "{written}");
            assert_eq!(c.rest().len(), cursor(written).rest().len(), "{written}");
        }
        // `: :` with a space is two colons, not a path separator.
        let mut c = cursor("a: :b");
        assert_eq!(text(c.eat_path()).as_deref(), Some("a"));
        assert!(!c.is_path_sep(0));
    }

    #[test]
    fn identifiers_are_plain_unicode_words_that_are_no_keywords() {
        for word in ["ADMINISTRATOR", "_x", "x2", "ÉTAT", "データ", "r"] {
            assert!(is_ident(word), "{word}");
        }
        for word in [
            "", "_", "fn", "Self", "yield", "gen", "r#fn", "2x", "A B", "A-B", "a::b", "🦀",
        ] {
            assert!(!is_ident(word), "{word}");
        }
        assert!(is_keyword("crate") && !is_keyword("union") && !is_keyword("CRATE"));
    }

    #[test]
    fn groups_without_delimiters_are_read_as_their_tokens() {
        let span = Span::call_site();
        let inner = Group::new(
            Delimiter::None,
            TokenStream::from_str("u32").expect("tokens"),
        );
        let outer = Group::new(Delimiter::None, TokenTree::Group(inner).into());
        let parens = Group::new(
            Delimiter::Parenthesis,
            TokenTree::Group(outer.clone()).into(),
        );
        let stream = TokenStream::from_iter([
            TokenTree::Ident(Ident::new("pub", span)),
            TokenTree::Group(outer),
            TokenTree::Group(parens),
        ]);
        let flat: Vec<TokenTree> = flat(stream).into_iter().collect();
        assert_eq!(flat.len(), 3);
        assert_eq!(flat[1].to_string(), "u32");
        // Only this level: the parenthesized one keeps its group.
        assert!(
            matches!(&flat[2], TokenTree::Group(g) if g.stream().into_iter().count() == 1
            && matches!(g.stream().into_iter().next(), Some(TokenTree::Group(_))))
        );
    }

    #[test]
    fn a_splicing_cursor_reads_fragments_as_their_tokens() {
        let span = Span::call_site();
        let fragment = |text: &str| {
            TokenTree::Group(Group::new(
                Delimiter::None,
                TokenStream::from_str(text).expect("tokens"),
            ))
        };
        // `default = $a | $b, value = $v << 1`, with $a = `A`, $b = `B | C`, $v = `1 << 8`.
        let stream = TokenStream::from_iter(
            TokenStream::from_str("default =")
                .expect("tokens")
                .into_iter()
                .chain([
                    fragment("A"),
                    TokenTree::Punct(Punct::new('|', Spacing::Alone)),
                ])
                .chain([fragment("B | C")])
                .chain(TokenStream::from_str(", value =").expect("tokens"))
                .chain([fragment("1 << 8")])
                .chain(TokenStream::from_str("<< 1").expect("tokens")),
        );
        let mut c = Cursor::new(stream.clone(), span).splicing();
        assert!(c.eat_word("default").is_some() && c.eat_punct('=').is_some());
        assert_eq!(c.eat_ident().map(|i| i.to_string()).as_deref(), Some("A"));
        assert!(c.eat_punct('|').is_some());
        let b: TokenStream = c.until_comma().into_iter().collect();
        assert_eq!(b.to_string(), "B | C");
        assert!(c.eat_punct(',').is_some() && c.eat_word("value").is_some());
        // Kept whole, the fragment is one token: one operand.
        let mask = c.whole(|c| {
            c.eat_punct('=');
            c.until_comma()
        });
        assert_eq!(mask.len(), 4);
        assert!(matches!(&mask[0], TokenTree::Group(g) if g.delimiter() == Delimiter::None));
        assert!(c.is_empty());
        // Without splicing, a fragment is one token, as it always was.
        let mut c = Cursor::new(stream, span);
        c.eat_word("default");
        c.eat_punct('=');
        assert!(c.eat_ident().is_none() && c.next().is_some());
        // A fragment that is first, nested, or empty is opened too.
        let nested = TokenTree::Group(Group::new(Delimiter::None, fragment("u16").into()));
        let empty = fragment("");
        let mut c = Cursor::new(TokenStream::from_iter([nested, empty]), span).splicing();
        assert_eq!(c.eat_ident().map(|i| i.to_string()).as_deref(), Some("u16"));
        assert!(c.is_empty());
        let mut c = Cursor::new(
            TokenStream::from_iter([fragment("a::b"), fragment("")]),
            span,
        )
        .splicing();
        assert_eq!(text(c.eat_path()).as_deref(), Some("a :: b"));
        assert!(c.is_empty());
    }

    #[test]
    fn a_string_holds_a_path() {
        let span = Span::call_site();
        let path = |written: &str| path(written, span).map(|p| p.to_string());
        assert_eq!(path("permissions").as_deref(), Some("permissions"));
        assert_eq!(
            path(" ::my_app :: permissions ").as_deref(),
            Some(":: my_app :: permissions")
        );
        assert_eq!(path("crate::perms").as_deref(), Some("crate :: perms"));
        assert_eq!(path("r#type::x").as_deref(), Some("r#type :: x"));
        for written in [
            "", "::", "a::", "a::::b", "a b", "fn", "a::fn", "r#self", "r#_", "r#", "\"a\"",
            "a::<T>", "1a",
        ] {
            assert_eq!(path(written), None, "{written}");
        }
        // The separators are joined, so the path reads back as one.
        let tokens = super::path(" ::my_app :: permissions ", span).map(|t| {
            let mut c = Cursor::new(t, span);
            (text(c.eat_path()), c.is_empty())
        });
        assert_eq!(
            tokens,
            Some((Some(":: my_app :: permissions".to_owned()), true))
        );
    }

    #[test]
    fn raw_identifiers_name_what_they_spell() {
        let raw = Ident::new_raw("type", Span::call_site());
        assert_eq!(raw.to_string(), "r#type");
        assert_eq!(unraw(&raw), "type");
        assert_eq!(unraw(&Ident::new("r_VIEW", Span::call_site())), "r_VIEW");
    }
}
