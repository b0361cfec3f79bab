"""Who a subject is: the people a subject token names, directly, as "he" or "she", by a
title, a description ("the actress") or a campaign, in the article read so far
(qa/mentions.py); and whom a sentence is about, for the next one's pronouns."""

from __future__ import annotations

import re
from typing import Any

from qa.mentions import PRONOUNS, Mentions, honorific
from qa.names import SPEAKS_FOR, name_words
from qa.quotes import CLOSING_MARKS
from qa.syntax import (
    in_clause,
    inside_prep,
    main_subjects,
    modifier,
    possessive,
    reported_by,
    speech_verb,
    within,
)

# Occupations that give a person's gender, which "the ..." may stand for: "the actress".
ROLES = {**dict.fromkeys("businessman congressman councilman assemblyman".split(), "m"),
         **dict.fromkeys("actress businesswoman congresswoman councilwoman assemblywoman "
                         "waitress".split(), "f")}
PERSONISH = frozenset({"PERSON", "NORP", ""})  # NORP: the small model tags "Rouhani" so at times


def resolve(subject: Any, state: Mentions, before: list[str],
            quoted: list[tuple[int, int]]) -> tuple[list[str | None], str]:
    """Speaker names for a subject token, and the subject as written. `before`: the people
    named before this sentence (a pronoun's antecedents); `quoted`: the character spans of
    the sentence's quotations (`quotes.quoted_spans` of the parsed text)."""
    span = subject.doc[subject.left_edge.i : subject.right_edge.i + 1]
    # The subject's own words, without its conjuncts ("the President of Iran and ...").
    conj = {t.i for c in subject.children if c.dep_ in ("conj", "cc") or (
        c.dep_ == "acl" and c.i > subject.i and speech_verb(c))  # "..., Trump, tweeted"
        for t in c.subtree}
    own = [t for t in span if t.i not in conj]
    written = subject.doc[own[0].i : own[-1].i + 1].text.strip(" ,")
    written = re.split(r':\s*["“]', written)[0]  # not the words of a transcript's credit
    if subject.lower_ == "they":  # "... needed, they say": the two the sentence before named
        # not inside a quotation, nor after a noun subject of its own clause ("Many members
        # are undecided, and they say"; "The crowd was angry, and they said"), though the
        # words it reports may have one ("The program has expanded, they say")
        reported = reported_by(subject)
        own_subject = any(t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN")
                          and t.i < subject.i and t.i not in reported for t in subject.sent)
        inside = within(subject, quoted)
        return ([] if inside or own_subject else list(state.group)), subject.text
    if subject.lower_ in PRONOUNS:
        # Only the subject of a clause that frames the statement: "After Hale won, he said",
        # not "Hale isn't a liberal, he said".
        subjects = [state.named(e) for e in subject.doc.ents if e.label_ == "PERSON"
                    and e.end <= subject.i and e.root.dep_ in ("nsubj", "nsubjpass")
                    and e.root.head.dep_ == "advcl"]
        # ... or, when the pronoun is not the main clause's subject, a subject before it, the
        # nearest first: "Alder offered the crowd a deal, then says she'll welcome questions".
        if subject.head.i != subject.sent.root.i:
            subjects += [who for t in subject.sent if t.dep_ in ("nsubj", "nsubjpass")
                         and t.i < subject.i and t.lower_ not in PRONOUNS
                         for who in [named_person(t, state)] if who]
        # "'... I will vote for Mr. Hale,' she said": whom the quotation names is not who
        # says it (people rarely speak of themselves by name)
        named_inside = {state.named(e) for e in subject.doc.ents if e.label_ == "PERSON"
                        and any(a <= e.start_char and e.end_char <= b for a, b in quoted)}
        if within(subject, quoted):
            named_inside = set()
        # people the sentence names before the pronoun, however it parsed ("Nora Quill,
        # the activist, endorsed ..., saying she had not"), but not as an object or after a
        # preposition ("Asked about Mitt Romney, he said")
        mentioned = [state.named(e) for e in subject.doc.ents if e.label_ == "PERSON"
                     and e.end <= subject.i and not possessive(e.root)
                     and e.root.dep_ not in ("dobj", "pobj", "attr", "dative")]
        # ... and an owner, when an organisation is the main subject and the pronoun
        # subject of a clause below it: "The Harbor Trust has protested Moreno's use of
        # old figures when he talks of ..."
        main = main_subjects(subject.doc)
        if main and main[0].ent_type_ == "ORG" and subject.head.i != subject.sent.root.i:
            mentioned = [state.named(e) for e in subject.doc.ents if e.label_ == "PERSON"
                         and e.end <= subject.i and possessive(e.root)] + mentioned
        # Whom the pronoun's verb reports on, if met before, is not who reports it either:
        # "Hale isn't a liberal, he said" (but "Former Rep. Tom Baird was for Alder,
        # he said": a person the sentence introduces may be speaking of himself).
        reported = reported_by(subject)
        named_inside |= {who for e in subject.doc.ents if e.label_ == "PERSON"
                         and e.root.i in reported for who in [state.named(e)] if who in before}
        credits = any(t.text in CLOSING_MARKS for t in subject.doc[max(subject.i - 2, 0):subject.i])
        if credits and state.unnamed_spoke:
            # 'The Republican leader fired back. "...," he said': the one who just spoke,
            # whom the article does not name
            return [], subject.text
        # '"...," he said' right after someone spoke, no one else the subject since: most
        # likely still them.
        continuing = state.last_speaker if credits and 0 < state.now - state.spoke_at <= 2 \
            and not state.others_since else None
        who = state.antecedent(subject.lower_, subjects, before, named_inside, mentioned,
                               continuing)
        return ([who] if who else []), subject.text
    if subject.lower_ in SPEAKS_FOR:  # "the Clinton campaign", "his campaign"; "the campaign"
        # is no one
        owner = _owner(subject, state, before)
        return ([f"{owner} {subject.lower_}"] if owner else []), written
    names = [
        ent for ent in span.ents
        if ent.label_ == "PERSON" and not inside_prep(ent.root, subject)
        and not possessive(ent.root) and not modifier(ent.root, subject)
        and not in_clause(ent.root, subject)
    ]
    if names:
        return [state.named(e) for e in names], written
    if subject.pos_ not in ("PROPN", "NOUN"):
        return [], written
    parts = [t for t in subject.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    name = " ".join([t.text for t in parts] + [subject.text])
    full = state.canonical(name, honorific(subject.doc, parts[0].i if parts else subject.i))
    if subject.text[:1].isupper() and full in state.people:
        # A surname the article introduced, however the tagger read it ("Trump": NOUN).
        return [full], written
    words = {t.lower_ for t in own if t.pos_ in ("PROPN", "NOUN", "ADJ")}
    # a title names one person: "some senators" are not the Senate's leader
    title = state.by_title(words) if subject.tag_ not in ("NNS", "NNPS") else None
    if title:
        return [title], written
    if subject.lower_ in ROLES and subject.pos_ == "NOUN" and not subject.conjuncts and any(
            c.dep_ == "det" and c.lower_ == "the" for c in subject.children) and not any(
            c.dep_ in ("prep", "relcl", "acl") for c in subject.children):
        # A gendered occupation the article gave no one as a title ("the “Harbor Lights”
        # actress") is the one person the sentence before named, if the article gives them
        # that gender, that sentence does not use the same word, and this one names no one
        # before it. Anything else ("When asked about Marco Rubio, the businessman said";
        # "Donald Trump called the congressman weak. The congressman said"; two people
        # named; "the congressman who represents the district") is no one.
        gender = ROLES[subject.lower_]
        here = [e for e in subject.doc.ents if e.label_ == "PERSON" and e.end <= subject.i]
        previous = state.named_before
        who = previous[0] if not here and len(previous) == 1 \
            and state.gender(previous[0]) == gender \
            and subject.lower_ not in state.words_before else None
        return ([who] if who else []), written
    title_words = {w for t, _ in state.titles for w in t}
    if subject.pos_ == "PROPN" and subject.ent_type_ in PERSONISH \
            and not set(name_words(name)) & title_words:
        return [state.meet(name)], written  # a name the small model did not tag
    for ent in span.ents:  # a newspaper, network or agency: "Fox told", "the Pentagon said"
        if ent.label_ == "ORG" and ent.start <= subject.i < ent.end and not possessive(ent.root):
            return [re.sub(r"^[Tt]he\s+", "", ent.text)], written
    return [], written


def _owner(subject: Any, state: Mentions, before: list[str]) -> str | None:
    """The person whose name or pronoun owns the subject: "Clinton's campaign", "the Jeb
    Bush campaign", "her campaign" (the person "she" would be here); else the proper nouns
    before it as written ("the Trump campaign" in an article that names no Trump)."""
    written = [t.text for t in subject.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    for child in subject.children:
        if child.dep_ not in ("poss", "compound"):
            continue
        if child.lower_ in ("his", "her"):
            return state.antecedent("he" if child.lower_ == "his" else "she", [], before)
        for ent in subject.doc.ents:
            if ent.label_ == "PERSON" and ent.root.i == child.i:
                return state.named(ent)
        if child.pos_ == "PROPN":
            name = state.canonical(child.text)
            if name in state.people:
                return name
    return " ".join(written) or None


def named_person(token: Any, state: Mentions) -> str | None:
    """The person a subject token names, if it names one the article introduced."""
    for ent in token.doc.ents:
        if ent.label_ == "PERSON" and ent.start <= token.i < ent.end:
            return None if possessive(ent.root) else state.named(ent)
    if token.pos_ in ("PROPN", "NOUN") and token.text[:1].isupper():
        name = state.canonical(token.text, honorific(token.doc, token.i))
        if name in state.people:
            return name
    for child in token.children:  # "Hale's father, the Rev. Samuel Hale Jr., knew"
        if child.dep_ == "appos":
            return named_person(child, state)
    return None


def sentence_topic(doc: Any, state: Mentions, before: list[str],
                   quoted: list[tuple[int, int]]) -> str | None:
    """The person the last clause of the parsed text is about: its main subject (`before`
    and `quoted` as for `resolve`)."""
    main = main_subjects(doc)
    # The parser may hang the main verb under another ("Alder offered ..., then says"):
    # then the first subject of the sentence.
    sents = list(doc.sents)
    subject = next(iter(main or [t for t in sents[-1] if t.dep_ in ("nsubj", "nsubjpass")]),
                   None) if sents else None
    if subject is None:
        return None
    if subject.lower_ in PRONOUNS:
        names, _ = resolve(subject, state, before, quoted)
        return names[0] if names else None
    return named_person(subject, state)


def sentence_group(doc: Any, state: Mentions) -> list[str]:
    """The people the last clause's main subject joins, when it names two or more and only
    people: "Mr. Hale and Ms. Alder say"."""
    main = main_subjects(doc)
    if not main or not main[0].conjuncts:
        return []
    people = [named_person(t, state) for t in (main[0], *main[0].conjuncts)]
    return [p for p in people if p] if all(people) else []


LEADING_NAME = re.compile(r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Senator|President)\.? )?"
                          r"((?:[A-Z][\w’'-]+ ){0,2}[A-Z][\w’'-]+)(?:,| [a-z])")


def plain_topic(text: str, state: Mentions) -> str | None:
    """Who an unparsed sentence is about, when it opens with a person the article named
    ("Alder sees these results as ...") or goes on with the pronoun of the person the
    sentence before was about ("He proved ...")."""
    first = text.split(None, 1)[0].lower() if text.strip() else ""
    if first in PRONOUNS:
        topic = state.topic
        return topic if topic and state.gender(topic) in (None, PRONOUNS[first]) else None
    match = LEADING_NAME.match(text)
    if match:
        name = state.canonical(match.group(1))
        if name in state.people:
            return name
    return None
