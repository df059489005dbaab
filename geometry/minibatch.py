"""Minibatch optima: the exact L1 and L2 optima of many random minibatches of a 2-D regression.

A minibatch is ``b`` of the ``n`` data rows drawn without replacement; its loss is
:meth:`QuadraticLoss.from_data` of those rows (its own centring, its own intercept). Each
batch's lasso optimum ``argmin J0_batch(w) + lam ||w||_1`` is computed exactly by the 2-D case
analysis of :func:`geometry.solvers.lasso_2d`, vectorised over the batches (bit-for-bit the
same arithmetic), and its ridge optimum ``argmin J0_batch(w) + lam ||w||_2^2`` by the closed
form of :func:`geometry.solvers.ridge_solution` on a stack of eigen-decompositions. A batch
whose H is not safely positive definite (e.g. ``b = 2``: two centred rows have rank 1) falls
back to :func:`geometry.solvers.penalized_optimum` one batch at a time.

The two clouds of optima are summarised by their spread (:func:`cloud_spread`, the RMS distance
to the cloud's mean), their mean distance to a reference point (:func:`mean_distance`, e.g. the
full-data optimum) and, for the lasso, where on the diamond the optima sit
(:func:`corner_shares`: on the w1 axis, on the w2 axis, at 0 or off the axes, each counted by
exact zeros, ``== 0.0``, never by "small").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .loss import QuadraticLoss, check_array, positive_eigenvalues
from .solvers import penalized_optimum
from .validation import check_lambda, check_whole_number

__all__ = [
    "CORNER_CLASSES",
    "MinibatchOptima",
    "sample_batches",
    "batch_moments",
    "batch_loss",
    "lasso_2d_many",
    "ridge_2d_many",
    "minibatch_optima",
    "cloud_spread",
    "mean_distance",
    "corner_classes",
    "corner_shares",
]

#: where a 2-D point sits, by exact zeros: on the w1 axis (w2 == 0, w1 != 0), on the w2 axis
#: (w1 == 0, w2 != 0), at the origin (both 0) or off the axes (neither 0)
CORNER_CLASSES: tuple[str, ...] = ("w1_axis", "w2_axis", "origin", "off_axes")


@dataclass(frozen=True)
class MinibatchOptima:
    """The optima of ``m`` minibatches of size ``b``.

    Attributes
    ----------
    batches : ndarray of int, shape (m, b)
        Row indices of each batch, increasing within a row (no row twice in a batch).
    hessians : ndarray of shape (m, 2, 2)
        Each batch's H (``Xc^T Xc / b``).
    linears : ndarray of shape (m, 2)
        Each batch's g (``Xc^T yc / b``).
    l1 : ndarray of shape (m, 2)
        Each batch's exact lasso optimum at ``lam_l1``.
    l2 : ndarray of shape (m, 2)
        Each batch's ridge optimum at ``lam_l2``.
    lam_l1, lam_l2 : float
        The penalties' weights.
    """

    batches: np.ndarray
    hessians: np.ndarray
    linears: np.ndarray
    l1: np.ndarray
    l2: np.ndarray
    lam_l1: float
    lam_l2: float


def _check_data(X, y) -> tuple[np.ndarray, np.ndarray]:
    X = check_array(X, "X", ndim=2)
    y = check_array(y, "y", ndim=1)
    if X.shape[1] != 2:
        raise ValueError(f"X must have 2 columns (two weights), got shape {X.shape}")
    if y.shape[0] != X.shape[0]:
        raise ValueError(f"X and y must have the same number of rows, got {X.shape[0]} and {y.shape[0]}")
    if X.shape[0] < 2:
        raise ValueError(f"the data need at least 2 rows for a batch of 2, got {X.shape[0]}")
    return X, y


def sample_batches(n: int, batch_size: int, count: int, *, seed: int) -> np.ndarray:
    """``count`` random batches of ``batch_size`` distinct rows out of ``n``.

    Parameters
    ----------
    n : int >= 2
        Number of data rows.
    batch_size : int in [2, n]
    count : int >= 1
        Number of batches.
    seed : int >= 0
        Seed of ``numpy.random.default_rng``: the same arguments give the same batches.

    Returns
    -------
    ndarray of int, shape (count, batch_size)
        Each row increasing (the rows in the data's order); with ``batch_size = n`` every
        row is ``0, 1, ..., n - 1``.

    Raises
    ------
    ValueError
        A count, size or seed that is not a whole number in its range.
    """
    n = check_whole_number(n, "n", minimum=2)
    batch_size = check_whole_number(batch_size, "batch_size", minimum=2)
    if batch_size > n:
        raise ValueError(f"batch_size must be at most n = {n}, got {batch_size}")
    count = check_whole_number(count, "count", minimum=1)
    seed = check_whole_number(seed, "seed", minimum=0)
    rng = np.random.default_rng(seed)
    # a random permutation per batch (argsort of uniform keys), of which the first b rows
    picks = np.argsort(rng.random((count, n)), axis=1)[:, :batch_size]
    return np.sort(picks, axis=1)


def batch_moments(X, y, batches) -> tuple[np.ndarray, np.ndarray]:
    """Each batch's H and g, as :meth:`QuadraticLoss.from_data` of its rows computes them.

    Parameters
    ----------
    X : array_like of shape (n, 2)
    y : array_like of shape (n,)
    batches : array_like of int, shape (m, b)
        Row indices, as :func:`sample_batches` makes them.

    Returns
    -------
    hessians : ndarray of shape (m, 2, 2)
    linears : ndarray of shape (m, 2)

    Raises
    ------
    ValueError
        Data of the wrong shape or not finite, or batches that are not a 2-D array of row indices.
    """
    X, y = _check_data(X, y)
    idx = np.asarray(batches)
    if idx.ndim != 2 or idx.shape[1] < 1 or not np.issubdtype(idx.dtype, np.integer):
        raise ValueError(f"batches must be a 2-D array of row indices, got {batches!r}")
    if idx.size and (idx.min() < 0 or idx.max() >= X.shape[0]):
        raise ValueError(f"batches must index rows 0 .. {X.shape[0] - 1}")
    b = idx.shape[1]
    Xb = X[idx]  # (m, b, 2)
    yb = y[idx]  # (m, b)
    Xc = Xb - Xb.mean(axis=1, keepdims=True)
    yc = yb - yb.mean(axis=1, keepdims=True)
    hessians = np.einsum("mbi,mbj->mij", Xc, Xc) / b
    hessians = 0.5 * (hessians + np.swapaxes(hessians, 1, 2))
    linears = np.einsum("mbi,mb->mi", Xc, yc) / b
    return hessians, linears


def batch_loss(X, y, batch) -> QuadraticLoss:
    """One batch's loss: :meth:`QuadraticLoss.from_data` of the rows ``batch`` (1-D indices)."""
    X, y = _check_data(X, y)
    idx = np.asarray(batch)
    if idx.ndim != 1 or not np.issubdtype(idx.dtype, np.integer):
        raise ValueError(f"batch must be a 1-D array of row indices, got {batch!r}")
    return QuadraticLoss.from_data(X[idx], y[idx])


def _check_stack(hessians, linears, lam) -> tuple[np.ndarray, np.ndarray, float]:
    """``(H, g, lam)`` of :func:`lasso_2d_many` and :func:`ridge_2d_many` checked (their Raises)."""
    H = np.asarray(hessians, dtype=float)
    g = np.asarray(linears, dtype=float)
    if H.ndim != 3 or H.shape[1:] != (2, 2):
        raise ValueError(f"hessians must have shape (m, 2, 2), got {H.shape}")
    if g.shape != (H.shape[0], 2):
        raise ValueError(f"linears must have shape ({H.shape[0]}, 2) to match hessians, got {g.shape}")
    if not (np.all(np.isfinite(H)) and np.all(np.isfinite(g))):
        raise ValueError("hessians and linears must be finite")
    return H, g, check_lambda(lam)


def lasso_2d_many(hessians, linears, lam: float) -> np.ndarray:
    """Exact 2-D lasso optima ``argmin 1/2 w^T H w - g^T w + lam ||w||_1`` of a stack of losses.

    The case analysis of :func:`geometry.solvers.lasso_2d` on arrays, with the same arithmetic
    in the same order (so each row equals ``lasso_2d`` of that row bit for bit); a row whose H
    is not safely positive definite gets :func:`geometry.solvers.penalized_optimum` (the
    homotopy). A coordinate the optimum sets to 0 is exactly ``0.0``.

    Parameters
    ----------
    hessians : array_like of shape (m, 2, 2)
        Symmetric PSD matrices H (data moments: g in the range of H).
    linears : array_like of shape (m, 2)
    lam : float >= 0

    Returns
    -------
    ndarray of shape (m, 2)

    Raises
    ------
    ValueError
        Shapes that do not match, non-finite entries, or lam not a finite number >= 0.
    """
    H, g, lam = _check_stack(hessians, linears, lam)
    h11, h12, h22 = H[:, 0, 0], H[:, 0, 1], H[:, 1, 1]
    g1, g2 = g[:, 0], g[:, 1]
    m = H.shape[0]
    w = np.zeros((m, 2))
    det = h11 * h22 - h12 * h12
    definite = (det > 1e-10 * (h11 * h22)) & (h11 > 0) & (h22 > 0)
    done = lam >= np.maximum(np.abs(g1), np.abs(g2))  # exactly 0, whatever H (solvers._lasso)
    slack = lam * (1.0 + 1e-12)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        # only w1 non-zero: soft-threshold g1, check the subgradient of w2
        w1 = np.copysign(np.abs(g1) - lam, g1) / h11
        case = definite & ~done & (np.abs(g1) > lam) & (np.abs(g2 - h12 * w1) <= slack)
        w[case, 0] = w1[case]
        done = done | case
        w2 = np.copysign(np.abs(g2) - lam, g2) / h22
        case = definite & ~done & (np.abs(g2) > lam) & (np.abs(g1 - h12 * w2) <= slack)
        w[case, 1] = w2[case]
        done = done | case
        for s1 in (1.0, -1.0):
            for s2 in (1.0, -1.0):
                r1, r2 = g1 - lam * s1, g2 - lam * s2
                a1 = (h22 * r1 - h12 * r2) / det
                a2 = (h11 * r2 - h12 * r1) / det
                case = definite & ~done & (a1 * s1 > 0) & (a2 * s2 > 0)
                # one step of iterative refinement, kept if the signs still hold (lasso_2d)
                e1 = r1 - h11 * a1 - h12 * a2
                e2 = r2 - h12 * a1 - h22 * a2
                v1 = a1 + (h22 * e1 - h12 * e2) / det
                v2 = a2 + (h11 * e2 - h12 * e1) / det
                refined = (v1 * s1 > 0) & (v2 * s2 > 0)
                w[case, 0] = np.where(refined, v1, a1)[case]
                w[case, 1] = np.where(refined, v2, a2)[case]
                done = done | case
    for i in np.flatnonzero(~done):  # singular or nearly so: the exact homotopy, one batch at a time
        loss = QuadraticLoss(H[i], g[i], data_moments=True)
        w[i] = penalized_optimum(loss, "l1", lam)
    return w


def ridge_2d_many(hessians, linears, lam: float) -> np.ndarray:
    """Ridge optima ``argmin 1/2 w^T H w - g^T w + lam ||w||_2^2`` of a stack of losses.

    The closed form of :func:`geometry.solvers.ridge_solution` per row:
    ``V diag(1 / (e + 2 lam)) V^T g`` with ``H = V diag(e) V^T``, flat directions dropped (so at
    ``lam = 0`` a singular H gives the minimum-norm OLS point).

    Parameters
    ----------
    hessians, linears, lam
        As :func:`lasso_2d_many`.

    Returns
    -------
    ndarray of shape (m, 2)

    Raises
    ------
    ValueError
        As :func:`lasso_2d_many`.
    """
    H, g, lam = _check_stack(hessians, linears, lam)
    values, vectors = np.linalg.eigh(H)  # (m, 2), (m, 2, 2)
    coef = np.einsum("mji,mj->mi", vectors, g)  # V^T g
    keep = np.array([positive_eigenvalues(row) for row in values]).reshape(values.shape)
    inv = np.zeros_like(values)
    inv[keep] = 1.0 / (values[keep] + 2.0 * lam)
    return np.einsum("mij,mj->mi", vectors, coef * inv)


def minibatch_optima(
    X,
    y,
    *,
    batch_size: int,
    count: int,
    seed: int,
    lam_l1: float,
    lam_l2: float | None = None,
) -> MinibatchOptima:
    """The exact L1 and L2 optima of ``count`` random minibatches of the data.

    Parameters
    ----------
    X : array_like of shape (n, 2)
        Features (the design matrix, without an intercept column: each batch fits its own).
    y : array_like of shape (n,)
    batch_size : int in [2, n]
    count : int >= 1
    seed : int >= 0
        Seed of the batches (:func:`sample_batches`).
    lam_l1 : float >= 0
        The lasso's λ: ``J0_batch(w) + lam_l1 ||w||_1``.
    lam_l2 : float >= 0, optional
        The ridge's λ: ``J0_batch(w) + lam_l2 ||w||_2^2``; by default ``lam_l1``.

    Returns
    -------
    MinibatchOptima

    Raises
    ------
    ValueError
        Data of the wrong shape or not finite, a batch size, count or seed out of range, a λ
        that is not a finite number >= 0.

    Examples
    --------
    >>> X = np.c_[np.linspace(-1, 1, 8), np.linspace(-1, 1, 8) ** 2]
    >>> y = X @ [1.0, 0.5]
    >>> opt = minibatch_optima(X, y, batch_size=8, count=3, seed=0, lam_l1=0.1)
    >>> bool(np.all(opt.l1 == opt.l1[0]))  # every batch is the whole data
    True
    """
    X, y = _check_data(X, y)
    lam_l1 = check_lambda(lam_l1)
    lam_l2 = lam_l1 if lam_l2 is None else check_lambda(lam_l2)
    batches = sample_batches(X.shape[0], batch_size, count, seed=seed)
    hessians, linears = batch_moments(X, y, batches)
    return MinibatchOptima(
        batches=batches,
        hessians=hessians,
        linears=linears,
        l1=lasso_2d_many(hessians, linears, lam_l1),
        l2=ridge_2d_many(hessians, linears, lam_l2),
        lam_l1=lam_l1,
        lam_l2=lam_l2,
    )


def _check_points(points) -> np.ndarray:
    P = check_array(points, "points", ndim=2)
    if P.shape[1] != 2 or P.shape[0] < 1:
        raise ValueError(f"points must have shape (m, 2) with m >= 1, got {P.shape}")
    return P


def cloud_spread(points) -> float:
    """RMS distance of the points to their mean: ``sqrt(mean_k ||p_k - mean(p)||^2)``.

    Parameters
    ----------
    points : array_like of shape (m, 2), m >= 1

    Returns
    -------
    float >= 0

    Raises
    ------
    ValueError
        Points not of shape (m, 2) or not finite.
    """
    P = _check_points(points)
    dev = P - P.mean(axis=0)
    return float(np.sqrt(np.mean(np.einsum("ij,ij->i", dev, dev))))


def mean_distance(points, target) -> float:
    """Mean Euclidean distance of the points to ``target`` (shape (2,)), e.g. the full-data optimum.

    Raises
    ------
    ValueError
        Points not of shape (m, 2), a target not of shape (2,), or non-finite values.
    """
    P = _check_points(points)
    t = check_array(target, "target", ndim=1)
    if t.shape != (2,):
        raise ValueError(f"target must have shape (2,), got {t.shape}")
    return float(np.mean(np.hypot(P[:, 0] - t[0], P[:, 1] - t[1])))


def corner_classes(points) -> np.ndarray:
    """Each point's place among :data:`CORNER_CLASSES` by exact zeros: an int array of shape (m,)
    indexing that tuple (a coordinate counts as 0 only if it is ``== 0.0``)."""
    P = _check_points(points)
    z1, z2 = P[:, 0] == 0.0, P[:, 1] == 0.0
    return np.select([~z1 & z2, z1 & ~z2, z1 & z2], [0, 1, 2], default=3)


def corner_shares(points) -> dict[str, float]:
    """The share of the points in each of :data:`CORNER_CLASSES` (exact zeros; shares sum to 1).

    Parameters
    ----------
    points : array_like of shape (m, 2), m >= 1

    Returns
    -------
    dict
        ``{"w1_axis", "w2_axis", "origin", "off_axes"}`` -> share in [0, 1].

    Raises
    ------
    ValueError
        Points not of shape (m, 2) or not finite.
    """
    classes = corner_classes(points)
    counts = np.bincount(classes, minlength=len(CORNER_CLASSES))
    return {name: float(counts[i]) / classes.shape[0] for i, name in enumerate(CORNER_CLASSES)}
