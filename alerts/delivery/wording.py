"""The words of a message in Russian and English: scopes, metrics, kinds of change,
directions, figures with units, periods and dates.

Figures use metric units as the team reads them: "18 млн т" / "18 million t",
"372 000 ДФЭ" / "372,000 TEU", "15 поездов в сутки" / "15 trains per day".
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime

LANGUAGES = ("ru", "en")

SCOPES = {
    "kz-cn": ("Казахстан — Китай", "Kazakhstan–China"),
    "dostyk-alashankou": ("Достык — Алашанькоу", "Dostyk–Alashankou"),
    "altynkol-khorgos": ("Алтынколь — Хоргос", "Altynkol–Khorgos"),
    "bakhty-tacheng": ("Бахты — Тачэн", "Bakhty–Tacheng"),
}
METRICS = {
    "freight_tonnes": ("Объём перевозок", "Freight volume"),
    "containers_teu": ("Контейнерные перевозки", "Container traffic"),
    "trains": ("Число поездов", "Number of trains"),
    "wagons": ("Число вагонов", "Number of wagons"),
    "trains_per_day": ("Поездов в сутки", "Trains per day"),
    "train_limit_per_day": ("Лимит поездов в сутки", "Trains allowed per day"),
    "capacity_tonnes_per_year": ("Пропускная способность", "Capacity"),
    "processing_hours": ("Время обработки", "Processing time"),
}
KINDS = {
    "train_limit": ("изменение лимита поездов", "change of the train limit"),
    "capacity": ("изменение пропускной способности", "change of capacity"),
    "closure": ("закрытие / приостановка движения", "closure / suspension"),
    "reopening": ("возобновление движения", "reopening"),
    "infrastructure": ("ввод инфраструктуры", "new infrastructure in service"),
    "processing_time": ("изменение времени обработки", "change of processing time"),
    "schedule": ("изменение графика", "change of schedule"),
}
DIRECTIONS = {
    "export": ("экспорт в Китай", "export to China"),
    "import": ("импорт из Китая", "import from China"),
    "transit": ("транзит", "transit"),
}
UNIT_OF_METRIC = {
    "freight_tonnes": "tonnes",
    "containers_teu": "teu",
    "trains": "trains",
    "wagons": "wagons",
    "trains_per_day": "trains_per_day",
    "train_limit_per_day": "trains_per_day",
    "capacity_tonnes_per_year": "tonnes_per_year",
    "processing_hours": "hours",
}
# Russian forms for 1, 2-4 and 5+ (and a fraction takes the second), English singular/plural.
_COUNTED = {
    "trains": (("поезд", "поезда", "поездов"), ("train", "trains")),
    "wagons": (("вагон", "вагона", "вагонов"), ("wagon", "wagons")),
    "trains_per_day": (("поезд в сутки", "поезда в сутки", "поездов в сутки"), ("train per day", "trains per day")),
    "hours": (("час", "часа", "часов"), ("hour", "hours")),
}
_MONTHS = (
    ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь",
     "декабрь"),
    ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"),
)


def pick(table: dict[str, tuple[str, str]], key: str | None, language: str) -> str:
    """The word for ``key``, or the key itself for something the table does not know."""
    if key is None:
        return ""
    words = table.get(key)
    return words[_index(language)] if words else key


def unit_of(metric: str | None, unit: str | None = None) -> str | None:
    return unit or UNIT_OF_METRIC.get(metric or "")


def quantity(value: float | None, unit: str | None, language: str) -> str | None:
    """A figure with its unit: "18,5 млн т", "18.5 million t", "1 820 поездов"."""
    if value is None:
        return None
    ru = language == "ru"
    if unit in ("tonnes", "tonnes_per_year"):
        per_year = (" в год" if ru else " per year") if unit == "tonnes_per_year" else ""
        for scale, words in ((1e9, ("млрд т", "billion t")), (1e6, ("млн т", "million t"))):
            if abs(value) >= scale:
                return f"{number(value / scale, language)} {words[0 if ru else 1]}{per_year}"
        return f"{number(value, language)} {'т' if ru else 't'}{per_year}"
    if unit == "teu":
        return f"{number(value, language)} {'ДФЭ' if ru else 'TEU'}"
    if unit in _COUNTED:
        russian, english = _COUNTED[unit]
        word = russian[_russian_form(value)] if ru else english[0 if value == 1 else 1]
        return f"{number(value, language)} {word}"
    return number(value, language) if unit is None else f"{number(value, language)} {unit}"


def number(value: float, language: str) -> str:
    """Up to two decimals; thousands split by a no-break space (ru) or a comma (en)."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if language == "ru":
        return text.replace(",", "\u00a0").replace(".", ",")
    return text


def percent(value: float | None, language: str) -> str | None:
    if value is None:
        return None
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return f"{sign}{number(abs(value), language)}{' %' if language == 'ru' else '%'}"


def period(start: date | None, end: date | None, language: str) -> str | None:
    """A calendar year, a run of whole months, a day, or a range of days."""
    if start is None or end is None:
        return None
    months = _MONTHS[_index(language)]
    if start == end:
        return day(start, language)
    whole_months = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    if whole_months and start.year == end.year:
        if (start.month, end.month) == (1, 12):
            return f"{start.year} год" if language == "ru" else str(start.year)
        if start.month == end.month:
            return f"{months[start.month - 1]} {start.year}"
        return f"{months[start.month - 1]}–{months[end.month - 1]} {start.year}"
    return f"{day(start, language)} – {day(end, language)}"


def day(value: date | None, language: str) -> str | None:
    if value is None:
        return None
    if language == "ru":
        return value.strftime("%d.%m.%Y")
    return f"{value.day} {_MONTHS[1][value.month - 1]} {value.year}"


def day_of(value: object, language: str) -> str | None:
    """A stored date (ISO text in ``details``) as a day; anything else as it is."""
    if value is None or value == "":
        return None
    try:
        return day(date.fromisoformat(str(value)[:10]), language)
    except ValueError:
        return str(value)


def moment(value: object, language: str) -> str | None:
    """A stored timestamp (ISO text in ``details``) as a day and a UTC time; anything
    else as it is (a message is better than none)."""
    if value is None or value == "":
        return None
    try:
        when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    when = when.astimezone(UTC) if when.tzinfo else when
    return f"{day(when.date(), language)} {when.strftime('%H:%M')} UTC"


def _index(language: str) -> int:
    return 0 if language == "ru" else 1


def _russian_form(value: float) -> int:
    if not float(value).is_integer():
        return 1
    n = abs(int(value))
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2
