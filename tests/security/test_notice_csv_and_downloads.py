"""Fault 8 of issue 10: a voided suspension's notice says so, and no CSV
cell can run as a spreadsheet formula."""

import ast
import csv
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from discipline import services
from people.exports import csv_download, neutralise

pytestmark = pytest.mark.django_db


@pytest.fixture
def voided_suspension(admin, student, make_referral, suspend, give_alternatives):
    give_alternatives(student)
    suspension = suspend(make_referral(student, "3.1a"))
    return services.record_void(actor=admin, record=suspension, reason="Wrong student.")


def test_a_voided_suspensions_notice_is_marked_voided(client, admin, voided_suspension):
    client.force_login(admin)
    html = client.get(
        reverse("discipline:suspension-notice", args=[voided_suspension.pk])
    ).content.decode()
    assert "VOIDED" in html
    assert "not in effect" in html
    pdf = client.get(reverse("discipline:suspension-notice-pdf", args=[voided_suspension.pk]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "VOIDED" in text


def test_a_valid_suspensions_notice_has_no_voided_mark(
    client, admin, student, make_referral, suspend, give_alternatives
):
    give_alternatives(student)
    suspension = suspend(make_referral(student, "3.1a"))
    client.force_login(admin)
    html = client.get(reverse("discipline:suspension-notice", args=[suspension.pk])).content
    assert b"VOIDED" not in html


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1+1", "'+1+1"),
        ("-2+cmd|' /C calc'!A0", "'-2+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Hillside Middle School", "Hillside Middle School"),
        ("-12", "-12"),
        ("3.5%", "3.5%"),
        (-4, -4),
    ],
)
def test_formula_cells_are_neutralised_and_numbers_kept(cell, written):
    assert neutralise(cell) == written
    response, writer = csv_download("x")
    writer.writerow(["ok", cell])
    row = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert row == ["ok", str(written)]


def test_every_csv_download_goes_through_the_safe_writer():
    """No module but people/exports.py calls csv.writer.

    The exceptions write files for a program, not downloads for a person: the
    SIS export (imports/export.py), which ``import_sis`` reads back exactly, and
    the benchmark's import sample (demo/management/commands/benchmark.py)."""
    base = Path(settings.BASE_DIR)
    allowed = {
        base / "people" / "exports.py",
        base / "imports" / "export.py",
        base / "demo" / "management" / "commands" / "benchmark.py",
    }
    offenders = []
    for path in base.glob("*/**/*.py"):
        if (
            "tests" in path.parts
            or "management" in path.parts
            or path in allowed
            or "migrations" in path.parts
        ):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in ("writer", "DictWriter")
                and isinstance(node.value, ast.Name)
                and node.value.id == "csv"
            ):
                offenders.append(str(path))
    assert offenders == []


def test_public_downloads_are_rate_limited_per_address(client, settings):
    from django.core.cache import cache

    cache.clear()
    settings.PUBLIC_DOWNLOADS_PER_MINUTE = 3
    url = "/public/2099-01/v1/district.csv"  # no such publication: 404 until limited
    answers = [client.get(url, REMOTE_ADDR="203.0.113.9").status_code for _ in range(4)]
    assert answers == [404, 404, 404, 429]
    assert client.get(url, REMOTE_ADDR="198.51.100.7").status_code == 404
