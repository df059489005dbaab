"""The weight plane's traces: their fixed order and uids, and the data of the moving ones
(regions, touch points, the contours through the touch points) for a view. Their styles (all
but the data) are :func:`components.plane_styles.trace_style`.

The browser computes the same moving traces while λ moves (``assets/weight_plane.js`` with
``assets/lab_math.js``); the order and indices here reach it through the client configuration
(:mod:`components.client_config`).
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from geometry import QuadraticLoss, constrained_optimum, l1_solution_segment
from geometry.contours import contour_curve
from geometry.regions import elastic_net_budget, elastic_net_intercept, region_boundary
from geometry.scene import loss_from_scene
from geometry.touch import Touch, penalty_value, touch_point

from .formatting import format_number
from .i18n import normalize_lang, text
from .lambda_control import slider_to_value
from .view import view_for_scene
from .penalty_control import DEFAULT_P
from .plot_style import REGION_KEYS, REGION_STYLE, lp_name, region_name

__all__ = [
    "TRACE_UIDS",
    "TRACE_INDEX",
    "EN_UIDS",
    "LP_UIDS",
    "OPTIMIZER_UIDS",
    "VIEW_KEYS",
    "CURVE_POINTS",
    "touches_for_view",
    "touch_hover",
    "lp_touch",
    "lp_hover",
    "moving_traces",
    "STRINGS",
]

TRACE_UIDS: tuple[str, ...] = (
    "loss-contours",
    "l1-region",
    "l2-region",
    "lp-region",
    "touch-contours",
    "ols-point",
    "l1-segment",
    "l1-touch",
    "l2-touch",
    "lp-touch",
    # the optimizer paths and the KKT picture (components/optimizer_panel.py): empty unless its
    # panel is open or its KKT toggle on; before the elastic-net traces, which must stay last
    "gd-path-none",
    "gd-path-l2",
    "gd-path-l1-subgradient",
    "gd-path-l1",
    "gd-path-l1-clip",
    "kkt-cone",
    "kkt-gradient",
    "en-region",
    "en-touch",
)
TRACE_INDEX: dict[str, int] = {uid: i for i, uid in enumerate(TRACE_UIDS)}
#: the traces drawn only while the elastic net is shown (the last ones of :data:`TRACE_UIDS`)
EN_UIDS: tuple[str, ...] = ("en-region", "en-touch")
#: the p-norm ball's traces: always in the figure, empty while it is not shown
LP_UIDS: tuple[str, ...] = ("lp-region", "lp-touch")
#: the optimizer panel's traces (:mod:`components.optimizer_panel` fills them in the browser)
OPTIMIZER_UIDS: tuple[str, ...] = (
    "gd-path-none",
    "gd-path-l2",
    "gd-path-l1-subgradient",
    "gd-path-l1",
    "gd-path-l1-clip",
    "kkt-cone",
    "kkt-gradient",
)
#: points of each region outline and contour curve through a touch point
CURVE_POINTS = 121
#: what a view dict (``current-view``, ``view-store``) holds; a figure's ``layout.meta.server_view``
VIEW_KEYS: tuple[str, ...] = ("slider", "mode", "shown", "l1_ratio", "p")

#: this module's strings, keyed as the string table's (:func:`components.i18n.text`)
STRINGS: dict[str, dict[str, str]] = {
    "plane.ols_optimum": {"en": "OLS optimum", "zh": "OLS 最优点"},
    "plane.hover_lp": {
        "en": "<b>{name} touch point</b><br>w = ({w1}, {w2})<br>J0 = {j0}<br>‖w‖_p = t = {t} (the diamond's intercept)",
        "zh": "<b>{name} 切点</b><br>w = ({w1}, {w2})<br>J0 = {j0}<br>‖w‖_p = t = {t}（与菱形的截距相同）",
    },
    "plane.hover": {
        "en": "<b>{name} touch point</b><br>w = ({w1}, {w2})<br>J0 = {j0}<br>penalty P(w) = {penalty}<br>"
        "J0 + λ·P = {total}<br>λ = {lam}, t = {t}",
        "zh": "<b>{name} 切点</b><br>w = ({w1}, {w2})<br>J0 = {j0}<br>惩罚 P(w) = {penalty}<br>"
        "J0 + λ·P = {total}<br>λ = {lam}，t = {t}",
    },
}


def touches_for_view(scene: dict, view: dict, *, loss: QuadraticLoss | None = None) -> dict[str, Touch]:
    """Touch points of the three regions for the view's mode and slider position.

    ``view``: ``{"mode": "penalized"|"constrained", "slider": v, "l1_ratio": r, ...}``, taken
    on this scene (:func:`components.view.view_for_scene`: a view that keeps its λ keeps it when
    the data change); ``loss``: the scene's loss if the caller has it already (else rebuilt from
    the scene).

    Every touch point's ``t`` is its region's intercept on the axes, the size the picture
    shows: ``||w||_1`` (L1), ``||w||_2`` (L2) and, for the elastic net, the intercept of the
    region ``r ||w||_1 + (1 - r) ||w||_2^2 <= r t + (1 - r) t^2``
    (:func:`geometry.regions.elastic_net_budget`). In constrained mode one t is the intercept of
    every region, so at r = 1 the elastic-net region is the diamond and at r = 0 the circle.
    """
    loss = loss or loss_from_scene(scene)
    view = view_for_scene(view, scene)
    mode = view.get("mode", "penalized")
    value = slider_to_value(scene, mode, view["slider"])
    r = float(view.get("l1_ratio", 0.5))
    out = {}
    for region in REGION_STYLE:
        if mode != "constrained":
            touch = touch_point(loss, region, l1_ratio=r, lam=value)
        elif region == "elasticnet":
            touch = touch_point(loss, region, l1_ratio=r, t=elastic_net_budget(value, l1_ratio=r))
        else:
            touch = touch_point(loss, region, l1_ratio=r, t=value)
        if region == "elasticnet":
            touch = replace(touch, t=value if mode == "constrained" else elastic_net_intercept(touch.t, l1_ratio=r))
        out[region] = touch
    return out


def touch_hover(scene: dict, touch: Touch, l1_ratio: float, *, loss: QuadraticLoss | None = None) -> str:
    """Hover text of a touch point: w, J0, penalty, total objective, lam and t, in the scene's
    language (``scene["lang"]``; the browser writes the same string, ``weight_plane.hoverText``)."""
    loss = loss or loss_from_scene(scene)
    lang = normalize_lang(scene.get("lang"))
    j0 = loss.min_value + loss.excess(touch.w)
    pen = penalty_value(touch.region, touch.w, l1_ratio=l1_ratio)
    total = j0 + touch.lam * pen if math.isfinite(touch.lam) else math.inf
    return text(
        "plane.hover",
        lang,
        name=region_name(touch.region, lang),
        w1=format_number(touch.w[0]),
        w2=format_number(touch.w[1]),
        j0=format_number(j0),
        penalty=format_number(pen),
        total=format_number(total),
        lam=format_number(touch.lam),
        t=format_number(touch.t),
    )


def lp_touch(loss: QuadraticLoss, t: float, p: float) -> np.ndarray:
    """The p-norm ball's touch point on the plane: the global minimiser of J0 over
    ``||w||_p <= t`` (:func:`geometry.constrained_optimum`, certified for p < 1), for the
    diamond's intercept ``t`` (the L1 touch point's ``t`` of :func:`touches_for_view`).

    Returns
    -------
    ndarray of shape (2,)
        The OLS point when it fits the ball, 0 when t = 0.
    """
    return constrained_optimum(loss, "lp", t, p=p)


def lp_hover(scene: dict, w: np.ndarray, t: float, p: float, *, loss: QuadraticLoss | None = None) -> str:
    """Hover text of the p-norm ball's touch point (the browser writes the same string,
    ``weight_plane.lpHoverText``), in the scene's language."""
    loss = loss or loss_from_scene(scene)
    lang = normalize_lang(scene.get("lang"))
    return text(
        "plane.hover_lp",
        lang,
        name=lp_name(p, lang),
        w1=format_number(w[0]),
        w2=format_number(w[1]),
        j0=format_number(loss.min_value + loss.excess(w)),
        t=format_number(t),
    )


def _region_xy(region: str, t: float, l1_ratio: float) -> tuple[list, list]:
    """The outline of the region whose intercept on the axes is t."""
    if region == "elasticnet":
        t = elastic_net_budget(t, l1_ratio=l1_ratio)
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
    order l1, l2, elastic net, p-norm ball; ``None`` between curves); the p-norm ball
    (``view["p"]``) has the diamond's intercept and its touch point is :func:`lp_touch`; ``l1-segment`` the two ends of the edge
    of equally good L1 optima when the lasso's answer is not unique
    (:func:`geometry.l1_solution_segment`), else nothing. A hidden region's traces are sent
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
    touches = touches_for_view(scene, view, loss=loss)
    for region, touch in touches.items():
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
    if "lp" in shown:
        p = float(view.get("p", DEFAULT_P))
        t = float(touches["l1"].t)
        w = lp_touch(loss, t, p)
        boundary = region_boundary("lp", t, p=p, num=CURVE_POINTS)
        x, y = _contour_xy(scene, w, loss)
        if cx and x:
            cx.append(None)
            cy.append(None)
        cx.extend(x)
        cy.extend(y)
        out["lp-region"] = {"x": boundary[:, 0].tolist(), "y": boundary[:, 1].tolist(), "visible": True}
        out["lp-touch"] = {"x": [float(w[0])], "y": [float(w[1])], "visible": True}
        if hover:
            out["lp-touch"]["hovertext"] = [lp_hover(scene, w, t, p, loss=loss)]
    else:
        out["lp-region"] = {"x": [], "y": [], "visible": False}
        out["lp-touch"] = {"x": [], "y": [], "visible": False, **({"hovertext": []} if hover else {})}
    out["touch-contours"] = {"x": cx, "y": cy}
    segment = l1_solution_segment(loss, touches["l1"].w) if "l1" in shown else None
    out["l1-segment"] = (
        {"x": [], "y": []} if segment is None else {"x": segment[:, 0].tolist(), "y": segment[:, 1].tolist()}
    )
    return out

