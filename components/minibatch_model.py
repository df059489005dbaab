"""The minibatch lesson's model: the exact L1 and L2 optima of many random minibatches.

Pure (no Dash, no figure): :func:`minibatch_model` draws ``count`` batches of ``b`` of the
current problem's points without replacement (:func:`geometry.minibatch.minibatch_optima`),
solves each batch exactly for the lasso and for ridge at the main plane's λ (in constrained mode
each region's equivalent λ, the λ of its touch point, so that the full-data optima are the
plane's touch points in both modes), and returns the two clouds, the full-data optima, the
numbers the panel states (:func:`cloud_stats`: computed from exactly the optima the clouds
draw, zeros counted exactly) and the play frames (the first batches' contours through their two
optima). :mod:`components.minibatch_figure` draws it; :mod:`components.minibatch_panel` asks
for it.
"""

from __future__ import annotations

import math

import numpy as np

from geometry import QuadraticLoss
from geometry.contours import contour_curve
from geometry.minibatch import cloud_spread, corner_shares, mean_distance, minibatch_optima

from .plane_traces import touches_for_view
from .problem import design_for_state
from .view import view_with_defaults

__all__ = [
    "MAX_COUNT",
    "MIN_BATCH",
    "PLAY_FRAMES",
    "CONTOUR_POINTS",
    "default_batch_size",
    "minibatch_model",
    "cloud_stats",
]

MAX_COUNT = 500
#: the smallest batch: two rows (their centred features have rank 1: the contours are lines)
MIN_BATCH = 2
#: batches whose contours the server draws for play (the highlighted batch cycles through them)
PLAY_FRAMES = 30
#: points per contour of a batch
CONTOUR_POINTS = 61


def default_batch_size(n: int) -> int:
    """The batch size a panel opens with.

    Parameters
    ----------
    n : int
        The number of data points.

    Returns
    -------
    int
        About a quarter of n, at least :data:`MIN_BATCH` and at most ``max(n, MIN_BATCH)``.
    """
    return int(min(max(MIN_BATCH, round(n / 4)), max(n, MIN_BATCH)))


def _polyline(curves: list[np.ndarray]) -> tuple[list, list]:
    xs: list = []
    ys: list = []
    for curve in curves:
        if xs:
            xs.append(None)
            ys.append(None)
        xs.extend(np.round(curve[:, 0], 6).tolist())
        ys.extend(np.round(curve[:, 1], 6).tolist())
    return xs, ys


def _contours_through(loss: QuadraticLoss, points: list[np.ndarray], window) -> tuple[list, list]:
    """One polyline (``None`` gaps) of the loss's contours through each point."""
    curves: list[np.ndarray] = []
    for w in points:
        try:
            curves += contour_curve(loss, loss.min_value + loss.excess(w), num=CONTOUR_POINTS, view=window)
        except ValueError:  # a flat batch loss (all its points at one x): nothing to draw
            pass
    return _polyline(curves)


def minibatch_model(state: dict, scene: dict, view: dict, *, batch_size: int, count: int, seed: int) -> dict:
    """The clouds and their numbers for a problem, a view and the panel's settings.

    Parameters
    ----------
    state : dict
        The ``lab-state`` dict (points ``x``, ``y``, ``basis``, ``rho``); ``source`` must be
        ``"points"``.
    scene : dict
        The ``scene-store`` dict of that state (its ``view`` is the plot's window).
    view : dict
        The λ settings (``view-store``).
    batch_size : int
        b, clamped into ``[MIN_BATCH, n]`` (the slider's range follows n).
    count : int in [1, MAX_COUNT]
    seed : int >= 0

    Returns
    -------
    dict
        ``n``, ``b``, ``count``, ``mode``, ``lam_l1``, ``lam_l2``, ``l1``, ``l2`` (lists of
        [w1, w2], the batches' optima), ``full_l1``, ``full_l2`` (the main plane's touch
        points), ``stats`` (``spread_l1``, ``spread_l2``, ``ratio``, ``distance_l1``,
        ``distance_l2``, ``shares_l1``, ``shares_l2``: computed from ``l1`` and ``l2``),
        ``frames`` (the first batches' contours through their two optima, ``{"x", "y", "l1",
        "l2"}``) and ``window`` (the plot's axes).

    Raises
    ------
    ValueError
        A state in loss-shape mode, a count outside [1, MAX_COUNT], or data the batches
        cannot be drawn for.
    """
    if state.get("source") == "shape":
        raise ValueError("loss-shape mode has no data points")
    if isinstance(count, bool) or not isinstance(count, (int, np.integer)) or not 1 <= count <= MAX_COUNT:
        raise ValueError(f"count must be a whole number in [1, {MAX_COUNT}], got {count!r}")
    X, y = design_for_state(state)
    n = int(y.shape[0])
    b = int(min(max(int(batch_size), MIN_BATCH), n))
    view = view_with_defaults(view)
    touches = touches_for_view(scene, view)
    lam_l1, lam_l2 = float(touches["l1"].lam), float(touches["l2"].lam)
    optima = minibatch_optima(X, y, batch_size=b, count=int(count), seed=int(seed), lam_l1=lam_l1, lam_l2=lam_l2)
    full_l1 = np.asarray(touches["l1"].w, dtype=float)
    full_l2 = np.asarray(touches["l2"].w, dtype=float)
    window = ((float(scene["view"]["x"][0]), float(scene["view"]["x"][1])), (float(scene["view"]["y"][0]), float(scene["view"]["y"][1])))
    frames = []
    for i in range(min(PLAY_FRAMES, int(count))):
        loss = QuadraticLoss(optima.hessians[i], optima.linears[i], data_moments=True)
        cx, cy = _contours_through(loss, [optima.l1[i], optima.l2[i]], window)
        frames.append({"x": cx, "y": cy, "l1": optima.l1[i].tolist(), "l2": optima.l2[i].tolist()})
    return {
        "n": n,
        "b": b,
        "count": int(count),
        "seed": int(seed),
        "mode": view.get("mode", "penalized"),
        "lam_l1": lam_l1,
        "lam_l2": lam_l2,
        "l1": optima.l1.tolist(),
        "l2": optima.l2.tolist(),
        "full_l1": full_l1.tolist(),
        "full_l2": full_l2.tolist(),
        "stats": cloud_stats(optima.l1, optima.l2, full_l1, full_l2),
        "frames": frames,
        "window": [list(window[0]), list(window[1])],
    }


def cloud_stats(l1, l2, full_l1, full_l2) -> dict:
    """The panel's numbers for two clouds of optima and the full-data optima.

    Parameters
    ----------
    l1, l2 : array_like of shape (m, 2)
        The batches' L1 and L2 optima.
    full_l1, full_l2 : array_like of shape (2,)
        The full data's L1 and L2 optima.

    Returns
    -------
    dict
        ``spread_l1``, ``spread_l2`` (:func:`geometry.minibatch.cloud_spread`), ``ratio``
        (L1 / L2 spread: NaN when both are 0, infinity when only L2's is), ``distance_l1``,
        ``distance_l2`` (:func:`geometry.minibatch.mean_distance` to the full-data optimum),
        ``shares_l1``, ``shares_l2`` (:func:`geometry.minibatch.corner_shares`).
    """
    s1, s2 = cloud_spread(l1), cloud_spread(l2)
    return {
        "spread_l1": s1,
        "spread_l2": s2,
        "ratio": s1 / s2 if s2 > 0 else (math.nan if s1 == 0 else math.inf),
        "distance_l1": mean_distance(l1, full_l1),
        "distance_l2": mean_distance(l2, full_l2),
        "shares_l1": corner_shares(l1),
        "shares_l2": corner_shares(l2),
    }
