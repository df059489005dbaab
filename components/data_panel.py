"""The data panel: draggable data points, fitted curves, basis chooser, generator, loss-shape mode.

Points are editable plotly shapes (drag them); a click on empty plot area adds a point and a
double-click on a point removes it (``assets/data_edit.js`` sends all three to ``data-edit``).
One server callback turns any edit into a new ``lab-state``, ``scene-store`` and both figures,
in one round trip.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html, no_update
from dash.exceptions import PreventUpdate

from geometry import QuadraticLoss
from geometry.basis import BASES, X_RANGE
from geometry.scene import weight_view

from . import penalty_control
from .legend import DATA_LEGEND, data_legend_class
from .widgets import control_row
from .problem import (
    GENERATOR_DEFAULTS,
    ProblemError,
    add_point,
    check_problem,
    move_points,
    remove_nearest_point,
    resample,
    shape_moves,
)
from .stores import (
    CURRENT_VIEW,
    DATA_DRAG,
    DATA_EDIT,
    GENERATOR_SETTINGS,
    LAB_STATE,
    PROBLEM_CONTROLS,
    SCENE_STORE,
    build_scene,
    for_store,
    view_with_defaults,
)
from .weight_plane import (
    FAST_AXIS,
    GRAPH_CONFIG,
    PLOT_LOOK,
    draggable_marker,
    REGION_KEYS,
    REGION_STYLE,
    WEIGHT_PLANE,
    touches_for_view,
    weight_plane_dict,
)

__all__ = [
    "DATA_PLOT",
    "DATA_TRACE_UIDS",
    "data_figure",
    "data_figure_dict",
    "fit_curves",
    "edit_event",
    "handle_problem_event",
    "layout",
    "register_callbacks",
]

DATA_PLOT = "data-plot"
BASIS_DROPDOWN = "basis-dropdown"
RHO_SLIDER = "rho-slider"
SOURCE_TOGGLE = "source-toggle"
RESAMPLE_BUTTON = "resample-button"
GENERATOR_N = "generator-n"
GENERATOR_W1 = "generator-w1"
GENERATOR_W2 = "generator-w2"
GENERATOR_NOISE = "generator-noise"
GENERATOR_SEED = "generator-seed"
ECCENTRICITY_SLIDER = "eccentricity-slider"
ROTATION_SLIDER = "rotation-slider"
DATA_MESSAGE = "data-message"
POINTS_CONTROLS = "points-controls"
SHAPE_CONTROLS = "shape-controls"

DATA_TRACE_UIDS: tuple[str, ...] = ("data-points", "ols-fit", "l1-fit", "l2-fit", "en-fit")
POINT_RADIUS_PX = 7
#: The data panel's graph options: like the weight plane's, but plotly does not drag the points
#: (``assets/data_edit.js`` does: plotly would redraw the whole panel, hover included, when a
#: drag ends — ~40 ms before the server even hears of the drop). Shapes marked ``editable``
#: still take pointer events.
DATA_GRAPH_CONFIG = {key: value for key, value in GRAPH_CONFIG.items() if key != "edits"}


# ---------------------------------------------------------------------------- figure builders
def fit_curves(scene: dict, view: dict) -> dict[str, list[float]]:
    """Fitted curves ``yhat(x) = b(w) + w . phi(x)`` on the scene's grid for OLS and each region.

    Returns ``{uid: y values}`` for the uids ``ols-fit``, ``l1-fit``, ``l2-fit``, ``en-fit``.
    """
    grid = scene.get("fit_grid")
    if not grid:
        return {}
    phi = np.c_[grid["phi1"], grid["phi2"]]
    x_mean = np.asarray(scene["x_mean"], dtype=float)

    def curve(w) -> list[float]:
        w = np.asarray(w, dtype=float)
        return (scene["y_mean"] - float(x_mean @ w) + phi @ w).tolist()

    out = {"ols-fit": curve(scene["ols"])}
    for region, touch in touches_for_view(scene, view).items():
        out[f"{REGION_KEYS[region]}-fit"] = curve(touch.w)
    return out


def _y_range(ys) -> list[float]:
    lo, hi = (min(ys), max(ys)) if ys else (-1.0, 1.0)
    pad = max(0.15 * (hi - lo), 0.5)
    return [lo - pad, hi + pad]


def data_figure_dict(state: dict, scene: dict, view: dict) -> dict:
    """The data panel's figure as a plain plotly dict (fast: no validation; see :func:`data_figure`)."""
    points = state["points"]
    is_shape = state.get("source") == "shape"
    fits = {} if is_shape else fit_curves(scene, view)
    grid_x = scene["fit_grid"]["x"] if fits else []
    shown = set(view.get("shown", penalty_control.DEFAULT_SHOWN))
    data: list[dict] = [
        {
            "type": "scatter",
            "uid": "data-points",
            "name": "data",
            "x": [] if is_shape else points["x"],
            "y": [] if is_shape else points["y"],
            "mode": "markers",
            "marker": {"size": 2 * POINT_RADIUS_PX, "color": "rgba(0,0,0,0)"},
            "hovertemplate": "x = %{x:.3f}<br>y = %{y:.3f}<extra>drag to move, double-click to remove</extra>",
        },
        {
            "type": "scatter",
            "uid": "ols-fit",
            "name": "OLS fit",
            "x": grid_x,
            "y": fits.get("ols-fit", []),
            "mode": "lines",
            "line": {"color": "#212529", "width": 2, "dash": "dash"},
            "hoverinfo": "skip",
        },
    ]
    for region, style in REGION_STYLE.items():
        key = REGION_KEYS[region]
        data.append(
            {
                "type": "scatter",
                "uid": f"{key}-fit",
                "name": f"{style['name']} fit",
                "x": grid_x,
                "y": fits.get(f"{key}-fit", []),
                "visible": key in shown,
                "mode": "lines",
                "line": {"color": style["color"], "width": 2.5},
                "hoverinfo": "skip",
            }
        )
    shapes = []
    if not is_shape:
        point_line = {"color": "white", "width": 1.5}
        shapes = [
            draggable_marker(px, py, radius=POINT_RADIUS_PX, fill="rgba(52,58,64,0.75)", line=point_line)
            for px, py in zip(points["x"], points["y"])
        ]
    annotations = []
    if is_shape:
        annotations.append(
            {
                "text": "Loss-shape mode: no data.<br>Drag the OLS point (×) in the weight plane,<br>"
                "set eccentricity and rotation below.",
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.5,
                "font": {"size": 14, "color": "#495057"},
            }
        )
    pad = 0.08 * (X_RANGE[1] - X_RANGE[0])
    names = scene.get("feature_names") or ["φ₁", "φ₂"]
    layout = {
        **PLOT_LOOK,
        "margin": {"l": 50, "r": 10, "t": 10, "b": 45},
        "xaxis": {
            **FAST_AXIS,
            "range": [X_RANGE[0] - pad, X_RANGE[1] + pad],
            "title": {"text": "x"},
            "fixedrange": True,
        },
        "yaxis": {
            **FAST_AXIS,
            "range": _y_range(points["y"]) if not is_shape else [-1, 1],
            "title": {"text": "y"},
            "fixedrange": True,
        },
        "shapes": shapes,
        "annotations": annotations,
        "showlegend": False,  # HTML legend beside the graph: cheaper to redraw
        "dragmode": False,
        "hovermode": "closest",
        "font": {"size": 13},
        "title": {
            "text": f"ŷ = b + w₁·{names[0]} + w₂·{names[1]}",
            "font": {"size": 13},
            "x": 0.99,
            "xanchor": "right",
            "y": 0.04,
            "yanchor": "bottom",
        },
    }
    return {"data": data, "layout": layout}


def data_figure(state: dict, scene: dict, view: dict) -> go.Figure:
    """The data panel's figure: points (as draggable shapes and a hoverable trace) and fits.

    Returns
    -------
    go.Figure
        Traces in the order of :data:`DATA_TRACE_UIDS`; one editable circle shape per point.
    """
    return go.Figure(data_figure_dict(state, scene, view))


# ---------------------------------------------------------------------------- the edit logic
def _shape_state(state: dict, controls: dict) -> dict:
    new = dict(state)
    shape = dict(state["shape"])
    ecc = float(controls.get("eccentricity", 0.9))
    shape["ratio"] = math.sqrt(max(1.0 - min(ecc, 0.995) ** 2, 1e-6))
    shape["angle"] = float(controls.get("rotation", shape["angle"]))
    new["shape"] = shape
    return new


def handle_problem_event(trigger: str | None, payload, state: dict, generator: dict) -> dict:
    """The new ``lab-state`` after one user event.

    Parameters
    ----------
    trigger : the id of the component that fired
        ``data-plot`` (payload: its relayoutData), ``data-edit`` (payload:
        ``{"op": "add"|"remove", "x", "y", "xscale", "yscale"}``), ``resample-button``,
        ``problem-controls`` (payload: ``{"source", "basis", "rho", "eccentricity", "rotation"}``)
        or ``weight-plane`` (payload: its relayoutData; drags the OLS centre in shape mode).
    payload : the triggering property's value
    state : the current ``lab-state``
    generator : ``{"n", "rho", "true_w", "noise", "seed"}`` from the generator controls

    Returns
    -------
    dict
        The new state (validated: :class:`ProblemError` if it cannot be drawn).

    Raises
    ------
    PreventUpdate
        The event changes nothing (zoom, autosize, a control that does not apply).
    ProblemError
        The edit is refused; its message is for the user.
    """
    if trigger == DATA_PLOT:
        moves = shape_moves(payload)
        if not moves or state.get("source") == "shape":
            raise PreventUpdate
        xs, ys = state["points"]["x"], state["points"]["y"]
        return move_points(
            state,
            {
                i: (p.get("x", xs[i] if i < len(xs) else math.nan), p.get("y", ys[i] if i < len(ys) else math.nan))
                for i, p in moves.items()
            },
        )
    if trigger == DATA_EDIT:
        if not payload or state.get("source") == "shape":
            raise PreventUpdate
        op = payload.get("op")
        if op == "add":
            return add_point(state, float(payload["x"]), float(payload["y"]))
        if op == "remove":
            return remove_nearest_point(
                state,
                float(payload["x"]),
                float(payload["y"]),
                x_scale=float(payload.get("xscale", 1.0)),
                y_scale=float(payload.get("yscale", 1.0)),
                max_distance=2.5 * POINT_RADIUS_PX,
            )
        raise PreventUpdate
    if trigger == RESAMPLE_BUTTON:
        new = dict(state, source="points")
        params = dict(generator)
        # The same seed would give the same data: a seed the user typed is used as it is, the
        # seed of the data on screen moves on by one (and the seed box shows it).
        if params.get("seed") is not None and params["seed"] == state.get("seed"):
            params["seed"] = int(params["seed"]) + 1
        return resample(new, params)
    if trigger == WEIGHT_PLANE:
        moves = shape_moves(payload)
        if state.get("source") != "shape" or 0 not in moves:
            raise PreventUpdate
        shape = dict(state["shape"])
        center = list(shape["center"])
        center[0] = moves[0].get("x", center[0])
        center[1] = moves[0].get("y", center[1])
        shape["center"] = center
        new = dict(state, shape=shape)
        build_scene(new)  # validates
        return new
    if trigger == PROBLEM_CONTROLS:
        controls = payload or {}
        new = dict(state)
        new["source"] = controls.get("source", state.get("source", "points"))
        new["basis"] = controls.get("basis", state["basis"])
        if new["basis"] not in BASES:
            raise ProblemError(f"Unknown basis {new['basis']!r}; choose one of {', '.join(BASES)}.")
        rho = float(controls.get("rho", state["rho"]))
        uses_rho = BASES[new["basis"]].uses_rho
        new["rho"] = rho
        if new["source"] == "shape":
            new = _shape_state(new, controls)
        changed = (
            new["source"] != state.get("source")
            or new["basis"] != state["basis"]
            or (uses_rho and new["source"] == "points" and rho != state["rho"])
            or (new["source"] == "shape" and new["shape"] != state["shape"])
        )
        if not changed:
            raise PreventUpdate
        build_scene(new)  # validates
        return new
    raise PreventUpdate


def edit_event(edit: dict | None) -> tuple[str | None, dict]:
    """What a ``data-edit`` payload is, as the ``(trigger, payload)`` :func:`handle_problem_event` takes.

    ``{"op": "move", "shapes[i].xanchor": .., ...}`` -> ``("data-plot", relayout-style move)``;
    ``{"op": "center", ...}`` -> ``("weight-plane", relayout)``; ``add`` and ``remove`` stay
    ``("data-edit", payload)``; anything else -> ``(None, {})`` (ignored).
    """
    edit = edit or {}
    op = edit.get("op")
    rest = {key: value for key, value in edit.items() if key not in ("op", "stamp")}
    if op == "move":
        return DATA_PLOT, rest
    if op == "center":
        return WEIGHT_PLANE, rest
    if op in ("add", "remove"):
        return DATA_EDIT, edit
    return None, {}


def plane_for(state: dict, scene: dict, view: dict, *, held: bool = False) -> dict:
    """The weight plane for a state, as a plotly dict (``held``: see :func:`weight_plane_dict`)."""
    return weight_plane_dict(
        scene,
        view,
        feature_names=scene.get("feature_names"),
        draggable_center=state.get("source") == "shape",
        held=held,
    )


def figures_for(state: dict, scene: dict, view: dict) -> tuple[dict, dict]:
    """Both figures for a state, as plotly dicts: the weight plane and the data panel."""
    return plane_for(state, scene, view), data_figure_dict(state, scene, view)


def update_problem(edit, resample_clicks, controls, state, generator, view):
    """Server callback: any data/basis/shape edit -> state, scene, both figures, message, seed box.

    Inputs ``data-edit`` (pointer edits), ``resample-button``, ``problem-controls``; states
    ``lab-state``, ``generator-settings``, ``current-view``. It does not ask which input fired:
    it brings the state up to date with every input (:func:`pending_events`). When a second edit
    comes before the answer to the first, Dash sends a second request with the same, older
    ``lab-state`` and drops the first answer; the second request still carries the first edit.
    """
    generator = {
        **GENERATOR_DEFAULTS,
        **(generator or {}),
        "rho": (controls or {}).get("rho", state.get("rho")),
    }
    events = pending_events(edit, resample_clicks, controls, state)
    outputs = events_outputs(events, state, generator, view_with_defaults(view))
    new = outputs[0]
    # the seed box shows the seed of new data (a refused resample leaves what the user typed)
    resampled = isinstance(new, dict) and new.get("seed") != state.get("seed")
    return (*outputs, new["seed"] if resampled else no_update)


def pending_events(edit: dict | None, resample_clicks: int | None, controls: dict | None, state: dict) -> list:
    """The user events ``state`` does not include yet, oldest first, as ``(trigger, payload, marks)``.

    Parameters
    ----------
    edit : dict or None
        ``data-edit``: ``{"edits": [op, ...]}``, the page's most recent pointer edits, each an
        ``{"op": ..., "stamp": int}`` dict (:func:`edit_event`); stamps increase. The page
        resends recent edits with every new one, so an edit whose answer Dash dropped is not lost.
    resample_clicks : int or None
        ``resample-button.n_clicks``.
    controls : dict or None
        ``problem-controls`` (``None`` until a control is first changed): applied when the state
        differs from it.
    state : dict
        ``lab-state``; ``edit_stamp`` and ``resample_clicks`` say what it includes already.

    Returns
    -------
    list of (str, object, dict)
        The trigger and payload :func:`handle_problem_event` takes, and the bookkeeping keys to
        set in the state once the event is handled (applied or refused alike).
    """
    events = []
    done = int(state.get("edit_stamp", 0))
    ops = (edit or {}).get("edits") if isinstance(edit, dict) else None
    for op in ops if isinstance(ops, list) else []:
        stamp = op.get("stamp") if isinstance(op, dict) else None
        if not isinstance(stamp, int) or isinstance(stamp, bool) or stamp <= done:
            continue
        trigger, payload = edit_event(op)
        events.append((trigger, payload, {"edit_stamp": stamp}))
        done = stamp
    if controls:
        events.append((PROBLEM_CONTROLS, controls, {}))
    if isinstance(resample_clicks, int) and resample_clicks > int(state.get("resample_clicks", 0)):
        events.append((RESAMPLE_BUTTON, resample_clicks, {"resample_clicks": resample_clicks}))
    return events


def apply_events(events: list, state: dict, generator: dict) -> tuple[dict, str, bool]:
    """Fold ``(trigger, payload, marks)`` events into ``state`` with :func:`handle_problem_event`.

    Returns
    -------
    (dict, str, bool)
        The new state (a refused event leaves it as it was, apart from its ``marks``), the
        message of the last event if it was refused (else ``""``), and whether any event
        changed the problem.
    """
    new, message, changed = state, "", False
    for trigger, payload, marks in events:
        try:
            new = handle_problem_event(trigger, payload, new, generator)
            changed, message = True, ""
        except PreventUpdate:
            pass
        except ProblemError as exc:
            message = str(exc)
        if marks:
            new = {**new, **marks}
    return new, message, changed


def problem_outputs(trigger, payload, state: dict, generator: dict, view: dict):
    """Outputs of :func:`update_problem` for one event (see :func:`events_outputs`)."""
    return events_outputs([(trigger, payload, {})], state, generator, view)


def events_outputs(events: list, state: dict, generator: dict, view: dict):
    """Outputs of :func:`update_problem` (testable without a Dash request context):
    ``lab-state``, ``scene-store``, the weight plane, the data panel, the message.

    A dragged point's release (a ``data-plot`` event on its own) answers with the state and
    scene only: the weight plane for the release comes from :func:`drag_plane` (which drew the
    point while it was held, and whose later answers Dash keeps in order), and the data panel
    catches up in the browser (``lab.moveFits``) once the weight plane has drawn and the drag
    rests, so it is never redrawn under the user's pointer. A refused release puts both figures
    back to the state before the drag.
    """
    release = len(events) == 1 and events[0][0] == DATA_PLOT
    new, message, changed = apply_events(events, state, generator)
    kept = new if new != state else no_update  # only the bookkeeping may have moved on
    if not changed:
        if not message:
            if kept is no_update:
                raise PreventUpdate
            return kept, no_update, no_update, no_update, ""
        # Refused: keep the last valid picture; redraw the data panel so dragged points snap back.
        old_scene = build_scene(state)
        plane = plane_for(state, old_scene, view) if release else no_update
        return kept, no_update, plane, data_figure_dict(state, old_scene, view), message
    scene = build_scene(new)
    if release:
        return new, for_store(scene), no_update, no_update, ""
    plane, data = figures_for(new, scene, view)
    return new, for_store(scene), plane, data, message


def held_window(before: dict, after: QuadraticLoss) -> tuple | None:
    """The weight-plane window for a point held in a drag: the window of the plane before the
    drag (:func:`geometry.scene.weight_view` of the state ``before``), or None (the default
    window of the loss ``after``) once the OLS point of ``after`` comes within 10 % of that
    window's edge.

    A window that stays put while the point moves makes successive answers differ only in
    coordinates, which plotly redraws without the axes (see :func:`weight_plane_dict`'s ``held``);
    the release's answer has the default window again.

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

    ``drag``: ``{"shapes[i].xanchor": x, "shapes[i].yanchor": y, "stamp": k, "edits": [...],
    "release": True?}`` from ``assets/data_edit.js``, sent every 60 ms while the point is held
    and once more, with ``release``, when it is let go; ``edits`` are the page's recent edits,
    as in ``data-edit``. ``state`` is the ``lab-state`` from before the drag; edits it does not
    include yet (an answer still on its way) are applied first, so they do not vanish from the
    plane while the point is held. A position that would make the problem degenerate gives
    ``no_update`` (the plane keeps its last valid picture; the release's :func:`events_outputs`
    says why).

    While the point is held the answer is drawn in :func:`held_window` and without the touch
    points' hover texts (``held``: plotly then redraws only the traces); the release's answer is
    the whole plane.

    Raises
    ------
    PreventUpdate
        Nothing to draw (no position, or loss-shape mode).
    """
    drag = drag or {}
    held = not drag.get("release")
    moves = {key: value for key, value in drag.items() if key not in ("stamp", "edits", "release")}
    earlier = pending_events({"edits": drag.get("edits")}, None, None, state)
    if earlier:
        state = apply_events(earlier, state, {})[0]
    try:
        new = handle_problem_event(DATA_PLOT, moves, state, {})
        loss = check_problem(new)
        window = held_window(state, loss) if held else None
        scene = build_scene(new, plane_only=True, window=window, loss=loss)
    except ProblemError:
        return no_update
    return plane_for(new, scene, view, held=held)


def drag_plane(drag, state, view):
    """Server callback: ``data-drag`` -> the weight plane alone (one output, a light request).

    Inputs ``data-drag``; states ``lab-state``, ``current-view``. One callback draws every
    position of a drag, so an answer that arrives late is dropped by Dash rather than drawn
    over a newer one.
    """
    return held_plane(drag, state, view_with_defaults(view))


# ---------------------------------------------------------------------------- layout
def _number(id_: str, label: str, value, **kwargs) -> html.Label:
    return html.Label(
        [label, dcc.Input(id=id_, type="number", value=value, debounce=True, className="number-box", **kwargs)],
        className="field",
    )


def layout(state: dict, figure, legend) -> list:
    """The data panel's components (children of the side panel).

    Titles and hints are plain strings inside grid rows (see :mod:`components.widgets`): each
    component costs a little on every λ step.
    """
    g = GENERATOR_DEFAULTS
    return [
        dcc.Graph(
            id=DATA_PLOT,
            figure=figure,
            config=DATA_GRAPH_CONFIG,
            style={"height": "360px"},
        ),
        legend,
        html.Div(id=DATA_MESSAGE, className="message", role="status"),
        control_row(
            "Loss from",
            dcc.RadioItems(
                id=SOURCE_TOGGLE,
                options=[
                    {"label": "data points", "value": "points"},
                    {"label": "loss shape (no data)", "value": "shape"},
                ],
                value=state.get("source", "points"),
                inline=True,
            ),
        ),
        control_row(
            "Features",
            dcc.Dropdown(
                id=BASIS_DROPDOWN,
                options=[{"label": spec.label, "value": key} for key, spec in BASES.items()],
                value=state["basis"],
                clearable=False,
                className="basis-dropdown",
            ),
            "Correlation ρ",
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
                    html.Summary("Synthetic data generator"),
                    html.Div(
                        className="field-grid",
                        children=[
                            _number(GENERATOR_N, "n points", g["n"], min=3, max=200, step=1),
                            _number(GENERATOR_W1, "true w₁", g["true_w"][0], step=0.01),
                            _number(GENERATOR_W2, "true w₂", g["true_w"][1], step=0.01),
                            _number(GENERATOR_NOISE, "noise σ", g["noise"], min=0, step=0.01),
                            _number(GENERATOR_SEED, "seed", g["seed"], min=0, step=1),
                            html.Button("Resample data", id=RESAMPLE_BUTTON, n_clicks=0, className="button"),
                        ],
                    ),
                ],
            ),
            html.P(
                "Drag a point to move it · click empty space to add one · double-click a point to remove it.",
                className="hint full-row",
            ),
            id=POINTS_CONTROLS,
        ),
        control_row(
            "Eccentricity",
            dcc.Slider(
                id=ECCENTRICITY_SLIDER,
                min=0.0,
                max=0.99,
                step=0.01,
                value=0.89,
                marks={0: "circle", 0.99: "0.99"},
                allow_direct_input=False,
                className="slider-track",
            ),
            "Rotation (°)",
            dcc.Slider(
                id=ROTATION_SLIDER,
                min=0,
                max=180,
                step=1,
                value=30,
                marks={0: "0°", 90: "90°", 180: "180°"},
                allow_direct_input=False,
                className="slider-track",
            ),
            html.P(
                "Drag the OLS point (×) in the weight plane to move the centre of the ellipses.",
                className="hint full-row",
            ),
            id=SHAPE_CONTROLS,
            style={"display": "none"},
        ),
    ]


def register_callbacks(app: Dash) -> None:
    # Data points: assets/data_edit.js writes ``data-edit`` (add, remove, a dragged point's
    # release) and ``data-drag`` (a dragged point's position while held and at the release).
    # The OLS centre (loss-shape mode): only shape moves of the weight plane go on, as
    # ``center`` edits. A graph also reports resizes and zooms in relayoutData; passing those
    # on would re-trigger update_problem, and Dash drops the answer of a request that a newer
    # one overtakes.
    app.clientside_callback(
        ClientsideFunction(namespace="lab", function_name="centerMoves"),
        Output(DATA_EDIT, "data"),
        Input(WEIGHT_PLANE, "relayoutData"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="lab", function_name="collectControls"),
        Output(PROBLEM_CONTROLS, "data"),
        Input(SOURCE_TOGGLE, "value"),
        Input(BASIS_DROPDOWN, "value"),
        Input(RHO_SLIDER, "value"),
        Input(ECCENTRICITY_SLIDER, "value"),
        Input(ROTATION_SLIDER, "value"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="lab", function_name="collectGenerator"),
        Output(GENERATOR_SETTINGS, "data"),
        Input(GENERATOR_N, "value"),
        Input(GENERATOR_W1, "value"),
        Input(GENERATOR_W2, "value"),
        Input(GENERATOR_NOISE, "value"),
        Input(GENERATOR_SEED, "value"),
        prevent_initial_call=True,
    )
    app.callback(
        Output(WEIGHT_PLANE, "figure", allow_duplicate=True),
        Input(DATA_DRAG, "data"),
        State(LAB_STATE, "data"),
        State(CURRENT_VIEW, "data"),
        prevent_initial_call=True,
    )(drag_plane)
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
        State(GENERATOR_SETTINGS, "data"),
        State(CURRENT_VIEW, "data"),
        prevent_initial_call=True,
    )(update_problem)

    # the data legend lists only the fits that are drawn, and nothing in loss-shape mode
    app.callback(
        Output(DATA_LEGEND, "className"),
        Input(penalty_control.PENALTY_CHECKLIST, "value"),
        Input(SOURCE_TOGGLE, "value"),
    )(data_legend_class)

    @app.callback(
        Output(POINTS_CONTROLS, "style"),
        Output(SHAPE_CONTROLS, "style"),
        Output(RHO_SLIDER, "disabled"),
        Input(SOURCE_TOGGLE, "value"),
        Input(BASIS_DROPDOWN, "value"),
    )
    def show_source_controls(source, basis):
        shape = source == "shape"
        return ({"display": "none"} if shape else {}), ({} if shape else {"display": "none"}), not BASES[basis].uses_rho
