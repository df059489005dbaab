"""Figure builders and callbacks, called as plain functions."""

import html
import math
import re

import numpy as np
import plotly.graph_objects as go
import pytest
from dash.exceptions import PreventUpdate

from components import data_panel, readout, stores
from components.lambda_control import SLIDER_MAX, slider_to_value
from components.problem import default_state, loss_for_state
from components.stores import build_scene
from components.weight_plane import EN_UIDS, TRACE_INDEX, TRACE_UIDS, moving_traces, trace_style, weight_plane_figure
from geometry import lambda_max, penalized_optimum
from geometry.constrained import constrained_optimum

GENERATOR_DEFAULTS_FOR_TEST = {"n": 20, "rho": 0.6, "true_w": [1.2, 0.35], "noise": 0.25, "seed": 7}
VIEW = {"slider": math.log10(0.3), "mode": "penalized", "shown": ["l1", "l2"], "l1_ratio": 0.5}


@pytest.fixture(scope="module")
def state():
    return default_state()


@pytest.fixture(scope="module")
def scene(state):
    return stores.build_scene(state)


def by_uid(fig) -> dict:
    if isinstance(fig, dict):
        fig = go.Figure(fig)  # validates the dict the callbacks send
    return {trace.uid: trace for trace in fig.data}


def test_weight_plane_has_every_trace_in_the_fixed_order(scene):
    fig = weight_plane_figure(scene, dict(VIEW, shown=["l1", "l2", "en"]))
    assert tuple(t.uid for t in fig.data) == TRACE_UIDS
    assert scene["trace_index"] == TRACE_INDEX
    assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.yaxis.scaleratio == 1


def test_hidden_elastic_net_traces_are_left_out_and_their_styles_travel_with_the_scene(scene):
    fig = weight_plane_figure(scene, dict(VIEW, shown=["l1", "l2"]))
    assert tuple(t.uid for t in fig.data) == tuple(uid for uid in TRACE_UIDS if uid not in EN_UIDS)
    assert TRACE_UIDS[-len(EN_UIDS) :] == EN_UIDS  # last: the indices of the others never move
    shown = by_uid(weight_plane_figure(scene, dict(VIEW, shown=["en"])))
    for uid in EN_UIDS:
        style = scene["en_traces"][uid]
        assert {key: shown[uid][key] for key in ("mode", "name", "uid")} == {
            key: style[key] for key in ("mode", "name", "uid")
        }


def test_a_plane_from_the_server_names_the_view_it_was_drawn_for(state):
    """The λ callback compares layout.meta.server_view with the view on screen when a server
    drawing arrives (λ may have moved meanwhile); both server paths must set it."""
    view = stores.view_with_defaults(dict(VIEW, slider=-1.25, shown=["l2", "en"], l1_ratio=0.3))
    edited = data_panel.problem_outputs("resample-button", 1, state, GENERATOR_DEFAULTS_FOR_TEST, view)[2]
    held = data_panel.held_plane({"shapes[2].xanchor": 0.5, "shapes[2].yanchor": 6.0, "stamp": 1}, state, view)
    for plane in (edited, held):
        assert go.Figure(plane).layout.meta["server_view"] == view  # a valid plotly layout key


def test_trace_style_refuses_an_unknown_uid():
    with pytest.raises(ValueError, match="uid must be one of"):
        trace_style("l3-region")


@pytest.mark.parametrize("fraction", [0.01, 0.3, 0.9, 2.5])
def test_touch_points_are_the_penalized_optima_and_lie_on_their_regions(state, scene, fraction):
    loss = loss_for_state(state)
    lam = fraction * lambda_max(loss)
    view = dict(VIEW, slider=math.log10(fraction))
    traces = by_uid(weight_plane_figure(scene, view))
    for region in ("l1", "l2"):
        w = np.array([traces[f"{region}-touch"].x[0], traces[f"{region}-touch"].y[0]])
        np.testing.assert_allclose(w, penalized_optimum(loss, region, lam), atol=1e-12)
    diamond = np.c_[traces["l1-region"].x, traces["l1-region"].y]
    w1 = np.array([traces["l1-touch"].x[0], traces["l1-touch"].y[0]])
    np.testing.assert_allclose(np.abs(diamond).sum(axis=1), np.abs(w1).sum(), rtol=1e-12, atol=1e-15)
    circle = np.c_[traces["l2-region"].x, traces["l2-region"].y]
    w2 = np.array([traces["l2-touch"].x[0], traces["l2-touch"].y[0]])
    np.testing.assert_allclose(np.hypot(*circle.T), np.hypot(*w2), rtol=1e-12)
    if fraction >= 1:
        assert w1.tolist() == [0.0, 0.0]


def _segments(trace) -> list[np.ndarray]:
    """A trace's polylines (split at its None gaps), each of shape (m, 2)."""
    out, current = [], []
    for x, y in zip(trace.x, trace.y):
        if x is None:
            out.append(np.array(current))
            current = []
        else:
            current.append((x, y))
    return [*out, np.array(current)] if current else out


@pytest.mark.parametrize("shown", [["l1", "l2"], ["l1", "l2", "en"], ["l2"], []])
def test_highlighted_contours_pass_through_the_touch_points(state, scene, shown):
    loss = loss_for_state(state)
    traces = by_uid(weight_plane_figure(scene, dict(VIEW, shown=shown)))
    segments = _segments(traces["touch-contours"])
    assert len(segments) == len(shown)  # one ellipse per shown region (this loss has rank 2)
    for key, segment in zip(shown, segments):
        w = np.array([traces[f"{key}-touch"].x[0], traces[f"{key}-touch"].y[0]])
        np.testing.assert_allclose(loss(segment), loss(w), rtol=1e-9)
        # the ellipse goes through the touch point itself: the sampled points surround it closely
        assert np.min(np.hypot(*(segment - w).T)) < 0.05 * np.ptp(segment[:, 0])


def test_constrained_mode_uses_the_budget_t(state, scene):
    loss = loss_for_state(state)
    view = dict(VIEW, mode="constrained", slider=math.log10(0.5))
    t = slider_to_value(scene, "constrained", view["slider"])
    assert t == pytest.approx(0.5 * np.abs(loss.ols_point).sum())
    traces = by_uid(weight_plane_figure(scene, view))
    for region in ("l1", "l2"):
        w = np.array([traces[f"{region}-touch"].x[0], traces[f"{region}-touch"].y[0]])
        np.testing.assert_allclose(w, constrained_optimum(loss, region, t), atol=1e-12)
    # same budget t for both: the diamond is inscribed in the circle
    assert max(traces["l1-region"].x) == pytest.approx(max(traces["l2-region"].x), rel=1e-6)


def test_hidden_regions_are_invisible(scene):
    moving = moving_traces(scene, dict(VIEW, shown=["l2"]))
    assert moving["l1-region"]["visible"] is False and moving["l1-touch"]["visible"] is False
    assert moving["l2-region"]["visible"] is True
    assert moving["en-region"]["visible"] is False


def test_hover_on_a_touch_point_reports_w_j0_penalty_and_total(state, scene):
    loss = loss_for_state(state)
    traces = by_uid(weight_plane_figure(scene, VIEW))
    text = traces["l1-touch"].hovertext[0]
    w = penalized_optimum(loss, "l1", slider_to_value(scene, "penalized", VIEW["slider"]))
    assert f"{w[0]:.4g}" in text and f"{loss(w):.4g}" in text
    assert "penalty" in text and "J0 + λ·P" in text


def test_fit_curves_use_the_touch_point_weights(state, scene):
    loss = loss_for_state(state)
    fits = data_panel.fit_curves(scene, VIEW)
    grid = scene["fit_grid"]
    lam = slider_to_value(scene, "penalized", VIEW["slider"])
    for region, key in (("l1", "l1-fit"), ("l2", "l2-fit")):
        w = penalized_optimum(loss, region, lam)
        b = loss.intercept(w)
        expected = b + w[0] * np.asarray(grid["phi1"]) + w[1] * np.asarray(grid["phi2"])
        np.testing.assert_allclose(fits[key], expected, rtol=1e-12, atol=1e-12)


def test_data_figure_has_a_draggable_shape_per_point(state, scene):
    fig = data_panel.data_figure(state, scene, VIEW)
    assert [t.uid for t in fig.data] == list(data_panel.DATA_TRACE_UIDS)
    assert len(fig.layout.shapes) == len(state["points"]["x"])
    assert fig.layout.shapes[4].xanchor == state["points"]["x"][4]
    assert all(s.editable for s in fig.layout.shapes)


def test_dragging_a_point_updates_state_scene_and_figures(state):
    relayout = {"shapes[2].xanchor": 0.5, "shapes[2].yanchor": 6.0}
    new, scene, plane, data, message = data_panel.problem_outputs("data-plot", relayout, state, {}, VIEW)
    assert message == ""
    assert new["points"]["y"][2] == 6.0
    assert not np.allclose(scene["ols"], loss_for_state(state).ols_point)
    np.testing.assert_allclose(scene["ols"], loss_for_state(new).ols_point)
    # the weight plane comes from drag_plane; the browser has already moved the point, and the
    # data panel is synced there, not resent
    assert plane is data_panel.no_update and data is data_panel.no_update


def moved_point(state: dict, i: int, x: float, y: float) -> dict:
    moved = dict(state, points={"x": list(state["points"]["x"]), "y": list(state["points"]["y"])})
    moved["points"]["x"][i], moved["points"]["y"][i] = x, y
    return moved


def test_a_dragged_point_gets_the_weight_plane_from_drag_plane(state):
    drag = {"shapes[2].xanchor": 0.5, "shapes[2].yanchor": 6.0, "stamp": 3}
    for message in (drag, dict(drag, release=True)):
        ols = by_uid(data_panel.held_plane(message, state, VIEW))["ols-point"]
        np.testing.assert_allclose([ols.x[0], ols.y[0]], loss_for_state(moved_point(state, 2, 0.5, 6.0)).ols_point)
    # the release's answer is the whole plane: skipping what only the browser needs (lasso path,
    # fit grid) changes nothing that is drawn
    plane = data_panel.held_plane(dict(drag, release=True), state, VIEW)
    released = data_panel.problem_outputs("data-plot", {k: v for k, v in drag.items() if k != "stamp"}, state, {}, VIEW)
    assert plane == data_panel.plane_for(released[0], build_scene(released[0]), VIEW)
    with pytest.raises(PreventUpdate):
        data_panel.held_plane({"stamp": 4}, state, VIEW)


def differences(a, b, path=""):
    """The paths at which two JSON-like values differ."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in set(a) | set(b) for d in differences(a.get(k), b.get(k), f"{path}/{k}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b) and any(isinstance(v, dict) for v in a):
        return [d for i, (u, v) in enumerate(zip(a, b)) for d in differences(u, v, f"{path}[{i}]")]
    return [] if a == b else [path]


def test_answers_to_a_held_point_differ_only_in_coordinates(state):
    """What lets plotly redraw a held point's answers without the axes: only x and y change."""
    y = state["points"]["y"][3]
    first, second = (
        data_panel.held_plane({"shapes[3].xanchor": state["points"]["x"][3], "shapes[3].yanchor": y + dy}, state, VIEW)
        for dy in (0.1, 0.3)
    )
    changed = differences(first, second)
    assert changed and {path.rsplit("/", 1)[1] for path in changed} <= {"x", "y"}
    assert first["layout"]["transition"] == {"duration": 0}
    assert all("hovertext" not in trace for trace in first["data"])
    # the window is the plane's before the drag
    before = data_panel.plane_for(state, build_scene(state), VIEW)["layout"]
    assert first["layout"]["xaxis"]["range"] == before["xaxis"]["range"]
    assert first["layout"]["yaxis"]["range"] == before["yaxis"]["range"]


def test_a_held_point_that_takes_the_ols_point_out_of_the_window_gets_a_new_window(state):
    before = data_panel.plane_for(state, build_scene(state), VIEW)["layout"]
    far = {"shapes[3].xanchor": state["points"]["x"][3], "shapes[3].yanchor": 80.0}
    plane = data_panel.held_plane(far, state, VIEW)
    ols = loss_for_state(moved_point(state, 3, far["shapes[3].xanchor"], 80.0)).ols_point
    assert np.max(np.abs(ols)) > before["xaxis"]["range"][1]  # outside the old window
    for axis, w in zip(("xaxis", "yaxis"), ols):
        low, high = plane["layout"][axis]["range"]
        assert low < w < high


def test_a_held_point_in_a_degenerate_place_keeps_the_last_plane(state):
    n = len(state["points"]["x"])
    drag = {f"shapes[{i}].xanchor": 0.2 for i in range(n)}
    drag.update({f"shapes[{i}].yanchor": float(i) for i in range(n)})
    assert data_panel.held_plane(drag, state, VIEW) is data_panel.no_update


def test_a_degenerate_edit_keeps_the_last_valid_figure_and_says_why(state):
    n = len(state["points"]["x"])
    relayout = {f"shapes[{i}].xanchor": 0.2 for i in range(n)}
    relayout.update({f"shapes[{i}].yanchor": float(i) for i in range(n)})
    new, scene, plane, data, message = data_panel.problem_outputs("data-plot", relayout, state, {}, VIEW)
    assert new is data_panel.no_update and scene is data_panel.no_update
    assert "same features" in message
    # the weight plane goes back to the state before the drag (it showed the held positions)
    np.testing.assert_allclose(
        [by_uid(plane)["ols-point"].x[0], by_uid(plane)["ols-point"].y[0]], loss_for_state(state).ols_point
    )
    # the data panel is redrawn from the old state so the dragged points snap back
    assert [s.xanchor for s in go.Figure(data).layout.shapes] == state["points"]["x"]


def test_resample_moves_on_from_the_seed_on_screen(state):
    gen = dict(GENERATOR_DEFAULTS_FOR_TEST, seed=state["seed"])
    new, *_ = data_panel.problem_outputs("resample-button", 1, state, gen, VIEW)
    assert new["seed"] == state["seed"] + 1 and new["points"]["y"] != state["points"]["y"]
    typed = dict(gen, seed=123)
    again, *_ = data_panel.problem_outputs("resample-button", 2, new, typed, VIEW)
    assert again["seed"] == 123  # a typed seed is honoured


def test_resample_and_basis_change(state):
    gen = {"n": 15, "rho": 0.2, "true_w": [0.0, 1.0], "noise": 0.1, "seed": 3}
    new, *_, message = data_panel.problem_outputs("resample-button", 1, state, gen, VIEW)
    assert message == "" and len(new["points"]["x"]) == 15
    controls = {"source": "points", "basis": "x-x2", "rho": state["rho"], "eccentricity": 0.8, "rotation": 30}
    new2, scene2, *_ = data_panel.problem_outputs("problem-controls", controls, new, gen, VIEW)
    assert new2["basis"] == "x-x2" and scene2["feature_names"] == ["x", "x²"]


def test_shape_mode_and_dragging_the_center(state):
    controls = {"source": "shape", "basis": state["basis"], "rho": state["rho"], "eccentricity": 0.8, "rotation": 45}
    new, scene, plane, data, message = data_panel.problem_outputs("problem-controls", controls, state, {}, VIEW)
    assert new["source"] == "shape" and go.Figure(plane).layout.shapes[0].editable
    moved, scene2, *_ = data_panel.problem_outputs(
        "weight-plane", {"shapes[0].xanchor": -1.0, "shapes[0].yanchor": 2.0}, new, {}, VIEW
    )
    np.testing.assert_allclose(scene2["ols"], [-1.0, 2.0], atol=1e-12)


def test_irrelevant_relayout_is_ignored(state):
    from dash.exceptions import PreventUpdate

    with pytest.raises(PreventUpdate):
        data_panel.handle_problem_event("data-plot", {"autosize": True}, state, {})


def test_readout_explains_a_corner_solution(state, scene):
    loss = loss_for_state(state)
    lam_max = lambda_max(loss)
    # find a lam where the lasso has exactly one zero weight
    lams = np.linspace(0.05, 0.99, 60) * lam_max
    lam = next(v for v in lams if np.sum(penalized_optimum(loss, "l1", v) == 0) == 1)
    view = dict(VIEW, slider=math.log10(lam / lam_max))
    sentence = _explanation(readout.update_readout(dict(view, shown=["l1", "l2"]), scene))
    w = penalized_optimum(loss, "l1", lam)
    j = int(np.flatnonzero(w == 0)[0])
    assert f"w{'₁₂'[j]} is exactly 0" in sentence
    grad = loss.gradient(w)[j]
    assert f"{abs(grad):.4g}" in sentence


def test_readout_at_the_top_says_both_zero(scene):
    assert "Both weights are exactly 0" in _explanation(readout.update_readout(dict(VIEW, slider=SLIDER_MAX), scene))


def _explanation(body: str) -> str:
    """The explanation sentence of the readout's HTML, as text."""
    found = re.findall(r'<p class="readout-explanation" id="readout-explanation">(.*?)</p>', body)
    assert len(found) == 1
    return html.unescape(found[0])


def _readout_rows(table: str) -> dict[str, list[str]]:
    """Rows of the readout's HTML table, by row id, as lists of cell texts."""
    rows = {}
    for key, body in re.findall(r'<tr id="readout-(\w+)">(.*?)</tr>', table):
        rows[key] = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", body)
    return rows


def test_readout_table_lists_the_optima_it_names(state, scene):
    loss = loss_for_state(state)
    lam = slider_to_value(scene, "penalized", VIEW["slider"])
    rows = _readout_rows(readout.update_readout(VIEW, scene))
    assert set(rows) == {"ols", "l1", "l2"}  # elastic net is not shown in VIEW
    for key, penalty in (("l1", "l1"), ("l2", "l2")):
        w = penalized_optimum(loss, penalty, lam)
        cells = rows[key]
        assert [float(cells[1]), float(cells[2])] == pytest.approx(w, rel=1e-3, abs=1e-12)
        assert int(cells[3]) == int(np.sum(w == 0.0))
        assert float(cells[7]) == pytest.approx(lam, rel=1e-3)
    assert float(rows["ols"][4]) == pytest.approx(float(loss(loss.ols_point)), rel=1e-3)


def test_data_legend_lists_only_the_fits_drawn():
    from components.legend import data_legend_class

    assert data_legend_class(["l1", "l2"]).split() == ["legend", "hide-en"]
    assert set(data_legend_class([]).split()) == {"legend", "hide-l1", "hide-l2", "hide-en"}
    assert data_legend_class(None) == data_legend_class([])
    assert "no-data" in data_legend_class(["l1"], "shape").split()
    assert "no-data" not in data_legend_class(["l1"], "points").split()


def test_figures_spell_out_what_plotly_would_write_back(state, scene):
    # dcc.Graph deep-copies the layout on every update: a template (compared by identity) or an
    # axis type plotly has to detect (and writes back) turns every update into a full redraw.
    plane, data = data_panel.figures_for(state, scene, VIEW)
    for fig in (plane, data):
        assert "template" not in fig["layout"]
        assert fig["layout"]["xaxis"]["type"] == fig["layout"]["yaxis"]["type"] == "linear"


@pytest.mark.parametrize(
    ("edit", "trigger", "payload"),
    [
        (
            {"op": "move", "shapes[2].xanchor": 0.1, "shapes[2].yanchor": 0.2, "stamp": 4},
            "data-plot",
            {"shapes[2].xanchor": 0.1, "shapes[2].yanchor": 0.2},
        ),
        ({"op": "center", "shapes[0].xanchor": 1.0}, "weight-plane", {"shapes[0].xanchor": 1.0}),
        ({"op": "add", "x": 0.1, "y": 0.2}, "data-edit", {"op": "add", "x": 0.1, "y": 0.2}),
        ({"op": "bogus"}, None, {}),
        (None, None, {}),
    ],
)
def test_a_data_edit_names_the_event_it_stands_for(edit, trigger, payload):
    assert data_panel.edit_event(edit) == (trigger, payload)


def test_a_dragged_point_arrives_as_a_move_edit(state):
    xs, ys = state["points"]["x"], state["points"]["y"]
    trigger, payload = data_panel.edit_event(
        {"op": "move", "shapes[1].xanchor": xs[1] + 0.3, "shapes[1].yanchor": ys[1]}
    )
    new, *_ = data_panel.problem_outputs(trigger, payload, state, {}, VIEW)
    assert new["points"]["x"][1] == pytest.approx(xs[1] + 0.3)
    assert new["points"]["y"] == ys
