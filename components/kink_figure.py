"""The 1-D kink's model and figure: F(x) = f(x) + λ|x| beside f(x) + λx², with the one-sided slopes at 0.

Pure builders (plain JSON-ready dicts, no Dash), used by :mod:`components.kink_panel` for the
figure the page starts with; ``assets/kink_panel.js`` computes the same model and data in the
browser (checked against this module under Node, ``tests/test_kink_node.py``):

- :func:`kink_model`: f for a scene, a view and a source (J0 along w₁ or w₂ with the other
  weight held at the lasso optimum's value, or a parabola a(x − c)²), λ (the L1 touch point's:
  the slider's in penalized mode, the lasso's λ for the budget t in constrained mode) and both
  minimisers; the L1 minimiser along a weight is the plane's L1 touch coordinate in both modes;
- :func:`kink_data`: every trace's x and y (uids :data:`KINK_TRACE_UIDS`) and the axis ranges;
- :func:`kink_figure`: the figure as a plain plotly dict.

The sentences under the figure are :mod:`components.kink_sentences`'. The string keys keep the
prefix ``kink_panel.``.
"""

from __future__ import annotations

import math

from geometry.kink import Quadratic1D, along_weight, kink_curves, kink_grid, l1_minimiser, l2_minimiser, parabola
from geometry.scene import loss_from_scene

from . import i18n
from .i18n import normalize_lang, text
from .plane_traces import touches_for_view
from .plot_style import FAST_AXIS, OLS_COLOR, PLOT_LOOK, REGION_STYLE

__all__ = [
    "KINK_SOURCES",
    "KINK_TRACE_UIDS",
    "KINK_TRACE_INDEX",
    "DEFAULT_A",
    "DEFAULT_C",
    "CURVE_SAMPLES",
    "SEGMENT_LENGTH",
    "PLOT_ASPECT",
    "STRINGS",
    "kink_model",
    "kink_data",
    "kink_figure",
]

#: where f comes from: J0 along w₁ or w₂ (the other held at the lasso's value), or a(x − c)²
KINK_SOURCES: tuple[str, ...] = ("w1", "w2", "parabola")
#: the figure's traces in drawing order
KINK_TRACE_UIDS: tuple[str, ...] = (
    "kink-f",
    "kink-l2-curve",
    "kink-l1-curve",
    "kink-d0",
    "kink-slopes",
    "kink-l2-min",
    "kink-l1-min",
)
KINK_TRACE_INDEX: dict[str, int] = {uid: i for i, uid in enumerate(KINK_TRACE_UIDS)}
#: the parabola's defaults: f(x) = (x − 0.75)², d0 = f′(0) = −1.5, so λ = 0.5 moves the minimum
#: from 0.75 to 0.5 (toward 0) and λ = 2 puts it at exactly 0 (|d0| ≤ λ), the articles' pair
DEFAULT_A = 1.0
DEFAULT_C = 0.75
#: samples of each curve (0 is one of them: the kink is drawn sharp)
CURVE_SAMPLES = 201
#: length of the tangent lines at 0 on each side of 0, as a fraction of the plot's diagonal
#: in axis units (each line runs through (0, f(0)) both ways, so the two one-sided slopes of
#: f + λ|x| show as a wedge)
SEGMENT_LENGTH = 0.22
#: about the width / height of the plotting area (300 px high in the side panel, lab.css): the
#: tangent lines' lengths are measured in it, so that steep and flat ones look alike
PLOT_ASPECT = 2.0

STRINGS: dict[str, dict[str, str]] = {
    "kink_panel.x_title": {"en": "x", "zh": "x"},
    "kink_panel.name_f": {"en": "f(x)", "zh": "f(x)"},
    "kink_panel.name_l1": {"en": "f(x) + λ|x|", "zh": "f(x) + λ|x|"},
    "kink_panel.name_l2": {"en": "f(x) + λx²", "zh": "f(x) + λx²"},
}


def _x_range(source: str, scene: dict, c: float) -> tuple[float, float]:
    """The x axis: the plane's window for that weight (fixed while λ moves), or around 0 and c."""
    if source != "parabola":
        lo, hi = scene["view"]["x" if source == "w1" else "y"]
        return float(lo), float(hi)
    span = abs(c) if c != 0 else 1.0
    return min(0.0, c) - 0.6 * span, max(0.0, c) + 0.6 * span


def kink_model(scene: dict, view: dict, source: str = "w1", *, a: float = DEFAULT_A, c: float = DEFAULT_C) -> dict:
    """What the panel shows for a scene, a view and a source (plain JSON-ready values).

    Parameters
    ----------
    scene : dict
        The ``scene-store`` dict (:func:`components.stores.build_scene`).
    view : dict
        A view ``{"slider", "mode", ...}`` (:mod:`components.view`).
    source : {"w1", "w2", "parabola"}
        f = J0 along w₁ or w₂ with the other weight at the lasso optimum's value, or a(x − c)².
    a, c : float
        The parabola's (used for ``source = "parabola"``); a > 0.

    Returns
    -------
    dict
        ``source``, ``mode``, ``lam`` (the L1 touch point's λ: the slider's in penalized mode,
        the lasso's λ for t in constrained mode), ``t``, ``weight`` (0 or 1, or None),
        ``held`` (the held weight's value, or None), ``a``, ``c``, ``f`` (``{"curvature",
        "slope", "value"}``), ``x1`` (the L1 minimiser, soft thresholding), ``x2`` (the L2
        minimiser), ``touch`` (the lasso optimum) and ``range`` (the x axis).

    Raises
    ------
    ValueError
        An unknown source, or a parabola whose a is not > 0 or whose c is not finite.
    """
    if source not in KINK_SOURCES:
        raise ValueError(f"source must be one of {', '.join(KINK_SOURCES)}, got {source!r}")
    touch = touches_for_view(scene, view)["l1"]
    lam = float(touch.lam)
    if source == "parabola":
        f = parabola(a, c)
        weight = held = None
    else:
        weight = 0 if source == "w1" else 1
        f = along_weight(loss_from_scene(scene), weight, touch.w)
        held = float(touch.w[1 - weight])
    return {
        "source": source,
        "mode": view.get("mode", "penalized"),
        "lam": lam,
        "t": float(touch.t),
        "weight": weight,
        "held": held,
        "a": float(a),
        "c": float(c),
        "f": {"curvature": f.curvature, "slope": f.slope, "value": f.value},
        "x1": l1_minimiser(f, lam),
        "x2": l2_minimiser(f, lam),
        "touch": [float(v) for v in touch.w],
        "range": list(_x_range(source, scene, float(c))),
    }


def _segment(slope: float, x_span: float, y_span: float) -> float:
    """How far in x a tangent of this slope runs to be SEGMENT_LENGTH long in a plot of height 1
    and width PLOT_ASPECT."""
    return SEGMENT_LENGTH / math.hypot(PLOT_ASPECT / x_span, slope / y_span)


def kink_data(model: dict) -> dict:
    """The figure's moving parts for a model: every trace's points and the axis ranges.

    Parameters
    ----------
    model : dict
        As :func:`kink_model` returns it.

    Returns
    -------
    dict
        ``{uid: {"x": list, "y": list}}`` for each uid of :data:`KINK_TRACE_UIDS`, and
        ``xrange``, ``yrange`` (``[lo, hi]`` each). The curves hold :data:`CURVE_SAMPLES`
        points over ``model["range"]``; ``kink-slopes`` holds two lines through (0, f(0)) with
        the one-sided slopes d0 − λ and d0 + λ (a ``None`` between them), ``kink-d0`` one with
        the slope d0, each :data:`SEGMENT_LENGTH` of the plot's diagonal long.

    Notes
    -----
    The y axis runs from a little below f's lowest value on the x axis to f(0) plus the depth
    f(0) − min f again (at least a quarter of f's rise over the axis): every curve passes
    through (0, f(0)) and each minimum lies between min f and f(0).
    """
    f = Quadratic1D(**model["f"])
    lam = model["lam"]
    lo, hi = model["range"]
    x = kink_grid(lo, hi, CURVE_SAMPLES)
    curves = kink_curves(f, lam, x)
    base = curves["f"]
    f0 = f.value
    f_min, f_max = float(base.min()), float(base.max())
    if f.curvature > 0:
        f_min = min(f_min, float(f(min(max(f.minimiser, lo), hi))))
    depth = max(f0 - f_min, 0.25 * (f_max - f_min), 1e-12 * max(1.0, abs(f0)))
    y_lo, y_hi = f_min - 0.12 * depth, f0 + depth
    x_span, y_span = hi - lo, y_hi - y_lo
    d0 = f.slope
    left, right = d0 - lam, d0 + lam
    dl, dr, dm = _segment(left, x_span, y_span), _segment(right, x_span, y_span), _segment(d0, x_span, y_span)
    x1, x2 = model["x1"], model["x2"]
    return {
        "kink-f": {"x": x.tolist(), "y": base.tolist()},
        "kink-l2-curve": {"x": x.tolist(), "y": curves["l2"].tolist()},
        "kink-l1-curve": {"x": x.tolist(), "y": curves["l1"].tolist()},
        "kink-d0": {"x": [-dm, 0.0, dm], "y": [f0 - dm * d0, f0, f0 + dm * d0]},
        "kink-slopes": {
            "x": [-dl, dl, None, -dr, dr],
            "y": [f0 - dl * left, f0 + dl * left, None, f0 - dr * right, f0 + dr * right],
        },
        "kink-l2-min": {"x": [x2], "y": [float(f(x2)) + lam * x2 * x2]},
        "kink-l1-min": {"x": [x1], "y": [float(f(x1)) + lam * abs(x1)]},
        "xrange": [lo, hi],
        "yrange": [y_lo, y_hi],
    }


def _trace_styles(lang: str) -> dict[str, dict]:
    l1, l2 = REGION_STYLE["l1"], REGION_STYLE["l2"]
    curve = {"type": "scatter", "mode": "lines", "hovertemplate": "x = %{x:.4g}<br>%{y:.4g}<extra>%{fullData.name}</extra>"}
    point = {"type": "scatter", "mode": "markers", "showlegend": False, "hovertemplate": "x = %{x:.4g}<extra></extra>"}
    return {
        "kink-f": {**curve, "name": text("kink_panel.name_f", lang), "line": {"color": "#868e96", "width": 1.5, "dash": "dot"}},
        "kink-l2-curve": {**curve, "name": text("kink_panel.name_l2", lang), "line": {"color": l2["color"], "width": 2.5, "dash": l2["dash"]}},
        "kink-l1-curve": {**curve, "name": text("kink_panel.name_l1", lang), "line": {"color": l1["color"], "width": 2.5, "dash": l1["dash"]}},
        "kink-d0": {
            "type": "scatter", "mode": "lines+text", "showlegend": False, "hoverinfo": "skip",
            "line": {"color": l2["color"], "width": 2, "dash": "dot"},
            "text": ["", "", "d₀"], "textposition": "bottom right", "textfont": {"color": l2["color"]},
        },
        "kink-slopes": {
            "type": "scatter", "mode": "lines+text", "showlegend": False, "hoverinfo": "skip",
            "line": {"color": OLS_COLOR, "width": 3},
            "text": ["d₀ − λ", "", "", "", "d₀ + λ"], "textposition": ["top left", "top center", "top center", "top center", "top right"],
            "textfont": {"color": OLS_COLOR},
        },
        "kink-l2-min": {
            **point, "name": text("kink_panel.name_l2", lang),
            "marker": {"symbol": l2["symbol"], "size": 11, "color": l2["color"], "line": {"color": "white", "width": 1.5}},
        },
        "kink-l1-min": {
            **point, "name": text("kink_panel.name_l1", lang),
            "marker": {"symbol": l1["symbol"], "size": 13, "color": l1["color"], "line": {"color": "white", "width": 1.5}},
        },
    }  # fmt: skip


def kink_figure(model: dict, *, lang: str = i18n.DEFAULT_LANG) -> dict:
    """The kink figure for a model, as a plain plotly dict.

    Parameters
    ----------
    model : dict
        As :func:`kink_model` returns it.
    lang : {"en", "zh"}
        The language of the trace names and the axis title.

    Returns
    -------
    dict
        ``{"data", "layout"}``: the traces in :data:`KINK_TRACE_UIDS` order, each with its
        ``uid`` and the points of :func:`kink_data`; the axes' ranges are its ``xrange`` and
        ``yrange``.
    """
    lang = normalize_lang(lang)
    data = kink_data(model)
    styles = _trace_styles(lang)
    axis = {**FAST_AXIS, "zeroline": True, "zerolinewidth": 1.5, "zerolinecolor": "#868e96"}
    return {
        "data": [{"uid": uid, **styles[uid], **data[uid]} for uid in KINK_TRACE_UIDS],
        "layout": {
            **PLOT_LOOK,
            "xaxis": {**axis, "range": data["xrange"], "title": {"text": text("kink_panel.x_title", lang), "standoff": 4}},
            "yaxis": {**axis, "range": data["yrange"]},
            "margin": {"l": 48, "r": 12, "t": 30, "b": 40},
            "showlegend": True,
            "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "font": {"size": 12}},
            "hovermode": "closest",
            "dragmode": False,
            "font": {"size": 13},
        },
    }
