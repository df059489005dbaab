"""User edits of the problem, as plain dicts dispatched on their ``op``.

An edit is what the page sends when the user changes the data or the loss (``data-edit``,
``problem-controls``, the Resample button); :func:`apply_edit` turns it into a new
``lab-state``. The ops and their fields:

``{"op": "add", "x", "y"}``
    a click on empty plot area adds a point at (x, y);
``{"op": "remove", "index"}``
    a double-click removes point ``index`` (``None``: the double-click was on no point);
``{"op": "move", "index", "x", "y"}``
    a dragged point let go at (x, y);
``{"op": "center", "x", "y"}``
    the OLS centre dragged in loss-shape mode;
``{"op": "controls", "source", "basis", "rho", "eccentricity", "rotation"}``
    the problem controls (any subset of the fields);
``{"op": "resample"}``
    fresh synthetic data from the generator settings;
``{"op": "dataset", "name", "features", "source"}``
    the data set chooser (``components/dataset_panel.py``): ``name`` ``"synthetic"`` goes back to
    the synthetic problem (``source``: the loss-from toggle's ``"points"`` or ``"shape"``), a
    data set's name (``"diabetes"``) shows the regression on its two ``features`` (indices).

In dataset mode the pointer edits and the problem controls of the synthetic data do not apply
(they change nothing, :class:`~dash.exceptions.PreventUpdate`).

An edit that is not one of these (an unknown op, a field missing or of the wrong type) is
refused with a :class:`~components.problem.ProblemError` like any edit the problem cannot take.
"""

from __future__ import annotations

import math
from numbers import Real
from typing import Callable

from dash.exceptions import PreventUpdate

from geometry.basis import BASES

from .problem import (
    DATASET_DEFAULTS,
    ProblemError,
    add_point,
    check_problem,
    move_points,
    remove_point,
    resample,
)

__all__ = ["OPS", "apply_edit", "STRINGS"]

#: this module's strings, keyed as the string table's (:func:`components.i18n.text`)
STRINGS: dict[str, dict[str, str]] = {
    # written by assets/data_edit.js and assets/data_edit_keys.js (``lab.text``)
    "edit.point": {"en": "Point {n}: {where}", "zh": "第 {n} 个点：{where}"},
    "edit.edge": {
        "en": " (the edge of the data window: x stays from {low} to {high})",
        "zh": "（数据窗口的边缘：x 保持在 {low} 到 {high} 之间）",
    },
    "edit.selected": {
        "en": "Point {n} of {count}: {where}. Shift+arrows move it, Delete removes it.",
        "zh": "第 {n} 个点（共 {count} 个）：{where}。Shift+方向键移动它，Delete 删除它。",
    },
    # refused edits
    "edit.malformed_number": {
        "en": "Ignored a malformed {op} edit: {key} must be a number, got {value}.",
        "zh": "已忽略一个格式错误的 {op} 编辑：{key} 必须是数，收到的是 {value}。",
    },
    "edit.malformed_index": {
        "en": "Ignored a malformed {op} edit: index must be a whole number, got {value}.",
        "zh": "已忽略一个格式错误的 {op} 编辑：index 必须是整数，收到的是 {value}。",
    },
    "edit.remove_where": {"en": "Double-click on a point to remove it.", "zh": "双击一个点即可删除它。"},
    "edit.move_no_point": {
        "en": "Ignored a malformed move edit: it names no point.",
        "zh": "已忽略一个格式错误的移动编辑：它没有指明是哪个点。",
    },
    "edit.unknown_source": {
        "en": "Unknown source {value}; choose 'points' or 'shape'.",
        "zh": "未知的损失来源 {value}；请选择 'points' 或 'shape'。",
    },
    "edit.unknown_basis": {
        "en": "Unknown basis {value}; choose one of {options}.",
        "zh": "未知的特征组合 {value}；请从 {options} 中选择。",
    },
    "edit.not_a_dict": {
        "en": "Ignored a malformed edit: expected a dict, got {type}.",
        "zh": "已忽略一个格式错误的编辑：应为 dict，收到的是 {type}。",
    },
    "edit.unknown_op": {
        "en": "Ignored an edit with an unknown op {op}; ops are {ops}.",
        "zh": "已忽略一个未知操作 {op} 的编辑；可用的操作有 {ops}。",
    },
}


def _number(edit: dict, key: str) -> float:
    value = edit.get(key)
    if not isinstance(value, bool) and isinstance(value, Real):
        try:
            return float(value)
        except OverflowError:  # an integer beyond any float
            pass
    raise ProblemError("edit.malformed_number", op=edit.get("op"), key=key, value=f"{value!r:.40}")


def _index(edit: dict) -> int | None:
    value = edit.get("index")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProblemError("edit.malformed_index", op=edit.get("op"), value=repr(value))
    return value


def _points_only(state: dict) -> None:
    if state.get("source") in ("shape", "dataset"):
        raise PreventUpdate  # a late pointer edit of the data panel after switching to loss-shape or dataset mode


def _add(state: dict, edit: dict, generator: dict) -> dict:
    _points_only(state)
    return add_point(state, _number(edit, "x"), _number(edit, "y"))


def _remove(state: dict, edit: dict, generator: dict) -> dict:
    _points_only(state)
    index = _index(edit)
    if index is None:
        raise ProblemError("edit.remove_where")
    return remove_point(state, index)


def _move(state: dict, edit: dict, generator: dict) -> dict:
    _points_only(state)
    index = _index(edit)
    if index is None:
        raise ProblemError("edit.move_no_point")
    return move_points(state, {index: (_number(edit, "x"), _number(edit, "y"))})


def _center(state: dict, edit: dict, generator: dict) -> dict:
    if state.get("source") != "shape":
        raise PreventUpdate
    shape = dict(state["shape"], center=[_number(edit, "x"), _number(edit, "y")])
    new = dict(state, shape=shape)
    check_problem(new)
    return new


def _shape_from_controls(shape: dict, edit: dict) -> dict:
    ecc = _number(edit, "eccentricity") if "eccentricity" in edit else None
    shape = dict(shape)
    if ecc is not None:
        shape["ratio"] = math.sqrt(max(1.0 - min(max(ecc, 0.0), 0.995) ** 2, 1e-6))
    if "rotation" in edit:
        shape["angle"] = _number(edit, "rotation")
    return shape


def _controls(state: dict, edit: dict, generator: dict) -> dict:
    if state.get("source") == "dataset":
        raise PreventUpdate  # the synthetic data's controls are hidden in dataset mode
    new = dict(state)
    new["source"] = edit.get("source", state.get("source", "points"))
    if not isinstance(new["source"], str) or new["source"] not in ("points", "shape"):
        raise ProblemError("edit.unknown_source", value=repr(new["source"]))
    new["basis"] = edit.get("basis", state["basis"])
    if not isinstance(new["basis"], str) or new["basis"] not in BASES:
        raise ProblemError("edit.unknown_basis", value=repr(new["basis"]), options=", ".join(BASES))
    if "rho" in edit:
        new["rho"] = _number(edit, "rho")
    if new["source"] == "shape":
        new["shape"] = _shape_from_controls(state["shape"], edit)
    uses_rho = BASES[new["basis"]].uses_rho
    changed = (
        new["source"] != state.get("source")
        or new["basis"] != state["basis"]
        or (uses_rho and new["source"] == "points" and new["rho"] != state["rho"])
        or (new["source"] == "shape" and new["shape"] != state["shape"])
    )
    if not changed:
        raise PreventUpdate
    check_problem(new)
    return new


def _resample(state: dict, edit: dict, generator: dict) -> dict:
    if state.get("source") == "dataset":
        raise PreventUpdate  # the generator is hidden in dataset mode
    params = dict(generator)
    # The same seed would give the same data: a seed the user typed is used as it is, the
    # seed of the data on screen moves on by one (and the seed box shows it).
    if params.get("seed") is not None and params["seed"] == state.get("seed"):
        params["seed"] = int(params["seed"]) + 1
    return resample(dict(state, source="points"), params)


def _dataset(state: dict, edit: dict, generator: dict) -> dict:
    name = edit.get("name")
    if name == "synthetic":
        if state.get("source") != "dataset":
            raise PreventUpdate
        source = edit.get("source", "points")
        if source not in ("points", "shape"):
            raise ProblemError("edit.unknown_source", value=repr(source))
        new = dict(state, source=source)
    else:
        old = state.get("dataset") if isinstance(state.get("dataset"), dict) else DATASET_DEFAULTS
        features = edit.get("features", old.get("features", DATASET_DEFAULTS["features"]))
        if isinstance(features, (list, tuple)):
            features = [int(k) if isinstance(k, float) and k == int(k) else k for k in features]
        new = dict(state, source="dataset", dataset={"name": name, "features": features})
        if new["dataset"] == state.get("dataset") and state.get("source") == "dataset":
            raise PreventUpdate
    check_problem(new)
    return new


#: The handler of each op: ``(state, edit, generator) -> new state``.
OPS: dict[str, Callable[[dict, dict, dict], dict]] = {
    "add": _add,
    "remove": _remove,
    "move": _move,
    "center": _center,
    "controls": _controls,
    "resample": _resample,
    "dataset": _dataset,
}


def apply_edit(state: dict, edit, generator: dict) -> dict:
    """The new ``lab-state`` after one edit.

    Parameters
    ----------
    state : dict
        The current ``lab-state``.
    edit : dict
        One of the edits in the module docstring.
    generator : dict
        ``{"n", "rho", "true_w", "noise", "seed"}``: the generator settings (used by
        ``resample``).

    Returns
    -------
    dict
        The new state, which :func:`~components.problem.check_problem` accepts.

    Raises
    ------
    PreventUpdate
        The edit changes nothing (a control that does not apply, a pointer edit of the data
        panel in loss-shape mode).
    ProblemError
        The edit is refused or malformed; its message is for the user.
    """
    if not isinstance(edit, dict):
        raise ProblemError("edit.not_a_dict", type=type(edit).__name__)
    handler = OPS.get(edit.get("op")) if isinstance(edit.get("op"), str) else None
    if handler is None:
        raise ProblemError("edit.unknown_op", op=repr(edit.get("op")), ops=", ".join(OPS))
    return handler(state, edit, generator)
