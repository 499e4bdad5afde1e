#!/usr/bin/env bash
# Load test at 1,000,000 consultations, end to end (docs/reliability.md, issue 15):
#   create and migrate the dedicated database madoguchi_load1m, bulk-load the consultations (skipped when the
#   database already holds COUNT), start the production-like stack of `make serve` on a free loopback port, warm
#   up, run bench/loadtest.py at rising concurrency, write its section into docs/reliability.md, stop the stack.
#
#   bench/run_load_1m.sh                 # everything (run it on an otherwise idle machine)
#   bench/run_load_1m.sh --load-only     # create, migrate and bulk-load; no server, no load test
#   COUNT=20000 DB=madoguchi_load20k bench/run_load_1m.sh   # the same at another size
#
# Environment: COUNT (1000000), DB (madoguchi_load1m), PG (postgres://postgres@127.0.0.1:5432), VENV (.venv),
# MADOGUCHI_DATA_DIR (var/<DB>), SECONDS_PER_STEP (30), MAX_CLIENTS (64), WARMUP_SECONDS (15), REPORT (docs/reliability.md).
# The public form's rate limits are raised for the run through their documented settings
# (MADOGUCHI_PUBLIC_FORM_RATE / MADOGUCHI_PUBLIC_FORM_POST_RATE, .env.example): every client posts from 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
LOAD_ONLY=0
[ "${1:-}" = "--load-only" ] && LOAD_ONLY=1
VENV="${VENV:-.venv}"
PY="$VENV/bin/python"
COUNT="${COUNT:-1000000}"
DB="${DB:-madoguchi_load1m}"
PG="${PG:-postgres://postgres@127.0.0.1:5432}"
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
export DATABASE_URL="$PG/$DB"
export MADOGUCHI_ENV=production
export MADOGUCHI_DATA_DIR="${MADOGUCHI_DATA_DIR:-$PWD/var/$DB}"
export ALLOWED_HOSTS="localhost,127.0.0.1"
export SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0
export LOG_FORMAT="${LOG_FORMAT:-json}"
export MADOGUCHI_PUBLIC_FORM_RATE="${MADOGUCHI_PUBLIC_FORM_RATE:-1000000/3600}"
export MADOGUCHI_PUBLIC_FORM_POST_RATE="${MADOGUCHI_PUBLIC_FORM_POST_RATE:-1000000/3600}"
mkdir -p "$MADOGUCHI_DATA_DIR"
key_file="$MADOGUCHI_DATA_DIR/serve_secret_key"
[ -s "$key_file" ] || (umask 077 && "$PY" -c 'import secrets; print(secrets.token_urlsafe(64))' >"$key_file")
SECRET_KEY="$(cat "$key_file")"
export SECRET_KEY

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

log "database $DB"
"$PY" - "$DATABASE_URL" <<'PY'
import sys
import dj_database_url, psycopg
from psycopg import sql
cfg = dj_database_url.parse(sys.argv[1])
with psycopg.connect(host=cfg["HOST"] or None, port=cfg["PORT"] or None, user=cfg["USER"] or None,
                     password=cfg["PASSWORD"] or None, dbname="postgres", autocommit=True) as conn:
    if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]]).fetchone():
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'").format(sql.Identifier(cfg["NAME"])))
        print(f"created database {cfg['NAME']}", file=sys.stderr)
# A bulk load still running holds its tables: say so now instead of letting migrate wait behind it.
from madoguchi.core.joblock import _key
with psycopg.connect(host=cfg["HOST"] or None, port=cfg["PORT"] or None, user=cfg["USER"] or None,
                     password=cfg["PASSWORD"] or None, dbname=cfg["NAME"], autocommit=True) as conn:
    if not conn.execute("SELECT pg_try_advisory_lock(%s)", [_key("bulk_load_consultations")]).fetchone()[0]:
        sys.exit(f"a bulk load is still running on {cfg['NAME']}; wait for it to finish")
PY
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py compilemessages --ignore=.venv -v 0 >/dev/null 2>&1 || true
"$PY" manage.py setup_desk -v 0
log "bulk load: $COUNT consultations"
started=$(date +%s)
"$PY" manage.py bulk_load_consultations --count "$COUNT" --skip-if-loaded
log "bulk load step took $(( $(date +%s) - started )) s"
[ "$LOAD_ONLY" = 1 ] && exit 0

"$PY" manage.py collectstatic --noinput -v 0
context="$MADOGUCHI_DATA_DIR/load-context.json"
"$PY" bench/prepare_load.py --sample 500 >"$context"
PORT="$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export PORT
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM
log "starting the stack on 127.0.0.1:$PORT (gunicorn, outbox worker)"
"$PY" manage.py send_outbox --loop --interval 5 >"$MADOGUCHI_DATA_DIR/outbox.log" 2>&1 & pids+=($!)
"$VENV/bin/gunicorn" config.wsgi -c config/gunicorn.conf.py >"$MADOGUCHI_DATA_DIR/gunicorn.log" 2>&1 & pids+=($!)
for _ in $(seq 1 120); do
  curl -fs -o /dev/null -H 'Host: localhost' "http://127.0.0.1:$PORT/readyz" && break
  sleep 1
done
curl -fsS -o /dev/null -H 'Host: localhost' "http://127.0.0.1:$PORT/readyz"
"$PY" bench/loadtest.py --base "http://127.0.0.1:$PORT" --context "$context" --warmup "${WARMUP_SECONDS:-15}" --seconds "${SECONDS_PER_STEP:-30}" \
  --max-clients "${MAX_CLIENTS:-64}" --report "${REPORT:-docs/reliability.md}" \
  --output "$MADOGUCHI_DATA_DIR/loadtest-$(date -u +%Y%m%dT%H%M).json"
log "done; server log: $MADOGUCHI_DATA_DIR/gunicorn.log"
