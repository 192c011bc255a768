"""Fault 8 / item 4 of issue 10: a strict Content-Security-Policy and a
Permissions-Policy on every page, and no template that needs them loosened
(no inline script, no on* handler attribute, no style attribute or block)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Rendered into a PDF by xhtml2pdf on the server, never sent to a browser.
# Read only by xhtml2pdf to render a PDF; never sent to a browser.
PDF_ONLY = {"discipline/notice_pdf.html", "discipline/print/pdf_style.html"}

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.I)
# A <style> block is allowed only where it goes to xhtml2pdf: {% if pdf %}<style>.
STYLE_BLOCK = re.compile(r"(?<!{% if pdf %})<style", re.I)


def test_every_page_sends_a_strict_csp_and_a_permissions_policy(client, admin):
    for url in (reverse("reporting:public-index"), reverse("login")):
        response = client.get(url)
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "style-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert "camera=()" in response.headers["Permissions-Policy"]
    client.force_login(admin)
    response = client.get(reverse("home"))
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    "template",
    sorted(
        str(p.relative_to(TEMPLATES))
        for p in TEMPLATES.rglob("*.html")
        if str(p.relative_to(TEMPLATES)) not in PDF_ONLY
    ),
)
def test_no_template_has_inline_script_handler_or_style(template):
    text = (TEMPLATES / template).read_text()
    assert not INLINE_SCRIPT.search(text), "inline <script>: move it to static/js"
    assert not HANDLER.search(text), "on* handler attribute: add a listener in static/js"
    assert not STYLE_ATTRIBUTE.search(text), "style attribute: use a class in static/css"
    assert not STYLE_BLOCK.search(text), "<style> block: use static/css (PDF only: {% if pdf %})"
