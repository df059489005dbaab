"""The p-norm ball on the weight plane in Chromium: ticked, it is drawn with its global touch point
(the browser's certified search equals the server's), it follows λ and its p slider, the norm
panel's p slider follows the plane's, the readout gets its row, and unticked it is gone."""

from __future__ import annotations

import numpy as np
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from components.plane_traces import moving_traces
from components.problem import default_state
from components.stores import build_scene
from components.view import initial_view

from .conftest import SCREENSHOTS, wait_for
from .test_lab import press, reload, slider_value, traces, wait_settled

pytestmark = pytest.mark.browser

LP_TOUCH_X = ("(() => { const gd = document.querySelector('#weight-plane .js-plotly-plot');"
              "const t = gd._fullData.find(d => d.uid === 'lp-touch'); return t && t.x && t.x.length ? t.x[0] : null; })()")


@pytest.fixture(scope="module")
def url(app_server) -> str:
    return app_server()


def _server_touch(slider: float, p: float) -> np.ndarray:
    scene = build_scene(default_state())
    view = dict(initial_view(), slider=slider, shown=["l1", "l2", "lp"], p=p)
    data = moving_traces(scene, view)["lp-touch"]
    return np.array([data["x"][0], data["y"][0]])


def _drawn(driver) -> np.ndarray:
    lp = traces(driver)["lp-touch"]
    return np.array([lp["x"][0], lp["y"][0]])


def test_the_p_norm_ball_follows_lambda_and_p_as_the_server_draws_it(url, driver):
    reload(driver, url)
    assert traces(driver)["lp-touch"]["x"] == []
    assert driver.execute_script("return document.querySelector('#plane-p-slider [role=slider]').hasAttribute('data-disabled');")
    driver.find_element(By.CSS_SELECTOR, "#penalty-checklist input[value='lp']").click()
    wait_for(driver, f"return {LP_TOUCH_X} !== null;")
    np.testing.assert_allclose(_drawn(driver), _server_touch(slider_value(driver), 0.5), rtol=0, atol=1e-9)
    wait_for(driver, "return !!document.getElementById('readout-lp');")
    # λ steps: the browser's certified search, step by step
    before = _drawn(driver)
    press(driver, Keys.ARROW_LEFT, 6)
    wait_for(driver, f"return {LP_TOUCH_X} !== {float(before[0])!r};")
    wait_settled(driver)  # the last of the six steps drawn
    wait_for(driver, "return !!document.getElementById('readout-lp');")
    np.testing.assert_allclose(_drawn(driver), _server_touch(slider_value(driver), 0.5), rtol=0, atol=1e-9)
    # p to 4 on the plane's slider: the ball and its touch point follow; so does the norm panel's p slider
    wait_for(driver, "return !document.querySelector('#plane-p-slider [role=slider]').hasAttribute('data-disabled');")
    thumb = driver.find_element(By.CSS_SELECTOR, "#plane-p-slider [role=slider]")
    at_p05 = _drawn(driver)
    thumb.click()
    thumb.send_keys(Keys.END)
    wait_for(driver, f"return {LP_TOUCH_X} !== {float(at_p05[0])!r};")
    wait_for(driver, "return document.querySelector('#p-slider [role=slider]').getAttribute('aria-valuenow') === '4';")
    wait_for(driver, "return window.lab.lambdaControl.shownView().p === 4;")
    wait_settled(driver)
    np.testing.assert_allclose(_drawn(driver), _server_touch(slider_value(driver), 4.0), rtol=0, atol=1e-9)
    driver.execute_script("document.getElementById('weight-plane').scrollIntoView({block: 'center'});")
    driver.save_screenshot(str(SCREENSHOTS / "plane-lp.png"))
    # unticked: gone
    driver.find_element(By.CSS_SELECTOR, "#penalty-checklist input[value='lp']").click()
    wait_for(driver, f"return {LP_TOUCH_X} === null;")
    assert traces(driver)["lp-region"]["x"] == []
