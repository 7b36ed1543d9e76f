#!/usr/bin/env python3
"""Dunderscope benchmarks, side by side with CPython and Graphviz `dot`, in one run.

usage: compare.py --bench PATH/ds_bench --dunderscope PATH/dunderscope [--quick] [--only SECTIONS]

Prints one Markdown table (the README's "Performance" figures). Every ratio is engine time
divided by the reference's time, both measured in this run; each figure is the best of
--repeat runs. Engine, CPython and dot are timed in CPU time of the thread or process doing
the work (so other load on the machine does not count); cold start and the window in wall time. SECTIONS: a comma-separated subset of attr,load,trace,graph,start,window.
Nothing here asserts a timing: the figures are for people to read.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "differential"))
import reference  # noqa: E402  (the spec's reference translation, shared with the differential tests)

ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

# ---- models -----------------------------------------------------------------------------

# One model holding an object for every lookup kind. Each kind is one expression, looked up
# in a loop; the empty loop is measured the same way and subtracted for both engines.
LOOKUP_MODEL = {
    "format": "dunderscope/1",
    "classes": [
        {"name": "Meta", "bases": ["type"], "attrs": {"meta_attr": 1}},
        {"name": "Descr", "attrs": {
            "__get__": {"kind": "function", "source": "def f(self, obj, owner=None):\n    return 1"},
            "__set__": {"kind": "function", "source": "def f(self, obj, value):\n    pass"}}},
        {"name": "P", "attrs": {
            "c": 1,
            "m": {"kind": "function", "source": "def f(self):\n    return 1"},
            "p": {"kind": "property", "get": "def f(self):\n    return 1"},
            "d": {"kind": "expr", "expr": "Descr()"}}},
        {"name": "S", "slots": ["s"]},
        {"name": "G", "attrs": {
            "__getattr__": {"kind": "function", "source": "def f(self, name):\n    return 1"}}},
        {"name": "K", "metaclass": "Meta"},
    ],
    "instances": [
        {"name": "obj", "class": "P", "dict": {"a": 1}},
        {"name": "s", "class": "S", "slots": {"s": 1}},
        {"name": "g", "class": "G"},
    ],
}

LOOKUP_KINDS = [
    ("instance dict", "obj.a"),
    ("slot", "s.s"),
    ("class attribute", "obj.c"),
    ("method call", "obj.m()"),
    ("property", "obj.p"),
    ("user data descriptor", "obj.d"),
    ("__getattr__ fallback", "g.missing"),
    ("class attribute through a metaclass", "K.meta_attr"),
]


def loop(n, body):
    return f"for i in range({n}): {body}"


def hierarchy_model(n_classes, seed=7):
    """n_classes classes in families of 50 with multiple inheritance and 8 shared mixins.

    Bases are drawn at random from the class's family (plus a mixin), and CPython itself
    checks that the MRO exists (a base list it rejects falls back to the first base), so the
    model always loads. Each class has a value and a method, as real classes do.
    """
    rng = random.Random(seed)
    classes, created = [], {}
    mixins = [f"Mixin{k}" for k in range(min(8, n_classes))]
    for name in mixins:
        classes.append({"name": name, "attrs": {"tag": name}})
        created[name] = type(name, (), {})
    family_size = 50
    i = 0
    while len(classes) < n_classes:
        family = []
        for j in range(min(family_size, n_classes - len(classes))):
            name = f"C{i}"
            i += 1
            bases = []
            if family:
                bases.append(family[-1] if j % 5 else rng.choice(family))
                if len(family) > 2 and rng.random() < 0.5:
                    extra = rng.choice(family[:-1])
                    if extra not in bases:
                        bases.append(extra)
            if rng.random() < 0.3:
                bases.append(rng.choice(mixins))
            try:
                created[name] = type(name, tuple(created[b] for b in bases), {})
            except TypeError:
                bases = bases[:1]
                created[name] = type(name, tuple(created[b] for b in bases), {})
            attrs = {f"v{i}": i, f"m{i}": {"kind": "function", "source": "def m(self):\n    return self"}}
            classes.append({"name": name, "bases": bases, "attrs": attrs})
            family.append(name)
    return {"format": "dunderscope/1", "title": f"{n_classes} classes", "classes": classes}


def hierarchy_dot(model):
    """The DOT text of the model's whole inheritance graph, as the MRO graph draws it."""
    lines = ["digraph mro {", "  rankdir=BT; ordering=out; nodesep=0.4; ranksep=0.55;",
             '  node [shape=box, fontname="sans", fontsize=10];', '  "object";']
    for c in model["classes"]:
        lines.append(f'  "{c["name"]}";')
        for b in c.get("bases") or ["object"]:
            lines.append(f'  "{c["name"]}" -> "{b}";')
    lines.append("}")
    return "\n".join(lines) + "\n"


# ---- measuring --------------------------------------------------------------------------

class CPython:
    """A model's reference translation, executed in this interpreter."""

    def __init__(self, model):
        self.ns = {"__name__": "__main__", "__builtins__": __builtins__}
        exec(compile(reference.translate(model), "<model>", "exec"), self.ns)

    def time(self, stmt, repeat):
        code = compile(stmt, "<stmt>", "exec")
        best = float("inf")
        for _ in range(repeat):
            start = time.thread_time()
            exec(code, self.ns)
            best = min(best, time.thread_time() - start)
        return best


def run_json(cmd, env=None):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def engine_times(args, model_path, statements, trace=False):
    """Best time per statement: each statement run --repeat times in one session."""
    cmd = [args.bench, "run", model_path] + (["--trace"] if trace else [])
    cmd += [s for s in statements for _ in range(args.repeat)]
    results = run_json(cmd)
    best = {}
    for r in results:
        if not r["ok"]:
            sys.exit(f"compare.py: the engine failed on {r['stmt']!r}: {r['error']}")
        best[r["stmt"]] = min(best.get(r["stmt"], float("inf")), r["seconds"])
    return best


def best_wall(cmd, repeat, env=None):
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        best = min(best, time.perf_counter() - start)
    return best


def run_child(cmd):
    """Runs cmd; returns its resource usage (for the CPU time: Linux keeps ru_maxrss across
    exec, so a child's peak memory would include this process)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"compare.py: {' '.join(cmd)} failed")
    return usage


def best_cpu(cmd, repeat):
    return min(u.ru_utime + u.ru_stime for u in (run_child(cmd) for _ in range(repeat)))


def write_model(tmp, name, model):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(model, f)
    return path


# ---- the table --------------------------------------------------------------------------

ROWS = []


def row(bench, engine, reference_figure, ratio, goal):
    ROWS.append((bench, engine, reference_figure, ratio, goal))
    print(f"  {bench}: {engine} vs {reference_figure} -> {ratio} (goal {goal})", file=sys.stderr, flush=True)


def ns(seconds, n):
    return f"{seconds / n * 1e9:.0f} ns"


def attribute_loops(args, tmp):
    n = args.n
    path = write_model(tmp, "lookups.json", LOOKUP_MODEL)
    py = CPython(LOOKUP_MODEL)
    empty = loop(n, "pass")
    statements = [empty] + [loop(n, expr) for _, expr in LOOKUP_KINDS]
    eng = engine_times(args, path, statements)
    ref = {s: py.time(s, args.repeat) for s in statements}
    row(f"empty loop `{loop('N', 'pass')}`, per iteration", ns(eng[empty], n), ns(ref[empty], n),
        f"{eng[empty] / ref[empty]:.2f}x", "-")
    for kind, expr in LOOKUP_KINDS:
        s = loop(n, expr)
        e, r = eng[s] - eng[empty], ref[s] - ref[empty]
        row(f"{kind} `{expr}`: per iteration (lookup alone: empty loop subtracted)",
            f"{ns(eng[s], n)} ({ns(e, n)})", f"{ns(ref[s], n)} ({ns(r, n)})",
            f"{eng[s] / ref[s]:.2f}x ({e / r:.2f}x)", "<= 1.0x")


def tracing(args, tmp):
    n = args.n_trace
    path = write_model(tmp, "lookups.json", LOOKUP_MODEL)
    statements = [loop(n, expr) for _, expr in LOOKUP_KINDS]
    off = engine_times(args, path, statements)
    on = engine_times(args, path, statements, trace=True)
    for (kind, expr), s in zip(LOOKUP_KINDS, statements):
        row(f"tracing on vs off, {kind} `{expr}` loop", ns(on[s], n), ns(off[s], n),
            f"{on[s] / off[s]:.1f}x", "<= 3x")


def load(args, tmp):
    for n in args.sizes:
        model = hierarchy_model(n)
        path = write_model(tmp, f"classes{n}.json", model)
        eng = min(run_json([args.bench, "load", path])["seconds"] for _ in range(args.repeat))
        source = reference.translate(model)
        best = float("inf")
        for _ in range(args.repeat):
            start = time.thread_time()
            exec(compile(source, "<model>", "exec"), {"__name__": "__main__", "__builtins__": __builtins__})
            best = min(best, time.thread_time() - start)
        row(f"load {n:,} classes (parse + MRO + class creation)", f"{eng * 1000:.0f} ms",
            f"{best * 1000:.0f} ms", f"{eng / best:.2f}x", "<= 0.5x")


def graph(args, tmp):
    model = hierarchy_model(300)
    path = write_model(tmp, "classes300.json", model)
    svg = os.path.join(tmp, "graph.svg")
    eng = min(run_json([args.bench, "graph", path, svg])["seconds"] for _ in range(args.repeat))
    dot = shutil.which("dot")
    if not dot:
        row("MRO graph, 300 classes: layout + draw", f"{eng * 1000:.0f} ms", "(no dot)", "-", "<= 1.0x")
        return
    dot_path = os.path.join(tmp, "classes300.dot")
    with open(dot_path, "w", encoding="utf-8") as f:
        f.write(hierarchy_dot(model))
    ref = best_cpu([dot, "-Tsvg", "-o", os.path.join(tmp, "dot.svg"), dot_path], args.repeat)
    row("MRO graph, 300 classes: layout + draw (vs `dot -Tsvg`)", f"{eng * 1000:.0f} ms",
        f"{ref * 1000:.0f} ms", f"{eng / ref:.2f}x", "<= 1.0x")


def start(args, tmp):
    shot = os.path.join(tmp, "shot.png")
    t = best_wall([args.dunderscope, "--screenshot", shot], args.repeat)
    row("cold start to first painted window (demo, offscreen)", f"{t * 1000:.0f} ms", "-", "-", "<= 300 ms")
    big = write_model(tmp, "classes20000.json", hierarchy_model(20000))
    rss = run_json([args.bench, "load", big])["peak_rss_kib"] / 1024
    row("peak RSS, loading the 20,000-class model", f"{rss:.0f} MiB", "-", "-", "<= 200 MB")


def window(args, tmp):
    path = write_model(tmp, "classes5000.json", hierarchy_model(5000))
    names = ["C1234", "C4321", "C77", "C4999"]
    figures = run_json([args.bench, "window", path] + names)
    for label, key in (("filter the model tree, per keystroke", "filter_ms"), ("select a class", "select_ms")):
        ms = sorted(figures[key])
        median, worst = ms[len(ms) // 2], ms[-1]
        row(f"window, 5,000 classes: {label} (median; worst)", f"{median:.0f} ms; {worst:.0f} ms", "-", "-",
            "<= 50 ms")


SECTIONS = {"attr": attribute_loops, "load": load, "trace": tracing, "graph": graph, "start": start,
            "window": window}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bench", required=True, help="the ds_bench driver")
    p.add_argument("--dunderscope", required=True)
    p.add_argument("--quick", action="store_true", help="smaller sizes, one repeat (a smoke run)")
    p.add_argument("--only", default=",".join(SECTIONS))
    args = p.parse_args()
    args.n = 100_000 if args.quick else 1_000_000
    args.n_trace = 2_000 if args.quick else 10_000
    args.sizes = [1000] if args.quick else [1000, 5000, 20000]
    args.repeat = 1 if args.quick else 5
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="ds-bench-") as tmp:
        for name in args.only.split(","):
            SECTIONS[name](args, tmp)
    print(f"Python {sys.version.split()[0]}; N = {args.n:,} iterations per loop "
          f"({args.n_trace:,} when tracing); best of {args.repeat}.\n")
    print("| benchmark | Dunderscope | reference | ratio | goal |")
    print("|---|---|---|---|---|")
    for r in ROWS:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
