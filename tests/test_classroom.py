"""The classroom panel: its layout in both languages, and the play loop under Node.

The play loop (``assets/classroom_panel.js``) runs with a stubbed animation clock, weight plane
and ``lab.write``: it writes a new λ only once the plane has drawn the last one (a slow plane
gets fewer writes, each at the position the elapsed time calls for), sweeps from the top of
the slider to its bottom and back at the chosen speed, and goes on from where a mode switch
put λ.
"""

from __future__ import annotations

import math

import pytest

from authoring.url_state import PageState
from components import classroom_panel
from components.classroom_panel import CLASSROOM_KEYS, KEYS, PLAY_BUTTON, PLAY_SPEED, PRESENTER_TOGGLE, SWEEP_SECONDS
from components.client_config import client_config
from components.i18n import LANGS, text
from components.lambda_control import SLIDER_MAX, SLIDER_MIN, SLIDER_STEP
from components.problem import GENERATOR_DEFAULTS, default_state
from components.view import initial_view
from components.writers import WRITERS

from .test_js_node import ROOT, NodePage, node_executable


def _page(*, present: bool = False, lang: str = "en") -> PageState:
    return PageState(
        state=default_state(), generator=dict(GENERATOR_DEFAULTS), view=initial_view(), lang=lang, present=present
    )


def _parts(page: PageState) -> dict:
    (row,) = classroom_panel.layout(page)
    return {getattr(child, "id", None) or f"text:{child}": child for child in row.children}


@pytest.mark.parametrize("present", [False, True])
def test_presenter_toggle_starts_as_the_page_does(present):
    parts = _parts(_page(present=present))
    toggle = parts[PRESENTER_TOGGLE]
    assert getattr(toggle, "aria-pressed") == ("true" if present else "false")
    assert getattr(parts[PLAY_BUTTON], "aria-pressed") == "false"


@pytest.mark.parametrize("lang", LANGS)
def test_labels_in_the_pages_language(lang):
    parts = _parts(_page(lang=lang))
    play = parts[PLAY_BUTTON]
    assert getattr(play, "data-play") == text("classroom.play", lang)
    assert getattr(play, "data-pause") == text("classroom.pause", lang)
    assert getattr(play, "aria-label") == text("classroom.play_name", lang)  # a name that does not change
    assert parts[PRESENTER_TOGGLE].children == text("classroom.present", lang)
    assert [o["label"] for o in parts[PLAY_SPEED].options] == [text(f"classroom.speed.{k}", lang) for k in SWEEP_SECONDS]
    keys = parts[CLASSROOM_KEYS].children
    assert isinstance(keys, str)  # plain text, no component per key
    for key in KEYS:
        assert text(f"classroom.key.{key}", lang) in keys


def test_chinese_labels_differ_from_english():
    assert text("classroom.present", "zh") != text("classroom.present", "en")
    assert text("classroom.key.space", "zh") != text("classroom.key.space", "en")


def test_speeds_sweep_slower_to_faster():
    seconds = list(SWEEP_SECONDS.values())
    assert [o["value"] for o in _parts(_page())[PLAY_SPEED].options] == seconds
    assert seconds == sorted(seconds, reverse=True) and all(s > 0 for s in seconds)
    assert _parts(_page())[PLAY_SPEED].value == SWEEP_SECONDS["normal"]


def test_the_key_list_names_every_shortcut_the_script_handles():
    source = (ROOT / "assets" / "classroom_panel.js").read_text(encoding="utf-8")
    for key in ("ArrowLeft", "ArrowRight", "'1'", "'2'", "'3'", "'4'", "p:", "k:", "'?'"):
        assert key in source
    listed = classroom_panel.key_list("en")
    for shown in ("←", "→", "space", "1", "2", "3", "4", "p", "k", "?"):
        assert shown in listed


def test_what_the_script_writes_is_declared():
    writes = {target: writers for target, writers in WRITERS.items() if "js classroom_panel" in writers}
    assert set(writes) == {
        ("lambda-slider", "value"),
        ("penalty-checklist", "value"),
        ("mode-toggle", "value"),
        (PLAY_BUTTON, "aria-pressed"),
        (PRESENTER_TOGGLE, "aria-pressed"),
        (CLASSROOM_KEYS, "hidden"),
    }


# ---------------------------------------------------------------------------- the loop, under Node

SETUP_JS = """
const config = arguments[0];
window.lab.config = function () { return config; };
window.__writes = [];
window.lab.write = function (module, key, value) { window.__writes.push([module, key, value]); return true; };
window.__frames = [];
window.requestAnimationFrame = function (cb) { window.__frames.push(cb); return window.__frames.length; };
window.cancelAnimationFrame = function () { window.__frames = []; };
window.__view = {slider: arguments[1], mode: 'penalized', shown: ['l1', 'l2']};
window.lab.lambdaControl = {shownView: function () { return window.__view; }};
window.lab.state.lambda = {drawn: null};
delete window.lab.state.classroom;
/* the plane draws the slider's latest value: a new view object, as lambda_control.js publishes */
window.__draw = function () {
  const w = window.__writes.filter(x => x[1] === 'lambdaSlider');
  if (w.length) { window.__view = Object.assign({}, window.__view, {slider: w[w.length - 1][2]}); }
};
/* run the pending animation frame at time ts */
window.__tick = function (ts) { const cb = window.__frames.shift(); if (cb) { cb(ts); } };
window.__sliderWrites = function () { return window.__writes.filter(x => x[1] === 'lambdaSlider').map(x => x[2]); };
return true;
"""


@pytest.fixture(scope="module")
def node():
    page = NodePage(node_executable(), [ROOT / "assets" / "stores.js", ROOT / "assets" / "classroom_panel.js"])
    yield page
    page.close()


@pytest.fixture
def loop(node):
    def start(slider: float = 0.0):
        assert node.execute_script(SETUP_JS, client_config(), slider)
        return node

    return start


RATE = (SLIDER_MAX - SLIDER_MIN) / (1000 * 6)  # slider units per ms at the default speed


def test_advance_reflects_at_the_ends():
    page = NodePage(node_executable(), [ROOT / "assets" / "stores.js", ROOT / "assets" / "classroom_panel.js"])
    try:
        got = page.execute_script(
            "const a = window.lab.classroom.advance;"
            "return [a(0, -1, 0.5, -3, 0.5), a(-2.9, -1, 0.3, -3, 0.5), a(0.4, 1, 0.3, -3, 0.5), a(0, -1, 7.5, -3, 0.5)];"
        )
    finally:
        page.close()
    assert got[0] == {"pos": pytest.approx(-0.5), "dir": -1}
    assert got[1] == {"pos": pytest.approx(-2.8), "dir": 1}  # bounced off the bottom
    assert got[2] == {"pos": pytest.approx(0.3), "dir": -1}  # bounced off the top
    assert got[3] == {"pos": pytest.approx(-0.5), "dir": -1}  # a whole round trip (7) and 0.5 more


def test_play_writes_only_after_the_plane_has_drawn(loop):
    page = loop(0.0)
    page.execute_script("window.lab.classroom.play(); window.__tick(1000); window.__tick(1016);")
    writes = page.execute_script("return window.__sliderWrites();")
    assert writes == [pytest.approx(-16 * RATE)]  # from large to small
    # the plane has not drawn it: frames pass, nothing more is written
    page.execute_script("for (let t = 1032; t <= 1200; t += 16) { window.__tick(t); }")
    assert page.execute_script("return window.__sliderWrites();") == writes
    # drawn (and its redraw event seen): the next frame writes where the time says, not one step on
    page.execute_script("window.__draw(); window.__tick(1216);")
    writes = page.execute_script("return window.__sliderWrites();")
    assert len(writes) == 2 and writes[1] == pytest.approx(-216 * RATE, rel=1e-9)


def test_a_step_waiting_for_its_redraw_holds_the_next(loop):
    page = loop(0.0)
    page.execute_script(
        "window.lab.classroom.play(); window.__tick(0); window.__tick(16);"
        "window.__draw(); window.lab.state.lambda.drawn = window.__view; window.__tick(32);"
    )
    assert len(page.execute_script("return window.__sliderWrites();")) == 1
    page.execute_script("window.lab.state.lambda.drawn = null; window.__tick(48);")
    assert len(page.execute_script("return window.__sliderWrites();")) == 2


def test_a_stalled_plane_is_not_waited_for_forever(loop):
    page = loop(0.0)
    page.execute_script("window.lab.classroom.play(); window.__tick(0); window.__tick(16);")
    page.execute_script("for (let t = 32; t <= 1100; t += 16) { window.__tick(t); }")
    assert len(page.execute_script("return window.__sliderWrites();")) == 2  # once more after ~1 s


def test_a_full_sweep_goes_down_and_back_up(loop):
    page = loop(SLIDER_MAX)
    page.execute_script(
        "window.lab.classroom.play(); for (let t = 0; t <= 12500; t += 20) { window.__tick(t); window.__draw(); }"
    )
    writes = page.execute_script("return window.__sliderWrites();")
    low = min(writes)
    assert low == pytest.approx(SLIDER_MIN, abs=25 * RATE)  # reached the bottom after ~6 s
    assert writes.index(low) == pytest.approx(6000 / 20, abs=3)
    assert writes[-1] == pytest.approx(SLIDER_MAX, abs=600 * RATE)  # and back near the top after 12 s
    assert all(SLIDER_MIN <= v <= SLIDER_MAX for v in writes)


def test_at_the_bottom_play_goes_up(loop):
    page = loop(SLIDER_MIN)
    page.execute_script("window.lab.classroom.play(); window.__tick(0); window.__tick(100);")
    assert page.execute_script("return window.__sliderWrites();")[0] > SLIDER_MIN


def test_a_mode_switch_during_play_is_followed(loop):
    page = loop(0.0)
    page.execute_script(
        "window.lab.classroom.play(); window.__tick(0); window.__tick(16);"
        # the mode switch moved the slider elsewhere; the plane drew that
        "window.__view = Object.assign({}, window.__view, {slider: -2.0, mode: 'constrained'});"
        "window.__tick(32); window.__tick(48);"
    )
    writes = page.execute_script("return window.__sliderWrites();")
    assert len(writes) == 2 and writes[1] == pytest.approx(-2.0 - 16 * RATE, rel=1e-9)


def test_stop_writes_nothing_more_and_the_button_follows(loop):
    page = loop(0.0)
    page.execute_script(
        "window.lab.classroom.play(); window.__tick(0); window.__tick(16); window.lab.classroom.stop();"
        "window.__draw(); window.__tick(32); window.__tick(48);"
    )
    writes = page.execute_script("return window.__writes;")
    assert [w for w in writes if w[1] == "playButton"] == [
        ["classroom_panel", "playButton", "true"],
        ["classroom_panel", "playButton", "false"],
    ]
    assert len([w for w in writes if w[1] == "lambdaSlider"]) == 1
    assert page.execute_script("return window.lab.classroom.playing();") is False


def test_slider_step_and_range_come_from_the_configuration():
    assert client_config()["slider"] == {"min": SLIDER_MIN, "max": SLIDER_MAX, "step": SLIDER_STEP}
    assert math.isclose(SLIDER_MAX, math.log10(3))
