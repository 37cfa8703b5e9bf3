#!/usr/bin/env python3
"""Load benchmark of `rathaus serve`: turns per second and p99 latency next to GET /health.

Starts a release build of the server on a free loopback port with a fresh SQLite file, creates
conversations through the API, then lets wrk (Debian package `wrk`) post messages to them and hit
GET /health on the same server, in alternating slices (turns, health, turns, health, ...), so that
both see the same moments of a shared machine. Prints one JSON object. The rate limit is set high
enough not to refuse the load (it still runs on every request). Besides the rates it reports the
server's CPU time per request of each kind (from /proc), which varies much less than the rates when
other work shares the machine, and wrk's own CPU time per request (wrk shares the machine's cores
with the server).

    swift build -c release --product rathaus
    python3 Benchmarks/load.py [--duration 10] [--rounds 5] [--connections 32] [--threads 1] [--conversations 256]
"""
import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# What citizens write, taken from the kinds of questions in the development set (not the evaluation set).
MESSAGES = [
    "Was kostet ein Personalausweis?",
    "hab meinen perso verloren was nun",
    "wann hat das bürgeramt offen",
    "Ich möchte meinen Wohnsitz ummelden",
    "reisepass beantragen wie lange dauert das",
    "hund anmelden steuer",
    "wo kann ich sperrmüll anmelden",
    "brauche eine meldebescheinigung",
    "Was kostet eine Geburtsurkunde?",
    "kita platz wie bekomme ich einen",
    "Wie melde ich ein Gewerbe an?",
    "wie ist das wetter morgen",
]

TURN_SCRIPT = r"""
local conversations = {CONVERSATIONS}
local messages = {MESSAGES}
-- Every request is formatted once, in init (wrk's advice: formatting in request() costs the client
-- CPU on every request, which this machine's two cores share with the server). Request number k
-- posts message k mod #messages to conversation 7919·k mod #conversations; the sequence repeats
-- after #conversations · #messages requests.
local requests = {}
init = function(args)
  for k = 1, #conversations * #messages do
    local c = conversations[(k * 7919) % #conversations + 1]
    requests[k] = wrk.format("POST", "/api/v1/conversations/" .. c[1] .. "/messages",
      {["Authorization"] = "Bearer " .. c[2], ["Content-Type"] = "application/json"}, messages[k % #messages + 1])
  end
end
local counter = 0
request = function()
  counter = counter % #requests + 1
  return requests[counter]
end
"""

DONE_SCRIPT = r"""
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %f %f %f %d %d\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
"""


def lua_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def post(base, path, body=None, token=None):
    data = json.dumps(body or {}).encode()
    request = urllib.request.Request(base + path, data=data, method="POST", headers={"Content-Type": "application/json"})
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def cpu_seconds(pid):
    """User plus system CPU time of process `pid` so far, from /proc (Linux)."""
    with open(f"/proc/{pid}/stat") as file:
        fields = file.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_wrk(args, url, script, seconds):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script + DONE_SCRIPT)
    command = ["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{seconds}s", "--latency", "-s", file.name, url]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    client_seconds = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    os.unlink(file.name)
    match = re.search(r"RESULT (\d+) ([\d.]+) ([\d.]+) ([\d.]+) (\d+) (\d+)", output)
    if not match:
        sys.exit("wrk printed no result:\n" + output)
    requests, seconds, p50, p99, errors, bad_status = match.groups()
    return {"requests": int(requests), "seconds": float(seconds), "p50_ms": float(p50), "p99_ms": float(p99),
            "errors": int(errors), "non_2xx": int(bad_status), "client_seconds": client_seconds}


def measure(args, server_pid, url, script, seconds):
    """One wrk run of `seconds`, with the server's CPU seconds spent meanwhile."""
    before = cpu_seconds(server_pid)
    run = run_wrk(args, url, script, seconds)
    run["server_seconds"] = cpu_seconds(server_pid) - before
    return run


def summary(runs):
    """The slices of one kind together: rate over all of them, the median slice's p50 and the
    highest p99 of any slice, CPU time per request of server and client."""
    requests = sum(run["requests"] for run in runs)
    return {"requests": requests, "per_second": round(requests / sum(run["seconds"] for run in runs), 1),
            "p50_ms": round(statistics.median(run["p50_ms"] for run in runs), 3),
            "p99_ms": round(max(run["p99_ms"] for run in runs), 3),
            "errors": sum(run["errors"] for run in runs), "non_2xx": sum(run["non_2xx"] for run in runs),
            "server_cpu_us": round(1e6 * sum(run["server_seconds"] for run in runs) / max(1, requests), 1),
            "client_cpu_us": round(1e6 * sum(run["client_seconds"] for run in runs) / max(1, requests), 1)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/rathaus"))
    parser.add_argument("--duration", type=int, default=10, help="seconds of turns and as many of health checks")
    parser.add_argument("--rounds", type=int, default=5, help="alternating slices of each kind the duration is cut into")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--conversations", type=int, default=256)
    parser.add_argument("--log-level", default="info", help="the server's log level (info logs every request)")
    parser.add_argument("--database", help="the server's database, e.g. postgres://… (default: a new SQLite file)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk fehlt: apt-get install -y wrk")
    if not os.path.exists(args.binary):
        sys.exit(f"{args.binary} fehlt: swift build -c release --product rathaus")

    workdir = tempfile.mkdtemp(prefix="rathaus-load-")
    config = os.path.join(workdir, "load.yaml")
    with open(config, "w") as file:
        file.write("server:\n  rate_limit: {per_second: 1000000, burst: 1000000}\n  reload_check_seconds: 0\n"
                   "departments:\n  default:\n    url: http://127.0.0.1:9/unused\n"
                   "    secrets: [whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw]\n")
    database = args.database or os.path.join(workdir, "load.sqlite")
    server = subprocess.Popen([args.binary, "serve", "--port", "0", "--database", database,
                               "--config", config, "--log-level", args.log_level, "--catalog", ROOT],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = server.stdout.readline()
        match = re.search(r"http://([\d.]+):(\d+)", line)
        if not match:
            sys.exit("Der Server ist nicht gestartet: " + line)
        base = f"http://{match.group(1)}:{match.group(2)}"
        conversations = []
        for _ in range(args.conversations):
            created = post(base, "/api/v1/conversations")
            conversations.append((created["id"], created["token"]))
        # Warm up: one message per conversation.
        for number, (conversation, token) in enumerate(conversations):
            post(base, f"/api/v1/conversations/{conversation}/messages", {"text": MESSAGES[number % len(MESSAGES)]}, token)
        lua_conversations = "{" + ",".join("{%s,%s}" % (lua_string(i), lua_string(t)) for i, t in conversations) + "}"
        lua_messages = "{" + ",".join(lua_string(json.dumps({"text": m})) for m in MESSAGES) + "}"
        turn_script = TURN_SCRIPT.replace("{CONVERSATIONS}", lua_conversations).replace("{MESSAGES}", lua_messages)
        rounds = max(1, min(args.rounds, args.duration))
        seconds = args.duration // rounds  # wrk takes whole seconds
        turn_runs, health_runs = [], []
        for _ in range(rounds):
            turn_runs.append(measure(args, server.pid, base + "/", turn_script, seconds))
            health_runs.append(measure(args, server.pid, base + "/health", "", seconds))
        turns, health = summary(turn_runs), summary(health_runs)
        slice_ratios = [round(t["requests"] / t["seconds"] / (h["requests"] / h["seconds"]), 3) for t, h in zip(turn_runs, health_runs)]
        turn_cpu_us, health_cpu_us = turns["server_cpu_us"], health["server_cpu_us"]
        result = {
            "benchmark": "load", "duration_s": seconds * rounds, "rounds": rounds, "connections": args.connections, "wrk_threads": args.threads,
            "conversations": args.conversations, "log_level": args.log_level,
            "database": "postgresql" if database.startswith(("postgres://", "postgresql://")) else "sqlite",
            "turns_per_second": turns["per_second"], "turns_p50_ms": turns["p50_ms"], "turns_p99_ms": turns["p99_ms"],
            "turns_errors": turns["errors"], "turns_non_2xx": turns["non_2xx"],
            "health_per_second": health["per_second"], "health_p50_ms": health["p50_ms"], "health_p99_ms": health["p99_ms"],
            "health_errors": health["errors"],
            "turns_server_cpu_us": turn_cpu_us, "health_server_cpu_us": health_cpu_us,
            "turns_client_cpu_us": turns["client_cpu_us"], "health_client_cpu_us": health["client_cpu_us"],
            "cpu_ratio_health_to_turn": round(health_cpu_us / turn_cpu_us, 3) if turn_cpu_us else None,
            "ratio_turns_to_health": round(turns["per_second"] / health["per_second"], 3) if health["per_second"] else None,
            "ratio_per_round": slice_ratios,
        }
        print(json.dumps(result))
        if turns["errors"] or health["errors"]:
            sys.exit("Fehler unter Last (siehe turns_errors/health_errors)")
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
