from modeltranslation.translator import TranslationOptions, register

from partnerships.surveys.models import Question, Survey


@register(Survey)
class SurveyTranslation(TranslationOptions):
    fields = ("title", "intro")


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text", "help_text", "choices")
