"""The readout: weights, exact zeros, J0, penalty, t and lam for each region, lambda_max, and one
sentence that explains the picture in its current state.
"""

from __future__ import annotations

from html import escape

import numpy as np
from dash import Dash, Output, dcc, html
from dash.exceptions import PreventUpdate

from geometry.scene import loss_from_scene
from geometry.touch import Touch, penalty_value

from . import lambda_control
from .formatting import format_number
from .plane_traces import touches_for_view
from .plot_style import REGION_KEYS, REGION_STYLE
from .stores import follow_lambda
from .view import view_with_defaults

__all__ = ["READOUT", "READOUT_BODY", "explanation", "readout_html", "layout", "register_callbacks"]

READOUT = "readout"
READOUT_BODY = "readout-body"

_SUB = "₁₂"


def explanation(scene: dict, view: dict, touches: dict[str, Touch]) -> str:
    """One sentence on why the L1 (or, if hidden, the L2) optimum sits where it does."""
    loss = loss_from_scene(scene)
    shown = set(view.get("shown", ("l1", "l2")))
    lam_max = float(scene["lambda_max"])
    if "l1" in shown:
        touch = touches["l1"]
        w = touch.w
        grad = loss.gradient(w)
        lam = touch.lam
        zeros = [i for i in range(2) if w[i] == 0.0]
        if len(zeros) == 2:
            if view.get("mode") == "constrained" and touch.t == 0:
                return "With t = 0 the diamond is a single point: both weights are exactly 0."
            return (
                f"Both weights are exactly 0: λ = {format_number(lam)} ≥ λ_max = {format_number(lam_max)}, so |∂J0/∂wᵢ| ≤ λ at the "
                f"origin for both weights; the diamond has shrunk to a point."
            )
        if len(zeros) == 1:
            j, k = zeros[0], 1 - zeros[0]
            return (
                f"w{_SUB[j]} is exactly 0: |∂J0/∂w{_SUB[j]}| = {format_number(abs(grad[j]))} ≤ λ = {format_number(lam)}, "
                f"the contour touches the diamond at its corner on the w{_SUB[k]} axis."
            )
        if lam == 0:
            return "λ = 0 here: the diamond contains the OLS point, so nothing is shrunk and no weight is 0."
        ridge = touches["l2"].w
        return (
            f"Both L1 weights are non-zero: the contour touches an edge of the diamond, where "
            f"|∂J0/∂w₁| = |∂J0/∂w₂| = λ = {format_number(lam)}. Larger λ shrinks the diamond toward a corner; "
            f"L2 meanwhile shrinks both weights smoothly to ({format_number(ridge[0])}, {format_number(ridge[1])})."
        )
    if "l2" in shown:
        w = touches["l2"].w
        return (
            f"The circle has no corners: the L2 optimum ({format_number(w[0])}, {format_number(w[1])}) shrinks both weights by the factor "
            f"(H + 2λI)⁻¹H but a weight is exactly 0 only if it is 0 at the OLS point too."
        )
    if "en" in shown:
        w = touches["elasticnet"].w
        n_zero = int(np.sum(w == 0.0))
        return f"The elastic-net region has rounded corners: here {n_zero} weight(s) are exactly 0."
    return "Tick L1, L2 or elastic net above the plot to see a region touch the contours."


def _row(head: str, cells: list[str], key: str) -> str:
    tds = "".join(f"<td>{escape(c)}</td>" for c in cells)
    return f'<tr id="readout-{key}"><th class="row-{key}">{escape(head)}</th>{tds}</tr>'


def readout_html(scene: dict, view: dict) -> str:
    """The readout's content as HTML: a table (rows ``id="readout-<key>"``), a line of facts and
    the explanation (``id="readout-explanation"``).

    All of it is one ``dcc.Markdown`` rather than ~40 ``html.Td``/``html.Tr``/``html.P``
    components: every component on the page is visited on each Dash store update, so a
    component per cell would tax every λ step.
    """
    loss = loss_from_scene(scene)
    touches = touches_for_view(scene, view)
    r = float(view.get("l1_ratio", 0.5))
    shown = set(view.get("shown", ("l1", "l2")))
    header = "".join(
        f"<th>{h}</th>" for h in ("", "w₁", "w₂", "exact zeros", "J0", "penalty P(w)", "t (region size)", "λ")
    )
    ols = np.asarray(scene["ols"], dtype=float)
    rows = [
        _row(
            "OLS",
            [format_number(ols[0]), format_number(ols[1]), str(int(np.sum(ols == 0.0))), format_number(loss.min_value), "—", "—", "0"],
            "ols",
        )
    ]
    for region, style in REGION_STYLE.items():
        key = REGION_KEYS[region]
        if key not in shown:
            continue
        touch = touches[region]
        name = style["name"] + (f" (r = {r:g})" if region == "elasticnet" else "")
        cells = [
            format_number(touch.w[0]),
            format_number(touch.w[1]),
            str(int(np.sum(touch.w == 0.0))),
            format_number(loss.min_value + loss.excess(touch.w)),
            format_number(penalty_value(region, touch.w, l1_ratio=r)),
            format_number(touch.t),
            format_number(touch.lam),
        ]
        rows.append(_row(name, cells, key))
    table = f'<table class="readout-table"><thead><tr>{header}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    mode = view.get("mode", "penalized")
    value = lambda_control.slider_to_value(scene, mode, view["slider"])
    facts = f"λ_max = {format_number(float(scene['lambda_max']))}  ·  " + (
        f"t = {format_number(value)}"
        if mode == "constrained"
        else f"λ = {format_number(value)} = {format_number(value / float(scene['lambda_max']))}·λ_max"
    )
    return (
        f'{table}<p class="readout-facts">{escape(facts)}</p>'
        f'<p class="readout-explanation" id="readout-explanation">{escape(explanation(scene, view, touches))}</p>'
    )


def update_readout(view: dict | None, scene: dict | None) -> str:
    """Server callback body (call it directly in tests).

    ``view`` is the ``view-store`` dict (``slider``, ``mode``, ``shown``, ``l1_ratio``); it is
    written when λ rests after a drag, so the readout costs one request per pause, not one
    per slider step.
    """
    if not scene or not view:
        raise PreventUpdate
    return readout_html(scene, view_with_defaults(view))


def layout(scene: dict, view: dict) -> html.Div:
    """The readout for the page's first scene and view; a live region, so screen readers read
    the new explanation when λ rests."""
    return html.Div(
        id=READOUT,
        className="readout",
        role="status",
        children=dcc.Markdown(readout_html(scene, view), id=READOUT_BODY, dangerously_allow_html=True),
    )


def register_callbacks(app: Dash) -> None:
    app.callback(Output(READOUT_BODY, "children"), *follow_lambda(at_rest=True), prevent_initial_call=True)(update_readout)
