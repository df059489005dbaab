"""The sparsity panel's figure: the share of exactly-zero weights against λ/λ_max for L1, L2 and the elastic net.

Pure builders (plain JSON-ready dicts, no Dash) of a Monte-Carlo
(:func:`components.sparsity_model.monte_carlo`):

- :func:`sparsity_figure`: the curves (traces :data:`CURVE_UIDS`, x = λ/λ_max on a log axis)
  and the current setting's line and points; for d = 2 a second, equal-aspect plot of the unit
  regions and where the touch points land on them (:data:`TOUCH_UIDS`, drawn by
  :mod:`components.sparsity_touch`). The title is the
  caption: how many problems were solved and how long it took, and the shares of exactly-zero
  weights at the current λ/λ_max;
- :func:`empty_figure`: the figure with nothing drawn, or a message.

The string keys keep the prefix ``sparsity_panel.``.
"""

from __future__ import annotations

from geometry.sparsity import SPARSITY_PENALTIES, SparsityStudy

from .formatting import format_number
from .i18n import normalize_lang, text
from .lambda_control import SLIDER_MAX, SLIDER_MIN
from .plot_style import FAST_AXIS, OLS_COLOR, PLOT_LOOK, REGION_STYLE, blank_figure, region_name
from .sparsity_touch import TOUCH_HEIGHT, TOUCH_UIDS, add_touch_plot

__all__ = ["CURVE_UIDS", "TOUCH_UIDS", "STRINGS", "sparsity_figure", "empty_figure"]

#: the curves' traces, then the current setting's line and points (fixed order)
CURVE_UIDS: tuple[str, ...] = (
    "sparsity-l1",
    "sparsity-l2",
    "sparsity-elasticnet",
    "sparsity-now",
    "sparsity-now-points",
)
_CURVE_HEIGHT = 380

STRINGS: dict[str, dict[str, str]] = {
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
}


def _percent(share: float) -> str:
    return format_number(100.0 * float(share))


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
        "height": TOUCH_HEIGHT if two_d else _CURVE_HEIGHT,
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
        add_touch_plot(data, layout, study, now, lang)
    return {"data": data, "layout": layout}


def empty_figure(message: str = "") -> dict:
    """The graph's figure before the panel is first opened, or when a request fails.

    Parameters
    ----------
    message : str
        Why the request failed (none before the panel is opened).

    Returns
    -------
    dict
        A plain figure dict with nothing drawn and ``message`` in the middle.
    """
    return blank_figure(_CURVE_HEIGHT, message)
