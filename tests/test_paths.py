"""Regularization paths: exact lasso breakpoints, closed-form ridge, generic grids."""

import numpy as np
import pytest

from geometry import (
    QuadraticLoss,
    lambda_max,
    lasso_path_breakpoints,
    penalized_optimum,
    regularization_path,
    ridge_path,
)
from tests.conftest import correlated_data, degenerate_datasets, lasso_kkt_residual

sklearn = pytest.importorskip("sklearn.linear_model")


@pytest.mark.parametrize("d", [2, 3, 6, 10])
def test_breakpoints_are_exact_optima_and_interpolation_is_exact(rng, d):
    X, y = correlated_data(rng, 80, d, rho=0.7)
    loss = QuadraticLoss.from_data(X, y)
    path = lasso_path_breakpoints(loss)
    assert path.lambdas[0] == pytest.approx(lambda_max(loss), rel=1e-14)
    assert path.lambdas[-1] == 0.0
    assert np.all(np.diff(path.lambdas) < 0)
    assert np.all(path.weights[0] == 0)
    for lam, w in zip(path.lambdas, path.weights):
        assert lasso_kkt_residual(loss, w, lam) < 1e-10
    # In between breakpoints, interpolation is the exact optimum (checked by KKT and sklearn).
    for lam in rng.uniform(0, lambda_max(loss), size=15):
        w = path.at(lam)
        assert lasso_kkt_residual(loss, w, lam) < 1e-10
        ref = sklearn.Lasso(alpha=lam, tol=1e-14, max_iter=200_000).fit(X, y).coef_
        np.testing.assert_allclose(w, ref, atol=1e-7)


def test_path_interpolation_equals_direct_solves(rng):
    X, y = correlated_data(rng, 50, 2, rho=0.9)
    loss = QuadraticLoss.from_data(X, y)
    path = lasso_path_breakpoints(loss)
    for lam in np.linspace(0, 1.3 * lambda_max(loss), 41):
        np.testing.assert_allclose(path.at(lam), penalized_optimum(loss, "l1", lam), atol=1e-12)


def test_lasso_weights_hit_zero_one_by_one(rng):
    X, y = correlated_data(rng, 200, 6, rho=0.3, noise=0.1)
    loss = QuadraticLoss.from_data(X, y)
    path = lasso_path_breakpoints(loss)
    counts = path.active_counts
    assert counts[0] == 0 and counts[-1] >= 1
    # Each breakpoint changes the active set by a single coordinate in generic data.
    assert np.all(np.abs(np.diff(counts)) == 1)


def test_ridge_path_equals_linear_solves(rng):
    X, y = correlated_data(rng, 30, 3, rho=0.95)
    loss = QuadraticLoss.from_data(X, y)
    lams = np.array([0.0, 1e-4, 0.05, 2.0])
    W = ridge_path(loss, lams)
    assert W.shape == (4, 3)
    for lam, w in zip(lams, W):
        np.testing.assert_allclose(w, np.linalg.solve(loss.hessian + 2 * lam * np.eye(3), loss.linear), rtol=1e-10)


@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet"])
def test_regularization_path_rows_are_penalized_optima(rng, penalty):
    X, y = correlated_data(rng, 30, 3)
    loss = QuadraticLoss.from_data(X, y)
    lams = np.linspace(0, lambda_max(loss), 7)
    W = regularization_path(loss, penalty, lams, l1_ratio=0.3)
    assert W.shape == (7, 3)
    for lam, w in zip(lams, W):
        np.testing.assert_allclose(w, penalized_optimum(loss, penalty, lam, l1_ratio=0.3), atol=1e-12)


@pytest.mark.parametrize("name", list(degenerate_datasets(np.random.default_rng(5))))
def test_degenerate_paths(name):
    X, y = degenerate_datasets(np.random.default_rng(5))[name]
    loss = QuadraticLoss.from_data(X, y)
    path = lasso_path_breakpoints(loss)
    assert path.lambdas[-1] == 0.0
    for lam, w in zip(path.lambdas, path.weights):
        assert lasso_kkt_residual(loss, w, lam) < 1e-9
    assert np.all(np.isfinite(ridge_path(loss, [0.0, 1.0])))


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda loss: ridge_path(loss, [0.1, -1.0]), "lambdas must be finite numbers >= 0"),
        (lambda loss: ridge_path(loss, [[0.1]]), "lambdas must be 1-dimensional"),
        (lambda loss: regularization_path(loss, "l3", [0.1]), "unknown penalty 'l3'"),
        (lambda loss: regularization_path(loss, "l1", [np.nan]), "lambdas must be finite"),
        (lambda loss: lasso_path_breakpoints(loss).at(-1.0), "lam must be a finite number >= 0"),
        (lambda loss: lasso_path_breakpoints("loss"), "loss must be a QuadraticLoss"),
    ],
)
def test_paths_reject_bad_arguments(call, match):
    loss = QuadraticLoss(np.eye(2), [1.0, 0.5])
    with pytest.raises(ValueError, match=match):
        call(loss)


@pytest.mark.parametrize("d", [3, 6, 10])
def test_single_lambda_solver_equals_the_homotopy_in_higher_dimensions(rng, d):
    # penalized_optimum uses an active-set search for one lam; the path is the homotopy.
    X, y = correlated_data(rng, 120, d, rho=0.8)
    loss = QuadraticLoss.from_data(X, y)
    path = lasso_path_breakpoints(loss)
    for lam in np.linspace(0, lambda_max(loss), 23):
        np.testing.assert_allclose(penalized_optimum(loss, "l1", lam), path.at(lam), atol=1e-11)


@pytest.mark.parametrize("seed", range(8))
def test_a_path_that_starts_on_a_tie_stays_optimal(seed):
    """|g1| = |g2| = lambda_max: only the coordinates whose weights then move with their
    correlation's sign join (joining both would leave the lasso optimum)."""
    rng = np.random.default_rng(seed)
    R = np.linalg.qr(rng.normal(size=(2, 2)))[0]
    H = R @ np.diag([1.0, 10.0 ** rng.uniform(-3, 0)]) @ R.T
    g = rng.choice([-1.0, 1.0], size=2) * 10.0 ** rng.uniform(-2, 2)
    g[1] = g[0] * rng.choice([-1.0, 1.0])  # the tie
    loss = QuadraticLoss(0.5 * (H + H.T), g)
    path = lasso_path_breakpoints(loss)
    for lam in np.linspace(0.02, 0.98, 25) * lambda_max(loss):
        w = path.at(lam)
        assert lasso_kkt_residual(loss, w, lam) <= 1e-9, (lam, w)


def test_a_tie_where_joining_both_is_wrong():
    # H^-1 (1, 1) has a negative first entry: w1 would move against its correlation's sign
    loss = QuadraticLoss(np.array([[4.0, 1.9], [1.9, 1.0]]), np.array([1.0, 1.0]))
    path = lasso_path_breakpoints(loss)
    assert path.weights[1][0] == 0.0 and path.weights[1][1] > 0  # w2 alone on the first piece
    for lam in (0.9, 0.5, 0.2, 0.05):
        assert lasso_kkt_residual(loss, path.at(lam), lam) <= 1e-12
