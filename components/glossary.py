"""The readout's definitions: what each column of its table means, and the glossary of symbols.

The glossary is a collapsed ``<details>`` inside the readout's one Markdown (no component of
its own): the features of the current basis, J0, λ, λ_max, the slopes, P(w), t, exact zeros,
and the scikit-learn equivalents of the penalties.
"""

from __future__ import annotations

from html import escape

from geometry.basis import BASES

__all__ = ["COLUMN_TITLES", "glossary_html"]

#: The table's column heads and what each means (the ``title`` a pointer shows).
COLUMN_TITLES: dict[str, str] = {
    "w₁": "weight of the first feature φ₁ at the region's touch point",
    "w₂": "weight of the second feature φ₂ at the region's touch point",
    "exact zeros": "how many weights are exactly 0.0, not merely small",
    "J0": "the loss J0(w) = 1/(2n)‖y − Xw − b‖² at the touch point (b fitted, never penalized)",
    "penalty P(w)": "L1: ‖w‖₁ = |w₁| + |w₂|;  L2: ‖w‖₂² = w₁² + w₂²;  elastic net: r‖w‖₁ + (1−r)‖w‖₂²",
    "t (region size)": (
        "where the region drawn through the touch point crosses the axes: t = ‖w‖₁ for the diamond, the radius "
        "t = ‖w‖₂ for the circle (so its P = t²), and for the elastic net the t with r·t + (1−r)·t² = "
        "r‖w‖₁ + (1−r)‖w‖₂²"
    ),
    "λ": "the penalty's weight: each region's optimum minimises J0(w) + λ·P(w)",
}


def _features(scene: dict) -> str:
    """Which two features the weights belong to, for the current basis (or loss-shape mode)."""
    names = tuple(scene.get("feature_names") or ("feature 1", "feature 2"))
    if scene.get("source") == "shape":
        return (
            f"w₁, w₂: the weights of {names[0]} and {names[1]}. In loss-shape mode there is no data: "
            "you set J0's ellipse directly."
        )
    spec = next((spec for spec in BASES.values() if tuple(spec.feature_names) == names), None)
    if spec is not None and spec.uses_rho:
        which = f"φ₁, φ₂ are {spec.label} (set ρ in the data panel)"
    else:
        which = f"φ₁ = {names[0]}, φ₂ = {names[1]}"
    return (
        f"w₁, w₂: the weights in ŷ = b + w₁φ₁(x) + w₂φ₂(x), where {which}; the intercept b is fitted, never penalized."
    )


def glossary_html(scene: dict) -> str:
    """A collapsed ``<details>`` that defines every symbol the readout uses and gives the
    conventions with their scikit-learn equivalents."""
    items = [
        _features(scene),
        "J0(w) = 1/(2n)‖y − Xw − b‖²: the loss, half the mean squared error over the n points. Its "
        "contours are the ellipses; their centre is the OLS point (λ = 0).",
        "λ: the penalty's weight; each region's optimum minimises J0(w) + λ·P(w). λ_max = ‖Xcᵀyc‖∞/n "
        "(Xc, yc the centred data) = the largest |∂J0/∂wᵢ| at w = 0: for λ ≥ λ_max the lasso's weights are both 0.",
        "∂J0/∂wᵢ: the slope of the loss along wᵢ at the touch point.",
        "P(w): the penalty, ‖w‖₁ = |w₁| + |w₂| for L1, ‖w‖₂² = w₁² + w₂² for L2, r‖w‖₁ + (1−r)‖w‖₂² for the "
        "elastic net with mix r.",
        f"t: {COLUMN_TITLES['t (region size)']}.",
        f"exact zeros: {COLUMN_TITLES['exact zeros']}.",
        "In scikit-learn: L1 is Lasso(alpha=λ), L2 is Ridge(alpha=2nλ), the elastic net is "
        "ElasticNet(alpha=(2−r)λ, l1_ratio=r/(2−r)).",
    ]
    body = "".join(f"<li>{escape(item)}</li>" for item in items)
    return (
        '<details class="readout-glossary" id="readout-glossary"><summary>What the symbols mean</summary>'
        f"<ul>{body}</ul></details>"
    )
