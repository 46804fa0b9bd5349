#!/usr/bin/env python3
"""Generate a synthetic newsroom for the build benchmarks, deterministically by seed.

Usage::

    python bench/newsroom.py --out /tmp/i18nnews-build/newsroom --stories 3000 --seed 8 \\
        [--hugo /tmp/i18nnews-build/hugo]

writes, in our format (N stories, each in en, ar and es: 3N article files)::

    OUT/pyproject.toml                 [tool.i18nnews]: en (source), ar (ar_LB, rtl, arab
                                       digits), es; site_url
    OUT/content/taxonomy.toml          the sample's taxonomy plus generated authors and tags
                                       (about 200 tags in all)
    OUT/content/<ed>/<section>/<slug>.md
                                       TOML front matter (key, title, summary, published,
                                       author, source, section, region, tags, shares, related,
                                       image; origin/origin_hash on the ar and es translations)
                                       and a body of 400-800 words in 5-10 paragraphs
    OUT/content/img/*.svg              the sample's placeholder images
    OUT/locales/                       the sample's theme and taxonomy catalogs, with the
                                       generated taxonomy labels added (template and ar/es)
    OUT/manifest.json                  counts and the parameters used

With ``--hugo DIR2`` it also writes an equivalent multilingual Hugo site
(``hugo.toml``, ``content/<lang>/...``, the layouts and i18n files of
``bench/hugo/``, ``static/img/``): the same articles with their front matter
as Hugo expects it (title, date, summary, tags/regions/authors taxonomies, the
section as the folder), nested sections with ``_index.md`` for every section of
the taxonomy an edition may use (so empty sections get a page, as ours do),
and ``_index.md`` with the translated label for every taxonomy term.

Published times are spread over about N/100 days, so the home page, sections,
regions, tags and authors all paginate. The same arguments always give the
same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
import tomllib
import unicodedata
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from generate import AR_WORDS, EN_WORDS, ES_WORDS, NEWSROOM_TOML  # noqa: E402

SAMPLE = ROOT
HUGO_FILES = HERE / "hugo"
EDITIONS = ("en", "ar", "es")
TZ = timezone(timedelta(hours=2))
START = datetime(2025, 1, 6, 6, 0, tzinfo=TZ)
N_TAGS = 200

PYPROJECT = (
    "# Synthetic newsroom for the i18n_news build benchmarks (bench/newsroom.py, {stories}"
    " stories,\n# seed {seed}).\n" + NEWSROOM_TOML
)

EDITION_NAMES = {"en": "Benchmark News", "ar": "أخبار القياس", "es": "Noticias de prueba"}

# Parallel first/last names (English/Spanish spelling, Arabic spelling).
FIRST = [
    ("Ahmad", "أحمد"),
    ("Layla", "ليلى"),
    ("Omar", "عمر"),
    ("Rania", "رانيا"),
    ("Karim", "كريم"),
    ("Hiba", "هبة"),
    ("Yusuf", "يوسف"),
    ("Maya", "مايا"),
    ("Samir", "سمير"),
    ("Nour", "نور"),
    ("Ali", "علي"),
    ("Zeina", "زينة"),
    ("Hassan", "حسن"),
    ("Dana", "دانا"),
    ("Tarek", "طارق"),
]
LAST = [
    ("Haddad", "حداد"),
    ("Khalil", "خليل"),
    ("Nasser", "ناصر"),
    ("Saleh", "صالح"),
    ("Mansour", "منصور"),
    ("Daher", "ضاهر"),
    ("Aziz", "عزيز"),
    ("Hamdan", "حمدان"),
]
N_AUTHORS = 40

# Sections stories go to (weights); edition-exclusive sections and parents get none.
SECTION_WEIGHTS = {
    "politics": 30,
    "economy": 10,
    "sports": 6,
    "arts-culture": 5,
    "health": 4,
    "miscellaneous": 3,
    "technology": 4,
    "environment": 3,
    "opinion": 8,
    "analysis": 6,
    "blog": 2,
    "features": 4,
    "videos": 3,
    "infographs": 1,
    "in-pictures": 2,
}
SOURCES = ["agencies", "al-mayadeen", "news-websites"]
CREDIT = "Sample illustration"


def normalize_text(text: str) -> str:
    """As ``i18n_news.sources.stories.normalize_text`` (the form ``origin_hash`` hashes)."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def origin_hash(title: str, summary: str, caption: str, body: str) -> str:
    """As ``i18n_news.sources.stories.origin_hash``: sha256 of the translatable fields."""
    fields = {
        "title": normalize_text(title),
        "summary": normalize_text(summary),
        "caption": normalize_text(caption),
        "body": normalize_text(body),
    }
    payload = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(payload.encode("utf-8")).hexdigest()


def toml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def toml_list(values: list[str]) -> str:
    return "[" + ", ".join(toml_str(v) for v in values) + "]"


def po_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------

VOCAB = {"en": EN_WORDS, "ar": AR_WORDS, "es": ES_WORDS}


def sentence(rng: random.Random, lang: str, lo: int, hi: int, end: str = ".") -> str:
    words = [rng.choice(VOCAB[lang]) for _ in range(rng.randint(lo, hi))]
    text = " ".join(words)
    if lang != "ar":
        text = text[0].upper() + text[1:]
    return text + end


def body(rng: random.Random, lang: str, words: int, paragraphs: int) -> str:
    per = words // paragraphs
    parts = []
    heading_at = rng.randrange(2, paragraphs) if paragraphs > 4 and rng.random() < 0.5 else -1
    for i in range(paragraphs):
        if i == heading_at:
            parts.append("## " + sentence(rng, lang, 3, 7, end=""))
        budget = per + rng.randint(-per // 4, per // 4)
        sentences = []
        while budget > 0:
            s = sentence(rng, lang, 8, 22)
            budget -= s.count(" ") + 1
            sentences.append(s)
        parts.append(" ".join(sentences))
    return "\n\n".join(parts) + "\n"


# --------------------------------------------------------------------------
# Taxonomy
# --------------------------------------------------------------------------


def sample_taxonomy() -> dict:
    return tomllib.loads((SAMPLE / "content" / "taxonomy.toml").read_text(encoding="utf-8"))


def make_terms(rng: random.Random, sample: dict) -> tuple[dict, dict]:
    """Generated tags and authors: key -> {en, ar, es} labels."""
    tags: dict[str, dict[str, str]] = {}
    used_labels = {e["label"] for e in sample["tags"].values()}
    nouns = sorted({w for w in EN_WORDS if len(w) > 3})
    while len(sample["tags"]) + len(tags) < N_TAGS:
        a, b = rng.choice(nouns), rng.choice(nouns)
        if a == b:
            continue
        key = f"{a}-{b}"
        label = f"{a.title()} {b.title()}"
        if key in tags or key in sample["tags"] or label in used_labels:
            continue
        used_labels.add(label)
        tags[key] = {
            "en": label,
            "ar": " ".join(rng.choice(AR_WORDS) for _ in range(2)) + f" {len(tags) + 1}",
            "es": " ".join(rng.choice(ES_WORDS) for _ in range(2)).capitalize()
            + f" {len(tags) + 1}",
        }
    authors: dict[str, dict[str, str]] = {}
    combos = [(f, last) for f in FIRST for last in LAST]
    rng.shuffle(combos)
    for (fe, fa), (le, la) in combos[:N_AUTHORS]:
        key = f"{fe}-{le}".lower()
        authors[key] = {"en": f"{fe} {le}", "ar": f"{fa} {la}", "es": f"{fe} {le}"}
    return tags, authors


def taxonomy_toml(tags: dict, authors: dict) -> str:
    text = (SAMPLE / "content" / "taxonomy.toml").read_text(encoding="utf-8").rstrip("\n")
    out = [text, "", "# Generated by bench/newsroom.py."]
    for key, labels in tags.items():
        out += ["", f"[tags.{key}]", f"label = {toml_str(labels['en'])}"]
    for key, labels in authors.items():
        out += ["", f"[authors.{key}]", f"label = {toml_str(labels['en'])}"]
    return "\n".join(out) + "\n"


def po_entries(kind: str, terms: dict, lang: str | None, first_line: int) -> str:
    out = []
    line = first_line
    for key, labels in terms.items():
        out += [
            "",
            f"#. Taxonomy {kind} '{key}'.",
            f"#: content/taxonomy.toml:{line}",
            f'msgctxt "{kind}"',
            f"msgid {po_str(labels['en'])}",
            f"msgstr {po_str(labels[lang]) if lang else po_str('')}",
        ]
        line += 3
    return "\n".join(out)


def write_locales(out: Path, tags: dict, authors: dict, tax_lines: int) -> None:
    """The sample's catalogs (theme and taxonomy), plus the generated taxonomy labels."""
    src = SAMPLE / "locales"
    dst = out / "locales"
    dst.mkdir(parents=True)
    for name in ("messages.pot", "taxonomy.pot"):
        shutil.copyfile(src / name, dst / name)
    for lang in ("ar", "es"):
        (dst / lang / "LC_MESSAGES").mkdir(parents=True)
        for name in ("messages.po", "taxonomy.po"):
            shutil.copyfile(src / lang / "LC_MESSAGES" / name, dst / lang / "LC_MESSAGES" / name)
    # The generated entries start after the sample's (blank line + comment line).
    tag_line = tax_lines + 3
    author_line = tag_line + 3 * len(tags)
    for lang, path in [
        (None, dst / "taxonomy.pot"),
        ("ar", dst / "ar" / "LC_MESSAGES" / "taxonomy.po"),
        ("es", dst / "es" / "LC_MESSAGES" / "taxonomy.po"),
    ]:
        text = path.read_text(encoding="utf-8").rstrip("\n")
        text += po_entries("tag", tags, lang, tag_line)
        text += po_entries("author", authors, lang, author_line) + "\n"
        path.write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------
# Stories
# --------------------------------------------------------------------------


def make_stories(rng: random.Random, n: int, tags: list[str], authors: list[str], sample: dict):
    days = max(1, round(n / 100))
    minutes = sorted(rng.randrange(days * 24 * 60) for _ in range(n))
    images = sorted(p.name for p in (SAMPLE / "content" / "img").glob("*.svg"))
    sections = sorted(SECTION_WEIGHTS)
    weights = [SECTION_WEIGHTS[s] for s in sections]
    regions = list(sample["regions"])
    # A popular-tag skew, as in a real newsroom: earlier tags are used more.
    tag_weights = [1.0 / (1 + i) ** 0.6 for i in range(len(tags))]
    author_weights = [1.0 / (1 + i) ** 0.5 for i in range(len(authors))]
    stories = []
    nouns = sorted({w for w in EN_WORDS if len(w) > 3})
    for i in range(n):
        published = START + timedelta(minutes=minutes[i])
        slug = f"{rng.choice(nouns)}-{rng.choice(nouns)}-{i + 1:05d}"
        story_tags: list[str] = []
        for _ in range(rng.randint(2, 4)):
            t = rng.choices(tags, tag_weights)[0]
            if t not in story_tags:
                story_tags.append(t)
        paragraphs = rng.randint(5, 10)
        words = rng.randint(400, 800)
        story = {
            "key": f"{published:%Y-%m-%d}-{slug}",
            "slug": slug,
            "published": published,
            "section": rng.choices(sections, weights)[0],
            "region": rng.choice(regions),
            "author": rng.choices(authors, author_weights)[0],
            "source": rng.choice(SOURCES),
            "tags": story_tags,
            "shares": int(rng.paretovariate(1.2) * 3) - 3,
            "image": rng.choice(images),
            "related": [],
            "text": {},
        }
        if stories and rng.random() < 0.6:
            back = stories[max(0, i - 50) : i]
            story["related"] = sorted({rng.choice(back)["key"] for _ in range(rng.randint(1, 2))})
        for lang in EDITIONS:
            story["text"][lang] = {
                "title": sentence(rng, lang, 6, 12, end=""),
                "summary": sentence(rng, lang, 15, 25),
                "caption": sentence(rng, lang, 6, 14),
                "body": body(rng, lang, words, paragraphs),
            }
        stories.append(story)
    return stories


def article_text(story: dict, lang: str) -> str:
    t = story["text"][lang]
    lines = [
        "+++",
        f"key = {toml_str(story['key'])}",
        f"title = {toml_str(t['title'])}",
        f"summary = {toml_str(t['summary'])}",
        f"published = {story['published'].isoformat()}",
        f"author = {toml_str(story['author'])}",
        f"source = {toml_str(story['source'])}",
        f"section = {toml_str(story['section'])}",
        f"region = {toml_str(story['region'])}",
        f"tags = {toml_list(story['tags'])}",
        f"shares = {story['shares']}",
    ]
    if story["related"]:
        lines.append(f"related = {toml_list(story['related'])}")
    lines.append(
        f"image = {{ src = {toml_str('img/' + story['image'])}, caption = "
        f"{toml_str(t['caption'])}, credit = {toml_str(CREDIT)} }}"
    )
    if lang != "en":
        en = story["text"]["en"]
        lines.append('origin = "en"')
        h = origin_hash(en["title"], en["summary"], en["caption"], en["body"])
        lines.append(f"origin_hash = {toml_str(h)}")
    lines += ["+++", "", t["body"]]
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Hugo
# --------------------------------------------------------------------------


def section_path(key: str, sections: dict) -> str:
    chain = []
    current: str | None = key
    while current:
        chain.insert(0, current)
        current = sections[current].get("parent")
    return "/".join(chain)


def hugo_config() -> str:
    out = [
        "# Generated by bench/newsroom.py: the Hugo twin of the synthetic newsroom.",
        'baseURL = "https://bench.example.org/"',
        'defaultContentLanguage = "en"',
        "defaultContentLanguageInSubdir = true",
        "paginate = 10",
        'title = "Benchmark News"',
        "enableRobotsTXT = true",
        "# Ours has no page listing all the terms of a taxonomy, only the term pages.",
        'disableKinds = ["taxonomy"]',
        'ignoreErrors = ["error-disable-taxonomy"]',
        "",
        "[taxonomies]",
        'tag = "tags"',
        'region = "regions"',
        'author = "authors"',
        "",
        "[related]",
        "includeNewer = true",
        "threshold = 20",
        "toLower = false",
        "[[related.indices]]",
        'name = "tags"',
        "weight = 100",
        "[[related.indices]]",
        'name = "date"',
        "weight = 10",
        "",
        "[markup.goldmark.renderer]",
        "unsafe = false",
    ]
    langs = {
        "en": ("en", "English", "ltr"),
        "ar": ("ar-LB", "العربية", "rtl"),
        "es": ("es", "Español", "ltr"),
    }
    for weight, (code, (tag, name, direction)) in enumerate(langs.items(), 1):
        out += [
            "",
            f"[languages.{code}]",
            f'contentDir = "content/{code}"',
            f"languageName = {toml_str(name)}",
            f'languageCode = "{tag}"',
            f'languageDirection = "{direction}"',
            f"title = {toml_str(EDITION_NAMES[code])}",
            f"weight = {weight}",
        ]
    return "\n".join(out) + "\n"


def section_label(kind: str, key: str, lang: str, labels: dict) -> str:
    return labels.get((kind, key, lang)) or key


def catalog_labels(out: Path) -> dict[tuple[str, str, str], str]:
    """(kind, key, lang) -> label, from the generated newsroom's taxonomy and catalogs."""
    import re

    tax = tomllib.loads((out / "content" / "taxonomy.toml").read_text(encoding="utf-8"))
    by_label: dict[tuple[str, str], list[str]] = {}
    labels: dict[tuple[str, str, str], str] = {}
    for table, entries in tax.items():
        kind = table[:-1]
        for key, entry in entries.items():
            by_label.setdefault((kind, entry["label"]), []).append(key)
            labels[(kind, key, "en")] = entry["label"]
    entry_re = re.compile(r'msgctxt "(\w+)"\nmsgid "((?:[^"\\]|\\.)*)"\nmsgstr "((?:[^"\\]|\\.)*)"')
    for lang in ("ar", "es"):
        text = (out / "locales" / lang / "LC_MESSAGES" / "taxonomy.po").read_text(encoding="utf-8")
        for kind, quoted_id, quoted_str in entry_re.findall(text):
            msgid = quoted_id.replace('\\"', '"').replace("\\\\", "\\")
            msgstr = quoted_str.replace('\\"', '"').replace("\\\\", "\\")
            for key in by_label.get((kind, msgid), []):
                labels[(kind, key, lang)] = msgstr or msgid
    return labels


def write_hugo(dest: Path, out: Path, stories: list[dict], sample_sections: dict) -> int:
    labels = catalog_labels(out)
    tax = tomllib.loads((out / "content" / "taxonomy.toml").read_text(encoding="utf-8"))
    files = 0
    dest.mkdir(parents=True)
    (dest / "hugo.toml").write_text(hugo_config(), encoding="utf-8")
    for sub in ("layouts", "i18n"):
        shutil.copytree(HUGO_FILES / sub, dest / sub)
    (dest / "static").mkdir()
    shutil.copytree(out / "content" / "img", dest / "static" / "img")
    for lang in EDITIONS:
        root = dest / "content" / lang
        # Every section an edition may use gets a page (ours lists empty sections too).
        for key, entry in sample_sections.items():
            if "editions" in entry and lang not in entry["editions"]:
                continue
            d = root / section_path(key, sample_sections)
            d.mkdir(parents=True, exist_ok=True)
            title = section_label("section", key, lang, labels)
            (d / "_index.md").write_text(f"+++\ntitle = {toml_str(title)}\n+++\n", encoding="utf-8")
            files += 1
        # Term pages get the translated label as their title. Ours lists every region
        # and the tags and authors that stories use: so does this.
        used = {
            "tags": {t for s in stories for t in s["tags"]},
            "authors": {s["author"] for s in stories},
            "regions": set(tax["regions"]),
        }
        for table, kind in (("tags", "tag"), ("regions", "region"), ("authors", "author")):
            for key, entry in tax[table].items():
                if "editions" in entry and lang not in entry["editions"]:
                    continue
                if key not in used[table]:
                    continue
                d = root / table / key
                d.mkdir(parents=True)
                title = section_label(kind, key, lang, labels)
                (d / "_index.md").write_text(
                    f"+++\ntitle = {toml_str(title)}\n+++\n", encoding="utf-8"
                )
                files += 1
        for story in stories:
            t = story["text"][lang]
            lines = [
                "+++",
                f"title = {toml_str(t['title'])}",
                f"date = {story['published'].isoformat()}",
                f"summary = {toml_str(t['summary'])}",
                f"translationKey = {toml_str(story['key'])}",
                f"slug = {toml_str(story['slug'])}",
                f"tags = {toml_list(story['tags'])}",
                f"regions = {toml_list([story['region']])}",
                f"authors = {toml_list([story['author']])}",
                f"sectionkey = {toml_str(story['section'])}",
                f"source = {toml_str(story['source'])}",
                f"shares = {story['shares']}",
                f"related = {toml_list(story['related'])}",
                f"image = {toml_str('img/' + story['image'])}",
                f"caption = {toml_str(t['caption'])}",
                f"credit = {toml_str(CREDIT)}",
                "+++",
                "",
                t["body"],
            ]
            path = root / section_path(story["section"], sample_sections) / f"{story['slug']}.md"
            path.write_text("\n".join(lines), encoding="utf-8")
            files += 1
    return files


# --------------------------------------------------------------------------


def generate(out: Path, n: int, seed: int, hugo: Path | None = None) -> dict:
    if out.exists():
        shutil.rmtree(out)
    if hugo is not None and hugo.exists():
        shutil.rmtree(hugo)
    rng = random.Random(seed)
    sample = sample_taxonomy()
    tags_gen, authors_gen = make_terms(rng, sample)
    content = out / "content"
    content.mkdir(parents=True)
    (out / "pyproject.toml").write_text(PYPROJECT.format(stories=n, seed=seed), encoding="utf-8")
    sample_text = (SAMPLE / "content" / "taxonomy.toml").read_text(encoding="utf-8")
    tax_lines = sample_text.rstrip("\n").count("\n") + 1
    (content / "taxonomy.toml").write_text(taxonomy_toml(tags_gen, authors_gen), encoding="utf-8")
    shutil.copytree(SAMPLE / "content" / "img", content / "img")
    write_locales(out, tags_gen, authors_gen, tax_lines + 1)
    tags = [*sample["tags"], *tags_gen]
    authors = ["al-mayadeen-english", "al-mayadeen-net", *authors_gen]
    stories = make_stories(rng, n, tags, authors, sample)
    for story in stories:
        for lang in EDITIONS:
            path = content / lang / story["section"] / f"{story['slug']}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(article_text(story, lang), encoding="utf-8")
    manifest = {
        "stories": n,
        "seed": seed,
        "article_files": n * len(EDITIONS),
        "days": max(1, round(n / 100)),
        "tags": len(tags),
        "authors": len(authors),
        "tags_used": len({t for s in stories for t in s["tags"]}),
        "authors_used": len({s["author"] for s in stories}),
        "words_en": sum(len(s["text"]["en"]["body"].split()) for s in stories),
    }
    # The article bench/build.py edits for its one-article-changed rebuild: the middle
    # story's Arabic translation (neither the newest nor the oldest).
    target = stories[n // 2]
    manifest["edit"] = {
        "key": target["key"],
        "ours": f"content/ar/{target['section']}/{target['slug']}.md",
        "hugo": f"content/ar/{section_path(target['section'], sample['sections'])}/"
        f"{target['slug']}.md",
    }
    if hugo is not None:
        manifest["hugo_files"] = write_hugo(hugo, out, stories, sample["sections"])
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True, help="newsroom folder (replaced)")
    ap.add_argument("--stories", type=int, default=3000, help="stories per edition")
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--hugo", type=Path, default=None, help="also write the Hugo site here")
    args = ap.parse_args(argv)
    manifest = generate(args.out, args.stories, args.seed, args.hugo)
    print(json.dumps(manifest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
