"""The string table is complete, and a page in 中文 reads in 中文.

Every key has both languages, non-empty and with the same ``{fields}``; a page built for
``lang="zh"`` (its layout, figures, hover texts, text alternatives and the scripts'
configuration) holds no English phrase; the readout and the refusals of edits speak the page's
language and state the same facts (the same numbers) in both.
"""

from __future__ import annotations

import html
import json
import math
import re
import string

import pytest

import app
from authoring.url_state import PageState
from components import readout, stores
from components.client_config import CONFIG_ATTRIBUTE, SCRIPT_STRINGS, client_config
from components.data_edit import OPS, apply_edit
from components.edit_sync import apply_events
from components.glossary import basis_label, feature_name
from components.i18n import LANGS, normalize_lang, table, text
from components.plane_traces import touch_hover, touches_for_view
from components.problem import GENERATOR_DEFAULTS, ProblemError, check_problem, default_state, resample
from components.view import initial_view
from geometry.basis import BASES
from tests.test_figures import _explanation
from tests.test_layout import _components

CJK = re.compile(r"[\u4e00-\u9fff]")
#: names that stay as they are in a Chinese text (a run of two of them is no English phrase)
TECHNICAL = {"scikit-learn", "OLS", "Lasso", "Ridge", "ElasticNet", "l1_ratio", "Tab", "Shift", "Delete", "sin", "cos"}
#: two or more Latin-letter words separated by white space, not glued to digits or letters
_RUN = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z][A-Za-z'’_-]*(?:\s+[A-Za-z][A-Za-z'’_-]*)+(?![A-Za-z0-9_])")
NUMBER = re.compile(r"(?<![\w.₀-₉])-?\d+(?:\.\d+)?(?:e[+-]\d+)?")


def nonzero_numbers(text_: str) -> list[str]:
    """The numbers of a sentence other than 0 (sorted): "non-zero" is "不为 0" in 中文."""
    return sorted(n for n in NUMBER.findall(text_) if n != "0")


def fields_of(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def english_phrases(text_: str) -> list[str]:
    """Runs of two or more English words separated by white space, at least one of them of three
    letters or more (``x again``, ``drag the point``), technical names not counted."""
    runs = []
    for match in _RUN.finditer(text_):
        run: list[str] = []
        for word in [*match.group(0).split(), None]:
            if word is not None and word not in TECHNICAL:
                run.append(word)
                continue
            if len(run) >= 2 and any(len(w) >= 3 for w in run):
                runs.append(" ".join(run))
            run = []
    return runs


def test_english_phrases_finds_phrases_and_spares_names_and_formulas():
    assert english_phrases("拖动 λ drag the point 看看") == ["drag the point"]
    assert english_phrases("在 scikit-learn 中：L1 是 Lasso(alpha=λ)，Ridge ElasticNet") == []
    assert english_phrases("w₁（x again 的权重）") == ["x again"]
    assert english_phrases("这里 λ = 0 here，拖动drag the point看看") == ["drag the point"]
    assert english_phrases("按 Tab 进入图，Shift+方向键，Delete 删除，a 添加；J0 + λ·P；r = 0 时") == []
    assert english_phrases("φ₁ = sin πx，φ₂ = cos πx；x 与 x²") == []


# ---------------------------------------------------------------------------- the table
def test_every_key_has_both_languages_non_empty_with_the_same_fields():
    assert LANGS == ("en", "zh")
    for key, entry in table().items():
        assert set(entry) == set(LANGS), key
        for lang in LANGS:
            assert isinstance(entry[lang], str) and entry[lang].strip(), (key, lang)
        assert fields_of(entry["en"]) == fields_of(entry["zh"]), key


def test_chinese_strings_are_chinese_and_hold_no_english_phrase():
    for key, entry in table().items():
        zh = entry["zh"]
        assert not english_phrases(zh), (key, zh)
        if english_phrases(entry["en"]):  # an English phrase is translated, not copied
            assert CJK.search(zh), (key, zh)


def test_lookup_fills_fields_and_falls_back_to_english():
    assert text("problem.min_points", "zh", count=3) == "至少需要 3 个点才能拟合两个权重和一个截距。"
    assert text("problem.min_points", "fr", count=3).startswith("At least 3 points")
    assert normalize_lang("zh") == "zh" and normalize_lang(None) == "en" and normalize_lang("de") == "en"
    with pytest.raises(KeyError):
        text("no.such.key", "en")


def test_every_basis_and_feature_word_is_translated():
    for key in BASES:
        assert f"basis.{key}" in table(), key
        assert CJK.search(basis_label(key, "zh")) or basis_label(key, "zh") == basis_label(key, "en")
        for name in BASES[key].feature_names:
            if len(name.split()) > 1 and not name.startswith(("sin", "cos")):
                assert feature_name(name, "zh") != name, name
    assert basis_label("x-x2", "en") == BASES["x-x2"].label


def test_the_scripts_strings_travel_in_the_pages_language():
    for lang in LANGS:
        config = client_config(lang)
        assert config["lang"] == lang
        assert config["strings"] == {key: text(key, lang) for key in SCRIPT_STRINGS}
    names = [spec["name"] for spec in client_config("zh")["plane"]["regions"]]
    assert names == ["L1（Lasso）", "L2（岭回归）", "弹性网络"]


# ---------------------------------------------------------------------------- a page in 中文
def visible_texts(node) -> list[str]:
    """Every text of a layout a person reads or hears: children, labels, marks, placeholders,
    titles, aria labels, Markdown (tags dropped, titles kept), figure titles, annotations and
    hover texts, and the strings of the scripts' configuration. Code (``Pre``, ``Code``) is not
    prose and is left out."""
    out: list[str] = []
    for component in _components(node):
        kind = type(component).__name__
        if kind in ("Store", "Pre", "Code"):
            continue
        children = getattr(component, "children", None)
        if kind == "Markdown" and isinstance(children, str):
            prose = re.sub(r"<pre.*?</pre>|<code.*?</code>|```.*?```", " ", children, flags=re.S)
            out += [html.unescape(t) for t in re.findall(r'(?:title|aria-label)="([^"]*)"', prose)]
            out.append(html.unescape(re.sub(r"<[^>]+>", " ", prose)))
        elif isinstance(children, str):
            out.append(children)
        elif isinstance(children, (list, tuple)):
            out += [c for c in children if isinstance(c, str)]
        for option in getattr(component, "options", None) or []:
            label = option.get("label") if isinstance(option, dict) else option
            if isinstance(label, str):
                out.append(label)
        for mark in (getattr(component, "marks", None) or {}).values():
            out.append(mark.get("label", "") if isinstance(mark, dict) else str(mark))
        out += [v for v in (getattr(component, "labels", None) or {}).values() if isinstance(v, str)]
        for prop in ("placeholder", "title", "aria-label", "alt"):
            value = getattr(component, prop, None)
            if isinstance(value, str):
                out.append(value)
        config = getattr(component, CONFIG_ATTRIBUTE, None)
        if isinstance(config, str):
            parsed = json.loads(config)
            out += list(parsed.get("strings", {}).values())
            out += [spec["name"] for spec in parsed["plane"]["regions"]]
        figure = getattr(component, "figure", None)
        if isinstance(figure, dict):
            out += figure_texts(figure)
    return out


def figure_texts(figure: dict) -> list[str]:
    """The words of a plotly figure: titles, annotations, hover templates and texts."""
    def plain(t: str) -> str:
        return re.sub(r"%\{[^}]*\}|<[^>]+>", " ", t)

    layout = figure.get("layout", {})
    out = []
    for key in ("title", "xaxis", "yaxis"):
        part = layout.get(key) or {}
        title = part.get("title", part) if key != "title" else part
        if isinstance(title, dict) and isinstance(title.get("text"), str):
            out.append(plain(title["text"]))
    out += [plain(a.get("text", "")) for a in layout.get("annotations", [])]
    for trace in figure.get("data", []):
        if isinstance(trace.get("hovertemplate"), str):
            out.append(plain(trace["hovertemplate"]))
        out += [plain(t) for t in trace.get("hovertext") or [] if isinstance(t, str)]
    return out


def page_in(lang: str, **state):
    """The layout of the default page in ``lang`` (with the state's keys changed)."""
    generator = {key: GENERATOR_DEFAULTS[key] for key in ("n", "true_w", "noise", "seed")}
    base = {**default_state(), **state}
    return app.serve_layout(PageState(state=base, generator=generator, view=initial_view(), lang=lang))


@pytest.fixture(scope="module")
def zh_texts() -> list[str]:
    return visible_texts(page_in("zh"))


def test_the_chinese_page_has_no_english_phrase_left(zh_texts):
    found = {phrase for t in zh_texts for phrase in english_phrases(t)}
    assert not found, sorted(found)
    joined = " ".join(zh_texts)
    for words in ("损失等高线", "菱形", "惩罚形式", "约束形式", "弹性网络", "恰好为 0", "符号的含义", "合成数据生成器"):
        assert words in joined


def test_the_english_page_reads_as_before():
    texts = " | ".join(visible_texts(page_in("en")))
    assert not CJK.search(texts.replace("中文", ""))  # the language chooser names the other language
    assert len(english_phrases(texts)) > 40  # the scan finds English where it is
    for words in ("loss contours J0", "penalized (λ)", "Resample data", "What the symbols mean", "L1 diamond"):
        assert words in texts


@pytest.mark.parametrize("basis", ["x-x2", "duplicated"])
def test_axis_titles_and_shape_mode_read_in_chinese(basis):
    plane = page_in("zh", basis=basis)
    texts = visible_texts(plane)
    assert not {p for t in texts for p in english_phrases(t)}
    assert any("的权重" in t for t in texts)
    shape = visible_texts(page_in("zh", source="shape"))
    assert not {p for t in shape for p in english_phrases(t)}
    assert any("损失形状模式" in t for t in shape)


def test_the_page_names_its_language_per_request():
    with app.server.test_request_context("/?lang=zh"):
        page = app.app.index()
    assert '<html lang="zh">' in page and "<title>正则化几何实验室</title>" in page
    with app.server.test_request_context("/?lang=xx"):
        assert '<html lang="en">' in app.app.index()
    with app.server.test_request_context("/"):
        assert "<title>Regularization Geometry Lab</title>" in app.app.index()


# ---------------------------------------------------------------------------- what the server says
VIEWS = [
    dict(initial_view(), slider=s, shown=shown, l1_ratio=r, mode=mode)
    for s in (-2.5, -1.0, math.log10(0.6), 0.3)
    for shown in (["l1", "l2"], ["l2"], ["en"], [])
    for r in (0.0, 0.5, 1.0)
    for mode in ("penalized", "constrained")
]


@pytest.mark.parametrize("name", ["default", "rho", "shape"])
def test_the_readout_in_chinese_states_the_same_facts(name):
    state = {
        "default": default_state(),
        "rho": resample(dict(default_state()), dict(GENERATOR_DEFAULTS, rho=-0.95)),
        "shape": dict(default_state(), source="shape"),
    }[name]
    scenes = {lang: stores.build_scene(dict(state, lang=lang)) for lang in LANGS}
    assert scenes["zh"]["lang"] == "zh" and stores.build_scene(state)["lang"] == "en"
    for view in VIEWS:
        body = {lang: readout.update_readout(view, scenes[lang]) for lang in LANGS}
        en, zh = (_explanation(body[lang]) for lang in LANGS)
        assert CJK.search(zh) and not english_phrases(zh), zh
        assert nonzero_numbers(zh) == nonzero_numbers(en), (en, zh)
        assert ("exactly 0" in en) == ("恰好为 0" in zh), (en, zh)
        heads = re.findall(r"<th[^>]*>([^<]*)</th>", body["zh"].split("</thead>")[0])
        assert "恰为 0 的个数" in heads and "t（区域大小）" in heads
        assert "符号的含义" in body["zh"] and "What the symbols mean" in body["en"]


def test_hover_texts_follow_the_scenes_language():
    state = default_state()
    for lang, says in (("en", "L1 (lasso) touch point"), ("zh", "L1（Lasso） 切点")):
        scene = stores.build_scene(dict(state, lang=lang))
        touch = touches_for_view(scene, initial_view())["l1"]
        assert says in touch_hover(scene, touch, 0.5)


def _refusals() -> list[tuple[dict, dict]]:
    """Edits the problem refuses, with the state they are refused in."""
    state = default_state()
    n = len(state["points"]["x"])
    same_x = dict(state, points={"x": [0.1] * 3, "y": [0.0, 1.0, 2.0]})
    flat_y = dict(state, points={"x": [-0.5, 0.0, 0.5], "y": [1.0] * 3})
    three = dict(state, points={"x": [-0.5, 0.0, 0.5], "y": [0.0, 1.0, 3.0]})
    return [
        (state, {"op": "remove", "index": n + 5}),
        (state, {"op": "remove"}),
        (three, {"op": "remove", "index": 0}),
        (state, {"op": "add", "x": "a", "y": 0}),
        (state, {"op": "move", "index": 1.5, "x": 0, "y": 0}),
        (state, {"op": "controls", "basis": "nope"}),
        (state, {"op": "fly"}),
        (same_x, {"op": "add", "x": 0.1, "y": 5.0}),
        (flat_y, {"op": "add", "x": 0.9, "y": 1.0}),
        (state, {"op": "move", "index": 0, "x": math.inf, "y": 0.0}),
    ]


@pytest.mark.parametrize("case", range(10))
def test_refused_edits_are_explained_in_the_pages_language(case):
    state, edit = _refusals()[case]
    with pytest.raises(ProblemError) as refused:
        apply_edit(state, edit, GENERATOR_DEFAULTS)
    en, zh = refused.value.message("en"), refused.value.message("zh")
    assert en == str(refused.value)
    names = ", ".join(OPS) if refused.value.key == "edit.unknown_op" else ", ".join(BASES)
    assert CJK.search(zh) and not english_phrases(zh.replace(names, "")), zh  # identifiers stay identifiers
    assert nonzero_numbers(zh) == nonzero_numbers(en)
    # the server's answer carries the message in the lab-state's language
    for lang, message in (("en", en), ("zh", zh)):
        _, said, changed = apply_events([(edit, {})], dict(state, lang=lang), GENERATOR_DEFAULTS)
        assert said == message and not changed


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"n": None}, "点数 n 必须是 3 到 200 之间的整数"),
        ({"noise": None}, "噪声 σ 必须是 ≥ 0 且 ≤ 100 的数"),
        ({"seed": -4}, "收到的是 -4"),
        ({"true_w": [0.5, None]}, "真实 w₂"),
    ],
)
def test_generator_refusals_in_chinese(params, says):
    with pytest.raises(ProblemError) as refused:
        resample(default_state(), dict(GENERATOR_DEFAULTS, **params))
    assert says in refused.value.message("zh")


def test_an_undrawable_problem_says_why_in_chinese():
    state = dict(default_state(), points={"x": [0.1, 0.1000001, 0.1000002, 0.1], "y": [0.0, 1.0, 2.0, 3.0]})
    with pytest.raises(ProblemError) as refused:
        check_problem(state)
    assert refused.value.message("zh").startswith(("所有点的特征都相同", "这些点的特征几乎相同"))
