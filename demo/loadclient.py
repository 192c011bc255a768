"""The benchmark's HTTP load client: closed-loop users in one asyncio process.

``benchmark`` runs it as a separate process (``python demo/loadclient.py``)
so that the client shares no interpreter (and no GIL) with the measuring
command, and costs little: one keep-alive connection per user, raw HTTP/1.1
over asyncio streams, no Django, no per-request thread. Each user sends its
next request as soon as the last one has been read to its end (closed loop, no
think time), or after a pause of mean ``think`` seconds (exponential) if given.

A *probe* user can run beside them, asking for a trivial page (the favicon
redirect: Django's middleware, no database, no template) every
``probe_interval`` seconds (0.1) the whole time: its times are what any
request waits under that load.

Input (JSON on stdin)::

    {"host": "127.0.0.1", "port": 8000, "path": "/referrals/", "users": 20,
     "requests": 10, "warmup": 1, "cookies": ["sessionid=..."], "expect": [200],
     "probe": "/favicon.ico", "probe_expect": [301], "think": 0}

``cookies`` holds one Cookie header per user (cycled; empty for anonymous).
Output (JSON on stdout): each timed request's seconds, the probe's, the
statuses, errors, the run's wall time and this process's CPU time.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time


class ResponseError(Exception):
    pass


async def _read_response(reader):
    """(status, body length, whether the server closes) of one response."""
    line = await reader.readline()
    if not line:
        raise ResponseError("connection closed before a response")
    parts = line.split(None, 2)
    if len(parts) < 2 or not parts[0].startswith(b"HTTP/"):
        raise ResponseError(f"not an HTTP status line: {line[:60]!r}")
    status = int(parts[1])
    headers = {}
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.partition(b":")
        headers[name.strip().lower()] = value.strip()
    closes = headers.get(b"connection", b"").lower() == b"close"
    if b"content-length" in headers:
        length = int(headers[b"content-length"])
        await reader.readexactly(length)
    elif headers.get(b"transfer-encoding", b"").lower() == b"chunked":
        length = 0
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            if size == 0:
                while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                    pass
                break
            await reader.readexactly(size + 2)
            length += size
    else:
        length = len(await reader.read())
        closes = True
    return status, length, closes


class User:
    def __init__(self, host, port, path, cookie):
        self.host, self.port = host, port
        lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", "Accept-Language: en"]
        if cookie:
            lines.append(f"Cookie: {cookie}")
        self.request = ("\r\n".join(lines) + "\r\n\r\n").encode()
        self.reader = self.writer = None

    async def get(self):
        """One request: (seconds, status, length); reconnects when needed."""
        started = time.perf_counter()
        for attempt in (1, 2):
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            try:
                self.writer.write(self.request)
                await self.writer.drain()
                status, length, closes = await _read_response(self.reader)
                break
            except (ConnectionError, ResponseError, asyncio.IncompleteReadError):
                # A kept-alive connection the server had just closed: once more.
                self.close()
                if attempt == 2:
                    raise
                started = time.perf_counter()
        if closes:
            self.close()
        return time.perf_counter() - started, status, length

    def close(self):
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def run(spec):
    host, port, users = spec["host"], spec["port"], spec["users"]
    cookies = spec.get("cookies") or [""]
    expect = set(spec.get("expect", [200]))
    clients = [User(host, port, spec["path"], cookies[i % len(cookies)]) for i in range(users)]
    times, statuses, errors = [], {}, []

    think = spec.get("think", 0)
    rng = random.Random(spec.get("seed", 12))

    async def user_loop(client, count, timed):
        for _ in range(count):
            if timed and think:
                # A person reading the page before the next: exponential, mean ``think``.
                await asyncio.sleep(rng.expovariate(1 / think))
            try:
                seconds, status, _length = await client.get()
            except Exception as error:  # counted, not raised
                errors.append(f"{type(error).__name__}: {error}"[:120])
                client.close()
                continue
            if timed:
                times.append(seconds)
                statuses[status] = statuses.get(status, 0) + 1
                if status not in expect:
                    errors.append(f"status {status}")

    # Warm-up: every user's connection opened and each server thread's first
    # request (templates compiled, connections opened) made, untimed.
    await asyncio.gather(*(user_loop(c, spec.get("warmup", 1), False) for c in clients))
    probe_times, stop = [], asyncio.Event()

    async def probe_loop():
        client = User(host, port, spec["probe"], "")
        probe_expect = set(spec.get("probe_expect", [200, 301, 302]))
        while not stop.is_set():
            try:
                seconds, status, _length = await client.get()
            except Exception as error:
                errors.append(f"probe {type(error).__name__}: {error}"[:120])
                client.close()
                await asyncio.sleep(0.01)
                continue
            probe_times.append(seconds)
            if status not in probe_expect:
                errors.append(f"probe status {status}")
            # A few requests a second: a sample of the wait, not more load.
            await asyncio.sleep(spec.get("probe_interval", 0.1))
        client.close()

    probe = asyncio.ensure_future(probe_loop()) if spec.get("probe") else None
    cpu, started = time.process_time(), time.perf_counter()
    await asyncio.gather(*(user_loop(c, spec["requests"], True) for c in clients))
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    stop.set()
    if probe is not None:
        await probe
    for client in clients:
        client.close()
    return {
        "times": times,
        "probe_times": probe_times,
        "statuses": {str(k): v for k, v in statuses.items()},
        "errors": errors,
        "wall": wall,
        "cpu": cpu,
    }


def main():
    spec = json.load(sys.stdin)
    json.dump(asyncio.run(run(spec)), sys.stdout)


if __name__ == "__main__":
    main()
