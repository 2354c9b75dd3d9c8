"""The ingest path in-process on SQLite: one page in, one clean deduplicated article out."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from tests.conftest import FIXTURES
from worker.dispatch import submit_ingest
from worker.ingest import IngestOutcome, content_hash, decompress
from worker.pages import FetchedPage
from worker.storage.db import session_scope
from worker.storage.models import Article, RejectedPage

PAGES = FIXTURES / "pages"
KHORGOS_URL = "https://rail-news.kz/ru/news/21162-kpp-xorgos-uvelicil-perevozki-do-222-mln-tonn.html"


def page(name: str, url: str = KHORGOS_URL, source: str = "railnews", **kwargs: object) -> FetchedPage:
    return FetchedPage(url=url, source=source, body=(PAGES / name).read_bytes(),
                       fetched_at=datetime(2025, 7, 25, 6, 0, tzinfo=UTC), **kwargs)  # type: ignore[arg-type]


def ingest(fetched: FetchedPage) -> IngestOutcome:
    outcome = submit_ingest(fetched)
    assert isinstance(outcome, IngestOutcome)
    return outcome


def articles() -> list[Article]:
    with session_scope() as session:
        return list(session.scalars(select(Article).order_by(Article.id)))


def test_saved_page_becomes_a_clean_article(sqlite_db: str) -> None:
    outcome = ingest(page("railnews_ru_khorgos.html"))
    assert outcome.status == "stored"
    [article] = articles()
    assert article.canonical_url == KHORGOS_URL
    assert article.title == "КПП Хоргос увеличил перевозки до 22,2 млн тонн"
    assert article.language == "ru"
    assert article.published_on == date(2025, 7, 25)
    assert article.published_date_source == "markup"
    assert article.text.startswith("Контрольно-пропускной пункт Хоргос")
    assert "Первый туристический поезд" not in article.text
    assert decompress(article.raw_html) == (PAGES / "railnews_ru_khorgos.html").read_bytes()
    assert article.raw_size == len(decompress(article.raw_html))
    assert article.extractor_version  # facts were extracted on the way in


def test_ingesting_twice_changes_nothing(sqlite_db: str) -> None:
    first = ingest(page("railnews_ru_khorgos.html"))
    second = ingest(page("railnews_ru_khorgos.html", url=KHORGOS_URL + "?utm_source=telegram#comments"))
    assert (first.status, second.status) == ("stored", "known")
    assert second.article_id == first.article_id
    assert len(articles()) == 1


def test_index_php_twin_is_the_same_article(sqlite_db: str) -> None:
    twin = KHORGOS_URL.replace("rail-news.kz/", "rail-news.kz/index.php/")
    ingest(page("railnews_ru_khorgos.html"))
    outcome = ingest(page("railnews_index_php_twin.html", url=twin))
    assert outcome.status == "known"
    assert len(articles()) == 1


def test_same_text_under_another_url_is_recorded_as_duplicate(sqlite_db: str) -> None:
    original = ingest(page("railnews_ru_khorgos.html"))
    copy = ingest(page("mirror_copy_of_railnews.html", url="https://logistics.example.kz/news/khorgos-22mt",
                       source="manual"))
    assert copy.status == "duplicate"
    assert copy.duplicate_of == original.article_id
    stored = articles()
    assert [a.duplicate_of_id for a in stored] == [None, original.article_id]
    # facts are read from originals only
    with session_scope() as session:
        duplicate = session.get(Article, copy.article_id)
        assert duplicate is not None and duplicate.facts == []


def test_amp_page_declaring_its_canonical_is_stored_under_it(sqlite_db: str) -> None:
    main = ingest(page("kazinform_en_dostyk.html", source="kazinform",
                       url="https://qazinform.com/news/dostyk-alashankou-handles-record-18-mln-tons-of-cargo-4f2a9c"))
    amp = ingest(page("kazinform_en_dostyk_amp.html", source="kazinform",
                      url="https://en.inform.kz/amp/news/dostyk-alashankou-record_a4075137/"))
    assert main.status == "stored"
    assert amp.status == "known"
    assert amp.article_id == main.article_id


@pytest.mark.parametrize("name", ["railnews_ru_cp1251_declared_utf8.html",
                                  "railnews_ru_koi8r_undeclared.html"])
def test_misdeclared_cyrillic_pages_store_readable_text(sqlite_db: str, name: str) -> None:
    outcome = ingest(page(name, declared_encoding="utf-8"))
    assert outcome.status == "stored"
    [article] = articles()
    assert "Контрольно-пропускной пункт Хоргос" in article.text
    assert article.raw_encoding in ("cp1251", "koi8_r", "koi8-r")


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t  ", "empty"),
        ((PAGES / "binary_saved_as.html").read_bytes(), "binary"),
        ((PAGES / "navigation_only.html").read_bytes(), None),  # no_text or too_short
    ],
)
def test_bad_pages_are_recorded_with_a_reason(sqlite_db: str, body: bytes, reason: str | None) -> None:
    fetched = FetchedPage(url="https://rail-news.kz/ru/news/1-bad.html", source="railnews", body=body)
    outcome = ingest(fetched)
    assert outcome.status == "rejected"
    if reason:
        assert outcome.reason == reason
    else:
        assert outcome.reason in ("no_text", "too_short")
    with session_scope() as session:
        [rejected] = session.scalars(select(RejectedPage)).all()
        assert rejected.reason == outcome.reason
    assert articles() == []
    # and again: the rejection is counted, not duplicated
    ingest(fetched)
    with session_scope() as session:
        assert session.scalars(select(RejectedPage.attempts)).one() == 2


def test_a_20_mb_page_is_rejected_without_cleaning(sqlite_db: str) -> None:
    filler = b"<p>" + b"x" * 1000 + b"</p>\n"
    body = b"<html><body>" + filler * (20 * 1024) + b"</body></html>"
    assert len(body) > 20_000_000
    outcome = ingest(FetchedPage(url="https://rail-news.kz/ru/news/2-huge.html", source="railnews",
                                 body=body))
    assert (outcome.status, outcome.reason) == ("rejected", "too_large")


def test_plain_text_file_and_published_hint(sqlite_db: str) -> None:
    fetched = page("article_khorgos_en.txt", url="file:///archive/khorgos.txt", source="manual",
                   content_type="text/plain", published_hint=date(2024, 10, 10))
    outcome = ingest(fetched)
    assert outcome.status == "stored"
    [article] = articles()
    assert article.title == "Khorgos freight volumes keep growing"
    assert article.published_on == date(2024, 10, 10)
    assert article.published_date_source == "hint"
    assert article.language == "en"


def test_same_page_ingested_twice_concurrently_is_one_article(sqlite_db: str) -> None:
    barrier = threading.Barrier(4)
    outcomes: list[IngestOutcome] = []

    def run(url: str) -> None:
        barrier.wait()
        outcomes.append(ingest(page("railnews_ru_khorgos.html", url=url)))

    threads = [threading.Thread(target=run, args=(KHORGOS_URL + suffix,))
               for suffix in ("", "?utm_source=a", "#x", "?amp=1")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(o.status for o in outcomes) == ["known", "known", "known", "stored"]
    with session_scope() as session:
        assert session.scalar(select(func.count(Article.id))) == 1


def test_content_hash_ignores_spacing_punctuation_and_repeated_headline() -> None:
    text = "Хоргос: 22,2 млн тонн.\nРост — 4,3%."
    assert content_hash(text) == content_hash("хоргос 22 2 млн тонн рост 4 3")
    assert content_hash("Headline here\n" + text, "Headline here") == content_hash(text)
    assert content_hash(text) != content_hash(text + " Ещё одно предложение.")
