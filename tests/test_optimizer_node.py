"""The optimizer panel's model under Node: ``assets/optimizer_model.js`` computes what Python does.

``lab.optimizerModel`` (loaded as in a page with the math, the number format, ``stores.js``,
``lambda_control.js`` and ``weight_plane.js``; the configuration is the server's) is held to
:mod:`geometry.optimizers` (every rule's path, step for step, to 1e-12, exact zeros at the same
steps), :mod:`geometry.kkt` and :mod:`components.optimizer_panel` (the model and the traces).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from components.lambda_control import SLIDER_MAX, SLIDER_MIN
from components.optimizer_figure import default_settings, optimizer_model, optimizer_traces
from components.optimizer_panel import strings_for
from components.problem import default_state, resample
from geometry.optimizers import RULES, default_step, optimizer_path
from geometry.scene import loss_from_scene

from .lab_states import store_scene
from .test_js_node import MATH_ASSETS, ROOT, configured_page

ASSETS = [
    *MATH_ASSETS,
    *(ROOT / "assets" / name for name in ("lab_format.js", "stores.js", "lambda_control.js", "weight_plane.js")),
    ROOT / "assets" / "optimizer_model.js",
    ROOT / "assets" / "optimizer_panel.js",
]


def _states() -> dict[str, dict]:
    base = default_state()
    gen = {"n": 20, "rho": 0.6, "true_w": [1.2, 0.35], "noise": 0.25, "seed": 7}
    out = {"default": base, "shape": dict(base, source="shape")}
    for basis, seed in (("x-x2", 3), ("x-x3", 11), ("correlated", 19)):
        out[f"{basis} seed {seed}"] = resample(dict(base, basis=basis), dict(gen, seed=seed, rho=-0.9))
    return out


STATES = _states()
VIEWS = [
    {"slider": v, "mode": mode, "shown": ["l1", "l2", "en"], "l1_ratio": 0.5}
    for mode in ("penalized", "constrained")
    for v in (SLIDER_MIN, -1.0, math.log10(0.6), 0.0, SLIDER_MAX)
]


@pytest.fixture(scope="module")
def page():
    yield from configured_page(ASSETS)



PATH_JS = """
const [scene, cases] = arguments, P = window.lab.optimizerModel;
return cases.map(([rule, start, eta, lam, steps]) => P.path(scene, rule, start, eta, lam, steps));
"""


@pytest.mark.parametrize("name", list(STATES))
def test_paths_equal_python_step_for_step(page, name):
    scene = store_scene(STATES[name])
    loss = loss_from_scene(scene)
    radius = scene["view"]["x"][1]
    rng = np.random.default_rng(3)
    cases = []
    for rule in RULES:
        for frac in (0.05, 0.6, 1.5):
            lam = frac * scene["lambda_max"]
            start = (rng.uniform(-1, 1, size=2) * radius).tolist()
            for eta in (default_step(loss, rule, lam), 0.5 * default_step(loss, rule, lam), 2.2 * default_step(loss, rule, lam)):
                cases.append([rule, start, eta, lam, 300])
    got = page.execute_script(PATH_JS, scene, cases)
    zeros = 0
    for (rule, start, eta, lam, steps), js in zip(cases, got):
        want = optimizer_path(loss, rule, start, eta=eta, lam=lam, steps=steps)
        pts = np.array(js["points"])
        assert js["stopped"] == want.stopped, (rule, eta, lam)
        assert pts.shape == want.points.shape, (rule, eta, lam)
        scale = np.maximum(1.0, np.abs(want.points))
        np.testing.assert_allclose(pts, want.points, rtol=0, atol=1e-12 * scale.max(), err_msg=f"{rule} {eta} {lam}")
        if not want.stopped and np.max(np.abs(want.points)) < 1e3:
            assert np.array_equal(pts == 0.0, want.points == 0.0), (rule, eta, lam)  # exact zeros at the same steps
            zeros += int(np.count_nonzero(pts == 0.0))
    assert zeros > 0 or name == "shape"


MODEL_JS = """
const [scene, views, settings] = arguments, P = window.lab.optimizerModel;
return views.map(view => { const m = P.model(scene, view, settings); return {model: m, traces: P.traces(m, settings.k)}; });
"""


@pytest.mark.parametrize("name", ["default", "x-x3 seed 11", "correlated seed 19"])
@pytest.mark.parametrize("k", [None, 7])
def test_model_and_traces_equal_the_server(page, name, k):
    scene = store_scene(STATES[name])
    settings = {**default_settings(), "kkt": True, "k": k}
    got = page.execute_script(MODEL_JS, scene, VIEWS, settings)
    for view, item in zip(VIEWS, got):
        js, want = item["model"], optimizer_model(scene, view, settings)
        where = f"{name} {view}"
        assert set(js["paths"]) == set(want["paths"]), where
        for rule, p in want["paths"].items():
            q = js["paths"][rule]
            assert q["lam"] == pytest.approx(p["lam"], rel=1e-9), where
            assert q["eta"] == pytest.approx(p["eta"], rel=1e-12), where
            np.testing.assert_allclose(q["points"], p["points"], atol=1e-9, err_msg=f"{where} {rule}")
            assert q["flips"] == p["flips"] and q["zero_from"] == p["zero_from"], f"{where} {rule}"
            assert q["diverges"] == p["diverges"] and q["ever_zero"] == p["ever_zero"], f"{where} {rule}"
            assert q["distance"] == pytest.approx(p["distance"], abs=1e-9), where
        assert [c["case"] for c in js["kkt"]] == [c["case"] for c in want["kkt"]], where
        for a, b in zip(js["kkt"], want["kkt"]):
            np.testing.assert_allclose(a["rays"] or np.zeros((0, 2)), b["rays"] or np.zeros((0, 2)), atol=1e-9)
            np.testing.assert_allclose(a["descent"], b["descent"], atol=1e-9)
        traces = optimizer_traces(want, k)
        for uid, data in traces.items():
            for axis in ("x", "y"):
                assert [v is None for v in item["traces"][uid][axis]] == [v is None for v in data[axis]], (where, uid)
                np.testing.assert_allclose(
                    np.array(item["traces"][uid][axis], dtype=float), np.array(data[axis], dtype=float), atol=1e-9,
                    err_msg=f"{where} {uid}",
                )  # fmt: skip


def test_default_page_proximal_end_is_exactly_the_touch_points_zero_and_text_counts_flips(page):
    scene = store_scene(STATES["default"])
    view = {"slider": math.log10(0.6), "mode": "penalized", "shown": ["l1", "l2"], "l1_ratio": 0.5}
    settings = {**default_settings(), "kkt": True}
    out = page.execute_script(
        """const [scene, view, settings, S] = arguments, P = window.lab.optimizerModel;
        const m = P.model(scene, view, settings);
        return {m: m, text: P.sentences(scene, m, settings, S), touch: window.lab.weightPlane.touches(scene, view).l1.w};""",
        scene, view, settings, strings_for("en"),
    )  # fmt: skip
    touch = out["touch"]
    assert touch[1] == 0.0
    for rule in ("l1", "l1-clip"):
        end = out["m"]["paths"][rule]["points"][-1]
        assert end[1] == 0.0 and abs(end[0] - touch[0]) <= 1e-9
    flips = out["m"]["paths"]["l1-subgradient"]["flips"][1]
    assert flips > 20
    assert f"{flips} sign flips of w₂" in out["text"]
    assert "never exactly 0" in out["text"] and "w₂ = 0 exactly from step" in out["text"]
    assert "a corner" in out["text"] and "smooth boundary" in out["text"]
