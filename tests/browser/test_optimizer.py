"""Optimizer paths and the KKT picture in Chromium: closed, the plane's optimizer traces stay
empty; open, the paths appear with their uids, the proximal and clip paths end with the exact
zeros of the plane's L1 touch point, they follow λ and new data, and the KKT toggle draws −∇J0
and the normal cone."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from components.plane_traces import OPTIMIZER_UIDS

from .conftest import SCREENSHOTS, wait_for
from .test_lab import press, reload, traces, wait_settled

pytestmark = pytest.mark.browser

PATHS = [uid for uid in OPTIMIZER_UIDS if uid.startswith("gd-path-")]


@pytest.fixture(scope="module")
def url(app_server) -> str:
    return app_server()


def open_panel(driver) -> None:
    driver.execute_script("document.querySelector('#optimizer-details summary').scrollIntoView({block: 'center'});")
    driver.find_element(By.CSS_SELECTOR, "#optimizer-details summary").click()
    wait_for(driver, "return document.getElementById('optimizer-details').open")


def drawn(driver, uid: str) -> str:
    """A wait expression: the plane's trace ``uid`` has points."""
    return (
        "const gd = document.querySelector('#weight-plane .js-plotly-plot');"
        f"const t = gd && gd._fullData && gd._fullData.find(t => t.uid === '{uid}');"
        "return !!t && t.x && t.x.length > 0;"
    )


def end_of(data: dict) -> list[float]:
    return [data["x"][-1], data["y"][-1]]


def test_closed_panel_leaves_the_traces_empty_and_opening_draws_every_path(url, driver):
    reload(driver, url)
    before = traces(driver)
    for uid in OPTIMIZER_UIDS:
        assert uid in before and before[uid]["x"] == [], uid
    press(driver, Keys.ARROW_LEFT)  # a λ step with the panel closed draws nothing of it
    wait_settled(driver)
    assert all(traces(driver)[uid]["x"] == [] for uid in OPTIMIZER_UIDS)
    open_panel(driver)
    for uid in PATHS:
        wait_for(driver, drawn(driver, uid))
    data = traces(driver)
    touch = [data["l1-touch"]["x"][0], data["l1-touch"]["y"][0]]
    zero = [i for i in (0, 1) if touch[i] == 0.0]
    assert zero, touch  # the default page's lasso sets a weight to exactly 0
    for uid in ("gd-path-l1", "gd-path-l1-clip"):
        end = end_of(data[uid])
        for i in zero:
            assert end[i] == 0.0, (uid, end)  # exactly, in the trace data
        assert max(abs(a - b) for a, b in zip(end, touch)) <= 1e-9, uid
    sign = data["gd-path-l1-subgradient"]
    column = sign["xy"[zero[0]]]
    assert 0.0 not in column[1:]
    assert sum(1 for a, b in zip(column, column[1:]) if a * b < 0) > 20  # it chatters across 0
    ols = [data["ols-point"]["x"][0], data["ols-point"]["y"][0]]
    assert max(abs(a - b) for a, b in zip(end_of(data["gd-path-none"]), ols)) <= 1e-9
    assert 0.0 not in data["gd-path-l2"]["x"][1:] and 0.0 not in data["gd-path-l2"]["y"][1:]
    text = driver.find_element(By.ID, "optimizer-text").text
    assert "sign flips" in text and "exactly from step" in text and "Proximal" in text
    driver.execute_script("document.getElementById('weight-plane').scrollIntoView({block: 'start'});")
    driver.save_screenshot(str(SCREENSHOTS / "optimizer-open.png"))


def test_lambda_step_moves_the_l1_paths_and_data_resample_redraws(url, driver):
    reload(driver, url)
    open_panel(driver)
    wait_for(driver, drawn(driver, "gd-path-l1"))
    before = traces(driver)
    press(driver, Keys.PAGE_DOWN)
    wait_for(
        driver,
        "const gd = document.querySelector('#weight-plane .js-plotly-plot');"
        "const t = gd._fullData.find(t => t.uid === 'gd-path-l1');"
        f"return t.x[t.x.length - 1] !== {before['gd-path-l1']['x'][-1]!r};",
    )
    wait_settled(driver)
    after = traces(driver)
    touch = [after["l1-touch"]["x"][0], after["l1-touch"]["y"][0]]
    assert max(abs(a - b) for a, b in zip(end_of(after["gd-path-l1"]), touch)) <= 1e-6
    assert after["gd-path-none"]["x"] == before["gd-path-none"]["x"]  # plain GD does not depend on λ
    # new data: the server redraws the plane (optimizer traces empty), the panel draws them again
    driver.find_element(By.CSS_SELECTOR, "#points-controls summary").click()
    driver.find_element(By.ID, "resample-button").click()
    wait_for(
        driver,
        "const gd = document.querySelector('#weight-plane .js-plotly-plot');"
        "const o = gd._fullData.find(t => t.uid === 'ols-point'), p = gd._fullData.find(t => t.uid === 'gd-path-none');"
        f"return o.x[0] !== {after['ols-point']['x'][0]!r} && p.x.length > 0"
        " && Math.abs(p.x[p.x.length - 1] - o.x[0]) < 1e-6;",
    )


def test_kkt_toggle_draws_gradient_and_cone_at_each_touch_point_and_follows_lambda(url, driver):
    reload(driver, url)
    open_panel(driver)
    driver.find_element(By.CSS_SELECTOR, "#optimizer-options input[value='kkt']").click()
    wait_for(driver, drawn(driver, "kkt-cone"))
    data = traces(driver)
    grad, cone = data["kkt-gradient"], data["kkt-cone"]
    # one arrow (shaft + head: two pieces) per shown touch point (L1 and L2), starting at it
    starts = [(grad["x"][0], grad["y"][0])] + [
        (grad["x"][i + 1], grad["y"][i + 1]) for i, v in enumerate(grad["x"][:-1]) if v is None and i % 7 == 6
    ]
    for key in ("l1-touch", "l2-touch"):
        w = (data[key]["x"][0], data[key]["y"][0])
        assert w in starts, (key, starts)
    # the L1 touch point is on a corner (w₂ = 0): a closed wedge starts and ends there
    w = (data["l1-touch"]["x"][0], data["l1-touch"]["y"][0])
    assert cone["x"][:4][0] == w[0] and cone["x"][3] == w[0] and cone["y"][3] == w[1]
    text = driver.find_element(By.ID, "optimizer-text").text
    assert "a corner" in text and "smooth boundary" in text
    driver.execute_script("document.getElementById('weight-plane').scrollIntoView({block: 'start'});")
    driver.save_screenshot(str(SCREENSHOTS / "optimizer-kkt.png"))
    press(driver, Keys.PAGE_DOWN)
    wait_for(
        driver,
        "const gd = document.querySelector('#weight-plane .js-plotly-plot');"
        "const t = gd._fullData.find(t => t.uid === 'kkt-cone');"
        f"return t.x[0] !== {cone['x'][0]!r};",
    )
    # closing the panel with KKT on keeps the KKT picture and clears the paths
    driver.find_element(By.CSS_SELECTOR, "#optimizer-details summary").click()
    wait_for(driver, "return !document.getElementById('optimizer-details').open")
    wait_for(
        driver,
        "const gd = document.querySelector('#weight-plane .js-plotly-plot');"
        "const p = gd._fullData.find(t => t.uid === 'gd-path-l1'), c = gd._fullData.find(t => t.uid === 'kkt-cone');"
        "return p.x.length === 0 && c.x.length > 0;",
    )


def test_reset_step_and_a_click_with_set_start(url, driver):
    reload(driver, url)
    open_panel(driver)
    wait_for(driver, drawn(driver, "gd-path-l1"))
    driver.find_element(By.CSS_SELECTOR, "[data-optimizer='reset']").click()
    wait_for(driver, "const gd = document.querySelector('#weight-plane .js-plotly-plot');"
             "return gd._fullData.find(t => t.uid === 'gd-path-l1').x.length === 1;")  # fmt: skip
    driver.find_element(By.CSS_SELECTOR, "[data-optimizer='step']").click()
    wait_for(driver, "const gd = document.querySelector('#weight-plane .js-plotly-plot');"
             "return gd._fullData.find(t => t.uid === 'gd-path-l1').x.length === 2;")  # fmt: skip
    assert "Step 1 of 200" in driver.find_element(By.ID, "optimizer-text").text
    start = traces(driver)["gd-path-none"]
    driver.find_element(By.CSS_SELECTOR, "#optimizer-options input[value='start']").click()
    plane = driver.find_element(By.CSS_SELECTOR, "#weight-plane .nsewdrag")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", plane)
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).move_to_element_with_offset(plane, 30, -40).click().perform()
    wait_for(
        driver,
        "const gd = document.querySelector('#weight-plane .js-plotly-plot');"
        f"return gd._fullData.find(t => t.uid === 'gd-path-none').x[0] !== {start['x'][0]!r};",
    )
    new = traces(driver)["gd-path-none"]
    assert new["x"][0] > 0 and new["y"][0] > 0  # right of and above the plane's centre (0, 0)
    # no point was added to the data by that click (the data panel is another graph)
    assert driver.execute_script("return window.lab.state.refused.length") == 0
