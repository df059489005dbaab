"""The data panel: the points and fitted curves, the basis chooser, the generator, loss-shape mode.

Its ids, strings, controls (:func:`layout`) and callbacks (:func:`register_callbacks`). Pointer
edits (``assets/data_edit.js``: add, remove, move a point; the OLS centre in loss-shape mode),
the problem controls and the Resample button all reach one server callback,
:func:`components.data_update.update_problem`, which answers with the new ``lab-state``,
``scene-store`` and both figures in one round trip. :func:`figures_for` (both figures of a
state) is :func:`components.data_update.figures_for`, named here for the page's first draw.
"""

from __future__ import annotations

import math

from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html

from geometry.basis import BASES
from geometry.datasets import dataset_names

from . import lambda_control
from .data_figure import DATA_GRAPH_CONFIG
from .data_ids import DATASET_DROPDOWN, SOURCE_TOGGLE
from .data_update import figures_for, update_problem
from .glossary import basis_label
from .i18n import text
from .problem import GENERATOR_DEFAULTS, GENERATOR_LIMITS
from .stores import (
    CURRENT_VIEW,
    DATA_EDIT,
    LAB_STATE,
    PROBLEM_CONTROLS,
    SCENE_STORE,
    follow_lambda,
)
from .weight_plane import WEIGHT_PLANE
from .widgets import control_row, described_graph

__all__ = [
    "DATA_PLOT",
    "BASIS_DROPDOWN",
    "RHO_SLIDER",
    "SOURCE_TOGGLE",
    "RESAMPLE_BUTTON",
    "DATA_MESSAGE",
    "figures_for",
    "layout",
    "register_callbacks",
    "STRINGS",
]

DATA_PLOT = "data-plot"
BASIS_DROPDOWN = "basis-dropdown"
RHO_SLIDER = "rho-slider"
# SOURCE_TOGGLE (imported above) is :data:`components.data_ids.SOURCE_TOGGLE`: the data set chooser reads it too
RESAMPLE_BUTTON = "resample-button"
GENERATOR_N = "generator-n"
GENERATOR_W1 = "generator-w1"
GENERATOR_W2 = "generator-w2"
GENERATOR_NOISE = "generator-noise"
GENERATOR_SEED = "generator-seed"
#: the generator's boxes, in the order of :func:`components.data_update.update_problem`'s ``boxes``
GENERATOR_BOXES = (GENERATOR_N, GENERATOR_W1, GENERATOR_W2, GENERATOR_NOISE, GENERATOR_SEED)
ECCENTRICITY_SLIDER = "eccentricity-slider"
ROTATION_SLIDER = "rotation-slider"
DATA_MESSAGE = "data-message"
POINTS_CONTROLS = "points-controls"
SHAPE_CONTROLS = "shape-controls"

#: this module's strings, keyed as the string table's (:func:`components.i18n.text`)
STRINGS: dict[str, dict[str, str]] = {
    "data.description": {
        "en": "Data: the points (x, y) of the regression and the curves fitted to them by OLS and by each "
        "region shown in the weight plane. Drag a point to move it, click to add one, double-click to remove it.",
        "zh": "数据：回归的数据点 (x, y)，以及 OLS 和权重平面中显示的各区域对它们拟合出的曲线。拖动一个点可移动它，"
        "单击可添加一个点，双击可删除一个点。",
    },
    "data.loss_from": {"en": "Loss from", "zh": "损失来自"},
    "data.source_points": {"en": "data points", "zh": "数据点"},
    "data.source_shape": {"en": "loss shape (no data)", "zh": "损失形状（无数据）"},
    "data.keep": {"en": "New data keep", "zh": "换数据时保持"},
    "data.features": {"en": "Features", "zh": "特征"},
    "data.rho": {"en": "Correlation ρ", "zh": "相关系数 ρ"},
    # the basis chooser's own words (dcc.Dropdown's ``labels``; English: Dash's defaults)
    "data.dropdown_search": {"en": "Search", "zh": "搜索"},
    "data.dropdown_clear_search": {"en": "Clear search", "zh": "清除搜索"},
    "data.dropdown_no_options": {"en": "No options found", "zh": "没有匹配的选项"},
    "data.generator": {"en": "Synthetic data generator", "zh": "合成数据生成器"},
    "data.n": {"en": "n points", "zh": "点数 n"},
    "data.w1": {"en": "true w₁", "zh": "真实 w₁"},
    "data.w2": {"en": "true w₂", "zh": "真实 w₂"},
    "data.noise": {"en": "noise σ", "zh": "噪声 σ"},
    "data.seed": {"en": "seed", "zh": "随机种子"},
    "data.resample": {"en": "Resample data", "zh": "重新生成数据"},
    "data.points_hint": {
        "en": "Drag a point to move it · click empty space to add one · double-click a point to remove it · "
        "keyboard: Tab to the plot, arrows pick a point, Shift+arrows move it, Delete removes it, a adds one.",
        "zh": "拖动一个点可移动它 · 单击空白处可添加一个点 · 双击一个点可删除它 · 键盘：按 Tab 进入图，"
        "方向键选择一个点，Shift+方向键移动它，Delete 删除它，a 添加一个点。",
    },
    "data.eccentricity": {"en": "Eccentricity", "zh": "离心率"},
    "data.ecc_circle": {"en": "circle", "zh": "圆"},
    "data.rotation": {"en": "Rotation (°)", "zh": "旋转角（°）"},
    "data.shape_hint": {
        "en": "Drag the OLS point (×) in the weight plane to move the centre of the ellipses.",
        "zh": "在权重平面中拖动 OLS 点（×）即可移动椭圆的中心。",
    },
}


# ---------------------------------------------------------------------------- layout
def _number(id_: str, label: str, value, *, limits: tuple | None = None, **kwargs) -> html.Label:
    """A labelled number box; ``limits`` ``(min, max, step)`` (both bounds: Dash's "+"/"−"
    steppers empty a box that has a min and no max).

    Not debounced: a debounced box commits on blur or Enter by comparing with the value it had
    at its previous blur, so a typed 7 after the server wrote 10 into a box that last showed 7
    was never sent. The server reads the boxes when Resample is clicked.
    """
    if limits is not None:
        kwargs.update(zip(("min", "max", "step"), limits))
    return html.Label(
        [label, dcc.Input(id=id_, type="number", value=value, className="number-box", **kwargs)],
        className="field",
    )


def layout(
    state: dict, figure, legend, *, generator: dict | None = None, view_keep: str = "value", lang: str = "en"
) -> list:
    """The data panel's components (children of the side panel).

    ``generator``: the generator boxes' values ``{"n", "true_w", "noise", "seed"}`` (by default
    :data:`~components.problem.GENERATOR_DEFAULTS`); ``lang``: the page's language (titles,
    hints, options, and the data plot's text alternative).

    Titles and hints are plain strings inside grid rows (see :mod:`components.widgets`): each
    component costs a little on every λ step.
    """
    g = {**GENERATOR_DEFAULTS, **(generator or {})}
    shape = state.get("shape") or {}
    # the sliders of the loss shape stand where the state's ellipse is (a link may set it)
    eccentricity = round(math.sqrt(max(0.0, 1.0 - float(shape.get("ratio", 0.45)) ** 2)), 2)
    rotation = round(float(shape.get("angle", 30.0))) % 180
    source = state.get("source", "points")
    dataset = (state.get("dataset") or {}).get("name") if source == "dataset" else None
    shown = show_source_controls(source, state.get("basis"), dataset)
    toggle = source if source in ("points", "shape") else "points"  # what "synthetic" goes back to
    return [
        described_graph(
            dcc.Graph(id=DATA_PLOT, figure=figure, config=DATA_GRAPH_CONFIG, className="data-plot"),
            text("data.description", lang),
            className="data-box",
        ),
        legend,
        html.Div(id=DATA_MESSAGE, className="message", role="status"),
        control_row(
            text("data.loss_from", lang),
            dcc.RadioItems(
                id=SOURCE_TOGGLE,
                options=[
                    {"label": text("data.source_points", lang), "value": "points"},
                    {"label": text("data.source_shape", lang), "value": "shape"},
                ],
                value=toggle,
                inline=True,
            ),
            text("data.keep", lang),
            lambda_control.keep_control(view_keep, lang=lang),
        ),
        control_row(
            text("data.features", lang),
            dcc.Dropdown(
                id=BASIS_DROPDOWN,
                options=[{"label": basis_label(key, lang), "value": key} for key in BASES],
                value=state["basis"],
                clearable=False,
                labels={
                    "search": text("data.dropdown_search", lang),
                    "clear_search": text("data.dropdown_clear_search", lang),
                    "no_options_found": text("data.dropdown_no_options", lang),
                },
                className="basis-dropdown",
            ),
            text("data.rho", lang),
            dcc.Slider(
                id=RHO_SLIDER,
                min=-0.95,
                max=0.95,
                step=0.05,
                value=state["rho"],
                marks={-0.9: "−0.9", 0: "0", 0.9: "0.9"},
                allow_direct_input=False,
                className="slider-track",
            ),
            html.Details(
                open=False,
                className="generator full-row",
                children=[
                    html.Summary(text("data.generator", lang)),
                    html.Div(
                        className="field-grid",
                        children=[
                            _number(GENERATOR_N, text("data.n", lang), g["n"], limits=GENERATOR_LIMITS["n"]),
                            _number(GENERATOR_W1, text("data.w1", lang), g["true_w"][0], step=0.01),
                            _number(GENERATOR_W2, text("data.w2", lang), g["true_w"][1], step=0.01),
                            _number(
                                GENERATOR_NOISE, text("data.noise", lang), g["noise"], limits=GENERATOR_LIMITS["noise"]
                            ),
                            _number(
                                GENERATOR_SEED, text("data.seed", lang), g["seed"], limits=GENERATOR_LIMITS["seed"]
                            ),
                            html.Button(
                                text("data.resample", lang), id=RESAMPLE_BUTTON, n_clicks=0, className="button"
                            ),
                        ],
                    ),
                ],
            ),
            html.P(text("data.points_hint", lang), className="hint full-row"),
            id=POINTS_CONTROLS,
            style=shown[0],
        ),
        control_row(
            text("data.eccentricity", lang),
            dcc.Slider(
                id=ECCENTRICITY_SLIDER,
                min=0.0,
                max=0.99,
                step=0.01,
                value=min(eccentricity, 0.99),
                marks={0: text("data.ecc_circle", lang), 0.99: "0.99"},
                allow_direct_input=False,
                className="slider-track",
            ),
            text("data.rotation", lang),
            dcc.Slider(
                id=ROTATION_SLIDER,
                min=0,
                max=180,
                step=1,
                value=rotation,
                marks={0: "0°", 90: "90°", 180: "180°"},
                allow_direct_input=False,
                className="slider-track",
            ),
            html.P(text("data.shape_hint", lang), className="hint full-row"),
            id=SHAPE_CONTROLS,
            style=shown[1],
        ),
    ]


def show_source_controls(source, basis, dataset=None):
    """The points' controls or the loss shape's (neither for a data set: ``dataset`` is the
    data set dropdown's value); the ρ slider only for a basis that uses ρ."""
    shape = source == "shape"
    hidden = {"display": "none"}
    uses_rho = BASES[basis].uses_rho if basis in BASES else False
    if dataset in dataset_names():
        return hidden, hidden, not uses_rho
    return (hidden if shape else {}), ({} if shape else hidden), not uses_rho


def register_callbacks(app: Dash) -> None:
    """The data panel's writers: the server's answer to edits, the controls collected in the
    browser, and the fitted curves following λ at rest."""
    app.callback(
        Output(LAB_STATE, "data"),
        Output(SCENE_STORE, "data"),
        Output(WEIGHT_PLANE, "figure"),
        Output(DATA_PLOT, "figure"),
        Output(DATA_MESSAGE, "children"),
        Output(GENERATOR_SEED, "value"),
        Input(DATA_EDIT, "data"),
        Input(RESAMPLE_BUTTON, "n_clicks"),
        Input(PROBLEM_CONTROLS, "data"),
        State(LAB_STATE, "data"),
        State(CURRENT_VIEW, "data"),
        *(State(box, "value") for box in GENERATOR_BOXES),
        prevent_initial_call=True,
    )(update_problem)
    app.clientside_callback(
        ClientsideFunction(namespace="data_panel", function_name="collectControls"),
        Output(PROBLEM_CONTROLS, "data"),
        Input(SOURCE_TOGGLE, "value"),
        Input(BASIS_DROPDOWN, "value"),
        Input(RHO_SLIDER, "value"),
        Input(ECCENTRICITY_SLIDER, "value"),
        Input(ROTATION_SLIDER, "value"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="data_panel", function_name="moveFits"),
        Output(DATA_PLOT, "figure", allow_duplicate=True),
        *follow_lambda(at_rest=True),
        State(LAB_STATE, "data"),
        State(DATA_PLOT, "figure"),
        prevent_initial_call=True,
    )
    app.callback(
        Output(POINTS_CONTROLS, "style"),
        Output(SHAPE_CONTROLS, "style"),
        Output(RHO_SLIDER, "disabled"),
        Input(SOURCE_TOGGLE, "value"),
        Input(BASIS_DROPDOWN, "value"),
        Input(DATASET_DROPDOWN, "value"),
    )(show_source_controls)
