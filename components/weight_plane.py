"""The weight plane: loss contours, the L1 diamond / L2 circle / elastic-net region and touch points.

The figure (:func:`weight_plane_dict`) has its traces in the fixed order of
:data:`~components.plane_traces.TRACE_UIDS`, each with a stable ``uid``; the background
contours never move with λ. Who draws it:

- the server, for a new page and for each data edit (:mod:`components.data_panel`), and for a
  data point held in a drag (:func:`drag_plane`, one callback for every position of a drag, so
  that Dash drops a late answer instead of drawing it over a newer one);
- the browser, for each λ step (``weight_plane.followLambda`` in ``assets/weight_plane.js``): a
  Patch of the moving traces' coordinates with ``layout.transition``, so plotly.js redraws only
  the traces; once λ rests, ``weight_plane.hoverAtRest`` writes the touch points' hover texts.
  These two (and ``optimizer_panel.draw``) write through ``lab.write``, not an output, so that
  two of them run in one batch cannot undo each other (docs/architecture.md).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html, no_update
from dash.exceptions import PreventUpdate

from geometry import QuadraticLoss
from geometry.scene import weight_view

from . import lambda_control, penalty_control
from .data_edit import apply_edit
from .edit_sync import apply_events, pending_events
from .glossary import feature_name
from .i18n import normalize_lang, text
from .plane_styles import trace_style
from .plane_traces import EN_UIDS, OPTIMIZER_UIDS, TRACE_INDEX, TRACE_UIDS, VIEW_KEYS, moving_traces
from .plot_style import FAST_AXIS, GRAPH_CONFIG, OLS_COLOR, PLOT_LOOK, draggable_marker
from .problem import ProblemError, check_problem
from .readout import READOUT
from .stores import CURRENT_VIEW, DATA_DRAG, DATA_EDIT, LAB_STATE, SCENE_STORE, build_scene, follow_lambda
from .view import view_for_scene, view_with_defaults
from .widgets import described_graph

__all__ = [
    "WEIGHT_PLANE",
    "TRACE_UIDS",
    "TRACE_INDEX",
    "EN_UIDS",
    "moving_traces",
    "trace_style",
    "weight_plane_dict",
    "weight_plane_figure",
    "plane_for",
    "held_window",
    "held_plane",
    "drag_plane",
    "layout",
    "register_callbacks",
    "STRINGS",
]

WEIGHT_PLANE = "weight-plane"

#: this module's strings, keyed as the string table's (:func:`components.i18n.text`)
STRINGS: dict[str, dict[str, str]] = {
    "plane.description": {
        "en": "Weight plane w₁, w₂: elliptical loss contours J0 around the OLS optimum (×), the L1 diamond, "
        "the L2 circle and the elastic-net region around w = 0, and the touch points where a contour "
        "first meets each region. The readout gives the touch points' weights.",
        "zh": "权重平面 w₁、w₂：围绕 OLS 最优点（×）的椭圆形损失等高线 J0，以 w = 0 为中心的 L1 菱形、L2 圆"
        "和弹性网络区域，以及等高线首次碰到各区域的切点。读数给出各切点的权重。",
    },
    "plane.axis": {"en": "w{sub}  (weight of {feature})", "zh": "w{sub}（{feature} 的权重）"},
}


def _axis_title(index: int, feature_names, lang: str) -> str:
    sub = "₁₂"[index]
    if not feature_names:
        return f"w{sub}"
    return text("plane.axis", lang, sub=sub, feature=feature_name(feature_names[index], lang))


def weight_plane_dict(
    scene: dict, view: dict, *, feature_names=None, draggable_center: bool = False, held: bool = False
) -> dict:
    """The weight-plane figure as a plain plotly dict (fast: no validation; see :func:`weight_plane_figure`).

    ``held``: the answer to a data point held in a drag, one of a stream. It has
    ``layout.transition`` (zero duration) and no hover texts on the touch points, so that
    successive answers differ only in coordinates (drawn in a fixed window, see
    :func:`held_window`): plotly.js then redraws just the traces (its transition path)
    instead of the whole figure, as for a λ step. A hover text is not animatable.
    """
    view = view_for_scene(view, scene)  # the λ it keeps, on this scene: also what meta.server_view says
    lang = normalize_lang(scene.get("lang"))
    contours = scene["contours"]
    ols = scene["ols"]
    data_of = {
        **moving_traces(scene, view, hover=not held),
        "loss-contours": {"x": contours["x"], "y": contours["y"]},
        "ols-point": {"x": [ols[0]], "y": [ols[1]]},
        # the optimizer panel's traces: drawn by the browser (assets/optimizer_panel.js)
        **{uid: {"x": [], "y": []} for uid in OPTIMIZER_UIDS},
    }
    en_shown = "en" in view.get("shown", ("l1", "l2"))
    data: list[dict] = [
        {**trace_style(uid, lang=lang), **data_of[uid]} for uid in TRACE_UIDS if en_shown or uid not in EN_UIDS
    ]
    (x0, x1), (y0, y1) = scene["view"]["x"], scene["view"]["y"]
    axis = {
        **FAST_AXIS,
        "zeroline": True,
        "zerolinewidth": 1.5,
        "zerolinecolor": "#868e96",
        "constrain": "domain",
        # no automargin: plotly then lays a whole redraw out twice and a traces-only redraw
        # (a λ step) not at all, so the picture would differ from a whole redraw's; the fixed
        # margins below leave room for tick labels like −0.0005 beside the titles
    }
    shapes = []
    if draggable_center:
        shapes.append(
            draggable_marker(
                ols[0], ols[1], radius=9, fill="rgba(255,255,255,0.6)", line={"color": OLS_COLOR, "width": 2}
            )
        )
    layout = {
        **PLOT_LOOK,
        "xaxis": {**axis, "range": [x0, x1], "title": {"text": _axis_title(0, feature_names, lang), "standoff": 8}},
        "yaxis": {
            **axis,
            "range": [y0, y1],
            "title": {"text": _axis_title(1, feature_names, lang), "standoff": 8},
            "scaleanchor": "x",
            "scaleratio": 1,
        },
        "margin": {"l": 78, "r": 16, "t": 16, "b": 52},
        # The legend is HTML beside the graph (components/legend.py): plotly's own legend
        # would be redrawn on every λ step and costs more than the rest of the figure.
        "showlegend": False,
        "shapes": shapes,
        "hovermode": "closest",
        "dragmode": False,
        "font": {"size": 14},
        # The view this figure was drawn for: the λ callback compares it with the view on screen
        # when a server-drawn plane arrives (λ may have moved while the server was working).
        "meta": {"server_view": {key: view.get(key) for key in VIEW_KEYS}},
    }
    if held:
        layout["transition"] = {"duration": 0}
    return {"data": data, "layout": layout}


def weight_plane_figure(scene: dict, view: dict, *, feature_names=None, draggable_center: bool = False) -> go.Figure:
    """The whole weight-plane figure for a scene and a view.

    Parameters
    ----------
    scene : dict
        :func:`geometry.scene.scene_bundle` output.
    view : dict
        ``mode``, ``slider``, ``shown`` (subset of {"l1", "l2", "en"}), ``l1_ratio``.
    feature_names : (str, str), optional
        For the axis titles (in the scene's language, ``scene["lang"]``).
    draggable_center : bool
        Loss-shape mode: the OLS point is an editable shape the user drags.

    Returns
    -------
    go.Figure
        Traces in the order of :data:`TRACE_UIDS`, each with its ``uid``; the elastic-net ones
        (:data:`EN_UIDS`, last) only when ``"en"`` is in ``view["shown"]``.
    """
    return go.Figure(weight_plane_dict(scene, view, feature_names=feature_names, draggable_center=draggable_center))


def plane_for(state: dict, scene: dict, view: dict, *, held: bool = False) -> dict:
    """The weight plane for a state, as a plotly dict (``held``: see :func:`weight_plane_dict`)."""
    return weight_plane_dict(
        scene,
        view,
        feature_names=scene.get("feature_names"),
        draggable_center=state.get("source") == "shape",
        held=held,
    )


def held_window(before: dict, after: QuadraticLoss) -> tuple | None:
    """The window for a point held in a drag: the plane's window before the drag
    (:func:`geometry.scene.weight_view` of the state ``before``), or None (the default window of
    the loss ``after``) once the OLS point of ``after`` comes within 10 % of that window's edge.

    A window that stays put while the point moves makes successive answers differ only in
    coordinates (see :func:`weight_plane_dict`'s ``held``).

    Raises
    ------
    components.problem.ProblemError
        When ``before`` cannot be drawn.
    """
    window = weight_view(check_problem(before))
    reach = float(np.max(np.abs(after.ols_point)))
    return window if 1.1 * reach <= window[0][1] else None


def held_plane(drag: dict | None, state: dict, view: dict):
    """The weight plane for a data point dragged to where ``drag`` says (not yet stored).

    Parameters
    ----------
    drag : dict or None
        ``data-drag``: ``{"index": i, "x": x, "y": y, "stamp": k, "edits": [...], "release": True?}``
        from ``assets/data_edit.js``, sent while the point is held and once more, with
        ``release``, when it is let go; ``edits`` are the page's recent edits, as in
        ``data-edit``: those ``state`` does not include yet (an answer still on its way) are
        applied first, so they do not vanish from the plane while the point is held.
    state : dict
        The ``lab-state`` from before the drag.
    view : dict
        The λ settings on screen (``current-view``).

    Returns
    -------
    dict or no_update
        While the point is held: the plane in :func:`held_window`, without the touch points'
        hover texts (``held``); at the release: the whole plane. ``no_update`` when the
        position makes the problem degenerate (the plane keeps its last valid picture; the
        release's answer from :mod:`components.data_panel` says why).

    Raises
    ------
    PreventUpdate
        Nothing to draw (no position, a malformed message, or loss-shape mode).
    """
    drag = drag if isinstance(drag, dict) else {}
    held = not drag.get("release")
    earlier = pending_events({"edits": drag.get("edits")}, None, None, state)
    if earlier:
        state = apply_events(earlier, state, {})[0]
    try:
        new = apply_edit(state, {"op": "move", **{k: drag.get(k) for k in ("index", "x", "y")}}, {})
        loss = check_problem(new)
        window = held_window(state, loss) if held else None
        scene = build_scene(new, plane_only=True, window=window, loss=loss)
    except ProblemError:
        if drag.get("index") is None:
            raise PreventUpdate from None
        return no_update
    return plane_for(new, scene, view, held=held)


def drag_plane(drag, state, view):
    """Server callback: ``data-drag`` -> the weight plane alone (one output, a light request).

    Inputs ``data-drag``; states ``lab-state``, ``current-view``.
    """
    return held_plane(drag, state, view_with_defaults(view))


def layout(figure, *, lang: str = "en") -> html.Div:
    """The graph in a container carrying its text alternative in ``lang`` (the readout, a live
    region, describes the touch points in words). Its height is set by lab.css: it follows the
    screen, so that the plane and the λ slider fit on one screen."""
    graph = dcc.Graph(id=WEIGHT_PLANE, figure=figure, config=GRAPH_CONFIG, className="weight-plane")
    return described_graph(graph, text("plane.description", lang), className="plane-box", described_by=READOUT)


def register_callbacks(app: Dash) -> None:
    """The weight plane's writers: λ steps and hover texts in the browser, held drags on the server."""
    app.clientside_callback(
        # no output: the function writes the figure through lab.write (assets/weight_plane.js)
        ClientsideFunction(namespace="weight_plane", function_name="followLambda"),
        Input(lambda_control.LAMBDA_SLIDER, "value"),
        Input(lambda_control.MODE_TOGGLE, "value"),
        Input(penalty_control.PENALTY_CHECKLIST, "value"),
        Input(penalty_control.L1_RATIO_SLIDER, "value"),
        Input(penalty_control.P_NORM_SLIDER, "value"),
        Input(lambda_control.LAMBDA_KEEP, "value"),
        Input(SCENE_STORE, "data"),
        # what the plane holds now: whether the elastic-net traces are there to delete, and the
        # view a server-drawn plane was drawn for (layout.meta.server_view)
        State(WEIGHT_PLANE, "figure"),
        # runs on page load too (publishes the first view); the plane is drawn by the layout
        prevent_initial_call=False,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="weight_plane", function_name="hoverAtRest"),
        *follow_lambda(at_rest=True),
        prevent_initial_call=True,
    )
    # In loss-shape mode the OLS centre is a shape plotly drags: its moves go on as `center`
    # edits (resizes and zooms, also reported in relayoutData, stay here).
    app.clientside_callback(
        ClientsideFunction(namespace="weight_plane", function_name="centerMoves"),
        Output(DATA_EDIT, "data"),
        Input(WEIGHT_PLANE, "relayoutData"),
        prevent_initial_call=True,
    )
    app.callback(
        Output(WEIGHT_PLANE, "figure", allow_duplicate=True),
        Input(DATA_DRAG, "data"),
        State(LAB_STATE, "data"),
        State(CURRENT_VIEW, "data"),
        prevent_initial_call=True,
    )(drag_plane)
