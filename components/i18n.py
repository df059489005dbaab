"""Every string a user reads, in English and 中文: one table, looked up by key.

``text(key, lang, **fields)`` returns the string for ``key`` in ``lang`` (``"en"`` or ``"zh"``)
with ``str.format`` fields filled in. The table is :data:`STRINGS` here plus the ``STRINGS``
dict of each module in :data:`PART_MODULES` (strings kept beside the one module that uses
them); keys are unique across the parts, and every key has both languages
(``tests/test_i18n.py``).
"""

from __future__ import annotations

import functools
import importlib

__all__ = ["LANGS", "DEFAULT_LANG", "STRINGS", "PART_MODULES", "normalize_lang", "table", "text"]

LANGS: tuple[str, ...] = ("en", "zh")
DEFAULT_LANG = "en"

#: ``{key: {"en": ..., "zh": ...}}``
STRINGS: dict[str, dict[str, str]] = {}

#: modules whose own ``STRINGS`` dict is part of the table
PART_MODULES: tuple[str, ...] = ()


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
