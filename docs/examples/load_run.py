"""Load a Lottery Lens run file into numpy arrays, and check it against its own numbers.

Usage: python3 load_run.py lottery-lens-run.json

Needs Python 3.8+ and numpy only. The format is docs/RUN_FILE.md (version 1). The check
recomputes every code from the exported weights by SPEC 4 (row j codes clause c when the
clause's literals all sit in the template's sign category at tau, and the readout W2[c, j]
is positive at tauOut) and compares with the codes the app wrote: the dense run's final
codes, each ticket's codes and each extra seed's final codes. It also counts each ticket's
kept weights from its mask. Exits with status 1 and says what differs if anything does.
"""
import json
import sys

import numpy as np

PARAMS = ("W1", "b1", "W2", "b2")


def as_params(p):
    """{W1 (m, n), b1 (m,), W2 (K, m), b2 (K,)} as float64 arrays (the file's numbers exactly)."""
    return {name: np.asarray(p[name], dtype=np.float64) for name in PARAMS}


def load_run(path):
    """Reads a run file; weights, metrics and masks become numpy arrays."""
    with open(path, encoding="utf-8") as f:
        run = json.load(f)
    if run.get("format") != "lottery-lens/run" or run.get("version") != 1:
        raise ValueError(f"{path}: not a Lottery Lens run file, version 1")
    snapshots = [as_params(s) for s in run["snapshots"]]
    return {
        "config": run["config"],
        # (K, k): input indices of each clause, and their signs (1 = x, -1 = NOT x)
        "inputs": np.array([c["inputs"] for c in run["clauses"]], dtype=np.int64),
        "template": np.array([c["template"] for c in run["clauses"]], dtype=np.int64),
        "steps": np.array([s["step"] for s in run["snapshots"]], dtype=np.int64),
        # every kept snapshot stacked: W1 (S, m, n), b1 (S, m), W2 (S, K, m), b2 (S, K)
        "snapshots": {name: np.stack([s[name] for s in snapshots]) for name in PARAMS},
        # one column per metric, one row per metrics record: step, loss, balancedAccuracy, exactMatch
        "metrics": {
            key: np.array([row[key] for row in run["metrics"]], dtype=np.float64)
            for key in ("step", "loss", "balancedAccuracy", "exactMatch")
        },
        "analysis": run["analysis"],
        "tickets": [
            {
                **{key: t[key] for key in t if key not in ("mask", "final")},
                "mask": {name: np.asarray(t["mask"][name], dtype=bool) for name in ("W1", "W2")},
                "final": as_params(t["final"]),
            }
            for t in run["tickets"]
        ],
        "seedRuns": [
            {**s, "init": as_params(s["init"]), "final": as_params(s["final"])}
            for s in run.get("seedRuns", [])
        ],
    }


def categories(W, tau):
    """Sign category of every weight: +1 above tau times its row's largest |w|, -1 below minus that, else 0."""
    threshold = tau * np.abs(W).max(axis=1, keepdims=True)
    return np.where(W > threshold, 1, np.where(W < -threshold, -1, 0))


def code_rows(params, inputs, template, tau, tau_out):
    """For each clause c, the rows j that code it (ascending): [[row, ...] per clause]."""
    phi = categories(params["W1"], tau)  # (m, n)
    distance = (phi[:, inputs] != template[None, :, :]).sum(axis=2)  # (m, K): literals off the template
    readout = categories(params["W2"], tau_out)  # (K, m)
    codes = (distance.T == 0) & (readout == 1)  # (K, m)
    return [np.flatnonzero(row).tolist() for row in codes]


def check(run):
    """Recomputes the file's codes and kept counts; returns a list of differences (empty when all agree)."""
    cfg = run["config"]
    rows = lambda params: code_rows(params, run["inputs"], run["template"], cfg["tau"], cfg["tauOut"])
    problems = []
    last = {name: stack[-1] for name, stack in run["snapshots"].items()}
    if rows(last) != run["analysis"]["finalCodes"]:
        problems.append(f"analysis.finalCodes: file {run['analysis']['finalCodes']}, recomputed {rows(last)}")
    for i, t in enumerate(run["tickets"]):
        kept = int(t["mask"]["W1"].sum() + t["mask"]["W2"].sum())
        if "kept" in t and kept != t["kept"]:
            problems.append(f"tickets[{i}].kept: file {t['kept']}, mask keeps {kept}")
        if rows(t["final"]) != t["codes"]:
            problems.append(f"tickets[{i}].codes: file {t['codes']}, recomputed {rows(t['final'])}")
    for i, s in enumerate(run["seedRuns"]):
        if rows(s["final"]) != s["finalCodes"]:
            problems.append(f"seedRuns[{i}].finalCodes: file {s['finalCodes']}, recomputed {rows(s['final'])}")
    return problems


def main(path):
    run = load_run(path)
    cfg, W1 = run["config"], run["snapshots"]["W1"]
    print(f"{path}: n={cfg['n']} K={cfg['K']} m={cfg['m']}, {len(run['steps'])} snapshots to step {run['steps'][-1]}, W1 {W1.shape}")
    print(f"final balanced accuracy {run['metrics']['balancedAccuracy'][-1]:.4f}, loss {run['metrics']['loss'][-1]:.4f}")
    final_codes = sum(len(r) for r in run["analysis"]["finalCodes"])
    print(f"final codes: {final_codes} (row, clause) locations at tau={cfg['tau']}, tauOut={cfg['tauOut']}")
    print(f"{len(run['tickets'])} tickets, {len(run['seedRuns'])} extra seed runs")
    problems = check(run)
    for p in problems:
        print("MISMATCH", p)
    if problems:
        return 1
    checked = 1 + len(run["tickets"]) + len(run["seedRuns"])
    print(f"ok: the codes of {checked} networks, recomputed from their weights, equal the file's")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 load_run.py RUN_FILE.json")
    sys.exit(main(sys.argv[1]))
