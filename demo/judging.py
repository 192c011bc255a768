"""Judging a batch of records by the rules, in one call, before they commit.

The generator (a chunk of students' histories) and the SIS import (the whole
import) write their records in bulk inside a transaction, then ask here which of
them break a rule: ``judge_records`` loads the facts of every student of the
batch at once (``discipline.facts.student_facts_bulk``) and applies the rules'
pure judgments, as the services do for a single write. Any refusal rolls the
transaction back. The generator also builds its records within the rules by
construction; ``check_invariants`` reads a written district back.
"""

from __future__ import annotations

from collections import defaultdict


def judge_records(records) -> list[tuple[object, list]]:
    """(record, violations) for every record that breaks a rule: ONE call for a batch.

    The records are judged as stored (after a bulk write, inside its transaction,
    before it commits): each school year's facts are loaded for all the batch's
    students at once (``discipline.facts.student_facts_bulk``, a fixed number of
    queries per 2,000 students) and each record is judged by the same judgment the
    services make (``discipline.services._judge``).
    """
    from discipline import services
    from discipline.facts import reason_catalog, student_facts_bulk
    from discipline.models import (
        Expulsion,
        ExpulsionRecommendation,
        OutcomeBase,
        Referral,
        Suspension,
    )
    from interventions.models import Intervention
    from people.calendar import school_calendar
    from people.ids import IdArray
    from people.models import Enrollment, SchoolYear, User

    records = list(records)
    if not records:
        return []
    years = list(SchoolYear.objects.order_by("first_day"))

    def year_of(day):
        return next((y for y in years if y.first_day <= day <= y.last_day), None)

    outcomes = [r for r in records if isinstance(r, OutcomeBase)]
    # Who decided each outcome (the rules ask whether an administrator did):
    # the few staff accounts read once, put in each record's cache.
    deciders = {r.decided_by_id for r in outcomes if r.decided_by_id is not None}
    staff = {u.pk: u for u in User.objects.filter(pk__in=deciders)} if deciders else {}
    for r in outcomes:
        if r.decided_by_id is not None and not type(r).decided_by.is_cached(r):
            type(r).decided_by.field.set_cached_value(r, staff.get(r.decided_by_id))
    # An expulsion is judged with its recommendation's referral: the batch's own
    # recommendations, the others read at once.
    expulsions = [
        r
        for r in outcomes
        if isinstance(r, Expulsion)
        and r.recommendation_id
        and not Expulsion.recommendation.is_cached(r)
    ]
    if expulsions:
        recommendations = {r.pk: r for r in records if isinstance(r, ExpulsionRecommendation)}
        missing = {r.recommendation_id for r in expulsions} - recommendations.keys()
        if missing:
            recommendations.update(ExpulsionRecommendation.objects.in_bulk(list(missing)))
        for r in expulsions:
            if r.recommendation_id in recommendations:
                Expulsion.recommendation.field.set_cached_value(
                    r, recommendations[r.recommendation_id]
                )
    referral_ids = {r.referral_id for r in outcomes}
    incident = (
        dict(
            Referral.objects.filter(pk__in_ids=IdArray(list(referral_ids)))
            .values_list("pk", "incident_date")
            .order_by()
        )
        if referral_ids
        else {}
    )
    groups = defaultdict(list)
    for r in records:
        if isinstance(r, Referral):
            day = r.incident_date
        elif isinstance(r, Intervention):
            day = r.started_on
        elif isinstance(r, Enrollment):
            day = r.start
        elif isinstance(r, Suspension):
            day = r.start_date
        elif isinstance(r, OutcomeBase):
            day = incident.get(r.referral_id)
        else:
            continue
        year = year_of(day) if day else None
        groups[year.pk if year else None].append(r)
    calendar, reasons = school_calendar(), reason_catalog()
    by_pk = {y.pk: y for y in years}
    refused = []
    for year_pk, batch in groups.items():
        year = by_pk.get(year_pk)
        # The facts hold the year's referrals; a record of another year's
        # referral (a suspension that starts in the year after its incident)
        # names its referral so that it is loaded too.
        asked = [
            r.referral_id
            for r in batch
            if getattr(r, "referral_id", None)
            and (
                year is None
                or not (
                    year.first_day <= incident.get(r.referral_id, year.first_day) <= year.last_day
                )
            )
        ]
        asked += [
            r.pk
            for r in batch
            if isinstance(r, Referral)
            and (year is None or not (year.first_day <= r.incident_date <= year.last_day))
        ]
        facts = student_facts_bulk(
            [r.student_id for r in batch],
            year,
            referral_ids=asked,
            calendar=calendar,
            reasons=reasons,
        )
        for r in batch:
            violations = services._judge(r, facts[r.student_id])
            if violations:
                refused.append((r, violations))
    return refused


def judge_import(records):
    """The SIS import's judgment: every record it wrote, in one call."""
    return judge_records(records)
