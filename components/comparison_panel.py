"""The articles' comparison table of L1, L2 and the elastic net, with cells from the current state (issue 14).

A collapsed ``<details>`` (class ``secondary``) holding one ``dcc.Markdown`` (three components in
all): rows L1 / L2 / elastic net, columns penalty, resulting weights, region shape, main use,
difficulty (the articles' lesson, ``shared/MISSION.md`` item 4), and a column "now" with the
current touch point and how many of its weights are exactly 0, then one sentence with the exact
zeros of all three (:func:`comparison_markdown`, from
:func:`components.plane_traces.touches_for_view`).

The table follows λ at rest (``view-store``) and the data (``scene-store``, an Input here rather
than the State of :func:`components.stores.follow_lambda`) with a server callback
(:func:`update_table`) while the panel is open: Dash's ``html.Details`` does not report its
toggles, so ``assets/comparison_panel.js`` writes its ``open`` property, and a closed panel
answers nothing. The page is built with the table of its own state.
"""

from __future__ import annotations

from dash import Dash, Input, Output, dcc, html
from dash.exceptions import PreventUpdate

from geometry.sparsity import zero_counts

from .formatting import format_number
from .i18n import normalize_lang, text
from .plane_traces import touches_for_view
from .plot_style import REGION_STYLE, region_name
from .problem import ProblemError
from .stores import SCENE_STORE, VIEW_STORE, build_scene
from .view import view_for_scene, view_with_defaults

__all__ = [
    "COMPARISON_DETAILS",
    "COMPARISON_TABLE",
    "STRINGS",
    "COLUMNS",
    "comparison_cells",
    "comparison_markdown",
    "layout",
    "update_table",
    "register_callbacks",
]

COMPARISON_DETAILS = "comparison-details"
COMPARISON_TABLE = "comparison-table"

#: the table's static columns, in order (each ``comparison_panel.<column>_<region>`` is a cell)
COLUMNS: tuple[str, ...] = ("penalty", "weights", "shape", "use", "difficulty")

STRINGS: dict[str, dict[str, str]] = {
    "comparison_panel.summary": {
        "en": "L1, L2 and the elastic net compared (the articles' table, live)",
        "zh": "L1、L2 与弹性网络对比（文章中的表格，实时）",
    },
    "comparison_panel.head_penalty": {"en": "penalty", "zh": "惩罚项"},
    "comparison_panel.head_weights": {"en": "resulting weights", "zh": "得到的权重"},
    "comparison_panel.head_shape": {"en": "region shape", "zh": "区域形状"},
    "comparison_panel.head_use": {"en": "main use", "zh": "主要用途"},
    "comparison_panel.head_difficulty": {"en": "difficulty", "zh": "难点"},
    "comparison_panel.head_now": {"en": "now (λ = {lam})", "zh": "当前（λ = {lam}）"},
    "comparison_panel.penalty_l1": {"en": "λ‖w‖₁ = λ Σ|wᵢ|", "zh": "λ‖w‖₁ = λ Σ|wᵢ|"},
    "comparison_panel.penalty_l2": {"en": "λ‖w‖₂² = λ Σwᵢ²", "zh": "λ‖w‖₂² = λ Σwᵢ²"},
    "comparison_panel.penalty_elasticnet": {"en": "λ(r‖w‖₁ + (1−r)‖w‖₂²)", "zh": "λ(r‖w‖₁ + (1−r)‖w‖₂²)"},
    "comparison_panel.weights_l1": {"en": "sparse: some exactly 0", "zh": "稀疏：部分恰为 0"},
    "comparison_panel.weights_l2": {"en": "small, non-zero", "zh": "较小但不为 0"},
    "comparison_panel.weights_elasticnet": {
        "en": "sparse, correlated features kept together",
        "zh": "稀疏，相关特征一同保留",
    },
    "comparison_panel.shape_l1": {"en": "diamond (corners on the axes)", "zh": "菱形（尖角在坐标轴上）"},
    "comparison_panel.shape_l2": {"en": "circle (no corners)", "zh": "圆（没有尖角）"},
    "comparison_panel.shape_elasticnet": {"en": "rounded diamond", "zh": "圆角菱形"},
    "comparison_panel.use_l1": {"en": "feature selection", "zh": "特征选择"},
    "comparison_panel.use_l2": {"en": "smoothing, weight decay; correlated features", "zh": "平滑、权重衰减；相关特征"},
    "comparison_panel.use_elasticnet": {
        "en": "selection with correlated features",
        "zh": "在相关特征中做选择",
    },
    "comparison_panel.difficulty_l1": {
        "en": "not differentiable at 0 (subgradient, proximal step)",
        "zh": "在 0 处不可导（次梯度、近端步）",
    },
    "comparison_panel.difficulty_l2": {"en": "smooth: plain gradient, closed form", "zh": "光滑：普通梯度，有闭式解"},
    "comparison_panel.difficulty_elasticnet": {
        "en": "not differentiable at 0 (as L1)",
        "zh": "在 0 处不可导（同 L1）",
    },
    "comparison_panel.now_cell": {
        "en": "w = ({w1}, {w2}): {zeros} of {d} exactly 0",
        "zh": "w = ({w1}, {w2})：{d} 个中 {zeros} 个恰为 0",
    },
    "comparison_panel.zeros_now": {
        "en": "Exact zeros now: L1 {l1} of {d}, L2 {l2} of {d}, elastic net (r = {r}) {en} of {d}.",
        "zh": "当前恰为 0 的权重：L1 {d} 个中 {l1} 个，L2 {d} 个中 {l2} 个，弹性网络（r = {r}）{d} 个中 {en} 个。",
    },
    "comparison_panel.constrained": {
        "en": " (Constrained mode: every region has size t = {t}; λ is each touch point's own.)",
        "zh": "（约束模式：每个区域的大小都是 t = {t}；λ 为各切点各自的值。）",
    },
    "comparison_panel.unavailable": {
        "en": "The live column waits for data that can be drawn.",
        "zh": "实时列等待可绘制的数据。",
    },
}


def comparison_cells(scene: dict, view: dict) -> dict:
    """The live cells for a scene and view: ``{region: {"w": [w1, w2], "zeros": int, "lam": float}}``
    for ``"l1"``, ``"l2"``, ``"elasticnet"``, plus ``"d"``, ``"mode"``, ``"t"`` and ``"l1_ratio"``.
    ``zeros`` counts the touch point's weights that are exactly ``0.0``."""
    view = view_with_defaults(view_for_scene(view, scene))
    touches = touches_for_view(scene, view)
    out: dict = {"d": len(touches["l1"].w), "mode": view["mode"], "l1_ratio": float(view["l1_ratio"])}
    for region, touch in touches.items():
        out[region] = {
            "w": [float(x) for x in touch.w],
            "zeros": int(zero_counts(touch.w)),
            "lam": float(touch.lam),
            "t": float(touch.t),
        }
    out["t"] = out["l1"]["t"]
    return out


def _cell(value: str) -> str:
    """A Markdown table cell: pipes escaped."""
    return value.replace("|", "\\|")


def comparison_markdown(cells: dict | None, *, lang: str = "en") -> str:
    """The table as Markdown; ``cells`` from :func:`comparison_cells` (None: the live column waits)."""
    lang = normalize_lang(lang)
    lam = format_number(cells["l1"]["lam"]) if cells else "…"
    heads = [
        "",
        *(text(f"comparison_panel.head_{c}", lang) for c in COLUMNS),
        text("comparison_panel.head_now", lang, lam=lam),
    ]
    rows = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    for region in REGION_STYLE:
        name = f"{REGION_STYLE[region]['mark']} {region_name(region, lang)}"
        values = [text(f"comparison_panel.{c}_{region}", lang) for c in COLUMNS]
        if cells:
            c = cells[region]
            now = text(
                "comparison_panel.now_cell",
                lang,
                w1=format_number(c["w"][0]),
                w2=format_number(c["w"][1]),
                zeros=c["zeros"],
                d=cells["d"],
            )
        else:
            now = "…"
        rows.append("| " + " | ".join(_cell(v) for v in [f"**{name}**", *values, now]) + " |")
    if cells:
        sentence = text(
            "comparison_panel.zeros_now",
            lang,
            l1=cells["l1"]["zeros"],
            l2=cells["l2"]["zeros"],
            en=cells["elasticnet"]["zeros"],
            d=cells["d"],
            r=format_number(cells["l1_ratio"]),
        )
        if cells["mode"] == "constrained":
            sentence += text("comparison_panel.constrained", lang, t=format_number(cells["t"]))
    else:
        sentence = text("comparison_panel.unavailable", lang)
    return "\n".join(rows) + "\n\n" + sentence


def layout(page) -> list:
    """The collapsed panel (``page``: :class:`authoring.url_state.PageState`) with the table of the
    page's state."""
    lang = normalize_lang(getattr(page, "lang", None))
    try:
        scene = build_scene({**page.state, "lang": lang}, plane_only=True)
        cells = comparison_cells(scene, page.view)
    except (ProblemError, ValueError, KeyError):
        cells = None
    return [
        html.Details(
            id=COMPARISON_DETAILS,
            className="comparison-panel secondary",
            open=False,
            children=[
                html.Summary(text("comparison_panel.summary", lang)),
                dcc.Markdown(comparison_markdown(cells, lang=lang), id=COMPARISON_TABLE, className="comparison-table"),
            ],
        )
    ]


def update_table(view: dict | None, scene: dict | None, open_: bool | None) -> str:
    """Server callback body (call it directly in tests): the table for the view at rest and the
    scene, while the panel is open (closed: nothing, PreventUpdate). A scene the lab cannot draw
    keeps the static columns and says the live one waits."""
    if not open_ or not view or not scene:
        raise PreventUpdate
    lang = normalize_lang(scene.get("lang"))
    try:
        cells = comparison_cells(scene, view)
    except (ValueError, KeyError, TypeError):
        cells = None
    return comparison_markdown(cells, lang=lang)


def register_callbacks(app: Dash) -> None:
    """The table follows λ at rest and the data while the panel is open."""
    app.callback(
        Output(COMPARISON_TABLE, "children"),
        Input(VIEW_STORE, "data"),  # λ at rest (components.stores.follow_lambda(at_rest=True)'s view)
        Input(SCENE_STORE, "data"),  # and the data: a new scene redraws the table too
        Input(COMPARISON_DETAILS, "open"),
        prevent_initial_call=True,
    )(update_table)
