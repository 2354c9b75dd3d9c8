"""Targets from RAILWATCH_APPRISE_URLS and an apprise config file: one per Telegram
chat, HTML and overflow enforced, apprise's retry off, secrets kept out of keys and labels."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr

from alerts.delivery.targets import TargetError, load_targets, make_target, split_urls
from tests.alerts.delivery.support import BOT_TOKEN, telegram_url
from worker.settings import Settings

SECRET = BOT_TOKEN.split(":")[1]


def settings(urls: str | None = None, config: Path | None = None) -> Settings:
    return Settings(apprise_urls=SecretStr(urls) if urls else None, apprise_config=config)


def query(url: str) -> dict[str, str]:
    from urllib.parse import parse_qsl

    return dict(parse_qsl(url.partition("?")[2]))


def test_urls_split_on_whitespace_newlines_and_commas_but_not_inside_a_url() -> None:
    raw = (f"{telegram_url()},mailto://127.0.0.1:2525/?from=bot@example.com&to=a@example.com,b@example.com\n"
           "  json://localhost/hook ")
    assert split_urls(raw) == [telegram_url(), "mailto://127.0.0.1:2525/?from=bot@example.com&to=a@example.com,"
                               "b@example.com", "json://localhost/hook"]
    kinds = [t.kind for t in load_targets(settings(raw))]
    assert kinds == ["telegram", "email", "json"]


def test_a_telegram_url_with_several_chats_is_one_target_per_chat() -> None:
    targets = load_targets(settings(f"tgram://{BOT_TOKEN}/-1001/-1002/@channel/?format=markdown&retry=3"))
    assert len(targets) == 3 and len({t.key for t in targets}) == 3
    for target, chat in zip(targets, ("-1001", "-1002", "@channel"), strict=True):
        assert target.kind == "telegram"
        assert f"/{chat}/" in target.url and f"/{chat}/" in target.label
        params = query(target.url)
        assert params["format"] == "html" and params["overflow"] == "split" and params["retry"] == "0"
        # connecting gives up sooner than reading: a read timeout is told from a refusal
        assert float(params["cto"]) < float(params["rto"])


def test_truncate_is_kept_when_asked_for_and_upstream_is_not() -> None:
    [kept] = make_target(f"tgram://{BOT_TOKEN}/-1001/?overflow=truncate")
    [split] = make_target(f"tgram://{BOT_TOKEN}/-1001/?overflow=upstream")
    assert query(kept.url)["overflow"] == "truncate" and query(split.url)["overflow"] == "split"


def test_keys_are_stable_and_labels_and_reprs_hold_no_secret() -> None:
    [first] = make_target(f"tgram://{BOT_TOKEN}/-1001/?preview=no&silent=yes")
    [again] = make_target(f"tgram://{BOT_TOKEN}/-1001/?silent=yes&preview=no")
    assert first.key == again.key and len(first.key) == 16
    [email] = make_target("mailtos://user:hunter2secret@smtp.example.com:587/?from=bot@example.com&to=t@example.com")
    for target in (first, email):
        shown = f"{target.label} {target!r} {target} {target.key}"
        assert SECRET not in shown and "hunter2secret" not in shown
    assert first.label.startswith("tgram://1...1/-1001/")
    assert email.label.startswith("mailtos://user:****@smtp.example.com")


def test_the_config_file_gives_targets_with_their_tags(tmp_path: Path) -> None:
    config = tmp_path / "apprise.yaml"
    config.write_text(f"""urls:
  - tgram://{BOT_TOKEN}/-1001/-1002/:
      tag: ops, news
  - mailto://127.0.0.1:2525/?from=bot@example.com&to=team@example.com:
      tag: news
""")
    targets = load_targets(settings(config=config))
    assert [(t.kind, sorted(t.tags)) for t in targets] == [
        ("telegram", ["news", "ops", "telegram"]), ("telegram", ["news", "ops", "telegram"]),
        ("email", ["email", "news"])]
    # the same chat in the variable and the file is one target, with the file's tags
    both = load_targets(settings(f"tgram://{BOT_TOKEN}/-1001/", config))
    assert len(both) == 3 and "ops" in both[0].tags


@pytest.mark.parametrize(("url", "shown"), [
    (f"tgram://{BOT_TOKEN}/", "tgram://1...1/"),
    ("mailto://127.0.0.1:25/?to=team@example.com", "mailto://1...m"),
    (f"nosuchschema://{BOT_TOKEN}@host", "nosuchschema://1...t"),
])
def test_an_unusable_url_is_a_clear_error_in_privacy_form(url: str, shown: str) -> None:
    with pytest.raises(TargetError) as error:
        load_targets(settings(url))
    assert shown in str(error.value)
    assert SECRET not in str(error.value)


def test_a_missing_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(TargetError, match="does not exist"):
        load_targets(settings(config=tmp_path / "nope.yaml"))


def test_no_targets_configured_is_an_empty_list() -> None:
    assert load_targets(settings()) == []
