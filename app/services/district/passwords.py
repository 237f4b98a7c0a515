"""The district password in the operating system's keyring, never in the notebook.

Without a usable keyring (a bare Linux session, say) nothing is stored and the app asks for
the password at each sync instead.
"""

from app.services.district.address import DistrictAddress

SERVICE = "Coachbook district"


def _account(address: DistrictAddress) -> str:
    return f"{address.user}@{address.where}"


def keyring_available() -> bool:
    try:
        import keyring
        from keyring.backends import fail

        return not isinstance(keyring.get_keyring(), fail.Keyring)
    except Exception:  # a broken keyring backend is no keyring
        return False


def save_password(address: DistrictAddress, password: str) -> bool:
    """Keep the password in the keyring; False when there is none to keep it in."""
    if not keyring_available():
        return False
    import keyring

    try:
        keyring.set_password(SERVICE, _account(address), password)
    except Exception:  # locked or refused: ask at each sync instead
        return False
    return True


def saved_password(address: DistrictAddress) -> str | None:
    if not keyring_available():
        return None
    import keyring

    try:
        return keyring.get_password(SERVICE, _account(address))
    except Exception:
        return None
