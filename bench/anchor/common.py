"""Shared by the PyTorch anchor scripts: the input JSON (made by bench/anchorPlan.ts from the
app's defaults) and the clause-structured data (SPEC 2), drawn on the fly with torch ops.

The data follow the app's definition, not its random streams: the same clauses (passed in from
the app's generateTask), bits x_i = 1 with probability p, each clause planted with probability
q in clause order (a later planted clause overwrites an earlier one's inputs), y_c = 1 iff every
literal of clause c holds. Drawn with torch's generator, so the bits differ from the app's.
"""
import json
import sys

import torch


def read_input():
    """The JSON on the command line: {"settings": {...}, "clauses": [...], "comparison": {...}}."""
    if len(sys.argv) < 2:
        sys.exit("usage: python3 script.py '<json from bench/anchorPlan.ts>'")
    return json.loads(sys.argv[1])


def blas_library():
    """The BLAS library this process loaded (its file name), e.g. libopenblasp-r0.3.21.so."""
    torch.ones(8, 8) @ torch.ones(8, 8)
    try:
        with open("/proc/self/maps") as maps:
            names = {line.split()[-1].rsplit("/", 1)[-1] for line in maps if "blas" in line.lower()}
    except OSError:
        return "unknown"
    specific = sorted(n for n in names if not n.startswith(("libblas.", "liblapack.")))
    return ", ".join(specific or sorted(names)) or "unknown"


def set_threads(count):
    torch.set_num_threads(count)
    torch.set_num_interop_threads(1)


class ClauseData:
    """Draws batches of (x, y), float32, with leading dims `lead` (e.g. (batch,) or (seeds, batch))."""

    def __init__(self, settings, clauses, generator):
        n, K = settings["n"], settings["K"]
        self.n, self.K, self.p, self.q = n, K, settings["p"], settings["q"]
        self.g = generator
        member = torch.zeros(K, n, dtype=torch.bool)
        value = torch.zeros(K, n)
        positive = torch.zeros(K, n)
        negative = torch.zeros(K, n)
        for c, clause in enumerate(clauses):
            for i, sign in zip(clause["inputs"], clause["template"]):
                member[c, i] = True
                value[c, i] = 1.0 if sign > 0 else 0.0
                (positive if sign > 0 else negative)[c, i] = 1.0
        self.member = member
        self.value = value
        # Clause c planted on a sample ranks c + 1 on its inputs; the highest rank wins.
        self.rank = torch.arange(1, K + 1).view(K, 1) * member
        self.positive_t = positive.t().contiguous()
        self.negative_t = negative.t().contiguous()
        self.literals = torch.tensor([float(len(c["inputs"])) for c in clauses])
        self.columns = torch.arange(n)

    def sample(self, lead):
        x = (torch.rand(*lead, self.n, generator=self.g) < self.p).float()
        plant = torch.rand(*lead, self.K, generator=self.g) < self.q
        rank = plant.unsqueeze(-1) * self.rank  # (..., K, n)
        top, winner = rank.max(dim=-2)  # (..., n): the last planted clause on each input
        x = torch.where(top > 0, self.value[winner, self.columns], x)
        held = x @ self.positive_t + (1.0 - x) @ self.negative_t  # literals that hold, per clause
        y = (held == self.literals).float()
        return x, y
