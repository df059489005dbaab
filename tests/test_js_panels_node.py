"""The panels' scripts under Node: the browser computes and writes what the server does.

``assets/weight_plane.js`` and ``assets/lambda_control.js`` are loaded as in a page (with the
math, the number format and ``assets/stores.js``; the configuration is the server's
:func:`components.client_config.client_config`), and held to their Python twins: the touch
points of a view (:func:`components.plane_traces.touches_for_view`), a touch point's hover text
(:func:`components.plane_traces.touch_hover`, string for string, in English and in 中文) and the
slider's mapping (:func:`components.lambda_control.slider_to_value`); and ``lab.text`` fills in a
string of the page's language as :func:`components.i18n.text` does.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from components.client_config import SCRIPT_STRINGS, client_config
from components.i18n import LANGS, text
from components.lambda_control import SLIDER_MAX, SLIDER_MIN, slider_to_value
from components.plane_traces import lp_hover, lp_touch, touch_hover, touches_for_view
from components.plot_style import region_name
from geometry.regions import region_size
from geometry.scene import loss_from_scene

from .lab_states import sample_states as _states
from .lab_states import store_scene
from .test_js_node import CONFIGURE_JS, MATH_ASSETS, ROOT, configured_page

PANEL_ASSETS = [
    *MATH_ASSETS,
    *(ROOT / "assets" / name for name in ("lab_format.js", "stores.js", "lambda_control.js", "weight_plane.js")),
]
TOUCHES_JS = """
const [scene, views, r] = arguments, WP = window.lab.weightPlane, LC = window.lab.lambdaControl;
return views.map(view => {
  const t = WP.touches(scene, view);
  return {touches: t, value: LC.sliderToValue(scene, view.mode, view.slider)};
});
"""
HOVER_JS = """
const [scene, items] = arguments;
return items.map(([spec, touch, r]) => window.lab.weightPlane.hoverText(scene, spec, touch, r));
"""


STATES = _states()
VIEWS = [
    {"slider": v, "mode": mode, "shown": ["l1", "l2", "en"], "l1_ratio": r}
    for mode in ("penalized", "constrained")
    for v in (SLIDER_MIN, -1.7, math.log10(0.6), 0.0, SLIDER_MAX)
    for r in (0.0, 0.3, 1.0)
]


@pytest.fixture(scope="module")
def page():
    yield from configured_page(PANEL_ASSETS)



@pytest.fixture
def configured(page):
    """A function that gives the Node page the configuration of a page in a language; English again afterwards."""

    def configure(lang: str):
        assert page.execute_script(CONFIGURE_JS, client_config(lang))
        return page

    yield configure
    configure("en")


def _jsonable(value: float) -> float | None:
    return value if math.isfinite(value) else None


@pytest.mark.parametrize("name", list(STATES))
def test_touch_points_and_slider_mapping_equal_the_server(page, name):
    scene = store_scene(STATES[name])
    scale = max(1.0, float(np.max(np.abs(scene["ols"]))))
    for view, got in zip(VIEWS, page.execute_script(TOUCHES_JS, scene, VIEWS, None)):
        assert got["value"] == pytest.approx(slider_to_value(scene, view["mode"], view["slider"]), rel=1e-15)
        for region, touch in touches_for_view(scene, view).items():
            js = got["touches"][region]
            where = f"{name}, {region}, {view}"
            np.testing.assert_allclose(js["w"], touch.w, rtol=0, atol=1e-9 * scale, err_msg=where)
            assert js["t"] == pytest.approx(touch.t, rel=1e-9, abs=1e-12 * scale), where
            if math.isfinite(touch.lam) and js["lam"] is not None:
                assert js["lam"] == pytest.approx(touch.lam, rel=1e-6, abs=1e-9 * scene["lambda_max"]), where
            else:
                assert js["lam"] is None and not math.isfinite(touch.lam), where


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(STATES))
def test_hover_texts_are_the_servers_string_for_string(configured, name, lang):
    page = configured(lang)
    scene = store_scene(STATES[name], lang)
    loss = loss_from_scene(scene)
    specs = {spec["region"]: spec for spec in client_config(lang)["plane"]["regions"]}
    items, want = [], []
    for view in VIEWS:
        for region, touch in touches_for_view(scene, view, loss=loss).items():
            spec = specs[region]
            assert spec["name"] == region_name(region, lang)
            js_touch = {"w": [float(v) for v in touch.w], "lam": _jsonable(touch.lam), "t": touch.t}
            if js_touch["lam"] is None:
                continue  # JSON has no Infinity; the browser's λ of a t = 0 circle never travels
            items.append([spec, js_touch, view["l1_ratio"]])
            want.append(touch_hover(scene, touch, view["l1_ratio"], loss=loss))
    assert page.execute_script(HOVER_JS, scene, items) == want
    if lang == "zh":
        assert all("切点" in hover and "惩罚 P(w)" in hover for hover in want)
    else:
        assert all(" touch point</b>" in hover and "penalty P(w)" in hover for hover in want)


@pytest.mark.parametrize("lang", LANGS)
def test_lab_text_fills_in_a_string_as_python_does(configured, lang):
    page = configured(lang)
    fields = {"name": "λ", "value": "1.5", "factor": "3", "unit": "λ_max", "bound": "0.25", "w1": "-1", "w2": "2",
              "j0": "0.5", "penalty": "3", "total": "∞", "lam": "0.1", "t": "0", "n": 3, "count": 20,
              "where": "x = 0.5, y = 1", "low": "-1", "high": "1", "p": "0.5"}  # fmt: skip
    got = page.execute_script(
        "const [keys, fields] = arguments; return keys.map(k => window.lab.text(k, fields));", SCRIPT_STRINGS, fields
    )
    assert got == [text(key, lang, **fields) for key in SCRIPT_STRINGS]
    assert page.execute_script("return window.lab.text('input.comma');") == text("input.comma", lang)


LP_JS = """
const [scene, views] = arguments, WP = window.lab.weightPlane;
return views.map(view => WP.lpTouch(scene, view, WP.touches(scene, view)));
"""
LP_HOVER_JS = """
const [scene, touches] = arguments;
return touches.map(touch => window.lab.weightPlane.lpHoverText(scene, touch));
"""
LP_VIEWS = [dict(view, shown=["l1", "lp"], p=p) for view in VIEWS[::3] for p in (0.3, 0.5, 1.0, 2.5, 4.0)]


@pytest.mark.parametrize("name", list(STATES))
def test_the_p_norm_balls_touch_point_is_the_servers(page, name):
    scene = store_scene(STATES[name])
    loss = loss_from_scene(scene)
    scale = max(1.0, float(np.max(np.abs(scene["ols"]))))
    excess = float(loss(np.zeros(2)) - loss.min_value)
    for view, got in zip(LP_VIEWS, page.execute_script(LP_JS, scene, LP_VIEWS)):
        t = touches_for_view(scene, view, loss=loss)["l1"].t
        assert got["t"] == pytest.approx(t, rel=1e-9, abs=1e-12 * scale)
        assert got["p"] == view["p"]
        want = lp_touch(loss, t, view["p"])
        # both are certified global minimisers: J0 agrees to the search's tolerance; the points
        # agree wherever the minimiser is unique (checked loosely: two minima may tie)
        assert loss(np.array(got["w"])) == pytest.approx(loss(want), rel=0, abs=1e-10 * max(excess, 1e-12))
        assert region_size("lp", np.array(got["w"]), p=view["p"]) <= t * (1 + 1e-11) + 1e-300


@pytest.mark.parametrize("lang", LANGS)
def test_the_p_norm_balls_hover_text_is_the_servers(configured, lang):
    page = configured(lang)
    scene = store_scene(STATES["default"], lang)
    loss = loss_from_scene(scene)
    touches, want = [], []
    for view in LP_VIEWS:
        t = touches_for_view(scene, view, loss=loss)["l1"].t
        w = lp_touch(loss, t, view["p"])
        touches.append({"w": [float(v) for v in w], "t": t, "p": view["p"]})
        want.append(lp_hover(scene, w, t, view["p"], loss=loss))
    assert page.execute_script(LP_HOVER_JS, scene, touches) == want
    assert all(("p 范数球" if lang == "zh" else "p-norm ball") in hover for hover in want)
