"""The 2015–2020 strategy as data: the objective and sub-objective texts are verbatim
from the organisation's published strategy; short titles are ours, for tables."""

OBJECTIVES = [
    {
        "number": 1,
        "title": "Duty bearers are responsive and accountable to the rights and needs of "
        "people affected by and vulnerable to slavery",
        "short_title": "Duty bearers are responsive and accountable",
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
            },
            {
                "number": 2,
                "text": "Businesses have adopted effective approaches towards "
                "eliminating forced and child labour in business "
                "operations and supply chains;",
                "short_title": "Businesses eliminate forced and child labour",
            },
            {
                "number": 3,
                "text": "Slavery and its causes are recognised internationally "
                "as a fundamental development issue.",
                "short_title": "Slavery recognised as a development issue",
            },
        ],
    },
    {
        "number": 2,
        "title": "People affected by and vulnerable to slavery are empowered to understand, "
        "assert and claim their rights",
        "short_title": "People affected are empowered to claim their rights",
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
            },
            {
                "number": 2,
                "text": "People affected by and vulnerable to slavery have "
                "improved capacity and confidence to assert and claim "
                "their rights, participate in or lead collective "
                "representation, seek redress in the case of "
                "exploitation and make safer livelihoods choices.",
                "short_title": "Capacity and confidence to claim rights",
            },
        ],
    },
    {
        "number": 3,
        "title": "The social norms and attitudes that underpin and perpetuate slavery are rejected",
        "short_title": "Social norms that perpetuate slavery are rejected",
        "sub_objectives": [
            {
                "number": 1,
                "text": "Local partner organisations effectively challenge the "
                "social norms and attitudes that underpin and perpetuate "
                "slavery in their countries and regions;",
                "short_title": "Local partners challenge social norms",
            },
            {
                "number": 2,
                "text": "Slavery eradication is recognised as an issue of "
                "political economy, requiring fundamental reform of "
                "trade and migration policy as well as the advancement "
                "of national and international rule of law;",
                "short_title": "Slavery as an issue of political economy",
            },
            {
                "number": 3,
                "text": "The international community recognise child and early "
                "marriage as a form of slavery;",
                "short_title": "Child and early marriage recognised as slavery",
            },
            {
                "number": 4,
                "text": "The international community recognise that "
                "discrimination, in particular caste discrimination and "
                "gender discrimination, are fundamental causes of "
                "slavery.",
                "short_title": "Caste and gender discrimination recognised as causes",
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
