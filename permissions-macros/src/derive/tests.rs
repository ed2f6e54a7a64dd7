//! The derive's reading of its input, from tokens as rustc passes them: the item, its
//! attributes and their keys, with every error it reports and where.

use std::str::FromStr;

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use proptest::prelude::*;
use quote::quote;

use super::ast::{Assign, Container, Form};
use super::attr::Term;
use crate::ctxt::Ctxt;

fn read(input: TokenStream) -> (Option<Container>, Vec<String>) {
    let mut cx = Ctxt::default();
    let container = Container::from_input(&mut cx, input);
    (container, cx.into_messages())
}

fn errors(input: TokenStream) -> Vec<String> {
    read(input).1
}

/// The errors of `#[permissions(..)]` holding `keys`, on an enum (`enum`) or a newtype.
fn container_errors(keys: TokenStream, enum_form: bool) -> Vec<String> {
    if enum_form {
        errors(quote!(
            #[permissions(#keys)]
            enum ToxPermission {
                Administrator,
            }
        ))
    } else {
        errors(quote!(
            #[permissions(#keys)]
            struct ToxPermissions(u16);
        ))
    }
}

/// The errors of `#[permission(..)]` holding `keys`, on a row.
fn row_errors(keys: TokenStream) -> Vec<String> {
    errors(quote!(
        enum ToxPermission {
            #[permission(#keys)]
            Administrator,
        }
    ))
}

fn one(input: TokenStream) -> String {
    let mut errors = errors(input);
    assert_eq!(errors.len(), 1, "{errors:?}");
    errors.remove(0)
}

/// Tokens wrapped in a group without delimiters, as `macro_rules!` passes a fragment.
fn fragment(tokens: TokenStream) -> TokenTree {
    TokenTree::Group(Group::new(Delimiter::None, tokens))
}

#[test]
fn an_enum_and_its_rows() {
    let (container, errors) = read(quote! {
        /// Tox Mod's rights.
        #[derive(Clone)]
        #[permissions(bits = u16, set = Tox, default = SendMessages | 0x0100, bypass = ADMINISTRATOR)]
        pub(crate) enum ToxPermission {
            /// Grants all permissions
            #[deprecated = "use SendMessages"]
            #[doc(alias = "admin")]
            #[permission(value = 0x0001, bypass)]
            Administrator,
            /// Allows viewing settings
            /// for the guild
            ///
            /// Second paragraph.
            #[permission(bit = 8)]
            ViewSettings,
            #[permission(value = 0x0112, composite, implies(ViewSettings, Administrator))]
            SendMessages,
            #[permission(name = "MANAGE")]
            ManageSettings,
        }
    });
    assert_eq!(errors, Vec::<String>::new());
    let c = container.expect("a container");
    assert_eq!(c.vis.to_string(), "pub (crate)");
    assert_eq!(c.set.to_string(), "Tox");
    assert_eq!((c.bits.width, c.bits.ident), (16, "u16"));
    assert!(matches!(&c.form, Form::Enum { ident } if ident == "ToxPermission"));
    assert!(c.unit_variants);
    let names: Vec<&str> = c.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        ["ADMINISTRATOR", "VIEW_SETTINGS", "SEND_MESSAGES", "MANAGE"]
    );
    assert_eq!(c.rows[0].description, "Grants all permissions");
    assert_eq!(
        c.rows[1].description,
        "Allows viewing settings for the guild\n\nSecond paragraph."
    );
    assert!(matches!(c.rows[0].assign, Assign::Value(1, _)) && c.rows[0].bypass.is_some());
    assert!(matches!(c.rows[1].assign, Assign::Bit(8, _)));
    assert!(matches!(c.rows[3].assign, Assign::Auto));
    assert!(c.rows[2].composite && !c.rows[0].composite);
    let implies: Vec<String> = c.rows[2].implies.iter().map(ToString::to_string).collect();
    assert_eq!(implies, ["ViewSettings", "Administrator"]);
    assert!(c.rows[3].name_lit.is_some() && c.rows[2].name_lit.is_none());
    assert_eq!(
        c.rows[3]
            .variant
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("ManageSettings")
    );
    let default: Vec<String> = c
        .attrs
        .default
        .iter()
        .flatten()
        .map(|t| match t {
            Term::Name(n) => n.to_string(),
            Term::Value(v, lit) => format!("{v}={lit}"),
        })
        .collect();
    assert_eq!(default, ["SendMessages", "256=0x0100"]);
    assert!(c.attrs.bypass.is_some());
}

#[test]
fn an_enum_without_options_gets_its_defaults() {
    let (container, errors) = read(quote!(
        enum GuildPermission {
            Administrator,
        }
    ));
    assert_eq!(errors, Vec::<String>::new());
    let c = container.expect("a container");
    assert_eq!(c.set.to_string(), "GuildPermissions");
    assert_eq!((c.bits.width, c.bits.ident), (32, "u32"));
    assert!(c.vis.is_empty());
}

#[test]
fn visibilities_are_kept_as_written() {
    for (vis, kept) in [
        (quote!(pub), "pub"),
        (quote!(pub(super)), "pub (super)"),
        (quote!(pub(self)), "pub (self)"),
        (quote!(pub(in crate::a)), "pub (in crate :: a)"),
    ] {
        let (c, errors) = read(quote!(#vis enum E { A }));
        assert_eq!(errors, Vec::<String>::new());
        assert_eq!(c.expect("a container").vis.to_string(), kept);
    }
}

#[test]
fn a_newtype_over_each_width() {
    for (bits, width) in [
        ("u8", 8),
        ("u16", 16),
        ("u32", 32),
        ("u64", 64),
        ("u128", 128),
    ] {
        let bits = proc_macro2::Ident::new(bits, Span::call_site());
        let (c, errors) =
            read(quote!(#[permissions(markdown = "x.md")] pub struct S(pub(crate) #bits);));
        assert_eq!(errors, Vec::<String>::new());
        let c = c.expect("a container");
        assert_eq!(c.bits.width, width);
        assert!(matches!(c.form, Form::Newtype) && c.set == "S");
    }
}

#[test]
fn a_struct_must_be_a_newtype_over_an_unsigned_integer() {
    let newtype = |ty: &str| {
        format!("a permission set struct is a newtype over its bits, such as `struct S({ty});`")
    };
    assert_eq!(
        one(quote!(
            struct S {
                bits: u16,
            }
        )),
        newtype("u16")
    );
    assert_eq!(
        one(quote!(
            struct S {
                pub bits: Vec<u8>,
                more: u8,
            }
        )),
        newtype("Vec < u8 >")
    );
    assert_eq!(
        one(quote!(
            struct S;
        )),
        newtype("u32")
    );
    assert_eq!(
        one(quote!(
            struct S {}
        )),
        newtype("u32")
    );
    assert_eq!(
        one(quote!(
            struct S(u16, u16);
        )),
        newtype("u16")
    );
    // A comma inside `<..>` separates no fields; the `>` of `->` closes nothing.
    let unsupported = "unsupported bits type: use one of u8, u16, u32, u64, u128";
    assert_eq!(
        one(quote!(
            struct S(HashMap<u8, u16>);
        )),
        unsupported
    );
    assert_eq!(
        one(quote!(
            struct S(Box<dyn Fn(u8) -> u8>);
        )),
        unsupported
    );
    assert_eq!(
        one(quote!(
            struct S(i32);
        )),
        unsupported
    );
    assert_eq!(
        one(quote!(
            struct S(core::primitive::u32);
        )),
        unsupported
    );
    // `pub (u32)` is a field of the type `(u32)`, not `pub(..)` over `u32`.
    assert_eq!(
        one(quote!(
            struct S(pub (u32));
        )),
        unsupported
    );
    assert_eq!(
        one(quote!(
            struct S(#[doc = "bits"] pub u32)
            where
                u32: Copy;
        )),
        "a permission set cannot be generic: remove the parameters"
    );
}

#[test]
fn macro_rules_fragments_are_read_through() {
    let vis = fragment(quote!(pub));
    let ty = fragment(quote!(u16));
    let doc = fragment(quote!("Grants all permissions"));
    let value = fragment(quote!(1 << 8));
    let bit = fragment(quote!(3));
    let (c, errors) = read(quote! {
        #[permissions(bits = u16)]
        #vis enum E {
            #[doc = #doc]
            #[permission(value = #value << 1)]
            Administrator,
            #[permission(bit = #bit)]
            ViewPublicLogs,
        }
    });
    assert_eq!(errors, Vec::<String>::new());
    let c = c.expect("a container");
    assert_eq!(c.vis.to_string(), "pub");
    assert_eq!(c.rows[0].description, "Grants all permissions");
    // The fragment is one operand: (1 << 8) << 1, not 1 << 8 << 1.
    assert!(matches!(c.rows[0].assign, Assign::Value(0x0200, _)));
    assert!(matches!(c.rows[1].assign, Assign::Bit(3, _)));
    let (c, errors) = read(quote!(#[permissions(markdown = "x.md")] struct S(#ty);));
    assert_eq!(errors, Vec::<String>::new());
    assert_eq!(c.expect("a newtype").bits.width, 16);
}

#[test]
fn the_item_itself() {
    assert_eq!(
        one(quote!(union U { bits: u32 })),
        "`#[derive(PermissionSet)]` takes a fieldless enum or a newtype struct over an unsigned integer, not a union"
    );
    let generic = "a permission set cannot be generic: remove the parameters";
    assert_eq!(
        one(quote!(
            enum E<T> {
                A,
            }
        )),
        generic
    );
    assert_eq!(
        one(quote!(
            enum E<T: Fn() -> u8> {
                A,
            }
        )),
        generic
    );
    assert_eq!(
        one(quote!(
            enum E
            where
                Self: Sized,
            {
                A,
            }
        )),
        generic
    );
    assert_eq!(
        one(quote!(
            enum ToxPermission {}
        )),
        "`ToxPermission` has no rows: a permission set needs at least one variant, one per permission"
    );
    // What rustc never passes is an error too, not a panic.
    for (input, error) in [
        ("fn f() {}", "expected `enum`, `struct` or `union`"),
        ("#[doc] pub", "expected `enum`, `struct` or `union`"),
        ("enum {}", "expected the item's name"),
        ("enum E<T {}", "expected `>`"),
        ("enum E", "expected the item's body"),
        ("enum E;", "expected the item's body"),
        ("struct S(u8) {}", "expected the item's body"),
        ("enum E = 1 {}", "expected `where` or the item's body"),
        ("# enum E {}", "expected `[` after `#`"),
        ("#[] enum E {}", "expected the attribute's name"),
        ("enum E { #[permission] }", "expected a variant's name"),
        (
            "enum E { A B }",
            "expected `,`, `=` or the variant's fields",
        ),
    ] {
        let tokens = TokenStream::from_str(input).expect("tokens");
        assert_eq!(errors(tokens), [error], "{input}");
    }
}

#[test]
fn rows_take_no_fields_and_no_discriminant() {
    let (c, errors) = read(quote! {
        enum E {
            A(u8),
            pub B { x: u8 },
            C = 1 << 2,
            D,
        }
    });
    assert_eq!(
        errors,
        [
            "a permission row has no fields: write `A`",
            "a permission row has no fields: write `B`",
            "give a row's value with `#[permission(value = ..)]` or `#[permission(bit = ..)]`, not a discriminant",
        ]
    );
    let c = c.expect("a container");
    assert!(!c.unit_variants);
    let names: Vec<&str> = c.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["A", "B", "C", "D"]);
}

#[test]
fn a_discriminant_is_read_up_to_the_comma_that_ends_it() {
    // Commas inside generic arguments end nothing; `<` after an operand is less-than.
    let (c, errors) = read(quote! {
        enum E {
            A = foo::<u8, u16>(),
            B = <T as Tr<A, B>>::V,
            C = Vec::<Option<(u8, u16)>>::new().len() >> 1,
            D = a < b,
            F = 1 << 2,
            G = f()? < 1,
            H = x - <T as Tr<A, B>>::V << 1 < 2,
            I,
        }
    });
    let discriminant = "give a row's value with `#[permission(value = ..)]` or `#[permission(bit = ..)]`, not a discriminant";
    assert_eq!(errors, [discriminant; 7]);
    let c = c.expect("a container");
    let names: Vec<&str> = c.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["A", "B", "C", "D", "F", "G", "H", "I"]);
}

#[test]
fn a_row_names_its_constant() {
    assert_eq!(
        one(quote!(
            enum E {
                #[permission(name = "manage_settings")]
                A,
            }
        )),
        "`name = \"manage_settings\"`: constants are named in SCREAMING_SNAKE_CASE, as every other row's: write `\"MANAGE_SETTINGS\"`"
    );
    for (written, suggested) in [
        ("r#fn", "FN"),
        ("fn", "FN"),
        ("ADMIN ISTRATOR", "ADMIN_ISTRATOR"),
        ("2FA", "_2FA"),
        ("", "NAME"),
    ] {
        assert_eq!(
            one(quote!(
                enum E {
                    #[permission(name = #written)]
                    A,
                }
            )),
            format!(
                "`name = {written:?}` is not a constant's name: write a plain identifier such as `\"{suggested}\"`"
            )
        );
    }
    let (c, _) = read(quote!(
        enum E {
            #[permission(name = "ÉTAT_2")]
            r#A,
        }
    ));
    assert_eq!(c.expect("a container").rows[0].name, "ÉTAT_2");
}

#[test]
fn a_variant_that_gives_no_constant_name_is_one_error() {
    for (variant, message) in [
        (
            quote!(_0),
            "`_0` gives no constant name (`0`): name its constant with `#[permission(name = \"_0\")]`",
        ),
        (
            quote!(__),
            "`__` gives no constant name (it has no letters or digits): name its constant with `#[permission(name = \"NAME\")]`",
        ),
        (
            quote!(r#_9Lives),
            "`_9Lives` gives no constant name (`9_LIVES`): name its constant with `#[permission(name = \"_9_LIVES\")]`",
        ),
    ] {
        // Not a second error from the rules either: two such rows are no repeated name.
        let out = super::derive(quote! {
            enum E { #variant, ___, A }
        })
        .to_string();
        assert_eq!(out.matches("compile_error").count(), 2, "{out}");
        assert!(out.contains(&format!("{message:?}")), "{out}");
        assert!(out.contains("const A = 0x0000_0004 ;"), "{out}");
    }
    // Named, it is no error; a bad name is reported once, on the name.
    let (c, errors) = read(quote!(
        enum E {
            #[permission(name = "ZERO")]
            _0,
        }
    ));
    assert_eq!(errors, Vec::<String>::new());
    assert_eq!(c.expect("a container").rows[0].name, "ZERO");
    assert_eq!(
        one(quote!(
            enum E {
                #[permission(name = "_")]
                _0,
            }
        )),
        "`name = \"_\"` is not a constant's name: write a plain identifier such as `\"NAME\"`"
    );
}

#[test]
fn a_raw_enum_name_gives_its_set_a_plain_name() {
    for (item, set) in [(quote!(r#Foo), "Foos"), (quote!(r#type), "types")] {
        let (c, errors) = read(quote!(enum #item { A }));
        assert_eq!(errors, Vec::<String>::new());
        assert_eq!(c.expect("a container").set.to_string(), set);
    }
}

#[test]
fn every_container_key_of_the_markdown_form() {
    let (c, errors) = read(quote! {
        #[permissions(
            markdown = "docs/guild.md", section = "Guild Permissions", lock = "docs/guild.lock",
            crate = "::my_app::permissions", serde = "decimal", auto_bits, aliases, table = 2,
            columns(name = "Right", value = "Mask"), implies(USER = PUBLIC | GUEST, ADMIN = USER),
        )]
        #[permissions(markdown_str = "| A | 1 |")]
        struct GuildPermissions(u32);
    });
    assert_eq!(errors, Vec::<String>::new());
    let a = c.expect("a container").attrs;
    assert_eq!(
        a.markdown.as_ref().map(|s| s.value()),
        Some("docs/guild.md")
    );
    assert_eq!(
        a.markdown_str.as_ref().map(|s| s.value()),
        Some("| A | 1 |")
    );
    assert_eq!(
        a.section.as_ref().map(|s| s.value()),
        Some("Guild Permissions")
    );
    assert_eq!(a.lock.as_ref().map(|s| s.value()), Some("docs/guild.lock"));
    assert_eq!(
        a.krate.map(|k| k.to_string()).as_deref(),
        Some(":: my_app :: permissions")
    );
    assert_eq!(a.serde.map(|s| s.to_string()).as_deref(), Some("decimal"));
    assert!(a.auto_bits.is_some() && a.aliases && !a.columns_broken);
    assert_eq!(
        a.table.map(|(n, lit)| (n, lit.to_string())),
        Some((2, "2".to_owned()))
    );
    let columns: Vec<(&str, &str)> = a
        .columns
        .iter()
        .map(|(r, h)| (r.key(), h.value()))
        .collect();
    assert_eq!(columns, [("name", "Right"), ("value", "Mask")]);
    assert!(a.columns_span.is_some());
    let implies: Vec<String> = a
        .implies
        .iter()
        .map(|(row, rows)| {
            format!(
                "{row}={}",
                rows.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("|")
            )
        })
        .collect();
    assert_eq!(implies, ["USER=PUBLIC|GUEST", "ADMIN=USER"]);
}

#[test]
fn unknown_repeated_and_misplaced_keys() {
    assert_eq!(
        container_errors(
            quote!(deafult = A, bits = u8, bits = u16, colour = 1, a::b = 1),
            true
        ),
        [
            "unknown key `deafult` in `#[permissions(..)]`; did you mean `default`?",
            "duplicate key `bits` in `#[permissions(..)]`",
            "unknown key `colour` in `#[permissions(..)]`; expected one of: bits, set, default, bypass, crate, serde, aliases, lock, markdown, markdown_str, section, auto_bits, implies, columns, table",
            "unknown key `a::b` in `#[permissions(..)]`; expected one of: bits, set, default, bypass, crate, serde, aliases, lock, markdown, markdown_str, section, auto_bits, implies, columns, table",
        ]
    );
    assert_eq!(
        row_errors(quote!(vaule = 1, bypass, bypass, r#value = 1)),
        [
            "unknown key `vaule` in `#[permission(..)]`; did you mean `value`?",
            "duplicate key `bypass` in `#[permission(..)]`",
            "unknown key `r#value` in `#[permission(..)]`; did you mean `value`?",
        ]
    );
    assert_eq!(
        container_errors(quote!(markdown = "x.md", implies(A = B)), true),
        [
            "`markdown` belongs to the Markdown form: derive on a newtype struct such as `struct GuildPermissions(u32);` to read a document's table",
            "`implies(..)` on the container belongs to the Markdown form; on an enum, write `#[permission(implies(..))]` on the row",
        ]
    );
    assert_eq!(
        container_errors(quote!(markdown = "x.md", bits = u16, set = X), false),
        [
            "`bits` comes from the struct's field here; remove `bits = ..`",
            "`set = ..` names the generated struct of the enum form; here the struct is the set",
        ]
    );
    // Keys of one attribute are seen across several.
    assert_eq!(
        errors(quote!(
            #[permissions(bits = u8)]
            #[permissions(bits = u16)]
            enum E {
                A,
            }
        )),
        ["duplicate key `bits` in `#[permissions(..)]`"]
    );
}

#[test]
fn attributes_on_the_wrong_item_or_without_keys() {
    assert_eq!(
        errors(quote!(
            #[permission(bits = u16)]
            enum E {
                #[permissions(value = 1)]
                A,
            }
        )),
        [
            "`#[permission(..)]` describes one row and goes on a variant; the options of the whole set go in `#[permissions(..)]`",
            "`#[permissions(..)]` holds the options of the whole set and goes on the enum; a row takes `#[permission(..)]`",
        ]
    );
    for attribute in [
        quote!(#[permissions]),
        quote!(#[permissions = "x"]),
        quote!(#[permissions[bits = u16]]),
    ] {
        assert_eq!(
            errors(quote!(#attribute enum E { A })),
            ["`#[permissions]` takes keys in parentheses: `#[permissions(bits = u16)]`"]
        );
    }
    assert_eq!(
        errors(quote!(
            enum E {
                #[permission{value = 1}]
                A,
            }
        )),
        ["`#[permission]` takes keys in parentheses: `#[permission(value = 0x0100)]`"]
    );
    // Other attributes pass by, with any path and shape.
    assert_eq!(
        errors(quote!(
            #[serde::rename = "x"]
            #[doc(hidden)]
            #[unsafe(no_mangle)]
            enum E {
                #[doc = include_str!("x")]
                A,
            }
        )),
        Vec::<String>::new()
    );
}

#[test]
fn arguments_without_a_key() {
    assert_eq!(
        row_errors(quote!(bypass, 0x0001)),
        ["a row's value needs its key: `value = 0x0001`, or `bit = N` for bit N"]
    );
    assert_eq!(
        row_errors(quote!(1 << 9)),
        ["a row's value needs its key: `value = 1 << 9`, or `bit = N` for bit N"]
    );
    assert_eq!(
        row_errors(quote!("VIEW_LOGS")),
        ["a row's name needs its key: `name = \"VIEW_LOGS\"`"]
    );
    assert_eq!(
        row_errors(quote!("VIEW_LOGS" "X")),
        ["a row's value needs its key: `value = \"VIEW_LOGS\" \"X\"`, or `bit = N` for bit N"]
    );
    assert_eq!(
        container_errors(quote!("u16"), true),
        [
            "expected a key of `#[permissions(..)]`, one of: bits, set, default, bypass, crate, serde, aliases, lock, markdown, markdown_str, section, auto_bits, implies, columns, table"
        ]
    );
    assert_eq!(
        row_errors(quote!(, bit = 4,, composite,)),
        [
            "nothing stands before this `,`: remove it",
            "nothing stands before this `,`: remove it"
        ]
    );
}

#[test]
fn values_of_each_kind_written_wrong() {
    assert_eq!(
        container_errors(
            quote!(bits u16, set = "Tox", default = "A", serde = decimal),
            true
        ),
        [
            "`bits` needs `=` before its value: `bits = u16`",
            "`set` takes a name, not a string: remove the quotes, as in `set = Tox`",
            "`default` takes row names, not strings: remove the quotes, as in `A`",
            "`serde` takes a string, in quotes: `serde = \"decimal\"`",
        ]
    );
    assert_eq!(
        container_errors(
            quote!(set = Self, bits = 16, bits = i32, crate = permissions, default = A |),
            true
        ),
        [
            "`set` takes a name, such as `set = ToxPermissions`; `Self` is a keyword",
            "`bits` takes a name, such as `bits = u32`",
            "duplicate key `bits` in `#[permissions(..)]`",
            "`crate` takes a string, in quotes: `crate = \"permissions\"`",
            "nothing follows this `|`: name a row after it, or remove it",
        ]
    );
    // Reserved since edition 2024: a set named `gen` would not compile there.
    assert_eq!(
        container_errors(quote!(set = gen), true),
        ["`set` takes a name, such as `set = ToxPermissions`; `gen` is a keyword"]
    );
    assert_eq!(
        container_errors(quote!(bits = i32), true),
        ["unsupported `bits = i32`: use one of u8, u16, u32, u64, u128"]
    );
    assert_eq!(
        container_errors(quote!(set = ToxPermission), true),
        [
            "`set = ToxPermission` is the enum's own name; the set needs a name of its own, such as `ToxPermissions`"
        ]
    );
    assert_eq!(
        row_errors(quote!(
            composite = true,
            implies = A,
            name = X,
            value,
            bit = 1 << 3
        )),
        [
            "`composite` is a flag and takes no value: write `composite` alone",
            "`implies` takes a list in parentheses: `implies(Public)`",
            "`name` takes a string, in quotes: `name = \"VIEW_AUDIT_LOG\"`",
            "`value` takes a value after `=`: `value = 0x0112`",
            "`bit` takes a bit number such as `bit = 31`; for a mask, write `value = ..`",
        ]
    );
    assert_eq!(
        row_errors(quote!(bit = 4 bypass)),
        ["`bit` takes a bit number such as `bit = 31`; for a mask, write `value = ..`"]
    );
    assert_eq!(
        container_errors(quote!(bits = u16 u32, aliases), true),
        ["`bits` takes one value: remove `u32`"]
    );
    assert_eq!(
        row_errors(quote!(implies, bypass = 1)),
        [
            "`implies` takes a list in parentheses: `implies(Public)`",
            "`bypass` is a flag and takes no value: write `bypass` alone",
        ]
    );
}

#[test]
fn a_value_without_its_equals_sign_is_quoted_in_the_fix() {
    assert_eq!(
        container_errors(quote!(default SEND_MESSAGES | VIEW_SETTINGS), true),
        ["`default` needs `=` before its value: `default = SEND_MESSAGES | VIEW_SETTINGS`"]
    );
    assert_eq!(
        row_errors(quote!(bit 31, name "VIEW_AUDIT_LOG")),
        [
            "`bit` needs `=` before its value: `bit = 31`",
            "`name` needs `=` before its value: `name = \"VIEW_AUDIT_LOG\"`",
        ]
    );
    // `:` or an operator for `=`: the error is on it, and the fix drops it.
    assert_eq!(
        row_errors(quote!(value: 0x0100, name := "VIEW_SETTINGS", bit => 31)),
        [
            "`value` takes `=`, not `:`: `value = 0x0100`",
            "`name` takes `=`, not `:=`: `name = \"VIEW_SETTINGS\"`",
            "`bit` takes `=`, not `=>`: `bit = 31`",
        ]
    );
    assert_eq!(
        container_errors(quote!(bits == u16, set -> ToxPermissions, default:), true),
        [
            "`bits` takes `=`, not `==`: `bits = u16`",
            "`set` takes `=`, not `->`: `set = ToxPermissions`",
            "`default` takes `=`, not `:`: `default = ..`",
        ]
    );
    let markdown = quote!(markdown = "x.md",);
    assert_eq!(
        container_errors(
            quote!(#markdown columns(name: "Permission"), implies(ADMINISTRATOR: VIEW_SETTINGS)),
            false
        ),
        [
            "`name` takes `=`, not `:`: `name = \"Permission\"`",
            "`ADMINISTRATOR` takes `=`, not `:`: `implies(ADMINISTRATOR = VIEW_SETTINGS)`",
        ]
    );
    // No value to quote: the key's own example.
    assert_eq!(
        container_errors(quote!(bits, set =), true),
        [
            "`bits` takes a value after `=`: `bits = u32`",
            "`set` takes a value after `=`: `set = ToxPermissions`",
        ]
    );
}

#[test]
fn more_than_a_value_before_the_next_comma() {
    // Another key: only the `,` is missing.
    assert_eq!(
        container_errors(quote!(bits = u16 set = ToxPermissions), true),
        ["unexpected `set = ToxPermissions` after the value of `bits`: separate keys with `,`"]
    );
    assert_eq!(
        row_errors(quote!(name = "VIEW_LOGS" composite)),
        ["unexpected `composite` after the value of `name`: separate keys with `,`"]
    );
    // More than the key takes.
    assert_eq!(
        container_errors(quote!(bits = u16 | u32), true),
        ["`bits` takes one value: remove `| u32`"]
    );
    assert_eq!(
        row_errors(quote!(name = "VIEW_LOGS" "VIEW_AUDIT_LOG")),
        ["`name` takes one value: remove `\"VIEW_AUDIT_LOG\"`"]
    );
    // Rows join with `|`, whatever else the user joined them with.
    for op in [quote!(&), quote!(&&), quote!(+), quote!(^), quote!(||)] {
        assert_eq!(
            container_errors(quote!(default = Administrator #op ViewSettings), true),
            ["rows join with `|`: `Administrator | ViewSettings`"],
            "{op}"
        );
    }
    assert_eq!(
        container_errors(quote!(bypass = 0x0001 & (1 << 2)), true),
        ["rows join with `|`: `0x0001 | ..`"]
    );
    // A path where a name goes: one error, with the name.
    assert_eq!(
        container_errors(quote!(set = my::ToxPermissions), true),
        ["`set` takes a name, not a path: write `ToxPermissions`"]
    );
    assert_eq!(
        container_errors(quote!(bits = core::primitive::u16), true),
        ["`bits` takes a name, not a path: write `u16`"]
    );
}

#[test]
fn row_names_in_default_bypass_and_implies() {
    assert_eq!(
        container_errors(quote!(default = Self::A | B, bypass = Self), true),
        [
            "`default` takes the set's row names, not paths: write `A`",
            "`bypass` takes row names; `Self` is a keyword",
        ]
    );
    assert_eq!(
        container_errors(
            quote!(
                default = 340282366920938463463374607431768211456,
                bypass = 1.5
            ),
            true
        ),
        [
            "`default` takes row names, or values such as `0x0112`: `340282366920938463463374607431768211456` is neither a name nor an integer of at most 128 bits",
            "`bypass` takes row names, or values such as `0x0112`: `1.5` is neither a name nor an integer of at most 128 bits",
        ]
    );
    assert_eq!(
        container_errors(quote!(default = A || B, bypass = -1), true),
        [
            "rows join with `|`: `A | B`",
            "`bypass` takes row names joined by `|`, such as `SEND_MESSAGES | VIEW_SETTINGS`",
        ]
    );
    assert_eq!(
        row_errors(quote!(implies(1), implies(X::Y))),
        [
            "`implies(..)` takes row names, as in `implies(Public)`",
            "duplicate key `implies` in `#[permission(..)]`",
        ]
    );
    assert_eq!(
        row_errors(quote!(implies(X::Y))),
        ["`implies` takes the set's row names, not paths: write `Y`"]
    );
    assert_eq!(
        row_errors(quote!(implies(A,, B))),
        ["nothing stands before this `,`: remove it"]
    );
    assert_eq!(
        row_errors(quote!(implies(A B))),
        ["separate the entries of `implies(..)` with `,`, as in `implies(Public)`"]
    );
    assert_eq!(
        row_errors(quote!(implies())),
        ["`implies(..)` names no row; write `implies(Public)` or remove it"]
    );
    let markdown = quote!(markdown = "x.md",);
    assert_eq!(
        container_errors(quote!(#markdown implies(USER PUBLIC)), false),
        ["`USER` needs `=` before the rows it implies: `implies(USER = PUBLIC)`"]
    );
    assert_eq!(
        container_errors(
            quote!(#markdown implies(ADMINISTRATOR VIEW_SETTINGS | MANAGE_SETTINGS)),
            false
        ),
        ["`ADMINISTRATOR` needs `=` before the rows it implies: \
             `implies(ADMINISTRATOR = VIEW_SETTINGS | MANAGE_SETTINGS)`"]
    );
    assert_eq!(
        container_errors(quote!(#markdown implies(USER, ADMINISTRATOR = USER)), false),
        ["`USER` takes the rows it implies after `=`: `implies(USER = PUBLIC)`"]
    );
    assert_eq!(
        container_errors(quote!(#markdown implies(= PUBLIC)), false),
        ["`implies(..)` names a row and the rows it implies: `implies(USER = PUBLIC)`"]
    );
    assert_eq!(
        container_errors(quote!(#markdown implies(USER = 0x1)), false),
        ["`implies(..)` takes row names, not values"]
    );
}

#[test]
fn columns_table_crate_and_serde() {
    let markdown = quote!(markdown = "x.md",);
    let broken = |keys: TokenStream| {
        let (c, errors) = read(quote!(
            #[permissions(#markdown #keys)]
            struct S(u32);
        ));
        (c.is_some_and(|c| c.attrs.columns_broken), errors)
    };
    assert_eq!(
        broken(quote!(columns(nmae = "Right", name = "A", name = "B", colour = "C"))),
        (
            true,
            vec![
                "unknown column role `nmae`; did you mean `name`?".to_owned(),
                "`name` is mapped twice in `columns(..)`".to_owned(),
                "unknown column role `colour`; the roles are name, value, bit, position, description".to_owned(),
            ]
        )
    );
    assert_eq!(
        broken(quote!(columns(name "Permission"))),
        (
            true,
            vec!["`name` needs `=` before its value: `name = \"Permission\"`".to_owned()]
        )
    );
    // With no value to quote, the fix shows one.
    assert_eq!(
        broken(quote!(columns(name, value = "Value"))),
        (
            true,
            vec!["`name` takes its column's header, in quotes: `name = \"Right\"`".to_owned()]
        )
    );
    assert_eq!(
        broken(quote!(columns(name = Right))),
        (
            true,
            vec!["`name` takes its column's header, in quotes: `name = \"Right\"`".to_owned()]
        )
    );
    assert_eq!(
        broken(quote!(columns("Right"))),
        (true, vec!["`columns(..)` maps column roles to headers: `columns(name = \"Right\", description = \"When enabled\")`".to_owned()])
    );
    for table in [
        quote!(table = 0),
        quote!(table = "2"),
        quote!(table = 1 + 1),
        quote!(table = 18446744073709551616000),
    ] {
        assert_eq!(
            container_errors(quote!(#markdown #table), false),
            ["`table` takes the table's number, from 1, such as `table = 2`"]
        );
    }
    for path in ["not a path", "", "a::", "::"] {
        assert_eq!(
            container_errors(quote!(#markdown crate = #path), false),
            [format!(
                "`crate = {path:?}` is not a path: name the crate as yours depends on it, such as `crate = \"permissions\"` or `crate = \"::my_app::permissions\"`"
            )]
        );
    }
    assert_eq!(
        container_errors(quote!(#markdown serde = "decimals", serde = "json"), false),
        [
            "unknown serde form \"decimals\": expected \"text\", \"decimal\" or \"bits\"; did you mean `decimal`?",
            "duplicate key `serde` in `#[permissions(..)]`",
        ]
    );
    assert_eq!(
        container_errors(quote!(#markdown serde = "json"), false),
        ["unknown serde form \"json\": expected \"text\", \"decimal\" or \"bits\""]
    );
}

#[test]
fn bits_and_values_of_a_row() {
    let assign = |keys: TokenStream| {
        let (c, errors) = read(quote!(
            #[permissions(bits = u128)]
            enum E {
                #[permission(#keys)]
                A,
            }
        ));
        let c = c.expect("a container");
        let assign = match &c.rows[0].assign {
            Assign::Bit(n, tokens) => format!("bit {n} from {tokens}"),
            Assign::Value(v, tokens) => format!("value {v:#x} from {tokens}"),
            Assign::Documented(v) => format!("documented {v}"),
            Assign::Auto => "auto".to_owned(),
        };
        (assign, errors)
    };
    let ok = |keys: TokenStream, expected: &str| {
        assert_eq!(assign(keys), (expected.to_owned(), Vec::new()));
    };
    ok(quote!(bit = 31), "bit 31 from 31");
    ok(quote!(bit = 0x1fu8), "bit 31 from 0x1fu8");
    ok(quote!(value = 0x0112), "value 0x112 from 0x0112");
    ok(quote!(value = 1 << 8), "value 0x100 from 1 << 8");
    ok(
        quote!(value = (1 << 2) | 0x1 | (0b10)),
        "value 0x7 from (1 << 2) | 0x1 | (0b10)",
    );
    ok(
        quote!(value = 1 << 127),
        "value 0x80000000000000000000000000000000 from 1 << 127",
    );
    let bad_value = "`value` takes an unsigned integer such as `value = 0x0112`, `1 << 8`, or several joined with `|`";
    for value in [
        quote!(value = 1 << 128),
        quote!(value = 3 << 127),
        quote!(value = 1u7),
        quote!(value = 1 + 1),
        quote!(value = [1]),
        quote!(value = 1 << 2 << 3),
        quote!(value = 1 < < 2),
    ] {
        assert_eq!(
            assign(value),
            ("auto".to_owned(), vec![bad_value.to_owned()])
        );
    }
    let bad_bit = "`bit` takes a bit number such as `bit = 31`; for a mask, write `value = ..`";
    for bit in [
        quote!(bit = 4294967296),
        quote!(bit = "31"),
        quote!(bit = 1 2),
        quote!(bit = (3)),
    ] {
        assert_eq!(assign(bit), ("auto".to_owned(), vec![bad_bit.to_owned()]));
    }
    assert_eq!(
        assign(quote!(bit = 2, value = 0x4)),
        (
            "bit 2 from 2".to_owned(),
            vec!["a row takes `bit = N` or `value = LIT`, not both".to_owned()]
        )
    );
}

#[test]
fn brackets_in_types_and_generics() {
    let unsupported = "unsupported bits type: use one of u8, u16, u32, u64, u128";
    // The `>` of `->` closes nothing, so the `,` stays inside `<..>`.
    assert_eq!(
        one(quote! { struct S(HashMap<fn() -> u8, u16>); }),
        unsupported
    );
    // `>>` closes two.
    assert_eq!(
        one(quote! { struct S(Vec<Vec<u8>>, u16); }),
        "a permission set struct is a newtype over its bits, such as `struct S(Vec < Vec < u8 >>);`"
    );
    // A tuple field has no name to skip.
    assert_eq!(one(quote! { struct S(bits: u16); }), unsupported);
    let generic = "a permission set cannot be generic: remove the parameters";
    assert_eq!(one(quote! { enum E<T: Into<u8>> { A } }), generic);
    // `pub(..)` restricts only to `crate`, `self`, `super` or `in path`.
    for vis in [
        quote! { pub(foo) },
        quote! { pub(crate::a) },
        quote! { pub(into) },
    ] {
        assert_eq!(
            errors(quote! { #vis enum E { A } }),
            ["expected `enum`, `struct` or `union`"],
            "{vis}"
        );
    }
}

#[test]
fn a_string_prints_as_its_literal() {
    // Errors about a string point at its literal.
    let lit = proc_macro2::Literal::string("docs/guild.md");
    let s = super::attr::Str::read(&lit).expect("a string");
    assert_eq!(quote! { #s }.to_string(), "\"docs/guild.md\"");
    assert!(super::attr::Str::read(&proc_macro2::Literal::u8_unsuffixed(1)).is_none());
}

#[test]
fn the_set_is_generated_from_what_was_read() {
    let out = super::derive(quote! {
        #[permissions(bits = u16, crate = "perms")]
        pub enum ToxPermission {
            #[permission(value = 0x0112, composite)]
            SendMessages,
            #[permission(bit = 9)]
            ManageSettings,
        }
    })
    .to_string();
    assert!(out.contains("pub struct ToxPermissions (u16) ;"), "{out}");
    assert!(out.contains("const SEND_MESSAGES = 0x0112 ;"), "{out}");
    assert!(out.contains("const MANAGE_SETTINGS = 0x0200 ;"), "{out}");
    assert!(out.contains("perms :: __private_"), "{out}");
    assert!(!out.contains(":: permissions ::"), "{out}");
    assert!(!out.contains("compile_error"), "{out}");
    let out = super::derive(quote! {
        #[permissions(bits = u128)]
        enum E {
            #[permission(bit = 127)]
            A,
        }
    })
    .to_string();
    assert!(
        out.contains("const A = 0x8000_0000_0000_0000_0000_0000_0000_0000 ;"),
        "{out}"
    );
    assert!(out.contains(":: permissions :: __private_"), "{out}");
}

/// Tokens rustc could pass, and many it never would.
const ITEM: &[&str] = &[
    "#",
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    "permissions",
    "permission",
    "doc",
    "=",
    "\"text\"",
    "pub",
    "crate",
    "in",
    "enum",
    "struct",
    "union",
    "ToxPermission",
    "A",
    "B",
    ",",
    ";",
    ":",
    "::",
    "<",
    ">",
    "->",
    "where",
    "u16",
    "T",
    "Self",
    "1",
    "0x0112",
    "|",
    "<<",
    "bits",
    "r#Foo",
    "r#type",
    "_0",
    "__",
];
const KEYS: &[&str] = &[
    "bits",
    "set",
    "default",
    "bypass",
    "crate",
    "serde",
    "aliases",
    "lock",
    "markdown",
    "markdown_str",
    "section",
    "auto_bits",
    "implies",
    "columns",
    "table",
    "bit",
    "value",
    "composite",
    "name",
    "=",
    ",",
    "|",
    "<<",
    "(",
    ")",
    "::",
    "u16",
    "u128",
    "A",
    "B",
    "Self",
    "0",
    "1",
    "31",
    "0x0112",
    "1u7",
    "1.5",
    "\"x\"",
    "\"docs/missing.md\"",
    "\"| A | 1 |\"",
    "\"decimal\"",
    "\"permissions\"",
    "name",
    "-",
    "r#Foo",
    "r#type",
    "_0",
    "__",
];

/// Names of an item or a variant: plain, raw, and ones that give no constant's name.
const NAMES: &[&str] = &[
    "A",
    "ToxPermission",
    "r#Foo",
    "r#type",
    "r#fn",
    "_0",
    "__",
    "_A",
    "A_",
    "_9Lives",
    "Self_",
    "Écrire",
    "_\u{301}",
];

fn soup(alphabet: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(alphabet), 0..24)
        .prop_map(|words| words.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]
    #[test]
    fn any_tokens_give_tokens_not_a_panic(item in soup(ITEM)) {
        // Unbalanced brackets are not token streams at all; rustc never passes them.
        if let Ok(item) = TokenStream::from_str(&item) {
            let _ = super::derive(item);
        }
    }

    #[test]
    fn any_keys_on_either_form_give_tokens_not_a_panic(
        set in soup(KEYS),
        row in soup(KEYS),
        newtype in any::<bool>(),
    ) {
        let item = if newtype {
            format!("#[permissions({set})] pub struct ToxPermissions(u16);")
        } else {
            format!("#[permissions({set})] pub enum ToxPermission {{ #[permission({row})] A, #[permission(value = 0x0112, composite)] B }}")
        };
        if let Ok(item) = TokenStream::from_str(&item) {
            let _ = super::derive(item);
        }
    }

    #[test]
    fn any_names_give_tokens_not_a_panic(
        item in proptest::sample::select(NAMES),
        variants in proptest::collection::vec(proptest::sample::select(NAMES), 0..4),
        set in proptest::option::of(proptest::sample::select(NAMES)),
    ) {
        let set = set.map(|s| format!("#[permissions(set = {s})]")).unwrap_or_default();
        let item = format!("{set} enum {item} {{ {} }}", variants.join(", "));
        if let Ok(item) = TokenStream::from_str(&item) {
            let _ = super::derive(item);
        }
    }
}
