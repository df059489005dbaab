"""Sparsity statistics: how often L1, L2 and the elastic net give exact zeros over many random problems.

A collapsed ``<details>`` (class ``secondary``) in the side panel: five sliders (number of
problems, dimension d, feature correlation ρ, noise σ, λ/λ_max), a box "use the lab's λ/λ_max",
and one graph (``sparsity-plot``, built by :func:`components.sparsity_figure.sparsity_figure`).
Ten components in all, and nothing runs while the panel is closed:

- Dash's ``html.Details`` does not report the user's toggles, so ``assets/sparsity_panel.js``
  writes its ``open`` property on each ``toggle`` event;
- ``sparsity_panel.gate`` (clientside) writes ``sparsity-request`` only while the panel is open,
  and only when the request changed: a control, the elastic net's mix r, or (with the box
  ticked) λ at rest (``view-store``);
- :func:`update_figure` (server) draws the Monte-Carlo for that request
  (:func:`components.sparsity_model.monte_carlo`: :mod:`geometry.sparsity`, exact optima, zeros
  counted ``== 0.0``).

This module holds the panel's ids, its layout and its callbacks.
"""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from .i18n import normalize_lang, text
from .plot_style import GRAPH_CONFIG
from .sparsity_figure import empty_figure, sparsity_figure
from .sparsity_model import DEFAULTS, check_request, lab_factor, monte_carlo
from .stores import LAB_STATE, SCENE_STORE, VIEW_STORE

__all__ = [
    "SPARSITY_DETAILS",
    "SPARSITY_COUNT",
    "SPARSITY_DIM",
    "SPARSITY_RHO",
    "SPARSITY_NOISE",
    "SPARSITY_LAMBDA",
    "SPARSITY_FOLLOW",
    "SPARSITY_PLOT",
    "SPARSITY_REQUEST",
    "STRINGS",
    "layout",
    "update_figure",
    "register_callbacks",
]

SPARSITY_DETAILS = "sparsity-details"
SPARSITY_COUNT = "sparsity-count"
SPARSITY_DIM = "sparsity-dim"
SPARSITY_RHO = "sparsity-rho"
SPARSITY_NOISE = "sparsity-noise"
SPARSITY_LAMBDA = "sparsity-lambda"
SPARSITY_FOLLOW = "sparsity-follow"
SPARSITY_PLOT = "sparsity-plot"
#: what the server should draw (written by the gate only while the panel is open)
SPARSITY_REQUEST = "sparsity-request"

STRINGS: dict[str, dict[str, str]] = {
    "sparsity_panel.summary": {
        "en": "How often are weights exactly 0? (many random problems)",
        "zh": "权重恰好为 0 的频率有多高？（大量随机问题）",
    },
    "sparsity_panel.hint": {
        "en": (
            "Random regressions with d equicorrelated features (correlation ρ), half of the true weights 0, "
            "noise σ. Each is solved exactly at λ = (λ/λ_max)·its own λ_max for L1, L2 and the elastic net "
            "(the lab's mix r); a weight counts only if it is exactly 0, never merely small."
        ),
        "zh": (
            "随机回归问题：d 个等相关特征（相关系数 ρ），真实权重一半为 0，噪声为 σ。每个问题在 "
            "λ = (λ/λ_max)·其自身的 λ_max 处对 L1、L2 和弹性网络（实验室当前的混合比 r）精确求解；"
            "只有恰好等于 0 的权重才计数，很小的不算。"
        ),
    },
    "sparsity_panel.count": {"en": "Number of problems", "zh": "问题个数"},
    "sparsity_panel.dim": {"en": "Dimension d", "zh": "维数 d"},
    "sparsity_panel.rho": {"en": "Feature correlation ρ", "zh": "特征相关系数 ρ"},
    "sparsity_panel.noise": {"en": "Noise σ", "zh": "噪声 σ"},
    "sparsity_panel.lambda": {"en": "λ/λ_max (log scale)", "zh": "λ/λ_max（对数刻度）"},
    "sparsity_panel.follow": {"en": "use the lab's λ/λ_max", "zh": "使用实验室当前的 λ/λ_max"},
    "sparsity_panel.failed": {
        "en": "These settings cannot be run: {reason}",
        "zh": "无法按这些设置运行：{reason}",
    },
}


def _slider(component_id: str, key: str, marks: dict) -> dcc.Slider:
    lo, hi, step, default = DEFAULTS[key]
    return dcc.Slider(
        id=component_id,
        min=lo,
        max=hi,
        step=step,
        value=default,
        marks=marks,
        updatemode="mouseup",
        allow_direct_input=False,
        className="sparsity-slider",
    )


def layout(page) -> list:
    """The collapsed panel and its request store; nothing is computed until the panel is opened.

    Parameters
    ----------
    page : authoring.url_state.PageState
        The page being built: only its language is read (the controls start at
        :data:`~components.sparsity_model.DEFAULTS`).

    Returns
    -------
    list
        The ``html.Details`` and the ``sparsity-request`` store.
    """
    lang = normalize_lang(getattr(page, "lang", None))
    return [
        html.Details(
            id=SPARSITY_DETAILS,
            className="sparsity-panel secondary",
            open=False,
            children=[
                html.Summary(text("sparsity_panel.summary", lang)),
                text("sparsity_panel.hint", lang) + "\n",
                text("sparsity_panel.count", lang),
                _slider(SPARSITY_COUNT, "count", {10: "10", 500: "500", 1000: "1000", 2000: "2000"}),
                text("sparsity_panel.dim", lang),
                _slider(SPARSITY_DIM, "dim", {2: "2", 5: "5", 10: "10", 15: "15", 20: "20"}),
                text("sparsity_panel.rho", lang),
                _slider(SPARSITY_RHO, "rho", {0: "0", 0.5: "0.5", 0.9: "0.9"}),
                text("sparsity_panel.noise", lang),
                _slider(SPARSITY_NOISE, "noise", {0: "0", 1: "1", 2: "2", 3: "3"}),
                text("sparsity_panel.lambda", lang),
                _slider(SPARSITY_LAMBDA, "lambda", {-3: "0.001", -2: "0.01", -1: "0.1", 0: "1"}),
                dcc.Checklist(
                    id=SPARSITY_FOLLOW,
                    options=[{"label": text("sparsity_panel.follow", lang), "value": "lab"}],
                    value=[],
                    className="sparsity-follow",
                ),
                dcc.Graph(
                    id=SPARSITY_PLOT,
                    figure=empty_figure(),
                    config={key: value for key, value in GRAPH_CONFIG.items() if key != "edits"},
                    className="sparsity-plot",  # its height is the figure's (d = 2 adds a plot below)
                ),
            ],
        ),
        dcc.Store(id=SPARSITY_REQUEST, data=None),
    ]


def update_figure(request: dict | None, scene: dict | None, state: dict | None = None) -> dict:
    """Server callback body (call it directly in tests): the Monte-Carlo figure for a request.

    Parameters
    ----------
    request : dict or None
        ``{"count", "dim", "rho", "noise", "lambda" (log10 λ/λ_max), "l1_ratio", "view"
        (present when the lab's λ is used), "n"}``.
    scene : dict or None
        The ``scene-store`` dict (for the lab's λ).
    state : dict or None
        The ``lab-state`` dict (its language).

    Returns
    -------
    dict
        :func:`components.sparsity_figure.sparsity_figure` of the Monte-Carlo; settings that
        cannot be run give an empty figure saying why, never an error.

    Raises
    ------
    dash.exceptions.PreventUpdate
        No request yet.
    """
    if not request:
        raise PreventUpdate
    lang = normalize_lang((state or {}).get("lang") or (scene or {}).get("lang"))
    try:
        settings = check_request(request)
        if request.get("view") is not None and scene:
            factor = lab_factor(scene, request["view"])
        else:
            factor = 10.0 ** settings["lambda"]
        study, seconds, now = monte_carlo(
            settings["count"],
            settings["dim"],
            rho=settings["rho"],
            noise=settings["noise"],
            factor=factor,
            l1_ratio=settings["l1_ratio"],
        )
        return sparsity_figure(study, seconds=seconds, now=now, lang=lang)
    except (ValueError, KeyError, TypeError) as exc:
        return empty_figure(text("sparsity_panel.failed", lang, reason=str(exc)))


def register_callbacks(app: Dash) -> None:
    """Register the gate (clientside: a request only while open and only when it changed) and
    the figure (server) on ``app``.

    Parameters
    ----------
    app : dash.Dash
    """
    app.clientside_callback(
        ClientsideFunction(namespace="sparsity_panel", function_name="gate"),
        Output(SPARSITY_REQUEST, "data"),
        Input(SPARSITY_DETAILS, "open"),
        Input(SPARSITY_COUNT, "value"),
        Input(SPARSITY_DIM, "value"),
        Input(SPARSITY_RHO, "value"),
        Input(SPARSITY_NOISE, "value"),
        Input(SPARSITY_LAMBDA, "value"),
        Input(SPARSITY_FOLLOW, "value"),
        Input(VIEW_STORE, "data"),
        Input(SCENE_STORE, "data"),
        State(SPARSITY_REQUEST, "data"),
    )
    app.callback(
        Output(SPARSITY_PLOT, "figure"),
        Input(SPARSITY_REQUEST, "data"),
        State(SCENE_STORE, "data"),
        State(LAB_STATE, "data"),
        prevent_initial_call=True,
    )(update_figure)
