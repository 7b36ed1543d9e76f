#!/usr/bin/env python3
"""Turn installed Python modules into a Dunderscope model (a real class hierarchy to explore).

usage: py2model.py [-o MODEL.json] [--title TITLE] MODULE [MODULE ...]

Every class defined in the named modules (a package: in it and its submodules) is emitted
with all its ancestors and metaclasses: name, bases, metaclass, __slots__, __doc__, and every
entry of its own __dict__ with its kind. Functions become stubs that raise NotImplementedError
(the real signature is their docstring); values JSON can hold are kept; anything else becomes a
placeholder string "<py2model: REPR>". See the README's "Real hierarchies" for the details.
"""

import argparse
import importlib
import inspect
import json
import keyword
import pkgutil
import re
import sys
import types

# Builtin classes the model format has: they are used as they are, never emitted.
FORMAT_BUILTINS = {object: "object", type: "type", types.ModuleType: "module", Exception: "Exception"}

# Names a model class must not take: the builtins of the model's namespace (spec, "builtins").
RESERVED = set("""object type super property classmethod staticmethod cached_property getattr
setattr delattr hasattr isinstance issubclass len str repr int float bool list dict tuple range
sorted vars dir id callable print min max sum any all abs enumerate zip reversed iter next
Exception AttributeError TypeError ValueError KeyError IndexError NameError RuntimeError
RecursionError NotImplementedError ConnectionError OverflowError ZeroDivisionError AssertionError
json module functools types""".split())

# Hooks that run while classes are created (or while the engine reads a class's attributes):
# a stub that raised would stop the model from loading, so these pass through instead.
PASS_THROUGH_HOOKS = {
    "__init_subclass__": ("classmethod", "def __init_subclass__(cls, **kwargs):\n    pass"),
}
META_PASS_THROUGH_HOOKS = {
    "__new__": ("staticmethod", "def __new__(mcls, name, bases, namespace, **kwargs):\n"
                                "    return super().__new__(mcls, name, bases, namespace, **kwargs)"),
    "__init__": ("function", "def __init__(cls, *args, **kwargs):\n    pass"),
    "__getattribute__": ("function", "def __getattribute__(cls, name):\n"
                                     "    return super().__getattribute__(name)"),
    "__setattr__": ("function", "def __setattr__(cls, name, value):\n"
                                "    super().__setattr__(name, value)"),
    "__delattr__": ("function", "def __delattr__(cls, name):\n    super().__delattr__(name)"),
}

# Entries of a class __dict__ that class creation makes by itself (or that the format says
# with its own keys: "slots", "doc").
MADE_BY_CLASS_CREATION = {"__dict__", "__weakref__", "__module__", "__qualname__", "__slots__", "__doc__"}

HEAPTYPE = 1 << 9
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def qualified_name(cls):
    return f"{cls.__module__}.{cls.__qualname__}"


def placeholder(value):
    text = _ADDRESS.sub("", repr(value))
    if len(text) > 200:
        text = text[:197] + "..."
    return f"<py2model: {text}>"


def json_value(value):
    """The value as JSON when JSON holds it exactly (strict builtin types), else None."""
    t = type(value)
    if value is None or t in (bool, str):
        return value
    if t is int:
        return value if -(2**63) <= value < 2**63 else None
    if t is float:
        return value if value == value and abs(value) != float("inf") else None
    if t in (list, tuple):
        items = [json_value(v) for v in value]
        if any(i is None and v is not None for i, v in zip(items, value)):
            return None
        return items
    if t is dict and all(type(k) is str for k in value):
        items = {k: json_value(v) for k, v in value.items()}
        if any(items[k] is None and value[k] is not None for k in value):
            return None
        return items
    return None


def signature_doc(func):
    try:
        return str(inspect.signature(func))
    except (TypeError, ValueError):
        return "(...)"


def stub(name, func, where, first="self"):
    """A def that raises NotImplementedError; its docstring is the real signature."""
    params = f"{first}, *args, **kwargs" if first else "*args, **kwargs"
    return (f"def {name}({params}):\n"
            f"    {signature_doc(func)!r}\n"
            f"    raise NotImplementedError({where + ' is a py2model stub'!r})")


def attribute(cls, name, value, is_meta):
    """One entry of a class __dict__ as a model Attribute."""
    where = f"{qualified_name(cls)}.{name}"
    hooks = META_PASS_THROUGH_HOOKS if is_meta else {}
    if name in hooks or name in PASS_THROUGH_HOOKS:
        kind, source = hooks.get(name) or PASS_THROUGH_HOOKS[name]
        return {"kind": kind, "source": source}
    if isinstance(value, (staticmethod, types.BuiltinFunctionType)):
        func = value.__func__ if isinstance(value, staticmethod) else value
        return {"kind": "staticmethod", "source": stub(name, func, where, first=None)}
    if isinstance(value, (classmethod, types.ClassMethodDescriptorType)):
        func = value.__func__ if isinstance(value, classmethod) else value
        return {"kind": "classmethod", "source": stub(name, func, where, first="cls")}
    if isinstance(value, property):
        out = {"kind": "property"}
        for part, fn in (("get", value.fget), ("set", value.fset), ("delete", value.fdel)):
            if fn is not None:
                out[part] = stub(name, fn, f"{where} ({part})")
        if isinstance(value.__doc__, str):
            out["doc"] = value.__doc__
        return out
    if isinstance(value, (types.FunctionType, types.MethodDescriptorType, types.WrapperDescriptorType)):
        return {"kind": "function", "source": stub(name, value, where)}
    data = json_value(value)
    if data is None and value is not None:
        return placeholder(value)
    if isinstance(data, dict):
        return {"kind": "value", "value": data}
    return data


def written_in_c(cls):
    """A class statement without __slots__ gives a __dict__ unless a base has one; a class
    written in C (static, or a heap type made by PyType_FromSpec) need not."""
    if not cls.__flags__ & HEAPTYPE:
        return True
    own = cls.__dict__
    return "__slots__" not in own and "__dict__" not in own and not any(b.__dictoffset__ for b in cls.__bases__)


class Emitter:
    def __init__(self):
        self.names = {}  # class -> model name
        self.classes = []  # model classes, bases and metaclasses first
        self.taken = set(RESERVED)

    def model_name(self, cls):
        if cls in FORMAT_BUILTINS:
            return FORMAT_BUILTINS[cls]
        if cls not in self.names:
            name = cls.__name__ if cls.__name__.isidentifier() else "cls"
            if name in self.taken or keyword.iskeyword(name):
                name = re.sub(r"\W", "_", f"{cls.__module__}_{cls.__name__}")
            base, n = name, 2
            while name in self.taken:
                name, n = f"{base}_{n}", n + 1
            self.taken.add(name)
            self.names[cls] = name
        return self.names[cls]

    def emit(self, cls):
        """Emits cls after its bases and metaclass (depth first); builtins of the format stay."""
        if cls in FORMAT_BUILTINS or cls in self.names:
            return
        self.model_name(cls)  # reserve the name first: a metaclass may refer back
        for base in cls.__bases__:
            self.emit(base)
        meta = type(cls)
        if meta is not type:
            self.emit(meta)
        self.classes.append(self.describe(cls))

    def describe(self, cls):
        out = {"name": self.names[cls], "x-python": qualified_name(cls)}
        bases = [self.model_name(b) for b in cls.__bases__ if b is not object]
        if bases:
            out["bases"] = bases
        if type(cls) is not type:
            out["metaclass"] = self.model_name(type(cls))
        own = cls.__dict__
        if "__slots__" in own:
            slots = own["__slots__"]
            out["slots"] = [slots] if isinstance(slots, str) else list(slots)
        elif written_in_c(cls):
            # It has the instance __dict__ / __weakref__ only when its own dict says so, which
            # "slots" expresses exactly.
            out["slots"] = [n for n in ("__dict__", "__weakref__") if n in own]
        doc = own.get("__doc__")
        if isinstance(doc, str):
            out["doc"] = doc
        is_meta = issubclass(cls, type)
        attrs = {}
        for name, value in own.items():
            if name in MADE_BY_CLASS_CREATION or not name.isidentifier():
                continue
            if name in out.get("slots", ()):
                continue  # the slot's member descriptor
            attrs[name] = attribute(cls, name, value, is_meta)
        if attrs:
            out["attrs"] = attrs
        return out


def defining_modules(module_name):
    """The module and, for a package, its submodules that import cleanly."""
    module = importlib.import_module(module_name)
    found = [module]
    if hasattr(module, "__path__"):
        for info in pkgutil.walk_packages(module.__path__, module_name + "."):
            if any(part.startswith("_") or part in ("__main__", "tests", "test") for part in info.name.split(".")[1:]):
                continue
            try:
                found.append(importlib.import_module(info.name))
            except Exception:  # noqa: BLE001 - a submodule that needs what is not installed
                continue
    return found


def classes_of(modules):
    """The classes each module defines, and those it exports in __all__ (collections.abc's
    come from _collections_abc, io's from _io)."""
    names = {m.__name__ for m in modules}
    seen, out = set(), []
    for m in modules:
        exported = set(getattr(m, "__all__", ()))
        for key, value in vars(m).items():
            if not isinstance(value, type) or value in seen:
                continue
            if value.__module__ in names or key in exported:
                seen.add(value)
                out.append(value)
    return out


def build_model(module_names, title=None):
    modules = [m for name in module_names for m in defining_modules(name)]
    emitter = Emitter()
    for cls in classes_of(modules):
        emitter.emit(cls)
    return {
        "format": "dunderscope/1",
        "title": title or "Python " + ", ".join(module_names),
        "notes": "Generated by tools/py2model.py from Python "
                 f"{sys.version.split()[0]}: functions are stubs that raise NotImplementedError "
                 "(the docstring is the real signature); values JSON cannot hold are "
                 "\"<py2model: REPR>\" strings; builtin bases are stood in for by classes of the "
                 "same name. Each class's \"x-python\" is its real qualified name.",
        "classes": emitter.classes,
    }


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("modules", nargs="+", metavar="MODULE")
    p.add_argument("-o", "--output", help="write the model here (default: standard output)")
    p.add_argument("--title")
    args = p.parse_args(argv)
    try:
        model = build_model(args.modules, args.title)
    except ImportError as e:
        print(f"py2model: {e}", file=sys.stderr)
        return 1
    text = json.dumps(model, indent=1, ensure_ascii=False) + "\n"
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
