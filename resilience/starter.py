"""The starter set: cycle stages, topic areas and the library's first resources.

The framework paper's own stage names and topic list are not in our sources, so what
is not from a source is marked as our starter template, to rename and adapt in the
admin. The eight structural and societal topic areas are the determinants listed by the
same research group. Resources are the four the source document names; their
summaries are ours. The French texts (`FRENCH`, `translations`) are our own translation.
"""

from django.conf import settings
from django.db import transaction
from django.utils import translation

from core.translated import fill_missing_translations, translation_columns
from objectives.models import SubObjective

from .models import CycleStage, Resource, TopicArea

Level = TopicArea.Level

STARTER_NOTE = "Starter template: our placeholder, not the framework paper's wording; adapt it."
DETERMINANTS_NOTE = (
    "Starter template: structural and societal determinant from the research group's starting list."
)

# (order, name, description)
STAGES = [
    (1, "Understand the place", "Map the local risks of slavery and the assets that resist them."),
    (2, "Plan together", "Agree priorities and actions with the people and groups of the place."),
    (3, "Act", "Deliver the agreed interventions with local partners."),
    (4, "Review and adapt", "Measure change against the last review and adjust the plan."),
]

# (level, name, description); the structural ones are the listed determinants.
TOPIC_AREAS = [
    (
        Level.INDIVIDUAL,
        "Awareness of rights and support",
        "People know their rights and where to get help.",
    ),
    (
        Level.INDIVIDUAL,
        "Household financial security",
        "Income, debt and savings of households at risk.",
    ),
    (
        Level.COMMUNITY,
        "Community groups and leadership",
        "Local organisations and leaders who act on slavery.",
    ),
    (
        Level.COMMUNITY,
        "Local services and protection",
        "Support, shelter, legal aid and policing available locally.",
    ),
    (Level.STRUCTURAL, "Education", ""),
    (Level.STRUCTURAL, "Economic opportunity", ""),
    (Level.STRUCTURAL, "Cultural norms", ""),
    (Level.STRUCTURAL, "Institutionalised business practices", ""),
    (Level.STRUCTURAL, "Economic development", ""),
    (Level.STRUCTURAL, "Conflict", ""),
    (Level.STRUCTURAL, "Human rights observance", ""),
    (Level.STRUCTURAL, "Democracy", ""),
]

# Our own French for the stages and topic areas above, by English name: (name, description).
FRENCH = {
    "Understand the place": (
        "Comprendre le lieu",
        "Cartographier les risques locaux d’esclavage et les atouts qui y résistent.",
    ),
    "Plan together": (
        "Planifier ensemble",
        "Convenir des priorités et des actions avec les personnes et les groupes du lieu.",
    ),
    "Act": ("Agir", "Mener les interventions convenues avec les partenaires locaux."),
    "Review and adapt": (
        "Évaluer et adapter",
        "Mesurer le changement depuis la dernière revue et ajuster le plan.",
    ),
    "Awareness of rights and support": (
        "Connaissance des droits et du soutien",
        "Les personnes connaissent leurs droits et savent où trouver de l’aide.",
    ),
    "Household financial security": (
        "Sécurité financière des ménages",
        "Revenus, dettes et épargne des ménages à risque.",
    ),
    "Community groups and leadership": (
        "Groupes communautaires et leadership",
        "Organisations et responsables locaux qui agissent contre l’esclavage.",
    ),
    "Local services and protection": (
        "Services locaux et protection",
        "Soutien, hébergement, aide juridique et police disponibles sur place.",
    ),
    "Education": ("Éducation", ""),
    "Economic opportunity": ("Débouchés économiques", ""),
    "Cultural norms": ("Normes culturelles", ""),
    "Institutionalised business practices": ("Pratiques commerciales institutionnalisées", ""),
    "Economic development": ("Développement économique", ""),
    "Conflict": ("Conflits", ""),
    "Human rights observance": ("Respect des droits humains", ""),
    "Democracy": ("Démocratie", ""),
}

# The four resources the source document lists: title, publisher where it is known,
# our own summary, and tags (sub-objective codes of the 2015–2020 strategy, topic areas).
RESOURCES = [
    {
        "title": (
            "IOM Handbook: Protection and Assistance for Migrants Vulnerable to Violence, "
            "Exploitation and Abuse"
        ),
        "publisher": "International Organization for Migration (IOM)",
        "summary": (
            "Practical guidance for case workers, service providers, communities and "
            "governments on protecting and assisting migrants at risk of violence, "
            "exploitation or abuse, and on reducing what makes them vulnerable."
        ),
        "translations": {
            "fr": {
                "summary": (
                    "Conseils pratiques aux travailleurs sociaux, aux prestataires de services, aux"
                    " communautés et aux gouvernements pour protéger et aider les migrants exposés "
                    "à la violence, à l’exploitation ou aux abus, et pour réduire ce qui les rend "
                    "vulnérables."
                ),
            }
        },
        "sub_objectives": ["1.1", "2.1", "3.2"],
        "topic_areas": ["Local services and protection", "Human rights observance"],
    },
    {
        "title": "Spotlight Report on Global Migration",
        "publisher": "",
        "summary": (
            "A review of the risks migrants face worldwide, including labour exploitation in "
            "temporary migration schemes, the working conditions of migrant workers and the "
            "precarious position of undocumented people."
        ),
        "translations": {
            "fr": {
                "summary": (
                    "Un examen des risques auxquels les migrants sont exposés dans le monde, dont "
                    "l’exploitation par le travail dans les programmes de migration temporaire, les"
                    " conditions de travail des travailleurs migrants et la situation précaire des "
                    "personnes sans papiers."
                ),
            }
        },
        "sub_objectives": ["1.3", "3.2"],
        "topic_areas": ["Economic opportunity", "Human rights observance"],
    },
    {
        "title": "Regional Overview – Sexual Exploitation of Children Middle East and North Africa",
        "publisher": "",
        "summary": (
            "Brings together existing data on the sexual exploitation of children in the "
            "Middle East and North Africa: context, risk factors, issues particular to the "
            "region, responses so far and the gaps that remain."
        ),
        "translations": {
            "fr": {
                "summary": (
                    "Rassemble les données existantes sur l’exploitation sexuelle des enfants au "
                    "Moyen-Orient et en Afrique du Nord : contexte, facteurs de risque, questions "
                    "propres à la région, réponses apportées jusqu’ici et lacunes qui subsistent."
                ),
            }
        },
        "sub_objectives": ["1.1", "3.3"],
        "topic_areas": ["Cultural norms", "Conflict", "Local services and protection"],
    },
    {
        "title": "Towards mandatory due diligence in global supply chains",
        "publisher": "",
        "summary": (
            "Argues, in the light of the Covid-19 pandemic, for binding due-diligence duties "
            "on companies so that human and labour rights are respected throughout global "
            "supply chains."
        ),
        "translations": {
            "fr": {
                "summary": (
                    "Plaide, à la lumière de la pandémie de Covid-19, pour un devoir de vigilance "
                    "contraignant des entreprises afin que les droits humains et les droits du "
                    "travail soient respectés tout au long des chaînes d’approvisionnement "
                    "mondiales."
                ),
            }
        },
        "sub_objectives": ["1.2"],
        "topic_areas": ["Institutionalised business practices", "Economic development"],
    },
]


def _sub_objective_by_code():
    """Sub-objectives by code ("1.2"), from the newest strategy that has each code."""
    found = {}
    for sub in SubObjective.objects.select_related("objective__strategy").order_by(
        "-objective__strategy__first_year"
    ):
        found.setdefault(sub.code, sub)
    return found


def load_starter_set():
    """Load what is missing and return counts of what was created.

    Stages and topic areas are loaded only into empty tables, so admins' renames and
    deletions survive a rerun; resources are matched by title. Our French is added to the
    starter rows that still have their English name and no French yet. Texts are written
    in English, the original language, whoever runs it.
    """
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
        return _load_starter_set()


@transaction.atomic
def _load_starter_set():
    created = {"stages": 0, "topic_areas": 0, "resources": 0, "translations": 0}
    if not CycleStage.objects.exists():
        for order, name, description in STAGES:
            CycleStage.objects.create(
                order=order,
                name=name,
                description=description,
                is_starter=True,
                source=STARTER_NOTE,
                **translation_columns(_french(name)),
            )
            created["stages"] += 1
    if not TopicArea.objects.exists():
        for order, (level, name, description) in enumerate(TOPIC_AREAS, start=1):
            TopicArea.objects.create(
                name=name,
                level=level,
                order=order,
                description=description,
                is_starter=True,
                source=DETERMINANTS_NOTE if level == Level.STRUCTURAL else STARTER_NOTE,
                **translation_columns(_french(name)),
            )
            created["topic_areas"] += 1
    created["resources"] = _load_resources()
    created["translations"] = _add_french()
    return created


def _load_resources():
    subs = _sub_objective_by_code()
    topics = {t.name: t for t in TopicArea.objects.all()}
    added = 0
    for data in RESOURCES:
        resource, was_created = Resource.objects.get_or_create(
            title=data["title"],
            defaults={
                "publisher": data["publisher"],
                "summary": data["summary"],
                **translation_columns(data["translations"]),
            },
        )
        if not was_created:
            continue
        added += 1
        resource.sub_objectives.set([subs[c] for c in data["sub_objectives"] if c in subs])
        resource.topic_areas.set([topics[n] for n in data["topic_areas"] if n in topics])
    return added


def _french(english_name):
    """Our French for the starter row named `english_name`, as loader translations."""
    name, description = FRENCH[english_name]
    return {"fr": {"name": name, **({"description": description} if description else {})}}


def _add_french():
    """Our French for the starter rows loaded earlier that lack it; how many gained some."""
    added = 0
    for model in (CycleStage, TopicArea):
        for row in model.objects.filter(name_en__in=FRENCH):
            added += fill_missing_translations(row, _french(row.name_en))
    summaries = {data["title"]: data["translations"] for data in RESOURCES}
    for resource in Resource.objects.filter(title__in=summaries):
        added += fill_missing_translations(resource, summaries[resource.title])
    return added
