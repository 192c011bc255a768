"""The district staff's publishing page and reports (the public pages are in
:mod:`reporting.views_public`)."""

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
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from discipline import rules
from discipline.models import SafetyFinding, Suspension, SuspensionKind
from people.exports import csv_response
from people.models import SchoolYear, Student
from people.submissions import SubmissionTokenMixin, submit_once
from reporting import metrics, services
from reporting.models import Publication, PublicationStatus

logger = logging.getLogger(__name__)

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
    return csv_response(name, header, rows)


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
            "publish_form": SubmissionTokenMixin(),
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
    token_form = SubmissionTokenMixin(request.POST)
    token = token_form.cleaned_data["submission_token"] if token_form.is_valid() else ""
    started = []

    def start():
        started.append(
            services.publication_start(
                month=month, actor=request.user, note=request.POST.get("note", "")
            )
        )
        return started[-1]

    try:
        month = metrics.parse_month(request.POST.get("month", ""))
        # A double click publishes once: the second post lands on the first's page.
        publication = submit_once(user=request.user, token=token, create=start)
    except ValueError:
        messages.error(request, _("Choose a month."))
        return redirect("reporting:district-index")
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("reporting:district-index")
    if not started:
        return redirect("reporting:publication-detail", pk=publication.pk)
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
