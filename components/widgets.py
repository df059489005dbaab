"""Small layout pieces shared by the panels."""

from __future__ import annotations

from dash import html

__all__ = ["control_row"]


def control_row(title: str, *controls, **kwargs) -> html.Div:
    """A row of the control panels: a bold title, then its control(s)."""
    return html.Div(
        className="control-row", children=[html.Span(title, className="control-title"), *controls], **kwargs
    )
