"""Who the saved district login is. A director's login reads the whole district (the District
screen) and writes nothing, so Sync now leaves it alone.

The server is asked in the background when the window opens and when Settings saves a line,
and the answer is remembered for the session. So is a password typed for the District screen
(when no keyring keeps it): in memory only, never in the notebook.
"""

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.services.district.address import DistrictAddress, DistrictError, parse_address
from app.services.district.passwords import saved_password
from app.services.district.settings import district_settings
from app.views.common import dialogs
from app.views.common.context import ScreenContext
from app.views.common.jobs import start_job
from app.views.common.qsettings import district_ca_file


class DistrictAccess(QObject):
    # Whether the saved login is a director's, once the server has said (or a new line,
    # not asked about yet, is no director's as far as the window knows).
    sig_role_known = Signal(bool)
    # A finished check: True or False, or the DistrictError that stopped it (tests wait on it).
    sig_checked = Signal(object)

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(parent)
        self._store = context.store
        self._role: tuple[str, bool] | None = None  # (the line asked about, its answer)
        self._typed: dict[str, str] = {}  # line -> the password that worked this session

    def line(self) -> str:
        return district_settings(self._store).district_url

    def address(self) -> DistrictAddress | None:
        try:
            return district_settings(self._store).address
        except DistrictError:  # a saved line always parses; an unreadable one is no district
            return None

    def ca_file(self) -> Path | None:
        """The district's CA certificate chosen on this laptop (verify-full), if any."""
        return district_ca_file()

    def is_director(self) -> bool | None:
        """True or False for the saved line once the server has said; None until then."""
        if self._role is not None and self._role[0] == self.line():
            return self._role[1]
        return None

    def remember(self, line: str, director: bool) -> None:
        self._role = (line, director)
        if line == self.line():
            self.sig_role_known.emit(director)

    def password(self, address: DistrictAddress, *, ask_in=None) -> str | None:
        """The login's password: in the line, the keyring, or typed this session; else asked
        in a dialog over `ask_in` (None: not asked)."""
        known = address.password or saved_password(address) or self._typed.get(self.line())
        if known is not None or ask_in is None:
            return known
        return dialogs.ask_text(
            ask_in,
            "District password",
            f"Password for {address.user} at {address.host}:",
            secret=True,
        )

    def password_worked(self, password: str) -> None:
        self._typed[self.line()] = password

    def password_refused(self) -> None:
        """A typed password the server refused is asked again next time."""
        self._typed.pop(self.line(), None)

    def check(self, pasted_line: str = "") -> None:
        """Ask the server, in the background, whether the saved login is a director's.
        `pasted_line` is the line as Settings had it: its password (which the saved line
        leaves out) serves for the session when no keyring keeps it."""
        address = self.address()
        line = self.line()
        self._keep_pasted_password(pasted_line, line)
        if address is None:
            self.remember(line, False)
            self.sig_checked.emit(False)
            return
        if self.is_director() is None:
            # Until the server says, the window shows what a coach's login has.
            self.sig_role_known.emit(False)
        password = self.password(address)
        if password is None:
            # No keyring: the server is asked when the director first syncs or types it.
            self.sig_checked.emit(None)
            return
        ca_file = self.ca_file()

        def work(_state):
            from app.services.district.dashboard import is_director

            return is_director(address, password=password, ca_file=ca_file)

        job = start_job(work, self)
        job.sig_succeeded.connect(lambda director: self._on_checked(line, director))
        job.sig_failed.connect(self._on_failed)

    def _keep_pasted_password(self, pasted_line: str, line: str) -> None:
        try:
            pasted = parse_address(pasted_line) if pasted_line.strip() else None
        except DistrictError:
            return
        if pasted is not None and pasted.password and pasted.url(user=pasted.user) == line:
            self._typed[line] = pasted.password

    def _on_checked(self, line: str, director: bool) -> None:
        self.remember(line, bool(director))
        self.sig_checked.emit(bool(director))

    def _on_failed(self, exc: Exception) -> None:
        if not isinstance(exc, DistrictError):
            raise exc  # unexpected: the crash handler shows and logs it
        if not exc.unreachable:
            self.password_refused()
        # Offline or refused: asked again at the next sync or when Settings saves the line.
        self.sig_checked.emit(exc)
