"""Classroom: play (a λ sweep in the browser), presenter mode and keyboard shortcuts.

Placed right after the λ control. Everything here runs in the browser
(``assets/classroom_panel.js``); the panel has no callback of its own:

- **Play** (:data:`PLAY_BUTTON`, a toggle button with ``aria-pressed``) sweeps the λ slider from
  its top to its bottom and back, by writing the slider's value as a drag would, one new
  position once the weight plane has drawn the last; :data:`PLAY_SPEED` is the time of one
  sweep in seconds. Grabbing the slider, typing in the λ box or pressing the button stops it.
- **Presenter mode** (:data:`PRESENTER_TOGGLE`; ``?present=1`` opens the page in it) puts the
  class ``presenting`` on the page's top element: large type, thick lines, secondary controls
  hidden (``assets/lab.css``), and the keyboard shortcuts of :data:`KEYS`, listed on the page
  (:data:`CLASSROOM_KEYS`; ``k`` or ``?`` hides and shows the list).

Space plays and pauses everywhere on the page (except where space has its own meaning: in a
box, on a button, a checkbox, a radio button or a slider); the other shortcuts work in
presenter mode only, and none while typing in a box.
"""

from __future__ import annotations

from dash import Dash, dcc, html

from components.i18n import text

__all__ = [
    "PLAY_BUTTON",
    "PLAY_SPEED",
    "PRESENTER_TOGGLE",
    "CLASSROOM_KEYS",
    "SWEEP_SECONDS",
    "KEYS",
    "STRINGS",
    "layout",
    "register_callbacks",
]

PLAY_BUTTON = "play-button"
PLAY_SPEED = "play-speed"
PRESENTER_TOGGLE = "presenter-toggle"
CLASSROOM_KEYS = "classroom-keys"

#: seconds for one sweep of the whole slider (top to bottom) at each speed
SWEEP_SECONDS: dict[str, int] = {"slow": 12, "normal": 6, "fast": 3}
#: the shortcuts, in the order the key list shows them (keys of STRINGS "classroom.key.<name>")
KEYS: tuple[str, ...] = ("arrows", "space", "one", "two", "three", "four", "p", "k")

STRINGS: dict[str, dict[str, str]] = {
    "classroom.play": {"en": "▶ Play", "zh": "▶ 播放"},
    "classroom.pause": {"en": "❚❚ Pause", "zh": "❚❚ 暂停"},
    "classroom.play_name": {"en": "Play: sweep λ", "zh": "播放：扫动 λ"},
    "classroom.play_title": {
        "en": "Sweep λ from large to small and back (space bar)",
        "zh": "让 λ 从大到小再回来往复扫动（空格键）",
    },
    "classroom.speed": {"en": "Speed", "zh": "速度"},
    "classroom.speed.slow": {"en": "slow", "zh": "慢"},
    "classroom.speed.normal": {"en": "normal", "zh": "中"},
    "classroom.speed.fast": {"en": "fast", "zh": "快"},
    "classroom.present": {"en": "Presenter mode", "zh": "演示模式"},
    "classroom.present_title": {
        "en": "Large type and thick lines for a projector; keyboard shortcuts",
        "zh": "为投影仪放大字体、加粗线条；启用快捷键",
    },
    "classroom.keys_title": {"en": "Keys:", "zh": "快捷键："},
    "classroom.key.arrows": {"en": "← → λ", "zh": "← → 调 λ"},
    "classroom.key.space": {"en": "space play/pause", "zh": "空格 播放/暂停"},
    "classroom.key.one": {"en": "1 L1", "zh": "1 只看 L1"},
    "classroom.key.two": {"en": "2 L2", "zh": "2 只看 L2"},
    "classroom.key.three": {"en": "3 both", "zh": "3 两者"},
    "classroom.key.four": {"en": "4 p‑norm ball", "zh": "4 p 范数球"},  # kept on one line
    "classroom.key.p": {"en": "p penalized/constrained", "zh": "p 惩罚/约束"},
    "classroom.key.k": {"en": "k or ? this list", "zh": "k 或 ? 显示/隐藏本列表"},
}


def key_list(lang: str) -> str:
    """The on-screen key list: one short line of plain text."""
    return " ".join([text("classroom.keys_title", lang), " · ".join(text(f"classroom.key.{k}", lang) for k in KEYS)])


def layout(page) -> list:
    """The play button, its speed, the presenter toggle and the key list, for a page
    (``page``: :class:`authoring.url_state.PageState`; ``page.present`` starts in presenter mode).

    The play button's visible label (▶ Play / ❚❚ Pause) is drawn by CSS from its ``data-play``
    and ``data-pause`` attributes after its ``aria-pressed``; its accessible name stays the same.
    """
    lang = page.lang
    return [
        html.Div(
            className="classroom",
            children=[
                html.Button(
                    id=PLAY_BUTTON,
                    className="button play-button",
                    title=text("classroom.play_title", lang),
                    **{
                        "aria-pressed": "false",
                        "aria-label": text("classroom.play_name", lang),
                        "data-play": text("classroom.play", lang),
                        "data-pause": text("classroom.pause", lang),
                    },
                ),
                text("classroom.speed", lang),
                dcc.RadioItems(
                    id=PLAY_SPEED,
                    options=[
                        {"label": text(f"classroom.speed.{name}", lang), "value": seconds}
                        for name, seconds in SWEEP_SECONDS.items()
                    ],
                    value=SWEEP_SECONDS["normal"],
                    inline=True,
                    className="play-speed",
                ),
                html.Button(
                    text("classroom.present", lang),
                    id=PRESENTER_TOGGLE,
                    className="button presenter-toggle",
                    title=text("classroom.present_title", lang),
                    **{"aria-pressed": "true" if page.present else "false"},
                ),
                html.Div(key_list(lang), id=CLASSROOM_KEYS, className="classroom-keys", hidden=False),
            ],
        )
    ]


def register_callbacks(app: Dash) -> None:
    """None: the panel lives in the browser (``assets/classroom_panel.js``)."""
