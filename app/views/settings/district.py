"""Settings ▸ District: the connection line the coordinator gave, the district's CA certificate
(for verify-full), sharing photos, and syncing on its own. Saved with the rest of Settings;
the password goes to the system keyring, the certificate's path stays with this laptop's
window state (it is a file on this laptop, not a notebook record)."""

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
)

from app.services.district.passwords import keyring_available
from app.services.district.settings import (
    AUTOMATIC_SYNC_MINUTES,
    DistrictSettings,
    SavedDistrict,
    save_district_settings,
)
from app.services.errors import ValidationError
from app.store import Store
from app.views.common import dialogs
from app.views.common.qsettings import district_ca_file, save_district_ca_file
from app.views.common.widgets import FieldMessage, muted

CERTIFICATE_FILTER = "Certificates (*.pem *.crt *.cer);;All files (*)"


class DistrictPanel(QGroupBox):
    def __init__(self, settings: DistrictSettings, parent=None):
        super().__init__("District", parent)
        self.connection = QLineEdit(settings.district_url)
        self.connection.setPlaceholderText("postgresql://coach_…@server/district")
        self.connection.setAccessibleName("District connection line")
        self.connection.setClearButtonEnabled(True)
        chosen = district_ca_file()
        self.ca_file = QLineEdit(str(chosen) if chosen else "")
        self.ca_file.setPlaceholderText("Optional (.pem or .crt)")
        self.ca_file.setAccessibleName("District CA certificate file")
        self.ca_file.setToolTip(
            "The certificate file your district gives for its server (a .pem or .crt): "
            "with it, Coachbook checks it is talking to the district's own server."
        )
        self.ca_file.setClearButtonEnabled(True)
        self.ca_choose = QPushButton("Choose…")
        self.ca_choose.setAccessibleName("Choose the district CA certificate file")
        self.ca_message = FieldMessage()
        self.share_photos = QCheckBox("Share evidence photos with the district")
        self.share_photos.setChecked(settings.share_photos)
        self.automatic = QCheckBox(
            f"Sync when Coachbook opens and every {AUTOMATIC_SYNC_MINUTES} minutes"
        )
        self.automatic.setChecked(settings.sync_automatically)
        self.message = FieldMessage()
        password_home = (
            "The password in it is kept in the system keyring."
            if keyring_available()
            else "This computer has no keyring, so the password is asked at each sync."
        )
        certificate = QHBoxLayout()
        certificate.addWidget(self.ca_file, 1)
        certificate.addWidget(self.ca_choose)
        form = QFormLayout(self)
        form.addRow("&Connection", self.connection)
        form.addRow("", self.message)
        # A row holding a layout gets no buddy of its own: the label names the path field.
        ca_label = QLabel("C&A certificate")
        ca_label.setBuddy(self.ca_file)
        form.addRow(ca_label, certificate)
        form.addRow("", self.ca_message)
        form.addRow("", self.share_photos)
        form.addRow("", self.automatic)
        form.addRow(
            "",
            muted(
                "Paste the line your coordinator gave you. "
                f"{password_home} With the district's CA certificate, Coachbook also checks "
                "that it is talking to the district's own server. Private notes never leave "
                "this laptop."
            ),
        )
        self.ca_choose.clicked.connect(self._on_choose_ca_file)

    def _on_choose_ca_file(self) -> None:
        path = dialogs.ask_open_path(self, "The district's CA certificate", CERTIFICATE_FILTER)
        if path is not None:
            self.ca_file.setText(str(path))

    def chosen_ca_file(self) -> Path | None:
        """The certificate file typed or chosen; raises ValidationError when it is not there."""
        text = self.ca_file.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        if not path.is_file():
            raise ValidationError(
                {
                    "district_ca_file": f"There is no file at {path}. Choose the certificate "
                    "file your district gave you, or leave this empty."
                }
            )
        return path.resolve()

    def save(self, store: Store) -> SavedDistrict:
        """Raises ValidationError (shown under its field by `show_message`)."""
        self.ca_message.show_message(None)
        try:
            ca_file = self.chosen_ca_file()
        except ValidationError as exc:
            self.ca_message.show_message(exc.errors["district_ca_file"])
            raise
        saved = save_district_settings(
            store,
            self.connection.text(),
            share_photos=self.share_photos.isChecked(),
            sync_automatically=self.automatic.isChecked(),
        )
        save_district_ca_file(ca_file)
        return saved

    def show_message(self, text: str | None) -> None:
        self.message.show_message(text)
