#!/usr/bin/env python3
"""Pipelining flood: many connections each send, in one write, an optional slow request and then
many `GET /info`, and read every response back. Checks that every response arrives, in order (the
/info body carries the request's number on its connection), and samples the server's resident
memory while the requests are held behind the slow one.

    pipeline_flood.py --port N --connections 200 --requests 2500 --slow-ms 6000 --pid PID

Prints `responses R/E, out of order K, unexpected closes C` and, with --pid, `rss baseline B KiB,
peak P KiB, growth G KiB`. Exit status 0 only when everything arrived in order. Bounded in time
by --timeout.
"""
import argparse
import re
import selectors
import socket
import sys
import time

REQUEST_NUMBER = re.compile(rb'"request": (\d+)')


def resident_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Connection:
    def __init__(self, port, payload, expected):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.setblocking(False)
        self.out = memoryview(payload)
        self.buffer = bytearray()
        self.expected = expected
        self.received = 0
        self.out_of_order = 0
        self.closed = False

    def parse(self):
        """Consumes complete Content-Length responses from the buffer."""
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(self.buffer[:end])
            match = re.search(rb"(?i)\r\ncontent-length: *(\d+)", head)
            length = int(match.group(1)) if match else 0
            if len(self.buffer) < end + 4 + length:
                return
            body = bytes(self.buffer[end + 4:end + 4 + length])
            del self.buffer[:end + 4 + length]
            self.received += 1
            number = REQUEST_NUMBER.search(body)
            if number and int(number.group(1)) != self.received:
                self.out_of_order += 1

    @property
    def done(self):
        return self.received >= self.expected or self.closed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--requests", type=int, default=2500)
    parser.add_argument("--slow-ms", type=int, default=0, help="first request per connection: /slow?ms=N (0: none)")
    parser.add_argument("--pid", type=int, help="the server's PID, to sample its resident memory")
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()

    baseline = resident_kib(args.pid) if args.pid else 0
    peak = baseline
    payload = b""
    if args.slow_ms:
        payload += f"GET /slow?ms={args.slow_ms} HTTP/1.1\r\nHost: x\r\n\r\n".encode()
    payload += b"GET /info HTTP/1.1\r\nHost: x\r\n\r\n" * args.requests
    expected = args.requests + (1 if args.slow_ms else 0)

    selector = selectors.DefaultSelector()
    connections = []
    for _ in range(args.connections):
        connection = Connection(args.port, payload, expected)
        connections.append(connection)
        selector.register(connection.sock, selectors.EVENT_READ | selectors.EVENT_WRITE, connection)

    deadline = time.monotonic() + args.timeout
    last_sample = 0.0
    while time.monotonic() < deadline and not all(c.done for c in connections):
        for key, events in selector.select(timeout=0.1):
            connection = key.data
            if events & selectors.EVENT_WRITE and connection.out:
                try:
                    sent = connection.sock.send(connection.out)
                    connection.out = connection.out[sent:]
                except BlockingIOError:
                    pass
                if not connection.out:
                    selector.modify(connection.sock, selectors.EVENT_READ, connection)
            if events & selectors.EVENT_READ:
                try:
                    data = connection.sock.recv(1 << 20)
                except (BlockingIOError, InterruptedError):
                    continue
                except ConnectionError:
                    data = b""
                if not data:
                    connection.closed = True
                    selector.unregister(connection.sock)
                    continue
                connection.buffer += data
                connection.parse()
                if connection.done:
                    selector.unregister(connection.sock)
        if args.pid and time.monotonic() - last_sample > 0.1:
            last_sample = time.monotonic()
            peak = max(peak, resident_kib(args.pid))

    received = sum(c.received for c in connections)
    out_of_order = sum(c.out_of_order for c in connections)
    unexpected_closes = sum(1 for c in connections if c.closed and c.received < expected)
    for connection in connections:
        connection.sock.close()
    print(f"responses {received}/{expected * args.connections}, out of order {out_of_order}, "
          f"unexpected closes {unexpected_closes}")
    if args.pid:
        print(f"rss baseline {baseline} KiB, peak {peak} KiB, growth {peak - baseline} KiB")
    ok = received == expected * args.connections and out_of_order == 0 and unexpected_closes == 0
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
