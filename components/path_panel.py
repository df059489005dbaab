"""Regularization path: every weight against λ for L1, L2 and the elastic net (issue 14).

A collapsed ``<details>`` in the side panel holding one graph (``path-plot``, built by
:func:`components.path_figure.path_figure`), four components in all. It costs nothing while
closed:

- Dash's ``html.Details`` does not report the user's toggles, so ``assets/path_panel.js``
  writes its ``open`` property on each ``toggle`` event;

- ``path_panel.gate`` (clientside, ``assets/path_panel.js``) writes ``path-request`` only while
  the details are open: when they open, when the data change (``scene-store``) and when the
  regions shown or the mix r change (``view-store``, λ at rest); λ alone never asks the server;
- :func:`update_figure` (server) draws the curves for that request, with the ``path-now`` line
  at the λ of ``current-view``;
- ``path_panel.followLambda`` (clientside) moves ``path-now`` on each λ step the weight plane has
  drawn (``current-view``), while the details are open;
- in dataset mode (:mod:`components.dataset_panel`) the server draws
  :func:`components.dataset_path_figure.dataset_path_figure`: the path of the model on all the data
  set's features, and dashed, the two-feature model of the weight plane;
- a click on the plot's area sets λ there: ``assets/path_panel.js`` writes the λ slider
  (``lab.write('path_panel', 'lambdaSlider', v)``), and the plane and every panel follow as
  for a slider move. In constrained mode the slider goes to the t of the lasso's optimum at
  the clicked λ, so the L1 touch point's λ is the clicked one.
"""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from .i18n import normalize_lang, text
from .dataset_path_figure import dataset_path_figure
from .path_figure import PLOT_HEIGHT, path_figure
from .plot_style import GRAPH_CONFIG, blank_figure
from .stores import CURRENT_VIEW, LAB_STATE, SCENE_STORE, VIEW_STORE, follow_lambda
from .view import view_with_defaults

__all__ = [
    "PATH_DETAILS",
    "PATH_PLOT",
    "PATH_REQUEST",
    "STRINGS",
    "PATH_GRAPH_CONFIG",
    "layout",
    "empty_figure",
    "update_figure",
    "register_callbacks",
]

PATH_DETAILS = "path-details"
PATH_PLOT = "path-plot"
#: what the server should draw: ``{"shown", "l1_ratio", "n"}``, written only while the details are open
PATH_REQUEST = "path-request"

#: the weight plane's graph options, without shape editing (nothing here is dragged)
PATH_GRAPH_CONFIG = {key: value for key, value in GRAPH_CONFIG.items() if key != "edits"}

STRINGS: dict[str, dict[str, str]] = {
    "path_panel.summary": {
        "en": "Regularization path: every weight against λ",
        "zh": "正则化路径：每个权重随 λ 的变化",
    },
    "path_panel.hint": {
        "en": (
            "Each curve is one weight as λ runs over the slider's range; the dotted line is the current λ "
            "(click the plot to move it). A ◆ marks where an L1 weight enters or leaves: on its zero side "
            "it is exactly 0, not merely small. L2 weights only shrink towards 0. In constrained mode the line "
            "is at the L1 touch point's λ."
        ),
        "zh": (
            "每条曲线是一个权重随 λ 在滑块范围内的变化；虚线是当前 λ（点击图可移动它）。"
            "◆ 标出 L1 权重进入或离开的位置：在为零的一侧它恰为 0，而不只是很小。L2 权重只是向 0 收缩。"
            "约束模式下虚线位于 L1 切点对应的 λ。"
        ),
    },
}


def empty_figure() -> dict:
    """The graph's figure before the details are first opened: nothing to draw."""
    return blank_figure(PLOT_HEIGHT)


def layout(page) -> list:
    """The collapsed panel (``page``: :class:`authoring.url_state.PageState`) and its request store;
    the figure is drawn when the panel is first opened."""
    lang = normalize_lang(getattr(page, "lang", None))
    return [
        html.Details(
            id=PATH_DETAILS,
            className="path-panel",
            open=False,
            children=[
                html.Summary(text("path_panel.summary", lang)),
                text("path_panel.hint", lang),
                dcc.Graph(
                    id=PATH_PLOT,
                    figure=empty_figure(),
                    config=PATH_GRAPH_CONFIG,
                    className="path-plot",
                    responsive=True,
                    style={"height": f"{PLOT_HEIGHT}px"},  # responsive: the width follows the panel
                ),
            ],
        ),
        dcc.Store(id=PATH_REQUEST, data=None),
    ]


def update_figure(request: dict | None, scene: dict | None, view: dict | None, state: dict | None) -> dict:
    """Server callback body (call it directly in tests): the path figure for a request.

    ``request``: ``path-request`` (its ``shown`` and ``l1_ratio`` override the view's);
    ``scene``, ``view``, ``state``: the ``scene-store``, ``current-view`` and ``lab-state`` dicts.
    A scene the figure cannot be drawn for gets an empty figure saying why, never an error.
    """
    if not request or not scene:
        raise PreventUpdate
    lang = normalize_lang((state or {}).get("lang") or scene.get("lang"))
    view = view_with_defaults(view)
    if request.get("shown") is not None:
        view["shown"] = list(request["shown"])
    if request.get("l1_ratio") is not None:
        view["l1_ratio"] = float(request["l1_ratio"])
    try:
        if scene.get("source") == "dataset":
            return dataset_path_figure(scene, view, lang=lang)
        return path_figure(scene, view, lang=lang)
    except (ValueError, KeyError, TypeError) as exc:
        figure = empty_figure()
        figure["layout"]["annotations"] = [
            {
                "text": text("path_figure.failed", lang, reason=str(exc)),
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.5,
                "showarrow": False,
            }
        ]
        return figure


def register_callbacks(app: Dash) -> None:
    """The gate and the λ line (clientside), the curves (server)."""
    app.clientside_callback(
        ClientsideFunction(namespace="path_panel", function_name="gate"),
        Output(PATH_REQUEST, "data"),
        Input(VIEW_STORE, "data"),
        Input(PATH_DETAILS, "open"),
        Input(SCENE_STORE, "data"),
        State(PATH_REQUEST, "data"),
    )
    app.callback(
        Output(PATH_PLOT, "figure"),
        Input(PATH_REQUEST, "data"),
        State(SCENE_STORE, "data"),
        State(CURRENT_VIEW, "data"),
        State(LAB_STATE, "data"),
        prevent_initial_call=True,
    )(update_figure)
    app.clientside_callback(
        ClientsideFunction(namespace="path_panel", function_name="followLambda"),
        Output(PATH_PLOT, "figure", allow_duplicate=True),
        *follow_lambda(at_rest=False),
        State(PATH_DETAILS, "open"),
        prevent_initial_call=True,
    )
