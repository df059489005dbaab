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

__all__ = ["COLUMN_KEYS", "column_titles", "basis_label", "feature_name", "glossary_html"]

#: The table's columns, each as a key of the string table (``glossary.head_<key>``, ``glossary.title_<key>``).
COLUMN_KEYS: tuple[str, ...] = ("w1", "w2", "zeros", "j0", "penalty", "t", "lam")


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
