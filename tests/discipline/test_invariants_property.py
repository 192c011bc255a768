"""Property: whatever sequence of referrals, interventions, suspensions,
extensions, findings, transfers, closes, voids and enrollments is attempted
for a few students, after every step no invariant of SPEC section 4 is broken
in the database (discipline.audit). Refused steps are fine; stored wrongs are
not."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from discipline import services
from discipline import services as people_services
from discipline.audit import invariant_violations
from discipline.models import Location, ReasonCode
from interventions import services as intervention_services
from interventions.models import InterventionType
from people.calendar import Calendar
from people.models import Role
from tests.conftest import PARENT_CONTACT
from tests.factories import (
    EnrollmentFactory,
    SchoolFactory,
    SchoolYearFactory,
    StudentFactory,
    UserFactory,
)

CODES = ["WD", "3.1a", "3.7", "3.9", "3.13", "3.22", "1.1", "2.2"]
DAY_COUNT = 30

student_index = st.integers(0, 2)
record_index = st.integers(0, 20)
day_index = st.integers(0, DAY_COUNT - 1)

operations = st.one_of(
    st.tuples(
        st.just("referral"),
        student_index,
        st.lists(st.sampled_from(CODES), min_size=1, max_size=3, unique=True),
        day_index,
    ),
    st.tuples(st.just("intervention"), student_index, st.sampled_from([2, 3]), day_index),
    st.tuples(
        st.just("suspend"),
        record_index,
        st.sampled_from(["teacher", "in_school", "out_of_school"]),
        st.integers(1, 7),
        st.integers(0, 3),
    ),
    st.tuples(st.just("extend"), record_index, st.integers(1, 5)),
    st.tuples(
        st.sampled_from(["safety", "recommend", "finding", "close", "transfer", "placement"]),
        record_index,
    ),
    st.tuples(st.just("void"), record_index),
    st.tuples(st.just("expel"), record_index),
    st.tuples(st.just("enroll"), student_index),
)


class InvariantsHold(TestCase):
    def setUp(self):
        year = SchoolYearFactory()
        self.school = SchoolFactory()
        self.elsewhere = SchoolFactory()
        self.admin = UserFactory(role=Role.ADMINISTRATOR, schools=[self.school])
        self.teacher = UserFactory(role=Role.TEACHER, schools=[self.school])
        self.support = UserFactory(role=Role.SUPPORT, schools=[self.school])
        self.steward = UserFactory(role=Role.DISTRICT, is_superuser=True)
        self.students = [
            EnrollmentFactory(
                school=self.school, grade=grade, student=StudentFactory(**extra)
            ).student
            for grade, extra in [(2, {}), (7, {}), (10, {"disability": "iep"})]
        ]
        self.days = list(Calendar(datetime.date(2026, 9, 1), year.last_day).days())[:DAY_COUNT]
        self.kind = InterventionType.objects.first()
        self.location = Location.objects.first()
        self.reasons = {r.code: r for r in ReasonCode.objects.filter(code__in=CODES)}

    def apply(self, op, made):
        name = op[0]
        pick = lambda items, i: items[i % len(items)] if items else None  # noqa: E731
        if name == "referral":
            _, who, codes, day = op
            made["referrals"].append(
                services.referral_create(
                    actor=self.teacher,
                    student=self.students[who],
                    school=self.school,
                    incident_date=self.days[day],
                    location=self.location,
                    reasons=[self.reasons[c] for c in codes],
                    description="Generated.",
                )
            )
        elif name == "intervention":
            _, who, tier, day = op
            intervention_services.intervention_record(
                actor=self.support,
                student=self.students[who],
                school=self.school,
                intervention_type=self.kind,
                tier=tier,
                started_on=self.days[day],
            )
        elif name == "suspend":
            _, i, kind, days, later = op
            referral = pick(made["referrals"], i)
            if referral is None:
                return
            start = self.days[min(self.days.index(referral.incident_date) + later, DAY_COUNT - 1)]
            made["suspensions"].append(
                services.suspension_record(
                    actor=self.teacher if kind == "teacher" else self.admin,
                    referral=referral,
                    kind=kind,
                    start_date=start,
                    school_days=days,
                    **PARENT_CONTACT,
                )
            )
        elif name == "extend":
            _, i, days = op
            first = pick(made["suspensions"], i)
            if first is None:
                return
            made["suspensions"].append(
                services.suspension_record(
                    actor=self.admin,
                    referral=first.referral,
                    kind=first.kind,
                    start_date=first.end_date + datetime.timedelta(days=1),
                    school_days=days,
                    extends=first,
                    **PARENT_CONTACT,
                )
            )
        elif name == "void":
            record = pick(made["suspensions"], op[1])
            if record is not None:
                services.record_void(actor=self.admin, record=record, reason="Entered in error.")
        elif name == "expel":
            rec = pick(made["recommendations"], op[1])
            if rec is not None:
                services.expulsion_record(
                    actor=self.admin,
                    recommendation=rec,
                    ordered_on=self.days[-1],
                    starts_on=self.days[-1],
                    ends_on=self.days[-1] + datetime.timedelta(days=90),
                )
        elif name == "enroll":
            people_services.enrollment_create(
                actor=self.steward,
                student=self.students[op[1]],
                school=self.elsewhere,
                grade=7,
                start=self.days[-1] + datetime.timedelta(days=7),
            )
        else:
            referral = pick(made["referrals"], op[1])
            if referral is None:
                return
            day = self.days[-1]
            if name == "safety":
                services.safety_finding_record(
                    actor=self.admin, referral=referral, found_on=referral.incident_date,
                    justification="The student's presence endangers other students.",
                )  # fmt: skip
            elif name == "recommend":
                made["recommendations"].append(
                    services.expulsion_recommendation_record(
                        actor=self.admin, referral=referral, recommended_on=day
                    )
                )
            elif name == "finding":
                services.expulsion_finding_record(
                    actor=self.admin, referral=referral, found_on=day,
                    finding="Expulsion is inappropriate: first offense, no injury.",
                )  # fmt: skip
            elif name == "close":
                services.referral_close(actor=self.admin, referral=referral)
            elif name == "transfer":
                services.transfer_record(
                    actor=self.admin, referral=referral, kind="opportunity", effective_date=day
                )
            elif name == "placement":
                services.placement_decision_record(
                    actor=self.admin, referral=referral, decided_on=referral.incident_date,
                    change_of_placement=False,
                )  # fmt: skip

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.lists(operations, min_size=1, max_size=14))
    def test_no_sequence_of_writes_breaks_an_invariant(self, ops):
        made = {"referrals": [], "suspensions": [], "recommendations": []}
        for op in ops:
            try:
                self.apply(op, made)
            except (ValidationError, PermissionDenied):
                pass  # refused, and nothing saved: the rules did their job
            broken = invariant_violations(self.students)
            assert broken == [], f"after {op}: {broken}"
