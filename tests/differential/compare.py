#!/usr/bin/env python3
"""Differential check: Dunderscope's engine against CPython's reference translation.

    python3 compare.py [--engine CMD] [--timeout S] [-v] [MODEL.json ...]

For each model, runs `python3 reference.py MODEL --script` and
`ENGINE eval MODEL --json --script`, compares the two `eval --json` documents
(ok, error, results: stmt, ok, repr, error type and message, output; "trace"
is ignored), and prints one line per model:

    PASS name
    FAIL name: <where> / statement N `stmt`
         python: ...
         engine: ...

then `N passed, M failed`.  Exit status 0 when everything passed, 1 otherwise.

ENGINE is a command line (split like a shell would), default
/work/main/build/app/dunderscope.  Without MODEL arguments: every
tests/differential/models/*.json and resources/demos/*.json.
"""

import argparse
import glob
import json
import os
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.path.dirname(os.path.dirname(HERE))
DEFAULT_ENGINE = "/work/main/build/app/dunderscope"


def default_models():
    return (sorted(glob.glob(os.path.join(HERE, "models", "*.json")))
            + sorted(glob.glob(os.path.join(SOURCE_DIR, "resources", "demos", "*.json"))))


def run(cmd, timeout):
    """Run cmd; return (document or None, description of the failure)."""
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                           env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    except FileNotFoundError:
        return None, f"cannot run {cmd[0]!r}"
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout} s"
    try:
        doc = json.loads(p.stdout)
    except ValueError:
        err = (p.stderr.strip() or p.stdout.strip())[:300]
        return None, f"exit {p.returncode}, no JSON document on stdout ({err!r})"
    if not isinstance(doc, dict):
        return None, "output is not a JSON object"
    want = 0 if doc.get("ok") else 1
    if p.returncode != want:
        return None, f"exit status {p.returncode} with \"ok\": {json.dumps(doc.get('ok'))}"
    return doc, None


def _err(e):
    if not isinstance(e, dict):
        return e
    return {"type": e.get("type"), "message": e.get("message")}


def _show_result(r):
    if r is None:
        return "(no result)"
    if not isinstance(r, dict):
        return json.dumps(r)
    if r.get("ok"):
        s = "repr " + json.dumps(r.get("repr"), ensure_ascii=False)
    else:
        e = _err(r.get("error")) or {}
        s = f"{e.get('type')}: {json.dumps(e.get('message'), ensure_ascii=False)}"
    if r.get("output"):
        s += f"  output {json.dumps(r['output'], ensure_ascii=False)}"
    return s


def compare_docs(ref, eng):
    """None when the documents agree, else (where, python side, engine side)."""
    if ref.get("ok") != eng.get("ok"):
        return ("model load: ok", json.dumps(ref.get("ok")) + " " + json.dumps(_err(ref.get("error"))),
                json.dumps(eng.get("ok")) + " " + json.dumps(_err(eng.get("error"))))
    re_, ee = _err(ref.get("error")), _err(eng.get("error"))
    if re_ != ee:
        # A file that breaks the format: the engine's ModelError names the place
        # in its own words; only the type is compared.
        if not (isinstance(re_, dict) and isinstance(ee, dict)
                and re_.get("type") == ee.get("type") == "ModelError"):
            return ("model load: error", json.dumps(re_, ensure_ascii=False),
                    json.dumps(ee, ensure_ascii=False))
    if ref.get("output", "") != eng.get("output", ""):
        return ("model load: output", json.dumps(ref.get("output", ""), ensure_ascii=False),
                json.dumps(eng.get("output", ""), ensure_ascii=False))
    rr, er = ref.get("results") or [], eng.get("results") or []
    for i in range(max(len(rr), len(er))):
        a = rr[i] if i < len(rr) else None
        b = er[i] if i < len(er) else None
        stmt = (a or b or {}).get("stmt") if isinstance(a or b, dict) else None
        where = f"statement {i + 1} `{stmt}`"
        if not isinstance(a, dict) or not isinstance(b, dict):
            return (where, _show_result(a), _show_result(b))
        if a.get("stmt") != b.get("stmt"):
            return (where + ": stmt", json.dumps(a.get("stmt")), json.dumps(b.get("stmt")))
        same = (a.get("ok") == b.get("ok")
                and a.get("output", "") == b.get("output", "")
                and (a.get("repr") == b.get("repr") if a.get("ok")
                     else _err(a.get("error")) == _err(b.get("error"))))
        if not same:
            return (where, _show_result(a), _show_result(b))
    return None


def check_model(path, engine, timeout, python):
    ref, why = run([python, os.path.join(HERE, "reference.py"), path, "--script"], timeout)
    if ref is None:
        return False, f"reference.py: {why}"
    eng, why = run(engine + ["eval", path, "--json", "--script"], timeout)
    if eng is None:
        return False, f"engine: {why}"
    diff = compare_docs(ref, eng)
    if diff is None:
        return True, ""
    where, a, b = diff
    return False, f"{where}\n     python: {a}\n     engine: {b}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("models", nargs="*", help="model files (default: corpus and demos)")
    ap.add_argument("--engine", default=os.environ.get("DS_DUNDERSCOPE", DEFAULT_ENGINE),
                    help="engine command line (default: %(default)s)")
    ap.add_argument("--python", default=sys.executable, help="python for reference.py")
    ap.add_argument("--timeout", type=float, default=60, help="seconds per process")
    ap.add_argument("-q", "--quiet", action="store_true", help="print only failures")
    args = ap.parse_args()
    models = args.models or default_models()
    if not models:
        print("no models found", file=sys.stderr)
        return 1
    engine = shlex.split(args.engine)
    passed = failed = 0
    for path in models:
        ok, msg = check_model(path, engine, args.timeout, args.python)
        name = os.path.splitext(os.path.basename(path))[0]
        if ok:
            passed += 1
            if not args.quiet:
                print(f"PASS {name}")
        else:
            failed += 1
            print(f"FAIL {name}: {msg}")
        sys.stdout.flush()
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
