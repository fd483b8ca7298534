#!/usr/bin/env bash
# `make loadtest`: a bounded load run of the site as deployed (gunicorn, production settings, PostgreSQL,
# Redis) on this machine. It prepares the database named by LOADTEST_DATABASE_URL (created if missing,
# migrated, content loaded; kept between runs), collects the static files into a temporary folder,
# starts its own Redis and gunicorn on free ports, runs wrk (LOADTEST_CONNECTIONS clients for
# LOADTEST_DURATION) over the home page, a practice, the catalogue with a query and two facets and the
# site search, prints the non-2xx responses and the latency percentiles, and stops everything it started.
# A benchmark, not a test: it asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN=.venv/bin
URL=${LOADTEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/loadtest}
CONNECTIONS=${LOADTEST_CONNECTIONS:-64}
DURATION=${LOADTEST_DURATION:-60s}
WORKERS=${LOADTEST_WORKERS:-3}

for tool in wrk redis-server; do
  command -v "$tool" >/dev/null || { echo "make loadtest needs $tool (apt-get install wrk redis-server)" >&2; exit 1; }
done
case "$URL" in postgres*) ;; *) echo "LOADTEST_DATABASE_URL must name a PostgreSQL database" >&2; exit 1 ;; esac

free_port() { "$BIN/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
WORK=$(mktemp -d)
REDIS_PORT=$(free_port)
PORT=$(free_port)
pids=()
cleanup() {  # gunicorn first, then Redis
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null || true; wait "${pids[i]}" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

export DJANGO_SETTINGS_MODULE=site_cms.settings.production
export DATABASE_URL="$URL" SECRET_KEY=loadtest-only-not-a-secret ALLOWED_HOSTS=127.0.0.1,localhost
export SECURE_SSL_REDIRECT=0 STATIC_ROOT="$WORK/static" MEDIA_ROOT="$WORK/media" DOCUMENTS_ROOT="$WORK/documents"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --loglevel warning >/dev/null &
pids+=($!)

echo "Preparing $URL (migrate, content) and the static files..."
"$BIN/python" -c "import sys; from practices.bench import ensure_database; ensure_database(sys.argv[1])" "$URL"
"$BIN/python" manage.py migrate --noinput -v0
"$BIN/python" manage.py load_site_content -v0
"$BIN/python" manage.py collectstatic --noinput -v0
PRACTICE=$("$BIN/python" manage.py shell -v 0 -c \
  "from practices.models import PracticePage; print(PracticePage.objects.live().filter(locale__language_code='it').order_by('pk').first().url)" | tail -n 1)
"$BIN/gunicorn" site_cms.wsgi --workers "$WORKERS" --bind "127.0.0.1:$PORT" --log-level warning \
  --no-control-socket --error-logfile "$WORK/gunicorn.log" &
pids+=($!)
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/robots.txt" && break
  sleep 0.5
done
curl -fs -o /dev/null "http://127.0.0.1:$PORT/robots.txt" || { echo "gunicorn did not start:" >&2; cat "$WORK/gunicorn.log" >&2; exit 1; }

PATHS=(/ "$PRACTICE" "/buone-pratiche/?q=appalti&settore=sua&area=nord-est" "/cerca/?q=province")
echo "One client first (warm-up, then the median of 5 requests): status, time, path"
for path in "${PATHS[@]}"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT$path")
  median=$(for _ in 1 2 3 4 5; do curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$PORT$path"; done |
    sort -n | sed -n 3p)
  printf '  %s  %5s ms  %s\n' "$status" "$(awk -v s="$median" 'BEGIN { printf "%.0f", s * 1000 }')" "$path"
done
echo "Then $CONNECTIONS clients for $DURATION, gunicorn with $WORKERS workers, over these paths in turn"
echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (other work shares the cores)"
wrk --threads 2 --connections "$CONNECTIONS" --duration "$DURATION" --timeout 30s --latency \
  --script tests/loadtest/rotate.lua "http://127.0.0.1:$PORT" -- "${PATHS[@]}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -s "$WORK/gunicorn.log" ]; then
  echo "gunicorn's log (warnings and errors):"
  tail -n 20 "$WORK/gunicorn.log"
fi
