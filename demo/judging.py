"""Judging a batch of proposed records by the rules, before they are written.

The generator and the SIS import propose records in batches (one student's
history; a chunk of an import file) and ask here, in ONE call per batch, which
rules they would break. When the rules service offers a bulk judgment (facts
for many students loaded in a fixed number of queries), ``judge_student_batch``
hands the batch to it; until then the generator builds records that obey the
rules by construction and ``check_invariants`` (``discipline.audit``) reads the
written district back against the same invariants (the tests do, on a sample).
"""

from __future__ import annotations

from collections import Counter

from discipline import rules


def bulk_judge():
    """The rules service's bulk judgment, if it has one."""
    return getattr(rules, "judge_records", None)


def judge_student_batch(records) -> Counter:
    """Rule ids the proposed ``records`` would break, counted (empty: all allowed)."""
    judge = bulk_judge()
    if judge is None:
        return Counter()
    return Counter(v.rule_id for v in judge(records))


def judge_import(records):
    """(record, violations) for every written record of an import that breaks a rule.

    ONE call for the whole import: the records as written (inside the import's
    transaction, so rows of the same file see each other), judged by the rules
    over facts loaded in bulk (``discipline.judging.judge_stored``).
    """
    judge = bulk_judge()
    if judge is not None:
        found = {}
        for v in judge(records):
            found.setdefault(id(v.record), (v.record, []))[1].append(v)
        return list(found.values())
    from discipline.judging import judge_stored

    return judge_stored(records)
