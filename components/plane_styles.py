"""The weight plane's traces' styles: everything of a trace but its data, by uid.

:func:`trace_style` gives the style of each uid of :data:`components.plane_traces.TRACE_UIDS`
(names and hover texts in English or 中文); :func:`components.plane_traces.moving_traces` gives
the data. The colours come from :mod:`components.plot_style`.
"""

from __future__ import annotations

from .i18n import text
from .plane_traces import TRACE_UIDS
from .plot_style import CONTOUR_COLOR, LP_STYLE, OLS_COLOR, REGION_KEYS, REGION_STYLE, TOUCH_CONTOUR_COLOR, region_name

__all__ = ["trace_style", "STRINGS"]

#: each optimizer path's colour and dash: the L1 rules in the lasso's colour family, weight decay in ridge's
_PATH_LOOK: dict[str, tuple[str, str, float]] = {
    "gd-path-none": ("#495057", "solid", 2.0),
    "gd-path-l2": (REGION_STYLE["l2"]["color"], "dot", 2.5),
    "gd-path-l1-subgradient": ("#9c36b5", "solid", 1.5),
    "gd-path-l1": (REGION_STYLE["l1"]["color"], "solid", 2.5),
    "gd-path-l1-clip": ("#e8590c", "dash", 2.0),
}
#: this module's strings, keyed as the string table's (:func:`components.i18n.text`)
STRINGS: dict[str, dict[str, str]] = {
    "plane.trace.loss_contours": {"en": "loss contours J0", "zh": "损失等高线 J0"},
    "plane.trace.touch_contours": {"en": "contours through the touch points", "zh": "经过切点的等高线"},
    "plane.trace.segment": {"en": "every point of this edge is an L1 optimum", "zh": "这条边上每一点都是 L1 最优解"},
    "plane.trace.cone": {"en": "normal cone", "zh": "法锥"},
    "plane.trace.ols": {"en": "OLS (λ = 0)", "zh": "OLS（λ = 0）"},
    "plane.trace.region": {"en": "{name} region", "zh": "{name} 区域"},
    "plane.trace.optimum": {"en": "{name} optimum", "zh": "{name} 最优解"},
    "plane.trace.lp_region": {"en": "p-norm ball (the diamond's intercept)", "zh": "p 范数球（与菱形截距相同）"},
    "plane.trace.lp_touch": {"en": "p-norm ball optimum (global)", "zh": "p 范数球最优解（全局）"},
}


def _lines(uid: str, name: str, line: dict, **extra) -> dict:
    """A scatter trace drawn as lines without hover (contours and region outlines)."""
    return {"type": "scatter", "uid": uid, "name": name, "mode": "lines", "line": line, "hoverinfo": "skip", **extra}


def trace_style(uid: str, *, lang: str = "en") -> dict:
    """Everything of the weight plane's trace ``uid`` except its data (x, y, visible, hovertext).

    The browser builds the elastic-net traces from these when the elastic net is ticked (the
    page's configuration, ``plane.enTraces``). ``lang``: the language of the OLS point's hover
    text and of the traces' names (the app's legend is HTML, :mod:`components.legend`; an
    exported figure shows plotly's legend with these names).
    """
    if uid == "loss-contours":
        return _lines(uid, text("plane.trace.loss_contours", lang), {"color": CONTOUR_COLOR, "width": 1})
    if uid == "touch-contours":
        return _lines(
            uid,
            text("plane.trace.touch_contours", lang),
            {"color": TOUCH_CONTOUR_COLOR, "width": 2, "dash": "dot"},
        )
    if uid == "l1-segment":
        # a whole edge of L1 optima (duplicated features): under the touch point, thick and pale
        line = {"color": REGION_STYLE["l1"]["color"], "width": 9}
        return _lines(uid, text("plane.trace.segment", lang), line, opacity=0.4)
    if uid in _PATH_LOOK:
        color, dash, width = _PATH_LOOK[uid]
        return {
            "type": "scatter",
            "uid": uid,
            "name": text(f"optimizer_panel.rule.{uid.removeprefix('gd-path-')}", lang),
            "mode": "lines",
            "line": {"color": color, "width": width, "dash": dash},
            "hovertemplate": "k = %{pointNumber}: w = (%{x:.4g}, %{y:.4g})<extra></extra>",
        }
    if uid == "kkt-cone":
        # the normal cone: a filled wedge at a corner, one ray on a smooth boundary, a box at 0
        line = {"color": "#2b8a3e", "width": 2}
        return _lines(uid, text("plane.trace.cone", lang), line, fill="toself", fillcolor="rgba(47,158,68,0.22)")
    if uid == "kkt-gradient":
        return _lines(uid, "−∇J0", {"color": "#212529", "width": 2.5})
    if uid == "ols-point":
        return {
            "type": "scatter",
            "uid": uid,
            "name": text("plane.trace.ols", lang),
            "mode": "markers",
            "marker": {"symbol": "x-thin", "size": 14, "line": {"width": 3, "color": OLS_COLOR}, "color": OLS_COLOR},
            "hovertemplate": f"<b>{text('plane.ols_optimum', lang)}</b><br>w = (%{{x:.4g}}, %{{y:.4g}})<extra></extra>",
        }
    if uid == "lp-region":
        line = {"color": LP_STYLE["color"], "width": 2, "dash": LP_STYLE["dash"]}
        return _lines(uid, text("plane.trace.lp_region", lang), line, fill="toself", fillcolor=LP_STYLE["fill"])
    if uid == "lp-touch":
        return {
            "type": "scatter",
            "uid": uid,
            "name": text("plane.trace.lp_touch", lang),
            "mode": "markers",
            "marker": {"size": 15, "symbol": LP_STYLE["symbol"], "color": LP_STYLE["color"], "line": {"width": 1.5, "color": "white"}},
            "hoverinfo": "text",
        }
    key, part = uid.split("-", 1)
    region = {k: r for r, k in REGION_KEYS.items()}.get(key)
    if region is None or part not in ("region", "touch"):
        raise ValueError(f"uid must be one of {TRACE_UIDS}, got {uid!r}")
    style = REGION_STYLE[region]
    if part == "region":
        line = {"color": style["color"], "width": 2, "dash": style["dash"]}
        name = text("plane.trace.region", lang, name=region_name(region, lang))
        return _lines(uid, name, line, fill="toself", fillcolor=style["fill"])
    return {
        "type": "scatter",
        "uid": uid,
        "name": text("plane.trace.optimum", lang, name=region_name(region, lang)),
        "mode": "markers",
        "marker": {"size": 13, "symbol": style["symbol"], "color": style["color"], "line": {"width": 2, "color": "white"}},
        "hoverinfo": "text",
    }
