"""The invariants of SPEC section 4, read back from the database.

The rules service refuses a write that would break a rule; this module
checks, after the fact, that what is stored keeps every invariant. Tests run
it after every step of random sequences of writes, and district staff can
run it over the whole district (``manage.py check_invariants``).
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q

from discipline.models import (
    Expulsion,
    ExpulsionFinding,
    ExpulsionRecommendation,
    PlacementDecision,
    Referral,
    ReferralStatus,
    SafetyFinding,
    Suspension,
    SuspensionKind,
    Transfer,
)
from interventions.models import Intervention
from people.calendar import next_school_day
from people.models import Enrollment


def invariant_violations(students=None):
    """A list of (rule id, description) for every broken invariant."""
    found = []
    suspensions = Suspension.objects.valid().select_related("referral", "student", "school_year")
    referrals = Referral.objects.valid()
    if students is not None:
        suspensions = suspensions.filter(student__in=students)
        referrals = referrals.filter(student__in=students)
    reasons = defaultdict(list)
    everything = Referral.objects.all()
    if students is not None:
        everything = everything.filter(student__in=students)
    voided = set()
    for referral in everything.prefetch_related("reasons"):
        reasons[referral.pk] = list(referral.reasons.all())
        if referral.is_voided:
            voided.add(referral.pk)
    limits = settings.DISCIPLINE

    def offenses(referral_id):
        return [r for r in reasons.get(referral_id, []) if not r.is_willful_defiance]

    year_days = defaultdict(int)
    year_removals = defaultdict(int)
    for s in suspensions:
        if s.referral_id in voided:
            # Its days still count: the void and the outcome were not serialized.
            found.append(("VOID", f"suspension {s.pk} is valid on voided referral {s.referral_id}"))
        key = (s.student_id, s.school_year_id)
        year_removals[key] += s.school_days
        codes = offenses(s.referral_id)
        if not codes:
            found.append(("WD", f"suspension {s.pk} rests on willful defiance alone"))
        if s.kind == SuspensionKind.TEACHER:
            if s.end_date > next_school_day(s.referral.incident_date):
                found.append(("TEACHER", f"teacher suspension {s.pk} runs past the next day"))
        else:
            year_days[key] += s.school_days
            if s.school_days > limits["MAX_DAYS_PER_SUSPENSION"] and not s.extends_id:
                found.append(("DAYS5", f"suspension {s.pk} is {s.school_days} days"))
        if codes and not any(r.category == 1 for r in codes):
            safety = SafetyFinding.objects.valid().filter(referral_id=s.referral_id).exists()
            tiers = Intervention.objects.valid().filter(
                student_id=s.student_id, school_year_id=s.school_year_id,
                started_on__lte=s.start_date,
            )  # fmt: skip
            if not safety and (
                tiers.filter(tier=2).count() < limits["ALT_REQUIRED_TIER2"]
                or tiers.filter(tier=3).count() < limits["ALT_REQUIRED_TIER3"]
            ):
                found.append(("ALT", f"suspension {s.pk} without documented alternatives"))
        if s.start_date < s.referral.incident_date:
            found.append(("DATES", f"suspension {s.pk} starts before its incident"))
        if not (s.parent_contacted_at and s.parent_contact_method and s.parent_contact_result):
            found.append(("NOTICE", f"suspension {s.pk} has no parent contact"))
    for (student_id, year_id), days in year_days.items():
        transferred = (
            Transfer.objects.valid().filter(student_id=student_id, kind="opportunity").exists()
        )
        limit = limits[
            "MAX_DAYS_PER_YEAR_AFTER_OPPORTUNITY_TRANSFER" if transferred else "MAX_DAYS_PER_YEAR"
        ]
        if days > limit:
            found.append(("DAYS20", f"student {student_id} has {days} days in year {year_id}"))
    for (student_id, _year_id), days in year_removals.items():
        if days > limits["MDR_THRESHOLD_DAYS"]:
            student_suspensions = suspensions.filter(student_id=student_id)
            if student_suspensions.filter(student__disability__in=["iep", "504"]).exists():
                decided = PlacementDecision.objects.valid().filter(student_id=student_id)
                if not decided.exists():
                    found.append(("MDR", f"student {student_id} past 10 days without a decision"))
    recommendations = ExpulsionRecommendation.objects.valid()
    if students is not None:
        recommendations = recommendations.filter(student__in=students)
    for rec in recommendations:
        codes = offenses(rec.referral_id)
        if not codes:
            found.append(("WD", f"recommendation {rec.pk} rests on willful defiance alone"))
        elif all(r.suspension_not_expulsion for r in codes):
            found.append(("NOEXP", f"recommendation {rec.pk} for a suspension-only code"))
    for referral in referrals.filter(status=ReferralStatus.CLOSED):
        codes = reasons[referral.pk]
        recommended = recommendations.filter(referral=referral).exists()
        if any(r.requires_expulsion_recommendation for r in codes) and not recommended:
            found.append(("CAT1", f"referral {referral.pk} closed without a recommendation"))
        if any(r.category == 2 for r in codes) and not recommended:
            if not ExpulsionFinding.objects.valid().filter(referral=referral).exists():
                found.append(("CAT2", f"referral {referral.pk} closed without a decision"))
        if referral.grade is not None and referral.grade <= 3:
            if any(r.grades_4_12_only for r in codes):
                found.append(("GRADE", f"referral {referral.pk} has a 4-12 code in K-3"))
    for expulsion in Expulsion.objects.valid():
        clash = Enrollment.objects.filter(
            Q(end__isnull=True) | Q(end__gte=expulsion.starts_on),
            student_id=expulsion.student_id,
            start__lte=expulsion.ends_on,
        ).exclude(school_id=expulsion.school_id)
        clash = clash.filter(start__gte=expulsion.starts_on)
        if clash.exists():
            found.append(("EXPELLED", f"student {expulsion.student_id} enrolled while expelled"))
    return found
