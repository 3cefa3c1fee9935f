#!/usr/bin/env python3
"""Soak: many concurrent keep-alive connections POST /echo random bodies (Content-Length and
chunked, 0 B to 1 MB), partly pipelined, and every response is checked byte for byte.

    python3 scripts/soak.py --port 8080 [--connections 300] [--requests 20] [--seed 1]

Prints one summary line and exits 1 on any mismatch or unexpected close."""
import argparse, asyncio, random, sys, time


def body_size(rng):
    roll = rng.random()
    if roll < 0.6:
        return rng.randint(0, 2048)
    if roll < 0.95:
        return rng.randint(2048, 128 * 1024)
    return rng.randint(128 * 1024, 1_000_000)


def encode(body, chunked, rng):
    head = "POST /echo HTTP/1.1\r\nHost: soak\r\nContent-Type: application/octet-stream\r\n"
    if not chunked:
        return (head + f"Content-Length: {len(body)}\r\n\r\n").encode() + body
    parts, offset = [], 0
    while offset < len(body):
        size = rng.randint(1, 65536)
        piece = body[offset:offset + size]
        parts.append(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
        offset += size
    return (head + "Transfer-Encoding: chunked\r\n\r\n").encode() + b"".join(parts) + b"0\r\n\r\n"


async def read_response(reader):
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("closed")
    status = int(status_line.split()[1])
    length = None
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value.strip())
    body = await reader.readexactly(length or 0)
    return status, body


async def client(port, requests, rng, stats):
    reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=4 * 1024 * 1024)
    remaining = requests
    try:
        while remaining > 0:
            batch = min(remaining, rng.choice([1, 1, 1, 2, 3]))  # pipelined in part
            bodies = [rng.randbytes(body_size(rng)) for _ in range(batch)]
            writer.write(b"".join(encode(b, rng.random() < 0.4, rng) for b in bodies))
            await writer.drain()
            for expected in bodies:
                status, body = await read_response(reader)
                stats["requests"] += 1
                stats["bytes"] += len(expected)
                if status != 200 or body != expected:
                    stats["mismatches"] += 1
            remaining -= batch
    except (ConnectionError, asyncio.IncompleteReadError):
        stats["unexpected_closes"] += 1
    finally:
        writer.close()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--connections", type=int, default=300)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    stats = {"requests": 0, "bytes": 0, "mismatches": 0, "unexpected_closes": 0}
    started = time.time()
    tasks = [client(args.port, args.requests, random.Random(args.seed * 100_003 + i), stats) for i in range(args.connections)]
    await asyncio.wait_for(asyncio.gather(*tasks), args.timeout)
    expected = args.connections * args.requests
    print(f"soak: {args.connections} connections, {stats['requests']}/{expected} requests, "
          f"{stats['bytes'] / 1e6:.1f} MB echoed, {stats['mismatches']} mismatches, "
          f"{stats['unexpected_closes']} unexpected closes, {time.time() - started:.1f} s")
    ok = stats["requests"] == expected and stats["mismatches"] == 0 and stats["unexpected_closes"] == 0
    sys.exit(0 if ok else 1)


asyncio.run(main())
