#!/usr/bin/env python3
"""Generate a synthetic newsroom for the catalog benchmarks, deterministically by seed.

Usage::

    python bench/generate.py --out /tmp/i18nnews-bench/newsroom --entries 20000 --seed 8

writes::

    OUT/pyproject.toml                             [tool.i18nnews]: en (source), ar (ar_LB, rtl,
                                                   arab digits), es
    OUT/locales/messages.pot                       the template, N entries
    OUT/locales/ar/LC_MESSAGES/messages.po         full Arabic catalog, six plural forms
    OUT/locales/es/LC_MESSAGES/messages.po         full Spanish catalog, two plural forms
    OUT/variant/messages.pot                       the template with 2% of the msgids edited
                                                   and 1% removed (input of the merge benchmark)
    OUT/manifest.json                              counts and the parameters used

What the entries look like (proportions are of the N template entries):

* mixed lengths: short labels (1-3 words), sentences, and paragraphs long
  enough to wrap over several lines; some contain ``\\n`` or quotes;
* ~10% python-format strings with ``%(name)s`` / ``%(count)d`` placeholders,
  flagged ``python-format``; ~2% with HTML tags kept in the translations;
* ~5% plural entries (``msgid_plural``): six forms in Arabic, two in Spanish;
* msgctxt on ~8%, extracted comments (``#.``) on ~15%, one to three
  references (``#:``) on every entry;
* in the catalogs: ~0.5% fuzzy entries with their previous msgid (``#|``),
  ~0.3% untranslated, translator comments on ~1%, and a few obsolete
  entries (``#~``) at the end.

Catalogs are valid for ``msgfmt --check`` (no placeholder errors) so every
tool does its full work on them. Files are written in GNU gettext's layout by
``msgcat`` (page width 79) when it is installed; the same seed and entry count
always give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

AR_PLURAL = (
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
    "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
)
ES_PLURAL = "nplurals=2; plural=(n != 1);"
CREATED = "2026-01-15 09:30+0000"
REVISED = "2026-01-20 14:05+0000"

# --------------------------------------------------------------------------
# Vocabularies
# --------------------------------------------------------------------------

EN_WORDS = """
news story report reports edition editions section sections region regions tag tags
author authors source sources agency agencies correspondent correspondents minister
ministers government governments president presidents parliament election elections
border borders agreement agreements talks negotiations army forces security peace war
aid humanitarian refugees civilians energy oil gas prices markets currency bank central
city cities capital villages coast north south east west middle eastern western
syria russia lebanon beirut damascus moscow cairo baghdad amman madrid caracas havana
bases military naval airport port highway road bridge hospital school university
announced said confirmed denied reported warned called urged signed rejected welcomed
condemned visited met discussed agreed launched opened closed reached resumed suspended
today yesterday tomorrow morning evening night week month year hour hours minutes
new old first last latest next previous other more most many several few some every
live breaking exclusive analysis opinion interview video photo gallery podcast
newsletter subscribe contact privacy policy terms archive search results page home
read share comment comments follow reply print save edit delete cancel confirm
the a an of in on at for with from to by about after before during under over between
and or but while as than that which who this these those its their our your
is are was were will would could should has have had been being not also only still
""".split()  # noqa: SIM905 - a vocabulary reads and edits best as prose

AR_WORDS = """
أخبار خبر قصة تقرير تقارير نسخة قسم أقسام منطقة مناطق وسم وسوم كاتب مصدر مصادر وكالة
وكالات مراسل وزير وزراء حكومة رئيس برلمان انتخابات حدود اتفاق مفاوضات جيش قوات أمن
سلام حرب مساعدات إنسانية لاجئين مدنيين طاقة نفط غاز أسعار أسواق عملة مصرف المركزي
مدينة مدن عاصمة قرى ساحل شمال جنوب شرق غرب الأوسط سوريا روسيا لبنان بيروت دمشق موسكو
القاهرة بغداد عمان مدريد كاراكاس هافانا قواعد عسكرية بحرية مطار ميناء طريق جسر مستشفى
مدرسة جامعة أعلن قال أكد نفى أفاد حذر دعا وقع رفض رحب أدان زار التقى ناقش اتفق أطلق
افتتح أغلق بلغ استأنف علق اليوم أمس غدا صباح مساء ليلة أسبوع شهر سنة ساعة ساعات دقائق
جديد قديم أول آخر أحدث التالي السابق أخرى أكثر عدة بعض كل مباشر عاجل حصري تحليل رأي
مقابلة فيديو صورة معرض النشرة اشترك اتصل الخصوصية سياسة شروط أرشيف بحث نتائج الصفحة
الرئيسية اقرأ شارك تعليق تعليقات تابع رد اطبع احفظ عدّل احذف إلغاء تأكيد في من إلى على
عن مع بعد قبل خلال تحت فوق بين و أو لكن بينما كما التي الذي هذا هذه تلك هو هي كان كانت
سوف قد لم لن ما زال أيضا فقط
""".split()  # noqa: SIM905 - a vocabulary reads and edits best as prose

ES_WORDS = """
noticias noticia historia informe informes edición ediciones sección secciones región
regiones etiqueta etiquetas autor autores fuente fuentes agencia agencias corresponsal
ministro ministros gobierno gobiernos presidente parlamento elecciones frontera fronteras
acuerdo acuerdos conversaciones negociaciones ejército fuerzas seguridad paz guerra ayuda
humanitaria refugiados civiles energía petróleo gas precios mercados moneda banco central
ciudad ciudades capital pueblos costa norte sur este oeste Oriente Medio Siria Rusia
Líbano Beirut Damasco Moscú El Cairo Bagdad Ammán Madrid Caracas La Habana bases
militares navales aeropuerto puerto autopista carretera puente hospital escuela
universidad anunció dijo confirmó negó informó advirtió pidió instó firmó rechazó
celebró condenó visitó reunió discutió acordó lanzó abrió cerró alcanzó reanudó suspendió
hoy ayer mañana tarde noche semana mes año hora horas minutos nuevo nueva viejo primero
última próximo anterior otros más muchos varios pocos algunos cada directo urgente
exclusiva análisis opinión entrevista vídeo foto galería pódcast boletín suscríbete
contacto privacidad política términos archivo búsqueda resultados página portada lee
comparte comentario comentarios sigue responde imprime guarda edita borra cancelar
confirmar el la los las un una de del en sobre para con desde hasta por según tras
durante entre y o pero mientras como que cual quien este esta estos esas su sus nuestro
es son fue fueron será sería podría debería ha han había sido no también solo todavía
""".split()  # noqa: SIM905 - a vocabulary reads and edits best as prose

PLACEHOLDERS = [
    ("author", "s"),
    ("date", "s"),
    ("section", "s"),
    ("tag", "s"),
    ("title", "s"),
    ("city", "s"),
    ("source", "s"),
    ("region", "s"),
    ("name", "s"),
    ("edition", "s"),
    ("time", "s"),
    ("count", "d"),
    ("minutes", "d"),
    ("page", "d"),
    ("total", "d"),
]
PLURAL_NOUNS = [
    ("share", "shares"),
    ("comment", "comments"),
    ("minute read", "minutes read"),
    ("story", "stories"),
    ("result", "results"),
    ("reply", "replies"),
    ("photo", "photos"),
    ("video", "videos"),
    ("update", "updates"),
    ("hour ago", "hours ago"),
    ("day ago", "days ago"),
    ("new article", "new articles"),
    ("reader", "readers"),
    ("correction", "corrections"),
    ("source", "sources"),
    ("page", "pages"),
]
CONTEXTS = [
    "section",
    "tag",
    "region",
    "button",
    "menu",
    "navigation",
    "feed",
    "share",
    "author",
    "source",
    "date",
    "search",
]
TEMPLATES = [
    "article",
    "base",
    "index",
    "section",
    "tag",
    "author",
    "search",
    "_nav",
    "_footer",
    "_story_card",
    "_share",
    "feed",
    "404",
    "newsletter",
]
PY_FILES = ["build", "site", "feeds", "render", "dates", "articles", "taxonomy"]
COMMENTS = [
    "Shown under the headline of every article.",
    "Button label; keep it short, the button does not grow.",
    "Heading of the box that lists related stories.",
    "Tooltip of the share button; the service name follows.",
    "Appears in the browser tab title.",
    "Part of the navigation bar at the top of every page.",
    "Label read aloud by screen readers only.",
    "Translators: keep the placeholders such as %(author)s exactly as they are.",
    "Column title in the archive table.",
    "Message shown when the search finds nothing.",
    "Footer line; the year is inserted by the site.",
    "Name of a section of the site; a noun, not a verb.",
]
TRANSLATOR_NOTES = [
    "Reviewed by the Beirut desk.",
    "Keep consistent with the print edition.",
    "Checked against the style guide, 2025 edition.",
    "Shortened to fit the mobile menu.",
]


# --------------------------------------------------------------------------
# Model
# --------------------------------------------------------------------------


@dataclass
class Entry:
    msgid: str
    msgid_plural: str = ""
    msgctxt: str | None = None
    msgstr: str = ""
    msgstr_plural: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)  # extracted (#.)
    tcomments: list[str] = field(default_factory=list)  # translator (#)
    references: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    previous_msgid: str | None = None
    placeholders: list[str] = field(default_factory=list)  # in the msgid, as written
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def _field(prefix: str, keyword: str, value: str) -> list[str]:
    # One line per embedded newline, as GNU does; msgcat re-wraps the rest.
    if "\n" in value.rstrip("\n"):
        parts = value.split("\n")
        pieces = [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
        return [f'{prefix}{keyword} ""'] + [f'{prefix}"{_escape(p)}"' for p in pieces]
    return [f'{prefix}{keyword} "{_escape(value)}"']


def render(
    header_comments: list[str],
    header_fields: list[tuple[str, str]],
    fuzzy_header: bool,
    entries: list[Entry],
) -> str:
    out: list[str] = [f"# {c}" if c else "#" for c in header_comments]
    if fuzzy_header:
        out.append("#, fuzzy")
    out.append('msgid ""')
    out.append('msgstr ""')
    out.extend(f'"{_escape(f"{k}: {v}")}\\n"' for k, v in header_fields)
    for e in entries:
        out.append("")
        p = "#~ " if e.obsolete else ""
        out.extend(f"# {c}" for c in e.tcomments)
        if not e.obsolete:
            out.extend(f"#. {c}" for c in e.comments)
            if e.references:
                out.append("#: " + " ".join(e.references))
        if e.flags:
            out.append("#, " + ", ".join(e.flags))
        if e.previous_msgid is not None:
            out.extend(_field("#| ", "msgid", e.previous_msgid))
        if e.msgctxt is not None:
            out.extend(_field(p, "msgctxt", e.msgctxt))
        out.extend(_field(p, "msgid", e.msgid))
        if e.msgid_plural:
            out.extend(_field(p, "msgid_plural", e.msgid_plural))
            for i, form in enumerate(e.msgstr_plural):
                out.extend(_field(p, f"msgstr[{i}]", form))
        else:
            out.extend(_field(p, "msgstr", e.msgstr))
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------


class Writer:
    """Everything random goes through one seeded ``random.Random``."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def words(self, vocab: list[str], n: int) -> list[str]:
        return [self.rng.choice(vocab) for _ in range(n)]

    def sentence(self, vocab: list[str], n: int, end: str = ".") -> str:
        w = self.words(vocab, n)
        w[0] = w[0][:1].upper() + w[0][1:]
        return " ".join(w) + end

    def english_length(self) -> tuple[str, int]:
        r = self.rng.random()
        if r < 0.40:
            return "label", self.rng.randint(1, 3)
        if r < 0.90:
            return "sentence", self.rng.randint(5, 18)
        return "paragraph", self.rng.randint(25, 90)

    def english(self) -> tuple[str, str]:
        kind, n = self.english_length()
        if kind == "label":
            return kind, " ".join(w.capitalize() for w in self.words(EN_WORDS, n))
        if kind == "sentence":
            end = "?" if self.rng.random() < 0.08 else ("…" if self.rng.random() < 0.03 else ".")
            text = self.sentence(EN_WORDS, n, end)
            if self.rng.random() < 0.03:
                words = text.split(" ")
                i = self.rng.randrange(len(words))
                words[i] = f'"{words[i]}"'
                text = " ".join(words)
            return kind, text
        sentences, left = [], n
        while left > 0:
            k = min(left, self.rng.randint(6, 20))
            sentences.append(self.sentence(EN_WORDS, k))
            left -= k
        sep = "\n\n" if self.rng.random() < 0.1 and len(sentences) > 1 else " "
        return kind, sep.join(sentences)

    def translate(self, english: str, vocab: list[str], lang: str, placeholders: list[str]) -> str:
        """Target-language text of about the same length keeping placeholders and tags."""
        blocks = english.split("\n\n")
        out_blocks = []
        for block in blocks:
            n = max(1, round(len(block.split()) * self.rng.uniform(0.9, 1.25)))
            if not block.endswith((".", "?", "…")):
                text = " ".join(self.words(vocab, n))
                if lang == "es":
                    text = text[:1].upper() + text[1:]
            else:
                parts, left = [], n
                while left > 0:
                    k = min(left, self.rng.randint(6, 20))
                    w = self.words(vocab, k)
                    if lang == "ar" and k > 8:
                        w[k // 2] += "،"
                    if lang == "es":
                        w[0] = w[0][:1].upper() + w[0][1:]
                    end = "."
                    if block.endswith("?"):
                        end = "؟" if lang == "ar" else "?"
                        if lang == "es":
                            w[0] = "¿" + w[0]
                    parts.append(" ".join(w) + end)
                    left -= k
                text = " ".join(parts)
            out_blocks.append(text)
        text = "\n\n".join(out_blocks)
        # Placeholders and tags, at shuffled positions (word order differs).
        for ph in placeholders:
            words = text.split(" ")
            words.insert(self.rng.randint(0, len(words)), ph)
            text = " ".join(words)
        return text


def _with_placeholders(w: Writer, text: str, count: int) -> tuple[str, list[str]]:
    chosen = w.rng.sample(PLACEHOLDERS, count)
    phs = [f"%({name}){conv}" for name, conv in chosen]
    words = text.split(" ")
    for ph in phs:
        words.insert(w.rng.randint(0, len(words)), ph)
    return " ".join(words), phs


def _references(w: Writer) -> list[str]:
    refs = []
    for _ in range(w.rng.choices([1, 2, 3], weights=[70, 22, 8])[0]):
        r = w.rng.random()
        if r < 0.75:
            refs.append(
                f"i18n_news/theme/templates/{w.rng.choice(TEMPLATES)}.html:{w.rng.randint(3, 240)}"
            )
        elif r < 0.95:
            refs.append(f"i18n_news/{w.rng.choice(PY_FILES)}.py:{w.rng.randint(10, 900)}")
        else:
            refs.append(f"content/taxonomy.toml:{w.rng.randint(1, 400)}")
    return refs


def make_template(w: Writer, n: int) -> list[Entry]:
    entries: list[Entry] = []
    seen: set[tuple[str | None, str]] = set()
    while len(entries) < n:
        r = w.rng.random()
        ctxt = w.rng.choice(CONTEXTS) if w.rng.random() < 0.08 else None
        if r < 0.055:
            noun = w.rng.choice(PLURAL_NOUNS)
            lead = " ".join(w.words(EN_WORDS, w.rng.randint(0, 4)))
            name = w.rng.choice(["num", "count", "n"])
            one = f"%({name})d {noun[0]}" + (f" {lead}" if lead else "")
            other = f"%({name})d {noun[1]}" + (f" {lead}" if lead else "")
            e = Entry(
                msgid=one,
                msgid_plural=other,
                msgctxt=ctxt,
                flags=["python-format"],
                placeholders=[f"%({name})d"],
            )
        else:
            _, text = w.english()
            e = Entry(msgid=text, msgctxt=ctxt)
            if r < 0.155:
                text, phs = _with_placeholders(w, text, w.rng.choice([1, 1, 1, 2]))
                e.msgid, e.placeholders, e.flags = text, phs, ["python-format"]
            elif r < 0.175:
                words = e.msgid.split(" ")
                i = w.rng.randrange(len(words))
                j = w.rng.randint(i, min(len(words) - 1, i + 3))
                tag = w.rng.choice(["strong", "em", "a"])
                open_ = '<a href="%(url)s">' if tag == "a" else f"<{tag}>"
                words[i] = open_ + words[i]
                words[j] = words[j] + f"</{tag}>"
                e.msgid = " ".join(words)
                if tag == "a":
                    e.flags = ["python-format"]
                e.placeholders = []  # tags are kept in place by the translation, below
        if e.key in seen:
            continue
        seen.add(e.key)
        if w.rng.random() < 0.15:
            e.comments = [w.rng.choice(COMMENTS)]
        e.references = _references(w)
        entries.append(e)
    return entries


def _translate_entry(w: Writer, e: Entry, lang: str, nplurals: int) -> Entry:
    vocab = AR_WORDS if lang == "ar" else ES_WORDS
    t = replace(e, comments=list(e.comments), references=list(e.references), flags=list(e.flags))
    if "<" in e.msgid:
        # Keep the markup: translate the text between the tags word by word.
        pieces = re.split(r"(<[^>]*>)", e.msgid)
        for i in range(0, len(pieces), 2):
            pieces[i] = re.sub(r"[^\s<>]+", lambda _m: w.rng.choice(vocab), pieces[i])
        t.msgstr = "".join(pieces)
    elif e.msgid_plural:
        ph = e.placeholders[0]
        base = w.translate(e.msgid.replace(ph + " ", ""), vocab, lang, [])
        t.msgstr_plural = [
            f"{ph} {base}" if i % 2 == 0 else f"{base} {ph}" for i in range(nplurals)
        ]
    else:
        t.msgstr = w.translate(e.msgid, vocab, lang, e.placeholders)
    return t


def make_catalog(w: Writer, template: list[Entry], lang: str) -> list[Entry]:
    nplurals = 6 if lang == "ar" else 2
    out = []
    for e in template:
        t = _translate_entry(w, e, lang, nplurals)
        r = w.rng.random()
        if r < 0.005:
            # Fuzzy: the translation of an older wording of the source.
            words = e.msgid.split(" ")
            words[w.rng.randrange(len(words))] = w.rng.choice(EN_WORDS)
            t.previous_msgid = " ".join(words) if " ".join(words) != e.msgid else e.msgid + " now"
            t.flags = ["fuzzy", *t.flags]
        elif r < 0.008:
            t.msgstr = ""
            t.msgstr_plural = [""] * nplurals if e.msgid_plural else []
        if w.rng.random() < 0.01:
            t.tcomments = [w.rng.choice(TRANSLATOR_NOTES)]
        out.append(t)
    # A few obsolete entries, as every long-lived catalog has.
    for _ in range(max(1, len(template) // 1000)):
        _, text = w.english()
        text = text + " (" + w.rng.choice(EN_WORDS) + ")"
        e = Entry(msgid=text)
        t = _translate_entry(w, e, lang, nplurals)
        t.obsolete, t.references, t.comments = True, [], []
        out.append(t)
    return out


def make_variant(
    w: Writer, template: list[Entry], changed: float, removed: float
) -> tuple[list[Entry], int, int]:
    """The template after an editing round: some msgids reworded, some strings gone."""
    n = len(template)
    idx = list(range(n))
    w.rng.shuffle(idx)
    n_removed, n_changed = round(n * removed), round(n * changed)
    gone = set(idx[:n_removed])
    edit = set(idx[n_removed : n_removed + n_changed])
    keys = {e.key for e in template}
    out = []
    for i, e in enumerate(template):
        if i in gone:
            continue
        if i in edit:
            for _attempt in range(20):
                words = e.msgid.split(" ")
                # Reword one or two words that are not placeholders or markup.
                for _ in range(1 if len(words) < 6 else 2):
                    j = w.rng.randrange(len(words))
                    if "%(" not in words[j] and "<" not in words[j]:
                        words[j] = w.rng.choice(EN_WORDS)
                if len(words) <= 2:
                    words.append(w.rng.choice(EN_WORDS))
                new = " ".join(words)
                if new != e.msgid and (e.msgctxt, new) not in keys:
                    break
            else:
                new = e.msgid + " (updated)"
            keys.add((e.msgctxt, new))
            out.append(replace(e, msgid=new))
        else:
            out.append(e)
    return out, n_changed, n_removed


# --------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------

#: The [tool.i18nnews] table of every synthetic newsroom (bench/newsroom.py shares it).
NEWSROOM_TOML = """\
[tool.i18nnews]
source_edition = "en"
content_dir = "content"
locales_dir = "locales"
site_url = "https://bench.example.org"

[tool.i18nnews.editions.en]
locale = "en"
name = "Benchmark News"
timezone = "Asia/Beirut"

[tool.i18nnews.editions.ar]
locale = "ar_LB"
name = "أخبار القياس"
direction = "rtl"
digits = "arab"
timezone = "Asia/Beirut"

[tool.i18nnews.editions.es]
locale = "es"
name = "Noticias de prueba"
timezone = "Asia/Beirut"

[tool.i18nnews.parity]
required = ["en", "ar", "es"]
grace = "6h"
"""
PYPROJECT = (
    "# Synthetic newsroom for the i18n_news benchmarks (bench/generate.py, seed {seed}).\n"
    + NEWSROOM_TOML
)


def template_text(entries: list[Entry]) -> str:
    return render(
        [
            "Translations template for Benchmark News.",
            "This file is generated by bench/generate.py; do not edit it by hand.",
        ],
        [
            ("Project-Id-Version", "Benchmark News 1.0"),
            ("Report-Msgid-Bugs-To", ""),
            ("POT-Creation-Date", CREATED),
            ("PO-Revision-Date", "YEAR-MO-DA HO:MI+ZONE"),
            ("Last-Translator", "FULL NAME <EMAIL@ADDRESS>"),
            ("Language-Team", "LANGUAGE <LL@li.org>"),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=UTF-8"),
            ("Content-Transfer-Encoding", "8bit"),
            ("Generated-By", "bench/generate.py"),
        ],
        True,
        [replace(e, msgstr="", msgstr_plural=["", ""] if e.msgid_plural else []) for e in entries],
    )


def catalog_text(entries: list[Entry], lang: str) -> str:
    name, plural = ("العربية", AR_PLURAL) if lang == "ar" else ("Español", ES_PLURAL)
    return render(
        [
            f"{name} ({lang}) translations for Benchmark News.",
            "Translators: keep the placeholders such as %(author)s exactly as they are.",
        ],
        [
            ("Project-Id-Version", "Benchmark News 1.0"),
            ("Report-Msgid-Bugs-To", ""),
            ("POT-Creation-Date", CREATED),
            ("PO-Revision-Date", REVISED),
            ("Last-Translator", f"Bench desk <{lang}@bench.example.org>"),
            ("Language-Team", f"{name} <{lang}@li.org>"),
            ("Language", lang),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=UTF-8"),
            ("Content-Transfer-Encoding", "8bit"),
            ("Plural-Forms", plural),
        ],
        False,
        entries,
    )


def write(path: Path, text: str, normalize: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if normalize:
        # GNU layout: msgcat re-wraps at 79 columns and orders comments as msgmerge would.
        tmp = path.with_name(path.name + ".msgcat")
        subprocess.run(["msgcat", "--output-file", str(tmp), str(path)], check=True)
        tmp.replace(path)


def generate(
    out: Path,
    entries: int,
    seed: int,
    changed: float = 0.02,
    removed: float = 0.01,
    normalize: bool = True,
) -> dict[str, object]:
    w = Writer(seed)
    template = make_template(w, entries)
    ar = make_catalog(Writer(seed * 1000 + 1), template, "ar")
    es = make_catalog(Writer(seed * 1000 + 2), template, "es")
    variant, n_changed, n_removed = make_variant(
        Writer(seed * 1000 + 3), template, changed, removed
    )

    out.mkdir(parents=True, exist_ok=True)
    (out / "pyproject.toml").write_text(PYPROJECT.format(seed=seed), encoding="utf-8")
    write(out / "locales" / "messages.pot", template_text(template), normalize)
    write(out / "locales" / "ar" / "LC_MESSAGES" / "messages.po", catalog_text(ar, "ar"), normalize)
    write(out / "locales" / "es" / "LC_MESSAGES" / "messages.po", catalog_text(es, "es"), normalize)
    write(out / "variant" / "messages.pot", template_text(variant), normalize)
    manifest = {
        "seed": seed,
        "entries": entries,
        "plural": sum(1 for e in template if e.msgid_plural),
        "python_format": sum(1 for e in template if "python-format" in e.flags),
        "msgctxt": sum(1 for e in template if e.msgctxt is not None),
        "extracted_comments": sum(1 for e in template if e.comments),
        "fuzzy": {
            lang: sum(1 for e in cat if "fuzzy" in e.flags)
            for lang, cat in (("ar", ar), ("es", es))
        },
        "obsolete": {
            lang: sum(1 for e in cat if e.obsolete) for lang, cat in (("ar", ar), ("es", es))
        },
        "variant": {"entries": len(variant), "changed": n_changed, "removed": n_removed},
        "normalized_by_msgcat": normalize,
        "bytes": {str(p.relative_to(out)): p.stat().st_size for p in sorted(out.rglob("*.po*"))},
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--out",
        type=Path,
        default=Path("/tmp/i18nnews-bench/newsroom"),
        help="output folder (created; files in it are overwritten)",
    )
    ap.add_argument("--entries", type=int, default=20_000, help="template entries (default 20000)")
    ap.add_argument("--seed", type=int, default=8, help="random seed (default 8)")
    ap.add_argument(
        "--changed", type=float, default=0.02, help="share of msgids edited in the variant"
    )
    ap.add_argument(
        "--removed", type=float, default=0.01, help="share of msgids removed in the variant"
    )
    ap.add_argument(
        "--no-msgcat",
        action="store_true",
        help="write our own unwrapped layout instead of normalizing with msgcat",
    )
    args = ap.parse_args(argv)
    normalize = not args.no_msgcat
    if normalize and shutil.which("msgcat") is None:
        print("msgcat not found (GNU gettext): writing unwrapped files", file=sys.stderr)
        normalize = False
    manifest = generate(args.out, args.entries, args.seed, args.changed, args.removed, normalize)
    print(json.dumps(manifest, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
