"""Every string the code marks for translation reads in Spanish (issue 16,
item 10: English inside Spanish pages).

``makemessages`` runs on a copy of the source (the tests, docs and the apps'
own catalogs left out, so every marked string is listed), and each string is
then looked up as the running site looks it up in Spanish: through the
project's catalogs and Django's own. A string that comes back unchanged is
English on a Spanish page.
"""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

from django.utils import translation

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (
    "config",
    "demo",
    "discipline",
    "district",
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
