"""Settings ▸ District: the connection line the coordinator gave, sharing photos, and syncing
on its own. Saved with the rest of Settings; the password goes to the system keyring."""

from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QLineEdit

from app.services.district.passwords import keyring_available
from app.services.district.settings import (
    AUTOMATIC_SYNC_MINUTES,
    DistrictSettings,
    SavedDistrict,
    save_district_settings,
)
from app.store import Store
from app.views.common.widgets import FieldMessage, muted


class DistrictPanel(QGroupBox):
    def __init__(self, settings: DistrictSettings, parent=None):
        super().__init__("District", parent)
        self.connection = QLineEdit(settings.district_url)
        self.connection.setPlaceholderText("postgresql://coach_…@server/district")
        self.connection.setAccessibleName("District connection line")
        self.connection.setClearButtonEnabled(True)
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
        form = QFormLayout(self)
        form.addRow("&Connection", self.connection)
        form.addRow("", self.message)
        form.addRow("", self.share_photos)
        form.addRow("", self.automatic)
        form.addRow(
            "",
            muted(
                "Paste the line your coordinator gave you. "
                f"{password_home} Private notes never leave this laptop."
            ),
        )

    def save(self, store: Store) -> SavedDistrict:
        """Raises ValidationError (shown under the line by `show_message`)."""
        return save_district_settings(
            store,
            self.connection.text(),
            share_photos=self.share_photos.isChecked(),
            sync_automatically=self.automatic.isChecked(),
        )

    def show_message(self, text: str | None) -> None:
        self.message.show_message(text)
