"""The lab-state: defaults, edits, refusals of degenerate problems, relayout parsing."""

import math

import numpy as np
import pytest

from components.problem import (
    MIN_POINTS,
    ProblemError,
    add_point,
    check_problem,
    default_state,
    loss_for_state,
    move_points,
    remove_nearest_point,
    resample,
    shape_moves,
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
    fewer = remove_nearest_point(state, x0 + 1e-3, y0, max_distance=0.1)
    assert len(fewer["points"]["x"]) == n - 1
    assert (x0, y0) not in zip(fewer["points"]["x"], fewer["points"]["y"])
    with pytest.raises(ProblemError, match="Double-click on a point"):
        remove_nearest_point(state, 0.0, 1e6, max_distance=10)


def test_cannot_remove_below_the_minimum():
    state = resample(default_state(), {"n": MIN_POINTS, "rho": 0.5, "true_w": [1, 1], "noise": 0.1, "seed": 1})
    with pytest.raises(ProblemError, match=f"At least {MIN_POINTS} points"):
        remove_nearest_point(state, *[state["points"][k][0] for k in ("x", "y")])


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
    ("relayout", "expected"),
    [
        ({"shapes[3].xanchor": 0.2, "shapes[3].yanchor": 1.5}, {3: {"x": 0.2, "y": 1.5}}),
        (
            {"shapes[0].x0": 1.0, "shapes[0].x1": 1.2, "shapes[0].y0": 0.0, "shapes[0].y1": 0.4},
            {0: {"x": 1.1, "y": 0.2}},
        ),
        ({"autosize": True}, {}),
        ({"xaxis.range[0]": 0.0, "xaxis.range[1]": 1.0}, {}),
        (None, {}),
    ],
)
def test_shape_moves_reads_relayout_data(relayout, expected):
    moves = shape_moves(relayout)
    assert moves.keys() == expected.keys()
    for k, pos in expected.items():
        for axis, value in pos.items():
            assert moves[k][axis] == pytest.approx(value)
