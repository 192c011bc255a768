"""The district as the import's files (``manage.py export_sis DIR``): every kind of
``imports.formats``, so a district exported here and imported into an empty
database is the same district (the round trip the tests check: the same
publication). Records imported before keep their external ids; others get one
made from their kind and id (e.g. ``R123`` for referral 123)."""

from __future__ import annotations

import csv
from pathlib import Path

from discipline.models import (
    Expulsion,
    ExpulsionFinding,
    ExpulsionRecommendation,
    LawEnforcementContact,
    PlacementDecision,
    Referral,
    SafetyFinding,
    Suspension,
    Transfer,
)
from imports.formats import KINDS
from imports.models import ExternalId
from interventions.models import Intervention
from people.models import Enrollment, NonInstructionalDay, School, SchoolYear, Student, User

PREFIX = {
    "enrollments": "E",
    "referrals": "R",
    "interventions": "I",
    "expulsion_recommendations": "XR",
    "expulsion_findings": "XF",
    "safety_findings": "SF",
    "placement_decisions": "PD",
    "suspensions": "S",
    "transfers": "T",
    "expulsions": "X",
    "law_enforcement_contacts": "L",
}


def _yes(value):
    return "" if value is None else ("yes" if value else "no")


def _d(value):
    return value.isoformat() if value else ""


class Exporter:
    def __init__(self):
        self.ext = {}
        for kind, external_id, object_id in ExternalId.objects.values_list(
            "kind", "external_id", "object_id"
        ):
            self.ext[(kind, object_id)] = external_id
        self.users = dict(User.objects.values_list("pk", "username"))
        self.schools = dict(School.objects.values_list("pk", "code"))
        self.students = dict(Student.objects.values_list("pk", "student_id"))

    def key(self, kind, pk):
        if pk is None:
            return ""
        return self.ext.get((kind, pk)) or f"{PREFIX[kind]}{pk}"

    def rows(self, kind):
        return getattr(self, f"rows_{kind}")()

    def rows_school_years(self):
        for y in SchoolYear.objects.order_by("first_day"):
            yield [y.name, _d(y.first_day), _d(y.last_day), str(y.ada_daily_rate)]

    def rows_non_instructional_days(self):
        for d in NonInstructionalDay.objects.order_by("date"):
            yield [_d(d.date), d.description]

    def rows_schools(self):
        for s in School.objects.select_related("region", "board_district").order_by("code"):
            yield [s.code, s.name, s.level, s.region.name, s.board_district.number, _yes(s.active)]

    def rows_staff(self):
        through = User.schools.through.objects.values_list("user_id", "school_id")
        served = {}
        for user_id, school_id in through:
            served.setdefault(user_id, []).append(self.schools[school_id])
        for u in User.objects.order_by("pk"):
            role = u.role
            yield [u.username, u.first_name or u.username, u.last_name or "-", role, u.position,
                   u.email, ";".join(sorted(served.get(u.pk, [])))]  # fmt: skip

    def rows_students(self):
        for s in Student.objects.order_by("pk").iterator(chunk_size=5000):
            yield [s.student_id, s.first_name, s.last_name, _d(s.birth_date), s.gender,
                   s.race_ethnicity, _yes(s.english_learner), s.disability,
                   _yes(s.socioeconomically_disadvantaged), s.home_language]  # fmt: skip

    def rows_enrollments(self):
        for e in Enrollment.objects.order_by("pk").iterator(chunk_size=5000):
            yield [self.key("enrollments", e.pk), self.students[e.student_id],
                   self.schools[e.school_id], e.grade, _d(e.start), _d(e.end)]  # fmt: skip

    def rows_referrals(self):
        reasons = {}
        through = Referral.reasons.through.objects.values_list("referral_id", "reasoncode__code")
        for referral_id, code in through.iterator(chunk_size=20000):
            reasons.setdefault(referral_id, []).append(code)
        from discipline.models import Location

        locations = dict(Location.objects.values_list("pk", "slug"))
        for r in Referral.objects.valid().order_by("pk").iterator(chunk_size=5000):
            yield [self.key("referrals", r.pk), self.students[r.student_id],
                   self.schools[r.school_id], _d(r.incident_date), _d(r.referred_on),
                   r.incident_time.strftime("%H:%M") if r.incident_time else "",
                   locations[r.location_id], ";".join(sorted(reasons.get(r.pk, []))),
                   r.description, self.users[r.referred_by_id], r.status,
                   self.users.get(r.closed_by_id, "")]  # fmt: skip

    def _outcomes(self, model):
        """Valid records; an outcome of a voided referral is not exported with it."""
        rows = model.objects.valid().order_by("pk")
        if model is not Intervention:
            rows = rows.filter(referral__voided_at__isnull=True)
        return rows.iterator(chunk_size=5000)

    def rows_interventions(self):
        voided = set(Referral.objects.filter(voided_at__isnull=False).values_list("pk", flat=True))
        for i in self._outcomes(Intervention):
            if i.referral_id in voided:
                i.referral_id = None
            yield [self.key("interventions", i.pk), self.students[i.student_id],
                   self.schools[i.school_id], self.types[i.intervention_type_id], i.tier,
                   _d(i.started_on), _d(i.ended_on), self.key("referrals", i.referral_id),
                   i.outcome,
                   self.users[i.provider_id]]  # fmt: skip

    @property
    def types(self):
        if not hasattr(self, "_types"):
            from interventions.models import InterventionType

            self._types = dict(InterventionType.objects.values_list("pk", "slug"))
        return self._types

    def rows_expulsion_recommendations(self):
        for x in self._outcomes(ExpulsionRecommendation):
            yield [self.key("expulsion_recommendations", x.pk),
                   self.key("referrals", x.referral_id), _d(x.recommended_on), x.status,
                   self.users[x.decided_by_id]]  # fmt: skip

    def rows_expulsion_findings(self):
        for x in self._outcomes(ExpulsionFinding):
            yield [self.key("expulsion_findings", x.pk), self.key("referrals", x.referral_id),
                   _d(x.found_on), x.finding, self.users[x.decided_by_id]]  # fmt: skip

    def rows_safety_findings(self):
        for x in self._outcomes(SafetyFinding):
            yield [self.key("safety_findings", x.pk), self.key("referrals", x.referral_id),
                   _d(x.found_on), x.justification, self.users[x.decided_by_id]]  # fmt: skip

    def rows_placement_decisions(self):
        for x in self._outcomes(PlacementDecision):
            yield [self.key("placement_decisions", x.pk), self.key("referrals", x.referral_id),
                   _d(x.decided_on), _yes(x.change_of_placement), _d(x.review_held_on),
                   _yes(x.behavior_was_manifestation), x.reasoning,
                   self.users[x.decided_by_id]]  # fmt: skip

    def rows_suspensions(self):
        for s in self._outcomes(Suspension):
            yield [self.key("suspensions", s.pk), self.key("referrals", s.referral_id), s.kind,
                   _d(s.start_date), s.school_days,
                   s.parent_contacted_at.isoformat() if s.parent_contacted_at else "",
                   s.parent_contact_method, s.parent_contact_result,
                   self.users.get(s.parent_contacted_by_id, ""), self.users[s.decided_by_id],
                   s.notice_language]  # fmt: skip

    def rows_transfers(self):
        for t in self._outcomes(Transfer):
            yield [self.key("transfers", t.pk), self.key("referrals", t.referral_id), t.kind,
                   _d(t.effective_date), self.schools.get(t.receiving_school_id, ""),
                   t.days_lost, self.users[t.decided_by_id]]  # fmt: skip

    def rows_expulsions(self):
        for x in self._outcomes(Expulsion):
            yield [self.key("expulsions", x.pk),
                   self.key("expulsion_recommendations", x.recommendation_id), _d(x.ordered_on),
                   _d(x.starts_on), _d(x.ends_on), x.days_lost,
                   self.users[x.decided_by_id]]  # fmt: skip

    def rows_law_enforcement_contacts(self):
        for c in self._outcomes(LawEnforcementContact):
            yield [self.key("law_enforcement_contacts", c.pk), self.key("referrals", c.referral_id),
                   c.kind, _d(c.occurred_on), _yes(c.school_based), c.agency, c.days_lost,
                   self.users[c.decided_by_id]]  # fmt: skip


def export_district(directory: Path, kinds=None) -> dict[str, int]:
    """Write one CSV per kind into ``directory``; returns rows written per kind."""
    directory.mkdir(parents=True, exist_ok=True)
    exporter = Exporter()
    written = {}
    for kind in kinds or KINDS:
        path = directory / f"{kind}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(KINDS[kind].column_names)
            n = 0
            for row in exporter.rows(kind):
                writer.writerow(row)
                n += 1
        written[kind] = n
    return written
