"""The only writers of district data. Each checks the permission
``reporting.edit_district_data`` (district staff), validates and saves in one
transaction; the ROI upload writes all of its rows or none."""

from __future__ import annotations

import csv
import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from district.models import (
    ROI_FEATURES,
    PoliceDeployment,
    RjTraining,
    RoiScore,
    SafetyStaffingLine,
)
from people.models import School, SchoolYear


def _require_editor(actor):
    if not (actor.is_active and actor.has_perm("reporting.edit_district_data")):
        raise PermissionDenied


@transaction.atomic
def deployment_record(*, actor, school, starts_on, ends_on, reason, **fields) -> PoliceDeployment:
    _require_editor(actor)
    deployment = PoliceDeployment(
        school=school,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason,
        recorded_by=actor,
        **fields,
    )
    deployment.full_clean()
    deployment.save()
    return deployment


@transaction.atomic
def staffing_line_record(*, actor, school_year, position, location, ftes, budget):
    _require_editor(actor)
    line = SafetyStaffingLine(
        school_year=school_year, position=position, location=location, ftes=ftes, budget=budget
    )
    line.full_clean()
    line.save()
    return line


@transaction.atomic
def roi_record(*, actor, school, school_year, scores: dict[str, int]) -> RoiScore:
    """Record (or correct) a school's ROI for a spring."""
    _require_editor(actor)
    roi = RoiScore.objects.filter(school=school, school_year=school_year).first() or RoiScore(
        school=school, school_year=school_year
    )
    for name, _label in ROI_FEATURES:
        setattr(roi, name, scores.get(name))
    roi.entered_by = actor
    roi.full_clean(validate_unique=False)
    roi.save()
    return roi


ROI_CSV_COLUMNS = ["school_code", "school_year", *[name for name, _label in ROI_FEATURES]]


@transaction.atomic
def roi_import_csv(*, actor, text: str) -> list[RoiScore]:
    """Rows ``school_code, school_year, leadership, ..., alternatives``; every
    row is checked and nothing is saved if one is wrong (its line is named).
    Returns the scores saved, one per row."""
    _require_editor(actor)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in ROI_CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValidationError(
            _("The file lacks the column(s): %(columns)s.") % {"columns": ", ".join(missing)}
        )
    schools = {s.code: s for s in School.objects.all()}
    years = {y.name: y for y in SchoolYear.objects.all()}
    errors, saved = [], []
    for line, row in enumerate(reader, start=2):
        school = schools.get((row["school_code"] or "").strip())
        year = years.get((row["school_year"] or "").strip())
        if school is None or year is None:
            errors.append(_("Line %(line)s: unknown school or school year.") % {"line": line})
            continue
        try:
            scores = {name: int(row[name]) for name, _label in ROI_FEATURES}
        except (TypeError, ValueError):
            errors.append(_("Line %(line)s: each score is a whole number 1-4.") % {"line": line})
            continue
        try:
            saved.append(roi_record(actor=actor, school=school, school_year=year, scores=scores))
        except ValidationError:
            errors.append(_("Line %(line)s: each score is a whole number 1-4.") % {"line": line})
            continue
    if errors:
        raise ValidationError(errors)
    return saved


@transaction.atomic
def rj_finding_record(*, actor, school, school_year, found_on) -> RjTraining:
    _require_editor(actor)
    finding, _created = RjTraining.objects.get_or_create(
        school=school,
        school_year=school_year,
        defaults={"found_on": found_on, "recorded_by": actor},
    )
    return finding


@transaction.atomic
def rj_training_record(*, actor, finding: RjTraining, trained_on) -> RjTraining:
    _require_editor(actor)
    finding.trained_on = trained_on
    finding.recorded_by = actor
    finding.full_clean()
    finding.save()
    return finding
