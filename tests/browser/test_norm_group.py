"""The norm family and the 3-D group panel in Chromium: they open, draw with their uids, follow
the p slider, the region chooser and λ."""

from __future__ import annotations

import json

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from components.group_figure import GROUP_TRACE_UIDS
from components.norm_panel import NORM_TRACE_UIDS

from .conftest import SCREENSHOTS, wait_for
from .test_lab import click_radio, press, reload

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def url(app_server) -> str:
    return app_server()


def open_details(driver, details_id: str) -> None:
    driver.execute_script(f"document.querySelector('#{details_id} summary').scrollIntoView({{block: 'center'}});")
    driver.find_element(By.CSS_SELECTOR, f"#{details_id} summary").click()
    wait_for(driver, f"return document.getElementById('{details_id}').open")


def uids(driver, graph: str) -> list:
    return driver.execute_script(
        f"const gd = document.querySelector('#{graph} .js-plotly-plot');"
        "return gd && gd._fullData ? gd._fullData.map(t => t.uid) : [];"
    )


def norm_state(driver) -> dict:
    return driver.execute_script(
        "const gd = document.querySelector('#norm-family-plot .js-plotly-plot');"
        "const d = {}; gd._fullData.forEach(t => { d[t.uid] = {x: Array.from(t.x || []), y: Array.from(t.y || [])}; });"
        "return {data: d, meta: gd.layout.meta ? gd.layout.meta.norm : null, text: document.getElementById('norm-text').innerText};"
    )


def test_norm_family_p_slider_chooser_and_lambda(url, driver):
    reload(driver, url)
    open_details(driver, "norm-details")
    wait_for(driver, f"return document.querySelector('#norm-family-plot .js-plotly-plot')._fullData.length === {len(NORM_TRACE_UIDS)}")
    assert uids(driver, "norm-family-plot") == list(NORM_TRACE_UIDS)
    first = norm_state(driver)
    assert first["meta"]["region"] == "lp" and first["meta"]["p"] == 0.5
    assert "not convex" in first["text"]
    # the p slider: End moves p to 4, the server redraws the ball and its touch point
    thumb = driver.find_element(By.CSS_SELECTOR, "#p-slider [role=slider]")
    thumb.click()
    thumb.send_keys(Keys.END)
    wait_for(driver, "const gd = document.querySelector('#norm-family-plot .js-plotly-plot');"
                     "return gd.layout.meta && gd.layout.meta.norm.p === 4;")
    after_p = norm_state(driver)
    assert after_p["data"]["norm-touch"]["x"] != first["data"]["norm-touch"]["x"] or \
        after_p["data"]["norm-touch"]["y"] != first["data"]["norm-touch"]["y"]
    assert "is convex" in after_p["text"]
    thumb.send_keys(Keys.HOME)  # p = 0.3: certified global optimum
    wait_for(driver, "const gd = document.querySelector('#norm-family-plot .js-plotly-plot');"
                     "return gd.layout.meta && gd.layout.meta.norm.p === 0.3;")
    driver.execute_script("document.getElementById('norm-family-plot').scrollIntoView({block: 'center'});")
    driver.save_screenshot(str(SCREENSHOTS / "norm-family-p03.png"))
    # λ moves the region: the L2 region in the browser, touch point on the circle of the new t
    click_radio(driver, "norm-region", "l2")
    wait_for(driver, "const gd = document.querySelector('#norm-family-plot .js-plotly-plot');"
                     "return gd.layout.meta && gd.layout.meta.norm.region === 'l2';")
    before = norm_state(driver)
    press(driver, Keys.ARROW_LEFT, 5)
    wait_for(driver, "const gd = document.querySelector('#norm-family-plot .js-plotly-plot');"
                     f"return gd._fullData[1].x[0] !== {before['data']['norm-ball']['x'][0]};")
    moved = norm_state(driver)
    radius = max(abs(v) for v in moved["data"]["norm-ball"]["x"])
    w = moved["data"]["norm-touch"]
    if w["x"]:  # drawn (the browser's exact L2 constrained optimum): on the circle of radius t
        assert (w["x"][0] ** 2 + w["y"][0] ** 2) ** 0.5 == pytest.approx(radius, rel=1e-6)
    driver.execute_script("document.getElementById('norm-family-plot').scrollIntoView({block: 'center'});")
    driver.save_screenshot(str(SCREENSHOTS / "norm-family-l2.png"))


def cone_top(driver) -> float:
    return driver.execute_script(
        "const d = document.querySelector('#group-plot .js-plotly-plot')._fullData[0]; return Math.max(...Array.from(d.z));"
    )


def test_group_panel_renders_and_follows_lambda(url, driver):
    reload(driver, url)
    open_details(driver, "group-details")
    wait_for(driver, f"return document.querySelector('#group-plot .js-plotly-plot')._fullData.length === {len(GROUP_TRACE_UIDS)}",
             timeout=30)
    assert uids(driver, "group-plot") == list(GROUP_TRACE_UIDS)
    wait_for(driver, "return document.getElementById('group-text').innerText.length > 0")
    # at the first λ (0.6 λ_max, below the group's threshold) the group is on; L1 has w₂ = 0
    assert "non-zero (both together)" in driver.find_element(By.ID, "group-text").text
    driver.execute_script("document.getElementById('group-plot').scrollIntoView({block: 'center'});")
    driver.save_screenshot(str(SCREENSHOTS / "group-cone.png"))
    click_radio(driver, "group-region", "l1")
    wait_for(driver, "return document.getElementById('group-text').innerText.includes('w₂ exactly 0')")
    driver.save_screenshot(str(SCREENSHOTS / "group-l1.png"))
    click_radio(driver, "group-region", "group")
    # Home: λ at its smallest, the group's touch point is non-zero; End: λ = 3 λ_max, w1 = w2 = 0 exactly
    press(driver, Keys.HOME)
    wait_for(driver, "const d = document.querySelector('#group-plot .js-plotly-plot')._fullData[3]; return d.x[0] !== 0;")
    small = cone_top(driver)
    press(driver, Keys.END)
    wait_for(driver, "const d = document.querySelector('#group-plot .js-plotly-plot')._fullData[3]; return d.x[0] === 0 && d.y[0] === 0;")
    driver.execute_script("document.getElementById('group-plot').scrollIntoView({block: 'center'});")
    driver.save_screenshot(str(SCREENSHOTS / "group-cone-zero.png"))
    assert "exactly 0 as a whole" in driver.find_element(By.ID, "group-text").text
    assert cone_top(driver) < small  # the cone shrank to the smaller group norm
    click_radio(driver, "group-region", "l2")
    wait_for(driver, "return document.getElementById('group-text').innerText.includes('no corners')")


GROUP_VIEW_JS = """
const gd = document.querySelector('#group-plot .js-plotly-plot');
if (!gd || !gd._fullLayout || !gd._fullLayout.scene || !gd._fullData || gd._fullData.length < 4) { return null; }
const s = gd._fullLayout.scene, touch = gd._fullData[%d];
return {title: gd._fullLayout.title ? gd._fullLayout.title.text : '',
        axes: [s.xaxis.title.text, s.yaxis.title.text, s.zaxis.title.text],
        touch: [touch.x[0], touch.y[0], touch.z[0]],
        text: document.getElementById('group-text').innerText};
"""
#: the key of the table the page holds (group-table's data, from Dash's store), or null
GROUP_TABLE_KEY_JS = """
const st = window.store.getState(), path = st.paths.strs['group-table'];
let node = st.layout;
for (const k of path) { node = node[k]; }
return node.props.data ? (node.props.data.key || null) : null;
"""


def group_view(driver) -> dict | None:
    from components.group_figure import GROUP_TRACE_INDEX

    return driver.execute_script(GROUP_VIEW_JS % GROUP_TRACE_INDEX["group-touch"])


def wait_group_axes(driver, axes: list[str]) -> dict:
    from components.group_figure import GROUP_TRACE_INDEX

    want = json.dumps(json.dumps(axes, ensure_ascii=False, separators=(",", ":")), ensure_ascii=False)
    wait_for(driver, "const v = (function () {" + GROUP_VIEW_JS % GROUP_TRACE_INDEX["group-touch"] + "})();"
             f"return !!v && JSON.stringify(v.axes) === {want};", timeout=30)  # fmt: skip
    return group_view(driver)


def close_details(driver, details_id: str) -> None:
    driver.execute_script(f"document.querySelector('#{details_id} summary').scrollIntoView({{block: 'center'}});")
    driver.find_element(By.CSS_SELECTOR, f"#{details_id} summary").click()
    wait_for(driver, f"return !document.getElementById('{details_id}').open")


def test_group_panel_follows_the_data_set_and_its_features(url, driver):
    """Open on the synthetic data: the fixed loss, said plainly. Switch to the diabetes data while open:
    group-plot redraws the bmi, s5 (+ bp) model with the feature names. Closed, a change of features
    asks nothing; opening again draws the new pair's model. Back to the synthetic data while open."""
    from components.group_figure import table_entry as _at
    from components.group_model import dataset_group_table, dataset_model

    from .test_dataset import IDLE_JS, choose
    from .test_lab import slider_value

    reload(driver, url)
    open_details(driver, "group-details")
    first = wait_group_axes(driver, ["w₁", "w₂", "w₃"])
    assert first["title"] == "A fixed synthetic three-weight loss:<br>the lab's data have two weights"
    wait_for(driver, "return document.getElementById('group-text').innerText.startsWith('Synthetic loss.')")
    # the diabetes data, the panel open: the three-feature model on bmi, s5 and bp, named
    choose(driver, "dataset-dropdown", "diabetes")
    view = wait_group_axes(driver, ["w₁ · bmi", "w₂ · s5", "w₃ · bp"])
    assert view["title"].startswith("Diabetes: least squares on bmi, s5 and bp;<br>bp: the feature most correlated")
    wait_for(driver, "return document.getElementById('group-text').innerText.startsWith('Diabetes, w = weights of (bmi, s5, bp).')")
    wait_for(driver, IDLE_JS)
    view = group_view(driver)
    table = dataset_group_table("diabetes", [2, 8])
    want = _at(table, "group", slider_value(driver))["w"]
    scale = max(abs(v) for v in table["ols"])
    assert view["touch"] == pytest.approx(list(want), abs=1e-9 * scale)  # the exact group optimum of that model
    assert view["touch"] != pytest.approx(first["touch"], abs=1e-6)
    assert driver.execute_script(GROUP_TABLE_KEY_JS) == "dataset:diabetes:2,8|en"
    driver.execute_script("document.getElementById('group-plot').scrollIntoView({block: 'center'});")
    driver.save_screenshot(str(SCREENSHOTS / "group-diabetes.png"))
    # closed: another first feature asks nothing (the table stays); opened: the bp, s5 model
    close_details(driver, "group-details")
    choose(driver, "dataset-feature-1", 3)  # bp
    wait_for(driver, "const gd = document.querySelector('#weight-plane .js-plotly-plot');"
                     "return gd && gd._fullLayout.xaxis.title.text.indexOf('bp') >= 0;")  # fmt: skip
    wait_for(driver, IDLE_JS)
    assert driver.execute_script(GROUP_TABLE_KEY_JS) == "dataset:diabetes:2,8|en"
    third = load_names()[dataset_model("diabetes", [3, 8])[1][2]]
    open_details(driver, "group-details")
    view = wait_group_axes(driver, ["w₁ · bp", "w₂ · s5", f"w₃ · {third}"])
    assert driver.execute_script(GROUP_TABLE_KEY_JS) == "dataset:diabetes:3,8|en"
    # back to the synthetic data while open: the fixed loss again
    choose(driver, "dataset-dropdown", "synthetic")
    view = wait_group_axes(driver, ["w₁", "w₂", "w₃"])
    assert view["title"].startswith("A fixed synthetic three-weight loss")
    wait_for(driver, "return document.getElementById('group-text').innerText.startsWith('Synthetic loss.')")


def load_names() -> tuple[str, ...]:
    from geometry.datasets import load_diabetes

    return load_diabetes()[2]
