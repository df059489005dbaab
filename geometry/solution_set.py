"""When the lasso's answer is not one point: the segment of equally good L1 optima in 2-D.

With two exactly duplicated features (x and x again) the loss J0 depends on w1 + w2 only: its
contours are parallel lines, parallel to two of the diamond's edges. A contour then meets the
diamond along a whole edge, and every point of that edge is optimal (same J0, same ‖w‖₁). The
ridge and elastic-net answers stay unique (their penalties are strictly convex).
"""

from __future__ import annotations

import itertools

import numpy as np

from .loss import QuadraticLoss
from .validation import check_array

__all__ = ["l1_solution_segment"]


def l1_solution_segment(loss: QuadraticLoss, w, *, atol: float = 1e-9) -> np.ndarray | None:
    """All L1 optima that share J0 and ‖w‖₁ with ``w``, when they form a segment.

    The L1 optima of a 2-D problem (penalized, J0 + λ‖w‖₁, or constrained, ‖w‖₁ ≤ t) all have
    the same ``J0`` and the same ``‖w‖₁``. They are more than one point exactly when J0 is
    constant along a direction ``u`` (H has rank 1, ``H u = 0``) that is parallel to an edge of
    the diamond through ``w`` (``|u1| = |u2|``, the features duplicated up to sign): then the
    whole edge ``{v : σ·v = ‖w‖₁, σ_i v_i >= 0}`` is optimal.

    Parameters
    ----------
    loss : QuadraticLoss
        A loss of two weights.
    w : array_like of shape (2,)
        An L1 optimum of ``loss`` (e.g. :func:`geometry.touch_point` for ``"l1"``).
    atol : float, > 0
        Tolerance on ``|σ·u|`` (u of unit length): how parallel the flat direction must be to
        the edge.

    Returns
    -------
    ndarray of shape (2, 2) or None
        The segment's end points (rows, on the two axes), or None when ``w`` is the only
        optimum (H of rank 2, a flat direction not parallel to an edge, or ``w = 0``).

    Raises
    ------
    ValueError
        If ``loss`` is not two-dimensional, ``w`` is not two finite numbers, or ``atol`` is not
        a positive number.
    """
    if loss.dim != 2:
        raise ValueError(f"loss must have two weights, got {loss.dim}")
    w = check_array(w, "w", ndim=1)
    if w.shape != (2,):
        raise ValueError(f"w must have shape (2,), got {w.shape}")
    if not (isinstance(atol, (int, float)) and np.isfinite(atol) and atol > 0):
        raise ValueError(f"atol must be a positive number, got {atol!r}")
    if loss.rank != 1:
        return None
    size = float(np.abs(w).sum())
    if size == 0.0:
        return None
    u = loss.eigenvectors[:, ~loss.positive_directions][:, 0]
    # the sign patterns σ of the diamond's faces through w (a zero coordinate allows both signs)
    choices = [(np.sign(v),) if v != 0 else (1.0, -1.0) for v in w]
    for sigma in itertools.product(*choices):
        sigma = np.asarray(sigma)
        if abs(float(sigma @ u)) <= atol:
            return np.array([[sigma[0] * size, 0.0], [0.0, sigma[1] * size]])
    return None
