"""People's names: the words of a name, which asked name fits which speaker, and full names
found by pattern (a first name of the US Census lists, then capitalised words). Pure text,
no model: the answerer uses it as well as the extractor."""

from __future__ import annotations

import functools
import re

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof"})
# Words that give a person a role: "Mayor" in "Mayor Sadiq Khan" is no first name.
ROLES = frozenset("""president prime minister premier chancellor secretary senator sen governor
    gov mayor king queen prince princess emir sheikh sultan pope cardinal archbishop bishop
    ayatollah imam rabbi priest cleric ceo cfo coo chairman chairwoman chair chief director
    founder head leader spokesman spokeswoman spokesperson ambassador envoy diplomat
    commissioner official general gen admiral colonel col commander captain lieutenant
    sergeant officer sheriff soldier pilot judge justice attorney lawyer prosecutor
    congressman congresswoman representative rep lawmaker legislator politician mp mep pm
    speaker councillor councilor deputy vice president-elect candidate nominee adviser
    advisor aide economist analyst professor prof teacher student scientist researcher doctor
    nurse surgeon actor actress singer rapper musician writer author novelist poet
    journalist reporter editor columnist anchor host presenter comedian coach manager player
    striker goalkeeper champion cricketer footballer golfer athlete star businessman
    businesswoman billionaire investor entrepreneur owner executive activist campaigner
    farmer trader worker resident engineer artist designer photographer filmmaker
    producer lord lady baron baroness dame sir inspector detective constable superintendent
    major brigadier marshal corporal private reverend rev father pastor mufti maulana ustad
    agent""".split())
# Lower-case words inside names: "de Klerk", "Sheikh Sabah al-Ahmad", "bin Salman"
PARTICLES = frozenset("""de van von der den du da di la le el al bin ibn ben abu ten dos das
    del della""".split())
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})  # "Charles Elliott Jr." is an Elliott
# Capitalised words that start sentences, never first names here ("In", "Will").
NOT_FIRST = frozenset("""a an the in on at as by for from of to with and but or so if when
    while after before since will may can should would could must shall i we you he she it
    they this that these those there here what who why how where which""".split())


@functools.cache
def _census() -> dict[str, dict[str, float]]:
    """First name -> sex -> share of people, from the US Census lists of the `names` package."""
    import importlib.resources

    share: dict[str, dict[str, float]] = {}
    for sex, file in (("m", "dist.male.first"), ("f", "dist.female.first")):
        text = importlib.resources.files("names").joinpath(file).read_text(encoding="ascii")
        for row in text.splitlines():
            parts = row.split()
            if len(parts) >= 2:
                share.setdefault(parts[0].lower(), {})[sex] = float(parts[1])
    return share


@functools.cache
def first_names() -> dict[str, str]:
    """First name -> "m"/"f": a name counts for the sex it is at least three times as
    frequent in ("James" m, "Leslie" neither)."""
    found: dict[str, str] = {}
    for name, by_sex in _census().items():
        m, f = by_sex.get("m", 0.0), by_sex.get("f", 0.0)
        if m >= 3 * f or f >= 3 * m:
            found[name] = "m" if m > f else "f"
    return found


# A first name, maybe a middle initial, and one or two capitalised words: "Robert Menendez",
# "Michelle F. Tanzer". Found in every sentence, parsed or not, so that a person the parser
# never saw (or the small model tagged as an organisation) is still known to the article.
FULL_NAME = re.compile(r"\b([A-Z][a-z]+)(?: [A-Z]\.)?(?: (?:Mc|Mac|O'|O’)?[A-Z][a-z]+"
                       r"(?:-[A-Z][a-z]+)?){1,2}\b")
# Words that make "Lee County", "Rose Garden" or "Lee County Sheriff" a place, a body or a
# title, not a person.
NOT_SURNAMES = frozenset(
    """county city state street avenue road square park house hall center centre church
    university college school institute foundation committee party club association council
    court department agency office administration times post news journal group company
    bank fund project island lake river valley beach bay airport hospital station tower
    garden bridge stadium arena field tech power sheriff senate congress assembly press
    herald tribune gazette review media airlines motors democrats republicans organization
    organisation campaign corporation""".split()
)
# Census first names that are mostly dates in news: "In June Trump said".
CALENDAR = frozenset("""january february march april may june july august september october
    november december monday tuesday wednesday thursday friday saturday sunday""".split())


def full_names(text: str) -> list[str]:
    """Names in the text that start with a first name of the Census lists."""
    found: list[str] = []
    end = 0
    for word in re.finditer(r"\b[A-Z][a-z]+", text):
        m = FULL_NAME.match(text, word.start())
        if not m or word.start() < end:
            continue
        first, *rest = m.group(0).lower().split()
        if first in _census() and first not in CALENDAR and first not in NOT_FIRST \
                and not NOT_SURNAMES.intersection(rest):
            found.append(m.group(0))
            end = m.end()
    return found


# An organisation known by the person it serves: "the Clinton campaign" is a speaker of
# its own, "Hillary Clinton campaign", found when asked for as "the Clinton campaign".
SPEAKS_FOR = frozenset({"campaign"})


def is_person(speaker: str) -> bool:
    """Whether a speaker's name is a person's, not their campaign's."""
    words = speaker.split()
    return not (len(words) >= 2 and words[-1] in SPEAKS_FOR)


def name_words(name: str) -> list[str]:
    """Lower-case words of a name without honorifics or a leading "the": "Mr. Trump" ->
    ["trump"], "the Pentagon" -> ["pentagon"]."""
    words = re.findall(r"[\w'-]+", name.lower().replace("’", "'"))  # O’Malley = O'Malley
    if words[:1] == ["the"]:
        words = words[1:]
    return [w for w in words if w.rstrip(".") not in HONORIFICS and w != "'s"]


def surname(name: str) -> str:
    """The last word of a name that is not a suffix: "Charles Elliott Jr." -> "elliott"."""
    words = [w for w in name_words(name) if w.rstrip(".") not in SUFFIXES]
    return words[-1] if words else ""


def same_word(a: str, b: str) -> bool:
    """Words equal up to a demonym ending: Pakistan ~ Pakistani, Iran ~ Iranian."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and long_.startswith(short[:-1]) and 0 < len(long_) - len(short) <= 3


def speaker_matches(query: str, speaker: str) -> bool:
    """Every word of the asked name is in the speaker's name ("Khan" in "Imran Khan")."""
    asked, have = name_words(query), name_words(speaker)
    return bool(asked) and all(w in have for w in asked)
