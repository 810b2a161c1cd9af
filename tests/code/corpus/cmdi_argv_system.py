import os
import sys


def main():
    archive = sys.argv[1]
    parts = ["tar", "xzf"]
    parts.append(archive)
    os.system(" ".join(parts))


if __name__ == "__main__":
    main()
