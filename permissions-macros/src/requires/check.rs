//! The rules of `#[requires]`, checked before any code is generated: the item is a function
//! with a body, the checked parameter exists and its permission set can be named, and the
//! function returns a `Result`. Each broken rule is one error on its token, and every one of
//! them is reported in one build.

use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote};

use super::args::Args;
use super::signature::{Function, NotAFunction, Param, same_name};
use crate::ctxt::{Ctxt, Error, did_you_mean};
use crate::tokens;

/// What expansion needs, checked.
pub struct Checked {
    /// The checked parameter's name.
    pub holder: Ident,
    /// The type of its permission set, when it can be named.
    pub set: Option<TokenStream>,
    /// Where a wrong return type is reported.
    pub output_span: Span,
}

/// Checks a guarded function; `None` when a rule is broken (and reported).
pub fn check(cx: &mut Ctxt, function: &Function, args: &Args, p: &TokenStream) -> Option<Checked> {
    // `const fn`: the check runs at run time, and calls what a const fn may not.
    let constness = function
        .head
        .iter()
        .skip(function.attrs_end)
        .map_while(|t| match t {
            TokenTree::Ident(i) if i == "fn" => None,
            t => Some(t),
        })
        .find(|t| matches!(t, TokenTree::Ident(i) if i == "const"));
    if let Some(token) = constness {
        cx.at(
            token.span(),
            "`#[requires]` cannot guard a `const fn`: the check runs when it is called; remove `const`",
        );
    }
    let holder = holder(cx, function, args, p);
    let output_span = output_span(cx, function);
    let (holder, set) = holder?;
    // A set bound by nothing: no flag has its type, bare or as a path.
    if let Some(bind) = function
        .params
        .iter()
        .find(|p| p.simple_binding() == Some(&holder))
        .and_then(|p| unknown_set(function, p))
    {
        cx.at(
            holder.span(),
            format!(
                "the permission set of `{holder}` is not known to `{}`: bind it, as in {bind}",
                function.name
            ),
        );
        return None;
    }
    if set.is_none() && args.requirement.has_bare_names() {
        cx.at(
            holder.span(),
            format!(
                "cannot name the permission set of `{holder}` from its type; write flags as paths \
                 (`GuildPermissions::BAN_MEMBERS`), or declare the type as \
                 `impl HasPermissions<Set = GuildPermissions>`"
            ),
        );
        return None;
    }
    Some(Checked {
        holder,
        set,
        output_span: output_span?,
    })
}

pub fn not_a_function(kind: NotAFunction) -> Error {
    match kind {
        NotAFunction::Item(ident) if ident == "impl" => Error::new(
            ident.span(),
            "`#[requires]` goes on a function, not an `impl` block: put it on each method",
        ),
        NotAFunction::Item(ident) => Error::new(
            ident.span(),
            format!("`#[requires]` goes on a function, not a `{ident}`"),
        ),
        NotAFunction::NoBody(name) => Error::new(
            name.span(),
            "`#[requires]` needs a function body to check in; put it on the implementations",
        ),
        NotAFunction::Unknown => Error::new(Span::call_site(), "`#[requires]` goes on a function"),
    }
}

/// The checked parameter's name and, when it can be named, the type of its permission set.
fn holder(
    cx: &mut Ctxt,
    function: &Function,
    args: &Args,
    p: &TokenStream,
) -> Option<(Ident, Option<TokenStream>)> {
    // The set is named through the holder's type, and every token of that path sits on the
    // parameter's name: rustc reports one error per place and unmet bound, so a type without
    // `HasPermissions` is reported once, there, however many times expansion names its set.
    let set_of_type =
        |ty: &TokenStream, at: &Ident| respan(quote!(<#ty as #p::HasPermissions>::Set), at.span());
    let set_of = |param: &Param, at: &Ident| -> Option<TokenStream> {
        if let Some(set) = param.impl_trait_set() {
            return Some(set);
        }
        if param.is_impl_trait() {
            return None;
        }
        if unknown_set(function, param).is_some() {
            return None;
        }
        Some(set_of_type(&param.ty, at))
    };
    if let Some(on) = &args.on {
        if let Some((param, at)) = function.params.iter().find_map(|p| {
            p.simple_binding()
                .filter(|b| same_name(b, on))
                .map(|b| (p, b))
        }) {
            return Some((at.clone(), set_of(param, at)));
        }
        if let Some((param, at)) = function.params.iter().find_map(|p| {
            p.bindings()
                .into_iter()
                .find(|b| same_name(b, on))
                .map(|b| (p, b))
        }) {
            let set = param.wrapped_type(on).map(|ty| set_of_type(&ty, &at));
            return Some((at, set));
        }
        let names: Vec<String> = function
            .params
            .iter()
            .flat_map(|p| p.receiver.iter().cloned().chain(p.bindings()))
            .map(|i| tokens::unraw(&i))
            .collect();
        cx.at(
            on.span(),
            format!(
                "`on = {on}` names no parameter of `{}`{}",
                function.name,
                did_you_mean(&tokens::unraw(on), names.iter().map(String::as_str))
            ),
        );
        return None;
    }
    let Some(first) = function.params.first() else {
        cx.at(
            function.params_span,
            format!(
                "`#[requires]` checks the first parameter, but `{}` has none; add the session or member whose permissions to check",
                function.name
            ),
        );
        return None;
    };
    if let Some(wildcard) = first.wildcard() {
        let ty = first
            .ty
            .to_string()
            .replace("& ", "&")
            .replace(" :: ", "::")
            .replace(" <", "<")
            .replace("< ", "<")
            .replace(" >", ">");
        cx.at(
            wildcard.span(),
            format!(
                "`#[requires]` checks the first parameter, which is `_`: give it a name, as in `session: {ty}`, so that it can be checked"
            ),
        );
        return None;
    }
    match first.simple_binding() {
        Some(ident) => Some((ident.clone(), set_of(first, ident))),
        None => {
            let span = first
                .pattern
                .first()
                .map_or(function.params_span, TokenTree::span);
            cx.at(
                span,
                "the first parameter is a pattern; name the parameter to check with `#[requires(.., on = name)]`",
            );
            None
        }
    }
}

/// When the parameter's type is a type parameter or `impl Trait` whose set nothing binds, how
/// to bind it (`H: HasPermissions<Set = ..>`).
fn unknown_set(function: &Function, param: &Param) -> Option<String> {
    if let Some(h) = param.type_parameter(function) {
        let bounds = function
            .bounds
            .iter()
            .filter(|(param, _)| param == h)
            .flat_map(|(_, bounds)| bounds);
        return set_is_unbound(bounds)
            .then(|| format!("`{h}: HasPermissions<Set = GuildPermissions>`"));
    }
    let bounds = param.impl_bounds()?;
    set_is_unbound(bounds.iter())
        .then(|| "`impl HasPermissions<Set = GuildPermissions>`".to_owned())
}

/// Whether `bounds` hold `HasPermissions` without `Set = ..`, and otherwise only marker
/// traits and lifetimes: the set is then unknown to the function. A bound by any other trait
/// may fix the set (`trait Member: HasPermissions<Set = ..>`), so rustc is left to judge it.
fn set_is_unbound<'b>(bounds: impl Iterator<Item = &'b Vec<TokenTree>>) -> bool {
    const MARKERS: [&str; 7] = ["Send", "Sync", "Sized", "Unpin", "Copy", "Clone", "Debug"];
    let mut holder = false;
    for bound in bounds {
        let last = bound.iter().rev().find_map(|t| match t {
            TokenTree::Ident(i) => Some(i.to_string()),
            _ => None,
        });
        // `HasPermissions<Set = ..>` ends in the set's name, no marker: the set is bound.
        match (bound.first(), last.as_deref()) {
            (_, Some("HasPermissions")) => holder = true,
            // `'a`, `?Sized`, `Send`, `core::marker::Sync`
            (Some(TokenTree::Punct(p)), _) if p.as_char() == '\'' || p.as_char() == '?' => {}
            (_, Some(name)) if MARKERS.contains(&name) => {}
            _ => return false,
        }
    }
    holder
}

/// `tokens`, every one of them (groups included) at `span`.
pub fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|token| match token {
            TokenTree::Group(g) => {
                let mut group = Group::new(g.delimiter(), respan(g.stream(), span));
                group.set_span(span);
                TokenTree::Group(group)
            }
            mut token => {
                token.set_span(span);
                token
            }
        })
        .collect()
}

/// The span of the return type, where a wrong return type is reported.
fn output_span(cx: &mut Ctxt, function: &Function) -> Option<Span> {
    let returns_unit = match &function.output {
        None => true,
        Some(tokens) => {
            matches!(tokens.as_slice(), [TokenTree::Group(g)] if g.delimiter() == Delimiter::Parenthesis && g.stream().is_empty())
        }
    };
    let impl_trait = function
        .output
        .as_ref()
        .and_then(|t| t.first())
        .is_some_and(|t| matches!(t, TokenTree::Ident(i) if i == "impl"));
    if returns_unit || impl_trait {
        let span = function
            .output
            .as_ref()
            .and_then(|t| t.first())
            .map_or(function.name.span(), TokenTree::span);
        cx.at(
            span,
            format!(
                "`#[requires]` refuses by returning `Err(..)`, so `{}` must return a `Result` whose error type implements `From<Denied<_>>`",
                function.name
            ),
        );
        return None;
    }
    Some(
        function
            .output
            .as_ref()
            .and_then(|t| t.first())
            .map_or(Span::call_site(), |t| {
                t.to_token_stream()
                    .into_iter()
                    .next()
                    .map_or(Span::call_site(), |t| t.span())
            }),
    )
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;
    use quote::quote;

    use super::super::args::Args;
    use super::super::signature;
    use crate::ctxt::Ctxt;

    /// The checked parameter and set of `item` under `args`, or the error messages.
    fn check(
        args: TokenStream,
        item: TokenStream,
    ) -> Result<(String, Option<String>), Vec<String>> {
        let mut cx = Ctxt::default();
        let args = Args::parse(&mut cx, args).expect("a requirement");
        let function =
            signature::parse(item).map_err(|kind| vec![super::not_a_function(kind).to_string()])?;
        let checked = super::check(&mut cx, &function, &args, &quote!(p));
        let messages = cx.into_messages();
        match checked {
            Some(c) if messages.is_empty() => {
                Ok((c.holder.to_string(), c.set.map(|s| s.to_string())))
            }
            _ if !messages.is_empty() => Err(messages),
            _ => panic!("no checked function and no error"),
        }
    }

    #[test]
    fn the_first_parameter_or_self_is_checked() {
        assert_eq!(
            check(
                quote!(A),
                quote!(
                    fn f(session: &Session, x: u32) -> Result<(), E> {}
                )
            ),
            Ok((
                "session".into(),
                Some("< & Session as p :: HasPermissions > :: Set".into())
            ))
        );
        assert_eq!(
            check(
                quote!(A),
                quote!(
                    fn f(mut s: Session) -> Result<(), E> {}
                )
            ),
            Ok((
                "s".into(),
                Some("< Session as p :: HasPermissions > :: Set".into())
            ))
        );
        assert_eq!(
            check(
                quote!(A),
                quote!(
                    fn f(&self) -> Result<(), E> {}
                )
            ),
            Ok((
                "self".into(),
                Some("< Self as p :: HasPermissions > :: Set".into())
            ))
        );
    }

    #[test]
    fn on_names_a_parameter_even_inside_a_pattern() {
        assert_eq!(
            check(
                quote!(A, on = actor),
                quote!(
                    fn f(x: u32, actor: &Member) -> Result<(), E> {}
                )
            ),
            Ok((
                "actor".into(),
                Some("< & Member as p :: HasPermissions > :: Set".into())
            ))
        );
        assert_eq!(
            check(
                quote!(A, on = session),
                quote!(
                    fn f(Extension(session): Extension<Session>) -> Result<(), E> {}
                )
            ),
            Ok((
                "session".into(),
                Some("< Session as p :: HasPermissions > :: Set".into())
            ))
        );
        // A raw identifier names the binding it spells, either way round.
        assert_eq!(
            check(
                quote!(A, on = r#actor),
                quote!(
                    fn f(x: u32, Extension(actor): Extension<Member>) -> Result<(), E> {}
                )
            ),
            Ok((
                "actor".into(),
                Some("< Member as p :: HasPermissions > :: Set".into())
            ))
        );
        assert_eq!(
            check(
                quote!(A, on = type),
                quote!(
                    fn f(x: u32, r#type: &Member) -> Result<(), E> {}
                )
            )
            .map(|(holder, _)| holder),
            Ok("r#type".into())
        );
        assert_eq!(
            check(
                quote!(A, on = r#acter),
                quote!(
                    fn f(x: u32, actor: &Member) -> Result<(), E> {}
                )
            ),
            Err(vec![
                "`on = r#acter` names no parameter of `f`; did you mean `actor`?".into()
            ])
        );
        assert_eq!(
            check(
                quote!(A, on = acter),
                quote!(
                    fn f(x: u32, actor: &Member) -> Result<(), E> {}
                )
            ),
            Err(vec![
                "`on = acter` names no parameter of `f`; did you mean `actor`?".into()
            ])
        );
    }

    #[test]
    fn a_parameter_to_check_is_needed() {
        assert_eq!(
            check(quote!(A), quote!(fn f() -> Result<(), E> {})),
            Err(vec![
                "`#[requires]` checks the first parameter, but `f` has none; add the session or member whose permissions to check".into()
            ])
        );
        assert_eq!(
            check(quote!(A), quote!(fn f((a, b): (S, S)) -> Result<(), E> {})),
            Err(vec![
                "the first parameter is a pattern; name the parameter to check with `#[requires(.., on = name)]`".into()
            ])
        );
    }

    #[test]
    fn the_function_returns_a_result() {
        let refused = "`#[requires]` refuses by returning `Err(..)`, so `f` must return a `Result` whose error type implements `From<Denied<_>>`";
        for item in [
            quote!(
                fn f(s: &S) {}
            ),
            quote!(
                fn f(s: &S) -> () {}
            ),
            quote!(
                fn f(s: &S) -> impl Sized {}
            ),
        ] {
            assert_eq!(check(quote!(A), item), Err(vec![refused.into()]));
        }
        // Both mistakes of one function are reported.
        assert_eq!(
            check(
                quote!(A),
                quote!(
                    fn f() {}
                )
            )
            .map_err(|e| e.len()),
            Err(2)
        );
    }

    #[test]
    fn a_const_fn_cannot_be_guarded() {
        assert_eq!(
            check(quote!(A), quote!(pub const fn f(s: &S) -> Result<(), E> {})),
            Err(vec![
                "`#[requires]` cannot guard a `const fn`: the check runs when it is called; remove `const`".into()
            ])
        );
        // `const` after `fn` (a const generic) is no const fn.
        assert!(
            check(
                quote!(A),
                quote!(
                    fn f<const N: usize>(s: &S) -> Result<(), E> {}
                )
            )
            .is_ok()
        );
    }

    #[test]
    fn impl_trait_holders_name_their_set_or_use_paths() {
        assert_eq!(
            check(
                quote!(A),
                quote!(
                    fn f(s: impl HasPermissions<Set = Guild>) -> Result<(), E> {}
                )
            ),
            Ok(("s".into(), Some("Guild".into())))
        );
        // Another trait may bind the set: paths are left to the type, bare names cannot be
        // resolved.
        assert_eq!(
            check(
                quote!(Guild::A),
                quote!(
                    fn f(s: &impl Member) -> Result<(), E> {}
                )
            ),
            Ok(("s".into(), None))
        );
        let err = check(
            quote!(A),
            quote!(
                fn f(s: &impl Member) -> Result<(), E> {}
            ),
        )
        .expect_err("a bare name needs a set");
        assert!(
            err[0].starts_with("cannot name the permission set of `s`"),
            "{err:?}"
        );
    }

    #[test]
    fn a_holder_whose_set_nothing_binds_is_refused() {
        let unbound = "the permission set of `h` is not known to `f`: bind it, as in \
                       `H: HasPermissions<Set = GuildPermissions>`";
        // Bare names or paths: no flag has the type of an unbound set.
        for requirement in [quote!(A), quote!(T::A)] {
            for item in [
                quote!(
                    fn f<H: HasPermissions>(h: &H) -> Result<(), E> {}
                ),
                quote!(
                    fn f<'a, H: ?Sized + permissions::HasPermissions + Send>(
                        h: &'a mut H,
                    ) -> Result<(), E> {
                    }
                ),
                quote!(
                    fn f<H>(h: H) -> Result<(), E>
                    where
                        H: HasPermissions + 'static,
                    {
                    }
                ),
                // A bound on the set is no bound of the set.
                quote!(
                    fn f<H: HasPermissions>(h: &H) -> Result<(), E>
                    where
                        H::Set: Into<u8>,
                    {
                    }
                ),
            ] {
                assert_eq!(check(requirement.clone(), item), Err(vec![unbound.into()]));
            }
            let unbound_impl = "the permission set of `h` is not known to `f`: bind it, as in \
                                `impl HasPermissions<Set = GuildPermissions>`";
            for item in [
                quote!(fn f(h: &impl HasPermissions + Sync) -> Result<(), E> {}),
                quote!(
                    fn f(h: impl 'static + HasPermissions) -> Result<(), E> {}
                ),
            ] {
                assert_eq!(
                    check(requirement.clone(), item),
                    Err(vec![unbound_impl.into()])
                );
            }
        }
        // A bound set, another trait (which may bind it) or no bound at all (rustc's error
        // then) are left to the type.
        for item in [
            quote!(
                fn f<H: HasPermissions<Set = S>>(h: &H) -> Result<(), E> {}
            ),
            quote!(
                fn f<H>(h: &H) -> Result<(), E>
                where
                    H: HasPermissions<Set = S>,
                {
                }
            ),
            quote!(
                fn f<H: HasPermissions + Member>(h: &H) -> Result<(), E> {}
            ),
            quote!(
                fn f<H: HasPermissions + ::roles::Member>(h: &H) -> Result<(), E> {}
            ),
            // A raw pointer is no type parameter.
            quote!(
                fn f<H: HasPermissions>(h: *const H) -> Result<(), E> {}
            ),
            quote!(
                fn f<H>(h: &H) -> Result<(), E> {}
            ),
        ] {
            assert_eq!(
                check(quote!(A), item).map(|(_, set)| set.is_some()),
                Ok(true)
            );
        }
    }

    #[test]
    fn an_unbound_parameter_is_named_first() {
        assert_eq!(
            check(quote!(A), quote!(fn f(_: &Session) -> Result<(), E> {})),
            Err(vec![
                "`#[requires]` checks the first parameter, which is `_`: give it a name, as in `session: &Session`, so that it can be checked".into()
            ])
        );
        // `_` binds nothing that `on = ..` could name either.
        let function = signature::parse(quote!(
            fn f(_: u32, s: &S) -> Result<(), E> {}
        ))
        .ok()
        .expect("a function");
        assert!(function.params[0].simple_binding().is_none());
        assert_eq!(
            function.params[1].simple_binding().map(ToString::to_string),
            Some("s".into())
        );
    }

    #[test]
    fn other_items_are_refused() {
        for (item, message) in [
            (
                quote!(
                    struct S;
                ),
                "`#[requires]` goes on a function, not a `struct`",
            ),
            (
                quote!(impl S { fn f(&self) {} }),
                "`#[requires]` goes on a function, not an `impl` block: put it on each method",
            ),
            (
                quote!(
                    fn f(&self) -> Result<(), E>;
                ),
                "`#[requires]` needs a function body to check in; put it on the implementations",
            ),
            (quote!(x), "`#[requires]` goes on a function"),
        ] {
            assert_eq!(check(quote!(A), item), Err(vec![message.into()]));
        }
    }
}
