// Fuzz target: bytes -> the Python-subset parser's three entries (a module of statements, one
// expression, one def), as code of a class so that name mangling runs too. A SyntaxError is
// the only way out; anything else (a crash, a sanitizer report, another exception) is a bug.
// It runs on the large stack, as every caller of the engine does.
#include "parser.h"
#include "session.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view code(reinterpret_cast<const char*>(data), size);
    ds::run_with_large_stack([&] {
        try {
            ds::parse_statements(code, "Fuzz");
        } catch (ds::SyntaxError&) {
        }
        try {
            ds::parse_expression(code);
        } catch (ds::SyntaxError&) {
        }
        try {
            ds::parse_function(code, "Fuzz");
        } catch (ds::SyntaxError&) {
        }
    });
    return 0;
}
