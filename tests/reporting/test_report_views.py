"""Every report page and its CSVs, as district staff and as a school
administrator (their school only); teachers and support staff get 404."""

import datetime

import pytest
from django.urls import reverse

from discipline.models import ReasonCode

REPORTS = [
    "reporting:reports-home",
    "reporting:report-glance",
    "reporting:report-referrals",
    "reporting:report-disproportionality",
    "reporting:report-rj",
    "reporting:report-watchlists",
    "reporting:report-deployments",
    "reporting:report-staffing",
]
DAY = datetime.date(2026, 10, 5)


@pytest.mark.django_db
@pytest.mark.parametrize("name", REPORTS)
def test_district_staff_open_every_report_and_its_csvs(client, district, two_schools, name):
    client.force_login(district)
    response = client.get(reverse(name), {"year": "2026-27"})
    assert response.status_code == 200
    tables = response.context["tables"]
    for table in tables:
        csv = client.get(reverse(name), {"year": "2026-27", "csv": table.slug})
        assert csv.status_code == 200
        assert csv["Content-Type"].startswith("text/csv")
        assert csv.content.startswith("\ufeff".encode())
        assert len(csv.content.decode("utf-8-sig").splitlines()) >= 1 + len(table.rows)


@pytest.mark.django_db
def test_the_at_a_glance_page_and_its_csv_show_the_same_number(client, district, two_schools):
    client.force_login(district)
    url = reverse("reporting:report-glance")
    page = client.get(url, {"year": "2026-27"})
    table = next(t for t in page.context["tables"] if t.slug == "oss-gender")
    assert table.footer[1] == 8
    csv = client.get(url, {"year": "2026-27", "csv": "oss-gender"}).content.decode("utf-8-sig")
    assert csv.splitlines()[-1] == "Total,8,8"


@pytest.mark.django_db
def test_a_school_administrator_sees_only_their_school(client, two_schools):
    d, mine, _theirs = two_schools
    client.force_login(d.staff[mine.pk].admin)
    page = client.get(reverse("reporting:report-glance"), {"year": "2026-27"})
    table = next(t for t in page.context["tables"] if t.slug == "oss-gender")
    assert table.footer[1] == 3
    big5 = client.get(reverse("reporting:report-referrals"), {"year": "2026-27"})
    assert big5.status_code == 200
    students = next(t for t in big5.context["tables"] if t.slug == "students")
    assert students.rows[0] == ["1", 3]
    assert any(t.slug == "staff" for t in big5.context["tables"])
    # The home page of reports sends an administrator to referral analytics.
    assert client.get(reverse("reporting:reports-home")).url == reverse(
        "reporting:report-referrals"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", REPORTS)
def test_teachers_get_404_for_reports(client, teacher, name):
    client.force_login(teacher)
    assert client.get(reverse(name)).status_code == 404


@pytest.mark.django_db
def test_bad_filters_show_a_message_not_an_error(client, district, two_schools):
    client.force_login(district)
    response = client.get(
        reverse("reporting:report-referrals"),
        {"year": "1999-00", "first": "not a date", "grade": "99", "unit": "nowhere"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors


@pytest.mark.django_db
def test_the_district_account_sees_and_edits_catalogs_in_the_admin(client, district):
    client.force_login(district)
    index = client.get(reverse("admin:index"))
    assert b"You don\xe2\x80\x99t have permission" not in index.content
    assert b"Reason codes" in index.content
    assert client.get(reverse("admin:app_list", args=["discipline"])).status_code == 200
    code = ReasonCode.objects.get(code="3.7")
    change = reverse("admin:discipline_reasoncode_change", args=[code.pk])
    assert client.get(change).status_code == 200


@pytest.mark.django_db
def test_only_district_staff_record_district_data(client, admin, district, school):
    client.force_login(admin)
    assert client.get(reverse("reporting:deployment-create")).status_code == 404
    client.force_login(district)
    response = client.post(
        reverse("reporting:deployment-create"),
        {
            "school": school.pk,
            "starts_on": "2026-10-05",
            "ends_on": "2026-10-01",
            "reason": "mass_threat",
        },
    )
    assert response.status_code == 200
    assert "ends_on" in response.context["form"].errors


@pytest.mark.django_db
def test_reports_speak_spanish(client, district, two_schools):
    client.force_login(district)
    pages = {
        "reporting:report-glance": "de un vistazo",
        "reporting:report-referrals": "Análisis de remisiones",
        "reporting:report-disproportionality": "Desproporcionalidad",
        "reporting:report-rj": "justicia restaurativa",
        "reporting:report-watchlists": "Listas de seguimiento",
        "reporting:report-deployments": "Despliegues",
        "reporting:report-staffing": "Personal de seguridad",
    }
    for name, words in pages.items():
        html = client.get(reverse(name), {"year": "2026-27"}, HTTP_ACCEPT_LANGUAGE="es").content
        assert words in html.decode(), name


DATA_ENTRY = ["reporting:deployment-create", "reporting:staffing-create", "reporting:roi-entry"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", REPORTS + DATA_ENTRY)
def test_every_report_url_asks_anonymous_visitors_to_log_in_and_refuses_support_staff(
    client, support, name
):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    client.force_login(support)
    assert client.get(reverse(name)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("name", DATA_ENTRY)
def test_district_data_forms_open_for_district_staff_only(client, admin, district, name):
    client.force_login(admin)
    assert client.get(reverse(name)).status_code == 404
    client.force_login(district)
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("name", REPORTS[1:])
def test_a_school_administrator_opens_every_report_and_its_csvs(client, two_schools, name):
    d, mine, _theirs = two_schools
    client.force_login(d.staff[mine.pk].admin)
    response = client.get(reverse(name), {"year": "2026-27"})
    assert response.status_code == 200
    assert "Theirs Middle" not in response.content.decode()
    for table in response.context["tables"]:
        csv = client.get(reverse(name), {"year": "2026-27", "csv": table.slug})
        assert csv.status_code == 200 and "Theirs Middle" not in csv.content.decode()
