"""Referral to resolution in the browser (issue 5), and the rules page.

Every view but the rules page requires login and starts from
``Model.objects.for_user(user, action)`` with ``get_object_or_404``, so a
record outside the user's scope is a 404 and its existence is not disclosed
(SPEC section 2). A view binds a form, calls one service, and redirects with
a message; a refusal of the rules re-renders the bound form beside the field
it concerns (``forms.submit``), never a server error.
"""

import hashlib
import logging
import uuid
from urllib.parse import urlencode

from django import forms as django_forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from discipline import exports, forms, rules, selectors, services, trends
from discipline.filters import ReferralFilter, StudentFilter
from discipline.models import (
    OUTCOME_KINDS,
    ExpulsionRecommendation,
    Referral,
    StudentRecordView,
    Suspension,
    Transfer,
)
from discipline.queue_rows import (
    history_intervention_rows_html,
    history_referral_rows_html,
    queue_rows_html,
)
from interventions.models import Intervention
from people.ids import is_id
from people.models import Role, SchoolYear, Student
from people.scoping import CHANGE
from people.submissions import submit_once

logger = logging.getLogger(__name__)


def rule_list(request):
    """Every rule, its id, meaning and source, so staff know why a save was
    refused. Public: the rules are the Board's and the law's, not a secret."""
    shown = [
        {
            "rule": rule,
            "settings": {name: settings.DISCIPLINE[name] for name in rule.settings},
        }
        for rule in rules.RULES.values()
    ]
    return render(request, "discipline/rule_list.html", {"rules": shown})


def posted_as_initial(data, form_class):
    """What was posted, as a form's initial values: re-show it without
    judging it (the student search of the referral form without JavaScript)."""
    initial = {}
    for name, field in form_class.base_fields.items():
        if name not in data:
            continue
        multiple = isinstance(
            field, django_forms.MultipleChoiceField | django_forms.ModelMultipleChoiceField
        )
        initial[name] = data.getlist(name) if multiple else data.get(name)
    return initial


def _page(request, queryset, per_page=50):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


class CappedPaginator(Paginator):
    """Counts at most ``cap`` rows. Beyond them ``capped`` is true and the
    pages end there: counting the district's queue in full (a million
    referrals) cost 0.3-0.6 s of every page, and no one pages past the
    newest ``cap``; the filters narrow it instead."""

    def __init__(self, object_list, per_page, *, cap):
        super().__init__(object_list, per_page)
        self.cap = cap

    @cached_property
    def _counted(self):
        # COUNT over ``LIMIT cap + 1``: read from the order's index.
        return self.object_list[: self.cap + 1].count()

    @cached_property
    def count(self):
        return min(self._counted, self.cap)

    @property
    def capped(self):
        return self._counted > self.cap


QUEUE_COUNT_CAP = 5_000  # 100 pages of 50


# --- students ------------------------------------------------------------------------


@login_required
def student_search(request):
    """Students in scope matching what the user typed, for the combobox."""
    text = request.GET.get("q", "")[:100]
    results = [
        {
            "id": student.pk,
            "student_id": student.student_id,
            "name": student.name,
            "grade": student.current_grade,
            "grade_label": selectors.grade_label(student.current_grade),
            "school": student.current_school or "",
        }
        for student in selectors.student_search(request.user, text)
    ]
    return JsonResponse({"results": results})


@login_required
def student_find(request):
    """Find a student by name, ID, grade (and school, for district staff)."""
    if not request.user.has_perm("people.search_students"):
        raise Http404
    queryset = selectors.with_current_grade(Student.objects.for_user(request.user))
    filterset = StudentFilter(request.GET or None, queryset=queryset, request=request)
    searched = any(request.GET.get(name) for name in filterset.filters)
    students = filterset.qs if searched and filterset.is_valid() else queryset.none()
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "discipline/student_find.html",
        {
            "filter": filterset,
            "searched": searched,
            "page": _page(request, students, 25),
            "query": query.urlencode(),
        },
    )


@login_required
def student_history(request, pk):
    """One student's discipline history; every reading is logged (middleware).

    Teachers never see suspension detail (SPEC section 2), so the page is not
    theirs: for them, as for anyone out of scope, it does not exist."""
    student = get_object_or_404(Student.objects.for_user(request.user), pk=pk)
    # In scope (above); the permission asks whether the role reads histories.
    if not request.user.has_perm("people.view_student"):
        raise Http404
    # The reading is logged by discipline.middleware, as every record page's.
    history = selectors.student_history_get(
        user=request.user, student=student, today=timezone.localdate()
    )
    return render(
        request,
        "discipline/student_history.html",
        {
            "history": history,
            # Written in Python, as the queue's rows (discipline/queue_rows.py).
            "referral_rows": history_referral_rows_html(history.referrals),
            "intervention_rows": history_intervention_rows_html(history.interventions),
        },
    )


@login_required
def record_view_list(request):
    """Who read which student's history, and when: district staff only."""
    if not request.user.has_perm("discipline.view_record_log"):
        raise Http404
    views = StudentRecordView.objects.select_related("student", "viewer")
    student_id = request.GET.get("student", "").strip()[:12]
    if student_id:
        views = views.filter(student__student_id=student_id)
    return render(
        request,
        "discipline/record_view_list.html",
        {
            "page": _page(request, views, 100),
            "student_id": student_id,
            "query": urlencode({"student": student_id}) if student_id else "",
        },
    )


# --- referrals -------------------------------------------------------------------------


@login_required
def referral_create(request):
    """A teacher's (or any school staff's) office discipline referral, for
    one student or several in one incident; a double submit makes one."""
    user = request.user
    if not user.has_perm("discipline.refer_student") or not user.school_ids:
        raise Http404
    searching = request.method == "POST" and "find" in request.POST
    query = (request.POST.get("q") if request.method == "POST" else request.GET.get("q")) or ""
    if searching:
        form = forms.ReferralForm(
            user=user, initial=posted_as_initial(request.POST, forms.ReferralForm)
        )
    elif request.method == "POST":
        form = forms.ReferralForm(request.POST, user=user)
        if form.is_valid():
            fields = dict(form.cleaned_data)
            students = list(fields.pop("students"))
            school = forms.school_of(user, students, fields["incident_date"])
            referrals = forms.submit(
                form,
                services.referrals_create_for_incident,
                actor=user,
                students=students,
                school=school,
                **fields,
            )
            if referrals:
                messages.success(
                    request,
                    _("Referral submitted for %(names)s.")
                    % {"names": ", ".join(r.student.name for r in referrals)},
                )
                if len(referrals) == 1:
                    return redirect("discipline:referral-detail", pk=referrals[0].pk)
                return redirect("discipline:referral-list")
    else:
        initial = {}
        if is_id(request.GET.get("student")):
            initial["students"] = [request.GET["student"]]
        form = forms.ReferralForm(user=user, initial=initial)
    found = selectors.student_search(user, query[:100]) if query else []
    return render(
        request,
        "discipline/referral_form.html",
        {"form": form, "query": query[:100], "found": found, "searching": searching},
    )


@login_required
def referral_list(request):
    """The referral queue (administrators, support, district) or a teacher's
    own referrals with what became of them.

    A fixed number of queries whatever the page shows; what the user may do
    is asked once per page, not per row; the filter form (the same for every
    request with the same filters) is rendered once and kept two minutes.
    """
    user = request.user
    today = timezone.localdate()
    queryset = selectors.referral_queue(user)
    if request.GET.get("overdue"):
        # Filtering on it needs it in SQL; a page's rows get it below.
        queryset = selectors.with_wd_follow_up(queryset, today)
    outcomes_in_detail = user.has_perm("discipline.view_outcomes")
    if not outcomes_in_detail:
        queryset = selectors.with_outcomes(queryset)
    filterset = ReferralFilter(request.GET, queryset=queryset, request=request)
    referrals = filterset.qs if filterset.is_valid() else queryset.none()
    page = CappedPaginator(referrals, 50, cap=QUEUE_COUNT_CAP).get_page(request.GET.get("page"))
    if not outcomes_in_detail:
        rows = [(r, selectors.referral_outcome_labels(r)) for r in page]
    else:
        rows = [(r, None) for r in selectors.wd_follow_up_of(page, today)]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "discipline/referral_list.html",
        {
            "filter": filterset,
            "filter_form": _filter_form_html(request, filterset),
            "page": page,
            "rows": rows,
            # Written in Python: the template language cost more than the rest.
            "rows_html": queue_rows_html(
                rows,
                outcomes_in_detail=outcomes_in_detail,
                link_students=user.has_perm("people.view_student"),
                show_school=outcomes_in_detail and len(user.school_ids) != 1,
            ),
            "query": query.urlencode(),
            "outcomes_in_detail": outcomes_in_detail,
            "export_form": exports.task_export_form(
                page.paginator.count, more=page.paginator.capped
            ),
        },
    )


FILTER_FORM_SECONDS = 120


def _filter_form_html(request, filterset):
    """The queue's filter form as HTML, kept ``FILTER_FORM_SECONDS`` per user,
    language and filters: its choices (reason codes, the user's schools'
    staff) change rarely, and rendering its fields costs more than the rows."""
    filters = sorted((k, v) for k, v in request.GET.lists() if k != "page")
    key = (
        "queue-filter:"
        + hashlib.sha256(repr((request.user.pk, get_language(), filters)).encode()).hexdigest()
    )
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            "discipline/includes/referral_filter.html", {"filter": filterset}, request
        )
        cache.set(key, str(html), FILTER_FORM_SECONDS)
    return mark_safe(html)  # noqa: S308 (our own template's output)


def _referral_school_year(referral):
    return SchoolYear.containing(referral.incident_date) or selectors.current_school_year(
        timezone.localdate()
    )


# What an administrator records on a referral: the form and service of each
# kind of ``OUTCOME_KINDS`` (its slug, model and title live there).
OUTCOMES = {
    "suspension": (forms.SuspensionForm, services.suspension_record),
    "transfer": (forms.TransferForm, services.transfer_record),
    "expulsion-recommendation": (
        forms.ExpulsionRecommendationForm,
        services.expulsion_recommendation_record,
    ),
    "expulsion-finding": (forms.ExpulsionFindingForm, services.expulsion_finding_record),
    "expulsion": (
        forms.ExpulsionForm,
        lambda *, referral, **fields: services.expulsion_record(**fields),
    ),
    "law-enforcement": (
        forms.LawEnforcementContactForm,
        services.law_enforcement_contact_record,
    ),
    "safety-finding": (forms.SafetyFindingForm, services.safety_finding_record),
    "placement-decision": (forms.PlacementDecisionForm, services.placement_decision_record),
    "administrative-action": (
        forms.AdministrativeActionForm,
        services.administrative_action_record,
    ),
}
if set(OUTCOMES) != set(OUTCOME_KINDS):  # pragma: no cover - a programming error
    raise ImportError("every outcome kind needs a form and a service here")
OUTCOME_TITLES = {slug: kind.title for slug, kind in OUTCOME_KINDS.items()}
# The records on a referral's page, and where each is voided.
RECORDS = {
    "referral": Referral,
    "intervention": Intervention,
    **{slug: kind.model for slug, kind in OUTCOME_KINDS.items()},
}


def _outcome_records(user, referral):
    """Each outcome of the referral in the user's scope, voided ones included."""
    return {
        kind: list(
            model.objects.for_user(user).filter(referral=referral).select_related("decided_by")
        )
        for kind, model in ((slug, k.model) for slug, k in OUTCOME_KINDS.items())
    }


def _days_context(referral, year):
    if year is None:
        return {"days_used": 0, "day_limit": 0}
    facts = selectors.student_year_facts(referral.student, year)
    return {"days_used": facts.year_days(), "day_limit": facts.year_limit()}


def _alternatives_context(referral):
    year = _referral_school_year(referral)
    tier2 = tier3 = 0
    if year is not None:
        facts = selectors.student_year_facts(referral.student, year)
        tier2, tier3 = facts.alternatives_before(year.last_day)
    return {
        "alternatives": selectors.matrix_alternatives(referral),
        "school_year": year,
        "tier2_on_record": tier2,
        "tier3_on_record": tier3,
        "tier2_required": settings.DISCIPLINE["ALT_REQUIRED_TIER2"],
        "tier3_required": settings.DISCIPLINE["ALT_REQUIRED_TIER3"],
    }


def _referral_page(request, referral, *, close_form=None):
    user = request.user
    context = {"referral": referral, "reasons": list(referral.reasons.all())}
    context["incident_referrals"] = list(
        selectors.incident_referrals(user, referral).exclude(pk=referral.pk)
    )
    if not user.has_perm("discipline.view_outcomes", referral):
        shown = selectors.with_outcomes(Referral.objects.filter(pk=referral.pk)).get()
        context["outcome_labels"] = selectors.referral_outcome_labels(shown)
        return render(request, "discipline/referral_detail.html", context)
    today = timezone.localdate()
    year = _referral_school_year(referral)
    records = _outcome_records(user, referral)
    interventions = list(
        Intervention.objects.for_user(user)
        .filter(student=referral.student, school_year=year)
        .select_related("intervention_type", "provider")
    )
    wd = any(r.is_willful_defiance for r in context["reasons"])
    follow_up = (
        selectors.with_wd_follow_up(Referral.objects.filter(pk=referral.pk), today)
        .values("wd_followed_up", "wd_overdue")
        .get()
    )
    # Once an intervention is documented (or the referral is closed) nothing is due.
    wd_pending = wd and not follow_up["wd_followed_up"] and referral.status == "open"
    can_process = user.has_perm("discipline.process_referral", referral)
    context.update(
        _alternatives_context(referral),
        records=records,
        interventions=interventions,
        wd_due=selectors.wd_follow_up_due(referral) if wd_pending else None,
        wd_overdue=wd_pending and follow_up["wd_overdue"],
        has_outcomes=any(records.values()),
        can_process=can_process,
        can_record_interventions=user.has_perm("interventions.record_intervention", referral),
        outcome_kinds=OUTCOME_TITLES,
        close_form=close_form or forms.CloseForm(initial={"admin_notes": referral.admin_notes}),
        history=selectors.record_history(
            referral,
            *[record for group in records.values() for record in group],
            *[i for i in interventions if i.referral_id == referral.pk],
        ),
        **_days_context(referral, year),
    )
    return render(request, "discipline/referral_detail.html", context)


def _referral_to_process(request, pk):
    """A valid referral the user may change, for an administrator: anyone
    else, like anyone out of scope, gets 404."""
    referral = get_object_or_404(
        Referral.objects.for_user(request.user, CHANGE).valid().select_related("student"),
        pk=pk,
    )
    if not request.user.has_perm("discipline.process_referral", referral):
        raise Http404
    return referral


@login_required
def referral_detail(request, pk):
    referral = get_object_or_404(selectors.referral_list(request.user), pk=pk)
    return _referral_page(request, referral)


@login_required
def incident_process(request, pk):
    """An administrator records the same administrative action or intervention
    for several students of one incident. Each is its own write through its
    service, judged by the rules on its own: one refusal stops only that one."""
    referral = _referral_to_process(request, pk)
    if not request.user.has_perm("discipline.process_referral", referral):
        raise Http404
    referrals = (
        selectors.incident_referrals(request.user, referral, CHANGE).valid().filter(status="open")
    )
    form = forms.IncidentProcessForm(request.POST or None, referrals=referrals)
    results = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def record_each():
            made = []
            for each in data["referrals"]:
                try:
                    made.append(_record_for_incident(request.user, each, data, form))
                    results.append((each, True, []))
                except (ValidationError, PermissionDenied) as error:
                    results.append((each, False, getattr(error, "messages", [str(error)])))
            return made

        submit_once(user=request.user, token=data["submission_token"], create=record_each)
        if not results:  # the same form posted again: the first post recorded it
            messages.info(request, _("This was already recorded."))
            return redirect("discipline:referral-detail", pk=referral.pk)
        saved = sum(1 for _r, ok, _m in results if ok)
        if saved == len(results):
            names = ", ".join(r.student.name for r in data["referrals"])
            messages.success(request, _("Recorded for %(names)s.") % {"names": names})
            return redirect("discipline:referral-detail", pk=referral.pk)
        # Some were refused: what is shown again is a new form to post.
        form.data = form.data.copy()
        form.data["submission_token"] = uuid.uuid4().hex
    return render(
        request,
        "discipline/incident_process.html",
        {"referral": referral, "form": form, "results": results},
    )


def _record_for_incident(actor, each, data, form):
    if data["record"] == form.ACTION:
        return services.administrative_action_record(
            actor=actor,
            referral=each,
            action=data["action"],
            taken_on=data["on"],
            notes=data["notes"],
        )
    return services.intervention_record(
        actor=actor,
        student=each.student,
        school=each.school,
        referral=each,
        intervention_type=data["intervention_type"],
        tier=data["tier"],
        started_on=data["on"],
        notes=data["notes"],
    )


@login_required
def referral_close(request, pk):
    """Close a referral; CAT1 and CAT2 say whether it may close."""
    referral = _referral_to_process(request, pk)
    if request.method != "POST":
        return redirect(reverse("discipline:referral-detail", args=[pk]) + "#close")
    form = forms.CloseForm(request.POST)
    if form.is_valid():
        closed = forms.submit(
            form,
            services.referral_close,
            actor=request.user,
            referral=referral,
            admin_notes=form.cleaned_data["admin_notes"],
        )
        if closed:
            messages.success(request, _("The referral is closed."))
            return redirect("discipline:referral-detail", pk=referral.pk)
    return _referral_page(request, referral, close_form=form)


@login_required
def referral_reasons(request, pk):
    """An administrator corrects a referral's reasons."""
    referral = _referral_to_process(request, pk)
    form = forms.ReasonsForm(request.POST or None, referral=referral)
    if request.method == "POST" and form.is_valid():
        changed = forms.submit(
            form,
            services.referral_update_reasons,
            actor=request.user,
            referral=referral,
            reasons=form.cleaned_data["reasons"],
        )
        if changed:
            messages.success(request, _("The reasons are updated."))
            return redirect("discipline:referral-detail", pk=referral.pk)
    return render(request, "discipline/referral_reasons.html", {"referral": referral, "form": form})


@login_required
def outcome_create(request, pk, kind):
    """Record one outcome of a referral: administrators only."""
    if kind not in OUTCOMES:
        raise Http404
    referral = _referral_to_process(request, pk)
    form_class, service = OUTCOMES[kind]
    form = form_class(request.POST or None, referral=referral, user=request.user)
    if request.method == "POST" and form.is_valid():
        record = forms.submit(
            form, service, actor=request.user, referral=referral, **form.cleaned_data
        )
        if record is not None:
            messages.success(
                request,
                _("Recorded: %(record)s.") % {"record": record},
            )
            if isinstance(record, Suspension):
                return redirect("discipline:suspension-detail", pk=record.pk)
            return redirect("discipline:referral-detail", pk=referral.pk)
    context = {
        "referral": referral,
        "form": form,
        "kind": kind,
        "title": OUTCOME_TITLES[kind],
        "interventions": [],
        "alt_refused": forms.refused_by(form, "ALT"),
    }
    if kind == "suspension":
        year = _referral_school_year(referral)
        context.update(
            _alternatives_context(referral),
            interventions=Intervention.objects.for_user(request.user)
            .valid()
            .filter(student=referral.student, school_year=year)
            .select_related("intervention_type"),
        )
    return render(request, "discipline/outcome_form.html", context)


def record_url(record):
    if isinstance(record, Referral):
        return reverse("discipline:referral-detail", args=[record.pk])
    if isinstance(record, Intervention):
        return reverse("interventions:intervention-detail", args=[record.pk])
    if isinstance(record, Suspension):
        return reverse("discipline:suspension-detail", args=[record.pk])
    return reverse("discipline:referral-detail", args=[record.referral_id])


@login_required
def record_void(request, kind, pk):
    """Void a record with a reason: it stays in history, marked (SPEC 7)."""
    model = RECORDS.get(kind)
    if model is None:
        raise Http404
    record = get_object_or_404(model.objects.for_user(request.user, CHANGE), pk=pk)
    if not request.user.has_perm("discipline.void_record", record):
        raise Http404
    if record.is_voided:
        messages.info(request, _("This record is already voided."))
        return redirect(record_url(record))
    form = forms.VoidForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        voided = forms.submit(
            form,
            services.record_void,
            actor=request.user,
            record=record,
            reason=form.cleaned_data["void_reason"],
        )
        if voided:
            messages.success(request, _("The record is voided; it stays in its history."))
            return redirect(record_url(record))
    return render(
        request,
        "discipline/record_void.html",
        {"record": record, "form": form, "back": record_url(record)},
    )


# --- suspensions and the parent notice --------------------------------------------------


def _suspension(request, pk):
    return get_object_or_404(
        Suspension.objects.for_user(request.user).select_related(
            "referral", "student", "school__region", "decided_by", "parent_contacted_by"
        ),
        pk=pk,
    )


@login_required
def suspension_detail(request, pk):
    suspension = _suspension(request, pk)
    return render(
        request,
        "discipline/suspension_detail.html",
        {
            "suspension": suspension,
            "history": selectors.record_history(suspension),
            "can_void": request.user.has_perm("discipline.void_record", suspension),
        },
    )


# Each notice's title, in English and in Spanish (the notices are written in
# both, not through gettext: they follow the family's language, not the reader's).
NOTICE_TITLES = {
    "suspension": ("Notice of suspension", "Aviso de suspensión"),
    "transfer": ("Notice of involuntary transfer", "Aviso de traslado involuntario"),
    "expulsion-recommendation": (
        "Notice of recommendation for expulsion",
        "Aviso de recomendación de expulsión",
    ),
}


def _side_by_side(request, notice) -> bool:
    # English beside the family's language, for a family that reads both or
    # staff who do not read the family's language.
    return bool(request.GET.get("side_by_side")) and notice["language"] != "en"


def _notice_pdf(request, notice, *, kind, pk, fallback):
    """The notice as a PDF, in the family's language or beside the English."""
    english, spanish = NOTICE_TITLES[kind]
    title = spanish if notice["language"] == "es" else english
    languages = notice["language"]
    if notice["side_by_side"]:
        title, languages = f"{english} / {title}", f"en-{languages}"
        notice["rows"] = exports.side_by_side_rows(request, notice["body"], notice)
    return exports.pdf_response(
        request,
        "discipline/notice_pdf.html",
        {**notice, "title": title},
        f"{kind}-notice-{pk}-{languages}.pdf",
        fallback=fallback,
    )


@login_required
def suspension_notice(request, pk):
    """The written notice to the family, in the family's language, printable."""
    notice = selectors.suspension_notice_get(_suspension(request, pk))
    notice["side_by_side"] = _side_by_side(request, notice)
    return render(request, "discipline/notice.html", notice)


@login_required
def suspension_notice_pdf(request, pk):
    notice = selectors.suspension_notice_get(_suspension(request, pk))
    notice.update(
        side_by_side=_side_by_side(request, notice), body="discipline/includes/notice_body.html"
    )
    url = reverse("discipline:suspension-notice", args=[pk])
    if notice["side_by_side"]:
        url += "?side_by_side=1"
    return _notice_pdf(request, notice, kind="suspension", pk=pk, fallback=url)


# Notices the law requires for other outcomes, with the family's appeal rights.
OTHER_NOTICES = {
    "transfer": (
        Transfer,
        {"kind": "involuntary"},
        "discipline/includes/notice_transfer_body.html",
    ),
    "expulsion-recommendation": (
        ExpulsionRecommendation,
        {},
        "discipline/includes/notice_expulsion_body.html",
    ),
}


def _other_notice(request, kind, pk):
    """The context of the notice of an involuntary transfer (E.C. 48432.5) or of
    a recommendation for expulsion (E.C. 48918), for an administrator in scope."""
    if kind not in OTHER_NOTICES:
        raise Http404
    model, conditions, body = OTHER_NOTICES[kind]
    record = get_object_or_404(
        model.objects.for_user(request.user)
        .filter(**conditions)
        .select_related("referral__student", "referral__school__region", "decided_by"),
        pk=pk,
    )
    if not request.user.has_perm("discipline.record_outcome"):
        raise Http404
    notice = selectors.notice_context(record, record.referral.student.notice_language)
    notice.update(record=record, body=body, kind=kind)
    notice["side_by_side"] = _side_by_side(request, notice)
    return notice


@login_required
def outcome_notice(request, kind, pk):
    """The written notice of an involuntary transfer or of a recommendation for
    expulsion, in the family's language, with English beside it on request."""
    return render(request, "discipline/notice_other.html", _other_notice(request, kind, pk))


@login_required
def outcome_notice_pdf(request, kind, pk):
    notice = _other_notice(request, kind, pk)
    url = reverse("discipline:outcome-notice", args=[kind, pk])
    if notice["side_by_side"]:
        url += "?side_by_side=1"
    return _notice_pdf(request, notice, kind=kind, pk=pk, fallback=url)


@login_required
def home(request):
    """Each role lands on what that person does first (SPEC section 2); district
    staff on their reports home (reporting.reports: a URL, not an import, since
    reporting sits above this app)."""
    user = request.user
    if user.is_district_staff:
        return redirect("reporting:reports-home")
    template = {
        Role.TEACHER: "people/home_teacher.html",
        Role.SUPPORT: "people/home_support.html",
        Role.ADMINISTRATOR: "people/home_administrator.html",
    }.get(user.role, "people/home_district.html")
    today = timezone.localdate()
    context = {"schools": user.schools.all()}
    context.update(selectors.dashboard_get(user=user, today=today))
    if template == "people/home_administrator.html":
        year = context.get("school_year")
        context.update(
            per_day=trends.referrals_per_day_by_month(user, year),
            big_five=trends.big_five(user, year),
            open_by_age=trends.open_referrals_by_age(user, today),
        )
    elif template == "people/home_support.html":
        context.update(
            interventions_by_age=trends.open_interventions_by_age(user, today),
            due_for_follow_up=trends.interventions_due_for_follow_up(user, today)[:50],
            follow_up_every=trends.FOLLOW_UP_EVERY_DAYS,
        )
    return render(request, template, context)
