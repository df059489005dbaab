"""Constraint regions and their sizes: the L1 diamond, the L2 circle, p-norm balls, elastic net.

- ``"l1"``: ``||w||_1 <= t`` (a square rotated 45 degrees, corners on the axes),
- ``"l2"``: ``||w||_2 <= t`` (a circle of radius t),
- ``"lp"``: ``||w||_p <= t`` for any p > 0 (concave "star" sides for p < 1),
- ``"elasticnet"``: ``r ||w||_1 + (1 - r) ||w||_2^2 <= t``.

The elastic-net region of size t crosses the axes at the intercept
:func:`elastic_net_intercept`; the region with intercept t has the size
:func:`elastic_net_budget` (the diamond of intercept t at r = 1, the circle of radius t at r = 0).
"""

from __future__ import annotations

import numpy as np

from .validation import REGION_NAMES, check_array, check_l1_ratio, check_p, check_region, check_size, check_whole_number

__all__ = ["REGION_NAMES", "region_size", "region_boundary", "elastic_net_budget", "elastic_net_intercept"]


def region_size(region: str, w, *, l1_ratio: float = 0.5, p: float = 2.0) -> float:
    """The size t whose region boundary passes through w.

    Parameters
    ----------
    region : {"l1", "l2", "lp", "elasticnet"}
    w : array_like of shape (d,)
    l1_ratio : float in [0, 1]
    p : float > 0

    Returns
    -------
    float
        ``||w||_1``, ``||w||_2``, ``||w||_p`` or ``r ||w||_1 + (1 - r) ||w||_2^2``.

    Raises
    ------
    ValueError
        An unknown region, w not a finite 1-D array, p not a finite number > 0 ("lp") or
        l1_ratio outside [0, 1] ("elasticnet").
    """
    check_region(region)
    w = check_array(w, "w", ndim=1)
    if region == "l1":
        return float(np.abs(w).sum())
    if region == "l2":
        return float(np.linalg.norm(w))
    if region == "lp":
        p = check_p(p)
        top = float(np.max(np.abs(w))) if w.size else 0.0
        if top == 0.0:
            return 0.0
        return top * float(np.sum((np.abs(w) / top) ** p)) ** (1.0 / p)
    r = check_l1_ratio(l1_ratio)
    return r * float(np.abs(w).sum()) + (1.0 - r) * float(w @ w)


def elastic_net_budget(t: float, *, l1_ratio: float) -> float:
    """The size of the elastic-net region whose boundary crosses the axes at +-t.

    Parameters
    ----------
    t : float, >= 0
        The intercept on each axis.
    l1_ratio : float in [0, 1]

    Returns
    -------
    float
        ``r t + (1 - r) t^2``: the region ``r ||w||_1 + (1 - r) ||w||_2^2 <= r t + (1 - r) t^2`` is
        the diamond ``||w||_1 <= t`` at r = 1 and the circle ``||w||_2 <= t`` at r = 0.

    Raises
    ------
    ValueError
        t not a finite number >= 0, or l1_ratio outside [0, 1].
    """
    t = check_size(t)
    r = check_l1_ratio(l1_ratio)
    return r * t + (1.0 - r) * t * t


def elastic_net_intercept(size: float, *, l1_ratio: float) -> float:
    """Where the elastic-net region of a given size crosses the axes (inverse of :func:`elastic_net_budget`).

    Parameters
    ----------
    size : float, >= 0
        The region's size ``r ||w||_1 + (1 - r) ||w||_2^2``.
    l1_ratio : float in [0, 1]

    Returns
    -------
    float
        The root t >= 0 of ``(1 - r) t^2 + r t = size``, in the cancellation-free form
        ``2 size / (r + sqrt(r^2 + 4 (1 - r) size))`` (0 for size 0).

    Raises
    ------
    ValueError
        size not a finite number >= 0, or l1_ratio outside [0, 1].
    """
    size = check_size(size)
    r = check_l1_ratio(l1_ratio)
    if size == 0.0:
        return 0.0
    return 2.0 * size / (r + float(np.sqrt(r * r + 4.0 * (1.0 - r) * size)))


def _quadrant_directions(num: int) -> tuple[np.ndarray, np.ndarray]:
    """Unit directions (cos, sin) of the first quadrant with exact end points (1, 0) and (0, 1)."""
    phi = np.linspace(0.0, 0.5 * np.pi, num)
    c, s = np.cos(phi), np.sin(phi)
    c[0], s[0], c[-1], s[-1] = 1.0, 0.0, 0.0, 1.0
    return c, s


def _mirror(qx: np.ndarray, qy: np.ndarray) -> np.ndarray:
    """Closed polyline from a first-quadrant arc running from the +w1 axis to the +w2 axis."""
    xs = np.concatenate([qx, -qx[::-1][1:], -qx[1:], qx[::-1][1:]])
    ys = np.concatenate([qy, qy[::-1][1:], -qy[1:], -qy[::-1][1:]])
    out = np.c_[xs, ys]
    out[-1] = out[0]
    return out


def region_boundary(region: str, t: float, *, l1_ratio: float = 0.5, p: float = 2.0, num: int = 256) -> np.ndarray:
    """The boundary of a 2-D region as a closed polyline.

    Parameters
    ----------
    region : {"l1", "l2", "lp", "elasticnet"}
    t : float >= 0
    l1_ratio : float in [0, 1] (elastic net)
    p : float > 0 (p-norm)
    num : int >= 8
        Approximate number of points (the L1 diamond always has exactly 5).

    Returns
    -------
    ndarray of shape (m, 2)
        First row equals last row. The L1 diamond is exactly ``(t,0), (0,t), (-t,0), (0,-t), (t,0)``;
        every other shape contains the four axis points ``(+-a, 0), (0, +-a)`` exactly.

    Raises
    ------
    ValueError
        An unknown region, t not a finite number >= 0, num not a whole number >= 8, p not a
        finite number > 0 ("lp") or l1_ratio outside [0, 1] ("elasticnet").
    """
    check_region(region)
    t = check_size(t)
    num = check_whole_number(num, "num", minimum=8)
    if region == "l1":
        return np.array([[t, 0.0], [0.0, t], [-t, 0.0], [0.0, -t], [t, 0.0]])
    per_quadrant = max(3, int(num) // 4 + 1)
    if region == "l2":
        c, s = _quadrant_directions(per_quadrant)
        return _mirror(t * c, t * s)
    if region == "lp":
        p = check_p(p)
        # |x|^p + |y|^p = t^p  <=>  x = t cos(phi)^(2/p), y = t sin(phi)^(2/p): points crowd
        # where the curve bends most, and the axis points are exact.
        c, s = _quadrant_directions(per_quadrant)
        return _mirror(t * c ** (2.0 / p), t * s ** (2.0 / p))
    r = check_l1_ratio(l1_ratio)
    c, s = _quadrant_directions(per_quadrant)
    a = r * (c + s)
    # r rho (|c| + |s|) + (1 - r) rho^2 = t, solved without cancellation
    rho = 2.0 * t / (a + np.sqrt(a * a + 4.0 * (1.0 - r) * t)) if t > 0 else np.zeros_like(c)
    return _mirror(rho * c, rho * s)
