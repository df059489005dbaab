"""Keeping ``lab-state`` in step with the user's edits when Dash drops answers.

When a second edit comes before the server has answered the first, Dash sends the second
request with the same, older ``lab-state`` and drops the first answer. So the page resends its
recent pointer edits with every new one (``data-edit``: ``{"edits": [edit, ...]}``, each edit
stamped with an increasing ``stamp``), and the state records the last stamp it includes
(``edit_stamp``) and the Resample clicks it has seen (``resample_clicks``). The server applies,
in order, whatever the state does not include yet (:func:`pending_events`), and records each
edit's stamp whether the edit was applied, refused or malformed, so no edit is lost and none is
tried twice.
"""

from __future__ import annotations

from dash.exceptions import PreventUpdate

from .data_edit import apply_edit
from .problem import ProblemError

__all__ = ["pending_events", "apply_events"]


def _stamp(edit) -> int | None:
    stamp = edit.get("stamp") if isinstance(edit, dict) else None
    return stamp if isinstance(stamp, int) and not isinstance(stamp, bool) else None


def pending_events(edit, resample_clicks, controls, state: dict) -> list[tuple[dict, dict]]:
    """The user events ``state`` does not include yet, oldest first, as ``(edit, marks)``.

    Parameters
    ----------
    edit : dict or None
        ``data-edit``: ``{"edits": [edit, ...]}``, the page's most recent pointer edits (see
        :mod:`components.data_edit`), each with an integer ``stamp``; stamps increase. An entry
        without a valid stamp cannot be told apart from a resent one and is skipped.
    resample_clicks : int or None
        ``resample-button.n_clicks``.
    controls : dict or None
        ``problem-controls`` (``None`` until a control is first changed): applied when the state
        differs from it.
    state : dict
        ``lab-state``; ``edit_stamp`` and ``resample_clicks`` say what it includes already.

    Returns
    -------
    list of (dict, dict)
        Each edit for :func:`components.data_edit.apply_edit`, and the bookkeeping keys to set in
        the state once the edit is handled (applied, refused or malformed alike).
    """
    events = []
    done = int(state.get("edit_stamp", 0))
    edits = edit.get("edits") if isinstance(edit, dict) else None
    for entry in edits if isinstance(edits, list) else []:
        stamp = _stamp(entry)
        if stamp is None or stamp <= done:
            continue
        events.append(({k: v for k, v in entry.items() if k != "stamp"}, {"edit_stamp": stamp}))
        done = stamp
    if isinstance(controls, dict) and controls:
        events.append(({**controls, "op": "controls"}, {}))
    if isinstance(resample_clicks, int) and resample_clicks > int(state.get("resample_clicks", 0)):
        events.append(({"op": "resample"}, {"resample_clicks": resample_clicks}))
    return events


def apply_events(events: list[tuple[dict, dict]], state: dict, generator: dict) -> tuple[dict, str, bool]:
    """Fold ``(edit, marks)`` events into ``state`` with :func:`components.data_edit.apply_edit`.

    Returns
    -------
    (dict, str, bool)
        The new state (a refused edit leaves it as it was, apart from its ``marks``), the
        message of the last refused event unless a later event changed the problem (else
        ``""``), in the state's language (its ``lang``, English by default), and whether any
        event changed the problem.
    """
    new, message, changed = state, "", False
    for edit, marks in events:
        try:
            new = apply_edit(new, edit, generator)
            changed, message = True, ""
        except PreventUpdate:
            pass
        except ProblemError as exc:
            message = exc.message(new.get("lang"))  # in the page's language (lab-state's "lang")
        if marks:
            new = {**new, **marks}
    return new, message, changed
