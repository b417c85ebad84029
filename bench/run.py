"""`make bench`: run every bench/bench_*.py, print a table, write var/bench.json.

Each module exposes `run() -> dict[str, float]`. Figures are flat: name -> number.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(names: list[str]) -> int:
    modules = sorted(p.stem for p in (ROOT / "bench").glob("bench_*.py"))
    if names:
        modules = [m for m in modules if any(n in m for n in names)]
    figures: dict[str, float] = {}
    failed = []
    for name in modules:
        started = time.perf_counter()
        print(f"… {name}", flush=True)
        try:
            result = importlib.import_module(f"bench.{name}").run()
        except Exception as error:  # a broken bench must not hide the others' figures
            failed.append(name)
            print(f"   {name} failed: {error!r}", flush=True)
            continue
        figures.update({k: round(float(v), 4) for k, v in result.items()})
        print(f"   done in {time.perf_counter() - started:.1f} s", flush=True)
    width = max((len(k) for k in figures), default=10)
    print()
    print(f"{'figure':<{width}}  value")
    print(f"{'-' * width}  ----------")
    for key in sorted(figures):
        print(f"{key:<{width}}  {figures[key]:g}")
    out = ROOT / "var" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    previous = json.loads(out.read_text()) if out.exists() and names else {}
    previous.update(figures)
    out.write_text(json.dumps(previous, indent=2, sort_keys=True))
    print(f"\nwrote {out.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
