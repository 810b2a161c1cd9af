"""Vulnerable: a calculator tool evaluates the line it reads from stdin."""

import math
import sys


def calculate() -> float:
    expression = sys.stdin.readline()
    return eval(expression, {"__builtins__": {}}, vars(math))


if __name__ == "__main__":
    print(calculate())
