//! Declarations shared by the tests (and, for `discord`, the benchmark): the three seed tables
//! as the examples declare them (the enum form), and Discord's table for the differential test
//! against twilight.
#![allow(dead_code)]

pub mod discord;
#[path = "../../examples/guild.rs"]
pub mod guild;
#[path = "../../examples/network_session.rs"]
pub mod network_session;
#[path = "../../examples/tox_mod.rs"]
pub mod tox_mod;
