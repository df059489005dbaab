"""Same-run A/B of the lab's latency: the lab at a git revision against the working tree.

    python bench/latency_ab.py REV [--steps 100] [--cases key live]

Checks REV out into a temporary git worktree, runs both labs side by side, each in its own
headless Chromium, taking turns every ``latency.BLOCK`` steps, and prints for each case the
medians of the three times of ``bench/latency.py`` (drawn, plotly's event, the first animation
frame after the drawing) for both, with their ratio. Asserts nothing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import latency  # noqa: E402
from devtools.browser import ROOT, chrome_driver, start_server, stop  # noqa: E402

#: the lab's side of latency.py's λ step and held drag
CASES = {case: latency.step_scripts()[case]["lab"] for case in ("key", "live")}
NAMES = ("drawn", "plotly's event", "first frame after")


def compare(urls: dict, steps: int, cases) -> None:
    """Run ``cases`` on both labs (``{"before": url, "after": url}``) in turns and print medians."""
    drivers = {side: chrome_driver(script_timeout=600) for side in urls}
    try:
        for case in cases:
            run = CASES[case]
            times: dict = {side: [] for side in urls}
            for side in urls:
                latency.open_page(drivers[side], urls[side], "weight-plane")
                latency.check(case, side, run(drivers[side], 0, latency.WARMUP))
            for done in range(0, steps, latency.BLOCK):
                for side in urls:
                    times[side] += latency.check(case, side, run(drivers[side], latency.WARMUP + done, latency.BLOCK))
                    time.sleep(latency.SETTLE_S)  # not a test: let the page finish what the block set off
            print(f"{case} ({len(times['after'])} steps each, medians)")
            for which, name in enumerate(NAMES):
                before, after = (latency.median([t[which] for t in times[s] if t[which] is not None]) for s in urls)
                print(
                    f"  {name:<18} before {before:6.1f} ms   after {after:6.1f} ms   after/before {after / before:.2f}"
                )
    finally:
        for driver in drivers.values():
            driver.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description="the lab at REV against the working tree, same run")
    parser.add_argument("rev", help="git revision of the 'before' lab")
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--cases", nargs="+", choices=list(CASES), default=list(CASES))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "before"
        subprocess.run(["git", "worktree", "add", "--detach", str(tree), args.rev], cwd=ROOT, check=True)
        servers = {}
        try:
            servers["before"] = start_server(str(tree / "app.py"), cwd=tree)
            servers["after"] = start_server("app.py")
            compare({side: url for side, (_, url) in servers.items()}, args.steps, args.cases)
        finally:
            for proc, _ in servers.values():
                stop(proc)
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False)


if __name__ == "__main__":
    main()
