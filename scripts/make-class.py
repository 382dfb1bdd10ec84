#!/usr/bin/env python3
"""Writes a class of submissions for `mcheck gradebook`: STUDENTS folders, each with every workbook of
exercises/ answered from the chapters' own blocks, the same way each time (a fixed seed): 75% of the answers are
the solution, 12% a common mistake (a `mistake` block; twice the solution where there is none), 10% empty, 3% unreadable.

    scripts/make-class.py OUT [STUDENTS]      # default 300 students; 12 workbooks each with the course's exercises
    scripts/make-class.py --perfect OUT 1     # every answer the solution (a submission that gets every point)
"""
import os
import random
import re
import sys

FENCE = re.compile(r"^(```+|~~~+)([^\n]*)\n(.*?)^\1[ \t]*$", re.S | re.M)


def blocks(text):
    """(info, content, start, end) of each fenced block, in order."""
    return [(m.group(2).strip(), m.group(3), m.start(3), m.end(3)) for m in FENCE.finditer(text)]


def block_id(content):
    m = re.search(r"^id:\s*(\S+)", content, re.M)
    return m.group(1) if m else None


def answers_from_chapters(folder):
    """Each exercise id's solution and mistakes, from the chapters."""
    found = {}
    for name in sorted(os.listdir(folder)):
        if not (name.endswith(".md") and name[0].isdigit()):
            continue
        current = None
        for info, content, _, _ in blocks(open(os.path.join(folder, name), encoding="utf-8").read()):
            if info == "exercise":
                current = block_id(content)
                found.setdefault(current, {"solution": None, "mistakes": []})
            elif info == "solution" and current:
                found[current]["solution"] = content.strip()
            elif info == "mistake" and current:
                m = re.search(r"^answer:\s*(.*)$", content, re.M)
                if m:
                    found[current]["mistakes"].append(m.group(1).strip())
    return found


def answered(workbook, known, rng, perfect=False):
    """The workbook with its empty answer blocks filled in."""
    out, last, current = [], 0, None
    for info, content, start, end in blocks(workbook):
        if info == "exercise":
            current = block_id(content)
        elif info == "answer" and current in known and not content.strip():
            entry, roll = known[current], (1.0 if perfect else rng.random())
            if roll < 0.10 or not entry["solution"]:
                answer = ""
            elif roll < 0.22:
                answer = rng.choice(entry["mistakes"]) if entry["mistakes"] else "2(" + entry["solution"] + ")"
            elif roll < 0.25:
                answer = entry["solution"] + " +"
            else:
                answer = entry["solution"]
            out.append(workbook[last:start])
            out.append(answer + "\n" if answer else "")
            last = end
            current = None
    out.append(workbook[last:])
    return "".join(out)


def main():
    args = sys.argv[1:]
    perfect = "--perfect" in args
    args = [a for a in args if a != "--perfect"]
    if not args:
        sys.exit(__doc__)
    out, students = args[0], int(args[1]) if len(args) > 1 else 300
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    known = answers_from_chapters(os.path.join(root, "chapters"))
    exercises = os.path.join(root, "exercises")
    workbooks = sorted(n for n in os.listdir(exercises) if re.fullmatch(r"ch\d+\.md", n))
    rng = random.Random(16)
    for k in range(1, students + 1):
        folder = os.path.join(out, "student%03d" % k)
        os.makedirs(folder, exist_ok=True)
        for name in workbooks:
            text = open(os.path.join(exercises, name), encoding="utf-8").read()
            with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                f.write(answered(text, known, rng, perfect))
    print("%d students x %d workbooks in %s" % (students, len(workbooks), out))


main()
