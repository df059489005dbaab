"""The norm-family panel's pure functions under Node: ``lab.normPanel`` computes what the server does.

``assets/norm_panel.js`` is loaded as in a page (with the math, the number format, ``stores.js``,
``lambda_control.js`` and ``weight_plane.js``; the configuration is the server's) and its pure
functions are held to their Python twins on the lab's sample states, a diabetes state, both
modes and many slider positions:

- ``lpBoundary(t, p, num)`` equals :func:`geometry.regions.region_boundary` ``("lp", ...)``
  point for point (and lies on ``|w1|^p + |w2|^p = t^p``);
- ``regionAt(scene, region, t, r, p, num)``: the outline equals the server's
  (``components.norm_panel._boundary``, :func:`geometry.regions.region_boundary`), the touch
  point of L1, L2 and the elastic net equals :func:`geometry.constrained_optimum` at the same t,
  and a p-norm touch point, where the script gives one, lies in the ball and is as good as the
  server's (:func:`geometry.constrained.certified_lp_optimum` for p < 1);
- ``labT(scene, view)`` equals the t of :func:`components.norm_panel.norm_model`.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from components import norm_panel as npn
from components.lambda_control import SLIDER_MAX, SLIDER_MIN
from geometry import constrained_optimum, elastic_net_budget, region_boundary, region_size
from geometry.constrained import certified_lp_optimum
from geometry.scene import loss_from_scene

from .lab_states import sample_states, store_scene
from .test_js_node import MATH_ASSETS, ROOT, configured_page

ASSETS = [
    *MATH_ASSETS,
    *(ROOT / "assets" / name for name in ("lab_format.js", "stores.js", "lambda_control.js", "weight_plane.js")),
    ROOT / "assets" / "norm_panel.js",
]


def _states() -> dict[str, dict]:
    states = dict(sample_states())
    base = states["default"]
    states["diabetes bmi, s5"] = dict(base, source="dataset", dataset={"name": "diabetes", "features": [2, 8]})
    states["diabetes s1, s2"] = dict(base, source="dataset", dataset={"name": "diabetes", "features": [4, 5]})
    return states


STATES = _states()
VIEWS = [
    {"slider": v, "mode": mode, "shown": ["l1", "l2", "en"], "l1_ratio": r}
    for mode in ("penalized", "constrained")
    for v in (SLIDER_MIN, -1.7, -0.6, math.log10(0.6), -0.05, 0.0, SLIDER_MAX)
    for r in (0.0, 0.5, 1.0)
]


@pytest.fixture(scope="module")
def page():
    yield from configured_page(ASSETS)



def test_lp_boundary_equals_region_boundary(page):
    cases = [[t, p, num] for t in (0.0, 0.013, 1.0, 2.5, 850.0) for p in (0.3, 0.5, 0.9, 1.0, 1.5, 2.0, 3.7, 4.0)
             for num in (8, 33, 161, 256)]  # fmt: skip
    got = page.execute_script(
        "return arguments[0].map(([t, p, n]) => window.lab.normPanel.lpBoundary(t, p, n));", cases
    )
    for (t, p, num), js in zip(cases, got):
        want = region_boundary("lp", t, p=p, num=num)
        assert len(js["x"]) == len(js["y"]) == want.shape[0], (t, p, num)
        np.testing.assert_allclose(js["x"], want[:, 0], rtol=1e-13, atol=1e-15 * max(t, 1.0), err_msg=str((t, p, num)))
        np.testing.assert_allclose(js["y"], want[:, 1], rtol=1e-13, atol=1e-15 * max(t, 1.0), err_msg=str((t, p, num)))
        # independent of the Python: closed, on the p-ball's boundary, and through the four axis points exactly
        x, y = np.array(js["x"]), np.array(js["y"])
        assert (x[0], y[0]) == (x[-1], y[-1]) == (t, 0.0)
        if t > 0:
            np.testing.assert_allclose((np.abs(x) ** p + np.abs(y) ** p) ** (1 / p), t, rtol=1e-12)
            for point in ((0.0, t), (-t, 0.0), (0.0, -t)):
                assert any(a == point[0] and b == point[1] for a, b in zip(js["x"], js["y"])), point


REGION_JS = """
const [scene, cases] = arguments;
return cases.map(([region, t, r, p, n]) => window.lab.normPanel.regionAt(scene, region, t, r, p, n));
"""


@pytest.mark.parametrize("name", list(STATES))
def test_region_at_equals_the_servers_outline_and_constrained_optimum(page, name):
    scene = store_scene(STATES[name])
    loss = loss_from_scene(scene)
    ols = np.array(scene["ols"], dtype=float)
    l1_ols = float(np.abs(ols).sum())
    cases = [
        [region, frac * l1_ols, r, p, npn.CURVE_POINTS]
        for region in ("l1", "l2", "elasticnet", "lp")
        for frac in (0.0, 0.004, 0.1, 0.37, 0.8, 1.3)
        for r in ((0.0, 0.35, 0.5, 1.0) if region == "elasticnet" else (0.5,))
        for p in ((0.3, 0.7, 1.0, 2.6) if region == "lp" else (2.0,))
    ]
    got = page.execute_script(REGION_JS, scene, cases)
    scale = max(1.0, float(np.max(np.abs(ols))))
    for (region, t, r, p, _num), js in zip(cases, got):
        where = f"{name}: {region}, t = {t}, r = {r}, p = {p}"
        outline = npn._boundary(region, t, r, p)
        assert len(js["region"]["x"]) == outline.shape[0], where
        np.testing.assert_allclose(js["region"]["x"], outline[:, 0], rtol=1e-12, atol=1e-14 * scale, err_msg=where)
        np.testing.assert_allclose(js["region"]["y"], outline[:, 1], rtol=1e-12, atol=1e-14 * scale, err_msg=where)
        if region == "lp":
            _check_lp_touch(loss, js["touch"], t, p, where)
            continue
        if region == "elasticnet":
            want = constrained_optimum(loss, "elasticnet", elastic_net_budget(t, l1_ratio=r), l1_ratio=r)
        else:
            want = constrained_optimum(loss, region, t)
        np.testing.assert_allclose(js["touch"], want, rtol=0, atol=1e-9 * scale, err_msg=where)


def _check_lp_touch(loss, touch, t: float, p: float, where: str) -> None:
    """A p-norm touch point from the script, if it gives one, is feasible and as good as the
    server's: the OLS point when it fits, the certified global optimum for p < 1, the convex
    problem's optimum for p >= 1 (compared by J0: for p < 1 the optimum need not be unique)."""
    if touch is None:  # the server's answer is drawn instead
        return
    w = np.array(touch, dtype=float)
    ols = loss.ols_point
    if region_size("lp", ols, p=p) <= t:
        best = ols
    elif p < 1 and t > 0:
        best, _gap = certified_lp_optimum(loss, t, p)
    else:
        best = constrained_optimum(loss, "lp", t, p=p)
    assert region_size("lp", w, p=p) <= t * (1 + 1e-9) + 1e-300, where
    excess = float(loss(best) - loss.min_value)
    assert float(loss(w) - loss.min_value) <= excess * (1 + 1e-7) + 1e-12 * max(1.0, abs(float(loss.min_value))), where


@pytest.mark.parametrize("name", list(STATES))
def test_lab_t_equals_the_servers_t(page, name):
    scene = store_scene(STATES[name])
    got = page.execute_script(
        "const [scene, views] = arguments; return views.map(v => window.lab.normPanel.labT(scene, v));", scene, VIEWS
    )
    scale = max(1.0, float(np.abs(np.array(scene["ols"])).sum()))
    for view, js in zip(VIEWS, got):
        want = npn.norm_model(scene, view, "l2", 2.0)["t"]
        assert js == pytest.approx(want, rel=1e-9, abs=1e-12 * scale), (name, view)
    # in constrained mode the slider is t itself: t = ‖w_OLS‖₁ · 10^s, a fact independent of both
    for view, js in zip(VIEWS, got):
        if view["mode"] == "constrained":
            assert js == pytest.approx(float(np.abs(np.array(scene["ols"])).sum()) * 10 ** view["slider"], rel=1e-12)
