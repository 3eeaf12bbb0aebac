"""A real SMTP server on 127.0.0.1 (aiosmtpd) that records what it accepts.

Per recipient it can answer 451 a few times before accepting, or 550 always.
"""

import socket
import threading
from collections import Counter
from email import message_from_bytes
from email.message import Message

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SinkHandler:
    def __init__(self):
        self.lock = threading.Lock()
        self.messages: list[Message] = []
        self.temporary: dict[str, int] = {}  # address -> how many more times to answer 451
        self.permanent: set[str] = set()
        self.rcpt_attempts: Counter = Counter()
        self.on_message = None  # callable(recipient) run before accepting DATA

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        address = address.lower()
        with self.lock:
            self.rcpt_attempts[address] += 1
            if address in self.permanent:
                return "550 5.1.1 Mailbox unavailable"
            if self.temporary.get(address, 0) > 0:
                self.temporary[address] -= 1
                return "451 4.7.1 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.on_message is not None:
            for rcpt in envelope.rcpt_tos:
                self.on_message(rcpt)
        message = message_from_bytes(envelope.content)
        with self.lock:
            for rcpt in envelope.rcpt_tos:
                message["X-Sink-Rcpt"] = rcpt
                self.messages.append(message)
        return "250 Message accepted for delivery"

    def count_by_recipient(self) -> Counter:
        with self.lock:
            return Counter(m["X-Sink-Rcpt"] for m in self.messages)


class SmtpSink:
    def __init__(self):
        self.handler = SinkHandler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()
