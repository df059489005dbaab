"""How long an export takes: the interactive HTML and JSON, and images through kaleido.

Prints timings (median of several runs where a run is repeatable) and file sizes; asserts
nothing. The first image of a process starts kaleido's Chromium, later ones reuse it: both
costs are printed. Run: ``python bench/export_bench.py [--runs 5]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from authoring.export import export_bytes, export_figure, image_bytes, write_export  # noqa: E402
from components.problem import default_state  # noqa: E402
from components.stores import build_scene  # noqa: E402
from components.view import initial_view  # noqa: E402

VIEWS = {
    "L1 + L2 (default)": initial_view(),
    "L1 + L2 + elastic net": {**initial_view(), "shown": ["l1", "l2", "en"]},
}


def timed(fn, runs: int) -> tuple[float, object]:
    """Median seconds of ``runs`` calls of ``fn`` and its last result."""
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per repeatable measurement (default 5)")
    args = parser.parse_args(argv)
    state = default_state()
    print(f"{'what':<58} {'time':>10} {'size':>12}")
    for name, view in VIEWS.items():
        seconds, _ = timed(lambda: export_figure(state, view), args.runs)
        print(f"{'figure with frames, ' + name:<58} {seconds * 1e3:>8.1f} ms")
        seconds, page = timed(lambda: export_bytes(state, view, "html"), args.runs)
        print(f"{'HTML inline (scene + figure + page), ' + name:<58} {seconds * 1e3:>8.1f} ms {len(page):>12,}")
        with tempfile.TemporaryDirectory() as tmp:
            seconds, _ = timed(lambda: write_export(Path(tmp) / "v.html", page, fmt="html"), args.runs)
        print(f"{'  writing it to disk':<58} {seconds * 1e3:>8.1f} ms")
        seconds, data = timed(lambda: export_bytes(state, view, "json"), args.runs)
        print(f"{'JSON, ' + name:<58} {seconds * 1e3:>8.1f} ms {len(data):>12,}")
    scene = build_scene(state)
    figure = export_figure(state, initial_view(), scene=scene, animated=False)
    start = time.perf_counter()
    png = image_bytes(figure, "png")
    first = time.perf_counter() - start
    print(f"{'PNG, first of the process (starts Chromium)':<58} {first * 1e3:>8.1f} ms {len(png):>12,}")
    seconds, png = timed(lambda: image_bytes(figure, "png"), args.runs)
    print(f"{'PNG, repeated (the running browser)':<58} {seconds * 1e3:>8.1f} ms {len(png):>12,}")
    seconds, svg = timed(lambda: image_bytes(figure, "svg"), args.runs)
    print(f"{'SVG, repeated':<58} {seconds * 1e3:>8.1f} ms {len(svg):>12,}")
    seconds, png = timed(lambda: export_bytes(state, initial_view(), "png"), args.runs)
    print(f"{'PNG with scene and figure (the panel and CLI path)':<58} {seconds * 1e3:>8.1f} ms")


if __name__ == "__main__":
    main()
