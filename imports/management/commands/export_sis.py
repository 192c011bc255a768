from pathlib import Path

from django.core.management.base import BaseCommand

from imports.export import export_district


class Command(BaseCommand):
    help = (
        "Write the district as the SIS import's files (one CSV per kind, docs/imports.md) "
        "into DIRECTORY: the round trip of the import."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory, **options):
        for kind, n in export_district(directory).items():
            self.stdout.write(f"{kind + '.csv':32s} {n:>10,} rows")
