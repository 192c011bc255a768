"""Public pages of the monthly publication (no login), and the district staff's
publishing page and reports.

Public pages read only frozen publications (:mod:`reporting.selectors`): a page,
its CSV and its JSON show the same numbers, suppressed cells stay suppressed.
"""

from __future__ import annotations

import datetime
import logging
import threading

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import connections, transaction
from django.db.models import Count, Sum
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from discipline import rules
from discipline.models import SafetyFinding, Suspension, SuspensionKind
from people.models import SchoolYear, Student
from reporting import metrics, selectors, services
from reporting.charts import bar_chart
from reporting.downloads import csv_response, rate_limited
from reporting.models import Publication, PublicationStatus
from reporting.suppression import MARK

logger = logging.getLogger(__name__)

# --- public ---------------------------------------------------------------------------


def public_index(request):
    """Every published month (newest version of each), and a way to pick a unit."""
    publications = list(Publication.objects.latest_versions())
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


def public_month(request, month):
    publication = (
        Publication.objects.published().filter(month=_month(month)).order_by("-version").first()
    )
    if publication is None:
        raise Http404
    return redirect(_unit_url(publication, "district"))


def _month(text: str) -> datetime.date:
    try:
        return metrics.parse_month(text)
    except ValueError as error:
        raise Http404 from error


def _publication(month: str, version: int) -> Publication:
    return get_object_or_404(Publication.objects.published(), month=_month(month), version=version)


def _unit_url(publication: Publication, slug: str, query: str = "") -> str:
    url = reverse(
        "reporting:public-unit",
        kwargs={"month": publication.month_label, "version": publication.version, "unit": slug},
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


def _tables(publication, unit, window, measure):
    view = selectors.View(publication, unit, window)
    return view, [view.summary(), *view.breakdowns(measure)]


def public_pick(request, month, version):
    """The unit / window / action form (no script needed) lands on the unit's page."""
    publication = _publication(month, version)
    slug = request.GET.get("unit", "district")
    if selectors.unit_get(publication, slug) is None:
        raise Http404
    window, measure = _choices(request)
    return redirect(_unit_url(publication, slug, f"window={window}&measure={measure}"))


def public_unit(request, month, version, unit):
    publication = _publication(month, version)
    chosen = selectors.unit_get(publication, unit)
    if chosen is None:
        raise Http404
    window, measure = _choices(request)
    view, tables = _tables(publication, chosen, window, measure)
    versions = Publication.objects.published().filter(month=publication.month).order_by("version")
    first, last = selectors.window_span(publication.month_label, window)
    query = f"window={window}&measure={measure}"
    return render(
        request,
        "reporting/public_unit.html",
        {
            "publication": publication,
            "unit": chosen,
            "unit_groups": selectors.units_of(publication),
            "window": window,
            "windows": [(w, selectors.window_label(w)) for w in selectors.WINDOWS],
            "window_first": first,
            "window_last": last,
            "measure": measure,
            "measures": metrics.MEASURES,
            "measure_label": metrics.MEASURE[measure].label,
            "tables": [(t, bar_chart(t)) for t in tables],
            "versions": versions,
            "newest": versions.last(),
            "ada_rate": view.ada_rate,
            "mark": MARK,
            "not_shown": selectors.NOT_SHOWN,
            "query": query,
            "csv_url": reverse(
                "reporting:public-download",
                kwargs={"month": month, "version": version, "unit": unit, "fmt": "csv"},
            )
            + f"?{query}",
            "json_url": reverse(
                "reporting:public-download",
                kwargs={"month": month, "version": version, "unit": unit, "fmt": "json"},
            )
            + f"?{query}",
        },
    )


@rate_limited("PUBLIC_DOWNLOADS_PER_MINUTE")
def public_download(request, month, version, unit, fmt):
    """The page's tables as CSV or JSON: the same cells, hidden ones still hidden."""
    publication = _publication(month, version)
    chosen = selectors.unit_get(publication, unit)
    if chosen is None:
        raise Http404
    window, measure = _choices(request)
    _view, tables = _tables(publication, chosen, window, measure)
    first, last = selectors.window_span(publication.month_label, window)
    name = f"discipline-{publication.month_label}-v{publication.version}-{unit}-{window}"
    if fmt == "json":
        document = {
            "publication": {
                "month": publication.month_label,
                "version": publication.version,
                "published_at": publication.published_at.isoformat(),
                "note": publication.note,
            },
            "unit": {"key": chosen.key, "name": chosen.name, "level": chosen.level},
            "window": {"kind": window, "first_month": first, "last_month": last},
            "action": measure,
            "ada_daily_rate": publication.data.get("ada_daily_rate"),
            "legend": {
                "null": _(
                    "Not shown: a count from 1 to 10, or hidden so that a small count "
                    "cannot be worked out; a rate is not shown next to a hidden count or "
                    "when fewer than 11 students are enrolled."
                )
            },
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
        response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    response, writer = csv_response(name)
    writer.writerow(
        [
            _("Month"),
            _("Version"),
            _("Unit"),
            _("Window"),
            _("Table"),
            _("Row"),
            *[label for _c, label in _all_columns()],
        ]
    )
    for t in tables:
        for r in t.rows:
            writer.writerow(
                [
                    publication.month_label,
                    publication.version,
                    chosen.name,
                    f"{first}..{last}",
                    t.caption,
                    r.label,
                    *[
                        selectors.display(c, r.values.get(c)) if c in dict(t.columns) else ""
                        for c, _label in _all_columns()
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


def _all_columns():
    return selectors._columns(True)


# --- district staff --------------------------------------------------------------------


def _require_district(request):
    # 404 like every page out of a user's reach (issue 10, fault 8), not 403.
    if not request.user.is_district_staff:
        raise Http404


def _school_year(request) -> SchoolYear | None:
    years = SchoolYear.objects.all()
    chosen = request.GET.get("year")
    if chosen:
        return years.filter(name=chosen).first()
    return SchoolYear.containing(timezone.localdate()) or years.first()


def safety_findings_by_school(user, year: SchoolYear | None):
    """ALT overrides (48900.5 safety findings) counted by school, most first."""
    findings = SafetyFinding.objects.for_user(user).valid()
    if year is not None:
        findings = findings.filter(found_on__gte=year.first_day, found_on__lte=year.last_day)
    return list(
        findings.values("school__code", "school__name", "school__region__name")
        .annotate(findings=Count("pk"))
        .order_by("-findings", "school__name")
    )


#: "Approaching" the 20-day limit (48903): this many days or fewer left.
APPROACHING_WITHIN_DAYS = 5


def students_approaching_limit(user, year: SchoolYear | None):
    """Students whose suspension days this year come within a few days of their limit."""
    if year is None:
        return []
    lowest_limit = rules.setting("MAX_DAYS_PER_YEAR")
    totals = (
        Suspension.objects.for_user(user)
        .valid()
        .filter(school_year=year)
        .exclude(kind=SuspensionKind.TEACHER)
        .values("student")
        .annotate(days=Sum("school_days"))
        .filter(days__gte=lowest_limit - APPROACHING_WITHIN_DAYS)
    )
    students = Student.objects.in_bulk([row["student"] for row in totals])
    rows = []
    for row in totals:
        student = students[row["student"]]
        used = rules.year_suspension_days(student, year)
        limit = rules.year_day_limit(student, year)
        if limit - used > APPROACHING_WITHIN_DAYS:
            continue
        enrollment = student.enrollment_on(min(timezone.localdate(), year.last_day))
        rows.append(
            {
                "student": student,
                "school": enrollment.school.name if enrollment else "",
                "used": used,
                "limit": limit,
                "left": limit - used,
            }
        )
    return sorted(rows, key=lambda r: (r["left"], r["student"].last_name))


def _csv(name: str, header: list[str], rows: list[list]) -> HttpResponse:
    response, writer = csv_response(name)
    writer.writerow(header)
    writer.writerows(rows)
    return response


def _publishable_months(today: datetime.date, count: int = 24) -> list[str]:
    last = metrics.add_months(metrics.month_start(today), -1)
    return [metrics.month_label(metrics.add_months(last, -i)) for i in range(count)]


@login_required
def district_index(request):
    _require_district(request)
    year = _school_year(request)
    findings = safety_findings_by_school(request.user, year)
    approaching = students_approaching_limit(request.user, year)
    fmt = request.GET.get("format")
    if fmt == "findings.csv":
        return _csv(
            "safety-findings-by-school",
            [_("School code"), _("School"), _("Region"), _("Safety findings")],
            [
                [r["school__code"], r["school__name"], r["school__region__name"], r["findings"]]
                for r in findings
            ],
        )
    if fmt == "approaching.csv":
        return _csv(
            "students-approaching-the-day-limit",
            [_("Student ID"), _("Student"), _("School"), _("Days used"), _("Limit"), _("Left")],
            [
                [
                    r["student"].student_id,
                    r["student"].name,
                    r["school"],
                    r["used"],
                    r["limit"],
                    r["left"],
                ]
                for r in approaching
            ],
        )
    return render(
        request,
        "reporting/district_index.html",
        {
            "publications": Publication.objects.select_related("published_by")[:100],
            "months": _publishable_months(timezone.localdate()),
            "year": year,
            "years": SchoolYear.objects.all(),
            "findings": findings,
            "approaching": approaching,
            "approaching_within": APPROACHING_WITHIN_DAYS,
        },
    )


def _publish_in_background() -> bool:
    return getattr(settings, "REPORTING_PUBLISH_IN_BACKGROUND", True)


def _run_publication(pk: int) -> None:
    """A publication's run, in a thread of its own (its own database connection)."""
    try:
        services.publication_run(publication=Publication.objects.get(pk=pk))
    except Exception:  # recorded on the publication as "failed"
        logger.exception("publication %s failed", pk)
    finally:
        connections.close_all()


@login_required
@require_POST
def publication_create(request):
    """The publish button. Reserves the version, runs it in the background (the demo
    district takes tens of seconds) and lands on its page, which follows the run."""
    _require_district(request)
    try:
        month = metrics.parse_month(request.POST.get("month", ""))
        publication = services.publication_start(
            month=month, actor=request.user, note=request.POST.get("note", "")
        )
    except ValueError:
        messages.error(request, _("Choose a month."))
        return redirect("reporting:district-index")
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("reporting:district-index")
    if _publish_in_background():
        transaction.on_commit(
            lambda: threading.Thread(
                target=_run_publication, args=(publication.pk,), daemon=True
            ).start()
        )
    else:
        try:
            services.publication_run(publication=publication)
        except Exception:
            logger.exception("publication %s failed", publication.pk)
    return redirect("reporting:publication-detail", pk=publication.pk)


@login_required
def publication_detail(request, pk):
    _require_district(request)
    publication = get_object_or_404(Publication, pk=pk)
    return render(
        request,
        "reporting/publication_detail.html",
        {
            "publication": publication,
            "counts": publication.data.get("counts", {}),
            "running": publication.status == PublicationStatus.RUNNING,
            "elapsed": int((timezone.now() - publication.started_at).total_seconds()),
        },
    )


@login_required
def publication_status(request, pk):
    """What the publication page polls while a run is in progress."""
    _require_district(request)
    publication = get_object_or_404(Publication, pk=pk)
    return JsonResponse(
        {
            "status": publication.status,
            "elapsed": int((timezone.now() - publication.started_at).total_seconds()),
        }
    )
