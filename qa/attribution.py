"""The rules of attribution over one parsed sentence: which words are a cue, which tokens
are its subject (who they are is qa/resolve.py), and what was said. `attribute` is the
entry; qa/speakers.py runs spaCy and calls it sentence by sentence."""

from __future__ import annotations

from typing import Any

from qa.cues import CUE_WORDS, LEMMAS, SPEECH_LEMMAS, STANCE
from qa.mentions import GENDERED, PRONOUN_GENDER, PRONOUNS, Mentions, honorific, person_text
from qa.names import full_names, is_person
from qa.quotes import CLOSING_MARKS, OPENING_MARKS, quoted_spans
from qa.resolve import (
    named_person,
    resolve,
    sentence_group,
    sentence_topic,
)
from qa.syntax import caused, cue_lemma, main_subjects, purpose, speech_verb, within
from qa.types import Attribution, Sentence

DASHES = frozenset({"―", "—", "–", "--"})
# Prepositions that frame someone else's words: "attacked Vance for saying", "accused of".
OBJECT_FRAMES = frozenset({"for", "of", "about", "against", "over", "with"})
# What someone should or could say is not what they said: "the mayor should ask why". ("may"
# and "might" concede more often than they suppose: "Hale may blame the weather, but";
# "must have said" is a statement.) "Would" and "will" are cues in the article's own words
# ("would later say", "will tell supporters tonight"), not inside a quotation: '"Hillary
# Clinton would say anything to win," Trump said' is Trump's guess.
MODALS = frozenset({"should", "could", "must", "can", "ought"})
QUOTED_MODALS = MODALS | {"would", "will", "'d", "'ll", "wo"}


def _supposed(verb: Any, quoted: list[tuple[int, int]]) -> bool:
    """Whether a cue only supposes what someone would, should or could say: in a quotation,
    or reported by another cue ("Aides said Clinton would announce her running mate",
    "Trump will announce his pick, aides said"), "would" and "will" too."""
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    # (a pronoun in the report is mostly the reporter: "says he will welcome questions")
    named = any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in verb.children)
    reported = named and (any(speech_verb(a) for a in verb.ancestors) or any(
        c.dep_ in ("parataxis", "ccomp") and speech_verb(c) for c in verb.children))
    modals = QUOTED_MODALS if within(verb, quoted) or reported else MODALS
    return bool(aux & modals) and not {"must", "have"} <= aux


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
    """Title in an apposition: Hassan Rouhani, "Iran's president", said. Not the subject
    the parser hung there (`_hung_subject`), nor a lone name ("Giuseppe Conte, Rouhani on
    Monday expressed ...", whatever the parser made of it): an apposition no comma closes.
    "Ann Lee, CFO, said" keeps its title."""
    for token in ent.root.children:
        if token.dep_ != "appos" or token.i <= ent.end - 1 or _is_hung(token):
            continue
        after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        lone_name = token.n_lefts + token.n_rights == 0 \
            and token.ent_type_ in ("PERSON", "NORP", "ORG", "GPE") \
            and after is not None and not after.is_punct
        if not lone_name:
            return [t.text.lower() for t in token.subtree if t.pos_ in ("PROPN", "NOUN", "ADJ")]
    return []


_ADVERBIAL = frozenset({"advmod", "npadvmod", "prep", "pobj", "det", "amod", "compound",
                        "nummod"})


def _is_hung(token: Any) -> bool:
    """Whether the token is the subject `_hung_subject` finds for the root verb after it."""
    root = token.sent.root
    if root.i <= token.i:
        return False
    hung = _hung_subject(root)
    return hung is not None and hung.i == token.i


def _hung_subject(verb: Any) -> Any:
    """"In a call with Prime Minister Giuseppe Conte, Rouhani expressed ...", parsed with
    "Rouhani" as Conte's appositive and the root verb without a subject: that name (the
    verb's subject, not a title of Conte's), else None."""
    if verb.dep_ != "ROOT" or verb.i < 3 \
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    i = verb.i - 1  # past the verb's own adverbials: "Rouhani also said", "... on Monday said"
    while i > 0 and verb.doc[i].dep_ in _ADVERBIAL \
            and any(a.i == verb.i for a in verb.doc[i].ancestors):
        i -= 1
    token = verb.doc[i]
    if token.dep_ == "appos" and token.pos_ == "PROPN" and token.left_edge.i > 0 \
            and verb.doc[token.left_edge.i - 1].text == ",":
        return token
    return None


def _subjects(verb: Any) -> list[Any]:
    """Subject tokens of a speech verb, following "adding"/"and added" and "began by
    saying" up to their head; for "who said", the person the clause is about."""
    made = caused(verb)
    if made:
        return made
    node = verb
    for _ in range(4):
        found = [c for c in node.children if c.dep_ == "nsubj"]
        if len(found) > 1:  # "the figures that she claimed were wrong": "that" is the object
            found = [c for c in found if c.lower_ not in ("that", "which")]
        if found and node.dep_ == "relcl" and found[0].lower_ in ("who", "that"):
            return [node.head]  # "Okafor, who agrees with him"
        if not found and node.dep_ == "acl" and node.tag_ in ("VBD", "VBN") \
                and node.head.i < node.i and node.head.left_edge.i > 0 \
                and node.doc[node.head.left_edge.i - 1].text in CLOSING_MARKS:
            # '...!" the party's new leader, Ada Brenner, tweeted Monday', parsed as a
            # noun phrase that the verb describes
            return [node.head]
        if not found and node.dep_ == "acl" and node.tag_ == "VBG" \
                and node.head.pos_ in ("PROPN", "NOUN") \
                and any(c.dep_ == "ccomp" for c in node.children):
            # "Nora Quill, the activist, ..., saying she had not"; not "a journalist
            # reporting from Iraq", who reports nothing here
            return [node.head]
        hung = None if found else _hung_subject(node)
        if hung is not None:
            return [hung]
        if found and node is not verb and verb.tag_ == "VBG" and verb.dep_ == "advcl" \
                and node.dep_ == "ccomp" and speech_verb(node.head):
            # "Lind said that the plan represents ..., stating that": a participle the parser
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


# What a source's words come in: "according to a Gallup poll", "to an analysis by Fieldmark"
REPORTS = frozenset("""analysis report study poll survey data review estimate estimates count
    tally figures statement memo audit investigation""".split())


def _author(target: Any) -> Any:
    """Whose words "according to" credits: the author of a report it names ("an analysis of
    census data by Fieldmark", "a Gallup poll"), else the words' holder as named."""
    if target.lower_ not in REPORTS:
        return target
    for token in target.subtree:  # "by" hangs from the report or from what it reads
        if token.dep_ == "prep" and token.lower_ in ("by", "from") \
                and token.head.lower_ in REPORTS:
            return next((g for g in token.children if g.dep_ == "pobj"), target)
    return next((c for c in target.children if c.dep_ == "compound" and c.pos_ == "PROPN"),
                target)


def _content(sentence: Sentence, doc: Any, subjects: list[Any], verb: Any) -> str:
    """The sentence without the speaker and cue words: what was said. A clause hanging
    from the speaker stays ("said Ruth Anders, ..., explaining that the anger had
    faded"). A cue that opens a clause of its own after another ("The mayor met Lena
    Varga in Leeds, and Varga said she would endorse him") leaves the clause
    before it out: the writer's words, not the speaker's."""
    drop: set[int] = {verb.i}
    if verb.dep_ == "conj" and any(c.dep_ == "nsubj" for c in verb.children):
        drop.update(range(verb.left_edge.i))
    for s in subjects:
        # a subject before its verb ends there, whatever the parser hung on it ("she brags
        # of them: the new bridge, ..." with "the new bridge" in apposition to "she")
        end = min(s.right_edge.i, verb.i - 1) if s.i < verb.i else s.right_edge.i
        drop.update(range(s.left_edge.i, end + 1))
        for t in s.subtree:
            if t.dep_ in ("acl", "advcl") and t.pos_ == "VERB" and t.i > s.i:
                drop.difference_update(range(t.left_edge.i, t.right_edge.i + 1))
    return "".join(t.text_with_ws for t in doc if t.i not in drop).strip()


def _inverted(verb: Any) -> list[Any]:
    """The person named right after "said" or "added" when a comma comes before it: "The
    gap with Baxter, said Fenwick and others, would be stark" (parsed with "gap" as the
    subject). Not a verb in a list of actions, nor its object ("Sanders campaigned in
    Ohio, criticized Hillary Clinton, and flew home")."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text != "," or verb.tag_ not in ("VBD", "VBZ") \
            or cue_lemma(verb) not in ("say", "add") or verb.dep_ == "conj":
        return []
    ent = next((e for e in doc.ents if e.start == verb.i + 1), None)
    if ent is None or ent.label_ != "PERSON" or ent.root.dep_ in ("dobj", "dative") or (
            ent.end < len(doc) and doc[ent.end].lower_ not in (",", "and", ".", "who")):
        return []
    return [ent.root]


def _introduces(verb: Any, quoted: list[tuple[int, int]]) -> bool:
    """Whether a verb with a subject introduces, after a comma, a quotation that runs to the
    end of the sentence: 'She continued, "We owe Tom's campaign a great deal."'
    Not a quotation credited further on ('Clinton lost Michigan, "a shock to everyone,"
    one aide said'), nor one after a colon, which is as often a headline or a question
    someone else asked ('Trump ignored Clinton's question: "Why won't you ...?"')."""
    doc = verb.doc
    i = next((t.i for t in doc[verb.i + 1 :] if t.text in (",", ":")), None)
    if i is None or doc[i].text != "," or i + 2 >= len(doc) \
            or doc[i + 1].text not in OPENING_MARKS:
        return False
    last = next(t for t in reversed(doc) if not t.is_punct)
    # only words that say how or where it was said come between: no object ("retweeted a
    # supporter, "..."") and no other verb ("smiled as Trump said, "..."", "held up a sign
    # that read, "..."")
    # the mark opens a quotation (a straight one may close one)
    return not within(doc[i], quoted) and within(doc[i + 2], quoted) \
        and any(a <= doc[i + 2].idx and last.idx < b for a, b in quoted) \
        and all(verb in t.ancestors and t.pos_ not in ("VERB", "AUX") and t.dep_ != "dobj"
                for t in doc[verb.i + 1 : i]) \
        and any(c.dep_ == "nsubj" for c in verb.children)


def _credited(verb: Any) -> list[Any]:
    """The first person named between a quotation and its cue, however the parser hung
    the cue: "''...,'' Ms. Varga, now 67 and living in Leeds, said by telephone"."""
    doc = verb.doc
    mark = next((t for t in reversed(doc[: verb.i]) if t.text in CLOSING_MARKS), None)
    if mark is None or mark.i == 0 or doc[mark.i - 1].text not in (",", "?", "!") \
            or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return []  # '"You are a fraud," Mr. Hale was told by a heckler' is not Hale's
    return [e.root for e in doc.ents if e.label_ == "PERSON" and mark.i < e.start
            and e.end <= verb.i][:1]


def _misread(doc: Any, state: Mentions) -> tuple[str, Any, Any] | None:
    """A person the article named, at the start of a clause, then a cue the tagger did not
    read as a verb, then "that", a name or a quotation: "Baxter charges that lobbyists gave
    ..." (parsed as the noun phrase "Baxter charges"), "..., Grant accused Ruiz, the senator
    from Utah, of being ..." (parsed as "Grant accused Ruiz", a name). The person, the name
    as written, and the cue word."""
    for token in doc[1:-1]:
        after = doc[token.i + 1]
        if (token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound")) \
                or token.tag_ not in ("VBD", "VBN", "VBZ", "NNS") \
                or LEMMAS.get(token.lower_) not in SPEECH_LEMMAS \
                or not ((after.lower_ == "that" and after.tag_ == "IN") or after.pos_ == "PROPN"
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
    state.next_sentence(sentence.id, sentence.text)
    named: set[str] = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            title = _title_before(ent) + _title_after(ent)
            person = state.meet(person_text(ent), title, honorific(doc, ent.start))
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
        elif token.pos_ in ("VERB", "AUX") and (speech_verb(token) or _introduces(token, quoted)) \
                and not purpose(token) \
                and not any(c.dep_ == "neg" for c in token.children) \
                and not _supposed(token, quoted):  # "isn't saying if", "should ask"
            cue, subjects = token.text, _inverted(token) or _subjects(token)
        elif token.pos_ == "ADJ" and cue_lemma(token) in STANCE and token.dep_ == "acomp":
            cue, subjects = token.text, _subjects(token.head)
        else:
            continue
        # Who is credited with a quotation is never inside it: "''Too early to
        # tell,'' Ruth Anders said" is Anders's, however the parser hangs her name.
        if not within(token, quoted):
            subjects = [a for t in subjects
                        for a in ([t] if not within(t, quoted) else
                                  [c for c in t.children if c.dep_ == "appos"
                                   and not within(c, quoted)][:1])] or _credited(token)
        else:  # ... nor is one outside it the subject of a cue inside it: 'Hale pointed
            # to a sign held by a supporter, "Feel the tide."'
            subjects = [t for t in subjects if within(t, quoted)]
        if not subjects:
            continue
        content = _content(sentence, doc, subjects, token)  # the same for each of them
        for subject in subjects:
            names, written = resolve(subject, state, before, quoted)
            for name in [*names] or [None]:
                if name in seen:
                    continue
                seen.add(name)
                if name and is_person(name):  # not their campaign
                    state.last_speaker, state.spoke_at = name, sentence.id
                found.append(Attribution(
                    sentence=sentence.id, speaker=name, speaker_text=written, cue=cue,
                    content=content,
                ))
    misread = None if any(a.speaker for a in found) else _misread(doc, state)
    if misread:
        name, written, token = misread
        seen.add(name)
        state.last_speaker, state.spoke_at = name, sentence.id
        found.append(Attribution(sentence=sentence.id, speaker=name,
                                 speaker_text=written.text, cue=token.text,
                                 content=doc[token.i + 1 :].text))
    for ent in doc.ents:  # a quotation credited with no verb: 'Moreno: "We found ..."',
        # 'Rep. Jane Alder (D-Ore.):"I have not', '"The rent scares me." ― Lucia Ferro'
        if ent.label_ != "PERSON":
            continue
        end = ent.end
        if end < len(doc) and doc[end].text == "(":  # a party and state, a title
            end = next((t.i + 1 for t in doc[end : end + 8] if t.text.endswith(")")), end)
        after = doc[end : end + 2]
        credit = ent.start >= 2 and doc[ent.start - 1].text in DASHES and \
            doc[ent.start - 2].text in CLOSING_MARKS and ent.end >= len(doc) - 1
        heads = len(after) == 2 and after[0].text == ":" and after[1].text in OPENING_MARKS
        # '..., ” Alder notes.' however it parses ("Alder notes" as a noun phrase)
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
    state.topic = sentence_topic(doc, state, before, quoted)
    state.group = sentence_group(doc, state)
    if any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in doc):
        state.subject_now = True  # only a sentence with no subject points to the next "he"
    # Whether someone other than the latest speaker was this sentence's subject ("The
    # Republican leader fired back."), outside any quotation: then the next '"...," he
    # said' is not simply the latest speaker going on.
    state.others_since = any(
        (state.topic if t.lower_ in PRONOUNS else named_person(t, state)) != state.last_speaker
        for t in main_subjects(doc) if not within(t, quoted))
    # An unresolved cue beside a named one is mostly reported inside it ("Tehran expects").
    named_any = any(a.speaker for a in found)
    state.unnamed_spoke = bool(found) and not named_any and state.others_since
    return [a for a in found if a.speaker or not named_any]
