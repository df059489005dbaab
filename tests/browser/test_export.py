"""The exported HTML, opened from ``file://`` in headless Chromium with the network off.

The figure must draw from the file alone (plotly.js inline), and each step of its λ slider must
put the touch points where the app puts them at that λ (the Python values of
:func:`components.weight_plane.plane_for`, which the app's pages start from).
"""

from __future__ import annotations

import json
import re
import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from authoring.export import every_other_point, export_bytes, export_figure, slider_steps
from components.problem import default_state
from components.stores import build_scene
from components.view import initial_view
from components.weight_plane import plane_for

from .conftest import wait_for

pytestmark = pytest.mark.browser

VIEW = {**initial_view(), "shown": ["l1", "l2", "en"], "l1_ratio": 0.4}
GD = "document.querySelector('.js-plotly-plot')"
#: the graph has drawn its traces
DRAWN = "document.querySelectorAll('.js-plotly-plot .cartesianlayer .scatterlayer .trace').length >= 7"
#: the touch points (and hover texts) the graph shows now, by uid
READ_TOUCHES = f"""
const gd = {GD};
if (!gd || !gd._fullData) return null;
const out = {{}};
for (const t of gd._fullData) {{
  if (t.uid.endsWith('-touch')) out[t.uid] = {{x: Array.from(t.x || []), y: Array.from(t.y || []), hovertext: t.hovertext}};
  if (t.uid === 'touch-contours') out[t.uid] = {{n: t.x.length}};
}}
return JSON.stringify(out);
"""


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The inline HTML file of VIEW, and the app's traces at each of its slider steps."""
    state = default_state()
    scene = build_scene(state)
    path = tmp_path_factory.mktemp("export") / "lab.html"
    path.write_bytes(export_bytes(state, VIEW, "html"))
    figure = export_figure(state, VIEW, scene=scene)
    app = [plane_for(state, scene, {**VIEW, "slider": s})["data"] for s in slider_steps(VIEW["slider"])]
    return path, figure, app


@pytest.fixture
def offline(driver):
    """The driver with the network cut (restored afterwards: the driver is the session's)."""
    driver.set_network_conditions(offline=True, latency=0, download_throughput=0, upload_throughput=0)
    yield driver
    driver.delete_network_conditions()


def _app_touches(traces: list[dict]) -> dict:
    return {
        t["uid"]: {"x": t["x"], "y": t["y"], "hovertext": t.get("hovertext")}
        for t in traces
        if t["uid"].endswith("-touch") and t.get("visible", True) is not False  # hidden: the p-ball unticked
    }


def _touches(driver) -> dict:
    return json.loads(wait_for(driver, READ_TOUCHES))


def _assert_shows(driver, traces: list[dict]) -> None:
    shown = _touches(driver)
    want = _app_touches(traces)
    for uid, touch in want.items():
        assert shown[uid]["x"] == touch["x"] and shown[uid]["y"] == touch["y"], uid
        assert shown[uid]["hovertext"] in (touch["hovertext"], touch["hovertext"][0]), uid
    contours = next(t for t in traces if t["uid"] == "touch-contours")
    # the file holds the app's contours at every other point (authoring.export.every_other_point)
    assert shown["touch-contours"]["n"] == len(every_other_point(contours["x"]))


def test_the_file_draws_offline_and_each_slider_step_moves_the_touch_points_to_the_app_values(offline, exported):
    driver = offline
    path, figure, app = exported
    driver.get(path.as_uri())
    wait_for(driver, DRAWN)
    assert driver.execute_script("return navigator.onLine") is False
    active = figure["layout"]["sliders"][0]["active"]
    assert wait_for(driver, f"{GD}._fullLayout.sliders[0].active") == active
    _assert_shows(driver, app[active])  # it opens at the view's λ

    names = [frame["name"] for frame in figure["frames"]]
    for k in (0, 7, len(names) - 1, active):
        driver.execute_async_script(
            f"""const done = arguments[arguments.length - 1];
            Plotly.animate({GD}, [{json.dumps(names[k])}],
              {{mode: 'immediate', frame: {{duration: 0, redraw: false}}, transition: {{duration: 0}}}}).then(() => done(true));"""
        )
        _assert_shows(driver, app[k])


def test_clicking_the_slider_rail_moves_to_that_step(offline, exported):
    driver = offline
    path, figure, app = exported
    driver.get(path.as_uri())
    wait_for(driver, "document.querySelector('.slider-rail-touch-rect') !== null")
    start = figure["layout"]["sliders"][0]["active"]
    rail = driver.find_element(By.CSS_SELECTOR, ".slider-rail-touch-rect")
    width = rail.rect["width"]
    ActionChains(driver).move_to_element_with_offset(rail, int(-width / 2 + 0.06 * width), 0).click().perform()
    active = wait_for(driver, f"const a = {GD}._fullLayout.sliders[0].active; return a !== {start} ? String(a) : null")
    active = int(active)
    assert active < start
    label = figure["layout"]["sliders"][0]["steps"][active]["label"]
    wait_for(driver, f"document.querySelector('.slider-group').textContent.includes({json.dumps(label)})")
    _assert_shows(driver, app[active])


def test_a_cdn_page_does_not_draw_offline(offline, tmp_path):
    """The offline condition above is real: the same figure with plotly.js from its CDN stays blank."""
    path = tmp_path / "cdn.html"
    path.write_bytes(export_bytes(default_state(), None, "html", plotlyjs="cdn"))
    offline.get(path.as_uri())
    wait_for(offline, "document.readyState === 'complete'")
    assert offline.execute_script("return typeof window.Plotly") == "undefined"
    assert offline.execute_script(f"return {DRAWN}") is False


def _downloaded(folder, suffix: str, timeout: float = 60.0):
    """The finished file with ``suffix`` Chromium downloads into ``folder`` (polled every 50 ms)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in folder.iterdir() if p.suffix == suffix]
        if done and done[0].stat().st_size > 0:
            return done[0]
        time.sleep(0.05)  # polling the download folder, not a synchronisation sleep
    raise AssertionError(f"no {suffix} file in {folder} after {timeout} s: {list(folder.iterdir())}")


def test_the_panel_buttons_download_the_html_and_an_image(app_server, driver, tmp_path):
    """In the app: the HTML button downloads the interactive page of the view on screen (λ moved
    from the default), the image button a PNG, and the message stays empty."""
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    driver.get(app_server())
    wait_for(driver, "document.querySelector('#weight-plane .js-plotly-plot') && document.getElementById('export-html')")
    box = "document.querySelector('#lambda-input').value"
    before = wait_for(driver, box)
    wait_for(driver, "return !!document.querySelector('#lambda-slider [role=slider]')")  # sliders load lazily
    thumb = driver.find_element(By.CSS_SELECTOR, "#lambda-slider [role=slider]")
    thumb.click()
    thumb.send_keys(Keys.HOME)  # λ to 10⁻³ λ_max; the number box follows once λ rests (view-store)
    wait_for(driver, f"{box} !== {json.dumps(before)} && {box}")
    driver.find_element(By.ID, "export-html").click()
    page = _downloaded(tmp_path, ".html").read_text(encoding="utf-8")
    assert "Plotly.newPlot" in page and '"sliders"' in page
    active = int(re.search(r'"sliders":\[\{"active":(\d+)', page).group(1))
    assert active == 0  # the page's λ, the slider's lowest step
    driver.find_element(By.ID, "export-image").click()
    png = _downloaded(tmp_path, ".png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert driver.find_element(By.ID, "export-message").text == ""
