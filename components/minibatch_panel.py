"""Minibatch SGD and stability: the L1 and L2 optima of many minibatches as two clouds (issue 13)."""

from __future__ import annotations

from dash import Dash

__all__ = ["layout", "register_callbacks"]


def layout(page) -> list:
    """The panel's components for a page (``page``: :class:`authoring.url_state.PageState`)."""
    return []


def register_callbacks(app: Dash) -> None:
    """The panel's callbacks."""
