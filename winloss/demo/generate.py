"""Generate the demo company's CRM export.

Writes ``data/salesforce_opportunities.csv``, an opportunity report of Brightline Analytics (a
fictional B2B SaaS company selling a revenue analytics platform) exported from Salesforce as
"Details Only" CSV in the en_US locale, and ``data/program.toml``, naming the company, its
competitors and the names reps use for them. The demo imports the CSV through the same importer
a user's file goes through, so the file looks like the real thing: every cell quoted, CRLF line
endings, a UTF-8 byte order mark, "USD 48,500.00" amounts, M/D/YYYY dates and the report footer.

Everything in it is made up: companies, people, ``.example`` e-mail domains and phone numbers from
ranges reserved for fiction (555-0100..0199 in North America, Ofcom's 020 7946 0xxx in London,
ACMA's 02 5550 xxxx in Sydney).

The output is deterministic: ``python -m winloss.demo.generate`` writes the same bytes every
time. Randomness comes from ``random.Random(seed).random()`` alone (normal draws, weighted picks
and shuffles are done here), so the bytes do not depend on how a Python version implements
``choices``, ``shuffle`` or ``gauss``.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

SEED = 20261138  # one of a few tried: at ~450 deals, the seed decides how clearly the trends show
TODAY = date(2026, 11, 24)  # the day the report was run
GENERATED_BY = "Dana Whitfield"  # sales ops, who ran the report
GENERATED_AT = "11/24/2026 9:14 AM"

DATA_DIR = Path(__file__).resolve().parent / "data"
CSV_PATH = DATA_DIR / "salesforce_opportunities.csv"
PROGRAM_PATH = DATA_DIR / "program.toml"

COMPANY = "Brightline Analytics"
COMPANY_ALIASES = ("Brightline", "BL")

COLUMNS = (
    "Opportunity ID",
    "Opportunity Name",
    "Account Name",
    "Industry",
    "Employees",
    "Region",
    "Product Line",
    "Type",
    "Stage",
    "Amount",
    "Probability (%)",
    "Close Date",
    "Created Date",
    "Opportunity Owner",
    "Loss Reason",
    "Next Step",
    "Competitor",
    "Primary Contact",
    "Contact Title",
    "Contact Email",
    "Contact Phone",
)

WON, LOST, NO_DECISION = "Closed Won", "Closed Lost", "Closed - No Decision"
OPEN_STAGES = ("Prospecting", "Qualification", "Needs Analysis", "Proposal/Price Quote", "Negotiation/Review")
STAGE_PROBABILITY = {
    "Prospecting": 10,
    "Qualification": 10,
    "Needs Analysis": 20,
    "Proposal/Price Quote": 75,
    "Negotiation/Review": 90,
    WON: 100,
    LOST: 0,
    NO_DECISION: 0,
}
# What reps type instead of the stage default when they "know better"
PROBABILITY_OVERRIDES = {
    "Prospecting": (5,),
    "Qualification": (20,),
    "Needs Analysis": (30, 40),
    "Proposal/Price Quote": (50, 60),
    "Negotiation/Review": (80, 95),
}

NEW_BUSINESS, EXISTING_BUSINESS = "New Business", "Existing Business"
PRODUCTS = ("Core Analytics", "Forecasting", "Data Platform")


# --------------------------------------------------------------------------- competitors

NORTHWIND, TESSERA, QUANTA, IN_HOUSE, NO_COMPETITOR = (
    "Northwind Systems",
    "Tessera",
    "QuantaCloud",
    "In-house build",
    "",
)


@dataclass(frozen=True)
class Competitor:
    name: str
    aliases: tuple[str, ...]  # what program.toml lists; matching is case-insensitive
    written: tuple[tuple[str, float], ...]  # how reps fill in the Competitor column, with weights
    in_notes: tuple[str, ...]  # how reps name them in Next Step


COMPETITORS = (
    Competitor(
        NORTHWIND,
        ("Northwind", "NW"),
        (("Northwind", 5), ("northwind systems", 2), ("Northwind Systems", 2), ("NW", 2), ("northwind", 1)),
        ("Northwind", "NW", "northwind", "Northwind"),
    ),
    Competitor(
        TESSERA,
        ("Tessera.io",),
        (("Tessera", 6), ("Tessera.io", 2), ("tessera", 1)),
        ("Tessera", "tessera", "Tessera"),
    ),
    Competitor(
        QUANTA,
        ("Quanta", "Quanta Cloud"),
        (("QuantaCloud", 3), ("Quanta", 3), ("Quanta Cloud", 2), ("quanta", 1)),
        ("Quanta", "QuantaCloud", "quanta"),
    ),
    Competitor(
        IN_HOUSE,
        ("In-house", "Excel / in-house", "Excel", "Homegrown"),
        (("Excel / in-house", 4), ("In-house build", 1), ("in-house", 1), ("Excel", 1), ("homegrown", 1)),
        ("their in-house build", "excel"),
    ),
)
COMPETITOR_BY_NAME = {c.name: c for c in COMPETITORS}
NO_COMPETITOR_WRITTEN = (("", 6), ("None", 4), ("none", 1), ("N/A", 1))

# Who shows up against us, by company size, for new business
COMPETITOR_MIX = {
    "1-200": ((NO_COMPETITOR, 28), (NORTHWIND, 40), (TESSERA, 14), (QUANTA, 5), (IN_HOUSE, 13)),
    "201-1000": ((NO_COMPETITOR, 18), (NORTHWIND, 30), (TESSERA, 32), (QUANTA, 10), (IN_HOUSE, 10)),
    "1001-5000": ((NO_COMPETITOR, 15), (NORTHWIND, 24), (TESSERA, 32), (QUANTA, 20), (IN_HOUSE, 9)),
    "5000+": ((NO_COMPETITOR, 14), (NORTHWIND, 14), (TESSERA, 14), (QUANTA, 42), (IN_HOUSE, 16)),
}


# --------------------------------------------------------------------------- sales team


@dataclass(frozen=True)
class Rep:
    name: str
    team: str
    win_adj: float  # how much better or worse than the average rep they close
    price_habit: float  # how often they pick "Price" as loss reason whatever really happened
    terse: float  # how often the Next Step on a lost deal is a throwaway ("n/a", "lost")
    sloppy: float  # how often they type in lower case or with typos
    starts: date | None = None  # hired during the period: earlier deals belong to someone else


REPS = (
    Rep("Jordan Whitaker", "North America", 0.10, 0.30, 0.10, 0.15),
    Rep("Priya Raghunathan", "North America", 0.04, 0.20, 0.05, 0.05),
    Rep("Marcus Oyelaran", "North America", -0.09, 0.60, 0.30, 0.35),
    Rep("Elena Castellanos", "North America", -0.02, 0.40, 0.15, 0.20, starts=date(2026, 1, 12)),
    Rep("Sophie Lindqvist", "EMEA", 0.06, 0.30, 0.10, 0.10),
    Rep("Tomasz Wierzbicki", "EMEA", -0.03, 0.50, 0.20, 0.30),
    Rep("Kenji Arakawa", "APAC", 0.00, 0.35, 0.15, 0.10),
    Rep("Camila Restrepo", "LATAM", -0.05, 0.45, 0.20, 0.30),
)
REP_BY_NAME = {r.name: r for r in REPS}
# EMEA is split by country
SOPHIE_COUNTRIES = ("UK", "IE", "NL", "SE", "DK", "NO")


# --------------------------------------------------------------------------- accounts

REGION_OF_COUNTRY = {
    "US": "North America",
    "CA": "North America",
    "UK": "EMEA",
    "IE": "EMEA",
    "DE": "EMEA",
    "CH": "EMEA",
    "FR": "EMEA",
    "NL": "EMEA",
    "SE": "EMEA",
    "DK": "EMEA",
    "NO": "EMEA",
    "ES": "EMEA",
    "PL": "EMEA",
    "CZ": "EMEA",
    "HU": "EMEA",
    "TR": "EMEA",
    "AU": "APAC",
    "SG": "APAC",
    "IN": "APAC",
    "JP": "APAC",
    "VN": "APAC",
    "BR": "LATAM",
    "MX": "LATAM",
    "CO": "LATAM",
    "CL": "LATAM",
}
# Generic (English-named) accounts: where they are
GENERIC_COUNTRIES = (
    ("US", 54),
    ("CA", 8),
    ("UK", 10),
    ("DE", 3),
    ("NL", 3),
    ("IE", 2),
    ("SE", 2),
    ("DK", 1),
    ("AU", 6),
    ("SG", 4),
    ("IN", 3),
    ("BR", 2),
    ("MX", 2),
)
EURO_COUNTRIES = ("IE", "DE", "CH", "FR", "NL", "ES")
LEGAL_SUFFIXES = {
    "US": (("", 4), (" Inc.", 4), (", Inc.", 2), (" LLC", 2), (" Corp.", 1), (" Co.", 1)),
    "CA": (("", 3), (" Inc.", 2), (" Ltd.", 2)),
    "UK": ((" Ltd", 4), (" Ltd.", 1), (" plc", 1), ("", 2)),
    "IE": ((" Ltd", 3), (" DAC", 1)),
    "DE": ((" GmbH", 4), (" AG", 1)),
    "NL": ((" B.V.", 1),),
    "SE": ((" AB", 1),),
    "DK": ((" A/S", 1),),
    "AU": ((" Pty Ltd", 3), ("", 1)),
    "SG": ((" Pte. Ltd.", 1),),
    "IN": ((" Pvt. Ltd.", 2), (" Ltd.", 1)),
    "BR": ((" Ltda.", 2), (" S.A.", 1)),
    "MX": ((" S.A. de C.V.", 1),),
}

INDUSTRIES = (
    ("Technology", 20),
    ("Manufacturing", 16),
    ("Financial Services", 14),
    ("Healthcare", 10),
    ("Logistics", 10),
    ("Retail", 9),
    ("Professional Services", 6),
    ("Energy & Utilities", 4),
    ("Media", 3),
    ("Telecommunications", 2),
    ("Education", 3),
    ("Public Sector", 3),
)
# "{}" is the invented place-like stem; the flag says whether a legal suffix ("Inc.") fits
NAME_PATTERNS = {
    "Technology": (
        ("{} Software", True),
        ("{} Systems", True),
        ("{} Labs", True),
        ("{} Networks", True),
        ("{} Technologies", True),
        ("{} Cloud", True),
        ("{} Data", True),
    ),
    "Manufacturing": (
        ("{} Manufacturing", True),
        ("{} Industries", True),
        ("{} Precision Components", True),
        ("{} Fabrication", True),
        ("{} Machine Works", True),
        ("{} Plastics", True),
        ("{} Packaging", True),
    ),
    "Financial Services": (
        ("{} Capital Partners", True),
        ("{} Financial Group", True),
        ("{} Credit Union", False),
        ("{} Insurance Group", True),
        ("{} Wealth Advisors", True),
        ("{} Mutual", False),
        ("{} Payments", True),
    ),
    "Healthcare": (
        ("{} Health System", False),
        ("{} Medical Group", True),
        ("{} Diagnostics", True),
        ("{} Clinical Labs", True),
        ("{} Care Partners", True),
        ("{} Orthopedics", True),
    ),
    "Logistics": (
        ("{} Freight Logistics", True),
        ("{} Logistics", True),
        ("{} Freight", True),
        ("{} Shipping", True),
        ("{} Transport Group", True),
        ("{} Cold Chain", True),
        ("{} Distribution", True),
    ),
    "Retail": (
        ("{} Outfitters", True),
        ("{} Home & Garden", True),
        ("{} Markets", True),
        ("{} Apparel", True),
        ("{} Supply Co.", False),
        ("{} Pet Supply", True),
    ),
    "Professional Services": (
        ("{} Consulting", True),
        ("{} Advisory Group", True),
        ("{} Staffing", True),
        ("{} Engineering Services", True),
    ),
    "Energy & Utilities": (("{} Energy", True), ("{} Renewables", True), ("{} Power & Light", True)),
    "Media": (("{} Media", True), ("{} Publishing", True), ("{} Studios", True)),
    "Telecommunications": (("{} Telecom", True), ("{} Communications", True), ("{} Fiber", True)),
    "Education": (
        ("{} University", False),
        ("{} Community College", False),
        ("{} College", False),
        ("{} Learning", True),
    ),
    "Public Sector": (
        ("City of {}", False),
        ("{} County", False),
        ("{} Transit Authority", False),
        ("{} Port Authority", False),
        ("{} Water District", False),
    ),
}
PUBLIC_COUNTRIES = ("US", "CA", "UK", "IE", "AU")  # where English-named public bodies make sense

STEM_HEADS = (
    "Ash", "Bram", "Brack", "Cald", "Carr", "Cors", "Dun", "Elm", "Fen", "Fox", "Glen", "Grey", "Hal",
    "Hazel", "Heath", "Kest", "Lark", "Lind", "Marr", "Mill", "Moor", "Oak", "Pem", "Quarr", "Raven",
    "Rook", "Sedge", "Tall", "Thorn", "Tide", "Wex", "Whit", "Willow", "Wren", "Yarr", "Brindle",
    "Copper", "Kettle", "Amber", "Bell", "Birch", "Cedar", "Cran", "Dray", "Hollin", "Alder",
    "Bracken", "Stour", "Tamar", "Orr",
)  # fmt: skip
STEM_TAILS = (
    "brook", "mere", "field", "gate", "ridge", "ford", "haven", "moor", "crest", "vale", "well",
    "combe", "wood", "ley", "bury", "holt", "wick", "stead", "dale", "hurst", "ton",
)  # fmt: skip
# Combinations that are (or sound like) well-known names: never used
STEM_EXCLUDED = (
    "Ashley", "Oakley", "Ashford", "Thornton", "Foxwood", "Oakridge", "Fenwick", "Elmhurst",
    "Cranbrook", "Whitley", "Lockwood", "Bellwood", "Oakwood", "Birchwood", "Copperfield",
    "Ashton", "Whitby", "Stourton", "Heathrow", "Greyhurst", "Kettleley", "Millbury",
)  # fmt: skip

BANDS = ("1-200", "201-1000", "1001-5000", "5000+")
BAND_WEIGHTS = (26, 33, 26, 15)
MID_MARKET = ("201-1000", "1001-5000")
# median USD, sigma of the log, floor, ceiling
AMOUNTS = {
    "1-200": (18000, 0.40, 8000, 40000),
    "201-1000": (42000, 0.40, 20000, 95000),
    "1001-5000": (85000, 0.40, 40000, 180000),
    "5000+": (165000, 0.45, 80000, 400000),
}
PRODUCT_AMOUNT = {"Core Analytics": 1.0, "Forecasting": 0.75, "Data Platform": 1.25}
PRODUCT_MIX = {
    "1-200": (("Core Analytics", 55), ("Forecasting", 35), ("Data Platform", 10)),
    "201-1000": (("Core Analytics", 50), ("Forecasting", 30), ("Data Platform", 20)),
    "1001-5000": (("Core Analytics", 45), ("Forecasting", 25), ("Data Platform", 30)),
    "5000+": (("Core Analytics", 40), ("Forecasting", 20), ("Data Platform", 40)),
}
FX_FROM_USD = {"USD": 1.0, "EUR": 0.92, "GBP": 0.79}
CURRENCY_SIGN = {"USD": "$", "EUR": "€", "GBP": "£"}
CYCLE_DAYS = {"1-200": 35, "201-1000": 60, "1001-5000": 95, "5000+": 150}  # median, created -> closed

# Accounts whose names a generic pattern cannot give: (name, short name, domain, industry, band, country)
INTERNATIONAL_ACCOUNTS = (
    ("Société Rhodanienne de Transport", "Société Rhodanienne", "rhodanienne-transport", "Logistics",
     "1001-5000", "FR"),
    ("Müller & Vogt Maschinenbau GmbH", "Müller & Vogt", "mueller-vogt", "Manufacturing", "201-1000", "DE"),
    ("Kräutergarten Versand GmbH", "Kräutergarten", "kraeutergarten", "Retail", "201-1000", "DE"),
    ("Clinique Saint-Aurèle", "Clinique Saint-Aurèle", "clinique-saint-aurele", "Healthcare", "201-1000",
     "FR"),
    ("Åkerlund Verktyg AB", "Åkerlund Verktyg", "akerlundverktyg", "Manufacturing", "201-1000", "SE"),
    ("Skovgård Logistik A/S", "Skovgård Logistik", "skovgaard", "Logistics", "1001-5000", "DK"),
    ("Zürcher Präzisionsoptik AG", "Zürcher Präzisionsoptik", "zpo-optik", "Manufacturing", "1001-5000",
     "CH"),
    ("Banque Coopérative du Léman", "Banque du Léman", "bcleman", "Financial Services", "1001-5000", "CH"),
    ("Østervang Energi AS", "Østervang Energi", "ostervang", "Energy & Utilities", "1001-5000", "NO"),
    ("Hernández y Peña Asesores S.L.", "Hernández y Peña", "hernandezpena", "Professional Services", "1-200",
     "ES"),
    ("Zakłady Mechaniczne Wiśniowa Sp. z o.o.", "ZM Wiśniowa", "zm-wisniowa", "Manufacturing", "1001-5000",
     "PL"),
    ("Kovács és Társa Kft.", "Kovács és Társa", "kovacstarsa", "Professional Services", "1-200", "HU"),
    ("Çınar Lojistik A.Ş.", "Çınar Lojistik", "cinarlojistik", "Logistics", "1001-5000", "TR"),
    ("Novotný Strojírny s.r.o.", "Novotný Strojírny", "novotny-strojirny", "Manufacturing", "201-1000", "CZ"),
    ("Hôpital Privé des Tilleuls", "Hôpital des Tilleuls", "hp-tilleuls", "Healthcare", "1001-5000", "FR"),
    ("Bäckerei Sonnenkorn GmbH", "Sonnenkorn", "sonnenkorn", "Retail", "1001-5000", "DE"),
    ("Fjordkyst Sjømat AS", "Fjordkyst Sjømat", "fjordkyst", "Manufacturing", "201-1000", "NO"),
    ("Rückversicherung Altmark AG", "Rück Altmark", "rueck-altmark", "Financial Services", "5000+", "DE"),
    ("Distribuidora Ferreira & Irmãos Ltda.", "Ferreira & Irmãos", "ferreirairmaos", "Retail", "201-1000",
     "BR"),
    ("Clínica Bem-Estar Paulista", "Bem-Estar Paulista", "bemestarpaulista", "Healthcare", "201-1000", "BR"),
    ("Sistemas Jacarandá Ltda.", "Sistemas Jacarandá", "jacaranda-sistemas", "Technology", "201-1000", "BR"),
    ("Transportes Águila Dorada S.A. de C.V.", "Águila Dorada", "aguiladorada", "Logistics", "1001-5000",
     "MX"),
    ("Agroindustrial Ñuble Sur S.A.", "Ñuble Sur", "nublesur", "Manufacturing", "1001-5000", "CL"),
    ("Financiera Cañaveral S.A.", "Financiera Cañaveral", "financieracanaveral", "Financial Services",
     "1001-5000", "CO"),
    ("Hoshizora Shōji K.K.", "Hoshizora Shōji", "hoshizora-shoji", "Retail", "1001-5000", "JP"),
    ("Kōrin Seiki Co., Ltd.", "Kōrin Seiki", "korin-seiki", "Manufacturing", "5000+", "JP"),
    ("Nguyễn Phát Logistics JSC", "Nguyễn Phát Logistics", "nguyenphat", "Logistics", "201-1000", "VN"),
    ("Boulangerie Côté & Fils", "Boulangerie Côté", "boulangeriecote", "Retail", "201-1000", "CA"),
    ("Café Solé Roasters", "Café Solé", "cafesole", "Retail", "1-200", "US"),
)  # fmt: skip
GENERIC_ACCOUNT_COUNT = 226

# --------------------------------------------------------------------------- people

_ANGLO = (
    (
        "Megan", "Derek", "Olivia", "Rahul", "Tanya", "Brian", "Keisha", "Aaron", "Lauren", "Victor",
        "Hannah", "Malik", "Rebecca", "Connor", "Jasmine", "Trevor", "Anita", "Gregory", "Nicole",
        "Samuel", "Leah", "Darnell", "Melissa", "Ethan", "Farah", "Colin", "Grace", "Luis", "Natalie",
        "Owen", "Rachel", "Sanjay", "Whitney", "Yusuf", "Amber", "Caleb", "Diana", "Felix", "Heather",
        "Isaac", "Monique", "Patrick", "Tessa", "Wesley", "Joanne", "Raymond", "Siobhan", "Adrian",
    ),
    (
        "Brennan", "Okafor", "Lindgren", "Patel", "Holloway", "Nakamura", "Fitzgerald", "Alvarez",
        "Dawson", "Kowalski", "Mercer", "Osei", "Pruitt", "Quinlan", "Reyes", "Sorensen", "Thibodeaux",
        "Vance", "Whitlock", "Abernathy", "Bautista", "Chen", "Donnelly", "Eklund", "Garrity", "Haddad",
        "Iverson", "Jablonski", "Kendrick", "Lam", "Mahoney", "Nguyen", "Oduya", "Pennington",
        "Rasmussen", "Sandoval", "Trask", "Underwood", "Villanueva", "Wexler", "Yeung", "Zielinski",
        "Achebe", "Brightwater", "Castillo", "Desrosiers", "Ferreira", "Gallagher", "Hargrove", "Ibarra",
    ),
)  # fmt: skip
PEOPLE = {
    "anglo": _ANGLO,
    "de": (
        ("Katrin", "Jonas", "Stefanie", "Matthias", "Anja", "Florian", "Jürgen", "Sabine", "Lukas", "Birgit"),
        ("Hoffmann", "Brückner", "Schäfer", "Krüger", "Vogel", "Lehmann", "Wenzel", "Köhler", "Seidel",
         "Haas"),
    ),
    "fr": (
        ("Camille", "Étienne", "Margaux", "Julien", "Hélène", "Thibault", "Céline", "Mathieu"),
        ("Lefèvre", "Rousseau", "Garnier", "Mercier", "Fontaine", "Chevalier", "Bérard", "Lemaître"),
    ),
    "nl": (
        ("Sanne", "Joost", "Femke", "Bram", "Marloes", "Thijs"),
        ("de Vries", "van Dijk", "Bakker", "Visser", "Jansen", "van der Meer"),
    ),
    "nordic": (
        ("Ingrid", "Mikkel", "Astrid", "Henrik", "Sigrid", "Lars", "Frida", "Anders"),
        ("Johansson", "Nørgaard", "Lindström", "Halvorsen", "Bergqvist", "Sørensen", "Åberg"),
    ),
    "es": (("Lucía", "Javier", "Marta", "Álvaro"), ("Romero", "Navarro", "Jiménez", "Ortega")),
    "pl": (("Agnieszka", "Piotr", "Magdalena", "Krzysztof"), ("Nowak", "Wójcik", "Kamiński", "Zając")),
    "cz": (("Tomáš", "Jana", "Ondřej", "Petra"), ("Dvořák", "Svoboda", "Procházka", "Černý")),
    "hu": (("Gábor", "Eszter", "Zoltán", "Réka"), ("Horváth", "Szabó", "Tóth", "Varga")),
    "tr": (("Elif", "Mehmet", "Zeynep", "Emre"), ("Yıldız", "Aydın", "Şahin", "Öztürk")),
    "in": (
        ("Ananya", "Vikram", "Deepa", "Arjun", "Kavita", "Rohan", "Meera", "Siddharth"),
        ("Iyer", "Menon", "Kulkarni", "Bhatt", "Reddy", "Chatterjee", "Nair", "Desai"),
    ),
    "jp": (("Yuki", "Haruto", "Aiko", "Takeshi", "Mei", "Ryo"), ("Tanaka", "Sakamoto", "Fujiwara", "Morita")),
    "sg": (("Wei Ling", "Jun Hao", "Hui Min", "Darren", "Kavitha"), ("Tan", "Lim", "Ong", "Goh", "Teo")),
    "vn": (("Linh", "Minh", "Thảo", "Quang"), ("Trần", "Phạm", "Lê", "Võ")),
    "br": (
        ("Beatriz", "João", "Larissa", "Rafael", "Fernanda", "Thiago"),
        ("Gonçalves", "Araújo", "Ribeiro", "Carvalho", "Moreira", "Azevedo"),
    ),
    "latam": (
        ("Alejandra", "Diego", "Mariana", "Andrés", "Ximena", "Rodrigo", "Valentina", "Sebastián"),
        ("Hernández", "Gutiérrez", "Ramírez", "Castañeda", "Villaseñor", "Muñoz", "Zúñiga", "Rojas"),
    ),
}
PEOPLE_OF_COUNTRY = {
    "US": "anglo", "CA": "anglo", "UK": "anglo", "IE": "anglo", "AU": "anglo",
    "DE": "de", "CH": "de", "FR": "fr", "NL": "nl", "SE": "nordic", "DK": "nordic", "NO": "nordic",
    "ES": "es", "PL": "pl", "CZ": "cz", "HU": "hu", "TR": "tr",
    "IN": "in", "JP": "jp", "SG": "sg", "VN": "vn", "BR": "br", "MX": "latam", "CO": "latam", "CL": "latam",
}  # fmt: skip

TITLES = {
    "1-200": ("CEO", "Co-Founder & CEO", "COO", "VP Sales", "Head of Sales", "Head of Finance", "Controller"),
    "201-1000": (
        "CFO", "VP Finance", "VP Sales", "Head of RevOps", "Director of Sales Operations",
        "Director of Finance", "COO", "Controller",
    ),
    "1001-5000": (
        "CFO", "VP Finance", "VP Revenue Operations", "Head of RevOps", "Director of Sales Operations",
        "Director, FP&A", "IT Director", "CRO",
    ),
    "5000+": (
        "CFO", "SVP Finance", "VP Revenue Operations", "Director of Sales Operations", "Director, FP&A",
        "IT Director", "VP, Sales Strategy & Operations", "Head of Commercial Excellence", "CIO",
    ),
}  # fmt: skip
PUBLIC_TITLES = ("Director of Finance", "CFO", "Budget Director", "IT Director", "Controller", "CIO")

US_AREA_CODES = ("212", "312", "415", "617", "512", "206", "303", "404", "214", "646", "773", "858", "919")
CA_AREA_CODES = ("416", "604", "514", "403")


# --------------------------------------------------------------------------- what reps write

LOSS_REASONS = (
    "Price",
    "Price - too expensive",
    "Lost to Competitor",
    "No Decision / Status Quo",
    "Product - Missing Feature",
    "Timing",
    "Other",
)
# What really happened on a lost deal, by the competitor we lost to
LOSS_TRUTH = {
    NORTHWIND: (("price", 42), ("feature", 10), ("champion", 8), ("relationship", 8), ("implementation", 10),
                ("ghosted", 6), ("timing", 6), ("security", 4)),
    TESSERA: (("feature", 34), ("price", 14), ("implementation", 10), ("champion", 8), ("relationship", 12),
              ("ghosted", 6), ("timing", 8), ("security", 6)),
    QUANTA: (("relationship", 30), ("security", 14), ("price", 14), ("feature", 16), ("champion", 8),
             ("timing", 8), ("implementation", 6), ("ghosted", 4)),
    IN_HOUSE: (("status_quo", 38), ("price", 18), ("implementation", 16), ("timing", 10), ("champion", 8),
               ("ghosted", 6), ("feature", 4)),
    NO_COMPETITOR: (("price", 20), ("timing", 18), ("champion", 14), ("ghosted", 14), ("feature", 14),
                    ("security", 8), ("implementation", 8), ("status_quo", 4)),
}  # fmt: skip
NO_DECISION_TRUTH = (("status_quo", 30), ("timing", 25), ("ghosted", 20), ("champion", 15), ("security", 10))
# The picklist value a careful rep would choose for what happened
PICKLIST_FOR_TRUTH = {
    "price": (("Price", 6), ("Price - too expensive", 3), ("Lost to Competitor", 2)),
    "feature": (("Product - Missing Feature", 6), ("Lost to Competitor", 3), ("Other", 1)),
    "champion": (("Other", 4), ("Timing", 3), ("No Decision / Status Quo", 3)),
    "security": (("Other", 5), ("Timing", 3), ("Product - Missing Feature", 2)),
    "relationship": (("Lost to Competitor", 8), ("Other", 2)),
    "timing": (("Timing", 8), ("No Decision / Status Quo", 2)),
    "ghosted": (("No Decision / Status Quo", 5), ("Other", 3), ("Timing", 2)),
    "implementation": (("Other", 4), ("Timing", 3), ("Product - Missing Feature", 3)),
    "status_quo": (("No Decision / Status Quo", 8), ("Other", 2)),
}
# {c}: a competitor as reps name it, {budget} / {amount}: money as reps write it
LOSS_NOTES = {
    "price": (
        "lost on price again", "they went w/ {c}, cheaper", "{c} came in ~30% under us", "pricing",
        "too expensive per their CFO", "budget was {budget}, we were at {amount}",
        "{c} undercut us. couldnt get the discount approved", "BL too pricey vs {c}",
        "lost to {c} on price", "went with the cheaper option", "price. procurement wanted 40% off",
    ),
    "feature": (
        "{c} has native pipeline inspection, we dont", "missing multi-currency forecasting",
        "needed ERP connector, not on roadmap until 2027", "{c} demo was stronger on forecasting",
        "no SCIM provisioning on our Growth tier", "wanted usage-based forecasting - we cant do it",
        "product gap: scenario planning", "went w/ {c} - better forecasting module",
        "lost on features to {c}", "reporting too rigid for their finance team",
    ),
    "champion": (
        "champion left, deal died", "our champ left the company", "new CFO came in and killed it",
        "sponsor moved to another role, nobody picked it up", "reorg - lost our champion",
        "champion laid off, no one else engaged",
    ),
    "security": (
        "security review stalled", "infosec wanted EU data residency",
        "stuck in security questionnaire 2+ months", "IT blocked it, wanted on-prem",
        "failed vendor risk review",
    ),
    "relationship": (
        "{c} bundled it into their existing contract", "incumbent relationship w/ {c}",
        "they already use {c} for BI, stayed with them", "exec relationship at {c}, never had a chance",
        "column fodder, {c} was picked before we showed up",
    ),
    "timing": (
        "budget frozen until next FY", "pushed to next year, revisit Q2", "timing - hiring freeze",
        "project deprioritized", "budget cut, maybe next yr",
    ),
    "ghosted": (
        "ghosted after demo", "went dark after proposal", "no response since pricing call", "ghosted",
        "unresponsive, closing out",
    ),
    "implementation": (
        "worried about implementation effort", "no bandwidth to implement this yr",
        "their data team too small to onboard", "impl timeline too long for them",
        "scared of the data migration",
    ),
    "status_quo": (
        "staying on spreadsheets", "decided to keep their excel model",
        "building in-house w/ their data team", "status quo", "no decision - keeping current process",
    ),
}  # fmt: skip
THROWAWAY_NOTES = (
    "n/a", "lost", "closed lost", "-", "see notes", "dead", "N/A", "pricing", "no", "lost deal",
)  # fmt: skip
STALE_NOTES = ("Send revised quote", "f/u w/ CFO", "Follow up next week", "Waiting on legal", "Schedule demo")
WON_NOTES = (
    "Signed!", "PO received, handoff to CS", "kickoff {d}", "DocuSign complete",
    "closed - intro to onboarding team", "beat {c} on forecasting",
    "won vs {c}, they liked the data platform", "signed 3yr", "closed won - see contract", "2 yr ramp deal",
)  # fmt: skip
OPEN_NOTES = {
    "Prospecting": (
        "Intro call {d}", "Reach out to VP Finance", "Send case study", "Book discovery call",
        "LinkedIn msg sent, waiting", "Cold - follow up {d}", "",
    ),
    "Qualification": (
        "Discovery call {d}", "Qualify budget + timeline", "Confirm decision process",
        "Intro to their RevOps lead", "Discovery call #2 {d}", "",
    ),
    "Needs Analysis": (
        "Demo w/ CFO {d}", "Tailored demo {d}", "Get data sample for POC", "Map their forecast process",
        "POC kickoff {d}", "Workshop w/ finance team {d}",
    ),
    "Proposal/Price Quote": (
        "Send revised quote", "Pricing call {d}", "Proposal review w/ CFO {d}", "Send proposal by {d}",
        "Revise quote - they want 3yr option", "Waiting on feedback to proposal",
        "Security questionnaire due {d}",
    ),
    "Negotiation/Review": (
        "Legal redlines w/ their counsel", "Waiting on PO", "Procurement review",
        "Send order form for signature",
        "MSA redlines back to them {d}", "Final pricing approval from VP Sales", "Verbal yes, paperwork {d}",
        "Security review - due {d}",
    ),
}  # fmt: skip
OVERDUE_NOTES = (
    "Chase - no reply since {p}", "pushed - waiting on budget", "need to update close date",
    "waiting on legal", "follow up", "stalled, chasing", "Chase - no reply since {p}",
)  # fmt: skip
COMMON_TYPOS = {
    "received": "recieved",
    "budget": "buget",
    "because": "becuase",
    "competitor": "compeitor",
    "proposal": "propsal",
    "decision": "decison",
    "security": "secuirty",
    "the": "teh",
    "their": "thier",
    "forecasting": "forcasting",
}

NEW_NAMES = {
    "Core Analytics": ("Core Analytics", "Revenue Analytics", "Analytics Platform", "New Logo", "Platform",
                       "RevOps Analytics"),
    "Forecasting": ("Forecasting", "Forecasting Pilot", "Sales Forecasting", "Forecast Accuracy Project"),
    "Data Platform": ("Data Platform", "Data Platform Rollout", "Revenue Data Platform"),
}  # fmt: skip
EXPANSION_NAMES = {
    "Core Analytics": ("Platform Expansion", "Seat Expansion", "Additional Business Unit",
                       "Upgrade to Enterprise Tier", "Renewal + Upsell"),
    "Forecasting": ("Forecasting Add-on", "Forecasting Expansion", "Forecasting Upsell"),
    "Data Platform": ("Data Platform Upsell", "Data Platform Add-on", "Warehouse Sync Add-on"),
}  # fmt: skip


# --------------------------------------------------------------------------- the pipeline's shape

# Closed deals per month of the past five quarters (quarter ends are busy)
CLOSED_PER_MONTH = (
    (2025, 7, 16), (2025, 8, 18), (2025, 9, 25),
    (2025, 10, 19), (2025, 11, 20), (2025, 12, 32),
    (2026, 1, 15), (2026, 2, 18), (2026, 3, 28),
    (2026, 4, 18), (2026, 5, 20), (2026, 6, 28),
    (2026, 7, 17), (2026, 8, 20), (2026, 9, 30),
)  # fmt: skip
# The current quarter so far, and what is still open: (first day, last day, how many)
CLOSED_THIS_QUARTER = (
    (date(2026, 10, 1), date(2026, 10, 26), 13),
    (date(2026, 10, 27), date(2026, 11, 17), 27),  # 7 to 28 days ago: the interview queue
    (date(2026, 11, 18), date(2026, 11, 23), 6),
)
OPEN_CLOSE_DATES = (
    (date(2026, 10, 1), date(2026, 11, 23), 10),  # overdue: nobody updated the close date
    (date(2026, 11, 24), date(2026, 11, 30), 14),
    (date(2026, 12, 1), date(2026, 12, 31), 58),
)


# --------------------------------------------------------------------------- randomness


class Dice:
    """Seeded randomness built on ``random()`` alone, so every Python gives the same draws."""

    def __init__(self, seed: str):
        self._random = random.Random(seed)

    def random(self) -> float:
        return self._random.random()

    def chance(self, p: float) -> bool:
        return self._random.random() < p

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self._random.random() * len(items))]

    def weighted(self, pairs: Sequence[tuple[T, float]]) -> T:
        x = self._random.random() * sum(w for _, w in pairs)
        for item, weight in pairs:
            x -= weight
            if x < 0:
                return item
        return pairs[-1][0]

    def quota(self, pairs: Sequence[tuple[T, float]], n: int) -> list[T]:
        """`n` items in the proportions of their weights (not just on average), in random order."""
        total = sum(w for _, w in pairs)
        items: list[T] = []
        for item, weight in pairs:
            items += [item] * round(n * weight / total)
        while len(items) < n:
            items.append(self.weighted(pairs))
        items = items[:n]
        self.shuffle(items)
        return items

    def between(self, lo: int, hi: int) -> int:
        return lo + int(self._random.random() * (hi - lo + 1))

    def normal(self) -> float:
        u1 = 1.0 - self._random.random()
        u2 = self._random.random()
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)

    def lognormal(self, median: float, sigma: float) -> float:
        return median * math.exp(sigma * self.normal())

    def shuffle(self, items: list[T]) -> None:
        for i in range(len(items) - 1, 0, -1):
            j = int(self._random.random() * (i + 1))
            items[i], items[j] = items[j], items[i]


# --------------------------------------------------------------------------- model


@dataclass
class Contact:
    name: str
    title: str
    email: str
    phone: str


@dataclass
class Account:
    name: str
    short: str
    domain: str
    industry: str
    band: str
    country: str
    currency: str
    owner: str
    previous_owner: str  # owned the account before a new hire took the territory
    email_format: str
    customer_before: bool  # bought before the report's period: expansions from day one
    weight: float  # how likely to have several deals
    contacts: list[Contact] = field(default_factory=list)
    won: list[date] = field(default_factory=list)

    @property
    def region(self) -> str:
        return REGION_OF_COUNTRY[self.country]


@dataclass
class Deal:
    account: Account
    close: date
    is_open: bool
    created: date = TODAY
    owner: str = ""
    deal_type: str = NEW_BUSINESS
    product: str = "Core Analytics"
    competitor: str = NO_COMPETITOR
    second_competitor: str = NO_COMPETITOR
    stage: str = ""
    probability: int = 0
    currency: str = "USD"
    amount: int | None = None
    truth: str = ""
    loss_reason: str = ""
    next_step: str = ""
    competitor_cell: str = ""
    contact: Contact | None = None
    name: str = ""
    crm_id: str = ""


def fold(text: str) -> str:
    """Lower-case ASCII letters and digits only, as people spell names in e-mail addresses."""
    special = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ø": "o", "å": "aa", "æ": "ae", "ł": "l",
               "ı": "i", "đ": "d", "œ": "oe"}  # fmt: skip
    text = "".join(special.get(ch, ch) for ch in text.lower())
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if ch.isascii() and ch.isalnum())


def quarter_index(day: date) -> int:
    """0 for Q3 2025 (the first quarter of the report) to 5 for Q4 2026."""
    return (day.year - 2025) * 4 + (day.month - 1) // 3 - 2


def quarter_label(day: date) -> str:
    return f"Q{(day.month - 1) // 3 + 1} {day.year}"


def mdy(day: date) -> str:
    return f"{day.month}/{day.day}/{day.year}"


def md(day: date) -> str:
    return f"{day.month}/{day.day}"


def weekday_on_or_before(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def weekday_on_or_after(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def month_end(day: date) -> date:
    nxt = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def close_day_weight(day: date, is_open: bool) -> float:
    """Deals close on weekdays, more at month end and most at quarter end; open deals carry
    placeholder close dates (the 15th, the last day of the month)."""
    if day.weekday() >= 5:
        weight = 0.1
    else:
        weight = 1.0
    last = month_end(day)
    quarter_end = day.month in (3, 6, 9, 12)
    if (last - day).days <= 4:
        weight *= 2.5
    if quarter_end and (last - day).days <= 2:
        weight *= 2.0
    if is_open and (day == last or day.day == 15):
        weight *= 4.0
    return weight


# --------------------------------------------------------------------------- building


def build_accounts(dice: Dice) -> list[Account]:
    stems = [
        head + tail
        for head in STEM_HEADS
        for tail in STEM_TAILS
        if head[-1] != tail[0] and tail not in head.lower() and head + tail not in STEM_EXCLUDED
    ]
    dice.shuffle(stems)
    n = GENERIC_ACCOUNT_COUNT
    countries = dice.quota(GENERIC_COUNTRIES, n)
    industries = dice.quota(INDUSTRIES, n)
    bands = dice.quota(tuple(zip(BANDS, BAND_WEIGHTS, strict=True)), n)
    accounts: list[Account] = []
    for stem, country, industry, band in zip(stems[:n], countries, industries, bands, strict=True):
        while industry in ("Education", "Public Sector") and country not in PUBLIC_COUNTRIES:
            industry = dice.weighted(INDUSTRIES)
        pattern, legal_ok = dice.pick(NAME_PATTERNS[industry])
        short = pattern.format(stem)
        name = short + (dice.weighted(LEGAL_SUFFIXES[country]) if legal_ok else "")
        words = [fold(w) for w in short.replace("&", " ").split()]
        domain = "".join(w for w in words if w)
        if len(domain) > 22:
            domain = "".join(words[:2]) if words[0] not in ("city",) else "".join(words[:3])
        if industry in ("Education", "Public Sector", "Energy & Utilities") and band == "1-200":
            band = "1001-5000"
        accounts.append(new_account(dice, name, short, domain, industry, band, country))
    for name, short, domain, industry, band, country in INTERNATIONAL_ACCOUNTS:
        accounts.append(new_account(dice, name, short, domain, industry, band, country))
    return accounts


def new_account(
    dice: Dice, name: str, short: str, domain: str, industry: str, band: str, country: str
) -> Account:
    region = REGION_OF_COUNTRY[country]
    if region == "North America":
        owner = dice.weighted((("Jordan Whitaker", 3), ("Priya Raghunathan", 3), ("Marcus Oyelaran", 3),
                               ("Elena Castellanos", 2)))  # fmt: skip
        previous = owner
        if owner == "Elena Castellanos":
            previous = dice.pick(("Jordan Whitaker", "Priya Raghunathan", "Marcus Oyelaran"))
    elif region == "EMEA":
        owner = previous = "Sophie Lindqvist" if country in SOPHIE_COUNTRIES else "Tomasz Wierzbicki"
    elif region == "APAC":
        owner = previous = "Kenji Arakawa"
    else:
        owner = previous = "Camila Restrepo"
    if country == "UK":
        currency = "GBP" if dice.chance(0.7) else "USD"
    elif country in EURO_COUNTRIES:
        currency = "EUR" if dice.chance(0.75) else "USD"
    else:
        currency = "USD"
    formats = [("first.last", 55), ("flast", 20), ("firstl", 5), ("first_last", 5)]
    if band == "1-200":
        formats.append(("first", 15))
    return Account(
        name=name,
        short=short,
        domain=domain + ".example",
        industry=industry,
        band=band,
        country=country,
        currency=currency,
        owner=owner,
        previous_owner=previous,
        email_format=dice.weighted(formats),
        customer_before=dice.chance(0.16),
        weight={"1-200": 0.5, "201-1000": 1.0, "1001-5000": 1.8, "5000+": 2.8}[band],
    )


def phone_for(dice: Dice, country: str) -> str:
    last = dice.between(0, 99)
    if country in ("US", "CA"):
        area = dice.pick(US_AREA_CODES if country == "US" else CA_AREA_CODES)
        style = dice.weighted(
            (("+1 {a} 555 01{n:02d}", 5), ("({a}) 555-01{n:02d}", 3), ("{a}-555-01{n:02d}", 2))
        )
        return style.format(a=area, n=last)
    if country == "UK":
        style = dice.weighted((("+44 20 7946 0{n:03d}", 3), ("020 7946 0{n:03d}", 1)))
        return style.format(n=dice.between(0, 999))
    if country == "AU":
        return f"+61 2 5550 {dice.between(0, 9999):04d}"
    if REGION_OF_COUNTRY[country] == "EMEA" and dice.chance(0.35):
        return f"+44 20 7946 0{dice.between(0, 999):03d}"  # the London office
    if REGION_OF_COUNTRY[country] != "EMEA" and dice.chance(0.3):
        return f"+1 305 555 01{last:02d}"  # the US office
    return ""


def contact_for(dice: Dice, account: Account) -> Contact:
    """The deal's buyer: usually the account's usual contact, sometimes someone new."""
    if account.contacts and (len(account.contacts) >= 3 or dice.chance(0.7)):
        return account.contacts[0] if dice.chance(0.7) else dice.pick(account.contacts)
    firsts, lasts = PEOPLE[PEOPLE_OF_COUNTRY[account.country]]
    taken = {c.title for c in account.contacts}
    titles = PUBLIC_TITLES if account.industry in ("Public Sector", "Education") else TITLES[account.band]
    title = dice.pick(titles)
    while title in taken:
        title = dice.pick(titles)
    first, last = dice.pick(firsts), dice.pick(lasts)
    f, la = fold(first), fold(last)
    local = {
        "first.last": f"{f}.{la}",
        "flast": f"{f[0]}{la}",
        "firstl": f"{f}{la[0]}",
        "first_last": f"{f}_{la}",
        "first": f,
    }[account.email_format]
    phone = phone_for(dice, account.country) if dice.chance(0.8) else ""
    contact = Contact(f"{first} {last}", title, f"{local}@{account.domain}", phone)
    account.contacts.append(contact)
    return contact


def schedule(dice: Dice) -> list[tuple[date, bool]]:
    """Close dates for every deal, and whether it is still open."""

    def draw(first: date, last: date, count: int, is_open: bool) -> list[tuple[date, bool]]:
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        weights = [(d, close_day_weight(d, is_open)) for d in days]
        return [(dice.weighted(weights), is_open) for _ in range(count)]

    slots: list[tuple[date, bool]] = []
    for year, month, count in CLOSED_PER_MONTH:
        first = date(year, month, 1)
        slots += draw(first, month_end(first), count, False)
    for first, last, count in CLOSED_THIS_QUARTER:
        slots += draw(first, last, count, False)
    for first, last, count in OPEN_CLOSE_DATES:
        slots += draw(first, last, count, True)
    return sorted(slots)


def win_probability(deal: Deal, rep: Rep) -> float:
    band, q = deal.account.band, quarter_index(deal.close)
    p = {"1-200": 0.37, "201-1000": 0.35, "1001-5000": 0.33, "5000+": 0.28}[band] + rep.win_adj
    p += {NO_COMPETITOR: 0.04, NORTHWIND: -0.04, TESSERA: 0.0, QUANTA: -0.06, IN_HOUSE: 0.02}[deal.competitor]
    if deal.competitor == NORTHWIND and band == "1-200":
        p -= 0.08  # Northwind is cheap, and small companies buy cheap
    if deal.competitor == TESSERA and band in MID_MARKET:
        p += (0.14, 0.12, -0.08, -0.18, -0.24, -0.26)[q]  # Tessera's 2026 mid-market push
    if band == "5000+":
        p += (-0.10, -0.06, 0.0, 0.07, 0.13, 0.16)[q]  # the enterprise tier landing
    if deal.deal_type == EXISTING_BUSINESS:
        p += 0.22
    p += {"Core Analytics": 0.0, "Forecasting": 0.03, "Data Platform": -0.04}[deal.product]
    return min(0.85, max(0.05, p))


def money_words(amount_usd: float, currency: str) -> str:
    local = amount_usd * FX_FROM_USD[currency]
    return f"{CURRENCY_SIGN[currency]}{max(1, round(local / 1000))}k"


def scruff(dice: Dice, text: str, rep: Rep) -> str:
    """The way a rep in a hurry types."""
    if not text:
        return text
    if dice.chance(rep.sloppy * 0.6):
        text = text.lower()
    if dice.chance(rep.sloppy):
        words = text.split(" ")
        common = [i for i, w in enumerate(words) if w.lower() in COMMON_TYPOS]
        if common and dice.chance(0.6):
            i = dice.pick(common)
            words[i] = COMMON_TYPOS[words[i].lower()]
        else:
            long_words = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
            if long_words:
                i = dice.pick(long_words)
                w = words[i]
                k = dice.between(1, len(w) - 2)
                kind = dice.pick(("swap", "drop", "double"))
                if kind == "swap":
                    w = w[:k] + w[k + 1] + w[k] + w[k + 2 :]
                elif kind == "drop":
                    w = w[:k] + w[k + 1 :]
                else:
                    w = w[:k] + w[k] + w[k:]
                words[i] = w
        text = " ".join(words)
    if dice.chance(0.08):
        text += dice.pick(("..", "...", "!!", " ", "?"))
    return text


def competitor_in_notes(dice: Dice, competitor: str) -> str:
    if competitor in COMPETITOR_BY_NAME and competitor != IN_HOUSE:
        return dice.pick(COMPETITOR_BY_NAME[competitor].in_notes)
    return dice.pick(("Northwind", "Tessera", "NW", "Quanta"))  # the rep knows, the column does not say


def write_competitor_cell(dice: Dice, deal: Deal) -> str:
    if deal.competitor == NO_COMPETITOR:
        return dice.weighted(NO_COMPETITOR_WRITTEN)
    if dice.chance(0.12):
        return ""  # known, but nobody filled it in
    cell = dice.weighted(COMPETITOR_BY_NAME[deal.competitor].written)
    if deal.second_competitor:
        second = dice.weighted(COMPETITOR_BY_NAME[deal.second_competitor].written)
        cell += dice.weighted(((", ", 3), ("; ", 1), (",", 1))) + second
    return cell


def choose_competitor(dice: Dice, deal: Deal) -> None:
    band = deal.account.band
    mix = list(COMPETITOR_MIX[band])
    if deal.account.region == "EMEA":
        mix = [(c, w * (1.5 if c == TESSERA else 1.0)) for c, w in mix]
    if deal.close.year == 2026 and band in MID_MARKET:
        mix = [(c, w * (1.4 if c == TESSERA else 1.0)) for c, w in mix]  # Tessera's mid-market push
    if deal.deal_type == EXISTING_BUSINESS and dice.chance(0.6):
        deal.competitor = NO_COMPETITOR
    else:
        deal.competitor = dice.weighted(mix)
    if deal.competitor in (NORTHWIND, TESSERA, QUANTA) and dice.chance(0.07):
        others = [c for c in (NORTHWIND, TESSERA, QUANTA) if c != deal.competitor]
        deal.second_competitor = dice.pick(others)


def decide_amount(dice: Dice, deal: Deal) -> None:
    median, sigma, lo, hi = AMOUNTS[deal.account.band]
    center = median * PRODUCT_AMOUNT[deal.product]
    if deal.deal_type == EXISTING_BUSINESS:
        center *= 0.65
    if deal.stage == WON:
        center *= 0.93  # the discount that got it over the line
    if deal.truth == "price":
        center *= 1.12
    usd = dice.lognormal(center, sigma)
    for _ in range(20):  # a truncated lognormal: draw again what falls outside the segment's range
        if lo <= usd <= hi:
            break
        usd = dice.lognormal(center, sigma)
    usd = min(hi, max(lo, usd))
    local = usd * FX_FROM_USD[deal.currency]
    style = dice.weighted((("500", 55), ("1000", 25), ("5000", 10), ("seats", 10)))
    if style == "seats":
        monthly = dice.pick((45, 59, 65, 79, 95, 120, 149))
        seats = max(5, round(local / (monthly * 12)))
        amount = seats * monthly * 12
    else:
        step = int(style) if local > 5 * int(style) else 500
        amount = int(round(local / step)) * step
    deal.amount = amount


def open_stage(dice: Dice, deal: Deal) -> str:
    days = (deal.close - TODAY).days
    if days < 0:
        weights = (1, 2, 3, 4, 3)
    elif days <= 14:
        weights = (1, 2, 3, 5, 6)
    elif days <= 31:
        weights = (2, 4, 5, 5, 3)
    else:
        weights = (6, 7, 6, 4, 2)
    return dice.weighted(tuple(zip(OPEN_STAGES, weights, strict=True)))


def future_weekday(dice: Dice, deal: Deal) -> date:
    latest = max(deal.close, TODAY + timedelta(days=5))
    latest = min(latest, TODAY + timedelta(days=30))
    return weekday_on_or_after(TODAY + timedelta(days=dice.between(1, (latest - TODAY).days)))


def fill_in(dice: Dice, deal: Deal, rep: Rep) -> None:
    """Loss reason, Next Step and the Competitor cell, the way this rep fills them in."""
    comp_name = competitor_in_notes(dice, deal.competitor)
    median = AMOUNTS[deal.account.band][0]
    if deal.stage in (LOST, NO_DECISION):
        nd = deal.stage == NO_DECISION
        if deal.truth != "price" and dice.chance(rep.price_habit * (0.5 if nd else 1.0)):
            deal.loss_reason = dice.weighted((("Price", 5), ("Price - too expensive", 1)))
        else:
            deal.loss_reason = dice.weighted(PICKLIST_FOR_TRUTH[deal.truth])
        if nd and deal.loss_reason == "Lost to Competitor":
            deal.loss_reason = "No Decision / Status Quo"
        if not nd and deal.loss_reason == "No Decision / Status Quo":
            # Importers read that reason on a lost deal as no decision; here a no-decision deal is
            # exactly one with the stage "Closed - No Decision", so lost deals get another value.
            lost_to_something = deal.truth == "status_quo" and deal.competitor != NO_COMPETITOR
            deal.loss_reason = "Lost to Competitor" if lost_to_something else "Other"
        if dice.chance(0.04):
            deal.loss_reason = ""
        roll = dice.random()
        if roll < rep.terse:
            note = dice.pick(THROWAWAY_NOTES)
        elif roll < rep.terse + 0.08:
            note = dice.pick(STALE_NOTES)
        elif roll < rep.terse + 0.12:
            note = ""
        else:
            templates = LOSS_NOTES[deal.truth]
            if deal.competitor in (NO_COMPETITOR, IN_HOUSE) and dice.chance(0.85):
                templates = tuple(t for t in templates if "{c}" not in t) or templates
            note = dice.pick(templates)
        budget = money_words(median * 0.5, deal.currency)
        amount = money_words((deal.amount or median) / FX_FROM_USD[deal.currency], deal.currency)
        deal.next_step = scruff(dice, note.format(c=comp_name, budget=budget, amount=amount), rep)
    elif deal.stage == WON:
        if dice.chance(0.72):
            deal.next_step = ""
        else:
            templates = WON_NOTES
            if deal.competitor not in (NORTHWIND, TESSERA, QUANTA):
                templates = tuple(t for t in templates if "{c}" not in t)
            kickoff = weekday_on_or_after(deal.close + timedelta(days=dice.between(7, 21)))
            deal.next_step = scruff(dice, dice.pick(templates).format(c=comp_name, d=md(kickoff)), rep)
    else:
        if deal.close < TODAY and dice.chance(0.7):
            past = weekday_on_or_before(TODAY - timedelta(days=dice.between(10, 40)))
            note = dice.pick(OVERDUE_NOTES).format(p=md(past))
        else:
            note = dice.pick(OPEN_NOTES[deal.stage]).format(d=md(future_weekday(dice, deal)))
        deal.next_step = scruff(dice, note, rep) if dice.chance(0.5) else note
    deal.competitor_cell = write_competitor_cell(dice, deal)


def opportunity_name(dice: Dice, deal: Deal) -> str:
    account = deal.account
    base = account.short if dice.chance(0.8) else account.name
    if deal.deal_type == NEW_BUSINESS:
        what = dice.pick(NEW_NAMES[deal.product])
    elif account.band in ("1001-5000", "5000+") and dice.chance(0.12):
        what = dice.pick(("EMEA Rollout", "APAC Rollout", "North America Rollout", "Phase 2"))
    else:
        what = dice.pick(EXPANSION_NAMES[deal.product])
    roll = dice.random()
    if roll < 0.12:
        what += f" - FY{deal.close.year % 100}"
    elif roll < 0.22:
        what += f" - {quarter_label(deal.close)}"
    elif roll < 0.28:
        what += f" ({dice.pick((25, 40, 50, 75, 100, 150, 250))} seats)"
    return f"{base} - {what}"


def salesforce_id(number: int) -> str:
    """An 18-character opportunity id: key prefix 006, pod, counter, and the case-safe suffix."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    digits = ""
    for _ in range(9):
        number, rest = divmod(number, 62)
        digits = alphabet[rest] + digits
    base = "0065e0" + digits
    suffix = ""
    for chunk in range(3):
        flags = sum(1 << i for i, ch in enumerate(base[chunk * 5 : chunk * 5 + 5]) if "A" <= ch <= "Z")
        suffix += "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"[flags]
    return base + suffix


def build_deals(seed: int = SEED) -> list[Deal]:
    dice = Dice(f"{seed}-accounts")
    accounts = build_accounts(dice)
    dice = Dice(f"{seed}-pipeline")
    slots = schedule(dice)

    # Every account has a deal; bigger accounts have more
    owners = list(accounts)
    extra = [(a, a.weight) for a in accounts]
    while len(owners) < len(slots):
        owners.append(dice.weighted(extra))
    dice.shuffle(owners)

    deals: list[Deal] = []
    names: set[str] = set()
    for (close, is_open), account in zip(slots, owners, strict=True):
        deal = Deal(account=account, close=close, is_open=is_open, currency=account.currency)
        if account.customer_before or any(w <= close - timedelta(days=45) for w in account.won):
            deal.deal_type = EXISTING_BUSINESS if dice.chance(0.9) else NEW_BUSINESS
        deal.product = dice.weighted(PRODUCT_MIX[account.band])
        choose_competitor(dice, deal)
        owner = account.owner
        if dice.chance(0.05):  # covering for a colleague
            owner = dice.pick([r.name for r in REPS if r.team == account.region])
        rep = REP_BY_NAME[owner]

        band = account.band
        if is_open:
            deal.stage = open_stage(dice, deal)
            if deal.stage in ("Prospecting", "Qualification") and dice.chance(0.6):
                deal.competitor = deal.second_competitor = NO_COMPETITOR  # not known yet
            progress = {"Prospecting": 0.2, "Qualification": 0.35, "Needs Analysis": 0.55,
                        "Proposal/Price Quote": 0.8, "Negotiation/Review": 1.0}[deal.stage]  # fmt: skip
            age = dice.lognormal(CYCLE_DAYS[band] * progress, 0.35)
            if close < TODAY:
                age += (TODAY - close).days
            deal.created = weekday_on_or_before(TODAY - timedelta(days=max(2, round(age))))
            probability = STAGE_PROBABILITY[deal.stage]
            if dice.chance(0.15):
                probability = dice.pick(PROBABILITY_OVERRIDES[deal.stage])
            deal.probability = probability
        else:
            p_nd = 0.055 + (0.07 if deal.competitor in (NO_COMPETITOR, IN_HOUSE) else 0.0)
            p_nd += 0.04 if band == "5000+" else 0.0
            p_nd -= 0.03 if deal.deal_type == EXISTING_BUSINESS else 0.0
            if dice.chance(p_nd):
                deal.stage = NO_DECISION
                deal.truth = dice.weighted(NO_DECISION_TRUTH)
            elif dice.chance(win_probability(deal, rep)):
                deal.stage = WON
                account.won.append(close)
            else:
                deal.stage = LOST
                deal.truth = dice.weighted(LOSS_TRUTH[deal.competitor])
            factor = {WON: 0.95, LOST: 1.1, NO_DECISION: 1.45}[deal.stage]
            if deal.deal_type == EXISTING_BUSINESS:
                factor *= 0.6
            cycle = min(420, max(10, round(dice.lognormal(CYCLE_DAYS[band] * factor, 0.35))))
            deal.created = weekday_on_or_before(close - timedelta(days=cycle))
            deal.probability = STAGE_PROBABILITY[deal.stage]

        # The rep who joined in January inherited the territory: older deals stay with the old owner
        if rep.starts and deal.created < rep.starts:
            rep = REP_BY_NAME[account.previous_owner]
        deal.owner = rep.name

        blank_amount = {"Prospecting": 0.35, "Qualification": 0.15}.get(deal.stage, 0.0)
        if blank_amount and dice.chance(blank_amount):
            deal.amount = None
        else:
            decide_amount(dice, deal)
        fill_in(dice, deal, rep)
        if deal.stage == "Prospecting" and dice.chance(0.2):
            deal.contact = None
        else:
            deal.contact = contact_for(dice, account)
        deal.name = opportunity_name(dice, deal)
        if deal.name in names:  # the second "Platform Expansion" at an account gets a date
            deal.name = f"{deal.name} - {mdy(close)}"
        names.add(deal.name)
        deals.append(deal)

    # Ids grow with creation time, with other records created in between
    number = 62**5 * 7 + 918_273
    for deal in sorted(deals, key=lambda d: (d.created, d.close, d.name)):
        number += dice.between(40, 2400)
        deal.crm_id = salesforce_id(number)
    deals.sort(key=lambda d: (d.close, d.crm_id))
    return deals


def format_amount(deal: Deal) -> str:
    if deal.amount is None:
        return ""
    return f"{deal.currency} {deal.amount:,.2f}"


def rows(deals: list[Deal]) -> list[list[str]]:
    out = []
    for deal in deals:
        account, contact = deal.account, deal.contact
        out.append(
            [
                deal.crm_id,
                deal.name,
                account.name,
                account.industry,
                account.band,
                account.region,
                deal.product,
                deal.deal_type,
                deal.stage,
                format_amount(deal),
                str(deal.probability),
                mdy(deal.close),
                mdy(deal.created),
                deal.owner,
                deal.loss_reason,
                deal.next_step,
                deal.competitor_cell,
                contact.name if contact else "",
                contact.title if contact else "",
                contact.email if contact else "",
                contact.phone if contact else "",
            ]
        )
    return out


# --------------------------------------------------------------------------- output


def write(path: Path | str) -> Path:
    """Write the Salesforce report export to `path`; the same bytes every time."""
    return write_report(path, rows(build_deals()), GENERATED_AT)


def write_report(path: Path | str, body: list[list[str]], generated_at: str) -> Path:
    """Write rows of COLUMNS as a Salesforce "Details Only" report export, footer included."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        writer.writerows(body)
        writer.writerow([])
        writer.writerow([f"Grand Totals ({len(body)} records)"])
        writer.writerow([])
        writer.writerow(["Confidential Information - Do Not Distribute"])
        writer.writerow(["Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."])
        writer.writerow([f"Generated By:  {GENERATED_BY}  {generated_at}"])
        writer.writerow([COMPANY])
    return path


def toml_list(items: Sequence[str]) -> str:
    return "[" + ", ".join('"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"' for s in items) + "]"


def write_program(path: Path | str) -> Path:
    """Write program.toml: the company, its aliases, and the competitors with theirs."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "# The demo win/loss program. Written by `python -m winloss.demo.generate`.",
        f'company = "{COMPANY}"',
        f"aliases = {toml_list(COMPANY_ALIASES)}",
    ]
    for competitor in COMPETITORS:
        lines += ["", "[[competitors]]", f'name = "{competitor.name}"']
        lines.append(f"aliases = {toml_list(competitor.aliases)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    return path


def summary(deals: list[Deal]) -> str:
    by_stage = Counter(d.stage for d in deals)
    by_quarter = Counter(quarter_label(d.close) for d in deals)
    lines = [f"{len(deals)} opportunities"]
    lines += [f"  {stage}: {by_stage[stage]}" for stage in (WON, LOST, NO_DECISION, *OPEN_STAGES)]
    order = sorted(by_quarter, key=lambda q: (q[-4:], q[:2]))
    lines += [f"  {q}: {by_quarter[q]}" for q in order]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="directory to write into")
    args = parser.parse_args(argv)
    csv_path = write(args.out / CSV_PATH.name)
    program_path = write_program(args.out / PROGRAM_PATH.name)
    print(f"wrote {csv_path} and {program_path}")
    print(summary(build_deals()))


if __name__ == "__main__":
    main()
