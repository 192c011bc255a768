"""The invariants of SPEC section 4, read back from the database.

The services refuse a write that would break a rule; this module checks,
after the fact, that what is stored keeps every invariant, by judging the
stored records again with the same pure rules (``discipline.rules``) over
facts loaded in bulk (``discipline.facts.student_facts_bulk``): a fixed
number of queries per school year and batch of students, whatever the size
of the district. Tests run it after every step of random sequences of writes,
and district staff run it over the whole district (``manage.py
check_invariants``). It is the detector of anything written around the
services (raw SQL, a loader under its own name).
"""

from __future__ import annotations

from collections import defaultdict

from discipline import rules
from discipline.facts import reason_catalog, student_facts_bulk
from discipline.models import (
    Expulsion,
    ExpulsionFinding,
    ExpulsionRecommendation,
    Referral,
    ReferralStatus,
    Suspension,
)
from people.calendar import school_calendar
from people.models import Enrollment, Role, SchoolYear


def _proposal(s, admins):
    return rules.SuspensionProposal(
        referral_id=s.referral_id,
        kind=s.kind,
        start_date=s.start_date,
        school_days=s.school_days,
        decided_by_admin=s.decided_by_id in admins,
        extends_id=s.extends_id,
        pk=s.pk,
        parent_contacted_at=s.parent_contacted_at,
        parent_contact_method=s.parent_contact_method,
        parent_contacted_by_id=s.parent_contacted_by_id,
        parent_contact_result=s.parent_contact_result,
        notice_language=s.notice_language,
    )


def invariant_violations(students=None):
    """A list of (rule id, description) for every broken invariant."""
    found = []
    calendar, reasons = school_calendar(), reason_catalog()
    suspensions = Suspension.objects.valid()
    referrals = Referral.objects.all()
    recommendations = ExpulsionRecommendation.objects.valid()
    if students is not None:
        suspensions = suspensions.filter(student__in=students)
        referrals = referrals.filter(student__in=students)
        recommendations = recommendations.filter(student__in=students)
    suspensions = list(suspensions)
    admins = set(
        Suspension.objects.filter(pk__in=[s.pk for s in suspensions])
        .filter(decided_by__role=Role.ADMINISTRATOR)
        .values_list("decided_by_id", flat=True)
    )
    by_year = defaultdict(list)
    for s in suspensions:
        by_year[s.school_year_id].append(s)
    years = SchoolYear.objects.in_bulk(list(by_year))

    for year_id, mine in by_year.items():
        facts = student_facts_bulk(
            [s.student_id for s in mine],
            years[year_id],
            referral_ids=[s.referral_id for s in mine],
            calendar=calendar,
            reasons=reasons,
        )
        for s in mine:
            f = facts[s.student_id]
            if f.referrals[s.referral_id].voided:
                # Its days still count: the void and the outcome were not serialized.
                found.append(("VOID", f"suspension {s.pk} is valid on voided referral"))
                continue
            for v in rules.judge_suspension(f, _proposal(s, admins)):
                if v.rule_id == "MDR" and any(r.placement_decisions for r in f.referrals.values()):
                    continue  # a decision this year covers the student's removals
                if v.rule_id == "DATES" and v.field in ("start_date", "school_days"):
                    if s.start_date >= f.referrals[s.referral_id].incident_date:
                        continue  # the calendar, not the record, changed
                found.append((v.rule_id, f"suspension {s.pk}: {v.text('en')}"))

    # Referrals: GRADE, and CAT1/CAT2 for the closed ones; recommendations: WD, NOEXP.
    rows = list(
        referrals.filter(voided_at__isnull=True).values_list(
            "pk", "incident_date", "status", "grade"
        )
    )
    through = Referral.reasons.through.objects.filter(referral__in=referrals)
    codes = defaultdict(list)
    for referral_id, code_id in through.values_list("referral_id", "reasoncode_id"):
        codes[referral_id].append(reasons[code_id])
    recommended = set(recommendations.values_list("referral_id", flat=True))
    found_inappropriate = set(
        ExpulsionFinding.objects.valid().values_list("referral_id", flat=True)
    )
    for pk, incident_date, status, grade in rows:
        mine = codes[pk]
        if status == ReferralStatus.CLOSED:
            facts = rules.ReferralFacts(
                pk=pk,
                school_id=0,
                incident_date=incident_date,
                recommendations=int(pk in recommended),
                expulsion_findings=int(pk in found_inappropriate),
            )
            for v in rules.judge_close(facts, mine):
                found.append((v.rule_id, f"referral {pk} closed without a decision"))
        if grade is not None and grade <= 3 and any(r.grades_4_12_only for r in mine):
            found.append(("GRADE", f"referral {pk} has a 4-12 code in K-3"))
    for rec_pk, referral_id in recommendations.values_list("pk", "referral_id"):
        offenses = rules.offense_codes(codes[referral_id])
        if not offenses:
            found.append(("WD", f"recommendation {rec_pk} rests on willful defiance alone"))
        elif all(r.suspension_not_expulsion for r in offenses):
            found.append(("NOEXP", f"recommendation {rec_pk} for a suspension-only code"))

    # EXPELLED: no enrollment elsewhere beginning while an expulsion is in force.
    expulsions = Expulsion.objects.valid()
    if students is not None:
        expulsions = expulsions.filter(student__in=students)
    expelled = list(expulsions.values_list("student_id", "school_id", "starts_on", "ends_on"))
    enrollments = defaultdict(list)
    for student_id, school_id, start in Enrollment.objects.filter(
        student__in=[e[0] for e in expelled]
    ).values_list("student_id", "school_id", "start"):
        enrollments[student_id].append((school_id, start))
    for student_id, school_id, starts_on, ends_on in expelled:
        if any(
            other != school_id and starts_on <= start <= ends_on
            for other, start in enrollments[student_id]
        ):
            found.append(("EXPELLED", f"student {student_id} enrolled while expelled"))
    return found
