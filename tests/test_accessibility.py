"""What the page offers beyond colour and pointer: contrast of the regions' text and lines,
shapes that tell the regions apart, names for the controls and graphs, the page's language,
and no button that sends a chart to a cloud service. Checked on the page's source (CSS, layout,
figure); tests/browser/test_screens.py checks the rendered page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import app
from components import lambda_control, legend, weight_plane
from components.plot_style import CONTOUR_COLOR, GRAPH_CONFIG, REGION_STYLE
from tests.test_layout import _components

CSS = (Path(__file__).resolve().parents[1] / "assets" / "lab.css").read_text()


def css_var(name: str) -> str:
    match = re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}})\s*;", CSS)
    assert match, f"--{name} is not a #rrggbb colour in lab.css"
    return match.group(1)


def relative_luminance(color: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour ``#rrggbb``."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio (L1 + 0.05) / (L2 + 0.05), lighter over darker."""
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_on_known_pairs():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic "just fails" grey
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)


@pytest.mark.parametrize("key", ["l1", "l2", "en"])
@pytest.mark.parametrize("background", ["panel", "page"])
def test_region_text_colours_reach_4_5_to_1(key, background):
    assert contrast(css_var(key), css_var(background)) >= 4.5


def test_css_region_colours_are_the_plots_colours():
    css = {"l1": css_var("l1"), "l2": css_var("l2"), "elasticnet": css_var("en")}
    assert css == {region: style["color"] for region, style in REGION_STYLE.items()}


def test_background_contours_reach_3_to_1_on_the_plot():
    assert re.fullmatch(r"#[0-9a-fA-F]{6}", CONTOUR_COLOR), "an opaque colour, so its contrast is what is drawn"
    assert contrast(CONTOUR_COLOR, "#ffffff") >= 3.0


def test_regions_differ_by_marker_symbol_and_line_dash_too():
    symbols = [style["symbol"] for style in REGION_STYLE.values()]
    dashes = [style["dash"] for style in REGION_STYLE.values()]
    assert len(set(symbols)) == len(symbols) == 3
    assert len(set(dashes)) == len(dashes) == 3


def test_plane_legend_shows_each_regions_symbol_and_dash():
    html = legend.weight_plane_legend().children
    for style in REGION_STYLE.values():
        assert style["mark"] in html and style["name"] in html
    assert 'stroke-dasharray="9,9"' in html and 'stroke-dasharray="9,3,3,3"' in html  # plotly's dash, dashdot


def test_graph_config_sends_nothing_to_a_cloud():
    assert GRAPH_CONFIG["showSendToCloud"] is False
    assert GRAPH_CONFIG["showEditInChartStudio"] is False
    assert "sendDataToCloud" in GRAPH_CONFIG["modeBarButtonsToRemove"]


def test_page_declares_its_language_and_a_device_width_viewport():
    assert '<html lang="en">' in app.app.index_string
    metas = app.app.config.meta_tags
    assert {"name": "viewport", "content": "width=device-width, initial-scale=1"} in metas


@pytest.fixture(scope="module")
def page() -> list:
    return _components(app.serve_layout())


def test_lambda_box_has_a_label(page):
    labels = [c for c in page if type(c).__name__ == "Label" and getattr(c, "htmlFor", None) == lambda_control.LAMBDA_INPUT]
    assert len(labels) == 1


def test_both_graphs_have_a_text_alternative(page):
    def container_of(graph_id):
        return next(c for c in page if getattr(getattr(c, "children", None), "id", None) == graph_id)

    for graph_id in (weight_plane.WEIGHT_PLANE, "data-plot"):
        box = container_of(graph_id)
        assert box.role == "img"
        assert len(getattr(box, "aria-label")) > 40
