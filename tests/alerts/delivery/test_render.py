"""Rendered messages against golden files (ru/en x Telegram/email x each kind of alert),
and the rules every message keeps: scraped text escaped, only Telegram's tags, 4096."""

from __future__ import annotations

import os
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from alerts.delivery import wording
from alerts.delivery.render import (
    TELEGRAM_LIMIT,
    Message,
    render,
    render_failure_notice,
    render_test,
    telegram_length,
)
from tests.alerts.delivery.cases import CASES, case
from worker.storage.models import Article, Source

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"  # regenerate: UPDATE_GOLDEN=1 pytest tests/alerts/delivery
TELEGRAM_TAGS = {"b", "i", "a", "blockquote"}


def rendered(name: str, language: str, kind: str, plain: bool = False) -> Message:
    c = case(name)
    if c.failed_label:
        return render_failure_notice(c.alert, c.failed_label, language=language, kind=kind, plain=plain)
    return render(c.alert, c.sources, language=language, kind=kind, plain=plain, purpose=c.purpose,
                  previous_article=c.previous)


def as_golden(message: Message) -> str:
    return f"subject: {message.subject}\n--- html\n{message.html}\n--- text\n{message.text}\n"


@pytest.mark.parametrize("kind", ["telegram", "email"])
@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize("name", list(CASES))
def test_message_matches_its_golden_file(name: str, language: str, kind: str) -> None:
    path = GOLDEN / f"{name}.{language}.{kind}.txt"
    actual = as_golden(rendered(name, language, kind))
    if UPDATE or not path.exists():
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.open: list[str] = []
        self.seen: set[str] = set()
        self.balanced = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.add(tag)
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.balanced &= bool(self.open) and self.open.pop() == tag


def tags_of(body: str) -> _Tags:
    parser = _Tags()
    parser.feed(body)
    parser.close()
    parser.balanced &= not parser.open
    return parser


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize("name", list(CASES))
def test_telegram_html_escapes_scraped_text_and_uses_only_telegrams_tags(name: str, language: str) -> None:
    message = rendered(name, language, "telegram")
    tags = tags_of(message.html)
    assert tags.seen <= TELEGRAM_TAGS and tags.balanced
    assert "<script>" not in message.html and "<b>were</b>" not in message.html
    assert telegram_length(message.html) <= TELEGRAM_LIMIT


def test_scraped_markup_and_ampersands_arrive_escaped() -> None:
    message = rendered("record_text", "en", "telegram")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in message.html
    assert "&lt;b&gt;were&lt;/b&gt; shipped in 2024 &amp; " in message.html
    assert 'href="https://qazinform.com/news/dostyk-record-18-2-mln-tons?utm=a&amp;x=1"' in message.html
    assert "<b>were</b>" in message.text  # the plain text is not HTML: nothing to escape


def huge_case(language: str) -> tuple[Message, Message]:
    c = case("record_text")
    c.alert.quote = "Очень длинная цитата <i>с разметкой</i> & амперсандами. " * 400
    outlet = Source(name="outlet<&>")
    sources = [Article(url=f"https://example.kz/news/{n}?a=1&b=2", title=f"Заголовок {n} <b>&</b> " * 20,
                       language="ru", published_on=date(2025, 1, 1), source=outlet) for n in range(60)]
    return (render(c.alert, sources, language=language, kind="telegram"),
            render(c.alert, sources, language=language, kind="telegram", plain=True))


@pytest.mark.parametrize("language", ["ru", "en"])
def test_an_oversized_message_is_trimmed_to_4096_without_cutting_a_tag(language: str) -> None:
    formatted, plain = huge_case(language)
    for body in (formatted.html, plain.html):
        assert telegram_length(body) <= TELEGRAM_LIMIT
        assert tags_of(body).balanced and tags_of(body).seen <= TELEGRAM_TAGS
        assert not re.search(r"&[a-z#0-9]*$", body)  # no entity cut in half
    headline = "<b>Рекорд: Достык — Алашанькоу</b>" if language == "ru" else "<b>Record: Dostyk–Alashankou</b>"
    assert formatted.html.startswith(headline)
    assert "…" in formatted.html  # the quote was shortened, the rest says how many sources are left out
    assert re.search(r"(ещё|and) \d+", formatted.html)
    assert "<" not in plain.html.replace("&lt;", "")  # plain text: no tags at all


def test_email_has_a_subject_an_html_document_and_plain_text_with_every_link() -> None:
    message = rendered("record_text", "ru", "email")
    assert message.subject == "[railwatch] Рекорд: Достык — Алашанькоу — объём перевозок 18,2 млн т, 2024 год"
    assert message.html.startswith("<!DOCTYPE html>") and "<title>[railwatch] Рекорд" in message.html
    for spec in CASES["record_text"]["sources"]:
        assert spec["url"] in message.text
        assert spec["url"].replace("&", "&amp;") in message.html


def test_plain_rendering_for_a_refused_message_has_no_markup() -> None:
    message = rendered("crossing_change", "ru", "telegram", plain=True)
    assert "<b>" not in message.html and "Было: 8 поездов в сутки → стало: 15 поездов в сутки" in message.html


def test_a_test_message_for_every_kind() -> None:
    assert render_test(language="ru", kind="telegram").html.startswith("<b>railwatch: проверка связи</b>")
    assert render_test(language="en", kind="email").subject == "[railwatch] test message"


@pytest.mark.parametrize(("value", "unit", "ru", "en"), [
    (18_200_000, "tonnes", "18,2 млн т", "18.2 million t"),
    (1_250_000_000, "tonnes", "1,25 млрд т", "1.25 billion t"),
    (850_000, "tonnes", "850 000 т", "850,000 t"),
    (20_000_000, "tonnes_per_year", "20 млн т в год", "20 million t per year"),
    (372_000, "teu", "372 000 ДФЭ", "372,000 TEU"),
    (1821, "trains", "1 821 поезд", "1,821 trains"),
    (22, "wagons", "22 вагона", "22 wagons"),
    (15, "trains_per_day", "15 поездов в сутки", "15 trains per day"),
    (1, "trains_per_day", "1 поезд в сутки", "1 train per day"),
    (2.5, "hours", "2,5 часа", "2.5 hours"),
])
def test_figures_carry_metric_units(value: float, unit: str, ru: str, en: str) -> None:
    russian = wording.quantity(value, unit, "ru")
    assert russian is not None and russian.replace("\u00a0", " ") == ru  # thousands split by a no-break space
    assert wording.quantity(value, unit, "en") == en


@pytest.mark.parametrize(("start", "end", "ru", "en"), [
    (date(2024, 1, 1), date(2024, 12, 31), "2024 год", "2024"),
    (date(2025, 1, 1), date(2025, 6, 30), "январь–июнь 2025", "January–June 2025"),
    (date(2025, 2, 1), date(2025, 2, 28), "февраль 2025", "February 2025"),
    (date(2025, 1, 1), date(2025, 1, 15), "01.01.2025 – 15.01.2025", "1 January 2025 – 15 January 2025"),
])
def test_periods_read_as_people_write_them(start: date, end: date, ru: str, en: str) -> None:
    assert (wording.period(start, end, "ru"), wording.period(start, end, "en")) == (ru, en)
