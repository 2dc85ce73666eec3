"""The text of Hälsingerådets handlingsplan 2025 that `hplan import` reads, copied from the
source document (../shared/seeds/001_…txt) with its line breaks, hyphens and doubled goals:
the tests make their Word and PDF documents from it."""

from __future__ import annotations

TITLE = "Hälsingerådets handlingsplan 2025"

BEFORE_GOALS = [
    ("heading", "Inledning"),
    (
        "text",
        "Under ett sammanträde mellan landskapets kommunstyrelser 1994, föddes idén för hur "
        "man skulle kunna öka samarbetet mellan kommunerna inom gemensamma strategiska frågor.",
    ),
    ("heading", "Hälsingerådets mål"),
    (
        "text",
        "Det finns två övergripande och långsiktiga mål för samarbetet mellan de sex "
        "kommunerna i Hälsingland.  Det handlar om effektiv samverkan och hållbar tillväxt.",
    ),
]

GOALS = [
    ("heading", "4.1 Mål EFFEKTIV SAMVERKAN"),
    (
        "text",
        "Fokus för målet om effektiv samverkan handlar om intern samverkan, dvs att "
        "kommunerna samverkar kring olika verksamhetsområden. Utgångspunkten för all sådan "
        "samverkan ska vara ökad effektivitet (lägre kostnader) och/eller högre kvalitet. "
        "Samverkan kan ske i olika organisationsformer där avtalssamverkan är huvudspåret då "
        "det är det mest organisatoriskt effektiva. Det är kommuncheferna som samordnar dessa "
        "samverkansprojekt.",
    ),
    ("heading", "4.1.1 Nya samarbeten i intern verksamhet"),
    (
        "text",
        "Hitta nya samverkansområden inom olika verksamhetsområden såsom gemensamma "
        "inköp, gemensamt lönehanteringssystem, digitalt slutarkiv, vuxenutbildning med mera. ",
    ),
    ("heading", "4.2 Mål HÅLLBAR TILLVÄXT"),
    (
        "text",
        "Hälsingerådets Utvecklingskontor är ansvariga för att uppfylla Hälsingerådets mål "
        "kring hållbar tillväxt. Hållbar tillväxt handlar om att stärka varumärket Hälsingland, "
        "bidra till att säkra kompetensförsörjningen och att bedriva påverkansarbete regionalt "
        "och nationellt. ",
    ),
    ("heading", "4.2.1 Delmål Varumärket Hälsingland"),
    (
        "text",
        "De sex kommunerna i Hälsingland har de senaste åren bedrivit ett arbete med att "
        "identifiera potentialen med varumärket Hälsingland och enats om en gemensam vision "
        "”Att tillsammans bygga ett levande och växande landskap, verka för ökad inflyttning, "
        'fler besökare och etablera Hälsingland som ett av Sveriges topp 5 resmål." ',
    ),
    (
        "text",
        "Hälsingerådet arbetar med att samordna och stötta det gemensamma och "
        "övergripande arbetet och genom strategiskt arbete utveckla och stärka varumärket "
        "Hälsingland tillsammans med kommunerna, näringslivet och Ambassadörsnätverket som "
        "samlar en stor del av företagen runt om i länet.   ",
    ),
    (
        "text",
        "Delmål 4.2.1 Ansvara för Hälsinglands kommunikationsinsatser och samordna arbetet "
        "kring varumärket Hälsingland  ",
    ),
    ("heading", "4.2.2 Delmål att bidra till ökad kompetensförsörjning"),
    (
        "text",
        "Kompetensförsörjning i både det offentliga och näringslivet behöver säkerställas "
        "på lång och kort sikt i hela Hälsingland. Utöver att hela Hälsingland är i behov av "
        "personal- såväl som kompetens till olika verksamheter och för olika arbetsuppgifter så "
        "behöver också samtliga kommuner öka antalet boende runt om i kommundelarna, för att "
        "säkerställa bra service, god vård, skola och omsorg.  Inflyttningen behöver öka.   ",
    ),
    (
        "text",
        "Delmål 4.2.2 Samordna och i viss mån driva inflyttningsfrågorna ur ett "
        "Hälsingeperspektiv. ",
    ),
    ("heading", "4.2.3 Regionalt och nationellt påverkansarbete"),
    (
        "text",
        "Genom Hälsingerådet kan gemensamt påverkansarbete bedrivas i olika frågor och i "
        "olika forum. En gemensam röst från Hälsingland väger tyngre än var och en för sig. "
        "Beroende på vem som äger frågan som Hälsinglands sex kommuner vill framföra sin åsikt "
        "kring så kan arbetet bedrivas på internationell, EU-, nationell eller regional nivå. "
        "Frågorna kan röra sig om järnväg, riksvägar, skattesystem, EU-medel med mera. ",
    ),
    (
        "text",
        "Delmål 4.2.3 Samordna hälsingekommunerna i relevanta frågor för en starkare röst "
        "eller för att gemensamt söka externa medel. ",
    ),
]

AFTER_GOALS = [
    ("heading", "Organisation och arbetssätt"),
    ("heading", "5.1 Organisation"),
    ("heading", "5.1.1 Styrelse"),
    ("text", "Hälsingerådet leds av en styrelse med representanter för varje medlemskommun."),
    ("heading", "Utvecklingskontorets Aktivitetslista 2025"),
    (
        "text",
        "För att uppfylla Hälsingerådets långsiktiga mål har följande aktiviteter "
        "fastställt ska genomföras under 2025.",
    ),
]

HEADER = ["Aktivitet 2025", "Mål", "Ansvarig", "Slutdatum", "Status"]

ROWS = [
    ["Delta i kommunikations - \nchefernas nätverk med \nregelbundenhet", "4.2.1, \n4.2.2",
     "Sammankallande \nkommunikations- \nchef/ \nLinda Beigler/Karin \nFlordal", "Löpande", ""],
    ["Varumärkes-skydda \nvarumärket Hälsingland \noch tillhörande grafiska \nprofil",
     "4.2.1", "Linda Beigler", "Första \nhalvåret \n2025", ""],
    ["Utveckla och förvalta \nmaterial kring \nHälsinglands grafiska \nprofil", "4.2.1",
     "Linda Beigler", "Löpande", ""],
    ["Samordna och utveckla \narbetet inom ramen för \nRådslaget", "4.2.1", "Linda Beigler",
     "Löpande", ""],
    ["Planera och genomföra \nHälsingegårdarnas dag", "4.2.1", "Linda Beigler", "25 maj", ""],
    ["Samordna Hälsingland \ninför och genomför \ndeltagandet i Vävmässan", "4.2.1",
     "Linda Beigler", "25–27 \nseptember", ""],
    ["Samordna och delta i \nHälsinglands medverkan i \nOutdoor-mässan i \nStockholm.",
     "4.2.1", "Linda Beigler", "17–18 maj", ""],
    ["Samordna och ansvara \nför uppbyggnad och \nlansering av \nhalsingland.se/Inflyttar-"
     "\nportalen", "4.2.1, \n4.2.2", "Linda Beigler", "Juni", ""],
    ["Kartlägga och välja ut de \nevenemang, mässor och \nliknande som \nHälsingerådet ska "
     "\nsamordna ett gemensamt \ndeltagande i.", "4.2.1, \n4.2.2",
     "Karin Flordal och Linda \nBeigler tillsammans \nmed Näringslivschefer",
     "Senast \noktober \n2025", ""],
    ["Utveckla och förvalta \nwww.halsingland.se", "4.2.1, \n4.2.2", "Linda Beigler",
     "December", ""],
    ["Samordna \nkommunikation och \nmarknadsförings-\naktiviteter för \nwww.halsingland.se",
     "4.2.1, \n4.2.1", "Linda Beigler", "Löpande", ""],
    ["Aktivt delta i \nAmbassadörsnätverket", "4.2.1, \n4.2.1", "Linda Beigler, Karin \nFlordal",
     "Löpande", ""],
    ["Omvärldsspana i för \nkommunerna relevanta \nfrågor, till exempel \nutlysningar av "
     "EU-medel.", "4.2.3", "Karin Flordal", "Löpande", ""],
    ["Skapa goda kontakter \nmed regionen, \nlänsstyrelsen och andra \nrelevanta aktörer.",
     "4.2.1, \n4.2.2, \n4.2.3", "Karin Flordal", "Löpande", ""],
    ["Samordna kommunerna i \nrelevanta frågor för \ngemensamma skrivelser, \nuppvaktningar "
     "eller \ndiskussioner, eventuellt i \nnätverk.", "4.2.1, \n4.2.2, \n4.2.3",
     "Karin Flordal", "Löpande", ""],
    ["Arbeta för att öka \nsynligheten och \nkunskapen om \nUtvecklingskontoret och "
     "\nHälsingerådet i \nkommunorganisationerna \noch interaktionen dem \nemellan.", "4.2.3",
     "Karin Flordal, Linda \nBeigler", "Löpande", ""],
    ["Etablera \nProjektutvecklarnätverk i \nHälsingland", "4.2.3", "Karin Flordal",
     "Första \nhalvåret \n2025", ""],
    ["Utveckla, uppdatera och \nförvalta \nwww.halsingeradet.se", "4.2.3", "Karin Flordal",
     "Löpande", ""],
    ["Migrera \nwww.halsingeradet.se till \nSitevision.", "4.2.3", "Karin Flordal och Linda "
     "\nBeigler", "2025", ""],
]  # fmt: skip
"""The activity table's rows as the document lays them out: each cell's lines as printed."""
