#!/usr/bin/env python3
"""A citizen's mail server for Rathaus's e-mail tests (aiosmtpd from PyPI, plain SMTP on 127.0.0.1).

Listens on 127.0.0.1 at a free port and prints "PORT <number>" when ready. Answers the end of the
first --refuse-first messages with "451 4.3.0 Try again later" (the message is not taken), takes the
rest and appends each as one JSON line to --log: {"n", "mail_from", "rcpt_tos", "subject", "body",
"headers"} (the subject and text decoded). Stops by itself after --lifetime seconds.
"""

import argparse
import asyncio
import email
import email.policy
import json
import socket
import threading

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, log, refuse_first):
        self.log = log
        self.refuse_first = refuse_first
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            number = self.count
        if number <= self.refuse_first:
            return "451 4.3.0 Try again later"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        entry = {"n": number, "mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                 "subject": str(message["subject"]), "body": body.get_content() if body else "",
                 "headers": {key: str(value) for key, value in message.items()}}
        with self.lock:
            with open(self.log, "a", encoding="utf-8") as file:
                file.write(json.dumps(entry) + "\n")
        return "250 OK"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--log", required=True)
    parser.add_argument("--refuse-first", type=int, default=0)
    parser.add_argument("--lifetime", type=float, default=120)
    args = parser.parse_args()
    port = free_port()
    controller = Controller(Handler(args.log, args.refuse_first), hostname="127.0.0.1", port=port)
    controller.start()
    print(f"PORT {port}", flush=True)
    threading.Event().wait(args.lifetime)
    controller.stop()


if __name__ == "__main__":
    main()
