//! "Who in this guild may view this channel": one channel of a guild with 250 roles (each
//! member holding 0 to 20 of them) and 500 overwrites, for 100,000 members, in the same run:
//!
//! - `prepared`: `Roles::new` and `Channel::new` (both inside the timed loop), then
//!   `channel.members_with(&roles, members, &policy, VIEW_CHANNEL)`;
//! - `ours per member`: a loop of `base_permissions` and `channel_permissions` per member;
//! - `twilight per member`: a loop of twilight-util's `PermissionCalculator::in_channel`.
//!
//! The loops get each member's role permissions by array index, the cheapest lookup there
//! is, and twilight's overwrites already in its shape; only the prepared side builds anything
//! in the timed loop. All three count the same viewers (checked before timing).
//!
//! A second group times the prepared path alone at 10,000, 100,000 and 1,000,000 members, to
//! show that it grows linearly. Before criterion runs, the bench prints the heap bytes of the
//! prepared channel and roles, from their tables' (and the channel's filter's) capacities:
//! preparing allocates nothing else, so that is also the peak.
//!
//! `cargo bench --bench resolution_members`: about two minutes on two cores.
//! `RESOLUTION_MEMBERS=interleaved target/release/deps/resolution_members-…`: the same
//! comparison in alternating rounds, with the median ratio of the rounds (steadier on a
//! shared machine). `benches/resolution_counts.sh`: instructions and simulated
//! mispredictions per member, under cachegrind.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group};
use permissions::PermissionSet;
use permissions::resolve::{self, Channel, Member, Overwrite, Roles, Target};
use twilight_model::channel::ChannelType;
use twilight_model::channel::permission_overwrite::{PermissionOverwrite, PermissionOverwriteType};
use twilight_model::guild::Permissions;
use twilight_model::id::Id;
use twilight_model::id::marker::RoleMarker;
use twilight_util::permission_calculator::PermissionCalculator;

#[allow(dead_code)]
#[path = "../tests/common/discord.rs"]
mod discord;

use discord::{DISCORD_POLICY, DiscordPermissions as D, Rng, twilight_overwrite};

const GUILD: u64 = 81_384_788_765_712_384;
const ROLES: usize = 250;
const MAX_ROLES_PER_MEMBER: usize = 20;
/// The channel's overwrites: @everyone, `ROLE_OVERWRITES` roles, and members for the rest.
const OVERWRITES: usize = 500;
const ROLE_OVERWRITES: usize = 200;

/// The guild: its roles, its members (their role ids flattened, with the same roles as
/// indices into `roles` for the per-member loops), and one channel's overwrites.
struct Guild {
    everyone: D,
    /// `(id, permissions)`; ids look like snowflakes.
    roles: Vec<(u64, D)>,
    member_ids: Vec<u64>,
    owner: u64,
    timed_out: Vec<bool>,
    /// Member `i`'s roles are `role_ids[starts[i]..starts[i + 1]]`, and the same as indices.
    starts: Vec<usize>,
    role_ids: Vec<u64>,
    role_indices: Vec<u8>,
    overwrites: Vec<Overwrite<u64, D>>,
}

impl Guild {
    fn new(members: usize) -> Guild {
        let mut rng = Rng(0x5EED);
        let role_id = |i: usize| GUILD + 1 + (i as u64) * 4_194_304 * 97;
        // Two roles bypass: few members hold them (the admin role is one of 250, picked 0-20
        // times per member, so about 4% of members hold it).
        let roles: Vec<(u64, D)> = (0..ROLES)
            .map(|i| {
                let flags = rng.flags();
                (role_id(i), if i == 7 { D::ADMINISTRATOR } else { flags })
            })
            .collect();
        let member_ids: Vec<u64> = (0..members as u64)
            .map(|i| GUILD + (i + 1).wrapping_mul(0x2545_F491_4F6C_DD1D) % (1 << 62))
            .collect();
        let mut starts = vec![0];
        let (mut role_ids, mut role_indices) = (Vec::new(), Vec::new());
        let mut timed_out = Vec::with_capacity(members);
        for _ in 0..members {
            for _ in 0..rng.below(MAX_ROLES_PER_MEMBER + 1) {
                let index = rng.below(ROLES);
                role_ids.push(role_id(index));
                role_indices.push(index as u8);
            }
            starts.push(role_ids.len());
            timed_out.push(rng.below(100) == 0);
        }
        // @everyone may not view the channel: roles and members' own overwrites decide.
        let mut overwrites = vec![Overwrite::everyone().deny(D::VIEW_CHANNEL)];
        for i in 0..ROLE_OVERWRITES {
            let index = (i * 5 + 3) % ROLES;
            let (allow, deny) = (rng.flags(), rng.flags());
            overwrites.push(Overwrite::new(Target::Role(role_id(index)), allow, deny));
        }
        while overwrites.len() < OVERWRITES {
            let member = member_ids.get(rng.below(members)).copied().unwrap_or(0);
            let (allow, deny) = (rng.flags(), rng.flags());
            overwrites.push(Overwrite::new(Target::Member(member), allow, deny));
        }
        Guild {
            everyone: D::VIEW_CHANNEL | D::SEND_MESSAGES | D::READ_MESSAGE_HISTORY,
            roles,
            owner: member_ids.first().copied().unwrap_or(0),
            member_ids,
            timed_out,
            starts,
            role_ids,
            role_indices,
            overwrites,
        }
    }

    fn len(&self) -> usize {
        self.member_ids.len()
    }

    fn member(&self, i: usize) -> Member<'_, u64> {
        let id = self.member_ids[i];
        Member::new(id, &self.role_ids[self.starts[i]..self.starts[i + 1]])
            .with_owner(id == self.owner)
            .with_timeout(self.timed_out[i])
    }

    fn indices(&self, i: usize) -> &[u8] {
        &self.role_indices[self.starts[i]..self.starts[i + 1]]
    }

    /// Twilight's shapes: the overwrites, with @everyone's as Discord sends it.
    fn twilight_overwrites(&self) -> Vec<PermissionOverwrite> {
        self.overwrites
            .iter()
            .map(|overwrite| {
                let (kind, id) = match overwrite.target {
                    Target::Everyone => (PermissionOverwriteType::Role, GUILD),
                    Target::Role(id) => (PermissionOverwriteType::Role, id),
                    Target::Member(id) => (PermissionOverwriteType::Member, id),
                };
                twilight_overwrite((kind, id, overwrite.allow.bits(), overwrite.deny.bits()))
            })
            .collect()
    }
}

/// The prepared path, preparing included.
fn prepared(guild: &Guild) -> usize {
    let roles = Roles::new(guild.everyone, guild.roles.iter().copied());
    let channel = Channel::new(&guild.overwrites);
    let members = (0..guild.len()).map(|i| (guild.member(i), D::empty()));
    channel
        .members_with(&roles, members, &DISCORD_POLICY, D::VIEW_CHANNEL)
        .count()
}

/// Our per-member functions in a loop.
fn ours_per_member(guild: &Guild) -> usize {
    (0..guild.len())
        .filter(|&i| {
            let member = guild.member(i);
            let held = guild
                .indices(i)
                .iter()
                .map(|&index| guild.roles[usize::from(index)].1);
            let base = resolve::base_permissions(guild.everyone, held, D::empty(), member.is_owner);
            let channel =
                resolve::channel_permissions(base, &member, &guild.overwrites, &DISCORD_POLICY);
            channel.grants(D::VIEW_CHANNEL)
        })
        .count()
}

/// twilight-util's calculator in a loop; each member's roles copied into a reused buffer.
fn twilight_per_member(guild: &Guild, overwrites: &[PermissionOverwrite]) -> usize {
    let roles: Vec<(Id<RoleMarker>, Permissions)> = guild
        .roles
        .iter()
        .map(|&(id, perms)| (Id::new(id), Permissions::from_bits_truncate(perms.bits())))
        .collect();
    let everyone = Permissions::from_bits_truncate(guild.everyone.bits());
    let mut buffer = Vec::with_capacity(MAX_ROLES_PER_MEMBER);
    (0..guild.len())
        .filter(|&i| {
            buffer.clear();
            buffer.extend(
                guild
                    .indices(i)
                    .iter()
                    .map(|&index| roles[usize::from(index)]),
            );
            let id = guild.member_ids[i];
            PermissionCalculator::new(Id::new(GUILD), Id::new(id), everyone, &buffer)
                .owner_id(Id::new(guild.owner))
                .in_channel(ChannelType::GuildText, overwrites)
                .contains(Permissions::VIEW_CHANNEL)
        })
        .count()
}

fn report_memory(guild: &Guild) {
    let channel = Channel::new(&guild.overwrites);
    let roles = Roles::new(guild.everyone, guild.roles.iter().copied());
    println!(
        "prepared channel, {OVERWRITES} overwrites: {} bytes on the heap + {} inline; \
         prepared roles, {ROLES} roles: {} bytes on the heap + {} inline",
        channel.heap_bytes(),
        size_of::<Channel<u64, D>>(),
        roles.heap_bytes(),
        size_of::<Roles<u64, D>>(),
    );
}

fn bench(c: &mut Criterion) {
    let guild = Guild::new(100_000);
    let overwrites = guild.twilight_overwrites();
    let viewers = prepared(&guild);
    // The three sides agree, and the channel is neither empty nor open to all. Twilight
    // departs from Discord's rules (see tests/twilight_differential.rs), but not on who may
    // view a text channel.
    assert_eq!(ours_per_member(&guild), viewers);
    assert_eq!(twilight_per_member(&guild, &overwrites), viewers);
    assert!(viewers > guild.len() / 10 && viewers < guild.len() * 9 / 10);
    println!("100,000 members: {viewers} may view the channel");
    report_memory(&guild);

    let mut group = c.benchmark_group("who may view, 100k members");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .throughput(Throughput::Elements(guild.len() as u64));
    group.bench_function("prepared members_with", |b| {
        b.iter(|| prepared(black_box(&guild)));
    });
    group.bench_function("ours per member", |b| {
        b.iter(|| ours_per_member(black_box(&guild)));
    });
    group.bench_function("twilight per member", |b| {
        b.iter(|| twilight_per_member(black_box(&guild), black_box(&overwrites)));
    });
    group.finish();
    drop(guild);

    let mut group = c.benchmark_group("prepared members_with, by members");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    for members in [10_000, 100_000, 1_000_000] {
        let guild = Guild::new(members);
        group.throughput(Throughput::Elements(members as u64));
        group.bench_with_input(BenchmarkId::from_parameter(members), &guild, |b, guild| {
            b.iter(|| prepared(black_box(guild)));
        });
    }
    group.finish();
}

/// `RESOLUTION_MEMBERS=prepared` (or `ours`, `twilight`), for cachegrind: one side only,
/// `RESOLUTION_ROUNDS` times over 100,000 members.
fn count(side: &str) {
    let guild = Guild::new(100_000);
    let overwrites = guild.twilight_overwrites();
    let rounds: usize = std::env::var("RESOLUTION_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut viewers = 0;
    for _ in 0..rounds {
        viewers += match side {
            "prepared" => prepared(black_box(&guild)),
            "ours" => ours_per_member(black_box(&guild)),
            _ => twilight_per_member(black_box(&guild), black_box(&overwrites)),
        };
    }
    black_box(viewers);
}

/// `RESOLUTION_MEMBERS=interleaved`: the three sides at 100,000 members timed in alternating
/// rounds, and the median of the per-round ratios: steadier than criterion's groups, which run
/// one after the other, on a shared machine whose speed drifts. Then the prepared path at
/// 10,000, 100,000 and 1,000,000 members, also in alternating rounds.
fn interleaved() {
    let guild = Guild::new(100_000);
    let overwrites = guild.twilight_overwrites();
    let time = |f: &dyn Fn() -> usize| {
        let start = std::time::Instant::now();
        black_box(f());
        start.elapsed().as_secs_f64() / guild.len() as f64
    };
    let rounds = std::env::var("RESOLUTION_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(31);
    let mut times: Vec<[f64; 3]> = (0..rounds)
        .map(|_| {
            [
                time(&|| prepared(&guild)),
                time(&|| ours_per_member(&guild)),
                time(&|| twilight_per_member(&guild, &overwrites)),
            ]
        })
        .collect();
    let median = |times: &mut Vec<[f64; 3]>, key: &dyn Fn(&[f64; 3]) -> f64| {
        times.sort_by(|a, b| key(a).total_cmp(&key(b)));
        key(&times[times.len() / 2])
    };
    let prepared_ns = median(&mut times, &|t| t[0]) * 1e9;
    let ours_ns = median(&mut times, &|t| t[1]) * 1e9;
    let twilight_ns = median(&mut times, &|t| t[2]) * 1e9;
    let ours_ratio = median(&mut times, &|t| t[1] / t[0]);
    let twilight_ratio = median(&mut times, &|t| t[2] / t[0]);
    println!(
        "{rounds} rounds, per member (medians): prepared {prepared_ns:.1} ns, ours per member \
         {ours_ns:.1} ns, twilight per member {twilight_ns:.1} ns; median ratio of the rounds: \
         ours per member / prepared {ours_ratio:.1}x, twilight / prepared {twilight_ratio:.1}x"
    );

    // Growth: the prepared path at three sizes, in alternating rounds too.
    let guilds: Vec<Guild> = [10_000, 100_000, 1_000_000].map(Guild::new).into();
    let mut per_member: Vec<Vec<f64>> = vec![Vec::new(); guilds.len()];
    for _ in 0..rounds {
        for (guild, times) in guilds.iter().zip(&mut per_member) {
            let start = std::time::Instant::now();
            black_box(prepared(guild));
            times.push(start.elapsed().as_secs_f64() / guild.len() as f64);
        }
    }
    for (guild, mut times) in guilds.iter().zip(per_member) {
        times.sort_by(f64::total_cmp);
        println!(
            "prepared, {} members: {:.1} ns per member (median of {rounds} rounds)",
            guild.len(),
            times[times.len() / 2] * 1e9
        );
    }
}

criterion_group!(benches, bench);

fn main() {
    match std::env::var("RESOLUTION_MEMBERS").as_deref() {
        Ok("interleaved") => return interleaved(),
        Ok(side @ ("prepared" | "ours" | "twilight")) => return count(side),
        Ok(other) => {
            eprintln!(
                "RESOLUTION_MEMBERS must be interleaved, prepared, ours or twilight, not {other:?}"
            );
            std::process::exit(2);
        }
        Err(_) => {}
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
