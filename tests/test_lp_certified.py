"""The certified global search on the non-convex p-ball (p < 1) in 2-D, against dense brute force."""

import warnings

import numpy as np
import pytest

from geometry import QuadraticLoss
from geometry.constrained import LP_CERTIFIED_RTOL, _lp_ball_2d, certified_lp_optimum, constrained_optimum
from geometry.regions import region_size
from geometry.validation import ConvergenceWarning

PER_QUADRANT = 10**6


def dense_boundary_minimum(loss, t, p, num=PER_QUADRANT):
    """min J0 over num points per quarter of the boundary, evenly spaced in arc angle AND
    crowded at the axes (two parametrisations, independent of the search's)."""
    best = np.inf
    for which in ("angle", "power"):
        if which == "angle":  # the polar angle: w = t (cos, sin) / ||(cos, sin)||_p
            theta = np.linspace(0.0, np.pi / 2, num // 2)
            c, s = np.cos(theta), np.sin(theta)
            c[-1], s[0] = 0.0, 0.0
            n = (c**p + s**p) ** (1 / p)
            a, b = t * c / n, t * s / n
        else:  # w1 = t u, w2 = t (1 - u^p)^(1/p) with u crowded at both ends
            u = 0.5 - 0.5 * np.cos(np.linspace(0.0, np.pi, num // 2))
            a, b = t * u, t * np.clip(1.0 - u**p, 0.0, None) ** (1 / p)
        for s1 in (1.0, -1.0):
            for s2 in (1.0, -1.0):
                best = min(best, float(loss(np.c_[s1 * a, s2 * b]).min()))
    return best


def axis_hugging_losses(seed, count):
    """Ill-conditioned losses (cond 10 to 1e4) whose OLS point lies within ~9° of an axis."""
    rng = np.random.default_rng(seed)
    for _ in range(count):
        cond = 10 ** rng.uniform(1, 4)
        angle = rng.uniform(-0.15, 0.15) + rng.choice([0.0, np.pi / 2, np.pi, 1.5 * np.pi])
        centre = np.array([np.cos(angle), np.sin(angle)]) * rng.uniform(1.5, 4)
        loss = QuadraticLoss.from_ellipse(centre, [1.0, 1 / np.sqrt(cond)], rng.uniform(0, np.pi))
        yield loss, rng.uniform(0.2, 0.9)


def excess_scale(loss):
    return float(loss(np.zeros(2)) - loss.min_value)


@pytest.mark.parametrize("seed", range(4))
def test_p_03_is_within_tolerance_of_a_dense_search_and_never_worse(seed):
    p = 0.3
    for loss, fraction in axis_hugging_losses(seed, 4):
        t = fraction * region_size("lp", loss.ols_point, p=p)
        with warnings.catch_warnings():
            warnings.simplefilter("error", ConvergenceWarning)
            w = constrained_optimum(loss, "lp", t, p=p)
        brute = dense_boundary_minimum(loss, t, p)
        scale = excess_scale(loss)
        assert region_size("lp", w, p=p) == pytest.approx(t, rel=1e-12)
        # never worse than the dense search (up to the rounding of J0 itself) ...
        assert loss(w) <= brute + 1e-13 * scale
        # ... and the certified gap really bounds the distance: the dense search is an upper
        # bound on the minimum, so it can be at most `gap` below ours
        w2, gap = certified_lp_optimum(loss, t, p)
        np.testing.assert_array_equal(w, w2)
        assert 0 <= gap <= LP_CERTIFIED_RTOL * scale + 1e-12
        assert loss(w) - brute <= gap + 1e-13 * scale


def test_the_old_angle_grid_misses_cases_the_certified_search_finds():
    # the regression the issue reports: a coarse angle grid returns a local optimum, far above
    # the global one, when the global touch point hugs an axis
    p, misses = 0.3, 0
    for loss, fraction in axis_hugging_losses(5, 40):
        t = fraction * region_size("lp", loss.ols_point, p=p)
        w = constrained_optimum(loss, "lp", t, p=p)
        old = _lp_ball_2d(loss, t, p)
        excess = loss(w) - loss.min_value
        assert loss(w) <= loss(old) + 1e-13 * excess_scale(loss)
        misses += loss(old) - loss.min_value > 1.2 * excess  # J0's excess 20 % above the global one
    assert misses >= 3


def test_global_optimum_on_an_axis_is_exact():
    loss = QuadraticLoss.from_ellipse([0.05, 3.0], [1.0, 0.05], 0.02)
    w = constrained_optimum(loss, "lp", 1.0, p=0.3)
    assert w.tolist() == [0.0, 1.0]
    brute = dense_boundary_minimum(loss, 1.0, 0.3)
    assert loss(w) <= brute


@pytest.mark.parametrize("p", [0.3, 0.5, 0.8, 0.95])
def test_other_p_below_one_against_dense_search(rng, p):
    for _ in range(3):
        loss = QuadraticLoss.from_ellipse(rng.normal(size=2) * 2, rng.uniform(0.05, 3, size=2), rng.uniform(0, np.pi))
        t = rng.uniform(0.1, 0.9) * region_size("lp", loss.ols_point, p=p)
        w, gap = certified_lp_optimum(loss, t, p)
        brute = dense_boundary_minimum(loss, t, p, num=200_000)
        assert loss(w) <= brute + 1e-13 * excess_scale(loss)
        assert gap <= LP_CERTIFIED_RTOL * excess_scale(loss) + 1e-12


@pytest.mark.parametrize("p", [1.0, 1.5, 2.0, 3.0, 4.0])
def test_p_at_least_one_is_unchanged(rng, p):
    # p >= 1 does not go through the certified search: the convex balls keep their solvers
    for _ in range(4):
        loss = QuadraticLoss.from_ellipse(rng.normal(size=2) * 2, rng.uniform(0.2, 3, size=2), rng.uniform(0, np.pi))
        t = 0.5 * region_size("lp", loss.ols_point, p=p)
        w = constrained_optimum(loss, "lp", t, p=p)
        if p == 1.0:
            expected = constrained_optimum(loss, "l1", t)
        elif p == 2.0:
            expected = constrained_optimum(loss, "l2", t)
        else:
            expected = _lp_ball_2d(loss, t, p)
        np.testing.assert_array_equal(w, expected)


@pytest.mark.parametrize(
    ("t", "p", "dim", "match"),
    [
        (0.0, 0.5, 2, "t must be a finite number > 0"),
        (-1.0, 0.5, 2, "t must be a finite number >= 0"),
        (1.0, 1.0, 2, r"p must be in \(0, 1\)"),
        (1.0, -0.5, 2, "p must be a finite number > 0"),
        (1.0, 0.5, 3, "needs a 2-D loss"),
    ],
)
def test_certified_lp_optimum_rejects_bad_arguments(t, p, dim, match):
    loss = QuadraticLoss(np.eye(dim), np.ones(dim))
    with pytest.raises(ValueError, match=match):
        certified_lp_optimum(loss, t, p)
