"""What λ keeps: a switch penalized ⇄ constrained keeps the solution, a data change keeps λ."""

from __future__ import annotations

import numpy as np
import pytest
from selenium.webdriver.common.by import By

from components.problem import loss_for_state
from geometry import lambda_max, penalized_optimum

from .conftest import wait_for
from .test_lab import LAB_STATE_JS, click_radio, reload, slider_value, traces, wait_settled

pytestmark = pytest.mark.browser

SEED_CHANGED_JS = LAB_STATE_JS.replace("return node.props.data;", "return node.props.data.seed !== %d;")


@pytest.fixture(scope="module")
def url(app_server) -> str:
    return app_server()


def touch(driver, uid: str) -> list[float]:
    data = traces(driver)[uid]
    return [data["x"][0], data["y"][0]]


def test_switching_modes_keeps_the_lasso_solution_where_it_is(url, driver):
    reload(driver, url)
    before, v0 = touch(driver, "l1-touch"), slider_value(driver)
    click_radio(driver, "mode-toggle", "constrained")
    wait_for(driver, "return document.getElementById('lambda-label').innerText.startsWith('t =')")
    wait_settled(driver)
    np.testing.assert_allclose(touch(driver, "l1-touch"), before, atol=1e-9)
    assert slider_value(driver) != v0  # the thumb moved to the t of that solution
    # and back: the same λ as before (the lasso's λ for that solution)
    click_radio(driver, "mode-toggle", "penalized")
    wait_for(driver, "return document.getElementById('lambda-label').innerText.startsWith('λ =')")
    wait_settled(driver)
    np.testing.assert_allclose(touch(driver, "l1-touch"), before, atol=1e-9)


def test_a_data_change_keeps_the_value_of_lambda(url, driver):
    reload(driver, url)
    state = driver.execute_script(LAB_STATE_JS)
    lam = lambda_max(loss_for_state(state)) * 10.0 ** slider_value(driver)
    driver.find_element(By.CSS_SELECTOR, "#points-controls summary").click()
    driver.find_element(By.ID, "resample-button").click()
    wait_for(driver, SEED_CHANGED_JS % state["seed"])
    wait_settled(driver)
    new = driver.execute_script(LAB_STATE_JS)
    loss = loss_for_state(new)
    shown = lambda_max(loss) * 10.0 ** slider_value(driver)
    assert shown == pytest.approx(lam, rel=1e-9)  # the slider moved, λ did not
    np.testing.assert_allclose(touch(driver, "l1-touch"), penalized_optimum(loss, "l1", lam), atol=1e-9)
    np.testing.assert_allclose(touch(driver, "l2-touch"), penalized_optimum(loss, "l2", lam), atol=1e-9)


@pytest.mark.parametrize("basis", ["x-x2", "sin-cos"])
def test_after_a_change_of_features_the_label_names_the_kept_lambda(url, driver, basis):
    # the server draws the kept λ itself; the label (which follows each drawn view) must learn it too
    reload(driver, url)
    state = driver.execute_script(LAB_STATE_JS)
    lam = lambda_max(loss_for_state(state)) * 10.0 ** slider_value(driver)
    driver.execute_script(f"window.dash_clientside.set_props('basis-dropdown', {{value: '{basis}'}});")
    wait_for(driver, LAB_STATE_JS.replace("return node.props.data;", f"return node.props.data.basis === '{basis}';"))
    wait_settled(driver)
    new_max = lambda_max(loss_for_state(driver.execute_script(LAB_STATE_JS)))
    label = wait_for(
        driver,
        "const t = document.getElementById('lambda-label').textContent;"
        f"return t.startsWith('λ = {lam:.4g} ') && t;",
    )
    assert f"{lam / new_max:.4g}" in label  # the ratio to the new λ_max, not the old slider's


def test_keeping_the_ratio_leaves_the_slider_where_it_is(url, driver):
    reload(driver, url)
    click_radio(driver, "lambda-keep", "ratio")
    wait_settled(driver)
    state, v = driver.execute_script(LAB_STATE_JS), slider_value(driver)
    driver.find_element(By.CSS_SELECTOR, "#points-controls summary").click()
    driver.find_element(By.ID, "resample-button").click()
    wait_for(driver, SEED_CHANGED_JS % state["seed"])
    wait_settled(driver)
    assert slider_value(driver) == v  # λ / λ_max kept
    loss = loss_for_state(driver.execute_script(LAB_STATE_JS))
    lam = lambda_max(loss) * 10.0**v
    np.testing.assert_allclose(touch(driver, "l1-touch"), penalized_optimum(loss, "l1", lam), atol=1e-9)


def test_the_boxs_plus_steps_lambda_by_about_one_slider_step(url, driver):
    reload(driver, url)
    box = driver.find_element(By.ID, "lambda-input")
    before = float(box.get_attribute("value"))
    driver.find_element(By.CSS_SELECTOR, ".lambda-control .dash-stepper-increment").click()
    wait_for(driver, f"return Number(document.getElementById('lambda-input').value) !== {before!r}")
    after = float(box.get_attribute("value"))
    assert 1.005 < after / before < 1.05  # 10^0.01 = 1.023, rounded to the step's digits


def test_a_clamp_message_goes_when_the_data_change(url, driver):
    from .test_lab import type_lambda

    reload(driver, url)
    type_lambda(driver, "1e9")
    wait_for(driver, "return document.getElementById('lambda-message').innerText.includes('clamped')")
    wait_settled(driver)
    state = driver.execute_script(LAB_STATE_JS)
    driver.find_element(By.CSS_SELECTOR, "#points-controls summary").click()
    driver.find_element(By.ID, "resample-button").click()
    wait_for(driver, SEED_CHANGED_JS % state["seed"])
    wait_for(driver, "return document.getElementById('lambda-message').innerText === ''")


def test_a_comma_in_the_lambda_box_asks_for_a_decimal_point(url, driver):
    from selenium.webdriver.common.keys import Keys

    reload(driver, url)
    v = slider_value(driver)
    box = driver.find_element(By.ID, "lambda-input")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("0,5")
    wait_for(driver, "return document.getElementById('lambda-message').innerText.includes('decimal point')")
    assert box.get_attribute("value") == "05"  # the comma was not typed
    assert slider_value(driver) == v  # and nothing was taken yet


@pytest.mark.parametrize("r, twin", [(0.0, "l2"), (1.0, "l1")])
def test_in_constrained_mode_the_elastic_net_at_r_0_or_1_is_the_circle_or_the_diamond(url, driver, r, twin):
    reload(driver, url)
    driver.find_element(By.CSS_SELECTOR, "#penalty-checklist input[value='en']").click()
    driver.execute_script(f"window.dash_clientside.set_props('l1-ratio-slider', {{value: {r}}});")
    click_radio(driver, "mode-toggle", "constrained")
    wait_for(driver, "return document.getElementById('lambda-label').innerText.startsWith('t =')")
    wait_settled(driver)
    data = traces(driver)
    norm = (lambda x, y: np.hypot(x, y)) if twin == "l2" else (lambda x, y: np.abs(x) + np.abs(y))
    t = norm(np.asarray(data[f"{twin}-region"]["x"]), np.asarray(data[f"{twin}-region"]["y"]))
    en = norm(np.asarray(data["en-region"]["x"]), np.asarray(data["en-region"]["y"]))
    np.testing.assert_allclose(en, t.max(), rtol=1e-9)  # every EN boundary point on the twin's boundary
    np.testing.assert_allclose(touch(driver, "en-touch"), touch(driver, f"{twin}-touch"), atol=1e-9)
