"""Files written together with a database row, so a killed or failed run leaves no file behind
under a name that a row could point to.

Inside the row's transaction, `staged_files()` writes each file under a temporary name
("<name>.<token>.part"), moves it into place as the last step before the transaction commits,
and deletes it if the block fails (the transaction rolls back). The final name is the one the
caller asks for, not a "free" variant: a retry after a crash writes the same name again instead
of "report-v1_Ss3tBtb.pdf". A `.part` file is never referenced; `manage.py media_check` lists
and removes what a killed process left.
"""

import os
import secrets
from contextlib import contextmanager

from django.core.files.base import File

PART_SUFFIX = ".part"


class _Stage:
    def __init__(self):
        self._staged: list[tuple] = []

    def save(self, field_file, filename: str, content: File) -> str:
        """Write `content` for this FieldFile under a temporary name; return (and set) its final name."""
        storage = field_file.storage
        final = field_file.field.generate_filename(field_file.instance, filename)
        temporary = storage.save(f"{final}.{secrets.token_hex(6)}{PART_SUFFIX}", content)
        field_file.name = final
        self._staged.append((storage, temporary, final))
        return final

    def move_into_place(self) -> None:
        for storage, temporary, final in self._staged:
            os.replace(storage.path(temporary), storage.path(final))
        self._staged = []

    def discard(self) -> None:
        for storage, temporary, _final in self._staged:
            storage.delete(temporary)
        self._staged = []


@contextmanager
def staged_files():
    """Use inside the transaction that saves the rows: `with transaction.atomic(), staged_files() as files:`."""
    stage = _Stage()
    try:
        yield stage
    except BaseException:
        stage.discard()
        raise
    stage.move_into_place()
