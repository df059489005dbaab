"""The regularization paths against scikit-learn: lars_path, lasso_path, Ridge and ElasticNet.

The lab's conventions (README, components/glossary.py): J0(w) = 1/(2n)·‖y − Xw − b‖² with b
fitted, so scikit-learn gets the centred data where it fits no intercept.

- L1: ``lars_path(Xc, yc, method="lasso")`` returns ``alphas`` already divided by n, i.e. the
  lab's λ (‖Xcᵀ r‖∞ / n), and the coefficients at them: the same knots, to 1e-9;
- L1 between the knots: ``lasso_path`` (coordinate descent, to its tolerance);
- L2: λ‖w‖₂² is ``Ridge(alpha=2nλ)``;
- elastic net: λ(r‖w‖₁ + (1−r)‖w‖₂²) is ``ElasticNet(alpha=(2−r)λ, l1_ratio=r/(2−r))``.
"""

from __future__ import annotations

import numpy as np
import pytest

from components.path_model import lambda_range, lasso_curve, lasso_events, region_curve
from geometry import QuadraticLoss, lambda_max, lasso_path_breakpoints
from tests.conftest import correlated_data

linear_model = pytest.importorskip("sklearn.linear_model")


def _problems(d: int, count: int):
    """``count`` random problems with d features, some strongly correlated (weights then leave the path)."""
    for seed in range(count):
        rng = np.random.default_rng(1000 * d + seed)
        X, y = correlated_data(rng, int(rng.integers(max(8, d + 3), 60)), d, rho=float(rng.uniform(0.0, 0.9)))
        yield seed, X, y


def _centred(X, y):
    return X - X.mean(axis=0), y - y.mean()


@pytest.mark.parametrize("d", range(2, 11))
def test_lasso_knots_equal_lars_path(d):
    for seed, X, y in _problems(d, 25):
        path = lasso_path_breakpoints(QuadraticLoss.from_data(X, y))
        alphas, _, coefs = linear_model.lars_path(*_centred(X, y), method="lasso")
        where = f"d = {d}, seed {seed}"
        assert path.lambdas.shape == alphas.shape, where
        scale = max(1.0, float(np.abs(coefs).max()))
        np.testing.assert_allclose(path.lambdas, alphas, rtol=0, atol=1e-9 * alphas[0], err_msg=where)
        np.testing.assert_allclose(path.weights, coefs.T, rtol=0, atol=1e-9 * scale, err_msg=where)


def test_the_compared_problems_include_weights_that_leave():
    """Without a weight that leaves the active set, the lars_path comparison would miss the lasso's drop step."""
    leaves = 0
    for d in range(3, 11):
        for _, X, y in _problems(d, 25):
            events = lasso_events(lasso_path_breakpoints(QuadraticLoss.from_data(X, y)))
            leaves += sum(kind == "leaves" for _, _, kind in events)
    assert leaves >= 5


@pytest.mark.parametrize("d", [2, 3, 6, 10])
def test_lasso_curve_equals_lars_path_interpolated_and_lasso_path(d):
    for seed, X, y in list(_problems(d, 6)):
        loss = QuadraticLoss.from_data(X, y)
        lo, hi = lambda_range(lambda_max(loss))
        lams, W = lasso_curve(lasso_path_breakpoints(loss), lo, hi, num=41)
        alphas, _, coefs = linear_model.lars_path(*_centred(X, y), method="lasso")
        # lars_path's knots are exact and the lasso is linear between them: interpolate them
        inc = alphas[::-1]
        ref = np.column_stack([np.interp(lams, inc, coefs[j, ::-1]) for j in range(d)])
        scale = max(1.0, float(np.abs(coefs).max()))
        np.testing.assert_allclose(W, ref, rtol=0, atol=1e-9 * scale, err_msg=f"d = {d}, seed {seed}")
        # coordinate descent at many λ, to its tolerance
        pick = lams[:: max(1, len(lams) // 12)]
        _, cd, _ = linear_model.lasso_path(*_centred(X, y), alphas=pick[::-1], tol=1e-12, max_iter=200_000)
        np.testing.assert_allclose(W[:: max(1, len(lams) // 12)], cd[:, ::-1].T, rtol=0, atol=1e-7 * scale)


def test_lasso_curve_zeros_are_exactly_zero_between_knots(rng):
    X, y = correlated_data(rng, 50, 6, rho=0.6)
    loss = QuadraticLoss.from_data(X, y)
    path = lasso_path_breakpoints(loss)
    lo, hi = lambda_range(lambda_max(loss))
    lams, W = lasso_curve(path, lo, hi)
    alphas, _, coefs = linear_model.lars_path(*_centred(X, y), method="lasso")
    checked = 0
    for i in range(len(alphas) - 1):
        for j in np.flatnonzero((coefs[:, i] == 0) & (coefs[:, i + 1] == 0)):  # j is 0 on this piece
            inside = (lams < alphas[i]) & (lams > alphas[i + 1])
            assert np.all(W[inside, j] == 0.0)
            checked += int(inside.sum())
    assert checked > 20
    assert np.all(W[lams >= alphas[0]] == 0.0)  # above λ_max every weight is exactly 0


@pytest.mark.parametrize("d", [2, 5])
def test_ridge_curve_equals_sklearn_ridge(rng, d):
    X, y = correlated_data(rng, 30, d, rho=0.8)
    n = len(y)
    loss = QuadraticLoss.from_data(X, y)
    lams = np.geomspace(*lambda_range(lambda_max(loss)), 9)
    W = region_curve(loss, "l2", lams)
    for lam, w in zip(lams, W):
        ref = linear_model.Ridge(alpha=2 * n * lam).fit(X, y).coef_
        np.testing.assert_allclose(w, ref, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("r", [0.2, 0.5, 0.9])
@pytest.mark.parametrize("d", [2, 4])
def test_elastic_net_curve_equals_sklearn_elastic_net(rng, d, r):
    X, y = correlated_data(rng, 40, d, rho=0.7)
    loss = QuadraticLoss.from_data(X, y)
    lams = np.geomspace(*lambda_range(lambda_max(loss)), 9)
    W = region_curve(loss, "elasticnet", lams, l1_ratio=r)
    for lam, w in zip(lams, W):
        ref = linear_model.ElasticNet(alpha=(2 - r) * lam, l1_ratio=r / (2 - r), tol=1e-14, max_iter=1_000_000)
        coef = ref.fit(X, y).coef_
        np.testing.assert_allclose(w, coef, rtol=0, atol=1e-7 * max(1.0, float(np.abs(coef).max())))
        assert np.array_equal(w == 0, np.abs(coef) < 1e-12)  # the same exact zeros
