"""Sparsity statistics and the comparison table in real headless Chromium: nothing runs while
closed; opened, the Monte-Carlo runs with 1000 problems and its caption says so; the controls and
the lab's λ rerun it; the comparison table follows λ at rest."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from components.sparsity_figure import CURVE_UIDS, TOUCH_UIDS

from .conftest import SCREENSHOTS, wait_for
from .test_lab import press, reload, wait_settled

pytestmark = pytest.mark.browser

GD = "document.querySelector('#sparsity-plot .js-plotly-plot')"
UIDS_JS = f"const gd = {GD}; return gd && gd._fullData ? gd._fullData.map(t => t.uid) : [];"
META_JS = f"const gd = {GD}; return gd && gd.layout && gd.layout.meta ? gd.layout.meta : null;"
TITLE_JS = f"const gd = {GD}; return gd && gd.layout && gd.layout.title ? gd.layout.title.text : '';"
TABLE_JS = "return document.getElementById('comparison-table').textContent;"


@pytest.fixture(scope="module")
def lab(app_server, driver):
    url = app_server()
    reload(driver, url)
    return driver, url


def open_details(driver, details_id: str) -> None:
    summary = driver.find_element(By.CSS_SELECTOR, f"#{details_id} summary")
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", summary)
    summary.click()
    wait_for(driver, f"return document.getElementById('{details_id}').open === true")


def slider_keys(driver, slider_id: str, *keys) -> None:
    thumb = driver.find_element(By.CSS_SELECTOR, f"#{slider_id} [role=slider]")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", thumb)
    thumb.click()
    for key in keys:
        thumb.send_keys(key)


def wait_meta(driver, condition: str, timeout: float = 30.0) -> dict:
    """Wait until the figure's meta satisfies a JS condition on `m`, and return it."""
    wait_for(driver, f"const m = (function () {{ {META_JS} }})(); return !!m && ({condition});", timeout=timeout)
    return driver.execute_script(META_JS)


def test_monte_carlo_runs_when_opened_and_follows_its_controls_and_the_labs_lambda(lab):
    driver, url = lab
    reload(driver, url)
    assert driver.execute_script("return document.getElementById('sparsity-details').open") is False
    assert driver.execute_script(UIDS_JS) == []  # closed: nothing asked, nothing drawn
    open_details(driver, "sparsity-details")
    meta = wait_meta(driver, "m.count === 1000")
    wait_settled(driver)
    assert driver.execute_script(UIDS_JS) == list(CURVE_UIDS)
    assert meta["dim"] == 10 and meta["factor"] == pytest.approx(0.1)
    assert meta["zeros"]["l2"] == 0 and meta["zeros"]["l1"] > meta["zeros"]["elasticnet"] > 0
    title = driver.execute_script(TITLE_JS)
    assert title.startswith("1000 problems (d = 10") and f"{meta['ms']:.0f} ms" in title
    print(f"sparsity: 1000 problems at d = 10 in {meta['ms']:.0f} ms (server)")
    SCREENSHOTS.mkdir(exist_ok=True)
    graph = driver.find_element(By.ID, "sparsity-plot")
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", graph)
    graph.screenshot(str(SCREENSHOTS / "sparsity-d10.png"))

    # dimension 2: the touch points' plot appears
    slider_keys(driver, "sparsity-dim", Keys.HOME)
    meta = wait_meta(driver, "m.dim === 2")
    wait_settled(driver)
    assert driver.execute_script(UIDS_JS) == list(CURVE_UIDS + TOUCH_UIDS)
    assert sum(meta["touch"]["l1"].values()) == 1000 and meta["touch"]["l2"]["axis"] == 0
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", graph)
    graph.screenshot(str(SCREENSHOTS / "sparsity-d2.png"))

    # fewer problems: the caption states the new count
    slider_keys(driver, "sparsity-count", Keys.HOME)
    wait_meta(driver, "m.count === 10")
    assert driver.execute_script(TITLE_JS).startswith("10 problems (d = 2")

    # the lab's λ: ticking the box, then moving λ, reruns at the lab's λ/λ_max
    box = driver.find_element(By.CSS_SELECTOR, "#sparsity-follow input[value='lab']")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
    box.click()
    slider = driver.execute_script("return window.lab.lambdaControl.shownView().slider;")
    wait_meta(driver, f"Math.abs(m.factor - Math.pow(10, {slider})) < 1e-9 * Math.pow(10, {slider})")
    press(driver, Keys.ARROW_LEFT, 3)
    wait_for(driver, f"return window.lab.lambdaControl.shownView().slider < {slider}")
    wait_settled(driver)  # λ at rest: the last of the three steps
    slider = driver.execute_script("return window.lab.lambdaControl.shownView().slider;")
    wait_meta(driver, f"Math.abs(m.factor - Math.pow(10, {slider})) < 1e-9 * Math.pow(10, {slider})")


def test_comparison_table_follows_lambda_at_rest(lab):
    driver, url = lab
    reload(driver, url)
    assert "Exact zeros now: L1 1 of 2, L2 0 of 2" in driver.execute_script(TABLE_JS)  # built with the page
    open_details(driver, "comparison-details")
    press(driver, Keys.END)  # λ = 3 λ_max: every lasso weight exactly 0
    wait_for(driver, "return document.getElementById('comparison-table').textContent.includes('L1 2 of 2')")
    assert "L2 0 of 2" in driver.execute_script(TABLE_JS)
    press(driver, Keys.HOME)  # λ = 10⁻³ λ_max: none
    wait_for(driver, "return document.getElementById('comparison-table').textContent.includes('L1 0 of 2')")
    wait_settled(driver)
    SCREENSHOTS.mkdir(exist_ok=True)
    driver.find_element(By.ID, "comparison-details").screenshot(str(SCREENSHOTS / "comparison-table.png"))
    # closed, the table no longer follows λ
    driver.find_element(By.CSS_SELECTOR, "#comparison-details summary").click()
    wait_for(driver, "return document.getElementById('comparison-details').open === false")
    press(driver, Keys.END)
    wait_settled(driver)
    assert "L1 0 of 2" in driver.execute_script(TABLE_JS)
