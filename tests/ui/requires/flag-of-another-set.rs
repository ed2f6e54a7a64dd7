#![allow(unused_variables)]
#[path = "../support.rs"]
mod support;
use permissions::requires;
use support::*;

#[requires(GuildPermissions::BAN_MEMBERS)]
fn ban(session: &Session) -> Result<(), ApiError> {
    Ok(())
}

fn main() {}
