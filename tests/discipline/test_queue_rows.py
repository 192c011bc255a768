"""The referral queue's rows, written in Python (discipline/queue_rows.py):
what the template showed, escaped; and a student's history reads only the
kinds of record the student has (selectors.kinds_on_record), in scope."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from discipline import selectors, services
from discipline.models import AdministrativeActionType, Suspension
from interventions.models import Intervention
from tests.conftest import INCIDENT_DAY

pytestmark = pytest.mark.django_db


def _rows(response):
    body = response.content.decode()
    return body[body.index("<tbody>") : body.index("</tbody>")]


def test_a_row_shows_the_incident_student_grade_reasons_staff_status_and_follow_up(
    client, admin, make_student, make_referral
):
    student = make_student(grade=-1, first_name="Zoë", last_name="<b>Ortiz</b>")
    referral = make_referral(student, "WD", "3.1a", day=INCIDENT_DAY - datetime.timedelta(days=40))
    client.force_login(admin)
    rows = _rows(client.get(reverse("discipline:referral-list")))

    assert rows.count("<tr") == 1
    assert f'href="{reverse("discipline:referral-detail", args=[referral.pk])}"' in rows
    assert f'href="{reverse("discipline:student-history", args=[student.pk])}"' in rows
    assert "Zoë &lt;b&gt;Ortiz&lt;/b&gt;" in rows and "<b>Ortiz" not in rows  # escaped
    assert "<td>TK</td>" in rows
    assert ">WD</span>" in rows and ">3.1a</span>" in rows
    assert str(referral.referred_by) in rows
    assert "<td>Open</td>" in rows
    assert "<td>Willful-defiance follow-up due</td>" in rows  # referred today
    with translation.override("es"):
        client.cookies.load({"django_language": "es"})
        rows_es = _rows(client.get(reverse("discipline:referral-list"), HTTP_ACCEPT_LANGUAGE="es"))
    assert "Willful-defiance" not in rows_es  # the labels in the reader's language


def test_a_voided_referral_is_marked_and_a_teacher_sees_no_student_link(
    client, admin, teacher, student, make_referral, suspend, give_alternatives
):
    give_alternatives(student, on=datetime.date(2026, 9, 1))
    kept = make_referral(student, "3.1a")
    suspend(kept)
    voided = make_referral(student, "3.7", day=INCIDENT_DAY + datetime.timedelta(days=1))
    services.referral_void(actor=admin, referral=voided, reason="Entered twice.")
    client.force_login(admin)
    rows = _rows(
        client.get(reverse("discipline:referral-list"), {"status": "", "include_voided": "on"})
    )
    assert rows.count("<tr") == 2
    assert rows.count('<tr class="voided">') == 1
    assert '<span class="badge badge-voided">Voided</span>' in rows

    client.force_login(teacher)
    rows = _rows(client.get(reverse("discipline:referral-list"), {"status": ""}))
    assert "/students/" not in rows  # a teacher does not read histories
    assert "Out-of-school suspension" in rows  # what became of the referral


def test_district_staff_see_each_rows_school(client, district, student, make_referral):
    make_referral(student, "3.1a")
    client.force_login(district)
    rows = _rows(client.get(reverse("discipline:referral-list")))
    assert "<br><small>Hillside Middle School</small>" in rows


def test_kinds_on_record_names_the_kinds_a_student_has(
    student, make_student, make_referral, suspend, give_alternatives
):
    kinds = {"suspensions": Suspension, "interventions": Intervention}
    assert selectors.kinds_on_record(student, kinds) == set()
    give_alternatives(student, on=datetime.date(2026, 9, 1))
    assert selectors.kinds_on_record(student, kinds) == {"interventions"}
    suspend(make_referral(student, "3.1a"))
    assert selectors.kinds_on_record(student, kinds) == {"suspensions", "interventions"}
    assert selectors.kinds_on_record(make_student(), kinds) == set()


def test_the_history_reads_only_the_kinds_on_record_and_each_in_scope(
    client,
    admin,
    other_admin,
    student,
    make_referral,
    suspend,
    give_alternatives,
    django_assert_max_num_queries,
):
    give_alternatives(student, on=datetime.date(2026, 9, 1))
    referral = make_referral(student, "3.1a")
    suspend(referral)
    services.administrative_action_record(
        actor=admin,
        referral=referral,
        action=AdministrativeActionType.objects.first(),
        taken_on=referral.incident_date,
    )
    history = selectors.student_history_get(
        user=admin, student=student, today=datetime.date(2026, 10, 20)
    )
    assert [s.referral_id for s in history.outcomes["suspensions"]] == [referral.pk]
    assert len(history.outcomes["administrative_actions"]) == 1
    assert len(history.interventions) == 2
    assert history.outcomes["transfers"] == [] and history.placement_decisions == []

    # On record, but at a school another administrator does not serve: the
    # kind is read, through the scope, and nothing of it is shown.
    elsewhere = selectors.student_history_get(
        user=other_admin, student=student, today=datetime.date(2026, 10, 20)
    )
    assert elsewhere.referrals == [] and elsewhere.outcomes["suspensions"] == []

    client.force_login(admin)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("discipline:student-history", args=[student.pk]))
    assert response.status_code == 200
    client.force_login(other_admin)
    assert client.get(reverse("discipline:student-history", args=[student.pk])).status_code == 404


def response_export_form(client):
    return client.get(reverse("discipline:referral-list")).context["export_form"]


def test_the_queue_counts_up_to_its_cap_and_says_when_there_are_more(
    client, admin, make_student, make_referral, monkeypatch
):
    from discipline import views

    for _ in range(3):
        make_referral(make_student(), "3.1a")
    client.force_login(admin)
    body = client.get(reverse("discipline:referral-list")).content.decode()
    assert "3 referrals" in body and "More than" not in body
    assert response_export_form(client) is None  # 3 rows: downloaded in the request

    monkeypatch.setattr(views, "QUEUE_COUNT_CAP", 2)
    response = client.get(reverse("discipline:referral-list"))
    body = response.content.decode()
    assert "More than 2 referrals: the newest are listed" in body
    assert response.context["page"].paginator.capped
    # Past the cap the full count is not known: the export is a task, not a link
    # that the download would send back to the list.
    assert response.context["export_form"] is not None
    assert len(response.context["rows"]) == 2  # the pages end at the cap
    page = views.CappedPaginator(selectors.referral_queue(admin).order_by("pk"), 1, cap=2).get_page(
        2
    )
    assert page.has_previous() and not page.has_next() and page.paginator.count == 2


def test_a_historys_referral_and_intervention_rows_are_written_escaped_and_marked(
    client, admin, make_student, make_referral, record_intervention
):
    student = make_student(first_name="Ana", last_name="O'Neil")
    kept = make_referral(student, "3.1a")
    voided = make_referral(student, "3.7", day=INCIDENT_DAY + datetime.timedelta(days=1))
    services.referral_void(actor=admin, referral=voided, reason="Entered twice.")
    intervention = record_intervention(student)
    client.force_login(admin)
    body = client.get(reverse("discipline:student-history", args=[student.pk])).content.decode()
    referrals, interventions = (part.split("</tbody>")[0] for part in body.split("<tbody>")[1:3])

    assert referrals.count("<tr") == 2 and referrals.count('<tr class="voided">') == 1
    assert f'href="{reverse("discipline:referral-detail", args=[kept.pk])}"' in referrals
    assert '<span class="reason-code" title="' in referrals and ">3.1a</span>" in referrals
    assert "Hillside Middle School" in referrals and "Voided" in referrals
    assert interventions.count("<tr") == 1
    assert f'href="{reverse("interventions:intervention-detail", args=[intervention.pk])}"' in (
        interventions
    )
    assert "<td>—</td><td>In progress</td>" in interventions  # not ended
    assert "Ana O&#x27;Neil" in body and "O'Neil" not in body  # escaped
