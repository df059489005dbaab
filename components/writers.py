"""Who writes each property of the page: one table for every writer the page has.

A Dash callback declares what it writes (its ``Output``s), but a script that calls
``dash_clientside.set_props`` does not; this table declares both. Each key is a component's
``(id, property)``; each value lists its writers:

``"server <module>.<function>"``
    a server callback registered by ``components/<module>.py``;
``"clientside <namespace>.<function>"``
    a clientside callback, the function ``window.dash_clientside.<namespace>.<function>`` in
    ``assets/<namespace>.js``, registered by ``components/<namespace>.py``;
``"js <module>"``
    ``assets/<module>.js`` writes it from a browser event or timer, through ``lab.write`` (the
    only place that calls ``set_props``), which refuses a property that is not declared here
    for that module (the page receives this table in its configuration).

Properties only the user changes (a slider dragged, a box typed into) are not listed unless the
program writes them too. ``tests/test_writers.py`` holds this table against the callbacks the
app registers and against the scripts in ``assets/``.
"""

from __future__ import annotations

from .data_panel import (
    DATA_MESSAGE,
    DATA_PLOT,
    GENERATOR_SEED,
    POINTS_CONTROLS,
    RHO_SLIDER,
    SHAPE_CONTROLS,
)
from .lambda_control import LAMBDA_INPUT, LAMBDA_LABEL, LAMBDA_MESSAGE, LAMBDA_SLIDER
from .legend import DATA_LEGEND
from .penalty_control import L1_RATIO_SLIDER
from .readout import READOUT_BODY
from .stores import (
    CURRENT_VIEW,
    DATA_DRAG,
    DATA_EDIT,
    LAB_STATE,
    PROBLEM_CONTROLS,
    SCENE_STORE,
    VIEW_STORE,
)
from .weight_plane import WEIGHT_PLANE

__all__ = ["WRITERS", "js_writes", "script_key"]

WRITERS: dict[tuple[str, str], tuple[str, ...]] = {
    # the state and what the server computes from it
    (LAB_STATE, "data"): ("server data_panel.update_problem",),
    (SCENE_STORE, "data"): ("server data_panel.update_problem",),
    # λ as the panels follow it: each step the plane has drawn, and λ at rest
    (CURRENT_VIEW, "data"): ("js lambda_control",),
    (VIEW_STORE, "data"): ("js lambda_control",),
    # the browser's edits
    (DATA_EDIT, "data"): ("js data_edit", "clientside weight_plane.centerMoves"),
    (DATA_DRAG, "data"): ("js data_edit",),
    (PROBLEM_CONTROLS, "data"): ("clientside data_panel.collectControls",),
    # the figures
    (WEIGHT_PLANE, "figure"): (
        "server data_panel.update_problem",
        "server weight_plane.drag_plane",
        "clientside weight_plane.followLambda",
        "clientside weight_plane.hoverAtRest",
    ),
    (DATA_PLOT, "figure"): ("server data_panel.update_problem", "clientside data_panel.moveFits"),
    # the λ control
    (LAMBDA_LABEL, "children"): ("clientside lambda_control.label",),
    (LAMBDA_SLIDER, "value"): ("user", "clientside lambda_control.syncBox", "js lambda_control"),
    (LAMBDA_INPUT, "value"): ("user", "clientside lambda_control.syncBox"),
    (LAMBDA_MESSAGE, "children"): ("clientside lambda_control.syncBox", "js lambda_control"),
    # the rest of the page
    (DATA_MESSAGE, "children"): ("server data_panel.update_problem", "js data_edit"),  # js: a point's coordinates
    (GENERATOR_SEED, "value"): ("user", "server data_panel.update_problem"),
    (DATA_LEGEND, "className"): ("server legend.data_legend_class",),
    (POINTS_CONTROLS, "style"): ("server data_panel.show_source_controls",),
    (SHAPE_CONTROLS, "style"): ("server data_panel.show_source_controls",),
    (RHO_SLIDER, "disabled"): ("server data_panel.show_source_controls",),
    (L1_RATIO_SLIDER, "disabled"): ("server penalty_control.ratio_disabled",),
    (READOUT_BODY, "children"): ("server readout.update_readout",),
}


def script_key(component_id: str) -> str:
    """The name a script uses for a component: its id in camelCase (``current-view`` -> ``currentView``)."""
    head, *rest = component_id.split("-")
    return head + "".join(part.capitalize() for part in rest)


def js_writes() -> dict[str, dict]:
    """What the scripts may write with ``lab.write``: ``{key: {"id", "prop", "modules"}}``.

    ``key`` is :func:`script_key` of the id (each such id has one scripted property);
    ``modules`` the ``assets/`` modules allowed to write it.
    """
    out: dict[str, dict] = {}
    for (component_id, prop), writers in WRITERS.items():
        modules = [w.split()[1] for w in writers if w.startswith("js ")]
        if modules:
            out[script_key(component_id)] = {"id": component_id, "prop": prop, "modules": modules}
    return out
