#!/usr/bin/env python3
"""Benchmark of `rathaus report`: the staff report over 100,000 stored conversations.

Creates a new database with the release build of `rathaus` (so that the schema is exactly the one
the store migrates to), fills it with Python's sqlite3 from a seeded generator: conversations of
one to a dozen turns spread over the last 30 days, with what each turn did as `rathaus chat`
stores it (answers about the shipped services with their departments, unanswered questions, some
with a phone number, e-mail address or IBAN, „Meinten Sie …“ and the choice after it, feedback,
and Sperrmüll applications walked field by field with refused answers, left or submitted), plus
submitted applications with their deliveries and completed procedures. Then it runs
`rathaus report --json --html FILE` over the whole period several times and prints one JSON object
with the median and every run's wall time, and whether the median meets the goal (under 5 s).

    swift build -c release --product rathaus
    python3 Benchmarks/report.py [--conversations 100000] [--runs 3] [--seed 1]
"""
import argparse
import datetime
import json
import os
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, ".build", "release", "rathaus")
GOAL_SECONDS = 5.0

FORM = "sperrmuell-anmelden"
FORM_STEPS = ["einwilligung", "name", "abholadresse", "plz", "gegenstaende", "menge", "elektrogeraete", "wunschtermin", "email",
              "telefon", "absenden"]
CHECKED_FIELDS = {"plz", "menge", "email", "wunschtermin", "telefon"}
UNANSWERED = [
    "wann hat das freibad geöffnet", "freibad eintritt preise", "gibt es einen wochenmarkt am samstag",
    "wo kann ich mein fahrrad codieren lassen", "wie hoch ist die hundesteuer für zwei katzen", "wann ist der nächste flohmarkt",
    "kann ich im stadtpark grillen", "wer repariert die straßenlaterne vor meinem haus", "wo gibt es gelbe säcke",
    "wie wird das wetter morgen", "was kostet ein parkausweis für handwerker", "wann kommt die biotonne",
]
PERSONAL = ["meine nummer ist 0171 {n}", "schreiben sie an max{n}@example.org", "iban DE89 3704 0044 0532 0130 {s}"]


def services():
    """The shipped services and their departments, read from Knowledge/*.yaml."""
    found = {}
    folder = os.path.join(ROOT, "Knowledge")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".yaml"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            match = re.search(r"^zustaendige_stelle:\s*(\S+)", handle.read(), re.MULTILINE)
        if match:
            found[name[:-5]] = match.group(1)
    return found


def stamp(moment):
    return moment.strftime("%Y-%m-%d %H:%M:%S.") + f"{moment.microsecond // 1000:03d}"


def generate(path, count, seed):
    """Fills the database at `path` with `count` conversations; returns the number of turns."""
    rng = random.Random(seed)
    known = services()
    ids = sorted(known)
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    database = sqlite3.connect(path)
    conversations, turns, applications, outbox, events = [], [], [], [], []
    submitted = 0

    def turn(conversation, moment, kind, citizen="…", intent=None, department=None, resolves=0, form=None, event=None, step=None,
             rejected=None, feedback=None):
        turns.append((conversation, citizen, '["…"]', stamp(moment), kind, intent, department, resolves, form, event, step, rejected,
                      feedback))

    for number in range(count):
        conversation = str(uuid.UUID(int=rng.getrandbits(128)))
        moment = now - datetime.timedelta(seconds=rng.uniform(60, 29 * 86400))
        conversations.append((conversation, '{"id":"%s","offeredValues":{}}' % conversation, stamp(moment), stamp(moment)))
        for _ in range(rng.choice([1, 1, 2, 2, 3, 4])):
            moment += datetime.timedelta(seconds=rng.uniform(5, 90))
            roll = rng.random()
            if roll < 0.55:
                intent = rng.choice(ids)
                turn(conversation, moment, "answered", intent=intent, department=known[intent],
                     feedback=rng.choice([None] * 8 + [True, False]))
            elif roll < 0.70:
                text = rng.choice(UNANSWERED)
                if rng.random() < 0.2:
                    text += " " + rng.choice(PERSONAL).format(n=rng.randrange(10**6, 10**7), s=rng.randrange(10, 99))
                turn(conversation, moment, "unanswered", citizen=text, feedback=rng.choice([None] * 5 + [False]))
            elif roll < 0.78:
                turn(conversation, moment, "clarification")
                moment += datetime.timedelta(seconds=10)
                intent = rng.choice(ids)
                turn(conversation, moment, "answered", intent=intent, department=known[intent], resolves=1)
            elif roll < 0.90:
                turn(conversation, moment, "answered", intent=FORM, department="abfallwirtschaft", form=FORM, event="started",
                     step=FORM_STEPS[0])
                for index, step in enumerate(FORM_STEPS[1:], start=1):
                    if rng.random() < 0.06:
                        break  # left at the step asked before
                    previous = FORM_STEPS[index - 1]
                    if previous in CHECKED_FIELDS and rng.random() < 0.15:
                        moment += datetime.timedelta(seconds=20)
                        turn(conversation, moment, "form", form=FORM, event="step", step=previous, rejected=previous)
                    moment += datetime.timedelta(seconds=rng.uniform(8, 40))
                    turn(conversation, moment, "form", form=FORM, event="step", step=step)
                else:
                    moment += datetime.timedelta(seconds=15)
                    turn(conversation, moment, "form", form=FORM, event="submitted")
                    application = str(uuid.UUID(int=rng.getrandbits(128)))
                    submitted += 1
                    applications.append((application, f"MS-2026-{submitted:06d}", conversation, FORM, 1, "Sperrmüll",
                                         "local:sperrmuell", "abfallwirtschaft", stamp(moment), "{}"))
                    delivered = moment + datetime.timedelta(seconds=rng.uniform(1, 600))
                    outbox.append((application, "application.submitted", application, "abfallwirtschaft", "delivered", 1, stamp(moment),
                                   stamp(moment), stamp(delivered)))
                    if rng.random() < 0.5:
                        events.append((application, "completed", "[]", stamp(delivered + datetime.timedelta(days=rng.uniform(1, 20))),
                                       "clerk"))
            else:
                turn(conversation, moment, "other")
        if number % 20000 == 19999:
            flush(database, conversations, turns, applications, outbox, events)
    flush(database, conversations, turns, applications, outbox, events)
    total = database.execute("SELECT COUNT(*) FROM turn").fetchone()[0]
    database.close()
    return total


def flush(database, conversations, turns, applications, outbox, events):
    with database:
        database.executemany("INSERT INTO conversation (id, snapshot, created_at, updated_at) VALUES (?, ?, ?, ?)", conversations)
        database.executemany(
            "INSERT INTO turn (conversation_id, citizen, replies, created_at, kind, intent, department, after_clarification, form_id,"
            " form_event, form_step, rejected_field, feedback) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", turns)
        database.executemany(
            "INSERT INTO application (id, reference, conversation_id, form_id, schema_version, service_name, service_key, department_id,"
            " submitted_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", applications)
        database.executemany(
            "INSERT INTO outbox (application_id, kind, message_id, department_id, status, attempts, next_attempt_at, created_at,"
            " delivered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", outbox)
        database.executemany(
            "INSERT INTO procedure_event (application_id, kind, documents, received_at, source) VALUES (?, ?, ?, ?, ?)", events)
    for rows in (conversations, turns, applications, outbox, events):
        rows.clear()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--binary", default=BINARY, help="the rathaus executable (default: the release build)")
    arguments = parser.parse_args()
    binary = arguments.binary
    if not os.access(binary, os.X_OK):
        sys.exit(f"{binary} is missing: swift build -c release --product rathaus")
    folder = tempfile.mkdtemp(prefix="rathaus-report-bench-")
    path = os.path.join(folder, "bench.sqlite")
    # An empty report creates the database with the store's schema.
    subprocess.run([binary, "report", "--database", path, "--json"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    started = time.monotonic()
    turns = generate(path, arguments.conversations, arguments.seed)
    generated = time.monotonic() - started
    print(f"generated {arguments.conversations} conversations with {turns} turns in {generated:.1f} s", file=sys.stderr)
    times = []
    html = os.path.join(folder, "bericht.html")
    for run in range(arguments.runs):
        started = time.monotonic()
        result = subprocess.run([binary, "report", "--database", path, "--json", "--html", html], cwd=ROOT, check=True,
                                capture_output=True)
        times.append(time.monotonic() - started)
        print(f"run {run + 1}: {times[-1]:.2f} s", file=sys.stderr)
    print(f"database {path}, report {html}", file=sys.stderr)
    report = json.loads(result.stdout)
    median = statistics.median(times)
    print(json.dumps({
        "conversations": report["totals"]["conversations"], "turns": report["totals"]["turns"], "seconds_median": round(median, 2),
        "seconds": [round(t, 2) for t in times], "html_bytes": os.path.getsize(html), "meets_goal": median < GOAL_SECONDS,
    }))


if __name__ == "__main__":
    main()
