"""The classroom in real Chromium: play sweeps λ with no server request per frame, presenter
mode fits a 1024×768 projector, its keyboard shortcuts, and the scikit-learn code panel."""

from __future__ import annotations

import contextlib
import io
import math
from pathlib import Path

import numpy as np
import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from components.lambda_control import SLIDER_STEP

from .conftest import wait_for
from .test_lab import SETTLED_JS, reload, slider_value, traces, wait_settled

pytestmark = pytest.mark.browser

PRESSED_JS = "return document.getElementById('%s').getAttribute('aria-pressed') === '%s';"
PRESENTING_JS = "return document.querySelector('[data-lab-config]').classList.contains('presenting');"
NOT_PRESENTING_JS = "return !document.querySelector('[data-lab-config]').classList.contains('presenting');"
# Count the page's requests to Dash's callback route, and λ's rests (view-store writes)
COUNT_JS = """
window.__rests = 0;
if (!window.__wrapped) {
  const write = window.lab.write;
  window.lab.write = function (module, key, value) {
    if (key === 'viewStore') { window.__rests += 1; }
    return write.apply(this, arguments);
  };
  window.__wrapped = true;
}
window.__requests0 = performance.getEntriesByType('resource')
  .filter(e => e.name.indexOf('/_dash-update-component') >= 0).length;
return true;
"""
# The λ label's texts as they change
LABELS_JS = """
window.__labels = [];
const label = document.getElementById('lambda-label');
new MutationObserver(() => window.__labels.push(label.textContent))
  .observe(label, {childList: true, characterData: true, subtree: true});
return true;
"""
REQUESTS_JS = """
return performance.getEntriesByType('resource')
  .filter(e => e.name.indexOf('/_dash-update-component') >= 0).length - window.__requests0;
"""


@pytest.fixture(scope="module")
def url(app_server) -> str:
    return app_server()


def blur(driver) -> None:
    driver.execute_script("document.activeElement && document.activeElement.blur();")


def keys(driver, *sent) -> None:
    ActionChains(driver).send_keys(*sent).perform()


def playing(driver) -> bool:
    return driver.execute_script("return window.lab.classroom.playing();")


def stop_play(driver) -> None:
    driver.execute_script("window.lab.classroom.stop();")


# ---------------------------------------------------------------------------- play


def test_play_sweeps_lambda_in_the_browser_without_a_request_per_frame(url, driver):
    reload(driver, url)
    driver.execute_script(COUNT_JS)
    start = slider_value(driver)
    driver.find_element(By.ID, "play-button").click()
    wait_for(driver, PRESSED_JS % ("play-button", "true"))
    # λ moves down (from large to small): several values drawn, the label following each
    driver.execute_script(LABELS_JS)
    wait_for(driver, "return window.lab.state.classroom.frames >= 8;", timeout=10)
    frames, requests, rests = driver.execute_script(
        "return [window.lab.state.classroom.frames, (function () {%s})(), window.__rests];" % REQUESTS_JS
    )
    labels = driver.execute_script("return window.__labels;")
    driver.find_element(By.ID, "play-button").click()
    wait_for(driver, PRESSED_JS % ("play-button", "false"))
    assert len(set(labels)) >= 5, labels
    assert slider_value(driver) < start
    # No frame costs a request: the only requests during play are those of λ at rest (a frame
    # that takes longer than lambda_control.js's REST_MS lets λ rest; on a quiet machine none)
    assert requests <= 3 * rests, (frames, requests, rests)
    assert frames >= 8
    assert driver.execute_script("return window.lab.state.refused;") == []  # every write was declared
    # once play stops, λ rests: the readout (a server callback) follows the last value
    wait_settled(driver)
    assert driver.execute_script(REQUESTS_JS) >= 1
    label = driver.find_element(By.ID, "lambda-label").text  # e.g. "λ = 0.1336  (0.08862 · λ_max)"
    assert f"λ = {label.split()[2]}" in driver.find_element(By.ID, "readout-body").text


def test_grabbing_the_slider_stops_play(url, driver):
    reload(driver, url)
    driver.find_element(By.ID, "play-button").click()
    wait_for(driver, "return window.lab.state.classroom.frames >= 2;", timeout=10)
    driver.find_element(By.CSS_SELECTOR, "#lambda-slider .dash-slider-track").click()  # the thumb moves: grab the track
    wait_for(driver, PRESSED_JS % ("play-button", "false"))
    assert not playing(driver)


def test_typing_in_the_lambda_box_stops_play(url, driver):
    reload(driver, url)
    driver.find_element(By.ID, "play-button").click()
    wait_for(driver, "return window.lab.state.classroom.frames >= 2;", timeout=10)
    box = driver.find_element(By.ID, "lambda-input")
    box.send_keys("1")
    wait_for(driver, PRESSED_JS % ("play-button", "false"))
    assert not playing(driver)


def test_space_toggles_play_except_where_space_types(url, driver):
    reload(driver, url)
    blur(driver)
    keys(driver, Keys.SPACE)
    wait_for(driver, PRESSED_JS % ("play-button", "true"))
    blur(driver)
    keys(driver, Keys.SPACE)
    wait_for(driver, PRESSED_JS % ("play-button", "false"))
    # in the λ box a space is typed, not a play
    box = driver.find_element(By.ID, "lambda-input")
    box.click()
    box.send_keys(Keys.SPACE)
    assert not playing(driver)
    # on the play button space presses the button (once: the page does not toggle it again)
    button = driver.find_element(By.ID, "play-button")
    driver.execute_script("arguments[0].focus();", button)
    keys(driver, Keys.SPACE)
    wait_for(driver, PRESSED_JS % ("play-button", "true"))
    stop_play(driver)
    wait_for(driver, PRESSED_JS % ("play-button", "false"))


# ---------------------------------------------------------------------------- presenter mode

BOXES_JS = """
const box = s => { const e = document.querySelector(s); if (!e) { return null; }
  const b = e.getBoundingClientRect(); return {left: b.left, top: b.top, right: b.right, bottom: b.bottom}; };
const shown = s => { const e = document.querySelector(s); return !!e && e.getClientRects().length > 0; };
const se = document.scrollingElement;
return {scrollWidth: se.scrollWidth, clientWidth: se.clientWidth, width: innerWidth, height: innerHeight,
        plot: box('#weight-plane .nsewdrag'), thumb: box('#lambda-slider [role=slider]'),
        explanation: box('#readout-explanation'), keys: box('#classroom-keys'),
        shown: {keys: shown('#classroom-keys'), generator: shown('.generator'), glossary: shown('#readout-glossary'),
                sklearn: shown('#sklearn-details'), numberBox: shown('#lambda-input'),
                mix: shown('#l1-ratio-slider'), checklist: shown('#penalty-checklist')}};
"""


def inside(box: dict | None, width: float, height: float) -> bool:
    return box is not None and box["left"] >= 0 and box["top"] >= 0 and box["right"] <= width and box["bottom"] <= height


@pytest.fixture
def projector(driver, url):
    """The lab on a 1024×768 screen; the normal window afterwards."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": 1024, "height": 768, "deviceScaleFactor": 1, "mobile": False}
    )
    try:
        reload(driver, url)
        yield driver
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_presenter_toggle_fits_plane_slider_and_sentence_on_a_projector(projector):
    driver = projector
    before = driver.execute_script(BOXES_JS)
    assert before["shown"]["glossary"] and before["shown"]["generator"] and not before["shown"]["keys"]
    driver.find_element(By.ID, "presenter-toggle").click()
    wait_for(driver, PRESENTING_JS)
    wait_for(driver, PRESSED_JS % ("presenter-toggle", "true"))
    driver.execute_script("window.scrollTo(0, 0);")
    wait_settled(driver)
    boxes = driver.execute_script(BOXES_JS)
    assert (boxes["width"], boxes["height"]) == (1024, 768)
    assert boxes["scrollWidth"] <= boxes["clientWidth"], f"the page scrolls sideways: {boxes}"
    for part in ("plot", "thumb", "explanation", "keys"):
        assert inside(boxes[part], 1024, 768), f"{part} is not on the first screen: {boxes}"
    shown = boxes["shown"]
    assert shown["keys"] and shown["checklist"]
    assert not any(shown[k] for k in ("generator", "glossary", "sklearn", "numberBox", "mix")), shown
    # large type: the readout's sentence and the λ label are bigger than on the normal page
    sizes = driver.execute_script(
        "return ['readout-explanation', 'lambda-label'].map(id => parseFloat(getComputedStyle(document.getElementById(id)).fontSize));"
    )
    assert sizes[0] >= 20 and sizes[1] >= 24, sizes
    # thick lines: the diamond's outline is drawn at 4 px
    width = driver.execute_script(
        "const p = document.querySelectorAll('#weight-plane .scatterlayer .trace')[1].querySelector('.js-line');"
        "return parseFloat(getComputedStyle(p).strokeWidth);"
    )
    assert width >= 4
    shots = Path(__file__).parent / "screenshots"
    shots.mkdir(exist_ok=True)
    driver.save_screenshot(str(shots / "presenter-1024x768.png"))
    # and back
    driver.find_element(By.ID, "presenter-toggle").click()
    wait_for(driver, NOT_PRESENTING_JS)
    wait_for(driver, PRESSED_JS % ("presenter-toggle", "false"))


def test_present_in_the_link_opens_presenter_mode(driver, url):
    driver.get(url + "?present=1")
    wait_for(driver, SETTLED_JS, timeout=60)
    assert driver.execute_script(PRESENTING_JS)
    assert driver.execute_script(PRESSED_JS % ("presenter-toggle", "true"))


def test_presenter_shortcuts(driver, url):
    reload(driver, url)
    driver.find_element(By.ID, "presenter-toggle").click()
    wait_for(driver, PRESENTING_JS)
    blur(driver)
    v0 = slider_value(driver)
    keys(driver, Keys.ARROW_RIGHT)
    wait_for(driver, "return Math.abs(window.lab.lambdaControl.shownView().slider - %r) > 1e-12;" % v0)
    assert slider_value(driver) == pytest.approx(v0 + SLIDER_STEP, abs=1e-9)
    keys(driver, Keys.ARROW_LEFT, Keys.ARROW_LEFT)
    wait_for(driver, "return Math.abs(window.lab.lambdaControl.shownView().slider - %r) < 1e-9;" % (v0 - SLIDER_STEP))
    # 1 / 2 / 3: L1 only, L2 only, both (the plane hides and shows the regions)
    checked = "return JSON.stringify(window.lab.lambdaControl.shownView().shown.slice().sort()) === '%s';"
    keys(driver, "1")
    wait_for(driver, checked % '["l1"]')
    wait_for(driver, "return document.querySelector('#penalty-checklist input[value=l2]').checked === false;")
    assert traces(driver)["l2-touch"]["visible"] is False
    keys(driver, "2")
    wait_for(driver, checked % '["l2"]')
    keys(driver, "3")
    wait_for(driver, checked % '["l1","l2"]')
    # 4: the p-norm ball in and out (its box shows in presenter mode only while it is ticked)
    keys(driver, "4")
    wait_for(driver, checked % '["l1","l2","lp"]')
    wait_for(driver, "return document.querySelector('#penalty-checklist input[value=lp]').checkVisibility();")
    assert len(traces(driver)["lp-touch"]["x"]) == 1
    keys(driver, "4")
    wait_for(driver, checked % '["l1","l2"]')
    # p: penalized ⇄ constrained
    keys(driver, "p")
    wait_for(driver, "return document.getElementById('lambda-label').innerText.startsWith('t =');")
    keys(driver, "p")
    wait_for(driver, "return document.getElementById('lambda-label').innerText.startsWith('λ =');")
    # k: the key list hides and comes back
    keys(driver, "k")
    wait_for(driver, "return document.getElementById('classroom-keys').getClientRects().length === 0;")
    keys(driver, "?")
    wait_for(driver, "return document.getElementById('classroom-keys').getClientRects().length > 0;")
    # space plays
    keys(driver, Keys.SPACE)
    wait_for(driver, PRESSED_JS % ("play-button", "true"))
    keys(driver, Keys.SPACE)
    wait_for(driver, PRESSED_JS % ("play-button", "false"))
    wait_settled(driver)
    # no shortcut from a key meant for an input: a radio button of the speed (a real key press),
    # and the λ box (hidden in presenter mode: a key event dispatched to it)
    shown_before = driver.execute_script("return window.lab.lambdaControl.shownView().shown;")
    radio = driver.find_element(By.CSS_SELECTOR, "#play-speed input[type=radio]")
    driver.execute_script("arguments[0].focus();", radio)
    keys(driver, "1", "p")
    driver.execute_script(
        "const box = document.getElementById('lambda-input');"
        "for (const key of ['2', 'p', 'ArrowLeft']) {"
        "  box.dispatchEvent(new KeyboardEvent('keydown', {key: key, bubbles: true, cancelable: true})); }"
    )
    wait_settled(driver)
    assert driver.execute_script("return window.lab.lambdaControl.shownView().shown;") == shown_before
    assert driver.find_element(By.ID, "lambda-label").text.startswith("λ =")
    assert driver.execute_script(PRESENTING_JS)
    assert driver.execute_script("return window.lab.state.refused;") == []


def test_shortcuts_other_than_space_wait_for_presenter_mode(driver, url):
    reload(driver, url)
    blur(driver)
    v0 = slider_value(driver)
    keys(driver, "1", Keys.ARROW_RIGHT, "p")
    wait_settled(driver)
    assert slider_value(driver) == v0
    assert driver.execute_script("return window.lab.lambdaControl.shownView().shown;") == ["l1", "l2"]
    assert driver.find_element(By.ID, "lambda-label").text.startswith("λ =")


# ---------------------------------------------------------------------------- scikit-learn code

CODE_JS = "return document.getElementById('sklearn-code').textContent;"


def test_sklearn_code_reproduces_the_touch_points_and_follows_lambda(url, driver):
    reload(driver, url)
    # closed: λ moves, the code is not written (the gate keeps the request away)
    thumb = driver.find_element(By.CSS_SELECTOR, "#lambda-slider [role=slider]")
    thumb.click()
    thumb.send_keys(Keys.ARROW_LEFT)
    wait_settled(driver)
    assert driver.execute_script(CODE_JS) == ""
    driver.execute_script("document.querySelector('#sklearn-details summary').scrollIntoView();")
    driver.find_element(By.CSS_SELECTOR, "#sklearn-details summary").click()
    wait_for(driver, "return document.getElementById('sklearn-code').textContent.indexOf('Lasso(') >= 0;")
    code = driver.execute_script(CODE_JS)
    assert driver.find_elements(By.CSS_SELECTOR, "#sklearn-copy")  # the copy button

    def fitted(code: str) -> dict:
        namespace: dict = {}
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(code, "<page code>", "exec"), namespace)  # noqa: S102 - the page's code
        return namespace

    shown = traces(driver)
    ns = fitted(code)
    np.testing.assert_allclose(ns["lasso"].coef_, [shown["l1-touch"]["x"][0], shown["l1-touch"]["y"][0]], atol=1e-6)
    np.testing.assert_allclose(ns["ridge"].coef_, [shown["l2-touch"]["x"][0], shown["l2-touch"]["y"][0]], atol=1e-6)
    # λ moves on: once it rests the code has the new λ
    thumb.click()
    for _ in range(5):
        thumb.send_keys(Keys.ARROW_LEFT)
    wait_settled(driver)
    wait_for(driver, "return document.getElementById('sklearn-code').textContent !== arguments[0];".replace(
        "arguments[0]", repr(code)))
    new = fitted(driver.execute_script(CODE_JS))
    shown = traces(driver)
    assert new["lam"] < ns["lam"]
    assert math.isclose(new["lam"] / ns["lam"], 10 ** (-5 * SLIDER_STEP), rel_tol=1e-9)
    np.testing.assert_allclose(new["lasso"].coef_, [shown["l1-touch"]["x"][0], shown["l1-touch"]["y"][0]], atol=1e-6)
