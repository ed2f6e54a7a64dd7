//! The `permissions` command. Everything is in the library's `run`, which tests drive too.
#![forbid(unsafe_code)]

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    ExitCode::from(permissions_cli::run(
        std::env::args_os(),
        &mut out,
        &mut err,
    ))
}
