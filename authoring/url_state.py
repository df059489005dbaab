"""The lab's whole state in a URL query string, and back (stub: defaults only)."""

from __future__ import annotations

from dataclasses import dataclass, field

from components.i18n import DEFAULT_LANG
from components.problem import GENERATOR_DEFAULTS, default_state
from components.view import initial_view

__all__ = ["PageState", "page_for_query"]


@dataclass
class PageState:
    """What a page opens with: the problem, the generator's boxes, the view, language, presenter mode.

    ``notes``: one message per parameter of the query that was not used (unknown, malformed),
    in the page's language.
    """

    state: dict
    generator: dict
    view: dict
    lang: str = DEFAULT_LANG
    present: bool = False
    notes: list[str] = field(default_factory=list)


def page_for_query(query) -> PageState:
    """The page a query string (or a mapping of its parameters) opens."""
    generator = {key: GENERATOR_DEFAULTS[key] for key in ("n", "true_w", "noise", "seed")}
    return PageState(state=default_state(), generator=generator, view=initial_view())
