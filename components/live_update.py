"""The λ drag path, entirely in the browser: one clientside callback patches the moving traces
of ``weight-plane`` and the fitted curves of ``data-plot`` (``assets/lab_clientside.js``).
"""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, State

from . import lambda_control, penalty_control
from .data_panel import DATA_PLOT
from .stores import LAB_STATE, SCENE_STORE, VIEW_STORE
from .weight_plane import WEIGHT_PLANE

__all__ = ["register_callbacks"]


def register_callbacks(app: Dash) -> None:
    # The weight plane first; once it has drawn, the view it shows is written to ``view-store``
    # (set_props from a plotly_afterplot listener), which then updates the fitted curves of the
    # data panel: a second redraw that never delays the first.
    app.clientside_callback(
        ClientsideFunction(namespace="lab", function_name="moveTraces"),
        Output(WEIGHT_PLANE, "figure", allow_duplicate=True),
        Input(lambda_control.LAMBDA_SLIDER, "value"),
        Input(lambda_control.MODE_TOGGLE, "value"),
        Input(penalty_control.PENALTY_CHECKLIST, "value"),
        Input(penalty_control.L1_RATIO_SLIDER, "value"),
        State(SCENE_STORE, "data"),
        prevent_initial_call=True,
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
    # New data from the server: once the new weight plane has drawn, refresh view-store so the
    # data panel (fits, points, axis range) and the readout follow.
    app.clientside_callback(
        ClientsideFunction(namespace="lab", function_name="armAfterScene"),
        Output(VIEW_STORE, "data", allow_duplicate=True),
        Input(SCENE_STORE, "data"),
        State(lambda_control.LAMBDA_SLIDER, "value"),
        State(lambda_control.MODE_TOGGLE, "value"),
        State(penalty_control.PENALTY_CHECKLIST, "value"),
        State(penalty_control.L1_RATIO_SLIDER, "value"),
        prevent_initial_call=True,
    )
