//! Reading the attributes' tokens: the loop over `key = value, key(..), flag` and one reader
//! per kind of value (a string, a name, a flag, a list, row names joined by `|`, a mask),
//! each with an error that names the key and its fix. Which keys exist, and what they set, is
//! `attr`'s.

use proc_macro2::{Delimiter, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::{ToTokens, TokenStreamExt};

use super::ast::Attribute;
use super::attr::Term;
use crate::ctxt::{Ctxt, Error, did_you_mean};
use crate::tokens::{self, Cursor};

/// What an argument with nothing before its `,` gets.
const EXTRA_COMMA: &str = "nothing stands before this `,`: remove it";

/// A string literal and its value: `markdown = "docs/guild.md"`.
#[derive(Clone)]
pub struct Str {
    value: String,
    lit: Literal,
}

impl Str {
    /// The literal's value, if it is a string.
    pub fn read(lit: &Literal) -> Option<Str> {
        Some(Str {
            value: tokens::string(lit)?,
            lit: lit.clone(),
        })
    }

    pub fn value(&self) -> &str {
        &self.value
    }

    pub fn span(&self) -> Span {
        self.lit.span()
    }
}

impl ToTokens for Str {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.append(self.lit.clone());
    }
}

/// A key of the attribute, as written.
pub struct Key {
    pub name: &'static str,
    pub ident: Ident,
}

impl Key {
    pub fn span(&self) -> Span {
        self.ident.span()
    }

    /// An error over the key and what follows it.
    fn error(
        &self,
        rest: impl IntoIterator<Item = TokenTree>,
        msg: impl std::fmt::Display,
    ) -> Error {
        from_name(&self.ident, rest, msg)
    }

    /// An error over the rest of the key's value, or the key when nothing follows it.
    fn on_value(&self, c: &mut Cursor, msg: impl std::fmt::Display) -> Error {
        over_rest(c, self.span(), msg)
    }
}

/// An error over `name` and the tokens after it.
fn from_name(
    name: &Ident,
    rest: impl IntoIterator<Item = TokenTree>,
    msg: impl std::fmt::Display,
) -> Error {
    let tokens: TokenStream = std::iter::once(TokenTree::Ident(name.clone()))
        .chain(rest)
        .collect();
    Error::new_spanned(tokens, msg)
}

/// The keys inside `#[attr(..)]`; an error when the attribute has no list. Like every list
/// of keys, it reads a `macro_rules!` fragment as its tokens ([`Cursor::splicing`]).
pub fn arguments(cx: &mut Ctxt, attr: &Attribute, name: &str, example: &str) -> Option<Cursor> {
    match &attr.list {
        Some(list) if attr.value.is_empty() && list.delimiter() == Delimiter::Parenthesis => {
            Some(Cursor::of_group(list).splicing())
        }
        _ => {
            cx.spanned(
                &attr.tokens,
                format!("`#[{name}]` takes keys in parentheses: `#[{name}({example})]`"),
            );
            None
        }
    }
}

/// Reads `key = value, key(..), flag, ..`: `value` reads each known key's value, which must
/// end at a `,`. A bad key or value is recorded, and reading goes on after the next `,`, so
/// that every key gets its own error.
pub fn each_key(
    cx: &mut Ctxt,
    c: &mut Cursor,
    keys: &[&'static str],
    attr: &str,
    seen: &mut Vec<&'static str>,
    mut value: impl FnMut(&mut Ctxt, &Key, &mut Cursor) -> Result<(), Error>,
) {
    while !c.is_empty() {
        if let Some(key) = known_key(cx, c, keys, attr, seen) {
            match value(cx, &key, c) {
                Err(err) => cx.push(err),
                Ok(()) if !c.is_empty() && !c.is_punct(',') => cx.push(leftover(c, &key, keys)),
                Ok(()) => {}
            }
        }
        c.until_comma();
        c.eat_punct(',');
    }
}

/// What follows a key's value before the next `,`: the next key, if the `,` before it is
/// missing, or else more than the key takes.
fn leftover(c: &mut Cursor, key: &Key, keys: &[&str]) -> Error {
    let next_key = match (c.peek(), c.peek_nth(1)) {
        (Some(TokenTree::Ident(ident)), after) => {
            keys.contains(&ident.to_string().as_str())
                && match after {
                    None => true,
                    Some(TokenTree::Punct(p)) => matches!(p.as_char(), '=' | ','),
                    Some(TokenTree::Group(g)) => g.delimiter() == Delimiter::Parenthesis,
                    _ => false,
                }
        }
        _ => false,
    };
    let rest = TokenStream::from_iter(c.until_comma());
    let message = if next_key {
        format!(
            "unexpected `{rest}` after the value of `{}`: separate keys with `,`",
            key.name
        )
    } else {
        format!("`{}` takes one value: remove `{rest}`", key.name)
    };
    Error::new_spanned(rest, message)
}

/// Reads the key at the cursor. An unknown or repeated key is recorded, and `None` returned:
/// the caller skips its value.
pub fn known_key(
    cx: &mut Ctxt,
    c: &mut Cursor,
    keys: &[&'static str],
    attr: &str,
    seen: &mut Vec<&'static str>,
) -> Option<Key> {
    let Some(TokenTree::Ident(ident)) = c.peek().cloned() else {
        unkeyed(cx, c, keys, attr);
        return None;
    };
    // A path such as `a::b` is no key, but is reported as written.
    let path = c.eat_path().unwrap_or_else(|| {
        c.next();
        TokenTree::Ident(ident.clone()).into()
    });
    let name = path.to_string().replace(' ', "");
    let Some(&key) = keys.iter().find(|k| **k == name) else {
        let hint = match did_you_mean(&name, keys.iter().copied()) {
            hint if hint.is_empty() => format!("; expected one of: {}", keys.join(", ")),
            hint => hint,
        };
        cx.spanned(
            &path,
            format!("unknown key `{name}` in `#[{attr}(..)]`{hint}"),
        );
        return None;
    };
    if seen.contains(&key) {
        cx.spanned(&path, format!("duplicate key `{key}` in `#[{attr}(..)]`"));
        return None;
    }
    seen.push(key);
    Some(Key { name: key, ident })
}

/// An argument that starts with no key, reported with the key it needs:
/// `#[permission(0x0100)]` is `value = 0x0100`, `#[permission("ADMIN")]` is `name = "ADMIN"`.
pub fn unkeyed(cx: &mut Ctxt, c: &mut Cursor, keys: &[&str], attr: &str) {
    let span = c.span();
    let argument = c.until_comma();
    let written = TokenStream::from_iter(argument.iter().cloned());
    let message = match argument.first() {
        Some(TokenTree::Literal(lit)) if attr == "permission" => {
            if argument.len() == 1 && Str::read(lit).is_some() {
                format!("a row's name needs its key: `name = {written}`")
            } else {
                format!("a row's value needs its key: `value = {written}`, or `bit = N` for bit N")
            }
        }
        Some(_) => format!(
            "expected a key of `#[{attr}(..)]`, one of: {}",
            keys.join(", ")
        ),
        None => EXTRA_COMMA.to_owned(),
    };
    cx.at(span, message);
}

/// `=` and the start of a key's value: an error over the key when either is missing.
pub fn value(c: &mut Cursor, key: &Key, example: &str) -> Result<(), Error> {
    let eq = equals(&key.ident, c, "its value", "{}")?;
    if eq.is_some() && !c.is_empty() && !c.is_punct(',') {
        return Ok(());
    }
    let rest = eq.map(TokenTree::Punct).into_iter().chain(c.until_comma());
    Err(key.error(
        rest,
        format!("`{0}` takes a value after `=`: `{0} = {example}`", key.name),
    ))
}

/// `=` and a mask's tokens, up to the next `,`: a `macro_rules!` fragment in them stays one
/// token, one operand of the mask.
pub fn operands(c: &mut Cursor, key: &Key, example: &str) -> Result<Vec<TokenTree>, Error> {
    c.whole(|c| {
        value(c, key, example)?;
        Ok(c.until_comma())
    })
}

/// The `=` after `name`, read; `None` when it is missing and nothing follows, for the
/// caller's example. A value with no `=` before it, or with `:`, `:=`, `=>`, `==` or `->`
/// instead, is an error whose fix is what was written with the `=`, in `around`'s `{}`
/// (`"implies({})"`); `what` says what the value is.
pub fn equals(
    name: &Ident,
    c: &mut Cursor,
    what: &str,
    around: &str,
) -> Result<Option<Punct>, Error> {
    let wrong = wrong_equals(c);
    if wrong == 0
        && let Some(eq) = c.eat_punct('=')
    {
        return Ok(Some(eq));
    }
    if c.is_empty() || c.is_punct(',') {
        return Ok(None);
    }
    let op: TokenStream = (0..wrong).filter_map(|_| c.next()).collect();
    let value = TokenStream::from_iter(c.until_comma());
    let shown = if value.is_empty() {
        "..".to_owned()
    } else {
        value.to_string()
    };
    let fixed = around.replace("{}", &format!("{name} = {shown}"));
    Err(if op.is_empty() {
        from_name(
            name,
            value,
            format!("`{name}` needs `=` before {what}: `{fixed}`"),
        )
    } else {
        let written: String = op.clone().into_iter().map(|t| t.to_string()).collect();
        Error::new_spanned(
            op,
            format!("`{name}` takes `=`, not `{written}`: `{fixed}`"),
        )
    })
}

/// How many tokens at the cursor make `:`, `:=`, `=>`, `==` or `->`, written where `=`
/// belongs; 0 for anything else (`::` included).
fn wrong_equals(c: &Cursor) -> usize {
    let punct = |n| match c.peek_nth(n) {
        Some(TokenTree::Punct(p)) => Some((p.as_char(), p.spacing())),
        _ => None,
    };
    match (punct(0), punct(1)) {
        (Some((':', Spacing::Joint)), Some((':', _))) => 0,
        (Some((':', _)), Some(('=', _)))
        | (Some(('=', Spacing::Joint)), Some(('=' | '>', _)))
        | (Some(('-', Spacing::Joint)), Some(('>', _))) => 2,
        (Some((':', _)), _) => 1,
        _ => 0,
    }
}

/// The value of a key that takes a string, such as `markdown = "docs/permissions.md"`.
pub fn string(c: &mut Cursor, key: &Key, example: &str) -> Result<Str, Error> {
    value(c, key, &format!("\"{example}\""))?;
    if let Some(lit) = c.peek().and_then(literal_in).and_then(|l| Str::read(&l)) {
        c.next();
        return Ok(lit);
    }
    Err(key.on_value(
        c,
        format!(
            "`{0}` takes a string, in quotes: `{0} = \"{example}\"`",
            key.name
        ),
    ))
}

/// The value of a key that takes a name, such as `set = ToxPermissions`.
pub fn name(c: &mut Cursor, key: &Key, example: &str) -> Result<Ident, Error> {
    value(c, key, example)?;
    if let Some(lit) = c.peek().and_then(literal_in).and_then(|l| Str::read(&l)) {
        c.next();
        return Err(Error::new(
            lit.span(),
            format!(
                "`{0}` takes a name, not a string: remove the quotes, as in `{0} = {1}`",
                key.name,
                lit.value()
            ),
        ));
    }
    let takes = format!("a name, such as `{} = {example}`", key.name);
    single_name(c, key.name, &takes, "a name, not a path")
        .unwrap_or_else(|| Err(key.on_value(c, format!("`{}` takes {takes}", key.name))))
}

/// A key that is a flag, such as `composite`: it takes no value.
pub fn flag(c: &mut Cursor, key: &Key) -> Result<Span, Error> {
    if c.is_empty() || c.is_punct(',') {
        return Ok(key.span());
    }
    Err(key.on_value(
        c,
        format!(
            "`{0}` is a flag and takes no value: write `{0}` alone",
            key.name
        ),
    ))
}

/// The parenthesized list of a key such as `implies(Public)`.
pub fn list(c: &mut Cursor, key: &Key, example: &str) -> Result<Cursor, Error> {
    match c.eat_group(Delimiter::Parenthesis) {
        Some(group) => Ok(Cursor::of_group(&group).splicing()),
        None => Err(key.on_value(
            c,
            format!(
                "`{0}` takes a list in parentheses: `{0}({example})`",
                key.name
            ),
        )),
    }
}

/// The entries of a key's list, each read by `entry`, separated by `,`.
pub fn entries<T>(
    c: &mut Cursor,
    key: &Key,
    example: &str,
    mut entry: impl FnMut(&mut Cursor) -> Result<T, Error>,
) -> Result<Vec<T>, Error> {
    let mut out = Vec::new();
    while !c.is_empty() {
        if let Some(comma) = c.eat_punct(',') {
            return Err(Error::new(comma.span(), EXTRA_COMMA));
        }
        out.push(entry(c)?);
        if !c.is_empty() && c.eat_punct(',').is_none() {
            return Err(on_rest(
                c,
                format!(
                    "separate the entries of `{0}(..)` with `,`, as in `{0}({example})`",
                    key.name
                ),
            ));
        }
    }
    Ok(out)
}

/// An error over the tokens up to the next `,`, or at the cursor when there are none.
pub fn on_rest(c: &mut Cursor, msg: impl std::fmt::Display) -> Error {
    let here = c.span();
    over_rest(c, here, msg)
}

/// An error over the tokens up to the next `,`, or at `empty` when there are none.
fn over_rest(c: &mut Cursor, empty: Span, msg: impl std::fmt::Display) -> Error {
    match c.until_comma() {
        rest if rest.is_empty() => Error::new(empty, msg),
        rest => Error::new_spanned(TokenStream::from_iter(rest), msg),
    }
}

/// The literal `token` is, also inside a group without delimiters (a `macro_rules!`
/// fragment such as `$bit:expr`).
pub fn literal_in(token: &TokenTree) -> Option<Literal> {
    match token {
        TokenTree::Literal(lit) => Some(lit.clone()),
        TokenTree::Group(g) if g.delimiter() == Delimiter::None => {
            literal(&g.stream().into_iter().collect::<Vec<_>>())
        }
        _ => None,
    }
}

/// The one literal `tokens` are.
pub fn literal(tokens: &[TokenTree]) -> Option<Literal> {
    match tokens {
        [token] => literal_in(token),
        _ => None,
    }
}

/// The value of `0x0112`, `1 << 8`, `(1 << 2) | 0x1`: integers, `<<` and `|`, in
/// parentheses or not. `None` for anything else, or a value beyond 128 bits.
pub fn mask(tokens: &[TokenTree]) -> Option<u128> {
    fn or(tokens: &[TokenTree]) -> Option<u128> {
        let mut acc = 0;
        for part in tokens.split(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == '|')) {
            acc |= shift(part)?;
        }
        Some(acc)
    }
    fn shift(tokens: &[TokenTree]) -> Option<u128> {
        match tokens {
            [a] => atom(a),
            [a, TokenTree::Punct(l1), TokenTree::Punct(l2), b]
                if l1.as_char() == '<' && l1.spacing() == Spacing::Joint && l2.as_char() == '<' =>
            {
                let base = atom(a)?;
                let by = u32::try_from(atom(b)?).ok()?;
                let value = base.checked_shl(by)?;
                // Bits shifted out are an error, not a silent truncation.
                (value >> by == base).then_some(value)
            }
            _ => None,
        }
    }
    fn atom(token: &TokenTree) -> Option<u128> {
        match token {
            TokenTree::Literal(lit) => tokens::int(lit),
            // A group without delimiters is a `macro_rules!` fragment: one operand, as if
            // in parentheses.
            TokenTree::Group(g)
                if matches!(g.delimiter(), Delimiter::Parenthesis | Delimiter::None) =>
            {
                or(&g.stream().into_iter().collect::<Vec<_>>())
            }
            _ => None,
        }
    }
    if tokens.is_empty() {
        return None;
    }
    or(tokens)
}

/// A row's name, as `key` takes it: `SEND_MESSAGES`, or the variant `SendMessages`. `None`,
/// with nothing read, when no name or path starts here; an error for a path or a keyword.
pub fn row_name(c: &mut Cursor, key: &str) -> Option<Result<Ident, Error>> {
    single_name(c, key, "row names", "the set's row names, not paths")
}

/// The one name that `key` takes, with what it `takes` and why a path is wrong for the
/// errors. `None`, with nothing read, when no name or path starts here; an error for a path
/// or a keyword.
fn single_name(
    c: &mut Cursor,
    key: &str,
    takes: &str,
    no_path: &str,
) -> Option<Result<Ident, Error>> {
    let path = c
        .eat_path()
        .or_else(|| c.eat_ident().map(|i| TokenTree::Ident(i).into()))?;
    let tokens: Vec<TokenTree> = path.clone().into_iter().collect();
    Some(match tokens.as_slice() {
        [TokenTree::Ident(name)] if !tokens::is_keyword(&name.to_string()) => Ok(name.clone()),
        [TokenTree::Ident(name)] => Err(Error::new(
            name.span(),
            format!("`{key}` takes {takes}; `{name}` is a keyword"),
        )),
        _ => {
            let last = tokens.last().map(ToString::to_string).unwrap_or_default();
            Err(Error::new_spanned(
                path,
                format!("`{key}` takes {no_path}: write `{last}`"),
            ))
        }
    })
}

/// `A | B | 0x0112`: row names and values joined by `|`, the value of `key`.
pub fn terms(c: &mut Cursor, key: &str) -> Result<Vec<Term>, Error> {
    let mut out = Vec::new();
    loop {
        match c.peek().cloned() {
            Some(TokenTree::Literal(lit)) => {
                if let Some(s) = Str::read(&lit) {
                    return Err(Error::new(
                        lit.span(),
                        format!(
                            "`{key}` takes row names, not strings: remove the quotes, as in `{}`",
                            s.value()
                        ),
                    ));
                }
                let Some(value) = tokens::int(&lit) else {
                    return Err(Error::new(
                        lit.span(),
                        format!(
                            "`{key}` takes row names, or values such as `0x0112`: `{lit}` is \
                             neither a name nor an integer of at most 128 bits"
                        ),
                    ));
                };
                c.next();
                out.push(Term::Value(value, lit));
            }
            _ if let Some(name) = row_name(c, key) => out.push(Term::Name(name?)),
            _ => {
                return Err(Error::new(
                    c.span(),
                    format!(
                        "`{key}` takes row names joined by `|`, such as `SEND_MESSAGES | VIEW_SETTINGS`"
                    ),
                ));
            }
        }
        // Another operator, or none: the error is on the operator, or on the next row.
        let wrong =
            operator(c).or_else(|| next_row(c).then(|| c.peek().cloned().into_iter().collect()));
        if let Some(at) = wrong {
            let left = match out.last() {
                Some(Term::Name(name)) => name.to_string(),
                Some(Term::Value(_, lit)) => lit.to_string(),
                None => String::new(),
            };
            let right = match c.peek() {
                Some(token @ (TokenTree::Ident(_) | TokenTree::Literal(_))) => token.to_string(),
                _ => "..".to_owned(),
            };
            return Err(Error::new_spanned(
                at,
                format!("rows join with `|`: `{left} | {right}`"),
            ));
        }
        let Some(bar) = c.eat_punct('|') else {
            return Ok(out);
        };
        if c.is_empty() || c.is_punct(',') {
            return Err(Error::new(
                bar.span(),
                "nothing follows this `|`: name a row after it, or remove it",
            ));
        }
    }
}

/// Whether a row name or value starts at the cursor, right after a term: `X Y` for `X | Y`.
/// A name that `=` or `(..)` follows is the next key, its `,` missing.
fn next_row(c: &Cursor) -> bool {
    match (c.peek(), c.peek_nth(1)) {
        (Some(TokenTree::Literal(_)), _) => true,
        (Some(TokenTree::Ident(_)), Some(TokenTree::Punct(p))) => p.as_char() != '=',
        (Some(TokenTree::Ident(_)), Some(TokenTree::Group(g))) => {
            g.delimiter() != Delimiter::Parenthesis
        }
        (Some(TokenTree::Ident(_)), _) => true,
        _ => false,
    }
}

/// An operator that is not `|` after a term, read: `A & B`, `A && B`, `A + B`, `A ^ B`,
/// `A || B` join rows in other languages, or for other types.
fn operator(c: &mut Cursor) -> Option<TokenStream> {
    let first = match (c.peek(), c.peek_nth(1)) {
        (Some(TokenTree::Punct(p)), _) if matches!(p.as_char(), '&' | '+' | '^') => p.clone(),
        (Some(TokenTree::Punct(p)), Some(TokenTree::Punct(q)))
            if p.as_char() == '|' && p.spacing() == Spacing::Joint && q.as_char() == '|' =>
        {
            p.clone()
        }
        _ => return None,
    };
    c.next();
    let mut op = TokenStream::from(TokenTree::Punct(first.clone()));
    if first.spacing() == Spacing::Joint && c.is_punct(first.as_char()) {
        op.extend(c.next());
    }
    Some(op)
}
