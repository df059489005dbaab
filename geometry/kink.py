"""The 1-D kink: F(x) = f(x) + lam |x| beside f(x) + lam x^2 for a quadratic f.

With ``d0 = f'(0)`` the L1 objective has the one-sided slopes ``d0 - lam`` (left of 0) and
``d0 + lam`` (right of 0) at 0, so 0 is its minimiser exactly when ``d0 - lam <= 0 <= d0 + lam``,
i.e. ``|d0| <= lam``; the minimiser is then the float ``0.0`` itself (soft thresholding). The L2
objective is smooth with slope ``d0`` at 0, so 0 is its minimiser only when ``d0 = 0``.

f is a parabola ``f(x) = value + slope x + curvature x^2 / 2`` (:class:`Quadratic1D`), taken
either from a 2-D loss J0 along one weight with the others held (:func:`along_weight`; at the
lasso optimum this makes the 1-D L1 minimiser that optimum's coordinate, the KKT condition of
that coordinate), or from ``a (x - c)^2`` (:func:`parabola`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .loss import QuadraticLoss, check_array

__all__ = [
    "Quadratic1D",
    "along_weight",
    "parabola",
    "l1_minimiser",
    "l2_minimiser",
    "one_sided_slopes",
    "kink_grid",
    "kink_curves",
]


def _finite(value, name: str) -> float:
    """``value`` as a float; ValueError if it is not a finite real number."""
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    try:
        out = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a finite number, got {value!r}") from None
    if not math.isfinite(out):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return out


def _lam(lam) -> float:
    out = _finite(lam, "lam")
    if out < 0:
        raise ValueError(f"lam must be >= 0, got {lam!r}")
    return out


@dataclass(frozen=True)
class Quadratic1D:
    """``f(x) = value + slope x + curvature x^2 / 2``: f(0), d0 = f'(0) and f'' >= 0.

    Raises
    ------
    ValueError
        A coefficient that is not finite, or a negative curvature (f must be convex).
    """

    curvature: float
    slope: float
    value: float = 0.0

    def __post_init__(self):
        curvature = _finite(self.curvature, "curvature")
        if curvature < 0:
            raise ValueError(f"curvature must be >= 0 (a convex f), got {self.curvature!r}")
        object.__setattr__(self, "curvature", curvature)
        object.__setattr__(self, "slope", _finite(self.slope, "slope"))
        object.__setattr__(self, "value", _finite(self.value, "value"))

    def __call__(self, x) -> np.ndarray:
        """f at the points ``x`` (any shape)."""
        x = np.asarray(x, dtype=float)
        return self.value + x * (self.slope + 0.5 * self.curvature * x)

    @property
    def minimiser(self) -> float:
        """argmin f = -d0 / f''; 0.0 when f is constant; ValueError when f is unbounded below."""
        return l2_minimiser(self, 0.0)


def along_weight(loss: QuadraticLoss, weight: int, at) -> Quadratic1D:
    """f(x) = J0(w) with ``w[weight] = x`` and the other weights held at ``at``.

    Parameters
    ----------
    loss : QuadraticLoss
        J0(w) = 1/2 w^T H w - g^T w + c in d >= 2 weights.
    weight : int
        Which weight varies, ``0 <= weight < d``.
    at : array_like of shape (d,)
        The point whose other coordinates are held (its ``weight`` coordinate is ignored).

    Returns
    -------
    Quadratic1D
        ``curvature = H[k, k]``, ``slope = sum_{j != k} H[k, j] at[j] - g[k]`` and
        ``value = J0(at with at[k] = 0)``.

    Raises
    ------
    ValueError
        A loss that is not a QuadraticLoss or has fewer than 2 weights, a weight index out of
        range, or a point of the wrong shape or not finite.

    Examples
    --------
    >>> loss = QuadraticLoss([[2.0, 1.0], [1.0, 2.0]], [1.0, 0.0])
    >>> along_weight(loss, 0, [0.0, 0.5])
    Quadratic1D(curvature=2.0, slope=-0.5, value=0.25)
    """
    if not isinstance(loss, QuadraticLoss):
        raise ValueError(f"loss must be a QuadraticLoss, got {type(loss).__name__}")
    d = loss.linear.shape[0]
    if d < 2:
        raise ValueError(f"loss must have at least 2 weights to hold the others, got d = {d}")
    if isinstance(weight, bool) or not isinstance(weight, (int, np.integer)) or not 0 <= weight < d:
        raise ValueError(f"weight must be an integer index in [0, {d}), got {weight!r}")
    point = check_array(at, "at", ndim=1)
    if point.shape != (d,):
        raise ValueError(f"at must have shape ({d},), got {point.shape}")
    held = point.copy()
    held[weight] = 0.0
    H, g = loss.hessian, loss.linear
    return Quadratic1D(
        curvature=float(H[weight, weight]),
        slope=float(H[weight] @ held - g[weight]),
        value=float(0.5 * held @ H @ held - g @ held + loss.constant),
    )


def parabola(a, c) -> Quadratic1D:
    """f(x) = a (x - c)^2 with a > 0: curvature 2a, d0 = -2 a c, f(0) = a c^2.

    Raises
    ------
    ValueError
        ``a`` not a finite number > 0, or ``c`` not a finite number.

    Examples
    --------
    >>> parabola(1.0, 0.75)
    Quadratic1D(curvature=2.0, slope=-1.5, value=0.5625)
    """
    a_value, c_value = _finite(a, "a"), _finite(c, "c")
    if a_value <= 0:
        raise ValueError(f"a must be > 0 (an upward parabola), got {a!r}")
    return Quadratic1D(curvature=2.0 * a_value, slope=-2.0 * a_value * c_value, value=a_value * c_value * c_value)


def one_sided_slopes(f: Quadratic1D, lam) -> tuple[float, float]:
    """The one-sided slopes of f(x) + lam |x| at 0: ``(d0 - lam, d0 + lam)`` (left, right)."""
    lam = _lam(lam)
    return f.slope - lam, f.slope + lam


def l1_minimiser(f: Quadratic1D, lam) -> float:
    """argmin f(x) + lam |x|, by soft thresholding: ``-sign(d0) max(|d0| - lam, 0) / f''``.

    Returns exactly ``0.0`` whenever ``|d0| <= lam`` (0 is then a minimum: the one-sided slopes
    ``d0 - lam <= 0 <= d0 + lam``), whatever f'' is.

    Raises
    ------
    ValueError
        ``lam`` not a finite number >= 0, or f'' = 0 with ``|d0| > lam`` (unbounded below).

    Examples
    --------
    >>> f = parabola(1.0, 0.75)          # d0 = -1.5
    >>> l1_minimiser(f, 0.5), l1_minimiser(f, 2.0)
    (0.5, 0.0)
    """
    lam = _lam(lam)
    if abs(f.slope) <= lam:
        return 0.0
    if f.curvature == 0:
        raise ValueError(f"f + lam |x| is unbounded below: f'' = 0 and |d0| = {abs(f.slope)!r} > lam = {lam!r}")
    return -math.copysign(abs(f.slope) - lam, f.slope) / f.curvature


def l2_minimiser(f: Quadratic1D, lam) -> float:
    """argmin f(x) + lam x^2 = ``-d0 / (f'' + 2 lam)``; ``0.0`` exactly when d0 = 0.

    Raises
    ------
    ValueError
        ``lam`` not a finite number >= 0, or f'' + 2 lam = 0 with d0 != 0 (unbounded below).
    """
    lam = _lam(lam)
    if f.slope == 0:
        return 0.0
    bend = f.curvature + 2.0 * lam
    if bend == 0:
        raise ValueError(f"f + lam x^2 is unbounded below: f'' + 2 lam = 0 and d0 = {f.slope!r}")
    return -f.slope / bend


def kink_grid(lo, hi, num: int = 201) -> np.ndarray:
    """``num`` sample points from lo < 0 to hi > 0 that include 0 exactly (where the kink is).

    Raises
    ------
    ValueError
        Bounds not finite, not ``lo < 0 < hi``, or ``num < 3``.
    """
    lo_value, hi_value = _finite(lo, "lo"), _finite(hi, "hi")
    if not lo_value < 0 < hi_value:
        raise ValueError(f"the grid must have lo < 0 < hi, got lo = {lo!r}, hi = {hi!r}")
    if isinstance(num, bool) or not isinstance(num, (int, np.integer)) or num < 3:
        raise ValueError(f"num must be an integer >= 3, got {num!r}")
    left = max(1, min(num - 2, math.floor((num - 1) * -lo_value / (hi_value - lo_value) + 0.5)))
    return np.concatenate([np.linspace(lo_value, 0.0, left + 1), np.linspace(0.0, hi_value, num - left)[1:]])


def kink_curves(f: Quadratic1D, lam, x) -> dict[str, np.ndarray]:
    """f, f + lam |x| and f + lam x^2 at the points ``x``: ``{"f", "l1", "l2"}``."""
    lam = _lam(lam)
    x = np.asarray(x, dtype=float)
    base = f(x)
    return {"f": base, "l1": base + lam * np.abs(x), "l2": base + lam * x * x}
