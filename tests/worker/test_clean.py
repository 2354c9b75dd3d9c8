from __future__ import annotations

from datetime import date

from tests.conftest import FIXTURES
from worker.cleaning import clean_html
from worker.cleaning.clean import strip_site_suffix

PAGES = FIXTURES / "pages"


def _clean(name: str, **kwargs: object):  # type: ignore[no-untyped-def]
    return clean_html((PAGES / name).read_text(encoding="utf-8"), **kwargs)  # type: ignore[arg-type]


def test_joomla_article_keeps_body_and_drops_related_block() -> None:
    page = _clean("railnews_ru_khorgos.html")
    assert page is not None
    assert page.title == "КПП Хоргос увеличил перевозки до 22,2 млн тонн"
    assert page.text.startswith("Контрольно-пропускной пункт Хоргос")
    assert "Первый туристический поезд" not in page.text  # the related block belongs to others
    assert page.published_on == date(2025, 7, 25)
    assert page.date_source == "markup"
    assert page.language == "ru"


def test_meta_published_time_with_name_attribute_and_canonical_link() -> None:
    page = _clean("kazinform_en_dostyk.html")
    assert page is not None
    assert page.title == "Dostyk–Alashankou handles record 18 mln tons of cargo"
    assert page.published_at is not None and page.published_at.isoformat() == "2025-01-09T18:57:00+05:00"
    assert page.canonical_link == (
        "https://qazinform.com/news/dostyk-alashankou-handles-record-18-mln-tons-of-cargo-4f2a9c")
    assert page.language == "en"
    assert "Currently reading" not in page.text


def test_broken_markup_still_yields_text() -> None:
    page = _clean("broken_markup.html")
    assert page is not None
    assert "15 trains a day" in page.text
    assert "not text" not in page.text  # script content


def test_page_without_article_text() -> None:
    page = _clean("navigation_only.html", search_text_for_date=False)
    assert page is None or len(page.text) < 100


def test_strip_site_suffix() -> None:
    assert strip_site_suffix("Dostyk handles record cargo | Kazinform") == "Dostyk handles record cargo"
    assert strip_site_suffix("Short | Title here") == "Short | Title here"
    assert strip_site_suffix("No suffix at all") == "No suffix at all"
