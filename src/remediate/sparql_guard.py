"""Decide, before anything runs, whether a request's text may run on a read-only
endpoint: its query form, and no update, SERVICE or LOAD. A small tokenizer skips
strings, IRIs and comments, so a keyword inside them never counts."""

from __future__ import annotations

import re
from dataclasses import dataclass

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
REMOTE_WORDS = {"SERVICE"}

_TOKEN = re.compile(
    r'''(?P<skip>\#[^\n]*                         # comment
        |"""(?:[^"\\]|\\.|"(?!""))*"""           # long strings
        |'\'\'(?:[^'\\]|\\.|'(?!''))*'\'\'
        |"(?:[^"\\\n]|\\.)*"                       # short strings
        |'(?:[^'\\\n]|\\.)*'
        |<[^<>"{}|^`\\\s]*>                         # IRIs
        |[?$]\w+)                                   # variables
       |(?P<word>[A-Za-z_][\w\-.]*(?::[\w\-.%]*)?)   # keywords and prefixed names
       |(?P<other>\S)''',
    re.VERBOSE,
)


class RefusedQuery(ValueError):
    """The text may not run here; `status` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Checked:
    form: str  # SELECT | ASK | CONSTRUCT | DESCRIBE


def keywords(text: str) -> list[str]:
    """Upper-cased bare words of the text, outside strings, IRIs, comments and variables."""
    words = []
    for match in _TOKEN.finditer(text):
        word = match.group("word")
        if word and ":" not in word:
            words.append(word.upper())
    return words


def check_query(text: str) -> Checked:
    """The query's form, or RefusedQuery for updates and anything that reaches out."""
    words = keywords(text)
    present = set(words)
    if present & REMOTE_WORDS:
        raise RefusedQuery("SERVICE is not allowed: this endpoint never fetches remote data.", 403)
    form = next((w for w in words if w in QUERY_FORMS), None)
    updates = present & UPDATE_WORDS
    if form is None and updates:
        raise RefusedQuery("This endpoint is read-only: SPARQL Update is refused.", 403)
    if form is None:
        raise RefusedQuery("Not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE.", 400)
    if "LOAD" in present:
        raise RefusedQuery("LOAD is not allowed: this endpoint never fetches remote data.", 403)
    return Checked(form)
