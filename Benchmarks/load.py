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

With `--database postgres://…` the server keeps its data in PostgreSQL instead, and `--instances N`
starts N servers on that one database: wrk then sends to each of them at once (the connections
shared out among them), every server's turns going to the same conversations, so that a
conversation's turns are answered by different servers by turns. The CPU time is then reported per
server and, when PostgreSQL runs on this machine, for PostgreSQL's own processes (all processes
named `postgres`) too.

    swift build -c release --product rathaus
    python3 Benchmarks/load.py [--duration 10] [--rounds 5] [--connections 32] [--threads 1] [--conversations 256]
    python3 Benchmarks/load.py --database postgres://USER@127.0.0.1:5432/DB [--instances 2]
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


def postgres_cpu_seconds():
    """CPU seconds so far of every process named `postgres` on this machine (PostgreSQL's server and
    its backends); processes that ended meanwhile are not counted, which the benchmark avoids by
    keeping its connections open."""
    total = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/comm") as file:
                if file.read().strip() != "postgres":
                    continue
            total += cpu_seconds(int(entry))
        except OSError:
            continue
    return total


def run_wrk(args, urls, scripts, seconds):
    """wrk against each of `urls` at once (with the matching script), the connections shared out among
    them; the results added up (the rate over all, the slowest p99, the median p50)."""
    files, processes = [], []
    connections = max(1, args.connections // len(urls))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    for url, script in zip(urls, scripts):
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
            file.write(script + DONE_SCRIPT)
        files.append(file.name)
        command = ["wrk", "-t", str(args.threads), "-c", str(connections), "-d", f"{seconds}s", "--latency", "-s", file.name, url]
        processes.append(subprocess.Popen(command, stdout=subprocess.PIPE, text=True))
    results = []
    for process in processes:
        output = process.communicate(timeout=seconds + 60)[0]
        match = re.search(r"RESULT (\d+) ([\d.]+) ([\d.]+) ([\d.]+) (\d+) (\d+)", output)
        if not match:
            sys.exit("wrk printed no result:\n" + output)
        results.append(match.groups())
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    for name in files:
        os.unlink(name)
    return {"requests": sum(int(r[0]) for r in results), "seconds": max(float(r[1]) for r in results),
            "p50_ms": statistics.median(float(r[2]) for r in results), "p99_ms": max(float(r[3]) for r in results),
            "errors": sum(int(r[4]) for r in results), "non_2xx": sum(int(r[5]) for r in results),
            "client_seconds": after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime}


def measure(args, servers, urls, scripts, seconds, postgres):
    """One wrk run of `seconds`, with each server's CPU seconds spent meanwhile (and PostgreSQL's)."""
    before = [cpu_seconds(server.pid) for server in servers]
    postgres_before = postgres_cpu_seconds() if postgres else 0
    run = run_wrk(args, urls, scripts, seconds)
    run["server_seconds_each"] = [cpu_seconds(server.pid) - start for server, start in zip(servers, before)]
    run["server_seconds"] = sum(run["server_seconds_each"])
    run["postgres_seconds"] = postgres_cpu_seconds() - postgres_before if postgres else 0
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
            "server_cpu_us_each": [round(1e6 * sum(each) / max(1, requests), 1) for each in zip(*(run["server_seconds_each"] for run in runs))],
            "postgres_cpu_us": round(1e6 * sum(run["postgres_seconds"] for run in runs) / max(1, requests), 1),
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
    parser.add_argument("--instances", type=int, default=1, help="servers on the one database (PostgreSQL only when more than one)")
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
    postgres = database.startswith(("postgres://", "postgresql://"))
    if args.instances > 1 and not postgres:
        sys.exit("--instances braucht --database postgres://…")
    servers, bases = [], []
    try:
        for _ in range(args.instances):
            server = subprocess.Popen([args.binary, "serve", "--port", "0", "--database", database,
                                       "--config", config, "--log-level", args.log_level, "--catalog", ROOT],
                                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            servers.append(server)
            line = server.stdout.readline()
            match = re.search(r"http://([\d.]+):(\d+)", line)
            if not match:
                sys.exit("Der Server ist nicht gestartet: " + line)
            bases.append(f"http://{match.group(1)}:{match.group(2)}")
        base = bases[0]
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
        # Each server's wrk starts at another point of the sequence, so that they do not send the same
        # message to the same conversation at the same moment.
        turn_scripts = [turn_script.replace("local counter = 0", f"local counter = {n * 997}") for n in range(len(bases))]
        rounds = max(1, min(args.rounds, args.duration))
        seconds = args.duration // rounds  # wrk takes whole seconds
        turn_runs, health_runs = [], []
        for _ in range(rounds):
            turn_runs.append(measure(args, servers, [b + "/" for b in bases], turn_scripts, seconds, postgres))
            health_runs.append(measure(args, servers, [b + "/health" for b in bases], [""] * len(bases), seconds, postgres))
        turns, health = summary(turn_runs), summary(health_runs)
        slice_ratios = [round(t["requests"] / t["seconds"] / (h["requests"] / h["seconds"]), 3) for t, h in zip(turn_runs, health_runs)]
        turn_cpu_us, health_cpu_us = turns["server_cpu_us"], health["server_cpu_us"]
        result = {
            "benchmark": "load", "duration_s": seconds * rounds, "rounds": rounds, "connections": args.connections, "wrk_threads": args.threads,
            "conversations": args.conversations, "log_level": args.log_level,
            "database": "postgresql" if postgres else "sqlite", "instances": len(servers),
            "turns_per_second": turns["per_second"], "turns_p50_ms": turns["p50_ms"], "turns_p99_ms": turns["p99_ms"],
            "turns_errors": turns["errors"], "turns_non_2xx": turns["non_2xx"],
            "health_per_second": health["per_second"], "health_p50_ms": health["p50_ms"], "health_p99_ms": health["p99_ms"],
            "health_errors": health["errors"],
            "turns_server_cpu_us": turn_cpu_us, "health_server_cpu_us": health_cpu_us,
            "turns_server_cpu_us_each": turns["server_cpu_us_each"], "turns_postgres_cpu_us": turns["postgres_cpu_us"],
            "turns_client_cpu_us": turns["client_cpu_us"], "health_client_cpu_us": health["client_cpu_us"],
            "cpu_ratio_health_to_turn": round(health_cpu_us / turn_cpu_us, 3) if turn_cpu_us else None,
            "ratio_turns_to_health": round(turns["per_second"] / health["per_second"], 3) if health["per_second"] else None,
            "ratio_per_round": slice_ratios,
        }
        print(json.dumps(result))
        if turns["errors"] or health["errors"]:
            sys.exit("Fehler unter Last (siehe turns_errors/health_errors)")
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
