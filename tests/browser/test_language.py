"""The page in 中文 (a link with ``lang=zh``) and the generator boxes' refusal of a comma, in real Chromium."""

from __future__ import annotations

import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from .conftest import wait_for
from .test_lab import reload, type_lambda, wait_settled

pytestmark = pytest.mark.browser

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def url(app_server) -> str:
    return app_server()


@pytest.fixture(scope="module")
def zh_url(url) -> str:
    """The lab in 中文: a link with ``lang=zh``."""
    return url + "?lang=zh"


def inner_text(driver, element_id: str) -> str:
    return driver.execute_script(f"return document.getElementById('{element_id}').innerText;")


def test_the_chinese_page_reads_in_chinese(zh_url, driver):
    reload(driver, zh_url)
    assert driver.execute_script("return document.documentElement.lang;") == "zh"
    assert driver.title == "正则化几何实验室"
    checklist = inner_text(driver, "penalty-checklist")
    assert "L1 菱形" in checklist and "L2 圆" in checklist and "弹性网络" in checklist
    assert "惩罚形式（λ）" in inner_text(driver, "mode-toggle")
    explanation = inner_text(driver, "readout-explanation")
    assert CJK.search(explanation) and "恰好为 0" in explanation, explanation
    assert "符号的含义" in inner_text(driver, "readout")
    box = driver.find_element(By.ID, "lambda-input")
    assert box.get_attribute("placeholder") == "精确值"
    thumb = driver.find_element(By.CSS_SELECTOR, "#lambda-slider [role=slider]")
    assert thumb.get_attribute("aria-label") == "λ（对数刻度）"


def test_the_lambda_box_and_the_hover_texts_speak_chinese(zh_url, driver):
    reload(driver, zh_url)
    type_lambda(driver, "1e9")
    wait_for(driver, "return document.getElementById('lambda-message').innerText.includes('高于范围')")
    message = inner_text(driver, "lambda-message")
    assert message.startswith("λ = 1e+9 高于范围，已限制为 3·λ_max = "), message
    wait_settled(driver)
    # the touch points' hover texts at rest are the browser's (weight_plane.hoverText), in 中文
    wait_for(driver, "const gd = document.querySelector('#weight-plane .js-plotly-plot');"
                     "return gd.data.some(t => t.uid === 'l1-touch' && String(t.hovertext).includes('切点'));")
    hover = driver.execute_script(
        "return document.querySelector('#weight-plane .js-plotly-plot').data.find(t => t.uid === 'l1-touch').hovertext[0];"
    )
    assert hover.startswith("<b>L1（Lasso） 切点</b><br>w = (0, 0)"), hover  # λ = 3 λ_max: both zero
    box = driver.find_element(By.ID, "lambda-input")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("0,5")
    wait_for(driver, "return document.getElementById('lambda-message').innerText.includes('小数点')")


def test_the_english_page_stays_english(url, driver):
    reload(driver, url)
    assert driver.execute_script("return document.documentElement.lang;") == "en"
    assert "L1 diamond" in inner_text(driver, "penalty-checklist")
    assert not CJK.search(inner_text(driver, "readout"))


@pytest.mark.parametrize(("lang", "says"), [("en", "decimal point"), ("zh", "小数点")])
def test_a_comma_in_a_generator_box_asks_for_a_decimal_point(url, zh_url, driver, lang, says):
    reload(driver, zh_url if lang == "zh" else url)
    driver.find_element(By.CSS_SELECTOR, "#points-controls summary").click()
    box = driver.find_element(By.ID, "generator-noise")
    box.click()
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("0,5")
    wait_for(driver, f"return document.getElementById('data-message').innerText.includes('{says}')")
    assert box.get_attribute("value") == "05"  # the comma was not typed (Chromium would have read 5)
    # the seed box refuses it too
    seed = driver.find_element(By.ID, "generator-seed")
    seed.send_keys(Keys.CONTROL, "a")
    seed.send_keys("1,2")
    assert seed.get_attribute("value") == "12"
