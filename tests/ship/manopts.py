#!/usr/bin/env python3
"""Check a man page against the --help text of the same command: every option the help
prints is in the page, and every option the page documents is in the help. With --commands,
the same for the list of commands (sunset(1) against `sunset --help`).

usage: manopts.py PAGE.1 HELP.txt [--commands]
Options in the help: the option column of lines that start with spaces and a dash, and the
usage lines. Options in the page: the tag lines of .TP items and the SYNOPSIS section."""
import re
import sys

OPT = re.compile(r"(?<![\w-])(--?[A-Za-z][A-Za-z-]*)")


def roff_plain(line):
    line = line.replace("\\-", "-").replace("\\(dq", '"')
    return re.sub(r"\\f[BIRP]", "", line)


def page_items(path):
    """(tag lines of .TP items by section, synopsis text)"""
    lines = open(path, encoding="utf-8").read().splitlines()
    section, tags, synopsis = "", {}, []
    for i, l in enumerate(lines):
        if l.startswith(".SH "):
            section = l[4:].strip().strip('"')
            continue
        if section == "SYNOPSIS" and not l.startswith(".br"):
            synopsis.append(roff_plain(l))
        if l.startswith(".TP") and i + 1 < len(lines):
            tags.setdefault(section, []).append(roff_plain(lines[i + 1]))
    return tags, "\n".join(synopsis)


def help_parts(path):
    text = open(path, encoding="utf-8").read()
    usage, specs, in_usage, commands, in_cmds = [], [], False, [], False
    for l in text.splitlines():
        if l.startswith("usage:"):
            in_usage = True
        elif not l.strip():
            in_usage = in_cmds = False
        if in_usage:
            usage.append(l)
        if l.strip().lower() == "commands:":
            in_cmds = True
            continue
        if in_cmds and re.match(r"^  \w", l):
            commands.append(l.split()[0])
        m = re.match(r"^\s+(-.*?)(\s{2,}|$)", l)
        if m:
            specs.append(m.group(1))
    return "\n".join(usage), specs, commands


def opts(text):
    return set(OPT.findall(text))


def main():
    page, helpf = sys.argv[1], sys.argv[2]
    tags, synopsis = page_items(page)
    usage, specs, commands = help_parts(helpf)
    errors = []
    if "--commands" in sys.argv[3:]:
        documented = {re.sub(r"^\.\w+\s+", "", t).split()[0] for t in tags.get("COMMANDS", [])}
        for c in sorted(set(commands) - documented):
            errors.append(f"command {c} is in --help but not in {page}")
        for c in sorted(documented - set(commands)):
            errors.append(f"command {c} is in {page} but not in --help")
    in_help = opts(usage) | set().union(*(opts(s) for s in specs)) if specs or usage else set()
    in_page = opts(synopsis)
    for sec, ts in tags.items():
        if sec in ("OPTIONS", "SOURCES"):
            for t in ts:
                in_page |= opts(t)
    for o in sorted(in_help - in_page):
        errors.append(f"option {o} is in --help but not in {page}")
    for o in sorted(in_page - in_help):
        errors.append(f"option {o} is in {page} but not in --help")
    for e in errors:
        print(e)
    if not in_help:
        print(f"no option found in the help text {helpf}")
        return 1
    return 1 if errors else 0


sys.exit(main())
