"""One small district with a record of every kind at one school, the roles
of that school and of another, district staff and a data steward, and a
publication: what the scope matrix and the fuzzing request pages about.

Every model the admin shows has at least one record here (``others``), so
the scope matrix asks for, and the fuzz posts to, every model's change page
(``test_every_admin_model_has_a_record_in_the_world``)."""

import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.backend import DatabaseBackend

from discipline import services
from discipline.models import AdministrativeActionType
from district import services as district_services
from district.models import ROI_FEATURES
from exports import services as export_services
from exports import tasks as export_tasks
from imports.models import ImportRun
from interventions import services as intervention_services
from interventions.models import InterventionType
from people.models import Disability, Role
from reporting import services as reporting_services
from reporting import tasks as reporting_tasks
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
    # district staff's export of the queue, written by its task: its file is theirs alone
    export = export_services.export_start(owner=users["district"], kind="referrals", query="")
    export_tasks.run_export.call(export.pk)
    others(t, home, users, publication)
    return {
        "users": users,
        "student": student,
        "referral": referral,
        "suspension": suspension,
        "intervention": intervention,
        "transfer": transfer,
        "publication": publication,
        "import_run": import_run,
        "export": export,
        "school": home,
    }


def others(t: TinyDistrict, home, users, publication) -> None:
    """A record of each kind the lines above do not make: each outcome on a
    student of its own (an expulsion in force would refuse the others), the
    district's own data, a reading in the record-view log, a queued task, a
    login attempt of each kind and an unconfirmed second-factor device (of an
    account no request logs in as, so no page asks for its code)."""
    admin = t.staff[home.pk].admin
    t.expulsion(t.student(home), DAY)  # and its recommendation
    services.expulsion_finding_record(
        actor=admin, referral=t.referral(t.student(home), DAY, "2.2"), found_on=DAY,
        finding="The object was a butter knife brought for lunch; no threat was made.",
    )  # fmt: skip
    t.contact(t.student(home), DAY)
    t.suspension(t.student(home), DAY, code="3.1a")  # ALT asked for alternatives
    safety = t.referral(t.student(home), DAY, "3.1a")
    services.safety_finding_record(
        actor=admin,
        referral=safety,
        found_on=DAY,
        justification="The student threatened others with a weapon on campus.",
    )
    iep = t.student(home, disability=Disability.IEP)
    services.placement_decision_record(
        actor=admin, referral=t.referral(iep, DAY, "3.1a"), decided_on=DAY,
        change_of_placement=False,
    )  # fmt: skip
    services.administrative_action_record(
        actor=admin, referral=t.referral(t.student(home), DAY, "3.1a"),
        action=AdministrativeActionType.objects.first(), taken_on=DAY,
    )  # fmt: skip
    services.student_record_view_log(viewer=admin, student=iep, page="/students/")
    district, year = users["district"], t.year
    district_services.deployment_record(
        actor=district, school=home, starts_on=DAY, ends_on=DAY, reason="campus_violence"
    )
    district_services.staffing_line_record(
        actor=district, school_year=year, position="School safety officer",
        location="districtwide", ftes=1, budget=90000,
    )  # fmt: skip
    district_services.roi_record(
        actor=district,
        school=home,
        school_year=year,
        scores={name: 3 for name, _label in ROI_FEATURES},
    )
    district_services.rj_finding_record(actor=district, school=home, school_year=year, found_on=DAY)
    # The tests run tasks at once; the queue's table is what a worker reads.
    DatabaseBackend("default", {"QUEUES": ["default"]}).enqueue(
        reporting_tasks.publish_month, [publication.pk], {}
    )
    seen = {"user_agent": "fuzz", "ip_address": "203.0.113.9", "username": "nobody",
            "http_accept": "*/*", "path_info": "/accounts/login/"}  # fmt: skip
    AccessAttempt.objects.create(**seen, get_data="", post_data="", failures_since_start=1)
    AccessLog.objects.create(**seen)
    AccessFailureLog.objects.create(**seen)
    owner = UserFactory(username="device-owner", role=Role.DISTRICT, is_staff=True)
    TOTPDevice.objects.create(user=owner, name="phone", confirmed=False)


def school_year_admin_post(**changes) -> dict:
    """The admin's school-year form for 2030-31 with one day off (Labor Day), as posted."""
    prefix = "non_instructional_days"
    data = {
        "name": "2030-31",
        "first_day": "2030-08-12",
        "last_day": "2031-06-06",
        "ada_daily_rate": "65.00",
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-0-date": "2030-09-02",
        f"{prefix}-0-description": "Labor Day",
    }
    return {**data, **changes}
