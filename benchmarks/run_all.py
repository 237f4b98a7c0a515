"""Runs every benchmark script in this folder, one after another (`make bench`)."""

import subprocess
import sys
from pathlib import Path


def main() -> int:
    here = Path(__file__).resolve()
    failed = []
    for script in sorted(here.parent.glob("*.py")):
        if script == here:
            continue
        print(f"== {script.name}", flush=True)
        if subprocess.run([sys.executable, str(script)], check=False).returncode != 0:
            failed.append(script.name)
    if failed:
        print(f"Benchmarks that failed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
