"""Demo narratives of progress, written and reviewed through the app's own services: an
approved one for each year a country began to count, and one of each other status."""

from countries.models import Country
from reports import services
from reports.models import Narrative

from .evidence import author_for

# (country, year, English, French); the report shows each in its language, or the other.
APPROVED = [
    (
        "GB",
        2015,
        "The Modern Slavery Act received Royal Assent. Its transparency in supply chains "
        "clause, which we campaigned for, now obliges large businesses to report each year.",
        "",
    ),
    (
        "MR",
        2017,
        "",
        "Le tribunal spécial de Nouadhibou a prononcé ses premières condamnations pour "
        "esclavage, grâce aux dossiers montés par nos partenaires avec les victimes.",
    ),
    (
        "IN",
        2018,
        "The state adopted a rehabilitation scheme for bonded brick-kiln workers after three "
        "years of evidence from our partners' release certificates.",
        "",
    ),
    (
        "NE",
        2018,
        "Prosecutors opened the first cases under the anti-slavery article of the penal code.",
        "Les procureurs ont ouvert les premières affaires au titre de l'article du code "
        "pénal qui réprime l'esclavage.",
    ),
]
SUBMITTED = ("NP", 2020, "Haliya families received land titles in two districts.", "")
RETURNED = (
    "ML",
    2020,
    "",
    "Les comités villageois se sont réunis.",
    "Say what changed for people of slave descent, not only that committees met.",
)
DRAFT = ("SN", 2020, "", "Brouillon : les daaras de Saint-Louis.")


def _write(strategy, staff, code, year, text_en, text_fr, *, submit):
    country = Country.objects.get(code=code)
    return services.save_narrative(
        actor=author_for(country, staff),
        strategy=strategy,
        country=country,
        year=year,
        text_en=text_en,
        text_fr=text_fr,
        version=0,
        submit=submit,
    )


def seed_narratives(*, strategy, manager, staff):
    """Add the demo narratives unless the strategy has some; return how many were added."""
    if Narrative.objects.filter(strategy=strategy).exists():
        return 0
    for code, year, text_en, text_fr in APPROVED:
        narrative = _write(strategy, staff, code, year, text_en, text_fr, submit=True)
        services.approve_narrative(narrative=narrative, actor=manager)
    _write(strategy, staff, *SUBMITTED, submit=True)
    *returned, reason = RETURNED
    narrative = _write(strategy, staff, *returned, submit=True)
    services.return_narrative(narrative=narrative, actor=manager, reason=reason)
    _write(strategy, staff, *DRAFT, submit=False)
    return len(APPROVED) + 3
