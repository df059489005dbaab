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

from geometry import QuadraticLoss, l1_solution_segment
from geometry.scene import loss_from_scene
from geometry.touch import Touch, penalty_value

from . import lambda_control
from .formatting import format_number
from .glossary import column_titles, glossary_html
from .i18n import normalize_lang, text
from .penalty_control import DEFAULT_P
from .plane_traces import lp_touch, touches_for_view
from .plot_style import REGION_KEYS, REGION_STYLE, lp_name, region_name
from .stores import follow_lambda
from .view import view_with_defaults

__all__ = [
    "READOUT",
    "READOUT_BODY",
    "column_titles",
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


def _join(parts: list[str], lang: str) -> str:
    """Sentences one after another: a space between English ones, none between Chinese ones."""
    return ("" if lang == "zh" else " ").join(parts)


def _corner_sentence(touch: Touch, grad: np.ndarray, threshold: str, limit: float, lang: str, *, key: str) -> str:
    """Why a region with corners (L1, or the elastic net with r > 0) touches where it does when
    at most one weight is 0: ``threshold`` names the slope the corner's kink absorbs (``λ`` or
    ``r·λ``) and ``limit`` is its value; ``key``: the sentence for one zero weight."""
    zeros = [i for i in range(2) if touch.w[i] == 0.0]
    if len(zeros) == 1:
        j, k = zeros[0], 1 - zeros[0]
        return text(
            key, lang, j=_SUB[j], k=_SUB[k], slope=format_number(abs(grad[j])), threshold=threshold,
            limit=format_number(limit),
        )  # fmt: skip
    if touch.lam == 0:
        return text("readout.region_ols", lang)
    return text("readout.between_corners", lang)


def _l1_sentence(scene: dict, touch: Touch, grad: np.ndarray, lang: str, *, loss: QuadraticLoss) -> str:
    lam_max = float(scene["lambda_max"])
    zeros = [i for i in range(2) if touch.w[i] == 0.0]
    if len(zeros) == 2:
        return text("readout.l1_both_zero", lang, lam=format_number(touch.lam), lam_max=format_number(lam_max))
    segment = l1_solution_segment(loss, touch.w)
    if segment is not None:
        return text("readout.l1_segment", lang, start=_pair(segment[0]), end=_pair(segment[1]))
    if len(zeros) == 1:
        j = zeros[0]
        sentence = _corner_sentence(touch, grad, "λ", touch.lam, lang, key="readout.l1_corner_zero")
        interval = lasso_zero_interval(scene, j, touch.lam)
        if interval is not None:
            low, high = interval
            stays = (
                text("readout.l1_stays_above", lang, j=_SUB[j], low=format_number(low))
                if math.isinf(high)
                else text("readout.l1_stays_between", lang, j=_SUB[j], low=format_number(low), high=format_number(high))
            )
            sentence = _join([sentence, stays], lang)
        return sentence
    if touch.lam == 0:
        return text("readout.l1_ols", lang)
    return text("readout.l1_edge", lang, lam=format_number(touch.lam))


def _l2_sentence(loss: QuadraticLoss, touch: Touch, lang: str, *, contrast: bool) -> str:
    """Ridge: generically no exact zero; a weight is 0 only at the one λ where its path crosses 0."""
    w = touch.w
    zeros = [i for i in range(2) if w[i] == 0.0]
    lead = text("readout.l2_lead_contrast" if contrast else "readout.l2_lead", lang)
    if touch.lam == 0:
        head = text("readout.l2_ols_contrast" if contrast else "readout.l2_ols", lang, pair=_pair(w))
    elif not zeros:
        head = text("readout.l2_no_zero", lang, lead=lead, pair=_pair(w))
    else:
        named = text("readout.and", lang).join(f"w{_SUB[j]}" for j in zeros)
        key = "readout.l2_zero_one" if len(zeros) == 1 else "readout.l2_zero_both"
        head = text(key, lang, lead=lead, pair=_pair(w), named=named)
    crossings = ridge_zero_lambdas(loss)
    always = [j for j, root in enumerate(crossings) if root == 0.0]
    if always:
        return _join([head, text("readout.l2_always", lang, j=_SUB[always[0]])], lang)
    found = [
        text("readout.l2_cross_at", lang, j=_SUB[j], lam=format_number(root))
        for j, root in enumerate(crossings)
        if root is not None
    ]
    where = (
        text("readout.l2_where", lang, found=text("readout.and", lang).join(found))
        if found
        else text("readout.l2_where_none", lang)
    )
    return _join([head, text("readout.l2_crossing", lang, where=where)], lang)


def _en_sentence(touch: Touch, grad: np.ndarray, r: float, lam_max: float, lang: str) -> str:
    w = touch.w
    if r == 0.0:
        zeros = [f"w{_SUB[j]}" for j in range(2) if w[j] == 0.0]
        which = (
            text("readout.en_ridge_zeros", lang, named=text("readout.and", lang).join(zeros))
            if zeros
            else text("readout.en_ridge_no_zero", lang)
        )
        return text("readout.en_ridge", lang, pair=_pair(w), which=which)
    if r == 1.0:
        lead = text("readout.en_lasso", lang)
    else:
        lead = text("readout.en_mixed", lang, r=format_number(r))
    if np.all(w == 0.0):
        both = text("readout.en_both_zero", lang, rlam=format_number(r * touch.lam), lam_max=format_number(lam_max))
        return _join([lead, both], lang)
    return _join([lead, _corner_sentence(touch, grad, "r·λ", r * touch.lam, lang, key="readout.corner_zero")], lang)


def explanation(scene: dict, view: dict, touches: dict[str, Touch], lang: str | None = None) -> str:
    """A few sentences on why each shown region's optimum sits where it does: L1 first, L2 in
    contrast with it, then the elastic net; in ``lang`` (by default the scene's language)."""
    lang = normalize_lang(lang if lang is not None else scene.get("lang"))
    loss = loss_from_scene(scene)
    shown = set(view.get("shown", ("l1", "l2")))
    if not shown & {"l1", "l2", "en", "lp"}:
        return text("readout.none_shown", lang)
    if view.get("mode") == "constrained" and all(touches[region].t == 0 for region in touches):
        return text("readout.t_zero", lang)
    r = float(view.get("l1_ratio", 0.5))
    parts = []
    if "l1" in shown:
        touch = touches["l1"]
        parts.append(_l1_sentence(scene, touch, loss.gradient(touch.w), lang, loss=loss))
    if "l2" in shown:
        parts.append(_l2_sentence(loss, touches["l2"], lang, contrast="l1" in shown))
    if "en" in shown:
        touch = touches["elasticnet"]
        parts.append(_en_sentence(touch, loss.gradient(touch.w), r, float(scene["lambda_max"]), lang))
    if "lp" in shown:
        parts.append(_lp_sentence(loss, touches["l1"].t, float(view.get("p", DEFAULT_P)), lang))
    return _join(parts, lang)


def _lp_sentence(loss, t: float, p: float, lang: str) -> str:
    """The p-norm ball's sentence: convex or not, its (global) touch point and its exact zeros."""
    w = lp_touch(loss, t, p)
    return text(
        "readout.lp_nonconvex" if p < 1 else "readout.lp_convex",
        lang,
        p=format_number(p),
        t=format_number(t),
        w1=format_number(w[0]),
        w2=format_number(w[1]),
        zeros=int(np.sum(w == 0.0)),
    )


def _row(head: str, cells: list[str], key: str) -> str:
    tds = "".join(f"<td>{escape(c)}</td>" for c in cells)
    return f'<tr id="readout-{key}"><th class="row-{key}">{escape(head)}</th>{tds}</tr>'


def readout_html(scene: dict, view: dict) -> str:
    """The readout's content as HTML: a table (rows ``id="readout-<key>"``, column heads with
    their definition as ``title``), a line of facts, the explanation
    (``id="readout-explanation"``) and the glossary (``id="readout-glossary"``), in the scene's
    language (``scene["lang"]``, English by default).

    All of it is one ``dcc.Markdown`` rather than ~40 ``html.Td``/``html.Tr``/``html.P``
    components: every component on the page is visited on each Dash store update, so a
    component per cell would tax every λ step. It is one line: a blank line would end
    Markdown's HTML block.
    """
    lang = normalize_lang(scene.get("lang"))
    loss = loss_from_scene(scene)
    touches = touches_for_view(scene, view)
    r = float(view.get("l1_ratio", 0.5))
    shown = set(view.get("shown", ("l1", "l2")))
    header = "<th></th>" + "".join(
        f'<th title="{escape(title)}">{escape(h)}</th>' for h, title in column_titles(lang).items()
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
    for region in REGION_STYLE:
        key = REGION_KEYS[region]
        if key not in shown:
            continue
        touch = touches[region]
        name = region_name(region, lang) + (f" (r = {r:g})" if region == "elasticnet" else "")
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
    if "lp" in shown:
        # constrained form with the diamond's intercept: no λ and no penalty of its own
        p, t = float(view.get("p", DEFAULT_P)), touches["l1"].t
        w = lp_touch(loss, t, p)
        cells = [format_number(w[0]), format_number(w[1]), str(int(np.sum(w == 0.0))),
                 format_number(loss.min_value + loss.excess(w)), "—", format_number(t), "—"]  # fmt: skip
        rows.append(_row(lp_name(p, lang), cells, "lp"))
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
        f'<p class="readout-explanation" id="readout-explanation">{escape(explanation(scene, view, touches, lang))}</p>'
        f"{glossary_html(scene, lang)}"
    )


def update_readout(view: dict | None, scene: dict | None) -> str:
    """Server callback body (call it directly in tests).

    ``view`` is the ``view-store`` dict (``slider``, ``mode``, ``shown``, ``l1_ratio``); it is
    written when λ rests after a drag, so the readout costs one request per pause, not one
    per slider step. The readout is in the scene's language (``scene["lang"]``).
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
