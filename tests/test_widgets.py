"""The data panel's widgets on the server: the generator's boxes and seed, nearly degenerate data,
the data window the browser keeps points in."""

import json
import math

import numpy as np
import pytest
from dash import dcc, no_update
from plotly.utils import PlotlyJSONEncoder

from components import data_panel, data_update
from components.data_figure import DATA_TRACE_INDEX, data_figure_dict
from components.problem import (
    GENERATOR_LIMITS,
    MAX_CONDITION,
    ProblemError,
    add_point,
    default_state,
    loss_for_state,
    move_points,
    resample,
)
from components.stores import build_scene
from geometry.basis import X_RANGE

VIEW = {"slider": math.log10(0.3), "mode": "penalized", "shown": ["l1", "l2"], "l1_ratio": 0.5}
GENERATOR = {"n": 20, "true_w": [1.2, 0.35], "noise": 0.25, "seed": 7}


def boxes(**typed) -> tuple:
    """The generator boxes' values (n, w1, w2, noise, seed) as the page holds them."""
    g = {**GENERATOR, **typed}
    return g["n"], g["true_w"][0], g["true_w"][1], g["noise"], g["seed"]


# ---------------------------------------------------------------------------- the seed
@pytest.mark.parametrize("seed", [0, 1, 2**32 - 1])
def test_seeds_from_0_to_2_to_the_32_minus_1_are_taken(seed):
    new = resample(default_state(), {**GENERATOR, "rho": 0.6, "seed": seed})
    assert new["seed"] == seed
    json.dumps(new, cls=PlotlyJSONEncoder)  # the store can carry it


@pytest.mark.parametrize("seed", [2**32, 1e20, 99999999999999999999, -1])
def test_a_seed_out_of_range_is_refused_with_a_message(seed):
    with pytest.raises(ProblemError, match=r"seed must be a whole number from 0 to 4294967295"):
        resample(default_state(), {**GENERATOR, "rho": 0.6, "seed": seed})


def test_a_huge_seed_through_the_callback_keeps_the_state_and_says_why():
    state = default_state()
    new, scene, plane, data, message, seed = data_update.update_problem(None, 1, None, state, VIEW, *boxes(seed=1e20))
    assert "seed must be" in message and seed is no_update and scene is no_update
    assert new["points"] == state["points"] and new["resample_clicks"] == 1


def test_a_typed_seed_is_used():
    """The click on Resample commits the typed seed to its box, and the server reads the box."""
    state = resample(default_state(), {**GENERATOR, "rho": 0.6, "seed": 10})
    new, *_, seed_box = data_update.update_problem(None, 1, None, state, VIEW, *boxes(seed=7))
    assert new["seed"] == 7 and seed_box == 7
    assert new["points"] == resample(state, {**GENERATOR, "rho": state["rho"], "seed": 7})["points"]


def test_an_untouched_seed_moves_on_from_the_data_on_screen():
    state = resample(default_state(), {**GENERATOR, "rho": 0.6, "seed": 10})
    new, *_, seed_box = data_update.update_problem(None, 1, None, state, VIEW, *boxes(seed=10))
    assert new["seed"] == 11 and seed_box == 11


def _inputs(component) -> dict:
    """The dcc.Input components under ``component``, by id."""
    found = {}

    def walk(node):
        if isinstance(node, dcc.Input):
            found[node.id] = node
        children = getattr(node, "children", None)
        for child in children if isinstance(children, (list, tuple)) else [children]:
            if child is not None and hasattr(child, "to_plotly_json"):
                walk(child)

    for part in component:
        walk(part)
    return found


def test_bounded_boxes_have_both_bounds_and_their_defaults_on_the_step_grid():
    """Dash's "+"/"−" give NaN (an empty box) when a box has a min but no max."""
    state = default_state()
    inputs = _inputs(data_panel.layout(state, {}, None))
    for box in data_panel.GENERATOR_BOXES:
        field = inputs[box]
        assert (getattr(field, "min", None) is None) == (getattr(field, "max", None) is None), box
        assert not getattr(field, "debounce", False), box  # a debounced box drops a retyped value
        step = getattr(field, "step", None)
        if step is not None:
            base = getattr(field, "min", None) or 0
            ratio = (field.value - base) / step
            assert abs(ratio - round(ratio)) < 1e-9, box
    assert (inputs["generator-seed"].min, inputs["generator-seed"].max) == (0, 2**32 - 1)
    assert GENERATOR_LIMITS["seed"] == (0, 2**32 - 1, 1)


# ---------------------------------------------------------------------------- nearly degenerate data
def test_three_x_within_0_006_are_refused_with_a_message():
    state = default_state()
    near = dict(state, points={"x": [0.3, 0.303, 0.306], "y": [0.1, 0.5, 0.2]})
    loss = loss_for_state(near)
    low, high = loss.eigenvalues
    assert loss.rank == 2 and high / low > MAX_CONDITION  # the case the issue met
    assert np.abs(loss.ols_point).max() > 1e3  # OLS far off: a plane window of thousands
    from components.problem import check_problem

    with pytest.raises(ProblemError, match="nearly share their features"):
        check_problem(near)


def test_dragging_points_together_is_refused_before_the_picture_breaks():
    state = dict(default_state(), points={"x": [-0.9, 0.3, 0.9], "y": [0.1, 0.5, 0.2]})
    moved = move_points(state, {0: (-0.3, 0.1)})  # still apart: drawn
    assert loss_for_state(moved).rank == 2
    with pytest.raises(ProblemError, match="Spread the points along x"):
        move_points(moved, {2: (0.302, 0.2), 0: (0.304, 0.1)})


def test_an_exactly_flat_direction_is_still_drawn_as_a_valley():
    """x and x³ agree at −1, 0, 1: H has rank 1, a valley the lab draws (not 'nearly' singular)."""
    state = dict(default_state(), basis="x-x3", points={"x": [-1.0, 0.0, 1.0], "y": [0.0, 0.5, 1.0]})
    from components.problem import check_problem

    assert check_problem(state).rank == 1


@pytest.mark.parametrize("seed", range(10))
def test_generated_data_are_never_refused_as_nearly_degenerate(seed):
    for basis in ("x-x2", "x-x3", "correlated", "sin-cos"):
        for rho in (-0.95, 0.95):
            resample(dict(default_state(), basis=basis), {**GENERATOR, "n": 3, "rho": rho, "seed": seed})


# ---------------------------------------------------------------------------- the data window
def test_the_data_panel_draws_the_data_window_edges():
    state = default_state()
    fig = data_figure_dict(state, build_scene(state), VIEW)
    window = fig["data"][DATA_TRACE_INDEX["data-window"]]
    assert window["uid"] == "data-window" and window["hoverinfo"] == "skip"
    assert [window["x"][0], window["x"][-1]] == list(X_RANGE)
    lo, hi = fig["layout"]["xaxis"]["range"]
    assert lo < X_RANGE[0] and X_RANGE[1] < hi  # visible inside the plot


def test_the_server_still_keeps_points_in_the_window():
    state = default_state()
    assert add_point(state, 1.4, 0.0)["points"]["x"][-1] == X_RANGE[1]
    assert move_points(state, {0: (-3.0, 0.0)})["points"]["x"][0] == X_RANGE[0]
