"""The bulk paths the generator and the import share (issue 12's speed work):
the ``in_ids`` lookup, ``new()`` instead of ``Model.__init__``, the COPY text,
garbage collection paused for a load, and foreign keys validated at the end
(PostgreSQL). No timing is asserted: speed is measured by ``benchmark``."""

import datetime
import gc
import os
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from demo import writer
from demo.writer import foreign_keys_validated_at_end, new, young_gc_only
from discipline.models import Referral, ReferralStatus, Suspension
from people.ids import IdArray
from people.models import Enrollment, Student

pytestmark = pytest.mark.django_db


def test_in_ids_finds_the_ids_asked_for_as_a_list_or_an_id_array(make_student):
    students = [make_student() for _ in range(3)]
    wanted = [students[0].pk, students[2].pk]
    for value in (wanted, IdArray(wanted), tuple(wanted)):
        found = set(Student.objects.filter(pk__in_ids=value).values_list("pk", flat=True))
        assert found == set(wanted)
    # On a foreign key too, and an empty list matches nothing (no SQL error).
    assert Enrollment.objects.filter(student_id__in_ids=IdArray(wanted)).count() == 2
    assert list(Student.objects.filter(pk__in_ids=[])) == []
    assert list(Student.objects.filter(pk__in_ids=IdArray([]))) == []


def test_in_ids_refuses_what_is_not_an_id():
    with pytest.raises((ValueError, TypeError)):
        list(Student.objects.filter(pk__in_ids=["1; DROP TABLE people_student"]))


def test_new_makes_the_instance_the_model_makes(school, admin, student):
    at = timezone.now()
    kwargs = {
        "pk": 10_000,
        "student_id": student.pk,
        "school_id": school.pk,
        "grade": 7,
        "incident_date": datetime.date(2026, 10, 5),
        "referred_on": datetime.date(2026, 10, 5),
        "location_id": None,
        "description": "Pushed a classmate.",
        "referred_by_id": admin.pk,
        "created_at": at,
    }
    fast, slow = new(Referral, **kwargs), Referral(**kwargs)
    for f in Referral._meta.concrete_fields:
        assert getattr(fast, f.attname) == getattr(slow, f.attname), f.attname
    assert fast.pk == 10_000 and fast._state.adding and fast._state.db is None
    assert fast.status == ReferralStatus.OPEN
    # A callable default is called for each instance (not shared).
    assert new(Referral, student_id=student.pk).created_at is not None


def test_new_refuses_a_name_that_is_not_a_field():
    with pytest.raises(TypeError, match="student"):
        new(Suspension, student=object())  # the attname is student_id
    with pytest.raises(TypeError, match="nonsense"):
        new(Suspension, nonsense=1)


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        'He said "no", twice',
        "line\nbreak",
        0,
        -12,
        True,
        False,
        datetime.date(2026, 1, 2),
        datetime.datetime(2026, 1, 2, 8, 30, tzinfo=datetime.UTC),
        datetime.time(8, 5),
        Decimal("65.80"),
        1.5,
        ReferralStatus.CLOSED,  # a str subclass: the general path
    ],
)
def test_the_copy_text_of_each_type_is_the_general_conversion(value):
    assert writer._text_of(value) == writer._copy_value(value)  # and learns str subclasses
    fast = writer._TEXT.get(value.__class__)
    assert (fast or writer._copy_value)(value) == writer._copy_value(value)


def test_garbage_collection_is_back_on_after_a_load_even_one_that_fails():
    assert gc.isenabled()
    with young_gc_only():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), young_gc_only():
        raise RuntimeError("the load failed")
    assert gc.isenabled()


@pytest.fixture
def _postgres_only():
    if connection.vendor != "postgresql":
        if os.environ.get("CI") and "postgres" in os.environ.get("DATABASE_URL", ""):
            pytest.fail("the foreign key tests must run on PostgreSQL in CI")
        pytest.skip("foreign keys dropped and added back: PostgreSQL only")


def _foreign_keys(table):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND conrelid = %s::regclass ORDER BY 1",
            [table],
        )
        return cursor.fetchall()


@pytest.mark.usefixtures("_postgres_only")
def test_foreign_keys_come_back_as_they_were_and_validate_every_row(student):
    table = Enrollment._meta.db_table
    before = _foreign_keys(table)
    assert before
    with transaction.atomic(), foreign_keys_validated_at_end([Enrollment]):
        assert _foreign_keys(table) == []
    assert _foreign_keys(table) == before

    # A row pointing at no student fails the block when the keys come back, and
    # the transaction (rows and DDL) rolls back.
    with pytest.raises(IntegrityError), transaction.atomic():
        with foreign_keys_validated_at_end([Enrollment]):
            w = writer.Writer()
            w.add(
                new(
                    Enrollment,
                    pk=99_999,
                    student_id=student.pk + 10_000,
                    school_id=Enrollment.objects.get(student=student).school_id,
                    grade=7,
                    start=datetime.date(2026, 8, 15),
                )
            )
            w.finish()
    assert _foreign_keys(table) == before
    assert not Enrollment.objects.filter(pk=99_999).exists()
