"""The group (L21) penalty: ``lam * sum_g ||w_g||_2`` — whole groups of weights go to zero together.

Solved in two stages: accelerated proximal gradient (FISTA with block soft-thresholding)
finds which groups are active, then Newton's method on the stationarity equations of the
active groups,

    (H w - g)_A + lam * w_g / ||w_g||  = 0   for each active group g,

polishes the answer to machine precision. The KKT conditions of all groups are checked;
a violated one sends the answer back to the search, and an answer that still fails after the
last round is returned with a :class:`~geometry.validation.ConvergenceWarning`.
"""

from __future__ import annotations

import warnings
from typing import Sequence

import numpy as np

from .loss import QuadraticLoss
from .validation import ConvergenceWarning, check_array, check_groups, check_lambda, check_loss, check_whole_number

__all__ = ["group_lasso_optimum", "group_norm", "residual_feature"]


def _block_shrink(v: np.ndarray, blocks: list[np.ndarray], threshold: float) -> np.ndarray:
    out = np.zeros_like(v)
    for idx in blocks:
        norm = float(np.linalg.norm(v[idx]))
        if norm > threshold:
            out[idx] = (1.0 - threshold / norm) * v[idx]
    return out


def _kkt_violation(H: np.ndarray, g: np.ndarray, lam: float, w: np.ndarray, blocks: list[np.ndarray]) -> float:
    grad = H @ w - g
    worst = 0.0
    for idx in blocks:
        norm = float(np.linalg.norm(w[idx]))
        if norm == 0.0:
            worst = max(worst, float(np.linalg.norm(grad[idx])) - lam)
        else:
            worst = max(worst, float(np.linalg.norm(grad[idx] + lam * w[idx] / norm)))
    return worst


def _newton_polish(H: np.ndarray, g: np.ndarray, lam: float, w: np.ndarray, blocks: list[np.ndarray]) -> np.ndarray:
    """Newton on the active groups' stationarity equations, with a backtracking safeguard.

    At most 30 Newton steps of at most 40 halvings each. Stopping at either cap (or where
    no halving lowers the residual) returns the best point so far; it is not certified here:
    :func:`group_lasso_optimum` checks the KKT conditions of every answer and warns if they fail.
    """
    active = [idx for idx in blocks if np.linalg.norm(w[idx]) > 0]
    if not active:
        return w
    A = np.concatenate(active)

    def residual(wa: np.ndarray) -> np.ndarray:
        full = np.zeros_like(w)
        full[A] = wa
        res = (H @ full - g)[A]
        pos = 0
        for idx in active:
            k = idx.size
            block = wa[pos : pos + k]
            res[pos : pos + k] += lam * block / np.linalg.norm(block)
            pos += k
        return res

    wa = w[A].copy()
    for _ in range(30):
        res = residual(wa)
        if float(np.max(np.abs(res))) <= 1e-15 * max(1.0, float(np.max(np.abs(g)))):
            break
        jac = H[np.ix_(A, A)].copy()
        pos = 0
        for idx in active:
            k = idx.size
            block = wa[pos : pos + k]
            norm = float(np.linalg.norm(block))
            u = block / norm
            jac[pos : pos + k, pos : pos + k] += lam * (np.eye(k) - np.outer(u, u)) / norm
            pos += k
        try:
            step = np.linalg.solve(jac, -res)
        except np.linalg.LinAlgError:
            step = np.linalg.lstsq(jac, -res, rcond=None)[0]
        # backtrack so that no active group crosses zero and the residual shrinks
        scale = 1.0
        base = float(np.linalg.norm(res))
        for _ in range(40):
            trial = wa + scale * step
            pos, ok = 0, True
            for idx in active:
                k = idx.size
                if np.linalg.norm(trial[pos : pos + k]) <= 1e-300:
                    ok = False
                pos += k
            if ok and float(np.linalg.norm(residual(trial))) < base:
                break
            scale *= 0.5
        else:
            break
        wa = trial
    out = w.copy()
    out[A] = wa
    return out


def group_lasso_optimum(
    loss: QuadraticLoss, lam: float, groups: Sequence, *, max_iter: int = 20000, max_rounds: int = 4
) -> np.ndarray:
    """Exact minimiser of ``J0(w) + lam * sum_g ||w_g||_2``.

    Each round runs FISTA (from the previous round's answer) until its iterates stop moving
    (relative 1e-13) or for ``max_iter`` iterations, then Newton's method on the
    stationarity equations of the groups it left active. The answer is accepted when the KKT
    conditions hold to 1e-11 (relative): ``(H w - g)_g + lam w_g / ||w_g|| = 0`` for a non-zero
    group, ``||(g - H w)_g|| <= lam`` for a zero group.

    Parameters
    ----------
    loss : QuadraticLoss
    lam : float >= 0
    groups : sequence of length d
        Group label of each coordinate (coordinate i belongs to group ``groups[i]``).
    max_iter : int >= 1, default 20000
        FISTA iterations per round.
    max_rounds : int >= 1, default 4
        Rounds of FISTA + Newton before giving up.

    Returns
    -------
    w : ndarray of shape (d,)
        Exactly zero on every group with ``||g_g|| <= lam`` at the optimum; in particular
        all zero for ``lam >= max_g ||g_g||``.

    Raises
    ------
    ValueError
        A loss that is not a QuadraticLoss, lam not a finite number >= 0, groups without
        one hashable label per coordinate, or max_iter / max_rounds not a whole number >= 1.

    Warns
    -----
    ConvergenceWarning
        If the answer of the last round still violates the KKT conditions (it is returned).

    References
    ----------
    M. Yuan and Y. Lin, "Model selection and estimation in regression with grouped
    variables", Journal of the Royal Statistical Society B 68(1):49-67 (2006).

    A. Beck and M. Teboulle, "A fast iterative shrinkage-thresholding algorithm for linear
    inverse problems", SIAM Journal on Imaging Sciences 2(1):183-202 (2009).
    """
    check_loss(loss)
    lam = check_lambda(lam)
    max_iter = check_whole_number(max_iter, "max_iter", minimum=1)
    max_rounds = check_whole_number(max_rounds, "max_rounds", minimum=1)
    H, g = loss.hessian, loss.linear
    blocks = check_groups(groups, loss.dim)
    if lam == 0.0:
        return loss.ols_point.copy()
    if lam >= max(float(np.linalg.norm(g[idx])) for idx in blocks):
        return np.zeros(loss.dim)
    lipschitz = float(loss.eigenvalues[-1])
    if lipschitz <= 0:
        return np.zeros(loss.dim)
    step = 1.0 / lipschitz
    w = np.zeros(loss.dim)
    scale = max(float(np.max(np.abs(g))), lam)
    for _round in range(max_rounds):
        z, prev, t = w.copy(), w.copy(), 1.0
        for _ in range(max_iter):  # stopping at the cap is fine: Newton and the KKT check follow
            nxt = _block_shrink(z - step * (H @ z - g), blocks, step * lam)
            t_next = 0.5 * (1.0 + np.sqrt(1.0 + 4.0 * t * t))
            z = nxt + ((t - 1.0) / t_next) * (nxt - prev)
            if float(np.max(np.abs(nxt - prev))) <= 1e-13 * max(1.0, float(np.max(np.abs(nxt)))):
                prev = nxt
                break
            prev, t = nxt, t_next
        w = _newton_polish(H, g, lam, prev, blocks)
        violation = _kkt_violation(H, g, lam, w, blocks)
        if violation <= 1e-11 * scale:
            return w
    warnings.warn(
        f"group lasso did not converge: after {max_rounds} round(s) of at most {max_iter} FISTA iterations "
        f"the KKT conditions are violated by {violation / scale:.2e} (relative), tolerance 1e-11",
        ConvergenceWarning,
        stacklevel=2,
    )
    return w


def group_norm(w, groups: Sequence) -> float:
    """The group (L21) norm ``sum_g ||w_g||_2`` of a weight vector.

    Parameters
    ----------
    w : array_like of shape (d,)
    groups : sequence of length d
        Group label of each coordinate.

    Returns
    -------
    float
        With one group per coordinate it is ``||w||_1``; with one group for all, ``||w||_2``.

    Raises
    ------
    ValueError
        w not a finite 1-D vector, or groups without one hashable label per coordinate.
    """
    w = np.asarray(w, dtype=float)
    if w.ndim != 1 or not np.all(np.isfinite(w)):
        raise ValueError(f"w must be a finite 1-D vector, got shape {w.shape}")
    blocks = check_groups(groups, w.shape[0])
    return float(sum(np.linalg.norm(w[idx]) for idx in blocks))


def residual_feature(X, y, chosen: Sequence[int]) -> int:
    """The column of X, not among ``chosen``, most correlated with what a fit on ``chosen`` leaves.

    The fit is the least-squares regression of y on the chosen columns with an intercept; its
    residual r is compared with every other column k by ``|corr(X[:, k], r)|``, and the column
    with the largest one is returned (the lowest index on a tie; a constant column, whose
    correlation is undefined, is never chosen). This is the next feature forward stepwise
    selection would add.

    Parameters
    ----------
    X : array_like of shape (n, d)
    y : array_like of shape (n,)
    chosen : sequence of distinct whole numbers in [0, d)
        The columns already in the model (may be empty: then r is y minus its mean).

    Returns
    -------
    int
        The index k of the chosen column, ``0 <= k < d``, not in ``chosen``.

    Raises
    ------
    ValueError
        X not a finite 2-D array, y not a finite vector of n values, chosen not distinct
        column indices, or no column left that is not constant.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.arange(6.0)
    >>> X = np.c_[x, np.ones(6), x % 2]
    >>> residual_feature(X, 2 * x + (x % 2), [0])
    2
    """
    X = check_array(X, "X", ndim=2)
    y = check_array(y, "y", ndim=1)
    n, d = X.shape
    if y.shape[0] != n:
        raise ValueError(f"X and y must have the same number of rows, got {n} and {y.shape[0]}")
    try:
        picked = [check_whole_number(k, "each chosen column", minimum=0) for k in chosen]
    except TypeError:
        raise ValueError(f"chosen must be a sequence of column indices, got {chosen!r}") from None
    if len(set(picked)) != len(picked) or any(k >= d for k in picked):
        raise ValueError(f"chosen must be distinct column indices in [0, {d}), got {list(chosen)!r}")
    Xc = X - X.mean(axis=0)
    yc = y - y.mean()
    if picked:
        coef = np.linalg.lstsq(Xc[:, picked], yc, rcond=None)[0]
        residual = yc - Xc[:, picked] @ coef
    else:
        residual = yc
    scale = np.linalg.norm(Xc, axis=0)
    candidates = [k for k in range(d) if k not in picked and scale[k] > 1e-12 * max(1.0, float(np.max(np.abs(X[:, k]))))]
    if not candidates:
        raise ValueError(f"no column left to choose: {d} column(s), {len(picked)} chosen, the others constant")
    r_norm = float(np.linalg.norm(residual))
    corr = [abs(float(Xc[:, k] @ residual)) / (scale[k] * r_norm) if r_norm > 0 else 0.0 for k in candidates]
    return candidates[int(np.argmax(corr))]
