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

    ONE call for the whole import: the rules service's bulk judgment when it has
    one; until then each record is judged by its own check (``discipline.rules``),
    reading the database as the import left it (inside the import's transaction,
    so rows of the same file see each other).
    """
    judge = bulk_judge()
    if judge is not None:
        found = {}
        for v in judge(records):
            found.setdefault(id(v.record), (v.record, []))[1].append(v)
        return list(found.values())
    from django.db.models import prefetch_related_objects

    from discipline.models import OutcomeBase, Referral
    from people.models import Enrollment

    # What the checks read of each record's relations, in a few queries per kind.
    referrals = [r for r in records if isinstance(r, Referral)]
    prefetch_related_objects(referrals, "student", "school", "reasons")
    outcomes = [r for r in records if isinstance(r, OutcomeBase)]
    by_type = {}
    for r in outcomes:
        by_type.setdefault(type(r), []).append(r)
    for group in by_type.values():
        prefetch_related_objects(group, "referral__reasons", "referral__student", "decided_by")
    refused = []
    for record in records:
        if isinstance(record, Referral):
            violations = rules.check_referral(record) + rules.check_referral_reasons(
                record, record.reasons.all()
            )
        elif isinstance(record, Enrollment):
            violations = rules.check_enrollment(record)
        elif hasattr(record, "rule_violations"):
            violations = record.rule_violations()
        else:
            violations = []
        if violations:
            refused.append((record, violations))
    return refused
