"""Three weights, rotatable: the loss ellipsoid touching the L1 octahedron, the L2 sphere and the
group-norm double cone (issue 14).

A collapsed ``<details>`` in the side panel (six components) with one plotly 3-D graph
(``group-plot``, drag to rotate). The groups are the articles' {w1, w2} and {w3}; the model (the
fixed synthetic loss, or a data set's three-feature model), its exact touch points on the λ
slider's grid and the tables are :mod:`components.group_model`'s; the figure and the sentence
are drawn by :mod:`components.group_figure`. Each region is drawn at the size of its penalized
optimum's penalty, so it passes through the touch point, as in the plane.

- :func:`update_table` (server) answers each opening of the panel with the table of the lab's
  current model (:func:`components.group_model.table_for_scene`: touch points and sizes on the
  slider's grid, the unit meshes and the loss's ellipsoid axes) and the figure;
- ``group_panel.gate`` (clientside) re-asks the server while the panel is open and its table is
  not the model of the lab's data any more (:func:`components.group_model.model_key`: the
  source, data set and features changed); closed, it does nothing, and the next opening asks
  anyway;
- ``group_panel.follow`` (clientside, ``assets/group_panel.js``) draws the chosen region, its
  touch point and the ellipsoid through it for the view's slider position (interpolated between
  grid positions for a typed λ) and writes the sentence, on each λ step while open.

This module holds the panel's ids, its layout and its callbacks; it also offers the model's and
the figure's public names (``__all__``), which the tests and the scripts' configuration read
from here.
"""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from .group_figure import GROUP_COLOR, group_figure, model_label, sentence_strings
from .group_model import GROUP_REGIONS, model_key, table_for_scene
from .i18n import normalize_lang, text
from .plot_style import GRAPH_CONFIG, REGION_STYLE, blank_figure
from .stores import CURRENT_VIEW, SCENE_STORE

__all__ = [
    "GROUP_DETAILS",
    "GROUP_REGION",
    "GROUP_PLOT",
    "GROUP_TEXT",
    "GROUP_TABLE",
    "STRINGS",
    "update_table",
    "layout",
    "register_callbacks",
]

GROUP_DETAILS = "group-details"
GROUP_REGION = "group-region"
GROUP_PLOT = "group-plot"
GROUP_TEXT = "group-text"
#: the panel's data (:func:`components.group_model.table_for_scene`), written on each opening and when the lab's model changes
GROUP_TABLE = "group-table"

STRINGS: dict[str, dict[str, str]] = {
    "group_panel.summary": {
        "en": "Three weights, rotatable: octahedron, sphere and the group-norm cone",
        "zh": "三个权重（可旋转）：八面体、球与组范数双锥",
    },
    "group_panel.intro": {
        "en": (
            "Three weights, grouped {w₁, w₂} and {w₃}; drag to rotate. On a real data set: the model on the "
            "plane's two features and the one most correlated with their fit's residual; otherwise a fixed "
            "example loss (the lab's own data have two weights). λ moves with the lab's slider (10^s·λ_max); "
            "each region passes through its exact touch point."
        ),
        "zh": "三个权重，分组 {w₁, w₂} 与 {w₃}；拖动可旋转。真实数据集上：平面的两个特征再加上与其拟合残差相关性最大的特征所构成的模型；"
        "否则是一个固定的示例损失（实验室自己的数据只有两个权重）。λ 随实验室的滑块变化（10^s·λ_max）；每个区域都经过其精确切点。",
    },
    "group_panel.failed": {
        "en": "The three-weight model cannot be drawn: {reason}",
        "zh": "无法绘制三权重模型：{reason}",
    },
}


# ---------------------------------------------------------------------------- the panel
def update_table(open_: bool, region: str | None, view: dict | None, scene: dict | None):
    """Server callback body: on each opening of the panel (``open_`` true: the user's, or the
    gate's when the lab's model changed while open), the table of the scene's model
    (:func:`components.group_model.table_for_scene` plus ``key`` (:func:`components.group_model.model_key`), ``model`` (:func:`components.group_figure.model_label`)
    and the regions' names, colours and the sentence's strings in the page's language) and the
    figure for the chosen region at the view's slider position (the sentence follows from the
    script, which the table's arrival triggers). A scene whose model cannot be built gets a table
    with only its ``key`` and a figure that says why, never an error."""
    if not open_:
        raise PreventUpdate
    lang = normalize_lang((scene or {}).get("lang"))
    region = region if region in GROUP_REGIONS else "group"
    slider = float((view or {}).get("slider", 0.0))
    key = model_key(scene)
    try:
        out = dict(table_for_scene(scene))
    except ValueError as exc:
        return {"key": key}, blank_figure(380, text("group_panel.failed", lang, reason=str(exc)))
    out["key"] = key
    out["model"] = model_label(out, lang)
    out["styles"] = {
        r: {"name": text(f"group_panel.region_{r}", lang), "color": GROUP_COLOR if r == "group" else REGION_STYLE[r]["color"]}
        for r in GROUP_REGIONS
    }
    out["strings"] = sentence_strings(lang)
    return out, group_figure(out, region, slider, lang=lang)


def layout(page) -> list:
    """The collapsed panel (``page``: :class:`authoring.url_state.PageState`); the figure is
    drawn when it first opens."""
    lang = normalize_lang(getattr(page, "lang", None))
    options = [{"label": text(f"group_panel.region_{r}", lang), "value": r} for r in GROUP_REGIONS]
    return [
        html.Details(
            id=GROUP_DETAILS,
            className="group-panel secondary",
            open=False,
            children=[
                html.Summary(text("group_panel.summary", lang)),
                text("group_panel.intro", lang),
                dcc.RadioItems(id=GROUP_REGION, options=options, value="group", inline=True, className="group-region"),
                # the graph without a role="img" box of its own (a component less on each λ step):
                # the sentence below says what it shows, in words
                dcc.Graph(
                    id=GROUP_PLOT,
                    figure={"data": [], "layout": {"height": 380}},
                    config={key: value for key, value in GRAPH_CONFIG.items() if key != "edits"},
                    className="group-plot",
                ),
                html.P(id=GROUP_TEXT, className="group-text", **{"aria-live": "polite"}, children=""),
                dcc.Store(id=GROUP_TABLE, data=None),
            ],
        )
    ]


def register_callbacks(app: Dash) -> None:
    """The table on each opening (server); the gate re-opens for a new model (clientside); the
    figure and sentence follow λ and the chooser (clientside)."""
    app.callback(
        Output(GROUP_TABLE, "data"),
        Output(GROUP_PLOT, "figure"),
        Input(GROUP_DETAILS, "open"),
        State(GROUP_REGION, "value"),
        State(CURRENT_VIEW, "data"),
        State(SCENE_STORE, "data"),
        prevent_initial_call=True,
    )(update_table)
    app.clientside_callback(
        ClientsideFunction(namespace="group_panel", function_name="follow"),
        Output(GROUP_TEXT, "children"),
        Output(GROUP_PLOT, "figure", allow_duplicate=True),
        Input(CURRENT_VIEW, "data"),
        Input(GROUP_REGION, "value"),
        Input(GROUP_DETAILS, "open"),
        Input(GROUP_TABLE, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="group_panel", function_name="gate"),
        Output(GROUP_DETAILS, "open"),
        Input(SCENE_STORE, "data"),
        State(GROUP_DETAILS, "open"),
        State(GROUP_TABLE, "data"),
        prevent_initial_call=True,
    )
