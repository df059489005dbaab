"""Minibatch SGD and stability: the L1 and L2 optima of many minibatches as two clouds.

A collapsed ``<details>`` in the side panel (class ``secondary``) with its own weight plane
(``minibatch-plot``, the main plane's axes window ``scene["view"]``), a batch-size slider, a
box for the number of batches, a "new batches" button, a play button and one line of numbers.
Nine components and one store (no wrapper elements).

This module holds the panel's ids, its layout and its callbacks. Each batch is ``b`` of the
current problem's points drawn without replacement; its exact lasso optimum and its ridge
optimum are drawn as two clouds beside the full-data optima (the main plane's touch points):
the model is :func:`components.minibatch_model.minibatch_model`, the figure and the numbers
under it :mod:`components.minibatch_figure`.

λ is the main plane's at rest (``view-store``): in penalized mode the slider's λ for both
clouds; in constrained mode each region's equivalent λ (the λ of its touch point), so that the
full-data optima are the plane's touch points in both modes.

The panel costs nothing while closed: ``assets/minibatch_panel.js`` mirrors the details'
``open`` (Dash's ``html.Details`` does not report toggles), and the clientside gate
``minibatch_panel.gate`` writes ``minibatch-request`` only while the panel is open, when λ at
rest, the data or the panel's controls change; the server (:func:`update_panel`) then computes
the clouds once. Play cycles the highlighted batch (its contours through its two optima) in
the browser from the frames the server put in ``layout.meta``, without a request per frame.
"""

from __future__ import annotations

import math

from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html, no_update
from dash.exceptions import PreventUpdate

from .i18n import normalize_lang, text
from .minibatch_figure import MINIBATCH_TRACE_INDEX, PLOT_HEIGHT, empty_figure, minibatch_figure, minibatch_text
from .minibatch_model import MAX_COUNT, MIN_BATCH, default_batch_size, minibatch_model
from .plot_style import GRAPH_CONFIG
from .problem import ProblemError, check_problem
from .stores import LAB_STATE, SCENE_STORE, VIEW_STORE

__all__ = [
    "MINIBATCH_DETAILS",
    "BATCH_SIZE_SLIDER",
    "MINIBATCH_COUNT",
    "MINIBATCH_RESAMPLE",
    "MINIBATCH_PLAY",
    "MINIBATCH_MESSAGE",
    "MINIBATCH_PLOT",
    "MINIBATCH_TEXT",
    "MINIBATCH_REQUEST",
    "DEFAULT_COUNT",
    "FRAME_MS",
    "SEED_BASE",
    "STRINGS",
    "script_config",
    "layout",
    "update_panel",
    "register_callbacks",
]

MINIBATCH_DETAILS = "minibatch-details"
BATCH_SIZE_SLIDER = "batch-size-slider"
MINIBATCH_COUNT = "minibatch-count"
MINIBATCH_RESAMPLE = "minibatch-resample"
MINIBATCH_PLAY = "minibatch-play"
MINIBATCH_MESSAGE = "minibatch-message"
MINIBATCH_PLOT = "minibatch-plot"
MINIBATCH_TEXT = "minibatch-text"
#: what the server should compute: ``{"view", "batch", "count", "seed", "scene", "n"}``, written
#: by the clientside gate only while the details are open
MINIBATCH_REQUEST = "minibatch-request"

DEFAULT_COUNT = 200
#: milliseconds per highlighted batch while playing
FRAME_MS = 450
#: the default seed of the batches is the "new batches" button's click count plus this
SEED_BASE = 13

STRINGS: dict[str, dict[str, str]] = {
    "minibatch_panel.summary": {
        "en": "Lesson: minibatches — L2 moves smoothly, L1 jumps between corners",
        "zh": "课程：小批量——L2 平滑移动，L1 在角点之间跳跃",
    },
    "minibatch_panel.intro": {
        "en": (
            "Each minibatch is b of the points drawn at random; its loss has ellipses of its own. "
            "Every ◆ is one batch's exact L1 optimum, every ● its L2 optimum, at the lab's λ; the big "
            "markers are the full data's (the touch points of the main plane). Play highlights one batch after another."
        ),
        "zh": (
            "每个小批量是随机抽取的 b 个数据点；它的损失有自己的椭圆。每个 ◆ 是一个批量的精确 L1 最优点，"
            "每个 ● 是它的 L2 最优点，λ 取实验室当前的 λ；大标记是全部数据的最优点（主平面上的切点）。"
            "播放会依次突出显示各个批量。"
        ),
    },
    "minibatch_panel.batch_size": {"en": "Batch size b", "zh": "批量大小 b"},
    "minibatch_panel.count": {"en": "Batches", "zh": "批量数"},
    "minibatch_panel.resample": {"en": "New batches", "zh": "重新抽取"},
    "minibatch_panel.play": {"en": "▶ Play", "zh": "▶ 播放"},
    "minibatch_panel.bad_count": {
        "en": "The number of batches must be a whole number from 1 to {max}; the picture keeps the last batches.",
        "zh": "批量数必须是 1 到 {max} 之间的整数；图中保留上一次的批量。",
    },
    "minibatch_panel.shape_mode": {
        "en": "Loss-shape mode has no data points, so there are no minibatches: switch the data panel to points.",
        "zh": "损失形状模式没有数据点，因此没有小批量：请在数据面板切换到数据点。",
    },
    "minibatch_panel.failed": {
        "en": "The minibatches cannot be drawn: {reason}",
        "zh": "无法绘制小批量：{reason}",
    },
    "minibatch_panel.description": {
        "en": "The weight plane with the L1 and L2 optima of many minibatches as two clouds.",
        "zh": "权重平面上许多小批量的 L1 与 L2 最优点组成的两团点云。",
    },
}


def script_config() -> dict:
    """What ``assets/minibatch_panel.js`` reads from ``lab.config().minibatch``.

    Returns
    -------
    dict
        ``traceIndex`` (:data:`~components.minibatch_figure.MINIBATCH_TRACE_INDEX`) and
        ``frameMs`` (:data:`FRAME_MS`).
    """
    return {"traceIndex": dict(MINIBATCH_TRACE_INDEX), "frameMs": FRAME_MS}


def _seed(clicks) -> int:
    return SEED_BASE + (int(clicks) if isinstance(clicks, (int, float)) and clicks >= 0 else 0)


def layout(page) -> list:
    """The collapsed panel and its request store; the clouds are computed when the panel is
    first opened.

    Parameters
    ----------
    page : authoring.url_state.PageState
        The page being built (its language and state: the batch-size slider's range follows its n points).

    Returns
    -------
    list
        The ``html.Details`` and the ``minibatch-request`` store.
    """
    lang = normalize_lang(getattr(page, "lang", None))
    state = getattr(page, "state", {}) or {}
    n = len((state.get("points") or {}).get("x") or []) if state.get("source") != "shape" else 0
    n_max = max(n, MIN_BATCH + 1)
    return [
        html.Details(
            id=MINIBATCH_DETAILS,
            className="minibatch-panel secondary",
            open=False,
            children=[
                html.Summary(text("minibatch_panel.summary", lang)),
                text("minibatch_panel.intro", lang),
                # no wrapper element (every component costs a little on each λ step): the text
                # nodes' line break is the details' `white-space: pre-line` (lab.css)
                "\n" + text("minibatch_panel.batch_size", lang),
                dcc.Slider(
                    id=BATCH_SIZE_SLIDER,
                    min=MIN_BATCH,
                    max=n_max,
                    step=1,
                    value=default_batch_size(max(n, MIN_BATCH)),
                    marks=None,
                    tooltip={"placement": "bottom", "always_visible": False},
                    className="minibatch-slider",
                ),
                text("minibatch_panel.count", lang) + " ",
                dcc.Input(
                    id=MINIBATCH_COUNT, type="number", min=1, max=MAX_COUNT, step=1,
                    value=DEFAULT_COUNT, className="minibatch-count", debounce=True,
                ),
                html.Button(text("minibatch_panel.resample", lang), id=MINIBATCH_RESAMPLE, n_clicks=0, className="minibatch-button"),
                html.Button(
                    text("minibatch_panel.play", lang), id=MINIBATCH_PLAY, className="minibatch-button",
                    **{"aria-pressed": "false"},
                ),
                html.Span(id=MINIBATCH_MESSAGE, className="minibatch-message", role="alert", children=""),
                dcc.Graph(
                    id=MINIBATCH_PLOT,
                    figure=empty_figure(),
                    config={k: v for k, v in GRAPH_CONFIG.items() if k != "edits"},
                    className="minibatch-plot",
                    responsive=True,
                    style={"height": f"{PLOT_HEIGHT}px"},
                ),
                html.P(id=MINIBATCH_TEXT, className="minibatch-text", **{"aria-live": "polite"}, children=""),
            ],
        ),
        dcc.Store(id=MINIBATCH_REQUEST, data=None),
    ]


def update_panel(request: dict | None, state: dict | None, scene: dict | None):
    """Server callback body (call it directly in tests): the clouds for a gate's request.

    Parameters
    ----------
    request : dict or None
        ``minibatch-request``: ``{"view", "batch", "count", "seed", ...}`` (``seed``: the "new
        batches" button's clicks).
    state, scene : dict or None
        The ``lab-state`` and ``scene-store`` dicts.

    Returns
    -------
    tuple
        ``(figure, text, message, slider max)``. A bad number of batches keeps the picture
        (``no_update``) and says why in the message; loss-shape mode and a problem that cannot
        be drawn get an empty figure saying why, never an error.

    Raises
    ------
    dash.exceptions.PreventUpdate
        No request, state or scene yet.
    """
    if not request or not state or not scene:
        raise PreventUpdate
    lang = normalize_lang(state.get("lang") or scene.get("lang"))
    count = request.get("count")
    if isinstance(count, float) and count.is_integer():
        count = int(count)
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_COUNT:
        return no_update, no_update, text("minibatch_panel.bad_count", lang, max=MAX_COUNT), no_update
    if state.get("source") == "shape":
        message = text("minibatch_panel.shape_mode", lang)
        return empty_figure(message), message, "", no_update
    n = len(state["points"]["x"])
    try:
        check_problem(state)
        batch = request.get("batch")
        batch = int(batch) if isinstance(batch, (int, float)) and math.isfinite(batch) else default_batch_size(n)
        model = minibatch_model(
            state, scene, request.get("view") or {}, batch_size=batch, count=count, seed=_seed(request.get("seed"))
        )
    except (ProblemError, ValueError, KeyError, TypeError) as exc:
        reason = exc.message(lang) if isinstance(exc, ProblemError) else str(exc)
        message = text("minibatch_panel.failed", lang, reason=reason)
        return empty_figure(message), message, "", max(n, MIN_BATCH + 1)
    return minibatch_figure(model, lang=lang), minibatch_text(model, lang=lang), "", max(n, MIN_BATCH + 1)


def register_callbacks(app: Dash) -> None:
    """Register the gate (clientside: a request only while open) and the clouds (server, once
    per request) on ``app``.

    Parameters
    ----------
    app : dash.Dash
    """
    app.clientside_callback(
        ClientsideFunction(namespace="minibatch_panel", function_name="gate"),
        Output(MINIBATCH_REQUEST, "data"),
        Input(VIEW_STORE, "data"),
        Input(MINIBATCH_DETAILS, "open"),
        Input(SCENE_STORE, "data"),
        Input(BATCH_SIZE_SLIDER, "value"),
        Input(MINIBATCH_COUNT, "value"),
        Input(MINIBATCH_RESAMPLE, "n_clicks"),
        State(MINIBATCH_REQUEST, "data"),
    )
    app.callback(
        Output(MINIBATCH_PLOT, "figure"),
        Output(MINIBATCH_TEXT, "children"),
        Output(MINIBATCH_MESSAGE, "children"),
        Output(BATCH_SIZE_SLIDER, "max"),
        Input(MINIBATCH_REQUEST, "data"),
        State(LAB_STATE, "data"),
        State(SCENE_STORE, "data"),
        prevent_initial_call=True,
    )(update_panel)
