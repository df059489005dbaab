"""The regularization path: its pure builders, its server callback, and its script under Node.

Facts checked against independent computations: the axis is the λ slider's range; the L1 curve
is the lasso (KKT at every point, linear in λ between neighbours); at the current λ the L1 and
L2 curves meet the weight plane's touch points (components.plane_traces.touches_for_view); the
breakpoint markers are where a weight's zero pattern changes; the script's λ line and click
mapping equal the server's.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from dash.exceptions import PreventUpdate

from components import path_panel
from components.client_config import client_config
from components.lambda_control import SLIDER_MAX, SLIDER_MIN
from components.path_figure import KNOTS_UID, NOW_UID, TRACE_INDEX, path_figure, path_figure_for_loss, path_uid, weight_label
from components.path_model import lambda_grid, lambda_range, lasso_curve, lasso_events, now_lambda, region_curve
from components.plane_traces import touches_for_view
from geometry import QuadraticLoss, lambda_max, lasso_path_breakpoints, penalized_optimum
from geometry.basis import design_matrix
from geometry.scene import loss_from_scene
from tests.conftest import correlated_data, lasso_kkt_residual

from .lab_states import sample_states as _states
from .lab_states import store_scene
from .test_js_node import MATH_ASSETS, ROOT, configured_page

STATES = _states()
VIEWS = [
    {"slider": v, "mode": mode, "shown": ["l1", "l2", "en"], "l1_ratio": r}
    for mode in ("penalized", "constrained")
    for v in (SLIDER_MIN, -1.7, math.log10(0.6), 0.0, SLIDER_MAX)
    for r in (0.0, 0.3, 1.0)
]



def _trace(figure: dict, uid: str) -> dict:
    (trace,) = [t for t in figure["data"] if t["uid"] == uid]
    return trace


def _at(trace: dict, lam: float, *, log: bool = False) -> float:
    """A curve's value at λ by linear interpolation in λ (or in log λ: how plotly draws it)."""
    x = np.asarray(trace["x"], dtype=float)
    y = np.asarray(trace["y"], dtype=float)
    return float(np.interp(np.log(lam), np.log(x), y) if log else np.interp(lam, x, y))


# ---------------------------------------------------------------------------- builders
def test_uids_and_labels():
    assert [path_uid(r, k) for r in ("l1", "l2", "elasticnet") for k in (0, 1)] == [
        "path-l1-0", "path-l1-1", "path-l2-0", "path-l2-1", "path-en-0", "path-en-1",
    ]  # fmt: skip
    assert weight_label(0) == "w₁" and weight_label(9) == "w₁₀"
    assert weight_label(1, ["x", "x²"]) == "w₂ (x²)"


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: path_uid("l3", 0), "region must be one of"),
        (lambda: path_uid("l1", -1), "k must be a whole number"),
        (lambda: lambda_range(0.0), "lambda_max must be a finite number > 0"),
        (lambda: lambda_range(math.inf), "lambda_max must be a finite number > 0"),
        (lambda: lambda_grid(1.0, 0.5), "need 0 < lo < hi < inf"),
        (lambda: lambda_grid(0.1, 1.0, num=1), "num must be a whole number >= 2"),
        (lambda: lasso_curve("path", 0.1, 1.0), "path must be a LassoPath"),
        (lambda: lasso_events(None), "path must be a LassoPath"),
        (lambda: region_curve(QuadraticLoss(np.eye(2), [1.0, 0.5]), "lp", [0.1]), "region must be one of"),
        (lambda: region_curve(QuadraticLoss(np.eye(2), [1.0, 0.5]), "elasticnet", [0.1], l1_ratio=2), "l1_ratio"),
        (lambda: region_curve("loss", "l2", [0.1]), "QuadraticLoss"),
        (lambda: path_figure_for_loss(QuadraticLoss(np.eye(2), [1.0, 0.5]), lam_now=-1.0), "lam_now must be"),
        (lambda: path_figure_for_loss(QuadraticLoss(np.eye(2), [0.0, 0.0]), lam_now=0.1), "lambda_max must be"),
    ],
)
def test_bad_arguments_are_refused(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_lambda_range_is_the_sliders_range():
    lo, hi = lambda_range(2.0)
    assert lo == pytest.approx(2.0e-3, rel=1e-15) and hi == pytest.approx(6.0, rel=1e-15)
    grid = lambda_grid(lo, hi, num=11)
    assert grid[0] == lo and grid[-1] == hi
    np.testing.assert_allclose(np.diff(np.log(grid)), np.log(3000) / 10, rtol=1e-12)


@pytest.mark.parametrize("d", [2, 3, 7])
def test_lasso_curve_is_the_lasso_and_contains_every_knot(rng, d):
    X, y = correlated_data(rng, 40, d, rho=0.6)
    loss = QuadraticLoss.from_data(X, y)
    path = lasso_path_breakpoints(loss)
    lo, hi = lambda_range(lambda_max(loss))
    lams, W = lasso_curve(path, lo, hi, num=31)
    assert lams[0] == lo and lams[-1] == hi and np.all(np.diff(lams) > 0)
    assert set(path.lambdas[(path.lambdas > lo) & (path.lambdas < hi)]) <= set(lams)
    for lam, w in zip(lams, W):
        assert lasso_kkt_residual(loss, w, lam) < 1e-10
    # linear in λ between neighbours: the midpoint of two neighbours is the lasso's optimum there
    for i in range(len(lams) - 1):
        mid = 0.5 * (lams[i] + lams[i + 1])
        np.testing.assert_allclose(0.5 * (W[i] + W[i + 1]), penalized_optimum(loss, "l1", mid), atol=1e-10)


def test_lasso_events_mark_where_a_weights_zero_pattern_changes():
    # H = I: soft-thresholding, w_j = sign(g_j)(|g_j| - λ)+ : w1 enters at 1.0, w2 at 0.5, w3 at 0.25
    loss = QuadraticLoss(np.eye(3), [1.0, -0.5, 0.25])
    assert lasso_events(lasso_path_breakpoints(loss)) == [(1.0, 0, "enters"), (0.5, 1, "enters"), (0.25, 2, "enters")]
    assert lasso_events(lasso_path_breakpoints(loss), 0.3, 0.9) == [(0.5, 1, "enters")]


def test_lasso_events_include_a_weight_that_leaves():
    # Efron et al.'s drop: with strongly correlated features a weight joins, then shrinks back to 0
    found = None
    for seed in range(60):
        X, y = correlated_data(np.random.default_rng(seed), 40, 3, rho=0.85)
        path = lasso_path_breakpoints(QuadraticLoss.from_data(X, y))
        leaves = [e for e in lasso_events(path) if e[2] == "leaves"]
        if leaves:
            found = (path, leaves)
            break
    assert found, "no problem with a weight that leaves"
    path, leaves = found
    for lam, k, _ in leaves:
        i = int(np.flatnonzero(path.lambdas == lam)[0])
        assert path.weights[i - 1, k] != 0 and path.weights[i, k] == 0 and path.weights[i + 1, k] == 0
        assert path.at(lam * (1 + 1e-9))[k] != 0 and path.at(lam * (1 - 1e-9))[k] == 0.0


@pytest.mark.parametrize("name", list(STATES))
def test_figure_traces_axis_and_touch_points(name):
    scene = store_scene(STATES[name])
    loss = loss_from_scene(scene)
    for view in VIEWS:
        figure = path_figure(scene, view, loss=loss)
        uids = [t["uid"] for t in figure["data"]]
        assert uids == [NOW_UID, KNOTS_UID] + [f"path-{key}-{k}" for key in ("l1", "l2", "en") for k in (0, 1)]
        assert all(uids[i] == uid for uid, i in TRACE_INDEX.items())
        lam_max = scene["lambda_max"]
        np.testing.assert_allclose(
            figure["layout"]["xaxis"]["range"], [math.log10(lam_max) + SLIDER_MIN, math.log10(lam_max * 3)], rtol=1e-12
        )
        assert figure["layout"]["xaxis"]["type"] == "log"
        touches = touches_for_view(scene, view, loss=loss)
        x_now = _trace(figure, NOW_UID)["x"][0]
        lo, hi = lambda_range(lam_max)
        # penalized: the view's λ; constrained: the L1 touch point's λ (clamped into the axis)
        assert x_now == pytest.approx(min(max(touches["l1"].lam, lo), hi), rel=1e-12)
        scale = max(1.0, float(np.max(np.abs(scene["ols"]))))
        for k in (0, 1):
            l1 = _trace(figure, f"path-l1-{k}")
            assert _at(l1, x_now) == pytest.approx(
                float(touches["l1"].w[k]) if lo <= touches["l1"].lam else l1["y"][0], abs=1e-9 * scale
            )
            if view["mode"] == "penalized":
                # the ridge curve is drawn on a grid: close to the touch point, and the exact ridge at λ
                l2 = _trace(figure, f"path-l2-{k}")
                assert _at(l2, x_now, log=True) == pytest.approx(float(touches["l2"].w[k]), abs=2e-3 * scale)
                assert region_curve(loss, "l2", [x_now])[0, k] == pytest.approx(
                    float(touches["l2"].w[k]), abs=1e-12 * scale
                )
                en = region_curve(loss, "elasticnet", [x_now], l1_ratio=view["l1_ratio"])[0, k]
                assert en == pytest.approx(float(touches["elasticnet"].w[k]), abs=1e-9 * scale)


def test_hidden_regions_keep_their_traces_empty_and_invisible():
    scene = store_scene(STATES["default"])
    view = dict(VIEWS[7], shown=["l2"])
    figure = path_figure(scene, view)
    for trace in figure["data"][1:]:
        shown = trace["uid"].startswith("path-l2-")
        assert trace["visible"] is shown
        assert (len(trace["x"]) > 0) is shown
    assert len(figure["data"]) == 8  # indices do not depend on what is shown


def test_knots_are_the_lars_path_breakpoints_in_range():
    linear_model = pytest.importorskip("sklearn.linear_model")
    state = STATES["x-x3 seed 11"]
    scene = store_scene(state)
    X = design_matrix(state["basis"], np.asarray(state["points"]["x"]), rho=float(state["rho"]))
    y = np.asarray(state["points"]["y"])
    alphas, _, _ = linear_model.lars_path(X - X.mean(0), y - y.mean(), method="lasso")
    figure = path_figure(scene, VIEWS[2])
    lo, hi = lambda_range(scene["lambda_max"])
    expected = alphas[(alphas >= lo) & (alphas <= hi)]
    np.testing.assert_allclose(sorted(_trace(figure, KNOTS_UID)["x"]), sorted(expected), rtol=1e-9)
    assert _trace(figure, KNOTS_UID)["y"] == [0.0] * len(expected)
    assert all("enters" in text or "leaves" in text for text in _trace(figure, KNOTS_UID)["hovertext"])


def test_figure_is_the_same_for_d_weights_and_names_them(rng):
    X, y = correlated_data(rng, 60, 5, rho=0.5)
    loss = QuadraticLoss.from_data(X, y)
    names = [f"f{k}" for k in range(5)]
    figure = path_figure_for_loss(loss, lam_now=0.1 * lambda_max(loss), shown=["l1", "en"], feature_names=names)
    uids = [t["uid"] for t in figure["data"]]
    assert uids[2:] == [f"path-{key}-{k}" for key in ("l1", "l2", "en") for k in range(5)]
    assert _trace(figure, "path-l1-4")["name"] == "w₅ (f4)"
    assert figure["layout"]["meta"]["d"] == 5


def test_strings_in_chinese():
    figure = path_figure(store_scene(STATES["default"]), VIEWS[2], lang="zh")
    assert figure["layout"]["xaxis"]["title"]["text"] == "λ（对数刻度）"
    assert all("进入" in t or "离开" in t for t in _trace(figure, KNOTS_UID)["hovertext"])


# ---------------------------------------------------------------------------- the panel
class _Page:
    lang = "zh"


def test_layout_is_a_closed_details_with_the_plot():
    details, store = path_panel.layout(_Page())
    assert details.id == path_panel.PATH_DETAILS and details.open is False
    assert store.id == path_panel.PATH_REQUEST and store.data is None
    graph = details.children[-1]
    assert graph.id == path_panel.PATH_PLOT and graph.figure["data"] == []
    assert details.children[0].children == "正则化路径：每个权重随 λ 的变化"


def test_update_figure_draws_the_request_and_never_raises():
    scene = store_scene(STATES["default"])
    with pytest.raises(PreventUpdate):
        path_panel.update_figure(None, scene, VIEWS[0], {})
    with pytest.raises(PreventUpdate):
        path_panel.update_figure({"n": 1}, None, VIEWS[0], {})
    figure = path_panel.update_figure({"shown": ["en"], "l1_ratio": 0.3, "n": 1}, scene, VIEWS[2], {"lang": "en"})
    assert [t["uid"] for t in figure["data"] if t.get("visible") is True] == ["path-en-0", "path-en-1"]
    assert "r = 0.3" in _trace(figure, "path-en-0")["legendgrouptitle"]["text"]
    broken = dict(scene, lambda_max=0.0, linear=[0.0, 0.0])
    failed = path_panel.update_figure({"n": 2}, broken, VIEWS[2], {"lang": "en"})
    assert failed["data"] == [] and "cannot be drawn" in failed["layout"]["annotations"][0]["text"]


# ---------------------------------------------------------------------------- the script under Node
PANEL_ASSETS = [
    *MATH_ASSETS,
    *(
        ROOT / "assets" / name
        for name in ("lab_format.js", "path_panel.js", "stores.js", "lambda_control.js", "weight_plane.js")
    ),
]  # in Dash's (alphabetical) order: path_panel.js loads before stores.js makes lab.state


@pytest.fixture(scope="module")
def page():
    yield from configured_page(PANEL_ASSETS)


def test_lasso_at_equals_the_python_path_for_d_weights(page, rng):
    X, y = correlated_data(rng, 50, 6, rho=0.7)
    path = lasso_path_breakpoints(QuadraticLoss.from_data(X, y))
    lams = [float(v) for v in np.concatenate([path.lambdas, rng.uniform(0, 1.2 * path.lambdas[0], 30)])]
    stored = {"lambdas": path.lambdas.tolist(), "weights": path.weights.tolist()}
    got = page.execute_script(
        "const [p, lams] = arguments; return lams.map(l => window.lab.pathPanel.lassoAt(p, l));", stored, lams
    )
    for lam, w in zip(lams, got):
        np.testing.assert_allclose(w, path.at(lam), rtol=0, atol=1e-14 * max(1.0, np.abs(path.weights).max()))


NOW_JS = """
const [scene, views] = arguments, P = window.lab.pathPanel;
return views.map(v => [P.nowLambda(scene, v), P.lineX(scene, v)]);
"""
SLIDER_JS = """
const [scene, items] = arguments;
return items.map(([mode, lam]) => window.lab.pathPanel.sliderForLambda(scene, mode, lam));
"""


@pytest.mark.parametrize("name", list(STATES))
def test_line_and_click_mapping_equal_the_server(page, name):
    scene = store_scene(STATES[name])
    loss = loss_from_scene(scene)
    lo, hi = lambda_range(scene["lambda_max"])
    for view, (lam, x) in zip(VIEWS, page.execute_script(NOW_JS, scene, VIEWS)):
        want = now_lambda(scene, view, loss=loss)
        assert lam == pytest.approx(want, rel=1e-9, abs=1e-12 * scene["lambda_max"]), view
        assert x == pytest.approx(min(max(want, lo), hi), rel=1e-9), view
    # a click at λ: the slider's position, from independent facts
    lams = [float(v) for v in np.geomspace(lo, hi, 13)]
    items = [[mode, lam] for mode in ("penalized", "constrained") for lam in lams]
    got = page.execute_script(SLIDER_JS, scene, items)
    ols_l1 = float(np.abs(loss.ols_point).sum())
    for (mode, lam), v in zip(items, got):
        if mode == "penalized":
            want = math.log10(lam / scene["lambda_max"])
        else:
            t = float(np.abs(penalized_optimum(loss, "l1", lam)).sum())
            want = math.log10(t / ols_l1) if t > 0 else SLIDER_MIN
        assert v == pytest.approx(min(max(want, SLIDER_MIN), SLIDER_MAX), abs=1e-9), (mode, lam)
        if mode == "constrained" and SLIDER_MIN < v < SLIDER_MAX:
            # the L1 touch point at that slider position has the clicked λ
            view = {"slider": v, "mode": "constrained", "shown": ["l1"], "l1_ratio": 0.5}
            assert touches_for_view(scene, view, loss=loss)["l1"].lam == pytest.approx(lam, rel=1e-6)


GATE_JS = """
const [calls] = arguments, out = [];
for (const [view, open, scene, request, triggered] of calls) {
  window.dash_clientside.callback_context = {triggered: triggered.map(id => ({prop_id: id + '.x'}))};
  const got = window.dash_clientside.path_panel.gate(view, open, scene, request);
  out.push(got === window.dash_clientside.no_update ? 'no_update' : got);
}
return out;
"""


def test_gate_asks_only_while_open_and_only_for_a_change(page):
    scene = {"lambda_max": 1.0}
    ids = client_config()["ids"]
    view = {"slider": -0.5, "mode": "penalized", "shown": ["l2", "l1"], "l1_ratio": 0.5}
    req = {"shown": ["l1", "l2"], "l1_ratio": 0.5, "n": 3}
    page.execute_script("window.dash_clientside.no_update = {nu: true}; return true;")
    got = page.execute_script(
        GATE_JS,
        [
            [view, False, scene, None, [ids["pathDetails"]]],  # closed: nothing
            [view, True, scene, None, [ids["pathDetails"]]],  # opened: ask
            [view, True, scene, req, [ids["viewStore"]]],  # λ rests, same regions: nothing
            [dict(view, slider=0.1), True, scene, req, [ids["viewStore"]]],  # λ alone: nothing
            [dict(view, l1_ratio=0.7), True, scene, req, [ids["viewStore"]]],  # the mix changed: ask
            [dict(view, shown=["l1"]), True, scene, req, [ids["viewStore"]]],  # the regions changed: ask
            [view, True, scene, req, [ids["sceneStore"]]],  # new data: ask
            [view, False, scene, req, [ids["sceneStore"]]],  # new data while closed: nothing
        ],
    )
    assert got == [
        "no_update",
        {"shown": ["l1", "l2"], "l1_ratio": 0.5, "n": 1},
        "no_update",
        "no_update",
        {"shown": ["l1", "l2"], "l1_ratio": 0.7, "n": 4},
        {"shown": ["l1"], "l1_ratio": 0.5, "n": 4},
        {"shown": ["l1", "l2"], "l1_ratio": 0.5, "n": 4},
        "no_update",
    ]


def test_region_curves_are_each_regions_exact_optima():
    """path_model.region_curves: the L1 curve solves the lasso's KKT conditions at each λ, the L2
    curve ridge's normal equations, the elastic net's its own (independent of the builders)."""
    from components.path_model import region_curves
    from geometry import QuadraticLoss

    loss = QuadraticLoss.from_ellipse([1.2, -0.4], [1.0, 0.3], 0.5)
    lam_max = float(np.max(np.abs(loss.linear)))
    curves = region_curves(loss, ["l1", "l2", "en"], 1e-3 * lam_max, 2 * lam_max, l1_ratio=0.4, num=21)
    assert list(curves) == ["l1", "l2", "elasticnet"]
    for region, r in (("l1", 1.0), ("l2", 0.0), ("elasticnet", 0.4)):
        got_lams, ws = curves[region]
        assert ws.shape == (len(got_lams), 2)
        for lam, w in zip(got_lams, ws):
            g = loss.linear - loss.hessian @ w - 2 * lam * (1 - r) * w
            on = w != 0
            np.testing.assert_allclose(g[on], r * lam * np.sign(w[on]), atol=1e-9)
            assert np.all(np.abs(g[~on]) <= r * lam + 1e-9)
    # a region not shown: its grid and no weights
    lams, none = region_curves(loss, ["l1"], 0.1, 1.0, num=5)["l2"]
    assert none is None and len(lams) == 5
