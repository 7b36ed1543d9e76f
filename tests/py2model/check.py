#!/usr/bin/env python3
"""Checks tools/py2model.py against CPython: for every class it emits from a module, the
engine's MRO must equal CPython's __mro__ (by qualified name), and every attribute that
inspect.classify_class_attrs lists must be won by the same class, with the same kind.

usage: check.py --dunderscope PATH MODULE [MODULE ...]

Prints one line per mismatch and a summary per module; exit 0 when everything agrees.
"""

import argparse
import ast
import inspect
import json
import os
import subprocess
import sys
import tempfile
import types

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools"))
import py2model  # noqa: E402

# The engine's builtin classes, as CPython names them.
ENGINE_BUILTINS = {"object": "builtins.object", "type": "builtins.type", "module": "builtins.module",
                   "Exception": "builtins.Exception", "BaseException": "builtins.BaseException"}

# inspect.classify_class_attrs's kinds, from the type of the class __dict__ entry.
ENGINE_KINDS = {"staticmethod": "static method", "classmethod": "class method", "property": "property",
                "function": "method", "builtin_function_or_method": "method", "method_descriptor": "method",
                "wrapper_descriptor": "method"}

# Per class: its MRO with, for each class of it, the type name of each own __dict__ entry.
QUERY = "[(c.__name__, [(k, type(v).__name__) for k, v in c.__dict__.items()]) for c in {}.__mro__]"


def engine_answers(dunderscope, model):
    with tempfile.TemporaryDirectory(prefix="ds-py2model-") as tmp:
        path = os.path.join(tmp, "model.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(model, f)
        statements = [QUERY.format(c["name"]) for c in model["classes"]]
        out = subprocess.run([dunderscope, "eval", "--json", path] + statements,
                             capture_output=True, text=True, timeout=120)
    doc = json.loads(out.stdout)
    if not doc["ok"]:
        raise SystemExit(f"the model does not load: {doc['error']}")
    answers = {}
    for c, result in zip(model["classes"], doc["results"]):
        if not result["ok"]:
            raise SystemExit(f"{c['name']}: {result['error']}")
        answers[c["name"]] = ast.literal_eval(result["repr"])
    return answers


def comparable(cls, a, emitter):
    """Whether an attribute of classify_class_attrs is the model's to answer for."""
    if a.defining_class not in emitter.names:
        return False  # won by a builtin class of the format (object, type, Exception)
    if py2model.qualified_name(a.defining_class) in ENGINE_BUILTINS.values():
        return False  # BaseException: the engine's own, reached through Exception
    if a.name == "__annotations__":
        return False  # CPython makes it on first access (type.__annotations__): order-dependent
    if a.name not in a.defining_class.__dict__:
        return False  # computed, not a class attribute (EnumType.__dir__ adds __name__)
    if a.name == "__new__" and isinstance(a.defining_class.__dict__["__new__"], types.FunctionType):
        return False  # set after creation (EnumType): a class body makes __new__ a staticmethod
    if a.name in ("__dict__", "__weakref__") and any(
            not c.__flags__ & py2model.HEAPTYPE and (c.__itemsize__ or "__dict__" in c.__dict__)
            for c in cls.__mro__[1:]):
        return False  # a C base's layout (tuple, threading.local) that "slots" cannot express
    return True


def check_module(dunderscope, module_name):
    emitter = py2model.Emitter()
    for cls in py2model.classes_of(py2model.defining_modules(module_name)):
        emitter.emit(cls)
    model = {"format": "dunderscope/1", "classes": emitter.classes}
    answers = engine_answers(dunderscope, model)
    qualified = {c["name"]: c["x-python"] for c in model["classes"]}
    qualified.update(ENGINE_BUILTINS)
    problems, attrs_checked = [], 0
    for cls, name in emitter.names.items():
        mro = answers[name]
        engine_mro = [qualified[n] for n, _ in mro]
        cpython_mro = [py2model.qualified_name(c) for c in cls.__mro__]
        if engine_mro != cpython_mro:
            problems.append(f"{name}: MRO {engine_mro} != CPython {cpython_mro}")
            continue
        # classify_class_attrs finds a name along the MRO, then along the metaclass's MRO.
        meta = type(cls)
        search = mro + (answers[emitter.names[meta]] if meta in emitter.names else [])
        for a in inspect.classify_class_attrs(cls):
            if not comparable(cls, a, emitter):
                continue
            attrs_checked += 1
            expected = (py2model.qualified_name(a.defining_class), a.kind)
            found = next(((qualified[n], ENGINE_KINDS.get(dict(entries)[a.name], "data"))
                          for n, entries in search if a.name in dict(entries)), None)
            if found != expected:
                problems.append(f"{name}.{a.name}: engine {found} != CPython {expected}")
    return len(emitter.names), attrs_checked, problems


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dunderscope", required=True)
    p.add_argument("modules", nargs="+")
    args = p.parse_args()
    failed = False
    for module in args.modules:
        classes, attrs, problems = check_module(args.dunderscope, module)
        for line in problems:
            print(f"{module}: {line}")
        print(f"{module}: {classes} classes, {attrs} attributes, {len(problems)} mismatches")
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
