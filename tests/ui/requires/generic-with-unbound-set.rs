#![allow(unused_variables)]
#[path = "../support.rs"]
mod support;
use permissions::{HasPermissions, requires};
use support::*;

// The holder is generic and its set unbound: a bare name cannot be resolved.
#[requires(MANAGE_SETTINGS)]
fn update_settings<H: HasPermissions + Sync>(holder: &H) -> Result<(), ApiError> {
    Ok(())
}

// A path does not help: no flag has the type of an unbound set.
#[requires(ToxPermissions::MANAGE_SETTINGS)]
fn update_path<H: HasPermissions>(holder: &H) -> Result<(), ApiError> {
    Ok(())
}

// Bound, it is fine.
#[requires(MANAGE_SETTINGS)]
fn update_more<H>(holder: &H) -> Result<(), ApiError>
where
    H: HasPermissions<Set = ToxPermissions> + Sync,
{
    Ok(())
}

fn main() {}
