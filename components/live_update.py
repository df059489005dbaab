"""The λ control's one callback, entirely in the browser (``assets/lab_clientside.js``).

``lab.onLambda`` has one output, ``weight-plane``'s figure: it patches the coordinates of the
moving traces (regions, the contours through the touch points, touch points) and sets
``layout.transition``, so plotly.js redraws only the traces. Dash marks every output of a
running callback as loading and re-renders it, and every component written costs bookkeeping
before the plane can start drawing (measured: five outputs ~2 ms more per step than one). So
the script writes the rest with ``set_props``: the label and ``current-view`` (the server
draws data edits with it) once the plane has drawn; the exact number box, ``view-store`` and
the touch points' hover texts once λ rests, and then ``lab.moveFits`` updates the fitted curves
of ``data-plot`` (a second redraw that never delays the first). A typed value moves the slider
and may show a message. One callback per λ step: every extra callback costs a round of Dash's
bookkeeping before the weight plane can start drawing.
"""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, State

from . import lambda_control, penalty_control
from .data_panel import DATA_PLOT
from .stores import LAB_STATE, SCENE_STORE, VIEW_STORE
from .weight_plane import WEIGHT_PLANE

__all__ = ["register_callbacks"]


def register_callbacks(app: Dash) -> None:
    app.clientside_callback(
        ClientsideFunction(namespace="lab", function_name="onLambda"),
        Output(WEIGHT_PLANE, "figure", allow_duplicate=True),
        Input(lambda_control.LAMBDA_SLIDER, "value"),
        Input(lambda_control.LAMBDA_INPUT, "value"),
        Input(lambda_control.MODE_TOGGLE, "value"),
        Input(penalty_control.PENALTY_CHECKLIST, "value"),
        Input(penalty_control.L1_RATIO_SLIDER, "value"),
        Input(SCENE_STORE, "data"),
        # what the plane holds now: whether the elastic-net traces are there to delete, and the
        # view a server-drawn plane was drawn for (layout.meta.server_view)
        State(WEIGHT_PLANE, "figure"),
        # runs on page load too (fills the label and box); the plane is drawn by the layout
        prevent_initial_call="initial_duplicate",
    )
    app.clientside_callback(
        ClientsideFunction(namespace="lab", function_name="moveFits"),
        Output(DATA_PLOT, "figure", allow_duplicate=True),
        Input(VIEW_STORE, "data"),
        State(SCENE_STORE, "data"),
        State(LAB_STATE, "data"),
        State(DATA_PLOT, "figure"),
        prevent_initial_call=True,
    )
