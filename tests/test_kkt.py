"""geometry.kkt: at every touch point −∇J0 lies in the region's normal cone (an independent optimality check).

The touch points come from the solvers (lasso homotopy, ridge closed form, elastic net); the
check here does not use them: it asks whether −∇J0 is a nonnegative combination of the
boundary's normals, and, as a second independent check, whether nudging w along the boundary
never lowers J0 + λP.
"""

from __future__ import annotations

import numpy as np
import pytest

from geometry import QuadraticLoss, penalized_optimum
from geometry.kkt import in_cone, kkt_picture, normal_rays
from geometry.touch import penalty_value


def _loss(seed: int) -> QuadraticLoss:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(40, 2)) @ np.array([[1.0, rng.uniform(-0.9, 0.9)], [0.0, rng.uniform(0.3, 1.3)]])
    return QuadraticLoss.from_data(X, X @ rng.normal(size=2) + rng.normal(scale=0.2, size=40))


CASES = [(seed, frac) for seed in range(10) for frac in (0.05, 0.3, 0.6, 0.95)]


def _objective_is_locally_minimal(loss, region, w, lam, r):
    rng = np.random.default_rng(0)
    f = loss(w) + lam * penalty_value(region, w, l1_ratio=r)
    for _ in range(200):
        v = w + 1e-4 * rng.normal(size=2)
        if loss(v) + lam * penalty_value(region, v, l1_ratio=r) < f - 1e-12:
            return False
    return True


@pytest.mark.parametrize(("seed", "frac"), CASES)
@pytest.mark.parametrize("region", ["l1", "l2", "elasticnet"])
def test_descent_lies_in_the_normal_cone_at_the_optimum(seed, frac, region):
    loss = _loss(seed)
    lam = frac * float(np.max(np.abs(loss.linear)))
    r = 0.5
    w = penalized_optimum(loss, region, lam, l1_ratio=r)
    pic = kkt_picture(loss, region, w, lam, l1_ratio=r)
    assert np.allclose(pic.descent, loss.linear - loss.hessian @ w)
    assert _objective_is_locally_minimal(loss, region, w, lam, r)
    if pic.case == "origin":
        assert np.max(np.abs(pic.descent)) <= pic.box * (1 + 1e-9)
        return
    assert pic.case == ("corner" if region != "l2" and np.any(w == 0) else "smooth")
    assert in_cone(pic.descent, pic.rays, rtol=1e-7)
    # and not in the cone of a wrong point: the mirrored w's normals (smooth) reject it
    if pic.case == "smooth":
        assert not in_cone(pic.descent, -pic.rays, rtol=1e-7)


def test_corner_and_edge_cases_by_hand():
    # H = I, g = (1, 0.25), λ = 0.5: the lasso is (0.5, 0), a corner; −∇J0 = (0.5, 0.25)
    loss = QuadraticLoss(np.eye(2), [1.0, 0.25])
    w = penalized_optimum(loss, "l1", 0.5)
    assert w.tolist() == [0.5, 0.0]
    pic = kkt_picture(loss, "l1", w, 0.5)
    assert pic.case == "corner"
    np.testing.assert_allclose(sorted(map(tuple, pic.rays)), sorted([(1 / np.sqrt(2), 1 / np.sqrt(2)), (1 / np.sqrt(2), -1 / np.sqrt(2))]))
    assert in_cone(pic.descent, pic.rays)
    assert not in_cone([0.2, 0.5], pic.rays)  # outside the wedge: steeper than 45°
    # λ = 0.1: both weights nonzero, an edge; −∇J0 = λ (1, 1)
    w = penalized_optimum(loss, "l1", 0.1)
    pic = kkt_picture(loss, "l1", w, 0.1)
    assert pic.case == "smooth" and np.allclose(pic.descent, [0.1, 0.1])
    # λ ≥ λ_max: the origin, −∇J0 = g in the box λ[−1, 1]²
    pic = kkt_picture(loss, "l1", [0.0, 0.0], 1.0)
    assert pic.case == "origin" and pic.box == 1.0 and pic.rays.shape == (0, 2)
    # λ = 0 at the OLS point: interior
    assert kkt_picture(loss, "l2", [1.0, 0.25], 0.0).case == "interior"


def test_elastic_net_corner_rays_include_the_ridge_part():
    case, rays = normal_rays("elasticnet", [0.0, 2.0], l1_ratio=0.5)
    assert case == "corner"
    expected = np.array([[0.5, 0.5 + 2.0], [-0.5, 0.5 + 2.0]])
    np.testing.assert_allclose(rays, expected / np.linalg.norm(expected, axis=1, keepdims=True))
    case, rays = normal_rays("elasticnet", [0.0, 2.0], l1_ratio=0.0)
    assert case == "smooth"


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda L: kkt_picture(L, "l3", [1, 0], 0.1), "unknown region"),
        (lambda L: kkt_picture(L, "l1", [1, 0, 0], 0.1), r"w must have shape \(2,\)"),
        (lambda L: kkt_picture(L, "l1", [1, 0], -0.1), "lam must be a finite number >= 0"),
        (lambda L: kkt_picture(L, "elasticnet", [1, 0], 0.1, l1_ratio=2), r"l1_ratio must be a number in \[0, 1\]"),
        (lambda L: normal_rays("l1", [0, 0]), "must not be the origin"),
        (lambda L: in_cone([1, 0], [[1, 0, 0]]), "rays"),
    ],
)
def test_bad_arguments(call, match):
    with pytest.raises(ValueError, match=match):
        call(_loss(0))
