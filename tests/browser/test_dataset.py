"""Dataset mode in real headless Chromium: choose the diabetes data, pick the plane's features, the
plane redraws; the path (opened) shows the ten coefficients and the plane's pair, whose dashed
curves meet the plane's touch points at the current λ; back to the synthetic data; a link
reopens dataset mode."""

from __future__ import annotations

import numpy as np
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from .conftest import SCREENSHOTS, wait_for
from .test_lab import press, reload, traces, wait_settled

pytestmark = pytest.mark.browser

#: the page is idle in dataset mode (test_lab.SETTLED_JS waits for the data panel's point shapes,
#: which dataset mode does not draw)
IDLE_JS = """
const plane = document.querySelector('#weight-plane .js-plotly-plot');
return !!plane && !!plane._fullData && plane._fullData.length > 5
  && !!window.lab && window.lab.lambdaControl.atRest() && !window.store.getState().isLoading;
"""
PLANE_TITLES_JS = """
const gd = document.querySelector('#weight-plane .js-plotly-plot');
return gd && gd._fullLayout ? [gd._fullLayout.xaxis.title.text, gd._fullLayout.yaxis.title.text] : null;
"""
PATH_UIDS_JS = """
const gd = document.querySelector('#path-plot .js-plotly-plot');
return gd && gd._fullData ? gd._fullData.map(t => t.uid) : [];
"""
#: the path plot has drawn this many traces (formatted with the count)
PATH_COUNT_JS = """
const gd = document.querySelector('#path-plot .js-plotly-plot');
return !!gd && !!gd._fullData && gd._fullData.length === %d;
"""


@pytest.fixture(scope="module")
def lab(app_server, driver):
    url = app_server()
    reload(driver, url)
    return driver, url


def choose(driver, dropdown_id: str, value) -> None:
    """Open a dcc.Dropdown and click the option with ``value``, as a user does."""
    box = driver.find_element(By.ID, dropdown_id)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
    box.click()
    option = wait_for(
        driver,
        f"return document.querySelector(\".dash-dropdown-option input[value='{value}']\")?.closest('[role=option]')",
    )
    option.click()


def wait_titles(driver, first: str, second: str) -> None:
    wait_for(
        driver,
        PLANE_TITLES_JS.replace("return gd", "const t = (function () { return gd")
        + f"}})(); return !!t && t[0].indexOf('{first}') >= 0 && t[1].indexOf('{second}') >= 0;",
    )
    wait_for(driver, IDLE_JS)


def pair_meets_the_plane(driver, *, exact_l2: bool) -> None:
    """The dashed two-feature curves at the λ line are the plane's touch points: L1 exactly (linear
    in λ between its points); L2 exactly where the server drew the line, else to the grid's accuracy."""
    path, plane = traces(driver, "path-plot"), traces(driver)
    lam = path["path-now"]["x"][0]
    scale = max(abs(plane["ols-point"]["x"][0]), abs(plane["ols-point"]["y"][0]))
    for k, axis in enumerate("xy"):
        l1 = path[f"path-pair-l1-{k}"]
        assert np.interp(lam, l1["x"], l1["y"]) == pytest.approx(plane["l1-touch"][axis][0], abs=1e-9 * scale)
        l2 = path[f"path-pair-l2-{k}"]
        got = float(np.interp(np.log(lam), np.log(l2["x"]), l2["y"]))
        assert got == pytest.approx(plane["l2-touch"][axis][0], abs=(1e-9 if exact_l2 else 2e-3) * scale)


def test_choose_diabetes_pick_features_and_the_path_shows_ten_weights_and_the_pair(lab):
    driver, url = lab
    reload(driver, url)
    pickers = driver.find_element(By.ID, "dataset-pickers")
    assert not pickers.is_displayed()

    choose(driver, "dataset-dropdown", "diabetes")
    wait_titles(driver, "bmi", "s5")
    wait_for(driver, "return document.getElementById('dataset-pickers').offsetParent !== null")
    assert not driver.find_element(By.ID, "points-controls").is_displayed()
    assert "10 features" in driver.find_element(By.ID, "data-plot").text
    assert "two-feature model" in pickers.text

    choose(driver, "dataset-feature-1", 3)  # bp
    wait_titles(driver, "bp", "s5")
    assert "src=dataset" in driver.current_url and "feat=3_8" in driver.current_url

    summary = driver.find_element(By.CSS_SELECTOR, "#path-details summary")
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", summary)
    summary.click()
    wait_for(driver, PATH_COUNT_JS % 38)
    wait_for(driver, IDLE_JS)
    uids = driver.execute_script(PATH_UIDS_JS)
    assert uids[2:12] == [f"path-l1-{k}" for k in range(10)]
    assert uids[-6:] == [f"path-pair-{r}-{k}" for r in ("l1", "l2", "en") for k in range(2)]
    path = traces(driver, "path-plot")
    assert all(path[f"path-l1-{k}"]["visible"] is True and len(path[f"path-l1-{k}"]["x"]) > 100 for k in range(10))
    assert path["path-pair-l1-0"]["visible"] is True and path["path-pair-en-0"]["visible"] is False
    pair_meets_the_plane(driver, exact_l2=True)

    # λ moves in the browser alone: the line follows, the dashed L1 curve still meets the touch point
    before = driver.execute_script("return document.querySelector('#path-plot .js-plotly-plot')._fullData[0].x[0]")
    press(driver, Keys.ARROW_LEFT, 3)
    wait_for(driver, IDLE_JS)
    wait_for(
        driver,
        f"return document.querySelector('#path-plot .js-plotly-plot')._fullData[0].x[0] !== {before!r};",
    )
    pair_meets_the_plane(driver, exact_l2=False)
    driver.execute_script(
        "document.getElementById('path-details').scrollIntoView({block: 'start'});"
    )
    SCREENSHOTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / "dataset_path.png"))

    # back to the synthetic data: the points and their controls return
    choose(driver, "dataset-dropdown", "synthetic")
    wait_for(driver, "return document.querySelectorAll('#data-plot .shapelayer path').length > 3")
    wait_settled(driver)
    assert driver.find_element(By.ID, "points-controls").is_displayed()
    assert "src=dataset" not in driver.current_url
    wait_for(driver, PATH_COUNT_JS % 8)


def test_a_dataset_link_reopens_dataset_mode(lab):
    driver, url = lab
    driver.get(f"{url}?src=dataset&feat=4_5&lang=zh")
    wait_titles(driver, "s1", "s2")
    assert driver.execute_script("return document.getElementById('dataset-pickers').offsetParent !== null")
    assert "10 个特征" in driver.find_element(By.ID, "data-plot").text
    SCREENSHOTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / "dataset_link_zh.png"))
