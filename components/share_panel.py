"""Share and presets: the address bar mirrors the whole state; preset and language choosers.

The panel sits in the page's header:

- :data:`URL` (``dcc.Location``, ``refresh=True``): choosing a preset (:data:`PRESET_DROPDOWN`)
  or a language (:data:`LANGUAGE_TOGGLE`) loads the new link (``share_panel.navigate``): a
  preset keeps the language and presenter mode, a language keeps the whole state;
- :data:`URL_MESSAGE`: one note per parameter of the link that was not used
  (:func:`authoring.url_state.page_for_query`), shown as the page opens;
- :data:`COPY_LINK` (``dcc.Clipboard``): copies the link of the current state, its ``content``.

The address bar follows the state in the browser, without a request: ``share_panel.mirror``
encodes ``lab-state``, ``view-store`` (λ at rest, never each step), the generator's boxes and
presenter mode with the same rule as :func:`authoring.url_state.encode` and puts the result in
the address bar with ``history.replaceState`` (``assets/share_panel.js``). Presenter mode is
read from the class ``presenting`` of the page's top element when the link is written; a change
of that class is seen by itself (a ``MutationObserver``), and ``lab.share.refresh()`` writes the
link again on demand.

The server builds a page from its link (:func:`authoring.url_state.page_for_query`): Dash's
layout request carries the page's query, which ``assets/share_panel.js`` appends to it
(``app.py`` falls back to the request's ``Referer``).
"""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html

from authoring.presets import PRESETS
from authoring.url_state import share_defaults

from .data_panel import GENERATOR_BOXES
from .i18n import text
from .stores import LAB_STATE, SCENE_STORE, VIEW_STORE

__all__ = [
    "URL",
    "PRESET_DROPDOWN",
    "LANGUAGE_TOGGLE",
    "URL_MESSAGE",
    "COPY_LINK",
    "LANGUAGE_NAMES",
    "STRINGS",
    "script_config",
    "layout",
    "register_callbacks",
]

URL = "url"
PRESET_DROPDOWN = "preset-dropdown"
LANGUAGE_TOGGLE = "language-toggle"
URL_MESSAGE = "url-message"
COPY_LINK = "copy-link"

#: each language's name, written in that language
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "zh": "中文"}

STRINGS: dict[str, dict[str, str]] = {
    "share.presets": {"en": "Presets…", "zh": "预设…"},
    "share.copy": {"en": "Copy the link to this view", "zh": "复制此视图的链接"},
}


def script_config() -> dict:
    """What ``assets/share_panel.js`` needs to encode a link as :func:`authoring.url_state.encode`
    does: the defaults it leaves out (:func:`authoring.url_state.share_defaults`)."""
    return share_defaults()


def layout(page) -> list:
    """The panel's components for a page (``page``: :class:`authoring.url_state.PageState`)."""
    lang = page.lang
    return [
        html.Div(
            className="share-panel",
            children=[
                dcc.Location(id=URL, refresh=True),
                dcc.Dropdown(
                    id=PRESET_DROPDOWN,
                    options=[
                        {"label": preset.title(lang), "value": name, "title": preset.promise(lang)}
                        for name, preset in PRESETS.items()
                    ],
                    value=None,
                    placeholder=text("share.presets", lang),
                    clearable=False,
                    searchable=False,
                    className="preset-dropdown",
                ),
                dcc.RadioItems(
                    id=LANGUAGE_TOGGLE,
                    options=[{"label": name, "value": key} for key, name in LANGUAGE_NAMES.items()],
                    value=lang,
                    inline=True,
                    className="language-toggle",
                ),
                dcc.Clipboard(id=COPY_LINK, title=text("share.copy", lang), className="copy-link"),
                html.Div(
                    id=URL_MESSAGE,
                    className="message url-message",
                    role="status",
                    children="\n".join(page.notes),
                ),
            ],
        )
    ]


def register_callbacks(app: Dash) -> None:
    """The mirror into the address bar (its output: the copy button's link) and the navigation."""
    boxes = [State(box, "value") for box in GENERATOR_BOXES]
    app.clientside_callback(
        ClientsideFunction(namespace="share_panel", function_name="mirror"),
        Output(COPY_LINK, "content"),
        Input(LAB_STATE, "data"),
        Input(VIEW_STORE, "data"),
        *(Input(box, "value") for box in GENERATOR_BOXES),
        State(SCENE_STORE, "data"),
    )
    app.clientside_callback(
        ClientsideFunction(namespace="share_panel", function_name="navigate"),
        Output(URL, "href"),
        Output(URL, "search"),
        Input(PRESET_DROPDOWN, "value"),
        Input(LANGUAGE_TOGGLE, "value"),
        State(LAB_STATE, "data"),
        State(VIEW_STORE, "data"),
        State(SCENE_STORE, "data"),
        *boxes,
        prevent_initial_call=True,
    )
