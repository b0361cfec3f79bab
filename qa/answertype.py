"""What kind of answer a question wants, and whether a sentence holds one (classic IR-based QA).

"When was Starfall 2 released?" wants a date: a sentence that names the game but no date
("Starfall 2 is due some time in July ...") is a worse answer than one that gives
"July 21, 2017". Plain patterns, no model: the check runs on every candidate sentence.
"""

from __future__ import annotations

import functools
import re
from typing import Literal

from qa.lexical import stem
from qa.names import ROLES, full_names

Kind = Literal["number", "date", "person", "place"]

_NUMBER_Q = re.compile(
    r"\bhow (?:many|much|long|old|far|large|big|tall|high|fast|often|deep|wide|heavy)\b"
    r"|\bwhat (?:(?:is|was|are|were) (?:the |an? |[\w.-]+['’]s )?)?(?:percentage|percent|number"
    r"|amount|proportion|size|height|length|age|population|revenue|price|cost|score)\b", re.I)
_DATE_Q = re.compile(
    r"^\s*when\b|\b(?:what|which|in what|on what) (?:year|date|day|month|century|decade)\b"
    r"|\brelease date\b|\bpremiere date\b|\bthe date of\b", re.I)
_PERSON_Q = re.compile(r"^\s*(?:who|whom|whose)\b", re.I)
_PLACE_Q = re.compile(r"^\s*where\b|\bwhich (?:city|country|state|town|place)\b", re.I)

MONTHS = ("january|february|march|april|may|june|july|august|september|october|november"
           "|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow"
_NUMBER_WORD = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty"
    r"|forty|fifty|hundred|thousand|million|billion|trillion|dozen|half|percent)\b", re.I)
_DATE = re.compile(
    rf"\b(?:1\d{{3}}|20\d{{2}})s?\b|\b(?:{MONTHS}|{_DAYS})\b|\b\d+(?:st|nd|rd|th)\b"
    r"|\bcentury\b|\bdecades?\b|\bago\b", re.I)
# A day in a month: "July 21, 2017", "21 July", "2017-07-21", "7/21/2017". Month names
# capitalised (or in capitals) only: "12 may have died" and "march 10 miles" are no dates.
_MONTH_NAMES = "|".join(f"{m.capitalize()}|{m.upper()}" for m in MONTHS.split("|"))
_FULL_DATE = re.compile(
    rf"\b(?:{_MONTH_NAMES})\.? \d{{1,2}}(?:st|nd|rd|th)?\b(?!\.\d)"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{_MONTH_NAMES})\b"
    r"|\b(?:1\d|20)\d\d-\d\d-\d\d\b|(?<![/\d])\d{1,2}/\d{1,2}/(?:\d\d){1,2}\b(?!/)")
_NAME = re.compile(r"\b[A-Z][\w’'.-]*[a-z]\w*")
_NOT_NAMES = frozenset({
    "the", "a", "an", "in", "on", "at", "it", "its", "he", "she", "they", "this", "that",
    "these", "those", "but", "and", "as", "after", "before", "when", "while", "if", "for",
    "his", "her", "their", "there", "we", "i", "you", "by", "with", "from", "of", "to",
})
_CALENDAR = frozenset(MONTHS.split("|")) | frozenset(_DAYS.split("|"))


# A dateline: the date a search snippet was published, printed before its first words and
# cut off from them by an ellipsis ("Sep 13, 2022 ... A sequel to Harbor Lights was
# shown!", "3 days ago ..."). It says when the text was written, not when what it reports
# happened: no answer to "when". A date followed by a dash opens a timeline's entry
# ("March 11, 2020 - The agency declares an emergency") and is kept.
_DATELINE = re.compile(
    rf"^\s*(?:(?:{_MONTH_NAMES})\.? \d{{1,2}}, (?:1\d|20)\d\d|\d{{1,2}} (?:{_MONTH_NAMES})\.? "
    r"(?:1\d|20)\d\d|\d+ (?:minutes?|hours?|days?|weeks?) ago)\s*(?:\.\.\.|…)\s*")


def body(sentence: str) -> str:
    """The sentence without a leading dateline."""
    return _DATELINE.sub("", sentence, count=1)


def expected(question: str) -> Kind | None:
    """The kind of answer the question asks for, when its wording says so."""
    if _DATE_Q.search(question):
        return "date"
    if _NUMBER_Q.search(question):
        return "number"
    if _PERSON_Q.search(question):
        return "person"
    if _PLACE_Q.search(question):
        return "place"
    return None


def holds(kind: Kind, sentence: str, question: str) -> bool:
    """Whether the sentence holds a candidate answer of that kind that the question lacks."""
    sentence = body(sentence)
    if kind == "date":
        return bool(_DATE.search(sentence))
    asked = _asked(question)
    if kind == "number":  # a number the question does not give already ("Q2 2020")
        return bool(_amounts(sentence, asked) or _NUMBER_WORD.search(sentence))
    return any(not _given(w, asked) and w.lower() not in _NOT_NAMES
               for w in _NAME.findall(sentence))


@functools.lru_cache(maxsize=64)
def _asked(question: str) -> frozenset[str]:
    """The question's words, lower-cased, and their stems (cached: every candidate sentence
    of a question is checked against them)."""
    words = {w.lower() for w in re.findall(r"\w+", question)}
    return frozenset(words | {stem(w) for w in words})


def _given(word: str, asked: frozenset[str]) -> bool:
    """Whether the question gives the word, in any inflection: "Captain's" is given by
    "Captain's Log" (whose words, split as `asked` is, are "captain", "s" and "log"),
    "Olympics" by "the olympic games"."""
    return all(part in asked or stem(part) in asked for part in re.findall(r"\w+", word.lower()))


def specific(kind: Kind, sentence: str, question: str) -> bool:
    """Whether the sentence's answer is as precise as its kind gets: a day of a month for a
    date ("released July 21, 2017" over "slated for July"), a person named in full for a
    "who" ("Kira Dane" over "the Northgate Science Gala")."""
    if kind == "person":
        return bool(_people(body(sentence), question))
    return kind == "date" and bool(_FULL_DATE.search(body(sentence)))


def _people(sentence: str, question: str) -> set[str]:
    """The people the sentence names in full (a first name of the Census lists and more,
    `qa.names.full_names`) that the question does not name, lower-cased. A name that opens
    or ends with a word of the question is the question's own ("Halden Medal Winners" for
    "Who won the Halden Medal?", "President Kira Dane" for "Whom did Dane meet?")."""
    asked = _asked(question)
    found = set()
    for name in full_names(sentence):
        words = name.split()
        if not (_given(words[0], asked) or _given(words[-1], asked)):
            found.add(" ".join(words).lower())
    return found


YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def other_year(sentence: str, question: str) -> bool:
    """Whether the sentence names years, none of them a year the question asks about: "Egan
    Marsh won the 2019 Tour" for "Who won the 2021 Tour of Norland?"."""
    asked = set(YEAR.findall(question))
    if not asked:
        return False
    have = set(YEAR.findall(body(sentence)))
    return bool(have) and not have & asked


_RUN = re.compile(r"\b[A-Z][\w’'.-]*[a-z]\w*(?:\s+[A-Z][\w’'.-]*[a-z]\w*)*")
_AMOUNT = re.compile(  # a number standing alone: not the "2" of "Q2" or "G7"
    r"(?<![\w.])\$?\d[\d,.]*\d(?:\s*(?:million|billion|trillion|percent|%))?|(?<![\w.])\$?\d\b")
_MONTH = re.compile(rf"(?i)\b(?:{MONTHS})")


def candidates(kind: Kind, sentence: str, question: str) -> set[str]:
    """The answers of that kind the sentence offers, normalised so that two articles' ways
    of writing one answer meet: "July 21, 2017" and "21 July" are "jul 21"."""
    sentence = body(sentence)
    if kind == "date":
        found = set()
        for match in _FULL_DATE.finditer(sentence):
            month, day = _MONTH.search(match.group(0)), re.search(r"\d+", match.group(0))
            if month and day:  # numeric dates ("7/21/2017") differ in order: left as written
                found.add(f"{month.group(0)[:3].lower()} {int(day.group(0))}")
        return found
    asked = _asked(question)
    if kind == "number":  # "in 2019" says when: as an amount, it would agree with anything
        return {a for a in _amounts(sentence, asked) if not YEAR.fullmatch(a)}
    if kind == "person":  # its people, where it names any: not "Oscar" or "Home Depot"
        people = _people(sentence, question)
        if people:
            return people
    found = set()
    for match in _RUN.finditer(sentence):  # person, place: a run of capitalised words
        words = [w for w in match.group(0).split() if w.lower() not in _NOT_NAMES]
        if all(w.lower() in _CALENDAR for w in words):
            continue  # "On Monday", "July": a date, not a name ("Theresa May" stays)
        if not all(_given(w, asked) for w in words):
            found.add(" ".join(words).lower())
    return found


def _amounts(sentence: str, asked: frozenset[str]) -> set[str]:
    """The numbers standing alone in the sentence that the question does not give."""
    return {m.group(0).lower() for m in _AMOUNT.finditer(sentence)
            if m.group(0).strip("$").lower() not in asked}


def agreement(kind: Kind, question: str, sentences: list[tuple[str, str]],
              least: int = 2) -> list[float]:
    """For each (article, sentence), how many articles give its best-agreed answer, as a
    share of the most any answer has; all 0 when no answer is given by `least` articles.

    News repeats a fact across articles ("out on July 21, 2017" in three reviews); a
    date, name or amount that several retrieved articles agree on is more likely the answer
    than one that a single sentence offers (the redundancy of web question answering).
    """
    offered = [candidates(kind, text, question) for _, text in sentences]
    articles: dict[str, set[str]] = {}
    for (path, _), answers in zip(sentences, offered, strict=True):
        for answer in answers:
            articles.setdefault(answer, set()).add(path)
    most = max(map(len, articles.values()), default=0)
    if most < least:
        return [0.0] * len(sentences)
    return [max((len(articles[a]) for a in answers), default=0) / most for answers in offered]


# "Who is Imran Khan?" asks what the person is, not for a person: the sentence that gives
# the name a role answers it: a role word right before it ("Pakistani Prime Minister Imran
# Khan", "Khan's lawyer, Babar Awan, said"), a description after it that a second comma
# closes ("Khan, the prime minister of Pakistan, said"; "Ali, 45, a teacher, said"), "X is
# a ...", "X, who runs ...", "X as ambassador". "Imran Khan also condemned ..." only names
# him, and so do "Rouhani met Imran Khan", "After meeting Khan, the delegation left" and
# "Lahore will host Khan's final rally".
_AGE = r"(?:\d{1,3},\s+)?"  # "Ahmed Ali, 45, a teacher from Karachi, said"
# ", the X of Y," / ", Italy's prime minister," / ", mayor of London," (a role first)
_APPOSITION = re.compile(rf",\s+{_AGE}(?P<owned>(?:the|a|an|[\w’'-]+['’]s)\s+)?([^,;.]{{1,80}}),"
                         r"(?!\s+and\b)")
_SAYS = re.compile(r"\b(?:said|says|told|tells|added|asked)\b", re.I)
# ", who runs ...", "is a ..." (not "was the first to arrive"), "as (the) finance minister",
# "had been named the new central bank governor"
_AFTER = re.compile(r",\s+who\s+\w|\s+(?:is|was)\s+(?:a|an|the)\s+(?!(?:first|last|only|one"
                    r"|same|next)\b)")
_NAMED = re.compile(r"\s+(?:is|was|has\s+been|had\s+been)\s+(?:named|appointed|elected)"
                    r"\s+(?:as\s+)?(?:the\s+|a\s+|an\s+)?((?:[\w-]+\s+){0,3}[\w-]+)")
# "as (a) finance minister", not "as well as", "as the captain walked out", "as his lawyer
# read", "as Senator Cruz watched" (a clause with its own subject)
_AS = re.compile(r",?\s+as\s+(?!(?:well|soon|long|much|the|his|her|their|its|our|my|your)\b)"
                 r"(?:a\s+|an\s+)?((?:[\w-]+\s+){0,2}[\w-]+)")
_OWNER = frozenset({"the", "his", "her", "their", "its", "our", "a", "an"})
_EDGE = "\"'“”‘’()[],.;:"


def role(word: str) -> bool:
    return word.strip(_EDGE).lower() in ROLES


def _owned(words: list[str]) -> bool:
    """Whether a role's words before it start at "the", "his" or an owner ("Khan's"), at most
    two words back ("Khan's lawyer", "the finance minister"), and not right after a name
    closed by a comma, as in a list ("Raila Odinga, the opposition leader, Mudavadi")."""
    for back in range(1, min(3, len(words)) + 1):
        word = words[-back]
        if word.lower() in _OWNER or word[-2:] in ("'s", "’s"):
            earlier = words[-back - 1] if len(words) > back else ""
            return not (earlier.endswith(",") and earlier[:1].isupper()
                        and earlier.strip(",").lower() not in _CALENDAR)
    return False


def name_matches(sentence: str, name: str) -> list[re.Match[str]]:
    """Where the sentence writes `name` (any case as asked, but capitalised as written), not
    as an owner ("Khan's final rally")."""
    pattern = r"\b" + r"\s+".join(re.escape(w) for w in name.split()) + r"\b(?!['’]s\b)"
    return [m for m in re.finditer(pattern, sentence, re.I) if m.group(0)[:1].isupper()]


def describes(sentence: str, name: str) -> bool:
    """Whether the sentence gives `name` a role (see ROLES above). Not in a headline written
    in title case ("Pakistan Backs Imran Khan")."""
    if not any(w.islower() and w not in _NOT_NAMES for w in re.findall(r"[A-Za-z]+", sentence)):
        return False
    for match in name_matches(sentence, name):
        before = sentence[:match.start()].split()[-5:]
        rest = sentence[match.end():]
        while len(before) > 1 and before[-1][:1].isupper() and before[-1][-1:].isalpha() \
                and not role(before[-1]):
            before.pop()  # "Imran" in "Prime Minister Imran Khan", asked "Khan"
        if before and before[-1].endswith(","):
            # "Khan's lawyer, Babar Awan, said"; not "... Giuseppe Conte, Rouhani expressed",
            # nor a list ("Raila Odinga, the opposition leader, Musalia Mudavadi, and ...")
            if role(before[-1]) and rest.startswith(",") and not _APPOSITION.match(rest) \
                    and _owned(before[:-1]):
                return True
        elif before and role(before[-1]):
            return True
        apposition = _APPOSITION.match(rest)
        if apposition and not _SAYS.search(apposition.group(2)):
            words = apposition.group(2).split()
            # without "the" or an owner, only a role in lower case with no name after it
            # ("Sadiq Khan, mayor of London,"; not a list: "Odinga, Governor Sakaja, ...")
            if any(map(role, words)) if apposition.group("owned") else (
                    role(words[0]) and words[0].islower()
                    and not any(w[:1].isupper() for w in words[1:2])):
                return True
        as_role = _NAMED.match(rest) or _AS.match(rest)
        words = as_role.group(1).split() if as_role else []
        if _AFTER.match(rest) or any(role(w) and not (i + 1 < len(words)
                                                      and words[i + 1][:1].isupper())
                                     for i, w in enumerate(words)):
            return True
    return False
