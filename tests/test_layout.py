"""The page's component tree: the ids the issue names, and few components overall."""

from __future__ import annotations

import pytest
from dash.exceptions import PreventUpdate

import app
from components import readout, stores
from components.problem import default_state
from components.view import initial_view, view_with_defaults
from components.widgets import control_row


def _components(node) -> list:
    """Every Dash component in a layout, including those inside options' labels."""
    if not hasattr(node, "_type"):
        return []
    found = [node]
    children = getattr(node, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        found += _components(child)
    for option in getattr(node, "options", None) or []:
        if isinstance(option, dict):
            found += _components(option.get("label"))
    return found


@pytest.fixture(scope="module")
def page() -> list:
    return _components(app.serve_layout())


def test_page_has_every_named_id_once(page):
    ids = [c.id for c in page if getattr(c, "id", None)]
    assert len(ids) == len(set(ids))
    named = {
        "weight-plane", "lambda-slider", "lambda-input", "mode-toggle", "l1-ratio-slider", "data-plot",
        "basis-dropdown", "resample-button", "readout", "scene-store",
    }  # fmt: skip
    assert named <= set(ids)


def test_page_stays_small(page):
    # Dash visits every component on each of the ~15 store updates of a λ step: one-off
    # measurement (2026-11-26) of the floor app with 100 / 300 extra empty divs, +4.4 / +10.4 ms
    # per key-step on a 13 ms floor. So static text is plain strings, and tables and legends
    # are one Markdown each. 60 before the panels of issues 13–15; 148 with them (share,
    # classroom, export, code, data set, and eight lessons in closed <details>), where the λ
    # step measured 1.14 × the floor (0.97 at 96 components; docs/performance.md). 151 with the
    # p-norm ball's slider and the two slider titles that hide with their sliders. A new panel
    # brings its own measurement.
    assert len(page) <= 152


def test_control_row_puts_titles_as_plain_text_cells():
    row = control_row("A", "control-a", "B", "control-b", className="extra")
    assert row.children == ["A", "control-a", "B", "control-b"]
    assert row.className == "control-row extra"


def test_readout_waits_for_a_scene():
    view = initial_view()
    with pytest.raises(PreventUpdate):
        readout.update_readout(view, None)
    html = readout.update_readout(view, stores.build_scene(default_state()))
    assert html.count('id="readout-explanation"') == 1


def test_view_with_defaults_fills_in_missing_keys_and_keeps_the_rest():
    first = initial_view()
    assert view_with_defaults({"shown": first["shown"]}) == first
    assert view_with_defaults(first) == first
    partial = view_with_defaults({"slider": -1, "mode": "constrained", "shown": ("l2",), "l1_ratio": 0.25})
    assert partial == {"slider": -1.0, "mode": "constrained", "shown": ["l2"], "l1_ratio": 0.25, "p": 0.5, "keep": "value"}
    # a p outside the slider's range (or not a number) is the default
    assert view_with_defaults({"p": 0.1})["p"] == view_with_defaults({"p": "2"})["p"] == 0.5
    assert view_with_defaults({"p": 4})["p"] == 4.0
    kept = view_with_defaults({**partial, "value": 3, "keep": "ratio"})
    assert kept["value"] == 3.0 and kept["keep"] == "ratio"
    assert view_with_defaults({**partial, "keep": "bogus"})["keep"] == "value"
    assert isinstance(partial["slider"], float)
