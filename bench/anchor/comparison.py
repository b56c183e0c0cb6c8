"""PyTorch anchor, batched: the training of the app's default probe comparison, many models at
once with torch.bmm, float32, on the thread count given (--threads=N, default 1).

Models are stacked tensors W1 (G, m, n), b1 (G, 1, m), W2 (G, K, m), b2 (G, 1, K), initialised
U(-1/sqrt(fan_in), 1/sqrt(fan_in)) per seed as nn.Linear does; one torch.optim.Adam over the
stacks is every model's own Adam (it is elementwise). A masked model computes with W * mask, as
torch.nn.utils.prune does, so autograd masks its gradients too and pruned weights stay zero.
The loss is each model's mean BCE, summed over models. Models of one seed share its batches.

The phases come from bench/anchorPlan.ts (the same model-steps as comparisonPlan): the extra
seeds' dense runs; the IMP rounds, each pruning the previous round's trained weights by global
magnitude (the first round prunes the dense runs; seed 0's dense run is trained untimed first,
as the app has it before its comparison starts) and retraining from the init; then every mask's
retrain at once. Those masks are random with each sparsity's kept count: the probes that make
them in the app are not reimplemented (the anchor measures training throughput). Timed: every
phase, batches and pruning included (wall time, and the process's CPU time, which a busy
machine inflates less). Prints JSON on stdout.
"""
import json
import math
import sys
import time

import torch
import torch.nn.functional as F

from common import ClauseData, read_input, set_threads


def init_models(s, seed_inits):
    """One init per seed; `seed_inits` lists each model's seed (models of a seed share it)."""
    n, m, K = s["n"], s["m"], s["K"]
    out = []
    for shape, fan_in in (((m, n), n), ((1, m), n), ((K, m), m), ((1, K), m)):
        bound = 1 / math.sqrt(fan_in)
        per_seed = {}
        for seed in sorted(set(seed_inits)):
            g = torch.Generator().manual_seed(1000 * seed + len(shape) * 7 + shape[0])
            per_seed[seed] = torch.empty(shape).uniform_(-bound, bound, generator=g)
        out.append(torch.stack([per_seed[seed] for seed in seed_inits]))
    return out


def train_phase(s, data, params, masks, seed_of_model, steps):
    """Trains the stacked models in place for `steps` steps."""
    W1, b1, W2, b2 = (p.clone().requires_grad_(True) for p in params)
    opt = torch.optim.Adam([W1, b1, W2, b2], lr=s["lr"], betas=(0.9, 0.999), eps=s["adamEpsilon"])
    seeds = sorted(set(seed_of_model))
    index = torch.tensor([seeds.index(i) for i in seed_of_model])
    shared = len(seeds) < len(seed_of_model)
    for _ in range(steps):
        x, y = data.sample((len(seeds), s["batch"]))
        if shared:
            x, y = x[index], y[index]
        w1, w2 = (W1 * masks[0], W2 * masks[1]) if masks is not None else (W1, W2)
        h = torch.baddbmm(b1, x, w1.transpose(1, 2)).relu()
        z = torch.baddbmm(b2, h, w2.transpose(1, 2))
        loss = F.binary_cross_entropy_with_logits(z, y) * len(seed_of_model)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
    return [W1.detach(), b1.detach(), W2.detach(), b2.detach()]


def magnitude_masks(W1, W2, old, kept):
    """Global magnitude pruning over W1 and W2 of each model, to `kept` weights (kept ones only)."""
    G = W1.shape[0]
    scores = torch.cat([W1.abs().reshape(G, -1), W2.abs().reshape(G, -1)], dim=1)
    if old is not None:
        scores = scores * torch.cat([old[0].reshape(G, -1), old[1].reshape(G, -1)], dim=1)
    return split_mask(scores, kept, W1.shape, W2.shape)


def random_masks(G, shape1, shape2, kept, generator):
    shape1, shape2 = (G, *shape1[1:]), (G, *shape2[1:])
    scores = torch.rand(G, shape1[1] * shape1[2] + shape2[1] * shape2[2], generator=generator)
    return split_mask(scores, kept, shape1, shape2)


def split_mask(scores, kept, shape1, shape2):
    """Keeps each model's top `kept[g]` scores; returns (mask of W1, mask of W2), float."""
    order = scores.argsort(dim=1, descending=True)
    ranks = torch.empty_like(order)
    ranks.scatter_(1, order, torch.arange(scores.shape[1]).expand_as(order))
    flat = (ranks < torch.tensor(kept).unsqueeze(1)).float()
    cut = shape1[1] * shape1[2]
    return flat[:, :cut].reshape(shape1), flat[:, cut:].reshape(shape2)


def main():
    threads = next((int(a.split("=")[1]) for a in sys.argv[2:] if a.startswith("--threads=")), 1)
    spec = read_input()
    s, plan = spec["settings"], spec["comparison"]
    set_threads(threads)
    data = ClauseData(s, spec["clauses"], torch.Generator().manual_seed(s["seedData"]))
    mask_rng = torch.Generator().manual_seed(s["seedInit"])
    seeds = plan["seeds"]
    inits = init_models(s, seeds)
    # Seed 0's dense run, untimed: the app has it before the comparison starts.
    dense = [None] * len(seeds)
    first = train_phase(s, data, [p[:1] for p in inits], None, [0], s["steps"])
    dense[0] = first
    phases, model_steps, previous = [], 0, None
    start, cpu_start = time.perf_counter(), time.process_time()
    for phase in plan["phases"]:
        t0 = time.perf_counter()
        who = phase["seedOfModel"]
        params = [p[who] for p in inits]
        if phase["kept"][0] is None:
            masks = None
        elif phase["imp"]:
            if previous is None:  # the first round prunes the dense runs
                trained = [torch.cat([dense[i][j] for i in who]) for j in range(4)]
                masks = magnitude_masks(trained[0], trained[2], None, phase["kept"])
            else:
                masks = magnitude_masks(previous[0][0], previous[0][2], previous[1], phase["kept"])
        else:
            masks = random_masks(len(who), inits[0].shape, inits[2].shape, phase["kept"], mask_rng)
        if masks is not None:
            params[0], params[2] = params[0] * masks[0], params[2] * masks[1]
        trained = train_phase(s, data, params, masks, who, phase["steps"])
        if phase["kept"][0] is None:
            for g, i in enumerate(who):
                dense[i] = [p[g : g + 1] for p in trained]
        previous = (trained, masks) if phase["imp"] else previous
        model_steps += len(who) * phase["steps"]
        phases.append({"label": phase["label"], "models": len(who), "seconds": time.perf_counter() - t0})
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    if model_steps != plan["modelSteps"]:
        sys.exit(f"trained {model_steps} model-steps, the app's comparison trains {plan['modelSteps']}")
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "wallSeconds": wall, "cpuSeconds": cpu, "modelSteps": model_steps, "modelStepsPerSecond": model_steps / wall, "phases": phases}))


if __name__ == "__main__":
    main()
