#!/usr/bin/env bash
# `make serve`: the production-like stack on loopback. gunicorn (production settings) on PostgreSQL, WhiteNoise
# static files, the outbox worker and (when IMAP_HOST is set) the mailbox poller. Ctrl-C stops all of them.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export MADOGUCHI_ENV=production
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/madoguchi_serve}"
export MADOGUCHI_DATA_DIR="${MADOGUCHI_DATA_DIR:-$PWD/var/serve}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-localhost,127.0.0.1}"
export PORT="${PORT:-8000}"
# Loopback HTTP: no redirect to https (a real server sits behind a TLS proxy, docs/deployment.md). Browsers treat
# http://localhost as a secure context, so the __Host- secure cookies still work there.
export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-0}"
export SECURE_HSTS_SECONDS="${SECURE_HSTS_SECONDS:-0}"
export LOG_FORMAT="${LOG_FORMAT:-json}"
mkdir -p "$MADOGUCHI_DATA_DIR"
if [ -z "${SECRET_KEY:-}" ]; then
  # Local use only: a strong key generated once and kept in the data dir (a real server gets it from its env file).
  key_file="$MADOGUCHI_DATA_DIR/serve_secret_key"
  [ -s "$key_file" ] || (umask 077 && $BIN/python -c 'import secrets; print(secrets.token_urlsafe(64))' >"$key_file")
  SECRET_KEY="$(cat "$key_file")"
  export SECRET_KEY
fi
# Create the database when it does not exist yet (UTF-8, as core/db_checks.py requires).
$BIN/python - "$DATABASE_URL" <<'PY'
import sys
import dj_database_url, psycopg
from psycopg import sql
cfg = dj_database_url.parse(sys.argv[1])
with psycopg.connect(host=cfg["HOST"] or None, port=cfg["PORT"] or None, user=cfg["USER"] or None,
                     password=cfg["PASSWORD"] or None, dbname="postgres", autocommit=True) as conn:
    if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]]).fetchone():
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'").format(sql.Identifier(cfg["NAME"])))
        print(f"created database {cfg['NAME']}")
PY
$BIN/python manage.py migrate --noinput -v 0
$BIN/python manage.py compilemessages --ignore=.venv -v 0 || true
$BIN/python manage.py setup_desk
$BIN/python manage.py collectstatic --noinput -v 0

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait || true; }
trap cleanup EXIT INT TERM
$BIN/python manage.py send_outbox --loop --interval 5 & pids+=($!)
if [ -n "${IMAP_HOST:-}" ]; then
  $BIN/python manage.py poll_mailbox --loop --interval 60 & pids+=($!)
else
  echo "IMAP_HOST is not set: the mailbox poller is not started (mail can still come in through ingest_email)" >&2
fi
echo "Madoguchi (production settings): http://localhost:$PORT/staff/  health: http://localhost:$PORT/readyz" >&2
$BIN/gunicorn config.wsgi -c config/gunicorn.conf.py & pids+=($!)
wait -n
