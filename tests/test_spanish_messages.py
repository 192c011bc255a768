"""Every string the code marks for translation reads in Spanish (issue 16,
item 10: English inside Spanish pages).

``makemessages`` runs on a copy of the source (the tests, docs and the apps'
own catalogs left out, so every marked string is listed), and each string is
then looked up as the running site looks it up in Spanish: through the
project's catalogs and Django's own. A string that comes back unchanged is
English on a Spanish page.
"""

import ast
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.utils import translation

from tests.reporting.conftest import module_data
from tests.security.test_scope_matrix import PAGES, ROLES, _url
from tests.security.world import build_world

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (
    "config",
    "demo",
    "discipline",
    "district",
    "exports",
    "imports",
    "interventions",
    "notifications",
    "people",
    "reporting",
    "templates",
    "manage.py",
)
# Strings that are the same in Spanish.
SAME_IN_SPANISH = {
    "No",
    "Error",
    "Filipino",
    "Id",
    "IEP/504",
    "JSON",
    "N/A",
    "Total",
    "CSV",
    "%(column)s: %(caption)s",
}


def po_entries(path: Path):
    """(context, msgid, plural) of each entry of a .po file."""
    entries, current, field = [], {}, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if current.get("msgid"):
                entries.append((current.get("ctx", ""), current["msgid"], current.get("plural")))
            current, field = {}, None
        elif line.startswith("#"):
            continue
        elif line.startswith("msgctxt "):
            field, current["ctx"] = "ctx", ast.literal_eval(line[8:])
        elif line.startswith("msgid_plural "):
            field, current["plural"] = "plural", ast.literal_eval(line[13:])
        elif line.startswith("msgid "):
            field, current["msgid"] = "msgid", ast.literal_eval(line[6:])
        elif line.startswith("msgstr"):
            field = None
        elif line.startswith('"') and field:
            current[field] += ast.literal_eval(line)
    return entries


def marked_strings(tmp_path: Path):
    copy = tmp_path / "src"
    copy.mkdir()
    ignore = shutil.ignore_patterns("locale", "__pycache__", "*.mo", "*.po")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=ignore)
        else:
            shutil.copy(source, copy / name)
    (copy / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "es", "--no-location", "-v", "0"],
        cwd=copy,
        check=True,
    )
    return po_entries(copy / "locale" / "es" / "LC_MESSAGES" / "django.po")


def test_every_marked_string_has_its_spanish_text(tmp_path):
    entries = marked_strings(tmp_path)
    assert len(entries) > 1000
    english = []
    with translation.override("es"):
        for context, msgid, plural in entries:
            if plural and context:
                spanish = translation.npgettext(context, msgid, plural, 1)
            elif plural:
                spanish = translation.ngettext(msgid, plural, 1)
            elif context:
                spanish = translation.pgettext(context, msgid)
            else:
                spanish = translation.gettext(msgid)
            if spanish == msgid and msgid not in SAME_IN_SPANISH:
                english.append(msgid)
    assert english == [], f"{len(english)} strings without Spanish: {english[:20]}"


# English words that are not Spanish ones: a sentence in English has some.
ENGLISH_WORDS = re.compile(
    r"\b(the|of|and|to|with|for|by|is|are|this|that|from|was|were|who|what|when|you|your)\b"
)


class SpanishText(HTMLParser):
    """The visible text of a page outside the parts marked as another
    language (``lang="en"``): what a Spanish screen reader reads as Spanish."""

    VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.stack = [], []

    def _spanish(self):
        languages = [lang for _tag, lang in self.stack if lang is not None]
        return not languages or languages[-1].startswith("es")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        hidden = tag in ("script", "style", "template")
        if tag not in self.VOID:
            self.stack.append((tag, "zz" if hidden else attrs.get("lang")))
        if self._spanish():
            for name in ("title", "aria-label", "placeholder", "alt"):
                if attrs.get(name):
                    # An attribute cannot mark a part of itself as English: an
                    # English name it cites stands in «quotes», as Spanish cites.
                    self.parts.append(re.sub(r"«[^»]*»", "«»", attrs[name]))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self._spanish():
            self.parts.append(data)


world = module_data(build_world)


@pytest.mark.django_db
def test_no_unmarked_english_sentence_on_any_spanish_page(client, world):
    """Every page of the scope matrix that some role reads, in Spanish: the
    text not marked ``lang="en"`` has no English sentence in it."""
    english = []
    reason = world["referral"].reasons.first()
    pages = [
        (f"catalog {url}", ({}, url))
        for url in (
            "/admin/discipline/location/",
            "/admin/discipline/location/add/",
            "/admin/discipline/reasoncode/",
            f"/admin/discipline/reasoncode/{reason.pk}/change/",
            "/admin/interventions/interventiontype/",
            "/admin/interventions/matrixentry/",
        )
    ]
    for name, (_spec, url) in pages:
        client.force_login(world["users"]["district"])
        client.cookies["django_language"] = "es"
        parser = SpanishText()
        parser.feed(client.get(url).content.decode())
        text = " ".join(" ".join(parser.parts).split())
        english += [
            f"{name}: …{text[max(0, m.start() - 40) : m.end() + 40]}…"
            for m in ENGLISH_WORDS.finditer(text)
        ]
    for name, (spec, answers) in sorted(PAGES.items()):
        if answers.startswith("POST:") or name.startswith("admin:"):
            continue
        role = next((r for r, a in zip(ROLES, answers.split(), strict=True) if a == "200"), None)
        if role is None:
            continue
        client.logout()
        if role != "anonymous":
            client.force_login(world["users"][role])
        client.cookies["django_language"] = "es"
        response = client.get(_url(name, spec, world))
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parser = SpanishText()
        parser.feed(response.content.decode())
        text = " ".join(" ".join(parser.parts).split())
        english += [
            f"{name}: …{text[max(0, m.start() - 40) : m.end() + 40]}…"
            for m in ENGLISH_WORDS.finditer(text)
        ]
    assert english == [], "\n".join(english)
