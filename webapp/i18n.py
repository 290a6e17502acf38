"""The pages in the six FAO languages: which language a request gets (a `lang` query
parameter, then Accept-Language, then English), the switcher's links, and the names of
things in the graph in that language (our translations, rem:translatedLabel), with the
English label kept at hand."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Flask, Response, current_app, request
from flask_babel import Babel, get_locale
from markupsafe import Markup
from werkzeug.datastructures import MultiDict

from remediate.store import select
from remediate.vocab import code_iri

from .store_ext import get_store

DEFAULT = "en"
# code -> (the language's name for itself, writing direction)
LANGUAGES = {"ar": ("العربية", "rtl"), "zh": ("中文", "ltr"), "en": ("English", "ltr"),
             "fr": ("Français", "ltr"), "ru": ("Русский", "ltr"), "es": ("Español", "ltr")}


def init_app(app: Flask) -> None:
    Babel(app, locale_selector=select_locale)
    app.context_processor(template_globals)
    app.after_request(_vary)


def _vary(response: Response) -> Response:
    """A page's language follows Accept-Language, so caches must key on it."""
    if response.mimetype == "text/html":
        response.vary.add("Accept-Language")
    return response


def _args() -> MultiDict:
    """The query's arguments; none when the query string is not UTF-8 (the error page that
    answers it still needs a language)."""
    try:
        return request.args
    except UnicodeDecodeError:
        return MultiDict()


def select_locale() -> str:
    wanted = _args().get("lang", "")
    if wanted in LANGUAGES:
        return wanted
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT


def page_lang() -> str:
    locale = get_locale()
    return str(locale.language) if locale else DEFAULT


def lang_args() -> dict[str, str]:
    """{"lang": code} when the language was chosen in the URL, for links that should keep it."""
    wanted = _args().get("lang", "")
    return {"lang": wanted} if wanted in LANGUAGES else {}


def switcher() -> list[dict[str, Any]]:
    """One link per language: this page with the same query, `lang` replaced."""
    kept = [(k, v) for k, v in _args().items(multi=True) if k != "lang"]
    current = page_lang()
    return [{"code": code, "name": name, "current": code == current,
             "href": request.path + "?" + urlencode([*kept, ("lang", code)])}
            for code, (name, _direction) in LANGUAGES.items()]


def translations(lang: str) -> dict[str, str]:
    """IRI -> our translated name in `lang` (read once per app and language: the store is read-only)."""
    cache = current_app.extensions.setdefault("remediate.translated_labels", {})
    if lang not in cache:
        cache[lang] = {} if lang == DEFAULT else {
            row["thing"]: row["translated"] for row in select(get_store(), "labels-translated", lang=lang)}
    return cache[lang]


def text(iri: str | None, label: str) -> str:
    """The name of a thing in the page language when we have translated it, else its label."""
    return translations(page_lang()).get(iri or "", label)


def name(iri: str | None, label: str) -> Markup:
    """As text(), marked up: a translated name carries the English label as its title."""
    translated = translations(page_lang()).get(iri or "")
    if translated is None or translated == label:
        return Markup.escape(label)
    return Markup('<span class="translated" title="{}">{}</span>').format(label, translated)


def vocab_name(vocab: str, code: str) -> Markup:
    """The name of a controlled value (e.g. vocab "medium", code "soil") in the page language."""
    return name(str(code_iri(vocab, code.replace(" ", "-"))), code.replace("_", " "))


def vocab_text(vocab: str, code: str) -> str:
    """As vocab_name(), as plain text (for an <option>)."""
    return text(str(code_iri(vocab, code.replace(" ", "-"))), code.replace("_", " "))


def template_globals() -> dict[str, Any]:
    lang = page_lang()
    return {"page_lang": lang, "page_dir": LANGUAGES.get(lang, LANGUAGES[DEFAULT])[1], "languages": switcher,
            "lang_args": lang_args, "kname": name, "ktext": text, "vname": vocab_name,
            "vtext": vocab_text}
