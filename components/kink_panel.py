"""The 1-D kink: F(x) = f(x) + λ|x| beside f(x) + λx², with the one-sided slopes at 0 (issue 13).

A collapsed ``<details>`` in the side panel (it costs nothing while closed). f is the current
problem along one weight, J0 with the other weight held at the lasso optimum's value (the 1-D
L1 minimiser is then exactly that optimum's coordinate, the L1 touch point of the plane), or a
parabola a(x − c)² the user sets. λ is the lab's λ: the slider's λ in penalized mode, and in
constrained mode the lasso's λ for the budget t (the equivalent λ of the L1 touch point), so
that the L1 minimiser is the plane's L1 touch coordinate in both modes.

The server draws the first figure (:func:`kink_figure` of :func:`kink_model`); the browser
follows λ, the data and the panel's own controls with the clientside callback
``kink_panel.follow`` (``assets/kink_panel.js``, the same model and data, checked against this
module under Node), and only while the panel is open: a closed panel returns ``no_update``, and
on opening the script draws the latest state once.
"""

from __future__ import annotations

import json
import math

from dash import ClientsideFunction, Dash, Input, Output, dcc, html

from geometry.kink import Quadratic1D, along_weight, kink_curves, kink_grid, l1_minimiser, l2_minimiser, parabola
from geometry.scene import loss_from_scene

from .formatting import format_number
from . import i18n
from .i18n import normalize_lang, text
from .plane_traces import touches_for_view
from .plot_style import FAST_AXIS, GRAPH_CONFIG, OLS_COLOR, PLOT_LOOK, REGION_STYLE
from .problem import ProblemError
from .stores import CURRENT_VIEW, SCENE_STORE, build_scene

__all__ = [
    "KINK_DETAILS",
    "KINK_SOURCE",
    "KINK_A",
    "KINK_C",
    "KINK_MESSAGE",
    "KINK_PLOT",
    "KINK_TEXT",
    "KINK_SOURCES",
    "KINK_TRACE_UIDS",
    "KINK_TRACE_INDEX",
    "DEFAULT_A",
    "DEFAULT_C",
    "CURVE_SAMPLES",
    "SEGMENT_LENGTH",
    "PLOT_ASPECT",
    "STRINGS",
    "TEXT_KEYS",
    "kink_model",
    "kink_data",
    "kink_figure",
    "kink_text",
    "strings_for",
    "script_config",
    "layout",
    "register_callbacks",
]

KINK_DETAILS = "kink-details"
KINK_SOURCE = "kink-source"
KINK_A = "kink-a"
KINK_C = "kink-c"
KINK_MESSAGE = "kink-message"
KINK_PLOT = "kink-plot"
KINK_TEXT = "kink-text"

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
    "kink_panel.summary": {
        "en": "Lesson: why L1 gives exact zeros (the kink at 0)",
        "zh": "课程：为什么 L1 给出恰好为 0 的权重（0 处的尖点）",
    },
    "kink_panel.intro": {
        "en": "One weight at a time: F(x) = f(x) + λ|x| (L1) beside f(x) + λx² (L2), with the lab's λ.",
        "zh": "每次只看一个权重：F(x) = f(x) + λ|x|（L1）与 f(x) + λx²（L2）对比，λ 取实验室当前的 λ。",
    },
    "kink_panel.source": {"en": "f(x) is", "zh": "f(x) 取"},
    "kink_panel.source_w1": {"en": "J0 along w₁", "zh": "J0 沿 w₁"},
    "kink_panel.source_w2": {"en": "J0 along w₂", "zh": "J0 沿 w₂"},
    "kink_panel.source_parabola": {"en": "a parabola a(x − c)²", "zh": "抛物线 a(x − c)²"},
    "kink_panel.bad_a": {
        "en": "a must be a number > 0; the picture keeps the last valid parabola.",
        "zh": "a 必须是大于 0 的数；图中保留上一个有效的抛物线。",
    },
    "kink_panel.bad_c": {
        "en": "c must be a number; the picture keeps the last valid parabola.",
        "zh": "c 必须是一个数；图中保留上一个有效的抛物线。",
    },
    "kink_panel.description": {
        "en": "The 1-D objectives f(x) + λ|x| and f(x) + λx² with their minimisers and the slopes at 0.",
        "zh": "一维目标 f(x) + λ|x| 与 f(x) + λx²，标出各自的最小点和 0 处的斜率。",
    },
    "kink_panel.x_title": {"en": "x", "zh": "x"},
    "kink_panel.name_f": {"en": "f(x)", "zh": "f(x)"},
    "kink_panel.name_l1": {"en": "f(x) + λ|x|", "zh": "f(x) + λ|x|"},
    "kink_panel.name_l2": {"en": "f(x) + λx²", "zh": "f(x) + λx²"},
    # the sentences under the figure ({fields} are numbers as the lab writes them)
    "kink_panel.f_weight": {
        "en": "f(x) = J0 with w{k} = x and w{o} held at the lasso's w{o} = {held}: d₀ = f′(0) = {d0}, "
        "f″ = {curv}, λ = {lam}. Its L1 minimiser is the lasso's w{k}, the L1 touch point of the plane.",
        "zh": "f(x) = J0，其中 w{k} = x，w{o} 固定为 lasso 的 w{o} = {held}：d₀ = f′(0) = {d0}，"
        "f″ = {curv}，λ = {lam}。它的 L1 最小点就是 lasso 的 w{k}，即权重平面上的 L1 切点。",
    },
    "kink_panel.f_parabola": {
        "en": "f(x) = {a}·(x − {c})²: d₀ = f′(0) = −2ac = {d0}, f″ = 2a = {curv}, λ = {lam}.",
        "zh": "f(x) = {a}·(x − {c})²：d₀ = f′(0) = −2ac = {d0}，f″ = 2a = {curv}，λ = {lam}。",
    },
    "kink_panel.constrained": {
        "en": " (Constrained mode: λ is the lasso's λ for the budget t = {t}.)",
        "zh": "（约束模式：λ 是预算 t = {t} 对应的 lasso 的 λ。）",
    },
    "kink_panel.l1_zero": {
        "en": "L1: 0 is the minimum because d₀ − λ = {left} {op_left} 0 {op_right} d₀ + λ = {right}: "
        "F falls into 0 from the left and rises after it, so x = 0 exactly (|d₀| ≤ λ).",
        "zh": "L1：0 是最小点，因为 d₀ − λ = {left} {op_left} 0 {op_right} d₀ + λ = {right}："
        "F 从左边降到 0，过了 0 又上升，所以 x 恰好为 0（|d₀| ≤ λ）。",
    },
    "kink_panel.l1_right": {
        "en": "L1: 0 is not the minimum because d₀ + λ = {right} < 0: F still falls right of 0. "
        "The minimum is at x = −(d₀ + λ)/f″ = {x}.",
        "zh": "L1：0 不是最小点，因为 d₀ + λ = {right} < 0：F 在 0 的右边仍在下降。"
        "最小点在 x = −(d₀ + λ)/f″ = {x}。",
    },
    "kink_panel.l1_left": {
        "en": "L1: 0 is not the minimum because d₀ − λ = {left} > 0: F still falls left of 0. "
        "The minimum is at x = −(d₀ − λ)/f″ = {x}.",
        "zh": "L1：0 不是最小点，因为 d₀ − λ = {left} > 0：F 在 0 的左边仍在下降。"
        "最小点在 x = −(d₀ − λ)/f″ = {x}。",
    },
    "kink_panel.l2_nonzero": {
        "en": "L2: the slope at 0 stays d₀ = {d0} ≠ 0 for every λ, so 0 is not the minimum: "
        "x = −d₀/(f″ + 2λ) = {x}. With λx², x = 0 only if d₀ = 0.",
        "zh": "L2：对任何 λ，0 处的斜率都是 d₀ = {d0} ≠ 0，所以 0 不是最小点："
        "x = −d₀/(f″ + 2λ) = {x}。用 λx² 时，只有 d₀ = 0 才有 x = 0。",
    },
    "kink_panel.l2_zero": {
        "en": "L2: the slope at 0 is d₀ = 0, so x = 0 is the minimum (f's own minimum is at 0).",
        "zh": "L2：0 处的斜率 d₀ = 0，所以 x = 0 是最小点（f 本身的最小点就在 0）。",
    },
}
#: the strings the script writes with (the panel carries them in its page's language)
TEXT_KEYS: tuple[str, ...] = tuple(
    key.removeprefix("kink_panel.")
    for key in STRINGS
    if key.startswith(("kink_panel.f_", "kink_panel.l1_", "kink_panel.l2_", "kink_panel.bad_", "kink_panel.constrained"))
)


def strings_for(lang: str) -> dict[str, str]:
    """The templates :func:`kink_text` fills in, in ``lang``, keyed without the module prefix."""
    return {key: text(f"kink_panel.{key}", lang) for key in TEXT_KEYS}


def script_config() -> dict:
    """What ``assets/kink_panel.js`` reads from ``lab.config().kink``: the trace indices, the
    samples per curve, the tangent lines' length and the plot's assumed aspect."""
    return {
        "traceIndex": dict(KINK_TRACE_INDEX),
        "samples": CURVE_SAMPLES,
        "segment": SEGMENT_LENGTH,
        "aspect": PLOT_ASPECT,
    }


# ---------------------------------------------------------------------------- the model
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
    """The figure's moving parts for a model: ``{uid: {"x", "y"}}`` for every trace and the axis
    ranges ``xrange``, ``yrange``.

    ``kink-slopes`` holds two lines through (0, f(0)) with the one-sided slopes d0 − λ and
    d0 + λ (a ``None`` between them), ``kink-d0`` one with the slope d0.

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
    """The kink figure for a model (:func:`kink_model`) as a plain plotly dict; traces in
    :data:`KINK_TRACE_UIDS` order, each with its ``uid``."""
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


def _fill(template: str, **fields) -> str:
    return template.format(**fields)


def kink_text(model: dict, *, lang: str = i18n.DEFAULT_LANG) -> str:
    """The sentences under the figure (newline-separated): what f is with its live numbers, why
    0 is (or is not) the L1 minimum, and why it is not the L2 minimum unless d0 = 0."""
    s = strings_for(normalize_lang(lang))
    fmt = format_number
    f, lam = model["f"], model["lam"]
    d0 = f["slope"]
    if model["source"] == "parabola":
        head = _fill(s["f_parabola"], a=fmt(model["a"]), c=fmt(model["c"]), d0=fmt(d0), curv=fmt(f["curvature"]), lam=fmt(lam))
    else:
        k = model["weight"]
        head = _fill(
            s["f_weight"], k="₁₂"[k], o="₁₂"[1 - k], held=fmt(model["held"]), d0=fmt(d0), curv=fmt(f["curvature"]), lam=fmt(lam)
        )
    if model["mode"] == "constrained":
        head += _fill(s["constrained"], t=fmt(model["t"]))
    left, right = d0 - lam, d0 + lam
    if model["x1"] == 0:
        l1 = _fill(
            s["l1_zero"], left=fmt(left), right=fmt(right), op_left="<" if left < 0 else "≤", op_right="<" if right > 0 else "≤"
        )
    elif right < 0:
        l1 = _fill(s["l1_right"], right=fmt(right), x=fmt(model["x1"]))
    else:
        l1 = _fill(s["l1_left"], left=fmt(left), x=fmt(model["x1"]))
    l2 = _fill(s["l2_zero"]) if d0 == 0 else _fill(s["l2_nonzero"], d0=fmt(d0), x=fmt(model["x2"]))
    return "\n".join([head, l1, l2])


# ---------------------------------------------------------------------------- the panel
def layout(page) -> list:
    """The collapsed panel (``page``: :class:`authoring.url_state.PageState`), drawn for the
    page's state and view with f along w₂ if the lasso sets w₂ (and not w₁) to 0 there, else
    along w₁."""
    lang = normalize_lang(getattr(page, "lang", i18n.DEFAULT_LANG))
    state = {**page.state, "lang": lang}
    source = "w1"
    try:
        scene = build_scene(state, plane_only=True)
        model = kink_model(scene, page.view, "w1")
        if model["touch"][1] == 0 and model["touch"][0] != 0:  # open on the weight the lasso sets to 0
            source = "w2"
            model = kink_model(scene, page.view, source)
        figure, sentences = kink_figure(model, lang=lang), kink_text(model, lang=lang)
    except (ProblemError, ValueError):  # a page whose problem cannot be drawn: the panel waits for a scene
        figure, sentences = {"data": [], "layout": {}}, ""
    options = [{"label": text(f"kink_panel.source_{key}", lang), "value": key} for key in KINK_SOURCES]
    return [
        html.Details(
            id=KINK_DETAILS,
            className="kink-panel",
            open=False,
            **{"data-strings": json.dumps(strings_for(lang), ensure_ascii=False)},
            children=[
                html.Summary(text("kink_panel.summary", lang)),
                text("kink_panel.intro", lang),
                html.Div(
                    className="kink-controls",
                    children=[
                        text("kink_panel.source", lang),
                        dcc.RadioItems(id=KINK_SOURCE, options=options, value=source, inline=True, className="kink-source"),
                        html.Div(
                            className="kink-parabola",
                            children=[
                                "a =",
                                dcc.Input(id=KINK_A, type="number", value=DEFAULT_A, step="any", className="kink-number"),
                                "c =",
                                dcc.Input(id=KINK_C, type="number", value=DEFAULT_C, step="any", className="kink-number"),
                            ],
                        ),
                        html.Span(id=KINK_MESSAGE, className="kink-message", role="alert", children=""),
                    ],
                ),
                html.Div(
                    role="img",
                    className="kink-box",
                    **{"aria-label": text("kink_panel.description", lang), "aria-describedby": KINK_TEXT},
                    children=dcc.Graph(id=KINK_PLOT, figure=figure, config=GRAPH_CONFIG, className="kink-plot"),
                ),
                html.P(id=KINK_TEXT, className="kink-text", **{"aria-live": "polite"}, children=sentences),
            ],
        )
    ]


def register_callbacks(app: Dash) -> None:
    """The figure, its sentences and the parabola's message follow λ (each step the plane has
    drawn), the data and the panel's controls, in the browser, while the panel is open."""
    app.clientside_callback(
        ClientsideFunction(namespace="kink_panel", function_name="follow"),
        Output(KINK_PLOT, "figure"),
        Output(KINK_TEXT, "children"),
        Output(KINK_MESSAGE, "children"),
        Input(CURRENT_VIEW, "data"),
        Input(SCENE_STORE, "data"),
        Input(KINK_SOURCE, "value"),
        Input(KINK_A, "value"),
        Input(KINK_C, "value"),
        prevent_initial_call=True,
    )
