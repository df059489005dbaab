"""update_problem as a function: it brings lab-state up to date with every input, so an edit whose
answer Dash dropped (a newer request of the same callback overtook it) is not lost."""

import math
import re

import pytest
from dash import no_update
from dash.exceptions import PreventUpdate

from components import data_update
from components.edit_sync import apply_events, pending_events
from components.problem import default_state, loss_for_state
from components.weight_plane import held_plane

VIEW = {"slider": math.log10(0.3), "mode": "penalized", "shown": ["l1", "l2"], "l1_ratio": 0.5}
GENERATOR = {"n": 20, "true_w": [1.2, 0.35], "noise": 0.25, "seed": 7}


def boxes(generator: dict) -> tuple:
    """The generator boxes' values (n, w1, w2, noise, seed) that update_problem reads."""
    true_w = generator.get("true_w") or [None, None]
    return generator.get("n"), true_w[0], true_w[1], generator.get("noise"), generator.get("seed")


def add(x: float, y: float, stamp: int) -> dict:
    return {"op": "add", "x": x, "y": y, "stamp": stamp}


def points(state: dict) -> list[tuple[float, float]]:
    return list(zip(state["points"]["x"], state["points"]["y"]))


def call(edits, state, *, clicks=None, controls=None):
    """update_problem's outputs, as Dash would get them."""
    return data_update.update_problem({"edits": edits}, clicks, controls, state, VIEW, *boxes(GENERATOR))


def test_the_second_request_of_two_quick_edits_carries_both():
    state = default_state()
    first, second = add(0.25, 1.5, 1), add(-0.5, 0.75, 2)
    call([first], state)  # its answer is dropped by Dash: lab-state stays `state`
    new, scene, plane, data, message, seed = call([first, second], state)
    assert points(new) == points(state) + [(0.25, 1.5), (-0.5, 0.75)]
    assert new["edit_stamp"] == 2 and message == ""
    # the scene is the one for both points (OLS from the normal equations of the new data)
    assert scene["ols"] == pytest.approx(loss_for_state(new).ols_point, abs=1e-12)
    assert plane is not no_update and data is not no_update and seed is no_update
    with pytest.raises(PreventUpdate):  # the same edits again: nothing left to do
        call([first, second], new)


def test_edits_the_state_has_are_skipped_and_the_rest_applied_in_order():
    state = dict(default_state(), edit_stamp=3)
    junk = [{"op": "add"}, "junk", None, add(0, 4, True), add(0, 5, 6.0), add(0, 6, "7"), add(0, 7, None)]
    events = pending_events(
        {"edits": [add(0, 0, 2), add(0, 1, 3), add(0, 2, 5), add(0, 3, 4), *junk]},
        None,
        None,
        state,
    )
    # 4 comes after 5 in the list: stamps only increase, so it is older news and skipped too; an
    # entry without an integer stamp cannot be told from a resent one and is skipped
    assert events == [({"op": "add", "x": 0, "y": 2}, {"edit_stamp": 5})]


def test_a_refused_edit_is_not_tried_again_and_says_why():
    state = default_state()
    far = {"op": "remove", "index": None, "stamp": 1}  # a double-click on no point
    kept, scene, plane, data, message, _ = call([far], state)
    assert "Double-click on a point" in message
    assert points(kept) == points(state) and kept["edit_stamp"] == 1
    assert scene is no_update and plane is no_update
    new, *_, message, _ = call([far, add(0.1, 2.0, 2)], kept)
    assert points(new) == points(state) + [(0.1, 2.0)] and message == ""


def test_an_edit_and_a_control_change_in_one_request_are_both_kept():
    state = default_state()
    controls = {"source": "points", "basis": "x-x2", "rho": state["rho"], "eccentricity": 0.9, "rotation": 30}
    call([], state, controls=controls)  # its answer is dropped
    new, *_ = call([add(0.3, 1.0, 1)], state, controls=controls)
    assert new["basis"] == "x-x2" and points(new)[-1] == (0.3, 1.0)


def test_an_unknown_basis_is_refused_with_a_message():
    state = default_state()
    controls = {"source": "points", "basis": "poly9", "rho": 0.5, "eccentricity": 0.9, "rotation": 30}
    kept, *_, message, _ = call([], state, controls=controls)
    assert kept is no_update
    assert message.startswith("Unknown basis 'poly9'")


def test_resample_happens_once_per_click():
    state = default_state()
    new, *_, seed = call([], state, clicks=1)
    assert points(new) != points(state) and new["resample_clicks"] == 1 and seed == new["seed"]
    again, *_, seed = call([add(0.2, 1.0, 1)], new, clicks=1)  # an edit, the click count unchanged
    assert points(again)[:-1] == points(new) and seed is no_update
    with pytest.raises(PreventUpdate):
        call([], new, clicks=1)


def test_a_refused_resample_says_why_and_leaves_the_seed_box():
    state = default_state()
    bad = dict(GENERATOR, n=1, seed=123)  # the user typed a seed and too few points
    kept, scene, plane, data, message, seed = data_update.update_problem(None, 1, None, state, VIEW, *boxes(bad))
    assert "n must be" in message
    assert points(kept) == points(state) and kept["resample_clicks"] == 1  # not tried again
    assert seed is no_update and scene is no_update


def test_a_release_on_its_own_answers_with_state_and_scene_only():
    state = default_state()
    move = {"op": "move", "index": 2, "x": 0.5, "y": 3.0, "stamp": 1}
    new, scene, plane, data, message, _ = call([move], state)
    assert points(new)[2] == (0.5, 3.0)
    assert plane is no_update and data is no_update  # drag_plane drew it
    # with an earlier edit still to apply, the held planes were drawn without it: redraw both
    both = call([add(0.1, 2.0, 1), dict(move, stamp=2)], state)
    assert both[2] is not no_update and both[3] is not no_update


def test_a_held_point_is_drawn_with_an_earlier_edit_still_on_its_way():
    state = default_state()
    earlier = add(0.25, 1.5, 1)  # its answer has not come: lab-state does not have it
    drag = {"index": 2, "x": 0.5, "y": 3.0, "stamp": 2, "edits": [earlier]}
    plane = held_plane(drag, state, VIEW)
    both = apply_events(
        [({"op": "add", "x": 0.25, "y": 1.5}, {}), ({"op": "move", "index": 2, "x": 0.5, "y": 3.0}, {})], state, {}
    )[0]
    ols = next(t for t in plane["data"] if t["uid"] == "ols-point")
    assert [ols["x"][0], ols["y"][0]] == pytest.approx(loss_for_state(both).ols_point, abs=1e-12)
    assert points(both)[-1] == (0.25, 1.5) and points(both)[2] == (0.5, 3.0)
    # once lab-state has the edit, it is not applied twice
    after = dict(apply_events([({"op": "add", "x": 0.25, "y": 1.5}, {})], state, {})[0], edit_stamp=1)
    again = held_plane(drag, after, VIEW)
    assert next(t for t in again["data"] if t["uid"] == "ols-point") == ols


@pytest.mark.parametrize(
    ("bad", "match"),
    [
        ({"op": "move", "index": 2, "y": 1.0}, "malformed move edit: x must be a number"),  # the bug report's case
        ({"op": "move", "x": 0.5, "y": 1.0}, "malformed move edit: it names no point"),
        ({"op": "add", "x": None, "y": 1.0}, "malformed add edit: x must be a number"),
        ({"op": "add", "x": 0.1, "y": "1"}, "malformed add edit: y must be a number"),
        ({"op": "remove", "index": "3"}, "malformed remove edit: index must be a whole number"),
        ({"op": "remove", "index": 3.0}, "malformed remove edit: index must be a whole number"),
        ({"op": "remove", "index": 99}, "There is no point number"),
        ({"op": "teleport", "x": 0.1}, "unknown op 'teleport'"),
        ({}, "unknown op None"),
    ],
)
def test_a_malformed_edit_is_recorded_refused_and_does_not_block_later_ones(bad, match):
    """One malformed edit (e.g. a move without x) used to raise, so its stamp was never recorded;
    the page resends its last 20 edits, so every later edit failed too."""
    state = default_state()
    kept, scene, plane, data, message, seed = call([{**bad, "stamp": 1}], state)
    assert re.search(match, message)
    assert points(kept) == points(state) and kept["edit_stamp"] == 1  # recorded, not tried again
    assert scene is no_update and seed is no_update
    # the page resends the malformed edit with the next ones, whether its answer came or was dropped
    for before in (kept, state):
        new, *_, message, _ = call([{**bad, "stamp": 1}, add(0.1, 2.0, 2)], before)
        assert points(new) == points(state) + [(0.1, 2.0)] and new["edit_stamp"] == 2 and message == ""
        later, *_ = call([{**bad, "stamp": 1}, add(0.1, 2.0, 2), add(-0.2, 1.0, 3)], new)
        assert points(later) == points(state) + [(0.1, 2.0), (-0.2, 1.0)] and later["edit_stamp"] == 3


def test_a_malformed_edit_between_two_valid_ones_says_why_only_if_it_is_the_last():
    state = default_state()
    bad = {"op": "move", "index": 2, "x": 0.5, "stamp": 2}
    new, *_, message, _ = call([add(0.1, 2.0, 1), bad, add(-0.2, 1.0, 3)], state)
    assert points(new) == points(state) + [(0.1, 2.0), (-0.2, 1.0)] and new["edit_stamp"] == 3 and message == ""
    new, *_, message, _ = call([add(0.1, 2.0, 1), bad], state)
    assert points(new) == points(state) + [(0.1, 2.0)] and new["edit_stamp"] == 2
    assert "y must be a number" in message


def test_an_integer_beyond_a_float_does_not_block_later_edits():
    state = default_state()
    huge = {"op": "add", "x": 0.1, "y": 10**400, "stamp": 1}
    new, *_, message, _ = call([huge, add(0.1, 2.0, 2)], state)
    assert points(new) == points(state) + [(0.1, 2.0)] and new["edit_stamp"] == 2
