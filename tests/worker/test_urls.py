from __future__ import annotations

import pytest

from worker.urls import UrlRules, canonical_url, same_site

JOOMLA = UrlRules(strip_path_prefixes=("/index.php",))


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # tracking parameters, fragments, scheme/host case
        ("HTTPS://WWW.Inform.KZ/ru/slug-3042f1/?utm_source=tg&utm_medium=social&fbclid=x#top",
         "https://www.inform.kz/ru/slug-3042f1"),
        ("https://qazinform.com/news/slug-6ffc61?gclid=abc&yclid=1", "https://qazinform.com/news/slug-6ffc61"),
        # AMP renderings
        ("https://www.inform.kz/en/slug_a4041095/amp", "https://www.inform.kz/en/slug_a4041095"),
        ("https://www.inform.kz/en/slug_a4041095/amp/", "https://www.inform.kz/en/slug_a4041095"),
        ("https://en.inform.kz/amp/slug_a2819575/", "https://en.inform.kz/slug_a2819575"),
        ("https://www.railfreight.com/beltandroad/2022/09/26/slug/?amp=1",
         "https://www.railfreight.com/beltandroad/2022/09/26/slug"),
        ("https://www.railfreight.com/beltandroad/2022/09/26/slug/?amp",
         "https://www.railfreight.com/beltandroad/2022/09/26/slug"),
        # trailing slashes and default ports; a real query stays, sorted
        ("https://railways.kz:443/ru/news/slug/", "https://railways.kz/ru/news/slug"),
        ("https://x.kz/list?page=2&cat=1", "https://x.kz/list?cat=1&page=2"),
        ("https://x.kz", "https://x.kz/"),
    ],
)
def test_canonical_url_folds_renderings_of_one_page(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_joomla_index_php_twins_fold_to_one_key() -> None:
    plain = "https://rail-news.kz/ru/news/21407-premer-ministr.html"
    twin = "https://rail-news.kz/index.php/ru/news/21407-premer-ministr.html"
    assert canonical_url(twin, JOOMLA) == canonical_url(plain, JOOMLA) == plain
    # without the source's rule the twins stay apart: the quirk is the registry's, not global
    assert canonical_url(twin) != canonical_url(plain)


def test_host_aliases_from_rules() -> None:
    rules = UrlRules(host_aliases={"railfreight.com": "www.railfreight.com"})
    assert canonical_url("https://railfreight.com/a/", rules) == "https://www.railfreight.com/a"


@pytest.mark.parametrize("url", [
    "https://rail-news.kz/index.php/kz/news/8311-tarihi.html?utm_campaign=x#c",
    "http://127.0.0.1:8080/_host/www.inform.kz/ru/lenta/?page=2",
    "https://en.inform.kz/amp/news/slug_a4075137/",
])
def test_canonical_url_is_idempotent(url: str) -> None:
    once = canonical_url(url, JOOMLA)
    assert canonical_url(once, JOOMLA) == once


def test_path_case_is_kept() -> None:
    assert canonical_url("https://X.KZ/News/Slug") == "https://x.kz/News/Slug"


def test_same_site_accepts_subdomains_only_of_listed_hosts() -> None:
    hosts = {"inform.kz", "qazinform.com"}
    assert same_site("https://kaz.inform.kz/news/x/", hosts)
    assert same_site("https://qazinform.com/news/x", hosts)
    assert not same_site("https://inform.kz.evil.example/x", hosts)
    assert not same_site("https://notinform.kz/x", hosts)
