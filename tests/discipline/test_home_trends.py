"""Home pages with trends (issue 16, item 3) and the follow-up log (item 8)."""

import datetime

import pytest
from django.urls import reverse

from discipline import trends
from interventions import services as intervention_services
from tests.conftest import INCIDENT_DAY

pytestmark = pytest.mark.django_db


def test_referrals_per_school_day_count_school_days_of_the_month(
    admin, student, make_referral, school_year
):
    for _ in range(3):
        make_referral(student, "3.1a")
    trend = trends.referrals_per_day_by_month(admin, school_year)
    october = next(row for row in trend.rows if row[0] == "October")
    from people.calendar import Calendar

    days = len(list(Calendar(datetime.date(2026, 10, 1), datetime.date(2026, 10, 31)).days()))
    assert october[1] == f"{3 / days:.2f}"
    assert trend.chart is not None and trend.chart.bars


def test_the_big_five_count_reasons_locations_and_students(
    admin, make_student, make_referral, school_year
):
    a, b = make_student(first_name="Ada"), make_student(first_name="Bo")
    make_referral(a, "3.1a")
    make_referral(a, "3.7")
    make_referral(b, "3.7")
    by_reason, by_location, by_time, by_student = trends.big_five(admin, school_year)
    assert by_reason.rows[0][0].startswith("3.7") and by_reason.rows[0][1] == 2
    assert by_student.rows[0] == [a.name, 2]
    assert sum(n for _label, n in by_location.rows) == 3
    assert sum(n for _label, n in by_time.rows) == 3


def test_other_schools_referrals_are_not_counted(other_admin, student, make_referral, school_year):
    make_referral(student, "3.1a")
    assert trends.big_five(other_admin, school_year)[0].rows == []


def test_the_administrators_home_shows_trends_with_their_tables(
    client, admin, student, make_referral
):
    make_referral(student, "3.1a")
    client.force_login(admin)
    html = client.get(reverse("home")).content.decode()
    assert 'id="home-find-student"' in html
    assert 'id="trend-open-age"' in html and "<svg" in html
    assert 'id="big-five"' in html and '<th scope="col">Reason</th>' in html


def test_support_staff_see_interventions_due_for_follow_up(
    client, support, student, record_intervention
):
    old = record_intervention(student, tier=2, started_on=datetime.date(2026, 9, 8))
    client.force_login(support)
    html = client.get(reverse("home")).content.decode()
    assert 'id="trend-intervention-age"' in html
    assert reverse("interventions:intervention-detail", args=[old.pk]) in html
    intervention_services.intervention_follow_up_add(
        actor=support, intervention=old, written_on=datetime.date.today(), entry="Met weekly."
    )
    html = client.get(reverse("home")).content.decode()
    assert 'id="due-for-follow-up"' not in html


def test_the_follow_up_is_a_dated_log_not_one_overwritten_field(
    client, support, student, record_intervention
):
    intervention = record_intervention(student, tier=2)
    client.force_login(support)
    url = reverse("interventions:follow-up-add", args=[intervention.pk])
    for day, entry in (("2026-10-06", "First check-in."), ("2026-10-13", "Second check-in.")):
        response = client.post(url, {"written_on": day, "entry": entry})
        assert response.status_code == 302
    entries = list(intervention.follow_ups.order_by("written_on"))
    assert [e.entry for e in entries] == ["First check-in.", "Second check-in."]
    assert all(e.written_by == support for e in entries)
    html = client.get(reverse("interventions:intervention-detail", args=[intervention.pk]))
    assert (
        "First check-in." in html.content.decode() and "Second check-in." in html.content.decode()
    )


def test_an_empty_or_early_follow_up_entry_is_refused_with_a_message(
    client, support, student, record_intervention
):
    intervention = record_intervention(student, tier=2, started_on=INCIDENT_DAY)
    client.force_login(support)
    url = reverse("interventions:follow-up-add", args=[intervention.pk])
    response = client.post(url, {"written_on": "2026-09-01", "entry": "Too early."})
    assert response.status_code == 200
    assert "before the intervention started" in response.content.decode()
    response = client.post(url, {"written_on": "2026-10-06", "entry": ""})
    assert response.status_code == 200
    assert not intervention.follow_ups.exists()


def test_a_teacher_cannot_write_in_another_providers_log(
    client, teacher, student, record_intervention
):
    intervention = record_intervention(student, tier=2)
    client.force_login(teacher)
    url = reverse("interventions:follow-up-add", args=[intervention.pk])
    assert client.post(url, {"written_on": "2026-10-06", "entry": "x"}).status_code == 404
