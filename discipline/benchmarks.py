"""Timings of the rules' hot paths, for the ``benchmark`` command (and any
later home of the benchmark: these functions take what they measure as
arguments and return plain numbers).

- ``time_writes``: a write through a service, each in a transaction rolled
  back afterwards: median and 95th percentile in milliseconds, and the number
  of queries per write.
- ``time_bulk_judgment``: N proposed suspensions judged from the bulk facts
  (``discipline.facts.student_facts_bulk``), as the import and the generator
  judge: seconds, queries, and the violations found by rule.
"""

from __future__ import annotations

import statistics
import time
from collections import Counter

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from discipline import rules
from discipline.facts import reason_catalog, student_facts_bulk
from people.calendar import school_calendar


def _p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def time_writes(write, repeat: int = 30) -> dict:
    """Call ``write()`` ``repeat`` times, each in a rolled-back transaction.

    ``write`` may raise ``rules.RuleViolation`` (a refused write is judged by
    every rule too); the result says how many were refused.
    """
    timings, cpu, queries, refused = [], [], [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started, cpu_started = time.perf_counter(), time.process_time()
            with transaction.atomic():
                try:
                    write()
                except rules.RuleViolation:
                    refused += 1
                transaction.set_rollback(True)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        queries.append(len(captured.captured_queries))
    return {
        "median_ms": statistics.median(timings),
        "p95_ms": _p95(timings),
        # This process's CPU (Python and the driver, not the database server):
        # far below the wall time means the wait was elsewhere (a busy machine).
        "cpu_median_ms": statistics.median(cpu),
        "queries": statistics.median(queries),
        "refused": refused,
        "repeat": repeat,
    }


def time_bulk_judgment(proposals, school_year) -> dict:
    """Judge ``proposals`` [(student pk, SuspensionProposal)] of one school
    year from facts loaded in bulk: seconds, queries, violations by rule."""
    started, cpu_started = time.perf_counter(), time.process_time()
    with CaptureQueriesContext(connection) as captured:
        calendar, reasons = school_calendar(), reason_catalog()
        facts = student_facts_bulk(
            [student for student, _ in proposals],
            school_year,
            referral_ids=[p.referral_id for _, p in proposals],
            calendar=calendar,
            reasons=reasons,
        )
    loaded = time.perf_counter()
    found = Counter()
    for student, proposal in proposals:
        for violation in rules.judge_suspension(facts[student], proposal):
            found[violation.rule_id] += 1
    done = time.perf_counter()
    return {
        "proposals": len(proposals),
        "students": len(facts),
        "load_s": loaded - started,
        "judge_s": done - loaded,
        "total_s": done - started,
        "cpu_s": time.process_time() - cpu_started,
        "queries": len(captured.captured_queries),
        "violations": dict(found.most_common()),
    }
