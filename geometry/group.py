"""The group (L21) penalty: ``lam * sum_g ||w_g||_2`` — whole groups of weights go to zero together.

Solved in two stages: accelerated proximal gradient (FISTA with block soft-thresholding)
finds which groups are active, then Newton's method on the stationarity equations of the
active groups,

    (H w - g)_A + lam * w_g / ||w_g||  = 0   for each active group g,

polishes the answer to machine precision. The KKT conditions of the inactive groups,
``||(g - H w)_g|| <= lam``, are checked; a violated one re-enters the search.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .loss import QuadraticLoss
from .solvers import _check_loss, check_lambda

__all__ = ["group_lasso_optimum", "group_indices"]


def group_indices(groups: Sequence, d: int) -> list[np.ndarray]:
    """Coordinates of each group, in order of first appearance.

    Parameters
    ----------
    groups : sequence of length d of hashable labels
    d : int

    Returns
    -------
    list of int ndarrays
    """
    try:
        labels = list(groups)
    except TypeError:
        raise ValueError(f"groups must be a sequence of {d} group labels, got {groups!r}") from None
    if len(labels) != d:
        raise ValueError(f"groups must give one label per weight: expected {d}, got {len(labels)}")
    order: dict = {}
    for i, label in enumerate(labels):
        try:
            order.setdefault(label, []).append(i)
        except TypeError:
            raise ValueError(f"group labels must be hashable, got {label!r}") from None
    return [np.array(idx, dtype=int) for idx in order.values()]


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
    """Newton on the active groups' stationarity equations, with a backtracking safeguard."""
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


def group_lasso_optimum(loss: QuadraticLoss, lam: float, groups: Sequence) -> np.ndarray:
    """Exact minimiser of ``J0(w) + lam * sum_g ||w_g||_2``.

    Parameters
    ----------
    loss : QuadraticLoss
    lam : float >= 0
    groups : sequence of length d
        Group label of each coordinate (coordinate i belongs to group ``groups[i]``).

    Returns
    -------
    w : ndarray of shape (d,)
        Exactly zero on every group with ``||g_g|| <= lam`` at the optimum; in particular
        all zero for ``lam >= max_g ||g_g||``.
    """
    _check_loss(loss)
    lam = check_lambda(lam)
    H, g = loss.hessian, loss.linear
    blocks = group_indices(groups, loss.dim)
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
    for _attempt in range(4):
        z, prev, t = w.copy(), w.copy(), 1.0
        for _ in range(20000):
            nxt = _block_shrink(z - step * (H @ z - g), blocks, step * lam)
            t_next = 0.5 * (1.0 + np.sqrt(1.0 + 4.0 * t * t))
            z = nxt + ((t - 1.0) / t_next) * (nxt - prev)
            if float(np.max(np.abs(nxt - prev))) <= 1e-13 * max(1.0, float(np.max(np.abs(nxt)))):
                prev = nxt
                break
            prev, t = nxt, t_next
        w = _newton_polish(H, g, lam, prev, blocks)
        if _kkt_violation(H, g, lam, w, blocks) <= 1e-11 * scale:
            return w
    return w
