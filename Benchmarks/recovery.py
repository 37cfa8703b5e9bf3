#!/usr/bin/env python3
"""Delivery after kills, measured from outside (issue 22).

1. Starts a release build of `rathaus serve` on a free loopback port with a new SQLite database (or the
   empty PostgreSQL database given with --database) and no departments (so nothing is delivered yet), and files Sperrmüll applications through the HTTP API,
   several client threads at once, each conversation answered field by field until it is confirmed.
2. Stops the server, starts the webhook receiver `Tests/Delivery/receiver.py` (it verifies every
   signature with the `standardwebhooks` package and logs each request with its webhook-id and body),
   and runs `rathaus deliver --interval 0.05` against it, killing it with SIGKILL `--kills` times and
   starting it again each time. Kill i comes at a seeded random moment within the i-th share of the
   applications (when the receiver has seen a seeded random number of them between (i-1)/kills and
   i/kills of all), and only once the running worker has delivered something, so that kills spread over
   the whole delivery and hit workers in the middle of a pass.
3. After the last kill one worker runs until every application has arrived and the store has nothing
   left to deliver.

What it measures:

- At each kill, once the worker is dead (on PostgreSQL: once its sessions are gone, so that its last
  transaction has ended) and before the next starts, it reads (read-only) which outbox rows the killed
  worker held under lease: the rows in flight. Per kill: how many, how many of them the
  receiver got twice because of this kill (a copy counts against the kill of the worker that sent the
  copy before it: the kills are marked in the receiver's log where the next worker starts, once the log
  has been quiet for 0.1 s plus --receiver-delay), and the recovery time: from the kill until every row in flight
  had reached the receiver again after its lease ran out. A row that another killed worker took over
  in between counts with its final delivery.
- After the last kill: the time until the last application that had not yet arrived reached the receiver,
  and the time until the store had no undelivered row left (nothing more can be sent twice after it).
- Over all: applications confirmed through the API, applications received (distinct webhook-ids),
  lost (confirmed, never received), duplicates and whether every copy has the same webhook-id and body.

Arrival times are the moments the script reads each line of the receiver's log (polled every 5 ms).

Prints one JSON object on standard output, notes on standard error; exits 1 when an application was
lost, a duplicate differs, a signature failed, a conversation failed or the run did not finish within
--time-limit. --receiver-delay makes the receiver wait before it answers (its stall mode), so that a pass
can take longer than the lease.
--details FILE writes each kill's own figures, one JSON object a line: rows in flight, the duplicates
charged to it with the places of their copies in the receiver's log.

On PostgreSQL, --database postgres://USER:PASSWORD@HOST:PORT/DB names an empty database made for the run
(the script refuses one that holds applications, and neither creates nor drops databases); the script reads
its outbox with psycopg 3 (`pip install 'psycopg[binary]'`), on one connection of its own whose
transactions are read-only.

    swift build -c release --product rathaus
    pip install -r Tests/Delivery/requirements.txt
    python3 Benchmarks/recovery.py [--applications 10000] [--kills 100] [--seed 1] [--time-limit 3600]

    pip install 'psycopg[binary]'
    createdb -E UTF8 --locale=C -T template0 recovery1
    python3 Benchmarks/recovery.py --database postgres://USER:PASSWORD@localhost:5432/recovery1
"""
import argparse
import bisect
import json
import math
import os
import queue
import random
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import http.client
from datetime import datetime, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"  # the Standard Webhooks specification's test secret
FIRST_NAMES = ["Anna", "Jonas", "Fatma", "Lukas", "Marie", "Mehmet", "Sophie", "Paul", "Olga", "Felix", "Leonie", "Ali"]
LAST_NAMES = ["Müller", "Schmidt", "Yılmaz", "Becker", "Wagner", "Nowak", "Hoffmann", "Schulz", "Krause", "Weber"]
STREETS = ["Lindenweg", "Hauptstraße", "Am Markt", "Schillerstraße", "Birkenallee", "Gartenstraße"]


def note(text):
    print(text, file=sys.stderr, flush=True)


class OutOfTime(Exception):
    pass


def answer(field, k):
    """What citizen number k answers to the Sperrmüll form's field."""
    answers = {
        "einwilligung": "ja",
        "name": f"{FIRST_NAMES[k % len(FIRST_NAMES)]} {LAST_NAMES[k // len(FIRST_NAMES) % len(LAST_NAMES)]}",
        "abholadresse": f"{STREETS[k % len(STREETS)]} {k % 150 + 1}",
        "plz": ["12345", "12346", "12347"][k % 3],
        "gegenstaende": f"{k % 4 + 1} Sofa, {k % 3 + 1} Matratzen",
        "menge": str(k % 5 + 1),
        "elektrogeraete": "nein",
        "wunschtermin": "überspringen",
        "email": f"buerger{k}@example.org",
        "telefon": "überspringen",
        "absenden": "ja",
    }
    return answers.get(field)


def file_applications(port, numbers, deadline, results, lock):
    """One client thread: files an application for each number through the API, on one keep-alive connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def post(path, body, token=None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = "Bearer " + token
        connection.request("POST", path, body=json.dumps(body).encode(), headers=headers)
        response = connection.getresponse()
        data = response.read()
        if response.status not in (200, 201):
            raise RuntimeError(f"{path}: HTTP {response.status} {data[:200]!r}")
        return json.loads(data)

    for k in numbers:
        if time.time() > deadline:
            return
        try:
            started = post("/api/v1/conversations", {})
            path = f"/api/v1/conversations/{started['id']}/messages"
            turn = post(path, {"text": "ich will sperrmüll anmelden"}, started["token"])
            for _ in range(20):
                if turn.get("reference"):
                    break
                field = (turn.get("expecting") or {}).get("field")
                text = answer(field, k)
                if turn.get("state") not in ("form", "confirm") or text is None:
                    raise RuntimeError(f"unexpected turn {json.dumps(turn, ensure_ascii=False)[:300]}")
                turn = post(path, {"text": text}, started["token"])
            reference = turn.get("reference")
            if not reference:
                raise RuntimeError("no reference after 20 turns")
            with lock:
                results["references"].append(reference)
        except Exception as error:  # noqa: BLE001 - counted and reported, the run goes on
            with lock:
                results["errors"].append(repr(error))
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)


def start_serve(args, database, folder):
    config = os.path.join(folder, "serve.yaml")
    with open(config, "w", encoding="utf-8") as file:
        # No departments: confirmed applications are stored, not delivered. per_second 0 turns the rate limit off.
        file.write("server:\n  rate_limit: {per_second: 0, burst: 1}\n  reload_check_seconds: 0\n")
    process = subprocess.Popen(
        [args.binary, "serve", "--catalog", args.catalog, "--database", database, "--host", "127.0.0.1", "--port", "0",
         "--config", config, "--log-level", "warning"],
        stdout=subprocess.PIPE, stderr=open(os.path.join(folder, "serve.log"), "wb"), text=True)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    try:
        line = lines.get(timeout=60)
    except queue.Empty:
        line = ""
    match = re.search(r"Rathaus lauscht auf http://[^\s:]+:(\d+)", line)
    if not match:
        process.kill()
        raise RuntimeError(f"rathaus serve did not start (see {folder}/serve.log): {line!r}")
    return process, int(match.group(1))


def create_applications(args, database, folder, deadline):
    serve, port = start_serve(args, database, folder)
    note(f"rathaus serve on port {port}: filing {args.applications} applications with {args.clients} clients")
    results = {"references": [], "errors": []}
    lock = threading.Lock()
    started = time.time()
    try:
        threads = [threading.Thread(target=file_applications,
                                    args=(port, range(c, args.applications, args.clients), deadline, results, lock))
                   for c in range(args.clients)]
        for thread in threads:
            thread.start()
        reported = started
        while any(thread.is_alive() for thread in threads):
            time.sleep(0.1)
            if time.time() - reported >= 10:
                reported = time.time()
                with lock:
                    done = len(results["references"])
                note(f"  {done} applications confirmed ({reported - started:.0f} s)")
        seconds = time.time() - started
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=60)
    if time.time() > deadline:
        raise OutOfTime("filing the applications")
    return results, seconds


class ReceiverLog:
    """Follows the receiver's log file and stamps each line with the time it was read."""

    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()
        self.receipts = []  # (time, entry)
        self.first = {}  # webhook_id -> time of its first receipt
        self.read = 0  # bytes read
        self.running = True
        self.thread = threading.Thread(target=self.follow, daemon=True)
        self.thread.start()

    def follow(self):
        while not os.path.exists(self.path) and self.running:
            time.sleep(0.005)
        with open(self.path, "rb") as file:
            pending = b""
            while self.running:
                chunk = file.read()
                if not chunk:
                    time.sleep(0.005)
                    continue
                now = time.time()
                pending += chunk
                *lines, pending = pending.split(b"\n")
                with self.lock:
                    self.read += len(chunk)
                    for line in lines:
                        entry = json.loads(line)
                        self.receipts.append((now, entry))
                        self.first.setdefault(entry["webhook_id"], now)

    def counts(self):
        with self.lock:
            return len(self.receipts), len(self.first)

    def settled(self):
        """How many receipts the log holds once everything written to it so far has been read."""
        size = os.path.getsize(self.path) if os.path.exists(self.path) else 0
        waited_until = time.time() + 5
        while time.time() < waited_until:
            with self.lock:
                if self.read >= size:
                    return len(self.receipts)
            time.sleep(0.001)
        raise RuntimeError("the receiver's log is not read")

    def quiet(self, seconds=0.1):
        """How many receipts the log holds once nothing has been added to it for `seconds` (at most 5 s)."""
        waited_until = time.time() + 5
        count = self.settled()
        while time.time() < waited_until:
            time.sleep(seconds)
            now = self.settled()
            if now == count:
                break
            count = now
        return count

    def stop(self):
        time.sleep(0.2)
        self.running = False
        self.thread.join()


def is_postgresql(database):
    return database.startswith(("postgres://", "postgresql://"))


def shown(database):
    """The database as notes show it: a PostgreSQL URL without its password."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", database)


class Outbox:
    """Reads (read-only) the outbox of the store under test; a subclass per backend opens the database
    and turns its timestamps into seconds since 1970."""

    LEASED = ("SELECT message_id, lease_owner, lease_until FROM outbox "
              "WHERE status IN ('pending', 'retrying') AND lease_owner IS NOT NULL AND lease_until IS NOT NULL")
    UNDELIVERED = "SELECT COUNT(*) FROM outbox WHERE status != 'delivered'"

    def leased_rows(self):
        """Rows still to be delivered that some worker holds under lease: {webhook_id: (owner, lease_until)}."""
        for attempt in range(20):
            try:
                rows = self.query(self.LEASED)
                return {message: (owner, self.seconds(until)) for message, owner, until in rows}
            except self.Busy as error:
                note(f"  reading the leases failed ({error}), again")
                time.sleep(0.05)
        raise RuntimeError("cannot read the outbox")

    def undelivered(self):
        """Outbox rows not yet delivered."""
        return self.query(self.UNDELIVERED)[0][0]

    def after_kill(self):
        """Waits until nothing the killed worker began can still change the outbox; returns the seconds waited."""
        return 0.0

    def close(self):
        pass


class SQLiteOutbox(Outbox):
    Busy = sqlite3.OperationalError

    def __init__(self, path):
        self.path = path

    def query(self, sql):
        connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=5)
        try:
            return connection.execute(sql).fetchall()
        finally:
            connection.close()

    @staticmethod
    def seconds(text):
        """A timestamp as GRDB stores a Date ("YYYY-MM-DD HH:MM:SS.SSS", UTC)."""
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=timezone.utc).timestamp()


class PostgreSQLOutbox(Outbox):
    """One connection of its own, every transaction read-only (psycopg 3: pip install 'psycopg[binary]')."""

    def __init__(self, url):
        try:
            import psycopg
        except ImportError:
            sys.exit("psycopg fehlt: pip install 'psycopg[binary]'")
        self.Busy = psycopg.OperationalError
        self.connection = psycopg.connect(url, autocommit=True)
        self.connection.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")

    def query(self, sql):
        return self.connection.execute(sql).fetchall()

    @staticmethod
    def seconds(value):
        """timestamptz comes as an aware datetime."""
        return value.timestamp()

    def other_sessions(self):
        return self.query("SELECT COUNT(*) FROM pg_stat_activity "
                          "WHERE datname = current_database() AND pid != pg_backend_pid()")[0][0]

    def after_kill(self):
        """A killed worker's transactions end (committed or rolled back) when PostgreSQL sees its connection
        close: waits until no other session is left on the database (at most 5 s)."""
        started = time.time()
        while self.other_sessions() and time.time() < started + 5:
            time.sleep(0.005)
        return time.time() - started

    def holds_applications(self):
        """Whether the database already holds applications (a run needs an empty one)."""
        if self.query("SELECT to_regclass('application') IS NULL")[0][0]:
            return False
        return self.query("SELECT EXISTS (SELECT 1 FROM application)")[0][0]

    def close(self):
        self.connection.close()


def write_delivery_config(folder, port):
    path = os.path.join(folder, "deliver.yaml")
    with open(path, "w", encoding="utf-8") as file:
        file.write(
            "delivery:\n"
            "  connect_timeout_seconds: 2\n"
            "  timeout_seconds: 10\n"
            "  concurrency: 4\n"
            "  retry_schedule_seconds: [1, 2, 5, 10, 30]\n"
            "departments:\n"
            "  default:\n"
            f"    url: http://127.0.0.1:{port}/hook\n"
            f"    secrets: [{SECRET}]\n")
    return path


def start_receiver(args, folder, log):
    command = [sys.executable, os.path.join(ROOT, "Tests", "Delivery", "receiver.py"), "--secret", SECRET, "--log", log,
               "--lifetime", str(args.time_limit)]
    if args.receiver_delay > 0:
        command += ["--mode", "stall", "--stall-seconds", str(args.receiver_delay)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=open(os.path.join(folder, "receiver.log"), "wb"),
                               text=True)
    line = process.stdout.readline()
    if not line.startswith("PORT "):
        process.kill()
        raise RuntimeError(f"receiver.py did not start (see {folder}/receiver.log)")
    return process, int(line.split()[1])


class Workers:
    """`rathaus deliver` processes, one at a time."""

    def __init__(self, args, config, database, folder):
        self.command = [args.binary, "deliver", "--config", config, "--database", database, "--interval", "0.05"]
        self.output = open(os.path.join(folder, "deliver.log"), "ab")
        self.process = None
        self.failures = []  # exit statuses of workers that ended by themselves

    def start(self):
        self.process = subprocess.Popen(self.command, stdout=self.output, stderr=self.output)

    def check(self):
        """Restarts a worker that ended by itself (and counts it)."""
        if self.process.poll() is not None:
            self.failures.append(self.process.returncode)
            note(f"  rathaus deliver ended by itself with status {self.process.returncode}; started again")
            self.start()

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        killed_at = time.time()
        self.process.wait()
        return killed_at


def deliver_with_kills(args, database, outbox, folder, log, confirmed, deadline):
    receiver, port = start_receiver(args, folder, log)
    config = write_delivery_config(folder, port)
    followed = ReceiverLog(log)
    workers = Workers(args, config, database, folder)
    generator = random.Random(args.seed)
    total = len(confirmed)
    kills = []
    owners_seen = set()
    started = time.time()
    note(f"receiver on port {port}; delivering {total} applications, {args.kills} kills")
    try:
        for number in range(args.kills):
            workers.start()
            before, _ = followed.counts()
            threshold = min(total - 1, math.floor(total * (number + generator.random()) / args.kills))
            while True:
                receipts, distinct = followed.counts()
                if distinct >= threshold and receipts > before:
                    break
                if time.time() > deadline:
                    raise OutOfTime(f"waiting for kill {number + 1}")
                workers.check()
                time.sleep(0.005)
            killed_at = workers.kill()
            logged_at_kill = followed.settled()
            _, distinct = followed.counts()
            waited = outbox.after_kill()
            leases = outbox.leased_rows()
            # Everything the receiver logs until it has been quiet for a moment came from this worker or
            # earlier ones (the receiver logs a request before it answers, after its delay, so the requests
            # on the wire at the kill are among them): the log's length then separates their requests from
            # the next worker's.
            boundary = followed.quiet(0.1 + args.receiver_delay)
            owners = {owner for owner, _ in leases.values()} - owners_seen
            owners_seen |= owners
            in_flight = {message: until for message, (owner, until) in leases.items() if owner in owners}
            kills.append({"at": killed_at, "in_flight": in_flight, "received_before": distinct, "waited": waited,
                          "boundary": boundary, "logged_late": boundary - logged_at_kill})
            if (number + 1) % 10 == 0:
                note(f"  kill {number + 1}: {distinct} of {total} received, {len(in_flight)} rows in flight "
                     f"({time.time() - started:.0f} s)")
        last_kill = kills[-1]["at"] if kills else started
        workers.start()
        drained_at = None
        while True:
            _, distinct = followed.counts()
            if distinct >= total and outbox.undelivered() == 0:
                drained_at = time.time()
                break
            if time.time() > deadline:
                raise OutOfTime("waiting for the last deliveries")
            workers.check()
            time.sleep(0.05)
        workers.kill()
    finally:
        if workers.process and workers.process.poll() is None:
            workers.process.kill()
            workers.process.wait()
        followed.stop()
        receiver.terminate()
        receiver.wait()
    return {"kills": kills, "started": started, "receipts": followed.receipts, "first": followed.first, "last_kill": last_kill,
            "drained_at": drained_at, "seconds": time.time() - started, "worker_failures": workers.failures}


def store_account(args, database):
    """The store's own account of every delivery (`rathaus deliveries list --json`)."""
    result = subprocess.run([args.binary, "deliveries", "list", "--json", "--database", database],
                            capture_output=True, text=True, check=True)
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    statuses = {}
    for row in rows:
        statuses[row["status"]] = statuses.get(row["status"], 0) + 1
    return {"rows": len(rows), "statuses": statuses, "attempts_recorded": sum(row["attempts"] for row in rows),
            "retried": sum(1 for row in rows if row["attempts"] > 1)}


def rounded(value, digits=2):
    return None if value is None else round(value, digits)


def analyse(confirmed, delivery):
    receipts = delivery["receipts"]
    kills = delivery["kills"]
    by_id = {}
    for at, entry in receipts:
        by_id.setdefault(entry["webhook_id"], []).append((at, entry))
    invalid = sum(1 for _, entry in receipts if not entry["valid"])
    references = {}
    differing = []
    for message, copies in by_id.items():
        bodies = {entry["body"] for _, entry in copies}
        body = json.loads(copies[0][1]["body"])
        if len(bodies) > 1 or body.get("id") != message:
            differing.append(message)
        references.setdefault(body.get("reference"), set()).add(message)
    received = set(references)
    lost = sorted(set(confirmed) - received)
    unknown = sorted(received - set(confirmed))
    split = [reference for reference, ids in references.items() if len(ids) > 1]

    # Every receipt after the first of a webhook-id is a duplicate, caused by the kill of the worker that
    # sent the copy before it. The receiver's log is cut at each kill where the next worker started
    # (ReceiverLog.quiet), so a copy's place in the log names the worker that sent it; that worker must
    # have held the row under lease when it was killed, else the duplicate is unexplained. `by_old_rule`
    # counts as the first version of this script did, for comparison: against the last kill before the
    # duplicate (by when the script read the line) that had the row under lease. That also charged a kill
    # with a row its worker held unsent while the copy due to an earlier kill was on its way, and with
    # a copy sent just before the kill whose line the script had not read yet.
    positions = {}
    for position, (_, entry) in enumerate(receipts):
        positions.setdefault(entry["webhook_id"], []).append(position)
    boundaries = [kill["boundary"] for kill in kills]
    duplicates = [0] * len(kills)
    by_old_rule = [0] * len(kills)
    attributed = [[] for _ in kills]
    unexplained = 0
    for message, copies in by_id.items():
        places = positions[message]
        for copy in range(1, len(copies)):
            culprit = bisect.bisect_right(boundaries, places[copy - 1])  # the kill of the previous copy's worker
            if culprit < len(kills) and message in kills[culprit]["in_flight"] and boundaries[culprit] <= places[copy]:
                duplicates[culprit] += 1
                attributed[culprit].append({"webhook_id": message, "copy": copy + 1, "positions": places,
                                            "in_flight_at_kills": [i for i, k in enumerate(kills) if message in k["in_flight"]]})
            else:
                unexplained += 1
            old = None
            for index, kill in enumerate(kills):
                if message in kill["in_flight"] and kill["at"] <= copies[copy][0]:
                    old = index
            if old is not None:
                by_old_rule[old] += 1

    # Recovery per kill: every row in flight reached the receiver again after its lease ran out. A row
    # that was in flight again at a later kill before it arrived (taken over by a worker that was killed
    # too) counts with its final arrival; `single` leaves such rows out, so that it shows the lease alone.
    recovery = []
    single = []
    lease_wait = []
    unrecovered = 0
    for index, kill in enumerate(kills):
        worst = worst_single = 0.0
        for message, until in kill["in_flight"].items():
            later = [at for at, _ in by_id.get(message, []) if at >= until]
            if not later:
                unrecovered += 1
                continue
            arrived = min(later)
            worst = max(worst, arrived - kill["at"])
            if not any(message in other["in_flight"] and other["at"] < arrived for other in kills[index + 1:]):
                worst_single = max(worst_single, arrived - kill["at"])
        if kill["in_flight"]:
            recovery.append(worst)
            single.append(worst_single)
            lease_wait.extend(until - kill["at"] for until in kill["in_flight"].values())

    last_kill = delivery["last_kill"]
    first_times = sorted(delivery["first"].values())
    last_new = first_times[-1] if first_times else None
    in_flight = [len(kill["in_flight"]) for kill in kills]
    details = [{"kill": index, "at_s": round(kill["at"] - delivery["started"], 3), "boundary": kill["boundary"],
                "logged_late": kill["logged_late"], "waited_s": round(kill["waited"], 3),
                "in_flight": len(kill["in_flight"]), "duplicates": attributed[index]}
               for index, kill in enumerate(kills)]
    return details, {
        "received": len(received),
        "receipts": len(receipts),
        "lost": len(lost),
        "lost_references": lost[:20],
        "received_unknown": len(unknown),
        "duplicates": len(receipts) - len(by_id),
        "duplicates_identical": not differing,
        "duplicates_differing": len(differing),
        "references_with_several_ids": len(split),
        "invalid_signatures": invalid,
        "kills": len(kills),
        "kills_with_rows_in_flight": sum(1 for count in in_flight if count),
        "rows_in_flight_per_kill_max": max(in_flight, default=0),
        "rows_in_flight_per_kill_median": statistics.median(in_flight) if in_flight else 0,
        "duplicates_per_kill_max": max(duplicates, default=0),
        "duplicates_per_kill_median": statistics.median(duplicates) if duplicates else 0,
        "duplicates_per_kill_max_by_old_rule": max(by_old_rule, default=0),
        "kills_duplicating_more_than_in_flight": sum(1 for d, f in zip(duplicates, in_flight) if d > f),
        "duplicates_unexplained_by_a_kill": unexplained,
        "recovery_per_kill_max_s": rounded(max(recovery, default=None)),
        "recovery_per_kill_median_s": rounded(statistics.median(recovery) if recovery else None),
        "recovery_per_kill_single_max_s": rounded(max(single, default=None)),
        "recovery_per_kill_single_median_s": rounded(statistics.median(single) if single else None),
        "lease_left_at_kill_max_s": rounded(max(lease_wait, default=None)),
        "lease_left_at_kill_min_s": rounded(min(lease_wait, default=None)),
        "rows_never_recovered": unrecovered,
        "wait_for_killed_sessions_max_s": rounded(max((kill["waited"] for kill in kills), default=None), 3),
        "receipts_logged_after_kill_max": max((kill["logged_late"] for kill in kills), default=0),
        "not_yet_received_at_last_kill": len(confirmed) - kills[-1]["received_before"] if kills else None,
        "last_application_after_last_kill_s": rounded(max(0.0, last_new - last_kill) if last_new else None),
        "drained_after_last_kill_s": rounded(delivery["drained_at"] - last_kill if delivery["drained_at"] else None),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "rathaus"))
    parser.add_argument("--catalog", default=ROOT, help="folder with Intents/, Knowledge/ and Web/")
    parser.add_argument("--applications", type=int, default=10000)
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--clients", type=int, default=4, help="client threads filing applications")
    parser.add_argument("--receiver-delay", type=float, default=0,
                        help="seconds the receiver waits before answering each delivery (its stall mode)")
    parser.add_argument("--time-limit", type=float, default=3600, help="seconds after which the run stops in any case")
    parser.add_argument("--details", help="file to write each kill's figures to, one JSON object a line")
    parser.add_argument("--database", help="an empty PostgreSQL database, postgres://USER:PASSWORD@HOST:PORT/DB "
                        "(the password may come from PGPASSWORD instead); default: a new SQLite file")
    args = parser.parse_args()
    if args.applications < 1 or args.kills < 0:
        parser.error("--applications must be at least 1 and --kills at least 0")

    started = time.time()
    deadline = started + args.time_limit
    folder = tempfile.mkdtemp(prefix="rathaus-recovery-")
    note(f"working folder {folder}")
    if args.database:
        if not is_postgresql(args.database):
            parser.error("--database takes a postgres:// URL (without it the run uses a new SQLite file)")
        database = args.database
        outbox = PostgreSQLOutbox(database)
        if outbox.holds_applications():
            outbox.close()
            sys.exit(f"{shown(database)} holds applications already; the run needs an empty database "
                     "(createdb -E UTF8 --locale=C -T template0 …)")
    else:
        database = os.path.join(folder, "rathaus.sqlite")
        outbox = SQLiteOutbox(database)
    note(f"database {shown(database)}")
    figures = {"database": "postgresql" if is_postgresql(database) else "sqlite", "applications": args.applications,
               "kills_asked": args.kills, "seed": args.seed, "receiver_delay_s": args.receiver_delay, "complete": False}
    status = 1
    try:
        created, seconds = create_applications(args, database, folder, deadline)
        figures["create_seconds"] = round(seconds, 1)
        confirmed = created["references"]
        figures["applications_confirmed"] = len(confirmed)
        figures["conversation_errors"] = len(created["errors"])
        for error in created["errors"][:5]:
            note(f"  conversation failed: {error}")
        if not confirmed:
            raise RuntimeError("no application was confirmed")
        delivery = deliver_with_kills(args, database, outbox, folder, os.path.join(folder, "receiver.jsonl"), confirmed,
                                      deadline)
        figures["deliver_seconds"] = round(delivery["seconds"], 1)
        figures["worker_failures"] = len(delivery["worker_failures"])
        details, analysed = analyse(confirmed, delivery)
        figures.update(analysed)
        if args.details:
            with open(args.details, "w", encoding="utf-8") as file:
                for kill in details:
                    file.write(json.dumps(kill) + "\n")
        figures["store"] = store_account(args, database)
        figures["complete"] = True
        recovered = figures["drained_after_last_kill_s"]
        figures["recovered_within_60s"] = recovered is not None and recovered <= 60
        failed = (figures["lost"] or not figures["duplicates_identical"] or figures["invalid_signatures"]
                  or figures["references_with_several_ids"] or figures["conversation_errors"])
        status = 1 if failed else 0
    except OutOfTime as error:
        note(f"out of time ({args.time_limit:.0f} s) while {error}")
        figures["out_of_time_while"] = str(error)
    finally:
        outbox.close()
        figures["total_seconds"] = round(time.time() - started, 1)
        print(json.dumps(figures, ensure_ascii=False))
    sys.exit(status)


if __name__ == "__main__":
    main()
