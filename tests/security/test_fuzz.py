"""Hostile input on every form, filter and upload (issue 10, item 5b).

Hypothesis posts thousands of hostile values — very long strings, NUL bytes,
unicode, wrong types, huge and negative numbers, impossible dates, unknown
ids and codes, injection strings, no CSRF token, the same submission twice —
to every form that writes (as the user in scope for it), the admin's add,
change and list pages of every model, every list filter and search, the
public pages' parameters, every upload (ROI scores, the SIS import) and the
CSV import command. It fails on any server error, and, after the run, on any
stored record that breaks a rule (``check_invariants``).

Every URL that accepts a POST is fuzzed here or named in ``NOT_FUZZED`` with
the reason: ``test_every_url_that_accepts_a_post_is_fuzzed_or_exempt`` posts
to every URL pattern the resolver knows (the scope matrix's table says who
may open it) and fails on one that answers a POST without either.

How long: ``FUZZ_EXAMPLES`` examples per target, half as many per admin page
(settings profile below; default 20, two to five minutes per database on a
two-core machine). Raise it locally to search harder:
``FUZZ_EXAMPLES=500 pytest tests/security/test_fuzz.py``.
"""

import io
import os
import re
import tempfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from discipline.audit import invariant_violations
from district.services import ROI_CSV_COLUMNS
from imports.formats import KINDS
from notifications.models import Kind
from tests.reporting.conftest import module_data
from tests.security import test_scope_matrix as matrix
from tests.security.world import build_world

world = module_data(build_world)

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# The admin's ~90 pages are Django's forms over our models' validation: half
# the examples each keeps the whole run within a few minutes.
ADMIN_FUZZ = settings(FUZZ, max_examples=max(5, EXAMPLES // 2))

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "99999999999999999999",
    "9223372036854775808",
    "-9223372036854775809",
    "-1",
    "0",
    "1e309",
    "NaN",
    "Infinity",
    "0x1A",
    "٣",  # an Arabic-Indic digit
    "0001-01-01",
    "9999-12-31",
    "2026-02-30",
    "2026-13-01",
    "-2026-10-05",
    "2026-10-05T25:61",
    "1970-01-01T00:00:00Z",
    "' OR 1=1 --",
    '"; DROP TABLE discipline_referral; --',
    "<script>alert(1)</script>",
    "{{ 7*7 }}{% debug %}",
    "${jndi:ldap://x/a}",
    "../../../../etc/passwd",
    '=HYPERLINK("http://x")',
    "\u202eevil",
    "👩‍👩‍👧‍👦" * 50,
    "A" * 100_000,
    "true",
    "on",
    "[]",
    "{}",
]
VALUE = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=300),
    st.integers().map(str),
    st.dates().map(str),
    st.datetimes().map(lambda d: d.isoformat()),
)
VALUES = st.one_of(VALUE, st.lists(VALUE, min_size=2, max_size=4))


def form_data(fields):
    """Hostile values for some of ``fields``, maybe plus an unknown field."""
    return st.dictionaries(
        st.sampled_from([*fields, "unknown", "csrfmiddlewaretoken"]),
        VALUES,
        max_size=len(fields) + 2,
    )


# What writes, as (URL name, URL kwargs or the record it names, who posts, its fields).
OUTCOME_KINDS = {
    "suspension": ["kind", "start_date", "school_days", "extends", "parent_contacted_at",
                   "parent_contact_method", "parent_contacted_by", "parent_contact_result",
                   "notice_language"],
    "transfer": ["kind", "effective_date", "receiving_school", "days_lost"],
    "expulsion-recommendation": ["recommended_on", "notes"],
    "expulsion-finding": ["found_on", "finding"],
    "expulsion": ["recommendation", "ordered_on", "starts_on", "ends_on", "days_lost"],
    "law-enforcement": ["kind", "occurred_on", "school_based", "agency", "days_lost", "notes"],
    "safety-finding": ["found_on", "justification"],
    "placement-decision": ["decided_on", "change_of_placement", "reasoning", "review_held_on",
                           "behavior_was_manifestation"],
    "administrative-action": ["action", "taken_on", "notes"],
}  # fmt: skip
REFERRAL_FIELDS = [
    *("students", "incident_date", "incident_time", "referred_on", "location", "reasons"),
    *("motivation", "description", "prior_corrections", "q", "find"),
]
INTERVENTION_FIELDS = [
    *("student", "referral", "intervention_type", "tier", "started_on", "ended_on"),
    *("provider", "outcome", "notes", "q", "find"),
]
TOKEN = ["submission_token"]
DEPLOYMENT_FIELDS = [
    *("school", "starts_on", "ends_on", "reason", "region_staff", "mental_health"),
    *("community_resources", "notes"),
]
ROI_FIELDS = ["school", "school_year", *ROI_CSV_COLUMNS[2:]]
RJ_FIELDS = [
    *("finding-found_on", "finding-submission_token", "training-finding"),
    *("training-trained_on", "training-submission_token"),
]
INCIDENT_FIELDS = [
    *("referrals", "record", "action", "intervention_type", "tier", "on", "notes"),
]
PREFERENCE_FIELDS = [
    f"{kind}__{channel}" for kind in Kind.values for channel in ("in_app", "email")
]
WRITES = [
    ("discipline:referral-create", {}, "teacher", REFERRAL_FIELDS + TOKEN),
    ("discipline:referral-close", "referral", "admin", ["admin_notes"]),
    ("discipline:referral-reasons", "referral", "admin", ["reasons"]),
    *[
        ("discipline:outcome-create", {"record": "referral", "kind": kind}, "admin",
         fields + TOKEN)
        for kind, fields in OUTCOME_KINDS.items()
    ],
    ("discipline:incident-process", "referral", "admin", INCIDENT_FIELDS + TOKEN),
    ("discipline:record-void", {"kind": "intervention", "record": "intervention"}, "admin",
     ["void_reason"]),
    ("interventions:intervention-create", {}, "support", INTERVENTION_FIELDS + TOKEN),
    ("interventions:intervention-detail", "intervention", "support",
     ["ended_on", "outcome", "notes", "provider"]),
    ("interventions:follow-up-add", "intervention", "support",
     ["written_on", "entry", *TOKEN]),
    ("reporting:publication-create", {}, "district", ["month", "note", *TOKEN]),
    ("exports:export-create", {}, "district", ["kind", "query", *TOKEN]),
    # district data (district staff): the ROI page's CSV upload is in UPLOADS
    ("reporting:deployment-create", {}, "district", DEPLOYMENT_FIELDS + TOKEN),
    ("reporting:staffing-create", {}, "district",
     ["school_year", "position", "location", "ftes", "budget", *TOKEN]),
    ("reporting:roi-entry", {}, "district", ROI_FIELDS + TOKEN),
    ("reporting:report-rj", {}, "district", RJ_FIELDS),
    ("notifications:preference-edit", {}, "admin", PREFERENCE_FIELDS),
    ("notifications:notification-mark-read", {}, "admin", ["notification"]),
    ("set_language", {}, "admin", ["language", "next"]),
    ("login", {}, None, ["username", "password"]),
    ("two-factor-setup", {}, "admin", ["token", "next"]),
    ("two-factor-verify", {}, "admin", ["token", "next"]),
    ("admin:login", {}, None, ["username", "password", "next"]),
    ("admin:auth_user_password_change", "user:teacher", "steward",
     ["password1", "password2", "usable_password"]),
    ("admin:password_change", {}, "steward",
     ["old_password", "new_password1", "new_password2"]),
]  # fmt: skip
# What uploads a file, as (URL name, who posts, the file field, its other fields,
# the files a well-formed upload holds: (name without .csv, columns)).
UPLOADS = [
    ("reporting:roi-entry", "district", "file", TOKEN, [("roi", ROI_CSV_COLUMNS)]),
    ("imports:import-index", "district", "file", TOKEN,
     [(kind.name, kind.column_names) for kind in KINDS.values()]),
]  # fmt: skip
# The admin: what the data steward (who may do most there) posts to each
# model's add, change and list pages; the fields are read from the page.
# Every model has a record in the test world, so each change page is fuzzed;
# a page that only shows is posted to as well (every post refused: 403, or 400),
# and so are the delete pages the steward may use (accounts, groups, devices,
# login attempts: Django's confirmation, answered "yes" or not).
ADMIN_WRITES = [
    (label, action)
    for label, answers in sorted(matrix.ADMIN_MODELS.items())
    for action in ("add", "change", "changelist", "delete")
    if answers[action].split()[1] == "200"
]
ADMIN_LIST_FIELDS = ["action", "_selected_action", "select_across", "index", "_save", "q"]
ADMIN_DELETE_FIELDS = ["post", "_popup", "_to_field"]
# URLs that answer a POST but are not fuzzed, and why.
READ = "a read: a POST is answered as a GET and saves nothing"
NOT_FUZZED = {
    "logout": "takes no input: it ends the session",
    "admin:logout": "takes no input: it ends the session",
    "imports:import-run": (
        "takes no input but the dry run's id in the URL (bounded by the converter, "
        "test_bounded_ids); once per dry run (test_double_submit_race)"
    ),
    "admin:*_history": READ,
    **{
        name: READ
        for name in (
            "home", "admin:index", "admin:app_list",
            "discipline:referral-list", "discipline:referral-list-csv",
            "discipline:referral-detail", "discipline:referral-print", "discipline:referral-pdf",
            "discipline:suspension-detail", "discipline:suspension-notice",
            "discipline:suspension-notice-pdf", "discipline:outcome-notice",
            "discipline:outcome-notice-pdf",
            "discipline:student-search", "discipline:student-find",
            "discipline:record-view-list", "discipline:rule-list",
            "discipline:student-history", "discipline:student-history-csv",
            "discipline:student-history-print", "discipline:student-history-pdf",
            "discipline:intervention-list-csv",
            "interventions:intervention-list", "interventions:open-list",
            "imports:import-detail", "imports:import-status",
            "exports:export-index", "exports:export-detail", "exports:export-status",
            "exports:export-download",
            "notifications:notification-list",
            "reporting:district-index", "reporting:publication-detail",
            "reporting:publication-status", "reporting:reports-home",
            "reporting:report-glance", "reporting:report-referrals",
            "reporting:report-disproportionality", "reporting:report-watchlists",
            "reporting:report-deployments", "reporting:report-staffing",
        )
    },
}  # fmt: skip
# Lists, filters and searches, as (URL name, URL kwargs, who reads, its query parameters).
READS = [
    ("discipline:referral-list", {}, "admin", ["status", "reason", "category", "grade",
     "incident_from", "incident_to", "referred_by", "overdue", "include_voided", "q", "sort",
     "page"]),
    ("discipline:referral-list-csv", {}, "admin", ["status", "reason", "incident_from", "q"]),
    ("interventions:intervention-list", {}, "support", ["tier", "outcome", "intervention_type",
     "started_from", "started_to", "open", "include_voided", "page"]),
    ("discipline:student-search", {}, "teacher", ["q"]),
    ("discipline:student-find", {}, "district", ["q", "student_id", "grade", "school", "page"]),
    ("discipline:record-view-list", {}, "district", ["student", "page"]),
    ("discipline:referral-create", {}, "teacher", ["student", "q"]),
    ("interventions:intervention-create", {}, "support", ["student", "referral", "tier", "type"]),
    ("reporting:district-index", {}, "district", ["year", "format"]),
    ("reporting:public-index", {}, None, ["month", "unit"]),
    ("reporting:public-find", {}, None, ["q", "unit"]),
    ("reporting:public-unit", {"month": "2026-10", "version": 1, "unit": "district"}, None,
     ["window", "measure", "compare"]),
    ("reporting:public-download", {"month": "2026-10", "version": 1, "unit": "district",
     "fmt": "json"}, None, ["window", "measure"]),
]  # fmt: skip


def _url(name, spec, world):
    return matrix._url(name, spec, world)


def _client(world, role, *, csrf=False):
    client = Client(enforce_csrf_checks=csrf, raise_request_exception=False)
    if role:
        client.force_login(world["users"][role])
    return client


def _no_server_error(response, what):
    assert response.status_code < 500, f"{what}: {response.status_code}"


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.PUBLIC_DOWNLOADS_PER_MINUTE = 10**9


@pytest.mark.django_db
@pytest.mark.parametrize("target", WRITES, ids=[f"{w[0]}:{w[1]}" for w in WRITES])
def test_hostile_posts_to_every_form_never_make_a_server_error(world, target):
    name, spec, role, fields = target
    url = _url(name, spec, world)
    client = _client(world, role)

    @FUZZ
    @given(data=form_data(fields), twice=st.booleans())
    def post(data, twice):
        for _ in range(2 if twice else 1):  # the same submission twice
            _no_server_error(client.post(url, data), f"POST {url} {data!r:.300}")

    post()
    assert invariant_violations() == []


@pytest.mark.django_db
@pytest.mark.parametrize("target", READS, ids=[r[0] for r in READS])
def test_hostile_filters_and_searches_never_make_a_server_error(world, target):
    name, spec, role, fields = target
    url = _url(name, spec, world)
    client = _client(world, role)

    @FUZZ
    @given(data=form_data(fields))
    def get(data):
        _no_server_error(client.get(url, data), f"GET {url} {data!r:.300}")

    get()


@pytest.mark.django_db
def test_a_post_without_csrf_token_is_refused_and_saves_nothing(world):
    from discipline.models import Referral

    client = _client(world, "admin", csrf=True)
    before = Referral.objects.count()
    url = _url("discipline:referral-reasons", "referral", world)
    assert client.post(url, {"reasons": "1"}).status_code == 403
    assert Referral.objects.count() == before


@pytest.mark.django_db
def test_hostile_csv_imports_are_refused_with_a_message(world):
    folder = Path(tempfile.mkdtemp())

    from discipline.management.commands.import_discipline import COLUMNS

    columns = sorted({"record", "actor", *(c for cols in COLUMNS.values() for c in cols)})
    known = {
        "record": st.sampled_from(sorted(COLUMNS)),
        "actor": st.sampled_from([u.username for u in world["users"].values()]),
        "student_id": st.just(world["student"].student_id),
        "school_code": st.just(world["school"].code),
        "referral": st.just(str(world["referral"].pk)),
    }
    cell = {c: st.one_of(known[c], VALUE) if c in known else VALUE for c in columns}

    @FUZZ
    @given(rows=st.lists(st.fixed_dictionaries({}, optional=cell), max_size=4))
    def upload(rows):
        path = folder / "import.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            import csv

            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            for row in rows:
                writer.writerow({k: v.replace("\x00", "") for k, v in row.items()})
        try:
            call_command("import_discipline", str(path), stdout=open(os.devnull, "w"))
        except CommandError:
            pass  # refused, with the reason per row

    upload()
    assert invariant_violations() == []


def _file(columns):
    """A hostile upload: raw bytes, or a CSV (maybe zipped) whose header is
    well formed or not and whose cells are hostile."""

    def csv_bytes(header, rows):
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        return buffer.getvalue().encode("utf-8", "surrogatepass")

    header = st.one_of(st.sampled_from(columns), st.tuples(st.just("x"), st.lists(VALUE)))
    table = st.tuples(header, st.lists(st.lists(VALUE, max_size=12), max_size=4)).map(
        lambda t: (t[0][0], csv_bytes(t[0][1], t[1]))
    )

    def zipped(files):
        import io
        import zipfile

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data in files:
                archive.writestr(f"{name}.csv", data)
        return buffer.getvalue()

    names = st.one_of(
        st.sampled_from(["data.csv", "data.zip", "data.txt", ".csv", "../../etc/x.csv",
                         "a\x00.csv", "é" * 300 + ".csv", "students.csv", "roi.CSV"]),
        st.text(max_size=40),
    )  # fmt: skip
    content = st.one_of(
        st.binary(max_size=2000),
        table.map(lambda t: t[1]),
        st.lists(table, max_size=3).map(zipped),
        st.lists(table, min_size=1, max_size=3).map(lambda f: zipped(f)[:-10]),  # truncated
        st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe\x00", b"\x00" * 100]),
    )
    return st.tuples(names, content)


@pytest.mark.django_db
@pytest.mark.filterwarnings("ignore:Duplicate name")  # a ZIP holding one name twice: hostile too
@pytest.mark.parametrize("target", UPLOADS, ids=[u[0] for u in UPLOADS])
def test_hostile_uploads_never_make_a_server_error(world, target):
    name, role, field, fields, columns = target
    url = reverse(name)
    client = _client(world, role)

    @FUZZ
    @given(upload=_file(columns), data=form_data(fields), twice=st.booleans())
    def post(upload, data, twice):
        file_name, content = upload
        for _ in range(2 if twice else 1):  # the same submission twice
            handle = io.BytesIO(content)
            handle.name = file_name  # as a browser names it, unchecked
            data = {**data, field: handle}
            _no_server_error(client.post(url, data), f"POST {url} {file_name!r} {content!r:.300}")

    post()
    assert invariant_violations() == []


FIELD_NAME = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"')


def _admin_fields(client, url):
    html = client.get(url).content.decode()
    return sorted(set(FIELD_NAME.findall(html)) - {"csrfmiddlewaretoken"})


@pytest.mark.django_db
@pytest.mark.parametrize("target", ADMIN_WRITES, ids=[f"{m}:{a}" for m, a in ADMIN_WRITES])
def test_hostile_posts_to_the_admin_never_make_a_server_error(world, target):
    label, action = target
    url = matrix._admin_url(apps.get_model(label), action)
    model = apps.get_model(label)
    client = _client(world, "steward")
    fields = _admin_fields(client, url)
    if action == "changelist":
        fields = sorted({*fields, *ADMIN_LIST_FIELDS})
    if action == "delete":
        fields = sorted({*fields, *ADMIN_DELETE_FIELDS})
    shown_only = not fields  # a change page that only shows: posted the model's fields
    if shown_only:
        assert action == "change", f"no form on {url}"
        fields = sorted({f.attname for f in model._meta.concrete_fields} | {"_save"})

    @ADMIN_FUZZ
    @given(data=form_data(fields), twice=st.booleans())
    def post(data, twice):
        for _ in range(2 if twice else 1):
            response = client.post(url, data)
            _no_server_error(response, f"POST {url} {data!r:.300}")
            if shown_only:
                assert response.status_code in (400, 403), f"POST {url} {data!r:.300}"

    post()
    assert invariant_violations() == []


# Who is asked whether a page answers a POST: the first of these it opens for.
MOST_ABLE = ("steward", "district", "admin", "support", "teacher", "anonymous")


def _poster(name, world):
    """(URL, who posts) for a URL name, from the scope matrix's table."""
    page = matrix.admin_page(name)
    if page:
        return matrix._admin_url(apps.get_model(page[0]), page[1]), "steward"
    spec, answers = matrix.PAGES[name]
    by_role = dict(zip(matrix.ROLES, answers.removeprefix("POST:").split(), strict=True))
    role = next((r for r in MOST_ABLE if by_role[r] not in ("L", "403", "404")), "steward")
    return matrix._url(name, spec, world), role


def _exemption(name):
    page = matrix.admin_page(name)
    key = f"admin:*_{page[1]}" if page else name
    return NOT_FUZZED.get(key)


@pytest.mark.django_db
def test_every_url_that_accepts_a_post_is_fuzzed_or_exempt(world):
    """A POST to each URL pattern (empty: it saves nothing), by a user who may
    open it: unless it answers 405, or 403/404 to everyone, it must be fuzzed
    above or named in NOT_FUZZED with a reason."""
    fuzzed = {w[0] for w in WRITES} | {u[0] for u in UPLOADS}
    fuzzed |= {f"admin:{label.replace('.', '_')}_{action}" for label, action in ADMIN_WRITES}
    answers, unknown = {}, []
    for name in matrix.url_names():
        url, role = _poster(name, world)
        client = Client(raise_request_exception=False)
        if role != "anonymous":
            client.force_login(world["users"][role])
        status = client.post(url).status_code
        assert status < 500, f"POST {url}: {status}"
        answers[name] = status
        if status not in (403, 404, 405) and name not in fuzzed and not _exemption(name):
            unknown.append(f"{name} ({role}: {status})")
    assert unknown == [], "fuzz these (WRITES, UPLOADS) or add them to NOT_FUZZED with a reason"
    # An exemption names a URL that answers a POST (else it is stale) and is not fuzzed.
    for key in NOT_FUZZED:
        if "*" in key:
            continue
        assert key in answers, f"NOT_FUZZED names no URL: {key}"
        assert answers[key] not in (403, 404, 405), f"{key} answers no POST: drop its exemption"
        assert key not in fuzzed, f"{key} is fuzzed: drop its exemption"
