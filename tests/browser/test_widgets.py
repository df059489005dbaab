"""The data panel's widgets in real headless Chromium: quick clicks, the generator's boxes, the
keyboard on the data points."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from components.problem import default_state

from .conftest import wait_for
from .test_lab import LAB_STATE_JS, data_points, reload, wait_settled

pytestmark = pytest.mark.browser

#: the number of data points the page shows
COUNT_JS = "return document.querySelectorAll('#data-plot .shapelayer path').length"
#: the value of a component's property in Dash's store (what a callback reads)
PROP_JS = """
const s = window.store.getState();
let node = s.layout;
for (const key of s.paths.strs[arguments[0]]) { node = node[key]; }
return node.props[arguments[1]];
"""
MESSAGE_JS = "return document.getElementById('data-message').textContent"


@pytest.fixture(scope="module")
def lab(app_server, driver):
    url = app_server()
    reload(driver, url)
    return driver, url


def state(driver) -> dict:
    return driver.execute_script(LAB_STATE_JS)


def open_generator(driver) -> None:
    driver.find_element(By.CSS_SELECTOR, "details.generator summary").click()


def wait_state(driver, condition: str) -> None:
    """Wait until ``condition`` (JavaScript on ``s``, the page's lab-state) holds."""
    wait_for(driver, f"const s = (function () {{ {LAB_STATE_JS} }})(); return {condition};")


def wait_seed(driver, seed: int) -> dict:
    """Wait until lab-state holds data from ``seed`` and the page has settled; return it."""
    wait_state(driver, f"s.seed === {seed}")
    wait_settled(driver)
    return state(driver)


def test_five_quick_clicks_at_different_places_add_five_points(lab):
    driver, url = lab
    reload(driver, url)
    n = len(state(driver)["points"]["x"])
    area = driver.find_element(By.CSS_SELECTOR, "#data-plot .nsewdrag")
    top = -area.size["height"] / 2 + 12  # above every point: the y axis pads the targets' span by 15 %
    chain = ActionChains(driver)
    for k in range(5):  # 150 ms apart: each quicker than the double-click delay
        chain.move_to_element_with_offset(area, -160 + 80 * k, top).click().pause(0.15)
    chain.perform()
    wait_state(driver, f"s.points.x.length === {n + 5}")
    wait_settled(driver)
    xs = state(driver)["points"]["x"][n:]
    assert xs == sorted(xs) and len(set(xs)) == 5  # one point per click, left to right


def test_a_double_click_on_a_point_removes_it_and_adds_none(lab):
    driver, url = lab
    reload(driver, url)
    before = state(driver)["points"]
    shape = data_points(driver)[2]
    ActionChains(driver).move_to_element(shape).double_click().perform()
    wait_state(driver, f"s.points.x.length === {len(before['x']) - 1}")
    wait_settled(driver)
    after = state(driver)["points"]
    assert after["x"] == before["x"][:2] + before["x"][3:]


@pytest.mark.parametrize("box, start, plus", [("generator-seed", 7, 8), ("generator-noise", 0.25, 0.26)])
def test_plus_and_minus_keep_a_number_in_the_generator_boxes(lab, box, start, plus):
    driver, url = lab
    reload(driver, url)
    open_generator(driver)
    driver.find_element(By.CSS_SELECTOR, f"#{box} ~ .dash-stepper-increment").click()
    wait_for(driver, f"return document.getElementById('{box}').value === '{plus}'")
    assert driver.execute_script(PROP_JS, box, "value") == plus
    driver.find_element(By.CSS_SELECTOR, f"#{box} ~ .dash-stepper-decrement").click()
    wait_for(driver, f"return document.getElementById('{box}').value === '{start}'")
    assert driver.execute_script(PROP_JS, box, "value") == start  # what update_problem reads


def test_a_seed_typed_after_a_resample_is_used(lab):
    driver, url = lab
    reload(driver, url)
    open_generator(driver)
    first = state(driver)["seed"]
    driver.find_element(By.ID, "resample-button").click()
    wait_seed(driver, first + 1)  # untouched, the seed moves on
    driver.find_element(By.ID, "resample-button").click()
    wait_seed(driver, first + 2)
    seed = driver.find_element(By.ID, "generator-seed")
    seed.click()
    seed.send_keys(Keys.CONTROL, "a")
    seed.send_keys(str(first))  # no Enter: the click on Resample commits it
    driver.find_element(By.ID, "resample-button").click()
    again = wait_seed(driver, first)
    assert driver.find_element(By.ID, "generator-seed").get_attribute("value") == str(first)
    assert len(again["points"]["x"]) == 20


def test_a_huge_seed_is_refused_with_a_message(lab):
    driver, url = lab
    reload(driver, url)
    open_generator(driver)
    before = state(driver)
    seed = driver.find_element(By.ID, "generator-seed")
    seed.click()
    seed.send_keys(Keys.CONTROL, "a")
    seed.send_keys("99999999999999999999")
    driver.find_element(By.ID, "resample-button").click()
    wait_for(driver, "return document.getElementById('data-message').textContent.indexOf('seed must be') >= 0")
    assert "4294967295" in driver.execute_script(MESSAGE_JS)
    wait_settled(driver)
    assert state(driver)["points"] == before["points"]  # the last valid data stay


# ---------------------------------------------------------------------------- the keyboard
def focus_plot(driver) -> None:
    """Tab into the data panel from the element before it (as a keyboard user would)."""
    wait_for(driver, "return document.getElementById('data-plot').tabIndex === 0")
    driver.execute_script("document.getElementById('data-plot').focus()")
    wait_for(driver, "return document.activeElement === document.getElementById('data-plot')")


def keys(driver, *sequence) -> None:
    ActionChains(driver).send_keys(*sequence).perform()


def select_by_keys(lab, *sequence, index: int) -> tuple:
    """Reload, Tab into the plot and press ``sequence``, which selects point ``index``.

    Returns the driver and the points before."""
    driver, url = lab
    reload(driver, url)
    points = state(driver)["points"]
    focus_plot(driver)
    keys(driver, *sequence)
    wait_for(driver, f"return window.lab.dataEdit.selected() === {index}")
    return driver, points


def test_the_plot_is_reached_with_tab(lab):
    driver, url = lab
    reload(driver, url)
    wait_for(driver, "return document.getElementById('data-plot').tabIndex === 0")
    # Tab from the element just before the plot in the page's focus order (a lesson's summary, too) lands on the plot
    driver.execute_script(
        "const all = Array.from(document.querySelectorAll('a[href], button, input, select, summary, [tabindex]'))"
        "  .filter(el => el.tabIndex >= 0 && !el.disabled && el.checkVisibility({contentVisibilityAuto: true}));"
        "const i = all.indexOf(document.getElementById('data-plot'));"
        "all[i - 1].focus();"
    )
    keys(driver, Keys.TAB)
    wait_for(driver, "return document.activeElement === document.getElementById('data-plot')")


def test_keyboard_selects_a_point_and_announces_it(lab):
    driver, points = select_by_keys(lab, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, index=1)
    message = driver.execute_script(MESSAGE_JS)
    assert message.startswith(f"Point 2 of {len(points['x'])}: x = ")
    x = float(message.split("x = ")[1].split(",")[0].replace("−", "-"))
    assert x == pytest.approx(points["x"][1], abs=1e-3)
    assert driver.find_element(By.ID, "data-message").get_attribute("role") == "status"
    outlined = driver.execute_script(
        "return document.querySelector('#data-plot .shapelayer path[data-index=\"1\"]').style.strokeWidth"
    )
    assert outlined == "4px"
    keys(driver, "p")
    wait_for(driver, "return window.lab.dataEdit.selected() === 0")


def test_shift_arrows_move_the_selected_point(lab):
    driver, before = select_by_keys(lab, "n", "n", "n", index=2)
    ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.ARROW_UP, Keys.ARROW_RIGHT).key_up(Keys.SHIFT).perform()
    wait_state(driver, f"s.points.y[2] > {before['y'][2]!r} && s.points.x[2] > {before['x'][2]!r}")
    wait_settled(driver)
    after = state(driver)["points"]
    # one step is 2 % of each axis: x shows the window ±8 % padding
    assert after["x"][2] - before["x"][2] == pytest.approx(0.02 * 2 * 1.16, rel=1e-6)
    assert after["x"][:2] == before["x"][:2] and after["y"][3:] == before["y"][3:]
    # the panel has caught up: the shape is where lab-state has the point
    wait_for(
        driver,
        "const gd = document.querySelector('#data-plot .js-plotly-plot');"
        f"return Math.abs(gd.layout.shapes[2].yanchor - {after['y'][2]!r}) < 1e-12;",
    )


def test_delete_removes_the_selected_point_and_a_adds_one(lab):
    n = len(default_state()["points"]["x"])
    driver, before = select_by_keys(lab, Keys.ARROW_LEFT, index=n - 1)  # from nothing, left selects the last
    keys(driver, Keys.DELETE)
    wait_state(driver, f"s.points.x.length === {n - 1}")
    wait_settled(driver)
    assert state(driver)["points"]["x"] == before["x"][:-1]
    assert driver.execute_script("return document.activeElement.id") == "data-plot"
    keys(driver, "a")  # nothing selected: at the plot's centre
    wait_state(driver, f"s.points.x.length === {n}")
    wait_settled(driver)
    added = state(driver)["points"]
    assert added["x"][-1] == pytest.approx(0.0, abs=1e-9)  # the x axis is symmetric about 0
    ys = before["y"][:-1]
    assert min(ys) < added["y"][-1] < max(ys)


# ---------------------------------------------------------------------------- pointing and the window
def test_pointing_at_a_point_shows_its_coordinates(lab):
    driver, url = lab
    reload(driver, url)
    points = state(driver)["points"]
    ActionChains(driver).move_to_element(data_points(driver)[4]).perform()
    wait_for(driver, "return document.getElementById('data-message').textContent.startsWith('Point 5: x = ')")
    y = float(driver.execute_script(MESSAGE_JS).split("y = ")[1].replace("−", "-"))
    assert y == pytest.approx(points["y"][4], rel=1e-3)


def test_a_point_dragged_past_the_edge_stops_at_the_data_window(lab):
    driver, url = lab
    reload(driver, url)
    n = len(state(driver)["points"]["x"])
    rightmost = max(range(n), key=lambda i: state(driver)["points"]["x"][i])
    shape = data_points(driver)[rightmost]
    ActionChains(driver).click_and_hold(shape).move_by_offset(20, 0).move_by_offset(25, 0).release().perform()
    # what the browser sent (before the server's own clipping): the window's edge, x = 1
    wait_for(driver, f"return (function () {{ {PROP_JS} }})('data-drag', 'data').release === true")
    sent = driver.execute_script(PROP_JS, "data-drag", "data")
    assert sent["index"] == rightmost and sent["x"] == 1.0
    wait_state(driver, f"s.points.x[{rightmost}] === 1")
