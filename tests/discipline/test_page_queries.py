"""The referral queue and a student's history cost a fixed number of queries
whatever the number of rows (issue 12: no page runs a query per row)."""

import datetime

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from discipline import services
from discipline.models import AdministrativeActionType, Location
from tests.conftest import INCIDENT_DAY, codes

pytestmark = pytest.mark.django_db


def _count(client, url, *, cold):
    if cold:
        caches["default"].clear()  # the filter form rendered again
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response


def _referrals(make_referral, students, per_student):
    made = []
    for student in students:
        for n in range(per_student):
            day = INCIDENT_DAY + datetime.timedelta(days=7 * n)
            made.append(make_referral(student, "3.1a", "WD", day=day))
    return made


@pytest.mark.parametrize("who", ["admin", "teacher"])
def test_the_queue_costs_the_same_queries_for_2_rows_and_for_12(
    client, request, who, make_student, make_referral, suspend, give_alternatives
):
    user = request.getfixturevalue(who)
    client.force_login(user)
    url = reverse("discipline:referral-list") + "?status="
    first = make_student()
    give_alternatives(first, on=datetime.date(2026, 9, 1))
    few = _referrals(make_referral, [first], 2)
    suspend(few[0])
    cold_few, response = _count(client, url, cold=True)
    warm_few, _ = _count(client, url, cold=False)
    assert response.content.decode().count("<tr") == 1 + 2

    many = _referrals(make_referral, [make_student() for _ in range(5)], 2)
    for referral in many[:4]:
        give_alternatives(referral.student, on=datetime.date(2026, 9, 1))
        suspend(referral)
    cold_many, response = _count(client, url, cold=True)
    warm_many, _ = _count(client, url, cold=False)

    assert response.content.decode().count("<tr") == 1 + 12
    assert cold_many == cold_few
    assert warm_many == warm_few
    # The filter form is rendered once for the same filters, then kept.
    assert warm_few < cold_few


def test_a_students_history_costs_the_same_queries_for_1_record_and_for_many(
    client, admin, make_student, make_referral, suspend, give_alternatives, record_intervention
):
    """Queries grow with the kinds of record a student has (each kind read
    once), never with the number of records."""
    client.force_login(admin)
    quiet, one_each, busy = make_student(), make_student(), make_student()
    make_referral(quiet, "3.1a")
    for student, count in ((one_each, 1), (busy, 4)):
        give_alternatives(student, on=datetime.date(2026, 9, 1), tier2=count, tier3=count)
        for referral in _referrals(make_referral, [student], count):
            suspend(referral)
            services.administrative_action_record(
                actor=admin,
                referral=referral,
                action=AdministrativeActionType.objects.first(),
                taken_on=referral.incident_date,
            )

    def history(student):
        return _count(client, reverse("discipline:student-history", args=[student.pk]), cold=False)

    few, _ = history(quiet)
    one, _ = history(one_each)
    many, response = history(busy)

    assert one == many
    # Suspensions, administrative actions and interventions: one read each.
    assert few == many - 3
    suspensions_shown = response.content.decode().count("/suspensions/")
    assert suspensions_shown >= 4


def test_a_pages_follow_up_flags_agree_with_the_sql_annotation(
    admin, teacher, school, make_student, make_referral, record_intervention
):
    """The queue's rows get ``wd``/``wd_followed_up``/``wd_overdue`` in Python
    (one query for the page); the overdue filter uses the SQL annotation: the
    two agree on every case."""
    from django.utils import timezone

    from discipline import selectors

    followed, late, recent_intervention, other = (make_student() for _ in range(4))
    cases = [
        make_referral(followed, "WD"),
        services.referral_create(
            actor=teacher,
            student=late,
            school=school,
            incident_date=INCIDENT_DAY,
            referred_on=INCIDENT_DAY,
            location=Location.objects.first(),
            reasons=codes("WD"),
            description="Referred on the day.",
        ),
        make_referral(recent_intervention, "WD", "3.1a"),
        make_referral(other, "3.1a"),
    ]
    record_intervention(followed, referral=cases[0])
    record_intervention(recent_intervention, started_on=INCIDENT_DAY + datetime.timedelta(days=1))
    today = timezone.localdate()
    annotated = {
        r.pk: (r.wd, r.wd_followed_up, r.wd_overdue)
        for r in selectors.with_wd_follow_up(selectors.referral_queue(admin), today)
    }
    in_python = {
        r.pk: (r.wd, r.wd_followed_up, r.wd_overdue)
        for r in selectors.wd_follow_up_of(selectors.referral_queue(admin), today)
    }
    assert in_python == annotated
    assert in_python[cases[1].pk] == (True, False, True)  # overdue
    assert in_python[cases[0].pk][1] and in_python[cases[2].pk][1]  # followed up
    assert in_python[cases[3].pk] == (False, False, False)
