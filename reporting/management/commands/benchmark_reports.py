"""manage.py benchmark_reports: time every district report page as district staff."""

import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.models import Role, User

PAGES = [
    "reporting:reports-home",
    "reporting:report-glance",
    "reporting:report-referrals",
    "reporting:report-disproportionality",
    "reporting:report-rj",
    "reporting:report-watchlists",
    "reporting:report-deployments",
    "reporting:report-staffing",
]


class Command(BaseCommand):
    help = (
        "Time each district report page (the whole request: queries and rendering) as a "
        "district staff account on the configured database: median and p95 wall time, CPU "
        "time of this process (the rest is the database) and the number of queries."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=5)
        parser.add_argument("--year", default="", help="School year name (default: this one).")

    def handle(self, *args, runs, year, **options):
        user = User.objects.filter(role=Role.DISTRICT, is_active=True).first()
        if user is None:
            raise CommandError("No district staff account: generate a district first.")
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        query = {"year": year} if year else {}
        self.stdout.write(f"{'page':40s} {'median':>8s} {'p95':>8s} {'cpu':>8s} {'queries':>8s}")
        for name in PAGES:
            url = reverse(name)
            client.get(url, query)  # warm: templates, translations
            walls, cpus = [], []
            for _ in range(runs):
                with CaptureQueriesContext(connection) as queries:
                    wall, cpu = time.perf_counter(), time.process_time()
                    response = client.get(url, query)
                    walls.append(time.perf_counter() - wall)
                    cpus.append(time.process_time() - cpu)
                if response.status_code != 200:
                    raise CommandError(f"{url}: {response.status_code}")
            walls.sort()
            p95 = walls[min(len(walls) - 1, round(0.95 * (len(walls) - 1)))]
            self.stdout.write(
                f"{url:40s} {statistics.median(walls):8.3f} {p95:8.3f} "
                f"{statistics.median(cpus):8.3f} {len(queries.captured_queries):8d}"
            )
