"""The segment of lasso optima for duplicated features: checked by the objective itself."""

from __future__ import annotations

import numpy as np
import pytest

from geometry import QuadraticLoss, constrained_optimum, l1_solution_segment, lambda_max, penalized_optimum
from geometry.basis import design_matrix, synthetic_data


def _duplicated_loss(seed: int, sign: float = 1.0) -> QuadraticLoss:
    x, y = synthetic_data(n=25, basis="duplicated", rho=0.0, true_w=[0.9, 0.4], noise=0.3, seed=seed)
    X = design_matrix("duplicated", x)
    X[:, 1] *= sign
    return QuadraticLoss.from_data(X, y)


def _objective(loss, lam, w):
    return float(loss(w)) + lam * float(np.abs(w).sum())


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("sign", [1.0, -1.0])
@pytest.mark.parametrize("fraction", [0.05, 0.3, 0.8])
def test_every_point_of_the_segment_is_optimal_and_nothing_beyond(seed, sign, fraction):
    loss = _duplicated_loss(seed, sign)
    lam = fraction * lambda_max(loss)
    w = penalized_optimum(loss, "l1", lam)
    ends = l1_solution_segment(loss, w)
    assert ends is not None
    best = _objective(loss, lam, w)
    # the ends lie on the axes, and the optimum found lies between them
    assert ends[0][1] == 0.0 and ends[1][0] == 0.0
    assert np.isclose(np.abs(ends[0]).sum(), np.abs(w).sum())
    for s in np.linspace(0.0, 1.0, 11):
        v = (1 - s) * ends[0] + s * ends[1]
        assert _objective(loss, lam, v) == pytest.approx(best, rel=1e-12, abs=1e-14)
    # one step past either end (off the diamond's edge, into the next quadrant) is worse
    step = 1e-3 * (ends[1] - ends[0])
    assert _objective(loss, lam, ends[0] - step) > best + 1e-9
    assert _objective(loss, lam, ends[1] + step) > best + 1e-9


def test_constrained_optimum_of_duplicated_features_has_a_segment_too():
    loss = _duplicated_loss(3)
    t = 0.5 * float(np.abs(loss.ols_point).sum())
    w = constrained_optimum(loss, "l1", t)
    ends = l1_solution_segment(loss, w)
    assert ends is not None
    values = [float(loss((1 - s) * ends[0] + s * ends[1])) for s in np.linspace(0, 1, 7)]
    assert np.ptp(values) <= 1e-12 * max(1.0, abs(values[0]))
    assert np.allclose(np.abs(ends).sum(axis=1), t)


def test_unique_optima_have_no_segment():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(30, 2))
    full = QuadraticLoss.from_data(X, X @ [1.0, -0.5] + 0.1 * rng.normal(size=30))
    assert l1_solution_segment(full, penalized_optimum(full, "l1", 0.05)) is None
    # rank one, but the flat direction is not parallel to an edge (features 1 and 2·feature 1)
    X1 = np.c_[X[:, 0], 2 * X[:, 0]]
    flat = QuadraticLoss.from_data(X1, X[:, 0])
    assert flat.rank == 1
    assert l1_solution_segment(flat, penalized_optimum(flat, "l1", 0.05)) is None
    # λ >= λ_max: the origin alone
    dup = _duplicated_loss(0)
    assert l1_solution_segment(dup, np.zeros(2)) is None


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"w": [1.0, 2.0, 3.0]}, "shape"),
        ({"w": [np.nan, 0.0]}, "NaN"),
        ({"w": [1.0, 0.0], "atol": 0.0}, "atol"),
    ],
)
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        l1_solution_segment(_duplicated_loss(0), **kwargs)


def test_three_weights_are_refused():
    loss = QuadraticLoss(np.eye(3), np.ones(3))
    with pytest.raises(ValueError, match="two weights"):
        l1_solution_segment(loss, np.zeros(3))
