"""Content that a /uk/ or /en/ page shows in German (modeltranslation's fallback) is marked:
it sits inside an element with ``lang="de"`` and a note in the page's language says so."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from partnerships.exchange import services as exchange
from partnerships.surveys import services as surveys
from partnerships.surveys.models import Invitation, Question, Survey
from portal.models import Horizon
from tests.events.factories import EventFactory
from tests.knowledge.factories import FundingProgramFactory, GuideFactory, ResourceFactory
from tests.matchmaking.factories import SearchProfileFactory
from tests.partnerships.factories import (
    ActorFactory,
    MilestoneFactory,
    PartnershipFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db

MARKER = "Nurdeutsch"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip
SKIP = {"head", "script", "style", "title", "template"}


class LangTexts(HTMLParser):
    """Every text node with the ``lang`` of its nearest ancestor that has one."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if not data.strip() or any(tag in SKIP for tag, _lang in self.stack):
            return
        lang = next((lang for _tag, lang in reversed(self.stack) if lang), None)
        self.texts.append((data.strip(), lang))


def lang_texts(html: str) -> list[tuple[str, str]]:
    parser = LangTexts()
    parser.feed(html)
    return parser.texts


@pytest.fixture
def german_only():
    """One published item of each kind whose text exists only in German."""
    partnership = PartnershipFactory(
        title_de=f"{MARKER} Partnerschaft", summary_de=f"{MARKER} Kurzfassung",
        origin_de=f"{MARKER} Entstehung",
    )  # fmt: skip
    MilestoneFactory(partnership=partnership, title_de=f"{MARKER} Besuch")
    ProjectFactory(partnership=partnership, title_de=f"{MARKER} Hilfslieferung")
    event = EventFactory(title_de=f"{MARKER} Forum", summary_de=f"{MARKER} Austausch",
                         description_de=f"{MARKER} Beschreibung")  # fmt: skip
    resource = ResourceFactory(title_de=f"{MARKER} Ressource", summary_de=f"{MARKER} Kurz",
                               body_de=f"{MARKER} Text")  # fmt: skip
    program = FundingProgramFactory(name_de=f"{MARKER} Programm", funder_de=f"{MARKER} Land")
    guide = GuideFactory(title_de=f"{MARKER} Leitfaden", introduction_de=f"{MARKER} Einleitung")
    for obj in (partnership, event, resource, program, guide):
        for field in ("title", "summary", "origin", "description", "body", "name", "funder",
                      "introduction"):  # fmt: skip
            for code in ("uk", "en"):
                if hasattr(obj, f"{field}_{code}"):
                    setattr(obj, f"{field}_{code}", "")
        obj.save()
    # wave 2: a need/offer, a search profile and a survey whose texts are German only
    item = exchange.item_save(
        item=None, by=None, kind="offer", actor=ActorFactory(), category="generator",
        horizon=Horizon.objects.get(slug=Horizon.HUMANITARIAN),
        title={"de": f"{MARKER} Stromerzeuger"}, description={"de": f"{MARKER} Beschreibung"},
        quantity=2, valid_until=timezone.localdate() + timedelta(days=30), publish=True,
    )  # fmt: skip
    SearchProfileFactory(needs=f"{MARKER} Austausch", offers=f"{MARKER} Erfahrung")
    survey = Survey.objects.create(key="nurdeutsch", title=f"{MARKER} Umfrage", state="open",
                                   intro=f"{MARKER} Einleitung")  # fmt: skip
    group = Question.objects.create(survey=survey, position=1, kind="group",
                                    text=f"{MARKER} Partnerschaft")  # fmt: skip
    Question.objects.create(survey=survey, group=group, position=1, kind="text",
                            text=f"{MARKER} Frage", help_text=f"{MARKER} Hilfe")  # fmt: skip
    member = partnership.members.first().actor
    invitation = Invitation.objects.create(
        survey=survey, actor=member, email="x@example.org", language="uk", sent_at=timezone.now(),
        expires_at=timezone.now() + timedelta(days=30),
    )  # fmt: skip
    return {"partnership": partnership, "event": event, "resource": resource, "guide": guide,
            "item": item, "invitation": invitation}  # fmt: skip


def public_pages(objects) -> list[str]:
    return [
        reverse("portal:home"),
        reverse("partnerships:list"),
        objects["partnership"].get_absolute_url(),
        reverse("events:list"),
        objects["event"].get_absolute_url(),
        reverse("knowledge:list"),
        objects["resource"].get_absolute_url(),
        reverse("knowledge:funding"),
        objects["guide"].get_absolute_url(),
        reverse("knowledge:search") + f"?q={MARKER.lower()}",  # echoed query: the reader's
        reverse("exchange:list"),
        reverse("exchange:detail", args=[objects["item"].pk]),
        reverse("exchange:contact", args=[objects["item"].pk]),
        reverse("matchmaking:list"),
        reverse(
            "surveys:answer",
            kwargs={"token": surveys.invitation_token(invitation=objects["invitation"])},
        ),
    ]


NOTES = {"uk": ("німецькою",), "en": ("German",)}


@pytest.mark.parametrize("language", ["uk", "en"])
def test_german_fallback_is_marked_on_every_public_page(client, german_only, language):
    with translation.override(language):
        pages = public_pages(german_only)
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        texts = lang_texts(html)
        shown = [(text, lang) for text, lang in texts if MARKER in text]
        assert shown, f"{url} shows none of the German-only content"
        unmarked = [text for text, lang in shown if lang != "de"]
        assert not unmarked, f"{url}: German without lang=de: {unmarked}"
        notes = [text for text, lang in texts if lang == language and NOTES[language][0] in text]
        assert notes, f"{url}: no note in {language} that the text is German"


def test_german_page_has_no_fallback_marks(client, german_only):
    for url in public_pages(german_only):
        html = client.get(url).content.decode()
        assert 'class="fallback' not in html, url
