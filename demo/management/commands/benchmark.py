"""manage.py benchmark: the district's hot paths, timed on a generated district.

Run it against PostgreSQL (``DATABASE_URL``) in a database it may write to: an
empty one (it generates the district first, timed) or one the generator made.
It prints a table and writes it to docs/benchmarks.md with the date, the machine
and the command. Every figure is also given as a ratio to the floor: the bare SQL
aggregates a publication needs (one GROUP BY over all events, and the enrollment
counts at each month's end). Writes are rolled back. Timings are never asserted
in tests; ``--quick`` is the small smoke run the test suite makes.
"""

from __future__ import annotations

import csv
import datetime
import http.cookiejar
import io
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from demo import judging
from demo.generator import FULL_SCHOOLS, FULL_STUDENTS, Size
from demo.guard import holds_records, refuse_foreign_data, refuse_production
from demo.management.commands.generate_district import generate
from demo.models import GeneratedDistrict
from discipline import services
from discipline.benchmarks import time_bulk_judgment, time_writes
from discipline.models import (
    Expulsion,
    LawEnforcementContact,
    Location,
    ReasonCode,
    Referral,
    Suspension,
    Transfer,
)
from imports.engine import run_import
from imports.export import export_district
from people.demo import DEMO_PASSWORD
from people.models import Enrollment, Role, SchoolYear, Student, User
from reporting import metrics
from reporting.services import build_publication, publication_system


def _ms(seconds):
    return seconds * 1000


def _stats(values):
    values = sorted(values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return statistics.median(values), p95


def _cpu_seconds(pid):
    """utime + stime of a process (all its threads), in seconds; 0 if gone."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _server_cpu(server_pid):
    """CPU seconds of gunicorn (master and workers) and, by pid, of the
    PostgreSQL backends connected to this database but this process's own."""
    pids = [server_pid]
    if os.path.isdir("/proc"):
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as handle:
                        parent = int(handle.read().rsplit(")", 1)[1].split()[1])
                except (OSError, ValueError, IndexError):
                    continue
                if parent == server_pid:
                    pids.append(int(entry))
    backends = {}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid()"
            )
            backends = {pid: _cpu_seconds(pid) for (pid,) in cursor.fetchall()}
    return {pid: _cpu_seconds(pid) for pid in pids}, backends


class Command(BaseCommand):
    help = (
        "Benchmark the district at scale on PostgreSQL: generator load time, rules-checked "
        "writes (median, p95, queries), bulk judgment, pages under concurrent users over real "
        "HTTP (gunicorn, DEBUG off), publishing a month, import rows per minute, and the "
        "floor (bare SQL aggregates). Prints a table and writes docs/benchmarks.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schools", type=int, default=FULL_SCHOOLS)
        parser.add_argument("--students", type=int, default=FULL_STUDENTS)
        parser.add_argument("--years", type=int, default=3)
        parser.add_argument("--repeat", type=int, default=30)
        parser.add_argument("--users", type=int, default=20, help="concurrent HTTP users")
        parser.add_argument("--requests", type=int, default=10, help="requests per user")
        parser.add_argument(
            "--think",
            type=float,
            default=0.0,
            help="also run the queue and the history with this mean pause (seconds, exponential) "
            "between a user's requests, as people reading pages; 0: closed loop only",
        )
        parser.add_argument("--import-students", type=int, default=20_000)
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "docs/benchmarks.md"))
        parser.add_argument("--no-http", action="store_true", help="skip the HTTP load test")
        parser.add_argument("--no-publication", action="store_true", help="skip publishing a month")
        parser.add_argument("--quick", action="store_true", help="a smoke run (tests)")
        parser.add_argument(
            "--reports-only",
            action="store_true",
            help="time only the district reports: each alone in process (computed and "
            "served), then each under --users concurrent users over HTTP",
        )
        parser.add_argument(
            "--report-repeat", type=int, default=5, help="requests per report, alone (0: none)"
        )
        parser.add_argument(
            "--pages-only",
            action="store_true",
            help="only the pages over HTTP: the queue, a history, the public index and the "
            "harness's floor (no writes, import, publication or district report)",
        )
        parser.add_argument("--allow-existing-data", action="store_true")
        parser.add_argument("--allow-production", action="store_true")

    def handle(self, *args, **o):
        refuse_production("benchmark", o["allow_production"])
        refuse_foreign_data("benchmark", o["allow_existing_data"])
        self.rows = []
        self.notes = []
        self.load_at_start = os.getloadavg()
        if not holds_records():
            size = Size(o["schools"], o["students"], o["years"])
            self.stdout.write(f"Generating {size.schools} schools, {size.students:,} students...")
            started, cpu = time.perf_counter(), time.process_time()
            result = generate(command="benchmark", size=size, seed=2026, out=None)
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
            self.add(
                "generator: the whole district, committed",
                wall,
                unit="s",
                extra=f"this process's CPU {cpu:.1f} s; {sum(result.counts.values()):,} rows",
            )
        else:
            run = GeneratedDistrict.objects.first()
            if run:
                self.add(f"generator (earlier run by {run.command})", run.seconds, unit="s")
        if connection.vendor == "postgresql":
            # A freshly loaded database has the planner's estimates of empty
            # tables until autovacuum comes by; a district's tables are analyzed.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.sizes = {
            "schools": int(Student.objects.values("enrollments__school").distinct().count()),
            "students": Student.objects.count(),
            "referrals": Referral.objects.count(),
            "suspensions": Suspension.objects.count(),
        }
        repeat = 3 if o["quick"] else o["repeat"]
        self.pages_only = o["pages_only"]
        self.think = 0.0
        self.floor = None
        if o["reports_only"]:
            self.floor = self.measure_floor()
            if o["report_repeat"] > 0:  # 0: the HTTP part only
                self.measure_reports_alone(2 if o["quick"] else o["report_repeat"])
            if not o["no_http"]:
                users, requests = (2, 2) if o["quick"] else (o["users"], o["requests"])
                self.measure_http(users, requests, pages=self.report_pages())
            return self.finish(o)
        if not self.pages_only:
            self.floor = self.measure_floor()
            self.measure_counts()
            self.measure_writes(repeat)
            self.measure_bulk_judgment(200 if o["quick"] else 20_000)
            if not o["no_publication"]:
                self.measure_publication()
            self.measure_import(50 if o["quick"] else o["import_students"])
        if not o["no_http"]:
            users, requests = (2, 2) if o["quick"] else (o["users"], o["requests"])
            self.think = 0.0 if o["quick"] else o["think"]
            self.measure_http(users, requests)
        self.finish(o)

    def finish(self, o):
        text = self.table(o)
        self.stdout.write(text)
        if o["output"]:
            Path(o["output"]).write_text(text, encoding="utf-8")
            self.stdout.write(f"Written to {o['output']}")

    # --- recording -------------------------------------------------------------
    def add(self, name, value, *, unit="ms", p95=None, extra="", floor=True):
        self.rows.append((name, value, p95, unit, extra, floor))
        # Each figure as soon as it is measured: a long run read before its end.
        shown95 = f" p95 {p95:.1f}" if p95 is not None else ""
        self.stdout.write(f"  {name}: {value:.1f} {unit}{shown95} {extra}")
        self.stdout.flush()

    # --- the floor ---------------------------------------------------------------
    def measure_floor(self):
        month = self.last_month()
        months = [metrics.add_months(month, -k) for k in range(12)]

        def events():
            rows = 0
            for model, day in (
                (Referral, "incident_date"),
                (Suspension, "start_date"),
                (Transfer, "effective_date"),
                (Expulsion, "starts_on"),
                (LawEnforcementContact, "occurred_on"),
            ):
                rows += len(
                    model.objects.filter(voided_at__isnull=True)
                    .annotate(m=TruncMonth(day))
                    .values("school_id", "m")
                    .annotate(n=Count("pk"))
                )
            return rows

        def enrollment():
            rows = 0
            for m in months:
                end = metrics.month_end(m)
                rows += len(
                    Enrollment.objects.filter(Q(end__isnull=True) | Q(end__gte=end), start__lte=end)
                    .values("school_id")
                    .annotate(n=Count("pk"))
                )
            return rows

        a = min(self.timed(events) for _ in range(3))
        b = min(self.timed(enrollment) for _ in range(3))
        self.add("floor: GROUP BY over all events (school x month)", _ms(a), floor=False)
        self.add("floor: enrollment counts at 12 month ends", _ms(b), floor=False)
        self.add("floor: both (the unit of the ratios)", _ms(a + b), floor=False)
        return _ms(a + b)

    @staticmethod
    def timed(call):
        started = time.perf_counter()
        call()
        return time.perf_counter() - started

    @staticmethod
    def last_month():
        today = timezone.localdate()
        return metrics.month_start(today.replace(day=1) - datetime.timedelta(days=1))

    # --- writes through the services ---------------------------------------------
    def measure_writes(self, repeat):
        referral = (
            Referral.objects.valid()
            .filter(incident_date__gte=timezone.localdate() - datetime.timedelta(days=120))
            .order_by("pk")
            .select_related("student", "school")
            .first()
        )
        if referral is None:
            self.notes.append("No recent referral: the write timings were skipped.")
            return
        teacher = User.objects.filter(role=Role.TEACHER, schools=referral.school).first()
        admin = User.objects.filter(role=Role.ADMINISTRATOR, schools=referral.school).first()
        location = Location.objects.first()
        reasons = list(ReasonCode.objects.filter(code__in=["3.7"]))

        def refer():
            return services.referral_create(
                actor=teacher, student=referral.student, school=referral.school,
                incident_date=referral.incident_date, location=location, reasons=reasons,
                description="Benchmark referral.",
            )  # fmt: skip

        # A referral with an offense (not willful defiance alone) for the suspension.
        suspended = (
            Suspension.objects.valid()
            .filter(referral__incident_date__gte=referral.incident_date)
            .select_related("referral", "decided_by")
            .order_by("pk")
            .first()
        )
        target = suspended.referral if suspended else referral
        decider = suspended.decided_by if suspended else admin

        def suspend():
            return services.suspension_record(
                actor=decider, referral=target, kind="teacher", start_date=target.incident_date,
                school_days=1, parent_contacted_at=timezone.now(), parent_contact_method="phone",
                parent_contact_result="reached",
            )  # fmt: skip

        for name, call in (
            ("save a referral with all rules (rolled back)", refer),
            ("record a suspension with all rules (rolled back)", suspend),
        ):
            t = time_writes(call, repeat)  # discipline.benchmarks: the stack's timing
            extra = f"{t['queries']:.0f} queries per write; CPU {t['cpu_median_ms']:.1f} ms"
            if t["refused"]:
                extra += f"; {t['refused']} of {repeat} refused by the rules"
            self.add(name, t["median_ms"], p95=t["p95_ms"], extra=extra)

    def measure_bulk_judgment(self, limit):
        # The stack's measure: proposed suspensions judged from the bulk facts.
        year = SchoolYear.containing(self.last_month())
        stored = list(
            Suspension.objects.valid().filter(school_year=year).select_related("decided_by")[:limit]
        )
        if stored:
            proposals = [(s.student_id, services.suspension_proposal(s)) for s in stored]
            t = time_bulk_judgment(proposals, year)
            self.add(
                f"bulk judgment of {t['proposals']:,} suspensions ({t['students']:,} students)",
                t["total_s"] * 1000,
                extra=f"{t['queries']} queries; load {t['load_s']:.2f} s, judge "
                f"{t['judge_s']:.2f} s; CPU {t['cpu_s']:.2f} s",
            )
        # The import's and the generator's judgment: stored records of every kind.
        records = list(Referral.objects.valid().order_by("-pk")[:limit])
        records += list(Suspension.objects.valid().order_by("-pk")[:limit])
        started, cpu = time.perf_counter(), time.process_time()
        refused = judging.judge_records(records)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        self.add(
            f"bulk judgment of {len(records):,} stored records (judge_records)",
            _ms(seconds),
            extra=f"{_ms(seconds) / max(1, len(records)):.3f} ms a record; CPU {cpu:.2f} s; "
            f"{len(refused)} refused",
        )

    def measure_counts(self):
        """Counting a month's publication: every cell of the month, its windows and
        the months a reader can combine them with (``publication_system``), before
        suppression: issue 13's "a small multiple of the bare aggregates"."""
        month = self.last_month()
        started, cpu = time.perf_counter(), time.process_time()
        system = publication_system(month)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        self.add(
            f"count one month ({month:%Y-%m}) before suppression",
            _ms(wall),
            extra=f"{len(system.values):,} cells; CPU {cpu:.1f} s",
        )

    def measure_publication(self):
        month = self.last_month()
        with transaction.atomic():
            started = time.perf_counter()
            build_publication(month)
            seconds = time.perf_counter() - started
            transaction.set_rollback(True)
        self.add(f"publish one month ({month:%Y-%m}), whole district", _ms(seconds))

    # --- import ------------------------------------------------------------------
    def measure_import(self, n_students):
        """A slice of the district exported, renamed into new schools and students,
        and imported as a dry run (every row read, written, judged, rolled back)."""
        with tempfile.TemporaryDirectory() as tmp:
            export_district(Path(tmp))
            files = self.renamed_slice(Path(tmp), n_students)
        importer = User.objects.filter(role=Role.DISTRICT).first()

        def timed_import(label, dry_run):
            cpu = time.process_time()
            report = run_import(files, actor=importer, dry_run=dry_run)
            cpu = time.process_time() - cpu
            self.add(
                f"{label}: {report.rows:,} rows (a slice of {n_students:,} students)",
                report.seconds * 1000,
                extra=f"{report.rows_per_minute:,} rows/minute; CPU {cpu:.2f} s; "
                f"{len(report.errors)} refused",
            )
            return report

        timed_import("import dry run", True)
        # The real run and a re-run of the same files (every row unchanged), in a
        # transaction rolled back afterwards; foreign keys checked row by row as
        # a commit would (SET CONSTRAINTS ALL IMMEDIATE).
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            timed_import("import real run (rolled back)", False)
            timed_import("import re-run of the same files (rolled back)", False)
            transaction.set_rollback(True)

    @staticmethod
    def renamed_slice(directory, n_students):
        def read(kind):
            with (directory / f"{kind}.csv").open(newline="", encoding="utf-8") as handle:
                return list(csv.DictReader(handle))

        def rename_ids(row, *columns):
            for c in columns:
                if row.get(c):
                    row[c] = "B" + row[c]
            return row

        students = read("students")[:n_students]
        kept = {s["student_id"] for s in students}
        out = {"schools": [rename_ids(r, "school_code") for r in read("schools")]}
        out["students"] = [rename_ids(s, "student_id") for s in students]
        out["enrollments"] = [
            rename_ids(r, "enrollment_id", "student_id", "school_code")
            for r in read("enrollments")
            if r["student_id"] in kept
        ]
        referrals = [r for r in read("referrals") if r["student_id"] in kept]
        kept_referrals = {r["referral_id"] for r in referrals}
        out["referrals"] = [
            rename_ids(r, "referral_id", "student_id", "school_code") for r in referrals
        ]
        out["interventions"] = [
            rename_ids(r, "intervention_id", "student_id", "school_code", "referral_id")
            for r in read("interventions")
            if r["student_id"] in kept
        ]
        kept_recs = set()
        for kind, key in (
            ("expulsion_recommendations", "recommendation_id"),
            ("expulsion_findings", "finding_id"),
            ("safety_findings", "finding_id"),
            ("placement_decisions", "decision_id"),
            ("suspensions", "suspension_id"),
            ("transfers", "transfer_id"),
            ("law_enforcement_contacts", "contact_id"),
        ):
            rows = [r for r in read(kind) if r["referral_id"] in kept_referrals]
            if kind == "expulsion_recommendations":
                kept_recs = {r[key] for r in rows}
            out[kind] = [rename_ids(r, key, "referral_id", "receiving_school_code") for r in rows]
        out["expulsions"] = [
            rename_ids(r, "expulsion_id", "recommendation_id")
            for r in read("expulsions")
            if r["recommendation_id"] in kept_recs
        ]
        files = []
        for kind, rows in out.items():
            buffer = io.StringIO()
            header = list(rows[0].keys()) if rows else ["x"]
            writer = csv.DictWriter(buffer, fieldnames=header)
            writer.writeheader()
            writer.writerows(rows)
            if rows:
                files.append((f"{kind}.csv", buffer.getvalue().encode()))
        return files

    # --- the district reports ----------------------------------------------------
    def report_pages(self):
        """(name, user, path) of every district report page a district staff member
        reads, with its default filters, and a few with a filter set."""
        from people.models import ReportingUnit, UnitKind

        district = (
            User.objects.filter(username="district").first()
            or User.objects.filter(role=Role.DISTRICT).first()
        )
        pages = [
            ("report: home (how are we doing)", "/reporting/reports/"),
            ("report: glance", "/reporting/reports/glance/"),
            ("report: referrals (Big 5)", "/reporting/reports/referrals/"),
            ("report: disproportionality", "/reporting/reports/disproportionality/"),
            ("report: restorative justice", "/reporting/reports/restorative-justice/"),
            ("report: watch lists", "/reporting/reports/watch-lists/"),
            ("report: deployments", "/reporting/reports/deployments/"),
            ("report: staffing", "/reporting/reports/staffing/"),
        ]
        unit = ReportingUnit.objects.filter(kind=UnitKind.REGION).order_by("name").first()
        if unit is not None:
            pages += [
                (
                    f"report: glance, unit {unit.name}",
                    f"/reporting/reports/glance/?unit={unit.code}",
                ),
                (
                    f"report: referrals, unit {unit.name}",
                    f"/reporting/reports/referrals/?unit={unit.code}",
                ),
            ]
        return [(name, district, path) for name, path in pages]

    def measure_reports_alone(self, repeat):
        """Each report alone, in process (Django's test client, this process's
        settings): one request to warm up, then ``repeat`` timed ones: first with
        ``fresh=1`` (the report computed), then as served (from the report cache
        where the report has one). Median, p95, CPU and queries of each."""
        from django.test import Client
        from django.test.utils import CaptureQueriesContext, override_settings

        def timed(client, path):
            with CaptureQueriesContext(connection) as queries:
                started, cpu = time.perf_counter(), time.process_time()
                response = client.get(path)
                wall, cpu = time.perf_counter() - started, time.process_time() - cpu
            if response.status_code != 200:
                raise RuntimeError(f"{path}: {response.status_code}")
            return wall, cpu, len(queries)

        with override_settings(ALLOWED_HOSTS=["testserver", *settings.ALLOWED_HOSTS]):
            for name, user, path in self.report_pages():
                client = Client()
                client.force_login(user)
                fresh = path + ("&" if "?" in path else "?") + "fresh=1"
                for label, asked in (("computed", fresh), ("served", path)):
                    timed(client, asked)  # warm-up (and, served, fills the cache)
                    runs = [timed(client, asked) for _ in range(repeat)]
                    median, p95 = _stats([_ms(w) for w, _c, _q in runs])
                    cpu = statistics.median(_ms(c) for _w, c, _q in runs)
                    queries = statistics.median(q for _w, _c, q in runs)
                    self.add(
                        f"{name} alone, {label}",
                        median,
                        p95=p95,
                        extra=f"CPU {cpu:.1f} ms; {queries:.0f} queries; {repeat} requests",
                    )

    # --- pages over HTTP -------------------------------------------------------
    def measure_http(self, users, requests, pages=None):
        """The pages under ``users`` concurrent users, over real HTTP to gunicorn
        (2 workers x 4 threads, DEBUG off) from a second process on loopback:
        ``demo/loadclient.py``, an asyncio client with no Django in it, so the
        client neither shares the measuring process's interpreter nor costs a
        thread per user. Beside each page: the same users on a trivial page
        (the favicon redirect: middleware, no database, no template), the
        floor of this harness and server; a probe user asking for that trivial
        page during the page's run; one user alone; the server's CPU per
        request (gunicorn's processes and their PostgreSQL backends, from
        /proc) and the client's."""
        gunicorn = shutil.which("gunicorn")
        if gunicorn is None:
            self.notes.append("gunicorn is not installed: the HTTP load test was skipped.")
            return
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        env = {
            **os.environ,
            "DEBUG": "False",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
        }
        log = tempfile.TemporaryFile(mode="w+")
        server = subprocess.Popen(
            [gunicorn, "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
             "--threads", "4", "--log-level", "warning"],
            cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=log,
        )  # fmt: skip
        self.ended_processes = 0
        self.trivial_cpu = 0.0
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/accounts/login/", timeout=2)
                    break
                except OSError:
                    time.sleep(0.2)
            if pages is not None:
                self._http_reports(base, port, server.pid, users, requests, pages)
            else:
                self._http_pages(base, port, server.pid, users, requests)
        finally:
            server.terminate()
            server.wait(timeout=20)
            log.seek(0)
            lines = [line.strip() for line in log if line.strip()]
            log.close()
            if self.ended_processes:
                self.notes.append(
                    f"{self.ended_processes} gunicorn workers ended during a run (their CPU "
                    "is missing from the server's figures)."
                )
            if lines:
                self.notes.append(
                    f"gunicorn logged {len(lines)} lines; the last: {lines[-1][:200]}"
                )

    def _login(self, base, username):
        """A session's Cookie header, logged in through the login page."""
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(base + "/accounts/login/").read().decode()
        token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
        data = urllib.parse.urlencode(
            {"username": username, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token}
        ).encode()
        request = urllib.request.Request(base + "/accounts/login/", data, {"Referer": base})
        opener.open(request).read()
        return "; ".join(f"{c.name}={c.value}" for c in jar)

    def _http_pages(self, base, port, server_pid, users, requests):
        admin = (
            User.objects.filter(username="admin").first()
            or User.objects.filter(role=Role.ADMINISTRATOR).first()
        )
        district = (
            User.objects.filter(username="district").first()
            or User.objects.filter(role=Role.DISTRICT).first()
        )
        # The student with the most referrals at the administrator's schools:
        # the longest history the administrator reads.
        student = (
            Referral.objects.valid()
            .filter(school__in=admin.schools.all())
            .values("student")
            .annotate(n=Count("pk"))
            .order_by("-n", "student")
            .first()
        )
        pages = [
            ("page: trivial (favicon redirect; the harness's floor)", None, "/favicon.ico"),
            ("page: referral queue (administrator)", admin, "/referrals/"),
            ("page: a student's history", admin, f"/students/{student['student']}/"),
            ("page: public index", None, "/public/"),
        ]
        if not self.pages_only:
            pages.append(
                ("page: a district report (glance)", district, "/reporting/reports/glance/")
            )
        self.notes.append(
            f"Pages: {users} closed-loop users x {requests} requests each (after one untimed "
            "warm-up request each) from demo/loadclient.py, a separate asyncio process, with "
            "keep-alive; the history is of the student with the most referrals at the "
            f'administrator\'s schools ({student["n"]}). "floor p95": the trivial page under '
            'the same number of users just before; "probe p95": one more user asking for the '
            'trivial page during the page\'s run; "alone": one user, sequential. Server CPU '
            "per request: gunicorn's processes plus their PostgreSQL backends (/proc); client "
            "CPU: the load client's."
        )
        sessions = {}
        floor95 = None
        for name, user, path in pages:
            cookies = [""]
            if user is not None:
                if user.username not in sessions:
                    sessions[user.username] = [
                        self._login(base, user.username) for _ in range(users)
                    ]
                cookies = sessions[user.username]
            expect = [301] if path == "/favicon.ico" else [200]
            queries = self._queries(user, path) if user is not None else None
            alone = self._load(port, server_pid, path, cookies, 1, max(5, requests), expect)
            if path == "/favicon.ico":
                self.trivial_cpu = alone["python_cpu"]
            if path != "/favicon.ico":
                floor = self._load(port, server_pid, "/favicon.ico", [""], users, requests, [301])
                floor95 = _stats(floor["times"])[1]
            run = self._load(
                port, server_pid, path, cookies, users, requests, expect, probe="/favicon.ico"
            )
            median, p95 = _stats(run["times"])
            extra = (
                f"{users} users x {requests}: {run['rate']:.0f} requests/s; server CPU "
                f"{run['server_cpu']:.1f} ms/request (gunicorn {run['python_cpu']:.1f} + "
                f"PostgreSQL {run['db_cpu']:.1f}); client CPU {run['client_cpu']:.2f} ms/request"
            )
            if floor95 is not None and path != "/favicon.ico":
                extra += f"; floor p95 {floor95:.1f} ms"
            if run["probe_times"]:
                extra += f"; probe p95 {_stats(run['probe_times'])[1]:.1f} ms"
            extra += (
                f"; alone: {_stats(alone['times'])[0]:.1f} ms wall, server CPU "
                f"{alone['server_cpu']:.1f} ms (gunicorn {alone['python_cpu']:.1f})"
            )
            if queries is not None:
                extra += f", {queries} queries"
            errors = run["errors"] + alone["errors"]
            if errors:
                extra += f"; {len(errors)} errors ({errors[0][:60]})"
            self.add(name, median, p95=p95, extra=extra)
            if self.think and user is not None:
                paced = self._load(
                    port, server_pid, path, cookies, users, requests, expect, think=self.think
                )
                median, p95 = _stats(paced["times"])
                extra = (
                    f"{users} users x {requests}, a pause of mean {self.think:g} s between "
                    f"requests: {paced['rate']:.0f} requests/s; server CPU "
                    f"{paced['server_cpu']:.1f} ms/request"
                )
                if paced["errors"]:
                    extra += f"; {len(paced['errors'])} errors ({paced['errors'][0][:60]})"
                self.add(f"{name}, users pausing", median, p95=p95, extra=extra)

    def _http_reports(self, base, port, server_pid, users, requests, pages):
        """Each report cold (the reports cache emptied: each user's one request
        waits for the one computing it, as after a change of filter or every
        REPORTS_CACHE_SECONDS), then warm (served from the cache)."""
        from django.core.cache import caches

        sessions = {}
        for name, user, path in pages:
            if user.username not in sessions:
                sessions[user.username] = [self._login(base, user.username) for _ in range(users)]
            for suffix, count, cold in (
                (" (HTTP, cold: 1 request each)", 1, True),
                (" (HTTP, warm)", requests, False),
            ):
                if cold and "reports" in settings.CACHES:
                    caches["reports"].clear()
                load = os.getloadavg()[0]
                run = self._load(
                    port, server_pid, path, sessions[user.username], users, count, [200],
                    warmup=0 if cold else 1,
                )  # fmt: skip
                median, p95 = _stats(run["times"])
                extra = (
                    f"{users} concurrent users x {count}; {run['wall']:.0f} s wall; load "
                    f"{load:.1f}; server CPU {run['server_cpu']:.1f} ms/request"
                )
                if run["errors"]:
                    extra += f"; {len(run['errors'])} errors ({run['errors'][0][:60]})"
                self.add(name + suffix, median, p95=p95, extra=extra)

    def _queries(self, user, path):
        """The queries of one request to ``path`` as ``user``, in this process."""
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        client.get(path)  # warm: what a first request alone reads once
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        return len(queries) if response.status_code == 200 else None

    def _load(
        self, port, server_pid, path, cookies, users, requests, expect, probe=None, think=0,
        warmup=1,
    ):  # fmt: skip
        spec = {
            "host": "127.0.0.1", "port": port, "path": path, "users": users,
            "requests": requests, "warmup": warmup, "cookies": cookies, "expect": expect,
            "probe": probe, "probe_expect": [301], "think": think,
        }  # fmt: skip
        before = _server_cpu(server_pid)
        done = subprocess.run(
            [sys.executable, str(Path(__file__).resolve().parents[2] / "loadclient.py")],
            input=json.dumps(spec), capture_output=True, text=True, check=True,
        )  # fmt: skip
        after = _server_cpu(server_pid)
        run = json.loads(done.stdout)
        run["times"] = [_ms(t) for t in run["times"]] or [0.0]
        run["probe_times"] = [_ms(t) for t in run["probe_times"]]
        # The warm-up's CPU is in the server's figures: counted in the divisor;
        # the probe's requests are taken out at the trivial page's CPU alone.
        count = len(run["times"]) + users * warmup
        # A process (worker, backend) started during the run counts from zero;
        # one that ended during it is lost (said in the notes by its count).
        python = sum(cpu - before[0].get(pid, 0.0) for pid, cpu in after[0].items())
        db = sum(cpu - before[1].get(pid, 0.0) for pid, cpu in after[1].items())
        self.ended_processes += len(before[0].keys() - after[0].keys())
        python -= len(run["probe_times"]) * self.trivial_cpu / 1000
        run["python_cpu"] = _ms(python) / count
        run["db_cpu"] = _ms(db) / count
        run["server_cpu"] = run["python_cpu"] + run["db_cpu"]
        run["client_cpu"] = _ms(run["cpu"]) / max(1, count - users)
        run["rate"] = len(run["times"]) / run["wall"] if run["wall"] else 0.0
        return run

    # --- the table -------------------------------------------------------------
    def table(self, o):
        lines = [
            "# Benchmarks",
            "",
            f"Run {timezone.now():%Y-%m-%d %H:%M %Z} on {platform.node()} "
            f"({platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}), "
            f"database {connection.vendor}.",
            "",
            "Command: `" + " ".join(["python", "manage.py", *sys.argv[1:]]) + "`",
            "",
            f"Machine load average at the end (1, 5, 15 min): "
            f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}.",
            "",
            "Size: " + ", ".join(f"{v:,} {k}" for k, v in self.sizes.items()) + ".",
            "",
            # Wall times on a shared machine wait for the CPU: read them with the load.
            "Load average (1, 5, 15 min) at the start: "
            + ", ".join(f"{v:.1f}" for v in self.load_at_start)
            + "; at the end: "
            + ", ".join(f"{v:.1f}" for v in os.getloadavg())
            + ".",
            "",
            "| measure | median | p95 | x floor | notes |",
            "|---|---:|---:|---:|---|",
        ]
        for name, value, p95, unit, extra, floor in self.rows:
            ratio = f"{value / self.floor:.1f}" if floor and unit == "ms" and self.floor else ""
            if unit == "s":
                ratio = f"{value * 1000 / self.floor:.0f}" if self.floor else ""
                shown, shown95 = f"{value:.1f} s", ""
            else:
                shown = f"{value:.1f} ms"
                shown95 = f"{p95:.1f} ms" if p95 is not None else ""
            lines.append(f"| {name} | {shown} | {shown95} | {ratio} | {extra} |")
        lines += ["", *[f"- {n}" for n in self.notes]]
        return "\n".join(lines) + "\n"
