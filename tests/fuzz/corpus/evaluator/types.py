import types, functools
types.ModuleType('m'), functools.cached_property