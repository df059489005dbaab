"""The browser's p-ball touch point (``labMath.lpForT``, assets/lab_math_lp.js) under Node.

Held to independent facts: the point lies on the ball's boundary; its J0 is never more than the
certified gaps above geometry's answer (``constrained_optimum(loss, "lp", t, p=p)``, itself
certified for p < 1 and a convex solve for p > 1) and never below it by more than geometry's gap;
its J0 is not above a dense search of the boundary (two parametrisations of its own) by more than
its own certified gap; the OLS point is returned when it fits the ball, 0 when t = 0.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from geometry import QuadraticLoss
from geometry.constrained import LP_CERTIFIED_RTOL, certified_lp_optimum, constrained_optimum
from geometry.regions import region_size
from geometry.scene import scene_bundle

from .math_cases import losses
from .test_js_node import MATH_ASSETS, NodePage, node_executable
from .test_lp_certified import axis_hugging_losses, dense_boundary_minimum, excess_scale

LP_JS = """
const [scene, items] = arguments;
return items.map(([t, p]) => window.labMath.lpForT(scene, t, p));
"""
PS = (0.3, 0.45, 0.7, 0.95, 1.0, 1.3, 2.0, 3.0, 4.0)
FRACTIONS = (0.05, 0.3, 0.7, 0.98)


@pytest.fixture(scope="module")
def node():
    page = NodePage(node_executable(), MATH_ASSETS)
    yield page
    page.close()


def _geometry(loss, t, p):
    """geometry's optimum and its certified gap (0 for the convex balls, solved to rounding)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if p < 1:
            return certified_lp_optimum(loss, t, p)
        return constrained_optimum(loss, "lp", t, p=p), 0.0


def _rounding(loss, t):
    """A unit of rounding of J0's terms on the ball of size t (the certified search's floor)."""
    H, g = np.abs(loss.hessian), np.abs(loss.linear)
    return 1e-15 * (0.5 * (H[0, 0] + 2 * H[0, 1] + H[1, 1]) * t * t + (g[0] + g[1]) * t)


def _check(loss, items, answers):
    scale = excess_scale(loss)
    for (t, p), got in zip(items, answers):
        w = np.array(got["w"])
        tol = max(LP_CERTIFIED_RTOL * scale, 10 * _rounding(loss, t))
        assert got["inside"] is False
        assert region_size("lp", w, p=p) == pytest.approx(t, rel=1e-11), (t, p, w)
        assert 0.0 <= got["gap"] <= tol, (t, p, got["gap"], tol)
        want, gap = _geometry(loss, t, p)
        slack = 4 * _rounding(loss, t)
        assert loss(w) <= loss(want) + gap + slack, (t, p, w, want)
        assert loss(want) <= loss(w) + got["gap"] + slack, (t, p, w, want)


@pytest.mark.parametrize("name", [n for n, loss in losses().items() if loss.rank == 2 and loss.ols_point.any()])
def test_lp_touch_point_equals_geometry_within_the_certified_gaps(node, name):
    loss = losses()[name]
    scene = scene_bundle(loss, with_path=False)
    items = [(f * region_size("lp", loss.ols_point, p=p), p) for p in PS for f in FRACTIONS]
    _check(loss, items, node.execute_script(LP_JS, scene, items))


@pytest.mark.parametrize("seed", range(3))
def test_axis_hugging_ill_conditioned_losses_at_p_03_reach_the_global_optimum(node, seed):
    p = 0.3
    for loss, fraction in axis_hugging_losses(100 + seed, 4):
        t = fraction * region_size("lp", loss.ols_point, p=p)
        got = node.execute_script(LP_JS, scene_bundle(loss, with_path=False), [[t, p]])[0]
        _check(loss, [(t, p)], [got])
        brute = dense_boundary_minimum(loss, t, p, num=200_000)
        assert loss(np.array(got["w"])) - brute <= got["gap"] + 1e-13 * excess_scale(loss)


def test_rank_one_losses_and_every_quadrant(node):
    # rank one: a line of OLS points; OLS points in each quadrant, p both sides of 1
    cases = [
        QuadraticLoss.from_data(np.c_[np.linspace(-1, 1, 9), np.linspace(-1, 1, 9)], np.linspace(-2, 2, 9)),
        *(QuadraticLoss.from_ellipse([sx * 1.3, sy * 0.6], [1.0, 0.2], 0.4) for sx in (1, -1) for sy in (1, -1)),
    ]
    for loss in cases:
        items = [(f * region_size("lp", loss.ols_point, p=p), p) for p in (0.3, 0.6, 1.5, 4.0) for f in (0.2, 0.8)]
        _check(loss, items, node.execute_script(LP_JS, scene_bundle(loss, with_path=False), items))


def test_the_ols_point_when_it_fits_and_zero_at_t_0(node):
    loss = QuadraticLoss.from_ellipse([0.4, -0.3], [1.0, 0.5], 0.2)
    scene = scene_bundle(loss, with_path=False)
    size = region_size("lp", loss.ols_point, p=0.5)
    inside, zero = node.execute_script(LP_JS, scene, [[1.01 * size, 0.5], [0.0, 0.5]])
    assert inside["inside"] is True and inside["gap"] == 0
    np.testing.assert_array_equal(inside["w"], scene["ols"])
    assert zero["w"] == [0, 0] and zero["inside"] is False


def test_the_outline_is_geometrys(node):
    from geometry.regions import region_boundary

    for p in (0.3, 1.0, 2.5):
        got = node.execute_script("return window.labMath.lpBoundary(...arguments);", 1.7, p, 121)
        want = region_boundary("lp", 1.7, p=p, num=121)
        np.testing.assert_allclose(np.c_[got["x"], got["y"]], want, rtol=0, atol=1e-14)
