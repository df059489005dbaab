"""Penalized optima: closed forms, KKT conditions, scikit-learn and brute force agree."""

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from geometry import QuadraticLoss, lambda_max, penalized_optimum
from tests.conftest import correlated_data, degenerate_datasets, lasso_kkt_residual

sklearn = pytest.importorskip("sklearn.linear_model")


def soft_threshold(z: float, lam: float) -> float:
    return float(np.sign(z) * max(abs(z) - lam, 0.0))


@pytest.mark.parametrize("lam", [0.0, 0.1, 0.7, 1.3, 5.0])
def test_one_dimensional_lasso_is_soft_thresholding(rng, lam):
    x = rng.normal(size=30)
    y = 1.2 * x + rng.normal(size=30)
    loss = QuadraticLoss.from_data(x[:, None], y)
    h, g = loss.hessian[0, 0], loss.linear[0]
    w = penalized_optimum(loss, "l1", lam)
    assert w.shape == (1,)
    assert w[0] == pytest.approx(soft_threshold(g, lam) / h, rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("d", [1, 2, 3, 7])
def test_ridge_is_the_regularised_linear_solve(rng, d):
    X, y = correlated_data(rng, 40, d, rho=0.8)
    loss = QuadraticLoss.from_data(X, y)
    for lam in (0.0, 0.01, 0.3, 4.0):
        w = penalized_optimum(loss, "l2", lam)
        expected = np.linalg.solve(loss.hessian + 2 * lam * np.eye(d), loss.linear)
        np.testing.assert_allclose(w, expected, rtol=1e-10, atol=1e-13)


@pytest.mark.parametrize("d,n", [(2, 30), (3, 50), (10, 200), (8, 6)])
@pytest.mark.parametrize("fraction", [0.001, 0.05, 0.3, 0.9])
def test_lasso_matches_sklearn_and_satisfies_kkt(rng, d, n, fraction):
    X, y = correlated_data(rng, n, d, rho=0.6)
    loss = QuadraticLoss.from_data(X, y)
    lam = fraction * lambda_max(loss)
    w = penalized_optimum(loss, "l1", lam)
    assert lasso_kkt_residual(loss, w, lam) < 1e-10
    ref = sklearn.Lasso(alpha=lam, tol=1e-14, max_iter=200_000).fit(X, y)
    np.testing.assert_allclose(w, ref.coef_, atol=1e-7 * max(1.0, np.abs(w).max()))
    assert loss.intercept(w) == pytest.approx(ref.intercept_, abs=1e-6)
    # the objective is never worse than sklearn's iterative answer
    objective = lambda v: loss(v) + lam * np.abs(v).sum()  # noqa: E731
    assert objective(w) <= objective(ref.coef_) + 1e-12 * max(1.0, abs(objective(w)))


@pytest.mark.parametrize("r", [0.0, 0.2, 0.5, 0.9, 1.0])
def test_elastic_net_matches_sklearn_and_kkt(rng, r):
    X, y = correlated_data(rng, 60, 4, rho=0.9)
    loss = QuadraticLoss.from_data(X, y)
    lam = 0.2 * lambda_max(loss)
    w = penalized_optimum(loss, "elasticnet", lam, l1_ratio=r)
    assert lasso_kkt_residual(loss, w, lam * r, l2=lam * (1 - r)) < 1e-10
    if 0 < r:
        ref = sklearn.ElasticNet(alpha=lam * (2 - r), l1_ratio=r / (2 - r), tol=1e-14, max_iter=200_000).fit(X, y)
        np.testing.assert_allclose(w, ref.coef_, atol=1e-7)
    else:
        np.testing.assert_allclose(w, penalized_optimum(loss, "l2", lam), rtol=1e-12)


def test_ridge_matches_sklearn_scaling(rng):
    X, y = correlated_data(rng, 50, 3)
    loss = QuadraticLoss.from_data(X, y)
    lam = 0.37
    ref = sklearn.Ridge(alpha=2 * len(y) * lam).fit(X, y)
    np.testing.assert_allclose(penalized_optimum(loss, "l2", lam), ref.coef_, rtol=1e-9)


def test_2d_lasso_beats_a_brute_force_grid(rng):
    for _ in range(20):
        loss = QuadraticLoss.from_ellipse(rng.normal(size=2) * 2, rng.uniform(0.2, 3, size=2), rng.uniform(0, np.pi))
        lam = rng.uniform(0, 1.2) * lambda_max(loss)
        w = penalized_optimum(loss, "l1", lam)
        F = lambda W: loss(W) + lam * np.abs(W).sum(-1)  # noqa: E731
        # A fine grid around the answer plus the axes (where L1 optima like to sit).
        span = 1.0 + np.abs(loss.ols_point).max()
        grid = np.linspace(-span, span, 401)
        W = np.stack(np.meshgrid(grid, grid), -1).reshape(-1, 2)
        axes = np.concatenate([np.c_[grid, 0 * grid], np.c_[0 * grid, grid]])
        best = min(F(W).min(), F(axes).min())
        assert F(w) <= best + 1e-12 * max(1.0, abs(best))


def test_lambda_max_is_where_the_lasso_becomes_exactly_zero(rng):
    X, y = correlated_data(rng, 40, 5)
    loss = QuadraticLoss.from_data(X, y)
    lm = lambda_max(loss)
    Xc, yc = X - X.mean(0), y - y.mean()
    assert lm == pytest.approx(np.abs(Xc.T @ yc).max() / len(y), rel=1e-12)
    for lam in (lm, lm * (1 + 1e-12), 2 * lm):
        w = penalized_optimum(loss, "l1", lam)
        assert np.all(w == 0.0)  # exactly, not 1e-17
    assert np.any(penalized_optimum(loss, "l1", lm * (1 - 1e-6)) != 0)


@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet"])
def test_norm_of_the_optimum_never_grows_with_lambda(rng, penalty):
    X, y = correlated_data(rng, 40, 4, rho=0.7)
    loss = QuadraticLoss.from_data(X, y)
    lams = np.linspace(0, 1.2 * lambda_max(loss), 60)
    norms = [np.abs(penalized_optimum(loss, penalty, lam)).sum() for lam in lams]
    assert np.all(np.diff(norms) <= 1e-12)


@pytest.mark.parametrize("name", list(degenerate_datasets(np.random.default_rng(3))))
@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet"])
def test_degenerate_data_gives_a_true_optimum(name, penalty):
    X, y = degenerate_datasets(np.random.default_rng(3))[name]
    loss = QuadraticLoss.from_data(X, y)
    lm = lambda_max(loss)
    for fraction in (0.0, 0.2, 0.8, 1.5):
        lam = fraction * lm
        w = penalized_optimum(loss, penalty, lam)
        assert np.all(np.isfinite(w))
        l1, l2 = {"l1": (lam, 0.0), "l2": (0.0, lam), "elasticnet": (lam / 2, lam / 2)}[penalty]
        assert lasso_kkt_residual(loss, w, l1, l2=l2) < 1e-9, (name, penalty, fraction)


def test_identical_columns_share_the_weight_evenly(rng):
    x = rng.normal(size=20)
    loss = QuadraticLoss.from_data(np.c_[x, x], 3 * x + rng.normal(size=20))
    for lam in (0.0, 0.3 * lambda_max(loss)):
        for penalty in ("l1", "l2"):
            w = penalized_optimum(loss, penalty, lam)
            assert w[0] == pytest.approx(w[1], rel=1e-10)  # the minimum-norm solution


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    d=st.integers(1, 6),
    log_cond=st.floats(0, 8),
    fraction=st.floats(0, 1.1),
)
@example(seed=1, d=2, log_cond=8.0, fraction=0.0)  # ill-conditioned 2-D: Cramer's rule alone misses by 1e-9
def test_random_problems_satisfy_kkt(seed, d, log_cond, fraction):
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    values = np.logspace(0, -log_cond, d)
    H = (Q * values) @ Q.T
    H = 0.5 * (H + H.T)
    loss = QuadraticLoss(H, H @ rng.normal(size=d))
    lam = fraction * lambda_max(loss)
    assert lasso_kkt_residual(loss, penalized_optimum(loss, "l1", lam), lam) < 1e-9
    r = 0.4
    w = penalized_optimum(loss, "elasticnet", lam, l1_ratio=r)
    assert lasso_kkt_residual(loss, w, lam * r, l2=lam * (1 - r)) < 1e-9


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        (("l1", -0.1), {}, "lam must be a finite number >= 0"),
        (("l1", np.nan), {}, "lam must be a finite number >= 0"),
        (("l1", np.inf), {}, "lam must be a finite number >= 0"),
        (("l1", "big"), {}, "lam must be a finite number >= 0"),
        (("lasso", 0.1), {}, "unknown penalty 'lasso'; valid penalties are 'l1', 'l2'"),
        (("elasticnet", 0.1), {"l1_ratio": 1.5}, r"l1_ratio must be a number in \[0, 1\]"),
        (("elasticnet", 0.1), {"l1_ratio": -0.1}, r"l1_ratio must be a number in \[0, 1\]"),
        (("group", 0.1), {}, "needs groups"),
    ],
)
def test_penalized_optimum_rejects_bad_arguments(args, kwargs, match):
    loss = QuadraticLoss(np.eye(2), [1.0, 0.5])
    with pytest.raises(ValueError, match=match):
        penalized_optimum(loss, *args, **kwargs)


def test_loss_must_be_a_quadratic_loss():
    with pytest.raises(ValueError, match="loss must be a QuadraticLoss"):
        penalized_optimum(np.eye(2), "l1", 0.1)
    with pytest.raises(ValueError, match="loss must be a QuadraticLoss"):
        lambda_max([1.0, 2.0])
