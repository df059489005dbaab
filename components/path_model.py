"""The numbers of the regularization path: every weight against λ for L1, L2 and the elastic net.

Pure (numpy and :mod:`geometry`: no figure, no strings), any number d of weights (the lab has two):

- :func:`lambda_range`: the path's λ axis, ``10^SLIDER_MIN λ_max`` to ``10^SLIDER_MAX λ_max`` (the
  λ slider's range, :mod:`components.lambda_control`);
- :func:`lambda_grid`: :data:`GRID_POINTS` λ's evenly spaced in log λ between two ends;
- :func:`lasso_curve`: the L1 weights at the homotopy's knots inside a range, its two ends and a
  log grid, every point exact (:class:`geometry.paths.LassoPath`), so linear interpolation in λ
  between any two neighbouring points is the exact lasso optimum and a weight that is 0 on a
  piece is exactly 0.0 at every point of it;
- :func:`lasso_events`: where a weight enters or leaves the lasso's active set;
- :func:`region_curve`: L2 (closed form), the elastic net
  ``λ (r ||w||_1 + (1 - r) ||w||_2^2)`` (exact optimum at each λ) and L1 at given λ's;
- :func:`region_curves`: every region's curve on a λ range at once, as the figure draws them;
- :func:`scene_lasso_path`: the scene's stored homotopy (``scene["lasso_path"]``) as a LassoPath;
- :func:`now_lambda`: the λ of a view of the lab: the view's λ in penalized mode, the equivalent
  λ of the L1 touch point in constrained mode (each region's touch point has its own λ there;
  the path's ``path-now`` line follows the lasso's);
- :func:`dataset_loss`: J0 of the model on *all* of a shipped data set's features (dataset mode).

:mod:`components.path_figure` draws these as the ``path-plot`` figure.
"""

from __future__ import annotations

import math

import numpy as np

from geometry import QuadraticLoss
from geometry.datasets import load_dataset
from geometry.paths import LassoPath, lasso_path_breakpoints, ridge_path
from geometry.solvers import penalized_optimum
from geometry.validation import check_l1_ratio, check_loss

from .lambda_control import SLIDER_MAX, SLIDER_MIN, slider_to_value
from .plane_traces import touches_for_view
from .plot_style import REGION_KEYS
from .view import view_for_scene

__all__ = [
    "GRID_POINTS",
    "lambda_range",
    "lambda_grid",
    "lasso_curve",
    "lasso_events",
    "region_curve",
    "region_curves",
    "scene_lasso_path",
    "now_lambda",
    "dataset_loss",
]

#: points of the log-λ grid (the L2 and elastic-net curves; the L1 curve adds its knots)
GRID_POINTS = 161


def lambda_range(lambda_max: float) -> tuple[float, float]:
    """The x-axis' λ range: the λ slider's, ``(10^SLIDER_MIN, 10^SLIDER_MAX) · lambda_max``.

    Raises
    ------
    ValueError
        If ``lambda_max`` is not a finite number > 0 (then no λ moves the lasso).
    """
    if not isinstance(lambda_max, (int, float, np.floating)) or not 0 < lambda_max < math.inf:
        raise ValueError(f"lambda_max must be a finite number > 0, got {lambda_max!r}")
    return float(lambda_max) * 10.0**SLIDER_MIN, float(lambda_max) * 10.0**SLIDER_MAX


def lambda_grid(lo: float, hi: float, *, num: int = GRID_POINTS) -> np.ndarray:
    """``num`` λ's evenly spaced in log λ from ``lo`` to ``hi`` (both included), increasing.

    Raises
    ------
    ValueError
        Unless ``0 < lo < hi < inf`` and ``num >= 2``.
    """
    if not (0 < lo < hi < math.inf):
        raise ValueError(f"need 0 < lo < hi < inf, got lo = {lo!r}, hi = {hi!r}")
    if not isinstance(num, (int, np.integer)) or num < 2:
        raise ValueError(f"num must be a whole number >= 2, got {num!r}")
    grid = np.geomspace(lo, hi, int(num))
    grid[0], grid[-1] = lo, hi  # exact ends
    return grid


def lasso_curve(path: LassoPath, lo: float, hi: float, *, num: int = GRID_POINTS) -> tuple[np.ndarray, np.ndarray]:
    """The lasso's weights on ``[lo, hi]``: at the path's knots inside it, both ends and a log grid.

    Parameters
    ----------
    path : LassoPath
        The exact homotopy (:func:`geometry.paths.lasso_path_breakpoints`).
    lo, hi : float
        ``0 < lo < hi``.
    num : int
        Points of the log grid added between the knots (a straight segment in λ is curved on a
        log axis: the grid draws it as it is).

    Returns
    -------
    lambdas : ndarray of shape (m,)
        Increasing, distinct; contains ``lo``, ``hi`` and every knot of ``path`` in between.
    weights : ndarray of shape (m, d)
        The exact lasso optimum at each λ (linear interpolation between the path's knots).
        A weight that is 0 between two knots is exactly 0.0 there.

    Raises
    ------
    ValueError
        If ``path`` is not a LassoPath, or as :func:`lambda_grid`.
    """
    if not isinstance(path, LassoPath):
        raise ValueError(f"path must be a LassoPath, got {type(path).__name__}")
    grid = lambda_grid(lo, hi, num=num)
    knots = path.lambdas[(path.lambdas > lo) & (path.lambdas < hi)]
    lambdas = np.unique(np.concatenate([grid, knots]))
    xp = path.lambdas[::-1]  # increasing; np.interp clamps above lambda_max to weights[0] = 0
    weights = np.column_stack([np.interp(lambdas, xp, path.weights[::-1, j]) for j in range(path.weights.shape[1])])
    return lambdas, weights.reshape(len(lambdas), path.weights.shape[1])


def lasso_events(path: LassoPath, lo: float = 0.0, hi: float = math.inf) -> list[tuple[float, int, str]]:
    """Where weights enter or leave the lasso's active set, for knots with ``lo <= λ <= hi``.

    Returns
    -------
    list of (lam, k, kind)
        ``kind`` is ``"enters"`` (weight k is 0 just above ``lam`` and not just below) or
        ``"leaves"`` (not 0 just above, exactly 0 just below), in order of decreasing λ.

    Raises
    ------
    ValueError
        If ``path`` is not a LassoPath.
    """
    if not isinstance(path, LassoPath):
        raise ValueError(f"path must be a LassoPath, got {type(path).__name__}")
    out = []
    W = path.weights
    for i, lam in enumerate(path.lambdas):
        if not lo <= lam <= hi or i + 1 >= len(W):
            continue
        before = W[i - 1] if i > 0 else np.zeros(W.shape[1])  # the piece above lam (w = 0 above lambda_max)
        after = W[i + 1]  # the piece below lam is linear from W[i] to W[i + 1]
        for k in range(W.shape[1]):
            above_zero = before[k] == 0 and W[i, k] == 0
            below_zero = W[i, k] == 0 and after[k] == 0
            if above_zero and not below_zero:
                out.append((float(lam), k, "enters"))
            elif below_zero and not above_zero:
                out.append((float(lam), k, "leaves"))
    return out


def region_curve(loss: QuadraticLoss, region: str, lambdas, *, l1_ratio: float = 0.5) -> np.ndarray:
    """The penalized optima of ``region`` at each λ, shape (len(lambdas), d).

    ``"l2"``: ``argmin J0 + λ ||w||_2^2`` in closed form (:func:`geometry.paths.ridge_path`);
    ``"elasticnet"``: ``argmin J0 + λ (r ||w||_1 + (1 - r) ||w||_2^2)``, r = ``l1_ratio``, exact at each λ;
    ``"l1"``: the lasso (exact, from the homotopy).

    Raises
    ------
    ValueError
        A loss that is not a QuadraticLoss, an unknown region, λ's not finite and >= 0, or
        ``l1_ratio`` outside [0, 1].
    """
    check_loss(loss)
    if region not in REGION_KEYS:
        raise ValueError(f"region must be one of {tuple(REGION_KEYS)}, got {region!r}")
    lams = np.asarray(lambdas, dtype=float)
    if region == "l2":
        return ridge_path(loss, lams)
    if region == "l1":
        path = lasso_path_breakpoints(loss)
        return np.array([path.at(lam) for lam in lams]).reshape(len(lams), loss.dim)
    r = check_l1_ratio(l1_ratio)
    return np.array([penalized_optimum(loss, "elasticnet", lam, l1_ratio=r) for lam in lams]).reshape(
        len(lams), loss.dim
    )


def region_curves(
    loss: QuadraticLoss,
    shown,
    lo: float,
    hi: float,
    *,
    l1_ratio: float = 0.5,
    path: LassoPath | None = None,
    num: int = GRID_POINTS,
    at: float | None = None,
) -> dict[str, tuple[np.ndarray, np.ndarray | None]]:
    """The curves of the regions in ``shown`` on ``[lo, hi]``, as the path figure draws them.

    Parameters
    ----------
    loss : QuadraticLoss
    shown : iterable of str
        The regions drawn, by key (``"l1"``, ``"l2"``, ``"en"``); other entries are ignored.
    lo, hi : float
        ``0 < lo < hi < inf``.
    l1_ratio : float in [0, 1]
        The elastic net's mix r.
    path : LassoPath, optional
        The loss' lasso homotopy (computed from the loss if L1 is shown and it is not given).
    num : int >= 2
        Points of the log-λ grid (:func:`lambda_grid`).
    at : float, optional
        A λ every curve has a point at (then the L1 weights are ``path.at(λ)`` at each point).

    Returns
    -------
    dict
        ``{region: (lambdas, weights)}`` for ``"l1"``, ``"l2"``, ``"elasticnet"`` in that order:
        L1 at :func:`lasso_curve`'s λ's, the others on the grid (each with ``at`` added if given);
        ``weights`` of shape ``(len(lambdas), d)``, or None for a region not shown (its
        ``lambdas``: the grid).

    Raises
    ------
    ValueError
        As :func:`lambda_grid` and :func:`region_curve`.
    """
    shown = set(shown)
    grid = lambda_grid(lo, hi, num=num)
    if at is not None:
        grid = np.unique(np.concatenate([grid, [at]]))
    out: dict[str, tuple[np.ndarray, np.ndarray | None]] = {}
    for region, key in REGION_KEYS.items():
        if key not in shown:
            out[region] = (grid, None)
        elif region != "l1":
            out[region] = (grid, region_curve(loss, region, grid, l1_ratio=l1_ratio))
        else:
            path = path if path is not None else lasso_path_breakpoints(loss)
            lams, ws = lasso_curve(path, lo, hi, num=num)
            if at is not None:
                lams = np.unique(np.concatenate([lams, [at]]))
                ws = np.array([path.at(lam) for lam in lams])
            out[region] = (lams, ws)
    return out


def scene_lasso_path(scene: dict) -> LassoPath | None:
    """The scene's exact lasso homotopy (``scene["lasso_path"]``, as the store holds it) as a
    LassoPath; None if the scene has none."""
    stored = scene.get("lasso_path")
    if not stored:
        return None
    return LassoPath(
        lambdas=np.asarray(stored["lambdas"], dtype=float), weights=np.asarray(stored["weights"], dtype=float)
    )


def now_lambda(scene: dict, view: dict, *, loss: QuadraticLoss | None = None) -> float:
    """The λ the ``path-now`` line marks for a view of the lab (not clamped to the axis).

    Penalized mode: the λ of the view (its slider on this scene, :func:`components.view.view_for_scene`).
    Constrained mode: the equivalent λ of the L1 touch point
    (:func:`components.plane_traces.touches_for_view`; 0 once t reaches ``||w_OLS||_1``).
    """
    view = view_for_scene(view, scene)
    if view.get("mode", "penalized") == "constrained":
        return float(touches_for_view(scene, view, loss=loss)["l1"].lam)
    return slider_to_value(scene, "penalized", view["slider"])


def dataset_loss(name: str) -> QuadraticLoss:
    """J0 of the least-squares regression of a shipped data set's target on all its features
    (intercept fitted, not penalized): the model whose path dataset mode draws.

    Raises
    ------
    ValueError
        For a name that is not a shipped data set.
    """
    X, y, _ = load_dataset(name)
    return QuadraticLoss.from_data(X, y)
