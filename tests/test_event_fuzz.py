"""Random sequences of user events never crash the server callback and never lose state."""

import math

import numpy as np
from dash.exceptions import PreventUpdate
from hypothesis import given, settings
from hypothesis import strategies as st

from components import data_panel
from components.problem import ProblemError, check_problem, default_state
from geometry.basis import BASES

VIEW = {"slider": math.log10(0.6), "mode": "penalized", "shown": ["l1", "l2", "en"], "l1_ratio": 0.5}
GENERATOR = {"n": 12, "rho": 0.4, "true_w": [1.0, -0.5], "noise": 0.2, "seed": 1}

coordinate = st.one_of(
    st.floats(-3, 3, allow_nan=False),
    st.sampled_from([0.0, 1e-12, -1e9, 1e9, float("nan"), float("inf")]),
)
events = st.one_of(
    st.tuples(
        st.just("data-plot"),
        st.fixed_dictionaries(
            {},
            optional={
                "shapes[0].xanchor": coordinate,
                "shapes[0].yanchor": coordinate,
                "shapes[5].xanchor": coordinate,
                "shapes[99].yanchor": coordinate,
                "autosize": st.just(True),
            },
        ),
    ),
    st.tuples(
        st.just("data-edit"),
        st.fixed_dictionaries(
            {
                "op": st.sampled_from(["add", "remove", "bogus"]),
                "x": coordinate,
                "y": coordinate,
                "xscale": st.floats(1e-4, 1),
                "yscale": st.floats(1e-4, 1),
            }
        ),
    ),
    st.tuples(st.just("resample-button"), st.integers(0, 5)),
    st.tuples(
        st.just("problem-controls"),
        st.fixed_dictionaries(
            {
                "source": st.sampled_from(["points", "shape"]),
                "basis": st.sampled_from(list(BASES)),
                "rho": st.floats(-0.95, 0.95),
                "eccentricity": st.floats(0, 0.99),
                "rotation": st.floats(0, 180),
            }
        ),
    ),
    st.tuples(
        st.just("weight-plane"),
        st.fixed_dictionaries({"shapes[0].xanchor": coordinate, "shapes[0].yanchor": coordinate}),
    ),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(events, min_size=1, max_size=8))
def test_any_event_sequence_keeps_a_drawable_state(sequence):
    state = default_state()
    for trigger, payload in sequence:
        try:
            new, scene, plane, data, message = data_panel.problem_outputs(trigger, payload, state, GENERATOR, VIEW)
        except PreventUpdate:
            continue
        if new is data_panel.no_update:
            assert message, "a refused edit says why"
            continue
        assert message == ""
        check_problem(new)  # never an undrawable state
        assert np.all(np.isfinite(scene["ols"])) and np.isfinite(scene["lambda_max"])
        state = new


drags = st.fixed_dictionaries(
    {},
    optional={
        "shapes[0].xanchor": coordinate,
        "shapes[0].yanchor": coordinate,
        "shapes[19].yanchor": coordinate,
        "shapes[99].xanchor": coordinate,
        "stamp": st.integers(0, 9),
    },
)


@settings(max_examples=40, deadline=None)
@given(drags, st.sampled_from(["points", "shape"]))
def test_a_held_point_anywhere_gives_a_plane_or_keeps_the_last(drag, source):
    state = dict(default_state(), source=source)
    try:
        plane = data_panel.held_plane(drag, state, VIEW)
    except PreventUpdate:
        return
    assert plane is data_panel.no_update or {t["uid"] for t in plane["data"]} >= {"ols-point", "l1-touch"}


pointer_edits = st.one_of(
    st.fixed_dictionaries({"op": st.just("add"), "x": st.floats(-1, 1), "y": st.floats(-3, 3)}),
    # a scale of one data unit per pixel: the point nearest to (x, y) goes
    st.fixed_dictionaries(
        {
            "op": st.just("remove"),
            "x": st.floats(-1, 1),
            "y": st.floats(-3, 3),
            "xscale": st.just(1.0),
            "yscale": st.just(1.0),
        }
    ),
    st.builds(
        lambda i, x, y: {"op": "move", f"shapes[{i}].xanchor": x, f"shapes[{i}].yanchor": y},
        st.integers(0, 4),
        st.floats(-1, 1),
        st.floats(-3, 3),
    ),
)


@settings(max_examples=30, deadline=None)
@given(st.lists(pointer_edits, min_size=1, max_size=6), st.lists(st.booleans(), min_size=6, max_size=6))
def test_answers_dropped_by_dash_lose_no_edit(edits, dropped):
    """Whichever answers Dash drops (a newer request overtook them), the page ends where every
    edit applied in order, one at a time, leads."""
    start = default_state()
    accepted, sent = start, []
    for i, edit in enumerate(edits):
        sent = [*sent, {**edit, "stamp": i + 1}][-20:]  # what data_edit.js keeps and resends
        try:
            new = data_panel.update_problem({"edits": sent}, None, None, accepted, GENERATOR, VIEW)[0]
        except PreventUpdate:
            continue
        last = i == len(edits) - 1  # the newest request's answer always arrives
        if new is not data_panel.no_update and (last or not dropped[i]):
            accepted = new
    one_by_one = start
    for edit in edits:
        try:
            one_by_one = data_panel.handle_problem_event(*data_panel.edit_event(edit), one_by_one, GENERATOR)
        except (PreventUpdate, ProblemError):
            pass
    assert accepted["points"] == one_by_one["points"]
