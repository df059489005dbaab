"""The data panel's figure: the data points (draggable shapes and a hoverable trace) and the
fitted curves of OLS and of each region's touch point.

The points are moved, added and removed by ``assets/data_edit.js`` (plotly does not drag them);
the fitted curves follow λ at rest in the browser (``data_panel.moveFits``).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from geometry.basis import X_RANGE

from .glossary import feature_name
from .i18n import normalize_lang, text
from .penalty_control import DEFAULT_SHOWN
from .plane_traces import touches_for_view
from .plot_style import FAST_AXIS, GRAPH_CONFIG, PLOT_LOOK, REGION_KEYS, REGION_STYLE, draggable_marker

__all__ = [
    "DATA_TRACE_UIDS",
    "DATA_TRACE_INDEX",
    "POINT_RADIUS_PX",
    "Y_PAD",
    "WINDOW_LINE_Y",
    "DATA_GRAPH_CONFIG",
    "fit_curves",
    "y_range",
    "data_figure_dict",
    "data_figure",
    "STRINGS",
]

DATA_TRACE_UIDS: tuple[str, ...] = ("data-points", "ols-fit", "l1-fit", "l2-fit", "en-fit", "data-window")
DATA_TRACE_INDEX: dict[str, int] = {uid: i for i, uid in enumerate(DATA_TRACE_UIDS)}
POINT_RADIUS_PX = 7
#: the y axis shows the targets' span padded by this fraction of it, and by at least ``least``
Y_PAD = {"fraction": 0.15, "least": 0.5}
#: the data window's edges (x = X_RANGE) are drawn as vertical lines this far up and down (the
#: y axis has a fixed range, so they always span the plot)
WINDOW_LINE_Y = 1e9
#: The data panel's graph options: like the weight plane's, but plotly does not drag the points
#: (``assets/data_edit.js`` does: plotly would redraw the whole panel, hover included, when a
#: drag ends). Shapes marked ``editable`` still take pointer events.
DATA_GRAPH_CONFIG = {key: value for key, value in GRAPH_CONFIG.items() if key != "edits"}

#: this module's strings, keyed as the string table's (:func:`components.i18n.text`)
STRINGS: dict[str, dict[str, str]] = {
    "data.point_hover": {"en": "drag to move, double-click to remove", "zh": "拖动可移动，双击可删除"},
    "data.shape_note": {
        "en": "Loss-shape mode: no data.<br>Drag the OLS point (×) in the weight plane,<br>"
        "set eccentricity and rotation below.",
        "zh": "损失形状模式：没有数据。<br>在权重平面中拖动 OLS 点（×），<br>并在下方设置离心率和旋转角。",
    },
}


def fit_curves(scene: dict, view: dict) -> dict[str, list[float]]:
    """Fitted curves ``yhat(x) = b(w) + w . phi(x)`` on the scene's grid for OLS and each region.

    Returns ``{uid: y values}`` for the uids ``ols-fit``, ``l1-fit``, ``l2-fit``, ``en-fit``.
    """
    grid = scene.get("fit_grid")
    if not grid:
        return {}
    phi = np.c_[grid["phi1"], grid["phi2"]]
    x_mean = np.asarray(scene["x_mean"], dtype=float)

    def curve(w) -> list[float]:
        w = np.asarray(w, dtype=float)
        return (scene["y_mean"] - float(x_mean @ w) + phi @ w).tolist()

    out = {"ols-fit": curve(scene["ols"])}
    for region, touch in touches_for_view(scene, view).items():
        out[f"{REGION_KEYS[region]}-fit"] = curve(touch.w)
    return out


def y_range(ys) -> list[float]:
    """The data panel's y range for targets ``ys``: their span, padded by :data:`Y_PAD`."""
    lo, hi = (min(ys), max(ys)) if ys else (-1.0, 1.0)
    pad = max(Y_PAD["fraction"] * (hi - lo), Y_PAD["least"])
    return [lo - pad, hi + pad]


def data_figure_dict(state: dict, scene: dict, view: dict) -> dict:
    """The data panel's figure as a plain plotly dict (fast: no validation; see :func:`data_figure`),
    its texts in the scene's language (``scene["lang"]``)."""
    lang = normalize_lang(scene.get("lang"))
    points = state["points"]
    is_shape = state.get("source") == "shape"
    fits = {} if is_shape else fit_curves(scene, view)
    grid_x = scene["fit_grid"]["x"] if fits else []
    shown = set(view.get("shown", DEFAULT_SHOWN))
    data: list[dict] = [
        {
            "type": "scatter",
            "uid": "data-points",
            "name": "data",
            "x": [] if is_shape else points["x"],
            "y": [] if is_shape else points["y"],
            "mode": "markers",
            "marker": {"size": 2 * POINT_RADIUS_PX, "color": "rgba(0,0,0,0)"},
            "hovertemplate": f"x = %{{x:.3f}}<br>y = %{{y:.3f}}<extra>{text('data.point_hover', lang)}</extra>",
        },
        {
            "type": "scatter",
            "uid": "ols-fit",
            "name": "OLS fit",
            "x": grid_x,
            "y": fits.get("ols-fit", []),
            "mode": "lines",
            "line": {"color": "#212529", "width": 2, "dash": "dot"},
            "hoverinfo": "skip",
        },
    ]
    for region, style in REGION_STYLE.items():
        key = REGION_KEYS[region]
        data.append(
            {
                "type": "scatter",
                "uid": f"{key}-fit",
                "name": f"{style['name']} fit",
                "x": grid_x,
                "y": fits.get(f"{key}-fit", []),
                "visible": key in shown,
                "mode": "lines",
                "line": {"color": style["color"], "width": 2.5, "dash": style["dash"]},
                "hoverinfo": "skip",
            }
        )
    lo, hi = X_RANGE
    data.append(
        {
            # where points can go: assets/data_edit.js keeps a dragged point between these lines
            "type": "scatter",
            "uid": "data-window",
            "name": "data window",
            "x": [lo, lo, None, hi, hi],
            "y": [-WINDOW_LINE_Y, WINDOW_LINE_Y, None, -WINDOW_LINE_Y, WINDOW_LINE_Y],
            "mode": "lines",
            "line": {"color": "#adb5bd", "width": 1, "dash": "dot"},
            "hoverinfo": "skip",
            "visible": not is_shape,
        }
    )
    shapes = []
    if not is_shape:
        point_line = {"color": "white", "width": 1.5}
        shapes = [
            draggable_marker(px, py, radius=POINT_RADIUS_PX, fill="rgba(52,58,64,0.75)", line=point_line)
            for px, py in zip(points["x"], points["y"])
        ]
    annotations = []
    if is_shape:
        annotations.append(
            {
                "text": text("data.shape_note", lang),
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.5,
                "font": {"size": 14, "color": "#495057"},
            }
        )
    pad = 0.08 * (X_RANGE[1] - X_RANGE[0])
    names = [feature_name(name, lang) for name in scene.get("feature_names") or ["φ₁", "φ₂"]]
    layout = {
        **PLOT_LOOK,
        "margin": {"l": 50, "r": 10, "t": 10, "b": 45},
        "xaxis": {
            **FAST_AXIS,
            "range": [X_RANGE[0] - pad, X_RANGE[1] + pad],
            "title": {"text": "x"},
            "fixedrange": True,
        },
        "yaxis": {
            **FAST_AXIS,
            "range": y_range(points["y"]) if not is_shape else [-1, 1],
            "title": {"text": "y"},
            "fixedrange": True,
        },
        "shapes": shapes,
        "annotations": annotations,
        "showlegend": False,  # HTML legend beside the graph: cheaper to redraw
        "dragmode": False,
        "hovermode": "closest",
        "font": {"size": 13},
        "title": {
            "text": f"ŷ = b + w₁·{names[0]} + w₂·{names[1]}",
            "font": {"size": 13},
            "x": 0.99,
            "xanchor": "right",
            "y": 0.04,
            "yanchor": "bottom",
        },
    }
    return {"data": data, "layout": layout}


def data_figure(state: dict, scene: dict, view: dict) -> go.Figure:
    """The data panel's figure: points (as draggable shapes and a hoverable trace) and fits.

    Returns
    -------
    go.Figure
        Traces in the order of :data:`DATA_TRACE_UIDS`; one editable circle shape per point.
    """
    return go.Figure(data_figure_dict(state, scene, view))
