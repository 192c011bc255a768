"""The district staff's publishing page and reports (the public pages are in
:mod:`reporting.views_public`)."""

from __future__ import annotations

import datetime
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from discipline.selectors import NEAR_LIMIT_WITHIN_DAYS, students_near_day_limit
from people.exports import csv_response
from people.models import SchoolYear
from people.submissions import SubmissionTokenMixin, submit_once
from reporting import metrics, services, tasks
from reporting.models import Publication, PublicationStatus
from reporting.reports import watchlists

logger = logging.getLogger(__name__)

# --- district staff --------------------------------------------------------------------


def _require_district(request):
    # Out of scope is a 404 here as everywhere: the page does not exist for them.
    if not request.user.has_perm("reporting.publish"):
        raise Http404


def _school_year(request) -> SchoolYear | None:
    years = SchoolYear.objects.all()
    chosen = request.GET.get("year")
    if chosen:
        return years.filter(name=chosen).first()
    return SchoolYear.containing(timezone.localdate()) or years.first()


def _csv(name: str, header: list[str], rows: list[list]) -> HttpResponse:
    return csv_response(name, header, rows)


def _publishable_months(today: datetime.date, count: int = 24) -> list[str]:
    last = metrics.add_months(metrics.month_start(today), -1)
    return [metrics.month_label(metrics.add_months(last, -i)) for i in range(count)]


@login_required
def district_index(request):
    _require_district(request)
    year = _school_year(request)
    findings = watchlists.safety_findings_by_school(request.user, year)
    approaching = students_near_day_limit(request.user, year)
    fmt = request.GET.get("format")
    if fmt == "findings.csv":
        return _csv(
            "safety-findings-by-school",
            [_("School code"), _("School"), _("Local District or region"), _("Safety findings")],
            [[r["school__code"], r["school__name"], r["unit"], r["findings"]] for r in findings],
        )
    if fmt == "approaching.csv":
        return _csv(
            "students-approaching-the-day-limit",
            [_("Student ID"), _("Student"), _("School"), _("Days used"), _("Limit"), _("Left")],
            [
                [
                    r.student.student_id,
                    r.student.name,
                    r.school,
                    r.used,
                    r.limit,
                    r.left,
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
            "approaching_within": NEAR_LIMIT_WITHIN_DAYS,
        },
    )


@login_required
@require_POST
def publication_create(request):
    """The publish button. Reserves the version, enqueues its run as a task (a worker
    runs it: the district takes minutes) and lands on its page, which follows the run."""
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
    try:
        tasks.publish_month.enqueue(publication.pk)
    except Exception:  # the immediate backend (tests) runs it here; the failure is recorded
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
