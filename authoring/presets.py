"""Presets: named, reproducible states of the lab, each a link's query string.

A preset sets every control at once: whatever its query does not give is at its default
(:mod:`authoring.url_state`). A link ``?preset=<name>`` opens it, and further parameters of the
link override it (``?preset=correlated&lang=zh``). Each preset says what the readout will show
(``promise``) and, for the tests, how many weights of each shown touch point are exactly 0
(``zeros``); ``tests/test_presets.py`` checks both against the geometry.

To add a preset: one :class:`Preset` in :data:`PRESETS` (in the order the chooser lists them)
and its title and promise in :data:`STRINGS`, in English and 中文.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from components.i18n import DEFAULT_LANG, text

__all__ = ["Preset", "PRESETS", "STRINGS", "preset_query"]


@dataclass(frozen=True)
class Preset:
    """A named state of the lab.

    Attributes
    ----------
    name : str
        Stable kebab-case key (``?preset=<name>``).
    query : str
        The query string of its state (:func:`authoring.url_state.page_for_query` reads it).
    zeros : dict
        For each region the preset shows (``"l1"``, ``"l2"``, ``"en"``, ``"lp"``), how many of
        its touch point's two weights are exactly 0.
    title_key, promise_key : str
        Keys of its title and of what the readout shows, in :func:`components.i18n.text`.
    """

    name: str
    query: str
    zeros: dict = field(default_factory=dict)
    title_key: str = ""
    promise_key: str = ""

    def title(self, lang: str = DEFAULT_LANG) -> str:
        """The preset's title in ``lang``."""
        return text(self.title_key, lang)

    def promise(self, lang: str = DEFAULT_LANG) -> str:
        """What the readout shows for the preset, in ``lang``."""
        return text(self.promise_key, lang)


def _preset(name: str, query: str, **zeros: int) -> Preset:
    return Preset(name=name, query=query, zeros=zeros, title_key=f"preset.{name}", promise_key=f"preset.{name}.promise")


#: The presets, in the order the chooser lists them.
PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        # the default data at λ = 0.9 ≈ 0.6 λ_max: the lasso sits on a corner
        _preset("classic", "lam=0.9", l1=1, l2=0),
        # ρ = 0.95, y made mostly by φ₁: the lasso holds w₂ = 0 for λ in [0.76, 1.31], ridge
        # shrinks the small-eigenvalue direction φ₁ − φ₂ away and keeps w₁ ≈ w₂
        _preset("correlated", "lam=1&rho=0.95&gen=30_1_0.2_0.25_12", l1=1, l2=0),
        # x twice: J0 depends on w₁ + w₂ only, the contours are lines parallel to the diamond's
        # edge, and every point of that edge is a lasso optimum (the solver reports its middle)
        _preset("duplicated", "lam=0.2&basis=duplicated", l1=0, l2=0),
        # λ = 3 ≈ 2 λ_max (the default data's λ_max ≈ 1.51) and r·λ = 2.4 ≥ λ_max
        _preset("lambda-max", "lam=3&show=l1_en&r=0.8", l1=2, en=2),
        # ρ = 0: orthonormal features over evenly spread x, H ≈ I; OLS near the diagonal
        _preset("round", "lam=0.5&rho=0&gen=50_1_1_0.25_3", l1=0, l2=0),
        # constrained, one t = 0.6 for the three nested regions
        _preset("elastic-net", "lam=0.6&mode=constrained&show=l1_l2_en", l1=1, l2=0, en=0),
        # the default data at λ = 0.24 ≈ 0.16 λ_max: the lasso keeps both weights (it does for λ
        # below ≈ 0.1 λ_max ... 0.42 λ_max), the p = 0.5 ball of the same intercept has its global
        # touch point on the w₁ axis
        _preset("p-below-1", "lam=0.24&show=l1_lp", l1=0, lp=1),
    )
}

STRINGS: dict[str, dict[str, str]] = {
    "preset.classic": {"en": "Classic: diamond vs circle", "zh": "经典：菱形与圆"},
    "preset.classic.promise": {
        "en": "The lasso touches the diamond at a corner: w₂ is exactly 0. Ridge keeps both weights non-zero.",
        "zh": "套索（L1）在菱形的角上相切：w₂ 恰好为 0。岭回归（L2）的两个权重都不为 0。",
    },
    "preset.correlated": {"en": "Strongly correlated features (ρ = 0.95)", "zh": "强相关特征（ρ = 0.95）"},
    "preset.correlated.promise": {
        "en": "Ridge splits the weight between the two features (w₁ ≈ w₂); the lasso picks one and sets the other "
        "exactly to 0.",
        "zh": "岭回归把权重分给两个特征（w₁ ≈ w₂）；套索只选其中一个，另一个恰好为 0。",
    },
    "preset.duplicated": {"en": "Exactly duplicated features", "zh": "完全重复的特征"},
    "preset.duplicated.promise": {
        "en": "The feature x appears twice: the contours run parallel to an edge of the diamond, so the whole "
        "edge (drawn thick) is optimal and the lasso's answer is not unique. Ridge's answer is unique and "
        "splits the weight equally.",
        "zh": "特征 x 出现两次：等高线与菱形的一条边平行，整条边（粗线）都是最优解，Lasso 的解不唯一。"
        "岭回归的解唯一，并把权重平分给两个特征。",
    },
    "preset.lambda-max": {"en": "λ ≥ λ_max: everything exactly zero", "zh": "λ ≥ λ_max：全部恰好为零"},
    "preset.lambda-max.promise": {
        "en": "λ = 3 ≥ λ_max: the lasso's and the elastic net's (r·λ ≥ λ_max) touch points are exactly (0, 0). "
        "Ridge is not shown: it never reaches exactly 0.",
        "zh": "λ = 3 ≥ λ_max：套索与弹性网（r·λ ≥ λ_max）的切点恰好是 (0, 0)。未显示岭回归：它永远不会恰好为 0。",
    },
    "preset.round": {"en": "Nearly circular loss", "zh": "近似圆形的损失"},
    "preset.round.promise": {
        "en": "Uncorrelated features of equal spread make the contours nearly circles: the L1 and L2 touch points "
        "almost coincide, and neither has a zero weight.",
        "zh": "两个特征不相关且分布相同，等高线几乎是圆：L1 与 L2 的切点几乎重合，且都没有为 0 的权重。",
    },
    "preset.elastic-net": {"en": "Elastic net between L1 and L2", "zh": "介于 L1 与 L2 之间的弹性网"},
    "preset.elastic-net.promise": {
        "en": "One budget t for all three regions: the elastic net (r = 0.5) lies between the diamond and the "
        "circle, and so does its loss J0 at the touch point.",
        "zh": "三个区域使用同一个预算 t：弹性网（r = 0.5）夹在菱形与圆之间，其切点处的损失 J0 也介于两者之间。",
    },
    "preset.p-below-1": {"en": "p < 1: sparser than the lasso", "zh": "p < 1：比套索更稀疏"},
    "preset.p-below-1.promise": {
        "en": "At this λ the lasso keeps both weights non-zero, but the p = 0.5 ball of the same intercept is not "
        "convex: its global touch point lies on an axis, with one weight exactly 0.",
        "zh": "在这个 λ 下，套索的两个权重都不为 0；而截距相同的 p = 0.5 球不是凸的：它的全局切点在坐标轴上，"
        "有一个权重恰好为 0。",
    },
}


def preset_query(name: str) -> str:
    """The query string of the preset ``name``.

    Raises
    ------
    ValueError
        For a name that is not a preset; the message lists the presets.
    """
    if not isinstance(name, str) or name not in PRESETS:
        raise ValueError(f"unknown preset {name!r}; the presets are: {', '.join(PRESETS)}")
    return PRESETS[name].query
