"""The group (L21) penalty: singleton groups are the lasso, KKT holds, whole groups vanish."""

import numpy as np
import pytest

from geometry import QuadraticLoss, lambda_max, penalized_optimum
from tests.conftest import correlated_data


def group_kkt(loss, w, lam, groups):
    grad = loss.gradient(w)
    worst = 0.0
    for label in set(groups):
        idx = [i for i, g in enumerate(groups) if g == label]
        norm = np.linalg.norm(w[idx])
        if norm == 0:
            worst = max(worst, np.linalg.norm(grad[idx]) - lam)
        else:
            worst = max(worst, np.linalg.norm(grad[idx] + lam * w[idx] / norm))
    return worst / max(np.abs(loss.linear).max(), lam)


def test_singleton_groups_give_the_lasso(rng):
    X, y = correlated_data(rng, 50, 4)
    loss = QuadraticLoss.from_data(X, y)
    for fraction in (0.05, 0.4):
        lam = fraction * lambda_max(loss)
        np.testing.assert_allclose(
            penalized_optimum(loss, "group", lam, groups=[0, 1, 2, 3]), penalized_optimum(loss, "l1", lam), atol=1e-10
        )


@pytest.mark.parametrize("groups", [["a", "a", "b", "b", "b"], [0, 1, 0, 1, 2], ["all"] * 5])
def test_group_optimum_satisfies_kkt(rng, groups):
    X, y = correlated_data(rng, 80, 5, rho=0.6)
    loss = QuadraticLoss.from_data(X, y)
    top = max(np.linalg.norm(loss.linear[[i for i, g in enumerate(groups) if g == k]]) for k in set(groups))
    for fraction in (0.02, 0.3, 0.8, 1.2):
        lam = fraction * top
        w = penalized_optimum(loss, "group", lam, groups=groups)
        assert group_kkt(loss, w, lam, groups) < 1e-10
        if fraction >= 1:
            assert np.all(w == 0)


def test_whole_groups_vanish_together(rng):
    X, y = correlated_data(rng, 100, 6, rho=0.2)
    y = X[:, :2] @ [2.0, -1.5] + 0.1 * rng.normal(size=100)  # only group "a" matters
    loss = QuadraticLoss.from_data(X, y)
    groups = ["a", "a", "b", "b", "c", "c"]
    w = penalized_optimum(loss, "group", 0.3, groups=groups)
    assert np.all(w[2:] == 0.0) and np.all(w[:2] != 0.0)


def test_group_beats_brute_force_in_2d(rng):
    loss = QuadraticLoss.from_ellipse([1.2, 0.7], [1.0, 0.4], 0.5)
    lam = 0.3
    w = penalized_optimum(loss, "group", lam, groups=[0, 0])
    grid = np.linspace(-2, 2, 801)
    W = np.stack(np.meshgrid(grid, grid), -1).reshape(-1, 2)
    F = loss(W) + lam * np.linalg.norm(W, axis=1)
    assert loss(w) + lam * np.linalg.norm(w) <= F.min() + 1e-12


@pytest.mark.parametrize(
    ("groups", "match"),
    [
        ([0, 1], "one label per weight: expected 3, got 2"),
        ([[0], [1], [2]], "hashable"),
        (5, "sequence of 3 group labels"),
    ],
)
def test_bad_groups_are_refused(groups, match):
    loss = QuadraticLoss(np.eye(3), np.ones(3))
    with pytest.raises(ValueError, match=match):
        penalized_optimum(loss, "group", 0.1, groups=groups)


def test_residual_feature_is_forward_selections_next_feature(rng):
    """Against an independent rule: add each candidate to the fit and keep the one whose fit leaves
    the smallest residual sum of squares (for one added column with an intercept, the same choice
    as the largest |corr(x_k, r)|)."""
    from sklearn.linear_model import LinearRegression

    from geometry.group import residual_feature

    X, y = correlated_data(rng, 60, 6, rho=0.5)
    y = y + 0.8 * X[:, 4]
    for chosen in ([0], [0, 1], [3, 1], [], [5, 2, 0]):
        def rss(cols):
            if not cols:
                return float(((y - y.mean()) ** 2).sum())
            fit = LinearRegression().fit(X[:, cols], y)
            return float(((y - fit.predict(X[:, cols])) ** 2).sum())

        rest = [k for k in range(6) if k not in chosen]
        want = rest[int(np.argmin([rss([*chosen, k]) for k in rest]))]
        assert residual_feature(X, y, chosen) == want


def test_residual_feature_skips_constant_columns_and_takes_the_lowest_index_on_a_tie():
    from geometry.group import residual_feature

    x = np.linspace(-1, 1, 9)
    X = np.c_[x, np.full(9, 3.0), x**2, x**2]
    assert residual_feature(X, 2 * x + x**2, [0]) == 2  # columns 2 and 3 tie; the constant column 1 is never chosen
    with pytest.raises(ValueError, match="no column left to choose"):
        residual_feature(X[:, :2], x, [0])


@pytest.mark.parametrize(
    ("X", "y", "chosen", "match"),
    [
        (np.ones(4), np.ones(4), [0], "X must"),
        (np.ones((4, 3)), np.ones(5), [0], "same number of rows, got 4 and 5"),
        (np.eye(4)[:, :3], np.arange(4.0), [0, 0], "distinct column indices in \\[0, 3\\)"),
        (np.eye(4)[:, :3], np.arange(4.0), [3], "distinct column indices"),
        (np.eye(4)[:, :3], np.arange(4.0), [1.5], "each chosen column must be a whole number >= 0"),
        (np.eye(4)[:, :3], np.arange(4.0), 7, "chosen must be a sequence of column indices"),
        (np.eye(4)[:, :3], np.array([0.0, 1.0, np.nan, 2.0]), [0], "y contains NaN or infinite"),
    ],
)
def test_residual_feature_refuses_bad_arguments(X, y, chosen, match):
    from geometry.group import residual_feature

    with pytest.raises(ValueError, match=match):
        residual_feature(X, y, chosen)
