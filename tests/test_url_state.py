"""The state in a link: page → link → page round-trips, and no link breaks the page.

- Round trip (hypothesis, on pages made by the problem's own edit functions): the reopened
  page has the same controls, the same λ bit for bit, points within the documented 5e-7 and
  touch points within ~1e-6 (times the loss' condition number), no note, and encoding is
  idempotent.
- Fuzz: hostile values for every parameter (text, NaN, inf, 1e308, -5, huge lists, script
  tags, unicode junk, repeated parameters, a 100 kB query) never raise, are named in a note
  and leave that parameter at its default.
- Size: 50 points of any drawable state fit in 2,000 characters.
"""

from __future__ import annotations

import copy
import json
import logging
import math
from urllib.parse import quote

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from authoring import url_state
from authoring.url_state import (
    MAX_NOTES,
    PARAMS,
    PageState,
    encode,
    layout_query,
    number_text,
    page_for_query,
)
from components.i18n import text
from components.lambda_control import SLIDER_DEFAULT, SLIDER_MAX, SLIDER_MIN
from components.plane_traces import touches_for_view
from components.problem import (
    GENERATOR_DEFAULTS,
    SHAPE_DEFAULTS,
    ProblemError,
    add_point,
    check_problem,
    default_state,
    move_points,
    remove_point,
    resample,
)
from components.stores import build_scene
from geometry import lambda_max
from geometry.basis import BASES

DEFAULT_QUERY = encode(page_for_query(""))


# ---------------------------------------------------------------------------- random pages
def _reference(state: dict, mode: str) -> float:
    loss = check_problem(state)
    return float(sum(abs(v) for v in loss.ols_point)) if mode == "constrained" else float(lambda_max(loss))


def _number(rng, *choices) -> float:
    return float(choices[int(rng.integers(len(choices)))])


def random_state(rng) -> dict:
    """A drawable lab-state made by the problem's own functions: generated data, maybe edited,
    maybe another basis or ρ afterwards, maybe in loss-shape mode."""
    while True:
        basis = str(rng.choice(list(BASES)))
        rho = _number(rng, 0.6, 0.0, round(rng.uniform(-0.95, 0.95), 2), rng.uniform(-0.99, 0.99))
        gen = {
            "n": int(rng.integers(3, 61)),
            "true_w": [_number(rng, 1.2, round(rng.uniform(-3, 3), 2), rng.uniform(-3, 3)) for _ in range(2)],
            "noise": _number(rng, 0.25, round(rng.uniform(0, 2), 2), rng.uniform(0.01, 3)),
            "seed": int(rng.integers(0, 2**32)),
            "rho": rho,
        }
        base = {"source": "points", "basis": basis, "rho": rho, "points": {"x": [], "y": []},
                "shape": copy.deepcopy(SHAPE_DEFAULTS)}
        try:
            state = resample(base, gen)
            for _ in range(int(rng.integers(0, 3)) if rng.random() < 0.5 else 0):
                n = len(state["points"]["x"])
                op = rng.integers(3)
                x, y = _number(rng, rng.uniform(-1, 1), -1.0, 1.0), rng.normal(scale=3)
                if op == 0:
                    state = move_points(state, {int(rng.integers(n)): (x, y)})
                elif op == 1:
                    state = add_point(state, x, y)
                elif n > 3:
                    state = remove_point(state, int(rng.integers(n)))
            if rng.random() < 0.2:
                state = {**state, "basis": str(rng.choice(list(BASES)))}  # "generated" stays, now stale
            if rng.random() < 0.2:
                state = {**state, "rho": round(rng.uniform(-0.95, 0.95), 2)}
            if rng.random() < 0.3:
                state = {
                    **state,
                    "source": "shape",
                    "shape": {
                        "center": [_number(rng, 1.5, rng.uniform(-3, 3)), _number(rng, 0.6, rng.uniform(-3, 3))],
                        "ratio": _number(rng, 0.45, 1.0, rng.uniform(0.05, 1)),
                        "angle": _number(rng, 30.0, float(rng.integers(0, 181)), rng.uniform(0, 180)),
                    },
                }
            check_problem(state)
        except ProblemError:
            continue
        if rng.random() < 0.3:
            state = {**state, "lang": "zh", "edit_stamp": 4, "resample_clicks": 2}  # not part of a link
        return state


def random_page(rng) -> PageState:
    """A page as the browser may hold it: a random state, view, generator boxes, language."""
    state = random_state(rng)
    mode = str(rng.choice(["penalized", "constrained"]))
    shown = [key for key in ("en", "l2", "l1", "lp") if rng.random() < 0.6]
    slider = _number(rng, SLIDER_DEFAULT, SLIDER_MIN, SLIDER_MAX, rng.uniform(SLIDER_MIN, SLIDER_MAX))
    view = {
        "slider": slider,
        "mode": mode,
        "shown": [str(k) for k in shown],
        "l1_ratio": _number(rng, 0.5, 0.0, 1.0, round(rng.uniform(0, 1) * 20) / 20, rng.uniform(0, 1)),
        "p": _number(rng, 0.5, 0.3, 4.0, round(rng.uniform(0.3, 4) * 20) / 20, rng.uniform(0.3, 4)),
        "keep": str(rng.choice(["value", "ratio"])),
        "value": _reference(state, mode) * 10.0**slider,
    }
    generated = state.get("generated")
    if generated and rng.random() < 0.5:
        boxes = {"n": generated["n"], "true_w": list(generated["true_w"]), "noise": generated["noise"],
                 "seed": generated["seed"]}
    else:
        boxes = {
            "n": _number(rng, 20, int(rng.integers(3, 201))),
            "true_w": [None if rng.random() < 0.1 else round(rng.uniform(-5, 5), 2) for _ in range(2)],
            "noise": None if rng.random() < 0.1 else round(rng.uniform(0, 3), 2),
            "seed": None if rng.random() < 0.1 else int(rng.integers(0, 2**32)),
        }
        if rng.random() < 0.3:
            boxes = {key: copy.deepcopy(GENERATOR_DEFAULTS[key]) for key in ("n", "true_w", "noise", "seed")}
    return PageState(state=state, generator=boxes, view=view, lang=str(rng.choice(["en", "zh"])),
                     present=bool(rng.random() < 0.3))


pages = st.integers(0, 2**32 - 1).map(lambda seed: random_page(np.random.default_rng(seed)))


# ---------------------------------------------------------------------------- round trip
def _touches(state: dict, view: dict) -> dict:
    return {k: t.w for k, t in touches_for_view(build_scene(state, plane_only=True), view).items()}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages)
def test_page_to_link_to_page_round_trips(page):
    query = encode(page)
    back = url_state._decode(query)
    assert back.notes == []
    assert encode(back) == query  # idempotent
    old, new = page.state, back.state
    for key in ("source", "basis", "rho", "shape"):
        assert new[key] == old[key], key
    generated = url_state._generated_matches(old)
    if generated:
        # the generator's settings reproduce the points bit for bit
        assert new["points"] == old["points"]
        assert new["generated"] == old["generated"]
        assert new["seed"] == old["seed"]
    else:
        assert "generated" not in new
        np.testing.assert_allclose(new["points"]["x"], old["points"]["x"], rtol=0, atol=5e-7 + 1e-15)
        np.testing.assert_allclose(new["points"]["y"], old["points"]["y"], rtol=0, atol=5e-7 * (1 + 1e-9))
    assert back.generator == page.generator or all(
        url_state._same(a, b)
        for a, b in zip(url_state._generator_tuple(back.generator), url_state._generator_tuple(page.generator))
    )
    assert (back.lang, back.present) == (page.lang, page.present)
    for key in ("mode", "l1_ratio", "p", "keep"):
        assert back.view[key] == page.view[key], key
    assert set(back.view["shown"]) == set(page.view["shown"])
    assert back.view["value"] == page.view["value"]  # λ (or t) bit for bit
    loss = check_problem(new)
    condition = float(loss.eigenvalues[-1] / max(loss.eigenvalues[0], 1e-300))
    scale = 1.0 + float(np.max(np.abs(loss.ols_point)))
    # the slider stands for that λ on the reopened scene (the same place, up to rounding)
    ref = _reference(new, back.view["mode"])
    expected = min(max(math.log10(back.view["value"] / ref), SLIDER_MIN), SLIDER_MAX)
    assert back.view["slider"] == expected
    if generated or old["source"] == "shape":
        assert back.view["slider"] == pytest.approx(page.view["slider"], abs=1e-12)
    # what the user sees: the touch points
    before, after = _touches(old, page.view), _touches(new, back.view)
    for region in before:
        np.testing.assert_allclose(after[region], before[region], rtol=0, atol=2e-6 * condition * scale)


def test_the_default_link_is_lambda_alone_and_opens_the_default_page():
    page = page_for_query("")
    assert page.notes == []
    assert page.state == default_state()
    lam = lambda_max(check_problem(default_state())) * 10.0**SLIDER_DEFAULT
    assert page.view["value"] == pytest.approx(lam, rel=1e-15)
    assert DEFAULT_QUERY == f"lam={number_text(page.view['value'])}"


def test_generated_points_travel_as_the_generators_settings():
    state = resample({**default_state(), "basis": "sin-cos"}, {"n": 40, "rho": 0.3, "true_w": [0.7, -1.1],
                                                               "noise": 0.5, "seed": 123456})
    page = PageState(state=state, generator={"n": 40, "true_w": [0.7, -1.1], "noise": 0.5, "seed": 123456},
                     view={"mode": "penalized", "shown": ["l1"], "l1_ratio": 0.5, "slider": -1.0, "value": 0.01})
    query = encode(page)
    assert "pts=" not in query and "gen=40_0.7_-1.1_0.5_123456" in query and "g=" not in query
    assert page_for_query(query).state["points"] == state["points"]  # bit for bit
    # one edited point: the link carries the points instead
    moved = move_points(state, {0: (0.25, 1.0)})
    query = encode(PageState(state=moved, generator=page.generator, view=page.view))
    assert "gen=" not in query and "pts=" in query and "g=40_0.7_-1.1_0.5_123456" in query
    assert "250000_1000000" in query  # x = 0.25, y = 1 in millionths


def test_points_are_rounded_to_millionths_half_up():
    state = {**default_state(), "points": {"x": [-1.0, 0.0000005, 0.9999994, 0.5], "y": [2.5e-7, -2.5e-7, 1e9, -3.0]}}
    state.pop("generated")
    query = encode(PageState(state=state, generator={}, view={"value": 1.0}))
    assert query.endswith("pts=-1000000_0_1_0_999999_1000000000000000_500000_-3000000")


# ---------------------------------------------------------------------------- numbers
@pytest.mark.parametrize(
    "x, expected",
    [
        (0.0, "0"),
        (-0.0, "0"),
        (1.0, "1"),
        (-20.0, "-20"),
        (0.1, "0.1"),
        (1 / 3, "0.3333333333333333"),
        (1e21, "1e21"),
        (1.5e21, "1.5e21"),
        (123456789012345680000.0, "123456789012345680000"),
        (1e-6, "0.000001"),
        (1.5e-7, "1.5e-7"),
        (1e-7, "1e-7"),
        (5e-324, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e308"),
        (2.0**53, "9007199254740992"),
    ],
)
def test_number_text_writes_numbers_as_javascript_does(x, expected):
    # the expected strings are ECMAScript's Number::toString results (with "e+" -> "e")
    assert number_text(x) == expected


@settings(max_examples=500, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_number_text_reads_back_exactly_and_has_no_plus(x):
    out = number_text(x)
    assert float(out) == x and "+" not in out
    assert url_state._parse_number(out) == x  # the link's reader takes it


@pytest.mark.parametrize("x", [math.nan, math.inf, -math.inf])
def test_number_text_refuses_what_is_not_a_finite_number(x):
    with pytest.raises(ValueError, match="x must be finite"):
        number_text(x)


# ---------------------------------------------------------------------------- hostile links
#: values no parameter accepts
HOSTILE = [
    "",
    "abc",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "1e308",
    "-1e308",
    "1e309",
    "-5",
    "<script>alert(1)</script>",
    "١٢٣",  # Arabic-Indic digits: float() would take them
    "１２",  # full-width digits: float() would take them too
    "1_000",  # float() takes underscores
    " 1",
    "0x10",
    "null",
    "[1, 2]",
    "\x00",
    "💥🦄\u202e\ufeff",
    "_".join(["1"] * 20001),  # a huge list
    "9" * 100_000,  # 100 kB
]


def _note_names(page: PageState, name: str) -> bool:
    return any(f"“{name}”" in note or name in note for note in page.notes)


@pytest.mark.parametrize("name", PARAMS)
@pytest.mark.parametrize("value", HOSTILE, ids=lambda v: repr(v[:20]))
def test_a_hostile_value_gives_the_default_and_a_note_naming_the_parameter(name, value):
    page = url_state._decode(f"{name}={quote(value)}")
    assert len(page.notes) == 1 and f"“{name}”" in page.notes[0]
    assert encode(page) == DEFAULT_QUERY  # every control at its default


@pytest.mark.parametrize("name", PARAMS)
def test_a_repeated_parameter_gives_the_default_and_a_note(name):
    valid = {"lang": "zh", "present": "1", "lam": "0.5", "mode": "constrained", "show": "l1_lp", "r": "0.3", "p": "0.7",
             "keep": "ratio", "src": "shape", "data": "diabetes", "feat": "3_4", "basis": "x-x2", "rho": "0.2", "shape": "1_1_0.5_10",
             "g": "10_1_1_1_1", "gen": "10_1_1_1_1", "pts": "0_1_500000_2_-500000_0", "preset": "round"}
    assert not url_state._decode(f"{name}={valid[name]}").notes  # a valid value alone is taken
    for query in (f"{name}={valid[name]}&{name}={valid[name]}", MultiDict([(name, valid[name]), (name, "x")])):
        page = url_state._decode(query)
        assert page.notes == [text("url.repeated", "en", name=name)]
        assert encode(page) == DEFAULT_QUERY


def test_unknown_parameters_are_named_and_many_of_them_are_counted():
    page = page_for_query("lam=0.5&colour=red&%3Cscript%3E=1")
    assert page.notes == [text("url.unknown", "en", name="colour"), text("url.unknown", "en", name="<script>")]
    assert page.view["value"] == 0.5
    many = page_for_query("&".join(f"junk{i}=1" for i in range(10_000)))
    assert len(many.notes) == MAX_NOTES + 1
    assert many.notes[-1] == text("url.more", "en", count=10_000 - MAX_NOTES)


def test_notes_are_in_the_links_language():
    page = page_for_query("lang=zh&lam=-1")
    assert page.lang == "zh" and page.notes == [text("url.bad", "zh", name="lam")]
    assert page.notes[0] != text("url.bad", "en", name="lam")


def test_a_lambda_outside_the_sliders_range_is_refused_and_its_edges_are_taken():
    lam_max = lambda_max(check_problem(default_state()))
    assert page_for_query(f"lam={lam_max * 3.01!r}").notes == [text("url.bad", "en", name="lam")]
    assert page_for_query(f"lam={lam_max * 0.00099!r}").notes == [text("url.bad", "en", name="lam")]
    for top in (page_for_query(f"lam={lam_max * 3.0!r}"), page_for_query(f"lam={lam_max * 3.002!r}")):
        assert top.notes == [] and top.view["slider"] == SLIDER_MAX
    bottom = page_for_query(f"lam={lam_max * 1e-3!r}")
    assert bottom.notes == [] and bottom.view["slider"] == pytest.approx(SLIDER_MIN, abs=1e-12)


@pytest.mark.parametrize(
    "query, names",
    [
        ("pts=0_1_0_2_0_3", "pts"),  # every point at one x: flat loss
        ("gen=20_0_0_0_7", "gen"),  # y = 0 everywhere: no signal
        ("src=shape&shape=0_0_1_0", "src, shape"),  # the centre at the origin: λ_max = 0
        ("basis=x-x2&pts=0_1_1_2_2_3", "basis, pts"),  # x = 1e-6, 2e-6: needles
    ],
)
def test_a_problem_that_cannot_be_drawn_gives_the_default_problem_and_a_note(query, names):
    page = page_for_query(query)
    assert page.notes == [text("url.problem", "en", names=names)]
    assert page.state == default_state()
    check_problem(page.state)


def test_points_and_generator_settings_together_keep_the_points():
    page = page_for_query("pts=0_1000000_500000_2000000_-500000_0&gen=10_1_1_1_1")
    assert page.notes == [text("url.conflict", "en", name="gen")]
    assert page.state["points"] == {"x": [0.0, 0.5, -0.5], "y": [1.0, 2.0, 0.0]}


@pytest.mark.parametrize("query", [None, 42, b"lam=0.5", ["lam", "1"], {"lam": ["1", "2"]}, {"lam": "0.5"}])
def test_any_query_object_opens_a_page(query):
    page = url_state._decode(query)
    check_problem(page.state)


def test_the_last_resort_guard_opens_the_default_page_and_logs(monkeypatch, caplog):
    def broken(query):
        if query:
            raise RuntimeError("a bug")
        return url_state.__dict__["_decode_original"](query)

    monkeypatch.setitem(url_state.__dict__, "_decode_original", url_state._decode)
    monkeypatch.setattr(url_state, "_decode", broken)
    with caplog.at_level(logging.ERROR, logger="authoring.url_state"):
        page = page_for_query("lam=0.5")
    assert page.state == default_state() and page.notes == [text("url.bad", "en", name="?")]
    assert "page_for_query failed" in caplog.text


names = st.sampled_from(PARAMS + ("lamb", "", "LAM", "pts[]"))
junk = st.one_of(
    st.text(max_size=60),
    st.sampled_from(HOSTILE[:-2]),
    st.lists(st.one_of(st.integers(-10**7, 10**7).map(str), st.floats().map(repr), st.text(max_size=3)),
             max_size=12).map("_".join),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(names, junk), max_size=8))
def test_fuzz_any_link_opens_a_drawable_page_with_a_note_per_refused_parameter(params):
    query = "&".join(f"{quote(k)}={quote(v)}" for k, v in params)
    page = url_state._decode(query)  # never raises
    check_problem(page.state)
    reopened = url_state._decode(encode(page))
    assert reopened.notes == [] and encode(reopened) == encode(page)
    assert len(page.notes) <= MAX_NOTES + 1
    counts = {}
    for k, _ in params:
        counts[k] = counts.get(k, 0) + 1
    for name, count in counts.items():
        if count > 1 or name not in PARAMS:
            assert _note_names(page, name) or len(page.notes) > MAX_NOTES, name


# ---------------------------------------------------------------------------- size and the server
def test_fifty_points_anywhere_in_the_window_fit_in_two_thousand_characters():
    rng = np.random.default_rng(5)
    state = {**default_state(), "basis": "x-x3", "rho": -0.35, "source": "shape",
             "shape": {"center": [-2.123456789, 0.987654321], "ratio": 0.123456789, "angle": 123.456789}}
    state.pop("generated")
    # the longest coordinates: x = -0.999999..., y = -999,999,999.99... (|y| <= MAX_ABS)
    state["points"] = {"x": list(-1 + 1e-7 * rng.random(50)), "y": list(-1e9 + rng.random(50))}
    page = PageState(state=state, generator={"n": 123, "true_w": [-4.44, -3.33], "noise": 12.34, "seed": 4294967295},
                     view={"mode": "constrained", "shown": ["en"], "l1_ratio": 0.123456789, "keep": "ratio",
                           "slider": -1.5, "value": 0.123456789012345678},
                     lang="zh", present=True)
    query = encode(page)
    assert "pts=" in query and len(query) <= 2000
    typical = encode(PageState(state={**state, "points": {"x": list(rng.uniform(-1, 1, 50)),
                                                          "y": list(rng.normal(scale=3, size=50))}},
                               generator={}, view={"value": 0.5}))
    assert len(typical) <= 1000


def test_layout_query_takes_the_requests_parameters_else_the_referrers():
    assert layout_query(MultiDict([("lam", "1")]), "http://h/?lam=2") == MultiDict([("lam", "1")])
    assert layout_query(MultiDict(), "http://h/app/?lam=2&lang=zh#x") == "lam=2&lang=zh"
    assert layout_query(MultiDict(), None) == ""


@pytest.mark.parametrize("how", ["query", "referrer"])
def test_the_servers_layout_is_the_links_page(how):
    import app

    client = app.server.test_client()
    query = "lang=zh&lam=0.5&mode=constrained&foo=1"
    if how == "query":  # assets/share_panel.js passes the page's query along
        response = client.get(f"/_dash-layout?{query}")
    else:  # without it, the page's address in the Referer header
        response = client.get("/_dash-layout", headers={"Referer": f"http://localhost/?{query}"})
    assert response.status_code == 200
    found = {}

    def walk(node):
        if isinstance(node, dict):
            props = node.get("props", {})
            if isinstance(props, dict) and props.get("id") in ("url-message", "mode-toggle", "language-toggle"):
                found[props["id"]] = props
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(response.get_data(as_text=True)))
    assert found["url-message"]["children"] == text("url.unknown", "zh", name="foo")
    assert found["mode-toggle"]["value"] == "constrained" and found["language-toggle"]["value"] == "zh"
