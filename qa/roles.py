""""Who is the Italian Prime Minister?": the role asked for, and the sentences that name
who holds it.

News names an office holder in a few fixed shapes, and classic QA systems read them by
pattern: the role right before the name ("Italian Prime Minister Giuseppe Conte",
"Kuwait's Emir Sheikh Sabah al-Ahmad", "Tesla CEO Elon Musk"), in apposition after it
("Niels B. Christiansen, CEO of the LEGO Group."), or after a verb that gives it ("Tim
Cook is Apple's CEO", "Abigail Johnson became president and CEO of Fidelity"). Every word
of the asked role must be in the sentence's role ("first administrator" is not
"administrator"), the owner too ("of Nintendo": "Nintendo's CEO"); a former, deputy or
vice holder is not the holder, nor an adviser "to the President". Plain patterns, no
model: the answerer (qa/answer.py) quotes these sentences whatever its refusal model
says, because the short question reads far from a long sentence that answers it in three
words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.names import HONORIFICS, NOT_FIRST, ROLES

# Heads a role may end on: the names' role words, and a few offices they lack.
HEADS = ROLES | {"administrator", "ruler", "monarch", "treasurer"}
# The same office in other words ("chief executive officer" is "CEO"), as the sentence is read
_SYNONYMS = [(re.compile(r"\bchief\s+executive(?:\s+officer)?\b", re.I), "CEO"),
             (re.compile(r"\b([Cc])hair(?:man|woman|person)\b"), r"\1hair")]
# Words that make someone else of the role: "former Prime Minister X", "adviser to the
# President X", "the widow of President X"
_NOT_HOLDER = frozenset("""former ex ex- late deputy vice assistant then outgoing would-be
    designate candidate nominee hopeful""".split())
_RELATION = frozenset("""to adviser advisor aide spokesman spokeswoman spokesperson successor
    predecessor wife husband widow widower son daughter brother sister father mother
    rival challenger opponent assistant deputy""".split())
_FILLER = frozenset({"the", "a", "an", "new", "current", "present", "incumbent", "sitting"})
# Between a name and its role: "is", "has been re-elected as", "became", "serves as the"
_COPULA = frozenset("""is are has have been became becomes remains remained serves served
    as named appointed elected re-elected chosen sworn in now currently also""".split())
# Words of an owner's name that add no other owner: "the LEGO Group" is Lego
_ORGANISATION = frozenset("""group inc co corp corporation company companies ltd llc plc
    holdings international global""".split())
_PAST = frozenset({"was", "were", "had"})
_NOT_PERSON = frozenset("""group inc co corp corporation company ltd llc plc office ministry
    government council committee board university college party award awards league
    association foundation bank fund department agency times news""".split())
_PARTICLE = re.compile(r"^(?:al|el|bin|ibn|ben|abu|de|van|von|der|den|du|da|di|la|le)"
                       r"(?:-\w+)?$")
_TOKEN = re.compile(r"[A-Z]\.|[^\W_](?:[\w’'&-]|\.(?=\w))*|[,;:()/.!?–—-]")
_CALENDAR = frozenset("""january february march april may june july august september
    october november december monday tuesday wednesday thursday friday saturday
    sunday""".split())
_ASKED = re.compile(
    r"^\s*who(?:\s+(?P<tense>is|was|are|were)|['’]s)\s+(?:the\s+)?(?P<role>[^?]+?)"
    r"(?:\s+(?:in|as\s+of)\s+(?:1\d{3}|20\d{2})|\s+(?:now|today|currently|at\s+present))?"
    r"\s*[?.!]*\s*$", re.I)
_WORD = re.compile(r"[\w’'&-]+")
_OWNER_SPLIT = re.compile(r"\s+(?:of|for|at|in)\s+(?:the\s+)?", re.I)


@dataclass(frozen=True, slots=True)
class AskedRole:
    """The role of "Who is the <role> (of <owner>)?", in lower case without possessives."""

    words: tuple[str, ...]  # "italian", "prime", "minister": the last is the head
    owner: tuple[str, ...]  # the owner's names: "kuwait" ("Emir of Kuwait", "Kuwait's Emir")
    owner_words: frozenset[str]  # every word of the owner ("movie" of "the Avatar movie")
    past: bool  # "Who was ...": a holder in the past tense counts


# Not an office: "oldest quarterback to play", "the President that went to Harvard"
_CLAUSE = frozenset({"to", "who", "that", "which", "whom", "whose", "when", "where"})
_FUNCTION = frozenset({"the", "of", "and", "a", "an", "in", "at", "for", "on"})


def asked_role(question: str) -> AskedRole | None:
    """The role the question asks the holder of, else None ("Who is Imran Khan?" asks
    about a name; "Who is the oldest quarterback to play?" about no office)."""
    # (without what the answerer adds: "the CEO (Chief Executive Officer) of Tesla")
    match = _ASKED.match(_same_office(re.sub(r"\s*\([^()]*\)", "", question)))
    if not match:
        return None
    role_part, *rest = _OWNER_SPLIT.split(match.group("role"), maxsplit=1)
    words = [w for w in _WORD.findall(role_part) if w.lower() not in _FILLER]
    owner = _WORD.findall(rest[0]) if rest else []
    if len(words) >= 2 and words[0].endswith(("'s", "’s")):  # "Kuwait's Emir"
        owner, words = [words[0], *owner], words[1:]
    if not words or _bare(words[-1]) not in HEADS or any(w.lower() in _CLAUSE for w in words):
        return None
    # The owner's names must be in the sentence's role ("Avatar", not "movie"); all its
    # words when it has no name ("the finance ministry").
    names = [w for w in owner if w[:1].isupper() and w.lower() not in _FUNCTION]
    return AskedRole(tuple(map(_bare, words)),
                     tuple(map(_bare, names or [w for w in owner if w.lower() not in _FUNCTION])),
                     frozenset(map(_bare, owner)) - _FUNCTION,
                     (match.group("tense") or "").lower() in ("was", "were"))


def _same_office(text: str) -> str:
    """"chief executive officer" as "CEO", "chairman" as "chair"."""
    for pattern, replacement in _SYNONYMS:
        text = pattern.sub(replacement, text)
    return text


def _bare(word: str) -> str:
    """A word without its possessive, quotes and case: "Kuwait’s" -> "kuwait"."""
    word = word.lower().strip("\"'“”‘’")
    return word[:-2] if word.endswith(("'s", "’s")) else word


def holder(sentence: str, asked: AskedRole) -> str | None:
    """The name of the person the sentence gives the asked role, else None."""
    tokens = _TOKEN.findall(_same_office(sentence))
    if not any(t.islower() and t not in NOT_FIRST and t.isalpha() for t in tokens):
        return None  # a headline in title case: "'Bohemian Rhapsody' Director Dexter ..."
    allowed = set(asked.words) | set(asked.owner) | asked.owner_words
    for i, token in enumerate(tokens):
        if _bare(token) != asked.words[-1] or token.endswith(("'s", "’s")):
            continue  # not the role ("the Prime Minister's Office" is an office)
        start = i  # the role's first word, back over its modifiers
        while start > 0 and i - start < 8:
            if _modifier(tokens[start - 1], allowed):
                start -= 1
            elif start > 1 and tokens[start - 1] in ("and", "/", "&") \
                    and _bare(tokens[start - 2]) in HEADS:
                start -= 2  # "president and CEO", "CEO / President"
            else:
                break
        end = i + 1  # after the role, its owner: "of the LEGO Group"
        if end < len(tokens) and tokens[end].lower() in ("of", "for", "at"):
            after = end + 1 + (end + 1 < len(tokens) and tokens[end + 1].lower() == "the")
            run = after
            while run < len(tokens) and (tokens[run][:1].isupper() or tokens[run] == "&"
                                         or _bare(tokens[run]) in asked.owner_words):
                run += 1
            if run > after:
                end = run
        said = {_owner_of(_bare(t), allowed) for t in tokens[start:end]}
        if not (set(asked.words) <= said and set(asked.owner) <= said) or said & _NOT_HOLDER:
            continue
        named = {_owner_of(_bare(t), allowed) for t in tokens[start:end] if t[:1].isupper()}
        if named - allowed - HEADS - _FILLER - _ORGANISATION:
            continue  # another's role: "president of the NFL Players Association" for the NFL
        found = (_named_after(tokens, start, end) or _named_before(tokens, start, end)
                 or _named_by_verb(tokens, start, asked.past))
        if found:
            return found
    return None


# A people's word and its country: "Israeli" names Israel, "Italian" Italy, "Chinese" China
_PEOPLES = (("i", ""), ("n", ""), ("an", ""), ("ian", ""), ("ian", "y"), ("ese", "a"),
            ("ese", ""), ("ish", ""))
_IRREGULAR = {"british": "britain", "french": "france", "german": "germany",
              "dutch": "netherlands", "swiss": "switzerland", "greek": "greece",
              "turkish": "turkey", "welsh": "wales", "irish": "ireland", "scottish": "scotland"}


def _owner_of(word: str, allowed: set[str]) -> str:
    """The asked owner a people's word names ("israeli" -> "israel", "italian" -> "italy"),
    else the word itself."""
    if _IRREGULAR.get(word) in allowed:
        return _IRREGULAR[word]
    for suffix, ending in _PEOPLES:
        if word.endswith(suffix) and word[:-len(suffix)] + ending in allowed:
            return word[:-len(suffix)] + ending
    return word


def _modifier(word: str, allowed: set[str]) -> bool:
    """Whether `word` belongs to the role phrase it stands before: a capitalised word, an
    owner ("Kuwait's"), a word of the asked role or owner, or a word that makes the role
    another's ("former", read so that it is refused)."""
    bare = _owner_of(_bare(word), allowed)
    if bare in allowed or bare in HEADS or bare in _NOT_HOLDER:
        return True
    return word[:1].isupper() and bare not in NOT_FIRST and bare not in _RELATION


def _name(tokens: list[str], start: int, step: int) -> str | None:
    """The capitalised run of tokens from `start` going `step` (1 forward, -1 back): a
    person's name ("Sheikh Sabah al-Ahmad al-Jaber al-Sabah", "Niels B. Christiansen");
    None when it is no name (a month, an organisation, a role alone)."""
    run: list[str] = []
    k = start
    while 0 <= k < len(tokens) and len(run) < 7:
        t = tokens[k]
        if t[:1].isupper() and t.rstrip(".").replace("’", "'").replace("-", "").replace(
                "'", "").isalnum() or _PARTICLE.match(t) and run:
            run.append(t)
        else:
            break
        k += step
    if step < 0:  # read back from the role: drop what opens the sentence ("In", "Monday")
        run.reverse()
        while run and (_bare(run[0]) in NOT_FIRST or _bare(run[0]) in _CALENDAR):
            run.pop(0)
    while run and _PARTICLE.match(run[-1]) and "-" not in run[-1]:  # not "al-Sabah"
        run.pop()
    if run and run[-1].endswith(("'s", "’s")):  # "Prime Minister Koizumi's father"
        run[-1] = run[-1][:-2]
    words = [_bare(t.rstrip(".")) for t in run]
    own = [w for w in words if w not in ROLES and w not in HONORIFICS and w not in NOT_FIRST]
    if not any(len(w) > 1 for w in own) or any(w in _NOT_PERSON or w in _CALENDAR
                                                for w in words):
        return None
    return " ".join(run)


def _named_after(tokens: list[str], start: int, end: int) -> str | None:
    """"Italian Prime Minister Giuseppe Conte": the name right after the role, which no
    relation leads ("Advisor to the President Jared Kushner", "envoy to President X")."""
    if end + 1 < len(tokens) and tokens[end] == "," and start > 0 and (
            tokens[start - 1].lower() == "the" or tokens[start].endswith(("'s", "’s"))):
        # "the British prime minister, David Cameron, said": the name set off by commas
        name = _name(tokens, end + 1, 1)
        after = end + 2 + len(name.split()) - 1 if name else len(tokens)
        return name if name and after < len(tokens) and tokens[after] in (",", ".") else None
    if end >= len(tokens) or not tokens[end][:1].isupper():
        return None
    before = [_bare(t) for t in tokens[max(0, start - 3):start]]
    if any(w in _RELATION for w in before if w != "to"):
        return None
    if "to" in before:
        at = len(before) - 1 - before[::-1].index("to")
        if at > 0 and before[at - 1] in HEADS:
            return None
    return _name(tokens, end, 1)


def _named_before(tokens: list[str], start: int, end: int) -> str | None:
    """"Niels B. Christiansen, CEO of the LEGO Group." / "Conte, the Italian prime
    minister,": a name, a comma, the role, and the apposition closed."""
    k = start - 1
    if k >= 0 and tokens[k].lower() in ("the", "a", "an"):
        k -= 1
    if k < 1 or tokens[k] != "," or (end < len(tokens) and tokens[end] not in (
            ",", ".", ";", "(", ")", "–", "—")):
        return None
    return _name(tokens, k - 1, -1)


def _named_by_verb(tokens: list[str], start: int, past: bool) -> str | None:
    """"Tim Cook is Apple's CEO", "Infantino has been re-elected as president of FIFA":
    a name, then verbs that give the role. "Iwata was the CEO" answers only "Who was"."""
    k = start - 1
    while k >= 0 and tokens[k].lower() in _FILLER:
        k -= 1
    verbs = 0
    while k >= 0 and (tokens[k].lower() in _COPULA or (past and tokens[k].lower() in _PAST)):
        verbs += 1
        k -= 1
    if not verbs or (k >= 0 and tokens[k].lower() in _PAST):
        return None
    if k >= 1 and tokens[k].lower() == "who" and tokens[k - 1] == ",":
        k -= 2
    return _name(tokens, k, -1) if k >= 0 else None
