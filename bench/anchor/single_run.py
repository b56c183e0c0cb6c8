"""PyTorch anchor, single run: the app's default dense run (SPEC 3) in idiomatic PyTorch on one
thread, float32: nn.Linear layers (their default init is U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for
weights and biases, as SPEC 3 asks), ReLU, BCEWithLogitsLoss (sigmoid + binary cross-entropy,
averaged), torch.optim.Adam with the app's learning rate, betas 0.9/0.999 and epsilon.

Each step draws its batch on the fly with torch ops (common.ClauseData), as the app draws each
batch in its step. Timed: the whole training loop, batches included. Reported on stdout as JSON:
steps/s of each repeat (a fresh model each time, after one untimed warm-up run of 200 steps),
and the same with the app's bookkeeping every `snapshotEvery` steps (a copy of the weights and
the loss and accuracy on a fixed 8192-sample test set) for comparison with the app's full run.
"""
import json
import statistics
import sys
import time

import torch
from torch import nn

from common import ClauseData, blas_library, read_input, set_threads

REPEATS = 5  # --repeats=N overrides
TEST_SET_SIZE = 8192


def make_model(s):
    model = nn.Sequential(nn.Linear(s["n"], s["m"]), nn.ReLU(), nn.Linear(s["m"], s["K"]))
    opt = torch.optim.Adam(model.parameters(), lr=s["lr"], betas=(0.9, 0.999), eps=s["adamEpsilon"])
    return model, opt


def train(s, data, steps, test=None, drawn=None):
    """Trains a fresh model for `steps` steps; returns the wall time of the loop in seconds.
    `drawn`: (x, y) of every step's batch, drawn before the clock starts (training alone)."""
    model, opt = make_model(s)
    loss_fn = nn.BCEWithLogitsLoss()
    snapshots = []
    start = time.perf_counter()
    for t in range(steps):
        if test is not None and t % s["snapshotEvery"] == 0:
            snapshots.append(evaluate(model, loss_fn, test, t))
        x, y = (drawn[0][t], drawn[1][t]) if drawn is not None else data.sample((s["batch"],))
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
    if test is not None:
        snapshots.append(evaluate(model, loss_fn, test, steps))
    return time.perf_counter() - start


def evaluate(model, loss_fn, test, step):
    x, y = test
    with torch.no_grad():
        weights = {k: v.clone() for k, v in model.state_dict().items()}
        z = model(x)
        return {"step": step, "weights": weights, "loss": loss_fn(z, y).item(), "accuracy": ((z > 0).float() == y).float().mean().item()}


def main():
    spec = read_input()
    s = spec["settings"]
    set_threads(1)
    torch.manual_seed(s["seedInit"])
    data = ClauseData(s, spec["clauses"], torch.Generator().manual_seed(s["seedData"]))
    test = ClauseData(s, spec["clauses"], torch.Generator().manual_seed(s["seedTest"])).sample((TEST_SET_SIZE,))
    steps = s["steps"]
    repeats = next((int(a.split("=")[1]) for a in sys.argv[2:] if a.startswith("--repeats=")), REPEATS)
    drawn = data.sample((steps, s["batch"]))
    train(s, data, 200)
    train(s, data, 200, drawn=drawn)
    plain, with_eval, predrawn = [], [], []
    # Interleaved, so a slow spell of a shared machine falls on every variant alike.
    for _ in range(repeats):
        plain.append(steps / train(s, data, steps))
        with_eval.append(steps / train(s, data, steps, test))
        predrawn.append(steps / train(s, data, steps, drawn=drawn))
    print(
        json.dumps({
            "torch": torch.__version__,
            "blas": blas_library(),
            "threads": torch.get_num_threads(),
            "steps": steps,
            "repeats": repeats,
            "stepsPerSecond": plain,
            "median": statistics.median(plain),
            "predrawn": {"stepsPerSecond": predrawn, "median": statistics.median(predrawn)},
            "withEval": {"every": s["snapshotEvery"], "testSize": TEST_SET_SIZE, "stepsPerSecond": with_eval, "median": statistics.median(with_eval)},
        })
    )


if __name__ == "__main__":
    main()
