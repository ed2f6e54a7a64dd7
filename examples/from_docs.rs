//! The documents are the source of truth: the three permission sets derived straight from the
//! Markdown tables in `docs/`, with no copy of the table in Rust. Editing a document rebuilds
//! the set; an inconsistent document is a compile error naming its file and line.
use permissions::{PermissionSet, Requirement};

/// Tox Mod client permissions, from `docs/tox_mod.md` (Permission | Value | Description).
#[derive(PermissionSet)]
#[permissions(markdown = "docs/tox_mod.md", default = SEND_MESSAGES, bypass = ADMINISTRATOR)]
pub struct ToxPermissions(u16);

/// Guild permissions, from the "Guild Permissions" section of `docs/guild.md`
/// (Permission | Bit Number | Bit Position | Description).
#[derive(PermissionSet)]
#[permissions(markdown = "docs/guild.md", section = "Guild Permissions", bypass = ADMINISTRATOR)]
pub struct GuildPermissions(u32);

/// Text channel permissions, from the section seed 002 left empty, which our document fills.
#[derive(PermissionSet)]
#[permissions(markdown = "docs/guild.md", section = "Text Channel Permissions")]
pub struct TextChannelPermissions(u32);

/// Network session permissions, from `docs/network_session.md`: names only, so the rows are
/// numbered in order, and USER holds PUBLIC.
#[derive(PermissionSet)]
#[permissions(
    markdown = "docs/network_session.md",
    auto_bits,
    implies(USER = PUBLIC),
    default = PUBLIC
)]
pub struct SessionPermissions(u16);

fn table<S: PermissionSet>(title: &str) {
    println!("{title}");
    for row in S::ROWS {
        let mut hex = String::from("0x");
        permissions::bitflags::parser::WriteHex::write_hex(&row.value().bits(), &mut hex)
            .expect("writing to a String");
        println!("  {:<26} {hex:<12} {:?}", row.name(), row.kind());
    }
    println!();
}

fn main() {
    table::<ToxPermissions>("docs/tox_mod.md");
    println!(
        "  default {:#06x}, ADMINISTRATOR grants MANAGE_SETTINGS: {}\n",
        ToxPermissions::DEFAULT.bits(),
        ToxPermissions::ADMINISTRATOR.grants(ToxPermissions::MANAGE_SETTINGS)
    );
    table::<GuildPermissions>("docs/guild.md, Guild Permissions");
    println!(
        "  reserved (\"Not Used\") bits: {:#05b}; 2147483656 = {}\n",
        GuildPermissions::RESERVED.bits(),
        GuildPermissions::from_bits_retain(2_147_483_656)
    );
    table::<TextChannelPermissions>("docs/guild.md, Text Channel Permissions");
    table::<SessionPermissions>("docs/network_session.md");
    let anonymous = SessionPermissions::DEFAULT;
    match anonymous.check(&Requirement::All(SessionPermissions::USER)) {
        Ok(()) => println!("  an anonymous session may run USER methods"),
        Err(denied) => println!("  an anonymous session may not run USER methods: {denied}"),
    }
}
