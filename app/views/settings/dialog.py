"""Settings: the coach profile (DESIGN §2), saved in the notebook, and the theme, kept with
the window state on this computer (it is about the screen, not the notebook)."""

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QSpinBox,
)

from app.errors import CoachbookError
from app.models import PaperSize
from app.services.calendar import SchoolCalendar
from app.services.district.settings import district_settings
from app.services.errors import ValidationError
from app.services.profile import ProfileData, default_school_year, get_profile, save_profile
from app.services.tools.semesters import second_semester_start_on
from app.store import Store
from app.text import weekday_full_date
from app.views.common import dialogs
from app.views.common.qsettings import THEMES, save_theme, saved_theme
from app.views.common.style import THEME_LABELS, applied_theme, apply_theme
from app.views.common.widgets import (
    DayDateEdit,
    FieldMessage,
    fields_above_buttons,
    fit_to_screen,
    select_data,
)
from app.views.settings.district import DistrictPanel
from app.views.settings.protection import ProtectionPanel

# The second semester's field shows "the middle of the year" while it holds this day.
UNSET_DAY = QDate(2000, 1, 1)
MIDDLE_OF_THE_YEAR = "the middle of the year"


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class SettingsDialog(QDialog):
    def __init__(self, store: Store, today: date | None = None, parent=None):
        super().__init__(parent)
        self._store = store
        self._profile = get_profile(store)
        self._today = today or date.today()
        self.setWindowTitle("Settings")
        self.setMinimumWidth(480)
        self._build_layout()
        self._connect_signals()
        self._load(self._profile)
        fit_to_screen(self)

    def _build_layout(self) -> None:
        self.name = QLineEdit()
        self.title = QLineEdit()
        self.title.setPlaceholderText("e.g. Instructional Technology Specialist")
        self.district = QLineEdit()
        self.year_start = DayDateEdit()
        self.year_end = DayDateEdit()
        self.interval = QSpinBox()
        self.interval.setRange(1, 30)
        self.interval.setSuffix(" min")
        self.cycle_weeks = QSpinBox()
        self.cycle_weeks.setRange(1, 12)
        self.cycle_weeks.setSuffix(" weeks")
        self.paper = QComboBox()
        self.paper.addItem("US Letter", PaperSize.LETTER.value)
        self.paper.addItem("A4", PaperSize.A4.value)
        self.theme = QComboBox()
        for theme in THEMES:
            self.theme.addItem(THEME_LABELS[theme], theme)
        # Unticked, the year splits at its middle day; ticked, the second semester starts on
        # the day the district gives.
        self.own_second_start = QCheckBox("Second se&mester starts")
        self.second_start = DayDateEdit()
        self.second_start.setMinimumDate(UNSET_DAY)
        self.second_start.setSpecialValueText(MIDDLE_OF_THE_YEAR)
        for editor in (self.year_start, self.year_end, self.second_start):
            editor.setCalendarPopup(True)
            editor.setDisplayFormat("MMM d, yyyy")
        self.messages = {
            key: FieldMessage()
            # In the order they show, top to bottom.
            for key in (
                "school_year_end",
                "second_semester_start",
                "default_interval_minutes",
                "default_cycle_weeks",
            )
        }

        coach = QGroupBox("You")
        coach_form = QFormLayout(coach)
        coach_form.addRow("&Name", self.name)
        coach_form.addRow("&Title", self.title)
        coach_form.addRow("&District", self.district)
        year = QGroupBox("School year")
        year_form = QFormLayout(year)
        year_form.addRow("&Starts", self.year_start)
        year_form.addRow("&Ends", self.year_end)
        year_form.addRow("", self.messages["school_year_end"])
        year_form.addRow(self.own_second_start, self.second_start)
        year_form.addRow("", self.messages["second_semester_start"])
        defaults = QGroupBox("Defaults")
        defaults_form = QFormLayout(defaults)
        defaults_form.addRow("Sweep &interval", self.interval)
        defaults_form.addRow("", self.messages["default_interval_minutes"])
        defaults_form.addRow("&Cycle length", self.cycle_weeks)
        defaults_form.addRow("", self.messages["default_cycle_weeks"])
        defaults_form.addRow("&Paper size", self.paper)
        appearance = QGroupBox("Appearance")
        appearance_form = QFormLayout(appearance)
        appearance_form.addRow("T&heme", self.theme)

        for widget, name in (
            (self.name, "Your name"),
            (self.title, "Your title"),
            (self.district, "District"),
            (self.year_start, "School year starts"),
            (self.year_end, "School year ends"),
            (self.own_second_start, "Give the second semester its own first day"),
            (self.second_start, "Second semester starts"),
            (self.interval, "Default sweep interval in minutes"),
            (self.cycle_weeks, "Default cycle length in weeks"),
            (self.paper, "Paper size"),
            (self.theme, "Theme: light, dark or the same as the system"),
        ):
            widget.setAccessibleName(name)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        # Its buttons act at once (the main window closes Settings and converts the notebook);
        # its lock time is saved as it changes, Save or not.
        self.protection = ProtectionPanel(self._store.protected)
        self.district_panel = DistrictPanel(district_settings(self._store))
        self.body = fields_above_buttons(
            self,
            (coach, year, defaults, appearance, self.protection, self.district_panel),
            self.buttons,
        )

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        self.own_second_start.toggled.connect(self._on_own_second_start_toggled)
        self.year_start.dateChanged.connect(self._on_year_changed)
        self.year_end.dateChanged.connect(self._on_year_changed)

    def _load(self, profile: ProfileData) -> None:
        start, end = default_school_year(self._today)
        self.name.setText(profile.name)
        self.title.setText(profile.title)
        self.district.setText(profile.district)
        self.year_start.setDate(_qdate(profile.school_year_start or start))
        self.year_end.setDate(_qdate(profile.school_year_end or end))
        second = profile.second_semester_start
        self.own_second_start.setChecked(second is not None)
        self.second_start.setDate(UNSET_DAY if second is None else _qdate(second))
        self._on_own_second_start_toggled(second is not None)
        self.interval.setValue(profile.default_interval_minutes)
        self.cycle_weeks.setValue(profile.default_cycle_weeks)
        self.paper.setCurrentIndex(max(0, self.paper.findData(profile.paper_size)))
        select_data(self.theme, saved_theme(), fallback=0)

    def current_profile(self) -> ProfileData:
        return ProfileData(
            name=self.name.text().strip(),
            title=self.title.text().strip(),
            district=self.district.text().strip(),
            school_year_start=self.year_start.date().toPython(),
            school_year_end=self.year_end.date().toPython(),
            second_semester_start=self.chosen_second_start(),
            default_interval_minutes=self.interval.value(),
            default_cycle_weeks=self.cycle_weeks.value(),
            paper_size=self.paper.currentData(),
            is_sample=self._profile.is_sample,
        )

    def chosen_second_start(self) -> date | None:
        """The second semester's first day as chosen; None for the middle of the year."""
        if not self.own_second_start.isChecked() or self.second_start.date() == UNSET_DAY:
            return None
        return self.second_start.date().toPython()

    def _middle_of_the_year(self) -> date:
        start, end = self.year_start.date().toPython(), self.year_end.date().toPython()
        return second_semester_start_on(start, end) if start < end else end

    def _on_own_second_start_toggled(self, own: bool) -> None:
        self.second_start.setEnabled(own)
        if own and self.second_start.date() == UNSET_DAY:
            # Start from the middle day, which the district's date is usually near.
            self.second_start.setDate(_qdate(self._middle_of_the_year()))
        elif not own:
            self.second_start.setDate(UNSET_DAY)
        self._on_year_changed()

    def _on_year_changed(self) -> None:
        """A new year's dates carry the chosen day of the year with them."""
        middle = weekday_full_date(self._middle_of_the_year())
        self.second_start.setToolTip(
            f"Unticked, the second semester starts in the middle of the year ({middle})."
        )
        chosen = self.chosen_second_start()
        start, end = self.year_start.date().toPython(), self.year_end.date().toPython()
        if chosen is not None and not start < chosen <= end:
            # The same day of the year, in the year now set (if it falls there).
            moved = SchoolCalendar.from_dates(start, end, chosen).second_semester_first_day(
                start, end
            )
            if moved is not None:
                self.second_start.setDate(_qdate(moved))

    def show_messages(self, errors: dict[str, str]) -> None:
        """Each field's message under it; the dialog grows to show them, or scrolls to the first."""
        for key, message in self.messages.items():
            message.show_message(errors.get(key))
        fit_to_screen(self)
        shown = [m for m in self.messages.values() if not m.isHidden()]
        if shown:
            self.body.ensureWidgetVisible(shown[0])

    def _on_save(self) -> None:
        try:
            save_profile(self._store, self.current_profile())
            self.district_panel.show_message(None)
            self.saved_district = self.district_panel.save(self._store)
        except ValidationError as exc:
            self.show_messages(exc.errors)
            self.district_panel.show_message(exc.errors.get("district_url"))
            if {"district_url", "district_ca_file"} & exc.errors.keys():
                self.body.ensureWidgetVisible(self.district_panel)
            return
        except CoachbookError as exc:
            dialogs.show_error(self, "Not saved", str(exc))
            return
        theme = self.theme.currentData()
        if theme != saved_theme():
            save_theme(theme)
        if theme != applied_theme():
            apply_theme(theme)
        self.accept()
