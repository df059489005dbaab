"""The regularization path in real headless Chromium: drawn when opened, follows λ, sets λ on a
click, follows the data, meets the weight plane's touch points at the current λ."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from .conftest import SCREENSHOTS, wait_for
from .test_lab import click_radio, press, reload, traces, wait_settled

pytestmark = pytest.mark.browser

PATH_UIDS = ["path-now", "path-l1-knots", "path-l1-0", "path-l1-1", "path-l2-0", "path-l2-1", "path-en-0", "path-en-1"]
DRAWN_JS = """
const gd = document.querySelector('#path-plot .js-plotly-plot');
return !!gd && !!gd._fullData && gd._fullData.length === 8 && gd._fullData[0].uid === 'path-now';
"""
#: λ the weight plane shows (the view it published, with the value its slider stands for)
PLANE_LAMBDA_JS = "return window.lab.lambdaControl.shownView().value;"
NOW_X_JS = (
    "const gd = document.querySelector('#path-plot .js-plotly-plot');"
    "return gd && gd._fullData && gd._fullData[0] ? gd._fullData[0].x[0] : null;"
)


@pytest.fixture(scope="module")
def lab(app_server, driver):
    url = app_server()
    reload(driver, url)
    return driver, url


def open_path(driver) -> None:
    summary = driver.find_element(By.CSS_SELECTOR, "#path-details summary")
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", summary)
    summary.click()
    wait_for(driver, DRAWN_JS)
    wait_settled(driver)


def _at(trace: dict, lam: float, *, log: bool = False) -> float:
    x, y = np.asarray(trace["x"], dtype=float), np.asarray(trace["y"], dtype=float)
    return float(np.interp(np.log(lam), np.log(x), y) if log else np.interp(lam, x, y))


def wait_line_moved_to_plane_lambda(driver, before: float) -> None:
    """Wait until the λ line has left ``before`` and stands at the plane's λ (its last step)."""
    wait_for(
        driver,
        f"const x = (function () {{ {NOW_X_JS} }})(); return x !== null && x !== {before!r} && "
        "Math.abs(x - window.lab.lambdaControl.shownView().value) <= 1e-12 * x;",
    )


def assert_meets_the_plane(driver, *, ridge: bool = True) -> None:
    """The L1 curves at the λ line are the plane's L1 touch point (exactly: the curve is linear in λ
    between its points); the L2 curves are its L2 touch point (to the grid's drawing accuracy)."""
    path, plane = traces(driver, "path-plot"), traces(driver)
    x = path["path-now"]["x"][0]
    scale = max(1.0, float(np.abs(plane["ols-point"]["x"][0])), float(np.abs(plane["ols-point"]["y"][0])))
    for k, axis in enumerate("xy"):
        assert _at(path[f"path-l1-{k}"], x) == pytest.approx(plane["l1-touch"][axis][0], abs=1e-9 * scale)
        if ridge:
            assert _at(path[f"path-l2-{k}"], x, log=True) == pytest.approx(plane["l2-touch"][axis][0], abs=2e-3 * scale)


def test_path_is_drawn_when_opened_and_follows_lambda_clicks_and_data(lab):
    driver, url = lab
    reload(driver, url)
    # closed: nothing drawn, nothing asked
    assert driver.execute_script("return document.getElementById('path-details').open") is False
    assert driver.execute_script("return document.querySelector('#path-plot .js-plotly-plot')._fullData.length") == 0
    open_path(driver)
    order = driver.execute_script(
        "return document.querySelector('#path-plot .js-plotly-plot')._fullData.map(t => t.uid);"
    )
    assert order == PATH_UIDS
    data = traces(driver, "path-plot")
    assert [data[uid]["visible"] for uid in PATH_UIDS[1:]] == [True] * 5 + [False] * 2  # the elastic net is not shown
    assert driver.execute_script(NOW_X_JS) == pytest.approx(driver.execute_script(PLANE_LAMBDA_JS), rel=1e-12)
    assert_meets_the_plane(driver)

    # λ steps move the line, in the browser
    before = driver.execute_script(NOW_X_JS)
    press(driver, Keys.ARROW_LEFT, 7)
    wait_line_moved_to_plane_lambda(driver, before)
    wait_settled(driver)
    assert driver.execute_script(NOW_X_JS) == pytest.approx(driver.execute_script(PLANE_LAMBDA_JS), rel=1e-12)
    assert_meets_the_plane(driver)

    # a click at a quarter of the plot's width sets λ there (penalized: log10(λ / λ_max) on the slider)
    area = driver.find_element(By.CSS_SELECTOR, "#path-plot .nsewdrag")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", area)
    width = driver.execute_script("return arguments[0].getBoundingClientRect().width;", area)
    lo, hi = driver.execute_script(
        "return document.querySelector('#path-plot .js-plotly-plot')._fullLayout.xaxis.range.slice();"
    )
    before = driver.execute_script(PLANE_LAMBDA_JS)
    ActionChains(driver).move_to_element_with_offset(area, int(round(-0.25 * width)), 0).click().perform()
    wait_for(driver, f"return window.lab.lambdaControl.shownView().value !== {before!r};")
    wait_settled(driver)
    lam = driver.execute_script(PLANE_LAMBDA_JS)
    want = lo + 0.25 * (hi - lo)
    assert math.log10(lam) == pytest.approx(want, abs=2.0 / width * (hi - lo))  # within two pixels
    assert driver.execute_script(NOW_X_JS) == pytest.approx(lam, rel=1e-12)
    assert_meets_the_plane(driver)

    # new data: new curves, which still meet the plane at the λ on screen
    l1_before = traces(driver, "path-plot")["path-l1-0"]["y"]
    driver.find_element(By.CSS_SELECTOR, "#points-controls summary").click()
    seed = driver.find_element(By.ID, "generator-seed")
    seed.clear()
    seed.send_keys("321" + Keys.TAB)
    driver.find_element(By.ID, "resample-button").click()
    wait_for(
        driver,
        "const gd = document.querySelector('#path-plot .js-plotly-plot');"
        f"return gd._fullData.length === 8 && JSON.stringify(Array.from(gd._fullData[2].y)) !== {str(l1_before)!r};",
    )
    wait_settled(driver)
    assert driver.execute_script(NOW_X_JS) == pytest.approx(driver.execute_script(PLANE_LAMBDA_JS), rel=1e-12)
    assert_meets_the_plane(driver)

    # constrained mode: the line is at the L1 touch point's λ (the L1 curve meets it there)
    click_radio(driver, "mode-toggle", "constrained")
    wait_for(driver, "return document.getElementById('lambda-label').innerText.startsWith('t =')")
    wait_settled(driver)
    press(driver, Keys.ARROW_LEFT, 4)
    wait_settled(driver)
    assert_meets_the_plane(driver, ridge=False)

    # the elastic net ticked: its curves are drawn
    driver.find_element(By.CSS_SELECTOR, "#penalty-checklist input[value='en']").click()
    wait_for(
        driver,
        "const gd = document.querySelector('#path-plot .js-plotly-plot');"
        "return gd._fullData[6].visible === true && gd._fullData[6].x.length > 100;",
    )


def test_screenshot_of_the_open_path(lab):
    driver, url = lab
    reload(driver, url)
    driver.find_element(By.CSS_SELECTOR, "#penalty-checklist input[value='en']").click()
    wait_settled(driver)
    open_path(driver)
    wait_for(
        driver,
        "const gd = document.querySelector('#path-plot .js-plotly-plot');return gd._fullData[6].visible === true;",
    )
    driver.execute_script("document.getElementById('path-details').scrollIntoView({block: 'start'});")
    SCREENSHOTS.mkdir(exist_ok=True)
    out = Path(SCREENSHOTS) / "path_plot.png"
    driver.save_screenshot(str(out))
    assert out.stat().st_size > 10_000


def test_the_path_follows_lambda_steps_taken_while_it_was_out_of_sight(lab):
    """λ steps taken while the open path plot is scrolled out of view (the plot skips them) are
    drawn when it comes back into view: its λ line meets the plane's touch points again."""
    driver, url = lab
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 700, "deviceScaleFactor": 1, "mobile": False})
    try:
        reload(driver, url)
        open_path(driver)
        before = traces(driver, "path-plot")["path-now"]["x"][0]
        driver.execute_script("window.scrollTo(0, 0);")
        wait_for(driver, "const r = document.getElementById('path-plot').getBoundingClientRect();"
                         "return r.top > window.innerHeight || r.bottom < 0;")
        plane = traces(driver)["l1-touch"]["x"][0]
        press(driver, Keys.ARROW_LEFT, 6)
        wait_for(driver, f"return document.querySelector('#weight-plane .js-plotly-plot')._fullData"
                         f".find(t => t.uid === 'l1-touch').x[0] !== {plane!r};")
        wait_settled(driver)
        assert driver.execute_script(NOW_X_JS) == before  # out of sight: no step drawn, not even the first
        driver.execute_script("document.getElementById('path-plot').scrollIntoView({block: 'center'});")
        # the line reaches the plane's λ: the steps skipped out of sight are caught up now
        wait_line_moved_to_plane_lambda(driver, before)
        assert_meets_the_plane(driver)
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
