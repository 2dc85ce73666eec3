"""Who is told what, and the message as a mail program reads it."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import pytest

from hplan.api import PlanInvalid, Session
from hplan.api import digest as api
from hplan.queries.digest import Windows

from ..conftest import Run
from .replies import CONTACTS, SENDER


@pytest.fixture
def contacts(plan_file: Path) -> Path:
    path = plan_file.with_name("contacts.yaml")
    path.write_text(CONTACTS, encoding="utf-8")
    return path


def digests_on(plan_file: Path, day: str, **kw: object) -> dict[str, list[list[str]]]:
    built = api.build(Session(plan_file, as_of=day), **kw)  # type: ignore[arg-type]
    return {
        d.owner.name: [
            [r.activity.id for r in d.overdue],
            [r.activity.id for r in d.coming],
            [q.row.activity.id for q in d.quiet],
        ]
        for d in built.digests
    }


@pytest.mark.usefixtures("contacts")
def test_each_person_hears_of_their_own_and_their_roles_activities(plan_file: Path) -> None:
    found = digests_on(plan_file, "2025-07-01")
    assert list(found) == ["Linda Beigler", "Karin Flordal"]
    assert found["Linda Beigler"][0] == ["7", "5", "2", "8"]
    assert found["Karin Flordal"][0] == ["17"]
    # Activity 9 names Näringslivschefer alongside; Karin is a member and hears of it.
    assert "9" in found["Karin Flordal"][2]


@pytest.mark.usefixtures("contacts")
def test_coming_due_looks_a_week_ahead_for_a_day_and_four_for_a_period(plan_file: Path) -> None:
    # 7 is due 18 maj (a range of days), 2 and 8 are due with June (periods).
    assert digests_on(plan_file, "2025-05-12")["Linda Beigler"][1] == ["7"]
    assert digests_on(plan_file, "2025-06-03")["Linda Beigler"][1] == ["2", "8"]
    wide = digests_on(plan_file, "2025-05-12", windows=Windows(day=14))
    assert wide["Linda Beigler"][1] == ["7", "5"]


def test_nothing_to_say_means_no_message_and_no_address_is_named(plan_file: Path) -> None:
    plan_file.with_name("contacts.yaml").write_text(
        CONTACTS + "  - name: Sammankallande kommunikationschef\n    digest: false\n"
    )
    session = Session(plan_file, as_of="2025-01-02")
    built = api.build(session, Windows(quiet=365))
    assert built.digests == [] and built.unreachable == []
    assert [o.name for o in built.left_out] == ["Sammankallande kommunikationschef"]
    assert len(api.build(session, Windows(quiet=365), always=True).digests) == 2
    plan_file.with_name("contacts.yaml").unlink()
    built = api.build(Session(plan_file, as_of="2025-07-01"))
    assert built.digests == [] and "Linda Beigler" in [d.owner.name for d in built.unreachable]


def test_a_bad_address_is_a_located_error(run: Run, plan_file: Path) -> None:
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(
        text.replace("  - name: Linda Beigler\n", "  - name: Linda Beigler\n    email: linda@\n", 1)
    )
    result = run("validate")
    assert result.code == 3
    assert f"{plan_file}:" in result.stderr and "'linda@' is not an e-mail address" in result.stderr


def test_the_contacts_file_is_checked_where_it_is_wrong(plan_file: Path, contacts: Path) -> None:
    contacts.write_text(CONTACTS.replace("Karin Flordal\n", "Karin Flordahl\n", 1)
                        .replace("[Karin Flordal]", "[Linnea]"))  # fmt: skip
    with pytest.raises(PlanInvalid) as raised:
        api.build(Session(plan_file, as_of="2025-07-01"))
    said = str(raised.value)
    assert f"{contacts}:4:" in said and "'Karin Flordahl' is not an owner" in said
    assert f"{contacts}:7:" in said and "member 'Linnea' is not declared" in said


@pytest.mark.usefixtures("contacts", "swedish")
def test_the_message_reads_right_in_a_mail_program(plan_file: Path) -> None:
    session = Session(plan_file, as_of="2025-07-01")
    outgoing = api.messages(session, api.build(session), SENDER, "https://plan.example/rapport")
    raw = bytes(outgoing[0].message)
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert parsed["Subject"] == (
        "Hälsingerådets handlingsplan 2025: 4 försenade, 10 utan besked på länge"
    )
    assert parsed["To"].addresses[0].display_name == "Linda Beigler"
    assert parsed["From"].addresses[0].display_name == "Hälsingerådet"
    assert parsed["Auto-Submitted"] == "auto-generated" and parsed["Date"]
    assert parsed["Message-ID"].strip() == str(outgoing[0].message["Message-ID"])
    text = parsed.get_body(("plain",)).get_content()
    html = parsed.get_body(("html",)).get_content()
    assert "Hej Linda Beigler," in text and "44 dagar sen" in text
    assert "hplan status 7 done" in text and "https://plan.example/rapport/#a7" in text
    assert 'href="https://plan.example/rapport/#a7"' in html
    assert "<style" not in html and 'style="' in html  # inlined for mail programs


@pytest.mark.usefixtures("contacts")
def test_the_message_id_is_the_same_within_a_week(plan_file: Path) -> None:
    def identifier(day: str) -> str:
        session = Session(plan_file, as_of=day)
        return str(api.messages(session, api.build(session), SENDER)[0].message["Message-ID"])

    monday = identifier("2025-06-30")
    assert identifier("2025-07-04") == monday != identifier("2025-07-07")


@pytest.mark.usefixtures("contacts")
@pytest.mark.parametrize(
    "hostile",
    ["Rad\r\nBcc: x@evil.example", "<script>alert(1)</script>", "{title} %s {0}", "\u202eevil"],
)
def test_hostile_plan_text_reaches_the_message_inert(plan_file: Path, hostile: str) -> None:
    text = plan_file.read_text(encoding="utf-8")
    title = "Planera och genomföra Hälsingegårdarnas dag"
    plan_file.write_text(text.replace(f"title: {title}", f"title: {hostile!r}".replace("'", '"')))
    session = Session(plan_file, as_of="2025-07-01")
    try:
        outgoing = api.messages(session, api.build(session), SENDER)
    except PlanInvalid as refused:  # CR/LF never reaches a plan, let alone a message
        assert "control character" in str(refused)
        return
    raw = bytes(outgoing[0].message)
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert parsed["Bcc"] is None and len(parsed.get_all("To") or []) == 1
    html = parsed.get_body(("html",)).get_content()
    assert "<script>" not in html
    assert hostile in parsed.get_body(("plain",)).get_content()


@pytest.mark.usefixtures("contacts", "swedish")
@pytest.mark.parametrize("width", [600, 360])
def test_chromium_shows_the_html_part(plan_file: Path, tmp_path: Path, width: int) -> None:
    """The HTML part as a mail program's web view shows it, at 600 px and at a phone's 360."""
    from ..render.test_report import headless, png_pixels

    session = Session(plan_file, as_of="2025-06-03")
    message = api.messages(session, api.build(session), SENDER, "https://plan.example")[0]
    parsed = email.message_from_bytes(bytes(message.message), policy=policy.default)
    page = tmp_path / "digest.html"
    page.write_text(parsed.get_body(("html",)).get_content(), encoding="utf-8")
    shot = tmp_path / "shot.png"
    result = headless(
        f"--window-size={width},1200", f"--screenshot={shot}", page.as_uri(),
        profile=tmp_path / "profile",
    )  # fmt: skip
    assert shot.exists(), result.stderr
    assert len(set(png_pixels(shot))) > 20  # drawn, not a blank page
    dom = headless("--dump-dom", page.as_uri(), profile=tmp_path / "profile2").stdout
    assert "Försenade (2)" in dom and "Samordna och delta i Hälsinglands medverkan" in dom


def test_the_contacts_file_has_a_schema_of_its_own(run: Run) -> None:
    import json

    result = run("schema", "--contacts", plan=None)
    schema = json.loads(result.stdout)
    assert result.code == 0 and schema["$id"] == "contacts.schema.json"
    owner = schema["$defs"]["Owner"]["properties"]
    assert owner["email"]["anyOf"][0]["format"] == "email" and "members" in owner


@pytest.mark.parametrize(
    ("address", "said"),
    [("lindä@example.se", "before the @"), ("=?utf-8?q?x?=@example.se", "not one mail servers"),
     ("linda", "has no @")],
)  # fmt: skip
def test_validate_refuses_what_the_digest_could_not_send(
    run: Run, plan_file: Path, address: str, said: str
) -> None:
    """Issue 34, item 11: validate and the digest agree on what an address is; the reason
    is hplan's, in the plan's language (no library English inside Swedish)."""
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(
        text.replace(
            "  - name: Linda Beigler\n", f"  - name: Linda Beigler\n    email: {address}\n", 1
        ),
        encoding="utf-8",
    )
    result = run("validate")
    assert result.code == 3 and said in result.stderr
    swedish = run("validate", "--lang", "sv")
    assert "is not" not in swedish.stderr and "är ingen e-postadress" in swedish.stderr


def test_an_idn_domain_is_sent_as_punycode(plan_file: Path) -> None:
    from datetime import UTC, datetime

    from hplan.mail.message import Letter, compose, read_sender

    letter = Letter("Linda", "linda@hälsingland.se", "Ämne", "Hej", "")
    sent = compose(letter, read_sender("plan@example.org"), datetime.now(UTC), "<a@b>")
    assert str(sent["To"]) == "Linda <linda@xn--hlsingland-q5a.se>"
    assert b"=?utf-8?" not in bytes(sent).split(b"\r\n\r\n")[0].split(b"To:")[1].split(b"\r\n")[0]


def test_a_contacts_file_that_cannot_be_used_is_said_never_passed_over(
    run: Run, plan_file: Path
) -> None:
    """Issue 34, item 12: the digest would go out without the addresses it holds."""
    beside = plan_file.with_name("contacts.yaml")
    beside.mkdir()
    result = run("digest", "--as-of", "2025-07-01")
    assert result.code == 4 and "the contacts file" in result.stderr
    beside.rmdir()
    beside.write_text(
        "owners:\n  - name: Linda Beigler\n    email: a@example.org\n"
        "  - name: Linda Beigler\n    email: b@example.org\n", encoding="utf-8",
    )  # fmt: skip
    twice = run("digest", "--as-of", "2025-07-01")
    assert (
        twice.code == 3
        and "contacts.yaml:4:11: 'Linda Beigler' is in the contacts file twice" in twice.stderr
    )


def test_a_contacts_file_of_the_wrong_shape_is_named_as_itself_not_as_the_plan(
    run: Run, plan_file: Path
) -> None:
    """A contacts file written as names and addresses was called "plan", and was told the
    plan's keys (title, organisation, …) where only `owners` belongs."""
    beside = plan_file.with_name("contacts.yaml")
    beside.write_text("Linda Beigler: a@example.org\n", encoding="utf-8")
    result = run("digest", "--as-of", "2025-07-01")
    assert result.code == 3
    assert "contacts.yaml:1:1: contacts file: missing required key 'owners'" in result.stderr
    assert "unknown key 'Linda Beigler'; allowed keys: owners\n" in result.stderr
    assert ": plan:" not in result.stderr and "organisation" not in result.stderr
