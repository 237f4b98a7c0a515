"""The district's PostgreSQL address: read from a connection line, given the TLS it needs."""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from app.errors import CoachbookError

if TYPE_CHECKING:
    import psycopg

# psycopg is imported where it is used: it takes over half a second, which the app's
# start-up and Settings need not pay.

# The server on this machine: no network between the laptop and it, so no TLS is needed.
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
DEFAULT_PORT = 5432


class DistrictError(CoachbookError):
    """The district server refused, could not be reached, or is not set up yet."""

    def __init__(self, message: str, *, unreachable: bool = False):
        super().__init__(message)
        # No answer or a lost connection (offline), not a refusal: worth trying again later.
        self.unreachable = unreachable


@dataclass(frozen=True)
class DistrictAddress:
    host: str
    port: int
    database: str
    user: str
    password: str | None = None

    @property
    def is_local(self) -> bool:
        return self.host in LOCAL_HOSTS or self.host.startswith("/")

    @property
    def where(self) -> str:
        """HOST:PORT/DB, never the password: for messages."""
        return f"{self.host}:{self.port}/{self.database}"

    def url(self, user: str | None = None, password: str | None = None) -> str:
        """postgresql://USER:PASSWORD@HOST:PORT/DB for `user` (default: this address's)."""
        who = quote(user or self.user, safe="")
        secret = password if user else (password or self.password)
        if secret:
            who += ":" + quote(secret, safe="")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"postgresql://{who}@{host}:{self.port}/{quote(self.database, safe='')}"


def parse_address(url: str) -> DistrictAddress:
    """The address in a postgresql:// connection line; a clear message when it is not one."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    text = url.strip()
    if not text.startswith(("postgresql://", "postgres://")):
        raise DistrictError(
            "The district connection should look like postgresql://USER@HOST/DATABASE "
            "(your district's coordinator gives it to you)."
        )
    try:
        parts = conninfo_to_dict(text)
    except psycopg.ProgrammingError as exc:
        raise DistrictError(f"The district connection line can't be read: {exc}.") from None
    missing = [name for name in ("host", "dbname", "user") if not parts.get(name)]
    if missing:
        names = {"host": "the server's name", "dbname": "the database", "user": "the user"}
        raise DistrictError(
            "The district connection line lacks "
            + " and ".join(names[m] for m in missing)
            + ": write it as postgresql://USER@HOST/DATABASE."
        )
    try:
        port = int(parts.get("port") or DEFAULT_PORT)
    except ValueError:
        raise DistrictError(f"“{parts['port']}” is not a port number.") from None
    return DistrictAddress(
        host=str(parts["host"]),
        port=port,
        database=str(parts["dbname"]),
        user=str(parts["user"]),
        password=parts.get("password") or None,
    )


def tls_options(address: DistrictAddress, ca_file: Path | None = None) -> dict[str, str]:
    """verify-full with the district's CA file; else encrypted (require) unless the server is
    on this machine."""
    if ca_file is not None:
        if not ca_file.is_file():
            raise DistrictError(
                f"The district's certificate file {ca_file} is not there; check the path."
            )
        return {"sslmode": "verify-full", "sslrootcert": str(ca_file)}
    if address.is_local:
        return {"sslmode": "prefer"}
    return {"sslmode": "require"}


def connect(
    address: DistrictAddress,
    *,
    ca_file: Path | None = None,
    password: str | None = None,
    autocommit: bool = False,
    timeout_seconds: int = 10,
) -> "psycopg.Connection":
    """A psycopg connection to the district server, or a DistrictError saying what to do."""
    import psycopg

    try:
        return psycopg.connect(
            host=address.host,
            port=address.port,
            dbname=address.database,
            user=address.user,
            password=password or address.password,
            connect_timeout=timeout_seconds,
            application_name="coachbook",
            autocommit=autocommit,
            **tls_options(address, ca_file),
        )
    except psycopg.OperationalError as exc:
        message, unreachable = _unreachable(address, exc)
        raise DistrictError(message, unreachable=unreachable) from None


def _unreachable(address: DistrictAddress, exc: Exception) -> tuple[str, bool]:
    """The failure in words, and whether it was only the network (try again later)."""
    detail = str(exc).strip().splitlines()[-1] if str(exc).strip() else ""
    if "password authentication failed" in detail or "no password supplied" in detail:
        return (
            f"The district server at {address.where} did not accept the password for "
            f"{address.user}; check the connection line, or ask your coordinator for a new one."
        ), False
    if "does not exist" in detail or "not permitted to log in" in detail:
        return f"The district server at {address.where} says: {detail}.", False
    whole = str(exc)
    if "certificate verify failed" in whole or "does not match host name" in whole:
        # Not the network: the server could not prove it is the district's.
        return (
            f"The district server at {address.where} could not prove it is the district's "
            f"({detail}); nothing was sent. Check the CA certificate in Settings ▸ District "
            "with your coordinator."
        ), False
    if "does not support SSL" in whole:
        return (
            f"The district server at {address.where} offers no encrypted connection (SSL), "
            "which a CA certificate requires; nothing was sent. Ask your coordinator to turn "
            "on TLS, or clear the CA certificate in Settings ▸ District for a server on this "
            "computer."
        ), False
    return (
        f"Could not reach the district server at {address.where} ({detail or 'no answer'}). "
        "Check the network; everything stays saved on this laptop."
    ), True
