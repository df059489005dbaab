"""Three weights, rotatable: the loss ellipsoid touching the octahedron, the sphere and the group-norm cone (issue 14)."""

from __future__ import annotations

from dash import Dash

__all__ = ["layout", "register_callbacks"]


def layout(page) -> list:
    """The panel's components for a page (``page``: :class:`authoring.url_state.PageState`)."""
    return []


def register_callbacks(app: Dash) -> None:
    """The panel's callbacks."""
