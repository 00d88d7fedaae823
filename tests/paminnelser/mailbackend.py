"""An e-mail backend for the real-worker tests: every message becomes a JSON file in
PAMINNELSE_MAIL_DIR, which the test process reads. PAMINNELSE_MAIL_FAIL_FIRST=N makes the
first N sends fail like a mail server that is down."""

import json
import os
import smtplib
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


def _fail_now(directory: Path) -> bool:
    fail_first = int(os.environ.get("PAMINNELSE_MAIL_FAIL_FIRST", "0"))
    for n in range(fail_first):
        try:
            # O_EXCL: each failure slot is taken once, even by concurrent processes.
            fd = os.open(directory / f"fail-{n}", os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            continue
        os.close(fd)
        return True
    return False


class FileBackend(BaseEmailBackend):
    def send_messages(self, messages):
        directory = Path(os.environ["PAMINNELSE_MAIL_DIR"])
        for message in messages:
            if _fail_now(directory):
                raise smtplib.SMTPServerDisconnected("Testserver: anslutningen bröts")
            data = {"to": message.to, "subject": message.subject, "body": message.body}
            path = directory / f"mail-{uuid.uuid4().hex}.json"
            path.write_text(json.dumps(data, ensure_ascii=False))
        return len(messages)


def read_mails(directory: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(directory.glob("mail-*.json"))]
