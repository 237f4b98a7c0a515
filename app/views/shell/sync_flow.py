"""The district sync from the main window: Sync now, syncing on its own, and the status bar's
"Synced 5 min ago · 12 changes waiting" (or, offline, "Not connected: 12 changes waiting").

The sync runs as a background job; the notebook works the same while it runs, and offline.
A director's login writes nothing: Sync now says so and points to the District screen.
"""

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow

from app.services.district.address import DistrictError
from app.services.district.passwords import saved_password
from app.services.district.records import changes_waiting
from app.services.district.settings import AUTOMATIC_SYNC_MINUTES, district_settings, sync_status
from app.views.common import dialogs
from app.views.common.context import ScreenContext
from app.views.common.jobs import start_job
from app.views.district.access import DistrictAccess

STATUS_REFRESH_MS = 60 * 1000
# Changes are counted once a burst of them has settled (a lesson's sweeps, an import), not
# on the GUI thread after each one.
COUNT_AFTER_CHANGES_MS = 1500
DIRECTOR_STATUS = "Director's login: reads the district"
# What a sync job returns for a director's login: nothing was sent, and nothing may be.
DIRECTOR_LOGIN = "director"


class SyncFlow(QObject):
    # The finished sync's report, or its DistrictError (tests wait on it).
    sig_finished = Signal(object)

    def __init__(
        self, context: ScreenContext, window: QMainWindow, access: DistrictAccess | None = None
    ):
        super().__init__(window)
        self._store = context.store
        self.access = access or DistrictAccess(context, self)
        self.access.sig_role_known.connect(lambda _director: self.refresh())
        self._now = context.now
        self._window = window
        self._connected: bool | None = None
        self._job = None
        self._stopped = False  # set once the notebook is about to close under the window
        self.label = QLabel("")
        self.label.setAccessibleName("District sync")
        self.label.hide()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setInterval(STATUS_REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self._automatic_timer = QTimer(self)
        self._automatic_timer.setInterval(AUTOMATIC_SYNC_MINUTES * 60 * 1000)
        self._automatic_timer.timeout.connect(self._sync_on_its_own)
        self._count_soon = QTimer(self)
        self._count_soon.setSingleShot(True)
        self._count_soon.setInterval(COUNT_AFTER_CHANGES_MS)
        self._count_soon.timeout.connect(self.refresh)
        context.events.sig_data_changed.connect(lambda _changes: self._count_soon.start())

    @property
    def running(self) -> bool:
        return self._job is not None

    def start(self) -> None:
        """Once the window shows: the status, and the first sync if the coach asked for it."""
        if self._stopped:
            return
        self.refresh()
        self._refresh_timer.start()
        self._automatic_timer.start()
        self.access.check()
        self._sync_on_its_own()

    def stop(self) -> None:
        """No more counting or syncing from this window: its notebook is closing."""
        self._stopped = True
        self._count_soon.stop()
        self._refresh_timer.stop()
        self._automatic_timer.stop()

    def refresh(self) -> None:
        if self.running or self._stopped:
            return
        settings = district_settings(self._store)
        if settings.district_url and self.access.is_director():
            text = DIRECTOR_STATUS
        else:
            waiting = changes_waiting(self._store) if settings.district_url else 0
            text = sync_status(settings, waiting, self._now(), connected=self._connected)
        self.label.setText(text)
        self.label.setVisible(bool(text))

    def sync_now(self) -> None:
        """File ▸ Sync now: asks for what is missing and says how it went."""
        self._sync(quiet=False)

    def _sync_on_its_own(self) -> None:
        if not self._stopped and district_settings(self._store).sync_automatically:
            self._sync(quiet=True)

    def _sync(self, *, quiet: bool) -> None:
        if self.running or self._stopped:
            return
        settings = district_settings(self._store)
        address = settings.address
        if address is None:
            if not quiet:
                dialogs.show_info(
                    self._window,
                    "No district yet",
                    "Paste the connection line your coordinator gave you into "
                    "Settings ▸ District, then sync.",
                )
            return
        if self.access.is_director():
            if not quiet:
                self._say_director_login()
            return
        password = address.password or saved_password(address)
        if password is None:
            if quiet:
                return
            password = dialogs.ask_text(
                self._window,
                "District password",
                f"Password for {address.user} at {address.host}:",
                secret=True,
            )
            if password is None:
                return
        store, line, ca_file = self._store, settings.district_url, self.access.ca_file()
        # Until the server has said whose login this is, the job asks it first.
        role_known = self.access.is_director() is not None
        self.label.setText("Syncing with the district…")
        self.label.show()

        def work(state):
            from app.services.district.dashboard import is_director
            from app.services.district.sync import sync_notebook

            if not role_known and is_director(address, password=password, ca_file=ca_file):
                return DIRECTOR_LOGIN
            return sync_notebook(
                store,
                address,
                password=password,
                ca_file=ca_file,
                progress=lambda done, total: state.progress(done, total),
            )

        self._job = start_job(work, self._window)
        self._job.sig_progressed.connect(
            lambda done, total, _text: self.label.setText(f"Syncing: batch {done} of {total}…")
        )
        self._job.sig_succeeded.connect(
            lambda report: self._on_synced(report, line, password, quiet)
        )
        self._job.sig_failed.connect(lambda exc: self._on_failed(exc, quiet))

    def _say_director_login(self) -> None:
        dialogs.show_info(
            self._window,
            "Nothing to sync",
            "This is a director's login: it reads the whole district's figures and writes "
            "nothing, so there is nothing to send. Open the District screen (Go ▸ District) "
            "to see the month's dashboard.",
        )

    def _on_synced(self, report, line: str, password: str, quiet: bool) -> None:
        self._job = None
        self._connected = True
        if report == DIRECTOR_LOGIN:
            self.access.password_worked(password)
            self.access.remember(line, True)
            self.refresh()
            if not quiet:
                self._say_director_login()
            self.sig_finished.emit(report)
            return
        self.access.remember(line, False)
        self.refresh()
        sent, kept = report.total_sent, sum(report.withheld.values())
        if sent or kept:
            message = f"Synced with the district: {sent:,} change{'s' if sent != 1 else ''} sent"
            if kept:
                message += f", {kept:,} private notes or unshared photos kept on this laptop"
            message += "."
        else:
            message = "Synced with the district: nothing had changed."
        self._window.statusBar().showMessage(message, 8000)
        self.sig_finished.emit(report)

    def _on_failed(self, exc: Exception, quiet: bool) -> None:
        self._job = None
        unreachable = isinstance(exc, DistrictError) and exc.unreachable
        self._connected = False if unreachable else self._connected
        self.refresh()
        if not quiet:
            message = str(exc) if isinstance(exc, DistrictError) else f"The sync stopped: {exc}"
            dialogs.show_error(self._window, "Not synced", message)
        self.sig_finished.emit(exc)
