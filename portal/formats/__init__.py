"""Date formats per language (``FORMAT_MODULE_PATH``) and the named styles of the ``when``
filter. Ukrainian writes dates without German periods ("15 січня 2027"), with the genitive
month (``E``); German keeps "15. Januar 2027"."""

from portal import languages

STYLES: dict[str, dict[str, str]] = {
    "de": {
        "datetime": "j. F Y, H:i",
        "weekday_datetime": "l, j. F Y, H:i",
        "short_weekday_datetime": "D, j. F Y, H:i",
        "weekday_date": "l, j. F Y",
    },
    "uk": {
        "datetime": "j E Y, H:i",
        "weekday_datetime": "l, j E Y, H:i",
        "short_weekday_datetime": "D, j E Y, H:i",
        "weekday_date": "l, j E Y",
    },
    "en": {
        "datetime": "j F Y, H:i",
        "weekday_datetime": "l, j F Y, H:i",
        "short_weekday_datetime": "D, j F Y, H:i",
        "weekday_date": "l, j F Y",
    },
}


def style_format(style: str) -> str:
    return STYLES.get(languages.active(), STYLES[languages.SOURCE])[style]
