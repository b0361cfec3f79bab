"""qa: offline, cited question answering over a folder of news articles."""

from qa.api import QAService, answer_to_dict
from qa.config import Settings
from qa.errors import BadQuestion, EmptyCorpus, IndexMismatch, IndexNotFound, QAError
from qa.types import (
    Answer,
    Article,
    Attribution,
    Chunk,
    Citation,
    Filters,
    Hit,
    Passage,
    Sentence,
)

__all__ = [
    "Answer", "Article", "Attribution", "BadQuestion", "Chunk", "Citation", "EmptyCorpus",
    "Filters", "Hit", "IndexMismatch", "IndexNotFound", "Passage", "QAError", "QAService",
    "Sentence", "Settings", "answer_to_dict",
]
