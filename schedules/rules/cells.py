"""Spreadsheet cells: a text a person typed, made safe to open in a spreadsheet.

Plain Python, used by every export that writes a CSV or XLSX (a version's blocks, the
survey's answers).
"""

# OWASP, "CSV Injection": a spreadsheet reads a cell that begins with one of these as a
# formula (tab and carriage return can hide one). A leading single quote makes it text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralised(text: str) -> str:
    """Return ``text`` as a spreadsheet shows it and never evaluates: with a single quote
    before it when it begins like a formula (OWASP's recommendation), else unchanged."""
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text
