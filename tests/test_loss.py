"""QuadraticLoss: the data convention, evaluation, OLS point, intercept and validation."""

import numpy as np
import pytest

from geometry import QuadraticLoss
from tests.conftest import correlated_data, degenerate_datasets


def test_from_data_matches_the_definition(rng):
    X, y = correlated_data(rng, 40, 3)
    loss = QuadraticLoss.from_data(X, y)
    n = len(y)
    for _ in range(5):
        w = rng.normal(size=3)
        b = loss.intercept(w)
        direct = np.sum((y - X @ w - b) ** 2) / (2 * n)
        assert loss(w) == pytest.approx(direct, rel=1e-12)


def test_intercept_is_the_least_squares_intercept(rng):
    X, y = correlated_data(rng, 30, 2)
    loss = QuadraticLoss.from_data(X, y)
    w = rng.normal(size=2)
    # For fixed w the best b is the mean residual.
    assert loss.intercept(w) == pytest.approx(np.mean(y - X @ w), rel=1e-12, abs=1e-12)


def test_ols_point_agrees_with_lstsq_and_is_minimum_norm(rng):
    X, y = correlated_data(rng, 25, 4)
    loss = QuadraticLoss.from_data(X, y)
    Xc, yc = X - X.mean(0), y - y.mean()
    expected = np.linalg.lstsq(Xc, yc, rcond=None)[0]
    np.testing.assert_allclose(loss.ols_point, expected, rtol=1e-10, atol=1e-12)
    x = rng.normal(size=10)
    dup = QuadraticLoss.from_data(np.c_[x, x], 2 * x)
    np.testing.assert_allclose(dup.ols_point, [1.0, 1.0], rtol=1e-10)  # split evenly: minimum norm


def test_vectorised_evaluation_and_excess(rng):
    X, y = correlated_data(rng, 20, 2)
    loss = QuadraticLoss.from_data(X, y)
    W = rng.normal(size=(4, 5, 2))
    values = loss(W)
    assert values.shape == (4, 5)
    assert values[2, 3] == pytest.approx(loss(W[2, 3]), rel=1e-13)
    np.testing.assert_allclose(loss.excess(W), values - loss.min_value, rtol=1e-9, atol=1e-12)
    assert loss.excess(loss.ols_point) == pytest.approx(0.0, abs=1e-15)


def test_from_ellipse_puts_the_unit_level_on_the_ellipse():
    center, axes, angle = np.array([1.5, -0.5]), np.array([2.0, 0.5]), 0.7
    loss = QuadraticLoss.from_ellipse(center, axes, angle, min_value=0.25)
    np.testing.assert_allclose(loss.ols_point, center, rtol=1e-12)
    assert loss.min_value == pytest.approx(0.25, rel=1e-12)
    u = np.array([np.cos(angle), np.sin(angle)])
    v = np.array([-np.sin(angle), np.cos(angle)])
    for point in (center + 2.0 * u, center - 2.0 * u, center + 0.5 * v):
        assert loss(point) == pytest.approx(0.75, rel=1e-12)


@pytest.mark.parametrize("name", list(degenerate_datasets(np.random.default_rng(0))))
def test_degenerate_data_builds_a_loss(name):
    X, y = degenerate_datasets(np.random.default_rng(0))[name]
    loss = QuadraticLoss.from_data(X, y)
    assert np.all(np.isfinite(loss.ols_point))
    assert loss.min_value >= -1e-12 * max(1.0, loss.constant)
    # The OLS point is a minimiser: the gradient vanishes there.
    assert np.max(np.abs(loss.gradient(loss.ols_point))) <= 1e-8 * max(1.0, np.max(np.abs(loss.linear)))


@pytest.mark.parametrize(
    ("X", "y", "match"),
    [
        ([[1.0, np.nan]], [1.0], "X contains NaN"),
        ([[1.0, 2.0]], [np.inf], "y contains NaN or infinite"),
        ([[1.0, 2.0], [3.0, 4.0]], [1.0], "same number of rows"),
        (np.zeros((0, 2)), np.zeros(0), "at least one row"),
        ([1.0, 2.0], [1.0, 2.0], "X must be 2-dimensional"),
        ([["a", "b"]], [1.0], "X must be numeric"),
    ],
)
def test_from_data_rejects_bad_input(X, y, match):
    with pytest.raises(ValueError, match=match):
        QuadraticLoss.from_data(X, y)


@pytest.mark.parametrize(
    ("H", "g", "match"),
    [
        ([[1.0, 0.5], [0.0, 1.0]], [1.0, 1.0], "symmetric"),
        ([[1.0, 0.0], [0.0, -1.0]], [1.0, 1.0], "positive semi-definite"),
        ([[1.0, 0.0], [0.0, 0.0]], [1.0, 1.0], "range of hessian"),
        ([[1.0]], [1.0, 2.0], "shape"),
    ],
)
def test_constructor_rejects_bad_matrices(H, g, match):
    with pytest.raises(ValueError, match=match):
        QuadraticLoss(H, g)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"center": [0.0, 0.0], "axes": [1.0, -1.0], "angle": 0.0}, "axes"),
        ({"center": [0.0], "axes": [1.0, 1.0], "angle": 0.0}, "center"),
        ({"center": [0.0, 0.0], "axes": [1.0, 1.0], "angle": np.nan}, "angle"),
    ],
)
def test_from_ellipse_rejects_bad_geometry(kwargs, match):
    with pytest.raises(ValueError, match=match):
        QuadraticLoss.from_ellipse(**kwargs)


def test_evaluation_rejects_wrong_shapes():
    loss = QuadraticLoss(np.eye(2), [1.0, 1.0])
    with pytest.raises(ValueError, match=r"shape \(\.\.\., 2\)"):
        loss(np.zeros(3))
    with pytest.raises(ValueError, match=r"shape \(2,\)"):
        loss.intercept(np.zeros((2, 2)))
