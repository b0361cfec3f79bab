"""Follow-up questions made standalone from the conversation, without a language model.

"and what did Rouhani say about them?" after "what did Khan say about sanctions" becomes
"what did Rouhani say about sanctions"; "what did he say about the IMF?" after "What did
Rouhani discuss with Conte?" becomes "what did Rouhani say about the IMF". After a question
that asks who ("Who condemned the sanctions?"), "he" is the person the answer quoted first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from qa.question import ASKS_WHO, Query, parse, who_is
from qa.roles import asked_role

SPEAKER_PRONOUNS = frozenset({"he", "she", "him", "her", "they", "them"})
TOPIC_PRONOUNS = frozenset({
    "it", "them", "that", "this", "those", "these", "the same", "that issue", "this issue",
    "the issue", "the matter", "the same thing", "the same topic",
})
ELLIPSIS = re.compile(
    r"^(?:and\s+)?(?:what|how)\s+about\s+(?P<x>.+?)\s*[?.!]*$|^and\s+(?P<y>.+?)\s*[?.!]*$", re.I)
NAME = re.compile(r"\b[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*")
PRONOUN_WORD = re.compile(r"\b(he|she|him|her)\b", re.I)
PERSON_PRONOUN = re.compile(rf"\b(?:{'|'.join(sorted(SPEAKER_PRONOUNS))})\b", re.I)
# After a question asking who (`_asks_who`), its answer is whom a later "he" means.
LOOKUPS = 4  # earlier answers looked up per question, at most (the latest who-questions')


def _asks_who(text: str) -> bool:
    """"Who condemned ...?", "Who is the Italian Prime Minister?": its answer is a person."""
    return bool(ASKS_WHO.match(text)) or asked_role(text) is not None


def _speaker_of(query: Query, is_speaker: Callable[[str], bool]) -> str | None:
    """Who the question was about: its speaker, else the first archive speaker it names."""
    if query.speaker and query.speaker.lower() not in SPEAKER_PRONOUNS:
        return query.speaker
    for match in NAME.finditer(query.text):
        words = match.group(0).split()
        for i in range(len(words)):
            name = " ".join(words[i:])
            if is_speaker(name):
                return name
    return None


def _ask(speaker: str, topic: str | None) -> str:
    return f"what did {speaker} say about {topic}" if topic else f"what did {speaker} say"


def standalone(question: str, history: Sequence[str], is_speaker: Callable[[str], bool],
               answered: Callable[[str], str | None] | None = None) -> str | None:
    """The question rewritten to stand alone, or None when it already does.

    Each earlier turn is made standalone in order, from the one before it. After a "who
    ...?" question, a pronoun means the person `answered(question)` says its answer names
    (None: no one surely); that is looked up for the latest few such turns only, and an
    older one's pronoun is left as it was, for the reply to ask about.
    """
    turns = [*history, question]
    # The turns whose pronoun follows a who-question: the last few may look its answer up.
    needing = [i for i in range(1, len(turns))
               if PERSON_PRONOUN.search(turns[i]) and _asks_who(turns[i - 1])]
    looked_up = set(needing[-LOOKUPS:])
    previous: str | None = None
    rewritten: str | None = None
    for i, text in enumerate(turns):
        rewritten = _resolve(text, previous, is_speaker,
                             answered if i in looked_up else None) \
            if previous is not None else None
        previous = rewritten or text
    return rewritten


def _resolve(question: str, previous_text: str, is_speaker: Callable[[str], bool],
             answered: Callable[[str], str | None] | None) -> str | None:
    """`question` made standalone from the turn before it (itself standalone already)."""
    previous = parse(previous_text)
    speaker = _speaker_of(previous, is_speaker) or who_is(previous_text)  # "Who is Conte?"
    topic = previous.topic
    asks_who = ASKS_WHO.match(previous_text)
    if asks_who:
        topic = topic or asks_who.group("object")  # "Who condemned the sanctions?"
    if _asks_who(previous_text) and PERSON_PRONOUN.search(question):
        # not a person the question only names ("Who is the Emir of Kuwait?")
        speaker = answered(previous_text) if answered else None
    query = parse(question)

    if query.form in ("speaker_topic", "speaker_all"):
        who = query.speaker or ""
        new_who = speaker if who.lower() in SPEAKER_PRONOUNS and speaker else who
        new_topic = query.topic
        if query.topic and query.topic.lower() in TOPIC_PRONOUNS:
            new_topic = topic  # none to refer to: all that X said
        if (new_who, new_topic) != (query.speaker, query.topic):
            topic_asked = new_topic if query.form == "speaker_topic" else None
            if new_who.lower() in SPEAKER_PRONOUNS:
                return None  # "who do you mean by he?" is the answer's to ask
            if query.addressee:  # "what did he tell Conte (about it)?"
                told = f"what did {new_who} tell {query.addressee}"
                return f"{told} about {topic_asked}" if topic_asked else told
            return _ask(new_who, topic_asked)
        return None

    ellipsis = ELLIPSIS.match(question)
    if ellipsis and previous.form in ("speaker_topic", "speaker_all"):
        x = ellipsis.group("x") or ellipsis.group("y")
        if is_speaker(x):  # "and Rouhani?": same question, another speaker
            return _ask(x, topic)
        if speaker:  # "what about the economy?": same speaker, another topic
            return _ask(speaker, x)

    if speaker and PRONOUN_WORD.search(question):  # "when did he call Conte?"
        return PRONOUN_WORD.sub(speaker, question, count=1)
    return None
