"""A real SMTP server for SmtpMailerDeliveryTest: aiosmtpd on 127.0.0.1, STARTTLS required.

Usage: python3 smtp_starttls_sink.py DIR
Writes DIR/cert.pem (self-signed, SAN IP 127.0.0.1) and DIR/key.pem, prints "READY <port>", and
writes each accepted message to DIR/message-<n>.eml with a first line "X-Sink-TLS: yes|no" (whether
the session was under STARTTLS when DATA came). Runs until stdin closes.
"""
import datetime
import ipaddress
import os
import socket
import ssl
import sys

from aiosmtpd.controller import Controller
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

out = sys.argv[1]
key = ec.generate_private_key(ec.SECP256R1())
name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
now = datetime.datetime.now(datetime.timezone.utc)
cert = (
    x509.CertificateBuilder()
    .subject_name(name)
    .issuer_name(name)
    .public_key(key.public_key())
    .serial_number(x509.random_serial_number())
    .not_valid_before(now - datetime.timedelta(minutes=5))
    .not_valid_after(now + datetime.timedelta(days=1))
    .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
    .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
    .sign(key, hashes.SHA256())
)
with open(os.path.join(out, "cert.pem"), "wb") as f:
    f.write(cert.public_bytes(serialization.Encoding.PEM))
with open(os.path.join(out, "key.pem"), "wb") as f:
    f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))

context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(os.path.join(out, "cert.pem"), os.path.join(out, "key.pem"))


class Sink:
    count = 0

    async def handle_DATA(self, server, session, envelope):
        Sink.count += 1
        tls = "yes" if session.ssl is not None else "no"
        with open(os.path.join(out, "message-%d.eml" % Sink.count), "wb") as f:
            f.write(("X-Sink-TLS: %s\r\nX-Sink-Rcpt: %s\r\n" % (tls, ",".join(envelope.rcpt_tos))).encode("ascii"))
            f.write(envelope.content)
        return "250 OK"


# aiosmtpd's controller cannot bind port 0 (it connects to itself to check it started): take a free one.
probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()
controller = Controller(Sink(), hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True)
controller.start()
print("READY %d" % port, flush=True)
sys.stdin.read()
controller.stop()
