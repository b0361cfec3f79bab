"""LangChain: the archive as a retriever, and the cited answer as a Runnable."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableLambda

from qa.api import QAService, answer_to_dict
from qa.types import Filters


class QARetriever(BaseRetriever):
    """Passages from the archive (hybrid BM25 + dense), with their file and line span.

    >>> docs = QARetriever(service=QAService.open()).invoke("sanctions against Iran")
    >>> docs[0].metadata["path"], docs[0].metadata["start_line"]
    """

    service: Any  # a QAService (typed Any: pydantic need not validate it)
    k: int = 5
    filters: Filters | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        service: QAService = self.service
        label = service.answerer.label
        documents = []
        for hit in service.search(query, self.k, filters=self.filters):
            article = service.article(hit.chunk.path)
            documents.append(Document(
                page_content=hit.chunk.text,
                id=hit.chunk.id,
                metadata={
                    "path": f"{label}/{hit.chunk.path}", "start_line": hit.chunk.start_line,
                    "end_line": hit.chunk.end_line, "title": article.title if article else "",
                    "date": article.date if article else None, "score": hit.score,
                },
            ))
        return documents


def answer_runnable(service: QAService, filters: Filters | None = None) -> Runnable:
    """A Runnable from a question (or {"question", "history"}) to the cited answer's dict.

    The dict is the object `qa ask --json` prints: found, answer, citations, related.
    """

    def run(value: str | dict[str, Any]) -> dict[str, Any]:
        if isinstance(value, dict):
            question, history = value["question"], value.get("history", ())
        else:
            question, history = value, ()
        return answer_to_dict(service.ask(question, history, filters=filters))

    return RunnableLambda(run, name="qa_answer")
