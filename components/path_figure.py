"""The regularization path figure (``path-plot``): every weight against λ for L1, L2 and the elastic net.

Pure builders of plain-dict figures, any number d of weights (the lab has two); the numbers
(λ axis and grid, the exact lasso curve and its events, the other regions' curves, the current
λ) come from :mod:`components.path_model`:

- :func:`path_figure_for_loss` and :func:`path_figure` (the lab's scene and view): the figure
  as a plain dict;
- :func:`path_uid`, :func:`weight_label`: the curves' uids and names;
- :func:`curve_trace`, :func:`region_group_name`: one weight's curve and a legend group's title
  (also used by :mod:`components.dataset_path_figure`, the path of dataset mode).

Trace order (fixed, so that indices do not depend on the regions shown): ``path-now``,
``path-l1-knots``, then ``path-l1-0 … path-l1-{d-1}``, ``path-l2-0 …``, ``path-en-0 …``. A region
not shown keeps its traces with ``visible = False`` (and no data).
"""

from __future__ import annotations

import math

import numpy as np

from geometry import QuadraticLoss
from geometry.paths import LassoPath, lasso_path_breakpoints
from geometry.scene import loss_from_scene
from geometry.solvers import lambda_max as loss_lambda_max
from geometry.validation import check_l1_ratio, check_loss

from .formatting import format_number
from .i18n import text
from .path_model import (
    GRID_POINTS,
    lambda_range,
    lasso_events,
    now_lambda,
    region_curves,
    scene_lasso_path,
)
from .plot_style import FAST_AXIS, OLS_COLOR, PLOT_LOOK, REGION_KEYS, REGION_STYLE, region_name

__all__ = [
    "NOW_UID",
    "KNOTS_UID",
    "TRACE_INDEX",
    "PLOT_HEIGHT",
    "STRINGS",
    "path_uid",
    "weight_label",
    "path_figure_for_loss",
    "path_figure",
    "curve_trace",
    "region_group_name",
]

NOW_UID = "path-now"
KNOTS_UID = "path-l1-knots"
#: the traces whose index does not depend on d
TRACE_INDEX: dict[str, int] = {NOW_UID: 0, KNOTS_UID: 1}
#: the figure's height in pixels (the legend below the axes included)
PLOT_HEIGHT = 420
#: how much lighter weight k's curve is than weight 0's (the last weight: this fraction towards white)
_SHADE = 0.5
_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")

STRINGS: dict[str, dict[str, str]] = {
    "path_figure.x_title": {"en": "λ (log scale)", "zh": "λ（对数刻度）"},
    "path_figure.y_title": {"en": "weight", "zh": "权重"},
    "path_figure.now": {"en": "current λ", "zh": "当前 λ"},
    "path_figure.knots": {"en": "L1 breakpoints", "zh": "L1 断点"},
    "path_figure.enters": {"en": "{w} enters: non-zero for λ < {lam}", "zh": "{w} 进入：λ < {lam} 时非零"},
    "path_figure.leaves": {
        "en": "{w} leaves: exactly 0 for λ just below {lam}",
        "zh": "{w} 离开：λ 略小于 {lam} 时恰为 0",
    },
    "path_figure.failed": {"en": "The path cannot be drawn: {reason}", "zh": "无法绘制路径：{reason}"},
}


def path_uid(region: str, k: int) -> str:
    """The uid of weight ``k``'s curve of a region: ``path-l1-0``, ``path-l2-1``, ``path-en-0``, ….

    Raises
    ------
    ValueError
        For a region other than ``"l1"``, ``"l2"``, ``"elasticnet"``, or a negative ``k``.
    """
    if region not in REGION_KEYS:
        raise ValueError(f"region must be one of {tuple(REGION_KEYS)}, got {region!r}")
    if not isinstance(k, (int, np.integer)) or k < 0:
        raise ValueError(f"k must be a whole number >= 0, got {k!r}")
    return f"path-{REGION_KEYS[region]}-{int(k)}"


def weight_label(k: int, feature_names=None) -> str:
    """``w₁``, ``w₂``, … (weight ``k`` counted from 0), with its feature's name if known: ``w₁ (x)``."""
    name = f"w{str(k + 1).translate(_SUBSCRIPTS)}"
    if feature_names is not None and k < len(feature_names) and feature_names[k]:
        return f"{name} ({feature_names[k]})"
    return name


def _shade(color: str, fraction: float) -> str:
    """``color`` (``#rrggbb``) moved ``fraction`` of the way towards white."""
    rgb = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * fraction):02x}" for c in rgb)


def region_group_name(region: str, l1_ratio: float, lang: str) -> str:
    """The region's name as a legend group's title (the elastic net's with its mix r)."""
    name = region_name(region, lang)
    return f"{name} (r = {format_number(l1_ratio)})" if region == "elasticnet" else name


def curve_trace(region: str, k: int, d: int, name: str, group: str, lams, ws, visible: bool) -> dict:
    """Weight ``k``'s curve (of ``d``) of a region: uid :func:`path_uid`, its legend group
    ``region`` titled ``group`` on weight 0's trace; empty and hidden unless ``visible``."""
    style = REGION_STYLE[region]
    shade = _SHADE * k / (d - 1) if d > 1 else 0.0
    trace = {
        "type": "scatter",
        "uid": path_uid(region, k),
        "name": name,
        "legendgroup": region,
        "mode": "lines",
        "line": {"color": _shade(style["color"], shade), "width": 2.6 if k == 0 else 2.0, "dash": style["dash"]},
        "hovertemplate": f"<b>{group}</b><br>{name}<br>λ = %{{x:.4g}}<br>w = %{{y:.4g}}<extra></extra>",
        "visible": visible,
        "x": lams.tolist() if visible else [],
        "y": ws.tolist() if visible else [],
    }
    if k == 0:
        trace["legendgrouptitle"] = {"text": group}
    return trace


def path_figure_for_loss(
    loss: QuadraticLoss,
    *,
    lam_now: float,
    shown=("l1", "l2"),
    l1_ratio: float = 0.5,
    feature_names=None,
    path: LassoPath | None = None,
    lang: str = "en",
    num: int = GRID_POINTS,
    lam_range: tuple[float, float] | None = None,
    highlight=None,
    group_names: dict | None = None,
) -> dict:
    """The regularization path figure of a loss with d weights, as a plain dict.

    Parameters
    ----------
    loss : QuadraticLoss
        Its :func:`geometry.solvers.lambda_max` must be > 0.
    lam_now : float >= 0
        Where the ``path-now`` line stands (clamped into the axis' range).
    shown : iterable of {"l1", "l2", "en"}
        The regions whose curves are visible (the others are sent empty and hidden).
    l1_ratio : float in [0, 1]
        The elastic net's mix r.
    feature_names : sequence of d str, optional
        Named in the weights' labels (``w₁ (x)``).
    path : LassoPath, optional
        The loss' lasso homotopy, if the caller has it already.
    lang : {"en", "zh"}
    num : int >= 2
        Points of the log-λ grid.
    lam_range : (float, float), optional
        The x-axis' λ range ``0 < lo < hi``, by default :func:`lambda_range` of the loss.
    highlight : iterable of int, optional
        Weights drawn bold and listed in the legend; the others thin, pale and out of the legend
        (by default every weight as usual).
    group_names : dict, optional
        ``{region: str}``: a legend group's title instead of the region's name.

    Returns
    -------
    dict
        ``{"data": [...], "layout": {...}}``: traces in the order of the module's docstring;
        ``layout.meta`` holds ``{"lambda_range": [lo, hi], "d": d}``.

    Raises
    ------
    ValueError
        A loss that is not a QuadraticLoss or has lambda_max = 0, ``lam_now`` not a number >= 0,
        ``l1_ratio`` outside [0, 1], or ``num`` < 2.
    """
    check_loss(loss)
    r = check_l1_ratio(l1_ratio)
    if not isinstance(lam_now, (int, float, np.floating)) or not lam_now >= 0:
        raise ValueError(f"lam_now must be a number >= 0, got {lam_now!r}")
    lo, hi = lambda_range(loss_lambda_max(loss)) if lam_range is None else (float(lam_range[0]), float(lam_range[1]))
    if not 0 < lo < hi < math.inf:
        raise ValueError(f"lam_range must be (lo, hi) with 0 < lo < hi < inf, got {lam_range!r}")
    bold = None if highlight is None else {int(k) for k in highlight}
    path = path if path is not None else lasso_path_breakpoints(loss)
    d = loss.dim
    shown = set(shown)
    at = min(max(float(lam_now), lo), hi)
    data: list[dict] = [
        {
            "type": "scatter",
            "uid": NOW_UID,
            "name": text("path_figure.now", lang),
            "mode": "lines",
            "x": [at, at],
            "y": [0, 1],
            "yaxis": "y2",
            "line": {"color": OLS_COLOR, "width": 1.5, "dash": "dot"},
            "hoverinfo": "skip",
            "showlegend": False,
        }
    ]
    l1_visible = "l1" in shown
    events = lasso_events(path, lo, hi) if l1_visible else []
    l1_style = REGION_STYLE["l1"]
    data.append(
        {
            "type": "scatter",
            "uid": KNOTS_UID,
            "name": text("path_figure.knots", lang),
            "legendgroup": "l1",
            "mode": "markers",
            "marker": {
                "symbol": l1_style["symbol"],
                "size": 9,
                "color": l1_style["color"],
                "line": {"width": 1.5, "color": "white"},
            },
            "x": [lam for lam, _, _ in events],
            "y": [0.0] * len(events),
            "hovertext": [
                text(f"path_figure.{kind}", lang, w=weight_label(k, feature_names), lam=format_number(lam))
                for lam, k, kind in events
            ],
            "hoverinfo": "text",
            "visible": l1_visible,
        }
    )
    for region, (lams, ws) in region_curves(loss, shown, lo, hi, l1_ratio=r, path=path, num=num).items():
        visible = REGION_KEYS[region] in shown
        group = (group_names or {}).get(region) or region_group_name(region, r, lang)
        for k in range(d):
            column = ws[:, k] if visible else np.empty(0)
            trace = curve_trace(region, k, d, weight_label(k, feature_names), group, lams, column, visible)
            if bold is not None:
                # the bold weights alone are in the legend (the others say who they are on hover)
                trace["line"]["width"] = 2.8 if k in bold else 1.2
                trace["opacity"] = 1.0 if k in bold else 0.45
                trace["showlegend"] = k in bold
                trace.pop("legendgrouptitle", None)
                if k == min(bold):
                    trace["legendgrouptitle"] = {"text": group}
            data.append(trace)
    layout = {
        **PLOT_LOOK,
        "height": PLOT_HEIGHT,
        "margin": {"l": 52, "r": 12, "t": 10, "b": 40},
        "xaxis": {
            **FAST_AXIS,
            "type": "log",
            "range": [math.log10(lo), math.log10(hi)],
            "title": {"text": text("path_figure.x_title", lang), "standoff": 4},
            "fixedrange": True,
        },
        "yaxis": {
            **FAST_AXIS,
            "title": {"text": text("path_figure.y_title", lang), "standoff": 4},
            "zeroline": True,
            "zerolinecolor": "#495057",
            "zerolinewidth": 1,
            "fixedrange": True,
        },
        "yaxis2": {"overlaying": "y", "range": [0, 1], "visible": False, "fixedrange": True},
        "legend": {
            "orientation": "h",
            "x": 0,
            "y": -0.2,
            "yanchor": "top",
            "font": {"size": 11},
            "groupclick": "toggleitem",
        },
        "hovermode": "closest",
        "dragmode": False,
        "meta": {"lambda_range": [lo, hi], "d": d},
    }
    return {"data": data, "layout": layout}


def path_figure(scene: dict, view: dict, *, lang: str = "en", loss: QuadraticLoss | None = None) -> dict:
    """The lab's path figure for a scene (``scene-store``) and a view (``current-view``).

    The curves show the view's regions (``view["shown"]``) and mix (``view["l1_ratio"]``);
    ``path-now`` stands at :func:`now_lambda`. Uses the scene's ``lasso_path`` if it has one.

    Raises
    ------
    ValueError
        As :func:`path_figure_for_loss`, or for a dict that is not a scene bundle.
    """
    loss = loss or loss_from_scene(scene)
    return path_figure_for_loss(
        loss,
        lam_now=now_lambda(scene, view, loss=loss),
        shown=view.get("shown", ("l1", "l2")),
        l1_ratio=float(view.get("l1_ratio", 0.5)),
        feature_names=scene.get("feature_names"),
        path=scene_lasso_path(scene),
        lang=lang,
    )
