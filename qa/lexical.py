"""BM25 (bm25s) over any list of texts, and the word normalisation the answer step shares."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

import bm25s
import numpy as np
import Stemmer

logging.getLogger("bm25s").setLevel(logging.WARNING)  # it sets DEBUG on itself at import
WORD = re.compile(r"(?u)\b\w\w+\b")
_STEMMER = Stemmer.Stemmer("english")
STOPWORDS = frozenset(bm25s.stopwords.STOPWORDS_EN) | {
    "did", "does", "say", "said", "says", "tell", "told", "what", "who", "whom", "which",
    "when", "where", "why", "how", "about", "think", "thought",
}


# Irregular verb forms a suffix stemmer cannot join to their verb ("Who won the Open?"
# and "Dane wins the Open"): the common ones of news and questions, each read as
# its plain form. Forms that are other words too stay ("left", "found", "saw", "shot",
# "met", "fell", "drew": nouns, names, other verbs); "won" is read as the verb.
IRREGULAR = {form: verb for verb, forms in {
    "win": "won", "begin": "began begun", "become": "became", "buy": "bought",
    "sell": "sold", "hold": "held", "take": "took taken", "give": "gave given",
    "make": "made", "build": "built", "fight": "fought", "choose": "chose chosen",
    "grow": "grew grown", "know": "knew known", "pay": "paid",
    "send": "sent", "spend": "spent", "speak": "spoken", "write": "wrote written",
    "teach": "taught", "bring": "brought", "catch": "caught", "drive": "drove driven",
    "eat": "ate eaten", "fall": "fallen", "fly": "flew flown", "go": "went gone",
    "lose": "lost", "run": "ran", "seek": "sought", "sing": "sang sung",
    "steal": "stole stolen", "strike": "struck", "swim": "swam swum", "throw": "threw thrown",
    "wear": "wore worn", "draw": "drawn", "break": "broken", "forget": "forgot",
    "freeze": "froze frozen", "hide": "hid hidden", "ride": "rode ridden",
    "sink": "sank sunk", "shake": "shook shaken", "wake": "woke woken",
}.items() for form in forms.split()}


# The people and things of a place, read as the place ("European countries" speak of
# Europe, "Iranians" of Iran): countries and regions of the news, each with its adjective
# and, for those in -an or -i, their plural. Adjectives that are other words too stay
# ("Polish", "English": the verb, the language).
DEMONYMS = {form: place for place, forms in {
    "europe": "european", "asia": "asian", "africa": "african", "america": "american",
    "iran": "iranian", "iraq": "iraqi", "israel": "israeli", "palestine": "palestinian",
    "syria": "syrian", "lebanon": "lebanese", "jordan": "jordanian", "egypt": "egyptian",
    "turkey": "turkish", "kuwait": "kuwaiti", "qatar": "qatari", "yemen": "yemeni",
    "afghanistan": "afghan", "pakistan": "pakistani", "india": "indian",
    "bangladesh": "bangladeshi", "china": "chinese", "japan": "japanese", "korea": "korean",
    "vietnam": "vietnamese", "indonesia": "indonesian", "malaysia": "malaysian",
    "australia": "australian", "russia": "russian", "ukraine": "ukrainian",
    "germany": "german", "france": "french", "italy": "italian", "spain": "spanish",
    "portugal": "portuguese", "britain": "british briton", "ireland": "irish",
    "scotland": "scottish", "netherlands": "dutch", "belgium": "belgian",
    "switzerland": "swiss", "austria": "austrian", "greece": "greek",
    "sweden": "swedish", "norway": "norwegian", "denmark": "danish", "finland": "finnish",
    "hungary": "hungarian", "romania": "romanian", "serbia": "serbian", "croatia": "croatian",
    "canada": "canadian", "mexico": "mexican", "brazil": "brazilian",
    "argentina": "argentinian argentine", "venezuela": "venezuelan", "cuba": "cuban",
    "colombia": "colombian", "nigeria": "nigerian", "kenya": "kenyan",
    "ethiopia": "ethiopian", "libya": "libyan", "sudan": "sudanese",
}.items() for adjective in forms.split()
    for form in (adjective, adjective + "s") if form == adjective or adjective[-1] in "ni"}
_PLAIN = {**IRREGULAR, **DEMONYMS}


def stem(word: str) -> str:
    """One lower-cased word's stem (an irregular verb form's, its verb's; a place's people's,
    the place's)."""
    return str(_STEMMER.stemWord(_PLAIN.get(word, word)))


def terms(text: str) -> list[str]:
    """Lower-cased, stemmed content words."""
    return [stem(w) for w in WORD.findall(text.lower()) if w not in STOPWORDS]


# A name: capitalised words in a row, "of" or "de" between ("Halden Medal", "The Tide of
# Glass", "Tour de Norland"). Other small words part two names: "Dane and Marsh", "Port
# Vell in May", "Kira Dane the Port Master".
_NAME_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:(?:of|de)\s+)?[A-Z][\w'’-]*)+")


# Words a question opens with, capitalised only for that: "Has Kira Dane won?" names Kira
# Dane, "Boris Johnson said what?" names Boris Johnson.
_OPENERS = STOPWORDS | {
    "has", "have", "had", "do", "does", "can", "could", "would", "should", "will", "shall",
    "might", "must", "were", "was", "is", "are", "whose", "during", "list", "name", "give",
    "according", "in", "on", "at", "after", "before", "since", "under", "by", "for", "from",
}


def name_phrases(question: str) -> list[tuple[str, ...]]:
    """The names of a question as runs of stemmed terms, those of two terms or more; a word
    that opens the question and is one of `_OPENERS` is no part of a name."""
    question = question.strip()
    first = re.match(r"[\w'’-]+", question)
    if first and first.group(0).lower() in _OPENERS:
        question = question[first.end():]
    found = (tuple(terms(m.group(0))) for m in _NAME_RUN.finditer(question))
    return [phrase for phrase in found if len(phrase) >= 2]


def holds_together(sequence: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """Whether the terms of `phrase` come in a row in `sequence` (a text's terms in order,
    small words left out: "the Halden Medal" is held by "won the Halden Medal", not by
    "Medals for 2019: Nora Halden")."""
    n = len(phrase)
    return any(sequence[i : i + n] == phrase for i in range(len(sequence) - n + 1))


class BM25Index:
    """Lucene-style BM25 over a fixed list of texts; scores every text for a query."""

    def __init__(self, texts: list[str]) -> None:
        self.size = len(texts)
        self._tokenizer = bm25s.tokenization.Tokenizer(stopwords=list(STOPWORDS), stemmer=stem)
        tokens = self._tokenizer.tokenize(texts, show_progress=False, return_as="tuple")
        self._bm25 = bm25s.BM25()
        self._bm25.index(tokens, show_progress=False)
        vocab = self._tokenizer.get_vocab_dict()
        # Document frequency per stem, for the idf weights of the answer step.
        counts = np.zeros(len(vocab) + 1, dtype=np.int64)
        for ids in tokens.ids:
            counts[list(set(ids))] += 1
        self._df = {word: int(counts[i]) for word, i in vocab.items()}

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency of a stemmed term (rare = high)."""
        df = self._df.get(term, 0)
        return float(np.log(1 + (self.size - df + 0.5) / (df + 0.5)))

    def coverage(self, have: set[str] | frozenset[str], query_terms: Iterable[str]) -> float:
        """Share of the query's terms, weighted by rarity (idf), among a text's terms `have`."""
        wanted = set(query_terms)
        total = sum(self.idf(t) for t in wanted)
        return sum(self.idf(t) for t in wanted if t in have) / total if total else 0.0

    def scores(self, query: str, mask: np.ndarray | None = None) -> np.ndarray:
        """BM25 score of every text for `query` (0 where no term matches)."""
        vocab = self._tokenizer.get_vocab_dict()
        query_terms = [t for t in terms(query) if t in vocab]
        if not query_terms or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        return self._bm25.get_scores(query_terms, weight_mask=mask).astype(np.float32)


_CAPITALISED_RUN = re.compile(
    r"\b(?:[A-Z][a-z]+(?:\s+(?:of|and|for|the|on)\s+|\s+)){1,6}[A-Z][a-z]+\b"
)
_MINOR = frozenset({"of", "and", "for", "the", "on"})


def acronym_table(texts: list[str]) -> dict[str, str]:
    """Acronyms the archive spells out: {"IMF": "International Monetary Fund"}.

    A run of capitalised words whose initials (minor words aside) spell the acronym; the
    most frequent spelling wins.
    """
    counts: dict[tuple[str, str], int] = {}
    for text in texts:
        for match in _CAPITALISED_RUN.finditer(text):
            words = match.group(0).split()
            # every sub-run that starts and ends with a capitalised word is a candidate
            for i in range(len(words)):
                for j in range(i + 2, len(words) + 1):
                    part = words[i:j]
                    if part[0].lower() in _MINOR or part[-1].lower() in _MINOR:
                        continue
                    initials = "".join(w[0] for w in part if w.lower() not in _MINOR)
                    if 2 <= len(initials) <= 6:
                        key = (initials, " ".join(part))
                        counts[key] = counts.get(key, 0) + 1
    table: dict[str, tuple[int, str]] = {}
    for (initials, phrase), n in counts.items():
        if initials not in table or table[initials][0] < n:
            table[initials] = (n, phrase)
    return {k: v for k, (_, v) in table.items()}
