"""Downloads and print views (issue 16, item 5): the queue, interventions and
a student's history as CSV (``people.exports``, UTF-8 with a byte-order mark),
and a referral (laid out as the MiSiS form) and a student's history to print
or save as PDF.

Each starts from the same scoped selector as the page it exports, with the
same filters, so a download never holds more than the page would show.
"""

import io
import logging
from html.parser import HTMLParser
from itertools import zip_longest
from types import SimpleNamespace

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from discipline import selectors, services
from discipline.filters import ReferralFilter
from discipline.models import (
    AdministrativeActionType,
    CorrectionMeasure,
    Motivation,
    ReasonCode,
    ReferralStatus,
)
from interventions.filters import InterventionFilter
from interventions.models import Intervention, InterventionOutcome
from people.exports import RecordRows, csv_response
from people.models import Student
from people.submissions import SubmissionTokenMixin

logger = logging.getLogger(__name__)


def pdf_response(request, template: str, context: dict, filename: str, *, fallback: str):
    """Render ``template`` to PDF (xhtml2pdf); on failure, say so and send the
    user to the printable page instead."""
    from xhtml2pdf import pisa

    html = render_to_string(template, {**context, "pdf": True}, request=request)
    pdf = io.BytesIO()
    result = pisa.CreatePDF(html, dest=pdf, encoding="utf-8")
    if result.err:
        logger.error("PDF %s failed: %s", filename, result.err)
        messages.error(request, _("The PDF could not be made; print this page instead."))
        return redirect(fallback)
    response = HttpResponse(pdf.getvalue(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class _Blocks(HTMLParser):
    """The offsets of the top-level blocks inside a notice's ``<div class="notice">``."""

    VOID = {"br", "hr", "img", "input", "meta", "link"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.depth, self.spans, self.start = 0, [], None
        # getpos() gives (line, column), lines counted by "\n" alone.
        self.line_starts = [0] + [i + 1 for i, c in enumerate(html) if c == "\n"]

    def _offset(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        self.depth += 1
        if self.depth == 2:
            self.start = self._offset()

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if self.depth == 2 and self.start is not None:
            end = self._offset() + len(f"</{tag}>")
            self.spans.append((self.start, end))
            self.start = None
        self.depth -= 1


def notice_blocks(html: str) -> list[str]:
    """A rendered notice cut into its paragraphs, headings and lists, so a PDF
    can set the English and the family's language side by side block by block
    (one table row each: a row is never split across pages, a block is short)."""
    parser = _Blocks(html)
    parser.feed(html)
    parser.close()
    return [html[start:end] for start, end in parser.spans]


def side_by_side_rows(request, body: str, notice: dict) -> list[tuple[str, str]]:
    """The notice's blocks in English beside the same blocks in the family's
    language (the two texts of a notice are laid out alike)."""
    english = render_to_string(
        body,
        {
            **notice,
            "language": "en",
            "reasons": notice["reasons_en"],
            "signer_title": getattr(notice["signer"], "position", ""),
        },
        request=request,
    )
    family = render_to_string(body, notice, request=request)
    return list(zip_longest(notice_blocks(english), notice_blocks(family), fillvalue=""))


def _grade(grade):
    return selectors.grade_label(grade)


# --- the queue and the interventions, in the request or as a task --------------------------


def _as_request(user):
    # The filters read the user from a request (their scope, what they may filter
    # by); a task has the user only.
    return SimpleNamespace(user=user)


def referral_rows(user, data, today) -> RecordRows:
    """The queue as filtered on screen (``data``: the list page's query), every
    page of it: the rows of its CSV, downloaded at once or written by a task."""
    records = selectors.referral_queue(user)
    if data.get("overdue"):
        # Filtering on it needs it in SQL; each chunk's rows get it below.
        records = selectors.with_wd_follow_up(records, today)
    filterset = ReferralFilter(data, queryset=records, request=_as_request(user))
    valid = filterset.is_valid()
    records = filterset.qs if valid else records.none()
    teacher = not user.has_perm("discipline.view_outcomes")
    header = [
        _("Referral"),
        _("Incident date"),
        _("Date of referral"),
        _("Student"),
        _("Student ID"),
        _("Grade"),
        _("School"),
        _("Reasons"),
        _("Referred by"),
        _("Status"),
        _("Willful-defiance follow-up"),
    ]

    def rows_of(chunk):
        if not teacher:
            # One query per chunk, as the queue reads one per page.
            chunk = selectors.wd_follow_up_of(chunk, today)
        # Each label translated once per chunk, not once per row.
        statuses = {value: str(label) for value, label in ReferralStatus.choices}
        voided, overdue, due = _("Voided"), _("overdue"), _("due")
        return (
            [
                r.pk,
                r.incident_date.isoformat(),
                r.referred_on.isoformat(),
                r.student.name,
                r.student.student_id,
                _grade(r.grade),
                r.school,
                " ".join(reason.code for reason in r.reasons.all()),
                r.referred_by,
                voided if r.is_voided else statuses.get(r.status, r.status),
                ""
                if teacher
                else (overdue if r.wd_overdue else (due if r.wd and not r.wd_followed_up else "")),
            ]
            for r in chunk
        )

    return RecordRows(f"referrals-{today:%Y-%m-%d}", header, records, rows_of, valid)


def intervention_rows(user, data, today) -> RecordRows:
    """The intervention list as filtered on screen: the rows of its CSV."""
    records = Intervention.objects.for_user(user).select_related(
        "student", "intervention_type", "provider", "school"
    )
    filterset = InterventionFilter(data, queryset=records, request=_as_request(user))
    valid = filterset.is_valid()
    records = filterset.qs if valid else records.none()
    header = [
        _("Intervention"),
        _("Student"),
        _("Student ID"),
        _("School"),
        _("Tier"),
        _("Type"),
        _("Started"),
        _("Ended"),
        _("Provider"),
        _("Outcome"),
        _("Referral"),
    ]

    def rows_of(chunk):
        outcomes = {value: str(label) for value, label in InterventionOutcome.choices}
        voided = _("Voided")
        return (
            [
                i.pk,
                i.student.name,
                i.student.student_id,
                i.school,
                i.tier,
                i.intervention_type,
                i.started_on.isoformat(),
                i.ended_on.isoformat() if i.ended_on else "",
                i.provider,
                voided if i.is_voided else outcomes.get(i.outcome, i.outcome),
                i.referral_id or "",
            ]
            for i in chunk
        )

    return RecordRows(f"interventions-{today:%Y-%m-%d}", header, records, rows_of, valid)


def in_background(rows: int) -> bool:
    """Whether a list's CSV is too large to write in the request: it is then
    written by a task (``exports``), whose page follows it."""
    return rows > settings.EXPORT_ROWS_IN_REQUEST


def task_export_form(rows: int, *, more: bool = False):
    """What a list page's Export CSV button needs: None for a link to the download
    in the request, or a form (its submission token) that asks for a task.
    ``more``: the list has more rows than ``rows`` (the queue stops counting at
    5,000), too many to know without the full count: the export is a task."""
    return SubmissionTokenMixin() if more or in_background(rows) else None


def _csv_or_task(request, source: RecordRows, list_url: str):
    if source.valid:
        rows = source.count()
        if in_background(rows):
            # A link followed to a list too large to write here: its page offers
            # the export as a task (a POST), with the same filters.
            messages.info(
                request,
                _(
                    "%(rows)s rows are too many to download at once: press Export CSV "
                    "and the file is prepared in the background."
                )
                % {"rows": f"{rows:,}"},
            )
            query = request.GET.urlencode()
            return redirect(f"{list_url}?{query}" if query else list_url)
    return csv_response(source.name, source.header, source.rows())


@login_required
def referral_list_csv(request):
    """The queue as filtered on screen, every page of it."""
    source = referral_rows(request.user, request.GET, timezone.localdate())
    return _csv_or_task(request, source, reverse("discipline:referral-list"))


@login_required
def intervention_list_csv(request):
    source = intervention_rows(request.user, request.GET, timezone.localdate())
    return _csv_or_task(request, source, reverse("interventions:intervention-list"))


# --- one student's history ---------------------------------------------------------------


def _student(request, pk):
    student = get_object_or_404(Student.objects.for_user(request.user), pk=pk)
    if not request.user.has_perm("people.view_student", student):
        raise Http404
    services.student_record_view_log(viewer=request.user, student=student)
    return student


def history_rows(history) -> list[list]:
    """Every record of the history, oldest first: date, kind, what, status."""
    rows = []
    for r in history.referrals:
        rows.append(
            [
                r.incident_date,
                _("Referral"),
                f"{r.pk}: " + " ".join(reason.code for reason in r.reasons.all()),
                r.school,
                _("Voided") if r.is_voided else r.get_status_display(),
            ]
        )
    for i in history.interventions:
        rows.append(
            [
                i.started_on,
                _("Intervention"),
                f"{i.get_tier_display()}: {i.intervention_type}",
                i.school,
                _("Voided") if i.is_voided else i.get_outcome_display(),
            ]
        )
    for s in history.outcomes["suspensions"]:
        rows.append(
            [
                s.start_date,
                s.get_kind_display(),
                _("%(days)s school day(s), through %(end)s")
                % {"days": s.school_days, "end": s.end_date.isoformat()},
                s.school,
                _("Voided") if s.is_voided else "",
            ]
        )
    for name, group in history.outcomes.items():
        if name == "suspensions":
            continue
        for record in group:
            rows.append(
                [
                    record.referral.incident_date,
                    str(record),
                    _("Referral %(number)s") % {"number": record.referral_id},
                    record.referral.school,
                    _("Voided") if record.is_voided else "",
                ]
            )
    rows.sort(key=lambda row: row[0])
    return [[row[0].isoformat(), *row[1:]] for row in rows]


@login_required
def student_history_csv(request, pk):
    student = _student(request, pk)
    history = selectors.student_history_get(
        user=request.user, student=student, today=timezone.localdate()
    )
    header = [_("Date"), _("Record"), _("Details"), _("School"), _("Status")]
    return csv_response(f"history-{student.student_id}", header, history_rows(history))


def _history_context(request, pk):
    student = _student(request, pk)
    history = selectors.student_history_get(
        user=request.user, student=student, today=timezone.localdate()
    )
    return {"history": history, "rows": history_rows(history), "printed_at": timezone.now()}


@login_required
def student_history_print(request, pk):
    return render(request, "discipline/print/student_history.html", _history_context(request, pk))


@login_required
def student_history_pdf(request, pk):
    context = _history_context(request, pk)
    return pdf_response(
        request,
        "discipline/print/student_history.html",
        context,
        f"history-{context['history'].student.student_id}.pdf",
        fallback=reverse("discipline:student-history-print", args=[pk]),
    )


# --- one referral, as the MiSiS form lays it out ------------------------------------------


def _checklist(items, chosen) -> list[dict]:
    chosen = {item.pk for item in chosen}
    return [{"label": str(item), "checked": item.pk in chosen} for item in items]


def _referral_form_context(request, pk):
    referral = get_object_or_404(
        selectors.referral_list(request.user).select_related("motivation", "closed_by"), pk=pk
    )
    teacher = not request.user.has_perm("discipline.view_outcomes", referral)
    chosen_reasons = set(referral.reasons.values_list("pk", flat=True))
    codes = [
        {"reason": reason, "checked": reason.pk in chosen_reasons}
        for reason in ReasonCode.objects.filter(active=True).order_by("position")
    ]
    half = (len(codes) + 1) // 2
    actions = []
    if not teacher:
        actions = [
            a.action
            for a in referral.administrativeactions.filter(voided_at__isnull=True).select_related(
                "action"
            )
        ]
    return {
        "referral": referral,
        "teacher": teacher,
        "codes_left": codes[:half],
        "codes_right": codes[half:],
        "motivations": _checklist(
            Motivation.objects.filter(active=True),
            [referral.motivation] if referral.motivation else [],
        ),
        "corrections": _checklist(
            CorrectionMeasure.objects.filter(active=True), referral.prior_corrections.all()
        ),
        "actions": _checklist(AdministrativeActionType.objects.filter(active=True), actions),
        "printed_at": timezone.now(),
    }


@login_required
def referral_print(request, pk):
    return render(request, "discipline/print/referral.html", _referral_form_context(request, pk))


@login_required
def referral_pdf(request, pk):
    context = _referral_form_context(request, pk)
    return pdf_response(
        request,
        "discipline/print/referral.html",
        context,
        f"referral-{pk}.pdf",
        fallback=reverse("discipline:referral-print", args=[pk]),
    )
