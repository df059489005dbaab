"""Which regions to show (L1 / L2 / elastic net / p-norm ball), the elastic-net mix l1_ratio and
the p-norm ball's p.

The p-norm ball on the weight plane is drawn in constrained form with the diamond's intercept
(the L1 touch point's ||w||_1 in penalized mode, the slider's t in constrained mode), so at
p = 1 it is the diamond; its touch point is the global minimiser of J0 over the ball, also for
the non-convex p < 1.
"""

from __future__ import annotations

from dash import Dash, Input, Output, dcc, html

from .i18n import text
from .widgets import control_row

__all__ = [
    "PENALTY_CHECKLIST",
    "L1_RATIO_SLIDER",
    "P_NORM_SLIDER",
    "DEFAULT_SHOWN",
    "DEFAULT_L1_RATIO",
    "P_MIN",
    "P_MAX",
    "DEFAULT_P",
    "layout",
    "register_callbacks",
    "ratio_disabled",
    "p_disabled",
    "STRINGS",
]

PENALTY_CHECKLIST = "penalty-checklist"
L1_RATIO_SLIDER = "l1-ratio-slider"
DEFAULT_SHOWN = ["l1", "l2"]
DEFAULT_L1_RATIO = 0.5
P_NORM_SLIDER = "plane-p-slider"
#: the p-norm ball's exponent: its range (the plane and the norm-family panel) and first value
P_MIN, P_MAX, DEFAULT_P = 0.3, 4.0, 0.5
P_MARKS = {0.3: "0.3", 1: "1", 2: "2", 3: "3", 4: "4"}

#: this module's strings, keyed as the string table's (:func:`components.i18n.text`)
STRINGS: dict[str, dict[str, str]] = {
    "penalty.show": {"en": "Show", "zh": "显示"},
    "penalty.l1": {"en": "L1 diamond", "zh": "L1 菱形"},
    "penalty.l2": {"en": "L2 circle", "zh": "L2 圆"},
    "penalty.en": {"en": "Elastic net", "zh": "弹性网络"},
    "penalty.lp": {"en": "p-norm ball", "zh": "p 范数球"},
    "penalty.p": {"en": "p (p-norm ball)", "zh": "p（p 范数球）"},
    "penalty.mix": {"en": "Elastic-net mix r (l1_ratio)", "zh": "弹性网络混合比 r（l1_ratio）"},
    "penalty.mark_ridge": {"en": "0 (ridge)", "zh": "0（岭回归）"},
    "penalty.mark_lasso": {"en": "1 (lasso)", "zh": "1（Lasso）"},
}


def layout(view: dict | None = None, *, lang: str = "en") -> html.Div:
    """The "Show" row: the regions' checklist, the elastic-net mix slider and the p slider, each
    slider shown while its region is ticked (``view``: the page's first view, by default the
    defaults; ``lang``: the page's language)."""
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
                {"label": text("penalty.lp", lang), "value": "lp"},
            ],
            value=shown,
            inline=True,
            className="region-checklist",
        ),
        # the two sliders (and their titles) show only while their region is ticked (lab.css)
        html.Span(text("penalty.mix", lang), className="ratio-title"),
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
        html.Span(text("penalty.p", lang), className="p-title"),
        dcc.Slider(
            id=P_NORM_SLIDER,
            min=P_MIN,
            max=P_MAX,
            step=0.05,
            value=view.get("p", DEFAULT_P),
            marks=P_MARKS,
            updatemode="drag",
            allow_direct_input=False,
            disabled=p_disabled(shown),
            className="slider-track p-slider",
        ),
        className="penalty-control",
    )


def ratio_disabled(shown) -> bool:
    """The mix slider only does something while the elastic-net region is shown."""
    return "en" not in (shown or [])


def p_disabled(shown) -> bool:
    """The p slider only does something while the p-norm ball is shown."""
    return "lp" not in (shown or [])


def register_callbacks(app: Dash) -> None:
    app.callback(Output(L1_RATIO_SLIDER, "disabled"), Input(PENALTY_CHECKLIST, "value"))(ratio_disabled)
    app.callback(Output(P_NORM_SLIDER, "disabled"), Input(PENALTY_CHECKLIST, "value"))(p_disabled)
