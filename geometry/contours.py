"""Analytic level curves of a 2-D loss J0.

``J0(w) = min J0 + 1/2 (w - w_ols)^T H (w - w_ols)``, so with ``H = V diag(e) V^T`` the level
``min + delta`` is the ellipse ``w_ols + V (sqrt(2 delta / e_1) cos s, sqrt(2 delta / e_2) sin s)``.
A rank-1 H (collinear features) gives two parallel lines instead, a zero H no curve at all.
"""

from __future__ import annotations

import math

import numpy as np

from .loss import QuadraticLoss
from .validation import check_loss_2d, check_view, check_whole_number

__all__ = ["contour_level_through", "contour_curve", "contour_levels", "contour_lines"]


def contour_level_through(loss: QuadraticLoss, w) -> float:
    """The level J0(w) of the contour through w, shape (2,)."""
    check_loss_2d(loss)
    w = np.asarray(w, dtype=float)
    if w.shape != (2,) or not np.all(np.isfinite(w)):
        raise ValueError(f"w must be two finite numbers, got {w!r}")
    return loss.min_value + float(loss.excess(w))


def _clip_line(point: np.ndarray, direction: np.ndarray, view) -> np.ndarray | None:
    """The segment of the line point + s * direction inside the view box, as (2, 2), or None."""
    lo, hi = -np.inf, np.inf
    for axis in range(2):
        a, b = view[axis]
        if abs(direction[axis]) < 1e-300:
            if not a <= point[axis] <= b:
                return None
            continue
        s0, s1 = (a - point[axis]) / direction[axis], (b - point[axis]) / direction[axis]
        lo, hi = max(lo, min(s0, s1)), min(hi, max(s0, s1))
    if lo > hi:
        return None
    return np.array([point + lo * direction, point + hi * direction])


def contour_curve(loss: QuadraticLoss, level: float, *, num: int = 181, view=None) -> list[np.ndarray]:
    """The level set ``J0(w) = level`` of a 2-D loss.

    Parameters
    ----------
    loss : QuadraticLoss of dimension 2
    level : float
    num : int >= 4
        Points on an ellipse (closed: the first point is repeated at the end).
    view : ((xmin, xmax), (ymin, ymax)), optional
        Required when H has rank 1: the parallel lines are clipped to it.

    Returns
    -------
    list of ndarray of shape (m, 2)
        One closed ellipse (rank 2), up to two line segments (rank 1), the single point
        ``[w_ols]`` when level is the minimum (rank 2), or nothing (level below the
        minimum, or a flat loss).
    """
    check_loss_2d(loss)
    num = check_whole_number(num, "num", minimum=4)
    view = check_view(view)
    level = float(level)
    if not math.isfinite(level):
        raise ValueError(f"level must be finite, got {level!r}")
    delta = level - loss.min_value
    scale = max(abs(loss.min_value), abs(level), 1e-300)
    if delta < -1e-12 * scale:
        return []
    if delta <= 1e-12 * scale:  # the minimum itself, up to rounding
        delta = 0.0
    values, vectors = loss.eigenvalues, loss.eigenvectors
    center = loss.ols_point
    rank = loss.rank
    if rank == 0:
        return []
    if rank == 2:
        if delta == 0.0:
            return [center[None, :].copy()]
        return [_ellipses(loss, np.array([delta]), num)[0]]
    if view is None:
        raise ValueError("this loss has a singular hessian (its contours are lines): give a view to clip them to")
    normal, along = vectors[:, 1], vectors[:, 0]  # eigenvalues ascend: index 0 is the flat direction
    offset = math.sqrt(2.0 * delta / values[1])
    segments = []
    for sign in (0.0,) if offset == 0.0 else (1.0, -1.0):
        seg = _clip_line(center + sign * offset * normal, along, view)
        if seg is not None:
            segments.append(seg)
    return segments


def contour_levels(loss: QuadraticLoss, *, count: int = 12, view=None, include=()) -> np.ndarray:
    """Pleasant contour levels: ``count`` levels evenly spaced in "radius", plus ``include``.

    The k-th level is ``min + delta_max (k / count)^2`` so the ellipses are evenly spaced;
    ``delta_max`` makes the outermost one reach the farthest corner of ``view`` (or, without a
    view, 1.5 times the ellipse through the origin).

    Parameters
    ----------
    loss : QuadraticLoss of dimension 2
    count : int >= 1
    view : ((xmin, xmax), (ymin, ymax)), optional
    include : sequence of float
        Exact levels to add (e.g. J0 at touch points).

    Returns
    -------
    ndarray of shape (k,)
        Sorted, unique, all strictly above the minimum (except included ones).
    """
    check_loss_2d(loss)
    count = check_whole_number(count, "count", minimum=1)
    view = check_view(view)
    extra = np.asarray(list(include), dtype=float)
    if extra.size and not np.all(np.isfinite(extra)):
        raise ValueError("include must hold finite levels")
    if view is not None:
        corners = np.array([[x, y] for x in view[0] for y in view[1]])
        top = float(np.max(loss.excess(corners)))
    else:
        top = 2.25 * float(loss.excess(np.zeros(2)))
    if not top > 0:
        top = 1.0 if loss.rank else 0.0
    k = np.arange(1, int(count) + 1)
    levels = loss.min_value + top * (k / count) ** 2 if top > 0 else np.array([])
    return np.unique(np.concatenate([levels, extra]))


def _ellipses(loss: QuadraticLoss, deltas: np.ndarray, num: int) -> np.ndarray:
    """Closed ellipses J0 = min + delta for a loss of rank 2 and deltas > 0: shape (k, num, 2)."""
    s = np.linspace(0.0, 2.0 * np.pi, num)
    radii = np.sqrt(2.0 * deltas[:, None] / loss.eigenvalues[None, :])  # (k, 2)
    local = np.stack([radii[:, :1] * np.cos(s), radii[:, 1:] * np.sin(s)], axis=-1)  # (k, num, 2)
    curves = loss.ols_point + local @ loss.eigenvectors.T
    curves[:, -1] = curves[:, 0]
    return curves


def contour_lines(loss: QuadraticLoss, levels, *, num: int = 181, view=None) -> tuple[np.ndarray, np.ndarray]:
    """All level curves joined into one polyline with NaN gaps (one plotly trace).

    Returns
    -------
    x, y : ndarray of shape (m,)
    """
    check_loss_2d(loss)
    check_view(view)
    levels = np.asarray(levels, dtype=float).ravel()
    if loss.rank == 2 and levels.size and np.all(np.isfinite(levels)):
        deltas = levels - loss.min_value
        if np.all(deltas > 1e-12 * np.maximum(np.maximum(abs(loss.min_value), np.abs(levels)), 1e-300)):
            # every level a proper ellipse: all at once, NaN after each but the last
            curves = _ellipses(loss, deltas, check_whole_number(num, "num", minimum=4))
            gaps = np.full((levels.size, 1, 2), np.nan)
            joined = np.concatenate([curves, gaps], axis=1).reshape(-1, 2)[:-1]
            return joined[:, 0].copy(), joined[:, 1].copy()
    xs: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    gap = np.array([np.nan])
    for level in np.asarray(levels, dtype=float).ravel():
        for curve in contour_curve(loss, level, num=num, view=view):
            if xs:
                xs.append(gap)
                ys.append(gap)
            xs.append(curve[:, 0])
            ys.append(curve[:, 1])
    if not xs:
        return np.array([]), np.array([])
    return np.concatenate(xs), np.concatenate(ys)
