#!/usr/bin/env python3
"""CPython oracle for Dunderscope's differential tests.

    python3 reference.py [eval] MODEL.json [--json] [--script] [--show-source] [STATEMENT ...]

Builds the model by running the *reference translation* of
shared/spec/model-format.md in CPython, then runs the statements (the
command-line ones, or the model's "script" with --script, followed by any
command-line ones) one at a time in the model's namespace, and prints the
`eval --json` document of shared/spec/cli.md.  `eval` and `--json` are accepted
(and ignored) so that this script can stand in for `dunderscope eval --json`.
--show-source prints the generated Python program instead and exits.

Extension (see README.md): a result gets an "output" key with the text the
statement printed, only when it printed something; the document gets a
top-level "output" key with what loading the model printed, only when non-empty.

Exit status: 0 when the model loads (statement errors are results), 1 when it
does not load, 2 for a bad command line.
"""

import builtins
import contextlib
import io
import json
import keyword
import re
import sys
import tokenize
import warnings

FORMAT = "dunderscope/1"
BUILTIN_BASES = ("object", "type", "module", "Exception")
FIXED_GLOBALS = ("json", "functools", "types", "module", "cached_property", "MemoryStore")

# The prelude of the reference translation.  MemoryStore keeps its state in
# four private attributes; only get/set/delete/keys are part of the contract.
PRELUDE = '''\
import functools, json, types
module = types.ModuleType
cached_property = functools.cached_property

class MemoryStore:
    def __init__(self, name, data, down=False, fail_keys=()):
        self._name = name
        self._data = dict(data)
        self._down = down
        self._fail_keys = tuple(fail_keys)

    def _check(self, key):
        if self._down:
            raise ConnectionError(f"store '{self._name}' is unavailable")
        if key is not None and key in self._fail_keys:
            raise ConnectionError(f"store '{self._name}' failed on key '{key}'")

    def get(self, key):
        self._check(key)
        return self._data.get(key)

    def set(self, key, value):
        self._check(key)
        self._data[key] = value

    def delete(self, key):
        self._check(key)
        self._data.pop(key, None)

    def keys(self):
        self._check(None)
        return sorted(self._data)
'''

_ADDR = re.compile(r" at 0x[0-9a-fA-F]+")


def normalize(text):
    """The spec's repr normalisation: no `__main__.` prefix, no ` at 0x...`."""
    return _ADDR.sub("", text.replace("__main__.", ""))


class ModelError(Exception):
    pass


# --------------------------------------------------------------------------
# Validation (light: enough to refuse files that break the format)
# --------------------------------------------------------------------------

def _is_ident(s):
    return isinstance(s, str) and s.isidentifier() and not keyword.iskeyword(s)


def _check_keys(obj, allowed, where, required=()):
    if not isinstance(obj, dict):
        raise ModelError(f"{where}: expected an object")
    for k in obj:
        if k not in allowed and not k.startswith("x-"):
            raise ModelError(f"{where}: unknown key '{k}'")
    for k in required:
        if k not in obj:
            raise ModelError(f"{where}: missing key '{k}'")


def _parse(code, mode, where):
    if not isinstance(code, str):
        raise ModelError(f"{where}: expected a string")
    try:
        return compile(code, where, mode, dont_inherit=True, flags=0x400)  # PyCF_ONLY_AST
    except SyntaxError as e:
        raise ModelError(f"{where}: line {e.lineno}: {e.msg}") from None


def _check_def(code, where):
    import ast
    tree = _parse(code, "exec", where)
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.FunctionDef):
        raise ModelError(f"{where}: expected exactly one def")


ATTR_KINDS = {
    "value": ("value",),
    "expr": ("expr",),
    "function": ("source",),
    "property": (),
    "classmethod": ("source",),
    "staticmethod": ("source",),
    "cached_property": ("source",),
}


def _check_attr(name, a, where):
    if not _is_ident(name):
        raise ModelError(f"{where}: '{name}' is not an identifier")
    if not isinstance(a, dict):
        return
    kind = a.get("kind")
    if kind not in ATTR_KINDS:
        raise ModelError(f"{where}: bad or missing kind {kind!r}")
    if kind == "property":
        _check_keys(a, ("kind", "get", "set", "delete", "doc"), where)
        for part in ("get", "set", "delete"):
            if part in a:
                _check_def(a[part], f"{where}/{part}")
        if "doc" in a and not isinstance(a["doc"], str):
            raise ModelError(f"{where}/doc: expected a string")
        return
    _check_keys(a, ("kind",) + ATTR_KINDS[kind], where, required=ATTR_KINDS[kind])
    if kind == "expr":
        _parse(a["expr"], "eval", f"{where}/expr")
    elif kind != "value":
        _check_def(a["source"], f"{where}/source")


def _check_attrs(attrs, where):
    if not isinstance(attrs, dict):
        raise ModelError(f"{where}: expected an object")
    for k, v in attrs.items():
        _check_attr(k, v, f"{where}/{k}")


def validate(model, check_script):
    _check_keys(model, ("format", "title", "notes", "stores", "classes", "modules",
                        "instances", "script"), "", required=("format",))
    if model["format"] != FORMAT:
        raise ModelError(f"/format: expected '{FORMAT}'")
    for k in ("title", "notes"):
        if k in model and not isinstance(model[k], str):
            raise ModelError(f"/{k}: expected a string")
    names = set()

    def new_name(n, where):
        if not _is_ident(n):
            raise ModelError(f"{where}/name: not an identifier")
        if n in names:
            raise ModelError(f"{where}/name: duplicate name '{n}'")
        names.add(n)

    for i, s in enumerate(model.get("stores", [])):
        w = f"/stores/{i}"
        _check_keys(s, ("name", "data", "latency_ms", "down", "fail_keys"), w, ("name",))
        new_name(s["name"], w)
        d = s.get("data", {})
        if not isinstance(d, dict) or not all(isinstance(v, str) for v in d.values()):
            raise ModelError(f"{w}/data: expected an object of strings")
        lat = s.get("latency_ms", 0)
        if isinstance(lat, bool) or not isinstance(lat, (int, float)) or lat < 0:
            raise ModelError(f"{w}/latency_ms: expected a number >= 0")
        if not isinstance(s.get("down", False), bool):
            raise ModelError(f"{w}/down: expected a bool")
        fk = s.get("fail_keys", [])
        if not isinstance(fk, list) or not all(isinstance(k, str) for k in fk):
            raise ModelError(f"{w}/fail_keys: expected an array of strings")
    classes = set()
    for i, c in enumerate(model.get("classes", [])):
        w = f"/classes/{i}"
        _check_keys(c, ("name", "bases", "metaclass", "slots", "doc", "attrs"), w, ("name",))
        for b in c.get("bases", []):
            if b not in BUILTIN_BASES and b not in classes:
                raise ModelError(f"{w}/bases: unknown base '{b}'")
        if "metaclass" in c and c["metaclass"] not in classes and c["metaclass"] != "type":
            raise ModelError(f"{w}/metaclass: unknown class '{c['metaclass']}'")
        if "slots" in c and (not isinstance(c["slots"], list)
                             or not all(_is_ident(s) for s in c["slots"])):
            raise ModelError(f"{w}/slots: expected an array of identifiers")
        if "doc" in c and not isinstance(c["doc"], str):
            raise ModelError(f"{w}/doc: expected a string")
        _check_attrs(c.get("attrs", {}), f"{w}/attrs")
        new_name(c["name"], w)
        classes.add(c["name"])
    for i, m in enumerate(model.get("modules", [])):
        w = f"/modules/{i}"
        _check_keys(m, ("name", "class", "dict"), w, ("name",))
        new_name(m["name"], w)
        if "class" in m and m["class"] not in classes:
            raise ModelError(f"{w}/class: unknown class '{m['class']}'")
        _check_attrs(m.get("dict", {}), f"{w}/dict")
    for i, o in enumerate(model.get("instances", [])):
        w = f"/instances/{i}"
        _check_keys(o, ("name", "new", "class", "dict", "slots"), w, ("name",))
        new_name(o["name"], w)
        if ("new" in o) == ("class" in o):
            raise ModelError(f"{w}: exactly one of 'new' and 'class' is required")
        if "new" in o:
            _parse(o["new"], "eval", f"{w}/new")
        elif o["class"] not in classes:
            raise ModelError(f"{w}/class: unknown class '{o['class']}'")
        _check_attrs(o.get("dict", {}), f"{w}/dict")
        _check_attrs(o.get("slots", {}), f"{w}/slots")
    script = model.get("script", [])
    if not isinstance(script, list):
        raise ModelError("/script: expected an array of strings")
    for i, stmt in enumerate(script):
        if check_script:
            _parse(stmt, "exec", f"/script/{i}")
        elif not isinstance(stmt, str):
            raise ModelError(f"/script/{i}: expected a string")


# --------------------------------------------------------------------------
# Translation to Python source
# --------------------------------------------------------------------------

def _tokens(source):
    try:
        return list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None


def rename_def(source, name):
    """Replace the name written after the first `def` with `name`."""
    toks = _tokens(source)
    if toks:
        for i, t in enumerate(toks[:-1]):
            if t.type == tokenize.NAME and t.string == "def" and toks[i + 1].type == tokenize.NAME:
                n = toks[i + 1]
                lines = source.split("\n")  # the rows tokenize counts
                row, col = n.start
                line = lines[row - 1]
                lines[row - 1] = line[:col] + name + line[n.end[1]:]
                return "\n".join(lines)
    return re.sub(r"\bdef\s+\w+", "def " + name, source, count=1)


def indent(source, prefix):
    """Indent every line except those that continue a multi-line string literal."""
    lines = source.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    keep = set()
    toks = _tokens(source if source.endswith("\n") else source + "\n")
    if toks:
        for t in toks:
            if t.type == tokenize.STRING and t.end[0] > t.start[0]:
                keep.update(range(t.start[0] + 1, t.end[0] + 1))
    return "".join((line if i in keep else prefix + line) + "\n"
                   for i, line in enumerate(lines, start=1))


def _value_src(v):
    return repr(v)


class Emitter:
    def __init__(self):
        self.out = []
        self.tmp = 0
        self.defined = set(FIXED_GLOBALS) | {"__name__", "__builtins__"}

    def line(self, text, ind=""):
        self.out.append(ind + text + "\n")

    def code(self, source, ind):
        self.out.append(indent(source, ind))

    def fresh(self):
        self.tmp += 1
        return f"_ds_tmp{self.tmp}"

    # ---- class bodies: NAME = <attribute> ---------------------------------
    def class_attr(self, name, a, ind):
        if not isinstance(a, dict):
            self.line(f"{name} = {_value_src(a)}", ind)
            return
        kind = a["kind"]
        if kind == "value":
            self.line(f"{name} = {_value_src(a['value'])}", ind)
        elif kind == "expr":
            self.line(f"{name} = ({a['expr']}", ind)
            self.line(")", ind)
        elif kind == "function":
            self.code(rename_def(a["source"], name), ind)
        elif kind in ("classmethod", "staticmethod", "cached_property"):
            self.code(rename_def(a["source"], name), ind)
            self.line(f"{name} = {kind}({name})", ind)
        elif kind == "property":
            parts = []
            for part in ("get", "set", "delete"):
                if part in a:
                    tmp = f"_ds_f{part}"
                    self.code(rename_def(a[part], name), ind)
                    self.line(f"{tmp} = {name}", ind)
                    parts.append(tmp)
                else:
                    parts.append("None")
            doc = _value_src(a["doc"]) if "doc" in a else "None"
            self.line(f"{name} = property({', '.join(parts)}, {doc})", ind)
            temps = [p for p in parts if p != "None"]
            if temps:
                self.line(f"del {', '.join(temps)}", ind)

    # ---- module / instance dicts: an expression for the value --------------
    def value_expr(self, name, a):
        """Emit any top-level code needed and return an expression for the value."""
        if not isinstance(a, dict):
            return _value_src(a)
        kind = a["kind"]
        if kind == "value":
            return _value_src(a["value"])
        if kind == "expr":
            return f"({a['expr']}\n)"

        def define(source):
            # A module-level function named after the key (its __qualname__ is
            # the key); the global is removed again (restored if it existed).
            tmp = self.fresh()
            saved = None
            if name in self.defined:
                saved = self.fresh()
                self.line(f"{saved} = {name}")
            self.code(rename_def(source, name), "")
            self.line(f"{tmp} = {name}")
            if saved:
                self.line(f"{name} = {saved}")
                self.line(f"del {saved}")
            else:
                self.line(f"del {name}")
            self.pending.append(tmp)
            return tmp

        if kind == "function":
            return define(a["source"])
        if kind in ("classmethod", "staticmethod", "cached_property"):
            return f"{kind}({define(a['source'])})"
        if kind == "property":
            parts = [define(a[p]) if p in a else "None" for p in ("get", "set", "delete")]
            doc = _value_src(a["doc"]) if "doc" in a else "None"
            return f"property({', '.join(parts)}, {doc})"
        raise AssertionError(kind)

    def dict_update(self, target, entries):
        if not entries:
            return
        self.pending = []
        items = [f"{k!r}: {self.value_expr(k, v)}" for k, v in entries.items()]
        self.line(f"{target}.__dict__.update({{" + ", ".join(items) + "})")
        if self.pending:
            self.line(f"del {', '.join(self.pending)}")

    # ---- the program ------------------------------------------------------
    def model(self, m):
        self.out.append(PRELUDE)
        self.line("")
        for s in m.get("stores", []):
            args = [repr(s["name"]), repr(dict(s.get("data", {})))]
            if s.get("down", False):
                args.append("down=True")
            if s.get("fail_keys"):
                args.append(f"fail_keys={tuple(s['fail_keys'])!r}")
            self.line(f"{s['name']} = MemoryStore({', '.join(args)})")
            self.defined.add(s["name"])
        for c in m.get("classes", []):
            self.line("")
            heads = list(c.get("bases", []))
            if "metaclass" in c:
                heads.append(f"metaclass={c['metaclass']}")
            self.line(f"class {c['name']}({', '.join(heads)}):" if heads
                      else f"class {c['name']}:")
            n = len(self.out)
            if "slots" in c:
                self.line(f"__slots__ = {tuple(c['slots'])!r}", "    ")
            if "doc" in c:
                self.line(f"__doc__ = {c['doc']!r}", "    ")
            for k, a in c.get("attrs", {}).items():
                self.class_attr(k, a, "    ")
            if len(self.out) == n:
                self.line("pass", "    ")
            self.defined.add(c["name"])
        for mod in m.get("modules", []):
            self.line("")
            self.line(f"{mod['name']} = types.ModuleType({mod['name']!r})")
            self.defined.add(mod["name"])
            self.dict_update(mod["name"], mod.get("dict", {}))
            if "class" in mod:
                self.line(f"{mod['name']}.__class__ = {mod['class']}")
        for o in m.get("instances", []):
            self.line("")
            if "new" in o:
                self.line(f"{o['name']} = ({o['new']}")
                self.line(")")
            else:
                self.line(f"{o['name']} = object.__new__({o['class']})")
            self.defined.add(o["name"])
            self.dict_update(o["name"], o.get("dict", {}))
            slots = o.get("slots", {})
            if slots:
                self.pending = []
                for k, v in slots.items():
                    self.line(f"object.__setattr__({o['name']}, {k!r}, {self.value_expr(k, v)})")
                if self.pending:
                    self.line(f"del {', '.join(self.pending)}")
        return "".join(self.out)


def translate(model):
    return Emitter().model(model)


# --------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------

def _error(e):
    return {"type": type(e).__name__, "message": normalize(str(e))}


def run_statement(stmt, ns):
    res = {"stmt": stmt}
    buf = io.StringIO()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. SyntaxWarning for `None()`
            try:
                code = compile(stmt, "<stmt>", "eval", dont_inherit=True)
                is_expr = True
            except SyntaxError:
                code = compile(stmt, "<stmt>", "exec", dont_inherit=True)
                is_expr = False
    except SyntaxError as e:
        res.update(ok=False, error={"type": "SyntaxError", "message": e.msg})
        return res
    try:
        with contextlib.redirect_stdout(buf):
            if is_expr:
                value = eval(code, ns)
                r = None if value is None else normalize(repr(value))
            else:
                exec(code, ns)
                r = None
        res.update(ok=True, repr=r)
    except BaseException as e:  # noqa: B036 - every Python exception is a result
        if isinstance(e, KeyboardInterrupt):
            raise
        res.update(ok=False, error=_error(e))
    out = buf.getvalue()
    if out:
        res["output"] = normalize(out)
    return res


def run(model, statements, check_script):
    """Return (exit status, document)."""
    try:
        validate(model, check_script)
        source = translate(model)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            code = compile(source, "<model>", "exec", dont_inherit=True)
    except ModelError as e:
        return 1, {"ok": False, "error": {"type": "ModelError", "message": str(e)}, "results": []}
    except SyntaxError as e:
        return 1, {"ok": False, "error": {"type": "ModelError", "message": f"syntax error: {e.msg}"},
                   "results": []}
    ns = {"__name__": "__main__", "__builtins__": builtins}
    buf = io.StringIO()
    doc = {"ok": True, "error": None, "results": []}
    try:
        with contextlib.redirect_stdout(buf):
            exec(code, ns)
    except BaseException as e:  # noqa: B036
        if isinstance(e, KeyboardInterrupt):
            raise
        doc = {"ok": False, "error": _error(e), "results": []}
    out = buf.getvalue()
    if out:
        doc["output"] = normalize(out)
    if not doc["ok"]:
        return 1, doc
    for stmt in statements:
        doc["results"].append(run_statement(stmt, ns))
    return 0, doc


def main(argv):
    args = list(argv)
    if args and args[0] == "eval":
        args.pop(0)
    use_script = show_source = False
    rest = []
    model_path = None
    for a in args:
        if a == "--script":
            use_script = True
        elif a in ("--json", "--trace"):
            pass  # accepted for command-line compatibility with `dunderscope eval`
        elif a == "--show-source":
            show_source = True
        elif model_path is None:
            if a.startswith("--"):
                print(f"reference.py: unknown option {a!r}", file=sys.stderr)
                return 2
            model_path = a
        else:
            rest.append(a)
    if model_path is None:
        print(__doc__.strip().splitlines()[1].strip(), file=sys.stderr)
        return 2
    try:
        with open(model_path, encoding="utf-8") as f:
            model = json.load(f)
    except (OSError, ValueError) as e:
        doc = {"ok": False, "error": {"type": "ModelError", "message": f"{model_path}: {e}"},
               "results": []}
        print(json.dumps(doc, indent=2, ensure_ascii=False))
        return 1
    if show_source:
        try:
            validate(model, False)
        except ModelError as e:
            print(f"ModelError: {e}", file=sys.stderr)
            return 1
        sys.stdout.write(translate(model))
        return 0
    statements = []
    if use_script and isinstance(model, dict):
        statements.extend(model.get("script", []))
    statements.extend(rest)
    status, doc = run(model, statements, check_script=use_script)
    print(json.dumps(doc, indent=2, ensure_ascii=False))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
