"""Settings ▸ District: the connection line (its password goes to the keyring), sharing
photos, syncing on its own, and the status bar's words about the last sync."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update

from app.models import EvidenceFile, SyncState
from app.models.base import as_utc
from app.services.district.address import DistrictAddress, DistrictError, parse_address
from app.services.district.passwords import save_password
from app.services.district.records import sync_state
from app.services.errors import ValidationError
from app.store import Store

# Sync on its own: when the app opens, then this often while the server answers.
AUTOMATIC_SYNC_MINUTES = 30


@dataclass(frozen=True)
class DistrictSettings:
    district_url: str
    share_photos: bool
    sync_automatically: bool
    synced_at: datetime | None

    @property
    def address(self) -> DistrictAddress | None:
        return parse_address(self.district_url) if self.district_url else None


@dataclass(frozen=True)
class SavedDistrict:
    settings: DistrictSettings
    # The password was in the line and went to the keyring (False: asked at each sync).
    password_kept: bool


def district_settings(store: Store) -> DistrictSettings:
    state = sync_state(store)
    return DistrictSettings(
        state.district_url, state.share_photos, state.sync_automatically, state.synced_at
    )


def save_district_settings(
    store: Store, line: str, *, share_photos: bool, sync_automatically: bool
) -> SavedDistrict:
    """Saved at once. A password in the line goes to the keyring, never into the notebook."""
    line = line.strip()
    address = None
    if line:
        try:
            address = parse_address(line)
        except DistrictError as exc:
            raise ValidationError({"district_url": str(exc)}) from None
    kept = bool(address and address.password and save_password(address, address.password))
    with store.session() as session:
        state = session.get(SyncState, 1) or SyncState(id=1)
        if state.share_photos != share_photos:
            # Every photo goes up (or is taken down) at the next sync.
            session.exec(update(EvidenceFile).values(updated_at=EvidenceFile.updated_at))
        # Naming the user again leaves the password out of the saved line.
        state.district_url = address.url(user=address.user) if address else ""
        state.share_photos = share_photos
        state.sync_automatically = sync_automatically and address is not None
        session.add(state)
    return SavedDistrict(district_settings(store), kept)


def sync_status(
    settings: DistrictSettings, waiting: int, now: datetime, *, connected: bool | None
) -> str:
    """ "Synced 5 min ago · 12 changes waiting", or "Not connected: 12 changes waiting"."""
    changes = "1 change waiting" if waiting == 1 else f"{waiting:,} changes waiting"
    if not settings.district_url:
        return ""
    if connected is False:
        return f"Not connected: {changes}" if waiting else "Not connected"
    if settings.synced_at is None:
        return f"Not synced yet · {changes}" if waiting else "Not synced yet"
    minutes = int((as_utc(now) - as_utc(settings.synced_at)).total_seconds() // 60)
    if minutes < 1:
        when = "Synced just now"
    elif minutes < 60:
        when = f"Synced {minutes} min ago"
    elif minutes < 48 * 60:
        hours = minutes // 60
        when = f"Synced {hours} hour{'s' if hours > 1 else ''} ago"
    else:
        when = f"Synced {minutes // (24 * 60)} days ago"
    return f"{when} · {changes}" if waiting else f"{when} · up to date"
