"""The rules of attribution over one parsed sentence: which words are a cue, who is its
subject, who that subject is in the article read so far (qa/mentions.py), and what was
said. `attribute` is the entry; qa/speakers.py runs spaCy and calls it sentence by
sentence."""

from __future__ import annotations

import re
from typing import Any

from qa.cues import (
    CAUSES,
    CUE_WORDS,
    LEMMAS,
    PHRASAL,
    PUBLISHING,
    SPEECH_LEMMAS,
    STANCE,
    STATEMENTS,
)
from qa.mentions import GENDERED, PRONOUN_GENDER, PRONOUNS, Mentions, honorific
from qa.names import SPEAKS_FOR, full_names, is_person, name_words
from qa.quotes import CLOSING_MARKS, OPENING_MARKS, quoted_spans
from qa.types import Attribution, Sentence

# Prepositions that frame someone else's words: "attacked Vance for saying", "accused of".
OBJECT_FRAMES = frozenset({"for", "of", "about", "against", "over", "with"})
DASHES = frozenset({"―", "—", "–", "--"})
PERSONISH = frozenset({"PERSON", "NORP", ""})  # NORP: the small model tags "Rouhani" so at times
# What someone should or could say is not what they said: "Clinton should ask why". ("may"
# and "might" concede more often than they suppose: "Trump may blame trade deals, but";
# "would" and "will" stay cues too: "would later say", "will tell supporters tonight".)
MODALS = frozenset({"should", "could", "must", "can", "ought"})


def _title_before(ent: Any) -> list[str]:
    """Title words written just before a name: "Pakistani Prime Minister" Imran Khan."""
    words: list[str] = []
    i = ent.start - 1
    while i >= 0:
        token = ent.doc[i]
        if token.text in ("'s", "’s") or (
            token.pos_ in ("PROPN", "NOUN", "ADJ") and token.ent_type_ not in ("PERSON",)
        ):
            words.append(token.text.lower())
            i -= 1
        else:
            break
    return words


def _title_after(ent: Any) -> list[str]:
    """Title in an apposition: Hassan Rouhani, "Iran's president", said."""
    for token in ent.root.children:
        if token.dep_ == "appos" and token.i > ent.end - 1:
            return [t.text.lower() for t in token.subtree if t.pos_ in ("PROPN", "NOUN", "ADJ")]
    return []


def _subjects(verb: Any) -> list[Any]:
    """Subject tokens of a speech verb, following "adding"/"and added" and "began by
    saying" up to their head; for "who said", the person the clause is about."""
    if _caused(verb):
        return _caused(verb)
    node = verb
    for _ in range(4):
        found = [c for c in node.children if c.dep_ == "nsubj"]
        if len(found) > 1:  # "the polls that he claimed were rigged": "that" is the object
            found = [c for c in found if c.lower_ not in ("that", "which")]
        if found and node.dep_ == "relcl" and found[0].lower_ in ("who", "that"):
            return [node.head]  # "Sanders, who thinks the same way"
        if not found and node.dep_ == "acl" and node.tag_ in ("VBD", "VBN") \
                and node.head.i < node.i and node.head.left_edge.i > 0 \
                and node.doc[node.head.left_edge.i - 1].text in CLOSING_MARKS:
            # '...!" the presumptive nominee, Donald Trump, tweeted Sunday', parsed as a
            # noun phrase that the verb describes
            return [node.head]
        if not found and node.dep_ == "acl" and node.tag_ == "VBG" \
                and node.head.pos_ in ("PROPN", "NOUN") \
                and any(c.dep_ == "ccomp" for c in node.children):
            # "Erin Brockovich, the activist, ..., saying she had not"; not "a journalist
            # reporting from Iraq", who reports nothing here
            return [node.head]
        if found and node is not verb and verb.tag_ == "VBG" and verb.dep_ == "advcl" \
                and node.dep_ == "ccomp" and _speech_verb(node.head):
            # "Cruz said that Trump represents ..., stating that": a participle the parser
            # hung inside what a speech verb reports goes on with that verb's speaker
            node = node.head
            continue
        if found:
            more = [c for s in found for c in s.conjuncts]
            return found + more
        if node.dep_ in ("advcl", "conj", "xcomp", "ccomp") and node.head.i != node.i:
            node = node.head
        elif node.dep_ == "pcomp" and node.head.dep_ == "prep" \
                and node.head.lower_ not in OBJECT_FRAMES:  # "began by saying", "in describing"
            node = node.head.head
        else:
            break
    return []


def _lemma(token: Any) -> str:
    """The lemma of a verb the extractor asks about (speech verbs, "go", "make"), from the
    table of their written forms; an adjective ("worried") or any other word is itself.
    spaCy's rule lemmatizer costs a sixth of the parse, and it read "hopes" as "hop"."""
    if token.pos_ == "ADJ":
        return str(token.lower_)
    return LEMMAS.get(token.lower_, token.lower_)


def _speech_verb(token: Any) -> bool:
    """Whether a verb reports what its subject said or thought."""
    lemma = _lemma(token)
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
            # "called the use of executive orders "quite dangerous"", however that parses;
            # not a quotation inside a phrase ("after the "Meet the Press" taping")
            lemma == "call" and any(t.text in OPENING_MARKS | CLOSING_MARKS
                                    and not _inside_prep(t, token) for t in token.subtree))
    if lemma in PUBLISHING:  # "released a memo", not "released the prisoners"
        return any(c.dep_ == "dobj" and c.lower_ in STATEMENTS for c in token.children)
    if lemma == "make":  # "made it clear that"
        return any(c.dep_ in ("oprd", "ccomp") and c.lower_ == "clear" for c in token.children)
    return lemma in SPEECH_LEMMAS


def _purpose(verb: Any) -> bool:
    """An infinitive that says what someone means or has to do, not what they said: "has to
    step beyond these staples to tell a fuller story" (but "went on to say" is a statement)."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children) and \
        _lemma(verb.head) not in ("go", "continue", "proceed") and not _caused(verb)


def _caused(verb: Any) -> list[Any]:
    """The object a causative verb made speak: "led Debbie Wasserman Schultz to announce"."""
    if verb.dep_ != "xcomp" or _lemma(verb.head) not in CAUSES:
        return []
    return [c for c in verb.head.children if c.dep_ == "dobj"]


def _inside_prep(token: Any, top: Any) -> bool:
    """Whether `token` hangs under a preposition below `top` ("a spokesman for X")."""
    node = token
    while node.i != top.i and node.head.i != node.i:
        if node.dep_ in ("prep", "pobj") and node.head.i != top.i:
            return True
        node = node.head
    return False


# What a source's words come in: "according to a Gallup poll", "to an analysis by Crowdpac"
REPORTS = frozenset("""analysis report study poll survey data review estimate estimates count
    tally figures statement memo audit investigation""".split())


def _author(target: Any) -> Any:
    """Whose words "according to" credits: the author of a report it names ("an analysis of
    FEC data by Crowdpac", "a Gallup poll"), else the words' holder as named."""
    if target.lower_ not in REPORTS:
        return target
    for token in target.subtree:  # "by" hangs from the report or from what it reads
        if token.dep_ == "prep" and token.lower_ in ("by", "from") \
                and token.head.lower_ in REPORTS:
            return next((g for g in token.children if g.dep_ == "pobj"), target)
    return next((c for c in target.children if c.dep_ == "compound" and c.pos_ == "PROPN"),
                target)


def _reported(subject: Any) -> set[int]:
    """The token indices of what the subject's verb reports (its clausal complement)."""
    return {t.i for c in subject.head.children if c.dep_ in ("ccomp", "parataxis")
            for t in c.subtree}


def _within(token: Any, spans: list[tuple[int, int]]) -> bool:
    return any(a <= token.idx < b for a, b in spans)


def _possessive(token: Any) -> bool:
    """Whether the name is an owner, not the speaker: "Rubio's rival" (spoken by the rival)."""
    return token.dep_ == "poss" or any(c.dep_ == "case" for c in token.children)


def _modifier(token: Any, top: Any) -> bool:
    """Whether a name only describes a subject that is itself a name: "Simmons, an Obama
    supporter" (but "The harbour master, Tomas Reel," is Reel)."""
    node = token
    while node.i != top.i and node.head.i != node.i:
        if (node.dep_ == "appos" and top.pos_ == "PROPN") or (
                node.dep_ == "compound" and node.head.pos_ == "NOUN"):
            return True
        node = node.head
    return False


def _in_clause(token: Any, top: Any) -> bool:
    """Whether a name sits in a clause that describes the subject, not in the subject
    itself: "Reid, who endorsed Clinton in February, reiterated" is Reid's (but "A freshman
    named Hailey Puckett posted" is Puckett)."""
    node = token
    while node.i != top.i and node.head.i != node.i:
        if node.dep_ in ("relcl", "acl") and node.lower_ not in ("named", "called"):
            return True
        node = node.head
    return False


def _resolve(subject: Any, state: Mentions, before: list[str]) -> tuple[list[str | None], str]:
    """Speaker names for a subject token, and the subject as written. `before`: the people
    named before this sentence (a pronoun's antecedents)."""
    span = subject.doc[subject.left_edge.i : subject.right_edge.i + 1]
    # The subject's own words, without its conjuncts ("the President of Iran and ...").
    conj = {t.i for c in subject.children if c.dep_ in ("conj", "cc") or (
        c.dep_ == "acl" and c.i > subject.i and _speech_verb(c))  # "..., Trump, tweeted"
        for t in c.subtree}
    own = [t for t in span if t.i not in conj]
    written = subject.doc[own[0].i : own[-1].i + 1].text.strip(" ,")
    written = re.split(r':\s*["“]', written)[0]  # not the words of a transcript's credit
    if subject.lower_ == "they":  # "... needed, they say": the two the sentence before named
        # not inside a quotation, nor after a noun subject of its own clause ("Many members
        # are undecided, and they say"; "The crowd was angry, and they said"), though the
        # words it reports may have one ("The program has expanded, they say")
        reported = _reported(subject)
        own_subject = any(t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN")
                          and t.i < subject.i and t.i not in reported for t in subject.sent)
        inside = _within(subject, quoted_spans(subject.doc.text))
        return ([] if inside or own_subject else list(state.group)), subject.text
    if subject.lower_ in PRONOUNS:
        # Only the subject of a clause that frames the statement: "After Trump won, he said",
        # not "Trump isn't a conservative, he said".
        subjects = [state.named(e) for e in subject.doc.ents if e.label_ == "PERSON"
                    and e.end <= subject.i and e.root.dep_ in ("nsubj", "nsubjpass")
                    and e.root.head.dep_ == "advcl"]
        # ... or, when the pronoun is not the main clause's subject, a subject before it, the
        # nearest first: "Kasich offered the man a job, then says he'll welcome advice".
        if subject.head.i != subject.sent.root.i:
            subjects += [who for t in subject.sent if t.dep_ in ("nsubj", "nsubjpass")
                         and t.i < subject.i and t.lower_ not in PRONOUNS
                         for who in [_person(t, state)] if who]
        # "'... I will support Sen. Obama,' she said": whom the quotation names is not who
        # says it (people rarely speak of themselves by name)
        quoted = quoted_spans(subject.doc.text)
        named_inside = {state.named(e) for e in subject.doc.ents if e.label_ == "PERSON"
                        and any(a <= e.start_char and e.end_char <= b for a, b in quoted)}
        if _within(subject, quoted):
            named_inside = set()
        # people the sentence names before the pronoun, however it parsed ("Erin Brockovich,
        # the activist, endorsed ..., saying she had not"), but not as an object or after a
        # preposition ("Asked about Mitt Romney, he said")
        mentioned = [state.named(e) for e in subject.doc.ents if e.label_ == "PERSON"
                     and e.end <= subject.i and not _possessive(e.root)
                     and e.root.dep_ not in ("dobj", "pobj", "attr", "dative")]
        # ... and an owner, when an organisation is the main subject and the pronoun
        # subject of a clause below it: "The Anti-Defamation League has protested Trump's
        # use of anti-Semitic tropes when he talks of ..."
        main = _main_subjects(subject.doc)
        if main and main[0].ent_type_ == "ORG" and subject.head.i != subject.sent.root.i:
            mentioned = [state.named(e) for e in subject.doc.ents if e.label_ == "PERSON"
                         and e.end <= subject.i and _possessive(e.root)] + mentioned
        # Whom the pronoun's verb reports on, if met before, is not who reports it either:
        # "Trump isn't a conservative, he said" (but "Former Rep. Chris Shays was for
        # Kasich, he said": a person the sentence introduces may be speaking of himself).
        reported = _reported(subject)
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
        if ent.label_ == "PERSON" and not _inside_prep(ent.root, subject)
        and not _possessive(ent.root) and not _modifier(ent.root, subject)
        and not _in_clause(ent.root, subject)
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
    if subject.lower_ in GENDERED and subject.pos_ == "NOUN" and not subject.conjuncts \
            and not subject.lower_.startswith("spokes") and any(
            c.dep_ == "det" and c.lower_ == "the" for c in subject.children):
        # A gendered description the article gave no one ("the “Jane The Virgin” actress")
        # is a person of that gender the sentence named before it, a subject first ("Rep.
        # Adam Schiff called on President Obama ..., the California congressman said"),
        # else the nearest ("a picture of Clinton with Donald Trump, and a note that the
        # businessman had praised her"); else whom "he" or "she" would be. Not a
        # spokesman, who speaks for someone and is mostly never named; not one of two
        # ("The Kentucky Republican and the New York businessman discussed").
        gender = GENDERED[subject.lower_]
        named = [state.named(e) for e in sorted(
            (e for e in subject.doc.ents if e.label_ == "PERSON" and e.end <= subject.i
             and not _possessive(e.root)), key=lambda e: (e.root.dep_ == "nsubj", e.start))]
        who = next((p for p in reversed(named) if state.gender(p) in (None, gender)), None) \
            or state.antecedent("he" if gender == "m" else "she", [], before)
        return ([who] if who else []), written
    title_words = {w for t, _ in state.titles for w in t}
    if subject.pos_ == "PROPN" and subject.ent_type_ in PERSONISH \
            and not set(name_words(name)) & title_words:
        return [state.meet(name)], written  # a name the small model did not tag
    for ent in span.ents:  # a newspaper, network or agency: "Fox told", "the Pentagon said"
        if ent.label_ == "ORG" and ent.start <= subject.i < ent.end and not _possessive(ent.root):
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


def _person(token: Any, state: Mentions) -> str | None:
    """The person a subject token names, if it names one the article introduced."""
    for ent in token.doc.ents:
        if ent.label_ == "PERSON" and ent.start <= token.i < ent.end:
            return None if _possessive(ent.root) else state.named(ent)
    if token.pos_ in ("PROPN", "NOUN") and token.text[:1].isupper():
        name = state.canonical(token.text, honorific(token.doc, token.i))
        if name in state.people:
            return name
    for child in token.children:  # "Elliott's father, the Rev. Charles Elliott Jr., knew"
        if child.dep_ == "appos":
            return _person(child, state)
    return None


def _main_subjects(doc: Any) -> list[Any]:
    """The subjects of the last sentence's main verb."""
    sents = list(doc.sents)
    return [c for c in sents[-1].root.children
            if c.dep_ in ("nsubj", "nsubjpass")] if sents else []


def _topic(doc: Any, state: Mentions, before: list[str]) -> str | None:
    """The person the last clause of the parsed text is about: its main subject."""
    main = _main_subjects(doc)
    # The parser may hang the main verb under another ("Kasich offered ..., then says"):
    # then the first subject of the sentence.
    sents = list(doc.sents)
    subject = next(iter(main or [t for t in sents[-1] if t.dep_ in ("nsubj", "nsubjpass")]),
                   None) if sents else None
    if subject is None:
        return None
    if subject.lower_ in PRONOUNS:
        names, _ = _resolve(subject, state, before)
        return names[0] if names else None
    return _person(subject, state)


def _group(doc: Any, state: Mentions) -> list[str]:
    """The people the last clause's main subject joins, when it names two or more and only
    people: "Mr. Grassley and Mr. Leahy say"."""
    main = _main_subjects(doc)
    if not main or not main[0].conjuncts:
        return []
    people = [_person(t, state) for t in (main[0], *main[0].conjuncts)]
    return [p for p in people if p] if all(people) else []


LEADING_NAME = re.compile(r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Senator|President)\.? )?"
                          r"((?:[A-Z][\w’'-]+ ){0,2}[A-Z][\w’'-]+)(?:,| [a-z])")


def plain_topic(text: str, state: Mentions) -> str | None:
    """Who an unparsed sentence is about, when it opens with a person the article named
    ("Sanders sees these gains as ...") or goes on with the pronoun of the person the
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


def _content(sentence: Sentence, doc: Any, subjects: list[Any], verb: Any) -> str:
    """The sentence without the speaker and cue words: what was said. A clause hanging
    from the speaker stays ("said Don Ytterberg, ..., explaining that dissatisfaction had
    fallen away")."""
    drop: set[int] = {verb.i}
    for s in subjects:
        # a subject before its verb ends there, whatever the parser hung on it ("he boasts
        # about them: the Iraq war, ..." with "the Iraq war" in apposition to "he")
        end = min(s.right_edge.i, verb.i - 1) if s.i < verb.i else s.right_edge.i
        drop.update(range(s.left_edge.i, end + 1))
        for t in s.subtree:
            if t.dep_ in ("acl", "advcl") and t.pos_ == "VERB" and t.i > s.i:
                drop.difference_update(range(t.left_edge.i, t.right_edge.i + 1))
    return "".join(t.text_with_ws for t in doc if t.i not in drop).strip()


def _inverted(verb: Any) -> list[Any]:
    """The person named right after a cue set off by a comma: "The contrast with Trump,
    said Doyle and others, would be clear" (parsed with "contrast" as the subject)."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text != "," or verb.tag_ not in ("VBD", "VBZ"):
        return []
    ent = next((e for e in doc.ents if e.start == verb.i + 1), None)
    if ent is None or ent.label_ != "PERSON" or (
            ent.end < len(doc) and doc[ent.end].lower_ not in (",", "and", ".", "who")):
        return []
    return [ent.root]


def _introduces(verb: Any) -> bool:
    """Whether a verb with a subject introduces a quotation: 'She continued, "I am proud"',
    'Perez lobbies for a higher wage: "No one ..."'."""
    doc = verb.doc
    i = next((t.i for t in doc[verb.i + 1 :] if t.text in (",", ":")), None)
    if i is None or i + 2 >= len(doc) or doc[i + 1].text not in OPENING_MARKS:
        return False
    spans = quoted_spans(doc.text)  # the mark opens a quotation (a straight one may close)
    return not _within(doc[i], spans) and _within(doc[i + 2], spans) \
        and all(verb in t.ancestors for t in doc[verb.i + 1 : i]) \
        and any(c.dep_ == "nsubj" for c in verb.children)


def _credited(verb: Any) -> list[Any]:
    """The first person named between a quotation and its cue, however the parser hung
    the cue: "''...,'' Mr. Daniloff, now 81 and retired in Cambridge, said by telephone"."""
    doc = verb.doc
    mark = next((t for t in reversed(doc[: verb.i]) if t.text in CLOSING_MARKS), None)
    if mark is None or mark.i == 0 or doc[mark.i - 1].text not in (",", "?", "!"):
        return []
    return [e.root for e in doc.ents if e.label_ == "PERSON" and mark.i < e.start
            and e.end <= verb.i][:1]


def _misread(doc: Any, state: Mentions) -> tuple[str, Any, Any] | None:
    """A person the article named, at the start of a clause, then a cue the tagger did not
    read as a verb, then "that", a name or a quotation: "Trump charges that countries ...
    donated" (parsed as the noun phrase "Trump charges"), "..., Trump accused Cruz ... of
    being "politically correct"" (parsed as "Trump accused Cruz", a name). The person,
    the name as written, and the cue word."""
    for token in doc[1:-1]:
        after = doc[token.i + 1]
        if (token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound")) \
                or token.tag_ not in ("VBD", "VBN", "VBZ", "NNS") \
                or LEMMAS.get(token.lower_) not in SPEECH_LEMMAS \
                or not (after.lower_ == "that" or after.pos_ == "PROPN"
                        or after.text in OPENING_MARKS):
            continue
        start = token.i
        while start > 0 and doc[start - 1].text[:1].isupper() \
                and doc[start - 1].pos_ in ("PROPN", "NOUN"):
            start -= 1
        if start < token.i and (start == 0 or doc[start - 1].text == ","):
            name = state.canonical(doc[start : token.i].text)
            if name in state.people:
                return name, doc[start : token.i], token
    return None


def attribute(doc: Any, sentence: Sentence, state: Mentions) -> list[Attribution]:
    """Attributions of one parsed sentence; updates what the article has introduced."""
    before = list(state.people)
    state.next_sentence(sentence.id)
    named: set[str] = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            title = _title_before(ent) + _title_after(ent)
            person = state.meet(ent.text, title, honorific(doc, ent.start))
            named.add(person)
            # The word before the name and its first word: "Mr. Trump", "Mrs. Clinton".
            words = [t.lower_.rstrip(".") for t in doc[max(ent.start - 1, 0) : ent.start + 1]]
            for word in words + title:
                if word in GENDERED:
                    state.vote(person, GENDERED[word], 3)

    for full in full_names(doc.text):  # the ones the small model did not tag as people
        if not any(full in ent.text or ent.text in full for ent in doc.ents
                   if ent.label_ == "PERSON"):
            state.meet(full)
    pronouns = {PRONOUN_GENDER[t.lower_] for t in doc if t.lower_ in PRONOUN_GENDER}
    if len(named) == 1 and len(pronouns) == 1:
        state.vote(next(iter(named)), pronouns.pop())
    seen: set[str | None] = set()
    found: list[Attribution] = []
    quoted = quoted_spans(doc.text)
    for token in doc:
        if token.lower_ == "according":
            targets = [g for c in token.children if c.lower_ == "to" for g in c.children
                       if g.dep_ == "pobj"]
            cue, subjects = "according to", [_author(t) for t in targets]
        elif token.pos_ in ("VERB", "AUX") and (_speech_verb(token) or _introduces(token)) \
                and not _purpose(token) \
                and not any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in MODALS)
                            for c in token.children):  # "isn't saying if", "should ask"
            cue, subjects = token.text, _inverted(token) or _subjects(token)
        elif token.pos_ == "ADJ" and _lemma(token) in STANCE and token.dep_ == "acomp":
            cue, subjects = token.text, _subjects(token.head)
        else:
            continue
        # Who is credited with a quotation is never inside it: "''Underestimation of
        # Cruz,'' Robert Shrum said" is Shrum's, however the parser hangs his name.
        if not _within(token, quoted):
            subjects = [a for t in subjects
                        for a in ([t] if not _within(t, quoted) else
                                  [c for c in t.children if c.dep_ == "appos"
                                   and not _within(c, quoted)][:1])] or _credited(token)
        for subject in subjects:
            names, written = _resolve(subject, state, before)
            for name in [*names] or [None]:
                if name in seen:
                    continue
                seen.add(name)
                if name and is_person(name):  # not their campaign
                    state.last_speaker, state.spoke_at = name, sentence.id
                found.append(Attribution(
                    sentence=sentence.id, speaker=name, speaker_text=written, cue=cue,
                    content=_content(sentence, doc, subjects, token),
                ))
    misread = None if any(a.speaker for a in found) else _misread(doc, state)
    if misread:
        name, written, token = misread
        seen.add(name)
        state.last_speaker, state.spoke_at = name, sentence.id
        found.append(Attribution(sentence=sentence.id, speaker=name,
                                 speaker_text=written.text, cue=token.text,
                                 content=doc[token.i + 1 :].text))
    for ent in doc.ents:  # a quotation credited with no verb: 'Clinton: "We learned ..."',
        # 'Rep. Trey Gowdy (R-S.C.):"I have not', '"Trump scares me." ― Krystal Correa'
        if ent.label_ != "PERSON":
            continue
        end = ent.end
        if end < len(doc) and doc[end].text == "(":  # a party and state, a title
            end = next((t.i + 1 for t in doc[end : end + 8] if t.text.endswith(")")), end)
        after = doc[end : end + 2]
        credit = ent.start >= 2 and doc[ent.start - 1].text in DASHES and \
            doc[ent.start - 2].text in CLOSING_MARKS and ent.end >= len(doc) - 1
        heads = len(after) == 2 and after[0].text == ":" and after[1].text in OPENING_MARKS
        # '..., ” Viguerie notes.' however it parses ("Viguerie notes" as a noun phrase)
        tail = ent.start >= 2 and doc[ent.start - 1].text in CLOSING_MARKS \
            and doc[ent.start - 2].text in (",", "?", "!") \
            and ent.end == len(doc) - 2 and doc[ent.end].lower_ in CUE_WORDS \
            and doc[ent.end].pos_ == "VERB" and doc[ent.end + 1].is_punct
        if not (credit or heads or tail):
            continue
        name = state.named(ent)
        if name not in seen:
            seen.add(name)
            state.last_speaker, state.spoke_at = name, sentence.id
            cue = doc[ent.start - 1].text if credit else doc[ent.end].text if tail else ":"
            found.append(Attribution(sentence=sentence.id, speaker=name, speaker_text=ent.text,
                                     cue=cue, content=sentence.text))
    state.topic = _topic(doc, state, before)
    state.group = _group(doc, state)
    if any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in doc):
        state.met_now = []  # only a sentence with no subject points to the next one's "he"
    # Whether someone other than the latest speaker was this sentence's subject ("The
    # Republican leader fired back."), outside any quotation: then the next '"...," he
    # said' is not simply the latest speaker going on.
    state.others_since = any(
        (state.topic if t.lower_ in PRONOUNS else _person(t, state)) != state.last_speaker
        for t in _main_subjects(doc) if not _within(t, quoted))
    # An unresolved cue beside a named one is mostly reported inside it ("Tehran expects").
    named_any = any(a.speaker for a in found)
    state.unnamed_spoke = bool(found) and not named_any and state.others_since
    return [a for a in found if a.speaker or not named_any]
