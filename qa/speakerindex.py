"""Who the archive quotes, under which names and titles: the stored attributions indexed
for "what did X say" (built once per opened index; no model)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.names import NOT_SURNAMES, is_person, name_words, same_word, speaker_matches, surname
from qa.types import Attribution, Sentence

NOT_TITLE_WORDS = frozenset({"the", "a", "an", "of", "mr", "mrs", "ms", "dr"})


class SpeakerIndex:
    """Attributions by sentence and by speaker, with the surnames and titles used."""

    def __init__(self, attributions: Sequence[Attribution], sentences: Sequence[Sentence]) -> None:
        self.attributions = attributions
        self.sentences = sentences
        self.by_sentence: dict[int, list[Attribution]] = {}
        self.surnames: set[str] = set()
        # Titles the articles gave each speaker ("the Iranian president" -> Hassan Rouhani).
        self.titles: dict[str, set[frozenset[str]]] = {}
        self.speakers: set[str] = set()  # every resolved speaker's name
        self.spoken = [a for a in attributions if a.speaker]  # those with a resolved speaker
        self._vocabulary: set[str] | None = None  # every word of the archive, on demand
        for a in attributions:
            self.by_sentence.setdefault(a.sentence, []).append(a)
            if a.speaker:
                self.speakers.add(a.speaker)
            if a.speaker and name_words(a.speaker) and is_person(a.speaker):
                self.surnames.add(surname(a.speaker))  # not "campaign"
                written = {w for w in name_words(a.speaker_text) if w not in NOT_TITLE_WORDS}
                if written and not written & set(name_words(a.speaker)):
                    self.titles.setdefault(a.speaker, set()).add(frozenset(written))

    def speaker_of(self, sentence: int) -> str | None:
        """Who said the sentence ("A and B" when two did), None when no one did."""
        names = [a.speaker for a in self.by_sentence.get(sentence, []) if a.speaker]
        return " and ".join(dict.fromkeys(names)) or None

    def others_in(self, sentence: int, speaker: str | None) -> bool:
        """Whether someone other than `speaker` said the sentence."""
        return any(a.speaker and a.speaker != speaker for a in self.by_sentence.get(sentence, []))

    def statements_of(self, who: str) -> list[Attribution]:
        """Attributions whose speaker is `who`: by name, or by the title the article used."""
        asked = [w for w in name_words(who) if w not in NOT_TITLE_WORDS]
        # A name the archive knows ("Rubio") is matched as a name only: a title such as
        # "Rubio's rival" belongs to someone else.
        titled = set() if not asked or asked[-1] in self.surnames else {
            name for name, titles in self.titles.items()
            if any(all(any(same_word(w, t) for t in title) for w in asked) for title in titles)}
        matched = {name for name in self.speakers if speaker_matches(who, name)}
        if len(asked) == 1 and asked[0] in self.surnames:
            # A word that is someone's surname is read as one: "Lee" is Mike Lee, not Lee Zeldin.
            matched = {name for name in matched if surname(name) == asked[0]}
        # "Clinton" is not the Clinton Foundation: an organisation named after a person is
        # matched only when asked for by its own last word (a campaign too: "the Trump
        # campaign said" is not Trump's own words).
        matched = {name for name in matched
                   if surname(name) not in NOT_SURNAMES or surname(name) in asked} | titled
        return [a for a in self.attributions if a.speaker in matched]

    def is_speaker(self, name: str) -> bool:
        """Whether anyone of that name is quoted in the archive."""
        words = name_words(name)
        return bool(words) and words[-1] in self.surnames and bool(self.statements_of(name))

    def mentioned(self, who: str) -> bool:
        """Whether any sentence names the person (their surname as a word)."""
        words = name_words(who)
        if not words:
            return False
        if self._vocabulary is None:  # "O'Malley" whole, and "Khan" in "Khan-led"
            self._vocabulary = {w for s in self.sentences for split in (r"[\w'-]+", r"\w+")
                                for w in re.findall(split, s.text.lower().replace("’", "'"))}
        return words[-1] in self._vocabulary

    @staticmethod
    def display(who: str, statements: list[Attribution]) -> str:
        """The asked name as the archive writes it ("khan" -> "Khan")."""
        if statements and statements[0].speaker and speaker_matches(who, statements[0].speaker):
            words = name_words(who)
            for part in statements[0].speaker.split():
                if part.lower() == words[-1]:
                    return " ".join(w.capitalize() for w in who.split()[:-1]) + (
                        " " if len(who.split()) > 1 else "") + part
        return who
