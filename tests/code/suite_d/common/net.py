"""Network tool wrappers for the field-device API."""
import ipaddress
import re
import subprocess

_HOSTNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]{0,252}")


def clean_hostname(value):
    """Return the hostname if it only contains DNS characters, else raise ValueError."""
    value = (value or "").strip()
    if not _HOSTNAME.fullmatch(value):
        raise ValueError("invalid hostname")
    return value


def clean_ip(value):
    return str(ipaddress.ip_address((value or "").strip()))


def run_argv(argv, timeout=30):
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    return proc.stdout


def run_shell(cmdline, timeout=30):
    # Pass-through: executes the given command line through /bin/sh.
    proc = subprocess.run(cmdline, shell=True, capture_output=True, text=True, timeout=timeout)
    return proc.stdout


class DeviceClient:
    def __init__(self, mgmt_ip):
        self.mgmt_ip = clean_ip(mgmt_ip)

    def ping(self, count=3):
        count = max(1, min(int(count), 10))
        return run_argv(["ping", "-c", str(count), "-W", "2", self.mgmt_ip], timeout=40)

    def traceroute(self, max_hops=15):
        return run_argv(["traceroute", "-m", str(int(max_hops)), self.mgmt_ip], timeout=90)
