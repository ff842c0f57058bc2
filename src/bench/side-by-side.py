#!/usr/bin/env python3
"""Unfold's CPU backend next to its peers, in one run, as one Markdown table.

    python3 src/bench/side-by-side.py [--threads 2] [--peers ../shared/bench/peers.py] [--jar target/unfold.jar]

Runs `unfold bench --json` for the rows, tensor and torch layouts, then peers.py (the seed's numpy code,
PyTorch unfold/fold and numpy's copy floor) one after the other, so that neither steals the other's cores.
Each of our rows carries its ratio to the copy floor that our own bench measured in the same process;
the peers' ratios are to the floor that peers.py measured. The speed-ups compare medians across the two.
"""
import argparse
import json
import os
import subprocess
import sys

WORKLOADS = ['resnet3x3', 'stem7x7s2', 'dilated3x3']


def ours(jar, threads, layout):
    out = subprocess.run(['java', '-jar', jar, 'bench', '--threads', str(threads), '--layout', layout,
                          '--workload', 'all', '--op', 'both', '--json'],
                         check=True, capture_output=True, text=True).stdout
    return {(r['workload'], r['op']): r for r in map(json.loads, out.splitlines()) if r['workload'] in WORKLOADS}


def peers(script, threads):
    out = subprocess.run([sys.executable, script, '--threads', str(threads)],
                         check=True, capture_output=True, text=True).stdout
    return {r['workload']: r for r in map(json.loads, out.splitlines())}


def fmt(ms):
    return '–' if ms is None else f'{ms:.2f}' if ms < 100 else f'{ms:.0f}'


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--jar', default=os.path.join(root, 'target', 'unfold.jar'))
    p.add_argument('--peers', default=os.path.join(root, '..', 'shared', 'bench', 'peers.py'))
    a = p.parse_args()
    for f, what in ((a.jar, 'build it with: mvn -DskipTests package'), (a.peers, 'pass --peers PATH')):
        if not os.path.isfile(f):
            sys.exit(f'side-by-side: {f} not found ({what})')

    mine = {layout: ours(a.jar, a.threads, layout) for layout in ('rows', 'tensor', 'torch')}
    theirs = peers(a.peers, a.threads)

    print(f'{a.threads} threads, float32, median ms (× the copy floor measured in the same process)\n')
    print('| workload | op | floor (ours / numpy) | rows | tensor | torch | seed numpy | torch unfold/fold '
          '| torch + `.transpose().contiguous()` (rows) | rows vs seed | torch layout vs torch |')
    print('|---|---|---|---|---|---|---|---|---|---|---|')
    for w in WORKLOADS:
        t = theirs.get(w, {})
        for op in ('im2col', 'col2im'):
            r = {layout: mine[layout][(w, op)] for layout in mine}
            seed = t.get(f'seed_numpy_{op}_ms')
            torch = t.get('torch_unfold_ms' if op == 'im2col' else 'torch_fold_ms')
            torch_rows = t.get('torch_unfold_seedlayout_ms') if op == 'im2col' else None
            cells = [f"{fmt(r[layout]['median_ms'])} ({r[layout]['ratio']:.1f}×)" for layout in ('rows', 'tensor', 'torch')]
            floor = f"{fmt(r['rows']['copy_floor_ms'])} / {fmt(t.get('floor_ms'))}"
            vs_seed = f"{seed / r['rows']['median_ms']:.1f}×" if seed else '–'
            vs_torch = f"{torch / r['torch']['median_ms']:.1f}×" if torch else '–'
            print(f'| {w} | {op} | {floor} | ' + ' | '.join(cells) +
                  f' | {fmt(seed)} | {fmt(torch)} | {fmt(torch_rows)} | {vs_seed} | {vs_torch} |')


if __name__ == '__main__':
    main()
