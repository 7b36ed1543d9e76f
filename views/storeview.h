// The stores: for each mock external store a card with its name, latency and state (up or
// down), its counters (reads, hits, misses, writes, deletes, failures) and its keys and stored
// values, failing keys marked. During a replay (ioreplay.h) the step in progress is drawn on
// it: the key glows on a read hit, a missing key appears as a ghost on a miss, a written value
// changes half-way through its round trip, a deleted key fades, a failure turns red.
//
// Live controls (context menu, double-click): take a store down or up, change its latency,
// make a key fail or heal it, add a failing key, edit a stored value as another writer would.
// The view only asks (signals); the window changes the model and shows the new state.
//
// All painting goes through render_to(), so exports draw exactly what the screen shows.
#pragma once

#include "inspect.h"
#include "storeio.h"

#include <QHash>
#include <QPointF>
#include <QString>
#include <QWidget>

#include <optional>
#include <vector>

class QPainter;
class QRectF;

namespace ds {

class StoreView : public QWidget {
    Q_OBJECT
  public:
    explicit StoreView(QWidget* parent = nullptr);

    void show_stores(const std::vector<StoreState>& stores);
    const std::vector<StoreState>& stores() const { return stores_; }

    // Who caches each key ("ada._email_cached"), shown under the value; stale copies in the
    // error colour. Keys: "store\nkey".
    struct Cached {
        QString where;
        bool stale = false;
    };
    void set_cached(const QHash<QString, QList<Cached>>& cached);

    // The replay step in progress, at t in 0..1; none when nothing plays.
    void set_activity(const IoStep& step, double t);
    void clear_activity();
    std::optional<IoStep> activity() const { return activity_; }

    // Where a value leaves or arrives for a key (widget coordinates): the value cell of its
    // row, the ghost row of a missing key, or the card's header when key is empty.
    QPointF key_anchor(const QString& store, const QString& key) const;

    void render_to(QPainter& painter, const QRectF& target) const;
    void apply_theme();

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

  signals:
    void downRequested(const QString& store, bool down);
    void latencyRequested(const QString& store, double ms);
    void failingKeyRequested(const QString& store, const QString& key, bool failing);
    void externalWriteRequested(const QString& store, const QString& key, const QString& text);

  protected:
    void paintEvent(QPaintEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void changeEvent(QEvent* event) override;

  private:
    // Where each part is, at the widget's width (computed for painting and hit testing).
    struct Row {
        QString key, value;
        QRectF rect;
        bool failing = false;
        bool ghost = false; // the missing key of the step in progress
    };
    struct Card {
        int store = 0; // index into stores_
        QRectF rect, header;
        std::vector<Row> rows;
    };
    std::vector<Card> layout(double width) const;
    void paint_card(QPainter& p, const Card& card) const;
    void paint_counters(QPainter& p, const QRectF& line, const StoreObject::Counters& c) const;
    struct Hit {
        int store;
        std::optional<Row> row;
    };
    std::optional<Hit> hit(const QPointF& pos) const; // the card (and row) under pos
    bool is_active(const QString& store, const QString& key) const;
    void ask_value(const QString& store, const QString& key, const QString& current);

    std::vector<StoreState> stores_;
    QHash<QString, QList<Cached>> cached_;
    std::optional<IoStep> activity_;
    double activity_t_ = 0;
};

} // namespace ds
