"""Which regions to show (L1 / L2 / elastic net) and the elastic-net mix l1_ratio."""

from __future__ import annotations

from dash import Dash, Input, Output, dcc, html

from .i18n import text
from .widgets import control_row

__all__ = ["PENALTY_CHECKLIST", "L1_RATIO_SLIDER", "DEFAULT_SHOWN", "layout", "register_callbacks", "ratio_disabled"]

PENALTY_CHECKLIST = "penalty-checklist"
L1_RATIO_SLIDER = "l1-ratio-slider"
DEFAULT_SHOWN = ["l1", "l2"]
DEFAULT_L1_RATIO = 0.5


def layout(view: dict | None = None, *, lang: str = "en") -> html.Div:
    """The "Show" row: the regions' checklist and the elastic-net mix slider (``view``: the
    page's first view, by default the defaults; ``lang``: the page's language)."""
    view = view or {}
    shown = list(view.get("shown", DEFAULT_SHOWN))
    return control_row(
        text("penalty.show", lang),
        dcc.Checklist(
            id=PENALTY_CHECKLIST,
            # plain-text labels (coloured by lab.css): components inside options would be
            # visited on every λ step like any other component
            options=[
                {"label": text("penalty.l1", lang), "value": "l1"},
                {"label": text("penalty.l2", lang), "value": "l2"},
                {"label": text("penalty.en", lang), "value": "en"},
            ],
            value=shown,
            inline=True,
            className="region-checklist",
        ),
        text("penalty.mix", lang),
        dcc.Slider(
            id=L1_RATIO_SLIDER,
            min=0.0,
            max=1.0,
            step=0.05,
            value=view.get("l1_ratio", DEFAULT_L1_RATIO),
            marks={0: text("penalty.mark_ridge", lang), 0.5: "0.5", 1: text("penalty.mark_lasso", lang)},
            updatemode="drag",
            allow_direct_input=False,
            disabled=ratio_disabled(shown),
            className="slider-track ratio-slider",
        ),
        className="penalty-control",
    )


def ratio_disabled(shown) -> bool:
    """The mix slider only does something while the elastic-net region is shown."""
    return "en" not in (shown or [])


def register_callbacks(app: Dash) -> None:
    app.callback(Output(L1_RATIO_SLIDER, "disabled"), Input(PENALTY_CHECKLIST, "value"))(ratio_disabled)
