"""The readout (``readout``): weights, exact zeros, J0, penalty, t and λ for each region shown,
λ_max, the sentences that explain the picture in its current state
(:func:`components.readout_sentences.explanation`), and a collapsible glossary.

:func:`readout_html` builds it all as one HTML string (one ``dcc.Markdown``, ``readout-body``);
:func:`update_readout` rebuilds it when λ rests; :func:`layout` and :func:`register_callbacks`
place it on the page. Its language is the scene's (``scene["lang"]``).
"""

from __future__ import annotations

from html import escape

import numpy as np
from dash import Dash, Output, dcc, html
from dash.exceptions import PreventUpdate

from geometry.scene import loss_from_scene
from geometry.touch import penalty_value

from . import lambda_control
from .formatting import format_number
from .glossary import column_titles, glossary_html
from .i18n import normalize_lang
from .penalty_control import DEFAULT_P
from .plane_traces import lp_touch, touches_for_view
from .plot_style import REGION_KEYS, REGION_STYLE, lp_name, region_name
from .readout_sentences import explanation
from .stores import follow_lambda
from .view import view_with_defaults

__all__ = [
    "READOUT",
    "READOUT_BODY",
    "column_titles",
    "glossary_html",
    "readout_html",
    "update_readout",
    "layout",
    "register_callbacks",
]

READOUT = "readout"
READOUT_BODY = "readout-body"


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
    lp = None
    if "lp" in shown:
        # constrained form with the diamond's intercept: no λ and no penalty of its own
        p, t = float(view.get("p", DEFAULT_P)), touches["l1"].t
        w = lp = lp_touch(loss, t, p)
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
        f'<p class="readout-explanation" id="readout-explanation">{escape(explanation(scene, view, touches, lang, lp=lp))}</p>'
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
