// The lesson handout: a PDF for the classroom. The first page has the lesson's title and notes;
// then one page per script step with the statement, its result, the precedence chain of its
// main lookup and the state after it (the instance's __dict__ and the stores), each drawn by
// the same view as on screen. Draws plain data only: the caller runs the script.
#pragma once

#include "events.h"
#include "inspect.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace ds {

struct HandoutStep {
    QString statement;
    bool ok = true;
    QString result; // the value's repr, "" when there is none; "Type: message" when !ok
    QString output; // what the statement printed
    // The chain of the statement's main lookup (empty title: it looked nothing up).
    QString chain_title;
    std::vector<Event> static_events, dynamic_events;
    // The state after the statement: the looked-up object (empty: none yet) and the stores.
    QString object;
    std::vector<StateEntry> state;
    std::vector<StoreState> stores; // empty when the model has none
};

struct Handout {
    QString title;
    QString notes;  // Markdown
    QString source; // the model file, named under the title
    std::vector<HandoutStep> steps;
};

// The handout as a PDF document: 1 + steps.size() pages, A4, text selectable, fonts embedded.
QByteArray handout_to_pdf(const Handout& handout);

} // namespace ds
