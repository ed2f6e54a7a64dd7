//! `#[requires(..)]`, in stages:
//!
//! - [`args`]: the requirement (`A | B`, `all(..)`, `any(..)`) and the `on = ..` and
//!   `crate = ..` keys;
//! - [`signature`]: the guarded function, read from its tokens;
//! - [`check`]: the rules between the two (the checked parameter, the return type);
//! - [`expand`]: the code.

mod args;
mod check;
mod expand;
mod signature;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ctxt::Ctxt;

pub fn requires(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut cx = Ctxt::default();
    let args = args::Args::parse(&mut cx, args);
    let function = match signature::parse(item.clone()) {
        Ok(function) => function,
        Err(kind) => {
            cx.push(check::not_a_function(kind));
            return fallback(cx, item);
        }
    };
    let Some(args) = args else {
        return fallback(cx, item);
    };
    let krate = args.krate.clone().unwrap_or_else(|| quote!(::permissions));
    let p = crate::ctxt::private(&krate);
    match check::check(&mut cx, &function, &args, &p) {
        Some(checked) if !cx.has_errors() => expand::expand(function, &args, checked, &p),
        _ => fallback(cx, item),
    }
}

/// The errors, and the function unchanged beside them, so that its callers do not pile up
/// errors of their own.
fn fallback(cx: Ctxt, item: TokenStream) -> TokenStream {
    let errors = cx.into_compile_errors();
    quote!(#errors #item)
}

#[cfg(test)]
mod tests {
    use quote::quote;

    #[test]
    fn appends_the_requirement_to_the_rustdoc_and_keeps_the_signature() {
        let out = super::requires(
            quote!(any(BAN_MEMBERS, KICK_MEMBERS), on = actor),
            quote! {
                /// Removes a member.
                pub async fn remove(target: u64, actor: &Member) -> Result<(), ApiError> { Ok(()) }
            },
        )
        .to_string();
        let doc = out
            .find("\" Requires: `any(BAN_MEMBERS, KICK_MEMBERS)`\"")
            .expect("doc line");
        let own_doc = out.find("\" Removes a member.\"").expect("own doc");
        let signature = out
            .find(
                "pub async fn remove (target : u64 , actor : & Member) -> Result < () , ApiError >",
            )
            .expect("signature unchanged");
        assert!(own_doc < doc && doc < signature, "{out}");
        let check = out.find("check").expect("check call");
        let body = out.find("Ok (())").expect("body");
        assert!(
            signature < check && check < body,
            "the check comes first: {out}"
        );
    }
}

/// The guard reads user tokens by hand, so it must turn any token soup into an error, never a
/// panic: random sequences of the tokens a signature and a requirement are made of.
#[cfg(test)]
mod no_panic {
    use std::str::FromStr;

    use proc_macro2::TokenStream;
    use proptest::prelude::*;

    const ITEM: &[&str] = &[
        "#",
        "[doc = \"x\"]",
        "pub",
        "async",
        "fn",
        "struct",
        "impl",
        "f",
        "(",
        ")",
        "{",
        "}",
        "<",
        ">",
        "->",
        "-",
        ",",
        ":",
        "::",
        "&",
        "'a",
        "self",
        "Self",
        "mut",
        "x",
        "T",
        "u32",
        "impl",
        "HasPermissions",
        "Set",
        "=",
        "where",
        "Result",
        "Ok(())",
        ";",
        "Wrapper",
    ];
    const ARGS: &[&str] = &[
        "MANAGE_SETTINGS",
        "A",
        "|",
        ",",
        "on",
        "=",
        "x",
        "self",
        "all",
        "any",
        "(",
        ")",
        "::",
        "Set",
        "crate",
        "\"perms\"",
        "1",
        "&",
        "one_of",
        "||",
        "==",
        "=>",
        ":",
        "'a",
        "Self",
        "\"::perms::Set\"",
        "\"a::\"",
        "\"\"",
        "b\"x\"",
        "any(A | ::B)",
        "all(Set::, \"x\")",
        "any(,)",
        "()",
    ];

    fn soup(alphabet: &'static [&'static str]) -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(alphabet), 0..24)
            .prop_map(|words| words.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        #[test]
        fn any_tokens_give_tokens_not_a_panic(args in soup(ARGS), item in soup(ITEM)) {
            // Unbalanced brackets are not token streams at all; rustc never passes them.
            if let (Ok(args), Ok(item)) = (TokenStream::from_str(&args), TokenStream::from_str(&item)) {
                let _ = super::requires(args, item);
            }
        }

        /// The arguments alone: read, or refused with at least one error, never neither.
        #[test]
        fn any_arguments_give_a_requirement_or_an_error(args in soup(ARGS)) {
            if let Ok(args) = TokenStream::from_str(&args) {
                let mut cx = crate::ctxt::Ctxt::default();
                let read = super::args::Args::parse(&mut cx, args).is_some();
                prop_assert!(read || cx.has_errors());
            }
        }

        #[test]
        fn well_formed_functions_with_random_requirements(args in soup(ARGS)) {
            let item = TokenStream::from_str(
                "pub async fn f<'a, T: HasPermissions<Set = S>>(x: &'a T, Wrapper(y): Wrapper<U>) -> Result<(), E> where T: Sync { Ok(()) }",
            ).expect("a function");
            if let Ok(args) = TokenStream::from_str(&args) {
                let _ = super::requires(args, item);
            }
        }
    }
}
