"""Deterministic synthetic plans for tests and benchmarks: realistic, any size.

Swedish titles with å, ä, ö, a goal tree three levels deep, several owners and roles, every
deadline form, mixed statuses, comments and notes.
"""

from __future__ import annotations

import random

VERBS = [
    "Samordna",
    "Utveckla",
    "Planera och genomföra",
    "Kartlägga",
    "Etablera",
    "Förvalta",
    "Delta i",
    "Migrera",
    "Arbeta för att öka",
    "Skapa goda kontakter med",
]
OBJECTS = [
    "Hälsingegårdarnas dag",
    "Vävmässan i Borås",
    "näringslivets nätverk",
    "kompetensförsörjningen i Söderhamn",
    "inflyttarportalen",
    "världsarvets besökare",
    "länsstyrelsens uppdrag",
    "Ljusdals överenskommelse",
    "Bollnäs föreningsliv",
    "Hudiksvalls hamnområde",
    "Nordanstigs gröna näringar",
    "Ovanåkers skolor",
]
DEADLINES = [
    "Löpande",
    "25 maj",
    "17–18 maj",
    "25–27 september",
    "Juni",
    "December",
    "Första halvåret {y}",
    "Andra halvåret {y}",
    "Senast oktober {y}",
    "{y}",
    "{y}-05-25",
    "{y}-06",
    "{y}-H1",
    "{y}-Q3",
    "{y}-09-25..{y}-09-27",
    "ongoing",
    "30 maj–2 juni",
    "Senast 15 mars",
]
STATUSES = ["not-started", "not-started", "in-progress", "done", "blocked", "cancelled"]
PEOPLE = [
    "Linda Beigler",
    "Karin Flordal",
    "Åsa Öberg",
    "Märta Ängström",
    "Örjan Åkesson",
    "Björn Söderström",
    "Ingrid Hägglund",
]
ROLES = ["Sammankallande kommunikationschef", "Näringslivschefer", "Kommunchefsgruppen"]


def goal_ids() -> list[str]:
    """A goal tree three levels deep: 4, 4.1, 4.1.1 ... with gaps nowhere."""
    ids = []
    for top in (4, 5):
        ids.append(str(top))
        for mid in range(1, 4):
            ids.append(f"{top}.{mid}")
            ids += [f"{top}.{mid}.{leaf}" for leaf in range(1, 4)]
    return ids


def make_plan(activities: int, seed: int = 2025, year: int = 2025, people: int = 0) -> str:
    """The text of a valid plan with `activities` activities, the same for the same seed;
    `people` more people, each with an e-mail address, share the activities."""
    rng = random.Random(seed)
    extra = [f"Person {i} i Hälsingland" for i in range(1, people + 1)]
    goals = goal_ids()
    leaves = [g for g in goals if g.count(".") == 2]
    lines = [
        "# Syntetisk handlingsplan för mätningar och tester (genererad).",
        f"title: Syntetisk handlingsplan {year}",
        "organisation: Hälsingerådet",
        f"year: {year}",
        "language: sv",
        "",
        "goals:",
    ]
    for gid in goals:
        lines += [f"  - id: {gid}", f"    title: Mål {gid} för Hälsinglands utveckling"]
        if gid.count(".") == 2:
            lines += [
                "    text: >-",
                "      Ett delmål med text som sträcker sig över",
                "      två rader, som i dokumentet.",
            ]
    lines += ["", "owners:"]
    lines += [f"  - name: {p}" for p in PEOPLE]
    for i, name in enumerate(extra, 1):
        lines += [f"  - name: {name}", f"    email: person{i}@example.org"]
    lines += [f"  - name: {r}\n    kind: role" for r in ROLES]
    lines += ["", "activities:"]
    for n in range(1, activities + 1):
        title = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} ({n})"
        chosen_goals = sorted(set(rng.sample(leaves, rng.choice([1, 1, 2, 3]))))
        owners = rng.sample(PEOPLE + ROLES[:1] + extra, rng.choice([1, 1, 2]))
        deadline = rng.choice(DEADLINES).format(y=year)
        status = rng.choice(STATUSES)
        if n % 10 == 0:
            lines.append(f"  # Avsnitt {n // 10}: aktiviteter som styrelsen följer upp särskilt")
        lines += [f"  - id: {n}", f"    title: {title}", "    goals:"]
        lines += [f"      - {g}" for g in chosen_goals]
        lines += ["    owners:"] + [f"      - {o}" for o in owners]
        if n % 7 == 0:
            lines += ["    with:", f"      - {ROLES[1]}"]
        lines += [f"    deadline: {deadline}", f"    status: {status}"]
        if status != "not-started":
            lines.append(f"    status_date: {year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}")
        if n % 5 == 0:
            lines += [
                "    notes:",
                f"      - date: {year}-03-0{rng.randint(1, 9)}",
                "        text: 'Avstämning med kommunerna: klart i Ljusdal och Nordanstig'",
            ]
        lines.append("")
    return "\n".join(lines)
