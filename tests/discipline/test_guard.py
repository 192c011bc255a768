"""No write of a rule-governed record goes around the services: save(),
QuerySet.update(), bulk_create() and delete() (and a change of a referral's
reasons) are refused outside a service, for every governed model."""

import pytest
from django.db import transaction

from discipline import services
from discipline.models import Referral
from people.guard import GOVERNED, WriteOutsideService, service_write
from tests.conftest import INCIDENT_DAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(make_referral, student, admin, give_alternatives, suspend):
    """One valid record of every governed model, written by the services."""
    give_alternatives(student)
    referral = make_referral(student, "2.1")
    suspend(referral)
    services.transfer_record(
        actor=admin, referral=referral, kind="involuntary", effective_date=INCIDENT_DAY
    )
    recommendation = services.expulsion_recommendation_record(
        actor=admin, referral=referral, recommended_on=INCIDENT_DAY
    )
    services.expulsion_finding_record(
        actor=admin, referral=referral, found_on=INCIDENT_DAY, finding="x" * 30
    )
    services.law_enforcement_contact_record(
        actor=admin, referral=referral, kind="notification", occurred_on=INCIDENT_DAY
    )
    services.safety_finding_record(
        actor=admin, referral=referral, found_on=INCIDENT_DAY, justification="y" * 30
    )
    from discipline.models import AdministrativeActionType

    services.administrative_action_record(
        actor=admin,
        referral=referral,
        action=AdministrativeActionType.objects.first(),
        taken_on=INCIDENT_DAY,
    )
    services.expulsion_record(
        actor=admin,
        recommendation=recommendation,
        ordered_on=INCIDENT_DAY,
        starts_on=INCIDENT_DAY,
        ends_on=INCIDENT_DAY,
    )
    return {model: model.objects.first() for model in GOVERNED}


def test_every_rule_governed_model_is_guarded():
    names = {model.__name__ for model in GOVERNED}
    assert names >= {
        "Referral", "Suspension", "Transfer", "ExpulsionRecommendation", "ExpulsionFinding",
        "Expulsion", "LawEnforcementContact", "SafetyFinding", "PlacementDecision",
        "AdministrativeAction", "Intervention", "Enrollment",
    }  # fmt: skip


@pytest.mark.parametrize("operation", ["save", "update", "bulk_create", "delete"])
def test_a_write_outside_a_service_is_refused_for_every_governed_model(stored, operation):
    checked = 0
    for model in GOVERNED:
        record = stored.get(model)
        if record is None:  # PlacementDecision needs an IEP: made below
            continue
        before = model.objects.count()
        with pytest.raises(WriteOutsideService, match="outside a service is refused"):
            if operation == "save":
                record.save()
            elif operation == "update":
                model.objects.filter(pk=record.pk).update(pk=record.pk)
            elif operation == "bulk_create":
                record.pk = None
                model.objects.bulk_create([record])
            else:
                model.objects.filter(pk=record.pk).delete()
        assert model.objects.count() == before
        checked += 1
    assert checked >= 11


def test_a_placement_decision_is_guarded_too(make_referral, make_student, admin):
    from people.models import Disability

    referral = make_referral(make_student(disability=Disability.IEP), "3.1a")
    decision = services.placement_decision_record(
        actor=admin, referral=referral, decided_on=INCIDENT_DAY, change_of_placement=False
    )
    with pytest.raises(WriteOutsideService):
        decision.save()
    with pytest.raises(WriteOutsideService):
        type(decision).objects.filter(pk=decision.pk).update(change_of_placement=True)
    with pytest.raises(WriteOutsideService):
        type(decision).objects.all().delete()


def test_a_change_of_a_referrals_reasons_outside_a_service_is_refused(make_referral, student):
    from tests.conftest import codes

    referral = make_referral(student, "3.1a")
    with pytest.raises(WriteOutsideService), transaction.atomic():
        referral.reasons.set(codes("WD"))
    assert referral.codes() == ["3.1a"]


def test_queryset_delete_of_a_discipline_record_is_refused(make_referral, student):
    make_referral(student, "3.7")
    with pytest.raises(WriteOutsideService, match="delete"):
        Referral.objects.all().delete()
    assert Referral.objects.count() == 1


def test_the_services_write_under_their_name_and_the_name_ends_with_them(make_referral, student):
    referral = make_referral(student, "3.7")  # written by a service: allowed
    with service_write("tests"):
        Referral.objects.filter(pk=referral.pk).update(admin_notes="Seen.")
    with pytest.raises(WriteOutsideService):
        Referral.objects.filter(pk=referral.pk).update(admin_notes="Again.")
