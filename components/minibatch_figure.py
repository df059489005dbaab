"""The minibatch lesson's figure and numbers: the L1 and L2 optima of many minibatches as two clouds.

Pure builders (plain JSON-ready dicts, no Dash) of a model
(:func:`components.minibatch_model.minibatch_model`):

- :func:`minibatch_figure`: the panel's own weight plane (the main plane's axes window), traces
  :data:`MINIBATCH_TRACE_UIDS`: the L1 and L2 regions through the full-data optima, the first
  batches' contours faintly, the highlighted batch's contours, the two clouds
  (``minibatch-l1-cloud``, ``minibatch-l2-cloud``, the optima as they are: exact zeros stay 0),
  the highlighted batch's optima and the full-data optima (``minibatch-full-l1``,
  ``minibatch-full-l2``: the main plane's touch points); ``layout.meta.minibatch`` carries the
  play frames (``assets/minibatch_panel.js`` cycles the highlighted batch through them) and the
  numbers;
- :func:`minibatch_text`: the numbers under the figure (spreads, mean distances to the
  full-data optima, the shares of L1 optima on each axis, at 0 and off the axes);
- :func:`empty_figure`: the figure with nothing drawn, or a message.

The string keys keep the prefix ``minibatch_panel.``.
"""

from __future__ import annotations

import math

import numpy as np

from geometry.regions import region_boundary

from .formatting import format_number
from .i18n import normalize_lang, text
from .plot_style import FAST_AXIS, PLOT_LOOK, REGION_STYLE, blank_figure

__all__ = [
    "MINIBATCH_TRACE_UIDS",
    "MINIBATCH_TRACE_INDEX",
    "FAINT_BATCHES",
    "PLOT_HEIGHT",
    "STRINGS",
    "empty_figure",
    "minibatch_figure",
    "minibatch_text",
]

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
#: batches whose contour through the L1 optimum is drawn faintly
FAINT_BATCHES = 8
PLOT_HEIGHT = 340

STRINGS: dict[str, dict[str, str]] = {
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


def _percent(share: float) -> str:
    return f"{100.0 * share:.0f} %"


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
    """The graph's figure with nothing drawn (before the panel is opened, or without data).

    Parameters
    ----------
    message : str
        Shown in the middle of the empty plot (none when empty).

    Returns
    -------
    dict
        A plain figure dict :data:`PLOT_HEIGHT` pixels high.
    """
    return blank_figure(PLOT_HEIGHT, message, **PLOT_LOOK)


def minibatch_figure(model: dict, *, lang: str = "en") -> dict:
    """The panel's weight plane for a model, as a plain figure dict.

    Parameters
    ----------
    model : dict
        As :func:`components.minibatch_model.minibatch_model` returns it.
    lang : {"en", "zh"}
        The language of the trace names.

    Returns
    -------
    dict
        ``{"data", "layout"}``: traces in the order :data:`MINIBATCH_TRACE_UIDS`, the clouds
        holding the model's optima as they are (exact zeros stay 0), the axes the model's
        ``window`` at equal scale; ``layout.meta.minibatch`` is ``{"frames", "stats", "count"}``
        (the play frames, the stats with non-finite numbers as None, the number of batches).
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
    """The numbers under the figure.

    Parameters
    ----------
    model : dict
        As :func:`components.minibatch_model.minibatch_model` returns it.
    lang : {"en", "zh"}

    Returns
    -------
    str
        Two lines: the batches, b, n and λ (in constrained mode each cloud's λ), the clouds'
        spreads and their ratio, the mean distances to the full-data optima; the shares of L1
        optima on each axis, at 0 and off the axes, and of L2 optima off the axes.
    """
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
