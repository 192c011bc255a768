"""Fault 7 of issue 10: an id beyond 64 bits is an unknown id, never a 500.

Fuzzing found ``reasons=99999999999999999999`` and ``?student=...`` raising
OverflowError on SQLite. Ids are bounded integers at every door: the URL
converter, and the ``in`` lookup every form field, filter and admin list uses.
"""

import pytest
from django.urls import reverse

from discipline.models import ReasonCode, Referral

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
BIGINT_PLUS_ONE = str(2**63)
NEGATIVE_HUGE = "-" + HUGE


@pytest.mark.parametrize("value", [HUGE, BIGINT_PLUS_ONE, NEGATIVE_HUGE])
def test_a_query_by_ids_beyond_64_bits_finds_nothing(value):
    assert list(ReasonCode.objects.filter(pk__in=[value])) == []
    assert list(Referral.objects.filter(reasons__in=[value])) == []


@pytest.mark.parametrize("value", [HUGE, BIGINT_PLUS_ONE])
def test_forms_and_filters_answer_huge_ids_with_a_message(
    client, admin, teacher, student, make_referral, value
):
    referral = make_referral(student, "3.1a")
    client.force_login(admin)
    response = client.post(
        reverse("discipline:referral-reasons", args=[referral.pk]), {"reasons": value}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    for query in (f"?reason={value}", f"?referred_by={value}"):
        assert client.get(reverse("discipline:referral-list") + query).status_code == 200
    client.force_login(teacher)
    assert (
        client.get(reverse("discipline:referral-create") + f"?student={value}").status_code == 200
    )
    response = client.post(
        reverse("discipline:referral-create"),
        {"students": value, "reasons": value, "location": value, "prior_corrections": value},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    response = client.post(
        reverse("interventions:intervention-create"),
        {"student": value, "referral": value, "intervention_type": value},
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        f"/referrals/{HUGE}/",
        f"/suspensions/{HUGE}/notice.pdf",
        f"/students/{HUGE}/",
        f"/interventions/{HUGE}/",
        f"/records/referral/{HUGE}/void/",
    ],
)
def test_a_url_with_an_id_beyond_64_bits_is_not_found(client, admin, path):
    client.force_login(admin)
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("value", ["²", "٣", "1e3", HUGE])
def test_a_query_string_id_that_is_not_plain_digits_is_ignored(client, teacher, support, value):
    # "²".isdigit() is True but int("²") fails: found by the fuzzing (item 5b).
    client.force_login(teacher)
    assert client.get(reverse("discipline:referral-create"), {"student": value}).status_code == 200
    client.force_login(support)
    query = {"student": value, "referral": value, "type": value, "tier": value}
    assert client.get(reverse("interventions:intervention-create"), query).status_code == 200


def test_a_nul_character_in_a_search_is_a_bad_request_not_a_server_error(client, teacher):
    # PostgreSQL refuses NUL in a string ("A string literal cannot contain
    # NUL"): found by the fuzzing on PostgreSQL (item 5b).
    client.force_login(teacher)
    response = client.get(reverse("discipline:student-search"), {"q": "a\x00b"})
    assert response.status_code == 400
    response = client.post(reverse("discipline:referral-create"), {"description": "a\x00"})
    assert response.status_code == 400
