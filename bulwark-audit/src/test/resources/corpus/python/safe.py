"""Look-alikes of every Python rule that are safe: none of these lines is a finding."""
import hashlib
import json
import random
import secrets
import subprocess

import requests
import yaml

# pickle.loads(blob) in a comment is not code
NOTE = "never call pickle.loads on untrusted data"  # look-alike BWK-PY-001 string


def load_session(blob):
    return json.loads(blob)  # look-alike BWK-PY-001 json


def read_config(text):
    return yaml.load(text, Loader=yaml.SafeLoader)  # look-alike BWK-PY-002 safe loader


def read_config_simple(text):
    return yaml.safe_load(text)  # look-alike BWK-PY-002 safe_load


def archive(name):
    subprocess.run(["tar", "czf", "backup.tgz", name], shell=False)  # look-alike BWK-PY-003 list
    return "shell=True"  # look-alike BWK-PY-003 string


def shuffle_cards(cards):
    random.shuffle(cards)  # look-alike BWK-PY-004 game
    return cards


def make_reset_token():
    return secrets.token_urlsafe(32)  # look-alike BWK-PY-004 secrets


def file_checksum(data):
    return hashlib.md5(data).hexdigest()  # look-alike BWK-PY-005 checksum


def fetch(url, ca_bundle):
    return requests.get(url, verify=ca_bundle)  # look-alike BWK-PY-006 bundle


verify = False  # look-alike BWK-PY-006 plain variable


def find_user(conn, name):
    cur = conn.cursor()
    cur.execute("SELECT * FROM users WHERE name = %s", (name,))  # look-alike BWK-PY-007 parameters
    cur.execute(f"SELECT count(*) FROM users")  # look-alike BWK-PY-007 no placeholders
    label = f"user {name}"
    cur.execute("SELECT * FROM t WHERE label = ?", (label,))  # look-alike BWK-PY-007 label
    return cur.fetchall()
