"""Run every benchmark in this folder (``bench_*.py``) and print one table.

Each benchmark module has ``main() -> list[tuple[name, value, unit, target]]``. Run with
``make bench``; record the figures, with the machine they came from, in docs/benchmarks.md.
"""

import importlib.util
import os
import platform
import sys
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def load(path: Path) -> ModuleType:
    """Return the benchmark module at ``path``, imported."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"Cannot load benchmark {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    rows: list[tuple[str, float, str, str]] = []
    for path in sorted(HERE.glob("bench_*.py")):
        rows.extend(load(path).main())
    print(
        f"# {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} cores"
    )
    width = max(len(name) for name, *_ in rows)
    print(f"{'benchmark':<{width}}  {'value':>12}  {'unit':<8}  target")
    for name, value, unit, target in rows:
        print(f"{name:<{width}}  {value:>12,.1f}  {unit:<8}  {target}")


if __name__ == "__main__":
    main()
