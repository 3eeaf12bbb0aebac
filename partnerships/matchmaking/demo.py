"""Demo data of the partner search: its reference facts and a few open search profiles on
both sides, with one case in the office's hands. The seed's partnerships stay what they
are — history in the register, which the suggestions read as existing ties.

Idempotent: profiles are found again by actor and contact address.
"""

from __future__ import annotations

from partnerships.matchmaking import services
from partnerships.matchmaking.models import MatchCase, SearchProfile
from partnerships.matchmaking.reference import matchmaking_reference_load
from partnerships.models import Actor
from portal.models import Horizon, Theme

PROFILES = [
    {
        "code": "UA18060090000061708",  # Korosten, Oblast Schytomyr
        "contact": ("Оксана Мельник", "partnerschaft@korosten.example.org", "uk"),
        "seeks_kinds": ["municipality"],
        "population": (15000, 120000),
        "themes": ["jugend", "bildung", "wiederaufbau"],
        "horizons": ["reconstruction"],
        "need_themes": ["verwaltung", "digitalisierung"],
        "offer_themes": ["jugend", "kultur"],
        "languages": ["uk", "en", "de"],
        "staff_time": "hours",
        "decision_stage": "mandate",
        "needs": {
            "uk": "Шукаємо місто в NRW для обміну досвідом у комунальному господарстві та "
            "цифровізації адміністративних послуг, а також для молодіжних обмінів.",
            "de": "Wir suchen eine Stadt in NRW für den Erfahrungsaustausch zu Stadtwerken und "
            "digitalen Verwaltungsleistungen und für Jugendbegegnungen.",
        },
        "offers": {
            "uk": "Досвід прийому внутрішньо переміщених осіб, сильні молодіжні організації, "
            "культурна програма.",
            "de": "Erfahrung mit der Aufnahme von Binnenvertriebenen, starke Jugendverbände, "
            "ein Kulturprogramm.",
        },
    },
    {
        "code": "UA46060130000059055",  # Zhovkva, Oblast Lwiw
        "contact": ("Андрій Гнатів", "international@zhovkva.example.org", "uk"),
        "seeks_kinds": ["municipality"],
        "population": (10000, 60000),
        "themes": ["kultur", "nachhaltigkeit"],
        "horizons": ["eu-integration"],
        "need_themes": ["nachhaltigkeit"],
        "offer_themes": ["kultur"],
        "languages": ["uk", "en"],
        "staff_time": "occasional",
        "decision_stage": "interest",
        "needs": {
            "uk": "Партнера для збереження історичного центру та сталого туризму.",
            "de": "Einen Partner für den Erhalt der Altstadt und nachhaltigen Tourismus.",
        },
        "offers": {
            "uk": "Ренесансне «ідеальне місто», фестивалі, досвід роботи з ЮНЕСКО.",
            "de": "Eine Renaissance-„Idealstadt“, Festivals, Erfahrung mit der UNESCO.",
        },
    },
    {
        "code": "UA46080130000077112",  # Sambir, Oblast Lwiw — only for the office
        "contact": ("Ірина Федорів", "miska.rada@sambir.example.org", "uk"),
        "visibility": SearchProfile.Visibility.STAFF,
        "seeks_kinds": ["municipality"],
        "population": (None, None),
        "themes": ["humanitaere-hilfe"],
        "horizons": ["humanitarian"],
        "need_themes": ["humanitaere-hilfe"],
        "offer_themes": [],
        "languages": ["uk"],
        "staff_time": "occasional",
        "decision_stage": "interest",
        "needs": {
            "uk": "Допомога для лікарні та пожежної служби; спершу через Мережевий офіс.",
            "de": "Hilfe für das Krankenhaus und die Feuerwehr; zunächst über die Netzwerkstelle.",
        },
        "offers": {},
    },
    {
        "code": "05570052",  # Warendorf
        "contact": ("Jana Becker", "partnerschaften@warendorf.example.org", "de"),
        "seeks_kinds": ["hromada"],
        "population": (20000, 100000),
        "themes": ["jugend", "sport", "humanitaere-hilfe"],
        "horizons": ["humanitarian", "reconstruction"],
        "need_themes": ["jugend"],
        "offer_themes": ["verwaltung", "digitalisierung", "sport"],
        "languages": ["de", "en"],
        "staff_time": "day",
        "decision_stage": "mandate",
        "needs": {
            "de": "Eine ukrainische Partnergemeinde für Jugend- und Sportbegegnungen; der Rat "
            "hat die Verwaltung beauftragt, eine Partnerschaft anzubahnen.",
            "uk": "Українську громаду-партнера для молодіжних і спортивних обмінів; рада "
            "доручила адміністрації налагодити партнерство.",
        },
        "offers": {
            "de": "Erfahrung der Stadtwerke, digitale Bürgerdienste, Vereinsleben im Sport.",
            "uk": "Досвід міських комунальних підприємств, цифрові послуги для громадян, "
            "спортивні клуби.",
        },
    },
    {
        "code": "05558032",  # Nottuln, Kreis Coesfeld
        "contact": ("Markus Holtmann", "rathaus@nottuln.example.org", "de"),
        "seeks_kinds": ["hromada"],
        "population": (5000, 40000),
        "themes": ["nachhaltigkeit", "bildung"],
        "horizons": ["eu-integration"],
        "need_themes": ["bildung"],
        "offer_themes": ["nachhaltigkeit"],
        "languages": ["de"],
        "staff_time": "occasional",
        "decision_stage": "interest",
        "needs": {
            "de": "Eine ländliche Gemeinde für Schulpartnerschaften und Klimaschutz.",
            "uk": "Сільську громаду для партнерства шкіл і захисту клімату.",
        },
        "offers": {
            "de": "Erfahrung mit Bürgerenergie und einer Klimaschutz-Agentur.",
            "uk": "Досвід громадської енергетики та агенції захисту клімату.",
        },
    },
]


def _profile(spec: dict) -> SearchProfile | None:
    actor = Actor.objects.filter(official_code=spec["code"]).first()
    if actor is None:
        return None
    name, email, language = spec["contact"]
    profile = SearchProfile.objects.filter(actor=actor, contact_email=email).first()
    if profile is not None:
        return profile
    low, high = spec["population"]
    data = {
        "seeks_kinds": spec["seeks_kinds"],
        "min_population": low,
        "max_population": high,
        "languages": spec["languages"],
        "staff_time": spec["staff_time"],
        "decision_stage": spec["decision_stage"],
        "visibility": spec.get("visibility", SearchProfile.Visibility.PUBLIC),
        "contact_name": name,
        "contact_email": email,
        "contact_language": language,
        **{f"needs_{lang}": text for lang, text in spec["needs"].items()},
        **{f"offers_{lang}": text for lang, text in spec["offers"].items()},
    }
    themes = {
        name: list(Theme.objects.filter(slug__in=spec[name]).values_list("pk", flat=True))
        for name in ("themes", "need_themes", "offer_themes")
    }
    themes["horizons"] = list(
        Horizon.objects.filter(slug__in=spec["horizons"]).values_list("pk", flat=True)
    )
    return services.search_profile_save(profile=SearchProfile(actor=actor), data=data, m2m=themes)


def load_demo(*, stdout, **options) -> None:
    result = matchmaking_reference_load()
    stdout.write(f"Partner search reference: {result.created} created, {result.updated} updated.")
    profiles = [p for p in (_profile(spec) for spec in PROFILES) if p is not None]
    stdout.write(f"Demo search profiles: {len(profiles)}.")
    korosten = next((p for p in profiles if p.actor.official_code == PROFILES[0]["code"]), None)
    if korosten is not None and not MatchCase.objects.filter(profile=korosten).exists():
        case = services.case_open(profile=korosten, note="Demodaten")
        candidates = Actor.objects.filter(official_code__in=["05570052", "05558008"])
        services.case_shortlist(
            case=case,
            candidates=[
                (actor, "Demodaten: ähnliche Größe, Stadt im Münsterland") for actor in candidates
            ],
            by=None,
        )
        stdout.write("Demo matchmaking case: Korosten, shortlist of two.")
