"""Shared fixtures: a school year with holidays, two schools, and the roles
(alice the administrator, tom the teacher, sam in support, and their
counterparts at another school, plus district staff)."""

import datetime

import pytest

from discipline import services
from discipline.models import Location, ReasonCode, Referral
from interventions import services as intervention_services
from interventions.models import InterventionType
from people.models import Role
from tests.factories import (
    EnrollmentFactory,
    SchoolFactory,
    SchoolYearFactory,
    StudentFactory,
    UserFactory,
)

INCIDENT_DAY = datetime.date(2026, 10, 5)  # a Monday


@pytest.fixture(scope="session", autouse=True)
def _media_root(tmp_path_factory):
    """Files the tests write (exports) go to a folder of this run, not the checkout."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        yield


@pytest.fixture(autouse=True)
def _fast_test_settings(settings):
    # Login throttling has its own tests; PBKDF2's many rounds would make
    # every user a factory creates cost a third of a second.
    settings.AXES_ENABLED = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tasks run where they are enqueued; tests/test_tasks.py goes through a worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Each test starts with empty rate-limit counts (reporting/downloads.py) and
    # no frozen public page of an earlier test's publication.
    # The district reports' shared cache is a file cache by default: the tests
    # keep it in this process's memory, so two test runs never share entries.
    settings.CACHES = {
        **settings.CACHES,
        "reports": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "reports-tests",
        },
    }
    from django.core.cache import caches

    caches["default"].clear()
    caches["pages"].clear()
    caches["reports"].clear()


@pytest.fixture(autouse=True)
def _default_language_between_tests():
    """Each test starts and ends in the default language. LocaleMiddleware leaves a
    request's language active on the thread, so a test that reads a page in Spanish
    would otherwise turn the next test's direct calls Spanish (seen on PostgreSQL's
    test order: the disproportionality labels read "no calculado")."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


def reload_catalogs():
    """Load the seed catalogs again if a transactional test flushed them.

    Tests with ``transaction=True`` end with a flush; the catalogs that the
    migrations loaded are gone for the transactional tests after them.
    """
    import importlib

    from django.apps import apps

    if ReasonCode.objects.exists() and InterventionType.objects.exists():
        return
    for module in (
        "discipline.migrations.0003_catalog_from_seed",
        "interventions.migrations.0003_matrix_from_seed",
    ):
        importlib.import_module(module).load(apps, None)
    for module in (
        "discipline.migrations.0008_catalog_spanish",
        "interventions.migrations.0006_intervention_types_spanish",
    ):
        importlib.import_module(module).fill_spanish(apps, None)


@pytest.fixture
def school_year(db):
    return SchoolYearFactory()


@pytest.fixture
def school(school_year):
    return SchoolFactory(name="Hillside Middle School")


@pytest.fixture
def other_school(school_year):
    return SchoolFactory(name="Valley Middle School")


@pytest.fixture
def admin(school):
    return UserFactory(username="alice", role=Role.ADMINISTRATOR, schools=[school])


@pytest.fixture
def teacher(school):
    return UserFactory(username="tom", role=Role.TEACHER, schools=[school])


@pytest.fixture
def support(school):
    return UserFactory(username="sam", role=Role.SUPPORT, schools=[school])


@pytest.fixture
def other_teacher(school):
    return UserFactory(username="tina", role=Role.TEACHER, schools=[school])


@pytest.fixture
def other_admin(other_school):
    return UserFactory(username="oscar", role=Role.ADMINISTRATOR, schools=[other_school])


@pytest.fixture
def district(db):
    return UserFactory(username="dana", role=Role.DISTRICT, is_staff=True)


@pytest.fixture
def student(school):
    return EnrollmentFactory(school=school, grade=7).student


@pytest.fixture
def make_student(school):
    def make(grade=7, at=None, **fields):
        return EnrollmentFactory(
            school=at or school, grade=grade, student=StudentFactory(**fields)
        ).student

    return make


def codes(*values):
    found = list(ReasonCode.objects.filter(code__in=values))
    assert len(found) == len(values), f"unknown code among {values}"
    return found


@pytest.fixture
def make_referral(teacher, school):
    def make(student, *reason_codes, day=INCIDENT_DAY, by=None):
        return services.referral_create(
            actor=by or teacher,
            student=student,
            school=school,
            incident_date=day,
            location=Location.objects.first(),
            reasons=codes(*reason_codes),
            description="Test incident.",
        )

    return make


@pytest.fixture
def record_intervention(support, school):
    """sam records an intervention of the catalog's first type."""

    def record(student, *, tier=2, started_on=INCIDENT_DAY, **fields):
        return intervention_services.intervention_record(
            actor=support,
            student=student,
            school=school,
            intervention_type=InterventionType.objects.first(),
            tier=tier,
            started_on=started_on,
            **fields,
        )

    return record


@pytest.fixture
def give_alternatives(record_intervention):
    """Document the Tier II and Tier III interventions ALT asks for."""

    def give(student, on=INCIDENT_DAY, tier2=1, tier3=1):
        for tier, count in ((2, tier2), (3, tier3)):
            for _ in range(count):
                record_intervention(student, tier=tier, started_on=on)

    return give


PARENT_CONTACT = {
    "parent_contacted_at": datetime.datetime(2026, 10, 5, 15, 0, tzinfo=datetime.UTC),
    "parent_contact_method": "phone",
    "parent_contact_result": "reached",
}


@pytest.fixture
def suspend(admin):
    def suspend(referral: Referral, *, days=1, start=None, kind="out_of_school", by=None, **kw):
        fields = {**PARENT_CONTACT, **kw}
        return services.suspension_record(
            actor=by or admin,
            referral=referral,
            kind=kind,
            start_date=start or referral.incident_date,
            school_days=days,
            **fields,
        )

    return suspend


def pytest_collection_modifyitems(config, items):
    """Browser tests last: Playwright's event loop stays on the main thread
    for the rest of the session, and the PostgreSQL concurrency tests, which
    need real per-thread connections, must run before it starts."""
    items.sort(key=lambda item: "tests/browser/" in str(item.fspath))
    # PostgreSQL-only tests are skipped before their fixtures run on another
    # database: a transactional test's serialized rollback would otherwise set
    # up (and fail) before the test's own skip. CI runs them on PostgreSQL.
    from django.conf import settings as django_settings

    if "postgresql" not in django_settings.DATABASES["default"]["ENGINE"]:
        skip = pytest.mark.skip(reason="needs PostgreSQL: run with DATABASE_URL=postgres://...")
        for item in items:
            if item.get_closest_marker("postgres"):
                item.add_marker(skip)
