#!/usr/bin/env python3
"""Benchmark of the way back: departments' status events accepted per second (signed, verified,
checked against the steps before, stored durably) next to GET /health on the same server.

Creates applications with `rathaus chat --json` (the Sperrmüll form, as a citizen fills it in),
starts a release build of the server with a department secret, reports `received` for each
application, then lets wrk post signed `in_progress` events (each with its own webhook-id, signed
beforehand: the run stays well inside the 5 minutes a timestamp is valid) and hit GET /health in
alternating slices, as `Benchmarks/load.py` does. Afterwards it counts the events in the database,
so that only stored events count. Prints one JSON object.

    swift build -c release --product rathaus
    python3 Benchmarks/events.py [--duration 10] [--rounds 5] [--connections 32] [--applications 32]
"""
import argparse
import base64
import hashlib
import hmac
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from load import ROOT, measure, summary  # noqa: E402  (the same wrk slices and summaries)

SECRET = "whsec_" + base64.b64encode(b"rathaus-benchmark-department-key").decode()
SPERRMUELL = ("ich will sperrmüll anmelden\nja\nAnna Müller\nLindenweg 7\n12345\n1 Sofa\n2\nnein\nüberspringen\n"
              "anna@example.org\nweiter\nja\n")

# Requests are read from a file in init, one per line: path, webhook-id, timestamp, signature, body.
EVENT_SCRIPT = r"""
local requests = {}
init = function(args)
  for line in io.lines("{FILE}") do
    local path, id, timestamp, signature, body = line:match("^(%S+)\t(%S+)\t(%S+)\t(%S+)\t(.*)$")
    requests[#requests + 1] = wrk.format("POST", path, {["Content-Type"] = "application/json",
      ["webhook-id"] = id, ["webhook-timestamp"] = timestamp, ["webhook-signature"] = signature}, body)
  end
end
local counter = 0
request = function()
  counter = counter % #requests + 1
  return requests[counter]
end
"""


def sign(message_id, timestamp, body):
    key = base64.b64decode(SECRET[len("whsec_"):])
    digest = hmac.new(key, f"{message_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def post_event(base, reference, message_id, event):
    body = json.dumps(event).encode()
    timestamp = str(int(time.time()))
    request = urllib.request.Request(f"{base}/api/v1/applications/{reference}/events", data=body, method="POST", headers={
        "Content-Type": "application/json", "webhook-id": message_id, "webhook-timestamp": timestamp,
        "webhook-signature": sign(message_id, timestamp, body)})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/rathaus"))
    parser.add_argument("--duration", type=int, default=10, help="seconds of events and as many of health checks")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--applications", type=int, default=256)
    parser.add_argument("--events", type=int, default=200_000, help="signed requests prepared (each webhook-id once)")
    parser.add_argument("--log-level", default="info")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk fehlt: apt-get install -y wrk")
    if not os.path.exists(args.binary):
        sys.exit(f"{args.binary} fehlt: swift build -c release --product rathaus")

    workdir = tempfile.mkdtemp(prefix="rathaus-events-")
    database = os.path.join(workdir, "events.sqlite")
    config = os.path.join(workdir, "events.yaml")
    with open(config, "w") as file:
        file.write("server:\n  rate_limit: {per_second: 1000000, burst: 1000000}\n  reload_check_seconds: 0\n"
                   f"departments:\n  default:\n    url: http://127.0.0.1:9/unused\n    secrets: [{SECRET}]\n")
    chat = subprocess.run([args.binary, "chat", "--json", "--database", database, "--catalog", ROOT],
                          input=SPERRMUELL * args.applications, capture_output=True, text=True, timeout=600)
    references = [json.loads(line)["reference"] for line in chat.stdout.splitlines() if '"reference"' in line]
    if len(references) != args.applications:
        sys.exit(f"{len(references)} statt {args.applications} Anträge angelegt:\n{chat.stderr}")
    server = subprocess.Popen([args.binary, "serve", "--port", "0", "--database", database, "--config", config,
                               "--log-level", args.log_level, "--catalog", ROOT],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = server.stdout.readline()
        match = re.search(r"http://([\d.]+):(\d+)", line)
        if not match:
            sys.exit("Der Server ist nicht gestartet: " + line)
        base = f"http://{match.group(1)}:{match.group(2)}"
        for number, reference in enumerate(references):
            if post_event(base, reference, f"msg_received_{number}", {"type": "received"}) != 200:
                sys.exit("received wurde nicht angenommen")
        rounds = max(1, min(args.rounds, args.duration))
        seconds = args.duration // rounds
        # Each slice is a new wrk that starts at its first request again: every slice gets its own
        # requests, so that no webhook-id is sent twice.
        timestamp = str(int(time.time()))
        body = json.dumps({"type": "in_progress", "note": "Wir prüfen Ihren Antrag."}).encode()
        scripts = []
        for round_number in range(rounds):
            requests_file = os.path.join(workdir, f"events-{round_number}.tsv")
            with open(requests_file, "w") as file:
                for number in range(args.events // rounds):
                    message_id = f"msg_{round_number}_{number}"
                    path = f"/api/v1/applications/{references[number % len(references)]}/events"
                    file.write(f"{path}\t{message_id}\t{timestamp}\t{sign(message_id, timestamp, body)}\t{body.decode()}\n")
            scripts.append(EVENT_SCRIPT.replace("{FILE}", requests_file))
        event_runs, health_runs = [], []
        for script in scripts:
            event_runs.append(measure(args, server.pid, base + "/", script, seconds))
            health_runs.append(measure(args, server.pid, base + "/health", "", seconds))
    finally:
        server.terminate()
        server.wait(timeout=30)
    with sqlite3.connect(database) as connection:
        stored = connection.execute("SELECT COUNT(*) FROM procedure_event WHERE kind = 'in_progress'").fetchone()[0]
    shutil.rmtree(workdir, ignore_errors=True)
    events, health = summary(event_runs), summary(health_runs)
    # wrk counts the answers it received in time; the database also holds the events still in
    # flight when a slice ended, so it may hold a few more.
    stored_per_second = round(events["requests"] / sum(run["seconds"] for run in event_runs), 1)
    result = {
        "benchmark": "events", "duration_s": seconds * rounds, "rounds": rounds, "connections": args.connections,
        "applications": args.applications, "requests": events["requests"], "stored": stored,
        "events_per_second": stored_per_second, "events_p50_ms": events["p50_ms"], "events_p99_ms": events["p99_ms"],
        "events_errors": events["errors"], "events_non_2xx": events["non_2xx"],
        "health_per_second": health["per_second"], "health_p50_ms": health["p50_ms"], "health_p99_ms": health["p99_ms"],
        "events_server_cpu_us": events["server_cpu_us"], "health_server_cpu_us": health["server_cpu_us"],
        "ratio_events_to_health": round(stored_per_second / health["per_second"], 4) if health["per_second"] else None,
    }
    print(json.dumps(result))
    if events["errors"] or events["non_2xx"] or stored < events["requests"] or stored > events["requests"] + rounds * args.connections:
        sys.exit("Nicht jedes Ereignis wurde gespeichert (siehe events_non_2xx, stored)")


if __name__ == "__main__":
    main()
