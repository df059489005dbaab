"""Touch points: where the lowest loss contour meets a region, for a given lam or budget t.

Penalized mode fixes lam: ``w = argmin J0 + lam P``; the region drawn has the budget
``t = size(w)`` so its boundary passes through w. Constrained mode fixes t:
``w = argmin J0 over size <= t``; the equivalent lam is the KKT multiplier

    lam = -grad J0(w) . w / (w . dP(w)),

with ``w . dP(w)`` = ``||w||_1`` (l1), ``2 ||w||^2`` (l2), ``r ||w||_1 + 2 (1 - r) ||w||^2``
(elastic net) — Euler's identity for the homogeneous parts of P.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .constrained import constrained_optimum
from .loss import QuadraticLoss
from .regions import region_size
from .solvers import penalized_optimum
from .validation import check_l1_ratio, check_lambda, check_loss, check_option

__all__ = ["REGIONS", "Touch", "touch_point", "equivalent_lambda", "penalty_value"]

#: The regions the weight plane draws, keyed like the penalties.
REGIONS: tuple[str, ...] = ("l1", "l2", "elasticnet")


@dataclass(frozen=True)
class Touch:
    """A touch point and its two descriptions.

    Attributes
    ----------
    region : {"l1", "l2", "elasticnet"}
    w : ndarray of shape (2,) (or (d,))
    lam : float
        Penalty weight whose penalized optimum is w (``inf`` for w = 0 reached by t = 0
        under l2, where no finite lam gives exactly 0).
    t : float
        Region size whose boundary passes through w.
    """

    region: str
    w: np.ndarray
    lam: float
    t: float


def penalty_value(region: str, w, *, l1_ratio: float = 0.5) -> float:
    """P(w): ``||w||_1``, ``||w||_2^2`` or ``r ||w||_1 + (1 - r) ||w||_2^2``."""
    check_option(region, REGIONS, kind="region", kinds="regions")
    w = np.asarray(w, dtype=float)
    if region == "l1":
        return float(np.abs(w).sum())
    if region == "l2":
        return float(w @ w)
    r = check_l1_ratio(l1_ratio)
    return r * float(np.abs(w).sum()) + (1 - r) * float(w @ w)


def equivalent_lambda(loss: QuadraticLoss, region: str, w, *, l1_ratio: float = 0.5) -> float:
    """The lam for which w (a constrained optimum) is the penalized optimum.

    Returns 0 when w is the unconstrained optimum, ``inf`` for w = 0 under l2/elastic net
    with r = 0, and the smallest valid lam (``||grad||_inf`` resp. its EN analogue) for w = 0
    otherwise.

    Parameters
    ----------
    loss : QuadraticLoss
    region : {"l1", "l2", "elasticnet"}
    w : array_like of shape (d,)
    l1_ratio : float in [0, 1]

    Returns
    -------
    float >= 0, or ``inf``

    Raises
    ------
    ValueError
        A loss that is not a QuadraticLoss, an unknown region, a w of the wrong shape, or
        l1_ratio outside [0, 1].
    """
    check_loss(loss)
    check_option(region, REGIONS, kind="region", kinds="regions")
    w = np.asarray(w, dtype=float)
    grad = loss.gradient(w)
    scale = max(float(np.max(np.abs(loss.linear))), 1e-300)
    if float(np.max(np.abs(grad))) <= 1e-12 * scale:
        return 0.0
    r = 1.0 if region == "l1" else 0.0 if region == "l2" else check_l1_ratio(l1_ratio)
    l1 = float(np.abs(w).sum())
    if l1 == 0.0:
        return float(np.max(np.abs(grad))) / r if r > 0 else math.inf
    euler = r * l1 + 2.0 * (1.0 - r) * float(w @ w)
    return max(0.0, -float(grad @ w) / euler)


def touch_point(
    loss: QuadraticLoss,
    region: str,
    *,
    lam: float | None = None,
    t: float | None = None,
    l1_ratio: float = 0.5,
) -> Touch:
    """The touch point of a region for a given lam (penalized) or t (constrained).

    Parameters
    ----------
    loss : QuadraticLoss
    region : {"l1", "l2", "elasticnet"}
    lam : float >= 0, optional
        Give exactly one of lam and t.
    t : float >= 0, optional
    l1_ratio : float in [0, 1]

    Returns
    -------
    Touch

    Raises
    ------
    ValueError
        An unknown region, not exactly one of lam and t, or any argument that
        :func:`geometry.solvers.penalized_optimum` / :func:`geometry.constrained.constrained_optimum`
        refuses.

    Warns
    -----
    ConvergenceWarning
        Constrained mode: see :func:`geometry.constrained.constrained_optimum`.
    """
    check_option(region, REGIONS, kind="region", kinds="regions")
    if (lam is None) == (t is None):
        raise ValueError("give exactly one of lam (penalized mode) and t (constrained mode)")
    if lam is not None:
        lam = check_lambda(lam)
        w = penalized_optimum(loss, region, lam, l1_ratio=l1_ratio)
        return Touch(region, w, lam, region_size(region, w, l1_ratio=l1_ratio))
    w = constrained_optimum(loss, region, t, l1_ratio=l1_ratio)
    return Touch(region, w, equivalent_lambda(loss, region, w, l1_ratio=l1_ratio), float(t))
