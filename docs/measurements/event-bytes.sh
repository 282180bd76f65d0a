#!/usr/bin/env bash
# Bytes of event JSON and of the store per finished case, from a SQLite store filled by `hongqi demo`.
#   hongqi demo --cases 200 --data /tmp/hongqi-demo && bash docs/measurements/event-bytes.sh /tmp/hongqi-demo
set -euo pipefail
db="${1:-data}/hongqi.db"
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
sqlite3 -header -column "$db" "
SELECT count(*) AS events,
       sum(length(CAST(payload_json AS BLOB))) AS event_bytes,
       round(avg(length(CAST(payload_json AS BLOB))), 1) AS bytes_per_event,
       sum(payload_json LIKE '{\"format\":2,%') AS compact_events
FROM events;
SELECT type, count(*) AS events, round(avg(length(CAST(payload_json AS BLOB))), 1) AS bytes_per_event,
       sum(length(CAST(payload_json AS BLOB))) AS bytes
FROM events GROUP BY type ORDER BY bytes DESC LIMIT 8;
SELECT (SELECT count(*) FROM cases) AS cases,
       (SELECT count(*) FROM cases WHERE status = 'finished') AS finished,
       (SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()) AS store_bytes,
       round((SELECT sum(length(CAST(payload_json AS BLOB))) FROM events) * 1.0 / (SELECT count(*) FROM cases), 0) AS event_bytes_per_case,
       round((SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()) * 1.0 / (SELECT count(*) FROM cases), 0) AS store_bytes_per_case;
"
