"""Import discipline records from a CSV file (e.g. a MiSiS export).

Each row is one record, written through the same services as the browser,
so every rule holds; a refused row is reported with its rule ids and
nothing of that row is saved. Rows are independent: one refusal does not
undo the rows before it.
"""

import csv
import datetime
import re
from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from discipline import services
from discipline import services as people_services
from discipline.models import Location, ReasonCode, Referral
from discipline.rules import RuleViolation
from interventions.models import InterventionType
from people.models import School, Student, User

COLUMNS = {
    "referral": ["student_id", "school_code", "incident_date", "location", "reason_codes",
                 "description"],
    "intervention": ["student_id", "school_code", "intervention", "tier", "started_on"],
    # The parent contact columns may be empty: NOTICE then says what is missing.
    "suspension": ["referral", "kind", "start_date", "school_days"],
    "expulsion_recommendation": ["referral", "recommended_on"],
    "safety_finding": ["referral", "found_on", "justification"],
    "transfer": ["referral", "kind", "effective_date"],
    "close": ["referral"],
    "enrollment": ["student_id", "school_code", "grade", "start"],
}  # fmt: skip


def _date(value):
    """YYYY-MM-DD or MM/DD/YYYY (a spreadsheet's US dates)."""
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%m/%d/%Y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{value!r} is not a date as YYYY-MM-DD or MM/DD/YYYY")


def _codes(value):
    """Reason codes separated by ; , or |; an unknown code is named."""
    found = []
    for code in (c for c in re.split(r"[;,|\s]+", value) if c):
        reason = ReasonCode.objects.filter(code=code).first()
        if reason is None:
            raise ValueError(f"reason_codes: {code!r} is not a reason code")
        found.append(reason)
    return found


SUSPENSION_KINDS = {"oss": "out_of_school", "iss": "in_school", "ts": "teacher"}


def _aware(moment):
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


class Command(BaseCommand):
    help = (
        "Import discipline records from CSV, one row at a time through the services (for a "
        "few rows; import_sis imports the SIS's files in bulk, with a dry run and external "
        "ids, see docs/imports.md). Columns: record, actor "
        "(username), and per record kind: "
        + "; ".join(f"{kind}: {', '.join(cols)}" for kind, cols in COLUMNS.items())
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_file", type=Path)

    def handle(self, *args, csv_file, **options):
        if not csv_file.exists():
            raise CommandError(f"{csv_file} does not exist")
        saved = refused = 0
        with csv_file.open(newline="", encoding="utf-8-sig") as handle:  # a BOM is read
            for line, row in enumerate(csv.DictReader(handle), start=2):
                try:
                    with transaction.atomic():
                        record = self.import_row(row)
                except RuleViolation as error:
                    refused += 1
                    self.stderr.write(f"line {line}: refused by {', '.join(error.rule_ids)}")
                    for message in error.messages:
                        self.stderr.write(f"  {message}")
                except (ValidationError, ObjectDoesNotExist, PermissionDenied, ValueError,
                        KeyError) as error:  # fmt: skip
                    refused += 1
                    self.stderr.write(f"line {line}: {type(error).__name__}: {error}")
                else:
                    saved += 1
                    self.stdout.write(f"line {line}: saved {record._meta.verbose_name} {record.pk}")
        self.stdout.write(f"{saved} saved, {refused} refused")
        if refused:
            raise CommandError(f"{refused} row(s) refused; nothing of those rows was saved")

    def import_row(self, row):
        kind = row["record"].strip()
        if kind not in COLUMNS:
            raise ValueError(f"unknown record kind {kind!r}")
        missing = [c for c in COLUMNS[kind] if not (row.get(c) or "").strip()]
        if missing:
            raise ValueError(f"missing {', '.join(missing)}")
        actor = User.objects.get(username=row["actor"].strip(), is_active=True)
        if kind == "referral":
            return services.referral_create(
                actor=actor,
                student=Student.objects.get(student_id=row["student_id"].strip()),
                school=School.objects.get(code=row["school_code"].strip()),
                incident_date=_date(row["incident_date"]),
                # The date of referral is the incident's unless the file says otherwise.
                referred_on=_date(row.get("referred_on") or row["incident_date"]),
                location=Location.objects.get(slug=row["location"].strip()),
                reasons=_codes(row["reason_codes"]),
                description=row["description"],
            )
        if kind == "intervention":
            return services.intervention_record(
                actor=actor,
                student=Student.objects.get(student_id=row["student_id"].strip()),
                school=School.objects.get(code=row["school_code"].strip()),
                intervention_type=InterventionType.objects.get(slug=row["intervention"].strip()),
                tier=int(row["tier"]),
                started_on=_date(row["started_on"]),
            )
        if kind == "enrollment":
            student = Student.objects.get(student_id=row["student_id"].strip())
            school = School.objects.get(code=row["school_code"].strip())
            return people_services.enrollment_create(
                actor=actor,
                student=student,
                school=school,
                grade=int(row["grade"]),
                start=_date(row["start"]),
            )
        referral = Referral.objects.get(pk=int(row["referral"]))
        if kind == "suspension":
            return services.suspension_record(
                actor=actor,
                referral=referral,
                kind=SUSPENSION_KINDS.get(row["kind"].strip().lower(), row["kind"].strip()),
                start_date=_date(row["start_date"]),
                school_days=int(row["school_days"]),
                parent_contacted_at=(
                    _aware(datetime.datetime.fromisoformat(row["parent_contacted_at"]))
                    if (row.get("parent_contacted_at") or "").strip()
                    else None
                ),
                parent_contact_method=(row.get("parent_contact_method") or "").strip(),
                parent_contact_result=(row.get("parent_contact_result") or "").strip(),
            )
        if kind == "expulsion_recommendation":
            return services.expulsion_recommendation_record(
                actor=actor, referral=referral, recommended_on=_date(row["recommended_on"])
            )
        if kind == "safety_finding":
            return services.safety_finding_record(
                actor=actor,
                referral=referral,
                found_on=_date(row["found_on"]),
                justification=row["justification"],
            )
        if kind == "transfer":
            return services.transfer_record(
                actor=actor,
                referral=referral,
                kind=row["kind"].strip(),
                effective_date=_date(row["effective_date"]),
            )
        return services.referral_close(actor=actor, referral=referral)
