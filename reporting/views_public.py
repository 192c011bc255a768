"""The public pages of the monthly publication (no login): the index of published
months, a unit's page (tables first, a chart beside each, a text summary), its CSV
and JSON, finding a school by name, the glossary, and the open-data description
(the JSON Schema of a download and a machine-readable index of publications).

Every page reads only frozen publications (:mod:`reporting.selectors`), and only
what it shows: the index reads the list of publications and their units, a unit's
page the unit's row of cells, its region's and the District's totals and its
totals in the months before.
"""

from __future__ import annotations

import datetime
import json
import re
from functools import cached_property, wraps
from pathlib import Path

from django.core.cache import caches
from django.db.models import Count, Max
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from people.exports import csv_download
from reporting import metrics, selectors
from reporting.charts import bar_chart
from reporting.downloads import rate_limited
from reporting.models import Publication
from reporting.suppression import MARK

SCHEMAS = Path(__file__).resolve().parent / "schemas"
#: The JSON Schema files served at /public/schema/<name>.json.
SCHEMA_NAMES = ("unit", "publications")


#: How long a rendered page is kept (it changes only when a month is published).
CACHE_SECONDS = 24 * 60 * 60


def _generation() -> str:
    """Changes whenever a version is published: what a page shows beside its own
    frozen cells (the versions of its month, the months of its trend) can change then."""
    row = Publication.objects.published().aggregate(n=Count("pk"), last=Max("published_at"))
    return f"{row['n']}.{row['last'].timestamp() if row['last'] else 0}"


#: Where a kept page had its CSRF token (the language form's): each reader gets their own.
CSRF_PLACEHOLDER = "@@csrf-token@@"
_CSRF_FIELD = re.compile(r'(name="csrfmiddlewaretoken" value=")([^"]+)(")')


def _cacheable(request) -> bool:
    """Only a page every anonymous reader sees alike is kept: not a signed-in user's
    (the navigation names them), nor one that could carry a message for this reader."""
    return not request.user.is_authenticated and "messages" not in request.COOKIES


def frozen_page(view):
    """Keep a public page's response (its publication is frozen): the same address,
    period, action and language give the same bytes until another version is published.
    Only answers of 200 are kept; the CSRF token of the language form is put back per
    reader."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        window, measure = _choices(request)
        key = ":".join(
            ["public", _generation(), get_language() or "", request.path, window, measure]
        )
        stored = caches["pages"].get(key)
        if stored is not None:
            content, headers = stored
            if CSRF_PLACEHOLDER.encode() in content:
                content = content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            headers = {
                name: response[name]
                for name in ("Content-Type", "Content-Disposition", "Access-Control-Allow-Origin")
                if response.has_header(name)
            }
            content = response.content
            if response["Content-Type"].startswith("text/html"):
                content = _CSRF_FIELD.sub(
                    rf"\g<1>{CSRF_PLACEHOLDER}\g<3>", content.decode()
                ).encode()
            caches["pages"].set(key, (content, headers), CACHE_SECONDS)
        return response

    return wrapped


def _published():
    """Published versions without their documents (the index, not the data)."""
    return Publication.objects.published().defer("data")


def _latest_versions():
    return list(Publication.objects.latest_versions().defer("data"))


def _month(text: str) -> datetime.date:
    try:
        return metrics.parse_month(text)
    except ValueError as error:
        raise Http404 from error


def _publication(month: str, version: int) -> Publication:
    return get_object_or_404(_published(), month=_month(month), version=version)


def _unit_url(publication: Publication, slug: str, query: str = "") -> str:
    url = reverse(
        "reporting:public-unit",
        kwargs={"month": publication.month_label, "version": publication.version, "unit": slug},
    )
    return f"{url}?{query}" if query else url


def _download_url(publication: Publication, slug: str, fmt: str, query: str = "") -> str:
    url = reverse(
        "reporting:public-download",
        kwargs={
            "month": publication.month_label,
            "version": publication.version,
            "unit": slug,
            "fmt": fmt,
        },
    )
    return f"{url}?{query}" if query else url


def _choices(request):
    window = request.GET.get("window", "m")
    if window not in selectors.WINDOWS:
        window = "m"
    measure = request.GET.get("measure", "oss")
    if measure not in metrics.MEASURE:
        measure = "oss"
    return window, measure


def _windows(month: datetime.date):
    return [(w, selectors.period_text(month, w)) for w in selectors.WINDOWS]


@require_GET
def public_index(request):
    """Every published month (newest version of each), finding a school, and a way to
    pick a unit."""
    publications = _latest_versions()
    month = request.GET.get("month")
    if month:
        chosen = next((p for p in publications if p.month_label == month), None)
        if chosen is None:
            raise Http404
        slug = request.GET.get("unit") or "district"
        if selectors.unit_get(chosen, slug) is None:
            slug = "district"  # a school that month's publication does not list
        return redirect(_unit_url(chosen, slug))
    latest = publications[0] if publications else None
    return render(
        request,
        "reporting/public_index.html",
        {
            "publications": publications,
            "latest": latest,
            "unit_groups": selectors.units_of(latest) if latest else [],
        },
    )


@require_GET
def public_month(request, month):
    publication = _published().filter(month=_month(month)).order_by("-version").first()
    if publication is None:
        raise Http404
    return redirect(_unit_url(publication, "district"))


@require_GET
def public_pick(request, month, version):
    """The unit / period / action form (no script needed) lands on the unit's page."""
    publication = _publication(month, version)
    slug = request.GET.get("unit", "district")
    if selectors.unit_get(publication, slug) is None:
        raise Http404
    window, measure = _choices(request)
    return redirect(_unit_url(publication, slug, f"window={window}&measure={measure}"))


@require_GET
def public_find(request):
    """Find a school (or region) by typing part of its name: a plain form, so it works
    without JavaScript; one match opens its page, several are listed."""
    query = request.GET.get("q", "").strip()[:100]
    publications = _latest_versions()
    month = request.GET.get("month")
    publication = publications[0] if publications else None
    if month:
        publication = next((p for p in publications if p.month_label == month), publication)
    found, error = [], ""
    if publication is None:
        error = _("No month has been published yet.")
    elif not query:
        error = _("Type part of a school's name, for example “Alder”.")
    else:
        found = selectors.units_find(publication, query)
        if len(found) == 1:
            return redirect(_unit_url(publication, found[0].slug))
        if not found:
            error = _(
                "No school or region has a name with “%(query)s”. Try a shorter part of it."
            ) % {"query": query}
    return render(
        request,
        "reporting/public_find.html",
        {"query": query, "found": found, "publication": publication, "error": error},
        status=200,
    )


def _tables(publication, unit, window, measure):
    view = selectors.View(publication, unit, window)
    return view, [view.summary(), *view.breakdowns(measure)]


class UnitPage:
    """What a unit's page shows, computed only when the page's frozen fragment is not
    in the cache (the template reads these inside ``{% cache %}``)."""

    def __init__(self, publication, unit, window, measure, period):
        self.publication, self.unit = publication, unit
        self.window, self.measure, self.period = window, measure, period

    @cached_property
    def view(self):
        return selectors.View(self.publication, self.unit, self.window)

    @cached_property
    def tables(self):
        tables = [self.view.summary(), *self.view.breakdowns(self.measure)]
        return [(t, bar_chart(t)) for t in tables]

    @cached_property
    def ada_rate(self):
        return self.view.ada_rate

    @cached_property
    def comparison(self):
        return selectors.comparison(self.publication, self.unit, self.window, self.measure)

    @cached_property
    def comparison_chart(self):
        return bar_chart(self.comparison)

    @cached_property
    def comparison_text(self):
        return selectors.comparison_text(self.comparison, self.measure, self.period)

    @cached_property
    def trend(self):
        return selectors.trend(self.publication, self.unit, self.measure)

    @cached_property
    def trend_chart(self):
        return bar_chart(self.trend)


@require_GET
@frozen_page
def public_unit(request, month, version, unit):
    publication = _publication(month, version)
    chosen = selectors.unit_get(publication, unit)
    if chosen is None:
        raise Http404
    window, measure = _choices(request)
    versions = list(_published().filter(month=publication.month).order_by("version"))
    period = selectors.period_text(publication.month, window)
    query = f"window={window}&measure={measure}"
    return render(
        request,
        "reporting/public_unit.html",
        {
            "publication": publication,
            "month_name": selectors.month_name(publication.month),
            "unit": chosen,
            "window": window,
            "windows": _windows(publication.month),
            "period": period,
            "measure": measure,
            "measures": metrics.MEASURES,
            "data": UnitPage(publication, chosen, window, measure, period),
            "generation": _generation(),
            "cache_seconds": CACHE_SECONDS,
            "versions": versions,
            "newest": versions[-1] if versions else None,
            "mark": MARK,
            "not_shown": selectors.NOT_SHOWN,
            "query": query,
            "csv_url": _download_url(publication, unit, "csv", query),
            "json_url": _download_url(publication, unit, "json", query),
        },
    )


LEGEND_NULL = (
    "Not shown: a count from 1 to 10, or hidden so that a small count cannot be worked "
    "out; a rate is not shown next to a hidden count or when fewer than 11 students are "
    "enrolled."
)


def unit_document(request, publication, chosen, window, measure, tables) -> dict:
    """A unit's tables as the JSON download (schema: /public/schema/unit.json)."""
    first = publication_window_first(publication, window)
    return {
        "$schema": request.build_absolute_uri(
            reverse("reporting:public-schema", kwargs={"name": "unit"})
        ),
        "publication": {
            "month": publication.month_label,
            "version": publication.version,
            "published_at": publication.published_at.isoformat(),
            "note": publication.note,
            "url": request.build_absolute_uri(_unit_url(publication, chosen.slug)),
        },
        "unit": {
            "key": chosen.key,
            "name": chosen.name,
            "level": chosen.level,
            "region": chosen.region.key if chosen.region else None,
        },
        "window": {"kind": window, "first_month": first, "last_month": publication.month_label},
        "action": measure,
        "ada_daily_rate": selectors.publication_meta(publication)["ada_daily_rate"],
        "legend": {"null": _(LEGEND_NULL)},
        "tables": [
            {
                "table": t.slug,
                "caption": t.caption,
                "columns": [c for c, _label in t.columns],
                "rows": [
                    {
                        "key": r.key,
                        "label": r.label,
                        **{c: selectors.json_value(c, r.values.get(c)) for c, _ in t.columns},
                    }
                    for r in t.rows
                ],
            }
            for t in tables
        ],
    }


def publication_window_first(publication, window) -> str:
    return metrics.month_label(metrics.Window(publication.month, window).first_day)


@require_GET
@rate_limited("PUBLIC_DOWNLOADS_PER_MINUTE")  # kept downloads count too
@frozen_page
def public_download(request, month, version, unit, fmt):
    """The page's tables as CSV or JSON: the same cells, hidden ones still hidden."""
    publication = _publication(month, version)
    chosen = selectors.unit_get(publication, unit)
    if chosen is None:
        raise Http404
    window, measure = _choices(request)
    _view, tables = _tables(publication, chosen, window, measure)
    name = f"discipline-{publication.month_label}-v{publication.version}-{unit}-{window}"
    if fmt == "json":
        document = unit_document(request, publication, chosen, window, measure, tables)
        response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    first = publication_window_first(publication, window)
    response, writer = csv_download(name)
    columns = selectors._columns(True)
    writer.writerow(
        [
            _("Month"),
            _("Version"),
            _("Unit"),
            _("Window"),
            _("Table"),
            _("Row"),
            *[label for _c, label in columns],
        ]
    )
    for t in tables:
        for r in t.rows:
            writer.writerow(
                [
                    publication.month_label,
                    publication.version,
                    chosen.name,
                    f"{first}..{publication.month_label}",
                    t.caption,
                    r.label,
                    *[
                        selectors.plain(c, r.values.get(c)) if c in dict(t.columns) else ""
                        for c, _label in columns
                    ],
                ]
            )
    writer.writerow([])
    legend = _("1 to 10, or hidden so that a small count cannot be worked out")
    writer.writerow([f"{MARK} = {legend}"])
    writer.writerow(
        [
            f"{selectors.NOT_SHOWN} = "
            + _("rate not shown: its count is hidden or fewer than 11 are enrolled")
        ]
    )
    return response


@require_GET
def public_glossary(request):
    return render(
        request,
        "reporting/public_glossary.html",
        {"measures": metrics.MEASURES, "mark": MARK, "not_shown": selectors.NOT_SHOWN},
    )


@require_GET
def public_open_data(request):
    """What the downloads hold and where every version lives: the schema as a page."""
    latest = _latest_versions()
    return render(
        request,
        "reporting/public_open_data.html",
        {
            "latest": latest[0] if latest else None,
            "measures": metrics.MEASURES,
            "windows": selectors.WINDOWS,
            "mark": MARK,
            "not_shown": selectors.NOT_SHOWN,
            "fields": schema_fields("unit"),
        },
    )


def schema_fields(name: str) -> list[tuple[str, str, str]]:
    """The top-level fields of a schema as (name, type, meaning in the reader's
    language), for its page."""
    meanings = {
        "publication": _("The month (YYYY-MM), the version, when it was published, its note."),
        "unit": _("The school, region or District: key, name, level and region."),
        "window": _("The period: m, 3m or 12m, and its first and last month."),
        "action": _("The action the breakdown tables count."),
        "ada_daily_rate": _("USD paid per student per day attended that school year."),
        "legend": _("What a null value means."),
        "tables": _("The summary, then the action by each student group and by offense."),
    }
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    fields = []
    for field, spec in schema["properties"].items():
        if field == "$schema":
            continue
        kind = spec.get("type") or ", ".join(spec.get("enum", []))
        if isinstance(kind, list):
            kind = " | ".join(kind)
        fields.append((field, kind, meanings.get(field, spec.get("description", ""))))
    return fields


@require_GET
def public_schema(request, name):
    if name not in SCHEMA_NAMES:
        raise Http404
    response = HttpResponse(
        (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"),
        content_type="application/schema+json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _version_entry(request, p: Publication, newest: dict) -> dict:
    base = reverse(
        "reporting:public-version-units",
        kwargs={"month": p.month_label, "version": p.version},
    )
    version_path = reverse(
        "reporting:public-pick", kwargs={"month": p.month_label, "version": p.version}
    )
    return {
        "month": p.month_label,
        "version": p.version,
        "published_at": p.published_at.isoformat(),
        "note": p.note,
        "latest": newest[p.month] == p.version,
        "units": request.build_absolute_uri(base),
        "page": request.build_absolute_uri(_unit_url(p, "district")),
        "json": request.build_absolute_uri(version_path) + "{unit}.json",
        "csv": request.build_absolute_uri(version_path) + "{unit}.csv",
    }


@require_GET
def public_publications_json(request):
    """The machine-readable index: every published version of every month, newest
    first, with the stable addresses of its units and downloads (no cells)."""
    publications = list(_published().order_by("-month", "-version"))
    newest: dict[datetime.date, int] = {}
    for p in publications:
        newest.setdefault(p.month, p.version)
    document = {
        "$schema": request.build_absolute_uri(
            reverse("reporting:public-schema", kwargs={"name": "publications"})
        ),
        "publications": [_version_entry(request, p, newest) for p in publications],
    }
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def public_version_units(request, month, version):
    """One version's units (key, name, level, region) and their stable addresses."""
    publication = _publication(month, version)
    units = []
    for group, schools in selectors.units_of(publication):
        for u in (group, *schools):
            units.append(
                {
                    "key": u.key,
                    "slug": u.slug,
                    "name": u.name,
                    "level": u.level,
                    "region": u.region.key if u.region else None,
                    "page": request.build_absolute_uri(_unit_url(publication, u.slug)),
                    "json": request.build_absolute_uri(_download_url(publication, u.slug, "json")),
                    "csv": request.build_absolute_uri(_download_url(publication, u.slug, "csv")),
                }
            )
    response = JsonResponse(
        {
            "month": publication.month_label,
            "version": publication.version,
            "windows": list(selectors.WINDOWS),
            "actions": [m.slug for m in metrics.MEASURES],
            "units": units,
        },
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
