"""Serialisation helpers for saved searches and job payloads."""
import base64
import json
import pickle

import yaml


def freeze(obj):
    return base64.b64encode(pickle.dumps(obj)).decode("ascii")


def thaw(blob):
    return pickle.loads(base64.b64decode(blob))


def read_settings(text):
    return yaml.safe_load(text)


def read_manifest(text):
    return yaml.load(text, Loader=yaml.Loader)


def read_json(text):
    return json.loads(text)
