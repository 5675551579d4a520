import json
import logging
import socket

from django.core.management.base import BaseCommand, CommandError

from objectives.loading import load_strategy
from objectives.models import Strategy
from objectives.strategy_2015_2020 import STRATEGY_2015_2020
from ops import notification_bench as bench
from ops import volume

# Targets of issue 18 (docs/performance.md).
MAX_DIGEST_SECONDS = 60


class Mailbox:
    """An SMTP server that counts what it receives (aiosmtpd, a development dependency)."""

    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


def smtp_server():
    """(mailbox, controller, settings for the app to send to it) on a free local port."""
    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # a line per SMTP command
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False,
    }
    return mailbox, controller, settings


class Command(BaseCommand):
    help = (
        "Measure what notifications cost: submitting, returning and verifying an item with "
        "the notifications on and muted (p50/p95 over --rounds), and a daily run that bundles "
        "and sends the digests of --users people with --events returns waiting, through the "
        "task worker to an SMTP server on 127.0.0.1. Run it on a database of its own: it "
        "refuses one that holds evidence."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=60)
        parser.add_argument("--users", type=int, default=500)
        parser.add_argument("--events", type=int, default=10_000)
        parser.add_argument("--json", action="store_true", dest="as_json")

    def handle(self, *args, rounds, users, events, as_json, **options):
        if rounds < 2 or users < 1 or events < users:
            raise CommandError("Give at least 2 rounds, 1 user and as many events as users.")
        if volume.real_evidence().exists() or volume.synthetic_evidence().exists():
            raise CommandError(
                "This database holds evidence: run the benchmark on a fresh one "
                "(make bench-notifications, docs/performance.md)."
            )
        strategy = Strategy.objects.current() or load_strategy(STRATEGY_2015_2020)[0]
        self.stdout.write(f"Requests: {rounds} rounds of submit, return and verify…")
        samples = bench.request_costs(strategy, rounds)
        self.stdout.write(f"Daily run: {users} people, {events} returns waiting…")
        bench.waiting_digests(strategy, users, events)
        mailbox, controller, smtp_settings = smtp_server()
        try:
            queue_ms, send_ms, sent = bench.digest_run(smtp_settings)
        finally:
            controller.stop()
        figures = self._figures(samples, users, events, queue_ms, send_ms, sent, mailbox.count)
        if as_json:
            self.stdout.write(json.dumps(figures, indent=2))
        else:
            self._print(figures)

    @staticmethod
    def _figures(samples, users, events, queue_ms, send_ms, sent, received):
        requests = {
            f"{action} {mode}": {
                "p50": round(bench.percentile(values, 50), 2),
                "p95": round(bench.percentile(values, 95), 2),
            }
            for (action, mode), values in samples.items()
        }
        total = (queue_ms + send_ms) / 1000
        return {
            "requests_ms": requests,
            "digest": {
                "users": users,
                "events": events,
                "queue_s": round(queue_ms / 1000, 2),
                "send_s": round(send_ms / 1000, 2),
                "total_s": round(total, 2),
                "emails_sent": sent,
                "emails_received": received,
                "under_target": total < MAX_DIGEST_SECONDS and sent == received == users,
            },
        }

    def _print(self, figures):
        self.stdout.write("\n| request | notifications | p50 ms | p95 ms |\n|---|---|---:|---:|")
        for name, values in figures["requests_ms"].items():
            action, mode = name.split()
            self.stdout.write(f"| {action} | {mode} | {values['p50']} | {values['p95']} |")
        digest = figures["digest"]
        self.stdout.write(
            f"\nDaily run, {digest['users']} people, {digest['events']} events: digests queued "
            f"in {digest['queue_s']} s, {digest['emails_sent']} sent (received "
            f"{digest['emails_received']}) in {digest['send_s']} s; total {digest['total_s']} s."
        )
        style = self.style.SUCCESS if digest["under_target"] else self.style.ERROR
        self.stdout.write(style(f"Target: under {MAX_DIGEST_SECONDS} s, every digest once."))
