"""How long the minibatch lesson's numbers take: the exact L1 and L2 optima of 500 minibatches of
the default data (geometry.minibatch.minibatch_optima), and the panel's whole answer
(components.minibatch_panel.update_panel: optima, numbers, play frames, figure). Prints times,
asserts nothing. Run: ``python bench/minibatch_bench.py``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from components.minibatch_panel import update_panel  # noqa: E402
from components.problem import default_state  # noqa: E402
from components.stores import build_scene  # noqa: E402
from components.view import initial_view  # noqa: E402
from geometry import QuadraticLoss, lambda_max  # noqa: E402
from geometry.basis import design_matrix  # noqa: E402
from geometry.minibatch import minibatch_optima  # noqa: E402


def best_of(fn, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    state = {**default_state(), "lang": "en"}
    x = np.asarray(state["points"]["x"], float)
    y = np.asarray(state["points"]["y"], float)
    X = design_matrix(state["basis"], x, rho=float(state["rho"]))
    lam = 0.3 * lambda_max(QuadraticLoss.from_data(X, y))
    for b in (2, 5, len(y)):
        t = best_of(lambda: minibatch_optima(X, y, batch_size=b, count=500, seed=0, lam_l1=lam))
        print(f"500 minibatch optima (L1 and L2), n = {len(y)}, b = {b:3d}: {1e3 * t:7.2f} ms")
    scene = build_scene(state)
    request = {"view": initial_view(), "batch": 5, "count": 500, "seed": 0}
    t = best_of(lambda: update_panel(request, state, scene), repeat=3)
    print(f"the panel's whole answer for 500 batches (optima, numbers, frames, figure): {1e3 * t:7.2f} ms")


if __name__ == "__main__":
    main()
