"""Generated news archives for bench/bench_archive.py: N articles varied from the seed article.

Every article is the seed (``source/singapore-south-korea-partnership.txt``) with its partner
country, the leaders' names, the numbers and dates and some of its wording replaced by choices
drawn from a random generator seeded with the article's number, so the same number always gives
the same article. Most sentences come out distinct across the archive; some stay the same in
every article or in many of them, as a newsroom's do: the site chrome, the photo credit (a few
photographers), a quoted line or two that no rule touches.
"""

from __future__ import annotations

import datetime
import random
import re
from collections.abc import Callable
from dataclasses import dataclass

# Partner countries: name, headline form, adjective, short form for "Asean-X", capital, two
# more place names (a summit city, a region).
PARTNERS = (
    ("Japan", "Japan", "Japanese", "Japan", "Tokyo", "Osaka", "Hokkaido"),
    ("Vietnam", "Vietnam", "Vietnamese", "Vietnam", "Hanoi", "Da Nang", "Quang Ninh"),
    ("Indonesia", "Indonesia", "Indonesian", "Indonesia", "Jakarta", "Bali", "Riau"),
    ("Germany", "Germany", "German", "Germany", "Berlin", "Hamburg", "Bavaria"),
    ("France", "France", "French", "France", "Paris", "Lyon", "Brittany"),
    ("India", "India", "Indian", "India", "New Delhi", "Bengaluru", "Kerala"),
    ("Australia", "Australia", "Australian", "Australia", "Canberra", "Perth", "Queensland"),
    ("the Philippines", "Philippines", "Philippine", "Philippines", "Manila", "Cebu", "Palawan"),
    ("Thailand", "Thailand", "Thai", "Thailand", "Bangkok", "Chiang Mai", "Phuket"),
    ("Malaysia", "Malaysia", "Malaysian", "Malaysia", "Kuala Lumpur", "Penang", "Johor"),
    ("Canada", "Canada", "Canadian", "Canada", "Ottawa", "Vancouver", "Alberta"),
    ("Italy", "Italy", "Italian", "Italy", "Rome", "Milan", "Sicily"),
    ("Brazil", "Brazil", "Brazilian", "Brazil", "Brasilia", "Sao Paulo", "Bahia"),
    ("Mexico", "Mexico", "Mexican", "Mexico", "Mexico City", "Monterrey", "Yucatan"),
    ("Kenya", "Kenya", "Kenyan", "Kenya", "Nairobi", "Mombasa", "Rift Valley"),
    ("Egypt", "Egypt", "Egyptian", "Egypt", "Cairo", "Alexandria", "Sinai"),
    ("Sweden", "Sweden", "Swedish", "Sweden", "Stockholm", "Gothenburg", "Lapland"),
    ("Poland", "Poland", "Polish", "Poland", "Warsaw", "Krakow", "Silesia"),
    ("Chile", "Chile", "Chilean", "Chile", "Santiago", "Valparaiso", "Atacama"),
    ("Spain", "Spain", "Spanish", "Spain", "Madrid", "Barcelona", "Andalusia"),
)
GIVEN = (
    "Anna",
    "Daniel",
    "Maria",
    "Kenji",
    "Tomas",
    "Lina",
    "Ahmad",
    "Sofia",
    "Rafael",
    "Ingrid",
    "Minh",
    "Priya",
    "Oscar",
    "Nadia",
    "Hugo",
    "Elena",
    "Samuel",
    "Aiko",
)
SURNAMES = (
    "Tanaka",
    "Nguyen",
    "Santoso",
    "Weber",
    "Laurent",
    "Sharma",
    "Taylor",
    "Reyes",
    "Chaiyaporn",
    "Ibrahim",
    "Martin",
    "Rossi",
    "Silva",
    "Lopez",
    "Otieno",
    "Hassan",
    "Lindqvist",
    "Nowak",
    "Fuentes",
    "Garcia",
    "Moreau",
    "Kowalski",
)
LEADER_TITLES = ("President", "Prime Minister", "Chancellor")
# Singapore's side: (title, title before a name).
OFFICIALS = (
    ("Prime Minister", "PM"),
    ("Deputy Prime Minister", "DPM"),
    ("Foreign Minister", "Foreign Minister"),
    ("Trade Minister", "Trade Minister"),
)
LOCAL_GIVEN = ("Lawrence", "Grace", "Kenneth", "Mei Ling", "Desmond", "Hui Min", "Vivian")
LOCAL_SURNAMES = ("Wong", "Tan", "Lim", "Ng", "Lee", "Chan", "Teo", "Goh", "Koh", "Ong")
PHOTOGRAPHERS = ("CHONG JUN LIANG", "KELVIN CHNG", "LIM YAOHUI", "GAVIN FOO", "NG SOR LUAN")
NUMBER_WORDS = ("three", "four", "five", "six", "seven", "eight", "nine", "ten", "11", "12")
ORDINALS = ("second", "third", "fourth", "fifth", "sixth", "seventh")

# Wording: every occurrence of a key draws one of its choices.
SYNONYMS = {
    "agreed to work more closely": (
        "agreed to work more closely",
        "pledged to cooperate more closely",
        "committed to working more closely",
    ),
    "he added": ("he added", "he said", "he noted", "he continued"),
    "he said": ("he said", "he told reporters", "he added"),
    "he noted": ("he noted", "he said", "he pointed out"),
    "deepen": ("deepen", "strengthen", "broaden"),
    "collaborate": ("collaborate", "cooperate", "work together"),
    "significant": ("significant", "important", "meaningful"),
    "substantially": ("substantially", "steadily", "rapidly"),
    "excellent": ("excellent", "strong", "warm"),
    "huge fans": ("huge fans", "avid fans", "keen followers"),
    "quite a number of": ("quite a number of", "several", "many"),
    "promote": ("promote", "advance", "support"),
    "uncertain": ("uncertain", "unsettled", "volatile"),
    "the two countries": ("the two countries", "both countries", "the two sides"),
    "will also": ("will also", "will further", "are also set to"),
    "More cultural exchange": (
        "More cultural exchange",
        "Closer cultural exchange",
        "A wider cultural exchange",
    ),
    "Key areas of cooperation": (
        "Key areas of cooperation",
        "The main areas of cooperation",
        "Areas of closer work",
    ),
}
# Enumerations: each is replaced by a few items of its pool, drawn in a random order.
AREAS = (
    "trade",
    "sustainability",
    "defence technology",
    "finance",
    "education",
    "health care",
    "food security",
    "tourism",
    "space",
    "logistics",
    "water management",
    "urban planning",
)
TECHNOLOGIES = (
    "ammonia",
    "hydrogen",
    "civil nuclear energy",
    "solar power",
    "carbon capture",
    "geothermal energy",
    "battery storage",
    "offshore wind",
)
DOMAINS = (
    "green and digital shipping",
    "new energy solutions",
    "cyber security",
    "AI governance",
    "quantum computing",
    "biotechnology",
    "advanced manufacturing",
    "semiconductors",
    "fintech",
    "data centres",
)
CULTURE = ("culture", "film", "music", "drama", "food", "fashion", "games", "literature")
LISTS = {
    "trade, sustainability and defence technology": (AREAS, 3, ""),
    "ammonia, hydrogen and civil nuclear energy technologies": (TECHNOLOGIES, 3, " technologies"),
    "green and digital shipping, new energy solutions, cyber security and AI governance": (
        DOMAINS,
        4,
        "",
    ),
    "cyber security and artificial intelligence": (DOMAINS, 2, ""),
    "energy, AI and semiconductors": (DOMAINS, 3, ""),
    "arts, culture and sports sectors": (
        ("arts", "culture", "sports", "heritage", "design", "media", "youth"),
        3,
        " sectors",
    ),
    "culture, film, music and drama": (CULTURE, 4, ""),
    "beef and pork": (("beef", "pork", "poultry", "eggs", "seafood", "fruit"), 2, ""),
}
PARTNERSHIP = (
    "strategic partnership",
    "comprehensive strategic partnership",
    "enhanced partnership",
    "green economy partnership",
)


@dataclass(frozen=True)
class Variation:
    """The choices that make one article: who, where, when, how many."""

    partner: tuple[str, ...]
    leader_title: str
    leader_given: str
    leader_surname: str
    official: tuple[str, str]
    official_given: str
    official_surname: str
    photographer: str
    date: datetime.date
    years: int
    numbers: dict[str, str]
    partnership: str


def variation(index: int, seed: int = 2025) -> Variation:
    """The choices of article ``index`` (the same for the same index and seed)."""
    rng = random.Random(f"{seed}:{index}")
    years = rng.randint(10, 70)
    numbers = {
        "eight": rng.choice(NUMBER_WORDS),
        "10": rng.choice(("5", "10", "15", "20")),
        "2027": str(rng.randint(2026, 2032)),
        "2030": str(rng.randint(2033, 2040)),
        "2026": str(rng.randint(2026, 2029)),
        "2006": str(rng.randint(1995, 2015)),
        "2020": str(rng.randint(2016, 2021)),
        "2024": str(rng.randint(2022, 2025)),
        "fourth": rng.choice(ORDINALS),
    }
    return Variation(
        partner=rng.choice(PARTNERS),
        leader_title=rng.choice(LEADER_TITLES),
        leader_given=rng.choice(GIVEN),
        leader_surname=rng.choice(SURNAMES),
        official=rng.choice(OFFICIALS),
        official_given=rng.choice(LOCAL_GIVEN),
        official_surname=rng.choice(LOCAL_SURNAMES),
        photographer=rng.choice(PHOTOGRAPHERS),
        date=datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randint(1, 360)),
        years=years,
        numbers=numbers,
        partnership=rng.choice(PARTNERSHIP),
    )


def _date(day: datetime.date) -> str:
    """A date as the paper writes it: ``Nov 1``."""
    return f"{day:%b} {day.day}"


def _names(v: Variation) -> list[tuple[str, str]]:
    """Replacements for the people and places, longest first where one contains another."""
    country, headline, adjective, short, capital, city, region = v.partner
    leader = f"{v.leader_given} {v.leader_surname}"
    title, abbr = v.official
    official = f"{v.official_given} {v.official_surname}"
    return [
        ("South Korean President Lee Jae Myung", f"{adjective} {v.leader_title} {leader}"),
        ("President Lee Jae Myung", f"{v.leader_title} {leader}"),
        ("The South Korean President", f"The {adjective} {v.leader_title}"),
        ("Mr Lee", f"Mr {v.leader_surname}"),
        ("Prime Minister Lawrence Wong", f"{title} {official}"),
        ("PM Lawrence Wong", f"{abbr} {official}"),
        ("PM Wong", f"{abbr} {v.official_surname}"),
        ("Mrs Wong", f"Mrs {v.official_surname}"),
        ("as Prime Minister", f"as {title}"),
        ("Singapore-South Korea", f"Singapore-{short}"),
        ("Asean-Korea", f"Asean-{short}"),
        ("Korea-Singapore", f"{short}-Singapore"),
        ("S. Korea", headline),
        ("South Korean", adjective),
        ("South Korea", country),
        ("Korean", adjective),
        ("Seoul", capital),
        ("SEOUL", capital.upper()),
        ("Gyeongju", city),
        ("Jeju", region),
        ("CHONG JUN LIANG", v.photographer),
    ]


def _numbers(v: Variation) -> list[tuple[str, str]]:
    """Replacements for the figures and dates (whole words only)."""
    n = v.numbers
    return [
        ("Nov 1", _date(v.date)),
        ("Nov 2", _date(v.date + datetime.timedelta(days=1))),
        ("Oct 31", _date(v.date - datetime.timedelta(days=1))),
        ("eight agreements", f"{n['eight']} agreements"),
        ("50 years", f"{v.years} years"),
        ("1975", str(2025 - v.years)),
        ("top 10", f"top {n['10']}"),
        ("fourth member", f"{n['fourth']} member"),
        *((year, n[year]) for year in ("2027", "2030", "2026", "2006", "2020", "2024")),
    ]


def _replace_all(text: str, pairs: list[tuple[str, str]]) -> str:
    """Every pair applied at once (one regex), so a replacement is never replaced again."""
    table = dict(pairs)
    pattern = "|".join(rf"\b{re.escape(old)}\b" for old, _ in pairs)
    return re.sub(pattern, lambda m: table[m.group(0)], text)


def _enumeration(pool: tuple[str, ...], count: int, rng: random.Random) -> str:
    """``count`` items of ``pool`` in a random order, as a sentence lists them."""
    items = rng.sample(pool, count)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _reword(text: str, rng: random.Random, partnership: str) -> str:
    """Synonyms drawn per occurrence, enumerations redrawn, the article's name for the
    partnership."""
    choose: Callable[[re.Match], str] = lambda m: rng.choice(SYNONYMS[m.group(0)])  # noqa: E731
    pattern = "|".join(rf"\b{re.escape(word)}\b" for word in SYNONYMS)
    text = re.sub(pattern, choose, text)
    for phrase, (pool, count, tail) in LISTS.items():
        text = text.replace(phrase, _enumeration(pool, count, rng) + tail)
    return re.sub(r"\bstrategic partnership\b", partnership, text)


def article(seed_text: str, index: int, seed: int = 2025) -> tuple[str, str]:
    """Article ``index``: its file stem and its text."""
    v = variation(index, seed)
    text = _replace_all(seed_text, _names(v) + _numbers(v))
    text = _reword(text, random.Random(f"{seed}:{index}:words"), v.partnership)
    return name(index, seed), text


def name(index: int, seed: int = 2025) -> str:
    """Article ``index``'s file stem: ``singapore-<partner>-<index>``."""
    slug = re.sub(r"[^a-z]+", "-", variation(index, seed).partner[1].lower()).strip("-")
    return f"singapore-{slug}-{index:05d}"


def folder(index: int, seed: int = 2025) -> str:
    """Where article ``index`` is filed in an archive kept in folders: ``YYYY/MM`` of the day
    it reports on."""
    day = variation(index, seed).date
    return f"{day:%Y}/{day:%m}"


def index(stem: str) -> int:
    """The number of the article whose file stem is ``stem``."""
    return int(stem.rsplit("-", 1)[1])


def edit_one_sentence(text: str) -> str:
    """``text`` with one sentence changed: the last sentence of the first long paragraph after
    the summary gets an attribution before its full stop."""
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if number > 15 and len(line) >= 80 and line.endswith(".") and '"' not in line:
            lines[number] = line[:-1] + ", officials said on Monday."
            return "\n".join(lines)
    raise ValueError("no paragraph to edit")
