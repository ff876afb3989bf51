"""The web questionnaire: Starlette routes over the collection store.

    /r/TOKEN              welcome, language switch (?lang=vi|en), resume
    /r/TOKEN/s/N          section N (GET shows, POST saves the page: works without JavaScript)
    /r/TOKEN/save         one answer, saved as it is given (JavaScript, JSON reply)
    /r/TOKEN/review       what is missing; POST /r/TOKEN/finish submits
    /status/TOKEN         the consultant's view of who has started and finished
    /static/…             the form's own CSS and JavaScript (no CDN, no directory listing)

Every POST carries a CSRF token bound to the respondent's link; every answer is acknowledged
only after the store has committed it to disk.
"""

from __future__ import annotations

import asyncio
import hmac
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import DefinitionError
from ..languages import require_language
from ..models import LANGUAGES, Assessment, Questionnaire
from ..textformat import local_time
from .figures import echo
from .forms import Page, draft_of, read_entry, visible_ids
from .guard import LimitBody, SecurityHeaders
from .invite import read_assessment
from .labels import Labels, form_label_file, labels, use_form_labels
from .store import GroupWriter, Person, Store, token_digest
from .views import about, overall, question_fields, respondent_pages, section_states, status_row

__all__ = ["create_app"]

HERE = Path(__file__).parent


@dataclass(frozen=True)
class _Site:
    store: Store
    writer: GroupWriter
    csrf_key: bytes
    questionnaire: Questionnaire
    assessment: Assessment
    default_lang: str
    env: Any
    public_origin: str | None = None  # e.g. https://survey.client.vn behind a reverse proxy
    languages: tuple[str, ...] = LANGUAGES  # those the form speaks: questionnaire and labels

    def speak(self, lang: str | None) -> str:
        """`lang` if the form speaks it, else the assessment's language."""
        return lang if lang in self.languages else self.default_lang

    def others(self, lang: str) -> list[tuple[str, str]]:
        """The other languages to switch to: (code, its name in itself)."""
        return [(o, labels(o).lang_name) for o in self.languages if o != lang]

    def title(self, lang: str) -> str:
        return self.assessment.title_in(lang) or self.questionnaire.title[lang]

    @property
    def client(self) -> str:
        return self.assessment.client.name

    def render(self, name: str, status: int = 200, **values: Any) -> HTMLResponse:
        html = self.env.get_template(name).render(**values)
        return HTMLResponse(html, status_code=status)


def create_app(
    workspace: Path,
    questionnaire: Questionnaire,
    base_url: str | None = None,
    label_dirs: tuple[Path, ...] = (),
) -> Starlette:
    """The collection app of one workspace (its questionnaire already loaded).

    `base_url` is the address respondents use when it is not this server's own (behind a
    reverse proxy): posts from that origin are accepted as well as from the Host's. The form
    speaks the questionnaire's languages it has texts in: English, Vietnamese, and those of a
    library's `form-labels.LANG.yaml` in `label_dirs`.
    """
    import jinja2

    assessment = read_assessment(workspace)
    require_language(assessment.language, questionnaire=questionnaire)
    langs, problems = use_form_labels(questionnaire.title.languages, label_dirs)
    if problems:
        raise DefinitionError(problems)
    if assessment.language not in langs:
        file = form_label_file(assessment.language)
        msg = (f"no web form labels in '{assessment.language}' (the assessment's language): "
               f"provide reports/{file} in your library")  # fmt: skip
        raise DefinitionError(msg)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    store = Store.of(workspace)
    site = _Site(
        store,
        GroupWriter(store),
        store.secret("csrf").encode(),
        questionnaire,
        assessment,
        assessment.language,
        env,
        _origin(base_url) if base_url else None,
        langs,
    )
    routes = [
        Route("/r/{token}", _welcome, methods=["GET"]),
        Route("/r/{token}/s/{n:int}", _section, methods=["GET", "POST"]),
        Route("/r/{token}/save", _save_one, methods=["POST"]),
        Route("/r/{token}/review", _review, methods=["GET"]),
        Route("/r/{token}/finish", _finish, methods=["POST"]),
        Route("/r/{token}/thanks", _thanks, methods=["GET"]),
        Route("/status/{token}", _status, methods=["GET"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: _http_error})
    app.state.site = site
    app.add_middleware(LimitBody)
    app.add_middleware(SecurityHeaders)  # outermost: its headers are on every reply, 413 too
    return app


# helpers -------------------------------------------------------------------------------


def _site(request: Request) -> _Site:
    site: _Site = request.app.state.site
    return site


def _person(request: Request) -> Person:
    person = _site(request).store.person_by_token(request.path_params["token"])
    if person is None:
        raise HTTPException(404)
    return person


async def _lang(request: Request, person: Person) -> str:
    """?lang= switches the language (and remembers it); else the last one chosen."""
    asked = request.query_params.get("lang")
    site = _site(request)
    if asked in site.languages and asked != person.lang:  # a write: off the event loop
        await run_in_threadpool(site.store.set_language, person.id, asked)
        return asked
    return site.speak(person.lang)


def _origin(url: str) -> str:
    """scheme://host[:port] in lower case, as browsers send it in the Origin header."""
    parts = urlsplit(url.strip())
    return f"{parts.scheme}://{parts.netloc}".lower()


def _same_origin(request: Request, origin: str) -> bool:
    """The page was served by us: the Host we answered on, or the public address we sit behind."""
    host = request.headers.get("host", "").lower()
    return origin.split("://", 1)[-1] == host or origin == _site(request).public_origin


def csrf_token(site: _Site, person: Person, token: str) -> str:
    message = f"{person.id}:{token_digest(token)}".encode()
    return hmac.new(site.csrf_key, message, "sha256").hexdigest()


async def _form(request: Request, person: Person) -> FormData:
    """The posted form, after the CSRF and origin checks."""
    origin = request.headers.get("origin")
    if origin and not _same_origin(request, _origin(origin)):
        raise HTTPException(403, "cross-origin request refused")
    form = await request.form(max_files=0, max_fields=400)
    expected = csrf_token(_site(request), person, request.path_params["token"])
    if not hmac.compare_digest(str(form.get("csrf", "")), expected):
        raise HTTPException(403, "page_expired")
    return form


def _base(request: Request, person: Person, lang: str, **values: Any) -> dict[str, Any]:
    site = _site(request)
    token = request.path_params["token"]
    answered, total = overall(site.questionnaire, person, site.store.answers(person.id))
    return {
        "L": labels(lang),
        "lang": lang,
        "other_langs": site.others(lang),
        "title": site.title(lang),
        "client": site.client,
        "person": person,
        "root": f"/r/{token}",
        "csrf": csrf_token(site, person, token),
        "answered": answered,
        "total": total,
        "pages": respondent_pages(site.questionnaire, person),
        "states": section_states(site.questionnaire, person, site.store.answers(person.id), lang),
        **values,
    }


def _page(request: Request, person: Person) -> tuple[Page, list[Page]]:
    pages = respondent_pages(_site(request).questionnaire, person)
    n = request.path_params["n"]
    if not 1 <= n <= len(pages):
        raise HTTPException(404)
    return pages[n - 1], pages


def _first_number(pages: list[Page], page: Page) -> int:
    return 1 + sum(len(p.questions) for p in pages[: page.number - 1])


# pages ---------------------------------------------------------------------------------


async def _welcome(request: Request) -> Response:
    person = _person(request)
    lang = await _lang(request, person)
    site = _site(request)
    stored = site.store.answers(person.id)
    pages = respondent_pages(site.questionnaire, person)
    shown = visible_ids(pages, person.role, {k: a.value for k, a in stored.items()})
    resume = next(  # the first page with a question still open (not one a condition hides)
        (p.number for p in pages if any(q.id in shown and q.id not in stored for q in p.questions)),
        len(pages) if stored else 1,
    )
    _answered, count = overall(site.questionnaire, person, stored)
    minutes = max(5, round(count * 0.6))
    context = _base(request, person, lang, resume=resume, count=count, minutes=minutes)
    finished_on = local_time(person.finished, lang) if person.finished else ""
    return site.render(
        "welcome.html", started=bool(stored), about=about(site.assessment, lang),
        finished_on=finished_on, **context,
    )  # fmt: skip


async def _section(request: Request) -> Response:
    person = _person(request)
    lang = await _lang(request, person)
    page, pages = _page(request, person)
    site = _site(request)
    errors: dict[str, str] = {}
    notice = None
    if request.method == "POST":
        form = await _form(request, person)
        before = visible_ids([page], person.role, _values(site, person))
        errors = await _save_page(site, person, page, form, labels(lang))
        after = visible_ids([page], person.role, _values(site, person))
        if not errors:
            if after - before:
                notice = labels(lang).more_questions
            else:
                target = page.number + (-1 if form.get("nav") == "back" else 1)
                return _to_page(request, pages, target)
    stored = site.store.answers(person.id)
    if errors:  # show back what could not be saved, so nothing typed is lost
        stored |= {q.id: draft_of(q, form) for q in page.questions if q.id in errors}
    fields = question_fields(page, person, stored, lang, errors, _first_number(pages, page))
    context = _base(request, person, lang, page=page, fields=fields, notice=notice)
    return site.render("section.html", status=400 if errors else 200, errors=errors, **context)


def _values(site: _Site, person: Person) -> dict[str, Any]:
    return {k: a.value for k, a in site.store.answers(person.id).items()}


def _to_page(request: Request, pages: list[Page], target: int) -> Response:
    root = f"/r/{request.path_params['token']}"
    if target < 1:
        return RedirectResponse(root, status_code=303)
    if target > len(pages):
        return RedirectResponse(f"{root}/review", status_code=303)
    return RedirectResponse(f"{root}/s/{target}", status_code=303)


async def _save_page(
    site: _Site, person: Person, page: Page, form: FormData, L: Labels
) -> dict[str, str]:
    """Save every valid answer on the page; return the errors of the others."""
    entries, cleared, errors = [], [], {}
    for q in page.questions:
        entry, error = read_entry(q, form, L)
        if error:
            errors[q.id] = error
        elif entry is None:
            cleared.append(q.id)
        else:
            entries.append(entry)
    emptied = [q for q in cleared if f"q-{q}" in form]  # a field emptied on purpose
    await _durably(site.writer.submit(person.id, entries, emptied))
    return errors


async def _durably(saved: Any) -> None:
    """Wait until the writer has committed the save to disk."""
    await asyncio.wrap_future(saved)


async def _save_one(request: Request) -> Response:
    """Save one question's answer (sent by the page's script when it changes)."""
    person = _person(request)
    site = _site(request)
    form = await _form(request, person)
    index = site.questionnaire.question_index()
    question = index.get(str(form.get("question", "")))
    pages = respondent_pages(site.questionnaire, person)
    if question is None or question.id not in {q.id for p in pages for q in p.questions}:
        return JSONResponse({"saved": False, "error": "unknown question"}, status_code=400)
    entry, error = read_entry(question, form, labels(site.speak(person.lang)))
    if error:
        return JSONResponse({"saved": False, "error": error}, status_code=422)
    if entry is None:
        await _durably(site.writer.submit(person.id, [], [question.id]))
    else:
        await _durably(site.writer.submit(person.id, [entry]))  # on disk before we answer
    stored = site.store.answers(person.id)
    values = {k: a.value for k, a in stored.items()}
    answered, total = overall(site.questionnaire, person, stored)
    shown = sorted(visible_ids(pages, person.role, values))
    lang = site.speak(person.lang)
    said = echo(question, entry.value if entry else None, labels(lang))
    states = [{"state": st.state, "badge": st.badge}
              for st in section_states(site.questionnaire, person, stored, lang)]  # fmt: skip
    reply = {"saved": True, "visible": shown, "answered": answered, "total": total,
             "sections": states}  # fmt: skip
    if said is not None:
        reply |= {"echo": said.text, "warning": said.warning}
    return JSONResponse(reply)


async def _review(request: Request) -> Response:
    person = _person(request)
    lang = await _lang(request, person)
    context = _base(request, person, lang)
    missing = sum(len(st.missing) for st in context["states"])
    open_sections = sum(1 for st in context["states"] if st.missing)
    return _site(request).render(
        "review.html", missing=missing, open_sections=open_sections, **context
    )


async def _finish(request: Request) -> Response:
    person = _person(request)
    await _form(request, person)
    site = _site(request)
    root = f"/r/{request.path_params['token']}"
    states = section_states(site.questionnaire, person, site.store.answers(person.id), "en")
    if any(st.missing for st in states):  # the button is disabled then; a stale page lands here
        return RedirectResponse(f"{root}/review", status_code=303)
    await run_in_threadpool(site.store.mark_finished, person.id)
    return RedirectResponse(f"{root}/thanks", status_code=303)


async def _thanks(request: Request) -> Response:
    person = _person(request)
    lang = await _lang(request, person)
    return _site(request).render("thanks.html", **_base(request, person, lang))


async def _status(request: Request) -> Response:
    site = _site(request)
    if not site.store.is_status_token(request.path_params["token"]):
        raise HTTPException(404)
    lang = site.speak(request.query_params.get("lang"))
    L = labels(lang)
    rows = [status_row(site.questionnaire, site.assessment, p, site.store.answers(p.id), lang)
            for p in site.store.people()]  # fmt: skip
    finished = sum(1 for r in rows if r["state"] == "finished")
    started = sum(1 for r in rows if r["state"] == "started")
    return site.render(
        "status.html",
        L=L,
        lang=lang,
        other_langs=site.others(lang),
        title=site.title(lang),
        client=site.client,
        rows=rows,
        link=str(request.url.replace(query="")),
        summary=L.fmt(
            "status_summary", finished=finished, started=started,
            waiting=len(rows) - finished - started,
        ),
    )  # fmt: skip


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    site = _site(request)
    L = labels(site.speak(request.query_params.get("lang")))
    if request.url.path.endswith("/save"):
        return JSONResponse({"saved": False, "error": exc.detail}, status_code=exc.status_code)
    heading, text = {
        404: (L.invalid_link, L.invalid_link_text),
        403: (L.page_expired, ""),
        413: (L.too_large, ""),
    }.get(exc.status_code, (str(exc.detail), ""))
    return site.render(
        "error.html", status=exc.status_code, L=L, lang=L.lang, heading=heading, text=text,
        title=site.title(L.lang),
    )  # fmt: skip
