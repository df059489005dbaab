"""Minibatch SGD and stability: the L1 and L2 optima of many minibatches as two clouds (issue 13).

A collapsed ``<details>`` in the side panel (class ``secondary``) with its own weight plane
(``minibatch-plot``, the main plane's axes window ``scene["view"]``), a batch-size slider, a
box for the number of batches, a "new batches" button, a play button and one line of numbers.
Nine components and one store (no wrapper elements).

Each batch is ``b`` of the current problem's points drawn without replacement
(:func:`geometry.minibatch.minibatch_optima`); its exact lasso optimum and its ridge optimum
are drawn as two clouds (``minibatch-l1-cloud``, ``minibatch-l2-cloud``) beside the full-data
optima (``minibatch-full-l1``, ``minibatch-full-l2``: the main plane's touch points). The
numbers under the figure (their spread, the mean distance to the full-data optimum, the
share of L1 optima on each axis, at 0 and off the axes, counted by exact zeros) are computed
from exactly the optima the clouds draw.

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

import numpy as np
from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html, no_update
from dash.exceptions import PreventUpdate

from geometry import QuadraticLoss
from geometry.contours import contour_curve
from geometry.minibatch import cloud_spread, corner_shares, mean_distance, minibatch_optima
from geometry.regions import region_boundary

from .formatting import format_number
from .i18n import normalize_lang, text
from .plane_traces import touches_for_view
from .plot_style import FAST_AXIS, GRAPH_CONFIG, PLOT_LOOK, REGION_STYLE, blank_figure
from .problem import ProblemError, check_problem, design_for_state
from .stores import LAB_STATE, SCENE_STORE, VIEW_STORE
from .view import view_with_defaults

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
    "MINIBATCH_TRACE_UIDS",
    "MINIBATCH_TRACE_INDEX",
    "DEFAULT_COUNT",
    "MAX_COUNT",
    "MIN_BATCH",
    "PLAY_FRAMES",
    "FAINT_BATCHES",
    "FRAME_MS",
    "STRINGS",
    "default_batch_size",
    "minibatch_model",
    "minibatch_figure",
    "minibatch_text",
    "empty_figure",
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

#: the figure's traces in drawing order
MINIBATCH_TRACE_UIDS: tuple[str, ...] = (
    "minibatch-l1-region",
    "minibatch-l2-region",
    "minibatch-ellipses",
    "minibatch-highlight",
    "minibatch-l2-cloud",
    "minibatch-l1-cloud",
    "minibatch-highlight-points",
    "minibatch-full-l2",
    "minibatch-full-l1",
)
MINIBATCH_TRACE_INDEX: dict[str, int] = {uid: i for i, uid in enumerate(MINIBATCH_TRACE_UIDS)}
DEFAULT_COUNT = 200
MAX_COUNT = 500
#: the smallest batch: two rows (their centred features have rank 1: the contours are lines)
MIN_BATCH = 2
#: batches whose contours the server draws for play (the highlighted batch cycles through them)
PLAY_FRAMES = 30
#: batches whose contour through the L1 optimum is drawn faintly
FAINT_BATCHES = 8
#: milliseconds per highlighted batch while playing
FRAME_MS = 450
#: points per contour of a batch
CONTOUR_POINTS = 61
PLOT_HEIGHT = 340
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
    "minibatch_panel.name_l1_cloud": {"en": "batch L1 optima", "zh": "批量 L1 最优点"},
    "minibatch_panel.name_l2_cloud": {"en": "batch L2 optima", "zh": "批量 L2 最优点"},
    "minibatch_panel.name_full_l1": {"en": "full data L1", "zh": "全部数据 L1"},
    "minibatch_panel.name_full_l2": {"en": "full data L2", "zh": "全部数据 L2"},
    "minibatch_panel.name_ellipses": {"en": "batch contours", "zh": "批量等高线"},
    "minibatch_panel.name_highlight": {"en": "highlighted batch", "zh": "突出显示的批量"},
    "minibatch_panel.numbers": {
        "en": (
            "{count} batches of b = {b} of n = {n} points, λ = {lam}{lam_note}. "
            "Spread (RMS distance to the cloud's mean): L1 {s1}, L2 {s2}, ratio L1/L2 = {ratio}. "
            "Mean distance to the full-data optimum: L1 {d1}, L2 {d2}.\n"
            "L1 optima: on the w₁ axis (w₂ = 0) {a1}, on the w₂ axis (w₁ = 0) {a2}, at 0 {a0}, off the axes {ao}. "
            "L2 optima off the axes: {l2o}."
        ),
        "zh": (
            "{count} 个批量，每批 b = {b} 个点（共 n = {n} 个），λ = {lam}{lam_note}。"
            "离散度（到点云均值的均方根距离）：L1 {s1}，L2 {s2}，比值 L1/L2 = {ratio}。"
            "到全部数据最优点的平均距离：L1 {d1}，L2 {d2}。\n"
            "L1 最优点：在 w₁ 轴上（w₂ = 0）{a1}，在 w₂ 轴上（w₁ = 0）{a2}，在 0 处 {a0}，不在坐标轴上 {ao}。"
            "L2 最优点不在坐标轴上：{l2o}。"
        ),
    },
    "minibatch_panel.lam_constrained": {
        "en": " (constrained mode: each cloud at its touch point's λ; L2: λ = {lam2})",
        "zh": "（约束模式：每团点云用其切点的 λ；L2：λ = {lam2}）",
    },
}


def default_batch_size(n: int) -> int:
    """The batch size a panel opens with: about a quarter of the n points, at least :data:`MIN_BATCH`."""
    return int(min(max(MIN_BATCH, round(n / 4)), max(n, MIN_BATCH)))


def script_config() -> dict:
    """What ``assets/minibatch_panel.js`` reads from ``lab.config().minibatch``."""
    return {"traceIndex": dict(MINIBATCH_TRACE_INDEX), "frameMs": FRAME_MS}


# ---------------------------------------------------------------------------- the model
def _seed(clicks) -> int:
    return SEED_BASE + (int(clicks) if isinstance(clicks, (int, float)) and clicks >= 0 else 0)


def _percent(share: float) -> str:
    return f"{100.0 * share:.0f} %"


def _polyline(curves: list[np.ndarray]) -> tuple[list, list]:
    xs: list = []
    ys: list = []
    for curve in curves:
        if xs:
            xs.append(None)
            ys.append(None)
        xs.extend(np.round(curve[:, 0], 6).tolist())
        ys.extend(np.round(curve[:, 1], 6).tolist())
    return xs, ys


def _contours_through(loss: QuadraticLoss, points: list[np.ndarray], window) -> tuple[list, list]:
    """One polyline (``None`` gaps) of the loss's contours through each point."""
    curves: list[np.ndarray] = []
    for w in points:
        try:
            curves += contour_curve(loss, loss.min_value + loss.excess(w), num=CONTOUR_POINTS, view=window)
        except ValueError:  # a flat batch loss (all its points at one x): nothing to draw
            pass
    return _polyline(curves)


def minibatch_model(state: dict, scene: dict, view: dict, *, batch_size: int, count: int, seed: int) -> dict:
    """The clouds and their numbers for a problem, a view and the panel's settings.

    Parameters
    ----------
    state : dict
        The ``lab-state`` dict (points ``x``, ``y``, ``basis``, ``rho``); ``source`` must be
        ``"points"``.
    scene : dict
        The ``scene-store`` dict of that state (its ``view`` is the plot's window).
    view : dict
        The λ settings (``view-store``).
    batch_size : int
        b, clamped into ``[MIN_BATCH, n]`` (the slider's range follows n).
    count : int in [1, MAX_COUNT]
    seed : int >= 0

    Returns
    -------
    dict
        ``n``, ``b``, ``count``, ``mode``, ``lam_l1``, ``lam_l2``, ``l1``, ``l2`` (lists of
        [w1, w2], the batches' optima), ``full_l1``, ``full_l2`` (the main plane's touch
        points), ``stats`` (``spread_l1``, ``spread_l2``, ``ratio``, ``distance_l1``,
        ``distance_l2``, ``shares_l1``, ``shares_l2``: computed from ``l1`` and ``l2``),
        ``frames`` (the first batches' contours through their two optima, ``{"x", "y", "l1",
        "l2"}``) and ``window`` (the plot's axes).

    Raises
    ------
    ValueError
        A state in loss-shape mode, a count outside [1, MAX_COUNT], or data the batches
        cannot be drawn for.
    """
    if state.get("source") == "shape":
        raise ValueError("loss-shape mode has no data points")
    if isinstance(count, bool) or not isinstance(count, (int, np.integer)) or not 1 <= count <= MAX_COUNT:
        raise ValueError(f"count must be a whole number in [1, {MAX_COUNT}], got {count!r}")
    X, y = design_for_state(state)
    n = int(y.shape[0])
    b = int(min(max(int(batch_size), MIN_BATCH), n))
    view = view_with_defaults(view)
    touches = touches_for_view(scene, view)
    lam_l1, lam_l2 = float(touches["l1"].lam), float(touches["l2"].lam)
    optima = minibatch_optima(X, y, batch_size=b, count=int(count), seed=int(seed), lam_l1=lam_l1, lam_l2=lam_l2)
    full_l1 = np.asarray(touches["l1"].w, dtype=float)
    full_l2 = np.asarray(touches["l2"].w, dtype=float)
    window = ((float(scene["view"]["x"][0]), float(scene["view"]["x"][1])), (float(scene["view"]["y"][0]), float(scene["view"]["y"][1])))
    frames = []
    for i in range(min(PLAY_FRAMES, int(count))):
        loss = QuadraticLoss(optima.hessians[i], optima.linears[i], data_moments=True)
        cx, cy = _contours_through(loss, [optima.l1[i], optima.l2[i]], window)
        frames.append({"x": cx, "y": cy, "l1": optima.l1[i].tolist(), "l2": optima.l2[i].tolist()})
    return {
        "n": n,
        "b": b,
        "count": int(count),
        "seed": int(seed),
        "mode": view.get("mode", "penalized"),
        "lam_l1": lam_l1,
        "lam_l2": lam_l2,
        "l1": optima.l1.tolist(),
        "l2": optima.l2.tolist(),
        "full_l1": full_l1.tolist(),
        "full_l2": full_l2.tolist(),
        "stats": cloud_stats(optima.l1, optima.l2, full_l1, full_l2),
        "frames": frames,
        "window": [list(window[0]), list(window[1])],
    }


def cloud_stats(l1, l2, full_l1, full_l2) -> dict:
    """The panel's numbers for two clouds of optima (arrays of shape (m, 2)) and the full-data optima."""
    s1, s2 = cloud_spread(l1), cloud_spread(l2)
    return {
        "spread_l1": s1,
        "spread_l2": s2,
        "ratio": s1 / s2 if s2 > 0 else (math.nan if s1 == 0 else math.inf),
        "distance_l1": mean_distance(l1, full_l1),
        "distance_l2": mean_distance(l2, full_l2),
        "shares_l1": corner_shares(l1),
        "shares_l2": corner_shares(l2),
    }


# ---------------------------------------------------------------------------- the figure
def _xy(points) -> dict:
    arr = np.asarray(points, dtype=float).reshape(-1, 2)
    return {"x": arr[:, 0].tolist(), "y": arr[:, 1].tolist()}


def _outline(region: str, w) -> dict:
    size = float(np.abs(w).sum()) if region == "l1" else float(np.hypot(*w))
    if size <= 0:
        return {"x": [], "y": []}
    boundary = region_boundary(region, size, num=121)
    return {"x": boundary[:, 0].tolist(), "y": boundary[:, 1].tolist()}


def empty_figure(message: str = "") -> dict:
    """The graph's figure with nothing drawn (before the panel is opened, or without data)."""
    return blank_figure(PLOT_HEIGHT, message, **PLOT_LOOK)


def minibatch_figure(model: dict, *, lang: str = "en") -> dict:
    """The panel's weight plane for a model (:func:`minibatch_model`), as a plain figure dict.

    Traces in the order :data:`MINIBATCH_TRACE_UIDS`; the clouds hold the model's optima as they
    are (exact zeros stay 0). ``layout.meta.minibatch`` carries the play frames and the stats.
    """
    lang = normalize_lang(lang)
    l1s, l2s = REGION_STYLE["l1"], REGION_STYLE["l2"]
    frame = model["frames"][0] if model["frames"] else {"x": [], "y": [], "l1": [], "l2": []}
    faint_x: list = []
    faint_y: list = []
    for f in model["frames"][:FAINT_BATCHES]:
        # each batch's contour through its L1 optimum: the first curve of its frame
        cut = f["x"].index(None) if None in f["x"] else len(f["x"])
        if faint_x:
            faint_x.append(None)
            faint_y.append(None)
        faint_x += f["x"][:cut]
        faint_y += f["y"][:cut]
    point = {"type": "scatter", "mode": "markers", "hovertemplate": "w = (%{x:.4g}, %{y:.4g})<extra>%{fullData.name}</extra>"}
    traces = {
        "minibatch-l1-region": {
            "type": "scatter", "mode": "lines", "hoverinfo": "skip", "showlegend": False,
            "line": {"color": l1s["color"], "width": 1, "dash": l1s["dash"]}, "opacity": 0.5,
            **_outline("l1", model["full_l1"]),
        },
        "minibatch-l2-region": {
            "type": "scatter", "mode": "lines", "hoverinfo": "skip", "showlegend": False,
            "line": {"color": l2s["color"], "width": 1, "dash": l2s["dash"]}, "opacity": 0.5,
            **_outline("l2", model["full_l2"]),
        },
        "minibatch-ellipses": {
            "type": "scatter", "mode": "lines", "hoverinfo": "skip", "name": text("minibatch_panel.name_ellipses", lang),
            "line": {"color": "#868e96", "width": 1}, "opacity": 0.35, "x": faint_x, "y": faint_y,
        },
        "minibatch-highlight": {
            "type": "scatter", "mode": "lines", "hoverinfo": "skip", "name": text("minibatch_panel.name_highlight", lang),
            "line": {"color": "#343a40", "width": 1.6}, "x": frame["x"], "y": frame["y"],
        },
        "minibatch-l2-cloud": {
            **point, "name": text("minibatch_panel.name_l2_cloud", lang),
            "marker": {"symbol": "circle", "size": 5, "color": l2s["color"], "opacity": 0.45}, **_xy(model["l2"]),
        },
        "minibatch-l1-cloud": {
            **point, "name": text("minibatch_panel.name_l1_cloud", lang),
            "marker": {"symbol": "diamond", "size": 6, "color": l1s["color"], "opacity": 0.5}, **_xy(model["l1"]),
        },
        "minibatch-highlight-points": {
            **point, "showlegend": False, "name": text("minibatch_panel.name_highlight", lang),
            "marker": {"symbol": ["diamond", "circle"], "size": 11, "color": [l1s["color"], l2s["color"]],
                       "line": {"color": "#212529", "width": 1.5}},
            "x": [frame["l1"][0], frame["l2"][0]] if frame["l1"] else [],
            "y": [frame["l1"][1], frame["l2"][1]] if frame["l1"] else [],
        },
        "minibatch-full-l2": {
            **point, "name": text("minibatch_panel.name_full_l2", lang),
            "marker": {"symbol": "circle", "size": 14, "color": "white", "line": {"color": l2s["color"], "width": 3}},
            **_xy(model["full_l2"]),
        },
        "minibatch-full-l1": {
            **point, "name": text("minibatch_panel.name_full_l1", lang),
            "marker": {"symbol": "diamond", "size": 15, "color": "white", "line": {"color": l1s["color"], "width": 3}},
            **_xy(model["full_l1"]),
        },
    }  # fmt: skip
    data = [{"uid": uid, **traces[uid]} for uid in MINIBATCH_TRACE_UIDS]
    (x0, x1), (y0, y1) = model["window"]
    axis = {**FAST_AXIS, "zeroline": True, "zerolinecolor": "#adb5bd", "zerolinewidth": 1.5}
    stats = model["stats"]
    return {
        "data": data,
        "layout": {
            **PLOT_LOOK,
            "height": PLOT_HEIGHT,
            "margin": {"l": 40, "r": 10, "t": 56, "b": 36},
            "xaxis": {**axis, "range": [x0, x1], "title": {"text": "w₁"}},
            "yaxis": {**axis, "range": [y0, y1], "scaleanchor": "x", "scaleratio": 1, "title": {"text": "w₂"}},
            "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "font": {"size": 11}},
            "showlegend": True,
            "meta": {"minibatch": {"frames": model["frames"], "stats": _json_stats(stats), "count": model["count"]}},
        },
    }


def _json_stats(stats: dict) -> dict:
    """Stats with non-finite numbers as None (JSON has no NaN or infinity)."""
    return {k: (v if not isinstance(v, float) or math.isfinite(v) else None) for k, v in stats.items()}


def minibatch_text(model: dict, *, lang: str = "en") -> str:
    """The numbers under the figure, in ``lang`` (two lines)."""
    stats = model["stats"]
    shares = stats["shares_l1"]
    note = (
        text("minibatch_panel.lam_constrained", lang, lam2=format_number(model["lam_l2"]))
        if model["mode"] == "constrained"
        else ""
    )
    ratio = stats["ratio"]
    return text(
        "minibatch_panel.numbers",
        lang,
        count=model["count"],
        b=model["b"],
        n=model["n"],
        lam=format_number(model["lam_l1"]),
        lam_note=note,
        s1=format_number(stats["spread_l1"]),
        s2=format_number(stats["spread_l2"]),
        ratio=format_number(ratio) if math.isfinite(ratio) else "—",
        d1=format_number(stats["distance_l1"]),
        d2=format_number(stats["distance_l2"]),
        a1=_percent(shares["w1_axis"]),
        a2=_percent(shares["w2_axis"]),
        a0=_percent(shares["origin"]),
        ao=_percent(shares["off_axes"]),
        l2o=_percent(stats["shares_l2"]["off_axes"]),
    )


# ---------------------------------------------------------------------------- the page
def layout(page) -> list:
    """The collapsed panel (``page``: :class:`authoring.url_state.PageState`) and its request
    store; the clouds are computed when the panel is first opened."""
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
    """Server callback body (call it directly in tests): ``(figure, text, message, slider max)``
    for a gate's request ``{"view", "batch", "count", "seed", ...}``, the ``lab-state`` and the
    ``scene-store`` dicts.

    A bad number of batches keeps the picture (``no_update``) and says why; loss-shape mode and
    a problem that cannot be drawn get an empty figure saying why, never an error.
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
    """The gate (clientside: a request only while open) and the clouds (server, once per request)."""
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
