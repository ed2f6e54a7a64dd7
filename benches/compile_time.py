#!/usr/bin/env python3
"""Build-time budget: a user crate written with `permissions` against the same crate written
by hand with `bitflags!` and manual `contains` checks.

Generates, in a scratch folder, two crates with SETS permission sets of ROWS rows each and FNS
guarded functions, then times `cargo build` (whole process, wall clock) for each:
  cold         fresh target folder, dependencies included
  incremental  the user crate alone, after a one-line change to one function
Our crates are path dependencies here, but each scratch crate's profile builds every dependency
without incremental compilation, as cargo does for crates from a registry, so that a cold build
costs what it costs a user (incremental compilation of a path dependency made our proc-macro
crate about 1.6 times as expensive to build, a cost no user pays).
The two crates take turns, run by run, and it prints the medians over RUNS runs and the
median of the runs' ratios. It also times the proc-macro crate's own
cold build against enumflags2's, in the same run.

First, the floor: what every user pays for the derive. A small crate that derives one set (Tox
Mod's table) is built cold against the same crate built with a trivial derive that parses its
input with syn (its default features) and emits an empty impl: the cheapest derive written
the usual way. The ratio is the median of the runs' ratios.

    python3 benches/compile_time.py [--sets 10] [--rows 32] [--fns 500] [--runs 5] [--floor-only]

Only the registry's crates are needed (they are fetched once, then builds run offline).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def camel(i, j):
    return f"Row{i}x{j}"


def screaming(i, j):
    return f"ROW{i}X{j}"


def ours(sets, rows, fns):
    out = ["#![allow(dead_code, unused_variables)]",
           "use permissions::{Denied, HasPermissions, PermissionSet, requires};", ""]
    for i in range(sets):
        out.append("#[derive(PermissionSet)]")
        out.append(f"#[permissions(bits = u32, set = Set{i})]")
        out.append(f"pub enum Perm{i} {{")
        for j in range(rows):
            out.append(f"    /// Row {j} of set {i}.")
            out.append(f"    #[permission(bit = {j})]")
            out.append(f"    {camel(i, j)},")
        out.append("}")
        out.append(f"pub struct Session{i}(pub Set{i});")
        out.append(f"impl HasPermissions for Session{i} {{ type Set = Set{i}; "
                   f"fn permissions(&self) -> Set{i} {{ self.0 }} }}")
        out.append("")
    for k in range(fns):
        i, j = k % sets, k % rows
        out.append(f"#[requires({screaming(i, j)})]")
        out.append(f"pub fn handler{k}(session: &Session{i}, x: u32) -> Result<u32, Denied<Set{i}>> "
                   f"{{ Ok(x + {k}) }}")
    return "\n".join(out) + "\n"


def by_hand(sets, rows, fns):
    out = ["#![allow(dead_code, unused_variables)]", "use bitflags::bitflags;", "",
           "#[derive(Debug)]", "pub struct Denied;", ""]
    for i in range(sets):
        out.append("bitflags! {")
        out.append("    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]")
        out.append(f"    pub struct Set{i}: u32 {{")
        for j in range(rows):
            out.append(f"        /// Row {j} of set {i}.")
            out.append(f"        const {screaming(i, j)} = 1 << {j};")
        out.append("    }")
        out.append("}")
        out.append(f"pub struct Session{i}(pub Set{i});")
        out.append("")
    for k in range(fns):
        i, j = k % sets, k % rows
        out.append(f"pub fn handler{k}(session: &Session{i}, x: u32) -> Result<u32, Denied> {{")
        out.append(f"    if !session.0.contains(Set{i}::{screaming(i, j)}) {{ return Err(Denied); }}")
        out.append(f"    Ok(x + {k})")
        out.append("}")
    return "\n".join(out) + "\n"


TOX_ROWS = [("Administrator", "0x0001", ", bypass", "Grants all permissions"),
            ("ViewPublicLogs", "0x0002", "", "Allows viewing any action logged in a public channel"),
            ("ViewSettings", "0x0100", "", "Allows viewing settings for the guild"),
            ("SendMessages", "0x0112", ", composite",
             "Allows Sending Messages and Executing Base Level Commands"),
            ("ManageSettings", "0x0200", "", "Allows modifying settings for the guild")]


def one_set(derive, use):
    """Tox Mod's table, derived with `derive`."""
    out = [use, "", f"#[derive({derive})]",
           "#[permissions(bits = u16, set = ToxPermissions, default = SEND_MESSAGES)]",
           "pub enum ToxPermission {"]
    for name, value, flags, doc in TOX_ROWS:
        out += [f"    /// {doc}", f"    #[permission(value = {value}{flags})]", f"    {name},"]
    return "\n".join(out + ["}"]) + "\n"


# The floor's syn: its default features (derive, parsing, printing, clone-impls, proc-macro),
# what a derive crate gets when it writes `syn = "3"`.
FLOOR_SYN = '"3.0"'


def floor_derive(path):
    """The cheapest derive there is: parse with syn, emit an empty impl."""
    (path / "src").mkdir(parents=True, exist_ok=True)
    (path / "Cargo.toml").write_text(
        '[package]\nname = "floor_derive"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n'
        '[lib]\nproc-macro = true\n\n'
        f'[dependencies]\nproc-macro2 = "1.0"\nquote = "1.0"\nsyn = {FLOOR_SYN}\n')
    (path / "src" / "lib.rs").write_text(
        "use proc_macro::TokenStream;\n\n"
        "#[proc_macro_derive(Floor, attributes(permissions, permission))]\n"
        "pub fn floor(input: TokenStream) -> TokenStream {\n"
        "    let input = syn::parse_macro_input!(input as syn::DeriveInput);\n"
        "    let name = &input.ident;\n"
        "    quote::quote!(impl #name {}).into()\n"
        "}\n")


def floor(scratch, runs):
    """Cold build of one derived set against the floor derive's; returns the ratio."""
    ours_crate, floor_crate = scratch / "one_set", scratch / "one_set_floor"
    write_crate(ours_crate, "one_set", f'permissions = {{ path = "{ROOT}" }}',
                one_set("PermissionSet", "use permissions::PermissionSet;"))
    floor_derive(scratch / "floor_derive")
    write_crate(floor_crate, "one_set_floor", 'floor_derive = { path = "../floor_derive" }',
                one_set("Floor", "use floor_derive::Floor;"))
    for crate in (ours_crate, floor_crate):
        subprocess.run(["cargo", "fetch", "-q"], cwd=crate, check=True)
    times = {ours_crate.name: [], floor_crate.name: []}
    for _ in range(runs):
        for crate in (ours_crate, floor_crate):
            target = scratch / f"target-{crate.name}"
            shutil.rmtree(target, ignore_errors=True)
            times[crate.name].append(timed_build(crate, target))
    print(f"one derived set, cold, median of {runs} runs (seconds)")
    for name, runs_of in times.items():
        print(f"  {name:<18} cold {statistics.median(runs_of):6.2f}   "
              f"(runs {', '.join(f'{r:.2f}' for r in runs_of)})")
    ratio = statistics.median(a / b for a, b in zip(times[ours_crate.name], times[floor_crate.name]))
    print(f"  ratio permissions / floor derive, median of the runs' ratios: cold {ratio:.2f}")
    for crate in (ours_crate, floor_crate):
        cpu_by_crate(crate, scratch)
    return ratio


def cpu_by_crate(crate, scratch):
    """One more cold build of `crate`, with this script as rustc's wrapper: the CPU seconds
    (user + system) of each rustc run, which a loaded machine inflates far less than wall time.
    The crates on the path after syn are what separates a derive from the floor."""
    target = scratch / f"target-cpu-{crate.name}"
    shutil.rmtree(target, ignore_errors=True)
    log = scratch / f"cpu-{crate.name}.log"
    log.unlink(missing_ok=True)
    env = dict(os.environ, CARGO_TARGET_DIR=str(target), RUSTC_WRAPPER=str(Path(__file__).resolve()),
               COMPILE_TIME_CPU_LOG=str(log))
    env.pop("CARGO_INCREMENTAL", None)
    subprocess.run(["cargo", "build", "--offline", "-q"], cwd=crate, env=env, check=True)
    rows = [line.split("\t") for line in log.read_text().splitlines()]
    total = sum(float(cpu) for cpu, _ in rows)
    print(f"  {crate.name}: CPU seconds per rustc run, cold (total {total:.2f})")
    for cpu, what in sorted(rows, key=lambda r: -float(r[0])):
        if float(cpu) >= 0.02:
            print(f"    {float(cpu):6.2f}  {what}")


def as_rustc_wrapper():
    """Run as RUSTC_WRAPPER: rustc's arguments follow; log its CPU time, crate and features."""
    rustc, args = sys.argv[1], sys.argv[2:]
    name = args[args.index("--crate-name") + 1] if "--crate-name" in args else "?"
    if name in ("?", "___"):  # cargo asking rustc what it is and supports
        os.execv(rustc, [rustc] + args)
    features = [a.split('"')[1] for a in args if a.startswith('feature="')]
    child = subprocess.Popen([rustc] + args, close_fds=False)  # keep cargo's jobserver
    _, status, usage = os.wait4(child.pid, 0)
    what = name + (f" ({', '.join(features)})" if features else "")
    with open(os.environ["COMPILE_TIME_CPU_LOG"], "a") as log:
        log.write(f"{usage.ru_utime + usage.ru_stime:.3f}\t{what}\n")
    sys.exit(os.waitstatus_to_exitcode(status))


def write_crate(path, name, deps, source):
    (path / "src").mkdir(parents=True, exist_ok=True)
    (path / "Cargo.toml").write_text(
        f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n'
        f"[dependencies]\n{deps}\n\n[workspace]\n\n"
        # Built as a user gets them from a registry: dependencies are never compiled
        # incrementally there, only the user's own crate is.
        '[profile.dev.package."*"]\nincremental = false\n')
    (path / "src" / "lib.rs").write_text(source)


def timed_build(crate, target):
    env = dict(os.environ, CARGO_TARGET_DIR=str(target))
    env.pop("CARGO_INCREMENTAL", None)  # the profiles above decide
    start = time.perf_counter()
    done = subprocess.run(["cargo", "build", "--offline", "-q"], cwd=crate, env=env,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"build of {crate} failed:\n{done.stderr}")
    return elapsed


def touch_one_line(crate, run):
    lib = crate / "src" / "lib.rs"
    text = lib.read_text()
    marker = "Ok(x + 0)"
    new = f"Ok(x + {1000 + run})"
    lib.write_text(text.replace(marker, new, 1) if marker in text else
                   text.replace(f"Ok(x + {999 + run})", new, 1))


def measure_once(crate, scratch, run):
    """One cold build from an empty target folder, then one incremental build after a change."""
    target = scratch / f"target-{crate.name}"
    shutil.rmtree(target, ignore_errors=True)
    cold = timed_build(crate, target)
    touch_one_line(crate, run)
    return cold, timed_build(crate, target)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", type=int, default=10)
    ap.add_argument("--rows", type=int, default=32)
    ap.add_argument("--fns", type=int, default=500)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder")
    ap.add_argument("--audit", action="store_true",
                    help="build `permissions` with its `audit` registry (off by default)")
    ap.add_argument("--skip-macro-crates", action="store_true",
                    help="skip the proc-macro crate against enumflags2")
    ap.add_argument("--floor-only", action="store_true",
                    help="only the cold build of one derived set against the floor derive")
    args = ap.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="permissions-compile-time-"))
    print(f"load average before: {os.getloadavg()[0]:.2f} (on {os.cpu_count()} cores)")
    floor(scratch, args.runs)
    if args.floor_only:
        print(f"load average after: {os.getloadavg()[0]:.2f}")
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
        return
    a, b = scratch / "with_permissions", scratch / "with_bitflags"
    features = ', features = ["audit"]' if args.audit else ""
    write_crate(a, "with_permissions",
                f'permissions = {{ path = "{ROOT}"{features} }}', ours(args.sets, args.rows, args.fns))
    write_crate(b, "with_bitflags", 'bitflags = "2.13"', by_hand(args.sets, args.rows, args.fns))
    for crate in (a, b):  # fetch once, then every timed build runs offline
        subprocess.run(["cargo", "fetch", "-q"], cwd=crate, check=True)

    print(f"{args.sets} sets x {args.rows} rows, {args.fns} guarded functions, "
          f"median of {args.runs} runs (seconds)")
    # The two crates take turns, run by run, so that a machine whose speed drifts slows both
    # alike; each run's ratios are taken within the run.
    runs = {a.name: [], b.name: []}
    for run in range(args.runs):
        for crate in (a, b):
            runs[crate.name].append(measure_once(crate, scratch, run))
    for crate in (a, b):
        colds = [c for c, _ in runs[crate.name]]
        warms = [w for _, w in runs[crate.name]]
        print(f"  {crate.name:<18} cold {statistics.median(colds):6.2f}  "
              f"incremental {statistics.median(warms):6.2f}   "
              f"(cold runs {', '.join(f'{c:.2f}' for c in colds)}; "
              f"incremental runs {', '.join(f'{w:.2f}' for w in warms)})")
    pairs = list(zip(runs[a.name], runs[b.name]))
    cold_ratio = statistics.median(ca / cb for (ca, _), (cb, _) in pairs)
    warm_ratio = statistics.median(wa / wb for (_, wa), (_, wb) in pairs)
    print(f"  ratio permissions / bitflags, median of the runs' ratios: cold {cold_ratio:.2f}, "
          f"incremental {warm_ratio:.2f}")

    if args.skip_macro_crates:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
        return
    # The proc-macro crates on their own, cold, against enumflags2 (its derive included).
    pm = scratch / "macro_only"
    ef = scratch / "enumflags_only"
    write_crate(pm, "macro_only", f'permissions-macros = {{ path = "{ROOT}/permissions-macros" }}', "")
    write_crate(ef, "enumflags_only", 'enumflags2 = "0.7"', "")
    for crate in (pm, ef):
        subprocess.run(["cargo", "fetch", "-q"], cwd=crate, check=True)
    times = {}
    for crate in (pm, ef):
        runs = []
        for _ in range(args.runs):
            target = scratch / f"target-{crate.name}"
            shutil.rmtree(target, ignore_errors=True)
            runs.append(timed_build(crate, target))
        times[crate.name] = statistics.median(runs)
        print(f"  {crate.name:<18} cold {times[crate.name]:6.2f}   (runs {', '.join(f'{r:.2f}' for r in runs)})")
    print(f"  ratio permissions-macros / enumflags2: {times['macro_only'] / times['enumflags_only']:.2f}")
    if not args.keep:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    if os.environ.get("COMPILE_TIME_CPU_LOG"):
        as_rustc_wrapper()
    else:
        main()
