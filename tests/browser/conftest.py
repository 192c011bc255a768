"""Playwright driving Debian's chromium against pytest-django's live server.

Playwright's sync API runs an event loop in this thread, which makes Django
refuse database calls from it unless told they are safe here.
"""

import os
from pathlib import Path

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def seed_catalogs(django_db_setup, django_db_blocker):
    """The migrated database (seed catalogs, Discipline Matrix) as Django
    serialized it for ``serialized_rollback``, read before Playwright starts.

    Once Playwright's event loop runs in this thread, ``connections`` hands
    out another connection object, which lacks the serialized contents, so
    ``serialized_rollback`` would silently restore nothing after an earlier
    transactional test flushed the tables.
    """
    from django.db import connection

    return getattr(connection, "_test_serialized_contents", None)


@pytest.fixture(autouse=True)
def _restore_seed_catalogs(transactional_db, seed_catalogs):
    from django.core.management import call_command
    from django.db import connection

    from discipline.models import ReasonCode

    if seed_catalogs and not ReasonCode.objects.exists():
        # An earlier transactional test flushed the tables, and post_migrate
        # refilled content types and permissions under new ids: start clean.
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(seed_catalogs)


@pytest.fixture(scope="session")
def browser(seed_catalogs):
    if not os.path.exists(CHROMIUM):
        message = f"chromium is not installed at {CHROMIUM}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_as(browser, live_server):
    """A logged-in page for a user, in a browser context of its own."""
    contexts = []

    def open_as(user, viewport=DESKTOP):
        context = browser.new_context(viewport=viewport, base_url=live_server.url)
        # Generous: on a shared 2-core machine a page can wait seconds for a core
        # (the referral flow's student search once timed out at 10 s under load).
        context.set_default_timeout(20_000)
        contexts.append(context)
        page = context.new_page()
        page.goto("/accounts/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", PASSWORD)
        page.click("main form button[type=submit]")
        # Wait until the login page is left (its own URL also ends with "/").
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        return page

    yield open_as
    for context in contexts:
        context.close()


def screenshot(page, name, *, full_page=True):
    """Save a screenshot for docs/screenshots when SCREENSHOTS=1."""
    if os.environ.get("SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def serious_accessibility_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def sweep(page, who: str, urls, *, html_only: bool = False) -> list[str]:
    """Each of ``urls`` in English and Spanish at 1280 and 390 px: axe's serious and
    critical violations and anything wider than the screen, as lines naming the
    page. ``html_only`` skips what is not a page (a download); otherwise every
    address must answer 200."""
    problems = []
    for language in ("en", "es"):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": page.url}])
        for url in urls:
            for viewport in (DESKTOP, PHONE):
                page.set_viewport_size(viewport)
                response = page.goto(url)
                if html_only:
                    if "html" not in (response.headers.get("content-type") or ""):
                        break
                else:
                    assert response.status == 200, url
                where = f"{who} {language} {viewport['width']} {url}"
                problems += [f"{where}: {v}" for v in serious_accessibility_violations(page)]
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > viewport["width"]:
                    problems.append(f"{where}: {width}px wide")
    return problems
