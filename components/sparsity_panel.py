"""Sparsity statistics: how often L1, L2 and the elastic net give exact zeros over many random problems (issue 14).

A collapsed ``<details>`` (class ``secondary``) in the side panel: five sliders (number of
problems, dimension d, feature correlation ρ, noise σ, λ/λ_max), a box "use the lab's λ/λ_max",
and one graph (``sparsity-plot``, built by :func:`sparsity_figure`). Ten components in all, and
nothing runs while the panel is closed:

- Dash's ``html.Details`` does not report the user's toggles, so ``assets/sparsity_panel.js``
  writes its ``open`` property on each ``toggle`` event;
- ``sparsity_panel.gate`` (clientside) writes ``sparsity-request`` only while the panel is open,
  and only when the request changed: a control, the elastic net's mix r, or (with the box
  ticked) λ at rest (``view-store``);
- :func:`update_figure` (server) draws the Monte-Carlo for that request
  (:func:`monte_carlo`: :mod:`geometry.sparsity`, exact optima, zeros counted ``== 0.0``).

The figure's title is the caption: how many problems were solved and how long it took, and the
shares of exactly-zero weights at the current λ/λ_max.
"""

from __future__ import annotations

import math
import time

import numpy as np
from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from geometry.regions import region_boundary
from geometry.sparsity import (
    SPARSITY_PENALTIES,
    SparsityStudy,
    random_problems,
    sparsity_study,
    touch_classes,
    unit_touch_points,
)

from .formatting import format_number
from .i18n import normalize_lang, text
from .lambda_control import SLIDER_MAX, SLIDER_MIN
from .path_figure import now_lambda
from .plot_style import FAST_AXIS, GRAPH_CONFIG, OLS_COLOR, PLOT_LOOK, REGION_STYLE, blank_figure, region_name
from .stores import LAB_STATE, SCENE_STORE, VIEW_STORE
from .view import view_with_defaults

__all__ = [
    "SPARSITY_DETAILS",
    "SPARSITY_COUNT",
    "SPARSITY_DIM",
    "SPARSITY_RHO",
    "SPARSITY_NOISE",
    "SPARSITY_LAMBDA",
    "SPARSITY_FOLLOW",
    "SPARSITY_PLOT",
    "SPARSITY_REQUEST",
    "DEFAULTS",
    "SEED",
    "GRID",
    "CURVE_UIDS",
    "TOUCH_UIDS",
    "STRINGS",
    "lambda_grid",
    "check_request",
    "lab_factor",
    "monte_carlo",
    "sparsity_figure",
    "empty_figure",
    "layout",
    "update_figure",
    "register_callbacks",
]

SPARSITY_DETAILS = "sparsity-details"
SPARSITY_COUNT = "sparsity-count"
SPARSITY_DIM = "sparsity-dim"
SPARSITY_RHO = "sparsity-rho"
SPARSITY_NOISE = "sparsity-noise"
SPARSITY_LAMBDA = "sparsity-lambda"
SPARSITY_FOLLOW = "sparsity-follow"
SPARSITY_PLOT = "sparsity-plot"
#: what the server should draw (written by the gate only while the panel is open)
SPARSITY_REQUEST = "sparsity-request"

#: the controls' ranges and defaults: ``(min, max, step, default)``; ``lambda`` is log10(λ/λ_max)
DEFAULTS: dict[str, tuple[float, float, float, float]] = {
    "count": (10, 2000, 10, 1000),
    "dim": (2, 20, 1, 10),
    "rho": (0.0, 0.95, 0.05, 0.5),
    "noise": (0.0, 3.0, 0.1, 1.0),
    "lambda": (SLIDER_MIN, SLIDER_MAX, 0.05, -1.0),
}
#: the problems' seed: the same controls give the same problems
SEED = 0
#: points of the λ/λ_max grid of the curves (log-spaced over the lab's slider range)
GRID = 11
#: the curves' traces, then the current setting's line and points (fixed order)
CURVE_UIDS: tuple[str, ...] = (
    "sparsity-l1",
    "sparsity-l2",
    "sparsity-elasticnet",
    "sparsity-now",
    "sparsity-now-points",
)
#: d = 2 only: the unit regions and where the touch points land on them
TOUCH_UIDS: tuple[str, ...] = (
    "sparsity-regions-l1",
    "sparsity-regions-l2",
    "sparsity-regions-elasticnet",
    "sparsity-touch-l1",
    "sparsity-touch-l2",
    "sparsity-touch-elasticnet",
)
_CURVE_HEIGHT = 380
_TOUCH_HEIGHT = 780
_CONTROLS = ("count", "dim", "rho", "noise", "lambda")

STRINGS: dict[str, dict[str, str]] = {
    "sparsity_panel.summary": {
        "en": "How often are weights exactly 0? (many random problems)",
        "zh": "权重恰好为 0 的频率有多高？（大量随机问题）",
    },
    "sparsity_panel.hint": {
        "en": (
            "Random regressions with d equicorrelated features (correlation ρ), half of the true weights 0, "
            "noise σ. Each is solved exactly at λ = (λ/λ_max)·its own λ_max for L1, L2 and the elastic net "
            "(the lab's mix r); a weight counts only if it is exactly 0, never merely small."
        ),
        "zh": (
            "随机回归问题：d 个等相关特征（相关系数 ρ），真实权重一半为 0，噪声为 σ。每个问题在 "
            "λ = (λ/λ_max)·其自身的 λ_max 处对 L1、L2 和弹性网络（实验室当前的混合比 r）精确求解；"
            "只有恰好等于 0 的权重才计数，很小的不算。"
        ),
    },
    "sparsity_panel.count": {"en": "Number of problems", "zh": "问题个数"},
    "sparsity_panel.dim": {"en": "Dimension d", "zh": "维数 d"},
    "sparsity_panel.rho": {"en": "Feature correlation ρ", "zh": "特征相关系数 ρ"},
    "sparsity_panel.noise": {"en": "Noise σ", "zh": "噪声 σ"},
    "sparsity_panel.lambda": {"en": "λ/λ_max (log scale)", "zh": "λ/λ_max（对数刻度）"},
    "sparsity_panel.follow": {"en": "use the lab's λ/λ_max", "zh": "使用实验室当前的 λ/λ_max"},
    "sparsity_panel.x_title": {"en": "λ/λ_max (each problem's own λ_max)", "zh": "λ/λ_max（每个问题自己的 λ_max）"},
    "sparsity_panel.y_title": {"en": "share of weights exactly 0", "zh": "恰为 0 的权重比例"},
    "sparsity_panel.now": {"en": "current λ/λ_max", "zh": "当前 λ/λ_max"},
    "sparsity_panel.caption": {
        "en": "{count} problems (d = {dim}, ρ = {rho}, σ = {noise}) solved in {ms} ms: {solves} exact optima",
        "zh": "{count} 个问题（d = {dim}，ρ = {rho}，σ = {noise}）在 {ms} 毫秒内求解：共 {solves} 个精确最优解",
    },
    "sparsity_panel.at_now": {
        "en": "At λ = {factor}·λ_max, exactly 0: L1 {l1} %, elastic net (r = {r}) {en} %, L2 {l2}",
        "zh": "在 λ = {factor}·λ_max 处恰为 0 的比例：L1 {l1} %，弹性网络（r = {r}）{en} %，L2 {l2}",
    },
    "sparsity_panel.l2_none": {"en": "0 (ridge gives no exact zeros)", "zh": "0（岭回归没有恰好为 0 的权重）"},
    "sparsity_panel.l2_some": {"en": "{share} %", "zh": "{share} %"},
    "sparsity_panel.touch_title": {
        "en": "d = 2: where the touch points land (each optimum scaled onto its region of intercept 1)",
        "zh": "d = 2：切点落在哪里（每个最优解缩放到截距为 1 的区域边界上）",
    },
    "sparsity_panel.touch_counts": {
        "en": "{name}: {axis} on an axis (one weight exactly 0), {between} between the axes, {origin} at the origin",
        "zh": "{name}：{axis} 个在坐标轴上（一个权重恰为 0），{between} 个在两轴之间，{origin} 个在原点",
    },
    "sparsity_panel.hover": {
        "en": "{name}: {share} % of weights exactly 0 at λ = {factor}·λ_max",
        "zh": "{name}：在 λ = {factor}·λ_max 处 {share} % 的权重恰为 0",
    },
    "sparsity_panel.failed": {
        "en": "These settings cannot be run: {reason}",
        "zh": "无法按这些设置运行：{reason}",
    },
}


# ---------------------------------------------------------------------------- the computation
def lambda_grid(num: int = GRID) -> np.ndarray:
    """The curves' λ/λ_max factors: ``num`` log-spaced points over the lab's slider range."""
    return np.logspace(SLIDER_MIN, SLIDER_MAX, num)


def check_request(request: dict) -> dict:
    """The request's controls as numbers in their ranges: ``{"count", "dim", "rho", "noise",
    "lambda", "l1_ratio"}`` (a value outside its range is clamped into it, a missing one is the
    default).

    Raises
    ------
    ValueError
        A control that is not a number.
    """
    out = {}
    for key in _CONTROLS:
        lo, hi, _, default = DEFAULTS[key]
        value = request.get(key, default)
        value = default if value is None else value
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ValueError(f"{key} must be a number, got {value!r}")
        out[key] = min(max(float(value), lo), hi)
    out["count"], out["dim"] = int(round(out["count"])), int(round(out["dim"]))
    r = request.get("l1_ratio", 0.5)
    if isinstance(r, bool) or not isinstance(r, (int, float)) or not 0.0 <= r <= 1.0:
        raise ValueError(f"l1_ratio must be a number in [0, 1], got {r!r}")
    out["l1_ratio"] = float(r)
    return out


def lab_factor(scene: dict, view: dict) -> float:
    """The lab's λ/λ_max: the view's λ (penalized) or the L1 touch point's λ (constrained) over
    the scene's λ_max, clamped into the slider's range (``10^SLIDER_MIN … 10^SLIDER_MAX``)."""
    lam = now_lambda(scene, view_with_defaults(view))
    top = float(scene["lambda_max"])
    factor = lam / top if top > 0 and math.isfinite(lam) else 10.0**SLIDER_MAX
    return min(max(factor, 10.0**SLIDER_MIN), 10.0**SLIDER_MAX)


def monte_carlo(
    count: int, dim: int, *, rho: float, noise: float, factor: float, l1_ratio: float, seed: int | None = SEED
) -> tuple[SparsityStudy, float, int]:
    """Draw the problems and solve them on the grid and at ``factor`` (λ/λ_max).

    Returns
    -------
    study : SparsityStudy
        Its factors are :func:`lambda_grid` followed by ``factor`` (the last index).
    seconds : float
        Wall-clock time of drawing and solving.
    now : int
        The index of ``factor`` in ``study.factors``.

    Raises
    ------
    ValueError
        As :func:`geometry.sparsity.random_problems` and :func:`geometry.sparsity.sparsity_study`.
    """
    start = time.perf_counter()
    problems = random_problems(count, dim, rho=rho, noise=noise, seed=seed)
    factors = np.append(lambda_grid(), float(factor))
    study = sparsity_study(problems, factors, l1_ratio=l1_ratio)
    return study, time.perf_counter() - start, factors.size - 1


# ---------------------------------------------------------------------------- the figure
def _percent(share: float) -> str:
    return format_number(100.0 * float(share))


def _touch_traces(study: SparsityStudy, now: int, lang: str) -> tuple[list[dict], list[str]]:
    """d = 2: the unit regions and the touch points at the current factor, and one line of counts per region."""
    r = study.l1_ratio
    data, lines = [], []
    for region in SPARSITY_PENALTIES:
        style = REGION_STYLE[region]
        outline = region_boundary(region, 1.0, l1_ratio=r, num=96)  # intercept 1 (the EN budget r + 1 - r)
        data.append(
            {
                "type": "scatter",
                "uid": f"sparsity-regions-{region}",
                "mode": "lines",
                "x": outline[:, 0].tolist(),
                "y": outline[:, 1].tolist(),
                "xaxis": "x2",
                "yaxis": "y2",
                "line": {"color": style["color"], "width": 1.2, "dash": style["dash"]},
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
    for region in SPARSITY_PENALTIES:
        style = REGION_STYLE[region]
        w = study.weights[region][now]
        points = unit_touch_points(w, region, l1_ratio=r)
        classes = touch_classes(w)
        counts = {key: int(np.count_nonzero(classes == key)) for key in ("origin", "axis", "between")}
        name = region_name(region, lang)
        lines.append(text("sparsity_panel.touch_counts", lang, name=name, **counts))
        keep = ~np.isnan(points[:, 0])
        data.append(
            {
                "type": "scatter",
                "uid": f"sparsity-touch-{region}",
                "name": name,
                "legendgroup": region,
                "mode": "markers",
                "x": points[keep, 0].round(4).tolist(),
                "y": points[keep, 1].round(4).tolist(),
                "xaxis": "x2",
                "yaxis": "y2",
                "marker": {"symbol": style["symbol"], "size": 7, "color": style["color"], "opacity": 0.35},
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
    return data, lines


def sparsity_figure(study: SparsityStudy, *, seconds: float, now: int, lang: str = "en") -> dict:
    """The ``sparsity-plot`` figure of a Monte-Carlo, as a plain dict.

    Parameters
    ----------
    study : SparsityStudy
        Its ``factors`` are the curves' grid, with the current factor at index ``now``.
    seconds : float
        The time the caption states.
    now : int
        Index of the current λ/λ_max in ``study.factors`` (the ``sparsity-now`` line and points,
        and for d = 2 the touch points).
    lang : {"en", "zh"}

    Returns
    -------
    dict
        Traces :data:`CURVE_UIDS` in that order (shares of exactly-zero weights, x = λ/λ_max on a
        log axis), then for d = 2 :data:`TOUCH_UIDS` on a second, equal-aspect plot. The title is
        the caption; ``layout.meta`` holds ``{"count", "dim", "solves", "ms", "factor", "share":
        {penalty: share at the current factor}, "zeros": {penalty: exactly-zero weights at it}}``.
    """
    lang = normalize_lang(lang)
    problems = study.problems
    shares = study.zero_share()
    counts = study.zero_counts()
    grid = [i for i in range(study.factors.size) if i != now]
    factor = float(study.factors[now])
    x = study.factors[grid].tolist()
    data: list[dict] = []
    for region in SPARSITY_PENALTIES:
        style = REGION_STYLE[region]
        data.append(
            {
                "type": "scatter",
                "uid": f"sparsity-{region}",
                "name": region_name(region, lang),
                "legendgroup": region,
                "mode": "lines+markers",
                "x": x,
                "y": shares[region][grid].tolist(),
                "line": {"color": style["color"], "width": 2, "dash": style["dash"]},
                "marker": {"symbol": style["symbol"], "size": 7, "color": style["color"]},
                "hovertext": [
                    text(
                        "sparsity_panel.hover",
                        lang,
                        name=region_name(region, lang),
                        share=_percent(s),
                        factor=format_number(f),
                    )
                    for s, f in zip(shares[region][grid], x)
                ],
                "hoverinfo": "text",
            }
        )
    data.append(
        {
            "type": "scatter",
            "uid": "sparsity-now",
            "name": text("sparsity_panel.now", lang),
            "mode": "lines",
            "x": [factor, factor],
            "y": [0, 1],
            "line": {"color": OLS_COLOR, "width": 1.5, "dash": "dot"},
            "hoverinfo": "skip",
            "showlegend": False,
        }
    )
    data.append(
        {
            "type": "scatter",
            "uid": "sparsity-now-points",
            "mode": "markers",
            "x": [factor] * len(SPARSITY_PENALTIES),
            "y": [float(shares[p][now]) for p in SPARSITY_PENALTIES],
            "marker": {
                "symbol": [REGION_STYLE[p]["symbol"] for p in SPARSITY_PENALTIES],
                "color": [REGION_STYLE[p]["color"] for p in SPARSITY_PENALTIES],
                "size": 12,
                "line": {"width": 1.5, "color": "white"},
            },
            "hovertext": [
                text(
                    "sparsity_panel.hover",
                    lang,
                    name=region_name(p, lang),
                    share=_percent(shares[p][now]),
                    factor=format_number(factor),
                )
                for p in SPARSITY_PENALTIES
            ],
            "hoverinfo": "text",
            "showlegend": False,
        }
    )
    l2_zeros = int(counts["l2"][now].sum())
    l2_text = (
        text("sparsity_panel.l2_none", lang)
        if l2_zeros == 0
        else text("sparsity_panel.l2_some", lang, share=_percent(shares["l2"][now]))
    )
    ms = 1000.0 * seconds
    caption = text(
        "sparsity_panel.caption",
        lang,
        count=problems.count,
        dim=problems.dim,
        rho=format_number(problems.rho),
        noise=format_number(problems.noise),
        ms=f"{ms:.0f}",
        solves=f"{study.solves:,}",
    )
    at_now = text(
        "sparsity_panel.at_now",
        lang,
        factor=format_number(factor),
        l1=_percent(shares["l1"][now]),
        en=_percent(shares["elasticnet"][now]),
        r=format_number(study.l1_ratio),
        l2=l2_text,
    )
    title_lines = [caption, at_now]
    two_d = problems.dim == 2
    layout = {
        **PLOT_LOOK,
        "height": _TOUCH_HEIGHT if two_d else _CURVE_HEIGHT,
        # no layout.transition: plotly 3 fails to animate into the second (d = 2) subplot
        "margin": {"l": 55, "r": 10, "t": 86, "b": 45},
        "title": {
            "text": "<br>".join(title_lines),
            "font": {"size": 12},
            "x": 0.01,
            "xanchor": "left",
            "y": 0.99,
            "yanchor": "top",
            "pad": {"t": 6},
            "automargin": False,
        },
        "xaxis": {
            **FAST_AXIS,
            "type": "log",
            "title": {"text": text("sparsity_panel.x_title", lang)},
            "range": [SLIDER_MIN - 0.05, SLIDER_MAX + 0.05],
        },
        "yaxis": {
            **FAST_AXIS,
            "title": {"text": text("sparsity_panel.y_title", lang)},
            "range": [-0.03, 1.03],
            "tickformat": ".0%",
        },
        "legend": {"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},  # under the caption
        "hovermode": "closest",
        "meta": {
            "count": problems.count,
            "dim": problems.dim,
            "solves": study.solves,
            "ms": ms,
            "factor": factor,
            "share": {p: float(shares[p][now]) for p in SPARSITY_PENALTIES},
            "zeros": {p: int(counts[p][now].sum()) for p in SPARSITY_PENALTIES},
        },
    }
    if two_d:
        touch, lines = _touch_traces(study, now, lang)
        data += touch
        layout["yaxis"]["domain"] = [0.6, 1.0]
        layout["xaxis"]["anchor"] = "y"
        layout["xaxis2"] = {
            **FAST_AXIS,
            "domain": [0.0, 1.0],
            "anchor": "y2",
            "range": [-1.15, 1.15],
            "zeroline": True,
            "constrain": "domain",  # equal aspect by a narrower plot, not a wider range
        }
        layout["yaxis2"] = {
            **FAST_AXIS,
            "domain": [0.0, 0.38],
            "anchor": "x2",
            "range": [-1.15, 1.15],
            "scaleanchor": "x2",
            "scaleratio": 1,
            "zeroline": True,
        }
        layout["annotations"] = [
            {
                "text": "<br>".join([text("sparsity_panel.touch_title", lang), *lines]),
                "xref": "paper",
                "yref": "paper",
                "x": 0.0,
                "y": 0.395,
                "xanchor": "left",
                "yanchor": "bottom",
                "align": "left",
                "showarrow": False,
                "font": {"size": 11},
            }
        ]
        layout["meta"]["touch"] = {
            region: {
                key: int(np.count_nonzero(touch_classes(study.weights[region][now]) == key))
                for key in ("origin", "axis", "between")
            }
            for region in SPARSITY_PENALTIES
        }
    return {"data": data, "layout": layout}


def empty_figure(message: str = "") -> dict:
    """The graph's figure before the panel is first opened (or when a request fails: ``message``)."""
    return blank_figure(_CURVE_HEIGHT, message)


# ---------------------------------------------------------------------------- the panel
def _slider(component_id: str, key: str, marks: dict) -> dcc.Slider:
    lo, hi, step, default = DEFAULTS[key]
    return dcc.Slider(
        id=component_id,
        min=lo,
        max=hi,
        step=step,
        value=default,
        marks=marks,
        updatemode="mouseup",
        allow_direct_input=False,
        className="sparsity-slider",
    )


def layout(page) -> list:
    """The collapsed panel (``page``: :class:`authoring.url_state.PageState`) and its request store;
    nothing is computed until the panel is opened."""
    lang = normalize_lang(getattr(page, "lang", None))
    return [
        html.Details(
            id=SPARSITY_DETAILS,
            className="sparsity-panel secondary",
            open=False,
            children=[
                html.Summary(text("sparsity_panel.summary", lang)),
                text("sparsity_panel.hint", lang) + "\n",
                text("sparsity_panel.count", lang),
                _slider(SPARSITY_COUNT, "count", {10: "10", 500: "500", 1000: "1000", 2000: "2000"}),
                text("sparsity_panel.dim", lang),
                _slider(SPARSITY_DIM, "dim", {2: "2", 5: "5", 10: "10", 15: "15", 20: "20"}),
                text("sparsity_panel.rho", lang),
                _slider(SPARSITY_RHO, "rho", {0: "0", 0.5: "0.5", 0.9: "0.9"}),
                text("sparsity_panel.noise", lang),
                _slider(SPARSITY_NOISE, "noise", {0: "0", 1: "1", 2: "2", 3: "3"}),
                text("sparsity_panel.lambda", lang),
                _slider(SPARSITY_LAMBDA, "lambda", {-3: "0.001", -2: "0.01", -1: "0.1", 0: "1"}),
                dcc.Checklist(
                    id=SPARSITY_FOLLOW,
                    options=[{"label": text("sparsity_panel.follow", lang), "value": "lab"}],
                    value=[],
                    className="sparsity-follow",
                ),
                dcc.Graph(
                    id=SPARSITY_PLOT,
                    figure=empty_figure(),
                    config={key: value for key, value in GRAPH_CONFIG.items() if key != "edits"},
                    className="sparsity-plot",  # its height is the figure's (d = 2 adds a plot below)
                ),
            ],
        ),
        dcc.Store(id=SPARSITY_REQUEST, data=None),
    ]


def update_figure(request: dict | None, scene: dict | None, state: dict | None = None) -> dict:
    """Server callback body (call it directly in tests): the Monte-Carlo figure for a request.

    ``request``: ``{"count", "dim", "rho", "noise", "lambda" (log10 λ/λ_max), "l1_ratio",
    "view" (present when the lab's λ is used), "n"}``; ``scene``: the ``scene-store`` dict (for
    the lab's λ); ``state``: the ``lab-state`` dict (its language). Settings that cannot be run
    give an empty figure saying why, never an error.
    """
    if not request:
        raise PreventUpdate
    lang = normalize_lang((state or {}).get("lang") or (scene or {}).get("lang"))
    try:
        settings = check_request(request)
        if request.get("view") is not None and scene:
            factor = lab_factor(scene, request["view"])
        else:
            factor = 10.0 ** settings["lambda"]
        study, seconds, now = monte_carlo(
            settings["count"],
            settings["dim"],
            rho=settings["rho"],
            noise=settings["noise"],
            factor=factor,
            l1_ratio=settings["l1_ratio"],
        )
        return sparsity_figure(study, seconds=seconds, now=now, lang=lang)
    except (ValueError, KeyError, TypeError) as exc:
        return empty_figure(text("sparsity_panel.failed", lang, reason=str(exc)))


def register_callbacks(app: Dash) -> None:
    """The gate (clientside: a request only while open and only when it changed) and the figure (server)."""
    app.clientside_callback(
        ClientsideFunction(namespace="sparsity_panel", function_name="gate"),
        Output(SPARSITY_REQUEST, "data"),
        Input(SPARSITY_DETAILS, "open"),
        Input(SPARSITY_COUNT, "value"),
        Input(SPARSITY_DIM, "value"),
        Input(SPARSITY_RHO, "value"),
        Input(SPARSITY_NOISE, "value"),
        Input(SPARSITY_LAMBDA, "value"),
        Input(SPARSITY_FOLLOW, "value"),
        Input(VIEW_STORE, "data"),
        Input(SCENE_STORE, "data"),
        State(SPARSITY_REQUEST, "data"),
    )
    app.callback(
        Output(SPARSITY_PLOT, "figure"),
        Input(SPARSITY_REQUEST, "data"),
        State(SCENE_STORE, "data"),
        State(LAB_STATE, "data"),
        prevent_initial_call=True,
    )(update_figure)
