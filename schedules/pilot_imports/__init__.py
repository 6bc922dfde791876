"""Reading real LMS and meeting exports for the pilot loop (issue #16): the import core.

Plain Python with no request and no database. The upload pages, the background task and the
analytics pages call it; nothing here stores anything, and no name, e-mail or IP address
leaves it: learners come out as HMAC pseudonyms under the course's secret.

The interface::

    kind = detect(head, filename)          # FormatKind, or PilotImportError listing the kinds
    run = read(stream, kind=kind, secret=course_secret, course_zone="Europe/Berlin",
               uploader_zone="Europe/Berlin", course_start=date(2026, 11, 30),
               course_end=date(2026, 12, 13), size_limit=50_000_000)
    pilot = PilotAggregate("Europe/Berlin").add_all(run)   # or: for record in run: …
    run.fingerprint, run.rows, run.records, run.problems, run.problem_count,
    run.assumptions, run.before_course, run.after_course, run.skipped
    pilot.cells[(learner, activity)].minutes / .first / .last / .completed / .score
    pilot.heatmap()                        # 7 × 24, None where fewer than 5 learners

* ``detect(head: bytes, filename="") -> FormatKind`` looks at the first bytes (64 KiB is
  plenty; a .gz or .zip start is expanded).
* ``read(stream, *, kind=None, secret, course_zone, uploader_zone, course_start,
  course_end, size_limit=200 MB, filename="", day_first=None) -> ImportRun``. The stream is
  read once, in chunks: memory does not grow with the file (JSON is the exception: it is
  parsed whole, within the size limit). Local times are read in ``uploader_zone``; the
  course's dates and zone bound the records (those outside are counted, not yielded).
* ``ImportRun`` yields ``Record``s (``records.py``): learner pseudonym, ``Evidence`` (event,
  attendance, completion, score), activity title as in the file, ``at``/``until`` (aware
  UTC), minutes, ``Completion`` state, score 0..1, source line, and a stable ``key``. After
  iterating: counts, ``problems`` (line and message, the first 50; ``problem_count`` all of
  them), ``assumptions`` (sentences: "Times read as Europe/Berlin.", "The file gives no
  year: 2026 inferred from the course dates."), the content ``fingerprint`` (SHA-256).
* Every refusal is a ``PilotImportError`` with a ``code`` (``ErrorCode``) and a ``message``
  to show as it is; nothing else escapes ``read`` or the iteration for any bytes.
* ``pseudonymiser(secret)`` is the function every reader uses (name or address → the
  course's pseudonym), for callers that must match a known person to their records.
* ``PilotAggregate`` folds records per learner × activity and into the weekday × hour
  heatmap; ``held_back(n)`` (the rules core's small-group rule,
  ``schedules.rules.privacy``) says whether a figure about n learners must be hidden.

The formats and their quirks are in each reader's docstring and docs/pilot-imports.md.
"""

from schedules.rules.privacy import SMALL_GROUP, held_back

from .aggregate import LearnerActivity, PilotAggregate
from .errors import ErrorCode, PilotImportError
from .formats import FormatKind, detect
from .importer import DEFAULT_SIZE_LIMIT, read
from .records import Completion, Evidence, Record
from .run import ImportRun, RowProblem, pseudonymiser

__all__ = [
    "DEFAULT_SIZE_LIMIT",
    "SMALL_GROUP",
    "Completion",
    "ErrorCode",
    "Evidence",
    "FormatKind",
    "ImportRun",
    "LearnerActivity",
    "PilotAggregate",
    "PilotImportError",
    "Record",
    "RowProblem",
    "detect",
    "held_back",
    "pseudonymiser",
    "read",
]
