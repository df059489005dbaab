"""The λ control: a log-scale slider, an exact number box, the penalized/constrained toggle.

The slider drives the weight plane directly (``weight_plane.followLambda``); everything else
follows λ through the stores (:func:`components.stores.follow_lambda`): the label follows each
drawn step (``current-view``), and ``lambda_control.syncBox`` writes the number box and the
message once λ rests (``view-store``) and turns a typed value into a slider position.

The slider's value is ``v = log10(lam / lambda_max)`` in penalized mode and
``v = log10(t / t_ref)`` in constrained mode (``t_ref = ||w_ols||_1``), over
``[-3, log10(3)]``: lam runs from 10^-3 lambda_max to 3 lambda_max. Keeping the value relative
means the slider stays where it is when the data change.
"""

from __future__ import annotations

import math

from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html

from .i18n import text
from .stores import CURRENT_VIEW, SCENE_STORE, VIEW_STORE
from .widgets import control_row

__all__ = [
    "LAMBDA_SLIDER",
    "LAMBDA_INPUT",
    "LAMBDA_LABEL",
    "LAMBDA_MESSAGE",
    "MODE_TOGGLE",
    "SLIDER_MIN",
    "SLIDER_MAX",
    "SLIDER_DEFAULT",
    "MODES",
    "LAMBDA_KEEP",
    "KEEP_OPTIONS",
    "keep_control",
    "reference_value",
    "slider_to_value",
    "layout",
    "register_callbacks",
    "STRINGS",
]

LAMBDA_SLIDER = "lambda-slider"
LAMBDA_INPUT = "lambda-input"
LAMBDA_LABEL = "lambda-label"
LAMBDA_MESSAGE = "lambda-message"
MODE_TOGGLE = "mode-toggle"

SLIDER_MIN = -3.0
SLIDER_MAX = math.log10(3.0)
SLIDER_STEP = 0.01
#: 0.6 lambda_max: with the default data the lasso sits on a corner (w2 = 0), ridge does not
SLIDER_DEFAULT = math.log10(0.6)

#: the modes, each with the key of its label in the string table (:mod:`components.i18n`)
MODES = {"penalized": "lambda.mode_penalized", "constrained": "lambda.mode_constrained"}
LAMBDA_KEEP = "lambda-keep"
#: what a change of the data keeps (components/view.py): λ itself, or its ratio to λ_max; each
#: with the key of its label in the string table
KEEP_OPTIONS = {"value": "lambda.keep_value", "ratio": "lambda.keep_ratio"}

#: this module's strings, keyed as the string table's (:func:`components.i18n.text`)
STRINGS: dict[str, dict[str, str]] = {
    "lambda.mode": {"en": "Mode", "zh": "形式"},
    "lambda.mode_penalized": {"en": "penalized (λ)", "zh": "惩罚形式（λ）"},
    "lambda.mode_constrained": {"en": "constrained (t)", "zh": "约束形式（t）"},
    "lambda.slider_hint": {
        "en": "log scale: the marks are multiples of λ_max (or of ‖w_OLS‖₁ in constrained mode)",
        "zh": "对数刻度：刻度是 λ_max 的倍数（约束形式下是 ‖w_OLS‖₁ 的倍数）",
    },
    "lambda.placeholder": {"en": "exact value", "zh": "精确值"},
    "lambda.keep_value": {"en": "the value of λ", "zh": "λ 的值"},
    "lambda.keep_ratio": {"en": "λ / λ_max", "zh": "λ / λ_max"},
    "lambda.below": {
        "en": "{name} = {value} is below the range; clamped to {factor}·{unit} = {bound}.",
        "zh": "{name} = {value} 低于范围，已限制为 {factor}·{unit} = {bound}。",
    },
    "lambda.above": {
        "en": "{name} = {value} is above the range; clamped to {factor}·{unit} = {bound}.",
        "zh": "{name} = {value} 高于范围，已限制为 {factor}·{unit} = {bound}。",
    },
    "lambda.ask": {"en": "Type a number for {name}.", "zh": "请为 {name} 输入一个数。"},
    "lambda.thumb": {"en": "{name} (log scale)", "zh": "{name}（对数刻度）"},
}


def reference_value(scene: dict, mode: str) -> float:
    """lambda_max (penalized) or ||w_ols||_1 (constrained): the slider's unit."""
    if mode == "constrained":
        return float(sum(abs(v) for v in scene["ols"]))
    return float(scene["lambda_max"])


def slider_to_value(scene: dict, mode: str, v: float) -> float:
    """lam (penalized) or t (constrained) at slider position v."""
    return reference_value(scene, mode) * 10.0 ** float(v)


def _marks() -> dict:
    labels = {-3: "10⁻³", -2: "10⁻²", -1: "10⁻¹", 0: "1"}
    marks = {float(k): {"label": v} for k, v in labels.items()}
    marks[SLIDER_MAX] = {"label": "3"}
    return marks


def layout(view: dict | None = None, *, lang: str = "en") -> html.Div:
    """The control block: mode toggle, label, slider and number box, message line.

    ``view``: the page's first view (its mode and slider position; by default the defaults);
    ``lang``: the page's language.
    """
    view = view or {}
    return html.Div(
        className="control-block lambda-control",
        children=[
            control_row(
                text("lambda.mode", lang),
                dcc.RadioItems(
                    id=MODE_TOGGLE,
                    options=[{"label": text(label, lang), "value": key} for key, label in MODES.items()],
                    value=view.get("mode", "penalized"),
                    inline=True,
                    className="mode-toggle",
                ),
            ),
            # the label names the number box (a screen reader hears "λ = 0.905 (0.6 · λ_max)")
            html.Label(id=LAMBDA_LABEL, className="lambda-label", htmlFor=LAMBDA_INPUT, children="λ = …"),
            html.Div(
                className="slider-row",
                title=text("lambda.slider_hint", lang),
                children=[
                    dcc.Slider(
                        id=LAMBDA_SLIDER,
                        min=SLIDER_MIN,
                        max=SLIDER_MAX,
                        step=SLIDER_STEP,
                        value=view.get("slider", SLIDER_DEFAULT),
                        marks=_marks(),
                        updatemode="drag",
                        allow_direct_input=False,
                        className="slider-track",
                    ),
                    dcc.Input(
                        id=LAMBDA_INPUT,
                        type="number",
                        debounce=True,
                        className="number-box",
                        placeholder=text("lambda.placeholder", lang),
                        inputMode="decimal",
                    ),
                ],
            ),
            html.Div(id=LAMBDA_MESSAGE, className="message", role="status"),
        ],
    )


def keep_control(keep: str = "value", *, lang: str = "en") -> dcc.RadioItems:
    """What a change of the data keeps: the value of λ (the default) or λ / λ_max (the data panel
    shows it, next to the edits it is about)."""
    return dcc.RadioItems(
        id=LAMBDA_KEEP,
        options=[{"label": text(label, lang), "value": key} for key, label in KEEP_OPTIONS.items()],
        value=keep if keep in KEEP_OPTIONS else "value",
        inline=True,
        className="mode-toggle",
    )


def register_callbacks(app: Dash) -> None:
    """The label (each drawn step) and the number box with its message (typed values, and λ at rest)."""
    app.clientside_callback(
        ClientsideFunction(namespace="lambda_control", function_name="label"),
        Output(LAMBDA_LABEL, "children"),
        Input(CURRENT_VIEW, "data"),
        Input(SCENE_STORE, "data"),
    )
    # The box is an input and an output of the same callback: Dash does not call a callback for
    # its own writes, so writing λ into the box at rest triggers nothing.
    app.clientside_callback(
        ClientsideFunction(namespace="lambda_control", function_name="syncBox"),
        Output(LAMBDA_SLIDER, "value"),
        Output(LAMBDA_INPUT, "value"),
        Output(LAMBDA_MESSAGE, "children"),
        Input(LAMBDA_INPUT, "value"),
        Input(LAMBDA_INPUT, "n_submit"),
        Input(LAMBDA_INPUT, "n_blur"),
        Input(VIEW_STORE, "data"),
        State(SCENE_STORE, "data"),
        State(LAMBDA_SLIDER, "value"),
        State(MODE_TOGGLE, "value"),
    )
