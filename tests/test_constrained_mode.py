"""Constrained mode: one t is every region's intercept on the axes (the elastic net included)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from components.plane_traces import moving_traces, touches_for_view
from components.problem import default_state
from components.stores import build_scene
from geometry import constrained_optimum, region_size
from geometry.scene import loss_from_scene


@pytest.fixture(scope="module")
def scene():
    return build_scene(default_state())


def view(mode: str, slider: float, r: float) -> dict:
    return {"mode": mode, "slider": slider, "shown": ["l1", "l2", "en"], "l1_ratio": r}


@pytest.mark.parametrize("slider", [-1.5, -0.6, -0.2])
def test_the_elastic_net_at_r_0_is_the_circle_and_at_r_1_the_diamond(scene, slider):
    for r, twin in ((0.0, "l2"), (1.0, "l1")):
        traces = moving_traces(scene, view("constrained", slider, r))
        en = np.c_[traces["en-region"]["x"], traces["en-region"]["y"]]
        t = region_size(twin, [traces[f"{twin}-region"]["x"][0], traces[f"{twin}-region"]["y"][0]])
        np.testing.assert_allclose([region_size(twin, p) for p in en], t, rtol=1e-12)
        en_touch = traces["en-touch"]["x"] + traces["en-touch"]["y"]
        np.testing.assert_allclose(en_touch, traces[f"{twin}-touch"]["x"] + traces[f"{twin}-touch"]["y"], atol=1e-9)


@pytest.mark.parametrize("r", [0.25, 0.5, 0.8])
def test_a_mixed_region_crosses_the_axes_at_the_slider_t(scene, r):
    v = view("constrained", -0.4, r)
    touches = touches_for_view(scene, v)
    t = touches["l1"].t  # the slider's t (the diamond's intercept)
    assert touches["elasticnet"].t == t
    traces = moving_traces(scene, v)
    xs, ys = np.asarray(traces["en-region"]["x"]), np.asarray(traces["en-region"]["y"])
    on_axis = np.isclose(ys, 0.0, atol=1e-15) & (xs > 0)
    assert xs[on_axis].max() == pytest.approx(t, rel=1e-12)
    # and the touch point is the constrained optimum of the region r|w|_1 + (1-r)|w|^2 <= r t + (1-r) t^2
    loss = loss_from_scene(scene)
    want = constrained_optimum(loss, "elasticnet", r * t + (1 - r) * t * t, l1_ratio=r)
    np.testing.assert_allclose(touches["elasticnet"].w, want, atol=1e-9)


def test_in_penalized_mode_the_elastic_net_t_is_its_intercept_too(scene):
    r = 0.3
    touch = touches_for_view(scene, view("penalized", math.log10(0.2), r))["elasticnet"]
    size = region_size("elasticnet", touch.w, l1_ratio=r)
    # the boundary through w meets the w1 axis at (t, 0)
    assert region_size("elasticnet", [touch.t, 0.0], l1_ratio=r) == pytest.approx(size, rel=1e-12)
