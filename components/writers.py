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
    ``assets/<module>.js`` writes it from a browser event, a timer or one of its clientside
    callbacks (those that patch a property other callbacks patch too: see
    ``docs/architecture.md``), through ``lab.write`` (the only place that calls ``set_props``),
    which refuses a property that is not declared here for that module (the page receives this
    table in its configuration).

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
from .classroom_panel import CLASSROOM_KEYS, PLAY_BUTTON, PRESENTER_TOGGLE
from .lambda_control import LAMBDA_INPUT, LAMBDA_LABEL, LAMBDA_MESSAGE, LAMBDA_SLIDER, MODE_TOGGLE
from .export_panel import EXPORT_DOWNLOAD, EXPORT_MESSAGE
from .kink_panel import KINK_MESSAGE, KINK_PLOT, KINK_TEXT
from .norm_panel import NORM_DETAILS, NORM_PLOT, NORM_REQUEST, NORM_TEXT, P_SLIDER
from .group_panel import GROUP_DETAILS, GROUP_PLOT, GROUP_TABLE, GROUP_TEXT
from .minibatch_panel import (
    BATCH_SIZE_SLIDER,
    MINIBATCH_DETAILS,
    MINIBATCH_MESSAGE,
    MINIBATCH_PLAY,
    MINIBATCH_PLOT,
    MINIBATCH_REQUEST,
    MINIBATCH_TEXT,
)
from .dataset_panel import DATASET_PICKERS
from .legend import DATA_LEGEND
from .sparsity_panel import SPARSITY_DETAILS, SPARSITY_PLOT, SPARSITY_REQUEST
from .comparison_panel import COMPARISON_DETAILS, COMPARISON_TABLE
from .optimizer_panel import OPT_DETAILS, OPT_FRAME, OPT_TEXT
from .penalty_control import L1_RATIO_SLIDER, P_NORM_SLIDER, PENALTY_CHECKLIST
from .path_panel import PATH_DETAILS, PATH_PLOT, PATH_REQUEST
from .readout import READOUT_BODY
from .sklearn_panel import SKLEARN_CODE, SKLEARN_VIEW
from .share_panel import COPY_LINK, URL
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
    (LAB_STATE, "data"): ("server data_update.update_problem",),
    (SCENE_STORE, "data"): ("server data_update.update_problem",),
    # λ as the panels follow it: each step the plane has drawn, and λ at rest
    (CURRENT_VIEW, "data"): ("js lambda_control",),
    (VIEW_STORE, "data"): ("js lambda_control",),
    # the browser's edits
    (DATA_EDIT, "data"): ("js data_edit", "clientside weight_plane.centerMoves", "clientside dataset_panel.send"),
    (DATA_DRAG, "data"): ("js data_edit",),
    (PROBLEM_CONTROLS, "data"): ("clientside data_panel.collectControls",),
    # the figures
    (WEIGHT_PLANE, "figure"): (
        "server data_update.update_problem",
        "server weight_plane.drag_plane",
        # js: from the clientside callbacks weight_plane.followLambda and hoverAtRest and
        # optimizer_panel.draw, through lab.write (a patch on the figure as it is then)
        "js weight_plane",
        "js optimizer_panel",
    ),
    (DATA_PLOT, "figure"): ("server data_update.update_problem", "clientside data_panel.moveFits"),
    # the λ control
    (LAMBDA_LABEL, "children"): ("clientside lambda_control.label",),
    (LAMBDA_SLIDER, "value"): ("user", "clientside lambda_control.syncBox", "js lambda_control", "js classroom_panel", "js path_panel"),
    (LAMBDA_INPUT, "value"): ("user", "clientside lambda_control.syncBox"),
    (LAMBDA_MESSAGE, "children"): ("clientside lambda_control.syncBox", "js lambda_control"),
    # the rest of the page
    # js: a point's coordinates (data_edit), a comma refused in a generator box (data_panel)
    (DATA_MESSAGE, "children"): ("server data_update.update_problem", "js data_edit", "js data_panel"),
    (GENERATOR_SEED, "value"): ("user", "server data_update.update_problem"),
    (DATA_LEGEND, "className"): ("server legend.data_legend_class",),
    (POINTS_CONTROLS, "style"): ("server data_panel.show_source_controls",),
    (SHAPE_CONTROLS, "style"): ("server data_panel.show_source_controls",),
    (RHO_SLIDER, "disabled"): ("server data_panel.show_source_controls",),
    (DATASET_PICKERS, "style"): ("server dataset_panel.pickers_style",),
    (L1_RATIO_SLIDER, "disabled"): ("server penalty_control.ratio_disabled",),
    (P_NORM_SLIDER, "disabled"): ("server penalty_control.p_disabled",),
    (READOUT_BODY, "children"): ("server readout.update_readout",),
    # the classroom: play, presenter mode and its keyboard shortcuts (λ itself is above)
    (PENALTY_CHECKLIST, "value"): ("user", "js classroom_panel"),
    (MODE_TOGGLE, "value"): ("user", "js classroom_panel"),
    (PLAY_BUTTON, "aria-pressed"): ("js classroom_panel",),
    (PRESENTER_TOGGLE, "aria-pressed"): ("js classroom_panel",),
    (CLASSROOM_KEYS, "hidden"): ("js classroom_panel",),
    # the 1-D kink: follows λ, the data and its controls while open; drawn once on opening
    (KINK_PLOT, "figure"): ("clientside kink_panel.follow", "js kink_panel"),
    (KINK_TEXT, "children"): ("clientside kink_panel.follow", "js kink_panel"),
    (KINK_MESSAGE, "children"): ("clientside kink_panel.follow", "js kink_panel"),
    # minibatches: the clouds once per request (only while open), play's highlighted batch
    # (js), the details' open mirrored (Dash does not report toggles), the slider's range (n)
    (MINIBATCH_DETAILS, "open"): ("user", "js minibatch_panel"),
    (MINIBATCH_REQUEST, "data"): ("clientside minibatch_panel.gate",),
    (MINIBATCH_PLOT, "figure"): ("server minibatch_panel.update_panel", "js minibatch_panel"),
    (MINIBATCH_TEXT, "children"): ("server minibatch_panel.update_panel",),
    (MINIBATCH_MESSAGE, "children"): ("server minibatch_panel.update_panel",),
    (BATCH_SIZE_SLIDER, "max"): ("server minibatch_panel.update_panel",),
    (MINIBATCH_PLAY, "aria-pressed"): ("js minibatch_panel",),
    # optimizer paths and KKT: the plane's optimizer traces and the text (clientside); play /
    # step / reset and a click in the plane (js: the frame); the details' open mirrored
    (OPT_DETAILS, "open"): ("user", "js optimizer_panel"),
    (OPT_FRAME, "data"): ("js optimizer_panel",),
    (OPT_TEXT, "children"): ("clientside optimizer_panel.draw",),
    # "Do it in scikit-learn": the view at rest while the panel is open, and its code
    (SKLEARN_VIEW, "data"): ("clientside sklearn_panel.gate",),
    (SKLEARN_CODE, "children"): ("server sklearn_panel.update_code",),
    # export: the file a button asks for, or why there is none
    (EXPORT_DOWNLOAD, "data"): ("server export_panel.export_file",),
    (EXPORT_MESSAGE, "children"): ("server export_panel.export_file",),
    # the regularization path: the curves when asked (only while open), the λ line each step
    # (Dash's html.Details does not report its toggles: the script mirrors them into `open`)
    (PATH_DETAILS, "open"): ("user", "js path_panel"),
    (PATH_REQUEST, "data"): ("clientside path_panel.gate",),
    (PATH_PLOT, "figure"): ("server path_panel.update_figure", "clientside path_panel.followLambda", "js path_panel"),
    # the norm family: the figure at rest when asked (only while open), the convex regions each step
    (NORM_DETAILS, "open"): ("user", "js norm_panel"),
    (NORM_REQUEST, "data"): ("clientside norm_panel.gate",),
    (P_SLIDER, "value"): ("user", "clientside norm_panel.syncP"),
    (P_NORM_SLIDER, "value"): ("user", "clientside norm_panel.syncP"),
    (NORM_PLOT, "figure"): ("server norm_panel.update_figure", "clientside norm_panel.follow", "js norm_panel"),
    (NORM_TEXT, "children"): ("server norm_panel.update_figure",),
    # three weights: the table and figure on each opening (the gate re-opens it for a new
    # model), then λ steps and the chooser
    (GROUP_DETAILS, "open"): ("user", "js group_panel", "clientside group_panel.gate"),
    (GROUP_TABLE, "data"): ("server group_panel.update_table",),
    (GROUP_PLOT, "figure"): ("server group_panel.update_table", "clientside group_panel.follow", "js group_panel"),
    (GROUP_TEXT, "children"): ("clientside group_panel.follow", "js group_panel"),
    # sparsity statistics: the Monte-Carlo when asked (only while open and changed); the
    # comparison table's live column at rest while open (both details' open mirrored)
    (SPARSITY_DETAILS, "open"): ("user", "js sparsity_panel"),
    (SPARSITY_REQUEST, "data"): ("clientside sparsity_panel.gate",),
    (SPARSITY_PLOT, "figure"): ("server sparsity_panel.update_figure",),
    (COMPARISON_DETAILS, "open"): ("user", "js comparison_panel"),
    (COMPARISON_TABLE, "children"): ("server comparison_panel.update_table",),
    # share: the link of the state at rest (the copy button's content; js: presenter mode
    # toggled), and a new page for a chosen preset or language
    (COPY_LINK, "content"): ("clientside share_panel.mirror", "js share_panel"),
    (URL, "href"): ("clientside share_panel.navigate",),
    (URL, "search"): ("clientside share_panel.navigate",),
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
