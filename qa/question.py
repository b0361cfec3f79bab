"""Questions -> (speaker, topic, form) without a language model; follow-ups made standalone."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from qa.answertype import MONTHS
from qa.names import PARTICLES, ROLES

Form = Literal["general", "speaker_topic", "speaker_all", "who_said"]

# (not "State" in "the Secretary of State": a verb never follows "of")
_SAY = (r"(?<!\bof\s)(?:say|said|says|saying|tell|told|think|thought|comment|commented|state"
        r"|stated|claim|claimed|argue|argued|mention|mentioned|write|wrote|tweet|tweeted)")
_ABOUT = r"(?:about|on|regarding|concerning|of|over)"
# Words between the name and the verb: "has Khan been saying", "did Khan have to say".
_AUX = r"(?:(?:ever|actually|really|publicly|recently|just|also|been|have\s+to|had\s+to)\s+)*"
_END = r"\s*[?.!]*\s*$"
# In "tell Rouhani on the phone about sanctions" the topic follows the last of these.
_STRONG_ABOUT = re.compile(r"^.*\b(?:about|regarding|concerning)\s+(?P<topic>\S.*)$", re.I)
PATTERNS: list[tuple[Form, re.Pattern[str]]] = [
    ("speaker_topic", re.compile(
        rf"^(?:so\s+|and\s+)?(?:what|how)\s+(?:else\s+)?(?:did|does|do|has|have|had|was|is)\s+"
        rf"(?P<who>.+?)\s+"
        rf"{_AUX}(?P<verb>{_SAY})(?P<between>(?:\s+(?!{_ABOUT}\b)\S+){{0,4}}?)\s+{_ABOUT}\s+"
        rf"(?P<topic>.+?){_END}",
        re.I)),
    ("speaker_topic", re.compile(
        # (not "Who praised Pakistan's stance on ...": a question word is nobody's name)
        rf"^(?:what\s+(?:are|were|is|was)\s+|what['’]s\s+)?(?!(?:who|whom|whose|what|which|when"
        rf"|where|why|how|did|does|is|was|are|were)\b)(?P<who>.+?)['’]s?\s+(?:comments?|remarks?|views?"
        rf"|statements?|words?|position|stance|thoughts?|opinions?)\s+{_ABOUT}\s+(?P<topic>.+?){_END}",
        re.I)),
    ("speaker_all", re.compile(  # "what did Rouhani say", "... say to Khan", "... tell reporters"
        # (not "say in his email": that asks for one statement, a general question)
        rf"^(?:so\s+|and\s+)?what\s+(?:else\s+)?(?:did|does|has|have|had)\s+(?P<who>.+?)\s+"
        rf"{_AUX}{_SAY}"
        rf"(?:\s+to(?P<to>(?:\s+\S+){{1,3}})|(?<=tell|told)(?P<told>(?:\s+\S+){{1,3}}))?{_END}",
        re.I)),
    ("who_said", re.compile(
        rf"^who\s+(?:has\s+|have\s+)?(?P<verb>said|says|talked|spoke|commented|speaks|talks"
        rf"|comments|mentioned|critici[sz]ed|praised|warned)"
        rf"(?:\s+anything|\s+what)?(?:\s+{_ABOUT})?\s+(?P<topic>.+?){_END}", re.I)),
]
PRONOUNS = frozenset({"he", "she", "him", "her", "they", "them", "it"})
# "Who condemned the sanctions?", "Who else criticised Khan?": a question asking for a person
# by what they did (its verb and object). Not "Who did Rouhani call?" or "Who is Khan?",
# whose person the question names.
ASKS_WHO = re.compile(r"^\s*(?:and\s+|so\s+)?who\b(?!['’]s)(?!\s+(?:did|does|do|is|was|are"
                      r"|were|will|would|can|could)\b)(?:\s+(?:else|also))?(?:\s+(?:has|have|had))?"
                      r"\s+(?P<verb>\S+)\s+(?P<object>.+?)\s*[?.!]*$", re.I)
# "On" a day, a date or a medium, and nothing more, says when or how, not about what: "what
# did Rouhani tell Conte on the phone", "... say on Monday", "... on March 3", "... on
# Twitter" (not "on the Monday talks", "on May's policy", "on the phone hacking scandal").
_MONTH = rf"(?:{MONTHS})\.?"
_WHEN_OR_HOW = re.compile(
    r"^(?:(?:the\s+|a\s+|his\s+|her\s+|their\s+)?(?:(?:tele)?phone(?:\s+call)?|call|radio"
    r"|television|tv|air|camera|twitter|facebook|x|instagram|social\s+media|record)"
    r"|(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?|tonight)"
    rf"(?:,?\s+{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}"
    r"(?:\s+\d{4})?)$", re.I)
_PREPOSITION = re.compile(r"\b(?:on|about|regarding|concerning|over)\b", re.I)


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed question."""

    text: str
    form: Form
    speaker: str | None = None
    topic: str | None = None
    asked_topic: str | None = None  # the topic before `expand` spelled out its acronyms
    addressee: str | None = None  # "what did Rouhani tell Conte": "Conte"
    verb: str | None = None  # "who praised Y": "praised"


def clean(question: str, limit: int) -> str:
    """One line of plain text, at most `limit` characters (cut at a word boundary)."""
    text = question.encode("utf-8", "replace").decode("utf-8")  # lone surrogates -> "?"
    text = " ".join(text.replace("\x00", " ").split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0]
    return text


_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")


def expand_acronyms(text: str, table: dict[str, str]) -> str:
    """"the IMF" -> "the IMF (International Monetary Fund)" when the archive spells it out."""
    return _ACRONYM.sub(lambda m: f"{m.group(0)} ({table[m.group(0)]})"
                        if m.group(0) in table else m.group(0), text)


def expand(query: Query, table: dict[str, str]) -> Query:
    """The query with its acronyms spelled out, for matching (the asked text is kept)."""
    if not table:
        return query
    topic = expand_acronyms(query.topic, table) if query.topic else None
    return replace(query, text=expand_acronyms(query.text, table), topic=topic,
                   asked_topic=query.topic)


def _addressee(text: str) -> str | None:
    """Whom "tell Z" / "say to Z" names: not a pronoun ("tell him") or punctuation alone."""
    text = text.strip(" ,?.!")
    # "tell Conte yesterday", "tell Conte on Monday": when, not whom
    text = re.split(r"\s+(?:yesterday|today|tonight|on|in|at|during|last|this|earlier|later"
                    r"|recently|again|first|Yesterday|Today|Tonight)\b", text,
                    maxsplit=1)[0]  # (case matters: not "the First Minister")
    words = [w for w in re.findall(r"\w+", text.lower()) if w not in ("and", "or", "the")]
    if not words or text.lower() in PRONOUNS | {"me", "us", "you"}:
        return None
    return text


def parse(question: str) -> Query:
    """Recognise "what did X say about Y", "X's comments on Y", "what did X say", "who said Y"."""
    for form, pattern in PATTERNS:
        match = pattern.match(question)
        if not match:
            continue
        groups = match.groupdict()
        who = (groups.get("who") or "").strip(" ,") or None
        topic = (groups.get("topic") or "").strip(" ,") or None
        strong = _STRONG_ABOUT.match(topic) if topic and form == "speaker_topic" else None
        if strong:
            topic = strong.group("topic").strip(" ,")
        if who and (len(who.split()) > 6 or who.lower() in ("you", "i", "we", "it", "this")
                    or _PREPOSITION.search(who)):
            continue  # "what did the report on the economy of ... say" is not a person
        addressee = _addressee(groups.get("to") or groups.get("told") or "")
        if form == "speaker_topic":
            # "tell Conte about ...", "say to Conte on ...": Conte is addressed (not
            # "yesterday" in "say yesterday on the phone", nor "him")
            between = (groups.get("between") or "").strip(" ,")
            if groups.get("verb", "").lower() in ("tell", "told"):
                addressee = _addressee(between)
            elif between.lower().startswith("to ") and groups.get("verb", "").lower() in (
                    "say", "said", "says", "saying"):  # not "argue to rid the world"
                addressee = _addressee(between[3:])
        if form == "speaker_topic" and not strong and topic and _WHEN_OR_HOW.match(topic):
            # "tell Conte on the phone" says when or how: all that was said to Conte
            return Query(question, "speaker_all", who, addressee=addressee)
        verb = ((groups.get("verb") or "").lower() or None) if form == "who_said" else None
        return Query(question, form, who, topic, addressee=addressee, verb=verb)
    return Query(question, "general")


# "Who is Imran Khan?", "who's conte", "Who was Mr. Conte?": the name asked about. Not "Who
# is the Italian Prime Minister?", "Who is Kuwait's Emir?" (a role: a general question),
# "Who is leading the talks?" or "Who is he?".
_WHO_IS = re.compile(r"^\s*who(?:\s+(?:is|was)|['’]s)\s+(?:(?:mr|mrs|ms|dr|prof)\.?\s+)?"
                     r"(?P<name>[^\W\d_][\w.-]*(?:\s+[^\W\d_][\w.-]*){0,3})\s*[?.!]*\s*$", re.I)
_NOT_A_NAME = frozenset("""the a an this that these those he she it they him her his its their
    there here your my our what which who whom behind responsible in on at for from to of with
    by and or not now also still""".split())


_PARTICIPLES = frozenset("""arrested injured killed elected wounded detained charged jailed
    sentenced accused appointed fired hired named nominated chosen blamed involved missing
    dead hurt affected shot sacked convicted released ousted stabbed attacked""".split())


def who_is(question: str) -> str | None:
    """The name "Who is <Name>?" asks about, else None."""
    match = _WHO_IS.match(question)
    if not match:
        return None
    words = match.group("name").split()
    while words and words[0].lower() in ROLES:  # "Who is President Rouhani?"
        words.pop(0)
    if not words or any(w.lower() in _NOT_A_NAME for w in words):
        return None  # "Who is president?"
    if words[0].islower() and words[0] not in PARTICLES and (
            not question.islower() or words[0].endswith("ing") or words[0] in _PARTICIPLES):
        return None  # "Who is leading the talks?", "Who was arrested?" (not "de Klerk")
    return " ".join(words)
