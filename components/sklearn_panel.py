""""Do it in scikit-learn": the equivalent code of the current state, with a copy button.

A collapsed ``<details>`` at the end of the side panel. The code (:func:`authoring.sklearn_code.sklearn_code`)
is written on the server when λ rests, and only while the details are open: the clientside
callback ``sklearn_panel.gate`` (``assets/sklearn_panel.js``) passes the ``view-store`` view on to
``sklearn-view`` while they are open (and once when they open), so a closed panel costs no
request when λ rests.
"""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from authoring.sklearn_code import sklearn_code
from components.i18n import normalize_lang, text

from .problem import ProblemError
from .stores import LAB_STATE, SCENE_STORE, VIEW_STORE
from .view import view_with_defaults

__all__ = [
    "SKLEARN_DETAILS",
    "SKLEARN_SUMMARY",
    "SKLEARN_CODE",
    "SKLEARN_COPY",
    "SKLEARN_VIEW",
    "STRINGS",
    "layout",
    "update_code",
    "register_callbacks",
]

SKLEARN_DETAILS = "sklearn-details"
SKLEARN_SUMMARY = "sklearn-summary"
SKLEARN_CODE = "sklearn-code"
SKLEARN_COPY = "sklearn-copy"
#: the view-store view, passed on only while the details are open
SKLEARN_VIEW = "sklearn-view"

STRINGS: dict[str, dict[str, str]] = {
    "sklearn_panel.summary": {"en": "Do it in scikit-learn", "zh": "用 scikit-learn 实现"},
    "sklearn_panel.hint": {
        "en": "The same fit in Python: run it and the printed weights are the readout's.",
        "zh": "用 Python 完成同样的拟合：运行后打印出的权重与读数一致。",
    },
    "sklearn_panel.copy": {"en": "Copy the code", "zh": "复制代码"},
    "sklearn_panel.failed": {
        "en": "# The code could not be written for this state: {reason}",
        "zh": "# 无法为当前状态生成代码：{reason}",
    },
}


def layout(page) -> list:
    """The collapsed panel (``page``: :class:`authoring.url_state.PageState`); its code is
    written when it is first opened."""
    lang = page.lang
    return [
        html.Details(
            id=SKLEARN_DETAILS,
            className="sklearn-panel",
            open=False,
            children=[
                html.Summary(text("sklearn_panel.summary", lang), id=SKLEARN_SUMMARY),
                text("sklearn_panel.hint", lang),
                dcc.Clipboard(
                    id=SKLEARN_COPY,
                    target_id=SKLEARN_CODE,
                    title=text("sklearn_panel.copy", lang),
                    className="sklearn-copy",
                ),
                html.Pre(id=SKLEARN_CODE, className="sklearn-code", children=""),
            ],
        ),
        dcc.Store(id=SKLEARN_VIEW, data=None),
    ]


def update_code(view: dict | None, scene: dict | None, state: dict | None) -> str:
    """Server callback body (call it directly in tests): the code for the view at rest.

    ``view``: the ``view-store`` view the gate passed on; ``scene``, ``state``: the
    ``scene-store`` and ``lab-state`` dicts. A state the code cannot be written for gets a
    one-line comment saying why, never an error.
    """
    if not view or not scene or not state:
        raise PreventUpdate
    lang = normalize_lang(state.get("lang") or scene.get("lang"))
    try:
        return sklearn_code(state, view_with_defaults(view), scene, lang=lang)
    except (ValueError, KeyError, TypeError, ProblemError) as exc:
        return text("sklearn_panel.failed", lang, reason=str(exc))


def register_callbacks(app: Dash) -> None:
    """The gate (clientside: the view at rest, only while open) and the code (server)."""
    app.clientside_callback(
        ClientsideFunction(namespace="sklearn_panel", function_name="gate"),
        Output(SKLEARN_VIEW, "data"),
        Input(VIEW_STORE, "data"),
        Input(SKLEARN_SUMMARY, "n_clicks"),
        prevent_initial_call=True,
    )
    app.callback(
        Output(SKLEARN_CODE, "children"),
        Input(SKLEARN_VIEW, "data"),
        State(SCENE_STORE, "data"),
        State(LAB_STATE, "data"),
        prevent_initial_call=True,
    )(update_code)
