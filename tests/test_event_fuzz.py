"""Random sequences of user events, well-formed or not, never crash the server callbacks and
never lose state."""

import math

import numpy as np
from dash import no_update
from dash.exceptions import PreventUpdate
from hypothesis import given, settings
from hypothesis import strategies as st

from components import data_update
from components.data_edit import apply_edit
from components.problem import ProblemError, check_problem, default_state, loss_for_state
from components.weight_plane import held_plane
from geometry.basis import BASES

VIEW = {"slider": math.log10(0.6), "mode": "penalized", "shown": ["l1", "l2", "en"], "l1_ratio": 0.5}
GENERATOR = {"n": 12, "rho": 0.4, "true_w": [1.0, -0.5], "noise": 0.2, "seed": 1}


def boxes(generator: dict) -> tuple:
    """The generator boxes' values (n, w1, w2, noise, seed) that update_problem reads."""
    true_w = generator.get("true_w") or [None, None]
    return generator.get("n"), true_w[0], true_w[1], generator.get("noise"), generator.get("seed")
NAN, INF = float("nan"), float("inf")
#: the ops of components.data_edit, as its docstring names them
OP_NAMES = ("add", "remove", "move", "center", "controls", "resample")
#: the default state has 20 points; at most 12 edits add or remove one each: 0..7 always name a point
SURE_INDEX = st.integers(0, 7)

coordinate = st.one_of(
    st.floats(-3, 3, allow_nan=False),
    st.sampled_from([0.0, -0.0, 1e-12, -1e9, 1e9, 1e150, -1e300, 1e308, 7]),  # an int is a number too
)
adds = st.fixed_dictionaries({"op": st.just("add"), "x": coordinate, "y": coordinate})
removes = st.fixed_dictionaries({"op": st.just("remove"), "index": SURE_INDEX})
moves = st.fixed_dictionaries({"op": st.just("move"), "index": SURE_INDEX, "x": coordinate, "y": coordinate})
centers = st.fixed_dictionaries({"op": st.just("center"), "x": coordinate, "y": coordinate})
controls = st.fixed_dictionaries(
    {"op": st.just("controls")},
    optional={
        "source": st.sampled_from(["points", "shape"]),
        "basis": st.sampled_from(list(BASES)),
        "rho": st.floats(-0.95, 0.95),
        "eccentricity": st.floats(0, 0.99),
        "rotation": st.floats(0, 180),
    },
)
POINTER_EDITS = {"add": adds, "remove": removes, "move": moves, "center": centers}
pointer_edits = st.one_of(*POINTER_EDITS.values())
well_formed = st.one_of(pointer_edits, controls, st.just({"op": "resample"}))

# ------------------------------------------------------------------ malformed edits
#: what a number field must not be: missing values, strings, bools, containers, non-finite numbers
not_a_number = st.one_of(
    st.sampled_from([None, "", "0.5", "nan", True, False, NAN, INF, -INF, [], {}, 10**400, -(10**400)]),
    st.text(max_size=4),
    st.lists(st.floats(-3, 3), min_size=1, max_size=2),
    st.dictionaries(st.sampled_from(["x", "y", "op"]), st.floats(-3, 3), min_size=1, max_size=2),
)
#: what an index must not be: the above, a float, or a whole number naming no point
not_an_index = st.one_of(
    st.floats(),
    st.sampled_from([2.0, 0.0, 0.5, 1e300, -1.0, NAN, INF]),
    st.integers(max_value=-1),
    st.integers(min_value=40),
    not_a_number,
)
unknown_op = st.one_of(
    st.text(max_size=8).filter(lambda op: op not in OP_NAMES),
    st.sampled_from([None, 0, 1.5, True, "ADD", " add", "Move", "remove\n", ["add"], {"op": "add"}]),
)
#: the fields each pointer op needs
FIELDS = {"add": ("x", "y"), "remove": ("index",), "move": ("index", "x", "y"), "center": ("x", "y")}


@st.composite
def malformed_pointer_edits(draw) -> dict:
    """A well-formed pointer edit with one field (its op included) left out or made wrong."""
    edit = dict(draw(pointer_edits))
    field = draw(st.sampled_from(["op", *FIELDS[edit["op"]]]))
    if draw(st.booleans()):
        del edit[field]
    else:
        edit[field] = draw({"op": unknown_op, "index": not_an_index}.get(field, not_a_number))
    return edit


not_a_dict = st.one_of(st.none(), st.text(max_size=5), st.integers(), st.floats(), st.lists(pointer_edits, max_size=2))


@st.composite
def malformed_controls(draw) -> dict:
    """Problem controls with one field of the wrong type or value."""
    edit = dict(draw(controls))
    field = draw(st.sampled_from(["source", "basis", "rho", "eccentricity", "rotation"]))
    unknown_name = st.one_of(
        st.none(),
        st.text(max_size=6).filter(lambda name: name not in (*BASES, "points", "shape")),
        st.sampled_from([["x-x2"], {"name": "points"}, 3, True]),
    )
    edit[field] = draw(unknown_name if field in ("source", "basis") else not_a_number)
    return edit


any_edit = st.one_of(well_formed, malformed_pointer_edits(), malformed_controls(), not_a_dict)


@settings(max_examples=40, deadline=None)
@given(st.lists(any_edit, min_size=1, max_size=8))
def test_any_event_sequence_keeps_a_drawable_state(sequence):
    state = default_state()
    for edit in sequence:
        try:
            new, scene, plane, data, message = data_update.problem_outputs(edit, state, GENERATOR, VIEW)
        except PreventUpdate:
            continue
        if new is no_update:
            assert message, "a refused edit says why"
            continue
        assert message == ""
        check_problem(new)  # never an undrawable state
        assert np.all(np.isfinite(scene["ols"])) and np.isfinite(scene["lambda_max"])
        state = new


drags = st.fixed_dictionaries(
    {},
    optional={
        "index": st.one_of(st.integers(-2, 25), not_an_index),
        "x": st.one_of(coordinate, not_a_number),
        "y": st.one_of(coordinate, not_a_number),
        "stamp": st.one_of(st.integers(0, 9), st.none(), st.text(max_size=2)),
        "release": st.booleans(),
        "edits": st.one_of(
            st.none(),
            st.lists(
                st.one_of(pointer_edits, malformed_pointer_edits(), not_a_dict).map(
                    lambda e: {**e, "stamp": 1} if isinstance(e, dict) else e
                ),
                max_size=3,
            ),
        ),
    },
)


@settings(max_examples=100, deadline=None)
@given(st.one_of(drags, not_a_dict), st.sampled_from(["points", "shape"]))
def test_a_held_point_anywhere_gives_a_plane_or_keeps_the_last(drag, source):
    state = dict(default_state(), source=source)
    try:
        plane = held_plane(drag, state, VIEW)
    except PreventUpdate:
        return
    assert plane is no_update or {t["uid"] for t in plane["data"]} >= {"ols-point", "l1-touch"}


@settings(max_examples=30, deadline=None)
@given(
    st.lists(pointer_edits, min_size=1, max_size=6),
    st.lists(st.booleans(), min_size=6, max_size=6),
)
def test_answers_dropped_by_dash_lose_no_edit(edits, dropped):
    """Whichever answers Dash drops (a newer request overtook them), the page ends where every
    edit applied in order, one at a time, leads."""
    start = default_state()
    accepted, sent = start, []
    for i, edit in enumerate(edits):
        sent = [*sent, {**edit, "stamp": i + 1}][-20:]  # what data_edit.js keeps and resends
        try:
            new = data_update.update_problem({"edits": sent}, None, None, accepted, VIEW, *boxes(GENERATOR))[0]
        except PreventUpdate:
            continue
        last = i == len(edits) - 1  # the newest request's answer always arrives
        if new is not no_update and (last or not dropped[i]):
            accepted = new
    one_by_one = start
    for edit in edits:
        try:
            one_by_one = apply_edit(one_by_one, edit, GENERATOR)
        except (PreventUpdate, ProblemError):
            pass
    assert accepted["points"] == one_by_one["points"]


# ------------------------------------------------------------------ malformed entries of data-edit
#: how an entry of data-edit may carry its stamp: "ok" is the page's next stamp
stamp_kinds = st.tuples(st.booleans(), st.sampled_from(["missing", None, "7", 7.0, True, False, [1]])).map(
    lambda pair: "ok" if pair[0] else pair[1]
)
entry_contents = {
    "well-formed": pointer_edits.map(lambda edit: (True, edit)),
    "malformed": malformed_pointer_edits().map(lambda edit: (False, edit)),
    "not a dict": not_a_dict.map(lambda edit: (False, edit)),
}
entries = st.tuples(
    st.sampled_from(["well-formed", "malformed", "malformed", "not a dict"]).flatmap(entry_contents.get),
    stamp_kinds,
    st.booleans(),  # whether Dash drops the answer to the request this entry went with
)


def says_why(edit, source: str) -> bool:
    """Whether a malformed edit is refused with a message (else it is a pointer edit meant for the
    other mode, which changes nothing)."""
    op = edit.get("op")
    if op in ("add", "remove", "move"):
        return source == "points"
    if op == "center":
        return source == "shape"
    return True


@settings(max_examples=150, deadline=None)
@given(st.lists(entries, min_size=2, max_size=12), st.sampled_from(["points", "shape"]))
def test_malformed_edits_are_recorded_refused_and_block_no_later_edit(sequence, source):
    """A malformed entry of data-edit (a field missing or of the wrong type, an unknown op, not a
    dict) must not raise: its stamp is recorded and the page, which resends its last 20 edits,
    goes on. The page ends where the well-formed edits alone, applied in order, lead."""
    start = dict(default_state(), source=source)
    accepted, sent, stamp, only_valid = start, [], 0, start
    for i, ((valid, content), stamp_kind, dropped) in enumerate(sequence):
        entry = content
        if isinstance(content, dict) and stamp_kind == "ok":
            stamp += 1
            entry = {**content, "stamp": stamp}
            if valid:
                try:
                    only_valid = apply_edit(only_valid, content, GENERATOR)
                except (PreventUpdate, ProblemError):
                    pass
        elif isinstance(content, dict) and stamp_kind != "missing":
            entry = {**content, "stamp": stamp_kind}
        sent = [*sent, entry][-20:]
        pending = stamp > accepted.get("edit_stamp", 0)
        try:
            new, scene, plane, data, message, seed = data_update.update_problem(
                {"edits": sent}, None, None, accepted, VIEW, *boxes(GENERATOR)
            )
        except PreventUpdate:
            assert not pending, "an edit with a new stamp is always answered (its stamp recorded)"
            continue
        assert pending and new is not no_update
        assert new["edit_stamp"] == stamp  # stamps advance to the newest, whatever the edit held
        check_problem(new)
        if scene is not no_update:
            assert np.all(np.isfinite(scene["ols"])) and np.isfinite(scene["lambda_max"])
            np.testing.assert_allclose(scene["ols"], loss_for_state(new).ols_point, rtol=1e-9, atol=1e-12)
        if isinstance(content, dict) and stamp_kind == "ok" and not valid and says_why(content, source):
            assert message, f"{content!r} is refused with a message"
        if i == len(sequence) - 1 or not dropped:  # the newest request's answer always arrives
            accepted = new
    assert {key: accepted[key] for key in ("points", "shape", "source")} == {
        key: only_valid[key] for key in ("points", "shape", "source")
    }


@settings(max_examples=30, deadline=None)
@given(st.lists(st.one_of(controls, malformed_controls(), st.none(), st.just({})), min_size=1, max_size=4))
def test_malformed_problem_controls_never_crash_the_callback(sequence):
    state = default_state()
    for controls_value in sequence:
        try:
            new, scene, plane, data, message, seed = data_update.update_problem(
                None, None, controls_value, state, VIEW, *boxes(GENERATOR)
            )
        except PreventUpdate:
            continue
        if new is no_update:
            assert message
            continue
        check_problem(new)
        state = new
