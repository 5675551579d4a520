"""The 2015–2020 strategy as data: the objective and sub-objective texts are verbatim
from the organisation's published strategy; short titles are ours, for tables.

The French texts (`translations`) are the project's own translation of the published
English, for staff who work in French; an admin replaces them in the admin if the
organisation publishes its own."""

TRANSLATED_BY = "Our own French translation of the published English strategy."

OBJECTIVES = [
    {
        "number": 1,
        "title": "Duty bearers are responsive and accountable to the rights and needs of "
        "people affected by and vulnerable to slavery",
        "short_title": "Duty bearers are responsive and accountable",
        "translations": {
            "fr": {
                "title": (
                    "Les détenteurs d’obligations sont à l’écoute des droits et des besoins des "
                    "personnes touchées par l’esclavage ou vulnérables à celui-ci, et en rendent "
                    "compte"
                ),
                "short_title": "Les détenteurs d’obligations sont à l’écoute et rendent compte",
            }
        },
        "sub_objectives": [
            {
                "number": 1,
                "text": "Drawing on demonstrated learning from Anti-Slavery’s "
                "partners and programmes, national governments and "
                "institutions, including law enforcement and judiciary, "
                "have introduced effective anti-slavery measures to "
                "address the causes and consequences of slavery in each "
                "country;",
                "short_title": "Governments and institutions introduce effective measures",
                "translations": {
                    "fr": {
                        "text": (
                            "S’appuyant sur les enseignements tirés des partenaires et des "
                            "programmes d’Anti-Slavery, les gouvernements et les institutions "
                            "nationales, y compris les forces de l’ordre et la justice, ont adopté "
                            "des mesures efficaces contre l’esclavage pour en traiter les causes et"
                            " les conséquences dans chaque pays ;"
                        ),
                        "short_title": (
                            "Des mesures efficaces des gouvernements et des institutions"
                        ),
                    }
                },
            },
            {
                "number": 2,
                "text": "Businesses have adopted effective approaches towards "
                "eliminating forced and child labour in business "
                "operations and supply chains;",
                "short_title": "Businesses eliminate forced and child labour",
                "translations": {
                    "fr": {
                        "text": (
                            "Les entreprises ont adopté des approches efficaces pour éliminer le "
                            "travail forcé et le travail des enfants de leurs activités et de leurs"
                            " chaînes d’approvisionnement ;"
                        ),
                        "short_title": (
                            "Les entreprises éliminent le travail forcé et celui des enfants"
                        ),
                    }
                },
            },
            {
                "number": 3,
                "text": "Slavery and its causes are recognised internationally "
                "as a fundamental development issue.",
                "short_title": "Slavery recognised as a development issue",
                "translations": {
                    "fr": {
                        "text": (
                            "L’esclavage et ses causes sont reconnus au niveau international comme "
                            "un enjeu fondamental du développement."
                        ),
                        "short_title": "L’esclavage reconnu comme un enjeu de développement",
                    }
                },
            },
        ],
    },
    {
        "number": 2,
        "title": "People affected by and vulnerable to slavery are empowered to understand, "
        "assert and claim their rights",
        "short_title": "People affected are empowered to claim their rights",
        "translations": {
            "fr": {
                "title": (
                    "Les personnes touchées par l’esclavage ou vulnérables à celui-ci sont en "
                    "mesure de comprendre, de faire valoir et de revendiquer leurs droits"
                ),
                "short_title": "Les personnes touchées revendiquent leurs droits",
            }
        },
        "sub_objectives": [
            {
                "number": 1,
                "text": "People affected by and vulnerable to slavery have "
                "improved knowledge and understanding of the relevant "
                "legal framework, their rights, the corresponding "
                "responsibilities of relevant duty bearers, available "
                "mechanisms for support and redress, and the potential "
                "hazards of a range of livelihood options;",
                "short_title": "Knowledge of laws, rights, support and redress",
                "translations": {
                    "fr": {
                        "text": (
                            "Les personnes touchées par l’esclavage ou vulnérables à celui-ci "
                            "connaissent et comprennent mieux le cadre juridique applicable, leurs "
                            "droits, les responsabilités correspondantes des détenteurs "
                            "d’obligations, les mécanismes de soutien et de recours existants et "
                            "les risques des différents moyens de subsistance ;"
                        ),
                        "short_title": (
                            "Connaissance des lois, des droits, du soutien et des recours"
                        ),
                    }
                },
            },
            {
                "number": 2,
                "text": "People affected by and vulnerable to slavery have "
                "improved capacity and confidence to assert and claim "
                "their rights, participate in or lead collective "
                "representation, seek redress in the case of "
                "exploitation and make safer livelihoods choices.",
                "short_title": "Capacity and confidence to claim rights",
                "translations": {
                    "fr": {
                        "text": (
                            "Les personnes touchées par l’esclavage ou vulnérables à celui-ci ont "
                            "davantage de capacité et de confiance pour faire valoir et revendiquer"
                            " leurs droits, participer à une représentation collective ou la "
                            "diriger, demander réparation en cas d’exploitation et choisir des "
                            "moyens de subsistance plus sûrs."
                        ),
                        "short_title": "Capacité et confiance pour revendiquer ses droits",
                    }
                },
            },
        ],
    },
    {
        "number": 3,
        "title": "The social norms and attitudes that underpin and perpetuate slavery are rejected",
        "short_title": "Social norms that perpetuate slavery are rejected",
        "translations": {
            "fr": {
                "title": (
                    "Les normes sociales et les attitudes qui sous-tendent et perpétuent "
                    "l’esclavage sont rejetées"
                ),
                "short_title": "Les normes sociales qui perpétuent l’esclavage sont rejetées",
            }
        },
        "sub_objectives": [
            {
                "number": 1,
                "text": "Local partner organisations effectively challenge the "
                "social norms and attitudes that underpin and perpetuate "
                "slavery in their countries and regions;",
                "short_title": "Local partners challenge social norms",
                "translations": {
                    "fr": {
                        "text": (
                            "Les organisations partenaires locales remettent efficacement en cause "
                            "les normes sociales et les attitudes qui sous-tendent et perpétuent "
                            "l’esclavage dans leurs pays et leurs régions ;"
                        ),
                        "short_title": (
                            "Les partenaires locaux remettent en cause les normes sociales"
                        ),
                    }
                },
            },
            {
                "number": 2,
                "text": "Slavery eradication is recognised as an issue of "
                "political economy, requiring fundamental reform of "
                "trade and migration policy as well as the advancement "
                "of national and international rule of law;",
                "short_title": "Slavery as an issue of political economy",
                "translations": {
                    "fr": {
                        "text": (
                            "L’éradication de l’esclavage est reconnue comme une question "
                            "d’économie politique, qui exige une réforme profonde des politiques "
                            "commerciales et migratoires ainsi que le renforcement de l’État de "
                            "droit national et international ;"
                        ),
                        "short_title": "L’esclavage, une question d’économie politique",
                    }
                },
            },
            {
                "number": 3,
                "text": "The international community recognise child and early "
                "marriage as a form of slavery;",
                "short_title": "Child and early marriage recognised as slavery",
                "translations": {
                    "fr": {
                        "text": (
                            "La communauté internationale reconnaît le mariage d’enfants et le "
                            "mariage précoce comme une forme d’esclavage ;"
                        ),
                        "short_title": "Le mariage d’enfants reconnu comme une forme d’esclavage",
                    }
                },
            },
            {
                "number": 4,
                "text": "The international community recognise that "
                "discrimination, in particular caste discrimination and "
                "gender discrimination, are fundamental causes of "
                "slavery.",
                "short_title": "Caste and gender discrimination recognised as causes",
                "translations": {
                    "fr": {
                        "text": (
                            "La communauté internationale reconnaît que les discriminations, en "
                            "particulier celles fondées sur la caste et sur le genre, sont des "
                            "causes fondamentales de l’esclavage."
                        ),
                        "short_title": (
                            "Discriminations de caste et de genre reconnues comme causes"
                        ),
                    }
                },
            },
        ],
    },
]

STRATEGY_2015_2020 = {
    "name": "Strategy 2015–2020",
    "slug": "2015-2020",
    "first_year": 2015,
    "last_year": 2020,
    "target_country_count": 10,
    "vision": "A world free from slavery.",
    "mission": (
        "To work directly and indirectly with beneficiaries and stakeholders from a grassroots "
        "to an international level to eradicate slavery and its causes from the world."
    ),
    "priority": (
        "Significant progress towards slavery eradication in at least 10 countries by 2020: "
        "new national laws, policies or practices established, or existing ones effectively "
        "implemented, for the benefit of people affected by or vulnerable to slavery."
    ),
    "translations": {
        "fr": {
            "name": "Stratégie 2015–2020",
            "vision": "Un monde libéré de l’esclavage.",
            "mission": (
                "Travailler directement et indirectement avec les bénéficiaires et les parties "
                "prenantes, du niveau local au niveau international, pour éradiquer l’esclavage "
                "et ses causes dans le monde."
            ),
            "priority": (
                "Des progrès significatifs vers l’éradication de l’esclavage dans au moins 10 pays "
                "d’ici 2020 : de nouvelles lois, politiques ou pratiques nationales établies, ou "
                "des lois, politiques ou pratiques existantes effectivement mises en œuvre, au "
                "bénéfice des personnes touchées par l’esclavage ou vulnérables à celui-ci."
            ),
        }
    },
    "objectives": OBJECTIVES,
    # ISO 3166 code and programme theme of each target country.
    "target_countries": [
        ("MR", "Descent-based slavery; legal redress for survivors"),
        ("NE", "Descent-based slavery; community schools for former slaves"),
        ("ML", "Descent-based slavery"),
        ("SN", "Forced begging of talibé children"),
        ("IN", "Bonded labour in brick kilns"),
        ("NP", "Bonded labour; migrant domestic workers"),
        ("LB", "Migrant domestic workers; kafala reform"),
        ("UZ", "Forced labour in the cotton harvest"),
        ("TM", "Forced labour in the cotton harvest"),
        ("GB", "Modern Slavery Act 2015; business supply-chain transparency"),
    ],
}
