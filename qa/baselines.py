"""The naive pipelines qa is measured against: 1000/200-character chunks, answer = top chunk.

- bm25: BM25 (bm25s) over the chunks.
- langchain: RecursiveCharacterTextSplitter(1000, 200), the same embedding model through
  langchain-huggingface, FAISS.from_documents, top 4.
"""

from __future__ import annotations

from dataclasses import dataclass

from qa.lexical import BM25Index


@dataclass(frozen=True, slots=True)
class Passage:
    path: str
    start_line: int
    end_line: int
    text: str


def split_documents(articles: dict[str, str]) -> list[Passage]:
    """Chunks of 1000 characters with 200 overlapping, with the lines they span."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200,
                                              add_start_index=True)
    passages = []
    for path, text in articles.items():
        for doc in splitter.create_documents([text], metadatas=[{"path": path}]):
            start = doc.metadata["start_index"]
            end = start + len(doc.page_content)
            passages.append(Passage(path, text.count("\n", 0, start) + 1,
                                    text.count("\n", 0, end) + 1, doc.page_content))
    return passages


class BM25Baseline:
    name = "bm25"

    def __init__(self, articles: dict[str, str]) -> None:
        self.passages = split_documents(articles)
        self.index = BM25Index([p.text for p in self.passages])

    def retrieve(self, question: str, k: int) -> list[Passage]:
        scores = self.index.scores(question)
        order = scores.argsort()[::-1][:k]
        return [self.passages[i] for i in order if scores[i] > 0]


class LangChainBaseline:
    name = "langchain"

    def __init__(self, articles: dict[str, str], model_path: str) -> None:
        from langchain_community.vectorstores import FAISS
        from langchain_core.documents import Document
        from langchain_huggingface import HuggingFaceEmbeddings

        self.passages = split_documents(articles)
        embeddings = HuggingFaceEmbeddings(model_name=model_path,
                                           model_kwargs={"device": "cpu"})
        docs = [Document(p.text, metadata={"i": i}) for i, p in enumerate(self.passages)]
        self.store = FAISS.from_documents(docs, embeddings)

    def retrieve(self, question: str, k: int) -> list[Passage]:
        return [self.passages[d.metadata["i"]]
                for d in self.store.similarity_search(question, k=max(k, 4))][:k]
