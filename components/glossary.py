"""The readout's definitions: what each column of its table means, and the glossary of symbols.

The glossary is a collapsed ``<details>`` inside the readout's one Markdown (no component of
its own): the features of the current basis, J0, λ, λ_max, the slopes, P(w), t, exact zeros,
and the scikit-learn equivalents of the penalties. Every string is in the string table
(:mod:`components.i18n`), in English and 中文.
"""

from __future__ import annotations

from html import escape

from geometry.basis import BASES

from .i18n import normalize_lang, table, text

__all__ = ["COLUMN_KEYS", "column_titles", "basis_label", "feature_name", "glossary_html", "STRINGS"]

#: The table's columns, each as a key of the string table (``glossary.head_<key>``, ``glossary.title_<key>``).
COLUMN_KEYS: tuple[str, ...] = ("w1", "w2", "zeros", "j0", "penalty", "t", "lam")

#: this module's strings, keyed as the string table's (:func:`components.i18n.text`)
STRINGS: dict[str, dict[str, str]] = {
    "glossary.summary": {"en": "What the symbols mean", "zh": "符号的含义"},
    "glossary.head_w1": {"en": "w₁", "zh": "w₁"},
    "glossary.head_w2": {"en": "w₂", "zh": "w₂"},
    "glossary.head_zeros": {"en": "exact zeros", "zh": "恰为 0 的个数"},
    "glossary.head_j0": {"en": "J0", "zh": "J0"},
    "glossary.head_penalty": {"en": "penalty P(w)", "zh": "惩罚 P(w)"},
    "glossary.head_t": {"en": "t (region size)", "zh": "t（区域大小）"},
    "glossary.head_lam": {"en": "λ", "zh": "λ"},
    "glossary.title_w1": {
        "en": "weight of the first feature φ₁ at the region's touch point",
        "zh": "区域切点处第一个特征 φ₁ 的权重",
    },
    "glossary.title_w2": {
        "en": "weight of the second feature φ₂ at the region's touch point",
        "zh": "区域切点处第二个特征 φ₂ 的权重",
    },
    "glossary.title_zeros": {
        "en": "how many weights are exactly 0.0, not merely small",
        "zh": "恰好等于 0.0（而不只是很小）的权重个数",
    },
    "glossary.title_j0": {
        "en": "the loss J0(w) = 1/(2n)‖y − Xw − b‖² at the touch point (b fitted, never penalized)",
        "zh": "切点处的损失 J0(w) = 1/(2n)‖y − Xw − b‖²（b 参与拟合，从不受惩罚）",
    },
    "glossary.title_penalty": {
        "en": "L1: ‖w‖₁ = |w₁| + |w₂|;  L2: ‖w‖₂² = w₁² + w₂²;  elastic net: r‖w‖₁ + (1−r)‖w‖₂²",
        "zh": "L1：‖w‖₁ = |w₁| + |w₂|；L2：‖w‖₂² = w₁² + w₂²；弹性网络：r‖w‖₁ + (1−r)‖w‖₂²",
    },
    "glossary.title_t": {
        "en": "where the region drawn through the touch point crosses the axes: t = ‖w‖₁ for the diamond, the "
        "radius t = ‖w‖₂ for the circle (so its P = t²), and for the elastic net the t with r·t + (1−r)·t² = "
        "r‖w‖₁ + (1−r)‖w‖₂²",
        "zh": "经过切点所画的区域与坐标轴的交点：菱形为 t = ‖w‖₁，圆为半径 t = ‖w‖₂（所以它的 P = t²），弹性网络则是"
        "满足 r·t + (1−r)·t² = r‖w‖₁ + (1−r)‖w‖₂² 的 t",
    },
    "glossary.title_lam": {
        "en": "the penalty's weight: each region's optimum minimises J0(w) + λ·P(w)",
        "zh": "惩罚的权重：每个区域的最优解使 J0(w) + λ·P(w) 最小",
    },
    "glossary.features_shape": {
        "en": "w₁, w₂: the weights of {first} and {second}. In loss-shape mode there is no data: you set J0's "
        "ellipse directly.",
        "zh": "w₁、w₂：{first} 和 {second} 的权重。损失形状模式下没有数据：你直接设定 J0 的椭圆。",
    },
    "glossary.features_rho": {
        "en": "φ₁, φ₂ are {label} (set ρ in the data panel)",
        "zh": "φ₁、φ₂ 是{label}（在数据面板中设置 ρ）",
    },
    "glossary.features_named": {"en": "φ₁ = {first}, φ₂ = {second}", "zh": "φ₁ = {first}，φ₂ = {second}"},
    "glossary.features": {
        "en": "w₁, w₂: the weights in ŷ = b + w₁φ₁(x) + w₂φ₂(x), where {which}; the intercept b is fitted, never "
        "penalized.",
        "zh": "w₁、w₂：ŷ = b + w₁φ₁(x) + w₂φ₂(x) 中的权重，其中 {which}；截距 b 参与拟合，但从不受惩罚。",
    },
    "glossary.j0": {
        "en": "J0(w) = 1/(2n)‖y − Xw − b‖²: the loss, half the mean squared error over the n points. Its "
        "contours are the ellipses; their centre is the OLS point (λ = 0).",
        "zh": "J0(w) = 1/(2n)‖y − Xw − b‖²：损失，即 n 个点上均方误差的一半。它的等高线就是这些椭圆；椭圆的中心是 "
        "OLS 点（λ = 0）。",
    },
    "glossary.lam": {
        "en": "λ: the penalty's weight; each region's optimum minimises J0(w) + λ·P(w). λ_max = ‖Xcᵀyc‖∞/n "
        "(Xc, yc the centred data) = the largest |∂J0/∂wᵢ| at w = 0: for λ ≥ λ_max the lasso's weights are both 0.",
        "zh": "λ：惩罚的权重；每个区域的最优解使 J0(w) + λ·P(w) 最小。λ_max = ‖Xcᵀyc‖∞/n（Xc、yc 为中心化后的"
        "数据）= w = 0 处最大的 |∂J0/∂wᵢ|：当 λ ≥ λ_max 时，Lasso 的两个权重都为 0。",
    },
    "glossary.slope": {
        "en": "∂J0/∂wᵢ: the slope of the loss along wᵢ at the touch point.",
        "zh": "∂J0/∂wᵢ：切点处损失沿 wᵢ 方向的斜率。",
    },
    "glossary.penalty": {
        "en": "P(w): the penalty, ‖w‖₁ = |w₁| + |w₂| for L1, ‖w‖₂² = w₁² + w₂² for L2, r‖w‖₁ + (1−r)‖w‖₂² for "
        "the elastic net with mix r.",
        "zh": "P(w)：惩罚项，L1 为 ‖w‖₁ = |w₁| + |w₂|，L2 为 ‖w‖₂² = w₁² + w₂²，混合比为 r 的弹性网络为 "
        "r‖w‖₁ + (1−r)‖w‖₂²。",
    },
    "glossary.t": {"en": "t: {title}.", "zh": "t：{title}。"},
    "glossary.zeros": {"en": "exact zeros: {title}.", "zh": "恰为 0 的个数：{title}。"},
    "glossary.sklearn": {
        "en": "In scikit-learn: L1 is Lasso(alpha=λ), L2 is Ridge(alpha=2nλ), the elastic net is "
        "ElasticNet(alpha=(2−r)λ, l1_ratio=r/(2−r)).",
        "zh": "在 scikit-learn 中：L1 是 Lasso(alpha=λ)，L2 是 Ridge(alpha=2nλ)，弹性网络是 "
        "ElasticNet(alpha=(2−r)λ, l1_ratio=r/(2−r))。",
    },
}


def column_titles(lang: str = "en") -> dict[str, str]:
    """The table's column heads in ``lang``, each with what it means (the ``title`` a pointer shows)."""
    return {text(f"glossary.head_{key}", lang): text(f"glossary.title_{key}", lang) for key in COLUMN_KEYS}


def basis_label(key: str, lang: str = "en") -> str:
    """What the basis chooser shows for the basis ``key`` of :data:`geometry.basis.BASES` in ``lang``
    (the basis' own English label when the string table has none for it)."""
    entry = table().get(f"basis.{key}")
    return entry[normalize_lang(lang)] if entry else BASES[key].label


def feature_name(name: str, lang: str = "en") -> str:
    """A feature's name as a reader of ``lang`` reads it: names that are words (``"x again"``,
    ``"feature 1"``) are translated, formulas (``"x²"``, ``"sin πx"``) stay as they are."""
    entry = table().get(f"feature.{name}")
    return entry[normalize_lang(lang)] if entry else name


def _features(scene: dict, lang: str) -> str:
    """Which two features the weights belong to, for the current basis (or loss-shape mode)."""
    names = tuple(scene.get("feature_names") or ("feature 1", "feature 2"))
    first, second = (feature_name(name, lang) for name in names)
    if scene.get("source") == "shape":
        return text("glossary.features_shape", lang, first=first, second=second)
    key = next((key for key, spec in BASES.items() if tuple(spec.feature_names) == names), None)
    if key is not None and BASES[key].uses_rho:
        which = text("glossary.features_rho", lang, label=basis_label(key, lang))
    else:
        which = text("glossary.features_named", lang, first=first, second=second)
    return text("glossary.features", lang, which=which)


def glossary_html(scene: dict, lang: str | None = None) -> str:
    """A collapsed ``<details>`` that defines every symbol the readout uses and gives the
    conventions with their scikit-learn equivalents (``lang``: by default the scene's)."""
    lang = normalize_lang(lang if lang is not None else scene.get("lang"))
    items = [
        _features(scene, lang),
        text("glossary.j0", lang),
        text("glossary.lam", lang),
        text("glossary.slope", lang),
        text("glossary.penalty", lang),
        text("glossary.t", lang, title=text("glossary.title_t", lang)),
        text("glossary.zeros", lang, title=text("glossary.title_zeros", lang)),
        text("glossary.sklearn", lang),
    ]
    body = "".join(f"<li>{escape(item)}</li>" for item in items)
    return (
        f'<details class="readout-glossary" id="readout-glossary"><summary>{escape(text("glossary.summary", lang))}'
        f"</summary><ul>{body}</ul></details>"
    )
