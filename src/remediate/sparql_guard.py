"""Decide, before anything runs, what a request's text is and whether it may run here:
its query form (updates are refused), its nesting depth, and, where the engine could
reach the network, whether the parsed query holds a SERVICE.

Egress is stopped by construction where the query runs (sandbox.py: the worker cannot
open a socket). The tokenizer here only picks the form and the depth, and gives an
early, clear 403 for a SERVICE it can see; the parse-tree walk (`parsed_service`) is the
decision for a remote store, which we cannot confine."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
REMOTE_WORDS = {"SERVICE"}
OPENERS, CLOSERS = "{([", "})]"
NO_EGRESS = "SERVICE is not allowed: this endpoint never fetches remote data."

# SPARQL ends a comment at either line end (\n or \r), and so does this tokenizer.
_TOKEN = re.compile(
    r'''(?P<skip>\#[^\n\r]*                        # comment
        |"""(?:[^"\\]|\\.|"(?!""))*"""           # long strings
        |'\'\'(?:[^'\\]|\\.|'(?!''))*'\'\'
        |"(?:[^"\\\n\r]|\\.)*"                     # short strings
        |'(?:[^'\\\n\r]|\\.)*'
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
    depth: int


@dataclass(frozen=True)
class Shape:
    words: list[str]  # upper-cased bare words outside strings, IRIs, comments and variables
    depth: int  # deepest nesting of brackets, counting a run of '!' as that many levels


def shape(text: str) -> Shape:
    words: list[str] = []
    depth = deepest = bangs = 0
    for match in _TOKEN.finditer(text):
        word, other = match.group("word"), match.group("other")
        if word and ":" not in word:
            words.append(word.upper())
        if other == "!":
            bangs += 1
        elif other:
            depth += other in OPENERS
            depth -= other in CLOSERS
        if other != "!":
            bangs = 0
        deepest = max(deepest, depth + bangs)
    return Shape(words, deepest)


def keywords(text: str) -> list[str]:
    return shape(text).words


def check_query(text: str, max_depth: int = 64) -> Checked:
    """The query's form, or RefusedQuery for updates, visible SERVICE and deep nesting."""
    found = shape(text)
    present = set(found.words)
    if present & REMOTE_WORDS:
        raise RefusedQuery(NO_EGRESS, 403)
    form = next((w for w in found.words if w in QUERY_FORMS), None)
    updates = present & UPDATE_WORDS
    if form is None and updates:
        raise RefusedQuery("This endpoint is read-only: SPARQL Update is refused.", 403)
    if form is None:
        raise RefusedQuery("Not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE.", 400)
    if "LOAD" in present:
        raise RefusedQuery("LOAD is not allowed: this endpoint never fetches remote data.", 403)
    if found.depth > max_depth:
        raise RefusedQuery(f"The query nests {found.depth} levels deep; the limit is {max_depth} "
                           "(brackets, braces, parentheses and '!' count).", 400)
    return Checked(form, found.depth)


@lru_cache(maxsize=1024)
def parsed_service(text: str) -> bool:
    """True when the parsed query holds a SERVICE pattern, or cannot be parsed at all
    (fail closed). rdflib's parser reads a comment up to '\\n' only, so line ends are
    made uniform first; the text that runs is never changed."""
    from pyparsing import ParseException, ParseResults
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(text.replace("\r", "\n"))
    except (ParseException, RecursionError, ValueError, TypeError):
        return True
    stack: list[object] = [tree]
    while stack:
        node = stack.pop()
        if getattr(node, "name", None) == "ServiceGraphPattern":
            return True
        if isinstance(node, ParseResults):
            stack.extend(node)
            stack.extend(node.values() if hasattr(node, "values") else ())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list | tuple):
            stack.extend(node)
    return False
