#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server: a fresh cluster in a temporary folder,
# listening on a free loopback port, stopped and deleted when the command ends.
#
#   scripts/postgres.sh cargo test --workspace
#
# The command sees the server's URL in PERMISSIONS_POSTGRES_URL (user `permissions`, trust
# authentication, database `postgres`); the tests that need PostgreSQL read it there. The
# server binaries are found on PATH or in /usr/lib/postgresql/*/bin (Debian's `postgresql`
# package). PostgreSQL refuses to run as root, so under root the server runs as the
# `postgres` user (or `nobody`), which owns the temporary folder.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
fi

bin=""
if ! command -v initdb >/dev/null 2>&1; then
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -z "$bin" ]; then
        echo "$0: no PostgreSQL server binaries (initdb) on PATH or in /usr/lib/postgresql" >&2
        exit 1
    fi
    bin="$bin/"
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/permissions-postgres.XXXXXX")
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
    owner=postgres
    getent passwd postgres >/dev/null || owner=nobody
    chown "$owner" "$dir"
    as_owner=(runuser -u "$owner" --)
fi

stop() {
    "${as_owner[@]}" "${bin}pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap stop EXIT

# A free loopback port: the first from 55432 that nothing answers on.
port=55432
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    port=$((port + 1))
    if [ "$port" -ge 55532 ]; then
        echo "$0: no free port in 55432..55531" >&2
        exit 1
    fi
done

"${as_owner[@]}" "${bin}initdb" -D "$dir/data" -U permissions --auth=trust --encoding=UTF8 \
    --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
# fsync off: the cluster is thrown away, so durability is of no use and costs time.
"${as_owner[@]}" "${bin}pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-h 127.0.0.1 -p $port -k $dir -F -c max_connections=200" start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }

export PERMISSIONS_POSTGRES_URL="postgres://permissions@127.0.0.1:$port/postgres"
echo "PostgreSQL $("${bin}postgres" --version | awk '{print $3}') at $PERMISSIONS_POSTGRES_URL" >&2
status=0
"$@" || status=$?
exit "$status"
