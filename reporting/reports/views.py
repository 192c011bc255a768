"""The district reports' pages: thin views over the selectors of this package.

Every page shows its tables, each with its chart, one-line summary and CSV
download (``?csv=<table>``, the same rows). A user who may not read reports
gets 404; a school administrator reads their own schools only."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from district import services
from district.models import RjTraining
from people.exports import csv_response
from people.submissions import submit_once, was_submitted
from reporting.reports import (
    big5,
    disproportionality,
    glance,
    home,
    rj,
    safety,
    watchlists,
)
from reporting.reports import cache as report_cache
from reporting.reports.access import can_edit_district_data, can_view_reports
from reporting.reports.common import as_of_for, previous_year, school_filter, school_year_get
from reporting.reports.forms import (
    Big5Form,
    DeploymentForm,
    DisproportionalityForm,
    RjFindingForm,
    RjTrainingForm,
    RoiForm,
    RoiUploadForm,
    StaffingLineForm,
    UnitYearForm,
    YearForm,
)

#: Every report, what it answers, for the home page and the README.
REPORTS = [
    (
        "reporting:report-glance",
        gettext_lazy("Local District at a glance"),
        gettext_lazy(
            "Enrollment, out-of-school suspensions and days lost by gender and ethnicity, "
            "five years of suspensions, expulsions and suspensions by infraction, ROI results."
        ),
    ),
    (
        "reporting:report-referrals",
        gettext_lazy("Referral analytics (Big 5)"),
        gettext_lazy(
            "Referrals per school day by month, by reason, location, time, day of week and student."
        ),
    ),
    (
        "reporting:report-disproportionality",
        gettext_lazy("Disproportionality"),
        gettext_lazy(
            "Risk, risk ratio and its 95% confidence interval per subgroup (34 CFR 300.647)."
        ),
    ),
    (
        "reporting:report-rj",
        gettext_lazy("Restorative-justice training list"),
        gettext_lazy("Schools that must be trained, why, and whether within 60 days."),
    ),
    (
        "reporting:report-watchlists",
        gettext_lazy("Watch lists"),
        gettext_lazy(
            "Students near the day limit, overdue follow-ups, safety findings, MDR, police."
        ),
    ),
    (
        "reporting:report-deployments",
        gettext_lazy("School police deployments"),
        gettext_lazy("Short-term on-campus deployments by Board District and by Region."),
    ),
    (
        "reporting:report-staffing",
        gettext_lazy("Safety staffing"),
        gettext_lazy("The safety budget by position: FTEs and budget, with totals."),
    ),
]


def report_view(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_view_reports(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def editor_view(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_edit_district_data(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def _year(form):
    name = form.cleaned_data.get("year") if form.is_valid() else None
    return school_year_get(name or None)


def _no_year(request, form):
    """Before any school year is set up there is nothing to count yet."""
    return _report(
        request,
        slug="empty",
        title=_("District reports"),
        intro=_("No school year is set up yet: add one in the calendar catalog."),
        tables=[],
        form=form,
        template="reporting/reports/home.html" if request.user.is_district_staff else None,
    )


def _shared(request, report, params, compute):
    """``compute()`` shared between district staff for a few minutes
    (``reporting.reports.cache``); ``?fresh=1`` computes it again."""
    return report_cache.report_get(
        user=request.user,
        report=report,
        params=params,
        compute=compute,
        fresh=request.GET.get("fresh") == "1",
    )


def _pk(instance):
    return instance.pk if instance is not None else None


def _report(
    request,
    *,
    slug,
    title,
    tables,
    form=None,
    intro="",
    extra=None,
    template=None,
    computed=None,
):
    wanted = request.GET.get("csv")
    if wanted:
        table = next((t for t in tables if t.slug == wanted), None)
        if table is None:
            raise Http404
        return csv_response(f"{slug}-{table.slug}", table.columns, table.csv_rows())
    query = request.GET.copy()
    query.pop("csv", None)
    query.pop("fresh", None)
    fresh = query.copy()
    fresh["fresh"] = "1"
    context = {
        "title": title,
        "intro": intro,
        "form": form,
        "tables": tables,
        "query": query.urlencode(),
        "slug": slug,
        "can_edit": can_edit_district_data(request.user),
        "reports": REPORTS,
        # When a shared report was computed, and the link that computes it again.
        "computed": computed if computed is not None and computed.shared else None,
        "fresh_query": fresh.urlencode(),
        "cache_minutes": max(1, report_cache.max_age() // 60),
        **(extra or {}),
    }
    return render(request, template or "reporting/reports/report.html", context)


# --- the district staff home ------------------------------------------------------------


@report_view
def district_home(request):
    if not request.user.is_district_staff:
        return redirect("reporting:report-referrals")
    form = UnitYearForm(request.GET or None, user=request.user)
    year = _year(form)
    if year is None:
        return _no_year(request, form)
    unit = form.cleaned_data.get("unit") if form.is_valid() else None
    today = timezone.localdate()
    computed = _shared(
        request,
        "home",
        {"year": year.pk, "unit": _pk(unit), "today": today},
        lambda: [
            *home.monthly_tables(user=request.user, unit=unit, year=year),
            home.region_table(user=request.user, year=year, today=today),
        ],
    )
    tables = computed.value
    return _report(
        request,
        slug="home",
        title=_("How are we doing"),
        tables=tables,
        form=form,
        template="reporting/reports/home.html",
        extra={"reports": REPORTS, "year": year, "unit": unit, "base_url": reverse("home")},
        computed=computed,
    )


# --- reports ---------------------------------------------------------------------------------


@report_view
def glance_report(request):
    form = UnitYearForm(request.GET or None, user=request.user)
    year = _year(form)
    if year is None:
        return _no_year(request, form)
    unit = form.cleaned_data.get("unit") if form.is_valid() else None
    as_of = form.cleaned_data.get("as_of") if form.is_valid() else None
    computed = _shared(
        request,
        "glance",
        # The "as of" day resolved (today for a year in progress), so the day
        # after reads a new entry.
        {"year": year.pk, "unit": _pk(unit), "as_of": as_of_for(year, as_of)},
        lambda: glance.glance_get(user=request.user, unit=unit, year=year, as_of=as_of),
    )
    result = computed.value
    return _report(
        request,
        slug="at-a-glance",
        title=_("%(unit)s at a glance, %(year)s") % {"unit": result.unit_name, "year": year.name},
        intro=_("Counted to %(day)s. Each school year is read by the units of that year.")
        % {"day": result.as_of.isoformat()},
        tables=result.tables,
        form=form,
        computed=computed,
    )


@report_view
def referrals_report(request):
    form = Big5Form(request.GET or None, user=request.user)
    year = _year(form)
    if year is None:
        return _no_year(request, form)
    data = form.cleaned_data if form.is_valid() else {}
    first = data.get("first") or year.first_day
    last = data.get("last") or as_of_for(year, None)
    filters = big5.Big5Filters(
        first=first,
        last=last,
        unit=data.get("unit"),
        school=data.get("school"),
        grade=data.get("grade"),
        subgroup=data.get("subgroup") or "",
    )
    computed = _shared(
        request,
        "referrals",
        {
            "year": year.pk,
            "first": first,
            "last": last,
            "unit": _pk(filters.unit),
            "school": _pk(filters.school),
            "grade": filters.grade,
            "subgroup": filters.subgroup,
        },
        lambda: big5.big5_get(user=request.user, filters=filters, year=year),
    )
    tables = computed.value
    scope = (
        ", ".join(s.name for s in request.user.schools.all())
        if not request.user.is_district_staff
        else ""
    )
    return _report(
        request,
        slug="referrals",
        title=_("Referral analytics"),
        intro=_("Referrals from %(first)s to %(last)s.") % {"first": first, "last": last}
        + (f" {scope}" if scope else ""),
        tables=tables,
        form=form,
        computed=computed,
    )


@report_view
def disproportionality_report(request):
    form = DisproportionalityForm(request.GET or None, user=request.user)
    year = _year(form)
    if year is None:
        return _no_year(request, form)
    data = form.cleaned_data if form.is_valid() else {}
    outcome = data.get("outcome") or "oss"
    school = data.get("school")
    unit = data.get("unit")
    if school is not None:
        ids = [school.pk]
        unit_name = school.name
    else:
        ids = school_filter(request.user, unit, year)
        unit_name = unit.name if unit else _("District")
    last = as_of_for(year, None)
    computed = _shared(
        request,
        "disproportionality",
        {
            "year": year.pk,
            "outcome": outcome,
            "school": _pk(school),
            "unit": _pk(unit) if school is None else None,
            "last": last,
        },
        lambda: disproportionality.disproportionality_tables(
            outcome=outcome, ids=ids, first=year.first_day, last=last
        ),
    )
    tables = computed.value
    return _report(
        request,
        slug="disproportionality",
        title=_("Disproportionality: %(outcome)s, %(unit)s, %(year)s")
        % {
            "outcome": disproportionality.OUTCOMES[outcome][0],
            "unit": unit_name,
            "year": year.name,
        },
        tables=tables,
        form=form,
        template="reporting/reports/disproportionality.html",
        extra={
            "cell_size": disproportionality.cell_size(),
            "n_size": disproportionality.n_size(),
        },
        computed=computed,
    )


@report_view
def rj_report(request):
    form = YearForm(request.GET or None, user=request.user)
    chosen = form.cleaned_data.get("year") if form.is_valid() else None
    # Computed each October for the prior school year.
    year = school_year_get(chosen) if chosen else None
    if year is None:
        current = school_year_get(None)
        year = (previous_year(current) if current else None) or current
    if year is None:
        return _no_year(request, form)
    ids = school_filter(request.user, None, year)
    # The counting is shared; the findings and training dates are read each time.
    computed = _shared(
        request, "restorative-justice", {"year": year.pk}, lambda: rj.rj_reasons(ids=ids, year=year)
    )
    listed = rj.rj_list(ids=ids, year=year, reasons=computed.value)
    can_edit = can_edit_district_data(request.user)
    finding_form = training_form = None
    if can_edit:
        finding_form = RjFindingForm(prefix="finding", initial={"found_on": timezone.localdate()})
        training_form = RjTrainingForm(prefix="training", user=request.user, year=year)
        if request.method == "POST":
            if "finding-found_on" in request.POST:
                finding_form = RjFindingForm(request.POST, prefix="finding")
                if finding_form.is_valid():
                    found_on = finding_form.cleaned_data["found_on"]
                    submit_once(
                        user=request.user,
                        token=finding_form.cleaned_data["submission_token"],
                        create=lambda: [
                            services.rj_finding_record(
                                actor=request.user,
                                school=item.school,
                                school_year=year,
                                found_on=found_on,
                            )
                            for item in listed
                        ],
                    )
                    report_cache.invalidate()
                    messages.success(request, _("The finding is recorded for the listed schools."))
                    return redirect(f"{request.path}?year={year.name}")
            else:
                training_form = RjTrainingForm(
                    request.POST, prefix="training", user=request.user, year=year
                )
                if training_form.is_valid():
                    data = training_form.cleaned_data
                    try:
                        submit_once(
                            user=request.user,
                            token=data["submission_token"],
                            create=lambda: services.rj_training_record(
                                actor=request.user,
                                finding=data["finding"],
                                trained_on=data["trained_on"],
                            ),
                        )
                    except ValidationError as error:
                        training_form.add_error(None, error)
                    else:
                        report_cache.invalidate()
                        messages.success(request, _("The training date is recorded."))
                        return redirect(f"{request.path}?year={year.name}")
    elif request.method == "POST":
        raise Http404
    return _report(
        request,
        slug="restorative-justice",
        title=_("Restorative-justice training list, from %(year)s data") % {"year": year.name},
        intro=_(
            "The restorative-justice training list (School Climate Bill of Rights, 2013; "
            "SPEC section 6), computed each October for the prior school year: schools "
            "where more than 15% of any subgroup or more than 10% of all students were "
            "suspended, or more than 10% of any subgroup or of all students were arrested "
            "or cited. The Board gives the district 60 days from the finding to train the "
            "school."
        ),
        tables=[rj.rj_table(listed, year)],
        form=form,
        template="reporting/reports/rj.html",
        extra={
            "finding_form": finding_form,
            "training_form": training_form,
            "has_findings": RjTraining.objects.filter(school_year=year).exists(),
            "listed": listed,
        },
        computed=computed,
    )


@report_view
def watchlists_report(request):
    form = YearForm(request.GET or None, user=request.user)
    year = _year(form)
    if year is None:
        return _no_year(request, form)
    today = timezone.localdate()
    computed = _shared(
        request,
        "watch-lists",
        {"year": year.pk, "today": today},
        lambda: watchlists.watchlists_get(user=request.user, year=year, today=today),
    )
    tables = computed.value
    return _report(
        request,
        slug="watch-lists",
        title=_("Watch lists, %(year)s") % {"year": year.name},
        tables=tables,
        form=form,
        computed=computed,
    )


@report_view
def deployments_report(request):
    form = YearForm(request.GET or None, user=request.user)
    year = _year(form)
    if year is None:
        return _no_year(request, form)
    result = safety.deployments_get(user=request.user, year=year)
    return _report(
        request,
        slug="deployments",
        title=_("School police on-campus deployments, %(year)s") % {"year": year.name},
        intro=result.headline,
        tables=result.tables,
        form=form,
        extra={"add_url": reverse("reporting:deployment-create")},
    )


@report_view
def staffing_report(request):
    form = YearForm(request.GET or None, user=request.user)
    year = _year(form)
    if year is None:
        return _no_year(request, form)
    return _report(
        request,
        slug="staffing",
        title=_("Safety staffing, %(year)s") % {"year": year.name},
        tables=[safety.staffing_get(year=year)],
        form=form,
        extra={"add_url": reverse("reporting:staffing-create")},
    )


# --- district data entry -----------------------------------------------------------------


def _data_form(request, *, form, title, save, back):
    """A form that makes one record through ``save(data)``, once per
    submission token: a second post of the form lands where the first did,
    even where the form itself would now refuse it (the line exists)."""
    if request.method == "POST":
        if was_submitted(user=request.user, token=request.POST.get("submission_token", "")):
            messages.info(request, _("This was already saved."))
            return redirect(back)
        if form.is_valid():
            data = dict(form.cleaned_data)
            token = data.pop("submission_token")
            try:
                submit_once(user=request.user, token=token, create=lambda: save(data))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                report_cache.invalidate()
                messages.success(request, _("Saved."))
                return redirect(back)
    return render(
        request, "reporting/reports/data_form.html", {"form": form, "title": title, "back": back}
    )


@editor_view
def deployment_create(request):
    form = DeploymentForm(request.POST or None, user=request.user)

    def save(data):
        return services.deployment_record(actor=request.user, **data)

    return _data_form(
        request,
        form=form,
        title=_("Record a school police deployment"),
        save=save,
        back=reverse("reporting:report-deployments"),
    )


@editor_view
def staffing_create(request):
    form = StaffingLineForm(request.POST or None)

    def save(data):
        return services.staffing_line_record(actor=request.user, **data)

    return _data_form(
        request,
        form=form,
        title=_("Add a line to the safety staffing table"),
        save=save,
        back=reverse("reporting:report-staffing"),
    )


@editor_view
def roi_entry(request):
    posted_scores = request.method == "POST" and "school" in request.POST
    form = RoiForm(request.POST if posted_scores else None)
    upload = (
        RoiUploadForm(request.POST, request.FILES)
        if request.method == "POST" and not posted_scores
        else RoiUploadForm()
    )
    back = reverse("reporting:report-glance")
    if request.method == "POST":
        if posted_scores and form.is_valid():
            data = dict(form.cleaned_data)
            school, year = data.pop("school"), data.pop("school_year")
            token = data.pop("submission_token")
            try:
                submit_once(
                    user=request.user,
                    token=token,
                    create=lambda: services.roi_record(
                        actor=request.user, school=school, school_year=year, scores=data
                    ),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                report_cache.invalidate()
                messages.success(request, _("The ROI scores are saved."))
                return redirect(reverse("reporting:roi-entry"))
        elif not posted_scores and upload.is_valid():
            try:
                saved = submit_once(
                    user=request.user,
                    token=upload.cleaned_data["submission_token"],
                    create=lambda: services.roi_import_csv(
                        actor=request.user, text=upload.cleaned_data["file"]
                    ),
                )
            except ValidationError as error:
                upload.add_error("file", error)
            else:
                report_cache.invalidate()
                messages.success(request, _("%(n)s ROI rows saved.") % {"n": len(saved)})
                return redirect(reverse("reporting:roi-entry"))
    return render(
        request,
        "reporting/reports/roi_form.html",
        {
            "form": form,
            "upload": upload,
            "back": back,
            "title": _("Rubric of Implementation scores"),
        },
    )
