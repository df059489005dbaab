"""A fast, random user in real headless Chromium: keys on the λ slider, toggles, mode changes,
typed λ, points added, removed and dragged, resamples, basis, data/loss-shape source, ρ, the
OLS centre dragged, with no waiting between them. Once the page has settled, everything on
screen must agree with the data and the controls: the touch points and the OLS point are the
exact optima (Python solver) for lab-state at the slider's value, each region is drawn if and
only if it is ticked, the plane shows what a whole redraw of its figure shows and each touch
point's hover text names its w, lab-state's source and basis are the ones the controls show,
and the data panel shows lab-state's points."""

from __future__ import annotations

import random
import re

import numpy as np
import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from components.problem import loss_for_state
from geometry.basis import BASES
from geometry import constrained_optimum, elastic_net_budget, lambda_max, penalized_optimum

from .test_lab import LAB_STATE_JS, click_radio, press, reload, slider_value, traces, type_lambda, wait_settled

pytestmark = pytest.mark.browser

KEYS = (Keys.ARROW_LEFT, Keys.ARROW_RIGHT, Keys.PAGE_UP, Keys.PAGE_DOWN, Keys.HOME, Keys.END)
REGIONS = {"l1": "l1", "l2": "l2", "en": "elasticnet"}
#: action kind -> (radio group id, its values)
RADIOS = {"source": ("source-toggle", ["points", "shape"]), "mode": ("mode-toggle", ["penalized", "constrained"])}


def act(driver, rng: random.Random) -> str:
    """Do one random thing a user could do; return what it was (for the failure message)."""
    kind = rng.choice(
        ["key", "key", "key", "toggle", "mode", "type", "add", "remove", "drag", "resample", "basis", "source", "rho"]
    )
    if kind == "drag":  # a data point, or the OLS centre in loss-shape mode
        targets = driver.find_elements(By.CSS_SELECTOR, "#data-plot .shapelayer path, #weight-plane .shapelayer path")
        if targets:
            dx, dy = rng.randint(-60, 60), rng.randint(-60, 60)
            chain = ActionChains(driver).move_to_element(rng.choice(targets)).click_and_hold()
            chain.move_by_offset(dx // 2, dy // 2).move_by_offset(dx - dx // 2, dy - dy // 2).release().perform()
        return "drag"
    if kind == "basis":  # what choosing in the dropdown writes
        basis = rng.choice(sorted(BASES))
        driver.execute_script(f"window.dash_clientside.set_props('basis-dropdown', {{value: '{basis}'}});")
        return f"basis {basis}"
    if kind in RADIOS:
        container, values = RADIOS[kind]
        value = rng.choice(values)
        click_radio(driver, container, value)
        return f"{kind} {value}"
    if kind == "rho":
        thumb = driver.find_element(By.CSS_SELECTOR, "#rho-slider [role=slider]")
        if thumb.is_displayed():
            thumb.click()
            thumb.send_keys(rng.choice([Keys.ARROW_LEFT, Keys.ARROW_RIGHT, Keys.PAGE_DOWN]))
        return "rho"
    if kind == "key":
        key = rng.choice(KEYS)
        press(driver, key, rng.randint(1, 3))
        return f"key {key!r}"
    if kind == "toggle":
        value = rng.choice(list(REGIONS))
        driver.find_element(By.CSS_SELECTOR, f"#penalty-checklist input[value='{value}']").click()
        return f"toggle {value}"
    if kind == "type":
        text = f"{10 ** rng.uniform(-3.5, 1):.4g}"  # sometimes out of range: clamped
        type_lambda(driver, text)
        return f"type {text}"
    area = driver.find_element(By.CSS_SELECTOR, "#data-plot .nsewdrag")
    if kind == "add":
        dx, dy = rng.randint(-150, 150), rng.randint(-90, 90)
        ActionChains(driver).move_to_element_with_offset(area, dx, dy).click().perform()
        return f"add at {dx, dy}"
    if kind == "remove":
        shapes = driver.find_elements(By.CSS_SELECTOR, "#data-plot .shapelayer path")
        if shapes:
            ActionChains(driver).move_to_element(rng.choice(shapes)).double_click().perform()
        return "remove"
    driver.find_element(By.ID, "resample-button").click()
    return "resample"


DROPDOWN_VALUE_JS = """
const s = window.store.getState();
let node = s.layout;
for (const key of s.paths.strs['basis-dropdown']) { node = node[key]; }
return node.props.value;
"""


# The weight plane's trace layer (SVG) as drawn, and after a whole redraw of the same figure;
# and the touch points' hover texts.
PICTURE_JS = """
const done = arguments[arguments.length - 1];
const gd = document.querySelector('#weight-plane .js-plotly-plot');
const svg = () => gd.querySelector('.scatterlayer').outerHTML;
const hover = Object.fromEntries(gd.data.filter(t => /-touch$/.test(t.uid)).map(t => [t.uid, t.hovertext || null]));
const drawn = svg();
Plotly.redraw(gd).then(() => done([drawn, svg(), hover]));
"""

HOVER_W = re.compile(r"w = \((-?[0-9.]+(?:e[-+]?[0-9]+)?), (-?[0-9.]+(?:e[-+]?[0-9]+)?)\)")


def check_picture(driver, data: dict) -> None:
    """The plane shows what a whole redraw shows, and each shown touch point's hover text names its w."""
    drawn, redrawn, hover = driver.execute_async_script(PICTURE_JS)
    assert drawn == redrawn, "the weight plane's traces differ from a whole redraw of its figure"
    for uid, text in hover.items():
        if data[uid]["visible"] is not True:
            continue
        assert text, f"{uid} has no hover text"
        shown = [float(v) for v in HOVER_W.search(text[0]).groups()]
        np.testing.assert_allclose(shown, [data[uid]["x"][0], data[uid]["y"][0]], rtol=1e-3, atol=1e-4, err_msg=uid)


def check_consistent(driver) -> None:
    state = driver.execute_script(LAB_STATE_JS)
    loss = loss_for_state(state)
    constrained = driver.find_element(By.CSS_SELECTOR, "#mode-toggle input[value='constrained']").is_selected()
    size = (np.abs(loss.ols_point).sum() if constrained else lambda_max(loss)) * 10.0 ** slider_value(driver)
    data = traces(driver)
    for key, region in REGIONS.items():
        ticked = driver.find_element(By.CSS_SELECTOR, f"#penalty-checklist input[value='{key}']").is_selected()
        if key == "en" and not ticked:
            assert "en-touch" not in data and "en-region" not in data
            continue
        assert data[f"{key}-touch"]["visible"] is ticked, (
            f"{key} ticked {ticked}, drawn {data[f'{key}-touch']['visible']}"
        )
        if not ticked:
            continue
        if constrained:  # t is every region's intercept on the axes
            budget = elastic_net_budget(size, l1_ratio=0.5) if region == "elasticnet" else size
            w = constrained_optimum(loss, region, budget, l1_ratio=0.5)
        else:
            w = penalized_optimum(loss, region, size, l1_ratio=0.5)
        got = [data[f"{key}-touch"]["x"][0], data[f"{key}-touch"]["y"][0]]
        np.testing.assert_allclose(got, w, atol=1e-9, err_msg=key)
    ols = data["ols-point"]
    np.testing.assert_allclose([ols["x"][0], ols["y"][0]], loss.ols_point, atol=1e-9)
    check_picture(driver, data)
    source = (
        "shape"
        if driver.find_element(By.CSS_SELECTOR, "#source-toggle input[value='shape']").is_selected()
        else "points"
    )
    assert state.get("source", "points") == source, f"lab-state has source {state.get('source')}, the toggle {source}"
    basis = driver.execute_script(DROPDOWN_VALUE_JS)
    assert state["basis"] == basis, f"lab-state has basis {state['basis']}, the dropdown {basis}"
    shapes = driver.find_elements(By.CSS_SELECTOR, "#data-plot .shapelayer path")
    if state.get("source") == "shape":  # loss-shape mode: no data drawn
        assert not shapes
    else:
        assert len(shapes) == len(state["points"]["x"]), (
            f"{len(shapes)} points drawn, {len(state['points']['x'])} in lab-state"
        )
    label = driver.find_element(By.ID, "lambda-label").text
    assert label.startswith("t =" if constrained else "λ ="), (
        f"label {label!r} in {'constrained' if constrained else 'penalized'} mode"
    )
    # no script tried to write a property components/writers.py does not allow it
    assert driver.execute_script("return window.lab.state.refused") == []


@pytest.fixture(scope="module")
def url(app_server) -> str:
    return app_server()


@pytest.mark.parametrize("seed", [11, 27])
def test_a_fast_random_session_ends_with_everything_in_agreement(url, driver, seed):
    reload(driver, url)
    driver.find_element(By.CSS_SELECTOR, "#points-controls summary").click()
    rng = random.Random(seed)
    done = []
    for _ in range(30):
        try:
            done.append(act(driver, rng))
        except WebDriverException as exc:  # e.g. a point shape replaced by a redraw mid-action
            done.append(f"(skipped: {type(exc).__name__})")
    wait_settled(driver, timeout=60)
    try:
        check_consistent(driver)
    except AssertionError as exc:
        raise AssertionError(f"after {done}: {exc}") from exc
