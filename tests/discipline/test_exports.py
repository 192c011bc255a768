"""CSV exports and print views (issue 16, item 5)."""

import csv
import io

import pytest
from django.urls import reverse

from discipline.models import StudentRecordView

pytestmark = pytest.mark.django_db


def rows(response):
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff"), "UTF-8 with a byte-order mark"
    return list(csv.reader(io.StringIO(body[1:])))


def test_the_queue_exports_as_filtered_with_a_bom(client, admin, make_student, make_referral):
    wanted = make_referral(make_student(first_name="Peña"), "3.1a")
    make_referral(make_student(first_name="Other"), "3.7")
    client.force_login(admin)
    response = client.get(reverse("discipline:referral-list-csv"), {"q": "peña"})
    assert response["Content-Type"].startswith("text/csv")
    table = rows(response)
    assert table[0][0] == "Referral"
    assert [r[0] for r in table[1:]] == [str(wanted.pk)]
    assert table[1][3] == wanted.student.name


def test_the_queue_export_stays_in_scope(client, other_admin, student, make_referral):
    make_referral(student, "3.1a")
    client.force_login(other_admin)
    response = client.get(reverse("discipline:referral-list-csv"), {"status": ""})
    assert len(rows(response)) == 1  # the header only


def test_interventions_export(client, support, student, record_intervention):
    record_intervention(student, tier=2)
    client.force_login(support)
    table = rows(client.get(reverse("discipline:intervention-list-csv")))
    assert len(table) == 2 and table[1][2] == student.student_id


def test_a_students_history_exports_prints_and_makes_a_pdf(
    client, admin, student, make_referral, record_intervention
):
    referral = make_referral(student, "3.1a")
    record_intervention(student, tier=2, referral=referral)
    client.force_login(admin)
    table = rows(client.get(reverse("discipline:student-history-csv", args=[student.pk])))
    kinds = [r[1] for r in table[1:]]
    assert "Referral" in kinds and "Intervention" in kinds
    html = client.get(reverse("discipline:student-history-print", args=[student.pk]))
    assert student.name in html.content.decode()
    assert 'id="history-rows"' in html.content.decode()
    pdf = client.get(reverse("discipline:student-history-pdf", args=[student.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert StudentRecordView.objects.filter(student=student).count() == 3


def test_a_teacher_cannot_export_a_students_history(client, teacher, student):
    client.force_login(teacher)
    for name in ("student-history-csv", "student-history-print", "student-history-pdf"):
        assert client.get(reverse(f"discipline:{name}", args=[student.pk])).status_code == 404


def test_the_referral_prints_as_the_misis_form_with_its_codes_checked(
    client, admin, student, make_referral
):
    referral = make_referral(student, "3.1a")
    client.force_login(admin)
    html = client.get(reverse("discipline:referral-print", args=[referral.pk])).content.decode()
    assert "MISIS DISCIPLINE REFERRAL" in html
    assert "I. General student information" in html
    checked = html[html.index('id="reason-checklist"') :]
    assert "☒</span> <strong>3.1a" in checked
    assert "☐</span> 3.1b" in checked
    assert "Administrative action" in html
    pdf = client.get(reverse("discipline:referral-pdf", args=[referral.pk]))
    assert pdf.content.startswith(b"%PDF")


def test_the_teachers_print_of_their_referral_leaves_out_the_administrators_part(
    client, teacher, student, make_referral
):
    referral = make_referral(student, "3.1a")
    client.force_login(teacher)
    response = client.get(reverse("discipline:referral-print", args=[referral.pk]))
    assert response.status_code == 200
    assert "Administrator/designee notes" not in response.content.decode()


def test_a_referral_out_of_scope_does_not_print(client, other_admin, student, make_referral):
    referral = make_referral(student, "3.1a")
    client.force_login(other_admin)
    assert client.get(reverse("discipline:referral-print", args=[referral.pk])).status_code == 404
