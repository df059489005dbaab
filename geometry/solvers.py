"""Exact minimisers of the penalized loss J0(w) + lam * P(w).

Penalties (sklearn-compatible scaling, see ``shared/MISSION.md``):

- ``"l1"``: ``||w||_1`` (``Lasso(alpha=lam)``),
- ``"l2"``: ``||w||_2^2`` (``Ridge(alpha=2 n lam)``),
- ``"elasticnet"``: ``r ||w||_1 + (1 - r) ||w||_2^2`` with ``r = l1_ratio``,
- ``"group"``: ``sum_g ||w_g||_2`` over the groups of coordinates.

The lasso is solved exactly by the homotopy (the piecewise-linear solution path), with a
closed-form case analysis for the common 2-D, positive-definite case.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

from .loss import EIGEN_RTOL, QuadraticLoss

__all__ = [
    "PENALTIES",
    "penalized_optimum",
    "lambda_max",
    "check_lambda",
    "check_l1_ratio",
    "check_penalty",
]

PENALTIES: tuple[str, ...] = ("l1", "l2", "elasticnet", "group")

# Relative tolerance for "the same lambda" when several events of the homotopy coincide.
_EVENT_RTOL = 1e-12


# ---------------------------------------------------------------------------- validation
def check_lambda(lam) -> float:
    """``lam`` as a float; ValueError unless it is a finite number >= 0."""
    try:
        value = float(lam)
    except (TypeError, ValueError):
        raise ValueError(f"lam must be a finite number >= 0, got {lam!r}") from None
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"lam must be a finite number >= 0, got {lam!r}")
    return value


def check_l1_ratio(l1_ratio) -> float:
    """``l1_ratio`` as a float; ValueError unless it lies in [0, 1]."""
    try:
        value = float(l1_ratio)
    except (TypeError, ValueError):
        raise ValueError(f"l1_ratio must be a number in [0, 1], got {l1_ratio!r}") from None
    if not (0.0 <= value <= 1.0):
        raise ValueError(f"l1_ratio must be a number in [0, 1], got {l1_ratio!r}")
    return value


def check_penalty(penalty) -> str:
    """``penalty`` if it names a known penalty; ValueError listing the valid names otherwise."""
    if penalty not in PENALTIES:
        raise ValueError(f"unknown penalty {penalty!r}; valid penalties are {', '.join(map(repr, PENALTIES))}")
    return penalty


def _check_loss(loss) -> QuadraticLoss:
    if not isinstance(loss, QuadraticLoss):
        raise ValueError(f"loss must be a QuadraticLoss, got {type(loss).__name__}")
    return loss


# ---------------------------------------------------------------------------- public API
def lambda_max(loss: QuadraticLoss) -> float:
    """The smallest lam for which the lasso optimum is exactly zero.

    Parameters
    ----------
    loss : QuadraticLoss

    Returns
    -------
    float
        ``||g||_inf`` (``= ||Xc^T yc||_inf / n`` for a data loss).
    """
    _check_loss(loss)
    return float(np.max(np.abs(loss.linear)))


def penalized_optimum(
    loss: QuadraticLoss,
    penalty: str,
    lam: float,
    *,
    l1_ratio: float = 0.5,
    groups: Sequence | None = None,
) -> np.ndarray:
    """Exact minimiser of ``J0(w) + lam * P(w)``.

    Parameters
    ----------
    loss : QuadraticLoss
        J0(w) = 1/2 w^T H w - g^T w + c.
    penalty : {"l1", "l2", "elasticnet", "group"}
    lam : float, >= 0
    l1_ratio : float in [0, 1], default 0.5
        Mix r of the elastic net ``r ||w||_1 + (1 - r) ||w||_2^2``.
    groups : sequence of length d, optional
        Group label of each coordinate; required for ``"group"``.

    Returns
    -------
    w : ndarray of shape (d,)
        The minimiser; where it is not unique (singular H), the one of minimum norm
        reached by the homotopy (for ``"l2"`` at ``lam = 0``: exactly ``H^+ g``).
        For lam >= :func:`lambda_max` the lasso answer is exactly zero.
    """
    _check_loss(loss)
    check_penalty(penalty)
    lam = check_lambda(lam)
    if penalty == "l2":
        return _ridge(loss, lam)
    if penalty == "l1":
        return _lasso(loss.hessian, loss.linear, lam)
    if penalty == "elasticnet":
        r = check_l1_ratio(l1_ratio)
        if r == 0.0:
            return _ridge(loss, lam)
        shift = 2.0 * lam * (1.0 - r)
        H = loss.hessian + shift * np.eye(loss.dim) if shift else loss.hessian
        return _lasso(H, loss.linear, lam * r)
    # group
    if groups is None:
        raise ValueError("penalty 'group' needs groups: a sequence giving each coordinate's group label")
    from .group import group_lasso_optimum

    return group_lasso_optimum(loss, lam, groups)


# ---------------------------------------------------------------------------- ridge
def _ridge(loss: QuadraticLoss, lam: float) -> np.ndarray:
    """``V diag(1 / (e + 2 lam)) V^T g`` with zero-curvature directions dropped (they carry no g)."""
    values, vectors = loss.eigenvalues, loss.eigenvectors
    coef = vectors.T @ loss.linear
    denom = values + 2.0 * lam
    inv = np.zeros_like(values)
    keep = loss._positive  # g has no component along flat directions, only rounding residue
    inv[keep] = 1.0 / denom[keep]
    return vectors @ (coef * inv)


# ---------------------------------------------------------------------------- lasso
def _lasso(H: np.ndarray, g: np.ndarray, lam: float) -> np.ndarray:
    """Exact minimiser of 1/2 w^T H w - g^T w + lam ||w||_1 for PSD H."""
    d = g.shape[0]
    if lam >= float(np.max(np.abs(g))):
        return np.zeros(d)
    if d == 2:
        w = _lasso_2d(float(H[0, 0]), float(H[0, 1]), float(H[1, 1]), float(g[0]), float(g[1]), lam)
        if w is not None:
            return np.array(w)
    w = _lasso_active_set(H, g, lam)
    if w is not None:
        return w
    lambdas, weights = lasso_homotopy(H, g, lam_stop=lam)
    return weights[-1]


def _lasso_active_set(H: np.ndarray, g: np.ndarray, lam: float, *, max_iter: int = 60) -> np.ndarray | None:
    """Feature-sign active-set search for one lam; None if it cannot certify its answer.

    Every violating zero coordinate joins with the sign that lowers the objective; the
    sign-fixed quadratic is solved exactly and a line search to its minimiser stops at the
    best sign change (the objective strictly decreases, so the search is finite). The answer
    is returned only if it satisfies the KKT conditions to 1e-11 (relative); otherwise the
    caller falls back to the homotopy (singular or badly conditioned active sets).
    """
    d = g.shape[0]
    w = np.zeros(d)
    theta = np.zeros(d)
    scale = max(float(np.max(np.abs(g))), lam)
    tol = 1e-11 * scale
    for _ in range(max_iter):
        grad = H @ w - g
        zero = w == 0.0
        violators = zero & (np.abs(grad) > lam + tol)
        if not violators.any():
            nonzero = ~zero
            if float(np.max(np.abs(grad[nonzero] + lam * theta[nonzero]), initial=0.0)) <= tol:
                return w
        theta[violators] = -np.sign(grad[violators])
        A = np.flatnonzero(~zero | violators)
        M = H[A][:, A]
        try:
            definite = np.linalg.cholesky(M).diagonal().min() ** 2 > 1e-10 * M.diagonal().max()
        except np.linalg.LinAlgError:
            definite = False
        if not definite:
            return None  # (near-)singular: the homotopy picks the minimum-norm answer
        target = np.linalg.solve(M, g[A] - lam * theta[A])
        start = w[A]
        if np.all(np.sign(target) == theta[A]):
            w[A] = target
            continue
        step = target - start
        with np.errstate(divide="ignore", invalid="ignore"):
            cross = -start / step
        ts = np.unique(np.append(cross[(cross > 0) & (cross < 1)], 1.0))
        points = start[None, :] + ts[:, None] * step[None, :]
        # the coordinate that crosses at t is exactly zero there
        crossing = np.abs(cross[None, :] - ts[:-1, None]) <= 1e-14 * ts[:-1, None]
        points[:-1][crossing] = 0.0
        values = 0.5 * np.einsum("ki,ij,kj->k", points, M, points) - points @ g[A] + lam * np.abs(points).sum(axis=1)
        best = points[int(np.argmin(values))]
        w[A] = best
        theta[A] = np.sign(best)
    return None


def _lasso_2d(h11: float, h12: float, h22: float, g1: float, g2: float, lam: float):
    """Closed-form 2-D lasso by KKT case analysis; None when H is not safely definite.

    The caller has ruled out the all-zero case (lam < ||g||_inf).
    """
    det = h11 * h22 - h12 * h12
    if not (det > 1e-10 * (h11 * h22) and h11 > 0 and h22 > 0):
        return None
    slack = lam * (1.0 + 1e-12)
    # Only w1 non-zero: soft-threshold g1, check the subgradient of w2.
    if abs(g1) > lam:
        w1 = math.copysign(abs(g1) - lam, g1) / h11
        if abs(g2 - h12 * w1) <= slack:
            return (w1, 0.0)
    if abs(g2) > lam:
        w2 = math.copysign(abs(g2) - lam, g2) / h22
        if abs(g1 - h12 * w2) <= slack:
            return (0.0, w2)
    for s1 in (1.0, -1.0):
        for s2 in (1.0, -1.0):
            r1, r2 = g1 - lam * s1, g2 - lam * s2
            w1 = (h22 * r1 - h12 * r2) / det
            w2 = (h11 * r2 - h12 * r1) / det
            if w1 * s1 > 0 and w2 * s2 > 0:
                # Cramer's rule is not backward stable when H is ill-conditioned; one step of
                # iterative refinement brings the KKT residual back to rounding level.
                e1 = r1 - h11 * w1 - h12 * w2
                e2 = r2 - h12 * w1 - h22 * w2
                v1 = w1 + (h22 * e1 - h12 * e2) / det
                v2 = w2 + (h11 * e2 - h12 * e1) / det
                return (v1, v2) if v1 * s1 > 0 and v2 * s2 > 0 else (w1, w2)
    return None


def _pinv_sym(M: np.ndarray) -> np.ndarray:
    values, vectors = np.linalg.eigh(M)
    top = float(values[-1]) if values.size else 0.0
    keep = values > EIGEN_RTOL * max(1, M.shape[0]) * top if top > 0 else np.zeros(values.shape, bool)
    inv = np.zeros_like(values)
    inv[keep] = 1.0 / values[keep]
    return (vectors * inv) @ vectors.T


def _solve_active(M: np.ndarray, rhs: np.ndarray) -> np.ndarray:
    """``M^+ rhs`` for a symmetric PSD M: a plain solve when M is safely definite, else the pseudo-inverse."""
    if M.shape[0] == 0:
        return np.zeros_like(rhs)
    try:
        chol = np.linalg.cholesky(M)
    except np.linalg.LinAlgError:
        chol = None
    if chol is not None:
        if chol.diagonal().min() ** 2 > 1e-10 * M.diagonal().max():
            return np.linalg.solve(M, rhs)
    return _pinv_sym(M) @ rhs


def lasso_homotopy(H: np.ndarray, g: np.ndarray, *, lam_stop: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Breakpoints of the exact lasso path of ``1/2 w^T H w - g^T w + lam ||w||_1``.

    Follows the piecewise-linear solution from ``lam = ||g||_inf`` (w = 0) down to
    ``lam_stop``. On each piece the active coordinates A with signs s satisfy
    ``w_A(lam) = H_AA^+ (g_A - lam s_A)``; a piece ends where an inactive correlation
    ``|g_j - (H w)_j|`` reaches lam (j joins) or an active weight reaches 0 (it leaves).

    Parameters
    ----------
    H : ndarray of shape (d, d), symmetric PSD
    g : ndarray of shape (d,), in the range of H
    lam_stop : float, default 0.0

    Returns
    -------
    lambdas : ndarray of shape (k,)
        Strictly decreasing, from ``||g||_inf`` to ``lam_stop`` (a single entry when
        ``lam_stop >= ||g||_inf``).
    weights : ndarray of shape (k, d)
        The exact optimum at each breakpoint; linear in lam between them.
    """
    d = g.shape[0]
    top = float(np.max(np.abs(g)))
    zero = np.zeros(d)
    if lam_stop >= top:
        return np.array([max(lam_stop, top)]), zero[None, :]
    lam = top
    lambdas = [lam]
    weights = [zero]
    active = [j for j in range(d) if abs(g[j]) >= top * (1 - _EVENT_RTOL)]
    signs = {j: math.copysign(1.0, g[j]) for j in active}
    fresh_join: set[int] = set(active)
    fresh_leave: dict[int, float] = {}
    is_active = np.zeros(d, dtype=bool)
    is_active[active] = True
    signs_col = np.array([[1.0], [-1.0]])
    err = np.seterr(divide="ignore", invalid="ignore")
    try:
        for _ in range(50 * d + 50):
            A = np.array(active, dtype=int)
            s_A = np.array([signs[j] for j in active])
            sol = _solve_active(H[A][:, A], np.column_stack((g[A], s_A)))
            a, b = sol[:, 0], sol[:, 1]
            ceiling = lam * (1 - 1e-10)
            near = lam * (1 - 1e-6)
            inactive = np.flatnonzero(~is_active)
            # Joins: corr_j(lam') = alpha_j + lam' beta_j reaches +lam' or -lam' (rows of `join`).
            HIA = H[inactive][:, A]
            alpha = g[inactive] - HIA @ a
            beta = HIA @ b
            join = alpha / (signs_col - beta)
            join[~((join > lam_stop) & (join < ceiling))] = -np.inf
            # A coordinate that just left sits at |corr| = lam with its old sign: that root is
            # the event we are at, not a new one (rounding may move it a bit).
            for j, old_sign in fresh_leave.items():
                pos = int(np.searchsorted(inactive, j))
                row = 0 if old_sign > 0 else 1
                if join[row, pos] > near:
                    join[row, pos] = -np.inf
            # Leaves: an active weight a_i - lam' b_i reaches 0.
            leave = a / b
            leave[~((leave > lam_stop) & (leave < ceiling))] = -np.inf
            for j in fresh_join:  # the zero it just joined from
                pos = active.index(j)
                if leave[pos] > near:
                    leave[pos] = -np.inf
            nxt = max(float(join.max()) if join.size else -np.inf, float(leave.max()) if leave.size else -np.inf)
            w = zero.copy()
            if nxt == -np.inf:
                w[A] = a - lam_stop * b
                lambdas.append(lam_stop)
                weights.append(w)
                break
            w[A] = a - nxt * b
            cut = nxt * (1 - _EVENT_RTOL)
            leavers = A[leave >= cut].tolist()
            joiners = inactive[np.flatnonzero((join >= cut).any(axis=0))].tolist()
            fresh_join, fresh_leave = set(), {}
            for j in leavers:
                w[j] = 0.0
                active.remove(j)
                is_active[j] = False
                fresh_leave[j] = signs.pop(j)
            for j in joiners:
                corr = g[j] - H[j] @ w
                active.append(j)
                is_active[j] = True
                signs[j] = math.copysign(1.0, corr)
                fresh_join.add(j)
            lam = nxt
            lambdas.append(lam)
            weights.append(w)
        else:  # pragma: no cover - the loop bound is far above any real path length
            raise RuntimeError("lasso homotopy did not terminate")
    finally:
        np.seterr(**err)
    return np.array(lambdas), np.array(weights)
