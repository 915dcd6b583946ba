"""`.html` / `.htm` pages: main text, title, date and site name by trafilatura → an Article.

trafilatura drops the time of day, so the publication time is read from the page's `<meta>` tags
(`article:published_time` and the other names in `common/html_meta.tsv`) when they carry one.
"""
from __future__ import annotations

import re
import warnings
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ..article import Article
from ..errors import InputError
from .decode import read_text_file
from .patterns import vocabulary
from .text import article_from_text

#: a page has main text when some paragraph of its text has at least this many words
MIN_PARAGRAPH_WORDS = 5
#: levels of nested elements libxml2 reads by default (it drops what is deeper)
LIBXML_DEPTH = 256
#: deepest nesting read at all (libxml2 without its limit still stops near 2048 levels)
MAX_HTML_DEPTH = 2000


def read_html(path: Path, lang: str | None = None) -> Article:
    """The Article of an HTML page; raises InputError when it has no main text."""
    source = str(path)
    html, decode_warnings = read_text_file(path, source)
    article = article_from_html(html, source=source, lang=lang)
    article.warnings.extend(decode_warnings)
    return article


def article_from_html(html: str, *, source: str = "<html>", lang: str | None = None) -> Article:
    """An Article from the text of an HTML page; raises InputError when it has no main text."""
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                              include_tables=False)
            if not (getattr(doc, "text", None) or "").strip():
                # libxml2 stops reading at LIBXML_DEPTH levels: a deeper page is read again
                deep = _deep_tree(html, source)
                if deep is not None:
                    doc = trafilatura.bare_extraction(deep, with_metadata=True,
                                                      include_comments=False, include_tables=False)
        except InputError:
            raise
        except Exception as err:  # trafilatura/lxml raise many kinds on broken markup
            reason = (str(err).splitlines() or [type(err).__name__])[0]
            raise InputError(source, f"cannot parse the HTML ({reason})") from None
    meta = page_meta(html)
    main = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    title = _clean(getattr(doc, "title", None)) or meta.get("title")
    body = main
    if title and body.startswith(title):
        body = body[len(title):].lstrip()
    if not any(len(re.findall(r"[^\W\d_]+", para)) >= MIN_PARAGRAPH_WORDS for para in body.split("\n")):
        raise InputError(source, "no main text found (the page holds no article paragraphs)")
    text = f"{title}\n\n{body}\n" if title else body + "\n"
    published = meta.get("published") or _trafilatura_date(getattr(doc, "date", None))
    article = article_from_text(
        text, source=source,
        url=_page_url(_clean(getattr(doc, "url", None)), meta),
        title=title, published=published,
        publisher=_clean(getattr(doc, "sitename", None)) or meta.get("publisher"),
        lang=lang,
    )
    for author in re.split(r"\s*[;,|]\s*", _clean(getattr(doc, "author", None)) or ""):
        if author and author not in article.authors:
            article.authors.append(author)
    return article


def _deep_tree(html: str, source: str):
    """The page's element tree when its elements nest deeper than libxml2 reads by default
    (`LIBXML_DEPTH`), parsed without that limit; None for a page that is not so deep.  Raises
    InputError for one nested deeper than `MAX_HTML_DEPTH` levels."""
    import lxml.html

    parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True)
    tree = lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
    depth = {tree: 0}
    deepest = 0
    for element in tree.iterdescendants():
        depth[element] = depth[element.getparent()] + 1
        deepest = max(deepest, depth[element])
    if deepest < LIBXML_DEPTH - 1:
        return None
    if deepest >= MAX_HTML_DEPTH:
        raise InputError(source, f"the HTML is nested too deeply (elements {MAX_HTML_DEPTH} or "
                                 f"more levels deep); newskg reads pages nested up to "
                                 f"{MAX_HTML_DEPTH} levels")
    return tree


def _page_url(found: str | None, meta: dict[str, object]) -> str | None:
    """The page's URL: trafilatura's (often the canonical link) or the `<meta>` one; a relative
    one ("/news/1") resolved against an absolute URL the page gives (`<meta>`, `<base href>`),
    else left as it is (the graph keeps it as a literal).

    >>> _page_url("/world/a", {"url": "https://ex.org/x/y"}), _page_url("/world/a", {})
    ('https://ex.org/world/a', '/world/a')
    """
    url = found or meta.get("url")
    if url and not urlsplit(url).scheme:
        for base in (meta.get("url"), meta.get("base")):
            if base and urlsplit(base).scheme in ("http", "https"):
                return urljoin(base, url)
    return url


def page_meta(html: str) -> dict[str, object]:
    """Title, publisher, url and published (a datetime when the page gives a time) from `<meta>`
    (url: else the canonical link), and base: the page's `<base href>`.

    >>> page_meta('<html><head><meta property="article:published_time" '
    ...           'content="2022-11-16T10:05:00+07:00"></head><body></body></html>')["published"]
    datetime.datetime(2022, 11, 16, 10, 5, tzinfo=datetime.timezone(datetime.timedelta(seconds=25200)))
    """
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(html.encode("utf-8"),
                                             parser=lxml.html.HTMLParser(encoding="utf-8"))
    except Exception:  # an unparsable page simply has no meta data
        return {}
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        content = (element.get("content") or "").strip()
        if key and content:
            found.setdefault(key.lower(), content)
    canonical = tree.find(".//link[@rel='canonical']")
    result: dict[str, object] = {}
    for field_name, name in vocabulary().html_meta:
        value = found.get(name.lower())
        if not value or field_name in result:
            continue
        if field_name == "published":
            parsed = _iso(value)
            if parsed is not None:
                result[field_name] = parsed
        else:
            result[field_name] = value
    if "url" not in result and canonical is not None and canonical.get("href"):
        result["url"] = canonical.get("href")
    base = tree.find(".//base[@href]")
    if base is not None:
        result["base"] = base.get("href")
    return result


def _iso(value: str) -> date | datetime | None:
    """A date or date-time from an ISO-like meta value, or None."""
    value = value.strip().replace("Z", "+00:00") if value.strip().endswith("Z") else value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return date.fromisoformat(value)
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _trafilatura_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None
