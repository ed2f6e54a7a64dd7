//! A token-level reading of the item under `#[requires]`: enough of a function's signature to
//! find the checked parameter and its type, the return type, and the body.
//!
//! Reading tokens rather than a syntax tree keeps syn, and its build time, out of every
//! user's build. Everything the guard does not need passes through as it was written.

use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};
use quote::quote;

use crate::tokens;

pub struct Function {
    /// Every token before the body: attributes, signature, where clause.
    pub head: Vec<TokenTree>,
    /// Where the outer attributes end in `head`.
    pub attrs_end: usize,
    pub name: Ident,
    pub params: Vec<Param>,
    /// The parenthesised parameter list, for errors about it.
    pub params_span: Span,
    /// The tokens after `->`, if any.
    pub output: Option<Vec<TokenTree>>,
    /// The bounds on the function's type parameters, from `<..>` and `where`: `T: A + B`
    /// gives `(T, [A, B])`, once per place it is written.
    pub bounds: Vec<(Ident, Vec<Vec<TokenTree>>)>,
    pub body: Group,
}

pub struct Param {
    /// `self` for a receiver; otherwise the pattern's tokens.
    pub pattern: Vec<TokenTree>,
    /// The declared type; `Self` for `self`, `&self`, `&mut self`.
    pub ty: TokenStream,
    pub receiver: Option<Ident>,
}

impl Param {
    /// The identifier the pattern is, when it is just a (possibly `mut`) binding. `_` binds
    /// nothing.
    pub fn simple_binding(&self) -> Option<&Ident> {
        if let Some(receiver) = &self.receiver {
            return Some(receiver);
        }
        binding(&self.pattern)
    }

    /// The `_` of a parameter that is not bound.
    pub fn wildcard(&self) -> Option<&Ident> {
        match self.pattern.as_slice() {
            [TokenTree::Ident(id)] if id == "_" => Some(id),
            _ => None,
        }
    }

    /// Every name the pattern binds, at any depth (`Extension(session)` binds `session`).
    pub fn bindings(&self) -> Vec<Ident> {
        let mut out = Vec::new();
        collect_bindings(&self.pattern, &mut out);
        out
    }

    /// The type of a name bound inside a one-field wrapper pattern, as axum's extractors are
    /// written: `Extension(session): Extension<Session>` gives `Session`.
    pub fn wrapped_type(&self, name: &Ident) -> Option<TokenStream> {
        let [TokenTree::Ident(_), TokenTree::Group(inner)] = self.pattern.as_slice() else {
            return None;
        };
        let inner: Vec<TokenTree> = inner.stream().into_iter().collect();
        if !binding(&inner).is_some_and(|id| same_name(id, name)) {
            return None;
        }
        let ty: Vec<TokenTree> = self.ty.clone().into_iter().collect();
        let open = ty.iter().position(|t| is_punct(t, '<'))?;
        let close = ty.iter().rposition(|t| is_punct(t, '>'))?;
        let args = ty.get(open + 1..close)?;
        (tokens::split_top_level(args, ',').len() == 1).then(|| args.iter().cloned().collect())
    }

    /// For `impl HasPermissions<Set = X>` types, `X`.
    pub fn impl_trait_set(&self) -> Option<TokenStream> {
        let ty: Vec<TokenTree> = tokens::flat(self.ty.clone()).into_iter().collect();
        if !ty
            .iter()
            .any(|t| matches!(t, TokenTree::Ident(i) if i == "impl"))
        {
            return None;
        }
        let at = ty.windows(2).position(|w| {
            matches!(&w[0], TokenTree::Ident(i) if i == "Set") && is_punct(&w[1], '=')
        })?;
        let rest = ty.get(at + 2..)?;
        let end = tokens::split_top_level(rest, ',')
            .first()
            .map_or(0, |first| first.len());
        let set: Vec<TokenTree> = rest.get(..end)?.to_vec();
        // The last `>` closes `HasPermissions<..>`, unless the set type is itself generic.
        let opens = set.iter().filter(|t| is_punct(t, '<')).count();
        let closes = set.iter().filter(|t| is_punct(t, '>')).count();
        let keep = set.len() - closes.saturating_sub(opens);
        Some(set.into_iter().take(keep).collect())
    }

    /// The type parameter the declared type is, behind references: `H` for `&H` or `&'a mut H`.
    pub fn type_parameter<'f>(&self, function: &'f Function) -> Option<&'f Ident> {
        let ty: Vec<TokenTree> = tokens::flat(self.ty.clone()).into_iter().collect();
        let mut rest = ty.as_slice();
        loop {
            rest = match rest {
                [TokenTree::Punct(p), rest @ ..] if p.as_char() == '&' => rest,
                [TokenTree::Punct(p), TokenTree::Ident(_), rest @ ..] if p.as_char() == '\'' => {
                    rest
                }
                [TokenTree::Ident(m), rest @ ..] if m == "mut" => rest,
                [TokenTree::Ident(name)] => {
                    return function
                        .bounds
                        .iter()
                        .map(|(param, _)| param)
                        .find(|param| *param == name);
                }
                _ => return None,
            };
        }
    }

    /// The bounds of an `impl A + B` type (behind references too): `[A, B]`.
    pub fn impl_bounds(&self) -> Option<Vec<Vec<TokenTree>>> {
        let ty: Vec<TokenTree> = tokens::flat(self.ty.clone()).into_iter().collect();
        let at = ty
            .iter()
            .position(|t| matches!(t, TokenTree::Ident(i) if i == "impl"))?;
        let bounds = tokens::split_top_level(&ty[at + 1..], '+');
        Some(bounds.into_iter().map(<[_]>::to_vec).collect())
    }

    /// Whether the declared type is `impl Trait`, which cannot be named in an expression.
    pub fn is_impl_trait(&self) -> bool {
        tokens::flat(self.ty.clone())
            .into_iter()
            .any(|t| matches!(t, TokenTree::Ident(i) if i == "impl"))
    }
}

/// What the item is, when it is not a function: for the error message.
pub enum NotAFunction {
    Item(Ident),
    NoBody(Ident),
    Unknown,
}

pub fn parse(item: TokenStream) -> Result<Function, NotAFunction> {
    let tokens: Vec<TokenTree> = item.into_iter().collect();
    let mut attrs_end = 0;
    while let (Some(t), Some(TokenTree::Group(g))) =
        (tokens.get(attrs_end), tokens.get(attrs_end + 1))
    {
        if is_punct(t, '#') && g.delimiter() == Delimiter::Bracket {
            attrs_end += 2;
        } else {
            break;
        }
    }
    let Some(fn_at) = tokens[attrs_end..]
        .iter()
        .take_while(|t| !matches!(t, TokenTree::Group(g) if g.delimiter() == Delimiter::Brace))
        .position(|t| matches!(t, TokenTree::Ident(i) if i == "fn"))
        .map(|i| i + attrs_end)
    else {
        const KINDS: [&str; 10] = [
            "struct", "enum", "union", "impl", "trait", "const", "static", "mod", "type", "use",
        ];
        let kind = tokens[attrs_end..].iter().find_map(|t| match t {
            TokenTree::Ident(i) if KINDS.contains(&i.to_string().as_str()) => Some(i.clone()),
            _ => None,
        });
        return Err(kind.map_or(NotAFunction::Unknown, NotAFunction::Item));
    };
    let Some(TokenTree::Ident(name)) = tokens.get(fn_at + 1).cloned() else {
        return Err(NotAFunction::Unknown);
    };
    let body = match tokens.last() {
        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => g.clone(),
        _ => return Err(NotAFunction::NoBody(name)),
    };
    let head: Vec<TokenTree> = tokens[..tokens.len() - 1].to_vec();

    // The parameter list is the first parenthesised group after the generics.
    let mut depth = 0i32;
    let mut params_at = None;
    for (i, t) in head.iter().enumerate().skip(fn_at + 2) {
        match t {
            TokenTree::Punct(p) if p.as_char() == '<' => depth += 1,
            TokenTree::Punct(p) if p.as_char() == '>' && !tokens::is_arrow_head(&head, i) => {
                depth -= 1
            }
            TokenTree::Group(g) if depth == 0 && g.delimiter() == Delimiter::Parenthesis => {
                params_at = Some(i);
                break;
            }
            _ => {}
        }
    }
    let Some(params_at) = params_at else {
        return Err(NotAFunction::Unknown);
    };
    let TokenTree::Group(params_group) = &head[params_at] else {
        return Err(NotAFunction::Unknown);
    };
    let param_tokens: Vec<TokenTree> = params_group.stream().into_iter().collect();
    let params = tokens::split_top_level(&param_tokens, ',')
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(param)
        .collect();

    // `-> Output` runs to a top-level `where`, or to the body.
    let after = &head[params_at + 1..];
    let output = match after {
        [TokenTree::Punct(a), TokenTree::Punct(b), rest @ ..]
            if a.as_char() == '-' && b.as_char() == '>' =>
        {
            let end = rest
                .iter()
                .position(|t| matches!(t, TokenTree::Ident(i) if i == "where"))
                .unwrap_or(rest.len());
            Some(rest[..end].to_vec())
        }
        _ => None,
    };
    // `<T: A + B, ..>` between the name and the parameters, and `where T: A, ..` at the end.
    // Between the name and the parameters there is nothing but the generics' `<..>`.
    let generics = head
        .get(fn_at + 2..params_at)
        .and_then(|g| g.get(1..g.len().checked_sub(1)?))
        .unwrap_or_default();
    let where_clause = head
        .iter()
        .rposition(|t| matches!(t, TokenTree::Ident(i) if i == "where"))
        .map_or(&[][..], |at| &head[at + 1..]);
    let bounds = tokens::split_top_level(generics, ',')
        .into_iter()
        .chain(tokens::split_top_level(where_clause, ','))
        .filter_map(|part| match part {
            [TokenTree::Ident(name), colon, rest @ ..]
                if is_punct(colon, ':') && !rest.first().is_some_and(|t| is_punct(t, ':')) =>
            {
                let bounds = tokens::split_top_level(rest, '+');
                Some((
                    name.clone(),
                    bounds.into_iter().map(<[_]>::to_vec).collect(),
                ))
            }
            _ => None,
        })
        .collect();
    Ok(Function {
        bounds,
        params_span: params_group.span(),
        head,
        attrs_end,
        name,
        params,
        output,
        body,
    })
}

fn param(tokens: &[TokenTree]) -> Param {
    // Attributes on a parameter (`#[cfg(..)]`) are not part of its pattern.
    let mut start = 0;
    while matches!((tokens.get(start), tokens.get(start + 1)), (Some(t), Some(TokenTree::Group(_))) if is_punct(t, '#'))
    {
        start += 2;
    }
    let tokens = &tokens[start..];
    let colon = (0..tokens.len()).find(|&i| {
        is_punct(&tokens[i], ':')
            && !tokens.get(i + 1).is_some_and(|t| is_punct(t, ':'))
            && !(i > 0 && is_punct(&tokens[i - 1], ':'))
    });
    let (pattern, ty) = match colon {
        Some(i) => (
            tokens[..i].to_vec(),
            tokens[i + 1..].iter().cloned().collect(),
        ),
        None => (tokens.to_vec(), TokenStream::new()),
    };
    let receiver = pattern.iter().find_map(|t| match t {
        TokenTree::Ident(i) if i == "self" => Some(i.clone()),
        _ => None,
    });
    let ty = match (&receiver, colon) {
        (Some(_), None) => quote!(Self),
        _ => ty,
    };
    Param {
        pattern,
        ty,
        receiver,
    }
}

fn collect_bindings(tokens: &[TokenTree], out: &mut Vec<Ident>) {
    for (i, t) in tokens.iter().enumerate() {
        match t {
            TokenTree::Group(g) => {
                let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                collect_bindings(&inner, out);
            }
            TokenTree::Ident(id) if id != "mut" && id != "ref" => {
                let next = tokens.get(i + 1);
                let is_path_or_ctor = matches!(next, Some(TokenTree::Group(_)))
                    || next.is_some_and(|n| is_punct(n, ':'))
                    || (i > 0 && is_punct(&tokens[i - 1], ':'));
                if !is_path_or_ctor {
                    out.push(id.clone());
                }
            }
            _ => {}
        }
    }
}

/// The name a pattern binds when it is just a name, `[ref] [mut] name`; `_` binds nothing.
fn binding(pattern: &[TokenTree]) -> Option<&Ident> {
    let mut rest = pattern;
    for word in ["ref", "mut"] {
        if let [TokenTree::Ident(w), after @ ..] = rest
            && w == word
        {
            rest = after;
        }
    }
    match rest {
        [TokenTree::Ident(id)] if id != "_" => Some(id),
        _ => None,
    }
}

/// Whether two identifiers name one binding: `r#session` is `session`.
pub fn same_name(a: &Ident, b: &Ident) -> bool {
    tokens::unraw(a) == tokens::unraw(b)
}

fn is_punct(t: &TokenTree, c: char) -> bool {
    matches!(t, TokenTree::Punct(p) if p.as_char() == c)
}
