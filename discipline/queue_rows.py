"""The referral queue's table rows, written in Python.

The queue is the page administrators keep open all day. Its fifty rows cost
more to render with the template language than everything else on the page
(a URL reversed twice a row, a localized date, a variable lookup per cell:
docs/benchmarks.md, "Queue and history at full size"); written here with
every value escaped, they cost a fifth. The markup is the
one ``templates/discipline/referral_list.html`` showed; that template places
the rows.
"""

from django.urls import reverse
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from discipline.models import Referral

# A pk that no URL pattern refuses, standing in for each row's own.
_PK = 987654321


def _url_of(name):
    """``pk -> URL`` for a URL with one ``<id:pk>``: reversed once a page."""
    before, after = reverse(name, args=[_PK]).split(str(_PK))
    return lambda pk: f"{before}{pk}{after}"


def _grade(grade):
    if grade == -1:
        return "TK"
    if grade == 0:
        return "K"
    return "—" if grade is None else grade


def queue_rows_html(rows, *, outcomes_in_detail, link_students, show_school):
    """The ``<tr>`` of each ``(referral, outcome labels or None)``; every value
    written goes through ``escape`` (``e`` below)."""
    e = conditional_escape
    detail_url = _url_of("discipline:referral-detail")
    student_url = _url_of("discipline:student-history")
    date_format = get_format("SHORT_DATE_FORMAT")
    statuses = {value: e(label) for value, label in Referral._meta.get_field("status").flatchoices}
    voided_badge = f'<span class="badge badge-voided">{e(_("Voided"))}</span>'
    overdue = f'<span class="overdue">{e(_("Willful-defiance follow-up overdue"))}</span>'
    due = e(_("Willful-defiance follow-up due"))
    badges = {}  # a reason code's badge, written once a page

    def badge(reason):
        if reason.pk not in badges:
            badges[reason.pk] = (
                f'<span class="badge text-bg-light border" title="{e(reason.display_title)}">'
                f"{e(reason.code)}</span> "
            )
        return badges[reason.pk]

    out = []
    for referral, outcomes in rows:
        student = referral.student
        voided = referral.voided_at is not None
        school = f"<br><small>{e(referral.school.name)}</small>" if show_school else ""
        name = e(student.name)
        if link_students:
            name = f'<a href="{e(student_url(student.pk))}">{name}</a>'
        if not outcomes_in_detail:
            follow = e(", ".join(str(o) for o in outcomes) or "—")
        elif referral.wd_overdue:
            follow = overdue
        elif referral.wd and not referral.wd_followed_up:
            follow = due
        else:
            follow = "—"
        row_class = ' class="voided"' if voided else ""
        status = voided_badge if voided else statuses.get(referral.status, e(referral.status))
        reasons = "".join(badge(reason) for reason in referral.reasons.all())
        referred_by = f"      <td>{e(referral.referred_by)}</td>\n" if outcomes_in_detail else ""
        day = e(dateformat.format(referral.incident_date, date_format))
        out.append(
            f"<tr{row_class}>\n"
            f'      <th scope="row"><a href="{e(detail_url(referral.pk))}">{day}</a>{school}</th>\n'
            f'      <td>{name} <small class="text-body-secondary">{e(student.student_id)}</small>'
            "</td>\n"
            f"      <td>{e(_grade(referral.grade))}</td>\n"
            f"      <td>{reasons}</td>\n"
            f"{referred_by}"
            f"      <td>{status}</td>\n"
            f"      <td>{follow}</td>\n    </tr>\n"
        )
    return mark_safe("".join(out))  # noqa: S308 (every value above went through escape)


# --- a student's history: its referrals and interventions ----------------------

_VOIDED_CLASS = ' class="voided"'


def history_referral_rows_html(referrals):
    """The ``<tr>`` of each referral of a student's history (reasons prefetched)."""
    e = conditional_escape
    detail_url = _url_of("discipline:referral-detail")
    date_format = get_format("SHORT_DATE_FORMAT")
    statuses = {value: e(label) for value, label in Referral._meta.get_field("status").flatchoices}
    voided_badge = f'<span class="badge badge-voided">{e(_("Voided"))}</span>'
    out = []
    for r in referrals:
        voided = r.is_voided
        reasons = "".join(
            f'<span class="reason-code" title="{e(reason.display_title)}">{e(reason.code)}</span> '
            for reason in r.reasons.all()
        )
        status = voided_badge if voided else statuses.get(r.status, e(r.status))
        day = e(dateformat.format(r.incident_date, date_format))
        out.append(
            f"\n  <tr{_VOIDED_CLASS if voided else ''}>"
            f'<th scope="row" class="fw-normal"><a href="{e(detail_url(r.pk))}">{day}</a></th>'
            f"<td>{e(r.school)}</td><td>{reasons}</td><td>{e(r.referred_by)}</td>"
            f"<td>{status}</td></tr>\n  "
        )
    return mark_safe("".join(out))  # noqa: S308 (every value above went through escape)


def history_intervention_rows_html(interventions):
    """The ``<tr>`` of each intervention of a student's history."""
    e = conditional_escape
    detail_url = _url_of("interventions:intervention-detail")
    date_format = get_format("SHORT_DATE_FORMAT")
    voided_badge = f'<span class="badge badge-voided">{e(_("Voided"))}</span>'
    out = []
    for i in interventions:
        voided = i.is_voided
        started = e(dateformat.format(i.started_on, date_format))
        ended = e(dateformat.format(i.ended_on, date_format)) if i.ended_on else "—"
        outcome = voided_badge if voided else e(i.get_outcome_display())
        out.append(
            f"\n  <tr{_VOIDED_CLASS if voided else ''}>"
            f'<th scope="row" class="fw-normal"><a href="{e(detail_url(i.pk))}">{started}</a></th>'
            f"<td>{e(i.get_tier_display())}</td><td>{e(i.intervention_type)}</td>"
            f"<td>{e(i.provider)}</td><td>{ended}</td><td>{outcome}</td></tr>\n  "
        )
    return mark_safe("".join(out))  # noqa: S308 (every value above went through escape)
