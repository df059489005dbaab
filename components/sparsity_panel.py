"""Sparsity statistics: how often L1, L2 and the elastic net give exact zeros over many random problems (issue 14)."""

from __future__ import annotations

from dash import Dash

__all__ = ["layout", "register_callbacks"]


def layout(page) -> list:
    """The panel's components for a page (``page``: :class:`authoring.url_state.PageState`)."""
    return []


def register_callbacks(app: Dash) -> None:
    """The panel's callbacks."""
