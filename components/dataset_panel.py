"""The data set chooser: the synthetic data of the data panel, or a real data set.

One row under the data panel: ``dataset-dropdown`` (synthetic / diabetes) and, for a data set,
two feature pickers (``dataset-feature-1``, ``dataset-feature-2``) with one sentence saying what
the weight plane then shows. Five components in all.

**What the plane shows in dataset mode: the two-feature model.** The loss J0 of the least-squares
regression of the data set's target on the two chosen features *alone* (intercept fitted, not
penalized): a two-weight problem like any other of the lab, so every view (touch points,
readout, kink, constrained mode) works unchanged. It is *not* a slice of the ten-feature loss:
its touch points are the two-feature lasso and ridge, which the path plot draws dotted beside
the ten-feature path (:func:`components.dataset_path_figure.dataset_path_figure`); at the current λ the
dotted curves pass through the plane's touch points.

Changes reach the server as an edit ``{"op": "dataset", ...}`` in ``data-edit``
(``assets/dataset_panel.js`` stamps it with ``lab.dataEdit.record``), so the data panel's one
server callback (:func:`components.data_update.update_problem`) applies it with the others and
answers with the new state, scene and both figures.
"""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html

from geometry.datasets import dataset_names, load_dataset

from .data_ids import DATASET_DROPDOWN, SOURCE_TOGGLE
from .i18n import normalize_lang, text
from .problem import DATASET_DEFAULTS
from .stores import DATA_EDIT
from .widgets import control_row

__all__ = [
    "DATASET_DROPDOWN",
    "DATASET_FEATURE_1",
    "DATASET_FEATURE_2",
    "DATASET_PICKERS",
    "STRINGS",
    "FEATURE_DESCRIPTIONS",
    "dataset_options",
    "feature_options",
    "pickers_style",
    "layout",
    "register_callbacks",
]

# DATASET_DROPDOWN (imported above) is :data:`components.data_ids.DATASET_DROPDOWN`: the data panel reads it too
DATASET_FEATURE_1 = "dataset-feature-1"
DATASET_FEATURE_2 = "dataset-feature-2"
DATASET_PICKERS = "dataset-pickers"
#: the dropdown's value for the data panel's own (synthetic) data (private: an upper-case
#: constant holding a kebab-case word would be taken for a component id)
_SYNTHETIC = "synthetic"

#: what each feature of a data set measures (the options' labels), after scikit-learn's DESCR
FEATURE_DESCRIPTIONS: dict[str, dict[str, dict[str, str]]] = {
    "diabetes": {
        "age": {"en": "age", "zh": "年龄"},
        "sex": {"en": "sex", "zh": "性别"},
        "bmi": {"en": "body mass index", "zh": "体重指数"},
        "bp": {"en": "average blood pressure", "zh": "平均血压"},
        "s1": {"en": "total serum cholesterol", "zh": "血清总胆固醇"},
        "s2": {"en": "low-density lipoproteins", "zh": "低密度脂蛋白"},
        "s3": {"en": "high-density lipoproteins", "zh": "高密度脂蛋白"},
        "s4": {"en": "total cholesterol / HDL", "zh": "总胆固醇 / HDL"},
        "s5": {"en": "log of serum triglycerides", "zh": "血清甘油三酯（对数）"},
        "s6": {"en": "blood sugar", "zh": "血糖"},
    }
}

STRINGS: dict[str, dict[str, str]] = {
    "dataset_panel.title": {"en": "Data set", "zh": "数据集"},
    "dataset_panel.synthetic": {"en": "synthetic (the points above)", "zh": "合成数据（上方的点）"},
    "dataset_panel.diabetes": {
        "en": "diabetes (442 patients × 10 features, Efron et al. 2004)",
        "zh": "糖尿病（442 名患者 × 10 个特征，Efron 等 2004）",
    },
    "dataset_panel.features": {"en": "Plane's features", "zh": "平面的特征"},
    "dataset_panel.first": {"en": "w₁ is the weight of", "zh": "w₁ 对应"},
    "dataset_panel.second": {"en": "w₂ is the weight of", "zh": "w₂ 对应"},
    "dataset_panel.note": {
        "en": (
            "The plane shows the two-feature model: J0 of the regression of y on these two features alone "
            "(intercept fitted, not penalized), not a slice of the ten-feature loss. The regularization path "
            "below shows all ten weights of the ten-feature model, and dotted, this two-feature model's "
            "weights, which pass through the plane's touch points at the current λ."
        ),
        "zh": (
            "平面显示的是双特征模型：只用这两个特征对 y 回归的 J0（截距拟合、不受惩罚），而不是十特征损失的切片。"
            "下方的正则化路径显示十特征模型的全部十个权重，点线是这个双特征模型的权重，它们在当前 λ 处经过平面上的切点。"
        ),
    },
    "dataset_panel.data_note": {
        "en": "The {name} data have {count} features: there is no picture of them over one x. "
        "The weight plane shows the model on the two features chosen below.",
        "zh": "{name} 数据有 {count} 个特征，无法画在一条 x 轴上。权重平面显示下方所选两个特征上的模型。",
    },
    "dataset_panel.unknown": {
        "en": "Unknown data set {value}; choose one of: {options}.",
        "zh": "未知的数据集 {value}；请从以下选择：{options}。",
    },
    "dataset_panel.bad_features": {
        "en": "The features {value} are not two of the data set's {count} features.",
        "zh": "特征 {value} 不是该数据集 {count} 个特征中的两个。",
    },
    "dataset_panel.path_legend": {
        "en": "solid: the {count} weights of the {count}-feature model ({first}, {second} bold)<br>"
        "dotted: the plane's two-feature model",
        "zh": "实线：{count} 特征模型的 {count} 个权重（{first}、{second} 加粗）<br>点线：平面上的双特征模型",
    },
    "dataset_panel.path_ten": {"en": "ten-feature model: {region}", "zh": "十特征模型：{region}"},
    "dataset_panel.path_pair": {
        "en": "two-feature model (the plane): {region}",
        "zh": "双特征模型（平面）：{region}",
    },
}


def dataset_options(lang: str = "en") -> list[dict]:
    """The dropdown's options: the synthetic data, then each shipped data set."""
    return [{"label": text("dataset_panel.synthetic", lang), "value": _SYNTHETIC}] + [
        {"label": text(f"dataset_panel.{name}", lang), "value": name} for name in dataset_names()
    ]


def feature_options(name: str, lang: str = "en") -> list[dict]:
    """A data set's features as picker options ``{"label": "bmi (body mass index)", "value": k}``.

    Raises
    ------
    ValueError
        For a name that is not a shipped data set.
    """
    _, _, names = load_dataset(name)
    described = FEATURE_DESCRIPTIONS.get(name, {})
    lang = normalize_lang(lang)
    return [
        {"label": f"{feature} ({described[feature][lang]})" if feature in described else feature, "value": k}
        for k, feature in enumerate(names)
    ]


def pickers_style(dataset) -> dict:
    """The feature pickers' style: shown for a data set, hidden for the synthetic data."""
    return {} if dataset in dataset_names() else {"display": "none"}


def layout(page) -> list:
    """The chooser's row for a page (:class:`authoring.url_state.PageState`): the data set of
    its state (``source`` ``"dataset"``) or the synthetic data, and the state's feature pair."""
    lang = normalize_lang(getattr(page, "lang", None))
    state = page.state
    spec = state.get("dataset") if isinstance(state.get("dataset"), dict) else DATASET_DEFAULTS
    current = spec.get("name") if state.get("source") == "dataset" else _SYNTHETIC
    name = spec.get("name") if spec.get("name") in dataset_names() else DATASET_DEFAULTS["name"]
    first, second = (list(spec.get("features") or []) + DATASET_DEFAULTS["features"])[:2]
    options = feature_options(name, lang)

    def picker(id_: str, value: int) -> dcc.Dropdown:
        return dcc.Dropdown(
            id=id_, options=options, value=value, clearable=False, searchable=False, className="dataset-feature"
        )

    return [
        control_row(
            text("dataset_panel.title", lang),
            dcc.Dropdown(
                id=DATASET_DROPDOWN,
                options=dataset_options(lang),
                value=current,
                clearable=False,
                searchable=False,
                className="dataset-dropdown",
            ),
            html.Div(
                id=DATASET_PICKERS,
                className="control-row full-row dataset-pickers",
                style=pickers_style(current),
                children=[
                    text("dataset_panel.first", lang),
                    picker(DATASET_FEATURE_1, first),
                    text("dataset_panel.second", lang),
                    picker(DATASET_FEATURE_2, second),
                    html.P(text("dataset_panel.note", lang), className="hint full-row"),
                ],
            ),
            className="dataset-panel secondary",
        )
    ]


def register_callbacks(app: Dash) -> None:
    """The chooser's edit (clientside: stamped into ``data-edit``) and the pickers' visibility."""
    app.clientside_callback(
        ClientsideFunction(namespace="dataset_panel", function_name="send"),
        Output(DATA_EDIT, "data", allow_duplicate=True),
        Input(DATASET_DROPDOWN, "value"),
        Input(DATASET_FEATURE_1, "value"),
        Input(DATASET_FEATURE_2, "value"),
        State(SOURCE_TOGGLE, "value"),
        prevent_initial_call=True,
    )
    app.callback(Output(DATASET_PICKERS, "style"), Input(DATASET_DROPDOWN, "value"))(pickers_style)
