#!/usr/bin/env python3
"""Bounded HTTP load on a local chorus serve: N concurrent keep-alive clients
for at most S seconds (and at most M requests), each request a random pick
from the given paths. Loopback only: the host must be 127.x.x.x or localhost.
Prints one line per path group with count, errors, p50/p90/p99/max latency
(ms), and exits 1 when any request failed (non-2xx, timeout, broken
connection).

usage: serve_load.py HOST:PORT --clients 50 --seconds 10 [--max-requests N]
                     --group NAME PATH [PATH...] [--group NAME PATH...]"""
import argparse
import asyncio
import random
import sys
import time


def parse():
    ap = argparse.ArgumentParser()
    ap.add_argument("addr")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--max-requests", type=int, default=200000)
    ap.add_argument("--timeout", type=float, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--group", nargs="+", action="append", required=True)
    a = ap.parse_args()
    host, port = a.addr.rsplit(":", 1)
    if not (host.startswith("127.") or host == "localhost"):
        sys.exit("serve_load: loopback addresses only")
    a.host, a.port = host, int(port)
    a.groups = [(g[0], g[1:]) for g in a.group if len(g) > 1]
    return a


async def one_request(reader, writer, host, path, timeout):
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: keep-alive\r\n\r\n".encode())
    await writer.drain()
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = None
    for line in lines[1:]:
        k, _, v = line.partition(":")
        if k.strip().lower() == "content-length":
            length = int(v.strip())
    if length is None:
        raise RuntimeError("no content-length")
    await asyncio.wait_for(reader.readexactly(length), timeout)
    return status


async def client(a, rng, stats, deadline, budget):
    reader = writer = None
    while time.monotonic() < deadline and budget[0] > 0:
        budget[0] -= 1
        gi = rng.randrange(len(a.groups))
        name, paths = a.groups[gi]
        path = rng.choice(paths)
        t0 = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.wait_for(asyncio.open_connection(a.host, a.port), a.timeout)
            status = await one_request(reader, writer, a.host, path, a.timeout)
            ok = 200 <= status < 300
        except Exception as e:  # a broken or timed-out request counts as failed
            ok, status = False, repr(e)[:80]
            if writer is not None:
                writer.close()
            reader = writer = None
        dt = (time.perf_counter() - t0) * 1000
        stats[name]["lat"].append(dt)
        if not ok:
            stats[name]["err"] += 1
            if len(stats[name]["why"]) < 5:
                stats[name]["why"].append(f"{path}: {status}")
    if writer is not None:
        writer.close()


def pct(v, p):
    if not v:
        return 0.0
    v = sorted(v)
    return v[min(len(v) - 1, int(round(p / 100 * len(v) + 0.5)) - 1)]


async def main():
    a = parse()
    stats = {name: {"lat": [], "err": 0, "why": []} for name, _ in a.groups}
    deadline = time.monotonic() + a.seconds
    budget = [a.max_requests]
    t0 = time.monotonic()
    await asyncio.gather(*(client(a, random.Random(a.seed * 1000 + i), stats, deadline, budget)
                           for i in range(a.clients)))
    wall = time.monotonic() - t0
    failed = 0
    print(f"{'group':<12} {'requests':>8} {'failed':>6} {'req/s':>7} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>7} {'max ms':>7}")
    for name, _ in a.groups:
        s = stats[name]
        lat = s["lat"]
        failed += s["err"]
        print(f"{name:<12} {len(lat):>8} {s['err']:>6} {len(lat) / wall:>7.1f} {pct(lat, 50):>7.1f} "
              f"{pct(lat, 90):>7.1f} {pct(lat, 99):>7.1f} {max(lat) if lat else 0:>7.1f}")
        for w in s["why"]:
            print(f"  failed: {w}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
