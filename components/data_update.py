"""The data panel's server side: the answer to an edit of the problem, and the figures of a state.

:func:`update_problem` (registered by :func:`components.data_panel.register_callbacks`) takes
the pointer edits (``assets/data_edit.js``), the problem controls and the Resample button and
answers with the new ``lab-state``, ``scene-store``, both figures, the message and the seed box
in one round trip. It applies every edit the state does not include yet
(:mod:`components.edit_sync`), so an edit whose answer Dash dropped is not lost; a refused edit
keeps the last valid state and says why. :func:`figures_for` draws both figures of a state.
"""

from __future__ import annotations

import textwrap

from dash import no_update
from dash.exceptions import PreventUpdate

from geometry.datasets import dataset_names, load_dataset

from .data_figure import data_figure_dict
from .edit_sync import apply_events, pending_events
from .i18n import normalize_lang, text
from .problem import GENERATOR_DEFAULTS
from .stores import build_scene, for_store
from .view import view_with_defaults
from .weight_plane import plane_for

__all__ = ["figures_for", "data_figure_for", "events_outputs", "problem_outputs", "update_problem"]


def figures_for(state: dict, scene: dict, view: dict) -> tuple[dict, dict]:
    """Both figures for a state, as plotly dicts: the weight plane and the data panel."""
    return plane_for(state, scene, view), data_figure_for(state, scene, view)


def data_figure_for(state: dict, scene: dict, view: dict) -> dict:
    """The data panel's figure: :func:`~components.data_figure.data_figure_dict`; in dataset mode
    (a data set with ten features has no picture over one x) an empty plot with a note saying
    so, its title the two-feature model's formula."""
    if state.get("source") != "dataset":
        return data_figure_dict(state, scene, view)
    figure = data_figure_dict({**state, "source": "shape"}, scene, view)
    lang = normalize_lang(scene.get("lang"))
    name = (scene.get("dataset") or {}).get("name", "")
    count = len(load_dataset(name)[2]) if name in dataset_names() else 0
    for note in figure["layout"]["annotations"]:
        note["text"] = "<br>".join(textwrap.wrap(text("dataset_panel.data_note", lang, name=name, count=count), 48))
    return figure


def events_outputs(events: list, state: dict, generator: dict, view: dict):
    """Outputs of :func:`update_problem` for ``(edit, marks)`` events (see
    :func:`components.edit_sync.pending_events`): ``lab-state``, ``scene-store``, the weight
    plane, the data panel, the message.

    A dragged point's release (a ``move`` on its own) answers with the state and scene only:
    the weight plane for the release comes from :func:`components.weight_plane.drag_plane`
    (which drew the point while it was held), and the data panel catches up in the browser
    (``data_panel.moveFits``) once λ rests, so it is never redrawn under the user's pointer. A
    refused release puts both figures back to the state before the drag.

    Raises
    ------
    PreventUpdate
        Nothing changed, not even the bookkeeping.
    """
    release = len(events) == 1 and isinstance(events[0][0], dict) and events[0][0].get("op") == "move"
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
        return kept, no_update, plane, data_figure_for(state, old_scene, view), message
    scene = build_scene(new)
    if release:
        return new, for_store(scene), no_update, no_update, ""
    plane, data = figures_for(new, scene, view)
    return new, for_store(scene), plane, data, message


def problem_outputs(edit: dict, state: dict, generator: dict, view: dict):
    """Outputs of :func:`update_problem` for one edit (see :func:`events_outputs`)."""
    return events_outputs([(edit, {})], state, generator, view)


def update_problem(edit, resample_clicks, controls, state, view, n=None, w1=None, w2=None, noise=None, seed=None):
    """Server callback: any data/basis/shape edit -> state, scene, both figures, message, seed box.

    Inputs ``data-edit``, ``resample-button.n_clicks``, ``problem-controls``; states
    ``lab-state``, ``current-view`` and the generator's boxes (n, true w₁, true w₂, noise σ,
    seed), read as they are when the request is sent: a value typed into a box and committed by
    the click on Resample (the box loses focus) is in the box already. It does not ask which
    input fired: it brings the state up to date with every input
    (:func:`components.edit_sync.pending_events`).
    """
    generator = {
        **GENERATOR_DEFAULTS,
        "n": n,
        "true_w": [w1, w2],
        "noise": noise,
        "seed": seed,
        "rho": (controls or {}).get("rho", state.get("rho")) if isinstance(controls, dict) else state.get("rho"),
    }
    events = pending_events(edit, resample_clicks, controls, state)
    outputs = events_outputs(events, state, generator, view_with_defaults(view))
    new = outputs[0]
    # the seed box shows the seed of new data (a refused resample leaves what the user typed)
    resampled = isinstance(new, dict) and new.get("seed") != state.get("seed")
    return (*outputs, new["seed"] if resampled else no_update)
