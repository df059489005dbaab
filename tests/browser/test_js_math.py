"""assets/lab_math.js in Chromium against the Python geometry package (exactness to 1e-9)."""

from __future__ import annotations

import numpy as np
import pytest

from geometry import QuadraticLoss, constrained_optimum, lambda_max, penalized_optimum, region_size
from geometry.scene import scene_bundle

from .conftest import wait_for

pytestmark = pytest.mark.browser

BATCH_JS = """
const [scene, lams, ts, r] = arguments;
const M = window.labMath;
return {
  lasso: lams.map(l => M.lassoAt(scene, l)),
  ridge: lams.map(l => M.ridgeAt(scene, l)),
  en: lams.map(l => M.elasticNetAt(scene, l, r)),
  l1t: ts.map(t => M.l1ForT(scene, t)),
  l2t: ts.map(t => M.l2ForT(scene, t)),
  ent: ts.map(t => M.elasticNetForT(scene, t, r)),
  contour: M.contourThrough(scene, M.lassoAt(scene, lams[1]), 61),
  diamond: M.diamond(ts[0]),
};
"""


def losses():
    rng = np.random.default_rng(11)
    x = np.linspace(-1, 1, 12)
    out = {
        "rotated ellipse": QuadraticLoss.from_ellipse([1.4, 0.5], [1.0, 0.3], 0.5),
        "ill-conditioned": QuadraticLoss.from_ellipse([0.8, -1.1], [1.0, 1e-3], 1.1),
        "data, correlated": QuadraticLoss.from_data(np.c_[x, 0.9 * x + 0.2 * np.sin(7 * x)], 2 * x + 0.1 * rng.normal(size=12)),
        "rank one (collinear columns)": QuadraticLoss.from_data(np.c_[x, x], 1.5 * x + 0.2 * np.cos(4 * x)),
    }
    for k in range(4):
        X = rng.normal(size=(20, 2)) @ rng.normal(size=(2, 2))
        out[f"random data {k}"] = QuadraticLoss.from_data(X, X @ rng.normal(size=2) + rng.normal(size=20))
    return out


@pytest.fixture(scope="module")
def page(app_server, driver):
    driver.get(app_server())
    wait_for(driver, "return !!(window.labMath && window.labMath.lassoAt)", timeout=60)
    return driver


def close(got, want, tol=1e-9):
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    return np.abs(got - want).max() <= tol * max(1.0, np.abs(want).max())


@pytest.mark.parametrize("name", list(losses()))
def test_js_optima_equal_python(page, name):
    loss = losses()[name]
    scene = scene_bundle(loss)
    lm = lambda_max(loss)
    lams = [0.0, 1e-6 * lm, 0.1 * lm, 0.5 * lm, 0.999 * lm, lm, 2 * lm]
    r = 0.3
    size1 = region_size("l1", loss.ols_point)
    ts = [0.0, 0.05 * size1, 0.4 * size1, 0.9 * size1, 1.5 * size1]
    out = page.execute_script(BATCH_JS, scene, lams, ts, r)
    for lam, l1, l2, en in zip(lams, out["lasso"], out["ridge"], out["en"]):
        assert close(l1, penalized_optimum(loss, "l1", lam)), (name, "l1", lam)
        assert close(l2, penalized_optimum(loss, "l2", lam)), (name, "l2", lam)
        assert close(en, penalized_optimum(loss, "elasticnet", lam, l1_ratio=r)), (name, "en", lam)
    assert out["lasso"][-1] == [0, 0] and out["lasso"][-2] == [0, 0]  # exactly zero from lambda_max on
    for t, a, b, c in zip(ts, out["l1t"], out["l2t"], out["ent"]):
        assert close(a["w"], constrained_optimum(loss, "l1", t)), (name, "l1 t", t)
        assert close(b["w"], constrained_optimum(loss, "l2", t)), (name, "l2 t", t)
        assert close(c["w"], constrained_optimum(loss, "elasticnet", t, l1_ratio=r), tol=1e-8), (name, "en t", t)


@pytest.mark.parametrize("name", ["rotated ellipse", "data, correlated", "rank one (collinear columns)"])
def test_js_contour_through_a_point_is_on_its_level(page, name):
    loss = losses()[name]
    scene = scene_bundle(loss)
    lm = lambda_max(loss)
    out = page.execute_script(BATCH_JS, scene, [0.0, 0.3 * lm], [1.0], 0.5)
    w = penalized_optimum(loss, "l1", 0.3 * lm)
    pts = np.array([(x, y) for x, y in zip(out["contour"]["x"], out["contour"]["y"]) if x is not None])
    assert len(pts) >= 2
    np.testing.assert_allclose(loss(pts), loss(w), rtol=1e-9, atol=1e-12)
    assert out["diamond"] == {"x": [1, 0, -1, 0, 1], "y": [0, 1, 0, -1, 0]}


def test_js_handles_a_flat_target(page):
    x = np.linspace(-1, 1, 8)
    loss = QuadraticLoss.from_data(np.c_[x, x**2], np.full(8, 3.0))  # y constant: lambda_max = 0
    out = page.execute_script(BATCH_JS, scene_bundle(loss), [0.0, 1.0], [0.0, 1.0], 0.5)
    assert out["lasso"] == [[0, 0], [0, 0]] and out["ridge"] == [[0, 0], [0, 0]]
