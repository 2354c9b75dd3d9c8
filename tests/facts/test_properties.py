"""Any text at all: the extractor never raises, never hangs, and quotes only what it read."""

from __future__ import annotations

import time
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from worker.facts import extract
from worker.facts.sentences import normalize

# Words that steer the extractor into its deeper paths, mixed with arbitrary text.
VOCABULARY = [
    "Достык", "Алтынколь", "Хоргос", "Khorgos", "Dostyk", "Бахты", "Қорғас", "阿拉山口", "между Казахстаном и Китаем",
    "Kazakhstan and China", "Қазақстан мен Қытай", "млн", "million", "тыс.", "мың", "тонн", "tonnes", "т", "Mt",
    "TEU", "ДФЭ", "ЖФЭ", "поездов", "trains", "вагонов", "в сутки", "per day", "часов", "hours", "минут", "суток",
    "с", "до", "from", "to", "по", "-", "–", "—", "на", "by", "%", "раза", "times", "вдвое", "doubled",
    "в 2024 году", "in 2025", "2023 жылы", "январь–май", "first half", "H1", "9M", "за 5 месяцев", "last year",
    "өткен жылы", "с начала года", "рекорд", "record", "рекордтық", "экспорт", "import", "транзит", "обмен",
    "планируется", "will", "приостановлен", "resumed", "введен в эксплуатацию", "пропускная способность",
    "1 марта", "from 1 March", "on July 9", ",", ".", ":", ";", "(", ")", "\n", "\n\n", "22,2", "1 185 306",
    "64,500", "12.6", "2.4m", "шести", "two", "екі", "1000-й", "Синьхуа", "Xinhua", "со стороны КНР",
]
texts = st.lists(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=12)), max_size=80).map(" ".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, published=st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2035, 12, 31))))
def test_never_raises_and_quotes_are_exact(text: str, published: date | None) -> None:
    result = extract(text, published=published)
    for fact in result.facts:
        assert fact.quote == text[fact.start:fact.end]
        assert fact.value > 0
        if fact.period is not None:
            assert fact.period[0] <= fact.period[1]
    for event in result.events:
        assert event.quote == text[event.start:event.end]
    contract = result.to_contract("-")
    assert set(contract) == {"source", "published", "language", "facts", "events"}
    assert result.language in ("ru", "en", "kk")


@settings(max_examples=300, deadline=None)
@given(text=st.text())
def test_arbitrary_unicode(text: str) -> None:
    result = extract(text)
    assert all(f.quote == text[f.start:f.end] for f in result.facts)
    assert all(e.quote == text[e.start:e.end] for e in result.events)


@given(text=st.text())
def test_normalize_keeps_every_offset(text: str) -> None:
    assert len(normalize(text)) == len(text)


def test_a_megabyte_of_adversarial_text_finishes_quickly() -> None:
    """Inputs built to make patterns backtrack (long digit runs, separators, dashes,
    spaces, words that start many terms) must stay linear."""
    chunks = [
        "1 " * 50_000,                        # space-grouped "thousands" without end
        "1,1,1,1," * 15_000,
        "1.1.1.1." * 15_000,
        "- " * 50_000 + "тонн",
        "с 1 до 2 до 3 до 4 " * 6_000,
        "a" * 100_000 + " млн",
        "январь-" * 15_000,
        "Достык " * 15_000 + "22,2 млн тонн",
        "между казахстаном и " * 5_000,
        "экспорт из " * 10_000,
        "." * 50_000,
        "\n" * 50_000,
        "kazakh-" * 15_000,
    ]
    text = "".join(chunks)[:1_000_000]
    started = time.process_time()
    result = extract(text, published=date(2025, 1, 1))
    assert time.process_time() - started < 20  # a bound against catastrophic backtracking, not a benchmark
    assert all(f.quote == text[f.start:f.end] for f in result.facts)


def test_not_a_string_is_no_error() -> None:
    assert extract(None).facts == []  # type: ignore[arg-type]
    assert extract("").facts == []


def test_runs_of_one_character_stay_linear() -> None:
    """"....." once made the sentence splitter retry every dot (quadratic): every
    character and short token, repeated 100 000 times, must take well under a second."""
    tokens = [*".,;:!?()-–—…\"'«»/\\%+*#№ \n\t1aаәт阿", "1 ", "1.", "1,", "с ", "a ", "- ", "в ", "and ", "по "]
    for token in tokens:
        text = token * (100_000 // len(token))
        started = time.process_time()
        extract(text, published=date(2025, 1, 1))
        assert time.process_time() - started < 2, repr(token)
