"""What an article has introduced, read in order: its people (full names, titles, what it
says of their gender), whom the last sentence was about, who spoke last; and from that,
who "he" or "she" is and whose name "Mr. Trump" or "the Pakistani Prime Minister" is.
Pure bookkeeping over strings and spaCy tokens handed in by qa/speakers.py."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from qa.names import HONORIFICS, ROLES, first_names, name_words, same_word

PRONOUNS = {"he": "m", "she": "f"}
# What an article says of a person's gender: an honorific or a gendered title before the name,
# or the pronouns of a sentence that names no one else.
GENDERED = {
    **dict.fromkeys("mr sir king husband father son brother spokesman congressman chairman "
                    "businessman councilman assemblyman grandfather uncle".split(), "m"),
    **dict.fromkeys("mrs ms miss dame queen wife mother daughter sister spokeswoman "
                    "congresswoman chairwoman businesswoman councilwoman assemblywoman "
                    "grandmother aunt actress lady".split(), "f"),
}
PRONOUN_GENDER = {**dict.fromkeys(("he", "him", "his", "himself"), "m"),
                  **dict.fromkeys(("she", "her", "hers", "herself"), "f")}
TITLE_STOP = frozenset({"the", "a", "an", "'s", "’s", "of", "and", "former", "then"})
POSSESSIVE = re.compile(r"\s*['’]s$")


@dataclass
class Mentions:
    """What the resolver knows of the article read so far."""

    people: list[str] = field(default_factory=list)  # full names, latest last
    titles: list[tuple[frozenset[str], str]] = field(default_factory=list)
    last_speaker: str | None = None
    topic: str | None = None  # the person the previous sentence was about (its subject)
    group: list[str] = field(default_factory=list)  # the people the previous sentence's
    # subject joined ("Grassley and Leahy say"): who "they" may be
    now: int = 0  # the id of the sentence being read
    spoke_at: int = -1  # ... and of the last one with a named speaker
    others_since: bool = False  # the sentence before had another subject than that speaker
    unnamed_spoke: bool = False  # ... who spoke there, and whom the article does not name
    named_now: list[str] = field(default_factory=list)  # whom the sentence being read names
    subject_now: bool = False  # ... and whether it has a subject (set by its reader)
    named_before: list[str] = field(default_factory=list)  # whom the sentence before named
    met_before: list[str] = field(default_factory=list)  # ... as often as it did, if it had
    # no subject at all ("Just look at Speaker Paul Ryan."): who the next "he" may be
    words_now: frozenset[str] = frozenset()  # the lower-case words of the sentence being read
    words_before: frozenset[str] = frozenset()  # ... and of the one before
    votes: dict[str, dict[str, int]] = field(default_factory=dict)  # name -> gender -> votes

    def vote(self, name: str, gender: str, weight: int = 1) -> None:
        tally = self.votes.setdefault(name, {})
        tally[gender] = tally.get(gender, 0) + weight

    def gender(self, name: str) -> str | None:
        """The gender the article gives a person; a first name counts as two votes."""
        tally = dict(self.votes.get(name, {}))
        given = name_words(name)
        if len(given) >= 2 and given[0] in first_names():  # "Donald Trump", not "Trump"
            sex = first_names()[given[0]]
            tally[sex] = tally.get(sex, 0) + 2
        m, f = tally.get("m", 0), tally.get("f", 0)
        return "m" if m > f else "f" if f > m else None

    def antecedent(self, pronoun: str, subjects: list[str], people: list[str],
                   quoted: Collection[str] = (), mentioned: list[str] | None = None,
                   continuing: str | None = None) -> str | None:
        """Who "he"/"she" is: a subject named earlier in the sentence ("Menendez said he
        doubts") whose gender nothing contradicts; else, of the people the sentence names
        before the pronoun (`mentioned`, the nearest first), the person the previous
        sentence was about (or, if it had no subject at all, the people it named: "Just
        look at Speaker Paul Ryan. He has said"), the latest speaker and the latest person
        named before the sentence, the first whose gender the article gives as the
        pronoun's, failing that the first of unknown gender. Before those, when the pronoun
        credits a quotation and no one is named before it, the speaker of the sentence or
        two before (`continuing`), if their gender may be the pronoun's: '"...," Obama told
        the meeting. "...," he said' goes on quoting Obama, though only Donald Trump, named
        further back, is known to be a man. Never one the sentence's quotation names
        (`quoted`)."""
        wanted = PRONOUNS[pronoun]
        for who in reversed(subjects):
            if who not in quoted and self.gender(who) in (None, wanted):
                return who
        if continuing and not mentioned and continuing not in quoted \
                and self.gender(continuing) in (None, wanted):
            return continuing
        order = [who for who in
                 [*reversed(mentioned or []), self.topic, *reversed(self.met_before),
                  self.last_speaker, *reversed(people)]
                 if who and who not in quoted]
        genders = [self.gender(who) for who in order]
        for accept in (wanted, None):
            for who, gender in zip(order, genders, strict=True):
                if gender == accept:
                    return who
        return None

    def canonical(self, name: str, gender: str | None = None) -> str:
        """The fullest earlier name with the same surname ("Rouhani" -> "Hassan Rouhani"),
        of the gender an honorific gives ("Mrs. Clinton" is not "Bill Clinton")."""
        name = POSSESSIVE.sub("", name)
        words = name_words(name)
        if not words:
            return name
        for person in reversed(self.people):
            have = name_words(person)
            if have and have[-1] == words[-1] and len(have) >= len(words) and (
                    gender is None or self.gender(person) in (None, gender)) and (
                    len(words) == 1 or all(w in have for w in words)):  # not "Bill" for "Hillary"
                return person
        return " ".join(w for w in name.split() if w.lower().rstrip(".") not in HONORIFICS)

    def named(self, ent: Any) -> str:
        """The person a PERSON entity names, an honorific before it heeded."""
        return self.canonical(person_text(ent), honorific(ent.doc, ent.start))

    def meet(self, name: str, title: Iterable[str] = (), gender: str | None = None) -> str:
        full = self.canonical(name, gender)
        if full in self.people:
            self.people.remove(full)
        self.people.append(full)
        self.named_now.append(full)
        words = frozenset(w for w in title if w not in TITLE_STOP)
        if words:
            self.titles.append((words, full))
        return full

    def next_sentence(self, sentence: int, text: str) -> None:
        self.now = sentence
        self.met_before = [] if self.subject_now else self.named_now
        self.named_before = list(dict.fromkeys(self.named_now))
        self.named_now, self.subject_now = [], False
        self.words_before = self.words_now
        self.words_now = frozenset(re.findall(r"\w+", text.lower()))

    def by_title(self, words: set[str]) -> str | None:
        """The latest person whose title holds every given word."""
        words = {w for w in words if w not in TITLE_STOP}
        if not words:
            return None
        for title, person in reversed(self.titles):
            if all(any(same_word(w, t) for t in title) for w in words):
                return person
        return None


def honorific(doc: Any, start: int) -> str | None:
    """The gender of an honorific or gendered title just before a name, or its first word:
    "Mrs. Clinton", "Mr Trump"."""
    for token in doc[max(start - 1, 0) : start + 1]:
        gender = GENDERED.get(token.lower_.rstrip("."))
        if gender:
            return gender
    return None


def person_text(ent: Any) -> str:
    """A PERSON entity's name with the first names the small model left out of it: it tags
    only "Khan" in "Mayor Sadiq Khan", which an article that named Imran Khan first would
    read as him. The capitalised proper nouns right before a one-word name, joined to it in
    the parse, are its first names, up to two, unless a role or an honorific ("Mayor")."""
    if len(ent) != 1:
        return str(ent.text)
    doc, start = ent.doc, ent.start
    while start > ent.start - 2 and start > 0:
        t = doc[start - 1]
        if not (t.pos_ == "PROPN" and t.dep_ == "compound" and t.head.i == ent.root.i
                and t.text[:1].isupper() and t.text[-1:].isalpha() and t.ent_type_ == ""
                and t.lower_ not in ROLES and t.lower_.removesuffix("s") not in ROLES
                and t.lower_ not in HONORIFICS):  # (nor "Senators Rubio")
            break
        start -= 1
    return str(doc[start:ent.end].text)
