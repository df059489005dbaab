"""The interactive lab in real headless Chromium: ids, λ by keyboard, exact touch points, data drag."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from components.lambda_control import SLIDER_MAX
from components.problem import default_state, loss_for_state
from components.weight_plane import EN_UIDS, TRACE_UIDS
from geometry import lambda_max, penalized_optimum

from .conftest import wait_for

pytestmark = pytest.mark.browser

IDS = (
    "weight-plane",
    "lambda-slider",
    "lambda-input",
    "mode-toggle",
    "penalty-checklist",
    "l1-ratio-slider",
    "data-plot",
    "basis-dropdown",
    "resample-button",
    "readout",
)

TRACES_JS = """
const gd = document.querySelector('#%s .js-plotly-plot');
if (!gd || !gd._fullData) { return null; }
const out = {};
for (const t of gd._fullData) {
  out[t.uid] = {x: Array.from(t.x || []), y: Array.from(t.y || []), visible: t.visible};
}
return out;
"""


def traces(driver, graph: str = "weight-plane") -> dict:
    return driver.execute_script(TRACES_JS % graph)


def slider_value(driver) -> float:
    thumb = driver.find_element(By.CSS_SELECTOR, "#lambda-slider [role=slider]")
    return float(thumb.get_attribute("aria-valuenow"))


@pytest.fixture(scope="module")
def lab(app_server, driver):
    """The lab, freshly loaded, with its figures drawn."""
    url = app_server()
    reload(driver, url)
    return driver, url


# The page has settled when both graphs have drawn, the λ callback has written the label,
# no λ step is waiting for λ to rest (which redraws the data panel, replacing its point
# shapes), no click is waiting to become an added point, and Dash has no callback pending
# (the check dash.testing itself uses). Acting
# earlier races the page: on a slow machine a key press could land before the slider was
# live, or a drag start on a point shape that a redraw then replaces.
SETTLED_JS = """
const plane = document.querySelector('#weight-plane .js-plotly-plot');
const label = document.getElementById('lambda-label');
return !!plane && !!plane._fullData && plane._fullData.length > 5
  && (document.querySelectorAll('#data-plot .shapelayer path').length > 3
      || document.querySelector("#source-toggle input[value='shape']").checked)
  && !!label && label.textContent.indexOf('…') < 0
  && !!document.querySelector('#lambda-slider [role=slider]')
  && !!window.lab && !!window.lab.lambdaControl && window.lab.lambdaControl.atRest()
  && (() => {  // the plane has drawn the slider's value (key presses queue several steps)
        const s = window.lab.lambdaControl.shownView();
        const v = Number(document.querySelector('#lambda-slider [role=slider]').getAttribute('aria-valuenow'));
        return !!s && Math.abs(s.slider - v) <= 1e-9;
      })()
  && !!window.lab.dataEdit && !window.lab.dataEdit.clickPending()
  && !!window.store && !window.store.getState().isLoading;
"""


def wait_settled(driver, timeout: float = 20.0) -> None:
    """Wait until the page has drawn everything and nothing is pending (see SETTLED_JS)."""
    wait_for(driver, SETTLED_JS, timeout=timeout)


def reload(driver, url):
    """Load the lab and wait until it is ready for input."""
    driver.get(url)
    wait_settled(driver, timeout=60)


def press(driver, key, times: int = 1) -> None:
    thumb = driver.find_element(By.CSS_SELECTOR, "#lambda-slider [role=slider]")
    thumb.click()
    for _ in range(times):
        thumb.send_keys(key)


def type_lambda(driver, text: str) -> None:
    """Type ``text`` into the λ number box and press Enter."""
    box = driver.find_element(By.ID, "lambda-input")
    box.clear()
    box.send_keys(text + Keys.ENTER)


def wait_touch_change(driver, before: dict, uid: str) -> dict:
    """Wait until the touch point `uid` differs from `before`; return the new traces."""
    old = [float(before[uid]["x"][0]), float(before[uid]["y"][0])]
    wait_for(
        driver,
        "const gd = document.querySelector('#weight-plane .js-plotly-plot');"
        f"const t = gd._fullData.find(t => t.uid === '{uid}');"
        f"return t && (t.x[0] !== {old[0]!r} || t.y[0] !== {old[1]!r});",
    )
    return traces(driver)


def wait_ols_moved(driver, before: dict) -> None:
    """Wait until the weight plane's OLS point is no longer where ``before`` had it."""
    wait_for(
        driver,
        "const gd = document.querySelector('#weight-plane .js-plotly-plot');"
        "const t = gd._fullData.find(t => t.uid === 'ols-point');"
        f"return t.x[0] !== {float(before['x'][0])!r} || t.y[0] !== {float(before['y'][0])!r};",
    )


def data_points(driver) -> list:
    """The data panel's point shapes, once the page has settled (no redraw pending)."""
    wait_settled(driver)
    return driver.find_elements(By.CSS_SELECTOR, "#data-plot .shapelayer path")


def test_page_has_every_contract_id_and_the_classic_picture(lab):
    driver, _ = lab
    for id_ in IDS:
        assert driver.find_elements(By.ID, id_), f"missing #{id_}"
    data = traces(driver)
    for uid in ("loss-contours", "ols-point", "l1-region", "l2-region", "l1-touch", "l2-touch"):
        assert uid in data, uid
        assert data[uid]["visible"] is True
    assert len(data["loss-contours"]["x"]) > 100
    # equal aspect ratio: one unit is as long on both axes
    ratio = driver.execute_script(
        "const l = document.querySelector('#weight-plane .js-plotly-plot')._fullLayout;"
        "return (l.xaxis._length / (l.xaxis.range[1] - l.xaxis.range[0])) /"
        "       (l.yaxis._length / (l.yaxis.range[1] - l.yaxis.range[0]));"
    )
    assert ratio == pytest.approx(1.0, rel=0.02)


def test_keyboard_moves_both_touch_points_and_they_stay_on_their_regions(lab):
    driver, url = lab
    reload(driver, url)
    before = traces(driver)
    press(driver, Keys.PAGE_UP)
    after = wait_touch_change(driver, before, "l2-touch")
    assert after["l1-touch"]["x"] != before["l1-touch"]["x"] or after["l1-touch"]["y"] != before["l1-touch"]["y"]
    for data in (before, after):
        w1 = np.array([data["l1-touch"]["x"][0], data["l1-touch"]["y"][0]])
        diamond = np.c_[data["l1-region"]["x"], data["l1-region"]["y"]]
        t1 = np.abs(diamond).sum(axis=1)
        assert np.ptp(t1) <= 1e-9 * t1.max()  # every vertex on |w1| + |w2| = t
        assert np.abs(w1).sum() == pytest.approx(t1[0], rel=1e-9)
        w2 = np.array([data["l2-touch"]["x"][0], data["l2-touch"]["y"][0]])
        circle = np.c_[data["l2-region"]["x"], data["l2-region"]["y"]]
        radius = np.hypot(circle[:, 0], circle[:, 1])
        assert np.hypot(*w2) == pytest.approx(radius.mean(), rel=1e-9)
        # the dotted contours (one trace, a None between them): J0 on each = J0 at its touch point
        loss = loss_for_state(default_state())
        xy = np.array([np.nan if v is None else v for v in data["touch-contours"]["x"]])
        yy = np.array([np.nan if v is None else v for v in data["touch-contours"]["y"]])
        gaps = np.flatnonzero(np.isnan(xy))
        assert len(gaps) == 1
        for w, part in ((w1, slice(0, gaps[0])), (w2, slice(gaps[0] + 1, None))):
            np.testing.assert_allclose(loss(np.c_[xy[part], yy[part]]), loss(w), rtol=1e-9)


def test_browser_touch_points_equal_the_python_solver(lab):
    driver, url = lab
    reload(driver, url)
    loss = loss_for_state(default_state())  # the page starts from the same default data
    lam_max = lambda_max(loss)
    for key, times in ((Keys.PAGE_DOWN, 1), (Keys.ARROW_RIGHT, 7), (Keys.PAGE_UP, 2), (Keys.HOME, 1)):
        before = traces(driver)
        press(driver, key, times)
        wait_touch_change(driver, before, "l2-touch")
        # Several key presses redraw several times: poll until the drawing has caught up with
        # the slider, i.e. it shows the exact optimum for the slider's current value.
        deadline = time.monotonic() + 20
        while True:
            lam = lam_max * 10.0 ** slider_value(driver)
            data = traces(driver)
            errors = {}
            for region in ("l1", "l2"):
                w = penalized_optimum(loss, region, lam)
                got = np.array([data[f"{region}-touch"]["x"][0], data[f"{region}-touch"]["y"][0]])
                errors[region] = float(np.abs(got - w).max()) / max(1.0, float(np.abs(w).max()))
            if max(errors.values()) <= 1e-9:
                break
            assert time.monotonic() < deadline, f"touch points never matched the exact optimum at λ = {lam}: {errors}"
            time.sleep(0.05)  # polling a DOM condition


def test_top_of_the_slider_puts_the_l1_touch_point_exactly_at_zero(lab):
    driver, url = lab
    reload(driver, url)
    before = traces(driver)
    press(driver, Keys.END)
    data = wait_touch_change(driver, before, "l2-touch")
    assert slider_value(driver) == pytest.approx(SLIDER_MAX, abs=1e-9)
    assert data["l1-touch"]["x"][0] == 0.0 and data["l1-touch"]["y"][0] == 0.0
    assert np.hypot(data["l2-touch"]["x"][0], data["l2-touch"]["y"][0]) > 0  # ridge never reaches 0


def test_readout_follows_lambda(lab):
    driver, url = lab
    reload(driver, url)
    first = driver.find_element(By.ID, "readout").text
    press(driver, Keys.END)
    wait_for(driver, "return document.getElementById('readout').innerText.includes('Both weights are exactly 0')")
    assert driver.find_element(By.ID, "readout").text != first


def test_typed_lambda_out_of_range_is_clamped_with_a_message(lab):
    driver, url = lab
    reload(driver, url)
    type_lambda(driver, "1e9")
    wait_for(driver, "return document.getElementById('lambda-message').innerText.includes('clamped')")
    wait_for(
        driver,
        f"return Math.abs(Number(document.querySelector('#lambda-slider [role=slider]')"
        f".getAttribute('aria-valuenow')) - {SLIDER_MAX}) < 1e-9",
    )
    # an exact value in range is honoured exactly
    loss = loss_for_state(default_state())
    lam = float(0.123456 * lambda_max(loss))
    type_lambda(driver, repr(lam))
    wait_for(driver, "return document.getElementById('lambda-message').innerText === ''")
    w = [float(v) for v in penalized_optimum(loss, "l1", lam)]
    wait_for(
        driver,
        "const gd = document.querySelector('#weight-plane .js-plotly-plot');"
        "const t = gd._fullData.find(t => t.uid === 'l1-touch');"
        f"return Math.abs(t.x[0] - {w[0]!r}) < 1e-9 && Math.abs(t.y[0] - {w[1]!r}) < 1e-9;",
    )


def test_text_that_is_not_a_number_gets_a_message_and_keeps_lambda(lab):
    """Chromium hands Dash no value at all for "1e" in a number box (``validity.badInput``): the
    page itself must say what is wrong; λ and the plane stay as they were."""
    driver, url = lab
    reload(driver, url)
    before = traces(driver)
    label = driver.find_element(By.ID, "lambda-label").text
    box = driver.find_element(By.ID, "lambda-input")
    box.send_keys(Keys.CONTROL, "a")  # select what is there and type over it, as a user does
    box.send_keys("1e" + Keys.ENTER)
    wait_for(driver, "return document.getElementById('lambda-message').innerText.includes('Type a number')")
    assert driver.find_element(By.ID, "lambda-label").text == label
    assert traces(driver)["l1-touch"]["x"] == before["l1-touch"]["x"]
    # a number afterwards is taken, and the message goes
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("0.5" + Keys.ENTER)
    wait_for(driver, "return document.getElementById('lambda-message').innerText === ''")
    wait_for(driver, "return document.getElementById('lambda-label').innerText.startsWith('λ = 0.5 ')")


def test_label_box_and_message_follow_a_slider_step(lab):
    """The label and the number box are written after the plane's redraw (not by the λ callback):
    they still end up showing the slider's λ, the clamp message goes, and the box value written by
    the page does not move the slider again."""
    driver, url = lab
    reload(driver, url)
    type_lambda(driver, "1e9")
    wait_for(driver, "return document.getElementById('lambda-message').innerText.includes('clamped')")
    press(driver, Keys.ARROW_LEFT, times=3)
    wait_for(driver, "return document.getElementById('lambda-message').innerText === ''")
    v = slider_value(driver)
    assert v < SLIDER_MAX - 0.02
    lam = lambda_max(loss_for_state(default_state())) * 10.0**v
    wait_for(driver, f"return Math.abs(Number(document.getElementById('lambda-input').value) / {lam!r} - 1) < 1e-5")
    label = driver.find_element(By.ID, "lambda-label").text
    assert label.startswith("λ = ")
    assert float(label.split()[2]) == pytest.approx(lam, rel=1e-3)
    assert slider_value(driver) == pytest.approx(v, abs=1e-9)


def test_the_ols_point_moves_while_a_data_point_is_still_being_dragged(lab):
    driver, url = lab
    reload(driver, url)
    before = traces(driver)["ols-point"]
    shape = data_points(driver)[-1]
    hold = ActionChains(driver).move_to_element(shape).click_and_hold()
    for _ in range(6):
        hold = hold.move_by_offset(0, -15)
    hold.perform()
    try:
        wait_ols_moved(driver, before)
    finally:
        ActionChains(driver).release().perform()


def test_dragging_a_data_point_moves_the_ols_point(lab):
    driver, url = lab
    reload(driver, url)
    before = traces(driver)["ols-point"]
    shape = data_points(driver)[-1]
    ActionChains(driver).move_to_element(shape).click_and_hold().move_by_offset(0, -90).release().perform()
    wait_ols_moved(driver, before)
    after = traces(driver)["ols-point"]
    assert math.hypot(after["x"][0] - before["x"][0], after["y"][0] - before["y"][0]) > 1e-6
    # the data panel catches up: its hover trace, the shape anchors and the fits agree with the new data
    wait_for(
        driver,
        "const gd = document.querySelector('#data-plot .js-plotly-plot');"
        "const pts = gd._fullData.find(t => t.uid === 'data-points');"
        "const k = pts.y.length - 1;"
        "return Math.abs(pts.y[k] - gd.layout.shapes[k].yanchor) < 1e-12 && "
        f"Math.abs(pts.y[k] - {float(default_state()['points']['y'][-1])!r}) > 1e-3;",
    )


def test_a_data_edit_is_drawn_at_the_lambda_on_screen(lab):
    """The server draws a data edit with the λ settings of the moment (``current-view``): at the
    top of the slider λ = 3·λ_max stays, so after a data change that leaves λ_max below it the
    lasso stays exactly at 0 (the slider at the top, λ clamped into its range)."""
    driver, url = lab
    reload(driver, url)
    before = traces(driver)
    press(driver, Keys.END)
    wait_touch_change(driver, before, "l2-touch")
    lam = lambda_max(loss_for_state(driver.execute_script(LAB_STATE_JS))) * 10.0**SLIDER_MAX
    ols = traces(driver)["ols-point"]
    shape = data_points(driver)[-1]
    ActionChains(driver).move_to_element(shape).click_and_hold().move_by_offset(0, -90).release().perform()
    wait_ols_moved(driver, ols)
    wait_settled(driver)
    loss = loss_for_state(driver.execute_script(LAB_STATE_JS))
    want = min(lam, lambda_max(loss) * 10.0**SLIDER_MAX)
    assert lambda_max(loss) * 10.0 ** slider_value(driver) == pytest.approx(want, rel=1e-9)
    after = traces(driver)
    assert lambda_max(loss) <= want  # this drag lowers λ_max below 3·λ_max before
    assert after["l1-touch"]["x"][0] == 0.0 and after["l1-touch"]["y"][0] == 0.0


# Dash hands a callback every input that changed since its last call. When λ rests, the page
# writes the view to view-store (the number box, readout and fits follow it); a click or key in
# the same moment arrives with it (on a busy machine this happens by itself). One script, one JS
# task, makes the two arrive together.
REST_WRITE_AND_JS = """
const s = window.store.getState();
let node = s.layout;
for (const key of s.paths.strs['view-store']) { node = node[key]; }
window.dash_clientside.set_props('view-store', {data: Object.assign({}, node.props.data)});
%s
"""


def exact_touches(driver, state: dict | None = None) -> dict:
    """The exact optima (Python solver) at the slider's value, for the page's data."""
    loss = loss_for_state(state or default_state())
    lam = lambda_max(loss) * 10.0 ** slider_value(driver)
    return {region: penalized_optimum(loss, region, lam) for region in ("l1", "l2")}


def assert_touches_exact(driver, state: dict | None = None) -> None:
    data, want = traces(driver), exact_touches(driver, state)
    for region, w in want.items():
        got = [data[f"{region}-touch"]["x"][0], data[f"{region}-touch"]["y"][0]]
        np.testing.assert_allclose(got, w, atol=1e-9, err_msg=region)


def test_a_slider_step_arriving_with_the_rest_write_is_drawn(lab):
    driver, url = lab
    reload(driver, url)
    before = traces(driver)
    driver.execute_script(REST_WRITE_AND_JS % "window.dash_clientside.set_props('lambda-slider', {value: -1.5});")
    wait_touch_change(driver, before, "l2-touch")
    wait_settled(driver)
    assert slider_value(driver) == -1.5
    assert_touches_exact(driver)
    lam = lambda_max(loss_for_state(default_state())) * 10.0**-1.5
    assert driver.find_element(By.ID, "lambda-label").text.startswith(f"λ = {lam:.4g}")


def test_an_untick_arriving_with_the_rest_write_hides_the_elastic_net(lab):
    driver, url = lab
    reload(driver, url)
    en_box = "#penalty-checklist input[value='en']"
    driver.find_element(By.CSS_SELECTOR, en_box).click()
    wait_for(driver, f"return document.querySelector('#weight-plane .js-plotly-plot')._fullData.length === {len(TRACE_UIDS)}")
    wait_settled(driver)
    driver.execute_script(REST_WRITE_AND_JS % f'document.querySelector("{en_box}").click();')
    wait_for(
        driver,
        "const gd = document.querySelector('#weight-plane .js-plotly-plot');"
        f"return gd._fullData.length === {len(TRACE_UIDS) - len(EN_UIDS)} && "
        "!gd._fullData.some(t => t.uid.startsWith('en-'));",
    )


# Holds the server's answers to data edits (update_problem) until the page sets
# window.__releaseAnswers, so the test can act while the server is, as far as the page knows,
# still working; window.__held counts the requests held.
HOLD_ANSWERS_JS = """
const realFetch = window.fetch;
window.__held = 0;
window.fetch = function (url, options) {
  const answer = realFetch.apply(this, arguments);
  if (!String(url).includes('_dash-update-component') || !String(options.body).includes('"output":"..lab-state.data')) {
    return answer;
  }
  window.__held += 1;
  return answer.then(response => new Promise(resolve => {
    const poll = () => window.__releaseAnswers ? resolve(response) : setTimeout(poll, 10);
    poll();
  }));
};
"""

LAB_STATE_JS = """
const s = window.store.getState();
let node = s.layout;
for (const key of s.paths.strs['lab-state']) { node = node[key]; }
return node.props.data;
"""


def test_lambda_moved_while_the_server_draws_a_data_edit_is_kept(lab):
    """The server draws a data edit's plane at the λ it was sent with; a λ step taken before the
    answer arrives must not be undone by it."""
    driver, url = lab
    reload(driver, url)
    driver.execute_script(HOLD_ANSWERS_JS)
    ols = traces(driver)["ols-point"]
    driver.find_element(By.CSS_SELECTOR, "#points-controls summary").click()
    driver.find_element(By.ID, "resample-button").click()
    wait_for(driver, "return window.__held === 1")
    # Dash runs the λ callback after the answer (the scene is one of its inputs), with both
    # changes in one call
    start = slider_value(driver)
    press(driver, Keys.PAGE_DOWN)
    wait_for(driver, f"return Number(document.querySelector('#lambda-slider [role=slider]').ariaValueNow) < {start}")
    driver.execute_script("window.__releaseAnswers = true;")
    wait_ols_moved(driver, ols)
    wait_settled(driver)
    assert_touches_exact(driver, driver.execute_script(LAB_STATE_JS))


# A λ step, and a click on "Resample" the moment the plane has drawn it (a whole redraw fires
# afterplot, a traces-only one transitioned): before the page has written the new λ into
# current-view, so the server draws the new data's plane at the old λ.
STEP_THEN_RESAMPLE_JS = """
const gd = document.querySelector('#weight-plane .js-plotly-plot');
let clicked = false;
const click = function () {
  if (!clicked) { clicked = true; document.getElementById('resample-button').click(); }
};
gd.on('plotly_afterplot', click);
gd.on('plotly_transitioned', click);
window.dash_clientside.set_props('lambda-slider', {value: -1.5});
"""


def test_a_plane_the_server_drew_at_an_older_lambda_is_brought_to_the_lambda_on_screen(lab):
    driver, url = lab
    reload(driver, url)
    driver.find_element(By.CSS_SELECTOR, "#points-controls summary").click()
    ols = traces(driver)["ols-point"]
    lam = lambda_max(loss_for_state(driver.execute_script(LAB_STATE_JS))) * 10.0**-1.5  # the step's λ
    driver.execute_script(STEP_THEN_RESAMPLE_JS)
    wait_ols_moved(driver, ols)
    wait_settled(driver)
    state = driver.execute_script(LAB_STATE_JS)
    # the new data are drawn at the step's λ (kept when the data change), not the λ before it
    assert lambda_max(loss_for_state(state)) * 10.0 ** slider_value(driver) == pytest.approx(lam, rel=1e-9)
    assert_touches_exact(driver, state)


def test_a_second_edit_before_the_first_answer_keeps_both(lab):
    """Dash sends the second edit with the lab-state the first has not changed yet and drops the
    first answer; the page resends the first edit with the second, so both points stay."""
    driver, url = lab
    reload(driver, url)
    n = len(driver.execute_script(LAB_STATE_JS)["points"]["x"])
    driver.execute_script(HOLD_ANSWERS_JS)
    area = driver.find_element(By.CSS_SELECTOR, "#data-plot .nsewdrag")
    ActionChains(driver).move_to_element_with_offset(area, 40, -60).click().perform()
    wait_for(driver, "return window.__held === 1")
    ActionChains(driver).move_to_element_with_offset(area, -80, 40).click().perform()
    wait_for(driver, "return window.__held === 2")
    driver.execute_script("window.__releaseAnswers = true;")
    wait_for(driver, f"return document.querySelectorAll('#data-plot .shapelayer path').length === {n + 2}")
    wait_settled(driver)
    state = driver.execute_script(LAB_STATE_JS)
    assert len(state["points"]["x"]) == n + 2
    assert_touches_exact(driver, state)  # the plane shows the problem with both points


CANCELLED_DRAG_JS = """
const gd = document.querySelector('#data-plot .js-plotly-plot');
const path = gd.querySelector('.shapelayer path[data-index="3"]');
const box = path.getBoundingClientRect();
const x = box.left + box.width / 2, y = box.top + box.height / 2;
function fire(type, target, yy) {
  target.dispatchEvent(new PointerEvent(type, {clientX: x, clientY: yy, bubbles: true, cancelable: true, view: window,
                                               pointerType: 'touch', isPrimary: true}));
}
fire('pointerdown', path, y);
fire('pointermove', document, y - 40);    // sent as a live move
fire('pointercancel', document, y - 40);  // the browser took the gesture over
"""


def test_a_drag_whose_pointer_stream_is_cancelled_keeps_the_last_position_sent(lab):
    driver, url = lab
    reload(driver, url)
    before = traces(driver)["ols-point"]
    data_points(driver)
    start = float(default_state()["points"]["y"][3])
    driver.execute_script(CANCELLED_DRAG_JS)
    wait_ols_moved(driver, before)
    # the drop is final: the data panel redraws the point there (40 px up), no transform left over
    wait_for(
        driver,
        "const gd = document.querySelector('#data-plot .js-plotly-plot');"
        "const path = gd.querySelector('.shapelayer path[data-index=\"3\"]');"
        f"return gd.layout.shapes[3].yanchor > {start!r} + 0.05 && !path.getAttribute('transform');",
    )


def test_a_small_pointer_move_is_a_click_and_leaves_the_point(lab):
    driver, url = lab
    reload(driver, url)
    shape = data_points(driver)[3]
    ActionChains(driver).move_to_element(shape).click_and_hold().move_by_offset(0, -3).release().perform()
    assert (
        driver.execute_script(
            "return document.querySelector('#data-plot .shapelayer path[data-index=\"3\"]').getAttribute('transform')"
        )
        is None
    )


def test_data_panel_fits_follow_lambda(lab):
    driver, url = lab
    reload(driver, url)
    y_mean = float(np.mean(default_state()["points"]["y"]))
    press(driver, Keys.END)
    # at the top of the slider the lasso weights are 0, so its fitted curve is the constant mean of y
    wait_for(
        driver,
        "const gd = document.querySelector('#data-plot .js-plotly-plot');"
        "const t = gd._fullData.find(t => t.uid === 'l1-fit');"
        f"return t && t.y.length > 10 && Array.from(t.y).every(v => Math.abs(v - {y_mean!r}) < 1e-9);",
    )
    fits = traces(driver, "data-plot")
    assert np.ptp(fits["l2-fit"]["y"]) > 1e-3  # ridge still bends


def click_radio(driver, container_id: str, value: str) -> None:
    driver.find_element(By.CSS_SELECTOR, f"#{container_id} input[value='{value}']").click()


def test_constrained_mode_draws_the_same_budget_for_both_regions(lab):
    driver, url = lab
    reload(driver, url)
    before = traces(driver)
    click_radio(driver, "mode-toggle", "constrained")
    wait_for(driver, "return document.getElementById('lambda-label').innerText.startsWith('t =')")
    data = wait_touch_change(driver, before, "l2-touch")
    t_l1 = np.abs(np.c_[data["l1-region"]["x"], data["l1-region"]["y"]]).sum(axis=1).max()
    t_l2 = np.hypot(data["l2-region"]["x"], data["l2-region"]["y"]).max()
    assert t_l1 == pytest.approx(t_l2, rel=1e-9)  # one budget t: the diamond is inscribed in the circle
    loss = loss_for_state(default_state())
    t = np.abs(loss.ols_point).sum() * 10.0 ** slider_value(driver)
    from geometry import constrained_optimum

    for region in ("l1", "l2"):
        w = constrained_optimum(loss, region, t)
        got = [data[f"{region}-touch"]["x"][0], data[f"{region}-touch"]["y"][0]]
        np.testing.assert_allclose(got, w, atol=1e-9)


def test_elastic_net_toggle_shows_its_region_and_enables_the_mix_slider(lab):
    driver, url = lab
    reload(driver, url)
    assert "en-touch" not in traces(driver)  # hidden: not in the figure at all
    en_legend = "return getComputedStyle(document.querySelector('#data-legend .item-en')).display"
    assert driver.execute_script(en_legend) == "none"  # the data legend lists only the fits drawn
    driver.find_element(By.CSS_SELECTOR, "#penalty-checklist input[value='en']").click()
    wait_for(driver, en_legend + " !== 'none'")
    wait_for(
        driver,
        "const gd = document.querySelector('#weight-plane .js-plotly-plot');"
        "return gd._fullData.find(t => t.uid === 'en-region').visible === true;",
    )
    wait_for(driver, "return !document.querySelector('#l1-ratio-slider [role=slider]').hasAttribute('data-disabled');")
    data = traces(driver)
    loss = loss_for_state(default_state())
    lam = lambda_max(loss) * 10.0 ** slider_value(driver)
    w = penalized_optimum(loss, "elasticnet", lam, l1_ratio=0.5)
    np.testing.assert_allclose([data["en-touch"]["x"][0], data["en-touch"]["y"][0]], w, atol=1e-9)
    # a λ step moves it like the others, and unticking takes the three traces out again
    press(driver, Keys.ARROW_LEFT, 3)
    wait_touch_change(driver, data, "en-touch")
    driver.find_element(By.CSS_SELECTOR, "#penalty-checklist input[value='en']").click()
    wait_for(
        driver,
        "const gd = document.querySelector('#weight-plane .js-plotly-plot');"
        f"return gd._fullData.length === {len(TRACE_UIDS) - len(EN_UIDS)} && "
        "!gd._fullData.some(t => t.uid.startsWith('en-'));",
    )


def test_click_adds_a_point_and_double_click_removes_it(lab):
    driver, url = lab
    reload(driver, url)
    count = lambda: driver.execute_script("return document.querySelectorAll('#data-plot .shapelayer path').length")  # noqa: E731
    n = count()
    area = driver.find_element(By.CSS_SELECTOR, "#data-plot .nsewdrag")
    ActionChains(driver).move_to_element_with_offset(area, 40, -60).click().perform()
    wait_for(driver, f"return document.querySelectorAll('#data-plot .shapelayer path').length === {n + 1}")
    shape = data_points(driver)[-1]
    ActionChains(driver).move_to_element(shape).double_click().perform()
    wait_for(driver, f"return document.querySelectorAll('#data-plot .shapelayer path').length === {n}")


def test_resample_replaces_the_data_and_moves_the_ols_point(lab):
    driver, url = lab
    reload(driver, url)
    before = traces(driver)["ols-point"]
    driver.find_element(By.CSS_SELECTOR, "#points-controls summary").click()
    seed = driver.find_element(By.ID, "generator-seed")
    seed.clear()
    seed.send_keys("123" + Keys.TAB)
    driver.find_element(By.ID, "resample-button").click()
    wait_for(
        driver,
        "const gd = document.querySelector('#weight-plane .js-plotly-plot');"
        "const t = gd._fullData.find(t => t.uid === 'ols-point');"
        f"return t.x[0] !== {float(before['x'][0])!r};",
    )
    # clicking again without touching the seed gives new data and shows the seed it used
    second = traces(driver)["ols-point"]
    driver.find_element(By.ID, "resample-button").click()
    wait_for(driver, "return document.getElementById('generator-seed').value === '124'")
    wait_for(
        driver,
        "const gd = document.querySelector('#weight-plane .js-plotly-plot');"
        "const t = gd._fullData.find(t => t.uid === 'ols-point');"
        f"return t.x[0] !== {float(second['x'][0])!r};",
    )
    # the readout follows the new data: its OLS row is the least-squares fit of lab-state's points
    wait_settled(driver)
    ols_row = next(line for line in driver.find_element(By.ID, "readout").text.splitlines() if line.startswith("OLS"))
    w = loss_for_state(driver.execute_script(LAB_STATE_JS)).ols_point
    assert [float(v.replace("−", "-")) for v in ols_row.split()[1:3]] == pytest.approx(w, rel=2e-3)


def test_number_boxes_accept_their_defaults_and_two_decimals(lab):
    """A box whose value is off its step is invalid in the browser and reports None to Dash
    (a red box and a refused resample): the defaults and a typed 0.33 must be valid."""
    driver, url = lab
    reload(driver, url)
    assert driver.execute_script("return document.querySelectorAll('input[type=number]:invalid').length") == 0
    driver.find_element(By.CSS_SELECTOR, "details.generator summary").click()
    box = driver.find_element(By.ID, "generator-w2")
    box.click()
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("0.33")
    assert driver.execute_script("return document.getElementById('generator-w2').matches(':invalid')") is False


def test_loss_shape_mode_has_no_data_and_a_draggable_center(lab):
    driver, url = lab
    reload(driver, url)
    click_radio(driver, "source-toggle", "shape")
    wait_for(driver, "return document.querySelectorAll('#weight-plane .shapelayer path').length === 1")
    wait_for(driver, "return document.getElementById('shape-controls').style.display !== 'none'")
    # no points, no fits: the data legend has nothing to explain
    wait_for(driver, "return getComputedStyle(document.getElementById('data-legend')).visibility === 'hidden'")
    before = traces(driver)["ols-point"]
    center = driver.find_element(By.CSS_SELECTOR, "#weight-plane .shapelayer path")
    ActionChains(driver).move_to_element(center).click_and_hold().move_by_offset(-60, 40).release().perform()
    wait_for(
        driver,
        "const gd = document.querySelector('#weight-plane .js-plotly-plot');"
        "const t = gd._fullData.find(t => t.uid === 'ols-point');"
        f"return t.x[0] < {float(before['x'][0])!r} - 0.05;",
    )
