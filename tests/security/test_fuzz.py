"""Hostile input on every form, filter and upload (issue 10, item 5b).

Hypothesis posts thousands of hostile values — very long strings, NUL bytes,
unicode, wrong types, huge and negative numbers, impossible dates, unknown
ids and codes, injection strings, no CSRF token, the same submission twice —
to every form that writes (as the user in scope for it), every list filter
and search, the public pages' parameters and the CSV import. It fails on
any server error, and, after the run, on any stored record that breaks a
rule (``check_invariants``).

How long: ``FUZZ_EXAMPLES`` examples per target (settings profile below;
default 20, two to three minutes per database on CI's machine). Raise it
locally to search harder: ``FUZZ_EXAMPLES=500 pytest tests/security/test_fuzz.py``.
"""

import os
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from discipline.audit import invariant_violations
from tests.reporting.conftest import module_data
from tests.security.world import build_world

world = module_data(build_world)

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

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
WRITES = [
    ("discipline:referral-create", {}, "teacher", REFERRAL_FIELDS),
    ("discipline:referral-close", "referral", "admin", ["admin_notes"]),
    ("discipline:referral-reasons", "referral", "admin", ["reasons"]),
    *[
        ("discipline:outcome-create", {"record": "referral", "kind": kind}, "admin", fields)
        for kind, fields in OUTCOME_KINDS.items()
    ],
    ("discipline:record-void", {"kind": "intervention", "record": "intervention"}, "admin",
     ["void_reason"]),
    ("interventions:intervention-create", {}, "support", INTERVENTION_FIELDS),
    ("interventions:intervention-detail", "intervention", "support",
     ["ended_on", "outcome", "notes", "provider"]),
    ("reporting:publication-create", {}, "district", ["month", "note"]),
    ("notifications:preference-edit", {}, "admin", ["channel", "kinds", "email"]),
    ("notifications:notification-mark-read", {}, "admin", ["ids", "all"]),
    ("set_language", {}, "admin", ["language", "next"]),
    ("login", {}, None, ["username", "password"]),
]  # fmt: skip
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
    if isinstance(spec, str):
        return reverse(name, kwargs={"pk": world[spec].pk})
    kwargs = dict(spec)
    if "record" in kwargs:
        kwargs["pk"] = world[kwargs.pop("record")].pk
    return reverse(name, kwargs=kwargs)


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
