"""Translatable content (de/uk/en) and, after it, the history of the register.

History is registered here rather than with ``history = HistoricalRecords()`` on the models,
so the historical tables get the translated columns too (the documented way to combine
django-simple-history with django-modeltranslation).
"""

import simple_history
from modeltranslation.translator import TranslationOptions, translator

from partnerships.models import (
    Actor,
    Image,
    Milestone,
    Partnership,
    PartnershipMember,
    Project,
    StatusStep,
)


class ActorTranslation(TranslationOptions):
    fields = ("name", "description")


class PartnershipTranslation(TranslationOptions):
    fields = ("title", *Partnership.PORTRAIT_FIELDS)


class MilestoneTranslation(TranslationOptions):
    fields = ("title", "description")


class ProjectTranslation(TranslationOptions):
    fields = ("title", "description")


class ImageTranslation(TranslationOptions):
    fields = ("caption", "alt_text")


translator.register(Actor, ActorTranslation)
translator.register(Partnership, PartnershipTranslation)
translator.register(Milestone, MilestoneTranslation)
translator.register(Project, ProjectTranslation)
translator.register(Image, ImageTranslation)

for _model in (Actor, Partnership, PartnershipMember, StatusStep, Milestone, Project):
    simple_history.register(_model, app="partnerships")
