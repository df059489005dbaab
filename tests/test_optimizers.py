"""geometry.optimizers: each rule's limit, its exact zeros (or their absence), divergence, bad arguments.

The references are independent of the rules: the OLS point (a linear solve), the ridge
optimum's closed form and the lasso optimum of the homotopy (geometry.solvers), checked by
their own KKT conditions here too.
"""

from __future__ import annotations

import numpy as np
import pytest

from components.problem import default_state
from components.stores import build_scene
from components.view import initial_view
from components.plane_traces import touches_for_view
from geometry import QuadraticLoss, penalized_optimum
from geometry.optimizers import (
    DEFAULT_STEPS,
    RULES,
    default_step,
    optimizer_path,
    sign_flips,
    soft_threshold,
    step_limit,
    update,
)
from geometry.scene import loss_from_scene
from components.optimizer_figure import DEFAULT_START


def _random_losses(count: int, seed: int = 5) -> list[QuadraticLoss]:
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        X = rng.normal(size=(30, 2)) @ np.array([[1.0, rng.uniform(-0.8, 0.8)], [0.0, rng.uniform(0.4, 1.5)]])
        y = X @ rng.normal(size=2) + rng.normal(scale=0.3, size=30)
        out.append(QuadraticLoss.from_data(X, y))
    return out


LOSSES = _random_losses(12)


@pytest.fixture(scope="module")
def default_problem():
    scene = build_scene(default_state())
    loss = loss_from_scene(scene)
    touch = touches_for_view(scene, initial_view())
    radius = scene["view"]["x"][1]
    return loss, touch, np.array(DEFAULT_START) * radius


def _lasso_kkt_holds(loss: QuadraticLoss, w: np.ndarray, lam: float, tol: float = 1e-9) -> bool:
    grad = loss.gradient(w)
    nonzero = w != 0
    ok_nonzero = np.allclose(grad[nonzero], -lam * np.sign(w[nonzero]), atol=tol)
    return bool(ok_nonzero and np.all(np.abs(grad[~nonzero]) <= lam + tol))


@pytest.mark.parametrize("k", range(len(LOSSES)))
def test_gd_converges_to_ols_below_two_over_l_and_diverges_above(k):
    loss = LOSSES[k]
    top = loss.eigenvalues[-1]
    ols = np.linalg.solve(loss.hessian, loss.linear)
    start = [2.0, -3.0]
    path = optimizer_path(loss, "none", start, eta=1.9 / top, lam=0.0, steps=4000)
    assert not path.diverges and not path.stopped
    np.testing.assert_allclose(path.end, ols, atol=1e-8)
    bad = optimizer_path(loss, "none", start, eta=2.05 / top, lam=0.0, steps=4000)
    assert bad.diverges and step_limit(loss, "none") == pytest.approx(2 / top)
    assert bad.stopped or np.linalg.norm(bad.end - ols) > 10 * np.linalg.norm(np.subtract(start, ols))


@pytest.mark.parametrize("k", range(len(LOSSES)))
def test_weight_decay_converges_to_ridge_and_never_hits_zero(k):
    loss = LOSSES[k]
    lam = 0.7 * float(np.max(np.abs(loss.linear)))
    ridge = np.linalg.solve(loss.hessian + 2 * lam * np.eye(2), loss.linear)  # closed form
    path = optimizer_path(loss, "l2", [1.5, -2.0], eta=default_step(loss, "l2", lam), lam=lam, steps=3000)
    np.testing.assert_allclose(path.end, ridge, atol=1e-9)
    assert not np.any(path.points == 0.0)
    # the weight-decay limit is 2/(L + 2λ): just above it the path diverges
    assert step_limit(loss, "l2", lam) == pytest.approx(2 / (loss.eigenvalues[-1] + 2 * lam))
    assert optimizer_path(loss, "l2", [1.5, -2.0], eta=1.02 * step_limit(loss, "l2", lam), lam=lam, steps=10).diverges


def test_default_data_proximal_ends_on_the_lasso_zeros_exactly(default_problem):
    loss, touch, start = default_problem
    lam = touch["l1"].lam
    lasso = penalized_optimum(loss, "l1", lam)
    assert np.count_nonzero(lasso == 0.0) == 1 and _lasso_kkt_holds(loss, lasso, lam)
    for rule in ("l1", "l1-clip"):
        path = optimizer_path(loss, rule, start, eta=default_step(loss, rule, lam), lam=lam, steps=DEFAULT_STEPS)
        assert np.array_equal(path.end == 0.0, lasso == 0.0), rule  # the zeros exactly, == 0.0
        assert np.max(np.abs(path.end - lasso)) <= 1e-9, rule
        assert np.max(np.abs(path.end - touch["l1"].w)) <= 1e-9, rule  # the plane's touch point


def test_default_data_sign_rule_chatters_and_never_reaches_zero(default_problem):
    loss, touch, start = default_problem
    lam = touch["l1"].lam
    path = optimizer_path(loss, "l1-subgradient", start, eta=default_step(loss, "l1", lam), lam=lam)
    zero = int(np.flatnonzero(touch["l1"].w == 0.0)[0])
    assert not np.any(path.points[:, zero] == 0.0)
    flips = sign_flips(path.points)
    assert flips[zero] >= DEFAULT_STEPS // 4  # it jumps across 0 again and again
    assert np.abs(path.end[zero]) > 0
    # ... and its tail stays within about ηλ of 0 (the chatter's size), not converging
    eta = default_step(loss, "l1", lam)
    assert np.max(np.abs(path.points[-50:, zero])) <= 2 * eta * lam


@pytest.mark.parametrize("k", range(len(LOSSES)))
@pytest.mark.parametrize("fraction", [0.15, 0.5, 0.9])
def test_proximal_and_clip_reach_the_lasso_with_exact_zeros_on_random_problems(k, fraction):
    loss = LOSSES[k]
    lam = fraction * float(np.max(np.abs(loss.linear)))
    lasso = penalized_optimum(loss, "l1", lam)
    assert _lasso_kkt_holds(loss, lasso, lam)
    grad = loss.gradient(lasso)
    for rule in ("l1", "l1-clip"):
        path = optimizer_path(loss, rule, [-1.0, 2.0], eta=default_step(loss, rule, lam), lam=lam, steps=5000)
        assert np.max(np.abs(path.end - lasso)) <= 1e-8, rule
        strict = (lasso == 0.0) & (np.abs(grad) < lam * (1 - 1e-6))
        assert np.all(path.end[strict] == 0.0), rule
        sub = optimizer_path(loss, "l1-subgradient", [-1.0, 2.0], eta=default_step(loss, rule, lam), lam=lam, steps=500)
        assert not np.any(sub.points[1:][:, strict] == 0.0)


def test_one_step_of_each_rule_by_hand():
    loss = QuadraticLoss(np.diag([2.0, 1.0]), [1.0, 0.1])
    w = np.array([0.5, 0.05])
    grad = np.array([0.0, -0.05])  # H w - g
    eta, lam = 0.25, 0.4
    assert np.allclose(update(loss, "none", w, eta=eta), w - eta * grad)
    assert np.allclose(update(loss, "l2", w, eta=eta, lam=lam), w * (1 - 2 * eta * lam) - eta * grad)
    assert np.allclose(update(loss, "l1-subgradient", w, eta=eta, lam=lam), [0.5 - 0.1, 0.05 + 0.0125 - 0.1])
    prox = update(loss, "l1", w, eta=eta, lam=lam)
    assert prox[0] == pytest.approx(0.4) and prox[1] == 0.0  # |0.0625| <= ηλ = 0.1
    clip = update(loss, "l1-clip", w, eta=eta, lam=lam)
    assert clip[0] == pytest.approx(0.4) and clip[1] == 0.0  # 0.05 → −0.0375 would cross 0
    # a weight at 0 stays while the loss's pull is at most λ, and moves like the proximal step beyond
    at0 = np.array([0.0, 0.0])
    assert np.array_equal(update(loss, "l1-clip", at0, eta=eta, lam=0.1), update(loss, "l1", at0, eta=eta, lam=0.1))
    assert update(loss, "l1-clip", at0, eta=eta, lam=0.1)[1] == 0.0


def test_soft_threshold_and_sign_flips():
    out = soft_threshold([2.0, -0.5, 0.5, -3.0], 0.5)
    assert out.tolist() == [1.5, 0.0, 0.0, -2.5] and not np.signbit(out[1])
    assert sign_flips([[1, 1], [-1, 0], [1, -1], [0, 2], [-1, 3]]).tolist() == [2, 1]


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda L: optimizer_path(L, "sgd", [0, 0], eta=0.1), "unknown rule"),
        (lambda L: optimizer_path(L, "l1", [0, 0], eta=0.0), "eta must be a finite number > 0"),
        (lambda L: optimizer_path(L, "l1", [0, 0], eta="x"), "eta must be a finite number > 0"),
        (lambda L: optimizer_path(L, "l1", [0, 0], eta=0.1, lam=-1), "lam must be a finite number >= 0"),
        (lambda L: optimizer_path(L, "l1", [0, 0, 0], eta=0.1), r"start must have shape \(2,\)"),
        (lambda L: optimizer_path(L, "l1", [0, np.nan], eta=0.1), "start contains NaN"),
        (lambda L: optimizer_path(L, "l1", [0, 0], eta=0.1, steps=2.5), "steps must be a whole number"),
        (lambda L: optimizer_path(QuadraticLoss(np.eye(3), [1, 1, 1]), "l1", [0, 0], eta=0.1), "weight plane"),
        (lambda L: update(L, "l1", [0, 0], eta=np.inf), "eta must be a finite number > 0"),
        (lambda L: soft_threshold([1.0], -1), "tau must be a finite number >= 0"),
        (lambda L: sign_flips([1, 2]), "points must be 2-dimensional"),
        (lambda L: default_step(L, "l3"), "unknown rule"),
    ],
)
def test_bad_arguments(call, match):
    with pytest.raises(ValueError, match=match):
        call(LOSSES[0])


def test_path_stops_when_it_blows_up_and_rules_are_listed():
    loss = LOSSES[1]
    path = optimizer_path(loss, "none", [1.0, 1.0], eta=10 * step_limit(loss, "none"), steps=5000)
    assert path.stopped and path.diverges and len(path.points) < 5001
    assert np.all(np.isfinite(path.points))
    assert set(RULES) == {"none", "l2", "l1-subgradient", "l1", "l1-clip"}
