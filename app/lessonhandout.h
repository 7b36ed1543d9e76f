// The data of a lesson handout (views/handout.h): the model's script run step by step in a
// fresh session, with what the window would show after each step.
#pragma once

#include "handout.h"
#include "session.h"

#include <QString>

namespace ds {

// Runs every script step of `session` (freshly loaded: the handout starts where the model
// starts). source: the model file, named on the title page.
Handout make_handout(Session& session, const QString& source);

} // namespace ds
