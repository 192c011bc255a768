"""The public pages on the demo's own data, in a real browser, as a parent uses them:
bin/demo's steps (seed_demo, then publish --last 3) leave published months with
numbers at the District and region level; a parent finds a school by typing its
name and reads how many students were suspended there in the last 12 months beside
its region and the District (or why the number is hidden), in English and Spanish;
and the public pages pass axe in both languages at 1280 and 390 pixels."""

import datetime
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from reporting import metrics
from reporting.management.commands.publish import last_complete_months
from reporting.models import Publication, PublishedCells, PublishedUnit
from tests.browser.conftest import DESKTOP, PHONE, serious_accessibility_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

#: bin/demo's own default demo (bin/demo: DEMO_SCHOOLS, DEMO_STUDENTS, DEMO_YEARS).
DEMO = {"schools": 8, "students": 1000, "years": 2}


@pytest.fixture
def demo():
    call_command("seed_demo", quiet=True, **DEMO)
    try:
        call_command("publish", "--last", "3", stdout=io.StringIO(), stderr=io.StringIO())
    except CommandError as error:
        # A month whose tables cannot be made safe fails loudly (issue 13) and the
        # others are still published: on PostgreSQL on 2026-12-02 the demo's October
        # had a District 12-month count of days lost pinned by September's publication.
        assert "Not published: " in str(error)
    return list(Publication.objects.published().order_by("month"))


def _context(browser, live_server, viewport=DESKTOP, language=None):
    context = browser.new_context(viewport=viewport, base_url=live_server.url)
    context.set_default_timeout(15_000)
    if language:
        host = live_server.url.split("//")[1].split(":")[0]
        context.add_cookies(
            [{"name": "django_language", "value": language, "domain": host, "path": "/"}]
        )
    return context


def _number(text: str) -> int:
    return int(re.sub(r"[^\d]", "", text))


def _true_students(unit_key: str, month: datetime.date) -> int:
    values = metrics.month_values(month)
    key = metrics.cell_key(unit_key, f"12m:{metrics.month_label(month)}", "oss", "st")
    return values.get(key, 0)


def test_a_fresh_demo_answers_a_parent_and_passes_axe_in_english_and_spanish(
    browser, live_server, demo
):
    """One test, because building and publishing the demo is the slow part."""
    # Each of the last three months is published, or refused loudly: recorded with its
    # reason and nothing of it published.
    expected = last_complete_months(3, timezone.localdate())
    refused = [m for m in expected if m not in {p.month for p in demo}]
    for month in refused:
        failed = Publication.objects.get(month=month)
        assert failed.status == "failed" and "Not published" in failed.error, failed
        assert not PublishedCells.objects.filter(publication=failed).exists()
    assert len(demo) >= 2 and [p.month for p in demo] == [m for m in expected if m not in refused]
    latest = demo[-1]
    context = _context(browser, live_server)
    page = context.new_page()

    # /public/ lists the published months, by name.
    page.goto("/public/")
    rows = page.locator("table tbody tr")
    assert rows.count() == len(demo)
    assert latest.month.strftime("%B %Y") in rows.first.inner_text()

    # The District's and the regions' 12-month totals show numbers, not only marks:
    # students with any of these actions (the second column).
    page.goto(f"/public/{latest.month_label}/v{latest.version}/district/?window=12m&measure=all")
    students = page.locator("#table-summary tbody tr", has_text="Any of these actions")
    shown = students.locator("td").nth(1).inner_text()
    assert shown.replace(",", "").isdigit() and _number(shown) > 0, shown
    regions_shown = 0
    for region in PublishedUnit.objects.filter(publication=latest, level="region"):
        page.goto(
            f"/public/{latest.month_label}/v{latest.version}/{region.key.replace(':', '-')}/"
            "?window=12m&measure=all"
        )
        row = page.locator("#table-summary tbody tr", has_text="Any of these actions")
        regions_shown += row.locator("td").nth(1).inner_text().replace(",", "").isdigit()
    assert regions_shown >= 2

    # The school a parent asks about: the one with the most students suspended.
    rows = PublishedCells.objects.filter(
        publication=latest, window="12m", unit__startswith="school:"
    )
    school_key = max(rows, key=lambda r: r.totals.get("oss|st") or 0).unit
    school = PublishedUnit.objects.get(publication=latest, key=school_key)
    truth = {
        key: _true_students(key, latest.month)
        for key in (school.key, school.region_key, "district")
    }
    published = {
        r.unit: r.totals.get("oss|st", 0)
        for r in PublishedCells.objects.filter(publication=latest, window="12m", unit__in=truth)
    }

    for language, words in (
        (
            "en",
            {"find": "Find", "show": "Show", "hidden": "is not shown", "per": "per 100 enrolled"},
        ),
        (
            "es",
            {
                "find": "Buscar",
                "show": "Mostrar",
                "hidden": "no se muestra",
                "per": "por cada 100 inscritos",
            },
        ),
    ):
        context = _context(browser, live_server, language=language)
        page = context.new_page()
        page.goto("/public/")
        assert page.locator("html").get_attribute("lang") == language
        page.fill("#find-school", school.name.split()[0])
        page.get_by_role("button", name=words["find"], exact=True).click()
        if "/find/" in page.url:  # several schools share the word: pick it from the list
            page.get_by_role("link", name=school.name, exact=True).click()
        page.wait_for_url(f"**/{school.key.replace(':', '-')}/**")
        page.select_option("#window-select", "12m")
        page.select_option("#measure-select", "oss")
        page.get_by_role("button", name=words["show"], exact=True).click()
        page.wait_for_url("**window=12m&measure=oss")
        answer = page.locator("#comparison-summary").inner_text()
        for key in truth:
            if published[key] is None:
                assert words["hidden"] in answer, (language, key, answer)
            else:
                # The number on the page is the true count of students.
                assert re.search(rf"\b{truth[key]:,}\b".replace(",", "[,.\u00a0]?"), answer), (
                    language,
                    key,
                    truth[key],
                    answer,
                )
        assert words["per"] in answer
        table = page.locator("#table-comparison tbody tr")
        assert table.count() == 3  # the school, its region, the District
        context.close()

    # --- and every public page passes axe, in both languages, at both widths.
    base = f"/public/{latest.month_label}/v{latest.version}"
    pages = [
        "/public/",
        f"{base}/district/?window=12m&measure=oss",
        f"{base}/{school.key.replace(':', '-')}/?window=12m&measure=oss",
        f"{base}/{school.region_key.replace(':', '-')}/?window=m&measure=all",
        "/public/find/?q=e",
        "/public/glossary/",
        "/public/open-data/",
    ]
    for language in ("en", "es"):
        for viewport in (DESKTOP, PHONE):
            context = _context(browser, live_server, viewport=viewport, language=language)
            page = context.new_page()
            for url in pages:
                page.goto(url)
                assert page.locator("html").get_attribute("lang") == language
                found = serious_accessibility_violations(page)
                assert found == [], (language, viewport["width"], url, found)
            context.close()
