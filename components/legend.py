"""HTML legends for the two graphs, each one component.

Plotly redraws its own legend on every update, which costs more than the rest of the weight
plane; these static legends cost nothing while λ is dragged. Each legend is a single
``dcc.Markdown`` holding plain HTML: every Dash component on the page is visited on every
store update, so a legend of a dozen spans would tax each λ step. Region colours come from
:data:`components.plot_style.REGION_STYLE` (the checkboxes above the plane double as the
region legend).
"""

from __future__ import annotations

from html import escape

from dash import Dash, Input, Output, dcc

from .data_panel import SOURCE_TOGGLE
from .i18n import text
from .penalty_control import PENALTY_CHECKLIST
from .plot_style import CONTOUR_COLOR, LP_STYLE, OLS_COLOR, REGION_KEYS, REGION_STYLE, TOUCH_CONTOUR_COLOR, region_name

__all__ = ["DATA_LEGEND", "weight_plane_legend", "data_legend", "data_legend_class", "register_callbacks", "STRINGS"]

DATA_LEGEND = "data-legend"

#: this module's strings, keyed as the string table's (:func:`components.i18n.text`)
STRINGS: dict[str, dict[str, str]] = {
    "legend.contours": {"en": "loss contours J0", "zh": "损失等高线 J0"},
    "legend.ols": {"en": "OLS optimum (λ = 0)", "zh": "OLS 最优点（λ = 0）"},
    "legend.touch_contour": {"en": "contour through a touch point", "zh": "经过切点的等高线"},
    "legend.lp": {
        "en": "p-norm ball with the diamond's intercept, its global touch point",
        "zh": "与菱形截距相同的 p 范数球及其全局切点",
    },
    "legend.key": {
        "en": "marker = touch point (regularized optimum), line = region ‖w‖ ≤ t:",
        "zh": "标记 = 切点（正则化最优解），线 = 区域 ‖w‖ ≤ t：",
    },
    "legend.data": {"en": "data", "zh": "数据"},
    "legend.ols_fit": {"en": "OLS fit", "zh": "OLS 拟合"},
    "legend.fit": {"en": "{name} fit", "zh": "{name} 拟合"},
}


def _item(swatch: str, text: str, key: str = "") -> str:
    cls = f"legend-item item-{key}" if key else "legend-item"
    return f'<span class="{cls}">{swatch}<span>{escape(text)}</span></span>'


#: plotly.js's dash patterns for a line of width <= 3 (its ``dashStyle``), as SVG dasharrays
_DASHES = {"solid": "", "dot": "3,3", "dash": "9,9", "longdash": "15,15", "dashdot": "9,3,3,3"}


def _line(color: str, dash: str = "solid", width: int = 3) -> str:
    """A short line as the plot draws it: colour, width and plotly's dash pattern."""
    pattern = _DASHES[dash]
    dasharray = f' stroke-dasharray="{pattern}"' if pattern else ""
    return (
        f'<svg class="legend-line" width="30" height="8" aria-hidden="true"><line x1="0" y1="4" x2="30" y2="4" '
        f'stroke="{color}" stroke-width="{width}"{dasharray}/></svg>'
    )


def _mark(char: str, color: str) -> str:
    return f'<span class="legend-mark" style="color: {color}" aria-hidden="true">{char}</span>'


def _legend(items: list[str], **kwargs) -> dcc.Markdown:
    return dcc.Markdown(
        '<div class="legend-items">' + "".join(items) + "</div>",
        dangerously_allow_html=True,
        className=kwargs.pop("className", "legend"),
        **kwargs,
    )


def weight_plane_legend(*, lang: str = "en") -> dcc.Markdown:
    """The plane's legend in ``lang``. Each region's touch point has a marker symbol and its
    outline a dash of its own (:data:`~components.plot_style.REGION_STYLE`): they differ by more
    than colour."""
    regions = [
        _item(_mark(style["mark"], style["color"]) + _line(style["color"], style["dash"], 2), region_name(region, lang))
        for region, style in REGION_STYLE.items()
    ]
    return _legend(
        [
            _item(_line(CONTOUR_COLOR, width=2), text("legend.contours", lang)),
            _item(_mark("×", OLS_COLOR), text("legend.ols", lang)),
            _item(_line(TOUCH_CONTOUR_COLOR, "dot", 2), text("legend.touch_contour", lang)),
            _item("", text("legend.key", lang)),
            *regions,
            _item(_mark(LP_STYLE["mark"], LP_STYLE["color"]) + _line(LP_STYLE["color"], LP_STYLE["dash"], 2),
                  text("legend.lp", lang)),
        ]
    )


def data_legend(shown, *, lang: str = "en") -> dcc.Markdown:
    """The data panel's legend in ``lang`` for the regions in ``shown`` (keys ``l1``, ``l2``, ``en``)."""
    items = [
        _item(_mark("●", "#343a40"), text("legend.data", lang)),
        _item(_line("#212529", "dot", 2), text("legend.ols_fit", lang)),
    ]
    for region, style in REGION_STYLE.items():
        name = text("legend.fit", lang, name=region_name(region, lang))
        items.append(_item(_line(style["color"], style["dash"]), name, REGION_KEYS[region]))
    return _legend(items, id=DATA_LEGEND, className=data_legend_class(shown))


def data_legend_class(shown, source: str | None = "points") -> str:
    """The data legend's class: it lists only the fits that are drawn (``hide-<key>`` hides one),
    and nothing in loss-shape mode (``no-data``: there are no points and no fits)."""
    shown = shown or []
    classes = ["legend"] + [f"hide-{key}" for key in ("l1", "l2", "en") if key not in shown]
    if source == "shape":
        classes.append("no-data")
    return " ".join(classes)


def register_callbacks(app: Dash) -> None:
    """The data legend lists only the fits that are drawn, and nothing in loss-shape mode."""
    app.callback(
        Output(DATA_LEGEND, "className"),
        Input(PENALTY_CHECKLIST, "value"),
        Input(SOURCE_TOGGLE, "value"),
    )(data_legend_class)
