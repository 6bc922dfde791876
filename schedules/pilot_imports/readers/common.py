"""What the CSV readers share: rows with their line numbers, and finding the columns."""

import csv
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TextIO

from ..errors import ErrorCode, PilotImportError
from ..formats import FormatKind, fold


def sniff_delimiter(line: str) -> str:
    return "\t" if line.count("\t") > line.count(",") else ","


def csv_rows(
    text: TextIO, problem: Callable[[int, str], None], delimiter: str | None = None
) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line, cells)`` for each row; ``line`` is where the row starts (1-based).
    Blank rows are left out; a row the csv module cannot read (a cell past its 128 KiB
    limit) goes to ``problem`` and the reading goes on at the next line."""
    first = text.readline()
    chosen = delimiter or sniff_delimiter(first)
    reader = csv.reader(itertools.chain([first], text), delimiter=chosen)
    line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            problem(line, f"The row cannot be read as CSV ({error}).")
            line = reader.line_num + 1
            continue
        # A row of empty cells (",,,," as spreadsheets save) is blank too.
        if cells and (cells[0].strip() or any(value.strip() for value in cells)):
            yield line, cells
        line = reader.line_num + 1


def columns(
    kind: FormatKind, header: Sequence[str], expected: Sequence[str], required: Iterable[str]
) -> dict[str, int]:
    """Return each expected column's index (by its folded name) in ``header``; refuse the
    file, saying which columns were expected and which were found, when a required one is
    missing."""
    found = {fold(cell): index for index, cell in enumerate(header)}
    missing = [column for column in required if fold(column) not in found]
    if missing:
        shown = ", ".join(f"“{cell.strip()}”" for cell in header if cell.strip()) or "none"
        named = [f"“{column}”" for column in missing]
        lacks = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
        folded = {fold(column) for column in required}
        optional = [column for column in expected if fold(column) not in folded]
        raise PilotImportError(
            ErrorCode.MISSING_COLUMNS,
            f"Read as {kind.label}, the file has no {lacks} column"
            f"{'s' if len(named) > 1 else ''}. Expected: {', '.join(required_in(expected, folded))}"
            + (f" (and, if present, {', '.join(optional)})" if optional else "")
            + f". Found: {shown}. Download the report again without renaming or removing "
            "columns.",
        )
    return {fold(column): found[fold(column)] for column in expected if fold(column) in found}


def required_in(expected: Sequence[str], required: set[str]) -> list[str]:
    """The expected columns that are required (folded names in ``required``), in order."""
    return [column for column in expected if fold(column) in required]


def cell(cells: Sequence[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


def number(text: str, what: str) -> float:
    """A non-negative number from a cell; ValueError with a sentence (formulas included)."""
    value = text.strip().replace(",", ".") if text.count(",") == 1 and "." not in text else text
    if value.startswith(("=", "+", "@")):
        raise ValueError(f"{what} “{text}” is a formula, not a number (it is not calculated)")
    try:
        result = float(value)
    except ValueError:
        raise ValueError(f"{what} “{text}” is not a number") from None
    if result != result or result < 0 or result in (float("inf"),):
        raise ValueError(f"{what} “{text}” must be zero or more")
    return result
