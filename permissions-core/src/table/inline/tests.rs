//! The inline reader against the CommonMark rules for code spans, backslash escapes,
//! character references, links and raw HTML, and GFM's footnotes, with cases of our own.

use super::*;

fn markup(raw: &str) -> Option<String> {
    name(raw).markup
}

#[test]
fn code_spans_keep_their_content_as_written() {
    assert_eq!(text("`SEND_MESSAGES`"), "SEND_MESSAGES");
    assert_eq!(text("``a ` b``"), "a ` b");
    // One space on each side is stripped, so that a span can start with a backtick.
    assert_eq!(text("`` `1 << 5` ``"), "`1 << 5`");
    assert_eq!(text("a`` ` ``b"), "a`b");
    // No escapes, references or emphasis inside.
    assert_eq!(text(r"`a\*b`"), r"a\*b");
    assert_eq!(text("`1 &lt;&lt; 0`"), "1 &lt;&lt; 0");
    assert_eq!(text("`a * b`"), "a * b");
    assert_eq!(text("`<b>x</b>`"), "<b>x</b>");
    // A run that nothing closes is literal backticks.
    assert_eq!(text("a ` b"), "a ` b");
    assert_eq!(text("``a`"), "``a`");
    assert_eq!(markup("x`"), Some("`".into()));
}

#[test]
fn backslash_escapes_ascii_punctuation_only() {
    assert_eq!(text(r"a\\b \q \_ \| \< \&lt;"), r"a\b \q _ | < &lt;");
    assert_eq!(text("trailing\\"), "trailing\\");
    // An escaped character is text, never markup.
    assert_eq!(name(r"A \[draft\]").markup, None);
    assert_eq!(name(r"A \[draft\]").text, "A [draft]");
}

#[test]
fn character_references_are_decoded_outside_code() {
    assert_eq!(text("1 &lt;&lt; 0"), "1 << 0");
    assert_eq!(text("&#60;&#x3C;&#X3c;&#124;&amp;&quot;&apos;"), "<<<|&\"'");
    assert_eq!(text("a&nbsp;b"), "a b");
    assert_eq!(text("&ndash;&mdash;&hellip;&copy;"), "–—…©");
    // Not references: no `;`, too many digits, no digits, an empty name.
    assert_eq!(text("&lt"), "&lt");
    assert_eq!(text("&#12345678;"), "&#12345678;");
    assert_eq!(text("&#x;&#;&;"), "&#x;&#;&;");
    assert_eq!(text("R&D"), "R&D");
    // A code point that is no character reads as U+FFFD.
    assert_eq!(text("&#0;&#xD800;&#x110000;"), "\u{FFFD}\u{FFFD}\u{FFFD}");
    // Case matters in names.
    assert_eq!(text("&AMP;&Amp;"), "&&Amp;");
    // A decoded character is text: `&#42;` is a star, not emphasis.
    assert_eq!(text("&#42;x&#42;"), "*x*");
    assert_eq!(text("&lt;sup&gt;"), "<sup>");
}

#[test]
fn unknown_named_references_stay_and_are_markup_in_a_name() {
    assert_eq!(text("a &bogus; b"), "a &bogus; b");
    assert_eq!(markup("Read &bogus; Write"), Some("&bogus;".into()));
    assert_eq!(name("Read &amp; Write").markup, None);
    assert_eq!(name("Read &amp; Write").text, "Read & Write");
    // A name starts with a letter: `&2fa;` is no reference, only text.
    assert_eq!(text("Use &2fa; codes"), "Use &2fa; codes");
    assert_eq!(markup("Use &2fa; codes"), None);
}

#[test]
fn the_entity_table_is_sorted_for_bisection() {
    assert!(ENTITIES.windows(2).all(|w| w[0].0 < w[1].0));
    for &(entity, c) in ENTITIES {
        let reference = alloc::format!("&{entity};");
        assert_eq!(text(&reference), String::from(c).trim(), "{entity}");
    }
}

#[test]
fn tags_are_unwrapped() {
    assert_eq!(text("<b>Bold</b> and <i>it</i>"), "Bold and it");
    assert_eq!(
        text("line<br>break<br/>and<br />more"),
        "line break and more"
    );
    assert_eq!(text("<code>SEND_MESSAGES</code>"), "SEND_MESSAGES");
    assert_eq!(
        text("see <a href=\"https://example.invalid/x?a=1&b=2\" title='t'>the docs</a>"),
        "see the docs"
    );
    assert_eq!(text("<span class=x data-y>z</span>"), "z");
    // A closing tag may have spaces before its `>`, and no `/`.
    assert_eq!(text("<b>Bold</b >"), "Bold");
    assert_eq!(text("a</b/>b"), "a</b/>b");
    // MDX: a component with an expression attribute.
    assert_eq!(text("<Tip kind={1}>note</Tip>"), "note");
    assert_eq!(text("<Tip level={1 + 2}>note</Tip>"), "note");
    // Spaces may stand around an attribute's `=`.
    assert_eq!(
        text("see <a href = \"https://example.invalid\" title= 't'>the docs</a>"),
        "see the docs"
    );
    assert_eq!(text("a<!-- hidden -->b"), "ab");
    // MDX's comments show nothing, in text and in names; an unclosed one is text.
    assert_eq!(text("all {/* note */}members"), "all members");
    assert_eq!(name("Administrator {/* since v2 */}").text, "Administrator");
    assert_eq!(markup("Administrator {/* since v2 */}"), None);
    assert_eq!(text("a {/* open"), "a {/ open");
    // Only `{/*` opens a comment: an expression followed by a stray `*/}` stays.
    assert_eq!(markup("{props.since} and */}"), Some(String::from("{")));
    assert_eq!(markup("Admin {/* open"), Some(String::from("{")));
    assert_eq!(text("<https://example.invalid>"), "https://example.invalid");
    // In text, `<sup>` is unwrapped like any tag: 2<sup>31</sup> keeps its digits.
    assert_eq!(text("2<sup>31</sup>"), "231");
}

#[test]
fn a_lone_angle_bracket_is_text_and_markup_in_a_name() {
    assert_eq!(text("1 << 5"), "1 << 5");
    assert_eq!(text("a < b > c"), "a < b > c");
    assert_eq!(text("<a"), "<a");
    assert_eq!(text("<a b=>"), "<a b=>");
    assert_eq!(text("<a b='x>"), "<a b='x>");
    assert_eq!(text("<1>"), "<1>");
    assert_eq!(text("<!-- open"), "<!-- open");
    // No autolink: a space in the target, a scheme that does not start with a
    // letter or has one character only.
    assert_eq!(
        text("<https://example.invalid/a b>"),
        "<https://example.invalid/a b>"
    );
    assert_eq!(text("<1ab:x> <a:b>"), "<1ab:x> <a:b>");
    assert_eq!(markup("Admin <x"), Some("<x".into()));
    assert_eq!(markup("Admin <x y"), Some("<x".into()));
    assert_eq!(markup("Admin <3>"), Some("<3>".into()));
}

#[test]
fn footnote_marks_never_reach_a_name() {
    for raw in [
        "Administrator*",
        r"Administrator\*",
        "**Administrator**",
        "Administrator<sup>1</sup>",
        "Administrator<sup>[1](#note)</sup>",
        "Administrator<sup><a href=\"#n1\">1</a>,<a href=\"#n2\">2</a></sup>",
        "Administrator <SUP>*</SUP>",
        "Administrator[^1]",
        "Administrator[^note]",
        "<b>Administrator</b>",
        "<code>Administrator</code>",
        "[Administrator](#administrator)",
        "[Administrator][admin]",
        "Administrator<br>",
        "![icon](admin.png) Administrator",
    ] {
        assert_eq!(
            name(raw),
            Unwrapped {
                text: "Administrator".into(),
                markup: None
            },
            "{raw}"
        );
    }
    // A mark inside the name: the text after it stays.
    assert_eq!(name("Kick<sup>1</sup> Members").text, "Kick Members");
    // An unclosed `<sup>` loses only its tag.
    assert_eq!(name("Admin<sup>1").text, "Admin1");
}

#[test]
fn markup_left_in_a_name_is_reported() {
    assert_eq!(markup("Admin [draft]"), Some("[".into()));
    assert_eq!(markup("Admin]"), Some("]".into()));
    assert_eq!(markup("{props.name}"), Some("{".into()));
    assert_eq!(markup("Plain Name"), None);
    assert_eq!(markup("manage_emojis (legacy)"), None);
    // Only the first is reported.
    assert_eq!(markup("{a} [b]"), Some("{".into()));
}

#[test]
fn links_images_and_footnotes() {
    assert_eq!(
        text("see [the docs](https://x.invalid) now"),
        "see the docs now"
    );
    assert_eq!(text("[draft] only"), "[draft] only");
    assert_eq!(text("[a](b"), "[a](b");
    assert_eq!(text("[^"), "[^");
    assert_eq!(text("[[x]](y) [^]"), "[[x]](y) [^]");
    assert_eq!(text("[**bold** link](u)"), "bold link");
    assert_eq!(text("![alt](img.png)"), "");
    assert_eq!(text("wow!"), "wow!");
    assert_eq!(text("![no link"), "![no link");
    // A `!` before anything but `[` opens no image.
    assert_eq!(text("Hi!x](y)"), "Hi!x](y)");
    assert_eq!(text("[a][]"), "a");
    assert_eq!(text("[a][b"), "[a][b");
    // The link ends at the first `)` after its `(`, wherever else the text has one.
    assert_eq!(text("[f(x)](u) and (y)"), "f(x) and (y)");
    assert_eq!(text("[f(x)](u"), "[f(x)](u");
    // An unclosed `[` before a link is text; the link is the innermost pair.
    assert_eq!(text("[see [the docs](u)"), "[see the docs");
    assert_eq!(text("[![icon](i.png)"), "[");
    // An escaped bracket or parenthesis is text: it neither opens nor closes a link.
    assert_eq!(text(r"[a\](u)"), "[a](u)");
    assert_eq!(text(r"[see \[x](u)"), "see [x");
    assert_eq!(text(r"[a](u\))"), "a");
    // Backslashes escape in pairs: after `\\` the bracket closes the link.
    assert_eq!(text(r"[a\\](u)"), r"a\");
    assert_eq!(text(r"[a\\\](u)"), r"[a\](u)");
}

#[test]
fn whitespace_collapses() {
    assert_eq!(text("  many   spaces\there "), "many spaces here");
    assert_eq!(text("**Administrator**\\*"), "Administrator*");
    assert_eq!(text("Administrator*"), "Administrator");
}
