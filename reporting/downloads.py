"""CSV downloads that a spreadsheet cannot run (issue 10, fault 8).

A cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return) is read by Excel, LibreOffice and Google Sheets as a formula: a
school, student or note named ``=HYPERLINK(...)`` would run when district
staff open the file. Every CSV the product sends is written through
``csv_response``, whose writer prefixes such a text cell with an apostrophe
(OWASP's advice), which shows the text as typed. Numbers, including negative
ones, are written as numbers.
"""

import csv
import re

from django.http import HttpResponse

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?\d+(\.\d+)?%?")


def neutralise(value):
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


def csv_response(name: str) -> tuple[HttpResponse, SafeWriter]:
    """An attachment ``name.csv`` and the only writer to fill it with."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response, SafeWriter(response)
