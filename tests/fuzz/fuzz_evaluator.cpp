// Fuzz target: bytes -> script statements, parsed and run (traced, as the window's console
// runs them) against a small fixed model that has each kind of attribute: properties, a data
// descriptor class, slots, a metaclass, cached_property, __getattr__, __getattribute__,
// __set_name__, a store and a module with PEP 562 __getattr__. Each input gets a fresh model,
// so that every run is reproducible on its own.
#include "fuzzlimits.h"
#include "session.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

const char* const kModel = R"JSON({"format": "dunderscope/1",
 "stores": [{"name": "store", "data": {"user:1": "\"ada@example.org\""}, "fail_keys": ["bad"]}],
 "classes": [
  {"name": "Meta", "bases": ["type"], "attrs": {
     "kind": {"kind": "property", "get": "def kind(cls):\n    return 'class ' + cls.__name__"}}},
  {"name": "Field", "attrs": {
     "__set_name__": {"kind": "function", "source": "def __set_name__(self, owner, name):\n    self.key = name"},
     "__get__": {"kind": "function", "source": "def __get__(self, obj, objtype=None):\n    if obj is None:\n        return self\n    return store.get(self.key)"},
     "__set__": {"kind": "function", "source": "def __set__(self, obj, value):\n    store.set(self.key, value)"}}},
  {"name": "Base", "metaclass": "Meta", "slots": ["name"], "attrs": {
     "__init__": {"kind": "function", "source": "def __init__(self, name='b'):\n    self.name = name"},
     "who": {"kind": "function", "source": "def who(self):\n    return ['Base']"}}},
  {"name": "Person", "bases": ["Base"], "attrs": {
     "species": "human",
     "email": {"kind": "expr", "expr": "Field()"},
     "full": {"kind": "property", "get": "def full(self):\n    return self.name.upper()", "set": "def full(self, v):\n    self.name = v"},
     "cached": {"kind": "cached_property", "source": "def cached(self):\n    return [self.name]"},
     "make": {"kind": "classmethod", "source": "def make(cls):\n    return cls('made')"},
     "twice": {"kind": "staticmethod", "source": "def twice(x):\n    return x * 2"},
     "who": {"kind": "function", "source": "def who(self):\n    return ['Person'] + super().who()"},
     "__getattr__": {"kind": "function", "source": "def __getattr__(self, name):\n    return 'missing ' + name"}}},
  {"name": "Guarded", "attrs": {
     "__getattribute__": {"kind": "function", "source": "def __getattribute__(self, name):\n    if name.startswith('_'):\n        raise AttributeError(name)\n    return object.__getattribute__(self, name)"},
     "__repr__": {"kind": "function", "source": "def __repr__(self):\n    return 'Guarded()'"}}},
  {"name": "Lazy", "bases": ["module"], "attrs": {
     "answer": {"kind": "property", "get": "def answer(self):\n    return 42"}}}
 ],
 "modules": [{"name": "config", "class": "Lazy", "dict": {"debug": true,
     "__getattr__": {"kind": "function", "source": "def __getattr__(name):\n    return name * 2"}}}],
 "instances": [{"name": "ada", "new": "Person('ada')"}, {"name": "g", "new": "Guarded()"},
               {"name": "raw", "class": "Person", "dict": {"extra": [1, 2]}}]
})JSON";

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view code(reinterpret_cast<const char*>(data), size);
    ds::run_with_large_stack([&] {
        ds::LoadResult loaded = ds::load_model(kModel, "fuzz.json", dsfuzz::kLimits);
        if (!loaded.session) __builtin_trap(); // the fixed model must load
        loaded.session->run(code, /*trace=*/true, /*interactive=*/true);
    });
    return 0;
}
