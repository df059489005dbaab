"""Small layout pieces shared by the panels.

Every Dash component on the page is visited on each update of Dash's store (about fifteen
per λ step), so static text is written as plain strings, not as ``html.Span``/``html.P``
components: a row's title is a bare string that CSS grid lays out as its own cell.
"""

from __future__ import annotations

from dash import html

__all__ = ["control_row", "described_graph"]


def control_row(title: str, control, *more, **kwargs) -> html.Div:
    """Rows of the control panels, each a bold title and its control, as one grid component.

    ``more`` holds further ``title, control`` pairs (one component for several rows); a
    component with the class ``full-row`` spans both columns instead. ``className`` adds classes.
    """
    extra = kwargs.pop("className", "")
    return html.Div(className=f"control-row {extra}".strip(), children=[title, control, *more], **kwargs)


def described_graph(graph, description: str, *, className: str = "", described_by: str | None = None) -> html.Div:
    """A graph in a container that is its text alternative: ``role="img"`` named ``description``
    (plotly's SVG has no words of its own), optionally described by the element ``described_by``
    (e.g. the readout, a live region that says where the touch points are)."""
    aria = {"aria-label": description}
    if described_by:
        aria["aria-describedby"] = described_by
    return html.Div(role="img", className=f"graph-box {className}".strip(), children=graph, **aria)
