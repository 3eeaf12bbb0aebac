"""Cells for CSV and Excel files that people open in a spreadsheet program."""


def safe_cell(value):
    """No spreadsheet formulas from anyone's input (CSV/formula injection): a text that
    starts like a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
