"""How the weight plane is redrawn: a λ step redraws only its traces (plotly's transition
path), the picture is the one a whole redraw draws, and what a step leaves out (the touch
points' hover texts) comes back once λ rests."""

from __future__ import annotations

import re

import numpy as np
import pytest
from selenium.webdriver.common.keys import Keys

from components.problem import default_state, loss_for_state

from .conftest import wait_for
from .test_lab import exact_touches, press, reload, traces, wait_settled

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
return {hover: Object.fromEntries(gd.data.filter(t => /-touch$/.test(t.uid)).map(t => [t.uid, t.hovertext || null])),
        transition: gd.layout.transition || null,
        x: gd.layout.xaxis.range.slice(), y: gd.layout.yaxis.range.slice()};
"""


def test_a_lambda_step_redraws_only_the_traces_and_draws_what_a_whole_redraw_draws(url, driver):
    reload(driver, url)
    press(driver, Keys.ARROW_RIGHT)  # the first step after the server's figure: one whole redraw
    wait_settled(driver)
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
