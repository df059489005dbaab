"""The norm-family panel: its model's touch points at the lab's t, the figure, the sentence, the callback."""

import numpy as np
import pytest
from dash.exceptions import PreventUpdate

from components import norm_panel as npn
from components.problem import default_state
from components.stores import build_scene
from components.view import initial_view
from geometry.regions import region_size
from geometry.scene import loss_from_scene


@pytest.fixture(scope="module")
def scene():
    return build_scene({**default_state(), "lang": "en"})


def boundary_min(loss, region, t, p=2.0, r=0.5, num=400_001):
    theta = np.linspace(0, 2 * np.pi, num)
    c, s = np.cos(theta), np.sin(theta)
    if region == "l1":
        n = np.abs(c) + np.abs(s)
    elif region == "l2":
        n = np.ones_like(c)
    else:
        n = (np.abs(c) ** p + np.abs(s) ** p) ** (1 / p)
    return float(loss(t * np.c_[c / n, s / n]).min())


@pytest.mark.parametrize(("region", "p"), [("l1", 2.0), ("l2", 2.0), ("lp", 0.3), ("lp", 0.7), ("lp", 3.0)])
def test_touch_point_is_the_minimum_on_the_region_of_the_labs_t(scene, region, p):
    view = {**initial_view(), "slider": -0.6}
    model = npn.norm_model(scene, view, region, p)
    loss = loss_from_scene(scene)
    # t is the L1 touch point's ||w||_1 (penalized mode)
    from components.plane_traces import touches_for_view

    assert model["t"] == pytest.approx(float(np.abs(touches_for_view(scene, view)["l1"].w).sum()), rel=1e-12)
    size = region_size(region, model["w"], p=p)
    assert size == pytest.approx(model["t"], rel=1e-9)
    assert loss(np.array(model["w"])) <= boundary_min(loss, region, model["t"], p=p) + 1e-12


def test_constrained_mode_uses_the_sliders_t(scene):
    view = {**initial_view(), "mode": "constrained", "slider": -0.3}
    model = npn.norm_model(scene, view, "lp", 0.5)
    ref = float(np.abs(np.array(scene["ols"])).sum())
    assert model["t"] == pytest.approx(ref * 10**-0.3, rel=1e-9)


def test_figure_and_sentences(scene):
    model = npn.norm_model(scene, initial_view(), "lp", 0.3)
    fig = npn.norm_figure(scene, model)
    assert [t["uid"] for t in fig["data"]] == list(npn.NORM_TRACE_UIDS)
    touch = fig["data"][npn.NORM_TRACE_INDEX["norm-touch"]]
    assert [touch["x"][0], touch["y"][0]] == model["w"]
    assert fig["layout"]["meta"]["norm"] == model
    sentence = npn.norm_text(model)
    assert "not convex" in sentence and "global optimum" in sentence
    assert "不是凸的" in npn.norm_text(model, lang="zh")
    assert "convex: the touch point is the one minimum" in npn.norm_text(npn.norm_model(scene, initial_view(), "lp", 2.5))


@pytest.mark.parametrize(("region", "p", "match"), [("l9", 1.0, "region must be one of"), ("lp", 0.1, r"p must be a number in \[0.3, 4")])
def test_model_rejects_bad_arguments(scene, region, p, match):
    with pytest.raises(ValueError, match=match):
        npn.norm_model(scene, initial_view(), region, p)


def test_update_figure(scene):
    with pytest.raises(PreventUpdate):
        npn.update_figure(None, scene, {})
    fig, sentence = npn.update_figure({"view": initial_view(), "region": "elasticnet", "p": 1.0}, scene, {"lang": "en"})
    assert fig["data"][1]["name"] == "elastic net"
    fig, sentence = npn.update_figure({"view": initial_view(), "region": "lp", "p": 9}, scene, {"lang": "en"})
    assert "cannot be drawn" in sentence  # a bad p: a message, the figure stays
