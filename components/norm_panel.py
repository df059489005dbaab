"""The norm family: L1, L2, elastic net and p-norm balls with their touch points (issue 14)."""

from __future__ import annotations

from dash import Dash

__all__ = ["layout", "register_callbacks"]


def layout(page) -> list:
    """The panel's components for a page (``page``: :class:`authoring.url_state.PageState`)."""
    return []


def register_callbacks(app: Dash) -> None:
    """The panel's callbacks."""
