"""The sparsity Monte-Carlo for a request of the sparsity panel: many random problems solved exactly.

Pure (no Dash, no figure):

- :data:`DEFAULTS`: the panel's controls' ranges and defaults (number of problems, dimension d,
  feature correlation ρ, noise σ, log10 λ/λ_max);
- :func:`check_request`: a request's controls as numbers in their ranges;
- :func:`lab_factor`: the lab's λ/λ_max (the view's λ, or the L1 touch point's in constrained
  mode), for a request that follows the lab;
- :func:`monte_carlo`: the problems (:func:`geometry.sparsity.random_problems`, seed
  :data:`SEED`: the same controls give the same problems) solved exactly for L1, L2 and the
  elastic net on :func:`lambda_grid` and at the current λ/λ_max
  (:func:`geometry.sparsity.sparsity_study`, zeros counted ``== 0.0``), and how long it took.

:mod:`components.sparsity_figure` draws the result; :mod:`components.sparsity_panel` asks for it.
"""

from __future__ import annotations

import math
import time

import numpy as np

from geometry.sparsity import SparsityStudy, random_problems, sparsity_study

from .lambda_control import SLIDER_MAX, SLIDER_MIN
from .path_model import now_lambda
from .view import view_with_defaults

__all__ = ["DEFAULTS", "SEED", "GRID", "lambda_grid", "check_request", "lab_factor", "monte_carlo"]

#: the controls' ranges and defaults: ``(min, max, step, default)``; ``lambda`` is log10(λ/λ_max)
DEFAULTS: dict[str, tuple[float, float, float, float]] = {
    "count": (10, 2000, 10, 1000),
    "dim": (2, 20, 1, 10),
    "rho": (0.0, 0.95, 0.05, 0.5),
    "noise": (0.0, 3.0, 0.1, 1.0),
    "lambda": (SLIDER_MIN, SLIDER_MAX, 0.05, -1.0),
}
#: the problems' seed: the same controls give the same problems
SEED = 0
#: points of the λ/λ_max grid of the curves (log-spaced over the lab's slider range)
GRID = 11
_CONTROLS = ("count", "dim", "rho", "noise", "lambda")


def lambda_grid(num: int = GRID) -> np.ndarray:
    """The curves' λ/λ_max factors.

    Parameters
    ----------
    num : int
        How many.

    Returns
    -------
    ndarray of shape (num,)
        Log-spaced from ``10^SLIDER_MIN`` to ``10^SLIDER_MAX`` (the lab's slider range).
    """
    return np.logspace(SLIDER_MIN, SLIDER_MAX, num)


def check_request(request: dict) -> dict:
    """The request's controls as numbers in their ranges.

    Parameters
    ----------
    request : dict
        The panel's request: ``count``, ``dim``, ``rho``, ``noise``, ``lambda`` (log10
        λ/λ_max), ``l1_ratio``; each may be missing, and the first five may be None.

    Returns
    -------
    dict
        ``{"count", "dim", "rho", "noise", "lambda", "l1_ratio"}``: a value outside its range
        (:data:`DEFAULTS`) is clamped into it, a missing one is the default (``l1_ratio``: 0.5);
        ``count`` and ``dim`` rounded to whole numbers.

    Raises
    ------
    ValueError
        A control that is not a finite number, or an ``l1_ratio`` outside [0, 1].
    """
    out = {}
    for key in _CONTROLS:
        lo, hi, _, default = DEFAULTS[key]
        value = request.get(key, default)
        value = default if value is None else value
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ValueError(f"{key} must be a number, got {value!r}")
        out[key] = min(max(float(value), lo), hi)
    out["count"], out["dim"] = int(round(out["count"])), int(round(out["dim"]))
    r = request.get("l1_ratio", 0.5)
    if isinstance(r, bool) or not isinstance(r, (int, float)) or not 0.0 <= r <= 1.0:
        raise ValueError(f"l1_ratio must be a number in [0, 1], got {r!r}")
    out["l1_ratio"] = float(r)
    return out


def lab_factor(scene: dict, view: dict) -> float:
    """The lab's λ/λ_max.

    Parameters
    ----------
    scene : dict
        The ``scene-store`` dict.
    view : dict
        A view (:mod:`components.view`; missing keys take their defaults).

    Returns
    -------
    float
        The view's λ (penalized) or the L1 touch point's λ (constrained) over the scene's
        λ_max, clamped into the slider's range (``10^SLIDER_MIN … 10^SLIDER_MAX``; a λ_max
        that is not > 0, or a λ that is not finite, gives the top of the range).
    """
    lam = now_lambda(scene, view_with_defaults(view))
    top = float(scene["lambda_max"])
    factor = lam / top if top > 0 and math.isfinite(lam) else 10.0**SLIDER_MAX
    return min(max(factor, 10.0**SLIDER_MIN), 10.0**SLIDER_MAX)


def monte_carlo(
    count: int, dim: int, *, rho: float, noise: float, factor: float, l1_ratio: float, seed: int | None = SEED
) -> tuple[SparsityStudy, float, int]:
    """Draw the problems and solve them on the grid and at ``factor`` (λ/λ_max).

    Returns
    -------
    study : SparsityStudy
        Its factors are :func:`lambda_grid` followed by ``factor`` (the last index).
    seconds : float
        Wall-clock time of drawing and solving.
    now : int
        The index of ``factor`` in ``study.factors``.

    Raises
    ------
    ValueError
        As :func:`geometry.sparsity.random_problems` and :func:`geometry.sparsity.sparsity_study`.
    """
    start = time.perf_counter()
    problems = random_problems(count, dim, rho=rho, noise=noise, seed=seed)
    factors = np.append(lambda_grid(), float(factor))
    study = sparsity_study(problems, factors, l1_ratio=l1_ratio)
    return study, time.perf_counter() - start, factors.size - 1
