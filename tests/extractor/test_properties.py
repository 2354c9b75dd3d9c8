"""Any text at all: the extractor never raises, never hangs, and quotes only what it read."""

from __future__ import annotations

import time
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from worker.extractor import extract

# Words that steer the extractor into its deeper paths, mixed with arbitrary text.
VOCABULARY = [
    "Достык", "Алтынколь", "Хоргос", "Khorgos", "Dostyk", "Бахты", "между Казахстаном и Китаем", "Kazakhstan and China",
    "млн", "million", "тонн", "tonnes", "TEU", "ДФЭ", "поездов", "trains", "вагонов", "в сутки", "per day", "часов",
    "hours", "с", "до", "from", "to", "-", "–", "на", "by", "%", "в 2024 году", "in 2025", "январь–май", "first half",
    "рекорд", "record", "экспорт", "import", "транзит", "планируется", "will", "приостановлен", "resumed", "1 марта",
    "from 1 March", ",", ".", "\n", "22,2", "1 185 306", "64,500", "12.6", "шести", "two", "Қытайға", "мың", "тонна",
]
texts = st.lists(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=12)), max_size=60).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, published=st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2035, 12, 31))))
def test_never_raises_and_quotes_are_exact(text: str, published: date | None) -> None:
    result = extract(text, published=published)
    for fact in result.facts:
        assert fact.quote in text
        assert fact.value > 0
        if fact.period:
            assert fact.period[0] <= fact.period[1]
    for event in result.events:
        assert event.quote in text
    contract = result.to_contract("-")
    assert set(contract) == {"source", "published", "language", "facts", "events"}


@settings(max_examples=200, deadline=None)
@given(text=st.text())
def test_arbitrary_unicode(text: str) -> None:
    result = extract(text)
    assert all(f.quote in text for f in result.facts)


def test_a_megabyte_of_adversarial_text_finishes_quickly() -> None:
    """Patterns built to backtrack (long digit runs, separators, dashes, spaces) must not."""
    chunks = [
        "1 " * 50_000,                       # space-grouped "thousands" without end
        "1,1,1,1," * 20_000,
        "- " * 60_000 + "тонн",
        "с 1 до 2 до 3 до 4 " * 8_000,
        "a" * 100_000 + " млн",
        "январь-" * 20_000,
        "Достык " * 20_000 + "22,2 млн тонн",
    ]
    text = "".join(chunks)[:1_000_000]
    started = time.process_time()
    extract(text, published=date(2025, 1, 1))
    assert time.process_time() - started < 30  # a bound against catastrophic backtracking, not a benchmark
