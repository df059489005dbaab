"""apply_edit: each op's effect, and a message for every edit it cannot take (malformed or refused)."""

import re

import pytest
from dash.exceptions import PreventUpdate

from components.data_edit import apply_edit
from components.problem import MIN_POINTS, ProblemError, check_problem, default_state, resample

NAN, INF = float("nan"), float("inf")
GENERATOR = {"n": 12, "rho": 0.4, "true_w": [1.0, -0.5], "noise": 0.2, "seed": 1}


@pytest.fixture(scope="module")
def state() -> dict:
    return default_state()


@pytest.mark.parametrize(
    ("edit", "match"),
    [
        # not an edit at all
        (None, "malformed edit: expected a dict, got NoneType"),
        ("add", "malformed edit: expected a dict, got str"),
        ([{"op": "add", "x": 0.1, "y": 0.2}], "malformed edit: expected a dict, got list"),
        (3, "malformed edit: expected a dict, got int"),
        # no op, or one that is not an op
        ({}, "unknown op None"),
        ({"x": 0.1, "y": 0.2}, "unknown op None"),
        ({"op": "bogus"}, "unknown op 'bogus'"),
        ({"op": "ADD", "x": 0.1, "y": 0.2}, "unknown op 'ADD'"),
        ({"op": ["add"], "x": 0.1, "y": 0.2}, re.escape("unknown op ['add']")),
        ({"op": {"add": 1}}, re.escape("unknown op {'add': 1}")),
        ({"op": 1}, "unknown op 1"),
        ({"op": None}, "unknown op None"),
        # add: x and y are numbers
        ({"op": "add", "y": 0.2}, "malformed add edit: x must be a number, got None"),
        ({"op": "add", "x": 0.1}, "malformed add edit: y must be a number, got None"),
        ({"op": "add", "x": "0.1", "y": 0.2}, "malformed add edit: x must be a number, got '0.1'"),
        ({"op": "add", "x": True, "y": 0.2}, "malformed add edit: x must be a number, got True"),
        ({"op": "add", "x": 0.1, "y": False}, "malformed add edit: y must be a number, got False"),
        ({"op": "add", "x": [0.1], "y": 0.2}, re.escape("malformed add edit: x must be a number, got [0.1]")),
        ({"op": "add", "x": {"v": 1}, "y": 0.2}, re.escape("malformed add edit: x must be a number, got {'v': 1}")),
        ({"op": "add", "x": NAN, "y": 0.2}, "A point needs finite coordinates"),
        ({"op": "add", "x": 0.1, "y": -INF}, "A point needs finite coordinates"),
        # remove: index is a whole number naming a point
        ({"op": "remove"}, "Double-click on a point to remove it"),
        ({"op": "remove", "index": None}, "Double-click on a point to remove it"),
        ({"op": "remove", "index": 2.0}, "malformed remove edit: index must be a whole number, got 2.0"),
        ({"op": "remove", "index": "2"}, "malformed remove edit: index must be a whole number, got '2'"),
        ({"op": "remove", "index": True}, "malformed remove edit: index must be a whole number, got True"),
        ({"op": "remove", "index": NAN}, "malformed remove edit: index must be a whole number, got nan"),
        ({"op": "remove", "index": [1]}, re.escape("malformed remove edit: index must be a whole number, got [1]")),
        ({"op": "remove", "index": -1}, "There is no point number"),
        ({"op": "remove", "index": 20}, "There is no point number 21"),
        # move: an index and two numbers
        ({"op": "move", "x": 0.1, "y": 0.2}, "malformed move edit: it names no point"),
        ({"op": "move", "index": None, "x": 0.1, "y": 0.2}, "malformed move edit: it names no point"),
        ({"op": "move", "index": 2}, "malformed move edit: x must be a number, got None"),
        ({"op": "move", "index": 2, "y": 0.2}, "malformed move edit: x must be a number, got None"),
        ({"op": "move", "index": 2, "x": 0.1}, "malformed move edit: y must be a number, got None"),
        ({"op": "move", "index": 2, "x": 0.1, "y": "up"}, "malformed move edit: y must be a number, got 'up'"),
        ({"op": "move", "index": 1.5, "x": 0.1, "y": 0.2}, "malformed move edit: index must be a whole number"),
        ({"op": "move", "index": False, "x": 0.1, "y": 0.2}, "malformed move edit: index must be a whole number"),
        ({"op": "move", "index": -3, "x": 0.1, "y": 0.2}, "There is no point number"),
        ({"op": "move", "index": 99, "x": 0.1, "y": 0.2}, "There is no point number 100"),
        ({"op": "move", "index": 2, "x": INF, "y": 0.2}, "A point needs finite coordinates"),
        ({"op": "move", "index": 2, "x": 0.1, "y": NAN}, "A point needs finite coordinates"),
        # controls: known source and basis, numbers for the numeric fields
        ({"op": "controls", "source": "grid"}, "Unknown source 'grid'; choose 'points' or 'shape'"),
        ({"op": "controls", "source": None}, "Unknown source None"),
        ({"op": "controls", "basis": "poly9"}, "Unknown basis 'poly9'; choose one of"),
        ({"op": "controls", "basis": None}, "Unknown basis None"),
        ({"op": "controls", "basis": "x-x2", "rho": "0.5"}, "malformed controls edit: rho must be a number, got '0.5'"),
        ({"op": "controls", "rho": None}, "malformed controls edit: rho must be a number, got None"),
        ({"op": "controls", "rho": NAN}, "This problem cannot be drawn: .*rho"),
        ({"op": "controls", "rho": 5.0}, "This problem cannot be drawn: .*rho"),
        (
            {"op": "controls", "source": "shape", "eccentricity": "high"},
            "malformed controls edit: eccentricity must be a number, got 'high'",
        ),
        (
            {"op": "controls", "source": "shape", "rotation": None},
            "malformed controls edit: rotation must be a number, got None",
        ),
        ({"op": "controls", "source": "shape", "rotation": INF}, "This problem cannot be drawn"),
    ],
)
def test_an_edit_it_cannot_take_is_refused_with_a_message(state, edit, match):
    with pytest.raises(ProblemError, match=match):
        apply_edit(state, edit, GENERATOR)


@pytest.mark.parametrize(
    ("edit", "match"),
    [
        ({"op": "center", "y": 0.5}, "malformed center edit: x must be a number, got None"),
        ({"op": "center", "x": 0.5, "y": "0"}, "malformed center edit: y must be a number, got '0'"),
        ({"op": "center", "x": [1.0, 2.0], "y": 0.5}, re.escape("x must be a number, got [1.0, 2.0]")),
        ({"op": "center", "x": NAN, "y": 0.5}, "cannot be drawn"),
        ({"op": "center", "x": 0.5, "y": INF}, "cannot be drawn"),
    ],
)
def test_a_malformed_center_edit_is_refused_in_loss_shape_mode(state, edit, match):
    with pytest.raises(ProblemError, match=match):
        apply_edit(dict(state, source="shape"), edit, GENERATOR)


def test_a_refused_edit_leaves_the_state_as_it_was(state):
    before = {"x": list(state["points"]["x"]), "y": list(state["points"]["y"])}
    for edit in ({"op": "move", "index": 2, "x": 0.1}, {"op": "remove", "index": 50}, {"op": "add", "x": NAN, "y": 1}):
        with pytest.raises(ProblemError):
            apply_edit(state, edit, GENERATOR)
    assert state["points"] == before


def test_removing_below_the_minimum_is_refused_with_a_message():
    few = resample(default_state(), dict(GENERATOR, n=MIN_POINTS))
    with pytest.raises(ProblemError, match=f"At least {MIN_POINTS} points are needed"):
        apply_edit(few, {"op": "remove", "index": 0}, GENERATOR)


def test_add_remove_and_move_edits(state):
    n = len(state["points"]["x"])
    added = apply_edit(state, {"op": "add", "x": 0.25, "y": -1.5}, GENERATOR)
    assert list(zip(added["points"]["x"], added["points"]["y"]))[-1] == (0.25, -1.5)
    assert added["points"]["x"][:n] == state["points"]["x"]
    removed = apply_edit(added, {"op": "remove", "index": n}, GENERATOR)
    assert removed["points"] == state["points"]
    moved = apply_edit(state, {"op": "move", "index": 4, "x": -0.5, "y": 7}, GENERATOR)
    assert (moved["points"]["x"][4], moved["points"]["y"][4]) == (-0.5, 7.0)
    for new in (added, removed, moved):
        check_problem(new)


def test_controls_set_the_ellipse_from_eccentricity_and_rotation(state):
    shaped = apply_edit(state, {"op": "controls", "source": "shape", "eccentricity": 0.8, "rotation": 45}, GENERATOR)
    assert shaped["source"] == "shape"
    # an ellipse of eccentricity e has minor/major axis ratio sqrt(1 - e^2): 0.6 for e = 0.8
    assert shaped["shape"]["ratio"] == pytest.approx(0.6, rel=1e-12)
    assert shaped["shape"]["angle"] == 45.0
    circle = apply_edit(shaped, {"op": "controls", "eccentricity": 0.0}, GENERATOR)
    assert circle["shape"]["ratio"] == pytest.approx(1.0)
    # the centre stays where it was dragged
    assert circle["shape"]["center"] == state["shape"]["center"]


@pytest.mark.parametrize(
    ("basis", "edit"),
    [
        ("correlated", {"op": "controls"}),
        ("correlated", {"op": "controls", "source": "points", "basis": "correlated", "rho": 0.6}),
        # the basis ignores ρ: moving its slider changes nothing
        ("x-x2", {"op": "controls", "basis": "x-x2", "rho": 0.1}),
        # the loss-shape sliders do not apply to data
        ("correlated", {"op": "controls", "eccentricity": 0.3, "rotation": 10}),
    ],
)
def test_controls_that_change_nothing_prevent_the_update(basis, edit):
    base = default_state()
    assert (base["basis"], base["rho"], base["source"]) == ("correlated", 0.6, "points")
    base = dict(base, basis=basis)
    check_problem(base)
    with pytest.raises(PreventUpdate):
        apply_edit(base, edit, GENERATOR)


def test_resample_moves_on_from_the_seed_on_screen(state):
    new = apply_edit(state, {"op": "resample"}, dict(GENERATOR, seed=state["seed"]))
    assert new["seed"] == state["seed"] + 1 and len(new["points"]["x"]) == GENERATOR["n"]
    back_to_data = apply_edit(dict(state, source="shape"), {"op": "resample"}, GENERATOR)
    assert back_to_data["source"] == "points" and back_to_data["seed"] == GENERATOR["seed"]


# ------------------------------------------------------------------ values Python's JSON parser accepts
@pytest.mark.parametrize(
    "edit", [{"op": "add", "x": 10**400, "y": 0.5}, {"op": "move", "index": 1, "x": 0.1, "y": -(10**400)}]
)
def test_an_integer_beyond_a_float_is_refused_with_a_message(state, edit):
    with pytest.raises(ProblemError, match="must be a number"):
        apply_edit(state, edit, GENERATOR)


@pytest.mark.parametrize("basis", [["x-x2"], {"name": "x-x2"}])
def test_an_unhashable_basis_is_refused_with_a_message(state, basis):
    with pytest.raises(ProblemError, match="Unknown basis"):
        apply_edit(state, {"op": "controls", "basis": basis}, GENERATOR)
