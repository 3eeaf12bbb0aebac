# Ukrainian dates without German periods and without "р." ("15 січня 2027"); the other
# formats come from Django's Ukrainian locale.
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
MONTH_DAY_FORMAT = "j E"
