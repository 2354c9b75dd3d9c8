"""An alert as a message: what happened, the figure with its unit and period, the
change, the quote and a link to every source, in Russian or English.

Three forms come from the same Jinja2 templates (``templates/<language>/``):
Telegram HTML (only the tags Telegram allows, within its 4096 characters), email
(a subject, an HTML body and the plain text) and plain text (the fallback when a
channel refuses the formatted message). Everything scraped — quotes, titles, URLs,
outlet names — is escaped by the templates' autoescaping, never by hand.

``alert.details`` keys read here (all optional):

- ``old_value``: the value before a crossing change (else ``alert.previous_value``);
- ``unit``: the unit of the figures when ``alert.metric`` does not tell it (tonnes,
  tonnes_per_year, teu, trains, wagons, trains_per_day, hours);
- ``metric``: the metric when ``alert.metric`` is empty;
- ``change_pct``: the change against the same period a year before, in percent;
- ``replaced_value`` / ``replaced_effective``: what an earlier revision said (updates);
- ``previous_source`` / ``previous_url``: the outlet and link of the previous maximum
  when its article is not passed in;
- operational alerts: ``since``, ``verdict``, ``error``, ``last_success``,
  ``last_new_article`` (ISO timestamps), ``quiet_limit_hours``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from alerts.delivery import wording as w
from worker.storage.models import Alert, Article

TELEGRAM_LIMIT = 4096
"""Telegram's limit for one message, in UTF-16 code units."""
QUOTE_LIMIT = 1200
TITLE_LIMIT = 200

_TEMPLATES = Path(__file__).with_name("templates")
_OPTIONS: dict[str, Any] = {"trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": False,
                            "undefined": StrictUndefined}
_HTML = Environment(loader=FileSystemLoader(_TEMPLATES), autoescape=True, **_OPTIONS)
_TEXT = Environment(loader=FileSystemLoader(_TEMPLATES), autoescape=False, **_OPTIONS)

# Shrinking steps for Telegram: (quote characters, sources listed, title characters).
_TELEGRAM_STEPS = ((QUOTE_LIMIT, 20, TITLE_LIMIT), (600, 10, 120), (300, 5, 80), (0, 3, 60), (0, 1, 40))


@dataclass(frozen=True, slots=True)
class Message:
    subject: str
    text: str
    html: str
    """Telegram: the HTML body as sent. Email: an HTML document. With ``plain``: the text, escaped."""


def render(alert: Alert, sources: Sequence[Article], *, language: str, kind: str, plain: bool = False,
           purpose: str = "alert", previous_article: Article | None = None) -> Message:
    """The message of one alert for one target. ``purpose`` "update" marks a revision."""
    language = language if language in w.LANGUAGES else "en"
    context = _alert_context(alert, language, previous_article)
    context["update"] = purpose == "update"
    return _compose(context, _listed(sources, language), language, kind, plain)


def render_failure_notice(alert: Alert, failed_label: str, *, language: str, kind: str,
                          plain: bool = False) -> Message:
    """The short notice that ``alert`` could not be delivered to another target."""
    language = language if language in w.LANGUAGES else "en"
    context = _alert_context(alert, language, None)
    about = " ".join(_TEXT.get_template(f"{language}/subject.j2").render(**context).split())
    context |= {"notice": "failure", "failed": short_label(failed_label), "quote": "",
                "about": about.removeprefix("[railwatch] ")}
    return _compose(context, [], language, kind, plain)


def render_test(*, language: str, kind: str, plain: bool = False) -> Message:
    """``railwatch alerts test``: proof that a target receives messages."""
    language = language if language in w.LANGUAGES else "en"
    return _compose({**_EMPTY, "notice": "test"}, [], language, kind, plain)


def short_label(label: str) -> str:
    """A target's privacy label without its query string, for people to read."""
    return label.partition("?")[0]


def telegram_length(body: str) -> int:
    """Length as Telegram counts it: UTF-16 code units, with apprise's CRLF line ends."""
    return len(body.replace("\n", "\r\n").encode("utf-16-le")) // 2


_EMPTY: dict[str, Any] = {
    "notice": None, "update": False, "replaced": None, "alert_id": None, "type": None, "basis": None,
    "scope": "", "metric": "", "direction": None, "value": None, "period": None, "change_pct": None,
    "previous": None, "previous_period": None, "previous_source": None, "kind": "", "old": None, "new": None,
    "effective": None, "since": None, "verdict": None, "error": None, "last_success": None,
    "last_new_article": None, "quiet_limit": None, "quote": "", "failed": None, "about": None,
}


def _alert_context(alert: Alert, language: str, previous_article: Article | None) -> dict[str, Any]:
    details = alert.details or {}
    metric = alert.metric or details.get("metric")
    unit = w.unit_of(metric, details.get("unit"))
    value = w.quantity(alert.value, unit, language)
    old = details.get("old_value", alert.previous_value)
    context = {
        **_EMPTY,
        "alert_id": alert.id, "type": alert.type, "basis": alert.basis,
        "scope": w.pick(w.SCOPES, alert.scope, language),
        "metric": w.pick(w.METRICS, metric, language),
        "direction": w.pick(w.DIRECTIONS, alert.direction, language) if alert.direction not in (None, "total")
        else None,
        "value": value, "new": value,
        "period": w.period(alert.period_start, alert.period_end, language),
        "change_pct": w.percent(details["change_pct"], language)
        if isinstance(details.get("change_pct"), int | float) else None,
        "previous": w.quantity(alert.previous_value, unit, language),
        "previous_period": w.period(alert.previous_period_start, alert.previous_period_end, language),
        "previous_source": _previous_source(details, previous_article),
        "kind": w.pick(w.KINDS, alert.kind, language),
        "old": w.quantity(float(old), unit, language) if isinstance(old, int | float) else None,
        "effective": w.day(alert.effective, language),
        "replaced": _replaced(details, unit, language),
        "quote": " ".join((alert.quote or "").split()),
    }
    if alert.basis == "ops":
        context |= {
            "since": w.moment(details.get("since"), language),
            "verdict": details.get("verdict"),
            "error": _clip(str(details.get("error") or ""), 300) or None,
            "last_success": w.moment(details.get("last_success"), language),
            "last_new_article": w.moment(details.get("last_new_article"), language),
            "quiet_limit": w.number(float(details["quiet_limit_hours"]), language)
            if isinstance(details.get("quiet_limit_hours"), int | float) else None,
        }
    return context


def _previous_source(details: dict[str, Any], article: Article | None) -> dict[str, str | None] | None:
    if article is not None:
        return {"name": article.source.name if article.source else _host(article.url), "url": _safe_url(article.url)}
    if details.get("previous_source") or details.get("previous_url"):
        url = _safe_url(details.get("previous_url"))
        return {"name": str(details.get("previous_source") or _host(url or "")), "url": url}
    return None


def _replaced(details: dict[str, Any], unit: str | None, language: str) -> str | None:
    parts = []
    if isinstance(details.get("replaced_value"), int | float):
        parts.append(w.quantity(float(details["replaced_value"]), unit, language))
    if details.get("replaced_effective"):
        parts.append(("с " if language == "ru" else "from ") + str(w.day_of(details["replaced_effective"], language)))
    return ", ".join(p for p in parts if p) or None


def _listed(sources: Sequence[Article], language: str) -> list[dict[str, Any]]:
    """One entry per distinct URL, in the order given."""
    seen: set[str] = set()
    listed = []
    for article in sources:
        if article.url in seen:
            continue
        seen.add(article.url)
        name = article.source.name if article.source else _host(article.url)
        published = w.day(article.published_on, language)
        listed.append({"url": _safe_url(article.url), "name": name,
                       "title": " ".join((article.title or article.url).split()),
                       "published": f", {published}" if published else ""})
    return listed


def _compose(context: dict[str, Any], sources: list[dict[str, Any]], language: str, kind: str,
             plain: bool) -> Message:
    subject = " ".join(_TEXT.get_template(f"{language}/subject.j2").render(**context).split())
    if kind != "telegram":
        text, body = _bodies(context, sources, language, QUOTE_LIMIT * 2, len(sources), TITLE_LIMIT * 2,
                             links_visible=kind == "email")
        if plain:
            return Message(subject, text, html.escape(text, quote=False))
        if kind == "email":
            body = _HTML.get_template("email.html.j2").render(
                language=language, subject=subject, body=_markup_lines(body))
        return Message(subject, text, body)
    for quote_limit, source_limit, title_limit in _TELEGRAM_STEPS:
        text, body = _bodies(context, sources, language, quote_limit, source_limit, title_limit)
        sent = html.escape(text, quote=False) if plain else body
        if telegram_length(sent) <= TELEGRAM_LIMIT:
            return Message(subject, text, sent)
    # Only an absurd alert gets here: cut the plain text, then escape it, so neither a
    # tag nor an entity can be cut in half.
    cut = text
    while telegram_length(html.escape(cut, quote=False)) > TELEGRAM_LIMIT:
        cut = cut[: int(len(cut) * 0.9)]
    cut = cut.rstrip() + "…"
    return Message(subject, cut, html.escape(cut, quote=False))


def _bodies(context: dict[str, Any], sources: list[dict[str, Any]], language: str, quote_limit: int,
            source_limit: int, title_limit: int, links_visible: bool = False) -> tuple[str, str]:
    listed = [{**s, "label": f"{s['name']}: {_clip(s['title'], title_limit)}"} for s in sources[:source_limit]]
    values = {**context, "quote": _clip(context["quote"], quote_limit), "sources": listed,
              "hidden_sources": len(sources) - len(listed), "links_visible": links_visible}
    template = f"{language}/message.j2"
    text = _TEXT.get_template(template).render(markup="text", **values).strip()
    body = _HTML.get_template(template).render(markup="html", **values).strip()
    return text, body


def _markup_lines(body: str) -> Any:
    """One block per line: mail clients show it as written, and the plain-text part
    apprise derives from it keeps the same lines (no stray indents from ``<br>\n``)."""
    from markupsafe import Markup

    blocks = [line if line.startswith("<blockquote>") else f"<div>{line or '<br>'}</div>"
              for line in body.split("\n")]
    return Markup("".join(blocks))  # the templates escaped everything scraped


def _clip(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word boundary, with an ellipsis."""
    if len(text) <= limit:
        return text
    if limit <= 1:
        return ""
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:—-") + "…"


def _safe_url(url: object) -> str | None:
    """Only web links become links; anything else is shown as text."""
    text = str(url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else None


def _host(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[0] or url
