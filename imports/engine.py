"""Importing a student information system's files (``imports.formats``).

``run_import`` reads every file, in the order of ``formats.ORDER``, inside ONE
transaction: each row is read (a malformed cell is refused with its line, column
and what is accepted), matched on its external id (a row already imported with
the same values is unchanged, with new values changed, else created), and the
new rows are written in bulk (``demo.writer``: COPY on PostgreSQL). Then every
created or changed record is judged by the rules (``demo.judging.judge_import``,
one call for the whole import) and a refused record names its file, line, column
and the rule ids with their messages. A dry run, or any refused row, rolls the
whole transaction back: a file that fails leaves the database as it was.
"""

from __future__ import annotations

import csv
import datetime
import gc
import io
import re
import time
import zipfile
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from demo import judging
from demo.writer import Ids, Writer, new, young_gc_only
from discipline.models import (
    ContactMethod,
    ContactResult,
    Expulsion,
    ExpulsionFinding,
    ExpulsionRecommendation,
    Incident,
    LawEnforcementContact,
    LawEnforcementKind,
    Location,
    PlacementDecision,
    ReasonCode,
    RecommendationStatus,
    Referral,
    ReferralStatus,
    SafetyFinding,
    Suspension,
    SuspensionKind,
    Transfer,
    TransferKind,
)
from imports import formats as f
from imports.models import ExternalId
from interventions.models import Intervention, InterventionOutcome, InterventionType, Tier
from people.guard import service_write
from people.ids import IdArray
from people.models import (
    NOTICE_LANGUAGES,
    BoardDistrict,
    Disability,
    Enrollment,
    Gender,
    HomeLanguage,
    NonInstructionalDay,
    RaceEthnicity,
    Region,
    RegionAlias,
    Role,
    School,
    SchoolLevel,
    SchoolYear,
    Student,
    User,
)


class RefError(f.CellError):
    """A reference to a record that is neither in the files nor in the database."""


@dataclass
class RowError:
    file: str
    line: int
    column: str
    reason: str
    rules: list[str] = field(default_factory=list)

    def __str__(self):
        where = f"{self.file} line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.reason}"

    def as_dict(self):
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "reason": self.reason,
            "rules": self.rules,
        }


@dataclass
class Report:
    dry_run: bool
    rows: int = 0
    created: Counter = field(default_factory=Counter)
    changed: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    errors: list[RowError] = field(default_factory=list)
    seconds: float = 0.0
    committed: bool = False

    @property
    def rows_per_minute(self):
        return round(self.rows / self.seconds * 60) if self.seconds else 0

    def as_dict(self):
        return {
            "dry_run": self.dry_run,
            "rows": self.rows,
            "created": dict(self.created),
            "changed": dict(self.changed),
            "unchanged": dict(self.unchanged),
            "errors": [e.as_dict() for e in self.errors],
            "seconds": round(self.seconds, 2),
            "committed": self.committed,
            "rows_per_minute": self.rows_per_minute,
        }


@dataclass
class Source:
    name: str
    kind: f.Kind
    rows: list[tuple[int, dict]]


class _RollBack(Exception):
    pass


# --- reading files -------------------------------------------------------------


def read_files(files) -> tuple[list[Source], list[RowError]]:
    """``files``: (name, bytes) pairs; a .zip holds several CSV files."""
    sources, errors = [], []
    expanded = []
    for name, data in files:
        if name.lower().endswith(".zip"):
            try:
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    for member in sorted(archive.namelist()):
                        if member.lower().endswith(".csv") and not member.startswith("__"):
                            expanded.append((member.rsplit("/", 1)[-1], archive.read(member)))
            except zipfile.BadZipFile:
                errors.append(RowError(name, 0, "", "is not a readable ZIP file"))
        else:
            expanded.append((name, data))
    for name, data in expanded:
        try:
            content = data.decode("utf-8-sig")  # a spreadsheet's "CSV UTF-8" starts with a BOM
        except UnicodeDecodeError:
            try:
                content = data.decode("cp1252")
            except UnicodeDecodeError:
                errors.append(RowError(name, 1, "", "is not UTF-8 text"))
                continue
        reader = csv.DictReader(io.StringIO(content, newline=""))
        header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
        reader.fieldnames = header
        kind = f.kind_for(name, header)
        if kind is None:
            errors.append(
                RowError(
                    name,
                    1,
                    "",
                    "is not one of the import files; name it after its kind ("
                    + ", ".join(f"{k}.csv" for k in f.KINDS)
                    + ")",
                )
            )
            continue
        missing = [c for c in kind.required if c not in header]
        if missing:
            errors.append(
                RowError(name, 1, ", ".join(missing), f"missing column(s) for {kind.name}.csv")
            )
            continue
        rows = []
        for line, row in enumerate(reader, start=2):
            if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
                continue
            rows.append((line, row))
        sources.append(Source(name, kind, rows))
    sources.sort(key=lambda s: f.ORDER.index(s.kind.name))
    return sources, errors


# --- the import -----------------------------------------------------------------

FIELD_COLUMNS = {
    "student": "student_id",
    "school": "school_code",
    "reasons": "reason_codes",
    "recommendation": "recommendation_id",
    "referral": "referral_id",
}


def run_import(files, *, actor, dry_run=True, progress=None) -> Report:
    started = time.monotonic()
    sources, errors = read_files(files)
    report = Report(dry_run=dry_run, errors=errors)
    report.rows = sum(len(s.rows) for s in sources)
    if not errors:
        importer = Importer(actor=actor, report=report, progress=progress)
        try:
            # The import judges every row it writes in bulk before it commits (people.guard).
            with transaction.atomic(), service_write("imports.engine"), young_gc_only():
                importer.run(sources)
                if report.errors or dry_run:
                    raise _RollBack
                report.committed = True
        except _RollBack:
            report.committed = False
    report.seconds = time.monotonic() - started
    return report


class Importer:
    def __init__(self, *, actor, report, progress=None):
        self.actor = actor
        self.report = report
        self.progress = progress
        self.done = 0
        self.ids = Ids()
        self.writer = Writer()
        self.to_judge = []  # (record, source name, line, kind)
        self.to_close = []  # (referral, source name, line, closed_by)
        self._users = None
        self._schools = None
        self._students = None
        self._ext = {}
        self._referrals = {}
        self._enrollments = None
        self._calendar = None

    # lookups ----------------------------------------------------------------
    @property
    def users(self):
        if self._users is None:
            self._users = {u.username: u for u in User.objects.all()}
        return self._users

    def user(self, row, column, default=None):
        name = f.text(row, column, required=False)
        if not name:
            return default or self.actor
        user = self.users.get(name)
        if user is None:
            raise RefError(column, f"no staff account {name!r} (import staff.csv first)")
        return user

    @property
    def schools(self):
        if self._schools is None:
            self._schools = {s.code: s for s in School.objects.all()}
        return self._schools

    def school(self, row, column="school_code", required=True):
        code = f.text(row, column, required=required)
        if not code:
            return None
        school = self.schools.get(code)
        if school is None:
            raise RefError(column, f"no school with code {code!r}")
        return school

    @property
    def students(self):
        if self._students is None:
            self._students = {
                sid: (pk, lang)
                for pk, sid, lang in Student.objects.values_list(
                    "pk", "student_id", "home_language"
                )
            }
        return self._students

    def student(self, row, column="student_id"):
        sid = f.text(row, column)
        found = self.students.get(sid)
        if found is None:
            raise RefError(column, f"no student with ID {sid!r}")
        return found

    def ext(self, kind):
        if kind not in self._ext:
            self._ext[kind] = dict(
                ExternalId.objects.filter(kind=kind).values_list("external_id", "object_id")
            )
        return self._ext[kind]

    def remember(self, kind, external_id, obj):
        self.ext(kind)[external_id] = obj.pk
        self.writer.add(
            new(
                ExternalId,
                pk=self.ids.take(ExternalId),
                kind=kind,
                external_id=external_id,
                object_id=obj.pk,
            )
        )

    def referral(self, row, column="referral_id"):
        ext = f.text(row, column)
        pk = self.ext("referrals").get(ext)
        if pk is None:
            raise RefError(column, f"no referral {ext!r} (in referrals.csv or imported before)")
        info = self._referrals.get(pk)
        if info is None:
            info = Referral.objects.filter(pk=pk).values("student_id", "school_id").get()
            info = self._referrals[pk] = (info["student_id"], info["school_id"])
        return pk, info

    @property
    def calendar(self):
        if self._calendar is None:
            years = list(SchoolYear.objects.order_by("first_day"))
            closed = set(NonInstructionalDay.objects.values_list("date", flat=True))
            days = []
            for year in years:
                day = year.first_day
                while day <= year.last_day:
                    if day.weekday() < 5 and day not in closed:
                        days.append(day)
                    day += datetime.timedelta(days=1)
            self._calendar = (years, days)
        return self._calendar

    def year_of(self, day, column):
        for year in self.calendar[0]:
            if year.first_day <= day <= year.last_day:
                return year
        raise f.CellError(column, f"{day:%Y-%m-%d} is outside every school year")

    def end_of(self, start, count, column):
        days = self.calendar[1]
        i = bisect_left(days, start) + count - 1
        if i >= len(days):
            raise f.CellError(column, "runs past the last school day of the calendar")
        return days[i]

    def grade_on(self, student_id, day):
        if self._enrollments is None:
            self._enrollments = defaultdict(list)
            for sid, start, end, grade in Enrollment.objects.values_list(
                "student_id", "start", "end", "grade"
            ).order_by("start"):
                self._enrollments[sid].append((start, end, grade))
        grade = None
        for start, end, g in self._enrollments.get(student_id, []):
            if start <= day and (end is None or end >= day):
                grade = g
        return grade

    # the run ------------------------------------------------------------------
    existing_reasons: dict = {}

    def run(self, sources):
        total = self.report.rows
        for source in sources:
            self.prefetch(source)
            handler = getattr(self, f"row_{source.kind.name}")
            for line, row in source.rows:
                try:
                    outcome, obj = handler(row)
                except f.CellError as error:
                    self.report.errors.append(
                        RowError(source.name, line, error.column, error.message)
                    )
                else:
                    getattr(self.report, outcome)[source.kind.name] += 1
                    if obj is not None and outcome != "unchanged":
                        self.to_judge.append((obj, source.name, line, source.kind))
                self.done += 1
                if self.progress and (self.done % 500 == 0 or self.done == total):
                    self.progress(self.done, total, "read")
            self.writer.flush()
            gc.collect(1)  # the file's cyclic garbage (demo.writer.young_gc_only)
            if source.kind.name in ("school_years", "non_instructional_days"):
                self._calendar = None
            if source.kind.name == "enrollments":
                self._enrollments = None
        self.close_referrals()
        self.writer.finish()
        if self.report.errors:
            return
        if self.progress:
            self.progress(total, total, "judge")
        origins = {id(o[0]): o for o in self.to_judge}
        for obj, violations in judging.judge_import([r for r, *_ in self.to_judge]):
            _, name, line, kind = origins[id(obj)]
            for v in violations:
                column = FIELD_COLUMNS.get(v.field, v.field or "")
                if column and column not in kind.column_names:
                    column = ""
                self.report.errors.append(RowError(name, line, column, v.text("en"), [v.rule_id]))

    MODELS = {
        "enrollments": Enrollment,
        "referrals": Referral,
        "interventions": Intervention,
        "expulsion_recommendations": ExpulsionRecommendation,
        "expulsion_findings": ExpulsionFinding,
        "safety_findings": SafetyFinding,
        "placement_decisions": PlacementDecision,
        "suspensions": Suspension,
        "transfers": Transfer,
        "expulsions": Expulsion,
        "law_enforcement_contacts": LawEnforcementContact,
    }

    def prefetch(self, source):
        """Records the file names that exist already, read in a few queries (a re-run)."""
        self.existing = {}
        kind = source.kind
        if kind.name == "students":
            ids = [(row.get("student_id") or "").strip() for _, row in source.rows]
            for n in range(0, len(ids), 5000):
                for student in Student.objects.filter(student_id__in=ids[n : n + 5000]):
                    self.existing[student.student_id] = student
            return
        model = self.MODELS.get(kind.name)
        if model is None:
            return
        if "referral_id" in kind.column_names and kind.name != "referrals":
            # The student and school of the referrals the file's rows name, at once.
            named = self.ext("referrals")
            wanted = {
                named[k]
                for _, row in source.rows
                if (k := (row.get("referral_id") or "").strip()) in named
            } - self._referrals.keys()
            wanted = list(wanted)
            for n in range(0, len(wanted), 5000):
                for pk, student_id, school_id in Referral.objects.filter(
                    pk__in_ids=IdArray(wanted[n : n + 5000])
                ).values_list("pk", "student_id", "school_id"):
                    self._referrals[pk] = (student_id, school_id)
        known = self.ext(kind.name)
        pks = [
            known[k] for _, row in source.rows if (k := (row.get(kind.key) or "").strip()) in known
        ]
        for n in range(0, len(pks), 5000):
            chunk = model.objects.in_bulk(pks[n : n + 5000])
            self.existing.update({obj.pk: obj for obj in chunk.values()})
        if model is Referral and self.existing:
            self.existing_reasons = defaultdict(list)
            through = Referral.reasons.through.objects.filter(
                referral_id__in_ids=IdArray(list(self.existing))
            )
            for referral_id, reason_id in through.values_list("referral_id", "reasoncode_id"):
                self.existing_reasons[referral_id].append(reason_id)

    def close_referrals(self):
        changed = []
        now = timezone.now()
        for referral, closed_by in self.to_close:
            referral.status = ReferralStatus.CLOSED
            referral.closed_by = closed_by
            referral.closed_at = now
            changed.append(referral)
        if not changed:
            return
        if connection.vendor != "postgresql":
            Referral.objects.bulk_update(changed, ["status", "closed_by", "closed_at"], 2000)
            return
        # One UPDATE from two arrays: Django's bulk_update builds a CASE of one
        # WHEN per row, which took 17 s of Python for 8,000 referrals.
        table = connection.ops.quote_name(Referral._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} AS r SET status = %s, closed_by_id = v.closed_by, "
                "closed_at = %s FROM unnest(%s::bigint[], %s::bigint[]) AS v(id, closed_by) "
                "WHERE r.id = v.id",
                [
                    ReferralStatus.CLOSED.value,
                    now,
                    "{" + ",".join(str(r.pk) for r in changed) + "}",
                    "{" + ",".join(str(r.closed_by_id or "NULL") for r in changed) + "}",
                ],
            )

    # one handler per kind: (outcome, record to judge) --------------------------
    def _upsert(self, existing, values, create):
        if existing is None:
            return "created", create()
        diff = [k for k, v in values.items() if getattr(existing, k) != v]
        if not diff:
            return "unchanged", existing
        for k in diff:
            setattr(existing, k, values[k])
        existing.save(update_fields=diff) if not hasattr(existing, "check_rules") else None
        return "changed", existing

    def row_school_years(self, row):
        name = f.text(row, "school_year", max_length=9)
        values = {"first_day": f.date(row, "first_day"), "last_day": f.date(row, "last_day")}
        rate = f.text(row, "ada_daily_rate", required=False)
        if rate:
            try:
                values["ada_daily_rate"] = Decimal(rate)
            except InvalidOperation:
                raise f.CellError("ada_daily_rate", f"{rate!r} is not an amount") from None
        if values["last_day"] <= values["first_day"]:
            raise f.CellError("last_day", "is not after first_day")
        existing = SchoolYear.objects.filter(name=name).first()
        return self._upsert(
            existing, values, lambda: SchoolYear.objects.create(name=name, **values)
        )

    def row_non_instructional_days(self, row):
        day = f.date(row, "date")
        year = self.year_of(day, "date")
        description = f.text(row, "description", max_length=120)
        existing = NonInstructionalDay.objects.filter(school_year=year, date=day).first()
        return self._upsert(
            existing,
            {"description": description},
            lambda: NonInstructionalDay.objects.create(
                school_year=year, date=day, description=description
            ),
        )

    _regions = None

    def _region(self, row):
        value = f.text(row, "region", max_length=120)
        if self._regions is None:
            self._regions = list(Region.objects.all())
        for region in self._regions:
            if value.lower() in (region.code.lower(), region.name.lower()):
                return region
        alias = RegionAlias.objects.filter(name__iexact=value).first()
        if alias:
            return alias.region
        region = Region.objects.create(name=value, code=slugify(value)[:20] or "region")
        self._regions.append(region)
        return region

    _boards = None

    def _board(self, number):
        if self._boards is None:
            self._boards = {b.number: b for b in BoardDistrict.objects.all()}
        if number not in self._boards:
            self._boards[number] = BoardDistrict.objects.create(number=number)
        return self._boards[number]

    def row_schools(self, row):
        code = f.text(row, "school_code", max_length=10)
        board = f.integer(row, "board_district", low=1, high=7)
        values = {
            "name": f.text(row, "name", max_length=200),
            "level": f.choice(row, "level", SchoolLevel.choices),
            "region": self._region(row),
            "board_district": self._board(board),
            "active": f.boolean(row, "active", default=True),
        }
        existing = self.schools.get(code)

        def create():
            school = School.objects.create(code=code, **values)
            self.schools[code] = school
            return school

        return self._upsert(existing, values, create)

    def row_staff(self, row):
        username = f.text(row, "username", max_length=150)
        values = {
            "first_name": f.text(row, "first_name", max_length=150),
            "last_name": f.text(row, "last_name", max_length=150),
            "role": f.choice(row, "role", Role.choices),
            "position": f.text(row, "position", required=False, max_length=80),
            "email": f.text(row, "email", required=False, max_length=254),
        }
        codes = [c for c in re.split(r"[;,|\s]+", row.get("school_codes") or "") if c]
        schools = []
        for code in codes:
            if code not in self.schools:
                raise RefError("school_codes", f"no school with code {code!r}")
            schools.append(self.schools[code])
        existing = self.users.get(username)

        def create():
            user = User(username=username, **values)
            user.set_unusable_password()
            user.save()
            self.users[username] = user
            return user

        outcome, user = self._upsert(existing, values, create)
        if {s.pk for s in schools} != set(user.schools.values_list("pk", flat=True)):
            user.schools.set(schools)
            outcome = "changed" if outcome == "unchanged" else outcome
        return outcome, None

    def row_students(self, row):
        sid = f.text(row, "student_id", max_length=12)
        values = {
            "first_name": f.text(row, "first_name", max_length=80),
            "last_name": f.text(row, "last_name", max_length=80),
            "birth_date": f.date(row, "birth_date"),
            "gender": f.choice(row, "gender", Gender.choices, aliases={"female": "F", "male": "M"}),
            "race_ethnicity": f.choice(row, "race_ethnicity", RaceEthnicity.choices),
            "english_learner": f.boolean(row, "english_learner"),
            "disability": f.choice(
                row, "disability", Disability.choices, required=False, default="none"
            ),
            "socioeconomically_disadvantaged": f.boolean(row, "socioeconomically_disadvantaged"),
            "home_language": f.choice(
                row, "home_language", HomeLanguage.choices, required=False, default="en"
            ),
        }
        if sid not in self.existing:
            student = new(Student, pk=self.ids.take(Student), student_id=sid, **values)
            self.writer.add(student)
            self.students[sid] = (student.pk, values["home_language"])
            return "created", None
        outcome, _ = self._upsert(self.existing[sid], values, None)
        return outcome, None

    def row_enrollments(self, row):
        ext = f.text(row, "enrollment_id", max_length=64)
        student_pk, _ = self.student(row)
        school = self.school(row)
        values = {
            "student_id": student_pk,
            "school_id": school.pk,
            "grade": f.integer(row, "grade", low=-1, high=12, aliases={"TK": -1, "K": 0}),
            "start": f.date(row, "start"),
            "end": f.date(row, "end", required=False),
        }
        if values["end"] and values["end"] < values["start"]:
            raise f.CellError("end", "is before start")
        pk = self.ext("enrollments").get(ext)
        if pk is None:
            enrollment = new(Enrollment, pk=self.ids.take(Enrollment), **values)
            self.writer.add(enrollment)
            self.remember("enrollments", ext, enrollment)
            return "created", enrollment
        existing = self.existing[pk]
        diff = [k for k, v in values.items() if getattr(existing, k) != v]
        if not diff:
            return "unchanged", existing
        for k in diff:
            setattr(existing, k, values[k])
        Enrollment.objects.bulk_update([existing], diff)  # judged with the rest below
        return "changed", existing

    _locations = None

    def location(self, row):
        if self._locations is None:
            self._locations = {}
            for loc in Location.objects.all():
                self._locations[loc.slug.lower()] = loc.pk
                self._locations[loc.label.lower()] = loc.pk
        value = f.text(row, "location")
        pk = self._locations.get(value.lower()) or self._locations.get(slugify(value))
        if pk is None:
            raise f.CellError("location", f"{value!r} is not a location; see docs/imports.md")
        return pk

    _codes = None

    def reasons(self, row):
        if self._codes is None:
            self._codes = {r.code.upper(): r for r in ReasonCode.objects.all()}
        found = []
        for code in f.codes(row, "reason_codes"):
            reason = self._codes.get(code.upper())
            if reason is None:
                raise f.CellError(
                    "reason_codes", f"{code!r} is not a reason code (the codes are on /rules/)"
                )
            found.append(reason)
        return found

    def row_referrals(self, row):
        ext = f.text(row, "referral_id", max_length=64)
        student_pk, _ = self.student(row)
        school = self.school(row)
        incident = f.date(row, "incident_date")
        referred_on = f.date(row, "referred_on", required=False) or incident
        reasons = self.reasons(row)
        referred_by = self.user(row, "referred_by")
        status = f.choice(
            row, "status", ReferralStatus.choices, required=False, default=ReferralStatus.OPEN
        )
        closed_by = self.user(row, "closed_by", default=referred_by)
        values = {
            "student_id": student_pk,
            "school_id": school.pk,
            "incident_date": incident,
            "referred_on": referred_on,
            "incident_time": f.time_of_day(row, "incident_time"),
            "location_id": self.location(row),
            "description": f.text(row, "description"),
            "referred_by_id": referred_by.pk,
        }
        pk = self.ext("referrals").get(ext)
        if pk is not None:
            # Read with the file's other referrals (prefetch), not one by one.
            existing = self.existing.get(pk) or Referral.objects.get(pk=pk)
            self._referrals[existing.pk] = (existing.student_id, existing.school_id)
            diff = [k for k, v in values.items() if getattr(existing, k) != v]
            stored_reasons = (
                self.existing_reasons.get(pk, [])
                if pk in self.existing
                else list(existing.reasons.values_list("pk", flat=True))
            )
            if sorted(r.pk for r in reasons) != sorted(stored_reasons):
                raise f.CellError(
                    "reason_codes",
                    "differ from the referral imported before; a change of reasons is made in "
                    "the application, where the rules judge it",
                )
            closing = status == ReferralStatus.CLOSED and existing.status != ReferralStatus.CLOSED
            if not diff and not closing:
                return "unchanged", existing
            for k in diff:
                setattr(existing, k, values[k])
            if diff:
                Referral.objects.bulk_update([existing], diff)
            if closing:
                self.to_close.append((existing, closed_by))
            self._referrals[existing.pk] = (existing.student_id, existing.school_id)
            return "changed", existing
        incident_row = new(
            Incident, pk=self.ids.take(Incident), school_id=school.pk, created_by_id=referred_by.pk
        )
        self.writer.add(incident_row)
        referral = new(
            Referral,
            pk=self.ids.take(Referral),
            incident_id=incident_row.pk,
            grade=self.grade_on(student_pk, incident),
            **values,
        )
        self.writer.add(referral)
        through = Referral.reasons.through
        for reason in reasons:
            self.writer.add(new(through, referral_id=referral.pk, reasoncode_id=reason.pk))
        self.remember("referrals", ext, referral)
        self._referrals[referral.pk] = (student_pk, school.pk)
        if status == ReferralStatus.CLOSED:
            self.to_close.append((referral, closed_by))
        return "created", referral

    _types = None

    def intervention_type(self, row):
        if self._types is None:
            self._types = {}
            for t in InterventionType.objects.all():
                self._types[t.slug.lower()] = t.pk
                self._types[t.label.lower()] = t.pk
        value = f.text(row, "intervention_type")
        pk = self._types.get(value.lower()) or self._types.get(slugify(value))
        if pk is None:
            raise f.CellError(
                "intervention_type", f"{value!r} is not an intervention type; see docs/imports.md"
            )
        return pk

    def _outcome(self, model, kind, row, values, key):
        """Create or match an outcome of a referral by its external id."""
        ext = f.text(row, key, max_length=64)
        pk = self.ext(kind).get(ext)
        if pk is None:
            obj = new(model, pk=self.ids.take(model), **values)
            self.writer.add(obj)
            self.remember(kind, ext, obj)
            return "created", obj
        existing = self.existing[pk]
        diff = [k for k, v in values.items() if getattr(existing, k) != v]
        if not diff:
            return "unchanged", existing
        for k in diff:
            setattr(existing, k, values[k])
        model.objects.bulk_update([existing], diff)
        return "changed", existing

    def _referral_fields(self, row, decided_by=None):
        pk, (student_id, school_id) = self.referral(row)
        return {
            "referral_id": pk,
            "student_id": student_id,
            "school_id": school_id,
            "decided_by_id": (decided_by or self.user(row, "decided_by")).pk,
        }

    def row_interventions(self, row):
        student_pk, _ = self.student(row)
        school = self.school(row)
        started = f.date(row, "started_on")
        referral_ext = f.text(row, "referral_id", required=False)
        referral_id = self.referral(row)[0] if referral_ext else None
        provider = self.user(row, "provider")
        values = {
            "student_id": student_pk,
            "school_id": school.pk,
            "school_year_id": self.year_of(started, "started_on").pk,
            "referral_id": referral_id,
            "intervention_type_id": self.intervention_type(row),
            "tier": f.choice(row, "tier", [(t.value, str(t.value)) for t in Tier]),
            "started_on": started,
            "ended_on": f.date(row, "ended_on", required=False),
            "provider_id": provider.pk,
            "recorded_by_id": provider.pk,
            "outcome": f.choice(
                row, "outcome", InterventionOutcome.choices, required=False,
                default=InterventionOutcome.IN_PROGRESS,
            ),
        }  # fmt: skip
        if values["ended_on"] and values["ended_on"] < started:
            raise f.CellError("ended_on", "is before started_on")
        return self._outcome(Intervention, "interventions", row, values, "intervention_id")

    def row_expulsion_recommendations(self, row):
        values = self._referral_fields(row)
        values["recommended_on"] = f.date(row, "recommended_on")
        values["status"] = f.choice(
            row, "status", RecommendationStatus.choices, required=False,
            default=RecommendationStatus.PENDING,
        )  # fmt: skip
        return self._outcome(
            ExpulsionRecommendation, "expulsion_recommendations", row, values, "recommendation_id"
        )

    def row_expulsion_findings(self, row):
        values = self._referral_fields(row)
        values["found_on"] = f.date(row, "found_on")
        values["finding"] = f.text(row, "finding")
        return self._outcome(ExpulsionFinding, "expulsion_findings", row, values, "finding_id")

    def row_safety_findings(self, row):
        values = self._referral_fields(row)
        values["found_on"] = f.date(row, "found_on")
        values["justification"] = f.text(row, "justification")
        return self._outcome(SafetyFinding, "safety_findings", row, values, "finding_id")

    def row_placement_decisions(self, row):
        values = self._referral_fields(row)
        values.update(
            decided_on=f.date(row, "decided_on"),
            change_of_placement=f.boolean(row, "change_of_placement"),
            review_held_on=f.date(row, "review_held_on", required=False),
            behavior_was_manifestation=f.boolean(
                row, "behavior_was_manifestation", allow_none=True
            ),
            reasoning=f.text(row, "reasoning", required=False),
        )
        return self._outcome(PlacementDecision, "placement_decisions", row, values, "decision_id")

    def row_suspensions(self, row):
        decided_by = self.user(row, "decided_by")
        values = self._referral_fields(row, decided_by)
        start = f.date(row, "start_date")
        days = f.integer(row, "school_days", low=1, high=200)
        kind = f.choice(
            row, "kind", SuspensionKind.choices,
            aliases={"oss": "out_of_school", "iss": "in_school", "ts": "teacher",
                     "out_of_school_suspension": "out_of_school",
                     "in_school_suspension": "in_school", "class": "teacher"},
        )  # fmt: skip
        language = f.text(row, "notice_language", required=False).lower()
        if language and language not in NOTICE_LANGUAGES:
            raise f.CellError("notice_language", f"{language!r} is not en or es")
        if not language:
            language = self._student_language(values["student_id"])
        values.update(
            kind=kind,
            start_date=start,
            school_days=days,
            school_year_id=self.year_of(start, "start_date").pk,
            end_date=self.end_of(start, days, "school_days"),
            parent_contacted_at=f.moment(row, "parent_contacted_at"),
            parent_contact_method=f.choice(row, "parent_contact_method", ContactMethod.choices),
            parent_contact_result=f.choice(row, "parent_contact_result", ContactResult.choices),
            parent_contacted_by_id=self.user(row, "parent_contacted_by", default=decided_by).pk,
            notice_language=language,
        )
        return self._outcome(Suspension, "suspensions", row, values, "suspension_id")

    _languages = None

    def _student_language(self, student_pk):
        if self._languages is None:
            self._languages = {pk: lang for pk, lang in self.students.values()}
        lang = self._languages.get(student_pk, "en")
        return lang if lang in NOTICE_LANGUAGES else "en"

    def row_transfers(self, row):
        values = self._referral_fields(row)
        receiving = self.school(row, "receiving_school_code", required=False)
        values.update(
            kind=f.choice(row, "kind", TransferKind.choices),
            effective_date=f.date(row, "effective_date"),
            receiving_school_id=receiving.pk if receiving else None,
            days_lost=f.integer(row, "days_lost", low=0, high=365, required=False),
        )
        return self._outcome(Transfer, "transfers", row, values, "transfer_id")

    def row_expulsions(self, row):
        ext = f.text(row, "recommendation_id")
        rec_pk = self.ext("expulsion_recommendations").get(ext)
        if rec_pk is None:
            raise RefError("recommendation_id", f"no recommendation for expulsion {ext!r}")
        rec = (
            ExpulsionRecommendation.objects.filter(pk=rec_pk)
            .values("referral_id", "student_id", "school_id")
            .get()
        )
        values = {
            "recommendation_id": rec_pk,
            **rec,
            "decided_by_id": self.user(row, "decided_by").pk,
            "ordered_on": f.date(row, "ordered_on"),
            "starts_on": f.date(row, "starts_on"),
            "ends_on": f.date(row, "ends_on"),
            "days_lost": f.integer(row, "days_lost", low=0, high=365, required=False),
        }
        return self._outcome(Expulsion, "expulsions", row, values, "expulsion_id")

    def row_law_enforcement_contacts(self, row):
        values = self._referral_fields(row)
        values.update(
            kind=f.choice(row, "kind", LawEnforcementKind.choices),
            occurred_on=f.date(row, "occurred_on"),
            school_based=f.boolean(row, "school_based", default=True),
            agency=f.text(row, "agency", required=False, max_length=120),
            days_lost=f.integer(row, "days_lost", low=0, high=365, required=False),
        )
        return self._outcome(
            LawEnforcementContact, "law_enforcement_contacts", row, values, "contact_id"
        )
