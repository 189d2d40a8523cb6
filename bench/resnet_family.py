#!/usr/bin/python3
"""The ResNet family of regzoo's zoo (dev.regzoo.zoo.ResNetFamily) in PyTorch, for the peer benchmark.

Each member is a row of data, as in ResNetSpec: stage depths, BasicBlock or Bottleneck (torchvision's v1.5, stride on
the 3x3), post- or pre-activation, widths, stem, projection or ResNet-D average-pool shortcuts, and Wide ResNets'
dropout between their convolutions. Inputs up to 64 px get the CIFAR stem (3x3 stride 1, no max-pool), as in regzoo.

  /usr/bin/python3 bench/resnet_family.py --counts     # parameter counts, the references regzoo's tests cite
  /usr/bin/python3 bench/resnet_family.py --models wrn16_2,resnet18w16 [peer_bench.py's options]

Run as a benchmark it is ../shared/bench/peer_bench.py (same data, step, timing and JSON line) with these models
added: a member's name, optionally with wWIDTH (first-stage channels, every layer scaled alike: resnet18w16), or
peer_bench.py's own smallcnn. PEER_DIR points at peer_bench.py's folder (default: ../shared/bench beside the
repository).
"""
import os
import re
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

SMALL_INPUT_MAX_SIDE = 64


class Block(nn.Module):
    """One residual block: BASIC (3x3, 3x3) or BOTTLENECK (1x1, 3x3 with the stride, 1x1 with 4x the channels)."""

    def __init__(self, cin, width, stride, bottleneck, preact, avg_down, drop):
        super().__init__()
        self.preact, self.drop = preact, drop
        cout = width * (4 if bottleneck else 1)
        shapes = ([(1, width, 1), (3, width, stride), (1, cout, 1)] if bottleneck
                  else [(3, width, stride), (3, cout, 1)])
        self.convs = nn.ModuleList()
        c = cin
        for k, o, s in shapes:
            self.convs.append(nn.Conv2d(c, o, k, s, k // 2, bias=False))
            c = o
        # post-activation: a BN after each convolution; pre-activation: a BN before each
        norm = [cin] + [o for _, o, _ in shapes[:-1]] if preact else [o for _, o, _ in shapes]
        self.bns = nn.ModuleList(nn.BatchNorm2d(n) for n in norm)
        self.shortcut = None
        if stride != 1 or cin != cout:
            pool = avg_down and stride != 1
            layers = [nn.AvgPool2d(2, stride, ceil_mode=True, count_include_pad=False)] if pool else []
            layers.append(nn.Conv2d(cin, cout, 1, 1 if pool else stride, bias=False))
            if not preact:
                layers.append(nn.BatchNorm2d(cout))
            self.shortcut = nn.Sequential(*layers)

    def forward(self, x):
        if self.preact:
            out = F.relu(self.bns[0](x))
            shortcut = x if self.shortcut is None else self.shortcut(out)
            for i, conv in enumerate(self.convs):
                if i > 0:
                    out = F.relu(self.bns[i](out))
                if i == 1 and self.drop > 0:
                    out = F.dropout(out, self.drop, self.training)
                out = conv(out)
            return out + shortcut
        out = x
        for i, conv in enumerate(self.convs):
            out = self.bns[i](conv(out))
            if i < len(self.convs) - 1:
                out = F.relu(out)
        return F.relu(out + (x if self.shortcut is None else self.shortcut(x)))


class ResNet(nn.Module):
    """The family's network for one row (see FAMILY), at `scale` times the row's channels."""

    def __init__(self, depths, width=64, stem_width=64, bottleneck=False, preact=False, stem="imagenet",
                 avg_down=False, drop=0.0, in_ch=1, side=28, classes=10, scale=1.0):
        super().__init__()
        ch = lambda c: int(round(c * scale))  # noqa: E731  (regzoo: every count x width / default width, rounded)
        sw = ch(stem_width)
        if side <= SMALL_INPUT_MAX_SIDE or stem == "cifar":
            layers = [nn.Conv2d(in_ch, sw, 3, 1, 1, bias=False)]
            if not preact:
                layers += [nn.BatchNorm2d(sw), nn.ReLU()]
        elif stem == "imagenet":
            layers = [nn.Conv2d(in_ch, sw, 7, 2, 3, bias=False), nn.BatchNorm2d(sw), nn.ReLU(),
                      nn.MaxPool2d(3, 2, 1)]
        else:  # deep
            h = ch(stem_width // 2)
            layers = [nn.Conv2d(in_ch, h, 3, 2, 1, bias=False), nn.BatchNorm2d(h), nn.ReLU(),
                      nn.Conv2d(h, h, 3, 1, 1, bias=False), nn.BatchNorm2d(h), nn.ReLU(),
                      nn.Conv2d(h, sw, 3, 1, 1, bias=False), nn.BatchNorm2d(sw), nn.ReLU(), nn.MaxPool2d(3, 2, 1)]
        self.stem = nn.Sequential(*layers)
        blocks, c = [], sw
        for s, depth in enumerate(depths):
            w = ch(width << s)
            for b in range(depth):
                blocks.append(Block(c, w, 2 if s > 0 and b == 0 else 1, bottleneck, preact, avg_down, drop))
                c = w * (4 if bottleneck else 1)
        self.blocks = nn.Sequential(*blocks)
        self.post = nn.Sequential(nn.BatchNorm2d(c), nn.ReLU()) if preact else nn.Identity()
        self.fc = nn.Linear(c, classes)

    def forward(self, x):
        x = self.post(self.blocks(self.stem(x)))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


def wide(depth, k):
    """WRN-depth-k (Zagoruyko & Komodakis 2016): 3 stages of (depth - 4) / 6 pre-activation BasicBlocks."""
    return dict(depths=[(depth - 4) // 6] * 3, width=16 * k, stem_width=16, preact=True, stem="cifar")


FAMILY = {
    "resnet18": dict(depths=[2, 2, 2, 2]),
    "resnet34": dict(depths=[3, 4, 6, 3]),
    "resnet50": dict(depths=[3, 4, 6, 3], bottleneck=True),
    "resnet18d": dict(depths=[2, 2, 2, 2], stem="deep", avg_down=True),
    "resnet50d": dict(depths=[3, 4, 6, 3], bottleneck=True, stem="deep", avg_down=True),
    "preact_resnet18": dict(depths=[2, 2, 2, 2], preact=True),
    "wrn16_2": wide(16, 2),
    "wrn16_4": wide(16, 4),
    "wrn28_10": wide(28, 10),
    "wrn40_4": wide(40, 4),
}


def build(name, in_ch=1, side=28, classes=10):
    """A member by regzoo's benchmark name: NAME or NAMEwWIDTH."""
    row, width = name, None
    if name not in FAMILY:
        m = re.fullmatch(r"(.+)w([1-9][0-9]*)", name)
        if not m or m.group(1) not in FAMILY:
            raise ValueError(f"model must be one of {sorted(FAMILY)}, optionally with wWIDTH, got {name!r}")
        row, width = m.group(1), int(m.group(2))
    spec = FAMILY[row]
    scale = 1.0 if width is None else width / spec.get("width", 64)
    return ResNet(**spec, in_ch=in_ch, side=side, classes=classes, scale=scale)


def counts(model):
    """(trainable, BatchNorm running mean + variance): PyTorch's count, and what DL4J adds to it."""
    trainable = sum(p.numel() for p in model.parameters())
    bn = sum(b.numel() for n, b in model.named_buffers() if n.endswith(("running_mean", "running_var")))
    return trainable, bn


def print_counts():
    for name in FAMILY:
        t, bn = counts(build(name))
        imagenet = counts(build(name, 3, 224, 1000))[0]
        cifar = counts(build(name, 3, 32, 10))[0]
        print(f"{name:16s} 1x28x28/10: {t:>11,} trainable, {t + bn:>11,} DL4J;  3x32x32/10: {cifar:>11,};  "
              f"3x224x224/1000: {imagenet:>11,}")


def main():
    if "--counts" in sys.argv:
        print_counts()
        return
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sys.path.insert(0, os.environ.get("PEER_DIR", os.path.join(root, "..", "shared", "bench")))
    import peer_bench  # noqa: E402  (the peer's data, step, timing and JSON line)
    peer_model = peer_bench.build_model
    peer_bench.build_model = lambda n: peer_model(n) if n == "smallcnn" else build(n)
    peer_bench.main()


if __name__ == "__main__":
    main()
