"""The director's District screen against a real PostgreSQL: shown only for a director's
login, the same figures as the dashboard for the same month and filters, a calm message
offline, the PDF export, and Settings' CA certificate reaching the sync."""

import os
import shutil
from datetime import UTC, date, datetime, timedelta
from ipaddress import IPv4Address
from types import SimpleNamespace

import psycopg
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from app.cli import main
from app.services.cycles import CycleStart, start_cycle
from app.services.district.address import DistrictError, parse_address
from app.services.district.dashboard import (
    Dashboard,
    DashboardFilter,
    district_dashboard,
    figure_text,
)
from app.services.district.sync import sync_notebook
from app.services.teachers import TeacherForm, save_teacher
from app.store import Store
from app.views.common.qsettings import district_ca_file
from app.views.district.dashboard_view import glance_figures
from app.views.district.screen import READING, DistrictScreen
from app.views.settings.dialog import SettingsDialog
from app.views.shell.main_window import NAVIGATION, MainWindow
from app.views.shell.sync_flow import DIRECTOR_STATUS
from tests.conftest import TODAY
from tests.postgres_server import start_server
from tests.views.test_district_sync import memory_keyring, save_in_settings
from tests.views.test_finish import unnamed_controls

__all__ = ["memory_keyring"]  # a fixture these tests use

NOVEMBER = date(2026, 11, 1)


def last_line(capsys) -> str:
    return capsys.readouterr().out.strip().splitlines()[-1]


@pytest.fixture
def logins(district_db, capsys) -> SimpleNamespace:
    """A district with two coaches' logins (Ana, Ben) and a director's (Dana)."""
    assert main(["district", "init", "--url", district_db]) == 0
    assert main(["district", "add-coach", "--url", district_db, "Ana Ruiz"]) == 0
    ana = last_line(capsys)
    assert main(["district", "add-coach", "--url", district_db, "Ben Okafor"]) == 0
    ben = last_line(capsys)
    assert main(["district", "add-director", "--url", district_db, "Dana Cole"]) == 0
    return SimpleNamespace(ana=ana, ben=ben, director=last_line(capsys))


@pytest.fixture
def district(logins, demo_store, tmp_path) -> SimpleNamespace:
    """The district once both coaches have synced: Ana the small demo, Ben one teacher and
    one cycle."""
    sync_notebook(demo_store, parse_address(logins.ana))
    with Store.open(tmp_path / "ben.sqlite3", backup_on_open=False) as ben_store:
        teacher = save_teacher(ben_store, TeacherForm(name="Rosa Diaz", school="Hill Middle"))
        start_cycle(ben_store, CycleStart(teacher_id=teacher.id, start_date=date(2026, 11, 9)))
        sync_notebook(ben_store, parse_address(logins.ben))
    return logins


def open_window(qtbot, store, line: str | None) -> MainWindow:
    """The window on this laptop's notebook with `line` saved in Settings, once the server
    has said whose login it is."""
    if line is not None:
        save_in_settings(qtbot, store, line)
    window = MainWindow(store, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.district_access.sig_checked, timeout=30000):
        window.district_sync.start()
    return window


def district_item(window: MainWindow):
    return window.sidebar.item(NAVIGATION.index("district"))


def show_district(qtbot, window: MainWindow) -> DistrictScreen:
    window.show_screen("district")
    screen = window.screens["district"].ensure()
    qtbot.waitUntil(lambda: screen.dashboard is not None, timeout=30000)
    return screen


def read_again(qtbot, screen: DistrictScreen, change) -> Dashboard:
    with qtbot.waitSignal(screen.sig_loaded, timeout=30000) as loaded:
        change()
    assert isinstance(loaded.args[0], Dashboard), loaded.args[0]
    return loaded.args[0]


def cells(table) -> list[list[str]]:
    model = table.model()
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def group_texts(group, *, contacts: bool) -> list[str]:
    figures = [
        figure_text(group.cycles_started),
        figure_text(group.cycles_active),
        figure_text(group.cycles_completed),
        figure_text(group.goals_met),
        figure_text(group.sessions_done),
        figure_text(group.observations),
        figure_text(group.mean_time_on_task, as_percent=True),
    ]
    return [group.name, *figures, *([figure_text(group.informal_contacts)] if contacts else [])]


def assert_shows(screen: DistrictScreen, expected: Dashboard) -> None:
    """Every figure on screen is the one the dashboard gives, written as the PDF writes it."""
    view = screen.view
    shown = {caption: tile.value.text() for caption, tile in view.figures.items()}
    assert shown == {caption: value for value, caption in glance_figures(expected)}
    assert shown["Cycles started"] == figure_text(expected.district.cycles_started)
    assert shown["Mean time-on-task"] == figure_text(
        expected.district.mean_time_on_task, as_percent=True
    )
    if expected.schools:
        assert cells(view.tables["schools"]) == [
            group_texts(g, contacts=True) for g in expected.schools
        ]
    if expected.coaches:
        assert cells(view.tables["coaches"]) == [
            group_texts(g, contacts=False) for g in expected.coaches
        ]
        assert [row[3] for row in cells(view.tables["pd"])] == [
            figure_text(g.informal_contacts) for g in expected.coaches
        ]
    assert [row[0] for row in cells(view.tables["synced"])] == [c.name for c in expected.synced]
    if expected.pilots:
        assert [row[-1] for row in cells(view.tables["pilots"])] == [
            figure_text(p.utilisation_pct, as_percent=True) for p in expected.pilots
        ]
    assert f"{expected.coaches_synced} of " in view.intro.text()


def test_the_district_screen_shows_for_a_director_and_not_for_a_coach(
    qtbot, store, logins, memory_keyring, recorder
):
    coach = open_window(qtbot, store, logins.ana)
    assert coach.district_access.is_director() is False
    assert district_item(coach).isHidden()
    assert "go_district" not in coach.actions_by_name
    qtbot.keyClick(coach, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert coach.current_screen() == "today"
    assert coach.screens["district"].screen is None  # never built, never read
    coach.close()

    director = open_window(qtbot, store, logins.director)
    assert director.district_access.is_director() is True
    assert not district_item(director).isHidden()
    qtbot.keyClick(director, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert director.current_screen() == "district"
    assert director.district_sync.label.text() == DIRECTOR_STATUS


def save_through_settings(qtbot, window: MainWindow, monkeypatch, line: str) -> object:
    """File ▸ Settings, the line pasted and saved; returns what the server said of it."""

    def paste_and_save(dialog):
        dialog.district_panel.connection.setText(line)
        dialog._on_save()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", paste_and_save)
    with qtbot.waitSignal(window.district_access.sig_checked, timeout=30000) as checked:
        window.actions_by_name["settings"].trigger()
    return checked.args[0]


def test_saving_a_coach_line_in_settings_takes_the_district_screen_away(
    qtbot, store, logins, memory_keyring, recorder, monkeypatch
):
    window = open_window(qtbot, store, logins.director)
    window.show_screen("district")
    assert save_through_settings(qtbot, window, monkeypatch, logins.ana) is False
    assert district_item(window).isHidden()
    assert window.current_screen() == "today"


def test_saving_the_directors_line_again_reads_the_district_again(
    qtbot, store, logins, memory_keyring, recorder, monkeypatch
):
    window = open_window(qtbot, store, logins.director)
    screen = show_district(qtbot, window)
    first = screen.dashboard
    with qtbot.waitSignal(screen.sig_loaded, timeout=30000) as loaded:
        assert save_through_settings(qtbot, window, monkeypatch, logins.director) is True
    assert isinstance(loaded.args[0], Dashboard) and loaded.args[0] is not first
    assert screen.dashboard is loaded.args[0]


def test_without_a_keyring_the_directors_line_pasted_in_settings_shows_the_screen(
    qtbot, store, logins, recorder, monkeypatch
):
    window = open_window(qtbot, store, None)
    assert district_item(window).isHidden()
    assert save_through_settings(qtbot, window, monkeypatch, logins.director) is True
    assert not district_item(window).isHidden()
    # The password pasted with the line reads the dashboard for the session, unasked.
    screen = show_district(qtbot, window)
    assert screen.dashboard.month == NOVEMBER
    assert recorder.errors == []


def test_sync_now_with_a_director_login_sends_nothing_and_points_to_the_district_screen(
    qtbot, store, logins, memory_keyring, recorder
):
    save_teacher(store, TeacherForm(name="Kept Here"))
    window = open_window(qtbot, store, logins.director)
    window.actions_by_name["sync"].trigger()
    ((title, text),) = recorder.infos
    assert title == "Nothing to sync"
    assert "director's login" in text and "District screen" in text
    assert not window.district_sync.running
    with psycopg.connect(logins.director) as server:
        names = {row[0] for row in server.execute("SELECT name FROM teacher")}
    assert "Kept Here" not in names


def test_without_a_keyring_the_first_sync_finds_the_director_and_shows_the_screen(
    qtbot, store, logins, recorder
):
    address = parse_address(logins.director)
    window = open_window(qtbot, store, address.url(user=address.user))
    assert window.district_access.is_director() is None  # no password to ask with yet
    assert district_item(window).isHidden()
    recorder.text_answer = address.password
    with qtbot.waitSignal(window.district_sync.sig_finished, timeout=30000):
        window.actions_by_name["sync"].trigger()
    assert recorder.errors == []
    assert recorder.infos[-1][0] == "Nothing to sync"
    assert not district_item(window).isHidden()
    # The password typed for the sync reads the dashboard without asking again.
    recorder.text_answer = None
    screen = show_district(qtbot, window)
    assert screen.dashboard.month == NOVEMBER


def test_the_screen_shows_the_dashboards_figures_for_this_month(
    qtbot, qtmodeltester, store, district, memory_keyring, recorder
):
    window = open_window(qtbot, store, district.director)
    screen = show_district(qtbot, window)
    assert screen.month_text.text() == "November 2026"
    assert not screen.next_button.isEnabled()  # nothing is recorded ahead of this month
    expected = district_dashboard(parse_address(district.director), NOVEMBER, today=TODAY)
    assert expected.district.observations.value, "the demo observed lessons in November"
    assert_shows(screen, expected)
    assert [screen.school_combo.itemText(i) for i in range(screen.school_combo.count())] == [
        "All schools",
        *expected.school_choices,
    ]
    assert sorted(screen.coach_combo.itemText(i) for i in range(1, screen.coach_combo.count())) == [
        "Ana Ruiz",
        "Ben Okafor",
    ]
    assert set(screen.view.charts) >= {"trend", "picrat"}
    for table in screen.view.tables.values():
        qtmodeltester.check(table.model())
    assert unnamed_controls(screen) == []
    assert recorder.errors == []


def test_month_school_and_coach_filters_read_their_own_figures(
    qtbot, store, district, memory_keyring, recorder
):
    window = open_window(qtbot, store, district.director)
    screen = show_district(qtbot, window)
    address = parse_address(district.director)
    everyone = screen.dashboard

    school = next(g.name for g in everyone.schools if g.observations.value)
    shown = read_again(qtbot, screen, lambda: screen.select_school(school))
    expected = district_dashboard(
        address, NOVEMBER, today=TODAY, filters=DashboardFilter(school=school)
    )
    assert shown.filters.school == school
    assert screen.school_combo.currentText() == school
    assert f"Showing only school: {school}." in screen.view.intro.text()
    # Offering the choices again afterwards is no new choice: nothing more is read.
    with qtbot.assertNotEmitted(screen.sig_loaded, wait=1500):
        pass
    assert_shows(screen, expected)
    assert [g.name for g in expected.schools] == [school]
    assert expected.district.observations != everyone.district.observations

    read_again(qtbot, screen, lambda: screen.select_school(None))
    ben = everyone.coach_ids["Ben Okafor"]
    read_again(qtbot, screen, lambda: screen.select_coach("Ben Okafor"))
    expected = district_dashboard(
        address, NOVEMBER, today=TODAY, filters=DashboardFilter(coach_id=ben)
    )
    assert_shows(screen, expected)
    assert "Showing only coach: Ben Okafor." in screen.view.intro.text()
    # One teacher's cycle: a figure from fewer than three teachers is never shown as its value.
    assert screen.view.figures["Cycles started"].value.text() == "fewer than 3"

    read_again(qtbot, screen, lambda: screen.select_coach(None))
    october = read_again(qtbot, screen, screen.previous_button.click)
    assert october.month == date(2026, 10, 1)
    assert screen.month_text.text() == "October 2026"
    assert screen.next_button.isEnabled()
    assert_shows(screen, district_dashboard(address, october.month, today=TODAY))


def test_offline_the_screen_says_why_and_the_window_keeps_working(
    qtbot, store, memory_keyring, recorder
):
    # A port nothing listens on: the district server is out of reach.
    window = open_window(qtbot, store, "postgresql://director_dana:secret@127.0.0.1:9/district")
    assert district_item(window).isHidden()  # not known as a director's login
    screen = DistrictScreen(window.context, window.district_access)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.sig_loaded, timeout=30000) as loaded:
        screen.show()
        qtbot.waitUntil(lambda: screen.state_title.text() == READING, timeout=5000)
    error = loaded.args[0]
    assert isinstance(error, DistrictError) and error.unreachable
    assert screen.state_title.text() == "The district can't be reached"
    assert screen.state_text.text() == str(error)
    assert "Could not reach the district server" in screen.state_text.text()
    message = screen.state_text
    assert message.height() >= message.heightForWidth(message.width())  # every line shows
    assert not screen.try_again_button.isHidden()
    assert not screen.export_button.isEnabled()
    assert screen.dashboard is None
    assert recorder.errors == []


def test_export_pdf_writes_the_figures_shown(
    qtbot, store, district, memory_keyring, recorder, tmp_path
):
    window = open_window(qtbot, store, district.director)
    screen = show_district(qtbot, window)
    recorder.save_path = tmp_path / "november dashboard"
    with qtbot.waitSignal(screen.sig_exported, timeout=60000) as exported:
        screen.export_button.click()
    path = exported.args[0]
    assert path == tmp_path / "november dashboard.pdf"
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    assert f"District dashboard: {screen.dashboard.month_name}" in text
    for value, caption in glance_figures(screen.dashboard):
        assert caption in text and value in text
    assert "Ana Ruiz" in text and "Ben Okafor" in text
    assert window.statusBar().currentMessage() == f"Saved {path.name} in {path.parent}."


def test_the_ca_certificate_is_kept_on_this_laptop_and_reaches_the_sync(
    qtbot, store, logins, memory_keyring, recorder, tmp_path
):
    certificate = tmp_path / "district-ca.pem"
    certificate.write_text("-----BEGIN CERTIFICATE-----\n")
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.district_panel.connection.setText(logins.ana)
    dialog.district_panel.ca_file.setText(str(tmp_path / "missing.pem"))
    dialog._on_save()
    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    assert "There is no file at" in dialog.district_panel.ca_message.text()
    assert district_ca_file() is None

    dialog.district_panel.ca_file.setText(str(certificate))
    dialog._on_save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert district_ca_file() == certificate
    assert certificate.name not in store.path.read_bytes().decode("latin-1")
    assert SettingsDialog(store).district_panel.ca_file.text() == str(certificate)

    # With the district's certificate the sync asks the server for verify-full TLS, which
    # this test server (no TLS) cannot give: the sync stops rather than go unchecked.
    window = MainWindow(store, today=lambda: TODAY)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.district_sync.sig_finished, timeout=30000) as finished:
        window.actions_by_name["sync"].trigger()
    error = finished.args[0]
    assert isinstance(error, DistrictError)
    assert "SSL" in str(error)
    assert not error.unreachable
    ((title, _text),) = recorder.errors
    assert title == "Not synced"

    certificate.unlink()
    with qtbot.waitSignal(window.district_sync.sig_finished, timeout=30000) as finished:
        window.actions_by_name["sync"].trigger()
    assert f"certificate file {certificate} is not there" in str(finished.args[0])


# ---- a district server that speaks TLS, with the district's own CA ---------------------------


def certificate_authority(name: str):
    """A CA's key and self-signed certificate (cryptography comes with keyring on Linux)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    return key, certificate


def server_certificate(ca_key, ca_certificate, address: str):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, address)]))
        .issuer_name(ca_certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(IPv4Address(address))]), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    return key, certificate


def pem(thing) -> bytes:
    from cryptography.hazmat.primitives import serialization

    if hasattr(thing, "private_bytes"):
        return thing.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    return thing.public_bytes(serialization.Encoding.PEM)


@pytest.fixture(scope="module")
def tls_district(tmp_path_factory):
    """A PostgreSQL server with TLS on, its certificate signed by the district's CA (whose
    file the coach is given), and the admin URL of a district database on it."""
    folder = tmp_path_factory.mktemp("district-ca")
    ca_key, ca_certificate = certificate_authority("Test District CA")
    (folder / "district-ca.pem").write_bytes(pem(ca_certificate))
    _other_key, other_certificate = certificate_authority("Some Other CA")
    (folder / "other-ca.pem").write_bytes(pem(other_certificate))
    server = start_server()
    key, certificate = server_certificate(ca_key, ca_certificate, "127.0.0.1")
    for name, content in (("server.crt", pem(certificate)), ("server.key", pem(key))):
        path = server.root / name
        path.write_bytes(content)
        path.chmod(0o600)
        if os.geteuid() == 0:
            shutil.chown(path, "postgres")
    with psycopg.connect(server.admin_url, autocommit=True) as admin:
        admin.execute(f"ALTER SYSTEM SET ssl_cert_file = '{server.root / 'server.crt'}'")
        admin.execute(f"ALTER SYSTEM SET ssl_key_file = '{server.root / 'server.key'}'")
        admin.execute("ALTER SYSTEM SET ssl = on")
        admin.execute("SELECT pg_reload_conf()")
    url = server.create_database("district")
    yield SimpleNamespace(url=url, ca=folder / "district-ca.pem", other=folder / "other-ca.pem")
    server.stop()


def test_with_the_districts_ca_certificate_the_sync_and_the_screen_check_the_server(
    qtbot, store, tls_district, memory_keyring, recorder, capsys
):
    assert main(["district", "init", "--url", tls_district.url]) == 0
    assert main(["district", "add-coach", "--url", tls_district.url, "Ana Ruiz"]) == 0
    line = last_line(capsys)
    save_teacher(store, TeacherForm(name="Maria Alvarez", school="Lincoln Elementary"))
    for certificate, verified in ((tls_district.other, False), (tls_district.ca, True)):
        dialog = SettingsDialog(store)
        qtbot.addWidget(dialog)
        dialog.district_panel.connection.setText(line)
        dialog.district_panel.ca_file.setText(str(certificate))
        dialog._on_save()
        assert dialog.result() == SettingsDialog.DialogCode.Accepted
        window = MainWindow(store, today=lambda: TODAY)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.district_sync.sig_finished, timeout=30000) as finished:
            window.actions_by_name["sync"].trigger()
        report = finished.args[0]
        if verified:
            assert not isinstance(report, Exception), report
            assert report.total_sent > 0
        else:
            # A server whose certificate the district's CA did not sign is refused.
            assert isinstance(report, DistrictError)
            assert "certificate verify failed" in str(report)
            assert "could not prove it is the district's" in str(report)
            assert not report.unreachable, "a refusal, not a network problem to retry"
        window.close()
    with psycopg.connect(line, sslmode="verify-full", sslrootcert=str(tls_district.ca)) as server:
        assert server.info.pgconn.ssl_in_use
        assert server.execute("SELECT name FROM teacher").fetchall() == [("Maria Alvarez",)]

    # The director's laptop, with the same certificate chosen: the District screen reads
    # through the checked connection too.
    assert main(["district", "add-director", "--url", tls_district.url, "Dana Cole"]) == 0
    window = open_window(qtbot, store, last_line(capsys))
    assert window.district_access.is_director() is True
    screen = show_district(qtbot, window)
    assert [c.name for c in screen.dashboard.synced] == ["Ana Ruiz"]
    assert len(recorder.errors) == 1  # only the refusal of the server under the other CA
