"""One small district with a record of every kind at one school, the roles
of that school and of another, district staff and a data steward, and a
publication: what the scope matrix and the fuzzing request pages about."""

import datetime

from django.contrib.auth.models import Group

from imports.models import ImportRun
from interventions import services as intervention_services
from interventions.models import InterventionType
from people.models import Role
from reporting import services as reporting_services
from tests.factories import UserFactory
from tests.reporting.district import TinyDistrict

DAY = datetime.date(2026, 10, 6)
MONTH = datetime.date(2026, 10, 1)


def build_world() -> dict:
    t = TinyDistrict()
    home = t.school("Alder Middle", "east", code="4001")
    away = t.school("Birch Middle", "west", code="4002")
    student = t.student(home)
    away_student = t.student(away)
    suspension = t.suspension(student, DAY, days=1, code="3.1a")
    referral = suspension.referral
    t.suspension(away_student, DAY, days=1, code="3.1a")
    transfer = t.transfer(t.student(home), DAY, kind="involuntary")
    staff, other = t.staff[home.pk], t.staff[away.pk]
    intervention = intervention_services.intervention_record(
        actor=staff.support,
        student=student,
        school=home,
        intervention_type=InterventionType.objects.first(),
        tier=2,
        started_on=DAY,
        referral=referral,
    )
    publication = reporting_services.publication_publish(month=MONTH)
    users = {
        "teacher": referral.referred_by,
        "admin": staff.admin,
        "support": staff.support,
        "district": UserFactory(username="dana", role=Role.DISTRICT, is_staff=True),
        "steward": UserFactory(
            username="steward", role=Role.DISTRICT, is_staff=True, is_superuser=True
        ),
        "other_teacher": other.teacher,
        "other_admin": other.admin,
        "other_support": other.support,
    }
    Group.objects.get_or_create(name="Readers")
    import_run = ImportRun.objects.create(
        started_by=users["district"], file_name="students.csv", content=b"student_id\n",
        status="done", report={"errors": []},
    )  # fmt: skip
    return {
        "users": users,
        "student": student,
        "referral": referral,
        "suspension": suspension,
        "intervention": intervention,
        "transfer": transfer,
        "publication": publication,
        "import_run": import_run,
        "school": home,
    }
