"""The readout: weights, exact zeros, J0, penalty, t and lam for each region, lambda_max, a few
sentences that explain the picture in its current state, and a collapsible glossary.

Every sentence is true for every state (``tests/test_readout.py`` checks each claim against
the solvers): the lasso holds a weight at exactly 0 on a whole interval of λ, ridge only at
the single λ where that weight's path crosses 0.
"""

from __future__ import annotations

import math
from html import escape

import numpy as np
from dash import Dash, Output, dcc, html
from dash.exceptions import PreventUpdate

from geometry import QuadraticLoss
from geometry.scene import loss_from_scene
from geometry.touch import Touch, penalty_value

from . import lambda_control
from .formatting import format_number
from .glossary import COLUMN_TITLES, glossary_html
from .plane_traces import touches_for_view
from .plot_style import REGION_KEYS, REGION_STYLE
from .stores import follow_lambda
from .view import view_with_defaults

__all__ = [
    "READOUT",
    "READOUT_BODY",
    "COLUMN_TITLES",
    "ridge_zero_lambdas",
    "lasso_zero_interval",
    "explanation",
    "glossary_html",
    "readout_html",
    "layout",
    "register_callbacks",
]

READOUT = "readout"
READOUT_BODY = "readout-body"

_SUB = "₁₂"

def _pair(w) -> str:
    return f"({format_number(w[0])}, {format_number(w[1])})"


def ridge_zero_lambdas(loss: QuadraticLoss) -> list[float | None]:
    """For each of the two weights, the λ > 0 where its ridge path w(λ) = (H + 2λI)⁻¹g is 0.

    In 2-D, ``w_j(λ) = ((h_kk + 2λ) g_j − h_jk g_k) / det(H + 2λI)`` (k the other weight): the
    numerator is linear in λ, so a ridge weight is 0 at one λ at most, unless it is 0 for every
    λ (``g_j = 0`` and ``h_jk = 0``), which is returned as ``0.0``. ``None``: no λ > 0.
    """
    h, g = loss.hessian, loss.linear
    out: list[float | None] = []
    for j in range(2):
        k = 1 - j
        if g[j] == 0.0:
            out.append(0.0 if h[j, k] * g[k] == 0.0 else None)
            continue
        root = (h[j, k] * g[k] - h[k, k] * g[j]) / (2.0 * g[j])
        out.append(float(root) if root > 0 else None)
    return out


def lasso_zero_interval(scene: dict, j: int, lam: float) -> tuple[float, float] | None:
    """The whole interval ``[low, high]`` of λ around ``lam`` on which the lasso's weight j is
    exactly 0, from the scene's exact lasso path (``high = inf``: it stays 0 up to λ_max and
    beyond). ``None`` if the scene has no path or w_j(lam) is not 0 there.
    """
    path = scene.get("lasso_path")
    if not path:
        return None
    lams = np.asarray(path["lambdas"], dtype=float)  # decreasing, lams[0] = lambda_max
    zero = np.asarray(path["weights"], dtype=float)[:, j] == 0.0
    # the segment [lams[k + 1], lams[k]] that holds lam; w_j = 0 on it <=> 0 at both ends
    k = min(max(int(np.searchsorted(-lams, -lam, side="right")) - 1, 0), len(lams) - 2)
    if lam == lams[k + 1] and zero[k + 1]:
        k += 1  # lam is a breakpoint where w_j is 0: start there
    elif not (zero[k] and (lam >= lams[0] or zero[k + 1])):
        return None
    high, low = k, k
    while high > 0 and zero[high - 1]:
        high -= 1
    while low + 1 < len(lams) and zero[low + 1]:
        low += 1
    if high == low and high > 0:
        return None  # a single breakpoint, not an interval
    return float(lams[low]), (math.inf if high == 0 else float(lams[high]))


def _corner_sentence(touch: Touch, grad: np.ndarray, threshold: str, limit: float) -> str:
    """Why a region with corners (L1, or the elastic net with r > 0) touches where it does when
    at most one weight is 0: ``threshold`` names the slope the corner's kink absorbs (``λ`` or
    ``r·λ``) and ``limit`` is its value."""
    zeros = [i for i in range(2) if touch.w[i] == 0.0]
    if len(zeros) == 1:
        j, k = zeros[0], 1 - zeros[0]
        return (
            f"w{_SUB[j]} is exactly 0: |∂J0/∂w{_SUB[j]}| = {format_number(abs(grad[j]))} ≤ {threshold} = "
            f"{format_number(limit)}, so the contour touches the corner on the w{_SUB[k]} axis."
        )
    if touch.lam == 0:
        return "λ = 0 here: the region reaches the OLS point, so the weights are the OLS weights."
    return "Both weights are non-zero: the contour touches the region between its corners."


def _l1_sentence(scene: dict, touch: Touch, grad: np.ndarray) -> str:
    lam_max = float(scene["lambda_max"])
    zeros = [i for i in range(2) if touch.w[i] == 0.0]
    if len(zeros) == 2:
        return (
            f"Both weights are exactly 0: λ = {format_number(touch.lam)} ≥ λ_max = {format_number(lam_max)}, so at the "
            f"origin |∂J0/∂wᵢ| ≤ λ for both weights; the diamond has shrunk to a point."
        )
    if len(zeros) == 1:
        j = zeros[0]
        text = _corner_sentence(touch, grad, "λ", touch.lam).replace("the corner", "the diamond's corner")
        interval = lasso_zero_interval(scene, j, touch.lam)
        if interval is not None:
            low, high = interval
            span = (
                f"λ ≥ {format_number(low)}"
                if math.isinf(high)
                else f"λ from {format_number(low)} to {format_number(high)}"
            )
            text += f" The corner's kink absorbs any slope up to λ, so w{_SUB[j]} stays exactly 0 for every {span}."
        return text
    if touch.lam == 0:
        return "λ = 0 here: the diamond reaches the OLS point, so the lasso's weights are the OLS weights."
    return (
        f"Both L1 weights are non-zero: the contour touches an edge of the diamond, where "
        f"|∂J0/∂w₁| = |∂J0/∂w₂| = λ = {format_number(touch.lam)}; a larger λ shrinks the diamond until a corner touches."
    )


def _l2_sentence(loss: QuadraticLoss, touch: Touch, *, contrast: bool) -> str:
    """Ridge: generically no exact zero; a weight is 0 only at the one λ where its path crosses 0."""
    w = touch.w
    zeros = [i for i in range(2) if w[i] == 0.0]
    lead = "Ridge (L2), by contrast, has" if contrast else "Ridge (L2) has"
    if touch.lam == 0:
        head = f"{'By contrast, for' if contrast else 'For'} ridge (L2) λ = 0 here: the circle reaches the OLS point {_pair(w)}."
    elif not zeros:
        head = f"{lead} no corners to stop at: its circle shrinks both weights to {_pair(w)}, neither to exactly 0."
    else:
        named = " and ".join(f"w{_SUB[j]}" for j in zeros)
        head = f"{lead} no corners: its circle shrinks the weights to {_pair(w)}, where {named} {'is' if len(zeros) == 1 else 'are'} exactly 0."
    crossings = ridge_zero_lambdas(loss)
    always = [j for j, root in enumerate(crossings) if root == 0.0]
    if always:
        j = always[0]
        return (
            f"{head} Here w{_SUB[j]} is 0 for every λ, as at the OLS point, because the ellipses' axes are "
            f"parallel to the w axes."
        )
    found = [f"w{_SUB[j]} at λ = {format_number(root)}" for j, root in enumerate(crossings) if root is not None]
    where = "here " + " and ".join(found) if found else "here neither does for λ > 0"
    return (
        f"{head} Its penalty λ‖w‖₂² is flat at 0, so a ridge weight is 0 only at the one λ where its path "
        f"crosses 0 ({where}), never on a whole interval of λ like a lasso weight."
    )


def _en_sentence(touch: Touch, grad: np.ndarray, r: float, lam_max: float) -> str:
    w = touch.w
    if r == 0.0:
        zeros = [f"w{_SUB[j]}" for j in range(2) if w[j] == 0.0]
        which = f"{' and '.join(zeros)} exactly 0" if zeros else "neither weight exactly 0"
        return f"With r = 0 the elastic net is ridge and its region is the circle: it touches at {_pair(w)}, {which}."
    if r == 1.0:
        lead = "With r = 1 the elastic net is the lasso and its region is the diamond."
    else:
        lead = (
            f"The elastic-net region (r = {format_number(r)}) has the diamond's corners with curved sides between them."
        )
    if np.all(w == 0.0):
        return f"{lead} Both its weights are exactly 0: r·λ = {format_number(r * touch.lam)} ≥ λ_max = {format_number(lam_max)}."
    return f"{lead} {_corner_sentence(touch, grad, 'r·λ', r * touch.lam)}"


def explanation(scene: dict, view: dict, touches: dict[str, Touch]) -> str:
    """A few sentences on why each shown region's optimum sits where it does: L1 first, L2 in
    contrast with it, then the elastic net."""
    loss = loss_from_scene(scene)
    shown = set(view.get("shown", ("l1", "l2")))
    if not shown & {"l1", "l2", "en"}:
        return "Tick L1, L2 or elastic net above the plot to see a region touch the contours."
    if view.get("mode") == "constrained" and all(touches[region].t == 0 for region in touches):
        return "With t = 0 every region is a single point, the origin: both weights are exactly 0."
    r = float(view.get("l1_ratio", 0.5))
    parts = []
    if "l1" in shown:
        touch = touches["l1"]
        parts.append(_l1_sentence(scene, touch, loss.gradient(touch.w)))
    if "l2" in shown:
        parts.append(_l2_sentence(loss, touches["l2"], contrast="l1" in shown))
    if "en" in shown:
        touch = touches["elasticnet"]
        parts.append(_en_sentence(touch, loss.gradient(touch.w), r, float(scene["lambda_max"])))
    return " ".join(parts)


def _row(head: str, cells: list[str], key: str) -> str:
    tds = "".join(f"<td>{escape(c)}</td>" for c in cells)
    return f'<tr id="readout-{key}"><th class="row-{key}">{escape(head)}</th>{tds}</tr>'


def readout_html(scene: dict, view: dict) -> str:
    """The readout's content as HTML: a table (rows ``id="readout-<key>"``, column heads with
    their definition as ``title``), a line of facts, the explanation
    (``id="readout-explanation"``) and the glossary (``id="readout-glossary"``).

    All of it is one ``dcc.Markdown`` rather than ~40 ``html.Td``/``html.Tr``/``html.P``
    components: every component on the page is visited on each Dash store update, so a
    component per cell would tax every λ step. It is one line: a blank line would end
    Markdown's HTML block.
    """
    loss = loss_from_scene(scene)
    touches = touches_for_view(scene, view)
    r = float(view.get("l1_ratio", 0.5))
    shown = set(view.get("shown", ("l1", "l2")))
    header = "<th></th>" + "".join(
        f'<th title="{escape(title)}">{escape(h)}</th>' for h, title in COLUMN_TITLES.items()
    )
    ols = np.asarray(scene["ols"], dtype=float)
    rows = [
        _row(
            "OLS",
            [
                format_number(ols[0]),
                format_number(ols[1]),
                str(int(np.sum(ols == 0.0))),
                format_number(loss.min_value),
                "—",
                "—",
                "0",
            ],
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
        f"{glossary_html(scene)}"
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
    app.callback(Output(READOUT_BODY, "children"), *follow_lambda(at_rest=True), prevent_initial_call=True)(
        update_readout
    )
