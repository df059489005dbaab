"""Figure builders and callbacks, called as plain functions."""

import html
import json
import math
import re

import numpy as np
import plotly.graph_objects as go
import pytest
from dash import no_update
from dash.exceptions import PreventUpdate

from components import data_panel, data_update, edit_sync, readout, stores
from components.client_config import CONFIG_ATTRIBUTE, config_attribute
from components.data_figure import DATA_TRACE_UIDS, data_figure, fit_curves
from components.lambda_control import SLIDER_MAX, slider_to_value
from components.problem import check_problem, default_state, loss_for_state
from components.stores import build_scene
from components.view import view_with_defaults
from components.plane_traces import VIEW_KEYS
from components.weight_plane import (
    EN_UIDS,
    TRACE_INDEX,
    TRACE_UIDS,
    held_plane,
    moving_traces,
    plane_for,
    trace_style,
    weight_plane_dict,
    weight_plane_figure,
)
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


def browser_config() -> dict:
    """The client configuration as the browser reads it: the page's JSON attribute."""
    return json.loads(config_attribute()[CONFIG_ATTRIBUTE])


def by_uid(fig) -> dict:
    if isinstance(fig, dict):
        fig = go.Figure(fig)  # validates the dict the callbacks send
    return {trace.uid: trace for trace in fig.data}


def test_weight_plane_has_every_trace_in_the_fixed_order(scene):
    fig = weight_plane_figure(scene, dict(VIEW, shown=["l1", "l2", "en"]))
    assert tuple(t.uid for t in fig.data) == TRACE_UIDS
    # the browser patches traces by these indices
    trace_index = browser_config()["plane"]["traceIndex"]
    assert trace_index == TRACE_INDEX
    assert {uid: fig.data[i].uid for uid, i in trace_index.items()} == {uid: uid for uid in TRACE_UIDS}
    assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.yaxis.scaleratio == 1


def test_hidden_elastic_net_traces_are_left_out_and_their_styles_travel_with_the_page(scene):
    fig = weight_plane_figure(scene, dict(VIEW, shown=["l1", "l2"]))
    assert tuple(t.uid for t in fig.data) == tuple(uid for uid in TRACE_UIDS if uid not in EN_UIDS)
    assert TRACE_UIDS[-len(EN_UIDS) :] == EN_UIDS  # last: the indices of the others never move
    en_traces = browser_config()["plane"]["enTraces"]
    assert set(en_traces) == set(EN_UIDS)
    shown = {trace["uid"]: trace for trace in weight_plane_dict(scene, dict(VIEW, shown=["en"]))["data"]}
    data_keys = {"x", "y", "visible", "hovertext"}
    for uid in EN_UIDS:
        # what the browser adds when the elastic net is ticked is the server's trace but for its data
        assert en_traces[uid] == trace_style(uid)
        assert {key: value for key, value in shown[uid].items() if key not in data_keys} == en_traces[uid]


def test_a_plane_from_the_server_names_the_view_it_was_drawn_for(state):
    """The λ callback compares layout.meta.server_view with the view on screen when a server
    drawing arrives (λ may have moved meanwhile); both server paths must set it."""
    view = view_with_defaults(dict(VIEW, slider=-1.25, shown=["l2", "en"], l1_ratio=0.3))
    edited = data_update.problem_outputs({"op": "resample"}, state, GENERATOR_DEFAULTS_FOR_TEST, view)[2]
    held = held_plane({"index": 2, "x": 0.5, "y": 6.0, "stamp": 1}, state, view)
    for plane in (edited, held):
        drawn_for = go.Figure(plane).layout.meta["server_view"]  # a valid plotly layout key
        assert drawn_for == {key: view[key] for key in VIEW_KEYS}


@pytest.mark.parametrize("keep", ["value", "ratio"])
def test_a_data_edit_keeps_lambda_or_its_ratio_to_lambda_max(state, keep):
    """The browser publishes the λ its slider stood for; the server draws the new data at that λ
    (clamped into the slider's range) or, keeping the ratio, at the same λ/λ_max."""
    lam = 0.3 * lambda_max(loss_for_state(state))
    view = view_with_defaults(
        dict(VIEW, slider=math.log10(lam / lambda_max(loss_for_state(state))), value=lam, keep=keep)
    )
    new, scene, plane, *_ = data_update.problem_outputs({"op": "resample"}, state, GENERATOR_DEFAULTS_FOR_TEST, view)
    loss = loss_for_state(new)
    drawn = go.Figure(plane).layout.meta["server_view"]
    want = lam if keep == "value" else lambda_max(loss) * 10.0 ** view["slider"]
    assert lambda_max(loss) * 10.0 ** drawn["slider"] == pytest.approx(want, rel=1e-12)
    touch = by_uid(plane)["l1-touch"]
    np.testing.assert_allclose([touch.x[0], touch.y[0]], penalized_optimum(loss, "l1", want), atol=1e-9)


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


#: a number as the lab writes it (components.formatting.format_number): 4 significant digits
NUMBER = r"(-?\d+(?:\.\d+)?(?:e[+-]\d+)?)"


def assert_four_digits(text: str, value: float) -> None:
    """``text`` is the finite ``value`` rounded to 4 significant digits: off by at most half a unit in the 4th."""
    shown = float(text)
    digits = re.sub(r"e.*|[-.]", "", text).strip("0")
    assert len(digits) <= 4, text
    assert shown == pytest.approx(value, rel=5.01e-4, abs=1e-300), (text, value)


@pytest.mark.parametrize("fraction", [0.01, 0.3, 0.9])
def test_hover_on_a_touch_point_reports_w_j0_penalty_and_total(state, scene, fraction):
    loss = loss_for_state(state)
    view = dict(VIEW, slider=math.log10(fraction))
    traces = by_uid(weight_plane_figure(scene, view))
    lam = fraction * lambda_max(loss)
    # P(w) and the region's size t through w: ||w||_1 and ||w||_1; ||w||^2 and ||w||
    for region, penalty, size in (
        ("l1", lambda w: np.abs(w).sum(), lambda w: np.abs(w).sum()),
        ("l2", lambda w: float(w @ w), np.linalg.norm),
    ):
        text = html.unescape(traces[f"{region}-touch"].hovertext[0])
        w = penalized_optimum(loss, region, lam)
        found = re.search(
            rf"w = \({NUMBER}, {NUMBER}\)<br>J0 = {NUMBER}<br>penalty P\(w\) = {NUMBER}<br>"
            rf"J0 \+ λ·P = {NUMBER}<br>λ = {NUMBER}, t = {NUMBER}",
            text,
        )
        assert found, text
        w1, w2, j0, pen, total, lam_text, t_text = found.groups()
        for shown, value in (
            (w1, w[0]),
            (w2, w[1]),
            (j0, loss(w)),
            (pen, penalty(w)),
            (total, loss(w) + lam * penalty(w)),
            (lam_text, lam),
            (t_text, size(w)),
        ):
            assert_four_digits(shown, value)


def test_fit_curves_use_the_touch_point_weights(state, scene):
    loss = loss_for_state(state)
    fits = fit_curves(scene, VIEW)
    grid = scene["fit_grid"]
    lam = slider_to_value(scene, "penalized", VIEW["slider"])
    for region, key in (("l1", "l1-fit"), ("l2", "l2-fit")):
        w = penalized_optimum(loss, region, lam)
        b = loss.intercept(w)
        expected = b + w[0] * np.asarray(grid["phi1"]) + w[1] * np.asarray(grid["phi2"])
        np.testing.assert_allclose(fits[key], expected, rtol=1e-12, atol=1e-12)


def test_data_figure_has_a_draggable_shape_per_point(state, scene):
    fig = data_figure(state, scene, VIEW)
    assert [t.uid for t in fig.data] == list(DATA_TRACE_UIDS)
    assert len(fig.layout.shapes) == len(state["points"]["x"])
    assert fig.layout.shapes[4].xanchor == state["points"]["x"][4]
    assert all(s.editable for s in fig.layout.shapes)


def test_dragging_a_point_updates_state_scene_and_figures(state):
    release = {"op": "move", "index": 2, "x": 0.5, "y": 6.0}
    new, scene, plane, data, message = data_update.problem_outputs(release, state, {}, VIEW)
    assert message == ""
    assert (new["points"]["x"][2], new["points"]["y"][2]) == (0.5, 6.0)
    assert not np.allclose(scene["ols"], loss_for_state(state).ols_point)
    np.testing.assert_allclose(scene["ols"], loss_for_state(new).ols_point)
    # the weight plane comes from drag_plane; the browser has already moved the point, and the
    # data panel is synced there, not resent
    assert plane is no_update and data is no_update


def moved_point(state: dict, i: int, x: float, y: float) -> dict:
    moved = dict(state, points={"x": list(state["points"]["x"]), "y": list(state["points"]["y"])})
    moved["points"]["x"][i], moved["points"]["y"][i] = x, y
    return moved


def test_a_dragged_point_gets_the_weight_plane_from_drag_plane(state):
    drag = {"index": 2, "x": 0.5, "y": 6.0, "stamp": 3, "edits": []}
    for message in (drag, dict(drag, release=True)):
        ols = by_uid(held_plane(message, state, VIEW))["ols-point"]
        np.testing.assert_allclose([ols.x[0], ols.y[0]], loss_for_state(moved_point(state, 2, 0.5, 6.0)).ols_point)
    # the release's answer is the whole plane: skipping what only the browser needs (lasso path,
    # fit grid) changes nothing that is drawn
    plane = held_plane(dict(drag, release=True), state, VIEW)
    released = data_update.problem_outputs({"op": "move", "index": 2, "x": 0.5, "y": 6.0}, state, {}, VIEW)
    assert plane == plane_for(released[0], build_scene(released[0]), VIEW)
    # a message that names no point draws nothing
    for nothing in ({"stamp": 4}, {"index": None, "x": 0.5, "y": 6.0, "stamp": 4}, None):
        with pytest.raises(PreventUpdate):
            held_plane(nothing, state, VIEW)


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
        held_plane({"index": 3, "x": state["points"]["x"][3], "y": y + dy}, state, VIEW) for dy in (0.1, 0.3)
    )
    changed = differences(first, second)
    assert changed and {path.rsplit("/", 1)[1] for path in changed} <= {"x", "y"}
    assert first["layout"]["transition"] == {"duration": 0}
    assert all("hovertext" not in trace for trace in first["data"])
    # the window is the plane's before the drag
    before = plane_for(state, build_scene(state), VIEW)["layout"]
    assert first["layout"]["xaxis"]["range"] == before["xaxis"]["range"]
    assert first["layout"]["yaxis"]["range"] == before["yaxis"]["range"]


def test_a_held_point_that_takes_the_ols_point_out_of_the_window_gets_a_new_window(state):
    before = plane_for(state, build_scene(state), VIEW)["layout"]
    far = {"index": 3, "x": state["points"]["x"][3], "y": 80.0}
    plane = held_plane(far, state, VIEW)
    ols = loss_for_state(moved_point(state, 3, far["x"], 80.0)).ols_point
    assert np.max(np.abs(ols)) > before["xaxis"]["range"][1]  # outside the old window
    for axis, w in zip(("xaxis", "yaxis"), ols):
        low, high = plane["layout"][axis]["range"]
        assert low < w < high


def one_x_apart(state: dict, i: int) -> dict:
    """The state with every point at x = 0.2 but point i: moving point i there too leaves a flat loss."""
    n = len(state["points"]["x"])
    xs = [0.2] * n
    xs[i] = 0.6
    apart = dict(state, points={"x": xs, "y": [float(k) for k in range(n)]})
    check_problem(apart)  # drawable, if only just
    return apart


def test_a_held_point_in_a_degenerate_place_keeps_the_last_plane(state):
    apart = one_x_apart(state, 3)
    assert held_plane({"index": 3, "x": 0.2, "y": 1.0, "stamp": 1}, apart, VIEW) is no_update
    assert held_plane({"index": 3, "x": 0.2, "y": 1.0, "stamp": 1, "release": True}, apart, VIEW) is no_update
    assert held_plane({"index": 3, "x": 0.25, "y": 1.0, "stamp": 1}, apart, VIEW) is not no_update


def test_a_degenerate_edit_keeps_the_last_valid_figure_and_says_why(state):
    apart = one_x_apart(state, 3)
    release = {"op": "move", "index": 3, "x": 0.2, "y": 1.0}
    new, scene, plane, data, message = data_update.problem_outputs(release, apart, {}, VIEW)
    assert new is no_update and scene is no_update
    assert "same features" in message
    # the weight plane goes back to the state before the drag (it showed the held positions)
    np.testing.assert_allclose(
        [by_uid(plane)["ols-point"].x[0], by_uid(plane)["ols-point"].y[0]], loss_for_state(apart).ols_point
    )
    # the data panel is redrawn from the old state so the dragged point snaps back
    assert [s.xanchor for s in go.Figure(data).layout.shapes] == apart["points"]["x"]
    assert [s.yanchor for s in go.Figure(data).layout.shapes] == apart["points"]["y"]


def test_resample_moves_on_from_the_seed_on_screen(state):
    gen = dict(GENERATOR_DEFAULTS_FOR_TEST, seed=state["seed"])
    new, *_ = data_update.problem_outputs({"op": "resample"}, state, gen, VIEW)
    assert new["seed"] == state["seed"] + 1 and new["points"]["y"] != state["points"]["y"]
    typed = dict(gen, seed=123)
    again, *_ = data_update.problem_outputs({"op": "resample"}, new, typed, VIEW)
    assert again["seed"] == 123  # a typed seed is honoured


def test_resample_and_basis_change(state):
    gen = {"n": 15, "rho": 0.2, "true_w": [0.0, 1.0], "noise": 0.1, "seed": 3}
    new, *_, message = data_update.problem_outputs({"op": "resample"}, state, gen, VIEW)
    assert message == "" and len(new["points"]["x"]) == 15
    controls = {"source": "points", "basis": "x-x2", "rho": state["rho"], "eccentricity": 0.8, "rotation": 30}
    new2, scene2, *_ = data_update.problem_outputs({"op": "controls", **controls}, new, gen, VIEW)
    assert new2["basis"] == "x-x2" and scene2["feature_names"] == ["x", "x²"]


def test_shape_mode_and_dragging_the_center(state):
    controls = {"source": "shape", "basis": state["basis"], "rho": state["rho"], "eccentricity": 0.8, "rotation": 45}
    new, scene, plane, data, message = data_update.problem_outputs({"op": "controls", **controls}, state, {}, VIEW)
    assert new["source"] == "shape" and go.Figure(plane).layout.shapes[0].editable
    moved, scene2, plane2, *_ = data_update.problem_outputs({"op": "center", "x": -1.0, "y": 2.0}, new, {}, VIEW)
    np.testing.assert_allclose(scene2["ols"], [-1.0, 2.0], atol=1e-12)
    assert moved["shape"]["center"] == [-1.0, 2.0]
    # the draggable centre is drawn where the OLS point now is
    centre = go.Figure(plane2).layout.shapes[0]
    assert (centre.xanchor, centre.yanchor) == pytest.approx((-1.0, 2.0), abs=1e-12)


@pytest.mark.parametrize(
    "edit",
    [
        {"op": "center", "x": 1.0, "y": 1.0},  # the OLS centre is not draggable in data mode
        {"op": "controls", "source": "points", "basis": "correlated", "rho": 0.6},  # as they are
    ],
)
def test_an_edit_that_changes_nothing_is_ignored(state, edit):
    assert (state["source"], state["basis"], state["rho"]) == ("points", "correlated", 0.6)
    with pytest.raises(PreventUpdate):
        data_update.problem_outputs(edit, state, {}, VIEW)


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
    found = re.search(rf"\|∂J0/∂w{'₁₂'[j]}\| = {NUMBER} ≤ λ = {NUMBER}", sentence)
    assert found, sentence
    assert_four_digits(found.group(1), abs(grad))
    assert_four_digits(found.group(2), lam)
    assert abs(grad) <= lam  # the KKT condition of a zero weight, as the sentence says


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
        for cell, value in zip(cells[1:3], w):
            if value == 0.0:
                assert cell == "0"
            else:
                assert_four_digits(cell, value)
        assert int(cells[3]) == int(np.sum(w == 0.0))
        assert_four_digits(cells[7], lam)
    assert_four_digits(rows["ols"][4], float(loss(loss.ols_point)))


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
    ("entry", "event"),
    [
        (
            {"op": "move", "index": 2, "x": 0.1, "y": 0.2, "stamp": 4},
            ({"op": "move", "index": 2, "x": 0.1, "y": 0.2}, {"edit_stamp": 4}),
        ),
        ({"op": "center", "x": 1.0, "y": -0.5, "stamp": 4}, ({"op": "center", "x": 1.0, "y": -0.5}, {"edit_stamp": 4})),
        ({"op": "add", "x": 0.1, "y": 0.2, "stamp": 4}, ({"op": "add", "x": 0.1, "y": 0.2}, {"edit_stamp": 4})),
        ({"op": "remove", "index": None, "stamp": 4}, ({"op": "remove", "index": None}, {"edit_stamp": 4})),
        # a malformed edit still goes on, to be refused with a message and its stamp recorded
        ({"op": "bogus", "stamp": 4}, ({"op": "bogus"}, {"edit_stamp": 4})),
        ({"op": "move", "index": 2, "stamp": 4}, ({"op": "move", "index": 2}, {"edit_stamp": 4})),
    ],
)
def test_a_data_edit_entry_becomes_the_edit_it_stands_for(state, entry, event):
    assert edit_sync.pending_events({"edits": [entry]}, None, None, dict(state, edit_stamp=3)) == [event]


@pytest.mark.parametrize(
    "data_edit",
    [None, {}, {"edits": None}, {"edits": "junk"}, {"edits": [None, "junk", 3]}, {"edits": [{"op": "add"}]}],
)
def test_no_data_edit_stands_for_no_event(state, data_edit):
    assert edit_sync.pending_events(data_edit, None, None, state) == []


def test_controls_and_resample_clicks_become_edits(state):
    controls = {"source": "points", "basis": "x-x2", "rho": 0.2, "eccentricity": 0.8, "rotation": 30}
    events = edit_sync.pending_events(None, 2, controls, dict(state, resample_clicks=1))
    assert events == [({**controls, "op": "controls"}, {}), ({"op": "resample"}, {"resample_clicks": 2})]
    # a click the state has seen is no event; nor are controls not yet touched
    assert edit_sync.pending_events(None, 1, None, dict(state, resample_clicks=1)) == []


def test_a_dragged_point_arrives_as_a_move_edit(state):
    xs, ys = state["points"]["x"], state["points"]["y"]
    entry = {"op": "move", "index": 1, "x": xs[1] + 0.3, "y": ys[1], "stamp": 1}
    events = edit_sync.pending_events({"edits": [entry]}, None, None, state)
    new, *_ = data_update.events_outputs(events, state, {}, VIEW)
    assert new["points"]["x"][1] == pytest.approx(xs[1] + 0.3)
    assert new["points"]["y"] == ys and new["edit_stamp"] == 1
