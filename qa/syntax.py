"""Questions asked of one parsed token: its lemma, whether it reports speech, and where it
hangs in the parse (under a preposition, in a clause that describes, as an owner). Pure
functions of spaCy tokens; no state of the article (that is qa/mentions.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from qa.cues import CAUSES, LEMMAS, PHRASAL, PUBLISHING, SPEECH_LEMMAS, STATEMENTS
from qa.quotes import CLOSING_MARKS, OPENING_MARKS


def cue_lemma(token: Any) -> str:
    """The lemma of a verb the extractor asks about (speech verbs, "go", "make"), from the
    table of their written forms; an adjective ("worried") or any other word is itself.
    spaCy's rule lemmatizer costs a sixth of the parse, and it read "hopes" as "hop"."""
    if token.pos_ == "ADJ":
        return str(token.lower_)
    return LEMMAS.get(token.lower_, token.lower_)


def speech_verb(token: Any) -> bool:
    """Whether a verb reports what its subject said or thought."""
    lemma = cue_lemma(token)
    particles = {c.lower_ for c in token.children if c.dep_ in ("prep", "prt", "advmod")}
    if lemma in PHRASAL and PHRASAL[lemma] in particles:
        return True
    if lemma in ("call", "point"):  # "called for", "pointed out", "called it stupid"
        # the particle after the verb, adverbs between at most: "called repeatedly for
        # sanctions", "called on Congress", not "called her mother on Sunday"
        close = {c.lower_ for c in token.children
                 if c.i > token.i and all(t.pos_ == "ADV" for t in token.doc[token.i + 1:c.i])
                 and not any(o.ent_type_ in ("DATE", "TIME") for o in c.children
                             if o.dep_ == "pobj")}  # "called again on Sunday": a phone call
        return bool(particles & close & {"for", "out", "on"}) or any(
            c.dep_ in ("oprd", "ccomp") for c in token.children) or (
            # "called the plan to close the library "a disgrace"", however that parses;
            # not a quotation inside a phrase ("after the "Meet the Press" taping")
            lemma == "call" and any(t.text in OPENING_MARKS | CLOSING_MARKS
                                    and not inside_prep(t, token) for t in token.subtree))
    if lemma in PUBLISHING:  # "released a memo", not "released the prisoners", nor "released
        # a letter from his lawyer" (the lawyer's words)
        return any(c.dep_ == "dobj" and c.lower_ in STATEMENTS and not any(
            (d.dep_ == "prep" and d.lower_ in ("from", "by", "of"))
            or (d.dep_ == "poss" and d.pos_ != "PRON")  # "his lawyer's letter"
            or d.dep_ == "relcl" or (d.dep_ == "acl" and any(  # "written by his lawyer"
                a.dep_ == "agent" or a.lower_ == "by" for a in d.children))
            for d in c.children) for c in token.children)
    if lemma == "make":  # "made it clear that"
        return any(c.dep_ in ("oprd", "ccomp") and c.lower_ == "clear" for c in token.children)
    return lemma in SPEECH_LEMMAS


def purpose(verb: Any) -> bool:
    """An infinitive that says what someone means or has to do, not what they said: "has to
    look beyond the slogans to tell a fuller story" (but "went on to say" is a statement)."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children) and \
        cue_lemma(verb.head) not in ("go", "continue", "proceed") and not caused(verb)


def caused(verb: Any) -> list[Any]:
    """The object a causative verb made speak: "led Dana Okafor to announce"."""
    if verb.dep_ != "xcomp" or cue_lemma(verb.head) not in CAUSES:
        return []
    return [c for c in verb.head.children if c.dep_ == "dobj"]


def _up_to(token: Any, top: Any) -> Iterator[Any]:
    """The tokens from `token` up the parse to `top` (or the root), `top` left out."""
    node = token
    while node.i != top.i and node.head.i != node.i:
        yield node
        node = node.head


def inside_prep(token: Any, top: Any) -> bool:
    """Whether `token` hangs under a preposition below `top` ("a spokesman for X")."""
    return any(n.dep_ in ("prep", "pobj") and n.head.i != top.i for n in _up_to(token, top))


def reported_by(subject: Any) -> set[int]:
    """The token indices of what the subject's verb reports (its clausal complement)."""
    return {t.i for c in subject.head.children if c.dep_ in ("ccomp", "parataxis")
            for t in c.subtree}


def within(token: Any, spans: list[tuple[int, int]]) -> bool:
    """Whether the token starts inside one of the (start, end) character spans."""
    return any(a <= token.idx < b for a, b in spans)


def possessive(token: Any) -> bool:
    """Whether the name is an owner, not the speaker: "Rubio's rival" (spoken by the rival)."""
    return token.dep_ == "poss" or any(c.dep_ == "case" for c in token.children)


def modifier(token: Any, top: Any) -> bool:
    """Whether a name only describes a subject that is itself a name: "Baird, a Hale
    supporter" (but "The harbour master, Tomas Reel," is Reel)."""
    return any((n.dep_ == "appos" and top.pos_ == "PROPN")
               or (n.dep_ == "compound" and n.head.pos_ == "NOUN") for n in _up_to(token, top))


def in_clause(token: Any, top: Any) -> bool:
    """Whether a name sits in a clause that describes the subject, not in the subject
    itself: "Baird, who endorsed Alder in March, reiterated" is Baird's (but "A sophomore
    named Mia Torres posted" is Torres)."""
    return any(n.dep_ in ("relcl", "acl") and n.lower_ not in ("named", "called")
               for n in _up_to(token, top))


def main_subjects(doc: Any) -> list[Any]:
    """The subjects of the last sentence's main verb."""
    sents = list(doc.sents)
    return [c for c in sents[-1].root.children
            if c.dep_ in ("nsubj", "nsubjpass")] if sents else []
