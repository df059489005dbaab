"""Constrained optima: brute force on the boundary, KKT, and the λ <-> t link."""

import numpy as np
import pytest

from geometry import QuadraticLoss, lambda_max, penalized_optimum
from geometry.constrained import constrained_optimum
from geometry.regions import region_size
from geometry.touch import equivalent_lambda, touch_point
from tests.conftest import correlated_data, degenerate_datasets

CASES = [("l1", {}), ("l2", {}), ("elasticnet", {"l1_ratio": 0.4}), ("lp", {"p": 0.5}), ("lp", {"p": 3.0})]


def boundary_grid(region, t, kwargs, num=200_001):
    theta = np.linspace(0, 2 * np.pi, num)
    c, s = np.cos(theta), np.sin(theta)
    if region == "l1":
        scale = np.abs(c) + np.abs(s)
        return t * np.c_[c / scale, s / scale]
    if region == "l2":
        return t * np.c_[c, s]
    if region == "lp":
        p = kwargs["p"]
        scale = (np.abs(c) ** p + np.abs(s) ** p) ** (1 / p)
        return t * np.c_[c / scale, s / scale]
    r = kwargs["l1_ratio"]
    a = r * (np.abs(c) + np.abs(s))
    rho = 2 * t / (a + np.sqrt(a * a + 4 * (1 - r) * t))
    return np.c_[rho * c, rho * s]


@pytest.mark.parametrize(("region", "kwargs"), CASES)
def test_2d_optimum_beats_a_brute_force_search_of_the_boundary(rng, region, kwargs):
    for _ in range(8):
        loss = QuadraticLoss.from_ellipse(rng.normal(size=2) * 2, rng.uniform(0.2, 3, size=2), rng.uniform(0, np.pi))
        t = rng.uniform(0.05, 0.95) * region_size(region, loss.ols_point, **kwargs)
        w = constrained_optimum(loss, region, t, **kwargs)
        assert region_size(region, w, **kwargs) == pytest.approx(t, rel=1e-9)
        best = loss(boundary_grid(region, t, kwargs)).min()
        assert loss(w) <= best + 1e-9 * max(1.0, abs(best))
        assert loss(w) >= best - 1e-6 * max(1.0, abs(best))  # the grid is fine enough to be close


def test_p_half_finds_the_corner_when_it_is_best():
    # OLS far out on the w1 axis: for p < 1 the corner (t, 0) is the global optimum
    loss = QuadraticLoss.from_ellipse([3.0, 0.2], [1.0, 0.8], 0.3)
    w = constrained_optimum(loss, "lp", 1.0, p=0.5)
    assert w.tolist() == [1.0, 0.0]


@pytest.mark.parametrize(("region", "kwargs"), CASES)
def test_inside_point_is_returned_and_zero_budget_gives_zero(rng, region, kwargs):
    loss = QuadraticLoss.from_ellipse([0.5, -0.3], [1.0, 0.5], 1.0)
    size = region_size(region, loss.ols_point, **kwargs)
    np.testing.assert_array_equal(constrained_optimum(loss, region, 1.01 * size, **kwargs), loss.ols_point)
    assert constrained_optimum(loss, region, 0.0, **kwargs).tolist() == [0.0, 0.0]


@pytest.mark.parametrize("region", ["l1", "l2", "elasticnet"])
@pytest.mark.parametrize("d", [2, 5])
def test_constrained_at_t_of_lambda_is_the_penalized_optimum(rng, region, d):
    X, y = correlated_data(rng, 60, d, rho=0.7)
    loss = QuadraticLoss.from_data(X, y)
    for fraction in (0.05, 0.3, 0.7):
        lam = fraction * lambda_max(loss)
        w = penalized_optimum(loss, region, lam, l1_ratio=0.4)
        t = region_size(region, w, l1_ratio=0.4)
        np.testing.assert_allclose(constrained_optimum(loss, region, t, l1_ratio=0.4), w, atol=1e-9)
        # ... and the multiplier recovered from the constrained point is lam itself
        assert equivalent_lambda(loss, region, w, l1_ratio=0.4) == pytest.approx(lam, rel=1e-7)


def test_touch_point_links_the_two_modes(rng):
    X, y = correlated_data(rng, 40, 2, rho=0.8)
    loss = QuadraticLoss.from_data(X, y)
    lam = 0.2 * lambda_max(loss)
    penalized = touch_point(loss, "l1", lam=lam)
    constrained = touch_point(loss, "l1", t=penalized.t)
    np.testing.assert_allclose(constrained.w, penalized.w, atol=1e-12)
    assert constrained.lam == pytest.approx(lam, rel=1e-9)
    with pytest.raises(ValueError, match="exactly one of lam"):
        touch_point(loss, "l1", lam=0.1, t=0.1)


@pytest.mark.parametrize("name", list(degenerate_datasets(np.random.default_rng(8))))
def test_degenerate_data_does_not_raise(name):
    X, y = degenerate_datasets(np.random.default_rng(8))[name]
    loss = QuadraticLoss.from_data(X, y)
    for region in ("l1", "l2", "elasticnet"):
        size = region_size(region, loss.ols_point, l1_ratio=0.5)
        for t in (0.0, 0.5 * size, 2 * size + 1):
            w = constrained_optimum(loss, region, t)
            assert np.all(np.isfinite(w))
            assert region_size(region, w, l1_ratio=0.5) <= t * (1 + 1e-9) + 1e-12


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        (("l9", 1.0), {}, "unknown region 'l9'"),
        (("l1", -1.0), {}, "t must be a finite number >= 0"),
        (("l1", np.inf), {}, "t must be a finite number >= 0"),
        (("lp", 1.0), {"p": 0}, "p must be a finite number > 0"),
        (("elasticnet", 1.0), {"l1_ratio": 1.2}, r"l1_ratio must be a number in \[0, 1\]"),
    ],
)
def test_constrained_optimum_rejects_bad_arguments(args, kwargs, match):
    loss = QuadraticLoss.from_ellipse([1.0, 1.0], [1.0, 0.5], 0.2)
    with pytest.raises(ValueError, match=match):
        constrained_optimum(loss, *args, **kwargs)


def test_lp_below_one_in_more_than_two_dimensions_is_refused_clearly():
    loss = QuadraticLoss(np.eye(3), np.ones(3))
    with pytest.raises(ValueError, match="not convex, so its global optimum is only certified in 2-D"):
        constrained_optimum(loss, "lp", 0.5, p=0.5)
    # p = 1 and p = 2 are the l1 and l2 balls and work in any dimension
    np.testing.assert_allclose(constrained_optimum(loss, "lp", 0.5, p=2.0), constrained_optimum(loss, "l2", 0.5))


@pytest.mark.parametrize("p", [1.3, 1.5, 3.0, 6.0])
def test_convex_lp_ball_in_three_dimensions(rng, p):
    X, y = correlated_data(rng, 40, 3, rho=0.6)
    loss = QuadraticLoss.from_data(X, y)
    t = 0.5 * region_size("lp", loss.ols_point, p=p)
    w = constrained_optimum(loss, "lp", t, p=p)
    assert region_size("lp", w, p=p) == pytest.approx(t, rel=1e-12)
    # KKT: -grad J0 is a non-negative multiple of grad ||w||_p^p = p |w|^(p-1) sign(w)
    normal = np.abs(w) ** (p - 1) * np.sign(w)
    minus_grad = -loss.gradient(w)
    cosine = normal @ minus_grad / (np.linalg.norm(normal) * np.linalg.norm(minus_grad))
    assert cosine == pytest.approx(1.0, abs=1e-10)
    # brute force over the boundary (a fine grid of directions on the sphere)
    theta, phi = np.meshgrid(np.linspace(0, np.pi, 400), np.linspace(0, 2 * np.pi, 800))
    u = np.stack([np.sin(theta) * np.cos(phi), np.sin(theta) * np.sin(phi), np.cos(theta)], -1).reshape(-1, 3)
    boundary = t * u / (np.sum(np.abs(u) ** p, axis=1) ** (1 / p))[:, None]
    best = loss(boundary).min()
    assert loss(w) <= best + 1e-12 * max(1.0, abs(best))


def test_identical_columns_split_the_l1_budget_evenly(rng):
    # J0 is flat along w1 - w2: every split of the budget is optimal; the minimum-norm one is even
    x = rng.normal(size=20)
    loss = QuadraticLoss.from_data(np.c_[x, x], 2 * x + 0.1 * rng.normal(size=20))
    w = constrained_optimum(loss, "l1", 0.3 * np.abs(loss.ols_point).sum())
    assert w[0] == pytest.approx(w[1], rel=1e-12)


def test_rank_one_elastic_net_budget_is_met_by_a_least_squares_point():
    # x2 = -2 x1: the least-squares points form a line; the minimum-norm one may not have the
    # least elastic-net penalty, so a budget between the two is met by another LS point.
    x = np.linspace(-1, 1, 11)
    loss = QuadraticLoss.from_data(np.c_[x, -2 * x], 1.5 * x + 0.05 * np.cos(3 * x))
    r = 0.25
    size = region_size("elasticnet", loss.ols_point, l1_ratio=r)
    for fraction in (0.999999, 0.995):
        t = fraction * size
        w = constrained_optimum(loss, "elasticnet", t, l1_ratio=r)
        assert region_size("elasticnet", w, l1_ratio=r) <= t * (1 + 1e-12)
        assert loss(w) == pytest.approx(loss.min_value, abs=1e-12)  # still a least-squares point


def test_tiny_elastic_net_budget_lands_on_the_boundary():
    loss = QuadraticLoss.from_ellipse([1.5, 0.6], [1.0, 0.45], 0.5)
    size = region_size("elasticnet", loss.ols_point, l1_ratio=0.5)
    for t in (1e-12 * size, 1e-6 * size):
        w = constrained_optimum(loss, "elasticnet", t, l1_ratio=0.5)
        assert region_size("elasticnet", w, l1_ratio=0.5) == pytest.approx(t, rel=1e-12)


def test_ridge_ignores_rounding_along_flat_directions():
    x = np.linspace(-1, 1, 9)
    loss = QuadraticLoss.from_data(np.c_[x, x], 1.5 * x)
    for lam in (6e-16, 1e-12, 1e-8):
        w = penalized_optimum(loss, "l2", lam)
        assert w[0] == pytest.approx(w[1], rel=1e-12)
