"""manage.py import_sis: the SIS files, judged by the rules, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from imports.engine import run_import
from imports.formats import KINDS
from interventions.models import InterventionType
from people.models import User


def _help():
    kinds = "; ".join(f"{k}.csv: {', '.join(v.column_names)}" for k, v in KINDS.items())
    return (
        "Import the files a student information system exports (CSV, one per kind, or a "
        "directory or ZIP of them), in one transaction: every row is judged by the rules; a "
        "refused row is listed with its file, line, column and reason, and then nothing is "
        "saved. --dry-run shows what would be created, changed and refused. Rows are matched "
        "on their external ids, so a second run changes nothing. Files and columns: " + kinds
    )


class Command(BaseCommand):
    help = _help()

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="CSV or ZIP files, directories")
        parser.add_argument(
            "--actor",
            required=True,
            help="username of the district staff member importing (the default author)",
        )
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument(
            "--list-intervention-types",
            action="store_true",
            help="list the accepted intervention_type values and exit",
        )
        parser.add_argument("--quiet", action="store_true", help="no progress bar")

    def handle(self, *args, paths, actor, dry_run, list_intervention_types, quiet, **options):
        if list_intervention_types:
            for slug, label, tier in InterventionType.objects.filter(active=True).values_list(
                "slug", "label", "default_tier"
            ):
                self.stdout.write(f"{slug:45s} tier {tier}  {label}")
            return
        user = User.objects.filter(username=actor, is_active=True).first()
        if user is None or not user.has_perm("imports.import_records"):
            raise CommandError(f"{actor!r} is not an active district staff account.")
        files = []
        for path in paths:
            if path.is_dir():
                files += [(p.name, p.read_bytes()) for p in sorted(path.glob("*.csv"))]
            elif path.exists():
                files.append((path.name, path.read_bytes()))
            else:
                raise CommandError(f"{path} does not exist")
        bar = None

        def progress(done, total, phase):
            nonlocal bar
            if quiet:
                return
            if bar is None:
                bar = tqdm(total=total, unit="row", desc="import", file=self.stderr._out)
            bar.set_description(phase)
            bar.update(done - bar.n)

        report = run_import(files, actor=user, dry_run=dry_run, progress=progress)
        if bar is not None:
            bar.close()
        for error in report.errors:
            rules = f" [{', '.join(error.rules)}]" if error.rules else ""
            self.stderr.write(f"{error}{rules}")
        what = "would be" if dry_run or not report.committed else "were"
        for label, counter in (
            ("created", report.created),
            ("changed", report.changed),
            ("unchanged", report.unchanged),
        ):
            if counter:
                parts = ", ".join(f"{k} {n}" for k, n in sorted(counter.items()))
                self.stdout.write(f"{label} ({what}): {parts}")
        self.stdout.write(
            f"{report.rows:,} rows in {report.seconds:.1f}s "
            f"({report.rows_per_minute:,} rows/minute)"
        )
        if report.errors:
            raise CommandError(
                f"{len(report.errors)} row(s) refused; nothing was saved (fix them and run again)."
            )
        self.stdout.write("Dry run: nothing was saved." if dry_run else "Saved.")
