"""Alert messages: what happened, the figure with its unit and period, the change,
the quote, and a link to every source — in Russian or English, for Telegram (HTML,
within its 4096 characters) or email (subject, HTML and a plain-text alternative).

Every scraped string is escaped by the templates (autoescape); only Telegram's own
tags (b, i, a) are written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from worker.storage.models import Alert, Article

TELEGRAM_LIMIT = 4096
_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)

SCOPES = {
    "kz-cn": {"ru": "Казахстан — Китай", "en": "Kazakhstan–China"},
    "dostyk-alashankou": {"ru": "Достык — Алашанькоу", "en": "Dostyk–Alashankou"},
    "altynkol-khorgos": {"ru": "Алтынколь — Хоргос", "en": "Altynkol–Khorgos"},
    "bakhty-tacheng": {"ru": "Бахты — Тачэн", "en": "Bakhty–Tacheng"},
}
METRICS = {
    "freight_tonnes": {"ru": "объём перевозок", "en": "freight volume"},
    "containers_teu": {"ru": "контейнерные перевозки", "en": "container traffic"},
    "trains": {"ru": "число поездов", "en": "number of trains"},
    "wagons": {"ru": "число вагонов", "en": "number of wagons"},
    "trains_per_day": {"ru": "поездов в сутки", "en": "trains per day"},
    "train_limit_per_day": {"ru": "лимит поездов в сутки", "en": "trains allowed per day"},
    "capacity_tonnes_per_year": {"ru": "пропускная способность", "en": "capacity"},
    "processing_hours": {"ru": "время обработки", "en": "processing time"},
}
KINDS = {
    "train_limit": {"ru": "изменение числа поездов в сутки", "en": "change in trains allowed per day"},
    "capacity": {"ru": "изменение пропускной способности", "en": "capacity change"},
    "closure": {"ru": "закрытие / приостановка", "en": "closure / suspension"},
    "reopening": {"ru": "возобновление движения", "en": "reopening"},
    "infrastructure": {"ru": "ввод инфраструктуры", "en": "new infrastructure in service"},
    "processing_time": {"ru": "изменение времени обработки", "en": "processing time change"},
    "schedule": {"ru": "изменение графика", "en": "schedule change"},
}
DIRECTIONS = {
    "export": {"ru": "экспорт в Китай", "en": "export to China"},
    "import": {"ru": "импорт из Китая", "en": "import from China"},
    "transit": {"ru": "транзит", "en": "transit"},
    "total": {"ru": "в обе стороны", "en": "both directions"},
}
_MONTHS = {
    "ru": ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
           "ноябрь", "декабрь"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}


@dataclass(frozen=True, slots=True)
class Message:
    subject: str
    text: str
    html: str


def render(alert: Alert, sources: Sequence[Article], *, language: str, kind: str, plain: bool = False,
           purpose: str = "alert", about: str | None = None) -> Message:
    """The message for one target. ``kind`` is the target's (telegram, email, ...)."""
    language = language if language in ("ru", "en") else "en"
    context = _context(alert, sources, language, purpose, about)
    context["show_urls"] = kind == "email"  # the plain-text part apprise derives keeps the links
    subject = _TEMPLATES.get_template(f"{language}/subject.txt").render(**context).strip()
    text = _TEMPLATES.get_template(f"{language}/message.txt").render(**context).strip()
    html = _TEMPLATES.get_template(f"{language}/message.html").render(**context).strip()
    if kind == "telegram":
        html, text = _fit(alert, sources, language, purpose, about, html, text)
    return Message(subject=subject, text=text, html=text if plain else html)


def _fit(alert: Alert, sources: Sequence[Article], language: str, purpose: str, about: str | None,
         html: str, text: str) -> tuple[str, str]:
    """Trim the quote, then the list of sources, until the message fits Telegram."""
    quote_limit, source_limit = 1500, len(sources)
    while len(html) > TELEGRAM_LIMIT - 96 or len(text) > TELEGRAM_LIMIT - 96:
        if quote_limit > 200:
            quote_limit //= 2
        elif source_limit > 3:
            source_limit = max(3, source_limit // 2)
        else:
            quote_limit = 0
        context = _context(alert, sources[:source_limit], language, purpose, about, quote_limit,
                           hidden_sources=len(sources) - source_limit)
        context["show_urls"] = False
        html = _TEMPLATES.get_template(f"{language}/message.html").render(**context).strip()
        text = _TEMPLATES.get_template(f"{language}/message.txt").render(**context).strip()
        if quote_limit == 0 and source_limit <= 3:
            break
    return html[:TELEGRAM_LIMIT], text[:TELEGRAM_LIMIT]


def _context(alert: Alert, sources: Sequence[Article], language: str, purpose: str, about: str | None,
             quote_limit: int = 1500, hidden_sources: int = 0) -> dict[str, Any]:
    details = alert.details or {}
    metric = alert.metric or details.get("metric")
    quote = (alert.quote or "").strip()
    if len(quote) > quote_limit:
        quote = quote[:max(0, quote_limit - 1)].rstrip() + "…" if quote_limit else ""
    return {
        "alert": alert,
        "purpose": purpose,
        "about": about,
        "update": purpose == "update",
        "failure": purpose.startswith("failure:"),
        "scope": SCOPES.get(alert.scope or "", {}).get(language, alert.scope or ""),
        "metric": METRICS.get(metric or "", {}).get(language, metric or ""),
        "kind": KINDS.get(alert.kind or "", {}).get(language, alert.kind or ""),
        "direction": (DIRECTIONS.get(alert.direction or "", {}).get(language)
                      if alert.direction not in (None, "total") else None),
        "value": quantity(alert.value, metric, language),
        "old_value": quantity(details.get("old_value", alert.previous_value), metric, language),
        "previous": quantity(alert.previous_value, metric, language),
        "period": period(alert.period_start, alert.period_end, language),
        "previous_period": period(alert.previous_period_start, alert.previous_period_end, language),
        "previous_source": _source_of(alert.previous_article_id, sources),
        "effective": day(alert.effective, language),
        "change_pct": details.get("change_pct"),
        "quote": quote,
        "sources": [{"name": a.source.name if a.source else "", "title": a.title or a.url, "url": a.url,
                     "published": day(a.published_on, language)} for a in sources],
        "hidden_sources": hidden_sources,
        "details": details,
    }


def _source_of(article_id: int | None, sources: Sequence[Article]) -> str | None:
    for article in sources:
        if article.id == article_id:
            return article.url
    return None


def quantity(value: float | None, metric: str | None, language: str) -> str | None:
    """"22,2 млн т", "22.2 million t", "372 000 TEU" / "372,000 TEU", "15 поездов в сутки"."""
    if value is None:
        return None
    ru = language == "ru"
    units = {
        "freight_tonnes": ("т", "t"), "capacity_tonnes_per_year": ("т в год", "t/year"),
        "containers_teu": ("ДФЭ", "TEU"), "trains": ("поездов", "trains"), "wagons": ("вагонов", "wagons"),
        "trains_per_day": ("поездов в сутки", "trains/day"), "train_limit_per_day": ("поездов в сутки", "trains/day"),
        "processing_hours": ("ч", "h"),
    }
    unit = units.get(metric or "", ("", ""))[0 if ru else 1]
    if value >= 1_000_000 and metric in ("freight_tonnes", "capacity_tonnes_per_year"):
        number = f"{value / 1_000_000:.2f}".rstrip("0").rstrip(".")
        scaled = (number.replace(".", ",") + " млн") if ru else (number + " million")
        return f"{scaled} {unit}".strip()
    if float(value).is_integer():
        number = f"{int(value):,}".replace(",", "\u00a0" if ru else ",")
    else:
        number = f"{value:,.2f}".rstrip("0").rstrip(".")
        number = number.replace(",", "\u00a0").replace(".", ",") if ru else number
    return f"{number} {unit}".strip()


def period(start: date | None, end: date | None, language: str) -> str | None:
    if start is None or end is None:
        return None
    months = _MONTHS[language]
    if start == end:
        return day(start, language)
    if start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31 and start.year == end.year:
        return f"{start.year} год" if language == "ru" else str(start.year)
    if start.day == 1 and start.year == end.year:
        if start.month == end.month:
            return f"{months[start.month - 1]} {start.year}"
        return f"{months[start.month - 1]}–{months[end.month - 1]} {start.year}"
    return f"{day(start, language)} – {day(end, language)}"


def day(value: date | None, language: str) -> str | None:
    if value is None:
        return None
    return value.strftime("%d.%m.%Y") if language == "ru" else value.isoformat()
