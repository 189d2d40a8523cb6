"""PyTorch's side of bench/op-times.sh: the ops of OpTimes.java (one SmallCnn block on a channels-last
128x28x28x32 float activation) timed the same way, median of 30 calls after 30 untimed ones, one JSON line per op.
The backward time is autograd's for the op alone (its forward run untimed before each call)."""
import json
import statistics
import time

import torch
import torch.nn.functional as F

N, H, C, WARMUP, REPEATS, EPS = 128, 28, 32, 30, 30, 1e-5


def median_ms(call, setup=lambda: None):
    for _ in range(WARMUP):
        call(setup())
    times = []
    for _ in range(REPEATS):
        state = setup()
        start = time.perf_counter()
        call(state)
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def time_op(name, forward, params):
    """forward(x) -> y; params: tensors the backward pass differentiates besides x."""
    x = torch.randn(N, C, H, H).contiguous(memory_format=torch.channels_last)
    with torch.no_grad():
        forward_ms = median_ms(lambda _: forward(x))

    def setup():
        xg = x.detach().requires_grad_()
        y = forward(xg)
        return xg, y, torch.randn_like(y)

    backward_ms = median_ms(lambda s: torch.autograd.grad(s[1], [s[0], *params], s[2]), setup)
    print(json.dumps({"op": name, "framework": "pytorch", "shape": f"{N}x{H}x{H}x{C} NHWC",
                      "forward_ms": round(forward_ms, 3), "backward_ms": round(backward_ms, 3),
                      "threads": torch.get_num_threads()}), flush=True)


def main():
    torch.manual_seed(42)
    torch.set_num_threads(2)
    weight = (torch.randn(C, C, 3, 3) * 0.1).contiguous(memory_format=torch.channels_last).requires_grad_()
    bias = torch.zeros(C, requires_grad=True)
    time_op("conv3x3", lambda x: F.conv2d(x, weight, bias, padding=1), [weight, bias])
    gamma = (torch.rand(C) + 0.5).requires_grad_()
    beta = torch.rand(C).requires_grad_()
    running_mean, running_var = torch.zeros(C), torch.ones(C)
    time_op("batchnorm", lambda x: F.batch_norm(x, running_mean, running_var, gamma, beta, True, 0.1, EPS),
            [gamma, beta])
    time_op("relu", F.relu, [])
    time_op("maxpool2x2", lambda x: F.max_pool2d(x, 2), [])


if __name__ == "__main__":
    main()
