"""PyTorch reference for `npm run bench`: the same Conv4 Reptile inner step and meta-iteration.

Usage: python3 torch_step.py [--threads N] [--device cpu|cuda] [--quick] [--image SIDE --channels C --shots K]
(N defaults to 2; the image 28×28×1 with K = 10, Omniglot; mini-ImageNet is --image 84 --channels 3 --shots 15)
Prints one JSON object: {"torch": version, "threads": n, "device": name, "stepMs": [...], "metaMs": [...]}.
On CUDA every step ends with `loss.item()`, which waits for the GPU, as the engine's bench reads
one result back per step.
"""
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

args = sys.argv[1:]
torch.set_num_threads(int(args[args.index("--threads") + 1]) if "--threads" in args else 2)
QUICK = "--quick" in args
DEVICE = torch.device(args[args.index("--device") + 1] if "--device" in args else "cpu")
def arg(name: str, default: int) -> int:
    return int(args[args.index(name) + 1]) if name in args else default


SIDE, CHANNELS = arg("--image", 28), arg("--channels", 1)
WAYS, SHOTS, BATCH, FILTERS = 5, arg("--shots", 10), 10, 64
# Side after 4 of PyTorch's default (floor) 2×2 pools: 28 → 1, 84 → 5. The engine's SAME pooling
# gives 2 and 6; the dense layer is a sliver of the step either way, and the Omniglot reference
# stays the one docs/performance.md has always quoted.
FEATURE_SIDE = SIDE
for _ in range(4):
    FEATURE_SIDE //= 2
EPISODES, INNER_STEPS, OUTER_LR = 5, 10, 0.1


def block(cin: int) -> nn.Sequential:
    # Batch statistics in training and evaluation alike, like the engine's Conv4.
    return nn.Sequential(
        nn.Conv2d(cin, FILTERS, 3, padding=1),
        nn.BatchNorm2d(FILTERS, track_running_stats=False),
        nn.ReLU(),
        nn.MaxPool2d(2),
    )


model = nn.Sequential(block(CHANNELS), block(FILTERS), block(FILTERS), block(FILTERS), nn.Flatten(), nn.Linear(FILTERS * FEATURE_SIDE**2, WAYS)).to(DEVICE)
opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.0, 0.999))


def episode(n: int):
    return (torch.rand(n, CHANNELS, SIDE, SIDE, device=DEVICE) < 0.15).float(), torch.arange(n, device=DEVICE) % WAYS


def step(x, y) -> None:
    opt.zero_grad(set_to_none=True)
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    opt.step()
    loss.item()


def meta_iteration(episodes) -> None:
    start = [p.detach().clone() for p in model.parameters()]
    total = [torch.zeros_like(p) for p in start]
    for x, y in episodes:
        with torch.no_grad():
            for p, s in zip(model.parameters(), start):
                p.copy_(s)
        for i in range(INNER_STEPS):
            rows = torch.arange(i * BATCH, (i + 1) * BATCH, device=DEVICE) % len(x)
            step(x[rows], y[rows])
        for t, p in zip(total, model.parameters()):
            t.add_(p.detach())
    with torch.no_grad():
        for p, s, t in zip(model.parameters(), start, total):
            p.copy_(s + OUTER_LR * (t / len(episodes) - s))


def timed(fn, warmup: int, reps: int) -> list:
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


batch = episode(BATCH)
episodes = [episode(WAYS * SHOTS) for _ in range(EPISODES)]
step_ms = timed(lambda: step(*batch), 5 if QUICK else 20, 20 if QUICK else 100)
meta_ms = timed(lambda: meta_iteration(episodes), 1, 3 if QUICK else 10)
name = torch.cuda.get_device_name(DEVICE) if DEVICE.type == "cuda" else "cpu"
print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "device": name, "stepMs": step_ms, "metaMs": meta_ms}))
