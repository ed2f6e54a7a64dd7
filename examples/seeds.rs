//! The three source documents as typed permission sets: a network session's names-only
//! table, Tox Mod's hex table, and a chat server's guild table by bit number.

#[path = "guild_permissions.rs"]
mod guild_permissions;
#[path = "network_session.rs"]
mod network_session;
#[path = "tox_mod.rs"]
mod tox_mod;

fn main() {
    network_session::main();
    println!("\n{}\n", "-".repeat(72));
    tox_mod::main();
    println!("\n{}\n", "-".repeat(72));
    guild_permissions::main();
}
