"""The catalogs every new database gets from its migrations match the seed."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from discipline import seed_catalog
from discipline.models import ReasonCode
from interventions import seed_matrix
from interventions.models import GradeBand, MatrixEntry

pytestmark = pytest.mark.django_db


def _loaded(code, band, tier):
    return list(
        MatrixEntry.objects.filter(reason_code__code=code, grade_band=band, tier=tier)
        .order_by("position")
        .values_list("intervention_type__slug", flat=True)
    )


def test_every_code_and_band_of_the_matrix_is_loaded_in_seed_order():
    for row in seed_matrix.MATRIX:
        for code in row["codes"]:
            for band in seed_matrix.GRADE_BANDS:
                tier2, tier3 = seed_matrix.alternatives(code, band)
                assert _loaded(code, band, 2) == tier2, (code, band)
                assert _loaded(code, band, 3) == tier3, (code, band)


@pytest.mark.parametrize(
    "code,band,first_tier2,last_tier3",
    [
        ("3.1a", "K-3", "Alternative Programming (change teacher/class)", "Threat Assessment"),
        ("3.7", "9-12", "Assign Educational Projects (i.e. Research Current/Relevant Topics)",
         "Revisit Student SSPT, 504 Plan or IEP"),
    ],
)  # fmt: skip
def test_a_sample_of_the_matrix_reads_as_the_seed(code, band, first_tier2, last_tier3):
    tier2 = MatrixEntry.objects.filter(reason_code__code=code, grade_band=band, tier=2)
    tier3 = MatrixEntry.objects.filter(reason_code__code=code, grade_band=band, tier=3)
    assert tier2.order_by("position").first().intervention_type.label == first_tier2
    assert tier3.order_by("position").last().intervention_type.label == last_tier3


def test_category_1_codes_have_no_alternatives_in_the_matrix():
    assert not MatrixEntry.objects.filter(reason_code__category=1).exists()


def test_every_reason_code_of_the_form_is_loaded_with_its_flags():
    for row in seed_catalog.REASON_CODES:
        code = ReasonCode.objects.get(code=row["code"])
        assert code.category == row["category"]
        assert code.grades_4_12_only == row["grades_4_12_only"]
        assert code.requires_expulsion_recommendation == row["requires_expulsion_recommendation"]
        assert code.admin_only == row["admin_only"]
        assert code.suspension_not_expulsion == row["suspension_not_expulsion"]
    assert ReasonCode.objects.get(code="WD").is_misis_code is False


def test_grade_bands_follow_the_matrix_columns():
    assert [GradeBand.for_grade(g) for g in (-1, 0, 3, 4, 5, 6, 8, 9, 12)] == [
        "K-3", "K-3", "K-3", "4-5", "4-5", "6-8", "6-8", "9-12", "9-12",
    ]  # fmt: skip


def test_district_staff_maintain_catalogs_in_the_admin_but_cannot_delete(client, district):
    client.force_login(district)
    code = ReasonCode.objects.get(code="3.7")
    url = reverse("admin:discipline_reasoncode_change", args=[code.pk])
    assert client.get(url).status_code == 200
    assert (
        client.get(reverse("admin:discipline_reasoncode_delete", args=[code.pk])).status_code == 403
    )
    with pytest.raises(ValidationError):
        code.delete()
    assert ReasonCode.objects.filter(code="3.7").exists()


def test_school_staff_cannot_reach_the_admin(client, admin):
    client.force_login(admin)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302


def test_the_rules_page_lists_every_rule_with_its_source(client):
    from discipline.rules import RULES

    body = client.get(reverse("discipline:rule-list")).content.decode()
    for rule in RULES.values():
        assert f'id="rule-{rule.id}"' in body
        assert rule.source.split(";")[0].replace('"', "&quot;") in body
