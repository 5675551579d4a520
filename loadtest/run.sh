#!/usr/bin/env bash
# The load test in one command (`make loadtest`): prepare a PostgreSQL database of its own
# with the strategy, LOAD_EVIDENCE synthetic evidence items and the load-test accounts;
# serve it with `make serve` on a free port of 127.0.0.1; run loadtest/locustfile.py
# headless for LOAD_DURATION; stop the server; check that no acknowledged write was lost;
# print the figures. Results go to build/loadtest/<run>/. See docs/performance.md.
#
# It never touches DATABASE_URL: it uses LOAD_DATABASE_URL, creates that database if it is
# missing and tops its synthetic evidence up to LOAD_EVIDENCE. Exits non-zero if a target
# is missed (any error, any lost write, dashboard p95 of 500 ms or more).
set -euo pipefail
cd "$(dirname "$0")/.."

LOAD_DATABASE_URL=${LOAD_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/st_load}
LOAD_EVIDENCE=${LOAD_EVIDENCE:-100000}
LOAD_USERS=${LOAD_USERS:-50}
LOAD_SPAWN_RATE=${LOAD_SPAWN_RATE:-10}
LOAD_DURATION=${LOAD_DURATION:-60s}
LOAD_STAFF=${LOAD_STAFF:-35}
LOAD_MANAGERS=${LOAD_MANAGERS:-15}
# Two gunicorn processes of four threads: see docs/performance.md, "Server configuration".
WORKERS=${WORKERS:-2}
THREADS=${THREADS:-4}
export LOADTEST_WAIT=${LOADTEST_WAIT:-1 3}
PYTHON=.venv/bin/python
LOCUST=${LOCUST:-.venv-load/bin/locust}

case $LOAD_DATABASE_URL in
postgres://* | postgresql://*) ;;
*)
	echo "LOAD_DATABASE_URL must be a PostgreSQL database (postgres://…)." >&2
	exit 2
	;;
esac

export LOADTEST_RUN
LOADTEST_RUN=$(date -u +%Y%m%dT%H%M%SZ)
out=build/loadtest/$LOADTEST_RUN
mkdir -p "$out"
export LOADTEST_CREDENTIALS=$out/credentials.json LOADTEST_WRITES=$out/writes.tsv
export LOADTEST_REQUESTS=$out/requests.tsv
: >"$LOADTEST_WRITES"
: >"$LOADTEST_REQUESTS"
# What else is running: the load before this script adds any.
cut -d' ' -f1-3 /proc/loadavg >"$out/loadavg-before.txt"

# Set-up commands run with DEBUG on (loadtest_users refuses otherwise); the server does not.
manage() { DATABASE_URL=$LOAD_DATABASE_URL DEBUG=on LOG_LEVEL=WARNING $PYTHON manage.py "$@"; }

echo "== Database $LOAD_DATABASE_URL"
$PYTHON - "$LOAD_DATABASE_URL" <<'EOF'
import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

url = urlsplit(sys.argv[1])
name = url.path.lstrip("/")
with psycopg.connect(urlunsplit(url._replace(path="/postgres")), autocommit=True) as db:
    if not db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
        db.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        print(f"Created database {name}.")
EOF
manage migrate --no-input --verbosity 0
manage load_strategy >/dev/null
have=$(manage shell --no-imports -c "from dashboard import volume; print(volume.synthetic_evidence().count())")
if [ "$have" -lt "$LOAD_EVIDENCE" ]; then
	manage generate_volume --evidence $((LOAD_EVIDENCE - have)) --seed "$have"
fi
# Fresh planner statistics, as autovacuum would have made them on a database in use.
manage shell --no-imports -c "from django.db import connection; connection.cursor().execute('ANALYZE')"
manage shell --no-imports -c "from evidence.models import Evidence; print(f'{Evidence.objects.count():,} evidence items in the database.')"
manage loadtest_users --staff "$LOAD_STAFF" --managers "$LOAD_MANAGERS" --output "$LOADTEST_CREDENTIALS"

port=$($PYTHON -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
host=http://127.0.0.1:$port
server=
sampler=
stop() {
	if [ -n "$sampler" ]; then kill "$sampler" 2>/dev/null || true; fi
	if [ -n "$server" ]; then
		# make, its shell and gunicorn share the process group started by setsid.
		kill -TERM -- "-$server" 2>/dev/null || true
		wait "$server" 2>/dev/null || true
		server=
	fi
}
trap stop EXIT
trap "exit 130" INT
trap "exit 143" TERM

echo "== make serve on $host: $WORKERS workers × $THREADS threads, DEBUG off"
DATABASE_URL=$LOAD_DATABASE_URL setsid make --no-print-directory serve PORT="$port" \
	WORKERS="$WORKERS" THREADS="$THREADS" >"$out/server.log" 2>&1 &
server=$!
for _ in $(seq 120); do
	if $PYTHON -c "import urllib.request as u; u.urlopen('$host/accounts/login/', timeout=2)" 2>/dev/null; then
		break
	fi
	if ! kill -0 "$server" 2>/dev/null; then
		echo "The server did not start; see $out/server.log" >&2
		exit 1
	fi
	sleep 0.5
done

# The machine's load, every 5 seconds, before and during the run: other work on the same
# cores skews the figures.
(while true; do
	echo "$(date +%s) $(cut -d' ' -f1-3 /proc/loadavg)"
	sleep 5
done) >"$out/loadavg.txt" &
sampler=$!

echo "== locust: $LOAD_USERS users (+$LOAD_SPAWN_RATE/s) for $LOAD_DURATION, think time $LOADTEST_WAIT s"
seconds=$($PYTHON -c "import sys; s = sys.argv[1]; print(int(s[:-1]) * {'s': 1, 'm': 60}[s[-1]])" "$LOAD_DURATION")
# Halfway through, which processes use the cores.
(sleep $((seconds / 2)) && top -b -n 2 -d 2 -w 160 | awk "/^top -/ {n++} n == 2" | head -n 25 >"$out/top.txt") &
status=0
timeout --kill-after=10 $((seconds + 60)) "$LOCUST" -f loadtest/locustfile.py --headless \
	--host "$host" -u "$LOAD_USERS" -r "$LOAD_SPAWN_RATE" -t "$LOAD_DURATION" \
	--stop-timeout 10 --only-summary --loglevel WARNING \
	>"$out/locust.log" 2>&1 || status=$?
stop
if [ ! -s "$LOADTEST_REQUESTS" ]; then
	echo "locust ended without figures (exit $status); see $out/locust.log" >&2
	exit 1
fi

echo "== Acknowledged writes against the database"
manage loadtest_writes --run "$LOADTEST_RUN" --writes "$LOADTEST_WRITES" \
	>"$out/writes-check.txt" 2>&1 || true
cat "$out/writes-check.txt"

$PYTHON loadtest/summary.py "$out" | tee "$out/summary.md"
