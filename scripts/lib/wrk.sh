# Sourced by the benchmark scripts that drive wrk.
# `wrk_script FILE BODY HEADER VALUE` writes a wrk script that POSTs the JSON BODY with one extra
# header and ends by printing "RESULT requests/s p50-ms p99-ms errors".
# `wrk_measure SCRIPT URL CONNECTIONS THREADS DURATION` runs it after a 2 s warm-up and prints
# that line without its "RESULT ".
wrk_script() {
    cat >"$1" <<LUA
wrk.method = "POST"
wrk.body = '$2'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["$3"] = "$4"
done = function(summary, latency, requests)
    io.write(string.format("RESULT %.0f %.3f %.3f %d\n", summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
}

wrk_measure() {
    wrk -t"$4" -c"$3" -d2s -s "$1" "$2" >/dev/null
    wrk -t"$4" -c"$3" -d"$5" -s "$1" "$2" | sed -n 's/^RESULT //p'
}
