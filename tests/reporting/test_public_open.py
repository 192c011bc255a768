"""The public pages a parent reads and the open data a program reads: storage one
row per unit and window, finding a school, plain words, Spanish, the schema."""

import datetime
import importlib
import json
import re

import jsonschema
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reporting import services, storage
from reporting.models import Publication, PublishedCells, PublishedUnit
from reporting.views_public import SCHEMAS
from tests.reporting.conftest import module_data
from tests.reporting.district import TinyDistrict

D = datetime.date
SEP, OCT = D(2026, 9, 1), D(2026, 10, 1)
PAGE = "/public/2026-10/v1/school-6001/"


def build():
    """Álamo (east): 20 students suspended in October, 12 in September; Birch (east)
    and Cedar (west): 14 each in October."""
    t = TinyDistrict()
    alamo = t.school("Álamo Middle", "east", code="6001")
    birch = t.school("Birch Middle", "east", code="6002")
    cedar = t.school("Cedar High", "west", code="6003")
    for s in t.students(alamo, 12):
        t.suspension(s, D(2026, 9, 8), days=1)
    for s in t.students(alamo, 20):
        t.suspension(s, D(2026, 10, 6), days=2)
    for school in (birch, cedar):
        for s in t.students(school, 14):
            t.suspension(s, D(2026, 10, 7), days=1)
    return [services.publication_publish(month=m) for m in (SEP, OCT)]


published_data = module_data(build)


@pytest.fixture
def published(published_data, db):
    return published_data


def schema(name):
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text())


def test_a_publication_is_stored_as_one_row_per_unit_and_window(published):
    october = published[1]
    rows = PublishedCells.objects.filter(publication=october)
    assert {(r.unit, r.window) for r in rows} >= {
        (unit, window)
        for unit in ("district", "region:east", "region:west", "school:6001")
        for window in ("m", "3m", "12m")
    }
    assert "cells" not in Publication.objects.get(pk=october.pk).data
    school = rows.get(unit="school:6001", window="m")
    assert school.totals["oss|st"] == 20 and school.totals["enrolled|n"] == 32
    assert all(key.count("|") == 3 for key in school.breakdowns)
    # Put back together, the rows are the publication's cells.
    fresh = Publication.objects.get(pk=october.pk)
    assert fresh.cells == october.cells
    assert fresh.cells["school:6001|m:2026-10|oss|st|all|all"] == 20
    units = list(PublishedUnit.objects.filter(publication=october).values_list("key", "level"))
    assert units[0] == ("district", "district")
    assert ("school:6001", "school") in units


def test_a_unit_page_reads_its_own_row_and_never_the_whole_publication(client, published):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{PAGE}?window=m&measure=oss")
    assert response.status_code == 200
    sql = [q["sql"] for q in queries.captured_queries]
    assert len(sql) <= 12
    document = '"reporting_publication"."data"'
    # The document is read only by key (the ADA rate, the offense titles), never whole.
    assert not any(document in q and "->" not in q and "JSON_EXTRACT" not in q for q in sql)
    cells = [q for q in sql if "reporting_publishedcells" in q]
    assert cells and all("school:6001" in q or "IN (" in q for q in cells)


def test_the_index_reads_the_list_not_the_data(client, published):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/public/")
    assert response.status_code == 200
    assert not any("reporting_publishedcells" in q["sql"] for q in queries.captured_queries)
    html = response.content.decode()
    assert "October 2026" in html and "September 2026" in html
    assert 'href="/public/2026-10/v1/district/"' in html


def test_the_migration_lays_out_a_publication_stored_as_one_document(published):
    october = published[1]
    cells = dict(october.cells)
    PublishedCells.objects.filter(publication=october).delete()
    PublishedUnit.objects.filter(publication=october).delete()
    Publication.objects.filter(pk=october.pk).update(data={**october.data, "cells": cells})
    migration = importlib.import_module("reporting.migrations.0002_publication_rows")
    from django.apps import apps

    migration.rows_from_documents(apps, None)
    fresh = Publication.objects.get(pk=october.pk)
    assert "cells" not in fresh.data
    assert fresh.cells == cells
    assert PublishedUnit.objects.filter(publication=october).count() == 6  # D, 2 R, 3 S
    assert storage.split_cells(cells).keys() == {
        (r.unit, r.window) for r in PublishedCells.objects.filter(publication=october)
    }


def test_the_school_beside_its_region_and_the_district_with_rates(client, published):
    html = client.get(f"{PAGE}?window=m&measure=oss").content.decode()
    summary = html[html.index('id="comparison-summary"') :]
    summary = summary[: summary.index("</p>")]
    # Álamo: 20 of 32 enrolled; East: 34 of 46; District: 48 of 60.
    assert "Álamo Middle: 20 students, 62.5 per 100 enrolled." in summary
    assert "Region East: 34 students, 73.9 per 100 enrolled." in summary
    assert "District: 48 students, 80.0 per 100 enrolled." in summary
    table = html[html.index('id="table-comparison"') :]
    assert ">62.5<" in table and ">73.9<" in table and ">80.0<" in table


def test_the_trend_lists_the_published_months_by_name(client, published):
    html = client.get(f"{PAGE}?measure=oss").content.decode()
    trend = html[html.index('id="table-trend"') :]
    trend = trend[: trend.index("</table>")]
    assert "September 2026" in trend and "October 2026" in trend
    assert trend.index("September 2026") < trend.index("October 2026")
    assert ">12<" in trend and ">20<" in trend
    assert "2 of the last 12 months have been published." in html


def test_finding_a_school_by_typing_part_of_its_name(client, published):
    url = reverse("reporting:public-find")
    one = client.get(url, {"q": "alamo"})  # no accent, any case
    assert one.status_code == 302 and one["Location"] == "/public/2026-10/v1/school-6001/"
    several = client.get(url, {"q": "middle"}).content.decode()
    assert "2 matches for" in several
    assert 'href="/public/2026-10/v1/school-6001/"' in several
    assert 'href="/public/2026-10/v1/school-6002/"' in several
    none = client.get(url, {"q": "zzz"}).content.decode()
    assert "No school or region has a name with “zzz”" in none
    empty = client.get(url, {"q": ""}).content.decode()
    assert "Type part of a school" in empty
    september = client.get(url, {"q": "alamo", "month": "2026-09"})
    assert september["Location"] == "/public/2026-09/v1/school-6001/"
    # The form is a plain GET form: it works without JavaScript.
    index = client.get("/public/").content.decode()
    assert 'action="/public/find/"' in index and 'name="q"' in index


def test_plain_words_glossary_and_the_marks_box(client, published):
    html = client.get(PAGE).content.decode()
    assert "What these numbers and marks mean" in html
    assert "Funding lost (ADA" in html and "average daily attendance" in html
    assert 'href="/public/glossary/"' in html
    glossary = client.get("/public/glossary/").content.decode()
    for term in ("Out-of-school suspensions", "Funding lost (ADA)", "Students per 100 enrolled"):
        assert term in glossary
    assert "ADA lost" not in html


def test_spanish_month_names_region_names_and_numbers(client, published):
    client.cookies["django_language"] = "es"
    html = client.get(f"{PAGE}?window=m&measure=oss").content.decode()
    assert "octubre de 2026" in html and "septiembre de 2026" in html
    assert "Región Este" in html
    assert "62,5 por cada 100 inscritos" in html  # decimal comma
    assert "Fondos perdidos (ADA" in html
    assert "Qué significan estos números y marcas" in html
    assert "October" not in html and "Region East" not in html
    # Thousands grouped the Spanish way in the ADA column (no "3,220.00" beside "70,00").
    from django.utils import translation

    from reporting.selectors import display

    with translation.override("es"):
        assert display("ada", __import__("decimal").Decimal("3220.00")) == "3\xa0220,00"
    glossary = client.get("/public/glossary/").content.decode()
    assert "Qué significan las palabras" in glossary


def test_csv_is_utf8_with_a_byte_order_mark_and_plain_numbers(client, published):
    client.cookies["django_language"] = "es"
    response = client.get("/public/2026-10/v1/school-6001.csv?window=m&measure=oss")
    assert response.content.startswith("\ufeff".encode())
    text = response.content.decode("utf-8-sig")
    assert "Álamo Middle" in text
    assert "62.5" in text  # plain numbers in every language


def test_the_json_download_follows_its_published_schema(client, published):
    for query in ("window=m&measure=oss", "window=12m&measure=all", "window=3m&measure=arr"):
        document = client.get(f"/public/2026-10/v1/school-6001.json?{query}").json()
        jsonschema.validate(document, schema("unit"))
    document = client.get("/public/2026-10/v1/district.json").json()
    jsonschema.validate(document, schema("unit"))
    assert document["$schema"].endswith("/public/schema/unit.json")
    served = client.get("/public/schema/unit.json")
    assert served["Content-Type"].startswith("application/schema+json")
    assert json.loads(served.content) == schema("unit")
    assert client.get("/public/schema/nothing.json").status_code == 404


def test_the_index_of_publications_lists_every_version_with_stable_addresses(client, published):
    services.publication_publish(month=OCT, note="Recount.")
    index = client.get("/public/publications.json").json()
    jsonschema.validate(index, schema("publications"))
    versions = [(p["month"], p["version"], p["latest"]) for p in index["publications"]]
    assert versions == [("2026-10", 2, True), ("2026-10", 1, False), ("2026-09", 1, True)]
    first = index["publications"][1]
    units = client.get(first["units"]).json()
    school = next(u for u in units["units"] if u["key"] == "school:6001")
    assert school["name"] == "Álamo Middle" and school["region"] == "region:east"
    assert client.get(school["json"]).status_code == 200
    assert client.get(first["json"].replace("{unit}", "school-6001")).status_code == 200
    page = client.get("/public/open-data/").content.decode()
    assert "/public/publications.json" in page and "/public/schema/unit.json" in page


def test_a_page_seen_before_is_served_from_its_frozen_fragment(client, published):
    url = f"{PAGE}?window=3m&measure=iss"

    def tables(html):
        return html[html.index('id="heading-comparison"') :]

    first = tables(client.get(url).content.decode())
    with CaptureQueriesContext(connection) as queries:
        again = tables(client.get(url).content.decode())
    assert again == first
    assert not any("reporting_publishedcells" in q["sql"] for q in queries.captured_queries)
    # A new version of a month changes what the page shows beside it: read again.
    services.publication_publish(month=OCT, note="Recount.")
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert any("reporting_publishedcells" in q["sql"] for q in queries.captured_queries)


def test_a_kept_page_gives_each_reader_a_working_language_form(published):
    from django.test import Client

    url = f"{PAGE}?window=12m&measure=all"
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    Client().get(url)  # kept
    reader = Client(enforce_csrf_checks=True)
    with CaptureQueriesContext(connection) as queries:
        html = reader.get(url).content.decode()
    assert not any("reporting_publishedcells" in q["sql"] for q in queries.captured_queries)
    assert "@@csrf-token@@" not in html
    switched = reader.post(
        reverse("set_language"),
        {"language": "es", "next": url, "csrfmiddlewaretoken": token.search(html).group(1)},
    )
    assert switched.status_code == 302 and switched["Location"] == url
    assert "Junto a su región y el Distrito" in reader.get(url).content.decode()
