#!/usr/bin/env python3
"""Load benchmark of `rathaus serve`: turns per second and p99 latency next to GET /health.

Starts a release build of the server on a free loopback port with a fresh SQLite file, creates
conversations through the API, then lets wrk (Debian package `wrk`) post messages to them for a
fixed time, and afterwards hit GET /health on the same server for the same time. Prints one JSON
object. The rate limit is set high enough not to refuse the load (it still runs on every request).
Besides the rates it reports the server's CPU time per request in each phase (from /proc), which
varies much less than the rates when other work shares the machine, and wrk's own CPU time per
request (wrk shares the machine's cores with the server).

    swift build -c release --product rathaus
    python3 Benchmarks/load.py [--duration 10] [--connections 32] [--threads 2] [--conversations 256]
"""
import argparse
import json
import os
import re
import resource
import shutil
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


def run_wrk(args, url, script):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script + DONE_SCRIPT)
    command = ["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{args.duration}s", "--latency", "-s", file.name, url]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    output = subprocess.run(command, capture_output=True, text=True, timeout=args.duration + 60).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    client_seconds = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    os.unlink(file.name)
    match = re.search(r"RESULT (\d+) ([\d.]+) ([\d.]+) ([\d.]+) (\d+) (\d+)", output)
    if not match:
        sys.exit("wrk printed no result:\n" + output)
    requests, seconds, p50, p99, errors, bad_status = match.groups()
    return {"requests": int(requests), "per_second": round(int(requests) / float(seconds), 1), "p50_ms": round(float(p50), 3),
            "p99_ms": round(float(p99), 3), "errors": int(errors), "non_2xx": int(bad_status),
            "client_cpu_us": round(1e6 * client_seconds / max(1, int(requests)), 1)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/rathaus"))
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--conversations", type=int, default=256)
    parser.add_argument("--log-level", default="info", help="the server's log level (info logs every request)")
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
    server = subprocess.Popen([args.binary, "serve", "--port", "0", "--database", os.path.join(workdir, "load.sqlite"),
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
        before = cpu_seconds(server.pid)
        turns = run_wrk(args, base + "/", TURN_SCRIPT.replace("{CONVERSATIONS}", lua_conversations).replace("{MESSAGES}", lua_messages))
        between = cpu_seconds(server.pid)
        health = run_wrk(args, base + "/health", "")
        after = cpu_seconds(server.pid)
        turn_cpu_us = round(1e6 * (between - before) / max(1, turns["requests"]), 1)
        health_cpu_us = round(1e6 * (after - between) / max(1, health["requests"]), 1)
        result = {
            "benchmark": "load", "duration_s": args.duration, "connections": args.connections, "wrk_threads": args.threads,
            "conversations": args.conversations, "log_level": args.log_level,
            "turns_per_second": turns["per_second"], "turns_p50_ms": turns["p50_ms"], "turns_p99_ms": turns["p99_ms"],
            "turns_errors": turns["errors"], "turns_non_2xx": turns["non_2xx"],
            "health_per_second": health["per_second"], "health_p50_ms": health["p50_ms"], "health_p99_ms": health["p99_ms"],
            "health_errors": health["errors"],
            "turns_server_cpu_us": turn_cpu_us, "health_server_cpu_us": health_cpu_us,
            "turns_client_cpu_us": turns["client_cpu_us"], "health_client_cpu_us": health["client_cpu_us"],
            "cpu_ratio_health_to_turn": round(health_cpu_us / turn_cpu_us, 3) if turn_cpu_us else None,
            "ratio_turns_to_health": round(turns["per_second"] / health["per_second"], 3) if health["per_second"] else None,
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
