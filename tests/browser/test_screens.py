"""The page on five screens (phone, tablet, projector, laptop, a 150 %-zoomed desktop) and what
a screen reader gets: no horizontal scroll anywhere, the plane with the λ slider (and on a
projector the readout's sentence) on the first screen, names for every slider and the λ box,
text alternatives for the graphs, the page's language, no "Share chart" in the modebar."""

from __future__ import annotations

import pytest

from .conftest import wait_for
from .test_lab import SETTLED_JS

pytestmark = pytest.mark.browser

#: name: (CSS width, CSS height, device pixels per CSS pixel, phone or tablet with touch)
SCREENS = {
    "phone-390x844": (390, 844, 3, True),
    "tablet-820x1180": (820, 1180, 2, True),
    "projector-1024x768": (1024, 768, 1, False),
    "laptop-1280x800": (1280, 800, 1, False),
    "desktop-1920x1080-zoom150": (1280, 720, 1.5, False),  # 1920x1080 at 150 %: 1280x720 CSS pixels
}

# Bounding boxes (CSS pixels, relative to the viewport at scroll 0) of what must be seen.
BOXES_JS = """
const box = s => { const e = document.querySelector(s); if (!e) { return null; }
  const b = e.getBoundingClientRect(); return {left: b.left, top: b.top, right: b.right, bottom: b.bottom}; };
const se = document.scrollingElement;
return {scrollWidth: se.scrollWidth, clientWidth: se.clientWidth, width: innerWidth, height: innerHeight,
        plot: box('#weight-plane .nsewdrag'), thumb: box('#lambda-slider [role=slider]'),
        explanation: box('#readout-explanation'), table: box('.readout-table'), readout: box('#readout-body')};
"""


@pytest.fixture(scope="module")
def url(app_server) -> str:
    return app_server()


@pytest.fixture
def screen(driver, url, request):
    """The lab loaded on an emulated screen; the normal window again afterwards."""
    width, height, scale, touch = SCREENS[request.param]
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": touch},
    )
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": touch})
    try:
        driver.get(url)
        wait_for(driver, SETTLED_JS, timeout=60)
        driver.execute_script("window.scrollTo(0, 0);")
        yield driver, request.param
    finally:
        driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def inside(box: dict, width: float, height: float) -> bool:
    return box is not None and box["left"] >= 0 and box["top"] >= 0 and box["right"] <= width and box["bottom"] <= height


@pytest.mark.parametrize("screen", list(SCREENS), indirect=True)
def test_no_horizontal_scroll_and_the_plane_and_slider_on_the_first_screen(screen):
    driver, name = screen
    boxes = driver.execute_script(BOXES_JS)
    width, height = boxes["width"], boxes["height"]
    assert (width, height) == SCREENS[name][:2]
    assert boxes["scrollWidth"] <= boxes["clientWidth"], f"the page scrolls sideways: {boxes}"
    assert inside(boxes["plot"], width, height), f"the plane's plot area is off the first screen: {boxes}"
    assert inside(boxes["thumb"], width, height), f"the λ slider is off the first screen: {boxes}"
    # the readout's table never widens the page: at most its own box scrolls
    assert boxes["readout"]["right"] <= width


@pytest.mark.parametrize("screen", ["projector-1024x768"], indirect=True)
def test_projector_shows_plane_slider_and_readout_sentence_together(screen):
    driver, _ = screen
    boxes = driver.execute_script(BOXES_JS)
    for part in ("plot", "thumb", "explanation"):
        assert inside(boxes[part], 1024, 768), f"{part} is not on the first screen: {boxes}"
    assert boxes["table"]["right"] <= boxes["readout"]["right"] + 0.5, "the readout's table is clipped"


@pytest.fixture(scope="module")
def page(driver, url):
    driver.get(url)
    wait_for(driver, SETTLED_JS, timeout=60)
    return driver


# The accessible name of an element as ARIA computes it from aria-labelledby / aria-label / a
# <label> (enough for the elements checked here).
NAME_JS = """
const name = e => {
  const by = e.getAttribute('aria-labelledby');
  if (by) { return by.split(/\\s+/).map(id => (document.getElementById(id) || {}).textContent || '').join(' ').trim(); }
  if (e.getAttribute('aria-label')) { return e.getAttribute('aria-label').trim(); }
  if (e.labels && e.labels.length) { return [...e.labels].map(l => l.textContent).join(' ').trim(); }
  return '';
};
"""


def test_page_has_a_language(page):
    assert page.execute_script("return document.documentElement.lang") == "en"


def test_lambda_box_has_a_label_that_names_it(page):
    name = page.execute_script(NAME_JS + "return name(document.getElementById('lambda-input'));")
    assert name.startswith("λ = ")


def test_graphs_have_text_alternatives(page):
    alternatives = page.execute_script(
        NAME_JS
        + "return ['weight-plane', 'data-plot'].map(id => { const box = document.getElementById(id).closest('[role=img]');"
        "  return box ? name(box) : ''; });"
    )
    assert all(len(text) > 40 for text in alternatives), alternatives


def test_modebar_offers_no_share_chart(page):
    titles = page.execute_script(
        "document.querySelectorAll('.js-plotly-plot').forEach(gd => gd.dispatchEvent(new MouseEvent('mouseover')));"
        "return [...document.querySelectorAll('.modebar-btn')].map(b => b.getAttribute('data-title'));"
    )
    assert titles, "no modebar buttons found"
    assert not [t for t in titles if "share" in t.lower() or "cloud" in t.lower() or "chart studio" in t.lower()], titles



def test_every_slider_thumb_has_an_accessible_name(page):
    # Dash draws the sliders lazily; the page names them once they are there
    script = NAME_JS + "const names = [...document.querySelectorAll('[role=slider]')].map(name);"
    try:
        wait_for(page, script + "return names.length >= 2 && names.every(Boolean);", timeout=15)
    finally:
        names = page.execute_script(script + "return names;")
    assert len(names) >= 2 and all(names), names


def test_lambda_slider_value_is_read_as_lambda(page):
    text = page.execute_script("return document.querySelector('#lambda-slider [role=slider]').getAttribute('aria-valuetext');")
    assert text and (text.startswith("λ =") or text.startswith("t ="))


# The plane's y title and its tick labels, as drawn: the title's box must clear every label's.
TITLE_CLEARS_TICKS_JS = """
const gd = document.querySelector('#weight-plane .js-plotly-plot');
const title = gd.querySelector('.g-ytitle text').getBoundingClientRect();
const ticks = [...gd.querySelectorAll('.ytick text')].map(t => t.getBoundingClientRect());
return {title: title.right, ticks: Math.min(...ticks.map(t => t.left)), labels: ticks.length,
        text: [...gd.querySelectorAll('.ytick text')].map(t => t.textContent)};
"""


def test_the_y_title_clears_tick_labels_at_a_small_scale(driver, url):
    """Data whose weights are about 1e-4: plotly labels the ticks −300μ … 300μ (or −0.0003)."""
    driver.set_window_size(1500, 1100)
    driver.get(url)
    wait_for(driver, SETTLED_JS, timeout=60)
    driver.execute_script(
        "const set = (id, value) => window.dash_clientside.set_props(id, {value: value});"
        "set('generator-w1', 0.0003); set('generator-w2', 0.0002); set('generator-noise', 0.0001);"
        "set('generator-seed', 5);"
    )
    driver.find_element("css selector", "details.generator summary").click()
    driver.find_element("id", "resample-button").click()
    wait_for(driver, "return [...document.querySelectorAll('#weight-plane .ytick text')]"
                     ".some(t => /μ|0\\.000/.test(t.textContent));", timeout=30)
    box = driver.execute_script(TITLE_CLEARS_TICKS_JS)
    assert box["labels"] >= 3 and box["title"] <= box["ticks"], box
