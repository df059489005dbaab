"""How the weight plane is redrawn: a λ step and a held data point redraw only its traces
(plotly's transition path), the picture is the one a whole redraw draws, and what a step leaves
out (the touch points' hover texts, the moving window) comes back once λ rests or the point is
let go."""

from __future__ import annotations

import re

import numpy as np
import pytest
from selenium.webdriver.common.keys import Keys

from components.problem import default_state, loss_for_state

from .conftest import wait_for
from .test_lab import LAB_STATE_JS, exact_touches, press, reload, traces, wait_settled

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def url(app_server) -> str:
    return app_server()


# Records the weight plane's redraw events in order, and the trace layer's SVG at each
# plotly_transitioned (the picture a traces-only redraw left).
RECORD_JS = """
const gd = document.querySelector('#weight-plane .js-plotly-plot');
window.__events = [];
window.__svgAtTransition = null;
if (!gd.__recorder) {
  gd.__recorder = true;
  gd.on('plotly_afterplot', () => window.__events.push('afterplot'));
  gd.on('plotly_transitioned', () => {
    window.__events.push('transitioned');
    window.__svgAtTransition = gd.querySelector('.scatterlayer').outerHTML;
  });
}
"""

SVG_JS = "return document.querySelector('#weight-plane .scatterlayer').outerHTML;"

PLANE_JS = """
const gd = document.querySelector('#weight-plane .js-plotly-plot');
return {hover: Object.fromEntries(gd.data.filter(t => /-touch$/.test(t.uid) && t.visible !== false).map(t => [t.uid, t.hovertext || null])),
        transition: gd.layout.transition || null,
        x: gd.layout.xaxis.range.slice(), y: gd.layout.yaxis.range.slice()};
"""


# The hover texts written when λ rested are drawn (plotly takes them into _fullData in the same
# task in which it redraws and fires plotly_afterplot).
HOVER_DRAWN_JS = """
const gd = document.querySelector('#weight-plane .js-plotly-plot');
const wanted = gd.data.find(t => t.uid === 'l1-touch').hovertext;
const drawn = gd._fullData.find(t => t.uid === 'l1-touch').hovertext;
return !!wanted && !!drawn && wanted[0] === drawn[0];
"""


def test_a_lambda_step_redraws_only_the_traces_and_draws_what_a_whole_redraw_draws(url, driver):
    reload(driver, url)
    press(driver, Keys.ARROW_RIGHT)  # the first step after the server's figure: one whole redraw
    wait_settled(driver)
    wait_for(driver, HOVER_DRAWN_JS)  # and the redraw for the hover texts at rest is over
    driver.execute_script(RECORD_JS)
    before = traces(driver)["l1-region"]
    press(driver, Keys.ARROW_RIGHT)
    wait_for(driver, "return window.__events.length > 0")
    assert driver.execute_script("return window.__events[0]") == "transitioned"
    assert traces(driver)["l1-region"] != before
    svg = driver.execute_script("return window.__svgAtTransition")
    # once λ rests the hover texts are written: a whole redraw, of the same coordinates
    wait_settled(driver)
    wait_for(driver, "return window.__events.indexOf('afterplot') >= 0")
    assert driver.execute_script(SVG_JS) == svg


NUMBER = r"(-?[0-9.]+(?:e[-+]?[0-9]+)?)"


def test_touch_point_hover_texts_give_the_exact_optimum_once_lambda_rests(url, driver):
    reload(driver, url)
    press(driver, Keys.ARROW_LEFT, times=4)
    wait_settled(driver)
    hover = driver.execute_script(PLANE_JS)["hover"]
    loss = loss_for_state(default_state())
    for region, w in exact_touches(driver).items():
        text = hover[f"{region}-touch"][0]
        shown_w = re.search(rf"w = \({NUMBER}, {NUMBER}\)", text).groups()
        shown_j0 = re.search(rf"J0 = {NUMBER}", text).group(1)
        np.testing.assert_allclose([float(v) for v in shown_w], w, rtol=1e-3, atol=1e-4, err_msg=text)
        assert float(shown_j0) == pytest.approx(loss(w), rel=1e-3), text


# Positions of the fourth data point written to data-drag, as assets/data_edit.js sends them
# while the point is held (and, with `release`, when it is let go).
def send_drag(driver, dy: float, *, release: bool = False) -> None:
    points = driver.execute_script(LAB_STATE_JS)["points"]
    driver.execute_script(
        """
const [x, y, release] = arguments;
window.__stamp = (window.__stamp || 1000) + 1;
const move = {index: 3, x: x, y: y, stamp: window.__stamp};
if (release) { move.release = true; }
window.dash_clientside.set_props('data-drag', {data: move});
""",
        points["x"][3],
        points["y"][3] + dy,
        release,
    )


# what pressing the button on a data point sets (assets/data_edit.js): the page then leaves the
# weight plane to the server's answers and does not redraw the data panel
DRAGGING_JS = "window.lab.state.drag = {index: 3};"


def test_a_held_point_redraws_only_the_traces_and_its_release_the_whole_plane(url, driver):
    reload(driver, url)
    start = driver.execute_script(PLANE_JS)
    driver.execute_script(DRAGGING_JS + RECORD_JS)
    try:
        for k, dy in enumerate((0.1, 0.2, 0.3)):
            send_drag(driver, dy)
            wait_for(driver, f"return window.__events.filter(e => e === 'transitioned').length > {k}")
        # the first answer replaces the hover texts (one whole redraw); the later ones redraw
        # only the traces
        events = driver.execute_script("return window.__events")
        assert events.count("afterplot") <= 1, events
        held = driver.execute_script(PLANE_JS)
        assert all(text is None for text in held["hover"].values())
        assert (held["x"], held["y"]) == (start["x"], start["y"])  # the window stays put
        send_drag(driver, 0.3, release=True)
        wait_for(driver, "return window.__events.slice(-1)[0] === 'afterplot'")
    finally:
        driver.execute_script("window.lab.state.drag = null;")
    released = driver.execute_script(PLANE_JS)
    assert released["transition"] is None
    assert all(text and "touch point" in text[0] for text in released["hover"].values())
