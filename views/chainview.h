// The precedence chain: why does Python find THAT value for obj.attr? For one lookup (get, set
// or delete) the stages of CPython's algorithm are drawn top to bottom as cards, each marked hit
// (the winner, in the accent colour), miss, not reached / skipped (dashed) or "runs code". The
// classes of the MRO that were checked are listed on the stage that searched them, the
// candidates the winner hid are struck through under it, code that a descriptor ran is
// summarised in one line, and the result (or the exception) closes the chain. Beside it, the
// static answer: what inspect.getattr_static finds without running any descriptor.
//
// The view draws events only (model/events.h): static ones from ds::static_lookup and dynamic
// ones from Session::run(statement, true).trace. It computes no Python semantics. All painting
// goes through render_to(), so exports (SVG, PDF, PNG) draw exactly what the screen shows.
// The height depends on the width (heightForWidth): put it in a QScrollArea with
// setWidgetResizable(true).
#pragma once

#include "events.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

class QPainter;
class QRectF;

namespace ds {

class ChainView : public QWidget {
    Q_OBJECT
  public:
    // One stage of the chain as shown. outcome: "hit", "miss", "not reached", "skipped",
    // "runs code" (the static chain stops where code would run) or "failed" (the stage was
    // decided but the lookup raised there).
    struct Stage {
        QString name; // e.g. "data descriptor", "instance __dict__",
                      // "non-data descriptor / class attribute" (until one of them hits)
        QString outcome;
        QStringList checked; // MRO classes checked for this stage: "Person ✓ full_name: <property
                             // object> (data descriptor)", "object –"
        bool winner = false;
    };

    explicit ChainView(QWidget* parent = nullptr);

    // title: what is looked up, e.g. "foo.full_name". static_events: ds::static_lookup(...);
    // dynamic_events: the trace of running the statement (empty when nothing was run yet).
    void show_chain(const QString& title, const std::vector<ds::Event>& static_events,
                    const std::vector<ds::Event>& dynamic_events);
    void clear();

    // Draws the whole picture into target (the screen uses it too).
    void render_to(QPainter& painter, const QRectF& target) const;

    // What is shown (for tests, the window's status line and accessibility).
    QString title() const { return title_; }
    QString op() const;           // get, set, delete ("" when empty)
    QList<Stage> stages() const;  // the main chain: dynamic, or static when nothing was run
    QString winner() const;       // "data descriptor in Person: <property object>", "" if none
    QStringList shadowed() const; // "instance __dict__ 'x'", "non-data descriptor in Person: ..."
    QString result() const;       // the value repr, "AttributeError: ...", "not run yet", ...
    bool result_is_error() const;
    bool has_run() const;           // dynamic events were given
    QString static_answer() const;  // the static column's answer ("<property object>", ...)
    QString nested_summary() const; // "property.__get__ ran 2 nested lookups", "" if none

    void apply_theme(); // fonts or zoom changed

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

  protected:
    void paintEvent(QPaintEvent* event) override;

  public:
    // The chain of one lookup read from its events (public for the implementation's helpers).
    struct Shadow {
        QString stage, owner, value, what;
    };
    struct Check { // one MroClass event
        QString owner, value, what;
        bool found = false;
    };
    struct Chain {
        bool valid = false;
        QString op, object, object_kind, name;
        QList<Stage> stages;
        QList<QList<Check>> checks; // per stage
        bool has_winner = false;
        int winner_index = -1;
        QString winner_stage, winner_owner, winner_what, winner_value;
        QList<Shadow> shadowed;
        bool has_result = false;
        QString result; // value repr or a description of what a set/delete did
        bool has_exception = false;
        QString exception;      // "Type: message"
        QString runner;         // "property.__get__": the code the lookup ran (dynamic)
        QString not_run;        // static: "property.__get__" that the real lookup would call
        bool runs_code = false; // static: the real lookup would run code here
        QString runs_code_where;
        int nested_lookups = 0, nested_dict_reads = 0, nested_dict_writes = 0,
            nested_store_reads = 0, nested_store_writes = 0, nested_calls = 0;
        QStringList printed;
    };

  private:
    // Paints (painter set) or only measures (painter null) the picture at rect's width, with
    // the fonts measured on device; returns the height used.
    double paint_all(QPainter* painter, QPaintDevice* device, const QRectF& rect) const;
    const Chain& shown() const { return has_run_ ? dynamic_ : static_; }

    QString title_;
    Chain static_;
    Chain dynamic_;
    bool has_run_ = false;
};

} // namespace ds
