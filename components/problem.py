"""The regression problem the user edits: the ``lab-state`` dict and pure functions on it.

The state is plain JSON (it lives in a ``dcc.Store`` and, later, in the URL):

``source``
    ``"points"`` (a loss from data points), ``"shape"`` (a loss given by its ellipse) or
    ``"dataset"`` (the regression of a shipped data set's target on two of its features).
``dataset``
    ``{"name": "diabetes", "features": [i, j]}``: the data set and the two features (column
    indices) the weight plane shows (:data:`DATASET_DEFAULTS`); used when ``source`` is
    ``"dataset"``. The points, basis and shape stay in the state meanwhile, so that going back
    to the synthetic data finds them as they were.
``basis``, ``rho``
    The two features phi1, phi2 of x (see :mod:`geometry.basis`).
``points``
    ``{"x": [...], "y": [...]}``, the data in the data panel.
``shape``
    ``{"center": [w1, w2], "ratio": minor/major axis in (0, 1], "angle": degrees}``.
``seed``, ``generated``
    The seed of the last generated data; and, while the points are exactly what the generator
    made, its settings ``{"basis", "rho", "n", "true_w", "noise", "seed"}`` (an edit of a point
    removes it).

Every edit returns a new state; an edit that would make the problem degenerate is refused
with a message (:class:`ProblemError`, its texts in :mod:`components.problem_strings`) so the
last valid picture stays.
"""

from __future__ import annotations

import copy
import math
from numbers import Real

import numpy as np

from geometry import QuadraticLoss, lambda_max
from geometry.basis import X_RANGE, design_matrix, synthetic_data
from geometry.datasets import dataset_names, load_dataset

from .formatting import format_number
from .i18n import DEFAULT_LANG, text

__all__ = [
    "ProblemError",
    "GENERATOR_DEFAULTS",
    "GENERATOR_LIMITS",
    "DATASET_DEFAULTS",
    "MAX_CONDITION",
    "MIN_POINTS",
    "MAX_POINTS",
    "default_state",
    "design_for_state",
    "loss_for_state",
    "dataset_spec",
    "dataset_design",
    "check_problem",
    "move_points",
    "add_point",
    "remove_point",
    "resample",
]

MIN_POINTS = 3
MAX_POINTS = 200

GENERATOR_DEFAULTS: dict = {"n": 20, "rho": 0.6, "true_w": [1.2, 0.35], "noise": 0.25, "seed": 7}
#: The generator's bounded number boxes: ``(min, max, step)``. Each box has both bounds because Dash's
#: "+"/"−" steppers give NaN (an empty box) when a box has a min but no max. The seed stays
#: below 2**32 so that it is exact as a JavaScript number and fits the page's JSON (numpy's
#: ``default_rng`` takes any whole number >= 0, but a seed beyond 64 bits cannot be sent back).
GENERATOR_LIMITS: dict = {
    "n": (MIN_POINTS, MAX_POINTS, 1),
    "noise": (0, 100, 0.01),
    "seed": (0, 2**32 - 1, 1),
}
#: Largest condition number of H (longest over shortest ellipse axis, squared) that the lab
#: draws: beyond it the ellipses are needles and the OLS point runs off to thousands.
MAX_CONDITION = 1e4
SHAPE_DEFAULTS: dict = {"center": [1.5, 0.6], "ratio": 0.45, "angle": 30.0}
#: the data set and the pair of features a new dataset-mode state shows: the diabetes data's
#: bmi and s5 (ltg), the first two to enter its lasso path (Efron et al. 2004, fig. 1)
DATASET_DEFAULTS: dict = {"name": "diabetes", "features": [2, 8]}


class ProblemError(ValueError):
    """An edit that would make the problem degenerate; the message is shown to the user.

    Raised with a key of the string table (:mod:`components.i18n`) and its fields: ``str()`` is
    the English message, :meth:`message` the message in a language.
    """

    def __init__(self, key: str, /, **fields) -> None:
        self.key = key
        self.fields = fields
        super().__init__(text(key, DEFAULT_LANG, **fields))

    def message(self, lang: str | None = DEFAULT_LANG) -> str:
        """The message in ``lang`` (``"en"`` or ``"zh"``; English for anything else)."""
        return text(self.key, lang, **self.fields)


def default_state() -> dict:
    """The state a new user sees: correlated features, 20 noisy points, data mode."""
    state = {
        "source": "points",
        "basis": "correlated",
        "rho": GENERATOR_DEFAULTS["rho"],
        "points": {"x": [], "y": []},
        "shape": copy.deepcopy(SHAPE_DEFAULTS),
    }
    return resample(state, GENERATOR_DEFAULTS)


def dataset_spec(state: dict) -> tuple[str, list[int]]:
    """The data set's name and the two feature indices of a dataset-mode state.

    Raises
    ------
    ProblemError
        For a name that is not a shipped data set, or features that are not two whole numbers
        indexing its columns.
    """
    spec = state.get("dataset") if isinstance(state.get("dataset"), dict) else {}
    name = spec.get("name")
    if not isinstance(name, str) or name not in dataset_names():
        raise ProblemError("dataset_panel.unknown", value=f"{name!r:.40}", options=", ".join(dataset_names()))
    _, _, names = load_dataset(name)
    features = spec.get("features")
    ok = (
        isinstance(features, (list, tuple))
        and len(features) == 2
        and all(isinstance(k, int) and not isinstance(k, bool) and 0 <= k < len(names) for k in features)
    )
    if not ok:
        raise ProblemError("dataset_panel.bad_features", value=f"{features!r:.40}", count=len(names))
    return name, [int(k) for k in features]


def dataset_design(state: dict) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """``(X, y, names)`` of the two-feature model of a dataset-mode state: the two chosen
    columns of the data set (n × 2), its target, and the two features' names."""
    name, features = dataset_spec(state)
    X, y, names = load_dataset(name)
    return X[:, features], y, [names[k] for k in features]


def design_for_state(state: dict) -> tuple[np.ndarray, np.ndarray]:
    """``(X, y)`` of a state with data: the points' features (points mode) or the chosen two
    columns of the data set (dataset mode); X has shape (n, 2), y shape (n,).

    Raises
    ------
    ValueError
        In loss-shape mode, which has no data.
    """
    if state.get("source") == "dataset":
        X, y, _ = dataset_design(state)
        return np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if state.get("source") == "shape":
        raise ValueError("loss-shape mode has no data points")
    x = np.asarray(state["points"]["x"], dtype=float)
    return design_matrix(state["basis"], x, rho=float(state["rho"])), np.asarray(state["points"]["y"], dtype=float)


def loss_for_state(state: dict) -> QuadraticLoss:
    """The loss J0 the state describes (from the points and basis, from the ellipse, or from
    the two chosen features of a data set with an unpenalized intercept)."""
    if state.get("source") == "dataset":
        X, y, _ = dataset_design(state)
        return QuadraticLoss.from_data(X, y)
    if state.get("source") == "shape":
        shape = state["shape"]
        ratio = float(shape["ratio"])
        return QuadraticLoss.from_ellipse(shape["center"], [1.0, ratio], math.radians(float(shape["angle"])))
    x = np.asarray(state["points"]["x"], dtype=float)
    y = np.asarray(state["points"]["y"], dtype=float)
    X = design_matrix(state["basis"], x, rho=float(state["rho"]))
    return QuadraticLoss.from_data(X, y)


def check_problem(state: dict) -> QuadraticLoss:
    """The state's loss, or :class:`ProblemError` saying why it cannot be drawn."""
    if state.get("source") == "dataset":
        return _check_dataset(state)
    if state.get("source") != "shape":
        n = len(state["points"]["x"])
        if n < MIN_POINTS:
            raise ProblemError("problem.min_points", count=MIN_POINTS)
    try:
        loss = loss_for_state(state)
    except ValueError as exc:
        raise ProblemError("problem.cannot_draw", reason=str(exc)) from None
    flat = loss.rank == 0
    if state.get("source") != "shape":
        X = design_matrix(state["basis"], state["points"]["x"], rho=float(state["rho"]))
        # Rounding leaves a tiny curvature even when every point has the same features.
        flat = flat or float(loss.eigenvalues[-1]) <= 1e-12 * max(1.0, float(np.max(X * X)))
    if flat:
        raise ProblemError("problem.flat")
    if state.get("source") != "shape" and loss.rank == 2:
        low, high = (float(v) for v in loss.eigenvalues)
        if high > MAX_CONDITION * low:
            raise ProblemError(
                "problem.unstable", w1=format_number(loss.ols_point[0]), w2=format_number(loss.ols_point[1])
            )
    if lambda_max(loss) == 0.0:
        raise ProblemError("problem.no_signal")
    return loss


def _check_dataset(state: dict) -> QuadraticLoss:
    """:func:`check_problem` of a dataset-mode state (its data are fixed: only the choice of
    features can fail, or a pair that leaves no signal)."""
    loss = loss_for_state(state)
    if lambda_max(loss) == 0.0:
        raise ProblemError("problem.no_signal")
    return loss


def _with_points(state: dict, x: list[float], y: list[float]) -> dict:
    new = copy.deepcopy(state)
    new["points"] = {"x": [float(v) for v in x], "y": [float(v) for v in y]}
    new.pop("generated", None)  # the points are no longer the generator's
    check_problem(new)
    return new


def _check_index(state: dict, index: int) -> int:
    """The number of points, or :class:`ProblemError` if there is no point ``index`` (0-based)."""
    n = len(state["points"]["x"])
    if not 0 <= index < n:
        raise ProblemError("problem.no_such_point", number=index + 1 if index >= 0 else index)
    return n


def move_points(state: dict, moves: dict[int, tuple[float, float]]) -> dict:
    """Move points ``{index: (x, y)}``; x is clipped to the data window."""
    x = list(state["points"]["x"])
    y = list(state["points"]["y"])
    for index, (px, py) in moves.items():
        _check_index(state, index)
        if not (math.isfinite(px) and math.isfinite(py)):
            raise ProblemError("problem.finite")
        x[index] = min(max(px, X_RANGE[0]), X_RANGE[1])
        y[index] = py
    return _with_points(state, x, y)


def add_point(state: dict, px: float, py: float) -> dict:
    """Add a point at (px, py)."""
    if len(state["points"]["x"]) >= MAX_POINTS:
        raise ProblemError("problem.max_points", count=MAX_POINTS)
    if not (math.isfinite(px) and math.isfinite(py)):
        raise ProblemError("problem.finite")
    px = min(max(px, X_RANGE[0]), X_RANGE[1])
    return _with_points(state, [*state["points"]["x"], px], [*state["points"]["y"], py])


def remove_point(state: dict, index: int) -> dict:
    """Remove point ``index`` (0-based)."""
    n = _check_index(state, index)
    if n <= MIN_POINTS:
        raise ProblemError("problem.remove_min", count=MIN_POINTS)
    keep = [k for k in range(n) if k != index]
    return _with_points(state, [state["points"]["x"][k] for k in keep], [state["points"]["y"][k] for k in keep])


def resample(state: dict, params: dict) -> dict:
    """Replace the points with fresh synthetic data from the generator's parameters.

    ``params``: ``n``, ``rho``, ``true_w`` (two numbers), ``noise``, ``seed``. The basis is the
    state's. A bad parameter raises :class:`ProblemError` naming it.
    """
    # A number box reports None when it is empty, outside its min/max or off its step (the
    # weight and noise boxes take two decimals): say which one.
    lim = GENERATOR_LIMITS
    ranges = {
        "n": ("problem.gen_n", {"low": lim["n"][0], "high": lim["n"][1]}),
        "noise": ("problem.gen_noise", {"high": lim["noise"][1]}),
        "seed": ("problem.gen_seed", {"low": lim["seed"][0], "high": lim["seed"][1]}),
    }
    for key, (message, fields) in ranges.items():
        if params.get(key) is None:
            raise ProblemError(message, **fields)
    seed = params["seed"]
    if isinstance(seed, Real) and not isinstance(seed, bool) and not lim["seed"][0] <= seed <= lim["seed"][1]:
        raise ProblemError("problem.gen_seed_got", **ranges["seed"][1], got=format_number(float(seed)))
    true_w = params.get("true_w") or [None, None]
    for k, value in enumerate(true_w):
        if value is None:
            raise ProblemError("problem.gen_weight", sub="₁₂"[k])
    try:
        n = int(params["n"]) if float(params["n"]) == int(float(params["n"])) else params["n"]
        seed = int(params["seed"]) if float(params["seed"]) == int(float(params["seed"])) else params["seed"]
        x, y = synthetic_data(
            n=n,
            basis=state["basis"],
            rho=float(params["rho"]),
            true_w=[float(v) for v in params["true_w"]],
            noise=float(params["noise"]),
            seed=seed,
        )
    except (TypeError, KeyError, OverflowError) as exc:
        raise ProblemError("problem.gen_incomplete", reason=str(exc)) from None
    except ValueError as exc:
        raise ProblemError("problem.gen_refused", reason=str(exc)) from None
    new = copy.deepcopy(state)
    new["rho"] = float(params["rho"])
    new["seed"] = seed  # the seed of the current data, so that "Resample" can move on from it
    new = _with_points(new, x.tolist(), y.tolist())
    # what produced the points: a link can carry these instead of the points
    new["generated"] = {
        "basis": new["basis"],
        "rho": new["rho"],
        "n": n,
        "true_w": [float(v) for v in params["true_w"]],
        "noise": float(params["noise"]),
        "seed": seed,
    }
    return new
