"""Small districts for the publication tests, written through the services.

``TinyDistrict`` makes regions, schools (each with an administrator, a teacher and
a support person), students and their events, every one through the same
services the application uses, so the rules hold and voided records are real.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from discipline import services
from discipline.models import Location, ReasonCode
from interventions import services as intervention_services
from interventions.models import InterventionType
from people.models import Role
from tests.factories import (
    YEAR_FIRST_DAY,
    EnrollmentFactory,
    RegionFactory,
    SchoolFactory,
    SchoolYearFactory,
    StudentFactory,
    UserFactory,
)

CONTACT = {
    "parent_contacted_at": datetime.datetime(2026, 10, 5, 15, 0, tzinfo=datetime.UTC),
    "parent_contact_method": "phone",
    "parent_contact_result": "reached",
}


@dataclass
class Staff:
    admin: object
    teacher: object
    support: object


class TinyDistrict:
    def __init__(self):
        self.year = SchoolYearFactory()
        self.staff = {}
        self.school_of = {}
        self.with_alternatives = set()

    def region(self, code: str):
        return RegionFactory(code=code, name=code.title())

    def school(self, name: str, region: str = "east", code: str | None = None):
        fields = {"code": code} if code else {}
        school = SchoolFactory(name=name, region=self.region(region), **fields)
        self.staff[school.pk] = Staff(
            admin=UserFactory(role=Role.ADMINISTRATOR, schools=[school]),
            teacher=UserFactory(role=Role.TEACHER, schools=[school]),
            support=UserFactory(role=Role.SUPPORT, schools=[school]),
        )
        return school

    def student(self, school, *, start=YEAR_FIRST_DAY, end=None, **attrs):
        student = StudentFactory(**attrs)
        EnrollmentFactory(student=student, school=school, start=start, end=end)
        self.school_of[student.pk] = school
        return student

    def students(self, school, n: int, **attrs):
        return [self.student(school, **attrs) for _ in range(n)]

    def referral(self, student, day, code="1.1", school=None):
        school = school or self.school_of[student.pk]
        return services.referral_create(
            actor=self.staff[school.pk].teacher,
            student=student,
            school=school,
            incident_date=day,
            location=Location.objects.first(),
            reasons=list(ReasonCode.objects.filter(code__in=code.split(","))),
            description="Test incident.",
        )

    def _alternatives(self, student, school):
        if student.pk in self.with_alternatives:
            return
        kind = InterventionType.objects.first()
        for tier in (2, 3):
            intervention_services.intervention_record(
                actor=self.staff[school.pk].support,
                student=student,
                school=school,
                intervention_type=kind,
                tier=tier,
                started_on=YEAR_FIRST_DAY,
            )
        self.with_alternatives.add(student.pk)

    def suspension(self, student, day, *, days=1, kind="out_of_school", code="1.1", school=None):
        referral = self.referral(student, day, code, school)
        if not code.startswith("1."):  # ALT: Category 1 needs no alternatives first
            self._alternatives(student, referral.school)
        return services.suspension_record(
            actor=self.staff[referral.school_id].admin,
            referral=referral,
            kind=kind,
            start_date=day,
            school_days=days,
            **CONTACT,
        )

    def transfer(self, student, day, *, kind="involuntary", days_lost=0, code="1.1"):
        referral = self.referral(student, day, code)
        return services.transfer_record(
            actor=self.staff[referral.school_id].admin,
            referral=referral,
            kind=kind,
            effective_date=day,
            days_lost=days_lost,
        )

    def expulsion(self, student, day, *, days_lost=0, code="1.1"):
        referral = self.referral(student, day, code)
        admin = self.staff[referral.school_id].admin
        recommendation = services.expulsion_recommendation_record(
            actor=admin, referral=referral, recommended_on=day
        )
        return services.expulsion_record(
            actor=admin,
            recommendation=recommendation,
            ordered_on=day,
            starts_on=day,
            ends_on=day + datetime.timedelta(days=60),
            days_lost=days_lost,
        )

    def contact(self, student, day, *, kind="arrest", school_based=True, days_lost=0, code="1.1"):
        referral = self.referral(student, day, code)
        return services.law_enforcement_contact_record(
            actor=self.staff[referral.school_id].admin,
            referral=referral,
            kind=kind,
            occurred_on=day,
            school_based=school_based,
            days_lost=days_lost,
        )

    def void(self, record):
        return services.record_void(
            actor=self.staff[record.school_id].admin, record=record, reason="Entered in error."
        )
