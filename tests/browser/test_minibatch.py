"""The minibatch lesson in Chromium: closed it asks nothing; open it draws both clouds around the
plane's touch points, follows λ at rest and the data, its numbers are those of the drawn
optima, and play animates the highlighted batch without a request to the server."""

from __future__ import annotations

import math

import numpy as np
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from components.formatting import format_number
from components.minibatch_figure import MINIBATCH_TRACE_UIDS

from .conftest import SCREENSHOTS, wait_for
from .test_lab import press, reload, traces, wait_settled

pytestmark = pytest.mark.browser

REQUESTS_JS = (
    "return performance.getEntriesByType('resource')"
    ".filter(e => e.name.indexOf('_dash-update-component') >= 0).length;"
)
META_JS = (
    "const gd = document.querySelector('#minibatch-plot .js-plotly-plot');"
    "return gd && gd.layout.meta ? gd.layout.meta.minibatch : null;"
)


@pytest.fixture(scope="module")
def url(app_server) -> str:
    return app_server()


def plane_touch(driver, uid: str) -> list[float]:
    data = traces(driver)[uid]
    return [float(data["x"][0]), float(data["y"][0])]


def open_panel(driver) -> None:
    driver.execute_script("document.querySelector('#minibatch-details summary').scrollIntoView({block: 'center'});")
    driver.find_element(By.CSS_SELECTOR, "#minibatch-details summary").click()
    wait_for(driver, "return document.getElementById('minibatch-details').open")
    wait_drawn(driver)


def wait_drawn(driver) -> dict:
    wait_for(
        driver,
        "const gd = document.querySelector('#minibatch-plot .js-plotly-plot');"
        "return !!gd && !!gd._fullData && gd._fullData.some(t => t.uid === 'minibatch-l1-cloud');",
    )
    wait_settled(driver)
    return traces(driver, "minibatch-plot")


def wait_full_matches_plane(driver) -> dict:
    """Wait until the panel's full-data optima are the plane's touch points; return its traces."""
    def close(a, b):
        return all(abs(u - v) <= 1e-9 * max(1.0, abs(v)) for u, v in zip(a, b))

    def check():
        drawn = traces(driver, "minibatch-plot")
        if not drawn or "minibatch-full-l1" not in drawn:
            return None
        got1 = [drawn["minibatch-full-l1"]["x"][0], drawn["minibatch-full-l1"]["y"][0]]
        got2 = [drawn["minibatch-full-l2"]["x"][0], drawn["minibatch-full-l2"]["y"][0]]
        ok = close(got1, plane_touch(driver, "l1-touch")) and close(got2, plane_touch(driver, "l2-touch"))
        return drawn if ok else None

    import time

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"the panel's full-data optima never matched the plane: {traces(driver, 'minibatch-plot')}")


def spread(points: np.ndarray) -> float:
    dev = points - points.mean(axis=0)
    return float(np.sqrt(np.mean(np.sum(dev * dev, axis=1))))


def cloud(drawn: dict, uid: str) -> np.ndarray:
    return np.c_[np.asarray(drawn[uid]["x"], float), np.asarray(drawn[uid]["y"], float)]


def test_closed_panel_asks_nothing_and_open_draws_both_clouds(url, driver):
    reload(driver, url)
    assert driver.execute_script("return document.getElementById('minibatch-details').open") is False
    assert traces(driver, "minibatch-plot") == {}
    press(driver, Keys.ARROW_LEFT, 5)
    wait_settled(driver)
    assert traces(driver, "minibatch-plot") == {}  # closed: the gate asked the server nothing
    open_panel(driver)
    drawn = wait_full_matches_plane(driver)
    assert set(drawn) == set(MINIBATCH_TRACE_UIDS)
    assert len(drawn["minibatch-l1-cloud"]["x"]) == 200 and len(drawn["minibatch-l2-cloud"]["x"]) == 200
    # the numbers are the drawn optima's
    meta = driver.execute_script(META_JS)
    l1, l2 = cloud(drawn, "minibatch-l1-cloud"), cloud(drawn, "minibatch-l2-cloud")
    assert spread(l1) == pytest.approx(meta["stats"]["spread_l1"], rel=1e-12)
    assert spread(l2) == pytest.approx(meta["stats"]["spread_l2"], rel=1e-12)
    on_w1 = float(np.mean((l1[:, 1] == 0.0) & (l1[:, 0] != 0.0)))
    assert on_w1 == meta["stats"]["shares_l1"]["w1_axis"]
    text = driver.find_element(By.ID, "minibatch-text").text
    assert format_number(spread(l1)) in text and format_number(spread(l2)) in text
    assert f"(w₂ = 0) {100 * on_w1:.0f} %" in text


def test_open_panel_follows_lambda_at_rest_and_the_data(url, driver):
    reload(driver, url)
    open_panel(driver)
    first = wait_full_matches_plane(driver)
    press(driver, Keys.ARROW_RIGHT, 12)
    wait_settled(driver)
    moved = wait_full_matches_plane(driver)
    assert moved["minibatch-full-l2"]["x"] != first["minibatch-full-l2"]["x"]
    assert moved["minibatch-l2-cloud"]["x"] != first["minibatch-l2-cloud"]["x"]
    # resample the data: the clouds and the full-data optima follow
    old = plane_touch(driver, "l2-touch")
    driver.find_element(By.CSS_SELECTOR, "#points-controls summary").click()
    driver.find_element(By.ID, "resample-button").click()
    wait_for(driver, f"return document.querySelector('#weight-plane .js-plotly-plot')._fullData"
                     f".find(t => t.uid === 'l2-touch').x[0] !== {old[0]!r}")  # fmt: skip
    wait_settled(driver)
    after = wait_full_matches_plane(driver)
    assert after["minibatch-l2-cloud"]["x"] != moved["minibatch-l2-cloud"]["x"]
    # new batches: same full-data optima, other clouds
    driver.find_element(By.ID, "minibatch-resample").click()
    wait_for(driver, "const gd = document.querySelector('#minibatch-plot .js-plotly-plot');"
                     f"return gd._fullData.find(t => t.uid === 'minibatch-l2-cloud').x[0] !== {after['minibatch-l2-cloud']['x'][0]!r}")  # fmt: skip
    # the largest batch is the whole data: every batch's optima are the full data's (zero spread)
    thumb = driver.find_element(By.CSS_SELECTOR, "#batch-size-slider [role=slider]")
    thumb.click()
    thumb.send_keys(Keys.END)
    wait_for(driver, "const m = (function () {" + META_JS + "})(); return !!m && m.stats.spread_l2 < 1e-9;")
    meta = driver.execute_script(META_JS)
    assert meta["stats"]["spread_l1"] < 1e-9


def test_play_animates_the_highlighted_batch_without_requests_and_bad_count_is_refused(url, driver):
    reload(driver, url)
    open_panel(driver)
    wait_full_matches_plane(driver)
    start = traces(driver, "minibatch-plot")["minibatch-highlight-points"]
    requests = driver.execute_script(REQUESTS_JS)
    driver.find_element(By.ID, "minibatch-play").click()
    wait_for(driver, "return document.getElementById('minibatch-play').getAttribute('aria-pressed') === 'true'")
    seen = set()
    for _ in range(3):
        previous = traces(driver, "minibatch-plot")["minibatch-highlight-points"]["x"]
        wait_for(driver, "const gd = document.querySelector('#minibatch-plot .js-plotly-plot');"
                         "const t = gd._fullData.find(t => t.uid === 'minibatch-highlight-points');"
                         f"return t.x[0] !== {previous[0]!r};")  # fmt: skip
        now = traces(driver, "minibatch-plot")
        seen.add(tuple(now["minibatch-highlight-points"]["x"]))
        # the highlighted optima are batches' optima of the clouds
        assert now["minibatch-highlight-points"]["x"][0] in now["minibatch-l1-cloud"]["x"]
        assert now["minibatch-highlight-points"]["x"][1] in now["minibatch-l2-cloud"]["x"]
    assert len(seen) >= 2 and start["x"] != []
    assert driver.execute_script(REQUESTS_JS) == requests  # play asked the server nothing
    SCREENSHOTS.mkdir(exist_ok=True)
    driver.execute_script("document.getElementById('minibatch-details').scrollIntoView({block: 'start'});")
    driver.save_screenshot(str(SCREENSHOTS / "minibatch_play.png"))
    driver.find_element(By.ID, "minibatch-play").click()
    wait_for(driver, "return document.getElementById('minibatch-play').getAttribute('aria-pressed') === 'false'")
    # a bad number of batches: a message, the picture stays
    drawn = traces(driver, "minibatch-plot")
    box = driver.find_element(By.ID, "minibatch-count")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("0" + Keys.ENTER)
    wait_for(driver, "return document.getElementById('minibatch-message').innerText.indexOf('whole number') >= 0")
    assert traces(driver, "minibatch-plot") == drawn
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("500" + Keys.ENTER)
    wait_for(driver, "return document.getElementById('minibatch-message').innerText === ''")
    wait_for(driver, "const gd = document.querySelector('#minibatch-plot .js-plotly-plot');"
                     "return gd._fullData.find(t => t.uid === 'minibatch-l1-cloud').x.length === 500;")  # fmt: skip
    assert math.isfinite(driver.execute_script(META_JS)["stats"]["spread_l1"])
