"""The norm family: L1, L2, elastic net and the p-norm ball with their touch points (issue 14).

A collapsed ``<details>`` in the side panel (seven components) with its own weight plane
(``norm-family-plot``): the current loss's contours, one region chosen with the panel's chooser
(L1, L2, elastic net with the lab's mix r, or the p-norm ball with the ``p-slider``, 0.3–4), in
constrained form, and its touch point. The region's size t is the lab's t: the slider's t in
constrained mode, and in penalized mode the L1 touch point's ‖w‖₁ (the intercept of the diamond
the weight plane draws), so all regions of the panel share the diamond's intercept.

For p < 1 the ball is not convex; the touch point drawn is the **global** minimiser of J0 over
the ball, from :func:`geometry.constrained.certified_lp_optimum`, with its certified bound.

- ``norm_panel.gate`` (clientside) writes ``norm-request`` only while the details are open: on
  opening, on new data, when λ comes to rest (``view-store``), when the chooser or p change;
- :func:`update_figure` (server) draws the whole figure and the sentence for that request;
- ``norm_panel.follow`` (clientside) moves the region and, for the convex regions L1, L2 and
  elastic net, the touch point and the contour through it on each λ step (``current-view``)
  with the browser's exact math (``assets/lab_math*.js``); the p-norm ball is scaled to the
  new t while λ moves, and its touch point (the certified search runs on the server) is hidden
  until the server's answer for λ at rest arrives.
"""

from __future__ import annotations

import math

import numpy as np
from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from geometry.constrained import certified_lp_optimum, constrained_optimum
from geometry.contours import contour_curve, contour_lines, contour_levels
from geometry.regions import elastic_net_budget, region_boundary, region_size
from geometry.scene import loss_from_scene

from .formatting import format_number
from .i18n import normalize_lang, text
from .plane_traces import touches_for_view
from .penalty_control import DEFAULT_P, P_MAX, P_MIN, P_NORM_SLIDER
from .plot_style import (
    CONTOUR_COLOR,
    FAST_AXIS,
    GRAPH_CONFIG,
    LP_STYLE,
    OLS_COLOR,
    PLOT_LOOK,
    REGION_STYLE,
    TOUCH_CONTOUR_COLOR,
)
from .stores import CURRENT_VIEW, LAB_STATE, SCENE_STORE, VIEW_STORE
from .view import view_for_scene, view_with_defaults

__all__ = [
    "NORM_DETAILS",
    "NORM_REGION",
    "P_SLIDER",
    "NORM_PLOT",
    "NORM_TEXT",
    "NORM_REQUEST",
    "NORM_REGIONS",
    "NORM_TRACE_UIDS",
    "NORM_TRACE_INDEX",
    "P_MIN",
    "P_MAX",
    "DEFAULT_P",
    "STRINGS",
    "norm_model",
    "norm_figure",
    "norm_text",
    "update_figure",
    "script_config",
    "layout",
    "register_callbacks",
]

NORM_DETAILS = "norm-details"
NORM_REGION = "norm-region"
P_SLIDER = "p-slider"
NORM_PLOT = "norm-family-plot"
NORM_TEXT = "norm-text"
#: what the server should draw: ``{"view", "region", "p", "n"}``, written only while the details are open
NORM_REQUEST = "norm-request"

NORM_REGIONS: tuple[str, ...] = ("l1", "l2", "elasticnet", "lp")
NORM_TRACE_UIDS: tuple[str, ...] = ("norm-contours", "norm-ball", "norm-touch-contour", "norm-ols", "norm-touch")
NORM_TRACE_INDEX: dict[str, int] = {uid: i for i, uid in enumerate(NORM_TRACE_UIDS)}
CURVE_POINTS = 161
LP_COLOR = LP_STYLE["color"]

STRINGS: dict[str, dict[str, str]] = {
    "norm_panel.summary": {"en": "The norm family: L1, L2, elastic net and p-norm balls", "zh": "范数族：L1、L2、弹性网与 p 范数球"},
    "norm_panel.intro": {
        "en": "One region in constrained form with the lab's t (penalized mode: the L1 touch point's ‖w‖₁), "
        "and the exact point where a contour of J0 first touches it.",
        "zh": "以约束形式显示一个区域，大小取实验室的 t（惩罚模式下取 L1 切点的 ‖w‖₁），并标出 J0 等高线与它首次相切的精确点。",
    },
    "norm_panel.region_l1": {"en": "L1", "zh": "L1"},
    "norm_panel.region_l2": {"en": "L2", "zh": "L2"},
    "norm_panel.region_elasticnet": {"en": "elastic net", "zh": "弹性网"},
    "norm_panel.region_lp": {"en": "p-norm", "zh": "p 范数"},
    "norm_panel.p_label": {"en": "p (p-norm ball)", "zh": "p（p 范数球）"},
    "norm_panel.touch": {"en": "touch point", "zh": "切点"},
    "norm_panel.ols": {"en": "OLS", "zh": "OLS"},
    "norm_panel.sentence": {
        "en": "{region}, t = {t}: touch point w = ({w1}, {w2}), J0 = {j0}.",
        "zh": "{region}，t = {t}：切点 w = ({w1}, {w2})，J0 = {j0}。",
    },
    "norm_panel.nonconvex": {
        "en": " For p = {p} < 1 the ball is not convex: J0 can have several local minima on it; "
        "the global optimum is drawn (certified to within {gap} of the lowest J0 on the ball).",
        "zh": " p = {p} < 1 时球不是凸的：J0 在其上可能有多个局部最小点；图中画的是全局最优点（已证明与球上最低 J0 相差不超过 {gap}）。",
    },
    "norm_panel.convex": {
        "en": " For p = {p} ≥ 1 the ball is convex: the touch point is the one minimum.",
        "zh": " p = {p} ≥ 1 时球是凸的：切点就是唯一的最小点。",
    },
    "norm_panel.inside": {
        "en": " The OLS point fits in the ball: it is the optimum.",
        "zh": " OLS 点在球内：它就是最优点。",
    },
    "norm_panel.failed": {"en": "The norm family cannot be drawn: {reason}", "zh": "无法绘制范数族：{reason}"},
}


def script_config() -> dict:
    """What ``assets/norm_panel.js`` reads from ``lab.config().norm``."""
    return {"traceIndex": dict(NORM_TRACE_INDEX), "curvePoints": CURVE_POINTS}


def _region_label(region: str, p: float, lang: str) -> str:
    name = text(f"norm_panel.region_{region}", lang)
    return f"{name} (p = {format_number(p)})" if region == "lp" else name


def norm_model(scene: dict, view: dict, region: str, p: float) -> dict:
    """The touch point of the chosen region at the lab's t (plain JSON-ready values).

    Returns
    -------
    dict
        ``region``, ``p``, ``r`` (the mix), ``t``, ``w`` (the touch point), ``gap`` (the certified
        bound on J0(w) − min J0 over the ball for p < 1, else 0), ``inside`` (the OLS point fits),
        ``j0``.

    Raises
    ------
    ValueError
        An unknown region, or p outside [P_MIN, P_MAX].
    """
    if region not in NORM_REGIONS:
        raise ValueError(f"region must be one of {', '.join(NORM_REGIONS)}, got {region!r}")
    p = float(p)
    if not (P_MIN <= p <= P_MAX):
        raise ValueError(f"p must be a number in [{P_MIN}, {P_MAX}], got {p!r}")
    loss = loss_from_scene(scene)
    view = view_for_scene(view_with_defaults(view), scene)
    r = float(view.get("l1_ratio", 0.5))
    t = float(touches_for_view(scene, view, loss=loss)["l1"].t)
    gap, inside = 0.0, False
    if region == "elasticnet":
        inside = region_size("elasticnet", loss.ols_point, l1_ratio=r) <= elastic_net_budget(t, l1_ratio=r)
        w = constrained_optimum(loss, "elasticnet", elastic_net_budget(t, l1_ratio=r), l1_ratio=r)
    elif region == "lp":
        inside = region_size("lp", loss.ols_point, p=p) <= t
        if p < 1 and not inside and t > 0:
            w, gap = certified_lp_optimum(loss, t, p)
        else:
            w = constrained_optimum(loss, "lp", t, p=p)
    else:
        inside = region_size(region, loss.ols_point) <= t
        w = constrained_optimum(loss, region, t)
    return {"region": region, "p": p, "r": r, "t": t, "w": [float(v) for v in w], "gap": float(gap), "inside": bool(inside),
            "j0": float(loss(w))}  # fmt: skip


def _boundary(region: str, t: float, r: float, p: float) -> np.ndarray:
    if region == "elasticnet":
        return region_boundary("elasticnet", elastic_net_budget(t, l1_ratio=r), l1_ratio=r, num=CURVE_POINTS)
    return region_boundary(region, t, p=p, num=CURVE_POINTS)


def _nones(values) -> list:
    return [None if not math.isfinite(v) else round(float(v), 6) for v in values]


def norm_figure(scene: dict, model: dict, *, lang: str = "en") -> dict:
    """The panel's weight plane (plain plotly dict) for a model (:func:`norm_model`); traces in
    :data:`NORM_TRACE_UIDS` order. ``layout.meta`` holds the model (the browser's λ steps read
    the p-norm's touch point from it)."""
    lang = normalize_lang(lang)
    loss = loss_from_scene(scene)
    window = ((scene["view"]["x"][0], scene["view"]["x"][1]), (scene["view"]["y"][0], scene["view"]["y"][1]))
    cx, cy = contour_lines(loss, contour_levels(loss, count=10, view=window), num=61, view=window)
    region, t, r, p = model["region"], model["t"], model["r"], model["p"]
    outline = _boundary(region, t, r, p)
    through = contour_curve(loss, float(loss(np.array(model["w"]))), num=CURVE_POINTS, view=window)
    tx, ty = [], []
    for piece in through:
        tx += [*piece[:, 0].tolist(), None]
        ty += [*piece[:, 1].tolist(), None]
    color = LP_COLOR if region == "lp" else REGION_STYLE[region]["color"]
    name = _region_label(region, p, lang)
    axis = {**FAST_AXIS, "zeroline": True, "zerolinecolor": "#adb5bd"}
    return {
        "data": [
            {"uid": "norm-contours", "type": "scatter", "mode": "lines", "x": _nones(cx), "y": _nones(cy),
             "line": {"color": CONTOUR_COLOR, "width": 1}, "hoverinfo": "skip", "showlegend": False},
            {"uid": "norm-ball", "type": "scatter", "mode": "lines", "name": name, "x": outline[:, 0].tolist(),
             "y": outline[:, 1].tolist(), "line": {"color": color, "width": 2.5}, "fill": "toself", "opacity": 0.9,
             "hoverinfo": "skip"},
            {"uid": "norm-touch-contour", "type": "scatter", "mode": "lines", "x": tx, "y": ty,
             "line": {"color": TOUCH_CONTOUR_COLOR, "width": 1.5, "dash": "dot"}, "hoverinfo": "skip", "showlegend": False},
            {"uid": "norm-ols", "type": "scatter", "mode": "markers", "name": text("norm_panel.ols", lang),
             "x": [scene["ols"][0]], "y": [scene["ols"][1]], "marker": {"color": OLS_COLOR, "size": 8, "symbol": "x"}},
            {"uid": "norm-touch", "type": "scatter", "mode": "markers", "name": text("norm_panel.touch", lang),
             "x": [model["w"][0]], "y": [model["w"][1]],
             "marker": {"color": color, "size": 12, "line": {"color": "white", "width": 1.5}},
             "hovertemplate": "w = (%{x:.4g}, %{y:.4g})<extra></extra>"},
        ],
        "layout": {
            **PLOT_LOOK,
            "height": 340,
            "xaxis": {**axis, "range": scene["view"]["x"], "title": {"text": "w₁", "standoff": 2}},
            "yaxis": {**axis, "range": scene["view"]["y"], "scaleanchor": "x", "scaleratio": 1,
                      "title": {"text": "w₂", "standoff": 2}},
            "margin": {"l": 40, "r": 10, "t": 10, "b": 36},
            "showlegend": True,
            "legend": {"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "font": {"size": 11}},
            "dragmode": False,
            "meta": {"norm": model},
        },
    }  # fmt: skip


def norm_text(model: dict, *, lang: str = "en") -> str:
    """The sentence under the figure: the region, t, the touch point and, for the p-norm, whether
    the ball is convex (for p < 1: the certified bound of the global optimum)."""
    lang = normalize_lang(lang)
    fmt = format_number
    out = text("norm_panel.sentence", lang, region=_region_label(model["region"], model["p"], lang), t=fmt(model["t"]),
               w1=fmt(model["w"][0]), w2=fmt(model["w"][1]), j0=fmt(model["j0"]))  # fmt: skip
    if model["inside"]:
        out += text("norm_panel.inside", lang)
    if model["region"] == "lp":
        if model["p"] < 1:
            out += text("norm_panel.nonconvex", lang, p=fmt(model["p"]), gap=f"{model['gap']:.1e}")
        else:
            out += text("norm_panel.convex", lang, p=fmt(model["p"]))
    return out


def update_figure(request: dict | None, scene: dict | None, state: dict | None):
    """Server callback body: the figure and the sentence for a request; a scene or request that
    cannot be drawn gets a sentence saying why (the figure stays)."""
    if not request or not scene:
        raise PreventUpdate
    lang = normalize_lang((state or {}).get("lang") or scene.get("lang"))
    try:
        model = norm_model(scene, request.get("view") or {}, request.get("region", "lp"), request.get("p", DEFAULT_P))
        return norm_figure(scene, model, lang=lang), norm_text(model, lang=lang)
    except (ValueError, KeyError, TypeError) as exc:
        from dash import no_update

        return no_update, text("norm_panel.failed", lang, reason=str(exc))


def _page_p(page) -> float:
    p = (getattr(page, "view", None) or {}).get("p", DEFAULT_P)
    return float(p) if isinstance(p, (int, float)) and P_MIN <= p <= P_MAX else DEFAULT_P


def layout(page) -> list:
    """The collapsed panel (``page``: :class:`authoring.url_state.PageState`) and its request
    store; the figure is drawn when it first opens."""
    lang = normalize_lang(getattr(page, "lang", None))
    options = [{"label": text(f"norm_panel.region_{r}", lang), "value": r} for r in NORM_REGIONS]
    return [
        html.Details(
            id=NORM_DETAILS,
            className="norm-panel secondary",
            open=False,
            children=[
                html.Summary(text("norm_panel.summary", lang)),
                text("norm_panel.intro", lang),
                dcc.RadioItems(id=NORM_REGION, options=options, value="lp", inline=True, className="norm-region"),
                text("norm_panel.p_label", lang),
                dcc.Slider(id=P_SLIDER, min=P_MIN, max=P_MAX, step=0.05, value=_page_p(page), className="norm-p",
                           marks={0.3: "0.3", 1: "1", 2: "2", 3: "3", 4: "4"}, updatemode="mouseup"),  # fmt: skip
                # the graph without a role="img" box of its own (a component less on each λ step):
                # the sentence below says what it shows, in words
                dcc.Graph(
                    id=NORM_PLOT,
                    figure={"data": [], "layout": {"height": 340}},
                    config={key: value for key, value in GRAPH_CONFIG.items() if key != "edits"},
                    className="norm-family-plot",
                ),
                html.P(id=NORM_TEXT, className="norm-text", **{"aria-live": "polite"}, children=""),
            ],
        ),
        dcc.Store(id=NORM_REQUEST, data=None),
    ]


def register_callbacks(app: Dash) -> None:
    """The gate (clientside), the figure at rest (server), the λ steps (clientside), one p for
    the panel's slider and the plane's."""
    app.clientside_callback(
        ClientsideFunction(namespace="norm_panel", function_name="syncP"),
        Output(P_SLIDER, "value"),
        Output(P_NORM_SLIDER, "value"),
        Input(P_SLIDER, "value"),
        Input(P_NORM_SLIDER, "value"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="norm_panel", function_name="gate"),
        Output(NORM_REQUEST, "data"),
        Input(VIEW_STORE, "data"),
        Input(NORM_DETAILS, "open"),
        Input(SCENE_STORE, "data"),
        Input(NORM_REGION, "value"),
        Input(P_SLIDER, "value"),
        State(NORM_REQUEST, "data"),
    )
    app.callback(
        Output(NORM_PLOT, "figure"),
        Output(NORM_TEXT, "children"),
        Input(NORM_REQUEST, "data"),
        State(SCENE_STORE, "data"),
        State(LAB_STATE, "data"),
        prevent_initial_call=True,
    )(update_figure)
    app.clientside_callback(
        ClientsideFunction(namespace="norm_panel", function_name="follow"),
        Output(NORM_PLOT, "figure", allow_duplicate=True),
        Input(CURRENT_VIEW, "data"),
        State(SCENE_STORE, "data"),
        State(NORM_DETAILS, "open"),
        prevent_initial_call=True,
    )
