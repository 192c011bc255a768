"""Measure the public pages under concurrent readers (issue 13: a unit page's p95
under 100 ms at 20 concurrent users at full size).

For the benchmark command, or by hand against a running server::

    from reporting.loadtest import public_paths, measure
    paths = public_paths(limit=200)            # unit pages of the latest publication
    print(measure("http://127.0.0.1:8000", paths, concurrency=20, requests=2000))

``public_paths`` reads the database (the latest version's units, windows and
actions, shuffled with a fixed seed); ``measure`` only talks HTTP (one keep-alive
connection per simulated user, each asking for the next path as soon as it has its
answer, no think time) and returns milliseconds per request: median, p95, p99, max,
and requests per second. ``warm=True`` first asks for every path once, so the figures
are of pages served from their frozen fragments; ``warm=False`` measures first reads.
"""

from __future__ import annotations

import http.client
import random
import statistics
import threading
import time
import urllib.parse


def public_paths(limit: int = 200, *, seed: int = 13, levels=("school", "region", "district")):
    """Unit pages of the latest published version: every window and a few actions."""
    from reporting import selectors
    from reporting.models import Publication, PublishedUnit

    latest = Publication.objects.latest_versions().defer("data").first()
    if latest is None:
        return []
    units = list(
        PublishedUnit.objects.filter(publication=latest, level__in=levels).values_list(
            "key", flat=True
        )
    )
    paths = [
        f"/public/{latest.month_label}/v{latest.version}/{selectors.unit_slug(key)}/"
        f"?window={window}&measure={measure}"
        for key in units
        for window in selectors.WINDOWS
        for measure in ("oss", "iss", "all")
    ]
    random.Random(seed).shuffle(paths)
    return paths[:limit]


def _percentile(sorted_values, fraction):
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values)) - 1))
    return sorted_values[index]


def measure(
    base_url: str,
    paths: list[str],
    *,
    concurrency: int = 20,
    requests: int = 1000,
    warm: bool = True,
    language: str = "en",
) -> dict:
    """Latency of ``requests`` GETs of ``paths`` (cycled) by ``concurrency`` users."""
    if not paths:
        raise ValueError("no paths to ask for")
    url = urllib.parse.urlsplit(base_url)
    headers = {"Cookie": f"django_language={language}", "Accept-Language": language}

    def connect():
        return http.client.HTTPConnection(url.hostname, url.port or 80, timeout=60)

    if warm:
        connection = connect()
        for path in paths:
            connection.request("GET", path, headers=headers)
            connection.getresponse().read()
        connection.close()

    lock = threading.Lock()
    times: list[float] = []
    errors: list[str] = []
    counter = iter(range(requests))

    def user():
        connection = connect()
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            path = paths[i % len(paths)]
            started = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                times.append(elapsed)
                if response.status != 200:
                    errors.append(f"{response.status} {path}")
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=user) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    times.sort()
    return {
        "requests": len(times),
        "concurrency": concurrency,
        "warm": warm,
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(_percentile(times, 0.95), 1),
        "p99_ms": round(_percentile(times, 0.99), 1),
        "max_ms": round(times[-1], 1),
        "per_second": round(len(times) / wall, 1),
        "errors": errors[:10],
    }
