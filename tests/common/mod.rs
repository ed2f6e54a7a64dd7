//! Declarations shared by the tests (and, for `discord`, the benchmark): the three seed tables
//! as the examples declare them (the enum form, and the Markdown form of `from_docs`), and Discord's table for the differential test
//! against twilight.
#![allow(dead_code)]

pub mod discord;
#[path = "../../examples/from_docs.rs"]
pub mod from_docs;
#[path = "../../examples/guild_permissions.rs"]
pub mod guild;
#[path = "../../examples/network_session.rs"]
pub mod network_session;
#[path = "../../examples/tox_mod.rs"]
pub mod tox_mod;
