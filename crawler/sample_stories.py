"""Invented news stories for the sample sites, in the three languages, with the kinds of
figures the real sources print (volumes, trains per day, limits, closures), and some
that have nothing to do with freight."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

RU_MONTHS = ["январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре",
             "ноябре", "декабре"]
RU_MONTHS_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
                 "ноября", "декабря"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
KK_MONTHS = ["қаңтарда", "ақпанда", "наурызда", "сәуірде", "мамырда", "маусымда", "шілдеде", "тамызда",
             "қыркүйекте", "қазанда", "қарашада", "желтоқсанда"]

Text = tuple[str, tuple[str, ...]]

# Every story ends the way the outlets' do: a paragraph of context.
CLOSING = {
    "ru": "Казахстан и Китай связывают два железнодорожных погранперехода – Достык – Алашанькоу и Алтынколь – "
          "Хоргос, через которые проходит основная часть взаимной торговли и транзита между Азией и Европой. "
          "Железнодорожники двух стран регулярно согласовывают планы перевозок и графики передачи поездов.",
    "en": "Kazakhstan and China are linked by two rail border crossings, Dostyk–Alashankou and Altynkol–Khorgos, "
          "which carry most of their mutual trade and of the transit between Asia and Europe. The railways of "
          "both countries agree their traffic plans and train handover schedules regularly.",
    "kk": "Қазақстан мен Қытайды екі теміржол шекара өткелі – Достық – Алашанькоу және Алтынкөл – Қорғас "
          "байланыстырады, олар арқылы өзара сауда мен Азия мен Еуропа арасындағы транзиттің негізгі бөлігі өтеді.",
}
CLOSING["kz"] = CLOSING["kk"]


@dataclass(frozen=True, slots=True)
class Story:
    name: str
    ru: Callable[[int, date], Text]
    en: Callable[[int, date], Text]
    kk: Callable[[int, date], Text]

    def render(self, language: str, n: int, day: date) -> Text:
        write = {"ru": self.ru, "kz": self.kk, "kk": self.kk, "en": self.en}[language]
        title, paragraphs = write(n, day)
        return title, (*paragraphs, CLOSING[language])


def _month_before(day: date) -> date:
    return date(day.year if day.month > 1 else day.year - 1, day.month - 1 if day.month > 1 else 12, 1)


def _volume(n: int, day: date) -> Text:
    m = _month_before(day)
    value = 2.1 + (n % 7) / 10
    total, dostyk, altynkol = (f"{v:.2f}".rstrip("0").replace(".", ",") for v in (value, value * 0.55, value * 0.45))
    return (f"Перевозки между Казахстаном и Китаем в {RU_MONTHS[m.month - 1]} составили {total} млн тонн",
            (f"В {RU_MONTHS[m.month - 1]} {m.year} года объем железнодорожных перевозок между Казахстаном и Китаем "
             f"составил {total} млн тонн, что на {3 + n % 9}% больше, чем годом ранее, сообщили в КТЖ.",
             f"Через погранпереход Достык – Алашанькоу перевезено {dostyk} млн тонн, через Алтынколь – Хоргос "
             f"– {altynkol} млн тонн.",
             "Основной рост обеспечили экспорт зерна, металлов и транзитные контейнерные поезда."))


def _volume_en(n: int, day: date) -> Text:
    m = _month_before(day)
    value = 2.1 + (n % 7) / 10
    return (f"Kazakhstan–China rail freight reaches {value:.1f} million tonnes in {EN_MONTHS[m.month - 1]}",
            (f"Rail freight between Kazakhstan and China amounted to {value:.1f} million tonnes in "
             f"{EN_MONTHS[m.month - 1]} {m.year}, up {3 + n % 9}% year on year, Kazakhstan Temir Zholy reported.",
             f"Exports to China grew to {value * 0.6:.2f} million tonnes, driven by grain and metals.",
             "The company said both border crossings operated without interruptions during the month."))


def _volume_kk(n: int, day: date) -> Text:
    m = _month_before(day)
    value = f"{2.1 + (n % 7) / 10:.1f}".replace(".", ",")
    return (f"Қазақстан мен Қытай арасындағы тасымал {value} млн тоннаға жетті",
            (f"{m.year} жылы {KK_MONTHS[m.month - 1]} Қазақстан мен Қытай арасындағы теміржол жүк тасымалы "
             f"{value} млн тоннаны құрады, деп хабарлады ҚТЖ.",
             "Экспорттың негізгі бөлігін астық пен металл құрады."))


def _trains(n: int, day: date) -> Text:
    trains = 620 + n * 11
    return (f"Через Хоргос прошло {trains} поездов Китай – Европа",
            (f"В {RU_MONTHS[_month_before(day).month - 1]} через КПП Хоргос прошло {trains} грузовых поездов по "
             f"маршруту Китай – Европа, сообщает местная таможня.",
             f"В среднем ежедневно через пункт пропуска проходит {18 + n % 6} поездов.",
             "Поезда везут электронику, автомобили и бытовые товары в страны Европы."))


def _trains_en(n: int, day: date) -> Text:
    trains = 620 + n * 11
    return (f"{trains} China-Europe trains cross at Khorgos",
            (f"In {EN_MONTHS[_month_before(day).month - 1]}, {trains} China–Europe freight trains passed through "
             f"the Khorgos border crossing, local customs said.",
             f"On average {18 + n % 6} trains a day crossed the border.",
             "Most of the trains carried electronics and cars."))


def _trains_kk(n: int, day: date) -> Text:
    return ("Қорғас арқылы жүк пойыздары көбейді",
            (f"{KK_MONTHS[_month_before(day).month - 1].capitalize()} Қорғас өткелі арқылы {620 + n * 11} жүк "
             "пойызы өтті.",
             "Пойыздар Еуропаға электроника мен автокөлік тасымалдайды."))


def _limit(n: int, day: date) -> Text:
    old, new = 12 + n % 4, 18 + n % 5
    start = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return (f"Число поездов через Достык увеличат до {new} в сутки",
            (f"Казахстан и Китай договорились увеличить передачу поездов через погранпереход Достык – Алашанькоу "
             f"с {old} до {new} в сутки с 1 {RU_MONTHS_GEN[start.month - 1]} {start.year} года, сообщили в КТЖ.",
             "Решение позволит сократить очереди экспортных грузов на приграничных станциях."))


def _limit_en(n: int, day: date) -> Text:
    old, new = 12 + n % 4, 18 + n % 5
    start = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return (f"Dostyk to handle {new} trains a day",
            (f"Kazakhstan and China agreed to increase the handover of trains to China at the Dostyk–Alashankou "
             f"crossing from {old} to {new} trains per day from {EN_MONTHS[start.month - 1]} 1, {start.year}.",
             "The measure should shorten queues of export cargo at border stations."))


def _closure(n: int, day: date) -> Text:
    return ("Прием грузов через Алтынколь временно приостановлен",
            (f"Из-за ремонта путей на китайской стороне прием грузов через погранпереход Алтынколь – Хоргос "
             f"приостановлен с {day.day} по {min(day.day + 2, 28)} {RU_MONTHS_GEN[day.month - 1]}.",
             "Грузоотправителей просят учитывать ограничение при планировании перевозок."))


def _closure_en(n: int, day: date) -> Text:
    return ("Altynkol suspends cargo acceptance for track works",
            (f"Cargo acceptance at the Altynkol–Khorgos crossing is suspended from {EN_MONTHS[day.month - 1]} "
             f"{day.day} to {min(day.day + 2, 28)} because of track works on the Chinese side.",
             "Shippers are advised to plan around the restriction."))


def _sport(n: int, day: date) -> Text:
    return ("Сборная КТЖ выиграла турнир по мини-футболу",
            ("Команда железнодорожников заняла первое место на корпоративном турнире в Астане.",
             "В финале спортсмены обыграли соперников со счетом 4:2."))


def _sport_en(n: int, day: date) -> Text:
    return ("KTZ team wins corporate football cup",
            ("The railway workers' team won the corporate mini-football tournament in Astana.",
             "The final ended 4-2."))


def _sport_kk(n: int, day: date) -> Text:
    return ("ҚТЖ командасы жарыста жеңіске жетті",
            ("Теміржолшылар командасы Астанадағы корпоративтік турнирде бірінші орын алды.",))


def _passenger(n: int, day: date) -> Text:
    return ("Из Алматы в Урумчи запустят пассажирский поезд",
            ("Пассажирское сообщение между Алматы и Урумчи возобновится после перерыва.",
             "Поезд будет курсировать два раза в неделю."))


def _passenger_en(n: int, day: date) -> Text:
    return ("Almaty–Urumqi passenger train to resume",
            ("Passenger service between Almaty and Urumqi will resume after a break.",
             "The train will run twice a week."))


STORIES: tuple[Story, ...] = (
    Story("volume", _volume, _volume_en, _volume_kk),
    Story("trains", _trains, _trains_en, _trains_kk),
    Story("sport", _sport, _sport_en, _sport_kk),
    Story("limit", _limit, _limit_en, _volume_kk),
    Story("passenger", _passenger, _passenger_en, _sport_kk),
    Story("closure", _closure, _closure_en, _trains_kk),
)


# Kazakh in the 2021 Latin alphabet, as qz.inform.kz prints it.
_LATIN = dict(zip("аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
                  ["a", "ä", "b", "v", "g", "ğ", "d", "e", "io", "j", "z", "i", "i", "k", "q", "l", "m", "n", "ñ", "o",
                   "ö", "p", "r", "s", "t", "u", "ū", "ü", "f", "h", "h", "ts", "ch", "ş", "şş", "", "y", "ı", "", "e",
                   "iu", "ia"], strict=True))


def to_latin(text: str) -> str:
    out = []
    for char in text:
        latin = _LATIN.get(char.lower())
        if latin is None:
            out.append(char)
        else:
            out.append(latin.capitalize() if char.isupper() and latin else latin)
    return "".join(out)
