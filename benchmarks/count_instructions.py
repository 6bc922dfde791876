"""Count the CPU instructions of one editor request, for comparing changes on a noisy machine.

Wall-clock medians on a shared virtual machine drift by a third from one minute to the
next; instruction counts (valgrind's cachegrind) repeat to within 1%. This runs the editor
benchmark's set-up under cachegrind twice, once followed by 10 requests and once by none,
in parallel, and prints the difference per request. Takes a minute or two.

    .venv/bin/python benchmarks/count_instructions.py [save|page]

Needs valgrind (Debian's package). Not part of ``make bench``: it counts, it does not time.
"""

import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
REQUESTS = 10


def _child() -> None:
    sys.path.insert(0, str(HERE))
    from bench_editor import build

    page, save, *_floors = build()
    request = save if os.environ["COUNT_REQUEST"] == "save" else page
    request()  # the first one warms up (imports, template loading, kept facts)
    for _ in range(int(os.environ["COUNT_TIMES"])):
        request()


def _instructions(request: str, times: int) -> int:
    result = subprocess.run(
        [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
            sys.executable,
            __file__,
            "--child",
        ],
        env={**os.environ, "COUNT_REQUEST": request, "COUNT_TIMES": str(times)},
        capture_output=True,
        text=True,
        check=True,
    )
    match = re.search(r"I\s+refs:\s+([\d,]+)", result.stderr)
    if match is None:
        raise RuntimeError(f"No instruction count in valgrind's output:\n{result.stderr}")
    return int(match.group(1).replace(",", ""))


def main() -> None:
    if not shutil.which("valgrind"):
        sys.exit("valgrind is not installed (apt-get install valgrind).")
    request = sys.argv[1] if len(sys.argv) > 1 else "save"
    with ThreadPoolExecutor(2) as pool:
        without, with_requests = pool.map(lambda n: _instructions(request, n), [0, REQUESTS])
    per_request = (with_requests - without) / REQUESTS
    print(f"editor {request}: {per_request / 1e6:.1f} million instructions per request")


if __name__ == "__main__":
    _child() if "--child" in sys.argv else main()
