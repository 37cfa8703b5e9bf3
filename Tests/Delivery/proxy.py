#!/usr/bin/env python3
"""An outgoing HTTP proxy for Rathaus's delivery tests: it tunnels CONNECT requests, as a town's
proxy does for https.

Listens on 127.0.0.1 (port 0 = any free port) and prints "PORT <number>" when ready. Every connection
it accepts is appended to the log file as one JSON line: {"n", "method", "target"}. It tunnels
CONNECT only to 127.0.0.1 (anything else gets 403) and answers other methods 405. It stops by itself
after --lifetime seconds. Python standard library only.
"""

import argparse
import json
import select
import socket
import socketserver
import sys
import threading


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--log", required=True)
    parser.add_argument("--lifetime", type=float, default=120)
    args = parser.parse_args()

    lock = threading.Lock()
    state = {"count": 0}

    class Handler(socketserver.StreamRequestHandler):
        rbufsize = 0  # unbuffered: no byte of the tunnel stays behind in a reader's buffer

        def handle(self):
            request_line = self.rfile.readline(8192).decode("latin-1").strip()
            while self.rfile.readline(8192) not in (b"\r\n", b"\n", b""):
                pass  # the request's headers
            method, _, rest = request_line.partition(" ")
            target = rest.split(" ")[0]
            with lock:
                state["count"] += 1
                with open(args.log, "a", encoding="utf-8") as log:
                    log.write(json.dumps({"n": state["count"], "method": method, "target": target}) + "\n")
            if method != "CONNECT":
                self.wfile.write(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
                return
            host, _, port = target.rpartition(":")
            if host != "127.0.0.1" or not port.isdigit():
                self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
                return
            try:
                upstream = socket.create_connection((host, int(port)), timeout=5)
            except OSError:
                self.wfile.write(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
                return
            self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            self.wfile.flush()
            self.tunnel(self.connection, upstream)

        def tunnel(self, client, upstream):
            sockets = [client, upstream]
            try:
                while True:
                    readable, _, _ = select.select(sockets, [], [], 30)
                    if not readable:
                        return
                    for source in readable:
                        data = source.recv(65536)
                        if not data:
                            return
                        (upstream if source is client else client).sendall(data)
            except OSError:
                return
            finally:
                upstream.close()

    class Server(socketserver.ThreadingTCPServer):
        daemon_threads = True
        allow_reuse_address = True

    server = Server(("127.0.0.1", 0), Handler)
    print(f"PORT {server.server_address[1]}", flush=True)
    threading.Timer(args.lifetime, server.shutdown).start()
    server.serve_forever()
    sys.exit(0)


if __name__ == "__main__":
    main()
