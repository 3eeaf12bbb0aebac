"""The one way to write a spreadsheet cell: every CSV and Excel export of the portal (the
public open data, the admin exports of partnerships, events and newsletters) goes through
``safe_cell``, so that no exported text can run as a formula (CSV/formula injection).

A text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
apostrophe, which spreadsheets show as text; a plain number such as ``-7.5`` stays as it is.
"""

import csv
import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def safe_cell(value):
    """``value``; a text a spreadsheet would read as a formula gets an apostrophe first."""
    formula = isinstance(value, str) and value.startswith(FORMULA_STARTS)
    if formula and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_row(row) -> list:
    return [safe_cell(value) for value in row]


class SafeWriter:
    """``csv.writer`` whose rows are written through ``safe_cell``."""

    def __init__(self, out, **kwargs):
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row):
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows):
        return self._writer.writerows(safe_row(row) for row in rows)


def csv_writer(out, **kwargs) -> SafeWriter:
    """The CSV writer of every export (same arguments as ``csv.writer``)."""
    return SafeWriter(out, **kwargs)
