"""The one CSV writer for every download: the queue, interventions, a
student's history, district reports, the published data.

- UTF-8 with a byte-order mark, so that a spreadsheet on a district laptop
  opens "Peña" and "Nguyễn" as written instead of as mojibake.
- No cell a spreadsheet would run (issue 10, fault 8): a text cell that
  begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) is
  read by Excel, LibreOffice and Google Sheets as a formula, so a school,
  student or note named ``=HYPERLINK(...)`` would run when district staff open
  the file. Such a cell is prefixed with an apostrophe (OWASP's advice), which
  shows the text as typed. Numbers, negative ones included, stay numbers.
"""

import csv
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from django.http import HttpResponse
from django.utils.text import slugify

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?\d+([.,]\d+)?%?")


def neutralise(value):
    """What one cell holds in the file."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


class SafeWriter:
    def __init__(self, stream):
        self._writer = csv.writer(stream)

    def writerow(self, row):
        return self._writer.writerow([neutralise(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def write_table(stream, header: list, rows: Iterable[Iterable]) -> None:
    """The byte-order mark, the header and the rows: a whole file, to any text stream."""
    stream.write(BOM)
    writer = SafeWriter(stream)
    writer.writerow([str(cell) for cell in header])
    writer.writerows(rows)


#: Records read from the database at a time (a server-side cursor's fetch, and
#: the batch whose related rows are read together).
CHUNK = 2000


@dataclass
class RecordRows:
    """A list page's records as the rows of its CSV: the one source that the
    download in the request and the export task (``exports``) both write.

    ``records`` is the scoped, filtered queryset; ``rows_of`` turns one chunk of
    its records into rows (so what a row needs beyond the record, such as the
    willful-defiance follow-up, is read once per chunk, not once per row)."""

    name: str
    header: list
    records: object  # a QuerySet
    rows_of: Callable[[list], Iterable[list]]
    valid: bool = True

    def count(self) -> int:
        return self.records.count()

    def rows(self, progress: Callable[[int], None] | None = None) -> Iterator[list]:
        """Every row, reading the records ``CHUNK`` at a time (``iterator``: a
        server-side cursor on PostgreSQL), never all at once."""
        records = self.records.iterator(chunk_size=CHUNK)
        done = 0
        while chunk := list(islice(records, CHUNK)):
            yield from self.rows_of(chunk)
            done += len(chunk)
            if progress:
                progress(done)


def _attachment(name: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name) or "export"}.csv"'
    return response


def csv_download(name: str) -> tuple[HttpResponse, SafeWriter]:
    """An attachment ``name.csv`` with the byte-order mark written, and the
    only writer to fill it with, for downloads written row by row."""
    response = _attachment(name)
    response.write(BOM)
    return response, SafeWriter(response)


def csv_response(name: str, header: list, rows: Iterable[Iterable]) -> HttpResponse:
    """A whole table as one download."""
    response = _attachment(name)
    write_table(response, header, rows)
    return response
