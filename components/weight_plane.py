"""The weight plane: loss contours, the L1 diamond / L2 circle / elastic-net region and touch points.

Trace order is fixed (:data:`TRACE_UIDS`), every trace has a stable ``uid``. The background
contours never move with lam; the regions, the highlighted contours through the touch
points (one trace for all regions) and the touch points themselves are the "moving" traces
that the browser updates while lam is dragged (``assets/lab_clientside.js``, which mirrors
:func:`moving_traces`). Plotly redraws the whole figure on every lam step, each trace costing
its share, so the elastic-net traces come last and are in the figure only while the elastic
net is shown.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
from dash import dcc

from geometry import QuadraticLoss
from geometry.contours import contour_curve
from geometry.regions import region_boundary
from geometry.scene import loss_from_scene
from geometry.touch import Touch, penalty_value, touch_point

from .lambda_control import slider_to_value

__all__ = [
    "WEIGHT_PLANE",
    "TRACE_UIDS",
    "TRACE_INDEX",
    "EN_UIDS",
    "VIEW_KEYS",
    "trace_style",
    "REGION_STYLE",
    "REGION_KEYS",
    "touches_for_view",
    "moving_traces",
    "draggable_marker",
    "weight_plane_dict",
    "weight_plane_figure",
    "layout",
]

WEIGHT_PLANE = "weight-plane"

#: uid prefix of each region
REGION_KEYS = {"l1": "l1", "l2": "l2", "elasticnet": "en"}

TRACE_UIDS: tuple[str, ...] = (
    "loss-contours",
    "l1-region",
    "l2-region",
    "touch-contours",
    "ols-point",
    "l1-touch",
    "l2-touch",
    "en-region",
    "en-touch",
)
TRACE_INDEX: dict[str, int] = {uid: i for i, uid in enumerate(TRACE_UIDS)}
#: the traces drawn only while the elastic net is shown (the last ones of :data:`TRACE_UIDS`)
EN_UIDS: tuple[str, ...] = ("en-region", "en-touch")
#: what a view dict (``current-view``, ``view-store``) holds; a figure's ``layout.meta.server_view``
VIEW_KEYS: tuple[str, ...] = ("slider", "mode", "shown", "l1_ratio")

REGION_STYLE = {
    "l1": {"name": "L1 (lasso)", "shape": "diamond", "color": "#d9480f", "fill": "rgba(217,72,15,0.13)"},
    "l2": {"name": "L2 (ridge)", "shape": "circle", "color": "#1864ab", "fill": "rgba(24,100,171,0.11)"},
    "elasticnet": {"name": "Elastic net", "shape": "region", "color": "#2b8a3e", "fill": "rgba(43,138,62,0.11)"},
}
CONTOUR_COLOR = "rgba(90,90,110,0.45)"
#: the contours through the touch points: one trace for all regions (plotly redraws every trace
#: on each λ step, ~0.5 ms a trace), each passing through its region's coloured touch point
TOUCH_CONTOUR_COLOR = "#343a40"
#: Layout settings both graphs share: plotly_white's look, spelled out. No ``layout.template``:
#: dcc.Graph deep-copies the layout on every update and plotly takes a template that is not
#: the same object for a new one, so with a template every update (even dcc.Graph syncing a
#: dragged shape back into its figure) is a full recalculation.
PLOT_LOOK = {"plot_bgcolor": "white", "paper_bgcolor": "white", "autosize": True}
#: Axis settings both graphs share. Plotly writes the axis type it detects back into the
#: graph's layout, so a figure that leaves it out differs from what is drawn; labels may reach
#: into the margin, so no per-label overlap measuring on each redraw.
FAST_AXIS = {"type": "linear", "ticklabeloverflow": "allow", "gridcolor": "#ebeef2", "linecolor": "#ebeef2"}
OLS_COLOR = "#212529"
CURVE_POINTS = 121

#: Graph options: keep "download as PNG" for teachers, drop the zoom/select tools the fixed
#: views do not use; shapes (the OLS centre in loss-shape mode) are dragged by plotly.
GRAPH_CONFIG = {
    "displaylogo": False,
    "displayModeBar": "hover",
    "modeBarButtonsToRemove": [
        "zoom2d",
        "pan2d",
        "select2d",
        "lasso2d",
        "zoomIn2d",
        "zoomOut2d",
        "autoScale2d",
        "resetScale2d",
    ],
    "edits": {"shapePosition": True},
    "scrollZoom": False,
    "doubleClick": False,
}


def touches_for_view(scene: dict, view: dict, *, loss: QuadraticLoss | None = None) -> dict[str, Touch]:
    """Touch points of the three regions for the view's mode and slider position.

    ``view``: ``{"mode": "penalized"|"constrained", "slider": v, "l1_ratio": r, ...}``;
    ``loss``: the scene's loss if the caller has it already (else rebuilt from the scene).
    """
    loss = loss or loss_from_scene(scene)
    mode = view.get("mode", "penalized")
    value = slider_to_value(scene, mode, view["slider"])
    r = float(view.get("l1_ratio", 0.5))
    key = "t" if mode == "constrained" else "lam"
    return {region: touch_point(loss, region, l1_ratio=r, **{key: value}) for region in REGION_STYLE}


def _fmt(value: float) -> str:
    if value == math.inf:
        return "∞"
    return f"{value:.4g}"


def touch_hover(scene: dict, touch: Touch, l1_ratio: float, *, loss: QuadraticLoss | None = None) -> str:
    """Hover text of a touch point: w, J0, penalty, total objective, lam and t."""
    loss = loss or loss_from_scene(scene)
    j0 = loss.min_value + loss.excess(touch.w)
    pen = penalty_value(touch.region, touch.w, l1_ratio=l1_ratio)
    total = j0 + touch.lam * pen if math.isfinite(touch.lam) else math.inf
    name = REGION_STYLE[touch.region]["name"]
    return (
        f"<b>{name} touch point</b><br>w = ({touch.w[0]:.4g}, {touch.w[1]:.4g})<br>"
        f"J0 = {j0:.4g}<br>penalty P(w) = {pen:.4g}<br>J0 + λ·P = {_fmt(total)}<br>"
        f"λ = {_fmt(touch.lam)}, t = {touch.t:.4g}"
    )


def _region_xy(region: str, t: float, l1_ratio: float) -> tuple[list, list]:
    boundary = region_boundary(region, t, l1_ratio=l1_ratio, num=CURVE_POINTS)
    return boundary[:, 0].tolist(), boundary[:, 1].tolist()


def _contour_xy(scene: dict, w: np.ndarray, loss: QuadraticLoss) -> tuple[list, list]:
    view = (tuple(scene["view"]["x"]), tuple(scene["view"]["y"]))
    level = loss.min_value + loss.excess(w)
    xs: list = []
    ys: list = []
    for curve in contour_curve(loss, level, num=CURVE_POINTS, view=view):
        if xs:
            xs.append(None)
            ys.append(None)
        xs.extend(curve[:, 0].tolist())
        ys.extend(curve[:, 1].tolist())
    return xs, ys


def moving_traces(scene: dict, view: dict, *, loss: QuadraticLoss | None = None, hover: bool = True) -> dict[str, dict]:
    """The data of every moving trace, keyed by uid: ``{"x", "y", "visible"?, "hovertext"?}``.

    ``touch-contours`` holds the level curve through each shown region's touch point (in the
    order l1, l2, elastic net; ``None`` between curves). A hidden region's traces are sent
    empty (the browser fills them when it is ticked): a data edit then sends a third less.
    (The figure leaves hidden elastic-net traces out.) ``loss``: the scene's loss if the caller
    has it already. ``hover=False``: no ``hovertext`` on the touch points (see
    :func:`weight_plane_dict`'s ``held``).
    """
    loss = loss or loss_from_scene(scene)
    shown = set(view.get("shown", ("l1", "l2")))
    r = float(view.get("l1_ratio", 0.5))
    out: dict[str, dict] = {}
    cx: list = []
    cy: list = []
    for region, touch in touches_for_view(scene, view, loss=loss).items():
        key = REGION_KEYS[region]
        visible = key in shown
        if not visible:
            out[f"{key}-region"] = {"x": [], "y": [], "visible": False}
            out[f"{key}-touch"] = {"x": [], "y": [], "visible": False, **({"hovertext": []} if hover else {})}
            continue
        rx, ry = _region_xy(region, touch.t, r)
        x, y = _contour_xy(scene, touch.w, loss)
        if cx and x:
            cx.append(None)
            cy.append(None)
        cx.extend(x)
        cy.extend(y)
        out[f"{key}-region"] = {"x": rx, "y": ry, "visible": visible}
        out[f"{key}-touch"] = {"x": [float(touch.w[0])], "y": [float(touch.w[1])], "visible": visible}
        if hover:
            out[f"{key}-touch"]["hovertext"] = [touch_hover(scene, touch, r, loss=loss)]
    out["touch-contours"] = {"x": cx, "y": cy}
    return out


def draggable_marker(x: float, y: float, *, radius: int, fill: str, line: dict) -> dict:
    """A plotly shape the user can drag: a circle of ``radius`` pixels anchored at (x, y).

    Dragging it reports ``shapes[i].xanchor`` / ``shapes[i].yanchor`` in relayoutData.
    """
    return {
        "type": "circle",
        "xref": "x",
        "yref": "y",
        "xsizemode": "pixel",
        "ysizemode": "pixel",
        "xanchor": x,
        "yanchor": y,
        "x0": -radius,
        "x1": radius,
        "y0": -radius,
        "y1": radius,
        "fillcolor": fill,
        "line": line,
        "editable": True,
    }


def _axis_title(index: int, feature_names) -> str:
    sub = "₁₂"[index]
    return f"w{sub}  (weight of {feature_names[index]})" if feature_names else f"w{sub}"


def _lines(uid: str, name: str, line: dict, **extra) -> dict:
    """A scatter trace drawn as lines without hover (contours and region outlines)."""
    return {"type": "scatter", "uid": uid, "name": name, "mode": "lines", "line": line, "hoverinfo": "skip", **extra}


def trace_style(uid: str) -> dict:
    """Everything of the weight plane's trace ``uid`` except its data (x, y, visible, hovertext).

    The browser builds the elastic-net traces from these when the elastic net is ticked
    (``scene-store["en_traces"]``).
    """
    if uid == "loss-contours":
        return _lines(uid, "loss contours J0", {"color": CONTOUR_COLOR, "width": 1})
    if uid == "touch-contours":
        return _lines(
            uid, "contours through the touch points", {"color": TOUCH_CONTOUR_COLOR, "width": 2, "dash": "dot"}
        )
    if uid == "ols-point":
        return {
            "type": "scatter",
            "uid": uid,
            "name": "OLS (λ = 0)",
            "mode": "markers",
            "marker": {"symbol": "x-thin", "size": 14, "line": {"width": 3, "color": OLS_COLOR}, "color": OLS_COLOR},
            "hovertemplate": "<b>OLS optimum</b><br>w = (%{x:.4g}, %{y:.4g})<extra></extra>",
        }
    key, part = uid.split("-", 1)
    region = {k: r for r, k in REGION_KEYS.items()}.get(key)
    if region is None or part not in ("region", "touch"):
        raise ValueError(f"uid must be one of {TRACE_UIDS}, got {uid!r}")
    style = REGION_STYLE[region]
    if part == "region":
        line = {"color": style["color"], "width": 2}
        return _lines(uid, f"{style['name']} region", line, fill="toself", fillcolor=style["fill"])
    return {
        "type": "scatter",
        "uid": uid,
        "name": f"{style['name']} optimum",
        "mode": "markers",
        "marker": {"size": 13, "color": style["color"], "line": {"width": 2, "color": "white"}},
        "hoverinfo": "text",
    }


def weight_plane_dict(
    scene: dict, view: dict, *, feature_names=None, draggable_center: bool = False, held: bool = False
) -> dict:
    """The weight-plane figure as a plain plotly dict (fast: no validation; see :func:`weight_plane_figure`).

    ``held``: the answer to a data point held in a drag, one of a stream. It has
    ``layout.transition`` (zero duration) and no hover texts on the touch points, so that
    successive answers differ only in coordinates (drawn in a fixed window, see
    ``data_panel.held_window``): plotly.js then redraws just the traces (its transition path)
    instead of the whole figure, as for a λ step (``assets/lab_clientside.js``). A hover text
    is not animatable; changing it would add a whole redraw to each answer.
    """
    contours = scene["contours"]
    ols = scene["ols"]
    data_of = {
        **moving_traces(scene, view, hover=not held),
        "loss-contours": {"x": contours["x"], "y": contours["y"]},
        "ols-point": {"x": [ols[0]], "y": [ols[1]]},
    }
    en_shown = "en" in view.get("shown", ("l1", "l2"))
    data: list[dict] = [{**trace_style(uid), **data_of[uid]} for uid in TRACE_UIDS if en_shown or uid not in EN_UIDS]
    (x0, x1), (y0, y1) = scene["view"]["x"], scene["view"]["y"]
    axis = {
        **FAST_AXIS,
        "zeroline": True,
        "zerolinewidth": 1.5,
        "zerolinecolor": "#868e96",
        "constrain": "domain",
    }
    shapes = []
    if draggable_center:
        shapes.append(
            draggable_marker(
                ols[0], ols[1], radius=9, fill="rgba(255,255,255,0.6)", line={"color": OLS_COLOR, "width": 2}
            )
        )
    layout = {
        **PLOT_LOOK,
        "xaxis": {**axis, "range": [x0, x1], "title": {"text": _axis_title(0, feature_names)}},
        "yaxis": {
            **axis,
            "range": [y0, y1],
            "title": {"text": _axis_title(1, feature_names)},
            "scaleanchor": "x",
            "scaleratio": 1,
        },
        "margin": {"l": 60, "r": 20, "t": 20, "b": 50},
        # The legend is HTML beside the graph (components/legend.py): plotly's own legend
        # would be redrawn on every λ step and costs more than the rest of the figure.
        "showlegend": False,
        "shapes": shapes,
        "hovermode": "closest",
        "dragmode": False,
        "font": {"size": 14},
        # The view this figure was drawn for: the λ callback compares it with the view on screen
        # when a server-drawn plane arrives (λ may have moved while the server was working).
        "meta": {"server_view": {key: view.get(key) for key in VIEW_KEYS}},
    }
    if held:
        layout["transition"] = {"duration": 0}
    return {"data": data, "layout": layout}


def weight_plane_figure(scene: dict, view: dict, *, feature_names=None, draggable_center: bool = False) -> go.Figure:
    """The whole weight-plane figure for a scene and a view.

    Parameters
    ----------
    scene : dict
        :func:`geometry.scene.scene_bundle` output.
    view : dict
        ``mode``, ``slider``, ``shown`` (subset of {"l1", "l2", "en"}), ``l1_ratio``.
    feature_names : (str, str), optional
        For the axis titles.
    draggable_center : bool
        Loss-shape mode: the OLS point is an editable shape the user drags.

    Returns
    -------
    go.Figure
        Traces in the order of :data:`TRACE_UIDS`, each with its ``uid``; the elastic-net ones
        (:data:`EN_UIDS`, last) only when ``"en"`` is in ``view["shown"]``.
    """
    return go.Figure(weight_plane_dict(scene, view, feature_names=feature_names, draggable_center=draggable_center))


def layout(figure: go.Figure) -> dcc.Graph:
    """The graph component."""
    return dcc.Graph(
        id=WEIGHT_PLANE,
        figure=figure,
        config=GRAPH_CONFIG,
        className="weight-plane",
        style={"height": "590px"},
    )
