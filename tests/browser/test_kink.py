"""The 1-D kink panel in Chromium: closed it does no work; open it follows λ, the data and its
own controls, and its L1 minimiser is the weight plane's L1 touch coordinate."""

from __future__ import annotations

import math

import numpy as np
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from components.kink_figure import KINK_TRACE_UIDS

from .conftest import SCREENSHOTS, wait_for
from .test_lab import click_radio, press, reload, traces, type_lambda, wait_settled

pytestmark = pytest.mark.browser

#: the plane's L1 touch coordinate k equals the kink's L1 minimiser (to rounding), and both are drawn
MATCH_JS = """
const k = arguments[0];
const plane = document.querySelector('#weight-plane .js-plotly-plot');
const kink = document.querySelector('#kink-plot .js-plotly-plot');
if (!plane || !kink || !plane._fullData || !kink._fullData) { return false; }
const touch = plane._fullData.find(t => t.uid === 'l1-touch');
const min = kink._fullData.find(t => t.uid === 'kink-l1-min');
const want = k === 0 ? touch.x[0] : touch.y[0], got = min.x[0];
return Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want)) ? [got, want] : false;
"""


@pytest.fixture(scope="module")
def url(app_server) -> str:
    return app_server()


def kink_min(driver) -> float:
    return float(traces(driver, "kink-plot")["kink-l1-min"]["x"][0])


def plane_touch(driver) -> list[float]:
    data = traces(driver)["l1-touch"]
    return [float(data["x"][0]), float(data["y"][0])]


def open_panel(driver) -> None:
    driver.execute_script("document.querySelector('#kink-details summary').scrollIntoView({block: 'center'});")
    driver.find_element(By.CSS_SELECTOR, "#kink-details summary").click()
    wait_for(driver, "return document.getElementById('kink-details').open")


def wait_match(driver, k: int) -> list[float]:
    return wait_for(driver, f"return (function () {{ {MATCH_JS} }}).apply(null, [{k}]);")


def test_closed_panel_does_no_work_and_opening_draws_the_lambda_on_screen(url, driver):
    reload(driver, url)
    assert driver.execute_script("return document.getElementById('kink-details').open") is False
    drawn = traces(driver, "kink-plot")
    assert set(drawn) == set(KINK_TRACE_UIDS)
    # the page opens on w₂, which the default lasso sets to exactly 0: the server drew x = 0.0
    assert drawn["kink-l1-min"]["x"] == [0.0] and plane_touch(driver)[1] == 0.0
    before = plane_touch(driver)
    press(driver, Keys.ARROW_LEFT, 25)
    wait_for(driver, f"return document.querySelector('#weight-plane .js-plotly-plot')._fullData"
                     f".find(t => t.uid === 'l1-touch').x[0] !== {before[0]!r}")  # fmt: skip
    wait_settled(driver)
    assert traces(driver, "kink-plot") == drawn  # closed: not redrawn
    assert driver.execute_script("return window.lab.state.kink.stale") is True
    open_panel(driver)
    got, want = wait_match(driver, 1)
    assert got == pytest.approx(plane_touch(driver)[1], abs=1e-9)


def test_open_panel_follows_lambda_source_and_data(url, driver):
    reload(driver, url)
    open_panel(driver)
    click_radio(driver, "kink-source", "w1")
    wait_match(driver, 0)
    first = kink_min(driver)
    # λ steps by keyboard: each drawn step is followed (no server round trip: clientside)
    press(driver, Keys.ARROW_RIGHT, 15)
    wait_settled(driver)
    wait_match(driver, 0)
    assert kink_min(driver) != first
    text = driver.find_element(By.ID, "kink-text").text
    assert "f(x) = J0 with w₁ = x" in text and "L2:" in text
    # the data change: resample, and the marker is the new lasso touch coordinate
    old_touch = plane_touch(driver)
    driver.find_element(By.CSS_SELECTOR, "#points-controls summary").click()
    driver.find_element(By.ID, "resample-button").click()
    wait_for(driver, f"return document.querySelector('#weight-plane .js-plotly-plot')._fullData"
                     f".find(t => t.uid === 'l1-touch').x[0] !== {old_touch[0]!r}")  # fmt: skip
    wait_settled(driver)
    got, want = wait_match(driver, 0)
    assert want == pytest.approx(plane_touch(driver)[0], abs=0)
    # w₂, and constrained mode (λ is then the lasso's λ for t): still the plane's coordinate
    click_radio(driver, "kink-source", "w2")
    wait_match(driver, 1)
    click_radio(driver, "mode-toggle", "constrained")
    wait_for(driver, "return document.getElementById('lambda-label').innerText.startsWith('t =')")
    wait_settled(driver)
    press(driver, Keys.ARROW_LEFT, 10)
    wait_settled(driver)
    wait_match(driver, 1)
    wait_for(driver, "return document.getElementById('kink-text').innerText.indexOf('t =') >= 0")


def test_parabola_reproduces_the_articles_pair_and_refuses_a_bad_a(url, driver):
    reload(driver, url)
    open_panel(driver)
    click_radio(driver, "kink-source", "parabola")
    wait_for(driver, "return document.getElementById('kink-text').innerText.startsWith('f(x) = 1·(x − 0.75)²')")
    type_lambda(driver, "2")
    wait_for(driver, "return document.getElementById('kink-text').innerText.indexOf('λ = 2.') > 0")
    assert kink_min(driver) == 0.0  # exactly
    assert "0 is the minimum because d₀ − λ = -3.5 < 0 < d₀ + λ = 0.5" in driver.find_element(By.ID, "kink-text").text
    type_lambda(driver, "0.5")
    wait_for(driver, "return document.getElementById('kink-text').innerText.indexOf('λ = 0.5.') > 0")
    assert kink_min(driver) == pytest.approx(0.5, rel=1e-12)  # from c = 0.75 toward 0
    l2 = traces(driver, "kink-plot")["kink-l2-min"]["x"][0]
    assert l2 == pytest.approx(1.5 / (2 + 1.0), rel=1e-12) and l2 != 0
    # a = -1: refused with a message, the picture stays
    drawn = traces(driver, "kink-plot")
    box = driver.find_element(By.ID, "kink-a")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("-1")
    wait_for(driver, "return document.getElementById('kink-message').innerText.indexOf('a must be') === 0")
    assert traces(driver, "kink-plot") == drawn
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("2")
    wait_for(driver, "return document.getElementById('kink-message').innerText === ''")
    wait_for(driver, "return document.getElementById('kink-text').innerText.startsWith('f(x) = 2·(x − 0.75)²')")
    # f = 2(x − 0.75)²: d0 = −3, f″ = 4: at λ = 0.5 x = (3 − 0.5)/4
    assert kink_min(driver) == pytest.approx(0.625, rel=1e-12)
    SCREENSHOTS.mkdir(exist_ok=True)
    driver.execute_script("document.getElementById('kink-details').scrollIntoView({block: 'start'});")
    driver.save_screenshot(str(SCREENSHOTS / "kink_parabola.png"))
    assert math.isfinite(kink_min(driver))
    assert np.all(np.isfinite(traces(driver, "kink-plot")["kink-l1-curve"]["y"]))
