"""A counting SMTP sink (aiosmtpd on 127.0.0.1) in its own process, for the benchmark."""

import multiprocessing
import time

from aiosmtpd.controller import Controller


class CountingHandler:
    def __init__(self, counter):
        self.counter = counter

    async def handle_DATA(self, server, session, envelope):
        with self.counter.get_lock():
            self.counter.value += len(envelope.rcpt_tos)
        return "250 Message accepted for delivery"


def _serve(port: int, counter, ready, stop) -> None:
    controller = Controller(CountingHandler(counter), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


class SinkProcess:
    def __init__(self, port: int):
        self.port = port
        self.counter = multiprocessing.Value("q", 0)
        self._ready = multiprocessing.Event()
        self._stop = multiprocessing.Event()
        self._process = multiprocessing.Process(
            target=_serve, args=(port, self.counter, self._ready, self._stop), daemon=True
        )

    def start(self) -> "SinkProcess":
        self._process.start()
        if not self._ready.wait(10):
            raise RuntimeError("SMTP sink did not start")
        time.sleep(0.2)
        return self

    def reset(self) -> None:
        with self.counter.get_lock():
            self.counter.value = 0

    @property
    def pid(self) -> int:
        return self._process.pid

    @property
    def count(self) -> int:
        return self.counter.value

    def stop(self) -> None:
        self._stop.set()
        self._process.join(10)
