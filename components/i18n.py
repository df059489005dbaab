"""Every string a user reads, in English and 中文: one table, looked up by key.

``text(key, lang, **fields)`` returns the string for ``key`` in ``lang`` (``"en"`` or ``"zh"``)
with ``str.format`` fields filled in. The table is :data:`STRINGS` here plus the ``STRINGS``
dict of each module in :data:`PART_MODULES`: a module's strings live beside it, keyed
``<prefix>.<name>`` (``readout.*`` in :mod:`components.readout_sentences`, ``lambda.*`` in
:mod:`components.lambda_control`, ...), including the strings its script in ``assets/``
writes with ``lab.text``. Keys are unique across the parts, and every key has both languages
(``tests/test_i18n.py``). The part modules are imported on the first lookup, not here: a part
module imports :func:`text` from this module.
"""

from __future__ import annotations

import functools
import importlib

__all__ = ["LANGS", "DEFAULT_LANG", "STRINGS", "PART_MODULES", "normalize_lang", "table", "text"]

LANGS: tuple[str, ...] = ("en", "zh")
DEFAULT_LANG = "en"

#: ``{key: {"en": ..., "zh": ...}}``: the strings that belong to no single module: the page's own
#: (app.py), the regions' and bases' names and the words shared by several panels and scripts;
#: simplified Chinese, the maths symbols as in English (as in every part).
STRINGS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ the page (app.py)
    "page.title": {"en": "Regularization Geometry Lab", "zh": "正则化几何实验室"},
    "page.intro": {
        "en": "Loss contours J0(w) of a linear regression meet the L1 diamond and the L2 circle. Drag λ and "
        "watch where they first touch: the diamond's corners make L1 weights exactly 0.",
        "zh": "线性回归的损失等高线 J0(w) 与 L1 菱形和 L2 圆相遇。拖动 λ，观察它们首次相切的位置：菱形的尖角"
        "使 L1 的权重恰好为 0。",
    },
    "page.data": {"en": "Data", "zh": "数据"},
    "page.readout": {"en": "Readout", "zh": "读数"},
    # ------------------------------------------------------------------ shared by several panels
    "region.l1": {"en": "L1 (lasso)", "zh": "L1（Lasso）"},
    "region.l2": {"en": "L2 (ridge)", "zh": "L2（岭回归）"},
    "region.elasticnet": {"en": "Elastic net", "zh": "弹性网络"},
    "region.lp": {"en": "p-norm ball (p = {p})", "zh": "p 范数球（p = {p}）"},
    "input.comma": {
        "en": "Type a decimal point, not a comma: 0.5, not 0,5.",
        "zh": "请输入小数点，不要用逗号：写 0.5，而不是 0,5。",
    },
    "basis.x-x2": {"en": "x and x²", "zh": "x 与 x²"},
    "basis.x-x3": {"en": "x and x³ (correlated)", "zh": "x 与 x³（相关）"},
    "basis.correlated": {"en": "two features with correlation ρ", "zh": "相关系数为 ρ 的两个特征"},
    "basis.sin-cos": {"en": "sin(πx) and cos(πx)", "zh": "sin(πx) 与 cos(πx)"},
    "basis.duplicated": {"en": "x twice (duplicated feature)", "zh": "x 两次（重复的特征）"},
    # names of features that are words, not formulas (geometry/basis.py, components/stores.py)
    "feature.x again": {"en": "x again", "zh": "x（副本）"},
    "feature.feature 1": {"en": "feature 1", "zh": "特征 1"},
    "feature.feature 2": {"en": "feature 2", "zh": "特征 2"},
}

#: modules whose own ``STRINGS`` dict is part of the table
PART_MODULES: tuple[str, ...] = (
    "components.penalty_control",
    "components.lambda_control",
    "components.weight_plane",
    "components.plane_traces",
    "components.plane_styles",
    "components.legend",
    "components.data_panel",
    "components.data_figure",
    "components.data_edit",
    "components.problem_strings",
    "components.glossary",
    "components.readout_sentences",
    "components.classroom_panel",
    "components.dataset_panel",
    "components.sklearn_panel",
    "authoring.sklearn_code",
    "authoring.export",
    "components.export_panel",
    "authoring.url_state",
    "authoring.presets",
    "components.share_panel",
    "components.path_panel",
    "components.path_figure",
    "components.kink_panel",
    "components.kink_figure",
    "components.kink_sentences",
    "components.norm_panel",
    "components.group_panel",
    "components.group_figure",
    "components.optimizer_panel",
    "components.minibatch_panel",
    "components.minibatch_figure",
    "components.sparsity_panel",
    "components.sparsity_figure",
    "components.comparison_panel",
)


def normalize_lang(value) -> str:
    """``value`` if it names a language of the table, else :data:`DEFAULT_LANG`."""
    return value if isinstance(value, str) and value in LANGS else DEFAULT_LANG


@functools.cache
def table() -> dict[str, dict[str, str]]:
    """The whole table: :data:`STRINGS` and every part's.

    Raises
    ------
    ValueError
        When two parts define the same key.
    """
    merged = dict(STRINGS)
    for name in PART_MODULES:
        part = importlib.import_module(name).STRINGS
        clash = sorted(set(part) & set(merged))
        if clash:
            raise ValueError(f"string keys defined twice ({name}): {', '.join(clash)}")
        merged.update(part)
    return merged


def text(key: str, lang: str = DEFAULT_LANG, /, **fields) -> str:
    """The string ``key`` in ``lang`` (English for an unknown language), formatted with ``fields``.

    Raises
    ------
    KeyError
        For a key the table does not have (a programming error, caught by the tests).
    """
    entry = table()[key]
    return entry[normalize_lang(lang)].format(**fields) if fields else entry[normalize_lang(lang)]
