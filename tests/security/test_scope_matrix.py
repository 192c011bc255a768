"""The scope matrix (issue 10, item 5a): every URL pattern the resolver
knows, the admin's included, requested by every role of a school, by the
same roles at another school, by district staff, by the data steward and
anonymously; each answer is the one this table says.

How to read an entry: ``PAGES[url name] = (what the URL names, answers)``,
where the answers are in ``ROLES`` order: ``L`` is a redirect to the login
page, ``R`` another redirect, a number an HTTP status. Out of scope is 404
(the record's existence is not disclosed); a page that is only POSTed is
requested with POST (``POST:`` before the answers).

Adding a URL: add one line to ``PAGES`` (or, for a model newly in the admin,
one line to ``ADMIN_MODELS``). A URL name without a line fails
``test_every_url_pattern_has_an_entry``.
"""

import pytest
from django.contrib import admin
from django.urls import URLResolver, get_resolver, reverse

from tests.reporting.conftest import module_data
from tests.security.world import build_world

world = module_data(build_world)

ROLES = (
    "anonymous",
    "teacher",
    "admin",
    "support",
    "district",
    "steward",
    "other_teacher",
    "other_admin",
    "other_support",
)

MONTH = {"month": "2026-10", "version": 1}
PAGES = {
    # name: (URL kwargs, or the record whose pk the URL takes; answers)
    "home": ({}, "L 200 200 200 R R 200 200 200"),  # district staff: on to the reports home
    "login": ({}, "200 200 200 200 200 200 200 200 200"),
    "logout": ({}, "POST: R R R R R R R R R"),
    "two-factor-setup": ({}, "L 404 200 404 200 200 404 200 404"),
    "two-factor-verify": ({}, "L R R R R R R R R"),
    "set_language": ({}, "POST: R R R R R R R R R"),
    # discipline
    "discipline:rule-list": ({}, "200 200 200 200 200 200 200 200 200"),
    "discipline:referral-list": ({}, "L 200 200 200 200 200 200 200 200"),
    "discipline:referral-create": ({}, "L 200 200 200 404 404 200 200 200"),
    "discipline:referral-list-csv": ({}, "L 200 200 200 200 200 200 200 200"),
    "discipline:referral-detail": ("referral", "L 200 200 200 200 200 404 404 404"),
    "discipline:referral-print": ("referral", "L 200 200 200 200 200 404 404 404"),
    "discipline:referral-pdf": ("referral", "L 200 200 200 200 200 404 404 404"),
    "discipline:referral-close": ("referral", "L 404 R 404 404 404 404 404 404"),
    "discipline:referral-reasons": ("referral", "L 404 200 404 404 404 404 404 404"),
    "discipline:outcome-create": (
        {"kind": "suspension", "record": "referral"},
        "L 404 200 404 404 404 404 404 404",
    ),
    "discipline:record-void": (
        {"kind": "suspension", "record": "suspension"},
        "L 404 200 404 404 404 404 404 404",
    ),
    "discipline:suspension-detail": ("suspension", "L 404 200 200 200 200 404 404 404"),
    "discipline:suspension-notice": ("suspension", "L 404 200 200 200 200 404 404 404"),
    "discipline:suspension-notice-pdf": ("suspension", "L 404 200 200 200 200 404 404 404"),
    "discipline:student-search": ({}, "L 200 200 200 200 200 200 200 200"),
    "discipline:student-find": ({}, "L 404 200 200 200 200 404 200 200"),
    "discipline:record-view-list": ({}, "L 404 404 404 200 200 404 404 404"),
    "discipline:student-history": ("student", "L 404 200 200 200 200 404 404 404"),
    "discipline:student-history-csv": ("student", "L 404 200 200 200 200 404 404 404"),
    "discipline:student-history-print": ("student", "L 404 200 200 200 200 404 404 404"),
    "discipline:student-history-pdf": ("student", "L 404 200 200 200 200 404 404 404"),
    "discipline:intervention-list-csv": ({}, "L 200 200 200 200 200 200 200 200"),
    "discipline:incident-process": ("referral", "L 404 200 404 404 404 404 404 404"),
    "discipline:outcome-notice": (
        {"kind": "transfer", "record": "transfer"},
        "L 404 200 404 404 200 404 404 404",
    ),
    "discipline:outcome-notice-pdf": (
        {"kind": "transfer", "record": "transfer"},
        "L 404 200 404 404 200 404 404 404",
    ),
    # interventions
    "interventions:intervention-list": ({}, "L 200 200 200 200 200 200 200 200"),
    "interventions:open-list": ({}, "L 200 200 200 200 200 200 200 200"),
    "interventions:intervention-create": ({}, "L 200 200 200 404 404 200 200 200"),
    "interventions:intervention-detail": ("intervention", "L 404 200 200 200 200 404 404 404"),
    "interventions:follow-up-add": ("intervention", "POST: L 404 200 200 404 404 404 404 404"),
    # reporting: public pages need no login
    "reporting:public-index": ({}, "200 200 200 200 200 200 200 200 200"),
    "reporting:public-find": ({}, "200 200 200 200 200 200 200 200 200"),
    "reporting:public-glossary": ({}, "200 200 200 200 200 200 200 200 200"),
    "reporting:public-open-data": ({}, "200 200 200 200 200 200 200 200 200"),
    "reporting:public-publications-json": ({}, "200 200 200 200 200 200 200 200 200"),
    "reporting:public-schema": ({"name": "unit"}, "200 200 200 200 200 200 200 200 200"),
    "reporting:public-month": ({"month": "2026-10"}, "R R R R R R R R R"),
    "reporting:public-pick": (MONTH, "R R R R R R R R R"),
    "reporting:public-version-units": (MONTH, "200 200 200 200 200 200 200 200 200"),
    "reporting:public-unit": (
        {**MONTH, "unit": "district"},
        "200 200 200 200 200 200 200 200 200",
    ),
    "reporting:public-download": (
        {**MONTH, "unit": "district", "fmt": "csv"},
        "200 200 200 200 200 200 200 200 200",
    ),
    # reporting: district staff
    "reporting:district-index": ({}, "L 404 404 404 200 200 404 404 404"),
    "reporting:publication-create": ({}, "POST: L 404 404 404 R R 404 404 404"),
    "reporting:publication-detail": ("publication", "L 404 404 404 200 200 404 404 404"),
    "reporting:publication-status": ("publication", "L 404 404 404 200 200 404 404 404"),
    # reporting: the district reports (issue 14); an administrator reads their
    # schools and is sent from the reports' home to referral analytics
    "reporting:reports-home": ({}, "L 404 R 404 200 200 404 R 404"),
    "reporting:report-glance": ({}, "L 404 200 404 200 200 404 200 404"),
    "reporting:report-referrals": ({}, "L 404 200 404 200 200 404 200 404"),
    "reporting:report-disproportionality": ({}, "L 404 200 404 200 200 404 200 404"),
    "reporting:report-rj": ({}, "L 404 200 404 200 200 404 200 404"),
    "reporting:report-watchlists": ({}, "L 404 200 404 200 200 404 200 404"),
    "reporting:report-deployments": ({}, "L 404 200 404 200 200 404 200 404"),
    "reporting:report-staffing": ({}, "L 404 200 404 200 200 404 200 404"),
    # district data: district staff only
    "reporting:deployment-create": ({}, "L 404 404 404 200 200 404 404 404"),
    "reporting:staffing-create": ({}, "L 404 404 404 200 200 404 404 404"),
    "reporting:roi-entry": ({}, "L 404 404 404 200 200 404 404 404"),
    # imports: district staff only
    "imports:import-index": ({}, "L 404 404 404 200 200 404 404 404"),
    "imports:import-detail": ("import_run", "L 404 404 404 200 200 404 404 404"),
    "imports:import-status": ("import_run", "L 404 404 404 200 200 404 404 404"),
    "imports:import-run": ("import_run", "POST: L 404 404 404 R R 404 404 404"),
    # exports: each user's own (district staff's here: the steward gets 404 too)
    "exports:export-index": ({}, "L 200 200 200 200 200 200 200 200"),
    "exports:export-create": ({}, "POST: L R R R R R R R R"),
    "exports:export-detail": ("export", "L 404 404 404 200 404 404 404 404"),
    "exports:export-status": ("export", "L 404 404 404 200 404 404 404 404"),
    "exports:export-download": ("export", "L 404 404 404 200 404 404 404 404"),
    # notifications: each user's own
    "notifications:notification-list": ({}, "L 200 200 200 200 200 200 200 200"),
    "notifications:notification-mark-read": ({}, "POST: L R R R R R R R R"),
    "notifications:preference-edit": ({}, "L 200 200 200 200 200 200 200 200"),
    # the admin's own pages: staff only (everyone else is sent to log in)
    "admin:index": ({}, "L L L L 200 200 L L L"),
    "admin:login": ({}, "200 200 200 200 R R 200 200 200"),
    "admin:logout": ({}, "POST: R R R R R R R R R"),
    "admin:password_change": ({}, "L L L L 200 200 L L L"),
    "admin:password_change_done": ({}, "L L L L 200 200 L L L"),
    "admin:autocomplete": ({}, "L L L L 403 403 L L L"),
    "admin:jsi18n": ({}, "L L L L 200 200 L L L"),
    "admin:app_list": ({"app_label": "discipline"}, "L L L L 200 200 L L L"),
    "admin:view_on_site": ({"content_type_id": 1, "object_id": 1}, "L L L L 404 404 L L L"),
    "admin:auth_user_password_change": ("user:teacher", "L L L L 403 200 L L L"),
    # OTP_ADMIN_HIDE_SENSITIVE_DATA: a device's secret is never shown.
    "admin:otp_totp_totpdevice_config": ({"pk": 1}, "L L L L 403 403 L L L"),
    "admin:otp_totp_totpdevice_qrcode": ({"pk": 1}, "L L L L 403 403 L L L"),
}

# The admin: what district staff and the data steward get on each model's
# pages; everyone else is sent to log in. Kinds by what the model is.
CATALOG = {
    "changelist": "200 200",
    "add": "200 200",
    "change": "200 200",
    "history": "200 200",
    "delete": "403 403",
}
RECORD = {
    "changelist": "200 200",
    "add": "403 200",
    "change": "200 200",
    "history": "200 200",
    "delete": "403 403",
    "simple_history": "200 200",
}
SCOPED = {k: v for k, v in RECORD.items() if k != "simple_history"}
LOG = {
    "changelist": "200 200",
    "add": "403 403",
    "change": "200 200",
    "history": "200 200",
    "delete": "403 403",
}
STEWARD = {
    "changelist": "403 200",
    "add": "403 200",
    "change": "403 200",
    "history": "403 200",
    "delete": "403 200",
}
STEWARD_READS = {**STEWARD, "add": "403 403"}
ADMIN_MODELS = {
    # the task queue's results (publishing, imports): the steward reads them
    "django_tasks_database.dbtaskresult": {**STEWARD_READS, "delete": "403 403"},
    "auth.group": STEWARD,
    "axes.accessattempt": STEWARD_READS,
    "axes.accesslog": STEWARD_READS,
    "axes.accessfailurelog": STEWARD_READS,
    "otp_totp.totpdevice": STEWARD,
    "people.region": CATALOG,
    "people.reportingunit": CATALOG,
    "people.boarddistrict": CATALOG,
    "people.school": CATALOG,
    "people.schoolyear": CATALOG,
    "people.student": SCOPED,
    "people.enrollment": SCOPED,
    "people.user": STEWARD,
    "discipline.location": CATALOG,
    "discipline.motivation": CATALOG,
    "discipline.correctionmeasure": CATALOG,
    "discipline.administrativeactiontype": CATALOG,
    "discipline.reasoncode": CATALOG,
    "discipline.referral": RECORD,
    "discipline.suspension": RECORD,
    "discipline.transfer": RECORD,
    "discipline.expulsionrecommendation": RECORD,
    "discipline.expulsionfinding": RECORD,
    "discipline.expulsion": RECORD,
    "discipline.lawenforcementcontact": RECORD,
    "discipline.safetyfinding": RECORD,
    "discipline.placementdecision": RECORD,
    "discipline.administrativeaction": RECORD,
    "discipline.studentrecordview": LOG,
    "interventions.interventiontype": CATALOG,
    "interventions.matrixentry": CATALOG,
    "interventions.intervention": RECORD,
    "district.roiscore": CATALOG,
    "district.policedeployment": CATALOG,
    "district.safetystaffingline": CATALOG,
    "district.rjtraining": CATALOG,
    "notifications.familynoticedelivery": {**STEWARD, "add": "403 403"},
}
ADMIN_ACTIONS = ("changelist", "add", "change", "history", "delete", "simple_history")


def url_names():
    """Every named URL pattern, with its namespace."""

    def walk(resolver, namespace=""):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or ""
                yield from walk(pattern, f"{namespace}{inner}:" if inner else namespace)
            elif pattern.name:
                yield f"{namespace}{pattern.name}"

    return sorted(set(walk(get_resolver())))


def admin_page(name):
    """(model label, action) of a per-model admin URL name, else None."""
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(prefix) and name[len(prefix) :] in ADMIN_ACTIONS:
            return model._meta.label_lower, name[len(prefix) :]
    return None


def test_every_url_pattern_has_an_entry():
    missing = [
        name
        for name in url_names()
        if name not in PAGES
        and not (
            admin_page(name) and admin_page(name)[1] in ADMIN_MODELS.get(admin_page(name)[0], {})
        )
    ]
    assert missing == [], "add an entry to PAGES or ADMIN_MODELS for each"
    registered = {m._meta.label_lower for m in admin.site._registry}
    assert registered == set(ADMIN_MODELS), "one ADMIN_MODELS line per model in the admin"


def expected(code, response, *, admin_site=False):
    if code == "L":
        login = reverse("admin:login") if admin_site else reverse("login")
        return response.status_code == 302 and response.url.startswith(login)
    if code == "R":
        return response.status_code == 302
    return response.status_code == int(code)


def request_all(client, world, url, answers, *, post=False, admin_site=False):
    wrong = []
    for role, code in zip(ROLES, answers, strict=True):
        client.logout()
        if role != "anonymous":
            client.force_login(world["users"][role])
        response = client.post(url) if post else client.get(url)
        if not expected(code, response, admin_site=admin_site):
            wrong.append(f"{role}: expected {code}, got {response.status_code}")
    return wrong


def _url(name, spec, world):
    if isinstance(spec, str):
        if spec.startswith("user:"):
            return reverse(name, args=[world["users"][spec[5:]].pk])
        return reverse(name, kwargs={"pk": world[spec].pk})
    kwargs = dict(spec)
    if "record" in kwargs:
        kwargs["pk"] = world[kwargs.pop("record")].pk
    return reverse(name, kwargs=kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_page_answers_each_role_as_the_matrix_says(client, world, name):
    spec, answers = PAGES[name]
    post = answers.startswith("POST:")
    answers = answers.removeprefix("POST:").split()
    url = _url(name, spec, world)
    wrong = request_all(
        client, world, url, answers, post=post, admin_site=name.startswith("admin:")
    )
    assert wrong == [], f"{url}: {wrong}"


def _admin_url(model, action):
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}"
    if action in ("changelist", "add"):
        return reverse(info)
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"give {model._meta.label} a record in tests/security/world.py"
    if action == "simple_history":
        if not hasattr(obj, "history"):
            return reverse(info, args=[obj.pk, 1])
        return reverse(info, args=[obj.pk, obj.history.order_by("history_id").first().history_id])
    return reverse(info, args=[obj.pk])


@pytest.mark.django_db
def test_every_admin_model_has_a_record_in_the_world(world):
    """So each model's change, history and delete pages are asked here and
    fuzzed (``test_fuzz``), not only its list and add page."""
    from django.apps import apps

    empty = [label for label in ADMIN_MODELS if not apps.get_model(label)._default_manager.exists()]
    assert empty == []


@pytest.mark.django_db
@pytest.mark.parametrize("label", sorted(ADMIN_MODELS))
def test_each_admin_page_answers_each_role_as_the_matrix_says(client, world, label):
    from django.apps import apps

    model = apps.get_model(label)
    wrong = []
    for action, staff in ADMIN_MODELS[label].items():
        url = _admin_url(model, action)
        district, steward = staff.split()
        answers = ["L", "L", "L", "L", district, steward, "L", "L", "L"]
        wrong += [
            f"{action} {w}" for w in request_all(client, world, url, answers, admin_site=True)
        ]
    assert wrong == []
