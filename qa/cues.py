"""Speech cues: the verbs, particles and stance words that report what someone said or
thought, their written forms, and the cheap test that picks the sentences worth parsing.
Pure text: no spaCy here (qa/speakers.py parses)."""

from __future__ import annotations

import re

SPEECH_LEMMAS = frozenset(
    """say tell add stress condemn urge emphasize emphasise note argue claim insist warn
    announce explain declare state praise criticize criticise express welcome ask reply
    write tweet acknowledge admit suggest predict deny confirm describe complain accuse
    promise vow pledge believe think reiterate remark comment respond testify recall
    observe assert maintain demand propose blame defend dismiss reject hail slam blast
    allege call point caution concede contend estimate joke lament quip question
    recommend reveal signal underline underscore voice charge
    mock ridicule conclude advise agree answer assure boast brag confess counter disclose
    dispute echo forecast hint hope indicate inform mention object proclaim protest reason
    recount remind repeat report retort scoff shout speculate swear tease threaten tout
    wonder post expect worry fear feel doubt recognize decry denounce applaud thank
    apologize guarantee speak talk discuss highlight characterize label dub muse
    concur lambaste rip chide scold fume rail liken portray deride confide interject
    propound""".split()
)
# Verbs that report speech only with their particle: "sounded off", "hit back at".
PHRASAL = {"sound": "off", "weigh": "in", "chime": "in", "lash": "out", "hit": "back",
           "fire": "back", "push": "back", "open": "up", "come": "out"}
# Verbs that report words only with what they put out: "released a memo", "issued a
# statement" (not "released the prisoners"), and the things they put out.
PUBLISHING = frozenset({"release", "issue", "publish"})
STATEMENTS = frozenset("""statement statements memo memos letter report response apology
    warning""".split())
# Verbs that make their object do what follows: "led Dana Okafor to announce her
# resignation" is her announcement, not the leader's.
CAUSES = frozenset({"lead", "prompt", "force", "spur", "cause"})
# Stance adjectives whose holder is reported: "Clinton remained confident that ...".
STANCE = frozenset(
    """confident convinced sure certain adamant optimistic hopeful skeptical sceptical
    worried concerned pessimistic doubtful unconvinced""".split()
)


def _forms(lemma: str) -> set[str]:
    """Forms a verb or adjective may be written in: say, says, saying; deny, denies, denied;
    slam, slammed (a few never written, such as "sayyed", match nothing)."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "d", lemma + "ed", lemma + "ing",
             lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    if lemma.endswith("e"):
        forms.add(lemma[:-1] + "ing")
    if lemma.endswith("y"):
        forms.update({lemma[:-1] + "ies", lemma[:-1] + "ied"})
    return forms


# A cheap filter before parsing: any sentence that might hold reported speech. Whole words
# only: "country" or "international" are no cue. A set of words, not one regex alternation
# of them, which took 0.3 ms a sentence (10 s over polnear's 35,000).
CUE_WORDS = frozenset(
    {f for w in SPEECH_LEMMAS | PHRASAL.keys() | STANCE for f in _forms(w)}
    | {"said", "told", "wrote", "written", "thought", "spoke", "spoken", "felt", "clear",
       "came", "swore", "sworn", "hit"}
    # the past and progressive only: "issue" and "issues" are mostly the noun
    | {f for w in PUBLISHING for f in _forms(w) if f.endswith(("ed", "ing"))})
_QUOTED_OR_ACCORDING = re.compile(r"[\"“”]|''|\baccording to\b", re.IGNORECASE)
_WORD = re.compile(r"\w+")


def has_cue(text: str) -> bool:
    """Whether the sentence may hold reported speech: a quotation mark, "according to", or
    a written form of a speech verb or stance word."""
    return bool(_QUOTED_OR_ACCORDING.search(text)) or not CUE_WORDS.isdisjoint(
        w.lower() for w in _WORD.findall(text))


# Written form -> lemma, for every verb whose lemma the extractor asks about.
IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "written": "write",
             "thought": "think", "spoke": "speak", "spoken": "speak", "felt": "feel",
             "came": "come", "swore": "swear", "sworn": "swear", "made": "make",
             "went": "go", "gone": "go", "goes": "go", "led": "lead"}
LEMMAS = {form: lemma
          for lemma in sorted(SPEECH_LEMMAS | PHRASAL.keys() | PUBLISHING | CAUSES
                              | {"make", "go", "continue", "proceed"}, reverse=True)
          for form in _forms(lemma)} | IRREGULAR
# "Moreno, hoping to win in Ohio, called the mayor ...": the participle is an aim,
# not words, and spaCy's lemmatizer (which read it as "hop") never made it a cue either.
del LEMMAS["hoping"]
