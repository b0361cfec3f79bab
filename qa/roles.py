"""Who holds an office: "Who is the Italian Prime Minister?" and the sentences that say.

News names an office holder in a few fixed shapes, which classic QA systems read by
pattern:

- the office right before the name: "Italian Prime Minister Giuseppe Conte", "Kuwait's
  Emir Sheikh Sabah al-Ahmad", "Tesla CEO Elon Musk", "Secretary of State Mike Pompeo";
- the name, a comma, the office, closed: "Niels B. Christiansen, CEO of the LEGO Group.";
  or the office, a comma, the name, closed: "the British prime minister, David Cameron,";
- a present verb between: "Tim Cook is Apple's CEO", "Infantino has been re-elected as
  president of FIFA", "The current CEO of Tesla is Elon Musk".

The sentence's office must hold every asked word and every name of the asked owner
("Israeli" names Israel), and no other name or owner: "Pakistani Prime Minister Imran
Khan" does not answer "Who is the Prime Minister?", nor "President Erdogan of Turkey",
"the president of the chess club", "Lieutenant Governor" or "CEO of Tesla rival Nio". Not
a holder: a former, deputy, acting, incoming or caretaker one; one the office is "of", "to"
or "for" ("the wife of the Prime Minister, Cherie Blair", "Counselor to the President
Kellyanne Conway"); one succeeded or ousted; a place, outlet or opening phrase before an
apposition ("In Washington, the President, ..."); a name after "if"; a past verb
("became", "served") for "Who is"; a year other than the asked one, beside the name
without "is" or "has been" ("In 1998, President Bill Clinton ..."; a wire dateline's
year does not count); a headline in title case. Plain patterns, no model: the answerer
(qa/answer.py) quotes these sentences whatever its refusal model says, because a short
question reads far from a long sentence that answers it in three words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.answertype import body
from qa.lexical import DEMONYMS
from qa.names import CALENDAR, HONORIFICS, NOT_FIRST, PARTICLES, ROLES

MAX_QUESTION = 300  # characters; no office question is longer

# The offices asked about (not "player" or "star": "Who is the best player?" is an opinion)
OFFICES = frozenset("""president premier chancellor secretary senator governor mayor king
    queen prince princess emir sultan pope archbishop bishop ayatollah ceo cfo coo chair
    chief director head leader spokesman spokeswoman spokesperson ambassador envoy
    commissioner general admiral commander judge justice attorney speaker minister
    administrator ruler monarch treasurer manager coach editor president-elect
    secretary-general director-general""".split())
# The same office in other words, as questions and sentences are read
_SYNONYMS = [(re.compile(r"\bchief\s+executive(?:\s+officer)?\b", re.I), "CEO"),
             (re.compile(r"\b([Cc])hair(?:man|woman|person)\b"), r"\1hair"),
             (re.compile(r"\bPM\b"), "Prime Minister")]
# In the office's words: someone who does not hold it (now)
_NOT_HOLDER = frozenset("""former ex late deputy vice acting interim assistant then outgoing
    would-be designate candidate nominee hopeful incoming caretaker facto self-declared
    self-proclaimed exiled future presumptive prospective onetime one-time erstwhile retired
    departing resigning previous lieutenant""".split())
# Right before the office: its holder was replaced ("Musk succeeded Tesla CEO Ze'ev Drori")
_REPLACED = re.compile(r"^(?:succeed|replac|oust|unseat|topple|depos|overthr|sack|fire|"
                       r"impeach|defeat|beat|challeng)", re.I)
# "... of President X" says X held the office then, or is kin of its holder
_BYGONE = frozenset("""assassination administration death funeral legacy era presidency
    premiership tenure reign murder killing widow wife husband son daughter grandson
    granddaughter nephew niece brother sister father mother successor predecessor""".split())
_FILLER = frozenset("""the a an new current present incumbent sitting""".split())
_CALENDAR_OR_TIME = CALENDAR | {"time", "office", "power", "charge", "recent", "past"}
# Words between a name and its office, now: verbs and "as", "also" ("is", "has been
# re-elected as") ...
_PRESENT = frozenset("""is are has have been serves remains as now currently also""".split())
_AUXILIARY = frozenset({"is", "are", "has", "have", "been"})  # "has been elected" is now
# ... and in the past ("became"), which answer only "Who was"; a participle ("elected",
# "sworn in") is now only after an auxiliary
_BYGONE_VERBS = frozenset({"was", "were", "had", "became", "served", "remained"})
_PAST = _BYGONE_VERBS | frozenset("named appointed elected re-elected chosen sworn in".split())
# Words that may follow "X is the <office>": not "material", "in waiting" or "until"
_AFTER_OFFICE = frozenset("""and since who with at for on said says told has is of but""".split())
# Words of an owner's name that add no other owner: "the LEGO Group" is Lego
_ORGANISATION = frozenset("""group inc co corp corporation company companies ltd llc plc
    holdings international global""".split())
# Words that make a capitalised run no person: "the French Rugby Federation"
_NOT_PERSON = _ORGANISATION | frozenset("""office ministry government council committee
    board university college party award awards league association federation union club
    society institute commission organization organisation authority court assembly
    parliament senate congress network foundation bank fund department agency times news
    street house""".split())
# Before a place or an outlet, not a person: "In Washington, the President, ..."
_PLACE_BEFORE = frozenset("""in at on to into near across inside outside the by with like
    aboard amid""".split())
_OPENING = re.compile(r"^(?:\w+ing|\w+ed|like|unlike|aboard|despite|after|before|during|amid|as"
                      r"|with|without|under|over|behind|beyond|toward|towards|among)$", re.I)
_TOKEN = re.compile(r"[A-Z]\.|[^\W_](?:[\w’'&-]|\.(?=\w))*|[,;:()/.!?–—-]")
_WORD = re.compile(r"[\w’'&-]+")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# "WASHINGTON, Jan. 20, 2021 (AP) —": when the report was written, not what it is about
_WIRE_DATELINE = re.compile(r"^[^()]{0,60}\((?:AP|AFP|Reuters|IP|[A-Z]{2,6})\)\s*[-–—]+\s*")
_ASKED = re.compile(
    r"^who(?: (?P<tense>is|was|are|were)|['’]s)(?: (?:currently|now))? (?:the )?"
    r"(?P<role>[^?]+?)(?: (?:in|as of) (?:[a-z]+ )?(?P<year>1\d{3}|20\d{2})"
    r"| (?:now|today|currently|at present|at the moment|right now))?[?.!]*$", re.I)
_OWNER_SPLIT = re.compile(r" (?:of|for|at|in) (?:the )?", re.I)
# Not an office: "oldest quarterback to play", "the President that went to Harvard", "his
# prime minister"
_NOT_ROLE = frozenset("""to who that which whom whose when where his her their its my our
    your""".split())
_FUNCTION = frozenset({"the", "of", "and", "a", "an", "in", "at", "for", "on"})
# "the worst president", "the best coach", "the greatest leader": an opinion, not an office
_OPINION = re.compile(r"^(?:best|worst|most|least|favou?rite|top|\w{3,}est)$", re.I)


@dataclass(frozen=True, slots=True)
class AskedRole:
    """The office of "Who is the <role> (of <owner>)?", lower case, without possessives."""

    words: tuple[str, ...]  # "italian", "prime", "minister": the last is the office
    owner: tuple[str, ...]  # the owner's names: "kuwait" ("Emir of Kuwait", "Kuwait's Emir")
    owner_words: frozenset[str]  # every word of the owner ("movie" of "the Avatar movie")
    past: bool  # "Who was ...": a holder in the past tense counts
    year: str | None = None  # "Who is the CEO of Tesla in 2021?"


def asked_role(question: str) -> AskedRole | None:
    """The office the question asks the holder of, else None ("Who is Imran Khan?" asks
    about a name; "Who is the oldest quarterback to play?" about no office)."""
    if len(question) > MAX_QUESTION:
        return None
    # (without what the answerer adds: "the CEO (Chief Executive Officer) of Tesla")
    text = " ".join(_same_office(re.sub(r"\s*\([^()]*\)", "", question)).split())
    match = _ASKED.match(text)
    if not match:
        return None
    role_part, *rest = _OWNER_SPLIT.split(match.group("role"), maxsplit=1)
    words = [w for w in _WORD.findall(role_part) if w.lower() not in _FILLER]
    owner = _WORD.findall(rest[0]) if rest else []
    if len(words) >= 2 and words[0].endswith(("'s", "’s")):  # "Kuwait's Emir"
        owner, words = [words[0], *owner], words[1:]
    if not words or _bare(words[-1]) not in OFFICES \
            or any(w.lower() in _NOT_ROLE or _OPINION.match(w) for w in words):
        return None
    # The owner's names must be in the sentence's office ("Avatar", not "movie"); all its
    # words when it has no name ("the finance ministry").
    # ("of Iran's parliament": the parliament's, not Iran's)
    names = [w for w in owner if w[:1].isupper() and w.lower() not in _FUNCTION]
    if any(w.endswith(("'s", "’s")) for w in owner[:-1]) or not names:
        names = [w for w in owner if w.lower() not in _FUNCTION]
    return AskedRole(tuple(map(_bare, words)), tuple(map(_bare, names)),
                     frozenset(map(_bare, owner)) - _FUNCTION,
                     (match.group("tense") or "").lower() in ("was", "were"),
                     match.group("year"))


def holder(sentence: str, asked: AskedRole) -> str | None:
    """The name of the person the sentence gives the asked office, else None."""
    # "In 1998, President Bill Clinton ...": another time than the asked, unless a present
    # verb says it still holds ("Hoesung Lee is the chair of the IPCC since 2015")
    years = set(_YEAR.findall(_WIRE_DATELINE.sub("", body(sentence), count=1)))
    if asked.year and asked.past and asked.year not in years:
        return None  # "Who was the President in 1998?" needs 1998
    dated = bool(years) and (asked.year not in years if asked.year else not asked.past)
    tokens = _TOKEN.findall(_same_office(sentence))
    if not any(t.islower() and t not in NOT_FIRST and t.isalpha() for t in tokens):
        return None  # a headline in title case: "'Bohemian Rhapsody' Director Dexter ..."
    allowed = set(asked.words) | asked.owner_words  # (the owner's names are owner words)
    for i, token in enumerate(tokens):
        if _bare(token) != asked.words[-1] or token.endswith(("'s", "’s")):
            continue  # not the office ("the Prime Minister's Office" is a building)
        start, end = _office(tokens, i, allowed)
        said = {t: _owner_of(_bare(t), allowed) for t in tokens[start:end]}
        if not set(asked.words) | set(asked.owner) <= set(said.values()) \
                or set(said.values()) & (_NOT_HOLDER - set(asked.words)):
            continue  # another office, or not its holder ("former", "deputy")
        if {word for t, word in said.items() if t[:1].isupper()} \
                - allowed - _FILLER - _ORGANISATION:
            continue  # another's: "Pakistani Prime Minister", "General Secretary", "Chief Minister"
        if _of_another(tokens, start, end, allowed):
            continue
        found = None if dated else (_named_after(tokens, start, end, owned=end > i + 1)
                                    or _named_before(tokens, start, end))
        found = found or _named_by_verb(tokens, start, end, asked.past, dated) \
            or (None if dated else _named_as_subject(tokens, end, asked.past))
        if found:
            return found
    return None


def _same_office(text: str) -> str:
    """"chief executive officer" as "CEO", "chairman" as "chair", "PM" as "Prime Minister"."""
    for pattern, replacement in _SYNONYMS:
        text = pattern.sub(replacement, text)
    return text


def _bare(word: str) -> str:
    """A word without its possessive, quotes and case: "Kuwait’s" -> "kuwait"."""
    word = word.lower().strip("\"'“”‘’")
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _owner_of(word: str, allowed: set[str]) -> str:
    """The asked owner a people's word names ("israeli" -> "israel", "italian" -> "italy";
    `qa.lexical.DEMONYMS`), else the word itself."""
    place = DEMONYMS.get(word)
    return place if place in allowed else word


def _office(tokens: list[str], i: int, allowed: set[str]) -> tuple[int, int]:
    """The span of the office whose last word is tokens[i]: back over its modifiers
    ("Italian Prime", "Kuwait's", "president and"), on over its owner ("of the LEGO
    Group"), which holds only asked words."""
    start = i
    while start > 0 and i - start < 8:
        word = tokens[start - 1]
        bare = _owner_of(_bare(word), allowed)
        if bare in allowed or bare in OFFICES or bare in _NOT_HOLDER or bare in _FILLER or (
                word[:1].isupper() and bare not in NOT_FIRST):
            start -= 1
        elif start > 1 and word in ("and", "/", "&") and _bare(tokens[start - 2]) in OFFICES:
            start -= 2  # "president and CEO", "CEO / President"
        else:
            break
    end = i + 1
    if end + 1 < len(tokens) and tokens[end].lower() in ("of", "for", "at"):
        after = end + 1 + (tokens[end + 1].lower() == "the")
        run = after
        while run < len(tokens) and (_owner_of(_bare(tokens[run]), allowed) in allowed
                                     or _bare(tokens[run]) in _ORGANISATION
                                     or tokens[run] == "&"):
            run += 1
        if run > after:
            end = run
    return start, end


def _of_another(tokens: list[str], start: int, end: int, allowed: set[str]) -> bool:
    """Whether the office is someone else's than the holder named beside it: the office
    is "of", "to" or "for" something before it ("the wife of the Prime Minister",
    "Counselor to the President", "candidate for President"; not "according to"); its
    holder was replaced; or another owner follows ("CEO of Tesla rival Nio", "of Tesla's
    rival", "President Erdogan of Turkey", "secretary of state of Georgia", "of the NFL
    Players Association")."""
    k = start - 1
    if k >= 0 and tokens[k].lower() in ("the", "a", "an"):
        k -= 1
    named_next = end < len(tokens) and tokens[end][:1].isupper()
    if k >= 0 and tokens[k].lower() in ("to", "for", "of") \
            and not (k >= 1 and tokens[k - 1].lower() == "according") \
            and not (tokens[k].lower() == "of" and named_next
                     and not (k >= 1 and tokens[k - 1].lower() in _BYGONE)):
        return True  # (but "a friend of Israeli Prime Minister Benjamin Netanyahu")
    if named_next and _name(tokens, end, 1) is None:
        return True  # the owner's name goes on: "president of the NFL Players Association"
    if any(t.islower() and _REPLACED.match(t) for t in tokens[max(0, start - 3):start]):
        return True
    if tokens[end - 1].endswith(("'s", "’s")):
        return True  # "the CEO of Tesla's rival, Nio"
    # an owner after the name, or after the office: "of"/"in" and a word not asked ("the
    # president of the chess club", "President Erdogan of Turkey")
    k = end
    while k < len(tokens) and (tokens[k][:1].isupper() or tokens[k].lower() in PARTICLES):
        k += 1
    if k + 1 < len(tokens) and tokens[k].lower() in (("of", "in") if k == end else ("of",)):
        owner = k + 1  # (after a name, "in" is where: "President Biden in Washington")
        while owner + 1 < len(tokens) and tokens[owner].lower() in ("the", "a", "an"):
            owner += 1
        return tokens[owner].isalpha() and _owner_of(_bare(tokens[owner]), allowed) \
            not in allowed | _CALENDAR_OR_TIME
    return False


def _name(tokens: list[str], start: int, step: int) -> str | None:
    """The capitalised run of tokens from `start` going `step` (1 forward, -1 back): a
    person's name ("Sheikh Sabah al-Ahmad al-Jaber al-Sabah", "Niels B. Christiansen",
    "Theresa May"); None when it is no name (a month, an organisation, a role alone)."""
    run: list[str] = []
    k = start
    while 0 <= k < len(tokens) and len(run) < 7:
        t = tokens[k]
        word = t.rstrip(".").replace("’", "").replace("'", "").replace("-", "")
        if (t[:1].isupper() and word.isalnum()) or (run and _bare(t).split("-")[0] in PARTICLES):
            run.append(t)
        else:
            break
        k += step
    if step < 0:  # read back: "Pakistani Prime Minister Imran Khan" is Imran Khan
        run.reverse()
        offices = [n for n, t in enumerate(run) if _bare(t) in ROLES or _bare(t) in OFFICES]
        run = run[offices[-1] + 1:] if offices else run
        while run and _bare(run[0]) in NOT_FIRST:
            run.pop(0)
    while run and _bare(run[-1]) in PARTICLES:  # "de" alone ends no name; "al-Sabah" does
        run.pop()
    if run and run[-1].endswith(("'s", "’s")):  # "Prime Minister Koizumi's father"
        run[-1] = run[-1][:-2]
    if run and re.search(r"-(?:led|backed|based|era|style)$", run[-1], re.I):
        run[-1] = run[-1].rsplit("-", 1)[0]  # "Imran Khan-led government"
    words = [_bare(t.rstrip(".")) for t in run]
    own = [w for w in words if w not in ROLES and w not in HONORIFICS and w not in NOT_FIRST]
    if not any(len(w) > 1 for w in own) or (words and words[0] in CALENDAR) \
            or any(w in _NOT_PERSON for w in words):
        return None
    return " ".join(run)


def _named_after(tokens: list[str], start: int, end: int, owned: bool) -> str | None:
    """"Italian Prime Minister Giuseppe Conte", or "the British prime minister, David
    Cameron," (the name set off by commas). After an owner (`owned`) a full name only:
    "Secretary of State Mike Pompeo", not "the CEO of Tesla China"."""
    if end + 1 < len(tokens) and tokens[end] == "," and (
            tokens[start].lower() == "the" or tokens[start].endswith(("'s", "’s"))):
        name = _name(tokens, end + 1, 1)
        after = end + 1 + len(name.split()) if name else len(tokens)
        return name if name and after < len(tokens) and tokens[after] in (",", ".") else None
    if end >= len(tokens) or not tokens[end][:1].isupper():
        return None
    name = _name(tokens, end, 1)
    return name if name and not (owned and len(name.split()) < 2) else None


def _named_before(tokens: list[str], start: int, end: int) -> str | None:
    """"Niels B. Christiansen, CEO of the LEGO Group." / "Conte, the Italian prime
    minister,": a name, a comma, the office, the apposition closed; not a place or an
    outlet ("In Washington, the President, visibly angry, said")."""
    k = start - 1  # (a leading "the" is in the office's span)
    if k < 1 or tokens[k] != "," or (end < len(tokens) and tokens[end] not in (
            ",", ".", ";", "(", ")", "–", "—")):
        return None
    name = _name(tokens, k - 1, -1)
    first = k - 1 - (len(name.split()) if name else 0)
    if name is None or (first >= 0 and tokens[first].lower() in _PLACE_BEFORE) \
            or _OPENING.match(name.split()[0]):
        return None  # "Visiting Kyiv, the President, ...", "Like Obama, the President, ..."
    return name


def _named_by_verb(tokens: list[str], start: int, end: int, past: bool,
                   dated: bool = False) -> str | None:
    """"Tim Cook is Apple's CEO", "Infantino has been re-elected as president of FIFA":
    a name, then verbs that give the office, now; "Iwata was the CEO" or "Cameron became
    Prime Minister" answer only "Who was". In a `dated` sentence only "is" or "has been"
    says the office holds now."""
    k = start - 1
    while k >= 0 and tokens[k].lower() in _FILLER:
        k -= 1
    verbs: list[str] = []
    while k >= 0 and tokens[k].lower() in _PRESENT | _PAST:
        verbs.append(tokens[k].lower())
        k -= 1
    said = set(verbs)
    if not verbs or not past and not said - {"as", "also", "now", "currently"}:
        return None  # "The board dismissed Jane Doe as CEO": only a verb says it holds
    if not past and (said & _BYGONE_VERBS or said & _PAST and not said & _AUXILIARY):
        return None
    if dated and not said & _AUXILIARY:
        return None  # a year beside it, and no "is" or "has been" to say it holds now
    if end < len(tokens) and tokens[end].isalpha() and tokens[end].islower() \
            and tokens[end] not in _AFTER_OFFICE:
        return None  # "Starmer is Prime Minister material", "... in waiting", "... until"
    if k >= 1 and tokens[k].lower() == "who" and tokens[k - 1] == ",":
        k -= 2
    name = _name(tokens, k, -1) if k >= 0 else None
    at = k - len(name.split()) if name else -1
    before = tokens[at].lower() if at >= 0 else ""
    if _REPLACED.match(before) or before in ("if", "whether", "unless"):
        return None  # "Johnson, who succeeded Theresa May as ...", "If Hariri is ..."
    return name


def _named_as_subject(tokens: list[str], end: int, past: bool) -> str | None:
    """"The current CEO of Tesla is Elon Musk.", "Tesla's chief executive is Elon Musk"."""
    verbs = ("is", "was") if past else ("is",)
    if end + 1 < len(tokens) and tokens[end].lower() in verbs:
        return _name(tokens, end + 1, 1)
    return None
