"""Exact minimisers of J0 over a region: the constrained forms drawn in the weight plane.

``constrained_optimum(loss, region, t)`` minimises J0 over ``||w||_1 <= t`` ("l1"),
``||w||_2 <= t`` ("l2"), ``||w||_p <= t`` ("lp") or ``r ||w||_1 + (1 - r) ||w||_2^2 <= t``
("elasticnet"). When the unconstrained (minimum-norm OLS) optimum is inside, it is returned.

- l2: the secular equation ``||w(mu)|| = t`` for the ridge optimum ``w(mu)`` (see
  :func:`geometry.solvers.ridge_solution`), solved by a safeguarded Newton iteration on
  ``1/||w(mu)|| - 1/t`` (Hebden's method, as for trust-region steps: Moré & Sorensen 1983).
- l1: in 2-D by minimising J0 exactly on the diamond's four edges; in general from the exact
  lasso homotopy, along which ``||w(lam)||_1`` is piecewise linear.
- elastic net: the penalized elastic net at the multiplier mu whose optimum has penalty t
  (monotone in mu), found by safeguarded Newton/bisection.
- lp, p < 1 (2-D only; the ball is not convex): a certified global search,
  :func:`certified_lp_optimum`. Each quarter of the boundary is parametrised by
  ``w = t (cos(phi)^(2/p), sin(phi)^(2/p))`` (samples crowd at the axes, where the boundary turns
  sharply); between two samples the arc lies in the triangle of its chord and the two tangents
  (outside the ball the quadrant is convex), so the minimum of J0 over that triangle bounds J0 on
  the arc from below. Best-first branch and bound splits arcs until every lower bound is within
  the tolerance of the best sample; a bracketed secant search then polishes the best sample.
- lp, 1 < p < 2 or p > 2, in 2-D: a search over the boundary angle refined by a bracketed
  secant (Illinois) search.
- lp (p > 1, any dimension): bisection on the multiplier of the penalized p-norm problem.

Every iteration here either ends by a bound stated next to it, or, when it stops at its cap
without meeting its tolerance, warns with :class:`~geometry.validation.ConvergenceWarning`
(the answer is still put exactly on the region's boundary).

References
----------
J. J. Moré and D. C. Sorensen, "Computing a trust region step", SIAM Journal on Scientific
and Statistical Computing 4(3):553-572 (1983).

M. Dowell and P. Jarratt, "A modified regula falsi method for computing the root of an
equation", BIT 11:168-174 (1971), the Illinois method.
"""

from __future__ import annotations

import heapq
import math
import warnings

import numpy as np

from .loss import QuadraticLoss
from .regions import region_size
from .solvers import lasso_2d, lasso_homotopy, penalized_optimum, ridge_solution
from .validation import ConvergenceWarning, check_l1_ratio, check_loss, check_p, check_region, check_size

__all__ = ["constrained_optimum", "certified_lp_optimum", "LP_CERTIFIED_RTOL"]

#: Iteration caps of the searches below; each search that stops at its cap short of its
#: tolerance warns with ConvergenceWarning.
L2_MAX_ITER = 100  # safeguarded Newton for the l2 multiplier
ELASTIC_NET_MAX_ITER = 200  # safeguarded Newton for the elastic-net multiplier
#: The l2 and elastic-net searches aim at the region size t to 1e-15 / 1e-14 (relative). On
#: ill-conditioned 2-D losses (cond 1e3 to 1e7) the elastic-net search can end at its cap
#: within ~1e-11 of t: at the cap an answer within this tolerance is accepted without a
#: warning (it is then scaled exactly onto the boundary); a worse one (cond ~1e9 and up) warns.
SIZE_RTOL_AT_CAP = 1e-8
ANGLE_MAX_ITER = 100  # Illinois search for the touching angle on a 2-D p-ball
#: Tolerance of the certified p < 1 search: the J0 it returns exceeds the global minimum of J0 on
#: the ball by at most ``LP_CERTIFIED_RTOL * (J0(0) - min J0)`` (0 is in the ball, so this is a
#: fraction of the largest possible excess), or by a few units of rounding of J0's terms on the
#: ball when that is larger (:func:`certified_lp_optimum` reports the bound it reached).
LP_CERTIFIED_RTOL = 1e-11
LP_BRANCH_MAX_ITER = 50_000  # arcs split by the certified p < 1 search
LP_INITIAL_ARCS = 64  # arcs per quarter of the boundary the certified search starts from
LP_NEWTON_MAX_ITER = 200  # damped Newton of the p-norm penalized problem (checked by its caller)
LP_BISECTION_MAX_ITER = 100  # bisection for the p-norm multiplier
#: Largest angle (radians) between -grad J0 and the p-ball's normal accepted at an lp optimum
#: in more than two dimensions (a correct answer is within a few 1e-6).
LP_KKT_ANGLE = 1e-4


def _warn_not_converged(what: str, iterations: int, detail: str) -> None:
    """Warn that the iteration ``what`` stopped at its cap of ``iterations`` short of its tolerance."""
    warnings.warn(
        f"{what} did not converge in {iterations} iterations: {detail}",
        ConvergenceWarning,
        stacklevel=3,  # reported at the call of the search that gave up
    )


def constrained_optimum(
    loss: QuadraticLoss, region: str, t: float, *, l1_ratio: float = 0.5, p: float = 2.0
) -> np.ndarray:
    """Exact minimiser of J0 over the region of size t.

    Parameters
    ----------
    loss : QuadraticLoss
    region : {"l1", "l2", "lp", "elasticnet"}
    t : float >= 0
    l1_ratio : float in [0, 1]
        Mix r of the elastic-net region.
    p : float > 0
        Exponent of the p-norm region. For p not in {1, 2} only 2-D losses are supported
        (for p < 1 the region is not convex and the global optimum is certified only there).

    Returns
    -------
    w : ndarray of shape (d,)
        The minimiser (the minimum-norm OLS point when that fits the budget). On the
        boundary of the region otherwise.

    Raises
    ------
    ValueError
        A loss that is not a QuadraticLoss, an unknown region, t not a finite number >= 0,
        l1_ratio outside [0, 1] or p not a finite number > 0, or an lp region with p < 1 in
        more than two dimensions.

    Warns
    -----
    ConvergenceWarning
        If the one-dimensional search for the region's multiplier (l2, elastic net, lp) or
        for the touching angle (lp in 2-D) stops at its iteration cap short of its
        tolerance; the answer is still on the region's boundary.
    """
    check_loss(loss)
    check_region(region)
    t = check_size(t)
    if region == "elasticnet":
        r = check_l1_ratio(l1_ratio)
        if r == 1.0:
            region = "l1"
        elif r == 0.0:
            region, t = "l2", math.sqrt(t)
    if region == "lp":
        p = check_p(p)
        if p == 1.0:
            region = "l1"
        elif p == 2.0:
            region = "l2"
        elif loss.dim != 2 and p < 1:
            raise ValueError(
                f"an lp region with p = {p:g} is not convex, so its global optimum is only certified in 2-D; "
                f"this loss has dimension {loss.dim}"
            )
    ols = loss.ols_point
    if region_size(region, ols, l1_ratio=l1_ratio, p=p) <= t:
        return ols.copy()
    if t == 0.0:
        return np.zeros(loss.dim)
    if region == "l2":
        return _l2_ball(loss, t)
    if region == "l1":
        if loss.dim == 2 and loss.rank == 2:  # unique optimum: the closed form on the edges
            return _l1_diamond_2d(loss, t)
        return _l1_from_path(loss, t)
    if region == "elasticnet":
        return _elastic_net_region(loss, t, float(l1_ratio))
    if loss.dim == 2:
        if p < 1.0:
            return _lp_ball_nonconvex_2d(loss, t, p)[0]
        return _lp_ball_2d(loss, t, p)
    return _lp_ball_convex(loss, t, p)


# ---------------------------------------------------------------------------- l2
def _l2_ball(loss: QuadraticLoss, t: float) -> np.ndarray:
    """Minimum of J0 on the circle ``||w|| = t`` (t below the OLS norm): the ridge optimum at the mu with norm t."""
    values, vectors = loss.eigenvalues, loss.eigenvectors
    coef = vectors.T @ loss.linear
    # ||w(mu)||^2 = sum c_i^2 / (e_i + 2 mu)^2 over the directions ridge_solution keeps.
    # Plain floats: the vectors are tiny and numpy's per-call overhead would dominate.
    pairs = [
        (float(e), float(c) * float(c))
        for e, c, keep in zip(values, coef, loss.positive_directions)
        if keep and c != 0.0
    ]

    def norm_and_slope(mu: float) -> tuple[float, float]:
        sq = dsq = 0.0
        for e, c2 in pairs:
            den = e + 2.0 * mu
            if den <= 0.0:
                return math.inf, 0.0
            q = c2 / (den * den)
            sq += q
            dsq -= 4.0 * q / den
        return math.sqrt(sq), dsq

    # psi(mu) = 1/||w(mu)|| - 1/t is increasing and nearly linear in mu: Newton converges fast;
    # a bracket [lo, hi] keeps every step safe.
    lo, hi = 0.0, max(math.sqrt(max(c2 for _, c2 in pairs)) / t, 1e-300)
    # Finite: ||w(mu)|| falls to 0 as mu grows, and doubling reaches mu = inf (norm 0 < t)
    # within about 2100 steps.
    while norm_and_slope(hi)[0] > t:
        lo, hi = hi, 2.0 * hi
    mu = lo
    iterations, capped = L2_MAX_ITER, False
    for _ in range(iterations):
        norm, dsq = norm_and_slope(mu)
        if not math.isfinite(norm):
            mu = 0.5 * (lo + hi)
            continue
        psi = 1.0 / norm - 1.0 / t
        if psi < 0:
            lo = max(lo, mu)
        else:
            hi = min(hi, mu)
        if abs(norm - t) <= 1e-15 * t or hi - lo <= 1e-16 * hi:
            break
        dpsi = -0.5 * dsq / norm**3
        nxt = mu - psi / dpsi if dpsi > 0 else 0.5 * (lo + hi)
        if not (lo <= nxt <= hi) or nxt == mu:
            nxt = 0.5 * (lo + hi)
        mu = nxt
    else:
        capped = True
    w = ridge_solution(loss, mu)
    norm = float(np.linalg.norm(w))
    if capped and not abs(norm / t - 1.0) <= SIZE_RTOL_AT_CAP:
        _warn_not_converged("the l2-ball multiplier search", iterations, f"||w|| / t - 1 = {norm / t - 1:.2e}")
    return w * (t / norm) if norm > 0 else w  # exactly on the circle


# ---------------------------------------------------------------------------- l1
def _l1_diamond_2d(loss: QuadraticLoss, t: float) -> np.ndarray:
    """Minimum of J0 on the diamond's boundary: each edge is a 1-D quadratic minimised in closed form."""
    H, g = loss.hessian, loss.linear
    h11, h12, h22, g1, g2 = float(H[0, 0]), float(H[0, 1]), float(H[1, 1]), float(g[0]), float(g[1])

    def j(w1: float, w2: float) -> float:
        return 0.5 * (h11 * w1 * w1 + 2 * h12 * w1 * w2 + h22 * w2 * w2) - g1 * w1 - g2 * w2

    best = None
    for s1 in (1.0, -1.0):
        for s2 in (1.0, -1.0):
            # edge from a = (s1 t, 0) to b = (0, s2 t): w(u) = a + u (b - a), u in [0, 1]
            a1, a2, d1, d2 = s1 * t, 0.0, -s1 * t, s2 * t
            curv = h11 * d1 * d1 + 2 * h12 * d1 * d2 + h22 * d2 * d2
            slope = (h11 * a1 + h12 * a2 - g1) * d1 + (h12 * a1 + h22 * a2 - g2) * d2
            u = min(max(-slope / curv, 0.0), 1.0) if curv > 0 else (0.0 if slope >= 0 else 1.0)
            w1, w2 = (a1, a2) if u == 0.0 else ((0.0, s2 * t) if u == 1.0 else (a1 + u * d1, u * d2))
            value = j(w1, w2)
            if best is None or value < best[0]:
                best = (value, w1, w2)
    return np.array([best[1], best[2]])


def _l1_from_path(loss: QuadraticLoss, t: float) -> np.ndarray:
    lambdas, weights = lasso_homotopy(loss.hessian, loss.linear, lam_stop=0.0)
    norms = np.abs(weights).sum(axis=1)  # non-decreasing as lam decreases
    if t >= norms[-1]:
        return weights[-1]  # a least-squares solution inside the diamond
    k = int(np.searchsorted(norms, t, side="right")) - 1
    k = min(max(k, 0), len(norms) - 2)
    span = norms[k + 1] - norms[k]
    theta = (t - norms[k]) / span if span > 0 else 0.0
    return weights[k] + theta * (weights[k + 1] - weights[k])


# ---------------------------------------------------------------------------- elastic net
def _least_penalty_ols_point_2d(loss: QuadraticLoss, r: float) -> np.ndarray:
    """Rank-1 2-D loss: the least-squares point (on the line w_ols + s v) of least EN penalty.

    The penalty is convex and piecewise quadratic in s: its minimum is at a kink (a coordinate
    is 0) or at the stationary point of one of the four sign pieces.
    """
    o = loss.ols_point
    v = loss.eigenvectors[:, 0]  # the flat direction (eigenvalues ascend)

    def pen(w: np.ndarray) -> float:
        return r * float(np.abs(w).sum()) + (1.0 - r) * float(w @ w)

    candidates = [(0.0, None)]
    for k in range(2):
        if v[k] != 0:
            candidates.append((-o[k] / v[k], k))
    for s1 in (1.0, -1.0):
        for s2 in (1.0, -1.0):
            st = -(r * (s1 * v[0] + s2 * v[1]) + 2 * (1 - r) * float(o @ v)) / (2 * (1 - r))
            p = o + st * v
            if p[0] * s1 >= 0 and p[1] * s2 >= 0:
                candidates.append((st, None))
    best, best_value = o.copy(), math.inf
    for st, zero in candidates:
        p = o + st * v
        if zero is not None:
            p[zero] = 0.0  # exactly on the axis
        value = pen(p)
        if value < best_value:
            best, best_value = p, value
    return best


def _elastic_net_region(loss: QuadraticLoss, t: float, r: float) -> np.ndarray:
    """Find mu with P(w_EN(mu)) = t; P is continuous and non-increasing in mu."""

    def pen(w: np.ndarray) -> float:
        if w.shape[0] == 2:  # plain floats: numpy's per-call cost dominates for two numbers
            a, b = float(w[0]), float(w[1])
            return r * (abs(a) + abs(b)) + (1.0 - r) * (a * a + b * b)
        return r * float(np.abs(w).sum()) + (1.0 - r) * float(w @ w)

    if loss.dim == 2 and loss.rank == 1:
        # The least-squares points form a line; if one of them fits the budget it is optimal.
        # Take the one nearest the minimum-norm point on the segment towards the least-penalty
        # point (it moves continuously with t).
        o, best = loss.ols_point, _least_penalty_ols_point_2d(loss, r)
        if pen(best) <= t:
            lo, hi = 0.0, 1.0  # the penalty is convex along the segment: > t at 0, <= t at 1
            for _ in range(80):  # never reaches the cap: 57 halvings of [0, 1] make hi - lo < 1e-17
                mid = 0.5 * (lo + hi)
                if pen(o + mid * (best - o)) > t:
                    lo = mid
                else:
                    hi = mid
                if hi - lo <= 1e-17:
                    break
            return o + hi * (best - o)

    H, g = loss.hessian, loss.linear
    two_d = loss.dim == 2
    if two_d:
        h11, h12, h22, g1, g2 = float(H[0, 0]), float(H[0, 1]), float(H[1, 1]), float(g[0]), float(g[1])

    def solve(mu: float) -> np.ndarray:
        if two_d:  # the closed-form 2-D lasso on H + 2 mu (1 - r) I, in plain floats
            shift = 2.0 * mu * (1.0 - r)
            if mu * r >= max(abs(g1), abs(g2)):
                return np.zeros(2)
            w = lasso_2d(h11 + shift, h12, h22 + shift, g1, g2, mu * r)
            if w is not None:
                return np.array(w)
        return penalized_optimum(loss, "elasticnet", mu, l1_ratio=r)

    def newton_step_2d(mu: float, w: np.ndarray, value: float) -> float:
        w1, w2 = float(w[0]), float(w[1])
        shift = 2.0 * mu * (1.0 - r)
        s1, s2 = math.copysign(1.0, w1), math.copysign(1.0, w2)
        q1, q2 = r * s1 + 2.0 * (1.0 - r) * w1, r * s2 + 2.0 * (1.0 - r) * w2
        if w1 != 0.0 and w2 != 0.0:
            a11, a22 = h11 + shift, h22 + shift
            det = a11 * a22 - h12 * h12
            if det <= 0:
                return math.nan
            d1, d2 = -(a22 * q1 - h12 * q2) / det, -(a11 * q2 - h12 * q1) / det
            slope = q1 * d1 + q2 * d2
        elif w1 != 0.0:
            slope = -q1 * q1 / (h11 + shift)
        elif w2 != 0.0:
            slope = -q2 * q2 / (h22 + shift)
        else:
            return math.nan
        return mu - value / slope if slope < 0 else math.nan

    def newton_step(mu: float, w: np.ndarray, value: float) -> float:
        """mu - value / (dP/dmu), from the active set at mu (nan if not usable)."""
        if two_d:
            return newton_step_2d(mu, w, value)
        active = np.flatnonzero(w)
        if not active.size:
            return math.nan
        s_a = np.sign(w[active])
        rhs = r * s_a + 2.0 * (1.0 - r) * w[active]
        shift = 2.0 * mu * (1.0 - r)
        try:
            dw = -np.linalg.solve(H[np.ix_(active, active)] + shift * np.eye(active.size), rhs)
        except np.linalg.LinAlgError:
            return math.nan
        slope = float(rhs @ dw)
        return mu - value / slope if slope < 0 else math.nan

    lo, hi = 0.0, max(float(np.max(np.abs(loss.linear))), 1e-300)
    # Finite: once hi * r >= ||g||_inf the optimum is exactly 0 (penalty 0 < t), which takes
    # at most log2(1 / r) + 1 doublings (0 < r < 1 here).
    while pen(solve(hi)) > t:
        lo, hi = hi, 2.0 * hi
    mu = 0.5 * (lo + hi)
    w = solve(mu)
    iterations = ELASTIC_NET_MAX_ITER
    for _ in range(iterations):
        value = pen(w) - t
        if value > 0:
            lo = mu
        else:
            hi = mu
        if abs(value) <= 1e-14 * t or hi - lo <= 1e-15 * hi:
            break
        # Newton step from the active set at mu: dw_A/dmu = -(H_AA + 2 mu (1-r) I)^-1 (r s_A + 2 (1-r) w_A)
        nxt = newton_step(mu, w, value)
        if not (lo < nxt < hi):
            nxt = 0.5 * (lo + hi)
        mu = nxt
        w = solve(mu)
    else:
        if not abs(pen(w) / t - 1.0) <= SIZE_RTOL_AT_CAP:
            _warn_not_converged(
                "the elastic-net multiplier search", iterations, f"penalty / t - 1 = {pen(w) / t - 1:.2e}"
            )
    # For small t the penalty is far more sensitive to mu than mu can be resolved; the direction
    # of w is not. Scale w exactly onto the boundary: (1 - r) q c^2 + a c = t.
    a, q = r * float(np.abs(w).sum()), float(w @ w)
    if a + q > 0:
        w = w * (2.0 * t / (a + math.sqrt(a * a + 4.0 * (1.0 - r) * q * t)))
    return w


# ---------------------------------------------------------------------------- lp in 2-D
def _angle_grid(count: int = 128):
    grid = np.linspace(0.0, 2.0 * np.pi, count + 1)[:-1]
    c, s = np.cos(grid), np.sin(grid)
    return count, grid, c, s, np.abs(c), np.abs(s)


#: Boundary angles for the p-ball search (a multiple of 4 points: the axis angles are on it).
_ANGLE_GRID = _angle_grid()


def _slope_root(slope, lo: float, hi: float) -> float | None:
    """Root of an increasing-through-zero slope in [lo, hi] (a minimum), by Illinois; None if none."""
    f_lo, f_hi = slope(lo), slope(hi)
    if not (f_lo < 0 < f_hi):
        return None
    side, mid = 0, lo
    iterations = ANGLE_MAX_ITER
    for _ in range(iterations):
        last, mid = mid, (lo * f_hi - hi * f_lo) / (f_hi - f_lo)  # secant inside the bracket
        if abs(mid - last) <= 1e-14 * (1.0 + abs(mid)):
            break
        f_mid = slope(mid)
        if f_mid > 0:
            hi, f_hi = mid, f_mid
            if side == -1:
                f_lo *= 0.5  # Illinois: keep the old end from stalling the secant
            side = -1
        elif f_mid < 0:
            lo, f_lo = mid, f_mid
            if side == 1:
                f_hi *= 0.5
            side = 1
        else:
            break
    else:
        _warn_not_converged("the lp-ball angle search", iterations, f"bracket [{lo!r}, {hi!r}]")
    return mid


def _lp_ball_2d(loss: QuadraticLoss, t: float, p: float) -> np.ndarray:
    """Global minimum of J0 on the boundary of the 2-D p-norm ball, over the boundary angle.

    ``w(theta) = t (cos, sin) / N(theta)`` with ``N = (|cos|^p + |sin|^p)^(1/p)``. A coarse grid
    finds the basins of ``f(theta) = J0(w(theta))``; in the best two, the root of the analytic
    derivative ``f'(theta) = grad J0(w) . dw/dtheta`` is found by a bracketed (Illinois) secant
    search in plain floats. The four corners on the axes, where f has kinks for p <= 1, are
    candidates of their own.
    """
    H, g = loss.hessian, loss.linear
    h11, h12, h22, g1, g2 = float(H[0, 0]), float(H[0, 1]), float(H[1, 1]), float(g[0]), float(g[1])

    def point(theta: float) -> tuple[float, float]:
        c, s = math.cos(theta), math.sin(theta)
        n = (abs(c) ** p + abs(s) ** p) ** (1.0 / p)
        return t * c / n, t * s / n

    def value(w1: float, w2: float) -> float:
        return 0.5 * (h11 * w1 * w1 + 2.0 * h12 * w1 * w2 + h22 * w2 * w2) - g1 * w1 - g2 * w2

    def slope(theta: float) -> float:
        c, s = math.cos(theta), math.sin(theta)
        ac, as_ = abs(c), abs(s)
        n = (ac**p + as_**p) ** (1.0 / p)
        # dN/dtheta = N^(1-p) (|s|^(p-1) sgn(s) c - |c|^(p-1) sgn(c) s)
        dn = n ** (1.0 - p) * (
            (as_ ** (p - 1) * math.copysign(1.0, s) * c if as_ > 0 else 0.0)
            - (ac ** (p - 1) * math.copysign(1.0, c) * s if ac > 0 else 0.0)
        )
        w1, w2 = t * c / n, t * s / n
        d1, d2 = t * (-s / n - c * dn / (n * n)), t * (c / n - s * dn / (n * n))
        return (h11 * w1 + h12 * w2 - g1) * d1 + (h12 * w1 + h22 * w2 - g2) * d2

    count, grid, c, s, abs_c, abs_s = _ANGLE_GRID
    scale = t / (abs_c**p + abs_s**p) ** (1.0 / p)
    x, y = c * scale, s * scale
    quarter = count // 4
    x[::quarter], y[::quarter] = (t, 0.0, -t, 0.0), (0.0, t, 0.0, -t)  # the corners, exactly
    vals = (0.5 * h11) * x * x + h12 * x * y + (0.5 * h22) * y * y - g1 * x - g2 * y
    candidates = [(float(vals[k]), float(x[k]), float(y[k])) for k in range(0, count, quarter)]
    ring = np.concatenate((vals[-1:], vals, vals[:1]))  # cyclic neighbours
    is_basin = (vals <= ring[:-2]) & (vals <= ring[2:])
    basins = np.flatnonzero(is_basin).tolist()
    step = 2.0 * np.pi / count
    brackets = []
    for k in sorted(basins, key=vals.__getitem__)[:2]:
        if k % quarter == 0:  # a corner: f' jumps there, so search each side separately
            brackets += [
                (float(grid[k]) - step, float(grid[k]) - 1e-12),
                (float(grid[k]) + 1e-12, float(grid[k]) + step),
            ]
        else:
            brackets.append((float(grid[k]) - step, float(grid[k]) + step))
    for lo, hi in brackets:
        theta = _slope_root(slope, lo, hi)
        if theta is not None:
            w1, w2 = point(theta)
            candidates.append((value(w1, w2), w1, w2))
    best = min(candidates)
    return np.array([best[1], best[2]])


# ---------------------------------------------------------------------------- lp, p < 1, 2-D: certified
def certified_lp_optimum(loss: QuadraticLoss, t: float, p: float) -> tuple[np.ndarray, float]:
    """Global minimiser of J0 over the 2-D p-norm ball ``|w1|^p + |w2|^p <= t^p``, 0 < p < 1, certified.

    The ball is not convex for p < 1, so J0 can have several local minima on its boundary; this
    search returns the global one, with a proof of how close it is. Each quarter of the boundary
    is parametrised by ``w(phi) = t (s1 cos(phi)^(2/p), s2 sin(phi)^(2/p))``, phi in [0, pi/2]:
    ``|w1|^p + |w2|^p = t^p`` exactly, and the samples crowd towards the axes, where the
    boundary turns sharply (it is tangent to the axis there). Outside the ball each quadrant is
    convex (``|w1|^p + |w2|^p`` is concave there), so the arc between two samples lies in the
    triangle of its chord and the tangents at its ends (or, if the tangents are too nearly
    parallel to intersect accurately, in the chord's box corner towards 0), and the exact
    minimum of the quadratic J0 over that triangle is a lower bound on J0 along the arc.
    Best-first branch and bound splits the arc of lowest bound until every bound is within the
    tolerance of the best sample; a bracketed secant search then polishes the best sample (kept
    only if it lowers J0). The four axis points are samples, exactly.

    Parameters
    ----------
    loss : QuadraticLoss of dimension 2
    t : float > 0
    p : float, 0 < p < 1
        Certified and tested for p in [0.3, 1); smaller p works the same way (the boundary's
        cusps get sharper and the search longer).

    Returns
    -------
    w : ndarray of shape (2,)
        On the boundary (``|w1|^p + |w2|^p = t^p`` up to rounding, the axis points exactly).
    gap : float >= 0
        Certified bound on ``J0(w) - min J0`` over the ball's boundary, at most
        ``LP_CERTIFIED_RTOL * (J0(0) - min J0)`` or a few units of rounding of J0's terms on
        the ball (``1e-14 * (||H|| t^2 + ||g|| t)``), whichever is larger, unless the search
        stopped at its cap (then it warns). When the unconstrained optimum lies outside the
        ball the minimum over the ball is on its boundary, so ``gap`` bounds the excess over
        the ball's minimum too.

    Raises
    ------
    ValueError
        A loss that is not a 2-D QuadraticLoss, t not a finite number > 0, or p not in (0, 1).

    Warns
    -----
    ConvergenceWarning
        If the search splits ``LP_BRANCH_MAX_ITER`` arcs without certifying the tolerance
        (``gap`` then says how far it got), or if the polishing secant search stops at its cap.

    Examples
    --------
    >>> loss = QuadraticLoss.from_ellipse([3.0, 0.2], [1.0, 0.8], 0.3)
    >>> w, gap = certified_lp_optimum(loss, 1.0, 0.5)
    >>> w.tolist(), gap < 1e-9
    ([1.0, 0.0], True)
    """
    check_loss(loss)
    if loss.dim != 2:
        raise ValueError(f"certified_lp_optimum needs a 2-D loss, got dimension {loss.dim}")
    t = check_size(t)
    if t == 0.0:
        raise ValueError("t must be a finite number > 0, got 0.0")
    p = check_p(p)
    if not p < 1.0:
        raise ValueError(f"p must be in (0, 1) (the non-convex balls), got {p!r}")
    return _lp_ball_nonconvex_2d(loss, t, p)


def _lp_ball_nonconvex_2d(loss: QuadraticLoss, t: float, p: float) -> tuple[np.ndarray, float]:
    """The search of :func:`certified_lp_optimum` (arguments checked by its callers)."""

    H, g = loss.hessian, loss.linear
    h11, h12, h22, g1, g2 = float(H[0, 0]), float(H[0, 1]), float(H[1, 1]), float(g[0]), float(g[1])
    e = 2.0 / p
    half_pi = 0.5 * math.pi
    full_rank = loss.rank == 2
    o1, o2 = (float(v) for v in loss.ols_point)
    v_min = -0.5 * (g1 * o1 + g2 * o2)  # min of J0 - c over the plane
    # Rounding of J0's terms on the ball: every lower bound is lowered by it, and the tolerance
    # is never below a few units of it.
    rounding = 1e-15 * (0.5 * (abs(h11) + 2.0 * abs(h12) + abs(h22)) * t * t + (abs(g1) + abs(g2)) * t)
    tol = max(LP_CERTIFIED_RTOL * max(-v_min, 0.0), 10.0 * rounding)

    def value(w1: float, w2: float) -> float:
        return 0.5 * (h11 * w1 * w1 + 2.0 * h12 * w1 * w2 + h22 * w2 * w2) - g1 * w1 - g2 * w2

    def cos_sin(phi: float) -> tuple[float, float]:
        """cos and sin of phi in [0, pi/2], each from the side where it is accurate; exact at the ends."""
        if phi <= 0.0:
            return 1.0, 0.0
        if phi >= half_pi:
            return 0.0, 1.0
        if phi <= 0.25 * math.pi:
            return math.cos(phi), math.sin(phi)
        return math.sin(half_pi - phi), math.cos(half_pi - phi)

    def point(q: tuple[float, float], phi: float) -> tuple[float, float]:
        c, s = cos_sin(phi)
        return q[0] * t * c**e, q[1] * t * s**e

    def tangent(q: tuple[float, float], phi: float) -> tuple[float, float]:
        """dw/dphi divided by t e sin cos (> 0 inside the quarter): finite at the axes too."""
        c, s = cos_sin(phi)
        return -q[0] * c ** (e - 2.0), q[1] * s ** (e - 2.0)

    def segment_min(a1: float, a2: float, b1: float, b2: float) -> float:
        d1, d2 = b1 - a1, b2 - a2
        curv = h11 * d1 * d1 + 2.0 * h12 * d1 * d2 + h22 * d2 * d2
        slope = (h11 * a1 + h12 * a2 - g1) * d1 + (h12 * a1 + h22 * a2 - g2) * d2
        if curv > 0:
            u = min(max(-slope / curv, 0.0), 1.0)
        else:
            u = 0.0 if slope >= 0 else 1.0
        return value(a1 + u * d1, a2 + u * d2)

    def triangle_min(a, b, c) -> float:
        """Exact minimum of J0 - c over the triangle abc (a convex quadratic: an edge, or the OLS point inside)."""
        best = min(segment_min(*a, *b), segment_min(*b, *c), segment_min(*c, *a))
        if full_rank:
            def side(u, v):
                return (v[0] - u[0]) * (o2 - u[1]) - (v[1] - u[1]) * (o1 - u[0])
            s_ab, s_bc, s_ca = side(a, b), side(b, c), side(c, a)
            if (s_ab >= 0 and s_bc >= 0 and s_ca >= 0) or (s_ab <= 0 and s_bc <= 0 and s_ca <= 0):
                best = min(best, v_min)
        return best

    def lower_bound(q, pa: float, a, pb: float, b) -> float:
        """Lower bound of J0 - c on the arc from a = w(pa) to b = w(pb)."""
        ta, tb = tangent(q, pa), tangent(q, pb)
        cross = ta[0] * tb[1] - ta[1] * tb[0]
        d1, d2 = b[0] - a[0], b[1] - a[1]
        # the box of a and b holds the arc (w1 and w2 are monotone along it); its corner towards
        # 0 with a and b spans a triangle that holds it too
        lo1, hi1 = sorted((a[0], b[0]))
        lo2, hi2 = sorted((a[1], b[1]))
        corner = (a[0] if abs(a[0]) <= abs(b[0]) else b[0], a[1] if abs(a[1]) <= abs(b[1]) else b[1])
        apex = corner
        scale = math.hypot(*ta) * math.hypot(*tb)
        if abs(cross) > 1e-9 * scale:
            alpha = (d1 * tb[1] - d2 * tb[0]) / cross
            c1, c2 = a[0] + alpha * ta[0], a[1] + alpha * ta[1]
            slack1, slack2 = 1e-12 * (hi1 - lo1), 1e-12 * (hi2 - lo2)
            if lo1 - slack1 <= c1 <= hi1 + slack1 and lo2 - slack2 <= c2 <= hi2 + slack2:
                apex = (c1, c2)
        return triangle_min(a, b, apex) - rounding

    quadrants = ((1.0, 1.0), (-1.0, 1.0), (-1.0, -1.0), (1.0, -1.0))
    best = (math.inf, 0.0, 0.0, quadrants[0], 0.0, half_pi)  # value, w1, w2, quadrant, phi, arc width
    heap: list = []
    for q in quadrants:
        phis = [half_pi * k / LP_INITIAL_ARCS for k in range(LP_INITIAL_ARCS + 1)]
        pts = [point(q, phi) for phi in phis]
        vals = [value(*w) for w in pts]
        for k in range(LP_INITIAL_ARCS + 1):
            if vals[k] < best[0]:
                best = (vals[k], pts[k][0], pts[k][1], q, phis[k], half_pi / LP_INITIAL_ARCS)
        for k in range(LP_INITIAL_ARCS):
            bound = lower_bound(q, phis[k], pts[k], phis[k + 1], pts[k + 1])
            heapq.heappush(heap, (bound, phis[k], phis[k + 1], q, pts[k], pts[k + 1]))
    certified = False
    for _ in range(LP_BRANCH_MAX_ITER):
        bound, pa, pb, q, a, b = heap[0]
        if bound >= best[0] - tol:
            certified = True
            break
        heapq.heappop(heap)
        pm = 0.5 * (pa + pb)
        m = point(q, pm)
        vm = value(*m)
        if vm < best[0]:
            best = (vm, m[0], m[1], q, pm, pb - pa)
        if pm <= pa or pm >= pb:  # the arc cannot be split in floats: its samples are all there is
            continue
        heapq.heappush(heap, (lower_bound(q, pa, a, pm, m), pa, pm, q, a, m))
        heapq.heappush(heap, (lower_bound(q, pm, m, pb, b), pm, pb, q, m, b))
    lowest = heap[0][0] if heap else best[0]
    if not certified and lowest < best[0] - tol:
        _warn_not_converged(
            "the certified lp-ball search", LP_BRANCH_MAX_ITER, f"J0 is certified to {best[0] - lowest:.2e}, tolerance {tol:.2e}"
        )

    # polish: the root of d/dphi J0(w(phi)) next to the best sample, if it lowers J0
    value_best, w1, w2, q, phi, width = best

    def slope(ph: float) -> float:
        c, s = cos_sin(ph)
        x1, x2 = q[0] * t * c**e, q[1] * t * s**e
        d1, d2 = -q[0] * t * e * c ** (e - 1.0) * s, q[1] * t * e * s ** (e - 1.0) * c
        return (h11 * x1 + h12 * x2 - g1) * d1 + (h12 * x1 + h22 * x2 - g2) * d2

    for lo, hi in ((max(0.0, phi - width), phi), (phi, min(half_pi, phi + width))):
        if hi > lo:
            root = _slope_root(slope, lo, hi)
            if root is not None:
                x1, x2 = point(q, root)
                v = value(x1, x2)
                if v < value_best:
                    value_best, w1, w2 = v, x1, x2
    gap = max(value_best - min(lowest, value_best), 0.0)
    return np.array([w1, w2]), gap


# ---------------------------------------------------------------------------- lp, p > 1, any d
def _lp_penalized(loss: QuadraticLoss, nu: float, p: float, w0: np.ndarray) -> np.ndarray:
    """argmin J0(w) + (nu / p) sum |w_i|^p for p > 1 (strictly convex): damped Newton from w0."""
    H, g = loss.hessian, loss.linear
    scale = max(float(np.max(np.abs(g))), 1e-300)

    def objective(w: np.ndarray) -> float:
        return 0.5 * float(w @ H @ w) - float(g @ w) + nu / p * float(np.sum(np.abs(w) ** p))

    w = w0.copy()
    iterations = LP_NEWTON_MAX_ITER
    for _ in range(iterations):
        a = np.abs(w)
        grad = H @ w - g + nu * a ** (p - 1) * np.sign(w)
        if float(np.max(np.abs(grad))) <= 1e-14 * scale:
            break
        curvature = nu * (p - 1) * np.where(a > 0, a, 1e-300) ** (p - 2)
        step = -np.linalg.solve(H + np.diag(np.minimum(curvature, 1e300)), grad)
        base, alpha = objective(w), 1.0
        # Armijo backtracking: at most 40 halvings before alpha <= 1e-12.
        while alpha > 1e-12 and objective(w + alpha * step) > base - 1e-4 * alpha * float(-grad @ step):
            alpha *= 0.5
        if alpha <= 1e-12:
            break  # no descent left at rounding level: w is as good as Newton can make it
        w = w + alpha * step
    return w


def _lp_ball_convex(loss: QuadraticLoss, t: float, p: float) -> np.ndarray:
    """Minimum of J0 over ||w||_p <= t for p > 1 (convex) in any dimension.

    Along the multiplier nu of the penalty (nu / p) ||w||_p^p the optimum's p-norm falls
    continuously; bisection on nu finds ||w(nu)||_p = t, then w is scaled exactly onto the
    boundary (its direction is resolved far better than its length).
    """

    def norm(w: np.ndarray) -> float:
        return region_size("lp", w, p=p)

    start = loss.ols_point + 1e-3 * t  # generic start: no coordinate exactly 0
    lo, hi = 0.0, max(float(np.max(np.abs(loss.linear))) / max(t, 1e-300) ** (p - 1), 1e-300)
    w = _lp_penalized(loss, hi, p, start)
    # (nu / p) ||w(nu)||_p^p <= J0(0) - J0(w(nu)) <= J0(0) - min J0, so the norm falls below t
    # once nu is large enough; doubling from a positive hi overflows after about 2100 steps.
    doublings = 0
    while norm(w) > t:
        if doublings == 2100:
            raise RuntimeError(f"the lp-ball multiplier search found no multiplier with ||w||_p <= t = {t:g}")
        lo, hi = hi, 2.0 * hi
        w = _lp_penalized(loss, hi, p, w)
        doublings += 1
    iterations = LP_BISECTION_MAX_ITER
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        w_mid = _lp_penalized(loss, mid, p, w)
        if norm(w_mid) > t:
            lo = mid
        else:
            hi, w = mid, w_mid
        if hi - lo <= 1e-13 * hi:
            break
    else:
        _warn_not_converged("the lp-ball multiplier bisection", iterations, f"bracket [{lo!r}, {hi!r}]")
    size = norm(w)
    w = w * (t / size) if size > 0 else w
    # KKT check (the Newton solves above stop at a cap or at rounding level, unchecked):
    # -grad J0(w) must point along the outward normal |w|^(p-1) sign(w) of the ball.
    normal = np.abs(w) ** (p - 1) * np.sign(w)
    minus_grad = -loss.gradient(w)
    lengths = float(np.linalg.norm(normal)) * float(np.linalg.norm(minus_grad))
    cosine = float(normal @ minus_grad) / lengths if lengths > 0 else 1.0
    if not cosine >= 1.0 - LP_KKT_ANGLE**2 / 2:
        warnings.warn(
            f"the lp-ball optimum fails its KKT check: the angle between -grad J0 and the ball's normal is "
            f"{math.acos(min(max(cosine, -1.0), 1.0)):.2e} rad, tolerance {LP_KKT_ANGLE:g} rad",
            ConvergenceWarning,
            stacklevel=3,
        )
    return w
