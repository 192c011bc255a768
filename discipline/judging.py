"""Records already written in bulk, judged by the rules in one call.

A loader that writes many records at once (the SIS import, inside its
transaction, before it commits or rolls back) asks ``judge_stored(records)``
which of them break a rule: the records are grouped by school year, their
students' facts loaded in bulk (``discipline.facts.student_facts_bulk``, a
fixed number of queries per batch), and each record judged as stored by the
same judgment its service makes (``discipline.services``).
"""

from __future__ import annotations

from collections import defaultdict

from discipline import services
from discipline.facts import reason_catalog, student_facts_bulk
from discipline.models import OUTCOME_KIND_OF, OutcomeBase, Referral, Suspension
from interventions.models import Intervention
from people.calendar import school_calendar
from people.models import Enrollment, SchoolYear


def _day(record):
    if isinstance(record, Referral):
        return record.incident_date
    if isinstance(record, Intervention):
        return record.started_on
    if isinstance(record, Enrollment):
        return record.start
    if isinstance(record, Suspension):
        return record.start_date
    return getattr(record, OUTCOME_KIND_OF[type(record)].day_field)


def judge_stored(records) -> list[tuple[object, list]]:
    """(record, violations) for every written record that breaks a rule."""
    records = [
        r for r in records if isinstance(r, Referral | OutcomeBase | Intervention | Enrollment)
    ]
    calendar, reasons = school_calendar(), reason_catalog()
    years = list(SchoolYear.objects.all())

    def year_of(day):
        return next((y for y in years if day and y.first_day <= day <= y.last_day), None)

    groups = defaultdict(list)
    for record in records:
        year = record.school_year if isinstance(record, Intervention) else year_of(_day(record))
        groups[year.pk if year else None].append((year, record))
    refused = []
    for pairs in groups.values():
        year = pairs[0][0]
        mine = [record for _, record in pairs]
        facts = student_facts_bulk(
            [r.student_id for r in mine],
            year,
            referral_ids=[r.referral_id for r in mine if getattr(r, "referral_id", None)],
            calendar=calendar,
            reasons=reasons,
        )
        for record in mine:
            violations = services.judge_written(record, facts[record.student_id])
            if violations:
                refused.append((record, violations))
    return refused
