#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 cluster as the postgres user on a loopback port and exports
# HONGQI_TEST_PG for the tests. Installs PostgreSQL from Debian's packages when it is missing.
PG_BIN=/usr/lib/postgresql/15/bin
PG_PORT=${PG_PORT:-55432}

start_postgres() {
  if [ ! -x "$PG_BIN/initdb" ]; then
    echo "Installing PostgreSQL 15"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
  fi
  PG_DIR=$(mktemp -d /tmp/hongqi-pg.XXXXXX)
  chown postgres "$PG_DIR"
  su postgres -s /bin/bash -c "$PG_BIN/initdb -D $PG_DIR/data -A trust -U postgres >/dev/null \
    && $PG_BIN/pg_ctl -D $PG_DIR/data -o '-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on' -l $PG_DIR/log -w start >/dev/null"
  export PG_DIR
  export HONGQI_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=100"
  echo "PostgreSQL started on 127.0.0.1:$PG_PORT"
}

stop_postgres() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    su postgres -s /bin/bash -c "$PG_BIN/pg_ctl -D $PG_DIR/data -m fast stop >/dev/null" || true
    rm -rf "$PG_DIR"
  fi
}
