"""HTML legends for the two graphs.

Plotly redraws its own legend on every update, which costs more than the rest of the weight
plane; these static legends cost nothing while λ is dragged. Region colours come from
:data:`components.weight_plane.REGION_STYLE` (the checkboxes above the plane double as the
region legend).
"""

from __future__ import annotations

from dash import html

from .weight_plane import CONTOUR_COLOR, OLS_COLOR, REGION_KEYS, REGION_STYLE

__all__ = ["weight_plane_legend", "data_legend"]


def _item(swatch: html.Span, text: str) -> html.Span:
    return html.Span([swatch, html.Span(text)], className="legend-item")


def _line(color: str, dash: str = "solid", width: int = 3) -> html.Span:
    return html.Span(className="legend-line", style={"borderTop": f"{width}px {dash} {color}"})


def weight_plane_legend() -> html.Div:
    l1, l2 = REGION_STYLE["l1"]["color"], REGION_STYLE["l2"]["color"]
    return html.Div(
        className="legend",
        children=[
            _item(_line(CONTOUR_COLOR, width=2), "loss contours J0"),
            _item(html.Span("×", className="legend-mark", style={"color": OLS_COLOR}), "OLS optimum (λ = 0)"),
            _item(html.Span("●", className="legend-mark", style={"color": l1}), "touch point = regularized optimum"),
            _item(_line(l2, "dotted"), "contour through a touch point"),
            _item(html.Span("◆", className="legend-mark", style={"color": l1}), "region ‖w‖ ≤ t"),
        ],
    )


def data_legend() -> html.Div:
    items = [
        _item(html.Span("●", className="legend-mark", style={"color": "#343a40"}), "data"),
        _item(_line("#212529", "dashed", 2), "OLS fit"),
    ]
    for region, style in REGION_STYLE.items():
        items.append(
            html.Span(
                [_line(style["color"]), html.Span(f"{style['name']} fit")],
                className="legend-item",
                id=f"data-legend-{REGION_KEYS[region]}",
            )
        )
    return html.Div(className="legend", children=items)
