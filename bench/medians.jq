# The summary both bench drivers print: one line per benchmark and connection
# count, medians over the repetitions. Input: the runs, one JSON object per line
# (jq -s).
def median: sort | if length == 0 then null else .[(length / 2 | floor)] end;
def r(x): if x == null then "-" else (x * 100 | round / 100 | tostring) end;
group_by(.name + "/" + ((.connections // 0) | tostring))
| map(. as $runs | $runs[0] as $first
    | if ($first | has("rps")) then
        "\($first.name) c=\($first.connections): \(r($runs | map(.rps) | median)) req/s, p50 \(r($runs | map(.p50_ms) | median)) ms, p95 \(r($runs | map(.p95_ms) | median)) ms, p99 \(r($runs | map(.p99_ms) | median)) ms, errors \($runs | map(.status_errors + .socket_errors) | add)"
      elif ($first | has("ms")) then "\($first.name): \(r($runs | map(.ms) | median)) ms (median of \($runs | length))"
      elif ($first | has("rss_mb")) then "\($first.name): RSS \($first.rss_mb) MB, peak \($first.peak_rss_mb) MB"
      else ($first | tostring) end)
| .[]
