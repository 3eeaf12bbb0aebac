"""Full-text search of the library.

PostgreSQL: a stored, weighted ``tsvector`` per resource (German text with the ``german``
configuration, Ukrainian and English with ``simple``), queried with a ``tsquery`` built
from the visitor's words. Each word is expanded

- to the indexed words that contain it (``SearchWord`` lexicon, trigram index), so
  "Partnerschaft" finds "Städtepartnerschaft" and "Solidaritätspartnerschaften" and
  "Wiederaufbau" finds "Wiederaufbaus" — the ``german`` configuration stems but does not
  split compounds;
- to the place aliases of the partnership register (Kiew / Kyjiw / Київ): a built-in
  list plus the ``aliases`` of the register's actors.

Only letters and digits reach the ``tsquery`` (words are extracted with a regex and
passed as bound parameters), so the syntax characters ``&|!():*'`` cannot break or
inject into it. SQLite (embedded mode): an FTS5 table with the trigram tokenizer
(``knowledge.fts_sqlite``), with the same expansion by place aliases and synonyms.

Synonyms: staff keep groups of equivalent words in the admin (``SearchSynonym``:
Jugendaustausch ↔ Jugendbegegnung ↔ молодіжний обмін); every query word is expanded to its
group in both modes.
"""

import re
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection
from django.db.models import F, OuterRef, Q, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat, Left, NullIf
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from knowledge.snippets import MARK_START, MARK_STOP, lexemes
from portal import languages

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
MIN_EXPAND_LENGTH = 4
MAX_EXPANSIONS = 30
MAX_REGISTER_ACTORS = 10
WORD_RE = re.compile(r"\w+", re.UNICODE)
SNIPPET_SOURCE_CHARS = 10_000

# Place names and their spellings (German, Ukrainian transliteration, Cyrillic, English).
# The partnership register's actor aliases are added by ``register_aliases``.
PLACE_ALIASES: list[set[str]] = [
    {"kiew", "kyjiw", "kyiv", "kiev", "київ"},
    {"lemberg", "lwiw", "lviv", "lwow", "львів"},
    {"charkiw", "kharkiv", "charkow", "харків"},
    {"odessa", "odesa", "одеса"},
    {"dnipro", "dnepr", "дніпро"},
    {"dnipropetrowsk", "dnipropetrovsk", "dnipropetrovska", "дніпропетровськ", "дніпропетровська"},
    {"saporischschja", "zaporizhzhia", "запоріжжя"},
    {"tschernihiw", "chernihiv", "чернігів"},
    {"mykolajiw", "mykolaiv", "миколаїв"},
    {"malyn", "малин"},
    {"peremyschljany", "peremyshlyany", "перемишляни"},
    {"krywyj", "kryvyi", "кривий"},
    {"ukraine", "україна", "ukraina"},
]


@dataclass
class ParsedQuery:
    raw: str
    terms: list[str] = field(default_factory=list)
    truncated: bool = False
    messages: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.terms


def parse_query(raw: str | None) -> ParsedQuery:
    """Split a visitor's query into lower-case words; cap its length and number of words."""
    raw = (raw or "").strip()
    parsed = ParsedQuery(raw=raw[:MAX_QUERY_LENGTH])
    if len(raw) > MAX_QUERY_LENGTH:
        parsed.truncated = True
        parsed.messages.append(
            _("Ihre Suche war sehr lang; berücksichtigt werden die ersten %(n)s Zeichen.")
            % {"n": MAX_QUERY_LENGTH}
        )
    words = []
    for word in WORD_RE.findall(parsed.raw.lower()):
        word = word.strip("_")
        if word and word not in words:
            words.append(word[:80])
    if len(words) > MAX_TERMS:
        parsed.truncated = True
        parsed.messages.append(
            _("Berücksichtigt werden die ersten %(n)s Suchwörter.") % {"n": MAX_TERMS}
        )
        words = words[:MAX_TERMS]
    parsed.terms = words
    if raw and not words:
        parsed.messages.append(
            _("Ihre Suche enthält keine Wörter (nur Sonderzeichen). Bitte geben Sie Begriffe ein.")
        )
    return parsed


def register_aliases(term: str) -> set[str]:
    """Names and aliases of the partnership register's actors that ``term`` names.

    ``term`` names an actor by any common spelling (``partnerships.places``: Czernowitz,
    Dnepr, Kirowohrad, ...) or is a word of one of its names or aliases; the result holds
    all its spellings in lower case, in every language (multi-word names stay phrases).
    """
    try:
        actor_model = apps.get_model("partnerships", "Actor")
        from partnerships.places.search import matching_actor_ids
    except (LookupError, ImportError):
        return set()
    columns = ["aliases", *languages.columns("name")]
    ids = matching_actor_ids(term)
    if ids:
        rows = actor_model.objects.filter(pk__in=ids[:MAX_REGISTER_ACTORS])
    else:
        condition = Q()
        for column in columns:
            condition |= Q(**{f"{column}__icontains": term})
        rows = actor_model.objects.filter(condition)[:MAX_REGISTER_ACTORS]
    variants: set[str] = set()
    for row in rows.values_list(*columns):
        aliases, *names = row
        names = [
            n.strip().lower() for n in [*names, *(aliases or "").splitlines()] if n and n.strip()
        ]
        words = {w for n in names for w in WORD_RE.findall(n)}
        if ids or term in names or term in words:
            variants.update(names)
    return variants


SYNONYMS_KEY = "knowledge:search-synonyms"
SYNONYMS_TIMEOUT = 600
# An inflected form of a synonym ("Jugendbegegnungen" for "Jugendbegegnung") counts too.
MAX_INFLECTION = 3
MIN_INFLECTED_STEM = 5


def synonym_groups() -> list[list[str]]:
    """The active synonym groups staff keep in the admin (cached; saved groups reset it)."""
    groups = cache.get(SYNONYMS_KEY)
    if groups is None:
        from knowledge.models import SearchSynonym

        groups = [
            terms
            for synonym in SearchSynonym.objects.filter(is_active=True)
            if len(terms := synonym.term_list()) > 1
        ]
        cache.set(SYNONYMS_KEY, groups, SYNONYMS_TIMEOUT)
    return groups


def _names_term(entry: str, term: str) -> bool:
    if entry == term:
        return True
    return (
        len(entry) >= MIN_INFLECTED_STEM
        and term.startswith(entry)
        and len(term) - len(entry) <= MAX_INFLECTION
    )


def synonyms_of(text: str) -> set[str]:
    """The other words of every synonym group ``text`` (a word or the whole query) is in."""
    text = " ".join((text or "").lower().split())
    result: set[str] = set()
    if not text:
        return result
    for group in synonym_groups():
        if any(_names_term(entry, text) for entry in group):
            result.update(group)
    result.discard(text)
    return result


def expand_aliases(term: str) -> set[str]:
    """All spellings of a place name and the synonyms of a word (including ``term``)."""
    variants = {term}
    for group in PLACE_ALIASES:
        if term in group:
            variants |= group
    variants |= register_aliases(term)
    variants |= synonyms_of(term)
    return variants


def expand_compounds(terms: set[str]) -> set[str]:
    """Indexed words that contain one of ``terms`` (the decompounding step)."""
    from knowledge.models import SearchWord

    long_terms = [t for t in terms if len(t) >= MIN_EXPAND_LENGTH and " " not in t]
    if not long_terms:
        return set()
    condition = Q()
    for term in long_terms:
        condition |= Q(word__contains=term)
    return set(
        SearchWord.objects.filter(condition)
        .order_by("word")
        .values_list("word", flat=True)[: MAX_EXPANSIONS * len(long_terms)]
    )


def expanded_terms(parsed: ParsedQuery, *, compounds: bool = True) -> list[set[str]]:
    """For each query word, the set of words any of which may match it."""
    groups = []
    for term in parsed.terms:
        variants = expand_aliases(term)
        if compounds:
            variants |= expand_compounds(variants)
        groups.append(variants)
    return groups


def _variant_queries(variants: list[str]) -> dict[str, set[str]]:
    """For each variant, its normalised ``tsquery`` alternatives in both configurations
    (``german`` stems, ``simple`` keeps the word), computed by PostgreSQL in one query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT v, phraseto_tsquery('german', v)::text, phraseto_tsquery('simple', v)::text "
            "FROM unnest(%s::text[]) AS v",
            [variants],
        )
        result: dict[str, set[str]] = {}
        for variant, german, simple in cursor.fetchall():
            result[variant] = {q for q in (german, simple) if q}
        return result


def tsquery_text(groups: list[set[str]]) -> str | None:
    """AND over the query words, OR over each word's variants, in both configurations.

    The query is one deduplicated ``tsquery`` constant (not dozens of ``plainto_tsquery``
    calls), so the planner can estimate it and use the GIN index. Its text is built only
    from PostgreSQL's own normalised output for words that are letters and digits, never
    from raw user input.
    """
    normalised = _variant_queries(sorted({v for variants in groups for v in variants}))
    parts = []
    for variants in groups:
        alternatives = sorted({q for v in variants for q in normalised.get(v, ())})
        if alternatives:
            parts.append("(" + " | ".join(f"({a})" for a in alternatives) + ")")
    return " & ".join(parts) or None


def _localized(field_name: str, language: str):
    """The active language's column, falling back to German."""
    if language == "de":
        return Coalesce(F(f"{field_name}_de"), Value(""), output_field=TextField())
    return Coalesce(
        NullIf(F(f"{field_name}_{language}"), Value(""), output_field=TextField()),
        F(f"{field_name}_de"),
        Value(""),
        output_field=TextField(),
    )


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def search_resources(queryset: QuerySet, parsed: ParsedQuery, *, snippets: bool = True) -> QuerySet:
    """Filter and rank ``queryset`` by the parsed query (no-op for an empty query)."""
    if parsed.is_empty:
        return queryset
    if not uses_postgres():
        from knowledge import fts_sqlite

        return fts_sqlite.search(queryset, expanded_terms(parsed, compounds=False))
    text = tsquery_text(expanded_terms(parsed))
    if text is None:  # only stop words
        return queryset.none()
    tsquery = SearchQuery(text, config="simple", search_type="raw")
    queryset = (
        queryset.filter(search_vector=tsquery)
        .annotate(rank=SearchRank(F("search_vector"), tsquery))
        .order_by("-rank", "-published_at", "-id")
    )
    if snippets:
        # The text the snippet is cut from (``Resource.snippet_raw`` marks the hits in it):
        # long bodies and PDF texts only in part, so a page costs the same whatever the
        # attachments' size; a match further in still finds the resource.
        language = (get_language() or settings.LANGUAGE_CODE)[:2]
        source = Concat(
            _localized("summary", language),
            Value(" \n "),
            Left(_localized("body", language), SNIPPET_SOURCE_CHARS),
            Value(" \n "),
            Left(F("extracted_text"), SNIPPET_SOURCE_CHARS),
            output_field=TextField(),
        )
        # As a subquery on the row's own id, PostgreSQL reads the long texts only for the
        # rows of the page, after ORDER BY ... LIMIT, instead of sorting them with every hit.
        own_row = queryset.model._base_manager.filter(pk=OuterRef("pk"))
        queryset = queryset.annotate(
            snippet_source=Subquery(own_row.annotate(s=source).values("s")[:1]),
            snippet_terms=Value(" ".join(lexemes(text)), output_field=TextField()),
        )
    return queryset


def render_snippet(raw: str | None) -> SafeString:
    """Escape a ``ts_headline`` result and turn its markers into ``<mark>``."""
    if not raw:
        return mark_safe("")
    text = escape(raw).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    return mark_safe(text)  # noqa: S308 - escaped above, only our own tags added
