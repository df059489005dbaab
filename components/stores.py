"""The app's shared state, each a ``dcc.Store``:

- ``lab-state``: what the user edits (data points or loss shape, basis, ρ, seed), what it
  includes already: ``edit_stamp`` (the last pointer edit) and ``resample_clicks``, and the
  page's language ``lang`` (server callbacks answer in it);
- ``scene-store``: what the server computed from it (:func:`build_scene`);
- ``current-view``: the λ settings on screen ``{"slider", "mode", "shown", "l1_ratio"}``,
  written by ``assets/lambda_control.js`` once the weight plane has drawn a change: panels that
  follow every λ step subscribe to it (:func:`components.lambda_control.follow_lambda`), and
  the server draws data edits with it;
- ``view-store``: the same settings once λ rests: panels that follow λ at rest subscribe to it
  (the readout, the data panel's fits, the touch points' hover texts, the number box);
- ``data-edit``: the browser's recent pointer edits ``{"edits": [{"op": ..., "stamp": int}, ...]}``,
  newest last (resent so that an edit whose answer Dash dropped is not lost; the ops are in
  :mod:`components.data_edit`);
- ``data-drag``: a dragged point's position ``{"index", "x", "y", "stamp", "edits", "release"?}``
  while the button is held and at the release; the server answers with the weight plane alone;
- ``problem-controls``: source, basis, ρ, eccentricity and rotation in one dict;
"""

from __future__ import annotations

import numpy as np
from dash import Input, State, dcc

from geometry.basis import BASES, X_RANGE, design_matrix
from geometry import QuadraticLoss
from geometry.scene import scene_bundle

from .i18n import normalize_lang
from .problem import check_problem, dataset_design, dataset_spec

__all__ = [
    "LAB_STATE",
    "SCENE_STORE",
    "DATA_EDIT",
    "DATA_DRAG",
    "PROBLEM_CONTROLS",
    "VIEW_STORE",
    "CURRENT_VIEW",
    "FIT_GRID_POINTS",
    "build_scene",
    "follow_lambda",
    "for_store",
    "layout",
]

LAB_STATE = "lab-state"
SCENE_STORE = "scene-store"
DATA_EDIT = "data-edit"
DATA_DRAG = "data-drag"
PROBLEM_CONTROLS = "problem-controls"
VIEW_STORE = "view-store"
CURRENT_VIEW = "current-view"
FIT_GRID_POINTS = 161


def build_scene(state: dict, *, plane_only: bool = False, window=None, loss: QuadraticLoss | None = None) -> dict:
    """The ``scene-store`` content for a state: :func:`geometry.scene.scene_bundle` plus what the
    panels need (the page's language ``lang``, from the state's; the source, feature names, basis
    values on a grid for the fitted curves; in dataset mode ``dataset``: ``{"name", "features"}``
    and no grid).

    ``plane_only``: just what the server needs to draw the weight plane (no lasso path, no fit
    grid): the answer to a point held in a drag, which is drawn but not stored. ``window``:
    the weight plane's ``((xmin, xmax), (ymin, ymax))``, by default
    :func:`geometry.scene.weight_view`. ``loss``: ``check_problem(state)``, if the caller has it
    already.

    Raises
    ------
    components.problem.ProblemError
        When the state cannot be drawn.
    """
    loss = loss if loss is not None else check_problem(state)
    scene = scene_bundle(loss, with_path=not plane_only, view=window)
    scene["lang"] = normalize_lang(state.get("lang"))  # the page's language, for panels that follow λ
    scene["source"] = state.get("source", "points")
    if scene["source"] == "shape":
        scene["feature_names"] = ["feature 1", "feature 2"]
        scene["fit_grid"] = None
    elif scene["source"] == "dataset":
        # the two-feature model of a data set: its features' names; no curve over x to draw
        name, features = dataset_spec(state)
        scene["feature_names"] = list(dataset_design(state)[2])
        scene["dataset"] = {"name": name, "features": features}
        scene["fit_grid"] = None
    else:
        spec = BASES[state["basis"]]
        scene["feature_names"] = list(spec.feature_names)
        if not plane_only:
            grid = np.linspace(X_RANGE[0], X_RANGE[1], FIT_GRID_POINTS)
            phi = design_matrix(state["basis"], grid, rho=float(state["rho"]))
            scene["fit_grid"] = {"x": grid.tolist(), "phi1": phi[:, 0].tolist(), "phi2": phi[:, 1].tolist()}
    return scene


def for_store(scene: dict) -> dict:
    """The scene as ``scene-store`` keeps it: without the background contours, which only the
    server's figure builder needs (they would double what a data edit sends to the browser)."""
    return {key: value for key, value in scene.items() if key != "contours"}


def layout(state: dict, scene: dict, view: dict) -> list:
    """The stores (children of the page's top ``Div``) for a new page."""
    return [
        dcc.Store(id=LAB_STATE, data=state),
        dcc.Store(id=SCENE_STORE, data=for_store(scene)),
        dcc.Store(id=VIEW_STORE, data=view),
        dcc.Store(id=CURRENT_VIEW, data=view),
        dcc.Store(id=DATA_EDIT, data=None),
        dcc.Store(id=DATA_DRAG, data=None),
        dcc.Store(id=PROBLEM_CONTROLS, data=None),
    ]


def follow_lambda(*, at_rest: bool = True) -> list:
    """The callback dependencies through which a panel follows λ: ``[Input(view), State(scene)]``.

    ``at_rest``: the view once λ rests (``view-store``), for panels that cost a request or a
    redraw of their own (the readout, the data panel's fits); otherwise every step the weight
    plane has drawn (``current-view``). The callback receives the view dict
    ``{"slider", "mode", "shown", "l1_ratio"}`` and the ``scene-store`` dict, then its own
    further dependencies, e.g. ``app.callback(Output(...), *follow_lambda(), State(...))(fn)``.
    """
    return [Input(VIEW_STORE if at_rest else CURRENT_VIEW, "data"), State(SCENE_STORE, "data")]
