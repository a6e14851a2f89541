"""Process helpers shared by the sweep tests that kill and resume multi-process runs."""

from pathlib import Path


def live_children(pid: int) -> list[int]:
    """PIDs of the live (non-zombie) children of ``pid``, from /proc."""
    kids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            kids.append(int(entry.name))
    return kids
