"""The p-norm ball on the weight plane: drawn with the diamond's intercept, its touch point the
global minimiser of J0 over the ball (checked against a dense search of the boundary), empty
while it is not shown; the view, the links and the p slider carry its p."""

from __future__ import annotations

import numpy as np
import pytest

from authoring.url_state import encode, page_for_query
from components.penalty_control import P_MAX, P_MIN, p_disabled
from components.plane_traces import LP_UIDS, TRACE_UIDS, moving_traces, touches_for_view
from components.problem import default_state
from components.stores import build_scene
from components.view import initial_view
from components.weight_plane import weight_plane_dict
from geometry.regions import region_size
from geometry.scene import loss_from_scene

from .lab_states import sample_states
from .test_lp_certified import dense_boundary_minimum, excess_scale


def _view(**kw):
    return dict(initial_view(), shown=["l1", "l2", "lp"], **kw)


@pytest.mark.parametrize("name", list(sample_states()))
@pytest.mark.parametrize("p", [0.3, 0.5, 1.5, 4.0])
@pytest.mark.parametrize("mode, slider", [("penalized", -0.6), ("penalized", -1.5), ("constrained", -0.3)])
def test_the_touch_point_is_the_global_optimum_on_the_ball_of_the_diamonds_intercept(name, p, mode, slider):
    scene = build_scene(sample_states()[name])
    loss = loss_from_scene(scene)
    view = _view(p=p, mode=mode, slider=slider)
    traces = moving_traces(scene, view, loss=loss)
    t = touches_for_view(scene, view, loss=loss)["l1"].t
    w = np.array([traces["lp-touch"]["x"][0], traces["lp-touch"]["y"][0]])
    outline = np.c_[traces["lp-region"]["x"], traces["lp-region"]["y"]]
    np.testing.assert_allclose([region_size("lp", v, p=p) for v in outline], t, rtol=1e-12)
    if region_size("lp", loss.ols_point, p=p) <= t:
        np.testing.assert_array_equal(w, loss.ols_point)
        return
    assert region_size("lp", w, p=p) == pytest.approx(t, rel=1e-11)
    brute = dense_boundary_minimum(loss, t, p, num=100_000)
    assert loss(w) <= brute + 1e-12 * excess_scale(loss)
    # the contour through it is drawn with the others
    level = loss(w)
    xs, ys = np.array(traces["touch-contours"]["x"], float), np.array(traces["touch-contours"]["y"], float)
    on = np.isfinite(xs)
    assert np.any(np.abs(loss(np.c_[xs[on], ys[on]]) - level) <= 1e-9 * max(1.0, abs(level)))
    assert "p = " in traces["lp-touch"]["hovertext"][0]


def test_at_p_1_the_ball_is_the_diamond_and_the_touch_points_agree():
    scene = build_scene(default_state())
    traces = moving_traces(scene, _view(p=1.0))
    assert traces["lp-touch"]["x"][0] == pytest.approx(traces["l1-touch"]["x"][0], abs=1e-12)
    assert traces["lp-touch"]["y"][0] == pytest.approx(traces["l1-touch"]["y"][0], abs=1e-12)


def test_an_unshown_ball_is_empty_and_the_figure_always_has_its_traces():
    scene = build_scene(default_state())
    traces = moving_traces(scene, initial_view())
    for uid in LP_UIDS:
        assert traces[uid]["x"] == [] and traces[uid]["visible"] is False
    uids = [trace["uid"] for trace in weight_plane_dict(scene, initial_view())["data"]]
    assert set(LP_UIDS) <= set(uids) and uids == [u for u in TRACE_UIDS if u in uids]


def test_the_p_slider_is_live_only_while_the_ball_is_shown():
    assert p_disabled(["l1", "l2"]) and p_disabled(None) and not p_disabled(["lp"])


def test_a_link_carries_p_and_the_ball_and_refuses_a_p_out_of_range():
    page = page_for_query("show=l1_lp&p=0.7")
    assert page.view["shown"] == ["l1", "lp"] and page.view["p"] == 0.7 and not page.notes
    assert "p=0.7" in encode(page) and "show=l1_lp" in encode(page)
    for bad in (P_MIN - 0.01, P_MAX + 0.5):
        page = page_for_query(f"p={bad}")
        assert page.view["p"] == initial_view()["p"] and page.notes


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_readout_has_a_row_and_a_true_sentence_for_the_ball(lang):
    from components.readout import readout_html
    from components.readout_sentences import explanation

    scene = build_scene(dict(default_state(), lang=lang))
    loss = loss_from_scene(scene)
    for p in (0.5, 2.0):
        view = _view(p=p)
        touches = touches_for_view(scene, view, loss=loss)
        html = readout_html(scene, view)
        assert 'id="readout-lp"' in html
        sentence = explanation(scene, view, touches, lang)
        w = np.array(moving_traces(scene, view, loss=loss)["lp-touch"]["x"] + moving_traces(scene, view)["lp-touch"]["y"])
        zeros = int(np.sum(w == 0.0))
        if lang == "en":
            assert ("not convex" in sentence) == (p < 1)
            assert f"{zeros} of 2 weights exactly 0" in sentence
        else:
            assert ("不是凸的" in sentence) == (p < 1)
    only = explanation(scene, dict(view, shown=["lp"]), touches, lang)
    assert ("p = 2" in only) and ("Tick" not in only)
