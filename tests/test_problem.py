"""The lab-state: defaults, edits, refusals of degenerate problems, move and center edits."""

import math

import numpy as np
import pytest
from dash.exceptions import PreventUpdate

from components.data_edit import apply_edit
from components.problem import (
    MIN_POINTS,
    ProblemError,
    add_point,
    check_problem,
    default_state,
    loss_for_state,
    move_points,
    remove_point,
    resample,
)
from geometry import QuadraticLoss
from geometry.basis import X_RANGE, design_matrix, synthetic_data


def test_default_state_is_a_drawable_correlated_problem():
    state = default_state()
    loss = check_problem(state)
    assert state["source"] == "points" and len(state["points"]["x"]) >= MIN_POINTS
    # The default shows what the lab is about: correlated features (tilted ellipses).
    h = loss.hessian
    corr = h[0, 1] / math.sqrt(h[0, 0] * h[1, 1])
    assert corr > 0.3
    # ... and the loss is exactly the data's least-squares loss in the chosen basis.
    X = design_matrix(state["basis"], state["points"]["x"], rho=state["rho"])
    expected = QuadraticLoss.from_data(X, np.asarray(state["points"]["y"]))
    np.testing.assert_allclose(loss.hessian, expected.hessian)


def test_moving_a_point_changes_the_loss_and_keeps_the_rest():
    state = default_state()
    new = move_points(state, {0: (0.9, 5.0)})
    assert new["points"]["y"][0] == 5.0 and new["points"]["x"][0] == 0.9
    assert new["points"]["x"][1:] == state["points"]["x"][1:]
    assert state["points"]["y"][0] != 5.0  # the old state is untouched
    assert not np.allclose(loss_for_state(new).ols_point, loss_for_state(state).ols_point)


def test_x_is_clipped_to_the_data_window():
    new = move_points(default_state(), {2: (7.0, 0.0)})
    assert new["points"]["x"][2] == X_RANGE[1]


def test_moving_all_points_to_one_x_is_refused():
    state = default_state()
    n = len(state["points"]["x"])
    with pytest.raises(ProblemError, match="same features"):
        move_points(state, {i: (0.25, float(i)) for i in range(n)})


def test_constant_y_is_refused():
    state = default_state()
    n = len(state["points"]["x"])
    with pytest.raises(ProblemError, match="constant y"):
        move_points(state, {i: (state["points"]["x"][i], 1.0) for i in range(n)})


def test_add_and_remove_points():
    state = default_state()
    n = len(state["points"]["x"])
    more = add_point(state, 0.5, 2.0)
    assert len(more["points"]["x"]) == n + 1 and more["points"]["y"][-1] == 2.0
    x0, y0 = state["points"]["x"][3], state["points"]["y"][3]
    fewer = remove_point(state, 3)
    assert len(fewer["points"]["x"]) == n - 1
    assert (x0, y0) not in zip(fewer["points"]["x"], fewer["points"]["y"])
    # the others keep their order
    rest = [p for k, p in enumerate(zip(state["points"]["x"], state["points"]["y"])) if k != 3]
    assert list(zip(fewer["points"]["x"], fewer["points"]["y"])) == rest
    assert len(state["points"]["x"]) == n  # the old state is untouched


@pytest.mark.parametrize("index", [-1, -20, 20, 10**6])
def test_removing_a_point_that_is_not_there_is_refused(index):
    state = default_state()
    assert len(state["points"]["x"]) == 20
    with pytest.raises(ProblemError, match="There is no point number"):
        remove_point(state, index)


def test_cannot_remove_below_the_minimum():
    state = resample(default_state(), {"n": MIN_POINTS, "rho": 0.5, "true_w": [1, 1], "noise": 0.1, "seed": 1})
    with pytest.raises(ProblemError, match=f"At least {MIN_POINTS} points"):
        remove_point(state, 0)


def test_resample_follows_the_generator():
    params = {"n": 12, "rho": 0.3, "true_w": [2.0, -1.0], "noise": 0.0, "seed": 4}
    state = resample(default_state(), params)
    x, y = synthetic_data(n=12, basis=state["basis"], rho=0.3, true_w=[2.0, -1.0], noise=0.0, seed=4)
    np.testing.assert_allclose(state["points"]["x"], x)
    # noiseless data: OLS recovers the true weights
    np.testing.assert_allclose(loss_for_state(state).ols_point, [2.0, -1.0], atol=1e-9)


@pytest.mark.parametrize(
    ("params", "match"),
    [
        ({"n": 1, "rho": 0.5, "true_w": [1, 1], "noise": 0.1, "seed": 0}, "n must be a whole number"),
        ({"n": 10, "rho": 0.5, "true_w": [1, 1], "noise": -1, "seed": 0}, "noise must be"),
        ({"n": 10, "rho": 0.5, "true_w": [1, None], "noise": 0.1, "seed": 0}, "true w₂ must be a number"),
        (
            {"n": None, "rho": 0.5, "true_w": [1, 1], "noise": 0.1, "seed": 0},
            "n points must be a whole number from 3 to 200",
        ),
        ({"n": 10, "rho": 0.5, "true_w": [1, 1], "noise": None, "seed": 0}, "noise σ must be a number ≥ 0"),
        ({"n": 10, "rho": 0.5, "true_w": [1, 1], "noise": 0.1, "seed": -2}, "seed must be"),
        ({"n": 10.5, "rho": 0.5, "true_w": [1, 1], "noise": 0.1, "seed": 0}, "n must be a whole number"),
    ],
)
def test_bad_generator_settings_are_refused_with_a_message(params, match):
    with pytest.raises(ProblemError, match=match):
        resample(default_state(), params)


def test_shape_state_gives_the_ellipse_loss():
    state = dict(default_state(), source="shape")
    state["shape"] = {"center": [1.0, -0.5], "ratio": 0.5, "angle": 90.0}
    loss = check_problem(state)
    np.testing.assert_allclose(loss.ols_point, [1.0, -0.5], atol=1e-12)
    # rotated by 90 degrees: the long axis (length 1) is vertical
    assert loss.hessian[1, 1] < loss.hessian[0, 0]


@pytest.mark.parametrize(
    ("edit", "index", "expected"),
    [
        ({"op": "move", "index": 3, "x": 0.2, "y": 1.5}, 3, (0.2, 1.5)),
        ({"op": "move", "index": 0, "x": -0.75, "y": -2.0}, 0, (-0.75, -2.0)),
        # integers are numbers too; x is clipped to the data window
        ({"op": "move", "index": 19, "x": 5, "y": 2}, 19, (X_RANGE[1], 2.0)),
        # fields the op does not use are ignored
        ({"op": "move", "index": 1, "x": 0.1, "y": 0.3, "xscale": 0.01}, 1, (0.1, 0.3)),
    ],
)
def test_a_move_edit_moves_the_point_it_names(edit, index, expected):
    state = default_state()
    new = apply_edit(state, edit, {})
    assert (new["points"]["x"][index], new["points"]["y"][index]) == pytest.approx(expected)
    others = [k for k in range(len(state["points"]["x"])) if k != index]
    for axis in ("x", "y"):
        assert [new["points"][axis][k] for k in others] == [state["points"][axis][k] for k in others]


@pytest.mark.parametrize(("x", "y"), [(1.1, 0.2), (-1.0, 2.0), (0, 0.5)])
def test_a_center_edit_moves_the_ellipses_in_loss_shape_mode(x, y):
    state = dict(default_state(), source="shape")
    new = apply_edit(state, {"op": "center", "x": x, "y": y}, {})
    assert new["shape"]["center"] == [x, y]
    assert (new["shape"]["ratio"], new["shape"]["angle"]) == (state["shape"]["ratio"], state["shape"]["angle"])
    np.testing.assert_allclose(loss_for_state(new).ols_point, [x, y], atol=1e-12)


@pytest.mark.parametrize(
    ("source", "edit"),
    [
        # the OLS centre is only dragged in loss-shape mode, the points only in data mode
        ("points", {"op": "center", "x": 1.0, "y": 1.0}),
        ("shape", {"op": "move", "index": 0, "x": 0.1, "y": 0.2}),
        ("shape", {"op": "add", "x": 0.1, "y": 0.2}),
        ("shape", {"op": "remove", "index": 0}),
    ],
)
def test_a_pointer_edit_for_the_other_mode_changes_nothing(source, edit):
    with pytest.raises(PreventUpdate):
        apply_edit(dict(default_state(), source=source), edit, {})
