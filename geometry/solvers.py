"""Exact minimisers of the penalized loss J0(w) + lam * P(w).

Penalties (sklearn-compatible scaling, see ``shared/MISSION.md``):

- ``"l1"``: ``||w||_1`` (``Lasso(alpha=lam)``),
- ``"l2"``: ``||w||_2^2`` (``Ridge(alpha=2 n lam)``),
- ``"elasticnet"``: ``r ||w||_1 + (1 - r) ||w||_2^2`` with ``r = l1_ratio``,
- ``"group"``: ``sum_g ||w_g||_2`` over the groups of coordinates (:mod:`geometry.group`).

The ridge has a closed form (:func:`ridge_solution`). The lasso is solved exactly: by a
closed-form case analysis in the common 2-D, positive-definite case (:func:`lasso_2d`), else
by an active-set search certified by its KKT conditions, else by the homotopy
(:func:`lasso_homotopy`, the piecewise-linear solution path).
"""

from __future__ import annotations

import itertools
import math
from typing import Sequence

import numpy as np

from .group import group_lasso_optimum
from .loss import QuadraticLoss, positive_eigenvalues
from .validation import (
    PENALTIES,
    check_l1_ratio,
    check_lambda,
    check_lambdas,
    check_loss,
    check_penalty,
    check_whole_number,
)

__all__ = [
    "PENALTIES",
    "penalized_optimum",
    "lambda_max",
    "ridge_solution",
    "lasso_2d",
    "lasso_homotopy",
]

# Relative tolerance for "the same lambda" when several events of the homotopy coincide.
_EVENT_RTOL = 1e-12


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

    Raises
    ------
    ValueError
        If ``loss`` is not a QuadraticLoss.
    """
    check_loss(loss)
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

    Raises
    ------
    ValueError
        A loss that is not a QuadraticLoss, an unknown penalty, lam not a finite number
        >= 0, l1_ratio outside [0, 1] (elastic net), missing or malformed groups ("group").

    Warns
    -----
    ConvergenceWarning
        ``"group"`` only: see :func:`geometry.group.group_lasso_optimum`.

    Examples
    --------
    >>> loss = QuadraticLoss(np.eye(2), [1.0, 0.25])
    >>> penalized_optimum(loss, "l1", 0.5)  # soft-thresholding: H is the identity
    array([0.5, 0. ])
    """
    check_loss(loss)
    check_penalty(penalty)
    lam = check_lambda(lam)
    if penalty == "l2":
        return ridge_solution(loss, lam)
    if penalty == "l1":
        return _lasso(loss.hessian, loss.linear, lam)
    if penalty == "elasticnet":
        r = check_l1_ratio(l1_ratio)
        if r == 0.0:
            return ridge_solution(loss, lam)
        shift = 2.0 * lam * (1.0 - r)
        H = loss.hessian + shift * np.eye(loss.dim) if shift else loss.hessian
        return _lasso(H, loss.linear, lam * r)
    # group
    if groups is None:
        raise ValueError("penalty 'group' needs groups: a sequence giving each coordinate's group label")
    return group_lasso_optimum(loss, lam, groups)


# ---------------------------------------------------------------------------- ridge
def ridge_solution(loss: QuadraticLoss, lams) -> np.ndarray:
    """Ridge optima ``argmin_w J0(w) + lam ||w||_2^2`` in closed form, for one lam or many.

    With ``H = V diag(e) V^T`` the optimum is ``w(lam) = V diag(1 / (e + 2 lam)) V^T g``. Flat
    directions (:attr:`QuadraticLoss.positive_directions` False) are dropped: g has no
    component along them, only rounding residue, so at ``lam = 0`` this is exactly the
    minimum-norm OLS point ``H^+ g``.

    Parameters
    ----------
    loss : QuadraticLoss
    lams : float >= 0, or array_like of shape (k,) with entries >= 0

    Returns
    -------
    w : ndarray of shape (d,) for a single lam, shape (k, d) for an array of them
        Row i of the array answer is the optimum at ``lams[i]``.

    Raises
    ------
    ValueError
        If ``loss`` is not a QuadraticLoss, or a lam is not a finite number >= 0 (or an
        array of them is not 1-dimensional).

    Examples
    --------
    >>> loss = QuadraticLoss(np.diag([1.0, 4.0]), [1.0, 4.0])  # OLS point (1, 1)
    >>> ridge_solution(loss, 0.5)  # g / (e + 2 lam)
    array([0.5, 0.8])
    >>> ridge_solution(loss, [0.0, 0.5]).shape
    (2, 2)
    """
    check_loss(loss)
    single = np.isscalar(lams) or (isinstance(lams, np.ndarray) and lams.ndim == 0)
    values, vectors = loss.eigenvalues, loss.eigenvectors
    coef = vectors.T @ loss.linear
    keep = loss.positive_directions  # g has no component along flat directions, only rounding residue
    if single:
        denom = values + 2.0 * check_lambda(lams)
        inv = np.zeros_like(values)
        inv[keep] = 1.0 / denom[keep]
        return vectors @ (coef * inv)
    denom = values[None, :] + 2.0 * check_lambdas(lams)[:, None]
    inv = np.zeros_like(denom)
    usable = np.broadcast_to(keep[None, :], denom.shape)
    inv[usable] = 1.0 / denom[usable]
    return (coef[None, :] * inv) @ vectors.T


# ---------------------------------------------------------------------------- lasso
def _lasso(H: np.ndarray, g: np.ndarray, lam: float) -> np.ndarray:
    """Exact minimiser of 1/2 w^T H w - g^T w + lam ||w||_1 for PSD H."""
    d = g.shape[0]
    if lam >= float(np.max(np.abs(g))):
        return np.zeros(d)
    if d == 2:
        w = lasso_2d(float(H[0, 0]), float(H[0, 1]), float(H[1, 1]), float(g[0]), float(g[1]), lam)
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
    best sign change (the objective strictly decreases, so in exact arithmetic the search
    ends after finitely many steps; Lee et al. 2007). The answer is returned only if it
    satisfies the KKT conditions to 1e-11 (relative). None means "not certified": the caller
    then runs the exact homotopy, so giving up at ``max_iter`` (or at a singular or badly
    conditioned active set) costs time, never accuracy, and needs no warning.

    References
    ----------
    H. Lee, A. Battle, R. Raina and A. Y. Ng, "Efficient sparse coding algorithms",
    Advances in Neural Information Processing Systems 19 (2007), the feature-sign search.
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
    return None  # not certified within max_iter: the caller falls back to the exact homotopy


def lasso_2d(h11: float, h12: float, h22: float, g1: float, g2: float, lam: float) -> tuple[float, float] | None:
    """Exact 2-D lasso ``argmin_w 1/2 w^T H w - g^T w + lam ||w||_1`` by KKT case analysis, in plain floats.

    The optimum has one of nine sign patterns (each coordinate -, 0 or +). The pattern
    (0, 0) holds iff ``lam >= ||g||_inf``; a single non-zero coordinate is the soft-threshold
    of its g, valid if the other coordinate's subgradient condition holds; two non-zero
    coordinates solve ``H w = g - lam s`` (Cramer's rule plus one step of iterative
    refinement), valid if w has the signs s. For a definite H exactly one pattern is
    consistent. Scalars rather than arrays because this is the inner kernel of the 2-D
    elastic-net searches (numpy's per-call cost would dominate).

    Parameters
    ----------
    h11, h12, h22 : float
        The entries of the symmetric 2x2 matrix H.
    g1, g2 : float
        The entries of g.
    lam : float, >= 0
        Not checked (a kernel): callers pass a validated lam.

    Returns
    -------
    (w1, w2) : tuple of float, or None
        The minimiser; None when H is not safely positive definite
        (``det H <= 1e-10 h11 h22``), where the caller must use a method that handles a
        singular H (:func:`lasso_homotopy`).

    Examples
    --------
    >>> lasso_2d(1.0, 0.0, 1.0, 1.0, 0.25, 0.5)  # identity H: soft-thresholding of g
    (0.5, 0.0)
    """
    det = h11 * h22 - h12 * h12
    if not (det > 1e-10 * (h11 * h22) and h11 > 0 and h22 > 0):
        return None
    if lam >= max(abs(g1), abs(g2)):
        return (0.0, 0.0)
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
    inv = np.zeros_like(values)
    keep = positive_eigenvalues(values)
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


def _valid_joiners(
    H: np.ndarray, g: np.ndarray, w: np.ndarray, active: list[int], signs: dict, tied: list[int]
) -> list[int]:
    """The coordinates of ``tied`` (all at ``|corr| = lam`` at once) that join the active set.

    When several coordinates reach ``|corr_j| = lam`` at the same lam, not all of them need
    join: the next piece must move each joining weight away from 0 in the direction of its
    correlation's sign, and keep each tied coordinate that stays out at ``|corr| <= lam`` as
    lam decreases. The largest subset that satisfies both is taken (there is one for a positive
    definite H; when none does, as can happen by rounding, all join).
    """
    corr_signs = {j: math.copysign(1.0, g[j] - H[j] @ w) for j in tied}
    if len(tied) < 2:
        return list(tied)
    best: list[int] | None = None
    for size in range(len(tied), 0, -1):
        for subset in itertools.combinations(tied, size):
            A = np.array([*active, *subset], dtype=int)
            s_A = np.array([signs[j] for j in active] + [corr_signs[j] for j in subset])
            b = _solve_active(H[A][:, A], s_A[:, None])[:, 0]
            grows = all(b[len(active) + k] * corr_signs[j] > 0 for k, j in enumerate(subset))
            stays = all(corr_signs[j] * float(H[j, A] @ b) >= 1 - 1e-9 for j in tied if j not in subset)
            if grows and stays:
                best = list(subset)
                break
        if best is not None:
            break
    return best if best is not None else list(tied)


def lasso_homotopy(
    H: np.ndarray, g: np.ndarray, *, lam_stop: float = 0.0, max_steps: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Breakpoints of the exact lasso path of ``1/2 w^T H w - g^T w + lam ||w||_1``.

    Follows the piecewise-linear solution from ``lam = ||g||_inf`` (w = 0) down to
    ``lam_stop``. On each piece the active coordinates A with signs s satisfy
    ``w_A(lam) = H_AA^+ (g_A - lam s_A)``; a piece ends where an inactive correlation
    ``|g_j - (H w)_j|`` reaches lam (j joins) or an active weight reaches 0 (it leaves).
    Where H is singular, ``H_AA^+`` (the pseudo-inverse) gives the minimum-norm optimum.

    Parameters
    ----------
    H : ndarray of shape (d, d)
        Symmetric positive semi-definite (not checked: use :func:`geometry.paths.lasso_path_breakpoints`
        for a checked loss).
    g : ndarray of shape (d,)
        In the range of H.
    lam_stop : float, default 0.0
    max_steps : int, optional
        Cap on the number of pieces; default ``50 d + 50``, far above the length of any
        real path (each coordinate joins and leaves a few times).

    Returns
    -------
    lambdas : ndarray of shape (k,)
        Strictly decreasing, from ``||g||_inf`` to ``lam_stop`` (a single entry when
        ``lam_stop >= ||g||_inf``).
    weights : ndarray of shape (k, d)
        The exact optimum at each breakpoint; linear in lam between them.

    Raises
    ------
    RuntimeError
        If the path has not reached ``lam_stop`` after ``max_steps`` pieces (an incomplete
        path is never returned).

    References
    ----------
    M. R. Osborne, B. Presnell and B. A. Turlach, "A new approach to variable selection in
    least squares problems", IMA Journal of Numerical Analysis 20(3):389-403 (2000).

    B. Efron, T. Hastie, I. Johnstone and R. Tibshirani, "Least angle regression",
    The Annals of Statistics 32(2):407-499 (2004), the lasso modification of LARS.

    Examples
    --------
    >>> lambdas, weights = lasso_homotopy(np.eye(2), np.array([1.0, 0.5]))
    >>> lambdas
    array([1. , 0.5, 0. ])
    >>> weights
    array([[0. , 0. ],
           [0.5, 0. ],
           [1. , 0.5]])
    """
    d = g.shape[0]
    steps = 50 * d + 50 if max_steps is None else check_whole_number(max_steps, "max_steps", minimum=1)
    top = float(np.max(np.abs(g)))
    zero = np.zeros(d)
    if lam_stop >= top:
        return np.array([max(lam_stop, top)]), zero[None, :]
    lam = top
    lambdas = [lam]
    weights = [zero]
    tied = [j for j in range(d) if abs(g[j]) >= top * (1 - _EVENT_RTOL)]
    active = _valid_joiners(H, g, zero, [], {}, tied)
    signs = {j: math.copysign(1.0, g[j]) for j in active}
    fresh_join: set[int] = set(active)
    fresh_leave: dict[int, float] = {}
    is_active = np.zeros(d, dtype=bool)
    is_active[active] = True
    signs_col = np.array([[1.0], [-1.0]])
    err = np.seterr(divide="ignore", invalid="ignore")
    try:
        for _ in range(steps):
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
            if len(joiners) > 1:
                joiners = _valid_joiners(H, g, w, active, signs, joiners)
            for j in joiners:
                corr = g[j] - H[j] @ w
                active.append(j)
                is_active[j] = True
                signs[j] = math.copysign(1.0, corr)
                fresh_join.add(j)
            lam = nxt
            lambdas.append(lam)
            weights.append(w)
        else:
            raise RuntimeError(
                f"lasso homotopy did not reach lam_stop = {lam_stop:g} within {steps} pieces (it is at lam = {lam:g})"
            )
    finally:
        np.seterr(**err)
    return np.array(lambdas), np.array(weights)
