"""Planted insecure Python: every marked line is a finding."""
import hashlib
import marshal
import pickle
import random
import shelve
import sqlite3
import subprocess

import requests
import yaml


def load_session(blob):
    return pickle.loads(blob)  # planted BWK-PY-001 pickle


def load_code(blob):
    return marshal.loads(blob)  # planted BWK-PY-001 marshal


def open_cache(path):
    return shelve.open(path)  # planted BWK-PY-001 shelve


def read_config(text):
    return yaml.load(text, Loader=yaml.Loader)  # planted BWK-PY-002 loader


def read_config_default(stream):
    return yaml.load(stream)  # planted BWK-PY-002 default


def archive(name):
    subprocess.run("tar czf backup.tgz " + name, shell=True)  # planted BWK-PY-003 run
    return subprocess.check_output(
        f"du -sh {name}",
        shell=True,  # the call spans lines: reported where it starts
    )  # noqa


def make_reset_token():
    return "".join(random.choice("abcdef0123456789") for _ in range(32))  # planted BWK-PY-004 def


session_key = random.getrandbits(128)  # planted BWK-PY-004 assignment


def hash_password(password):
    return hashlib.md5(password.encode()).hexdigest()  # planted BWK-PY-005 md5


def store_user(name, pwd):
    digest = hashlib.sha1(pwd.encode()).hexdigest()  # planted BWK-PY-005 sha1
    return name, digest


def fetch(url):
    return requests.get(url, verify=False)  # planted BWK-PY-006


def find_user(conn, name):
    cur = conn.cursor()
    cur.execute(f"SELECT * FROM users WHERE name = '{name}'")  # planted BWK-PY-007 fstring
    cur.execute("DELETE FROM users WHERE id = %s" % name)  # planted BWK-PY-007 percent
    query = "UPDATE users SET seen = 1 WHERE name = '{}'".format(name)
    cur.execute(query)  # planted BWK-PY-007 variable
    return cur.fetchall()
