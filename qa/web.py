"""The JSON API (FastAPI): the same answers as `qa ask --json`. Routes only call the service."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field, field_validator

from qa.api import answer_to_dict
from qa.archive import DuplicateArticle, add_article, add_text
from qa.config import Settings
from qa.errors import BadQuestion, QAError
from qa.indexer import package_version
from qa.live import LiveService
from qa.types import Filters

MAX_QUESTION = Settings().max_question_chars


def _printable(text: str) -> str:
    return str(text).encode("utf-8", "replace").decode("utf-8")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
SourcePath = Annotated[str, Field(min_length=1, max_length=300, pattern=r"\S")]


class FilterFields(Strict):
    # Dates as ISO strings, checked here: pydantic's lax mode would take 0 for 1970-01-01.
    date_from: str | None = Field(None, pattern=ISO_DATE, examples=["2020-04-01"],
                                  json_schema_extra={"format": "date"},
                                  description="only articles dated on or after (YYYY-MM-DD)")
    date_to: str | None = Field(None, pattern=ISO_DATE, json_schema_extra={"format": "date"},
                                description="only articles dated on or before (YYYY-MM-DD)")
    sources: list[SourcePath] | None = Field(
        None, max_length=50, description="files or folders, e.g. seeds/004_x.txt or world/")

    @field_validator("date_from", "date_to")
    @classmethod
    def _real_date(cls, value: str | None) -> str | None:
        if value is not None:
            dt.date.fromisoformat(value)  # ValueError (-> 422) for 2020-02-30
        return value

    def filters(self) -> Filters:
        return Filters(self.date_from, self.date_to, tuple(self.sources or ()))


class QuestionFields(FilterFields):
    question: str = Field(..., min_length=1, max_length=MAX_QUESTION,
                          examples=["what did Khan say about sanctions"])

    @field_validator("question")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the question is empty")
        return value


class AskRequest(QuestionFields):
    history: list[str] = Field(default_factory=list, max_length=50,
                               description="earlier questions of the conversation, oldest first")
    k: int | None = Field(None, ge=1, le=50, description="chunks the answer may quote from; "
                          "statements or speakers listed")

    @field_validator("history")
    @classmethod
    def _history(cls, value: list[str]) -> list[str]:
        if any(len(q) > MAX_QUESTION for q in value):
            raise ValueError(f"each earlier question is at most {MAX_QUESTION} characters")
        return value


class SearchRequest(QuestionFields):
    k: int = Field(5, ge=1, le=50)


class CitationOut(BaseModel):
    n: int
    path: str
    start_line: int
    end_line: int
    quote: str
    speaker: str | None
    title: str
    date: str | None


class PassageOut(BaseModel):
    path: str
    start_line: int
    end_line: int
    score: float
    text: str
    speaker: str | None = None


class AskResponse(BaseModel):
    question: str
    found: bool
    answer: str
    citations: list[CitationOut]
    related: list[PassageOut]


class SearchResponse(BaseModel):
    question: str
    results: list[PassageOut]


class ArticleOut(BaseModel):
    path: str
    title: str
    date: str | None
    lines: int


class NewArticle(Strict):
    title: str = Field(..., min_length=1, max_length=300)
    text: str = Field(..., min_length=1, max_length=2_000_000)
    filename: str | None = Field(None, max_length=200, pattern=r"^.*\.([tT][xX][tT]|[mM][dD])$",
                                 description="a .txt or .md name; made safe, never overwrites")


class AddedArticle(BaseModel):
    path: str
    articles: int
    embedded: int


class Health(BaseModel):
    status: str
    articles: int
    sentences: int
    model: str
    version: str


def create_api(live: LiveService) -> FastAPI:
    """The API over a live service; the page is mounted beside it by app.py."""
    api = FastAPI(title="qa", version=package_version("qa"),
                  description="Cited answers from a news archive: every quote is verbatim "
                              "text of the cited lines.")

    @api.middleware("http")
    async def _method_not_allowed(request: Request, call_next: Any) -> Any:
        # The page is mounted at "/" and would answer 404 for a wrong method on an API path.
        allowed = methods.get(request.url.path)
        if allowed and request.method not in allowed:
            return JSONResponse({"detail": "Method Not Allowed"}, status_code=405,
                                headers={"Allow": ", ".join(sorted(allowed))})
        return await call_next(request)

    @api.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        # The default reply echoes the input, which may not be encodable (a lone surrogate,
        # an infinite number): name the field and the problem only.
        detail = [{"loc": [str(x) for x in e.get("loc", ())], "msg": _printable(e.get("msg", "")),
                   "type": e.get("type", "")} for e in exc.errors()]
        return JSONResponse({"detail": detail}, status_code=422)

    @api.exception_handler(QAError)
    async def _qa_error(request: Request, exc: QAError) -> JSONResponse:
        status = 400 if isinstance(exc, BadQuestion) else 503
        return JSONResponse({"detail": str(exc)}, status_code=status)

    errors: dict[int | str, dict[str, Any]] = {
        400: {"description": "a question the engine cannot take"},
        503: {"description": "the index is missing or stale"},
    }

    @api.post("/api/ask", response_model=AskResponse, tags=["answers"], responses=errors)
    def ask(body: AskRequest) -> dict[str, Any]:
        """Answer a question with quoted, cited sentences (the object of `qa ask --json`)."""
        answer = live.service.ask(body.question, body.history, k=body.k, filters=body.filters())
        return answer_to_dict(answer)

    @api.post("/api/search", response_model=SearchResponse, tags=["answers"], responses=errors)
    def search(body: SearchRequest) -> dict[str, Any]:
        """Ranked passages (hybrid BM25 + dense), best first."""
        service = live.service
        hits = service.search(body.question, body.k, filters=body.filters())
        label = service.answerer.label
        return {"question": body.question, "results": [
            {"path": f"{label}/{h.chunk.path}", "start_line": h.chunk.start_line,
             "end_line": h.chunk.end_line, "score": round(h.score, 6), "text": h.chunk.text}
            for h in hits]}

    @api.get("/api/articles", response_model=list[ArticleOut], tags=["articles"])
    def articles() -> list[dict[str, Any]]:
        """The indexed articles."""
        label = live.service.answerer.label
        return [{"path": f"{label}/{a.path}", "title": a.title, "date": a.date,
                 "lines": len(a.lines)} for a in live.service.articles()]

    @api.post("/api/articles", response_model=AddedArticle, status_code=201, tags=["articles"],
              responses={**errors, 409: {"description": "the same article is already there"}})
    def add(body: NewArticle) -> Any:
        """Add an article to the archive and index it; answerable as soon as this returns."""
        archive = live.settings.archive_dir
        try:
            if body.filename:
                data = f"{' '.join(body.title.split())}\n\n{body.text.strip()}\n".encode()
                path = add_article(archive, body.filename, data)
            else:
                path = add_text(archive, body.title, body.text)
        except DuplicateArticle as exc:
            return JSONResponse({"detail": str(exc)}, status_code=409)
        except ValueError as exc:
            return JSONResponse({"detail": str(exc)}, status_code=400)
        report = live.rebuild()
        label = live.service.answerer.label
        return {"path": f"{label}/{path.name}", "articles": report.articles,
                "embedded": report.embedded}

    @api.get("/health", response_model=Health, tags=["service"])
    def health() -> dict[str, Any]:
        data = live.service.data
        return {"status": "ok", "articles": len(data.articles), "sentences": len(data.sentences),
                "model": str(data.manifest.get("model")), "version": package_version("qa")}

    methods: dict[str, set[str]] = {}
    for route in api.routes:
        if isinstance(route, APIRoute):
            methods.setdefault(route.path, {"HEAD", "OPTIONS"}).update(route.methods or ())
    return api
