"""A local SMTP sink for the Mail tests, built on aiosmtpd.

Usage: python3 smtp-sink.py OUTDIR [--reject-rcpt ADDRESS]... [--auth USER:PASSWORD] [--auth-only MECHANISM]
                            [--starttls CERT KEY] [--smtps CERT KEY] [--no-ehlo]

Listens on a free port of 127.0.0.1, prints "PORT <n>" once ready, writes each accepted message to
OUTDIR/<n>.json (envelope, the EHLO name, TLS and AUTH state, and the content after dot-unstuffing, base64),
and exits when its standard input closes or on SIGTERM.
"""

import argparse
import base64
import json
import os
import signal
import socket
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult


class Handler:
    def __init__(self, outdir, rejected):
        self.outdir = outdir
        self.rejected = {address.lower() for address in rejected}
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.rejected:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        record = {
            "mail_from": envelope.mail_from,
            "mail_options": envelope.mail_options,
            "rcpt_tos": envelope.rcpt_tos,
            "ehlo": session.host_name,
            # session.ssl is set after STARTTLS only; with implicit TLS the transport itself is TLS.
            "tls": session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None,
            "auth_login": session.auth_data.login.decode() if session.authenticated else None,
            "content": base64.b64encode(envelope.original_content).decode(),
        }
        path = os.path.join(self.outdir, "%04d.json" % self.count)
        with open(path + ".tmp", "w") as out:
            json.dump(record, out)
        os.rename(path + ".tmp", path)
        return "250 2.0.0 accepted"


class Authenticator:
    def __init__(self, user, password):
        self.user = user.encode()
        self.password = password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = auth_data.login == self.user and auth_data.password == self.password
        # handled=False: aiosmtpd itself answers 535 on failure (with its default, True, it answers nothing).
        return AuthResult(success=ok, handled=False, auth_data=auth_data)


class HeloOnlySMTP(SMTP):
    async def smtp_EHLO(self, hostname):
        await self.push("502 5.5.1 EHLO not implemented")


class HeloOnlyController(Controller):
    def factory(self):
        return HeloOnlySMTP(self.handler, **self.SMTP_kwargs)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def tls_context(cert, key):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def main():
    # A process started from a thread with signals blocked (as test runners' worker threads are) inherits that
    # mask, and SIGTERM would never arrive: unblock everything before any thread starts.
    signal.pthread_sigmask(signal.SIG_SETMASK, set())
    parser = argparse.ArgumentParser()
    parser.add_argument("outdir")
    parser.add_argument("--reject-rcpt", action="append", default=[])
    parser.add_argument("--auth")
    parser.add_argument("--auth-only")
    parser.add_argument("--starttls", nargs=2)
    parser.add_argument("--smtps", nargs=2)
    parser.add_argument("--no-ehlo", action="store_true")
    args = parser.parse_args()

    options = {"server_hostname": "sink.test"}
    if args.auth:
        user, password = args.auth.split(":", 1)
        options["authenticator"] = Authenticator(user, password)
        options["auth_require_tls"] = False
        options["auth_required"] = True
        if args.auth_only:
            options["auth_exclude_mechanism"] = [m for m in ("PLAIN", "LOGIN") if m != args.auth_only]
    if args.starttls:
        options["tls_context"] = tls_context(*args.starttls)
        options["require_starttls"] = True
    ssl_context = tls_context(*args.smtps) if args.smtps else None
    controller_class = HeloOnlyController if args.no_ehlo else Controller

    for attempt in range(20):
        port = free_port()
        controller = controller_class(
            Handler(args.outdir, args.reject_rcpt), hostname="127.0.0.1", port=port, ssl_context=ssl_context,
            **options)
        try:
            controller.start()
            break
        except OSError:
            continue
    else:
        sys.exit("no free port")
    print("PORT %d" % port, flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
