"""Turns bench/run.sh's results.csv (row,subject,rep,value) into the markdown report: medians per row and subject,
the best peer, FtpLite's ratio to it, and the target. Usage: report.py results.csv --reps N --quick 0|1 --sizes TEXT"""
import argparse
import csv
import datetime
import os
import platform
import statistics
from collections import defaultdict

SERVERS = ["ftplite", "vsftpd", "pure-ftpd", "proftpd", "pyftpdlib"]
CLIENTS = ["ftplite", "ftplite-cli", "cmdlets", "curl", "lftp", "ncftp"]
OTHER_CLIENTS = ["curl", "lftp", "ncftp"]

# row: (label, unit, higher is better, target ratio to the best peer or None, target text)
SERVER_ROWS = [
    ("retr", "RETR big file (curl, to /dev/null)", "MiB/s", True, 1.0, "≥ 1.0× best peer, ≥ 0.9× loopback"),
    ("stor", "STOR big file (curl)", "MiB/s", True, 1.3, "≥ 1.3×"),
    ("small_down_1", "small files down, 1 conn (lftp mirror)", "files/s", True, 1.3, "≥ 1.3×"),
    ("small_up_1", "small files up, 1 conn (lftp mirror -R)", "files/s", True, 1.3, "≥ 1.3×"),
    ("small_down_8", "small files down, 8 conns (mirror --parallel=8)", "files/s", True, 1.3, "≥ 1.3×"),
    ("small_up_8", "small files up, 8 conns (mirror -R --parallel=8)", "files/s", True, 1.3, "≥ 1.3×"),
    ("ftplib_up", "small files up, ftplib STOR per file, 1 conn", "files/s", True, 1.3, "≥ 1.3×"),
    ("ftplib_down", "small files down, ftplib RETR per file, 1 conn", "files/s", True, 1.3, "≥ 1.3×"),
    ("swarm", "N clients at once: login, LIST, RETR 1 MiB, QUIT (wall)", "s", False, 1.0, "≤ 1.0×"),
    ("swarm_failures", "  … failed clients (sum over reps)", "count", False, None, "0"),
    ("login", "connect+login+PWD+QUIT, password account, median", "ms", False, 1.0, "≤ 1.0×"),
    ("login_anon", "  … the same, anonymous (pure-ftpd has none here)", "ms", False, None, ""),
    ("idle_kib", "idle sessions: server RSS per session", "KiB", False, None, "≤ 8 KiB"),
    ("idle_login", "  … new login while they are held (median of 21)", "ms", False, None, ""),
    ("idle_held", "  … sessions actually held", "count", True, None, ""),
    ("ftps_retr_curl", "FTPS RETR (curl, explicit, TLS required)", "MiB/s", True, 1.2, "≥ 1.2×"),
    ("ftps_stor_curl", "FTPS STOR (curl)", "MiB/s", True, 1.2, "≥ 1.2×"),
    ("ftps_retr_lftp", "FTPS RETR (lftp/GnuTLS)", "MiB/s", True, 1.2, "≥ 1.2×"),
    ("ftps_stor_lftp", "FTPS STOR (lftp/GnuTLS)", "MiB/s", True, 1.2, "≥ 1.2×"),
]
CLIENT_ROWS = [
    ("client_down", "big file down", "MiB/s", True),
    ("client_up", "big file up", "MiB/s", True),
    ("client_small_down_1", "small files down, 1 session", "files/s", True),
    ("client_small_up_1", "small files up, 1 session", "files/s", True),
    ("client_small_down_8", "small files down, 8 sessions", "files/s", True),
    ("client_small_up_8", "small files up, 8 sessions", "files/s", True),
]


def load(path):
    values = defaultdict(list)
    failures = defaultdict(int)
    for line in csv.DictReader(open(path)):
        key = (line["row"], line["subject"])
        if line["value"] == "FAIL":
            failures[key] += 1
        else:
            values[key].append(float(line["value"]))
    return values, failures


def cell(values, failures, key, row):
    v = values.get(key)
    f = failures.get(key, 0)
    if row in ("swarm_failures",):
        text = "" if not v else f"{int(sum(v))}"
    elif not v:
        text = ""
    else:
        m = statistics.median(v)
        text = f"{m:.3f}" if m < 10 else f"{m:.1f}" if m < 1000 else f"{m:.0f}"
    if f:
        text = (text + " " if text else "") + f"FAIL×{f}"
    return text or "–"


def median(values, key):
    v = values.get(key)
    return statistics.median(v) if v else None


def per_rep_ratio(path, row, subjects, higher):
    """Median over repetitions of (FtpLite ÷ best peer in that same repetition): side by side, so drift cancels."""
    reps = defaultdict(dict)
    for line in csv.DictReader(open(path)):
        if line["row"] == row and line["value"] != "FAIL":
            reps[line["rep"]][line["subject"]] = float(line["value"])
    ratios = []
    for found in reps.values():
        peers = [found[s] for s in subjects[1:] if s in found]
        if subjects[0] in found and peers:
            best = max(peers) if higher else min(peers)
            if best:
                ratios.append(found[subjects[0]] / best)
    return statistics.median(ratios) if ratios else None


def best_of(values, row, subjects, higher):
    found = [(median(values, (row, s)), s) for s in subjects]
    found = [x for x in found if x[0] is not None]
    if not found:
        return None, None
    return (max if higher else min)(found)


def scaling(values, cores, nproc):
    """Server rows run with every server pinned to N cores: each server's median per N, and the last N ÷ the first.
    The unpinned pass counts as all the machine's cores (nproc) when no pinned pass had that many."""
    counts = [c for c in cores.split(",") if c]
    keys_of = {c: c + "c" for c in counts}
    if counts and nproc not in counts:
        counts.append(nproc)
    if len(counts) < 2:
        return []
    out = ["", f"## Scaling with cores (servers pinned with taskset to {' and '.join(counts)} core(s), {nproc} = unpinned on this "
           f"{nproc}-core machine; the client is not pinned)", "",
           "Each cell: median at " + " / ".join(f"{c}c" for c in counts) + f" → ×gain ({counts[-1]}c ÷ {counts[0]}c, for times and memory "
           "the inverse, so above 1 is a gain); FtpLite ÷ best peer at each.", "",
           "| workload | unit | " + " | ".join(SERVERS) + " | FtpLite ÷ best peer per core count |",
           "|---|---|" + "---|" * len(SERVERS) + "---|"]
    for row, label, unit, higher, _, _ in SERVER_ROWS:
        keys = [f"{row}@{c}c" if c in keys_of else row for c in counts]
        if not any(k[0] in keys and "@" in k[0] for k in values):
            continue
        cells, ratios = [], []
        for s_ in SERVERS:
            ms = [median(values, (k, s_)) for k in keys]
            if any(m is None for m in ms):
                cells.append("–")
                continue
            gain = (ms[-1] / ms[0] if higher else ms[0] / ms[-1]) if ms[0] and ms[-1] else None
            cells.append(" / ".join(f"{m:.3g}" for m in ms) + (f" → ×{gain:.2f}" if gain else ""))
        for k in keys:
            best, _ = best_of(values, k, SERVERS[1:], higher)
            ours = median(values, (k, "ftplite"))
            ratios.append(f"{ours / best:.2f}×" if ours is not None and best else "–")
        out.append(f"| {label} | {unit} | " + " | ".join(cells) + " | " + " / ".join(ratios) + " |")
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("--reps", default="?")
    parser.add_argument("--quick", default="0")
    parser.add_argument("--sizes", default="")
    parser.add_argument("--cores", default="")
    parser.add_argument("--nproc", default=str(os.cpu_count()))
    a = parser.parse_args()
    values, failures = load(a.csv)
    if a.cores:
        a.sizes += f" cores={a.cores}"

    out = []
    out.append(f"# FtpLite benchmark, {datetime.date.today().isoformat()}{' (quick)' if a.quick == '1' else ''}")
    out.append("")
    out.append(f"Repetitions: {a.reps} (round-robin, order rotated each repetition; idle rows fewer, see README). "
               f"Sizes: {a.sizes}. Machine: {platform.node()}, {platform.machine()}, shared with other builds (noisy). "
               "Cells are medians; the ratio is FtpLite ÷ best peer (for times and memory lower is better, so ≤ is the goal).")
    out.append("")
    loop = median(values, ("loopback", "iperf3"))
    out.append(f"Loopback limit (iperf3, one stream): **{loop:.0f} MiB/s**" if loop else "Loopback limit: not measured")
    out.append("")
    server_rows = [r for r in SERVER_ROWS if any(k[0] == r[0] for k in list(values) + list(failures))]
    out.append("## Servers (FtpLite's server beside the peers; the same clients drive all)" if server_rows else "## Servers: not run")
    out.append("")
    if server_rows:
        out.append("Alike for every server: one password account, read-write, that every row logs in with (stored as MD5-crypt by "
                   "vsftpd (system account, PAM), pure-ftpd (PureDB) and ProFTPD (AuthUserFile); plain by pyftpdlib; PBKDF2 by "
                   "FtpLite, `ftplite serve --user`, Release); at most 20,000 sessions in total and 20,000 per address (all clients "
                   "are 127.0.0.1); idle timeout 1 h; no DNS lookups; logging off (FtpLite's session log goes to a file).")
        out.append("")
    if server_rows:
        out.append("| workload | unit | " + " | ".join(SERVERS) + " | best peer | FtpLite ÷ best (of medians) | same-rep ratio, median | target | met |")
        out.append("|---|---|" + "---|" * len(SERVERS) + "---|---|---|---|---|")
    for row, label, unit, higher, target, target_text in server_rows:
        if not any(k[0] == row for k in list(values) + list(failures)):
            continue
        cells = [cell(values, failures, (row, s), row) for s in SERVERS]
        best, best_name = best_of(values, row, SERVERS[1:], higher)
        ours = median(values, (row, "ftplite"))
        ratio_text, met = "", ""
        if ours is not None and best:
            ratio = ours / best
            ratio_text = f"{ratio:.2f}×"
            if target is not None:
                ok = ratio >= target if higher else ratio <= target
                if row == "retr" and loop:
                    ok = ok and ours >= 0.9 * loop
                    ratio_text += f" ({ours / loop:.2f}× loopback)"
                met = "yes" if ok else "**no**"
        if row == "idle_kib" and ours is not None:
            met = "yes" if ours <= 8 else "**no**"
        best_text = f"{best_name} {best:.3g}" if best_name else ""
        same = per_rep_ratio(a.csv, row, SERVERS, higher)
        same_text = f"{same:.2f}×" if same is not None and target is not None else ""
        out.append(f"| {label} | {unit} | " + " | ".join(cells) + f" | {best_text} | {ratio_text} | {same_text} | {target_text} | {met} |")
    big = [(r, median(values, (r, "ftplite"))) for r in ("idle_big_kib", "idle_big_login", "idle_big_held")]
    if any(v is not None for _, v in big):
        kib, ms, held = (v for _, v in big)
        ok = kib is not None and ms is not None and kib <= 8 and ms <= 2
        out.append("")
        out.append(f"FtpLite alone, many idle sessions: held {held and int(held)}, {kib if kib is None else f'{kib:.2f}'} KiB RSS per session, "
                   f"new login {ms if ms is None else f'{ms:.3f}'} ms (target ≤ 8 KiB, ≤ 2 ms: {'met' if ok else '**not met**'}).")
    out.append("")
    client_rows = [r for r in CLIENT_ROWS if any(k[0] == r[0] for k in list(values) + list(failures))]
    out.append("## Clients (each against vsftpd, anonymous; ftplite is FtpLite.Client.FtpClient timed in-process via FtpLite.Bench, "
               "ftplite-cli the `ftplite get/put` process as a user runs it (start-up included, big files only), cmdlets the module's through a hosted engine)"
               if client_rows else "## Clients: not run")
    out.append("")
    if client_rows:
        out.append("| workload | unit | " + " | ".join(CLIENTS) + " | best other | FtpLite ÷ best (of medians) | same-rep ratio, median | cmdlets ÷ best | target | met |")
        out.append("|---|---|" + "---|" * len(CLIENTS) + "---|---|---|---|---|---|")
    for row, label, unit, higher in CLIENT_ROWS:
        if not any(k[0] == row for k in list(values) + list(failures)):
            continue
        cells = [cell(values, failures, (row, c), row) for c in CLIENTS]
        best, best_name = best_of(values, row, OTHER_CLIENTS, higher)
        ours = median(values, (row, "ftplite"))
        cmdlets = median(values, (row, "cmdlets"))
        ratio_text = met = cmdlets_text = ""
        if ours is not None and best:
            ratio_text = f"{ours / best:.2f}×"
            met = "yes" if ours / best >= 1.0 else "**no**"
        if cmdlets is not None and best:
            cmdlets_text = f"{cmdlets / best:.2f}×"
        best_text = f"{best_name} {best:.3g}" if best_name else ""
        same = per_rep_ratio(a.csv, row, ["ftplite"] + OTHER_CLIENTS, higher)
        same_text = f"{same:.2f}×" if same is not None else ""
        out.append(f"| {label} | {unit} | " + " | ".join(cells) + f" | {best_text} | {ratio_text} | {same_text} | {cmdlets_text} | ≥ 1.0× | {met} |")
    for row, label in (("client_small_down_8", "down"), ("client_small_up_8", "up")):
        cmdlets, lftp = median(values, (row, "cmdlets")), median(values, (row, "lftp"))
        if cmdlets is None or not lftp:
            continue
        same = per_rep_ratio(a.csv, row, ["cmdlets", "lftp"], True)
        out.append("")
        out.append(f"Cmdlets, small files {label} with -ThrottleLimit 8: {cmdlets:.0f} files/s beside lftp --parallel=8 {lftp:.0f}: "
                   f"{cmdlets / lftp:.2f}× (same-rep {same:.2f}×; target ≥ 1.0×: {'met' if cmdlets / lftp >= 1.0 else '**not met**'}).")
        warm = median(values, (row, "cmdlets-warm"))
        if warm is not None:
            same_warm = per_rep_ratio(a.csv, row, ["cmdlets-warm", "lftp"], True)
            out.append(f"  The same as the session's second call (its code compiled by the first): {warm:.0f} files/s, "
                       f"{warm / lftp:.2f}× lftp (same-rep {same_warm:.2f}×; {'met' if warm / lftp >= 1.0 else '**not met**'}).")
    for row, label in (("client_small_down_8", "down"), ("client_small_up_8", "up")):
        pwsh, lftp = median(values, (row, "cmdlets-pwsh")), median(values, (row, "lftp"))
        if pwsh is None or not lftp:
            continue
        out.append("")
        out.append(f"Cmdlets, small files {label} with -ThrottleLimit 8, first call in a fresh `dotnet pwsh` 7.6.10 (module imported "
                   f"before the clock): {pwsh:.0f} files/s, {pwsh / lftp:.2f}× lftp --parallel=8 (same-rep "
                   f"{per_rep_ratio(a.csv, row, ['cmdlets-pwsh', 'lftp'], True):.2f}×).")
    def paired_cost(row, subject, baseline):
        """Medians of a subject and its baseline, and what the subject costs: 1 - (subject / baseline) over
        same-repetition pairs, so the machine's drift between repetitions cancels. None when either is missing."""
        ours, base = median(values, (row, subject)), median(values, (row, baseline))
        if ours is None or not base:
            return None
        return ours, base, 1 - per_rep_ratio(a.csv, row, [subject, baseline], True)

    for row, label in (("verify_down", "get"), ("verify_up", "put")):
        paired = paired_cost(row, "hash", "none")
        if paired is None:
            continue
        with_hash, without, cost = paired
        out.append("")
        out.append(f"Verification cost, `ftplite {label}` of the big file from FtpLite's server (whole process): {with_hash:.0f} MiB/s with "
                   f"--verify hash (the default), {without:.0f} with --verify none: costs {cost * 100:.1f} % (same-rep median).")
    for row, label in (("client_down", "down"), ("client_up", "up")):
        paired = paired_cost(row, "ftplite", "ftplite-noprogress")
        if paired is None:
            continue
        on, off, cost = paired
        out.append("")
        out.append(f"Progress in FtpLite's client, big file {label}: {on:.0f} MiB/s with it, {off:.0f} without: costs {cost * 100:.1f} % "
                   f"(same-rep median; target < 2 %: {'met' if cost < 0.02 else '**not met**'}).")
    mirror_rows = [r for r in (("mirror_down", "down"), ("mirror_up", "up")) if any(k[0] == r[0] for k in list(values) + list(failures))]
    mirror_subjects = ("ftplite-cli", "cmdlets", "cmdlets-warm")
    if mirror_rows:
        out.append("")
        out.append("## Mirror (a tree of small files in folders, mirrored whole into an empty target, 8 sessions, against vsftpd, all anonymous)")
        out.append("")
        out.append("Sync-FtpLiteDirectory -ThrottleLimit 8 runs in a fresh pwsh: its first call after Import-Module (JIT included), and "
                   "that session's second call. A ratio is the median's, then (in brackets) the median of the per-repetition ratios.")
        out.append("")
        out.append("| direction | unit | ftplite mirror -j 8 | Sync-, first call | Sync-, second call | lftp mirror --parallel=8 | CLI ÷ lftp | first call ÷ lftp | second call ÷ lftp | target | met (CLI, first call) |")
        out.append("|---|---|---|---|---|---|---|---|---|---|---|")
    for row, label in mirror_rows:
        cells = [cell(values, failures, (row, c), row) for c in mirror_subjects + ("lftp",)]
        lftp = median(values, (row, "lftp"))
        ratios = []
        for subject in mirror_subjects:
            ours = median(values, (row, subject))
            same = per_rep_ratio(a.csv, row, [subject, "lftp"], True)
            text = f"{ours / lftp:.2f}×" if ours is not None and lftp else ""
            if text and same is not None:
                text += f" ({same:.2f}×)"
            ratios.append((text, ours is not None and bool(lftp) and ours / lftp >= 1.0))
        met = "yes" if ratios[0][1] and ratios[1][1] else "**no**"
        out.append(f"| {label} | files/s | " + " | ".join(cells) + " | " + " | ".join(r[0] for r in ratios) + f" | ≥ 1.0× lftp | {met} |")
    out.extend(scaling(values, a.cores, a.nproc))
    out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    main()
