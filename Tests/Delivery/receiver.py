#!/usr/bin/env python3
"""A department's webhook receiver for Rathaus's delivery tests.

Listens on 127.0.0.1 (port 0 = any free port) and prints "PORT <number>" when ready. Every POST is
verified with the official `standardwebhooks` package (PyPI) and appended to the log file as one
JSON line: {"n", "webhook_id", "timestamp", "valid", "error", "body", "answered"}. What it answers
depends on --mode:

  ok        200
  fail      500 for the first --fail-first requests, then 200
  stall     sleeps --stall-seconds before answering 200 (past the sender's timeout)
  close     closes the connection in the middle of the response for the first --fail-first requests
  ratelimit 429 with "Retry-After: --retry-after" for the first --fail-first requests, then 200
  gone      410
  redirect  302 to /elsewhere

With --tls-cert and --tls-key it serves https (Python's ssl module) with that certificate chain; with
--client-ca as well it requires a client certificate signed by that CA (mutual TLS), and a connection
without one fails in the handshake, before anything is logged.

It stops by itself after --lifetime seconds. Python standard library plus `standardwebhooks`.
"""

import argparse
import json
import socket
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--secret", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--mode", default="ok")
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--stall-seconds", type=float, default=3)
    parser.add_argument("--retry-after", default="1")
    parser.add_argument("--lifetime", type=float, default=300)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--client-ca")
    args = parser.parse_args()

    webhook = Webhook(args.secret)
    lock = threading.Lock()
    state = {"count": 0}

    class Handler(BaseHTTPRequestHandler):
        # Headers and body go out in separate writes; without this the body waits about 40 ms for
        # the client's delayed acknowledgement of the headers (Nagle's algorithm).
        disable_nagle_algorithm = True
        protocol_version = "HTTP/1.1"

        def log_message(self, *_):
            pass

        def do_POST(self):
            length = int(self.headers.get("content-length", "0"))
            body = self.rfile.read(length)
            with lock:
                state["count"] += 1
                number = state["count"]
            entry = {"n": number, "webhook_id": self.headers.get("webhook-id"),
                     "timestamp": self.headers.get("webhook-timestamp"), "valid": True, "error": None,
                     "body": body.decode("utf-8"), "user_agent": self.headers.get("user-agent"),
                     "content_type": self.headers.get("content-type")}
            try:
                webhook.verify(body, {k.lower(): v for k, v in self.headers.items()})
            except Exception as error:  # noqa: BLE001 - any failure is recorded, not fatal
                entry["valid"] = False
                entry["error"] = repr(error)
            failing = number <= args.fail_first
            if args.mode == "stall":
                time.sleep(args.stall_seconds)
                status = 200
            elif args.mode == "close" and failing:
                entry["answered"] = "closed"
                self.write_log(entry)
                self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial")
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_RDWR)
                self.close_connection = True
                return
            elif args.mode == "fail" and failing:
                status = 500
            elif args.mode == "ratelimit" and failing:
                status = 429
            elif args.mode == "gone":
                status = 410
            elif args.mode == "redirect":
                status = 302
            else:
                status = 200
            entry["answered"] = status
            self.write_log(entry)
            self.send_response(status)
            if status == 429:
                self.send_header("Retry-After", args.retry_after)
            if status == 302:
                self.send_header("Location", "/elsewhere")
            reply = json.dumps({"ok": status < 300}).encode()
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def write_log(self, entry):
            with lock:
                with open(args.log, "a", encoding="utf-8") as log:
                    log.write(json.dumps(entry) + "\n")

    context = None
    if args.tls_cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        if args.client_ca:
            context.load_verify_locations(args.client_ca)
            context.verify_mode = ssl.CERT_REQUIRED

    class Server(ThreadingHTTPServer):
        def finish_request(self, request, client_address):
            # The TLS handshake runs in the connection's own thread, so a failing one blocks no other.
            if context is not None:
                request = context.wrap_socket(request, server_side=True)
            super().finish_request(request, client_address)

        def handle_error(self, request, client_address):
            if not isinstance(sys.exc_info()[1], ssl.SSLError):  # a refused handshake is expected
                super().handle_error(request, client_address)

    server = Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(f"PORT {server.server_address[1]}", flush=True)
    threading.Timer(args.lifetime, server.shutdown).start()
    server.serve_forever()
    sys.exit(0)


if __name__ == "__main__":
    main()
