"""The 1-D kink panel: F(x) = f(x) + λ|x| beside f(x) + λx², with the one-sided slopes at 0.

A collapsed ``<details>`` in the side panel (it costs nothing while closed). f is the current
problem along one weight, J0 with the other weight held at the lasso optimum's value (the 1-D
L1 minimiser is then exactly that optimum's coordinate, the L1 touch point of the plane), or a
parabola a(x − c)² the user sets. λ is the lab's λ: the slider's λ in penalized mode, and in
constrained mode the lasso's λ for the budget t (the equivalent λ of the L1 touch point), so
that the L1 minimiser is the plane's L1 touch coordinate in both modes.

This module holds the panel's ids, its layout and its callback; the figure is built by
:mod:`components.kink_figure`, the sentences under it by :mod:`components.kink_sentences`. The
server draws the first figure (:func:`~components.kink_figure.kink_figure` of
:func:`~components.kink_figure.kink_model`); the browser follows λ, the data and the panel's
own controls with the clientside callback ``kink_panel.follow`` (``assets/kink_panel.js``, the
same model, data and sentences, checked against those two modules under Node), and only while
the panel is open: a closed panel returns ``no_update``, and on opening the script draws the
latest state once.
"""

from __future__ import annotations

import json

from dash import ClientsideFunction, Dash, Input, Output, dcc, html

from . import i18n
from .i18n import normalize_lang, text
from .kink_figure import (
    CURVE_SAMPLES,
    DEFAULT_A,
    DEFAULT_C,
    KINK_SOURCES,
    KINK_TRACE_INDEX,
    PLOT_ASPECT,
    SEGMENT_LENGTH,
    kink_figure,
    kink_model,
)
from .kink_sentences import kink_text, strings_for
from .plot_style import GRAPH_CONFIG
from .problem import ProblemError
from .stores import CURRENT_VIEW, SCENE_STORE, build_scene

__all__ = [
    "KINK_DETAILS",
    "KINK_SOURCE",
    "KINK_A",
    "KINK_C",
    "KINK_MESSAGE",
    "KINK_PLOT",
    "KINK_TEXT",
    "STRINGS",
    "script_config",
    "layout",
    "register_callbacks",
]

KINK_DETAILS = "kink-details"
KINK_SOURCE = "kink-source"
KINK_A = "kink-a"
KINK_C = "kink-c"
KINK_MESSAGE = "kink-message"
KINK_PLOT = "kink-plot"
KINK_TEXT = "kink-text"

STRINGS: dict[str, dict[str, str]] = {
    "kink_panel.summary": {
        "en": "Lesson: why L1 gives exact zeros (the kink at 0)",
        "zh": "课程：为什么 L1 给出恰好为 0 的权重（0 处的尖点）",
    },
    "kink_panel.intro": {
        "en": "One weight at a time: F(x) = f(x) + λ|x| (L1) beside f(x) + λx² (L2), with the lab's λ.",
        "zh": "每次只看一个权重：F(x) = f(x) + λ|x|（L1）与 f(x) + λx²（L2）对比，λ 取实验室当前的 λ。",
    },
    "kink_panel.source": {"en": "f(x) is", "zh": "f(x) 取"},
    "kink_panel.source_w1": {"en": "J0 along w₁", "zh": "J0 沿 w₁"},
    "kink_panel.source_w2": {"en": "J0 along w₂", "zh": "J0 沿 w₂"},
    "kink_panel.source_parabola": {"en": "a parabola a(x − c)²", "zh": "抛物线 a(x − c)²"},
    "kink_panel.description": {
        "en": "The 1-D objectives f(x) + λ|x| and f(x) + λx² with their minimisers and the slopes at 0.",
        "zh": "一维目标 f(x) + λ|x| 与 f(x) + λx²，标出各自的最小点和 0 处的斜率。",
    },
}


def script_config() -> dict:
    """What ``assets/kink_panel.js`` reads from ``lab.config().kink``.

    Returns
    -------
    dict
        ``traceIndex`` (:data:`~components.kink_figure.KINK_TRACE_INDEX`), ``samples`` (points
        per curve), ``segment`` (the tangent lines' length) and ``aspect`` (the plot's assumed
        width / height).
    """
    return {
        "traceIndex": dict(KINK_TRACE_INDEX),
        "samples": CURVE_SAMPLES,
        "segment": SEGMENT_LENGTH,
        "aspect": PLOT_ASPECT,
    }


def layout(page) -> list:
    """The collapsed panel, drawn for the page's state and view.

    Parameters
    ----------
    page : authoring.url_state.PageState
        The page being built (its language, state and view).

    Returns
    -------
    list
        One ``html.Details``; f is along w₂ if the lasso sets w₂ (and not w₁) to 0 there, else
        along w₁. A page whose problem cannot be drawn gets an empty figure (the browser draws
        the panel from the first scene).
    """
    lang = normalize_lang(getattr(page, "lang", i18n.DEFAULT_LANG))
    state = {**page.state, "lang": lang}
    source = "w1"
    try:
        scene = build_scene(state, plane_only=True)
        model = kink_model(scene, page.view, "w1")
        if model["touch"][1] == 0 and model["touch"][0] != 0:  # open on the weight the lasso sets to 0
            source = "w2"
            model = kink_model(scene, page.view, source)
        figure, sentences = kink_figure(model, lang=lang), kink_text(model, lang=lang)
    except (ProblemError, ValueError):  # a page whose problem cannot be drawn: the panel waits for a scene
        figure, sentences = {"data": [], "layout": {}}, ""
    options = [{"label": text(f"kink_panel.source_{key}", lang), "value": key} for key in KINK_SOURCES]
    return [
        html.Details(
            id=KINK_DETAILS,
            className="kink-panel",
            open=False,
            **{"data-strings": json.dumps(strings_for(lang), ensure_ascii=False)},
            children=[
                html.Summary(text("kink_panel.summary", lang)),
                text("kink_panel.intro", lang),
                html.Div(
                    className="kink-controls",
                    children=[
                        text("kink_panel.source", lang),
                        dcc.RadioItems(id=KINK_SOURCE, options=options, value=source, inline=True, className="kink-source"),
                        html.Div(
                            className="kink-parabola",
                            children=[
                                "a =",
                                dcc.Input(id=KINK_A, type="number", value=DEFAULT_A, step="any", className="kink-number"),
                                "c =",
                                dcc.Input(id=KINK_C, type="number", value=DEFAULT_C, step="any", className="kink-number"),
                            ],
                        ),
                        html.Span(id=KINK_MESSAGE, className="kink-message", role="alert", children=""),
                    ],
                ),
                html.Div(
                    role="img",
                    className="kink-box",
                    **{"aria-label": text("kink_panel.description", lang), "aria-describedby": KINK_TEXT},
                    children=dcc.Graph(id=KINK_PLOT, figure=figure, config=GRAPH_CONFIG, className="kink-plot"),
                ),
                html.P(id=KINK_TEXT, className="kink-text", **{"aria-live": "polite"}, children=sentences),
            ],
        )
    ]


def register_callbacks(app: Dash) -> None:
    """Register ``kink_panel.follow`` (clientside) on ``app``.

    The figure, its sentences and the parabola's message follow λ (each step the plane has
    drawn), the data and the panel's controls, in the browser, while the panel is open.

    Parameters
    ----------
    app : dash.Dash
    """
    app.clientside_callback(
        ClientsideFunction(namespace="kink_panel", function_name="follow"),
        Output(KINK_PLOT, "figure"),
        Output(KINK_TEXT, "children"),
        Output(KINK_MESSAGE, "children"),
        Input(CURRENT_VIEW, "data"),
        Input(SCENE_STORE, "data"),
        Input(KINK_SOURCE, "value"),
        Input(KINK_A, "value"),
        Input(KINK_C, "value"),
        prevent_initial_call=True,
    )
