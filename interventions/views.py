"""Record and follow interventions (Tier I-III) for students in scope.

Like every page, each view starts from ``Model.objects.for_user`` and
``get_object_or_404``: out of scope is a 404 (SPEC section 2).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from discipline import selectors
from discipline.exports import task_export_form
from discipline.forms import school_of, submit
from discipline.models import Referral
from discipline.views import posted_as_initial
from interventions import services
from interventions.filters import InterventionFilter
from interventions.forms import FollowUpForm, InterventionForm, InterventionUpdateForm
from interventions.models import Intervention, InterventionType
from people.ids import is_id
from people.scoping import CHANGE


def _staff_of_a_school(user):
    if not user.has_perm("interventions.record_intervention") or not user.school_ids:
        raise Http404


@login_required
def intervention_list(request):
    queryset = Intervention.objects.for_user(request.user).select_related(
        "student", "intervention_type", "provider", "school"
    )
    filterset = InterventionFilter(request.GET, queryset=queryset, request=request)
    interventions = filterset.qs if filterset.is_valid() else queryset.none()
    page = Paginator(interventions, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "interventions/intervention_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "export_form": task_export_form(page.paginator.count),
        },
    )


@login_required
def open_list(request):
    """Students with open interventions, each with them."""
    students = selectors.with_current_grade(
        selectors.students_with_open_interventions(request.user)
    )
    page = Paginator(students, 50).get_page(request.GET.get("page"))
    return render(request, "interventions/open_list.html", {"page": page})


def _initial_from_query(request):
    """A link from a referral or the Discipline Matrix fills in the form."""
    initial = {}
    for name in ("student", "referral", "tier"):
        if is_id(request.GET.get(name)):
            initial[name] = request.GET[name]
    kind = request.GET.get("type", "")
    if is_id(kind):
        chosen = InterventionType.objects.filter(pk=kind, active=True).first()
        if chosen:
            initial["intervention_type"] = chosen.pk
            initial.setdefault("tier", chosen.default_tier)
    if "referral" in initial and "student" not in initial:
        referral = Referral.objects.for_user(request.user).filter(pk=initial["referral"]).first()
        if referral:
            initial["student"] = referral.student_id
    return initial


@login_required
def intervention_create(request):
    user = request.user
    _staff_of_a_school(user)
    searching = request.method == "POST" and "find" in request.POST
    query = (request.POST.get("q") if request.method == "POST" else request.GET.get("q")) or ""
    if searching:
        form = InterventionForm(
            user=user, initial=posted_as_initial(request.POST, InterventionForm)
        )
    elif request.method == "POST":
        form = InterventionForm(request.POST, user=user)
        if form.is_valid():
            fields = dict(form.cleaned_data)
            referral = fields["referral"]
            school = (
                referral.school
                if referral
                else school_of(user, [fields["student"]], fields["started_on"])
            )
            intervention = submit(
                form, services.intervention_record, actor=user, school=school, **fields
            )
            if intervention:
                messages.success(request, _("Recorded: %(record)s.") % {"record": intervention})
                if referral:
                    return redirect("discipline:referral-detail", pk=referral.pk)
                return redirect("interventions:intervention-detail", pk=intervention.pk)
    else:
        form = InterventionForm(user=user, initial=_initial_from_query(request))
    referral_value = form["referral"].value()
    referral = None
    if is_id(referral_value):
        referral = Referral.objects.for_user(user).filter(pk=referral_value).first()
    found = selectors.student_search(user, query[:100]) if query else []
    student = form.chosen_student()
    return render(
        request,
        "interventions/intervention_form.html",
        {
            "form": form,
            "student": student,
            "chosen_students": [student] if student else [],
            "referral": referral,
            "query": query[:100],
            "found": found,
            "searching": searching,
        },
    )


@login_required
def intervention_detail(request, pk):
    """An intervention, its history, and (in scope to change) its follow-up."""
    user = request.user
    intervention = get_object_or_404(
        Intervention.objects.for_user(user).select_related(
            "student", "school", "intervention_type", "provider", "recorded_by", "referral"
        ),
        pk=pk,
    )
    can_change = (
        not intervention.is_voided
        and Intervention.objects.for_user(user, CHANGE).filter(pk=pk).exists()
    )
    form = None
    if can_change:
        form = InterventionUpdateForm(request.POST or None, user=user, intervention=intervention)
        if request.method == "POST" and form.is_valid():
            updated = submit(
                form,
                services.intervention_update,
                actor=user,
                intervention=intervention,
                **form.cleaned_data,
            )
            if updated:
                messages.success(request, _("The intervention is updated."))
                return redirect("interventions:intervention-detail", pk=pk)
    elif request.method == "POST":
        raise Http404
    return _detail_page(request, intervention, form=form, can_change=can_change)


def _detail_page(request, intervention, *, form=None, follow_up_form=None, can_change=False):
    return render(
        request,
        "interventions/intervention_detail.html",
        {
            "intervention": intervention,
            "form": form,
            "follow_up_form": (follow_up_form or FollowUpForm()) if can_change else None,
            "follow_ups": intervention.follow_ups.select_related("written_by"),
            "history": selectors.record_history(intervention),
        },
    )


@login_required
@require_POST
def follow_up_add(request, pk):
    """Add a dated entry to the follow-up log."""
    user = request.user
    intervention = get_object_or_404(
        Intervention.objects.for_user(user, CHANGE).select_related(
            "student", "school", "intervention_type", "provider", "recorded_by", "referral"
        ),
        pk=pk,
    )
    form = FollowUpForm(request.POST)
    if form.is_valid():
        added = submit(
            form,
            services.intervention_follow_up_add,
            actor=user,
            intervention=intervention,
            **form.cleaned_data,
        )
        if added:
            messages.success(request, _("The follow-up entry is added."))
            return redirect(reverse("interventions:intervention-detail", args=[pk]) + "#log")
    return _detail_page(
        request,
        intervention,
        form=InterventionUpdateForm(user=user, intervention=intervention),
        follow_up_form=form,
        can_change=True,
    )
