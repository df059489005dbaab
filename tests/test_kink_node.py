"""The 1-D kink's script under Node: ``assets/kink_panel.js`` computes what the server does.

``lab.kink`` (loaded as in a page, with the math, the number format, ``stores.js``,
``lambda_control.js`` and ``weight_plane.js``; the configuration is the server's) is held to
:mod:`geometry.kink` (the minimisers, on many random cases, exact 0.0 included) and to
:mod:`components.kink_panel` (the model on several problems and views, the figure's data and
the sentences string for string). The JS model's L1 minimiser along a weight is also checked
against the JS weight plane's own L1 touch point: the two views of the browser agree.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from components.client_config import client_config
from components.i18n import LANGS
from components.kink_figure import KINK_SOURCES, kink_data, kink_model
from components.kink_sentences import kink_text, strings_for
from components.lambda_control import SLIDER_MAX, SLIDER_MIN
from components.stores import build_scene
from geometry.kink import Quadratic1D, l1_minimiser, l2_minimiser

from .lab_states import sample_states as _states
from .lab_states import store_scene
from .test_js_node import MATH_ASSETS, ROOT, configured_page

ASSETS = [
    *MATH_ASSETS,
    *(ROOT / "assets" / name for name in ("lab_format.js", "stores.js", "lambda_control.js", "weight_plane.js")),
    ROOT / "assets" / "kink_panel.js",
]


STATES = _states()
VIEWS = [
    {"slider": v, "mode": mode, "shown": ["l1", "l2", "en"], "l1_ratio": 0.5}
    for mode in ("penalized", "constrained")
    for v in (SLIDER_MIN, -1.7, -0.6, math.log10(0.6), -0.05, 0.0, SLIDER_MAX)
]


@pytest.fixture(scope="module")
def page():
    yield from configured_page(ASSETS)



def test_minimisers_equal_python_on_random_cases_and_are_exactly_zero_within_lambda(page):
    rng = np.random.default_rng(13)
    cases = []
    for _ in range(3000):
        slope = float(rng.normal(scale=2.0))
        lam = float(rng.choice([abs(slope), rng.uniform(0, 3), abs(slope) * rng.uniform(0.5, 1.5)]))
        cases.append([float(rng.uniform(1e-3, 10)), slope, lam])
    cases += [[1.0, 0.5, 0.5], [1.0, -0.5, 0.5], [0.0, 0.3, 0.5], [2.0, 0.0, 0.0], [2.0, -1.5, 2.0]]
    got = page.execute_script(
        """const K = window.lab.kink;
        return arguments[0].map(([c, s, lam]) => {
          const f = {curvature: c, slope: s, value: 0};
          const x1 = K.l1Min(f, lam);
          return [x1, Object.is(x1, -0), K.l2Min(f, lam)];
        });""",
        cases,
    )
    zeros = 0
    for (curvature, slope, lam), (x1, negative_zero, x2) in zip(cases, got):
        f = Quadratic1D(curvature, slope)
        want1 = l1_minimiser(f, lam)
        assert x1 == pytest.approx(want1, rel=1e-15, abs=0), (curvature, slope, lam)
        assert not negative_zero
        if abs(slope) <= lam:
            assert x1 == 0.0  # exactly, in the browser too
            zeros += 1
        if curvature > 0 or slope == 0:
            assert x2 == pytest.approx(l2_minimiser(f, lam), rel=1e-15, abs=0)
    assert zeros > 1000  # the exact-zero branch is well exercised (|d0| = λ included)


def test_grid_and_parabola_equal_python(page):
    from geometry.kink import kink_grid, parabola

    cases = [[-1.0, 1.0, 201], [-0.013, 4.2, 201], [-3.0, 0.001, 11], [-2.5, 2.5, 3]]
    got = page.execute_script("return arguments[0].map(([lo, hi, n]) => window.lab.kink.grid(lo, hi, n));", cases)
    for (lo, hi, num), js in zip(cases, got):
        np.testing.assert_allclose(js, kink_grid(lo, hi, num), rtol=1e-15, atol=1e-300)
        assert js.count(0) == 1
    for a, c in [(1.0, 0.75), (0.3, -2.0), (5.0, 0.0)]:
        js = page.execute_script("return window.lab.kink.parabola(arguments[0], arguments[1]);", a, c)
        f = parabola(a, c)
        assert js == {"curvature": f.curvature, "slope": f.slope, "value": f.value}


MODEL_JS = """
const [scene, views, sources] = arguments, K = window.lab.kink, WP = window.lab.weightPlane;
return views.map(view => sources.map(source => {
  const m = K.model(scene, view, source, 1.0, 0.75);
  return {model: m, plane: WP.touches(scene, view).l1.w};
}));
"""


@pytest.mark.parametrize("name", list(STATES))
def test_model_equals_the_server_and_the_l1_minimiser_is_the_js_planes_touch_coordinate(page, name):
    scene = store_scene(STATES[name])
    scale = max(1.0, float(np.max(np.abs(scene["ols"]))))
    got = page.execute_script(MODEL_JS, scene, VIEWS, list(KINK_SOURCES))
    for view, row in zip(VIEWS, got):
        for source, item in zip(KINK_SOURCES, row):
            js, want = item["model"], kink_model(scene, view, source)
            where = f"{name}, {source}, {view}"
            assert js["lam"] == pytest.approx(want["lam"], rel=1e-6, abs=1e-9 * scene["lambda_max"]), where
            assert js["range"] == pytest.approx(want["range"], rel=1e-15), where
            for key in ("curvature", "slope", "value"):
                assert js["f"][key] == pytest.approx(want["f"][key], rel=1e-6, abs=1e-9 * scale), where
            assert js["x1"] == pytest.approx(want["x1"], abs=1e-9 * scale), where
            assert js["x2"] == pytest.approx(want["x2"], abs=1e-9 * scale), where
            if source != "parabola":
                k = 0 if source == "w1" else 1
                # the browser's two views of the lasso agree: 1-D minimiser = the plane's touch coordinate
                assert js["x1"] == pytest.approx(item["plane"][k], abs=1e-12 * scale), where
                if item["plane"][k] == 0 and abs(js["f"]["slope"]) < js["lam"] * (1 - 1e-9):
                    assert js["x1"] == 0, where


DATA_JS = """
const [models, cfg] = arguments;
return models.map(m => window.lab.kink.data(m, cfg));
"""
TEXT_JS = """
const [models, strings] = arguments;
return models.map(m => window.lab.kink.sentences(m, strings));
"""


def _models() -> list[dict]:
    models = []
    for name in ("default", "x-x3 seed 11", "correlated seed 19"):
        scene = build_scene(STATES[name])
        for view in VIEWS[::2]:
            for source in KINK_SOURCES:
                models.append(kink_model(scene, view, source))
    base = models[-1]
    models += [  # the text's other branches: at the threshold, left of 0, d0 = 0
        dict(base, lam=1.5, x1=0.0, f={"curvature": 2.0, "slope": -1.5, "value": 0.5625}),
        dict(base, x1=-1.25, f={"curvature": 2.0, "slope": 3.0, "value": 0.0}),
        dict(base, x1=0.0, x2=0.0, f={"curvature": 2.0, "slope": 0.0, "value": 0.0}),
    ]
    return json.loads(json.dumps(models))


def test_figure_data_equal_the_server(page):
    models = _models()
    got = page.execute_script(DATA_JS, models, client_config()["kink"])
    for model, js in zip(models, got):
        want = kink_data(model)
        assert set(js) == set(want)
        for key, value in want.items():
            if isinstance(value, dict):
                for axis, rtol in (("x", 1e-13), ("y", 1e-12)):
                    gaps = [v is None for v in value[axis]]
                    assert [v is None for v in js[key][axis]] == gaps, key  # null is a gap in both
                    np.testing.assert_allclose(
                        np.array(js[key][axis], dtype=float), np.array(value[axis], dtype=float),
                        rtol=rtol, atol=1e-12, err_msg=key,
                    )  # fmt: skip
            else:
                np.testing.assert_allclose(js[key], value, rtol=1e-12, atol=1e-15, err_msg=key)
        assert js["kink-l1-min"]["x"][0] == model["x1"]  # the marker is the minimiser itself


@pytest.mark.parametrize("lang", LANGS)
def test_sentences_are_the_servers_string_for_string(page, lang):
    models = _models()
    assert page.execute_script(TEXT_JS, models, strings_for(lang)) == [kink_text(m, lang=lang) for m in models]


def test_bad_parabola_messages(page):
    strings = strings_for("en")
    cases = [[1.0, 0.75], [0.0, 0.75], [-1.0, 0.0], [None, 1.0], [1.0, None], [2.0, -3.0]]
    got = page.execute_script(
        "const [cases, s] = arguments; return cases.map(([a, c]) => window.lab.kink.badParabola(a, c, s));",
        cases,
        strings,
    )
    assert got == ["", strings["bad_a"], strings["bad_a"], strings["bad_a"], strings["bad_c"], ""]
