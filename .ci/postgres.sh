# Start a throwaway PostgreSQL cluster from Debian's packages on a local port; sourced by .ci/run.
PG_PORT=${PG_PORT:-54329}
PG_DIR=${PG_DIR:-/tmp/winloss-ci-pg}
PG_URL="postgres://winloss:winloss@127.0.0.1:${PG_PORT}/winloss"

_pg() { runuser -u postgres -- "$@"; }

start_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PG_BIN=$bin
  [ -f "$PG_DIR/data/postmaster.pid" ] && _pg "$bin/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$PG_DIR"
  mkdir -p "$PG_DIR"
  chown postgres "$PG_DIR"
  _pg "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust >/dev/null
  _pg "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null
  _pg "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -q \
    -c "CREATE ROLE winloss LOGIN SUPERUSER PASSWORD 'winloss'" -c "CREATE DATABASE winloss OWNER winloss"
}

stop_postgres() {
  [ -n "${PG_BIN:-}" ] && _pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
}
