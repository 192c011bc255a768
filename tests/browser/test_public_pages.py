"""The public pages in a real browser: no serious or critical accessibility
violation (axe) in English or Spanish, and the language switch keeps the page."""

import datetime

import pytest

from people.models import Role
from reporting import services
from tests.browser.conftest import screenshot, serious_accessibility_violations
from tests.factories import UserFactory
from tests.reporting.district import TinyDistrict

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGE = "/public/2026-10/v1/school-5001/?window=m&measure=oss"


@pytest.fixture
def publication():
    t = TinyDistrict()
    alder = t.school("Alder Middle School", "east", code="5001")
    t.school("Birch Middle School", "east", code="5002")
    for s in [*t.students(alder, 14), t.student(alder, race_ethnicity="black")]:
        t.suspension(s, datetime.date(2026, 10, 6), days=2)
    return services.publication_publish(month=datetime.date(2026, 10, 1))


@pytest.fixture
def anonymous(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_the_public_pages_pass_axe_in_english_and_spanish(anonymous, publication):
    page = anonymous
    for url in ("/public/", PAGE):
        page.goto(url)
        assert serious_accessibility_violations(page) == [], url
    screenshot(page, "public-unit")
    page.select_option("#language-select", "es")
    with page.expect_navigation():
        page.get_by_role("button", name="Change language").click()
    assert page.url.endswith(PAGE)
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("heading", name="Qué significan estos números y marcas").is_visible()
    assert serious_accessibility_violations(page) == []
    screenshot(page, "public-unit-es")
    page.goto("/public/")
    assert page.get_by_role("heading", name="Datos de disciplina publicados").is_visible()
    assert serious_accessibility_violations(page) == []


def test_the_language_switch_keeps_the_page_and_its_choices(anonymous, publication):
    page = anonymous
    page.goto("/public/")
    page.fill("#find-school", "alder")  # typed, no script needed
    page.get_by_role("button", name="Find", exact=True).click()
    page.wait_for_url("**/school-5001/")
    page.select_option("#window-select", "3m")
    page.get_by_role("button", name="Show", exact=True).click()
    page.wait_for_url("**/school-5001/?window=3m&measure=oss")
    page.select_option("#language-select", "es")
    with page.expect_navigation():
        page.get_by_role("button", name="Change language").click()
    assert page.url.endswith("/school-5001/?window=3m&measure=oss")
    assert page.locator("#window-select").input_value() == "3m"
    assert "Período mostrado" in page.content()


def test_the_district_publication_page_passes_axe(open_as, publication):
    page = open_as(UserFactory(role=Role.DISTRICT))
    page.goto("/reporting/district/")
    assert serious_accessibility_violations(page) == []
    page.fill("#publish-note", "Recount.")
    page.select_option("#publish-month", "2026-10")
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url("**/reporting/publications/*/")
    assert "version 2" in page.content()
    # The run goes on in the background; the page polls and reloads when it is done.
    page.get_by_role("link", name="Open the public page").wait_for(timeout=60_000)
    assert serious_accessibility_violations(page) == []
