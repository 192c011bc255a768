"""The public pages (no login), their downloads, Spanish, and the district staff's page."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse

from people.models import Role
from reporting import services
from reporting.models import Publication
from reporting.suppression import MARK
from tests.factories import UserFactory
from tests.reporting.conftest import module_data
from tests.reporting.district import TinyDistrict

D = datetime.date
OCT = D(2026, 10, 1)


def build_published():
    """Alder: 15 Hispanic students and 1 Black student suspended in October."""
    t = TinyDistrict()
    alder = t.school("Alder Middle", "east", code="4001")
    t.school("Birch Middle", "east", code="4002")
    for s in [*t.students(alder, 15), t.student(alder, race_ethnicity="black")]:
        t.suspension(s, D(2026, 10, 6), days=2)
    return services.publication_publish(month=OCT)


published_data = module_data(build_published)


@pytest.fixture
def published(published_data, db):
    return published_data


def page(client, unit="school-4001", query="", version=1, **kw):
    url = reverse(
        "reporting:public-unit", kwargs={"month": "2026-10", "version": version, "unit": unit}
    )
    return client.get(f"{url}?{query}" if query else url, **kw)


def test_the_public_index_lists_published_months_without_login(client, published):
    response = client.get(reverse("reporting:public-index"))
    assert response.status_code == 200
    assert b"2026-10" in response.content
    chosen = client.get(
        reverse("reporting:public-index"), {"month": "2026-10", "unit": "school-4001"}
    )
    assert chosen.status_code == 302
    assert chosen["Location"] == "/public/2026-10/v1/school-4001/"
    assert client.get("/public/2026-10/")["Location"] == "/public/2026-10/v1/district/"


def test_the_unit_page_has_tables_first_with_captions_and_header_scopes(client, published):
    response = page(client)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<caption>" in html and 'scope="col"' in html and 'scope="row"' in html
    assert html.index("<table") < html.index("<svg")  # tables first, charts beside
    assert 'role="img"' in html and "<desc" in html  # every chart has a text summary
    assert "What these numbers and marks mean" in html  # the legend for the mark
    assert f">{MARK}<" in html  # the Black student's row is marked, not shown
    assert ">16<" in html  # 16 students, shown


def test_csv_and_json_show_exactly_what_the_page_shows(client, published):
    query = "window=m&measure=oss"
    html = page(client, query=query).content.decode()
    csv_response = client.get(f"/public/2026-10/v1/school-4001.csv?{query}")
    json_response = client.get(f"/public/2026-10/v1/school-4001.json?{query}")
    assert csv_response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(csv_response.content.decode())))
    document = json.loads(json_response.content)
    by_race = next(t for t in document["tables"] if t["table"] == "race")
    black = next(r for r in by_race["rows"] if r["key"] == "black")
    hispanic = next(r for r in by_race["rows"] if r["key"] == "hispanic")
    assert black["st"] is None and black["ev"] is None and black["dy"] is None
    assert black["rate"] is None
    assert hispanic["st"] is None  # the complement: 16 - 15 would give the 1 away
    summary = next(t for t in document["tables"] if t["table"] == "summary")
    oss = next(r for r in summary["rows"] if r["key"] == "oss")
    assert oss["st"] == 16 and oss["ev"] == 16 and oss["dy"] == 32
    csv_black = next(r for r in rows if len(r) > 5 and r[5] == "Black")
    assert MARK in csv_black
    csv_oss = next(r for r in rows if len(r) > 5 and r[5] == "Out-of-school suspensions")
    assert "16" in csv_oss and "32" in csv_oss
    # Every number in the JSON appears on the page.
    for table in document["tables"]:
        for row in table["rows"]:
            for column in table["columns"]:
                value = row[column]
                if isinstance(value, int) and value:
                    assert f">{value:,}<" in html


def test_every_version_stays_readable_at_its_address(client, published):
    second = services.publication_publish(month=OCT, note="Recount after an audit.")
    first_page = page(client, version=1)
    assert first_page.status_code == 200
    assert b"This version has been corrected." in first_page.content
    second_page = page(client, version=2)
    assert b"Recount after an audit." in second_page.content
    assert second.get_absolute_url() == "/public/2026-10/v2/district/"
    assert page(client, version=3).status_code == 404


def test_unknown_units_months_and_versions_are_404(client, published):
    assert page(client, unit="school-9999").status_code == 404
    assert client.get("/public/2026-09/v1/district/").status_code == 404
    assert client.get("/public/2026-13/").status_code == 404
    Publication.objects.create(month=D(2026, 9, 1), version=1)  # still running
    assert client.get("/public/2026-09/v1/district/").status_code == 404


def test_the_page_in_spanish_is_translated(client, published):
    client.cookies["django_language"] = "es"
    html = page(client).content.decode()
    assert '<html lang="es">' in html
    for spanish in (
        "Suspensiones fuera de la escuela",
        "Qué significan estos números y marcas",
        "Estudiantes por cada 100 inscritos",
        "Raza/etnia",
        "Días perdidos",
        "Descargar lo que muestra esta página",
    ):
        assert spanish in html, spanish
    for english in (
        "Out-of-school suspensions",
        "What these numbers and marks mean",
        "Students per 100 enrolled",
        "Race/ethnicity",
        "Days lost",
        "Download what this page shows",
        "Published discipline data",
    ):
        assert english not in html, english
    csv_text = client.get("/public/2026-10/v1/school-4001.csv").content.decode()
    assert "Suspensiones fuera de la escuela" in csv_text


def test_the_language_switch_keeps_the_page(client, published):
    url = "/public/2026-10/v1/school-4001/?window=3m&measure=iss"
    response = client.post(reverse("set_language"), {"language": "es", "next": url})
    assert response.status_code == 302
    assert response["Location"] == url
    assert "Suspensiones dentro de la escuela" in client.get(url).content.decode()


# --- district staff -------------------------------------------------------------------


@pytest.fixture
def dana(db):
    return UserFactory(username="dana", role=Role.DISTRICT)


def test_the_district_page_is_for_district_staff_only(client, published, dana):
    url = reverse("reporting:district-index")
    assert client.get(url).status_code == 302  # to the login page
    teacher = UserFactory(role=Role.TEACHER)
    client.force_login(teacher)
    assert client.get(url).status_code == 404
    assert (
        client.post(reverse("reporting:publication-create"), {"month": "2026-10"}).status_code
        == 404
    )
    client.force_login(dana)
    response = client.get(url)
    assert response.status_code == 200
    assert b"2026-10" in response.content


def test_the_publish_button_publishes_and_shows_the_result(client, published, dana):
    client.force_login(dana)
    refused = client.post(
        reverse("reporting:publication-create"), {"month": "2026-10"}, follow=True
    )
    assert b"write a note" in refused.content
    response = client.post(
        reverse("reporting:publication-create"),
        {"month": "2026-10", "note": "Late entries."},
        follow=True,
    )
    second = Publication.objects.get(version=2)
    assert second.published_by == dana
    assert response.redirect_chain[-1][0] == f"/reporting/publications/{second.pk}/"
    assert second.status == "published"
    assert b"Publication 2026-10, version 2" in response.content
    assert b"/public/2026-10/v2/district/" in response.content
    status = client.get(reverse("reporting:publication-status", args=[second.pk])).json()
    assert status["status"] == "published"


def test_the_publish_button_enqueues_a_task_and_the_page_follows_it(
    client, published, dana, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    from reporting.tasks import publish_month

    client.force_login(dana)
    publish = reverse("reporting:publication-create")
    response = client.post(publish, {"month": "2026-10", "note": "Late."})
    running = Publication.objects.get(version=2)
    assert running.status == "running"
    [enqueued] = default_task_backend.results
    assert enqueued.task.name == "publish_month" and enqueued.args == [running.pk]
    page = client.get(response["Location"]).content.decode()
    assert 'role="status"' in page and "publication-progress" in page
    status = reverse("reporting:publication-status", args=[running.pk])
    assert client.get(status).json()["status"] == "running"
    refused = client.post(publish, {"month": "2026-10", "note": "Again."}, follow=True)
    assert b"being made right now" in refused.content
    # What the worker runs: the publication.
    publish_month.call(*enqueued.args)
    assert client.get(status).json()["status"] == "published"
    assert "publication-progress" not in client.get(response["Location"]).content.decode()


def test_district_reports_export_csv(client, dana, db):
    t = TinyDistrict()
    alder = t.school("Alder Middle", "east", code="4101")
    near = t.student(alder, first_name="Nora", last_name="Near")
    far = t.student(alder, first_name="Fay", last_name="Far")
    from discipline import services as discipline_services

    day = D(2026, 9, 1)
    for _ in range(4):
        referral = t.referral(near, day, code="3.1a")
        discipline_services.safety_finding_record(
            actor=t.staff[alder.pk].admin,
            referral=referral,
            found_on=day,
            justification="The student threatened staff with a weapon.",
        )
        t.suspension(near, day, days=4, code="3.1a")
        day += datetime.timedelta(days=7)
    t.suspension(far, D(2026, 10, 6), days=2)
    client.force_login(dana)
    url = reverse("reporting:district-index")
    html = client.get(url, {"year": "2026-27"}).content.decode()
    assert "Nora Near" in html and "Fay Far" not in html
    findings = client.get(url, {"year": "2026-27", "format": "findings.csv"}).content.decode()
    assert "Alder Middle" in findings and ",4" in findings
    approaching = client.get(url, {"year": "2026-27", "format": "approaching.csv"})
    rows = list(csv.reader(io.StringIO(approaching.content.decode())))
    assert rows[1][1] == "Nora Near" and rows[1][3:] == ["16", "20", "4"]


def test_every_reason_code_title_has_a_spanish_translation(db):
    from django.utils import translation

    from discipline.models import ReasonCode
    from reporting.offense_titles import TITLES

    titles = set(ReasonCode.objects.values_list("title", flat=True))
    assert titles <= set(TITLES)
    with translation.override("es"):
        untranslated = [t for t in titles if translation.gettext(t) == t]
    assert untranslated == []
