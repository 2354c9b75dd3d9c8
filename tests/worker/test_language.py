from __future__ import annotations

import pytest

from worker.cleaning.language import detect_language, normalize_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Объем перевозок через Достык вырос до 18 млн тонн по итогам года.", "ru"),
        ("Қазақстан мен Қытай арасындағы жүк тасымалы 32 млн тоннаға жетті.", "kk"),
        ("Freight traffic through Khorgos rose to 9.1 million tonnes this year.", "en"),
        ("Qazaqstan men Qytai arasyndaǵy júk tasymaly ósti, Dostyq arqyly ótken poıyzdar sany kóbeıdi.", "kk"),
        ("霍尔果斯铁路口岸今年通过的中欧班列数量创下新高，货运量持续增长。", "zh"),
    ],
)
def test_detect_language_from_script(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_russian_text_quoting_a_kazakh_name_stays_russian() -> None:
    text = ("Корреспондент газеты «Қазақстан теміржолшысы» сообщает, что объем грузоперевозок "
            "через станцию Достык за пять месяцев вырос на четыре процента и составил почти "
            "девять миллионов тонн, что стало лучшим результатом за последние годы.")
    assert detect_language(text) == "ru"


def test_short_text_falls_back_to_declared() -> None:
    assert detect_language("OK", "kk-KZ") == "kk"
    assert detect_language("", None) is None


@pytest.mark.parametrize(("code", "expected"), [("ru-RU", "ru"), ("kz", "kk"), ("KAZ", "kk"),
                                                 ("en_GB", "en"), ("", None), (None, None)])
def test_normalize_language(code: str | None, expected: str | None) -> None:
    assert normalize_language(code) == expected
