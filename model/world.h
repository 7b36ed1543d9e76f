// The World: one loaded model's heap, builtin types, namespaces and run-time limits.
#pragma once

#include "dict.h"
#include "objects.h"
#include "type.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ds {

class Tracer;
class Interpreter;

// A Python exception propagating through C++ (CPython's "error indicator set").
struct PyError {
    Value exc; // an exception instance
};

// Thrown when a statement runs past the instruction budget. Python code cannot catch it.
struct BudgetExceeded {};

// A World's run-time limits. The defaults are the spec's; the fuzzers lower the budget and the
// memory limits so that every input runs quickly.
struct Limits {
    int recursion_limit = 1000;                  // Python call depth (RecursionError past it)
    uint64_t step_limit = 20'000'000;            // the instruction budget (BudgetExceeded)
    size_t allocation_limit = size_t(256) << 20; // bytes one container may take (MemoryError)
    // Bytes the whole process may hold (resident memory) when a container grows: many
    // containers that each fit must not exhaust the machine either (MemoryError).
    size_t memory_limit = size_t(2) << 30;
};

struct Types {
    TypeObject *object, *type, *none, *bool_, *int_, *float_, *str, *list, *tuple, *dict;
    TypeObject *function, *builtin_function, *method_descriptor, *wrapper_descriptor;
    TypeObject *getset_descriptor, *member_descriptor, *method, *property, *classmethod;
    TypeObject *staticmethod, *cached_property, *module, *super, *mappingproxy, *range;
    TypeObject *iterator, *frame, *store, *ellipsis, *dict_keys, *dict_values, *dict_items, *cell;
    TypeObject* not_implemented_type;
    // exceptions
    TypeObject *BaseException, *Exception, *AttributeError, *TypeError, *ValueError;
    TypeObject *LookupError, *KeyError, *IndexError, *NameError, *UnboundLocalError;
    TypeObject *RuntimeError, *RecursionError, *NotImplementedError, *OSError, *ConnectionError;
    TypeObject *ArithmeticError, *OverflowError, *ZeroDivisionError, *AssertionError;
    TypeObject *StopIteration, *MemoryError, *ImportError, *ModuleNotFoundError, *SyntaxError;
};

class World;

// CPython's Py_EnterRecursiveCall: builtin code that recurses into nested values (repr,
// comparison, isinstance with nested tuples) counts against the same depth as Python calls, so
// that a structure nested a million deep ends in RecursionError ("maximum recursion depth
// exceeded" + `where`, CPython's message) instead of overflowing the C++ stack.
class RecursionGuard {
  public:
    RecursionGuard(World& w, const char* where);
    ~RecursionGuard() { --depth_; }
    RecursionGuard(const RecursionGuard&) = delete;
    RecursionGuard& operator=(const RecursionGuard&) = delete;

  private:
    int& depth_;
};

class World {
  public:
    World();
    ~World();
    World(const World&) = delete;
    World& operator=(const World&) = delete;

    Heap heap; // first member: destroyed last, after everything that points into it
    Types types{};
    Ref<DictObject> builtins;
    Ref<DictObject> globals; // the model's namespace
    Ref<DictObject> modules; // what `import` finds (json, functools, types), as sys.modules
    Value not_implemented;   // the NotImplemented singleton
    // The builtin attribute hooks, to tell when a class overrides them.
    struct Hooks {
        Value object_getattribute, object_setattr, object_delattr;
        Value type_getattribute, type_setattr, type_delattr;
        Value module_getattribute, super_getattribute;
    } hooks;
    Interpreter& interpreter() { return *interpreter_; }

    // Tracing: null when off, so the hot paths pay one pointer test.
    Tracer* tracer = nullptr;
    std::string output; // text written by print() during the current statement
    // Static mode (inspect.h): lookups record what they would do but run no model code and
    // change nothing (descriptors, hooks and __getattr__ are not called; dicts are not written).
    bool static_mode = false;
    // Interactive (the REPL's 'single' mode): module-level expression statements inside a
    // larger statement print their value, as the Python REPL does.
    bool interactive = false;

    // Limits: Python call depth (RecursionError past it) and the instruction budget.
    int call_depth = 0;
    int recursion_limit = Limits{}.recursion_limit;
    uint64_t steps = 0;
    uint64_t step_limit = Limits{}.step_limit;
    size_t allocation_limit = Limits{}.allocation_limit;
    size_t memory_limit = Limits{}.memory_limit;
    void set_limits(const Limits& limits);

    // Parsed code lives as long as the World: frames and functions point into it.
    template <class T> const T& keep(std::shared_ptr<T> code) {
        kept_code_.push_back(code);
        return *code;
    }

    // Values
    Ref<StrObject> str(std::string s);
    Value tuple(std::vector<Value> items);
    Ref<ListObject> list(std::vector<Value> items = {});
    Ref<DictObject> dict();
    Ref<TypeObject> builtin_type(const char* name); // for setup only

    // Errors: build an exception instance and throw it.
    Value new_exception(TypeObject* type, std::vector<Value> args);
    [[noreturn]] void raise(TypeObject* type, const std::string& message);
    [[noreturn]] void raise_value(TypeObject* type, Value arg); // e.g. KeyError(key)
    void check_allocation(size_t count, size_t item_size);      // MemoryError past the limits

  private:
    std::unique_ptr<Interpreter> interpreter_;
    std::vector<std::shared_ptr<const void>> kept_code_;
    size_t requested_since_memory_check_ = 0; // bytes check_allocation saw since it last measured
};

} // namespace ds
