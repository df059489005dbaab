"""The link in the browser: the address bar mirrors the state at rest, a link reopens the same
view, a hostile link opens the page with a note, presets and the language chooser load pages.

The expected links come from the Python encoder (:func:`authoring.url_state.encode`), the
expected touch points from a fresh page opened with the mirrored link, and each preset's zero
weights from its own declaration (:data:`authoring.presets.PRESETS`), checked against the
figure's data.
"""

from __future__ import annotations

from urllib.parse import quote

import numpy as np
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.action_chains import ActionChains

from authoring.presets import PRESETS
from authoring.url_state import encode, page_for_query

from .conftest import wait_for
from .test_lab import click_radio, press, reload, traces, wait_settled

pytestmark = pytest.mark.browser

TOUCH_UIDS = ("l1-touch", "l2-touch", "en-touch")


@pytest.fixture(scope="module")
def url(app_server) -> str:
    return app_server()


def search(driver) -> str:
    return driver.execute_script("return window.location.search")


def wait_search(driver, old: str) -> str:
    """The address bar's query once it differs from ``old`` (the mirror runs at rest)."""
    wait_for(driver, f"return window.location.search !== {old!r}")
    wait_settled(driver)
    return search(driver)


def touches(driver) -> dict:
    data = traces(driver)
    return {uid: [data[uid]["x"][0], data[uid]["y"][0]] for uid in TOUCH_UIDS if uid in data and data[uid]["x"]}


def mark_page(driver) -> None:
    """Mark the current document, to see when a navigation has replaced it."""
    driver.execute_script("window.__sharePage = true;")


def wait_new_page(driver) -> None:
    wait_for(driver, "return !window.__sharePage && document.readyState === 'complete'", timeout=60)
    wait_settled(driver, timeout=60)


def choose_preset(driver, name: str) -> None:
    driver.find_element(By.ID, "preset-dropdown").click()
    option = wait_for(
        driver, f"return document.querySelector(\"[role=option] input[value='{name}']\")?.closest('[role=option]')"
    )
    option.click()


def test_a_hostile_link_opens_the_page_with_a_note_and_a_clean_address(url, driver):
    query = (
        "lam=abc&foo=" + quote("<script>window.__pwned=1</script>") + "&pts=1e308&rho=NaN&show=l1_l1"
        + "&r=" + quote("１２") + "&lang=zh&present=2&g=" + "_".join(["1"] * 2000)
    )
    reload(driver, f"{url}?{query}")
    message = driver.find_element(By.ID, "url-message").text
    for name in ("lam", "foo", "pts", "rho", "show", "r", "present", "g"):
        assert f"“{name}”" in message, name
    assert driver.execute_script("return window.__pwned === undefined && !document.querySelector('#url-message *')")
    assert driver.find_element(By.ID, "url-message").get_attribute("role") == "status"
    data = traces(driver)  # the figure is drawn: the default picture
    assert data["l1-touch"]["x"] and data["loss-contours"]["x"]
    # the address bar is the page's own link: the hostile parameters are gone
    expected = "?" + encode(page_for_query(query))
    wait_for(driver, f"return window.location.search === {expected!r}")
    assert expected.startswith("?lang=zh&lam=") and "foo" not in expected


def test_lambda_and_a_control_are_mirrored_and_the_link_reopens_the_same_view(url, driver):
    reload(driver, url)
    first = wait_for(driver, "return window.location.search")  # the mirror has run once
    assert first == "?" + encode(page_for_query(""))
    press(driver, Keys.ARROW_LEFT, times=5)
    moved = wait_search(driver, first)
    assert moved.startswith("?lam=") and moved != first
    click_radio(driver, "penalty-checklist", "en")
    shown = wait_search(driver, moved)
    assert "show=l1_l2_en" in shown
    before = touches(driver)
    assert set(before) == set(TOUCH_UIDS)
    reload(driver, url + shown)  # a fresh page from the link
    assert driver.find_element(By.ID, "url-message").text == ""
    after = touches(driver)
    for uid in TOUCH_UIDS:
        np.testing.assert_allclose(after[uid], before[uid], rtol=0, atol=1e-12)  # generated data: exact
    assert search(driver) == shown


def test_an_added_point_travels_in_the_link(url, driver):
    reload(driver, url)
    first = wait_for(driver, "return window.location.search")
    count = driver.execute_script("return document.querySelectorAll('#data-plot .shapelayer path').length")
    area = driver.find_element(By.CSS_SELECTOR, "#data-plot .nsewdrag")
    ActionChains(driver).move_to_element_with_offset(area, 40, -60).click().perform()
    wait_for(driver, f"return document.querySelectorAll('#data-plot .shapelayer path').length === {count + 1}")
    link = wait_search(driver, first)
    assert "pts=" in link and "gen=" not in link
    assert len(link) < 2000
    before = touches(driver)
    reload(driver, url + link)
    assert driver.find_element(By.ID, "url-message").text == ""
    assert driver.execute_script("return document.querySelectorAll('#data-plot .shapelayer path').length") == count + 1
    after = touches(driver)
    for uid in before:
        np.testing.assert_allclose(after[uid], before[uid], rtol=0, atol=1e-5)  # points rounded to 1e-6


def test_presenter_mode_is_mirrored_and_a_preset_keeps_it_and_the_language(url, driver):
    reload(driver, f"{url}?lang=zh")
    first = wait_for(driver, "return window.location.search")
    driver.execute_script("document.querySelector('.lab').classList.add('presenting');")
    assert "present=1" in wait_search(driver, first)
    mark_page(driver)
    # presenter mode hides the chooser (assets/lab.css): write what choosing writes
    driver.execute_script("window.dash_clientside.set_props('preset-dropdown', {value: 'correlated'});")
    wait_new_page(driver)
    page = page_for_query("preset=correlated&lang=zh&present=1")
    wait_for(driver, f"return window.location.search === {'?' + encode(page)!r}")
    assert driver.execute_script("return document.querySelector('.lab').classList.contains('presenting')")
    assert driver.execute_script("return document.documentElement.lang") == "zh"


@pytest.mark.parametrize("name", PRESETS)
def test_every_preset_loads_from_the_chooser_and_keeps_its_promise(url, driver, name):
    reload(driver, url)
    mark_page(driver)
    choose_preset(driver, name)
    wait_new_page(driver)
    preset = PRESETS[name]
    wait_for(driver, f"return window.location.search === {'?' + preset.query!r}")
    assert driver.find_element(By.ID, "url-message").text == ""
    data = traces(driver)
    for key, zeros in preset.zeros.items():
        touch = data[f"{key}-touch"]
        assert touch["visible"] is not False and len(touch["x"]) == 1, key
        w = (touch["x"][0], touch["y"][0])
        assert sum(v == 0.0 for v in w) == zeros, (key, w)
    for key in {"l1", "l2", "en", "lp"} - set(preset.zeros):  # regions the preset does not show
        touch = data.get(f"{key}-touch")
        assert touch is None or touch["visible"] is False or not touch["x"], key
    # the readout says the same: its "exact zeros" cell of each shown region (column 3), and for
    # duplicated features the sentence that the lasso's answer is a whole edge, drawn thick
    for key, zeros in preset.zeros.items():
        cell = wait_for(driver, f"const r = document.getElementById('readout-{key}'); return r && r.cells[3].textContent")
        assert cell == str(zeros), (key, cell)
    explanation = driver.find_element(By.ID, "readout-explanation").text
    segment = data["l1-segment"]
    if name == "duplicated":
        assert len(segment["x"]) == 2 and "not unique" in explanation
    else:
        assert not segment["x"] and "not unique" not in explanation


def test_the_language_chooser_keeps_the_state(url, driver):
    reload(driver, url)
    first = wait_for(driver, "return window.location.search")
    press(driver, Keys.ARROW_LEFT, times=3)
    moved = wait_search(driver, first)
    before = touches(driver)
    mark_page(driver)
    click_radio(driver, "language-toggle", "zh")
    wait_new_page(driver)
    assert search(driver) == "?lang=zh&" + moved[1:]
    assert driver.execute_script("return document.documentElement.lang") == "zh"
    after = touches(driver)
    for uid in before:
        np.testing.assert_allclose(after[uid], before[uid], rtol=0, atol=1e-12)
