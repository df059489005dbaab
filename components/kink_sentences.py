"""The 1-D kink's sentences: why 0 is (or is not) the L1 minimum, and why not the L2 minimum.

Pure (no Dash): the templates (:data:`STRINGS`, keys ``kink_panel.…``) that
:func:`kink_text` fills in on the server and ``assets/kink_panel.js`` fills in the browser
(:func:`strings_for`: the page carries them in its language; the same sentences, checked under
Node, ``tests/test_kink_node.py``), and the messages the script writes beside the parabola's
boxes. :func:`kink_text` reads a model of :func:`components.kink_figure.kink_model`.
"""

from __future__ import annotations

from . import i18n
from .formatting import format_number
from .i18n import normalize_lang, text

__all__ = ["STRINGS", "TEXT_KEYS", "strings_for", "kink_text"]

STRINGS: dict[str, dict[str, str]] = {
    # the messages the script writes beside the parabola's boxes
    "kink_panel.bad_a": {
        "en": "a must be a number > 0; the picture keeps the last valid parabola.",
        "zh": "a 必须是大于 0 的数；图中保留上一个有效的抛物线。",
    },
    "kink_panel.bad_c": {
        "en": "c must be a number; the picture keeps the last valid parabola.",
        "zh": "c 必须是一个数；图中保留上一个有效的抛物线。",
    },
    # the sentences under the figure ({fields} are numbers as the lab writes them)
    "kink_panel.f_weight": {
        "en": "f(x) = J0 with w{k} = x and w{o} held at the lasso's w{o} = {held}: d₀ = f′(0) = {d0}, "
        "f″ = {curv}, λ = {lam}. Its L1 minimiser is the lasso's w{k}, the L1 touch point of the plane.",
        "zh": "f(x) = J0，其中 w{k} = x，w{o} 固定为 lasso 的 w{o} = {held}：d₀ = f′(0) = {d0}，"
        "f″ = {curv}，λ = {lam}。它的 L1 最小点就是 lasso 的 w{k}，即权重平面上的 L1 切点。",
    },
    "kink_panel.f_parabola": {
        "en": "f(x) = {a}·(x − {c})²: d₀ = f′(0) = −2ac = {d0}, f″ = 2a = {curv}, λ = {lam}.",
        "zh": "f(x) = {a}·(x − {c})²：d₀ = f′(0) = −2ac = {d0}，f″ = 2a = {curv}，λ = {lam}。",
    },
    "kink_panel.constrained": {
        "en": " (Constrained mode: λ is the lasso's λ for the budget t = {t}.)",
        "zh": "（约束模式：λ 是预算 t = {t} 对应的 lasso 的 λ。）",
    },
    "kink_panel.l1_zero": {
        "en": "L1: 0 is the minimum because d₀ − λ = {left} {op_left} 0 {op_right} d₀ + λ = {right}: "
        "F falls into 0 from the left and rises after it, so x = 0 exactly (|d₀| ≤ λ).",
        "zh": "L1：0 是最小点，因为 d₀ − λ = {left} {op_left} 0 {op_right} d₀ + λ = {right}："
        "F 从左边降到 0，过了 0 又上升，所以 x 恰好为 0（|d₀| ≤ λ）。",
    },
    "kink_panel.l1_right": {
        "en": "L1: 0 is not the minimum because d₀ + λ = {right} < 0: F still falls right of 0. "
        "The minimum is at x = −(d₀ + λ)/f″ = {x}.",
        "zh": "L1：0 不是最小点，因为 d₀ + λ = {right} < 0：F 在 0 的右边仍在下降。"
        "最小点在 x = −(d₀ + λ)/f″ = {x}。",
    },
    "kink_panel.l1_left": {
        "en": "L1: 0 is not the minimum because d₀ − λ = {left} > 0: F still falls left of 0. "
        "The minimum is at x = −(d₀ − λ)/f″ = {x}.",
        "zh": "L1：0 不是最小点，因为 d₀ − λ = {left} > 0：F 在 0 的左边仍在下降。"
        "最小点在 x = −(d₀ − λ)/f″ = {x}。",
    },
    "kink_panel.l2_nonzero": {
        "en": "L2: the slope at 0 stays d₀ = {d0} ≠ 0 for every λ, so 0 is not the minimum: "
        "x = −d₀/(f″ + 2λ) = {x}. With λx², x = 0 only if d₀ = 0.",
        "zh": "L2：对任何 λ，0 处的斜率都是 d₀ = {d0} ≠ 0，所以 0 不是最小点："
        "x = −d₀/(f″ + 2λ) = {x}。用 λx² 时，只有 d₀ = 0 才有 x = 0。",
    },
    "kink_panel.l2_zero": {
        "en": "L2: the slope at 0 is d₀ = 0, so x = 0 is the minimum (f's own minimum is at 0).",
        "zh": "L2：0 处的斜率 d₀ = 0，所以 x = 0 是最小点（f 本身的最小点就在 0）。",
    },
}
#: the strings the script writes with (the panel carries them in its page's language)
TEXT_KEYS: tuple[str, ...] = tuple(
    key.removeprefix("kink_panel.")
    for key in STRINGS
    if key.startswith(("kink_panel.f_", "kink_panel.l1_", "kink_panel.l2_", "kink_panel.bad_", "kink_panel.constrained"))
)


def strings_for(lang: str) -> dict[str, str]:
    """The templates :func:`kink_text` and ``assets/kink_panel.js`` fill in.

    Parameters
    ----------
    lang : {"en", "zh"}
        The page's language.

    Returns
    -------
    dict
        ``{key: template}`` for each key of :data:`TEXT_KEYS` (the string key without its
        ``kink_panel.`` prefix), in ``lang``.
    """
    return {key: text(f"kink_panel.{key}", lang) for key in TEXT_KEYS}


def _fill(template: str, **fields) -> str:
    return template.format(**fields)


def kink_text(model: dict, *, lang: str = i18n.DEFAULT_LANG) -> str:
    """The sentences under the figure.

    Parameters
    ----------
    model : dict
        As :func:`components.kink_figure.kink_model` returns it.
    lang : {"en", "zh"}

    Returns
    -------
    str
        Three lines (newline-separated): what f is with its live numbers (and, in constrained
        mode, the budget t), why 0 is (or is not) the L1 minimum by the one-sided slopes
        d0 − λ and d0 + λ, and why 0 is not the L2 minimum unless d0 = 0.
    """
    s = strings_for(normalize_lang(lang))
    fmt = format_number
    f, lam = model["f"], model["lam"]
    d0 = f["slope"]
    if model["source"] == "parabola":
        head = _fill(s["f_parabola"], a=fmt(model["a"]), c=fmt(model["c"]), d0=fmt(d0), curv=fmt(f["curvature"]), lam=fmt(lam))
    else:
        k = model["weight"]
        head = _fill(
            s["f_weight"], k="₁₂"[k], o="₁₂"[1 - k], held=fmt(model["held"]), d0=fmt(d0), curv=fmt(f["curvature"]), lam=fmt(lam)
        )
    if model["mode"] == "constrained":
        head += _fill(s["constrained"], t=fmt(model["t"]))
    left, right = d0 - lam, d0 + lam
    if model["x1"] == 0:
        l1 = _fill(
            s["l1_zero"], left=fmt(left), right=fmt(right), op_left="<" if left < 0 else "≤", op_right="<" if right > 0 else "≤"
        )
    elif right < 0:
        l1 = _fill(s["l1_right"], right=fmt(right), x=fmt(model["x1"]))
    else:
        l1 = _fill(s["l1_left"], left=fmt(left), x=fmt(model["x1"]))
    l2 = _fill(s["l2_zero"]) if d0 == 0 else _fill(s["l2_nonzero"], d0=fmt(d0), x=fmt(model["x2"]))
    return "\n".join([head, l1, l2])
