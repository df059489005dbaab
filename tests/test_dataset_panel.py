"""Dataset mode (components/dataset_panel.py): the state, the edit, the scene, both figures, the
path of the ten-feature model and the two-feature model's curves, and the link."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import numpy as np
import pytest
from dash.exceptions import PreventUpdate

from authoring.url_state import encode, page_for_query, share_defaults
from components import dataset_panel
from components.data_edit import apply_edit
from components.data_panel import figures_for, show_source_controls
from components.data_update import update_problem
from components.dataset_path_figure import dataset_path_figure, pair_uid
from components.path_figure import path_uid
from components.path_model import now_lambda
from components.path_panel import update_figure
from components.problem import GENERATOR_DEFAULTS, ProblemError, check_problem, default_state
from components.stores import build_scene
from components.view import initial_view, view_for_scene, view_with_defaults
from geometry import QuadraticLoss, lasso_path_breakpoints
from geometry.datasets import load_diabetes

ROOT = Path(__file__).resolve().parents[1]


def dataset_state(features=(2, 8), **extra) -> dict:
    return {**default_state(), "source": "dataset", "dataset": {"name": "diabetes", "features": list(features)}, **extra}


def view_at(scene: dict, slider: float = -0.3, **extra) -> dict:
    return view_with_defaults(view_for_scene({**initial_view(), "slider": slider, "value": None, **extra}, scene))


# ---------------------------------------------------------------------------- the state and the edit
def test_the_plane_problem_is_the_regression_on_the_two_chosen_columns():
    X, y, _ = load_diabetes()
    loss = check_problem(dataset_state((3, 6)))
    # independent: ordinary least squares with an intercept on the two columns (numpy's lstsq)
    A = np.column_stack([X[:, [3, 6]], np.ones(len(y))])
    w = np.linalg.lstsq(A, y, rcond=None)[0][:2]
    np.testing.assert_allclose(loss.ols_point, w, rtol=1e-10)


@pytest.mark.parametrize(
    "dataset, match",
    [
        ({"name": "iris", "features": [0, 1]}, "Unknown data set 'iris'"),
        ({"name": None, "features": [0, 1]}, "Unknown data set None"),
        ({"name": "diabetes", "features": [0, 10]}, r"not two of the data set's 10 features"),
        ({"name": "diabetes", "features": [0]}, r"not two of the data set's 10 features"),
        ({"name": "diabetes", "features": [True, 1]}, r"not two of the data set's 10 features"),
        ({"name": "diabetes", "features": "2_8"}, r"not two of the data set's 10 features"),
    ],
)
def test_a_bad_dataset_is_refused_with_a_message(dataset, match):
    with pytest.raises(ProblemError, match=match):
        check_problem({**default_state(), "source": "dataset", "dataset": dataset})


def test_the_message_exists_in_chinese():
    with pytest.raises(ProblemError) as info:
        check_problem({**default_state(), "source": "dataset", "dataset": {"name": "x", "features": [0, 1]}})
    assert "未知的数据集" in info.value.message("zh")


def test_the_dataset_edit_switches_there_and_back_keeping_the_synthetic_problem():
    start = default_state()
    shown = apply_edit(start, {"op": "dataset", "name": "diabetes", "features": [3, 4], "source": "points"}, {})
    assert shown["source"] == "dataset" and shown["dataset"] == {"name": "diabetes", "features": [3, 4]}
    assert shown["points"] == start["points"] and shown["basis"] == start["basis"]
    back = apply_edit(shown, {"op": "dataset", "name": "synthetic", "features": [3, 4], "source": "shape"}, {})
    assert back["source"] == "shape" and back["shape"] == start["shape"]
    back = apply_edit(shown, {"op": "dataset", "name": "synthetic", "features": [3, 4], "source": "points"}, {})
    assert back["source"] == "points" and back["points"] == start["points"]


def test_whole_floats_from_the_browser_are_indices():
    new = apply_edit(default_state(), {"op": "dataset", "name": "diabetes", "features": [3.0, 4.0]}, {})
    assert new["dataset"]["features"] == [3, 4] and all(type(k) is int for k in new["dataset"]["features"])


@pytest.mark.parametrize(
    "edit, match",
    [
        ({"op": "dataset", "name": "iris", "features": [0, 1]}, "Unknown data set"),
        ({"op": "dataset", "name": "diabetes", "features": [0, 11]}, "not two of"),
        ({"op": "dataset", "name": "diabetes", "features": [0.5, 1]}, "not two of"),
        ({"op": "dataset", "name": "synthetic", "source": "dataset"}, "Unknown source"),
    ],
)
def test_a_bad_dataset_edit_is_refused(edit, match):
    with pytest.raises(ProblemError, match=match):
        apply_edit(dataset_state() if edit["name"] == "synthetic" else default_state(), edit, {})


@pytest.mark.parametrize(
    "edit",
    [
        {"op": "add", "x": 0.1, "y": 0.2},
        {"op": "remove", "index": 0},
        {"op": "move", "index": 0, "x": 0.1, "y": 0.2},
        {"op": "controls", "source": "points", "basis": "x-x2", "rho": 0.6},
        {"op": "resample"},
        {"op": "dataset", "name": "diabetes", "features": [2, 8]},  # the pair on screen already
    ],
)
def test_edits_of_the_synthetic_data_change_nothing_in_dataset_mode(edit):
    with pytest.raises(PreventUpdate):
        apply_edit(dataset_state(), edit, dict(GENERATOR_DEFAULTS))


def test_synthetic_when_already_synthetic_changes_nothing():
    with pytest.raises(PreventUpdate):
        apply_edit(default_state(), {"op": "dataset", "name": "synthetic", "source": "points"}, {})


# ---------------------------------------------------------------------------- server answers
def test_update_problem_applies_the_chooser_edit_with_the_controls_pending():
    state = {**default_state(), "lang": "en"}
    view = view_at(build_scene(state))
    edit = {"edits": [{"op": "dataset", "name": "diabetes", "features": [3, 9], "source": "points", "stamp": 1}]}
    controls = {"source": "points", "basis": "correlated", "rho": 0.6, "eccentricity": 0.5, "rotation": 30}
    new, scene, plane, data, message, seed = update_problem(edit, 0, controls, state, view, 20, 1.2, 0.35, 0.25, 7)
    assert message == "" and new["source"] == "dataset" and new["edit_stamp"] == 1
    assert scene["feature_names"] == ["bp", "s6"] and scene["fit_grid"] is None
    assert scene["dataset"] == {"name": "diabetes", "features": [3, 9]}
    assert "bp" in plane["layout"]["xaxis"]["title"]["text"] and "s6" in plane["layout"]["yaxis"]["title"]["text"]
    assert data["data"][0]["x"] == [] and data["layout"]["shapes"] == []  # no points drawn
    assert "10 features" in data["layout"]["annotations"][0]["text"]
    assert "bp" in data["layout"]["title"]["text"] and "s6" in data["layout"]["title"]["text"]
    # the controls, resent with the next request, do not undo dataset mode
    again = {"edits": edit["edits"] + [{"op": "add", "x": 0.2, "y": 0.1, "stamp": 2}]}
    out = update_problem(again, 0, controls, new, view, 20, 1.2, 0.35, 0.25, 7)
    assert out[0]["source"] == "dataset" and out[0]["edit_stamp"] == 2 and out[4] == ""


def test_the_data_figure_note_in_chinese():
    state = dataset_state(lang="zh")
    scene = build_scene(state)
    _, data = figures_for(state, scene, view_at(scene))
    assert "10 个特征" in data["layout"]["annotations"][0]["text"]


def test_controls_of_the_synthetic_data_are_hidden_in_dataset_mode():
    hidden = {"display": "none"}
    assert show_source_controls("points", "correlated", "diabetes")[:2] == (hidden, hidden)
    assert show_source_controls("points", "correlated", "synthetic")[:2] == ({}, hidden)
    assert show_source_controls("shape", "correlated")[:2] == (hidden, {})
    assert dataset_panel.pickers_style("synthetic") == hidden and dataset_panel.pickers_style("diabetes") == {}


# ---------------------------------------------------------------------------- the layout
def _components(node) -> list:
    out = [node]
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            out.extend(_components(child))
    return out


def test_the_panel_is_small_secondary_and_shows_the_links_choice():
    page = page_for_query("src=dataset&feat=3_4&lang=zh")
    (row,) = dataset_panel.layout(page)
    parts = _components(row)
    assert len(parts) <= 6
    assert "secondary" in row.className
    by_id = {getattr(c, "id", None): c for c in parts}
    assert by_id[dataset_panel.DATASET_DROPDOWN].value == "diabetes"
    assert (by_id[dataset_panel.DATASET_FEATURE_1].value, by_id[dataset_panel.DATASET_FEATURE_2].value) == (3, 4)
    assert by_id[dataset_panel.DATASET_PICKERS].style == {}
    assert by_id[dataset_panel.DATASET_FEATURE_1].options[2]["label"] == "bmi (体重指数)"
    (row,) = dataset_panel.layout(page_for_query(""))
    by_id = {getattr(c, "id", None): c for c in _components(row)}
    assert by_id[dataset_panel.DATASET_DROPDOWN].value == "synthetic"
    assert by_id[dataset_panel.DATASET_PICKERS].style == {"display": "none"}


def test_feature_options_refuse_an_unknown_data_set():
    with pytest.raises(ValueError, match="name must be one of"):
        dataset_panel.feature_options("iris")


# ---------------------------------------------------------------------------- the path
def _trace(figure: dict, uid: str) -> dict:
    (trace,) = [t for t in figure["data"] if t["uid"] == uid]
    return trace


@pytest.mark.parametrize("pair, slider", [((2, 8), -0.3), ((4, 5), -1.2), ((0, 1), -0.05), ((9, 3), -2.5)])
def test_the_dashed_curves_meet_the_planes_touch_points_at_the_current_lambda(pair, slider):
    state = dataset_state(pair)
    scene = build_scene(state)
    view = view_at(scene, slider, shown=["l1", "l2", "en"])
    figure = dataset_path_figure(scene, view)
    plane, _ = figures_for(state, scene, view)
    lam = _trace(figure, "path-now")["x"][0]
    assert lam == pytest.approx(now_lambda(scene, view), rel=1e-12)
    for region, key in (("l1", "l1"), ("l2", "l2"), ("elasticnet", "en")):
        touch = _trace(plane, f"{key}-touch")
        for k in range(2):
            curve = _trace(figure, pair_uid(region, k))
            at = curve["x"].index(lam)  # the current λ is a point of the curve
            expected = touch["x"][0] if k == 0 else touch["y"][0]
            assert curve["y"][at] == pytest.approx(expected, rel=1e-9, abs=1e-9 * abs(max(scene["ols"], key=abs)))


def test_the_dashed_lasso_curve_equals_scikit_learns_lasso_on_the_pair():
    linear_model = pytest.importorskip("sklearn.linear_model")
    X, y, _ = load_diabetes()
    state = dataset_state((4, 5))
    scene = build_scene(state)
    figure = dataset_path_figure(scene, view_at(scene, -0.7))
    curve = [_trace(figure, pair_uid("l1", k)) for k in range(2)]
    for at in range(0, len(curve[0]["x"]), 37):
        lam = curve[0]["x"][at]
        fit = linear_model.Lasso(alpha=lam, tol=1e-14, max_iter=1_000_000).fit(X[:, [4, 5]], y)
        np.testing.assert_allclose([curve[0]["y"][at], curve[1]["y"][at]], fit.coef_, rtol=1e-6, atol=1e-6)


def test_the_path_shows_all_ten_weights_of_the_ten_feature_model_against_lars_path():
    linear_model = pytest.importorskip("sklearn.linear_model")
    X, y, names = load_diabetes()
    state = dataset_state((2, 8))
    scene = build_scene(state)
    figure = dataset_path_figure(scene, view_at(scene))
    uids = [t["uid"] for t in figure["data"]]
    assert uids[:2] == ["path-now", "path-l1-knots"]
    assert [path_uid("l1", k) for k in range(10)] == uids[2:12]
    assert uids[-6:] == [pair_uid(r, k) for r in ("l1", "l2", "elasticnet") for k in range(2)]
    alphas, _, coefs = linear_model.lars_path(X - X.mean(axis=0), y - y.mean(), method="lasso")
    for k in range(10):
        trace = _trace(figure, path_uid("l1", k))
        assert names[k] in trace["name"]
        # the curve contains every knot inside its range: there it equals lars_path's coefficient
        for lam, w in zip(alphas, coefs[k]):
            if trace["x"][0] < lam < trace["x"][-1]:
                at = int(np.argmin(np.abs(np.asarray(trace["x"]) - lam)))
                assert trace["x"][at] == pytest.approx(lam, rel=1e-9)
                assert trace["y"][at] == pytest.approx(w, abs=1e-9 * np.abs(coefs).max())
    bold = [t["uid"] for t in figure["data"] if t.get("opacity") == 1.0]
    assert bold == [path_uid(r, k) for r in ("l1", "l2", "elasticnet") for k in (2, 8)]
    assert figure["layout"]["meta"]["d"] == 10 and figure["layout"]["meta"]["pair"] == [2, 8]


def test_the_axis_covers_the_sliders_range_and_the_full_models():
    from components.path_model import lambda_range

    state = dataset_state((0, 1))  # age and sex: a much smaller λ_max than the full model's
    scene = build_scene(state)
    figure = dataset_path_figure(scene, view_at(scene))
    lo, hi = figure["layout"]["meta"]["lambda_range"]
    full = lasso_path_breakpoints(QuadraticLoss.from_data(*load_diabetes()[:2])).lambdas[0]
    assert scene["lambda_max"] < 0.5 * full
    assert lo == pytest.approx(lambda_range(scene["lambda_max"])[0]) and hi == pytest.approx(lambda_range(full)[1])


def test_the_path_panel_draws_dataset_mode_and_says_why_it_cannot():
    state = dataset_state((2, 8))
    scene = build_scene(state)
    view = view_at(scene)
    figure = update_figure({"shown": ["l1"], "l1_ratio": 0.5, "n": 1}, scene, view, state)
    assert any(t["uid"] == pair_uid("l1", 0) and t["visible"] for t in figure["data"])
    assert not _trace(figure, pair_uid("l2", 0))["visible"]
    broken = {**scene, "dataset": {"name": "iris", "features": [0, 1]}}
    figure = update_figure({"shown": ["l1"], "l1_ratio": 0.5, "n": 1}, broken, view, state)
    assert "cannot be drawn" in figure["layout"]["annotations"][0]["text"]


# ---------------------------------------------------------------------------- the link
@pytest.mark.parametrize("features, query", [((2, 8), "src=dataset"), ((3, 4), "src=dataset&feat=3_4"), ((7, 7), "src=dataset&feat=7_7")])
def test_the_link_round_trips_the_dataset_source(features, query):
    page = page_for_query("")
    page.state = dataset_state(features)
    text = encode(page)
    assert query in text and "data=" not in text
    again = page_for_query(text)
    assert not again.notes
    assert again.state["source"] == "dataset" and again.state["dataset"] == {"name": "diabetes", "features": list(features)}
    assert encode(again) == text
    assert again.view["value"] == page.view["value"]


@pytest.mark.parametrize("query", ["src=dataset&feat=3_10", "src=dataset&feat=3", "src=dataset&feat=03_4", "src=dataset&data=iris"])
def test_a_bad_dataset_link_opens_with_a_note(query):
    page = page_for_query(query)
    assert len(page.notes) == 1
    assert page.state["source"] in ("points", "dataset")
    check_problem(page.state)


def test_a_link_with_feat_but_without_src_keeps_the_pair_for_later():
    page = page_for_query("feat=1_2")
    assert page.state["source"] == "points" and page.state["dataset"]["features"] == [1, 2] and not page.notes


def test_the_share_script_writes_dataset_links_as_python_does():
    from tests.test_js_node import NodePage, node_executable

    node = NodePage(node_executable(), [ROOT / "assets" / "share_panel.js"])
    try:
        pages = []
        for features in ((2, 8), (3, 4), (0, 9), (5, 5)):
            page = page_for_query("lam=0.5&keep=ratio")
            page.state = dataset_state(features)
            pages.append(page)
        page = page_for_query("")
        page.state = {**default_state(), "dataset": {"name": "diabetes", "features": [1, 2]}}  # kept, not written
        pages.append(page)
        as_json = []
        for page in pages:
            out = asdict(page)
            out.pop("notes")
            as_json.append(out)
        cfg = share_defaults()
        js = node.execute_script(
            "var cfg = arguments[1]; return arguments[0].map(function (p) { return window.lab.share.encode(p, cfg); });",
            as_json,
            cfg,
        )
        assert js == [encode(page) for page in pages]
        assert "feat=3_4" in js[1] and "feat" not in js[0] and "feat" not in js[4]
    finally:
        node.close()
