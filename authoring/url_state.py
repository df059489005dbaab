"""The lab's whole state in a URL query string, and back.

:func:`encode` writes a page (:class:`PageState`) as a query string; :func:`page_for_query`
reads any query string back into a page and never raises: a parameter it cannot use (unknown,
malformed, out of range, repeated, hostile) is replaced by its default and named in one note
(``PageState.notes``, in the page's language). ``assets/share_panel.js`` implements
:func:`encode` a second time, string for string, to mirror the page into the address bar
without a request (``tests/test_url_state_node.py`` holds the two together).

Parameters, in the order :func:`encode` writes them (a parameter equal to its default is left
out; ``_`` separates the items of a list):

=========== ====================================================== ==============================
name        value                                                  default
=========== ====================================================== ==============================
``lang``    ``en`` or ``zh``                                       ``en``
``present`` ``1``: presenter mode (``0`` is accepted too)          absent (off)
``lam``     λ (penalized) or t (constrained): a number inside the  ``0.6`` · λ_max (or ‖w_OLS‖₁)
            slider's range for these data (up to 0.23 % beyond an
            end is taken as that end)
``mode``    ``penalized`` or ``constrained``                       ``penalized``
``show``    regions shown, in the order ``l1``, ``l2``, ``en``, ``lp``  ``l1_l2``
            (the p-norm ball); ``none`` for no region
``r``       the elastic-net mix l1_ratio, in [0, 1]                ``0.5``
``p``       the p-norm ball's p, in [0.3, 4]                       ``0.5``
``keep``    what a change of the data keeps: ``value``/``ratio``   ``value``
``src``     ``points`` (loss from data), ``shape`` (loss shape) or ``points``
            ``dataset`` (a shipped data set, :mod:`geometry.datasets`)
``data``    the data set (with ``src=dataset``): ``diabetes``      ``diabetes``
``feat``    the data set's two features of the weight plane, as    ``2_8`` (bmi, s5)
            column indices ``i_j`` (with ``src=dataset``)
``basis``   ``x-x2``, ``x-x3``, ``correlated`` or ``sin-cos``      ``correlated``
``rho``     feature correlation ρ, in [-0.99, 0.99]                ``0.6``
``shape``   the loss shape ``cx_cy_ratio_angle``: centre, minor /  ``1.5_0.6_0.45_30``
            major axis in (0, 1], rotation in degrees within ±360
``g``       the generator's boxes ``n_w1_w2_noise_seed``; an       the settings that made the
            empty item is an empty box                             points (``gen``), else the
                                                                   generator's defaults
``gen``     the generator settings that made the points            ``20_1.2_0.35_0.25_7``
            ``n_w1_w2_noise_seed``, drawn with ``basis`` and
            ``rho``
``pts``     the data points ``x1_y1_x2_y2_…`` (3 to 200 points),   absent: the points are
            each coordinate v as the whole number                  ``gen``'s
            floor(v · 10⁶ + 0.5)
``preset``  a preset's name (:mod:`authoring.presets`): its        absent
            state, which the link's other parameters override
=========== ====================================================== ==============================

Points: while the state's points are exactly what the generator made with the state's basis
and ρ (``state["generated"]``, see :mod:`components.problem`), the link carries the
generator's settings (``gen``), which reproduce the points bit for bit (numpy's ``PCG64``
stream, under the same numpy: numpy does not promise its streams across versions); otherwise
it carries the points, rounded to 10⁻⁶ (an error of at most 5·10⁻⁷ in each coordinate, so the
reopened touch points agree to about 10⁻⁶ times the loss' condition number; 50 points take
about 800 characters, never more than 2,000). A link reproduces ``generated`` only in the first
case. The state's ``seed`` (the seed of the data on screen, which Resample moves on from) is
``gen``'s seed, else the seed box's. Every other number is written exactly: the shortest decimal
that reads back as the same double (:func:`number_text`, JavaScript's ``String(x)``), so λ
reopens bit for bit.

Limits of what a link may hold: y, true w and the shape's centre within ±10⁹ (:data:`MAX_ABS`),
x within the data window [-1, 1], a value at most :data:`MAX_VALUE_CHARS` characters; the
first :data:`MAX_NOTES` problems are noted one by one, the rest in one further note.
"""

from __future__ import annotations

import copy
import logging
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from components.i18n import DEFAULT_LANG, LANGS, text
from components.lambda_control import KEEP_OPTIONS, MODES, SLIDER_DEFAULT, SLIDER_MAX, SLIDER_MIN
from components.penalty_control import DEFAULT_L1_RATIO, DEFAULT_P, DEFAULT_SHOWN, P_MAX, P_MIN
from components.problem import (
    DATASET_DEFAULTS,
    GENERATOR_DEFAULTS,
    GENERATOR_LIMITS,
    MAX_POINTS,
    MIN_POINTS,
    SHAPE_DEFAULTS,
    ProblemError,
    check_problem,
    default_state,
    resample,
)
from components.view import initial_view
from geometry import QuadraticLoss, lambda_max
from geometry.basis import BASES, X_RANGE
from geometry.datasets import dataset_names, load_dataset

from . import presets

__all__ = [
    "PageState",
    "PARAMS",
    "MAX_ABS",
    "MAX_NOTES",
    "MAX_VALUE_CHARS",
    "POINT_SCALE",
    "REGION_ORDER",
    "STRINGS",
    "number_text",
    "share_defaults",
    "encode",
    "layout_query",
    "page_for_query",
]

#: every parameter a link may hold, in the order :func:`encode` writes them (``preset`` last:
#: it is read, never written)
PARAMS: tuple[str, ...] = (
    "lang", "present", "lam", "mode", "show", "r", "p", "keep", "src", "data", "feat", "basis", "rho", "shape", "g", "gen",
    "pts", "preset",
)
#: the regions' keys in the order ``show`` lists them
REGION_ORDER: tuple[str, ...] = ("l1", "l2", "en", "lp")
#: a point's coordinate is written as the whole number floor(v * POINT_SCALE + 0.5)
POINT_SCALE = 1e6
#: largest |y|, |true w| and |shape centre| a link may hold
MAX_ABS = 1e9
#: longest value of one parameter (200 points take about 3,500 characters)
MAX_VALUE_CHARS = 8000
#: problems noted one by one; the rest are counted in one further note
MAX_NOTES = 8
#: how far (in log10 units, 0.23 %) a link's λ may lie outside the slider's range and still be
#: taken, the slider at its end: a link's rounded points move λ_max by a few millionths
LAM_SLACK = 1e-3
#: the longest number token read (a longer one is malformed)
_MAX_NUMBER_CHARS = 40
_NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z", re.ASCII)
_WHOLE = re.compile(r"-?[0-9]+\Z", re.ASCII)
_CANONICAL_WHOLE = re.compile(r"(?:0|[1-9][0-9]{0,3})\Z", re.ASCII)
_GEN_KEYS = ("n", "w1", "w2", "noise", "seed")
logger = logging.getLogger(__name__)

STRINGS: dict[str, dict[str, str]] = {
    "url.unknown": {
        "en": "The link's parameter “{name}” is unknown; it was ignored.",
        "zh": "链接参数“{name}”无法识别，已忽略。",
    },
    "url.bad": {
        "en": "The link's parameter “{name}” is not valid; its default is used.",
        "zh": "链接参数“{name}”无效，已改用默认值。",
    },
    "url.repeated": {
        "en": "The link gives the parameter “{name}” more than once; its default is used.",
        "zh": "链接中参数“{name}”出现了不止一次，已改用默认值。",
    },
    "url.problem": {
        "en": "The data of the link ({names}) cannot be drawn; the default data are shown.",
        "zh": "链接中的数据（{names}）无法绘制，已显示默认数据。",
    },
    "url.conflict": {
        "en": "The link's parameter “{name}” is ignored: the link gives the points (pts) themselves.",
        "zh": "链接参数“{name}”已忽略：链接已直接给出数据点（pts）。",
    },
    "url.more": {
        "en": "… and {count} more parameters of the link were not used.",
        "zh": "……另有 {count} 个链接参数未被使用。",
    },
}


@dataclass
class PageState:
    """What a page opens with: the problem, the generator's boxes, the view, language, presenter mode.

    Attributes
    ----------
    state : dict
        The ``lab-state`` dict (:mod:`components.problem`).
    generator : dict
        The generator's boxes ``{"n", "true_w", "noise", "seed"}`` (``true_w`` two numbers; any
        value may be ``None``, an empty box).
    view : dict
        ``{"slider", "mode", "shown", "l1_ratio", "p", "keep", "value"}`` (:mod:`components.view`),
        ``value`` the λ (or t) the slider stands for.
    lang : {"en", "zh"}
    present : bool
        Presenter mode.
    notes : list of str
        One message per parameter of the query that was not used (unknown, malformed), in the
        page's language.
    """

    state: dict
    generator: dict
    view: dict
    lang: str = DEFAULT_LANG
    present: bool = False
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------- numbers
def number_text(x: float) -> str:
    """The shortest decimal that reads back as the double ``x``, as JavaScript's ``String(x)``
    writes it but with no ``+`` in an exponent (a ``+`` is a space in a query string).

    ``-0`` is written ``0``. Python's ``repr`` and JavaScript pick the same digits (the shortest
    that round-trip, the nearest of those); this function lays them out by ECMAScript's
    Number::toString rules: plain digits from 1e-6 up to 1e21, exponent form outside.

    Raises
    ------
    ValueError
        For NaN or an infinity.

    Examples
    --------
    >>> number_text(0.1), number_text(1e21), number_text(1.5e-7), number_text(-20.0)
    ('0.1', '1e21', '1.5e-7', '-20')
    """
    x = float(x)
    if not math.isfinite(x):
        raise ValueError(f"x must be finite, got {x!r}")
    if x == 0.0:
        return "0"
    sign = "-" if x < 0 else ""
    mantissa, _, exponent = repr(abs(x)).partition("e")
    whole, _, frac = mantissa.partition(".")
    digits = (whole + frac).lstrip("0")
    # abs(x) = 0.<digits> * 10**n
    n = len(whole) + (int(exponent) if exponent else 0) - (len(whole + frac) - len(digits))
    digits = digits.rstrip("0")
    k = len(digits)
    if k <= n <= 21:
        body = digits + "0" * (n - k)
    elif 0 < n <= 21:
        body = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        body = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        body = (digits[0] + ("." + digits[1:] if k > 1 else "")) + "e" + ("-" if e < 0 else "") + str(abs(e))
    return sign + body


def _parse_number(token: str) -> float | None:
    """A finite number written plainly (ASCII digits, optional sign, point and exponent), else None."""
    if len(token) > _MAX_NUMBER_CHARS or not _NUMBER.match(token):
        return None
    value = float(token)
    return value if math.isfinite(value) else None


def _parse_whole(token: str, low: float, high: float) -> int | None:
    """A whole number in [low, high] (``7``, ``7.0`` and ``7e0`` alike), else None."""
    value = _parse_number(token)
    if value is None or value != math.floor(value) or not low <= value <= high:
        return None
    return int(value)


def _point_text(v: float) -> str:
    return number_text(math.floor(float(v) * POINT_SCALE + 0.5))


def _box_text(v) -> str:
    return "" if v is None else number_text(v)


def _same(a, b) -> bool:
    """Equal numbers (or both None), as JavaScript's ``===`` compares them."""
    if a is None or b is None:
        return a is None and b is None
    return float(a) == float(b)


# ---------------------------------------------------------------------------- encode
def share_defaults() -> dict:
    """What ``assets/share_panel.js`` needs to write links as :func:`encode` does: the defaults
    a link leaves out, the regions' order and the points' scale (JSON-ready)."""
    return {
        "defaults": {
            "lang": DEFAULT_LANG,
            "mode": "penalized",
            "shown": [key for key in REGION_ORDER if key in DEFAULT_SHOWN],
            "l1Ratio": DEFAULT_L1_RATIO,
            "p": DEFAULT_P,
            "keep": "value",
            "source": "points",
            "dataset": DATASET_DEFAULTS["name"],
            "features": list(DATASET_DEFAULTS["features"]),
            "basis": "correlated",
            "rho": GENERATOR_DEFAULTS["rho"],
            "shape": [*SHAPE_DEFAULTS["center"], SHAPE_DEFAULTS["ratio"], SHAPE_DEFAULTS["angle"]],
            "generator": list(_generator_tuple(GENERATOR_DEFAULTS)),
        },
        "regionOrder": list(REGION_ORDER),
        "pointScale": POINT_SCALE,
    }


def _generator_tuple(g: dict) -> tuple:
    true_w = list(g.get("true_w") or [None, None]) + [None, None]
    return (g.get("n"), true_w[0], true_w[1], g.get("noise"), g.get("seed"))


def _reference_value(loss: QuadraticLoss, mode: str) -> float:
    """λ_max (penalized) or ‖w_OLS‖₁ (constrained): the slider's unit (as lambda_control's)."""
    if mode == "constrained":
        return float(sum(abs(float(v)) for v in loss.ols_point))
    return float(lambda_max(loss))


def _generated_matches(state: dict) -> bool:
    gen = state.get("generated")
    return (
        isinstance(gen, dict)
        and gen.get("basis") == state.get("basis")
        and _same(gen.get("rho"), state.get("rho"))
    )


def encode(page: PageState) -> str:
    """The query string (without ``?``) that reopens ``page``; see the module docstring.

    Parameters equal to their defaults are left out, so the same page always gives the same
    string, and ``encode(page_for_query(encode(page))) == encode(page)``.

    Raises
    ------
    components.problem.ProblemError
        Only when the view has no ``value`` and the state cannot be drawn (its λ is then
        unknown).
    """
    state, view = page.state, page.view
    out: list[tuple[str, str]] = []
    if page.lang != DEFAULT_LANG:
        out.append(("lang", page.lang))
    if page.present:
        out.append(("present", "1"))
    mode = view.get("mode") or "penalized"
    value = view.get("value")
    if not (isinstance(value, (int, float)) and 0 < value < math.inf):
        value = _reference_value(check_problem(state), mode) * 10.0 ** float(view.get("slider", SLIDER_DEFAULT))
    out.append(("lam", number_text(value)))
    if mode != "penalized":
        out.append(("mode", mode))
    shown = [key for key in REGION_ORDER if key in (view.get("shown") or [])]
    if shown != [key for key in REGION_ORDER if key in DEFAULT_SHOWN]:
        out.append(("show", "_".join(shown) or "none"))
    l1_ratio = view.get("l1_ratio")
    if l1_ratio is not None and not _same(l1_ratio, DEFAULT_L1_RATIO):
        out.append(("r", number_text(l1_ratio)))
    p = view.get("p")
    if p is not None and not _same(p, DEFAULT_P):
        out.append(("p", number_text(p)))
    if (view.get("keep") or "value") != "value":
        out.append(("keep", view["keep"]))
    if (state.get("source") or "points") != "points":
        out.append(("src", state["source"]))
    if state.get("source") == "dataset":
        spec = state.get("dataset") or DATASET_DEFAULTS
        if spec["name"] != DATASET_DEFAULTS["name"]:
            out.append(("data", spec["name"]))
        if list(spec["features"]) != list(DATASET_DEFAULTS["features"]):
            out.append(("feat", "_".join(str(int(k)) for k in spec["features"])))
    if state["basis"] != "correlated":
        out.append(("basis", state["basis"]))
    if not _same(state["rho"], GENERATOR_DEFAULTS["rho"]):
        out.append(("rho", number_text(state["rho"])))
    shape = state.get("shape") or SHAPE_DEFAULTS
    shape_values = (*shape["center"], shape["ratio"], shape["angle"])
    default_shape = (*SHAPE_DEFAULTS["center"], SHAPE_DEFAULTS["ratio"], SHAPE_DEFAULTS["angle"])
    if not all(_same(a, b) for a, b in zip(shape_values, default_shape)):
        out.append(("shape", "_".join(number_text(v) for v in shape_values)))
    default_gen = _generator_tuple(GENERATOR_DEFAULTS)
    if _generated_matches(state):
        gen = _generator_tuple(state["generated"])
        boxes_default = gen
    else:
        gen, boxes_default = None, default_gen
    boxes = _generator_tuple(page.generator or {})
    if not all(_same(a, b) for a, b in zip(boxes, boxes_default)):
        out.append(("g", "_".join(_box_text(v) for v in boxes)))
    if gen is not None:
        if not all(_same(a, b) for a, b in zip(gen, default_gen)):
            out.append(("gen", "_".join(number_text(v) for v in gen)))
    else:
        xs, ys = state["points"]["x"], state["points"]["y"]
        out.append(("pts", "_".join(_point_text(v) for pair in zip(xs, ys) for v in pair)))
    return "&".join(f"{key}={value}" for key, value in out)


# ---------------------------------------------------------------------------- decode
def _display_name(name: str) -> str:
    """A parameter's name as a note shows it: printable, at most 40 characters."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in name)
    return clean if len(clean) <= 40 else clean[:40] + "…"


def _pairs(query) -> list[tuple[str, list[str]]]:
    """``[(name, [values...])]`` of a query string or a mapping (a flask ``MultiDict`` keeps its
    repeated values), in order of first appearance."""
    grouped: dict[str, list[str]] = {}
    if isinstance(query, (str, bytes)):
        if isinstance(query, bytes):
            query = query.decode("utf-8", errors="replace")
        for key, value in parse_qsl(query.lstrip("?"), keep_blank_values=True):
            grouped.setdefault(key, []).append(value)
    elif isinstance(query, Mapping):
        lists = getattr(query, "lists", None)
        items = lists() if callable(lists) else query.items()
        for key, values in items:
            values = list(values) if isinstance(values, (list, tuple)) else [values]
            grouped.setdefault(str(key), []).extend(str(v) for v in values)
    return list(grouped.items())


class _Notes:
    """Notes in the page's language, at most :data:`MAX_NOTES` and then a count."""

    def __init__(self, lang: str):
        self.lang = lang
        self.items: list[str] = []
        self.more = 0

    def add(self, key: str, **fields) -> None:
        if len(self.items) < MAX_NOTES:
            self.items.append(text(key, self.lang, **fields))
        else:
            self.more += 1

    def all(self) -> list[str]:
        return self.items + ([text("url.more", self.lang, count=self.more)] if self.more else [])


def _numbers(value: str, count: int) -> list[float] | None:
    tokens = value.split("_")
    if len(tokens) != count:
        return None
    numbers = [_parse_number(t) for t in tokens]
    return None if any(v is None for v in numbers) else numbers


def _read_lang(value: str):
    return value if value in LANGS else None


def _read_present(value: str):
    return {"1": True, "0": False}.get(value)


def _read_mode(value: str):
    return value if value in MODES else None


def _read_show(value: str):
    if value == "none":
        return []
    keys = value.split("_")
    if len(set(keys)) != len(keys) or not set(keys) <= set(REGION_ORDER):
        return None
    return [key for key in REGION_ORDER if key in keys]


def _read_ratio(value: str):
    v = _parse_number(value)
    return v if v is not None and 0.0 <= v <= 1.0 else None


def _read_p(value: str):
    v = _parse_number(value)
    return v if v is not None and P_MIN <= v <= P_MAX else None


def _read_keep(value: str):
    return value if value in KEEP_OPTIONS else None


def _read_src(value: str):
    return value if value in ("points", "shape", "dataset") else None


def _read_data(value: str):
    return value if value in dataset_names() else None


def _read_feat(value: str):
    """Two column indices ``i_j``, each written as ``str(int)`` writes it, below the widest
    shipped data set's column count (checked against the link's data set in :func:`_problem`)."""
    tokens = value.split("_")
    widest = max(len(load_dataset(name)[2]) for name in dataset_names())
    if len(tokens) != 2 or not all(_CANONICAL_WHOLE.match(t) and int(t) < widest for t in tokens):
        return None
    return [int(t) for t in tokens]


def _read_basis(value: str):
    return value if value in BASES else None


def _read_rho(value: str):
    v = _parse_number(value)
    return v if v is not None and -0.99 <= v <= 0.99 else None


def _read_lam(value: str):
    v = _parse_number(value)
    return v if v is not None and v > 0 else None


def _read_shape(value: str):
    v = _numbers(value, 4)
    if v is None or abs(v[0]) > MAX_ABS or abs(v[1]) > MAX_ABS or not 0 < v[2] <= 1 or abs(v[3]) > 360:
        return None
    return {"center": [v[0], v[1]], "ratio": v[2], "angle": v[3]}


def _read_gen_item(key: str, token: str, *, empty_ok: bool):
    """One item of ``g``/``gen``: ``(ok, value)``."""
    if token == "":
        return empty_ok, None
    if key in ("n", "seed"):
        low, high, _ = GENERATOR_LIMITS[key]
        v = _parse_whole(token, low, high)
        return v is not None, v
    v = _parse_number(token)
    if key == "noise":
        low, high, _ = GENERATOR_LIMITS["noise"]
        return v is not None and low <= v <= high, v
    return v is not None and abs(v) <= MAX_ABS, v


def _read_generator(value: str, *, empty_ok: bool):
    tokens = value.split("_")
    if len(tokens) != len(_GEN_KEYS):
        return None
    out = {}
    for key, token in zip(_GEN_KEYS, tokens):
        ok, v = _read_gen_item(key, token, empty_ok=empty_ok)
        if not ok:
            return None
        out[key] = v
    return {"n": out["n"], "true_w": [out["w1"], out["w2"]], "noise": out["noise"], "seed": out["seed"]}


def _read_g(value: str):
    return _read_generator(value, empty_ok=True)


def _read_gen(value: str):
    return _read_generator(value, empty_ok=False)


def _read_pts(value: str):
    tokens = value.split("_")
    if len(tokens) % 2 or not MIN_POINTS <= len(tokens) // 2 <= MAX_POINTS:
        return None
    if not all(len(t) <= _MAX_NUMBER_CHARS and _WHOLE.match(t) for t in tokens):
        return None
    coords = [int(t) / POINT_SCALE for t in tokens]
    xs, ys = coords[0::2], coords[1::2]
    if not all(X_RANGE[0] <= x <= X_RANGE[1] for x in xs) or not all(abs(y) <= MAX_ABS for y in ys):
        return None
    return {"x": xs, "y": ys}


def _read_preset(value: str):
    return value if value in presets.PRESETS else None


_READERS = {
    "lang": _read_lang,
    "present": _read_present,
    "lam": _read_lam,
    "mode": _read_mode,
    "show": _read_show,
    "r": _read_ratio,
    "p": _read_p,
    "keep": _read_keep,
    "src": _read_src,
    "data": _read_data,
    "feat": _read_feat,
    "basis": _read_basis,
    "rho": _read_rho,
    "shape": _read_shape,
    "g": _read_g,
    "gen": _read_gen,
    "pts": _read_pts,
    "preset": _read_preset,
}


def _read_params(query) -> tuple[dict, list[tuple[str, str]]]:
    """The link's usable parameters ``{name: value}`` and its problems ``[(note key, name)]``."""
    values: dict = {}
    problems: list[tuple[str, str]] = []
    for name, raw in _pairs(query):
        if name not in _READERS:
            problems.append(("url.unknown", name))
        elif len(raw) > 1:
            problems.append(("url.repeated", name))
        elif len(raw[0]) > MAX_VALUE_CHARS:
            problems.append(("url.bad", name))
        else:
            value = _READERS[name](raw[0])
            if value is None:
                problems.append(("url.bad", name))
            else:
                values[name] = value
    return values, problems


def _problem(values: dict) -> tuple[dict, list[str]]:
    """The ``lab-state`` the link's problem parameters make, and the parameters it used.

    Raises
    ------
    components.problem.ProblemError
        When they cannot be drawn.
    """
    used = [name for name in ("src", "data", "feat", "basis", "rho", "shape", "gen", "pts") if name in values]
    state = {
        "source": values.get("src", "points"),
        "basis": values.get("basis", "correlated"),
        "rho": float(values.get("rho", GENERATOR_DEFAULTS["rho"])),
        "points": {"x": [], "y": []},
        "shape": copy.deepcopy(values.get("shape", SHAPE_DEFAULTS)),
    }
    if "pts" in values:
        state["points"] = values["pts"]
        state["seed"] = None  # set from the boxes by the caller
    else:
        gen = values.get("gen") or {
            "n": GENERATOR_DEFAULTS["n"],
            "true_w": list(GENERATOR_DEFAULTS["true_w"]),
            "noise": GENERATOR_DEFAULTS["noise"],
            "seed": GENERATOR_DEFAULTS["seed"],
        }
        source = state["source"]
        state = resample({**state, "source": "points"}, {**gen, "rho": state["rho"]})
        state["source"] = source
    if state["source"] == "dataset" or "data" in values or "feat" in values:
        # the data set and its pair (kept while the source is not "dataset", as the lab keeps them)
        state["dataset"] = {
            "name": values.get("data", DATASET_DEFAULTS["name"]),
            "features": list(values.get("feat", DATASET_DEFAULTS["features"])),
        }
        check_problem({**state, "source": "dataset"})
    check_problem(state)
    return state, used


def layout_query(args: Mapping, referrer: str | None):
    """The query a page's layout is built for: the request's own parameters, or else those of
    the address that asked for it (``referrer``).

    Dash's page fetches its layout with a request of its own (``/_dash-layout``) that carries no
    query of its own; ``assets/share_panel.js`` appends the page's query to it. Should that
    script not have run, the link's parameters are read from the request's ``Referer`` header
    (the page's address, which browsers send to the same origin whole up to 4 kB).
    """
    if args:
        return args
    return urlsplit(referrer).query if isinstance(referrer, str) else ""


def page_for_query(query) -> PageState:
    """The page a query string (or a mapping of its parameters) opens; never raises.

    Parameters
    ----------
    query : str or Mapping
        A query string (a leading ``?`` is allowed), or its parameters: a flask ``MultiDict``
        (``request.args``, whose repeated parameters are seen) or any mapping of names to
        strings (a list value counts as a repeated parameter). Anything else reads as empty.

    Returns
    -------
    PageState
        Every parameter the link does not give, or gives in a form it cannot use, at its
        default (see the module docstring); ``notes`` names each unusable one. A problem that
        cannot be drawn (:class:`~components.problem.ProblemError`) gives the default problem
        and a note.

    Examples
    --------
    >>> page = page_for_query("lam=0.9&mode=penalized&show=l1&bogus=1")
    >>> page.view["value"], page.view["shown"], len(page.notes)
    (0.9, ['l1'], 1)
    """
    try:
        return _decode(query)
    except Exception:  # noqa: BLE001 - a link must never give an error page
        # a bug, not a bad link (the fuzz tests check this never runs): log it, open the defaults
        logger.exception("page_for_query failed on a query; the default page is shown")
        page = _decode("")
        page.notes = [text("url.bad", DEFAULT_LANG, name="?")]
        return page


def _decode(query) -> PageState:
    """:func:`page_for_query` without its last-resort guard."""
    values, problems = _read_params(query)
    lang = values.get("lang", DEFAULT_LANG)
    notes = _Notes(lang)
    for key, name in problems:
        notes.add(key, name=_display_name(name))
    if "preset" in values:
        preset_values, _ = _read_params(presets.PRESETS[values["preset"]].query)
        values = {**preset_values, **{k: v for k, v in values.items() if k != "preset"}}
    if "pts" in values and "gen" in values:
        notes.add("url.conflict", name="gen")
        del values["gen"]

    try:
        state, _ = _problem(values)
    except (ProblemError, ValueError, ArithmeticError):
        names = [name for name in ("src", "data", "feat", "basis", "rho", "shape", "gen", "pts") if name in values]
        notes.add("url.problem", names=", ".join(names))
        state = default_state()
        for name in ("src", "data", "feat", "basis", "rho", "shape", "gen", "pts"):
            values.pop(name, None)
    loss = check_problem(state)

    generated = state.get("generated")
    gen_boxes = (
        {"n": generated["n"], "true_w": list(generated["true_w"]), "noise": generated["noise"], "seed": generated["seed"]}
        if generated
        else {key: copy.deepcopy(GENERATOR_DEFAULTS[key]) for key in ("n", "true_w", "noise", "seed")}
    )
    generator = values.get("g", gen_boxes)
    if not generated:
        seed = generator.get("seed")
        state["seed"] = seed if seed is not None else GENERATOR_DEFAULTS["seed"]

    view = initial_view()
    view["mode"] = values.get("mode", view["mode"])
    view["shown"] = values.get("show", list(view["shown"]))
    view["l1_ratio"] = float(values.get("r", view["l1_ratio"]))
    view["p"] = float(values.get("p", view["p"]))
    view["keep"] = values.get("keep", view["keep"])
    ref = _reference_value(loss, view["mode"])
    slider = SLIDER_DEFAULT
    value = ref * 10.0**SLIDER_DEFAULT
    if "lam" in values:
        at = math.log10(values["lam"] / ref) if ref > 0 else math.nan
        if SLIDER_MIN - LAM_SLACK <= at <= SLIDER_MAX + LAM_SLACK:
            slider, value = min(max(at, SLIDER_MIN), SLIDER_MAX), values["lam"]
        else:
            notes.add("url.bad", name="lam")
    view["slider"] = slider
    view["value"] = value
    return PageState(
        state=state,
        generator=generator,
        view=view,
        lang=lang,
        present=bool(values.get("present", False)),
        notes=notes.all(),
    )
