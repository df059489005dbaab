"""Optimizer paths on the weight plane and the KKT picture at the touch points.

A collapsed ``<details>`` under the λ control (class ``secondary``: presenter mode hides it),
ten components in all. It draws into the weight plane's own traces (uids in
:data:`components.plane_traces.OPTIMIZER_UIDS`, empty in every figure the server draws):

- the paths of the update rules of :mod:`geometry.optimizers` from one start point
  (``gd-path-<rule>``), drawn while the details are open, each shown or hidden by a checkbox,
  with a step size η (empty: each rule's ``1/L``), a number of steps, the start point (a click
  in the plane while "set start" is ticked) and play / step / reset, which show the first k
  steps;
- with "KKT" ticked (open or closed), at each shown touch point −∇J0 (``kkt-gradient``) and the
  region's normal cone there (``kkt-cone``): one ray on a smooth boundary, the wedge at a corner,
  the box ``λ r [−1, 1]²`` at the origin (:mod:`geometry.kkt`).

This module holds the panel's ids, its layout, the scripts' configuration and its callback.
Everything is computed in the browser (``assets/optimizer_model.js``, the same model as
:func:`components.optimizer_figure.optimizer_model` and
:func:`components.optimizer_figure.optimizer_traces`, checked under Node):

- ``optimizer_panel.draw`` (clientside) patches the plane's optimizer traces (through
  ``lab.write``, as the plane's own callbacks do) and writes the text
  (the selected rule's update with the numbers of step k, where each path ends and how far from
  its exact target, sign flips, warnings, one KKT line per touch point) when the panel's
  controls, the data (``scene-store``) or λ (``current-view``, text only) change; with the
  details closed and KKT off it returns ``no_update`` at once;
- on a λ step the weight plane's own patch (``weight_plane.followLambda``) carries these traces
  (``lab.optimizerPanel.extendPlanePatch``): one redraw per step, not two.
"""

from __future__ import annotations

import json

from dash import ClientsideFunction, Dash, Input, Output, dcc, html

from geometry.optimizers import DEFAULT_STEPS, L1_RULES, RULES

from .i18n import normalize_lang, text
from .optimizer_figure import ARROW_LENGTH, CONE_LENGTH, DEFAULT_RULES, HEAD, default_settings
from .plane_traces import OPTIMIZER_UIDS, TRACE_INDEX
from .stores import CURRENT_VIEW, SCENE_STORE
from .weight_plane import WEIGHT_PLANE

__all__ = [
    "OPT_DETAILS",
    "OPT_RULES",
    "OPT_FORMULA",
    "OPT_ETA",
    "OPT_STEPS",
    "OPT_OPTIONS",
    "OPT_BUTTONS",
    "OPT_FRAME",
    "OPT_TEXT",
    "MAX_STEPS",
    "STRINGS",
    "script_config",
    "strings_for",
    "layout",
    "register_callbacks",
]

OPT_DETAILS = "optimizer-details"
OPT_RULES = "optimizer-rules"
OPT_FORMULA = "optimizer-formula"
OPT_ETA = "optimizer-eta"
OPT_STEPS = "optimizer-steps"
OPT_OPTIONS = "optimizer-options"
OPT_BUTTONS = "optimizer-buttons"
#: ``{"k": shown steps or None (all), "start": [u, v] (the start as a fraction of the plane's
#: half-width), "n": a counter}``, written by the script (play / step / reset, a click)
OPT_FRAME = "optimizer-frame"
OPT_TEXT = "optimizer-text"

#: the steps box's upper bound
MAX_STEPS = 5000

STRINGS: dict[str, dict[str, str]] = {
    "optimizer_panel.summary": {
        "en": "Optimizer paths & why it touches there (KKT)",
        "zh": "优化器路径，以及为什么在那里相切（KKT）",
    },
    "optimizer_panel.rules": {"en": "Paths:", "zh": "路径："},
    "optimizer_panel.rule.none": {"en": "GD (no penalty)", "zh": "GD（无惩罚）"},
    "optimizer_panel.rule.l2": {"en": "L2 weight decay", "zh": "L2 权重衰减"},
    "optimizer_panel.rule.l1-subgradient": {"en": "L1 sign rule", "zh": "L1 符号规则"},
    "optimizer_panel.rule.l1": {"en": "L1 proximal", "zh": "L1 近端步"},
    "optimizer_panel.rule.l1-clip": {"en": "L1 clip at 0", "zh": "L1 过零截断"},
    "optimizer_panel.formula": {"en": "Update rule of:", "zh": "显示更新公式："},
    "optimizer_panel.eta": {"en": "η", "zh": "η"},
    "optimizer_panel.eta_auto": {"en": "1/L", "zh": "1/L"},
    "optimizer_panel.steps": {"en": "steps", "zh": "步数"},
    "optimizer_panel.option.start": {"en": "set start (click the plane)", "zh": "设置起点（点击平面）"},
    "optimizer_panel.option.kkt": {"en": "KKT: −∇J0 and the normal cone", "zh": "KKT：−∇J0 与法锥"},
    "optimizer_panel.play": {"en": "▶ Play", "zh": "▶ 播放"},
    "optimizer_panel.step": {"en": "Step", "zh": "单步"},
    "optimizer_panel.reset": {"en": "Reset", "zh": "重置"},
    # the text the script writes ({fields} are numbers as the lab writes them)
    "optimizer_panel.t.bad_eta": {
        "en": "η must be a number > 0 (empty: 1/L); the paths keep the last valid η.",
        "zh": "η 必须是大于 0 的数（留空：1/L）；路径保留上一个有效的 η。",
    },
    "optimizer_panel.t.bad_steps": {
        "en": "steps must be a whole number from 1 to {max}; the paths keep the last valid number.",
        "zh": "步数必须是 1 到 {max} 的整数；路径保留上一个有效的步数。",
    },
    "optimizer_panel.t.head": {
        "en": "Step {k} of {n} from w₀ = {start}; L = {L} (largest eigenvalue of H), λ = {lam}.",
        "zh": "从 w₀ = {start} 出发，第 {k} 步（共 {n} 步）；L = {L}（H 的最大特征值），λ = {lam}。",
    },
    "optimizer_panel.t.diverges": {
        "en": "⚠ {rule}: η = {eta} ≥ 2/{what} = {limit}: this path diverges (or never settles).",
        "zh": "⚠ {rule}：η = {eta} ≥ 2/{what} = {limit}：这条路径发散（或永不收敛）。",
    },
    "optimizer_panel.t.f.none": {
        "en": "GD: w − η∇J0(w) = {w} − {eta}·{grad} = {next}",
        "zh": "GD：w − η∇J0(w) = {w} − {eta}·{grad} = {next}",
    },
    "optimizer_panel.t.f.l2": {
        "en": "Weight decay: w·(1 − 2ηλ) − η∇J0(w) = {w}·{factor} − {eta}·{grad} = {next}",
        "zh": "权重衰减：w·(1 − 2ηλ) − η∇J0(w) = {w}·{factor} − {eta}·{grad} = {next}",
    },
    "optimizer_panel.t.f.l1-subgradient": {
        "en": "Sign rule: w − η(∇J0(w) + λ·sign(w)) = {w} − {eta}·({grad} + {lam}·{sign}) = {next}",
        "zh": "符号规则：w − η(∇J0(w) + λ·sign(w)) = {w} − {eta}·({grad} + {lam}·{sign}) = {next}",
    },
    "optimizer_panel.t.f.l1": {
        "en": "Proximal: S_ηλ(w − η∇J0(w)) = S_{tau}({z}) = {next} (|z_i| ≤ ηλ gives exactly 0)",
        "zh": "近端步：S_ηλ(w − η∇J0(w)) = S_{tau}({z}) = {next}（|z_i| ≤ ηλ 时恰为 0）",
    },
    "optimizer_panel.t.f.l1-clip": {
        "en": "Clip: w − η(∇J0(w) + λ·sign(w)) = {z}; a weight that would cross 0 is set to 0: {next}",
        "zh": "截断：w − η(∇J0(w) + λ·sign(w)) = {z}；会越过 0 的权重被置为 0：{next}",
    },
    "optimizer_panel.t.end": {
        "en": "{rule}: ends at {end}, {dist} from {target}{zeros}{flips}.",
        "zh": "{rule}：终点 {end}，距 {target} {dist}{zeros}{flips}。",
    },
    "optimizer_panel.t.target.none": {"en": "the OLS point", "zh": "OLS 点"},
    "optimizer_panel.t.target.l2": {"en": "the L2 touch point", "zh": "L2 切点"},
    "optimizer_panel.t.target.l1": {"en": "the L1 touch point", "zh": "L1 切点"},
    "optimizer_panel.t.zero_from": {"en": "; w{i} = 0 exactly from step {k} on", "zh": "；从第 {k} 步起 w{i} 恰为 0"},
    "optimizer_panel.t.never_zero": {"en": "; never exactly 0", "zh": "；从未恰为 0"},
    "optimizer_panel.t.flips": {"en": "; {count} sign flips of w{i}", "zh": "；w{i} 变号 {count} 次"},
    "optimizer_panel.t.stopped": {"en": "{rule}: stopped after {k} steps: it blew up.", "zh": "{rule}：{k} 步后停止：已发散。"},
    "optimizer_panel.t.kkt.corner": {
        "en": "KKT at the {region} touch point {w}: a corner; −∇J0 = {d} lies inside the normal cone "
        "(the wedge between the normals of the two sides), so the touch stays on the corner.",
        "zh": "{region} 切点 {w} 处的 KKT：尖角；−∇J0 = {d} 位于法锥（两条边法向之间的楔形）之内，"
        "所以切点停在尖角上。",
    },
    "optimizer_panel.t.kkt.smooth": {
        "en": "KKT at the {region} touch point {w}: a smooth boundary; −∇J0 = {d} points along its one normal.",
        "zh": "{region} 切点 {w} 处的 KKT：光滑边界；−∇J0 = {d} 沿唯一的法向。",
    },
    "optimizer_panel.t.kkt.origin": {
        "en": "KKT at the {region} touch point 0: every direction is normal; −∇J0 = {d} lies in the box "
        "λ·r·[−1, 1]² = {box}·[−1, 1]², so w = 0.",
        "zh": "{region} 切点 0 处的 KKT：任何方向都是法向；−∇J0 = {d} 落在方框 λ·r·[−1, 1]² = {box}·[−1, 1]² 内，"
        "所以 w = 0。",
    },
    "optimizer_panel.t.kkt.interior": {
        "en": "KKT at the {region} point {w}: −∇J0 = 0, the region does not bind.",
        "zh": "{region} 点 {w} 处的 KKT：−∇J0 = 0，区域不起约束作用。",
    },
}


def script_config() -> dict:
    """What ``assets/optimizer_panel.js`` reads from ``lab.config().optimizer``.

    Returns
    -------
    dict
        ``rules``, ``l1Rules`` (:mod:`geometry.optimizers`), ``uids`` and ``traceIndex`` (the
        weight plane's optimizer traces), ``defaults``
        (:func:`~components.optimizer_figure.default_settings` with the paths off, as the
        details start closed), ``maxSteps``, ``arrow``, ``cone`` and ``head`` (the KKT
        picture's lengths).
    """
    return {
        "rules": list(RULES),
        "l1Rules": list(L1_RULES),
        "uids": list(OPTIMIZER_UIDS),
        "traceIndex": {uid: TRACE_INDEX[uid] for uid in OPTIMIZER_UIDS},
        "defaults": {**default_settings(), "paths": False},
        "maxSteps": MAX_STEPS,
        "arrow": ARROW_LENGTH,
        "cone": CONE_LENGTH,
        "head": list(HEAD),
    }


def strings_for(lang: str) -> dict[str, str]:
    """The templates ``assets/optimizer_model.js`` writes its text with.

    Parameters
    ----------
    lang : {"en", "zh"}

    Returns
    -------
    dict of str to str
        The rules' names (``rule.<rule>``) and the text's templates (``t.…``) of
        :data:`STRINGS`, keyed without the ``optimizer_panel.`` prefix, and the regions' names
        (``region.l1``, ``region.l2``, ``region.elasticnet``), in ``lang``.
    """
    out = {key.removeprefix("optimizer_panel."): text(key, lang) for key in STRINGS if ".t." in key or ".rule." in key}
    out.update({f"region.{r}": text(f"region.{r}", lang) for r in ("l1", "l2", "elasticnet")})
    return out


def _buttons(lang: str) -> str:
    """Play / step / reset as plain HTML buttons in one Markdown (one component, not three):
    ``assets/optimizer_panel.js`` handles their clicks by their ``data-optimizer`` action."""
    buttons = "".join(
        f'<button type="button" class="button optimizer-button" data-optimizer="{action}">'
        f"{text(f'optimizer_panel.{action}', lang)}</button>"
        for action in ("play", "step", "reset")
    )
    return f'<div class="optimizer-actions">{buttons}</div>'


def layout(page) -> list:
    """The collapsed panel and the frame store: ten components.

    Parameters
    ----------
    page : authoring.url_state.PageState
        The page being built (its language).

    Returns
    -------
    list
        The ``html.Details`` (carrying the script's templates, in the page's language, in its
        ``data-strings``) and the ``optimizer-frame`` store.
    """
    lang = normalize_lang(getattr(page, "lang", None))
    rule_options = [{"label": text(f"optimizer_panel.rule.{rule}", lang), "value": rule} for rule in RULES]
    return [
        html.Details(
            id=OPT_DETAILS,
            className="optimizer-panel secondary",
            open=False,
            **{"data-strings": json.dumps(strings_for(lang), ensure_ascii=False)},
            children=[
                html.Summary(text("optimizer_panel.summary", lang)),
                text("optimizer_panel.rules", lang),
                dcc.Checklist(
                    id=OPT_RULES, options=rule_options, value=list(DEFAULT_RULES), inline=True, className="optimizer-rules"
                ),
                text("optimizer_panel.formula", lang),
                dcc.RadioItems(
                    id=OPT_FORMULA, options=rule_options, value=default_settings()["formula"], inline=True, className="optimizer-formula"
                ),
                text("optimizer_panel.eta", lang) + " =",
                dcc.Input(
                    id=OPT_ETA,
                    type="number",
                    value=None,
                    min=0,
                    step="any",
                    placeholder=text("optimizer_panel.eta_auto", lang),
                    className="optimizer-number",
                    debounce=True,
                ),
                text("optimizer_panel.steps", lang),
                dcc.Input(
                    id=OPT_STEPS,
                    type="number",
                    value=DEFAULT_STEPS,
                    min=1,
                    max=MAX_STEPS,
                    step=1,
                    className="optimizer-number",
                    debounce=True,
                ),
                dcc.Checklist(
                    id=OPT_OPTIONS,
                    options=[{"label": text(f"optimizer_panel.option.{key}", lang), "value": key} for key in ("start", "kkt")],
                    value=[],
                    inline=True,
                    className="optimizer-options",
                ),
                dcc.Markdown(_buttons(lang), id=OPT_BUTTONS, dangerously_allow_html=True, className="optimizer-buttons"),
                html.Div(id=OPT_TEXT, className="optimizer-text", role="status", children=""),
            ],
        ),
        dcc.Store(id=OPT_FRAME, data=None),
    ]


def register_callbacks(app: Dash) -> None:
    """Register ``optimizer_panel.draw`` (clientside) on ``app``: the plane's optimizer traces
    and the panel's text, in the browser.

    Parameters
    ----------
    app : dash.Dash
    """
    app.clientside_callback(
        ClientsideFunction(namespace="optimizer_panel", function_name="draw"),
        # the plane's traces are written by the function itself (lab.write, assets/weight_plane.js)
        Output(OPT_TEXT, "children"),
        Input(OPT_DETAILS, "open"),
        Input(OPT_RULES, "value"),
        Input(OPT_FORMULA, "value"),
        Input(OPT_ETA, "value"),
        Input(OPT_STEPS, "value"),
        Input(OPT_OPTIONS, "value"),
        Input(OPT_FRAME, "data"),
        Input(SCENE_STORE, "data"),
        Input(CURRENT_VIEW, "data"),
        prevent_initial_call=True,
    )
