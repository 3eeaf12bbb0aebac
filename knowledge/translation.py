"""Translatable fields of the library (django-modeltranslation: one column per language)."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from knowledge.models import (
    Country,
    FundingDeadline,
    FundingProgram,
    Guide,
    GuideSection,
    Resource,
    TargetGroup,
)


@register(TargetGroup)
class TargetGroupTranslation(TranslationOptions):
    fields = ("name",)


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)


@register(Resource)
class ResourceTranslation(TranslationOptions):
    fields = ("title", "summary", "body")


@register(FundingProgram)
class FundingProgramTranslation(TranslationOptions):
    fields = (
        "name",
        "funder",
        "eligibility",
        "funds",
        "amounts",
        "cofinancing",
        "deadline_note",
    )


@register(FundingDeadline)
class FundingDeadlineTranslation(TranslationOptions):
    fields = ("label",)


@register(Guide)
class GuideTranslation(TranslationOptions):
    fields = ("title", "subtitle", "introduction")


@register(GuideSection)
class GuideSectionTranslation(TranslationOptions):
    fields = ("heading", "text")


# History is registered after the translated columns exist (modeltranslation adds them
# when this module is imported), so the historical tables keep every language.
register_history(
    Resource,
    app="knowledge",
    excluded_fields=["search_vector", "extracted_text", "current_file"],
)
register_history(FundingProgram, app="knowledge")
register_history(
    Guide,
    app="knowledge",
    excluded_fields=["pdf_status", "pdf_error", "pdf_file", "pdf_hash", "pdf_generated_at"],
)
