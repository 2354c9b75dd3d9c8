"""Encodings as Kazakh and Russian sites really serve them: right, wrong and missing."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from worker.cleaning.decode import DecodeError, decode_page

PAGES = FIXTURES / "pages"
PHRASE = "Контрольно-пропускной пункт Хоргос"


@pytest.mark.parametrize(
    ("name", "declared", "encoding"),
    [
        ("railnews_ru_khorgos.html", "utf-8", "utf-8"),
        ("railnews_ru_khorgos.html", None, "utf-8"),
        ("railnews_ru_khorgos.html", "windows-1251", "utf-8"),  # wrong header, right bytes
        ("railnews_ru_cp1251_declared_utf8.html", "utf-8", "cp1251"),
        ("railnews_ru_cp1251_declared_utf8.html", None, "cp1251"),
        ("railnews_ru_koi8r_undeclared.html", None, "koi8_r"),
        ("railnews_ru_koi8r_undeclared.html", "windows-1251", "koi8_r"),  # wrong header
    ],
)
def test_cyrillic_pages_decode_whatever_they_declare(name: str, declared: str | None,
                                                     encoding: str) -> None:
    text, found = decode_page((PAGES / name).read_bytes(), declared)
    assert PHRASE in text
    assert found.replace("-", "_") == encoding.replace("-", "_")


def test_koi8r_declared_correctly_is_trusted() -> None:
    body = (PAGES / "railnews_ru_koi8r_undeclared.html").read_bytes()
    text, found = decode_page(body, "koi8-r")
    assert found == "koi8-r"
    assert PHRASE in text


def test_utf8_bom() -> None:
    text, found = decode_page("<p>Достык</p>".encode("utf-8-sig"))
    assert text == "<p>Достык</p>"
    assert found == "utf-8-sig"


def test_binary_is_refused() -> None:
    with pytest.raises(DecodeError) as error:
        decode_page((PAGES / "binary_saved_as.html").read_bytes())
    assert error.value.reason == "binary"


def test_unknown_declared_charset_is_ignored() -> None:
    text, _ = decode_page("<p>Алтынколь</p>".encode("cp1251"), "x-no-such-charset")
    assert "Алтынколь" in text
