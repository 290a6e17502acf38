"""The pages in the six FAO languages: every string of the catalogue translated in each
language, the language chosen by `lang` then Accept-Language then English, and the names
of things in the graph shown in the page's language (our translations) with the English
label at hand."""

from __future__ import annotations

import html
import re

import pytest
from babel.messages.pofile import read_po

from remediate.settings import REPO_ROOT
from remediate.store import select
from webapp.store_ext import get_store

TRANSLATIONS = REPO_ROOT / "webapp" / "translations"
LANGS = ("ar", "zh", "fr", "ru", "es")
SITE = "c_name=lead&c_name=TCE&media=soil&land_use=residential"


def catalogue(lang: str):
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f, locale=lang)


def template_ids() -> set[str]:
    with open(TRANSLATIONS / "messages.pot", "rb") as f:
        return {m.id for m in read_po(f) if m.id}


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_translated(lang):
    messages = {m.id: m for m in catalogue(lang) if m.id}
    wanted = template_ids()
    assert len(wanted) > 130
    untranslated = sorted(i for i in wanted if i not in messages or not messages[i].string or messages[i].fuzzy)
    assert untranslated == [], f"{lang}: {len(untranslated)} msgids lack a translation " \
                               f"(run `pybabel update -i webapp/translations/messages.pot -d webapp/translations`)"


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_the_placeholders(lang):
    problems = [(m.id, [str(e) for e in errors]) for m, errors in catalogue(lang).check()]
    assert problems == []


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_is_compiled(lang):
    po = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
    mo = po.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime, "run `make translations`"


def opening(page: str) -> str:
    return re.search(r"<html[^>]*>", page).group(0)


def test_lang_parameter_arabic_right_to_left(client):
    page = client.get("/?lang=ar").get_data(as_text=True)
    assert opening(page) == '<html lang="ar" dir="rtl">'
    assert "صِف موقعك" in page and "استمارة الموقع" in page  # "Describe your site", "Site form"


def test_lang_parameter_chinese(client):
    page = client.get("/?lang=zh").get_data(as_text=True)
    assert opening(page) == '<html lang="zh" dir="ltr">'
    assert "描述您的站点" in page and "土壤" in page  # the heading; the medium "soil" (our translation)


def test_accept_language_french(client):
    page = client.get("/", headers={"Accept-Language": "fr-CH, fr;q=0.9, en;q=0.5"}).get_data(as_text=True)
    assert opening(page) == '<html lang="fr" dir="ltr">'
    assert "Décrivez votre site" in page and "notre traduction" in page


def test_parameter_wins_over_accept_language_and_english_is_the_default(client):
    assert opening(client.get("/?lang=ru", headers={"Accept-Language": "fr"}).get_data(as_text=True)) \
        == '<html lang="ru" dir="ltr">'
    for headers in ({}, {"Accept-Language": "de, nl;q=0.8"}):
        page = client.get("/?lang=xx", headers=headers).get_data(as_text=True)
        assert opening(page) == '<html lang="en" dir="ltr">' and "Describe your site" in page
        assert "notre traduction" not in page and "our translation" not in page


def test_switcher_keeps_the_page_and_its_query(client):
    page = html.unescape(client.get(f"/results?{SITE}&lang=es").get_data(as_text=True))
    switcher = re.search(r'<nav class="languages".*?</nav>', page, re.S).group(0)
    links = dict(re.findall(r'href="([^"]+)" lang="(\w+)"', switcher))
    assert sorted(links.values()) == sorted((*LANGS, "en"))
    arabic = next(href for href, lang in links.items() if lang == "ar")
    assert arabic.startswith("/results?") and "c_name=lead" in arabic and "c_name=TCE" in arabic
    assert arabic.endswith("lang=ar") and "lang=es" not in arabic


def test_results_in_spanish_name_techniques_in_spanish(app, client):
    with app.app_context():
        spanish = {r["thing"]: r["translated"] for r in select(get_store(), "labels-translated", lang="es")}
    ranking = client.get(f"/results.json?{SITE}&lang=es").get_json()["recommendations"]
    page = client.get(f"/results?{SITE}&lang=es").get_data(as_text=True)
    shown = [r["technique"] for r in ranking if r["technique"]["iri"] in spanish]
    assert shown, "no ranked technique has a Spanish name"
    for technique in shown:
        name = html.escape(spanish[technique["iri"]], quote=False)
        assert f'<span class="translated" title="{html.escape(technique["label"])}">{name}</span>' in page
    assert "Técnicas ordenadas" in page  # "Ranked techniques"


def test_the_json_twin_stays_english(client):
    english = client.get(f"/results.json?{SITE}").get_json()
    spanish = client.get(f"/results.json?{SITE}&lang=es").get_json()
    assert [r["technique"]["label"] for r in spanish["recommendations"]] \
        == [r["technique"]["label"] for r in english["recommendations"]]


@pytest.mark.parametrize("path", ["/techniques", "/contaminants", "/case-studies", "/plants"])
def test_browse_lists_name_things_in_the_page_language(client, path):
    page = client.get(path + "?lang=zh").get_data(as_text=True)
    assert page.count('class="translated"') >= 3
    english = client.get(path).get_data(as_text=True)
    assert 'class="translated"' not in english


def test_form_choices_in_french(client):
    page = client.get("/?lang=fr").get_data(as_text=True)
    assert re.search(r'<option value="sand" title="sand: [^"]*">sable</option>', page)
    assert re.search(r'<option value="residential"[^>]*>résidentiel</option>', page)
