"""The funding guide's programmes, from ``knowledge/data/funding_programmes.md``.

One entry per numbered section of that file: every translated text is a tuple
``(German, English, Ukrainian)`` (the German is the source; the Ukrainian keeps official
programme names in German in brackets, and writes thousands with a no-break space), the call
year each fact refers to, every source URL. Dates are the deadlines the sources name; a
deadline is ``(date, (label_de, label_en, label_uk), call year)``.
"""

import datetime

D = datetime.date

PROGRAMS = [
    {
        "slug": "skew-kleinprojektefonds",
        "name": (
            "SKEW – Kleinprojektefonds kommunale Entwicklungspolitik",
            "SKEW – Small Projects Fund for municipal development policy",
            "SKEW – Фонд малих проєктів муніципальної політики розвитку (Kleinprojektefonds "
            "kommunale Entwicklungspolitik)",
        ),
        "funder": (
            "Bundesministerium für wirtschaftliche Zusammenarbeit und Entwicklung (BMZ); "
            "durchgeführt von der Servicestelle Kommunen in der Einen Welt (SKEW) von "
            "Engagement Global",
            "Federal Ministry for Economic Cooperation and Development (BMZ); run by "
            "Servicestelle Kommunen in der Einen Welt (SKEW) of Engagement Global",
            "Федеральне міністерство економічного співробітництва та розвитку Німеччини (BMZ); "
            "виконавець – Сервісна служба «Громади в Єдиному світі» (Servicestelle Kommunen in "
            "der Einen Welt, SKEW) організації Engagement Global",
        ),
        "eligibility": (
            "Kommunalverwaltungen (die Bezirke Berlins und Hamburgs können selbst beantragen). "
            "Bei Partnerschaftsprojekten muss die Partnerkommune in einem Land der "
            "OECD-DAC-Liste liegen. Der Ukraine-Aufruf 2022 nannte zusätzlich kommunale "
            "Spitzenverbände und kommunale Unternehmen.",
            "Municipal administrations (the districts of Berlin and Hamburg can apply on their "
            "own). For partnership projects the partner municipality has to be in a country on "
            "the OECD-DAC list. The 2022 Ukraine call also named municipal associations and "
            "municipal companies.",
            "Муніципальні адміністрації (райони Берліна та Гамбурга можуть подавати заявки "
            "самостійно). Для партнерських проєктів громада-партнер має бути в країні зі списку "
            "DAC ОЕСР (Комітету сприяння розвитку). Український конкурс 2022 року додатково "
            "називав загальнонаціональні асоціації громад і комунальні підприємства.",
        ),
        "applicants": ["municipality", "district", "municipal-company"],
        "funds": (
            "Kleine Projekte kommunaler Entwicklungspolitik: Strategiearbeit, Fortbildung, "
            "Informationsarbeit, Vernetzung, Begegnungen und kleine Partnerschaftsprojekte. "
            "Die Untermaßnahme „Kleinprojektefonds für Solidarische Partnerschaftsprojekte zur "
            "Krisenbewältigung“ unterstützt Kommunen, die Partnerkommunen in einer Krise helfen "
            "und deren kommunale Selbstverwaltung stärken. Beispiele des Ukraine-Aufrufs 2022: "
            "kommunale Gesundheitsversorgung, Bevölkerungsschutz, Selbsthilfe und Angebote für "
            "ukrainische Geflüchtete in Deutschland.",
            "Small projects of municipal development policy: strategy work, training, "
            "information work, networking, encounters and small partnership projects. The "
            "sub-measure for solidarity partnership projects in crises funds municipalities "
            "that help partner municipalities in a crisis. Examples of the 2022 Ukraine call: "
            "local health care, civil protection, self-help, measures for Ukrainian refugees "
            "in Germany.",
            "Малі проєкти муніципальної політики розвитку: стратегічна робота, навчання, "
            "інформаційна робота, налагодження зв’язків, зустрічі та малі партнерські проєкти. "
            "Підзахід «Фонд малих проєктів для солідарних партнерських проєктів із подолання "
            "криз» (Kleinprojektefonds für Solidarische Partnerschaftsprojekte zur "
            "Krisenbewältigung) підтримує громади, які допомагають громадам-партнерам у кризі та "
            "зміцнюють їхнє місцеве самоврядування. Приклади з українського конкурсу 2022 року: "
            "комунальна охорона здоров’я, цивільний захист, самодопомога та пропозиції для "
            "українських біженців у Німеччині.",
        ),
        "amounts": (
            "1.000–20.000 EUR je Projekt; bis 50.000 EUR für Süd-Nord-/Nord-Süd-Begegnungen "
            "und kleine Partnerschaftsprojekte (Ukraine-Aufruf 2022: 1.000–50.000 EUR).",
            "EUR 1,000–20,000 per project; up to EUR 50,000 for encounters and small "
            "partnership projects (2022 Ukraine call: EUR 1,000–50,000).",
            "1 000–20 000 євро на проєкт; до 50 000 євро для зустрічей «Південь – Північ» / "
            "«Північ – Південь» і малих партнерських проєктів (український конкурс 2022 року: "
            "1 000–50 000 євро).",
        ),
        "amount_min": 1000,
        "amount_max": 50000,
        "cofinancing": (
            "Anteilfinanzierung bis 90 % der zuwendungsfähigen Kosten; mindestens 10 % Eigen- "
            "oder Drittmittel. Laufzeit bis 12 Monate.",
            "Share financing up to 90 % of eligible costs; at least 10 % own or third-party "
            "funds. Projects up to 12 months.",
            "Часткове фінансування до 90 % прийнятних витрат; щонайменше 10 % власних коштів або "
            "коштів третіх сторін. Тривалість проєкту – до 12 місяців.",
        ),
        "rate": 90,
        "deadline_kind": "annual",
        "recurring": (10, 15),
        "deadline_note": (
            "Jährlicher Aufruf, Anträge bis 15. Oktober (Aufrufe 2022 und 2024). Die Seite von "
            "2025 wies darauf hin, dass neue Bewilligungen Anfang 2025 wegen der "
            "Haushaltsregeln des Bundes sehr begrenzt waren.",
            "Annual call, applications until 15 October (2022 and 2024 calls). The 2025 page "
            "warned that new commitments were very limited at the start of 2025.",
            "Щорічний конкурс, заявки до 15 жовтня (конкурси 2022 і 2024 років). На сторінці "
            "2025 року зазначалося, що на початку 2025 року нові рішення про фінансування були "
            "дуже обмежені через бюджетні правила федерального уряду.",
        ),
        "deadlines": [
            (D(2022, 10, 15), ("Aufruf 2022", "2022 call", "Конкурс 2022 року"), 2022),
            (D(2024, 10, 15), ("Aufruf 2024", "2024 call", "Конкурс 2024 року"), 2024),
        ],
        "call_year": 2025,
        "link": "https://skew.engagement-global.de/kleinprojektefonds.html",
        "themes": ["humanitaere-hilfe", "verwaltung"],
        "horizons": ["humanitarian", "reconstruction"],
        "sources": [
            ("https://skew.engagement-global.de/kleinprojektefonds.html", 2025),
            ("https://skew.engagement-global.de/kommunale-foerderung.html", 2024),
            (
                "https://kommunal-nachhaltig.de/infothek/foerderungen-beitraege/"
                "kleinprojektefonds-kommunale-entwicklungspolitik.html",
                None,
            ),
            (
                "https://www.rgre.de/aktuell/einzelansicht/meldung/"
                "foerderaufruf-fuer-deutsch-ukrainische-kommunalpartnerschaften",
                2022,
            ),
            (
                "https://bpb.de/themen/stadt-land/buergerhaushalt/514155/"
                "kleinprojektefonds-kommunale-entwicklungspolitik",
                None,
            ),
        ],
    },
    {
        "slug": "skew-solidaritaetspartnerschaften-ukraine",
        "name": (
            "SKEW – Kommunale Partnerschaften mit der Ukraine / Solidaritätspartnerschaften",
            "SKEW – Municipal partnerships with Ukraine / solidarity partnerships",
            "SKEW – Муніципальні партнерства з Україною / партнерства солідарності (Kommunale "
            "Partnerschaften mit der Ukraine / Solidaritätspartnerschaften)",
        ),
        "funder": (
            "BMZ; durchgeführt von SKEW (Engagement Global), unterstützt von Deutschem "
            "Städtetag, Deutschem Landkreistag, Deutschem Städte- und Gemeindebund und RGRE; "
            "Personal in der Ukraine bei der Konrad-Adenauer-Stiftung und der GIZ",
            "BMZ; run by SKEW (Engagement Global), backed by the German municipal "
            "associations and RGRE; staff in Ukraine at the Konrad-Adenauer-Stiftung and GIZ",
            "BMZ; виконавець – SKEW (Engagement Global) за підтримки Німецької асоціації міст, "
            "Німецької асоціації районів, Німецького союзу міст і громад та RGRE; персонал в "
            "Україні – у Фонді Конрада Аденауера та GIZ",
        ),
        "eligibility": (
            "Jede deutsche Kommune, mit oder ohne bestehenden ukrainischen Kontakt.",
            "Any German municipality, with or without an existing Ukrainian contact.",
            "Будь-яка німецька громада – з наявним українським контактом або без нього.",
        ),
        "applicants": ["municipality", "district"],
        "funds": (
            "Solidaritätspartnerschaften (seit 2022): informelle Partnerschaften; SKEW findet "
            "eine ukrainische Partnerkommune oder die Kommune wählt selbst, SKEW organisiert "
            "ein zweisprachiges erstes Treffen und berät. Mitgliedschaft im deutsch-ukrainischen "
            "Partnerschaftsnetzwerk (nach SKEW 155 formelle und informelle Partnerschaften, "
            "begleitet seit 2015) öffnet Ukraine-Projekte im Kleinprojektefonds. Delegations- "
            "und Anbahnungsreisen: bis zu fünf Personen für drei bis fünf Tage in die "
            "Partnerkommune, trotz Reisewarnung unter Auflagen; mindestens sechs Wochen vorher "
            "bei SKEW melden.",
            "Solidarity partnerships (since 2022): informal partnerships; SKEW finds a "
            "Ukrainian partner or the municipality picks its own, arranges a bilingual first "
            "meeting and advises. Network membership (155 partnerships per SKEW, supported "
            "since 2015) opens Ukraine projects in the Small Projects Fund. Delegation trips: "
            "up to five people for three to five days; contact SKEW six weeks in advance.",
            "Партнерства солідарності (з 2022 року): неформальні партнерства; SKEW знаходить "
            "українську громаду-партнера або громада обирає її сама, SKEW організовує першу "
            "двомовну зустріч і консультує. Членство в німецько-українській мережі партнерств "
            "(за даними SKEW – 155 формальних і неформальних партнерств, супровід з 2015 року) "
            "відкриває доступ до українських проєктів у Фонді малих проєктів. Делегаційні "
            "поїздки та поїздки для налагодження партнерства: до п’яти осіб на три–п’ять днів до "
            "громади-партнера, попри попередження про небезпеку подорожей – за певних умов; "
            "повідомити SKEW щонайменше за шість тижнів.",
        ),
        "amounts": (
            "Für die Reisen nicht angegeben.",
            "Not stated for the trips.",
            "Для поїздок не зазначено.",
        ),
        "cofinancing": (
            "Nicht angegeben.",
            "Not stated.",
            "Не зазначено.",
        ),
        "deadline_kind": "ongoing",
        "deadline_note": (
            "Laufend, keine feste Frist.",
            "Ongoing; no fixed deadline.",
            "Постійно, без фіксованого терміну.",
        ),
        "deadlines": [],
        "call_year": 2022,
        "link": "https://skew.engagement-global.de/ukraine.html",
        "themes": ["humanitaere-hilfe", "wiederaufbau"],
        "horizons": ["humanitarian", "reconstruction", "eu-integration"],
        "sources": [
            ("https://skew.engagement-global.de/ukraine.html", None),
            (
                "https://skew.engagement-global.de/aktuelle-mitteilung/"
                "neues-angebot-solidaritaetspartnerschaften-mit-der-ukraine.html",
                2022,
            ),
            (
                "https://www.rgre.de/aktuell/einzelansicht/meldung/"
                "solidaritaetspartnerschaften-mit-der-ukraine",
                2022,
            ),
        ],
    },
    {
        "slug": "skew-nakopa",
        "name": (
            "SKEW – Nakopa (Nachhaltige Kommunalentwicklung durch Partnerschaftsprojekte)",
            "SKEW – Nakopa (sustainable municipal development through partnership projects)",
            "SKEW – Nakopa (сталий муніципальний розвиток через партнерські проєкти; Nachhaltige "
            "Kommunalentwicklung durch Partnerschaftsprojekte)",
        ),
        "funder": (
            "BMZ; durchgeführt von SKEW (Engagement Global)",
            "BMZ; run by SKEW",
            "BMZ; виконавець – SKEW (Engagement Global)",
        ),
        "eligibility": (
            "Deutsche Kommunen, deren Projekt gemeinsam mit einer Partnerkommune in einem Land "
            "der DAC-Liste geplant und umgesetzt wird. Die Ukraine war im Aufruf 2016 "
            "ausdrücklich als Partnerland genannt.",
            "German municipalities with a project planned and run jointly with a partner "
            "municipality in a DAC-list country. Ukraine was named explicitly in the 2016 call.",
            "Німецькі громади, проєкт яких планується та реалізується спільно з "
            "громадою-партнером у країні зі списку DAC. У конкурсі 2016 року Україну прямо "
            "названо країною-партнером.",
        ),
        "applicants": ["municipality", "district"],
        "funds": (
            "Entwicklungspolitische Partnerschaftsprojekte; Schwerpunkte: nachhaltige "
            "Daseinsvorsorge, gute lokale Regierungsführung, Klimaschutz und Klimaanpassung; "
            "außerdem Hygiene, Prävention und Gesundheitsschutz sowie fairer Handel und faire "
            "Beschaffung.",
            "Development partnership projects: sustainable public services, good local "
            "governance, climate mitigation and adaptation; also hygiene, health protection, "
            "fair trade and fair procurement.",
            "Партнерські проєкти політики розвитку; пріоритети: сталі комунальні послуги "
            "(забезпечення життєдіяльності), належне місцеве врядування, захист клімату та "
            "адаптація до змін клімату; крім того, гігієна, профілактика та охорона здоров’я, а "
            "також справедлива торгівля і справедливі закупівлі.",
        ),
        "amounts": (
            "Aufruf 2024: 50.000–250.000 EUR. Jüngster gesehener Aufruf: 50.000–100.000 EUR "
            "(bis 24 Monate), 100.000–250.000 EUR (24–36 Monate), 250.000–500.000 EUR (24–36 "
            "Monate, nur mit ausdrücklichem Klimaschwerpunkt und SKEW-Erfahrung); dazu eine "
            "Verwaltungspauschale bis 7 %.",
            "2024 call: EUR 50,000–250,000. Latest call seen: three tiers from EUR 50,000 to "
            "EUR 500,000 (the top tier only for climate-focused projects), plus an "
            "administrative flat rate of up to 7 %.",
            "Конкурс 2024 року: 50 000–250 000 євро. Найновіший переглянутий конкурс: "
            "50 000–100 000 євро (до 24 місяців), 100 000–250 000 євро (24–36 місяців), "
            "250 000–500 000 євро (24–36 місяців, лише з чітким кліматичним фокусом і досвідом "
            "роботи з SKEW); додатково – фіксована ставка на адміністративні витрати до 7 %.",
        ),
        "amount_min": 50000,
        "amount_max": 500000,
        "cofinancing": (
            "Bis 90 % der zuwendungsfähigen Kosten; mindestens 10 % Eigen- oder Drittmittel. "
            "Landesmittel können den Eigenanteil bilden oder ersetzen; Sachleistungen zählen "
            "nicht.",
            "Up to 90 % of eligible costs; at least 10 % own or third-party funds. Land "
            "co-funding can count; in-kind contributions do not.",
            "До 90 % прийнятних витрат; щонайменше 10 % власних коштів або коштів третіх сторін. "
            "Кошти федеральної землі можуть становити або замінювати власний внесок; негрошові "
            "(натуральні) внески не зараховуються.",
        ),
        "rate": 90,
        "deadline_kind": "dated",
        "deadline_note": (
            "Zweistufig über die Förderplattform von Engagement Global: erst "
            "Interessenbekundung/Projektskizze, dann Vollantrag. Im jüngsten Aufruf beginnen "
            "Projekte frühestens am 1. Januar 2025 und enden spätestens am 30. Juni 2028.",
            "Two stages via Engagement Global's funding software: outline first, then the full "
            "application. In the latest call, projects start on 1 January 2025 at the earliest "
            "and end by 30 June 2028.",
            "Двоетапна процедура через платформу подання заявок Engagement Global: спершу заява "
            "про зацікавленість / концепція проєкту, потім повна заявка. У найновішому конкурсі "
            "проєкти починаються не раніше 1 січня 2025 року і завершуються не пізніше 30 червня "
            "2028 року.",
        ),
        "deadlines": [
            (
                D(2023, 7, 31),
                (
                    "Interessenbekundung, Aufruf 2024",
                    "expression of interest, 2024 call",
                    "заява про зацікавленість, конкурс 2024 року",
                ),
                2024,
            ),
            (
                D(2023, 9, 30),
                (
                    "Vollantrag, Aufruf 2024",
                    "full application, 2024 call",
                    "повна заявка, конкурс 2024 року",
                ),
                2024,
            ),
        ],
        "call_year": 2024,
        "link": "https://skew.engagement-global.de/unterstuetzung-durch-nakopa.html",
        "themes": ["nachhaltigkeit", "verwaltung"],
        "horizons": ["reconstruction", "eu-integration"],
        "sources": [
            ("https://skew.engagement-global.de/unterstuetzung-durch-nakopa.html", 2024),
            ("http://deutsche.in.ua/de/cms/fundraising/nakopa.html", 2016),
        ],
    },
    {
        "slug": "giz-komm-direkt",
        "name": (
            "GIZ – „Komm Direkt“ / Kommunale Partnerschaften für Bevölkerungsschutz und "
            "Wiederaufbau in der Ukraine",
            "GIZ – “Komm Direkt” / municipal partnerships for civil protection and "
            "reconstruction in Ukraine",
            "GIZ – «Komm Direkt» / муніципальні партнерства для цивільного захисту та відбудови "
            "в Україні",
        ),
        "funder": (
            "BMZ; durchgeführt von der GIZ mit Deutschem Städtetag, Deutschem Landkreistag, "
            "Deutschem Städte- und Gemeindebund und SKEW (offizieller Titel: „Verbesserung des "
            "Bevölkerungsschutzes in kommunalen Partnerschaften mit der Ukraine“, 2022–2024)",
            "BMZ; run by GIZ with the German municipal associations and SKEW (official title: "
            "improving civil protection in municipal partnerships with Ukraine, 2022–2024)",
            "BMZ; виконавець – GIZ разом із Німецькою асоціацією міст, Німецькою асоціацією "
            "районів, Німецьким союзом міст і громад та SKEW (офіційна назва: «Покращення "
            "цивільного захисту в муніципальних партнерствах з Україною», 2022–2024)",
        ),
        "eligibility": (
            "Deutsche Städte, Gemeinden und Landkreise, die eine ukrainische Partnerkommune "
            "unterstützen; sie sind Projektpartner der GIZ.",
            "German cities, municipalities and districts that support a Ukrainian partner "
            "municipality; they are GIZ's project partners.",
            "Німецькі міста, громади та райони (Landkreise), які підтримують українську "
            "громаду-партнера; вони є партнерами GIZ у проєкті.",
        ),
        "applicants": ["municipality", "district"],
        "funds": (
            "Sachgüter statt Geld: Die GIZ fragt den Bedarf der ukrainischen Partner ab, stellt "
            "Hilfspakete zusammen, beschafft die Güter und übergibt sie der deutschen Kommune – "
            "z. B. Generatoren, Heiztechnik, Kommunal- und Bauhoffahrzeuge, Krankenwagen, "
            "Müllfahrzeuge, Medizingeräte, Solarbeleuchtung; später auch Spielplätze, "
            "Sportanlagen, Schulausstattung sowie Reha- und Pflegematerial.",
            "Goods, not cash: GIZ surveys the Ukrainian partners' needs, buys aid packages and "
            "hands them to the German municipality – generators, heating, municipal vehicles, "
            "ambulances, refuse trucks, medical devices, solar lighting, later playgrounds, "
            "sports grounds, school equipment and care materials.",
            "Матеріальна допомога замість грошей: GIZ з’ясовує потреби українських партнерів, "
            "формує пакети допомоги, закуповує товари й передає їх німецькій громаді – "
            "наприклад, генератори, опалювальне обладнання, комунальну та господарську техніку, "
            "машини швидкої допомоги, сміттєвози, медичне обладнання, сонячне освітлення; "
            "пізніше також дитячі майданчики, спортивні споруди, шкільне обладнання, а також "
            "матеріали для реабілітації й догляду.",
        ),
        "amounts": (
            "Runde 2024: Güter im Wert von 6,4 Mio. EUR an rund 50 deutsche Kommunen; mehr als "
            "100 Partnerschaften profitierten seit August 2022.",
            "2024 round: goods worth EUR 6.4 million to about 50 German municipalities; more "
            "than 100 partnerships have benefited since August 2022.",
            "Раунд 2024 року: товари на суму 6,4 млн євро для близько 50 німецьких громад; з "
            "серпня 2022 року допомогу отримали понад 100 партнерств.",
        ),
        "cofinancing": (
            "Als Eigenleistung trägt die deutsche Kommune den Transport in die Ukraine und "
            "organisiert die Übergabe.",
            "In kind: the German municipality pays transport into Ukraine and organises the "
            "handover.",
            "Як власний внесок німецька громада оплачує транспортування в Україну та організовує "
            "передачу.",
        ),
        "deadline_kind": "dated",
        "deadline_note": (
            "Eine Verteilrunde pro Jahr seit August 2022. 2024 genügte eine formlose Rückmeldung "
            "an die GIZ mit Partnerschaft und Ansprechperson.",
            "One allocation round per year since August 2022. In 2024 an informal reply naming "
            "the partnership and a contact person was enough.",
            "Один раунд розподілу на рік з серпня 2022 року. У 2024 році достатньо було "
            "неформального повідомлення до GIZ із зазначенням партнерства та контактної особи.",
        ),
        "deadlines": [
            (
                D(2024, 4, 5),
                (
                    "formlose Rückmeldung, Runde 2024",
                    "informal reply, 2024 round",
                    "неформальне повідомлення, раунд 2024 року",
                ),
                2024,
            )
        ],
        "call_year": 2024,
        "link": (
            "https://www.giz.de/de/"
            "den-bevoelkerungsschutz-und-wiederaufbau-kommunalen-partnerschaften-unterstuetzen"
        ),
        "themes": ["humanitaere-hilfe", "wiederaufbau"],
        "horizons": ["humanitarian", "reconstruction"],
        "sources": [
            (
                "https://www.giz.de/de/"
                "den-bevoelkerungsschutz-und-wiederaufbau-kommunalen-partnerschaften-unterstuetzen",
                2024,
            ),
            ("http://www.giz.de/de/weltweit/131255.html", None),
            ("https://akzente.giz.de/de/ukraine-wiederaufbau-kommunalpartnerschaften", None),
            (
                "https://www.kommunen.nrw/informationen/mitteilungen/datenbank/detailansicht/"
                "dokument/programm-kommunale-partnerschaften-fuer-bevoelkerungsschutz-und-"
                "wiederaufbau-in-der-ukraine-frist.html",
                2024,
            ),
            ("https://www.connective-cities.net/aktuelles/kommunen-halten-zusammen", None),
        ],
    },
    {
        "slug": "cerv-town-twinning",
        "name": (
            "EU – CERV Town Twinning (Städtepartnerschaften)",
            "EU – CERV Town Twinning",
            "ЄС – CERV Town Twinning (партнерство міст)",
        ),
        "funder": (
            "Europäische Kommission, Programm „Bürgerinnen und Bürger, Gleichstellung, Rechte "
            "und Werte“ (CERV), verwaltet von der EACEA",
            "European Commission, Citizens, Equality, Rights and Values programme (CERV), "
            "managed by EACEA",
            "Європейська комісія, програма «Громадяни, рівність, права і цінності» (CERV), якою "
            "управляє EACEA (Європейське виконавче агентство з питань освіти та культури)",
        ),
        "eligibility": (
            "Öffentliche Stellen oder gemeinnützige Organisationen mit Rechtspersönlichkeit in "
            "einem EU-Mitgliedstaat oder einem CERV-assoziierten Land: Städte und Gemeinden, "
            "andere Gebietskörperschaften, ihre Partnerschaftskomitees oder gemeinnützige "
            "Organisationen, die Kommunen vertreten. Keine Privatpersonen. Ob ukrainische "
            "Kommunen teilnehmen können, hängt von der Länderliste des jeweiligen Aufrufs ab – "
            "nicht geprüft, bitte im Aufruf nachsehen.",
            "Public bodies or non-profits with legal personality in an EU Member State or a "
            "CERV-associated country: towns, other local authorities, twinning committees, "
            "non-profits representing municipalities. Whether Ukrainian municipalities can take "
            "part depends on each call's country list – not verified, check the call.",
            "Публічні органи або неприбуткові організації зі статусом юридичної особи в державі "
            "– члені ЄС або в країні, асоційованій із програмою CERV: міста й громади, інші "
            "територіальні одиниці, їхні комітети партнерства або неприбуткові організації, що "
            "представляють громади. Приватні особи не можуть подавати заявки. Чи можуть брати "
            "участь українські громади, залежить від переліку країн у відповідному конкурсі – не "
            "перевірено, будь ласка, дивіться умови конкурсу.",
        ),
        "applicants": ["municipality", "district", "association", "public-body"],
        "funds": (
            "Begegnungen und Austausch von Bürgerinnen und Bürgern verschiedener Länder: "
            "Workshops, Seminare, Konferenzen, Schulungen, Fachtreffen, Webinare, "
            "Sensibilisierung, Kulturveranstaltungen, Ausstellungen, Austausch guter Praxis. "
            "Bedingungen 2024: Kommunen aus mindestens zwei förderfähigen Ländern (mindestens "
            "ein EU-Mitgliedstaat), mindestens 50 direkte Teilnehmende, davon 25 eingeladene "
            "internationale; Laufzeit meist 6–12 Monate.",
            "Town-twinning events and citizens' exchanges. 2024 conditions: municipalities from "
            "at least two eligible countries (one an EU Member State), at least 50 participants "
            "of whom 25 invited international; usually 6–12 months.",
            "Зустрічі та обміни між громадянами різних країн: воркшопи, семінари, конференції, "
            "тренінги, фахові зустрічі, вебінари, інформаційно-просвітницькі заходи, культурні "
            "заходи, виставки, обмін добрими практиками. Умови 2024 року: громади щонайменше з "
            "двох прийнятних країн (щонайменше одна – держава – член ЄС), щонайменше 50 "
            "безпосередніх учасників, з них 25 запрошених з-за кордону; тривалість зазвичай 6–12 "
            "місяців.",
        ),
        "amounts": (
            "Pauschale von 8.455–50.745 EUR je Projekt; Budget des Aufrufs 2024: 4 Mio. EUR.",
            "Lump sum of EUR 8,455–50,745 per project; 2024 call budget EUR 4 million.",
            "Фіксована сума 8 455–50 745 євро на проєкт; бюджет конкурсу 2024 року: 4 млн євро.",
        ),
        "amount_min": 8455,
        "amount_max": 50745,
        "cofinancing": (
            "Pauschalförderung, daher keine prozentuale Förderquote.",
            "Lump sum, so no percentage funding rate.",
            "Фінансування фіксованою сумою, тому відсоткової ставки фінансування немає.",
        ),
        "deadline_kind": "dated",
        "deadline_note": (
            "Ein Aufruf pro Jahr, Frist im Spätsommer oder Frühherbst (17:00 Uhr Brüsseler "
            "Zeit). Ein Aufruf 2026 ist mit derselben Betragsspanne gelistet.",
            "One call a year, deadline in late summer or early autumn (17:00 Brussels time). "
            "A 2026 call is listed with the same amounts.",
            "Один конкурс на рік, термін – наприкінці літа або на початку осені (17:00 за "
            "брюссельським часом). Конкурс 2026 року оголошено з тим самим діапазоном сум.",
        ),
        "deadlines": [
            (D(2021, 8, 26), ("Aufruf 2021", "2021 call", "Конкурс 2021 року"), 2021),
            (D(2024, 9, 19), ("Aufruf 2024", "2024 call", "Конкурс 2024 року"), 2024),
        ],
        "call_year": 2024,
        "link": "https://www.euro-access.eu/en/calls/1237/Town-Twinning",
        "themes": ["kultur", "eu-integration"],
        "horizons": ["eu-integration"],
        "sources": [
            ("https://www.euro-access.eu/en/calls/1237/Town-Twinning", 2024),
            ("https://www.mreza-mira.net/vijesti/pozivi-za-projekte/town-twinning-cerv/", None),
            ("https://www.developmentaid.org/grants/view/721854/town-twinning", None),
            (
                "https://www.fundingprogrammesportal.gov.cy/en/call/call-town-twinning-2026-en-2026/",
                2026,
            ),
        ],
    },
    {
        "slug": "cerv-networks-of-towns",
        "name": (
            "EU – CERV Networks of Towns (Netzwerke von Städten)",
            "EU – CERV Networks of Towns",
            "ЄС – CERV Networks of Towns (мережі міст)",
        ),
        "funder": (
            "Europäische Kommission, Programm CERV",
            "European Commission, CERV programme",
            "Європейська комісія, програма CERV",
        ),
        "eligibility": (
            "Juristische Personen in einem EU-Mitgliedstaat oder CERV-assoziierten Land; die "
            "federführende Stelle vertritt eine Gebietskörperschaft. Aufruf 2025: mindestens "
            "vier Antragstellende aus vier förderfähigen Ländern, davon zwei EU-Mitgliedstaaten. "
            "Zur Teilnahme der Ukraine gilt derselbe Vorbehalt wie bei Town Twinning.",
            "Legal entities in an EU Member State or CERV-associated country; the lead "
            "represents a local authority. 2025 call: at least four applicants from four "
            "eligible countries, two of them EU Member States. Same caveat on Ukraine.",
            "Юридичні особи в державі – члені ЄС або в країні, асоційованій із CERV; провідний "
            "заявник представляє орган місцевого самоврядування. Конкурс 2025 року: щонайменше "
            "четверо заявників із чотирьох прийнятних країн, з них дві – держави – члени ЄС. "
            "Щодо участі України діє те саме застереження, що й для Town Twinning.",
        ),
        "applicants": ["municipality", "district", "public-body"],
        "funds": (
            "Dauerhafte Netzwerke von Städten zu Bürgerbeteiligung, EU-Werten und -Rechten, "
            "Vielfalt und Antidiskriminierung, 2024 auch Klima, Umwelt, Solidarität und "
            "Migration; Laufzeit 12–24 Monate.",
            "Lasting networks of towns on citizens' participation, EU values and rights, "
            "diversity, anti-discrimination; in 2024 also climate, solidarity and migration; "
            "12–24 months.",
            "Довготривалі мережі міст на теми участі громадян, цінностей і прав ЄС, різноманіття "
            "та протидії дискримінації, у 2024 році також клімату, довкілля, солідарності й "
            "міграції; тривалість 12–24 місяці.",
        ),
        "amounts": (
            "Budgets: 6 Mio. EUR (2024), 10 Mio. EUR (2025), 12 Mio. EUR (2026); 2026 "
            "geschätzter EU-Beitrag mindestens 100.000 EUR je Projekt.",
            "Budgets EUR 6 million (2024), 10 million (2025), 12 million (2026); 2026 estimated "
            "EU contribution at least EUR 100,000 per project.",
            "Бюджети: 6 млн євро (2024), 10 млн євро (2025), 12 млн євро (2026); у 2026 році "
            "орієнтовний внесок ЄС – щонайменше 100 000 євро на проєкт.",
        ),
        "amount_min": 100000,
        "cofinancing": (
            "Nicht angegeben.",
            "Not stated.",
            "Не зазначено.",
        ),
        "deadline_kind": "dated",
        "deadline_note": (
            "Aufrufe öffnen Mitte Dezember; Fristen jeweils 17:00 Uhr Brüsseler Zeit.",
            "Calls open in mid-December; deadlines at 17:00 Brussels time.",
            "Конкурси відкриваються в середині грудня; терміни – щоразу о 17:00 за брюссельським "
            "часом.",
        ),
        "deadlines": [
            (D(2024, 4, 18), ("Aufruf 2024", "2024 call", "Конкурс 2024 року"), 2024),
            (D(2025, 3, 27), ("Aufruf 2025", "2025 call", "Конкурс 2025 року"), 2025),
            (D(2026, 4, 16), ("Aufruf 2026", "2026 call", "Конкурс 2026 року"), 2026),
        ],
        "call_year": 2026,
        "link": "https://euro-access.eu/en/calls/1711/Networks-of-Towns",
        "themes": ["migration", "eu-integration"],
        "horizons": ["eu-integration"],
        "sources": [
            ("https://euro-access.eu/en/calls/1711/Networks-of-Towns", None),
            ("https://www.euro-access.eu/en/calls/2559/Networks-of-Towns", None),
            ("https://euro-access.eu/en/calls/1141/Networks-of-Towns", None),
            ("https://easy.ee/en/grants/grant_jKnaTwbfO6G4VXDI", None),
        ],
    },
    {
        "slug": "nrw-wiederaufbauprojekte-dnipropetrowsk",
        "name": (
            "Land NRW – Förderprogramm „Wiederaufbauprojekte NRW-Dnipropetrowsk (Ukraine)“",
            "Land NRW – reconstruction projects NRW–Dnipropetrovsk (Ukraine)",
            "Земля NRW – програма «Проєкти відбудови NRW – Дніпропетровська область (Україна)» "
            "(Förderprogramm „Wiederaufbauprojekte NRW-Dnipropetrowsk (Ukraine)“)",
        ),
        "funder": (
            "Land Nordrhein-Westfalen (Europaminister); Teil der Regionalpartnerschaft NRW–Oblast "
            "Dnipropetrowsk (seit Februar 2023); koordiniert von Engagement Global "
            "(Außenstelle Düsseldorf), dort gehen die Anträge ein",
            "Land North Rhine-Westphalia (Europe minister); part of the NRW–Dnipropetrovsk "
            "regional partnership (since February 2023); coordinated by Engagement Global "
            "(Düsseldorf)",
            "Земля Північний Рейн – Вестфалія (міністр у справах Європи); частина регіонального "
            "партнерства NRW – Дніпропетровська область (з лютого 2023 року); координує "
            "Engagement Global (відділення в Дюссельдорфі), куди й подаються заявки",
        ),
        "eligibility": (
            "Gemeinnützige, öffentliche und mildtätige Träger mit Sitz in NRW, die mit Partnern "
            "in der Oblast Dnipropetrowsk arbeiten: Kommunen, kommunale Unternehmen, "
            "Hochschulen, eingetragene Vereine wie Partnerschaftsvereine, Kultureinrichtungen. "
            "Eine förmliche Städtepartnerschaft ist nicht nötig.",
            "Non-profit, public and charitable bodies in NRW working with partners in "
            "Dnipropetrovsk oblast: municipalities, municipal companies, universities, "
            "registered associations, cultural institutions. No formal town partnership "
            "required.",
            "Неприбуткові, публічні та благодійні організації з осідком у NRW, які працюють з "
            "партнерами в Дніпропетровській області: громади, комунальні підприємства, вищі "
            "навчальні заклади, зареєстровані товариства (e.V.), як-от товариства партнерства, "
            "заклади культури. Формальне партнерство міст не потрібне.",
        ),
        "applicants": [
            "municipality",
            "district",
            "municipal-company",
            "university",
            "association",
        ],
        "funds": (
            "Projekte für den Wiederaufbau der Oblast Dnipropetrowsk: Beseitigung von "
            "Kriegsschäden an Infrastruktur und an sozialen, staatlichen und kulturellen "
            "Strukturen, z. B. kommunaler Fachaustausch zu Daseinsvorsorge oder EU-Standards; "
            "ausgerichtet an den SDGs und mit den Partnern entwickelt.",
            "Projects that help rebuild Dnipropetrovsk oblast – repairing war damage to "
            "infrastructure and to social, state and cultural structures, e.g. a municipal "
            "expert exchange on public services or EU standards.",
            "Проєкти з відбудови Дніпропетровської області: усунення воєнних пошкоджень "
            "інфраструктури та соціальних, державних і культурних структур, наприклад "
            "муніципальний фаховий обмін щодо комунальних послуг або стандартів ЄС; орієнтовані "
            "на Цілі сталого розвитку (ЦСР) і розроблені разом із партнерами.",
        ),
        "amounts": (
            "In der Regel bis 40.000 EUR für Kommunen und öffentlich-rechtliche Träger, bis "
            "20.000 EUR für zivilgesellschaftliche Organisationen; Volumen 2023: 180.000 EUR.",
            "As a rule up to EUR 40,000 for municipalities and public bodies, up to EUR 20,000 "
            "for civil-society organisations; 2023 volume EUR 180,000.",
            "Як правило, до 40 000 євро для громад і публічно-правових організацій, до 20 000 "
            "євро для організацій громадянського суспільства; обсяг 2023 року: 180 000 євро.",
        ),
        "amount_max": 40000,
        "cofinancing": (
            "In den Quellen nicht angegeben.",
            "Not stated in the sources.",
            "У джерелах не зазначено.",
        ),
        "deadline_kind": "unknown",
        "deadline_note": (
            "Gestartet am 10. Oktober 2023; gefördert wurden Projekte mit Laufzeit längstens "
            "bis Februar 2024. Spätere Aufrufe wurden nicht gefunden.",
            "Launched on 10 October 2023 for projects running to February 2024 at the latest. "
            "No later calls found.",
            "Розпочато 10 жовтня 2023 року; фінансувалися проєкти, що мали завершитися не "
            "пізніше лютого 2024 року. Пізніших конкурсів не знайдено.",
        ),
        "deadlines": [],
        "call_year": 2023,
        "link": "https://www.engagement-global.de/de/wiederaufbauprojekte-nrw-dnipropetrowsk",
        "themes": ["wiederaufbau"],
        "horizons": ["reconstruction"],
        "sources": [
            (
                "https://land.nrw/pressemitteilung/"
                "neues-foerderprogramm-fuer-wiederaufbauprojekte-zwischen-nordrhein-westfalen-und",
                2023,
            ),
            ("https://www.engagement-global.de/de/wiederaufbauprojekte-nrw-dnipropetrowsk", 2023),
            ("https://presseportal.de/pm/117481/5622804", 2023),
            (
                "https://ijab.de/alle-kurzmeldungen/wiederaufbauprojekte-in-dnipropetrowsk-unterstuetzen",
                2023,
            ),
        ],
    },
    {
        "slug": "nrw-europa-bei-uns-zuhause",
        "name": (
            "Land NRW – Wettbewerb „Europa bei uns zuhause“",
            "Land NRW – “Europa bei uns zuhause” competition",
            "Земля NRW – конкурс «Europa bei uns zuhause» («Європа в нас удома»)",
        ),
        "funder": (
            "Land NRW (Minister für Bundes- und Europaangelegenheiten; Staatskanzlei)",
            "Land NRW (minister for federal and European affairs; state chancellery)",
            "Земля NRW (міністр у справах федерації та Європи; Державна канцелярія)",
        ),
        "eligibility": (
            "NRW-Kommunen, Städtepartnerschaftsvereine und andere zivilgesellschaftliche "
            "Organisationen, z. B. Sportvereine, Kulturträger oder freiwillige Feuerwehren.",
            "NRW municipalities, town-twinning associations and other civil-society "
            "organisations such as sports clubs, cultural bodies or volunteer fire brigades.",
            "Громади NRW, товариства партнерства міст та інші організації громадянського "
            "суспільства, наприклад спортивні клуби, культурні організації або добровільні "
            "пожежні команди.",
        ),
        "applicants": ["municipality", "district", "association"],
        "funds": (
            "Innovative, beispielhafte und sichtbare Projekte europäischer Städtepartnerschaften "
            "und grenzüberschreitender Zusammenarbeit: Veranstaltungen, Workshops, Feste, "
            "Jubiläen, Fachaustausch. Seit 2022 Partner aus allen 46 Mitgliedstaaten des "
            "Europarats; 2022 waren Projekte mit Bezug zur Ukraine besonders willkommen.",
            "Innovative, exemplary and visible projects of European town partnerships: events, "
            "workshops, festivals, anniversaries, expert exchanges. From 2022 partners from all "
            "46 Council of Europe states; Ukraine-related projects especially welcome in 2022.",
            "Інноваційні, зразкові та помітні проєкти європейських партнерств міст і "
            "транскордонної співпраці: заходи, воркшопи, свята, ювілеї, фаховий обмін. З 2022 "
            "року – партнери з усіх 46 держав – членів Ради Європи; у 2022 році особливо "
            "віталися проєкти, пов’язані з Україною.",
        ),
        "amounts": (
            "Bis 5.000 EUR je Projekt, ausgezahlt als Erstattung nach dem Projekt.",
            "Up to EUR 5,000 per project, reimbursed after the project.",
            "До 5 000 євро на проєкт, виплата як відшкодування після завершення проєкту.",
        ),
        "amount_max": 5000,
        "cofinancing": (
            "Nicht angegeben.",
            "Not stated.",
            "Не зазначено.",
        ),
        "deadline_kind": "dated",
        "deadline_note": (
            "Jährlicher Wettbewerb; 2022 für Projekte vom 1. November 2022 bis 31. Oktober 2023. "
            "Spätere Runden wurden nicht geprüft.",
            "Annual competition; in 2022 for projects from 1 November 2022 to 31 October 2023. "
            "Later rounds not verified.",
            "Щорічний конкурс; у 2022 році – для проєктів з 1 листопада 2022 року до 31 жовтня "
            "2023 року. Пізніші раунди не перевірено.",
        ),
        "deadlines": [
            (D(2018, 6, 1), ("Wettbewerb 2018", "2018 competition", "Конкурс 2018 року"), 2018),
            (D(2019, 6, 1), ("Wettbewerb 2019", "2019 competition", "Конкурс 2019 року"), 2019),
            (D(2021, 6, 1), ("Wettbewerb 2021", "2021 competition", "Конкурс 2021 року"), 2021),
            (D(2022, 9, 1), ("Wettbewerb 2022", "2022 competition", "Конкурс 2022 року"), 2022),
        ],
        "call_year": 2022,
        "link": "https://www.mbei.nrw/de/Node/4209",
        "themes": ["kultur", "eu-integration"],
        "horizons": ["eu-integration"],
        "sources": [
            (
                "https://www.europedirect-aachen.de/aachen/news/ed-aktuell/"
                "start-des-wettbewerbs-europa-bei-uns-zuhause-2022",
                2022,
            ),
            (
                "https://www.stadt-koeln.de/politik-und-verwaltung/internationales/europaarbeit/"
                "europa-bei-uns-zuhause-machen-sie-mit",
                None,
            ),
            ("https://www.mbei.nrw/de/Node/4209", None),
            (
                "https://mbei.nrw/de/pressemitteilung/"
                "wettbewerb-europa-bei-uns-zuhause-zivilgesellschaftliche-akteure-und-kommunen",
                None,
            ),
        ],
    },
    {
        "slug": "nrw-europawoche",
        "name": (
            "Land NRW – Europawoche (Preiswettbewerb)",
            "Land NRW – Europe Week (prize competition)",
            "Земля NRW – Європейський тиждень (Europawoche; конкурс із преміями)",
        ),
        "funder": (
            "Land NRW (Europaminister)",
            "Land NRW (Europe minister)",
            "Земля NRW (міністр у справах Європи)",
        ),
        "eligibility": (
            "NRW-Kommunen, Vereine, Verbände, Schulen, Hochschulen und andere Einrichtungen.",
            "NRW municipalities, associations, federations, schools, universities and other "
            "institutions.",
            "Громади NRW, товариства, об’єднання, школи, вищі навчальні заклади та інші установи.",
        ),
        "applicants": ["municipality", "district", "association", "school", "university"],
        "funds": (
            "Veranstaltungen während der jährlichen Europawoche (Workshops, Seminare, "
            "Konferenzen, Lesungen, Podien), auch Städtepartnerschaftsprojekte. Förderfähig: "
            "Honorare, Reise, Unterkunft, Raum- und Technikmiete, Verpflegung, "
            "Öffentlichkeitsarbeit, Dokumentation.",
            "Events during the annual Europe Week, including town-partnership projects; fees, "
            "travel, accommodation, hire, catering, publicity and documentation are eligible.",
            "Заходи під час щорічного Європейського тижня (воркшопи, семінари, конференції, "
            "читання, панельні дискусії), зокрема проєкти партнерства міст. Прийнятні витрати: "
            "гонорари, проїзд, проживання, оренда приміщень і техніки, харчування, робота з "
            "громадськістю, документування.",
        ),
        "amounts": (
            "Bis 2.000 EUR je Projekt (2021).",
            "Up to EUR 2,000 per project (2021).",
            "До 2 000 євро на проєкт (2021).",
        ),
        "amount_max": 2000,
        "cofinancing": (
            "Nicht angegeben.",
            "Not stated.",
            "Не зазначено.",
        ),
        "deadline_kind": "annual",
        "deadline_note": (
            "Jährlich; Motto und Frist wechseln jedes Jahr.",
            "Annual; the motto and deadline change each year.",
            "Щорічно; гасло й термін змінюються щороку.",
        ),
        "deadlines": [],
        "call_year": 2021,
        "link": "https://staedtepartnerschaftennrw.org/europawoche-des-landes-nrw/",
        "themes": ["kultur", "eu-integration"],
        "horizons": ["eu-integration"],
        "sources": [("https://staedtepartnerschaftennrw.org/europawoche-des-landes-nrw/", 2021)],
    },
    {
        "slug": "meet-up-jugendbegegnungen",
        "name": (
            "MEET UP! Deutsch-Ukrainische Jugendbegegnungen",
            "MEET UP! German–Ukrainian youth encounters",
            "MEET UP! Німецько-українські молодіжні зустрічі (Deutsch-Ukrainische "
            "Jugendbegegnungen)",
        ),
        "funder": (
            "Stiftung Erinnerung, Verantwortung und Zukunft (EVZ) mit dem Auswärtigen Amt und "
            "der Robert Bosch Stiftung (seit 2014)",
            "Foundation EVZ with the Federal Foreign Office and the Robert Bosch Stiftung "
            "(since 2014)",
            "Фонд «Пам’ять, відповідальність і майбутнє» (Stiftung EVZ) разом із Федеральним "
            "міністерством закордонних справ Німеччини та Фондом Роберта Боша (з 2014 року)",
        ),
        "eligibility": (
            "Gemeinsame Projekte deutscher und ukrainischer Organisationen wie Schulen, "
            "Hochschulen, Vereine, Sportvereine und Kulturinitiativen. Beantragen kann jede "
            "Person, Geld erhalten nur juristische Personen.",
            "Joint projects of German and Ukrainian organisations (schools, universities, "
            "associations, sports clubs, cultural initiatives); only legal persons receive money.",
            "Спільні проєкти німецьких і українських організацій, як-от шкіл, вищих навчальних "
            "закладів, громадських об’єднань, спортивних клубів і культурних ініціатив. Подати "
            "заявку може будь-яка особа, але кошти отримують лише юридичні особи.",
        ),
        "applicants": ["school", "university", "association", "youth-work"],
        "funds": (
            "Begegnungen junger Menschen von 16 bis 35 Jahren in Deutschland und/oder der "
            "Ukraine, mindestens fünf Tage, Gegenbesuche erwünscht; gemeinsame Projekte zu "
            "historisch-politischer Bildung, deutsch-ukrainischen Beziehungen, Menschenrechten, "
            "Umwelt oder kreativen Formaten. Förderfähig: Personal, Reise, Unterkunft, "
            "Verpflegung, Material.",
            "Encounters of young people aged 16–35 in Germany and/or Ukraine, at least five "
            "days; joint projects on history, German–Ukrainian relations, human rights, "
            "environment or creative formats.",
            "Зустрічі молодих людей віком від 16 до 35 років у Німеччині та/або Україні "
            "тривалістю щонайменше п’ять днів, бажано зі зворотними візитами; спільні проєкти з "
            "історико-політичної освіти, німецько-українських відносин, прав людини, довкілля "
            "або в креативних форматах. Прийнятні витрати: персонал, проїзд, проживання, "
            "харчування, матеріали.",
        ),
        "amounts": (
            "Nach Teilnehmendenzahl und geplanten Aktivitäten; keine feste Obergrenze angegeben.",
            "Set by participants and activities; no fixed ceiling stated.",
            "Залежно від кількості учасників і запланованих заходів; фіксованої верхньої межі не "
            "зазначено.",
        ),
        "cofinancing": (
            "Eigen- oder Drittmittel erwünscht, aber nicht verlangt (Aufruf 2020).",
            "Own or third-party funds welcome but not required (2020 call).",
            "Власні кошти або кошти третіх сторін бажані, але не обов’язкові (конкурс 2020 року).",
        ),
        "deadline_kind": "dated",
        "deadline_note": (
            "Jährlich mit wechselnden Terminen. Nach dem Aufruf für 2020 wurde in den Quellen "
            "kein weiterer Aufruf gefunden.",
            "Annual with changing dates. No call after 2020 was found in the sources.",
            "Щороку з різними термінами. Після конкурсу на 2020 рік у джерелах інших конкурсів "
            "не знайдено.",
        ),
        "deadlines": [
            (D(2014, 10, 15), ("", "", ""), 2014),
            (D(2015, 7, 31), ("", "", ""), 2015),
            (D(2016, 3, 15), ("", "", ""), 2016),
            (D(2018, 2, 15), ("", "", ""), 2018),
            (D(2018, 12, 2), ("", "", ""), 2019),
            (D(2019, 11, 3), ("Projekte 2020", "projects in 2020", "проєкти 2020 року"), 2020),
        ],
        "call_year": 2020,
        "link": "http://www.stiftung-evz.de/handlungsfelder/handeln-fuer-menschenrechte/meet-up.html",
        "themes": ["jugend", "bildung"],
        "horizons": ["eu-integration"],
        "sources": [
            (
                "http://www.stiftung-evz.de/handlungsfelder/handeln-fuer-menschenrechte/meet-up.html",
                None,
            ),
            (
                "https://www.daad-ukraine.org/de/2019/09/05/meet-up-deutsch-ukrainische-jugendbegegnungen-2020/",
                2020,
            ),
            ("https://jugendinfoservice.dresden.de/de/news/2019/09/meet-up.php", 2020),
            (
                "https://www.tag-der-stiftungen.de/projekte/meet-up-deutsch-ukrainische-jugendbegegnungen",
                None,
            ),
        ],
    },
    {
        "slug": "dpjw-ukraine",
        "name": (
            "Deutsch-Polnisches Jugendwerk (DPJW) – trilaterale Begegnungen und Ukraine-Hilfe",
            "German-Polish Youth Office (DPJW) – trilateral encounters and Ukraine support",
            "Німецько-польська служба молодіжного обміну (Deutsch-Polnisches Jugendwerk, DPJW) – "
            "тристоронні зустрічі та допомога Україні",
        ),
        "funder": (
            "Deutsch-Polnisches Jugendwerk",
            "German-Polish Youth Office",
            "Німецько-польська служба молодіжного обміну (Deutsch-Polnisches Jugendwerk)",
        ),
        "eligibility": (
            "Träger der Jugendarbeit. Die Ukraine ist seit Langem wichtiges Partnerland für "
            "deutsch-polnisch-ukrainische Begegnungen.",
            "Youth-work organisations. Ukraine has long been a key partner for trilateral "
            "German–Polish–Ukrainian encounters.",
            "Організації, що працюють з молоддю. Україна вже давно є важливою країною-партнером "
            "для німецько-польсько-українських зустрічей.",
        ),
        "applicants": ["youth-work", "association"],
        "funds": (
            "Maßnahme 2022: Programme für ukrainische Kinder- und Jugendgruppen bis 28 Tage; "
            "keine deutsche oder polnische Partnergruppe nötig.",
            "2022 measure: programmes for Ukrainian child and youth groups of up to 28 days; no "
            "German or Polish partner group needed.",
            "Захід 2022 року: програми для українських дитячих і молодіжних груп тривалістю до "
            "28 днів; німецька чи польська група-партнер не потрібна.",
        ),
        "amounts": (
            "2022 je Person und Tag bis 17 EUR in Gastfamilien oder bis 40 EUR in Herbergen und "
            "Bildungsstätten; Sprachmittlung und die meisten Reisekosten zusätzlich.",
            "2022: per person and day up to EUR 17 with host families or EUR 40 in hostels; "
            "language mediation and most travel costs on top.",
            "2022 рік: на особу на день до 17 євро в приймаючих сім’ях або до 40 євро в хостелах "
            "та освітніх центрах; мовне посередництво (переклад) і більшість витрат на проїзд – "
            "додатково.",
        ),
        "cofinancing": (
            "Nicht angegeben.",
            "Not stated.",
            "Не зазначено.",
        ),
        "deadline_kind": "unknown",
        "deadline_note": (
            "Nicht angegeben.",
            "Not stated.",
            "Не зазначено.",
        ),
        "deadlines": [],
        "call_year": 2022,
        "link": "",
        "themes": ["jugend"],
        "horizons": ["humanitarian"],
        "sources": [
            (
                "https://jugendfeuerwehr.de/aktuelles/news/details/"
                "unterstuetzung-ukrainischer-kinder-und-jugendgruppen-so-gehts",
                2022,
            ),
            ("http://ukrainecalling.eu/projects/jugend-in-der-ukraine/", None),
            (
                "https://www.dbjr.de/artikel/austausch-mit-ukrainischem-und-polnischem-jugendring",
                None,
            ),
        ],
    },
    {
        "slug": "stiftungen-ukraine",
        "name": (
            "Stiftungen: Robert Bosch Stiftung und Bertelsmann Stiftung (kein offener Aufruf "
            "für Kommunen)",
            "Foundations: Robert Bosch Stiftung and Bertelsmann Stiftung (no open call for "
            "municipalities)",
            "Фонди: Фонд Роберта Боша та Фонд Бертельсманна (Robert Bosch Stiftung, Bertelsmann "
            "Stiftung; відкритого конкурсу для громад немає)",
        ),
        "funder": (
            "Robert Bosch Stiftung; Bertelsmann Stiftung",
            "Robert Bosch Stiftung; Bertelsmann Stiftung",
            "Фонд Роберта Боша (Robert Bosch Stiftung); Фонд Бертельсманна (Bertelsmann Stiftung)",
        ),
        "eligibility": (
            "Kein Förderaufruf für Kommunen gefunden.",
            "No grant call for municipalities found.",
            "Конкурсу для громад не знайдено.",
        ),
        "applicants": [],
        "funds": (
            "Robert Bosch Stiftung: fördert MEET UP! mit; Nothilfeprogramm für die Ukraine nach "
            "Februar 2022 (rund 40 Projekte), danach längerfristig Integration Geflüchteter, "
            "Mediation und ein Archiv zur Dokumentation des Krieges; im Juni 2024 Start der "
            "Plattform „Foundations for Ukraine“ mit der C.S. Mott Foundation. Bertelsmann "
            "Stiftung: Projekt „Kommunen in der Ukrainekrise stärken“ mit Online-Austauschen, "
            "etwa zur Hilfe beim Wiederaufbau, bei denen die BMZ/GIZ-„Plattform Wiederaufbau "
            "Ukraine“ und das NRW-Reallabor vorgestellt wurden – ein Austauschformat, kein "
            "Förderprogramm.",
            "Robert Bosch Stiftung co-funds MEET UP!, ran an emergency programme after February "
            "2022 and launched “Foundations for Ukraine” in June 2024. Bertelsmann Stiftung runs "
            "online exchanges for municipalities – an exchange format, not a grant programme.",
            "Фонд Роберта Боша: співфінансує MEET UP!; програма екстреної допомоги Україні після "
            "лютого 2022 року (близько 40 проєктів), далі – довгострокові напрями: інтеграція "
            "біженців, медіація та архів для документування війни; у червні 2024 року разом із "
            "C.S. Mott Foundation запущено платформу «Foundations for Ukraine». Фонд "
            "Бертельсманна: проєкт «Зміцнення громад в умовах української кризи» (Kommunen in "
            "der Ukrainekrise stärken) з онлайн-обмінами, наприклад щодо допомоги у відбудові, "
            "на яких представили «Платформу відбудови України» BMZ/GIZ (Plattform Wiederaufbau "
            "Ukraine) та Реальну лабораторію (Reallabor) NRW – це формат обміну, а не програма "
            "фінансування.",
        ),
        "amounts": (
            "Nicht zutreffend.",
            "Not applicable.",
            "Не застосовується.",
        ),
        "cofinancing": (
            "",
            "",
            "",
        ),
        "deadline_kind": "unknown",
        "deadline_note": (
            "Kein Aufruf.",
            "No call.",
            "Конкурсу немає.",
        ),
        "deadlines": [],
        "call_year": 2024,
        "link": "",
        "themes": ["integration"],
        "horizons": ["humanitarian"],
        "sources": [
            (
                "https://www.bosch-stiftung.de/de/storys/"
                "wir-sehen-als-deutsche-stiftung-eine-besondere-verantwortung-fuer-die-ukraine",
                None,
            ),
            ("https://www.bosch-stiftung.de/de/storys/wie-wir-die-ukraine-unterstuetzen", None),
            ("https://www.presseportal.de/pm/100848/5798455", 2024),
            (
                "https://www.bertelsmann-stiftung.de/de/unsere-projekte/"
                "kommunen-in-der-ukrainekrise-staerken/projektnachrichten/"
                "hilfe-zum-wiederaufbau-in-der-ukraine",
                2023,
            ),
        ],
    },
    {
        "slug": "unterstuetzungsstrukturen",
        "name": (
            "Unterstützung ohne Fördergeld: Reallabor NRW–Ukraine, RGRE, Bridges of Trust",
            "Non-grant support: Reallabor NRW–Ukraine, CEMR German section, Bridges of Trust",
            "Підтримка без грантових коштів: Реальна лабораторія (Reallabor) NRW – Україна, "
            "RGRE, Bridges of Trust («Мости довіри»)",
        ),
        "funder": (
            "Netzwerkstelle Städtepartnerschaften (Auslandsgesellschaft.de e.V.) mit der "
            "NRW-Landesregierung; RGRE; CEMR und PLATFORMA mit dem Ukrainischen Städteverband "
            "(über U-LEAD with Europe)",
            "Netzwerkstelle Städtepartnerschaften with the NRW government; CEMR German section; "
            "CEMR and PLATFORMA with the Association of Ukrainian Cities (via U-LEAD with Europe)",
            "Мережевий офіс партнерства міст (Netzwerkstelle Städtepartnerschaften, "
            "Auslandsgesellschaft.de e.V.) разом з урядом землі NRW; RGRE; Рада європейських "
            "муніципалітетів і регіонів (CEMR) і PLATFORMA разом з Асоціацією міст України "
            "(через U-LEAD with Europe)",
        ),
        "eligibility": (
            "Reallabor: NRW-Kommunen und Kreise mit oder auf der Suche nach einer ukrainischen "
            "Partnerkommune. Bridges of Trust: 2021 EU-Kommunen mit 400–50.000 Einw. aus "
            "ausgewählten Ländern (Deutschland war 2021 nicht darunter).",
            "Reallabor: NRW municipalities and districts with or seeking a Ukrainian partner. "
            "Bridges of Trust: in 2021 EU municipalities of 400–50,000 inhabitants from selected "
            "countries (Germany not among them in 2021).",
            "Reallabor: громади та райони NRW, які мають українську громаду-партнера або шукають "
            "її. Bridges of Trust: у 2021 році – громади ЄС із населенням 400–50 000 осіб з "
            "окремих країн (Німеччини серед них у 2021 році не було).",
        ),
        "applicants": ["municipality", "district"],
        "funds": (
            "Reallabor Kommunaler Aufbaupartnerschaften NRW–Ukraine: regelmäßiger Austausch, "
            "gestartet am 29. März 2023. RGRE: Partnerschaftsdatenbank und Musterverträge. "
            "Bridges of Trust: vermittelt Partnerschaften zwischen EU- und ukrainischen "
            "Kommunen, unterstützt Studienreisen und gemeinsame Projektanträge (2021: 10 "
            "Partnerschaften; Nov. 2022 – Sept. 2023: 30 ukrainische Kommunen; 2023–2024: 36 "
            "Partnerschaften).",
            "Reallabor: regular exchanges since 29 March 2023. CEMR German section: partnership "
            "database and model agreements. Bridges of Trust: matches EU and Ukrainian "
            "municipalities, supports study visits and joint proposals.",
            "Реальна лабораторія комунальних партнерств відбудови NRW – Україна (Reallabor "
            "Kommunaler Aufbaupartnerschaften NRW–Ukraine): регулярний обмін, розпочатий 29 "
            "березня 2023 року. RGRE: база даних партнерств і типові договори. Bridges of Trust: "
            "допомагає налагоджувати партнерства між громадами ЄС та українськими громадами, "
            "підтримує навчальні поїздки та спільні проєктні заявки (2021: 10 партнерств; "
            "листопад 2022 – вересень 2023: 30 українських громад; 2023–2024: 36 партнерств).",
        ),
        "amounts": (
            "Kein Fördergeld.",
            "No grant money.",
            "Грантових коштів немає.",
        ),
        "cofinancing": (
            "",
            "",
            "",
        ),
        "deadline_kind": "unknown",
        "deadline_note": (
            "Keine Fristen angegeben.",
            "No deadlines stated.",
            "Термінів не зазначено.",
        ),
        "deadlines": [],
        "call_year": 2024,
        "link": "",
        "themes": ["wiederaufbau", "eu-integration"],
        "horizons": ["reconstruction", "eu-integration"],
        "sources": [
            (
                "https://staedtepartnerschaftennrw.org/"
                "auftaktveranstaltung-reallabor-kommunaler-aufbaupartnerschaften-nrw-ukraine/",
                2023,
            ),
            ("https://staedtepartnerschaftennrw.org/bericht-2-austauschveranstaltung/", 2023),
            ("https://www.ccre.org/en/activites/view/45", 2021),
            ("https://platforma-dev.eu/opportunity-to-partner-with-a-ukrainian-municipality", 2022),
            ("https://decentralization.ua/en/news/16134?page=17", 2024),
        ],
    },
]
