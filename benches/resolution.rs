//! Our channel resolution against twilight-util's `PermissionCalculator`, on the same random
//! guilds in the same run: 8 roles × 16 overwrites and 64 roles × 256 overwrites.
//!
//! Both sides do the whole job per member: base (root) permissions from @everyone and the
//! member's roles, then the channel's overwrites and Discord's implicit rules. Inputs are
//! built beforehand, in each library's own shapes.
//!
//! Each iteration resolves a batch of different guilds holding [`OVERWRITES_PER_BATCH`]
//! overwrites in all (512 guilds of the small case, 32 of the large): too many for the branch
//! predictor to learn which overwrites apply, as no real workload lets it, and few enough to
//! stay in L2. (With 32 small guilds, it learns twilight's branches, and the small case's
//! ratio halves; that measures the predictor, not the resolver.)
//!
//! - `cargo bench --bench resolution -- --measurement-time 3`: criterion, one case after
//!   the other.
//! - `RESOLUTION_SIDE=interleaved target/release/deps/resolution-…`: both sides timed in
//!   alternating rounds, and the median ratio of the rounds; steadier when the machine's speed
//!   drifts.
//! - `benches/resolution_counts.sh`: instructions and simulated mispredictions per guild,
//!   under cachegrind; repeatable.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group};
use permissions::resolve::{self, Member, Overwrite};
use twilight_model::channel::ChannelType;
use twilight_model::channel::permission_overwrite::{PermissionOverwrite, PermissionOverwriteType};
use twilight_model::guild::Permissions;
use twilight_model::id::Id;
use twilight_model::id::marker::RoleMarker;
use twilight_util::permission_calculator::PermissionCalculator;

#[allow(dead_code)]
#[path = "../tests/common/discord.rs"]
mod discord;

use discord::{
    DISCORD_POLICY, DiscordPermissions as D, RawOverwrite, Rng, our_overwrite, twilight_overwrite,
};

const GUILD: u64 = 1;
/// How many overwrites one batch of guilds holds, whatever their size.
const OVERWRITES_PER_BATCH: usize = 8192;
/// The two cases: `(roles, overwrites)`.
const CASES: [(usize, usize); 2] = [(8, 16), (64, 256)];

/// One member in one channel, in both libraries' shapes.
struct Input {
    /// The member's id, random so that neither side sees a constant.
    member: u64,
    everyone: u64,
    /// The member's roles: `(id, permissions)`.
    roles: Vec<(u64, u64)>,
    /// `(kind, id, allow, deny)`.
    overwrites: Vec<RawOverwrite>,
}

struct Ours {
    member: u64,
    everyone: D,
    role_ids: Vec<u64>,
    role_permissions: Vec<D>,
    overwrites: Vec<Overwrite<u64, D>>,
}

struct Theirs {
    member: u64,
    everyone: Permissions,
    roles: Vec<(Id<RoleMarker>, Permissions)>,
    overwrites: Vec<PermissionOverwrite>,
}

/// A guild with `max(2 × roles, overwrites)` roles, a member who holds `roles` of them, and a
/// channel with `overwrites` overwrites in random order: @everyone, the member, and otherwise
/// three overwrites of distinct random guild roles (half of them the member's at 8 × 16, a
/// quarter at 64 × 256) for each overwrite of another member.
fn input(rng: &mut Rng, roles: usize, overwrites: usize) -> Input {
    let guild_roles = (2 * roles).max(overwrites);
    let mut ids: Vec<u64> = (0..guild_roles as u64).map(|i| 1_000 + i * 7_919).collect();
    rng.shuffle(&mut ids);
    let member = 1_000_000 + rng.below(1_000_000) as u64;
    let member_roles = ids[..roles].iter().map(|&id| (id, rng.bits())).collect();

    let mut list = vec![
        (PermissionOverwriteType::Role, GUILD, rng.bits(), rng.bits()),
        (
            PermissionOverwriteType::Member,
            member,
            rng.bits(),
            rng.bits(),
        ),
    ];
    rng.shuffle(&mut ids);
    let mut role_ids = ids.into_iter();
    for i in 2..overwrites {
        let target = match (i % 4, role_ids.next()) {
            (0, _) | (_, None) => (PermissionOverwriteType::Member, 100 + i as u64),
            (_, Some(id)) => (PermissionOverwriteType::Role, id),
        };
        list.push((target.0, target.1, rng.bits(), rng.bits()));
    }
    rng.shuffle(&mut list);
    Input {
        member,
        everyone: rng.bits(),
        roles: member_roles,
        overwrites: list,
    }
}

fn ours(input: &Input) -> Ours {
    Ours {
        member: input.member,
        everyone: D::from_bits_retain(input.everyone),
        role_ids: input.roles.iter().map(|&(id, _)| id).collect(),
        role_permissions: input
            .roles
            .iter()
            .map(|&(_, perms)| D::from_bits_retain(perms))
            .collect(),
        overwrites: input
            .overwrites
            .iter()
            .map(|&raw| our_overwrite(GUILD, raw))
            .collect(),
    }
}

fn theirs(input: &Input) -> Theirs {
    Theirs {
        member: input.member,
        everyone: Permissions::from_bits_truncate(input.everyone),
        roles: input
            .roles
            .iter()
            .map(|&(id, perms)| (Id::new(id), Permissions::from_bits_truncate(perms)))
            .collect(),
        overwrites: input
            .overwrites
            .iter()
            .map(|&raw| twilight_overwrite(raw))
            .collect(),
    }
}

#[inline(never)]
fn resolve_ours(guild: &Ours) -> D {
    let base = resolve::base_permissions(
        guild.everyone,
        guild.role_permissions.iter().copied(),
        D::empty(),
        false,
    );
    let member = Member::new(guild.member, &guild.role_ids);
    resolve::channel_permissions(base, &member, &guild.overwrites, &DISCORD_POLICY)
}

#[inline(never)]
fn resolve_theirs(guild: &Theirs) -> Permissions {
    PermissionCalculator::new(
        Id::new(GUILD),
        Id::new(guild.member),
        guild.everyone,
        &guild.roles,
    )
    .in_channel(ChannelType::GuildForum, &guild.overwrites)
}

/// The batch of one case, in both shapes, the same for every mode and every run.
fn batch(roles: usize, overwrites: usize) -> (Vec<Ours>, Vec<Theirs>) {
    let mut rng = Rng(0x5EED ^ overwrites as u64);
    // `RESOLUTION_OVERWRITES=512` shows what a learnable batch does to the small case.
    let per_batch = std::env::var("RESOLUTION_OVERWRITES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(OVERWRITES_PER_BATCH);
    let inputs: Vec<Input> = (0..(per_batch / overwrites).max(1))
        .map(|_| input(&mut rng, roles, overwrites))
        .collect();
    (
        inputs.iter().map(ours).collect(),
        inputs.iter().map(theirs).collect(),
    )
}

fn bench(c: &mut Criterion) {
    for (roles, overwrites) in CASES {
        let (our_guilds, their_guilds) = batch(roles, overwrites);
        // Same inputs, and both sides agree that something was computed.
        let sum_ours: u32 = our_guilds
            .iter()
            .map(|g| resolve_ours(g).bits().count_ones())
            .sum();
        let sum_theirs: u32 = their_guilds
            .iter()
            .map(|g| resolve_theirs(g).bits().count_ones())
            .sum();
        assert!(sum_ours > 0 && sum_theirs > 0);

        let mut group = c.benchmark_group(format!("{roles} roles x {overwrites} overwrites"));
        group.throughput(Throughput::Elements(our_guilds.len() as u64));
        group.bench_function("ours", |b| {
            b.iter(|| {
                for guild in black_box(&our_guilds) {
                    black_box(resolve_ours(guild));
                }
            });
        });
        group.bench_function("twilight", |b| {
            b.iter(|| {
                for guild in black_box(&their_guilds) {
                    black_box(resolve_theirs(guild));
                }
            });
        });
        group.finish();
    }
}

/// Under valgrind (`benches/resolution_counts.sh`): resolve `RESOLUTION_ROUNDS` times every
/// guild of one case with one side, instead of running criterion.
fn count(side: &str, case: &str) {
    let rounds: usize = std::env::var("RESOLUTION_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let (roles, overwrites) = match case {
        "small" => CASES[0],
        "large" => CASES[1],
        _ => {
            eprintln!("RESOLUTION_CASE must be small or large");
            std::process::exit(2);
        }
    };
    let (our_guilds, their_guilds) = batch(roles, overwrites);
    let mut sum = 0;
    match side {
        "ours" => {
            let guilds = our_guilds;
            for _ in 0..rounds {
                for guild in black_box(&guilds) {
                    sum += resolve_ours(guild).bits().count_ones();
                }
            }
        }
        "twilight" => {
            let guilds = their_guilds;
            for _ in 0..rounds {
                for guild in black_box(&guilds) {
                    sum += resolve_theirs(guild).bits().count_ones();
                }
            }
        }
        _ => {
            eprintln!("RESOLUTION_SIDE must be ours or twilight");
            std::process::exit(2);
        }
    }
    black_box(sum);
}

/// `RESOLUTION_SIDE=interleaved`: ours and twilight's timed in alternation, many short rounds
/// each, and the median of the per-round ratios. On a shared machine whose speed drifts, this
/// ratio is steadier than two criterion groups measured one after the other.
fn interleaved() {
    for (roles, overwrites) in CASES {
        let (our_guilds, their_guilds) = batch(roles, overwrites);
        let run_ours = || {
            for guild in black_box(&our_guilds) {
                black_box(resolve_ours(guild));
            }
        };
        let run_theirs = || {
            for guild in black_box(&their_guilds) {
                black_box(resolve_theirs(guild));
            }
        };
        // Each side's round lasts about 1 ms, so that a slow spell of the machine falls on
        // both sides of a round alike.
        let reps_for = |f: &dyn Fn()| {
            let start = std::time::Instant::now();
            for _ in 0..10 {
                f();
            }
            ((1e-3 / (start.elapsed().as_secs_f64() / 10.0)) as usize).max(1)
        };
        let (reps_ours, reps_theirs) = (reps_for(&run_ours), reps_for(&run_theirs));
        let time = |f: &dyn Fn(), reps: usize| {
            let start = std::time::Instant::now();
            for _ in 0..reps {
                f();
            }
            start.elapsed().as_secs_f64() / (reps * our_guilds.len()) as f64
        };
        let mut rounds: Vec<(f64, f64)> = (0..401)
            .map(|_| (time(&run_ours, reps_ours), time(&run_theirs, reps_theirs)))
            .collect();
        rounds.sort_by(|a, b| (a.1 / a.0).total_cmp(&(b.1 / b.0)));
        let (o, t) = rounds[rounds.len() / 2];
        let best_ours = rounds.iter().map(|r| r.0).fold(f64::MAX, f64::min);
        let best_theirs = rounds.iter().map(|r| r.1).fold(f64::MAX, f64::min);
        println!(
            "{roles} roles x {overwrites} overwrites: median round ours {:.1} ns, twilight {:.1} ns, ratio {:.2}; best ours {:.1} ns, best twilight {:.1} ns, ratio {:.2}",
            o * 1e9,
            t * 1e9,
            t / o,
            best_ours * 1e9,
            best_theirs * 1e9,
            best_theirs / best_ours
        );
    }
}

criterion_group!(benches, bench);

fn main() {
    if let Ok(side) = std::env::var("RESOLUTION_SIDE") {
        if side == "interleaved" {
            interleaved();
            return;
        }
        count(&side, &std::env::var("RESOLUTION_CASE").unwrap_or_default());
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
