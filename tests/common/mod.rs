//! Declarations shared by several test files and the benchmark.

pub mod discord;
