// Fuzz target: bytes -> model, through load_model (the entry the CLI and the window use): the
// JSON reader, the format checks, the code parser and the build, which runs the model's code.
#include "fuzzlimits.h"
#include "session.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    ds::run_with_large_stack([&] {
        ds::LoadResult loaded = ds::load_model(text, "fuzz.json", dsfuzz::kLimits);
        // A model that loads runs its lesson script too, as the window's script steps do.
        if (loaded.session)
            for (size_t i = 0; i < loaded.session->script_size(); ++i)
                loaded.session->run_script_step(i);
    });
    return 0;
}
