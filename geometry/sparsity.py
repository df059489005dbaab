"""How often L1, L2 and the elastic net give exactly-zero weights: a Monte-Carlo over random problems.

Each random problem is a least-squares regression with ``d`` features (:func:`random_problems`):

- the design ``X`` (``n x d``, ``n = samples``) is *equicorrelated*: every feature has unit
  variance and every pair of features has correlation ``rho``
  (``X = sqrt(1 - rho) Z + sqrt(rho) z 1^T`` with ``Z`` and ``z`` standard normal);
- the true weights are *sparse-ish*: ``ceil(d / 2)`` coordinates, chosen at random, are
  ``+-U(0.5, 1.5)`` (random sign), the others exactly 0;
- ``y = X w_true + noise * e`` with ``e`` standard normal.

Each problem enters through its loss moments ``H = Xc^T Xc / n`` and ``g = Xc^T yc / n`` (centred
data: the intercept is fitted and never penalized), so that ``J0(w) = 1/2 w^T H w - g^T w + c``,
the lab's convention (``shared/MISSION.md``), and ``lambda_max = ||g||_inf``.

The study (:func:`sparsity_study`) solves every problem at ``lam = f * lambda_max`` of that problem
for each factor ``f`` of a grid, exactly, for the three penalties of :mod:`geometry.solvers`:

- L1 ``lam ||w||_1`` (the lasso, :func:`lasso_batch`);
- L2 ``lam ||w||_2^2`` (ridge, closed form ``(H + 2 lam I)^-1 g``);
- the elastic net ``lam (r ||w||_1 + (1 - r) ||w||_2^2)``, which is the lasso of ``H + 2 lam (1 - r) I``
  at ``r lam`` (at ``r = 0`` it is ridge, as in :func:`geometry.solvers.penalized_optimum`).

A weight counts as zero only if it is exactly ``0.0``: never "small". The lasso's zeros are exact
because :func:`lasso_batch` returns, for each problem, the solution of the KKT system on a
support it has *certified* (every weight of the support has the sign it was solved with, every
weight outside it has ``|g_j - (H w)_j| <= lam`` to rounding), and the weights outside the
support are set to ``0.0``; a problem it cannot certify is solved by the exact
:func:`geometry.solvers.penalized_optimum`. Ridge has no exact zeros for generic data.

For ``d = 2`` :func:`touch_classes` tells where each touch point lies on its region: at the
origin, on an axis (the diamond's corner for L1: one weight exactly 0), or between the axes (an
edge of the diamond: both weights non-zero); :func:`unit_touch_points` scales each optimum onto the
region of intercept 1 (the picture of where the touch points land).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np

from .loss import QuadraticLoss
from .solvers import penalized_optimum
from .validation import check_l1_ratio, check_lambdas, check_whole_number

__all__ = [
    "MAX_DIM",
    "MAX_COUNT",
    "SPARSITY_PENALTIES",
    "TOUCH_CLASSES",
    "RandomProblems",
    "SparsityStudy",
    "random_problems",
    "lasso_batch",
    "ridge_batch",
    "sparsity_study",
    "zero_counts",
    "touch_classes",
    "unit_touch_points",
]

#: the largest dimension and number of problems the study accepts (the panel's ranges)
MAX_DIM = 50
MAX_COUNT = 20000
#: the penalties of a study, in order
SPARSITY_PENALTIES: tuple[str, ...] = ("l1", "l2", "elasticnet")
#: where a 2-D touch point lies: both weights 0, exactly one 0 (on an axis), none 0
TOUCH_CLASSES: tuple[str, ...] = ("origin", "axis", "between")

# relative slack of the KKT conditions (rounding only), as geometry.solvers certifies its lasso
_KKT_RTOL = 1e-11


@dataclass(frozen=True, eq=False)
class RandomProblems:
    """A batch of random regression problems as loss moments.

    Attributes
    ----------
    hessians : ndarray of shape (count, d, d)
        ``H = Xc^T Xc / n`` of each problem (symmetric positive definite for ``n > d``).
    linears : ndarray of shape (count, d)
        ``g = Xc^T yc / n``.
    lambda_max : ndarray of shape (count,)
        ``||g||_inf``: the smallest lam at which the lasso optimum is 0.
    true_w : ndarray of shape (count, d)
        The weights the data were drawn from.
    rho, noise : float
    samples : int
    seed : int or None
    """

    hessians: np.ndarray
    linears: np.ndarray
    lambda_max: np.ndarray
    true_w: np.ndarray
    rho: float
    noise: float
    samples: int
    seed: int | None

    @property
    def count(self) -> int:
        """Number of problems."""
        return int(self.linears.shape[0])

    @property
    def dim(self) -> int:
        """Number of weights d of each problem."""
        return int(self.linears.shape[1])

    def loss(self, k: int) -> QuadraticLoss:
        """Problem ``k`` as a :class:`~geometry.loss.QuadraticLoss`."""
        return QuadraticLoss(self.hessians[k], self.linears[k], data_moments=True)


@dataclass(frozen=True, eq=False)
class SparsityStudy:
    """The exact optima of a batch of problems at a grid of ``lam / lambda_max`` factors.

    Attributes
    ----------
    problems : RandomProblems
    factors : ndarray of shape (m,)
        Each problem ``k`` is solved at ``lam = factors[i] * problems.lambda_max[k]``.
    l1_ratio : float
        The elastic net's mix r.
    weights : dict of {"l1", "l2", "elasticnet"} -> ndarray of shape (m, count, d)
        ``weights[p][i, k]``: the optimum of problem k at factor i under penalty p.
    fallbacks : int
        Lasso problems (L1 and elastic net together) that the batched solver could not
        certify and :func:`geometry.solvers.penalized_optimum` solved one at a time.
    seconds : float
        Wall-clock time of the solves (not of drawing the problems).
    """

    problems: RandomProblems
    factors: np.ndarray
    l1_ratio: float
    weights: dict = field(repr=False)
    fallbacks: int
    seconds: float

    @property
    def solves(self) -> int:
        """Number of optima computed: problems x factors x penalties."""
        return self.problems.count * int(self.factors.shape[0]) * len(SPARSITY_PENALTIES)

    def zero_counts(self) -> dict[str, np.ndarray]:
        """Exactly-zero weights (``w == 0.0``) of each problem: ``{penalty: ndarray (m, count) of int}``."""
        return {penalty: zero_counts(w) for penalty, w in self.weights.items()}

    def zero_share(self) -> dict[str, np.ndarray]:
        """Share of exactly-zero coordinates over all problems: ``{penalty: ndarray (m,)}`` in [0, 1]."""
        total = self.problems.count * self.problems.dim
        return {penalty: counts.sum(axis=1) / total for penalty, counts in self.zero_counts().items()}


# ---------------------------------------------------------------------------- the problems
def _check_number(value, name: str, accept, requirement: str) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be {requirement}, got {value!r}") from None
    if isinstance(value, bool) or not accept(x):
        raise ValueError(f"{name} must be {requirement}, got {value!r}")
    return x


def random_problems(
    count: int,
    dim: int,
    *,
    rho: float = 0.0,
    noise: float = 1.0,
    samples: int = 50,
    seed: int | None = 0,
) -> RandomProblems:
    """Draw ``count`` random regression problems with ``dim`` equicorrelated features.

    Parameters
    ----------
    count : int in [1, MAX_COUNT]
    dim : int in [2, MAX_DIM]
    rho : float in [0, 1)
        Correlation of every pair of features.
    noise : float >= 0
        Standard deviation of the noise added to ``X w_true``.
    samples : int > dim
        Rows n of each design (``H`` is then positive definite almost surely).
    seed : int or None
        Seed of :func:`numpy.random.default_rng`; the same seed gives the same problems.

    Returns
    -------
    RandomProblems

    Raises
    ------
    ValueError
        ``count`` or ``dim`` not a whole number in its range, ``rho`` outside [0, 1),
        ``noise`` not a finite number >= 0, ``samples`` not a whole number > ``dim``.

    Examples
    --------
    >>> problems = random_problems(3, 4, rho=0.5, seed=1)
    >>> problems.hessians.shape, problems.linears.shape
    ((3, 4, 4), (3, 4))
    """
    count = check_whole_number(count, "count", minimum=1)
    if count > MAX_COUNT:
        raise ValueError(f"count must be a whole number in [1, {MAX_COUNT}], got {count!r}")
    dim = check_whole_number(dim, "dim", minimum=2)
    if dim > MAX_DIM:
        raise ValueError(f"dim must be a whole number in [2, {MAX_DIM}], got {dim!r}")
    rho = _check_number(rho, "rho", lambda x: 0.0 <= x < 1.0, "a number in [0, 1)")
    noise = _check_number(noise, "noise", lambda x: math.isfinite(x) and x >= 0, "a finite number >= 0")
    samples = check_whole_number(samples, "samples", minimum=dim + 1)
    rng = np.random.default_rng(seed)
    X = math.sqrt(1.0 - rho) * rng.standard_normal((count, samples, dim))
    X += math.sqrt(rho) * rng.standard_normal((count, samples, 1))
    k = math.ceil(dim / 2)
    true_w = np.zeros((count, dim))
    support = np.argsort(rng.random((count, dim)), axis=1)[:, :k]
    values = rng.uniform(0.5, 1.5, (count, k)) * rng.choice([-1.0, 1.0], (count, k))
    np.put_along_axis(true_w, support, values, axis=1)
    y = (X @ true_w[:, :, None])[:, :, 0] + noise * rng.standard_normal((count, samples))
    Xc = X - X.mean(axis=1, keepdims=True)
    yc = y - y.mean(axis=1, keepdims=True)
    XcT = np.swapaxes(Xc, 1, 2)
    H = (XcT @ Xc) / samples
    H = 0.5 * (H + np.swapaxes(H, 1, 2))
    g = (XcT @ yc[:, :, None])[:, :, 0] / samples
    return RandomProblems(
        hessians=H,
        linears=g,
        lambda_max=np.abs(g).max(axis=1),
        true_w=true_w,
        rho=rho,
        noise=noise,
        samples=samples,
        seed=seed,
    )


# ---------------------------------------------------------------------------- the solvers
def _crossings(w: np.ndarray, step: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The candidates of the feature-sign line search from ``w`` along ``step``: the points where a
    weight crosses 0 on the way (that weight exactly 0 there) and the target (t = 1).

    Returns ``points`` of shape (n, d + 1, d) and their step fractions ``ts`` of shape (n, d + 1)
    (NaN where weight j does not cross)."""
    n = w.shape[0]
    with np.errstate(divide="ignore", invalid="ignore"):
        cross = -w / step
    valid = (w != 0.0) & (cross > 0) & (cross < 1)
    ts = np.concatenate([np.where(valid, cross, np.nan), np.ones((n, 1))], axis=1)  # (n, d + 1)
    points = w[:, None, :] + ts[:, :, None] * step[:, None, :]
    # every weight that crosses at a candidate's t is exactly 0 there
    same = valid[:, None, :] & (np.abs(cross[:, None, :] - ts[:, :, None]) <= 1e-14 * np.abs(ts[:, :, None]))
    points[same] = 0.0
    return points, ts


def _kkt_exchange(
    M: np.ndarray, g: np.ndarray, lam: np.ndarray, tol: np.ndarray, start: np.ndarray, *, max_iter: int
) -> tuple[np.ndarray, np.ndarray]:
    """Block-exchange active-set search on all rows at once; returns the weights and which rows it certified.

    From the support and signs of ``start``, each step solves the sign-fixed KKT system on the
    support (``M_AA w_A = g_A - lam theta_A``, every other weight exactly 0) and then exchanges
    every infeasible index at once: a support weight whose sign is not ``theta`` leaves the
    support, an outside weight with ``|g_j - (M w)_j| > lam + tol`` joins it with the sign of
    its correlation. A row is certified when nothing is infeasible and the support's equations
    hold to ``tol``; a row that is not certified within ``max_iter`` steps, or whose number of
    infeasible indices has not fallen below its best for three steps, is returned uncertified
    (its weights are then meaningless).

    Shapes: ``M`` (n, d, d), ``g``, ``start`` (n, d), ``lam``, ``tol`` (n,). Returns ``weights``
    (n, d) and ``certified`` (n,) of bool.
    """
    n, d = g.shape
    diagonal = np.arange(d)
    out = np.zeros((n, d))
    certified = np.zeros(n, dtype=bool)
    support = start != 0.0
    theta = np.sign(start)
    best = np.full(n, d + 1)  # fewest infeasible indices seen, per row
    patience = np.full(n, 3)
    todo = np.arange(n)
    for _ in range(max_iter):
        if todo.size == 0:
            break
        every = todo.size == n  # no gathers while every row is open
        Mt, gt = (M, g) if every else (M[todo], g[todo])
        lt, tt = lam[todo, None], tol[todo, None]
        on, th = support[todo], theta[todo]
        inside = on.astype(float)
        system = Mt * inside[:, :, None]  # M on the support, the identity off it
        system *= inside[:, None, :]
        system[:, diagonal, diagonal] += 1.0 - inside
        rhs = np.where(on, gt - lt * th, 0.0)
        w = np.where(on, np.linalg.solve(system, rhs[:, :, None])[:, :, 0], 0.0)  # +0.0 off the support
        q = gt - np.einsum("bij,bj->bi", Mt, w)  # minus the gradient of the smooth part
        leave = on & (w * th <= 0.0)
        join = ~on & (np.abs(q) > lt + tt)
        residual = np.where(on, np.abs(q - lt * th), 0.0).max(axis=1)
        infeasible = np.count_nonzero(leave | join, axis=1)
        done = (infeasible == 0) & (residual <= tt[:, 0])
        out[todo[done]] = w[done]
        certified[todo[done]] = True
        improved = infeasible < best[todo]
        best[todo] = np.minimum(best[todo], infeasible)
        patience[todo] = np.where(improved, 3, patience[todo] - 1)
        support[todo] = (on & ~leave) | join
        theta[todo] = np.where(join, np.sign(q), np.where(leave, 0.0, th))
        todo = todo[~done & (patience[todo] > 0)]
    return out, certified


def _feature_sign(
    M: np.ndarray, g: np.ndarray, lam: np.ndarray, tol: np.ndarray, start: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """Feature-sign search (Lee et al. 2007) on all rows at once; returns the weights and which rows it certified.

    A zero weight that violates its KKT condition joins with the sign of its correlation, the
    sign-fixed quadratic is solved exactly on the active set, and a line search to its
    minimiser stops at the best point where a weight crosses 0 (that weight then exactly 0).
    A row whose search stalls (a step shorter than 1e-6 of the way) starts again from 0 once;
    one that stalls again or is not certified within ``3 d + 10`` steps is returned
    uncertified. Shapes as :func:`_kkt_exchange`; ``start`` None means 0.
    """
    n, d = g.shape
    eye = np.eye(d)
    out = np.zeros((n, d))
    certified = np.zeros(n, dtype=bool)
    todo = np.arange(n)
    w = np.zeros((n, d)) if start is None else start.copy()
    theta = np.sign(w)
    restarted = np.full(n, start is None)
    for _ in range(3 * d + 10):
        if todo.size == 0:
            break
        Mt, gt, lt, tt = M[todo], g[todo], lam[todo], tol[todo]
        q = gt - np.einsum("bij,bj->bi", Mt, w)  # minus the gradient of the smooth part
        zero = w == 0.0
        excess = np.where(zero, np.abs(q) - lt[:, None], -np.inf)
        violated = excess > tt[:, None]
        off = np.where(zero, 0.0, np.abs(q - lt[:, None] * theta)).max(axis=1)
        done = ~violated.any(axis=1) & (off <= tt)
        out[todo[done]] = w[done]
        certified[todo[done]] = True
        more = ~done
        todo, w, theta, restarted = todo[more], w[more], theta[more], restarted[more]
        q, Mt, gt, lt = q[more], Mt[more], gt[more], lt[more]
        excess, violated = excess[more], violated[more]
        if todo.size == 0:
            break
        rows = np.arange(todo.size)
        join = np.argmax(excess, axis=1)  # the most violating zero weight joins
        joins = violated[rows, join]
        theta[rows[joins], join[joins]] = np.sign(q[rows[joins], join[joins]])
        active = w != 0.0
        active[rows[joins], join[joins]] = True
        system = np.where(active[:, :, None] & active[:, None, :], Mt, eye)
        rhs = np.where(active, gt - lt[:, None] * theta, 0.0)
        target = np.where(active, np.linalg.solve(system, rhs[:, :, None])[:, :, 0], 0.0)
        step = target - w
        points, ts = _crossings(w, step)
        # J(w + t step) - J(w) = -t q.step + t^2/2 step.M.step + lam ||w + t step||_1 - lam ||w||_1
        slope = -np.einsum("bi,bi->b", q, step)
        curvature = np.einsum("bi,bij,bj->b", step, Mt, step)
        values = ts * slope[:, None] + 0.5 * ts * ts * curvature[:, None] + lt[:, None] * np.abs(points).sum(axis=2)
        best = np.argmin(np.where(np.isnan(ts), np.inf, values), axis=1)
        w = points[rows, best]
        theta = np.sign(w)
        stall = ts[rows, best] < 1e-6
        if stall.any():  # a warm start can stall where a cold one does not: once, start again from 0
            again = stall & ~restarted
            w[again], theta[again], restarted[again] = 0.0, 0.0, True
            stall &= ~again
            todo, w, theta, restarted = todo[~stall], w[~stall], theta[~stall], restarted[~stall]
    return out, certified


def lasso_batch(hessians, linears, lams, *, shifts=None, start=None) -> tuple[np.ndarray, int]:
    """Exact lasso optima of a batch: ``argmin_w 1/2 w^T (H_k + s_k I) w - g_k^T w + lam_k ||w||_1``.

    Every answer is the solution of the lasso's KKT system on a support that has been
    *certified*: each weight of the support has the sign it was solved with, every weight
    outside it is exactly ``0.0`` and has ``|g_j - (M w)_j| <= lam`` and the support's equations
    hold (both to a relative 1e-11, as :func:`geometry.solvers.penalized_optimum` certifies its
    own answers). Three exact methods run in turn, each on the rows the one before could not
    certify:

    1. a block-exchange active-set search (all rows at once; a primal-dual active-set /
       semismooth Newton step): from the support and signs of ``start``, solve on the support,
       then let every weight that has the wrong sign leave and every outside weight that
       violates its KKT condition join, until nothing is infeasible. From a nearby ``lam``'s
       optimum this takes a few steps; a row stops after ``2 d + 10`` steps, or when its number
       of infeasible weights has not fallen for three steps;
    2. the feature-sign search (Lee et al. 2007; all rows at once), whose objective falls at
       every step: one violating zero weight joins, and a line search to the sign-fixed
       minimiser stops at the best point where a weight crosses 0 (that weight then exactly 0).
       A row whose search stalls (a step shorter than 1e-6 of the way) starts again from 0
       once; one that stalls again or is not certified within ``3 d + 10`` steps goes on to
    3. the exact one-problem :func:`geometry.solvers.penalized_optimum`, so every answer is exact.

    Parameters
    ----------
    hessians : array_like of shape (n, d, d)
        Symmetric positive definite matrices H_k.
    linears : array_like of shape (n, d)
    lams : array_like of shape (n,), entries >= 0
    shifts : array_like of shape (n,), entries >= 0, optional
        Added to each H's diagonal (the elastic net's ``2 lam (1 - r)``); default 0.
    start : array_like of shape (n, d), optional
        Where the searches start (e.g. the optima at a nearby lam); default 0.

    Returns
    -------
    weights : ndarray of shape (n, d)
    fallbacks : int
        Rows solved by :func:`geometry.solvers.penalized_optimum` (step 3).

    Raises
    ------
    ValueError
        Shapes that do not match, non-finite entries, or negative lams or shifts.

    References
    ----------
    H. Lee, A. Battle, R. Raina and A. Y. Ng, "Efficient sparse coding algorithms",
    Advances in Neural Information Processing Systems 19 (2007), the feature-sign search.
    M. Hintermüller, K. Ito and K. Kunisch, "The primal-dual active set strategy as a semismooth
    Newton method", SIAM Journal on Optimization 13 (2003), the block exchange.

    Examples
    --------
    >>> w, fallbacks = lasso_batch(np.eye(2)[None], [[3.0, -0.5]], [1.0])
    >>> w.tolist(), fallbacks
    ([[2.0, 0.0]], 0)
    """
    H = np.asarray(hessians, dtype=float)
    g = np.asarray(linears, dtype=float)
    if g.ndim != 2 or H.shape != (g.shape[0], g.shape[1], g.shape[1]):
        raise ValueError(f"hessians must have shape (n, d, d) and linears (n, d), got {H.shape} and {g.shape}")
    if not (np.all(np.isfinite(H)) and np.all(np.isfinite(g))):
        raise ValueError("hessians and linears must be finite")
    lam = check_lambdas(lams)
    shift = np.zeros_like(lam) if shifts is None else check_lambdas(shifts)
    if lam.shape != (g.shape[0],) or shift.shape != (g.shape[0],):
        raise ValueError(f"lams and shifts must have shape ({g.shape[0]},), got {lam.shape} and {shift.shape}")
    n, d = g.shape
    if start is not None:
        start = np.asarray(start, dtype=float)
        if start.shape != (n, d) or not np.all(np.isfinite(start)):
            raise ValueError(f"start must be a finite array of shape ({n}, {d}), got shape {start.shape}")
    out = np.zeros((n, d))
    top = np.abs(g).max(axis=1)
    todo = np.flatnonzero(lam < top)  # the others are exactly 0
    M = (H[todo] + shift[todo, None, None] * np.eye(d)) if shifts is not None else H[todo]
    gt, lt = g[todo], lam[todo]
    tol = _KKT_RTOL * np.maximum(top[todo], lt)
    first = np.zeros((todo.size, d)) if start is None else start[todo]
    w, certified = _kkt_exchange(M, gt, lt, tol, first, max_iter=2 * d + 10)
    out[todo[certified]] = w[certified]
    rest = np.flatnonzero(~certified)
    if rest.size:
        w, certified = _feature_sign(M[rest], gt[rest], lt[rest], tol[rest], None if start is None else first[rest])
        out[todo[rest[certified]]] = w[certified]
        rest = rest[~certified]
    for k in rest:  # not certified: the exact one-problem solver
        out[todo[k]] = penalized_optimum(QuadraticLoss(M[k], gt[k], data_moments=True), "l1", float(lt[k]))
    return out, int(rest.size)


def ridge_batch(hessians, linears, lams) -> np.ndarray:
    """Ridge optima ``(H_k + 2 lam_k I)^-1 g_k`` of a batch, shape (n, d).

    Raises
    ------
    ValueError
        Shapes that do not match, or lams not finite numbers >= 0.
    """
    H = np.asarray(hessians, dtype=float)
    g = np.asarray(linears, dtype=float)
    lam = check_lambdas(lams)
    if g.ndim != 2 or H.shape != (g.shape[0], g.shape[1], g.shape[1]) or lam.shape != (g.shape[0],):
        raise ValueError(f"need hessians (n, d, d), linears (n, d), lams (n,), got {H.shape}, {g.shape}, {lam.shape}")
    M = H + 2.0 * lam[:, None, None] * np.eye(g.shape[1])
    return np.linalg.solve(M, g[:, :, None])[:, :, 0]


def sparsity_study(problems: RandomProblems, factors, *, l1_ratio: float = 0.5) -> SparsityStudy:
    """Solve every problem at ``lam = f * lambda_max`` for each factor f, for L1, L2 and the elastic net.

    Parameters
    ----------
    problems : RandomProblems
    factors : array_like of shape (m,), entries > 0
        ``lam / lambda_max`` of each solve (each problem's own lambda_max).
    l1_ratio : float in [0, 1]
        The elastic net's mix r: ``lam (r ||w||_1 + (1 - r) ||w||_2^2)``.

    Returns
    -------
    SparsityStudy

    Raises
    ------
    ValueError
        ``problems`` not a RandomProblems, factors not a non-empty 1-D array of finite numbers
        > 0, l1_ratio outside [0, 1].

    Examples
    --------
    >>> study = sparsity_study(random_problems(50, 6, seed=2), [0.1, 0.5])
    >>> study.zero_share()["l2"].tolist()  # ridge: no exact zeros
    [0.0, 0.0]
    """
    if not isinstance(problems, RandomProblems):
        raise ValueError(f"problems must be a RandomProblems, got {type(problems).__name__}")
    f = check_lambdas(factors)
    if f.size == 0 or np.any(f <= 0):
        raise ValueError("factors must be a non-empty array of numbers > 0")
    r = check_l1_ratio(l1_ratio)
    start = time.perf_counter()
    m, count, d = f.size, problems.count, problems.dim
    H, g, top = problems.hessians, problems.linears, problems.lambda_max
    weights = {penalty: np.zeros((m, count, d)) for penalty in SPARSITY_PENALTIES}
    fallbacks = 0
    warm = {"l1": None, "elasticnet": None}
    for i in np.argsort(-f):  # largest lam first: each solve starts from the last one's optima
        lam = f[i] * top
        weights["l1"][i], more = lasso_batch(H, g, lam, start=warm["l1"])
        fallbacks += more
        warm["l1"] = weights["l1"][i]
        weights["l2"][i] = ridge_batch(H, g, lam)
        if r == 0.0:  # as geometry.solvers.penalized_optimum: the elastic net at r = 0 is ridge
            weights["elasticnet"][i] = weights["l2"][i]
        else:
            weights["elasticnet"][i], more = lasso_batch(
                H, g, r * lam, shifts=2.0 * (1.0 - r) * lam, start=warm["elasticnet"]
            )
            fallbacks += more
            warm["elasticnet"] = weights["elasticnet"][i]
    seconds = time.perf_counter() - start
    return SparsityStudy(
        problems=problems, factors=f, l1_ratio=r, weights=weights, fallbacks=fallbacks, seconds=seconds
    )


# ---------------------------------------------------------------------------- counting
def zero_counts(weights) -> np.ndarray:
    """Number of exactly-zero entries (``== 0.0``) along the last axis.

    Parameters
    ----------
    weights : array_like of shape (..., d)

    Returns
    -------
    ndarray of int, shape (...)
    """
    return np.count_nonzero(np.asarray(weights, dtype=float) == 0.0, axis=-1)


def touch_classes(weights) -> np.ndarray:
    """Where each 2-D optimum lies: ``"origin"`` (both weights exactly 0), ``"axis"`` (exactly one:
    the L1 diamond's corner) or ``"between"`` (neither: an edge of the diamond).

    Parameters
    ----------
    weights : array_like of shape (k, 2)

    Returns
    -------
    ndarray of str, shape (k,)

    Raises
    ------
    ValueError
        If ``weights`` is not of shape (k, 2).
    """
    w = np.asarray(weights, dtype=float)
    if w.ndim != 2 or w.shape[1] != 2:
        raise ValueError(f"weights must have shape (k, 2), got {w.shape}")
    zeros = zero_counts(w)
    return np.array(TOUCH_CLASSES)[2 - zeros]


def unit_touch_points(weights, region: str, *, l1_ratio: float = 0.5) -> np.ndarray:
    """Each non-zero optimum scaled onto the boundary of its region of intercept 1, shape (k, 2).

    ``"l1"``: ``w / ||w||_1`` (the unit diamond), ``"l2"``: ``w / ||w||_2`` (the unit circle),
    ``"elasticnet"``: ``s w`` with ``r s ||w||_1 + (1 - r) s^2 ||w||_2^2 = 1``. A scaling keeps
    exact zeros exact, so a corner touch lands exactly on a corner. Rows with ``w = 0`` are NaN
    (the origin has no direction).

    Raises
    ------
    ValueError
        ``weights`` not of shape (k, 2), an unknown region, l1_ratio outside [0, 1].
    """
    w = np.asarray(weights, dtype=float)
    if w.ndim != 2 or w.shape[1] != 2:
        raise ValueError(f"weights must have shape (k, 2), got {w.shape}")
    if region not in SPARSITY_PENALTIES:
        raise ValueError(f"unknown region {region!r}; valid regions are {', '.join(map(repr, SPARSITY_PENALTIES))}")
    r = check_l1_ratio(l1_ratio)
    a = np.abs(w).sum(axis=1)
    b = (w * w).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        if region == "l1":
            s = 1.0 / a
        elif region == "l2":
            s = 1.0 / np.sqrt(b)
        else:
            s = 2.0 / (r * a + np.sqrt(r * r * a * a + 4.0 * (1.0 - r) * b))
    s = np.where(a > 0, s, np.nan)
    return w * s[:, None]
