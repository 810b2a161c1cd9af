import json
import subprocess
import sys

MAINTENANCE = {
    "vacuum": ["psql", "-d", "portal", "-c", "VACUUM ANALYZE"],
    "rotate": ["logrotate", "/etc/logrotate.d/portal"],
    "reindex": ["/opt/portal/bin/reindex", "--all"],
}


def make_runner(timeout):
    def run(job_name):
        argv = MAINTENANCE.get(job_name)
        if argv is None:
            return {"job": job_name, "skipped": True}
        proc = subprocess.run(argv, capture_output=True, timeout=timeout)
        return {"job": job_name, "rc": proc.returncode}
    return run


if __name__ == "__main__":
    runner = make_runner(timeout=600)
    for line in sys.stdin:
        job = json.loads(line)
        print(json.dumps(runner(job.get("task", ""))))
