"""Run every benchmark in this folder, one after another, each in its own process.

    .venv/bin/python bench/run_all.py

Each bench_*.py prints its own table (measured value, target, ratio to a peer where
there is one). Nothing here is a pass/fail test: the numbers go in issue notes.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main() -> int:
    status = 0
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"\n=== {script.name} ===", flush=True)
        status |= subprocess.call([sys.executable, str(script)])
    return status


if __name__ == "__main__":
    raise SystemExit(main())
